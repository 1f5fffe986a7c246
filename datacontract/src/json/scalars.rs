//! `JsonValue` for the .NET scalars: tokens and Json.NET's coercions come from
//! [`crate::dotnet`]; this file only moves serde's events into [`JsonScalar`]s.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};
use serde::Serializer;

use super::error::ErrorKind;
use super::token::{self, number_text, read_token, IntBuffer, Token};
use super::value::{de_error, write_raw, write_str, JsonValue};
use crate::dotnet::{
    self, DateTime, DateTimeOffset, Decimal, FromJson, JsonScalar, TimeSpan, Uri, Uuid, ValueError,
    ValueErrorKind, WriteJson,
};
use crate::Bytes;

fn convert<T, E: de::Error>(result: Result<T, ValueError>) -> Result<T, E> {
    result.map_err(|e| {
        let kind = match e.kind() {
            ValueErrorKind::Overflow => ErrorKind::Overflow,
            _ => ErrorKind::InvalidValue,
        };
        de_error(kind, e)
    })
}

/// Reads one scalar token exactly and hands it to `T::from_json`.
pub(crate) fn read_scalar<'de, T: FromJson, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    if token::by_events() {
        return d.deserialize_any(ScalarEvents(PhantomData));
    }
    from_captured(read_token(d)?)
}

/// [`read_scalar`] for a type whose numbers are read from their text (a decimal's scale, .NET's
/// own double parsing): the text is captured in every pass, so that a document with such
/// numbers is not read twice.
pub(crate) fn read_number_text<'de, T: FromJson, D: Deserializer<'de>>(
    d: D,
) -> Result<T, D::Error> {
    from_captured(token::read_with_text(d)?)
}

/// A `DateTime`, which Json.NET (`DateTimeZoneHandling.RoundtripKind`, Web API's default)
/// reads at another offset than the server's as the server's local time: see
/// [`crate::report::at_server_offset`]. Its text is captured to place the finding.
fn read_date_time<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime, D::Error> {
    let (value, address, captured) = if token::by_events() {
        // A string comes borrowed from the input (its address places a finding); any other
        // token is an error, read again with its text to place it exactly.
        let (value, address) = d.deserialize_any(DateEvents)?;
        (value, address, None)
    } else {
        let captured = read_token(d)?;
        let address = captured.address();
        let value: DateTime = from_captured(captured.clone())?;
        (value, address, Some(captured))
    };
    let server = super::server_utc_offset_minutes();
    match crate::report::at_server_offset(value, server, super::policy(), "Json.NET") {
        Ok(None) => Ok(value),
        Ok(Some(other)) => {
            super::scope::note("", address, || super::scope::Note {
                kind: crate::report::FindingKind::OffsetConverted,
                dotnet: crate::report::DotnetAction::ConvertsToServerTime,
                outcome: other.outcome,
                expected_order: Vec::new(),
                message: other.message,
                fix: Some(other.fix),
            });
            Ok(other.value)
        }
        Err(message) => {
            let error = de_error(ErrorKind::OtherOffset, message);
            match captured {
                Some(captured) => Err(captured.fail(error)),
                // (A strict read that fails is read again with the path tracked.)
                None => Err(error),
            }
        }
    }
}

/// A `DateTime` in a read by events: the value and the address of its text in the input.
struct DateEvents;

impl<'de> Visitor<'de> for DateEvents {
    type Value = (DateTime, usize);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date and time")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        convert(DateTime::from_json(JsonScalar::String(v))).map(|d| (d, v.as_ptr() as usize))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        convert(DateTime::from_json(JsonScalar::String(v))).map(|d| (d, 0))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        convert(DateTime::from_json(JsonScalar::Null)).map(|d| (d, 0))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        convert(DateTime::from_json(JsonScalar::Bool(v))).map(|d| (d, 0))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Err(token::needs_text())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Err(token::needs_text())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Err(token::needs_text())
    }

    fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(token::needs_text())
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(token::needs_text())
    }
}

fn from_captured<T: FromJson, E: de::Error>(captured: token::Captured<'_>) -> Result<T, E> {
    let mut buf: IntBuffer = [0; 40];
    let scalar = match &captured.token {
        Token::Null => JsonScalar::Null,
        Token::Bool(b) => JsonScalar::Bool(*b),
        Token::Number(text) => JsonScalar::Number(text),
        number @ Token::Integer(_) => {
            JsonScalar::Number(number_text(number, &mut buf).unwrap_or(""))
        }
        Token::String(text) => JsonScalar::String(text),
        Token::Array => {
            return Err(captured.fail(de_error(
                ErrorKind::InvalidValue,
                "an array where a value was expected",
            )))
        }
        Token::Object { .. } => {
            return Err(captured.fail(de_error(
                ErrorKind::InvalidValue,
                "an object where a value was expected",
            )))
        }
    };
    convert(T::from_json(scalar)).map_err(|e| captured.fail(e))
}

