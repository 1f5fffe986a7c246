//! Json.NET JSON, through serde.
//!
//! The generated models implement `serde::Serialize` and `serde::Deserialize`, so
//! `serde_json::to_string(&request)` already writes what Json.NET writes. The functions here add
//! the help page's indented layout, typed errors with the member path and position, and
//! [`ReadOptions`].
//!
//! Writing is byte-exact with `serde_json` (compact) and [`to_string_pretty`]: member order
//! most-derived level first, hidden base members left out, nulls written, enums as numbers,
//! decimals with their scale and `.0` when integral, doubles in .NET's "R" form, Json.NET's
//! string escaping. Exact numbers go through serde_json's raw-value channel; with another
//! serde format they arrive as strings.
//!
//! Reading takes each scalar's text from serde_json's raw-value channel too (feature
//! `raw_value`), so numbers are exact (a decimal keeps its scale, an integer past its type is
//! an overflow, a double is parsed as .NET parses it) without serde_json's
//! `arbitrary_precision`, which Cargo would turn on for every crate of a program and which
//! changes how their own serde_json reads (`flatten` with `f64`, untagged enums, `Value`). A
//! polymorphic contract's object is captured as text, its keys pick the variant, and the
//! variant is read from the text. [`from_slice_with`] reads a document without floats from
//! serde_json's ordinary events (integers and strings are exact there, and cheaper), and one
//! with a float again from each value's text. An error in a value read whole is placed where that value
//! is in the input (by [`from_slice_with`] and the functions built on it).
//!
//! Reading follows Json.NET: exact member name first, then case-insensitive; enums by number,
//! numeric string, boolean, or CLR name in any case (also a comma-separated list, for any
//! enum); numbers and booleans into strings, numeric and boolean strings into numbers;
//! `byte[]` as base64 or as an array of integers; `/Date(ms)/`. Each of these is pinned by a
//! case Json.NET itself answered (`tests/fixtures`).
//!
//! # Read policies and the report
//!
//! Where Json.NET ignores, picks or converts something, [`ReadOptions::policy`] decides, and
//! each such place is a [`Finding`](crate::report::Finding) of the read's [`Report`]
//! ([`from_slice_reported`]; [`Reported`] and [`ReadSeed`] through `serde_json`'s own entry
//! points), with its member path, line and column, what Json.NET does and the fix:
//!
//! | Json.NET | [`ReadPolicy::Dotnet`] | [`ReadPolicy::Forward`] (default) | [`ReadPolicy::Strict`] |
//! |---|---|---|---|
//! | ignores an unknown member (also a CLR name that is not the member's name) | skipped | skipped | [`ErrorKind::UnknownMember`] |
//! | reads a name that matches only ignoring case | read | read | [`ErrorKind::CaseMismatch`] |
//! | keeps the last of a repeated member or dictionary key (a scalar, an array `T[]`, `null`) | the last | the last | [`ErrorKind::DuplicateMember`] |
//! | fills the object, `List<T>` or dictionary an earlier occurrence of a member read with a repeated member's object or array (`ObjectCreationHandling.Auto`: items appended, members and keys merged, an object inside filled the same way; see [`JsonValue::read_json_into`]) | merged | merged | [`ErrorKind::DuplicateMember`] |
//! | reads a `DateTime` at another offset as the server's local time | converted (with [`ReadOptions::server_utc_offset_minutes`]) | kept | [`ErrorKind::OtherOffset`] |
//! | builds the declared type, ignoring a known subtype's members | the declared type | the subtype | [`ErrorKind::UnknownMember`] |
//! | reads relaxed syntax: comments, single quotes, unquoted names, trailing commas, a lone surrogate escape as U+FFFD, hex and octal numbers, ... | read (rewritten into strict JSON first) | read | [`ErrorKind::Syntax`] |
//!
//! ```
//! use datacontract::{json, report::FindingKind, DataContract, ReadPolicy};
//!
//! #[derive(DataContract)]
//! #[h2h(name = "Login", namespace = "http://schemas.datacontract.org/2004/07/Acme")]
//! struct Login {
//!     user: Option<String>,
//! }
//!
//! let body = br#"{"User": "ann", "user": "bob", "pin": "1"}"#;
//! let (login, report) = json::from_slice_reported::<Login>(body, &json::ReadOptions::default())?;
//! assert_eq!(login.user.as_deref(), Some("bob")); // Json.NET keeps the last
//! let kinds: Vec<_> = report.findings().iter().map(|f| f.kind).collect();
//! assert_eq!(kinds, [FindingKind::CaseMismatch, FindingKind::Repeated, FindingKind::Unknown]);
//! assert_eq!(report.findings()[2].column, 32);
//!
//! let mut strict = json::ReadOptions::default();
//! strict.policy = ReadPolicy::Strict;
//! assert!(json::from_slice_reported::<Login>(body, &strict).is_err());
//! # Ok::<(), datacontract::json::Error>(())
//! ```
//!
//! A plain `serde_json::from_str` reads with the default policy and keeps no report.
//! Deliberate differences from Json.NET, in every policy:
//!
//! | Json.NET | here | why |
//! |---|---|---|
//! | `undefined`, `NaN`, `Infinity`, `[1,,2]`, hex past `int`, `1.`, `new Date(0)`: read by the member's type | a syntax error | their value depends on the member's type, which a text rewrite does not know (see `lenient`) |

