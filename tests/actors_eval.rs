//! How well Dossier recognises actors on reports it was not tuned on: the reports of
//! `tests/actors`, every actor mention marked `[[written text|key]]` by the guidelines in
//! `tests/actors/README.md`, scored against `Analysis::actors`.
//!
//! `cargo test --test actors_eval -- --nocapture` prints, per report and overall (micro-averaged
//! over mentions), span precision, recall and F1 (a mention counts when its span equals a gold
//! span exactly) and link precision and recall (pairwise, over the exactly matched mentions),
//! then the missed and spurious mentions of the worst reports.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use dossier::{Config, Format};

// The floors are a ratchet: the measured values rounded down to two decimals. Work that
// improves recognition raises them to what it then measures, toward 0.95 each; no change may
// lower them without saying why the guidelines changed.
const SPAN_F1_FLOOR: f64 = 0.95;
const LINK_PRECISION_FLOOR: f64 = 0.97;
const LINK_RECALL_FLOOR: f64 = 0.95;

/// How many reports, the lowest by span F1, have their errors printed; `ACTORS_EVAL_ALL=1`
/// prints every report's.
const WORST_REPORTS: usize = 5;
/// The most lines of errors printed for one report.
const ERROR_LINES: usize = 40;

/// One marked mention: its byte span in the clean text, its key, and its line.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Gold {
    start: usize,
    end: usize,
    key: String,
    line: usize,
}

/// Strips the markup of `marked` (the file `name`), giving the clean text and its mentions in
/// text order; an error names the file and line.
fn parse_markup(name: &str, marked: &str) -> Result<(String, Vec<Gold>), String> {
    let mut clean = String::with_capacity(marked.len());
    let mut gold = Vec::new();
    let line_at = |i: usize| marked[..i].matches('\n').count() + 1;
    let mut rest = 0;
    loop {
        let open = marked[rest..].find("[[").map(|i| rest + i);
        let close = marked[rest..].find("]]").map(|i| rest + i);
        match (open, close) {
            (_, Some(c)) if open.is_none_or(|o| c < o) => {
                return Err(format!("{name}:{}: `]]` without `[[`", line_at(c)));
            }
            (None, _) => {
                clean.push_str(&marked[rest..]);
                return Ok((clean, gold));
            }
            (Some(o), _) => {
                clean.push_str(&marked[rest..o]);
                let body = o + 2;
                let Some(end) = marked[body..].find("]]").map(|i| body + i) else {
                    return Err(format!("{name}:{}: `[[` without `|key]]`", line_at(o)));
                };
                if let Some(nested) = marked[body..end].find("[[") {
                    return Err(format!(
                        "{name}:{}: `[[` inside a mention (brackets never nest)",
                        line_at(body + nested)
                    ));
                }
                let Some((text, key)) = marked[body..end].rsplit_once('|') else {
                    return Err(format!("{name}:{}: `[[` without `|key]]`", line_at(o)));
                };
                if text.trim().is_empty() {
                    return Err(format!("{name}:{}: a mention without text", line_at(o)));
                }
                let key_ok = !key.is_empty()
                    && key
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
                if !key_ok {
                    return Err(format!(
                        "{name}:{}: key `{key}` is not lower-case letters, digits and `-`",
                        line_at(o)
                    ));
                }
                gold.push(Gold {
                    start: clean.len(),
                    end: clean.len() + text.len(),
                    key: key.to_string(),
                    line: line_at(o),
                });
                clean.push_str(text);
                rest = end + 2;
            }
        }
    }
}

/// Counts for span and link scores; they add up over reports (micro-averaging).
#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    gold: usize,
    predicted: usize,
    matched: usize,
    /// Pairs of matched mentions in one predicted actor.
    pairs_predicted: usize,
    /// Pairs of matched mentions with one gold key.
    pairs_gold: usize,
    /// Pairs of matched mentions both in one actor and of one key.
    pairs_both: usize,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.matched += o.matched;
        self.pairs_predicted += o.pairs_predicted;
        self.pairs_gold += o.pairs_gold;
        self.pairs_both += o.pairs_both;
    }

    fn span_precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }

    fn span_recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }

    fn span_f1(&self) -> f64 {
        let (p, r) = (self.span_precision(), self.span_recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn link_precision(&self) -> f64 {
        ratio(self.pairs_both, self.pairs_predicted)
    }

    fn link_recall(&self) -> f64 {
        ratio(self.pairs_both, self.pairs_gold)
    }
}

/// `n / d`, and 1 when there is nothing to get wrong.
fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 1.0 } else { n as f64 / d as f64 }
}

