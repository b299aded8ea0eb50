//! The vocabulary of dates: month and weekday names, the words a date can open with, and the
//! words before a bare month that make it a date (`in May`).

use std::sync::LazyLock;

use super::Parser;
use crate::recognise::WordMap;
use crate::recognise::numbers;
use crate::recognise::token::{Tokens, lower};

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
    // A `match` rather than a look-up in `MONTH_WORDS`: the dates and figures ask this of
    // nearly every word, and the compiler turns a match into a switch on length and bytes that
    // is faster than any table. A test keeps the two in step.
    let mut buf = [0; 32];
    Some(match lower(word, &mut buf) {
        "jan" | "january" => 1,
        "feb" | "february" => 2,
        "mar" | "march" => 3,
        "apr" | "april" => 4,
        "may" => 5,
        "jun" | "june" => 6,
        "jul" | "july" => 7,
        "aug" | "august" => 8,
        "sep" | "sept" | "september" => 9,
        "oct" | "october" => 10,
        "nov" | "november" => 11,
        "dec" | "december" => 12,
        _ => return None,
    })
}

/// The month and weekday words, for look-ups by word.
static WEEKDAYS: LazyLock<WordMap<usize>> = LazyLock::new(|| WordMap::new(WEEKDAY_WORDS));

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
pub(super) fn weekday_number(word: &str) -> Option<usize> {
    let mut buf = [0; 32];
    let w = lower(word, &mut buf);
    WEEKDAYS.get(w)
}

/// Which quarter or half an ordinal names: `first` to `fourth`, and `final` or `last` for the
/// fourth.
pub(super) fn ordinal_word(word: &str) -> Option<u32> {
    if word.eq_ignore_ascii_case("final") || word.eq_ignore_ascii_case("last") {
        return Some(4);
    }
    numbers::ordinal(word).filter(|&n| n <= 4)
}

impl Parser<'_> {
    /// A preposition or determiner before `i` that makes a bare month a date.
    pub(super) fn cue_before(&self, i: usize) -> bool {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_month_match_and_the_month_words_agree() {
        for (w, n) in MONTH_WORDS {
            assert_eq!(month_number(w), Some(n), "{w}");
            assert_eq!(month_number(&w.to_uppercase()), Some(n), "{w} in capitals");
        }
        for w in ["ja", "janu", "mayo", "decembers", "octobre", ""] {
            assert_eq!(month_number(w), None, "{w}");
        }
    }
}
