//! Tests of the analysis pipeline: cached and fresh analyses agree, context reaches the
//! paragraphs, and report-wide passes (currencies, notices) see the whole report.

use super::*;

fn units(text: &str) -> Vec<(String, String)> {
    let a = analyze(text, &Config::default(), Format::Plain);
    a.figures
        .iter()
        .map(|f| {
            let unit = f.unit.as_deref().unwrap_or("").to_string();
            (text[f.span.start..f.span.end].to_string(), unit)
        })
        .collect()
}

/// A paragraph's findings depend on whether it stands among notes, which its heading
/// decides: renaming the heading must not leave the cached findings of the paragraph below.
#[test]
fn cached_findings_follow_the_section_a_paragraph_stands_in() {
    let notes =
        "---\nperiod: 2014-09-01/2014-12-31\n---\n# Notes\n\nThe source is dated March 3, 2011.\n";
    let body = notes.replace("# Notes", "# Background");
    let config = Config::default();
    let mut cache = Cache::default();
    for text in [notes, body.as_str(), notes] {
        let kept = analyze_with(text, &config, Format::Markdown, &mut cache);
        let fresh = analyze(text, &config, Format::Markdown);
        assert_eq!(kept.findings, fresh.findings, "{text}");
    }
    assert_eq!(analyze(&body, &config, Format::Markdown).findings.len(), 1);
}

/// What a paragraph holds depends on the patterns too: a pattern added or dropped must not
/// leave the paragraphs recognised without it or with it.
#[test]
fn cached_paragraphs_follow_the_patterns() {
    let text = "CRS 7-5700 counts 40 sorties.\n";
    let toml = "[[patterns]]\nkind = \"ignore\"\nregex = \"7-5700\"\n";
    let (ignore, errors) = crate::config::parse(toml, &Config::default());
    assert_eq!(errors, []);
    let plain = Config::default();
    let mut cache = Cache::default();
    for config in [&plain, &ignore, &plain] {
        let kept = analyze_with(text, config, Format::Plain, &mut cache);
        assert_eq!(kept, analyze(text, config, Format::Plain));
    }
    assert_eq!(analyze(text, &ignore, Format::Plain).figures.len(), 1);
}

#[test]
fn a_country_decides_shared_currency_words_only() {
    let got = units("Pakistan paid 100 dollars, Rs 300, 20 rupees and 5 Indian rupees to Nepal.");
    let want = [
        ("100 dollars", "USD"),
        ("Rs 300", "PKR"),
        ("20 rupees", "PKR"),
        ("5 Indian rupees", "INR"),
    ];
    assert_eq!(
        got,
        want.map(|(t, u)| (t.to_string(), u.to_string())).to_vec()
    );
}

/// A paragraph's facts are kept relative to it: an edit that adds an actor before it (moving
/// every actor index), changes its dates' context or reaches for a subject named elsewhere
/// (`the fund's`) must leave the same facts as a fresh analysis.
#[test]
fn kept_facts_follow_edits_elsewhere() {
    let second = "Kenya's exports rose to $7 billion in 2021, while imports from Uganda were \
                  $2 billion.\n\nThe fund's $25 billion envelope was set in 2020.\n";
    let texts = [
        format!("The Asian Development Bank Fund met.\n\n{second}"),
        format!("Japan and the Asian Development Bank Fund met.\n\n{second}"),
        format!("Japan met.\n\n{second}"),
        format!("---\nperiod: 2014-01-01/2014-12-31\n---\nJapan met.\n\n{second}"),
        format!("The Asian Development Bank Fund met.\n\n{second}"),
    ];
    let config = Config::default();
    let mut cache = Cache::default();
    for text in &texts {
        let kept = analyze_with(text, &config, Format::Markdown, &mut cache);
        let fresh = analyze(text, &config, Format::Markdown);
        assert!(!fresh.facts.is_empty(), "{text}");
        assert_eq!(kept.facts, fresh.facts, "{text}");
        assert_eq!(kept.findings, fresh.findings, "{text}");
    }
}

