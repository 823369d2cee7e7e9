//! The workbook reader never panics, whatever it is given: workbooks with random values in
//! random cells (the reader's own logic), and damaged bytes: valid workbooks with bytes
//! changed, cut short, or random bytes (the archive and XML readers beneath it).

mod common;

use ampk_core::{rubric, Lang};
use ampk_rubric_xlsx::{from_workbook, to_workbook};
use calamine::Data;
use proptest::prelude::*;
use std::sync::OnceLock;

fn valid_bytes() -> &'static [Vec<u8>] {
    static B: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    B.get_or_init(|| vec![common::base().bytes(), to_workbook(&rubric::builtin().file).unwrap()])
}

fn cell() -> impl Strategy<Value = Data> {
    prop_oneof![
        Just(Data::Empty),
        "[ -~]{0,12}".prop_map(Data::String),
        prop::sample::select(vec![
            "tangga",
            "linear",
            "log",
            "persen",
            "a:b;;",
            "1:2; 3:4",
            "-",
            ",",
            "1,5",
            "x / 0",
            "min(",
            "2025-02-30",
            "daftar_periksa",
            "ya",
            "tidak",
            "media_sosial",
            "sop",
            "S1",
            "bobot",
            "kategori",
        ])
        .prop_map(|s| Data::String(s.to_string())),
        any::<f64>().prop_map(Data::Float),
        (-5i64..200).prop_map(|i| Data::Float(i as f64)),
        any::<bool>().prop_map(Data::Bool),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_cells_never_panic(edits in prop::collection::vec((0usize..8, 0usize..14, 0usize..18, cell()), 1..12)) {
        let mut book = common::base();
        for (s, r, c, v) in edits {
            let n = book.0.len();
            let rows = &mut book.0[s % n].1;
            while rows.len() <= r {
                rows.push(Vec::new());
            }
            let row = &mut rows[r];
            if row.len() <= c {
                row.resize(c + 1, Data::Empty);
            }
            row[c] = v;
        }
        // Non-finite numbers cannot be written: they stand for text here.
        for (_, rows) in &mut book.0 {
            for v in rows.iter_mut().flatten() {
                if matches!(v, Data::Float(f) if !f.is_finite()) {
                    *v = Data::String("NaN".into());
                }
            }
        }
        match from_workbook(&book.bytes(), Lang::En) {
            Ok((text, r)) => prop_assert_eq!(rubric::load(text.as_bytes()).unwrap().sha256, r.sha256),
            Err(problems) => prop_assert!(!problems.is_empty()),
        }
    }

    #[test]
    fn damaged_bytes_never_panic(which in 0usize..2, flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut bytes = valid_bytes()[which].clone();
        for (at, b) in flips {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        let _ = from_workbook(&bytes, Lang::Id);
    }

    #[test]
    fn truncated_bytes_never_panic(which in 0usize..2, cut in any::<prop::sample::Index>()) {
        let bytes = &valid_bytes()[which];
        let r = from_workbook(&bytes[..cut.index(bytes.len())], Lang::Id);
        prop_assert!(r.is_err());
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048), zip in any::<bool>()) {
        let mut bytes = bytes;
        if zip {
            bytes.splice(0..0, *b"PK\x03\x04");
        }
        prop_assert!(from_workbook(&bytes, Lang::Id).is_err());
    }
}

/// Found by `random_cells_never_panic`: a blank `nilai` header left every key without a value
/// and no problem at all (the keys' problems were taken for consequences of a missing column
/// that was not reported). Every header of every sheet, blanked in turn, is a listed problem.
#[test]
fn a_blank_header_cell_is_always_a_listed_problem() {
    let base = common::base();
    for (s, (name, rows)) in base.0.iter().enumerate() {
        if name == "petunjuk" {
            continue;
        }
        for c in 0..rows[0].len() {
            let mut book = base.clone();
            book.0[s].1[0][c] = Data::Empty;
            match from_workbook(&book.bytes(), Lang::En) {
                Ok(_) => {} // an optional column
                Err(problems) => assert!(!problems.is_empty(), "{name} column {c}: an empty list of problems"),
            }
        }
    }
}
