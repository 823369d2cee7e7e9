//! Submission files (submission-format, `tests/data/submissions/v1/`): valid files are accepted,
//! re-scored and round-trip byte for byte through the kit's own writer; every invalid file is
//! rejected and every warning file accepted with warnings, each with the `[code, path]` pairs its
//! sidecar `expected.json` lists; plus integrity digest vectors, duplicate resolution, rankings,
//! the JSON report and "never panics" property tests. Native only (fixtures are read from disk,
//! proptest does not run in the browser).
//!
//! # Fixtures
//!
//! Every fixture and `expected.json` are produced by [`fixtures`] in this file, so they are
//! reproducible and written by the kit itself: valid files by `submission::write`; invalid and
//! warning files by writing a valid submission with one mistake in it (when the mistake can be
//! expressed as a [`Submission`]), or by editing the written document and then re-computing the
//! integrity digest with `submission::digest` (and keeping `computed` consistent), so that each
//! file shows only the problem it is about. `expected.json` says, per file, how it was made
//! (`made`) and whether its problem list is complete (`exact`). Regenerate with
//!
//! ```text
//! UPDATE_FIXTURES=1 cargo test -p ampk-core --test submissions generate_fixtures
//! ```
//!
//! and review the diff; `fixtures_match_their_generator` fails when the committed files and the
//! generator disagree. Problem lists and re-scores are pinned by insta snapshots
//! (`tests/snapshots/submissions__*.snap`); accept deliberate changes with
//! `INSTA_UPDATE=always cargo test -p ampk-core --test submissions` and review them.
#![cfg(not(target_arch = "wasm32"))]

use ampk_core::example::sample_figures;
use ampk_core::import::{self, FileReport, ImportReport, JuryMarks, Status};
use ampk_core::rubric::Evidence;
use ampk_core::score::{Answer, Figures, InputValue};
use ampk_core::submission::{self, Agency, Entry, Submission};
use ampk_core::{builtin, jcs, round2, Lang, Problem, Rubric};
use proptest::prelude::*;
use proptest::sample::{select, Index};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

// ---------------------------------------------------------------------------------------------
// Fixture folder and expectations
// ---------------------------------------------------------------------------------------------

/// The kit version written into every fixture (fixed, so a version bump does not change them).
const KIT: &str = "0.1.0";

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/submissions/v1")
}

/// What a fixture must give on import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    /// `accepted`, `accepted_with_warnings` or `rejected`.
    status: String,
    /// `[code, path]` pairs that must all be among the file's reasons.
    problems: Vec<(String, String)>,
    /// Whether `problems` is complete: no other `[code, path]` may be reported.
    exact: bool,
    /// How the file was made.
    made: String,
}

type Expected = BTreeMap<String, Expect>;

fn expected() -> Expected {
    let path = data_dir().join("expected.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn file_names() -> BTreeSet<String> {
    std::fs::read_dir(data_dir())
        .expect("fixture folder")
        .map(|e| e.expect("directory entry").file_name().into_string().expect("UTF-8 file name"))
        .filter(|n| n.ends_with(".json") && n != "expected.json")
        .collect()
}

fn name_of(path: &Path) -> String {
    path.file_name().and_then(|n| n.to_str()).expect("file name").to_string()
}

fn rubric() -> &'static Rubric {
    builtin()
}

// ---------------------------------------------------------------------------------------------
// Building submissions
// ---------------------------------------------------------------------------------------------

fn figs(v: Value) -> Figures {
    serde_json::from_value(v).expect("figures")
}

fn worked(cat: &str) -> Figures {
    let r = rubric();
    sample_figures(r, r.category_index(cat).expect("category"))
}

fn agency(
    t: &str,
    name: &str,
    parent: Option<&str>,
    officer: &str,
    email: Option<&str>,
    phone: Option<&str>,
) -> Agency {
    Agency {
        agency_type: t.into(),
        name: name.into(),
        parent: parent.map(String::from),
        officer_name: officer.into(),
        officer_email: email.map(String::from),
        officer_phone: phone.map(String::from),
    }
}

fn draft(id: &str, agency: Agency, months: u32, jury: Option<f64>) -> Submission {
    let r = rubric();
    Submission {
        submission_id: id.into(),
        kit_version: KIT.into(),
        rubric_id: r.file.id.clone(),
        rubric_edition: r.file.edition,
        rubric_sha256: r.sha256.clone(),
        agency,
        months,
        categories: BTreeMap::new(),
        jury_estimate: jury,
        revision: 1,
        responses: BTreeMap::new(),
    }
}

/// One evidence link per input that takes evidence, on the agency's own site.
fn links(cat: &str, inputs: &Figures, host: &str) -> BTreeMap<String, Vec<String>> {
    let r = rubric();
    let def = &r.file.categories[r.category_index(cat).expect("category")];
    inputs
        .keys()
        .filter(|k| def.inputs.iter().any(|d| &d.id == *k && d.evidence != Evidence::None))
        .map(|k| (k.clone(), vec![format!("https://{host}/ampk-2025/{cat}/{}", k.replace('_', "-"))]))
        .collect()
}

fn add(s: &mut Submission, cat: &str, inputs: Figures, host: &str, note: Option<&str>) {
    let evidence = links(cat, &inputs, host);
    s.categories.insert(cat.into(), Entry { inputs, evidence, note: note.map(String::from) });
}

fn write(s: &Submission, at: &str) -> Vec<u8> {
    submission::write(rubric(), s, at).into_bytes()
}

fn pretty(v: &Value) -> Vec<u8> {
    (serde_json::to_string_pretty(v).expect("serialises") + "\n").into_bytes()
}

/// Re-computes the integrity digest of an edited document (when it has an `integrity` object).
fn reseal(v: &mut Value) {
    if v.get("integrity").is_some_and(Value::is_object) {
        let d = submission::digest(v);
        v["integrity"]["digest"] = Value::String(d);
    }
}

/// Writes `s`, edits the document and re-computes its digest.
fn edited(s: &Submission, at: &str, f: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut v: Value = serde_json::from_slice(&write(s, at)).expect("written file parses");
    f(&mut v);
    reseal(&mut v);
    pretty(&v)
}

/// Writes `s` and edits the document without touching the digest (edited after export).
fn tampered(s: &Submission, at: &str, f: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut v: Value = serde_json::from_slice(&write(s, at)).expect("written file parses");
    f(&mut v);
    pretty(&v)
}

fn all(answer: &str, items: &[&str]) -> Value {
    Value::Object(items.iter().map(|i| (i.to_string(), Value::from(answer))).collect())
}

const CONTENT: &[&str] = &[
    "profil",
    "visi_misi",
    "struktur",
    "ppid",
    "standar_pelayanan",
    "maklumat",
    "lapor",
    "kontak",
    "berita",
    "agenda",
    "dokumen",
    "data",
];
const DOMAIN: &[&str] = &["go_id", "https"];
const QUALITY: &[&str] = &[
    "identitas",
    "konten_layanan",
    "video",
    "aksesibel",
    "tautan_bio",
    "amplifikasi_agenda",
    "klarifikasi_hoaks",
    "analitik_bulanan",
];
const CHANNEL: &[&str] =
    &["sk_tim", "admin_aktif", "integrasi_kanal", "sosialisasi", "laporan_pimpinan", "perbaikan_layanan"];

/// Every opd category at its maximum (best) figures.
fn maximum(cat: &str) -> Figures {
    figs(match cat {
        "top_influencer" => {
            json!({"reach": 10_000_000_000u64, "engagements": 1_000_000_000, "portal_items": 100_000, "amplifications": 100_000, "active_days": 366, "news_mentions": 1_000_000})
        }
        "media_massa_online" => {
            json!({"news_items": 1_000_000, "outlets": 10_000, "positive_or_neutral_pct": 100, "press_releases": 100_000, "releases_picked_up": 100_000, "negative_issues": 10_000, "negative_clarified_24h": 10_000})
        }
        "website" => {
            json!({"web_posts": 100_000, "months_with_4_posts": 12, "content": all("yes", CONTENT), "domain": all("yes", DOMAIN), "lh_performance": 100, "lh_accessibility": 100, "lh_seo": 100, "lh_best_practices": 100, "visits": 1_000_000_000})
        }
        "media_sosial_opd" => {
            json!({"posts": 100_000, "weeks_active": 53, "engagements": 1_000_000_000, "reach": 10_000_000_000u64, "followers_start": 500_000_000, "followers_end": 1_000_000_000, "median_reply_hours": 0, "answered_pct": 100, "quality": all("yes", QUALITY)})
        }
        "lapor_opd" => {
            json!({"received": 1_000_000, "followed_up": 1_000_000, "completed": 1_000_000, "followed_up_5d": 1_000_000, "avg_days_first_followup": 0, "channel": all("yes", CHANNEL)})
        }
        other => panic!("no maximum for {other}"),
    })
}

/// Every opd category with nothing to report and every checklist answered "no".
fn zeros(cat: &str) -> Figures {
    figs(match cat {
        "top_influencer" => {
            json!({"reach": 0, "engagements": 0, "portal_items": 0, "amplifications": 0, "active_days": 0, "news_mentions": 0})
        }
        "media_massa_online" => {
            json!({"news_items": 0, "outlets": 0, "positive_or_neutral_pct": 0, "press_releases": 0, "releases_picked_up": 0, "negative_issues": 0, "negative_clarified_24h": 0})
        }
        "website" => {
            json!({"web_posts": 0, "months_with_4_posts": 0, "content": all("no", CONTENT), "domain": all("no", DOMAIN), "lh_performance": 0, "lh_accessibility": 0, "lh_seo": 0, "lh_best_practices": 0, "visits": 0})
        }
        "media_sosial_opd" => {
            json!({"posts": 0, "weeks_active": 0, "engagements": 0, "reach": 0, "followers_start": 0, "followers_end": 0, "median_reply_hours": 0, "answered_pct": 0, "quality": all("no", QUALITY)})
        }
        "lapor_opd" => {
            json!({"received": 0, "followed_up": 0, "completed": 0, "followed_up_5d": 0, "avg_days_first_followup": 0, "channel": all("no", CHANNEL)})
        }
        other => panic!("no zeros for {other}"),
    })
}

const OPD_CATEGORIES: &[&str] = &["top_influencer", "media_massa_online", "website", "media_sosial_opd", "lapor_opd"];

/// A long but realistic note of exactly `n` characters.
fn long_note(n: usize) -> String {
    let sentence = "Tim humas mengunggah konten layanan publik setiap hari kerja, menanggapi komentar warga, dan melaporkan analitik bulanan kepada pimpinan. ";
    let text: String = sentence.chars().cycle().take(n - 1).collect();
    text + "."
}

/// The name used by the maximum-limits fixture: exactly 200 characters.
fn name_200() -> String {
    let base = "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah Provinsi Contoh — Bidang Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah serta Riset dan Inovasi Daerah (Bappelitbangda)";
    let mut s: String = base.chars().take(200).collect();
    while s.chars().count() < 200 {
        s.push('.');
    }
    s
}

// Submissions the invalid and warning fixtures are made from.

const BASE_AT: &str = "2025-11-05T01:30:00Z";

/// An opd with one category (LAPOR!, the worked example's figures): the base of most invalid files.
fn base_opd() -> Submission {
    let mut s = draft(
        "c2a9a7d8-1237-4564-9ac5-bd437267d440",
        agency(
            "opd",
            "Dinas Koperasi dan UKM Provinsi Contoh",
            None,
            "Rina Marlina",
            Some("humas@diskopukm.contohprov.go.id"),
            Some("+62 511 3301234"),
        ),
        10,
        Some(78.0),
    );
    add(
        &mut s,
        "lapor_opd",
        worked("lapor_opd"),
        "diskopukm.contohprov.go.id",
        Some("Data LAPOR! Januari–Oktober 2025, diunduh dari dasbor admin instansi."),
    );
    s
}

fn base_uptd() -> Submission {
    let mut s = draft(
        "ebe0ad4e-5ab3-42bf-bd1a-ede3cf2f043a",
        agency(
            "uptd",
            "UPTD Rumah Sakit Jiwa Contoh",
            Some("Dinas Kesehatan Provinsi Contoh"),
            "Agus Salim",
            Some("humas.rsj@contohprov.go.id"),
            None,
        ),
        10,
        None,
    );
    add(&mut s, "media_sosial_uptd", worked("media_sosial_uptd"), "rsj.contohprov.go.id", None);
    s
}

fn base_kabkota() -> Submission {
    let mut s = draft(
        "0ef0a6a7-19c9-4ec4-b7b5-12c1023563a9",
        agency(
            "kabkota",
            "Kabupaten Contoh Hilir",
            None,
            "Muhammad Rizki",
            Some("diskominfo@contohhilirkab.go.id"),
            None,
        ),
        10,
        None,
    );
    add(&mut s, "mitra_humas", worked("mitra_humas"), "diskominfo.contohhilirkab.go.id", None);
    s
}

fn set_input(s: &mut Submission, cat: &str, input: &str, v: InputValue) {
    s.categories.get_mut(cat).expect("category").inputs.insert(input.into(), v);
}

fn set_link(s: &mut Submission, cat: &str, input: &str, links: &[&str]) {
    s.categories
        .get_mut(cat)
        .expect("category")
        .evidence
        .insert(input.into(), links.iter().map(|l| l.to_string()).collect());
}

/// Nested arrays `depth` deep around a link.
fn nested(depth: usize) -> Value {
    (0..depth).fold(Value::from("https://diskopukm.contohprov.go.id/bukti.pdf"), |v, _| Value::Array(vec![v]))
}

// ---------------------------------------------------------------------------------------------
// The fixtures
// ---------------------------------------------------------------------------------------------

struct Fixture {
    name: String,
    bytes: Vec<u8>,
    expect: Expect,
}

struct Fixtures(Vec<Fixture>);

impl Fixtures {
    fn push(&mut self, name: &str, bytes: Vec<u8>, status: &str, problems: &[(&str, &str)], exact: bool, made: &str) {
        assert!(!self.0.iter().any(|f| f.name == name), "duplicate fixture {name}");
        self.0.push(Fixture {
            name: name.into(),
            bytes,
            expect: Expect {
                status: status.into(),
                problems: problems.iter().map(|(c, p)| (c.to_string(), p.to_string())).collect(),
                exact,
                made: made.into(),
            },
        });
    }

    fn valid(&mut self, name: &str, s: &Submission, at: &str, made: &str) {
        self.push(name, write(s, at), "accepted", &[], true, &format!("written by submission::write: {made}"));
    }

