//! Real reports written outside the project (`../shared/corpus`): every warning and every
//! `date-outside-period` hint Dossier raises there is a real inconsistency listed, with its
//! reason, in `tests/corpus/expected.txt`, and every report's reference date and period are the
//! ones a reader finds (`tests/corpus/references.tsv`). Without `../shared` the tests say they
//! skipped, and fail under CI (`support/skip.rs`).

#[path = "support/skip.rs"]
mod skip;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use dossier::model::{Check, Code, Severity};
use dossier::{Config, Format};

fn corpus(test: &str) -> Option<PathBuf> {
    skip::shared(test, "corpus")
}

/// Every report of the corpus, as a path relative to it, with its text.
fn reports(root: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in ["crs", "state"] {
        let mut names: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .expect("a corpus folder")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        names.sort();
        for p in names {
            let text = std::fs::read_to_string(&p).expect("a UTF-8 report");
            let rel = format!(
                "{dir}/{}",
                p.file_name().unwrap_or_default().to_string_lossy()
            );
            out.push((rel, text));
        }
    }
    assert!(out.len() >= 300, "the corpus holds {} reports", out.len());
    out
}

/// A fixed today, so that nothing here depends on the clock (every corpus text has a date of
/// its own, which `references_are_the_reports_own_dates` holds).
fn config() -> Config {
    Config {
        today: dossier::calendar::Date::new(2026, 12, 1),
        ..Config::default()
    }
}

fn listed(file: &str) -> Vec<Vec<String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(file);
    std::fs::read_to_string(path)
        .expect("a list beside this test")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

#[test]
fn every_warning_on_the_corpus_is_a_listed_real_inconsistency() {
    let Some(root) = corpus("every_warning_on_the_corpus_is_a_listed_real_inconsistency") else {
        return;
    };
    let expected: BTreeSet<(String, usize, String)> = listed("expected.txt")
        .into_iter()
        .map(|row| {
            assert!(
                row.len() == 4 && !row[3].trim().is_empty(),
                "each expected finding says why: {row:?}"
            );
            (
                row[0].clone(),
                row[1].parse().expect("a line"),
                row[2].clone(),
            )
        })
        .collect();
    let config = config();
    let mut got = BTreeSet::new();
    let mut shown = Vec::new();
    for (rel, text) in reports(&root) {
        let a = dossier::analyze(&text, &config, Format::from_path(&rel));
        let index = dossier::text::LineIndex::new(&text);
        for f in &a.findings {
            if f.severity <= Severity::Warning || f.code == Code::Check(Check::DateOutsidePeriod) {
                let line = index.line_col(&text, f.span.start).0;
                if !expected.contains(&(rel.clone(), line, f.code.to_string())) {
                    shown.push(format!("{rel}:{line}: {}: {}", f.code, f.message));
                }
                got.insert((rel.clone(), line, f.code.to_string()));
            }
        }
    }
    let stale: Vec<_> = expected.difference(&got).collect();
    assert!(
        shown.is_empty() && stale.is_empty(),
        "false alarms on real reports:\n{}\nlisted but no longer raised: {stale:?}",
        shown.join("\n")
    );
}

#[test]
fn references_are_the_reports_own_dates() {
    let Some(root) = corpus("references_are_the_reports_own_dates") else {
        return;
    };
    let want: Vec<(String, String, String, String)> = listed("references.tsv")
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone(), r[2].clone(), r[3].clone()))
        .collect();
    let config = config();
    let mut wrong = Vec::new();
    let reports = reports(&root);
    assert_eq!(reports.len(), want.len(), "one line per corpus report");
    for ((rel, text), (path, date, from, period)) in reports.iter().zip(&want) {
        assert_eq!(rel, path, "references.tsv lists the reports in order");
        let a = dossier::analyze(text, &config, Format::from_path(rel));
        let got_date = a.reference.date.map_or("null".into(), |d| d.to_string());
        let got_period = a
            .period
            .map_or("-".into(), |p| format!("{}/{}", p.start, p.end));
        if (&got_date, a.reference.from.as_str(), &got_period) != (date, from.as_str(), period) {
            wrong.push(format!(
                "{rel}: {got_date} from {} with period {got_period}; want {date} from {from} with period {period}",
                a.reference.from.as_str()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The corpus as one workspace: no fact of one real report contradicts or revises the same
/// fact in another (the CRS and State reports cover overlapping countries and years), unless
/// listed in `expected.txt` as a real difference.
#[test]
fn no_cross_report_finding_between_the_corpus_reports() {
    use dossier::facts::cross::{Catalogue, Summary, to_findings};
    let Some(root) = corpus("no_cross_report_finding_between_the_corpus_reports") else {
        return;
    };
    let expected: BTreeSet<(String, usize)> = listed("expected.txt")
        .into_iter()
        .filter(|row| row.get(2).is_some_and(|c| c == "cross-report"))
        .map(|row| (row[0].clone(), row[1].parse().expect("a line")))
        .collect();
    let config = config();
    let mut catalogue = Catalogue::default();
    let mut facts = 0;
    let summaries: Vec<(String, std::sync::Arc<Summary>)> = reports(&root)
        .into_iter()
        .map(|(rel, text)| {
            let a = dossier::analyze(&text, &config, Format::from_path(&rel));
            let s = std::sync::Arc::new(Summary::new(&text, &a, &config));
            facts += s.facts.len();
            catalogue.insert(&rel, s.clone());
            (rel, s)
        })
        .collect();
    assert!(
        facts > 50,
        "the corpus's reports hold {facts} comparable facts"
    );
    let (mut shown, mut shared) = (Vec::new(), 0);
    for (rel, s) in &summaries {
        let crosses = catalogue.compare(rel, s);
        shared += crosses.len();
        for f in to_findings(s, &crosses, &config.checks) {
            let line = s
                .facts
                .iter()
                .find(|x| x.span == f.span)
                .map_or(0, |x| x.line);
            if !expected.contains(&(rel.clone(), line as usize)) {
                shown.push(format!("{rel}:{line}: {}", f.message));
            }
        }
    }
    assert!(
        shown.is_empty(),
        "cross-report findings:\n{}",
        shown.join("\n")
    );
    // Three State Department texts of March 2022 state one fact (security aid to Ukraine in
    // 2021) alike: the comparison reaches across reports, and finds them agreeing.
    assert!(shared >= 6, "{shared} facts stated in more than one report");
}
