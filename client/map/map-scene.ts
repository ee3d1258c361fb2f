// The map scene. The ground is ONE texture composed on the CPU once per frame from the server: land use,
// neighbourhood outlines, closed roads and landslides (an off-screen canvas drawn once, patched when roads close),
// water (one pixel per cell, patched where cells changed, scaled up smoothly) and household dots. Software WebGL
// (SwiftShader) pays for every pixel of every layer on every render, so one opaque quad beats four blended ones.
// On top: shelter markers and units (Graphics redrawn only when they change) and labels (Text, re-rendered only
// when their words change, kept apart by a greedy declutter). The game loop renders once per change and sleeps
// in between (see MapView).
import * as Phaser from 'phaser';
import type { TeamViewState, ViewChange } from '../net/team-view.ts';
import {
  DOT_INJURED, DOT_MOVING, DOT_STRANDED, LAND_USE_COLORS, SHELTER_CLOSED, LEVEL_BG, OUTLINE, ROOF_COLORS, SHELTER, UNIT, UNKNOWN_LAND,
  SHELTER_FLAGGED, ROAD_CLOSED, LANDSLIDE, css, hash01, rgbaOfWater, shade,
} from './colors.ts';

/** World pixels per map cell. */
export const PX = 8;
const GROUND_KEY = 'gladi-ground';
/** How long a picked cell stays outlined (ms). */
const PICK_MS = 4000;
/** Units glide to their new position over this long (ms); 0 = they jump (a tick moves a boat a cell or two, and
 *  every gliding frame is a full render). */
const GLIDE_MS = 0;
/** How far a user may zoom in beyond fitting the whole map. */
const MAX_ZOOM_IN = 8;

declare global {
  interface Window {
    __gladiMap?: { ready: boolean; tick: number; renders?: number };
  }
}

/** Words the map draws (flags on shelter labels), in the page's language. */
export interface MapWords { over: string; noWater: string; noFood: string }

interface Label { text: Phaser.GameObjects.Text; priority: number; spots: { x: number; y: number; ox: number; oy: number }[] }
interface ShelterSprite { id: string; label: Label; x: number; y: number; key: string }
interface UnitSprite { id: string; kind: string; x: number; y: number; fromX: number; fromY: number; since: number; label: Label }

export class MapScene extends Phaser.Scene {
  private state: TeamViewState | null = null;
  private unsubscribe: (() => void) | null = null;
  private built = false;
  private ground: Phaser.Textures.CanvasTexture | null = null;
  /** Land use, outlines, closed roads and landslides, at PX per cell. */
  private land: HTMLCanvasElement | null = null;
  /** Water, one pixel per cell. */
  private water: HTMLCanvasElement | null = null;
  private waterPixels: ImageData | null = null;
  /** Cells already drawn closed or slid on the land canvas. */
  private drawnBlocked = new Set<string>();
  private objects: Phaser.GameObjects.GameObject[] = [];
  private markers: Phaser.GameObjects.Graphics | null = null;
  private unitGfx: Phaser.GameObjects.Graphics | null = null;
  private areaLabels = new Map<string, { label: Label; level: string }>();
  private shelters: ShelterSprite[] = [];
  private units: UnitSprite[] = [];
  private labelScale = 1;
  private fitZoom = 1;
  private picked: { x: number; y: number; until: number } | null = null;
  private dirty = { ground: false, overlay: false, markers: false, declutter: false };
  private renderQueued = false;
  private renders = 0;

  constructor(private readonly dpr: number, private words: MapWords) {
    super({ key: 'map' });
  }

  create(): void {
    this.cameras.main.setBackgroundColor('#dbe7ef');
    this.scale.on(Phaser.Scale.Events.RESIZE, () => this.fitAll());
    this.events.on(Phaser.Scenes.Events.POST_UPDATE, () => { this.renders++; });
    this.built = true;
    if (this.state) this.rebuild();
  }

  /** Show a team's view (the facilitator switches between teams). */
  setState(state: TeamViewState): void {
    this.unsubscribe?.();
    this.state = state;
    this.unsubscribe = state.subscribe((c) => this.onChange(c));
    if (this.built) this.rebuild();
    this.wake();
  }

