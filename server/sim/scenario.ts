// A scenario as the engine sees it: plain data, already parsed and checked by server/scenario/load-scenario.ts.
// The engine never reads files; it only receives this.

export interface Localized {
  id: string;
  en: string;
}

export interface LandUseClass {
  code: number;
  name: string;
  /** Manning's roughness n (s/m^(1/3)); typical values (docs/engine.md#water-equations): sea 0.025–0.03, paddy 0.035–0.05, residential 0.08–0.15, roads 0.02–0.03. */
  manningN: number;
  /** Walking cost multiplier for route finding (road = 1). Infinity = cannot walk (sea, river). */
  walkCost: number;
  /** True where the sea boundary condition holds (water level forced to the coastal series). */
  isSea: boolean;
  /** River or lake: starts filled to the initial sea level. */
  startsWet: boolean;
  /** Households may live here. */
  habitable: boolean;
  /** A bridge deck: water flows under it as in the river, people and vehicles cross on it. */
  bridge?: boolean;
  /** A road: vehicles drive here at full speed, and the team may close it. Default: walkCost ≤ 1 and not habitable. */
  isRoad?: boolean;
}

export interface TimePoint {
  /** Scenario minutes since the start. */
  t: number;
  value: number;
}

export interface Neighbourhood {
  id: string;
  name: string;
  /** Polygon in cell coordinates (x right, y down). */
  polygon: [number, number][];
  households: number;
  /** Mean people per household. */
  householdSize: number;
  /** Share of households with at least one vulnerable member (elderly, disabled, infant, pregnant). */
  vulnerableShare: number;
  /** Initial trust in government warnings, 0–1. */
  trust: number;
  /** Share of households with a motorbike or car (optional; default 0.5). */
  vehicleShare?: number;
  /** Share of households with a mobile phone (SMS/WhatsApp reach; optional; default 0.85). */
  phoneShare?: number;
  /** Door-to-door volunteers (RT/RW, Destana, Tagana) available in the area (optional; default 4). */
  volunteers?: number;
}

/** A rumour or hoax posted in WhatsApp-like groups at a scenario minute; lowers trust in its areas until clarified. */
export interface Rumour {
  id: string;
  minute: number;
  /** Neighbourhood ids reached; empty = all. */
  areas: string[];
  text: Localized;
}

/** Shelter supplies at the start (Sphere units: litres of water, person-days of food, hygiene kits, toilets). */
export interface ShelterStock {
  water: number;
  food: number;
  hygiene: number;
  toilets: number;
}

export interface Shelter {
  id: string;
  name: string;
  x: number;
  y: number;
  /** Covered floor area in m²; capacity = area / 3.5 m² per person (Sphere). */
  floorArea: number;
  /** Open at the start (optional; default true). */
  open?: boolean;
  /** A vertical evacuation building (TES): people are safe on its upper floors (optional; drawn apart on the map). */
  vertical?: boolean;
  /** Supplies at the start (optional; default: half a day of Sphere water and food for the capacity, 1 toilet per 50). */
  stock?: Partial<ShelterStock>;
}

export interface NgoUnit {
  id: string;
  kind: 'boat' | 'truck' | 'medical' | 'kitchen';
  x: number;
  y: number;
  /** People carried per trip. */
  capacity: number;
}

export interface Ngo {
  id: string;
  name: string;
  units: NgoUnit[];
  /** Minutes from tasking (or from the request for support) until a unit leaves its base (optional; default 10). */
  responseDelay?: number;
  /** Deploys on its own after the alert unless coordinated at the posko (optional; default false). */
  selfDeploy?: boolean;
  /** Comes only when the team requests provincial/BNPB support (optional; default false). */
  onRequest?: boolean;
}

export interface MetricThresholds {
  /** Minutes after the official alert: at or below `best` the metric is 1, at or above `worst` it is 0. */
  timeToWarningBest: number;
  timeToWarningWorst: number;
  /** Minutes after the official alert until 90 % of the at-risk residents are safe (optional; defaults 60 and 180,
   *  docs/scoring.md). */
  evacuationBest?: number;
  evacuationWorst?: number;
  /** Minutes between the situation reports expected (optional; default 60; a flood lasting days: 360 or 1440). */
  sitrepPeriodMinutes?: number;
}

/** A river entering the grid: discharge (m³/s) over scenario minutes, spread over its inflow cells. */
export interface River {
  id: string;
  name: string;
  cells: number[];
  hydrograph: TimePoint[];
  /** Solids volume fraction Cv of a debris-laden flow (galodo, lahar): the hydrograph gives water, the flow enters
   *  bulked to Q/(1 − Cv) and carries its sediment (debris-flow.ts; optional, default none). */
  sedimentConcentration?: number;
  /** Water discharge (m³/s) from which the flow carries that sediment (the lahar pulse; the base flow is clear). */
  sedimentFromDischarge?: number;
}

