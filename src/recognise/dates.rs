//! Finds dates (`Oct. 31`, `January-September 2014`, `late October`, `Q2 2023`, `last year`) and
//! resolves them against the report period or the reference date.

use super::numbers;
use super::token::{Kind, Token, Tokens, is_apostrophe, is_dash, lower};
use crate::calendar::{Date, days_in_month};
use crate::model::{DateMention, DateValue, InvalidDate, Period, Precision};
use crate::text::Span;

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

/// Events named by the numbers of their date (`9/11`), from `data/named-events.tsv`: the two
/// numbers as written and the event's date.
static NAMED_EVENTS: std::sync::LazyLock<Vec<((u32, u32), Date)>> =
    std::sync::LazyLock::new(|| {
        super::data_lines(include_str!("../../data/named-events.tsv"))
            .filter_map(|l| {
                let mut cols = l.split('\t');
                let (a, b) = cols.next()?.split_once('/')?;
                let iso = cols.next()?;
                let mut ymd = iso.split('-').map(|p| p.parse::<u32>().ok());
                let (y, m, d) = (ymd.next()??, ymd.next()??, ymd.next()??);
                Some((
                    (a.parse().ok()?, b.parse().ok()?),
                    Date::new(y as i32, m, d)?,
                ))
            })
            .collect()
    });

/// Whether `text` is written as an event named by its date (`9/11`): the year it stands for is
/// the event's, stated by the name.
pub fn names_an_event(text: &str) -> bool {
    text.split_once('/').is_some_and(|(a, b)| {
        matches!((a.trim().parse(), b.trim().parse()), (Ok(a), Ok(b)) if named_event(a, b).is_some())
    })
}

/// Whether a date's text writes its year (`1956`, `'56`) or names an event that has one
/// (`9/11`): `October 31` takes its year from elsewhere.
pub fn states_its_year(text: &str, year: i32) -> bool {
    names_an_event(text)
        || text.contains(&year.to_string())
        || text.contains(&format!("'{:02}", year.rem_euclid(100)))
}

/// The date of the event `a/b` names, if it names one.
fn named_event(a: u32, b: u32) -> Option<Date> {
    NAMED_EVENTS
        .iter()
        .find(|(k, _)| *k == (a, b))
        .map(|&(_, d)| d)
}

/// Month names and their abbreviations, lower-cased, with their month.
const MONTH_WORDS: [(&str, u32); 24] = [
    ("jan", 1),
    ("january", 1),
    ("feb", 2),
    ("february", 2),
    ("mar", 3),
    ("march", 3),
    ("apr", 4),
    ("april", 4),
    ("may", 5),
    ("jun", 6),
    ("june", 6),
    ("jul", 7),
    ("july", 7),
    ("aug", 8),
    ("august", 8),
    ("sep", 9),
    ("sept", 9),
    ("september", 9),
    ("oct", 10),
    ("october", 10),
    ("nov", 11),
    ("november", 11),
    ("dec", 12),
    ("december", 12),
];

/// Weekday names and their abbreviations, lower-cased, with their weekday (Monday is 0).
const WEEKDAY_WORDS: [(&str, usize); 17] = [
    ("monday", 0),
    ("mon", 0),
    ("tuesday", 1),
    ("tue", 1),
    ("tues", 1),
    ("wednesday", 2),
    ("wed", 2),
    ("thursday", 3),
    ("thu", 3),
    ("thur", 3),
    ("thurs", 3),
    ("friday", 4),
    ("fri", 4),
    ("saturday", 5),
    ("sat", 5),
    ("sunday", 6),
    ("sun", 6),
];

/// The month a month name or abbreviation names, in any case.
pub fn month_number(word: &str) -> Option<u32> {
    let mut buf = [0; 32];
    let w = lower(word, &mut buf);
    MONTH_WORDS.iter().find(|(m, _)| *m == w).map(|&(_, m)| m)
}

/// Words a date expression can start with, lower-cased (`token::DATE_START`).
pub(crate) fn start_words() -> impl Iterator<Item = &'static str> {
    [
        "from",
        "between",
        "the",
        "early",
        "beginning",
        "start",
        "mid",
        "middle",
        "late",
        "end",
        "q",
        "h",
        "twentieth",
        "thirtieth",
        "final",
        "last",
        "today",
        "yesterday",
        "tomorrow",
        "this",
        "current",
        "previous",
        "past",
        "next",
        "coming",
        "year",
        "month",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
    ]
    .into_iter()
    .chain(MONTH_WORDS.iter().map(|&(w, _)| w))
    .chain(WEEKDAY_WORDS.iter().map(|&(w, _)| w))
    // The tens a day is written with (`twenty-first`, `thirty first`).
    .chain(numbers::TENS[..2].iter().copied())
    .chain(numbers::ORDINALS)
}

