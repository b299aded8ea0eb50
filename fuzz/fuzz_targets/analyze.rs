//! Fuzzes the whole analysis on arbitrary text: it must never panic, and every span it returns
//! must lie on character boundaries inside the text.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let config = dossier::Config { reference_date: dossier::calendar::Date::new(2014, 12, 31), ..Default::default() };
    for format in [dossier::Format::Plain, dossier::Format::Markdown] {
        let a = dossier::analyze(&text, &config, format);
        let spans = a
            .sections
            .iter()
            .map(|s| s.span)
            .chain(a.dates.iter().map(|d| d.span))
            .chain(a.figures.iter().map(|f| f.span))
            .chain(a.actors.iter().flat_map(|x| x.mentions.iter().copied()))
            .chain(a.findings.iter().map(|f| f.span));
        for s in spans {
            assert!(s.start <= s.end && s.end <= text.len());
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
        let _ = dossier::report::to_json("fuzz", &text, &a);
    }
});
