//! Fuzzes the configuration parser: any text yields a configuration and a list of errors, never
//! a panic.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (config, errors) = dossier::config::parse(&text, &dossier::Config::default());
    for e in errors {
        assert!(!e.message.is_empty());
    }
    let _ = config.checks.enabled("weekday");
});
