//! Integers (`sbyte` … `ulong`), `bool` and `char`: their text and both readers' rules.

use super::error::ValueError;
use super::json::{is_non_base10, parse_radix, read_json_number, JsonNumber, JsonScalar};
use super::text::{parse_integer_text, push_i64, push_u64, trim_xml, IntText, NumberStyle};
use super::{FromJson, WriteJson, XmlText};

/// Reads an integer text in `style` as a wide value (range checked by the caller).
fn parse_wide(
    text: &str,
    style: NumberStyle,
    dotnet_type: &'static str,
) -> Result<i128, ValueError> {
    match parse_integer_text(text, style) {
        IntText::Value(v) => Ok(v),
        IntText::Overflow => Err(ValueError::overflow(dotnet_type, text)),
        IntText::Invalid => Err(ValueError::format(dotnet_type, text)),
    }
}

fn fit<T: TryFrom<i128>>(v: i128, dotnet_type: &'static str, text: &str) -> Result<T, ValueError> {
    T::try_from(v).map_err(|_| ValueError::overflow(dotnet_type, text))
}

/// Json.NET 6's conversion of a scalar to an integer type. `Int32` goes through
/// `ReadAsInt32` (number tokens must be integers, `""` is null, booleans are rejected); the
/// other types through `Read` + `Convert.ChangeType` (floats round half to even, booleans are
/// 1/0, strings parse with `NumberStyles.Integer`).
fn json_integer<T: TryFrom<i128>>(
    v: JsonScalar<'_>,
    dotnet_type: &'static str,
    int32: bool,
) -> Result<T, ValueError> {
    match v {
        JsonScalar::Null => Err(ValueError::null(dotnet_type)),
        JsonScalar::Bool(_) if int32 => Err(ValueError::token(dotnet_type, v.token_name())),
        JsonScalar::Bool(b) => fit(i128::from(b), dotnet_type, if b { "true" } else { "false" }),
        JsonScalar::String("") if int32 => Err(ValueError::null(dotnet_type)),
        JsonScalar::String(s) => fit(
            parse_wide(s, NumberStyle::INTEGER, dotnet_type)?,
            dotnet_type,
            s,
        ),
        JsonScalar::Number(t) if int32 => {
            let wide = if is_non_base10(t) {
                i128::from(parse_radix(t, true, dotnet_type)?)
            } else {
                parse_wide(t, NumberStyle::INTEGER, dotnet_type)?
            };
            fit(wide, dotnet_type, t)
        }
        JsonScalar::Number(t) => match read_json_number(t, dotnet_type)? {
            JsonNumber::Int(i) => fit(i128::from(i), dotnet_type, t),
            JsonNumber::Big { negative, digits } => {
                let magnitude = digits
                    .parse::<u64>()
                    .map_err(|_| ValueError::overflow(dotnet_type, t))?;
                let wide = i128::from(magnitude);
                fit(if negative { -wide } else { wide }, dotnet_type, t)
            }
            JsonNumber::Float(f) => {
                let r = f.round_ties_even();
                if !r.is_finite() || r.abs() >= 1.9e19 {
                    return Err(ValueError::overflow(dotnet_type, t));
                }
                fit(r as i128, dotnet_type, t)
            }
        },
    }
}

macro_rules! integer {
    ($t:ty, $name:literal, $xml_style:expr, $int32:expr, $push:ident, $wide:ty, $doc_xml:literal) => {
        impl XmlText for $t {
            const DOTNET_NAME: &'static str = $name;

            /// Writes the decimal text (corpus `integers`).
            fn write_xml(&self, out: &mut Vec<u8>) {
                $push(out, <$wide>::from(*self));
            }

            #[doc = $doc_xml]
            fn parse_xml(text: &str) -> Result<Self, ValueError> {
                fit(parse_wide(text, $xml_style, $name)?, $name, text)
            }
        }

        impl WriteJson for $t {
            /// Writes the decimal text (corpus `integers`).
            fn write_json(&self, out: &mut Vec<u8>) {
                $push(out, <$wide>::from(*self));
            }
        }

        impl FromJson for $t {
            /// Json.NET 6's conversion (corpus `read-json-string-into-int`,
            /// `read-json-float-into-int`, `read-json-null-into-int`).
            fn from_json(value: JsonScalar<'_>) -> Result<Self, ValueError> {
                json_integer(value, $name, $int32)
            }
        }
    };
}

