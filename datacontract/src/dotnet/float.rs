//! `double` and `float`: .NET Framework's round-trip ("R") text, the XML (`XmlConvert`) and
//! JSON (Json.NET) flavours of it, and parsing.
//!
//! .NET Framework formats "R" in two passes: the value rounded to 15 significant digits
//! (7 for `float`) if that parses back to the same value, else 17 digits (9 for `float`),
//! laid out as the "G" format does: plain notation while the decimal exponent `e` (value =
//! d.ddd × 10^e) satisfies -5 < e < precision, scientific `E+XX`/`E-XX` (at least two exponent
//! digits) otherwise. Digits here are the correctly rounded ones (halves away from zero).

use core::fmt::Write as _;

use super::error::ValueError;
use super::text::{scan_number, trim_xml, NumberStyle, StackBuf};

const DOUBLE: &str = "Double";
const SINGLE: &str = "Single";

/// Significant digits of a finite value, rounded to a given precision.
#[derive(Clone, Copy)]
struct Digits {
    buf: [u8; 20],
    len: usize,
    /// Decimal exponent of the first digit plus one: value = 0.d1d2… × 10^scale.
    scale: i32,
    negative: bool,
}

impl Digits {
    fn digits(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }
}

/// Whether `a` (finite, positive) lies exactly halfway between two `n`-digit decimals, i.e.
/// its exact decimal expansion has `n + 1` significant digits, the last one a 5.
fn is_exact_tie(a: f64, n: usize) -> bool {
    let bits = a.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut m, mut e) = if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp_bits - 1075)
    };
    if m == 0 {
        return false;
    }
    let tz = m.trailing_zeros();
    m >>= tz;
    e += tz as i32;
    let significant = if e >= 0 {
        // An integer m·2^e: strip the decimal zeros at its end.
        if e > 74 {
            return false;
        }
        let mut v = u128::from(m) << e;
        while v % 10 == 0 {
            v /= 10;
        }
        if v % 10 != 5 {
            return false;
        }
        v
    } else {
        // m·2^-k has exactly k decimals: its digits are those of m·5^k, which ends in 5.
        let Some(v) = 5u128
            .checked_pow(e.unsigned_abs())
            .and_then(|p| p.checked_mul(u128::from(m)))
        else {
            return false;
        };
        v
    };
    let mut count = 0usize;
    let mut rest = significant;
    while rest != 0 {
        count += 1;
        rest /= 10;
    }
    count == n + 1
}

/// `a` (finite, non-negative) rounded to `precision` (1..=17) significant digits, halves
/// away from zero, trailing zeros removed.
fn round_digits(a: f64, precision: usize) -> Digits {
    let mut d = Digits {
        buf: [b'0'; 20],
        len: 0,
        scale: 0,
        negative: false,
    };
    if a == 0.0 || !a.is_finite() {
        return d;
    }
    let tie = is_exact_tie(a, precision);
    // Rust rounds exact ties to even; for a tie take the exact n+1 digits and round up.
    let after_point = if tie { precision } else { precision - 1 };
    let mut sb = StackBuf::<48>::new();
    if write!(sb, "{a:.after_point$e}").is_err() {
        return d;
    }
    let text = sb.as_str();
    let (mantissa, exp) = text.split_once('e').unwrap_or((text, "0"));
    let mut exp: i32 = exp.parse().unwrap_or(0);
    for c in mantissa.bytes().filter(u8::is_ascii_digit) {
        if let Some(slot) = d.buf.get_mut(d.len) {
            *slot = c;
            d.len += 1;
        }
    }
    if tie && d.len > 0 {
        d.len -= 1;
        let mut carry = true;
        for slot in d.buf.iter_mut().take(d.len).rev() {
            if *slot == b'9' {
                *slot = b'0';
            } else {
                *slot += 1;
                carry = false;
                break;
            }
        }
        if carry {
            if let Some(first) = d.buf.first_mut() {
                *first = b'1';
            }
            exp += 1;
        }
    }
    d.scale = exp + 1;
    while d.len > 0 && d.buf.get(d.len - 1) == Some(&b'0') {
        d.len -= 1;
    }
    d
}

