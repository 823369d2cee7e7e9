//! Workbook → rubric file. Every sheet is read row by row into the wire types of the rubric
//! format, each value with the JSON path it becomes, so that the core's validation problems can
//! be traced back to cells (`locate.rs`). A cell that cannot be read is reported at once and its
//! path remembered: a validation problem at that path (or a sum over it) is not reported again.

use crate::cells::{self, blank, Grid, OpenError};
use crate::layout::{self, column_letters, suggest, Kind, SheetDef, KEYS};
use crate::locate::{Loc, Locator};
use crate::{CellProblem, MAX_WORKBOOK_BYTES};
use ampk_core::fmt::plain;
use ampk_core::i18n::Texts;
use ampk_core::problem::{index, join};
use ampk_core::rubric::{
    self, AgencyType, Band, CategoryDef, CheckDef, FinalScore, IndicatorDef, InputDef, ItemDef, Period, Rubric,
    RubricFile, Scale, Status, Step, Text,
};
use ampk_core::{Lang, ProblemCode};
use calamine::Data;
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, BTreeSet};

/// One data row of a sheet: its 0-based row and its cells by column name.
struct Row<'g> {
    sheet: &'static SheetDef,
    row: u32,
    cells: BTreeMap<&'static str, &'g Data>,
}

impl Row<'_> {
    fn value(&self, column: &str) -> Option<&Data> {
        self.cells.get(column).copied().filter(|v| !blank(v))
    }
}

/// A cell that could not be read: the problem's code and message.
type Bad = (ProblemCode, String);

/// The reader's state: the problems so far, the paths already reported and the map from paths
/// to rows and columns.
pub(crate) struct Reader {
    pub lang: Lang,
    t: Texts,
    pub problems: Vec<CellProblem>,
    pub reported: BTreeSet<String>,
    pub loc: Locator,
    /// Required sheets the workbook lacks (reported once, not through their consequences).
    pub missing_sheets: BTreeSet<&'static str>,
}

impl Reader {
    pub(crate) fn new(lang: Lang) -> Self {
        Reader {
            lang,
            t: lang.texts(),
            problems: Vec::new(),
            reported: BTreeSet::new(),
            loc: Locator::default(),
            missing_sheets: BTreeSet::new(),
        }
    }

    /// Adds a problem at `loc`.
    pub(crate) fn push(&mut self, loc: &Loc, code: ProblemCode, message: String) {
        let (row, cell) = self.loc.cell(loc);
        self.problems.push(CellProblem {
            sheet: loc.sheet.to_string(),
            row,
            column: loc.column.map(str::to_string),
            cell,
            code,
            message,
        });
    }

    fn file_problem(&mut self, code: ProblemCode, message: String) {
        self.push(&Loc::file(), code, message);
    }

    /// Reads the cell of `column` in `r` with `read`; a blank cell is `None` (a problem when
    /// `required`), a bad one a problem at the cell. Either way `path` is remembered as reported.
    fn get<T>(
        &mut self,
        r: &Row<'_>,
        column: &'static str,
        path: &str,
        required: bool,
        read: impl FnOnce(Texts, &Data) -> Result<T, Bad>,
    ) -> Option<T> {
        let loc = Loc::at(r.sheet.name, r.row, column);
        let Some(v) = r.value(column) else {
            // A column missing from the header is reported once, at the header.
            let in_header = self.loc.headers.get(r.sheet.name).is_some_and(|h| h.contains_key(column));
            if !in_header {
                self.reported.insert(path.to_string());
            } else if required {
                let msg = self.t.studio_missing_value(column);
                self.push(&loc, ProblemCode::MissingValue, msg);
                self.reported.insert(path.to_string());
            }
            return None;
        };
        match read(self.t, v) {
            Ok(x) => Some(x),
            Err((code, msg)) => {
                self.push(&loc, code, msg);
                self.reported.insert(path.to_string());
                None
            }
        }
    }

