//! What a number measures when no currency goes with it: percentages and points (`21%`, `2
//! percentage points`), multipliers (`36-fold`, `three times more`) and quantities in units of
//! measure (`13,000 tons`, `a 3-inch gap`, `5 feet 2 inches`).

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::counts::is_function_word;
use super::{Parser, Reading};
use crate::model::{Figure, FigureKind};
use crate::recognise::token::{Kind, Tokens, is_dash, lower};
use crate::recognise::units::UNITS;

impl Parser<'_> {
    /// A unit of measure at `j` (`tons`, `cubic meters per second`, `km2`, a glued `t`): its
    /// symbol and the token after it.
    pub(super) fn unit_at(&self, j: usize) -> Option<(&'static str, usize)> {
        if !self.free(j) {
            return None;
        }
        // `100t`: a bare `t` counts as tonnes only glued to the number.
        if self.is(j, "t") && self.glued(j) && !self.glued(j + 1) {
            return Some(("t", j + 1));
        }
        let first = self.word(j)?;
        let mut buf = [0; 32];
        let lowered;
        let key = if first.is_ascii() {
            lower(first, &mut buf)
        } else {
            // `µg`: the few units with letters beyond ASCII.
            lowered = first.to_ascii_lowercase();
            &lowered
        };
        let candidates = UNITS_BY_FIRST_WORD.get(key)?;
        'units: for unit in candidates.iter().map(|&k| &UNITS[k]) {
            for (k, uw) in unit.words.iter().enumerate() {
                let Some(w) = self.word(j + k) else {
                    continue 'units;
                };
                let matches = if uw.chars().any(char::is_uppercase) {
                    w == *uw
                } else {
                    w.eq_ignore_ascii_case(uw)
                };
                if !matches {
                    continue 'units;
                }
            }
            let end = j + unit.words.len();
            // `m212`: letters and digits run together are a code, not a unit.
            if self.glued(end)
                && self.kind(end) == Some(Kind::Number)
                && !matches!(self.s(end), "2" | "3")
            {
                return None;
            }
            // `km2`, `m3`: a power glued to a length.
            if matches!(unit.symbol, "km" | "m" | "mi" | "ft" | "cm")
                && self.glued(end)
                && matches!(self.s(end), "2" | "3")
            {
                let power = self.s(end);
                let symbol = match (unit.symbol, power) {
                    ("km", "2") => "km2",
                    ("km", _) => "km3",
                    ("m", "2") => "m2",
                    ("m", _) => "m3",
                    ("mi", _) => "mi2",
                    ("ft", "2") => "ft2",
                    ("ft", _) => "ft3",
                    _ => "cm2",
                };
                return Some((symbol, end + 1));
            }
            return Some((unit.symbol, end));
        }
        None
    }

    /// `percent of 10` opening a sentence or a note, the share written the other way round:
    /// the token of `of`.
    pub(super) fn percent_of_at(&self, i: usize) -> Option<usize> {
        let opens = i == 0 || self.toks[i].newline || matches!(self.s(i - 1), "." | ":" | ";");
        let after_percent = if self.is_word(i, "percent") || self.is_word(i, "percents") {
            Some(i + 1)
        } else if self.is_word(i, "per") && self.is_word(i + 1, "cent") {
            Some(i + 2)
        } else {
            None
        };
        after_percent.filter(|&k| opens && self.is_word(k, "of"))
    }

    /// The share of `percent of 10`, whose `of` is token `of`.
    pub(super) fn share_of(&self, i: usize, of: usize) -> Option<(Figure, usize)> {
        let n = self.number(of + 1)?;
        if self.word(n.end).is_some_and(|w| !is_function_word(w)) {
            return None;
        }
        let bounds = (n.value - n.half_ulp, n.value + n.half_ulp);
        let unit = Some("%".into());
        let f = self.make(i, n.end, FigureKind::Percent, n.value, unit, bounds, None);
        Some((f, n.end))
    }

    /// Percentages and percentage points: `21%`, `52 percent`, `21 per cent`, `2 percentage
    /// points`.
    pub(super) fn percent(&self, r: &Reading) -> Option<(Figure, usize)> {
        let j = r.end;
        if self.is(j, "%") {
            return Some(self.figure_of(r, j + 1, FigureKind::Percent, Some("%".into())));
        }
        let points = |k: usize| self.is_word(k, "points") || self.is_word(k, "point");
        let percentage_alone = self.is_word(j, "percentage") && !points(j + 1);
        if self.is_word(j, "percent")
            || self.is_word(j, "percents")
            || percentage_alone
            || self.is_word(j, "pct")
            || (self.is_word(j, "per") && self.is_word(j + 1, "cent"))
        {
            let mut end = if self.is_word(j, "per") { j + 2 } else { j + 1 };
            let mut kind = FigureKind::Percent;
            let mut unit = "%";
            if points(end) {
                kind = FigureKind::Points;
                unit = "pp";
                end += 1;
            }
            return Some(self.figure_of(r, end, kind, Some(unit.into())));
        }
        if self.is_word(j, "percentage") && points(j + 1) {
            return Some(self.figure_of(r, j + 2, FigureKind::Points, Some("pp".into())));
        }
        None
    }

    /// `3-inch`, `nine-day`, `2.5-mile`: a number hyphenated to a unit in the singular.
    pub(super) fn compound_quantity(&self, r: &Reading) -> Option<(Figure, usize)> {
        let j = r.end;
        if !is_dash(self.s(j)) || !self.glued(j) || !self.glued(j + 1) || r.ranged {
            return None;
        }
        let symbol = self.word(j + 1).and_then(compound_unit)?;
        Some(self.figure_of(r, j + 2, FigureKind::Quantity, Some(symbol.into())))
    }

    /// `36-fold`, and `three times more` or `ten times the`.
    pub(super) fn multiplier(&self, r: &Reading) -> Option<(Figure, usize)> {
        let j = r.end;
        if is_dash(self.s(j)) && self.glued(j) && self.is_word(j + 1, "fold") {
            return Some(self.figure_of(r, j + 2, FigureKind::Multiplier, None));
        }
        let compares = self.word(j + 1).is_some_and(|w| {
            matches!(
                lower(w, &mut [0; 32]),
                "more"
                    | "higher"
                    | "larger"
                    | "bigger"
                    | "greater"
                    | "as"
                    | "the"
                    | "over"
                    | "faster"
                    | "smaller"
                    | "lower"
            )
        });
        (self.is_word(j, "times") && compares)
            .then(|| self.figure_of(r, j + 1, FigureKind::Multiplier, None))
    }

    /// A quantity: a unit after the number (`13,000 tons`), or in brackets (`20 (kg)`, `20 [kg]`).
    pub(super) fn quantity(&self, r: &Reading) -> Option<(Figure, usize)> {
        let j = r.end;
        let closer = match self.s(j) {
            "(" => ")",
            "[" => "]",
            "{" => "}",
            "<" => ">",
            _ => "",
        };
        let bracketed = (!closer.is_empty())
            .then(|| self.unit_at(j + 1))
            .flatten()
            .filter(|&(_, e)| self.s(e) == closer)
            .map(|(u, e)| (u, e + 1));
        let (symbol, end) = bracketed.or_else(|| self.unit_at(j))?;
        if symbol == "ft" && !r.ranged {
            if let Some(length) = self.feet_and_inches(r, end) {
                return Some(length);
            }
        }
        Some(self.figure_of(r, end, FigureKind::Quantity, Some(symbol.into())))
    }

    /// `5 feet 2 inches`, `12 ft 2 in`: feet and inches make one length, in feet; the feet end
    /// before `end`.
    fn feet_and_inches(&self, r: &Reading, end: usize) -> Option<(Figure, usize)> {
        let k = self.past(end, "and");
        let n = self.number(k).filter(|n| n.value < 12.0 && !n.words)?;
        let inches = self.unit_at(n.end).filter(|(u, _)| *u == "in").or_else(|| {
            // `5 ft 2 in`: after feet, `in` is inches.
            self.is_word(n.end, "in").then_some(("in", n.end + 1))
        });
        let Some(("in", e2)) = inches else {
            return None;
        };
        let v = r.value + n.value / 12.0;
        let unit = Some("ft".into());
        let f = self.make(r.start, e2, FigureKind::Quantity, v, unit, (v, v), None);
        Some((f, e2))
    }
}