/// Lays digits out as .NET's `FormatGeneral` does for "G"/"R" with `max_digits`.
fn format_general(d: &Digits, max_digits: i32, out: &mut Vec<u8>) {
    let digits = d.digits();
    if d.negative && !digits.is_empty() {
        out.push(b'-');
    }
    let scientific = d.scale > max_digits || d.scale < -3;
    let mut dig_pos = if scientific { 1 } else { d.scale };
    let mut rest = digits.iter().copied();
    if dig_pos > 0 {
        while dig_pos > 0 {
            out.push(rest.next().unwrap_or(b'0'));
            dig_pos -= 1;
        }
    } else {
        out.push(b'0');
    }
    let mut rest = rest.peekable();
    if rest.peek().is_some() || dig_pos < 0 {
        out.push(b'.');
        while dig_pos < 0 {
            out.push(b'0');
            dig_pos += 1;
        }
        out.extend(rest);
    }
    if scientific {
        let e = d.scale - 1;
        out.push(b'E');
        out.push(if e < 0 { b'-' } else { b'+' });
        let e = e.unsigned_abs();
        if e < 10 {
            out.push(b'0');
        }
        super::text::push_u64(out, u64::from(e));
    }
}

/// Parses digits back (as `d…de±x`) to check the round trip.
fn digits_value(d: &Digits) -> f64 {
    let digits = core::str::from_utf8(d.digits()).unwrap_or("");
    if digits.is_empty() {
        return 0.0;
    }
    let mut sb = StackBuf::<48>::new();
    if write!(sb, "{digits}e{}", d.scale - d.len as i32).is_err() {
        return f64::NAN;
    }
    let v: f64 = sb.as_str().parse().unwrap_or(f64::NAN);
    if d.negative {
        -v
    } else {
        v
    }
}

fn digits_of(v: f64, precision: usize) -> Digits {
    let mut d = round_digits(v.abs(), precision);
    d.negative = v.is_sign_negative();
    d
}

/// .NET Framework `double.ToString("R", InvariantCulture)` for a finite value (`-0` → `0`).
fn write_r_f64_finite(v: f64, out: &mut Vec<u8>) {
    let d = digits_of(v, 15);
    if digits_value(&d) == v {
        format_general(&d, 15, out);
    } else {
        format_general(&digits_of(v, 17), 17, out);
    }
}

/// .NET Framework `float.ToString("R", InvariantCulture)` for a finite value (`-0` → `0`).
/// The check parses the 7-digit text as a double and narrows it, as .NET does.
fn write_r_f32_finite(v: f32, out: &mut Vec<u8>) {
    let wide = f64::from(v);
    let d = digits_of(wide, 7);
    if digits_value(&d) as f32 == v {
        format_general(&d, 7, out);
    } else {
        format_general(&digits_of(wide, 9), 9, out);
    }
}

/// Writes a `double` as DataContractSerializer does (`XmlConvert.ToString(double)`): "R" text,
/// `NaN`, `INF`, `-INF`, and `-0` for negative zero (corpus `doubles`).
pub fn write_xml_f64(v: f64, out: &mut Vec<u8>) {
    if v.is_nan() {
        out.extend_from_slice(b"NaN");
    } else if v.is_infinite() {
        out.extend_from_slice(if v > 0.0 { b"INF" as &[u8] } else { b"-INF" });
    } else if v == 0.0 && v.is_sign_negative() {
        out.extend_from_slice(b"-0");
    } else {
        write_r_f64_finite(v, out);
    }
}

/// Writes a `float` as DataContractSerializer does (`XmlConvert.ToString(float)`): "R" text
/// with float precision, `NaN`, `INF`, `-INF`, `-0` (corpus `floats`).
pub fn write_xml_f32(v: f32, out: &mut Vec<u8>) {
    if v.is_nan() {
        out.extend_from_slice(b"NaN");
    } else if v.is_infinite() {
        out.extend_from_slice(if v > 0.0 { b"INF" as &[u8] } else { b"-INF" });
    } else if v == 0.0 && v.is_sign_negative() {
        out.extend_from_slice(b"-0");
    } else {
        write_r_f32_finite(v, out);
    }
}

