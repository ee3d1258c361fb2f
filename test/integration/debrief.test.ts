// The debrief over a real server: a drill played over Socket.IO to minute 90, then the replay (map at any minute,
// same hash as live at the end), decisions with names and refusals, the CSV exports (403 without the key),
// export.json re-imported and replayed to the same final hash; hot wash, EEG ratings, the improvement plan and the
// AAR/IP as HTML and as PDF (parsed: pages and text), in Bahasa Indonesia and English.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { ViewDelta, ViewSnapshot } from '../../server/protocol/messages.ts';
import { connect, openDrill, request, startTestServer, TEST_KEY, waitFor } from '../helpers/server.ts';

let srv: Awaited<ReturnType<typeof startTestServer>>;
const sockets: Socket[] = [];
let code = '';
let tokenA = '';

beforeAll(async () => { srv = await startTestServer(); });
afterAll(async () => { for (const s of sockets) s.disconnect(); await srv.cleanup(); });

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${srv.url}${path}`, { headers });
const withKey = { 'x-gladi-key': TEST_KEY };

describe('debrief, exports and import', () => {
  it('plays a drill over sockets to minute 90', async () => {
    const fac = await connect(srv.url);
    const a = await connect(srv.url);
    const b = await connect(srv.url);
    sockets.push(fac, a, b);
    code = await openDrill(fac, { seed: 11 });
    const ja = await request<{ token: string }>(a, 'drill:join', { code, name: 'Rina', teamId: 'tim-a', role: 'commander' });
    const jb = await request<{ token: string }>(b, 'drill:join', { code, name: 'Budi', teamId: 'tim-b', role: 'communications' });
    if (!ja.ok || !jb.ok) throw new Error('join failed');
    tokenA = ja.token;
    expect((await request(fac, 'drill:clock', { code, action: 'speed', speed: 20 })).ok).toBe(true);
    expect((await request(fac, 'drill:clock', { code, action: 'start' })).ok).toBe(true);
    expect((await request(a, 'command:send', { clientId: 'deb-a-0001', command: { type: 'warn', areas: ['kampung-pondok', 'pasir'], channel: 'siren', level: 'awas' } })).ok).toBe(true);
    expect((await request(a, 'command:send', { clientId: 'deb-a-0002', command: { type: 'evacuate', areas: ['kampung-pondok', 'pasir'], shelterId: 'sdn-05' } })).ok).toBe(true);
    expect((await request(b, 'command:send', { clientId: 'deb-b-0001', command: { type: 'warn', areas: ['karan-aur'], channel: 'sms', level: 'siaga' } })).ok).toBe(true);
    // Refused by the engine (no such area): listed in the debrief with its reason.
    const refused = await request(b, 'command:send', { clientId: 'deb-b-0002', command: { type: 'warn', areas: ['atlantis'], channel: 'sms', level: 'siaga' } });
    expect(!refused.ok && refused.error.code).toBe('refused');
    await waitFor<ViewDelta>(fac, 'view:delta', (d) => d.teamId === 'tim-c' && d.tick >= 90, 40_000);
    const ended = waitFor(a, 'drill:ended');
    expect((await request(fac, 'drill:clock', { code, action: 'end' })).ok).toBe(true);
    await ended;
  });

  it('replays any minute of each world; the end matches the live hashes', async () => {
    const live = await (await get(`/api/drills/${code}/hashes`, withKey)).json() as { tick: number; hashes: Record<string, string> };
    // Nobody in particular may not replay; a seated player may once the drill is over.
    expect((await get(`/api/drills/${code}/replay?team=tim-a&tick=10`)).status).toBe(403);
    const early = await get(`/api/drills/${code}/replay?team=tim-a&tick=5`, { 'x-gladi-token': tokenA });
    expect(early.status).toBe(200);
    const e = await early.json() as { snapshot: ViewSnapshot };
    expect(e.snapshot.view.tick).toBe(5);
    // Another team's world only once the facilitator releases every team's results (the rights gate).
    expect((await get(`/api/drills/${code}/replay?team=tim-b&tick=5`, { 'x-gladi-token': tokenA })).status).toBe(403);
    const own = await (await get(`/api/drills/${code}/replay-info`, { 'x-gladi-token': tokenA })).json() as { teams: { id: string }[]; decisions: { teamId: string }[] };
    expect(own.teams.map((t) => t.id)).toEqual(['tim-a']);
    expect(new Set(own.decisions.map((x) => x.teamId))).toEqual(new Set(['tim-a']));
    for (const team of ['tim-a', 'tim-b', 'tim-c']) {
      const r = await (await get(`/api/drills/${code}/replay?team=${team}&tick=${live.tick}`, withKey)).json() as { hash: string; snapshot: ViewSnapshot };
      expect(r.hash, team).toBe(live.hashes[team]);
      expect(r.snapshot.view.tick).toBe(live.tick);
    }
    const mid = await (await get(`/api/drills/${code}/replay?team=tim-a&tick=60`, withKey)).json() as { snapshot: ViewSnapshot };
    expect(mid.snapshot.view.tick).toBe(60);
    expect(mid.snapshot.view.areas.find((x) => x.id === 'kampung-pondok')!.warned).toBe(true);
    expect((await get(`/api/drills/${code}/replay?team=nobody&tick=1`, withKey)).status).toBe(400);

    const info = await (await get(`/api/drills/${code}/replay-info`, withKey)).json() as {
      endTick: number; decisions: { name: string; role: string; teamId: string; type: string; status: string }[];
      markers: { kind: string; teamId: string }[]; outcomes: Record<string, { tick: number; safe: number; trust: number }[]>;
    };
    expect(info.endTick).toBe(live.tick);
    expect(info.decisions.filter((x) => x.status === 'accepted').map((x) => [x.name, x.role, x.teamId, x.type])).toEqual([
      ['Rina', 'commander', 'tim-a', 'warn'], ['Rina', 'commander', 'tim-a', 'evacuate'], ['Budi', 'communications', 'tim-b', 'warn'],
    ]);
    // Rina's warning came before MSEL row 1 (a warning expected by H+0:25) reached her team: it anticipated it.
    const warnA = info.decisions.find((x) => x.name === 'Rina' && x.type === 'warn') as unknown as { answers: { no: number; minutesAfter: number } | null };
    expect(warnA.answers?.no).toBe(1);
    expect(warnA.answers!.minutesAfter).toBeLessThan(0);
    const ref = info.decisions.find((x) => x.status === 'refused') as unknown as { name: string; teamId: string; refusal: { code: string } };
    expect(ref).toMatchObject({ name: 'Budi', teamId: 'tim-b', refusal: { code: 'unknown_area' } });
    expect(info.markers.some((m) => m.kind === 'refused' && m.teamId === 'tim-b')).toBe(true);
    expect(info.markers.some((m) => m.kind === 'inject')).toBe(true);
    expect(info.markers.some((m) => m.kind === 'first_warning' && m.teamId === 'tim-a')).toBe(true);
    expect(info.outcomes['tim-a'].at(-1)!.tick).toBe(live.tick);
    expect(info.outcomes['tim-a'].length).toBeGreaterThan(10);
  });

  it('serves the CSV files and export.json to the facilitator only', async () => {
    for (const path of ['export.json', 'decisions.csv', 'timeline.csv', 'metrics.csv']) {
      expect((await get(`/api/drills/${code}/${path}`)).status, path).toBe(403);
      expect((await get(`/api/drills/${code}/${path}`, { 'x-gladi-token': tokenA })).status, path).toBe(403);
      expect((await get(`/api/drills/${code}/${path}?key=wrong`)).status, path).toBe(403);
    }
    const dec = await (await get(`/api/drills/${code}/decisions.csv?key=${TEST_KEY}`)).text();
    const lines = dec.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('tick,clock,team_id,team,name,role,command,detail,status,refusal,answers_inject,minutes_after_inject');
    expect(lines.some((l) => l.includes('Rina') && l.includes('evacuate') && l.includes('shelterId=SD Negeri 05 Pariaman'))).toBe(true);
    const tl = await (await get(`/api/drills/${code}/timeline.csv`, withKey)).text();
    expect(tl.split('\r\n').filter((l) => l.includes(',inject,')).length).toBeGreaterThan(0);
    const met = await (await get(`/api/drills/${code}/metrics.csv`, withKey)).text();
    const rows = met.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(rows[0].startsWith('tick,clock,team_id,score,safe')).toBe(true);
    expect(rows.length).toBeGreaterThan(3 * 15);
  });

  it('re-imports export.json and replays it to the same final hash', async () => {
    const res = await get(`/api/drills/${code}/export.json`, withKey);
    expect(res.status).toBe(200);
    const exp = await res.json() as { seed: number; log: unknown[]; finalHashes: Record<string, string>; scenario: { files: Record<string, string> }; seats: { name: string }[] };
    expect(Object.keys(exp.scenario.files)).toContain('scenario.yaml');
    expect(exp.seats.map((s) => s.name).sort()).toEqual(['Budi', 'Rina']);
    expect(JSON.stringify(exp)).not.toContain(tokenA);
    const post = (body: unknown, headers: Record<string, string> = withKey) =>
      fetch(`${srv.url}/api/drills/import`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    expect((await post(exp, {})).status).toBe(403);
    const bad = await post({ ...exp, seed: undefined, drill: { nope: 1 } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toMatch(/^drill/);
    const ok = await post(exp);
    expect(ok.status).toBe(200);
    const imp = await ok.json() as { code: string; sameHash: boolean; hashes: Record<string, string> };
    expect(imp.code).not.toBe(code);
    expect(imp.sameHash).toBe(true);
    expect(imp.hashes).toEqual(exp.finalHashes);
    const again = await (await get(`/api/drills/${imp.code}/hashes`, withKey)).json() as { hashes: Record<string, string> };
    expect(again.hashes).toEqual(exp.finalHashes);
  });

  it('takes hot-wash answers from players and EEG ratings, keeps the plan, and writes the AAR/IP as HTML and PDF', async () => {
    const send = (method: string, path: string, body: unknown, headers: Record<string, string>) =>
      fetch(`${srv.url}/api/drills/${code}/${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const answer = { strengths: ['Sirene cepat', 'Komandan jelas'], improvements: ['Evakuasi lansia'], realism: 4, usefulness: 5, comment: 'Bagus sekali', lang: 'id' };
    expect((await send('POST', 'hotwash', answer, withKey)).status).toBe(403);
    expect((await send('POST', 'hotwash', { ...answer, realism: 9 }, { 'x-gladi-token': tokenA })).status).toBe(400);
    expect((await send('POST', 'hotwash', answer, { 'x-gladi-token': tokenA })).status).toBe(200);
    const hw = await (await get(`/api/drills/${code}/hotwash`, withKey)).json() as { summary: { count: number; realism: { mean: number; counts: number[] } } };
    expect(hw.summary.count).toBe(1);
    expect(hw.summary.realism).toEqual({ mean: 4, counts: [0, 0, 0, 1, 0] });

    const obj = await (await get(`/api/drills/${code}/objectives`, withKey)).json() as { objectives: { id: string; teams: { teamId: string; suggested: string | null; evidence: unknown[] }[] }[] };
    expect(obj.objectives.length).toBeGreaterThanOrEqual(1);
    const first = obj.objectives[0];
    expect(first.teams.map((t) => t.teamId)).toEqual(['tim-a', 'tim-b', 'tim-c']);
    expect(first.teams[0].evidence.length).toBeGreaterThan(0);
    expect((await send('PUT', 'ratings', { objectiveId: first.id, teamId: 'tim-a', rating: 'S', note: 'Peringatan cepat, tapi pesan SMS terlambat' }, { 'x-gladi-token': tokenA })).status).toBe(403);
    expect((await send('PUT', 'ratings', { objectiveId: 'nope', teamId: 'tim-a', rating: 'S', note: '' }, withKey)).status).toBe(400);
    expect((await send('PUT', 'ratings', { objectiveId: first.id, teamId: 'tim-a', rating: 'S', note: 'Peringatan cepat, tapi pesan SMS terlambat', by: 'Evaluator Sari' }, withKey)).status).toBe(200);

    const plan = { items: [{ objectiveId: first.id, action: 'Latih operator sirene tiap bulan', owner: 'BPBD Kota Pariaman', due: '2027-02-01', priority: 'high' }] };
    expect((await send('PUT', 'plan', { items: [{ ...plan.items[0], due: 'soon' }] }, withKey)).status).toBe(400);
    expect((await send('PUT', 'plan', plan, { 'x-gladi-token': tokenA })).status).toBe(403);
    expect((await send('PUT', 'plan', plan, withKey)).status).toBe(200);

    expect((await get(`/api/drills/${code}/report.html`)).status).toBe(403);
    expect((await get(`/api/drills/${code}/report.pdf`, { 'x-gladi-token': tokenA })).status).toBe(403);
    const html = await (await get(`/api/drills/${code}/report.html?key=${TEST_KEY}`)).text();
    for (const s of ['Laporan Pasca-Latihan', 'Ikhtisar latihan', 'Rina', 'Latih operator sirene tiap bulan', 'Peringatan cepat, tapi pesan SMS terlambat', 'Sirene cepat', '<svg']) expect(html, s).toContain(s);
    const htmlEn = await (await get(`/api/drills/${code}/report.html?key=${TEST_KEY}&lang=en`)).text();
    expect(htmlEn).toContain('After-Action Report');
    expect(htmlEn).toContain('Improvement plan');

    const res = await get(`/api/drills/${code}/report.pdf`, withKey);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Kept for a look (test-output/ is not committed).
    const out = resolve(import.meta.dirname, '../../test-output');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'report.pdf'), pdf);
    writeFileSync(join(out, 'report.html'), html);
    const parser = new PDFParse({ data: pdf });
    const text = await parser.getText();
    await parser.destroy();
    expect(text.total).toBeGreaterThanOrEqual(2);
    const flat = text.text.replace(/\s+/g, ' ');
    for (const s of ['Laporan Pasca-Latihan', 'Perbandingan tim', 'Rencana perbaikan', 'Latih operator sirene tiap bulan', 'Rina', `Halaman 1 / ${text.total}`]) expect(flat, s).toContain(s);
    const en = await (await get(`/api/drills/${code}/report.pdf?lang=en`, withKey)).arrayBuffer();
    const enText = await new PDFParse({ data: Buffer.from(en) }).getText();
    expect(enText.text).toContain('After-Action Report');
  });

  it('opens a branch from minute 60 that starts as the parent was, and a different decision gives a different outcome', async () => {
    const post = (path: string, body: unknown, headers: Record<string, string>) =>
      fetch(`${srv.url}/api/drills/${code}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    expect((await post('branch', { tick: 60 }, {})).status).toBe(403);
    expect((await post('branch', { tick: 60, policy: 'genius' }, withKey)).status).toBe(400);
    const res = await post('branch', { tick: 60 }, withKey);
    expect(res.status).toBe(200);
    const br = await res.json() as { code: string; token: string; forkTick: number; hashes: Record<string, string> };
    expect(br.forkTick).toBe(60);
    for (const team of ['tim-a', 'tim-b', 'tim-c']) {
      const at60 = await (await get(`/api/drills/${code}/replay?team=${team}&tick=60`, withKey)).json() as { hash: string };
      expect(br.hashes[team], team).toBe(at60.hash);
    }
    // Played on live: team B now evacuates at once (in the parent it only sent an SMS warning).
    const fac = await connect(srv.url);
    const b = await connect(srv.url);
    sockets.push(fac, b);
    const w = await request<{ state: { tick: number } }>(fac, 'drill:watch', { code: br.code, token: br.token });
    if (!w.ok) throw new Error(w.error.message);
    expect(w.state.tick).toBe(60);
    const jb = await request(b, 'drill:join', { code: br.code, name: 'Budi', teamId: 'tim-b', role: 'commander' });
    expect(jb.ok).toBe(true);
    expect((await request(fac, 'drill:clock', { code: br.code, action: 'speed', speed: 20 })).ok).toBe(true);
    expect((await request(fac, 'drill:clock', { code: br.code, action: 'start' })).ok).toBe(true);
    for (const [i, command] of [
      { type: 'warn', areas: ['kampung-pondok', 'pasir', 'karan-aur'], channel: 'siren', level: 'awas' },
      { type: 'evacuate', areas: ['kampung-pondok', 'pasir', 'karan-aur'], shelterId: 'masjid-raya' },
    ].entries()) expect((await request(b, 'command:send', { clientId: `branch-b-000${i}`, command })).ok).toBe(true);
    await waitFor<ViewDelta>(fac, 'view:delta', (d) => d.teamId === 'tim-c' && d.tick >= 90, 40_000);
    expect((await request(fac, 'drill:clock', { code: br.code, action: 'end' })).ok).toBe(true);

    const cmp = await (await get(`/api/drills/${br.code}/branches`, withKey)).json() as {
      link: { parent: string; forkTick: number }; divergedTick: number | null;
      comparison: { code: string; role: string; teams: { id: string; safe: number; score: number }[] }[];
    };
    expect(cmp.link).toMatchObject({ parent: code, forkTick: 60 });
    const [parent, branch] = cmp.comparison;
    expect(parent.role).toBe('parent');
    expect(branch.code).toBe(br.code);
    const safeB = (r: typeof parent) => r.teams.find((t) => t.id === 'tim-b')!.safe;
    expect(safeB(branch)).not.toBe(safeB(parent));
    expect(cmp.divergedTick).not.toBeNull();
    expect(cmp.divergedTick!).toBeGreaterThanOrEqual(60);
    // A branch exports with its worlds at the fork, so it re-imports (without its parent) to the same final hash.
    const bexp = await (await get(`/api/drills/${br.code}/export.json`, withKey)).json() as { start?: { tick: number; parent: string }; finalHashes: Record<string, string> };
    expect(bexp.start).toMatchObject({ tick: 60, parent: code });
    const bimp = await (await fetch(`${srv.url}/api/drills/import`, { method: 'POST', headers: { 'content-type': 'application/json', ...withKey }, body: JSON.stringify(bexp) })).json() as { code: string; sameHash: boolean };
    expect(bimp.sameHash).toBe(true);
    const bAgain = await (await get(`/api/drills/${bimp.code}/replay?team=tim-b&tick=75`, withKey)).json() as { snapshot: ViewSnapshot };
    expect(bAgain.snapshot.view.tick).toBe(75);
    // The parent lists its branch.
    const pc = await (await get(`/api/drills/${code}/branches`, withKey)).json() as { children: { code: string }[] };
    expect(pc.children.map((c) => c.code)).toContain(br.code);
  });

  it('keeps cohort and agency tags and lists the drill in the training history', async () => {
    const put = (body: unknown, headers: Record<string, string>) =>
      fetch(`${srv.url}/api/drills/${code}/tags`, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const tags = { cohort: 'Angkatan 2026-A', agencies: ['BPBD Kota Pariaman', 'Dinas Sosial'], teamAgencies: { 'tim-a': 'BPBD Kota Pariaman', 'tim-b': 'Dinas Sosial' } };
    expect((await put(tags, { 'x-gladi-token': tokenA })).status).toBe(403);
    expect((await put({ ...tags, agencies: 'BPBD' }, withKey)).status).toBe(400);
    expect((await put(tags, withKey)).status).toBe(200);
    expect((await get('/api/history')).status).toBe(403);
    const hist = await (await get('/api/history', withKey)).json() as { drills: { code: string; cohort: string; teams: { id: string; agency: string | null; score: number; players: { name: string }[]; ratings: Record<string, string | null> }[] }[] };
    const mine = hist.drills.find((x) => x.code === code)!;
    expect(mine.cohort).toBe('Angkatan 2026-A');
    const a = mine.teams.find((x) => x.id === 'tim-a')!;
    expect(a.agency).toBe('BPBD Kota Pariaman');
    expect(a.players.map((p) => p.name)).toEqual(['Rina']);
    expect(Object.values(a.ratings)).toContain('S');
    expect(a.score).toBeGreaterThan(0);
  });
});
