// Words of the MSEL spreadsheet import report, Bahasa Indonesia first, English second (`{name}` = parameter).
type Entry = { id: { text: string; fix: string }; en: { text: string; fix: string } };
const e = (idText: string, idFix: string, enText: string, enFix: string): Entry => ({ id: { text: idText, fix: idFix }, en: { text: enText, fix: enFix } });

export const IMPORT_WORDS = {
  sheet_empty: e('berkas kosong ({detail})', 'Pilih berkas MSEL yang berisi baris.', 'the file is empty ({detail})', 'Choose an MSEL file with rows.'),
  sheet_unreadable: e('berkas tidak terbaca sebagai CSV atau XLSX: {detail}', 'Simpan dari Excel sebagai "CSV (dipisah koma/titik koma)" atau "Buku Kerja Excel (.xlsx)".', 'the file cannot be read as CSV or XLSX: {detail}', 'Save it from Excel as "CSV" or "Excel Workbook (.xlsx)".'),
  no_header: e('baris judul kolom tidak ditemukan (baris pertama: {first})', 'Pastikan ada baris judul seperti No, Waktu, Metode, Dari, Kepada, Pesan; atau petakan judul Anda di berkas pemetaan (columns).', 'no header row found (first row: {first})', 'Make sure a header row such as No, Time, Method, From, To, Message exists, or map your headers in the mapping file (columns).'),
  extra_column: e('kolom "{column}" disimpan sebagai catatan pengendali', 'Bila kolom ini punya arti lain, petakan di berkas pemetaan (columns).', 'column "{column}" is kept as controller notes', 'If it means something else, map it in the mapping file (columns).'),
  no_message_column: e('tidak ada kolom pesan (kolom yang ada: {headers})', 'Beri judul "Pesan" pada kolom isi inject, atau petakan di berkas pemetaan.', 'no message column (columns found: {headers})', 'Name the inject text column "Message"/"Pesan", or map it in the mapping file.'),
  no_time_column: e('tidak ada kolom waktu atau kondisi (kolom yang ada: {headers})', 'Beri judul "Waktu" pada kolom waktu skenario, atau petakan di berkas pemetaan.', 'no time or condition column (columns found: {headers})', 'Name the scenario time column "Time"/"Waktu", or map it in the mapping file.'),
  no_english: e('tidak ada kolom pesan bahasa Inggris: pemain berbahasa Inggris melihat pesan Indonesia', 'Tambahkan kolom "Pesan EN" bila perlu.', 'no English message column: English-speaking players see the Indonesian message', 'Add a "Message EN" column if needed.'),
  decimal_comma: e('koma desimal terdeteksi (mis. 0,3): dibaca sebagai 0.3', '', 'decimal comma detected (e.g. 0,3): read as 0.3', ''),
  encoding_1252: e('berkas tersimpan dalam Windows-1252 (bukan UTF-8): huruf dibaca dengan benar', '', 'the file is Windows-1252 (not UTF-8): characters are read correctly', ''),
  clock_time: e('jam {value} dengan awal gladi {start} menjadi {time}', '', 'clock time {value} with the drill starting at {start} becomes {time}', ''),
  elapsed_time: e('waktu "{value}" dibaca sebagai {time} sejak awal gladi', 'Bila ini jam dinding, isi startTime (mis. "08:00") di berkas pemetaan.', 'time "{value}" is read as {time} after the start', 'If it is a clock time, set startTime (e.g. "08:00") in the mapping file.'),
  before_start: e('jam {value} sebelum awal gladi {start}', 'Periksa jamnya atau startTime di berkas pemetaan.', 'clock time {value} is before the drill start {start}', 'Check the time or startTime in the mapping file.'),
  method_mapped: e('metode "{value}" dibaca sebagai {method}', '', 'method "{value}" read as {method}', ''),
  method_unmapped: e('metode "{value}" tidak dikenal', 'Petakan di berkas pemetaan (methods) ke phone, radio, whatsapp, email, news atau social.', 'unknown method "{value}"', 'Map it in the mapping file (methods) to phone, radio, whatsapp, email, news or social.'),
  to_mapped: e('penerima "{value}" → {to} (berkas pemetaan)', '', 'recipient "{value}" → {to} (mapping file)', ''),
  to_guessed: e('penerima "{value}" ditebak sebagai peran {to}', 'Periksa dan tetapkan di berkas pemetaan (to), sekali saja untuk semua baris.', 'recipient "{value}" guessed as role {to}', 'Check it and set it in the mapping file (to), once for all rows.'),
  to_unmapped: e('penerima "{value}" bukan tim atau peran Gladi: baris ini tidak akan sampai ke pemain', 'Petakan nama dinas ini di berkas pemetaan (to) ke all, sebuah tim ({teams}) atau peran ({roles}).', 'recipient "{value}" is not a Gladi team or role: this row would reach no player', 'Map this office name in the mapping file (to) to all, a team ({teams}) or a role ({roles}).'),
  actions_mapped: e('tindakan yang diharapkan dinilai dengan perintah: {commands} (berkas pemetaan)', '', 'expected action judged by commands: {commands} (mapping file)', ''),
  actions_guessed: e('dari teks tindakan yang diharapkan ditebak perintah: {commands}', 'Periksa; ubah di kolom perintah atau di berkas pemetaan (actions).', 'commands guessed from the expected-action text: {commands}', 'Check them; change them in a commands column or the mapping file (actions).'),
  no_twice: e('nomor {no} sudah dipakai di baris {other}', 'Beri nomor lain.', 'number {no} is already used on row {other}', 'Give it another number.'),
  sheet_broken: e('baris ditolak karena masalah lembar di atas', 'Perbaiki masalah lembar dulu.', 'row rejected because of the sheet problem above', 'Fix the sheet problem first.'),
} satisfies Record<string, Entry>;

export type ImportCode = keyof typeof IMPORT_WORDS;
