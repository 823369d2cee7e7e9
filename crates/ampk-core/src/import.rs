//! The coordinator's import pipeline (submission-format §4): every file ends in exactly one of
//! accepted, accepted with warnings, superseded or rejected, with its reasons; then duplicates
//! are resolved and each category is ranked (rubric-format §7), with jury marks when given.
//!
//! Assessing a file ([`assess`]) is the expensive, per-file part; [`resolve`] (duplicates and
//! rankings) is cheap, so a UI can assess files in chunks and resolve after every chunk.

use crate::i18n::Texts;
use crate::problem::{Lang, Problem, ProblemCode};
use crate::rank::{name_key, rank, RankEntry};
use crate::rubric::Rubric;
use crate::submission::{self, timestamp_key, Checked, Read};
use crate::util::round2;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// The final state of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "exact-json", derive(serde::Deserialize))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Eligible for ranking, nothing to note.
    Accepted,
    /// Eligible for ranking, with notes for the coordinator.
    AcceptedWithWarnings,
    /// Replaced by a more recent file of the same submission or agency.
    Superseded,
    /// Not eligible for ranking.
    Rejected,
}

impl Status {
    /// The machine name used in files and UI hooks.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Accepted => "accepted",
            Status::AcceptedWithWarnings => "accepted_with_warnings",
            Status::Superseded => "superseded",
            Status::Rejected => "rejected",
        }
    }

    /// The label shown to the coordinator ("diterima dengan catatan").
    pub fn label(self, lang: Lang) -> &'static str {
        let t = lang.texts();
        match self {
            Status::Accepted => t.status_accepted(),
            Status::AcceptedWithWarnings => t.status_accepted_with_warnings(),
            Status::Superseded => t.status_superseded(),
            Status::Rejected => t.status_rejected(),
        }
    }
}

/// One imported file and what became of it.
#[derive(Debug, Clone, PartialEq)]
pub struct FileReport {
    /// The file name as given.
    pub file: String,
    /// Its final state.
    pub status: Status,
    /// Why: errors, warnings and duplicate notes.
    pub reasons: Vec<Problem>,
    /// The document, when it could be read (its raw `value` is dropped after checking; the
    /// typed `wire` form stays).
    pub read: Option<Read>,
    /// The rubric checks and fresh scores, when it could be read.
    pub checked: Option<Checked>,
    /// Digest of the content without `exported_at`, `integrity` and `computed`.
    content_key: Option<String>,
}

impl FileReport {
    /// The agency name, when readable.
    pub fn agency(&self) -> Option<&str> {
        self.read.as_ref().map(|r| r.wire.agency.name.as_str())
    }

    /// The agency type, when readable.
    pub fn agency_type(&self) -> Option<&str> {
        self.read.as_ref().map(|r| r.wire.agency.agency_type.as_str())
    }

    /// The submission id, when readable.
    pub fn submission_id(&self) -> Option<&str> {
        self.read.as_ref().map(|r| r.wire.submission_id.as_str())
    }

    /// Drops what only a submission's details show (its evidence links, notes and embedded
    /// scores) and, unless `keep_figures` (a review is to be applied), its figures, keeping
    /// everything statuses, reasons, duplicates, rankings, reports and exports need: how
    /// `ampk rank` holds a batch of thousands of files in little memory. The categories entered
    /// stay listed.
    pub fn lighten(&mut self, keep_figures: bool) {
        if let Some(r) = &mut self.read {
            r.wire.computed = BTreeMap::new();
            for e in r.wire.categories.values_mut() {
                e.evidence = BTreeMap::new();
                e.note = None;
                if !keep_figures {
                    e.inputs = BTreeMap::new();
                }
            }
        }
    }

    fn eligible(&self) -> bool {
        self.checked.as_ref().is_some_and(Checked::eligible)
    }

    /// The revision (1 for a version 1 file; 0 when unreadable).
    pub fn revision(&self) -> u32 {
        self.read.as_ref().map_or(0, |r| r.revision)
    }

    /// Which file of a submission wins: the highest revision, then the latest export, then the name.
    fn recency(&self) -> (u32, Option<submission::Timestamp>, &str) {
        (self.revision(), self.read.as_ref().and_then(|r| timestamp_key(&r.wire.exported_at)), self.file.as_str())
    }
}

/// A file's report as the coordinator's workers hand it to the page: [`FileReport`] without the
/// reasons a checked file repeats from its checks (its errors, then its warnings), problem codes
/// by their place ([`crate::problem::by_index`]). Only with `exact-json`, whose numbers read
/// back exactly.
#[cfg(feature = "exact-json")]
#[derive(Serialize, serde::Deserialize)]
struct Sent {
    file: String,
    status: Status,
    #[serde(default, with = "crate::problem::by_index")]
    reasons: Vec<Problem>,
    read: Option<Read>,
    checked: Option<Checked>,
    content_key: Option<String>,
}

