//! The feedback loop's formats (`docs/feedback-format.md`, `docs/submission-v2.md`): the
//! committed feedback of Contoh A is what the review gives and reads back; a revised submission
//! (format version 2) round-trips, is checked, and supersedes the first file by its revision.

use ampk_core::example::{example, EXAMPLE_EXPORTED_AT};
use ampk_core::feedback;
use ampk_core::import::{import, JuryMarks, Status};
use ampk_core::review::{self, ReviewState, Verdict};
use ampk_core::submission::{self, Response, Submission};
use ampk_core::InputValue;
use wasm_bindgen_test::wasm_bindgen_test;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const REVIEW: &str = include_str!("data/review/contoh-a.review.json");
const FEEDBACK: &str = include_str!("data/feedback/contoh-a.feedback.json");
const ISSUED_AT: &str = "2025-11-05T09:00:00Z";

fn contoh_a() -> Submission {
    example(ampk_core::builtin(), "opd").expect("opd example")
}

#[wasm_bindgen_test(unsupported = test)]
fn the_review_of_contoh_a_gives_the_committed_feedback() {
    let r = ampk_core::builtin();
    let text = submission::write(r, &contoh_a(), EXAMPLE_EXPORTED_AT);
    let report = import(r, &[("a.json".into(), text.into_bytes())], &JuryMarks::new());
    let rv = review::read(REVIEW.as_bytes()).expect("review");
    let v = review::apply(r, &report, &rv);
    let all = feedback::build_all(r, &report, &rv, &v, ISSUED_AT);
    assert_eq!(all.len(), 1);
    let (name, f) = &all[0];
    assert_eq!(name, "umpan-balik-dinas-contoh-a-7c9e6679.json");
    let written = feedback::write(f);
    #[cfg(not(target_arch = "wasm32"))]
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/feedback/contoh-a.feedback.json");
        std::fs::write(path, &written).expect("fixture written");
    }
    // Byte for byte where documents keep their members' order (`exact-json`, every build that
    // writes feedback); the officer's bundle, built without it, compares the content.
    let same = |a: &str, b: &str| {
        if cfg!(feature = "exact-json") {
            a == b
        } else {
            serde_json::from_str::<serde_json::Value>(a).ok() == serde_json::from_str::<serde_json::Value>(b).ok()
        }
    };
    assert!(same(&written, FEEDBACK), "regenerate with UPDATE_FIXTURES=1 cargo test -p ampk-core --test feedback");
    let back = feedback::read(FEEDBACK.as_bytes()).expect("the committed feedback reads");
    assert!(same(&feedback::write(&back), FEEDBACK), "read and written again");
    assert_eq!(back.state, ReviewState::NeedsFixing);
    assert_eq!(back.scores["website"].reported, 70.05);
    assert_eq!(back.scores["website"].verified, 67.55);
    assert_eq!(back.scores["media_sosial_opd"].verified, 68.09);
    assert_eq!(back.scores["lapor_opd"].differences.len(), 0);
    let posts = back.corrections.iter().find(|c| c.input == "posts").expect("posts corrected");
    assert_eq!(
        (posts.field(), posts.from.clone(), posts.value.clone()),
        ("media_sosial_opd.posts".into(), 420.into(), 10.into())
    );
    assert_eq!(back.verdicts["media_sosial_opd.posts"], Verdict::NotOk);
    // The submission inside is the file the coordinator received.
    let inner = submission::read(serde_json::to_string(&back.submission).unwrap().as_bytes()).expect("inner");
    assert_eq!(submission::check(r, &inner).integrity, Some(submission::Integrity::Ok));
}

