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
}