/// Appends `.0` unless the text has a `.` or an exponent (Json.NET's `EnsureDecimalPlace`).
fn ensure_decimal_place(start: usize, out: &mut Vec<u8>) {
    let written = out.get(start..).unwrap_or(&[]);
    if !written.iter().any(|&c| c == b'.' || c == b'E' || c == b'e') {
        out.extend_from_slice(b".0");
    }
}

/// Writes a `double` as Json.NET 6 does with default settings: the "R" text with `.0`
/// appended when it has neither `.` nor an exponent (`2.0`, `-0.0` → `0.0`), and NaN and the
/// infinities as the JSON strings `"NaN"`, `"Infinity"`, `"-Infinity"` (quotes included;
/// corpus `doubles`).
pub fn write_json_f64(v: f64, out: &mut Vec<u8>) {
    if v.is_nan() {
        out.extend_from_slice(b"\"NaN\"");
    } else if v.is_infinite() {
        out.extend_from_slice(if v > 0.0 {
            b"\"Infinity\"" as &[u8]
        } else {
            b"\"-Infinity\""
        });
    } else {
        let start = out.len();
        write_r_f64_finite(v, out);
        ensure_decimal_place(start, out);
    }
}

/// Writes a `float` as Json.NET 6 does (see [`write_json_f64`]; corpus `floats`).
pub fn write_json_f32(v: f32, out: &mut Vec<u8>) {
    if v.is_nan() {
        out.extend_from_slice(b"\"NaN\"");
    } else if v.is_infinite() {
        out.extend_from_slice(if v > 0.0 {
            b"\"Infinity\"" as &[u8]
        } else {
            b"\"-Infinity\""
        });
    } else {
        let start = out.len();
        write_r_f32_finite(v, out);
        ensure_decimal_place(start, out);
    }
}

/// Writes `double.ToString()` with the invariant culture ("G", 15 significant digits), which is
/// what Json.NET makes of a JSON float read into a string member (`1.50` → `"1.5"`, corpus
/// `read-json-scalars-into-string`). NaN and the infinities are `NaN`, `Infinity`, `-Infinity`.
pub fn write_f64_general(v: f64, out: &mut Vec<u8>) {
    if v.is_nan() {
        out.extend_from_slice(b"NaN");
    } else if v.is_infinite() {
        out.extend_from_slice(if v > 0.0 {
            b"Infinity" as &[u8]
        } else {
            b"-Infinity"
        });
    } else {
        format_general(&digits_of(v, 15), 15, out);
    }
}

/// Writes `float.ToString()` with the invariant culture ("G", 7 significant digits).
pub fn write_f32_general(v: f32, out: &mut Vec<u8>) {
    if v.is_nan() {
        out.extend_from_slice(b"NaN");
    } else if v.is_infinite() {
        out.extend_from_slice(if v > 0.0 {
            b"Infinity" as &[u8]
        } else {
            b"-Infinity"
        });
    } else {
        format_general(&digits_of(f64::from(v), 7), 7, out);
    }
}

/// .NET Framework `double.Parse(s, style, InvariantCulture)`: the number grammar of `style`,
/// else the symbols `Infinity`, `-Infinity`, `NaN` (after trimming white space); a finite text
/// beyond the double range is an overflow (as on .NET Framework; .NET Core 3+ gives ∞).
pub(crate) fn parse_net_double(
    s: &str,
    style: NumberStyle,
    dotnet_type: &'static str,
) -> Result<f64, ValueError> {
    let Some(scan) = scan_number(s, style) else {
        return match s.trim() {
            "Infinity" => Ok(f64::INFINITY),
            "-Infinity" => Ok(f64::NEG_INFINITY),
            "NaN" => Ok(f64::NAN),
            _ => Err(ValueError::format(dotnet_type, s)),
        };
    };
    let mut text = String::with_capacity(s.len() + 8);
    if scan.negative {
        text.push('-');
    }
    text.extend(scan.int_digit_bytes().map(char::from));
    if text.len() == usize::from(scan.negative) {
        text.push('0');
    }
    if !scan.frac_digits.is_empty() {
        text.push('.');
        text.push_str(scan.frac_digits);
    }
    text.push('e');
    text.push_str(itoa_i32(scan.exponent).as_str());
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        Ok(_) => Err(ValueError::overflow(dotnet_type, s)),
        Err(_) => Err(ValueError::format(dotnet_type, s)),
    }
}

