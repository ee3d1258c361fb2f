// Words of the after-action report (AAR/IP), Bahasa Indonesia first, English second. Server-side because the report
// is made on the server (HTML and PDF); the debrief page's own words are in client/i18n/words-debrief.ts.
export const REPORT_WORDS = {
  id: {
    title: 'Laporan Pasca-Latihan dan Rencana Perbaikan (AAR/IP)',
    overview: 'Ikhtisar latihan',
    scenario: 'Skenario', code: 'Kode gladi', mode: 'Mode', parallel: 'Paralel (tiap tim dunianya sendiri)', joint: 'Gabungan (semua tim satu dunia)',
    date: 'Tanggal', duration: 'Durasi main', minutes: 'menit', alert: 'Peringatan resmi', status: 'Status',
    teams: 'Tim dan peserta', noPlayers: 'tanpa pemain',
    objectives: 'Sasaran, peringkat dan bukti', capability: 'Kemampuan inti', suggested: 'Usulan', rating: 'Peringkat evaluator',
    notRated: 'belum dinilai', evidence: 'Bukti', strengths: 'Kekuatan', improve: 'Area untuk diperbaiki', none: '—',
    expectations: 'Harapan inject: {met} terpenuhi, {anticipated} diantisipasi, {partly} sebagian, {missed} terlewat',
    comparison: 'Perbandingan tim', score: 'Skor', safe: 'Warga aman', stranded: 'Terjebak', casualties: 'Korban', trust: 'Kepercayaan',
    firstWarning: 'Peringatan pertama', sheltered: 'Mengungsi', rescued: 'Diselamatkan', exposed: 'Terpapar',
    safeOverTime: 'Warga aman dari waktu ke waktu', scores: 'Skor akhir per tim',
    observations: 'Catatan evaluator', noObservations: 'Tidak ada catatan.',
    hotwash: 'Ringkasan hot wash', answers: 'jawaban', realism: 'Realisme', usefulness: 'Kegunaan', mean: 'rata-rata',
    hwStrengths: 'Kekuatan menurut peserta', hwImprove: 'Perbaikan menurut peserta', comments: 'Komentar', noAnswers: 'Belum ada jawaban.',
    plan: 'Rencana perbaikan', action: 'Tindakan korektif', owner: 'Penanggung jawab', due: 'Tenggat', priority: 'Prioritas', objective: 'Sasaran',
    high: 'tinggi', medium: 'sedang', low: 'rendah', noPlan: 'Rencana perbaikan belum diisi.',
    generated: 'Dibuat oleh Gladi', page: 'Halaman',
    P: 'P — Dilaksanakan tanpa kendala', S: 'S — Dilaksanakan dengan sedikit kendala', M: 'M — Dilaksanakan dengan kendala besar', U: 'U — Tidak dapat dilaksanakan',
    ratingScale: 'Skala HSEEP: P (tanpa kendala), S (sedikit kendala), M (kendala besar), U (tidak dapat dilaksanakan).',
    metricLow: '{team}: {metric} {value}', metricHigh: '{team}: {metric} {value}',
    general: 'Umum',
  },
  en: {
    title: 'After-Action Report and Improvement Plan (AAR/IP)',
    overview: 'Exercise overview',
    scenario: 'Scenario', code: 'Drill code', mode: 'Mode', parallel: 'Parallel (each team its own world)', joint: 'Joint (all teams in one world)',
    date: 'Date', duration: 'Played', minutes: 'minutes', alert: 'Official alert', status: 'Status',
    teams: 'Teams and participants', noPlayers: 'no players',
    objectives: 'Objectives, ratings and evidence', capability: 'Core capability', suggested: 'Suggested', rating: "Evaluator's rating",
    notRated: 'not rated yet', evidence: 'Evidence', strengths: 'Strengths', improve: 'Areas for improvement', none: '—',
    expectations: 'Inject expectations: {met} met, {anticipated} anticipated, {partly} partly, {missed} missed',
    comparison: 'Team comparison', score: 'Score', safe: 'People safe', stranded: 'Stranded', casualties: 'Casualties', trust: 'Trust',
    firstWarning: 'First warning', sheltered: 'Sheltered', rescued: 'Rescued', exposed: 'Exposed',
    safeOverTime: 'People safe over time', scores: 'Final score per team',
    observations: 'Evaluator observations', noObservations: 'No observations.',
    hotwash: 'Hot-wash summary', answers: 'answers', realism: 'Realism', usefulness: 'Usefulness', mean: 'mean',
    hwStrengths: 'Strengths named by participants', hwImprove: 'Improvements named by participants', comments: 'Comments', noAnswers: 'No answers yet.',
    plan: 'Improvement plan', action: 'Corrective action', owner: 'Owner', due: 'Due', priority: 'Priority', objective: 'Objective',
    high: 'high', medium: 'medium', low: 'low', noPlan: 'The improvement plan has not been filled in yet.',
    generated: 'Made with Gladi', page: 'Page',
    P: 'P — Performed without challenges', S: 'S — Performed with some challenges', M: 'M — Performed with major challenges', U: 'U — Unable to be performed',
    ratingScale: 'HSEEP scale: P (without challenges), S (some challenges), M (major challenges), U (unable to be performed).',
    metricLow: '{team}: {metric} {value}', metricHigh: '{team}: {metric} {value}',
    general: 'General',
  },
} as const;

