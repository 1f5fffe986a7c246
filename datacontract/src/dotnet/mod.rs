//! .NET value types and their wire text.
//!
//! The server writes XML with WCF's `DataContractSerializer` (DCS) and JSON with Json.NET 6; this
//! module holds the .NET scalar types that have no exact Rust counterpart ([`DateTime`],
//! [`DateTimeOffset`], [`TimeSpan`], [`Uri`]) and the exact text of every scalar in both
//! formats, for writing and for reading. It depends on nothing else in the crate: the XML and
//! JSON layers call it.
//!
//! Conventions:
//!
//! - XML writers append the element's text content *before* XML escaping (only [`Uri`] can
//!   contain `&` or `<`); XML readers take the element's text after XML unescaping.
//! - JSON writers ([`WriteJson`]) append a complete JSON token, quotes included where the
//!   value is a JSON string (`"2025-01-23T00:00:00"`, `"NaN"`). Values whose JSON string can
//!   need escaping ([`Uri::as_str`], [`char_json_text`]) hand the text to the JSON layer.
//! - JSON readers ([`FromJson`]) take a [`JsonScalar`] (the token kind matters to Json.NET:
//!   `"42"` and `42` convert differently) and apply Json.NET 6's coercions.
//! - Writers never allocate for fixed-width values; nothing here panics on any input.
//! - Every failure is a [`ValueError`] naming the .NET type and echoing the text.
//!
//! Ground truth is the corpus of real .NET outputs (`shared/dotnet-vectors`); the unit tests
//! quote it case by case.

mod bytes;
#[cfg(feature = "chrono")]
mod chrono_conv;
mod datetime;
mod decimal;
mod error;
mod float;
mod guid;
mod impls;
mod integer;
mod json;
mod text;
mod timespan;
mod uri;

pub use self::bytes::{parse_base64, write_base64};
pub use self::datetime::{
    format_offset, DateTime, DateTimeKind, DateTimeOffset, MAX_LOCAL_OFFSET_MINUTES,
    MAX_OFFSET_MINUTES, TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MILLISECOND, TICKS_PER_MINUTE,
    TICKS_PER_SECOND,
};
pub use self::decimal::{parse_xml_decimal, write_json_decimal, write_xml_decimal};
pub use self::error::{ValueError, ValueErrorKind};
pub use self::float::{
    parse_xml_f32, parse_xml_f64, write_f32_general, write_f64_general, write_json_f32,
    write_json_f64, write_xml_f32, write_xml_f64,
};
pub use self::guid::{parse_guid, write_guid};
pub use self::integer::{char_json_text, parse_json_char, parse_xml_char, write_xml_char};
pub use self::json::JsonScalar;
pub use self::timespan::TimeSpan;
pub use self::uri::Uri;
pub use rust_decimal::Decimal;
pub use uuid::Uuid;

/// A .NET value with a text form in DataContractSerializer XML.
///
/// Implemented for the integers `i8`…`u64`, `bool`, `f32`, `f64`, [`Decimal`], [`DateTime`],
/// [`TimeSpan`], [`Uuid`] and [`Uri`]. (`char` is a UTF-16 code unit: see
/// [`write_xml_char`]; `byte[]`: see [`write_base64`]; [`DateTimeOffset`] is a complex type
/// in XML.)
pub trait XmlText: Sized {
    /// The .NET type name, as used in error messages (`"Int32"`, `"DateTime"`).
    const DOTNET_NAME: &'static str;

    /// Appends the element text DataContractSerializer writes (before XML escaping).
    fn write_xml(&self, out: &mut Vec<u8>);

    /// Reads element text as DataContractSerializer does.
    fn parse_xml(text: &str) -> Result<Self, ValueError>;
}

/// A .NET value Json.NET 6 writes as a JSON scalar.
///
/// Implemented for the integers, `bool`, `f32`, `f64`, [`Decimal`], [`DateTime`],
/// [`DateTimeOffset`], [`TimeSpan`] and [`Uuid`].
pub trait WriteJson {
    /// Appends the complete JSON token (quotes included for strings).
    fn write_json(&self, out: &mut Vec<u8>);
}

