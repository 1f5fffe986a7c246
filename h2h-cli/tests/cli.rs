//! The `h2h` binary as a user runs it: help, version, exit statuses, messages, the
//! documented samples through `sample` and `convert`, and `check`.
//!
//! Expected bodies are copied from independent sources, not from the program's output: the
//! reviewed snapshot `h2h-models/tests/snapshots/samples__PostSessionLogout_request_xml.snap`,
//! the help page's samples as pasted into `schema/api/session.toml`, and what the real
//! DataContractSerializer and Json.NET read from a body: the .NET corpus
//! (`h2h-models/tests/fixtures/dotnet-vectors/read-*`, `dcs-result.txt` and
//! `jsonnet-result.txt`) and, for a body it has no case for, `tests/fixtures/` (made the same
//! way, see its README). DCS reads `AuthRequest`'s members in the order `accessToken, userID,
//! language, securityCode, token`: base class first, then each class's members in ordinal
//! name order (the documented XML sample shows it).

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
        for sub in ["convert", "check", "sample", "contracts"] {
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
    assert_eq!(
        readme_block("`h2h check -h`:"),
        stdout(&h2h(&["check", "-h"]))
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
            help.contains("Usage: h2h convert [OPTIONS] --from <FORMAT> --to <FORMAT> <Contract>"),
            "{help}"
        );
        assert!(help.contains("--from <FORMAT>"), "{help}");
        assert!(help.contains("--to <FORMAT>"), "{help}");
        assert!(help.contains("read on stdin"), "{help}");
        assert!(help.contains("written on stdout"), "{help}");
        assert!(help.contains("--policy <POLICY>"), "{help}");
        assert!(help.contains("[default: forward]"), "{help}");
        if args.contains(&"-h") {
            assert!(help.contains("[possible values: xml, json]"), "{help}");
            assert!(
                help.contains("[possible values: dotnet, forward, strict]"),
                "{help}"
            );
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
fn an_unknown_contract_is_a_usage_error_with_the_close_names() {
    for args in [
        &["sample", "AuthRequst"][..],
        &["convert", "AuthRequst", "--from", "xml", "--to", "json"],
        &["check", "AuthRequst", "--from", "xml"],
    ] {
        let err = assert_usage_error(args);
        assert!(
            err.starts_with("error: invalid value 'AuthRequst' for '<Contract>'\n"),
            "{err}"
        );
        // clap's tip, the closest first.
        assert!(
            err.contains("\n  tip: some similar values exist: 'AuthRequest'"),
            "{err}"
        );
        assert!(err.contains("`h2h contracts`"), "{err}");
    }
    // A name in another case has one suggestion; a full name is compared with full names.
    let err = assert_usage_error(&["sample", "authrequest"]);
    assert!(
        err.contains("tip: a similar value exists: 'AuthRequest'\n"),
        "{err}"
    );
    let err = assert_usage_error(&["sample", "Cebes.DI.H2H.Api.Models.AuthReqest"]);
    assert!(
        err.contains("'Cebes.DI.H2H.Api.Models.AuthRequest'"),
        "{err}"
    );
    // Nothing similar: no "similar" tip, still the way to the list.
    let err = assert_usage_error(&["sample", "Zzzzzz"]);
    assert!(!err.contains("similar"), "{err}");
    assert!(err.contains("`h2h contracts`"), "{err}");
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

// ---- read policies and `check` -----------------------------------------------------------

/// The .NET corpus's folder.
const VECTORS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../h2h-models/tests/fixtures/dotnet-vectors"
);

/// The input of a corpus case (`input.xml` or `input.json`).
fn vector_input(case: &str) -> Vec<u8> {
    let file = if case.starts_with("read-json-") {
        "input.json"
    } else {
        "input.xml"
    };
    std::fs::read(format!("{VECTORS}/{case}/{file}")).expect("the corpus case's input")
}

/// The object .NET read, as Json.NET writes it: the `json: ` line of a `dcs-result.txt` or
/// `jsonnet-result.txt` whose first line is `OK`.
fn dotnet_json(result: &str) -> String {
    let mut lines = result.lines();
    assert_eq!(lines.next(), Some("OK"), "{result}");
    lines
        .find_map(|l| l.strip_prefix("json: "))
        .expect("a json: line")
        .to_owned()
}

/// What .NET read from a corpus case's input.
fn vector_result(case: &str) -> String {
    let file = if case.starts_with("read-json-") {
        "jsonnet-result.txt"
    } else {
        "dcs-result.txt"
    };
    dotnet_json(
        &std::fs::read_to_string(format!("{VECTORS}/{case}/{file}")).expect("the case's result"),
    )
}

/// An `AuthRequest` with `userID` after `language` (line 4), an unknown `<nickname>` (line 5)
/// and `<Token>` for `token` (line 7), each indented by two spaces.
const MIXED: &str = include_str!("fixtures/check-auth-request-mixed/input.xml");

/// What DCS read from [`MIXED`]: it skips all three (`userID` and `token` are null).
fn mixed_dcs_json() -> String {
    dotnet_json(include_str!(
        "fixtures/check-auth-request-mixed/dcs-result.txt"
    ))
}

/// Runs `h2h check <contract> --from <from>` plus `extra` on `body`.
fn check(contract: &str, from: &str, extra: &[&str], body: &[u8]) -> Output {
    let mut args = vec!["check", contract, "--from", from];
    args.extend_from_slice(extra);
    h2h_with_stdin(&args, body)
}

/// `check --format json`'s document.
fn check_json(
    contract: &str,
    from: &str,
    extra: &[&str],
    body: &[u8],
) -> (Option<i32>, serde_json::Value) {
    let mut extra = extra.to_vec();
    extra.extend_from_slice(&["--format", "json"]);
    let output = check(contract, from, &extra, body);
    assert!(output.stderr.is_empty(), "{}", stderr(&output));
    let text = stdout(&output);
    assert_eq!(text.matches('\n').count(), 1, "one line: {text}");
    let document = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    (output.status.code(), document)
}

/// The 1-based column of the `nth` (0-based) occurrence of `needle` in one-line `text`.
fn column_of(text: &str, needle: &str, nth: usize) -> u64 {
    let (index, _) = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle} #{nth} in {text}"));
    text[..index].chars().count() as u64 + 1
}

#[test]
fn check_prints_the_servers_value_and_each_dropped_member_with_its_position_reason_and_fix() {
    let output = check("AuthRequest", "xml", &[], MIXED.as_bytes());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    // stdout: the value DCS read, in Json.NET's indented form.
    let value = stdout(&output);
    assert!(
        value.starts_with("{\n  \"token\": null,\n  \"securityCode\": \"s\","),
        "{value}"
    );
    assert_eq!(without_space_between_tokens(&value), mixed_dcs_json());
    // stderr: one warning per element DCS skips, at its start tag, as compilers lay it out.
    let err = stderr(&output);
    assert!(!err.contains('\x1b'), "colour without a terminal: {err}");
    let headers: Vec<&str> = err.lines().filter(|l| l.starts_with("warning[")).collect();
    assert_eq!(headers.len(), 3, "{err}");
    assert!(
        headers[0]
            .starts_with("warning[OutOfOrder]: DCS skips `userID`: it arrives after `language`"),
        "{err}"
    );
    assert!(
        headers[0].contains("accessToken, userID, language, securityCode, token"),
        "the order DCS reads: {err}"
    );
    assert!(
        headers[1].starts_with("warning[Unknown]: element 'nickname'"),
        "{err}"
    );
    assert!(
        headers[2].starts_with("warning[Unknown]: element 'Token'"),
        "{err}"
    );
    assert!(
        headers[2].contains("`Token` matches the member `token` only case-insensitively"),
        "{err}"
    );
    let locations: Vec<&str> = err
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .collect();
    assert_eq!(
        locations,
        ["<stdin>:4:3", "<stdin>:5:3", "<stdin>:7:3"],
        "{err}"
    );
    // The body's line, its value masked, and a caret under the start tag with the path.
    for line in [
        "4 |   <userID>*</userID>",
        "  |   ^^^^^^^^ AuthRequest/userID: skipped, as .NET does",
        "5 |   <nickname>*</nickname>",
        "  |   ^^^^^^^^^^ AuthRequest/nickname: skipped, as .NET does",
        "7 |   <Token>*</Token>",
        "  |   ^^^^^^^ AuthRequest/Token: skipped, as .NET does",
        "  = note: .NET skips it: the server's `userID` keeps its default (null, 0, false)",
        "  = note: .NET skips it",
        "  = help: move `<userID>` before `<language>`",
        "  = help: rename `<Token>` to `<token>`",
    ] {
        assert!(err.lines().any(|l| l == line), "no line {line:?} in\n{err}");
    }
    assert!(
        err.ends_with("\nh2h: 3 findings (dotnet policy)\n"),
        "{err}"
    );
}

#[test]
fn check_json_is_one_document_with_every_field_of_each_finding() {
    let (status, document) = check_json("AuthRequest", "xml", &[], MIXED.as_bytes());
    assert_eq!(status, Some(1));
    let value: serde_json::Value = serde_json::from_str(&mixed_dcs_json()).expect("JSON");
    assert_eq!(document["value"], value);
    assert_eq!(document["omitted"], 0);
    let findings = document["findings"].as_array().expect("findings");
    let keys = [
        "kind",
        "path",
        "name",
        "namespace",
        "line",
        "column",
        "dotnet",
        "outcome",
        "expectedOrder",
        "message",
        "fix",
    ];
    for finding in findings {
        let mut got: Vec<&str> = finding
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        got.sort_unstable();
        let mut want = keys.to_vec();
        want.sort_unstable();
        assert_eq!(got, want);
        assert_eq!(
            finding["namespace"],
            "http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models"
        );
        assert_eq!(finding["dotnet"], "Skips");
        assert_eq!(finding["outcome"], "Skipped");
    }
    let summary: Vec<(&str, &str, u64, u64)> = findings
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().expect("kind"),
                f["name"].as_str().expect("name"),
                f["line"].as_u64().expect("line"),
                f["column"].as_u64().expect("column"),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("OutOfOrder", "userID", 4, 3),
            ("Unknown", "nickname", 5, 3),
            ("Unknown", "Token", 7, 3)
        ]
    );
    assert_eq!(findings[0]["path"], "AuthRequest/userID");
    assert_eq!(
        findings[0]["expectedOrder"],
        serde_json::json!(["accessToken", "userID", "language", "securityCode", "token"])
    );
    assert_eq!(findings[0]["fix"], "move `<userID>` before `<language>`");
    assert_eq!(findings[2]["fix"], "rename `<Token>` to `<token>`");
    assert_eq!(findings[1]["expectedOrder"], serde_json::json!([]));
}

