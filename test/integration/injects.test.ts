// MSEL injects over real sockets: by time, by condition, to a role; fired, delayed, skipped and written live by the
// facilitator; world effects; expectations met or missed in the debrief.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { Debrief, FeedItem } from '../../server/protocol/messages.ts';
import { connect, request, startTestServer, TEST_KEY, until } from '../helpers/server.ts';

let srv: Awaited<ReturnType<typeof startTestServer>>;
const open: Socket[] = [];
beforeAll(async () => { srv = await startTestServer(); });
afterAll(async () => { for (const s of open) s.disconnect(); await srv.cleanup(); });

async function sock() {
  const s = await connect(srv.url);
  open.push(s);
  return s;
}

describe('injects', () => {
  it('fire on time, on condition and on command, reach the right people and change the world', async () => {
    const fac = await sock();
    const c = await request<{ code: string; token: string }>(fac, 'drill:create', { key: TEST_KEY, scenarioId: 'pariaman-rob', seed: 3 });
    if (!c.ok) throw new Error(c.error.message);
    const { code } = c;
    await request(fac, 'drill:watch', { code, token: c.token });
    const commander = await sock();
    const comms = await sock();
    await request(commander, 'drill:join', { code, name: 'Komandan', teamId: 'tim-a', role: 'commander' });
    await request(comms, 'drill:join', { code, name: 'Humas', teamId: 'tim-a', role: 'communications' });
    const commanderFeed: FeedItem[] = [];
    const commsFeed: FeedItem[] = [];
    const facFeed: FeedItem[] = [];
    commander.on('feed:item', (i: FeedItem) => commanderFeed.push(i));
    comms.on('feed:item', (i: FeedItem) => commsFeed.push(i));
    fac.on('feed:item', (i: FeedItem) => facFeed.push(i));

    // Before play: skip row 3, delay row 5 by 30 minutes; bad rows and bad targets are refused with the field named.
    expect((await request(fac, 'inject:control', { code, action: { op: 'skip', no: 3 } })).ok).toBe(true);
    expect((await request(fac, 'inject:control', { code, action: { op: 'delay', no: 5, minutes: 30 } })).ok).toBe(true);
    const noRow = await request(fac, 'inject:control', { code, action: { op: 'fire', no: 99 } });
    expect(!noRow.ok && noRow.error.message).toMatch(/no: no MSEL row 99/);
    const badTo = await request(fac, 'inject:control', { code, action: { op: 'adhoc', row: { from: 'X', to: 'nobody', method: 'radio', message: { id: 'halo' } } } });
    expect(!badTo.ok && badTo.error.message).toMatch(/row.to/);

    await request(fac, 'drill:clock', { code, action: 'speed', speed: 20 });
    await request(fac, 'drill:clock', { code, action: 'start' });
    // Row 1 (H+0:10, to all) reaches both players of team A at tick 10.
    const row1 = await until(() => commsFeed.find((i) => i.kind === 'inject' && i.no === 1), 20_000, 'row 1');
    expect(row1.tick).toBe(10);
    // Row 2 (no_warning from H+0:30, to the commander) reaches the commander only, since team A has not warned.
    await until(() => commanderFeed.find((i) => i.kind === 'inject' && i.no === 2), 20_000, 'row 2');
    expect(commsFeed.some((i) => i.no === 2)).toBe(false);
    // Team A warns now; team B never does.
    const warn = await request(comms, 'command:send', { clientId: 'humas-000001', command: { type: 'warn', areas: ['kampung-pondok', 'karan-aur'], channel: 'sms', level: 'siaga' } });
    expect(warn.ok).toBe(true);

    // An ad-hoc inject with an effect: the PMI boat breaks down in team A's world only.
    const adhoc = await request<{ no: number }>(fac, 'inject:control', {
      code, teamId: 'tim-a',
      action: { op: 'adhoc', row: { from: 'PMI', to: 'all', method: 'radio', message: { id: 'Mesin perahu PMI rusak.', en: 'The PMI boat engine failed.' }, effect: { kind: 'unit_unavailable', unitId: 'pmi-perahu-1' } } },
    });
    if (!adhoc.ok) throw new Error(adhoc.error.message);
    expect(adhoc.no).toBeGreaterThanOrEqual(1000);
    await until(() => commanderFeed.find((i) => i.kind === 'inject' && i.no === adhoc.no), 20_000, 'ad-hoc inject');
    const boat = await request(commander, 'command:send', { clientId: 'komandan-0001', command: { type: 'task_unit', unitId: 'pmi-perahu-1', area: 'karan-aur' } });
    expect(!boat.ok && boat.error.refusal?.code).toBe('unit_unavailable');
    expect(facFeed.some((i) => i.teamId === 'tim-b' && i.no === adhoc.no)).toBe(false);

    // An ad-hoc hoax whose expected action names its target: a warning for Pasir within two hours. A target the
    // command cannot name, or an unknown place for an effect, is refused with the field named.
    const badTarget = await request(fac, 'inject:control', { code, action: { op: 'adhoc', row: { from: 'X', method: 'radio', message: { id: 'halo' }, expectedAction: 'warn', expectedTarget: 'gor-nowhere' } } });
    expect(!badTarget.ok && badTarget.error.message).toMatch(/row.expectedTarget: "gor-nowhere"/);
    const badZone = await request(fac, 'inject:control', { code, action: { op: 'adhoc', row: { from: 'X', method: 'radio', message: { id: 'halo' }, effect: { kind: 'landslide', zoneId: 'nowhere' } } } });
    expect(!badZone.ok && badZone.error.message).toMatch(/row.effect: no landslide zone/);
    const hoaxText = 'Tanggul Batang Piaman jebol, semua ke masjid!';
    const hoax = await request<{ no: number }>(fac, 'inject:control', {
      code, teamId: 'tim-a',
      action: { op: 'adhoc', row: { from: 'Warga', method: 'social', message: { id: 'Pesan berantai beredar.' }, expectedAction: 'warn', expectedTarget: 'pasir', deadlineMinutes: 120, effect: { kind: 'hoax', area: 'pasir', text: hoaxText } } },
    });
    if (!hoax.ok) throw new Error(hoax.error.message);
    await until(() => commanderFeed.find((i) => i.kind === 'inject' && i.no === hoax.no), 20_000, 'hoax inject');
    const viewA = await request<{ snapshot: { view: { posts: { kind: string; text: { id: string } }[] } } }>(commander, 'view:resync', { code });
    if (!viewA.ok) throw new Error(viewA.error.message);
    expect(viewA.snapshot.view.posts.some((p) => p.kind === 'hoax' && p.text.id === hoaxText)).toBe(true);
    const viewB = await request<{ snapshot: { view: { posts: { text: { id: string } }[] } } }>(fac, 'view:resync', { code, teamId: 'tim-b' });
    if (!viewB.ok) throw new Error(viewB.error.message);
    expect(viewB.snapshot.view.posts.some((p) => p.text.id === hoaxText)).toBe(false);
    // A warning for another area comes first (does not meet it), then the commander warns Pasir (meets it).
    expect((await request(comms, 'command:send', { clientId: 'humas-000002', command: { type: 'warn', areas: ['jati'], channel: 'sms', level: 'siaga' } })).ok).toBe(true);
    expect((await request(commander, 'command:send', { clientId: 'komandan-0002', command: { type: 'warn', areas: ['pasir'], channel: 'sms', level: 'siaga' } })).ok).toBe(true);

    // Row 4 fires when water in Karan Aur reaches 0.3 m, which the area report shows as flooded by then.
    const row4 = await until(() => facFeed.find((i) => i.kind === 'inject' && i.no === 4 && i.teamId === 'tim-a'), 40_000, 'row 4');
    const flooded = facFeed.find((i) => i.teamId === 'tim-a' && i.kind === 'event' && i.event?.kind === 'flooded' && i.event.area === 'karan-aur');
    expect(flooded).toBeDefined();
    expect(row4.tick).toBeGreaterThan(flooded!.tick);
    // Row 5 was delayed by 30 minutes from H+1:30.
    const row5 = await until(() => facFeed.find((i) => i.kind === 'inject' && i.no === 5), 40_000, 'row 5');
    expect(row5.tick).toBeGreaterThanOrEqual(120);
    await request(fac, 'drill:clock', { code, action: 'end' });

    expect([...commanderFeed, ...commsFeed, ...facFeed].some((i) => i.no === 3)).toBe(false);
    const debrief = (await (await fetch(`${srv.url}/api/drills/${code}/debrief`, { headers: { 'x-gladi-key': TEST_KEY } })).json()) as Debrief;
    const a = debrief.teams.find((t) => t.id === 'tim-a')!;
    const b = debrief.teams.find((t) => t.id === 'tim-b')!;
    // Row 1 expected a warning within 15 minutes: team A warned late (after row 2) → partly or met; team B missed it.
    const r1a = a.expectations.find((e) => e.no === 1)!;
    const r1b = b.expectations.find((e) => e.no === 1)!;
    expect(['met', 'partly']).toContain(r1a.result);
    expect(r1a.doneTick).not.toBeNull();
    expect(r1b.result).toBe('missed');
    expect(a.timeline.some((i) => i.no === 4 && i.tick === row4.tick)).toBe(true);
    // The hoax row's expectation names Pasir: met by the commander's warning, not by the earlier one for Jati.
    const rh = a.expectations.find((e) => e.no === hoax.no)!;
    expect(rh.result).toBe('met');
    expect(rh.actions?.[0].label).toBe('warn(pasir)');
    expect(rh.actions?.[0].by).toBe('Komandan');
    expect(b.expectations.some((e) => e.no === hoax.no)).toBe(false);
  });
});
