//! `h2h check`'s findings and errors laid out as compilers lay theirs out, by
//! codespan-reporting: a header with the kind and the reason, `--> <stdin>:line:column`, the
//! body's line with a caret and a label under the element, the note (what .NET does) and the
//! help (the fix).
//!
//! The line shown is the masked body's ([`crate::mask`]), cut to a window around the element
//! (a body is often one long line): each diagnostic is rendered from an [`Excerpt`], a
//! one-line file that reports the body's own line and column numbers.

use std::io::Write;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic, Label, LabelStyle, Severity};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, Chars, Config, GeneralWriteResult, WriteStyle};
use h2h_models::report::{DotnetAction, Finding, FindingKind, Outcome};

use crate::read::BodyError;

/// The name of the body in a diagnostic.
const STDIN: &str = "<stdin>";

/// Characters of context shown on each side of the labelled element.
const CONTEXT: usize = 40;

/// Longest label, in characters (a start tag can be long).
const MAX_LABEL: usize = 80;

/// The masked body, by lines.
pub struct Body {
    /// Each line's characters (a finding's column counts characters).
    lines: Vec<Vec<char>>,
}

impl Body {
    /// The masked body (see [`crate::mask`]), split into lines (`\n`; a `\r` before it is
    /// dropped).
    pub fn new(masked: &str) -> Body {
        let lines = masked
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l).chars().collect())
            .collect();
        Body { lines }
    }

    /// The excerpt around the element or token at 1-based `line` and `column` (characters).
    fn excerpt(&self, line: usize, column: usize) -> Excerpt {
        let text: &[char] = line
            .checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .map_or(&[], Vec::as_slice);
        let at = column.saturating_sub(1).min(text.len());
        let end = token_end(text, at).min(at + MAX_LABEL);
        let from = at.saturating_sub(CONTEXT);
        let to = (end + CONTEXT).min(text.len());
        let mut shown = String::new();
        if from > 0 {
            shown.push_str("...");
        }
        let chars = |r: Range<usize>| text.get(r).unwrap_or_default().iter().collect::<String>();
        shown.push_str(&chars(from..at));
        let label_start = shown.len();
        shown.push_str(&chars(at..end));
        let label_end = shown.len();
        shown.push_str(&chars(end..to));
        if to < text.len() {
            shown.push_str("...");
        }
        let before = shown.get(..label_start).map_or(0, |s| s.chars().count());
        Excerpt {
            text: shown,
            line: line.max(1),
            first_column: column.max(1) as isize - before as isize,
            label: label_start..label_end,
        }
    }
}

/// Where the token starting at `text[at]` ends: a tag to its `>` (outside quotes), a quoted
/// string to its closing quote, a JSON delimiter is one character, anything else runs to the
/// next whitespace or delimiter; nothing past the line's end.
fn token_end(text: &[char], at: usize) -> usize {
    let Some(&first) = text.get(at) else {
        return at;
    };
    let rest = text.get(at + 1..).unwrap_or_default().iter().enumerate();
    let found = match first {
        '<' => {
            let mut quote = None;
            rest.map(|(k, &c)| (k, c))
                .find(|&(_, c)| {
                    match quote {
                        Some(q) if c == q => quote = None,
                        Some(_) => {}
                        None if c == '"' || c == '\'' => quote = Some(c),
                        None => return c == '>',
                    }
                    false
                })
                .map(|(k, _)| at + k + 2)
        }
        '"' | '\'' => {
            let mut escaped = false;
            rest.map(|(k, &c)| (k, c))
                .find(|&(_, c)| {
                    let close = !escaped && c == first;
                    escaped = !escaped && c == '\\';
                    close
                })
                .map(|(k, _)| at + k + 2)
        }
        c if "{}[],:".contains(c) => Some(at + 1),
        _ => rest
            .map(|(k, &c)| (k, c))
            .find(|&(_, c)| c.is_whitespace() || "{}[],:<>\"'".contains(c))
            .map(|(k, _)| at + k + 1),
    };
    found.unwrap_or(text.len())
}

/// One line of the body, as codespan's file: it has the body's line number, and its columns
/// are the body's.
struct Excerpt {
    /// The line's window, with `...` where it is cut.
    text: String,
    /// The body's 1-based line number.
    line: usize,
    /// The body's column of `text`'s first character (less than 1 where `...` stands before
    /// the body's first shown character).
    first_column: isize,
    /// The labelled element, in bytes of `text`.
    label: Range<usize>,
}

