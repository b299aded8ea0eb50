//! Finds dates (`Oct. 31`, `January-September 2014`, `late October`, `Q2 2023`, `last year`) and
//! resolves them against the report period or the reference date.
//!
//! `parse_at` tries every reading a token can open and keeps the longest; each reading lives in
//! the module of what it recognises: `days`, `months`, `years`, `numeric` dates and the `periods`
//! named in words, with the vocabulary in `words` and the events named by a date in `events`.

mod days;
mod events;
mod months;
mod numeric;
mod periods;
mod words;
mod years;

#[cfg(test)]
mod tests;

use super::token::{
    DATE_START, FIGURE_START, Kind, Token, Tokens, all_digits, is_apostrophe, is_dash,
};
use crate::calendar::{Date, days_in_month};
use crate::model::{DateMention, DateValue, InvalidDate, Period, Precision};
use crate::text::Span;
pub use events::{names_an_event, states_its_year};
pub use words::month_number;
pub(crate) use words::start_words;
use words::weekday_number;

/// What undated text is resolved against.
#[derive(Clone, Copy, Debug, Default)]
pub struct Anchor {
    /// The report period: a day without a year takes the period's year.
    pub period: Option<Period>,
    /// The date relative wording (`last year`) and, without a period, year-less days resolve
    /// against.
    pub reference: Option<Date>,
}

impl Anchor {
    /// The date `this year` and `next month` count from.
    fn now(&self) -> Option<Date> {
        self.reference.or(self.period.map(|p| p.end))
    }

    /// The year a month (and day) written without one most likely falls in: the period's year,
    /// or the one closest to the period when it spans a year boundary.
    fn year_for(&self, month: u32, day: Option<u32>) -> Option<i32> {
        if let Some(p) = self.period {
            if p.start.year == p.end.year {
                return Some(p.start.year);
            }
            let distance = |y: i32| {
                let d = day.unwrap_or(1).min(days_in_month(y, month));
                let first = Date::new(y, month, day.unwrap_or(1).min(d)).map(Date::to_days);
                let last =
                    Date::new(y, month, day.unwrap_or(days_in_month(y, month))).map(Date::to_days);
                match (first, last) {
                    (Some(a), Some(b)) => {
                        (p.start.to_days() - b).max(0) + (a - p.end.to_days()).max(0)
                    }
                    _ => i64::MAX,
                }
            };
            return (p.start.year - 1..=p.end.year + 1).min_by_key(|&y| distance(y));
        }
        self.reference.map(|r| r.year)
    }
}

/// A parsed date expression, in tokens `[start, end)`.
struct Parsed {
    end: usize,
    /// For a day its month lacks (`missing`), the month it was written in.
    value: DateValue,
    approx: bool,
    weekday: Option<(usize, Span)>,
    relative: bool,
    /// The expression names a day its month does not have: it is no date.
    missing: Option<Missing>,
}

impl Parsed {
    fn new(end: usize, value: DateValue) -> Parsed {
        Parsed {
            end,
            value,
            approx: false,
            weekday: None,
            relative: false,
            missing: None,
        }
    }
}

/// A day its month does not have (`Feb. 30`), as `make_day` found it.
#[derive(Clone, Copy)]
struct Missing {
    year: i32,
    month: u32,
    day: u32,
    /// The day's token when the expression is that one day, not a range ending on it.
    at: Option<usize>,
}

struct Parser<'a> {
    text: &'a str,
    toks: &'a [Token],
    anchor: Anchor,
}

