//! Numbers that are no figures: names and labels (`G20`, `F-16`, `Article 9`), list markers, times,
//! ratios and phone numbers.

use std::sync::LazyLock;

use super::Parser;
use super::words::word_value;
use crate::recognise::token::{Kind, Tokens, is_dash, lower};
use crate::recognise::{units, word_set};

impl Parser<'_> {
    /// True when the number at `i` is part of a name or label rather than a figure.
    pub(super) fn is_label(&self, i: usize) -> bool {
        // `G20`, `F-16`, `Su-35`, `A380`: digits glued to letters or to a hyphen after letters (but
        // `USD115` is an amount).
        if i > 0 && self.glued(i) {
            let prev = self.s(i - 1);
            if self.kind(i - 1) == Some(Kind::Word) && units::iso_code(prev).is_none() {
                return true;
            }
            // `F-16`, `COVID-19`, `Su-35`, `scp-173`: digits after a name and a hyphen (not
            // `twenty-5` or `pre-2014`).
            if is_dash(prev)
                && i > 1
                && self.glued(i - 1)
                && self.word(i - 2).is_some_and(|w| {
                    word_value(w).is_none()
                        && !matches!(
                            lower(w, &mut [0; 32]),
                            "pre" | "post" | "mid" | "over" | "under" | "top" | "about"
                        )
                })
            {
                return true;
            }
            if matches!(prev, "#" | "№" | "/" | ":" | ".") && !matches!(prev, "." if i < 2) {
                return true;
            }
        }
        if self.glued(i + 1)
            && matches!(self.s(i + 1), ":" | "/")
            && self.glued(i + 2)
            && self.kind(i + 2) == Some(Kind::Number)
            && self.fraction_at(i).is_none()
        {
            return true; // a time or a ratio written as 10:30 or 1/2
        }
        // `Article 9`, `Resolution 2270`.
        if i > 0 && self.word(i - 1).is_some_and(is_label_word) {
            return true;
        }
        if i > 1 && self.is(i - 1, ".") && self.word(i - 2).is_some_and(is_label_word) {
            return true;
        }
        // A list marker: `1)` not preceded by `(`, or a number at a line start followed by `.`.
        if self.is(i + 1, ")") && self.glued(i + 1) && !(i > 0 && self.is(i - 1, "(")) {
            return true;
        }
        if self.toks[i].newline
            && self.is(i + 1, ".")
            && self.glued(i + 1)
            && !self.glued(i + 2)
            && self.toks.get(i + 2).is_some_and(|t| !t.newline)
        {
            return true;
        }
        // Phone numbers and codes: three or more groups of digits joined by dashes.
        if self.dash_chain(i) >= 3 {
            return true;
        }
        if i > 0 && self.is(i - 1, "+") && self.glued(i) {
            return true;
        }

        false
    }
}

/// The words of `data/label-words.txt`.
pub(super) static LABEL_WORDS: LazyLock<crate::recognise::WordSet> =
    LazyLock::new(|| word_set(include_str!("../../../data/label-words.txt")));

/// Words that name a thing numbered, not counted: `Article 9`, `Resolution 2270`.
fn is_label_word(w: &str) -> bool {
    LABEL_WORDS.contains(lower(w, &mut [0; 32]))
}
