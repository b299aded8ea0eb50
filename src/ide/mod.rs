//! Editor features in editor terms (byte offsets, labels, Markdown), with no protocol types:
//! the LSP layer converts in, calls one function, and converts out.

pub mod edit;
pub mod index;
pub mod symbols;
pub mod tokens;
pub mod workspace;

use crate::model::{Actor, Analysis, Figure, FigureKind};
use crate::text::Span;

pub use index::Index;

/// What stands at an offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Actor index and mention index.
    Actor(usize, usize),
    Date(usize),
    Figure(usize),
}

/// The actor mention, date or figure under `offset` (a cursor right after a word counts).
pub fn target_at(analysis: &Analysis, offset: usize) -> Option<Target> {
    // Prefer spans that contain the offset strictly; fall back to one that ends there.
    let mut touching = None;
    for (k, f) in analysis.figures.iter().enumerate() {
        if f.span.start <= offset && offset < f.span.end {
            return Some(Target::Figure(k));
        }
        if f.span.end == offset {
            touching = Some(Target::Figure(k));
        }
    }
    for (k, d) in analysis.dates.iter().enumerate() {
        if d.span.start <= offset && offset < d.span.end {
            return Some(Target::Date(k));
        }
        if d.span.end == offset {
            touching = touching.or(Some(Target::Date(k)));
        }
    }
    for (a, actor) in analysis.actors.iter().enumerate() {
        for (m, span) in actor.mentions.iter().enumerate() {
            if span.start <= offset && offset < span.end {
                return Some(Target::Actor(a, m));
            }
            if span.end == offset {
                touching = touching.or(Some(Target::Actor(a, m)));
            }
        }
    }
    touching
}

pub fn target_span(analysis: &Analysis, t: Target) -> Span {
    match t {
        Target::Actor(a, m) => analysis.actors[a].mentions[m],
        Target::Date(k) => analysis.dates[k].span,
        Target::Figure(k) => analysis.figures[k].span,
    }
}

/// `359000000` → `359,000,000`, to the 15 significant digits an `f64` holds: binary noise past
/// them (`114.99999999999999`) never shows, nor digits a double makes up (`1e21` read from 21
/// nines is `figure_number`'s to show).
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    // Rounded to 15 significant digits, then printed as the shortest decimal that reads back as
    // the same double; Rust writes it out without an exponent.
    let rounded: f64 = format!("{v:.14e}").parse().unwrap_or(v);
    let digits = rounded.abs().to_string();
    let (int, frac) = digits.split_once('.').unwrap_or((&digits, ""));
    let mut s = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if rounded < 0.0 {
        s.push('-');
    }
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            s.push(',');
        }
        s.push(c);
    }
    if !frac.is_empty() {
        s.push('.');
        s.push_str(frac);
    }
    s
}

/// A figure's number as cards and listings show it: its value grouped by thousands, or the
/// number as written when it has more digits than the value holds.
pub fn figure_number(text: &str, f: &Figure) -> String {
    match f.written {
        Some(w) => text[w.start..w.end].to_string(),
        None => format_number(f.value),
    }
}

/// `$359 million`-style short form: 359 million, 3.11 billion.
pub fn format_short(v: f64) -> String {
    let (d, word) = if v.abs() >= 1e12 {
        (1e12, " trillion")
    } else if v.abs() >= 1e9 {
        (1e9, " billion")
    } else if v.abs() >= 1e6 {
        (1e6, " million")
    } else {
        (1.0, "")
    };
    let x = v / d;
    let s = if (x - x.round()).abs() < 1e-9 {
        format!("{}", x.round())
    } else {
        format!("{x:.2}").trim_end_matches('0').to_string()
    };
    format!("{s}{word}")
}

/// How many items a list in a hover card names unless configured otherwise.
pub const LIST_LIMIT: usize = 12;

/// At most `limit` items joined with commas, then how many more there are.
fn capped_list<S: AsRef<str>>(items: &[S], limit: usize) -> String {
    let shown: Vec<&str> = items.iter().take(limit).map(AsRef::as_ref).collect();
    let mut s = shown.join(", ");
    if items.len() > shown.len() {
        s.push_str(&format!(" and {} more", items.len() - shown.len()));
    }
    s
}

