//! Every interface and problem text, in every language: the catalogues `i18n/<tag>.toml`,
//! turned into Rust by `build.rs` (no catalogue is parsed at run time). `Lang` lists the
//! languages; `Texts` has a method per catalogue key. This is the only place that knows which
//! languages exist: elsewhere, code asks `lang.texts()` and never branches on a language.

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
}
