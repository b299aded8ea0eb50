//! The command line as a user meets it: exit codes, messages, and the JSON contract.

#[path = "support/skip.rs"]
mod skip;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .output()
        .expect("the dossier binary runs")
}

/// Runs the binary with at most 1 GiB of address space and kills it after 10 s, in `dir` and
/// reading `stdin` (a file) when given: a regression that reads an endless input whole then
/// fails for want of memory instead of taking the machine's, and one that blocks fails instead
/// of hanging the suite.
fn dossier_bounded(args: &[&str], dir: Option<&Path>, stdin: Option<&Path>) -> Output {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg("ulimit -v 1048576 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(match stdin {
            Some(file) => Stdio::from(std::fs::File::open(file).expect("stdin file")),
            None => Stdio::null(),
        });
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let mut child = command.spawn().expect("sh runs the dossier binary");
    // The pipes are drained while the child runs, so that a full pipe cannot stall it.
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for dossier") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("dossier {args:?} was still running after 10 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

/// A FIFO at `path`, or None (a skip of `test`) where `mkfifo` cannot make one.
fn fifo(test: &str, path: PathBuf) -> Option<PathBuf> {
    match Command::new("mkfifo").arg(&path).status() {
        Ok(s) if s.success() => Some(path),
        _ => {
            skip::skip(test, &format!("mkfifo could not make {}", path.display()));
            None
        }
    }
}

/// The weekday mistake `check` reports at 3:4, and its line in text output.
const WRONG_WEEKDAY: &str = "# Notes, Oct 2014\n\nOn Monday, Oct. 31 the ministers met.\n";

fn weekday_line(path: &Path) -> String {
    format!(
        "{}\n  line:col  severity  check    message\n  3:4-18    warning   weekday  2014-10-31 fell on a Friday, not a Monday\n",
        path.display()
    )
}