mod error;
mod lenient;
mod locate;
mod reported;
mod scalars;
mod scope;
pub(crate) mod token;
mod value;

pub use crate::report::{ReadPolicy, Report};
pub use error::{Error, ErrorKind};
pub use reported::{ReadSeed, Reported};
pub use value::{DictionaryKey, JsonValue, Ser};

#[doc(hidden)]
pub use value::{
    de_error, missing_required, pick_variant, read_enum, read_polymorphic, read_polymorphic_into,
    redact_error, repeated_member, unknown_member, write_raw, De, MemberKey, ReadInto,
};

/// Choices for reading. Nesting is limited by serde_json (128 levels).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReadOptions {
    /// What to do where Json.NET would ignore, pick or convert something (an unknown member,
    /// a repeated one, a name matched only case-insensitively, a date at another offset).
    pub policy: ReadPolicy,
    /// Largest document, in bytes (default 16 MiB, as for XML; `None`: no limit).
    pub max_document_bytes: Option<usize>,
    /// The server's UTC offset in minutes, where Json.NET falls back to the server's local
    /// zone: a `DateTimeOffset` written without an offset. `None` (the default): such a value
    /// is an error ([`ValueErrorKind::NoOffset`](crate::dotnet::ValueErrorKind::NoOffset)),
    /// since only the caller knows where the server is.
    pub server_utc_offset_minutes: Option<i16>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            policy: ReadPolicy::default(),
            max_document_bytes: Some(16 << 20),
            server_utc_offset_minutes: None,
        }
    }
}

/// The server UTC offset of the current read (set by [`from_slice_with`]; `None` outside it).
pub(crate) fn server_utc_offset_minutes() -> Option<i16> {
    scope::server_utc_offset_minutes()
}

/// The policy of the current read (set by [`from_slice_with`]).
pub(crate) fn policy() -> ReadPolicy {
    scope::policy()
}

/// Writes a value as Json.NET does (compact).
pub fn to_vec<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, Error> {
    // Room for a typical body in one allocation (serde_json's `to_vec` starts at 128 bytes
    // and grows).
    let mut out = Vec::with_capacity(256);
    serde_json::to_writer(&mut out, value).map_err(Error::from_write)?;
    Ok(out)
}

/// Writes a value as Json.NET does, as a `String`.
pub fn to_string<T: serde::Serialize>(value: &T) -> Result<String, Error> {
    serde_json::to_string(value).map_err(Error::from_write)
}

/// Writes a value as Json.NET does to an `io::Write`.
pub fn to_writer<W: std::io::Write, T: serde::Serialize>(
    writer: W,
    value: &T,
) -> Result<(), Error> {
    serde_json::to_writer(writer, value).map_err(Error::from_write)
}

/// Writes a value as Json.NET's `Formatting.Indented` does (two spaces, `"key": value`).
pub fn to_string_pretty<T: serde::Serialize>(value: &T) -> Result<String, Error> {
    let mut out = Vec::with_capacity(256);
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"  ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
    value.serialize(&mut ser).map_err(Error::from_write)?;
    String::from_utf8(out).map_err(|_| Error::new(ErrorKind::Syntax, "invalid UTF-8 written"))
}

/// Reads a value from JSON text.
pub fn from_str<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Error> {
    from_slice_with(text.as_bytes(), &ReadOptions::default())
}

/// Reads a value from JSON bytes.
pub fn from_slice<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    from_slice_with(bytes, &ReadOptions::default())
}

/// Reads a value from an `io::Read`.
pub fn from_reader<R: std::io::Read, T: serde::de::DeserializeOwned>(
    reader: R,
) -> Result<T, Error> {
    from_reader_with(reader, &ReadOptions::default())
}

/// Reads a value from an `io::Read` with options (the document limit applies while reading).
pub fn from_reader_with<R: std::io::Read, T: serde::de::DeserializeOwned>(
    reader: R,
    options: &ReadOptions,
) -> Result<T, Error> {
    use std::io::Read;
    let limit = options
        .max_document_bytes
        .map_or(u64::MAX, |l| u64::try_from(l).unwrap_or(u64::MAX));
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::new(ErrorKind::Io, e.to_string()))?;
    from_slice_with(&bytes, options)
}

/// The position noted for `error` (see `token`), if it lies in `bytes`.
fn located(error: &serde_json::Error, bytes: &[u8]) -> Option<(usize, usize)> {
    let full = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let message = match full.strip_suffix(&suffix) {
        Some(m) if error.line() > 0 => m,
        _ => &full,
    };
    let address = token::take_site(message)?;
    let index = address.checked_sub(bytes.as_ptr() as usize)?;
    (index <= bytes.len()).then(|| {
        let (line, column) = token::position_of(bytes, index);
        (line, column.max(1))
    })
}

