//! The core's validation problems, located by JSON paths (`categories[2].indicators[4].weight`),
//! traced back to the cells they come from: the reader remembers the row of every element
//! (`categories[2].indicators[4]` → `indikator` row 7) and each sheet's header, and a member
//! names its column (`weight` → `bobot`).

use crate::layout::column_letters;
use crate::read::{path_key, Reader};
use ampk_core::problem::{index, join, Problem};
use ampk_core::rubric::RubricFile;
use ampk_core::ProblemCode;
use std::collections::BTreeMap;

/// A place in the workbook: a sheet, a 0-based row, a column name. Empty sheet: the file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Loc {
    pub sheet: &'static str,
    pub row: Option<u32>,
    pub column: Option<&'static str>,
}

impl Loc {
    pub(crate) fn file() -> Loc {
        Loc { sheet: "", row: None, column: None }
    }

    pub(crate) fn sheet(sheet: &'static str) -> Loc {
        Loc { sheet, row: None, column: None }
    }

    pub(crate) fn at(sheet: &'static str, row: u32, column: &'static str) -> Loc {
        Loc { sheet, row: Some(row), column: Some(column) }
    }
}

/// Where each element and column of the workbook was read.
#[derive(Debug, Default)]
pub(crate) struct Locator {
    /// Element path (`categories[2].inputs[1]`) → sheet and 0-based row.
    pub rows: BTreeMap<String, (&'static str, u32)>,
    /// `rubrik` key → 0-based row.
    pub keys: BTreeMap<&'static str, u32>,
    /// Sheet → column name → 0-based column index, from the header row.
    pub headers: BTreeMap<&'static str, BTreeMap<&'static str, u32>>,
}

impl Locator {
    /// The row as the spreadsheet shows it and the cell (`F7`) of a place, when known.
    pub(crate) fn cell(&self, loc: &Loc) -> (Option<u32>, Option<String>) {
        let row = loc.row.map(|r| r.saturating_add(1));
        let col = loc.column.and_then(|c| self.headers.get(loc.sheet)?.get(c).copied());
        let cell = match (row, col) {
            (Some(r), Some(c)) => Some(format!("{}{r}", column_letters(c))),
            _ => None,
        };
        (row, cell)
    }

    /// The place of a JSON path.
    pub(crate) fn locate(&self, path: &str) -> Loc {
        let segs = segments(path);
        let mut prefix = String::new();
        let mut found = None;
        for (k, s) in segs.iter().enumerate() {
            prefix = match s {
                Seg::Key(n) => join(&prefix, n),
                Seg::Idx(i) => index(&prefix, *i),
            };
            if let Some(&at) = self.rows.get(&prefix) {
                found = Some((at, k + 1));
            }
        }
        let Some(((sheet, row), used)) = found else { return self.top(path) };
        let mut keys = segs[used..].iter().filter_map(|s| match s {
            Seg::Key(k) => Some(*k),
            Seg::Idx(_) => None,
        });
        let (member, sub) = (keys.next().unwrap_or(""), keys.next().unwrap_or(""));
        Loc { sheet, row: Some(row), column: Some(column(sheet, member, sub)) }
    }

    /// The place of a path outside every row: a `rubrik` key, or a whole sheet.
    fn top(&self, path: &str) -> Loc {
        if let Some(key) = path_key(path) {
            return match self.keys.get(key) {
                Some(&row) => Loc::at("rubrik", row, "nilai"),
                None => Loc { sheet: "rubrik", row: None, column: Some("kunci") },
            };
        }
        match segments(path).first() {
            Some(Seg::Key("bands")) => Loc::sheet("predikat"),
            Some(Seg::Key("agency_types")) => Loc::sheet("jenis_instansi"),
            Some(Seg::Key("categories")) => Loc::sheet("kategori"),
            Some(Seg::Key("title")) => self.top("title"),
            _ => Loc::file(),
        }
    }
}

/// A JSON path's parts.
#[derive(Debug, PartialEq)]
enum Seg<'a> {
    Key(&'a str),
    Idx(usize),
}

fn segments(path: &str) -> Vec<Seg<'_>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (name, rest) = part.split_at(part.find('[').unwrap_or(part.len()));
        if !name.is_empty() {
            out.push(Seg::Key(name));
        }
        for i in rest.split('[').skip(1) {
            match i.trim_end_matches(']').parse() {
                Ok(n) => out.push(Seg::Idx(n)),
                Err(_) => out.push(Seg::Key(i.trim_end_matches(']'))),
            }
        }
    }
    out
}

