//! The timeline as one self-contained HTML page: an inline SVG chart with a lane per actor, its
//! CSS and a little plain JavaScript, so the file opens anywhere without a network.
//!
//! Every piece of report text goes into the page through `esc`, in element content and in
//! attributes alike; the script reads only attributes and writes only `textContent`.

use std::fmt::Write as _;

use super::Entry;
use crate::calendar::{Date, MONTH_NAMES};
use crate::model::Precision;

/// How many lanes show before the rest fold into a `<details>`.
pub const SHOWN: usize = 8;

/// The chart's width in SVG units; the page scales it to the window.
const WIDTH: f64 = 1000.0;
/// Where the plot begins (after the lane labels) and ends.
const X0: f64 = 200.0;
const X1: f64 = 980.0;
const LANE: f64 = 30.0;
const AXIS: f64 = 34.0;

/// Colours of lanes, in turn; chosen to read on white and on a dark background.
const PALETTE: [&str; 8] = [
    "#3b7dd8", "#d8683b", "#2f9e6b", "#a453c9", "#c9a227", "#d84a7e", "#3ba7b8", "#7a8a3b",
];

/// Text for HTML element content and double- or single-quoted attributes.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A lane: an actor's name (empty for events that name no actor) and its events, in date order.
#[derive(Debug)]
pub struct Lane<'a> {
    pub actor: String,
    pub events: Vec<&'a Entry<'a>>,
}