/// What a hover card draws on besides the report itself.
#[derive(Clone, Copy, Debug)]
pub struct HoverContext<'a> {
    /// Other reports that mention the same actor, with their mention counts.
    pub others: &'a [(&'a str, usize)],
    /// The currency money is converted to (the configured one, USD by default).
    pub currency: &'a str,
    /// Configured reference rates: units of the first currency per one of the second.
    pub rates: &'a [(String, String, f64)],
    /// The most items a list in a card names (titles, spellings, other reports).
    pub list_limit: usize,
    /// How far `about` widens a figure (the checks' `approx-margin`).
    pub approx_margin: f64,
}

impl Default for HoverContext<'_> {
    fn default() -> Self {
        HoverContext {
            others: &[],
            currency: "USD",
            rates: &[],
            list_limit: LIST_LIMIT,
            approx_margin: 0.1,
        }
    }
}

/// Hover card contents in Markdown.
pub fn hover(
    text: &str,
    analysis: &Analysis,
    index: &Index,
    offset: usize,
    cx: &HoverContext<'_>,
) -> Option<(Span, String)> {
    let t = target_at(analysis, offset)?;
    let span = target_span(analysis, t);
    let md = match t {
        Target::Actor(a, _) => actor_card(text, index, &analysis.actors[a], cx),
        Target::Date(k) => date_card(text, analysis, index, k, cx),
        Target::Figure(k) => figure_card(text, analysis, index, k, cx),
    };
    Some((span, md))
}

/// `s` with the characters Markdown would read as markup escaped, so that a report's own
/// asterisks, underscores and brackets show as written.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '|' | '&' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The text of a span on one line: runs of white space (a line break inside a figure) as one
/// space.
fn one_line(text: &str, span: Span) -> String {
    text[span.start..span.end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The line of a mention and up to `width` bytes of its line either side, cut at words.
fn excerpt(text: &str, index: &Index, span: Span, width: usize) -> (usize, String) {
    let line = index.line(span.start);
    let (start, end) = index.line_bounds(text, span.start);
    let line_text = &text[start..end];
    let rel = span.start.min(end) - start;
    let rel_end = span.end.min(end) - start;
    let mut from = crate::text::floor_char_boundary(line_text, rel.saturating_sub(width));
    let mut to =
        crate::text::floor_char_boundary(line_text, (rel_end + width).min(line_text.len()));
    // A cut inside a word moves to the word's edge, towards the mention.
    if from > 0
        && let Some(space) = line_text[from..rel].find(char::is_whitespace)
    {
        from += space;
    }
    if to < line_text.len()
        && let Some(space) = line_text[rel_end..to].rfind(char::is_whitespace)
    {
        to = rel_end + space;
    }
    // A Markdown report's own emphasis, cut in two by the excerpt, would show as asterisks;
    // the padding of its tables and line breaks shows as one space.
    let words: Vec<&str> = line_text[from..to].split_whitespace().collect();
    let mut ex = escape_markdown(&words.join(" ").replace('*', ""));
    if from > 0 {
        ex.insert(0, '…');
    }
    if to < line_text.len() {
        ex.push('…');
    }
    (line, ex)
}

/// A description that opens with the actor's kind (`country; capital Pyongyang` for a country)
/// without that word, which the card's first line already says.
fn description_past_kind<'d>(description: &'d str, kind: &str) -> &'d str {
    let (first, rest) = description.split_once(';').unwrap_or((description, ""));
    if first.trim().eq_ignore_ascii_case(kind) {
        rest.trim()
    } else {
        description
    }
}