    /// A file rejected for exactly the listed problems, written by the kit from a submission
    /// holding the mistake (so `computed` and the digest are consistent).
    fn written(&mut self, name: &str, s: &Submission, at: &str, problems: &[(&str, &str)], made: &str) {
        self.push(
            name,
            write(s, at),
            "rejected",
            problems,
            true,
            &format!("written by submission::write from a submission with {made}"),
        );
    }

    /// A file rejected for exactly the listed problems, made by editing a written document
    /// (digest re-computed, `computed` left consistent).
    fn edit(&mut self, name: &str, s: &Submission, problems: &[(&str, &str)], made: &str, f: impl FnOnce(&mut Value)) {
        self.push(
            name,
            edited(s, BASE_AT, f),
            "rejected",
            problems,
            true,
            &format!("written, then edited: {made}; integrity digest re-computed"),
        );
    }

    fn raw(&mut self, name: &str, bytes: Vec<u8>, problems: &[(&str, &str)], made: &str) {
        self.push(name, bytes, "rejected", problems, true, made);
    }
}

/// Every fixture of the folder, with its expectation.
fn fixtures() -> Vec<Fixture> {
    let mut f = Fixtures(Vec::new());
    valid_fixtures(&mut f);
    invalid_fixtures(&mut f);
    warning_fixtures(&mut f);
    f.0
}

fn valid_fixtures(f: &mut Fixtures) {
    // The model rubric's worked examples (model-rubric.md).
    let mut s = draft(
        "b918a381-f501-4991-b1cf-082aee2c84e0",
        agency(
            "opd",
            "Dinas Kesehatan Provinsi Contoh",
            None,
            "Siti Rahmawati",
            Some("humas.dinkes@contohprov.go.id"),
            Some("+62 511 3350001"),
        ),
        10,
        Some(80.0),
    );
    for cat in OPD_CATEGORIES {
        let note = match *cat {
            "media_sosial_opd" => Some("Akun resmi: Instagram, Facebook, TikTok dan YouTube @dinkescontoh."),
            "lapor_opd" => Some("Rekap LAPOR! terlampir; dua aduan masih dalam proses verifikasi."),
            _ => None,
        };
        add(&mut s, cat, worked(cat), "dinkes.contohprov.go.id", note);
    }
    f.valid("valid-opd-all-categories.json", &s, "2025-11-03T02:00:00Z", "opd, all five eligible categories with the figures of Dinas Contoh A (model-rubric.md), months 10, email, phone, notes and jury_estimate");

    let mut s = draft(
        "975b8741-5834-4c18-9e91-0317d9dd4842",
        agency("opd", "Dinas Contoh D", None, "Budi Santoso", Some("humas@dinascontohd.contohprov.go.id"), None),
        10,
        None,
    );
    add(
        &mut s,
        "lapor_opd",
        figs(
            json!({"received": 0, "followed_up": 0, "completed": 0, "followed_up_5d": 0, "avg_days_first_followup": 0,
            "channel": {"sk_tim": "yes", "admin_aktif": "partial", "integrasi_kanal": "no", "sosialisasi": "no", "laporan_pimpinan": "partial", "perbaikan_layanan": "no"}}),
        ),
        "dinascontohd.contohprov.go.id",
        Some("Belum ada aduan LAPOR! yang didisposisikan ke instansi selama periode penilaian."),
    );
    f.valid(
        "valid-opd-lapor-no-complaints.json",
        &s,
        "2025-11-03T04:10:00Z",
        "opd, one category, Dinas Contoh D's figures (no complaints received), email only, no jury_estimate",
    );

    let mut s = draft(
        "9053c36f-27dd-4fd7-8c0e-106a88600924",
        agency(
            "uptd",
            "UPTD Rumah Sakit Umum Daerah Contoh Sehat",
            Some("Dinas Kesehatan Provinsi Contoh"),
            "dr. Nurul Hidayah",
            None,
            Some("0511-3352211"),
        ),
        10,
        Some(70.5),
    );
    add(
        &mut s,
        "website",
        figs(json!({"web_posts": 64, "months_with_4_posts": 6,
            "content": {"profil": "yes", "visi_misi": "yes", "struktur": "yes", "ppid": "partial", "standar_pelayanan": "yes", "maklumat": "yes", "lapor": "partial", "kontak": "yes", "berita": "yes", "agenda": "no", "dokumen": "no", "data": "partial"},
            "domain": {"go_id": "yes", "https": "yes"}, "lh_performance": 41, "lh_accessibility": 79, "lh_seo": 90, "lh_best_practices": 74, "visits": 38500})),
        "rsudsehat.contohprov.go.id",
        Some("Website dikelola bersama tim IT rumah sakit."),
    );
    add(&mut s, "media_sosial_uptd", worked("media_sosial_uptd"), "rsudsehat.contohprov.go.id", None);
    f.valid("valid-uptd-all-categories.json", &s, "2025-11-04T03:20:00Z", "uptd with parent, both eligible categories (media_sosial_uptd with UPTD Contoh B's figures), phone only, fractional jury_estimate");

    let mut s = draft(
        "1b4b5e7c-b719-419a-ac5f-b02a97fa9316",
        agency(
            "uptd",
            "UPTD Samsat Contoh Kota",
            Some("Badan Pendapatan Daerah Provinsi Contoh"),
            "Hendra Gunawan",
            None,
            None,
        ),
        9,
        None,
    );
    add(
        &mut s,
        "media_sosial_uptd",
        figs(
            json!({"posts": 96, "weeks_active": 30, "engagements": 8400, "reach": 210000, "followers_start": 5200, "followers_end": 5900,
            "median_reply_hours": 30, "answered_pct": 64.5,
            "quality": {"identitas": "yes", "konten_layanan": "yes", "video": "partial", "aksesibel": "no", "tautan_bio": "no", "amplifikasi_agenda": "yes", "klarifikasi_hoaks": "partial", "analitik_bulanan": "no"}}),
        ),
        "samsatkota.contohprov.go.id",
        None,
    );
    f.valid(
        "valid-uptd-media-sosial-minimal.json",
        &s,
        "2025-10-28T09:00:00Z",
        "uptd, one category, no email, phone, note or jury_estimate, months 9",
    );

    let mut s = draft(
        "e22ce267-74f6-4952-aa92-6537476ec67c",
        agency(
            "kabkota",
            "Kabupaten Contoh C",
            None,
            "Ahmad Fauzi",
            Some("diskominfo@contohckab.go.id"),
            Some("+62 517 21000"),
        ),
        10,
        Some(85.0),
    );
    add(&mut s, "lapor_kabkota", worked("lapor_kabkota"), "diskominfo.contohckab.go.id", None);
    add(
        &mut s,
        "mitra_humas",
        worked("mitra_humas"),
        "diskominfo.contohckab.go.id",
        Some("Rekap kiriman ke portal MC Kalsel per bulan terlampir."),
    );
    f.valid(
        "valid-kabkota-all-categories.json",
        &s,
        "2025-11-06T05:00:00Z",
        "kabkota, both eligible categories with Kabupaten Contoh C's figures (model-rubric.md)",
    );

    let mut s = draft(
        "8a4f5830-ac5f-4cb3-9358-eefe5a30a78a",
        agency("kabkota", "Kota Contoh E", None, "Dewi Lestari", Some("humas@contohekota.go.id"), None),
        6,
        Some(90.0),
    );
    add(
        &mut s,
        "lapor_kabkota",
        figs(
            json!({"received": 120, "followed_up": 118, "completed": 110, "followed_up_5d": 100, "avg_days_first_followup": 1.0,
            "channel": {"sk_tim": "yes", "admin_aktif": "yes", "integrasi_kanal": "yes", "sosialisasi": "yes", "laporan_pimpinan": "yes", "perbaikan_layanan": "partial"}}),
        ),
        "diskominfo.contohekota.go.id",
        Some("Data Mei–Oktober 2025 (6 bulan): admin LAPOR! baru ditetapkan pada bulan Mei."),
    );
    add(
        &mut s,
        "mitra_humas",
        figs(
            json!({"portal_items": 50, "amplifications": 90, "agenda_items": 50, "unedited_items": 45, "forums_held": 0, "forums_attended": 0, "median_request_hours": 1.5}),
        ),
        "diskominfo.contohekota.go.id",
        None,
    );
    f.valid(
        "valid-kabkota-kota-contoh-e-6-months.json",
        &s,
        "2025-11-07T01:15:00Z",
        "Kota Contoh E (model-rubric.md), months 6, both categories",
    );

    let mut s = draft(
        "ace59727-5eab-43b1-9c9d-ea7bf75a6b3b",
        agency(
            "opd",
            "Dinas Pendidikan dan Kebudayaan Provinsi Contoh",
            None,
            "Yusuf Maulana",
            Some("humas.disdikbud@contohprov.go.id"),
            Some("(0511) 3304455"),
        ),
        12,
        None,
    );
    add(
        &mut s,
        "website",
        figs(
            json!({"web_posts": 130, "months_with_4_posts": 10, "content": all("no", CONTENT), "domain": all("no", DOMAIN),
            "lh_performance": 35, "lh_accessibility": 70, "lh_seo": 81, "lh_best_practices": 67, "visits": 120000}),
        ),
        "disdikbud.contohprov.go.id",
        None,
    );
    add(
        &mut s,
        "media_sosial_opd",
        figs(
            json!({"posts": 310, "weeks_active": 40, "engagements": 45000, "reach": 2600000, "followers_start": 41000, "followers_end": 43800,
            "median_reply_hours": 12, "answered_pct": 58, "quality": all("no", QUALITY)}),
        ),
        "disdikbud.contohprov.go.id",
        None,
    );
    add(
        &mut s,
        "lapor_opd",
        figs(
            json!({"received": 57, "followed_up": 49, "completed": 41, "followed_up_5d": 30, "avg_days_first_followup": 4.5, "channel": all("no", CHANNEL)}),
        ),
        "disdikbud.contohprov.go.id",
        None,
    );
    f.valid(
        "valid-opd-checklists-all-no.json",
        &s,
        "2025-12-30T08:00:00Z",
        "opd, three categories, every checklist item answered \"no\", months 12",
    );

    let mut s = draft(
        "f563571b-de36-46bf-a81e-c296231dbee7",
        agency(
            "opd",
            &name_200(),
            None,
            "Rudi Hartono",
            Some("humas.bappelitbangda@contohprov.go.id"),
            Some("+62 511 3301000"),
        ),
        12,
        Some(100.0),
    );
    let note = long_note(submission::MAX_STRING);
    for cat in OPD_CATEGORIES {
        add(&mut s, cat, maximum(cat), "bappelitbangda.contohprov.go.id", (*cat == "website").then_some(note.as_str()));
    }
    f.valid("valid-opd-maximum-limits.json", &s, "2025-12-31T23:59:59Z", "opd, all five categories with every figure at its maximum (best) value, months 12, agency name of exactly 200 characters, a note of exactly 2000 characters, jury_estimate 100");

    let mut s = draft(
        "7a727773-6816-4ba1-b926-75ec898c915e",
        agency(
            "opd",
            "Dinas Perpustakaan dan Kearsipan Provinsi Contoh",
            None,
            "Fitri Handayani",
            Some("humas@dispersip.contohprov.go.id"),
            None,
        ),
        1,
        Some(0.0),
    );
    for cat in OPD_CATEGORIES {
        add(&mut s, cat, zeros(cat), "dispersip.contohprov.go.id", None);
    }
    f.valid(
        "valid-opd-all-zeros-1-month.json",
        &s,
        "2025-02-01T00:00:00Z",
        "opd, all five categories with every figure 0 and every checklist \"no\", months 1, jury_estimate 0",
    );

    let mut s = draft(
        "36f11d81-4fb5-483e-948c-4be3fb34b9a2",
        agency("kabkota", "Kabupaten Contoh Hulu", None, "Siti Aminah", None, Some("0517 41234")),
        12,
        None,
    );
    add(
        &mut s,
        "mitra_humas",
        figs(
            json!({"portal_items": 132, "amplifications": 240, "agenda_items": 101, "unedited_items": 118, "forums_held": 8, "forums_attended": 8, "median_request_hours": 3.5}),
        ),
        "diskominfo.contohhulukab.go.id",
        Some("Kiriman berita rutin setiap pekan.\nForum kehumasan: seluruhnya dihadiri Kabid IKP.\nRekap terlampir."),
    );
    f.valid(
        "valid-kabkota-mitra-humas-12-months.json",
        &s,
        "2026-01-05T02:30:00Z",
        "kabkota, one category, months 12, multi-line note, phone only",
    );

    let mut s = draft(
        "d20b26cf-e28b-4255-b697-a41874af9597",
        agency("kabkota", "Kota Contoh Baru", None, "Andi Pratama", Some("ppid@contohbarukota.go.id"), None),
        11,
        Some(67.25),
    );
    add(
        &mut s,
        "lapor_kabkota",
        figs(
            json!({"received": 412, "followed_up": 380, "completed": 344, "followed_up_5d": 296, "avg_days_first_followup": 2.75,
            "channel": {"sk_tim": "yes", "admin_aktif": "yes", "integrasi_kanal": "partial", "sosialisasi": "partial", "laporan_pimpinan": "yes", "perbaikan_layanan": "no"}}),
        ),
        "diskominfo.contohbarukota.go.id",
        None,
    );
    f.valid(
        "valid-kabkota-lapor-decimals.json",
        &s,
        "2025-11-20T07:45:12.5Z",
        "kabkota, one category, months 11, fractional figures and jury_estimate, exported_at with fractional seconds",
    );

    let mut s = draft(
        "ac9c07d4-1322-40c0-9c3a-297fe0f94913",
        agency(
            "opd",
            "Dinas Pariwisata Provinsi Contoh",
            None,
            "Ni Made Ayu Lestari",
            Some("humas.dispar@contohprov.go.id"),
            None,
        ),
        10,
        Some(72.0),
    );
    add(
        &mut s,
        "media_massa_online",
        figs(json!({"news_items": 96, "outlets": 17, "positive_or_neutral_pct": 87.5, "press_releases": 48, "releases_picked_up": 31, "negative_issues": 0, "negative_clarified_24h": 0})),
        "dispar.contohprov.go.id",
        Some("Liputan “Festival Pasar Terapung” — café & kuliner khas; tanpa isu negatif 😀\n\tCatatan: \"kutipan\", garis miring \\ dan </script> tetap teks biasa."),
    );
    f.valid("valid-opd-unicode-note.json", &s, "2025-10-31T23:59:59.999Z", "opd, one category, a note with non-ASCII text, emoji, quotes, tab, newline, backslash and markup-like text; no negative issues (M6 undefined → 100)");

    let mut s = draft(
        "45603a43-f2e8-4a83-bb78-0a64f906e0eb",
        agency(
            "uptd",
            "UPTD Balai Latihan Kerja Contoh",
            Some("Dinas Tenaga Kerja dan Transmigrasi Provinsi Contoh"),
            "Rahmat Hidayat",
            Some("blk@disnakertrans.contohprov.go.id"),
            Some("+62-511-3305566"),
        ),
        7,
        Some(60.0),
    );
    add(
        &mut s,
        "website",
        figs(json!({"web_posts": 40, "months_with_4_posts": 5,
            "content": {"profil": "yes", "visi_misi": "yes", "struktur": "partial", "berita": "yes", "agenda": "partial", "kontak": "yes"},
            "domain": {"https": "yes"}, "lh_performance": 62.5, "lh_accessibility": 91, "lh_seo": 100, "lh_best_practices": 96, "visits": 9100})),
        "blk.disnakertrans.contohprov.go.id",
        Some("Butir daftar periksa yang tidak dijawab belum tersedia di website."),
    );
    let w = s.categories.get_mut("website").expect("website");
    w.evidence.insert(
        "content".into(),
        vec![
            "https://blk.disnakertrans.contohprov.go.id/profil".into(),
            "https://blk.disnakertrans.contohprov.go.id/visi-misi".into(),
            "https://blk.disnakertrans.contohprov.go.id/berita?kategori=pelatihan".into(),
            "http://arsip.disnakertrans.contohprov.go.id/blk/kontak#peta".into(),
        ],
    );
    w.evidence.insert(
        "lh_performance".into(),
        vec!["https://pagespeed.web.dev/analysis/https-blk-disnakertrans-contohprov-go-id/x1y2z3?form_factor=mobile"
            .into()],
    );
    f.valid("valid-uptd-website-partial-checklist.json", &s, "2025-08-01T06:00:00Z", "uptd, website with checklist items left unanswered (they count as no credit), several evidence links per input, http and https links, months 7");

    let mut s = draft(
        "aed778ff-4732-4db0-814f-355308702441",
        agency(
            "opd",
            "Dinas Komunikasi dan Informatika Provinsi Contoh",
            None,
            "Lukman Hakim",
            Some("humas@diskominfo.contohprov.go.id"),
            Some("+62 511 3300123"),
        ),
        10,
        Some(88.0),
    );
    add(
        &mut s,
        "website",
        figs(
            json!({"web_posts": 240, "months_with_4_posts": 10, "content": all("yes", CONTENT), "domain": all("yes", DOMAIN),
            "lh_performance": 78, "lh_accessibility": 95, "lh_seo": 100, "lh_best_practices": 96, "visits": 410000}),
        ),
        "diskominfo.contohprov.go.id",
        None,
    );
    add(
        &mut s,
        "media_sosial_opd",
        figs(
            json!({"posts": 690, "weeks_active": 43, "engagements": 260000, "reach": 5400000, "followers_start": 52000, "followers_end": 61000,
            "median_reply_hours": 1.5, "answered_pct": 97,
            "quality": {"identitas": "yes", "konten_layanan": "yes", "video": "yes", "aksesibel": "partial", "tautan_bio": "yes", "amplifikasi_agenda": "yes", "klarifikasi_hoaks": "yes", "analitik_bulanan": "yes"}}),
        ),
        "diskominfo.contohprov.go.id",
        Some("Termasuk akun X/Twitter dan kanal WhatsApp resmi."),
    );
    f.valid("valid-opd-two-categories.json", &s, "2025-11-02T03:04:05Z", "opd, two of its five categories, months 10");
}

