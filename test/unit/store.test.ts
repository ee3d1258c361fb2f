// The SQLite store: the log keeps order and client ids, survives reopening, and keeps only recent keyframes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite-store.ts';
import type { NewDrillRecord } from '../../server/store/store.ts';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });
const fresh = () => { const d = mkdtempSync(join(tmpdir(), 'gladi-store-')); dirs.push(d); return d; };
const drill = (code: string): NewDrillRecord => ({
  code, scenarioId: 'pariaman-rob', seed: 1, mode: 'parallel', status: 'lobby', speed: 1, tick: 0,
  facilitatorTokenHash: 'h', evaluatorCode: 'E1', createdAt: new Date().toISOString(), archived: false,
});

describe('SqliteStore', () => {
  it('appends in order, finds commands by client id, and keeps everything across a reopen', () => {
    const dir = fresh();
    const a = new SqliteStore(dir);
    a.createDrill(drill('ABCDEF'));
    const e1 = a.append({ code: 'ABCDEF', tick: 3, kind: 'command', teamId: 'tim-a', clientId: 'c-1', actor: 'x', payload: { command: { type: 'warn' } } });
    const e2 = a.append({ code: 'ABCDEF', tick: 3, kind: 'inject', teamId: null, clientId: null, actor: 'facilitator', payload: { op: 'skip', no: 2 } });
    expect(e2.seq).toBeGreaterThan(e1.seq);
    // The same client id cannot be logged twice for a drill.
    expect(() => a.append({ code: 'ABCDEF', tick: 4, kind: 'command', teamId: 'tim-a', clientId: 'c-1', actor: 'x', payload: {} })).toThrow();
    a.updateDrill('ABCDEF', { status: 'running', tick: 5 });
    a.putSeat({ code: 'ABCDEF', tokenHash: 't1', name: 'Rina', teamId: 'tim-a', role: 'commander' });
    a.close();

    const b = new SqliteStore(dir);
    expect(b.getDrill('ABCDEF')).toMatchObject({ status: 'running', tick: 5, mode: 'parallel' });
    expect(b.readLog('ABCDEF').map((e) => [e.seq, e.kind, e.tick])).toEqual([[e1.seq, 'command', 3], [e2.seq, 'inject', 3]]);
    expect(b.findCommand('ABCDEF', 'c-1')?.payload).toEqual({ command: { type: 'warn' } });
    expect(b.findCommand('ABCDEF', 'c-2')).toBeNull();
    expect(b.findSeat('ABCDEF', 't1')?.name).toBe('Rina');
    b.close();
  });

  it('keeps the two newest keyframes only', () => {
    const s = new SqliteStore(fresh());
    s.createDrill(drill('KKKKKK'));
    for (const t of [30, 60, 90, 120]) s.putKeyframe('KKKKKK', { tick: t, blob: Buffer.from([t]), engineVersion: 7, scenarioHash: 'abc' });
    const k = s.latestKeyframe('KKKKKK')!;
    expect(k.tick).toBe(120);
    expect([...k.blob]).toEqual([120]);
    expect(k).toMatchObject({ engineVersion: 7, scenarioHash: 'abc' });
    expect(s.latestKeyframe('ZZZZZZ')).toBeNull();
    s.close();
  });
});
