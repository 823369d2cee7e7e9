//! The workbook's layout (`../shared/spec/rubric-xlsx.md` §1–2): every sheet, its columns and
//! the kind of value each holds, the keys of the `rubrik` sheet and the Indonesian words of the
//! enumerations. One table serves the reader (which columns exist, how a cell is read) and the
//! writer (headers, drop-down lists, widths, text format on id columns).

/// What a column holds, which decides how its cells are read and written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    /// An identifier (text, trimmed; written with the text format).
    Id,
    /// A text in Bahasa Indonesia or English (kept as typed).
    Text,
    /// A number (a number cell, or text with a decimal point or comma).
    Number,
    /// A whole number.
    Whole,
    /// One of a closed list of words.
    Choice(&'static [(&'static str, &'static str)]),
    /// Identifiers separated by commas.
    List,
    /// An expression (rubric-format §5).
    Expr,
    /// `at:score` pairs separated by `;`.
    Steps,
    /// A date cell or `YYYY-MM-DD`.
    Date,
}

/// One column of a sheet.
#[derive(Debug)]
pub(crate) struct Column {
    pub name: &'static str,
    pub kind: Kind,
    /// Whether every row must have a value here.
    pub required: bool,
    /// The width the writer gives it, in characters.
    pub width: f64,
}

/// One sheet: its name and columns, in the order the writer lays them out.
#[derive(Debug)]
pub(crate) struct SheetDef {
    pub name: &'static str,
    pub columns: &'static [Column],
}

impl SheetDef {
    /// The column named `name`.
    pub(crate) fn column(&self, name: &str) -> Option<&'static Column> {
        self.columns.iter().find(|c| c.name == name)
    }
}

/// `status` values: workbook word, JSON word.
pub(crate) const STATUS: &[(&str, &str)] = &[("model", "model"), ("resmi", "official")];
/// `kind` values.
pub(crate) const KIND: &[(&str, &str)] =
    &[("bilangan_bulat", "integer"), ("bilangan", "number"), ("ya_tidak", "boolean"), ("daftar_periksa", "checklist")];
/// `evidence` values.
pub(crate) const EVIDENCE: &[(&str, &str)] = &[("wajib", "required"), ("opsional", "optional"), ("tidak_ada", "none")];
/// `required` values.
pub(crate) const YES_NO: &[(&str, &str)] = &[("ya", "true"), ("tidak", "false")];
/// Scale types.
pub(crate) const SCALE: &[(&str, &str)] =
    &[("linear", "linear"), ("log", "log"), ("tangga", "bands"), ("persen", "percent")];
/// `direction` values.
pub(crate) const DIRECTION: &[(&str, &str)] = &[("makin_tinggi", "higher"), ("makin_rendah", "lower")];

/// The JSON word of a workbook value: the workbook word or the JSON word, case-insensitively.
pub(crate) fn choice(words: &[(&'static str, &'static str)], typed: &str) -> Option<&'static str> {
    let typed = typed.trim();
    words.iter().find(|(w, j)| w.eq_ignore_ascii_case(typed) || j.eq_ignore_ascii_case(typed)).map(|(_, j)| *j)
}

/// The workbook word of a JSON word.
pub(crate) fn word(words: &[(&'static str, &'static str)], json: &str) -> &'static str {
    words.iter().find(|(_, j)| *j == json).map_or("", |(w, _)| *w)
}

const fn col(name: &'static str, kind: Kind, required: bool, width: f64) -> Column {
    Column { name, kind, required, width }
}

/// The sheet of the rule book's own members: one row per key.
pub(crate) const RUBRIK: SheetDef =
    SheetDef { name: "rubrik", columns: &[col("kunci", Kind::Id, true, 20.0), col("nilai", Kind::Text, true, 60.0)] };

/// The keys of the `rubrik` sheet: key, kind of its value, required.
pub(crate) const KEYS: &[(&str, Kind, bool)] = &[
    ("id", Kind::Id, true),
    ("edisi", Kind::Whole, true),
    ("status", Kind::Choice(STATUS), true),
    ("judul", Kind::Text, true),
    ("judul_en", Kind::Text, false),
    ("diterbitkan_oleh", Kind::Text, false),
    ("periode_mulai", Kind::Date, true),
    ("periode_selesai", Kind::Date, true),
    ("bobot_data", Kind::Number, true),
    ("bobot_juri", Kind::Number, true),
];

pub(crate) const JENIS_INSTANSI: SheetDef = SheetDef {
    name: "jenis_instansi",
    columns: &[
        col("id", Kind::Id, true, 16.0),
        col("label", Kind::Text, true, 36.0),
        col("label_en", Kind::Text, false, 36.0),
    ],
};

pub(crate) const PREDIKAT: SheetDef = SheetDef {
    name: "predikat",
    columns: &[
        col("min", Kind::Number, true, 8.0),
        col("label", Kind::Text, true, 24.0),
        col("label_en", Kind::Text, false, 24.0),
    ],
};

pub(crate) const KATEGORI: SheetDef = SheetDef {
    name: "kategori",
    columns: &[
        col("id", Kind::Id, true, 22.0),
        col("label", Kind::Text, true, 30.0),
        col("label_en", Kind::Text, false, 30.0),
        col("deskripsi", Kind::Text, false, 50.0),
        col("deskripsi_en", Kind::Text, false, 50.0),
        col("peserta", Kind::List, true, 20.0),
        col("pemenang", Kind::Whole, true, 10.0),
        col("penentu_seri", Kind::List, false, 20.0),
    ],
};

