//! Wire types of the rubric file format, version 1 (`../shared/spec/rubric-format.md`): the
//! serde and schemars types that mirror the JSON document member for member (serde names are
//! the JSON names). The committed JSON Schema is generated from [`RubricFile`].

use crate::problem::Lang;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A text in several languages: `{"id": "…", "en": "…"}`; `id` is required, others fall back to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(transparent)]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    /// The text in `lang` (looked up by its tag), falling back to the Indonesian text every
    /// rubric text has: a language the rubric does not carry shows Indonesian.
    pub fn get(&self, lang: Lang) -> &str {
        self.0.get(lang.tag()).or_else(|| self.0.get("id")).map(String::as_str).unwrap_or("")
    }
}

/// Whether a rubric is the kit's model or issued by Diskominfo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Not issued by Diskominfo.
    Model,
    /// Issued by Diskominfo.
    Official,
}

/// The whole rubric file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "AMPK rubric, format version 1")]
pub struct RubricFile {
    /// Always `"ampk-rubric"`.
    pub format: String,
    /// Always `1`.
    pub format_version: u32,
    /// `[a-z0-9][a-z0-9-]{2,63}`.
    pub id: String,
    /// The award year.
    pub edition: u32,
    pub status: Status,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_by: Option<String>,
    pub period: Period,
    pub final_score: FinalScore,
    pub bands: Vec<Band>,
    pub agency_types: Vec<AgencyType>,
    pub categories: Vec<CategoryDef>,
}

/// The data period agencies report on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// `YYYY-MM-DD`.
    pub start: String,
    /// `YYYY-MM-DD`, not before `start`.
    pub end: String,
}

/// Weights of the data score and the jury mark in the final score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FinalScore {
    pub data_weight: f64,
    pub jury_weight: f64,
}

/// One rung of the predicate ladder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub min: f64,
    pub label: Text,
}

/// A kind of participating agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgencyType {
    pub id: String,
    pub label: Text,
}

/// An award category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoryDef {
    pub id: String,
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    pub eligible: Vec<String>,
    pub winners: u32,
    pub inputs: Vec<InputDef>,
    pub indicators: Vec<IndicatorDef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<CheckDef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tie_break: Option<Vec<String>>,
}

/// The kind of value an input takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    Integer,
    Number,
    Boolean,
    Checklist,
}

/// Whether an input needs evidence links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "lowercase")]
pub enum Evidence {
    Required,
    #[default]
    Optional,
    None,
}

fn yes() -> bool {
    true
}

/// A figure the officer enters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InputDef {
    pub id: String,
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    pub kind: InputKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<ItemDef>>,
    #[serde(default)]
    pub evidence: Evidence,
    #[serde(default = "yes")]
    pub required: bool,
}

/// One checklist item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemDef {
    pub id: String,
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
}

/// A scored indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDef {
    pub id: String,
    pub label: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    pub weight: f64,
    pub value: String,
    pub scale: Scale,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
    #[serde(default)]
    pub when_undefined: f64,
}

// Read by hand (below): serde's own reading of an internally tagged enum buffers the value
// first, and that machinery alone costs the officer's page several kilobytes. The attributes
// still shape the JSON Schema and the writer.
/// Maps an indicator value to a score 0–100.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
pub enum Scale {
    /// `100 × (v − min) / (max − min)`, clamped.
    Linear { min: f64, max: f64 },
    /// Logarithmic between `min` and `max` (0 < min < max).
    Log { min: f64, max: f64 },
    /// Steps.
    Bands {
        direction: Direction,
        steps: Vec<Step>,
        #[serde(default)]
        otherwise: f64,
    },
    /// The value itself, clamped.
    Percent,
}

impl<'de> Deserialize<'de> for Scale {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        /// Every member any scale has; which ones a scale may have depends on its type.
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Flat {
            #[serde(rename = "type")]
            kind: String,
            min: Option<f64>,
            max: Option<f64>,
            direction: Option<Direction>,
            steps: Option<Vec<Step>>,
            otherwise: Option<f64>,
        }
        let f = Flat::deserialize(d)?;
        let present = [
            ("min", f.min.is_some()),
            ("max", f.max.is_some()),
            ("direction", f.direction.is_some()),
            ("steps", f.steps.is_some()),
            ("otherwise", f.otherwise.is_some()),
        ];
        let only = |allowed: &'static [&'static str]| match present.iter().find(|(n, p)| *p && !allowed.contains(n)) {
            Some((n, _)) => Err(D::Error::unknown_field(n, allowed)),
            None => Ok(()),
        };
        let need = |v: Option<f64>, name: &'static str| v.ok_or_else(|| D::Error::missing_field(name));
        match f.kind.as_str() {
            "linear" | "log" => {
                only(&["min", "max"])?;
                let (min, max) = (need(f.min, "min")?, need(f.max, "max")?);
                Ok(if f.kind == "log" { Scale::Log { min, max } } else { Scale::Linear { min, max } })
            }
            "bands" => {
                only(&["direction", "steps", "otherwise"])?;
                Ok(Scale::Bands {
                    direction: f.direction.ok_or_else(|| D::Error::missing_field("direction"))?,
                    steps: f.steps.ok_or_else(|| D::Error::missing_field("steps"))?,
                    otherwise: f.otherwise.unwrap_or(0.0),
                })
            }
            "percent" => {
                only(&[])?;
                Ok(Scale::Percent)
            }
            other => Err(D::Error::unknown_variant(other, &["linear", "log", "bands", "percent"])),
        }
    }
}

/// Which side of a band step scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Higher,
    Lower,
}

/// One band step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub at: f64,
    pub score: f64,
}

/// A plausibility rule over a category's inputs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckDef {
    pub rule: String,
    pub message: Text,
}

#[cfg(test)]
mod scale_tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn scales_read_as_their_writer_writes_them_and_nothing_else() {
        let all = [
            Scale::Linear { min: 0.0, max: 10.0 },
            Scale::Log { min: 1.0, max: 1e6 },
            Scale::Bands { direction: Direction::Lower, steps: vec![Step { at: 1.0, score: 100.0 }], otherwise: 5.0 },
            Scale::Percent,
        ];
        for s in all {
            let text = serde_json::to_string(&s).expect("writes");
            assert_eq!(serde_json::from_str::<Scale>(&text).expect("reads"), s, "{text}");
        }
        let bands: Scale =
            serde_json::from_str(r#"{"type":"bands","direction":"higher","steps":[]}"#).expect("otherwise");
        assert_eq!(bands, Scale::Bands { direction: Direction::Higher, steps: vec![], otherwise: 0.0 });
        for bad in [
            r#"{"type":"percent","min":1}"#,
            r#"{"type":"linear","min":1}"#,
            r#"{"type":"log","max":1,"steps":[]}"#,
            r#"{"type":"bands","steps":[]}"#,
            r#"{"type":"cubic"}"#,
            r#"{"min":1,"max":2}"#,
            r#"{"type":"linear","min":1,"max":2,"extra":0}"#,
        ] {
            assert!(serde_json::from_str::<Scale>(bad).is_err(), "{bad}");
        }
    }
}