fn itoa_i32(v: i32) -> StackBuf<12> {
    let mut sb = StackBuf::<12>::new();
    // An i32 always fits in 12 bytes.
    let _ = write!(sb, "{v}");
    sb
}

/// `-` followed only by ASCII digits: DCS's `XmlConverter.ToDouble` reads such text through its
/// `Int64` fast path, so `-0` becomes +0 (corpus `doubles`, "Reading -0 back yields +0").
fn is_minus_integer(text: &str) -> bool {
    text.strip_prefix('-')
        .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
}

/// Reads a `double` element as DataContractSerializer does (`XmlConvert.ToDouble`): XML white
/// space trimmed, `INF`, `-INF`, `NaN` (also .NET's `Infinity`/`-Infinity`), sign, decimal
/// point and exponent; no group separators; overflow is an error. `-0.0` keeps its sign but
/// a plain `-0` reads as +0 (DCS's integer fast path).
pub fn parse_xml_f64(text: &str) -> Result<f64, ValueError> {
    let t = trim_xml(text);
    let v = match t {
        "INF" => f64::INFINITY,
        "-INF" => f64::NEG_INFINITY,
        _ => parse_net_double(t, NumberStyle::FLOAT, DOUBLE).map_err(|e| rename(e, text))?,
    };
    Ok(if v == 0.0 && is_minus_integer(text) {
        0.0
    } else {
        v
    })
}

/// Reads a `float` element as DataContractSerializer does (`XmlConvert.ToSingle`; see
/// [`parse_xml_f64`]); a finite text beyond the float range is an overflow.
pub fn parse_xml_f32(text: &str) -> Result<f32, ValueError> {
    let t = trim_xml(text);
    let v = match t {
        "INF" => f32::INFINITY,
        "-INF" => f32::NEG_INFINITY,
        _ => {
            let wide =
                parse_net_double(t, NumberStyle::FLOAT, SINGLE).map_err(|e| rename(e, text))?;
            narrow(wide).ok_or_else(|| ValueError::overflow(SINGLE, text))?
        }
    };
    Ok(if v == 0.0 && is_minus_integer(text) {
        0.0
    } else {
        v
    })
}

/// `(float)d` as `Single.Parse` checks it: a finite double beyond the float range overflows.
pub(crate) fn narrow(d: f64) -> Option<f32> {
    let f = d as f32;
    if f.is_infinite() && d.is_finite() {
        None
    } else {
        Some(f)
    }
}

