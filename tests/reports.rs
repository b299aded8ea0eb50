//! Whole reports: the planted inconsistencies in `tests/reports` are all found and the clean
//! reports raise no warning; the example reports match their snapshots.

#[path = "support/skip.rs"]
mod skip;

use std::collections::BTreeSet;
use std::path::Path;

use dossier::model::Severity;
use dossier::{Config, Format};

fn analyse(path: &Path) -> (String, dossier::Analysis) {
    let text = std::fs::read_to_string(path).expect("report");
    let config = Config {
        reference_date: dossier::calendar::Date::new(2024, 1, 1),
        ..Config::default()
    };
    let analysis = dossier::analyze(&text, &config, Format::from_path(&path.to_string_lossy()));
    (text, analysis)
}

/// (file, line, code) of every warning or error.
fn warnings(dir: &Path, name: &str) -> BTreeSet<(String, usize, String)> {
    let (text, analysis) = analyse(&dir.join(name));
    let index = dossier::text::LineIndex::new(&text);
    analysis
        .findings
        .iter()
        .filter(|f| f.severity <= Severity::Warning)
        .map(|f| {
            (
                name.to_string(),
                index.line_col(&text, f.span.start).0,
                f.code.to_string(),
            )
        })
        .collect()
}

#[test]
fn planted_problems_are_all_found_and_clean_reports_raise_none() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reports");
    let planted: BTreeSet<(String, usize, String)> =
        std::fs::read_to_string(dir.join("planted.txt"))
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let parts: Vec<&str> = l.split_whitespace().collect();
                (
                    parts[0].to_string(),
                    parts[1].parse().unwrap(),
                    parts[2].to_string(),
                )
            })
            .collect();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("planted-") || n.starts_with("clean-"))
        .collect();
    names.sort();
    let mut found = BTreeSet::new();
    let mut false_alarms = BTreeSet::new();
    for name in &names {
        for w in warnings(&dir, name) {
            if planted.contains(&w) {
                found.insert(w);
            } else {
                false_alarms.insert(w);
            }
        }
    }
    let missed: Vec<_> = planted.difference(&found).collect();
    println!(
        "planted problems found: {} of {}; false alarms: {} (in {} reports)",
        found.len(),
        planted.len(),
        false_alarms.len(),
        names.len()
    );
    assert!(missed.is_empty(), "missed: {missed:#?}");
    assert!(false_alarms.is_empty(), "false alarms: {false_alarms:#?}");
}

#[test]
fn the_shared_sample_and_the_examples_raise_no_warning() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![
        root.join("examples/mekong-2019.txt"),
        root.join("examples/south-asia-trade-2021.md"),
    ];
    // Without ../shared the examples are still checked; the sample's absence is said.
    if let Some(sample) = skip::shared(
        "the_shared_sample_and_the_examples_raise_no_warning",
        "samples/china-korea-2014.txt",
    ) {
        paths.push(sample);
    }
    for path in paths {
        let (_, analysis) = analyse(&path);
        let warnings: Vec<_> = analysis
            .findings
            .iter()
            .filter(|f| f.severity <= Severity::Warning)
            .collect();
        assert!(warnings.is_empty(), "{}: {warnings:#?}", path.display());
    }
}

/// The examples' whole analyses, as the JSON contract; refresh with `UPDATE_EXPECT=1`.
#[test]
fn examples_match_their_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let check = |name: &str, expect: expect_test::ExpectFile| {
        let path = root.join("examples").join(name);
        let (text, analysis) = analyse(&path);
        let json = dossier::report::to_json(&format!("examples/{name}"), &text, &analysis);
        expect.assert_eq(&(serde_json::to_string_pretty(&json).unwrap() + "\n"));
    };
    check(
        "mekong-2019.txt",
        expect_test::expect_file!["snapshots/mekong-2019.json"],
    );
    check(
        "south-asia-trade-2021.md",
        expect_test::expect_file!["snapshots/south-asia-trade-2021.json"],
    );
}