#[cfg(feature = "exact-json")]
impl FileReport {
    /// The report as JSON, for [`FileReport::from_json`] in another module built from the same
    /// code (a worker that assesses files for the page).
    pub fn to_json(&self) -> String {
        let repeated = self.checked.as_ref().is_some_and(|c| {
            self.reasons.len() == c.errors.len() + c.warnings.len()
                && self.reasons.iter().eq(c.errors.iter().chain(&c.warnings))
        });
        let sent = Sent {
            file: self.file.clone(),
            status: self.status,
            reasons: if repeated { Vec::new() } else { self.reasons.clone() },
            read: self.read.clone(),
            checked: self.checked.clone(),
            content_key: self.content_key.clone(),
        };
        serde_json::to_string(&sent).expect("reports serialise")
    }

    /// The report [`FileReport::to_json`] wrote (`None` when the text is no such report).
    pub fn from_json(text: &str) -> Option<FileReport> {
        let mut sent: Sent = serde_json::from_str(text).ok()?;
        if let (true, Some(c)) = (sent.reasons.is_empty(), &sent.checked) {
            sent.reasons = c.errors.iter().chain(&c.warnings).cloned().collect();
        }
        Some(FileReport {
            file: sent.file,
            status: sent.status,
            reasons: sent.reasons,
            read: sent.read,
            checked: sent.checked,
            content_key: sent.content_key,
        })
    }
}

/// Reads and checks one file (import steps 1–5).
pub fn assess(rubric: &Rubric, file: &str, bytes: &[u8]) -> FileReport {
    let read = match submission::read(bytes) {
        Ok(r) => r,
        Err(reasons) => {
            return FileReport {
                file: file.to_string(),
                status: Status::Rejected,
                reasons,
                read: None,
                checked: None,
                content_key: None,
            }
        }
    };
    let checked = submission::check(rubric, &read);
    let status = if !checked.eligible() {
        Status::Rejected
    } else if checked.warnings.is_empty() {
        Status::Accepted
    } else {
        Status::AcceptedWithWarnings
    };
    let mut reasons = checked.errors.clone();
    reasons.extend(checked.warnings.iter().cloned());
    let mut read = read;
    // The document itself is no longer needed once checked: keep its typed form only, so a
    // batch of thousands of files stays small in memory.
    read.value = Value::Null;
    let content_key = Some(std::mem::take(&mut read.content_key));
    FileReport { file: file.to_string(), status, reasons, read: Some(read), checked: Some(checked), content_key }
}

/// A file refused unread because of its size (import step 1).
pub fn too_large(file: &str, len: u64) -> FileReport {
    let max = submission::MAX_BYTES;
    FileReport {
        file: file.to_string(),
        status: Status::Rejected,
        reasons: vec![Problem::of(ProblemCode::TooLarge, "", |t| t.file_too_large_unread(max, len))],
        read: None,
        checked: None,
        content_key: None,
    }
}

/// A file that could not be read at all (permissions, a broken link): rejected, with the
/// system's reason, so one bad file never stops the batch.
pub fn unreadable(file: &str, reason: &str) -> FileReport {
    FileReport {
        file: file.to_string(),
        status: Status::Rejected,
        reasons: vec![Problem::of(ProblemCode::Unreadable, "", |t| t.unreadable(reason))],
        read: None,
        checked: None,
        content_key: None,
    }
}

/// Jury marks: (category id, agency name key) → mark 0–100. See [`name_key`].
pub type JuryMarks = BTreeMap<(String, String), f64>;

/// One place in a category ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Index into [`ImportReport::files`].
    pub file: usize,
    /// Index into that file's `checked.cards`.
    pub card: usize,
    /// Competition rank (on the final score when the category is ranked by it).
    pub rank: u32,
    /// Competition rank on the data score alone (equal to `rank` unless ranked by final score),
    /// so the data ranking can be shown beside the final one.
    pub data_rank: u32,
    /// Among the category's winners.
    pub winner: bool,
    /// Rounded data score.
    pub data_score: f64,
    /// The jury's mark, when given.
    pub jury: Option<f64>,
    /// Rounded final score, when a jury mark is given.
    pub final_score: Option<f64>,
}

/// The ranking of one category.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryRanking {
    /// Category index in the rubric.
    pub category: usize,
    /// Whether ranked by final score (every entry has a jury mark) rather than data score.
    pub by_final: bool,
    /// Best first.
    pub rows: Vec<Row>,
}

/// The outcome of an import.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportReport {
    /// Every file, in the order given.
    pub files: Vec<FileReport>,
    /// Every category of the rubric, in rubric order.
    pub categories: Vec<CategoryRanking>,
    /// Jury marks that matched no ranked entry: (category id, agency name as given).
    pub unmatched_jury: Vec<(String, String)>,
}