/// An element DCS drops: the finding's kind, the element's name, and which of the body's
/// start tags of that name it is (0 for the first).
type Dropped = (&'static str, &'static str, usize);

#[test]
fn check_reads_the_corpus_bodies_as_dcs_and_names_what_it_drops() {
    // (case, the elements DCS drops, in document order, with the occurrence of each start tag
    // in the one-line body), each read from the case's dcs-result.txt: the members DCS left
    // null although the body has them, and the elements it has no member for.
    let cases: [(&str, &[Dropped]); 5] = [
        // The documented sample, in DCS order: nothing.
        ("read-xml-seed-request", &[]),
        // Json.NET's order: DCS reads `token` (its last member) and skips the rest.
        (
            "read-xml-json-order",
            &[
                ("OutOfOrder", "securityCode", 0),
                ("OutOfOrder", "language", 0),
                ("OutOfOrder", "userID", 0),
                ("OutOfOrder", "accessToken", 0),
            ],
        ),
        // userID before accessToken, token before securityCode and language.
        (
            "read-xml-reverse-alpha-within-level",
            &[
                ("OutOfOrder", "accessToken", 0),
                ("OutOfOrder", "securityCode", 0),
                ("OutOfOrder", "language", 0),
            ],
        ),
        (
            "read-xml-unknown-elements",
            &[
                ("Unknown", "zzz", 0),
                ("Unknown", "foo", 0),
                ("Unknown", "bar", 0),
                ("Unknown", "extra", 0),
            ],
        ),
        // DCS keeps the first of each.
        (
            "read-xml-duplicate-element",
            &[("Repeated", "accessToken", 1), ("Repeated", "token", 1)],
        ),
    ];
    for (case, dropped) in cases {
        let input = vector_input(case);
        let text = String::from_utf8(input.clone()).expect("UTF-8");
        let output = check("AuthRequest", "xml", &[], &input);
        let expected_status = if dropped.is_empty() { 0 } else { 1 };
        assert_eq!(
            output.status.code(),
            Some(expected_status),
            "{case}: {}",
            stderr(&output)
        );
        assert_eq!(
            without_space_between_tokens(&stdout(&output)),
            vector_result(case),
            "{case}"
        );
        let (_, document) = check_json("AuthRequest", "xml", &[], &input);
        let got: Vec<(String, String, u64, u64)> = document["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| {
                (
                    f["kind"].as_str().expect("kind").to_owned(),
                    f["name"].as_str().expect("name").to_owned(),
                    f["line"].as_u64().expect("line"),
                    f["column"].as_u64().expect("column"),
                )
            })
            .collect();
        let want: Vec<(String, String, u64, u64)> = dropped
            .iter()
            .map(|&(kind, name, nth)| {
                // Every body here with findings is one line.
                (
                    kind.to_owned(),
                    name.to_owned(),
                    1,
                    column_of(&text, &format!("<{name}>"), nth),
                )
            })
            .collect();
        assert_eq!(got, want, "{case}");
    }
}