/// [`read_scalar`] in a read by events, straight from serde_json's events (the common case,
/// kept free of [`token::Captured`]). Errors need not be exact here: a failed read by events
/// is read again with every value's text.
struct ScalarEvents<T>(PhantomData<T>);

impl<'de, T: FromJson> Visitor<'de> for ScalarEvents<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON scalar")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
        convert(T::from_json(JsonScalar::Bool(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        let mut buf: IntBuffer = [0; 40];
        let token = Token::Integer(i128::from(v));
        let text = number_text(&token, &mut buf).unwrap_or("");
        convert(T::from_json(JsonScalar::Number(text)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        let mut buf: IntBuffer = [0; 40];
        let token = Token::Integer(i128::from(v));
        let text = number_text(&token, &mut buf).unwrap_or("");
        convert(T::from_json(JsonScalar::Number(text)))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<T, E> {
        Err(token::needs_text())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        convert(T::from_json(JsonScalar::String(v)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        convert(T::from_json(JsonScalar::Null))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<T, A::Error> {
        Err(de_error(
            ErrorKind::InvalidValue,
            "an object where a value was expected",
        ))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<T, A::Error> {
        Err(de_error(
            ErrorKind::InvalidValue,
            "an array where a value was expected",
        ))
    }
}

fn write_token<S: Serializer, T: WriteJson>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    let mut token = Vec::with_capacity(40);
    value.write_json(&mut token);
    write_raw(s, std::str::from_utf8(&token).unwrap_or("null"))
}

/// Integers and booleans: serde's own forms are Json.NET's.
macro_rules! native {
    ($($t:ty => $method:ident, $default:expr;)*) => {$(
        impl JsonValue for $t {
            fn write_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.$method(*self)
            }
            fn read_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                read_scalar(d)
            }
            fn json_missing() -> Self {
                $default
            }
            fn json_is_default(&self) -> bool {
                *self == $default
            }
            const IS_VALUE_TYPE: bool = true;
        }
    )*};
}

native! {
    bool => serialize_bool, false;
    i8 => serialize_i8, 0;
    u8 => serialize_u8, 0;
    i16 => serialize_i16, 0;
    u16 => serialize_u16, 0;
    i32 => serialize_i32, 0;
    u32 => serialize_u32, 0;
    i64 => serialize_i64, 0;
    u64 => serialize_u64, 0;
}

/// Values whose Json.NET token differs from serde's: written as raw tokens. Those marked
/// `text` read their numbers from the number's text.
macro_rules! exact {
    ($($t:ty => $default:expr, $read:ident, $text:literal;)*) => {$(
        impl JsonValue for $t {
            fn write_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                write_token(self, s)
            }
            fn read_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $read(d)
            }
            const READS_NUMBER_TEXT: bool = $text;
            fn json_missing() -> Self {
                $default
            }
            fn json_is_default(&self) -> bool {
                *self == $default
            }
            const IS_VALUE_TYPE: bool = true;
        }
    )*};
}

exact! {
    f32 => 0.0, read_number_text, true;
    f64 => 0.0, read_number_text, true;
    Decimal => Decimal::ZERO, read_number_text, true;
    DateTime => DateTime::MIN, read_date_time, false;
    DateTimeOffset => DateTimeOffset::MIN, read_scalar, false;
    TimeSpan => TimeSpan::ZERO, read_scalar, false;
    Uuid => Uuid::nil(), read_scalar, false;
}

/// Json.NET writes a `Uri` as its original string.
impl JsonValue for Uri {
    fn write_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        write_str(s, self.as_str())
    }
    fn read_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        read_scalar(d)
    }
    fn json_missing() -> Self {
        Uri::new("")
    }
    /// Json.NET reads `""` into a `Uri` member as null.
    fn json_reads_as_null(&self) -> bool {
        self.as_str().is_empty()
    }
}

/// `char` is a one-character string.
impl JsonValue for char {
    fn write_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut buf = [0u8; 4];
        write_str(s, self.encode_utf8(&mut buf))
    }
    fn read_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        fn char_of<E: de::Error>(unit: u16) -> Result<char, E> {
            char::from_u32(u32::from(unit)).ok_or_else(|| {
                de_error(
                    ErrorKind::Unrepresentable,
                    format_args!(
                        "char {unit} is a lone UTF-16 surrogate, which a Rust char cannot hold"
                    ),
                )
            })
        }
        let captured = read_token(d)?;
        let mut buf: IntBuffer = [0; 40];
        let scalar = match &captured.token {
            Token::Null => JsonScalar::Null,
            Token::String(text) => JsonScalar::String(text),
            // Integers in range as serde_json handed them over before (`read-json-char-number`).
            Token::Number(text) if text.parse::<i64>().is_ok() || text.parse::<u64>().is_ok() => {
                JsonScalar::Number(text)
            }
            number @ Token::Integer(_) => {
                JsonScalar::Number(number_text(number, &mut buf).unwrap_or(""))
            }
            _ => {
                return Err(captured.fail(de_error(
                    ErrorKind::InvalidValue,
                    format_args!(
                        "invalid type: {}, expected a one-character string",
                        captured.token.name()
                    ),
                )))
            }
        };
        convert(dotnet::parse_json_char(scalar))
            .and_then(char_of)
            .map_err(|e| captured.fail(e))
    }
    const IS_VALUE_TYPE: bool = true;
    fn json_missing() -> Self {
        '\0'
    }
    fn json_is_default(&self) -> bool {
        *self == '\0'
    }
}