    fn text(&mut self, r: &Row<'_>, column: &'static str, path: &str, required: bool) -> Option<String> {
        self.get(r, column, path, required, as_text)
    }

    fn id(&mut self, r: &Row<'_>, column: &'static str, path: &str) -> String {
        self.get(r, column, path, true, |t, v| as_text(t, v).map(|s| s.trim().to_string())).unwrap_or_default()
    }

    /// A text pair (`label` and `label_en`) as a rubric Text; `None` when both are blank.
    fn text_pair(&mut self, r: &Row<'_>, column: &'static str, path: &str, required: bool) -> Option<Text> {
        let id = self.text(r, column, path, required);
        let en_col = r.sheet.column(&format!("{column}_en")).map_or(column, |c| c.name);
        let en = self.text(r, en_col, path, false);
        if id.is_none() && en.is_none() {
            return required.then(Text::default);
        }
        let mut t = Text::default();
        if let Some(id) = id {
            t.0.insert("id".into(), id);
        }
        if let Some(en) = en {
            t.0.insert("en".into(), en);
        }
        Some(t)
    }

    fn number(&mut self, r: &Row<'_>, column: &'static str, path: &str, required: bool) -> Option<f64> {
        self.get(r, column, path, required, as_number)
    }

    fn whole(&mut self, r: &Row<'_>, column: &'static str, path: &str) -> u32 {
        self.get(r, column, path, true, as_whole).unwrap_or(0)
    }

    fn choice<T: DeserializeOwned>(
        &mut self,
        r: &Row<'_>,
        column: &'static str,
        path: &str,
        required: bool,
    ) -> Option<T> {
        let Some(Kind::Choice(words)) = r.sheet.column(column).map(|c| c.kind) else { return None };
        let json = self.get(r, column, path, required, |t, v| as_choice(t, words, v))?;
        let value = match json {
            "true" => serde_json::Value::Bool(true),
            "false" => serde_json::Value::Bool(false),
            word => serde_json::Value::String(word.to_string()),
        };
        serde_json::from_value(value).ok()
    }

    fn list(&mut self, r: &Row<'_>, column: &'static str, path: &str, required: bool) -> Option<Vec<String>> {
        self.get(r, column, path, required, |t, v| {
            as_text(t, v).map(|s| s.split(',').map(str::trim).filter(|x| !x.is_empty()).map(String::from).collect())
        })
    }

    /// Marks a column the row's scale does not use, when it is filled.
    fn unused(&mut self, r: &Row<'_>, columns: &[&'static str], scale: &str, path: &str) {
        for &c in columns {
            if r.value(c).is_some() {
                let msg = self.t.studio_not_for_scale(c, scale);
                self.push(&Loc::at(r.sheet.name, r.row, c), ProblemCode::NotForScale, msg);
                self.reported.insert(path.to_string());
            }
        }
    }
}

/// A cell as text: text as typed, numbers in their shortest form.
fn as_text(t: Texts, v: &Data) -> Result<String, Bad> {
    match v {
        Data::String(s) => Ok(s.clone()),
        Data::Float(f) => Ok(plain(*f)),
        Data::Int(i) => Ok(i.to_string()),
        Data::Bool(b) => Ok(b.to_string()),
        Data::DateTime(_) | Data::DateTimeIso(_) => {
            cells::date(v).ok_or_else(|| (ProblemCode::WrongType, t.studio_not_text().to_string()))
        }
        Data::DurationIso(s) => Ok(s.clone()),
        Data::Error(e) => Err((ProblemCode::CellError, t.studio_cell_error(e))),
        Data::Empty => Ok(String::new()),
    }
}

/// What a cell shows, quoted in messages.
fn shown(v: &Data) -> String {
    let s = match v {
        Data::String(s) => s.clone(),
        other => other.to_string(),
    };
    s.chars().take(60).collect()
}

