// The scenario editor's map: a canvas with one pixel per cell (elevation or land use, water, roads), the places
// on top (neighbourhood polygons, shelters, unit bases, embankments, road closures), and the drawing tools.
import type { EditorModel } from '../../server/authoring/editor-model.ts';
import { h } from '../util/dom.ts';
import type { Picked, PickKind } from './editor-pick.ts';

export type Tool = 'select' | 'hood' | 'shelter' | 'unit' | 'embankment' | 'bridge' | 'closure' | 'paint' | 'inspect';
export type Layer = 'landuse' | 'elevation';

export interface LandClass { code: number; name: string; isSea?: boolean; startsWet?: boolean; habitable?: boolean; bridge?: boolean; isRoad?: boolean; walkCost?: number | string }
export interface Hood { id: string; name: string; polygon: [number, number][]; households: number; householdSize: number; vulnerableShare: number; trust: number; [k: string]: unknown }
export interface ShelterRow { id: string; name: string; x: number; y: number; floorArea: number; open?: boolean; [k: string]: unknown }
export interface UnitRow { id: string; kind: string; x: number; y: number; capacity: number }
export interface NgoRow { id: string; name: string; units: UnitRow[]; responseDelay?: number; selfDeploy?: boolean; onRequest?: boolean }
export interface EmbankmentRow { id: string; name: string; line: [number, number][]; crest: number; [k: string]: unknown }
export interface FacilityRow { id: string; name: string; kind: string; x: number; y: number; [k: string]: unknown }
export interface LandslideRow { id: string; name: string; polygon: [number, number][]; [k: string]: unknown }

/** The parts of scenario.yaml the map draws and edits. */
export interface ScenarioData {
  id: string;
  landUse: LandClass[];
  neighbourhoods: Hood[];
  shelters: ShelterRow[];
  ngos: NgoRow[];
  embankments: EmbankmentRow[];
  facilities?: FacilityRow[];
  landslides?: LandslideRow[];
  [k: string]: unknown;
}

/** Land-use colours by class flags and name (sea, water, housing, road, paddy, trees, public). */
function classColour(c: LandClass | undefined): [number, number, number] {
  if (!c) return [255, 0, 255];
  const n = c.name.toLowerCase();
  if (c.isSea) return [37, 99, 235];
  if (c.bridge) return [120, 113, 108];
  if (c.startsWet) return [96, 165, 250];
  if (c.isRoad || /jalan|road/.test(n)) return [148, 163, 184];
  if (c.habitable) return [251, 146, 60];
  if (/fasilitas|public|sekolah/.test(n)) return [190, 24, 93];
  if (/pantai|beach|pasir/.test(n)) return [253, 230, 138];
  if (/kebun|hutan|forest|tree/.test(n)) return [22, 101, 52];
  if (/sawah|paddy|terbuka|open|field/.test(n)) return [163, 230, 53];
  return [203, 213, 225];
}

export interface MapCallbacks {
  /** Something changed in the model (redraw done by the map); `what` for the status line. */
  changed(what: string): void;
  select(sel: Selection | null): void;
  inspect(info: { x: number; y: number; elevation: number | null; landUse: LandClass | undefined; hoods: string[]; things: string[] }): void;
  /** A rectangle drawn with the road-closure tool. */
  closure(rect: [number, number, number, number]): void;
}

export type Selection = { kind: 'hood' | 'shelter' | 'unit' | 'embankment'; id: string };

export class EditorMap {
  readonly el: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  private ctx: CanvasRenderingContext2D;
  private base: HTMLCanvasElement | null = null;
  model: EditorModel | null = null;
  tool: Tool = 'select';
  layer: Layer = 'landuse';
  paintCode = 3;
  brush = 1;
  selection: Selection | null = null;
  private draft: [number, number][] = [];
  private drag: { kind: 'shelter' | 'unit' | 'vertex' | 'hood' | 'paint' | 'closure'; id?: string; k?: number; start?: [number, number]; at?: [number, number] } | null = null;
  private scale = 4;
  /** Set while an MSEL cell waits for a place: the next click on a place goes here instead of to the tool. */
  onPick: ((p: Picked | null) => void) | null = null;
  pickKinds: readonly PickKind[] | undefined;

