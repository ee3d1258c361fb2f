// One Phaser game per page, sized to its container. The canvas has the screen's device pixels (devicePixelRatio,
// up to 3) and is shown at CSS size (scale zoom 1/dpr), so the map stays sharp on phones. Frames are drawn on
// demand: one per frame from the server, resize or touch, none while nothing changes (see MapScene). Pan (drag),
// zoom (wheel, pinch) and cell picking are DOM pointer events, so they work the same with a mouse, a pen or a
// finger. A tap on an icon or a hazard (or the mouse resting over it) opens an info box (client/panels/map-tip.ts),
// refreshed as the view changes. This module (and Phaser with it) is loaded only by pages that show a map (dynamic import).
import * as Phaser from 'phaser';
import type { TeamViewState } from '../net/team-view.ts';
import { MapScene, type MapFeature, type MapWords } from './map-scene.ts';
import { mapTipCloseLabel, mapTipContent } from '../panels/map-tip.ts';
import { fitLegend } from '../panels/legend.ts';
import { h as el } from '../util/dom.ts';

export type { MapWords };

/** A pointer that moved less than this (CSS px) between down and up is a tap, not a drag. */
const TAP_SLOP = 8;

export class MapView {
  private game: Phaser.Game;
  private scene: MapScene;
  private readonly dpr: number;
  private ro: ResizeObserver;
  private size = { w: 0, h: 0 };
  private pointers = new Map<number, { x: number; y: number; x0: number; y0: number }>();
  private pinch: { dist: number } | null = null;
  private pickCb: ((x: number, y: number) => void) | null = null;
  private detachDom: () => void = () => {};
  /** The info box: the feature it tells about, whether the mouse opened it (it closes when the mouse leaves). */
  private tip: HTMLElement;
  private tipFeature: MapFeature | null = null;
  private tipHover = false;
  private hoverTimer = 0;

  constructor(private parent: HTMLElement, words: MapWords) {
    window.__gladiMap = { ready: false, tick: -1 };
    this.dpr = Math.min(3, Math.max(1, window.devicePixelRatio || 1));
    this.scene = new MapScene(this.dpr, words);
    const w = parent.clientWidth || 800, h = parent.clientHeight || 600;
    this.size = { w, h };
    this.game = new Phaser.Game({
      // The Canvas renderer, not WebGL: the scene is one ground image, a few shapes and labels, which a 2D canvas
      // draws cheaply, while a WebGL canvas costs a full read-back on every frame where the GPU is software
      // (SwiftShader). Measured with scripts/bench-client.ts: 5 → 30 frames/s with the drill running.
      type: Phaser.CANVAS,
      parent,
      backgroundColor: '#dbe7ef',
      scale: { mode: Phaser.Scale.NONE, parent, width: Math.round(w * this.dpr), height: Math.round(h * this.dpr), zoom: 1 / this.dpr },
      render: { antialias: true, powerPreference: 'low-power' },
      banner: false,
      audio: { noAudio: true },
      input: { keyboard: false, mouse: false, touch: false, gamepad: false },
      scene: this.scene,
    });
    this.tip = el('div.map-tip', { 'data-testid': 'map-tip', role: 'status', hidden: true });
    parent.appendChild(this.tip);
    this.scene.onViewChange = () => { if (this.tipFeature) this.renderTip(); };
    this.ro = new ResizeObserver(() => this.resize());
    this.ro.observe(parent);
    // The canvas is added when the game boots: the box goes after it, so it is drawn (and clicked) above the map.
    this.game.events.once(Phaser.Core.Events.READY, () => { parent.appendChild(this.tip); this.attachPointer(); });
  }

  show(state: TeamViewState): void {
    // Small screens size the box to the map's shape (CSS reads --map-aspect).
    this.parent.style.setProperty('--map-aspect', `${state.map.width} / ${state.map.height}`);
    this.state = state;
    this.hideTip();
    if (this.parent.parentElement) fitLegend(this.parent.parentElement, state.map);
    this.scene.setState(state);
  }

  setWords(words: MapWords): void {
    this.scene.setWords(words);
    if (this.tipFeature) this.renderTip();
  }

  private state: TeamViewState | null = null;

  /** Opens the info box on a feature, near (x, y) in CSS px of the canvas. */
  private showTip(f: MapFeature, x: number, y: number, hover: boolean): void {
    this.tipFeature = f;
    this.tipHover = hover;
    if (!this.renderTip()) return;
    const w = this.parent.clientWidth, hgt = this.parent.clientHeight;
    const box = this.tip;
    box.hidden = false;
    // Beside the point, kept inside the map.
    const bw = box.offsetWidth, bh = box.offsetHeight;
    const left = x + 14 + bw > w ? Math.max(4, x - 14 - bw) : x + 14;
    const top = Math.min(Math.max(4, y - bh / 2), Math.max(4, hgt - bh - 4));
    box.style.left = `${Math.round(left)}px`;
    box.style.top = `${Math.round(top)}px`;
  }

  /** Redraws the open box's content from the current view; false (and hidden) when the feature is gone. */
  private renderTip(): boolean {
    const f = this.tipFeature, st = this.state;
    const body = f && st ? mapTipContent(f, st.map, st.view) : null;
    if (!body) { this.hideTip(); return false; }
    const close = el('button.map-tip-close', { type: 'button', 'aria-label': mapTipCloseLabel(), title: mapTipCloseLabel(), onclick: () => this.hideTip() }, '×');
    this.tip.replaceChildren(close, body);
    this.tip.dataset.kind = f!.kind;
    return true;
  }

  private hideTip(): void {
    this.tipFeature = null;
    this.tip.hidden = true;
  }

