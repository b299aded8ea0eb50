//! Counts, the figures that are neither money nor measures (`467 Chinese`, `the 14th round`), and
//! the noun a count counts.

use std::sync::LazyLock;

use super::{Num, Parser, Reading};
use crate::model::{Figure, FigureKind};
use crate::recognise::token::{Tokens, is_dash, lower};
use crate::recognise::word_set;
use crate::text::Span;

impl Parser<'_> {
    /// Ordinals: `14th round`, with the noun it numbers.
    pub(super) fn ordinal(&self, i: usize, num: Num) -> Option<(Figure, usize)> {
        let j = num.end;
        let suffixed = self
            .word(j)
            .is_some_and(|w| matches!(w, "st" | "nd" | "rd" | "th"));
        if num.words || !self.glued(j) || !suffixed {
            return None;
        }
        let value = num.value;
        let mut figure = self.make(
            i,
            j + 1,
            FigureKind::Count,
            value,
            None,
            (value, value),
            None,
        );
        figure.ordinal = true;
        figure.noun = self.noun_at(j + 1);
        Some((figure, j + 1))
    }

    /// A count, with the noun it counts. Word numbers count only when a scale or a noun follows
    /// them, and never `one` where it is a pronoun.
    pub(super) fn count(&self, r: &Reading) -> Option<(Figure, usize)> {
        let j = r.end;
        // `Six-Party Talks`, `Group of Seven-led`: a number word hyphenated to a name is part of it.
        if r.num.words
            && is_dash(self.s(j))
            && self.glued(j)
            && self
                .word(j + 1)
                .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        {
            return None;
        }
        // `5G`, `4K`, `3D`: digits glued to a capital name a technology or a format, not a
        // count of anything (units and scales, which would be lower-case or known, came first).
        if !r.num.words
            && !r.scaled
            && self.glued(j)
            && self
                .word(j)
                .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        {
            return None;
        }
        if r.num.words && r.value == 1.0 && !r.scaled && self.one_as_pronoun(r) {
            return None;
        }
        let (mut f, end) = self.figure_of(r, j, FigureKind::Count, None);
        f.noun = self.noun_at(j);
        Some((f, end))
    }

    /// Whether the word `one` of `r` is a pronoun: after a determiner (`the one you mentioned`,
    /// `which one`) or before words that make it one (`one of the`, `one another`).
    fn one_as_pronoun(&self, r: &Reading) -> bool {
        let i = r.start;
        let determined = i > 0
            && self.word(i - 1).is_some_and(|w| {
                matches!(
                    lower(w, &mut [0; 32]),
                    "the"
                        | "this"
                        | "that"
                        | "which"
                        | "each"
                        | "every"
                        | "any"
                        | "no"
                        | "another"
                        | "some"
                        | "no-one"
                        | "someone"
                        | "everyone"
                        | "anyone"
                )
            });
        determined
            || (!r.ranged
                && self.word(r.end).is_some_and(|w| {
                    matches!(
                        lower(w, &mut [0; 32]),
                        "of" | "another"
                            | "by"
                            | "after"
                            | "or"
                            | "such"
                            | "who"
                            | "that"
                            | "which"
                    )
                }))
    }

    /// The thing a count counts: up to three words after it that are not function words.
    fn noun_at(&self, j: usize) -> Option<Span> {
        let mut k = j;
        while k < j + 3 {
            let Some(w) = self.word(k) else { break };
            if !self.free(k) || is_function_word(w) {
                break;
            }
            k += 1;
        }
        (k > j).then(|| self.span(j, k))
    }
}

/// The words of `data/function-words.txt`.
pub(super) static FUNCTION_WORDS: LazyLock<crate::recognise::WordSet> =
    LazyLock::new(|| word_set(include_str!("../../../data/function-words.txt")));

/// Words that are no part of the noun a count counts (`467 Chinese were`), and that may follow
/// the number of a share written the other way round (`percent of 10 in`).
pub(super) fn is_function_word(w: &str) -> bool {
    FUNCTION_WORDS.contains(lower(w, &mut [0; 32]))
}
