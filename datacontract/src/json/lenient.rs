//! Json.NET's relaxed syntax rewritten into strict JSON, for serde_json.
//!
//! Json.NET's `JsonTextReader` (6.0.8, the harness's) reads more than JSON: comments,
//! single-quoted strings, unquoted member names, trailing commas, … serde_json reads strict
//! JSON only. When serde_json refuses a body, [`relax`] rewrites the relaxed constructs into
//! strict ones that read as the same value, and says what it rewrote and where
//! ([`Relaxed::rewrites`]); [`Relaxed::original_offset`] maps a position in the rewritten text
//! back to the input, for errors.
//!
//! Each rule was measured with Json.NET under Mono (`JsonConvert.DeserializeObject` through
//! `conformance/dotnet/Harness.cs`); the `read-json-lenient-*` cases of
//! `h2h-models/tests/fixtures/own-vectors` pin them.
//!
//! # Rewritten
//!
//! | Json.NET accepts | rewritten to | [`RewriteKind`] |
//! |---|---|---|
//! | `/* block */` and `// line` comments, wherever whitespace may be but between a member name and its `:` (refused there) | spaces (line breaks kept, so line numbers stay) | `Comment` |
//! | `'single quoted'` names and values; `"` inside is a quote, `\'` an apostrophe | `"double quoted"`, with `\"` and `'` | `SingleQuotedString` |
//! | unquoted names of ASCII letters, digits, `_` and `$` (a digit first too), ended by whitespace or `:` | `"quoted"` | `UnquotedName` |
//! | a comma before `}` or `]` (after whitespace or comments too) | a space | `TrailingComma` |
//! | a lone surrogate escape (`\ud800` not followed by a low one, `\udc00` alone): U+FFFD | `\ufffd` (same length) | `LoneSurrogate` |
//! | `\'` in a double-quoted string | `'` | `EscapedApostrophe` |
//! | a control character (U+0000 to U+001F, a line break or tab too) unescaped in a string, kept | its escape (`\n`, `\t`, `\u0001`, …) | `ControlCharacter` |
//! | between tokens, every .NET `char.IsWhiteSpace` character (vertical tab, form feed, U+0085, no-break space, U+1680, U+2000 to U+200A, U+2028, U+2029, U+202F, U+205F, U+3000) and NUL | spaces, one per byte | `Whitespace` |
//! | a `\u` escape whose four characters hold its hex digits between spaces (`\u 41 `: .NET's `int.Parse` with `HexNumber`) | `\u0041` (same length) | `PaddedUnicodeEscape` |
//! | `0x1F` (hexadecimal) up to `int.MaxValue` | `31` | `HexadecimalNumber` |
//! | `012` (octal, Json.NET reads it as 10!) up to `int.MaxValue`; `00` | `10`, `0` | `OctalNumber` |
//! | `-012`, `-00.5` (a negative number is decimal, leading zeros ignored) | `-12`, `-0.5` | `NegativeLeadingZeros` |
//! | `.5`, `-.5e1` | `0.5`, `-0.5e1` | `LeadingPoint` |
//!
//! A string's contents are kept exactly: escapes other than the ones above are left as they are.
//! A leading byte order mark is skipped (Json.NET's reader skips it, `from_slice` strips it).
//! A body of only comments and whitespace becomes whitespace: Json.NET reads it as null, as
//! `from_slice` reads an empty body.
//!
//! # Refused by Json.NET, left refused
//!
//! Json.NET refuses these (measured), and so does serde_json after [`relax`], which returns
//! `None` on them (a malformed number, such as `08`, `012.5` or `-0x10`, it leaves as written): a
//! comment between a member name and its `:` (or inside an unquoted name); `{,}`, `{"a":1,,}`;
//! a comma after the root value; `/` not starting a comment, an unterminated comment or string;
//! an identifier as a value (`{a:b}`); an unknown escape (`\x41`, `\v`, `\0`, `\a`); `+1`;
//! characters that are not .NET whitespace (U+180E, U+200B, U+FEFF past the start, U+001C to
//! U+001F); bytes that are not UTF-8, in a comment too (the server decodes the body strictly).
//!
//! # Accepted by Json.NET, not rewritten
//!
//! Where Json.NET reads a construct into a value that depends on the member's .NET type, a
//! rewrite that knows only the text cannot give that value; rewriting stops there and the rest
//! is copied as it is, so serde_json's error falls on the construct (the rewrites before it are
//! still listed):
//!
//! - `undefined`, and an empty array item (`[1,,2]`, `[,]`: Json.NET reads an `Undefined`
//!   token there): null for an object, a contract or a list item of one, but an error for a
//!   string, a number, a date, a nullable (`Error reading string. Unexpected token:
//!   Undefined`); `null` would be accepted by all of them.
//! - `NaN`, `Infinity`, `-Infinity`: a double's NaN for `double` and `object`, `true` for a
//!   `bool`, "NaN" for a string, an error for `decimal` and `int`; neither a number nor the
//!   string "NaN" reads so everywhere.
//! - A hexadecimal or octal number past `int.MaxValue`: Json.NET converts it with the width of
//!   the member (`0xFFFFFFFF` is -1 for an `int`, 4294967295 for a `long`,
//!   `0x8000000000000000` is `long.MinValue` for a string).
//! - A number ending in its point (`1.`, `1.e2`): a decimal reads it with no scale (1), a
//!   double, a string and an `object` read it as a float (1.0), an `int` refuses it; `1` and
//!   `1.0` each differ somewhere.
//! - An unquoted name with a character past ASCII: Json.NET takes `char.IsLetterOrDigit`
//!   characters (of its Unicode tables, UTF-16 code units: a letter past U+FFFF is refused),
//!   which Rust's tables do not reproduce.
//! - A constructor (`new Date(0)`): Json.NET's `StartConstructor`, which no contract here reads
//!   (a `DateTime` refuses it, `Unexpected token: StartConstructor`).
//! - A comment inside an array held by an `object` member: Json.NET keeps it in the `JArray`
//!   (and writes it back); the comment is removed here like any other (and an `Object` does
//!   not hold arrays anyway).
//!
//! The rewrite is one pass over the input (linear time, no recursion: nesting is a stack on the
//! heap), and allocates nothing until it finds something to rewrite. Nothing here panics on
//! any input.
// Input reaches this module: nothing here may panic on it.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

/// A relaxed document rewritten as strict JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Relaxed {
    /// The strict JSON text, for serde_json.
    pub(crate) text: Vec<u8>,
    /// What was rewritten, in the order of the input (one entry per construct; one per kind
    /// and string inside a string).
    pub(crate) rewrites: Vec<Rewrite>,
    /// The rewrites that changed the length, in order: the offset map.
    edits: Vec<Edit>,
}

/// One rewritten construct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rewrite {
    /// Where the construct starts: a byte offset in the original input.
    pub(crate) offset: usize,
    /// What it was.
    pub(crate) kind: RewriteKind,
}

/// A construct of Json.NET's relaxed syntax that strict JSON does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum RewriteKind {
    /// `/* … */` or `// …`.
    Comment,
    /// A name or a value in single quotes.
    SingleQuotedString,
    /// A member name without quotes.
    UnquotedName,
    /// A comma before `}` or `]`.
    TrailingComma,
    /// A `\u` escape of a surrogate without its pair, which Json.NET reads as U+FFFD.
    LoneSurrogate,
    /// `\'` in a double-quoted string.
    EscapedApostrophe,
    /// A control character written as it is in a string.
    ControlCharacter,
    /// A character between tokens that .NET counts as whitespace and JSON does not.
    Whitespace,
    /// A `\u` escape with spaces among its four characters.
    PaddedUnicodeEscape,
    /// A number written in hexadecimal (`0x1F`).
    HexadecimalNumber,
    /// A number with a leading zero, which Json.NET reads as octal (`012` is 10).
    OctalNumber,
    /// A negative number with leading zeros (`-012`).
    NegativeLeadingZeros,
    /// A number with no digit before its point (`.5`).
    LeadingPoint,
}

