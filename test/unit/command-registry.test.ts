// One module per command: every command spec (server/protocol/commands/) has its engine module
// (server/sim/commands/), its words in both languages, its row in the rights table and a zod schema derived from it;
// the written messages of warnings, clarifications and complaint answers are validated and kept on the world's events.
import { describe, expect, it } from 'vitest';
import { commandSchema, schemaOf } from '../../server/protocol/command-schema.ts';
import { COMMAND_SPECS, COMMAND_TYPES, commandTargets, MESSAGE_MAX, REFUSAL_CODES, specOf } from '../../server/protocol/commands/index.ts';
import { RIGHTS, TEAM_ROLES } from '../../server/protocol/rights.ts';
import { applyCommand, checkCommand, COMMAND_MODULES, createWorld, step, type World, type WorldEvent } from '../../server/sim/index.ts';
import { en } from '../../client/i18n/en.ts';
import { id } from '../../client/i18n/id.ts';
import { addComplaint } from '../../server/sim/social.ts';
import { town } from './sim/fixtures.ts';

describe('the command registry', () => {
  it('has one engine module per spec, and nothing else', () => {
    expect(Object.keys(COMMAND_MODULES).sort()).toEqual([...COMMAND_TYPES].sort());
    for (const t of COMMAND_TYPES) expect(COMMAND_MODULES[t].type).toBe(t);
    expect(new Set(COMMAND_TYPES).size).toBe(COMMAND_SPECS.length);
  });

  it('derives the rights table from the specs', () => {
    for (const s of COMMAND_SPECS) {
      expect(RIGHTS[s.type]).toEqual(s.roles);
      for (const r of s.roles) expect(TEAM_ROLES).toContain(r);
    }
  });

  it('has words for every command and every refusal in both languages', () => {
    const ids = id as Record<string, string>, ens = en as Record<string, string>;
    for (const t of COMMAND_TYPES) {
      expect(ids[`cmd.${t}`], `id cmd.${t}`).toBeTruthy();
      expect(ens[`cmd.${t}`], `en cmd.${t}`).toBeTruthy();
    }
    for (const s of COMMAND_SPECS) for (const c of s.refusals) expect(REFUSAL_CODES).toContain(c);
    for (const c of REFUSAL_CODES) {
      expect(ids[`refusal.${c}`], `id refusal.${c}`).toBeTruthy();
      expect(ens[`refusal.${c}`], `en refusal.${c}`).toBeTruthy();
    }
  });

  it('validates commands with schemas derived from the specs', () => {
    const ok = [
      { type: 'warn', areas: ['a'], channel: 'siren', level: 'siaga', message: 'Segera ke masjid' },
      { type: 'evacuate', areas: ['a', 'b'], shelterId: 's' },
      { type: 'task_unit', unitId: 'u', area: 'a', queue: true },
      { type: 'resupply_shelter', shelterId: 's', water: 1000 },
      { type: 'close_road', x: 3, y: 4 },
      { type: 'publish_clarification', postId: 'p', message: 'Itu hoaks' },
      { type: 'answer_complaint', complaintId: 'c', message: 'Tim menuju lokasi' },
      { type: 'activate_posko' },
    ];
    for (const c of ok) expect(commandSchema.safeParse(c).success, JSON.stringify(c)).toBe(true);
    const bad = [
      { type: 'warn', areas: [], channel: 'siren', level: 'siaga' },
      { type: 'warn', areas: ['a'], channel: 'pigeon', level: 'siaga' },
      { type: 'warn', areas: ['a'], channel: 'siren', level: 'siaga', message: 'x'.repeat(MESSAGE_MAX + 1) },
      { type: 'answer_complaint', complaintId: 'c', message: 'x'.repeat(MESSAGE_MAX + 1) },
      { type: 'publish_clarification', postId: 'p', message: 42 },
      { type: 'evacuate', areas: ['a'], shelterId: 's', extra: 1 },
      { type: 'resupply_shelter', shelterId: 's', water: -1 },
      { type: 'close_road', x: 1.5, y: 0 },
      { type: 'launch_rocket' },
    ];
    for (const c of bad) expect(commandSchema.safeParse(c).success, JSON.stringify(c)).toBe(false);
    // One schema per spec, strict on its own fields.
    expect(schemaOf(specOf('activate_posko')!).safeParse({ type: 'activate_posko', x: 1 }).success).toBe(false);
  });

  it('says what a command names, for matching it against inject expectations', () => {
    expect(commandTargets({ type: 'evacuate', areas: ['a', 'b'], shelterId: 's' })).toEqual([
      { ref: 'area', id: 'a' }, { ref: 'area', id: 'b' }, { ref: 'shelter', id: 's' },
    ]);
    expect(commandTargets({ type: 'task_unit', unitId: 'u1', area: 'a' })).toEqual([{ ref: 'unit', id: 'u1' }, { ref: 'area', id: 'a' }]);
    expect(commandTargets({ type: 'activate_posko' })).toEqual([]);
  });
});

describe('written messages', () => {
  const events = (w: World): WorldEvent[] => step(w);

  it('travel with warnings, clarifications and complaint answers onto the world events', () => {
    const sc = town({ rumours: [{ id: 'hoaks-1', minute: 0, areas: [], text: { id: 'Tanggul jebol', en: 'Dyke broke' } }] });
    const w = createWorld(sc, 1);
    events(w); // the rumour appears
    expect(applyCommand(w, { type: 'warn', areas: [sc.neighbourhoods[0].id], channel: 'sms', level: 'awas', message: 'Naik ke masjid sekarang' })).toBeNull();
    expect(applyCommand(w, { type: 'publish_clarification', postId: 'hoaks-1', message: 'Tanggul aman, ini hoaks' })).toBeNull();
    const got = events(w);
    expect(got.find((e) => e.kind === 'warning')?.message).toBe('Naik ke masjid sekarang');
    expect(got.find((e) => e.kind === 'clarification')?.message).toBe('Tanggul aman, ini hoaks');
    addComplaint(w, 0, 'no_warning', -1);
    const complaint = w.complaints[w.complaints.length - 1].id;
    expect(applyCommand(w, { type: 'answer_complaint', complaintId: complaint, message: 'Maaf, sirene rusak; tim sedang memperbaiki' })).toBeNull();
    expect(events(w).find((e) => e.kind === 'complaint_answered')?.message).toBe('Maaf, sirene rusak; tim sedang memperbaiki');
    // A command without a message leaves none.
    expect(applyCommand(w, { type: 'warn', areas: [sc.neighbourhoods[0].id], channel: 'radio', level: 'awas' })).toBeNull();
    expect(events(w).find((e) => e.kind === 'warning')?.message).toBeUndefined();
  });

  it('checks a command against commands applied earlier at the same tick', () => {
    const w = createWorld(town(), 1);
    expect(checkCommand(w, { type: 'hold_coordination_meeting' })?.code).toBe('no_posko');
    expect(applyCommand(w, { type: 'activate_posko' })).toBeNull();
    expect(checkCommand(w, { type: 'hold_coordination_meeting' })).toBeNull();
    expect(applyCommand(w, { type: 'activate_posko' })?.code).toBe('posko_active');
    // The refusal became a 'refused' event, the acceptance a 'posko' event; both come out of the next step.
    const got = events(w).map((e) => e.kind);
    expect(got).toContain('posko');
    expect(got).toContain('refused');
  });
});