impl<'a> Files<'a> for Excerpt {
    type FileId = ();
    type Name = &'static str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'static str, FilesError> {
        Ok(STDIN)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), _byte_index: usize) -> Result<usize, FilesError> {
        Ok(0)
    }

    fn line_number(&'a self, (): (), _line_index: usize) -> Result<usize, FilesError> {
        Ok(self.line)
    }

    fn column_number(
        &'a self,
        (): (),
        _line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        let before = self
            .text
            .get(..byte_index.min(self.text.len()))
            .map_or(0, |s| s.chars().count());
        Ok(usize::try_from(self.first_column + before as isize).unwrap_or(1))
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        match line_index {
            0 => Ok(0..self.text.len()),
            given => Err(FilesError::LineTooLarge { given, max: 0 }),
        }
    }
}

/// What .NET's reader does with the element of `finding`, for the note.
fn dotnet(finding: &Finding) -> String {
    let name = &finding.name;
    match (finding.dotnet, finding.kind) {
        (DotnetAction::Skips, FindingKind::OutOfOrder) => {
            format!(".NET skips it: the server's `{name}` keeps its default (null, 0, false)")
        }
        (DotnetAction::Skips, _) => ".NET skips it".to_owned(),
        (DotnetAction::KeepsFirst, _) => {
            format!(".NET keeps the first `{name}` and skips this one")
        }
        (DotnetAction::ConvertsToServerTime, _) => {
            ".NET converts it to the server's local time (the same instant)".to_owned()
        }
        (DotnetAction::KeepsLast, _) => {
            format!(".NET reads this `{name}` in place of the earlier one")
        }
        (DotnetAction::Merges, _) => format!(
            ".NET reads this `{name}` into the earlier one: a list's items appended, an object's members and a dictionary's keys merged"
        ),
        (DotnetAction::Reads, FindingKind::RelaxedSyntax) => {
            "Json.NET reads it; strict JSON parsers (and JSON schema validators) refuse it"
                .to_owned()
        }
        (DotnetAction::Reads, _) => format!(".NET reads `{name}` as the member it matches"),
        (other, _) => format!(".NET: {other:?}"),
    }
}

/// What this read did, for the label.
fn outcome(outcome: Outcome, dotnet: DotnetAction) -> String {
    match outcome {
        Outcome::Read if matches!(dotnet, DotnetAction::Reads | DotnetAction::KeepsLast) => {
            "read, as .NET does".to_owned()
        }
        Outcome::Read => "read (.NET would not)".to_owned(),
        Outcome::Skipped => "skipped, as .NET does".to_owned(),
        Outcome::Converted => "converted, as .NET does".to_owned(),
        Outcome::Merged => "merged, as .NET does".to_owned(),
        other => format!("{other:?}"),
    }
}

/// A finding as a warning: kind, reason, the element's line with its path and what the read
/// did, the note (what .NET does, and the order DCS reads where the reason does not give
/// it) and the help (the fix).
fn finding(finding: &Finding) -> Diagnostic<()> {
    let mut notes = vec![format!("note: {}", dotnet(finding))];
    let order = finding.expected_order.join(", ");
    if !finding.expected_order.is_empty() && !finding.message.contains(&order) {
        notes.push(format!(
            "note: the members in the order .NET reads them: {order}"
        ));
    }
    if let Some(fix) = &finding.fix {
        notes.push(format!("help: {fix}"));
    }
    Diagnostic::warning()
        .with_code(format!("{:?}", finding.kind))
        .with_message(&finding.message)
        .with_notes(notes)
}

/// Writes each finding, then a summary line; `policy` names the read policy in it.
pub fn write_findings(
    out: &mut dyn Write,
    color: bool,
    body: &Body,
    report: &h2h_models::Report,
    policy: &str,
) -> std::io::Result<()> {
    for f in report.findings() {
        let excerpt = body.excerpt(to_usize(f.line), to_usize(f.column));
        let label = Label::primary((), excerpt.label.clone()).with_message(format!(
            "{}: {}",
            f.path,
            outcome(f.outcome, f.dotnet)
        ));
        emit(out, color, &excerpt, &finding(f).with_labels(vec![label]))?;
    }
    let count = match report.findings().len() {
        0 => "no findings".to_owned(),
        1 => "1 finding".to_owned(),
        n => format!("{n} findings"),
    };
    match report.omitted() {
        0 => writeln!(out, "h2h: {count} ({policy} policy)"),
        more => writeln!(
            out,
            "h2h: {count} and {more} more not kept ({policy} policy)"
        ),
    }
}

