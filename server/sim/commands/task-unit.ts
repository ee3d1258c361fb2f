// task_unit: send a field unit to an area, or queue it behind its current task; with a facility, send an ambulance
// or truck to carry that facility's patients (health-facility.ts). A facility task is not queued.
import { carriesPatients } from '../health-facility.ts';
import { applyFacilityTask, applyTask } from '../ngo.ts';
import { areaIndex, type CommandModule } from './types.ts';

/** Tasks a unit may hold in its queue. Design choice. */
export const UNIT_QUEUE_MAX = 5;

export const taskUnit: CommandModule<'task_unit'> = {
  type: 'task_unit',
  check(w, cmd) {
    const u = w.units.find((x) => x.id === cmd.unitId);
    if (!u) return { code: 'unknown_unit', detail: cmd.unitId };
    const k = areaIndex(w, cmd.area);
    if (k < 0) return { code: 'unknown_area', detail: cmd.area };
    if (u.unavailable) return { code: 'unit_unavailable', detail: cmd.unitId };
    if (!u.available) return { code: 'unit_not_arrived', detail: cmd.unitId };
    if (!w.coordinatedNgos.includes(u.ngo)) return { code: 'ngo_not_coordinated', detail: u.ngo };
    if (cmd.facility !== undefined) {
      const f = (w.scenario.facilities ?? []).findIndex((x) => x.id === cmd.facility);
      if (f < 0) return { code: 'unknown_facility', detail: cmd.facility };
      if (!carriesPatients(u.kind)) return { code: 'wrong_capability', detail: cmd.unitId };
      if (w.hazards.facilities[f].patients <= 0) return { code: 'facility_empty', detail: cmd.facility };
      if (u.task >= 0 && u.facility !== f) return { code: 'unit_busy', detail: cmd.unitId };
      return null;
    }
    if (u.task >= 0 && u.task !== k) {
      if (!cmd.queue) return { code: 'unit_busy', detail: cmd.unitId };
      if (u.queue.length >= UNIT_QUEUE_MAX) return { code: 'queue_full', detail: cmd.unitId };
    }
    return null;
  },
  apply(w, cmd) {
    const u = w.units.find((x) => x.id === cmd.unitId)!;
    const k = areaIndex(w, cmd.area);
    w.coordination.tasked++;
    if (w.poskoTick >= 0) w.coordination.routed++;
    if (cmd.facility !== undefined) {
      // Booked on the area the facility stands in (the named area when it stands in none).
      const list = w.scenario.facilities ?? [];
      const f = list.findIndex((x) => x.id === cmd.facility);
      const home = w.hoodOfCell[list[f].y * w.scenario.width + list[f].x];
      applyFacilityTask(w, u, home >= 0 ? home : k, f);
      w.events.push({ tick: w.tick, kind: 'unit_tasked', unit: u.id, area: w.scenario.neighbourhoods[home >= 0 ? home : k].id, id: cmd.facility });
      return;
    }
    if (u.task >= 0 && u.task !== k) {
      u.queue.push(k);
      w.events.push({ tick: w.tick, kind: 'unit_queued', unit: u.id, area: cmd.area });
    } else {
      applyTask(w, u, k, false);
      w.events.push({ tick: w.tick, kind: 'unit_tasked', unit: u.id, area: cmd.area });
    }
  },
};