/// The weekday a weekday name or abbreviation names (Monday is 0), in any case.
fn weekday_number(word: &str) -> Option<usize> {
    let mut buf = [0; 32];
    let w = lower(word, &mut buf);
    WEEKDAY_WORDS.iter().find(|(d, _)| *d == w).map(|&(_, d)| d)
}

/// Which quarter or half an ordinal names: `first` to `fourth`, and `final` or `last` for the
/// fourth.
fn ordinal_word(word: &str) -> Option<u32> {
    if word.eq_ignore_ascii_case("final") || word.eq_ignore_ascii_case("last") {
        return Some(4);
    }
    numbers::ordinal(word).filter(|&n| n <= 4)
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
            .position(|t| t.class & super::token::DATE_START != 0 || t.kind == Kind::Number)
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

impl<'a> Parser<'a> {
    fn may_follow_the(&self, i: usize) -> bool {
        use super::token::{DATE_START, FIGURE_START};
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
        if s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    }

    /// A four-digit year from 1000 to 2199 that is not glued to letters before it (`G2014`).
    fn year(&self, i: usize) -> Option<i32> {
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

    /// A day of the month, with an optional glued ordinal suffix: `31`, `1st`. Returns the day and
    /// the index after it.
    fn day(&self, i: usize) -> Option<(u32, usize)> {
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

    /// A month name at `i` (with an optional full stop after an abbreviation); returns the month
    /// and the index after it.
    fn month(&self, i: usize) -> Option<(u32, usize)> {
        let w = self.word(i)?;
        let m = month_number(w)?;
        let full = w.len() > 3 && !w.eq_ignore_ascii_case("sept");
        let mut j = i + 1;
        if !full && self.is(j, ".") && self.glued(j) {
            j += 1;
        }
        Some((m, j))
    }

    /// A year in words: `nineteen ninety nine`, `two thousand and eighteen`, `nineteen zero
    /// one`, `seventeen hundred thirty three`. Returns the year and the index after it.
    fn word_year(&self, i: usize) -> Option<(i32, usize)> {
        // Every year in words opens with a number word (`two thousand`, `nineteen`, `twenty`),
        // which the tokenizer marked; asked after most months and days, this spares the lists.
        if !self
            .toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Word && t.class & super::token::FIGURE_START != 0)
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
            let mut k = i + 2;
            if self.is_word(k, "and") {
                k += 1;
            }
            return match below_100(k) {
                Some((v, e)) => Some((2000 + v as i32, e)),
                None => Some((2000, i + 2)),
            };
        }
        let century = small(i)
            .filter(|&c| (10..20).contains(&c))
            .or_else(|| self.is_word(i, "twenty").then_some(20))?;
        let mut k = i + 1;
        if self.is_word(k, "hundred") {
            k += 1;
            if self.is_word(k, "and") {
                k += 1;
            }
            let (v, e) = below_100(k).unwrap_or((0, k));
            return Some((century as i32 * 100 + v as i32, e));
        }
        let (v, e) = below_100(k)?;
        // `nineteen ten`, `twenty twenty`; a lone `nineteen` is no year.
        (v >= 10 || self.is_word(k, "zero") || self.is_word(k, "oh"))
            .then_some((century as i32 * 100 + v as i32, e))
    }

    /// Optional `,` then a year: `, 2014` or ` 2014`; also `of 2016` and `in 2020`.
    fn opt_year(&self, j: usize) -> Option<(i32, usize)> {
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
    fn not_a_year(&self, j: usize) -> bool {
        let k = if self.is(j, ",") { j + 1 } else { j };
        let s = self.s(k);
        if self.kind(k) != Some(Kind::Number) || !s.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        s.len() > 4
            || (s.len() == 4 && self.year(k).is_none() && self.kind(k + 1) != Some(Kind::Word))
    }

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
        let k = if self.is_word(j + 1, "the") {
            j + 2
        } else {
            j + 1
        };
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
            Kind::Word if t.class & super::token::DATE_START == 0 => None,
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

    /// `Tuesday, May 9`, `Wed. the 5th`: a day date after the weekday `wd` at `i`, which it
    /// names (a day its month lacks keeps the weekday too, to show).
    fn weekday_date(&self, i: usize, wd: usize) -> Option<Parsed> {
        let mut j = i + 1;
        if self.is(j, ".") && self.s(i).len() <= 4 {
            j += 1;
        }
        if self.is(j, ",") {
            j += 1;
        }
        if self.is_word(j, "the") {
            j += 1;
        }
        let mut parsed = self.day_date(j)?;
        if parsed.value.precision != Precision::Day && parsed.missing.is_none() {
            return None;
        }
        parsed.weekday = Some((wd, self.toks[i].span));
        Some(parsed)
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

    /// Dates with a day: `Oct. 31`, `October 31, 2014`, `31 October 2014`, `Jan. 21-23`,
    /// `Oct. 31 - Nov. 2`.
    fn day_date(&self, i: usize) -> Option<Parsed> {
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
        let j = if self.is_word(j, "the") { j + 1 } else { j };
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
        let after = if self.is_word(k + 1, "the") {
            k + 2
        } else {
            k + 1
        };
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
            let after = if self.is_word(j + 1, "the") {
                j + 2
            } else {
                j + 1
            };
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
    fn make_day(
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
    fn meant_as_a_date(&self, i: usize, p: &Parsed) -> bool {
        let Some(m) = p.missing else { return true };
        let ordinal = m.at.is_some_and(|k| match self.kind(k) {
            Some(Kind::Number) => self.day(k).is_some_and(|(_, e)| e == k + 2),
            _ => self.word_day(k, false).is_some(),
        });
        self.explicit_year(i, p.end) || ordinal || (i > 0 && self.is_word(i - 1, "on"))
    }

    /// The span of the day written at token `k`, with its ordinal suffix (`30th`).
    fn day_span(&self, k: usize) -> Span {
        let end = self.day(k).map_or(k + 1, |(_, e)| e.max(k + 1));
        Span::new(self.toks[k].span.start, self.toks[end - 1].span.end)
    }

    /// Months: `October`, `February 2013`, `January-September 2014`, `Sep — Dec 2014`,
    /// `March to June`, `Jan 2014 - Mar 2015`.
    fn month_date(&self, i: usize) -> Option<Parsed> {
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

    /// A preposition or determiner before `i` that makes a bare month a date.
    fn cue_before(&self, i: usize) -> bool {
        i > 0
            && self.word(i - 1).is_some_and(|w| {
                matches!(
                    lower(w, &mut [0; 32]),
                    "in" | "since"
                        | "by"
                        | "until"
                        | "till"
                        | "from"
                        | "during"
                        | "of"
                        | "before"
                        | "after"
                        | "early"
                        | "late"
                        | "mid"
                        | "last"
                        | "next"
                        | "this"
                        | "through"
                        | "to"
                        | "and"
                        | "or"
                        | "between"
                        | "on"
                        | "each"
                        | "every"
                        | "until."
                )
            })
    }

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
    fn numeric(&self, i: usize) -> Option<Parsed> {
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
            if super::units::is_scale_or_unit_word(w) || w.eq_ignore_ascii_case("percent") {
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

    /// `2014`, `in 2018`, `2012-2013`, `2015-16`, `2017 april`, `1990 s`.
    fn year_date(&self, i: usize) -> Option<Parsed> {
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
            if super::units::is_scale_or_unit_word(w) {
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
    fn decade(&self, i: usize) -> Option<Parsed> {
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

    /// `summer 2016`, `the summer of 2016`, `spring`: seasons of the northern hemisphere.
    fn season(&self, i: usize) -> Option<Parsed> {
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
    fn fuzzy(&self, i: usize) -> Option<Parsed> {
        let mut j = i;
        if self.is_word(j, "the") {
            j += 1;
        }
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
    fn quarter(&self, i: usize) -> Option<Parsed> {
        let mut j = i;
        let mut year = None;
        if let Some(y) = self.year(j) {
            year = Some(y);
            j += 1;
            if self.is(j, ",") {
                j += 1;
            }
        }
        if self.is_word(j, "the") {
            j += 1;
        }
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
    fn relative(&self, i: usize) -> Option<Parsed> {
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

/// The year a year written with two digits means: up to 30 this century's, else the last
/// century's (`'87`, `21/04/16`).
fn two_digit_year(yy: i32) -> i32 {
    if yy <= 30 { 2000 + yy } else { 1900 + yy }
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NumPart {
    /// A value and how many digits it was written with.
    Num(u32, usize),
    Month(u32),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Early,
    Mid,
    Late,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor_2014() -> Anchor {
        Anchor {
            period: Some(Period {
                start: Date::new(2014, 9, 1).unwrap(),
                end: Date::new(2014, 12, 31).unwrap(),
            }),
            reference: None,
        }
    }

    fn dates(text: &str, anchor: &Anchor) -> Vec<(String, String, bool)> {
        let toks = super::super::token::tokenize(text);
        let mut out = Vec::new();
        find(text, &toks, anchor, &mut out, &mut Vec::new());
        out.iter()
            .map(|d| {
                (
                    text[d.span.start..d.span.end].to_string(),
                    d.value.iso(),
                    d.approx,
                )
            })
            .collect()
    }

    #[track_caller]
    fn check(text: &str, expect: &[(&str, &str)]) {
        let got = dates(text, &anchor_2014());
        let got: Vec<(&str, &str)> = got
            .iter()
            .map(|(a, b, _)| (a.as_str(), b.as_str()))
            .collect();
        assert_eq!(got, expect, "in {text:?}");
    }

    #[test]
    fn day_dates_in_common_forms() {
        check(
            "on Oct. 31 and Sept. 29.",
            &[("Oct. 31", "2014-10-31"), ("Sept. 29", "2014-09-29")],
        );
        check(
            "October 31, 2014 and 31 October 2014",
            &[
                ("October 31, 2014", "2014-10-31"),
                ("31 October 2014", "2014-10-31"),
            ],
        );
        check("2014-10-31", &[("2014-10-31", "2014-10-31")]);
        check("Tuesday, May 9", &[("Tuesday, May 9", "2014-05-09")]);
        check("Oct. 1, 2023", &[("Oct. 1, 2023", "2023-10-01")]);
        check("on Oct. 6, 2014 to mark", &[("Oct. 6, 2014", "2014-10-06")]);
    }

    #[test]
    fn ranges_of_days_months_and_years() {
        check("Jan. 21-23", &[("Jan. 21-23", "2014-01-21/2014-01-23")]);
        check(
            "on Oct. 17-25 aimed",
            &[("Oct. 17-25", "2014-10-17/2014-10-25")],
        );
        check(
            "in January-September 2014",
            &[("January-September 2014", "2014-01/2014-09")],
        );
        check(
            "from March to June",
            &[("from March to June", "2014-03/2014-06")],
        );
        check(
            "in 2012-2013 and 2015-16",
            &[("2012-2013", "2012/2013"), ("2015-16", "2015/2016")],
        );
        check("Sep — Dec 2014", &[("Sep — Dec 2014", "2014-09/2014-12")]);
    }

    #[test]
    fn months_years_quarters_and_fuzzy_parts() {
        check(
            "in February and in 2018",
            &[("February", "2014-02"), ("2018", "2018")],
        );
        check(
            "the first quarter of 2015, Q2 2023 and H1 2020",
            &[
                ("the first quarter of 2015", "2015-01/2015-03"),
                ("Q2 2023", "2023-04/2023-06"),
                ("H1 2020", "2020-01/2020-06"),
            ],
        );
        let got = dates(
            "late October, early 2015, mid-2015, the end of 2014",
            &anchor_2014(),
        );
        assert_eq!(
            got,
            [
                ("late October".into(), "2014-10".into(), true),
                ("early 2015".into(), "2015".into(), true),
                ("mid-2015".into(), "2015".into(), true),
                ("the end of 2014".into(), "2014-12".into(), true),
            ]
        );
    }

    #[test]
    fn relative_expressions_resolve_against_the_period_end() {
        check(
            "this year, last year and next month",
            &[
                ("this year", "2014"),
                ("last year", "2013"),
                ("next month", "2015-01"),
            ],
        );
    }

    #[test]
    fn a_year_less_day_takes_the_year_closest_to_a_period_across_new_year() {
        let anchor = Anchor {
            period: Some(Period {
                start: Date::new(2014, 11, 1).unwrap(),
                end: Date::new(2015, 2, 28).unwrap(),
            }),
            reference: None,
        };
        let got = dates("Dec. 30 and Jan. 5", &anchor);
        assert_eq!(got[0].1, "2014-12-30");
        assert_eq!(got[1].1, "2015-01-05");
    }

    #[test]
    fn not_dates() {
        check(
            "Theresa May said it may rain; $2014 and 2014 tons; G2014",
            &[],
        );
        check("the 65th anniversary, 1,500 people, 14th round", &[]);
        check("the late President", &[]);
    }
}