fn invalid_fixtures(f: &mut Fixtures) {
    let base = base_opd();
    let base_text = write(&base, BASE_AT);
    const L: &str = "categories.lapor_opd";

    // 1. Size and JSON.
    f.raw(
        "invalid-not-json.json",
        b"Nama instansi;Aduan masuk;Aduan selesai\nDinas Koperasi dan UKM Provinsi Contoh;38;33\n".to_vec(),
        &[("not_json", "")],
        "a CSV export instead of a submission",
    );
    let cut = base_text.len() * 3 / 5;
    f.raw(
        "invalid-truncated-json.json",
        base_text[..cut].to_vec(),
        &[("not_json", "")],
        "a written file cut off after 60 % of its bytes",
    );
    f.raw("invalid-empty-file.json", Vec::new(), &[("not_json", "")], "an empty file");
    f.raw(
        "invalid-json-trailing-comma.json",
        String::from_utf8(base_text.clone())
            .expect("UTF-8")
            .replacen("\"months\": 10,", "\"months\": 10,,", 1)
            .into_bytes(),
        &[("not_json", "")],
        "a written file with a doubled comma",
    );
    // 2. Format and version.
    let doc: Value = serde_json::from_slice(&base_text).expect("base parses");
    f.raw(
        "invalid-top-level-array.json",
        pretty(&Value::Array(vec![doc])),
        &[("format", "format")],
        "a written document wrapped in an array",
    );
    f.edit("invalid-format-wrong.json", &base, &[("format", "format")], "format \"ampk-rubric\"", |v| {
        v["format"] = json!("ampk-rubric")
    });
    f.edit("invalid-format-missing.json", &base, &[("format", "format")], "format removed", |v| {
        v.as_object_mut().expect("object").remove("format");
    });
    f.edit(
        "invalid-format-version-3.json",
        &base,
        &[("newer_version", "format_version")],
        "format_version 3 (newer than this kit)",
        |v| v["format_version"] = json!(3),
    );
    f.edit("invalid-format-version-0.json", &base, &[("format_version", "format_version")], "format_version 0", |v| {
        v["format_version"] = json!(0)
    });
    f.edit(
        "invalid-format-version-string.json",
        &base,
        &[("format_version", "format_version")],
        "format_version \"1\" (a string)",
        |v| v["format_version"] = json!("1"),
    );
    // 3. Limits.
    let deep_path = format!("{L}.evidence.received{}", "[0]".repeat(submission::MAX_DEPTH - 4));
    f.edit(
        "invalid-too-deep-evidence.json",
        &base,
        &[("too_deep", &deep_path)],
        "the evidence links of received nested in 40 arrays",
        |v| v["categories"]["lapor_opd"]["evidence"]["received"] = nested(40),
    );
    // Written compactly (pretty-printing 200 levels would take 80 kB of indentation).
    let mut text = String::from_utf8(base_text.clone()).expect("UTF-8");
    text.insert_str(2, &format!("  \"lampiran\": {},\n", serde_json::to_string(&nested(200)).expect("serialises")));
    f.raw(
        "invalid-too-deep-parser-limit.json",
        text.into_bytes(),
        &[("too_deep", "")],
        "a written file with an unknown member holding 200 nested arrays (beyond the JSON parser's own limit of 128)",
    );
    f.edit(
        "invalid-note-too-long.json",
        &base,
        &[("string_too_long", &format!("{L}.note"))],
        "a note of 2001 characters",
        |v| v["categories"]["lapor_opd"]["note"] = json!(long_note(submission::MAX_STRING + 1)),
    );
    let mut s = base.clone();
    let e = &mut s.categories.get_mut("lapor_opd").expect("lapor_opd").evidence;
    // 451 photos of received complaints plus 10 links for each of the five other inputs.
    for input in ["received", "followed_up", "completed", "followed_up_5d", "avg_days_first_followup", "channel"] {
        let n = if input == "received" { submission::MAX_LINKS + 1 - 50 } else { 10 };
        e.insert(
            input.to_string(),
            (1..=n).map(|i| format!("https://diskopukm.contohprov.go.id/lapor/{input}/{i}.jpg")).collect(),
        );
    }
    f.written(
        "invalid-too-many-links.json",
        &s,
        BASE_AT,
        &[("too_many_links", "categories")],
        "501 evidence links (at most 500)",
    );

    // 4. Structure (checked against the JSON Schema).
    f.edit("invalid-months-string.json", &base, &[("wrong_type", "months")], "months \"10\" (a string)", |v| {
        v["months"] = json!("10")
    });
    f.edit("invalid-months-fraction.json", &base, &[("wrong_type", "months")], "months 10.5", |v| {
        v["months"] = json!(10.5)
    });
    f.edit("invalid-months-negative.json", &base, &[("out_of_range", "months")], "months -1", |v| {
        v["months"] = json!(-1)
    });
    f.edit(
        "invalid-jury-estimate-string.json",
        &base,
        &[("wrong_type", "jury_estimate")],
        "jury_estimate \"78\" (a string)",
        |v| v["jury_estimate"] = json!("78"),
    );
    f.edit(
        "invalid-categories-array.json",
        &base,
        &[("wrong_type", "categories")],
        "categories as an array of entries",
        |v| {
            let entry = v["categories"]["lapor_opd"].clone();
            v["categories"] = json!([entry]);
        },
    );
    f.edit(
        "invalid-input-string.json",
        &base,
        &[("wrong_type", &format!("{L}.inputs.received"))],
        "received \"38\" (a string)",
        |v| v["categories"]["lapor_opd"]["inputs"]["received"] = json!("38"),
    );
    f.edit(
        "invalid-checklist-answer-maybe.json",
        &base,
        &[("not_allowed_value", &format!("{L}.inputs.channel.sk_tim"))],
        "checklist answer \"maybe\"",
        |v| v["categories"]["lapor_opd"]["inputs"]["channel"]["sk_tim"] = json!("maybe"),
    );
    f.edit(
        "invalid-evidence-not-array.json",
        &base,
        &[("wrong_type", &format!("{L}.evidence.received"))],
        "one evidence link given as a string instead of an array",
        |v| {
            v["categories"]["lapor_opd"]["evidence"]["received"] =
                json!("https://diskopukm.contohprov.go.id/ampk-2025/lapor_opd/received")
        },
    );
    f.edit(
        "invalid-unknown-member-top.json",
        &base,
        &[("unknown_member", "signature")],
        "an unknown top-level member",
        |v| v["signature"] = json!("ditandatangani oleh Kepala Dinas"),
    );
    f.edit(
        "invalid-unknown-member-officer.json",
        &base,
        &[("unknown_member", "agency.officer.nip")],
        "an unknown member in agency.officer",
        |v| v["agency"]["officer"]["nip"] = json!("198501012010012001"),
    );
    f.edit(
        "invalid-unknown-member-entry.json",
        &base,
        &[("unknown_member", &format!("{L}.score"))],
        "an unknown member in a category entry",
        |v| v["categories"]["lapor_opd"]["score"] = json!(87.87),
    );
    f.edit(
        "invalid-unknown-member-rubric.json",
        &base,
        &[("unknown_member", "rubric.title")],
        "an unknown member in rubric",
        |v| v["rubric"]["title"] = json!("AMPK 2025 — rubrik model"),
    );
    f.edit("invalid-missing-agency.json", &base, &[("missing_member", "")], "agency removed", |v| {
        v.as_object_mut().expect("object").remove("agency");
    });
    f.edit(
        "invalid-missing-officer-name.json",
        &base,
        &[("missing_member", "agency.officer")],
        "agency.officer.name removed",
        |v| {
            v["agency"]["officer"].as_object_mut().expect("object").remove("name");
        },
    );
    f.edit(
        "invalid-missing-inputs.json",
        &base,
        &[("missing_member", L)],
        "the inputs of the only category removed",
        |v| {
            v["categories"]["lapor_opd"].as_object_mut().expect("object").remove("inputs");
        },
    );

    // 5. The rubric.
    let mut s = base.clone();
    s.rubric_sha256 = "5d41402abc4b2a76b9719d911017c592ae9a3b8f0d0e5f1c7a2b3c4d5e6f7a8b".into();
    f.written(
        "invalid-rubric-fingerprint.json",
        &s,
        BASE_AT,
        &[("rubric_mismatch", "rubric")],
        "the model rubric's id but another fingerprint (another revision of the file)",
    );
    let mut s = base.clone();
    s.rubric_id = "ampk-2025-resmi".into();
    s.rubric_sha256 = "0c1f8e2d3b4a59687766554433221100ffeeddccbbaa99887766554433221100".into();
    f.written(
        "invalid-rubric-id.json",
        &s,
        BASE_AT,
        &[("rubric_mismatch", "rubric")],
        "another rubric (ampk-2025-resmi)",
    );

    // 6. Header rules.
    let mut s = base.clone();
    s.submission_id = "DISKOPUKM-2025-001".into();
    f.written(
        "invalid-submission-id-not-uuid.json",
        &s,
        BASE_AT,
        &[("bad_submission_id", "submission_id")],
        "submission_id \"DISKOPUKM-2025-001\"",
    );
    let mut s = base.clone();
    s.submission_id = "6ba7b810-9dad-11d1-80b4-00c04fd430c8".into();
    f.written(
        "invalid-submission-id-uuid-v1.json",
        &s,
        BASE_AT,
        &[("bad_submission_id", "submission_id")],
        "a version 1 UUID as submission_id",
    );
    let mut s = base.clone();
    s.kit_version = "v0.1".into();
    f.written("invalid-kit-version.json", &s, BASE_AT, &[("bad_kit_version", "kit_version")], "kit_version \"v0.1\"");
    // months out of range: written with the nearest valid month count (so `computed` matches the
    // re-score, which clamps months to 1–12), then edited.
    let mut s = base.clone();
    s.months = 1;
    f.push("invalid-months-0.json", edited(&s, BASE_AT, |v| v["months"] = json!(0)), "rejected", &[("months_range", "months")], true, "written with months 1, then edited: months 0; integrity digest re-computed (computed stays the re-score, which clamps months to 1–12)");
    let mut s = base.clone();
    s.months = 12;
    f.push("invalid-months-13.json", edited(&s, BASE_AT, |v| v["months"] = json!(13)), "rejected", &[("months_range", "months")], true, "written with months 12, then edited: months 13; integrity digest re-computed (computed stays the re-score, which clamps months to 1–12)");
    f.edit(
        "invalid-months-huge.json",
        &base,
        &[("out_of_range", "months")],
        "months 5000000000 (beyond any month count and a 32-bit integer)",
        |v| v["months"] = json!(5_000_000_000u64),
    );
    let mut s = base.clone();
    s.agency.agency_type = "dinas".into();
    f.written(
        "invalid-agency-type-unknown.json",
        &s,
        BASE_AT,
        &[("unknown_agency_type", "agency.type"), ("ineligible_category", L)],
        "agency type \"dinas\" (an unknown type is eligible for no category, so ineligible_category is unavoidable)",
    );
    let mut s = base.clone();
    s.agency.name = "DK".into();
    f.written(
        "invalid-agency-name-too-short.json",
        &s,
        BASE_AT,
        &[("agency_name_length", "agency.name")],
        "agency name \"DK\"",
    );
    let mut s = base.clone();
    s.agency.name = format!("{}.", name_200());
    f.written(
        "invalid-agency-name-too-long.json",
        &s,
        BASE_AT,
        &[("agency_name_length", "agency.name")],
        "an agency name of 201 characters",
    );
    let mut s = base_uptd();
    s.agency.parent = None;
    f.written(
        "invalid-uptd-without-parent.json",
        &s,
        BASE_AT,
        &[("parent_required", "agency.parent")],
        "a uptd without parent",
    );
    let mut s = base_uptd();
    s.agency.parent = Some("   ".into());
    f.written(
        "invalid-uptd-blank-parent.json",
        &s,
        BASE_AT,
        &[("parent_required", "agency.parent")],
        "a uptd whose parent is blank",
    );
    let mut s = base.clone();
    s.agency.officer_name = " ".into();
    f.written(
        "invalid-officer-name-empty.json",
        &s,
        BASE_AT,
        &[("officer_name", "agency.officer.name")],
        "a blank officer name",
    );
    let mut s = base.clone();
    s.agency.officer_email = Some("humas.diskopukm@contohprov".into());
    f.written(
        "invalid-email.json",
        &s,
        BASE_AT,
        &[("bad_email", "agency.officer.email")],
        "an email address without a domain dot",
    );
    let mut s = base.clone();
    s.agency.officer_phone = Some("0511-CALL-HUMAS".into());
    f.written(
        "invalid-phone.json",
        &s,
        BASE_AT,
        &[("bad_phone", "agency.officer.phone")],
        "a phone number with letters",
    );
    let mut s = base.clone();
    s.jury_estimate = Some(150.0);
    f.written(
        "invalid-jury-estimate-150.json",
        &s,
        BASE_AT,
        &[("jury_estimate_range", "jury_estimate")],
        "jury_estimate 150",
    );
    f.written(
        "invalid-exported-at-local-time.json",
        &base,
        "2025-11-05 09:30:00",
        &[("bad_timestamp", "exported_at")],
        "exported_at \"2025-11-05 09:30:00\" (local time, no T, no Z)",
    );
    f.written(
        "invalid-exported-at-offset.json",
        &base,
        "2025-11-05T09:30:00+08:00",
        &[("bad_timestamp", "exported_at")],
        "exported_at with a +08:00 offset instead of UTC",
    );

    // 7. Categories and figures.
    let mut s = base.clone();
    s.categories.clear();
    f.written("invalid-no-categories.json", &s, BASE_AT, &[("no_categories", "categories")], "no category");
    let mut s = base.clone();
    s.categories.insert(
        "podcast".into(),
        Entry { inputs: figs(json!({"episodes": 12})), evidence: BTreeMap::new(), note: None },
    );
    f.written(
        "invalid-unknown-category.json",
        &s,
        BASE_AT,
        &[("unknown_category", "categories.podcast")],
        "an extra category \"podcast\" the rubric does not have",
    );
    let mut s = base_kabkota();
    add(&mut s, "website", worked("website"), "diskominfo.contohhilirkab.go.id", None);
    f.written(
        "invalid-ineligible-category.json",
        &s,
        BASE_AT,
        &[("ineligible_category", "categories.website")],
        "a kabkota entering website",
    );
    let mut s = base.clone();
    set_input(&mut s, "lapor_opd", "satisfaction_pct", InputValue::Number(90.0));
    f.written(
        "invalid-unknown-input.json",
        &s,
        BASE_AT,
        &[("unknown_input", &format!("{L}.inputs.satisfaction_pct"))],
        "an input the category does not have",
    );
    let mut s = base.clone();
    s.categories.get_mut("lapor_opd").expect("lapor_opd").inputs.remove("completed");
    f.written(
        "invalid-missing-input.json",
        &s,
        BASE_AT,
        &[("missing_input", &format!("{L}.inputs.completed"))],
        "the required input completed left out (its evidence kept)",
    );
    let mut s = base.clone();
    set_input(&mut s, "lapor_opd", "followed_up_5d", InputValue::Number(29.5));
    f.written(
        "invalid-integer-not-whole.json",
        &s,
        BASE_AT,
        &[("not_whole", &format!("{L}.inputs.followed_up_5d"))],
        "29.5 for the integer input followed_up_5d",
    );
    let mut s = base.clone();
    set_input(&mut s, "lapor_opd", "avg_days_first_followup", InputValue::Number(-1.0));
    f.written(
        "invalid-below-min.json",
        &s,
        BASE_AT,
        &[("below_min", &format!("{L}.inputs.avg_days_first_followup"))],
        "avg_days_first_followup -1 (min 0)",
    );
    let mut s = base.clone();
    set_input(&mut s, "lapor_opd", "avg_days_first_followup", InputValue::Number(400.0));
    f.written(
        "invalid-above-max.json",
        &s,
        BASE_AT,
        &[("above_max", &format!("{L}.inputs.avg_days_first_followup"))],
        "avg_days_first_followup 400 (max 365)",
    );
    let mut s = base.clone();
    set_input(&mut s, "lapor_opd", "avg_days_first_followup", InputValue::Bool(true));
    f.written(
        "invalid-wrong-kind-bool-for-number.json",
        &s,
        BASE_AT,
        &[("wrong_kind", &format!("{L}.inputs.avg_days_first_followup"))],
        "true for the number input avg_days_first_followup",
    );
    let mut s = base.clone();
    set_input(&mut s, "lapor_opd", "channel", InputValue::Number(5.0));
    f.written(
        "invalid-wrong-kind-number-for-checklist.json",
        &s,
        BASE_AT,
        &[("wrong_kind", &format!("{L}.inputs.channel"))],
        "5 for the checklist input channel",
    );
    let mut s = base.clone();
    let mut channel = figs(json!({"x": all("yes", CHANNEL)})).remove("x").expect("channel");
    if let InputValue::Checklist(m) = &mut channel {
        m.insert("hotline_24_jam".into(), Answer::Yes);
    }
    set_input(&mut s, "lapor_opd", "channel", channel);
    f.written(
        "invalid-unknown-checklist-item.json",
        &s,
        BASE_AT,
        &[("unknown_item", &format!("{L}.inputs.channel.hotline_24_jam"))],
        "a checklist item the rubric does not have",
    );
    let mut s = base.clone();
    set_input(&mut s, "lapor_opd", "completed", InputValue::Number(37.0));
    f.written(
        "invalid-check-failed.json",
        &s,
        BASE_AT,
        &[("check_failed", &format!("{L}.inputs.completed"))],
        "completed 37 > followed_up 36",
    );
    let mut s = base.clone();
    set_link(&mut s, "lapor_opd", "rekap_pdf", &["https://diskopukm.contohprov.go.id/ampk-2025/rekap.pdf"]);
    f.written(
        "invalid-evidence-unknown-input.json",
        &s,
        BASE_AT,
        &[("evidence_unknown_input", &format!("{L}.evidence.rekap_pdf"))],
        "evidence for an input the category does not have",
    );
    for (name, url, made) in [
        ("invalid-url-javascript.json", "javascript:alert(document.cookie)", "a javascript: link"),
        ("invalid-url-ftp.json", "ftp://arsip.contohprov.go.id/lapor/rekap.pdf", "an ftp:// link"),
        ("invalid-url-relative.json", "/ampk-2025/lapor_opd/received.pdf", "a relative link"),
        ("invalid-url-no-host.json", "https:///lapor/rekap.pdf", "an https link without host"),
        (
            "invalid-url-markup.json",
            "https://diskopukm.contohprov.go.id/\"><img src=x onerror=alert(1)>",
            "a link carrying markup",
        ),
    ] {
        let mut s = base.clone();
        set_link(&mut s, "lapor_opd", "received", &[url]);
        f.written(name, &s, BASE_AT, &[("bad_url", &format!("{L}.evidence.received[0]"))], made);
    }
    let mut s = base.clone();
    set_link(
        &mut s,
        "lapor_opd",
        "received",
        &[
            "https://diskopukm.contohprov.go.id/lapor/rekap.pdf",
            "https://diskopukm.contohprov.go.id/lapor/rekap aduan oktober.pdf",
        ],
    );
    f.written(
        "invalid-url-with-space.json",
        &s,
        BASE_AT,
        &[("bad_url", &format!("{L}.evidence.received[1]"))],
        "a second link with spaces in it",
    );

    // 8. Several mistakes at once: all are reported.
    let mut s = base.clone();
    s.submission_id = "12345".into();
    s.kit_version = "1.0".into();
    s.agency.officer_name = String::new();
    s.agency.officer_email = Some("humas diskop@contohprov.go.id".into());
    s.agency.officer_phone = Some("123".into());
    s.jury_estimate = Some(-5.0);
    s.months = 12;
    f.push(
        "invalid-multi-header.json",
        edited(&s, "2025-11-05T25:00:00Z", |v| v["months"] = json!(13)),
        "rejected",
        &[
            ("bad_submission_id", "submission_id"),
            ("bad_kit_version", "kit_version"),
            ("months_range", "months"),
            ("officer_name", "agency.officer.name"),
            ("bad_email", "agency.officer.email"),
            ("bad_phone", "agency.officer.phone"),
            ("jury_estimate_range", "jury_estimate"),
            ("bad_timestamp", "exported_at"),
        ],
        true,
        "written with eight header mistakes (months 12, then edited to 13); integrity digest re-computed",
    );
    let mut s = base.clone();
    add(&mut s, "website", worked("website"), "diskopukm.contohprov.go.id", None);
    set_input(&mut s, "lapor_opd", "followed_up_5d", InputValue::Number(40.0));
    set_input(&mut s, "lapor_opd", "avg_days_first_followup", InputValue::Number(1000.0));
    set_input(&mut s, "website", "web_posts", InputValue::Number(95.5));
    set_input(&mut s, "website", "months_with_4_posts", InputValue::Number(11.0));
    s.categories.get_mut("website").expect("website").inputs.remove("visits");
    set_link(&mut s, "website", "lh_seo", &["pagespeed.web.dev/analysis"]);
    f.written(
        "invalid-multi-figures.json",
        &s,
        BASE_AT,
        &[
            ("check_failed", &format!("{L}.inputs.followed_up_5d")),
            ("above_max", &format!("{L}.inputs.avg_days_first_followup")),
            ("not_whole", "categories.website.inputs.web_posts"),
            ("check_failed", "categories.website.inputs.months_with_4_posts"),
            ("missing_input", "categories.website.inputs.visits"),
            ("bad_url", "categories.website.evidence.lh_seo[0]"),
        ],
        "figure mistakes in two categories: a failed check in each, a value above max, a fraction for an integer, a missing input and a link without scheme",
    );
}

