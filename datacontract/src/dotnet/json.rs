//! Json.NET 6's conversions from scalar JSON tokens to .NET values.

use super::error::ValueError;
use super::float::{parse_net_double, write_f64_general};
use super::text::{parse_integer_text, IntText, NumberStyle};

/// A scalar JSON token as the JSON reader hands it over, for [`FromJson`](super::FromJson).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonScalar<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// The text of a number token exactly as it appeared (Json.NET's lenient lexer also lets
    /// `0x1F` hex and `017` octal integers through; they are converted as Json.NET does).
    Number(&'a str),
    /// The content of a string token, unescaped, without the quotes.
    String(&'a str),
}

impl JsonScalar<'_> {
    /// The token kind, for error messages.
    pub(crate) fn token_name(&self) -> &'static str {
        match self {
            JsonScalar::Null => "null",
            JsonScalar::Bool(_) => "boolean",
            JsonScalar::Number(_) => "number",
            JsonScalar::String(_) => "string",
        }
    }
}

/// A number token as Json.NET's `JsonTextReader.Read` types it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum JsonNumber<'a> {
    /// An integer that fits `Int64`.
    Int(i64),
    /// A larger integer (`BigInteger`): sign and digits without leading zeros.
    Big { negative: bool, digits: &'a str },
    /// A token with `.`, `e` or `E`, parsed as a double.
    Float(f64),
}

/// Json.NET's test for a hex/octal integer token: a leading `0` not followed by `.`, `e`, `E`.
pub(crate) fn is_non_base10(t: &str) -> bool {
    let b = t.as_bytes();
    b.first() == Some(&b'0') && b.len() > 1 && !matches!(b.get(1), Some(b'.' | b'e' | b'E'))
}

/// `Convert.ToInt32(t, 16|8)` (`bits32`) or `Convert.ToInt64(t, 16|8)`: hex with `0x` or octal,
/// the unsigned value reinterpreted as signed.
pub(crate) fn parse_radix(
    t: &str,
    bits32: bool,
    dotnet_type: &'static str,
) -> Result<i64, ValueError> {
    let (digits, radix) = match t.get(..2) {
        Some(p) if p.eq_ignore_ascii_case("0x") => (t.get(2..).unwrap_or(""), 16),
        _ => (t, 8),
    };
    if digits.is_empty() {
        return Err(ValueError::format(dotnet_type, t));
    }
    let mut v: u64 = 0;
    for c in digits.chars() {
        let d = c
            .to_digit(radix)
            .ok_or_else(|| ValueError::format(dotnet_type, t))?;
        v = v
            .checked_mul(u64::from(radix))
            .and_then(|v| v.checked_add(u64::from(d)))
            .ok_or_else(|| ValueError::overflow(dotnet_type, t))?;
    }
    if bits32 {
        let narrow = u32::try_from(v).map_err(|_| ValueError::overflow(dotnet_type, t))?;
        Ok(i64::from(narrow as i32))
    } else {
        Ok(v as i64)
    }
}

/// Types a number token as `JsonTextReader.Read` does: hex/octal → `Int64`; with `.`, `e`,
/// `E` → `double.Parse(Float)` (beyond the double range is an error); else `Int64`, or
/// `BigInteger` when larger.
pub(crate) fn read_json_number<'a>(
    t: &'a str,
    dotnet_type: &'static str,
) -> Result<JsonNumber<'a>, ValueError> {
    if is_non_base10(t) {
        return parse_radix(t, false, dotnet_type).map(JsonNumber::Int);
    }
    if t.contains(['.', 'e', 'E']) {
        return parse_net_double(t, NumberStyle::FLOAT, dotnet_type)
            .map(JsonNumber::Float)
            .map_err(|_| ValueError::format(dotnet_type, t));
    }
    match parse_integer_text(t, NumberStyle::INTEGER) {
        IntText::Value(v) => match i64::try_from(v) {
            Ok(i) => Ok(JsonNumber::Int(i)),
            Err(_) => Ok(big(t)),
        },
        IntText::Overflow => Ok(big(t)),
        IntText::Invalid => Err(ValueError::format(dotnet_type, t)),
    }
}

fn big(t: &str) -> JsonNumber<'_> {
    let t = t.trim_matches(|c: char| c.is_ascii_whitespace());
    let (negative, rest) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    JsonNumber::Big {
        negative,
        digits: rest.trim_start_matches('0'),
    }
}