/// Runs the whole pipeline over named files.
pub fn import(rubric: &Rubric, files: &[(String, Vec<u8>)], jury: &JuryMarks) -> ImportReport {
    let assessed = files.iter().map(|(name, bytes)| assess(rubric, name, bytes)).collect();
    resolve(rubric, assessed, jury)
}

/// Marks `f` superseded, with the reason `msg` (which names the file kept).
fn supersede(f: &mut FileReport, code: ProblemCode, msg: impl Fn(Texts) -> String) {
    f.status = Status::Superseded;
    f.reasons.push(Problem::of(code, "", msg));
}

/// Resolves duplicates (step 6) and ranks every category.
pub fn resolve(rubric: &Rubric, files: Vec<FileReport>, jury: &JuryMarks) -> ImportReport {
    let mut resolving = Resolving::new(files);
    while !resolving.step(rubric, jury) {}
    resolving.finish(jury)
}

/// [`resolve`] a step at a time, so that a big batch's resolution can be spread over several
/// tasks (the coordinator's page): the duplicates first (files of one submission, then
/// submissions of one agency), then one category's ranking per step. The outcome is `resolve`'s.
#[derive(Debug)]
pub struct Resolving {
    files: Vec<FileReport>,
    /// The newest file of each submission, once files of one submission are resolved.
    survivors: Option<Vec<usize>>,
    /// Whether the duplicates are resolved (submissions of one agency too).
    resolved: bool,
    /// The categories ranked so far, in rubric order.
    categories: Vec<CategoryRanking>,
    /// Which jury marks (in key order) matched a ranked entry so far.
    used: Vec<bool>,
}

impl Resolving {
    /// The files to resolve, as [`resolve`] takes them.
    pub fn new(files: Vec<FileReport>) -> Resolving {
        Resolving { files, survivors: None, resolved: false, categories: Vec::new(), used: Vec::new() }
    }

    /// Does the next step (with the same `rubric` and `jury` each time); `true` once every step
    /// is done.
    pub fn step(&mut self, rubric: &Rubric, jury: &JuryMarks) -> bool {
        if self.survivors.is_none() {
            self.survivors = Some(supersede_same_submission(&mut self.files));
        } else if !self.resolved {
            supersede_same_agency(&mut self.files, self.survivors.as_deref().unwrap_or_default());
            self.resolved = true;
            self.used = vec![false; jury.len()];
        } else if self.categories.len() < rubric.file.categories.len() {
            let cat = self.categories.len();
            self.categories.push(rank_category(rubric, &self.files, jury, cat, &mut self.used));
        }
        self.resolved && self.categories.len() == rubric.file.categories.len()
    }

    /// The report, once [`Resolving::step`] said every step is done.
    pub fn finish(self, jury: &JuryMarks) -> ImportReport {
        let unmatched_jury = jury.keys().zip(&self.used).filter(|(_, u)| !**u).map(|(k, _)| k.clone()).collect();
        ImportReport { files: self.files, categories: self.categories, unmatched_jury }
    }
}

/// Files in the order they win among one submission's or one agency's: newest first.
fn newest_first(files: &[FileReport], group: &mut [usize]) {
    if group.len() > 1 {
        group.sort_by(|&a, &b| files[b].recency().cmp(&files[a].recency()));
    }
}

/// Marks the files a newer one of the same submission replaces (step 6, first half), and gives
/// the newest file of each submission, in submission-id order.
fn supersede_same_submission(files: &mut [FileReport]) -> Vec<usize> {
    // Resolution starts afresh each time, so adding files later follows the same rules.
    for f in files.iter_mut() {
        if f.status == Status::Superseded {
            f.reasons.retain(|r| {
                !matches!(
                    r.code,
                    ProblemCode::SupersededSameId
                        | ProblemCode::SupersededRevision
                        | ProblemCode::SupersededSameAgency
                        | ProblemCode::DuplicateIdentical
                )
            });
            f.status = if f.checked.as_ref().is_some_and(|c| c.warnings.is_empty()) {
                Status::Accepted
            } else {
                Status::AcceptedWithWarnings
            };
        }
    }
    let mut by_id: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, f) in files.iter().enumerate().filter(|(_, f)| f.eligible()) {
        by_id.entry(f.submission_id().unwrap_or_default().to_string()).or_default().push(i);
    }
    let mut survivors = Vec::new();
    for group in by_id.values_mut() {
        newest_first(files, group);
        let keep = group[0];
        survivors.push(keep);
        let (keep_name, keep_key) = (files[keep].file.clone(), files[keep].content_key.clone());
        let keep_revision = files[keep].revision();
        for &other in &group[1..] {
            if files[other].content_key == keep_key {
                supersede(&mut files[other], ProblemCode::DuplicateIdentical, |t| t.duplicate_identical(&keep_name));
            } else if files[other].revision() < keep_revision {
                supersede(&mut files[other], ProblemCode::SupersededRevision, |t| {
                    t.superseded_revision(&keep_name, keep_revision)
                });
            } else {
                supersede(&mut files[other], ProblemCode::SupersededSameId, |t| t.superseded_same_id(&keep_name));
            }
        }
    }
    survivors
}