/// The lanes of a timeline: the actors named by most events first (ties by earliest event, then
/// name), then a lane for events that name nobody. An event naming several actors is in each of
/// their lanes.
pub fn lanes<'a>(entries: &'a [Entry<'a>]) -> Vec<Lane<'a>> {
    let mut out: Vec<Lane> = Vec::new();
    // A workspace can have thousands of actors: lanes are found by name, not by a scan.
    let mut by_name: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut nobody = Vec::new();
    for e in entries {
        if e.actors.is_empty() {
            nobody.push(e);
        }
        let mut seen: Vec<&str> = Vec::new();
        for a in &e.actors {
            if seen.contains(&a.name) {
                continue;
            }
            seen.push(a.name);
            match by_name.get(a.name) {
                Some(&k) => out[k].events.push(e),
                None => {
                    by_name.insert(a.name, out.len());
                    out.push(Lane {
                        actor: a.name.to_string(),
                        events: vec![e],
                    });
                }
            }
        }
    }
    // Lanes were made in order of first event, so a stable sort keeps that order among ties.
    out.sort_by_key(|l| std::cmp::Reverse(l.events.len()));
    if !nobody.is_empty() {
        out.push(Lane {
            actor: String::new(),
            events: nobody,
        });
    }
    out
}

/// The horizontal scale: days since 1970 to SVG units.
struct Scale {
    lo: f64,
    hi: f64,
}

impl Scale {
    /// The range of the events' days; when a few far-off events would squeeze the rest into a
    /// corner (the full range over four times the range of the middle 80%), the middle 80%,
    /// and the events outside are drawn at the ends (`clamp`).
    fn new(entries: &[Entry]) -> Scale {
        let mut starts: Vec<i64> = entries.iter().map(|e| e.date.start.to_days()).collect();
        let mut ends: Vec<i64> = entries.iter().map(|e| e.date.end.to_days() + 1).collect();
        starts.sort_unstable();
        ends.sort_unstable();
        let n = starts.len();
        let (mut lo, mut hi) = match (starts.first(), ends.last()) {
            (Some(&a), Some(&b)) => (a as f64, b as f64),
            _ => (0.0, 1.0),
        };
        if n >= 10 {
            let (a, b) = (starts[n / 10] as f64, ends[n - 1 - n / 10] as f64);
            if hi - lo > 4.0 * (b - a).max(30.0) {
                (lo, hi) = (a, b);
            }
        }
        if hi - lo < 30.0 {
            let mid = (lo + hi) / 2.0;
            lo = mid - 15.0;
            hi = mid + 15.0;
        }
        let pad = (hi - lo) * 0.02;
        Scale {
            lo: lo - pad,
            hi: hi + pad,
        }
    }

    /// Whether a day lies outside the axis.
    fn outside(&self, days: f64) -> bool {
        days < self.lo || days > self.hi
    }

    /// The position of a day, held within the plot.
    fn x(&self, days: f64) -> f64 {
        X0 + (days.clamp(self.lo, self.hi) - self.lo) / (self.hi - self.lo) * (X1 - X0)
    }

    /// Ticks at whole years, months or days, ten or so across the range.
    fn ticks(&self) -> Vec<(f64, String)> {
        let span = self.hi - self.lo;
        let first = Date::from_days(self.lo.ceil() as i64);
        let last = Date::from_days(self.hi.floor() as i64);
        let mut out = Vec::new();
        if span > 365.0 * 3.0 {
            let step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
                .into_iter()
                .find(|s| span / (365.25 * f64::from(*s)) <= 12.0)
                .unwrap_or(1000);
            let mut y = first.year + 1;
            y += (step - y.rem_euclid(step)) % step;
            while y <= last.year {
                let d = Date::first_of_month(y, 1).to_days() as f64;
                out.push((self.x(d), y.to_string()));
                y += step;
            }
        } else if span > 62.0 {
            let step = [1, 2, 3, 6, 12]
                .into_iter()
                .find(|s| span / (30.44 * f64::from(*s)) <= 12.0)
                .unwrap_or(12);
            let mut m = first.year * 12 + first.month as i32; // the month after `first`'s
            while m.rem_euclid(12) % step != 0 {
                m += 1;
            }
            loop {
                let (year, month) = (m.div_euclid(12), m.rem_euclid(12) as u32 + 1);
                let d = Date::first_of_month(year, month);
                if d > last {
                    break;
                }
                let label = if month == 1 || out.is_empty() {
                    format!("{} {year}", &MONTH_NAMES[month as usize - 1][..3])
                } else {
                    MONTH_NAMES[month as usize - 1][..3].to_string()
                };
                out.push((self.x(d.to_days() as f64), label));
                m += step;
            }
        } else {
            let step = [1, 2, 7, 14]
                .into_iter()
                .find(|s| span / f64::from(*s) <= 12.0)
                .unwrap_or(14);
            let mut d = first;
            while d <= last {
                let label = format!("{} {}", &MONTH_NAMES[d.month as usize - 1][..3], d.day);
                out.push((self.x(d.to_days() as f64), label));
                d = d.add_days(i64::from(step));
            }
        }
        out
    }
}

/// `2014-10-31`, `2014-10-17 – 2014-10-25`, with `about ` before an approximate date.
fn when(e: &Entry) -> String {
    e.dated("about ", " \u{2013} ")
}

/// One SVG of lanes: the axis on top when `axis`, then a row per lane.
fn chart(out: &mut String, lanes: &[Lane], first: usize, scale: &Scale, axis: bool) {
    let top = if axis { AXIS } else { 6.0 };
    let height = top + LANE * lanes.len() as f64 + 6.0;
    let _ = write!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" \
         aria-label=\"Events by actor\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    let ticks = scale.ticks();
    for (x, label) in &ticks {
        let _ = write!(
            out,
            "<line class=\"grid\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{:.1}\" y2=\"{height:.1}\"/>",
            top - 6.0
        );
        if axis {
            let _ = write!(
                out,
                "<text class=\"tick\" x=\"{x:.1}\" y=\"16\">{}</text>",
                esc(label)
            );
        }
    }
    for (i, lane) in lanes.iter().enumerate() {
        let y = top + LANE * i as f64;
        let mid = y + LANE / 2.0;
        let colour = PALETTE[(first + i) % PALETTE.len()];
        let name = if lane.actor.is_empty() {
            "(no actor)".to_string()
        } else {
            lane.actor.clone()
        };
        let _ = write!(
            out,
            "<g class=\"lane\" data-actor=\"{}\" style=\"--c:{colour}\">\
             <line class=\"rule\" x1=\"{X0}\" x2=\"{X1}\" y1=\"{mid:.1}\" y2=\"{mid:.1}\"/>\
             <text class=\"name\" x=\"{:.1}\" y=\"{:.1}\">{}<title>{} ({} events)</title></text>",
            esc(&lane.actor),
            X0 - 10.0,
            mid + 4.0,
            esc(&super::excerpt(&name, 26)),
            esc(&name),
            lane.events.len()
        );
        // Bars first, then the days over them, so that a bar never hides a day from a click;
        // each pass is in date order.
        for e in &lane.events {
            if e.date.interval || e.date.precision != Precision::Day {
                mark(out, e, scale, mid);
            }
        }
        for e in &lane.events {
            if !(e.date.interval || e.date.precision != Precision::Day) {
                mark(out, e, scale, mid);
            }
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
}

/// An event's mark: a circle for a day, a bar for an interval, a circle over a faint span for a
/// month or a year; approximate ones are faded and dashed (the `approx` class).
fn mark(out: &mut String, e: &Entry, scale: &Scale, mid: f64) {
    let start = e.date.start.to_days() as f64;
    let end = e.date.end.to_days() as f64 + 1.0;
    let (x0, x1) = (scale.x(start), scale.x(end));
    let off = scale.outside(start) || scale.outside(end);
    let kind = if e.date.interval {
        "interval"
    } else if e.date.precision == Precision::Day {
        "day"
    } else {
        "span"
    };
    let _ = write!(
        out,
        "<g class=\"event {kind}{}{}\" tabindex=\"0\" data-date=\"{}\" data-until=\"{}\" \
         data-path=\"{}\" data-line=\"{}\" data-when=\"{}\" data-text=\"{}\" data-who=\"{}\">\
         <title>{} \u{2014} {} \u{2014} {}:{}</title>",
        if e.approx { " approx" } else { "" },
        if off { " outside" } else { "" },
        esc(&e.date_iso()),
        esc(&e.until_iso().unwrap_or_default()),
        esc(e.path),
        e.line,
        esc(&when(e)),
        esc(&e.text),
        esc(&e
            .actors
            .iter()
            .map(|a| a.name)
            .collect::<Vec<_>>()
            .join(", ")),
        esc(&when(e)),
        esc(&super::excerpt(&e.text, 160)),
        esc(e.path),
        e.line,
    );
    match kind {
        "interval" => {
            let _ = write!(
                out,
                "<rect class=\"mark\" x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"10\" rx=\"3\"/>",
                mid - 5.0,
                (x1 - x0).max(4.0)
            );
        }
        "span" => {
            let _ = write!(
                out,
                "<rect class=\"extent\" x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"4\" rx=\"2\"/>\
                 <circle class=\"mark\" cx=\"{:.1}\" cy=\"{mid:.1}\" r=\"5\"/>",
                mid - 2.0,
                (x1 - x0).max(2.0),
                (x0 + x1) / 2.0
            );
        }
        _ => {
            let _ = write!(
                out,
                "<circle class=\"mark\" cx=\"{:.1}\" cy=\"{mid:.1}\" r=\"5\"/>",
                (x0 + x1) / 2.0
            );
        }
    }
    out.push_str("</g>");
}

const STYLE: &str = r#"
:root{--bg:#fff;--fg:#1d2330;--muted:#667085;--grid:#e4e7ec;--panel:#f5f7fa;color-scheme:light dark}
@media (prefers-color-scheme: dark){:root{--bg:#16181d;--fg:#e6e8ee;--muted:#98a2b3;--grid:#2b303b;--panel:#20242c}}
body{margin:0;padding:16px 20px 120px;background:var(--bg);color:var(--fg);font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif}
h1{font-size:18px;margin:0 0 4px}
.meta{color:var(--muted);margin:0 0 12px}
.chart{width:100%;height:auto;display:block}
.chart text{fill:var(--fg);font-size:12px}
.tick{fill:var(--muted)!important;text-anchor:middle}
.name{text-anchor:end}
.grid{stroke:var(--grid);stroke-width:1}
.rule{stroke:var(--grid);stroke-width:1;stroke-dasharray:2 3}
.event{cursor:pointer;outline:none}
.mark{fill:var(--c);stroke:var(--c);stroke-width:1.5;fill-opacity:.85}
.extent{fill:var(--c);opacity:.25;pointer-events:none}
.approx .mark{fill-opacity:.3;stroke-dasharray:3 2}
.approx .extent{opacity:.12}
.outside .mark{stroke-dasharray:1 2;fill:none}
.event:hover .mark,.event:focus .mark,.event.selected .mark{stroke:var(--fg);stroke-width:2.5}
details{margin-top:8px}
summary{cursor:pointer;color:var(--muted)}
.legend{display:flex;flex-wrap:wrap;gap:16px;margin:12px 0;color:var(--muted);align-items:center}
.legend svg{vertical-align:middle;margin-right:4px}
.legend .mark{--c:var(--muted)}
#panel{position:fixed;left:0;right:0;bottom:0;background:var(--panel);border-top:1px solid var(--grid);padding:10px 20px;min-height:48px}
#panel .when{font-weight:600}
#panel .where{color:var(--muted);font-family:ui-monospace,monospace}
.empty{color:var(--muted);font-size:16px;margin:40px 0}
@media print{:root{--bg:#fff;--fg:#000;--muted:#444;--grid:#ccc}#panel{display:none}body{padding:0}}
"#;

const SCRIPT: &str = r#"
(function(){
  var vscode = typeof acquireVsCodeApi === "function" ? acquireVsCodeApi() : null;
  var panel = document.getElementById("panel");
  function set(cls, text){ panel.querySelector("." + cls).textContent = text; }
  function show(g){
    document.querySelectorAll(".event.selected").forEach(function(x){ x.classList.remove("selected"); });
    g.classList.add("selected");
    set("when", g.getAttribute("data-when"));
    set("who", g.getAttribute("data-who"));
    set("text", g.getAttribute("data-text"));
    set("where", g.getAttribute("data-path") + ":" + g.getAttribute("data-line"));
    if (vscode) {
      vscode.postMessage({ type: "reveal", path: g.getAttribute("data-path"), line: Number(g.getAttribute("data-line")) });
    }
  }
  document.querySelectorAll(".event").forEach(function(g){
    g.addEventListener("click", function(){ show(g); });
    g.addEventListener("keydown", function(ev){ if (ev.key === "Enter") show(g); });
  });
})();
"#;

/// The page: a heading, the chart (the first `SHOWN` lanes, the rest in a `<details>`), the
/// legend, and a panel that shows the event clicked.
///
/// Its content security policy allows only its own inline style and script, so that nothing a
/// report holds can make the page (or the editor webview showing it) fetch or run anything else.
pub fn to_html(entries: &[Entry], title: &str) -> String {
    let mut out = String::with_capacity(4096 + entries.len() * 600);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\
         <title>{}</title><style>{STYLE}</style></head><body><h1>{}</h1>",
        esc(title),
        esc(title)
    );
    if entries.is_empty() {
        out.push_str("<p class=\"empty\">No dated events.</p></body></html>\n");
        return out;
    }
    let lanes = lanes(entries);
    let first = entries.first().map(|e| e.date_iso()).unwrap_or_default();
    let last = entries
        .iter()
        .map(|e| e.until_iso().unwrap_or_else(|| e.date_iso()))
        .max()
        .unwrap_or_default();
    let actors = lanes.iter().filter(|l| !l.actor.is_empty()).count();
    let _ = write!(
        out,
        "<p class=\"meta\">{} events, {first} to {last}, {actors} actors.</p>",
        entries.len()
    );
    let scale = Scale::new(entries);
    let off = entries
        .iter()
        .filter(|e| {
            scale.outside(e.date.start.to_days() as f64)
                || scale.outside(e.date.end.to_days() as f64 + 1.0)
        })
        .count();
    if off > 0 {
        let _ = write!(
            out,
            "<p class=\"meta\">{off} far-off events are drawn hollow at the ends of the axis.</p>"
        );
    }
    let shown = lanes.len().min(SHOWN);
    chart(&mut out, &lanes[..shown], 0, &scale, true);
    if lanes.len() > shown {
        let more = lanes.len() - shown;
        let _ = write!(
            out,
            "<details><summary>{more} more {}</summary>",
            if more == 1 { "actor" } else { "actors" }
        );
        chart(&mut out, &lanes[shown..], shown, &scale, false);
        out.push_str("</details>");
    }
    out.push_str(
        "<div class=\"legend\">\
         <span><svg width=\"14\" height=\"14\"><circle class=\"mark\" cx=\"7\" cy=\"7\" r=\"5\"/></svg>event on a day</span>\
         <span><svg width=\"34\" height=\"14\"><rect class=\"mark\" x=\"2\" y=\"2\" width=\"30\" height=\"10\" rx=\"3\"/></svg>interval</span>\
         <span><svg width=\"34\" height=\"14\"><rect class=\"extent\" x=\"2\" y=\"5\" width=\"30\" height=\"4\" rx=\"2\" style=\"--c:var(--muted)\"/><circle class=\"mark\" cx=\"17\" cy=\"7\" r=\"5\"/></svg>month or year</span>\
         <span class=\"approx\"><svg width=\"14\" height=\"14\"><circle class=\"mark\" cx=\"7\" cy=\"7\" r=\"5\"/></svg>approximate (faded, dashed)</span>\
         <span>one lane per actor, most mentioned first; hover or click an event for its text</span>\
         </div>",
    );
    out.push_str(
        "<aside id=\"panel\" aria-live=\"polite\"><div><span class=\"when\"></span> \
         <span class=\"who\"></span></div><div class=\"text\">Click an event to read it.</div>\
         <div class=\"where\"></div></aside>",
    );
    let _ = writeln!(out, "<script>{SCRIPT}</script></body></html>");
    out
}
