// MSEL spreadsheets: an Indonesian Excel CSV (semicolons, decimal commas, Windows-1252, a title row, multi-line
// cells, extra columns, office names in "Kepada") and an XLSX written here with exceljs; export and read back.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { importMsel, mappingTemplate } from '../../server/authoring/msel-import.ts';
import { exportMselCsv, exportMselXlsx, writeMselCsv } from '../../server/authoring/msel-export.ts';
import { loadContextOf } from '../../server/authoring/scenario-files.ts';
import { decodeText, detectSeparator } from '../../server/authoring/msel-sheet.ts';
import { loadScenario } from '../../server/scenario/load-scenario.ts';
import { checkMselRecords, readMselCsv } from '../../server/scenario/msel-rows.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const DIR = join(ROOT, 'scenarios', 'pariaman-rob');
const ctx = loadContextOf(DIR).context!;
const tmp = mkdtempSync(join(tmpdir(), 'gladi-msel-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Windows-1252 bytes of a string (only the characters this test uses beyond ASCII). */
function cp1252(s: string): Uint8Array {
  const high: Record<string, number> = { '—': 0x97, 'é': 0xe9, '’': 0x92, '“': 0x93, '”': 0x94 };
  return Uint8Array.from([...s].map((c) => {
    const code = c.charCodeAt(0);
    if (code < 0x80) return code;
    if (high[c] === undefined) throw new Error(`no cp1252 byte for ${c}`);
    return high[c];
  }));
}

const SHEET = [
  'Latihan Gladi Banjir Rob Pariaman 2026;;;;;;;;;;',
  'No;Waktu;Metode;Dari;Kepada;Pesan;Tindakan yang Diharapkan;Tenggat;Kondisi;Pengendali;Keterangan',
  '1;H+0:10;Telepon;BMKG Stasiun Minangkabau;Kalaksa BPBD;"Peringatan dini banjir rob: pasang 2,2 m sekitar H+2:30.\nWaspadai genangan.";Sebarkan peringatan dini ke warga pesisir;15;;Pak Andi;dibacakan keras',
  '2;H+0:45;WA;Ketua RT Kampung Pondok;Dinas Sosial;"Warga bertanya ke mana harus mengungsi — café tutup";Perintahkan evakuasi dan buka pengungsian;20;;Bu Sari;',
  '3;;Radio;Relawan Tagana;Dinas Kesehatan;Genangan di Karan Aur setinggi lutut;Kerahkan perahu PMI;20;depth(karan-aur) >= 0,3;;',
  '4;H+1:30;Surat;Camat;Bagian Umum;Mohon laporan situasi;Kirim laporan situasi;30;;;',
  '5;sore;Telepon;BMKG;Semua;Pesan tanpa waktu;;;;;',
  '6;H+2;Telepon;BMKG;Semua;Air di Karan Aur;;;depth(karan-auur) >= 0,5;;',
].join('\r\n') + '\r\n';

describe('MSEL spreadsheet import', () => {
  it('detects Windows-1252, semicolons and decimal commas, and finds the header under a title row', async () => {
    const bytes = cp1252(SHEET);
    expect(decodeText(bytes).encoding).toBe('windows-1252');
    expect(decodeText(new TextEncoder().encode('No;Waktu\n')).encoding).toBe('utf-8');
    expect(detectSeparator('No;"a,b";Waktu\n1,2')).toBe(';');
    const r = await importMsel(bytes, { context: ctx, fileName: 'msel-id.csv' });
    expect(r).toMatchObject({ format: 'csv', encoding: 'windows-1252', separator: ';', decimalComma: true, headerRow: 2 });
    expect(r.columns).toMatchObject({ Waktu: 'time', Kepada: 'to', Pesan: 'message_id', 'Tindakan yang Diharapkan': 'expected_text', Pengendali: 'notes' });
    expect(r.rows.map((x) => [x.sheetRow, x.status])).toEqual([[3, 'warning'], [4, 'warning'], [5, 'warning'], [6, 'rejected'], [7, 'rejected'], [8, 'rejected']]);
    expect(r).toMatchObject({ accepted: 0, warnings: 3, rejected: 3 });
  });

  it('keeps multi-line cells, free-text actions, extra columns as notes, and maps office names and methods', async () => {
    const r = await importMsel(cp1252(SHEET), { context: ctx, fileName: 'msel-id.csv' });
    const [one, two, three] = r.rows;
    expect(one.row.message.id).toBe('Peringatan dini banjir rob: pasang 2,2 m sekitar H+2:30.\nWaspadai genangan.');
    expect(one.row).toMatchObject({ time: 'H+0:10', method: 'phone', to: 'commander', expectedText: 'Sebarkan peringatan dini ke warga pesisir', expectedActions: ['warn'], deadline: 15 });
    expect(one.row.notes).toBe('Pengendali: Pak Andi\ndibacakan keras');
    expect(two.row.message.id).toContain('mengungsi — café');
    expect(two.row).toMatchObject({ method: 'whatsapp', to: 'shelter', expectedActions: ['evacuate', 'open_shelter'] });
    expect(three.row).toMatchObject({ condition: 'depth(karan-aur) >= 0.3', to: 'health', expectedActions: ['task_unit'] });
    expect(one.messages.find((m) => m.field === 'to')).toMatchObject({ level: 'warning' });
    expect(r.mselRows.map((x) => x.no)).toEqual([1, 2, 3]);
    expect(r.mselRows[2].condition).toEqual({ kind: 'depth', area: 'karan-aur', op: '>=', value: 0.3 });
  });

  it('rejects rows with reasons, and accepts them once the mapping the facilitator filled is used', async () => {
    const r = await importMsel(cp1252(SHEET), { context: ctx, fileName: 'msel-id.csv' });
    const reasons = (sheetRow: number) => r.rows.find((x) => x.sheetRow === sheetRow)!.messages.filter((m) => m.level === 'error').map((m) => m.field);
    expect(reasons(6)).toEqual(expect.arrayContaining(['method', 'to']));
    expect(reasons(7)).toEqual(['time']);
    expect(reasons(8)).toEqual(['condition']);
    expect(r.unmapped.to).toEqual(['Kalaksa BPBD', 'Dinas Sosial', 'Dinas Kesehatan', 'Bagian Umum']);
    const template = mappingTemplate(r);
    expect(template.to).toEqual({ 'Kalaksa BPBD': 'commander', 'Dinas Sosial': 'shelter', 'Dinas Kesehatan': 'health', 'Bagian Umum': '' });
    expect(template.methods).toEqual({ Surat: '' });
    // The facilitator fills the blanks once.
    const mapping = { ...template, to: { ...template.to, 'Bagian Umum': 'commander' }, methods: { Surat: 'email' } };
    const again = await importMsel(cp1252(SHEET), { context: ctx, mapping, fileName: 'msel-id.csv' });
    expect(again.rows.map((x) => x.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'rejected', 'rejected']);
    expect(again.rows[3].row).toMatchObject({ method: 'email', to: 'commander', expectedActions: ['submit_sitrep'] });
  });

  it('reads an XLSX with English headers, clock times and a header mapping', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Injects');
    ws.addRow(['Inject #', 'Scenario Time', 'Method', 'From', 'To', 'Message', 'Expected Player Action', 'Objective']);
    const clock = (h: number, m: number) => new Date(Date.UTC(1899, 11, 30, h, m));
    ws.addRow([1, clock(8, 20), 'Phone', 'BMKG', 'all', 'Early warning\nfor the coast', 'Warn coastal residents', 'Obj 1']);
    ws.addRow([2, clock(9, 5), 'Radio', 'PMI', 'tim-b', 'Boat ready', 'Task the boat', 'Obj 2']);
    ws.addRow([3, clock(7, 30), 'Radio', 'PMI', 'tim-b', 'Too early', '', '']);
    const data = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await importMsel(data, { context: ctx, fileName: 'msel.xlsx', mapping: { columns: { 'Inject #': 'no' }, startTime: '08:00' } });
    expect(r.format).toBe('xlsx');
    expect(r.columns).toMatchObject({ 'Inject #': 'no', 'Scenario Time': 'time', Objective: 'notes' });
    expect(r.rows[0].row).toMatchObject({ time: 'H+0:20', method: 'phone', to: 'all', expectedActions: ['warn'], notes: 'Objective: Obj 1' });
    expect(r.rows[0].row.message.id).toBe('Early warning\nfor the coast');
    expect(r.rows[1].row).toMatchObject({ time: 'H+1:05', to: 'tim-b', expectedActions: ['task_unit'] });
    expect(r.rows[2].status).toBe('rejected');
  });

  it('exports the built-in MSEL as XLSX and CSV in HSEEP columns and reads both back unchanged', async () => {
    const { msel } = loadScenario(DIR);
    const key = (rows: typeof msel) => rows.map((x) => [x.no, x.minute, x.condition, x.method, x.from, x.to, x.message.id, x.message.en, x.expectedAction, x.deadlineMinutes, x.effect]);
    const xlsx = await importMsel(await exportMselXlsx(msel), { context: ctx, fileName: 'x.xlsx' });
    expect(xlsx.rejected).toBe(0);
    expect(key(xlsx.mselRows)).toEqual(key(msel));
    const csv = exportMselCsv(msel);
    expect(csv.startsWith('\uFEFFNo;Waktu / Scenario Time;')).toBe(true);
    const back = await importMsel(new TextEncoder().encode(csv), { context: ctx, fileName: 'x.csv' });
    expect(key(back.mselRows)).toEqual(key(msel));
    // Gladi's own msel.csv round trip.
    const own = readMselCsv(writeMselCsv(msel), 'msel.csv');
    expect(key(checkMselRecords(own.records, 'msel.csv', ctx).rows)).toEqual(key(msel));
  });

  it('npm run msel -- import --json prints one line with the row report', () => {
    const file = join(tmp, 'msel-id.csv');
    writeFileSync(file, cp1252(SHEET));
    let out = '';
    try {
      out = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'msel.ts'), 'import', file, '--scenario', DIR, '--json'], { encoding: 'utf8', cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      const err = e as { status: number; stdout: string };
      expect(err.status).toBe(1); // rows were rejected
      out = err.stdout;
    }
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const j = JSON.parse(lines[0]);
    expect(j).toMatchObject({ accepted: 0, warnings: 3, rejected: 3 });
    expect(j.rows[0]).toMatchObject({ no: 1, status: 'warning', row: { time: 'H+0:10', method: 'phone', to: 'commander', expectedActions: ['warn'] } });
    expect(j.rows[3].messages.some((m: { level: string; message: string }) => m.level === 'error' && /Surat/.test(m.message))).toBe(true);
  }, 30_000); // spawns the CLI (tsx start-up)
});
