//! Years: in digits (`2014`, `2015-16`), in words (`nineteen ninety nine`, `two thousand and
//! eighteen`), after a day or month (`, 2014`, `of '87`), and decades (`the 1990s`, `the '40s`).

use super::{Parsed, Parser};
use crate::model::DateValue;
use crate::recognise::numbers;
use crate::recognise::token::{FIGURE_START, Kind, Tokens, all_digits, is_apostrophe, is_dash};
use crate::recognise::units;

impl Parser<'_> {
    /// A four-digit year from 1000 to 2199 that is not glued to letters before it (`G2014`).
    pub(super) fn year(&self, i: usize) -> Option<i32> {
        let s = self.s(i);
        if s.len() != 4 {
            return None;
        }
        let y = self.int(i)?;
        if i > 0 && self.glued(i) && self.kind(i - 1) == Some(Kind::Word) {
            return None;
        }
        let quarter_after = (self.is_word(i + 1, "q") || self.is_word(i + 1, "h"))
            && self.glued(i + 2)
            && self.kind(i + 2) == Some(Kind::Number);
        if self.glued(i + 1)
            && self.kind(i + 1) == Some(Kind::Word)
            && !self.is_word(i + 1, "s")
            && !quarter_after
        {
            return None;
        }
        (1000..=2199).contains(&y).then_some(y as i32)
    }

    /// A year in words: `nineteen ninety nine`, `two thousand and eighteen`, `nineteen zero
    /// one`, `seventeen hundred thirty three`. Returns the year and the index after it.
    pub(super) fn word_year(&self, i: usize) -> Option<(i32, usize)> {
        // Every year in words opens with a number word (`two thousand`, `nineteen`, `twenty`),
        // which the tokenizer marked; asked after most months and days, this spares the lists.
        if !self
            .toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Word && t.class & FIGURE_START != 0)
        {
            return None;
        }
        let small = |k: usize| self.word(k).and_then(numbers::cardinal);
        let tens = |k: usize| self.word(k).and_then(numbers::tens);
        // Up to 99 in words from `k`: `ninety nine`, `ninety-nine`, `zero one`, `oh five`.
        let below_100 = |k: usize| -> Option<(u32, usize)> {
            if let Some(t) = tens(k) {
                let k2 = if is_dash(self.s(k + 1)) && self.glued(k + 1) {
                    k + 2
                } else {
                    k + 1
                };
                if let Some(u) = small(k2).filter(|&u| (1..10).contains(&u)) {
                    return Some((t + u, k2 + 1));
                }
                return Some((t, k + 1));
            }
            if self.is_word(k, "zero") || self.is_word(k, "oh") {
                return small(k + 1).filter(|&u| u < 10).map(|u| (u, k + 2));
            }
            small(k).map(|u| (u, k + 1))
        };
        if self.is_word(i, "two") && self.is_word(i + 1, "thousand") {
            let k = self.past(i + 2, "and");
            return match below_100(k) {
                Some((v, e)) => Some((2000 + v as i32, e)),
                None => Some((2000, i + 2)),
            };
        }
        let century = small(i)
            .filter(|&c| (10..20).contains(&c))
            .or_else(|| self.is_word(i, "twenty").then_some(20))?;
        let k = i + 1;
        if self.is_word(k, "hundred") {
            let k = self.past(k + 1, "and");
            let (v, e) = below_100(k).unwrap_or((0, k));
            return Some((century as i32 * 100 + v as i32, e));
        }
        let (v, e) = below_100(k)?;
        // `nineteen ten`, `twenty twenty`; a lone `nineteen` is no year.
        (v >= 10 || self.is_word(k, "zero") || self.is_word(k, "oh"))
            .then_some((century as i32 * 100 + v as i32, e))
    }

    /// Optional `,` then a year: `, 2014` or ` 2014`; also `of 2016` and `in 2020`.
    pub(super) fn opt_year(&self, j: usize) -> Option<(i32, usize)> {
        if let Some(y) = self.word_year(if self.is(j, ",") { j + 1 } else { j }) {
            return Some(y);
        }
        let k = if self.is(j, ",") || self.is_word(j, "of") || self.is_word(j, "in") {
            j + 1
        } else {
            j
        };
        if k > j && !self.is(j, ",") && self.s(k).len() != 4 {
            // `15 April of 87`: two digits after `of` are a year of the last century or this one.
            if self.is_word(j, "of") && self.s(k).len() == 2 && self.kind(k + 1) != Some(Kind::Word)
            {
                let yy = self.int(k)? as i32;
                return Some((two_digit_year(yy), k + 1));
            }
            return None;
        }
        // `on 28 june in 2020 to …` keeps `in`; `in 2020 people` would not reach here.
        self.year(k)
            .filter(|_| !self.is_word(k + 1, "s"))
            .map(|y| (y, k + 1))
    }

    /// Whether a number stands at `j` (after an optional comma) where a year would, but cannot
    /// be one: five digits or more (`December 31, 999999999999999999999`), or four outside the
    /// years `year` reads with no word after them to count (`Dec. 31, 9999.`, not `March 3,
    /// 2500 soldiers`). Such a date states a year that is no year, so it is no date at all, and
    /// never a day of the reference year.
    pub(super) fn not_a_year(&self, j: usize) -> bool {
        let k = if self.is(j, ",") { j + 1 } else { j };
        let s = self.s(k);
        if self.kind(k) != Some(Kind::Number) || !all_digits(s) {
            return false;
        }
        s.len() > 4
            || (s.len() == 4 && self.year(k).is_none() && self.kind(k + 1) != Some(Kind::Word))
    }

    /// `2014`, `in 2018`, `2012-2013`, `2015-16`, `2017 april`, `1990 s`.
    pub(super) fn year_date(&self, i: usize) -> Option<Parsed> {
        let y = self.year(i)?;
        // `2016 November`, `2016, nov`: a year then its month.
        let k = if self.is(i + 1, ",") { i + 2 } else { i + 1 };
        if let Some((m, e)) = self.month(k) {
            let word = self.word(k).unwrap_or("");
            // After a year, `May` is the month; lower-case `may` only at the end of a phrase.
            let may_alone = word != "may" || self.kind(e).is_none_or(|kind| kind == Kind::Punct);
            if may_alone && self.day(e).is_none() {
                return Some(Parsed::new(e, DateValue::month(y, m)));
            }
        }
        // `1990s` and `1990 s`: a decade.
        if y % 10 == 0 && self.is_word(i + 1, "s") {
            return Some(Parsed::new(
                i + 2,
                DateValue::span(DateValue::year(y), DateValue::year(y + 9)),
            ));
        }
        // A number inside a phone number or code is not a year.
        if (is_dash(self.s(i + 1))
            && self.glued(i + 1)
            && self.glued(i + 2)
            && is_dash(self.s(i + 3))
            && self.glued(i + 3)
            && self.kind(i + 4) == Some(Kind::Number))
            || (i >= 2
                && is_dash(self.s(i - 1))
                && self.glued(i)
                && self.glued(i - 1)
                && self.kind(i - 2) == Some(Kind::Number)
                && self.s(i - 2).len() != 4)
        {
            return None;
        }
        if self.is_word(i + 1, "s") && self.glued(i + 1) {
            return None;
        }
        // `$2014`, `2014 tons`: an amount, not a year.
        if i > 0 && matches!(self.s(i - 1), "$" | "€" | "£" | "¥" | "₩" | "₹" | "#" | "№")
        {
            return None;
        }
        if let Some(w) = self.word(i + 1) {
            if units::is_scale_or_unit_word(w) {
                return None;
            }
        }
        if self.is(i + 1, "%") || self.is_word(i + 1, "percent") {
            return None;
        }
        if is_dash(self.s(i + 1)) || self.is_word(i + 1, "to") {
            let n = self.s(i + 2);
            if n.len() == 4 {
                if let Some(y2) = self.year(i + 2).filter(|&y2| y2 > y && y2 - y < 200) {
                    return Some(Parsed::new(
                        i + 3,
                        DateValue::span(DateValue::year(y), DateValue::year(y2)),
                    ));
                }
            } else if n.len() == 2 && self.glued(i + 1) && self.glued(i + 2) {
                let yy = self.int(i + 2)? as i32;
                let y2 = y / 100 * 100 + yy;
                if y2 > y {
                    return Some(Parsed::new(
                        i + 3,
                        DateValue::span(DateValue::year(y), DateValue::year(y2)),
                    ));
                }
            }
        }
        Some(Parsed::new(i + 1, DateValue::year(y)))
    }

    /// `the 1990s`, `the 1970's`, `the 70's`, `the '40s`; also `the year 2008`.
    pub(super) fn decade(&self, i: usize) -> Option<Parsed> {
        let mut j = i;
        if is_apostrophe(self.s(j)) {
            j += 1;
        }
        let digits = self.s(j);
        let v = self.int(j)? as i32;
        let y = match digits.len() {
            4 => self.year(j)?,
            // A two-digit decade: the 1900s for those not yet come in this century.
            2 => {
                if v <= 20 {
                    2000 + v
                } else {
                    1900 + v
                }
            }
            _ => return None,
        };
        let mut k = j + 1;
        if is_apostrophe(self.s(k)) && self.glued(k) {
            k += 1;
        }
        if y % 10 != 0
            || !self.is_word(k, "s")
            || !self.glued(k)
            || (digits.len() == 2 && j == i && k == j + 1)
        {
            return None;
        }
        let value = DateValue::span(DateValue::year(y), DateValue::year(y + 9));
        Some(Parsed::new(k + 1, value))
    }
}

/// The year a year written with two digits means: up to 30 this century's, else the last
/// century's (`'87`, `21/04/16`).
pub(super) fn two_digit_year(yy: i32) -> i32 {
    if yy <= 30 { 2000 + yy } else { 1900 + yy }
}
