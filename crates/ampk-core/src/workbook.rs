//! What the coordinator's page asks of its XLSX worker: the request and the time stamp the
//! workbook carries.
//!
//! The XLSX writer runs in a separate WebAssembly module, fetched only when the coordinator asks
//! for a workbook. The page sends the batch as it is (the rubric in use, the files, the jury
//! marks), the language and the time; the worker runs the very same import on them as the page
//! and the CLI, so the workbook's content matches the other exports. Both sides use these types,
//! so the protocol has one definition.

use crate::i18n::Lang;
use crate::import::{self, ImportReport, JuryMarks};
use crate::problem::Problem;
use crate::rank::name_key;
use crate::review::{self, ReviewFile, Verified};
use crate::rubric::{self, Rubric};
use serde::{Deserialize, Serialize};

/// A creation time (UTC): year, month, day, hour, minute, second.
pub type Stamp = (u16, u8, u8, u16, u8, u8);

/// The request, sent as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// The text of the rubric in use (the official file, or the built-in model's JSON).
    pub rubric: String,
    /// The imported files: name and text.
    pub files: Vec<(String, String)>,
    /// The jury marks: category id, agency name, mark.
    pub jury: Vec<(String, String, f64)>,
    /// The workbook's language.
    pub lang: Lang,
    /// The workbook's creation time.
    pub stamp: Stamp,
    /// The coordinator's review, when one exists: the workbook then gains the review columns and
    /// the review, corrections and audit sheets. Absent from the JSON when there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<ReviewFile>,
}

impl Request {
    /// The rubric and the import report the workbook shows, or the rubric's problems.
    pub fn import(&self) -> Result<(Rubric, ImportReport), Vec<Problem>> {
        let rubric = rubric::load(self.rubric.as_bytes())?;
        let files: Vec<(String, Vec<u8>)> =
            self.files.iter().map(|(n, t)| (n.clone(), t.clone().into_bytes())).collect();
        let jury: JuryMarks = self.jury.iter().map(|(c, a, v)| ((c.clone(), name_key(a)), *v)).collect();
        let report = import::import(&rubric, &files, &jury);
        Ok((rubric, report))
    }

    /// The review's outcome on that import (`review::apply`; what the review names that the
    /// batch lacks is left out, as the page does), when the request carries a review.
    pub fn verified(&self, rubric: &Rubric, report: &ImportReport) -> Option<(&ReviewFile, Verified)> {
        self.review.as_ref().map(|r| (r, review::apply(rubric, report, r)))
    }
}

/// The stamp of an ISO 8601 time (`2025-11-02T03:04:05Z`, fractions ignored); a field that is
/// missing or not a number is 0.
pub fn stamp(iso: &str) -> Stamp {
    let num = |r: std::ops::Range<usize>| iso.get(r).and_then(|x| x.parse::<u16>().ok()).unwrap_or(0);
    (num(0..4), num(5..7) as u8, num(8..10) as u8, num(11..13), num(14..16) as u8, num(17..19) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn stamps_come_from_iso_times() {
        assert_eq!(stamp("2025-11-02T03:04:05Z"), (2025, 11, 2, 3, 4, 5));
        assert_eq!(stamp("2025-11-02T03:04:05.678Z"), (2025, 11, 2, 3, 4, 5));
        assert_eq!(stamp("2025-11-02"), (2025, 11, 2, 0, 0, 0));
        assert_eq!(stamp(""), (0, 0, 0, 0, 0, 0));
        assert_eq!(stamp("yyyy-mm-ddThh:mm:ssZ"), (0, 0, 0, 0, 0, 0));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_request_travels_as_the_worker_reads_it() {
        let req = Request {
            rubric: "{}".into(),
            files: vec![("a.json".into(), "{}".into())],
            jury: vec![("lapor_opd".into(), "Dinas Contoh A".into(), 80.0)],
            lang: Lang::En,
            stamp: (2025, 11, 3, 2, 0, 0),
            review: None,
        };
        let text = serde_json::to_string(&req).unwrap();
        let wire: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            wire,
            serde_json::json!({
                "rubric": "{}",
                "files": [["a.json", "{}"]],
                "jury": [["lapor_opd", "Dinas Contoh A", 80.0]],
                "lang": "en",
                "stamp": [2025, 11, 3, 2, 0, 0],
            })
        );
        assert_eq!(serde_json::from_str::<Request>(&text).unwrap(), req);
        // With a review, it travels too.
        let reviewed = Request { review: Some(review::ReviewFile::new(rubric::builtin())), ..req };
        let text = serde_json::to_string(&reviewed).unwrap();
        assert_eq!(serde_json::from_str::<Request>(&text).unwrap(), reviewed);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_import_is_the_pages_and_the_clis() {
        let r = rubric::builtin();
        let sub = crate::example::example(r, "opd").unwrap();
        let text = crate::submission::write(r, &sub, crate::example::EXAMPLE_EXPORTED_AT);
        let agency = sub.agency.name.clone();
        let req = Request {
            rubric: rubric::MODEL_RUBRIC_JSON.into(),
            files: vec![("a.json".into(), text.clone())],
            jury: vec![("lapor_opd".into(), agency.to_uppercase(), 80.0)],
            lang: Lang::Id,
            stamp: (2025, 11, 3, 2, 0, 0),
            review: None,
        };
        let (rubric, report) = req.import().unwrap();
        assert_eq!(rubric.sha256, r.sha256);
        let jury: JuryMarks = [(("lapor_opd".to_string(), name_key(&agency)), 80.0)].into();
        assert_eq!(report, import::import(r, &[("a.json".into(), text.into_bytes())], &jury));
        assert!(req.verified(&rubric, &report).is_none());
        let reviewed = Request { review: Some(review::ReviewFile::new(&rubric)), ..req.clone() };
        let (_, v) = reviewed.verified(&rubric, &report).expect("a review");
        assert_eq!(v, review::apply(&rubric, &report, reviewed.review.as_ref().unwrap()));
        let bad = Request { rubric: "{".into(), ..req };
        assert!(!bad.import().unwrap_err().is_empty());
    }
}
