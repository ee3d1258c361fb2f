// The client's copy of one team's view: the snapshot decoded once, then deltas applied (keys present replace,
// water patches cells). Listeners hear which parts changed so the map redraws only what it must.
import type { MapInfo, TeamView, ViewDelta, ViewSnapshot } from '../../server/protocol/events.ts';
import { applyDelta } from '../../server/protocol/view-diff.ts';
import { setMinutesPerTick } from '../util/format.ts';

export function decodeBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export interface ViewChange {
  /** Full reset (new snapshot). */
  reset: boolean;
  /** Cells whose water changed (when not reset). */
  waterCells: number[];
  delta: ViewDelta | null;
}

export class TeamViewState {
  map: MapInfo;
  landUse: Uint8Array;
  view: TeamView;
  /** Water depth, decimetres per cell. */
  water: Uint8Array;
  private listeners = new Set<(c: ViewChange) => void>();

  constructor(snap: ViewSnapshot) {
    this.map = snap.map;
    setMinutesPerTick(snap.map.minutesPerTick);
    this.landUse = decodeBase64(snap.map.landUse);
    this.view = snap.view;
    this.water = decodeBase64(snap.view.water);
  }

  get teamId(): string {
    return this.view.teamId;
  }

  reset(snap: ViewSnapshot): void {
    this.map = snap.map;
    setMinutesPerTick(snap.map.minutesPerTick);
    this.landUse = decodeBase64(snap.map.landUse);
    this.view = snap.view;
    this.water = decodeBase64(snap.view.water);
    this.emit({ reset: true, waterCells: [], delta: null });
  }

  /** Called when a delta builds on a tick this view does not hold (a missed frame): fetch a snapshot (view:resync)
   *  and reset() with it. Until then deltas keep being refused as gaps. */
  onGap: ((have: number, base: number) => void) | null = null;

  /** A delta from the server, through the shared view-diff module (server/protocol/view-diff.ts). */
  apply(d: ViewDelta): void {
    const r = applyDelta(this.view, this.water, d);
    if (r.status === 'gap') { this.onGap?.(r.have, r.base); return; }
    if (r.status === 'stale') return;
    this.emit({ reset: false, waterCells: r.cells, delta: d });
  }

  subscribe(f: (c: ViewChange) => void): () => void {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  private emit(c: ViewChange): void {
    for (const f of this.listeners) f(c);
  }
}