fn shared(test: &str) -> Option<PathBuf> {
    skip::shared(test, "contract/analysis.schema.json")?;
    Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"))
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
    assert!(out.contains(&weekday_line(&bad)), "{out}");

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
    let Some(shared) = shared("analyze_json_of_the_shared_sample_follows_the_contract") else {
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

#[test]
fn help_gives_the_exit_statuses() {
    let h = dossier(&["check", "--help"]);
    let text = stdout(&h);
    assert!(text.contains("Exit status:"), "{text}");
    assert!(
        text.contains("1  a report has a warning or an error"),
        "{text}"
    );
    assert!(
        text.contains("2  the command line is wrong, or a file could not be read"),
        "{text}"
    );
    assert!(text.contains("`-` for"), "{text}");
    let h = dossier(&["analyze", "--help"]);
    assert!(stdout(&h).contains("Exit status:"), "{}", stdout(&h));
}

/// `/dev/zero` never ends: it is refused by its file type, before anything is read.
#[test]
fn endless_devices_are_refused_before_they_are_read() {
    let dir = temp_dir("devzero");
    let report = dir.join("r.md");
    std::fs::write(&report, WRONG_WEEKDAY).unwrap();
    let report = report.to_str().unwrap();
    for args in [
        &["check", "/dev/zero"][..],
        &["analyze", "/dev/zero"],
        &["analyze", "--config", "/dev/zero", report],
        &["check", "--config", "/dev/zero", report],
    ] {
        let o = dossier_bounded(args, None, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("dossier: error: /dev/zero: not a regular file"),
            "{args:?}: {}",
            stderr(&o)
        );
        assert!(
            !stdout(&o).contains("weekday"),
            "{args:?} went on without its config"
        );
    }
}

/// Opening a FIFO blocks until something writes to it, so it must be refused unopened.
#[test]
fn fifos_are_refused_without_blocking() {
    let dir = temp_dir("fifo");
    let Some(pipe) = fifo("fifos_are_refused_without_blocking", dir.join("pipe.md")) else {
        return;
    };
    let report = dir.join("r.md");
    std::fs::write(&report, WRONG_WEEKDAY).unwrap();
    let (pipe_arg, report_arg) = (pipe.to_str().unwrap(), report.to_str().unwrap());
    let refused = format!("dossier: error: {pipe_arg}: not a regular file");
    for args in [
        &["check", pipe_arg][..],
        &["analyze", pipe_arg],
        &["check", "--config", pipe_arg, report_arg],
        &["analyze", "--config", pipe_arg, report_arg],
    ] {
        let o = dossier_bounded(args, None, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(&refused), "{args:?}: {}", stderr(&o));
    }

    // Met while walking a folder, the FIFO is skipped with the same line and the report beside
    // it is still checked.
    let o = dossier_bounded(&["check", dir.to_str().unwrap()], None, None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains(&refused), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(&weekday_line(&report)),
        "{}",
        stdout(&o)
    );

    // A FIFO named dossier.toml is refused as a configuration, and the defaults apply.
    let nested = dir.join("nested");
    std::fs::create_dir(&nested).unwrap();
    let Some(config) = fifo(
        "fifos_are_refused_without_blocking",
        nested.join("dossier.toml"),
    ) else {
        return;
    };
    let inner = nested.join("r.md");
    std::fs::write(&inner, WRONG_WEEKDAY).unwrap();
    let o = dossier_bounded(&["check", inner.to_str().unwrap()], None, None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!(
            "dossier: warning: {}: not a regular file",
            config.display()
        )),
        "{}",
        stderr(&o)
    );
}

/// A file over the limit is refused by its size on disk: the sparse 4 GiB file here could not
/// even be held within the 1 GiB the child is given.
#[test]
fn files_over_the_limit_are_refused_without_being_read() {
    let dir = temp_dir("large");
    std::fs::write(dir.join("dossier.toml"), "max-file-size = 1000\n").unwrap();
    let big = dir.join("big.md");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(4 << 30)
        .unwrap();
    let small = dir.join("small.md");
    std::fs::write(&small, WRONG_WEEKDAY).unwrap();
    let over = format!(
        "dossier: error: {}: 4294967296 bytes, over the 1000 byte limit (`max-file-size`)",
        big.display()
    );
    for args in [
        &["check", big.to_str().unwrap()][..],
        &["analyze", big.to_str().unwrap()],
    ] {
        let o = dossier_bounded(args, None, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(&over), "{args:?}: {}", stderr(&o));
    }
    let o = dossier_bounded(&["check", dir.to_str().unwrap()], None, None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains(&over), "{}", stderr(&o));
    assert!(stdout(&o).contains(&weekday_line(&small)), "{}", stdout(&o));

    // Without a configuration the limit is 20 MiB.
    let plain = temp_dir("large-default");
    let huge = plain.join("huge.txt");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(4 << 30)
        .unwrap();
    let o = dossier_bounded(&["check", huge.to_str().unwrap()], None, None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("4294967296 bytes, over the 20971520 byte limit"),
        "{}",
        stderr(&o)
    );
    // Sparse files take no room, but a 4 GiB one left behind would alarm whoever finds it.
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&plain);
}

/// A configuration is a few kilobytes; one over 1 MiB is refused rather than read.
#[test]
fn configuration_files_over_1_mib_are_refused() {
    let dir = temp_dir("large-config");
    let config = dir.join("dossier.toml");
    std::fs::File::create(&config)
        .unwrap()
        .set_len(2 << 20)
        .unwrap();
    let report = dir.join("r.md");
    std::fs::write(&report, WRONG_WEEKDAY).unwrap();
    let over = format!(
        "{}: 2097152 bytes, over the 1048576 byte limit for a configuration file",
        config.display()
    );

    // Given with --config, the file is needed: nothing is checked without it.
    let o = dossier_bounded(
        &[
            "check",
            "--config",
            config.to_str().unwrap(),
            report.to_str().unwrap(),
        ],
        None,
        None,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("dossier: error: {over}")),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));

    // Found beside the report, it is passed over with a warning, as a broken one is.
    let o = dossier_bounded(&["check", report.to_str().unwrap()], None, None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("dossier: warning: {over}")),
        "{}",
        stderr(&o)
    );
    assert!(
        stdout(&o).contains(&weekday_line(&report)),
        "{}",
        stdout(&o)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_dash_reads_the_report_from_standard_input() {
    let dir = temp_dir("stdin");
    let input = dir.join("input");
    std::fs::write(&input, WRONG_WEEKDAY).unwrap();
    let o = dossier_bounded(&["check", "-"], Some(&dir), Some(&input));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(&weekday_line(Path::new("-"))),
        "{}",
        stdout(&o)
    );

    let o = dossier_bounded(
        &["analyze", "--format", "json", "-"],
        Some(&dir),
        Some(&input),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["path"], "-");
    assert_eq!(v["diagnostics"][0]["code"], "weekday");

    let o = dossier_bounded(&["check", "-", "-"], Some(&dir), Some(&input));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("can be read only once"),
        "{}",
        stderr(&o)
    );

    // Standard input has no size to look at: the read stops one byte past the limit.
    for command in ["check", "analyze"] {
        let o = dossier_bounded(&[command, "-"], Some(&dir), Some(Path::new("/dev/zero")));
        assert_eq!(o.status.code(), Some(2), "{command}: {}", stderr(&o));
        assert!(
            stderr(&o)
                .contains("dossier: error: -: over the 20971520 byte limit (`max-file-size`)"),
            "{command}: {}",
            stderr(&o)
        );
    }
}