  constructor(private readonly cb: MapCallbacks) {
    this.canvas = h('canvas.editor-canvas', { 'data-testid': 'editor-canvas', tabindex: '0' });
    this.ctx = this.canvas.getContext('2d')!;
    this.el = h('div.editor-map', this.canvas);
    this.canvas.addEventListener('mousedown', (e) => this.down(e));
    this.canvas.addEventListener('mousemove', (e) => this.move(e));
    window.addEventListener('mouseup', () => this.up());
    this.canvas.addEventListener('dblclick', (e) => { e.preventDefault(); this.finishDraft(); });
  }

  get data(): ScenarioData { return this.model!.scenario as ScenarioData; }

  setModel(m: EditorModel | null): void {
    this.model = m;
    this.draft = [];
    this.selection = null;
    this.rebuildBase();
    this.draw();
  }

  /** Cell under the mouse (fractional). */
  cellAt(e: MouseEvent): [number, number] {
    const r = this.canvas.getBoundingClientRect();
    const sx = this.canvas.width / r.width, sy = this.canvas.height / r.height;
    return [((e.clientX - r.left) * sx) / this.scale, ((e.clientY - r.top) * sy) / this.scale];
  }

  rebuildBase(): void {
    const g = this.model?.grid;
    if (!g) { this.base = null; return; }
    const c = document.createElement('canvas');
    c.width = g.width; c.height = g.height;
    const cx = c.getContext('2d')!;
    const img = cx.createImageData(g.width, g.height);
    const classes = new Map((this.data.landUse ?? []).map((k) => [k.code, k]));
    let lo = Infinity, hi = -Infinity;
    for (const v of g.elevation) if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    for (let i = 0; i < g.width * g.height; i++) {
      const cls = classes.get(g.landUse[i] ?? -1);
      let rgb: [number, number, number];
      if (this.layer === 'landuse' || cls?.isSea) rgb = classColour(cls);
      else {
        const z = g.elevation[i];
        const t = z === null ? 0 : (z - Math.max(lo, 0)) / Math.max(0.01, hi - Math.max(lo, 0));
        rgb = z === null ? [0, 0, 0] : [Math.round(34 + 200 * t), Math.round(120 + 100 * t), Math.round(60 + 150 * t)];
        if (cls?.startsWet) rgb = [96, 165, 250];
        if (cls?.isRoad) rgb = [148, 163, 184];
      }
      img.data.set([...rgb, 255], i * 4);
    }
    cx.putImageData(img, 0, 0);
    this.base = c;
  }

  /** Fits the canvas to its box (whole cells scaled up, crisp). */
  fit(maxW: number, maxH: number): void {
    const g = this.model?.grid;
    if (!g) return;
    this.scale = Math.max(1, Math.min(8, Math.floor(Math.min(maxW / g.width, maxH / g.height))));
    this.canvas.width = g.width * this.scale;
    this.canvas.height = g.height * this.scale;
    this.draw();
  }

