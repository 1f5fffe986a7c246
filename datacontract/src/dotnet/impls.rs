//! [`XmlText`], [`WriteJson`] and [`FromJson`] for the floating-point, decimal, date and
//! time types, and [`FromJson`] for `String`.

use rust_decimal::Decimal;

use super::datetime::{DateTime, DateTimeOffset};
use super::decimal::{parse_net_decimal, parse_xml_decimal, write_json_decimal, write_xml_decimal};
use super::error::ValueError;
use super::float::{
    narrow, parse_net_double, parse_xml_f32, parse_xml_f64, write_json_f32, write_json_f64,
    write_xml_f32, write_xml_f64,
};
use super::json::{
    is_non_base10, parse_radix, read_json_number, scalar_to_string, JsonNumber, JsonScalar,
};
use super::text::NumberStyle;
use super::timespan::TimeSpan;
use super::{FromJson, WriteJson, XmlText};

/// Json.NET 6's conversion of a scalar to `double` (`Read` + `Convert.ToDouble`).
fn json_double(value: JsonScalar<'_>, dotnet_type: &'static str) -> Result<f64, ValueError> {
    match value {
        JsonScalar::Null => Err(ValueError::null(dotnet_type)),
        JsonScalar::Bool(b) => Ok(if b { 1.0 } else { 0.0 }),
        JsonScalar::Number(t) => match read_json_number(t, dotnet_type)? {
            JsonNumber::Int(i) => Ok(i as f64),
            JsonNumber::Big { negative, digits } => {
                let v: f64 = digits
                    .parse()
                    .map_err(|_| ValueError::format(dotnet_type, t))?;
                Ok(if negative { -v } else { v })
            }
            JsonNumber::Float(f) => Ok(f),
        },
        JsonScalar::String(s) => parse_net_double(s, NumberStyle::FLOAT_THOUSANDS, dotnet_type),
    }
}

impl XmlText for f64 {
    const DOTNET_NAME: &'static str = "Double";

    /// See [`write_xml_f64`].
    fn write_xml(&self, out: &mut Vec<u8>) {
        write_xml_f64(*self, out);
    }

    /// See [`parse_xml_f64`].
    fn parse_xml(text: &str) -> Result<Self, ValueError> {
        parse_xml_f64(text)
    }
}

impl WriteJson for f64 {
    /// See [`write_json_f64`].
    fn write_json(&self, out: &mut Vec<u8>) {
        write_json_f64(*self, out);
    }
}

impl FromJson for f64 {
    /// Json.NET 6: numbers (integers converted), strings by `double.Parse(s, Float |
    /// AllowThousands)` including `"NaN"`, `"Infinity"`, `"-Infinity"`, booleans 1/0.
    fn from_json(value: JsonScalar<'_>) -> Result<Self, ValueError> {
        json_double(value, "Double")
    }
}

impl XmlText for f32 {
    const DOTNET_NAME: &'static str = "Single";

    /// See [`write_xml_f32`].
    fn write_xml(&self, out: &mut Vec<u8>) {
        write_xml_f32(*self, out);
    }

    /// See [`parse_xml_f32`].
    fn parse_xml(text: &str) -> Result<Self, ValueError> {
        parse_xml_f32(text)
    }
}

impl WriteJson for f32 {
    /// See [`write_json_f32`].
    fn write_json(&self, out: &mut Vec<u8>) {
        write_json_f32(*self, out);
    }
}

impl FromJson for f32 {
    /// As for `f64`, then narrowed: a number token beyond the float range becomes ±∞
    /// (`Convert.ToSingle(double)`), a string beyond it is an overflow (`Single.Parse`).
    fn from_json(value: JsonScalar<'_>) -> Result<Self, ValueError> {
        let wide = json_double(value, "Single")?;
        match value {
            JsonScalar::String(s) => narrow(wide).ok_or_else(|| ValueError::overflow("Single", s)),
            _ => Ok(wide as f32),
        }
    }
}

impl XmlText for Decimal {
    const DOTNET_NAME: &'static str = "Decimal";

    /// See [`write_xml_decimal`].
    fn write_xml(&self, out: &mut Vec<u8>) {
        write_xml_decimal(*self, out);
    }

    /// See [`parse_xml_decimal`].
    fn parse_xml(text: &str) -> Result<Self, ValueError> {
        parse_xml_decimal(text)
    }
}

impl WriteJson for Decimal {
    /// See [`write_json_decimal`].
    fn write_json(&self, out: &mut Vec<u8>) {
        write_json_decimal(*self, out);
    }
}

