// Small parts of the debrief: CSV cells that spreadsheets must not run as formulas, the hot-wash summary, the plan's
// validation, and the export check on a tampered scenario.
import { describe, expect, it } from 'vitest';
import { contentHash, csv, csvField, clockOf } from '../../server/debrief/exports.ts';
import { summarise, type StoredAnswer } from '../../server/debrief/hotwash.ts';
import { planBody } from '../../server/debrief/plan.ts';

const answer = (name: string, teamId: string, realism: number, usefulness: number, extra: Partial<StoredAnswer> = {}): StoredAnswer => ({
  seat: name, name, teamId, role: 'commander', at: '', strengths: [], improvements: [], realism, usefulness, ...extra,
});

describe('debrief parts', () => {
  it('writes CSV cells safely', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+62 812')).toBe("'+62 812");
    expect(csvField('-5')).toBe('-5');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField(null)).toBe('');
    expect(csv(['a', 'b'], [[1, 'x\ny']])).toBe('a,b\r\n1,"x\ny"\r\n');
    expect(clockOf(125, 60)).toBe('H+2:05');
    expect(clockOf(7, 600)).toBe('H+1:10');
  });

  it('summarises hot-wash answers', () => {
    const s = summarise([
      answer('Rina', 'tim-a', 4, 5, { strengths: ['Sirene cepat'], comment: 'Bagus' }),
      answer('Budi', 'tim-b', 2, 4, { improvements: ['Evakuasi lansia', ''] }),
      answer('Sari', 'tim-a', 5, 5),
    ]);
    expect(s.count).toBe(3);
    expect(s.realism).toEqual({ mean: 3.7, counts: [0, 1, 0, 1, 1] });
    expect(s.usefulness).toEqual({ mean: 4.7, counts: [0, 0, 0, 1, 2] });
    expect(s.strengths).toEqual([{ text: 'Sirene cepat', name: 'Rina', teamId: 'tim-a' }]);
    expect(s.improvements.map((x) => x.text)).toEqual(['Evakuasi lansia']);
    expect(s.comments).toHaveLength(1);
    expect(s.byTeam).toEqual({ 'tim-a': 2, 'tim-b': 1 });
    expect(summarise([]).realism.mean).toBeNull();
  });

  it('validates the improvement plan with the field named', () => {
    const ok = planBody.safeParse({ items: [{ objectiveId: null, action: 'Latih operator sirene', owner: 'BPBD', due: '2027-01-15', priority: 'high' }] });
    expect(ok.success).toBe(true);
    const bad = planBody.safeParse({ items: [{ action: 'x', owner: '', due: '15/01/2027', priority: 'high' }] });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.issues[0].path.join('.')).toBe('items.0.due');
    expect(planBody.safeParse({ items: [{ action: '', owner: '', due: '', priority: 'urgent' }] }).success).toBe(false);
  });

  it('names a scenario version by the hash of its files', () => {
    const a = contentHash({ 'scenario.yaml': 'id: x', 'msel.csv': 'no' });
    expect(contentHash({ 'msel.csv': 'no', 'scenario.yaml': 'id: x' })).toBe(a);
    expect(contentHash({ 'scenario.yaml': 'id: y', 'msel.csv': 'no' })).not.toBe(a);
  });
});