export type ReportLang = keyof typeof REPORT_WORDS;
export type ReportWord = keyof (typeof REPORT_WORDS)['id'];
// The English table must have every key of the Indonesian one.
const _check: Record<ReportWord, string> = REPORT_WORDS.en;
void _check;

/** Metric names for the report (the debrief page has its own in client/i18n). */
export const METRIC_NAMES: Record<string, { id: string; en: string }> = {
  residentsSafe: { id: 'Warga aman', en: 'Residents safe' },
  timeToWarning: { id: 'Waktu sampai peringatan', en: 'Time to warning' },
  lifeSafety: { id: 'Keselamatan jiwa', en: 'Life safety' },
  warningReach: { id: 'Jangkauan peringatan', en: 'Warning reach' },
  evacuation90: { id: 'Evakuasi 90 %', en: 'Evacuation 90 %' },
  vulnerableParity: { id: 'Kesetaraan kelompok rentan', en: 'Vulnerable parity' },
  shelterSpace: { id: 'Ruang pengungsian', en: 'Shelter space' },
  wash: { id: 'Air, sanitasi, kebersihan', en: 'WASH' },
  shelterHealth: { id: 'Kesehatan pengungsian', en: 'Shelter health' },
  coordination: { id: 'Koordinasi', en: 'Coordination' },
  commandTempo: { id: 'Tempo komando', en: 'Command tempo' },
  publicTrust: { id: 'Kepercayaan publik', en: 'Public trust' },
  sitrepAccuracy: { id: 'Ketepatan laporan situasi', en: 'Sitrep accuracy' },
};

/** Team roles (server/protocol/rights.ts) in the report's words. */
export const ROLE_NAMES: Record<string, { id: string; en: string }> = {
  commander: { id: 'Komandan', en: 'Commander' },
  logistics: { id: 'Logistik', en: 'Logistics' },
  communications: { id: 'Komunikasi', en: 'Communications' },
  health: { id: 'Kesehatan', en: 'Health' },
  shelter: { id: 'Pengungsian', en: 'Shelter' },
  ngo_liaison: { id: 'Penghubung LSM', en: 'NGO liaison' },
};

export function word(lang: ReportLang, k: ReportWord, vars: Record<string, string | number> = {}): string {
  return (REPORT_WORDS[lang][k] as string).replace(/\{(\w+)\}/g, (_, v: string) => String(vars[v] ?? ''));
}