  /** The next tap on the map picks a cell (for closing a road). */
  pickCell(cb: (x: number, y: number) => void): void {
    this.pickCb = cb;
    this.game.canvas.style.cursor = 'crosshair';
  }

  destroy(): void {
    this.ro.disconnect();
    clearTimeout(this.hoverTimer);
    this.tip.remove();
    this.detachDom();
    this.scene.detach();
    this.game.destroy(true);
    // The game tears down at its next step; its loop may be asleep (frames are drawn on demand).
    this.game.loop.wake();
    window.__gladiMap = { ready: false, tick: -1 };
  }

  private resize(): void {
    const w = this.parent.clientWidth, h = this.parent.clientHeight;
    // A hidden tab has no size: keep the last one.
    if (!w || !h || (w === this.size.w && h === this.size.h)) return;
    this.size = { w, h };
    this.game.scale.resize(Math.round(w * this.dpr), Math.round(h * this.dpr));
    this.scene.wake();
  }

  private attachPointer(): void {
    const c = this.game.canvas;
    c.style.touchAction = 'none';
    c.setAttribute('role', 'img');
    const local = (e: PointerEvent | WheelEvent) => {
      const r = c.getBoundingClientRect();
      return { x: (e.clientX - r.left) * this.dpr, y: (e.clientY - r.top) * this.dpr };
    };
    const down = (e: PointerEvent) => {
      c.setPointerCapture(e.pointerId);
      const p = local(e);
      this.pointers.set(e.pointerId, { ...p, x0: p.x, y0: p.y });
      if (this.pointers.size === 2) {
        const [a, b] = [...this.pointers.values()];
        this.pinch = { dist: Math.hypot(a.x - b.x, a.y - b.y) };
      }
      this.scene.wake();
    };
    const move = (e: PointerEvent) => {
      const prev = this.pointers.get(e.pointerId);
      if (!prev) {
        // The mouse resting over a feature opens its box (after a short pause, so passing over does not flash it);
        // a box opened by a click stays put until closed, so the mouse can reach its close button.
        if (e.pointerType !== 'mouse' || this.pickCb || (this.tipFeature && !this.tipHover)) return;
        const p = local(e);
        clearTimeout(this.hoverTimer);
        this.hoverTimer = window.setTimeout(() => {
          if (this.tipFeature && !this.tipHover) return; // a click pinned a box meanwhile
          const f = this.scene.featureAt(p.x, p.y);
          if (f) { if (!this.tipFeature || !this.tipHover || f.kind !== this.tipFeature.kind || f.id !== this.tipFeature.id) this.showTip(f, p.x / this.dpr, p.y / this.dpr, true); }
          else if (this.tipHover) this.hideTip();
        }, 120);
        return;
      }
      const p = local(e);
      if (this.pointers.size === 1) {
        this.scene.panBy(prev.x - p.x, prev.y - p.y);
      } else if (this.pointers.size === 2 && this.pinch) {
        prev.x = p.x; prev.y = p.y;
        const [a, b] = [...this.pointers.values()];
        const dist = Math.hypot(a.x - b.x, a.y - b.y);
        if (this.pinch.dist > 0 && dist > 0) this.scene.zoomAt(dist / this.pinch.dist, (a.x + b.x) / 2, (a.y + b.y) / 2);
        this.pinch.dist = dist;
        return;
      }
      prev.x = p.x; prev.y = p.y;
    };
    const up = (e: PointerEvent) => {
      // Let go of the pointer now (not after the event): a box opened by this tap must get the next click.
      if (c.hasPointerCapture(e.pointerId)) c.releasePointerCapture(e.pointerId);
      const prev = this.pointers.get(e.pointerId);
      this.pointers.delete(e.pointerId);
      if (this.pointers.size < 2) this.pinch = null;
      if (!prev || this.pointers.size > 0) return;
      const moved = Math.hypot(prev.x - prev.x0, prev.y - prev.y0) / this.dpr;
      if (moved <= TAP_SLOP && this.pickCb && e.type === 'pointerup') {
        const cell = this.scene.cellAt(prev.x0, prev.y0);
        if (cell) {
          const cb = this.pickCb;
          this.pickCb = null;
          c.style.cursor = '';
          cb(cell.x, cell.y);
        }
      } else if (moved <= TAP_SLOP && e.type === 'pointerup') {
        // A tap: the box of what lies there, or close the box.
        const f = this.scene.featureAt(prev.x0, prev.y0);
        if (f) this.showTip(f, prev.x0 / this.dpr, prev.y0 / this.dpr, false);
        else this.hideTip();
      }
    };
    // Leaving the map closes a box the mouse opened, unless the mouse went onto the box itself.
    const leave = (e: PointerEvent) => {
      clearTimeout(this.hoverTimer);
      if (this.tipHover && !(e.relatedTarget instanceof Node && this.tip.contains(e.relatedTarget))) this.hideTip();
    };
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      const p = local(e);
      this.scene.zoomAt(Math.exp(-e.deltaY * 0.0015), p.x, p.y);
    };
    const dbl = () => this.scene.fitAll();
    c.addEventListener('pointerdown', down);
    c.addEventListener('pointermove', move);
    c.addEventListener('pointerup', up);
    c.addEventListener('pointercancel', up);
    c.addEventListener('wheel', wheel, { passive: false });
    c.addEventListener('dblclick', dbl);
    c.addEventListener('pointerleave', leave);
    this.detachDom = () => {
      c.removeEventListener('pointerleave', leave);
      c.removeEventListener('pointerdown', down);
      c.removeEventListener('pointermove', move);
      c.removeEventListener('pointerup', up);
      c.removeEventListener('pointercancel', up);
      c.removeEventListener('wheel', wheel);
      c.removeEventListener('dblclick', dbl);
    };
  }
}