  draw(): void {
    const ctx = this.ctx, s = this.scale;
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    if (!this.model || !this.base) return;
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(this.base, 0, 0, this.canvas.width, this.canvas.height);
    const d = this.data;
    ctx.lineWidth = 2;
    for (const n of d.neighbourhoods ?? []) {
      const sel = this.selection?.kind === 'hood' && this.selection.id === n.id;
      ctx.beginPath();
      n.polygon.forEach(([x, y], k) => (k ? ctx.lineTo(x * s, y * s) : ctx.moveTo(x * s, y * s)));
      ctx.closePath();
      ctx.fillStyle = sel ? 'rgba(250, 204, 21, .35)' : 'rgba(255, 255, 255, .18)';
      ctx.fill();
      ctx.strokeStyle = sel ? '#facc15' : '#fff7ed';
      ctx.stroke();
      if (sel) for (const [x, y] of n.polygon) { ctx.fillStyle = '#facc15'; ctx.fillRect(x * s - 3, y * s - 3, 6, 6); }
      const cx = n.polygon.reduce((a, p) => a + p[0], 0) / n.polygon.length, cy = n.polygon.reduce((a, p) => a + p[1], 0) / n.polygon.length;
      ctx.fillStyle = '#0f172a'; ctx.font = `${Math.max(10, s * 2.5)}px system-ui`; ctx.fillText(n.name, cx * s - ctx.measureText(n.name).width / 2, cy * s);
    }
    // Landslide zones (brown dashed outline) and health facilities (white cross on red), for picking in the MSEL.
    for (const z of d.landslides ?? []) {
      ctx.beginPath();
      z.polygon.forEach(([x, y], k) => (k ? ctx.lineTo(x * s, y * s) : ctx.moveTo(x * s, y * s)));
      ctx.closePath();
      ctx.fillStyle = 'rgba(146, 64, 14, .25)'; ctx.fill();
      ctx.strokeStyle = '#92400e'; ctx.setLineDash([6, 3]); ctx.stroke(); ctx.setLineDash([]);
    }
    for (const f of d.facilities ?? []) {
      ctx.fillStyle = '#dc2626'; ctx.fillRect((f.x - 0.8) * s, (f.y - 0.8) * s, 2.6 * s, 2.6 * s);
      ctx.fillStyle = '#fff'; ctx.fillRect((f.x + 0.3) * s, (f.y - 0.5) * s, 0.4 * s, 2 * s); ctx.fillRect((f.x - 0.5) * s, (f.y + 0.3) * s, 2 * s, 0.4 * s);
    }
    for (const e of d.embankments ?? []) {
      ctx.beginPath();
      e.line.forEach(([x, y], k) => (k ? ctx.lineTo((x + 0.5) * s, (y + 0.5) * s) : ctx.moveTo((x + 0.5) * s, (y + 0.5) * s)));
      ctx.strokeStyle = this.selection?.id === e.id ? '#facc15' : '#78350f'; ctx.lineWidth = Math.max(3, s); ctx.stroke(); ctx.lineWidth = 2;
    }
    // Road closures written as MSEL effects.
    for (const r of this.model.msel) {
      const m = /^road_closed\((\d+),(\d+),(\d+),(\d+)\)$/.exec((r.effect ?? '').replace(/\s/g, ''));
      if (!m) continue;
      const [x0, y0, x1, y1] = m.slice(1).map(Number);
      ctx.strokeStyle = '#dc2626'; ctx.setLineDash([4, 3]);
      ctx.strokeRect(Math.min(x0, x1) * s, Math.min(y0, y1) * s, (Math.abs(x1 - x0) + 1) * s, (Math.abs(y1 - y0) + 1) * s);
      ctx.setLineDash([]);
    }
    for (const sh of d.shelters ?? []) {
      const sel = this.selection?.kind === 'shelter' && this.selection.id === sh.id;
      ctx.fillStyle = sel ? '#facc15' : '#16a34a'; ctx.strokeStyle = '#fff';
      ctx.fillRect((sh.x - 0.8) * s, (sh.y - 0.8) * s, 2.6 * s, 2.6 * s); ctx.strokeRect((sh.x - 0.8) * s, (sh.y - 0.8) * s, 2.6 * s, 2.6 * s);
    }
    for (const n of d.ngos ?? []) for (const u of n.units) {
      const sel = this.selection?.kind === 'unit' && this.selection.id === u.id;
      ctx.beginPath(); ctx.arc((u.x + 0.5) * s, (u.y + 0.5) * s, 1.3 * s + 2, 0, Math.PI * 2);
      ctx.fillStyle = sel ? '#facc15' : u.kind === 'boat' ? '#0ea5e9' : '#7c3aed'; ctx.fill(); ctx.strokeStyle = '#fff'; ctx.stroke();
    }
    if (this.draft.length) {
      ctx.beginPath();
      this.draft.forEach(([x, y], k) => (k ? ctx.lineTo(x * s, y * s) : ctx.moveTo(x * s, y * s)));
      ctx.strokeStyle = '#facc15'; ctx.setLineDash([5, 4]); ctx.stroke(); ctx.setLineDash([]);
      for (const [x, y] of this.draft) { ctx.fillStyle = '#facc15'; ctx.fillRect(x * s - 3, y * s - 3, 6, 6); }
    }
    if (this.drag?.kind === 'closure' && this.drag.start && this.drag.at) {
      const [a, b] = this.drag.start, [c, e] = this.drag.at;
      ctx.strokeStyle = '#dc2626'; ctx.strokeRect(Math.min(a, c) * s, Math.min(b, e) * s, (Math.abs(c - a) + 1) * s, (Math.abs(e - b) + 1) * s);
    }
  }

