//! Analysis throughput on the examples and on generated 1 MB and 10 MB reports, the latency of
//! the editor requests on the 1 MB report, and timelines of one and of 10,000 reports. Run with
//! `cargo bench`.

use std::sync::LazyLock;

use divan::{Bencher, black_box, counter::BytesCount};
use dossier::{Config, Format};

fn main() {
    divan::main();
}

#[path = "common/mod.rs"]
mod common;

use common::{MEKONG, SOUTH_ASIA, generated};

static ONE_MB: LazyLock<String> = LazyLock::new(|| generated(1 << 20));
static TEN_MB: LazyLock<String> = LazyLock::new(|| generated(10 << 20));

fn config() -> Config {
    Config {
        reference_date: dossier::calendar::Date::new(2019, 3, 31),
        ..Config::default()
    }
}

/// Fifty samples: on these shared machines a burst of other work can take a few of them, and
/// the median of twenty moved with it.
#[divan::bench(args = ["1MB", "10MB"], sample_count = 50)]
fn analyze(bencher: Bencher, which: &str) {
    let text: &str = match which {
        "1MB" => &ONE_MB,
        _ => &TEN_MB,
    };
    throughput(bencher, text, Format::Plain);
}

/// The example reports take a fifth of a millisecond: as for the sample, the median of many
/// short samples is stable where that of twenty is not.
#[divan::bench(args = ["mekong", "south-asia"], sample_count = 300)]
fn analyze_example(bencher: Bencher, which: &str) {
    // Each in the format its file name gives it, as `dossier analyze` and editors read it.
    let (text, name) = if which == "mekong" {
        (MEKONG, "mekong-2019.txt")
    } else {
        (SOUTH_ASIA, "south-asia-trade-2021.md")
    };
    throughput(bencher, text, Format::from_path(name));
}

fn throughput(bencher: Bencher, text: &str, format: Format) {
    let config = config();
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| dossier::analyze(black_box(text), &config, format));
}

/// Re-analysis of the 1 MB report after a keystroke in its middle, with the per-paragraph
/// caches of the previous analysis: two versions that differ in one paragraph, alternately.
#[divan::bench(sample_count = 50)]
fn keystroke_1mb(bencher: Bencher) {
    keystroke(bencher, &ONE_MB);
}

/// The same on the report the speed targets name: the shared sample repeated 50 times.
#[divan::bench(sample_count = 50)]
fn keystroke_sample_x50(bencher: Bencher) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/samples/china-korea-2014.txt"
    );
    if let Ok(sample) = std::fs::read_to_string(path) {
        keystroke(bencher, &sample.repeat(50));
    }
}

fn keystroke(bencher: Bencher, a: &str) {
    keystroke_with(bencher, a, Format::Plain, &config());
}

/// A keystroke in a report that states no period, with the reference date configured or not:
/// without one, the server gives the analysis today's date (`host::analyze_with`), and the two
/// must cost the same. The generated 1 MB report without its period line, and the largest
/// corpus report (Markdown, dated by its metadata) when `../shared` is there.
#[divan::bench(
    args = ["1MB, reference date", "1MB, no date", "corpus, reference date", "corpus, no date"],
    sample_count = 50
)]
fn keystroke_without_period(bencher: Bencher, which: &str) {
    let (text, format) = if which.starts_with("1MB") {
        (undated(&ONE_MB), Format::Plain)
    } else {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/corpus/crs/R48915v1-preemption-and-the-federal-food-drug-and-cosmeti.md"
        );
        match std::fs::read_to_string(path) {
            Ok(t) => (t, Format::Markdown),
            Err(_) => return,
        }
    };
    let config = if which.ends_with("reference date") {
        config()
    } else {
        Config::default()
    };
    keystroke_with(bencher, &text, format, &config);
}

/// The generated report without the line that states its period.
fn undated(text: &str) -> String {
    text.replacen(
        "January to March 2019\n\n",
        "This review repeats two example reports and states no period of its own.\n\n",
        1,
    )
}

