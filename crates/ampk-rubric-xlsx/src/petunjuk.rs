//! The text of the `petunjuk` (instructions) sheet the writer adds to every workbook. The
//! contract (rubric-xlsx §4) asks for it in Bahasa Indonesia whatever the interface language,
//! so it lives here as Indonesian constants rather than in the per-language catalogue, whose
//! every key must exist in every language. A test checks that every sheet and column of the
//! layout is explained.

/// The opening paragraphs.
pub(crate) const INTRO: &[&str] = &[
    "Buku kerja rubrik AMPK",
    "Buku kerja ini adalah satu rubrik penilaian (aturan skor) AMPK dalam bentuk lembar kerja. Ubah isinya di Excel atau LibreOffice, lalu ubah menjadi berkas rubrik dengan perintah: ampk rubric from-xlsx BERKAS.xlsx --out rubric.json. Bila ada masalah, perintah itu menyebut lembar, baris dan kolomnya (mis. indikator!F7 (bobot)); perbaiki lalu jalankan lagi.",
    "Aturan umum: nama lembar dan nama kolom harus persis seperti di bawah (huruf kecil, garis bawah). Baris 1 setiap lembar adalah judul kolom; data mulai baris 2. Urutan kolom bebas; baris kosong dilewati. Urutan baris adalah urutan di rubrik. Lembar yang namanya diawali _ dan lembar petunjuk ini diabaikan.",
    "Angka boleh ditulis sebagai angka atau teks, dengan koma atau titik desimal (12,5 atau 12.5). Daftar di dalam satu sel (jenis instansi, id indikator, id masukan) dipisah koma. Kolom berakhiran _en berisi teks bahasa Inggris dan boleh kosong; teks Bahasa Indonesia wajib. Kolom dengan daftar pilihan (panah di sel) hanya menerima nilai dari daftar itu.",
];