/// Finds every date in `text`, in order and without overlaps, and puts those written with a day
/// their month lacks into `invalid`.
pub fn find(
    text: &str,
    toks: &[Token],
    anchor: &Anchor,
    out: &mut Vec<DateMention>,
    invalid: &mut Vec<InvalidDate>,
) {
    let p = Parser {
        text,
        toks,
        anchor: *anchor,
    };
    let mut i = 0;
    while i < toks.len() {
        // Only numbers and date words open a date (the parser's first test): a tight scan skips
        // to the next one, sparing the other tokens a call into the parser.
        let Some(k) = toks[i..]
            .iter()
            .position(|t| t.class & DATE_START != 0 || t.kind == Kind::Number)
        else {
            break;
        };
        i += k;
        // `the`, most of the date words of a report, is turned away here as in `parse_at`.
        if p.is_word(i, "the") && !p.may_follow_the(i + 1) {
            i += 1;
            continue;
        }
        if let Some(parsed) = p.parse_range(i, false) {
            let span = Span::new(toks[i].span.start, toks[parsed.end - 1].span.end);
            match parsed.missing {
                Some(m) => invalid.push(InvalidDate {
                    span,
                    year: m.year,
                    month: m.month,
                    day: m.day,
                    day_span: m
                        .at
                        .filter(|&k| toks[k].kind == Kind::Number)
                        .map(|k| p.day_span(k)),
                    weekday: parsed.weekday,
                }),
                None => out.push(DateMention {
                    span,
                    value: parsed.value,
                    approx: parsed.approx,
                    weekday: parsed.weekday,
                    relative: parsed.relative,
                }),
            }
            i = parsed.end;
        } else {
            i += 1;
        }
    }
}

/// Parses `s` as one date expression covering all of it (ignoring surrounding punctuation), for
/// report titles and configuration values.
pub fn parse_whole(s: &str, anchor: &Anchor) -> Option<DateValue> {
    let toks = super::token::tokenize(s);
    let p = Parser {
        text: s,
        toks: &toks,
        anchor: *anchor,
    };
    let first = toks.iter().position(|t| t.kind != Kind::Punct)?;
    let last = toks.iter().rposition(|t| t.kind != Kind::Punct)?;
    let parsed = p.parse_range(first, false)?;
    (parsed.end == last + 1 && parsed.missing.is_none()).then_some(parsed.value)
}

impl<'a> Tokens<'a> for Parser<'a> {
    fn tokens(&self) -> (&'a str, &'a [Token]) {
        (self.text, self.toks)
    }
}

/// The reading that covers the most tokens; the first of equals.
fn longest<const N: usize>(readings: [Option<Parsed>; N]) -> Option<Parsed> {
    let mut best: Option<Parsed> = None;
    for r in readings.into_iter().flatten() {
        if best.as_ref().is_none_or(|b| r.end > b.end) {
            best = Some(r);
        }
    }
    best
}

