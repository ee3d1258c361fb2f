// Words for the drill's rules and versions (server/protocol/rights-gate.ts, docs/protocol.md#who-may-see-what,
// docs/architecture.md#versions): releasing the debrief, who may still join, a drill opened read-only.
// Bahasa Indonesia first; `en` is typed against it, so a key missing in English fails the type-check.
const id = {
  'release.title': 'Rilis debrief & aturan bergabung',
  'release.scope': 'Pemain boleh melihat debrief (setelah selesai)',
  'release.none': 'Belum dirilis',
  'release.own': 'Hasil timnya sendiri',
  'release.all': 'Hasil semua tim',
  'release.saved': 'Tersimpan: {scope}',
  'release.joinLocked': 'Kunci pendaftaran (tidak ada pemain baru)',
  'release.lateJoin': 'Izinkan pemain bergabung setelah mulai (lebih dari satu per peran)',
  'readOnly.engine_changed': 'Hanya baca: gladi ini dimainkan dengan versi mesin {recorded}, dan mesin server ini (versi {engine}) memutarnya ulang berbeda sejak menit ke-{tick}. Gladi bisa dilihat, tidak bisa dilanjutkan.',
  'readOnly.engine_unverified': 'Hanya baca: gladi ini dimainkan dengan versi mesin {recorded} dan tidak bisa diperiksa dengan mesin server ini (versi {engine}). Gladi bisa dilihat, tidak bisa dilanjutkan.',
  'gate.debrief_not_released': 'Fasilitator belum merilis debrief.',
  'gate.debrief_not_ended': 'Debrief dibuka untuk pemain setelah gladi selesai.',
  'gate.join_locked': 'Fasilitator menutup gladi ini untuk pemain baru.',
  'gate.team_full': 'Tim ini sudah penuh dan gladi sudah mulai; minta fasilitator mengizinkan pemain terlambat.',
};
const en: Record<keyof typeof id, string> = {
  'release.title': 'Debrief release & joining',
  'release.scope': 'Players may read the debrief (after the end)',
  'release.none': 'Not released',
  'release.own': 'Their own team’s results',
  'release.all': 'Every team’s results',
  'release.saved': 'Saved: {scope}',
  'release.joinLocked': 'Lock joining (no new players)',
  'release.lateJoin': 'Allow players to join after the start (more than one per role)',
  'readOnly.engine_changed': 'Read-only: this drill was played with engine version {recorded}, and this server’s engine (version {engine}) replays it differently from tick {tick}. It can be viewed, not continued.',
  'readOnly.engine_unverified': 'Read-only: this drill was played with engine version {recorded} and cannot be checked against this server’s engine (version {engine}). It can be viewed, not continued.',
  'gate.debrief_not_released': 'The facilitator has not released the debrief yet.',
  'gate.debrief_not_ended': 'The debrief opens for players when the drill has ended.',
  'gate.join_locked': 'The facilitator has closed this drill to new players.',
  'gate.team_full': 'This team is full and the drill has started; ask the facilitator to allow late joins.',
};
export const authorityWords = { id, en };
