//! What the officer's page asks of its worker module: the requests, the replies and the pure
//! functions behind them.
//!
//! The officer's page scores and checks a draft itself on every change. The rare, heavier
//! steps — validating an official rubric file, opening a submission file, writing the export —
//! run in a separate WebAssembly module fetched only when one of them is asked for, so the
//! structural checker, the JSON Schemas, the canonicaliser and SHA-256 stay out of the first
//! load. Both sides use these types, so the protocol has one definition (the page's crash
//! banner, plain JavaScript, only reads a reply's JSON form; end-to-end journey 11 covers it).

use crate::draft::{self, Draft, Fixed};
use crate::feedback::{self, FeedbackFile};
use crate::import::{self, JuryMarks};
use crate::problem::{Lang, Problem, ProblemCode};
use crate::review::{self, ReviewFile, SubmissionReview, Verdict};
use crate::rubric::{self, InputKind, Rubric};
use crate::score::Answer;
use crate::submission;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A request, sent as JSON; a file's bytes travel beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Request {
    /// Validate an official rubric file (the bytes).
    Rubric,
    /// Turn a submission file (the bytes) into a new draft.
    Open { rubric: Option<String>, lang: Lang, local_id: String, name: String, now: String },
    /// Put a feedback file (the bytes) with the draft of the submission it answers: the first
    /// of `drafts` (the stored drafts, most recently saved first) with its `submission_id`, else
    /// a new draft made from the submission inside the file.
    OpenFeedback {
        rubric: Option<String>,
        lang: Lang,
        local_id: String,
        name: String,
        now: String,
        #[serde(default)]
        drafts: Vec<Draft>,
    },
    /// Write the submission file of a draft.
    Export { rubric: Option<String>, draft: Box<Draft>, now: String },
    /// Copy a draft made with rubric `from` to rubric `to` (each a rubric's text; `None`: the
    /// built-in model) as a new draft, with the summary in `lang`.
    Migrate {
        from: Option<String>,
        to: Option<String>,
        lang: Lang,
        draft: Box<Draft>,
        local_id: String,
        name: String,
        now: String,
    },
}

/// A reply, sent back as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    /// The rubric file is valid: its fingerprint and its pack (`rubric::pack`), the form in
    /// which the page takes it.
    Rubric { sha256: String, pack: String },
    /// The draft made from a submission file (or from a feedback file, with its feedback).
    Draft(Box<Draft>),
    /// The export: file name, text, and the draft's export key at that moment.
    File { name: String, text: String, key: String },
    /// A draft moved to another rubric: the new draft, the old rubric's title, what differs
    /// between the rubrics and what was not carried over (each with its old value), in plain
    /// words.
    Migrated { draft: Box<Draft>, from: String, changes: Vec<String>, dropped: Vec<String> },
    /// What is wrong, each problem with its path (codes by their place: `problem::by_index`).
    Problems(#[serde(with = "crate::problem::by_index")] Vec<Problem>),
}