#[test]
fn check_of_every_contracts_sample_has_no_findings_and_convert_reads_it_in_every_policy() {
    let names = stdout(&h2h(&["contracts"]));
    assert!(names.lines().count() >= 4, "{names}");
    for name in names.lines() {
        let mut json_of_xml = None;
        for format in ["xml", "json"] {
            let sample = h2h(&["sample", name, "--format", format]);
            assert_eq!(sample.status.code(), Some(0), "{}", stderr(&sample));
            let mut outputs = Vec::new();
            for policy in ["dotnet", "forward", "strict"] {
                for to in ["json", "xml"] {
                    let args = [
                        "convert", name, "--from", format, "--to", to, "--policy", policy,
                    ];
                    let output = h2h_with_stdin(&args, &sample.stdout);
                    assert_eq!(
                        output.status.code(),
                        Some(0),
                        "{args:?}: {}",
                        stderr(&output)
                    );
                    assert!(output.stderr.is_empty(), "{args:?}: {}", stderr(&output));
                    outputs.push((to, output.stdout));
                }
            }
            // Every policy reads a clean body alike.
            for (to, bytes) in &outputs[2..] {
                let first = if *to == "json" {
                    &outputs[0].1
                } else {
                    &outputs[1].1
                };
                assert_eq!(bytes, first, "{name} from {format} to {to}");
            }
            // The XML sample and the JSON sample are one object.
            let json = String::from_utf8(outputs[0].1.clone()).expect("UTF-8");
            match json_of_xml.take() {
                None => json_of_xml = Some(json.clone()),
                Some(of_xml) => assert_eq!(of_xml, json, "{name}"),
            }
            assert_eq!(
                json,
                without_space_between_tokens(&stdout(&h2h(&["sample", name])))
            );
            // A clean body: status 0, the value, and no finding.
            let output = check(name, format, &[], &sample.stdout);
            assert_eq!(output.status.code(), Some(0), "{name}: {}", stderr(&output));
            assert_eq!(without_space_between_tokens(&stdout(&output)), json);
            assert_eq!(stderr(&output), "h2h: no findings (dotnet policy)\n");
            let (status, document) = check_json(name, format, &[], &sample.stdout);
            assert_eq!(status, Some(0));
            assert_eq!(document["findings"], serde_json::json!([]));
        }
    }
}

