//! Ranking within a category (rubric-format §7): rounded score, then tie-break indicators,
//! competition ranking (1, 2, 2, 4), ties listed by agency name, winners with a shared cut-off.

use crate::rubric::Rubric;
use crate::score::Scorecard;
use crate::util::round2;
use std::cmp::Ordering;

/// What ranking needs to know about one entry.
#[derive(Debug, Clone, PartialEq)]
pub struct RankEntry {
    /// Agency name, for listing fully tied entries.
    pub agency: String,
    /// The rounded score ranked on (data score, or final score once jury marks exist).
    pub score: f64,
    /// Rounded indicator scores in tie-break order.
    pub tie: Vec<f64>,
}

impl RankEntry {
    /// Builds an entry from a scorecard; `jury` switches the key to the final score.
    pub fn from_card(rubric: &Rubric, card: &Scorecard, agency: &str, jury: Option<f64>) -> RankEntry {
        let score = match jury {
            Some(j) => round2(card.final_score(rubric, j)),
            None => card.rounded(),
        };
        let tie =
            rubric.categories[card.category].tie_break.iter().map(|&i| round2(card.indicators[i].score)).collect();
        RankEntry { agency: agency.to_string(), score, tie }
    }
}

/// One place in a ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// Index of the entry in the slice given to [`rank`].
    pub entry: usize,
    /// Competition rank, from 1.
    pub rank: u32,
    /// Whether the rank is within the category's winners.
    pub winner: bool,
}

/// Orders two entries by merit only: higher score, then higher tie-break scores.
fn merit(a: &RankEntry, b: &RankEntry) -> Ordering {
    b.score.total_cmp(&a.score).then_with(|| {
        for (x, y) in a.tie.iter().zip(&b.tie) {
            match y.total_cmp(x) {
                Ordering::Equal => {}
                o => return o,
            }
        }
        Ordering::Equal
    })
}

/// An agency name compared case- and space-insensitively (also the duplicate rule of the
/// submission import: type + this key identify an agency).
pub fn name_key(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Ranks entries, best first. The result lists every entry once.
pub fn rank(entries: &[RankEntry], winners: u32) -> Vec<Place> {
    // Each name's key once, not at every comparison of a tie (a big batch has thousands).
    let keys: Vec<String> = entries.iter().map(|e| name_key(&e.agency)).collect();
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&entries[a], &entries[b]);
        merit(x, y).then_with(|| keys[a].cmp(&keys[b])).then_with(|| x.agency.cmp(&y.agency))
    });
    let mut places = Vec::with_capacity(order.len());
    let mut current = 0u32;
    for (pos, &i) in order.iter().enumerate() {
        if pos == 0 || merit(&entries[order[pos - 1]], &entries[i]) != Ordering::Equal {
            current = pos as u32 + 1;
        }
        places.push(Place { entry: i, rank: current, winner: current <= winners });
    }
    places
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn e(agency: &str, score: f64, tie: &[f64]) -> RankEntry {
        RankEntry { agency: agency.into(), score, tie: tie.to_vec() }
    }

    fn check(entries: &[RankEntry], winners: u32, expect: &[(&str, u32, bool)]) {
        let got: Vec<(&str, u32, bool)> =
            rank(entries, winners).iter().map(|p| (entries[p.entry].agency.as_str(), p.rank, p.winner)).collect();
        assert_eq!(got, expect);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn competition_ranking_with_tie_breaks_and_names() {
        check(
            &[
                e("Dinas B", 80.0, &[50.0]),
                e("Dinas A", 80.0, &[50.0]),
                e("Dinas C", 90.0, &[0.0]),
                e("Dinas D", 80.0, &[60.0]),
                e("Dinas E", 70.0, &[100.0]),
            ],
            3,
            &[
                ("Dinas C", 1, true),
                ("Dinas D", 2, true),
                ("Dinas A", 3, true),
                ("Dinas B", 3, true),
                ("Dinas E", 5, false),
            ],
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn shared_rank_at_cut_off_keeps_all_winners() {
        check(
            &[e("a", 90.0, &[]), e("b", 80.0, &[]), e("c", 80.0, &[]), e("d", 70.0, &[])],
            2,
            &[("a", 1, true), ("b", 2, true), ("c", 2, true), ("d", 4, false)],
        );
        check(
            &[e("a", 90.0, &[]), e("b", 90.0, &[]), e("c", 80.0, &[])],
            1,
            &[("a", 1, true), ("b", 1, true), ("c", 3, false)],
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn empty_ranking() {
        assert!(rank(&[], 3).is_empty());
    }
}
