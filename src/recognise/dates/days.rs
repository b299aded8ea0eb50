//! Dates with a day: `Oct. 31`, `31 October 2014`, `the ninth of April`, `Tuesday, May 9`, ranges
//! of days (`Jan. 21-23`, `Oct. 31 - Nov. 2`), and the days a month lacks (`Feb. 30`).

use super::{Missing, Parsed, Parser};
use crate::calendar::{Date, days_in_month};
use crate::model::{DateValue, Precision};
use crate::recognise::numbers;
use crate::recognise::token::{Kind, Tokens, is_dash, lower};
use crate::text::Span;

impl Parser<'_> {
    /// A day of the month, with an optional glued ordinal suffix: `31`, `1st`. Returns the day and
    /// the index after it.
    pub(super) fn day(&self, i: usize) -> Option<(u32, usize)> {
        if self.kind(i) == Some(Kind::Word) {
            return self.word_day(i, false);
        }
        let s = self.s(i);
        if s.len() > 2 {
            return None;
        }
        // `$12 December 27`: an amount, not a day.
        if i > 0 && matches!(self.s(i - 1), "$" | "€" | "£" | "¥" | "₩" | "₹") {
            return None;
        }
        let d = self.int(i)?;
        if !(1..=31).contains(&d) {
            return None;
        }
        let mut j = i + 1;
        if self.glued(j)
            && self
                .word(j)
                .is_some_and(|w| matches!(lower(w, &mut [0; 32]), "st" | "nd" | "rd" | "th"))
        {
            j += 1;
        } else if self.glued(j) && self.kind(j) == Some(Kind::Word) && self.month(j).is_none() {
            return None;
        }
        // `31:00` is a time and `31%` a share: neither is a day. (`April 1:` before a list
        // item's text still is.)
        if self.glued(j) && self.is(j, "%") {
            return None;
        }
        if self.glued(j)
            && self.is(j, ":")
            && self.glued(j + 1)
            && self.kind(j + 1) == Some(Kind::Number)
        {
            return None;
        }
        Some((d, j))
    }

    /// A day in words: ordinals (`ninth`, `twenty-first`, `thirty first`) anywhere, cardinals
    /// (`twenty nine`) only where `cardinal` allows (right after a month).
    fn word_day(&self, i: usize, cardinal: bool) -> Option<(u32, usize)> {
        // A day's units, `first` to `nineteenth` or `one` to `nineteen`.
        fn unit(w: &str, ordinal: bool) -> Option<u32> {
            if ordinal {
                numbers::ordinal(w)
            } else {
                numbers::cardinal(w).filter(|&n| n > 0)
            }
        }
        let w = self.word(i)?;
        let mut lw_buf = [0u8; 32];
        let lw = lower(w, &mut lw_buf);
        let tens = match lw {
            "twentieth" => return Some((20, i + 1)),
            "thirtieth" => return Some((30, i + 1)),
            _ => numbers::tens(lw).filter(|&t| t <= 30),
        };
        if let Some(t) = tens {
            // `twenty-first`, `twenty first`, `twenty nine` (cardinal).
            let k = if is_dash(self.s(i + 1)) && self.glued(i + 1) {
                i + 2
            } else {
                i + 1
            };
            if let Some(w2) = self.word(k) {
                if let Some(u) = unit(w2, true).filter(|&u| u <= 9) {
                    return (t + u <= 31).then_some((t + u, k + 1));
                }
                if cardinal {
                    if let Some(u) = unit(w2, false).filter(|&u| u <= 9) {
                        return (t + u <= 31).then_some((t + u, k + 1));
                    }
                }
            }
            return cardinal.then_some((t, i + 1));
        }
        if let Some(d) = unit(lw, true) {
            // `second` and `first` alone are too common to be days without a month next to them.
            if !cardinal
                && matches!(lw, "first" | "second")
                && self.month(i + 1).is_none()
                && !self.is_word(i + 1, "of")
            {
                return None;
            }
            return Some((d, i + 1));
        }
        if cardinal {
            return unit(lw, false).map(|d| (d, i + 1));
        }
        None
    }

    /// `Tuesday, May 9`, `Wed. the 5th`: a day date after the weekday `wd` at `i`, which it
    /// names (a day its month lacks keeps the weekday too, to show).
    pub(super) fn weekday_date(&self, i: usize, wd: usize) -> Option<Parsed> {
        let mut j = i + 1;
        if self.is(j, ".") && self.s(i).len() <= 4 {
            j += 1;
        }
        if self.is(j, ",") {
            j += 1;
        }
        j = self.past(j, "the");
        let mut parsed = self.day_date(j)?;
        if parsed.value.precision != Precision::Day && parsed.missing.is_none() {
            return None;
        }
        parsed.weekday = Some((wd, self.toks[i].span));
        Some(parsed)
    }

    /// Dates with a day: `Oct. 31`, `October 31, 2014`, `31 October 2014`, `Jan. 21-23`,
    /// `Oct. 31 - Nov. 2`.
    pub(super) fn day_date(&self, i: usize) -> Option<Parsed> {
        match self.month(i) {
            Some((m, j)) => self.month_then_day(i, m, j),
            None => self.day_then_month(i),
        }
    }

    /// Month first: `Oct. 31`, `October 31, 2014`, `Jan. 21-23`, `Oct. 31 - Nov. 2`, `may the
    /// eleventh`; the month `m` at `i` ends before `j`.
    fn month_then_day(&self, i: usize, m: u32, j: usize) -> Option<Parsed> {
        // `October, 1st`: a comma between month and day only with an ordinal suffix.
        let j = if self.is(j, ",") && self.day(j + 1).is_some_and(|(_, e)| e == j + 3) {
            j + 1
        } else {
            j
        };
        if self.is_word(j, "between") {
            return self.month_between_days(m, j);
        }
        let j = self.past(j, "the");
        let (d, k) = if self.kind(j) == Some(Kind::Word) {
            self.word_day(j, true)?
        } else {
            self.day(j)?
        };
        if self.word(i)? == "may" && !self.glued(j) && self.kind(j) == Some(Kind::Number) {
            // "may 5" in lower case is as often a modal verb as a date; accept it only with a
            // year that makes it unmistakable. (`may the eleventh` and `may twenty one` are
            // dates whatever the case.)
            self.opt_year(k)?;
        }
        let (end_md, k) = self.last_day_after(m, d, k);
        let (year, k) = self.year_of_day(k)?;
        self.make_day(year, m, (d, j), end_md, k)
    }

    /// `Feb between 2-7`, `Feb between 2 and 7 two thousand and eighteen`: the days of the month
    /// `m` after `between` at `j`.
    fn month_between_days(&self, m: u32, j: usize) -> Option<Parsed> {
        let (d, k) = self.day(j + 1)?;
        if !(self.is_word(k, "and") || (is_dash(self.s(k)) && self.glued(k))) {
            return None;
        }
        let (d2, k2) = self.day(k + 1)?;
        if d2 <= d {
            return None;
        }
        match self.opt_year(k2) {
            Some((y, k3)) => self.make_day(Some(y), m, (d, j + 1), Some((m, d2)), k3),
            None => self.make_day(None, m, (d, j + 1), Some((m, d2)), k2),
        }
    }

    /// The end of a range of days after the day `d` of month `m` ending before `k` (`Jan.
    /// 21-23`, `Oct. 31 - Nov. 2`): its month and day, and the token after it (`k` when there
    /// is none).
    fn last_day_after(&self, m: u32, d: u32, k: usize) -> (Option<(u32, u32)>, usize) {
        if !self.is_range_joiner(k) || self.is_word(k, "and") {
            return (None, k);
        }
        let after = self.past(k + 1, "the");
        if let Some((d2, k2)) = self.day(after).filter(|&(d2, _)| d2 > d) {
            return (Some((m, d2)), k2);
        }
        if let Some((m2, k2)) = self.month(k + 1) {
            if let Some((d2, k3)) = self.day(k2) {
                return (Some((m2, d2)), k3);
            }
        }
        (None, k)
    }

    /// Day first: `31 October 2014`, `21-23 January`, `the 31st of October`, `from 4 to January
    /// 22, 1995`.
    fn day_then_month(&self, i: usize) -> Option<Parsed> {
        let (d, mut j) = self.day(i)?;
        let mut d2 = None;
        let between = i > 0
            && (self.is_word(i - 1, "between")
                || (self.is_word(i - 1, "the") && i > 1 && self.is_word(i - 2, "between")));
        if is_dash(self.s(j))
            || self.is_word(j, "to")
            || self.is_word(j, "through")
            || self.is_word(j, "till")
            || self.is_word(j, "until")
            || (between && self.is_word(j, "and"))
        {
            let after = self.past(j + 1, "the");
            if let Some((x, k)) = self.day(after) {
                if x > d {
                    d2 = Some(x);
                    j = k;
                }
            } else if let Some(end) = self
                .day_date(after)
                .filter(|p| p.value.precision == Precision::Day && !p.value.interval)
            {
                // `from 4 to January 22, 1995`: the first day takes the second's month.
                let e = end.value.start;
                let start = Date::new(e.year, e.month, d).filter(|s| *s < e)?;
                return Some(Parsed::new(
                    end.end,
                    DateValue {
                        start,
                        end: e,
                        precision: Precision::Day,
                        interval: true,
                    },
                ));
            }
        }
        if self.is(j, ".") && self.glued(j) && self.month(j + 1).is_some() {
            j += 1;
        }
        if self.is_word(j, "of") {
            j += 1;
        }
        let (m, k) = self.month(j)?;
        // `28 may` in lower case needs a year too.
        if self.word(j) == Some("may") {
            self.opt_year(k)?;
        }
        let (year, k) = self.year_of_day(k)?;
        self.make_day(year, m, (d, i), d2.map(|x| (m, x)), k)
    }

    /// The year of a day date whose day and month end before `k`, and the token after it: none
    /// written (`Oct. 31`), or no date at all when a number that is no year stands where the
    /// year would (`not_a_year`).
    fn year_of_day(&self, k: usize) -> Option<(Option<i32>, usize)> {
        match self.opt_year(k) {
            Some((y, k)) => Some((Some(y), k)),
            None if self.not_a_year(k) => None,
            None => Some((None, k)),
        }
    }

    /// A day date (or a range of days) from its parts; `d` is the first day and its token. A
    /// day its month lacks gives a `missing` reading: always for the 30th and 31st it never has,
    /// for February 29 only in a year written out (a year-less one is the nearest leap day's).
    pub(super) fn make_day(
        &self,
        year: Option<i32>,
        m: u32,
        (d, day_at): (u32, usize),
        end: Option<(u32, u32)>,
        k: usize,
    ) -> Option<Parsed> {
        let mut y = year.or_else(|| self.anchor.year_for(m, Some(d)))?;
        // `Feb 29` written without a year: the nearest leap year.
        if year.is_none() && m == 2 && d == 29 {
            y = (0..4)
                .map(|k| y - k)
                .find(|&c| crate::calendar::is_leap(c))
                .unwrap_or(y);
        }
        let lacks = |y: i32, m: u32, d: u32| {
            (1..=12).contains(&m)
                && (days_in_month(y, m) + 1..=31).contains(&d)
                && (d >= 30 || m != 2 || year.is_some())
        };
        let missing = |y: i32, m: u32, d: u32, at: Option<usize>| {
            let mut p = Parsed::new(k, DateValue::month(y, m));
            p.missing = Some(Missing {
                year: y,
                month: m,
                day: d,
                at,
            });
            p
        };
        let Some(start) = Date::new(y, m, d) else {
            let at = end.is_none().then_some(day_at);
            return lacks(y, m, d).then(|| missing(y, m, d, at));
        };
        let value = match end {
            None => DateValue::day(start),
            Some((m2, d2)) => {
                let y2 = if m2 < m { y + 1 } else { y };
                let Some(end) = Date::new(y2, m2, d2) else {
                    return lacks(y2, m2, d2).then(|| missing(y2, m2, d2, None));
                };
                DateValue {
                    start,
                    end,
                    precision: Precision::Day,
                    interval: true,
                }
            }
        };
        Some(Parsed::new(k, value))
    }

    /// Whether a day its month lacks, read at `i`, is meant as a date rather than a month and a
    /// count (`In February 30 soldiers died`): it writes its year, its day is an ordinal
    /// (`Feb. 30th`, `February thirtieth`), or `on` stands before it. (A weekday before it says
    /// so too; `parse_at` keeps those.) Every other reading passes.
    pub(super) fn meant_as_a_date(&self, i: usize, p: &Parsed) -> bool {
        let Some(m) = p.missing else { return true };
        let ordinal = m.at.is_some_and(|k| match self.kind(k) {
            Some(Kind::Number) => self.day(k).is_some_and(|(_, e)| e == k + 2),
            _ => self.word_day(k, false).is_some(),
        });
        self.explicit_year(i, p.end) || ordinal || (i > 0 && self.is_word(i - 1, "on"))
    }

    /// The span of the day written at token `k`, with its ordinal suffix (`30th`).
    pub(super) fn day_span(&self, k: usize) -> Span {
        let end = self.day(k).map_or(k + 1, |(_, e)| e.max(k + 1));
        Span::new(self.toks[k].span.start, self.toks[end - 1].span.end)
    }
}
