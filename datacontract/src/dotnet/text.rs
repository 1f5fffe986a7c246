//! Allocation-free text helpers shared by the value modules, and the scanner that follows
//! .NET's `Number.ParseNumber` for the `NumberStyles` the serializers use.

use core::fmt;

/// A fixed-size byte buffer that `core::fmt` can write into, so floats can be formatted
/// without a heap allocation.
pub(crate) struct StackBuf<const N: usize> {
    buf: [u8; N],
    len: usize,
}

impl<const N: usize> StackBuf<N> {
    pub(crate) const fn new() -> Self {
        StackBuf {
            buf: [0; N],
            len: 0,
        }
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }

    pub(crate) fn as_str(&self) -> &str {
        core::str::from_utf8(self.as_bytes()).unwrap_or("")
    }
}

impl<const N: usize> fmt::Write for StackBuf<N> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len.checked_add(s.len()).ok_or(fmt::Error)?;
        let dst = self.buf.get_mut(self.len..end).ok_or(fmt::Error)?;
        dst.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// Appends `v` in decimal.
pub(crate) fn push_u64(out: &mut Vec<u8>, v: u64) {
    push_u128(out, u128::from(v));
}

/// Appends `v` in decimal.
pub(crate) fn push_i64(out: &mut Vec<u8>, v: i64) {
    if v < 0 {
        out.push(b'-');
    }
    push_u64(out, v.unsigned_abs());
}

/// Appends `v` in decimal.
pub(crate) fn push_u128(out: &mut Vec<u8>, mut v: u128) {
    let mut buf = [0u8; 40];
    let mut start = buf.len();
    for slot in buf.iter_mut().rev() {
        // 10 always divides into a digit below 10.
        *slot = b'0' + (v % 10) as u8;
        v /= 10;
        start -= 1;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(buf.get(start..).unwrap_or(&[]));
}

/// XML's white space (`S` production): what `XmlConvert` trims.
pub(crate) fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// `s` without leading and trailing XML white space.
pub(crate) fn trim_xml(s: &str) -> &str {
    s.trim_matches(is_xml_space)
}

/// The white space .NET's number parser skips (`Number.IsWhite`): U+0009..U+000D and U+0020.
pub(crate) fn is_number_white(b: u8) -> bool {
    b == b' ' || (b'\t'..=b'\r').contains(&b)
}

/// Which parts of a number text are allowed (a subset of .NET `NumberStyles`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct NumberStyle {
    pub leading_white: bool,
    pub trailing_white: bool,
    pub leading_sign: bool,
    pub trailing_sign: bool,
    pub decimal_point: bool,
    pub thousands: bool,
    pub exponent: bool,
}

impl NumberStyle {
    /// `NumberStyles.Integer`: white space around, leading sign.
    pub(crate) const INTEGER: NumberStyle = NumberStyle {
        leading_white: true,
        trailing_white: true,
        leading_sign: true,
        trailing_sign: false,
        decimal_point: false,
        thousands: false,
        exponent: false,
    };
    /// `AllowLeadingWhite | AllowTrailingWhite`: what `XmlConvert.ToUInt64` accepts (no sign).
    pub(crate) const UNSIGNED_XML: NumberStyle = NumberStyle {
        leading_sign: false,
        ..NumberStyle::INTEGER
    };
    /// `NumberStyles.Float`: white space, leading sign, decimal point, exponent (what
    /// `XmlConvert.ToDouble` passes too).
    pub(crate) const FLOAT: NumberStyle = NumberStyle {
        decimal_point: true,
        exponent: true,
        ..NumberStyle::INTEGER
    };
    /// `NumberStyles.Float | NumberStyles.AllowThousands` (`Convert.ToDouble(string)`).
    pub(crate) const FLOAT_THOUSANDS: NumberStyle = NumberStyle {
        thousands: true,
        ..NumberStyle::FLOAT
    };
    /// `NumberStyles.Number`: white space, leading and trailing sign, decimal point, thousands.
    pub(crate) const NUMBER: NumberStyle = NumberStyle {
        trailing_sign: true,
        decimal_point: true,
        thousands: true,
        ..NumberStyle::INTEGER
    };
    /// `NumberStyles.Number | NumberStyles.AllowExponent` (Json.NET's decimal tokens).
    pub(crate) const NUMBER_EXPONENT: NumberStyle = NumberStyle {
        exponent: true,
        ..NumberStyle::NUMBER
    };
    /// `AllowLeadingSign | AllowDecimalPoint | AllowLeadingWhite | AllowTrailingWhite`
    /// (`XmlConvert.ToDecimal`).
    pub(crate) const DECIMAL_XML: NumberStyle = NumberStyle {
        decimal_point: true,
        ..NumberStyle::INTEGER
    };
}

