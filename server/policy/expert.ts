// A prompt and sound response, as a trained BPBD team would play it (docs/scoring.md#policies): at the official
// alert (or the first inject) declare siaga darurat, open the posko, warn the areas at risk on several channels and
// order their evacuation to planned shelters, bring the NGOs into the cluster meeting; then rescue where people are
// stranded, escalate to tanggap darurat and ask for support when the water comes, keep shelters supplied, clarify
// hoaxes, answer complaints and report every half hour. Reads only its view, the scenario's published data and
// its injects.
import type { Scenario } from '../sim/index.ts';
import type { TeamView } from '../protocol/events.ts';
import { planTown, type TownPlan } from './plan.ts';
import { TeamMemory, sitrepFromView } from './common.ts';
import type { Policy, PolicyAction, PolicyObservation } from './types.ts';

/** Minutes between the expert's sitreps and coordination meetings (design choice: twice and once an hour; sitreps
 *  twice per reporting period when the scenario sets a longer one). */
const SITREP_EVERY_MIN = 30;
const MEETING_EVERY_MIN = 60;
/** A shelter is resupplied when it holds less than this many hours of water or food for its occupants. */
const RESUPPLY_BELOW_HOURS = 12;
/** Roads under this much water (decimetres) are closed to traffic: vehicles stall there (engine: 0.3 m). */
const CLOSE_ROAD_DM = 3;

export function expertPolicy(sc: Scenario): Policy {
  const plan: TownPlan = planTown(sc);
  const mem = new TeamMemory(sc);
  let start = -1;
  const minutes = (ticks: number) => (ticks * sc.tickSeconds) / 60;

  function firstMoves(v: TeamView): PolicyAction[] {
    const out: PolicyAction[] = [];
    const risk = plan.riskAreas;
    const others = v.areas.map((a) => a.id).filter((id) => !risk.includes(id));
    out.push({ role: 'commander', command: { type: 'declare_status', status: 'siaga_darurat' } });
    out.push({ role: 'commander', command: { type: 'activate_posko' } });
    for (const channel of ['siren', 'mosque', 'sms'] as const) out.push({ role: 'communications', command: { type: 'warn', areas: risk, channel, level: 'awas' } });
    if (others.length) out.push({ role: 'communications', command: { type: 'warn', areas: others, channel: 'sms', level: 'waspada' } });
    for (const id of plan.toOpen) out.push({ role: 'shelter', command: { type: 'open_shelter', shelterId: id } });
    for (const m of plan.facilityMoves) out.push({ role: 'health', command: { type: 'evacuate_facility', facilityId: m.facilityId, to: m.to } });
    out.push(...mem.evacuations(plan, v, 'shelter'));
    return out;
  }

  return {
    name: 'expert',
    refused: (a) => mem.noteRefused(a),
    act(obs) {
      const v = obs.view;
      const t = obs.tick;
      if (start < 0 && (t >= sc.officialAlertTick || obs.injects.length > 0)) {
        start = t;
        return mem.filter(firstMoves(v), t);
      }
      if (start < 0) return [];
      const out: PolicyAction[] = [];
      const since = minutes(t - start);
      // Orders whose shelter had to be opened first, and the doors knocked for the vulnerable.
      if (t === start + 1) {
        out.push(...mem.evacuations(plan, v, 'shelter'));
        out.push({ role: 'communications', command: { type: 'warn', areas: plan.riskAreas, channel: 'door', level: 'awas' } });
      }
      if (v.command.posko && mem.due('meeting', t, MEETING_EVERY_MIN)) out.push({ role: 'commander', command: { type: 'hold_coordination_meeting' } });
      const water = v.areas.some((a) => a.flooded || a.people.stranded > 0 || a.people.injured > 0);
      if (water && v.command.status === 'siaga_darurat') out.push({ role: 'commander', command: { type: 'declare_status', status: 'tanggap_darurat' } });
      if (v.command.status === 'tanggap_darurat' && !v.command.supportRequested) out.push({ role: 'commander', command: { type: 'request_support', from: 'province' } });
      // Patients: the nearest free ambulance to each facility being evacuated, and a truck too for a flooded one with
      // many patients (the facility's own ambulances alone are slow; server/sim/health-facility.ts).
      const carriers = v.command.posko ? facilityTransport(sc, v) : [];
      out.push(...carriers);
      const carrying = new Set(carriers.map((a) => (a.command.type === 'task_unit' ? a.command.unitId : '')));
      // Field units: boats to the areas with the most people in the water, one per area; medical teams to the hurt;
      // trucks to the riskiest areas for the vulnerable; kitchens to the fullest shelter's area.
      out.push(...mem.rescue(v, plan, 'ngo_liaison', { prePosition: true, trucks: true })
        .filter((a) => !(a.command.type === 'task_unit' && carrying.has(a.command.unitId))));
      if (since >= 5 && mem.due('sitrep', t, Math.max(SITREP_EVERY_MIN, (sc.metrics.sitrepPeriodMinutes ?? 60) / 2))) out.push({ role: 'communications', command: { type: 'submit_sitrep', ...sitrepFromView(v) } });
      for (const p of v.posts) if (p.kind === 'hoax' && !p.clarified) out.push({ role: 'communications', command: { type: 'publish_clarification', postId: p.id } });
      for (const c of v.complaints) if (!c.answered) out.push({ role: 'communications', command: { type: 'answer_complaint', complaintId: c.id } });
      if (v.command.status) {
        for (const s of v.shelters) {
          if (!s.open || s.occupants <= 0) continue;
          const waterHours = s.water / Math.max(1, s.occupants * (15 / 24));
          const foodHours = s.food / Math.max(1, s.occupants / 24);
          const toiletsShort = s.toilets * 50 < s.occupants;
          if ((waterHours < RESUPPLY_BELOW_HOURS || foodHours < RESUPPLY_BELOW_HOURS || toiletsShort) && mem.due(`resupply:${s.id}`, t, 60)) {
            out.push({ role: 'logistics', command: { type: 'resupply_shelter', shelterId: s.id } });
          }
        }
      }
      // Flooded roads in the areas at risk: the deepest one per area closed to traffic, at most every 30 minutes.
      if (mem.due('roads', t, 30)) {
        const closed = new Set(v.closedRoads ?? []);
        for (const id of plan.riskAreas) {
          let best = -1;
          for (const c of plan.roads.get(id) ?? []) if (!closed.has(c) && obs.water[c] >= CLOSE_ROAD_DM && (best < 0 || obs.water[c] > obs.water[best])) best = c;
          if (best >= 0) out.push({ role: 'logistics', command: { type: 'close_road', x: best % sc.width, y: Math.floor(best / sc.width) } });
        }
      }
      // A planned shelter filling up: send the areas still to come to another one with room (opening it if needed).
      out.push(...mem.overflow(plan, v, 'shelter'));
      return mem.filter(out, t);
    },
  };
}

