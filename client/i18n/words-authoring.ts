// Words for authoring: the scenario problems on the home page and the scenario editor. Bahasa Indonesia first;
// `en` is typed against it, so a key missing in English fails the type-check.
const id = {
  'home.problems.title': 'Skenario yang gagal dimuat ({n})',
  'home.problems.help': 'Skenario berikut tidak muncul di daftar karena ada galat. Perbaiki lalu mulai ulang server, atau buka di editor. Perintah: npm run check -- scenarios/<folder>',
  'home.problems.folder': 'Folder {folder}',
  'home.problems.more': '… dan {n} galat lagi',
  'home.editor.link': 'Buka editor skenario',
};

const en: Record<keyof typeof id, string> = {
  'home.problems.title': 'Scenarios that failed to load ({n})',
  'home.problems.help': 'These scenarios are not in the list because they have errors. Fix them and restart the server, or open them in the editor. Command: npm run check -- scenarios/<folder>',
  'home.problems.folder': 'Folder {folder}',
  'home.problems.more': '… and {n} more error(s)',
  'home.editor.link': 'Open the scenario editor',
};

export const authoringWords = { id, en };
