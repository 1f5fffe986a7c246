//! One JSON value read exactly: its text captured through serde_json's raw-value channel
//! (feature `raw_value`), so that numbers keep every digit and their scale without serde_json's
//! `arbitrary_precision` (a feature that would change every other crate's serde_json use).
//!
//! `json::from_slice_with` first reads by events ([`read_by_events`]): integers, strings and
//! booleans come exact from serde_json's ordinary events, at less cost than a raw value each,
//! and a float (whose text serde_json drops) makes it read the document again with every
//! value's text. serde_json's own entry points (`serde_json::from_str`) always read the text.
//!
//! A value is captured whole, so an error found in it is raised after serde_json has read past
//! it, and serde_json would place it where the enclosing object or array ends. Each error
//! raised here notes where in the input it belongs ([`Captured::fail`]); `json::from_slice_with`
//! puts that position on the error it returns.
// Input reaches this module: nothing here may panic on it.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use super::error::ErrorKind;
use super::value::de_error;

/// serde_json's name of a raw value (`serde_json::value::RawValue`): a newtype struct of this
/// name is handed over as a map with this one key, whose value is the JSON text.
pub(crate) const RAW_TOKEN: &str = "$serde_json::private::RawValue";

/// The kind and content of a captured value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token<'de> {
    Null,
    Bool(bool),
    /// A number's text exactly as written.
    Number(Cow<'de, str>),
    /// An integer token serde_json handed over as an integer (a read by events).
    Integer(i128),
    /// A string's content, unescaped.
    String(Cow<'de, str>),
    Array,
    Object {
        empty: bool,
    },
}

impl Token<'_> {
    /// The token's kind, as serde names it in its errors.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Token::Null => "null",
            Token::Bool(_) => "boolean",
            Token::Number(_) | Token::Integer(_) => "number",
            Token::String(_) => "string",
            Token::Array => "sequence",
            Token::Object { .. } => "map",
        }
    }
}

/// Room for any `i128` in decimal.
pub(crate) type IntBuffer = [u8; 40];

/// The text of a number token: as written, or an integer's decimal form (written in `buf`).
pub(crate) fn number_text<'a>(token: &'a Token<'_>, buf: &'a mut IntBuffer) -> Option<&'a str> {
    match token {
        Token::Number(text) => Some(text),
        Token::Integer(v) => {
            let mut n = v.unsigned_abs();
            let mut i = buf.len();
            for slot in buf.iter_mut().rev() {
                *slot = b'0' + (n % 10) as u8;
                i -= 1;
                n /= 10;
                if n == 0 {
                    break;
                }
            }
            if *v < 0 {
                i -= 1;
                if let Some(slot) = buf.get_mut(i) {
                    *slot = b'-';
                }
            }
            buf.get(i..).and_then(|t| std::str::from_utf8(t).ok())
        }
        _ => None,
    }
}

/// A value read whole, with its JSON text where the deserializer gave it.
#[derive(Debug, Clone)]
pub(crate) struct Captured<'de> {
    pub(crate) token: Token<'de>,
    /// The value's JSON text (serde_json's raw value); borrowed from the input, it locates
    /// errors.
    text: Option<Cow<'de, str>>,
}

/// Reads one value whole: from serde_json its exact text, from other deserializers their
/// events. In a read by events ([`read_by_events`]) the value's events, and a number that
/// serde_json hands over as a float (whose text is lost) fails the read, to be read again
/// exactly.
pub(crate) fn read_token<'de, D: Deserializer<'de>>(d: D) -> Result<Captured<'de>, D::Error> {
    if EVENTS.with(Cell::get) {
        d.deserialize_any(TokenVisitor)
    } else {
        read_captured(d)
    }
}

/// Reads one value whole as serde_json's raw value (whatever the mode).
fn read_captured<'de, D: Deserializer<'de>>(d: D) -> Result<Captured<'de>, D::Error> {
    d.deserialize_newtype_struct(RAW_TOKEN, TokenVisitor)
}

/// Reads one value whole with its text in every mode: for the types that read numbers from
/// their text, so that a read by events need not start again for them.
pub(crate) fn read_with_text<'de, D: Deserializer<'de>>(d: D) -> Result<Captured<'de>, D::Error> {
    read_captured(d)
}

thread_local! {
    /// Whether the current read takes scalars from serde_json's events (see [`read_token`]).
    static EVENTS: Cell<bool> = const { Cell::new(false) };
    /// Whether a read by events met a number it cannot read exactly.
    static NEEDS_TEXT: Cell<bool> = const { Cell::new(false) };
}

/// Whether the current read takes scalars from serde_json's events.
pub(crate) fn by_events() -> bool {
    EVENTS.with(Cell::get)
}

