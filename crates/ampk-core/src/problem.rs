//! Problems found in a file or a form: a stable code, a JSON path and a message in both languages.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// Interface language. Bahasa Indonesia comes first and is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Bahasa Indonesia.
    #[default]
    Id,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag (`id` or `en`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// Parses a tag; anything other than `en…` is Indonesian.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.starts_with("en") {
            Lang::En
        } else {
            Lang::Id
        }
    }
}

/// One problem, located by a JSON path such as `categories[2].indicators[0].scale.max`
/// (the empty path is the document itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Stable machine code, e.g. `unknown_member` or `weights_sum` (owned only when a problem
    /// was read back from another module, e.g. the officer's worker).
    pub code: Cow<'static, str>,
    /// JSON path of the offending value.
    pub path: String,
    /// Message in Bahasa Indonesia.
    pub id: String,
    /// Message in English.
    pub en: String,
}

impl Problem {
    /// Builds a problem.
    pub fn new(code: &'static str, path: impl Into<String>, id: impl Into<String>, en: impl Into<String>) -> Self {
        Problem { code: Cow::Borrowed(code), path: path.into(), id: id.into(), en: en.into() }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }

    /// The path for display: the document itself is shown as `(root)`.
    pub fn display_path(&self) -> &str {
        if self.path.is_empty() {
            "(root)"
        } else {
            &self.path
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} [{}]", self.display_path(), self.en, self.code)
    }
}

/// Appends a member name to a JSON path.
pub fn join(path: &str, key: &str) -> String {
    let simple = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    match (path.is_empty(), simple) {
        (true, true) => key.to_string(),
        (false, true) => format!("{path}.{key}"),
        (_, false) => format!("{path}[{}]", serde_json::Value::String(key.to_string())),
    }
}

/// Appends an array index to a JSON path.
pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn paths_join_members_and_indexes() {
        assert_eq!(join("", "categories"), "categories");
        assert_eq!(index("categories", 2), "categories[2]");
        assert_eq!(join("categories[2]", "scale"), "categories[2].scale");
        assert_eq!(join("evidence", "a b"), "evidence[\"a b\"]");
        assert_eq!(join("", ""), "[\"\"]");
    }
}