/// Marks the newest files of submissions that a newer submission of the same agency replaces
/// (step 6, second half); `survivors` as [`supersede_same_submission`] gave them.
fn supersede_same_agency(files: &mut [FileReport], survivors: &[usize]) {
    let mut by_agency: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for &i in survivors {
        let key =
            (files[i].agency_type().unwrap_or_default().to_string(), name_key(files[i].agency().unwrap_or_default()));
        by_agency.entry(key).or_default().push(i);
    }
    for group in by_agency.values_mut() {
        newest_first(files, group);
        let keep_name = files[group[0]].file.clone();
        for &other in &group[1..] {
            supersede(&mut files[other], ProblemCode::SupersededSameAgency, |t| t.superseded_same_agency(&keep_name));
        }
    }
}

/// The ranking of category `cat`; `used` marks the jury marks (in key order) it matched.
fn rank_category(
    rubric: &Rubric,
    files: &[FileReport],
    jury: &JuryMarks,
    cat: usize,
    used: &mut [bool],
) -> CategoryRanking {
    let cat_id = &rubric.file.categories[cat].id;
    let mut entries = Vec::new();
    for (fi, f) in files.iter().enumerate() {
        if !matches!(f.status, Status::Accepted | Status::AcceptedWithWarnings) {
            continue;
        }
        let Some(checked) = &f.checked else { continue };
        if let Some(ci) = checked.cards.iter().position(|c| c.category == cat) {
            // Without jury marks there is nothing to look up (and no key to build).
            let mark = if jury.is_empty() {
                None
            } else {
                let key = (cat_id.clone(), name_key(f.agency().unwrap_or_default()));
                if let Some(k) = jury.keys().position(|k| *k == key) {
                    used[k] = true;
                }
                jury.get(&key).copied()
            };
            entries.push((fi, ci, mark));
        }
    }
    let by_final = !entries.is_empty() && entries.iter().all(|e| e.2.is_some());
    let rank_entries: Vec<RankEntry> = entries
        .iter()
        .map(|&(fi, ci, mark)| {
            let card = &files[fi].checked.as_ref().expect("ranked files are checked").cards[ci];
            RankEntry::from_card(rubric, card, files[fi].agency().unwrap_or_default(), mark.filter(|_| by_final))
        })
        .collect();
    let winners = rubric.file.categories[cat].winners;
    let mut data_ranks = vec![0u32; entries.len()];
    let places = rank(&rank_entries, winners);
    if by_final {
        let data_entries: Vec<RankEntry> = entries
            .iter()
            .map(|&(fi, ci, _)| {
                let card = &files[fi].checked.as_ref().expect("ranked files are checked").cards[ci];
                RankEntry::from_card(rubric, card, files[fi].agency().unwrap_or_default(), None)
            })
            .collect();
        for p in rank(&data_entries, winners) {
            data_ranks[p.entry] = p.rank;
        }
    } else {
        // Ranked by the data score already: the same entries, the same ranks.
        for p in &places {
            data_ranks[p.entry] = p.rank;
        }
    }
    let rows = places
        .into_iter()
        .map(|p| {
            let (fi, ci, mark) = entries[p.entry];
            let data_rank = data_ranks[p.entry];
            let card = &files[fi].checked.as_ref().expect("ranked files are checked").cards[ci];
            Row {
                file: fi,
                card: ci,
                rank: p.rank,
                data_rank,
                winner: p.winner,
                data_score: card.rounded(),
                jury: mark,
                final_score: mark.map(|m| round2(card.final_score(rubric, m))),
            }
        })
        .collect();
    CategoryRanking { category: cat, by_final, rows }
}

/// The machine-readable report (`ampk rank --json`, and the coordinator's JSON export).
///
/// # Format
///
/// `{"rubric": {"id", "sha256", "edition"}, "files": [{"file", "status", "agency", "agency_type",
/// "submission_id", "reasons": [{"code", "path", "message"}]}], "categories": [{"id", "label",
/// "ranked_by": "data_score"|"final_score", "ranking": [{"rank", "agency", "agency_type", "file",
/// "data_rank", "data_score", "jury_score", "final_score", "predicate", "winner", "indicators": {id: score}}]}],
/// "unmatched_jury": [{"category", "agency"}]}`. Scores are rounded to 2 decimals; `null` where
/// absent; categories in rubric order; a category with no accepted submission has an empty ranking.
pub fn report_json(rubric: &Rubric, report: &ImportReport, lang: Lang) -> Value {
    serde_json::to_value(Report { rubric, report, lang }).expect("the report serialises")
}