/// Answers one request. `rubric` in a request is the text of the official rubric in use
/// (`None`: the built-in model), validated again here.
pub fn handle(request: &str, bytes: &[u8]) -> Reply {
    let request: Request = match serde_json::from_str(request) {
        Ok(r) => r,
        Err(e) => return Reply::Problems(vec![Problem::of(ProblemCode::BadRequest, "", |t| t.bad_request(&e))]),
    };
    let rubric_of = |text: &Option<String>| match text {
        None => Ok(rubric::builtin().clone()),
        Some(t) => rubric::load(t.as_bytes()),
    };
    match request {
        Request::Rubric => match rubric::load(bytes) {
            Ok(r) => Reply::Rubric { pack: rubric::pack(&r), sha256: r.sha256 },
            Err(p) => Reply::Problems(p),
        },
        Request::Open { rubric, lang, local_id, name, now } => match rubric_of(&rubric) {
            Ok(r) => open(&r, bytes, lang, &local_id, &name, &now),
            Err(p) => Reply::Problems(p),
        },
        Request::OpenFeedback { rubric, lang, local_id, name, now, drafts } => match rubric_of(&rubric) {
            Ok(r) => open_feedback(&r, bytes, &drafts, lang, &local_id, &name, &now),
            Err(p) => Reply::Problems(p),
        },
        Request::Export { rubric, draft, now } => match rubric_of(&rubric) {
            // Only with the rubric the draft was made with (its text may be lost on this computer).
            Ok(r) if !draft.rubric_sha256.is_empty() && draft.rubric_sha256 != r.sha256 => {
                let short = draft.rubric_sha256.get(..12).unwrap_or(&draft.rubric_sha256).to_string();
                Reply::Problems(vec![Problem::of(ProblemCode::RubricMismatch, "rubric", |t| {
                    t.export_rubric_missing(&short)
                })])
            }
            Ok(r) => export(&r, &draft, &now),
            Err(p) => Reply::Problems(p),
        },
        Request::Migrate { from, to, lang, draft, local_id, name, now } => match (rubric_of(&from), rubric_of(&to)) {
            (Ok(old), Ok(new)) => {
                let m = draft::migrate(&old, &new, &draft, &local_id, &name, &now);
                let dropped = m.dropped_lines(&old, lang);
                let from = old.file.title.get(lang).to_string();
                Reply::Migrated { changes: m.change_lines(lang), dropped, from, draft: Box::new(m.draft) }
            }
            (Err(p), _) | (_, Err(p)) => Reply::Problems(p),
        },
    }
}

/// A submission file as a new draft, with the import's own validation. A file made with
/// another rubric is refused (its figures would be read with the wrong rules).
pub fn open(rubric: &Rubric, bytes: &[u8], lang: Lang, local_id: &str, name: &str, now: &str) -> Reply {
    let read = match submission::read(bytes) {
        Ok(read) => read,
        Err(p) => return Reply::Problems(p),
    };
    let checked = submission::check(rubric, &read);
    if let Some(p) = checked.errors.iter().find(|p| p.code == ProblemCode::RubricMismatch) {
        return Reply::Problems(vec![p.clone()]);
    }
    let s = submission::Submission::from(&read.wire);
    Reply::Draft(Box::new(draft::from_submission(rubric, &s, lang, local_id, name, now)))
}

/// A feedback file with the draft of the submission it answers (the first of `drafts` with its
/// `submission_id`, else a new draft made from the submission inside the file), the feedback
/// attached ([`draft::attach_feedback`]: the next export is the following revision). The file is read
/// with its digest; the submission inside is read and checked like any submission file (a
/// submission made with another rubric is refused); the review inside is checked as the
/// coordinator's `review::check` checks a review (names, items, values, reasons). Problems of
/// the submission inside carry paths under `submission`.
pub fn open_feedback(
    rubric: &Rubric,
    bytes: &[u8],
    drafts: &[Draft],
    lang: Lang,
    local_id: &str,
    name: &str,
    now: &str,
) -> Reply {
    let f = match feedback::read(bytes) {
        Ok(f) => f,
        Err(p) => return Reply::Problems(p),
    };
    let inside = |mut problems: Vec<Problem>| {
        for p in &mut problems {
            p.path = if p.path.is_empty() { "submission".into() } else { format!("submission.{}", p.path) };
        }
        Reply::Problems(problems)
    };
    let text = serde_json::to_vec(&f.submission).expect("a JSON value serialises");
    let read = match submission::read(&text) {
        Ok(read) => read,
        Err(p) => return inside(p),
    };
    if let Some(p) = submission::check(rubric, &read).errors.into_iter().find(|p| p.code == ProblemCode::RubricMismatch)
    {
        return inside(vec![p]);
    }
    let problems = review_problems(rubric, &f, text);
    if !problems.is_empty() {
        return Reply::Problems(problems);
    }
    let mut d = match drafts.iter().find(|d| d.submission_id == f.submission_id) {
        Some(d) => d.clone(),
        None => draft::from_submission(rubric, &submission::Submission::from(&read), lang, local_id, name, now),
    };
    draft::attach_feedback(&mut d, &view(rubric, &f));
    Reply::Draft(Box::new(d))
}

