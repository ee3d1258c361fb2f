// "Pick on map" for the MSEL table (issue 9): which places an effect or expected-action cell can name, and the cell
// text after the facilitator clicked one. Effects follow server/sim/effect.ts (landslide(zone), facility_flood(facility),
// hoax(area|all, text), complaint(area, topic), unit_unavailable(unit), ngo_offer(ngo)); expected actions follow
// server/protocol/expected-action.ts, a command type with the area, unit or shelter its fields refer to (the command specs).
import { COMMAND_SPECS } from '../../server/protocol/commands/index.ts';

/** A place on the editor map the facilitator can click. `ngo` is the unit's organisation (for ngo_offer). */
export type PickKind = 'hood' | 'shelter' | 'unit' | 'facility' | 'zone';
export interface Picked { kind: PickKind; id: string; ngo?: string }

/** The place kind each effect's first argument names (surge and road_closed name none here). */
const EFFECT_KIND: Record<string, PickKind> = { landslide: 'zone', facility_flood: 'facility', hoax: 'hood', complaint: 'hood', unit_unavailable: 'unit', ngo_offer: 'unit' };
/** The effect written when the cell is empty and a place of this kind is clicked. */
const EFFECT_FOR: Record<PickKind, string | null> = { zone: 'landslide', facility: 'facility_flood', hood: 'complaint', unit: 'unit_unavailable', shelter: null };

const REF_KIND: Record<string, PickKind | undefined> = { area: 'hood', unit: 'unit', shelter: 'shelter' };
/** Place kinds an expected action of this command type can name (from the fields' refs of its spec). */
export function actionKinds(type: string): PickKind[] {
  const spec = COMMAND_SPECS.find((s) => s.type === type);
  if (!spec) return [];
  const kinds = Object.values(spec.fields as Record<string, { ref?: string }>).map((f) => REF_KIND[f.ref ?? '']).filter((k): k is PickKind => !!k);
  return [...new Set(kinds)];
}
/** The action written when the cell has no action that can name a place of this kind. */
const ACTION_FOR: Record<PickKind, string | null> = { hood: 'evacuate', shelter: 'open_shelter', unit: 'task_unit', facility: null, zone: null };

/** Place kinds the cell accepts now (for the hint shown while picking). */
export function acceptedKinds(cell: 'effect' | 'expected_action', text: string | undefined): PickKind[] {
  const v = (text ?? '').trim();
  if (cell === 'effect') {
    if (!v) return ['hood', 'unit', 'facility', 'zone'];
    const name = /^\s*([a-z_]+)/.exec(v)?.[1] ?? '';
    return EFFECT_KIND[name] ? [EFFECT_KIND[name]] : [];
  }
  return ['hood', 'shelter', 'unit'];
}

/** The effect cell with the clicked place filled in, or null when the effect names no place of that kind. */
export function pickIntoEffect(text: string | undefined, p: Picked): string | null {
  const v = (text ?? '').trim();
  const idOf = (kind: PickKind) => (kind === 'unit' && /^\s*ngo_offer\b/.test(v) ? p.ngo ?? null : p.id);
  if (!v) {
    const name = EFFECT_FOR[p.kind];
    return name ? (name === 'complaint' ? `complaint(${p.id}, no_rescue)` : `${name}(${p.id})`) : null;
  }
  const m = /^\s*([a-z_]+)\s*(?:\(([^)]*)\))?\s*$/.exec(v);
  if (!m || EFFECT_KIND[m[1]] !== p.kind) return null;
  const id = idOf(p.kind);
  if (!id) return null;
  const args = (m[2] ?? '').split(',');
  const rest = args.slice(1).map((s) => s.trim()).filter(Boolean);
  if (m[1] === 'complaint' && !rest.length) rest.push('no_rescue');
  if (m[1] === 'hoax' && !rest.length) rest.push('...');
  return `${m[1]}(${[id, ...rest].join(', ')})`;
}

/** The expected-action cell with the clicked place filled in: the first action that can name it and names nothing
 *  yet gets it; else the last action that can name it has its target replaced; else a new action is added. */
export function pickIntoAction(text: string | undefined, p: Picked): string | null {
  // Split as the MSEL loader does (server/scenario/msel-rows.ts splitActions).
  const actions = (text ?? '').split(/[;,/\n]+/).map((s) => s.trim()).filter(Boolean).map((a) => {
    const m = /^\s*([a-z_]+)\s*(?:\(\s*([^)]*?)\s*\))?\s*$/.exec(a);
    return m ? { type: m[1], target: m[2] || null, raw: a } : { type: '', target: null, raw: a };
  });
  const fits = actions.map((a) => a.type !== '' && actionKinds(a.type).includes(p.kind));
  let k = actions.findIndex((a, i) => fits[i] && !a.target);
  if (k < 0) k = fits.lastIndexOf(true);
  if (k >= 0) actions[k] = { ...actions[k], target: p.id };
  else {
    const type = ACTION_FOR[p.kind];
    if (!type) return null;
    actions.push({ type, target: p.id, raw: '' });
  }
  return actions.map((a, i) => (i === k || a.raw === '' ? `${a.type}(${a.target})` : a.raw)).join('; ');
}
