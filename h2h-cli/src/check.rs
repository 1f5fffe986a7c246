//! `h2h check`: reads a body as the server would and says what the server's reader skips,
//! picks or converts.

use std::io::{Read, Write};

use h2h_models::{ContractVisitor, DataContract, ReadPolicy, Report};
use serde::Serialize;
use serde_json::value::RawValue;

use crate::diagnostics::{self, Body};
use crate::read::{read, BodyError};
use crate::{mask, Format};

/// The visitor: reads the body of the visited contract from `input`.
pub struct Check<R> {
    /// The format of `input`.
    pub from: Format,
    /// How to read what .NET's reader would skip.
    pub policy: ReadPolicy,
    /// Where the body is read, once the contract is known (stdin).
    pub input: R,
}

/// What `check` found: the body, and the value with its report or why it does not read.
pub struct Checked {
    /// The body as read from stdin.
    pub body: Vec<u8>,
    /// The value and the report, or the reader's error.
    pub result: Result<Seen, BodyError>,
}

/// The value read, as Json.NET writes it, and the report.
pub struct Seen {
    /// Json.NET's indented form.
    pub pretty: String,
    /// Json.NET's compact form.
    pub compact: String,
    /// What .NET's reader would skip, pick or convert.
    pub report: Report,
}

impl<R: Read> ContractVisitor for Check<R> {
    type Output = Result<Checked, String>;

    fn visit<T: DataContract + 'static>(mut self) -> Self::Output {
        let mut body = Vec::new();
        self.input
            .read_to_end(&mut body)
            .map_err(|e| format!("cannot read stdin: {e}"))?;
        let result = match read::<T>(self.from, self.policy, &body) {
            Ok((value, report)) => {
                let write = |e: h2h_models::json::Error| format!("cannot write the value: {e}");
                Ok(Seen {
                    pretty: h2h_models::json::to_string_pretty(&value).map_err(write)?,
                    compact: h2h_models::json::to_string(&value).map_err(write)?,
                    report,
                })
            }
            Err(error) => Err(error),
        };
        Ok(Checked { body, result })
    }
}

/// The exit status of a check: 0 with no findings, 1 with findings, 2 when the body does not
/// read.
pub fn status(checked: &Checked) -> u8 {
    match &checked.result {
        Ok(seen) if seen.report.is_empty() => 0,
        Ok(_) => 1,
        Err(_) => 2,
    }
}

/// The text output: the value on `stdout`, the findings (or the error) laid out as compilers
/// do on `stderr`, in ANSI colours if `color`.
pub fn write_text(
    checked: &Checked,
    from: Format,
    policy: &str,
    color: bool,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> std::io::Result<()> {
    // The masked body, for the excerpts (only made when there is one to show).
    let body = || {
        let text = String::from_utf8_lossy(&checked.body);
        Body::new(&match from {
            Format::Xml => mask::xml(&text),
            Format::Json => mask::json(&text),
        })
    };
    match &checked.result {
        Ok(seen) => {
            writeln!(stdout, "{}", seen.pretty)?;
            stdout.flush()?;
            let body = if seen.report.findings().is_empty() {
                Body::new("")
            } else {
                body()
            };
            diagnostics::write_findings(stderr, color, &body, &seen.report, policy)
        }
        Err(error) => diagnostics::write_error(stderr, color, &body(), error),
    }
}

/// `--format json`: `{"value", "findings", "omitted"}`, or `{"error"}` when the body does not
/// read, on one line.
pub fn to_json(checked: &Checked) -> Result<String, String> {
    let text = match &checked.result {
        Ok(seen) => {
            let value = RawValue::from_string(seen.compact.clone())
                .map_err(|e| format!("cannot write the value: {e}"))?;
            let findings = seen
                .report
                .findings()
                .iter()
                .map(FindingJson::new)
                .collect();
            serde_json::to_string(&CheckJson {
                value: &value,
                findings,
                omitted: seen.report.omitted(),
            })
        }
        Err(error) => serde_json::to_string(&ErrorDocument {
            error: ErrorJson {
                kind: &error.kind,
                path: &error.path,
                line: error.position.map(|p| p.0),
                column: error.position.map(|p| p.1),
                message: &error.message,
            },
        }),
    };
    text.map_err(|e| format!("cannot write the report: {e}"))
}

/// `--format json` of a body that reads.
#[derive(Serialize)]
struct CheckJson<'a> {
    /// The value, as Json.NET writes it.
    value: &'a RawValue,
    /// The findings, in document order.
    findings: Vec<FindingJson<'a>>,
    /// Findings past the report's limit.
    omitted: usize,
}

/// A finding in `--format json`: [`h2h_models::report::Finding`]'s fields; the kinds are
/// their variants' names.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FindingJson<'a> {
    kind: String,
    path: &'a str,
    name: &'a str,
    namespace: &'a str,
    line: u64,
    column: u64,
    dotnet: String,
    outcome: String,
    expected_order: &'a [String],
    message: &'a str,
    fix: Option<&'a str>,
}

impl<'a> FindingJson<'a> {
    fn new(f: &'a h2h_models::report::Finding) -> Self {
        FindingJson {
            kind: format!("{:?}", f.kind),
            path: &f.path,
            name: &f.name,
            namespace: &f.namespace,
            line: f.line,
            column: f.column,
            dotnet: format!("{:?}", f.dotnet),
            outcome: format!("{:?}", f.outcome),
            expected_order: &f.expected_order,
            message: &f.message,
            fix: f.fix.as_deref(),
        }
    }
}

/// `--format json` of a body that does not read.
#[derive(Serialize)]
struct ErrorDocument<'a> {
    error: ErrorJson<'a>,
}

/// The reader's error in `--format json`.
#[derive(Serialize)]
struct ErrorJson<'a> {
    kind: &'a str,
    path: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
}
