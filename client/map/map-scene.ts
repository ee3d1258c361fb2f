// The map scene: land use as one canvas texture drawn once, water as a second canvas texture (one pixel per
// cell, smoothed when scaled) patched only where cells changed, neighbourhood outlines and names, shelters,
// boat units and household dots (one Graphics redrawn per frame). No words here: labels are data (names,
// numbers); the legend lives in the DOM.
import * as Phaser from 'phaser';
import type { TeamViewState, ViewChange } from '../net/team-view.ts';
import {
  DOT_INJURED, DOT_MOVING, DOT_STRANDED, LAND_USE_COLORS, SHELTER_CLOSED, LEVEL_BG, OUTLINE, ROOF_COLORS, SHELTER, UNIT, UNKNOWN_LAND,
  hash01, rgbaOfWater, shade,
} from './colors.ts';

/** World pixels per map cell. */
export const PX = 8;
const LAND_KEY = 'gladi-land';
const WATER_KEY = 'gladi-water';

declare global {
  interface Window {
    __gladiMap?: { ready: boolean; tick: number };
  }
}

interface ShelterSprite { id: string; label: Phaser.GameObjects.Text; x: number; y: number }
interface UnitSprite { id: string; kind: string; x: number; y: number; label: Phaser.GameObjects.Text }

export class MapScene extends Phaser.Scene {
  private state: TeamViewState | null = null;
  private unsubscribe: (() => void) | null = null;
  private built = false;
  private land: Phaser.Textures.CanvasTexture | null = null;
  private water: Phaser.Textures.CanvasTexture | null = null;
  private waterPixels: ImageData | null = null;
  private waterDirty = false;
  private landImage: Phaser.GameObjects.Image | null = null;
  private waterImage: Phaser.GameObjects.Image | null = null;
  private outlines: Phaser.GameObjects.Graphics | null = null;
  private markers: Phaser.GameObjects.Graphics | null = null;
  private dotsGfx: Phaser.GameObjects.Graphics | null = null;
  private areaLabels = new Map<string, Phaser.GameObjects.Text>();
  private shelters: ShelterSprite[] = [];
  private units: UnitSprite[] = [];
  private labelScale = 1;
  private picked: { x: number; y: number; until: number } | null = null;

  constructor() {
    super({ key: 'map' });
  }

  create(): void {
    this.cameras.main.setBackgroundColor('#dbe7ef');
    this.scale.on(Phaser.Scale.Events.RESIZE, () => this.fit());
    this.built = true;
    if (this.state) this.rebuild();
  }

  /** Show a team's view (the facilitator switches between teams). */
  setState(state: TeamViewState): void {
    this.unsubscribe?.();
    this.state = state;
    this.unsubscribe = state.subscribe((c) => this.onChange(c));
    if (this.built) this.rebuild();
  }

  override update(): void {
    if (!this.state) return;
    if (this.waterDirty && this.water && this.waterPixels) {
      this.water.getContext().putImageData(this.waterPixels, 0, 0);
      this.water.refresh();
      this.waterDirty = false;
    }
    this.drawDynamic();
  }

  private onChange(c: ViewChange): void {
    if (!this.built) return;
    if (c.reset) { this.rebuild(); return; }
    if (c.waterCells.length) this.patchWater(c.waterCells);
    if (c.delta?.areas) this.updateAreaLabels();
    if (c.delta?.shelters) this.updateShelterLabels();
    this.publishTick();
  }

  private publishTick(): void {
    if (!this.state) return;
    window.__gladiMap = { ready: true, tick: this.state.view.tick };
  }