/// The parts of a number text that passed [`scan_number`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct Scan<'a> {
    pub negative: bool,
    /// Digits before the decimal point; may contain `,` when thousands were allowed.
    pub int_digits: &'a str,
    /// Digits after the decimal point.
    pub frac_digits: &'a str,
    /// The exponent, clamped to ±9999 as .NET does.
    pub exponent: i32,
}

impl Scan<'_> {
    /// Digits of the integer part without group separators.
    pub(crate) fn int_digit_bytes(&self) -> impl Iterator<Item = u8> + '_ {
        self.int_digits.bytes().filter(u8::is_ascii_digit)
    }

    /// The magnitude of an integer scan (no fraction digits), `None` past `u64::MAX`.
    pub(crate) fn integer_magnitude(&self) -> Option<u64> {
        let mut v: u64 = 0;
        for d in self.int_digit_bytes() {
            v = v.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
        }
        Some(v)
    }
}

/// Checks `s` against the grammar of .NET's `Number.ParseNumber` for `style` with the
/// invariant culture (`+`/`-` signs, `.` decimal point, `,` group separator, no currency,
/// no parentheses). Trailing NUL characters are ignored as .NET does.
pub(crate) fn scan_number(s: &str, style: NumberStyle) -> Option<Scan<'_>> {
    let b = s.as_bytes();
    let mut i = 0usize;
    let mut sign_seen = false;
    let mut negative = false;
    // Leading part: white space, then at most one sign (the invariant culture's negative
    // pattern "-n" allows no white space after the sign).
    loop {
        match b.get(i) {
            Some(&c) if style.leading_white && !sign_seen && is_number_white(c) => i += 1,
            Some(&c) if style.leading_sign && !sign_seen && (c == b'+' || c == b'-') => {
                sign_seen = true;
                negative = c == b'-';
                i += 1;
            }
            _ => break,
        }
    }
    let int_start = i;
    let mut any_digit = false;
    while let Some(&c) = b.get(i) {
        if c.is_ascii_digit() {
            any_digit = true;
        } else if !(c == b',' && style.thousands && any_digit) {
            break;
        }
        i += 1;
    }
    let int_digits = s.get(int_start..i)?;
    let mut frac_digits = "";
    if style.decimal_point && b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        frac_digits = s.get(start..i)?;
        any_digit |= !frac_digits.is_empty();
    }
    if !any_digit {
        return None;
    }
    let mut exponent = 0i32;
    if style.exponent && matches!(b.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        let mut negative_exp = false;
        match b.get(j) {
            Some(b'+') => j += 1,
            Some(b'-') => {
                negative_exp = true;
                j += 1;
            }
            _ => {}
        }
        if b.get(j).is_some_and(u8::is_ascii_digit) {
            let mut e = 0i32;
            while let Some(&c) = b.get(j) {
                if !c.is_ascii_digit() {
                    break;
                }
                if e <= 1000 {
                    e = e * 10 + i32::from(c - b'0');
                    if e > 1000 {
                        e = 9999;
                    }
                }
                j += 1;
            }
            exponent = if negative_exp { -e } else { e };
            i = j;
        }
        // Without digits the `e` is not part of the number (and then fails as trailing text).
    }
    loop {
        match b.get(i) {
            Some(&c) if style.trailing_white && is_number_white(c) => i += 1,
            Some(&c) if style.trailing_sign && !sign_seen && (c == b'+' || c == b'-') => {
                sign_seen = true;
                negative = c == b'-';
                i += 1;
            }
            _ => break,
        }
    }
    while b.get(i) == Some(&0) {
        i += 1;
    }
    if i != b.len() {
        return None;
    }
    Some(Scan {
        negative,
        int_digits,
        frac_digits,
        exponent,
    })
}

