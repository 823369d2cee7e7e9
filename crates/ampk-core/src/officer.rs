//! What the officer's page asks of its worker module: the requests, the replies and the pure
//! functions behind them.
//!
//! The officer's page scores and checks a draft itself on every change. The rare, heavier
//! steps — validating an official rubric file, opening a submission file, writing the export —
//! run in a separate WebAssembly module fetched only when one of them is asked for, so the
//! structural checker, the JSON Schemas, the canonicaliser and SHA-256 stay out of the first
//! load. Both sides use these types, so the protocol has one definition (the page's crash
//! banner, plain JavaScript, only reads a reply's JSON form; end-to-end journey 11 covers it).

use crate::draft::{self, Draft, RawValue};
use crate::feedback::{self, FeedbackFile};
use crate::import::{self, JuryMarks};
use crate::problem::{Lang, Problem, ProblemCode};
use crate::review::{self, ReviewFile, SubmissionReview};
use crate::rubric::{self, InputKind, Rubric};
use crate::score::Answer;
use crate::submission;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// A request, sent as JSON; a file's bytes travel beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Request {
    /// Validate an official rubric file (the bytes).
    Rubric,
    /// Turn a submission file (the bytes) into a new draft.
    Open { rubric: Option<String>, lang: Lang, local_id: String, name: String, now: String },
    /// Turn a feedback file (the bytes) into the draft of the submission it answers, with the
    /// feedback attached (the page puts it with a stored draft of the same submission instead,
    /// when there is one).
    OpenFeedback { rubric: Option<String>, lang: Lang, local_id: String, name: String, now: String },
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
    /// The rubric file is valid; its fingerprint.
    Rubric { sha256: String },
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
            Ok(r) => Reply::Rubric { sha256: r.sha256 },
            Err(p) => Reply::Problems(p),
        },
        Request::Open { rubric, lang, local_id, name, now } => match rubric_of(&rubric) {
            Ok(r) => open(&r, bytes, lang, &local_id, &name, &now),
            Err(p) => Reply::Problems(p),
        },
        Request::OpenFeedback { rubric, lang, local_id, name, now } => match rubric_of(&rubric) {
            Ok(r) => open_feedback(&r, bytes, lang, &local_id, &name, &now),
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

/// A feedback file as the draft of the submission it answers, with the feedback attached
/// ([`draft::attach_feedback`]: the next export is the following revision). The file is read
/// with its digest; the submission inside is read and checked like any submission file (a
/// submission made with another rubric is refused); the review inside is checked as the
/// coordinator's `review::check` checks a review (names, items, values, reasons). Problems of
/// the submission inside carry paths under `submission`.
pub fn open_feedback(rubric: &Rubric, bytes: &[u8], lang: Lang, local_id: &str, name: &str, now: &str) -> Reply {
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
    let s = submission::Submission::from(&read);
    let mut d = draft::from_submission(rubric, &s, lang, local_id, name, now);
    draft::attach_feedback(&mut d, view(rubric, &f, lang));
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

/// What the page shows of a (checked) feedback file: values as the form holds them (numbers
/// written in `lang`), marks and scores in rubric order.
fn view(rubric: &Rubric, f: &FeedbackFile, lang: Lang) -> draft::Feedback {
    let raw = |kind: InputKind, item: Option<&String>, v: &Value| match (kind, item) {
        (InputKind::Checklist, Some(item)) => serde_json::from_value::<Answer>(v.clone())
            .ok()
            .map(|a| RawValue::Checklist { answers: BTreeMap::from([(item.clone(), a)]) }),
        (InputKind::Boolean, _) => v.as_bool().map(|value| RawValue::Bool { value }),
        (InputKind::Integer | InputKind::Number, _) => {
            v.as_f64().map(|n| RawValue::Text { text: crate::fmt::number(n, lang, None), lang })
        }
        _ => None,
    };
    let mut marks = Vec::new();
    let mut scores = Vec::new();
    for cat in &rubric.file.categories {
        if let Some(s) = f.scores.get(&cat.id) {
            scores.push(draft::FeedbackScore { category: cat.id.clone(), reported: s.reported, verified: s.verified });
        }
        for input in &cat.inputs {
            // Applied in order: the last correction of a field is the one that holds.
            let correction = |item: Option<&String>| {
                f.corrections
                    .iter()
                    .rev()
                    .find(|c| c.category == cat.id && c.input == input.id && c.item.as_ref() == item)
            };
            let verdict = f.verdicts.get(&feedback::field(&cat.id, &input.id, None)).copied();
            let items: Vec<Option<&String>> =
                std::iter::once(None).chain(input.items.iter().flatten().map(|i| Some(&i.id))).collect();
            for item in items {
                let c = correction(item);
                let verdict = if item.is_none() { verdict } else { None };
                if c.is_none() && verdict.is_none() {
                    continue;
                }
                marks.push(draft::Mark {
                    category: cat.id.clone(),
                    input: input.id.clone(),
                    item: item.cloned(),
                    verdict,
                    from: c.and_then(|c| raw(input.kind, item, &c.from)),
                    value: c.and_then(|c| raw(input.kind, item, &c.value)),
                    reason: c.map(|c| c.reason.clone()).unwrap_or_default(),
                });
            }
        }
    }
    draft::Feedback {
        revision: f.revision,
        state: f.state,
        reason: f.reason.clone().unwrap_or_default(),
        reviewer: f.reviewer.clone(),
        issued_at: f.issued_at.clone(),
        scores,
        marks,
        notes: f.notes.clone(),
    }
}

/// Writes the export of a draft, then reads it back and checks it exactly as the coordinator
/// will: what only a file can get wrong (a text over the length limit, too many links) is
/// reported here, with its path, instead of being downloaded.
pub fn export(rubric: &Rubric, d: &Draft, now: &str) -> Reply {
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
            Reply::Rubric { sha256: sha }
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
        let f = d.feedback.as_ref().expect("feedback attached");
        assert_eq!((f.revision, f.state), (1, crate::review::ReviewState::NeedsFixing));
        assert_eq!(f.reason, "Tautan bukti unggahan tidak dapat dibuka.");
        assert_eq!((f.reviewer.as_str(), f.issued_at.as_str()), ("Rina", "2025-11-05T09:00:00Z"));
        // Scores and marks in rubric order.
        let ms = f.scores.iter().find(|s| s.category == "media_sosial_opd").unwrap();
        assert_eq!((ms.reported, ms.verified), (78.34, 68.09));
        assert_eq!(f.scores.len(), 5);
        let fields: Vec<String> = f.marks.iter().map(draft::Mark::field).collect();
        assert_eq!(fields, ["website.domain", "website.domain.https", "media_sosial_opd.posts"]);
        let text = |s: &str| Some(RawValue::Text { text: s.into(), lang: Lang::Id });
        let posts = &f.marks[2];
        assert_eq!(posts.verdict, Some(crate::review::Verdict::NotOk));
        assert_eq!((&posts.from, &posts.value), (&text("420"), &text("10")));
        assert_eq!(posts.reason, "Bukti hanya menunjukkan 10 unggahan.");
        let https = &f.marks[1];
        let answer = |a| Some(RawValue::Checklist { answers: BTreeMap::from([("https".to_string(), a)]) });
        assert_eq!((&https.verdict, &https.from, &https.value), (&None, &answer(Answer::Yes), &answer(Answer::No)));
        assert_eq!((f.marks[0].verdict, &f.marks[0].value), (Some(crate::review::Verdict::Ok), &None));
        assert_eq!(f.notes["website"], "Periksa ulang setelah perbaikan.");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn accepted_corrections_and_responses_reach_the_revised_export() {
        let r = rubric::builtin();
        let Reply::Draft(mut d) = handle(&open_feedback_request(), FEEDBACK) else { panic!() };
        assert!(draft::accept_correction(&mut d, "media_sosial_opd.posts"));
        assert!(!draft::accept_correction(&mut d, "website.domain"), "a verdict has nothing to accept");
        draft::set_response(&mut d, "website.domain.https", "Sertifikat sudah diperpanjang 4 November.");
        draft::set_response(&mut d, "website.domain", "  ");
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