/// A .NET value Json.NET 6 reads from a scalar JSON token, with its coercions (`"42"` into an
/// `int`, `1` into a `bool`, `123` into a `string`).
///
/// Implemented for the integers, `bool`, `f32`, `f64`, [`Decimal`], [`DateTime`],
/// [`DateTimeOffset`], [`TimeSpan`], [`Uuid`], [`Uri`] and `String`. `null` is always a
/// [`ValueErrorKind::Null`] error: a nullable member maps it to `None` before calling.
pub trait FromJson: Sized {
    /// Converts the token as Json.NET 6 does for a member of this type.
    fn from_json(value: JsonScalar<'_>) -> Result<Self, ValueError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds pseudo-random texts built from the characters the parsers care about to every
    /// parser: none may panic.
    #[test]
    fn no_parser_panics_on_garbage() {
        const ALPHABET: &[char] = &[
            '0',
            '1',
            '5',
            '9',
            '-',
            '+',
            '.',
            ',',
            ':',
            'T',
            'Z',
            'z',
            'P',
            'D',
            'H',
            'M',
            'S',
            'Y',
            'E',
            'e',
            'x',
            '/',
            '(',
            ')',
            '{',
            '}',
            ' ',
            '\t',
            '\n',
            '\0',
            'é',
            '\u{1F600}',
            'D',
            'a',
            't',
            'I',
            'N',
            'F',
        ];
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut text = String::new();
        for round in 0..30_000 {
            text.clear();
            let len = (next() % 40) as usize;
            for _ in 0..len {
                let pick = (next() % ALPHABET.len() as u64) as usize;
                text.push(ALPHABET.get(pick).copied().unwrap_or('0'));
            }
            if round % 7 == 0 {
                text.insert_str(0, ["/Date(", "2025-01-23T", "P1DT", "0x", "{0x"][round % 5]);
            }
            let t = text.as_str();
            let _ = DateTime::parse_xml(t);
            let _ = DateTime::parse_json(t);
            let _ = DateTimeOffset::parse_json(t, None);
            let _ = DateTimeOffset::parse_json(t, Some(-720));
            let _ = TimeSpan::parse_xml(t);
            let _ = TimeSpan::parse_json(t);
            let _ = parse_xml_f64(t);
            let _ = parse_xml_f32(t);
            let _ = parse_xml_decimal(t);
            let _ = parse_xml_char(t);
            let _ = parse_guid(t);
            let _ = parse_base64(t);
            let _ = i8::parse_xml(t);
            let _ = u64::parse_xml(t);
            let _ = bool::parse_xml(t);
            let mut out = Vec::new();
            Uri::new(t).write_xml(&mut out);
            for scalar in [JsonScalar::Number(t), JsonScalar::String(t)] {
                let _ = i32::from_json(scalar);
                let _ = i64::from_json(scalar);
                let _ = u64::from_json(scalar);
                let _ = bool::from_json(scalar);
                let _ = f64::from_json(scalar);
                let _ = f32::from_json(scalar);
                let _ = Decimal::from_json(scalar);
                let _ = String::from_json(scalar);
                let _ = DateTime::from_json(scalar);
                let _ = DateTimeOffset::from_json(scalar);
                let _ = TimeSpan::from_json(scalar);
                let _ = Uuid::from_json(scalar);
                let _ = parse_json_char(scalar);
            }
        }
    }

    #[test]
    fn traits_agree_with_functions() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        2.0f64.write_xml(&mut a);
        write_xml_f64(2.0, &mut b);
        assert_eq!(a, b);
        a.clear();
        2.0f64.write_json(&mut a);
        assert_eq!(a, b"2.0");
        assert_eq!(<i32 as XmlText>::DOTNET_NAME, "Int32");
        assert_eq!(<DateTime as XmlText>::DOTNET_NAME, "DateTime");
        let e = <u8 as XmlText>::parse_xml("256").unwrap_err();
        assert_eq!(
            (e.kind(), e.dotnet_type()),
            (ValueErrorKind::Overflow, "Byte")
        );
    }
}
