// What a click on the editor map writes into an MSEL effect or expected-action cell (client/pages/editor-pick.ts).
import { describe, expect, it } from 'vitest';
import { acceptedKinds, actionKinds, pickIntoAction, pickIntoEffect } from '../../client/pages/editor-pick.ts';
import { parseEffect } from '../../server/sim/index.ts';
import { parseExpectedAction } from '../../server/protocol/expected-action.ts';

describe('picking an MSEL place on the editor map', () => {
  it('writes an effect the engine parses when the cell is empty', () => {
    for (const [kind, want] of [['hood', 'complaint(karan-aur, no_rescue)'], ['unit', 'unit_unavailable(karan-aur)'], ['facility', 'facility_flood(karan-aur)'], ['zone', 'landslide(karan-aur)']] as const) {
      const out = pickIntoEffect('', { kind, id: 'karan-aur' });
      expect(out).toBe(want);
      expect(typeof parseEffect(out!)).toBe('object');
    }
    expect(pickIntoEffect('', { kind: 'shelter', id: 'gor' })).toBeNull();
  });

  it('replaces the place of a written effect and keeps its other arguments', () => {
    expect(pickIntoEffect('hoax(all, Tanggul jebol, lari!)', { kind: 'hood', id: 'pasir' })).toBe('hoax(pasir, Tanggul jebol, lari!)');
    expect(pickIntoEffect('complaint(x, turned_away)', { kind: 'hood', id: 'pasir' })).toBe('complaint(pasir, turned_away)');
    expect(pickIntoEffect('ngo_offer()', { kind: 'unit', id: 'pmi-perahu-1', ngo: 'pmi' })).toBe('ngo_offer(pmi)');
    expect(pickIntoEffect('landslide(z)', { kind: 'hood', id: 'pasir' })).toBeNull(); // wrong kind: nothing written
    expect(acceptedKinds('effect', 'surge(0.3)')).toEqual([]);
    expect(acceptedKinds('effect', 'facility_flood(rsud)')).toEqual(['facility']);
  });

  it('gives the first command that can name the place its target', () => {
    expect(actionKinds('task_unit').sort()).toEqual(['hood', 'unit']);
    expect(actionKinds('open_shelter')).toEqual(['shelter']);
    expect(pickIntoAction('warn; evacuate', { kind: 'hood', id: 'pasir' })).toBe('warn(pasir); evacuate');
    expect(pickIntoAction('warn(a), task_unit', { kind: 'unit', id: 'u1' })).toBe('warn(a); task_unit(u1)');
    expect(pickIntoAction('warn', { kind: 'shelter', id: 'gor' })).toBe('warn; open_shelter(gor)');
    expect(pickIntoAction('', { kind: 'facility', id: 'rsud' })).toBeNull();
    for (const a of pickIntoAction('warn(a); evacuate', { kind: 'hood', id: 'b' })!.split('; ')) expect(typeof parseExpectedAction(a)).toBe('object');
  });
});
