//! Every interface and problem text, in every language: the catalogues `i18n/<tag>.toml`,
//! turned into Rust by `build.rs` (no catalogue is parsed at run time). `Lang` lists the
//! languages; `Texts` has a method per catalogue key. This is the only place that knows which
//! languages exist: elsewhere, code asks `lang.texts()` and never branches on a language.
//!
//! Without the `all-texts` feature (the officer's page), only the default language's texts are
//! built in; another language's come from its texts file (`ampk-texts.<tag>.txt`, the committed
//! `i18n/ampk-texts.<tag>.txt`), given to [`provide`]. Until then that language shows the
//! default language's texts.

include!(concat!(env!("OUT_DIR"), "/i18n.rs"));

impl Lang {
    /// The BCP 47 tag (`id`, `en`).
    pub fn tag(self) -> &'static str {
        TAGS[self as usize]
    }

    /// Parses a tag (`en`, `en-US`); an unknown one gives the default language.
    pub fn from_tag(tag: &str) -> Lang {
        Lang::ALL
            .into_iter()
            .find(|l| tag == l.tag() || tag.strip_prefix(l.tag()).is_some_and(|rest| rest.starts_with('-')))
            .unwrap_or_default()
    }

    /// The language after this one (the interface's language switch), wrapping around.
    pub fn next(self) -> Lang {
        Lang::ALL[(self as usize + 1) % LANG_COUNT]
    }

    /// The texts of this language.
    pub fn texts(self) -> Texts {
        Texts(self)
    }
}

/// A template with its arguments filled in: each `U+0001` and digit is that argument's
/// `Display` (as `format!("{x}")` writes it).
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    use std::fmt::Write as _;
    let mut parts = template.split('\u{1}');
    let mut out = String::from(parts.next().unwrap_or_default());
    for part in parts {
        let mut rest = part.chars();
        if let Some(arg) = rest.next().and_then(|d| d.to_digit(10)).and_then(|i| args.get(i as usize)) {
            let _ = write!(out, "{arg}");
        }
        out.push_str(rest.as_str());
    }
    out
}