/// The review a feedback file carries, checked with the coordinator's own rules against the
/// submission inside it; paths are the feedback file's.
fn review_problems(rubric: &Rubric, f: &FeedbackFile, submission: Vec<u8>) -> Vec<Problem> {
    let report = import::import(rubric, &[("submission.json".into(), submission)], &JuryMarks::new());
    let corrections = f
        .corrections
        .iter()
        .map(|c| review::Correction {
            category: c.category.clone(),
            input: c.input.clone(),
            item: c.item.clone(),
            value: c.value.clone(),
            reason: c.reason.clone(),
        })
        .collect();
    let mut review = ReviewFile::new(rubric);
    review.rubric_sha256 = f.rubric_sha256.clone();
    review.reviews.push(SubmissionReview {
        submission_id: f.submission_id.clone(),
        state: f.state,
        reason: f.reason.clone(),
        verdicts: f.verdicts.clone(),
        corrections,
        notes: f.notes.clone(),
    });
    let mut problems = review::check(rubric, &report, &review);
    for p in &mut problems {
        if let Some(rest) = p.path.strip_prefix("reviews[0].") {
            p.path = rest.to_string();
        }
    }
    problems
}

/// What the page shows of a (checked) feedback file: marks and scores in rubric order, every
/// text in every language.
fn view(rubric: &Rubric, f: &FeedbackFile) -> draft::Feedback {
    let every = |text: &dyn Fn(Lang) -> String| Lang::ALL.iter().map(|l| text(*l)).collect::<Vec<String>>();
    let fixed = |kind: InputKind, item: Option<&String>, v: &Value| match (kind, item) {
        (InputKind::Checklist, Some(_)) => serde_json::from_value::<Answer>(v.clone()).ok().map(Fixed::Answer),
        (InputKind::Boolean, _) => v.as_bool().map(Fixed::Bool),
        (InputKind::Integer | InputKind::Number, _) => v.as_f64().map(Fixed::Number),
        _ => None,
    };
    let mut marks = Vec::new();
    let (mut scores, mut notes) = (Vec::new(), Vec::new());
    for cat in &rubric.file.categories {
        if let Some(s) = f.scores.get(&cat.id) {
            let line = |l: Lang| {
                let t = l.texts();
                t.feedback_scores(cat.label.get(l), crate::fmt::score(s.reported, l), crate::fmt::score(s.verified, l))
            };
            scores.push((cat.id.clone(), every(&line)));
        }
        if let Some(note) = f.notes.get(&cat.id) {
            notes.push((cat.id.clone(), every(&|l| l.texts().feedback_note(note))));
        }
        for input in &cat.inputs {
            let verdict = f.verdicts.get(&feedback::field(&cat.id, &input.id, None)).copied();
            let items = std::iter::once(None).chain(input.items.iter().flatten().map(Some));
            for item in items {
                let item_id = item.map(|i| &i.id);
                // Applied in order: the last correction of a field is the one that holds.
                let c = f
                    .corrections
                    .iter()
                    .rev()
                    .find(|c| c.category == cat.id && c.input == input.id && c.item.as_ref() == item_id);
                let verdict = verdict.filter(|_| item.is_none());
                if c.is_none() && verdict.is_none() {
                    continue;
                }
                let from = c.and_then(|c| fixed(input.kind, item_id, &c.from));
                let value = c.and_then(|c| fixed(input.kind, item_id, &c.value));
                let words = |l: Lang| {
                    let t = l.texts();
                    let mut parts = Vec::new();
                    parts.extend(verdict.map(|v| {
                        t.feedback_verdict(match v {
                            Verdict::Ok => t.feedback_verdict_ok(),
                            Verdict::NotOk => t.feedback_verdict_not_ok(),
                            Verdict::Unreachable => t.feedback_verdict_unreachable(),
                        })
                    }));
                    if let (Some(c), Some(to)) = (c, value) {
                        parts.push(t.feedback_correction(fixed_words(from, l), fixed_words(Some(to), l)));
                        parts.push(t.feedback_reason(&c.reason));
                    }
                    parts.join(" · ")
                };
                let label = |l: Lang| match item {
                    Some(i) => format!("{} — {}", input.label.get(l), i.label.get(l)),
                    None => input.label.get(l).to_string(),
                };
                marks.push(draft::Mark {
                    category: cat.id.clone(),
                    input: input.id.clone(),
                    item: item_id.cloned(),
                    value,
                    words: every(&words),
                    label: every(&label),
                    // A verdict that the evidence matches asks for nothing: not in the error summary.
                    look: if value.is_none() && verdict == Some(Verdict::Ok) {
                        Vec::new()
                    } else {
                        every(&|l| l.texts().feedback_look(label(l), words(l)))
                    },
                });
            }
        }
    }
    let reason = f.reason.as_deref().filter(|r| !r.trim().is_empty());
    let issued = f.issued_at.replace('T', " ").replace('Z', " UTC");
    let about = |l: Lang| {
        let t = l.texts();
        let about = t.feedback_issued(&issued, &f.reviewer, f.revision + 1);
        if marks.is_empty() {
            about
        } else {
            format!("{about} {}", t.feedback_marks(marks.len()))
        }
    };
    draft::Feedback {
        revision: f.revision,
        state: f.state.as_str().into(),
        state_label: every(&|l| f.state.label(l).to_string()),
        reason: every(&|l| reason.map(|r| l.texts().feedback_reason(r)).unwrap_or_default()),
        about: every(&about),
        scores,
        notes,
        marks,
    }
}

