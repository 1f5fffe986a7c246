//! One case file per error class under `tests/invalid/`. Each file states what it expects in
//! comment lines:
//!
//! ```text
//! # expect: Kind | locator | message
//! ```
//!
//! The position is found here independently of the loader: the first occurrence of the locator
//! in the non-comment lines, at its `^` if it has one. The loader must report exactly these
//! diagnostics (kind, line, column, message), all in one run, each with a hint or TOML's own text.

use std::path::{Path, PathBuf};

use h2h_schema::{load_sources, SourceFile};

struct Expected {
    kind: String,
    line: usize,
    column: usize,
    message: String,
}

fn expectations(text: &str) -> Vec<Expected> {
    let body_start = text
        .lines()
        .take_while(|l| l.starts_with('#'))
        .map(|l| l.len() + 1)
        .sum::<usize>();
    text.lines()
        .filter_map(|l| l.strip_prefix("# expect: "))
        .map(|spec| {
            let parts: Vec<&str> = spec.splitn(3, " | ").collect();
            assert_eq!(parts.len(), 3, "bad expectation `{spec}`");
            let locator = parts[1];
            let caret = locator.find('^').unwrap_or(0);
            let needle = locator.replace('^', "");
            let found = text[body_start..]
                .find(&needle)
                .unwrap_or_else(|| panic!("locator `{locator}` not found"));
            let offset = body_start + found + caret;
            let before = &text[..offset];
            let line = before.matches('\n').count() + 1;
            let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
            Expected {
                kind: parts[0].to_owned(),
                line,
                column,
                message: parts[2].to_owned(),
            }
        })
        .collect()
}

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_error_class_is_reported_with_its_position_and_message() {
    let cases = cases();
    assert!(cases.len() >= 15, "one case per error class");
    let mut failures = Vec::new();
    for path in &cases {
        let text = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let expected = expectations(&text);
        assert!(!expected.is_empty(), "{name} states no expectation");
        let file = SourceFile {
            path: PathBuf::from(&name),
            text: text.clone(),
        };
        let diagnostics = match load_sources(&[file]) {
            Ok(_) => {
                failures.push(format!("{name}: loaded without errors"));
                continue;
            }
            Err(d) => d,
        };
        let got: Vec<String> = diagnostics
            .iter()
            .map(|d| format!("{:?} {}:{} {}", d.kind, d.line, d.column, d.message))
            .collect();
        let want: Vec<String> = expected
            .iter()
            .map(|e| format!("{} {}:{} {}", e.kind, e.line, e.column, e.message))
            .collect();
        if got != want {
            failures.push(format!("{name}:\n  want {want:#?}\n  got  {got:#?}"));
        }
        for d in diagnostics.iter() {
            let shown = d.to_string();
            if !shown.starts_with(&format!("{name}:{}:{}: error: ", d.line, d.column)) {
                failures.push(format!("{name}: display lacks file:line:column: {shown}"));
            }
            if d.kind != h2h_schema::ErrorKind::Syntax
                && d.hint.is_none()
                && !shown.contains("declares")
            {
                failures.push(format!("{name}: no hint for {shown}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_embedded_schema_is_valid() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let api = h2h_schema::load_dir(&root.join("schema/api"), root).unwrap();
    let names: Vec<&str> = api.contracts.iter().map(|c| c.clr_name.as_str()).collect();
    assert_eq!(
        names,
        ["AuthRequest", "AuthResponse", "BaseRequest", "BaseResponse"]
    );
    assert_eq!(api.endpoints.len(), 1);
    assert_eq!(api.endpoints[0].samples.len(), 4);
}

#[test]
fn errors_in_several_files_are_reported_together() {
    let files = [
        SourceFile {
            path: "a.toml".into(),
            text: "namespace = \"N\"\n[[contract]]\nname = \"A\"\nbase = \"Nope\"\n".into(),
        },
        SourceFile {
            path: "b.toml".into(),
            text: "namespace = \"N\"\n[[contract]]\nname = \"B\"\nmember = [{ name = \"x\", type = \"Nope\" }]\n".into(),
        },
    ];
    let d = load_sources(&files).unwrap_err();
    let paths: Vec<String> = d.iter().map(|d| d.path.display().to_string()).collect();
    assert_eq!(paths, ["a.toml", "b.toml"]);
}