fn pairs(n: usize) -> usize {
    n * n.saturating_sub(1) / 2
}

/// One report scored: its counts and the lines that show its errors.
struct Scored {
    name: String,
    counts: Counts,
    errors: Vec<String>,
}

/// Scores predicted mentions (span, actor index) against the gold mentions of `clean`.
fn score(name: &str, clean: &str, gold: &[Gold], predicted: &[((usize, usize), usize)]) -> Scored {
    let line_of = |offset: usize| clean[..offset].matches('\n').count() + 1;
    let gold_at: HashMap<(usize, usize), &Gold> =
        gold.iter().map(|g| ((g.start, g.end), g)).collect();
    let mut actor_at: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for &(span, actor) in predicted {
        actor_at.entry(span).or_insert(actor);
    }
    let mut by_actor: HashMap<usize, usize> = HashMap::new();
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    let mut by_both: HashMap<(usize, &str), usize> = HashMap::new();
    // For the link errors: the keys each actor holds and the actors each key is spread over.
    let mut keys_of_actor: BTreeMap<usize, BTreeMap<&str, Vec<&str>>> = BTreeMap::new();
    let mut actors_of_key: BTreeMap<&str, BTreeMap<usize, Vec<&str>>> = BTreeMap::new();
    let mut matched = 0;
    for (&span, &actor) in &actor_at {
        if let Some(g) = gold_at.get(&span) {
            matched += 1;
            let text = &clean[span.0..span.1];
            *by_actor.entry(actor).or_default() += 1;
            *by_key.entry(&g.key).or_default() += 1;
            *by_both.entry((actor, &g.key)).or_default() += 1;
            keys_of_actor
                .entry(actor)
                .or_default()
                .entry(&g.key)
                .or_default()
                .push(text);
            actors_of_key
                .entry(&g.key)
                .or_default()
                .entry(actor)
                .or_default()
                .push(text);
        }
    }
    let counts = Counts {
        gold: gold_at.len(),
        predicted: actor_at.len(),
        matched,
        pairs_predicted: by_actor.values().map(|&n| pairs(n)).sum(),
        pairs_gold: by_key.values().map(|&n| pairs(n)).sum(),
        pairs_both: by_both.values().map(|&n| pairs(n)).sum(),
    };

    let mut errors = Vec::new();
    for g in gold {
        if !actor_at.contains_key(&(g.start, g.end)) {
            // What Dossier found over the missed span, if anything: the usual cause.
            let over: Vec<&str> = actor_at
                .keys()
                .filter(|&&(s, e)| s < g.end && g.start < e)
                .map(|&(s, e)| &clean[s..e])
                .collect();
            let mut line = format!(
                "  missed   L{:<4} `{}` ({})",
                g.line,
                &clean[g.start..g.end],
                g.key
            );
            if !over.is_empty() {
                let _ = write!(line, ", found `{}`", over.join("`, `"));
            }
            errors.push(line);
        }
    }
    for &(s, e) in actor_at.keys() {
        if !gold_at.contains_key(&(s, e)) {
            let over: Vec<&str> = gold
                .iter()
                .filter(|g| g.start < e && s < g.end)
                .map(|g| &clean[g.start..g.end])
                .collect();
            let mut line = format!("  spurious L{:<4} `{}`", line_of(s), &clean[s..e]);
            if !over.is_empty() {
                let _ = write!(line, ", gold `{}`", over.join("`, `"));
            }
            errors.push(line);
        }
    }
    for keys in keys_of_actor.values().filter(|k| k.len() > 1) {
        let parts: Vec<String> = keys
            .iter()
            .map(|(key, texts)| format!("{key}: `{}`", texts[0]))
            .collect();
        errors.push(format!("  merged   {}", parts.join(" + ")));
    }
    for (key, actors) in actors_of_key.iter().filter(|(_, a)| a.len() > 1) {
        let parts: Vec<String> = actors
            .values()
            .map(|texts| format!("`{}`", texts.join("`, `")))
            .collect();
        errors.push(format!("  split    {key}: {}", parts.join(" | ")));
    }
    Scored {
        name: name.to_string(),
        counts,
        errors,
    }
}

