//! Dates written in numbers, with or without a month name: `2014-10-31`, `10/31/2014`,
//! `21/04/16`, `4/22`, `2016-11`, `05-Aug-2016`, `13.5.2015`, and `9/11` for the event.

use super::events::named_event;
use super::years::two_digit_year;
use super::{Parsed, Parser};
use crate::calendar::Date;
use crate::model::DateValue;
use crate::recognise::token::{Kind, Tokens};
use crate::recognise::units;

/// One part of a numeric date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NumPart {
    /// A value and how many digits it was written with.
    Num(u32, usize),
    Month(u32),
}

impl Parser<'_> {
    /// One part of a numeric date: a number of up to four digits, or a month name.
    fn numeric_part(&self, i: usize) -> Option<(NumPart, usize)> {
        if let Some((m, j)) = self.month(i) {
            // `sept.` inside `2019/sep/01` has no stop; `month()` only takes a glued one.
            return Some((NumPart::Month(m), j));
        }
        let s = self.s(i);
        let v = self.int(i)?;
        Some((NumPart::Num(v, s.len()), i + 1))
    }

    /// Numeric and mixed dates: `2014-10-31`, `10/31/2014`, `21/04/16`, `22/04`, `4/22`,
    /// `2016-11`, `11/2016`, `2019-sep-1`, `05-Aug-2016`, `Dec-2018`, `jan-1`, `28-nov`,
    /// `13.5.2015`.
    pub(super) fn numeric(&self, i: usize) -> Option<Parsed> {
        // A number token holding two dots: `13.5.2015`, `2015.5.13`.
        if self.dotted(i) {
            let parts: Vec<&str> = self.s(i).split('.').collect();
            let nums: Option<Vec<NumPart>> = parts
                .iter()
                .map(|p| p.parse().ok().map(|v| NumPart::Num(v, p.len())))
                .collect();
            return self.interpret(&nums?, i, i + 1, false);
        }
        let (first, mut k) = self.numeric_part(i)?;
        let sep = self.s(k);
        if !matches!(sep, "/" | "-" | "–") {
            return None;
        }
        // At most three parts, on the stack.
        let mut parts: smallvec::SmallVec<[NumPart; 3]> = smallvec::smallvec![first];
        let mut spaced = false;
        while parts.len() < 3 && self.s(k) == sep {
            spaced |= self.toks[k].gap || !self.glued(k + 1);
            let Some((p, k2)) = self.numeric_part(k + 1) else {
                // `12/31/999999999999999999999`: a number no part of a date can be.
                if self.kind(k + 1) == Some(Kind::Number) && self.glued(k + 1) {
                    return None;
                }
                break;
            };
            parts.push(p);
            k = k2;
        }
        if parts.len() < 2 {
            return None;
        }
        // Spaces around the separator only between a year and a month (`2016 / 11`).
        let has_year = parts.iter().any(|p| matches!(p, NumPart::Num(_, 4)));
        if spaced && !(has_year && parts.len() == 2) {
            return None;
        }
        // A glued letter or digit after the date means it is something else (`1-2x`).
        if self.glued(k)
            && matches!(self.kind(k), Some(Kind::Word | Kind::Number))
            && !self.is_word(k, "th")
        {
            return None;
        }
        // `5-7 percent`, `2-3 times`: numbers joined by a dash and followed by a unit are a range
        // of amounts.
        if let Some(w) = self.word(k) {
            if units::is_scale_or_unit_word(w) || w.eq_ignore_ascii_case("percent") {
                return None;
            }
        }
        if self.is(k, "%") {
            return None;
        }
        let dash = sep != "/";
        // `11/12,2016`: a year after a comma completes a month and day.
        if parts.len() == 2 && self.is(k, ",") && self.glued(k) {
            let yl = self.s(k + 1).len();
            if let (Some(y), true) = (self.int(k + 1), yl == 4 || yl == 2) {
                let mut three = parts.clone();
                three.push(NumPart::Num(y, yl));
                if let Some(p) = self.interpret(&three, i, k + 2, dash) {
                    return Some(p);
                }
            }
        }
        self.interpret(&parts, i, k, dash)
    }

    /// The date the parts of a numeric date over tokens `[start, end)` make, its separator a
    /// dash (`dash`) or a slash or dots; each order of day, month and year has its own arm.
    fn interpret(&self, parts: &[NumPart], start: usize, end: usize, dash: bool) -> Option<Parsed> {
        use NumPart::{Month, Num};
        let yy = |v: u32, len: usize| -> Option<i32> {
            match len {
                4 => (1000..=2199).contains(&v).then_some(v as i32),
                2 | 1 => Some(two_digit_year(v as i32)),
                _ => None,
            }
        };
        let day = |y: i32, m: u32, d: u32| {
            Date::new(y, m, d).map(|date| Parsed::new(end, DateValue::day(date)))
        };
        match *parts {
            // `2019-02-30`: with the year first the day is the last number, and may be one its
            // month lacks (`13.5.2015`, one token, has no day of its own to point at).
            [Num(y, 4), Num(m, _), Num(d, _)] | [Num(y, 4), Month(m), Num(d, _)] => {
                if end > start + 1 {
                    self.make_day(Some(yy(y, 4)?), m, (d, end - 1), None, end)
                } else {
                    day(yy(y, 4)?, m, d)
                }
            }
            [Num(a, _), Num(b, _), Num(y, ly)] if ly == 4 || ly == 2 => {
                let y = yy(y, ly)?;
                Date::new(y, a, b)
                    .or_else(|| Date::new(y, b, a))
                    .map(|date| Parsed::new(end, DateValue::day(date)))
            }
            // `September-2020-23`, `2020/23/Sep`, `23-2020-September`
            [Month(m), Num(y, 4), Num(d, ld)]
            | [Num(y, 4), Num(d, ld), Month(m)]
            | [Num(d, ld), Num(y, 4), Month(m)]
                if ld <= 2 =>
            {
                day(yy(y, 4)?, m, d)
            }
            [Num(d, _), Month(m), Num(y, ly)] | [Month(m), Num(d, _), Num(y, ly)]
                if ly == 4 || ly == 2 =>
            {
                day(yy(y, ly)?, m, d)
            }
            [Num(y, 4), Num(b, lb)] => {
                let y = yy(y, 4)?;
                // `2011-12` is the fiscal year 2011/12 when the second part is the next year.
                if dash && lb == 2 && (y + 1) % 100 == b as i32 {
                    return None;
                }
                (1..=12)
                    .contains(&b)
                    .then(|| Parsed::new(end, DateValue::month(y, b)))
            }
            [Num(m, lm), Num(y, 4)] if lm <= 2 && (1..=12).contains(&m) => {
                Some(Parsed::new(end, DateValue::month(yy(y, 4)?, m)))
            }
            [Month(m), Num(y, 4)] | [Num(y, 4), Month(m)] => {
                Some(Parsed::new(end, DateValue::month(yy(y, 4)?, m)))
            }
            [Month(m), Num(d, ld)] | [Num(d, ld), Month(m)] if ld <= 2 => {
                let y = self.anchor.year_for(m, Some(d))?;
                day(y, m, d)
            }
            [Num(a, la), Num(b, lb)] if la <= 2 && lb <= 2 => {
                // `9/11` names an event by its date, which is that event's date.
                if !dash {
                    if let Some(date) = named_event(a, b) {
                        return Some(Parsed::new(end, DateValue::day(date)));
                    }
                }
                // Two bare numbers are a date only with a slash, or a dash after `on`/`in`.
                if dash && !self.cue_before(start) {
                    return None;
                }
                let (m, d) = if (1..=12).contains(&a) && b <= 31 {
                    (a, b)
                } else {
                    (b, a)
                };
                let y = self.anchor.year_for(m, Some(d))?;
                day(y, m, d)
            }
            _ => None,
        }
    }
}