integer!(i8, "SByte", NumberStyle::INTEGER, false, push_i64, i64,
    "DataContractSerializer reads it as an `Int32` (white space around, leading `+`/`-`) and range-checks it.");
integer!(u8, "Byte", NumberStyle::INTEGER, false, push_u64, u64,
    "DataContractSerializer reads it as an `Int32` (white space around, leading `+`/`-`) and range-checks it.");
integer!(i16, "Int16", NumberStyle::INTEGER, false, push_i64, i64,
    "DataContractSerializer reads it as an `Int32` (white space around, leading `+`/`-`) and range-checks it.");
integer!(u16, "UInt16", NumberStyle::INTEGER, false, push_u64, u64,
    "DataContractSerializer reads it as an `Int32` (white space around, leading `+`/`-`) and range-checks it.");
integer!(i32, "Int32", NumberStyle::INTEGER, true, push_i64, i64,
    "`XmlConvert.ToInt32`: white space around and a leading `+`/`-` are accepted (`+007`), empty text is a format error, overflow an error (corpus `read-xml-int-whitespace`, `-plus-sign`, `-overflow`, `read-xml-empty-int`).");
integer!(u32, "UInt32", NumberStyle::INTEGER, false, push_u64, u64,
    "DataContractSerializer reads it as an `Int64` (white space around, leading `+`/`-`) and range-checks it.");
integer!(
    i64,
    "Int64",
    NumberStyle::INTEGER,
    false,
    push_i64,
    i64,
    "`XmlConvert.ToInt64`: white space around, leading `+`/`-`, overflow is an error."
);
integer!(
    u64,
    "UInt64",
    NumberStyle::UNSIGNED_XML,
    false,
    push_u64,
    u64,
    "`XmlConvert.ToUInt64`: white space around, no sign at all (`+5` is a format error)."
);

impl XmlText for bool {
    const DOTNET_NAME: &'static str = "Boolean";

    /// Writes `true` / `false` (corpus `scalars-bool-char`).
    fn write_xml(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(if *self { b"true" as &[u8] } else { b"false" });
    }

    /// `XmlConvert.ToBoolean`: `true`, `false`, `1`, `0` only, XML white space around
    /// (corpus `read-xml-bool-one`; `True` is an error, corpus `read-xml-bool-capitalized`).
    fn parse_xml(text: &str) -> Result<Self, ValueError> {
        match trim_xml(text) {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err(ValueError::format("Boolean", text)),
        }
    }
}

impl WriteJson for bool {
    /// Writes `true` / `false`.
    fn write_json(&self, out: &mut Vec<u8>) {
        self.write_xml(out);
    }
}

impl FromJson for bool {
    /// Json.NET 6: booleans; numbers are true when non-zero (corpus `read-json-bool-as-number`);
    /// strings by `Boolean.Parse` (case-insensitive `true`/`false`, white space and NULs
    /// around; corpus `read-json-string-into-int`).
    fn from_json(value: JsonScalar<'_>) -> Result<Self, ValueError> {
        const BOOLEAN: &str = "Boolean";
        match value {
            JsonScalar::Null => Err(ValueError::null(BOOLEAN)),
            JsonScalar::Bool(b) => Ok(b),
            JsonScalar::Number(t) => match read_json_number(t, BOOLEAN)? {
                JsonNumber::Int(i) => Ok(i != 0),
                JsonNumber::Float(f) => Ok(f != 0.0),
                JsonNumber::Big { .. } => Err(ValueError::overflow(BOOLEAN, t)),
            },
            JsonScalar::String(s) => {
                let trimmed = s.trim_matches(|c: char| c.is_whitespace() || c == '\0');
                if trimmed.eq_ignore_ascii_case("true") {
                    Ok(true)
                } else if trimmed.eq_ignore_ascii_case("false") {
                    Ok(false)
                } else {
                    Err(ValueError::format(BOOLEAN, s))
                }
            }
        }
    }
}

