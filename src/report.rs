//! The JSON form of an analysis, exactly as `shared/contract` defines it.

use serde_json::{Value, json};

use crate::model::{Analysis, Finding};

/// The contract object for one report. `path` is the file as given on the command line.
pub fn to_json(path: &str, text: &str, analysis: &Analysis) -> Value {
    let mention = |s: crate::text::Span| json!({ "start": s.start, "end": s.end, "text": &text[s.start..s.end] });
    let finding = |f: &Finding| {
        json!({
            "start": f.span.start,
            "end": f.span.end,
            "severity": f.severity.as_str(),
            "code": f.code,
            "message": f.message,
            // Places in other reports are related spans with the other report's `path` (and
            // its 1-based `line`), as the contract allows.
            "related": f.related.iter().map(|(s, m)| json!({ "start": s.start, "end": s.end, "message": m }))
                .chain(f.elsewhere.iter().map(|e| json!({ "start": e.span.start, "end": e.span.end, "message": e.message, "path": e.path, "line": e.line })))
                .collect::<Vec<_>>(),
        })
    };
    // Actors are numbered in order of first mention already; sorting keeps the contract's
    // "every array is sorted by start" even if that ever changes.
    // An actor's id (`a1`, `a2`…) is its place in the analysis, stable within one analysis.
    let mut actors: Vec<(usize, &crate::model::Actor)> =
        analysis.actors.iter().enumerate().collect();
    actors.sort_by_key(|(_, a)| a.mentions.first().map_or(0, |m| m.start));
    json!({
        "path": path,
        "period": analysis.period.map(|p| json!({ "start": p.start.to_string(), "end": p.end.to_string() })),
        "reference": json!({
            "date": analysis.reference.date.map(|d| d.to_string()),
            "from": analysis.reference.from.as_str(),
        }),
        "sections": analysis.sections.iter().map(|s| json!({
            "title": s.title, "level": s.level, "start": s.span.start, "end": s.span.end,
        })).collect::<Vec<_>>(),
        "actors": actors.iter().map(|&(k, a)| json!({
                "id": format!("a{}", k + 1),
                "name": a.name,
                "kind": a.kind.as_str(),
                "aliases": a.aliases,
                "mentions": a.mentions.iter().map(|&m| mention(m)).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        "dates": analysis.dates.iter().map(|d| json!({
            "start": d.span.start, "end": d.span.end, "text": &text[d.span.start..d.span.end],
            "value": d.value.iso(), "approx": d.approx,
        })).collect::<Vec<_>>(),
        "figures": analysis.figures.iter().map(|f| {
            let mut o = json!({
                "start": f.span.start, "end": f.span.end, "text": &text[f.span.start..f.span.end],
                "kind": f.kind.as_str(), "value": number(f.value), "unit": f.unit, "approx": f.approx(),
            });
            if let Some((lo, hi)) = f.range {
                o["range"] = json!([number(lo), number(hi)]);
            }
            o
        }).collect::<Vec<_>>(),
        "facts": analysis.facts.iter().map(|f| json!({
            "figure": f.figure,
            "subjects": f.subjects.iter().map(|a| format!("a{}", a + 1)).collect::<Vec<_>>(),
            "measure": f.measure,
            "time": f.time.map(|t| t.iso()),
            "status": f.status.as_str(),
            "start": f.clause.start,
            "end": f.clause.end,
        })).collect::<Vec<_>>(),
        "diagnostics": analysis.notices.iter().chain(&analysis.findings).map(finding).collect::<Vec<_>>(),
    })
}

/// Whole numbers print without a fraction (`359000000`, not `359000000.0`); others are rounded
/// to 12 significant digits so binary noise (`3.2199999…`) does not leak into the output.
fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        json!(v as i64)
    } else {
        let digits = 12 - v.abs().log10().ceil() as i32;
        let factor = 10f64.powi(digits.clamp(0, 15));
        let rounded = (v * factor).round() / factor;
        json!(rounded)
    }
}