/// The reports of `tests/actors`, by file name: every `.md` and `.txt` file but the README.
fn reports() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/actors");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/actors")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| (n.ends_with(".md") || n.ends_with(".txt")) && n != "README.md")
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let text = std::fs::read_to_string(dir.join(&n)).expect("report");
            (n, text)
        })
        .collect()
}

fn analyse(name: &str, clean: &str) -> Vec<((usize, usize), usize)> {
    let config = Config {
        // Actors do not depend on dates; a fixed today keeps the run free of the clock.
        today: dossier::calendar::Date::new(2024, 1, 1),
        ..Config::default()
    };
    let analysis = dossier::analyze(clean, &config, Format::from_path(name));
    analysis
        .actors
        .iter()
        .enumerate()
        .flat_map(|(i, a)| a.mentions.iter().map(move |m| ((m.start, m.end), i)))
        .collect()
}

#[test]
fn actors_are_recognised_on_reports_not_tuned_on() {
    let reports = reports();
    assert!(
        reports.len() >= 14,
        "tests/actors holds {} reports",
        reports.len()
    );
    let mut scored = Vec::new();
    for (name, marked) in &reports {
        let (clean, gold) = parse_markup(name, marked).unwrap_or_else(|e| panic!("{e}"));
        let predicted = analyse(name, &clean);
        scored.push(score(name, &clean, &gold, &predicted));
    }

    let mut out = String::new();
    let width = scored
        .iter()
        .map(|s| s.name.len())
        .max()
        .unwrap_or(6)
        .max(6);
    let _ = writeln!(
        out,
        "{:width$}  {:>4} {:>4} {:>4}  {:>6} {:>6} {:>6}  {:>6} {:>6}",
        "report", "gold", "pred", "hit", "span P", "span R", "F1", "link P", "link R"
    );
    let mut total = Counts::default();
    for s in &scored {
        let c = &s.counts;
        total.add(c);
        let _ = writeln!(
            out,
            "{:width$}  {:>4} {:>4} {:>4}  {:>6.3} {:>6.3} {:>6.3}  {:>6.3} {:>6.3}",
            s.name,
            c.gold,
            c.predicted,
            c.matched,
            c.span_precision(),
            c.span_recall(),
            c.span_f1(),
            c.link_precision(),
            c.link_recall()
        );
    }
    let _ = writeln!(
        out,
        "{:width$}  {:>4} {:>4} {:>4}  {:>6.3} {:>6.3} {:>6.3}  {:>6.3} {:>6.3}",
        "all",
        total.gold,
        total.predicted,
        total.matched,
        total.span_precision(),
        total.span_recall(),
        total.span_f1(),
        total.link_precision(),
        total.link_recall()
    );
    let _ = writeln!(
        out,
        "overall span F1 {:.3} link P {:.3} R {:.3}",
        total.span_f1(),
        total.link_precision(),
        total.link_recall()
    );

    let mut worst: Vec<&Scored> = scored.iter().collect();
    worst.sort_by(|a, b| a.counts.span_f1().total_cmp(&b.counts.span_f1()));
    let shown = if std::env::var_os("ACTORS_EVAL_ALL").is_some() {
        worst.len()
    } else {
        WORST_REPORTS
    };
    for s in worst.iter().take(shown) {
        let _ = writeln!(
            out,
            "\n{} (span F1 {:.3}): {} errors",
            s.name,
            s.counts.span_f1(),
            s.errors.len()
        );
        for line in s.errors.iter().take(ERROR_LINES) {
            let _ = writeln!(out, "{line}");
        }
        if s.errors.len() > ERROR_LINES {
            let _ = writeln!(out, "  … and {} more", s.errors.len() - ERROR_LINES);
        }
    }
    println!("{out}");

    assert!(
        total.span_f1() >= SPAN_F1_FLOOR,
        "span F1 {:.3} fell below {SPAN_F1_FLOOR}",
        total.span_f1()
    );
    assert!(
        total.link_precision() >= LINK_PRECISION_FLOOR,
        "link precision {:.3} fell below {LINK_PRECISION_FLOOR}",
        total.link_precision()
    );
    assert!(
        total.link_recall() >= LINK_RECALL_FLOOR,
        "link recall {:.3} fell below {LINK_RECALL_FLOOR}",
        total.link_recall()
    );
}

