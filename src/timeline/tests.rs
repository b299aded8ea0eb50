//! Fixture tests for events: `^^^ date` under a line marks an event's clause and its date
//! (`~` after an approximate one, `/end` for an interval), so a fixture shows where sentences
//! are cut and which dates are no events at all.

use crate::config::Config;
use crate::fixture::Fixture;
use crate::outline::Format;

/// Analyses `fixture` as plain text read against 30 June 2016 and compares its events, in text
/// order, with the marks.
#[track_caller]
fn check(fixture: &str) {
    check_as(fixture, Format::Plain);
}

#[track_caller]
fn check_as(fixture: &str, format: Format) {
    let Fixture { text, marks, .. } = Fixture::parse_lines(fixture);
    let config = Config {
        reference_date: crate::calendar::Date::new(2016, 6, 30),
        ..Config::default()
    };
    let analysis = crate::analyze(&text, &config, format);
    let mut got: Vec<_> = super::events(&text, &analysis)
        .into_iter()
        .map(|e| (e.span.start..e.span.end, label(&e)))
        .collect();
    got.sort_by_key(|(r, _)| (r.start, r.end));
    let mut expected = marks;
    expected.sort_by_key(|(r, _)| (r.start, r.end));
    let show = |v: &[(std::ops::Range<usize>, String)]| {
        v.iter()
            .map(|(r, l)| format!("{l:<24} {:?}", &text[r.clone()]))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(show(&got), show(&expected), "\n{text}");
}

fn label(e: &super::Event) -> String {
    let entry = super::Entry {
        path: "",
        line: 0,
        date: e.date,
        approx: e.approx,
        text: "".into(),
        span: e.span,
        actors: Vec::new(),
        figures: Vec::new(),
    };
    let mut s = entry.date_iso();
    if let Some(u) = entry.until_iso() {
        s = format!("{s}/{u}");
    }
    if e.approx {
        s.push('~');
    }
    s
}

#[test]
fn a_sentence_with_one_date_is_one_event() {
    check(
        "
The talks opened in Seoul on March 4, 2015 after a long delay.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ 2015-03-04
The delegations did not agree on anything at all.
",
    );
}

#[test]
fn undated_sentences_are_no_events() {
    check(
        "
Nothing was agreed. The delegations left without a statement.
",
    );
}

#[test]
fn several_dates_in_one_sentence_are_cut_into_clauses() {
    check(
        "
Beijing protested on Jan. 9, 2015; Seoul replied on Jan. 12, 2015 and talks resumed on Feb. 3, 2015.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ 2015-01-09
                                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ 2015-01-12
                                                                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ 2015-02-03
",
    );
}

#[test]
fn an_interval_is_one_event_with_its_end() {
    check(
        "
Exports fell from March to June 2014 across the region.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ 2014-03/2014-06
The summit ran Oct. 17-25, 2014 in Bali.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ 2014-10-17/2014-10-25
",
    );
}

#[test]
fn approximate_dates_are_flagged() {
    check(
        "
Prices rose in late October 2014 and again by mid-2015.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ 2014-10~
                                 ^^^^^^^^^^^^^^^^^^^^^^ 2015~
",
    );
}

#[test]
fn relative_dates_resolve_against_the_report_date() {
    // Read against 30 June 2016.
    check(
        "
The ministry revised the figures last year.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ 2015
",
    );
}

#[test]
fn metadata_title_block_and_notes_are_no_events() {
    check(
        "
Trade Review

January to March 2015

Publication Date: April 2, 2015

The ministry met exporters on Feb. 11, 2015 to discuss tariffs.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ 2015-02-11

Notes

1. Ministry of Trade, press release, March 30, 2015.
",
    );
}

#[test]
fn headings_are_no_events() {
    check_as(
        "
# Review

## March 2015

The ministry met exporters on March 11, 2015 to discuss tariffs.
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ 2015-03-11
",
        Format::Markdown,
    );
}

#[test]
fn a_report_over_the_new_year_reads_january_as_the_next_year() {
    // The period runs from December into January, so a January without its year is the
    // period's January, as the date recogniser resolves it.
    check(
        "
Monthly Review

December 2014 to January 2015

The cabinet met on Dec. 30 and agreed to meet again on Jan. 5 to set the budget.
^^^^^^^^^^^^^^^^^^^^^^^^^^ 2014-12-30
                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ 2015-01-05
",
    );
}

#[test]
fn events_sort_by_start_then_precision() {
    let text = "Talks began in March 2014. Output fell in 2014. Rain came on March 5, 2014. The deal was signed on March 1, 2014.\n";
    let analysis = crate::analyze(text, &Config::default(), Format::Plain);
    let got: Vec<String> = super::events(text, &analysis).iter().map(label).collect();
    // The year starts first; on March 1 the day comes before the month that holds it.
    assert_eq!(got, ["2014", "2014-03-01", "2014-03", "2014-03-05"]);
}

#[test]
fn events_carry_the_actors_and_figures_of_their_clause() {
    let text =
        "Wang Yi met Kono Taro in Tokyo on May 3, 2015; Japan pledged $2 billion on May 9, 2015.\n";
    let analysis = crate::analyze(text, &Config::default(), Format::Plain);
    let events = super::events(text, &analysis);
    let names = |e: &super::Event| -> Vec<String> {
        e.actors
            .iter()
            .map(|&k| analysis.actors[k].name.to_string())
            .collect()
    };
    assert_eq!(events.len(), 2);
    assert!(
        names(&events[0]).contains(&"Wang Yi".to_string()),
        "{:?}",
        names(&events[0])
    );
    assert!(!names(&events[0]).contains(&"Japan".to_string()));
    assert!(events[0].figures.is_empty());
    assert!(names(&events[1]).contains(&"Japan".to_string()));
    assert_eq!(events[1].figures.len(), 1);
}

#[test]
fn the_filter_keeps_actors_by_any_name_and_dates_in_range() {
    let text = "China protested on Jan. 9, 2015. Seoul replied on Jan. 12, 2015. The Chinese embassy spoke on March 3, 2015.\n";
    let analysis = crate::analyze(text, &Config::default(), Format::Plain);
    let source = super::Source {
        path: "r.txt",
        text,
        analysis: &analysis,
    };
    let dates = |f: super::Filter| -> Vec<String> {
        super::merge(&[source], &f)
            .iter()
            .map(|e| e.date_iso())
            .collect()
    };
    let by = |name: &str| super::Filter {
        actors: vec![name.into()],
        ..Default::default()
    };
    assert_eq!(dates(by("CHINA")), ["2015-01-09", "2015-03-03"]);
    assert_eq!(dates(by("chinese")), ["2015-01-09", "2015-03-03"]);
    assert_eq!(dates(by("Peru")), Vec::<String>::new());
    let range = super::Filter {
        from: crate::calendar::Date::new(2015, 1, 10),
        to: crate::calendar::Date::new(2015, 2, 28),
        ..Default::default()
    };
    assert_eq!(dates(range), ["2015-01-12"]);
}

#[test]
fn text_lines_are_grouped_by_month() {
    let text = "China protested on Jan. 9, 2015. Seoul replied on Jan. 12, 2015.\nTalks resumed on March 3, 2015.\n";
    let analysis = crate::analyze(text, &Config::default(), Format::Plain);
    let source = super::Source {
        path: "r.txt",
        text,
        analysis: &analysis,
    };
    let out = super::to_text(&super::merge(&[source], &super::Filter::default()));
    expect_test::expect![[r#"
        January 2015
          2015-01-09  China  China protested on Jan. 9, 2015.  r.txt:1
          2015-01-12  South Korea  Seoul replied on Jan. 12, 2015.  r.txt:1

        March 2015
          2015-03-03  -  Talks resumed on March 3, 2015.  r.txt:2
    "#]]
    .assert_eq(&out);
}

/// The HTML of a report's timeline, with the entries it was made of. Entries borrow from the
/// report and its analysis, which a test keeps for its whole run.
fn html_of(text: &str) -> (Vec<super::Entry<'static>>, String) {
    let text: &'static str = Box::leak(text.into());
    let analysis = Box::leak(Box::new(crate::analyze(
        text,
        &Config::default(),
        Format::Plain,
    )));
    let source = super::Source {
        path: "r<1>.txt",
        text,
        analysis,
    };
    let entries = super::merge(&[source], &super::Filter::default());
    let html = super::to_html(&entries, "Timeline of <r>");
    (entries, html)
}

/// The values of attribute `name` on elements with class `class`, in document order.
fn attrs(html: &str, class: &str, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in html.match_indices(&format!("class=\"{class}")) {
        let tag = &html[i..i + html[i..].find('>').unwrap()];
        if let Some(p) = tag.find(&format!(" {name}=\"")) {
            let v = &tag[p + name.len() + 3..];
            out.push(v[..v.find('"').unwrap()].to_string());
        }
    }
    out
}

#[test]
fn html_escapes_report_text_and_paths() {
    let (_, html) = html_of("China said <script>alert(\"x\")</script> & more on Jan. 9, 2015.\n");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more"));
    assert!(html.contains("data-path=\"r&lt;1&gt;.txt\""));
    assert!(html.contains("<title>Timeline of &lt;r&gt;</title>"));
    // The page's own script is the only one.
    assert_eq!(html.matches("<script>").count(), 1);
    assert_eq!(super::html::esc("a'b\"c<&>"), "a&#39;b&quot;c&lt;&amp;&gt;");
}

#[test]
fn html_lanes_put_the_most_mentioned_actor_first() {
    let (entries, html) = html_of(
        "Seoul replied on Jan. 12, 2015. China protested on Jan. 9, 2015. \
         China spoke again on Feb. 2, 2015. Talks resumed on March 3, 2015.\n",
    );
    let lanes = super::html::lanes(&entries);
    let names: Vec<&str> = lanes.iter().map(|l| l.actor.as_str()).collect();
    assert_eq!(names, ["China", "South Korea", ""]);
    assert_eq!(attrs(&html, "lane", "data-actor"), names);
    // Each lane's events are in date order, and an event is in its actor's lane.
    let dates = attrs(&html, "event", "data-date");
    assert_eq!(
        dates,
        ["2015-01-09", "2015-02-02", "2015-01-12", "2015-03-03"]
    );
    // A lane draws its bars before its days, so that no bar hides a day from a click.
    let (entries, html) =
        html_of("China spoke on March 1, 2015. China held talks from March to June 2015.\n");
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert_eq!(
        attrs(&html, "event", "data-date"),
        ["2015-03", "2015-03-01"]
    );
    assert!(!html.contains("more actors"));
}

#[test]
fn html_folds_lanes_after_the_eighth() {
    let names = [
        "China", "Japan", "India", "Brazil", "Chile", "Peru", "Kenya", "Ghana", "Mali", "Chad",
    ];
    let text: String = names
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{n} protested on Jan. {}, 2015. ", i + 1))
        .collect();
    let (entries, html) = html_of(&format!("{text}\n"));
    assert_eq!(super::html::lanes(&entries).len(), 10);
    let folded = &html[html.find("<details>").expect("a details element")..];
    assert!(folded.starts_with("<details><summary>2 more actors</summary>"));
    assert_eq!(attrs(folded, "lane", "data-actor").len(), 2);
}

#[test]
fn html_draws_intervals_as_bars_and_approximate_dates_as_such() {
    let (entries, html) = html_of(
        "China held talks from March to June 2014. Japan protested in late October 2014. \
         India spoke on Oct. 3, 2014.\n",
    );
    assert_eq!(entries.len(), 3, "{entries:?}");
    assert!(
        html.contains(
            "class=\"event interval\" tabindex=\"0\" data-date=\"2014-03\" data-until=\"2014-06\""
        ),
        "{html}"
    );
    let interval = &html[html.find("event interval").unwrap()..];
    assert!(interval[..interval.find("</g>").unwrap()].contains("<rect class=\"mark\""));
    assert!(html.contains("class=\"event span approx\""), "{html}");
    let day = &html[html.find("event day").unwrap()..];
    assert!(day[..day.find("</g>").unwrap()].contains("<circle class=\"mark\""));
    assert!(html.contains("approximate (faded, dashed)"));
}

#[test]
fn an_empty_html_timeline_says_so() {
    let (entries, html) = html_of("Nothing happened on any day we know.\n");
    assert!(entries.is_empty());
    assert!(html.contains("No dated events"));
    assert!(!html.contains("class=\"lane"));
}

#[test]
fn html_needs_no_network() {
    let (_, html) = html_of("China protested on Jan. 9, 2015.\n");
    for bad in ["src=", "href=", "http://", "https://", "@import", "url("] {
        let allowed = bad == "http://" && html.matches(bad).count() == 1;
        assert!(!html.contains(bad) || allowed, "{bad}");
    }
    // The one `http://` is the SVG namespace, which is a name, not a request.
    assert!(html.contains("xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(html.contains(
        "content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\""
    ));
}

/// Reports read on two threads merge as on one: ties between reports keep the order given, and
/// entries borrow the squeezed clause only when it had nothing to squeeze.
#[test]
fn merging_on_threads_keeps_the_order_of_one() {
    let texts: Vec<String> = (0..7)
        .map(|n| {
            format!(
                "China protested on Jan. {}, 2015. Japan  replied\non Jan. 9, 2015.\n",
                n + 1
            )
        })
        .collect();
    let paths: Vec<String> = (0..7).map(|n| format!("r{n}.txt")).collect();
    let analyses: Vec<_> = texts
        .iter()
        .map(|t| crate::analyze(t, &Config::default(), Format::Plain))
        .collect();
    let sources: Vec<super::Source> = (0..7)
        .map(|n| super::Source {
            path: &paths[n],
            text: &texts[n],
            analysis: &analyses[n],
        })
        .collect();
    let filter = super::Filter::default();
    let one = super::merge_on(&sources, &filter, 1);
    let two = super::merge_on(&sources, &filter, 2);
    assert_eq!(one, two);
    assert_eq!(one.len(), 14);
    let ninth: Vec<&str> = one
        .iter()
        .filter(|e| e.date_iso() == "2015-01-09")
        .map(|e| e.path)
        .collect();
    assert_eq!(
        ninth,
        [
            "r0.txt", "r1.txt", "r2.txt", "r3.txt", "r4.txt", "r5.txt", "r6.txt"
        ]
    );
    let texts: Vec<(&str, bool)> = one[..2]
        .iter()
        .map(|e| (&*e.text, matches!(e.text, std::borrow::Cow::Borrowed(_))))
        .collect();
    assert_eq!(
        texts,
        [
            ("China protested on Jan. 1, 2015.", true),
            ("China protested on Jan. 2, 2015.", true)
        ]
    );
    let replied = one.iter().find(|e| e.text.starts_with("Japan")).unwrap();
    assert_eq!(replied.text, "Japan replied on Jan. 9, 2015.");
    assert!(matches!(replied.text, std::borrow::Cow::Owned(_)));
}