/// Writes [`report_json`]'s document pretty-printed, as `serde_json::to_string_pretty` of it
/// would, followed by a newline, without building it in memory first (a batch of 10,000 files
/// makes a report of tens of megabytes).
pub fn write_report_json(
    out: impl std::io::Write,
    rubric: &Rubric,
    report: &ImportReport,
    lang: Lang,
) -> std::io::Result<()> {
    let mut ser = serde_json::Serializer::pretty(out);
    Report { rubric, report, lang }.serialize(&mut ser).map_err(std::io::Error::other)?;
    ser.into_inner().write_all(b"\n")
}

/// A sequence or map made on demand from a closure, so the report is written as it is walked.
struct Lazy<F>(F);

impl<F: Fn() -> I, I: Iterator<Item = T>, T: Serialize> Serialize for Lazy<F> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// The same for the members of an object.
struct LazyMap<F>(F);

impl<F: Fn() -> I, I: Iterator<Item = (K, V)>, K: Serialize, V: Serialize> Serialize for LazyMap<F> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map((self.0)())
    }
}

/// The report's document; its members are written in the order of the fields below.
struct Report<'a> {
    rubric: &'a Rubric,
    report: &'a ImportReport,
    lang: Lang,
}

#[derive(Serialize)]
struct RubricOut<'a> {
    id: &'a str,
    edition: u32,
    sha256: &'a str,
}

#[derive(Serialize)]
struct FileOut<'a, R: Serialize> {
    file: &'a str,
    status: &'a str,
    agency: Option<&'a str>,
    agency_type: Option<&'a str>,
    submission_id: Option<&'a str>,
    reasons: R,
}

#[derive(Serialize)]
struct ReasonOut<'a> {
    code: ProblemCode,
    path: Option<&'a str>,
    message: &'a str,
}

#[derive(Serialize)]
struct CategoryOut<'a, R: Serialize> {
    id: &'a str,
    label: &'a str,
    ranked_by: &'a str,
    ranking: R,
}

#[derive(Serialize)]
struct RowOut<'a, I: Serialize> {
    rank: u32,
    data_rank: u32,
    agency: Option<&'a str>,
    agency_type: Option<&'a str>,
    file: &'a str,
    data_score: f64,
    jury_score: Option<f64>,
    final_score: Option<f64>,
    predicate: &'a str,
    winner: bool,
    indicators: I,
}

#[derive(Serialize)]
struct JuryOut<'a> {
    category: &'a str,
    agency: &'a str,
}

impl Serialize for Report<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (rubric, report, lang) = (self.rubric, self.report, self.lang);
        let files = Lazy(|| {
            report.files.iter().map(move |f| FileOut {
                file: &f.file,
                status: f.status.as_str(),
                agency: f.agency(),
                agency_type: f.agency_type(),
                submission_id: f.submission_id(),
                reasons: Lazy(move || {
                    f.reasons.iter().map(move |r| ReasonOut {
                        code: r.code,
                        path: Some(r.path.as_str()).filter(|p| !p.is_empty()),
                        message: r.message(lang),
                    })
                }),
            })
        });
        let categories = Lazy(|| {
            report.categories.iter().map(move |c| {
                let def = &rubric.file.categories[c.category];
                CategoryOut {
                    id: &def.id,
                    label: def.label.get(lang),
                    ranked_by: if c.by_final { "final_score" } else { "data_score" },
                    ranking: Lazy(move || {
                        c.rows.iter().map(move |row| {
                            let f = &report.files[row.file];
                            let card = &f.checked.as_ref().expect("ranked files are checked").cards[row.card];
                            RowOut {
                                rank: row.rank,
                                data_rank: row.data_rank,
                                agency: f.agency(),
                                agency_type: f.agency_type(),
                                file: &f.file,
                                data_score: row.data_score,
                                jury_score: row.jury,
                                final_score: row.final_score,
                                predicate: card.predicate(rubric, lang),
                                winner: row.winner,
                                indicators: LazyMap(move || card.rounded_indicators(rubric)),
                            }
                        })
                    }),
                }
            })
        });
        let unmatched = Lazy(|| report.unmatched_jury.iter().map(|(c, a)| JuryOut { category: c, agency: a }));
        let mut m = s.serialize_struct("Report", 4)?;
        m.serialize_field(
            "rubric",
            &RubricOut { id: &rubric.file.id, edition: rubric.file.edition, sha256: &rubric.sha256 },
        )?;
        m.serialize_field("files", &files)?;
        m.serialize_field("categories", &categories)?;
        m.serialize_field("unmatched_jury", &unmatched)?;
        m.end()
    }
}

/// Counts of files per status, in status order.
pub fn status_counts(report: &ImportReport) -> BTreeMap<Status, usize> {
    let mut out = BTreeMap::new();
    for f in &report.files {
        *out.entry(f.status).or_insert(0) += 1;
    }
    out
}

