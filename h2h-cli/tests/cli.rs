//! The `h2h` binary as a user runs it: help, version, exit statuses, messages, and the
//! documented samples through `sample` and `convert`.
//!
//! Expected bodies are copied from independent sources, not from the program's output: the
//! reviewed snapshot `h2h-models/tests/snapshots/samples__PostSessionLogout_request_xml.snap`
//! and the help page's samples as pasted into `schema/api/session.toml`.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// `AuthRequest`'s XML sample as the help page lays it out (the snapshot's body).
const AUTH_REQUEST_XML_SNAPSHOT: &str = r#"<AuthRequest xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models">
  <accessToken>sample string 4</accessToken>
  <userID>sample string 3</userID>
  <language>ID</language>
  <securityCode>sample string 2</securityCode>
  <token>sample string 1</token>
</AuthRequest>"#;

/// `AuthRequest`'s XML sample as documented in `schema/api/session.toml` (whitespace collapsed
/// by the page's text scrape).
const AUTH_REQUEST_XML_DOCUMENTED: &str = r#"<AuthRequest xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models"> <accessToken>sample string 4</accessToken> <userID>sample string 3</userID> <language>ID</language> <securityCode>sample string 2</securityCode> <token>sample string 1</token> </AuthRequest>"#;

/// `AuthRequest`'s JSON sample as documented in `schema/api/session.toml`.
const AUTH_REQUEST_JSON_DOCUMENTED: &str = r#"{ "token": "sample string 1", "securityCode": "sample string 2", "language": 1, "userID": "sample string 3", "accessToken": "sample string 4" }"#;

/// Runs `h2h` with `args`, `stdin` as its standard input.
fn h2h_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_h2h"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the h2h binary runs");
    let mut input = child.stdin.take().expect("piped stdin");
    // The bodies here are far smaller than a pipe's buffer; h2h may exit before reading.
    let _ = input.write_all(stdin);
    drop(input);
    child.wait_with_output().expect("h2h finishes")
}

/// Runs `h2h` with `args` and an empty standard input.
fn h2h(args: &[&str]) -> Output {
    h2h_with_stdin(args, b"")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 stderr")
}

/// Asserts a usage error: status 2, nothing on stdout, clap's `error: ...` on stderr.
fn assert_usage_error(args: &[&str]) -> String {
    let output = h2h(args);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "h2h {args:?}: {err}");
    assert!(output.stdout.is_empty(), "h2h {args:?} wrote stdout");
    err
}

/// Asserts bad input data: status 1, nothing on stdout, exactly one `h2h: ...` line on stderr;
/// returns that line without its newline.
fn assert_data_error(output: &Output) -> String {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        output.stdout.is_empty(),
        "wrote stdout: {:?}",
        stdout(output)
    );
    let line = err.strip_suffix('\n').expect("a line ending in a newline");
    assert!(!line.contains('\n'), "more than one line: {err:?}");
    assert!(line.starts_with("h2h: "), "{err:?}");
    line.to_owned()
}

/// `text` without the whitespace between a `>` and the next `<`.
fn without_space_between_tags(text: &str) -> String {
    let mut out = String::new();
    let mut pending = String::new();
    let mut after_tag = false;
    for c in text.chars() {
        if after_tag && c.is_whitespace() {
            pending.push(c);
            continue;
        }
        if c != '<' {
            out.push_str(&pending);
        }
        pending.clear();
        out.push(c);
        after_tag = c == '>';
    }
    out
}

/// JSON `text` without the whitespace outside strings.
fn without_space_between_tokens(text: &str) -> String {
    let mut out = String::new();
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            in_string = escaped || c != '"';
            escaped = !escaped && c == '\\';
        } else if c.is_whitespace() {
            continue;
        } else {
            in_string = c == '"';
        }
        out.push(c);
    }
    out
}