impl RewriteKind {
    /// What the construct is, for a report ("a comment").
    pub(crate) fn description(self) -> &'static str {
        match self {
            RewriteKind::Comment => "a comment",
            RewriteKind::SingleQuotedString => "a single-quoted string",
            RewriteKind::UnquotedName => "an unquoted member name",
            RewriteKind::TrailingComma => "a trailing comma",
            RewriteKind::LoneSurrogate => {
                "a lone surrogate escape (Json.NET reads U+FFFD, the replacement character)"
            }
            RewriteKind::EscapedApostrophe => "an escaped apostrophe (\\')",
            RewriteKind::ControlCharacter => "an unescaped control character in a string",
            RewriteKind::Whitespace => "a whitespace character JSON does not allow",
            RewriteKind::PaddedUnicodeEscape => "a \\u escape padded with spaces",
            RewriteKind::HexadecimalNumber => "a hexadecimal number",
            RewriteKind::OctalNumber => {
                "a number with a leading zero (Json.NET reads it as octal: 012 is 10)"
            }
            RewriteKind::NegativeLeadingZeros => "a negative number with leading zeros",
            RewriteKind::LeadingPoint => "a number without a digit before its point",
        }
    }

    /// How the sender writes it as strict JSON ("remove the comment").
    pub(crate) fn fix(self) -> &'static str {
        match self {
            RewriteKind::Comment => "remove the comment",
            RewriteKind::SingleQuotedString => "use double quotes",
            RewriteKind::UnquotedName => "put the name in double quotes",
            RewriteKind::TrailingComma => "remove the comma",
            RewriteKind::LoneSurrogate => {
                "send the character itself, or \\ufffd if the replacement character is meant"
            }
            RewriteKind::EscapedApostrophe => "write the apostrophe without a backslash",
            RewriteKind::ControlCharacter => "escape it (\\n, \\t, \\u0001, …)",
            RewriteKind::Whitespace => "use a space",
            RewriteKind::PaddedUnicodeEscape => "write four hex digits after \\u",
            RewriteKind::HexadecimalNumber => "write the number in decimal",
            RewriteKind::OctalNumber => "write the number in decimal, without leading zeros",
            RewriteKind::NegativeLeadingZeros => "remove the leading zeros",
            RewriteKind::LeadingPoint => "write a 0 before the point",
        }
    }
}

impl std::fmt::Display for Rewrite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "byte {}: {}: {}",
            self.offset,
            self.kind.description(),
            self.kind.fix()
        )
    }
}

/// A rewrite that changed the length: `original_len` bytes at `original` became
/// `relaxed_len` bytes at `relaxed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Edit {
    relaxed: usize,
    original: usize,
    relaxed_len: usize,
    original_len: usize,
}

impl Relaxed {
    /// The offset in the original input of the byte at `relaxed_offset` in [`Relaxed::text`]
    /// (a byte the rewrite inserted or changed maps to the construct it came from; the end of
    /// the text maps to the end of the input).
    pub(crate) fn original_offset(&self, relaxed_offset: usize) -> usize {
        let before = self.edits.partition_point(|e| e.relaxed <= relaxed_offset);
        let Some(edit) = before.checked_sub(1).and_then(|i| self.edits.get(i)) else {
            return relaxed_offset;
        };
        let into = relaxed_offset - edit.relaxed;
        if into < edit.relaxed_len {
            edit.original + into.min(edit.original_len.saturating_sub(1))
        } else {
            edit.original + edit.original_len + (into - edit.relaxed_len)
        }
    }
}

impl Relaxed {
    /// The offset in [`Relaxed::text`] of the construct at `original_offset` in the input (the
    /// start of what a rewrite made of it).
    pub(crate) fn relaxed_offset(&self, original_offset: usize) -> usize {
        let before = self
            .edits
            .partition_point(|e| e.original <= original_offset);
        let Some(edit) = before.checked_sub(1).and_then(|i| self.edits.get(i)) else {
            return original_offset;
        };
        let into = original_offset - edit.original;
        if into < edit.original_len {
            edit.relaxed + into.min(edit.relaxed_len.saturating_sub(1))
        } else {
            edit.relaxed + edit.relaxed_len + (into - edit.original_len)
        }
    }
}

/// Rewrites Json.NET's relaxed syntax in `input` into strict JSON (see the module docs).
///
/// `None`: nothing to rewrite, or the input is not something Json.NET reads either; serde_json's
/// own error on the input stands.
pub(crate) fn relax(input: &[u8]) -> Option<Relaxed> {
    let mut scanner = Scanner {
        input,
        pos: 0,
        out: Out {
            input,
            text: Vec::new(),
            flushed: 0,
            rewrites: Vec::new(),
            edits: Vec::new(),
        },
        stack: Vec::new(),
    };
    if input.starts_with(b"\xEF\xBB\xBF") {
        scanner.pos = 3;
        scanner.out.replace(0, 3, b"");
    }
    match scanner.run() {
        Ok(()) | Err(Stop::Unsupported) => {}
        Err(Stop::Refused) => return None,
    }
    let out = scanner.out;
    if out.rewrites.is_empty() {
        return None;
    }
    let mut text = out.text;
    text.extend_from_slice(input.get(out.flushed..).unwrap_or_default());
    Some(Relaxed {
        text,
        rewrites: out.rewrites,
        edits: out.edits,
    })
}

/// Why the scan ended early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// Json.NET refuses the input too.
    Refused,
    /// Json.NET reads something here that is not rewritten: the rest is kept as it is.
    Unsupported,
}

/// The rewritten text, built lazily: nothing is copied until the first rewrite.
struct Out<'a> {
    input: &'a [u8],
    /// The rewritten text of `input[..flushed]`.
    text: Vec<u8>,
    flushed: usize,
    rewrites: Vec<Rewrite>,
    edits: Vec<Edit>,
}

impl Out<'_> {
    /// Replaces `input[start..end]` with `with` (`start` at or past what is already written).
    fn replace(&mut self, start: usize, end: usize, with: &[u8]) {
        self.flush(start);
        let relaxed = self.text.len();
        self.text.extend_from_slice(with);
        let original_len = end.saturating_sub(start);
        if with.len() != original_len {
            self.edits.push(Edit {
                relaxed,
                original: start,
                relaxed_len: with.len(),
                original_len,
            });
        }
        self.flushed = self.flushed.max(end);
    }

    /// Copies the input up to `to` as it is.
    fn flush(&mut self, to: usize) {
        if to > self.flushed {
            self.text
                .extend_from_slice(self.input.get(self.flushed..to).unwrap_or_default());
            self.flushed = to;
        }
    }

    /// Replaces `input[start..end]` with spaces, keeping line breaks.
    fn blank(&mut self, start: usize, end: usize) {
        self.flush(start);
        let bytes = self.input.get(start..end).unwrap_or_default();
        self.text.extend(
            bytes
                .iter()
                .map(|&b| if b == b'\n' || b == b'\r' { b } else { b' ' }),
        );
        self.flushed = self.flushed.max(end);
    }

    /// Replaces the one byte at `at` with a space, also when it is already written (only
    /// rewrites that keep the length may follow it then, which holds for the whitespace and
    /// comments between a trailing comma and its bracket).
    fn blank_byte(&mut self, at: usize) {
        if at >= self.flushed {
            self.replace(at, at + 1, b" ");
        } else if let Some(byte) = self
            .text
            .len()
            .checked_sub(self.flushed - at)
            .and_then(|i| self.text.get_mut(i))
        {
            *byte = b' ';
        }
    }

    fn note(&mut self, offset: usize, kind: RewriteKind) {
        self.rewrites.push(Rewrite { offset, kind });
    }
}