#[wasm_bindgen_test(unsupported = test)]
fn a_feedback_file_that_was_changed_or_names_another_submission_is_refused() {
    let tampered = FEEDBACK.replacen("70.05", "99.05", 1);
    let p = feedback::read(tampered.as_bytes()).expect_err("digest");
    assert_eq!((p[0].code.as_str(), p[0].path.as_str()), ("digest_mismatch", "integrity.digest"));
    let mut f = feedback::read(FEEDBACK.as_bytes()).expect("reads");
    f.submission_id = "16fd2706-8baf-433b-82eb-8c7fada847da".into();
    let p = feedback::read(feedback::write(&f).as_bytes()).expect_err("other submission");
    assert_eq!(p[0].path, "submission.submission_id");
    let p = feedback::read(REVIEW.as_bytes()).expect_err("a review is not feedback");
    assert_eq!((p[0].code.as_str(), p[0].path.as_str()), ("format", "format"));
    let mut v: serde_json::Value = serde_json::from_str(FEEDBACK).unwrap();
    v["verdicts"]["x.y"] = "maybe".into();
    let p = feedback::read(v.to_string().as_bytes()).expect_err("bad verdict");
    assert!(p.iter().any(|p| p.path == r#"verdicts["x.y"]"#), "{p:?}");
}

#[wasm_bindgen_test(unsupported = test)]
fn a_revision_is_written_as_version_2_and_supersedes_the_first_file_by_revision() {
    let r = ampk_core::builtin();
    let first = contoh_a();
    assert!(submission::write(r, &first, EXAMPLE_EXPORTED_AT).contains("\"format_version\": 1,"));
    let mut revised = first.clone();
    revised.revision = 2;
    revised.categories.get_mut("media_sosial_opd").unwrap().inputs.insert("posts".into(), InputValue::Number(10.0));
    revised.responses.insert("media_sosial_opd.posts".into(), Response { accepted: true, text: None });
    revised.responses.insert(
        "website.content.kontak".into(),
        Response { accepted: false, text: Some("halaman kontak ada di menu bawah".into()) },
    );
    // Exported before the first file: the revision decides, not the time.
    let text = submission::write(r, &revised, "2025-01-01T00:00:00Z");
    assert!(text.contains("\"format_version\": 2,") && text.contains("\"revision\": 2,"), "{text}");
    let read = submission::read(text.as_bytes()).expect("version 2 reads");
    assert_eq!((read.revision, read.responses.len()), (2, 2));
    assert_eq!(Submission::from(&read), Submission { kit_version: read.wire.kit_version.clone(), ..revised.clone() });
    let checked = submission::check(r, &read);
    assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    assert_eq!(checked.integrity, Some(submission::Integrity::Ok));
    let files = [
        ("a.json".to_string(), submission::write(r, &first, EXAMPLE_EXPORTED_AT).into_bytes()),
        ("a-rev2.json".to_string(), text.into_bytes()),
    ];
    let report = import(r, &files, &JuryMarks::new());
    assert_eq!(report.files[0].status, Status::Superseded);
    assert_eq!(report.files[0].reasons[0].code.as_str(), "superseded_revision");
    assert!(report.files[0].reasons[0].message(ampk_core::Lang::En).contains("revision 2 \"a-rev2.json\""));
    assert_eq!(report.files[1].status, Status::Accepted);
    // A response must name a field of a category entered.
    let mut bad = revised.clone();
    bad.responses.insert("website.nope".into(), Response::default());
    bad.responses.insert("top_influencer.followers.x".into(), Response::default());
    let read = submission::read(submission::write(r, &bad, EXAMPLE_EXPORTED_AT).as_bytes()).expect("reads");
    let paths: Vec<_> = submission::check(r, &read).errors.into_iter().map(|p| (p.code.as_str(), p.path)).collect();
    assert_eq!(
        paths,
        [
            ("unknown_key", r#"responses["top_influencer.followers.x"]"#.to_string()),
            ("unknown_key", r#"responses["website.nope"]"#.to_string())
        ]
    );
    // Revision 0 is refused by the schema.
    let mut v: serde_json::Value = serde_json::from_str(&submission::write(r, &revised, EXAMPLE_EXPORTED_AT)).unwrap();
    v["revision"] = 0.into();
    let p = submission::read(v.to_string().as_bytes()).expect_err("revision 0");
    assert!(p.iter().any(|p| p.path == "revision"), "{p:?}");
}

#[cfg(not(target_arch = "wasm32"))]
mod fuzz {
    use super::*;
    use proptest::prelude::*;

    fn any_json() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(Into::into),
            any::<i64>().prop_map(Into::into),
            (-1e9..1e9f64).prop_map(Into::into),
            ".{0,12}".prop_map(serde_json::Value::String),
            prop::sample::select(vec!["yes", "partial", "no", "sha256-jcs", "opd", "Ok"]).prop_map(Into::into),
        ];
        leaf.prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Into::into),
                prop::collection::btree_map(
                    prop_oneof![
                        ".{0,6}",
                        prop::sample::select(vec![
                            "yes",
                            "no",
                            "algorithm",
                            "digest",
                            "name",
                            "type",
                            "text",
                            "accepted",
                            "inputs",
                            "id"
                        ])
                        .prop_map(String::from)
                    ],
                    inner,
                    0..4,
                )
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    const MEMBERS: &[&str] = &[
        "format",
        "format_version",
        "submission_id",
        "revision",
        "state",
        "reason",
        "verdicts",
        "corrections",
        "notes",
        "scores",
        "submission",
        "integrity",
        "responses",
        "months",
        "categories",
    ];

    /// Replaces the value found by walking `doc` along `steps` (each picks a member or an item).
    fn replace_nested(doc: &mut serde_json::Value, steps: &[usize], v: serde_json::Value) {
        let Some((&first, rest)) = steps.split_first() else {
            *doc = v;
            return;
        };
        match doc {
            serde_json::Value::Object(m) if !m.is_empty() => {
                let k = m.keys().nth(first % m.len()).cloned().expect("a key");
                replace_nested(m.get_mut(&k).expect("the key"), rest, v);
            }
            serde_json::Value::Array(a) if !a.is_empty() => {
                let n = a.len();
                replace_nested(&mut a[first % n], rest, v);
            }
            other => *other = v,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]

        /// The submission reader's fast path (typed reading, the schema walk skipped) is sound:
        /// whatever the reader accepts, the walk against the schema accepts too.
        #[test]
        fn typed_reading_accepts_only_what_the_schema_accepts(
            steps in prop::collection::vec(any::<usize>(), 0..6),
            v in any_json(),
            revised in any::<bool>(),
        ) {
            let mut s = contoh_a();
            if revised {
                s.revision = 2;
                s.responses.insert("website.domain".into(), Response { accepted: true, text: None });
            }
            let mut doc: serde_json::Value =
                serde_json::from_str(&submission::write(ampk_core::builtin(), &s, EXAMPLE_EXPORTED_AT)).unwrap();
            replace_nested(&mut doc, &steps, v);
            let schema = if revised { submission::json_schema_v2() } else { submission::json_schema() };
            if submission::read(doc.to_string().as_bytes()).is_ok() {
                let problems = ampk_core::shape::check(&schema, &doc);
                prop_assert!(problems.is_empty(), "read accepted what the schema refuses: {:?}", problems);
            }
        }

        /// Cut or corrupted bytes never panic the readers; they answer with problems.
        #[test]
        fn readers_never_panic_on_damaged_bytes(cut in 0usize..8000, at in 0usize..8000, byte in any::<u8>()) {
            let revised = {
                let mut s = contoh_a();
                s.revision = 3;
                s.responses.insert("website.domain.https".into(), Response { accepted: true, text: Some("ok".into()) });
                submission::write(ampk_core::builtin(), &s, EXAMPLE_EXPORTED_AT)
            };
            for text in [FEEDBACK, revised.as_str()] {
                let mut b = text.as_bytes().to_vec();
                let at = at % b.len();
                b[at] = byte;
                b.truncate(cut.max(1) * b.len() / 8000 + at.min(1));
                let _ = feedback::read(&b);
                let _ = submission::read(&b);
            }
        }

        /// Any JSON in any member: problems with paths, never a panic; a valid-looking member
        /// set without a matching digest is never accepted.
        #[test]
        fn readers_never_panic_on_any_member_value(m in 0usize..15, v in any_json()) {
            for text in [FEEDBACK, REVIEW] {
                let mut doc: serde_json::Value = serde_json::from_str(text).unwrap();
                doc[MEMBERS[m]] = v.clone();
                if let Ok(f) = feedback::read(doc.to_string().as_bytes()) {
                    prop_assert_eq!(feedback::write(&f), FEEDBACK, "only the committed file itself is valid");
                }
                let _ = submission::read(doc["submission"].to_string().as_bytes());
            }
        }
    }
}
