//! A fact's time: the date or period of its clause, read from the dates the recogniser found.

use crate::calendar::Date;
use crate::model::{DateMention, DateValue, Precision};
use crate::text::Span;

/// Where to look for a figure's date.
pub(super) struct Around {
    pub figure: Span,
    pub clause: Span,
    pub sentence: Span,
    /// Where the figures before and after this one in the sentence end and start.
    pub previous_end: usize,
    pub next_start: usize,
}

/// The time of a figure: a date after it in its clause before the next figure (`to 9.8 million
/// in June`); else one before it in its clause after the previous figure (`the 2021 budget of
/// $5 billion`); else the nearest before it in its sentence (`In 2021, exports ...`); else the
/// sentence's only date. `since 2008` and dates of other figures are not its time.
pub(super) fn time(text: &str, dates: &[DateMention], at: &Around) -> Option<DateValue> {
    let usable = |d: &&DateMention| !after_since(text, d.span);
    let in_sentence = || {
        dates
            .iter()
            .filter(|d| at.sentence.contains_span(d.span))
            .filter(usable)
    };
    let after = in_sentence().find(|d| {
        d.span.start >= at.figure.end
            && d.span.end <= at.clause.end.min(at.next_start)
            && at.clause.contains_span(d.span)
    });
    let before = || {
        in_sentence().rfind(|d| {
            d.span.end <= at.figure.start && d.span.start >= at.clause.start.max(at.previous_end)
        })
    };
    let earlier = || in_sentence().rfind(|d| d.span.end <= at.clause.start);
    // The sentence's one date, unless the figure is the level a change starts from and the
    // date stands after the next figure, whose it is (`rose from $5 billion to $7 billion in
    // 2021`: 2021 is the time of $7 billion only; but `disbursed 300 million yuan ($44
    // million) to 132 projects in 2018` disbursed all of it in 2018).
    let starts_change = matches!(
        text[..at.figure.start]
            .trim_end()
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .map(str::to_lowercase)
            .as_deref(),
        Some("from" | "between")
    );
    let only = || {
        let mut all = in_sentence();
        let first = all.next()?;
        (all.all(|d| d.value == first.value)
            && (!starts_change
                || first.span.end <= at.figure.start
                || first.span.start < at.next_start))
            .then_some(first)
    };
    let date = after.or_else(before).or_else(earlier).or_else(only)?;
    Some(widen(text, date))
}

/// `since 2008` bounds a run of figures, not the time of one.
fn after_since(text: &str, span: Span) -> bool {
    let before = text[..span.start].trim_end();
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    word.eq_ignore_ascii_case("since")
}

/// `the first seven months of 2021` is January to July 2021, `the first half of 2021` January
/// to June: the words before a year that cut it to its first months.
fn widen(text: &str, date: &DateMention) -> DateValue {
    let v = date.value;
    if v.precision != Precision::Year || v.interval {
        return v;
    }
    let before = text[..date.span.start].trim_end();
    let Some(rest) = before
        .strip_suffix(" of")
        .or_else(|| before.strip_suffix(" in"))
    else {
        return v;
    };
    let words: Vec<String> = rest
        .rsplit(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(4)
        .map(str::to_lowercase)
        .collect();
    let months = match words.as_slice() {
        [h, f, ..] if h == "half" && f == "first" => 6,
        [m, n, f, ..] if (m == "months" || m == "month") && f == "first" => match number(n) {
            Some(n) if (1..=12).contains(&n) => n,
            _ => return v,
        },
        _ => return v,
    };
    DateValue {
        start: v.start,
        end: Date::last_of_month(v.start.year, months),
        precision: Precision::Month,
        interval: true,
    }
}

fn number(word: &str) -> Option<u32> {
    const WORDS: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    word.parse()
        .ok()
        .or_else(|| WORDS.iter().position(|w| *w == word).map(|p| p as u32 + 1))
}