fn keystroke_with(bencher: Bencher, a: &str, format: Format, config: &Config) {
    let mut mid = a.len() / 2;
    while !a.is_char_boundary(mid) {
        mid += 1;
    }
    let b = format!("{}x{}", &a[..mid], &a[mid..]);
    let mut cache = dossier::analysis::Cache::default();
    dossier::host::analyze_with(a, config, format, &mut cache);
    let mut flip = false;
    // As the server does: the previous analysis's vectors are handed back for the next.
    bencher.bench_local(|| {
        flip = !flip;
        let text = if flip { b.as_str() } else { a };
        let analysis = dossier::host::analyze_with(black_box(text), config, format, &mut cache);
        cache.recycle(analysis);
    });
}

/// Many short samples: one analysis takes half a millisecond, and the median of 300 is stable
/// on these shared machines where that of 50 is not.
#[divan::bench(sample_count = 300)]
fn shared_sample(bencher: Bencher) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/samples/china-korea-2014.txt"
    );
    if let Ok(text) = std::fs::read_to_string(path) {
        throughput(bencher, &text, Format::from_path(path));
    }
}

mod requests {
    use super::*;

    static ANALYSIS: LazyLock<dossier::Analysis> =
        LazyLock::new(|| dossier::analyze(&ONE_MB, &config(), Format::Plain));
    static INDEX: LazyLock<dossier::ide::Index> =
        LazyLock::new(|| dossier::ide::Index::new(&ONE_MB, &ANALYSIS));

    /// An offset in the middle of the 1 MB report that falls on an actor.
    fn middle_actor() -> usize {
        let a = &*ANALYSIS;
        let mid = ONE_MB.len() / 2;
        a.actors
            .iter()
            .flat_map(|x| x.mentions.iter())
            .map(|m| m.start)
            .min_by_key(|s| s.abs_diff(mid))
            .unwrap_or(mid)
    }

    #[divan::bench]
    fn hover(bencher: Bencher) {
        let offset = middle_actor();
        bencher.bench(|| {
            dossier::ide::hover(
                &ONE_MB,
                &ANALYSIS,
                &INDEX,
                black_box(offset),
                &Default::default(),
            )
        });
    }

    #[divan::bench]
    fn references(bencher: Bencher) {
        let offset = middle_actor();
        bencher.bench(|| dossier::ide::references(&ANALYSIS, black_box(offset), 1000));
    }

    #[divan::bench]
    fn definition(bencher: Bencher) {
        let offset = middle_actor();
        bencher.bench(|| dossier::ide::definition(&ANALYSIS, black_box(offset)));
    }

    #[divan::bench]
    fn semantic_tokens_visible_range(bencher: Bencher) {
        let mid = ONE_MB.len() / 2;
        let range = dossier::text::Span::new(mid, mid + 6000);
        bencher.bench(|| dossier::ide::tokens::tokens(&ANALYSIS, black_box(range)));
    }

    #[divan::bench]
    fn outline(bencher: Bencher) {
        bencher.bench(|| dossier::outline::sections(black_box(&ONE_MB), Format::Plain));
    }
}

/// Each stage of the analysis on the 1 MB report, to show where the time goes.
mod stages {
    use super::*;
    use dossier::recognise::{actors, dates, figures, token};

    fn anchor() -> dates::Anchor {
        dates::Anchor {
            period: dossier::period::infer(&ONE_MB, &ONE_MB),
            reference: dossier::calendar::Date::new(2019, 3, 31),
        }
    }

    #[divan::bench]
    fn tokenize(bencher: Bencher) {
        bencher.bench(|| token::tokenize(black_box(&ONE_MB)));
    }

    #[divan::bench]
    fn dates(bencher: Bencher) {
        let toks = token::tokenize(&ONE_MB);
        let anchor = anchor();
        bencher.bench(|| {
            let mut out = Vec::new();
            dates::find(
                &ONE_MB,
                black_box(&toks),
                &anchor,
                &mut out,
                &mut Vec::new(),
            );
            out
        });
    }

    #[divan::bench]
    fn figures(bencher: Bencher) {
        let toks = token::tokenize(&ONE_MB);
        let taken = vec![false; toks.len()];
        bencher.bench(|| {
            let mut out = Vec::new();
            figures::find(
                &ONE_MB,
                black_box(&toks),
                &taken,
                &figures::Options {
                    dollar: "USD",
                    patterns: &[],
                },
                &mut out,
            );
            out
        });
    }

