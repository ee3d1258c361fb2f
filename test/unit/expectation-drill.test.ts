// Expectations in a drill's debrief (issue 11): judged on the team's own commands with their targets, a command
// before delivery is anticipated, and an inject to a role nobody in the team holds is undelivered.
import { describe, expect, it } from 'vitest';
import { memoryRegistry, runTo, seat } from '../helpers/drill-harness.ts';

describe('expectations in the debrief', { timeout: 120_000 }, () => {
  it('anticipated, met, for another target, and undelivered by the seats', () => {
    const { reg, store } = memoryRegistry();
    const { drill: d } = reg.create('pariaman-rob', { seed: 5 });
    const a = seat(d.code, 'tim-a', 'commander', 'Rina');
    const b = seat(d.code, 'tim-b', 'commander', 'Budi');
    const bLiaison = seat(d.code, 'tim-b', 'ngo_liaison', 'Sari');
    for (const s of [a, b, bLiaison]) store.putSeat(s);
    expect(d.clock('start').ok).toBe(true);
    // Tim A warns before BMKG's inject #1 (H+0:10): anticipated. Tim B warns after it: met.
    runTo(d, 5);
    expect(d.submit(a, 'exp-a-1', { type: 'warn', areas: ['pasir'], channel: 'siren', level: 'siaga' }).ok).toBe(true);
    runTo(d, 12);
    expect(d.submit(b, 'exp-b-1', { type: 'warn', areas: ['pasir'], channel: 'siren', level: 'siaga' }).ok).toBe(true);
    // Inject #3 (H+0:45) asks for evacuate(kampung-pondok): Tim A orders another area, Tim B the right one.
    runTo(d, 46);
    expect(d.submit(a, 'exp-a-2', { type: 'evacuate', areas: ['jati'], shelterId: 'masjid-raya' }).ok).toBe(true);
    expect(d.submit(b, 'exp-b-2', { type: 'evacuate', areas: ['kampung-pondok'], shelterId: 'sdn-05' }).ok).toBe(true);
    // Inject #5 (H+1:30) goes to the NGO liaison: Tim A has none.
    runTo(d, 92);
    const deb = d.debrief();
    const of = (team: string, no: number) => deb.teams.find((t) => t.id === team)!.expectations.find((e) => e.no === no)!;
    expect(of('tim-a', 1).result).toBe('anticipated');
    expect(of('tim-b', 1).result).toBe('met');
    expect(of('tim-b', 1).actions![0].by).toBe('Budi');
    expect(of('tim-a', 3).result).toBe('missed');
    expect(of('tim-b', 3).result).toBe('met');
    expect(of('tim-a', 5).result).toBe('undelivered');
    expect(of('tim-b', 5).result).toBe('open');
  });
});