/// An open object or array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Object,
    Array,
}

/// What the scanner expects next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// The root value, or a member's value after its `:`.
    Value,
    /// An array item, after `[` (`None`) or after the comma at the offset.
    Item(Option<usize>),
    /// A member name, after `{` (`None`) or after the comma at the offset.
    Name(Option<usize>),
    /// The `:` after a member name (whitespace only before it, no comment).
    Colon,
    /// What follows a value: `,`, the end of its container, or the end of the input.
    After,
}

struct Scanner<'a> {
    input: &'a [u8],
    pos: usize,
    out: Out<'a>,
    stack: Vec<Container>,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.input.get(self.pos).copied()
    }

    fn at(&self, offset: usize) -> Option<u8> {
        self.input.get(offset).copied()
    }

    fn run(&mut self) -> Result<(), Stop> {
        let mut state = State::Value;
        loop {
            state = match state {
                State::Value => {
                    self.skip_space(true)?;
                    match self.peek() {
                        // An empty body (or only comments): Json.NET reads null.
                        None if self.stack.is_empty() => return Ok(()),
                        _ => self.value()?,
                    }
                }
                State::Item(comma) => {
                    self.skip_space(true)?;
                    match self.peek() {
                        Some(b']') => {
                            if let Some(comma) = comma {
                                self.trailing_comma(comma);
                            }
                            self.close(Container::Array)?
                        }
                        // `[1,,2]`, `[,]`: an Undefined item.
                        Some(b',') => return Err(Stop::Unsupported),
                        _ => self.value()?,
                    }
                }
                State::Name(comma) => {
                    self.skip_space(true)?;
                    match self.peek() {
                        Some(b'}') => {
                            if let Some(comma) = comma {
                                self.trailing_comma(comma);
                            }
                            self.close(Container::Object)?
                        }
                        Some(quote @ (b'"' | b'\'')) => {
                            self.string(quote)?;
                            State::Colon
                        }
                        Some(b) if is_identifier_byte(b) => {
                            self.unquoted_name()?;
                            State::Colon
                        }
                        Some(0x80..) => return Err(Stop::Unsupported),
                        _ => return Err(Stop::Refused),
                    }
                }
                State::Colon => {
                    self.skip_space(false)?;
                    match self.peek() {
                        Some(b':') => {
                            self.pos += 1;
                            State::Value
                        }
                        _ => return Err(Stop::Refused),
                    }
                }
                State::After => {
                    self.skip_space(true)?;
                    match (self.peek(), self.stack.last()) {
                        (None, None) => return Ok(()),
                        (Some(b','), Some(container)) => {
                            let comma = self.pos;
                            self.pos += 1;
                            match container {
                                Container::Array => State::Item(Some(comma)),
                                Container::Object => State::Name(Some(comma)),
                            }
                        }
                        (Some(b']'), Some(Container::Array)) => self.close(Container::Array)?,
                        (Some(b'}'), Some(Container::Object)) => self.close(Container::Object)?,
                        _ => return Err(Stop::Refused),
                    }
                }
            };
        }
    }

    /// Closes the innermost container (its bracket is at `pos`).
    fn close(&mut self, container: Container) -> Result<State, Stop> {
        match self.stack.pop() {
            Some(open) if open == container => {
                self.pos += 1;
                Ok(State::After)
            }
            _ => Err(Stop::Refused),
        }
    }

    fn trailing_comma(&mut self, comma: usize) {
        self.out.blank_byte(comma);
        self.out.note(comma, RewriteKind::TrailingComma);
    }

    /// A value at `pos` (whitespace skipped); the state after it.
    fn value(&mut self) -> Result<State, Stop> {
        let Some(first) = self.peek() else {
            return Err(Stop::Refused);
        };
        match first {
            b'{' => {
                self.pos += 1;
                self.stack.push(Container::Object);
                Ok(State::Name(None))
            }
            b'[' => {
                self.pos += 1;
                self.stack.push(Container::Array);
                Ok(State::Item(None))
            }
            b'"' | b'\'' => {
                self.string(first)?;
                Ok(State::After)
            }
            b'-' | b'.' | b'0'..=b'9' => {
                self.number()?;
                Ok(State::After)
            }
            _ => {
                let rest = self.input.get(self.pos..).unwrap_or_default();
                if let Some(word) = [&b"true"[..], b"false", b"null"]
                    .into_iter()
                    .find(|w| rest.starts_with(w))
                {
                    // What follows is checked as what follows any value (`nullx` is refused).
                    self.pos += word.len();
                    Ok(State::After)
                } else if [&b"undefined"[..], b"NaN", b"Infinity", b"new"]
                    .into_iter()
                    .any(|w| rest.starts_with(w))
                {
                    Err(Stop::Unsupported)
                } else {
                    Err(Stop::Refused)
                }
            }
        }
    }

    /// Skips whitespace, rewriting what JSON does not count as whitespace, and comments where
    /// `comments` (else a `/` is refused, as Json.NET refuses a comment before a `:`).
    fn skip_space(&mut self, comments: bool) -> Result<(), Stop> {
        let mut noted = false;
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.pos += 1,
                Some(0 | 0x0b | 0x0c) => {
                    self.out.replace(self.pos, self.pos + 1, b" ");
                    self.whitespace_noted(&mut noted);
                    self.pos += 1;
                }
                Some(b'/') if comments => {
                    self.comment()?;
                    noted = false;
                }
                Some(b'/') => return Err(Stop::Refused),
                Some(0x80..) => match char_at(self.input, self.pos) {
                    Some((c, len)) if is_dotnet_space(c) => {
                        let spaces = b"    ".get(..len).unwrap_or_default();
                        self.out.replace(self.pos, self.pos + len, spaces);
                        self.whitespace_noted(&mut noted);
                        self.pos += len;
                    }
                    _ => return Ok(()),
                },
                _ => return Ok(()),
            }
        }
    }

    fn whitespace_noted(&mut self, noted: &mut bool) {
        if !*noted {
            self.out.note(self.pos, RewriteKind::Whitespace);
            *noted = true;
        }
    }

    /// A comment at `pos` (its `/`), blanked.
    fn comment(&mut self) -> Result<(), Stop> {
        let start = self.pos;
        let body = start + 2;
        let end = match self.at(start + 1) {
            Some(b'*') => {
                let rest = self.input.get(body..).unwrap_or_default();
                match rest.windows(2).position(|w| w == b"*/") {
                    Some(i) => body + i + 2,
                    None => return Err(Stop::Refused),
                }
            }
            Some(b'/') => {
                let rest = self.input.get(body..).unwrap_or_default();
                body + rest
                    .iter()
                    .position(|&b| b == b'\n' || b == b'\r')
                    .unwrap_or(rest.len())
            }
            _ => return Err(Stop::Refused),
        };
        // The server decodes the whole body as strict UTF-8, comments too.
        if std::str::from_utf8(self.input.get(start..end).unwrap_or_default()).is_err() {
            return Err(Stop::Refused);
        }
        self.out.blank(start, end);
        self.out.note(start, RewriteKind::Comment);
        self.pos = end;
        Ok(())
    }

    /// An unquoted member name at `pos` (its first byte is an identifier byte), quoted.
    fn unquoted_name(&mut self) -> Result<(), Stop> {
        let start = self.pos;
        let rest = self.input.get(start..).unwrap_or_default();
        let end = start
            + rest
                .iter()
                .position(|&b| !is_identifier_byte(b))
                .unwrap_or(rest.len());
        // Json.NET ends the name at whitespace or `:`; another identifier character goes on
        // with it, anything else is refused.
        let ends = match self.at(end) {
            Some(b':' | b' ' | b'\t' | b'\n' | b'\r' | 0 | 0x0b | 0x0c) => true,
            Some(0x80..) => match char_at(self.input, end) {
                Some((c, _)) if is_dotnet_space(c) => true,
                // A letter of .NET's tables, or not: see the module docs.
                _ => return Err(Stop::Unsupported),
            },
            _ => false,
        };
        if !ends {
            return Err(Stop::Refused);
        }
        self.out.replace(start, start, b"\"");
        self.out.replace(end, end, b"\"");
        self.out.note(start, RewriteKind::UnquotedName);
        self.pos = end;
        Ok(())
    }

    /// A string at `pos` (its opening quote), double-quoted, its escapes made strict.
    fn string(&mut self, quote: u8) -> Result<(), Stop> {
        let start = self.pos;
        let single = quote == b'\'';
        if single {
            self.out.replace(start, start + 1, b"\"");
            self.out.note(start, RewriteKind::SingleQuotedString);
        }
        self.pos += 1;
        let mut noted = Noted::default();
        loop {
            let Some(b) = self.peek() else {
                return Err(Stop::Refused);
            };
            match b {
                _ if b == quote => {
                    if single {
                        self.out.replace(self.pos, self.pos + 1, b"\"");
                    }
                    self.pos += 1;
                    return Ok(());
                }
                b'"' => {
                    // Only in a single-quoted string (else it would have ended it).
                    self.out.replace(self.pos, self.pos + 1, b"\\\"");
                    self.pos += 1;
                }
                b'\\' => self.escape(single, &mut noted)?,
                0..=0x1f => {
                    let escape = control_escape(b);
                    self.out.replace(self.pos, self.pos + 1, &escape);
                    if !std::mem::replace(&mut noted.control, true) {
                        self.out.note(self.pos, RewriteKind::ControlCharacter);
                    }
                    self.pos += 1;
                }
                _ => {
                    // Runs of ordinary bytes (UTF-8 is checked by serde_json).
                    let rest = self.input.get(self.pos..).unwrap_or_default();
                    self.pos += rest
                        .iter()
                        .position(|&c| c == quote || c == b'"' || c == b'\\' || c < 0x20)
                        .unwrap_or(rest.len());
                }
            }
        }
    }

    /// An escape at `pos` (its backslash) in a string.
    fn escape(&mut self, single: bool, noted: &mut Noted) -> Result<(), Stop> {
        let start = self.pos;
        match self.at(start + 1) {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                self.pos += 2;
                Ok(())
            }
            Some(b'\'') => {
                self.out.replace(start, start + 2, b"'");
                if !single && !std::mem::replace(&mut noted.apostrophe, true) {
                    self.out.note(start, RewriteKind::EscapedApostrophe);
                }
                self.pos += 2;
                Ok(())
            }
            Some(b'u') => self.unicode_escape(noted),
            _ => Err(Stop::Refused),
        }
    }

    /// A `\u` escape at `pos`; a lone surrogate becomes `\ufffd`.
    fn unicode_escape(&mut self, noted: &mut Noted) -> Result<(), Stop> {
        let start = self.pos;
        let (unit, padded) = self
            .input
            .get(start + 2..start + 6)
            .and_then(unicode_digits)
            .ok_or(Stop::Refused)?;
        self.pos = start + 6;
        let lone = match unit {
            0xDC00..=0xDFFF => true,
            0xD800..=0xDBFF => {
                // Paired only with a low surrogate escape right after it; the next escape is
                // read on its own otherwise (another high one starts over, as in Json.NET).
                // (A padded escape holds three digits at most: never a surrogate.)
                let next = self.pos;
                let low = self.input.get(next..next + 2) == Some(b"\\u")
                    && matches!(
                        self.input.get(next + 2..next + 6).and_then(strict_hex),
                        Some(0xDC00..=0xDFFF)
                    );
                if low {
                    self.pos = next + 6;
                }
                !low
            }
            _ => false,
        };
        if lone {
            self.out.replace(start, start + 6, b"\\ufffd");
            if !std::mem::replace(&mut noted.surrogate, true) {
                self.out.note(start, RewriteKind::LoneSurrogate);
            }
        } else if padded {
            let escape = format!("\\u{unit:04x}");
            self.out.replace(start, start + 6, escape.as_bytes());
            if !std::mem::replace(&mut noted.padded, true) {
                self.out.note(start, RewriteKind::PaddedUnicodeEscape);
            }
        }
        Ok(())
    }

    /// A number at `pos`: the run of characters Json.NET reads as one, made strict where it
    /// reads the same for every .NET type.
    fn number(&mut self) -> Result<(), Stop> {
        let start = self.pos;
        let rest = self.input.get(start..).unwrap_or_default();
        if rest.starts_with(b"-Infinity") {
            return Err(Stop::Unsupported);
        }
        let len = rest
            .iter()
            .position(|&b| {
                !(b.is_ascii_hexdigit() || matches!(b, b'x' | b'X' | b'.' | b'+' | b'-'))
            })
            .unwrap_or(rest.len());
        let token = rest.get(..len).unwrap_or_default();
        if !is_strict_number(token) {
            let (strict, kind) = relax_number(token).ok_or(Stop::Unsupported)?;
            self.out.replace(start, start + len, strict.as_bytes());
            self.out.note(start, kind);
        }
        self.pos = start + len;
        Ok(())
    }
}