    #[divan::bench]
    fn actors(bencher: Bencher) {
        let toks = token::tokenize(&ONE_MB);
        bencher.bench(|| actors::find(&ONE_MB, black_box(&toks), &[]));
    }

    #[divan::bench]
    fn facts(bencher: Bencher) {
        let analysis = dossier::analyze(&ONE_MB, &config(), Format::Plain);
        let config = config();
        bencher.bench(|| dossier::facts::bind(&ONE_MB, black_box(&analysis), &config));
    }

    #[divan::bench]
    fn checks(bencher: Bencher) {
        let analysis = dossier::analyze(&ONE_MB, &config(), Format::Plain);
        let checks = dossier::config::Checks::default();
        bencher.bench(|| dossier::checks::run(&ONE_MB, black_box(&analysis), &checks));
    }
}

/// The timeline of one example report from its analysis, as the server and `dossier timeline`
/// have it: events, merging and the JSON an editor receives.
#[divan::bench(args = ["mekong", "south-asia"], sample_count = 300)]
fn timeline_one_report(bencher: Bencher, which: &str) {
    let (text, name) = if which == "mekong" {
        (MEKONG, "mekong-2019.txt")
    } else {
        (SOUTH_ASIA, "south-asia-trade-2021.md")
    };
    let analysis = dossier::analyze(text, &config(), Format::from_path(name));
    let source = [dossier::timeline::Source {
        path: name,
        text,
        analysis: &analysis,
    }];
    let filter = dossier::timeline::Filter::default();
    bencher.bench(|| {
        let entries = dossier::timeline::merge(black_box(&source), &filter);
        dossier::timeline::to_json(&entries)
    });
}

/// One timeline of 10,000 analysed reports (the two examples, alternately, under 10,000
/// paths): every report's events, merged, sorted and written as JSON, as `dossier timeline
/// --format json` does (on two threads).
#[divan::bench(sample_count = 10)]
fn timeline_10k_reports(bencher: Bencher) {
    let mekong = dossier::analyze(MEKONG, &config(), Format::Plain);
    let south = dossier::analyze(SOUTH_ASIA, &config(), Format::Markdown);
    let paths: Vec<String> = (0..10_000).map(|n| format!("reports/{n:05}.md")).collect();
    let sources: Vec<dossier::timeline::Source> = paths
        .iter()
        .enumerate()
        .map(|(n, path)| {
            let (text, analysis) = if n % 2 == 0 {
                (MEKONG, &mekong)
            } else {
                (SOUTH_ASIA, &south)
            };
            dossier::timeline::Source {
                path,
                text,
                analysis,
            }
        })
        .collect();
    let filter = dossier::timeline::Filter::default();
    bencher.bench(|| {
        let entries = dossier::timeline::merge(black_box(&sources), &filter);
        let mut out = Vec::new();
        dossier::timeline::write_json(&entries, &mut out).expect("in memory");
        out
    });
}

/// What one publication of an open report adds for `cross-report` in a workspace of 10,000
/// reports (thirty facts each, every key stated in about 500 of them): its summary made and
/// filed, and its findings asked of the catalogue. The open report is the 1 MB one, or one of
/// the workspace's own kind.
#[divan::bench(args = ["1MB", "workspace report"], sample_count = 50)]
fn cross_report_publish(bencher: Bencher, which: &str) {
    use dossier::facts::cross::{Catalogue, Summary};
    use std::sync::Arc;
    let config = Config::default();
    let report = |n: usize| common::workspace_report(n, 0);
    let mut catalogue = Catalogue::default();
    for n in 0..10_000 {
        let text = report(n);
        let analysis = dossier::analyze(&text, &config, Format::Markdown);
        let summary = Summary::new(&text, &analysis, &config);
        catalogue.insert(&format!("file:///ws/{n:05}.md"), Arc::new(summary));
    }
    let text = match which {
        "1MB" => ONE_MB.clone(),
        _ => report(10_000),
    };
    let analysis = dossier::analyze(&text, &config, Format::Markdown);
    let name = |p: &str| p.to_string();
    bencher.bench_local(|| {
        let summary = Summary::new(black_box(&text), &analysis, &config);
        catalogue.insert("file:///ws/open.md", Arc::new(summary.clone()));
        catalogue.findings("file:///ws/open.md", &summary, &config.checks, &name)
    });
}