fn as_number(t: Texts, v: &Data) -> Result<f64, Bad> {
    let n = match v {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        Data::String(s) => cells::parse_number_text(s),
        Data::Error(e) => return Err((ProblemCode::CellError, t.studio_cell_error(e))),
        _ => None,
    };
    n.filter(|x| x.is_finite()).ok_or_else(|| (ProblemCode::NotANumber, t.studio_not_a_number(shown(v))))
}

fn as_whole(t: Texts, v: &Data) -> Result<u32, Bad> {
    let n = as_number(t, v)?;
    if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) {
        Ok(n as u32)
    } else {
        Err((ProblemCode::NotWhole, t.studio_not_whole(shown(v))))
    }
}

fn as_choice(t: Texts, words: &'static [(&'static str, &'static str)], v: &Data) -> Result<&'static str, Bad> {
    let typed = match v {
        Data::Bool(b) => b.to_string(),
        other => as_text(t, other)?,
    };
    layout::choice(words, &typed).ok_or_else(|| {
        let choices = words.iter().map(|(w, _)| *w).collect::<Vec<_>>().join(", ");
        (ProblemCode::BadChoice, t.studio_bad_choice(choices, shown(v)))
    })
}

fn as_date(t: Texts, v: &Data) -> Result<String, Bad> {
    cells::date(v).ok_or_else(|| (ProblemCode::PeriodDate, t.studio_bad_date(shown(v))))
}

/// `at:score` pairs separated by `;` (`90:100; 75:80`); empty pieces are skipped.
fn as_steps(t: Texts, v: &Data) -> Result<Vec<Step>, Bad> {
    let text = as_text(t, v)?;
    let mut steps = Vec::new();
    for piece in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let pair = piece.split_once(':').and_then(|(a, s)| {
            let at = cells::parse_number_text(a)?;
            let score = cells::parse_number_text(s)?;
            Some(Step { at, score })
        });
        match pair {
            Some(step) => steps.push(step),
            None => {
                let piece: String = piece.chars().take(40).collect();
                return Err((ProblemCode::StepsMalformed, t.studio_steps_malformed(piece)));
            }
        }
    }
    Ok(steps)
}

/// Reads a workbook; see [`crate::from_workbook`].
pub(crate) fn from_workbook(bytes: &[u8], lang: Lang) -> Result<(String, Rubric), Vec<CellProblem>> {
    let mut rd = Reader::new(lang);
    if bytes.len() > MAX_WORKBOOK_BYTES {
        let msg = rd.t.file_too_large(MAX_WORKBOOK_BYTES, bytes.len());
        rd.file_problem(ProblemCode::TooLarge, msg);
        return Err(rd.problems);
    }
    let known = |n: &str| layout::SHEETS.iter().any(|s| s.name == n);
    let (names, grids) = match cells::open(bytes, known) {
        Ok(x) => x,
        Err(e) => {
            let msg = match e {
                OpenError::NotAWorkbook(None) => rd.t.studio_not_a_workbook().to_string(),
                OpenError::NotAWorkbook(Some(reason)) => rd.t.studio_not_a_workbook_because(reason),
                OpenError::TooManyCells => rd.t.studio_too_many_cells(cells::MAX_CELLS),
            };
            rd.file_problem(ProblemCode::NotAWorkbook, msg);
            return Err(rd.problems);
        }
    };
    for name in &names {
        if !known(name) && !name.starts_with('_') && name != layout::PETUNJUK {
            let msg = match suggest(name, layout::SHEETS.iter().map(|s| s.name)) {
                Some(s) => rd.t.studio_unknown_sheet_suggest(name, s),
                None => rd
                    .t
                    .studio_unknown_sheet(layout::SHEETS.iter().map(|s| s.name).collect::<Vec<_>>().join(", "), name),
            };
            rd.problems.push(CellProblem {
                sheet: name.clone(),
                row: None,
                column: None,
                cell: None,
                code: ProblemCode::UnknownSheet,
                message: msg,
            });
        }
    }
    let mut rows: BTreeMap<&'static str, Vec<Row<'_>>> = BTreeMap::new();
    for def in layout::SHEETS {
        match grids.iter().find(|g| g.name == def.name) {
            Some(g) => {
                let r = sheet_rows(&mut rd, def, g);
                rows.insert(def.name, r);
            }
            None if layout::sheet_required(def.name) => {
                let msg = rd.t.studio_missing_sheet(def.name);
                rd.push(&Loc::sheet(def.name), ProblemCode::MissingSheet, msg);
                rd.missing_sheets.insert(def.name);
            }
            None => {}
        }
    }
    let mut take = |name: &str| rows.remove(name).unwrap_or_default();
    let (rubrik, types, bands, cats) = (take("rubrik"), take("jenis_instansi"), take("predikat"), take("kategori"));
    let (inputs, items, indicators, checks) = (take("masukan"), take("butir"), take("indikator"), take("pemeriksaan"));
    let mut file = read_rubrik(&mut rd, &rubrik);
    for (i, r) in types.iter().enumerate() {
        let p = index("agency_types", i);
        rd.loc.rows.insert(p.clone(), (r.sheet.name, r.row));
        let id = rd.id(r, "id", &join(&p, "id"));
        let label = rd.text_pair(r, "label", &join(&p, "label"), true).unwrap_or_default();
        file.agency_types.push(AgencyType { id, label });
    }
    for (i, r) in bands.iter().enumerate() {
        let p = index("bands", i);
        rd.loc.rows.insert(p.clone(), (r.sheet.name, r.row));
        let min = rd.number(r, "min", &join(&p, "min"), true).unwrap_or(0.0);
        let label = rd.text_pair(r, "label", &join(&p, "label"), true).unwrap_or_default();
        file.bands.push(Band { min, label });
    }
    read_categories(&mut rd, &mut file, &cats, &inputs, &items, &indicators, &checks);
    finish(rd, file)
}