  private hit(x: number, y: number): Selection | null {
    const d = this.data;
    for (const sh of d.shelters ?? []) if (Math.abs(sh.x + 0.5 - x) <= 1.6 && Math.abs(sh.y + 0.5 - y) <= 1.6) return { kind: 'shelter', id: sh.id };
    for (const n of d.ngos ?? []) for (const u of n.units) if (Math.hypot(u.x + 0.5 - x, u.y + 0.5 - y) <= 1.8) return { kind: 'unit', id: u.id };
    for (const n of [...(d.neighbourhoods ?? [])].reverse()) if (inside(n.polygon, x, y)) return { kind: 'hood', id: n.id };
    return null;
  }

  private uniqueId(base: string): string {
    const d = this.data;
    const used = new Set([...(d.neighbourhoods ?? []), ...(d.shelters ?? []), ...(d.embankments ?? []), ...(d.ngos ?? []), ...(d.ngos ?? []).flatMap((n) => n.units)].map((x) => x.id));
    let k = 1;
    while (used.has(`${base}-${k}`)) k++;
    return `${base}-${k}`;
  }

  /** The places under (x, y) an MSEL cell can name, nearest kind first: health facility, shelter, unit base,
   *  landslide zone, neighbourhood. With `accept`, the first of those kinds. */
  pickAt(x: number, y: number, accept?: readonly PickKind[]): Picked | null {
    const d = this.data;
    const all: Picked[] = [];
    for (const f of d.facilities ?? []) if (Math.abs(f.x + 0.5 - x) <= 1.6 && Math.abs(f.y + 0.5 - y) <= 1.6) all.push({ kind: 'facility', id: f.id });
    for (const sh of d.shelters ?? []) if (Math.abs(sh.x + 0.5 - x) <= 1.6 && Math.abs(sh.y + 0.5 - y) <= 1.6) all.push({ kind: 'shelter', id: sh.id });
    for (const n of d.ngos ?? []) for (const u of n.units) if (Math.hypot(u.x + 0.5 - x, u.y + 0.5 - y) <= 1.8) all.push({ kind: 'unit', id: u.id, ngo: n.id });
    for (const z of [...(d.landslides ?? [])].reverse()) if (inside(z.polygon, x, y)) all.push({ kind: 'zone', id: z.id });
    for (const n of [...(d.neighbourhoods ?? [])].reverse()) if (inside(n.polygon, x, y)) all.push({ kind: 'hood', id: n.id });
    return all.find((p) => !accept || accept.includes(p.kind)) ?? null;
  }

