// The map scene. The ground is ONE texture composed on the CPU once per frame from the server: land use,
// neighbourhood outlines, closed roads and landslides (an off-screen canvas drawn once, patched when roads close),
// water (one pixel per cell, patched where cells changed, scaled up smoothly) and household dots. Software WebGL
// (SwiftShader) pays for every pixel of every layer on every render, so one opaque quad beats four blended ones.
// Embankment crest lines and river names are static too (drawn once); breached crest cells join the overlay.
// On top: shelter, TES and health-facility markers and units (Graphics redrawn only when they change) and labels
// (Text, re-rendered only when their words change, kept apart by a greedy declutter): failed landslide zones and
// breaches get a label when they happen. The game loop renders once per change and sleeps in between (see MapView).
// featureAt() tells MapView what icon or hazard lies under a tap or the mouse (its info box, client/panels/map-tip.ts).
import * as Phaser from 'phaser';
import type { TeamViewState, ViewChange } from '../net/team-view.ts';
import {
  DOT_INJURED, DOT_MOVING, DOT_STRANDED, LAND_USE_COLORS, SHELTER_CLOSED, LEVEL_BG, OUTLINE, ROOF_COLORS, SHELTER, UNIT, UNKNOWN_LAND,
  SHELTER_FLAGGED, ROAD_CLOSED, LANDSLIDE, DEBRIS, css, hash01, rgbaOfWater, shade,
  SHELTER_TES, HOSPITAL, PUSKESMAS, FACILITY_FLOODED, FACILITY_EVACUATING, EMBANKMENT, BREACH, RIVER_TEXT,
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
    __gladiMap?: {
      ready: boolean; tick: number; renders?: number;
      /** What the map draws of the towns' hazards (tests read it): counts per layer. */
      layers?: MapLayers;
      /** Where the icons and hazard labels are, in CSS px from the canvas's top left (tests tap them). */
      spots?: MapSpot[];
    };
  }
}

export interface MapLayers {
  shelters: number; tes: number; hospitals: number; puskesmas: number; facilitiesFlooded: number; facilitiesEvacuating: number;
  landslideCells: number; slidZones: number; closedRoads: number; embankments: number; breachCells: number; rivers: number;
  /** Cells under galodo deposits (TeamView.debris). */
  debrisCells: number;
}
/** visible: the point is in view; label: its label is drawn (not hidden by the declutter). */
export interface MapSpot { kind: MapFeature['kind']; id: string; x: number; y: number; visible: boolean; label: boolean }

/** What lies under a point of the map (an info box tells about it). */
export type MapFeature =
  | { kind: 'shelter'; id: string }
  | { kind: 'facility'; id: string }
  | { kind: 'landslide'; id: string }
  | { kind: 'embankment'; id: string }
  | { kind: 'river'; id: string }
  | { kind: 'area'; id: string };

/** Words the map draws, in the page's language: flags on shelter labels; facility labels ({patients}, {beds});
 *  the labels of a failed landslide zone and a breached embankment ({name}). */
export interface MapWords {
  over: string; noWater: string; noFood: string;
  patients: string; flooded: string; evacuating: string; slid: string; breached: string;
}

const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => (params[k] === undefined ? m : String(params[k])));

