// Reading a spreadsheet into a table of strings: CSV (separator, encoding and decimal comma detected) or XLSX
// (first worksheet, via exceljs). Multi-line cells are kept. No interpretation of columns here: msel-import.ts.
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';

export interface Sheet {
  /** Rows of cells as text, spreadsheet row 1 first (empty rows kept as [] so row numbers stay right). */
  rows: string[][];
  format: 'csv' | 'xlsx';
  /** CSV only. */
  encoding?: 'utf-8' | 'windows-1252';
  separator?: string;
  /** Numbers written with a decimal comma (Indonesian Excel): 0,3 → 0.3 where a number is expected. */
  decimalComma: boolean;
}

export class SheetError extends Error {
  constructor(readonly code: 'sheet_empty' | 'sheet_unreadable', readonly detail: string) { super(detail); }
}

const isZip = (b: Uint8Array) => b.length > 3 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

export async function readSheet(data: Uint8Array, fileName = ''): Promise<Sheet> {
  if (isZip(data) || /\.xlsx$/i.test(fileName)) return readXlsx(data);
  return readCsvSheet(data);
}

/** UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what Excel on Windows saves as "CSV"). */
export function decodeText(data: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    // Node's TextDecoder decodes the label windows-1252 as ISO-8859-1, leaving 0x80–0x9F as C1 controls; map those
    // bytes to their Windows-1252 characters (WHATWG Encoding Standard index, "windows-1252").
    const text = new TextDecoder('windows-1252').decode(data).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] || c);
    return { text, encoding: 'windows-1252' };
  }
}

/** Windows-1252 bytes 0x80–0x9F (empty = undefined in the code page). */
const CP1252_HIGH = ['€', '', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '', 'Ž', '', '', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '', 'ž', 'Ÿ'];

/** The separator used most in the header line, outside quotes. */
export function detectSeparator(text: string): string {
  const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0, '|': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  return Object.entries(counts).sort((a, b) => b[1] - a[1])[0][1] > 0 ? Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0] : ',';
}

export function readCsvSheet(data: Uint8Array): Sheet {
  const { text, encoding } = decodeText(data);
  if (!text.trim()) throw new SheetError('sheet_empty', 'no rows');
  const separator = detectSeparator(text);
  let rows: string[][];
  try {
    rows = parseCsv(text, { delimiter: separator, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: false }) as string[][];
  } catch (e) {
    throw new SheetError('sheet_unreadable', (e as Error).message);
  }
  rows = rows.map((r) => (r.every((c) => !c.trim()) ? [] : r.map((c) => c.trim())));
  return { rows, format: 'csv', encoding, separator, decimalComma: separator === ';' || hasDecimalComma(rows) };
}

/** Cells like "0,3" or "15,5" with no other commas: a decimal comma. */
function hasDecimalComma(rows: string[][]): boolean {
  return rows.some((r) => r.some((c) => /^-?\d+,\d+$/.test(c)));
}

async function readXlsx(data: Uint8Array): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
  } catch (e) {
    throw new SheetError('sheet_unreadable', (e as Error).message);
  }
  const ws = wb.worksheets.find((w) => w.rowCount > 0);
  if (!ws) throw new SheetError('sheet_empty', 'no worksheet with rows');
  const rows: string[][] = [];
  for (let n = 1; n <= ws.rowCount; n++) {
    const row = ws.getRow(n);
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(cellText(row.getCell(c).value));
    while (cells.length && !cells[cells.length - 1]) cells.pop();
    rows.push(cells);
  }
  return { rows, format: 'xlsx', decimalComma: false };
}

/** An exceljs cell value as the text the facilitator sees. Times of day (Excel fractions) become H+h:mm. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) {
    // Excel stores a duration or clock time as a day fraction from 1899-12-30; exceljs gives it as a UTC date.
    const base = Date.UTC(1899, 11, 30);
    const minutes = Math.round((v.getTime() - base) / 60000);
    if (minutes >= 0 && minutes < 60 * 24 * 31) {
      const d = Math.floor(minutes / 1440), h = Math.floor((minutes % 1440) / 60), m = minutes % 60;
      return `${d ? `D+${d} ` : ''}${h}:${String(m).padStart(2, '0')}`;
    }
    return v.toISOString();
  }
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('').trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text).trim();
    if ('error' in v) return '';
  }
  return String(v);
}