  private down(e: MouseEvent): void {
    if (!this.model?.grid) return;
    const [fx, fy] = this.cellAt(e);
    const x = Math.floor(fx), y = Math.floor(fy);
    const d = this.data;
    const g = this.model.grid;
    if (x < 0 || y < 0 || x >= g.width || y >= g.height) return;
    if (this.onPick) {
      this.onPick(this.pickAt(fx, fy, this.pickKinds));
      return;
    }
    switch (this.tool) {
      case 'select': {
        const sel = this.selection?.kind === 'hood' ? d.neighbourhoods.find((n) => n.id === this.selection!.id) : null;
        const k = sel ? sel.polygon.findIndex(([px, py]) => Math.hypot(px - fx, py - fy) < 1.5) : -1;
        if (sel && k >= 0) { this.drag = { kind: 'vertex', id: sel.id, k }; return; }
        const hit = this.hit(fx, fy);
        // Dragging inside the selected neighbourhood moves it whole.
        if (sel && hit?.kind === 'hood' && hit.id === sel.id) { this.drag = { kind: 'hood', id: sel.id, at: [Math.round(fx), Math.round(fy)] }; return; }
        this.selection = hit;
        this.cb.select(hit);
        if (hit?.kind === 'shelter' || hit?.kind === 'unit') this.drag = { kind: hit.kind, id: hit.id };
        this.draw();
        return;
      }
      case 'hood': case 'embankment': case 'bridge':
        this.draft.push(this.tool === 'hood' ? [Math.round(fx), Math.round(fy)] : [x, y]);
        if (this.tool === 'bridge' && this.draft.length === 2) this.finishDraft();
        this.draw();
        return;
      case 'shelter': {
        const id = this.uniqueId('pengungsian');
        d.shelters = [...(d.shelters ?? []), { id, name: `Pengungsian ${id.split('-').pop()}`, x, y, floorArea: 500 }];
        this.selection = { kind: 'shelter', id };
        this.cb.select(this.selection);
        this.cb.changed('shelter');
        this.draw();
        return;
      }
      case 'unit': {
        const id = this.uniqueId('unit');
        if (!d.ngos?.length) d.ngos = [{ id: 'relawan', name: 'Relawan', units: [] }];
        d.ngos[0].units.push({ id, kind: 'boat', x, y, capacity: 8 });
        this.selection = { kind: 'unit', id };
        this.cb.select(this.selection);
        this.cb.changed('unit');
        this.draw();
        return;
      }
      case 'paint': this.drag = { kind: 'paint' }; this.paintAt(x, y); return;
      case 'closure': this.drag = { kind: 'closure', start: [x, y], at: [x, y] }; this.draw(); return;
      case 'inspect': {
        const i = y * g.width + x;
        const cls = (d.landUse ?? []).find((c) => c.code === g.landUse[i]);
        const things = [...(d.shelters ?? []).filter((s) => s.x === x && s.y === y).map((s) => s.name), ...(d.ngos ?? []).flatMap((n) => n.units).filter((u) => Math.round(u.x) === x && Math.round(u.y) === y).map((u) => u.id)];
        this.cb.inspect({ x, y, elevation: g.elevation[i], landUse: cls, hoods: (d.neighbourhoods ?? []).filter((n) => inside(n.polygon, x + 0.5, y + 0.5)).map((n) => n.name), things });
        return;
      }
    }
  }

  private move(e: MouseEvent): void {
    if (!this.drag || !this.model?.grid) return;
    const [fx, fy] = this.cellAt(e);
    const g = this.model.grid;
    const x = Math.min(g.width - 1, Math.max(0, Math.floor(fx))), y = Math.min(g.height - 1, Math.max(0, Math.floor(fy)));
    const d = this.data;
    if (this.drag.kind === 'shelter') { const s = d.shelters.find((q) => q.id === this.drag!.id); if (s) { s.x = x; s.y = y; } }
    else if (this.drag.kind === 'unit') { const u = d.ngos.flatMap((n) => n.units).find((q) => q.id === this.drag!.id); if (u) { u.x = x; u.y = y; } }
    else if (this.drag.kind === 'hood') {
      const n = d.neighbourhoods.find((q) => q.id === this.drag!.id);
      const [ax, ay] = this.drag.at!, bx = Math.round(fx), by = Math.round(fy);
      if (n && (bx !== ax || by !== ay)) { n.polygon = n.polygon.map(([px, py]) => [px + bx - ax, py + by - ay]); this.drag.at = [bx, by]; }
    }
    else if (this.drag.kind === 'vertex') { const n = d.neighbourhoods.find((q) => q.id === this.drag!.id); if (n) n.polygon[this.drag.k!] = [Math.round(fx), Math.round(fy)]; }
    else if (this.drag.kind === 'paint') { this.paintAt(x, y); return; }
    else if (this.drag.kind === 'closure') this.drag.at = [x, y];
    this.draw();
  }