/// What a long report is found to hold on two threads, each reading half of its paragraphs,
/// and on one thread; with the budget of mentions running out in either half, and from the
/// cache of an analysis before.
fn on_one_thread<T>(f: impl FnOnce() -> T) -> T {
    halves::ONE_THREAD.with(|c| c.set(true));
    let out = f();
    halves::ONE_THREAD.with(|c| c.set(false));
    out
}

fn long_reports() -> [(String, Format); 2] {
    // Dates of each copy differ, so that the copies' facts and findings are not all alike.
    let copies = |text: &str| -> String {
        (0..24)
            .map(|k| text.replace("2019", &(1995 + k).to_string()))
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    [
        (
            copies(include_str!("../../examples/mekong-2019.txt")),
            Format::Plain,
        ),
        (
            copies(include_str!("../../examples/south-asia-trade-2021.md")),
            Format::Markdown,
        ),
    ]
}

#[test]
fn two_threads_find_what_one_finds() {
    for (text, format) in long_reports() {
        assert!(halves::split(&crate::text::paragraphs(&text)).is_some());
        let config = Config::default();
        let one = on_one_thread(|| analyze(&text, &config, format));
        let two = analyze(&text, &config, format);
        assert!(!one.facts.is_empty() && !one.findings.is_empty());
        assert_eq!(one, two, "{format:?}");
        // From the cache of the analyses before, after edits in either half, across the cut
        // and ones that move it: a sentence, a paragraph break, a paragraph removed.
        let mut cache = Cache::default();
        analyze_with(&text, &config, format, &mut cache);
        let mut edited = text.clone();
        for (k, (share, insert)) in [
            (0.75, " Exports rose 4% in 2001."),
            (0.25, " The ADB disbursed $1.2 billion."),
            (0.5, "\n\n"),
            (0.5, " Imports fell 3% to $4.1 billion in 1999."),
            (0.1, "\n\nIn March 2002 Vietnam pledged $30 million.\n\n"),
            (0.6, ""),
        ]
        .into_iter()
        .enumerate()
        {
            let at = (edited.len() as f64 * share) as usize;
            let at = edited[at..].find(". ").map_or(at, |k| at + k + 1);
            if insert.is_empty() {
                // The paragraph around `at` is removed.
                let para = crate::text::paragraph_around(&edited, at);
                edited.replace_range(para.start..para.end, "");
            } else {
                edited.insert_str(at, insert);
            }
            let kept = analyze_with(&edited, &config, format, &mut cache);
            let fresh = on_one_thread(|| analyze(&edited, &config, format));
            assert!(
                kept == fresh,
                "{format:?}: edit {k} analysed apart from one thread's"
            );
        }
    }
}

#[test]
fn the_budget_stops_two_threads_where_it_stops_one() {
    let (text, format) = long_reports().into_iter().next().unwrap();
    let all = analyze(&text, &Config::default(), format);
    let found = all.dates.len() + all.figures.len();
    // Budgets that run out in the first half, in the second, and just before the end.
    for budget in [found / 4, found * 3 / 4, found + found / 8] {
        let config = Config {
            max_mentions: budget,
            ..Config::default()
        };
        let one = on_one_thread(|| analyze(&text, &config, format));
        assert_eq!(one, analyze(&text, &config, format), "budget {budget}");
        assert!(
            one.notices
                .iter()
                .any(|n| n.code == crate::model::Code::TooManyMentions)
        );
    }
}

/// Linking keeps a table of gazetteer entries per thread between reports: a report linked
/// after others on the same thread links as it does on a thread that linked nothing.
#[test]
fn reports_linked_one_after_another_on_a_thread_link_as_on_a_fresh_one() {
    let first = "Indonesia and the IMF met in Jakarta. Bank Indonesia spoke for Indonesia.\n";
    let second = "The IMF, Vietnam and the World Bank met. Hanoi hosted the IMF.\n";
    let config = Config::default();
    let fresh = std::thread::spawn(move || analyze(second, &Config::default(), Format::Plain))
        .join()
        .expect("analysed");
    let _ = analyze(first, &config, Format::Plain);
    let after = analyze(second, &config, Format::Plain);
    assert_eq!(after.actors, fresh.actors);
    let names: Vec<&str> = after.actors.iter().map(|a| a.name.as_ref()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
}
