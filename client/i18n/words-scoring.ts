// Words of scoring: expectation results beyond met/late/missed/open, and a metric that does not apply yet
// (docs/scoring.md). Bahasa Indonesia first; `en` is typed against it, so a key missing in English fails tsc.
const id = {
  'debrief.exp.anticipated': 'diantisipasi',
  'debrief.exp.anticipatedHint': 'Sudah dilakukan sebelum pesan ini datang: praktik yang baik.',
  'debrief.exp.undelivered': 'tidak tersampaikan',
  'debrief.exp.undeliveredHint': 'Pesan untuk peran yang tidak diisi pemain di tim ini; tidak dinilai.',
  'metric.notApplicable': 'belum berlaku',
};

const en: Record<keyof typeof id, string> = {
  'debrief.exp.anticipated': 'anticipated',
  'debrief.exp.anticipatedHint': 'Done before this inject arrived: good practice.',
  'debrief.exp.undelivered': 'undelivered',
  'debrief.exp.undeliveredHint': 'Sent to a role no player of this team holds; not judged.',
  'metric.notApplicable': 'not applicable yet',
};

export const scoringWords = { id, en };