/// The header and data rows of a sheet; unknown, doubled and missing columns are reported.
fn sheet_rows<'g>(rd: &mut Reader, def: &'static SheetDef, g: &'g Grid) -> Vec<Row<'g>> {
    let mut header: BTreeMap<u32, &'static str> = BTreeMap::new();
    let mut columns = BTreeMap::new();
    for (&(_, col), v) in g.cells.range((0, 0)..(1, 0)) {
        if blank(v) {
            continue;
        }
        let typed = shown(v);
        let cell = Some(format!("{}1", column_letters(col)));
        let (code, msg) = match def.column(&typed) {
            Some(c) if columns.contains_key(c.name) => {
                (ProblemCode::DuplicateColumn, rd.t.studio_duplicate_column(c.name))
            }
            Some(c) => {
                header.insert(col, c.name);
                columns.insert(c.name, col);
                continue;
            }
            None => match suggest(&typed, def.columns.iter().map(|c| c.name)) {
                Some(s) => (ProblemCode::UnknownColumn, rd.t.studio_unknown_column_suggest(&typed, s)),
                None => (
                    ProblemCode::UnknownColumn,
                    rd.t.studio_unknown_column(
                        &typed,
                        def.columns.iter().map(|c| c.name).collect::<Vec<_>>().join(", "),
                    ),
                ),
            },
        };
        rd.problems.push(CellProblem {
            sheet: def.name.into(),
            row: Some(1),
            column: Some(typed),
            cell,
            code,
            message: msg,
        });
    }
    rd.loc.headers.insert(def.name, columns);
    for c in def.columns.iter().filter(|c| c.required) {
        if !header.values().any(|n| *n == c.name) {
            let msg = rd.t.studio_missing_column(c.name);
            rd.push(&Loc { sheet: def.name, row: Some(0), column: Some(c.name) }, ProblemCode::MissingColumn, msg);
        }
    }
    let mut rows: Vec<Row<'g>> = Vec::new();
    let mut filled = BTreeSet::new();
    for (&(r, col), v) in g.cells.range((1, 0)..) {
        if blank(v) {
            continue;
        }
        filled.insert(r);
        if let Some(name) = header.get(&col) {
            match rows.last_mut() {
                Some(last) if last.row == r => {
                    last.cells.insert(name, v);
                }
                _ => rows.push(Row { sheet: def, row: r, cells: BTreeMap::from([(*name, v)]) }),
            }
        }
    }
    // A row filled only in columns that are not known still counts (its values are missing).
    for r in filled {
        if !rows.iter().any(|x| x.row == r) {
            rows.push(Row { sheet: def, row: r, cells: BTreeMap::new() });
        }
    }
    rows.sort_by_key(|r| r.row);
    rows
}

