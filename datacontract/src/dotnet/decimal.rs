//! `decimal` (as [`rust_decimal::Decimal`]): text with the scale kept, and .NET's parser
//! (`Number.ParseNumber` + `NumberToDecimal`, including its rounding past 28-29 digits).

use rust_decimal::Decimal;

use super::error::ValueError;
use super::text::{scan_number, trim_xml, NumberStyle, Scan};

const DECIMAL: &str = "Decimal";

/// .NET keeps at most this many digits of a number text (`NUMBER_MAXDIGITS`).
const MAX_DIGITS: usize = 50;

/// Writes the invariant text of a decimal (`decimal.ToString(InvariantCulture)`): the scale is
/// kept (`1.50`, `0.00`), never an exponent, no sign on a zero. This is DataContractSerializer's
/// text (corpus `decimals`: `100`, `0`, `0.00`, `79228162514264337593543950335`).
pub fn write_xml_decimal(v: Decimal, out: &mut Vec<u8>) {
    let mantissa = v.mantissa();
    let scale = v.scale() as usize;
    let mut buf = [0u8; 40];
    let mut start = buf.len();
    let mut m = mantissa.unsigned_abs();
    for slot in buf.iter_mut().rev() {
        *slot = b'0' + (m % 10) as u8;
        m /= 10;
        start -= 1;
        if m == 0 {
            break;
        }
    }
    let digits = buf.get(start..).unwrap_or(&[]);
    if mantissa < 0 {
        out.push(b'-');
    }
    if scale == 0 {
        out.extend_from_slice(digits);
    } else if digits.len() <= scale {
        out.extend_from_slice(b"0.");
        out.extend(core::iter::repeat_n(b'0', scale - digits.len()));
        out.extend_from_slice(digits);
    } else {
        let (int, frac) = digits.split_at(digits.len() - scale);
        out.extend_from_slice(int);
        out.push(b'.');
        out.extend_from_slice(frac);
    }
}

/// Writes a decimal as Json.NET 6 does: the invariant text, with `.0` appended when the scale
/// is 0 (corpus `decimals`: `100.0`, `0.0`, `79228162514264337593543950335.0`, `1.50`).
pub fn write_json_decimal(v: Decimal, out: &mut Vec<u8>) {
    write_xml_decimal(v, out);
    if v.scale() == 0 {
        out.extend_from_slice(b".0");
    }
}

/// Reads a `decimal` element as DataContractSerializer does (`XmlConvert.ToDecimal`): white
/// space around, a leading sign and a decimal point; no exponent, no group separator
/// (corpus `read-xml-decimal-comma`, `read-xml-decimal-exponent`); the scale is kept,
/// leading zeros dropped (`001.500` → 1.500, corpus `read-xml-decimal-trailing-zeros`).
pub fn parse_xml_decimal(text: &str) -> Result<Decimal, ValueError> {
    // XmlConvert trims only XML white space itself; Decimal.Parse then allows .NET's.
    parse_net_decimal(trim_xml(text), NumberStyle::DECIMAL_XML)
        .map_err(|e| ValueError::new(e.kind(), DECIMAL, text))
}

/// .NET `decimal.Parse(s, style, InvariantCulture)`.
pub(crate) fn parse_net_decimal(s: &str, style: NumberStyle) -> Result<Decimal, ValueError> {
    let scan = scan_number(s, style).ok_or_else(|| ValueError::format(DECIMAL, s))?;
    number_to_decimal(&scan).ok_or_else(|| ValueError::overflow(DECIMAL, s))
}