interface Label { text: Phaser.GameObjects.Text; priority: number; spots: { x: number; y: number; ox: number; oy: number }[] }
interface ShelterSprite { id: string; label: Label; x: number; y: number; key: string }
interface UnitSprite { id: string; kind: string; x: number; y: number; fromX: number; fromY: number; since: number; label: Label }
interface FacilitySprite { id: string; kind: 'puskesmas' | 'hospital'; label: Label; x: number; y: number; key: string }
/** A label that shows only once its hazard happened (a failed landslide zone, a breached embankment). */
interface HazardLabel { id: string; label: Label; x: number; y: number; on: boolean }

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
  /** Health facilities, above units (a unit based at a hospital must not hide it). */
  private facGfx: Phaser.GameObjects.Graphics | null = null;
  private areaLabels = new Map<string, { label: Label; level: string }>();
  private shelters: ShelterSprite[] = [];
  private units: UnitSprite[] = [];
  private facilities: FacilitySprite[] = [];
  private zoneLabels: HazardLabel[] = [];
  private breachLabels: HazardLabel[] = [];
  private riverLabels: Label[] = [];
  /** Called after the view changed (MapView refreshes an open info box). */
  onViewChange: (() => void) | null = null;
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
    if (this.built && this.state) {
      for (const sp of this.shelters) sp.key = '';
      for (const f of this.facilities) f.key = '';
      for (const z of [...this.zoneLabels, ...this.breachLabels]) z.on = false;
      this.updateShelterLabels(); this.updateFacilityLabels(); this.updateHazardLabels(); this.wake();
    }
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
    this.publishTick(true);
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
    if (d?.closedRoads || d?.landslides || d?.breaches || d?.debris) this.dirty.overlay = true;
    if (d?.areas) this.updateAreaLabels();
    if (d?.shelters) { this.updateShelterLabels(); this.dirty.markers = true; }
    if (d?.facilities) { this.updateFacilityLabels(); this.dirty.markers = true; }
    if (d?.slidZones || d?.breaches) this.updateHazardLabels();
    if (d?.units) {
      const now = performance.now();
      for (const us of this.units) { us.fromX = us.x; us.fromY = us.y; us.since = now; }
    }
    this.publishTick();
    this.onViewChange?.();
    this.wake();
  }

  /** The tick for tests and the page, with the layer counts; `spots` (screen places of icons) after a render. */
  private publishTick(spots = false): void {
    if (!this.state) return;
    const prev = window.__gladiMap;
    window.__gladiMap = {
      ready: true, tick: this.state.view.tick, renders: this.renders, layers: this.layers(),
      spots: spots ? this.spots() : prev?.spots,
    };
  }

  private layers(): MapLayers {
    const s = this.state!, v = s.view, m = s.map;
    const facs = m.facilities ?? [];
    return {
      shelters: m.shelters.length, tes: m.shelters.filter((x) => x.vertical).length,
      hospitals: facs.filter((f) => f.kind === 'hospital').length, puskesmas: facs.filter((f) => f.kind !== 'hospital').length,
      facilitiesFlooded: (v.facilities ?? []).filter((f) => f.flooded).length,
      facilitiesEvacuating: (v.facilities ?? []).filter((f) => f.evacuating).length,
      landslideCells: v.landslides?.length ?? 0, slidZones: v.slidZones?.length ?? 0, closedRoads: v.closedRoads?.length ?? 0,
      embankments: m.embankments?.length ?? 0, breachCells: v.breaches?.length ?? 0, rivers: this.riverLabels.length,
      debrisCells: (v.debris?.length ?? 0) / 2,
    };
  }

  private spots(): MapSpot[] {
    const cam = this.cameras.main;
    const view = cam.worldView;
    const at = (kind: MapFeature['kind'], id: string, l: Label, x: number, y: number): MapSpot => ({
      kind, id, x: ((x - view.x) * cam.zoom) / this.dpr, y: ((y - view.y) * cam.zoom) / this.dpr,
      visible: x >= view.x && x <= view.right && y >= view.y && y <= view.bottom, label: l.text.visible,
    });
    return [
      ...this.shelters.map((sp) => at('shelter', sp.id, sp.label, sp.x, sp.y)),
      ...this.facilities.map((f) => at('facility', f.id, f.label, f.x, f.y)),
      ...this.zoneLabels.filter((z) => z.on).map((z) => at('landslide', z.id, z.label, ...labelCentre(z))),
      ...this.breachLabels.filter((b) => b.on).map((b) => at('embankment', b.id, b.label, ...labelCentre(b))),
      ...[...this.areaLabels].filter(([, a]) => a.label.text.visible).map(([id, a]) => {
        const b = a.label.text.getBounds();
        return at('area', id, a.label, b.centerX, b.centerY);
      }),
    ];
  }

  private rebuild(): void {
    const s = this.state!;
    const { width, height } = s.map;
    for (const o of this.objects) o.destroy();
    this.objects = [];
    this.areaLabels.clear();
    this.shelters = [];
    this.units = [];
    this.facilities = [];
    this.zoneLabels = [];
    this.breachLabels = [];
    this.riverLabels = [];
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
    this.facGfx = this.add.graphics().setDepth(4.5);
    this.objects.push(this.markers, this.unitGfx, this.facGfx);

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
    for (const f of s.map.facilities ?? []) {
      const x = (f.x + 0.5) * PX, y = (f.y + 0.5) * PX;
      const tx = text('12px', { align: 'center', padding: { x: 5, y: 2 }, backgroundColor: 'rgba(255,255,255,0.92)' }).setDepth(7);
      // Facility labels before every other (patients over beds is what the facility is drawn for).
      this.facilities.push({ id: f.id, kind: f.kind ?? 'puskesmas', x, y, key: '', label: { text: tx, priority: 5, spots: [] } });
    }
    const hazardLabel = (id: string, x: number, y: number): HazardLabel => {
      const tx = text('12px', { fontStyle: 'bold', color: '#ffffff', padding: { x: 5, y: 2 }, backgroundColor: 'rgba(120,53,15,0.95)' })
        .setDepth(8).setVisible(false);
      return { id, x, y, on: false, label: { text: tx, priority: 6, spots: [] } };
    };
    for (const z of s.map.landslides ?? []) {
      if (z.x === undefined || z.y === undefined) continue;
      this.zoneLabels.push(hazardLabel(z.id, (z.x + 0.5) * PX, (z.y + 0.5) * PX));
    }
    for (const e of s.map.embankments ?? []) {
      const mid = e.cells[Math.floor(e.cells.length / 2)] ?? 0;
      const hl = hazardLabel(e.id, ((mid % width) + 0.5) * PX, (Math.floor(mid / width) + 0.5) * PX);
      hl.label.text.setBackgroundColor('rgba(159,18,57,0.95)');
      this.breachLabels.push(hl);
    }
    for (const r of s.map.rivers ?? []) {
      const tx = text('12px', { fontStyle: 'italic bold', color: RIVER_TEXT, padding: { x: 4, y: 1 }, backgroundColor: 'rgba(219,234,254,0.85)' })
        .setText(r.name).setDepth(5);
      // The inflow lies on the map's edge: the label sits just inside it.
      const x = (r.x + 0.5) * PX, y = (r.y + 0.5) * PX;
      const ox = r.x <= 1 ? 0 : r.x >= width - 2 ? 1 : 0.5, oy = r.y <= 1 ? 0 : r.y >= height - 2 ? 1 : 0.5;
      this.riverLabels.push({ text: tx, priority: 0, spots: [{ x, y, ox, oy }, { x, y, ox: ox === 0.5 ? 0 : ox, oy: oy === 0.5 ? 1 : oy }] });
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
    this.updateFacilityLabels();
    this.updateHazardLabels();
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
    for (const f of this.facilities) f.label.text.setScale(this.labelScale);
    for (const z of [...this.zoneLabels, ...this.breachLabels]) z.label.text.setScale(this.labelScale);
    for (const r of this.riverLabels) r.text.setScale(this.labelScale);
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
    // Facilities also try the four corners: their patients are what the icon is for.
    for (const f of this.facilities) f.label.spots = [
      { x: f.x, y: f.y + 16 * k, ox: 0.5, oy: 0 }, { x: f.x, y: f.y - 15 * k, ox: 0.5, oy: 1 },
      { x: f.x + 15 * k, y: f.y, ox: 0, oy: 0.5 }, { x: f.x - 15 * k, y: f.y, ox: 1, oy: 0.5 },
      { x: f.x + 16 * k, y: f.y + 12 * k, ox: 0, oy: 0 }, { x: f.x - 16 * k, y: f.y + 12 * k, ox: 1, oy: 0 },
      { x: f.x + 16 * k, y: f.y - 12 * k, ox: 0, oy: 1 }, { x: f.x - 16 * k, y: f.y - 12 * k, ox: 1, oy: 1 },
    ];
    for (const z of [...this.zoneLabels, ...this.breachLabels]) z.label.spots = z.on ? [
      { x: z.x, y: z.y - 6 * k, ox: 0.5, oy: 1 }, { x: z.x, y: z.y + 6 * k, ox: 0.5, oy: 0 },
      { x: z.x + 8 * k, y: z.y, ox: 0, oy: 0.5 }, { x: z.x - 8 * k, y: z.y, ox: 1, oy: 0.5 },
    ] : [];
  }

  /**
   * Greedy declutter: labels by priority (landslides and breaches, facilities, shelters, neighbourhoods, units,
   * rivers), each at the first of its spots that overlaps no icon or label already placed; a label with no free
   * spot is hidden until the view changes.
   */
  private declutter(): void {
    const placed: Phaser.Geom.Rectangle[] = [];
    const pad = 2 * this.labelScale;
    const cam = this.cameras.main;
    cam.preRender();
    const view = cam.worldView;
    const inside = (b: Phaser.Geom.Rectangle) => b.x >= view.x && b.y >= view.y && b.right <= view.right && b.bottom <= view.bottom;
    // Shelter and facility icons first: no label may cover one.
    for (const ic of [...this.shelters, ...this.facilities]) {
      // The icon's box (11 + 1 px of white edge), not touching its own label's spots (15–16 px out, less the pad).
      const r = 12 * this.labelScale;
      placed.push(new Phaser.Geom.Rectangle(ic.x - r, ic.y - r, 2 * r, 2 * r + this.labelScale));
    }
    const all: Label[] = [
      ...this.shelters.map((s) => s.label), ...this.facilities.map((f) => f.label),
      ...[...this.zoneLabels, ...this.breachLabels].map((z) => z.label),
      ...[...this.areaLabels.values()].map((a) => a.label), ...this.units.map((u) => u.label), ...this.riverLabels,
    ];
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
    // Embankment crest lines: a dark band along the crest cells (drawn once; a breach is drawn over it).
    for (const e of s.map.embankments ?? []) {
      ctx.fillStyle = 'rgba(255,255,255,0.7)';
      for (const c of e.cells) ctx.fillRect((c % width) * PX - 1, Math.floor(c / width) * PX - 1, PX + 2, PX + 2);
      ctx.fillStyle = css(EMBANKMENT);
      for (const c of e.cells) ctx.fillRect((c % width) * PX + 1, Math.floor(c / width) * PX + 1, PX - 2, PX - 2);
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
    const want = new Set([
      ...(s.view.landslides ?? []).map((c) => `l${c}`), ...(s.view.closedRoads ?? []).map((c) => `r${c}`), ...(s.view.breaches ?? []).map((c) => `b${c}`),
    ]);
    let any = false;
    // Galodo deposits only grow: a thicker class is painted over the thinner one, without redrawing the land.
    if ([...this.drawnBlocked].some((k) => k[0] !== 'd' && !want.has(k))) { this.drawnBlocked.clear(); this.drawLand(land); any = true; }
    const ctx = land.getContext('2d')!;
    const fresh = (k: string) => !this.drawnBlocked.has(k) && (this.drawnBlocked.add(k), true);
    // Galodo deposits (TeamView.debris: cell, decimetres): three shades by thickness, under the crosses of roads.
    const deposit = s.view.debris ?? [];
    const debrisCells = new Set<number>();
    for (let k = 0; k + 1 < deposit.length; k += 2) {
      const c = deposit[k], dm = deposit[k + 1];
      debrisCells.add(c);
      const cls = dm >= 10 ? 2 : dm >= 3 ? 1 : 0;
      if (!fresh(`d${c}:${cls}`)) continue;
      any = true;
      const x = (c % width) * PX, y = Math.floor(c / width) * PX;
      ctx.fillStyle = css(DEBRIS[cls]);
      ctx.fillRect(x, y, PX, PX);
      if (cls === 2) { ctx.fillStyle = 'rgba(255,255,255,0.45)'; ctx.fillRect(x + PX / 4, y + PX / 4, PX / 4, PX / 4); } // boulders
    }
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
    for (const c of s.view.breaches ?? []) {
      if (!fresh(`b${c}`)) continue;
      any = true;
      const x = (c % width) * PX, y = Math.floor(c / width) * PX;
      ctx.fillStyle = css(BREACH);
      ctx.fillRect(x - 1, y - 1, PX + 2, PX + 2);
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 1.2;
      ctx.beginPath();
      ctx.moveTo(x, y + PX / 2); ctx.lineTo(x + PX / 4, y + 1.5); ctx.lineTo(x + PX / 2, y + PX - 1.5); ctx.lineTo(x + (3 * PX) / 4, y + 1.5); ctx.lineTo(x + PX, y + PX / 2);
      ctx.stroke();
    }
    // A slide closes every cell it buries; only its road cells get the closed-road cross (the rest stays brown).
    const slid = new Set(s.view.landslides ?? []);
    for (const c of s.view.closedRoads ?? []) {
      if ((slid.has(c) || debrisCells.has(c)) && s.landUse[c] !== 4 && s.landUse[c] !== 8) continue;
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

  /** Facility labels: name, patients / beds, flooded or being evacuated. */
  private updateFacilityLabels(): void {
    const s = this.state!;
    for (const fs of this.facilities) {
      const info = s.map.facilities?.find((x) => x.id === fs.id);
      const v = s.view.facilities?.find((x) => x.id === fs.id);
      const lines = [info?.name ?? fs.id];
      const notes = [v?.flooded ? this.words.flooded : '', v?.evacuating ? this.words.evacuating : ''].filter(Boolean);
      if (v) lines.push([fill(this.words.patients, { patients: v.patients, beds: v.beds }), ...notes].join(' · '));
      const key = lines.join('\n');
      if (key === fs.key) continue;
      fs.key = key;
      const t = fs.label.text;
      t.setText(key);
      t.setColor(v?.flooded ? '#1e3a8a' : '#0f172a');
      t.setBackgroundColor(v?.flooded ? 'rgba(219,234,254,0.97)' : v?.evacuating ? 'rgba(255,237,213,0.97)' : 'rgba(255,255,255,0.92)');
      this.dirty.declutter = true;
    }
  }

  /** Labels of failed landslide zones and breached embankments: shown from the tick it happened. */
  private updateHazardLabels(): void {
    const s = this.state!;
    const slid = new Set(s.view.slidZones ?? []);
    const breached = new Set(s.view.breaches ?? []);
    const zoneOn = (id: string) => slid.has(id);
    const bankOn = (id: string) => (s.map.embankments?.find((e) => e.id === id)?.cells ?? []).some((c) => breached.has(c));
    const width = s.map.width;
    let changed = false;
    for (const z of this.zoneLabels) {
      if (z.on === zoneOn(z.id) && z.label.text.text) continue;
      z.on = zoneOn(z.id);
      z.label.text.setText(fill(this.words.slid, { name: s.map.landslides?.find((x) => x.id === z.id)?.name ?? z.id }));
      changed = true;
    }
    for (const b of this.breachLabels) {
      const on = bankOn(b.id);
      if (on) {
        // The label follows the gap.
        const cells = (s.map.embankments?.find((e) => e.id === b.id)?.cells ?? []).filter((c) => breached.has(c));
        const mid = cells[Math.floor(cells.length / 2)];
        b.x = ((mid % width) + 0.5) * PX; b.y = (Math.floor(mid / width) + 0.5) * PX;
      }
      if (b.on === on && b.label.text.text) continue;
      b.on = on;
      b.label.text.setText(fill(this.words.breached, { name: s.map.embankments?.find((x) => x.id === b.id)?.name ?? b.id }));
      changed = true;
    }
    if (changed) { this.placeShelterSpots(); this.dirty.declutter = true; this.dirty.markers = true; }
  }

  /**
   * What icon or hazard lies under a canvas point: a shelter or facility icon (within its marker), a label (failed
   * landslide, breach, facility, shelter, river, neighbourhood), then a failed landslide's cells or an embankment's
   * cells near the point; null when nothing.
   */
  featureAt(sx: number, sy: number): MapFeature | null {
    const s = this.state;
    if (!s) return null;
    const wp = this.cameras.main.getWorldPoint(sx, sy);
    const k = this.labelScale;
    const near = (x: number, y: number, r: number) => Math.abs(wp.x - x) <= r && Math.abs(wp.y - y) <= r;
    const hitLabel = (l: Label) => l.text.visible && l.text.getBounds().contains(wp.x, wp.y);
    for (const f of this.facilities) if (near(f.x, f.y, 14 * k)) return { kind: 'facility', id: f.id };
    for (const sp of this.shelters) if (near(sp.x, sp.y, 14 * k)) return { kind: 'shelter', id: sp.id };
    for (const z of this.zoneLabels) if (z.on && hitLabel(z.label)) return { kind: 'landslide', id: z.id };
    for (const b of this.breachLabels) if (b.on && hitLabel(b.label)) return { kind: 'embankment', id: b.id };
    for (const f of this.facilities) if (hitLabel(f.label)) return { kind: 'facility', id: f.id };
    for (const sp of this.shelters) if (hitLabel(sp.label)) return { kind: 'shelter', id: sp.id };
    for (const [i, r] of this.riverLabels.entries()) if (hitLabel(r)) return { kind: 'river', id: String(i) };
    // A neighbourhood's name: its warning, the channels used and its people.
    for (const [id, a] of this.areaLabels) if (hitLabel(a.label)) return { kind: 'area', id };
    const { width, height } = s.map;
    const cx = Math.floor(wp.x / PX), cy = Math.floor(wp.y / PX);
    if (cx < 0 || cy < 0 || cx >= width || cy >= height) return null;
    // A cell within reach of the point (a finger is wider than a cell when zoomed out).
    const reach = Math.max(0, Math.round((6 * k) / PX));
    const around = (cells: Iterable<number>) => {
      for (const c of cells) if (Math.abs((c % width) - cx) <= reach && Math.abs(Math.floor(c / width) - cy) <= reach) return true;
      return false;
    };
    if (s.view.landslides?.length && around(s.view.landslides)) {
      // The failed zone whose label point is nearest.
      let best: HazardLabel | null = null, bestD = Infinity;
      for (const z of this.zoneLabels) {
        if (!z.on) continue;
        const d = (z.x - wp.x) ** 2 + (z.y - wp.y) ** 2;
        if (d < bestD) { bestD = d; best = z; }
      }
      if (best) return { kind: 'landslide', id: best.id };
    }
    for (const e of s.map.embankments ?? []) if (around(e.cells)) return { kind: 'embankment', id: e.id };
    return null;
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
      const tes = !!s.map.shelters.find((x) => x.id === sp.id)?.vertical;
      const base = tes && colour === SHELTER ? SHELTER_TES : colour;
      m.fillStyle(0xffffff, 1);
      m.fillRoundedRect(x - S - 2 * k, y - S - 2 * k, 2 * S + 4 * k, 2 * S + 4 * k, 5 * k);
      m.fillStyle(base, 1);
      m.fillRoundedRect(x - S, y - S, 2 * S, 2 * S, 4 * k);
      m.fillStyle(0xffffff, 1);
      if (tes) {
        // TES glyph: a tall building with floors, an arrow up beside it (people go up, not away).
        m.fillRect(x - 6.5 * k, y - 7 * k, 7 * k, 14 * k);
        m.fillStyle(base, 1);
        for (let f = 0; f < 4; f++) m.fillRect(x - 5 * k, y - 5.5 * k + f * 3.2 * k, 4 * k, 1.6 * k);
        m.fillStyle(0xffffff, 1);
        m.fillTriangle(x + 1.5 * k, y - 2 * k, x + 8 * k, y - 2 * k, x + 4.75 * k, y - 8 * k);
        m.fillRect(x + 3.5 * k, y - 2.5 * k, 2.5 * k, 9 * k);
      } else {
        // House glyph: roof and body.
        m.fillTriangle(x - 7 * k, y - 1 * k, x + 7 * k, y - 1 * k, x, y - 8 * k);
        m.fillRect(x - 5 * k, y - 1 * k, 10 * k, 8 * k);
        m.fillStyle(base, 1);
        m.fillRect(x - 1.5 * k, y + 2 * k, 3 * k, 5 * k);
      }
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
    this.drawFacilities(this.facGfx!);
    if (this.picked) {
      m.lineStyle(2 * k, 0x0f172a, 1);
      m.strokeRect(this.picked.x * PX - 1, this.picked.y * PX - 1, PX + 2, PX + 2);
      m.lineStyle(1.5 * k, 0xffffff, 1);
      m.strokeRect(this.picked.x * PX - 3 * k, this.picked.y * PX - 3 * k, PX + 6 * k, PX + 6 * k);
    }
    this.drawUnits();
  }

  /**
   * Health facilities: a red (hospital) or teal (puskesmas) rounded square with a white cross, a round puskesmas
   * and a square hospital so they differ in shape as well as colour; a bar of patients over beds; a thick blue ring
   * when flooded, an orange ring while the patients are moved out.
   */
  private drawFacilities(m: Phaser.GameObjects.Graphics): void {
    const s = this.state!;
    const k = this.labelScale;
    m.clear();
    for (const fs of this.facilities) {
      const v = s.view.facilities?.find((x) => x.id === fs.id);
      const { x, y } = fs;
      const S = 11 * k;
      const colour = fs.kind === 'hospital' ? HOSPITAL : PUSKESMAS;
      if (v?.flooded || v?.evacuating) {
        // A white edge outside the ring keeps it apart from the flood water it sits in.
        m.fillStyle(0xffffff, 1);
        if (fs.kind === 'hospital') m.fillRoundedRect(x - S - 6.5 * k, y - S - 6.5 * k, 2 * S + 13 * k, 2 * S + 13 * k, 8 * k);
        else m.fillCircle(x, y, S + 7.5 * k);
        m.fillStyle(v.flooded ? FACILITY_FLOODED : FACILITY_EVACUATING, 1);
        if (fs.kind === 'hospital') m.fillRoundedRect(x - S - 5 * k, y - S - 5 * k, 2 * S + 10 * k, 2 * S + 10 * k, 7 * k);
        else m.fillCircle(x, y, S + 6 * k);
        if (v.flooded && v.evacuating) {
          // Both: the inner half of the ring orange.
          m.fillStyle(FACILITY_EVACUATING, 1);
          if (fs.kind === 'hospital') m.fillRoundedRect(x - S - 3.5 * k, y - S - 3.5 * k, 2 * S + 7 * k, 2 * S + 7 * k, 6 * k);
          else m.fillCircle(x, y, S + 4 * k);
        }
      }
      m.fillStyle(0xffffff, 1);
      if (fs.kind === 'hospital') m.fillRoundedRect(x - S - 2 * k, y - S - 2 * k, 2 * S + 4 * k, 2 * S + 4 * k, 5 * k);
      else m.fillCircle(x, y, S + 2 * k);
      m.fillStyle(colour, 1);
      if (fs.kind === 'hospital') m.fillRoundedRect(x - S, y - S, 2 * S, 2 * S, 4 * k);
      else m.fillCircle(x, y, S);
      m.fillStyle(0xffffff, 1);
      m.fillRect(x - 2 * k, y - 7 * k, 4 * k, 14 * k);
      m.fillRect(x - 7 * k, y - 2 * k, 14 * k, 4 * k);
      if (v && v.beds > 0) {
        const f = Math.min(1, v.patients / v.beds);
        const by = y + S + (v.flooded || v.evacuating ? 7 : 3) * k;
        m.fillStyle(0x0f172a, 0.35);
        m.fillRect(x - S, by, 2 * S, 4 * k);
        m.fillStyle(colour, 1);
        m.fillRect(x - S, by, 2 * S * f, 4 * k);
      }
    }
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

/** Where a hazard's label is drawn (its centre), or its point while the label is hidden. */
function labelCentre(z: HazardLabel): [number, number] {
  if (!z.label.text.visible) return [z.x, z.y];
  const b = z.label.text.getBounds();
  return [b.centerX, b.centerY];
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
