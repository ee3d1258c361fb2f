// NGOs: uncoordinated units self-deploy to the same place (duplicated effort, uncovered areas); coordination fixes it.
import { describe, expect, it } from 'vitest';
import { HouseholdState as S } from '../../../server/sim/household.ts';
import { checkCommand, createWorld, step } from '../../../server/sim/index.ts';
import { town } from './fixtures.ts';

const ngos = [
  { id: 'mdmc', name: 'MDMC', selfDeploy: true, responseDelay: 5, units: [{ id: 'mdmc-boat', kind: 'boat' as const, x: 30, y: 5, capacity: 4 }] },
  { id: 'lsm', name: 'LSM', selfDeploy: true, responseDelay: 5, units: [{ id: 'lsm-boat', kind: 'boat' as const, x: 30, y: 25, capacity: 4 }] },
];

/** Hurt households in both areas by hand (injured people stay put until a boat comes; no water needed). */
function strandBoth(w: ReturnType<typeof createWorld>) {
  const hh = w.households;
  for (let i = 0; i < hh.count; i++) if (i % 2 === 0) { hh.state[i] = S.Injured; hh.exposed[i] = 1; }
}

describe('NGO coordination', () => {
  it('uncoordinated NGOs self-deploy to the same area: duplicated effort and an uncovered area', () => {
    const w = createWorld(town({ ngos }), 1);
    strandBoth(w);
    for (let t = 0; t < 40; t++) step(w, []);
    expect(w.coordination.selfDeployed).toBe(2);
    expect(w.units[0].task).toBe(w.units[1].task);
    expect(w.coordination.duplicated).toBeGreaterThanOrEqual(1);
    expect(w.coordination.uncoveredAreaMinutes).toBeGreaterThan(30);
    expect(w.coordination.unmetAreas.length).toBe(1);
    expect(checkCommand(w, { type: 'task_unit', unitId: 'lsm-boat', area: 'b' })?.code).toBe('ngo_not_coordinated');
  });

  it('a coordination meeting at the posko brings them in: tasked to different areas, nothing duplicated or unmet', () => {
    const w = createWorld(town({ ngos }), 1);
    strandBoth(w);
    expect(checkCommand(w, { type: 'hold_coordination_meeting' })?.code).toBe('no_posko');
    step(w, [{ type: 'activate_posko' }, { type: 'hold_coordination_meeting' }]);
    step(w, [{ type: 'task_unit', unitId: 'mdmc-boat', area: 'a' }, { type: 'task_unit', unitId: 'lsm-boat', area: 'b' }]);
    for (let t = 0; t < 40; t++) step(w, []);
    expect(w.coordination.selfDeployed).toBe(0);
    expect(w.coordination.duplicated).toBe(0);
    expect(w.coordination.unmetAreas.length).toBe(0);
    expect(w.units[0].rescued + w.units[1].rescued).toBeGreaterThan(0);
    expect(w.coordination.routed).toBe(2);
  });

  it('a busy unit is refused unless queued, and a queued task follows the first', () => {
    const w = createWorld(town({ ngos: [{ id: 'pmi', name: 'PMI', units: [{ id: 'boat', kind: 'boat', x: 30, y: 15, capacity: 50 }] }] }), 1);
    strandBoth(w);
    step(w, [{ type: 'task_unit', unitId: 'boat', area: 'a' }]);
    expect(checkCommand(w, { type: 'task_unit', unitId: 'boat', area: 'b' })?.code).toBe('unit_busy');
    step(w, [{ type: 'task_unit', unitId: 'boat', area: 'b', queue: true }]);
    for (let t = 0; t < 120; t++) step(w, []);
    const hh = w.households;
    let left = 0;
    for (let i = 0; i < hh.count; i++) if (hh.state[i] === S.Injured) left++;
    expect(left).toBe(0);
  });
});