  setWords(words: MapWords): void {
    this.words = words;
    if (this.built && this.state) { this.updateShelterLabels(); this.wake(); }
  }

  /** One render at the next animation frame, however many changes came before it. */
  wake(): void {
    this.requestRender();
  }

  private requestRender(): void {
    if (this.renderQueued || !this.game) return;
    this.renderQueued = true;
    requestAnimationFrame((t) => {
      this.renderQueued = false;
      if (this.game && !(this.game as unknown as { pendingDestroy: boolean }).pendingDestroy) this.game.step(t, 1000 / 60);
    });
  }

  override update(): void {
    if (!this.state) return;
    const now = performance.now();
    let busy = false;
    if (this.dirty.overlay) { this.drawOverlay(); this.dirty.overlay = false; }
    if (this.dirty.ground) { this.composeGround(); this.dirty.ground = false; }
    if (this.dirty.markers) { this.drawMarkers(); this.dirty.markers = false; }
    if (this.moveUnits()) { busy = true; this.dirty.declutter = true; }
    if (this.dirty.declutter) { this.declutter(); this.dirty.declutter = false; }
    if (this.picked && now >= this.picked.until) { this.picked = null; this.dirty.markers = true; busy = true; }
    window.__gladiMap = { ready: true, tick: this.state.view.tick, renders: this.renders };
    // Phaser's own loop is only for the start and a tab coming back: frames are asked for (requestRender).
    if (this.game.loop.running) this.game.loop.sleep();
    if (busy) this.requestRender();
  }

  private onChange(c: ViewChange): void {
    if (!this.built) return;
    if (c.reset) { this.rebuild(); this.wake(); return; }
    const d = c.delta;
    if (c.waterCells.length) this.patchWater(c.waterCells);
    if (d?.dots) this.dirty.ground = true;
    if (d?.closedRoads || d?.landslides) this.dirty.overlay = true;
    if (d?.areas) this.updateAreaLabels();
    if (d?.shelters) { this.updateShelterLabels(); this.dirty.markers = true; }
    if (d?.units) {
      const now = performance.now();
      for (const us of this.units) { us.fromX = us.x; us.fromY = us.y; us.since = now; }
    }
    this.publishTick();
    this.wake();
  }

  private publishTick(): void {
    if (!this.state) return;
    window.__gladiMap = { ready: true, tick: this.state.view.tick, renders: this.renders };
  }