/// Result of reading a whole integer text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IntText {
    /// The value (a magnitude up to `u64::MAX` with its sign).
    Value(i128),
    /// Well-formed but beyond ±`u64::MAX`.
    Overflow,
    /// Not an integer in the style.
    Invalid,
}

/// Reads `s` as an integer in `style` (which must not allow a decimal point).
pub(crate) fn parse_integer_text(s: &str, style: NumberStyle) -> IntText {
    let Some(scan) = scan_number(s, style) else {
        return IntText::Invalid;
    };
    if !scan.frac_digits.is_empty() {
        return IntText::Invalid;
    }
    match scan.integer_magnitude() {
        Some(m) if scan.negative => IntText::Value(-i128::from(m)),
        Some(m) => IntText::Value(i128::from(m)),
        None => IntText::Overflow,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::fmt::Write;

    #[test]
    fn stack_buf_refuses_overflow() {
        let mut b = StackBuf::<4>::new();
        assert!(b.write_str("abcd").is_ok());
        assert!(b.write_str("e").is_err());
        assert_eq!(b.as_str(), "abcd");
    }

    #[test]
    fn push_numbers() {
        let mut v = Vec::new();
        push_i64(&mut v, i64::MIN);
        v.push(b' ');
        push_u64(&mut v, u64::MAX);
        v.push(b' ');
        push_u128(&mut v, 0);
        assert_eq!(
            String::from_utf8(v).unwrap(),
            "-9223372036854775808 18446744073709551615 0"
        );
    }

    #[test]
    fn scanner_follows_parse_number() {
        let st = NumberStyle::INTEGER;
        assert_eq!(parse_integer_text(" 5 ", st), IntText::Value(5));
        assert_eq!(parse_integer_text("+007", st), IntText::Value(7));
        assert_eq!(parse_integer_text("\t-12\r\n", st), IntText::Value(-12));
        assert_eq!(parse_integer_text("- 5", st), IntText::Invalid);
        assert_eq!(parse_integer_text("", st), IntText::Invalid);
        assert_eq!(parse_integer_text("-", st), IntText::Invalid);
        assert_eq!(parse_integer_text("5\0\0", st), IntText::Value(5));
        assert_eq!(parse_integer_text("1.0", st), IntText::Invalid);
        assert_eq!(
            parse_integer_text("99999999999999999999999", st),
            IntText::Overflow
        );
        assert_eq!(
            parse_integer_text("+5", NumberStyle::UNSIGNED_XML),
            IntText::Invalid
        );
        let s = scan_number("1,234.50e-3", NumberStyle::FLOAT_THOUSANDS).unwrap();
        assert_eq!(
            (s.int_digits, s.frac_digits, s.exponent),
            ("1,234", "50", -3)
        );
        assert!(scan_number(",5", NumberStyle::FLOAT_THOUSANDS).is_none());
        assert!(scan_number("1e", NumberStyle::FLOAT).is_none());
        assert!(scan_number(".", NumberStyle::FLOAT).is_none());
        assert!(scan_number("5.", NumberStyle::FLOAT).is_some());
        assert!(scan_number(".5", NumberStyle::FLOAT).is_some());
        let t = scan_number(" 5- ", NumberStyle::NUMBER).unwrap();
        assert!(t.negative);
        assert_eq!(
            scan_number("1e99999", NumberStyle::FLOAT).unwrap().exponent,
            9999
        );
    }
}