/// The column of a member (and sub-member, for a scale) in a sheet.
fn column(sheet: &str, member: &str, sub: &str) -> &'static str {
    match (sheet, member) {
        ("predikat", "min") => "min",
        (_, "label") => "label",
        (_, "id") => "id",
        (_, "help") => "bantuan",
        ("kategori", "description") => "deskripsi",
        ("kategori", "eligible") => "peserta",
        ("kategori", "winners") => "pemenang",
        ("kategori", "tie_break") => "penentu_seri",
        ("kategori", _) => "id",
        ("masukan", "unit") => "satuan",
        ("masukan", "min") => "min",
        ("masukan", "max") => "maks",
        ("masukan", "evidence") => "bukti",
        ("masukan", "required") => "wajib",
        ("masukan", _) => "jenis",
        ("indikator", "weight") => "bobot",
        ("indikator", "value") => "rumus",
        ("indikator", "requires") => "syarat",
        ("indikator", "when_undefined") => "jika_tak_terdefinisi",
        ("indikator", "scale") => match sub {
            "max" => "skala_maks",
            "direction" => "arah",
            "steps" => "tangga",
            "otherwise" => "lainnya",
            "type" => "skala",
            _ => "skala_min",
        },
        ("indikator", _) => "id",
        ("pemeriksaan", "message") => "pesan",
        ("pemeriksaan", _) => "aturan",
        (_, _) => "label",
    }
}

/// Whether a validation problem concerns a value already reported as unreadable or missing: at
/// or under its path, or (for a sum or an order over several values) above it; or follows from
/// a missing sheet, or from a category id used twice (whose second category gets no rows).
pub(crate) fn already_reported(rd: &Reader, file: &RubricFile, p: &Problem) -> bool {
    let under = |outer: &str, inner: &str| {
        inner.strip_prefix(outer).is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
    };
    let aggregate = matches!(p.code, ProblemCode::WeightsSum | ProblemCode::FinalWeights | ProblemCode::PeriodOrder);
    if rd.reported.iter().any(|r| r == &p.path || under(r, &p.path) || (aggregate && under(&p.path, r))) {
        return true;
    }
    let missing = |sheet: &str| rd.missing_sheets.contains(sheet);
    let segs = segments(&p.path);
    match (p.code, segs.as_slice()) {
        (ProblemCode::Empty, [Seg::Key(top)]) => missing(match *top {
            "bands" => "predikat",
            "agency_types" => "jenis_instansi",
            _ => "kategori",
        }),
        (ProblemCode::Empty, [Seg::Key("categories"), Seg::Idx(i), Seg::Key(member)]) => {
            let doubled =
                file.categories.iter().take(*i).any(|c| file.categories.get(*i).is_some_and(|d| d.id == c.id));
            doubled || missing(if *member == "inputs" { "masukan" } else { "indikator" })
        }
        (ProblemCode::TieBreakUnknown, _) => missing("indikator"),
        (ProblemCode::UnknownAgencyType, _) => missing("jenis_instansi"),
        (ProblemCode::UnknownIdentifier | ProblemCode::RequiresUnknown, _) => missing("masukan"),
        _ => false,
    }
}

