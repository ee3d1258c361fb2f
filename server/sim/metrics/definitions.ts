// What each metric measures, in words (Bahasa Indonesia first, English second), under an i18n key the debrief can
// use. The formulas themselves are in metrics.ts; docs/scoring.md explains them with their sources.
import type { Localized } from '../scenario.ts';

export const METRIC_IDS = [
  'residentsSafe', 'timeToWarning', 'lifeSafety', 'warningReach', 'evacuation90', 'vulnerableParity',
  'shelterSpace', 'wash', 'shelterHealth', 'coordination', 'commandTempo', 'publicTrust', 'sitrepAccuracy',
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

export interface Formula {
  /** i18n key of the formula text: `metric.<id>.formula`. */
  key: string;
  text: Localized;
}

const f = (id: MetricId, idText: string, en: string): Formula => ({ key: `metric.${id}.formula`, text: { id: idText, en } });

export const FORMULAS: Record<MetricId, Formula> = {
  residentsSafe: f('residentsSafe',
    'Warga berisiko yang meninggalkan rumah sebelum air datang dan tidak pernah terjebak air berbahaya ÷ warga berisiko (rumahnya dicapai air berbahaya). Tidak berlaku selama belum ada yang berisiko.',
    'At-risk residents who left home before the water reached it and were never caught in hazardous water ÷ at-risk residents (whose home hazardous water reached). Not applicable while nobody is at risk.'),
  timeToWarning: f('timeToWarning',
    'Menit sejak peringatan resmi sampai 90 % rumah tangga di wilayah berisiko menerima peringatan tim: 1 bila ≤ batas terbaik, 0 bila ≥ batas terburuk atau belum tercapai.',
    'Minutes from the official alert until a team warning reached 90 % of households in at-risk areas: 1 at ≤ the best limit, 0 at ≥ the worst limit or while not reached.'),
  lifeSafety: f('lifeSafety',
    '1 − (korban luka dan meninggal + menit terjebak di air berbahaya ÷ 60, maks. 1 per orang) ÷ warga berisiko.',
    '1 − (injured and dead + minutes stranded in hazardous water ÷ 60, at most 1 per person) ÷ at-risk residents.'),
  warningReach: f('warningReach',
    'Warga berisiko yang menerima peringatan tim ≥ 10 menit sebelum air berbahaya mencapai mereka ÷ warga berisiko.',
    'At-risk residents a team warning reached ≥ 10 minutes before hazardous water reached them ÷ at-risk residents.'),
  evacuation90: f('evacuation90',
    'Menit sejak peringatan resmi sampai 90 % warga berisiko aman (di pengungsian atau diselamatkan): 1 bila ≤ batas terbaik, 0 bila ≥ batas terburuk atau belum tercapai.',
    'Minutes from the official alert until 90 % of at-risk residents were safe (sheltered or rescued): 1 at ≤ the best limit, 0 at ≥ the worst limit or while not reached.'),
  vulnerableParity: f('vulnerableParity',
    'Di antara warga berisiko yang diperingatkan tim: bagian rumah tangga rentan yang aman sebelum terjebak ÷ bagian semua yang aman, 1 bila ≥ 0,8. Tidak berlaku bila tim belum memperingatkan warga rentan yang berisiko.',
    'Among at-risk residents the team warned: share of vulnerable households safe before being caught ÷ share of everyone safe, 1 at ≥ 0.8. Not applicable until the team warned at-risk vulnerable residents.'),
  shelterSpace: f('shelterSpace',
    'Pengungsi dengan ≥ 3,5 m² per orang (Sphere) ÷ warga yang membutuhkan tempat aman (berisiko atau sudah mengungsi).',
    'Sheltered people with ≥ 3.5 m² each (Sphere) ÷ people who needed shelter (at risk or already sheltered).'),
  wash: f('wash',
    'Rata-rata dari: pengungsi dengan air bersih dan pengungsi dengan jamban ≤ 50 orang per jamban (Sphere), ÷ warga yang membutuhkan tempat aman.',
    'Mean of sheltered people with water and sheltered people with a toilet for ≤ 50 (Sphere), ÷ people who needed shelter.'),
  shelterHealth: f('shelterHealth',
    '1 − risiko kesehatan rata-rata pengungsi (kepadatan dan kekurangan air, pangan, jamban, kebersihan). Tidak berlaku bila pengungsian kosong.',
    '1 − mean health risk of sheltered people (crowding and shortfalls of water, food, toilets, hygiene). Not applicable while shelters are empty.'),
  coordination: f('coordination',
    '(Penugasan lewat posko − penugasan ganda − wilayah tak terlayani) ÷ (penugasan tim + pengerahan mandiri LSM + wilayah tak terlayani). Tidak berlaku bila tidak ada yang perlu dikoordinasikan.',
    '(Tasks routed through the posko − duplicated − unmet areas) ÷ (team tasks + NGO self-deployments + unmet areas). Not applicable while there is nothing to coordinate.'),
  commandTempo: f('commandTempo',
    'Rata-rata tiga langkah (status darurat, posko aktif, rapat koordinasi), masing-masing 1 bila ≤ 15 menit setelah peringatan resmi, 0 bila ≥ 90 menit atau belum dilakukan.',
    'Mean of three steps (emergency status, posko active, coordination meeting), each 1 at ≤ 15 minutes after the official alert, 0 at ≥ 90 minutes or not done.'),
  publicTrust: f('publicTrust',
    'Rata-rata kepercayaan publik per wilayah, ditimbang jumlah penduduk.',
    'Population-weighted mean public trust of the areas.'),
  sitrepAccuracy: f('sitrepAccuracy',
    'Rata-rata per jam sejak peringatan resmi: ketepatan laporan situasi jam itu dibanding keadaan sebenarnya saat dikirim (0 bila tidak ada laporan; angka yang tidak dilaporkan bernilai 0).',
    'Mean over each hour since the official alert of the accuracy of that hour\'s situation reports against the truth when sent (0 for an hour without a report; a figure left out scores 0).'),
};
