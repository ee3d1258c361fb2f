// The drill without sockets: a registry over the memory store and a recording output. Join, command, tick and
// recover, and everything derived (timeline, series, expectations, refusals) the same after a recovery.
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../server/store/memory-store.ts';
import { ENGINE_VERSION } from '../../server/sim/index.ts';
import { memoryRegistry, registryOver, runTo, seat } from '../helpers/drill-harness.ts';

describe('a drill driven without sockets', { timeout: 60_000 }, () => {
  it('seats players, applies their commands at the next tick and sends each team only its own world', () => {
    const { reg, out, store } = memoryRegistry();
    const { drill: d } = reg.create('pariaman-rob', { seed: 11 });
    const a = seat(d.code, 'tim-a', 'commander', 'Rina');
    const b = seat(d.code, 'tim-b', 'communications', 'Budi');
    store.putSeat(a);
    store.putSeat(b);
    d.setOnline(a.tokenHash, 1);
    const st = d.state(store.listSeats(d.code));
    expect(st.teams.find((t) => t.id === 'tim-a')!.players).toEqual([{ name: 'Rina', role: 'commander', online: true }]);
    expect(st.teams.find((t) => t.id === 'tim-b')!.players).toEqual([{ name: 'Budi', role: 'communications', online: false }]);
    expect(d.snapshot('tim-a').view.teamId).toBe('tim-a');

    // Commands before the start are refused (not a decision of the team: not logged).
    expect(d.submit(a, 'early-cmd-1', { type: 'activate_posko' })).toMatchObject({ ok: false, code: 'wrong_state' });
    expect(d.clock('start').ok).toBe(true);
    runTo(d, 3);
    const r = d.submit(a, 'warn-cmd-01', { type: 'warn', areas: ['pasir'], channel: 'siren', level: 'awas' });
    expect(r).toEqual({ ok: true, tick: 3, duplicate: false });
    // The same client id again: the first answer, applied once.
    expect(d.submit(a, 'warn-cmd-01', { type: 'warn', areas: ['pasir'], channel: 'siren', level: 'awas' })).toEqual({ ok: true, tick: 3, duplicate: true });
    // Teammates hear of it at once; the other team does not.
    expect(out.of('team:tim-a', 'feed:item').some((m) => (m.payload as { kind: string }).kind === 'command')).toBe(true);
    expect(out.of('team:tim-b', 'feed:item').some((m) => (m.payload as { kind: string }).kind === 'command')).toBe(false);
    // Applied at once at the team's tick, so the next command is checked against it.
    expect(d.worldOf('tim-a').firstWarningTick).toBe(3);
    runTo(d, 4);
    expect(d.worldOf('tim-b').firstWarningTick).toBe(-1);
    // Frames go to each team with its own id only.
    const deltas = out.of('team:tim-b', 'view:delta').map((m) => (m.payload as { teamId: string }).teamId);
    expect(deltas.length).toBeGreaterThan(0);
    expect(new Set(deltas)).toEqual(new Set(['tim-b']));

    // An engine refusal is answered and logged as 'refused' (never replayed), with the engine's code.
    const bad = d.submit(b, 'bad-shelter-1', { type: 'open_shelter', shelterId: 'no-such-shelter' });
    expect(bad).toMatchObject({ ok: false, code: 'refused', refusal: { code: 'unknown_shelter' } });
    const log = store.readLog(d.code);
    expect(log.filter((e) => e.kind === 'refused').map((e) => e.teamId)).toEqual(['tim-b']);
    expect(log.every((e) => e.engineVersion === ENGINE_VERSION && e.scenarioHash === d.scenarioHash)).toBe(true);
    const refusals = d.debrief().teams.find((t) => t.id === 'tim-b')!.refusals!;
    expect(refusals).toEqual([{ tick: 4, type: 'open_shelter', by: 'Budi', role: 'communications', reason: 'refused', refusal: expect.objectContaining({ code: 'unknown_shelter' }) }]);
    // A corrected retry with the refused command's client id is a new command, not a duplicate.
    expect(d.submit(b, 'bad-shelter-1', { type: 'activate_posko' })).toEqual({ ok: true, tick: 4, duplicate: false });
  });

  it('recovers from the memory store with the same worlds and the same debrief, keyframe or not', () => {
    const store = new MemoryStore();
    const first = registryOver(store);
    const { drill: d } = first.reg.create('pariaman-rob', { seed: 21 });
    const a = seat(d.code, 'tim-a');
    const c = seat(d.code, 'tim-c');
    d.clock('start');
    runTo(d, 2);
    d.submit(a, 'a-warn-0001', { type: 'warn', areas: ['kampung-pondok', 'pasir'], channel: 'siren', level: 'siaga' });
    d.submit(c, 'c-bad-00001', { type: 'close_shelter', shelterId: 'nowhere' });
    runTo(d, 12);
    d.submit(a, 'a-evac-0002', { type: 'evacuate', areas: ['kampung-pondok'], shelterId: 'sdn-05' });
    expect(d.injectOp({ op: 'delay', no: 3, minutes: 20 }).ok).toBe(true);
    d.addNote({ tick: d.tick, by: 'Eva', role: 'evaluator', text: 'siren early', teamId: 'tim-a', rating: 'S' });
    // Past the first keyframe (the drill's phase puts it at tick 10, 20 or 30), then commands right before "the crash".
    runTo(d, 33);
    d.submit(c, 'c-posko-003', { type: 'activate_posko' });
    expect(d.injectOp({ op: 'fire', no: 4 }).ok).toBe(true);
    const before = { hashes: d.hashes(), debrief: d.debrief(), msel: d.msel(), tick: d.tick };
    expect(store.latestKeyframe(d.code)).not.toBeNull();

    // "Restart": a new registry over the same store; the drill is rebuilt from its snapshot, keyframe and log.
    const second = registryOver(store);
    const r = second.reg.get(d.code)!;
    expect(r).not.toBe(d);
    expect(r.tick).toBe(before.tick);
    expect(r.hashes()).toEqual(before.hashes);
    expect(r.msel()).toEqual(before.msel);
    expect(r.debrief()).toEqual(before.debrief);
    expect(r.readOnly).toBeNull();
    // The fired row applies at the next tick in both.
    runTo(d, 36);
    runTo(r, 36);
    expect(r.hashes()).toEqual(d.hashes());
    expect(r.debrief()).toEqual(d.debrief());
    const tl = r.debrief().teams.find((t) => t.id === 'tim-c')!.timeline;
    expect(tl.some((i) => i.kind === 'command' && i.event?.kind === 'activate_posko')).toBe(true);
  });
});