/// The units (indices into `UNITS`, in its order) by their first word, lower-cased: a number
/// is followed by one of a hundred units at most, so only those that start right are tried.
static UNITS_BY_FIRST_WORD: LazyLock<FxHashMap<String, Vec<usize>>> = LazyLock::new(|| {
    let mut map: FxHashMap<String, Vec<usize>> = Default::default();
    for (k, unit) in UNITS.iter().enumerate() {
        map.entry(unit.words[0].to_ascii_lowercase())
            .or_default()
            .push(k);
    }
    map
});

/// Units in the singular as they stand in compounds (`a 3-inch gap`, `a nine-day event`).
fn compound_unit(word: &str) -> Option<&'static str> {
    Some(match lower(word, &mut [0; 32]) {
        "inch" => "in",
        "foot" => "ft",
        "yard" => "yd",
        "mile" => "mi",
        "meter" | "metre" => "m",
        "kilometer" | "kilometre" => "km",
        "ton" | "tonne" => "t",
        "pound" => "lb",
        "ounce" => "oz",
        "kilogram" => "kg",
        "gallon" => "gal",
        "liter" | "litre" => "L",
        "barrel" => "bbl",
        "acre" => "acre",
        "hectare" => "ha",
        "megawatt" => "MW",
        "gigawatt" => "GW",
        "day" => "day",
        "week" => "week",
        "month" => "month",
        "year" => "year",
        "hour" => "h",
        "minute" => "min",
        _ => return None,
    })
}
