// The fixed choices inside commands, without zod, so the browser can list them cheaply (protocol data shared by the
// engine, the schemas in server/protocol/messages.ts and the client forms).

/** Warning channels (docs/domain.md#warnings): each has its own reach and delay, set in warning.ts. */
export const CHANNELS = ['siren', 'mosque', 'sms', 'radio', 'whatsapp', 'door'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Warning levels, after BMKG's InaTEWS (docs/domain.md#warnings): waspada < siaga < awas. */
export const WARNING_LEVELS = ['waspada', 'siaga', 'awas'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];

/** Emergency status (UU 24/2007, docs/domain.md#law): siaga darurat → tanggap darurat → transisi darurat ke pemulihan. */
export const EMERGENCY_STATUSES = ['siaga_darurat', 'tanggap_darurat', 'transisi_darurat'] as const;
export type EmergencyStatus = (typeof EMERGENCY_STATUSES)[number];