/// The nearest dossier.toml may sit above the current folder: found for a relative path and for
/// standard input alike.
#[test]
fn the_configuration_above_the_current_folder_applies() {
    let dir = temp_dir("config-above");
    std::fs::write(dir.join("dossier.toml"), "max-file-size = 10\n").unwrap();
    let sub = dir.join("sub");
    std::fs::create_dir(&sub).unwrap();
    let report = sub.join("r.md");
    std::fs::write(&report, WRONG_WEEKDAY).unwrap();
    for (path, stdin) in [("r.md", None), ("-", Some(report.as_path()))] {
        let o = dossier_bounded(&["check", path], Some(&sub), stdin);
        assert_eq!(o.status.code(), Some(2), "{path}: {}", stdout(&o));
        assert!(
            stderr(&o).contains(&format!("dossier: error: {path}: ")),
            "{path}: {}",
            stderr(&o)
        );
        assert!(
            stderr(&o).contains("over the 10 byte limit (`max-file-size`)"),
            "{path}: {}",
            stderr(&o)
        );
    }
}

/// The parts of SARIF 2.1.0 that `check --format sarif` writes, with what the standard
/// requires of each object and the levels it allows; unknown properties are refused, so a
/// misspelt one fails.
fn sarif_schema() -> serde_json::Value {
    let object = |required: &[&str], properties: serde_json::Value| {
        json!({
            "type": "object",
            "required": required,
            "properties": properties,
            "additionalProperties": false,
        })
    };
    let level = json!({ "enum": ["none", "note", "warning", "error"] });
    json!({
        "type": "object",
        "required": ["version", "runs"],
        "properties": {
            "version": { "const": "2.1.0" },
            "runs": { "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/run" } },
        },
        "definitions": {
            "run": object(&["tool"], json!({
                "tool": { "type": "object", "required": ["driver"] },
                "invocations": { "type": "array", "items": { "$ref": "#/definitions/invocation" } },
                "results": { "type": "array", "items": { "$ref": "#/definitions/result" } },
            })),
            "invocation": object(&["executionSuccessful"], json!({
                "executionSuccessful": { "type": "boolean" },
                "toolExecutionNotifications": {
                    "type": "array",
                    "items": { "$ref": "#/definitions/notification" },
                },
            })),
            "notification": object(&["message"], json!({
                "level": level,
                "message": { "$ref": "#/definitions/message" },
                "locations": { "type": "array", "items": { "$ref": "#/definitions/location" } },
            })),
            "result": object(&["message"], json!({
                "ruleId": { "type": "string" },
                "level": level,
                "message": { "$ref": "#/definitions/message" },
                "locations": { "type": "array", "items": { "$ref": "#/definitions/location" } },
                "relatedLocations": { "type": "array", "items": { "$ref": "#/definitions/location" } },
            })),
            "message": object(&["text"], json!({ "text": { "type": "string" } })),
            "location": object(&["physicalLocation"], json!({
                "id": { "type": "integer", "minimum": 0 },
                "message": { "$ref": "#/definitions/message" },
                "physicalLocation": object(&["artifactLocation"], json!({
                    "artifactLocation": object(&["uri"], json!({ "uri": { "type": "string" } })),
                    "region": { "type": "object" },
                })),
            })),
        },
    })
}

