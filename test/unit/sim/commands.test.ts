// Every new command is validated by the engine and refused with a code the client can translate.
import { describe, expect, it } from 'vitest';
import { COMMAND_TYPES, commandSchema } from '../../../server/sim/command.ts';
import { RIGHTS } from '../../../server/protocol/rights.ts';
import { checkCommand, createWorld, step } from '../../../server/sim/index.ts';
import { town } from './fixtures.ts';

describe('commands', () => {
  it('every command type has a row in the rights table', () => {
    for (const t of COMMAND_TYPES) expect(RIGHTS[t]?.length, t).toBeGreaterThan(0);
    expect(commandSchema.safeParse({ type: 'declare_status', status: 'darurat' }).success).toBe(false);
  });

  it('emergency status moves forward only; support needs tanggap darurat', () => {
    const w = createWorld(town(), 1);
    expect(checkCommand(w, { type: 'request_support', from: 'bnpb' })?.code).toBe('no_emergency_status');
    expect(checkCommand(w, { type: 'declare_status', status: 'transisi_darurat' })?.code).toBe('invalid_status_transition');
    step(w, [{ type: 'declare_status', status: 'tanggap_darurat' }]);
    expect(checkCommand(w, { type: 'declare_status', status: 'tanggap_darurat' })?.code).toBe('status_unchanged');
    expect(checkCommand(w, { type: 'declare_status', status: 'siaga_darurat' })?.code).toBe('invalid_status_transition');
    expect(checkCommand(w, { type: 'request_support', from: 'bnpb' })).toBeNull();
  });

  it('support units arrive only after a request and their response delay', () => {
    const w = createWorld(town({ ngos: [{ id: 'basarnas', name: 'Basarnas', onRequest: true, responseDelay: 30, units: [{ id: 'rb', kind: 'boat', x: 39, y: 15, capacity: 10 }] }] }), 1);
    expect(checkCommand(w, { type: 'task_unit', unitId: 'rb', area: 'a' })?.code).toBe('unit_not_arrived');
    step(w, [{ type: 'declare_status', status: 'tanggap_darurat' }, { type: 'request_support', from: 'bnpb' }]);
    for (let t = 0; t < 29; t++) step(w, []);
    expect(checkCommand(w, { type: 'task_unit', unitId: 'rb', area: 'a' })?.code).toBe('unit_not_arrived');
    step(w, []); step(w, []);
    expect(checkCommand(w, { type: 'task_unit', unitId: 'rb', area: 'a' })).toBeNull();
  });

  it('close_road closes roads only, and routes avoid the closed cell', () => {
    const w = createWorld(town({ landUse: (x, y) => (y === 15 ? 4 : 3) }), 1);
    expect(checkCommand(w, { type: 'close_road', x: 10, y: 3 })?.code).toBe('not_a_road');
    expect(checkCommand(w, { type: 'close_road', x: 100, y: 3 })?.code).toBe('outside_map');
    step(w, [{ type: 'close_road', x: 10, y: 15 }]);
    expect(w.fields[0][15 * 40 + 10]).toBe(Infinity);
    expect(checkCommand(w, { type: 'close_road', x: 10, y: 15 })?.code).toBe('road_closed');
  });

  it('complaints can be answered once', () => {
    const w = createWorld(town({ elevation: (x) => 0.3 + 0.05 * x, landUse: (x) => (x < 2 ? 0 : 3), seaLevel: [{ t: 0, value: 1.2 }] }), 1);
    for (let t = 0; t < 30 && w.complaints.length === 0; t++) step(w, []);
    const c = w.complaints[0];
    expect(c?.topic).toBe('no_warning');
    step(w, [{ type: 'answer_complaint', complaintId: c.id }]);
    expect(checkCommand(w, { type: 'answer_complaint', complaintId: c.id })?.code).toBe('already_answered');
    expect(checkCommand(w, { type: 'answer_complaint', complaintId: 'x' })?.code).toBe('unknown_complaint');
  });
});