  private up(): void {
    const d = this.drag;
    this.drag = null;
    if (!d) return;
    if (d.kind === 'closure' && d.start && d.at) { this.cb.closure([d.start[0], d.start[1], d.at[0], d.at[1]]); this.draw(); return; }
    if (d.kind === 'paint') { this.cb.changed('paint'); return; }
    this.cb.changed(d.kind);
  }

  private paintAt(x: number, y: number): void {
    const g = this.model!.grid!;
    const r = this.brush - 1;
    for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) {
      const cx = x + dx, cy = y + dy;
      if (cx >= 0 && cy >= 0 && cx < g.width && cy < g.height) g.landUse[cy * g.width + cx] = this.paintCode;
    }
    this.rebuildBase();
    this.draw();
  }

  /** Closes the polygon or line being drawn (double-click or the Finish button). */
  finishDraft(): void {
    const d = this.data;
    const pts = this.draft;
    this.draft = [];
    if (this.tool === 'hood' && pts.length >= 3) {
      const id = this.uniqueId('wilayah');
      d.neighbourhoods = [...(d.neighbourhoods ?? []), { id, name: `Wilayah ${id.split('-').pop()}`, polygon: pts, households: 50, householdSize: 4, vulnerableShare: 0.25, trust: 0.6 }];
      this.selection = { kind: 'hood', id };
      this.cb.select(this.selection);
      this.cb.changed('hood');
    } else if (this.tool === 'embankment' && pts.length >= 2) {
      const g = this.model!.grid!;
      const crest = Math.round((Math.max(...pts.map(([x, y]) => g.elevation[y * g.width + x] ?? 0)) + 0.5) * 100) / 100;
      const id = this.uniqueId('tanggul');
      d.embankments = [...(d.embankments ?? []), { id, name: `Tanggul ${id.split('-').pop()}`, line: pts, crest }];
      this.selection = { kind: 'embankment', id };
      this.cb.select(this.selection);
      this.cb.changed('embankment');
    } else if (this.tool === 'bridge' && pts.length === 2) {
      const g = this.model!.grid!;
      let bridge = d.landUse.find((c) => c.bridge);
      if (!bridge) { bridge = { code: Math.max(...d.landUse.map((c) => c.code)) + 1, name: 'jembatan', manningN: 0.03, walkCost: 1, startsWet: true, bridge: true, isRoad: true } as LandClass; d.landUse.push(bridge); }
      const wet = new Set(d.landUse.filter((c) => c.startsWet && !c.bridge).map((c) => c.code));
      const road = d.landUse.find((c) => c.isRoad && !c.bridge) ?? d.landUse.find((c) => /jalan|road/i.test(c.name));
      const [[x0, y0], [x1, y1]] = pts;
      const n = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
      for (let k = 0; k <= n; k++) {
        const x = Math.round(x0 + ((x1 - x0) * k) / n), y = Math.round(y0 + ((y1 - y0) * k) / n), i = y * g.width + x;
        if (wet.has(g.landUse[i] ?? -1)) g.landUse[i] = bridge.code;
        else if (road) g.landUse[i] = road.code;
      }
      this.rebuildBase();
      this.cb.changed('bridge');
    }
    this.draw();
  }

  cancelDraft(): void { this.draft = []; this.draw(); }
}

export function inside(poly: [number, number][], x: number, y: number): boolean {
  let c = false;
  for (let a = 0, b = poly.length - 1; a < poly.length; b = a++) {
    const [xa, ya] = poly[a], [xb, yb] = poly[b];
    if (ya > y !== yb > y && x < ((xb - xa) * (y - ya)) / (yb - ya) + xa) c = !c;
  }
  return c;
}