/// Each language's texts as provided, in key order (the default language's are built in).
#[cfg(not(feature = "all-texts"))]
static PROVIDED: [std::sync::OnceLock<Vec<&'static str>>; LANG_COUNT] =
    [const { std::sync::OnceLock::new() }; LANG_COUNT];

#[cfg(not(feature = "all-texts"))]
impl Texts {
    /// The text of key `k` in this language: `default` (the default language's) until the
    /// language's texts are provided. Not inlined: one call per text in the bundle.
    #[inline(never)]
    fn text(self, k: usize, default: &'static str) -> &'static str {
        PROVIDED[self.0 as usize].get().and_then(|t| t.get(k).copied()).unwrap_or(default)
    }
}

/// Reads a texts file (`build.rs`: a header `ampk-texts/1 <tag> <fingerprint>`, then each
/// key's text ended by `U+001E`) into its texts, in key order: `None` unless it is `lang`'s
/// file, made for these keys, and whole.
pub fn read_texts_file(lang: Lang, file: &str) -> Option<Vec<&str>> {
    let (head, body) = file.split_once('\n')?;
    if head != format!("ampk-texts/1 {} {TEXTS_FINGERPRINT}", lang.tag()) || lang == Lang::default() {
        return None;
    }
    let texts: Vec<&str> = body.strip_suffix('\u{1e}')?.split('\u{1e}').collect();
    (texts.len() == KEY_COUNT).then_some(texts)
}

/// Gives `lang` its texts from its texts file ([`read_texts_file`]); whether they were taken
/// now (not when refused, or when that language already has its texts).
pub fn provide(lang: Lang, file: String) -> bool {
    #[cfg(not(feature = "all-texts"))]
    {
        if has_texts(lang) || read_texts_file(lang, &file).is_none() {
            return false;
        }
        // Kept for the rest of the session, as built-in texts are.
        let file: &'static str = Box::leak(file.into_boxed_str());
        PROVIDED[lang as usize].set(read_texts_file(lang, file).unwrap_or_default()).is_ok()
    }
    #[cfg(feature = "all-texts")]
    {
        let _ = (lang, file);
        false
    }
}

/// Whether `lang` has its own texts (the default language's, and with `all-texts` every
/// language's, are built in).
pub fn has_texts(lang: Lang) -> bool {
    #[cfg(not(feature = "all-texts"))]
    return lang == Lang::default() || PROVIDED[lang as usize].get().is_some();
    #[cfg(feature = "all-texts")]
    {
        let _ = lang;
        true
    }
}

/// The texts file of `lang` as this build writes it (`build.rs`), for the test that keeps the
/// committed one current.
pub fn texts_file(lang: Lang) -> Option<&'static str> {
    TEXTS_FILES.iter().find(|(tag, _)| *tag == lang.tag()).map(|(_, f)| *f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn tags_round_trip_and_unknown_tags_fall_back() {
        for l in Lang::ALL {
            assert_eq!(Lang::from_tag(l.tag()), l);
        }
        assert_eq!(Lang::from_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_tag("fr"), Lang::default());
        assert_eq!(Lang::from_tag("english"), Lang::default());
        assert_eq!(Lang::ALL.iter().map(|l| l.next()).collect::<std::collections::BTreeSet<_>>().len(), LANG_COUNT);
    }

    /// A sample of every kind of text, as Rust sees the catalogue: present in every language,
    /// and translated (sentences differ from one language to another).
    fn sample(t: Texts) -> Vec<String> {
        vec![
            t.not_allowed().into(),
            t.bad_url().into(),
            t.months_range(13),
            t.unknown_category("x"),
            t.rubric_mismatch(t.rubric_named(2025, "a", "r1"), t.rubric_named(2026, "b", "r2"), "t"),
            t.expr_unexpected(t.expr_expected_value(), t.expr_found_end(), 3),
            t.number_wrong_decimal().into(),
            t.gain_raise(1, "x", "2,00", 3),
            t.gain_available("x", "1,00"),
            t.status_accepted_with_warnings().into(),
            t.jury_row_columns(4),
        ]
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn every_language_has_its_texts() {
        for l in Lang::ALL {
            let t = l.texts();
            for (i, text) in sample(t).iter().enumerate() {
                assert!(!text.trim().is_empty(), "{l:?}: sample {i} is empty");
            }
            // Separators are single characters, and a number's two separators differ.
            let (point, group) = (t.decimal_separator(), t.thousands_separator());
            assert_eq!((point.chars().count(), group.chars().count()), (1, 1), "{l:?}: {point:?} {group:?}");
            assert_ne!(point, group, "{l:?}");
            assert!(t.limit_thousands_separator().chars().count() <= 1, "{l:?}");
            assert_ne!(point, t.limit_thousands_separator(), "{l:?}");
            // Labels told apart within one language.
            let statuses =
                [t.status_accepted(), t.status_accepted_with_warnings(), t.status_superseded(), t.status_rejected()];
            assert_eq!(statuses.iter().collect::<std::collections::BTreeSet<_>>().len(), statuses.len(), "{l:?}");
            assert_ne!(t.winner_yes(), t.winner_no(), "{l:?}");
        }
        for a in Lang::ALL {
            for b in Lang::ALL.into_iter().filter(|&b| b != a) {
                for (i, (x, y)) in sample(a.texts()).iter().zip(sample(b.texts())).enumerate() {
                    assert_ne!(x, &y, "sample {i} is the same in {a:?} and {b:?}");
                }
                assert_ne!(a.texts().column_rank(), b.texts().column_rank(), "{a:?} {b:?}");
            }
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn templates_fill_as_format_does() {
        assert_eq!(fill("a \u{1}1 b \u{1}0\u{1}0.", &[&12.5, &"x"]), format!("a {} b {}{}.", "x", 12.5, 12.5));
        assert_eq!(fill("", &[]), "");
        assert_eq!(fill("no args", &[&1]), "no args");
        // A place without an argument is left out, not a panic.
        assert_eq!(fill("[\u{1}3]\u{1}", &[&1]), "[]");
        // Every key's text, in every language, fills in as its catalogue text reads.
        let t = Lang::En.texts();
        assert_eq!(t.months_range(13), "months of data must be 1–12, not 13");
        assert_eq!(Lang::Id.texts().above_max("Jangkauan", "1.000"), "Jangkauan: paling besar 1.000");
    }

    /// The committed texts files (`i18n/ampk-texts.<tag>.txt`, beside the page) are what this
    /// build writes (native only: it reads and can write the files).
    /// `AMPK_WRITE_PACK=1 cargo test -p ampk-core committed` rewrites them.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_committed_texts_files_are_current() {
        for l in Lang::ALL.into_iter().skip(1) {
            let path = format!("{}/i18n/ampk-texts.{}.txt", env!("CARGO_MANIFEST_DIR"), l.tag());
            let text = texts_file(l).expect("a texts file for every other language");
            if std::env::var_os("AMPK_WRITE_PACK").is_some() {
                std::fs::write(&path, text).expect("i18n/ is writable");
                continue;
            }
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(committed == text, "{path} is stale: AMPK_WRITE_PACK=1 cargo test -p ampk-core committed");
        }
    }

    /// A texts file is taken only whole, for its language and for these keys.
    #[wasm_bindgen_test(unsupported = test)]
    fn a_texts_file_is_read_only_whole_and_for_its_language() {
        let file = texts_file(Lang::En).unwrap();
        let texts = read_texts_file(Lang::En, file).expect("the file reads");
        assert_eq!(texts.len(), KEY_COUNT);
        assert!(texts.contains(&"AMPK self-assessment"));
        assert_eq!(read_texts_file(Lang::Id, file), None, "another language's");
        assert_eq!(read_texts_file(Lang::Id, &file.replacen(" en ", " id ", 1)), None, "the default language's");
        let cut = &file[..file.len() - 1];
        assert_eq!(read_texts_file(Lang::En, cut), None, "cut short");
        let (_, last) = file[..file.len() - 1].rsplit_once('\u{1e}').unwrap();
        assert_eq!(read_texts_file(Lang::En, &file[..file.len() - last.len() - 1]), None, "a text short");
        let other = file.replacen(TEXTS_FINGERPRINT, "0000000000000000", 1);
        assert_eq!(read_texts_file(Lang::En, &other), None, "made for other keys");
        assert_eq!(read_texts_file(Lang::En, ""), None);
    }
}
