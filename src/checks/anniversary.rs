//! `anniversary`: `the 70th anniversary of the 1956 declaration` on a date in 2016 is the 60th.

use super::{Context, ordinal};
use crate::model::{Check, Finding, Fix, Precision, ReferenceSource, Severity};

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for f in cx.figures().iter().filter(|f| f.ordinal) {
        let after = cx.text[f.span.end..cx.scope.end].trim_start();
        if !after
            .get(..11)
            .is_some_and(|w| w.eq_ignore_ascii_case("anniversary"))
        {
            continue;
        }
        let sentence = cx.sentence_of(f.span.start);
        // The year of the event remembered: a year date soon after `anniversary of`.
        let Some(base) = cx
            .dates_in(crate::text::Span::new(f.span.end, sentence.end))
            .iter()
            .find(|d| {
                d.span.start > f.span.end
                    && d.span.end <= sentence.end
                    && !d.value.interval
                    && !d.relative
                    && crate::recognise::dates::states_its_year(
                        cx.slice(d.span),
                        d.value.start.year,
                    )
                    && cx.at_most_words(f.span.end, d.span.start, 8)
            })
        else {
            continue;
        };
        // The date of the anniversary: another date in the sentence, else the report period.
        let when = cx
            .dates_in(sentence)
            .iter()
            .find(|d| {
                d.span != base.span
                    && d.span.start >= sentence.start
                    && d.span.end <= sentence.end
                    && d.value.precision >= Precision::Year
                    && d.value.start.year > base.value.start.year
            })
            .map(|d| (d.value.start.year, Some(d.span)))
            .or_else(|| {
                cx.analysis
                    .period
                    .filter(|p| p.start.year == p.end.year)
                    .map(|p| (p.start.year, None))
            });
        // Without a date of its own, the anniversary falls near the report's date: `approaching
        // the 20th anniversary`, `last year's 15th` may be a year either side of it.
        let (when, slack) = match when {
            Some(w) => (Some(w), 0),
            None => (
                cx.analysis
                    .reference
                    .date
                    .filter(|_| cx.analysis.reference.from != ReferenceSource::None)
                    .map(|d| (d.year, None)),
                1,
            ),
        };
        let Some((year, when_span)) = when else {
            continue;
        };
        let expected = i64::from(year - base.value.start.year);
        if expected > 0 && ((f.value as i64) - expected).abs() > slack {
            let mut related = vec![(
                base.span,
                format!("the event was in {}", base.value.start.year),
            )];
            if let Some(s) = when_span {
                related.push((s, format!("the anniversary falls in {year}")));
            }
            out.push(Finding {
                span: f.span,
                code: Check::Anniversary.into(),
                severity: Severity::Warning,
                message: format!(
                    "{} in {year} is the {} anniversary, not the {}",
                    base.value.start.year,
                    ordinal(expected),
                    cx.slice(f.span)
                ),
                related,
                fix: Some(Fix {
                    title: format!("Change to {}", ordinal(expected)),
                    span: f.span,
                    replacement: ordinal(expected),
                }),
                elsewhere: Vec::new(),
            });
        }
    }
}