/// A file's reasons of one kind, as the status table and the CLI's report show them: one line
/// with a count, and each reason (its place named by category label) behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReasonGroup<'a> {
    pub code: ProblemCode,
    /// "30 bukti wajib belum dilampirkan (Media Sosial OPD: 9, Website: 9, …)", or the one
    /// reason's own line.
    pub headline: String,
    /// The reasons, in the file's order.
    pub reasons: Vec<&'a Problem>,
}

/// The rubric category a problem's JSON path is in (`categories.<id>…`, `computed.<id>…`).
pub fn category_of<'r>(rubric: &'r Rubric, path: &str) -> Option<&'r crate::rubric::CategoryDef> {
    let rest = path.strip_prefix("categories.").or_else(|| path.strip_prefix("computed."))?;
    let id = rest.split(['.', '[']).next()?;
    rubric.category_index(id).map(|c| &rubric.file.categories[c])
}

/// A reason as a person reads it: its message, after the label of the category it is in.
pub fn located(rubric: &Rubric, p: &Problem, lang: Lang) -> String {
    match category_of(rubric, &p.path) {
        Some(def) => format!("{} — {}", def.label.get(lang), p.message(lang)),
        None => p.message(lang).to_string(),
    }
}

/// A file's reasons grouped by kind (code), in the order each kind first appears: a single
/// reason keeps its own line ([`located`]); several of a kind make one line with their count
/// and how many are in each category.
pub fn group_reasons<'a>(rubric: &Rubric, reasons: &'a [Problem], lang: Lang) -> Vec<ReasonGroup<'a>> {
    let t = lang.texts();
    let mut groups: Vec<ReasonGroup<'a>> = Vec::new();
    for p in reasons {
        match groups.iter_mut().find(|g| g.code == p.code) {
            Some(g) => g.reasons.push(p),
            None => groups.push(ReasonGroup { code: p.code, headline: String::new(), reasons: vec![p] }),
        }
    }
    for g in &mut groups {
        g.headline = match g.reasons.as_slice() {
            [one] => located(rubric, one, lang),
            many => {
                let mut per: Vec<(&str, usize)> = Vec::new();
                for p in many {
                    if let Some(def) = category_of(rubric, &p.path) {
                        let label = def.label.get(lang);
                        match per.iter_mut().find(|(l, _)| *l == label) {
                            Some((_, n)) => *n += 1,
                            None => per.push((label, 1)),
                        }
                    }
                }
                let kind = match g.code {
                    ProblemCode::EvidenceMissing => t.reasons_evidence_missing().to_string(),
                    ProblemCode::MissingInput | ProblemCode::MissingMember => t.reasons_missing().to_string(),
                    ProblemCode::ComputedDiffers => t.reasons_computed_differs().to_string(),
                    ProblemCode::CheckFailed => t.reasons_check_failed().to_string(),
                    ProblemCode::AboveMax | ProblemCode::BelowMin | ProblemCode::OutOfRange => {
                        t.reasons_out_of_range().to_string()
                    }
                    ProblemCode::BadUrl => t.reasons_bad_url().to_string(),
                    other => t.reasons_other(other.as_str()),
                };
                let breakdown: Vec<String> = per.iter().map(|(l, n)| format!("{l}: {n}")).collect();
                if breakdown.is_empty() {
                    t.reasons_many(many.len(), kind)
                } else {
                    t.reasons_many_in(breakdown.join(", "), many.len(), kind)
                }
            }
        };
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::example::{example, EXAMPLE_EXPORTED_AT};
    use crate::fmt::slug;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn file(name: &str, agency: &str, id: &str, posts: f64) -> (String, Vec<u8>) {
        let r = crate::rubric::builtin();
        let mut s = example(r, "opd").expect("opd example");
        s.agency.name = agency.into();
        s.submission_id = id.into();
        s.categories.retain(|k, _| k == "media_sosial_opd");
        let e = s.categories.get_mut("media_sosial_opd").expect("category");
        e.inputs.insert("posts".into(), crate::score::InputValue::Number(posts));
        (name.into(), crate::submission::write(r, &s, EXAMPLE_EXPORTED_AT).into_bytes())
    }

    /// The example of an agency type with no evidence link at all, as a file's text.
    fn without_evidence(agency_type: &str) -> String {
        let r = crate::rubric::builtin();
        let mut s = example(r, agency_type).expect("an example");
        s.categories.values_mut().for_each(|e| e.evidence.clear());
        crate::submission::write(r, &s, EXAMPLE_EXPORTED_AT)
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn resolving_takes_the_duplicates_in_two_steps_then_a_category_per_step() {
        let r = crate::rubric::builtin();
        let files = [
            file("a.json", "Dinas A", "7c9e6679-7425-40de-944b-e07fc1f90ae7", 600.0),
            file("b.json", "Dinas B", "16fd2706-8baf-433b-82eb-8c7fada847da", 300.0),
            // The same agency again, with another id: supersedes or is superseded.
            file("c.json", " dinas  a ", "00000000-0000-4000-8000-000000000001", 450.0),
        ];
        let assessed: Vec<FileReport> = files.iter().map(|(n, b)| assess(r, n, b)).collect();
        let jury: JuryMarks = [
            (("media_sosial_opd".to_string(), name_key("Dinas B")), 80.0),
            (("website".to_string(), name_key("Dinas Nowhere")), 70.0),
        ]
        .into();
        let mut resolving = Resolving::new(assessed.clone());
        let mut steps = 1;
        while !resolving.step(r, &jury) {
            steps += 1;
        }
        assert_eq!(steps, 2 + r.file.categories.len());
        assert!(resolving.step(r, &jury), "done stays done");
        let report = resolving.finish(&jury);
        assert_eq!(report, resolve(r, assessed, &jury));
        let superseded: Vec<&str> =
            report.files.iter().filter(|f| f.status == Status::Superseded).map(|f| f.file.as_str()).collect();
        assert_eq!(superseded.len(), 1, "{superseded:?}");
        assert_eq!(report.unmatched_jury, [("website".to_string(), name_key("Dinas Nowhere"))]);
        let cat = r.category_index("media_sosial_opd").unwrap();
        assert_eq!(report.categories[cat].rows.len(), 2);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn reasons_are_grouped_by_kind_with_counts_per_category() {
        let r = crate::rubric::builtin();
        let text = without_evidence("opd");
        let f = assess(r, "a.json", text.replace("\"months\": 10", "\"months\": 9").as_bytes());
        let missing = f.reasons.iter().filter(|p| p.code == ProblemCode::EvidenceMissing).count();
        assert!(missing > 20, "{missing}");
        let groups = group_reasons(r, &f.reasons, Lang::Id);
        // Each kind once, in the order it first appears.
        let mut codes: Vec<ProblemCode> = Vec::new();
        for p in &f.reasons {
            if !codes.contains(&p.code) {
                codes.push(p.code);
            }
        }
        assert_eq!(groups.iter().map(|g| g.code).collect::<Vec<_>>(), codes);
        let ev = groups.iter().find(|g| g.code == ProblemCode::EvidenceMissing).expect("grouped");
        assert_eq!(ev.reasons.len(), missing);
        assert!(ev.headline.starts_with(&format!("{missing} bukti wajib belum dilampirkan (")), "{}", ev.headline);
        assert!(ev.headline.contains("Media Sosial OPD: 9"), "{}", ev.headline);
        // One reason of its kind keeps its own line, after its category's label.
        let digest = groups.iter().find(|g| g.code == ProblemCode::DigestMismatch).expect("edited after export");
        assert_eq!(digest.headline, digest.reasons[0].message(Lang::Id));
        let en = group_reasons(r, &f.reasons, Lang::En);
        let ev = en.iter().find(|g| g.code == ProblemCode::EvidenceMissing).expect("grouped");
        assert!(ev.headline.starts_with(&format!("{missing} required evidence not attached (")), "{}", ev.headline);
        let one = Problem::of(ProblemCode::MissingInput, "categories.website.inputs.visits", |t| t.missing_input("x"));
        assert!(located(r, &one, Lang::En).starts_with("Website — "), "{}", located(r, &one, Lang::En));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_streamed_report_is_the_documents_pretty_text() {
        let r = crate::rubric::builtin();
        let files = [
            file("a.json", "Dinas A", "7c9e6679-7425-40de-944b-e07fc1f90ae7", 600.0),
            file("b.json", "Dinas B", "16fd2706-8baf-433b-82eb-8c7fada847da", 300.0),
            file("c.json", "Dinas A", "3f2b8c1e-9a4d-4c2e-8f1a-0b6d5e7c9a21", 10.0),
            ("broken.json".into(), b"{\"format\": ".to_vec()),
        ];
        let jury: JuryMarks = [(("website".to_string(), "nobody".to_string()), 80.0)].into_iter().collect();
        let report = import(r, &files, &jury);
        // The document keeps its members' order only with `exact-json` (serde_json's
        // `preserve_order`); the officer's bundle, built without it, never writes a report.
        for lang in Lang::ALL.into_iter().filter(|_| cfg!(feature = "exact-json")) {
            let mut streamed = Vec::new();
            write_report_json(&mut streamed, r, &report, lang).expect("written");
            let document = serde_json::to_string_pretty(&report_json(r, &report, lang)).expect("text") + "\n";
            assert_eq!(String::from_utf8(streamed).expect("UTF-8"), document);
        }
        let v = report_json(r, &report, Lang::En);
        assert_eq!(v["files"][3]["reasons"][0]["code"], "not_json");
        assert_eq!(v["unmatched_jury"][0]["agency"], "nobody");
        let cat = r.category_index("media_sosial_opd").expect("category");
        assert!(v["categories"][cat]["ranking"][0]["indicators"]["S1"].is_f64());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn final_ranking_keeps_the_data_rank_beside_it() {
        let r = crate::rubric::builtin();
        let files = [
            file("a.json", "Dinas A", "7c9e6679-7425-40de-944b-e07fc1f90ae7", 600.0),
            file("b.json", "Dinas B", "16fd2706-8baf-433b-82eb-8c7fada847da", 300.0),
        ];
        let cat = r.category_index("media_sosial_opd").unwrap();
        let by_data = import(r, &files, &JuryMarks::new());
        let rows = &by_data.categories[cat].rows;
        assert!(!by_data.categories[cat].by_final);
        assert_eq!(rows.iter().map(|x| (x.file, x.rank, x.data_rank)).collect::<Vec<_>>(), [(0, 1, 1), (1, 2, 2)]);
        // Marks for every entry switch to the final ranking; a low mark for A puts B first.
        let jury: JuryMarks = [
            (("media_sosial_opd".to_string(), "dinas a".to_string()), 0.0),
            (("media_sosial_opd".to_string(), "dinas b".to_string()), 100.0),
        ]
        .into();
        let by_final = import(r, &files, &jury);
        let c = &by_final.categories[cat];
        assert!(c.by_final);
        assert_eq!(c.rows.iter().map(|x| (x.file, x.rank, x.data_rank)).collect::<Vec<_>>(), [(1, 1, 2), (0, 2, 1)]);
        assert!(by_final.unmatched_jury.is_empty());
    }

    #[cfg(feature = "exact-json")]
    #[wasm_bindgen_test(unsupported = test)]
    fn a_report_sent_as_json_is_read_back_the_same() {
        let r = crate::rubric::builtin();
        let bare = without_evidence("uptd");
        let files = [
            file("a.json", "Dinas A", "7c9e6679-7425-40de-944b-e07fc1f90ae7", 600.0),
            ("bare.json".into(), bare.clone().into_bytes()),
            ("edited.json".into(), bare.replace("\"months\": 10", "\"months\": 9").into_bytes()),
            ("broken.json".into(), b"{\"format\": ".to_vec()),
            ("other.json".into(), b"{\"format\": \"ampk-submission\", \"format_version\": 1}".to_vec()),
        ];
        for (name, bytes) in &files {
            let f = assess(r, name, bytes);
            assert_eq!(FileReport::from_json(&f.to_json()).as_ref(), Some(&f), "{name}");
        }
        assert!(FileReport::from_json("{").is_none());
    }

    #[cfg(feature = "exact-json")]
    #[wasm_bindgen_test(unsupported = test)]
    fn numbered_messages_go_in_full_once_then_by_their_number() {
        let r = crate::rubric::builtin();
        let bare = without_evidence("uptd");
        let (a, b) = (assess(r, "a.json", bare.as_bytes()), assess(r, "b.json", bare.as_bytes()));
        let warnings = &a.checked.as_ref().expect("checked").warnings;
        assert!(warnings.len() > 5, "{warnings:?}");
        let first = 7u64 << 32;
        crate::problem::numbered::number_from(first);
        let (ta, tb) = (a.to_json(), b.to_json());
        crate::problem::numbered::stop();
        let message = warnings[0].message(Lang::En);
        assert!(ta.contains(message) && !tb.contains(message), "in full once: {tb}");
        assert!(tb.contains(&format!("\"m\":{first}")));
        assert!(tb.len() * 4 < ta.len() * 3, "{} then {} bytes", ta.len(), tb.len());
        assert_eq!(FileReport::from_json(&ta).as_ref(), Some(&a));
        assert_eq!(FileReport::from_json(&tb).as_ref(), Some(&b));
        // A number never read in full is no report (the page then assesses the file itself).
        let unknown = tb.replace(&format!("\"m\":{first}"), &format!("\"m\":{}", first + 1_000_000));
        assert!(FileReport::from_json(&unknown).is_none());
    }

    /// The examples live below the import (`example` is a lower layer), so their check that
    /// the import accepts them lives here.
    #[wasm_bindgen_test(unsupported = test)]
    fn examples_are_valid_for_every_type() {
        let r = crate::rubric::builtin();
        for t in ["opd", "uptd", "kabkota"] {
            let s = example(r, t).unwrap();
            let text = crate::submission::write(r, &s, EXAMPLE_EXPORTED_AT);
            let report = import(r, &[(format!("{t}.json"), text.into_bytes())], &Default::default());
            let f = &report.files[0];
            assert_eq!(f.status, Status::Accepted, "{t}: {:?}", f.reasons);
        }
        assert!(example(r, "nope").is_none());
        assert_eq!(slug("Dinas Contoh A"), "dinas-contoh-a");
    }
}
