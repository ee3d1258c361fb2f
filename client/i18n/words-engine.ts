// Words for forms built from command specs (client/panels/spec-form.ts): field labels and the missing-field
// sentence. Bahasa Indonesia first; `en` is typed against it, so a key missing in English fails the type-check.
const id = {
  'cmd.fieldMissing': 'Isi dulu: {field}.',
  'cmd.field.facilityId': 'Fasilitas kesehatan',
  'cmd.field.to': 'Pindahkan ke (fasilitas atau tempat pengungsian)',
};
const en: Record<keyof typeof id, string> = {
  'cmd.fieldMissing': 'Fill this in first: {field}.',
  'cmd.field.facilityId': 'Health facility',
  'cmd.field.to': 'Move to (facility or shelter)',
};
export const engineWords = { id, en };