/// Json.NET's conversion of a scalar to `string` (`ReadAsString`): strings as they are,
/// integers in decimal, floats as `double.ToString()` ("G", 15 digits: `1.50` → `"1.5"`),
/// booleans `True`/`False` (corpus `read-json-scalars-into-string`). `null` is
/// [`ValueErrorKind::Null`](super::ValueErrorKind::Null), for the caller to map to `None`.
pub(crate) fn scalar_to_string(v: JsonScalar<'_>) -> Result<String, ValueError> {
    const STRING: &str = "String";
    match v {
        JsonScalar::Null => Err(ValueError::null(STRING)),
        JsonScalar::String(s) => Ok(s.to_owned()),
        JsonScalar::Bool(b) => Ok(if b { "True" } else { "False" }.to_owned()),
        JsonScalar::Number(t) => {
            let mut out = Vec::new();
            match read_json_number(t, STRING)? {
                JsonNumber::Int(i) => super::text::push_i64(&mut out, i),
                JsonNumber::Big { negative, digits } => {
                    if negative {
                        out.push(b'-');
                    }
                    out.extend_from_slice(digits.as_bytes());
                }
                JsonNumber::Float(f) => write_f64_general(f, &mut out),
            }
            String::from_utf8(out).map_err(|_| ValueError::format(STRING, t))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dotnet::ValueErrorKind;

    #[test]
    fn number_typing() {
        assert_eq!(read_json_number("42", "X").unwrap(), JsonNumber::Int(42));
        assert_eq!(read_json_number("-0", "X").unwrap(), JsonNumber::Int(0));
        assert_eq!(
            read_json_number("1.50", "X").unwrap(),
            JsonNumber::Float(1.5)
        );
        assert_eq!(
            read_json_number("1E2", "X").unwrap(),
            JsonNumber::Float(100.0)
        );
        assert_eq!(read_json_number("0x1F", "X").unwrap(), JsonNumber::Int(31));
        assert_eq!(read_json_number("017", "X").unwrap(), JsonNumber::Int(15));
        assert_eq!(
            read_json_number("0xFFFFFFFFFFFFFFFF", "X").unwrap(),
            JsonNumber::Int(-1)
        );
        assert_eq!(
            read_json_number("18446744073709551615", "X").unwrap(),
            JsonNumber::Big {
                negative: false,
                digits: "18446744073709551615"
            }
        );
        assert_eq!(
            read_json_number("-9223372036854775809", "X").unwrap(),
            JsonNumber::Big {
                negative: true,
                digits: "9223372036854775809"
            }
        );
        for bad in ["08", "0x", "1-2", "1e400", "--1", "", "0xG"] {
            assert!(read_json_number(bad, "X").is_err(), "{bad:?}");
        }
        assert_eq!(parse_radix("0xFFFFFFFF", true, "X").unwrap(), -1);
        assert_eq!(
            parse_radix("0x100000000", true, "X").unwrap_err().kind(),
            ValueErrorKind::Overflow
        );
    }

    #[test]
    fn corpus_scalars_into_string() {
        // corpus read-json-scalars-into-string: 123 -> "123", true -> "True", 1.50 -> "1.5"
        assert_eq!(scalar_to_string(JsonScalar::Number("123")).unwrap(), "123");
        assert_eq!(scalar_to_string(JsonScalar::Bool(true)).unwrap(), "True");
        assert_eq!(scalar_to_string(JsonScalar::Number("1.50")).unwrap(), "1.5");
        assert_eq!(
            scalar_to_string(JsonScalar::String("2025-01-23T00:09:38+07:00")).unwrap(),
            "2025-01-23T00:09:38+07:00"
        );
        assert_eq!(scalar_to_string(JsonScalar::Bool(false)).unwrap(), "False");
        assert_eq!(
            scalar_to_string(JsonScalar::Number("0.30000000000000004")).unwrap(),
            "0.3"
        );
        assert_eq!(
            scalar_to_string(JsonScalar::Number("1e20")).unwrap(),
            "1E+20"
        );
        assert_eq!(
            scalar_to_string(JsonScalar::Number("-123456789012345678901")).unwrap(),
            "-123456789012345678901"
        );
        assert_eq!(
            scalar_to_string(JsonScalar::Null).unwrap_err().kind(),
            ValueErrorKind::Null
        );
    }
}