/// The error of a read by events that met a float: its text is lost, read again.
pub(crate) fn needs_text<E: de::Error>() -> E {
    NEEDS_TEXT.with(|n| n.set(true));
    E::custom("a number to read from its text")
}

/// Runs `read` taking scalars from serde_json's events: integers, strings and booleans are
/// exact there, and cost less than a raw value each. `Err(None)` if a number came as a float
/// (whose text serde_json does not keep): read again without this.
pub(crate) fn read_by_events<T, E>(read: impl FnOnce() -> Result<T, E>) -> Result<T, Option<E>> {
    /// Restores the mode also when `read` panics, so that the thread's next read (perhaps a
    /// plain `serde_json::from_str`) does not start in it.
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            EVENTS.with(|m| m.set(self.0));
        }
    }
    NEEDS_TEXT.with(|n| n.set(false));
    let restore = Restore(EVENTS.with(|m| m.replace(true)));
    let result = read();
    drop(restore);
    result.map_err(|e| (!NEEDS_TEXT.with(|n| n.replace(false))).then_some(e))
}

impl<'de> Captured<'de> {
    fn plain(token: Token<'de>) -> Self {
        Captured { token, text: None }
    }

    /// Classifies serde_json's text of one value.
    fn from_text<E: de::Error>(text: Cow<'de, str>) -> Result<Self, E> {
        let token = match text.as_bytes().first() {
            Some(b'"') => Token::String(unquote(&text)?),
            Some(b'n') => Token::Null,
            Some(b't') => Token::Bool(true),
            Some(b'f') => Token::Bool(false),
            Some(b'[') => Token::Array,
            Some(b'{') => Token::Object {
                empty: text
                    .get(1..)
                    .is_some_and(|t| t.trim_start().starts_with('}')),
            },
            Some(_) => Token::Number(text.clone()),
            None => return Err(de::Error::custom("an empty raw value")),
        };
        Ok(Captured {
            token,
            text: Some(text),
        })
    }

    /// Notes where `error` belongs in the input: after the value; in an array after its `[`,
    /// in an object after its first key (where reading it event by event would stop).
    pub(crate) fn fail<E: de::Error>(&self, error: E) -> E {
        if let Some(Cow::Borrowed(text)) = &self.text {
            let offset = match self.token {
                Token::Array => 1,
                Token::Object { .. } => first_key_end(text).unwrap_or(text.len()),
                _ => text.len(),
            };
            note_site(&error, text.as_ptr() as usize + offset);
        }
        error
    }

    /// The value's JSON text, where the deserializer gave it.
    pub(crate) fn json_text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// The address of the value's text in the input (0 when it was copied).
    pub(crate) fn address(&self) -> usize {
        match &self.text {
            Some(Cow::Borrowed(text)) => text.as_ptr() as usize,
            _ => 0,
        }
    }

    /// A deserializer handing this value on (to the `T` of a `Nullable<T>`).
    pub(crate) fn into_deserializer<E>(self) -> CapturedDe<'de, E> {
        CapturedDe {
            captured: self,
            error: PhantomData,
        }
    }
}

/// The content of a JSON string token, unescaped.
fn unquote<'de, E: de::Error>(text: &Cow<'de, str>) -> Result<Cow<'de, str>, E> {
    if !text.contains('\\') {
        let inner = text
            .get(1..text.len().saturating_sub(1))
            .ok_or_else(|| E::custom("a truncated string"))?;
        return Ok(match text {
            Cow::Borrowed(t) => Cow::Borrowed(t.get(1..t.len().saturating_sub(1)).unwrap_or("")),
            Cow::Owned(_) => Cow::Owned(inner.to_owned()),
        });
    }
    // serde_json checked the string's escapes but for surrogates: a lone one fails here, as a
    // syntax error at its place.
    serde_json::from_str::<String>(text)
        .map(Cow::Owned)
        .map_err(|e| {
            let error: E = nested_error(&e, text);
            let message = error.to_string();
            let tagged: E = de_error(ErrorKind::Syntax, &message);
            move_site(&message, &tagged.to_string());
            tagged
        })
}

