// Inject expectations are judged on what the team did: after delivery and by the deadline (met), before delivery
// (anticipated, never "met"), late (partly), never (missed); the named target must match; undelivered role injects.
import { describe, expect, it } from 'vitest';
import { judgeExpectations, type ScheduleEntry, type TeamCommand } from '../../server/drill/expectation.ts';
import { parseExpectedAction } from '../../server/protocol/expected-action.ts';

const row = (no: number, expected: string, opts: { to?: string; deadline?: number } = {}): ScheduleEntry['row'] => ({
  no, to: opts.to ?? 'all', expectedAction: expected.split(';')[0].trim(), expectedActions: expected.split(';').map((s) => s.trim()),
  deadlineMinutes: opts.deadline ?? 20,
});
const fired = (r: ScheduleEntry['row'], tick: number): ScheduleEntry => ({ row: r, status: 'fired', firedTick: tick });
const judge = (schedule: ScheduleEntry[], commands: TeamCommand[], nowTick = 240, roles: string[] | null = null) =>
  judgeExpectations({ teamId: 'tim-a', schedule, commands, roles, nowTick, tickSeconds: 60 });
const evac = (tick: number, area: string, shelterId = 'sdn-05'): TeamCommand => ({ tick, command: { type: 'evacuate', areas: [area], shelterId }, by: 'Ani', role: 'shelter' });

describe('inject expectations', () => {
  it('a matching command after delivery and before the deadline meets it', () => {
    const [j] = judge([fired(row(3, 'evacuate(karan-aur)'), 45)], [evac(50, 'karan-aur')]);
    expect(j.result).toBe('met');
    expect(j.actions[0]).toMatchObject({ result: 'met', doneTick: 50, by: 'Ani', role: 'shelter', minutesAfterDelivery: 5 });
  });

  it('a command before delivery is anticipated, not met, even when it is long before (row 1000 at H+3:01, orders at H+1:09)', () => {
    const [j] = judge([fired(row(1000, 'evacuate'), 181)], [evac(69, 'pasir')]);
    expect(j.result).toBe('anticipated');
    expect(j.actions[0].minutesAfterDelivery).toBe(-112);
  });

  it('a command applied at the inject tick was given before the team could see it: anticipated', () => {
    const [j] = judge([fired(row(1, 'warn'), 10)], [{ tick: 10, command: { type: 'warn', areas: ['pasir'], channel: 'siren', level: 'siaga' } }]);
    expect(j.result).toBe('anticipated');
  });

  it('a command for another target never counts', () => {
    const [j] = judge([fired(row(4, 'task_unit(karan-aur)'), 60)], [{ tick: 65, command: { type: 'task_unit', unitId: 'pmi-perahu-1', area: 'pasir' } }]);
    expect(j.result).toBe('missed');
    expect(j.actions[0].doneTick).toBeNull();
  });

  it('the target may be a unit or a shelter', () => {
    const [u] = judge([fired(row(5, 'task_unit(pmi-perahu-1)'), 90)], [{ tick: 95, command: { type: 'task_unit', unitId: 'pmi-perahu-1', area: 'jati' } }]);
    expect(u.result).toBe('met');
    const [s] = judge([fired(row(6, 'evacuate(gor-pariaman)'), 100)], [evac(101, 'pasir', 'sdn-05'), evac(104, 'pasir', 'gor-pariaman')]);
    expect(s.result).toBe('met');
    expect(s.doneTick).toBe(104);
  });

  it('late is partly, none is missed, and open until the deadline passes', () => {
    expect(judge([fired(row(3, 'evacuate'), 45)], [evac(80, 'pasir')])[0].result).toBe('partly');
    expect(judge([fired(row(3, 'evacuate'), 45)], [])[0].result).toBe('missed');
    expect(judge([fired(row(3, 'evacuate'), 45)], [], 50)[0].result).toBe('open');
  });

  it('a later command never overrides an earlier one that met it', () => {
    const [j] = judge([fired(row(3, 'evacuate'), 45)], [evac(50, 'pasir'), evac(120, 'jati')]);
    expect(j.result).toBe('met');
    expect(j.doneTick).toBe(50);
  });

  it('several expected actions per inject: all met is met, some is partly', () => {
    const r = row(6, 'open_shelter(gor-pariaman); evacuate(gor-pariaman)');
    const open: TeamCommand = { tick: 101, command: { type: 'open_shelter', shelterId: 'gor-pariaman' } };
    const both = judge([fired(r, 100)], [open, evac(102, 'pasir', 'gor-pariaman')])[0];
    expect(both.result).toBe('met');
    expect(both.actions.map((a) => a.result)).toEqual(['met', 'met']);
    expect(judge([fired(r, 100)], [open])[0].result).toBe('partly');
  });

  it('an inject to a role the team has no player in is undelivered, not missed', () => {
    const r = row(5, 'task_unit', { to: 'ngo_liaison' });
    expect(judge([fired(r, 90)], [], 240, ['commander', 'shelter'])[0].result).toBe('undelivered');
    expect(judge([fired(r, 90)], [], 240, ['commander', 'ngo_liaison'])[0].result).toBe('missed');
  });

  it('rows for another team, rows not fired and rows without an expected action are left out', () => {
    const other = row(7, 'warn', { to: 'tim-b' });
    const none = { no: 8, to: 'all', expectedAction: null, deadlineMinutes: null };
    expect(judge([fired(other, 30), { row: row(9, 'warn'), status: 'pending', firedTick: -1 }, fired(none, 30)], [])).toEqual([]);
  });

  it('reads old single-action rows and rejects malformed cells', () => {
    const old = { no: 2, to: 'commander', expectedAction: 'warn', deadlineMinutes: 10 };
    expect(judge([fired(old, 30)], [{ tick: 31, command: { type: 'warn', areas: ['pasir'], channel: 'sms', level: 'siaga' } }])[0].result).toBe('met');
    expect(parseExpectedAction('evacuate(karan-aur)')).toEqual({ type: 'evacuate', target: 'karan-aur' });
    expect(typeof parseExpectedAction('evacuate karan-aur')).toBe('string');
  });
});
