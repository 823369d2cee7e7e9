//! Interface texts in Bahasa Indonesia (first) and English.

use ampk_core::Lang;

/// The interface strings of one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Texts {
    pub app_name: &'static str,
    pub switch_to: &'static str,
    pub switch_label: &'static str,
    pub model_badge: &'static str,
    pub official_badge: &'static str,
    pub fingerprint: &'static str,
    pub period: &'static str,
    pub months: &'static str,
    pub categories_for: &'static str,
    pub winners: &'static str,
    pub indicators: &'static str,
    pub inputs: &'static str,
    pub final_score_rule: &'static str,
    pub data: &'static str,
    pub jury: &'static str,
    pub privacy: &'static str,
}

const ID: Texts = Texts {
    app_name: "Penilaian Mandiri AMPK",
    switch_to: "English",
    switch_label: "Ganti bahasa ke English",
    model_badge: "Rubrik model — bukan rubrik resmi Diskominfo",
    official_badge: "Rubrik resmi",
    fingerprint: "Sidik rubrik (SHA-256)",
    period: "Periode data",
    months: "bulan",
    categories_for: "Kategori yang dapat diikuti",
    winners: "pemenang",
    indicators: "indikator",
    inputs: "isian",
    final_score_rule: "Nilai akhir",
    data: "data",
    jury: "juri",
    privacy: "Semua data tetap di peramban ini; tidak ada yang dikirim ke server.",
};

const EN: Texts = Texts {
    app_name: "AMPK self-assessment",
    switch_to: "Bahasa Indonesia",
    switch_label: "Switch the language to Bahasa Indonesia",
    model_badge: "Model rubric — not Diskominfo's official rubric",
    official_badge: "Official rubric",
    fingerprint: "Rubric fingerprint (SHA-256)",
    period: "Data period",
    months: "months",
    categories_for: "Categories open to",
    winners: "winners",
    indicators: "indicators",
    inputs: "inputs",
    final_score_rule: "Final score",
    data: "data",
    jury: "jury",
    privacy: "All data stays in this browser; nothing is sent to a server.",
};

/// The texts for `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Id => &ID,
        Lang::En => &EN,
    }
}
