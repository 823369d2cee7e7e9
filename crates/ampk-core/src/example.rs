//! Realistic sample submissions (the model rubric's worked examples), with a fixed id and no
//! clock, for `ampk example`, documentation and benchmarks.

use crate::fmt::slug;
use crate::problem::Lang;
use crate::rubric::{Evidence, InputKind, Rubric};
use crate::score::{Answer, Figures, InputValue};
use crate::submission::{Agency, Entry, Submission, KIT_VERSION};
use std::collections::BTreeMap;

/// The fixed export time of examples.
pub const EXAMPLE_EXPORTED_AT: &str = "2025-11-03T02:00:00Z";

/// Figures of the model rubric's worked examples, by category (`model-rubric.md`).
const SAMPLES: &[(&str, &str)] = &[
    (
        "top_influencer",
        r#"{"reach": 3900000, "engagements": 118000, "portal_items": 96, "amplifications": 80, "active_days": 240, "news_mentions": 140}"#,
    ),
    (
        "media_massa_online",
        r#"{"news_items": 140, "outlets": 22, "positive_or_neutral_pct": 91, "press_releases": 60, "releases_picked_up": 44, "negative_issues": 4, "negative_clarified_24h": 3}"#,
    ),
    (
        "website",
        r#"{"web_posts": 95, "months_with_4_posts": 8, "content": {"profil": "yes", "visi_misi": "yes", "struktur": "yes", "ppid": "yes", "standar_pelayanan": "partial", "maklumat": "yes", "lapor": "yes", "kontak": "no", "berita": "yes", "agenda": "yes", "dokumen": "partial", "data": "yes"}, "domain": {"go_id": "yes", "https": "yes"}, "lh_performance": 54, "lh_accessibility": 88, "lh_seo": 92, "lh_best_practices": 78, "visits": 65000}"#,
    ),
    (
        "media_sosial_opd",
        r#"{"posts": 420, "weeks_active": 38, "engagements": 96000, "reach": 3200000, "followers_start": 18000, "followers_end": 22500, "median_reply_hours": 5, "answered_pct": 88, "quality": {"identitas": "yes", "konten_layanan": "yes", "video": "partial", "aksesibel": "yes", "tautan_bio": "partial", "amplifikasi_agenda": "yes", "klarifikasi_hoaks": "no", "analitik_bulanan": "yes"}}"#,
    ),
    (
        "media_sosial_uptd",
        r#"{"posts": 150, "weeks_active": 25, "engagements": 21000, "reach": 380000, "followers_start": 3100, "followers_end": 4300, "median_reply_hours": 20, "answered_pct": 72, "quality": {"identitas": "yes", "konten_layanan": "partial", "video": "yes", "aksesibel": "no", "tautan_bio": "yes", "amplifikasi_agenda": "partial", "klarifikasi_hoaks": "yes", "analitik_bulanan": "no"}}"#,
    ),
    (
        "mitra_humas",
        r#"{"portal_items": 84, "amplifications": 150, "agenda_items": 61, "unedited_items": 70, "forums_held": 6, "forums_attended": 5, "median_request_hours": 10}"#,
    ),
    (
        "lapor_opd",
        r#"{"received": 38, "followed_up": 36, "completed": 33, "followed_up_5d": 29, "avg_days_first_followup": 1.8, "channel": {"sk_tim": "yes", "admin_aktif": "yes", "integrasi_kanal": "partial", "sosialisasi": "yes", "laporan_pimpinan": "yes", "perbaikan_layanan": "partial"}}"#,
    ),
    (
        "lapor_kabkota",
        r#"{"received": 260, "followed_up": 247, "completed": 231, "followed_up_5d": 205, "avg_days_first_followup": 2.4, "channel": {"sk_tim": "yes", "admin_aktif": "yes", "integrasi_kanal": "yes", "sosialisasi": "partial", "laporan_pimpinan": "partial", "perbaikan_layanan": "yes"}}"#,
    ),
];

/// Sample figures for a category: the worked example when its inputs match, else every number
/// at its minimum (0), every boolean false and every checklist item answered "partial".
pub fn sample_figures(rubric: &Rubric, cat: usize) -> Figures {
    let def = &rubric.file.categories[cat];
    if let Some((_, src)) = SAMPLES.iter().find(|(id, _)| *id == def.id) {
        if let Ok(f) = serde_json::from_str::<Figures>(src) {
            if def.inputs.iter().all(|d| f.contains_key(&d.id))
                && f.keys().all(|k| def.inputs.iter().any(|d| &d.id == k))
            {
                return f;
            }
        }
    }
    def.inputs
        .iter()
        .map(|d| {
            let v = match d.kind {
                InputKind::Integer | InputKind::Number => InputValue::Number(d.min.unwrap_or(0.0).max(0.0)),
                InputKind::Boolean => InputValue::Bool(false),
                InputKind::Checklist => InputValue::Checklist(
                    d.items.iter().flatten().map(|i| (i.id.clone(), Answer::Partial)).collect::<BTreeMap<_, _>>(),
                ),
            };
            (d.id.clone(), v)
        })
        .collect()
}

/// A complete sample submission for an agency type: every eligible category with sample
/// figures and an evidence link for every input that asks for one. Its texts (the notes, the
/// name of an agency type without a sample name) are in the first language, Indonesian: the
/// examples are fixed files.
pub fn example(rubric: &Rubric, agency_type: &str) -> Option<Submission> {
    let lang = Lang::default();
    let label = rubric.file.agency_types.iter().find(|t| t.id == agency_type)?;
    let (name, parent, id) = match agency_type {
        "opd" => ("Dinas Contoh A", None, "7c9e6679-7425-40de-944b-e07fc1f90ae7"),
        "uptd" => ("UPTD Contoh B", Some("Dinas Contoh A"), "16fd2706-8baf-433b-82eb-8c7fada847da"),
        "kabkota" => ("Kabupaten Contoh C", None, "886313e1-3b8a-4372-9b90-0c9aee199e5d"),
        _ => (label.label.get(lang), None, "0e7c1f5a-3a57-4c1e-9d5b-2f0a8e4b6c3d"),
    };
    let categories = rubric
        .eligible_categories(agency_type)
        .into_iter()
        .map(|cat| {
            let def = &rubric.file.categories[cat];
            let evidence = def
                .inputs
                .iter()
                .filter(|d| d.evidence != Evidence::None)
                .map(|d| (d.id.clone(), vec![format!("https://arsip.{}.go.id/ampk/{}/{}", slug(name), def.id, d.id)]))
                .collect();
            let note = Some(lang.texts().example_note(name, def.label.get(lang)));
            (def.id.clone(), Entry { inputs: sample_figures(rubric, cat), evidence, note })
        })
        .collect();
    Some(Submission {
        submission_id: id.into(),
        kit_version: KIT_VERSION.into(),
        rubric_id: rubric.file.id.clone(),
        rubric_edition: rubric.file.edition,
        rubric_sha256: rubric.sha256.clone(),
        agency: Agency {
            agency_type: agency_type.into(),
            name: name.into(),
            parent: parent.map(String::from),
            officer_name: "Siti Rahmawati".into(),
            officer_email: Some(format!("humas@{}.go.id", slug(name))),
            officer_phone: Some("+62 511 3350000".into()),
        },
        months: rubric.period_months.clamp(1, 12),
        categories,
        jury_estimate: Some(75.0),
        revision: 1,
        responses: BTreeMap::new(),
    })
}