/// The `rubrik` sheet: one row per key.
fn read_rubrik(rd: &mut Reader, rows: &[Row<'_>]) -> RubricFile {
    let mut file = RubricFile {
        format: "ampk-rubric".into(),
        format_version: rubric::FORMAT_VERSION,
        id: String::new(),
        edition: 0,
        status: Status::Model,
        title: Text::default(),
        published_by: None,
        period: Period { start: String::new(), end: String::new() },
        final_score: FinalScore { data_weight: 0.0, jury_weight: 0.0 },
        bands: Vec::new(),
        agency_types: Vec::new(),
        categories: Vec::new(),
    };
    let names = || KEYS.iter().map(|(k, ..)| *k);
    for r in rows {
        let Some(key) = rd.get(r, "kunci", "-", true, |t, v| as_text(t, v).map(|s| s.trim().to_string())) else {
            continue;
        };
        let Some(&(key, kind, _)) = KEYS.iter().find(|(k, ..)| *k == key) else {
            let msg = match suggest(&key, names()) {
                Some(s) => rd.t.studio_unknown_key_suggest(&key, s),
                None => rd.t.studio_unknown_key(&key, names().collect::<Vec<_>>().join(", ")),
            };
            rd.push(&Loc::at("rubrik", r.row, "kunci"), ProblemCode::UnknownKey, msg);
            continue;
        };
        if rd.loc.keys.contains_key(key) {
            let msg = rd.t.studio_duplicate_key(key);
            rd.push(&Loc::at("rubrik", r.row, "kunci"), ProblemCode::DuplicateKey, msg);
            continue;
        }
        rd.loc.keys.insert(key, r.row);
        let path = key_path(key);
        let required = KEYS.iter().any(|(k, _, req)| *k == key && *req);
        let c = "nilai";
        match kind {
            Kind::Whole => file.edition = rd.get(r, c, path, required, as_whole).unwrap_or(0),
            Kind::Number => {
                let n = rd.get(r, c, path, required, as_number).unwrap_or(0.0);
                match key {
                    "bobot_data" => file.final_score.data_weight = n,
                    _ => file.final_score.jury_weight = n,
                }
            }
            Kind::Date => {
                let d = rd.get(r, c, path, required, as_date).unwrap_or_default();
                match key {
                    "periode_mulai" => file.period.start = d,
                    _ => file.period.end = d,
                }
            }
            Kind::Choice(words) => {
                let s = rd.get(r, c, path, required, |t, v| as_choice(t, words, v));
                file.status = s.and_then(|s| serde_json::from_value(s.into()).ok()).unwrap_or(Status::Model);
            }
            _ => {
                let trim = kind == Kind::Id;
                let s =
                    rd.get(r, c, path, required, |t, v| as_text(t, v).map(|s| if trim { s.trim().into() } else { s }));
                match (key, s) {
                    ("id", s) => file.id = s.unwrap_or_default(),
                    ("judul", Some(s)) => _ = file.title.0.insert("id".into(), s),
                    ("judul_en", Some(s)) => _ = file.title.0.insert("en".into(), s),
                    ("diterbitkan_oleh", s) => file.published_by = s,
                    _ => {}
                }
            }
        }
    }
    for &(key, _, required) in KEYS {
        if required && !rd.loc.keys.contains_key(key) {
            let msg = rd.t.studio_missing_key(key);
            rd.push(&Loc { sheet: "rubrik", row: None, column: Some("kunci") }, ProblemCode::MissingKey, msg);
            rd.reported.insert(key_path(key).to_string());
        }
    }
    file
}

/// The JSON path of a `rubrik` key.
pub(crate) fn key_path(key: &str) -> &'static str {
    match key {
        "id" => "id",
        "edisi" => "edition",
        "status" => "status",
        "judul" | "judul_en" => "title",
        "diterbitkan_oleh" => "published_by",
        "periode_mulai" => "period.start",
        "periode_selesai" => "period.end",
        "bobot_data" => "final_score.data_weight",
        _ => "final_score.jury_weight",
    }
}

