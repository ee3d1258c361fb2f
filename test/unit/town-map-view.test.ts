// What the town maps are sent (server/drill/view.ts): TES apart from shelters, facility kinds, landslide zones with
// a label cell, embankments and their breached cells, named rivers and edge water; failed zones in the view, sent
// in a delta once when they fail (docs/towns.md#what-the-map-shows).
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffViews, mapInfo, projectTeamView } from '../../server/drill/view.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { applyEffect, createWorld, step } from '../../server/sim/index.ts';

const DIR = resolve(import.meta.dirname, '..', '..', 'scenarios');

describe('town map view', () => {
  it('marks the TES as vertical, gives facilities their kind and names rivers and the edge water', () => {
    const { scenario: sc } = loadScenario(join(DIR, 'pariaman-tsunami'));
    const m = mapInfo(sc);
    expect(m.shelters.filter((s) => s.vertical).map((s) => s.id)).toEqual(['tes-kampung-pondok', 'tes-karan-aur', 'tes-kampung-perak']);
    expect(m.shelters.filter((s) => !s.vertical).every((s) => !('vertical' in s))).toBe(true);
    expect(m.facilities?.map((f) => f.kind)).toEqual(sc.facilities!.map((f) => f.kind));
    const names = m.rivers!.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(sc.rivers!.map((r) => r.name)));
    const sea = m.rivers!.find((r) => r.boundary)!;
    expect(sea.name).toBe('laut');
    // Labelled on the water it names.
    expect(sc.landUse[sea.y * sc.width + sea.x]).toBe(0);
  });

  it('puts each landslide zone label on one of its cells and sends a failed zone once', () => {
    const { scenario: sc } = loadScenario(join(DIR, 'sibolga'));
    const m = mapInfo(sc);
    for (const z of sc.landslides!) {
      const info = m.landslides!.find((x) => x.id === z.id)!;
      expect(z.cells).toContain(info.y! * sc.width + info.x!);
    }
    const w = createWorld(sc, 1);
    step(w, []);
    const before = projectTeamView(w, 'tim-a');
    expect(before.view.slidZones).toEqual([]);
    expect(applyEffect(w, { kind: 'landslide', zoneId: 'longsor-angin-nauli' })).toBeNull();
    step(w, []);
    const after = projectTeamView(w, 'tim-a');
    expect(after.view.slidZones).toEqual(['longsor-angin-nauli']);
    expect(after.view.landslides!.length).toBeGreaterThan(0);
    expect(diffViews(before, after).slidZones).toEqual(['longsor-angin-nauli']);
    step(w, []);
    expect(diffViews(after, projectTeamView(w, 'tim-a')).slidZones).toBeUndefined();
  });

  it('sends the embankment line and, once it breaches, the crest cells of the gap as it widens', () => {
    const { scenario: sc } = loadScenario(join(DIR, 'batanghari'));
    const m = mapInfo(sc);
    const e = sc.embankments![0];
    expect(m.embankments).toEqual([{ id: e.id, name: e.name, cells: e.cells }]);
    const w = createWorld(sc, 1);
    expect(projectTeamView(w, 'tim-a').view.breaches).toEqual([]);
    // A gap three cells wide around crest cell 5 (breach state as server/sim/breach.ts keeps it).
    w.hazards.breaches[0] = { startTick: 0, centre: 5, width: 3 * sc.cellSize, bottom: e.breachLevel };
    expect(projectTeamView(w, 'tim-a').view.breaches).toEqual([e.cells[4], e.cells[5], e.cells[6]]);
  });
});
