// ESRI ASCII grid reader (the text raster QGIS/GDAL write: "Export > Save as… > Arc/Info ASCII Grid").
// Header: ncols, nrows, xllcorner|xllcenter, yllcorner|yllcenter, cellsize (or dx and dy, as GDAL writes for
// non-square cells), optional NODATA_value; then nrows rows of ncols numbers, north to south.
// Lenient: every problem is collected, NODATA cells become NaN and are counted, so the checker can say all at once.

export interface AsciiGrid {
  width: number;
  height: number;
  /** Cell edge (cellsize, or dx when dx/dy are given). */
  cellSize: number;
  dx: number;
  dy: number;
  xll: number;
  yll: number;
  /** True when the header gives the lower-left cell centre (xllcenter) rather than its corner. */
  centre: boolean;
  nodata: number | null;
  /** Row-major, north row first; NaN where NODATA or unreadable. */
  values: Float64Array;
  nodataCount: number;
  /** First NODATA cell (x, y), for the message. */
  firstNodata: [number, number] | null;
}

export type GridProblem =
  | { kind: 'header_missing'; key: string }
  | { kind: 'row_length'; row: number; found: number; expected: number }
  | { kind: 'row_count'; found: number; expected: number }
  | { kind: 'bad_value'; row: number; value: string }
  | { kind: 'non_square'; dx: number; dy: number };

export function readAsciiGrid(text: string): { grid: AsciiGrid | null; problems: GridProblem[] } {
  const problems: GridProblem[] = [];
  const lines = text.split(/\r?\n/);
  const header: Record<string, number> = {};
  let k = 0;
  for (; k < lines.length; k++) {
    const m = /^\s*([a-zA-Z_]+)\s+([-+]?[\d.]+(?:[eE][-+]?\d+)?)\s*$/.exec(lines[k]);
    if (!m) break;
    header[m[1].toLowerCase()] = Number(m[2]);
  }
  const dx = header.cellsize ?? header.dx;
  const dy = header.cellsize ?? header.dy ?? dx;
  for (const key of ['ncols', 'nrows']) if (!(header[key] > 0) || !Number.isInteger(header[key])) problems.push({ kind: 'header_missing', key });
  if (!(dx > 0) || !(dy > 0)) problems.push({ kind: 'header_missing', key: 'cellsize' });
  if (problems.length) return { grid: null, problems };
  if (Math.abs(dx - dy) > 1e-6 * Math.max(dx, dy)) problems.push({ kind: 'non_square', dx, dy });
  const width = header.ncols, height = header.nrows;
  if (width * height > 50_000_000) return { grid: null, problems: [{ kind: 'row_count', found: 0, expected: height }] };
  const nodata = header.nodata_value ?? null;
  const values = new Float64Array(width * height).fill(NaN);
  let nodataCount = 0;
  let firstNodata: [number, number] | null = null;
  let row = 0;
  let badValues = 0;
  for (; k < lines.length; k++) {
    const line = lines[k].trim();
    if (!line) continue;
    const parts = line.split(/\s+/);
    if (row < height) {
      if (parts.length !== width) problems.push({ kind: 'row_length', row: row + 1, found: parts.length, expected: width });
      for (let x = 0; x < Math.min(width, parts.length); x++) {
        const v = Number(parts[x]);
        const i = row * width + x;
        if (nodata !== null && v === nodata) {
          nodataCount++;
          firstNodata ??= [x, row];
        } else if (!Number.isFinite(v)) {
          if (badValues++ < 3) problems.push({ kind: 'bad_value', row: row + 1, value: parts[x] });
        } else values[i] = v;
      }
    }
    row++;
  }
  if (row !== height) problems.push({ kind: 'row_count', found: row, expected: height });
  return {
    grid: {
      width, height, cellSize: dx, dx, dy,
      xll: header.xllcorner ?? header.xllcenter ?? 0, yll: header.yllcorner ?? header.yllcenter ?? 0,
      centre: header.xllcorner === undefined && header.xllcenter !== undefined,
      nodata, values, nodataCount, firstNodata,
    },
    problems,
  };
}

/** Writes an ESRI ASCII grid (north row first). */
export function writeAsciiGrid(g: { width: number; height: number; cellSize: number; xll?: number; yll?: number }, values: ArrayLike<number>, digits: number): string {
  const out = [`ncols ${g.width}`, `nrows ${g.height}`, `xllcorner ${g.xll ?? 0}`, `yllcorner ${g.yll ?? 0}`, `cellsize ${g.cellSize}`, 'NODATA_value -9999'];
  for (let y = 0; y < g.height; y++) {
    const row: string[] = new Array(g.width);
    for (let x = 0; x < g.width; x++) {
      const v = Number(values[y * g.width + x]);
      row[x] = Number.isFinite(v) ? v.toFixed(digits) : '-9999';
    }
    out.push(row.join(' '));
  }
  return out.join('\n') + '\n';
}