  private rebuild(): void {
    const s = this.state!;
    const { width, height } = s.map;
    for (const o of this.objects) o.destroy();
    this.objects = [];
    this.areaLabels.clear();
    this.shelters = [];
    this.units = [];
    if (this.textures.exists(GROUND_KEY)) this.textures.remove(GROUND_KEY);

    this.land = offscreen(width * PX, height * PX);
    this.drawnBlocked.clear();
    this.drawLand(this.land);
    this.water = offscreen(width, height);
    this.waterPixels = this.water.getContext('2d')!.createImageData(width, height);
    this.patchWater(null);
    this.ground = this.textures.createCanvas(GROUND_KEY, width * PX, height * PX);
    // Nearest-neighbour scaling: the ground is drawn 8 px per cell, close to screen size, and smoothing it on every
    // render costs the CPU more than it shows.
    this.ground?.setFilter(Phaser.Textures.FilterMode.NEAREST);
    this.objects.push(this.add.image(0, 0, GROUND_KEY).setOrigin(0, 0));
    this.markers = this.add.graphics().setDepth(3);
    this.unitGfx = this.add.graphics().setDepth(4);
    this.objects.push(this.markers, this.unitGfx);

    const font = { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', color: '#0f172a' };
    const text = (size: string, extra: Phaser.Types.GameObjects.Text.TextStyle) => {
      const tx = this.add.text(0, 0, '', { ...font, fontSize: size, ...extra }).setResolution(this.dpr);
      this.objects.push(tx);
      return tx;
    };
    for (const n of s.map.neighbourhoods) {
      const xs = n.polygon.map((p) => p[0]), ys = n.polygon.map((p) => p[1]);
      const cx = ((Math.min(...xs) + Math.max(...xs)) / 2) * PX;
      const top = Math.min(...ys) * PX, bottom = Math.max(...ys) * PX;
      const tx = text('13px', { fontStyle: 'bold', padding: { x: 6, y: 3 }, backgroundColor: LEVEL_BG.none }).setText(n.name).setDepth(5);
      const label: Label = { text: tx, priority: 2, spots: [
        { x: cx, y: top + 4, ox: 0.5, oy: 0 }, { x: cx, y: (top + bottom) / 2, ox: 0.5, oy: 0.5 }, { x: cx, y: bottom - 4, ox: 0.5, oy: 1 },
      ] };
      this.areaLabels.set(n.id, { label, level: 'none' });
    }
    for (const sh of s.map.shelters) {
      const x = (sh.x + 0.5) * PX, y = (sh.y + 0.5) * PX;
      const tx = text('12px', { align: 'center', padding: { x: 5, y: 2 }, backgroundColor: 'rgba(255,255,255,0.92)' }).setDepth(7);
      this.shelters.push({ id: sh.id, x, y, key: '', label: { text: tx, priority: 3, spots: [] } });
    }
    for (const u of s.view.units) {
      const info = s.map.units.find((m) => m.id === u.id);
      const tx = text('11px', { fontStyle: 'bold', color: '#7c2d12', padding: { x: 3, y: 1 }, backgroundColor: 'rgba(255,247,237,0.92)' })
        .setText((info?.ngo ?? u.id).toUpperCase()).setDepth(6);
      const x = (u.x + 0.5) * PX, y = (u.y + 0.5) * PX;
      this.units.push({ id: u.id, kind: info?.kind ?? 'boat', x, y, fromX: x, fromY: y, since: 0, label: { text: tx, priority: 1, spots: [] } });
    }
    this.updateAreaLabels();
    this.updateShelterLabels();
    this.dirty = { ground: true, overlay: true, markers: true, declutter: true };
    this.fitAll();
    this.publishTick();
  }

  // ---------- camera: fit, pan, zoom; labels keep their size on screen ----------

  /** Fit the whole map, centred. */
  fitAll(): void {
    if (!this.state) return;
    const cam = this.cameras.main;
    const w = this.scale.width, h = this.scale.height;
    const mw = this.state.map.width * PX, mh = this.state.map.height * PX;
    this.fitZoom = Math.min(w / mw, h / mh) * 0.98;
    cam.setZoom(this.fitZoom);
    cam.centerOn(mw / 2, mh / 2);
    this.onZoom();
  }

  panBy(dx: number, dy: number): void {
    if (!this.state) return;
    const cam = this.cameras.main;
    cam.scrollX += dx / cam.zoom;
    cam.scrollY += dy / cam.zoom;
    this.clampCamera();
    this.dirty.declutter = true;
    this.wake();
  }

  /** Zoom by `factor` keeping the point under (sx, sy) (canvas pixels) in place. */
  zoomAt(factor: number, sx: number, sy: number): void {
    if (!this.state) return;
    const cam = this.cameras.main;
    const before = cam.getWorldPoint(sx, sy);
    const z = Math.min(this.fitZoom * MAX_ZOOM_IN, Math.max(this.fitZoom, cam.zoom * factor));
    if (z === cam.zoom) return;
    cam.setZoom(z);
    cam.preRender();
    const after = cam.getWorldPoint(sx, sy);
    cam.scrollX += before.x - after.x;
    cam.scrollY += before.y - after.y;
    this.clampCamera();
    this.onZoom();
    this.wake();
  }

  /** The map cell under a canvas point, or null outside the map. */
  cellAt(sx: number, sy: number): { x: number; y: number } | null {
    if (!this.state) return null;
    const wp = this.cameras.main.getWorldPoint(sx, sy);
    const x = Math.floor(wp.x / PX), y = Math.floor(wp.y / PX);
    if (x < 0 || y < 0 || x >= this.state.map.width || y >= this.state.map.height) return null;
    this.picked = { x, y, until: performance.now() + PICK_MS };
    this.dirty.markers = true;
    this.wake();
    setTimeout(() => this.wake(), PICK_MS + 20);
    return { x, y };
  }

  /** Keeps the centre of the view over the map. */
  private clampCamera(): void {
    const cam = this.cameras.main;
    cam.preRender();
    const mw = this.state!.map.width * PX, mh = this.state!.map.height * PX;
    const midX = cam.midPoint.x, midY = cam.midPoint.y;
    const nx = Math.min(mw, Math.max(0, midX)), ny = Math.min(mh, Math.max(0, midY));
    if (nx !== midX || ny !== midY) cam.centerOn(nx, ny);
  }

  private onZoom(): void {
    const cam = this.cameras.main;
    const cssWidth = this.scale.width / this.dpr;
    // Labels at about their CSS size on screen (a little smaller on phones), whatever the zoom.
    this.labelScale = ((cssWidth < 600 ? 0.85 : 1) * this.dpr) / cam.zoom;
    for (const { label } of this.areaLabels.values()) label.text.setScale(this.labelScale);
    for (const s of this.shelters) s.label.text.setScale(this.labelScale);
    for (const u of this.units) u.label.text.setScale(this.labelScale);
    this.placeShelterSpots();
    this.dirty.ground = true;
    this.dirty.markers = true;
    this.dirty.declutter = true;
  }

  private placeShelterSpots(): void {
    const k = this.labelScale;
    for (const s of this.shelters) s.label.spots = [
      { x: s.x, y: s.y + 16 * k, ox: 0.5, oy: 0 }, { x: s.x, y: s.y - 15 * k, ox: 0.5, oy: 1 },
      { x: s.x + 15 * k, y: s.y, ox: 0, oy: 0.5 }, { x: s.x - 15 * k, y: s.y, ox: 1, oy: 0.5 },
    ];
  }

  /**
   * Greedy declutter: labels by priority (shelters, then neighbourhoods, then units), each at the first of its
   * spots that overlaps no label already placed; a label with no free spot is hidden until the view changes.
   */
  private declutter(): void {
    const placed: Phaser.Geom.Rectangle[] = [];
    const pad = 2 * this.labelScale;
    const cam = this.cameras.main;
    cam.preRender();
    const view = cam.worldView;
    const inside = (b: Phaser.Geom.Rectangle) => b.x >= view.x && b.y >= view.y && b.right <= view.right && b.bottom <= view.bottom;
    const all: Label[] = [...this.shelters.map((s) => s.label), ...[...this.areaLabels.values()].map((a) => a.label), ...this.units.map((u) => u.label)];
    all.sort((a, b) => b.priority - a.priority);
    for (const l of all) {
      let ok = false;
      for (const sp of l.spots) {
        l.text.setOrigin(sp.ox, sp.oy).setPosition(sp.x, sp.y);
        const b = l.text.getBounds();
        b.x -= pad; b.y -= pad; b.width += 2 * pad; b.height += 2 * pad;
        if (inside(b) && !placed.some((p) => Phaser.Geom.Rectangle.Overlaps(p, b))) { placed.push(b); ok = true; break; }
      }
      l.text.setVisible(ok && l.spots.length > 0);
    }
  }

  // ---------- layers ----------

  private drawLand(canvas: HTMLCanvasElement): void {
    const s = this.state!;
    const { width, height } = s.map;
    const ctx = canvas.getContext('2d')!;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = y * width + x;
        const code = s.landUse[i];
        const base = LAND_USE_COLORS[code] ?? UNKNOWN_LAND;
        // A faint per-cell variation gives texture without noise.
        const v = 0.97 + hash01(i) * 0.05;
        ctx.fillStyle = css(shade(base, v));
        ctx.fillRect(x * PX, y * PX, PX, PX);
        if (code === 3 && hash01(i * 7 + 3) < 0.78) {
          // A roof: a small square, slightly offset.
          const roof = ROOF_COLORS[Math.floor(hash01(i * 13 + 1) * ROOF_COLORS.length)];
          const ox = Math.floor(hash01(i * 5 + 2) * 2), oy = Math.floor(hash01(i * 11 + 4) * 2);
          ctx.fillStyle = css(roof);
          ctx.fillRect(x * PX + 1 + ox, y * PX + 1 + oy, PX - 3, PX - 3);
        } else if (code === 7) {
          ctx.fillStyle = css(0x8b7bb8);
          ctx.fillRect(x * PX + 1, y * PX + 1, PX - 2, PX - 2);
        } else if (code === 5 && (y % 2 === 0)) {
          ctx.fillStyle = css(shade(base, 0.92));
          ctx.fillRect(x * PX, y * PX + PX / 2, PX, 1);
        } else if (code === 6 && hash01(i * 3 + 9) < 0.45) {
          ctx.fillStyle = css(shade(base, 0.88));
          ctx.beginPath();
          ctx.arc(x * PX + PX / 2, y * PX + PX / 2, PX * 0.38, 0, Math.PI * 2);
          ctx.fill();
        } else if (code === 0 && hash01(i * 17 + 5) < 0.06) {
          ctx.fillStyle = 'rgba(255,255,255,0.25)';
          ctx.fillRect(x * PX + 1, y * PX + PX / 2, PX - 3, 1);
        }
      }
    }
    // Road edges: a thin grey line where a road meets something else.
    ctx.fillStyle = 'rgba(100,100,100,0.35)';
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (s.landUse[y * width + x] !== 4) continue;
        if (x > 0 && s.landUse[y * width + x - 1] !== 4) ctx.fillRect(x * PX, y * PX, 1, PX);
        if (x < width - 1 && s.landUse[y * width + x + 1] !== 4) ctx.fillRect(x * PX + PX - 1, y * PX, 1, PX);
        if (y > 0 && s.landUse[(y - 1) * width + x] !== 4) ctx.fillRect(x * PX, y * PX, PX, 1);
        if (y < height - 1 && s.landUse[(y + 1) * width + x] !== 4) ctx.fillRect(x * PX, y * PX + PX - 1, PX, 1);
      }
    }
    // Neighbourhood outlines: drawn once into the land, so they cost nothing per frame.
    ctx.lineJoin = 'round';
    for (const n of s.map.neighbourhoods) {
      ctx.beginPath();
      n.polygon.forEach(([x, y], k) => (k ? ctx.lineTo(x * PX, y * PX) : ctx.moveTo(x * PX, y * PX)));
      ctx.closePath();
      ctx.fillStyle = 'rgba(255,255,255,0.06)';
      ctx.fill();
      ctx.strokeStyle = 'rgba(255,255,255,0.55)';
      ctx.lineWidth = 5;
      ctx.stroke();
      ctx.strokeStyle = css(OUTLINE);
      ctx.globalAlpha = 0.8;
      ctx.lineWidth = 2;
      ctx.stroke();
      ctx.globalAlpha = 1;
    }
  }

  /** Water: recolour only the given cells (all when null); put into the ground at the next render. */
  private patchWater(cells: number[] | null): void {
    const s = this.state!;
    const img = this.waterPixels;
    if (!img) return;
    const paint = (c: number) => {
      // Open sea is already drawn blue in the land texture.
      const [r, g, b, a] = s.landUse[c] === 0 ? [0, 0, 0, 0] : rgbaOfWater(s.water[c]);
      const o = c * 4;
      img.data[o] = r; img.data[o + 1] = g; img.data[o + 2] = b; img.data[o + 3] = a;
    };
    if (cells) for (const c of cells) paint(c);
    else for (let c = 0; c < s.water.length; c++) paint(c);
    this.dirty.ground = true;
  }

  /** The ground texture: land, water scaled up smoothly, household dots; one upload. */
  private composeGround(): void {
    const tex = this.ground, land = this.land, water = this.water;
    if (!tex || !land || !water || !this.waterPixels) return;
    water.getContext('2d')!.putImageData(this.waterPixels, 0, 0);
    const ctx = tex.getContext();
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(land, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'medium';
    ctx.drawImage(water, 0, 0, water.width * PX, water.height * PX);
    this.drawDots(ctx);
    tex.refresh();
  }

  /** Household dots, at least ~2.5 CSS px across whatever the zoom. */
  private drawDots(ctx: CanvasRenderingContext2D): void {
    const s = this.state!;
    const { width } = s.map;
    const cssPerCell = (this.cameras.main.zoom * PX) / this.dpr;
    const r = Math.min(PX * 0.9, Math.max(PX * 0.42, (2.6 / cssPerCell) * PX));
    const d = s.view.dots;
    const groups: [number, string][] = [[3, css(DOT_MOVING)], [5, css(DOT_STRANDED)], [7, css(DOT_INJURED)]];
    for (const [state, colour] of groups) {
      const ring = state !== 3;
      ctx.beginPath();
      const outline = new Path2D();
      for (let k = 0; k + 1 < d.length; k += 2) {
        if (d[k + 1] !== state) continue;
        const cell = d[k], j = k >> 1;
        const x = ((cell % width) + 0.5 + (hash01(j * 2 + 1) - 0.5) * 0.9) * PX;
        const y = (Math.floor(cell / width) + 0.5 + (hash01(j * 2 + 2) - 0.5) * 0.9) * PX;
        outline.moveTo(x + r + (ring ? 1.6 : 0.9), y);
        outline.arc(x, y, r + (ring ? 1.6 : 0.9), 0, Math.PI * 2);
        ctx.moveTo(x + r, y);
        ctx.arc(x, y, r, 0, Math.PI * 2);
      }
      ctx.fillStyle = ring ? 'rgba(255,255,255,0.95)' : 'rgba(59,37,5,0.9)';
      ctx.fill(outline);
      ctx.fillStyle = colour;
      ctx.fill();
    }
  }

  /** Closed roads (dark red with a white cross) and landslides (brown, hatched), drawn into the land once each
   *  (they do not reopen; if one ever did, the land is redrawn). */
  private drawOverlay(): void {
    const s = this.state!;
    const land = this.land;
    if (!land) return;
    const { width } = s.map;
    const want = new Set([...(s.view.landslides ?? []).map((c) => `l${c}`), ...(s.view.closedRoads ?? []).map((c) => `r${c}`)]);
    let any = false;
    if ([...this.drawnBlocked].some((k) => !want.has(k))) { this.drawnBlocked.clear(); this.drawLand(land); any = true; }
    const ctx = land.getContext('2d')!;
    const fresh = (k: string) => !this.drawnBlocked.has(k) && (this.drawnBlocked.add(k), true);
    for (const c of s.view.landslides ?? []) {
      if (!fresh(`l${c}`)) continue;
      any = true;
      const x = (c % width) * PX, y = Math.floor(c / width) * PX;
      ctx.fillStyle = css(LANDSLIDE);
      ctx.fillRect(x, y, PX, PX);
      ctx.strokeStyle = 'rgba(255,255,255,0.5)';
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(x, y + PX); ctx.lineTo(x + PX, y);
      ctx.stroke();
    }
    for (const c of s.view.closedRoads ?? []) {
      if (!fresh(`r${c}`)) continue;
      any = true;
      const x = (c % width) * PX, y = Math.floor(c / width) * PX;
      ctx.fillStyle = css(ROAD_CLOSED);
      ctx.fillRect(x, y, PX, PX);
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(x + 1.5, y + 1.5); ctx.lineTo(x + PX - 1.5, y + PX - 1.5);
      ctx.moveTo(x + PX - 1.5, y + 1.5); ctx.lineTo(x + 1.5, y + PX - 1.5);
      ctx.stroke();
    }
    if (any) this.dirty.ground = true;
  }

  private updateAreaLabels(): void {
    const s = this.state!;
    for (const a of s.view.areas) {
      const al = this.areaLabels.get(a.id);
      const level = a.level ?? 'none';
      if (!al || al.level === level) continue;
      al.level = level;
      al.label.text.setBackgroundColor(LEVEL_BG[level] ?? LEVEL_BG.none);
      this.dirty.declutter = true;
    }
  }

  private updateShelterLabels(): void {
    const s = this.state!;
    for (const sp of this.shelters) {
      const info = s.map.shelters.find((x) => x.id === sp.id);
      const v = s.view.shelters.find((x) => x.id === sp.id);
      const occ = v?.occupants ?? 0, cap = v?.capacity ?? info?.capacity ?? 0;
      const flags = shelterFlags(v);
      const lines = [info?.name ?? sp.id, `${occ} / ${cap}${flags.over ? ' ⚠' : ''}`];
      const notes = [flags.over ? this.words.over : '', flags.noWater ? this.words.noWater : '', flags.noFood ? this.words.noFood : ''].filter(Boolean);
      if (notes.length) lines.push(notes.join(' · '));
      const closed = !!v && !v.open;
      const key = lines.join('\n') + (closed ? '|c' : '');
      if (key === sp.key) continue;
      sp.key = key;
      const t = sp.label.text;
      t.setText(lines.join('\n'));
      t.setColor(notes.length ? '#7f1d1d' : closed ? '#64748b' : '#0f172a');
      t.setBackgroundColor(notes.length ? 'rgba(254,226,226,0.96)' : 'rgba(255,255,255,0.92)');
      t.setAlpha(closed ? 0.8 : 1);
      this.dirty.declutter = true;
    }
  }

  /** Shelter markers (open, closed, flagged) with an occupancy bar, and the picked cell. */
  private drawMarkers(): void {
    const s = this.state!;
    const m = this.markers!;
    const k = this.labelScale;
    m.clear();
    for (const sp of this.shelters) {
      const v = s.view.shelters.find((x) => x.id === sp.id);
      const flags = shelterFlags(v);
      const fill = v && v.capacity > 0 ? Math.min(1, v.occupants / v.capacity) : 0;
      const S = 11 * k;
      const colour = flags.over || flags.noWater || flags.noFood ? SHELTER_FLAGGED : v && !v.open ? SHELTER_CLOSED : SHELTER;
      const { x, y } = sp;
      m.fillStyle(0xffffff, 1);
      m.fillRoundedRect(x - S - 2 * k, y - S - 2 * k, 2 * S + 4 * k, 2 * S + 4 * k, 5 * k);
      m.fillStyle(colour, 1);
      m.fillRoundedRect(x - S, y - S, 2 * S, 2 * S, 4 * k);
      // House glyph: roof and body.
      m.fillStyle(0xffffff, 1);
      m.fillTriangle(x - 7 * k, y - 1 * k, x + 7 * k, y - 1 * k, x, y - 8 * k);
      m.fillRect(x - 5 * k, y - 1 * k, 10 * k, 8 * k);
      m.fillStyle(colour, 1);
      m.fillRect(x - 1.5 * k, y + 2 * k, 3 * k, 5 * k);
      // Occupancy bar (red when over capacity).
      m.fillStyle(0x0f172a, 0.35);
      m.fillRect(x - S, y + S + 3 * k, 2 * S, 4 * k);
      m.fillStyle(fill >= 1 ? 0xdc2626 : fill > 0.9 ? 0xdc2626 : fill > 0.6 ? 0xf59e0b : 0x22c55e, 1);
      m.fillRect(x - S, y + S + 3 * k, 2 * S * fill, 4 * k);
      if (flags.over || flags.noWater || flags.noFood) {
        // A warning badge at the top right: a red disc with a white "!".
        const bx = x + S, by = y - S;
        m.fillStyle(0xffffff, 1);
        m.fillCircle(bx, by, 7 * k);
        m.fillStyle(0xdc2626, 1);
        m.fillCircle(bx, by, 5.6 * k);
        m.fillStyle(0xffffff, 1);
        m.fillRect(bx - 0.9 * k, by - 3.6 * k, 1.8 * k, 4.4 * k);
        m.fillRect(bx - 0.9 * k, by + 1.8 * k, 1.8 * k, 1.8 * k);
      }
    }
    if (this.picked) {
      m.lineStyle(2 * k, 0x0f172a, 1);
      m.strokeRect(this.picked.x * PX - 1, this.picked.y * PX - 1, PX + 2, PX + 2);
      m.lineStyle(1.5 * k, 0xffffff, 1);
      m.strokeRect(this.picked.x * PX - 3 * k, this.picked.y * PX - 3 * k, PX + 6 * k, PX + 6 * k);
    }
    this.drawUnits();
  }

  /** Glides units to their reported position (GLIDE_MS); true while one is still on its way. */
  private moveUnits(): boolean {
    const s = this.state!;
    const now = performance.now();
    let moving = false, moved = false;
    for (const us of this.units) {
      const v = s.view.units.find((x) => x.id === us.id);
      if (!v) continue;
      const tx = (v.x + 0.5) * PX, ty = (v.y + 0.5) * PX;
      if (us.x === tx && us.y === ty) continue;
      moved = true;
      const f = Math.min(1, (now - us.since) / GLIDE_MS);
      if (f >= 1) { us.x = tx; us.y = ty; continue; }
      moving = true;
      us.x = us.fromX + (tx - us.fromX) * f;
      us.y = us.fromY + (ty - us.fromY) * f;
    }
    if (moved) this.drawUnits();
    return moving;
  }

  private drawUnits(): void {
    const g = this.unitGfx!;
    const k = this.labelScale;
    g.clear();
    this.dirty.declutter = true;
    for (const us of this.units) {
      const { x, y } = us;
      g.fillStyle(0xffffff, 1);
      g.fillCircle(x, y, 10 * k);
      g.fillStyle(UNIT, 1);
      g.fillCircle(x, y, 8.5 * k);
      g.fillStyle(0xffffff, 1);
      if (us.kind === 'medical') {
        g.fillRect(x - 1.8 * k, y - 5.5 * k, 3.6 * k, 11 * k);
        g.fillRect(x - 5.5 * k, y - 1.8 * k, 11 * k, 3.6 * k);
      } else if (us.kind === 'truck' || us.kind === 'kitchen') {
        g.fillRect(x - 6 * k, y - 4 * k, 7.5 * k, 6 * k);
        g.fillRect(x + 2 * k, y - 1.5 * k, 4 * k, 3.5 * k);
        g.fillCircle(x - 3.5 * k, y + 3.5 * k, 1.6 * k);
        g.fillCircle(x + 3.5 * k, y + 3.5 * k, 1.6 * k);
      } else {
        g.fillTriangle(x - 6 * k, y + 1 * k, x + 6 * k, y + 1 * k, x + 3 * k, y + 5 * k);
        g.fillTriangle(x - 6 * k, y + 1 * k, x - 3 * k, y + 5 * k, x + 3 * k, y + 5 * k);
        g.fillTriangle(x - 0.5 * k, y - 6 * k, x - 0.5 * k, y, x + 5 * k, y);
      }
      us.label.spots = [
        { x, y: y - 11 * k, ox: 0.5, oy: 1 }, { x, y: y + 11 * k, ox: 0.5, oy: 0 },
        { x: x - 11 * k, y, ox: 1, oy: 0.5 }, { x: x + 11 * k, y, ox: 0, oy: 0.5 },
      ];
    }
  }

  detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}

/** Over capacity; out of water or food while people are there. */
export function shelterFlags(v: { occupants: number; capacity: number; water: number; food: number } | undefined): { over: boolean; noWater: boolean; noFood: boolean } {
  if (!v) return { over: false, noWater: false, noFood: false };
  return { over: v.occupants > v.capacity, noWater: v.occupants > 0 && v.water <= 0, noFood: v.occupants > 0 && v.food <= 0 };
}

/** A canvas the CPU draws on (read back for the upload: keep it out of the GPU). */
function offscreen(w: number, h: number): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  c.getContext('2d', { willReadFrequently: true });
  return c;
}