fn actor_card(text: &str, index: &Index, actor: &Actor, cx: &HoverContext) -> String {
    let kind = actor.kind.as_str();
    let mut s = format!("**{}** · {kind}", escape_markdown(&actor.name));
    if let Some(d) = &actor.description {
        let d = description_past_kind(d, kind);
        if !d.is_empty() {
            s.push_str(&format!("\n\n{d}"));
        }
    }
    let escaped =
        |items: &[String]| -> Vec<String> { items.iter().map(|i| escape_markdown(i)).collect() };
    if !actor.titles.is_empty() {
        s.push_str(&format!(
            "\n\nTitles: {}",
            capped_list(&escaped(&actor.titles), cx.list_limit)
        ));
    }
    if !actor.aliases.is_empty() {
        s.push_str(&format!(
            "\n\nAlso written: {}",
            capped_list(&escaped(&actor.aliases), cx.list_limit)
        ));
    }
    let n = actor.mentions.len();
    s.push_str(&format!(
        "\n\n{n} mention{} in this report",
        if n == 1 { "" } else { "s" }
    ));
    if let Some(first) = actor.mentions.first() {
        let (line, ex) = excerpt(text, index, *first, 60);
        s.push_str(&format!("\n\nFirst mention, line {line}: {ex}"));
    }
    if !cx.others.is_empty() {
        // Only the names shown are written: an actor of a large workspace is in thousands.
        let shown: Vec<String> = cx
            .others
            .iter()
            .take(cx.list_limit)
            .map(|(name, n)| format!("{} ({n})", escape_markdown(name)))
            .collect();
        let mut list = shown.join(", ");
        if cx.others.len() > shown.len() {
            list.push_str(&format!(" and {} more", cx.others.len() - shown.len()));
        }
        s.push_str(&format!("\n\nAlso in: {list}"));
    }
    s
}

fn date_card(
    text: &str,
    analysis: &Analysis,
    index: &Index,
    k: usize,
    cx: &HoverContext<'_>,
) -> String {
    let d = &analysis.dates[k];
    let v = &d.value;
    let mut s = format!("**{}**", v.iso());
    if v.precision == crate::model::Precision::Day && !v.interval {
        s.push_str(&format!(" · {}", v.start.weekday_name()));
    } else if v.interval {
        s.push_str(&format!(" · {} to {} ({} days)", v.start, v.end, v.days()));
    }
    if d.approx {
        s.push_str("\n\nApproximate wording (`late`, `mid-`, `the end of`)");
    }
    let written = &text[d.span.start..d.span.end];
    let states_year = crate::recognise::dates::states_its_year(written, v.start.year);
    if d.relative || !states_year {
        let against = reference_phrase(analysis);
        if d.relative {
            s.push_str(&format!("\n\nRelative wording, read against {against}"));
        } else if analysis.period.is_none() {
            s.push_str(&format!("\n\nIts year is read from {against}"));
        }
    }
    if let Some(p) = analysis.period {
        let place = if v.end < p.start {
            "before the report period"
        } else if v.start > p.end {
            "after the report period"
        } else if p.contains(v.start) && p.contains(v.end) {
            "within the report period"
        } else {
            "overlapping the report period"
        };
        s.push_str(&format!("\n\n{place} ({} to {})", p.start, p.end));
    }
    // Each other line the date is on, once, with a few words around its first mention there.
    let here = index.line(d.span.start);
    let mut lines = 0;
    let mut last = None;
    let mut shown = Vec::new();
    for o in index.same_date(k).filter(|&o| o != k) {
        let span = analysis.dates[o].span;
        let line = index.line(span.start);
        if line == here || last == Some(line) {
            continue;
        }
        last = Some(line);
        lines += 1;
        if shown.len() < cx.list_limit {
            let (_, ex) = excerpt(text, index, span, 24);
            shown.push(format!("- line {line}: {ex}"));
        }
    }
    if lines > 0 {
        s.push_str(&format!(
            "\n\nSame date also on {lines} other line{}:\n\n{}",
            if lines == 1 { "" } else { "s" },
            shown.join("\n")
        ));
        if lines > shown.len() {
            s.push_str(&format!("\n- and {} more", lines - shown.len()));
        }
    }
    s
}

/// The rate (units of `unit` per US dollar, or per the report currency) the report itself
/// implies through its written conversions.
pub fn implied_rate(analysis: &Analysis, unit: &str, to: &str) -> Option<(f64, Span)> {
    for f in &analysis.figures {
        let Some(k) = f.conversion else { continue };
        let g = &analysis.figures[k];
        if f.unit.as_deref() == Some(unit) && g.unit.as_deref() == Some(to) && g.value > 0.0 {
            return Some((f.value / g.value, f.span));
        }
    }
    None
}