/// The `rubrik` key of a top-level JSON path (the inverse of [`key_path`]).
pub(crate) fn path_key(path: &str) -> Option<&'static str> {
    Some(match path {
        "id" => "id",
        "edition" => "edisi",
        "status" => "status",
        "title" => "judul",
        "published_by" => "diterbitkan_oleh",
        "period.start" | "period" => "periode_mulai",
        "period.end" => "periode_selesai",
        "final_score.data_weight" | "final_score" => "bobot_data",
        "final_score.jury_weight" => "bobot_juri",
        _ => return None,
    })
}

/// The position of the category named in a row's `kategori` cell; an unknown one is reported.
fn category_of(rd: &mut Reader, r: &Row<'_>, ids: &BTreeMap<String, usize>) -> Option<usize> {
    let id = rd.get(r, "kategori", "-", true, |t, v| as_text(t, v).map(|s| s.trim().to_string()))?;
    let found = ids.get(&id).copied();
    if found.is_none() {
        let msg = rd.t.studio_unknown_category(&id);
        rd.push(&Loc::at(r.sheet.name, r.row, "kategori"), ProblemCode::UnknownCategory, msg);
    }
    found
}

/// Categories and the rows of every sheet that belongs to one.
fn read_categories(
    rd: &mut Reader,
    file: &mut RubricFile,
    cats: &[Row<'_>],
    inputs: &[Row<'_>],
    items: &[Row<'_>],
    indicators: &[Row<'_>],
    checks: &[Row<'_>],
) {
    let mut ids = BTreeMap::new();
    for (i, r) in cats.iter().enumerate() {
        let p = index("categories", i);
        rd.loc.rows.insert(p.clone(), (r.sheet.name, r.row));
        let id = rd.id(r, "id", &join(&p, "id"));
        ids.entry(id.clone()).or_insert(i);
        let label = rd.text_pair(r, "label", &join(&p, "label"), true).unwrap_or_default();
        let description = rd.text_pair(r, "deskripsi", &join(&p, "description"), false);
        let eligible = rd.list(r, "peserta", &join(&p, "eligible"), true).unwrap_or_default();
        let winners = rd.whole(r, "pemenang", &join(&p, "winners"));
        // `-` alone: no tie-break at all (ties stay shared), unlike a blank cell (the default).
        let tie_break = match r.value("penentu_seri") {
            Some(Data::String(s)) if s.trim() == "-" => Some(Vec::new()),
            _ => rd.list(r, "penentu_seri", &join(&p, "tie_break"), false),
        };
        file.categories.push(CategoryDef {
            id,
            label,
            description,
            eligible,
            winners,
            inputs: Vec::new(),
            indicators: Vec::new(),
            checks: Vec::new(),
            tie_break,
        });
    }
    category_rows(rd, file, inputs, &ids, "inputs", |c| c.inputs.len(), read_input, |c, v| c.inputs.push(v));
    for r in items {
        let cat = category_of(rd, r, &ids);
        let input_id = rd.get(r, "masukan", "-", true, |t, v| as_text(t, v).map(|s| s.trim().to_string()));
        let target = match (cat, input_id) {
            (Some(c), Some(id)) => {
                let found = file.categories[c].inputs.iter().position(|i| i.id == id);
                if found.is_none() {
                    let msg = rd.t.studio_unknown_checklist(&file.categories[c].id, &id);
                    rd.push(&Loc::at(r.sheet.name, r.row, "masukan"), ProblemCode::UnknownInput, msg);
                }
                found.map(|j| (c, j))
            }
            _ => None,
        };
        let p = match target {
            Some((c, j)) => {
                let n = file.categories[c].inputs[j].items.as_ref().map_or(0, Vec::len);
                index(&join(&index(&join(&index("categories", c), "inputs"), j), "items"), n)
            }
            None => "-".into(),
        };
        let id = rd.id(r, "id", &join(&p, "id"));
        let label = rd.text_pair(r, "label", &join(&p, "label"), true).unwrap_or_default();
        let help = rd.text_pair(r, "bantuan", &join(&p, "help"), false);
        if let Some((c, j)) = target {
            rd.loc.rows.insert(p, (r.sheet.name, r.row));
            file.categories[c].inputs[j].items.get_or_insert_with(Vec::new).push(ItemDef { id, label, help });
        }
    }
    category_rows(
        rd,
        file,
        indicators,
        &ids,
        "indicators",
        |c| c.indicators.len(),
        read_indicator,
        |c, v| c.indicators.push(v),
    );
    let read_check = |rd: &mut Reader, r: &Row<'_>, p: &str| {
        let rule = rd.text(r, "aturan", &join(p, "rule"), true).unwrap_or_default();
        let message = rd.text_pair(r, "pesan", &join(p, "message"), true).unwrap_or_default();
        CheckDef { rule, message }
    };
    category_rows(rd, file, checks, &ids, "checks", |c| c.checks.len(), read_check, |c, v| c.checks.push(v));
}

/// The rows of a sheet whose elements belong to a category (named in `kategori`): each read
/// with `read` at its JSON path (`categories[c].<member>[n]`) and added to its category. A row
/// naming no known category is read all the same, for its own problems, then dropped.
#[allow(clippy::too_many_arguments)]
fn category_rows<T>(
    rd: &mut Reader,
    file: &mut RubricFile,
    rows: &[Row<'_>],
    ids: &BTreeMap<String, usize>,
    member: &str,
    len: impl Fn(&CategoryDef) -> usize,
    read: impl Fn(&mut Reader, &Row<'_>, &str) -> T,
    add: impl Fn(&mut CategoryDef, T),
) {
    for r in rows {
        let cat = category_of(rd, r, ids);
        let p = match cat {
            Some(c) => index(&join(&index("categories", c), member), len(&file.categories[c])),
            None => "-".into(),
        };
        let v = read(rd, r, &p);
        if let Some(c) = cat {
            rd.loc.rows.insert(p, (r.sheet.name, r.row));
            add(&mut file.categories[c], v);
        }
    }
}

fn read_input(rd: &mut Reader, r: &Row<'_>, p: &str) -> InputDef {
    let id = rd.id(r, "id", &join(p, "id"));
    let label = rd.text_pair(r, "label", &join(p, "label"), true).unwrap_or_default();
    let help = rd.text_pair(r, "bantuan", &join(p, "help"), false);
    let unit = rd.text_pair(r, "satuan", &join(p, "unit"), false);
    let kind = rd.choice(r, "jenis", &join(p, "kind"), true);
    if kind.is_none() {
        // The kind decides which other members apply: without it they are not checked.
        rd.reported.insert(p.to_string());
    }
    InputDef {
        id,
        label,
        help,
        unit,
        kind: kind.unwrap_or(ampk_core::rubric::InputKind::Number),
        min: rd.number(r, "min", &join(p, "min"), false),
        max: rd.number(r, "maks", &join(p, "max"), false),
        items: None,
        evidence: rd.choice(r, "bukti", &join(p, "evidence"), false).unwrap_or_default(),
        required: rd.choice(r, "wajib", &join(p, "required"), false).unwrap_or(true),
    }
}

fn read_indicator(rd: &mut Reader, r: &Row<'_>, p: &str) -> IndicatorDef {
    let id = rd.id(r, "id", &join(p, "id"));
    let label = rd.text_pair(r, "label", &join(p, "label"), true).unwrap_or_default();
    let help = rd.text_pair(r, "bantuan", &join(p, "help"), false);
    let weight = rd.number(r, "bobot", &join(p, "weight"), true).unwrap_or(0.0);
    let value = rd.text(r, "rumus", &join(p, "value"), true).unwrap_or_default();
    let sp = join(p, "scale");
    let kind = rd.get(r, "skala", &sp, true, |t, v| as_choice(t, layout::SCALE, v));
    let scale = match kind {
        Some(k @ ("linear" | "log")) => {
            rd.unused(r, &["arah", "tangga", "lainnya"], layout::word(layout::SCALE, k), &sp);
            let min = rd.number(r, "skala_min", &join(&sp, "min"), true);
            let max = rd.number(r, "skala_maks", &join(&sp, "max"), true);
            let (min, max) = (min.unwrap_or(0.0), max.unwrap_or(1.0));
            if k == "linear" {
                Scale::Linear { min, max }
            } else {
                Scale::Log { min, max }
            }
        }
        Some("bands") => {
            rd.unused(r, &["skala_min", "skala_maks"], "tangga", &sp);
            let direction = rd.choice(r, "arah", &join(&sp, "direction"), true);
            let steps = rd.get(r, "tangga", &join(&sp, "steps"), true, as_steps);
            Scale::Bands {
                direction: direction.unwrap_or(ampk_core::rubric::Direction::Higher),
                steps: steps.unwrap_or_default(),
                otherwise: rd.number(r, "lainnya", &join(&sp, "otherwise"), false).unwrap_or(0.0),
            }
        }
        Some(_) => {
            rd.unused(r, &["skala_min", "skala_maks", "arah", "tangga", "lainnya"], "persen", &sp);
            Scale::Percent
        }
        None => Scale::Percent,
    };
    let requires = rd.list(r, "syarat", &join(p, "requires"), false).unwrap_or_default();
    let when_undefined = rd.number(r, "jika_tak_terdefinisi", &join(p, "when_undefined"), false).unwrap_or(0.0);
    IndicatorDef { id, label, help, weight, value, scale, requires, when_undefined }
}

/// The rubric file's text and the core's validation, its problems traced back to cells.
fn finish(mut rd: Reader, file: RubricFile) -> Result<(String, Rubric), Vec<CellProblem>> {
    let text = match serde_json::to_string_pretty(&file) {
        Ok(t) => t + "\n",
        Err(e) => {
            rd.file_problem(ProblemCode::Structure, e.to_string());
            return Err(rd.problems);
        }
    };
    match rubric::load(text.as_bytes()) {
        Ok(r) if rd.problems.is_empty() => Ok((text, r)),
        Ok(_) => Err(sorted(rd.problems)),
        Err(found) => {
            for p in &found {
                if !crate::locate::already_reported(&rd, &file, p) {
                    crate::locate::report(&mut rd, &file, p);
                }
            }
            // Never an empty list: when every problem looked like the consequence of one
            // already reported but none was, each is reported where it is.
            if rd.problems.is_empty() {
                for p in &found {
                    crate::locate::report(&mut rd, &file, p);
                }
            }
            Err(sorted(rd.problems))
        }
    }
}

/// Problems in reading order: the file's own first, then sheet by sheet in the workbook's
/// layout order, row by row, column by column.
fn sorted(mut problems: Vec<CellProblem>) -> Vec<CellProblem> {
    let sheet = |name: &str| match layout::SHEETS.iter().position(|s| s.name == name) {
        Some(i) => i + 1,
        None if name.is_empty() => 0,
        None => layout::SHEETS.len() + 1,
    };
    let column = |p: &CellProblem| {
        layout::SHEETS
            .iter()
            .find(|s| s.name == p.sheet)
            .and_then(|s| p.column.as_deref().and_then(|c| s.columns.iter().position(|x| x.name == c)))
    };
    problems.sort_by_key(|p| (sheet(&p.sheet), p.row, column(p)));
    problems
}
