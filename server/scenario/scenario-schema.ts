// The shape of scenario.yaml (zod). Field meanings: docs/authoring.md and server/sim/scenario.ts.
import { z } from 'zod';
import { COMMAND_TYPES } from '../sim/index.ts';

const localized = z.strictObject({ id: z.string().min(1), en: z.string().min(1) });
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes');
const cellXY = z.number().int().nonnegative();

export const scenarioFile = z.strictObject({
  id: slug,
  title: localized,
  summary: localized,
  grid: z.strictObject({ elevation: z.string(), landUse: z.string() }),
  landUse: z.array(z.strictObject({
    code: z.number().int().min(0).max(255),
    name: z.string(),
    manningN: z.number().min(0.01).max(0.5),
    walkCost: z.union([z.number().positive(), z.literal(Infinity)]), // .inf = cannot walk here
    isSea: z.boolean().default(false),
    startsWet: z.boolean().default(false),
    habitable: z.boolean().default(false),
    bridge: z.boolean().default(false),
    isRoad: z.boolean().optional(),
  })).min(1),
  clock: z.strictObject({
    /** Scenario seconds per tick; or `tickMinutes` (1 = default; 10–60 for floods that last days). */
    tickSeconds: z.number().int().min(1).max(3600).optional(),
    tickMinutes: z.number().int().min(1).max(60).optional(),
    durationMinutes: z.number().int().min(1).max(7 * 24 * 60),
    officialAlertMinute: z.number().min(0),
  }).transform(({ tickMinutes, ...c }) => ({ ...c, tickSeconds: c.tickSeconds ?? (tickMinutes ?? 1) * 60 })),
  // Levels up to 6000 m: a highland town's outlet (the water level where its river leaves the map) is a "sea" too.
  seaLevel: z.array(z.strictObject({ minute: z.number().min(0), level: z.number().min(-20).max(6000) })).min(1),
  /** Optional parts added to seaLevel (tide + surge + tsunami), each a series of its own. */
  seaLevelParts: z.partialRecord(z.enum(['tide', 'surge', 'tsunami']), z.array(z.strictObject({ minute: z.number().min(0), level: z.number().min(-20).max(6000) })).min(1)).optional(),
  rivers: z.array(z.strictObject({
    id: slug,
    name: z.string().min(1),
    /** Cells where the river enters the grid. */
    inflow: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])).min(1),
    hydrograph: z.array(z.strictObject({ minute: z.number().min(0), discharge: z.number().min(0).max(100_000) })).min(1),
    /** Debris flow (galodo, lahar): solids volume fraction of the arriving flow (server/sim/debris-flow.ts). */
    sedimentConcentration: z.number().min(0).max(0.6).optional(),
    /** …carried while the water discharge is at least this (m³/s): the pulse, not the clear base flow. */
    sedimentFromDischarge: z.number().min(0).optional(),
  })).default([]),
  rainfall: z.array(z.strictObject({ minute: z.number().min(0), mmPerHour: z.number().min(0).max(500) })).default([]),
  embankments: z.array(z.strictObject({
    id: slug,
    name: z.string().min(1),
    /** Polyline in cell coordinates; every cell it crosses is part of the embankment. */
    line: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])).min(2),
    crest: z.number().min(-20).max(6000),
    breach: z.strictObject({
      minute: z.number().min(0).optional(), onOvertop: z.boolean().default(false), level: z.number().min(-20).max(100),
      /** A breach that grows (m, m per hour) from one crest cell instead of opening at once. */
      widening: z.strictObject({
        at: z.tuple([z.number().int().min(0), z.number().int().min(0)]).optional(),
        initialWidth: z.number().positive(), finalWidth: z.number().positive(),
        widthPerHour: z.number().positive(), deepenPerHour: z.number().positive(),
      }).optional(),
    }).optional(),
  })).default([]),
  /** Rain over a polygon (or all land), routed downhill as runoff (server/sim/runoff.ts). */
  catchments: z.array(z.strictObject({
    id: slug, name: z.string().min(1),
    polygon: z.array(z.tuple([z.number(), z.number()])).min(3).optional(),
    rainfall: z.array(z.strictObject({ minute: z.number().min(0), mmPerHour: z.number().min(0).max(500) })).min(1),
    runoffCoefficient: z.number().min(0).max(1),
  })).default([]),
  /** Slopes that fail under rain (intensity–duration threshold) or at a minute (server/sim/landslide.ts). */
  landslides: z.array(z.strictObject({
    id: slug, name: z.string().min(1),
    polygon: z.array(z.tuple([z.number(), z.number()])).min(3),
    minSlopeDeg: z.number().min(0).max(90).default(25),
    threshold: z.union([z.enum(['caine1980', 'guzzetti2008']), z.strictObject({ alpha: z.number().positive(), beta: z.number().min(0).max(2) })]).default('caine1980'),
    catchment: slug.optional(),
    runoutCells: z.number().int().min(0).max(100).default(8),
    depositDepth: z.number().min(0).max(30).default(2),
    minute: z.number().min(0).optional(),
  })).default([]),
  /** Puskesmas and hospitals with in-patients (server/sim/health-facility.ts). */
  facilities: z.array(z.strictObject({
    id: slug, name: z.string().min(1), kind: z.enum(['puskesmas', 'hospital']),
    x: cellXY, y: cellXY, beds: z.number().int().min(0).max(5000), patients: z.number().int().min(0).max(5000),
    floodDepth: z.number().positive().max(10).optional(),
  })).default([]),
  neighbourhoods: z.array(z.strictObject({
    id: slug,
    name: z.string().min(1),
    polygon: z.array(z.tuple([z.number(), z.number()])).min(3),
    households: z.number().int().min(0).max(100_000),
    householdSize: z.number().min(1).max(15),
    vulnerableShare: z.number().min(0).max(1),
    trust: z.number().min(0).max(1),
    vehicleShare: z.number().min(0).max(1).optional(),
    phoneShare: z.number().min(0).max(1).optional(),
    volunteers: z.number().int().min(0).max(1000).optional(),
  })).min(1),
  shelters: z.array(z.strictObject({
    id: slug, name: z.string().min(1), x: cellXY, y: cellXY, floorArea: z.number().positive(),
    open: z.boolean().optional(),
    vertical: z.boolean().optional(),
    stock: z.strictObject({ water: z.number().min(0), food: z.number().min(0), hygiene: z.number().min(0), toilets: z.number().min(0) }).partial().optional(),
  })).min(1),
  ngos: z.array(z.strictObject({
    id: slug,
    name: z.string().min(1),
    units: z.array(z.strictObject({ id: slug, kind: z.enum(['boat', 'truck', 'medical', 'kitchen']), x: z.number().min(0), y: z.number().min(0), capacity: z.number().int().positive() })),
    responseDelay: z.number().min(0).max(24 * 60).optional(),
    selfDeploy: z.boolean().optional(),
    onRequest: z.boolean().optional(),
  })).default([]),
  rumours: z.array(z.strictObject({ id: slug, minute: z.number().min(0), areas: z.array(slug).default([]), text: localized })).default([]),
  teams: z.array(z.strictObject({ id: slug, name: z.string().min(1), commands: z.array(z.enum(COMMAND_TYPES as [string, ...string[]])).optional() })).min(1).max(10),
  metrics: z.strictObject({
    timeToWarningBest: z.number().min(0), timeToWarningWorst: z.number().positive(),
    evacuationBest: z.number().min(0).optional(), evacuationWorst: z.number().positive().optional(),
    sitrepPeriodMinutes: z.number().min(1).max(7 * 24 * 60).optional(),
  }),
  scoreWeights: z.record(z.string(), z.number().min(0)),
  /** Exercise objectives (HSEEP): a core capability and the metrics and MSEL rows that are their evidence (docs/scoring.md#objectives). */
  objectives: z.array(z.strictObject({
    id: slug, title: localized, capability: localized,
    metrics: z.array(z.string()).default([]), injects: z.array(z.number().int().min(1)).default([]),
  })).default([]),
  msel: z.string().optional(),
});
export type ScenarioFile = z.infer<typeof scenarioFile>;