/// Reads a value from JSON bytes with options, and reports what Json.NET would ignore, pick
/// or convert.
pub fn from_slice_reported<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<(T, Report), Error> {
    read(bytes, options, true)
}

/// Reads a value from JSON text with options, and reports what Json.NET would ignore, pick or
/// convert.
pub fn from_str_reported<T: serde::de::DeserializeOwned>(
    text: &str,
    options: &ReadOptions,
) -> Result<(T, Report), Error> {
    from_slice_reported(text.as_bytes(), options)
}

/// Reads a value from JSON bytes with options.
pub fn from_slice_with<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<T, Error> {
    read(bytes, options, false).map(|(value, _)| value)
}

/// Reads a value, with its report if `collect`.
fn read<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    options: &ReadOptions,
    collect: bool,
) -> Result<(T, Report), Error> {
    if let Some(limit) = options.max_document_bytes {
        if bytes.len() > limit {
            return Err(Error::new(
                ErrorKind::LimitExceeded,
                format!(
                    "document of {} bytes exceeds the limit of {limit} bytes",
                    bytes.len()
                ),
            ));
        }
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Json.NET (and Web API) read an empty body as null.
    let bytes: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        bytes
    };
    let scope = scope::ReadScope::enter(options.policy, options.server_utc_offset_minutes, collect);
    match read_strict::<T>(bytes, &scope) {
        Ok(value) => Ok((value, scope.finish(bytes))),
        // Json.NET's relaxed syntax (comments, single quotes, ...): read as Json.NET reads it,
        // each rewritten construct a finding (the strict policy keeps serde_json's error).
        Err(error) if error.kind() == ErrorKind::Syntax && options.policy != ReadPolicy::Strict => {
            let Some(relaxed) = lenient::relax(bytes) else {
                return Err(error);
            };
            read_relaxed::<T>(bytes, &relaxed, scope)
        }
        Err(error) => Err(error),
    }
}

/// Reads the rewrite of a body in Json.NET's relaxed syntax; positions are the input's.
fn read_relaxed<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    relaxed: &lenient::Relaxed,
    scope: scope::ReadScope,
) -> Result<(T, Report), Error> {
    match read_strict::<T>(&relaxed.text, &scope) {
        Ok(value) => {
            let base = relaxed.text.as_ptr() as usize;
            for rewrite in &relaxed.rewrites {
                let address = base + relaxed.relaxed_offset(rewrite.offset);
                scope::note("", address, || scope::Note {
                    kind: crate::report::FindingKind::RelaxedSyntax,
                    dotnet: crate::report::DotnetAction::Reads,
                    outcome: crate::report::Outcome::Read,
                    expected_order: Vec::new(),
                    message: format!(
                        "{}: Json.NET reads it, strict JSON does not have it",
                        rewrite.kind.description()
                    ),
                    fix: Some(rewrite.kind.fix().to_owned()),
                });
            }
            let map = |offset: usize| relaxed.original_offset(offset);
            let report = scope.finish_mapped(&relaxed.text, Some((bytes, &map)));
            Ok((value, report))
        }
        Err(mut error) => {
            // Its position in the rewritten text, put back in the input.
            if let Some((line, column)) = error.position() {
                let text = std::str::from_utf8(&relaxed.text).unwrap_or_default();
                let at = relaxed.original_offset(token::index_of(text, line, column));
                let (line, column) = token::position_of(bytes, at);
                error.set_position(Some((line, column.max(1))));
            }
            Err(error)
        }
    }
}

/// Reads strict JSON (see [`read`]): a first pass by events, a second with every value's text
/// if a float needs it, and on an error a third that tracks the member path.
fn read_strict<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    scope: &scope::ReadScope,
) -> Result<T, Error> {
    // The path tracker costs a copy of every member name: read without it, and only read
    // again with it to locate an error. The first read takes scalars from serde_json's events
    // (cheaper than a raw value each); a number serde_json hands over as a float has lost its
    // text, and the document is read again with every value's text (see `token`).
    let untracked = || {
        scope.restart();
        let mut de = serde_json::Deserializer::from_slice(bytes);
        T::deserialize(&mut de).and_then(|v| de.end().map(|()| v))
    };
    let fast = match token::read_by_events(untracked) {
        Ok(value) => Ok(value),
        Err(None) => untracked().map_err(|_| ()),
        Err(Some(_)) => Err(()),
    };
    match fast {
        Ok(value) => Ok(value),
        Err(()) => {
            token::clear_site();
            scope.restart();
            let mut de = serde_json::Deserializer::from_slice(bytes);
            let result = serde_path_to_error::deserialize(&mut de)
                .map_err(|e| {
                    // An error in a value read whole belongs where that value is, not where
                    // serde_json stopped (see `token`).
                    let site = located(e.inner(), bytes);
                    let mut error = Error::from_read(e);
                    if site.is_some() {
                        error.set_position(site);
                    }
                    error
                })
                .and_then(|v: T| de.end().map(|()| v).map_err(Error::from_trailing));
            token::clear_site();
            result
        }
    }
}
