//! The command line as a user meets it: exit codes, messages, and the JSON contract.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .output()
        .expect("the dossier binary runs")
}

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    p.join("contract/analysis.schema.json")
        .is_file()
        .then_some(p)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dossier-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

#[test]
fn version_and_help_work() {
    let v = dossier(&["--version"]);
    assert!(v.status.success());
    assert!(stdout(&v).starts_with("dossier "));
    let h = dossier(&["--help"]);
    assert!(h.status.success());
    for cmd in ["check", "analyze", "lsp"] {
        assert!(stdout(&h).contains(cmd), "help lists {cmd}");
    }
}

#[test]
fn bad_usage_and_unreadable_input_exit_2_with_a_message() {
    let o = dossier(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));

    let o = dossier(&["check", "/no/such/report.md"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("/no/such/report.md: no such file or directory"),
        "{}",
        stderr(&o)
    );

    let dir = temp_dir("empty");
    std::fs::write(dir.join("notes.json"), "{}").unwrap();
    let o = dossier(&["check", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no reports"), "{}", stderr(&o));

    let bad = dir.join("latin1.txt");
    std::fs::write(&bad, b"Caf\xe9 report\n").unwrap();
    let o = dossier(&["check", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not valid UTF-8"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"));

    let o = dossier(&[
        "analyze",
        "--reference-date",
        "31/12/2014",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("YYYY-MM-DD"), "{}", stderr(&o));
}

#[test]
fn check_exits_0_when_clean_and_1_with_findings() {
    let dir = temp_dir("check");
    let clean = dir.join("clean.md");
    std::fs::write(
        &clean,
        "# Notes, Oct 2014\n\nOn Friday, Oct. 31 the ministers met.\n",
    )
    .unwrap();
    let o = dossier(&["check", clean.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("0 findings"));

    let bad = dir.join("bad.md");
    std::fs::write(
        &bad,
        "# Notes, Oct 2014\n\nOn Monday, Oct. 31 the ministers met.\n",
    )
    .unwrap();
    let o = dossier(&["check", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains(&format!(
            "{}:3:4: warning[weekday]: 2014-10-31 fell on a Friday, not a Monday",
            bad.display()
        )),
        "{out}"
    );

    let o = dossier(&["check", "--format", "json", bad.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v[0]["diagnostics"][0]["code"], "weekday");

    let o = dossier(&["check", "--format", "sarif", dir.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("sarif");
    assert_eq!(v["version"], "2.1.0");
    assert_eq!(v["runs"][0]["results"][0]["ruleId"], "weekday");
}

#[test]
fn configuration_errors_name_file_and_line() {
    let dir = temp_dir("config");
    std::fs::write(
        dir.join("dossier.toml"),
        "currency = \"USD\"\ncolour = \"red\"\n",
    )
    .unwrap();
    let report = dir.join("r.md");
    std::fs::write(&report, "# R\n\nText.\n").unwrap();
    let o = dossier(&["check", report.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("dossier.toml:2: unknown key `colour`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn analyze_json_of_the_shared_sample_follows_the_contract() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared is absent");
        return;
    };
    let sample = shared.join("samples/china-korea-2014.txt");
    let o = dossier(&["analyze", "--format", "json", sample.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(shared.join("contract/analysis.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&v)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    assert_eq!(v["period"]["start"], "2014-09-01");
    assert_eq!(v["period"]["end"], "2014-12-31");
    let titles: Vec<&str> = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "North Korea’s diplomatic offensive amid strained ties with Beijing",
            "Seoul’s push for North Korea’s denuclearization",
            "Challenges to advancing the China-South Korean comprehensive partnership",
            "“Substantive” conclusion of China-ROK FTA negotiations",
            "China-DPRK trade and economic relations",
        ]
    );
    // Offsets are UTF-8 bytes into the file: text[start..end] is the mention.
    let text = std::fs::read_to_string(&sample).unwrap();
    for d in v["dates"].as_array().unwrap() {
        let (s, e) = (
            d["start"].as_u64().unwrap() as usize,
            d["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], d["text"].as_str().unwrap());
    }
    // Every array is sorted by start.
    for key in ["sections", "dates", "figures", "diagnostics"] {
        let starts: Vec<u64> = v[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["start"].as_u64().unwrap())
            .collect();
        assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{key} sorted");
    }
}

/// 21 nines were listed as 1,000,000,000,000,000,000,000: more digits than a double holds.
#[test]
fn analyze_lists_a_figure_past_a_doubles_digits_as_written() {
    let report = temp_dir("digits").join("r.txt");
    std::fs::write(&report, "The fund held 999999999999999999999 dollars.\n").unwrap();
    let o = dossier(&["analyze", report.to_str().unwrap()]);
    let out = stdout(&o);
    assert!(
        out.contains("money      999999999999999999999 USD"),
        "{out}"
    );
    assert!(!out.contains("1,000,000,000"), "{out}");
}

#[test]
fn check_reports_a_date_its_month_lacks() {
    let report = temp_dir("invalid-date").join("r.md");
    std::fs::write(&report, "# Notes\n\nThe talks ended on Feb. 30, 2019.\n").unwrap();
    let o = dossier(&["check", report.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains(&format!(
            "{}:3:20: warning[invalid-date]: February 2019 has no 30th day",
            report.display()
        )),
        "{out}"
    );
}