/// Which kinds a string has noted already (one rewrite per kind and string).
#[derive(Debug, Default)]
struct Noted {
    control: bool,
    apostrophe: bool,
    surrogate: bool,
    padded: bool,
}

/// A byte of an unquoted name Json.NET takes (`char.IsLetterOrDigit`, `_`, `$`), in ASCII.
fn is_identifier_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// .NET's `char.IsWhiteSpace` past JSON's four, and NUL (which Json.NET skips between tokens),
/// as measured under Mono (U+180E, U+200B and U+FEFF are refused).
fn is_dotnet_space(c: char) -> bool {
    matches!(
        c,
        '\u{0}' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// The UTF-8 character at `at` and its length.
fn char_at(input: &[u8], at: usize) -> Option<(char, usize)> {
    let first = *input.get(at)?;
    let len = match first {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    };
    let bytes = input.get(at..at + len)?;
    let c = std::str::from_utf8(bytes).ok()?.chars().next()?;
    Some((c, len))
}

/// The code unit of a `\u` escape's four characters, and whether they were padded: four hex
/// digits, or (as .NET's `int.Parse` with `HexNumber` reads them, measured: `\u 41 ` is `A`)
/// hex digits between whitespace.
fn unicode_digits(digits: &[u8]) -> Option<(u16, bool)> {
    if let Some(unit) = strict_hex(digits) {
        return Some((unit, false));
    }
    let is_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    let lead = digits.iter().take_while(|b| is_space(b)).count();
    let hex = digits
        .iter()
        .skip(lead)
        .take_while(|b| b.is_ascii_hexdigit())
        .count();
    if hex == 0 || !digits.get(lead + hex..)?.iter().all(is_space) {
        return None;
    }
    let text = std::str::from_utf8(digits.get(lead..lead + hex)?).ok()?;
    Some((u16::from_str_radix(text, 16).ok()?, true))
}

/// Four hex digits.
fn strict_hex(digits: &[u8]) -> Option<u16> {
    if digits.len() != 4 || !digits.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    u16::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
}

/// The JSON escape of a control character.
fn control_escape(b: u8) -> Vec<u8> {
    match b {
        b'\n' => b"\\n".to_vec(),
        b'\r' => b"\\r".to_vec(),
        b'\t' => b"\\t".to_vec(),
        0x08 => b"\\b".to_vec(),
        0x0c => b"\\f".to_vec(),
        _ => format!("\\u{b:04x}").into_bytes(),
    }
}

/// A number as JSON writes it: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn is_strict_number(token: &[u8]) -> bool {
    let digits = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_digit()).count();
    let mut rest = token.strip_prefix(b"-").unwrap_or(token);
    let int = digits(rest);
    if int == 0 || (int > 1 && rest.first() == Some(&b'0')) {
        return false;
    }
    rest = rest.get(int..).unwrap_or_default();
    if let Some(fraction) = rest.strip_prefix(b".") {
        let n = digits(fraction);
        if n == 0 {
            return false;
        }
        rest = fraction.get(n..).unwrap_or_default();
    }
    if let Some(exponent) = rest.strip_prefix(b"e").or_else(|| rest.strip_prefix(b"E")) {
        let exponent = exponent
            .strip_prefix(b"+")
            .or_else(|| exponent.strip_prefix(b"-"))
            .unwrap_or(exponent);
        let n = digits(exponent);
        if n == 0 {
            return false;
        }
        rest = exponent.get(n..).unwrap_or_default();
    }
    rest.is_empty()
}