pub(crate) const MASUKAN: SheetDef = SheetDef {
    name: "masukan",
    columns: &[
        col("kategori", Kind::Id, true, 22.0),
        col("id", Kind::Id, true, 24.0),
        col("label", Kind::Text, true, 40.0),
        col("label_en", Kind::Text, false, 40.0),
        col("bantuan", Kind::Text, false, 50.0),
        col("bantuan_en", Kind::Text, false, 50.0),
        col("satuan", Kind::Text, false, 12.0),
        col("satuan_en", Kind::Text, false, 12.0),
        col("jenis", Kind::Choice(KIND), true, 16.0),
        col("min", Kind::Number, false, 10.0),
        col("maks", Kind::Number, false, 14.0),
        col("bukti", Kind::Choice(EVIDENCE), false, 11.0),
        col("wajib", Kind::Choice(YES_NO), false, 8.0),
    ],
};

pub(crate) const BUTIR: SheetDef = SheetDef {
    name: "butir",
    columns: &[
        col("kategori", Kind::Id, true, 22.0),
        col("masukan", Kind::Id, true, 22.0),
        col("id", Kind::Id, true, 22.0),
        col("label", Kind::Text, true, 40.0),
        col("label_en", Kind::Text, false, 40.0),
        col("bantuan", Kind::Text, false, 50.0),
        col("bantuan_en", Kind::Text, false, 50.0),
    ],
};

pub(crate) const INDIKATOR: SheetDef = SheetDef {
    name: "indikator",
    columns: &[
        col("kategori", Kind::Id, true, 22.0),
        col("id", Kind::Id, true, 8.0),
        col("label", Kind::Text, true, 40.0),
        col("label_en", Kind::Text, false, 40.0),
        col("bantuan", Kind::Text, false, 50.0),
        col("bantuan_en", Kind::Text, false, 50.0),
        col("bobot", Kind::Number, true, 8.0),
        col("rumus", Kind::Expr, true, 40.0),
        col("skala", Kind::Choice(SCALE), true, 10.0),
        col("skala_min", Kind::Number, false, 10.0),
        col("skala_maks", Kind::Number, false, 11.0),
        col("arah", Kind::Choice(DIRECTION), false, 14.0),
        col("tangga", Kind::Steps, false, 30.0),
        col("lainnya", Kind::Number, false, 9.0),
        col("syarat", Kind::List, false, 20.0),
        col("jika_tak_terdefinisi", Kind::Number, false, 20.0),
    ],
};

pub(crate) const PEMERIKSAAN: SheetDef = SheetDef {
    name: "pemeriksaan",
    columns: &[
        col("kategori", Kind::Id, true, 22.0),
        col("aturan", Kind::Expr, true, 40.0),
        col("pesan", Kind::Text, true, 50.0),
        col("pesan_en", Kind::Text, false, 50.0),
    ],
};

/// Every data sheet, in the writer's order.
pub(crate) const SHEETS: &[&SheetDef] =
    &[&RUBRIK, &JENIS_INSTANSI, &PREDIKAT, &KATEGORI, &MASUKAN, &BUTIR, &INDIKATOR, &PEMERIKSAAN];

/// The instructions sheet, ignored when reading.
pub(crate) const PETUNJUK: &str = "petunjuk";

/// Sheets a workbook must have (`butir` and `pemeriksaan` may be left out when empty).
pub(crate) fn sheet_required(name: &str) -> bool {
    !matches!(name, "butir" | "pemeriksaan")
}

/// The column letters of a 0-based column index: 0 → `A`, 26 → `AA`.
pub(crate) fn column_letters(mut index: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Levenshtein distance over characters, for suggestions.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The known name closest to `typed` (compared trimmed and in lower case), when it is close
/// enough to be a typo: at most a third of its length away, and at most 3 edits.
pub(crate) fn suggest<'a>(typed: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let t = typed.trim().to_lowercase().replace([' ', '-'], "_");
    let t: String = t.chars().take(64).collect();
    known
        .into_iter()
        .map(|k| (distance(&t, k), k))
        .filter(|(d, k)| *d <= 3 && *d * 3 <= k.chars().count().max(3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_suggestions() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(5), "F");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
        let sheets = SHEETS.iter().map(|s| s.name);
        assert_eq!(suggest("Indikator ", sheets.clone()), Some("indikator"));
        assert_eq!(suggest("indikators", sheets.clone()), Some("indikator"));
        assert_eq!(suggest("Jenis Instansi", sheets.clone()), Some("jenis_instansi"));
        assert_eq!(suggest("ringkasan", sheets), None);
        assert_eq!(suggest("bobt", INDIKATOR.columns.iter().map(|c| c.name)), Some("bobot"));
        assert_eq!(choice(KIND, " Daftar_Periksa "), Some("checklist"));
        assert_eq!(choice(KIND, "CHECKLIST"), Some("checklist"));
        assert_eq!(choice(SCALE, "bands"), Some("bands"));
        assert_eq!(choice(SCALE, "steps"), None);
        assert_eq!(word(EVIDENCE, "none"), "tidak_ada");
    }
}