#[test]
fn an_unreadable_body_exits_check_with_2_and_the_error_at_its_position() {
    let body = b"{\n \"token\": \"t\",\n \"language\": x}";
    let output = check("AuthRequest", "json", &[], body);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(output.stdout.is_empty(), "{}", stdout(&output));
    let err = stderr(&output);
    assert!(
        err.starts_with("error[Syntax]: language: expected value\n"),
        "{err}"
    );
    assert!(err.contains("\n  --> <stdin>:3:14\n"), "{err}");
    assert!(err.contains("\n3 |  \"language\": *}\n"), "{err}");
    let (status, document) = check_json("AuthRequest", "json", &[], body);
    assert_eq!(status, Some(2));
    assert_eq!(
        document,
        serde_json::json!({"error": {
            "kind": "Syntax", "path": "language", "line": 3, "column": 14,
            "message": "expected value"
        }})
    );

    let body = "<AuthRequest xmlns=\"http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models\">\n<language>XX</language></AuthRequest>";
    let (status, document) = check_json("AuthRequest", "xml", &[], body.as_bytes());
    assert_eq!(status, Some(2));
    let error = &document["error"];
    assert_eq!(error["kind"], "UnknownEnumName");
    assert_eq!(error["path"], "AuthRequest/language");
    assert_eq!(
        (error["line"].as_u64(), error["column"].as_u64()),
        (Some(2), Some(1))
    );
    assert!(
        error["message"].as_str().expect("message").contains("'XX'"),
        "{error}"
    );
    // Strict refuses what DCS drops: the first such element is the error.
    let (status, document) = check_json(
        "AuthRequest",
        "xml",
        &["--policy", "strict"],
        MIXED.as_bytes(),
    );
    assert_eq!(status, Some(2));
    assert_eq!(document["error"]["kind"], "OutOfOrder");
    assert_eq!(document["error"]["path"], "AuthRequest/userID");
    assert_eq!(
        (
            document["error"]["line"].as_u64(),
            document["error"]["column"].as_u64()
        ),
        (Some(4), Some(3))
    );
}

