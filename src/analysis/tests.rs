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
