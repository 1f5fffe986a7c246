//! Errors of the XML reader and writer: a stable kind, the element path, and the position.
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
    /// Not well-formed XML (quick-xml's parser error), or truncated.
    Syntax,
    /// The document is not UTF-8, or declares another encoding.
    Encoding,
    /// A DTD (`<!DOCTYPE`): DCS rejects them, and they could expand entities.
    Dtd,
    /// A processing instruction other than the XML declaration: DCS rejects them.
    ProcessingInstruction,
    /// The root element's name or namespace is not the contract's.
    WrongRoot,
    /// An element that is not a member of the contract (or is in another namespace).
    UnknownElement,
    /// A member element given twice.
    DuplicateElement,
    /// A member element after one that DCS reads later, so DCS would skip it
    /// ([`ReadPolicy::Strict`](crate::ReadPolicy::Strict)).
    OutOfOrder,
    /// A `[DataMember(IsRequired = true)]` member is missing.
    MissingRequired,
    /// `i:nil="true"` on a member whose type cannot be null.
    NilValueType,
    /// Text that is not a valid value of the member's .NET type.
    InvalidValue,
    /// A number outside its type's range.
    Overflow,
    /// An enum name that the enum does not have.
    UnknownEnumName,
    /// A value that has no XML form: an enum value without a name, a lone surrogate.
    Unrepresentable,
    /// An `i:type` that names no known subtype.
    UnknownType,
    /// Child elements where text was expected, or text where elements were expected.
    UnexpectedContent,
    /// A reader limit (depth, size, string length, item count) was exceeded.
    LimitExceeded,
    /// The underlying reader or writer failed.
    Io,
}

/// An XML error: kind, message, the path of the element (`AuthRequest/language`) and, when
/// reading, the 1-based line and column.
///
/// One pointer wide (its parts are boxed), so that every `Result` of a read that succeeds
/// stays as small as its value.
#[derive(Clone, PartialEq, Eq)]
pub struct Error(Box<Inner>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    message: String,
    path: String,
    position: Option<(usize, usize)>,
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.0.kind)
            .field("message", &self.0.message)
            .field("path", &self.0.path)
            .field("position", &self.0.position)
            .finish()
    }
}

impl Error {
    /// A new error with no path or position yet.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error(Box::new(Inner {
            kind,
            message: message.into(),
            path: String::new(),
            position: None,
        }))
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// The message, without path or position.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The element path, root first, separated by `/` (empty when not known).
    pub fn path(&self) -> &str {
        &self.0.path
    }

    /// 1-based line and column of the offending input, when reading.
    pub fn position(&self) -> Option<(usize, usize)> {
        self.0.position
    }

    /// Adds the name of the element that contains the failing part to the front of the path
    /// (used while writing, from the inside out).
    pub fn inside(mut self, element: &str) -> Self {
        self.0.path = if self.0.path.is_empty() {
            element.to_owned()
        } else {
            format!("{element}/{}", self.0.path)
        };
        self
    }

    pub(crate) fn with_path(mut self, path: String) -> Self {
        if self.0.path.is_empty() {
            self.0.path = path;
        }
        self
    }

    pub(crate) fn with_position(mut self, position: (usize, usize)) -> Self {
        if self.0.position.is_none() {
            self.0.position = Some(position);
        }
        self
    }

    /// Replaces the message by one that does not echo the input: used for sensitive members.
    pub fn redacted(mut self) -> Self {
        self.0.message = format!(
            "invalid value (redacted: the member is sensitive) [{:?}]",
            self.0.kind
        );
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.0.path.is_empty() {
            write!(f, "{}: ", self.0.path)?;
        }
        f.write_str(&self.0.message)?;
        if let Some((line, column)) = self.0.position {
            write!(f, " at line {line}, column {column}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// The 1-based line and column (in characters) of a byte offset.
/// [`line_column`] of each of `offsets` (in increasing order), in one pass over `source`.
pub(crate) fn line_columns(source: &[u8], offsets: &[usize]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(offsets.len());
    // Line, characters since the line's start, and how far `source` has been read.
    let (mut line, mut column, mut at) = (1, 0, 0);
    for &offset in offsets {
        let offset = offset.min(source.len());
        if offset < at {
            // Out of order (never in a read, which moves forward): count again from the start.
            out.push(line_column(source, offset));
            continue;
        }
        for &b in source.get(at..offset).unwrap_or_default() {
            if b == b'\n' {
                line += 1;
                column = 0;
            } else if b & 0xC0 != 0x80 {
                column += 1;
            }
        }
        at = offset;
        out.push((line, column + 1));
    }
    out
}

pub(crate) fn line_column(source: &[u8], offset: usize) -> (usize, usize) {
    let before = source.get(..offset.min(source.len())).unwrap_or_default();
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = before
        .get(line_start..)
        .map_or(0, |s| s.iter().filter(|&&b| (b & 0xC0) != 0x80).count())
        + 1;
    (line, column)
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod position_tests {
    use super::{line_column, line_columns};

    #[test]
    fn positions_in_one_pass_agree_with_one_at_a_time() {
        let src = "<a>\n  <b>é</b>\r\n<c/>\n\n <d/>".as_bytes();
        let offsets: Vec<usize> = (0..=src.len()).collect();
        let all = line_columns(src, &offsets);
        for (&offset, got) in offsets.iter().zip(&all) {
            assert_eq!(*got, line_column(src, offset), "offset {offset}");
        }
        // Out of order, too.
        assert_eq!(
            line_columns(src, &[20, 3]),
            vec![line_column(src, 20), line_column(src, 3)]
        );
    }
}
