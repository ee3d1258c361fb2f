// evacuate_facility: move the in-patients of a puskesmas or hospital to another facility with free beds, or to a
// shelter; ambulances start after a delay and move patients at a steady rate (health-facility.ts, docs/engine.md).
import type { CommandModule } from './types.ts';

export const evacuateFacility: CommandModule<'evacuate_facility'> = {
  type: 'evacuate_facility',
  check(w, cmd) {
    const sc = w.scenario;
    const list = sc.facilities ?? [];
    const k = list.findIndex((f) => f.id === cmd.facilityId);
    if (k < 0) return { code: 'unknown_facility', detail: cmd.facilityId };
    const st = w.hazards.facilities[k];
    if (st.patients <= 0) return { code: 'facility_empty', detail: cmd.facilityId };
    if (st.evacTarget) return { code: 'facility_evacuating', detail: cmd.facilityId };
    const to = list.findIndex((f) => f.id === cmd.to);
    if (to === k) return { code: 'unknown_facility', detail: cmd.to };
    if (to < 0) {
      const s = sc.shelters.findIndex((x) => x.id === cmd.to);
      if (s < 0) return { code: 'unknown_facility', detail: cmd.to };
      if (!w.shelters[s].open) return { code: 'shelter_closed', detail: cmd.to };
    }
    return null;
  },
  apply(w, cmd) {
    const sc = w.scenario;
    const list = sc.facilities ?? [];
    const k = list.findIndex((f) => f.id === cmd.facilityId);
    const to = list.findIndex((f) => f.id === cmd.to);
    const st = w.hazards.facilities[k];
    st.evacTarget = to >= 0 ? { kind: 'facility', index: to } : { kind: 'shelter', index: sc.shelters.findIndex((x) => x.id === cmd.to) };
    st.evacTick = w.tick;
    w.events.push({ tick: w.tick, kind: 'facility_evacuation', id: cmd.facilityId, text: list[k].name, count: st.patients });
  },
};