/// The offset just after an object's first key, if it has one.
fn first_key_end(text: &str) -> Option<usize> {
    let rest = text.get(1..)?;
    let start = 1 + rest.len() - rest.trim_start().len();
    let bytes = text.as_bytes();
    if bytes.get(start) != Some(&b'"') {
        return None;
    }
    let mut i = start + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

struct TokenVisitor;

impl<'de> Visitor<'de> for TokenVisitor {
    type Value = Captured<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Captured<'de>, A::Error> {
        match map.next_key_seed(IsRawKey)? {
            Some(true) => Captured::from_text(map.next_value_seed(RawText)?),
            Some(false) => Ok(Captured::plain(Token::Object { empty: false })),
            None => Ok(Captured::plain(Token::Object { empty: true })),
        }
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Captured<'de>, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Captured<'de>, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_none<E: de::Error>(self) -> Result<Captured<'de>, E> {
        Ok(Captured::plain(Token::Null))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Captured<'de>, E> {
        Ok(Captured::plain(Token::Null))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Captured<'de>, E> {
        Ok(Captured::plain(Token::Bool(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Captured<'de>, E> {
        Ok(Captured::plain(Token::Integer(i128::from(v))))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Captured<'de>, E> {
        Ok(Captured::plain(Token::Integer(i128::from(v))))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Captured<'de>, E> {
        Ok(Captured::plain(Token::Integer(v)))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Captured<'de>, E> {
        Ok(Captured::plain(Token::Number(Cow::Owned(v.to_string()))))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Captured<'de>, E> {
        if by_events() {
            return Err(needs_text());
        }
        Ok(Captured::plain(Token::Number(Cow::Owned(format!("{v:?}")))))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Captured<'de>, E> {
        Ok(Captured::plain(Token::String(Cow::Borrowed(v))))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Captured<'de>, E> {
        Ok(Captured::plain(Token::String(Cow::Owned(v.to_owned()))))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Captured<'de>, E> {
        Ok(Captured::plain(Token::String(Cow::Owned(v))))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _seq: A) -> Result<Captured<'de>, A::Error> {
        Ok(Captured::plain(Token::Array))
    }
}

/// Whether a map key is serde_json's marker of a raw value.
struct IsRawKey;

impl<'de> de::DeserializeSeed<'de> for IsRawKey {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for IsRawKey {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map key")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        Ok(v == RAW_TOKEN)
    }
}

/// The text of a raw value, borrowed where the input lends it.
struct RawText;

impl<'de> de::DeserializeSeed<'de> for RawText {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for RawText {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the text of a JSON value")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

/// Hands a captured value on as a deserializer: a raw value to [`read_token`] again (so that
/// numbers stay exact), events to other visitors.
pub(crate) struct CapturedDe<'de, E> {
    captured: Captured<'de>,
    error: PhantomData<E>,
}

impl<'de, E: de::Error> CapturedDe<'de, E> {
    fn raw<V: Visitor<'de>>(text: Cow<'de, str>, visitor: V) -> Result<V::Value, E> {
        visitor.visit_map(RawMap {
            text: Some(text),
            error: PhantomData,
        })
    }
}

impl<'de, E: de::Error> Deserializer<'de> for CapturedDe<'de, E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        let Captured { token, text } = self.captured;
        match token {
            Token::Null => visitor.visit_unit(),
            Token::Bool(b) => visitor.visit_bool(b),
            Token::Integer(v) => match (i64::try_from(v), u64::try_from(v)) {
                (Ok(i), _) => visitor.visit_i64(i),
                (_, Ok(u)) => visitor.visit_u64(u),
                _ => visitor.visit_i128(v),
            },
            Token::String(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
            Token::String(Cow::Owned(s)) => visitor.visit_string(s),
            Token::Number(n) => Self::raw(text.unwrap_or(n), visitor),
            Token::Array | Token::Object { .. } => match text {
                Some(text) => Self::raw(text, visitor),
                None => Err(E::custom("an array or object that was not captured")),
            },
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, E> {
        match (name == RAW_TOKEN, &self.captured.text) {
            (true, Some(_)) => match self.captured.text {
                Some(text) => Self::raw(text, visitor),
                None => Err(E::custom("no raw value")),
            },
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.captured.token {
            Token::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// serde_json's raw-value map: one entry, the marker key and the text.
struct RawMap<'de, E> {
    text: Option<Cow<'de, str>>,
    error: PhantomData<E>,
}

impl<'de, E: de::Error> MapAccess<'de> for RawMap<'de, E> {
    type Error = E;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, E> {
        if self.text.is_none() {
            return Ok(None);
        }
        seed.deserialize(de::value::BorrowedStrDeserializer::new(RAW_TOKEN))
            .map(Some)
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, E> {
        match self.text.take() {
            Some(Cow::Borrowed(t)) => seed.deserialize(de::value::BorrowedStrDeserializer::new(t)),
            Some(Cow::Owned(t)) => seed.deserialize(de::value::StringDeserializer::new(t)),
            None => Err(E::custom("a raw value read twice")),
        }
    }
}

thread_local! {
    /// The last error raised here (its message) and the address of the input byte it belongs
    /// after.
    static SITE: RefCell<Option<(String, usize)>> = const { RefCell::new(None) };
}

/// Notes that `error` belongs after the input byte before `address`.
pub(crate) fn note_site<E: fmt::Display>(error: &E, address: usize) {
    let message = error.to_string();
    SITE.with(|s| *s.borrow_mut() = Some((message, address)));
}

/// Where the error whose message (without serde_json's position) is `message` belongs, if it
/// was noted; forgets it.
pub(crate) fn take_site(message: &str) -> Option<usize> {
    SITE.with(|s| {
        let mut s = s.borrow_mut();
        match s.take() {
            Some((m, a)) if m == message => Some(a),
            _ => None,
        }
    })
}

/// Forgets a noted site.
pub(crate) fn clear_site() {
    SITE.with(|s| *s.borrow_mut() = None);
}

/// Moves a noted site from one error message to another (an error replaced by another one
/// about the same value).
pub(crate) fn move_site(from: &str, to: &str) {
    SITE.with(|s| {
        let mut s = s.borrow_mut();
        if let Some((m, _)) = s.as_mut() {
            if m == from {
                *m = to.to_owned();
            }
        }
    });
}

/// The JSON text of one value: serde_json's raw value, or (from another deserializer) a
/// scalar's text.
pub(crate) fn read_text<'de, D: Deserializer<'de>>(d: D) -> Result<Cow<'de, str>, D::Error> {
    let captured = read_captured(d)?;
    if let Some(text) = captured.text {
        return Ok(text);
    }
    Ok(Cow::Owned(match captured.token {
        Token::Null => "null".to_owned(),
        Token::Bool(b) => b.to_string(),
        Token::Number(n) => n.into_owned(),
        Token::Integer(v) => v.to_string(),
        Token::String(s) => serde_json::to_string(&*s).map_err(de::Error::custom)?,
        Token::Array | Token::Object { .. } => {
            return Err(de::Error::custom(
                "a polymorphic contract is read from serde_json, which hands over its text",
            ))
        }
    }))
}

/// How deeply arrays and objects nest in a JSON text (1 for `{}`).
pub(crate) fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for &b in text.as_bytes() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// An error of a value read again from its `text` (a polymorphic object), for the enclosing
/// deserializer: the same message without the position in `text`, noted at its place in the
/// input.
pub(crate) fn nested_error<E: de::Error>(error: &serde_json::Error, text: &str) -> E {
    let full = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let message = match full.strip_suffix(&suffix) {
        Some(m) if error.line() > 0 => m.to_owned(),
        _ => full,
    };
    // (An address in a text of our own is outside the input, and is not used.)
    let site = take_site(&message).or_else(|| {
        (error.line() > 0)
            .then(|| text.as_ptr() as usize + index_of(text, error.line(), error.column()))
    });
    let outer = E::custom(&message);
    if let Some(address) = site {
        note_site(&outer, address);
    }
    outer
}

/// The byte offset of serde_json's 1-based line and (byte) column in `text`.
pub(crate) fn index_of(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text.get(start..).and_then(|t| t.find('\n')) {
            Some(i) => start += i + 1,
            None => break,
        }
    }
    (start + column).min(text.len())
}

/// serde_json's line and (byte) column after `index` bytes of `bytes`.
pub(crate) fn position_of(bytes: &[u8], index: usize) -> (usize, usize) {
    let before = bytes.get(..index).unwrap_or(bytes);
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    (line, index - start)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::read_by_events;
    use crate::{DataContract, Decimal};

    #[derive(Clone, PartialEq, DataContract)]
    #[h2h(
        name = "Payment",
        namespace = "http://schemas.datacontract.org/2004/07/Acme"
    )]
    struct Payment {
        amount: Decimal,
        fee: Option<Decimal>,
        rate: f64,
        memo: Option<String>,
    }

    fn by_events(json: &str) -> Result<Payment, Option<serde_json::Error>> {
        read_by_events(|| {
            let mut de = serde_json::Deserializer::from_str(json);
            serde::Deserialize::deserialize(&mut de)
        })
    }

    #[test]
    fn numbers_of_types_that_read_their_text_do_not_restart_the_read() {
        let read = by_events(r#"{"amount":1250.50,"fee":0.10,"rate":1.5,"memo":"x"}"#);
        let payment = read.unwrap_or_else(|e| panic!("read again: {e:?}"));
        assert_eq!(payment.amount.to_string(), "1250.50");
        assert_eq!(payment.fee.map(|f| f.to_string()).as_deref(), Some("0.10"));
    }

    #[test]
    fn a_float_where_a_string_is_expected_restarts_the_read_with_the_text() {
        // The string takes the number as Json.NET reads it (a double: own vector
        // `read-json-string-from-float` gives "1.5"), from the text pass.
        let read = by_events(r#"{"amount":1,"fee":null,"rate":1,"memo":1.50}"#);
        assert!(
            matches!(read, Err(None)),
            "should ask for a read with every value's text"
        );
        let payment: Payment =
            crate::json::from_str(r#"{"amount":1,"fee":null,"rate":1,"memo":1.50}"#).unwrap();
        assert_eq!(payment.memo.as_deref(), Some("1.5"));
    }
}
