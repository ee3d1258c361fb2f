// The client's copy of one team's view: the snapshot decoded once, then deltas applied (keys present replace,
// water patches cells). Listeners hear which parts changed so the map redraws only what it must.
import type { MapInfo, TeamView, ViewDelta, ViewSnapshot } from '../../server/protocol/events.ts';
import { unpackWater } from '../../server/protocol/water-codec.ts';
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

  apply(d: ViewDelta): void {
    // An old delta after a fresh snapshot would roll state back.
    if (d.tick < this.view.tick) return;
    const v = this.view;
    v.tick = d.tick;
    const cells: number[] = [];
    if (d.water) {
      unpackWater(decodeBase64(d.water), (c, dm) => {
        if (c < this.water.length) { this.water[c] = dm; cells.push(c); }
      });
    }
    if (d.areas) v.areas = d.areas;
    if (d.shelters) v.shelters = d.shelters;
    if (d.units) v.units = d.units;
    if (d.dots) v.dots = d.dots;
    if (d.metrics) v.metrics = d.metrics;
    if (d.score !== undefined) v.score = d.score;
    if (d.command) v.command = d.command;
    if (d.posts) v.posts = d.posts;
    if (d.complaints) v.complaints = d.complaints;
    if (d.casualties) v.casualties = d.casualties;
    if (d.closedRoads) v.closedRoads = d.closedRoads;
    if (d.landslides) v.landslides = d.landslides;
    this.emit({ reset: false, waterCells: cells, delta: d });
  }

  subscribe(f: (c: ViewChange) => void): () => void {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  private emit(c: ViewChange): void {
    for (const f of this.listeners) f(c);
  }
}