fn warning_fixtures(f: &mut Fixtures) {
    let base = base_opd();
    const W: &str = "accepted_with_warnings";
    f.push(
        "warn-digest-mismatch-note-edited.json",
        tampered(&base, BASE_AT, |v| {
            v["categories"]["lapor_opd"]["note"] = json!("Data LAPOR! Januari–Oktober 2025 (sudah diperbaiki).")
        }),
        W,
        &[("digest_mismatch", "integrity.digest")],
        true,
        "written, then the note edited without re-computing the digest",
    );
    f.push(
        "warn-digest-mismatch-figure-edited.json",
        tampered(&base, BASE_AT, |v| v["categories"]["lapor_opd"]["inputs"]["received"] = json!(48)),
        W,
        &[("digest_mismatch", "integrity.digest"), ("computed_differs", "computed.lapor_opd")],
        true,
        "written, then a figure edited (received 38 → 48) without re-computing the digest; computed no longer matches the re-score either",
    );
    f.push(
        "warn-digest-missing.json",
        tampered(&base, BASE_AT, |v| {
            v.as_object_mut().expect("object").remove("integrity");
        }),
        W,
        &[("digest_missing", "integrity")],
        true,
        "written, then integrity removed",
    );
    f.push(
        "warn-digest-null.json",
        tampered(&base, BASE_AT, |v| v["integrity"] = Value::Null),
        W,
        &[("digest_missing", "integrity")],
        true,
        "written, then integrity set to null",
    );
    f.push(
        "warn-digest-algorithm.json",
        tampered(&base, BASE_AT, |v| v["integrity"]["algorithm"] = json!("sha256")),
        W,
        &[("digest_algorithm", "integrity.algorithm"), ("digest_mismatch", "integrity.digest")],
        true,
        "written, then integrity.algorithm changed to \"sha256\" (an unknown algorithm cannot confirm the digest)",
    );
    f.push(
        "warn-computed-edited.json",
        edited(&base, BASE_AT, |v| {
            v["computed"]["lapor_opd"]["data_score"] = json!(95.5);
            v["computed"]["lapor_opd"]["predicate"] = json!("Unggul");
            v["computed"]["lapor_opd"]["indicators"]["D"] = json!(100);
        }),
        W,
        &[("computed_differs", "computed.lapor_opd")],
        true,
        "written, then the embedded scores raised; integrity digest re-computed",
    );
    f.push(
        "warn-computed-extra-category.json",
        edited(&base, BASE_AT, |v| {
            v["computed"]["website"] = json!({"data_score": 70.05, "predicate": "Baik", "indicators": {"W1": 47.5}});
        }),
        W,
        &[("computed_differs", "computed.website")],
        true,
        "written, then an embedded score added for a category without figures; integrity digest re-computed",
    );
    let mut s = base.clone();
    let e = s.categories.get_mut("lapor_opd").expect("lapor_opd");
    e.evidence.remove("received");
    e.evidence.remove("completed");
    f.push(
        "warn-evidence-missing.json",
        write(&s, BASE_AT),
        W,
        &[
            ("evidence_missing", "categories.lapor_opd.evidence.received"),
            ("evidence_missing", "categories.lapor_opd.evidence.completed"),
        ],
        true,
        "written by submission::write without the required evidence of received and completed",
    );
    let mut s = base.clone();
    set_link(&mut s, "lapor_opd", "channel", &[]);
    f.push(
        "warn-evidence-empty-list.json",
        write(&s, BASE_AT),
        W,
        &[("evidence_missing", "categories.lapor_opd.evidence.channel")],
        true,
        "written by submission::write with an empty list of links for channel",
    );
}