/// The strict spelling of a number Json.NET reads alike into every type, and what it was.
fn relax_number(token: &[u8]) -> Option<(String, RewriteKind)> {
    // Json.NET: a first `0` not followed by `.`, `e` or `E` makes a hexadecimal (`0x`) or
    // octal number, converted with the member's width (Int32 or Int64): only values that fit
    // an int read alike everywhere.
    if let [b'0', second, tail @ ..] = token {
        if !matches!(second, b'.' | b'e' | b'E') {
            let (digits, radix, kind) = match second {
                b'x' | b'X' => (tail, 16, RewriteKind::HexadecimalNumber),
                _ => (token.get(1..)?, 8, RewriteKind::OctalNumber),
            };
            if digits.is_empty() {
                return None;
            }
            let mut value: u32 = 0;
            for &digit in digits {
                let digit = char::from(digit).to_digit(radix)?;
                value = value.checked_mul(radix)?.checked_add(digit)?;
                if value > i32::MAX as u32 {
                    return None;
                }
            }
            return Some((value.to_string(), kind));
        }
        return None;
    }
    let (sign, magnitude) = match token.strip_prefix(b"-") {
        Some(m) => ("-", m),
        None => ("", token),
    };
    let (strict, kind) = if magnitude.first() == Some(&b'.') {
        // `.5`, `-.5`: decimal.Parse and double.Parse read them as 0.5.
        let mut s = format!("{sign}0");
        s.push_str(std::str::from_utf8(magnitude).ok()?);
        (s, RewriteKind::LeadingPoint)
    } else if !sign.is_empty() && magnitude.first() == Some(&b'0') {
        // A negative number is read in decimal, leading zeros and all.
        let zeros = magnitude.iter().take_while(|&&b| b == b'0').count();
        let keep = if magnitude.get(zeros).is_some_and(u8::is_ascii_digit) {
            zeros
        } else {
            zeros - 1
        };
        let s = format!("-{}", std::str::from_utf8(magnitude.get(keep..)?).ok()?);
        (s, RewriteKind::NegativeLeadingZeros)
    } else {
        return None;
    };
    is_strict_number(strict.as_bytes()).then_some((strict, kind))
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
mod tests {
    use super::{relax, Relaxed, RewriteKind as K};
    use serde_json::{json, Value};

    /// The rewrite of `input`, which serde_json reads as `want`, and its kinds.
    fn rewritten(input: &str, want: Value) -> (Relaxed, Vec<K>) {
        let relaxed = relax(input.as_bytes()).unwrap_or_else(|| panic!("not rewritten: {input}"));
        let text = String::from_utf8(relaxed.text.clone()).unwrap();
        let got: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{input} became {text}, which serde_json refuses: {e}"));
        assert_eq!(got, want, "{input} became {text}");
        let kinds = relaxed.rewrites.iter().map(|r| r.kind).collect();
        (relaxed, kinds)
    }

    fn text(relaxed: &Relaxed) -> &str {
        std::str::from_utf8(&relaxed.text).unwrap()
    }

    #[test]
    fn comments_become_spaces_and_keep_their_line_breaks() {
        let input = "/* head */{/* a */\"token\":/* c\n */\"t\"/* d */,// line\r\n\"userID\"://x\n\"u\"}// tail";
        let (relaxed, kinds) = rewritten(input, json!({"token": "t", "userID": "u"}));
        assert_eq!(kinds, [K::Comment; 7]);
        assert_eq!(relaxed.text.len(), input.len());
        let lines = |t: &[u8]| t.iter().filter(|&&b| b == b'\n' || b == b'\r').count();
        assert_eq!(lines(&relaxed.text), lines(input.as_bytes()));
        assert_eq!(relaxed.rewrites[0].offset, 0);
        assert_eq!(relaxed.rewrites[1].offset, input.find("/* a").unwrap());
        // Empty comments and stars inside.
        rewritten("[1/**/,/***/2/* * / */]", json!([1, 2]));
        // A body of comments only is whitespace (read as null by from_slice).
        let only = relax(b"/* c */ // d").unwrap();
        assert!(only.text.iter().all(u8::is_ascii_whitespace));
    }

    #[test]
    fn refused_comments_are_left_to_serde_json() {
        for input in [
            "{\"token\"/* c */:\"t\"}", // Json.NET: Expected ':' but got: /
            "{\"token\" // c\n:\"t\"}", // the same
            "{token/*c*/:\"t\"}",       // Invalid JavaScript property identifier character: /
            "{token /*c*/:\"t\"}",      // Expected ':' but got: /
            "{\"token\":\"t\"}/* open", // Unexpected end while parsing comment
            "{\"token\":\"t\"}/",       // the same
            "{\"token\":/ \"t\"}",      // Error parsing comment. Expected: *, got
        ] {
            assert_eq!(relax(input.as_bytes()), None, "{input}");
        }
        // Not UTF-8 inside a comment: the server's decoder refuses the body.
        assert_eq!(relax(b"{/* \xff */\"a\":1}"), None);
    }

    #[test]
    fn single_quoted_strings_become_double_quoted() {
        let (relaxed, kinds) = rewritten(
            r#"{'token':'a"b','userID':'it\'s','accessToken':'\"\u0041\n\/'}"#,
            json!({"token": "a\"b", "userID": "it's", "accessToken": "\"A\n/"}),
        );
        assert_eq!(kinds, [K::SingleQuotedString; 6]);
        assert_eq!(
            text(&relaxed),
            r#"{"token":"a\"b","userID":"it's","accessToken":"\"\u0041\n\/"}"#
        );
        // Quotes of the other kind inside each.
        rewritten(r#"['x"y', "x'y"]"#, json!(["x\"y", "x'y"]));
        // Unterminated, or ended by the other quote: refused.
        assert_eq!(relax(br#"{'token':'t"}"#), None);
        assert_eq!(relax(br#"{'token":"t'}"#), None);
    }

    #[test]
    fn an_escaped_apostrophe_loses_its_backslash() {
        let (relaxed, kinds) =
            rewritten(r#"{"value":"it\'s \'x\'"}"#, json!({"value": "it's 'x'"}));
        assert_eq!(kinds, [K::EscapedApostrophe]);
        assert_eq!(text(&relaxed), r#"{"value":"it's 'x'"}"#);
        // Other escapes Json.NET refuses (Bad JSON escape sequence).
        for input in [
            r#"{"v":"\x41"}"#,
            r#"{"v":"\v"}"#,
            r#"{"v":"\0"}"#,
            r#"{"v":'\a'}"#,
        ] {
            assert_eq!(relax(input.as_bytes()), None, "{input}");
        }
    }

    #[test]
    fn unquoted_names_are_quoted() {
        let (relaxed, kinds) = rewritten(
            "{token:1, _u$2 :2,$:3,9a\t:4,'q':{in:[]}}",
            json!({"token": 1, "_u$2": 2, "$": 3, "9a": 4, "q": {"in": []}}),
        );
        assert_eq!(kinds.iter().filter(|&&k| k == K::UnquotedName).count(), 5);
        assert_eq!(relaxed.rewrites[0].offset, 1);
        // Ended by .NET whitespace (a no-break space, NUL) too.
        rewritten("{a\u{a0}:1,b\0:2}", json!({"a": 1, "b": 2}));
        // Json.NET refuses these.
        for input in [
            "{a-b:1}",
            "{a.b:1}",
            "{a\"b:1}",
            "{a,b:1}",
            "{a}",
            "{a",
            "{token:t}",
        ] {
            assert_eq!(relax(input.as_bytes()), None, "{input}");
        }
        // A letter past ASCII: left for serde_json to refuse.
        assert_eq!(relax("{valué:1}".as_bytes()), None);
        let partial = relax("{a:1,valué:1}".as_bytes()).unwrap();
        assert!(serde_json::from_slice::<Value>(&partial.text).is_err());
    }

    #[test]
    fn trailing_commas_are_removed() {
        let (relaxed, kinds) = rewritten(
            r#"{"a":[1,2,],"b":[[1,],[],],"c":{"d":1,},}"#,
            json!({"a": [1, 2], "b": [[1], []], "c": {"d": 1}}),
        );
        assert_eq!(kinds, [K::TrailingComma; 5]);
        assert_eq!(
            relaxed.text.len(),
            r#"{"a":[1,2,],"b":[[1,],[],],"c":{"d":1,},}"#.len()
        );
        assert_eq!(relaxed.rewrites[0].offset, 9);
        // With whitespace and comments before the bracket (blanked before the comma is).
        let (relaxed, kinds) = rewritten("[1 , /* c */\u{a0}]", json!([1]));
        assert_eq!(kinds, [K::Comment, K::Whitespace, K::TrailingComma]);
        assert_eq!(relaxed.rewrites[2].offset, 3);
        assert_eq!(text(&relaxed), "[1            ]");
        // Refused by Json.NET: a comma with no member before it, two, one after the root.
        for input in ["{,}", r#"{,"a":1}"#, r#"{"a":1,,}"#, r#"{"a":1},"#, "[1],"] {
            assert_eq!(relax(input.as_bytes()), None, "{input}");
        }
        // An empty item (Json.NET's Undefined): not rewritten.
        assert_eq!(relax(b"[1,,2]"), None);
        assert_eq!(relax(b"[,]"), None);
        let partial = relax(b"[/*c*/1,,2]").unwrap();
        assert!(serde_json::from_slice::<Value>(&partial.text).is_err());
    }

    #[test]
    fn lone_surrogates_become_the_replacement_character() {
        let cases = [
            (r#"["a\ud800b"]"#, "a\u{fffd}b", r#"["a\ufffdb"]"#),
            (r#"["\ud800"]"#, "\u{fffd}", r#"["\ufffd"]"#),
            (r#"["\udc00x"]"#, "\u{fffd}x", r#"["\ufffdx"]"#),
            (r#"["\ud800\u0041"]"#, "\u{fffd}A", r#"["\ufffd\u0041"]"#),
            (
                r#"["\ud800\ud800\udc00"]"#,
                "\u{fffd}\u{10000}",
                r#"["\ufffd\ud800\udc00"]"#,
            ),
            (
                r#"["\ud800\ud801"]"#,
                "\u{fffd}\u{fffd}",
                r#"["\ufffd\ufffd"]"#,
            ),
            (
                r#"["\udc00\ud800"]"#,
                "\u{fffd}\u{fffd}",
                r#"["\ufffd\ufffd"]"#,
            ),
            (r#"["\ud800\n"]"#, "\u{fffd}\n", r#"["\ufffd\n"]"#),
            (r#"['\uD800']"#, "\u{fffd}", r#"["\ufffd"]"#),
        ];
        for (input, value, strict) in cases {
            let (relaxed, kinds) = rewritten(input, json!([value]));
            assert_eq!(text(&relaxed), strict, "{input}");
            assert!(kinds.contains(&K::LoneSurrogate), "{input}");
            assert_eq!(relaxed.text.len(), input.len());
        }
        // A pair is strict already.
        assert_eq!(relax(br#"["\ud83d\ude00"]"#), None);
        // A bad escape after a high surrogate is refused, as by Json.NET.
        assert_eq!(relax(br#"["\ud800\u00"]"#), None);
        assert_eq!(relax(br#"["\ud800\uZZZZ"]"#), None);
    }

    #[test]
    fn control_characters_in_strings_are_escaped() {
        let (relaxed, kinds) = rewritten(
            "{\"a\tb\":\"x\ny\r\u{1}\u{0}\u{8}\u{c}\u{1f}\",'c':'\t'}",
            json!({"a\tb": "x\ny\r\u{1}\u{0}\u{8}\u{c}\u{1f}", "c": "\t"}),
        );
        assert_eq!(
            kinds,
            [
                K::ControlCharacter,
                K::ControlCharacter,
                K::SingleQuotedString,
                K::SingleQuotedString,
                K::ControlCharacter,
            ]
        );
        assert_eq!(
            text(&relaxed),
            r#"{"a\tb":"x\ny\r\u0001\u0000\b\f\u001f","c":"\t"}"#
        );
        // DEL and U+2028 are strict JSON.
        assert_eq!(relax("[\"\u{7f}\u{2028}\"".as_bytes()), None);
    }

    #[test]
    fn dotnet_whitespace_between_tokens_becomes_spaces() {
        let input = "\0{\u{a0}\"a\"\u{b}:\u{c}1\u{2028}\u{85},\u{3000}\u{1680}\u{2000}\u{200a}\u{2029}\u{202f}\u{205f}\"b\":2}\0";
        let (relaxed, kinds) = rewritten(input, json!({"a": 1, "b": 2}));
        assert_eq!(kinds, [K::Whitespace; 7]);
        assert_eq!(relaxed.text.len(), input.len());
        // Not whitespace for .NET (Mono): refused.
        for input in [
            "[1\u{180e}]",
            "[1\u{200b}]",
            "[1\u{feff}]",
            "[1\u{1c}]",
            "[1\u{1f}]",
        ] {
            assert_eq!(relax(input.as_bytes()), None, "{input:?}");
        }
        // A byte that is not UTF-8.
        assert_eq!(relax(b"[1\xc2]"), None);
    }

    #[test]
    fn padded_unicode_escapes_get_four_digits() {
        let (relaxed, kinds) =
            rewritten("[\"\\u 41 \\u041 \\u\t41 \\u  e9\"]", json!(["AAA\u{e9}"]));
        assert_eq!(kinds, [K::PaddedUnicodeEscape]);
        assert_eq!(text(&relaxed), r#"["\u0041\u0041\u0041\u00e9"]"#);
        // `\u  d800` is U+00D8 and "00" (three digits at most: never a surrogate).
        rewritten(r#"["\u  d800"]"#, json!(["\u{d8}00"]));
        for input in [
            r#"["\u 4 1"]"#,
            r#"["\u    "]"#,
            r#"["\u+041"]"#,
            r#"["\u12"]"#,
        ] {
            assert_eq!(relax(input.as_bytes()), None, "{input}");
        }
    }

    #[test]
    fn numbers_json_net_reads_alike_for_every_type_are_made_strict() {
        let cases = [
            ("0x1F", json!(31), K::HexadecimalNumber),
            ("0X1f", json!(31), K::HexadecimalNumber),
            ("0x000000001F", json!(31), K::HexadecimalNumber),
            ("0x7FFFFFFF", json!(2147483647), K::HexadecimalNumber),
            ("012", json!(10), K::OctalNumber),
            ("00", json!(0), K::OctalNumber),
            ("017777777777", json!(2147483647), K::OctalNumber),
            ("-012", json!(-12), K::NegativeLeadingZeros),
            ("-00", json!(-0.0), K::NegativeLeadingZeros),
            ("-00.50", json!(-0.5), K::NegativeLeadingZeros),
            ("-0012e3", json!(-12000.0), K::NegativeLeadingZeros),
            (".5", json!(0.5), K::LeadingPoint),
            ("-.5e1", json!(-5.0), K::LeadingPoint),
        ];
        for (number, value, kind) in cases {
            let input = format!("{{\"n\":{number}}}");
            let (_, kinds) = rewritten(&input, json!({"n": value}));
            assert_eq!(kinds, [kind], "{number}");
        }
        let (relaxed, _) = rewritten("[0x1F,-012,.5]", json!([31, -12, 0.5]));
        assert_eq!(text(&relaxed), "[31,-12,0.5]");
        // Past int.MaxValue (read with the member's width), ending in a point (a decimal's
        // scale), NaN and Infinity, undefined: not rewritten. Refused by Json.NET: `08`,
        // `012.5`, `0x`, `-0x10`, `+1`.
        for number in [
            "0x80000000",
            "0xFFFFFFFF",
            "020000000000",
            "1.",
            "1.e2",
            "NaN",
            "Infinity",
            "-Infinity",
            "undefined",
            "new Date(0)",
            "08",
            "012.5",
            "0x",
            "0x1.5",
            "-0x10",
            "+1",
        ] {
            let input = format!("{{\"n\":{number}}}");
            assert_eq!(relax(input.as_bytes()), None, "{number}");
        }
    }

    #[test]
    fn strict_json_is_not_rewritten() {
        for input in [
            r#"{"token":"t","n":[1,-0,0.5,1e-5,true,false,null,{}],"s":"\"\\\/\b\f\n\r\t\u00e9"}"#,
            " [ ] ",
            "",
            // Strict but wrong: serde_json's error stands.
            r#"{"a":}"#,
            r#"{"a" 1}"#,
            "[1 2]",
            "nul",
            "[1}",
        ] {
            assert_eq!(relax(input.as_bytes()), None, "{input}");
        }
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let (relaxed, _) = rewritten("\u{feff}{a:1}", json!({"a": 1}));
        assert_eq!(text(&relaxed), r#"{"a":1}"#);
        assert_eq!(relaxed.original_offset(1), 4);
        assert_eq!(relax("\u{feff}{\"a\":1}".as_bytes()), None);
    }

    #[test]
    fn offsets_map_back_to_the_input() {
        let input = r#"{a:'x"y', "b" : 0x1F, c:'\'', "d":-012}"#;
        let (relaxed, _) = rewritten(input, json!({"a": "x\"y", "b": 31, "c": "'", "d": -12}));
        let strict = text(&relaxed);
        assert_eq!(strict, r#"{"a":"x\"y", "b" : 31, "c":"'", "d":-12}"#);
        // Each name, quote and value lands on its own byte of the input.
        for (in_text, in_input) in [
            (strict.find("\"b\"").unwrap(), input.find("\"b\"").unwrap()),
            (strict.find("31").unwrap(), input.find("0x1F").unwrap()),
            (strict.find("\"c\"").unwrap() + 1, input.find("c:").unwrap()),
            (strict.find("-12").unwrap(), input.find("-012").unwrap()),
            (strict.find('y').unwrap(), input.find('y').unwrap()),
        ] {
            assert_eq!(relaxed.original_offset(in_text), in_input, "{in_text}");
        }
        // An inserted quote maps to the name it quotes; the end to the end.
        assert_eq!(relaxed.original_offset(1), 1);
        assert_eq!(relaxed.original_offset(2), 1);
        assert_eq!(relaxed.original_offset(strict.len()), input.len());
        // The position of serde_json's error in the text, back in the input.
        let input = "{/* c */ 'a': 1,\n b : NaN}";
        let relaxed = relax(input.as_bytes()).unwrap();
        let error = serde_json::from_slice::<Value>(&relaxed.text).unwrap_err();
        let at = crate::json::token::index_of(text(&relaxed), error.line(), error.column());
        assert_eq!(relaxed.original_offset(at - 1), input.find("NaN").unwrap());
    }

    #[test]
    fn kinds_describe_themselves() {
        let all = [
            K::Comment,
            K::SingleQuotedString,
            K::UnquotedName,
            K::TrailingComma,
            K::LoneSurrogate,
            K::EscapedApostrophe,
            K::ControlCharacter,
            K::Whitespace,
            K::PaddedUnicodeEscape,
            K::HexadecimalNumber,
            K::OctalNumber,
            K::NegativeLeadingZeros,
            K::LeadingPoint,
        ];
        for kind in all {
            assert!(kind.description().starts_with('a'), "{kind:?}");
            assert!(!kind.fix().is_empty(), "{kind:?}");
        }
        assert_eq!(K::Comment.description(), "a comment");
        assert_eq!(K::SingleQuotedString.fix(), "use double quotes");
        let rewrite = super::Rewrite {
            offset: 3,
            kind: K::TrailingComma,
        };
        assert_eq!(
            rewrite.to_string(),
            "byte 3: a trailing comma: remove the comma"
        );
    }

    /// xorshift64*: the tests' own random numbers, the same on every run.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
            &items[self.below(items.len())]
        }
    }

    #[test]
    fn no_input_panics_and_every_offset_maps() {
        const PIECES: &[&[u8]] = &[
            b"{",
            b"}",
            b"[",
            b"]",
            b",",
            b":",
            b"'",
            b"\"",
            b"\\",
            b"/",
            b"*",
            b"\n",
            b"\r",
            b" ",
            b"\\u",
            b"d800",
            b"dc00",
            b"\\'",
            b"0x",
            b"0",
            b"12",
            b"-",
            b".",
            b"e",
            b"a",
            b"$",
            b"true",
            b"null",
            b"NaN",
            b"\0",
            b"\x0b",
            b"\xc2\xa0",
            b"\xe2\x80\xa8",
            b"\xff",
            b"\xc2",
            b"\xef\xbb\xbf",
            b"\t",
            b"\x01",
            b"/*",
            b"*/",
            b"//",
        ];
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..30_000 {
            let mut input = Vec::new();
            for _ in 0..rng.below(24) {
                let piece = rng.pick::<&[u8]>(PIECES);
                input.extend_from_slice(piece);
            }
            if let Some(relaxed) = relax(&input) {
                assert!(!relaxed.rewrites.is_empty());
                let mut last = 0;
                for at in 0..=relaxed.text.len() + 1 {
                    let original = relaxed.original_offset(at);
                    assert!(original <= input.len() + 1, "{input:?}");
                    assert!(original >= last, "{input:?}: not monotonic at {at}");
                    last = original;
                }
                for rewrite in &relaxed.rewrites {
                    assert!(rewrite.offset < input.len(), "{input:?}");
                }
            }
        }
        // Arbitrary bytes.
        for _ in 0..30_000 {
            let input: Vec<u8> = (0..rng.below(40)).map(|_| rng.next() as u8).collect();
            if let Some(relaxed) = relax(&input) {
                let _ = relaxed.original_offset(relaxed.text.len() / 2);
            }
        }
    }

    /// A relaxed document Json.NET reads, written at random, and the value it holds.
    struct Doc {
        rng: Rng,
        text: String,
    }

    impl Doc {
        fn space(&mut self, comments: bool) {
            const PLAIN: &[&str] = &[
                "", " ", "\n", "\t", "\u{a0}", "\0", "\u{b}", "\u{2028}", "\u{3000}",
            ];
            const COMMENTS: &[&str] = &[
                "/* c */",
                "/* a\nb */",
                "// line\n",
                "/**/",
                "/* * / */",
                "//\r",
            ];
            for _ in 0..self.rng.below(3) {
                let piece = if comments && self.rng.below(3) == 0 {
                    *self.rng.pick(COMMENTS)
                } else {
                    *self.rng.pick(PLAIN)
                };
                self.text.push_str(piece);
            }
        }

        fn string(&mut self) -> String {
            let single = self.rng.below(2) == 0;
            let quote = if single { '\'' } else { '"' };
            self.text.push(quote);
            let mut value = String::new();
            for _ in 0..self.rng.below(5) {
                let (piece, read): (&str, &str) = *self.rng.pick(&[
                    ("abc", "abc"),
                    ("é😀", "é😀"),
                    ("\\'", "'"),
                    ("\\\"", "\""),
                    ("\\n\\/\\\\", "\n/\\"),
                    ("\\u0041", "A"),
                    ("\\ud83d\\ude00", "😀"),
                    ("\\ud800x", "\u{fffd}x"),
                    ("\\udc00", "\u{fffd}"),
                    ("\\ud800\\ud800\\udc00", "\u{fffd}\u{10000}"),
                    ("\t\u{1}\n", "\t\u{1}\n"),
                    ("\\u 41 ", "A"),
                    ("\u{0}", "\u{0}"),
                ]);
                self.text.push_str(piece);
                value.push_str(read);
                // The other quote, as it is.
                if self.rng.below(4) == 0 {
                    self.text.push(if single { '"' } else { '\'' });
                    value.push(if single { '"' } else { '\'' });
                }
            }
            self.text.push(quote);
            value
        }

        fn name(&mut self) -> String {
            if self.rng.below(2) == 0 {
                return self.string();
            }
            const CHARS: &[u8] = b"abcXYZ019_$";
            let name: String = (0..1 + self.rng.below(5))
                .map(|_| char::from(*self.rng.pick(CHARS)))
                .collect();
            self.text.push_str(&name);
            name
        }

        fn value(&mut self, depth: usize) -> Value {
            match self.rng.below(if depth > 3 { 3 } else { 5 }) {
                0 => Value::String(self.string()),
                1 => {
                    let numbers = [
                        ("0", json!(0)),
                        ("12", json!(12)),
                        ("-3", json!(-3)),
                        ("1.5", json!(1.5)),
                        ("-0.25e1", json!(-2.5)),
                        ("0x1F", json!(31)),
                        ("0X10", json!(16)),
                        ("012", json!(10)),
                        ("00", json!(0)),
                        ("-012", json!(-12)),
                        ("-00.5", json!(-0.5)),
                        (".5", json!(0.5)),
                        ("-.5e1", json!(-5.0)),
                        ("true", json!(true)),
                        ("null", json!(null)),
                    ];
                    let (text, value) = self.rng.pick(&numbers).clone();
                    self.text.push_str(text);
                    value
                }
                2 => {
                    self.text.push_str("false");
                    json!(false)
                }
                3 => {
                    self.text.push('[');
                    let mut items = Vec::new();
                    for i in 0..self.rng.below(4) {
                        if i > 0 {
                            self.text.push(',');
                        }
                        self.space(true);
                        items.push(self.value(depth + 1));
                        self.space(true);
                    }
                    if !items.is_empty() && self.rng.below(2) == 0 {
                        self.text.push(',');
                        self.space(true);
                    }
                    self.text.push(']');
                    Value::Array(items)
                }
                _ => {
                    self.text.push('{');
                    let mut members = serde_json::Map::new();
                    for i in 0..self.rng.below(4) {
                        if i > 0 {
                            self.text.push(',');
                        }
                        self.space(true);
                        let name = self.name();
                        // No comment between a name and its colon (Json.NET refuses it).
                        self.space(false);
                        self.text.push(':');
                        self.space(true);
                        let value = self.value(depth + 1);
                        members.insert(name, value);
                        self.space(true);
                    }
                    if !members.is_empty() && self.rng.below(2) == 0 {
                        self.text.push(',');
                        self.space(true);
                    }
                    self.text.push('}');
                    Value::Object(members)
                }
            }
        }
    }

    #[test]
    fn relaxed_documents_read_as_json_net_reads_them() {
        let mut doc = Doc {
            rng: Rng(0x0123_4567_89AB_CDEF),
            text: String::new(),
        };
        for _ in 0..5_000 {
            doc.text.clear();
            doc.space(true);
            let want = doc.value(0);
            doc.space(true);
            let input = doc.text.clone();
            let got: Value = match relax(input.as_bytes()) {
                Some(relaxed) => {
                    let text = String::from_utf8(relaxed.text).unwrap();
                    serde_json::from_str(&text)
                        .unwrap_or_else(|e| panic!("{input:?} became {text:?}: {e}"))
                }
                None => serde_json::from_str(&input)
                    .unwrap_or_else(|e| panic!("{input:?} not rewritten: {e}")),
            };
            assert_eq!(got, want, "{input:?}");
        }
    }

    #[test]
    fn the_rewrite_is_linear() {
        let many = |piece: &str, n: usize| piece.repeat(n);
        let inputs = [
            format!("[{}1{}]", many("[/*c*/", 100_000), many(",]", 100_000)),
            format!("['{}']", many("\"\\'\t\\ud800", 100_000)),
            format!("{{{}\"z\":0}}", many("a:.5,", 100_000)),
            many(" ", 1_000_000) + "/",
        ];
        let started = std::time::Instant::now();
        for input in &inputs {
            let _ = relax(input.as_bytes());
        }
        assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
        let nested = relax(inputs[0].as_bytes()).unwrap();
        assert_eq!(nested.rewrites.len(), 200_000);
    }
}