/// The reference date as a hover says it: `2026-04-13, the report's date (its metadata)`.
fn reference_phrase(analysis: &Analysis) -> String {
    use crate::model::ReferenceSource as R;
    let r = analysis.reference;
    let Some(d) = r.date else {
        return "today (the report states no date of its own)".into();
    };
    let whence = match r.from {
        R::FrontMatter => "the report's date, from its front matter",
        R::Metadata => "the report's date, from its metadata lines",
        R::Dateline => "the report's date, from its dateline",
        R::Title => "the report's date, from its title block",
        R::Period => "the end of the report period",
        R::Config => "the configured reference date",
        R::None => "today",
    };
    format!("{d}, {whence}")
}

/// `Row: Court of Appeals · Column: FY2026` for a figure in a table cell.
fn table_place(text: &str, analysis: &Analysis, at: usize) -> Option<String> {
    let (t, r, c) = analysis.table_cell(at)?;
    let cell = |row: usize, col: usize| {
        t.rows
            .get(row)
            .and_then(|cells| cells.get(col))
            .map(|s| {
                text[s.start..s.end]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|s| !s.is_empty())
    };
    let row = (c > 0 && r > 0).then(|| cell(r, 0)).flatten();
    let column = (r > 0).then(|| cell(0, c)).flatten();
    let mut parts = Vec::new();
    if let Some(row) = row {
        parts.push(format!("Row: {row}"));
    }
    if let Some(column) = column {
        parts.push(format!("Column: {column}"));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// A rate as cards show it: two decimals from 1 up (`1,067.24`), four significant digits
/// below (`0.0009372`).
fn format_rate(r: f64) -> String {
    if r.abs() >= 1.0 {
        format_number((r * 100.0).round() / 100.0)
    } else {
        format_number(format!("{r:.3e}").parse().unwrap_or(r))
    }
}

/// `2,000`, `2,000–3,000` or `21%`, `13,000 t`: a figure's number or range with its unit.
fn figure_amount(text: &str, f: &Figure) -> String {
    let number = match f.range.filter(|_| f.exact()) {
        Some((lo, hi)) => format!("{}–{}", format_number(lo), format_number(hi)),
        None => figure_number(text, f),
    };
    match f.unit.as_deref() {
        None | Some("") => number,
        Some("%") => format!("{number}%"),
        Some(unit) => format!("{number} {unit}"),
    }
}

/// `v` rounded to `digits` significant digits: the ends of a widened interval are no more
/// precise than the margin that widened them.
fn significant(v: f64, digits: usize) -> f64 {
    format!("{v:.*e}", digits.saturating_sub(1))
        .parse()
        .unwrap_or(v)
}

/// A value in a figure's unit: `USD 1,000,000`, `20%`, `13,000 t`.
fn amount(f: &Figure, v: f64) -> String {
    let number = format_number(v);
    match f.unit.as_deref() {
        None | Some("") => number,
        Some("%") => format!("{number}%"),
        Some(unit) if f.kind == FigureKind::Money => format!("{unit} {number}"),
        Some(unit) => format!("{number} {unit}"),
    }
}

/// Money as a card restates it: `USD 359,000,000`.
fn money_value(text: &str, f: &Figure) -> String {
    let number = match f.range.filter(|_| f.exact()) {
        Some((lo, hi)) => format!("{}–{}", format_number(lo), format_number(hi)),
        None => figure_number(text, f),
    };
    match f.unit.as_deref() {
        Some(unit) if !unit.is_empty() => format!("{unit} {number}"),
        _ => number,
    }
}

fn figure_card(
    text: &str,
    analysis: &Analysis,
    index: &Index,
    k: usize,
    cx: &HoverContext<'_>,
) -> String {
    use crate::model::Qualifier;
    let f: &Figure = &analysis.figures[k];
    let unit = f.unit.as_deref().unwrap_or_default();
    let money = f.kind == FigureKind::Money;
    // Money is titled as the report writes it (`$359 million`), its value restated below.
    let title = if money {
        escape_markdown(&one_line(text, f.span))
    } else {
        escape_markdown(&figure_amount(text, f))
    };
    let mut s = format!("**{title}** · {}", f.kind.as_str());
    if f.kind == FigureKind::Points {
        s.push_str(" (percentage points)");
    }
    if f.ordinal {
        s.push_str(" (ordinal)");
    }
    if money {
        s.push_str(&format!("\n\n{}", money_value(text, f)));
    }
    if let Some(place) = table_place(text, analysis, f.span.start) {
        s.push_str(&format!("\n\n{place}"));
    }
    // The interval the wording allows, as the checks read it. It is computed from the value:
    // past the value's digits it would show digits the report did not write (the number as
    // written above says it all).
    let (lo, hi) = f.bounds;
    if f.exact() {
        let m = cx.approx_margin;
        match f.qualifier {
            Qualifier::Exact if hi > lo => s.push_str(&format!(
                "\n\nAs written: {} to {}",
                format_number(lo),
                format_number(hi)
            )),
            Qualifier::Exact => {}
            Qualifier::About => s.push_str(&format!(
                "\n\nApproximate: about {} to {} (the wording widened by {}%)",
                format_number(significant(lo * (1.0 - m), 3)),
                format_number(significant(hi * (1.0 + m), 3)),
                format_number(m * 100.0)
            )),
            Qualifier::AtLeast => s.push_str(&format!(
                "\n\nA lower bound: {} or more",
                amount(f, f.range.map_or(f.value, |r| r.0))
            )),
            Qualifier::AtMost => s.push_str(&format!(
                "\n\nAn upper bound: {} or less",
                amount(f, f.range.map_or(f.value, |r| r.1))
            )),
        }
    } else {
        match f.qualifier {
            Qualifier::Exact => {}
            Qualifier::About => s.push_str("\n\nApproximate"),
            Qualifier::AtLeast => s.push_str("\n\nA lower bound"),
            Qualifier::AtMost => s.push_str("\n\nAn upper bound"),
        }
    }
    let to = cx.currency;
    let sign = if to == "USD" { "$" } else { "" };
    if money && let Some(c) = f.conversion.map(|c| &analysis.figures[c]) {
        let unit_c = c.unit.as_deref().unwrap_or("");
        let written = escape_markdown(&one_line(text, c.span));
        // The amount written second, in parentheses, converts the first: each card says which
        // way it goes.
        if c.span.start > f.span.start {
            let rate = if c.value > 0.0 {
                f.value / c.value
            } else {
                0.0
            };
            s.push_str(&format!(
                "\n\nConverted in the text: {written} ({}), at {} {unit} per {unit_c}",
                money_value(text, c),
                format_rate(rate)
            ));
        } else {
            let rate = if f.value > 0.0 {
                c.value / f.value
            } else {
                0.0
            };
            let line = index.line(c.span.start);
            let place = if line == index.line(f.span.start) {
                String::new()
            } else {
                format!(" on line {line}")
            };
            s.push_str(&format!(
                "\n\nConverts {written} ({}){place}, at {} {unit_c} per {unit}",
                money_value(text, c),
                format_rate(rate)
            ));
        }
    } else if money && unit != to {
        if let Some((rate, at)) = implied_rate(analysis, unit, to) {
            s.push_str(&format!(
                "\n\n≈ {sign}{}{} at {} {unit} per {to} (the rate the report implies on line {})",
                format_short(f.value / rate),
                if sign.is_empty() {
                    format!(" {to}")
                } else {
                    String::new()
                },
                format_rate(rate),
                index.line(at.start)
            ));
        } else if let Some((_, _, rate)) = cx.rates.iter().find(|(a, b, _)| a == unit && b == to) {
            s.push_str(&format!(
                "\n\n≈ {sign}{}{} at {} {unit} per {to} (the configured rate)",
                format_short(f.value / rate),
                if sign.is_empty() {
                    format!(" {to}")
                } else {
                    String::new()
                },
                format_rate(*rate)
            ));
        }
    }
    for finding in &analysis.findings {
        if finding.span.overlaps(f.span) || finding.related.iter().any(|(r, _)| r.overlaps(f.span))
        {
            s.push_str(&format!(
                "\n\n⚠ {}: {}",
                finding.code,
                escape_markdown(&finding.message)
            ));
        }
    }
    s
}

/// Spans of the mentions of the thing at `offset`: an actor's mentions under any alias, the
/// same date, or the same value in the same unit. Past `limit` of them, the `limit` nearest
/// `offset` are kept (in the order of the text), so that a report of a million equal figures
/// gives an answer of a bounded size around where the reader is.
pub fn references(analysis: &Analysis, offset: usize, limit: usize) -> Option<Vec<Span>> {
    let mut spans: Vec<Span> = match target_at(analysis, offset)? {
        Target::Actor(a, _) => analysis.actors[a].mentions.clone(),
        Target::Date(k) => {
            let v = analysis.dates[k].value;
            analysis
                .dates
                .iter()
                .filter(|d| d.value == v)
                .map(|d| d.span)
                .collect()
        }
        Target::Figure(k) => {
            let f = &analysis.figures[k];
            analysis
                .figures
                .iter()
                .filter(|g| {
                    g.kind == f.kind
                        && g.unit == f.unit
                        && (g.value - f.value).abs() <= f.value.abs() * 1e-9
                })
                .map(|g| g.span)
                .collect()
        }
    };
    if spans.len() > limit {
        // Spans are in the order of the text: the nearest `limit` are a window around the
        // first one at or after `offset`.
        let at = spans.partition_point(|s| s.end < offset);
        let start = at.saturating_sub(limit / 2).min(spans.len() - limit);
        spans = spans[start..start + limit].to_vec();
    }
    Some(spans)
}

/// For an actor declared in `dossier.toml`, the line of its entry there: where the actor at
/// `offset` is defined.
pub fn declared_line(analysis: &Analysis, offset: usize) -> Option<usize> {
    match target_at(analysis, offset)? {
        Target::Actor(a, _) => analysis.actors[a].config_line.filter(|&l| l > 0),
        _ => None,
    }
}

/// A hover card for clients that show only plain text: cards mark their first words bold and
/// escape the report's own markup characters, and nothing else, so the markers and the escapes
/// go.
pub fn plain_text(card: &str) -> String {
    let card = match card.strip_prefix("**").and_then(|rest| {
        let end = bold_end(rest)?;
        Some(format!("{}{}", &rest[..end], &rest[end + 2..]))
    }) {
        Some(c) => c,
        None => card.to_string(),
    };
    let mut out = String::with_capacity(card.len());
    let mut chars = card.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

/// Where the bold run at the start of a card ends: the first `**` not escaped.
fn bold_end(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let mut k = 0;
    while k + 1 < bytes.len() {
        match bytes[k] {
            b'\\' => k += 2,
            b'*' if bytes[k + 1] == b'*' => return Some(k),
            _ => k += 1,
        }
    }
    None
}

/// The first mention of the actor at `offset`.
pub fn definition(analysis: &Analysis, offset: usize) -> Option<Span> {
    match target_at(analysis, offset)? {
        Target::Actor(a, _) => analysis.actors[a].mentions.first().copied(),
        t => Some(target_span(analysis, t)),
    }
}

#[cfg(test)]
mod format_tests {
    use super::*;

    #[test]
    fn numbers_group_thousands() {
        assert_eq!(format_number(359_000_000.0), "359,000,000");
        assert_eq!(format_number(3.22), "3.22");
        assert_eq!(format_number(0.5), "0.5");
        assert_eq!(format_number(-1234.5), "-1,234.5");
        assert_eq!(format_short(3.11e9), "3.11 billion");
    }

    /// A double's binary expansion holds digits nobody wrote: `123456789012345 trillion` was
    /// shown as `123,456,789,012,345,008,137,699,328`, and the noise of `1.15 * 100`
    /// (114.99999999999999) rounded into `1141.`.
    #[test]
    fn numbers_show_no_digits_past_what_a_double_holds() {
        assert_eq!(
            format_number(123_456_789_012_345.0 * 1e12),
            "123,456,789,012,345,000,000,000,000"
        );
        assert_eq!(format_number(1.15 * 100.0), "115");
        assert_eq!(format_number(0.00012345), "0.00012345");
    }
}

#[cfg(test)]
mod tests;