/// Writes why the body does not read: the error with its kind and path, and the line
/// where the reader stopped.
pub fn write_error(
    out: &mut dyn Write,
    color: bool,
    body: &Body,
    error: &BodyError,
) -> std::io::Result<()> {
    let message = if error.path.is_empty() {
        error.message.clone()
    } else {
        format!("{}: {}", error.path, error.message)
    };
    let diagnostic = Diagnostic::error()
        .with_code(&error.kind)
        .with_message(message);
    match error.position {
        Some((line, column)) => {
            let excerpt = body.excerpt(line, column);
            let label = Label::primary((), excerpt.label.clone()).with_message("here");
            emit(out, color, &excerpt, &diagnostic.with_labels(vec![label]))
        }
        None => emit(out, color, &body.excerpt(1, 1), &diagnostic),
    }
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// Renders one diagnostic, in ANSI colours or plain.
fn emit(
    out: &mut dyn Write,
    color: bool,
    excerpt: &Excerpt,
    diagnostic: &Diagnostic<()>,
) -> std::io::Result<()> {
    let config = Config {
        chars: Chars::ascii(),
        ..Config::default()
    };
    let result = if color {
        term::emit_to_write_style(&mut Ansi(&mut *out), &config, excerpt, diagnostic)
    } else {
        term::emit_to_io_write(&mut *out, &config, excerpt, diagnostic)
    };
    result.map_err(|e| match e {
        FilesError::Io(e) => e,
        other => std::io::Error::other(other.to_string()),
    })
}

/// codespan's default styles (as its termcolor back end has them) in ANSI escape codes.
struct Ansi<'w>(&'w mut dyn Write);

impl Write for Ansi<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// The colour code of a severity.
fn severity_color(severity: Severity) -> &'static str {
    match severity {
        Severity::Bug | Severity::Error => "31",
        Severity::Warning => "33",
        Severity::Note => "32",
        Severity::Help => "36",
    }
}

impl Ansi<'_> {
    /// Starts a style: a reset, then the SGR parameters `codes`.
    fn style(&mut self, codes: &str) -> GeneralWriteResult {
        write!(self.0, "\x1b[0m\x1b[{codes}m")
    }
}

impl WriteStyle for Ansi<'_> {
    fn set_header(&mut self, severity: Severity) -> GeneralWriteResult {
        // Bold, intense (the bright variant: 90 + colour).
        let code = severity_color(severity).replacen('3', "9", 1);
        self.style(&format!("1;{code}"))
    }

    fn set_header_message(&mut self) -> GeneralWriteResult {
        self.style("1")
    }

    fn set_line_number(&mut self) -> GeneralWriteResult {
        self.style("36")
    }

    fn set_note_bullet(&mut self) -> GeneralWriteResult {
        self.style("36")
    }

    fn set_source_border(&mut self) -> GeneralWriteResult {
        self.style("36")
    }

    fn set_label(&mut self, severity: Severity, style: LabelStyle) -> GeneralWriteResult {
        match style {
            LabelStyle::Primary => self.style(severity_color(severity)),
            LabelStyle::Secondary => self.style("36"),
        }
    }

    fn reset(&mut self) -> GeneralWriteResult {
        write!(self.0, "\x1b[0m")
    }
}

#[cfg(test)]
mod tests {
    use super::{token_end, Body};

    fn end(text: &str, at: usize) -> usize {
        token_end(&text.chars().collect::<Vec<_>>(), at)
    }

    #[test]
    fn tokens_are_tags_strings_delimiters_or_words() {
        assert_eq!(end("  <userID a=\">\">x", 2), 16);
        assert_eq!(end("<a", 0), 2);
        assert_eq!(end(r#"{"To\"k": 1}"#, 1), 8);
        assert_eq!(end("[1, 2]", 0), 1);
        assert_eq!(end("x: 12345}", 3), 8);
        assert_eq!(end("ab", 2), 2);
    }

    #[test]
    fn an_excerpt_keeps_the_bodys_columns() {
        use codespan_reporting::files::Files;
        let long = format!("{}<userID>*</userID>{}", "x".repeat(100), "y".repeat(100));
        let body = Body::new(&format!("first\r\n{long}"));
        let excerpt = body.excerpt(2, 101);
        assert!(excerpt.text.starts_with("..."), "{}", excerpt.text);
        assert!(excerpt.text.ends_with("..."), "{}", excerpt.text);
        assert_eq!(excerpt.text.get(excerpt.label.clone()), Some("<userID>"));
        assert_eq!(
            excerpt
                .location((), excerpt.label.start)
                .map(|l| (l.line_number, l.column_number))
                .ok(),
            Some((2, 101))
        );
        let short = body.excerpt(1, 3);
        assert_eq!(short.text, "first");
        assert_eq!(short.text.get(short.label.clone()), Some("rst"));
        // Past the end of a line (an error at the end of the body): an empty label at its end,
        // and still the column the reader gave.
        let past = body.excerpt(1, 9);
        assert_eq!(past.label, 5..5);
        assert_eq!(past.location((), 5).map(|l| l.column_number).ok(), Some(9));
    }
}