/// One report that is not UTF-8 used to stop `check` with only its error; now the other
/// reports' findings are printed as well, and the status is 2.
#[test]
fn an_unreadable_report_does_not_hide_the_others() {
    let dir = temp_dir("mixed");
    let latin1 = dir.join("latin1.txt");
    std::fs::write(&latin1, b"Caf\xe9 report\n").unwrap();
    let report = dir.join("report.md");
    std::fs::write(&report, WRONG_WEEKDAY).unwrap();
    let message = "not valid UTF-8 (first bad byte at offset 3)";
    let error_line = format!("dossier: error: {}: {message}", latin1.display());
    let dir_arg = dir.to_str().unwrap();

    let o = dossier_bounded(&["check", dir_arg], None, None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains(&error_line), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(&weekday_line(&report)),
        "{}",
        stdout(&o)
    );
    assert!(
        stdout(&o).contains("1 finding in 1 report, 1 file not read"),
        "{}",
        stdout(&o)
    );

    // A missing path given on the command line is one more error; the report is still checked.
    let missing = dir.join("missing.md");
    let o = dossier_bounded(
        &["check", missing.to_str().unwrap(), report.to_str().unwrap()],
        None,
        None,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("{}: no such file or directory", missing.display())),
        "{}",
        stderr(&o)
    );
    assert!(
        stdout(&o).contains(&weekday_line(&report)),
        "{}",
        stdout(&o)
    );

    let o = dossier_bounded(&["check", "--format", "json", dir_arg], None, None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains(&error_line), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let entries = v.as_array().expect("one entry per file");
    assert_eq!(entries.len(), 2, "{v:#}");
    let unread = &entries[0];
    assert_eq!(unread["path"], latin1.to_str().unwrap());
    assert_eq!(unread["diagnostics"], json!([]));
    assert_eq!(
        unread["errors"],
        json!([{ "path": latin1.to_str().unwrap(), "message": message }])
    );
    let read = &entries[1];
    assert_eq!(read["path"], report.to_str().unwrap());
    assert_eq!(read["diagnostics"][0]["code"], "weekday");
    assert_eq!(read["errors"], json!([]));

    let o = dossier_bounded(&["check", "--format", "sarif", dir_arg], None, None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("sarif");
    let schema = sarif_schema();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&v)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{v:#}");
    let run = &v["runs"][0];
    assert_eq!(run["results"][0]["ruleId"], "weekday");
    assert_eq!(
        run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        report.to_str().unwrap()
    );
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notifications = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notifications.len(), 1, "{invocation:#}");
    assert_eq!(notifications[0]["level"], "error");
    assert_eq!(notifications[0]["message"]["text"], message);
    assert_eq!(
        notifications[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        latin1.to_str().unwrap()
    );

    // With every file read, the invocation succeeds and has nothing to say.
    let o = dossier_bounded(
        &["check", "--format", "sarif", report.to_str().unwrap()],
        None,
        None,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("sarif");
    assert!(validator.iter_errors(&v).next().is_none(), "{v:#}");
    assert_eq!(v["runs"][0]["invocations"][0]["executionSuccessful"], true);
    assert_eq!(
        v["runs"][0]["invocations"][0]["toolExecutionNotifications"],
        json!([])
    );
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
        out.contains("  3:20-32   warning   invalid-date  February 2019 has no 30th day\n"),
        "{out}"
    );
}

/// `check`'s text output with the path and the timing of its last line left out.
fn check_text(out: &str, path: &Path) -> String {
    let out = out.replace(&path.display().to_string(), "PATH");
    match out.rfind(" (") {
        Some(k) => format!("{}\n", &out[..k]),
        None => out,
    }
}

/// Findings in columns that line up whatever the check's name and the range's width, ranges
/// as ranges, notes under their finding, and no line ending in spaces.
#[test]
fn check_text_is_a_table_per_report() {
    let dir = temp_dir("table");
    let report = dir.join("a-report-with-a-rather-long-file-name.md");
    std::fs::write(
        &report,
        "# Aid, 2019\n\nOn Monday, Oct. 31 the ministers met.\n\nDonors pledged $2.4 billion, of which $1.5 billion came from Japan and $1.2 billion from the European Union.\n",
    )
    .unwrap();
    let o = dossier(&["check", "--color", "never", report.to_str().unwrap()]);
    let out = stdout(&o);
    assert!(
        out.lines().all(|l| !l.ends_with(' ')),
        "trailing spaces:\n{out}"
    );
    expect_test::expect![[r#"
        PATH
          line:col  severity  check               message
          3:4-18    warning   weekday             2019-10-31 fell on a Thursday, not a Monday
          5:16-27   warning   parts-exceed-whole  the parts add up to 2.7 billion USD, more than the whole, $2.4 billion
          5:39-50   note                          part: $1.5 billion
          5:72-83   note                          part: $1.2 billion

        2 findings in 1 report
    "#]]
    .assert_eq(&check_text(&out, &report));
}

#[test]
fn check_colours_a_terminal_only_when_asked_or_allowed() {
    let report = temp_dir("colour").join("r.md");
    std::fs::write(&report, WRONG_WEEKDAY).unwrap();
    let path = report.to_str().unwrap();
    let coloured = |o: &Output| stdout(o).contains("\x1b[");
    // Standard output is a pipe here: `auto` (the default) does not colour it.
    assert!(!coloured(&dossier(&["check", path])));
    assert!(!coloured(&dossier(&["check", "--color", "never", path])));
    let o = dossier(&["check", "--color", "always", path]);
    assert!(coloured(&o), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("\x1b[1;33mwarning\x1b[0m   weekday"),
        "{}",
        stdout(&o)
    );
    // NO_COLOR turns `auto` off, not an explicit `always`.
    let o = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["check", "--color", "always", path])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(coloured(&o));
    let o = dossier(&["check", "--color", "sometimes", path]);
    assert_eq!(o.status.code(), Some(2));
}

/// A year no calendar has used to fall back to the reference year: today's, in a report
/// without a date of its own.
#[test]
fn analyze_finds_no_date_in_a_year_no_calendar_has() {
    let report = temp_dir("year").join("r.txt");
    std::fs::write(
        &report,
        "The talks ended on December 31, 999999999999999999999.\n",
    )
    .unwrap();
    let o = dossier(&["analyze", "--format", "json", report.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let v = if v.is_array() { v[0].clone() } else { v };
    assert_eq!(v["dates"], serde_json::json!([]), "{v:#}");
}

/// `[[patterns]]` in a dossier.toml beside the report: an organisation, a unit and a code to
/// ignore apply, and an entry whose regex does not compile is reported at its line and skipped.
#[test]
fn analyze_applies_the_patterns_of_the_configuration() {
    let dir = temp_dir("patterns");
    std::fs::write(
        dir.join("dossier.toml"),
        r#"[[patterns]]
kind = "organization"
regex = "Operation [A-Z][a-z]+"

[[patterns]]
kind = "unit"
regex = "barrels? (?:of oil )?per day"
unit = "bpd"

[[patterns]]
kind = "ignore"
regex = '7-5700'

[[patterns]]
kind = "place"
regex = "Camp (Bastion"
"#,
    )
    .unwrap();
    let report = dir.join("r.txt");
    std::fs::write(
        &report,
        "CRS 7-5700\n\nOperation Pluto moved 900,000 barrels of oil per day.\n",
    )
    .unwrap();
    let o = dossier(&["analyze", "--format", "json", report.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("dossier.toml:14: invalid regex `Camp (Bastion`: unclosed group"),
        "{}",
        stderr(&o)
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let names: Vec<(&str, &str)> = v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["name"].as_str().unwrap(), a["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        names,
        [
            ("Congressional Research Service", "organization"),
            ("Operation Pluto", "organization")
        ],
        "{v:#}"
    );
    let figures: Vec<(&str, &str)> = v["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["text"].as_str().unwrap(),
                f["unit"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        figures,
        [("900,000 barrels of oil per day", "bpd")],
        "{v:#}"
    );
}

/// `dossier timeline` over a folder: one timeline of both reports in date order, an interval
/// with its end, an approximate date, two dates of one sentence as two events, and the actor
/// filter by alias.
#[test]
fn timeline_merges_a_folder_in_date_order_and_filters_by_actor() {
    let dir = temp_dir("timeline");
    std::fs::write(
        dir.join("a.md"),
        "# Kenya notes\n\nKenya's president visited Japan on 12 March 2021. Talks ran from April to June 2021.\n",
    )
    .expect("write a.md");
    std::fs::write(
        dir.join("b.md"),
        "# Kenya review\n\nJapan pledged aid in late January 2021, and Kenya signed a loan on 3 May 2021.\n",
    )
    .expect("write b.md");
    let dir_arg = dir.to_str().expect("utf-8 temp dir");
    let out = dossier(&["timeline", "--format", "json", dir_arg]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let events = v["events"].as_array().expect("events");
    let got: Vec<(String, String, bool, String)> = events
        .iter()
        .map(|e| {
            let path = e["path"].as_str().unwrap_or("");
            (
                e["date"].as_str().unwrap_or("").to_string(),
                e["until"].as_str().unwrap_or("-").to_string(),
                e["approx"].as_bool().unwrap_or(false),
                path.rsplit('/').next().unwrap_or("").to_string(),
            )
        })
        .collect();
    let row = |d: &str, u: &str, a: bool, p: &str| (d.to_string(), u.to_string(), a, p.to_string());
    assert_eq!(
        got,
        vec![
            row("2021-01", "-", true, "b.md"),
            row("2021-03-12", "-", false, "a.md"),
            row("2021-04", "2021-06", false, "a.md"),
            row("2021-05-03", "-", false, "b.md"),
        ],
        "{v:#}"
    );
    // Each event's text is its own clause, and its offsets are the file's bytes.
    for e in events {
        let path = e["path"].as_str().expect("path");
        let text = std::fs::read_to_string(path).expect("event's file");
        let (s, t) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        assert!(text[s..t].contains(e["text"].as_str().unwrap().trim_end_matches('…')));
    }
    assert!(!events[0]["text"].as_str().unwrap().contains("loan"));

    let only = dossier(&["timeline", "--format", "json", "--actor", "japan", dir_arg]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&only)).expect("json");
    let dates: Vec<&str> = v["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["date"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(dates, ["2021-01", "2021-03-12"], "{v:#}");

    let text = dossier(&["timeline", dir_arg]);
    let text = stdout(&text);
    assert!(text.contains("2021-03-12"), "{text}");
    assert!(text.contains("a.md:3"), "{text}");
    // The page: the folder's two reports, a lane per actor, every event marked.
    let html = dossier(&["timeline", "--format", "html", dir_arg]);
    assert!(html.status.success(), "{}", stderr(&html));
    let html = stdout(&html);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<h1>Timeline of 2 reports</h1>"), "{html}");
    assert!(
        html.contains("class=\"lane\" data-actor=\"Kenya\""),
        "{html}"
    );
    assert!(
        html.contains("class=\"lane\" data-actor=\"Japan\""),
        "{html}"
    );
    assert!(html.contains("class=\"event interval\""), "{html}");
    let missing = dossier(&["timeline", "/nonexistent/dossier-timeline"]);
    assert_eq!(missing.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The test workspace of `tests/workspace/cross`: four pairs of reports on the same subjects.
fn cross_workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/workspace/cross")
}

/// Every planted cross-report contradiction and revision is found, in both reports of its
/// pair, and nothing else: the clean counterparts (rounding, other years, a pledge against a
/// disbursement, another country) raise nothing. The displacement notes give no date of their
/// own, so that their difference is a contradiction, not a revision.
#[test]
fn check_finds_exactly_the_planted_cross_report_findings() {
    let dir = cross_workspace();
    let o = dossier(&["check", "--format", "json", dir.to_str().unwrap()]);
    // Cross-report findings are hints: they do not fail the check.
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let name = |p: &serde_json::Value| {
        Path::new(p.as_str().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned()
    };
    let mut got = Vec::new();
    for report in v.as_array().unwrap() {
        for d in report["diagnostics"].as_array().unwrap() {
            let related = &d["related"][0];
            got.push(format!(
                "{} {} {}: {} at {}:{}",
                name(&report["path"]),
                d["code"].as_str().unwrap(),
                d["severity"].as_str().unwrap(),
                d["message"]
                    .as_str()
                    .unwrap()
                    .split(": ")
                    .nth(1)
                    .unwrap_or("")
                    .split(' ')
                    .next()
                    .unwrap_or(""),
                related.get("path").map(name).unwrap_or_default(),
                related["line"],
            ));
        }
    }
    got.sort();
    assert_eq!(
        got,
        [
            "darfur-displacement-a.md cross-report hint: contradicted at darfur-displacement-b.txt:3",
            "darfur-displacement-b.txt cross-report hint: contradicted at darfur-displacement-a.md:5",
            "kenya-q1.md cross-report hint: revised at kenya-q2.md:10",
            "kenya-q2.md cross-report hint: revises at kenya-q1.md:10",
            "nepal-briefing.md cross-report hint: contradicted at nepal-profile.txt:7",
            "nepal-profile.txt cross-report hint: contradicted at nepal-briefing.md:5",
            "sahel-gold-a.md cross-report hint: contradicted at sahel-gold-b.txt:5",
            "sahel-gold-b.txt cross-report hint: contradicted at sahel-gold-a.md:7",
        ],
        "{v:#}"
    );
}

/// The clean counterparts are the same facts stated in agreement, not facts left unbound: each
/// is found in the other report of its pair, agreeing.
#[test]
fn the_clean_counterparts_of_the_workspace_agree() {
    use dossier::facts::cross::{Relation, Summary, compare};
    let dir = cross_workspace();
    let summary = |name: &str| {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let config = dossier::config::Config::default();
        let format = dossier::outline::Format::from_path(name);
        let analysis = dossier::analyze(&text, &config, format);
        Summary::new(&text, &analysis, &config)
    };
    for (a, b, agreeing) in [
        ("kenya-q1.md", "kenya-q2.md", &["$19 billion"][..]),
        ("nepal-profile.txt", "nepal-briefing.md", &["$310 million"]),
        ("sahel-gold-a.md", "sahel-gold-b.txt", &["57 tonnes"]),
        (
            "darfur-displacement-a.md",
            "darfur-displacement-b.txt",
            &["600,000"],
        ),
    ] {
        let (x, y) = (summary(a), summary(b));
        let crosses = compare(&x, &[(b, &y)]);
        let agree: Vec<&str> = crosses
            .iter()
            .filter(|c| c.relation == Relation::Agrees)
            .map(|c| &*x.facts[c.fact].text)
            .collect();
        assert_eq!(agree, agreeing, "{a} against {b}");
    }
}

/// Text output names the other report's file and line in a note; SARIF gives it as a related
/// location.
#[test]
fn check_names_the_other_report_in_text_and_sarif() {
    let dir = cross_workspace();
    let a = dir.join("sahel-gold-a.md");
    let b = dir.join("sahel-gold-b.txt");
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let o = dossier(&["check", "--color", "never", a, b]);
    let text = stdout(&o);
    assert!(
        text.contains(&format!("note                    {b}:5: states 66 tonnes")),
        "{text}"
    );
    // One report alone has nothing to compare with.
    let o = dossier(&["check", "--format", "json", a]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["diagnostics"], json!([]), "{v:#}");

    let o = dossier(&["check", "--format", "sarif", a, b]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("sarif");
    let validator = jsonschema::validator_for(&sarif_schema()).expect("schema compiles");
    let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}\n{v:#}");
    let result = &v["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "cross-report");
    let related = &result["relatedLocations"][0]["physicalLocation"];
    assert_eq!(related["artifactLocation"]["uri"], b);
    assert_eq!(related["region"]["startLine"], 5);
}

/// A cross-report finding, the other report a `related` entry with its `path`, keeps the
/// contract: the report's analysis with those diagnostics validates against its schema.
#[test]
fn cross_report_diagnostics_follow_the_contract() {
    let Some(shared) = shared("cross_report_diagnostics_follow_the_contract") else {
        return;
    };
    let dir = cross_workspace();
    let (a, b) = (dir.join("nepal-profile.txt"), dir.join("nepal-briefing.md"));
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let o = dossier(&["check", "--format", "json", a, b]);
    let checked: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let o = dossier(&["analyze", "--format", "json", a]);
    let mut v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    v["diagnostics"] = checked[0]["diagnostics"].clone();
    assert_eq!(v["diagnostics"][0]["related"][0]["path"], b, "{v:#}");
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
}