#[test]
fn check_forward_reads_the_out_of_order_member_and_reports_the_same_elements() {
    let (status, document) = check_json(
        "AuthRequest",
        "xml",
        &["--policy", "forward"],
        MIXED.as_bytes(),
    );
    assert_eq!(status, Some(1));
    assert_eq!(document["value"]["userID"], "u");
    assert_eq!(document["value"]["token"], serde_json::Value::Null);
    let outcomes: Vec<&str> = document["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["outcome"].as_str().expect("outcome"))
        .collect();
    assert_eq!(outcomes, ["Read", "Skipped", "Skipped"]);
}

#[test]
fn check_never_prints_a_value_the_server_does_not_see() {
    // `securityCode` after `token` (DCS's last member) is skipped; `pin` is no member.
    let body = "<AuthRequest xmlns=\"http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models\"><token>T0KEN-READ</token><securityCode>S3CRET-SKIPPED</securityCode><pin a=\"ATTR-SECRET\">P1N-UNKNOWN</pin></AuthRequest>";
    for extra in [&[][..], &["--color", "always"], &["--format", "json"]] {
        let output = check("AuthRequest", "xml", extra, body.as_bytes());
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        let all = format!("{}{}", stdout(&output), stderr(&output));
        assert!(
            all.contains("T0KEN-READ"),
            "the value shows what the server reads: {all}"
        );
        for secret in ["S3CRET-SKIPPED", "P1N-UNKNOWN", "ATTR-SECRET"] {
            assert!(!all.contains(secret), "{secret} printed: {all}");
        }
    }
    // Nor around an error.
    let body = "{\"token\": \"S3CRET\", \"language\": x}";
    let output = check("AuthRequest", "json", &[], body.as_bytes());
    assert_eq!(output.status.code(), Some(2));
    assert!(!stderr(&output).contains("S3CRET"), "{}", stderr(&output));
}

#[test]
fn check_colours_the_findings_only_when_asked_or_on_a_terminal() {
    let plain = check("AuthRequest", "xml", &[], MIXED.as_bytes());
    let never = check(
        "AuthRequest",
        "xml",
        &["--color", "never"],
        MIXED.as_bytes(),
    );
    let always = check(
        "AuthRequest",
        "xml",
        &["--color", "always"],
        MIXED.as_bytes(),
    );
    assert_eq!(plain.stderr, never.stderr);
    assert!(!stderr(&plain).contains('\x1b'));
    let coloured = stderr(&always);
    assert!(
        coloured.contains("\x1b[0m\x1b[1;93mwarning[OutOfOrder]"),
        "{coloured:?}"
    );
    // The same text once the escape codes are taken out; stdout is never coloured.
    let mut stripped = String::new();
    let mut rest = coloured.as_str();
    while let Some(at) = rest.find('\x1b') {
        stripped.push_str(&rest[..at]);
        let end = rest[at..].find('m').expect("an SGR sequence");
        rest = &rest[at + end + 1..];
    }
    stripped.push_str(rest);
    assert_eq!(stripped, stderr(&plain));
    assert_eq!(always.stdout, plain.stdout);
}

#[test]
fn check_help_describes_every_option_and_its_default() {
    let help = stdout(&h2h(&["check", "--help"]));
    for text in [
        "Usage: h2h check [OPTIONS] --from <FORMAT> <Contract>",
        "--from <FORMAT>",
        "--policy <POLICY>",
        "[default: dotnet]",
        "- dotnet:",
        "- forward:",
        "- strict:",
        "--format <FORMAT>",
        "[default: text]",
        "- text:",
        "- json:",
        "--color <WHEN>",
        "[default: auto]",
        "Exit status: 0 with no findings; 1 with findings; 2 when the body does",
        "\"expectedOrder\"",
    ] {
        assert!(help.contains(text), "no {text:?} in {help}");
    }
}

#[test]
fn convert_policy_strict_refuses_forward_reads_and_dotnet_drops_an_out_of_order_member() {
    let convert = |policy: Option<&str>, body: &[u8]| {
        let mut args = vec!["convert", "AuthRequest", "--from", "xml", "--to", "json"];
        if let Some(policy) = policy {
            args.extend_from_slice(&["--policy", policy]);
        }
        h2h_with_stdin(&args, body)
    };
    let strict = convert(Some("strict"), MIXED.as_bytes());
    let line = assert_data_error(&strict);
    assert!(line.contains("AuthRequest/userID"), "{line}");
    assert!(
        line.contains("move `<userID>` before `<language>`"),
        "{line}"
    );
    assert!(line.contains("line 4, column 3"), "{line}");

    // forward (the default) reads `userID`; it cannot place `nickname` or `Token`. Each of the
    // three is a warning on stderr, one line each, and stdout is the body alone.
    let forward = convert(Some("forward"), MIXED.as_bytes());
    assert_eq!(forward.status.code(), Some(0), "{}", stderr(&forward));
    assert_eq!(
        stdout(&forward),
        r#"{"token":null,"securityCode":"s","language":1,"userID":"u","accessToken":"a"}"#
    );
    let warnings = stderr(&forward);
    let lines: Vec<&str> = warnings.lines().collect();
    assert_eq!(lines.len(), 3, "{warnings}");
    assert!(lines[0].starts_with("h2h: warning: 4:3: AuthRequest/userID: DCS skips `userID`"));
    assert!(
        lines[0].ends_with("; move `<userID>` before `<language>`"),
        "{warnings}"
    );
    assert!(
        lines[1].starts_with("h2h: warning: 5:3: AuthRequest/nickname: "),
        "{warnings}"
    );
    assert!(
        lines[2].starts_with("h2h: warning: 7:3: AuthRequest/Token: "),
        "{warnings}"
    );
    let default = convert(None, MIXED.as_bytes());
    assert_eq!(default.stdout, forward.stdout);
    assert_eq!(default.stderr, forward.stderr);

    // dotnet: what DCS read, byte for byte as Json.NET writes it.
    let dotnet = convert(Some("dotnet"), MIXED.as_bytes());
    assert_eq!(dotnet.status.code(), Some(0), "{}", stderr(&dotnet));
    assert_eq!(stdout(&dotnet), mixed_dcs_json());
    assert_eq!(stderr(&dotnet).lines().count(), 3);
    let case = "read-xml-json-order";
    let dotnet = convert(Some("dotnet"), &vector_input(case));
    assert_eq!(stdout(&dotnet), vector_result(case));
    assert_eq!(stderr(&dotnet).lines().count(), 4, "{}", stderr(&dotnet));
}

#[test]
fn json_bodies_read_as_jsonnet_reads_them() {
    // The value Json.NET reads: names in another case matched, unknown members skipped.
    for case in [
        "read-json-case-insensitive-names",
        "read-json-unknown-members",
    ] {
        let (status, document) = check_json("AuthRequest", "json", &[], &vector_input(case));
        assert_ne!(status, Some(2), "{case}: {document}");
        let expected: serde_json::Value = serde_json::from_str(&vector_result(case)).expect("JSON");
        assert_eq!(document["value"], expected, "{case}");
        let output = h2h_with_stdin(
            &[
                "convert",
                "AuthRequest",
                "--from",
                "json",
                "--to",
                "json",
                "--policy",
                "dotnet",
            ],
            &vector_input(case),
        );
        assert_eq!(stdout(&output), vector_result(case), "{case}");
    }
    // Strict refuses a member Json.NET would ignore.
    let output = h2h_with_stdin(
        &[
            "convert",
            "AuthRequest",
            "--from",
            "json",
            "--to",
            "json",
            "--policy",
            "strict",
        ],
        &vector_input("read-json-unknown-members"),
    );
    let line = assert_data_error(&output);
    assert!(line.contains("'foo'"), "{line}");
}

/// `check --from json` on a corpus case: status 1, Json.NET's value, and the findings'
/// `(path, line, column)`; each finding has a reason and its position lies in the body.
fn check_json_findings(case: &str) -> Vec<serde_json::Value> {
    let input = vector_input(case);
    let (status, document) = check_json("AuthRequest", "json", &[], &input);
    assert_eq!(status, Some(1), "{case}: {document}");
    let expected: serde_json::Value = serde_json::from_str(&vector_result(case)).expect("JSON");
    assert_eq!(document["value"], expected, "{case}");
    let findings = document["findings"].as_array().expect("findings").clone();
    let lines = String::from_utf8(input).expect("UTF-8");
    for f in &findings {
        // Paths as `json::Error::path` writes them: `userID`, `items[2].code` (and `` for
        // syntax at the top level, such as a comment before the first member).
        assert!(
            !f["path"].as_str().expect("path").is_empty() || f["kind"] == "RelaxedSyntax",
            "{f}"
        );
        assert!(!f["message"].as_str().expect("message").is_empty(), "{f}");
        let line = f["line"].as_u64().expect("line") as usize;
        let column = f["column"].as_u64().expect("column") as usize;
        let text = lines
            .lines()
            .nth(line - 1)
            .expect("the line is in the body");
        assert!(column >= 1 && column <= text.chars().count(), "{f}");
    }
    findings
}

/// The member name a JSON finding is at: the last property name of its line whose opening
/// quote is at or before the finding's column (the column may point at the name or its value).
fn name_at(case: &str, finding: &serde_json::Value) -> String {
    let input = String::from_utf8(vector_input(case)).expect("UTF-8");
    let line = input
        .lines()
        .nth(finding["line"].as_u64().expect("line") as usize - 1)
        .expect("line");
    let column = finding["column"].as_u64().expect("column") as usize;
    let chars: Vec<char> = line.chars().collect();
    let (mut found, mut i) = (String::new(), 0);
    while i < chars.len().min(column) {
        if chars[i] != '"' {
            i += 1;
            continue;
        }
        let Some(end) = chars[i + 1..].iter().position(|&c| c == '"') else {
            break;
        };
        let end = i + 1 + end;
        if chars[end + 1..].iter().find(|c| !c.is_whitespace()) == Some(&':') {
            found = chars[i + 1..end].iter().collect();
        }
        i = end + 1;
    }
    found
}

#[test]
fn check_json_reports_each_name_matched_only_case_insensitively() {
    // {"TOKEN":"t","AccessToken":"a","userid":"u"}: Json.NET matches all three (exact name
    // first, then ignoring case).
    let case = "read-json-case-insensitive-names";
    let findings = check_json_findings(case);
    let names: Vec<&str> = findings
        .iter()
        .map(|f| f["name"].as_str().expect("name"))
        .collect();
    assert_eq!(names.len(), 3, "{findings:?}");
    for (finding, (sent, member)) in findings.iter().zip([
        ("TOKEN", "token"),
        ("AccessToken", "accessToken"),
        ("userid", "userID"),
    ]) {
        assert_eq!(finding["line"], 1);
        assert_eq!(name_at(case, finding), sent, "{finding}");
        let fix = finding["fix"].as_str().expect("a fix");
        assert!(fix.contains(member), "{finding}");
        assert!(
            finding["message"].as_str().expect("message").contains(sent),
            "{finding}"
        );
    }
}

#[test]
fn check_json_reports_each_unknown_member() {
    // {"foo":{"bar":[1,2]},"token":"t","baz":null}: Json.NET ignores foo and baz.
    let case = "read-json-unknown-members";
    let findings = check_json_findings(case);
    let got: Vec<(&str, String)> = findings
        .iter()
        .map(|f| (f["kind"].as_str().expect("kind"), name_at(case, f)))
        .collect();
    assert_eq!(
        got,
        [("Unknown", "foo".to_owned()), ("Unknown", "baz".to_owned())]
    );
    assert_eq!(findings[0]["path"], "foo");
    // convert warns, one line each, and writes the value.
    let output = h2h_with_stdin(
        &["convert", "AuthRequest", "--from", "json", "--to", "json"],
        &vector_input(case),
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), vector_result(case));
    let warnings = stderr(&output);
    assert_eq!(warnings.lines().count(), 2, "{warnings}");
    assert!(
        warnings.lines().all(|l| l.starts_with("h2h: warning: 1:")),
        "{warnings}"
    );
}

#[test]
fn check_json_reports_a_repeated_member_and_gives_the_last_as_jsonnet() {
    // {"token":"1","token":"2"}: Json.NET keeps the last.
    let case = "read-json-duplicate-keys";
    let findings = check_json_findings(case);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["kind"], "Repeated");
    assert_eq!(findings[0]["path"], "token");
}

#[test]
fn check_json_reports_relaxed_syntax_and_reads_it_as_jsonnet() {
    // Comments, single quotes and an unquoted name, which Json.NET reads.
    let case = "read-json-comments-single-quotes";
    let findings = check_json_findings(case);
    assert!(!findings.is_empty());
    // The text output lays the findings out as compilers do, values masked.
    let output = check("AuthRequest", "json", &[], &vector_input(case));
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("\n  --> <stdin>:"), "{err}");
    assert!(
        !err.contains("'t'") && !err.contains("'u'"),
        "values printed: {err}"
    );
}
