//! The one error type of the value layer.

use std::fmt;

/// Longest part of the offending text kept in a [`ValueError`], in characters.
const MAX_ECHO_CHARS: usize = 40;

/// What went wrong when turning wire text into a .NET value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ValueErrorKind {
    /// The text is not in a form .NET accepts for the type (.NET `FormatException`).
    InvalidFormat,
    /// A well-formed number that does not fit the type (.NET `OverflowException`).
    Overflow,
    /// Well-formed, but the value lies outside what the type can hold (a 30 February, a date
    /// past year 9999, an offset beyond ±14 hours; .NET `ArgumentOutOfRangeException`).
    OutOfRange,
    /// JSON `null` (or what Json.NET treats as null, such as `""` for a decimal) where a value
    /// type is expected (.NET `InvalidCastException: Null object cannot be converted to a value type.`).
    Null,
    /// A JSON token of a kind Json.NET cannot convert to the type (`true` for a decimal, a number
    /// for a `DateTime`).
    UnexpectedToken,
    /// A `DateTimeOffset` written without an offset, read where no server UTC offset was given
    /// (Json.NET would take the server's local zone, which only the caller knows; see
    /// `json::ReadOptions::server_utc_offset_minutes`).
    NoOffset,
}

impl ValueErrorKind {
    fn describe(self) -> &'static str {
        match self {
            ValueErrorKind::InvalidFormat => "not in a valid format",
            ValueErrorKind::Overflow => "too large or too small",
            ValueErrorKind::OutOfRange => "out of range",
            ValueErrorKind::Null => "null is not a valid value",
            ValueErrorKind::UnexpectedToken => "unexpected JSON token",
            ValueErrorKind::NoOffset => {
                "it has no UTC offset, and no server UTC offset was given to read it at"
            }
        }
    }
}

/// A value that could not be read: the kind of failure, the .NET type that was expected and
/// the offending text (cut to 40 characters).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ValueError {
    kind: ValueErrorKind,
    dotnet_type: &'static str,
    text: Box<str>,
}

impl ValueError {
    /// Builds an error for `text` that was expected to hold a .NET `dotnet_type` (such as
    /// `"Int32"`); the text is kept up to its first 40 characters.
    pub fn new(kind: ValueErrorKind, dotnet_type: &'static str, text: &str) -> Self {
        let text = match text.char_indices().nth(MAX_ECHO_CHARS) {
            Some((cut, _)) => {
                let mut short = String::with_capacity(cut + 3);
                short.push_str(text.get(..cut).unwrap_or(""));
                short.push('…');
                short.into_boxed_str()
            }
            None => text.into(),
        };
        ValueError {
            kind,
            dotnet_type,
            text,
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> ValueErrorKind {
        self.kind
    }

    /// The .NET type that was expected, e.g. `"Int32"`, `"DateTime"`.
    pub fn dotnet_type(&self) -> &'static str {
        self.dotnet_type
    }

    /// The offending text, cut to 40 characters (an ellipsis marks a cut).
    pub fn text(&self) -> &str {
        &self.text
    }

    pub(crate) fn format(dotnet_type: &'static str, text: &str) -> Self {
        Self::new(ValueErrorKind::InvalidFormat, dotnet_type, text)
    }

    pub(crate) fn overflow(dotnet_type: &'static str, text: &str) -> Self {
        Self::new(ValueErrorKind::Overflow, dotnet_type, text)
    }

    pub(crate) fn range(dotnet_type: &'static str, text: &str) -> Self {
        Self::new(ValueErrorKind::OutOfRange, dotnet_type, text)
    }

    pub(crate) fn null(dotnet_type: &'static str) -> Self {
        Self::new(ValueErrorKind::Null, dotnet_type, "null")
    }

    pub(crate) fn no_offset(dotnet_type: &'static str, text: &str) -> Self {
        Self::new(ValueErrorKind::NoOffset, dotnet_type, text)
    }

    pub(crate) fn token(dotnet_type: &'static str, token: &str) -> Self {
        Self::new(ValueErrorKind::UnexpectedToken, dotnet_type, token)
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ValueErrorKind::Null => write!(
                f,
                "null cannot be converted to the .NET value type '{}'",
                self.dotnet_type
            ),
            ValueErrorKind::UnexpectedToken => write!(
                f,
                "a JSON {} cannot be converted to the .NET type '{}'",
                self.text, self.dotnet_type
            ),
            kind => write!(
                f,
                "the value '{}' cannot be parsed as the .NET type '{}': {}",
                self.text,
                self.dotnet_type,
                kind.describe()
            ),
        }
    }
}

impl std::error::Error for ValueError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_type_and_text() {
        let e = ValueError::overflow("Int32", "2147483648");
        assert_eq!(e.kind(), ValueErrorKind::Overflow);
        assert_eq!(e.dotnet_type(), "Int32");
        assert_eq!(
            e.to_string(),
            "the value '2147483648' cannot be parsed as the .NET type 'Int32': too large or too small"
        );
    }

    #[test]
    fn long_text_is_cut_on_a_char_boundary() {
        let long = "é".repeat(100);
        let e = ValueError::format("DateTime", &long);
        assert_eq!(e.text().chars().count(), 41);
        assert!(e.text().ends_with('…'));
        let short = ValueError::format("DateTime", "abc");
        assert_eq!(short.text(), "abc");
    }

    #[test]
    fn null_and_token_messages() {
        assert_eq!(
            ValueError::null("Int32").to_string(),
            "null cannot be converted to the .NET value type 'Int32'"
        );
        assert_eq!(
            ValueError::token("Decimal", "boolean").to_string(),
            "a JSON boolean cannot be converted to the .NET type 'Decimal'"
        );
    }
}