/// `expected.json` as written: pretty, with each `[code, path]` pair on one line.
fn expected_json(expected: &Expected) -> String {
    let q = |s: &str| serde_json::to_string(s).expect("serialises");
    let entries: Vec<String> = expected
        .iter()
        .map(|(name, e)| {
            let problems = if e.problems.is_empty() {
                "[]".to_string()
            } else {
                let pairs: Vec<String> =
                    e.problems.iter().map(|(c, p)| format!("      [{}, {}]", q(c), q(p))).collect();
                format!("[\n{}\n    ]", pairs.join(",\n"))
            };
            format!(
                "  {}: {{\n    \"status\": {},\n    \"problems\": {problems},\n    \"exact\": {},\n    \"made\": {}\n  }}",
                q(name),
                q(&e.status),
                e.exact,
                q(&e.made)
            )
        })
        .collect();
    format!("{{\n{}\n}}\n", entries.join(",\n"))
}

/// Regenerates the fixture folder. Run with `UPDATE_FIXTURES=1` (see the module docs).
#[test]
fn generate_fixtures() {
    if std::env::var("UPDATE_FIXTURES").as_deref() != Ok("1") {
        return;
    }
    let dir = data_dir();
    std::fs::create_dir_all(&dir).expect("fixture folder");
    for old in std::fs::read_dir(&dir).expect("fixture folder") {
        let path = old.expect("directory entry").path();
        if path.extension().is_some_and(|x| x == "json") {
            std::fs::remove_file(&path).expect("remove old fixture");
        }
    }
    let mut expected = Expected::new();
    for fx in fixtures() {
        std::fs::write(dir.join(&fx.name), &fx.bytes).expect("write fixture");
        expected.insert(fx.name, fx.expect);
    }
    std::fs::write(dir.join("expected.json"), expected_json(&expected)).expect("write expected.json");
}

#[test]
fn fixtures_match_their_generator() {
    if std::env::var("UPDATE_FIXTURES").as_deref() == Ok("1") {
        return;
    }
    let dir = data_dir();
    let mut want = Expected::new();
    for fx in fixtures() {
        let on_disk = std::fs::read(dir.join(&fx.name)).unwrap_or_else(|e| panic!("{}: {e}", fx.name));
        assert!(
            on_disk == fx.bytes,
            "{} differs from what the generator writes; regenerate with UPDATE_FIXTURES=1 (module docs)",
            fx.name
        );
        want.insert(fx.name, fx.expect);
    }
    assert_eq!(expected(), want, "expected.json differs from the generator's expectations");
    let text = std::fs::read_to_string(dir.join("expected.json")).expect("expected.json");
    assert!(text == expected_json(&want), "expected.json is not formatted as the generator writes it");
}

#[test]
fn manifest_lists_exactly_the_fixtures() {
    let files = file_names();
    let expected = expected();
    let listed: BTreeSet<String> = expected.keys().cloned().collect();
    let unlisted: Vec<_> = files.difference(&listed).collect();
    let missing: Vec<_> = listed.difference(&files).collect();
    assert!(unlisted.is_empty(), "fixtures without an entry in expected.json: {unlisted:?}");
    assert!(missing.is_empty(), "expected.json names files that do not exist: {missing:?}");
    let count = |p: &str| files.iter().filter(|n| n.starts_with(p)).count();
    assert_eq!(
        count("valid-") + count("invalid-") + count("warn-"),
        files.len(),
        "a fixture name must start with valid-, invalid- or warn-"
    );
    assert!(count("valid-") >= 12, "only {} valid fixtures", count("valid-"));
    assert!(count("invalid-") >= 45, "only {} invalid fixtures", count("invalid-"));
    assert!(count("warn-") >= 4, "only {} warning fixtures", count("warn-"));
    for (name, e) in &expected {
        let status = match name.split('-').next() {
            Some("valid") => "accepted",
            Some("invalid") => "rejected",
            Some("warn") => "accepted_with_warnings",
            _ => unreachable!(),
        };
        assert_eq!(e.status, status, "{name}");
        assert_eq!(e.problems.is_empty(), status == "accepted", "{name}: problems {:?}", e.problems);
        assert!(!e.made.trim().is_empty(), "{name}: say how the file was made");
    }
    // Every rule of the format has a fixture.
    let codes: BTreeSet<&str> = expected.values().flat_map(|e| e.problems.iter().map(|(c, _)| c.as_str())).collect();
    for code in [
        "not_json",
        "format",
        "newer_version",
        "format_version",
        "too_deep",
        "string_too_long",
        "too_many_links",
        "wrong_type",
        "out_of_range",
        "not_allowed_value",
        "unknown_member",
        "missing_member",
        "rubric_mismatch",
        "bad_submission_id",
        "bad_kit_version",
        "months_range",
        "unknown_agency_type",
        "agency_name_length",
        "parent_required",
        "officer_name",
        "bad_email",
        "bad_phone",
        "no_categories",
        "jury_estimate_range",
        "bad_timestamp",
        "unknown_category",
        "ineligible_category",
        "unknown_input",
        "missing_input",
        "not_whole",
        "below_min",
        "above_max",
        "wrong_kind",
        "unknown_item",
        "check_failed",
        "evidence_unknown_input",
        "bad_url",
        "digest_mismatch",
        "digest_missing",
        "digest_algorithm",
        "computed_differs",
        "evidence_missing",
    ] {
        assert!(codes.contains(code), "no fixture for {code}");
    }
}

// ---------------------------------------------------------------------------------------------
// Valid files
// ---------------------------------------------------------------------------------------------

/// The re-score of an accepted file, as the snapshot shows it.
fn rescore(r: &Rubric, f: &FileReport) -> Value {
    let read = f.read.as_ref().expect("read");
    let checked = f.checked.as_ref().expect("checked");
    let cats: Vec<Value> = checked
        .cards
        .iter()
        .zip(&checked.evidence_risk)
        .map(|(card, risk)| {
            let def = &r.file.categories[card.category];
            let indicators: serde_json::Map<String, Value> = def
                .indicators
                .iter()
                .zip(&card.indicators)
                .map(|(d, s)| (d.id.clone(), json!(round2(s.score))))
                .collect();
            json!({
                "id": def.id,
                "data_score": card.rounded(),
                "predicate": card.predicate(r, Lang::Id),
                "predicate_en": card.predicate(r, Lang::En),
                "indicators": indicators,
                "final_jury_0_100": [round2(card.final_score(r, 0.0)), round2(card.final_score(r, 100.0))],
                "final_jury_estimate": read.wire.jury_estimate.map(|j| round2(card.final_score(r, j))),
                "evidence_risk": round2(*risk),
            })
        })
        .collect();
    json!({
        "agency": read.wire.agency.name,
        "type": read.wire.agency.agency_type,
        "months": read.wire.months,
        "categories": cats,
    })
}

#[test]
fn valid_files_are_accepted_rescored_and_round_trip() {
    let r = rubric();
    insta::glob!("data/submissions/v1/valid-*.json", |path| {
        let name = name_of(path);
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let read = submission::read(&bytes).unwrap_or_else(|p| panic!("{name}: not readable: {p:#?}"));
        let report = import::assess(r, &name, &bytes);
        assert_eq!(report.status, Status::Accepted, "{name}: {:#?}", report.reasons);
        assert!(report.reasons.is_empty(), "{name}: {:#?}", report.reasons);
        let checked = report.checked.as_ref().expect("checked");
        assert_eq!(checked.integrity, Some(submission::Integrity::Ok), "{name}");
        assert_eq!(checked.cards.len(), read.wire.categories.len(), "{name}: every category is re-scored");
        // The embedded projection is exactly the re-score.
        for card in &checked.cards {
            let id = &r.file.categories[card.category].id;
            let c = &read.wire.computed[id];
            assert_eq!(c.data_score, card.rounded(), "{name}: {id}");
            assert_eq!(c.predicate, card.predicate(r, Lang::Id), "{name}: {id}");
        }
        // Round trip through the domain type and the writer, byte for byte.
        let sub = Submission::from(&read.wire);
        let again = submission::write(r, &sub, &read.wire.exported_at);
        assert!(again.as_bytes() == bytes.as_slice(), "{name}: re-writing is not byte-identical:\n{again}");
        // The digest written is the digest of the written document.
        let digest = read.wire.integrity.as_ref().expect("integrity").digest.clone();
        assert_eq!(digest, submission::digest(&read.value), "{name}");
        assert!(
            digest.len() == 64 && digest.bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c)),
            "{name}: {digest}"
        );
        insta::assert_json_snapshot!(rescore(r, &report));
    });
}