/// A corrected (or replaced) value in words: a number in `lang`, or yes, partly or no.
fn fixed_words(v: Option<Fixed>, lang: Lang) -> String {
    let t = lang.texts();
    match v {
        Some(Fixed::Number(n)) => crate::fmt::number(n, lang, None),
        Some(Fixed::Bool(true) | Fixed::Answer(Answer::Yes)) => t.input_answer_yes().into(),
        Some(Fixed::Bool(false) | Fixed::Answer(Answer::No)) => t.input_answer_no().into(),
        Some(Fixed::Answer(Answer::Partial)) => t.input_answer_partial().into(),
        None => t.feedback_empty().into(),
    }
}

/// Writes the export of a draft, then reads it back and checks it exactly as the coordinator
/// will: what only a file can get wrong (a text over the length limit, too many links) is
/// reported here, with its path, instead of being downloaded.
pub fn export(rubric: &Rubric, d: &Draft, now: &str) -> Reply {
    let mut d = d.clone();
    draft::drop_empty_responses(&mut d);
    let d = &d;
    let assessment = draft::assess(rubric, d);
    if !assessment.exportable() {
        return Reply::Problems(assessment.blocking().into_iter().cloned().collect());
    }
    let text = submission::write(rubric, &draft::to_submission(rubric, d), now);
    let errors = match submission::read(text.as_bytes()) {
        Ok(read) => submission::check(rubric, &read).errors,
        Err(p) => p,
    };
    if !errors.is_empty() {
        return Reply::Problems(errors);
    }
    Reply::File { name: draft::export_file_name(rubric, d, now), text, key: draft::export_key(rubric, d) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn request(r: &Request) -> String {
        serde_json::to_string(r).unwrap()
    }

    /// The CLI's example OPD submission, as a draft.
    fn filled() -> Draft {
        let r = rubric::builtin();
        let s = crate::example::example(r, "opd").unwrap();
        draft::from_submission(r, &s, Lang::Id, "d1", "Draf", "2025-11-01T00:00:00Z")
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn export_writes_a_file_that_opens_back_into_the_same_draft() {
        let r = rubric::builtin();
        let d = filled();
        let now = "2025-11-02T03:04:05Z";
        let req = Request::Export { rubric: None, draft: Box::new(d.clone()), now: now.into() };
        let Reply::File { name, text, key } = handle(&request(&req), &[]) else { panic!("no file") };
        assert!(name.starts_with("ampk-2025-") && name.ends_with("-20251102.json"), "{name}");
        assert_eq!(key, draft::export_key(r, &d));
        let read = submission::read(text.as_bytes()).unwrap();
        assert_eq!(submission::check(r, &read).integrity, Some(submission::Integrity::Ok));
        let req = Request::Open {
            rubric: None,
            lang: Lang::Id,
            local_id: "d2".into(),
            name: "dibuka".into(),
            now: now.into(),
        };
        let Reply::Draft(back) = handle(&request(&req), text.as_bytes()) else { panic!("no draft") };
        assert_eq!(draft::export_key(r, &back), key, "the same content");
        assert_eq!((back.local_id.as_str(), back.name.as_str()), ("d2", "dibuka"));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn export_refuses_what_the_coordinator_would_refuse() {
        let mut d = filled();
        d.categories.get_mut("lapor_opd").unwrap().note = "x".repeat(submission::MAX_STRING + 1);
        assert!(draft::assess(rubric::builtin(), &d).exportable(), "a long note is only a file problem");
        let req = Request::Export { rubric: None, draft: Box::new(d), now: "2025-11-02T03:04:05Z".into() };
        let Reply::Problems(p) = handle(&request(&req), &[]) else { panic!("exported") };
        assert_eq!((&*p[0].code, p[0].path.as_str()), ("string_too_long", "categories.lapor_opd.note"));
        let mut d = filled();
        d.agency_name.clear();
        let req = Request::Export { rubric: None, draft: Box::new(d), now: "2025-11-02T03:04:05Z".into() };
        let Reply::Problems(p) = handle(&request(&req), &[]) else { panic!("exported") };
        assert_eq!(&*p[0].code, "agency_name_length");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn rubric_files_and_bad_files_are_answered_with_problems() {
        let sha = rubric::MODEL_RUBRIC_SHA256.to_string();
        assert_eq!(
            handle(&request(&Request::Rubric), rubric::MODEL_RUBRIC_JSON.as_bytes()),
            Reply::Rubric { sha256: sha, pack: rubric::pack(rubric::builtin()) }
        );
        let Reply::Problems(p) = handle(&request(&Request::Rubric), b"{\"format\": 1}") else { panic!() };
        assert!(!p.is_empty());
        let open = Request::Open {
            rubric: None,
            lang: Lang::En,
            local_id: "x".into(),
            name: "x".into(),
            now: "2025-11-02T03:04:05Z".into(),
        };
        let Reply::Problems(p) = handle(&request(&open), b"[1, 2") else { panic!() };
        assert_eq!(&*p[0].code, "not_json");
        let Reply::Problems(p) = handle("{\"op\": \"fly\"}", &[]) else { panic!() };
        assert_eq!(&*p[0].code, "bad_request");
        // A broken rubric text in a migration is answered with its problems.
        let migrate = Request::Migrate {
            from: Some("{}".into()),
            to: None,
            lang: Lang::Id,
            draft: Box::new(filled()),
            local_id: "x".into(),
            name: "x".into(),
            now: "2026-01-01T00:00:00Z".into(),
        };
        let Reply::Problems(p) = handle(&request(&migrate), &[]) else { panic!() };
        assert!(!p.is_empty());
        // Problems survive the trip as JSON, codes included.
        let back: Reply = serde_json::from_str(&serde_json::to_string(&Reply::Problems(p.clone())).unwrap()).unwrap();
        assert_eq!(back, Reply::Problems(p));
    }

    const FEEDBACK: &[u8] = include_bytes!("../../../tests/e2e/fixtures/feedback-contoh-a.json");

    fn open_feedback_request() -> String {
        let now = "2025-11-06T00:00:00Z".to_string();
        request(&Request::OpenFeedback {
            rubric: None,
            lang: Lang::Id,
            local_id: "f1".into(),
            name: "Umpan".into(),
            now,
            drafts: Vec::new(),
        })
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_feedback_file_opens_as_its_draft_with_the_feedback_attached() {
        let reply = handle(&open_feedback_request(), FEEDBACK);
        // The reply survives the trip as JSON.
        let back: Reply = serde_json::from_str(&serde_json::to_string(&reply).unwrap()).unwrap();
        assert_eq!(back, reply);
        let Reply::Draft(d) = reply else { panic!("{reply:?}") };
        assert_eq!(d.submission_id, "7c9e6679-7425-40de-944b-e07fc1f90ae7");
        assert_eq!((d.local_id.as_str(), d.revision), ("f1", 2), "the next export is revision 2");
        let f = draft::Feedback::parse(&d.feedback).expect("feedback attached");
        assert_eq!((f.revision, f.state.as_str()), (1, "needs_fixing"));
        let id = |texts: &[String]| draft::in_lang(texts, Lang::Id).to_string();
        assert_eq!(id(&f.state_label), "perlu perbaikan");
        assert_eq!(id(&f.reason), "Alasan: Tautan bukti unggahan tidak dapat dibuka.");
        assert_eq!(
            id(&f.about),
            "Diperiksa oleh Rina, diterbitkan 2025-11-05 09:00:00 UTC. Ekspor berikutnya adalah revisi 2. 3 isian \
             ditandai pemeriksa. Terima koreksinya atau beri tanggapan di isian itu, lalu ekspor ulang."
        );
        // Scores and marks in rubric order, in every language.
        let ms = f.scores.iter().find(|s| s.0 == "media_sosial_opd").unwrap();
        assert_eq!(id(&ms.1), "Media Sosial OPD: nilai laporan mandiri 78,34, nilai terverifikasi 68,09");
        assert_eq!(
            draft::in_lang(&ms.1, Lang::En),
            "Provincial Agency (OPD) Social Media: self-reported score 78.34, verified score 68.09"
        );
        assert_eq!(f.scores.len(), 5);
        let fields: Vec<String> = f.marks.iter().map(draft::Mark::field).collect();
        assert_eq!(fields, ["website.domain", "website.domain.https", "media_sosial_opd.posts"]);
        let posts = &f.marks[2];
        assert_eq!(posts.value, Some(Fixed::Number(10.0)));
        assert_eq!(
            id(&posts.words),
            "Bukti: tidak sesuai · Koreksi: 420 → 10 · Alasan: Bukti hanya menunjukkan 10 unggahan."
        );
        let https = &f.marks[1];
        assert_eq!(https.value, Some(Fixed::Answer(Answer::No)));
        assert_eq!(id(&https.words), "Koreksi: Ya → Tidak · Alasan: Sertifikat HTTPS kedaluwarsa.");
        assert_eq!(id(&https.label), "Domain dan keamanan — HTTPS valid");
        assert!(id(&https.look).starts_with("Umpan balik untuk "), "{}", id(&https.look));
        assert_eq!((id(&f.marks[0].words), f.marks[0].value), ("Bukti: sesuai".to_string(), None));
        assert_eq!(id(&f.marks[0].look), "", "evidence that matches is not a thing to look at");
        assert_eq!(
            id(&posts.look),
            format!("Umpan balik untuk Jumlah unggahan (semua akun resmi): {}", id(&posts.words))
        );
        assert_eq!(f.notes.len(), 1);
        assert_eq!(id(&f.notes[0].1), "Catatan pemeriksa: Periksa ulang setelah perbaikan.");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn feedback_goes_with_the_stored_draft_of_its_submission() {
        let r = rubric::builtin();
        let s = crate::example::example(r, "opd").unwrap();
        let mut mine = draft::from_submission(r, &s, Lang::Id, "d7", "Draf saya", "2025-11-02T00:00:00Z");
        mine.officer_phone = "0511-123".into();
        let other = Draft { submission_id: "another".into(), local_id: "d8".into(), ..mine.clone() };
        let now = "2025-11-06T00:00:00Z".to_string();
        let req = Request::OpenFeedback {
            rubric: None,
            lang: Lang::Id,
            local_id: "new".into(),
            name: "x".into(),
            now,
            drafts: vec![other, mine.clone()],
        };
        let Reply::Draft(d) = handle(&request(&req), FEEDBACK) else { panic!() };
        assert_eq!((d.local_id.as_str(), d.name.as_str(), d.officer_phone.as_str()), ("d7", "Draf saya", "0511-123"));
        assert_eq!(d.revision, 2);
        assert_eq!(draft::Feedback::parse(&d.feedback).unwrap().marks.len(), 3);
        assert_eq!(Draft { feedback: String::new(), revision: mine.revision, ..*d }, mine, "nothing else changes");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn accepted_corrections_and_responses_reach_the_revised_export() {
        let r = rubric::builtin();
        let Reply::Draft(mut d) = handle(&open_feedback_request(), FEEDBACK) else { panic!() };
        // What the page does on "Terima koreksi" and on a typed response.
        let marks = draft::Feedback::parse(&d.feedback).unwrap().marks;
        let posts = marks.iter().find(|k| k.field() == "media_sosial_opd.posts").unwrap();
        assert_eq!(posts.value, Some(Fixed::Number(10.0)));
        let e = d.categories.get_mut("media_sosial_opd").unwrap();
        e.inputs.insert("posts".into(), draft::RawValue::Text { text: "10".into(), lang: Lang::Id });
        let response = |accepted: bool, text: &str| submission::Response {
            accepted,
            text: Some(text.to_string()).filter(|t| !t.is_empty()),
        };
        d.responses.insert("media_sosial_opd.posts".into(), response(true, ""));
        d.responses.insert("website.domain.https".into(), response(false, "Sertifikat sudah diperpanjang 4 November."));
        d.responses.insert("website.domain".into(), response(false, ""));
        let Reply::File { text, .. } = export(r, &d, "2025-11-07T00:00:00Z") else { panic!() };
        let read = submission::read(text.as_bytes()).unwrap();
        assert_eq!(submission::check(r, &read).errors, []);
        assert_eq!(read.value["format_version"], 2);
        assert_eq!((read.wire.submission_id.as_str(), read.revision), ("7c9e6679-7425-40de-944b-e07fc1f90ae7", 2));
        let posts = &read.wire.categories["media_sosial_opd"].inputs["posts"];
        assert_eq!(posts, &crate::score::InputValue::Number(10.0), "the accepted value");
        let https = &read.wire.categories["website"].inputs["domain"];
        let crate::score::InputValue::Checklist(a) = https else { panic!() };
        assert_eq!(a["https"], Answer::Yes, "answered, not accepted: the value stays");
        let responses: Vec<(&str, bool, Option<&str>)> =
            read.responses.iter().map(|(k, v)| (k.as_str(), v.accepted, v.text.as_deref())).collect();
        assert_eq!(
            responses,
            [
                ("media_sosial_opd.posts", true, None),
                ("website.domain.https", false, Some("Sertifikat sudah diperpanjang 4 November.")),
            ]
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_broken_or_foreign_feedback_file_is_answered_with_paths() {
        let req = open_feedback_request();
        // Changed after it was issued: the digest no longer matches.
        let tampered = String::from_utf8(FEEDBACK.to_vec()).unwrap().replace("\"value\": 10", "\"value\": 11");
        let Reply::Problems(p) = handle(&req, tampered.as_bytes()) else { panic!() };
        assert_eq!(p[0].path, "integrity.digest", "{p:?}");
        // A review naming an input the rubric lacks, with a fresh digest: its path in the file.
        let mut f = feedback::read(FEEDBACK).unwrap();
        f.corrections[0].input = "posting".into();
        let Reply::Problems(p) = handle(&req, feedback::write(&f).as_bytes()) else { panic!() };
        assert_eq!((p[0].code, p[0].path.as_str()), (ProblemCode::UnknownInput, "corrections[0].input"));
        // A submission file is not a feedback file.
        let Reply::Problems(p) =
            handle(&req, include_bytes!("../../../tests/e2e/fixtures/batch/01-dinas-contoh-a.json"))
        else {
            panic!()
        };
        assert_eq!(p[0].path, "format");
        // Made with another rubric: refused, with the path inside the embedded submission.
        let official = include_str!("../../../tests/e2e/fixtures/official-rubric.json");
        let now = "2025-11-06T00:00:00Z".to_string();
        let other = Request::OpenFeedback {
            rubric: Some(official.into()),
            lang: Lang::Id,
            local_id: "f1".into(),
            name: "x".into(),
            now,
            drafts: Vec::new(),
        };
        let Reply::Problems(p) = handle(&request(&other), FEEDBACK) else { panic!() };
        assert_eq!(p[0].code, ProblemCode::RubricMismatch);
        assert!(p[0].path.starts_with("submission."), "{}", p[0].path);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn migrate_moves_a_draft_to_the_official_rubric() {
        let official = include_str!("../../../tests/e2e/fixtures/official-rubric.json");
        let d = filled();
        let req = Request::Migrate {
            from: None,
            to: Some(official.into()),
            lang: Lang::Id,
            draft: Box::new(d.clone()),
            local_id: "d9".into(),
            name: "Draf resmi".into(),
            now: "2026-02-01T00:00:00Z".into(),
        };
        let reply = handle(&request(&req), &[]);
        // The reply survives the trip as JSON.
        let back: Reply = serde_json::from_str(&serde_json::to_string(&reply).unwrap()).unwrap();
        assert_eq!(back, reply);
        let Reply::Migrated { mut draft, from, changes, dropped } = reply else { panic!("{reply:?}") };
        // The original cannot be exported with the new rubric, nor the copy with the old one.
        let export_with = |rubric: Option<String>, d: &Draft| {
            let now = "2026-02-01T00:00:00Z".to_string();
            handle(&request(&Request::Export { rubric, draft: Box::new(d.clone()), now }), &[])
        };
        for (rubric, d) in [(Some(official.to_string()), &d), (None, &*draft)] {
            let Reply::Problems(p) = export_with(rubric, d) else { panic!("exported with another rubric") };
            assert_eq!(p[0].code, ProblemCode::RubricMismatch, "{p:?}");
        }
        assert_eq!(from, rubric::builtin().file.title.get(Lang::Id), "the old rubric's title");
        let new = rubric::load(official.as_bytes()).unwrap();
        assert_eq!((draft.local_id.as_str(), draft.rubric_sha256.as_str()), ("d9", new.sha256.as_str()));
        assert_eq!(changes, rubric::diff(rubric::builtin(), &new).lines(Lang::Id));
        assert!(changes
            .iter()
            .any(|l| l.starts_with("Kategori `website`: bobot indikator `W3` berubah dari 25 menjadi 30")));
        // The example answers every item and types every input: the renamed item and the
        // dropped input are listed, with their old values.
        assert_eq!(dropped.len(), 2, "{dropped:#?}");
        assert!(dropped[0].contains("butir `kontak`") && dropped[0].ends_with("Jawaban lama: kontak: Tidak"));
        assert!(dropped[1].contains("masukan `lh_best_practices`") && dropped[1].contains("Nilai lama: 78."));
        // The checklist lacks an answer for its new item, and nothing else blocks the export:
        // every other figure was carried over (the new input is optional).
        let blocking: Vec<(ProblemCode, String)> =
            draft::assess(&new, &draft).blocking().into_iter().map(|p| (p.code, p.path.clone())).collect();
        assert_eq!(blocking, [(ProblemCode::MissingInput, "categories.website.inputs.content".to_string())]);
        let content = draft.categories.get_mut("website").unwrap().inputs.get_mut("content");
        let Some(draft::RawValue::Checklist { answers }) = content else { panic!("{content:?}") };
        answers.insert("kontak_pengaduan".into(), crate::score::Answer::Yes);
        let Reply::File { text, .. } = export(&new, &draft, "2026-02-02T00:00:00Z") else {
            panic!("{:?}", draft::assess(&new, &draft).blocking())
        };
        assert!(text.contains(&new.sha256));
    }
}