/** An embankment (tanggul): crest cells raised to `crest` m; breaches at a minute and/or when overtopped. */
export interface Embankment {
  id: string;
  name: string;
  cells: number[];
  crest: number;
  breachMinute: number | null;
  breachOnOvertop: boolean;
  /** Bed elevation of the crest cells after a breach (m). */
  breachLevel: number;
  /** A breach that grows from one cell instead of opening at once (optional; breach.ts, docs/engine.md). */
  widening?: BreachWidening;
}

/** How a breach grows: from `initialWidth` m at `cell` to `finalWidth` m along the crest line, and from the crest down to
 *  the breach level, at the stated rates (m per hour). */
export interface BreachWidening {
  /** Crest cell where the gap opens (default: the first overtopped cell, or the middle of the line). */
  cell?: number;
  initialWidth: number;
  finalWidth: number;
  widthPerHour: number;
  deepenPerHour: number;
}

/** Rain over a catchment (polygon cells, or all land when `cells` is absent); the runoff share is routed downhill. */
export interface Catchment {
  id: string;
  name: string;
  /** Cells of the catchment (row-major indices); absent = every land cell. */
  cells?: number[];
  /** Rain in mm per hour over scenario minutes. */
  rainfall: TimePoint[];
  /** Share of the rain that runs off (rational-method C, 0–1; the rest infiltrates). */
  runoffCoefficient: number;
}

/** A slope zone that fails when the rain passes an intensity–duration threshold I = alpha·D^(−beta) (landslide.ts). */
export interface LandslideZone {
  id: string;
  name: string;
  /** Cells that may fail (row-major). */
  cells: number[];
  /** Only cells at least this steep fail (degrees). */
  minSlopeDeg: number;
  /** Threshold I = alpha·D^(−beta), I in mm/h and D in hours (Caine 1980: 14.82, 0.39). */
  alpha: number;
  beta: number;
  /** Catchment whose rain counts (default: the first catchment, or the scenario rainfall). */
  catchment?: string;
  /** Cells the debris runs downhill from each failing cell, and the metres of debris it leaves there. */
  runoutCells: number;
  depositDepth: number;
  /** Fails at this minute whatever the rain (optional; an inject can also trigger it). */
  minute?: number;
}

/** A health facility (puskesmas, hospital) with in-patients that must be moved out if water reaches it. */
export interface HealthFacility {
  id: string;
  name: string;
  kind: 'puskesmas' | 'hospital';
  x: number;
  y: number;
  beds: number;
  patients: number;
  /** Water depth (m) at which the ground floor floods, power and equipment fail (default 0.3). */
  floodDepth?: number;
}

/** An exercise objective (HSEEP): a core capability, and the metrics and MSEL rows whose expectations are its
 *  evidence (docs/scoring.md#objectives). */
export interface Objective {
  id: string;
  title: Localized;
  /** Core capability, e.g. Peringatan Dini / Public Information and Warning. */
  capability: Localized;
  /** Metric ids (metrics.ts). */
  metrics: string[];
  /** MSEL row numbers. */
  injects: number[];
}

export interface Scenario {
  id: string;
  title: Localized;
  summary: Localized;
  width: number;
  height: number;
  /** Cell edge in metres. */
  cellSize: number;
  /** Bed elevation per cell, metres above mean sea level, row-major (index = y*width + x). */
  elevation: Float64Array;
  /** Land-use code per cell, row-major. */
  landUse: Uint8Array;
  landUseClasses: LandUseClass[];
  /** Scenario seconds per tick (60 = one scenario-minute per tick). */
  tickSeconds: number;
  durationTicks: number;
  /** Tick at which the official alert (e.g. BMKG coastal-flood warning) reaches the teams. */
  officialAlertTick: number;
  /** Coastal water level (m above MSL) over scenario minutes; linear between points (tide + surge + tsunami, summed by the loader). */
  seaLevel: TimePoint[];
  rivers?: River[];
  /** Rain over land, mm per hour over scenario minutes (a catchment over all land with runoff coefficient 1). */
  rainfall?: TimePoint[];
  /** Rain over parts of the map, routed downhill to the wet area (runoff.ts). */
  catchments?: Catchment[];
  /** Slopes that can slide (landslide.ts). */
  landslides?: LandslideZone[];
  /** Puskesmas and hospitals (health-facility.ts). */
  facilities?: HealthFacility[];
  embankments?: Embankment[];
  neighbourhoods: Neighbourhood[];
  shelters: Shelter[];
  ngos: Ngo[];
  /** In joint mode, `commands` lists what an agency team is responsible for (absent = everything its roles allow). */
  teams: { id: string; name: string; commands?: string[] }[];
  /** Rumours and hoaxes on the social feed (optional; default none). */
  rumours?: Rumour[];
  metrics: MetricThresholds;
  /** Weight per metric id, summed to build the score. */
  scoreWeights: Record<string, number>;
  /** Exercise objectives (optional; the debrief falls back to its defaults). */
  objectives?: Objective[];
}