/** A flooded facility with at least this many patients left also gets a truck, taken from moving the vulnerable
 *  (design choice). */
const TRUCK_FOR_PATIENTS = 30;

/** task_unit with a facility: ambulances (and trucks) to the facilities whose patients are being moved. */
function facilityTransport(sc: Scenario, v: TeamView): PolicyAction[] {
  const out: PolicyAction[] = [];
  const kind = new Map(sc.ngos.flatMap((n) => n.units.map((u) => [u.id, u.kind] as const)));
  const free = v.units.filter((u) => u.available && u.task === null && (u.phase === 'base' || u.phase === 'returning'));
  const area = sc.neighbourhoods[0]?.id;
  for (const f of v.facilities ?? []) {
    if (!f.evacuating || f.patients <= 0 || !area) continue;
    const at = (sc.facilities ?? []).find((x) => x.id === f.id);
    if (!at) continue;
    const has = (k: string) => v.units.some((u) => u.facility === f.id && kind.get(u.id) === k);
    const wants: string[] = [];
    if (!has('medical')) wants.push('medical');
    if (f.flooded && f.patients >= TRUCK_FOR_PATIENTS && !has('truck')) wants.push('truck');
    for (const k of wants) {
      const c = free.filter((u) => kind.get(u.id) === k).sort((p, q) => Math.hypot(p.x - at.x, p.y - at.y) - Math.hypot(q.x - at.x, q.y - at.y))[0];
      if (!c) continue;
      free.splice(free.indexOf(c), 1);
      // The engine books the unit on the facility's own area; `area` only has to name one.
      out.push({ role: 'ngo_liaison', command: { type: 'task_unit', unitId: c.id, area, facility: f.id } });
    }
  }
  return out;
}
