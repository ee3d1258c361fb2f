// Writing an MSEL: Gladi's own msel.csv (the columns the loader reads) and, for people, CSV or XLSX in HSEEP
// columns with Indonesian / English headers (the importer reads these headers back).
import ExcelJS from 'exceljs';
import { conditionText, effectText } from './inject-text.ts';
import { formatScenarioTime } from '../scenario/scenario-time.ts';
import { MSEL_COLUMNS, type MselRow } from '../scenario/msel-rows.ts';

const csvCell = (v: string | number | null | undefined, sep = ',') => {
  const s = v === null || v === undefined ? '' : String(v);
  return /["\n\r]/.test(s) || s.includes(sep) ? `"${s.replace(/"/g, '""')}"` : s;
};

function dayTime(minute: number): string {
  const d = Math.floor(minute / 1440);
  return d ? `D+${d} ${formatScenarioTime(minute % 1440)}` : formatScenarioTime(minute);
}

/** Gladi's msel.csv (UTF-8, comma, header row of MSEL_COLUMNS). */
export function writeMselCsv(rows: MselRow[]): string {
  const lines = [MSEL_COLUMNS.join(',')];
  for (const r of [...rows].sort((a, b) => a.no - b.no)) {
    const v: Record<(typeof MSEL_COLUMNS)[number], string | number | null> = {
      no: r.no, time: r.condition && r.minute === 0 ? '' : dayTime(r.minute), condition: r.condition ? conditionText(r.condition) : '',
      method: r.method, from: r.from, to: r.to, message_id: r.message.id, message_en: r.message.en === r.message.id ? '' : r.message.en,
      expected_action: (r.expectedActions?.length ? r.expectedActions : r.expectedAction ? [r.expectedAction] : []).join('; '),
      deadline: r.deadlineMinutes, effect: r.effect ? effectText(r.effect) : '', expected_text: r.expectedText ?? '', notes: r.notes ?? '',
    };
    lines.push(MSEL_COLUMNS.map((c) => csvCell(v[c])).join(','));
  }
  return lines.join('\n') + '\n';
}

/** HSEEP MSEL columns (Event No., Scenario Time, Method, From, To, Message, Expected Player Action, Notes), bilingual headers. */
export const HSEEP_HEADERS = [
  ['no', 'No'], ['time', 'Waktu / Scenario Time'], ['condition', 'Kondisi / Trigger'], ['method', 'Metode / Method'],
  ['from', 'Dari / From'], ['to', 'Kepada / To'], ['message_id', 'Pesan / Message'], ['message_en', 'Pesan EN / Message EN'],
  ['expected_text', 'Tindakan yang Diharapkan / Expected Player Action'], ['expected_action', 'Perintah Gladi / Gladi Commands'],
  ['deadline', 'Tenggat (menit) / Deadline (min)'], ['effect', 'Efek / Effect'], ['notes', 'Catatan Pengendali / Controller Notes'],
] as const;

function hseepValues(r: MselRow): (string | number)[] {
  const v: Record<string, string | number> = {
    no: r.no, time: r.condition && r.minute === 0 ? '' : dayTime(r.minute), condition: r.condition ? conditionText(r.condition) : '',
    method: r.method, from: r.from, to: r.to, message_id: r.message.id, message_en: r.message.en,
    expected_text: r.expectedText ?? '', expected_action: (r.expectedActions?.length ? r.expectedActions : r.expectedAction ? [r.expectedAction] : []).join('; '),
    deadline: r.deadlineMinutes ?? '', effect: r.effect ? effectText(r.effect) : '', notes: r.notes ?? '',
  };
  return HSEEP_HEADERS.map(([k]) => v[k]);
}

/** CSV for Excel: UTF-8 with a byte-order mark (so Excel reads it as UTF-8), semicolons by default (Indonesian Excel). */
export function exportMselCsv(rows: MselRow[], sep = ';'): string {
  const lines = [HSEEP_HEADERS.map(([, h]) => csvCell(h, sep)).join(sep)];
  for (const r of [...rows].sort((a, b) => a.no - b.no)) lines.push(hseepValues(r).map((v) => csvCell(v, sep)).join(sep));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export async function exportMselXlsx(rows: MselRow[], title = 'MSEL'): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gladi';
  const ws = wb.addWorksheet(title.slice(0, 31) || 'MSEL', { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths: Record<string, number> = { no: 5, time: 12, condition: 22, method: 11, from: 22, to: 14, message_id: 50, message_en: 40, expected_text: 36, expected_action: 22, deadline: 10, effect: 22, notes: 30 };
  ws.columns = HSEEP_HEADERS.map(([k, h]) => ({ header: h, key: k, width: widths[k] }));
  for (const r of [...rows].sort((a, b) => a.no - b.no)) ws.addRow(hseepValues(r));
  ws.getRow(1).font = { bold: true };
  ws.eachRow((row) => { row.alignment = { wrapText: true, vertical: 'top' }; });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
