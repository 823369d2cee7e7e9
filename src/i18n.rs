//! The app's uses of the text catalogue beyond `lang.texts().key()` (`ampk_core::i18n`): a
//! text shown in every language at once, and problems the app finds itself.

use ampk_core::i18n::Texts;
use ampk_core::{Lang, Problem, ProblemCode};

/// A text in every language, in `Lang::ALL` order, joined with " / ": for what must be
/// understood whatever language was chosen (the crash banners, shown when the app has stopped).
/// Only for keys in `crates/ampk-core/build.rs`'s `EAGER`: the officer's page builds in the
/// other languages' texts of those keys alone (the rest come when a language is chosen, and
/// until then read as the default language's).
pub fn in_every_language(text: fn(Texts) -> &'static str) -> String {
    let mut out = String::new();
    for (i, l) in Lang::ALL.into_iter().enumerate() {
        if i > 0 {
            out.push_str(" / ");
        }
        out.push_str(text(l.texts()));
    }
    out
}

/// A problem of the whole document (empty path) whose message is `message` of each language's
/// texts. One function for every problem the app builds: `Problem::of` is generic, and each
/// instance would add to the bundle.
pub fn problem(code: ProblemCode, message: &dyn Fn(Texts) -> String) -> Problem {
    Problem::of(code, "", message)
}