/// Every column of every sheet: sheet, column, explanation.
pub(crate) const COLUMNS: &[(&str, &str, &str)] = &[
    ("rubrik", "kunci", "Nama isian rubrik, satu per baris: id, edisi, status, judul, judul_en, diterbitkan_oleh, periode_mulai, periode_selesai, bobot_data, bobot_juri."),
    ("rubrik", "nilai", "Isi kunci itu. id: huruf kecil, angka dan tanda hubung (mis. ampk-2026-resmi). edisi: tahun penghargaan. status: model atau resmi. periode_mulai/periode_selesai: tanggal (sel tanggal atau TTTT-BB-HH), periode data yang dilaporkan. bobot_data + bobot_juri = 100 (nilai akhir)."),
    ("jenis_instansi", "id", "Kode jenis instansi peserta, huruf kecil (mis. opd, uptd, kabkota)."),
    ("jenis_instansi", "label", "Nama jenis instansi dalam Bahasa Indonesia."),
    ("jenis_instansi", "label_en", "Nama dalam bahasa Inggris (boleh kosong)."),
    ("predikat", "min", "Skor terendah predikat ini (0–100). Tulis dari predikat tertinggi ke bawah; baris terakhir harus 0."),
    ("predikat", "label", "Nama predikat (mis. Sangat Baik)."),
    ("predikat", "label_en", "Nama predikat dalam bahasa Inggris (boleh kosong)."),
    ("kategori", "id", "Kode kategori, huruf kecil, angka dan garis bawah (mis. media_sosial_opd). Dipakai di lembar masukan, butir, indikator dan pemeriksaan."),
    ("kategori", "label", "Nama kategori."),
    ("kategori", "label_en", "Nama kategori dalam bahasa Inggris (boleh kosong)."),
    ("kategori", "deskripsi", "Apa yang dihargai kategori ini (boleh kosong)."),
    ("kategori", "deskripsi_en", "Deskripsi dalam bahasa Inggris (boleh kosong)."),
    ("kategori", "peserta", "Jenis instansi yang boleh ikut, dipisah koma (id dari lembar jenis_instansi)."),
    ("kategori", "pemenang", "Jumlah pemenang (1–10)."),
    ("kategori", "penentu_seri", "Id indikator untuk memecah nilai seri, berurutan, dipisah koma. Kosong: semua indikator menurut bobot terbesar. Tanda - saja: nilai seri tidak dipecah."),
    ("masukan", "kategori", "Id kategori tempat angka ini diisi."),
    ("masukan", "id", "Kode masukan, huruf kecil, angka dan garis bawah (mis. posts). Dipakai di rumus dan aturan; tidak boleh months, min atau max."),
    ("masukan", "label", "Pertanyaan yang dilihat petugas."),
    ("masukan", "label_en", "Pertanyaan dalam bahasa Inggris (boleh kosong)."),
    ("masukan", "bantuan", "Petunjuk pengisian: dari mana angka diambil, apa yang dihitung (boleh kosong)."),
    ("masukan", "bantuan_en", "Petunjuk dalam bahasa Inggris (boleh kosong)."),
    ("masukan", "satuan", "Satuan angka, mis. unggahan, jam, % (boleh kosong)."),
    ("masukan", "satuan_en", "Satuan dalam bahasa Inggris (boleh kosong)."),
    ("masukan", "jenis", "bilangan_bulat, bilangan (boleh desimal), ya_tidak atau daftar_periksa (butirnya di lembar butir)."),
    ("masukan", "min", "Nilai terkecil yang boleh diisi (hanya bilangan; boleh kosong)."),
    ("masukan", "maks", "Nilai terbesar yang boleh diisi (hanya bilangan; boleh kosong)."),
    ("masukan", "bukti", "Tautan bukti: wajib, opsional (bawaan) atau tidak_ada."),
    ("masukan", "wajib", "ya (bawaan): tanpa angka ini kategori belum lengkap; tidak: boleh kosong."),
    ("butir", "kategori", "Id kategori masukan daftar periksa."),
    ("butir", "masukan", "Id masukan berjenis daftar_periksa di kategori itu."),
    ("butir", "id", "Kode butir, huruf kecil, angka dan garis bawah."),
    ("butir", "label", "Butir yang dicentang petugas (ya, sebagian, tidak)."),
    ("butir", "label_en", "Butir dalam bahasa Inggris (boleh kosong)."),
    ("butir", "bantuan", "Petunjuk butir (boleh kosong)."),
    ("butir", "bantuan_en", "Petunjuk dalam bahasa Inggris (boleh kosong)."),
    ("indikator", "kategori", "Id kategori indikator ini."),
    ("indikator", "id", "Kode indikator, huruf, angka dan garis bawah (mis. S1)."),
    ("indikator", "label", "Nama indikator."),
    ("indikator", "label_en", "Nama dalam bahasa Inggris (boleh kosong)."),
    ("indikator", "bantuan", "Apa yang mendapat nilai penuh (boleh kosong)."),
    ("indikator", "bantuan_en", "Keterangan dalam bahasa Inggris (boleh kosong)."),
    ("indikator", "bobot", "Bobot indikator (> 0). Jumlah bobot satu kategori harus 100."),
    ("indikator", "rumus", "Nilai indikator: rumus dari id masukan kategori itu dan months (jumlah bulan data), dengan + - * / ( ), min(…) dan max(…); desimal memakai titik. Mis. posts / months."),
    ("indikator", "skala", "Cara nilai menjadi skor 0–100: linear, log, tangga atau persen (nilai itu sendiri)."),
    ("indikator", "skala_min", "Untuk linear dan log: nilai yang mendapat skor 0."),
    ("indikator", "skala_maks", "Untuk linear dan log: nilai yang mendapat skor 100."),
    ("indikator", "arah", "Untuk tangga: makin_tinggi (nilai besar lebih baik) atau makin_rendah."),
    ("indikator", "tangga", "Untuk tangga: pasangan nilai:skor dipisah titik koma, mis. 90:100; 75:80; 50:60."),
    ("indikator", "lainnya", "Untuk tangga: skor bila tidak ada anak tangga yang cocok (bawaan 0)."),
    ("indikator", "syarat", "Id masukan yang harus terisi (bukan 0), dipisah koma; bila tidak, indikator tak terdefinisi (boleh kosong)."),
    ("indikator", "jika_tak_terdefinisi", "Skor bila nilai tak terdefinisi, mis. pembagian dengan nol (0–100, bawaan 0)."),
    ("pemeriksaan", "kategori", "Id kategori pemeriksaan ini."),
    ("pemeriksaan", "aturan", "Aturan kewajaran: dua rumus dengan <=, >=, <, > atau ==, mis. completed <= followed_up."),
    ("pemeriksaan", "pesan", "Pesan untuk petugas bila aturan dilanggar."),
    ("pemeriksaan", "pesan_en", "Pesan dalam bahasa Inggris (boleh kosong)."),
];

/// A small worked example.
pub(crate) const EXAMPLE: &[&str] = &[
    "Contoh",
    "Lembar masukan: kategori media_sosial, id posts, label Jumlah unggahan, jenis bilangan_bulat, min 0.",
    "Lembar indikator: kategori media_sosial, id S1, bobot 40, rumus posts / months, skala tangga, arah makin_tinggi, tangga 30:100; 15:70; 5:40, lainnya 0.",
    "Instansi yang mengisi posts = 200 dengan 10 bulan data mendapat nilai 200 / 10 = 20 unggahan per bulan. Anak tangga terbesar yang dicapai adalah 15, jadi skor S1 = 70, dan S1 menyumbang 40 × 70 / 100 = 28 poin pada skor data kategori.",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::SHEETS;

    #[test]
    fn every_column_is_explained_once() {
        for s in SHEETS {
            for c in s.columns {
                let n = COLUMNS.iter().filter(|(sh, col, _)| *sh == s.name && *col == c.name).count();
                assert_eq!(n, 1, "{}.{}", s.name, c.name);
            }
        }
        let total: usize = SHEETS.iter().map(|s| s.columns.len()).sum();
        assert_eq!(COLUMNS.len(), total, "no explanation of a column that does not exist");
    }
}