/// Writes a .NET `char` (a UTF-16 code unit) as DataContractSerializer does: its number
/// (`A` → `65`, `é` → `233`, NUL → `0`; corpus `scalars-bool-char`).
pub fn write_xml_char(c: u16, out: &mut Vec<u8>) {
    push_u64(out, u64::from(c));
}

/// Reads a `char` element as DataContractSerializer does: an `Int32` text (white space and
/// sign allowed) in 0..=65535.
pub fn parse_xml_char(text: &str) -> Result<u16, ValueError> {
    fit(
        parse_wide(text, NumberStyle::INTEGER, "Char")?,
        "Char",
        text,
    )
}

/// The one-character JSON string content Json.NET writes for a `char` (corpus
/// `scalars-bool-char`: `"A"`, `"é"`, `"\u0000"` after JSON escaping); `None` for a lone
/// surrogate, which Json.NET cannot encode (the write fails, corpus `string-lone-surrogate`).
pub fn char_json_text(c: u16) -> Option<char> {
    char::from_u32(u32::from(c))
}

/// Json.NET 6's conversion of a scalar to `char`: a string of exactly one UTF-16 code unit,
/// or an integer in 0..=65535.
pub fn parse_json_char(value: JsonScalar<'_>) -> Result<u16, ValueError> {
    const CHAR: &str = "Char";
    match value {
        JsonScalar::Null => Err(ValueError::null(CHAR)),
        JsonScalar::String(s) => {
            let mut units = s.encode_utf16();
            match (units.next(), units.next()) {
                (Some(u), None) => Ok(u),
                _ => Err(ValueError::format(CHAR, s)),
            }
        }
        JsonScalar::Number(t) => match read_json_number(t, CHAR)? {
            JsonNumber::Int(i) => fit(i128::from(i), CHAR, t),
            JsonNumber::Big { .. } => Err(ValueError::overflow(CHAR, t)),
            JsonNumber::Float(_) => Err(ValueError::token(CHAR, "float")),
        },
        JsonScalar::Bool(_) => Err(ValueError::token(CHAR, value.token_name())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dotnet::ValueErrorKind;

    fn text<T: XmlText>(v: T) -> String {
        let mut out = Vec::new();
        v.write_xml(&mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn corpus_integers() {
        // corpus integers/value.xml (value.json has the same numbers)
        assert_eq!(text(i64::MIN), "-9223372036854775808");
        assert_eq!(text(i64::MAX), "9223372036854775807");
        assert_eq!(text(u64::MAX), "18446744073709551615");
        assert_eq!(text(i32::MIN), "-2147483648");
        assert_eq!(text(i16::MIN), "-32768");
        assert_eq!(text(u8::MAX), "255");
        assert_eq!(text(i8::MIN), "-128");
        assert_eq!(text(u32::MAX), "4294967295");
        let mut out = Vec::new();
        u64::MAX.write_json(&mut out);
        assert_eq!(out, b"18446744073709551615");
    }

    #[test]
    fn xml_parse_corpus() {
        // corpus read-xml-int-whitespace, read-xml-int-plus-sign
        assert_eq!(i32::parse_xml(" 5 ").unwrap(), 5);
        assert_eq!(i32::parse_xml("+007").unwrap(), 7);
        // corpus read-xml-int-overflow
        let e = i32::parse_xml("2147483648").unwrap_err();
        assert_eq!(
            (e.kind(), e.dotnet_type()),
            (ValueErrorKind::Overflow, "Int32")
        );
        // corpus read-xml-empty-int
        let e = i32::parse_xml("").unwrap_err();
        assert_eq!(
            (e.kind(), e.dotnet_type()),
            (ValueErrorKind::InvalidFormat, "Int32")
        );
    }

    #[test]
    fn xml_parse_all_widths() {
        assert_eq!(i8::parse_xml("-128").unwrap(), i8::MIN);
        assert_eq!(
            i8::parse_xml("128").unwrap_err().kind(),
            ValueErrorKind::Overflow
        );
        assert_eq!(u8::parse_xml("+255").unwrap(), 255);
        assert_eq!(
            u8::parse_xml("-1").unwrap_err().kind(),
            ValueErrorKind::Overflow
        );
        assert_eq!(u8::parse_xml("-0").unwrap(), 0);
        assert_eq!(i16::parse_xml("\t-32768\n").unwrap(), i16::MIN);
        assert_eq!(u16::parse_xml("65535").unwrap(), u16::MAX);
        assert_eq!(u32::parse_xml("4294967295").unwrap(), u32::MAX);
        assert_eq!(
            u32::parse_xml("4294967296").unwrap_err().kind(),
            ValueErrorKind::Overflow
        );
        assert_eq!(i64::parse_xml("-9223372036854775808").unwrap(), i64::MIN);
        assert_eq!(
            i64::parse_xml("9223372036854775808").unwrap_err().kind(),
            ValueErrorKind::Overflow
        );
        assert_eq!(u64::parse_xml(" 18446744073709551615 ").unwrap(), u64::MAX);
        assert_eq!(
            u64::parse_xml("18446744073709551616").unwrap_err().kind(),
            ValueErrorKind::Overflow
        );
        assert_eq!(
            u64::parse_xml("+1").unwrap_err().kind(),
            ValueErrorKind::InvalidFormat
        );
        assert_eq!(
            i32::parse_xml("99999999999999999999999999x")
                .unwrap_err()
                .kind(),
            ValueErrorKind::InvalidFormat
        );
        for bad in ["1.0", "1e3", "0x10", "1 2", "- 1", "--1", "١"] {
            assert_eq!(
                i32::parse_xml(bad).unwrap_err().kind(),
                ValueErrorKind::InvalidFormat,
                "{bad:?}"
            );
        }
    }

    #[test]
    fn bools() {
        assert_eq!(text(true), "true");
        assert_eq!(text(false), "false");
        // corpus read-xml-bool-one, read-xml-bool-capitalized
        assert!(bool::parse_xml("1").unwrap());
        assert_eq!(
            bool::parse_xml("True").unwrap_err().kind(),
            ValueErrorKind::InvalidFormat
        );
        assert!(!bool::parse_xml(" 0\n").unwrap());
        assert!(bool::parse_xml(" true ").unwrap());
        assert!(bool::parse_xml("").is_err());
        assert!(bool::parse_xml("yes").is_err());
        // corpus read-json-bool-as-number, read-json-string-into-int
        assert!(bool::from_json(JsonScalar::Number("1")).unwrap());
        assert!(bool::from_json(JsonScalar::String("true")).unwrap());
        assert!(bool::from_json(JsonScalar::String(" TRUE\0")).unwrap());
        assert!(!bool::from_json(JsonScalar::Number("0.0")).unwrap());
        assert!(!bool::from_json(JsonScalar::Bool(false)).unwrap());
        assert_eq!(
            bool::from_json(JsonScalar::String("1")).unwrap_err().kind(),
            ValueErrorKind::InvalidFormat
        );
        assert_eq!(
            bool::from_json(JsonScalar::Null).unwrap_err().kind(),
            ValueErrorKind::Null
        );
    }

    #[test]
    fn json_integers() {
        // corpus read-json-string-into-int: "42" -> 42
        assert_eq!(i32::from_json(JsonScalar::String("42")).unwrap(), 42);
        // corpus read-json-float-into-int: 1.5 is not a valid integer
        assert_eq!(
            i32::from_json(JsonScalar::Number("1.5"))
                .unwrap_err()
                .kind(),
            ValueErrorKind::InvalidFormat
        );
        // corpus read-json-null-into-int
        assert_eq!(
            i32::from_json(JsonScalar::Null).unwrap_err().kind(),
            ValueErrorKind::Null
        );
        assert_eq!(
            i32::from_json(JsonScalar::Number("-2147483648")).unwrap(),
            i32::MIN
        );
        assert_eq!(
            i32::from_json(JsonScalar::Number("2147483648"))
                .unwrap_err()
                .kind(),
            ValueErrorKind::Overflow
        );
        assert_eq!(i32::from_json(JsonScalar::Number("0x1F")).unwrap(), 31);
        assert_eq!(
            i32::from_json(JsonScalar::Number("0xFFFFFFFF")).unwrap(),
            -1
        );
        assert_eq!(i32::from_json(JsonScalar::Number("010")).unwrap(), 8);
        assert_eq!(i32::from_json(JsonScalar::String(" -7 ")).unwrap(), -7);
        assert_eq!(
            i32::from_json(JsonScalar::String("")).unwrap_err().kind(),
            ValueErrorKind::Null
        );
        assert_eq!(
            i32::from_json(JsonScalar::Bool(true)).unwrap_err().kind(),
            ValueErrorKind::UnexpectedToken
        );
        // other widths go through Convert.ChangeType
        assert_eq!(i64::from_json(JsonScalar::Number("2.5")).unwrap(), 2);
        assert_eq!(i64::from_json(JsonScalar::Number("3.5")).unwrap(), 4);
        assert_eq!(i16::from_json(JsonScalar::Number("-1.5")).unwrap(), -2);
        assert_eq!(i64::from_json(JsonScalar::Bool(true)).unwrap(), 1);
        assert_eq!(
            u64::from_json(JsonScalar::Number("18446744073709551615")).unwrap(),
            u64::MAX
        );
        assert_eq!(
            u64::from_json(JsonScalar::Number("18446744073709551616"))
                .unwrap_err()
                .kind(),
            ValueErrorKind::Overflow
        );
        assert_eq!(
            i64::from_json(JsonScalar::Number("9223372036854775808"))
                .unwrap_err()
                .kind(),
            ValueErrorKind::Overflow
        );
        assert_eq!(
            u8::from_json(JsonScalar::Number("256")).unwrap_err().kind(),
            ValueErrorKind::Overflow
        );
        assert_eq!(
            u8::from_json(JsonScalar::Number("1e300"))
                .unwrap_err()
                .kind(),
            ValueErrorKind::Overflow
        );
        assert_eq!(
            i64::from_json(JsonScalar::String("")).unwrap_err().kind(),
            ValueErrorKind::InvalidFormat
        );
        assert_eq!(
            u16::from_json(JsonScalar::String("+65535")).unwrap(),
            u16::MAX
        );
    }

    #[test]
    fn chars() {
        let mut out = Vec::new();
        write_xml_char(u16::from(b'A'), &mut out);
        out.push(b' ');
        write_xml_char(0xE9, &mut out);
        out.push(b' ');
        write_xml_char(0, &mut out);
        // corpus scalars-bool-char/value.xml
        assert_eq!(out, b"65 233 0");
        assert_eq!(char_json_text(0xE9), Some('é'));
        assert_eq!(char_json_text(0xD800), None);
        assert_eq!(parse_xml_char(" 65 ").unwrap(), 65);
        assert_eq!(
            parse_xml_char("65536").unwrap_err().kind(),
            ValueErrorKind::Overflow
        );
        assert_eq!(
            parse_xml_char("-1").unwrap_err().kind(),
            ValueErrorKind::Overflow
        );
        assert_eq!(parse_json_char(JsonScalar::String("é")).unwrap(), 0xE9);
        assert_eq!(parse_json_char(JsonScalar::String("\0")).unwrap(), 0);
        assert!(parse_json_char(JsonScalar::String("ab")).is_err());
        assert!(parse_json_char(JsonScalar::String("")).is_err());
        assert!(parse_json_char(JsonScalar::String("\u{1F600}")).is_err());
        assert_eq!(parse_json_char(JsonScalar::Number("65")).unwrap(), 65);
        assert!(parse_json_char(JsonScalar::Number("1.5")).is_err());
        assert!(parse_json_char(JsonScalar::Bool(true)).is_err());
    }
}