/// Keeps the original text in errors from the trimmed parse.
fn rename(e: ValueError, text: &str) -> ValueError {
    ValueError::new(e.kind(), e.dotnet_type(), text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dotnet::ValueErrorKind;

    fn xml64(v: f64) -> String {
        let mut out = Vec::new();
        write_xml_f64(v, &mut out);
        String::from_utf8(out).unwrap()
    }
    fn json64(v: f64) -> String {
        let mut out = Vec::new();
        write_json_f64(v, &mut out);
        String::from_utf8(out).unwrap()
    }
    fn xml32(v: f32) -> String {
        let mut out = Vec::new();
        write_xml_f32(v, &mut out);
        String::from_utf8(out).unwrap()
    }
    fn json32(v: f32) -> String {
        let mut out = Vec::new();
        write_json_f32(v, &mut out);
        String::from_utf8(out).unwrap()
    }
    fn general64(v: f64) -> String {
        let mut out = Vec::new();
        write_f64_general(v, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn corpus_doubles_xml() {
        // corpus doubles/value.xml
        assert_eq!(xml64(1e300), "1E+300");
        assert_eq!(xml64(f64::from_bits(1)), "4.94065645841247E-324");
        assert_eq!(xml64(2.0), "2");
        assert_eq!(xml64(123456789012345.6), "123456789012345.59");
        assert_eq!(xml64(f64::NAN), "NaN");
        assert_eq!(xml64(f64::NEG_INFINITY), "-INF");
        assert_eq!(xml64(-0.0), "-0");
        assert_eq!(xml64(f64::INFINITY), "INF");
        assert_eq!(xml64(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(xml64(0.1), "0.1");
        assert_eq!(xml64(1.0 / 3.0), "0.33333333333333331");
    }

    #[test]
    fn corpus_doubles_json() {
        // corpus doubles/value.json
        assert_eq!(json64(f64::NAN), "\"NaN\"");
        assert_eq!(json64(f64::INFINITY), "\"Infinity\"");
        assert_eq!(json64(f64::NEG_INFINITY), "\"-Infinity\"");
        assert_eq!(json64(-0.0), "0.0");
        assert_eq!(json64(0.1), "0.1");
        assert_eq!(json64(1e300), "1E+300");
        assert_eq!(json64(1.0 / 3.0), "0.33333333333333331");
        assert_eq!(json64(2.0), "2.0");
        assert_eq!(json64(f64::from_bits(1)), "4.94065645841247E-324");
        assert_eq!(json64(123456789012345.6), "123456789012345.59");
        assert_eq!(json64(0.1 + 0.2), "0.30000000000000004");
    }

    #[test]
    fn corpus_floats() {
        // corpus floats/value.xml and value.json
        assert_eq!(xml32(2.0), "2");
        assert_eq!(xml32(f32::MAX), "3.40282347E+38");
        assert_eq!(xml32(f32::NAN), "NaN");
        assert_eq!(xml32(0.1), "0.1");
        assert_eq!(xml32(1.0 / 3.0), "0.333333343");
        assert_eq!(json32(0.1), "0.1");
        assert_eq!(json32(f32::MAX), "3.40282347E+38");
        assert_eq!(json32(f32::NAN), "\"NaN\"");
        assert_eq!(json32(1.0 / 3.0), "0.333333343");
        assert_eq!(json32(2.0), "2.0");
        assert_eq!(json32(-0.0), "0.0");
        assert_eq!(xml32(-0.0), "-0");
        assert_eq!(xml32(f32::NEG_INFINITY), "-INF");
    }

    #[test]
    fn r_layout_rules() {
        assert_eq!(xml64(1e-5), "1E-05");
        assert_eq!(xml64(0.0001), "0.0001");
        assert_eq!(xml64(0.00012345), "0.00012345");
        assert_eq!(xml64(1e15), "1E+15");
        assert_eq!(xml64(123456789012345.0), "123456789012345");
        assert_eq!(xml64(1e14), "100000000000000");
        assert_eq!(xml64(-1.5), "-1.5");
        assert_eq!(xml64(f64::MAX), "1.7976931348623157E+308");
        assert_eq!(xml64(f64::MIN), "-1.7976931348623157E+308");
        assert_eq!(xml64(f64::MIN_POSITIVE), "2.2250738585072014E-308");
        assert_eq!(xml64(f64::EPSILON), "2.2204460492503131E-16");
        assert_eq!(xml64(1e16 + 2.0), "10000000000000002");
        assert_eq!(xml64(1e21), "1E+21");
        // well-known .NET Framework "R" outputs
        assert_eq!(xml64(core::f64::consts::PI), "3.1415926535897931");
        assert_eq!(xml64(core::f64::consts::E), "2.7182818284590451");
        assert_eq!(xml32(core::f32::consts::PI), "3.14159274");
        assert_eq!(xml64(1e-7), "1E-07");
        assert_eq!(xml64(123456.789), "123456.789");
        assert_eq!(json64(1e21), "1E+21");
        assert_eq!(json64(-5e-324), "-4.94065645841247E-324");
        assert_eq!(xml32(f32::MIN_POSITIVE), "1.17549435E-38");
        assert_eq!(xml32(f32::from_bits(1)), "1.401298E-45");
        assert_eq!(xml32(16777216.0), "16777216");
        assert_eq!(xml32(1e7), "1E+07");
        assert_eq!(xml32(1234567.0), "1234567");
        assert_eq!(xml32(1e8), "1E+08");
    }

    #[test]
    fn ties_round_half_away_from_zero() {
        // 1234567890123456.25 has 18 significant digits ending in 5: a tie at 17 digits.
        let tie = 1_234_567_890_123_456.0 + 0.25;
        assert!(is_exact_tie(tie, 17));
        assert_eq!(xml64(tie), "1234567890123456.3");
        assert_eq!(xml64(-tie), "-1234567890123456.3");
        assert!(!is_exact_tie(0.1, 17));
        assert!(is_exact_tie(0.125, 2));
        assert!(is_exact_tie(2.5, 1));
        assert!(is_exact_tie(16777215.0, 7));
        assert!(!is_exact_tie(16777216.0, 7));
        assert!(is_exact_tie(1.5e21, 1));
    }

    #[test]
    fn general_format() {
        assert_eq!(general64(1.5), "1.5");
        assert_eq!(general64(0.1 + 0.2), "0.3");
        assert_eq!(general64(123.0), "123");
        assert_eq!(general64(1e15), "1E+15");
        assert_eq!(general64(-0.0), "0");
        assert_eq!(general64(f64::NAN), "NaN");
        assert_eq!(general64(f64::NEG_INFINITY), "-Infinity");
        let mut out = Vec::new();
        write_f32_general(1.0 / 3.0, &mut out);
        assert_eq!(out, b"0.3333333");
    }

    #[test]
    fn xml_parse() {
        assert_eq!(parse_xml_f64("INF").unwrap(), f64::INFINITY);
        assert_eq!(parse_xml_f64(" -INF\n").unwrap(), f64::NEG_INFINITY);
        assert!(parse_xml_f64("NaN").unwrap().is_nan());
        assert_eq!(parse_xml_f64("Infinity").unwrap(), f64::INFINITY);
        assert_eq!(parse_xml_f64(" 1.5E+300 ").unwrap(), 1.5e300);
        assert_eq!(
            parse_xml_f64("4.94065645841247E-324").unwrap(),
            f64::from_bits(1)
        );
        assert_eq!(parse_xml_f64("0.33333333333333331").unwrap(), 1.0 / 3.0);
        assert_eq!(parse_xml_f64("+.5").unwrap(), 0.5);
        assert_eq!(parse_xml_f64("5.").unwrap(), 5.0);
        // corpus doubles: "-0" reads back as +0, "-0.0" keeps the sign.
        assert!(parse_xml_f64("-0").unwrap().is_sign_positive());
        assert!(parse_xml_f64("-0.0").unwrap().is_sign_negative());
        for bad in [
            "",
            " ",
            "inf",
            "1,5",
            "1e",
            "0x10",
            "1.5.5",
            "--1",
            "Infinityx",
        ] {
            let e = parse_xml_f64(bad).unwrap_err();
            assert_eq!(e.kind(), ValueErrorKind::InvalidFormat, "{bad:?}");
            assert_eq!(e.dotnet_type(), "Double");
        }
        assert_eq!(
            parse_xml_f64("1E+400").unwrap_err().kind(),
            ValueErrorKind::Overflow
        );
        assert_eq!(parse_xml_f64("1E-400").unwrap(), 0.0);
        assert_eq!(parse_xml_f32("3.40282347E+38").unwrap(), f32::MAX);
        assert_eq!(parse_xml_f32("0.333333343").unwrap(), 1.0 / 3.0);
        assert_eq!(
            parse_xml_f32("1E+39").unwrap_err().kind(),
            ValueErrorKind::Overflow
        );
        assert_eq!(parse_xml_f32("-INF").unwrap(), f32::NEG_INFINITY);
        assert!(parse_xml_f32("-0").unwrap().is_sign_positive());
    }

    #[test]
    fn round_trips_many_values() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = f64::from_bits(x);
            if !v.is_finite() {
                continue;
            }
            let text = xml64(v);
            let back = parse_xml_f64(&text).unwrap();
            assert!(back == v || (v == 0.0 && back == 0.0), "{v:e} -> {text}");
            let f = f32::from_bits((x >> 32) as u32);
            if f.is_finite() {
                let t = xml32(f);
                assert_eq!(parse_xml_f32(&t).unwrap(), f, "{t}");
            }
        }
    }
}
