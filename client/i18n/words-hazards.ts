// Words for the galodo's debris (server/sim/debris-flow.ts) and the transport tasked to a health facility
// (server/sim/health-facility.ts). Bahasa Indonesia first; `en` is typed against it, so a missing key fails tsc.
const id = {
  'event.debris_deposit': 'Endapan galodo (lumpur, pasir, batu) menutup {count} petak jalan dan permukiman',
  'event.debris_buried': 'Endapan galodo menimbun rumah: {count} orang tertimbun atau terluka',
  'cmd.field.facility': 'Angkut pasien fasilitas kesehatan (ambulans atau truk; opsional)',
  'map.legend.debris': 'Endapan galodo (lumpur, pasir, batu)',
};
const en: Record<keyof typeof id, string> = {
  'event.debris_deposit': 'Galodo deposits (mud, sand, boulders) close {count} cells of road and houses',
  'event.debris_buried': 'Galodo deposits bury houses: {count} people buried or injured',
  'cmd.field.facility': 'Carry patients of a health facility (ambulance or truck; optional)',
  'map.legend.debris': 'Galodo deposits (mud, sand, boulders)',
};
export const hazardWords = { id, en };