#[test]
fn help_is_multi_line_and_lists_the_subcommands() {
    for flag in ["--help", "-h"] {
        let output = h2h(&[flag]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let help = stdout(&output);
        assert!(help.lines().count() > 8, "h2h {flag}: {help}");
        assert!(help.contains("Usage: h2h <COMMAND>"), "{help}");
        for sub in ["convert", "sample", "contracts"] {
            assert!(
                help.lines().any(|l| l.trim_start().starts_with(sub)
                    && l.trim_start()[sub.len()..].starts_with("  ")),
                "h2h {flag} does not list `{sub}` with a description: {help}"
            );
        }
    }
    let long = stdout(&h2h(&["--help"]));
    assert!(long.contains("Exit status"), "{long}");
    assert!(long.contains("Examples:"), "{long}");
}

/// The first ```text block after `heading` in the README's `h2h` section.
fn readme_block(heading: &str) -> String {
    let readme = include_str!("../../README.md");
    let section = readme
        .split("## The `h2h` command\n")
        .nth(1)
        .expect("README has the section on the h2h command");
    let after = section
        .split(heading)
        .nth(1)
        .unwrap_or_else(|| panic!("README's h2h section has {heading}"));
    let block = after
        .split("```text\n")
        .nth(1)
        .and_then(|b| b.split("```\n").next())
        .expect("a text block");
    block.to_owned()
}

#[test]
fn the_readme_shows_the_current_help() {
    assert_eq!(readme_block("`h2h --help`:"), stdout(&h2h(&["--help"])));
    assert_eq!(
        readme_block("`h2h convert -h`:"),
        stdout(&h2h(&["convert", "-h"]))
    );
}

#[test]
fn convert_help_describes_from_and_to_and_their_values() {
    for args in [
        &["convert", "--help"][..],
        &["help", "convert"],
        &["convert", "-h"],
    ] {
        let output = h2h(args);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let help = stdout(&output);
        assert!(help.lines().count() > 5, "{help}");
        assert!(
            help.contains("Usage: h2h convert --from <FORMAT> --to <FORMAT> <Contract>"),
            "{help}"
        );
        assert!(help.contains("--from <FORMAT>"), "{help}");
        assert!(help.contains("--to <FORMAT>"), "{help}");
        assert!(help.contains("read on stdin"), "{help}");
        assert!(help.contains("written on stdout"), "{help}");
        if args.contains(&"-h") {
            assert!(help.contains("[possible values: xml, json]"), "{help}");
        } else {
            assert!(help.contains("Possible values:"), "{help}");
            assert!(help.contains("- xml:"), "{help}");
            assert!(help.contains("- json:"), "{help}");
        }
    }
}

#[test]
fn sample_help_describes_format_and_now_with_their_defaults() {
    let help = stdout(&h2h(&["sample", "--help"]));
    assert!(help.contains("--format <FORMAT>"), "{help}");
    assert!(help.contains("[default: json]"), "{help}");
    assert!(help.contains("--now <ISO 8601>"), "{help}");
    assert!(
        help.contains("[default: 2025-01-23T00:09:38.9648983+07:00]"),
        "{help}"
    );
}

#[test]
fn version_prints_the_package_version() {
    for flag in ["--version", "-V"] {
        let output = h2h(&[flag]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert_eq!(
            stdout(&output),
            format!("h2h {}\n", env!("CARGO_PKG_VERSION"))
        );
    }
}

#[test]
fn usage_errors_exit_with_2() {
    let err = assert_usage_error(&[]);
    assert!(err.contains("Usage: h2h <COMMAND>"), "{err}");
    let err = assert_usage_error(&["frobnicate"]);
    assert!(
        err.contains("unrecognized subcommand 'frobnicate'"),
        "{err}"
    );
    let err = assert_usage_error(&["sampel", "AuthRequest"]);
    assert!(err.contains("'sample'"), "no suggestion: {err}");
    let err = assert_usage_error(&["convert", "AuthRequest", "--from", "xml"]);
    assert!(err.contains("--to <FORMAT>"), "{err}");
    let err = assert_usage_error(&["convert", "--from", "xml", "--to", "json"]);
    assert!(err.contains("<Contract>"), "{err}");
    let err = assert_usage_error(&["convert", "AuthRequest", "--from", "yaml", "--to", "json"]);
    assert!(
        err.contains("invalid value 'yaml' for '--from <FORMAT>'"),
        "{err}"
    );
    assert!(err.contains("[possible values: xml, json]"), "{err}");
    let err = assert_usage_error(&["sample", "AuthRequest", "--fromat", "xml"]);
    assert!(err.contains("unexpected argument '--fromat'"), "{err}");
    assert!(err.contains("'--format'"), "no suggestion: {err}");
    let err = assert_usage_error(&["sample", "AuthRequest", "--format"]);
    assert!(err.contains("--format <FORMAT>"), "{err}");
    let err = assert_usage_error(&["sample", "AuthRequest", "--now", "garbage"]);
    assert!(
        err.contains("invalid value 'garbage' for '--now <ISO 8601>'"),
        "{err}"
    );
    assert!(err.contains("not an ISO 8601 date and time"), "{err}");
    assert_usage_error(&["contracts", "extra"]);
}

#[test]
fn an_unknown_contract_exits_with_1_and_says_so() {
    let expected = "h2h: unknown contract `NoSuchContract` (see `h2h contracts`)";
    let output = h2h(&["sample", "NoSuchContract"]);
    assert_eq!(assert_data_error(&output), expected);
    let output = h2h_with_stdin(
        &["convert", "NoSuchContract", "--from", "xml", "--to", "json"],
        AUTH_REQUEST_XML_SNAPSHOT.as_bytes(),
    );
    assert_eq!(assert_data_error(&output), expected);
}

#[test]
fn a_bad_body_exits_with_1_naming_the_path_and_position() {
    let body = b"{\n \"token\": \"t\",\n \"language\": x}";
    let output = h2h_with_stdin(
        &["convert", "AuthRequest", "--from", "json", "--to", "xml"],
        body,
    );
    let line = assert_data_error(&output);
    assert!(line.contains("language"), "no member path: {line}");
    assert!(line.contains("line 3, column 14"), "no position: {line}");

    let body = "<AuthRequest xmlns=\"http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models\">\n<language>XX</language></AuthRequest>";
    let output = h2h_with_stdin(
        &["convert", "AuthRequest", "--from", "xml", "--to", "json"],
        body.as_bytes(),
    );
    let line = assert_data_error(&output);
    assert!(
        line.contains("AuthRequest/language"),
        "no member path: {line}"
    );
    assert!(line.contains("'XX'"), "{line}");
    assert!(line.contains("line 2, column 1"), "no position: {line}");
}

#[test]
fn contracts_lists_every_contract_name() {
    let output = h2h(&["contracts"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let names = stdout(&output);
    for name in ["AuthRequest", "AuthResponse", "BaseRequest", "BaseResponse"] {
        let full = format!("Cebes.DI.H2H.Api.Models.{name}");
        assert!(names.lines().any(|l| l == full), "{full} missing: {names}");
    }
}

#[test]
fn sample_prints_the_documented_xml_sample() {
    for contract in ["AuthRequest", "Cebes.DI.H2H.Api.Models.AuthRequest"] {
        let output = h2h(&["sample", contract, "--format", "xml"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let sample = stdout(&output);
        assert_eq!(sample, format!("{AUTH_REQUEST_XML_SNAPSHOT}\n"));
        assert_eq!(
            without_space_between_tags(sample.trim_end()),
            without_space_between_tags(AUTH_REQUEST_XML_DOCUMENTED)
        );
    }
}

#[test]
fn sample_prints_the_documented_json_sample_by_default() {
    let output = h2h(&["sample", "AuthRequest"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        without_space_between_tokens(&stdout(&output)),
        without_space_between_tokens(AUTH_REQUEST_JSON_DOCUMENTED)
    );
}

#[test]
fn the_xml_sample_converts_to_json_and_back_to_the_same_bytes() {
    let convert = |from: &str, to: &str, body: &[u8]| -> Vec<u8> {
        let output = h2h_with_stdin(
            &["convert", "AuthRequest", "--from", from, "--to", to],
            body,
        );
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        output.stdout
    };
    let json = convert("xml", "json", AUTH_REQUEST_XML_SNAPSHOT.as_bytes());
    // Json.NET's compact form of the documented JSON sample.
    assert_eq!(
        String::from_utf8(json.clone()).expect("UTF-8"),
        without_space_between_tokens(AUTH_REQUEST_JSON_DOCUMENTED)
    );
    let xml = convert("json", "xml", &json);
    // DataContractSerializer's compact form of the documented XML sample.
    assert_eq!(
        String::from_utf8(xml.clone()).expect("UTF-8"),
        without_space_between_tags(AUTH_REQUEST_XML_DOCUMENTED)
    );
    assert_eq!(convert("xml", "json", &xml), json);
    assert_eq!(convert("json", "xml", &json), xml);
    assert_eq!(convert("xml", "xml", &xml), xml);
}