impl Parser<'_> {
    /// Whether token `i` can follow a `the` that opens a date: a number, an apostrophe (`the
    /// '90s`), a date or number word (`the ninth`), or `same` (`the same period`).
    fn may_follow_the(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| match t.kind {
            Kind::Number => true,
            Kind::Punct => is_apostrophe(self.s(i)),
            Kind::Word => t.class & (DATE_START | FIGURE_START) != 0 || self.is_word(i, "same"),
        })
    }

    /// Whether token `i` is a number holding two dots (`13.5.2015`), read as a date by `numeric`.
    fn dotted(&self, i: usize) -> bool {
        self.kind(i) == Some(Kind::Number) && self.s(i).matches('.').count() == 2
    }

    /// A plain integer without separators.
    fn int(&self, i: usize) -> Option<u32> {
        if self.kind(i) != Some(Kind::Number) {
            return None;
        }
        let s = self.s(i);
        if s.len() > 4 || !all_digits(s) {
            return None;
        }
        s.parse().ok()
    }

    /// Whether token `j` joins the ends of a range: a dash, `to`, `through`, `until`, `and`…
    fn is_range_joiner(&self, j: usize) -> bool {
        is_dash(self.s(j))
            || ["to", "through", "thru", "until", "till", "and"]
                .iter()
                .any(|w| self.is_word(j, w))
    }

    /// A date, or two dates joined into a range (`2014-09-01 to 2014-12-31`, `Jan 2014 - Mar
    /// 2015`, `between 2015 and Feb 2018`).
    fn parse_range(&self, i: usize, between: bool) -> Option<Parsed> {
        let mut first = self.parse_at(i)?;
        let introduced = between || (i > 0 && self.is_word(i - 1, "from"));
        if (first.value.interval && !introduced)
            || first.relative
            || first.weekday.is_some()
            || first.missing.is_some()
        {
            return Some(first);
        }
        let j = first.end;
        if !self.is_range_joiner(j) || (!between && self.is_word(j, "and")) {
            return Some(first);
        }
        let k = self.past(j + 1, "the");
        let Some(mut second) = self.parse_at(k).filter(|p| p.missing.is_none()) else {
            return Some(first);
        };
        self.end_in_the_next_year(&first, (&mut second, k));
        self.start_in_the_end_year((&mut first, i), (&second, k));
        let ok_kind = !second.value.interval || introduced;
        if !second.relative && ok_kind && second.value.end > first.value.end {
            let value = DateValue::span(first.value, second.value);
            return Some(Parsed {
                end: second.end,
                value,
                approx: first.approx || second.approx,
                weekday: None,
                relative: false,
                missing: None,
            });
        }
        Some(first)
    }

    /// `from 10/25 to 01/25`: the end of a range, read at `k` without a year of its own, falls
    /// in the year after its start when it would come before it.
    fn end_in_the_next_year(&self, first: &Parsed, (second, k): (&mut Parsed, usize)) {
        if self.explicit_year(k, second.end)
            || second.value.start >= first.value.start
            || second.value.precision == Precision::Year
        {
            return;
        }
        let shift = |d: Date| {
            Date::new(
                d.year + 1,
                d.month,
                d.day.min(days_in_month(d.year + 1, d.month)),
            )
        };
        if let (Some(s), Some(e)) = (shift(second.value.start), shift(second.value.end)) {
            second.value.start = s;
            second.value.end = e;
        }
    }

    /// `26 june to 28 june in 2020`, `5/1-5/7, 2020`: a year written only at the end of a range
    /// belongs to its start too, the year before when the start would fall after the end.
    fn start_in_the_end_year(
        &self,
        (first, i): (&mut Parsed, usize),
        (second, k): (&Parsed, usize),
    ) {
        if self.explicit_year(i, first.end)
            || !self.explicit_year(k, second.end)
            || first.value.precision == Precision::Year
        {
            return;
        }
        let s = first.value.start;
        let e = first.value.end;
        let y = second.value.start.year;
        if let (Some(mut ns), Some(mut ne)) = (
            Date::new(y, s.month, s.day),
            Date::new(y, e.month, e.day.min(days_in_month(y, e.month))),
        ) {
            if ns > second.value.start {
                ns = Date::new(y - 1, s.month, s.day).unwrap_or(ns);
                ne = Date::new(y - 1, e.month, e.day.min(days_in_month(y - 1, e.month)))
                    .unwrap_or(ne);
            }
            first.value.start = ns;
            first.value.end = ne;
        }
    }

    /// Whether tokens `[a, b)` write a year out (`2020`, `'87`, `5/7/2020`).
    fn explicit_year(&self, a: usize, b: usize) -> bool {
        (a..b).any(|k| {
            let s = self.s(k);
            (s.len() == 4 && self.int(k).is_some())
                || s.matches('.').count() == 2
                || (is_apostrophe(s) && self.s(k + 1).len() == 2)
        })
    }

    /// The date expression that starts at token `i`, if any.
    fn parse_at(&self, i: usize) -> Option<Parsed> {
        let t = self.toks.get(i)?;
        // Codes and phone numbers (`138-2010-2015`, `123-12-1234`) hold no dates, unless the
        // chain is one date (`2014-10-31`), which `numeric` reads from its first number.
        if t.kind == Kind::Number && self.dash_chain(i) >= 3 {
            let starts_chain = !(i >= 2
                && is_dash(self.s(i - 1))
                && self.glued(i)
                && self.kind(i - 2) == Some(Kind::Number));
            if self.dash_chain(i) > 3 || !starts_chain {
                return None;
            }
            return self.numeric(i);
        }
        // A date never starts glued to a letter or digit before it (`G2014`, `A1`).
        if !t.gap && i > 0 && matches!(self.kind(i - 1), Some(Kind::Word | Kind::Number)) {
            return None;
        }
        match t.kind {
            // Most words start no date; one look-up turns them away before any pattern runs.
            Kind::Word if t.class & DATE_START == 0 => None,
            // `the` is the most common word of a report and opens a date only before a date
            // word, a number word (`the ninth of April`), a number, an apostrophe (`the '90s`)
            // or `same period`; anything else is turned away before the patterns run.
            Kind::Word if self.s(i).eq_ignore_ascii_case("the") && !self.may_follow_the(i + 1) => {
                None
            }
            Kind::Word => self.word_date(i),
            // The longest reading wins: `4-22 January, 1995` is a range of days, not April 22.
            // Every reading of a number starts with a plain integer of up to four digits (a day,
            // a year, a month, a quarter), except the dotted `13.5.2015`: amounts such as `95.4`
            // and `1,200`, most of a report's numbers, are turned away before the patterns run.
            Kind::Number if self.int(i).is_none() && !self.dotted(i) => None,
            Kind::Number => longest([
                self.numeric(i),
                self.day_date(i).filter(|p| self.meant_as_a_date(i, p)),
                self.quarter(i),
                self.year_date(i),
                (self.s(i).len() == 2 && is_apostrophe(self.s(i + 1)))
                    .then(|| self.decade(i))
                    .flatten(),
            ]),
            Kind::Punct => None,
        }
    }

    /// A date that starts with the word at `i`, which may open one (`DATE_START`).
    fn word_date(&self, i: usize) -> Option<Parsed> {
        let w = self.s(i);
        if let Some(wd) = weekday_number(w) {
            return self.weekday_date(i, wd);
        }
        if w.eq_ignore_ascii_case("from") || w.eq_ignore_ascii_case("between") {
            let p = self.parse_range(i + 1, w.eq_ignore_ascii_case("between"))?;
            return p.value.interval.then_some(p);
        }
        if let Some(p) = self.fuzzy(i) {
            return Some(p);
        }
        if let Some(p) = self.quarter(i) {
            return Some(p);
        }
        if let Some(p) = self.relative(i) {
            return Some(p);
        }
        if w.eq_ignore_ascii_case("year") {
            let y = self.year(i + 1)?;
            return Some(Parsed::new(i + 2, DateValue::year(y)));
        }
        if w.eq_ignore_ascii_case("the") || w.eq_ignore_ascii_case("month") {
            return self.the_date(i);
        }
        longest([
            self.numeric(i),
            self.day_date(i).filter(|p| self.meant_as_a_date(i, p)),
            self.month_date(i),
            self.season(i),
        ])
    }

    /// Dates that open with `the` or `month` at `i`: `the month of May`, `month of May`, `the
    /// 1990s`, and `the ninth of April` inside a range (`between the ninth and the seventeenth
    /// of April`); elsewhere a day date starts at the day itself.
    fn the_date(&self, i: usize) -> Option<Parsed> {
        if self.is_word(i, "the") && self.is_word(i + 1, "month") && self.is_word(i + 2, "of") {
            return self.month_date(i + 3);
        }
        if self.is_word(i, "month") && self.is_word(i + 1, "of") {
            return self.month_date(i + 2);
        }
        if !self.is_word(i, "the") {
            return None;
        }
        let in_range = i > 0 && (self.is_word(i - 1, "between") || self.is_word(i - 1, "from"));
        self.decade(i + 1).or_else(|| {
            let p = self.day_date(i + 1)?;
            (in_range && self.kind(i + 1) == Some(Kind::Word)).then_some(p)
        })
    }
}