/// .NET's `NumberToDecimal` over the digits `ParseNumber` keeps (at most 50, leading zeros
/// dropped, trailing zeros kept). `None` is an overflow.
fn number_to_decimal(scan: &Scan<'_>) -> Option<Decimal> {
    let mut digits = [0u8; MAX_DIGITS];
    let mut len = 0usize;
    let mut scale: i64 = 0;
    let mut non_zero = false;
    for d in scan.int_digit_bytes() {
        if d != b'0' || non_zero {
            if let Some(slot) = digits.get_mut(len) {
                *slot = d - b'0';
                len += 1;
            }
            scale += 1;
            non_zero = true;
        }
    }
    for d in scan.frac_digits.bytes() {
        if d != b'0' || non_zero {
            if let Some(slot) = digits.get_mut(len) {
                *slot = d - b'0';
                len += 1;
            }
            non_zero = true;
        } else {
            scale -= 1;
        }
    }
    scale += i64::from(scan.exponent);
    // "-0" is a positive zero; "-0.0" keeps the sign (which never shows in the text).
    let negative = scan.negative && (non_zero || !scan.frac_digits.is_empty());
    let digits = digits.get(..len).unwrap_or(&[]);

    const LIMIT: u128 = 0x1999_9999_9999_9999_9999_9999; // (2^96 - 1) / 10
    const MAX96: u128 = (1u128 << 96) - 1;
    let mut e = scale;
    let mut value: u128 = 0;
    if digits.is_empty() {
        if e > 0 {
            e = 0;
        }
    } else {
        if e > 29 {
            return None;
        }
        let mut pos = 0usize;
        loop {
            let next = digits.get(pos).copied();
            let room = value < LIMIT || (value == LIMIT && next.unwrap_or(0) <= 5);
            if !((e > 0 || (next.is_some() && e > -28)) && room) {
                break;
            }
            value *= 10;
            if let Some(d) = next {
                value += u128::from(d);
                pos += 1;
            }
            e -= 1;
        }
        if let Some(&d) = digits.get(pos) {
            if d >= 5 {
                let mut round = true;
                let previous_even = pos == 0 || digits.get(pos - 1).is_some_and(|p| p % 2 == 0);
                if d == 5 && previous_even {
                    // Banker's rounding on an exact half: look at (up to 20) digits after it.
                    let after = digits.get(pos + 1..).unwrap_or(&[]);
                    let zeros = after.iter().take(20).take_while(|&&x| x == 0).count();
                    if zeros == after.len() || zeros == 20 {
                        round = false;
                    }
                }
                if round {
                    value += 1;
                    if value > MAX96 {
                        value = LIMIT + 1;
                        e += 1;
                    }
                }
            }
        }
    }
    if e > 0 {
        return None;
    }
    let (value, scale) = if e <= -29 {
        (0, 28)
    } else {
        (value, (-e) as u32)
    };
    let lo = value as u32;
    let mid = (value >> 32) as u32;
    let hi = (value >> 64) as u32;
    Some(Decimal::from_parts(lo, mid, hi, negative, scale))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dotnet::ValueErrorKind;
    use core::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    fn xml(v: Decimal) -> String {
        let mut out = Vec::new();
        write_xml_decimal(v, &mut out);
        String::from_utf8(out).unwrap()
    }
    fn json(v: Decimal) -> String {
        let mut out = Vec::new();
        write_json_decimal(v, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn corpus_decimals() {
        // corpus decimals/value.xml and value.json
        let cases = [
            (
                Decimal::MAX,
                "79228162514264337593543950335",
                "79228162514264337593543950335.0",
            ),
            (
                dec("0.1234567890123456789012345678"),
                "0.1234567890123456789012345678",
                "0.1234567890123456789012345678",
            ),
            (dec("-12.345"), "-12.345", "-12.345"),
            (dec("1.50"), "1.50", "1.50"),
            (dec("100"), "100", "100.0"),
            (Decimal::ZERO, "0", "0.0"),
            (dec("0.00"), "0.00", "0.00"),
            (
                dec("0.0000000000000000000000000001"),
                "0.0000000000000000000000000001",
                "0.0000000000000000000000000001",
            ),
        ];
        for (v, x, j) in cases {
            assert_eq!(xml(v), x);
            assert_eq!(json(v), j);
        }
        assert_eq!(xml(Decimal::MIN), "-79228162514264337593543950335");
        let mut neg_zero = dec("0.00");
        neg_zero.set_sign_negative(true);
        assert_eq!(xml(neg_zero), "0.00");
    }

    #[test]
    fn xml_parse_corpus() {
        // corpus read-xml-decimal-trailing-zeros: 001.500 -> 1.500
        let v = parse_xml_decimal("001.500").unwrap();
        assert_eq!(xml(v), "1.500");
        // corpus read-xml-decimal-comma and read-xml-decimal-exponent: errors
        for bad in ["1,5", "1E2", "", " ", ".", "1.5.", "1-", "(1)", "0x1"] {
            let e = parse_xml_decimal(bad).unwrap_err();
            assert_eq!(e.kind(), ValueErrorKind::InvalidFormat, "{bad:?}");
            assert_eq!(e.dotnet_type(), "Decimal");
        }
        assert_eq!(xml(parse_xml_decimal(" -1.50\n").unwrap()), "-1.50");
        assert_eq!(xml(parse_xml_decimal("+.5").unwrap()), "0.5");
        assert_eq!(xml(parse_xml_decimal("0.00").unwrap()), "0.00");
        assert_eq!(xml(parse_xml_decimal("-0").unwrap()), "0");
        assert_eq!(xml(parse_xml_decimal("100").unwrap()), "100");
        assert_eq!(
            xml(parse_xml_decimal("79228162514264337593543950335").unwrap()),
            "79228162514264337593543950335"
        );
        assert_eq!(
            parse_xml_decimal("79228162514264337593543950336")
                .unwrap_err()
                .kind(),
            ValueErrorKind::Overflow
        );
        assert_eq!(
            parse_xml_decimal("1000000000000000000000000000000")
                .unwrap_err()
                .kind(),
            ValueErrorKind::Overflow
        );
    }

    #[test]
    fn json_style_rounding_and_exponent() {
        let p = |s| parse_net_decimal(s, NumberStyle::NUMBER_EXPONENT).unwrap();
        // corpus read-json-decimal-precision: 29 decimals round to 28
        assert_eq!(
            xml(p("0.12345678901234567890123456789")),
            "0.1234567890123456789012345679"
        );
        // corpus read-json-decimal-exponent: 1.5E2 -> 150 (scale 0)
        assert_eq!(json(p("1.5E2")), "150.0");
        // corpus read-json-decimal-trailing-zeros
        assert_eq!(json(p("1.500")), "1.500");
        assert_eq!(xml(p("1.50E1")), "15.0");
        assert_eq!(xml(p("1e-28")), "0.0000000000000000000000000001");
        assert_eq!(xml(p("1e-29")), "0.0000000000000000000000000000");
        assert_eq!(
            xml(p("0.000000000000000000000000000000000")),
            "0.0000000000000000000000000000"
        );
        assert_eq!(xml(p("1,000.5")), "1000.5");
        assert_eq!(xml(p("5-")), "-5");
        // banker's rounding on an exact half at the cut
        assert_eq!(
            xml(p("0.00000000000000000000000000025")),
            "0.0000000000000000000000000002"
        );
        assert_eq!(
            xml(p("0.00000000000000000000000000035")),
            "0.0000000000000000000000000004"
        );
        assert_eq!(
            xml(p("0.000000000000000000000000000251")),
            "0.0000000000000000000000000003"
        );
        // 29 significant digits fit when the value allows it
        assert_eq!(
            xml(p("7.9228162514264337593543950335")),
            "7.9228162514264337593543950335"
        );
        assert_eq!(
            xml(p("9.9999999999999999999999999999")),
            "10.000000000000000000000000000"
        );
        assert_eq!(
            xml(p("79228162514264337593543950335.4")),
            "79228162514264337593543950335"
        );
        assert!(parse_net_decimal("79228162514264337593543950335.5", NumberStyle::NUMBER).is_err());
        assert!(parse_net_decimal("1e29", NumberStyle::NUMBER_EXPONENT).is_err());
        assert!(parse_net_decimal("1e99999", NumberStyle::NUMBER_EXPONENT).is_err());
        assert_eq!(xml(p("0e99999")), "0");
    }
}
