// Words for the hazards of the five towns (landslides, health facilities, multi-day clock). Bahasa Indonesia
// first; `en` is typed against it, so a key missing in English fails the type-check. In event lines {topic} is
// the place's name (the engine sends it as the event text) and {count} the people involved.
const id = {
  'event.landslide': 'Longsor di {topic}: jalan tertutup, {count} orang tertimbun atau terluka',
  'event.facility_flooded': 'Air masuk ke {topic}: listrik dan alat padam, {count} pasien masih di dalam',
  'event.patients_harmed': '{count} pasien di {topic} memburuk karena banjir',
  'event.facility_evacuated': 'Semua pasien {topic} sudah dipindahkan ({count} orang)',
  'event.facility_evacuation': 'Evakuasi pasien {topic} dimulai',
  'effect.landslide': 'longsor terjadi sekarang',
  'cmd.evacuate_facility': 'Evakuasi pasien fasilitas kesehatan',
  'feed.cmd.evacuate_facility': '{by} memerintahkan evakuasi pasien',
  'refusal.unknown_facility': 'fasilitas kesehatan {detail} tidak dikenal',
  'refusal.facility_empty': 'tidak ada pasien lagi di {detail}',
  'refusal.facility_evacuating': 'pasien {detail} sedang dipindahkan',
};
const en: Record<keyof typeof id, string> = {
  'event.landslide': 'Landslide at {topic}: road blocked, {count} people buried or injured',
  'event.facility_flooded': 'Water entered {topic}: power and equipment down, {count} patients still inside',
  'event.patients_harmed': '{count} patients at {topic} deteriorated because of the flood',
  'event.facility_evacuated': 'All patients of {topic} have been moved ({count} people)',
  'event.facility_evacuation': 'Patient evacuation from {topic} has started',
  'effect.landslide': 'a landslide happens now',
  'cmd.evacuate_facility': 'Evacuate a health facility',
  'feed.cmd.evacuate_facility': '{by} ordered a patient evacuation',
  'refusal.unknown_facility': 'unknown health facility {detail}',
  'refusal.facility_empty': 'no patients left at {detail}',
  'refusal.facility_evacuating': 'patients of {detail} are already being moved',
};
export const townWords = { id, en };
