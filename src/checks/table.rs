//! `table-total`: a table's `Total` row (or `Total` column) must be the sum of the cells it
//! totals, within the precision the cells are written with.
//!
//! A total row sums the rows above it up to the header, an earlier total, or a row that holds no
//! figure (a group heading such as `Appropriations`), unless subtotals stand among them; a total column sums the cells to its left.
//! A column is checked only when every cell it sums holds one figure of the total's kind and
//! unit (an `NA` or a date leaves it alone), and a total column only when no column before it
//! is an average, a share or a rate. `($4)` in a cell is minus four, as in accounts.

use super::{Context, show};
use crate::markdown::Table;
use crate::model::{Check, Figure, Finding, Severity};
use crate::text::Span;

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for table in &cx.analysis.tables {
        rows(cx, table, out);
        columns(cx, table, out);
    }
}

/// A cell's words, white space squeezed and footnote stars dropped.
fn label(cx: &Context<'_>, cell: Option<&Span>) -> String {
    cell.map(|s| cx.slice(*s))
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

fn is_total(label: &str) -> bool {
    matches!(
        label,
        "total" | "totals" | "grand total" | "sum" | "total, all"
    )
}

/// The one figure a cell holds, with its sign (`($4)` is minus four): `None` for a cell with no
/// figure, several, or other words beside it.
fn figure_of<'a>(cx: &Context<'a>, cell: Span) -> Option<(&'a Figure, f64)> {
    let figs = &cx.analysis.figures;
    let a = figs.partition_point(|f| f.span.start < cell.start);
    let b = figs.partition_point(|f| f.span.start < cell.end);
    if b != a + 1 {
        return None;
    }
    let f = &figs[a];
    if f.span.end > cell.end {
        return None;
    }
    let around = format!(
        "{}{}",
        cx.slice(Span::new(cell.start, f.span.start)),
        cx.slice(Span::new(f.span.end, cell.end))
    );
    let rest = around.trim();
    let negative = match rest {
        "" => false,
        "()" => true,
        "-" | "−" if cx.slice(cell).trim_start().starts_with(['-', '−']) => true,
        _ => return None,
    };
    Some((f, if negative { -1.0 } else { 1.0 }))
}

/// The least and greatest a signed figure's wording allows.
fn signed_interval(cx: &Context<'_>, f: &Figure, sign: f64) -> (f64, f64) {
    let (lo, hi) = cx.interval(f);
    if sign < 0.0 { (-hi, -lo) } else { (lo, hi) }
}

/// Whether the figures are all of one kind and unit with the total.
fn same_kind(total: &Figure, parts: &[(&Figure, f64)]) -> bool {
    parts
        .iter()
        .all(|(f, _)| f.kind == total.kind && f.unit == total.unit && f.range.is_none())
}

/// Compares a total with its parts and reports a mismatch.
fn compare(
    cx: &Context<'_>,
    total: (&Figure, f64),
    parts: &[(&Figure, f64)],
    what: &str,
    out: &mut Vec<Finding>,
) {
    if parts.len() < 2 || !same_kind(total.0, parts) || total.0.range.is_some() {
        return;
    }
    let (lo, hi) = parts.iter().fold((0.0, 0.0), |(l, h), (f, s)| {
        let (a, b) = signed_interval(cx, f, *s);
        (l + a, h + b)
    });
    let (tl, th) = signed_interval(cx, total.0, total.1);
    if !(lo.is_finite() && hi.is_finite() && tl.is_finite() && th.is_finite()) {
        return;
    }
    if hi >= tl && lo <= th {
        return;
    }
    let sum: f64 = parts.iter().map(|(f, s)| f.value * s).sum();
    out.push(Finding {
        span: total.0.span,
        code: Check::TableTotal.into(),
        severity: Severity::Warning,
        message: format!(
            "the {what} add up to {}, not the total, {}",
            show(sum),
            cx.slice(total.0.span)
        ),
        related: parts
            .iter()
            .map(|(f, _)| (f.span, format!("part: {}", cx.slice(f.span))))
            .collect(),
        fix: None,
        elsewhere: Vec::new(),
    });
}

/// A row that heads a group or repeats a header: no figure in it, and no cell that stands for a
/// missing value (`NA`, `—`), which would make it a row of data without its numbers.
fn is_heading_row(cx: &Context<'_>, row: &[Span]) -> bool {
    row.iter().skip(1).all(|c| {
        let l = label(cx, Some(c));
        figure_of(cx, *c).is_none()
            && !matches!(
                cx.slice(*c).trim(),
                "NA" | "N/A"
                    | "n/a"
                    | "n.a."
                    | "na"
                    | "—"
                    | "–"
                    | "-"
                    | "..."
                    | "…"
                    | "*"
                    | "x"
                    | "X"
            )
            && !(l.is_empty() && cx.slice(*c).trim().len() == 1)
    })
}

fn rows(cx: &Context<'_>, table: &Table, out: &mut Vec<Finding>) {
    for (r, row) in table.rows.iter().enumerate().skip(1) {
        if !is_total(&label(cx, row.first())) {
            continue;
        }
        // The rows it totals: back to the header, an earlier total or a row without figures.
        let mut first = r;
        while first > 1 {
            let above = &table.rows[first - 1];
            if is_heading_row(cx, above) || is_total(&label(cx, above.first())) {
                break;
            }
            first -= 1;
        }
        // Subtotals among the rows (`Supreme Court (total)` above its own items) nest a
        // hierarchy the sum cannot read.
        if table.rows[first..r]
            .iter()
            .any(|row| label(cx, row.first()).contains("total"))
        {
            continue;
        }
        for (c, cell) in row.iter().enumerate().skip(1) {
            let Some(total) = figure_of(cx, *cell) else {
                continue;
            };
            let parts: Option<Vec<(&Figure, f64)>> = table.rows[first..r]
                .iter()
                .map(|above| above.get(c).and_then(|s| figure_of(cx, *s)))
                .collect();
            if let Some(parts) = parts {
                compare(cx, total, &parts, "rows", out);
            }
        }
    }
}

fn columns(cx: &Context<'_>, table: &Table, out: &mut Vec<Finding>) {
    let Some(header) = table.rows.first() else {
        return;
    };
    let Some(t) = header
        .iter()
        .skip(1)
        .position(|h| is_total(&label(cx, Some(h))))
        .map(|p| p + 1)
    else {
        return;
    };
    // Columns of averages, shares or rates are no parts of a total.
    let statistic = header[1..t].iter().any(|h| {
        let l = label(cx, Some(h));
        [
            "average", "mean", "median", "share", "percent", "%", "change", "rate",
        ]
        .iter()
        .any(|w| l.contains(w))
    });
    if statistic || t < 3 {
        return;
    }
    for row in &table.rows[1..] {
        if row.len() != header.len() {
            continue;
        }
        let Some(total) = row.get(t).and_then(|s| figure_of(cx, *s)) else {
            continue;
        };
        let parts: Option<Vec<(&Figure, f64)>> =
            row[1..t].iter().map(|s| figure_of(cx, *s)).collect();
        if let Some(parts) = parts {
            compare(cx, total, &parts, "cells of the row", out);
        }
    }
}
