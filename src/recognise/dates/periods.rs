//! Periods named in words: seasons (`summer 2016`), parts of a month or year (`late October`,
//! `the end of 2014`), quarters and halves (`Q2 2023`, `the second half of 2014`) and periods
//! relative to the report's date (`last year`, `next month`, `today`).

use super::words::ordinal_word;
use super::{Parsed, Parser};
use crate::model::{DateValue, Precision};
use crate::recognise::token::{Kind, Tokens, is_dash, lower};

/// The part of a month or year `early`, `mid` and `late` name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Early,
    Mid,
    Late,
}

impl Parser<'_> {
    /// `summer 2016`, `the summer of 2016`, `spring`: seasons of the northern hemisphere.
    pub(super) fn season(&self, i: usize) -> Option<Parsed> {
        let mut w_buf = [0u8; 32];
        let w = lower(self.word(i)?, &mut w_buf);
        let first = match w {
            "spring" => 3,
            "summer" => 6,
            "autumn" | "fall" => 9,
            "winter" => 12,
            _ => return None,
        };
        let mut k = i + 1;
        if self.is_word(k, "of") {
            k += 1;
        }
        let year = self.year(k);
        let year = match year {
            Some(y) => {
                k += 1;
                y
            }
            // Without a year, only `the summer` or `in spring`; `prices fall` is no season.
            None if w != "fall"
                && (self.cue_before(i) || (i > 0 && self.is_word(i - 1, "the"))) =>
            {
                k = i + 1;
                self.anchor.now()?.year
            }
            None => return None,
        };
        let start = DateValue::month(year, first);
        let end_month = (first + 1) % 12 + 1;
        let end_year = if end_month < first { year + 1 } else { year };
        let mut p = Parsed::new(
            k,
            DateValue::span(start, DateValue::month(end_year, end_month)),
        );
        p.approx = true;
        Some(p)
    }

    /// `late October`, `early 2015`, `mid-2015`, `the end of 2014`, `end of October`.
    pub(super) fn fuzzy(&self, i: usize) -> Option<Parsed> {
        let mut j = self.past(i, "the");
        let mut w_buf = [0u8; 32];
        let w = lower(self.word(j)?, &mut w_buf);
        let part = match w {
            "early" | "beginning" | "start" => Part::Early,
            "mid" | "middle" => Part::Mid,
            "late" | "end" => Part::Late,
            _ => return None,
        };
        // `late October` may stand without `the`; `end of 2014` and `the end of` need `of`.
        let short = matches!(w, "early" | "mid" | "late");
        j += 1;
        if (is_dash(self.s(j)) && self.glued(j)) || self.is_word(j, "of") {
            j += 1;
        } else if !short {
            return None;
        }
        if j == i + 1 || (self.is_word(i, "the") && short && !self.is_word(j - 1, "of")) {
            // `the late` + noun is not a date (`the late President`).
            if self.is_word(i, "the") {
                return None;
            }
        }
        let inner = if self.is_word(j, "the") && self.is_word(j + 1, "year") {
            let now = self.anchor.now()?;
            let mut p = Parsed::new(j + 2, DateValue::year(now.year));
            p.relative = true;
            p
        } else if self.is_word(j, "the") && self.is_word(j + 1, "month") {
            let now = self.anchor.now()?;
            let mut p = Parsed::new(j + 2, DateValue::month(now.year, now.month));
            p.relative = true;
            p
        } else if self.kind(j) == Some(Kind::Number) {
            let p = self.year_date(j)?;
            if p.value.interval {
                return None;
            }
            p
        } else {
            let p = self.month_date(j).or_else(|| self.relative(j))?;
            if p.value.interval {
                return None;
            }
            p
        };
        let mut value = inner.value;
        if value.precision == Precision::Year && !inner.relative {
            // `the end of 2014` is December; `early 2015` stays a year, marked approximate.
            if part == Part::Late && !short {
                value = DateValue::month(value.start.year, 12);
            }
        }
        Some(Parsed {
            end: inner.end,
            value,
            approx: true,
            weekday: None,
            relative: inner.relative,
            missing: None,
        })
    }

    /// `the first quarter of 2015`, `Q2 2023`, `2017 q1`, `H1 2020`, `the second half of 2014`.
    pub(super) fn quarter(&self, i: usize) -> Option<Parsed> {
        let mut j = i;
        let mut year = None;
        if let Some(y) = self.year(j) {
            year = Some(y);
            j += 1;
            if self.is(j, ",") {
                j += 1;
            }
        }
        j = self.past(j, "the");
        // `2017-q1`: a year hyphenated to its quarter or half (`2016H2` glues them).
        if year.is_some() && j == i + 1 && self.glued(j) && is_dash(self.s(j)) {
            j += 1;
        }
        let (n, halves, mut k) = self.quarter_name(i, j, year.is_some())?;
        if (halves && n > 2) || n > 4 || n == 0 {
            return None;
        }
        if year.is_none() {
            if let Some((y, e)) = self.year_after_quarter(k) {
                year = Some(y);
                k = e;
            }
        }
        // `the last quarter` without a year is a relative expression handled elsewhere.
        let is_q_token = self.word(j).is_some_and(|w| w.len() == 1);
        if year.is_none() && self.word(j).is_some_and(|w| w.eq_ignore_ascii_case("last")) {
            return None;
        }
        if year.is_none() && !is_q_token && !self.is_word(i, "the") {
            return None;
        }
        let y = year.or_else(|| self.anchor.now().map(|d| d.year))?;
        let months = if halves { 6 } else { 3 };
        let first = (n - 1) * months + 1;
        let value = DateValue::span(
            DateValue::month(y, first),
            DateValue::month(y, first + months - 1),
        );
        Some(Parsed::new(k, value))
    }

    /// The quarter or half named at `j` in a date that starts at `i` (`Q2`, `h1`, `first
    /// quarter`, `second half`, `3rd quarter`): its number, whether it is a half, and the token
    /// after it. `year_before` says a year opened the date (`2017 q1`, `2016H2`).
    fn quarter_name(&self, i: usize, j: usize, year_before: bool) -> Option<(u32, bool, usize)> {
        let Some(w) = self.word(j) else {
            let (n, k) = self.day(j)?;
            return self.is_word(k, "quarter").then_some((n, false, k + 1));
        };
        let mut lw_buf = [0u8; 32];
        let lw = lower(w, &mut lw_buf);
        if (lw == "q" || lw == "h")
            && self.glued(j + 1)
            && (!year_before
                || !self.glued(j)
                || j > i + 1
                || self.kind(j - 1) == Some(Kind::Number))
        {
            let n = self.int(j + 1)?;
            let halves = lw == "h";
            if n == 0 || n > if halves { 2 } else { 4 } || self.s(j + 1).len() != 1 {
                return None;
            }
            if self.glued(j + 2) && self.kind(j + 2) == Some(Kind::Word) {
                return None;
            }
            return Some((n, halves, j + 2));
        }
        let n = ordinal_word(w)?;
        let mut k = j + 1;
        if is_dash(self.s(k)) {
            k += 1;
        }
        if self.is_word(k, "quarter") {
            Some((n, false, k + 1))
        } else if self.is_word(k, "half") && n <= 2 {
            Some((n, true, k + 1))
        } else {
            None
        }
    }

    /// The year after a quarter or half that ends before `k` (`of 2015`, ` 2023`, `, 2019`,
    /// `-2019`), and the token after it.
    fn year_after_quarter(&self, k: usize) -> Option<(i32, usize)> {
        if self.is_word(k, "of") {
            if let Some(y) = self.year(k + 1) {
                return Some((y, k + 2));
            }
        }
        let y = self.year(k).or_else(|| {
            // `Q1, 2019` and `q1-2019`
            let sep = self.is(k, ",") || (is_dash(self.s(k)) && self.glued(k));
            sep.then(|| self.year(k + 1)).flatten()
        })?;
        let after = if self.kind(k) == Some(Kind::Punct) {
            k + 2
        } else {
            k + 1
        };
        Some((y, after))
    }

    /// `this year`, `last year`, `next month`, `the same period last year`, `today`.
    pub(super) fn relative(&self, i: usize) -> Option<Parsed> {
        let now = self.anchor.now()?;
        let mut j = i;
        let same_period =
            self.is_word(j, "the") && self.is_word(j + 1, "same") && self.is_word(j + 2, "period");
        if same_period {
            j += 3;
        }
        let mut w_buf = [0u8; 32];
        let w = lower(self.word(j)?, &mut w_buf);
        let single = match w {
            "today" => Some(0),
            "yesterday" => Some(-1),
            "tomorrow" => Some(1),
            _ => None,
        };
        if let Some(offset) = single {
            if same_period {
                return None;
            }
            let mut p = Parsed::new(j + 1, DateValue::day(now.add_days(offset)));
            p.relative = true;
            return Some(p);
        }
        let offset = match w {
            "this" | "current" => 0,
            "last" | "previous" | "past" => -1,
            "next" | "coming" => 1,
            _ => return None,
        };
        let mut unit_buf = [0u8; 32];
        let unit = lower(self.word(j + 1)?, &mut unit_buf);
        let value = match unit {
            "year" => DateValue::year(now.year + offset),
            "month" => {
                let idx = now.year * 12 + now.month as i32 - 1 + offset;
                DateValue::month(idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1)
            }
            "quarter" => {
                let q = (now.year * 4 + (now.month as i32 - 1) / 3) + offset;
                let (y, q) = (q.div_euclid(4), q.rem_euclid(4) as u32);
                DateValue::span(
                    DateValue::month(y, q * 3 + 1),
                    DateValue::month(y, q * 3 + 3),
                )
            }
            "week" => {
                let monday = now.add_days(-(now.weekday() as i64) + 7 * offset as i64);
                DateValue {
                    start: monday,
                    end: monday.add_days(6),
                    precision: Precision::Day,
                    interval: true,
                }
            }
            _ => return None,
        };
        let mut p = Parsed::new(j + 2, value);
        p.relative = true;
        p.approx = same_period;
        Some(p)
    }
}
