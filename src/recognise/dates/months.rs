//! Months: `October`, `February 2013`, `Sept. '14`, and ranges of months (`January-September
//! 2014`, `Jan 2014 - Mar 2015`).

use super::words::month_number;
use super::years::two_digit_year;
use super::{Parsed, Parser};
use crate::model::DateValue;
use crate::recognise::token::{Kind, Tokens, is_apostrophe};

impl Parser<'_> {
    /// A month name at `i` (with an optional full stop after an abbreviation); returns the month
    /// and the index after it.
    pub(super) fn month(&self, i: usize) -> Option<(u32, usize)> {
        let w = self.word(i)?;
        let m = month_number(w)?;
        let full = w.len() > 3 && !w.eq_ignore_ascii_case("sept");
        let mut j = i + 1;
        if !full && self.is(j, ".") && self.glued(j) {
            j += 1;
        }
        Some((m, j))
    }

    /// Months: `October`, `February 2013`, `January-September 2014`, `Sep — Dec 2014`,
    /// `March to June`, `Jan 2014 - Mar 2015`.
    pub(super) fn month_date(&self, i: usize) -> Option<Parsed> {
        let (m, j) = self.month(i)?;
        let word = self.word(i)?;
        let full = word.len() > 3;
        let (y1, j1) = match self.month_year_sep(j) {
            Some((y, k)) => (Some(y), k),
            None => (None, j),
        };
        // A range to a second month.
        if self.is_range_joiner(j1) {
            if let Some((m2, k)) = self.month(j1 + 1) {
                let w2 = self.word(j1 + 1)?;
                let and = self.is_word(j1, "and");
                let (y2, k) = match self.month_year_sep(k) {
                    Some((y, k)) => (Some(y), k),
                    None => (None, k),
                };
                if !(and && y2.is_none() && y1.is_none())
                    && (w2 != "may" && word != "may" || y2.is_some())
                {
                    let y2v = y2.or(y1).or_else(|| self.anchor.year_for(m2, None))?;
                    let y1v = y1.unwrap_or(if m2 < m { y2v - 1 } else { y2v });
                    let value =
                        DateValue::span(DateValue::month(y1v, m), DateValue::month(y2v, m2));
                    return Some(Parsed::new(k, value));
                }
            }
        }
        if let Some(y) = y1 {
            return Some(Parsed::new(j1, DateValue::month(y, m)));
        }
        // `December 99999`, `December 31, 99999`: the month of a year that is no year.
        if self.not_a_year(j) || self.day(j).is_some_and(|(_, k)| self.not_a_year(k)) {
            return None;
        }
        // A month on its own: a capitalised full name, or an abbreviation with its stop; `May`,
        // `March` and lower-case names only where a preposition makes them months (`in May`,
        // not `Theresa May` or `it may`).
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        let cue = self.cue_before(i);
        // `it may be in may.`: lower-case `may` after `in` and before the end of the sentence.
        let in_may_at_end = word == "may"
            && i > 0
            && self.is_word(i - 1, "in")
            && self.toks.get(i + 1).is_none_or(|t| t.kind == Kind::Punct);
        let ok = if in_may_at_end {
            true
        } else if word.eq_ignore_ascii_case("may") || word.eq_ignore_ascii_case("march") {
            cue && capital
        } else if !capital {
            cue
        } else {
            full || self.is(i + 1, ".") || cue
        };
        if !ok {
            return None;
        }
        let y = self.anchor.year_for(m, None)?;
        Some(Parsed::new(j, DateValue::month(y, m)))
    }

    /// `, 2014`, ` 2014`, ` of 2014`, `'14`, `99` or `nineteen ninety nine` after a month.
    fn month_year_sep(&self, j: usize) -> Option<(i32, usize)> {
        // Two digits that cannot be a day are a year (`August 99`).
        if self.s(j).len() == 2 && self.int(j).is_some_and(|v| v > 31) && !self.glued(j + 1) {
            let yy = self.int(j)? as i32;
            return Some((1900 + yy, j + 1));
        }
        if let Some(y) = self.word_year(if self.is_word(j, "of") || self.is(j, ",") {
            j + 1
        } else {
            j
        }) {
            return Some(y);
        }
        if self.is_word(j, "of") {
            if self.s(j + 1).len() == 2 && self.kind(j + 2) != Some(Kind::Word) {
                let yy = self.int(j + 1)? as i32;
                return Some((two_digit_year(yy), j + 2));
            }
            return self.year(j + 1).map(|y| (y, j + 2));
        }
        if is_apostrophe(self.s(j)) && self.s(j + 1).len() == 2 {
            let yy = self.int(j + 1)? as i32;
            return Some((two_digit_year(yy), j + 2));
        }
        self.opt_year(j)
    }
}