  private rebuild(): void {
    const s = this.state!;
    const { width, height } = s.map;
    for (const o of [this.landImage, this.waterImage, this.outlines, this.markers, this.dotsGfx]) o?.destroy();
    for (const tx of this.areaLabels.values()) tx.destroy();
    for (const sh of this.shelters) sh.label.destroy();
    for (const u of this.units) u.label.destroy();
    this.areaLabels.clear();
    this.shelters = [];
    this.units = [];
    if (this.textures.exists(LAND_KEY)) this.textures.remove(LAND_KEY);
    if (this.textures.exists(WATER_KEY)) this.textures.remove(WATER_KEY);

    this.land = this.textures.createCanvas(LAND_KEY, width * PX, height * PX);
    this.drawLand();
    this.landImage = this.add.image(0, 0, LAND_KEY).setOrigin(0, 0);

    this.water = this.textures.createCanvas(WATER_KEY, width, height);
    this.water?.setFilter(Phaser.Textures.FilterMode.LINEAR);
    this.waterPixels = this.water ? this.water.getContext().createImageData(width, height) : null;
    this.patchWater(null);
    this.waterImage = this.add.image(0, 0, WATER_KEY).setOrigin(0, 0).setScale(PX);

    this.outlines = this.add.graphics();
    this.drawOutlines();
    this.dotsGfx = this.add.graphics();
    this.markers = this.add.graphics();

    const font = { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', color: '#0f172a' };
    const res = Math.min(3, Math.max(2, window.devicePixelRatio || 1));
    for (const n of s.map.neighbourhoods) {
      const xs = n.polygon.map((p) => p[0]), ys = n.polygon.map((p) => p[1]);
      const cx = ((Math.min(...xs) + Math.max(...xs)) / 2) * PX;
      const top = Math.min(...ys) * PX;
      const label = this.add.text(cx, top + 4, n.name, { ...font, fontSize: '13px', fontStyle: 'bold', padding: { x: 6, y: 3 }, backgroundColor: LEVEL_BG.none })
        .setOrigin(0.5, 0).setResolution(res).setDepth(5);
      this.areaLabels.set(n.id, label);
    }
    for (const sh of s.map.shelters) {
      const x = (sh.x + 0.5) * PX, y = (sh.y + 0.5) * PX;
      const label = this.add.text(x, y + 14, '', { ...font, fontSize: '12px', align: 'center', padding: { x: 5, y: 2 }, backgroundColor: 'rgba(255,255,255,0.92)' })
        .setOrigin(0.5, 0).setResolution(res).setDepth(6);
      this.shelters.push({ id: sh.id, label, x, y });
    }
    for (const u of s.view.units) {
      const info = s.map.units.find((m) => m.id === u.id);
      const label = this.add.text(0, 0, (info?.ngo ?? u.id).toUpperCase(), { ...font, fontSize: '11px', fontStyle: 'bold', color: '#7c2d12', padding: { x: 3, y: 1 }, backgroundColor: 'rgba(255,247,237,0.9)' })
        .setOrigin(0.5, 1).setResolution(res).setDepth(7);
      this.units.push({ id: u.id, kind: info?.kind ?? 'boat', x: (u.x + 0.5) * PX, y: (u.y + 0.5) * PX, label });
    }
    this.updateAreaLabels();
    this.updateShelterLabels();
    this.fit();
    this.publishTick();
  }

  /** Scale the map to fit the canvas, centred; labels keep their screen size. */
  private fit(): void {
    if (!this.state) return;
    const cam = this.cameras.main;
    const w = this.scale.width, h = this.scale.height;
    const mw = this.state.map.width * PX, mh = this.state.map.height * PX;
    const zoom = Math.min(w / mw, h / mh) * 0.98;
    cam.setZoom(zoom);
    cam.centerOn(mw / 2, mh / 2);
    // Labels readable on a phone (map shrunk) without dwarfing the map on a big screen.
    this.labelScale = w < 600 ? Math.min(3, 0.8 / zoom) : Math.min(1.6, Math.max(0.75, 1 / zoom));
    for (const l of this.areaLabels.values()) l.setScale(this.labelScale);
    for (const s of this.shelters) s.label.setScale(this.labelScale).setY(s.y + 12 * this.labelScale);
    for (const u of this.units) u.label.setScale(this.labelScale);
  }

  private drawLand(): void {
    const s = this.state!;
    const { width, height } = s.map;
    const ctx = this.land!.getContext();
    const hex = (c: number) => `#${c.toString(16).padStart(6, '0')}`;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = y * width + x;
        const code = s.landUse[i];
        const base = LAND_USE_COLORS[code] ?? UNKNOWN_LAND;
        // A faint per-cell variation gives texture without noise.
        const v = 0.97 + hash01(i) * 0.05;
        ctx.fillStyle = hex(shade(base, v));
        ctx.fillRect(x * PX, y * PX, PX, PX);
        if (code === 3 && hash01(i * 7 + 3) < 0.78) {
          // A roof: a small square, slightly offset.
          const roof = ROOF_COLORS[Math.floor(hash01(i * 13 + 1) * ROOF_COLORS.length)];
          const ox = Math.floor(hash01(i * 5 + 2) * 2), oy = Math.floor(hash01(i * 11 + 4) * 2);
          ctx.fillStyle = hex(roof);
          ctx.fillRect(x * PX + 1 + ox, y * PX + 1 + oy, PX - 3, PX - 3);
        } else if (code === 7) {
          ctx.fillStyle = hex(0x8b7bb8);
          ctx.fillRect(x * PX + 1, y * PX + 1, PX - 2, PX - 2);
        } else if (code === 5 && (y % 2 === 0)) {
          ctx.fillStyle = hex(shade(base, 0.92));
          ctx.fillRect(x * PX, y * PX + PX / 2, PX, 1);
        } else if (code === 6 && hash01(i * 3 + 9) < 0.45) {
          ctx.fillStyle = hex(shade(base, 0.88));
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
    this.land!.refresh();
  }

  /** Water: recolour only the given cells (all when null); uploaded once per frame in update(). */
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
    this.waterDirty = true;
  }

  private drawOutlines(): void {
    const g = this.outlines!;
    g.clear();
    for (const n of this.state!.map.neighbourhoods) {
      const pts = n.polygon.map(([x, y]) => new Phaser.Math.Vector2(x * PX, y * PX));
      g.fillStyle(0xffffff, 0.06);
      g.fillPoints(pts, true);
      g.lineStyle(5, 0xffffff, 0.55);
      g.strokePoints(pts, true, true);
      g.lineStyle(2, OUTLINE, 0.8);
      g.strokePoints(pts, true, true);
    }
  }

  private updateAreaLabels(): void {
    const s = this.state!;
    for (const a of s.view.areas) {
      const label = this.areaLabels.get(a.id);
      if (!label) continue;
      label.setBackgroundColor(LEVEL_BG[a.level ?? 'none'] ?? LEVEL_BG.none);
    }
  }

  private updateShelterLabels(): void {
    const s = this.state!;
    for (const sp of this.shelters) {
      const info = s.map.shelters.find((x) => x.id === sp.id);
      const v = s.view.shelters.find((x) => x.id === sp.id);
      sp.label.setText(`${info?.name ?? sp.id}\n${v?.occupants ?? 0} / ${v?.capacity ?? info?.capacity ?? 0}`);
      sp.label.setColor(v && !v.open ? '#64748b' : '#0f172a');
      sp.label.setAlpha(v && !v.open ? 0.75 : 1);
    }
  }

  /** Per frame: household dots, shelter markers and boats (eased towards their reported position). */
  private drawDynamic(): void {
    const s = this.state!;
    const { width } = s.map;
    const dots = this.dotsGfx!, m = this.markers!;
    dots.clear();
    const d = s.view.dots;
    const r = PX * 0.42;
    for (let k = 0; k + 1 < d.length; k += 2) {
      const cell = d[k], st = d[k + 1];
      const j = k >> 1;
      const x = ((cell % width) + 0.5 + (hash01(j * 2 + 1) - 0.5) * 0.9) * PX;
      const y = (Math.floor(cell / width) + 0.5 + (hash01(j * 2 + 2) - 0.5) * 0.9) * PX;
      const stranded = st === 5, injured = st === 7;
      const ring = stranded || injured;
      dots.fillStyle(ring ? 0xffffff : 0x3b2505, 0.9);
      dots.fillCircle(x, y, (ring ? r + 1.6 : r + 0.9));
      dots.fillStyle(injured ? DOT_INJURED : stranded ? DOT_STRANDED : DOT_MOVING, 1);
      dots.fillCircle(x, y, ring ? r + 0.4 : r);
      if (injured) {
        // A small white cross marks the injured.
        dots.fillStyle(0xffffff, 1);
        dots.fillRect(x - 0.6, y - 2, 1.2, 4);
        dots.fillRect(x - 2, y - 0.6, 4, 1.2);
      }
    }

    m.clear();
    for (const sp of this.shelters) {
      const v = s.view.shelters.find((x) => x.id === sp.id);
      const fill = v && v.capacity > 0 ? Math.min(1, v.occupants / v.capacity) : 0;
      const S = 11;
      const colour = v && !v.open ? SHELTER_CLOSED : SHELTER;
      m.fillStyle(0xffffff, 1);
      m.fillRoundedRect(sp.x - S - 2, sp.y - S - 2, 2 * S + 4, 2 * S + 4, 5);
      m.fillStyle(colour, 1);
      m.fillRoundedRect(sp.x - S, sp.y - S, 2 * S, 2 * S, 4);
      // House glyph: roof and body.
      m.fillStyle(0xffffff, 1);
      m.fillTriangle(sp.x - 7, sp.y - 1, sp.x + 7, sp.y - 1, sp.x, sp.y - 8);
      m.fillRect(sp.x - 5, sp.y - 1, 10, 8);
      m.fillStyle(colour, 1);
      m.fillRect(sp.x - 1.5, sp.y + 2, 3, 5);
      // Occupancy bar.
      m.fillStyle(0x0f172a, 0.35);
      m.fillRect(sp.x - S, sp.y + S + 3, 2 * S, 4);
      m.fillStyle(fill > 0.9 ? 0xdc2626 : fill > 0.6 ? 0xf59e0b : 0x22c55e, 1);
      m.fillRect(sp.x - S, sp.y + S + 3, 2 * S * fill, 4);
    }
    for (const us of this.units) {
      const v = s.view.units.find((x) => x.id === us.id);
      if (!v) continue;
      const tx = (v.x + 0.5) * PX, ty = (v.y + 0.5) * PX;
      us.x += (tx - us.x) * 0.15;
      us.y += (ty - us.y) * 0.15;
      if (Math.abs(tx - us.x) < 0.05) us.x = tx;
      if (Math.abs(ty - us.y) < 0.05) us.y = ty;
      const x = us.x, y = us.y;
      m.fillStyle(0xffffff, 1);
      m.fillCircle(x, y, 10);
      m.fillStyle(UNIT, 1);
      m.fillCircle(x, y, 8.5);
      m.fillStyle(0xffffff, 1);
      if (us.kind === 'medical') {
        // Cross.
        m.fillRect(x - 1.8, y - 5.5, 3.6, 11);
        m.fillRect(x - 5.5, y - 1.8, 11, 3.6);
      } else if (us.kind === 'truck' || us.kind === 'kitchen') {
        // Truck: box, cab, wheels.
        m.fillRect(x - 6, y - 4, 7.5, 6);
        m.fillRect(x + 2, y - 1.5, 4, 3.5);
        m.fillCircle(x - 3.5, y + 3.5, 1.6);
        m.fillCircle(x + 3.5, y + 3.5, 1.6);
      } else {
        // Boat: hull and sail.
        m.fillTriangle(x - 6, y + 1, x + 6, y + 1, x + 3, y + 5);
        m.fillTriangle(x - 6, y + 1, x - 3, y + 5, x + 3, y + 5);
        m.fillTriangle(x - 0.5, y - 6, x - 0.5, y, x + 5, y);
      }
      us.label.setPosition(x, y - 11);
    }
    if (this.picked && performance.now() < this.picked.until) {
      m.lineStyle(2, 0x0f172a, 1);
      m.strokeRect(this.picked.x * PX - 1, this.picked.y * PX - 1, PX + 2, PX + 2);
      m.lineStyle(1.5, 0xffffff, 1);
      m.strokeRect(this.picked.x * PX - 3, this.picked.y * PX - 3, PX + 6, PX + 6);
    }
  }

  /** One click on the map picks a cell (for close_road); the cursor shows a crosshair meanwhile. */
  pickCell(cb: (x: number, y: number) => void): void {
    if (!this.state || !this.built) return;
    const canvas = this.game.canvas;
    canvas.style.cursor = 'crosshair';
    this.input.off('pointerdown');
    this.input.once('pointerdown', (p: Phaser.Input.Pointer) => {
      canvas.style.cursor = '';
      const wp = this.cameras.main.getWorldPoint(p.x, p.y);
      const x = Math.floor(wp.x / PX), y = Math.floor(wp.y / PX);
      if (!this.state || x < 0 || y < 0 || x >= this.state.map.width || y >= this.state.map.height) return;
      this.picked = { x, y, until: performance.now() + 4000 };
      cb(x, y);
    });
  }

  detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