#[test]
fn markup_is_stripped_to_clean_text_and_byte_spans() {
    let marked = "[[President Yoon Suk Yeol|yoon]] met [[Kishida|kishida]] in [[Tōkyō|tokyo]].\n\
                  [[Yoon|yoon]]'s [[US|us]]-[[ROK|south-korea]] drills";
    let (clean, gold) = parse_markup("t.txt", marked).unwrap();
    assert_eq!(
        clean,
        "President Yoon Suk Yeol met Kishida in Tōkyō.\nYoon's US-ROK drills"
    );
    let spans: Vec<(&str, &str, usize)> = gold
        .iter()
        .map(|g| (&clean[g.start..g.end], g.key.as_str(), g.line))
        .collect();
    assert_eq!(
        spans,
        [
            ("President Yoon Suk Yeol", "yoon", 1),
            ("Kishida", "kishida", 1),
            ("Tōkyō", "tokyo", 1),
            ("Yoon", "yoon", 2),
            ("US", "us", 2),
            ("ROK", "south-korea", 2),
        ]
    );
    // A `|` inside the written text: the key is after the last one.
    let (clean, gold) = parse_markup("t.md", "| [[A|b|c]] |").unwrap();
    assert_eq!((clean.as_str(), gold[0].key.as_str()), ("| A|b |", "c"));
    assert_eq!(&clean[gold[0].start..gold[0].end], "A|b");
    // No markup at all.
    assert_eq!(
        parse_markup("t.txt", "plain").unwrap(),
        ("plain".into(), vec![])
    );
}

#[test]
fn markup_errors_name_the_file_and_line() {
    let err = |s: &str| parse_markup("r.txt", s).unwrap_err();
    assert_eq!(
        err("one\n[[Bank of [[Japan|japan]]|boj]]"),
        "r.txt:2: `[[` inside a mention (brackets never nest)"
    );
    assert_eq!(
        err("a\nb\n[[Kenya]] and more"),
        "r.txt:3: `[[` without `|key]]`"
    );
    assert_eq!(
        err("[[Kenya|kenya\nand the rest"),
        "r.txt:1: `[[` without `|key]]`"
    );
    assert_eq!(err("x\n\nKenya]]"), "r.txt:3: `]]` without `[[`");
    assert_eq!(
        err("[[Kenya|]]"),
        "r.txt:1: key `` is not lower-case letters, digits and `-`"
    );
    assert_eq!(
        err("[[Kenya|Kenya Republic]]"),
        "r.txt:1: key `Kenya Republic` is not lower-case letters, digits and `-`"
    );
    assert_eq!(err("[[ |kenya]]"), "r.txt:1: a mention without text");
}

#[test]
fn scores_count_exact_spans_and_pairs() {
    let clean = "Yoon met Kishida. Yoon and Seoul.";
    let g = |s: usize, e: usize, k: &str| Gold {
        start: s,
        end: e,
        key: k.into(),
        line: 1,
    };
    let gold = [
        g(0, 4, "yoon"),
        g(9, 16, "kishida"),
        g(18, 22, "yoon"),
        g(27, 32, "seoul"),
    ];
    // Kishida cut short; Seoul merged with Yoon; the second Yoon in an actor of its own.
    let predicted = [((0, 4), 0), ((9, 15), 1), ((18, 22), 2), ((27, 32), 0)];
    let s = score("t.txt", clean, &gold, &predicted);
    let c = s.counts;
    assert_eq!((c.gold, c.predicted, c.matched), (4, 4, 3));
    assert_eq!((c.pairs_predicted, c.pairs_gold, c.pairs_both), (1, 1, 0));
    assert_eq!((c.link_precision(), c.link_recall()), (0.0, 0.0));
    assert!((c.span_f1() - 0.75).abs() < 1e-9);
    assert!(
        s.errors
            .iter()
            .any(|e| e.contains("missed") && e.contains("`Kishida`"))
    );
    assert!(
        s.errors
            .iter()
            .any(|e| e.contains("spurious") && e.contains("`Kishid`"))
    );
    assert!(s.errors.iter().any(|e| e.starts_with("  merged")));
    assert!(s.errors.iter().any(|e| e.starts_with("  split    yoon")));
}