impl FromJson for Decimal {
    /// Json.NET 6 (`ReadAsDecimal`): a number token by `decimal.Parse(s, Number |
    /// AllowExponent)` with the scale kept and digits past 28-29 rounded (corpus
    /// `read-json-decimal-exponent`: `1.5E2` → 150, `-precision`, `-trailing-zeros`); a string
    /// by `decimal.Parse(s, Number)` (no exponent; corpus `read-json-string-into-int`:
    /// `"1.50"` → 1.50), `""` is null; booleans are errors.
    fn from_json(value: JsonScalar<'_>) -> Result<Self, ValueError> {
        const DECIMAL: &str = "Decimal";
        match value {
            JsonScalar::Null | JsonScalar::String("") => Err(ValueError::null(DECIMAL)),
            JsonScalar::Bool(_) => Err(ValueError::token(DECIMAL, value.token_name())),
            JsonScalar::Number(t) if is_non_base10(t) => {
                parse_radix(t, false, DECIMAL).map(Decimal::from)
            }
            JsonScalar::Number(t) => parse_net_decimal(t, NumberStyle::NUMBER_EXPONENT),
            JsonScalar::String(s) => parse_net_decimal(s, NumberStyle::NUMBER),
        }
    }
}

impl XmlText for DateTime {
    const DOTNET_NAME: &'static str = "DateTime";

    /// See [`DateTime::write_xml`].
    fn write_xml(&self, out: &mut Vec<u8>) {
        DateTime::write_xml(self, out);
    }

    /// See [`DateTime::parse_xml`].
    fn parse_xml(text: &str) -> Result<Self, ValueError> {
        DateTime::parse_xml(text)
    }
}

impl WriteJson for DateTime {
    /// See [`DateTime::write_json`].
    fn write_json(&self, out: &mut Vec<u8>) {
        DateTime::write_json(self, out);
    }
}

impl FromJson for DateTime {
    /// A string, see [`DateTime::parse_json`]; other tokens are errors.
    fn from_json(value: JsonScalar<'_>) -> Result<Self, ValueError> {
        match value {
            JsonScalar::String(s) => DateTime::parse_json(s),
            JsonScalar::Null => Err(ValueError::null("DateTime")),
            other => Err(ValueError::token("DateTime", other.token_name())),
        }
    }
}

impl WriteJson for DateTimeOffset {
    /// See [`DateTimeOffset::write_json`].
    fn write_json(&self, out: &mut Vec<u8>) {
        DateTimeOffset::write_json(self, out);
    }
}

impl FromJson for DateTimeOffset {
    /// A string, see [`DateTimeOffset::parse_json`], read at the current read's server UTC
    /// offset (`json::ReadOptions::server_utc_offset_minutes`); other tokens are errors.
    fn from_json(value: JsonScalar<'_>) -> Result<Self, ValueError> {
        match value {
            JsonScalar::String(s) => {
                DateTimeOffset::parse_json(s, crate::json::server_utc_offset_minutes())
            }
            JsonScalar::Null => Err(ValueError::null("DateTimeOffset")),
            other => Err(ValueError::token("DateTimeOffset", other.token_name())),
        }
    }
}

impl XmlText for TimeSpan {
    const DOTNET_NAME: &'static str = "TimeSpan";

    /// See [`TimeSpan::write_xml`].
    fn write_xml(&self, out: &mut Vec<u8>) {
        TimeSpan::write_xml(self, out);
    }

    /// See [`TimeSpan::parse_xml`].
    fn parse_xml(text: &str) -> Result<Self, ValueError> {
        TimeSpan::parse_xml(text)
    }
}

impl WriteJson for TimeSpan {
    /// See [`TimeSpan::write_json`].
    fn write_json(&self, out: &mut Vec<u8>) {
        TimeSpan::write_json(self, out);
    }
}

impl FromJson for TimeSpan {
    /// A string, see [`TimeSpan::parse_json`]; other tokens are errors.
    fn from_json(value: JsonScalar<'_>) -> Result<Self, ValueError> {
        match value {
            JsonScalar::String(s) => TimeSpan::parse_json(s),
            JsonScalar::Null => Err(ValueError::null("TimeSpan")),
            other => Err(ValueError::token("TimeSpan", other.token_name())),
        }
    }
}