#[test]
fn kota_contoh_e_matches_the_worked_example() {
    // model-rubric.md, "Kota Contoh E (data 6 bulan)".
    let r = rubric();
    let bytes = std::fs::read(data_dir().join("valid-kabkota-kota-contoh-e-6-months.json")).expect("fixture");
    let f = import::assess(r, "e.json", &bytes);
    let c = f.checked.as_ref().expect("checked");
    let got: Vec<(String, f64, &str, f64, f64)> = c
        .cards
        .iter()
        .map(|card| {
            (
                r.file.categories[card.category].id.clone(),
                card.rounded(),
                card.predicate(r, Lang::Id),
                round2(card.final_score(r, 0.0)),
                round2(card.final_score(r, 100.0)),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("mitra_humas".to_string(), 85.11, "Sangat Baik", 59.58, 89.58),
            ("lapor_kabkota".to_string(), 93.80, "Unggul", 65.66, 95.66),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Invalid and warning files
// ---------------------------------------------------------------------------------------------

/// Checks one invalid or warning fixture against `expected.json`; returns what the snapshot pins.
fn check_problem_file(path: &Path, expected: &Expected) -> Value {
    let name = name_of(path);
    let want = expected.get(&name).unwrap_or_else(|| panic!("{name}: not listed in expected.json"));
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{name}: {e}"));
    let report = import::assess(rubric(), &name, &bytes);
    assert_eq!(report.status.as_str(), want.status, "{name}: {:#?}", report.reasons);
    assert!(!report.reasons.is_empty(), "{name}: no reason given");
    for p in &report.reasons {
        assert!(
            !p.message(ampk_core::Lang::Id).trim().is_empty(),
            "{name}: problem without an Indonesian message: {p:?}"
        );
        assert!(!p.message(ampk_core::Lang::En).trim().is_empty(), "{name}: problem without an English message: {p:?}");
    }
    let found: BTreeSet<(String, String)> =
        report.reasons.iter().map(|p| (p.code.to_string(), p.path.clone())).collect();
    assert!(!want.problems.is_empty(), "{name}: expected.json lists no problem");
    for pair in &want.problems {
        assert!(found.contains(pair), "{name}: expected {pair:?} among the reasons, found {found:?}");
    }
    if want.exact {
        let want: BTreeSet<(String, String)> = want.problems.iter().cloned().collect();
        let extra: Vec<_> = found.difference(&want).collect();
        assert!(extra.is_empty(), "{name}: reported more than expected: {extra:?}");
    }
    // Warnings never block ranking; errors always do.
    if let Some(c) = &report.checked {
        assert_eq!(c.eligible(), report.status != Status::Rejected, "{name}");
    }
    json!({"status": report.status.as_str(), "reasons": report.reasons})
}

#[test]
fn invalid_files_are_rejected_with_their_problems() {
    let expected = expected();
    insta::glob!("data/submissions/v1/invalid-*.json", |path| {
        let snapshot = check_problem_file(path, &expected);
        insta::assert_json_snapshot!(snapshot);
    });
}

#[test]
fn warning_files_are_accepted_with_their_warnings() {
    let expected = expected();
    insta::glob!("data/submissions/v1/warn-*.json", |path| {
        let snapshot = check_problem_file(path, &expected);
        insta::assert_json_snapshot!(snapshot);
    });
}

#[test]
fn missing_evidence_lowers_the_evidence_risk_score_only() {
    // Spec §2: inputs lacking required evidence count as 0 in the evidence-risk score; the
    // ranked score is unchanged.
    let r = rubric();
    let bytes = std::fs::read(data_dir().join("warn-evidence-missing.json")).expect("fixture");
    let f = import::assess(r, "x.json", &bytes);
    let c = f.checked.as_ref().expect("checked");
    let full = import::assess(r, "y.json", valid_base_text());
    let card = &c.cards[0];
    assert_eq!(card.data_score, full.checked.as_ref().expect("checked").cards[0].data_score);
    let mut zeroed = base_opd().categories["lapor_opd"].inputs.clone();
    zeroed.insert("received".into(), InputValue::Number(0.0));
    zeroed.insert("completed".into(), InputValue::Number(0.0));
    let risk = ampk_core::score(r, card.category, &zeroed, 10).data_score;
    assert_eq!(c.evidence_risk, [risk]);
    assert!(risk < card.data_score, "{risk} vs {}", card.data_score);
}

#[test]
fn a_different_rubric_is_named_in_the_message() {
    let r = rubric();
    for (file, other) in
        [("invalid-rubric-id.json", "ampk-2025-resmi"), ("invalid-rubric-fingerprint.json", "ampk-2025-model")]
    {
        let bytes = std::fs::read(data_dir().join(file)).expect("fixture");
        let f = import::assess(r, file, &bytes);
        let p = &f.reasons[0];
        assert_eq!(&*p.code, "rubric_mismatch");
        let theirs = &f.read.as_ref().expect("read").wire.rubric.sha256[..12];
        for lang in ampk_core::Lang::ALL {
            let msg = p.message(lang);
            assert!(msg.contains(&format!("`{other}`")), "{file}: {msg}");
            assert!(msg.contains(&format!("\"{}\", `{}`", r.file.title.get(lang), r.file.id)), "{file}: {msg}");
            assert!(msg.contains(theirs) && msg.contains(&r.sha256[..12]), "{file}: both fingerprints: {msg}");
            // Where to go from here: the comparison, and the officer's migration.
            assert!(msg.contains("`ampk rubric diff "), "{file}: {msg}");
        }
        // Nothing else is checked or scored with the wrong rules.
        let c = f.checked.as_ref().expect("checked");
        assert!(c.cards.is_empty() && c.integrity.is_none(), "{file}");
    }
}

#[test]
fn oversize_files_are_refused_unread() {
    let r = rubric();
    let mut bytes = std::fs::read(data_dir().join("valid-opd-all-categories.json")).expect("fixture");
    // Padded with trailing whitespace to exactly the limit: still a valid, accepted file.
    bytes.resize(submission::MAX_BYTES, b' ');
    assert_eq!(import::assess(r, "limit.json", &bytes).status, Status::Accepted);
    // One byte more: refused before parsing, even though the JSON is fine.
    bytes.push(b' ');
    let f = import::assess(r, "big.json", &bytes);
    assert_eq!(f.status, Status::Rejected);
    let pairs: Vec<(&str, &str)> = f.reasons.iter().map(|p| (&*p.code, p.path.as_str())).collect();
    assert_eq!(pairs, [("too_large", "")]);
    assert!(
        f.reasons[0].message(ampk_core::Lang::En).contains(&(submission::MAX_BYTES + 1).to_string()),
        "{}",
        f.reasons[0].message(ampk_core::Lang::En)
    );
    assert!(f.read.is_none());
    // Garbage over the limit is not parsed either (the same code, not not_json).
    let f = import::assess(r, "junk.json", &vec![b'{'; submission::MAX_BYTES + 10]);
    assert_eq!(f.reasons.iter().map(|p| &*p.code).collect::<Vec<_>>(), ["too_large"]);
    // The UI's shortcut for files it will not even load.
    let f = import::too_large("huge.json", 5 << 20);
    assert_eq!((f.status, &*f.reasons[0].code, f.reasons[0].path.as_str()), (Status::Rejected, "too_large", ""));
}

#[test]
fn limits_are_exact() {
    let r = rubric();
    let base = base_opd();
    let codes = |bytes: &[u8]| -> Vec<String> {
        import::assess(r, "x.json", bytes).reasons.iter().map(|p| p.code.to_string()).collect()
    };
    // 2000 characters are allowed, 2001 are not (characters, not bytes: é is 2 bytes).
    for (n, want) in [(submission::MAX_STRING, vec![]), (submission::MAX_STRING + 1, vec!["string_too_long"])] {
        let mut s = base.clone();
        s.categories.get_mut("lapor_opd").expect("lapor_opd").note = Some("é".repeat(n));
        assert_eq!(codes(&write(&s, BASE_AT)), want, "note of {n} characters");
    }
    // 500 links are allowed, 501 are not.
    for (n, want) in [(submission::MAX_LINKS, vec![]), (submission::MAX_LINKS + 1, vec!["too_many_links"])] {
        let mut s = base.clone();
        let e = s.categories.get_mut("lapor_opd").expect("lapor_opd");
        let others: usize = e.evidence.iter().filter(|(k, _)| *k != "received").map(|(_, v)| v.len()).sum();
        let links: Vec<String> =
            (0..n - others).map(|i| format!("https://diskopukm.contohprov.go.id/bukti/{i}.jpg")).collect();
        e.evidence.insert("received".into(), links);
        assert_eq!(codes(&write(&s, BASE_AT)), want, "{n} links");
    }
    // Depth 32 is allowed (here in an unknown member, which is its only problem); 33 is not.
    let doc = |depth: usize| {
        let mut v: Value = serde_json::from_slice(&write(&base, BASE_AT)).expect("parses");
        v["x"] = nested(depth - 1);
        reseal(&mut v);
        serde_json::to_vec(&v).expect("serialises")
    };
    assert_eq!(codes(&doc(submission::MAX_DEPTH)), ["unknown_member"]);
    assert_eq!(codes(&doc(submission::MAX_DEPTH + 1)), ["too_deep"]);
    assert_eq!(codes(&doc(1000)), ["too_deep"]);
    // A byte order mark is tolerated and does not change the digest.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(write(&base, BASE_AT));
    assert!(codes(&bom).is_empty());
}

#[test]
fn url_timestamp_and_message_edge_cases() {
    // An http link whose host starts with a non-ASCII letter is as good as an https one.
    assert!(submission::is_http_url("https://ö.example.org/a"));
    assert!(submission::is_http_url("http://ö.example.org/a"));
    assert!(submission::is_http_url("HtTpS://arsip.contohprov.go.id"));
    for bad in
        ["http://", "https:/x.org", "mailto:humas@contohprov.go.id", "data:text/html,hi", "https://x.org/a\tb", "é"]
    {
        assert!(!submission::is_http_url(bad), "{bad}");
    }
    // RFC 3339: a decimal point needs digits after it.
    assert!(submission::timestamp_key("2025-11-02T03:04:05.1Z").is_some());
    assert!(submission::timestamp_key("2025-11-02T03:04:05.Z").is_none());
    assert!(submission::timestamp_key("2025-02-29T00:00:00Z").is_none(), "2025 is not a leap year");
    assert!(submission::timestamp_key("2025-11-02T24:00:00Z").is_none());
    // The English message never falls back to Indonesian.
    let p = submission::read(br#"{"format_version": 1}"#).expect_err("not a submission");
    assert_eq!(p[0].code, "format");
    assert!(!p[0].message(ampk_core::Lang::En).contains("tidak ada"), "{}", p[0].message(ampk_core::Lang::En));
    assert!(p[0].message(ampk_core::Lang::Id).contains("tidak ada"), "{}", p[0].message(ampk_core::Lang::Id));
}

// ---------------------------------------------------------------------------------------------
// Integrity digest
// ---------------------------------------------------------------------------------------------

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn digest_matches_the_jcs_reference_vectors() {
    // RFC 8785 vectors (tests/data/jcs) made of the value kinds a submission holds: objects,
    // arrays, strings, numbers and booleans (the vectors' `null` literal is left out).
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/jcs");
    for name in ["structures.json", "weird.json", "values.json"] {
        let input = std::fs::read_to_string(dir.join("input").join(name)).expect("vector");
        let mut expect = std::fs::read_to_string(dir.join("output").join(name)).expect("vector");
        let mut value: Value = serde_json::from_str(&input).expect("vector parses");
        if name == "values.json" {
            value["literals"] = json!([true, false]);
            expect = expect.replace(r#""literals":[null,true,false]"#, r#""literals":[true,false]"#);
        }
        assert!(!expect.contains("null"), "{name}");
        let want = hex(&Sha256::digest(expect.as_bytes()));
        assert_eq!(jcs::canonicalize(&value), expect, "{name}");
        assert_eq!(submission::digest(&value), want, "{name}");
        // The `integrity` member, whatever it holds, is not part of the digest.
        let mut sealed = value.clone();
        sealed["integrity"] = json!({"algorithm": "sha256-jcs", "digest": "0".repeat(64)});
        assert_eq!(submission::digest(&sealed), want, "{name}");
        sealed["integrity"] = json!({"algorithm": "sha256-jcs", "digest": want.clone()});
        assert_eq!(submission::digest(&sealed), want, "{name}");
    }
}

#[test]
fn digest_of_a_fixture_matches_an_independent_computation() {
    // Computed with Python, independently of this crate:
    //   d = json.load(open(path)); del d["integrity"]
    //   hashlib.sha256(json.dumps(d, sort_keys=True, separators=(",", ":"),
    //                  ensure_ascii=False).encode()).hexdigest()
    // (equal to JCS here: ASCII member names, numbers that print alike in Python and ECMAScript).
    const KOTA_CONTOH_E: &str = "f588217d2600901ec6d346b0150283c8d1c1b6f4a147b8a347ca76b29b98f67d";
    let bytes = std::fs::read(data_dir().join("valid-kabkota-kota-contoh-e-6-months.json")).expect("fixture");
    let read = submission::read(&bytes).expect("readable");
    assert_eq!(submission::digest(&read.value), KOTA_CONTOH_E);
    assert_eq!(read.wire.integrity.as_ref().expect("integrity").digest, KOTA_CONTOH_E);
}

/// Every way of changing one figure of an entry.
fn changed_figures(inputs: &Figures) -> Vec<(String, Figures)> {
    let mut out = Vec::new();
    for (id, v) in inputs {
        let mut variants = Vec::new();
        match v {
            InputValue::Number(n) => {
                variants.push(InputValue::Number(n + 1.0));
                variants.push(InputValue::Number(n + 0.5));
            }
            InputValue::Bool(b) => variants.push(InputValue::Bool(!b)),
            InputValue::Checklist(m) => {
                for (item, a) in m {
                    let mut m2 = m.clone();
                    m2.insert(item.clone(), if *a == Answer::Yes { Answer::Partial } else { Answer::Yes });
                    variants.push(InputValue::Checklist(m2));
                }
            }
        }
        for nv in variants {
            let mut f = inputs.clone();
            f.insert(id.clone(), nv);
            out.push((id.clone(), f));
        }
    }
    out
}

#[test]
fn changing_any_figure_changes_the_digest() {
    let r = rubric();
    let bytes = std::fs::read(data_dir().join("valid-opd-all-categories.json")).expect("fixture");
    let read = submission::read(&bytes).expect("readable");
    let s = Submission::from(&read.wire);
    let at = read.wire.exported_at.clone();
    let digest_of = |s: &Submission| -> String {
        let v: Value = serde_json::from_str(&submission::write(r, s, &at)).expect("parses");
        assert_eq!(v["integrity"]["digest"].as_str(), Some(submission::digest(&v).as_str()), "written digest");
        submission::digest(&v)
    };
    let original = digest_of(&s);
    assert_eq!(original, read.wire.integrity.as_ref().expect("integrity").digest);
    let mut seen = BTreeSet::from([original.clone()]);
    let mut changes = 0;
    for (cat, entry) in &s.categories {
        for (input, figures) in changed_figures(&entry.inputs) {
            let mut t = s.clone();
            t.categories.get_mut(cat).expect("category").inputs = figures;
            assert!(seen.insert(digest_of(&t)), "changing {cat}.{input} did not give a new digest");
            changes += 1;
        }
    }
    assert!(changes > 60, "{changes}");
    // And the rest of the content.
    type Edit = Box<dyn Fn(&mut Submission)>;
    let mut edits: Vec<Edit> = vec![
        Box::new(|t| t.months = 9),
        Box::new(|t| t.agency.name.push('.')),
        Box::new(|t| t.agency.officer_phone = None),
        Box::new(|t| t.jury_estimate = Some(80.5)),
        Box::new(|t| t.jury_estimate = None),
        Box::new(|t| t.submission_id = "611727b9-2f15-4456-8434-8307ee4f473a".into()),
        Box::new(|t| t.categories.get_mut("website").expect("website").note = Some("catatan".into())),
    ];
    edits.push(Box::new(|t| {
        let e = t.categories.get_mut("website").expect("website");
        e.evidence.get_mut("visits").expect("visits").push("https://dinkes.contohprov.go.id/statistik".into());
    }));
    for (i, edit) in edits.iter().enumerate() {
        let mut t = s.clone();
        edit(&mut t);
        assert!(seen.insert(digest_of(&t)), "edit {i} did not give a new digest");
    }
    // Only exported_at and integrity may change between exports of the same data (below).
    assert_ne!(
        digest_of(&s),
        submission::digest(&serde_json::from_str(&submission::write(r, &s, "2025-11-03T02:00:01Z")).expect("parses"))
    );
}

#[test]
fn two_exports_differ_only_in_exported_at_and_integrity() {
    let r = rubric();
    for name in ["valid-opd-all-categories.json", "valid-uptd-media-sosial-minimal.json", "valid-opd-unicode-note.json"]
    {
        let bytes = std::fs::read(data_dir().join(name)).expect("fixture");
        let s = Submission::from(&submission::read(&bytes).expect("readable").wire);
        let a = submission::write(r, &s, "2025-11-03T02:00:00Z");
        let b = submission::write(r, &s, "2025-11-10T09:30:15.25Z");
        assert_eq!(a.lines().count(), b.lines().count(), "{name}");
        let differing: Vec<(&str, &str)> = a.lines().zip(b.lines()).filter(|(x, y)| x != y).collect();
        assert_eq!(differing.len(), 2, "{name}: {differing:#?}");
        assert!(differing[0].0.trim_start().starts_with("\"exported_at\": "), "{name}: {differing:?}");
        assert!(differing[1].0.trim_start().starts_with("\"digest\": "), "{name}: {differing:?}");
        // The exports are the same draft with identical content: imported once.
        let report = import::import(
            r,
            &[("a.json".into(), a.into_bytes()), ("b.json".into(), b.into_bytes())],
            &JuryMarks::new(),
        );
        assert_eq!(outcome(&report, "a.json").0, Status::Superseded, "{name}");
        assert_eq!(outcome(&report, "b.json").0, Status::Accepted, "{name}");
    }
}

// ---------------------------------------------------------------------------------------------
// Duplicates
// ---------------------------------------------------------------------------------------------

/// A file's status and its reasons as `code` list.
fn outcome<'a>(report: &'a ImportReport, file: &str) -> (Status, Vec<&'a str>) {
    let f = report.files.iter().find(|f| f.file == file).unwrap_or_else(|| panic!("{file} not in the report"));
    (f.status, f.reasons.iter().map(|p| &*p.code).collect())
}

/// A superseded file's reason names the file that replaced it.
fn superseded_by(report: &ImportReport, file: &str, code: &str, by: &str) {
    let f = report.files.iter().find(|f| f.file == file).expect("file");
    assert_eq!(f.status, Status::Superseded, "{file}: {:?}", f.reasons);
    let p = f.reasons.iter().find(|p| p.code == code).unwrap_or_else(|| panic!("{file}: no {code}: {:?}", f.reasons));
    assert!(
        p.message(ampk_core::Lang::Id).contains(&format!("\"{by}\""))
            && p.message(ampk_core::Lang::En).contains(&format!("\"{by}\"")),
        "{file}: {p:?}"
    );
}

/// Outcome of a whole import, independent of file order: per file its status and reasons, per
/// category its ranking as (file, rank, winner).
type Outcome = (BTreeMap<String, (Status, Vec<Problem>)>, Vec<Vec<(String, u32, bool)>>);

fn canonical(report: &ImportReport) -> Outcome {
    let files = report.files.iter().map(|f| (f.file.clone(), (f.status, f.reasons.clone()))).collect();
    let cats = report
        .categories
        .iter()
        .map(|c| c.rows.iter().map(|row| (report.files[row.file].file.clone(), row.rank, row.winner)).collect())
        .collect();
    (files, cats)
}

/// Imports the files in every order (all permutations up to 6 files, else rotations and
/// reversals) and checks that the outcome is the same; returns it for the first order.
fn order_independent(files: &[(&str, Vec<u8>)]) -> ImportReport {
    let r = rubric();
    let assessed: Vec<FileReport> = files.iter().map(|(n, b)| import::assess(r, n, b)).collect();
    let first = import::resolve(r, assessed.clone(), &JuryMarks::new());
    let want = canonical(&first);
    let mut orders: Vec<Vec<usize>> = Vec::new();
    if files.len() <= 6 {
        fn perms(n: usize, cur: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
            if cur.len() == n {
                out.push(cur.clone());
                return;
            }
            for i in 0..n {
                if !cur.contains(&i) {
                    cur.push(i);
                    perms(n, cur, out);
                    cur.pop();
                }
            }
        }
        perms(files.len(), &mut Vec::new(), &mut orders);
    } else {
        for k in 0..files.len() {
            let rot: Vec<usize> = (0..files.len()).map(|i| (i + k) % files.len()).collect();
            orders.push(rot.iter().rev().copied().collect());
            orders.push(rot);
        }
    }
    for order in orders {
        let shuffled: Vec<FileReport> = order.iter().map(|&i| assessed[i].clone()).collect();
        let got = canonical(&import::resolve(r, shuffled, &JuryMarks::new()));
        assert_eq!(got, want, "order {order:?} changes the outcome");
    }
    // Resolving an already resolved batch again changes nothing (chunked imports).
    let again = canonical(&import::resolve(r, first.files.clone(), &JuryMarks::new()));
    assert_eq!(again, want);
    first
}

#[test]
fn an_identical_file_twice_is_imported_once() {
    let bytes = std::fs::read(data_dir().join("valid-opd-two-categories.json")).expect("fixture");
    let report = order_independent(&[("diskominfo.json", bytes.clone()), ("diskominfo (1).json", bytes.clone())]);
    // Same content and the same exported_at: the order of the file names decides, not the order given.
    assert_eq!(outcome(&report, "diskominfo.json"), (Status::Accepted, vec![]));
    superseded_by(&report, "diskominfo (1).json", "duplicate_identical", "diskominfo.json");
    assert_eq!(outcome(&report, "diskominfo (1).json").1, ["duplicate_identical"]);
    // Ranked once.
    let website = &report.categories[rubric().category_index("website").expect("website")];
    assert_eq!(website.rows.len(), 1);
}

#[test]
fn the_same_draft_exported_twice_is_imported_once() {
    let s = base_opd();
    let early = write(&s, "2025-11-01T08:00:00Z");
    let late = write(&s, "2025-11-04T08:00:00Z");
    assert_ne!(early, late);
    // The later export wins even when its file name sorts first.
    let report = order_independent(&[("z-lapor-awal.json", early), ("a-lapor-akhir.json", late)]);
    assert_eq!(outcome(&report, "a-lapor-akhir.json"), (Status::Accepted, vec![]));
    superseded_by(&report, "z-lapor-awal.json", "duplicate_identical", "a-lapor-akhir.json");
}

#[test]
fn the_same_id_with_changed_content_keeps_the_most_recent() {
    let s = base_opd();
    let mut corrected = s.clone();
    corrected
        .categories
        .get_mut("lapor_opd")
        .expect("lapor_opd")
        .inputs
        .insert("completed".into(), InputValue::Number(35.0));
    let old = write(&s, "2025-11-01T08:00:00Z");
    let new = write(&corrected, "2025-11-02T08:00:00Z");
    let report = order_independent(&[("lapor-revisi.json", new.clone()), ("lapor.json", old.clone())]);
    assert_eq!(outcome(&report, "lapor-revisi.json"), (Status::Accepted, vec![]));
    superseded_by(&report, "lapor.json", "superseded_same_id", "lapor-revisi.json");
    // The ranking uses the kept file's figures.
    let lapor = &report.categories[rubric().category_index("lapor_opd").expect("lapor_opd")];
    assert_eq!(lapor.rows.len(), 1);
    assert_eq!(report.files[lapor.rows[0].file].file, "lapor-revisi.json");
    // A third, identical copy of the old export is superseded too (by the newest, not merged).
    let report =
        order_independent(&[("lapor-revisi.json", new), ("lapor.json", old.clone()), ("lapor-salinan.json", old)]);
    assert_eq!(outcome(&report, "lapor-revisi.json").0, Status::Accepted);
    for f in ["lapor.json", "lapor-salinan.json"] {
        superseded_by(&report, f, "superseded_same_id", "lapor-revisi.json");
    }
}

#[test]
fn the_same_agency_under_two_ids_keeps_the_most_recent() {
    let s = base_opd();
    let mut other = s.clone();
    other.submission_id = "2872d79a-d784-452a-bfa6-cf88952aecf0".into();
    other.agency.name = "  DINAS KOPERASI dan  UKM Provinsi   Contoh ".into();
    let older = write(&s, "2025-11-01T08:00:00Z");
    let newer = write(&other, "2025-11-03T08:00:00Z");
    let report = order_independent(&[("diskop-baru.json", newer.clone()), ("diskop-lama.json", older.clone())]);
    assert_eq!(outcome(&report, "diskop-baru.json"), (Status::Accepted, vec![]));
    superseded_by(&report, "diskop-lama.json", "superseded_same_agency", "diskop-baru.json");
    // The same name under another agency type is another agency.
    let mut uptd = s.clone();
    uptd.submission_id = "f5b3832e-f9b0-4eae-8507-a011589e90ee".into();
    uptd.agency.agency_type = "uptd".into();
    uptd.agency.parent = Some("Sekretariat Daerah Provinsi Contoh".into());
    uptd.categories.clear();
    add(&mut uptd, "website", worked("website"), "diskopukm.contohprov.go.id", None);
    let report =
        order_independent(&[("diskop.json", older), ("diskop-uptd.json", write(&uptd, "2025-11-04T08:00:00Z"))]);
    assert_eq!(outcome(&report, "diskop.json").0, Status::Accepted);
    assert_eq!(outcome(&report, "diskop-uptd.json").0, Status::Accepted);
}

#[test]
fn rejected_files_never_supersede() {
    let s = base_opd();
    let good = write(&s, "2025-11-01T08:00:00Z");
    // A newer export of the same draft with an error in it.
    let mut broken = s.clone();
    broken
        .categories
        .get_mut("lapor_opd")
        .expect("lapor_opd")
        .inputs
        .insert("completed".into(), InputValue::Number(99.0));
    let broken_same_id = write(&broken, "2025-11-05T08:00:00Z");
    // A newer export for the same agency under another id, with an error in it.
    let mut other = broken.clone();
    other.submission_id = "afd77d25-6ecb-4a76-8e11-0afa8a515134".into();
    let broken_same_agency = write(&other, "2025-11-06T08:00:00Z");
    // A newer, unreadable file.
    let report = order_independent(&[
        ("baik.json", good),
        ("rusak-id-sama.json", broken_same_id),
        ("rusak-instansi-sama.json", broken_same_agency),
        ("rusak-json.json", b"{\"format\": \"ampk-submission\"".to_vec()),
    ]);
    assert_eq!(outcome(&report, "baik.json"), (Status::Accepted, vec![]));
    assert_eq!(outcome(&report, "rusak-id-sama.json"), (Status::Rejected, vec!["check_failed"]));
    assert_eq!(outcome(&report, "rusak-instansi-sama.json"), (Status::Rejected, vec!["check_failed"]));
    assert_eq!(outcome(&report, "rusak-json.json"), (Status::Rejected, vec!["not_json"]));
}

#[test]
fn a_mixed_batch_resolves_the_same_in_any_order() {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for name in file_names() {
        let bytes = std::fs::read(data_dir().join(&name)).expect("fixture");
        files.push((name, bytes));
    }
    // Plus duplicates of every kind.
    let s = base_opd();
    files.push(("dup-1.json".into(), write(&s, "2025-11-06T00:00:00Z")));
    files.push(("dup-2.json".into(), write(&s, "2025-11-06T00:00:00Z")));
    let mut other = s.clone();
    other.submission_id = "b2105973-9e64-4bac-bb08-4b90494196de".into();
    files.push(("dup-agency.json".into(), write(&other, "2025-11-07T00:00:00Z")));
    let borrowed: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let report = order_independent(&borrowed);
    let counts = import::status_counts(&report);
    assert_eq!(counts.values().sum::<usize>(), files.len());
    // Every warning file and many invalid files are base_opd's agency: only the newest survives.
    let diskop: Vec<&FileReport> = report
        .files
        .iter()
        .filter(|f| matches!(f.status, Status::Accepted | Status::AcceptedWithWarnings))
        .filter(|f| {
            f.agency().is_some_and(|a| ampk_core::rank::name_key(a) == "dinas koperasi dan ukm provinsi contoh")
        })
        .collect();
    assert_eq!(diskop.len(), 1, "{:?}", diskop.iter().map(|f| &f.file).collect::<Vec<_>>());
    assert_eq!(diskop[0].file, "dup-agency.json");
}

// ---------------------------------------------------------------------------------------------
// Rankings and the JSON report
// ---------------------------------------------------------------------------------------------

fn valid_files() -> Vec<(String, Vec<u8>)> {
    file_names()
        .into_iter()
        .filter(|n| n.starts_with("valid-"))
        .map(|n| {
            let b = std::fs::read(data_dir().join(&n)).expect("fixture");
            (n, b)
        })
        .collect()
}

#[test]
fn categories_are_ranked_in_rubric_order() {
    let r = rubric();
    let files = valid_files();
    let report = import::import(r, &files, &JuryMarks::new());
    assert!(report.files.iter().all(|f| f.status == Status::Accepted), "{:?}", import::status_counts(&report));
    let ids: Vec<&str> = report.categories.iter().map(|c| r.file.categories[c.category].id.as_str()).collect();
    let rubric_ids: Vec<&str> = r.file.categories.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, rubric_ids);
    for c in &report.categories {
        assert!(!c.rows.is_empty(), "{}", r.file.categories[c.category].id);
        assert!(!c.by_final);
        for pair in c.rows.windows(2) {
            assert!(pair[0].rank <= pair[1].rank && pair[0].data_score >= pair[1].data_score, "{pair:?}");
        }
        for row in &c.rows {
            let f = &report.files[row.file];
            let card = &f.checked.as_ref().expect("checked").cards[row.card];
            assert_eq!(card.category, c.category);
            assert_eq!(row.data_score, card.rounded());
            assert_eq!(row.winner, row.rank <= r.file.categories[c.category].winners);
            assert_eq!((row.jury, row.final_score), (None, None));
        }
    }
    // A category nobody (accepted) entered has an empty ranking.
    let opd_only: Vec<(String, Vec<u8>)> = files.into_iter().filter(|(n, _)| n.starts_with("valid-opd-")).collect();
    let report = import::import(r, &opd_only, &JuryMarks::new());
    let json = import::report_json(r, &report, Lang::Id);
    for c in json["categories"].as_array().expect("categories") {
        let ranked = c["ranking"].as_array().expect("ranking");
        let opd =
            r.file.categories.iter().find(|d| d.id == c["id"]).expect("category").eligible.iter().any(|t| t == "opd");
        assert_eq!(!ranked.is_empty(), opd, "{}", c["id"]);
    }
    assert_eq!(json["categories"].as_array().expect("categories").len(), r.file.categories.len());
}

fn kabkota_lapor(id: &str, name: &str, received: u32, followed_up: u32, at: &str) -> Vec<u8> {
    let mut s = draft(id, agency("kabkota", name, None, "Petugas Humas", None, None), 10, None);
    add(
        &mut s,
        "lapor_kabkota",
        figs(
            json!({"received": received, "followed_up": followed_up, "completed": followed_up, "followed_up_5d": followed_up,
            "avg_days_first_followup": 2, "channel": all("yes", CHANNEL)}),
        ),
        "diskominfo.contoh.go.id",
        None,
    );
    write(&s, at)
}

#[test]
fn ties_at_the_cut_off_are_all_winners() {
    let r = rubric();
    let at = "2025-11-08T00:00:00Z";
    let files = vec![
        ("a.json", kabkota_lapor("b2105973-9e64-4bac-bb08-4b90494196de", "Kabupaten Contoh Satu", 300, 300, at)),
        ("b.json", kabkota_lapor("d62c5428-f398-44ce-a2c4-f21bf9b53fa4", "Kabupaten Contoh Dua", 200, 190, at)),
        // Identical figures: the same score and the same tie-break indicators.
        ("c.json", kabkota_lapor("c2725614-432e-495f-afa5-deac03bd6571", "Kota Contoh Tiga", 120, 100, at)),
        ("d.json", kabkota_lapor("611727b9-2f15-4456-8434-8307ee4f473a", "Kabupaten Contoh Empat", 120, 100, at)),
        ("e.json", kabkota_lapor("afd77d25-6ecb-4a76-8e11-0afa8a515134", "Kabupaten Contoh Lima", 40, 20, at)),
    ];
    let report = order_independent(&files);
    let c = &report.categories[r.category_index("lapor_kabkota").expect("lapor_kabkota")];
    let got: Vec<(&str, u32, bool)> =
        c.rows.iter().map(|row| (report.files[row.file].agency().expect("agency"), row.rank, row.winner)).collect();
    assert_eq!(
        got,
        [
            ("Kabupaten Contoh Satu", 1, true),
            ("Kabupaten Contoh Dua", 2, true),
            // Tied at the cut-off (3 winners): both win, listed by agency name.
            ("Kabupaten Contoh Empat", 3, true),
            ("Kota Contoh Tiga", 3, true),
            ("Kabupaten Contoh Lima", 5, false),
        ]
    );
}

#[test]
fn jury_marks_rank_by_final_score_only_when_every_entry_has_one() {
    let r = rubric();
    let at = "2025-11-08T00:00:00Z";
    let files: Vec<(String, Vec<u8>)> = vec![
        ("a.json".into(), kabkota_lapor("b2105973-9e64-4bac-bb08-4b90494196de", "Kabupaten Contoh Satu", 300, 300, at)),
        ("b.json".into(), kabkota_lapor("d62c5428-f398-44ce-a2c4-f21bf9b53fa4", "Kabupaten Contoh Dua", 200, 150, at)),
    ];
    let key = |name: &str| ("lapor_kabkota".to_string(), ampk_core::rank::name_key(name));
    let cat = r.category_index("lapor_kabkota").expect("lapor_kabkota");
    let order = |report: &ImportReport| -> Vec<String> {
        report.categories[cat]
            .rows
            .iter()
            .map(|row| report.files[row.file].agency().expect("agency").to_string())
            .collect()
    };
    // One mark missing: ranked by data score; the given mark is shown but not used.
    let partial = JuryMarks::from([(key("Kabupaten Contoh Dua"), 100.0)]);
    let report = import::import(r, &files, &partial);
    assert!(!report.categories[cat].by_final);
    assert_eq!(order(&report), ["Kabupaten Contoh Satu", "Kabupaten Contoh Dua"]);
    let json = import::report_json(r, &report, Lang::En);
    let c = &json["categories"][cat];
    assert_eq!(c["ranked_by"], "data_score");
    assert_eq!(c["ranking"][1]["jury_score"], 100.0);
    assert!(c["ranking"][0]["jury_score"].is_null() && c["ranking"][0]["final_score"].is_null());
    // Every entry marked (names matched case- and space-insensitively): ranked by final score,
    // which reverses the order here.
    let full = JuryMarks::from([
        (key("Kabupaten Contoh Dua"), 100.0),
        (key("  KABUPATEN contoh   satu"), 0.0),
        (key("Kota Contoh Tidak Ada"), 50.0),
    ]);
    let report = import::import(r, &files, &full);
    let c = &report.categories[cat];
    assert!(c.by_final);
    assert_eq!(order(&report), ["Kabupaten Contoh Dua", "Kabupaten Contoh Satu"]);
    for row in &c.rows {
        let card = &report.files[row.file].checked.as_ref().expect("checked").cards[row.card];
        let jury = row.jury.expect("marked");
        assert_eq!(row.final_score, Some(round2(card.final_score(r, jury))));
    }
    assert_eq!(report.unmatched_jury, [("lapor_kabkota".to_string(), "kota contoh tidak ada".to_string())]);
    let json = import::report_json(r, &report, Lang::Id);
    assert_eq!(json["categories"][cat]["ranked_by"], "final_score");
    assert_eq!(json["unmatched_jury"], json!([{"category": "lapor_kabkota", "agency": "kota contoh tidak ada"}]));
}

#[test]
fn report_json_has_the_documented_shape() {
    let r = rubric();
    let mut files = valid_files();
    let dir = data_dir();
    for n in ["invalid-check-failed.json", "warn-evidence-missing.json", "invalid-not-json.json"] {
        files.push((n.to_string(), std::fs::read(dir.join(n)).expect("fixture")));
    }
    let dup = files[0].clone();
    files.push(("salinan.json".into(), dup.1));
    let report = import::import(r, &files, &JuryMarks::new());
    for lang in [Lang::Id, Lang::En] {
        let json = import::report_json(r, &report, lang);
        let keys = |v: &Value| -> BTreeSet<String> { v.as_object().expect("object").keys().cloned().collect() };
        let set = |k: &[&str]| -> BTreeSet<String> { k.iter().map(|s| s.to_string()).collect() };
        assert_eq!(keys(&json), set(&["rubric", "files", "categories", "unmatched_jury"]));
        assert_eq!(json["rubric"]["id"], r.file.id);
        assert_eq!(json["rubric"]["sha256"], r.sha256);
        assert_eq!(json["rubric"]["edition"], r.file.edition);
        let jfiles = json["files"].as_array().expect("files");
        assert_eq!(jfiles.len(), files.len());
        for (jf, (name, _)) in jfiles.iter().zip(&files) {
            assert_eq!(keys(jf), set(&["file", "status", "agency", "agency_type", "submission_id", "reasons"]));
            assert_eq!(&jf["file"], name.as_str());
            assert!(["accepted", "accepted_with_warnings", "superseded", "rejected"]
                .contains(&jf["status"].as_str().expect("status")));
            for reason in jf["reasons"].as_array().expect("reasons") {
                assert_eq!(keys(reason), set(&["code", "path", "message"]));
                assert!(reason["code"].is_string() && (reason["path"].is_string() || reason["path"].is_null()));
                assert!(!reason["message"].as_str().expect("message").is_empty());
            }
        }
        let by_name = |n: &str| jfiles.iter().find(|f| f["file"] == n).expect("file");
        let not_json = by_name("invalid-not-json.json");
        assert_eq!(not_json["status"], "rejected");
        assert!(not_json["agency"].is_null() && not_json["submission_id"].is_null());
        assert!(not_json["reasons"][0]["path"].is_null(), "the document itself has a null path");
        assert_eq!(by_name("warn-evidence-missing.json")["status"], "accepted_with_warnings");
        assert_eq!(by_name("salinan.json")["reasons"][0]["code"], "duplicate_identical");
        let check = by_name("invalid-check-failed.json");
        assert_eq!(check["reasons"][0]["path"], "categories.lapor_opd.inputs.completed");
        assert_eq!(check["agency"], "Dinas Koperasi dan UKM Provinsi Contoh");
        let msg = check["reasons"][0]["message"].as_str().expect("message");
        assert_eq!(
            msg,
            report.files.iter().find(|f| f.file == "invalid-check-failed.json").expect("file").reasons[0].message(lang)
        );
        let jcats = json["categories"].as_array().expect("categories");
        assert_eq!(jcats.len(), r.file.categories.len());
        for (jc, def) in jcats.iter().zip(&r.file.categories) {
            assert_eq!(keys(jc), set(&["id", "label", "ranked_by", "ranking"]));
            assert_eq!(jc["id"], def.id.as_str());
            assert_eq!(jc["label"], def.label.get(lang));
            for (i, row) in jc["ranking"].as_array().expect("ranking").iter().enumerate() {
                assert_eq!(
                    keys(row),
                    set(&[
                        "rank",
                        "data_rank",
                        "agency",
                        "agency_type",
                        "file",
                        "data_score",
                        "jury_score",
                        "final_score",
                        "predicate",
                        "winner",
                        "indicators"
                    ])
                );
                assert!(
                    row["rank"].as_u64().expect("rank") >= 1 && row["rank"].as_u64().expect("rank") <= i as u64 + 1
                );
                assert!(row["winner"].is_boolean() && row["data_score"].is_number() && row["final_score"].is_null());
                let ind: BTreeSet<String> = keys(&row["indicators"]);
                assert_eq!(ind, def.indicators.iter().map(|d| d.id.clone()).collect::<BTreeSet<_>>());
                let file = row["file"].as_str().expect("file");
                assert!(
                    ["accepted", "accepted_with_warnings"].contains(&by_name(file)["status"].as_str().expect("status")),
                    "{file} is ranked"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Never panics
// ---------------------------------------------------------------------------------------------

/// Checks the report of one file (after `assess` or a whole import).
fn sane(f: &FileReport) -> Result<(), TestCaseError> {
    for p in &f.reasons {
        prop_assert!(
            !p.code.is_empty()
                && !p.message(ampk_core::Lang::Id).trim().is_empty()
                && !p.message(ampk_core::Lang::En).trim().is_empty(),
            "{:?}",
            p
        );
    }
    match f.status {
        Status::Accepted => prop_assert!(f.reasons.is_empty(), "{:?}", f.reasons),
        Status::AcceptedWithWarnings => {
            prop_assert!(!f.reasons.is_empty());
            prop_assert!(f.checked.as_ref().is_some_and(|c| c.eligible() && !c.warnings.is_empty()));
        }
        Status::Rejected => {
            prop_assert!(!f.reasons.is_empty());
            prop_assert!(f.checked.as_ref().is_none_or(|c| !c.eligible()));
        }
        Status::Superseded => {
            prop_assert!(f.reasons.iter().any(|p| p.code.starts_with("superseded") || p.code == "duplicate_identical"))
        }
    }
    Ok(())
}

/// Assesses one document, checks it, imports it next to a valid file, and re-writes it when accepted.
fn exercise(bytes: &[u8]) -> Result<(), TestCaseError> {
    let r = rubric();
    let f = import::assess(r, "x.json", bytes);
    sane(&f)?;
    prop_assert!(f.status != Status::Superseded);
    if let Err(problems) = submission::read(bytes) {
        prop_assert!(!problems.is_empty());
        prop_assert_eq!(f.status, Status::Rejected);
    }
    if matches!(f.status, Status::Accepted | Status::AcceptedWithWarnings) {
        // Whatever is accepted, the kit writes back into a file it accepts, with a sound digest.
        let read = f.read.as_ref().expect("read");
        let text = submission::write(r, &Submission::from(&read.wire), &read.wire.exported_at);
        let again = import::assess(r, "again.json", text.as_bytes());
        prop_assert!(
            again.reasons.iter().all(|p| p.code == "evidence_missing"),
            "re-written file: {:?}\n{}",
            again.reasons,
            text
        );
        prop_assert_eq!(
            submission::write(r, &Submission::from(&again.read.as_ref().expect("read").wire), &read.wire.exported_at),
            text
        );
    }
    let files = vec![("a.json".to_string(), valid_base_text().to_vec()), ("x.json".to_string(), bytes.to_vec())];
    let report = import::import(r, &files, &JuryMarks::new());
    prop_assert_eq!(import::status_counts(&report).values().sum::<usize>(), 2);
    for f in &report.files {
        sane(f)?;
    }
    let _ = import::report_json(r, &report, Lang::En);
    Ok(())
}

fn valid_base_text() -> &'static [u8] {
    static TEXT: OnceLock<Vec<u8>> = OnceLock::new();
    TEXT.get_or_init(|| write(&base_opd(), BASE_AT))
}

/// Documents the mutations start from: the base and two fuller fixtures.
fn seeds() -> &'static [Value] {
    static SEEDS: OnceLock<Vec<Value>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut out = vec![serde_json::from_slice(valid_base_text()).expect("parses")];
        for n in ["valid-uptd-website-partial-checklist.json", "valid-kabkota-all-categories.json"] {
            out.push(serde_json::from_slice(&std::fs::read(data_dir().join(n)).expect("fixture")).expect("parses"));
        }
        out
    })
}

/// Member names and strings of the submission vocabulary, so that random documents get past
/// the first checks.
const KEYS: &[&str] = &[
    "format",
    "format_version",
    "submission_id",
    "kit_version",
    "rubric",
    "agency",
    "months",
    "categories",
    "jury_estimate",
    "computed",
    "exported_at",
    "integrity",
    "id",
    "edition",
    "sha256",
    "type",
    "name",
    "parent",
    "officer",
    "email",
    "inputs",
    "evidence",
    "note",
    "lapor_opd",
    "website",
    "received",
    "channel",
    "sk_tim",
    "data_score",
    "",
];

const STRINGS: &[&str] = &[
    "ampk-submission",
    "ampk-2025-model",
    "opd",
    "uptd",
    "kabkota",
    "yes",
    "partial",
    "no",
    "maybe",
    "sha256-jcs",
    "0.1.0",
    "2025-11-02T03:04:05Z",
    "c2a9a7d8-1237-4564-9ac5-bd437267d440",
    "https://contoh.go.id/a",
    "javascript:alert(1)",
    "Dinas Contoh",
    "",
];

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1e3..1e3f64).prop_map(Value::from),
        proptest::num::f64::ANY.prop_map(Value::from),
        (0u32..=14).prop_map(Value::from),
        select(STRINGS).prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 40, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((select(KEYS), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}

/// A document that looks like a submission at the top: known members with random values.
fn doc_like() -> impl Strategy<Value = Value> {
    (prop::collection::vec((select(&KEYS[..12]), json_value()), 0..14), any::<bool>()).prop_map(|(kv, header)| {
        let mut m: serde_json::Map<String, Value> = kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        if header {
            m.insert("format".into(), json!("ampk-submission"));
            m.insert("format_version".into(), json!(1));
        }
        Value::Object(m)
    })
}

fn count_nodes(doc: &Value) -> usize {
    1 + match doc {
        Value::Array(a) => a.iter().map(count_nodes).sum(),
        Value::Object(m) => m.values().map(count_nodes).sum(),
        _ => 0,
    }
}

/// Replaces the `pick`-th node (depth first, `doc` itself being 0) with `new`.
fn replace_node(doc: &mut Value, pick: &mut usize, new: &Value) -> bool {
    if *pick == 0 {
        *doc = new.clone();
        return true;
    }
    *pick -= 1;
    match doc {
        Value::Array(a) => a.iter_mut().any(|x| replace_node(x, pick, new)),
        Value::Object(m) => m.values_mut().any(|x| replace_node(x, pick, new)),
        _ => false,
    }
}

/// Removes the `pick`-th member found depth first; returns whether one was removed.
fn remove_member(doc: &mut Value, pick: &mut usize) -> bool {
    match doc {
        Value::Object(m) => {
            if *pick < m.len() {
                let k = m.keys().nth(*pick).expect("in range").clone();
                m.remove(&k);
                return true;
            }
            *pick -= m.len();
            m.values_mut().any(|x| remove_member(x, pick))
        }
        Value::Array(a) => a.iter_mut().any(|x| remove_member(x, pick)),
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    /// Arbitrary bytes are rejected, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop_oneof![
        prop::collection::vec(any::<u8>(), 0..256),
        "\\PC{0,120}".prop_map(String::into_bytes),
        prop::collection::vec(select(b"{}[]\":,0123456789.-etrufalsn ".to_vec()), 0..200),
    ]) {
        exercise(&bytes)?;
        prop_assert_eq!(import::assess(rubric(), "x.json", &bytes).status, Status::Rejected);
    }

    /// Arbitrary JSON, and documents with the submission's members holding arbitrary values.
    #[test]
    fn arbitrary_json_never_panics(v in prop_oneof![json_value(), doc_like()]) {
        exercise(&serde_json::to_vec(&v).expect("serialises"))?;
    }


    /// Byte-level damage to a valid file.
    #[test]
    fn damaged_bytes_never_panic(edits in prop::collection::vec((any::<Index>(), any::<u8>(), 0..3u8), 1..4)) {
        let mut bytes = valid_base_text().to_vec();
        for (at, byte, op) in edits {
            let i = at.index(bytes.len() + 1);
            match op {
                0 => bytes.insert(i, byte),
                1 if i < bytes.len() => { bytes.remove(i); }
                _ if i < bytes.len() => bytes[i] = byte,
                _ => {}
            }
        }
        exercise(&bytes)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    /// A random node of a valid document replaced by a random value (digest re-computed or not).
    #[test]
    fn mutated_documents_never_panic(seed in 0..3usize, pick in any::<Index>(), new in json_value(), reseal_it in any::<bool>(), removal in any::<Option<Index>>()) {
        let mut doc = seeds()[seed].clone();
        let mut k = pick.index(count_nodes(&doc));
        replace_node(&mut doc, &mut k, &new);
        if let Some(d) = removal {
            let mut k = d.index(count_nodes(&doc));
            remove_member(&mut doc, &mut k);
        }
        if reseal_it {
            reseal(&mut doc);
        }
        exercise(&pretty(&doc))?;
    }
}