/// `byte[]` is a base64 string.
impl JsonValue for Bytes {
    fn write_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut out = Vec::with_capacity(self.len() * 4 / 3 + 4);
        dotnet::write_base64(self, &mut out);
        s.serialize_str(std::str::from_utf8(&out).unwrap_or_default())
    }
    fn read_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct BytesVisitor;
        impl<'de> Visitor<'de> for BytesVisitor {
            type Value = Bytes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a base64 string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Bytes, E> {
                convert(dotnet::parse_base64(v)).map(Bytes)
            }
            /// Json.NET also reads an array of integers 0 to 255 (`read-json-bytes-array`).
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Bytes, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(b) = seq.next_element_seed(ByteItem)? {
                    out.push(b);
                }
                Ok(Bytes(out))
            }
        }
        d.deserialize_any(BytesVisitor)
    }
    fn json_missing() -> Self {
        Bytes::default()
    }
}

/// One item of a `byte[]` written as an array: an integer token only, as Json.NET's
/// `ReadAsBytes` takes it.
struct ByteItem;

impl<'de> de::DeserializeSeed<'de> for ByteItem {
    type Value = u8;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<u8, D::Error> {
        let captured = read_token(d)?;
        let byte = match &captured.token {
            Token::Number(text) if !text.contains(['.', 'e', 'E']) => match text.parse::<i128>() {
                Ok(v) => Self::byte(v),
                Err(_) => Err(de_error(
                    ErrorKind::Overflow,
                    format_args!("{text} is outside the range of a byte (0 to 255)"),
                )),
            },
            Token::Integer(v) => Self::byte(*v),
            Token::Number(_) => Err(Self::not_an_integer("a float")),
            Token::String(_) => Err(Self::not_an_integer("a string")),
            Token::Bool(_) => Err(Self::not_an_integer("a boolean")),
            Token::Null => Err(Self::not_an_integer("null")),
            Token::Array => Err(Self::not_an_integer("an array")),
            Token::Object { .. } => Err(Self::not_an_integer("an object")),
        };
        byte.map_err(|e| captured.fail(e))
    }
}

impl ByteItem {
    fn byte<E: de::Error>(v: i128) -> Result<u8, E> {
        u8::try_from(v).map_err(|_| {
            de_error(
                ErrorKind::Overflow,
                format_args!("{v} is outside the range of a byte (0 to 255)"),
            )
        })
    }

    fn not_an_integer<E: de::Error>(what: &str) -> E {
        de_error(
            ErrorKind::InvalidValue,
            format_args!("{what} in a byte array: each item must be an integer from 0 to 255"),
        )
    }
}

impl<T: JsonValue> JsonValue for Box<T> {
    fn write_json<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).write_json(s)
    }
    fn read_json<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::read_json(d).map(Box::new)
    }
    fn json_missing() -> Self {
        Box::new(T::json_missing())
    }
    fn json_is_default(&self) -> bool {
        (**self).json_is_default()
    }
    fn read_json_into<'de, D: Deserializer<'de>>(&mut self, d: D) -> Result<bool, D::Error> {
        (**self).read_json_into(d)
    }
}
