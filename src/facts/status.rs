//! A fact's standing, from the words of its clause: what was stated, aimed at, forecast,
//! pledged, disbursed or estimated.

use crate::model::FactStatus;

/// The standing a word gives a figure within `reach` words of it, if any.
fn of_word(word: &str, next: Option<&str>) -> Option<(FactStatus, usize)> {
    use FactStatus::*;
    Some(match word {
        "target" | "targets" | "targeted" | "targeting" | "aims" | "aim" | "aiming" | "goal"
        | "goals" | "plans" | "planned" | "plan" | "seeks" | "objective" => (Target, 6),
        "forecast" | "forecasts" | "forecasted" | "projected" | "projects" | "projection"
        | "projections" | "expected" | "expects" | "outlook" | "predicted" | "predicts"
        | "anticipated" => (Forecast, 6),
        "will" | "would" => (Forecast, 4),
        "set" if next == Some("to") => (Forecast, 4),
        "pledged" | "pledge" | "pledges" | "pledging" | "promised" | "promises" => (Pledged, 6),
        // An announcement or commitment is a pledge only when it is of the figure itself
        // (`announced $2 billion`), not of news (`announced that exports rose to ...`).
        "committed" | "commitment" | "commitments" | "announced" => (Pledged, 2),
        "disbursed" | "disbursement" | "disbursements" | "delivered" | "spent" | "paid" => {
            (Disbursed, 6)
        }
        "estimated" | "estimate" | "estimates" => (Estimated, 6),
        _ => return None,
    })
}

/// The status of a figure from the lower-case words of its clause before it (in order) and
/// the few after it: the nearest status word within its reach, before the figure first.
pub(super) fn status(before: &[&str], after: &[&str]) -> FactStatus {
    for (distance, k) in (0..before.len()).rev().enumerate() {
        let next = before.get(k + 1).copied();
        if let Some((s, reach)) = of_word(before[k], next) {
            if distance < reach {
                return s;
            }
        }
    }
    // `$2 billion pledged by donors`, `$5 billion is expected`.
    for (k, w) in after.iter().take(3).enumerate() {
        let next = after.get(k + 1).copied();
        if let Some((s, _)) = of_word(w, next) {
            return s;
        }
    }
    FactStatus::Stated
}
