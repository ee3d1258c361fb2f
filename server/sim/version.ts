/**
 * Version of the simulation engine's replay semantics.
 *
 * Bump this integer whenever a change alters replay results: the same scenario, seed and command log would
 * produce a different world (different hash) than before. Saved keyframes and logs carry this number, so a
 * drill recorded by another engine version is replayed from its log or opened read-only, never silently drifted.
 * See docs/architecture.md#versions.
 *
 * History: 2 = first versioned engine; 3 = a tick's team commands apply before its inject effects (commands are
 * applied when accepted, issue 8); 4 = the five towns' hazards (rain routed over catchments, landslides, widening
 * breaches, health facilities; the world carries their state and the hash covers it; issue 10); 5 = the galodo as a
 * debris flow (bulked inflow, sediment carried and deposited, bed raised; server/sim/debris-flow.ts) and facility
 * evacuation rates set by the transport tasked to them (issue 10); 6 = the flood's CFL step follows the solved cells
 * (the depth on the faces between forced sea or river-stage cells and land, not the depth of the forced water),
 * sea-edge cells with no wet face stay out of the row spans, and the sub-step cap while sources flow scales with the
 * cell size (issue 10, tick cost; docs/engine.md#constants).
 */
export const ENGINE_VERSION = 6;