/// Reports a validation problem at its cells.
pub(crate) fn report(rd: &mut Reader, file: &RubricFile, p: &Problem) {
    let t = rd.lang.texts();
    let segs = segments(&p.path);
    let category = match segs.as_slice() {
        [Seg::Key("categories"), Seg::Idx(i), ..] => file.categories.get(*i),
        _ => None,
    };
    match (p.code, segs.as_slice(), category) {
        (ProblemCode::WeightsSum, [_, _, Seg::Key("indicators")], Some(c)) => {
            let locs: Vec<Loc> =
                (0..c.indicators.len()).map(|k| rd.loc.locate(&join(&index(&p.path, k), "weight"))).collect();
            let cells: Vec<String> = locs.iter().filter_map(|l| rd.loc.cell(l).1).collect();
            let msg = t.studio_weights_sum(&c.id, cells.join(", "), p.message(rd.lang));
            let first = locs.first().cloned().unwrap_or_else(|| rd.loc.locate(&p.path));
            rd.push(&first, p.code, msg);
        }
        (ProblemCode::Empty, [_, _, Seg::Key(member)], Some(_)) => {
            let sheet = match *member {
                "inputs" => "masukan",
                "indicators" => "indikator",
                _ => "kategori",
            };
            let msg = t.studio_category_without(sheet);
            let loc = rd.loc.locate(&p.path);
            rd.push(&loc, p.code, msg);
        }
        (ProblemCode::Empty, [Seg::Key(_)], _) => {
            let loc = rd.loc.locate(&p.path);
            rd.push(&loc, p.code, t.studio_sheet_empty().to_string());
        }
        (ProblemCode::TextWithoutId, ..) => {
            let loc = rd.loc.locate(&p.path);
            rd.push(&loc, p.code, t.studio_text_required().to_string());
        }
        _ => {
            let loc = rd.loc.locate(&p.path);
            let msg = p.message(rd.lang).to_string();
            rd.push(&loc, p.code, msg);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_find_their_rows_and_columns() {
        let mut l = Locator::default();
        l.rows.insert("categories[2]".into(), ("kategori", 3));
        l.rows.insert("categories[2].indicators[4]".into(), ("indikator", 6));
        l.rows.insert("categories[2].inputs[0]".into(), ("masukan", 1));
        l.rows.insert("categories[2].inputs[0].items[1]".into(), ("butir", 9));
        l.keys.insert("bobot_data", 8);
        l.headers.insert("indikator", BTreeMap::from([("bobot", 5), ("tangga", 12)]));
        let at = |path: &str| l.locate(path);
        assert_eq!(at("categories[2].indicators[4].weight"), Loc::at("indikator", 6, "bobot"));
        assert_eq!(l.cell(&at("categories[2].indicators[4].weight")), (Some(7), Some("F7".into())));
        assert_eq!(at("categories[2].indicators[4].scale.steps[1].at"), Loc::at("indikator", 6, "tangga"));
        assert_eq!(at("categories[2].indicators[4].requires[0]"), Loc::at("indikator", 6, "syarat"));
        assert_eq!(at("categories[2].inputs[0].items[1].id"), Loc::at("butir", 9, "id"));
        assert_eq!(at("categories[2].inputs[0]"), Loc::at("masukan", 1, "jenis"));
        assert_eq!(at("categories[2].eligible[0]"), Loc::at("kategori", 3, "peserta"));
        assert_eq!(at("final_score"), Loc::at("rubrik", 8, "nilai"));
        assert_eq!(at("period.end"), Loc { sheet: "rubrik", row: None, column: Some("kunci") });
        assert_eq!(at("bands"), Loc::sheet("predikat"));
        assert_eq!(at(""), Loc::file());
    }

    #[test]
    fn reported_values_are_not_reported_twice() {
        let mut rd = Reader::new(ampk_core::Lang::Id);
        rd.reported = std::collections::BTreeSet::from([
            "categories[0].indicators[1].weight".to_string(),
            "period.start".to_string(),
        ]);
        let file = ampk_core::rubric::builtin().file.clone();
        let seen = |rd: &Reader, code, path: &str| already_reported(rd, &file, &Problem::of(code, path, |_| ""));
        assert!(seen(&rd, ProblemCode::WeightPositive, "categories[0].indicators[1].weight"));
        assert!(seen(&rd, ProblemCode::WeightsSum, "categories[0].indicators"));
        assert!(seen(&rd, ProblemCode::PeriodOrder, "period"));
        assert!(!seen(&rd, ProblemCode::Empty, "categories[0].indicators"));
        assert!(!seen(&rd, ProblemCode::WeightsSum, "categories[1].indicators"));
        assert!(!seen(&rd, ProblemCode::IdPattern, "categories[0].indicators[10].id"));
        assert!(!seen(&rd, ProblemCode::TieBreakUnknown, "categories[0].tie_break[0]"));
        rd.missing_sheets.insert("indikator");
        assert!(seen(&rd, ProblemCode::TieBreakUnknown, "categories[0].tie_break[0]"));
        assert!(seen(&rd, ProblemCode::Empty, "categories[0].indicators"));
    }
}