impl FromJson for String {
    /// Json.NET 6's `ReadAsString`: strings as they are, integers in decimal, floats as
    /// `double.ToString()` (`1.50` → `"1.5"`), `true` → `"True"` (corpus
    /// `read-json-scalars-into-string`). `null` is a [`ValueErrorKind::Null`](super::ValueErrorKind::Null)
    /// error for the caller to map to `None`.
    fn from_json(value: JsonScalar<'_>) -> Result<Self, ValueError> {
        scalar_to_string(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dotnet::ValueErrorKind;

    fn dec_json(v: JsonScalar<'_>) -> String {
        let mut out = Vec::new();
        Decimal::from_json(v).unwrap().write_json(&mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn decimals_from_json() {
        // corpus read-json-decimal-exponent, -precision, -trailing-zeros, read-json-string-into-int
        assert_eq!(dec_json(JsonScalar::Number("1.5E2")), "150.0");
        assert_eq!(
            dec_json(JsonScalar::Number("0.12345678901234567890123456789")),
            "0.1234567890123456789012345679"
        );
        assert_eq!(dec_json(JsonScalar::Number("1.500")), "1.500");
        assert_eq!(dec_json(JsonScalar::String("1.50")), "1.50");
        assert_eq!(dec_json(JsonScalar::Number("100.0")), "100.0");
        assert_eq!(dec_json(JsonScalar::Number("0x10")), "16.0");
        assert_eq!(
            Decimal::from_json(JsonScalar::String("1E2"))
                .unwrap_err()
                .kind(),
            ValueErrorKind::InvalidFormat
        );
        assert_eq!(
            Decimal::from_json(JsonScalar::String(""))
                .unwrap_err()
                .kind(),
            ValueErrorKind::Null
        );
        assert_eq!(
            Decimal::from_json(JsonScalar::Bool(true))
                .unwrap_err()
                .kind(),
            ValueErrorKind::UnexpectedToken
        );
        assert_eq!(
            Decimal::from_json(JsonScalar::Number("1e30"))
                .unwrap_err()
                .kind(),
            ValueErrorKind::Overflow
        );
    }

    #[test]
    fn doubles_from_json() {
        assert_eq!(f64::from_json(JsonScalar::Number("0.1")).unwrap(), 0.1);
        assert_eq!(f64::from_json(JsonScalar::Number("7")).unwrap(), 7.0);
        assert_eq!(f64::from_json(JsonScalar::Number("1E+300")).unwrap(), 1e300);
        assert!(f64::from_json(JsonScalar::String("NaN")).unwrap().is_nan());
        assert_eq!(
            f64::from_json(JsonScalar::String("-Infinity")).unwrap(),
            f64::NEG_INFINITY
        );
        assert_eq!(
            f64::from_json(JsonScalar::String("1,000.5")).unwrap(),
            1000.5
        );
        assert_eq!(f64::from_json(JsonScalar::Bool(true)).unwrap(), 1.0);
        assert_eq!(
            f64::from_json(JsonScalar::Number("123456789012345678901234567890")).unwrap(),
            1.2345678901234568e29
        );
        assert!(f64::from_json(JsonScalar::Number("1e400")).is_err());
        assert!(f64::from_json(JsonScalar::String("")).is_err());
        assert_eq!(
            f64::from_json(JsonScalar::Null).unwrap_err().kind(),
            ValueErrorKind::Null
        );
        assert_eq!(
            f32::from_json(JsonScalar::Number("3.40282347E+38")).unwrap(),
            f32::MAX
        );
        assert_eq!(
            f32::from_json(JsonScalar::Number("1e39")).unwrap(),
            f32::INFINITY
        );
        assert_eq!(
            f32::from_json(JsonScalar::String("1e39"))
                .unwrap_err()
                .kind(),
            ValueErrorKind::Overflow
        );
    }

    #[test]
    fn dates_and_spans_from_json() {
        let d = DateTime::from_json(JsonScalar::String("2025-01-23T00:09:38")).unwrap();
        assert_eq!(d.to_string(), "2025-01-23T00:09:38");
        assert_eq!(
            DateTime::from_json(JsonScalar::Number("1"))
                .unwrap_err()
                .kind(),
            ValueErrorKind::UnexpectedToken
        );
        assert_eq!(
            DateTime::from_json(JsonScalar::Null).unwrap_err().kind(),
            ValueErrorKind::Null
        );
        let o = DateTimeOffset::from_json(JsonScalar::String("2025-01-23T00:00:00-02:30")).unwrap();
        assert_eq!(o.offset_minutes(), -150);
        let t = TimeSpan::from_json(JsonScalar::String("1.02:03:04.5000000")).unwrap();
        assert_eq!(t.to_string(), "1.02:03:04.5000000");
        assert!(TimeSpan::from_json(JsonScalar::Bool(true)).is_err());
        assert_eq!(
            String::from_json(JsonScalar::Number("1.50")).unwrap(),
            "1.5"
        );
    }
}
