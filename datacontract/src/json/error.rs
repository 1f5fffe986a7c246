//! Errors of JSON reading and writing: a stable kind, the member path and the position.
// Input reaches this module: nothing here may panic on it.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::fmt;

/// What went wrong; stable, so programs can match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Not valid JSON, or truncated.
    Syntax,
    /// A value of the wrong JSON type or text that is not a valid value of the member's type.
    InvalidValue,
    /// A number outside its type's range.
    Overflow,
    /// A member the contract does not have.
    UnknownMember,
    /// A member given twice (or in two spellings).
    DuplicateMember,
    /// A member name that matches only ignoring case (under the strict policy).
    CaseMismatch,
    /// A date and time at another UTC offset than the server's (under the strict policy).
    OtherOffset,
    /// A required member is missing.
    MissingRequired,
    /// An enum name the enum does not have.
    UnknownEnumName,
    /// A value with no JSON form (a lone surrogate cannot occur in Rust strings).
    Unrepresentable,
    /// A reader limit was exceeded.
    LimitExceeded,
    /// The underlying reader or writer failed.
    Io,
}

impl ErrorKind {
    pub(crate) const ALL: [ErrorKind; 12] = [
        ErrorKind::Syntax,
        ErrorKind::InvalidValue,
        ErrorKind::Overflow,
        ErrorKind::UnknownMember,
        ErrorKind::DuplicateMember,
        ErrorKind::CaseMismatch,
        ErrorKind::OtherOffset,
        ErrorKind::MissingRequired,
        ErrorKind::UnknownEnumName,
        ErrorKind::Unrepresentable,
        ErrorKind::LimitExceeded,
        ErrorKind::Io,
    ];

    /// The tag our own serde errors carry, so the kind survives serde's string errors.
    pub(crate) fn tag(self) -> String {
        format!("[h2h:{self:?}] ")
    }
}

/// A JSON error: kind, message, member path (`items[2].code`) and line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    path: String,
    position: Option<(usize, usize)>,
}

impl Error {
    /// A new error.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            path: String::new(),
            position: None,
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message, without path or position.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The member path (`.` separated, `[i]` for items; empty for the root).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// 1-based line and column where reading stopped.
    pub fn position(&self) -> Option<(usize, usize)> {
        self.position
    }

    fn from_serde(e: &serde_json::Error) -> Self {
        use serde_json::error::Category;
        let text = e.to_string();
        // serde_json appends " at line L column C"; the position is kept separately.
        let text = match text.rfind(" at line ").and_then(|i| text.get(..i)) {
            Some(cut) if e.line() > 0 => cut.to_owned(),
            _ => text,
        };
        let (kind, message) = match ErrorKind::ALL
            .iter()
            .find_map(|k| text.strip_prefix(&k.tag()).map(|m| (*k, m.to_owned())))
        {
            Some(found) => found,
            // serde_json's nesting limit (128 arrays or objects) is a reader limit.
            None if text.starts_with("recursion limit exceeded") => {
                (ErrorKind::LimitExceeded, text)
            }
            None => match e.classify() {
                Category::Io => (ErrorKind::Io, text),
                Category::Syntax | Category::Eof => (ErrorKind::Syntax, text),
                Category::Data => (ErrorKind::InvalidValue, text),
            },
        };
        Error {
            kind,
            message,
            path: String::new(),
            // serde_json says column 0 before the first character of a line.
            position: (e.line() > 0).then(|| (e.line(), e.column().max(1))),
        }
    }

    pub(crate) fn set_position(&mut self, position: Option<(usize, usize)>) {
        self.position = position;
    }

    pub(crate) fn from_read(e: serde_path_to_error::Error<serde_json::Error>) -> Self {
        use serde_path_to_error::Segment;
        // serde_path_to_error's form (`items[2].code`), without the `?` it ends with while a
        // key is not read yet (a syntax error between members belongs to the object).
        let segments: Vec<&Segment> = e.path().iter().collect();
        let known = segments
            .iter()
            .rposition(|s| !matches!(s, Segment::Unknown))
            .map_or(0, |i| i + 1);
        let mut path = String::new();
        for segment in segments.iter().take(known) {
            if !path.is_empty() && !matches!(segment, Segment::Seq { .. }) {
                path.push('.');
            }
            path.push_str(&segment.to_string());
        }
        let mut error = Error::from_serde(e.inner());
        error.path = path;
        error
    }

    pub(crate) fn from_trailing(e: serde_json::Error) -> Self {
        Error::from_serde(&e)
    }

    pub(crate) fn from_write(e: serde_json::Error) -> Self {
        Error::from_serde(&e)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)?;
        if let Some((line, column)) = self.position {
            write!(f, " at line {line}, column {column}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}
