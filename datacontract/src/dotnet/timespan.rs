//! `System.TimeSpan`: signed 100-ns ticks, written as `xs:duration` by DataContractSerializer
//! and in the constant ("c") format by Json.NET.

use core::fmt;

use super::datetime::{TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MINUTE, TICKS_PER_SECOND};
use super::error::ValueError;
use super::text::StackBuf;

const TIMESPAN: &str = "TimeSpan";

/// A .NET `TimeSpan`: a signed number of 100-ns ticks (the whole `i64` range).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct TimeSpan {
    ticks: i64,
}

/// The magnitude of a span split into its parts.
struct Parts {
    negative: bool,
    days: u64,
    hours: u64,
    minutes: u64,
    seconds: u64,
    fraction: u64,
}

impl TimeSpan {
    /// `TimeSpan.Zero`.
    pub const ZERO: TimeSpan = TimeSpan { ticks: 0 };
    /// `TimeSpan.MinValue` (-10675199.02:48:05.4775808).
    pub const MIN: TimeSpan = TimeSpan { ticks: i64::MIN };
    /// `TimeSpan.MaxValue` (10675199.02:48:05.4775807).
    pub const MAX: TimeSpan = TimeSpan { ticks: i64::MAX };

    /// A span of `ticks` (100 ns each).
    pub const fn from_ticks(ticks: i64) -> TimeSpan {
        TimeSpan { ticks }
    }

    /// `new TimeSpan(days, hours, minutes, seconds, milliseconds)`: the parts may be negative
    /// or exceed their usual range; `None` if the total does not fit.
    pub const fn from_parts(
        days: i64,
        hours: i64,
        minutes: i64,
        seconds: i64,
        milliseconds: i64,
    ) -> Option<TimeSpan> {
        let total = days as i128 * TICKS_PER_DAY as i128
            + hours as i128 * TICKS_PER_HOUR as i128
            + minutes as i128 * TICKS_PER_MINUTE as i128
            + seconds as i128 * TICKS_PER_SECOND as i128
            + milliseconds as i128 * 10_000;
        if total < i64::MIN as i128 || total > i64::MAX as i128 {
            None
        } else {
            Some(TimeSpan {
                ticks: total as i64,
            })
        }
    }

    /// The ticks (.NET `Ticks`).
    pub const fn ticks(&self) -> i64 {
        self.ticks
    }

    /// Whole days (.NET `Days`, negative for a negative span).
    pub const fn days(&self) -> i64 {
        self.ticks / TICKS_PER_DAY
    }

    /// Hours of the day part (.NET `Hours`, -23..=23).
    pub const fn hours(&self) -> i32 {
        (self.ticks / TICKS_PER_HOUR % 24) as i32
    }

    /// Minutes of the hour part (.NET `Minutes`, -59..=59).
    pub const fn minutes(&self) -> i32 {
        (self.ticks / TICKS_PER_MINUTE % 60) as i32
    }

    /// Seconds of the minute part (.NET `Seconds`, -59..=59).
    pub const fn seconds(&self) -> i32 {
        (self.ticks / TICKS_PER_SECOND % 60) as i32
    }

    /// Ticks of the second part (-9_999_999..=9_999_999).
    pub const fn fraction_ticks(&self) -> i32 {
        (self.ticks % TICKS_PER_SECOND) as i32
    }

    const fn parts(&self) -> Parts {
        let m = self.ticks.unsigned_abs();
        let secs = m / TICKS_PER_SECOND as u64;
        Parts {
            negative: self.ticks < 0,
            days: secs / 86_400,
            hours: secs / 3600 % 24,
            minutes: secs / 60 % 60,
            seconds: secs % 60,
            fraction: m % TICKS_PER_SECOND as u64,
        }
    }

    /// `xs:duration` as `XmlConvert.ToString(TimeSpan)` writes it.
    fn fmt_duration(&self, w: &mut impl fmt::Write) -> fmt::Result {
        let p = self.parts();
        if p.negative {
            w.write_char('-')?;
        }
        w.write_char('P')?;
        if p.days != 0 {
            write!(w, "{}D", p.days)?;
        }
        if p.hours != 0 || p.minutes != 0 || p.seconds != 0 || p.fraction != 0 {
            w.write_char('T')?;
            if p.hours != 0 {
                write!(w, "{}H", p.hours)?;
            }
            if p.minutes != 0 {
                write!(w, "{}M", p.minutes)?;
            }
            if p.seconds != 0 || p.fraction != 0 {
                write!(w, "{}", p.seconds)?;
                if p.fraction != 0 {
                    let mut fraction = p.fraction;
                    let mut width = 7;
                    while fraction % 10 == 0 {
                        fraction /= 10;
                        width -= 1;
                    }
                    write!(w, ".{fraction:0width$}")?;
                }
                w.write_char('S')?;
            }
        } else if p.days == 0 {
            w.write_str("T0S")?;
        }
        Ok(())
    }

    /// The constant ("c") format, `TimeSpan.ToString()`.
    fn fmt_constant(&self, w: &mut impl fmt::Write) -> fmt::Result {
        let p = self.parts();
        if p.negative {
            w.write_char('-')?;
        }
        if p.days != 0 {
            write!(w, "{}.", p.days)?;
        }
        write!(w, "{:02}:{:02}:{:02}", p.hours, p.minutes, p.seconds)?;
        if p.fraction != 0 {
            write!(w, ".{:07}", p.fraction)?;
        }
        Ok(())
    }

    /// Writes the `xs:duration` DataContractSerializer writes (`XmlConvert.ToString`):
    /// `P1DT2H3M4.5S`, `-PT1H30M`, `PT0S` (corpus `misc-bytes-guid-timespan-uri`); zero parts
    /// are left out, the seconds' fraction has no trailing zeros.
    pub fn write_xml(&self, out: &mut Vec<u8>) {
        let mut sb = StackBuf::<48>::new();
        let _ = self.fmt_duration(&mut sb);
        out.extend_from_slice(sb.as_bytes());
    }

    /// Writes the JSON string Json.NET writes, quotes included: the "c" format
    /// `[-][d.]hh:mm:ss[.fffffff]` (`"1.02:03:04.5000000"`, `"-01:30:00"`, `"00:00:00"`,
    /// corpus `misc-bytes-guid-timespan-uri`).
    pub fn write_json(&self, out: &mut Vec<u8>) {
        let mut sb = StackBuf::<48>::new();
        let _ = self.fmt_constant(&mut sb);
        out.push(b'"');
        out.extend_from_slice(sb.as_bytes());
        out.push(b'"');
    }

    /// Reads an `xs:duration` as DataContractSerializer does (`XmlConvert.ToTimeSpan`): optional
    /// `-`, `P`, then `nY nM nD` and `T nH nM n[.f]S` parts in that order (at least one), white
    /// space around. As in .NET a year counts 365 days and a month 30, digits past the 7th of the
    /// fraction are truncated, and a total beyond the `TimeSpan` range is an overflow
    /// (`-P10675199DT2H48M5.4775808S` is `TimeSpan.MinValue`).
    pub fn parse_xml(text: &str) -> Result<TimeSpan, ValueError> {
        parse_duration(text)
    }

    /// Reads the content of a JSON string as Json.NET 6 does (`TimeSpan.Parse(s,
    /// InvariantCulture)`): `[-][d.]h:mm[:ss[.fffffff]]`, `d:h:mm:ss[.f]` or days alone; hours
    /// below 24, minutes and seconds below 60, at most 7 fraction digits, white space around;
    /// `h:mm:ss` with hours past 23 is `d:hh:mm`, as in .NET (`24:00:00` is 24 days).
    pub fn parse_json(text: &str) -> Result<TimeSpan, ValueError> {
        parse_constant(text)
    }
}

impl fmt::Display for TimeSpan {
    /// The constant ("c") format, as `TimeSpan.ToString()`: `1.02:03:04.5000000`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_constant(f)
    }
}

/// Digits at `*pos` as .NET's `XsdDuration.TryParseDigits`: (value, digit count); `None` on an
/// `Int32` overflow unless `eat_digits`, which stops accumulating and skips the rest.
fn duration_digits(b: &[u8], pos: &mut usize, eat_digits: bool) -> Option<(u64, u32)> {
    let start = *pos;
    let mut value: u64 = 0;
    while let Some(&c) = b.get(*pos) {
        if !c.is_ascii_digit() {
            break;
        }
        let digit = u64::from(c - b'0');
        if value > (i32::MAX as u64 - digit) / 10 {
            if !eat_digits {
                return None;
            }
            let count = (*pos - start) as u32;
            while b.get(*pos).is_some_and(u8::is_ascii_digit) {
                *pos += 1;
            }
            return Some((value, count));
        }
        value = value * 10 + digit;
        *pos += 1;
    }
    Some((value, (*pos - start) as u32))
}

fn parse_duration(text: &str) -> Result<TimeSpan, ValueError> {
    let format = || ValueError::format(TIMESPAN, text);
    let overflow = || ValueError::overflow(TIMESPAN, text);
    let b = text.trim().as_bytes();
    let mut pos = 0usize;
    let negative = b.first() == Some(&b'-');
    if negative {
        pos += 1;
    }
    if b.get(pos) != Some(&b'P') {
        return Err(format());
    }
    pos += 1;
    let (mut years, mut months, mut days, mut hours, mut minutes, mut seconds) =
        (0u64, 0u64, 0u64, 0u64, 0u64, 0u64);
    let mut nanos: u64 = 0;
    let mut any_part = false;
    let (mut value, mut digits) = duration_digits(b, &mut pos, false).ok_or_else(overflow)?;
    // Date parts: Y, M, D in order, each at most once.
    let done = 'parse: {
        for (designator, slot) in [(b'Y', &mut years), (b'M', &mut months), (b'D', &mut days)] {
            if pos >= b.len() {
                return Err(format());
            }
            if b.get(pos) == Some(&designator) {
                if digits == 0 {
                    return Err(format());
                }
                *slot = value;
                any_part = true;
                pos += 1;
                if pos == b.len() {
                    break 'parse true;
                }
                (value, digits) = duration_digits(b, &mut pos, false).ok_or_else(overflow)?;
            }
        }
        if pos >= b.len() {
            return Err(format());
        }
        if b.get(pos) == Some(&b'T') {
            if digits != 0 {
                return Err(format());
            }
            pos += 1;
            (value, digits) = duration_digits(b, &mut pos, false).ok_or_else(overflow)?;
            for (designator, slot) in [(b'H', &mut hours), (b'M', &mut minutes)] {
                if pos >= b.len() {
                    return Err(format());
                }
                if b.get(pos) == Some(&designator) {
                    if digits == 0 {
                        return Err(format());
                    }
                    *slot = value;
                    any_part = true;
                    pos += 1;
                    if pos == b.len() {
                        break 'parse true;
                    }
                    (value, digits) = duration_digits(b, &mut pos, false).ok_or_else(overflow)?;
                }
            }
            if pos >= b.len() {
                return Err(format());
            }
            match b.get(pos) {
                Some(b'.') => {
                    pos += 1;
                    seconds = value;
                    any_part = true;
                    let (mut frac, mut count) =
                        duration_digits(b, &mut pos, true).ok_or_else(overflow)?;
                    if count == 0 {
                        frac = 0;
                    }
                    while count > 9 {
                        frac /= 10;
                        count -= 1;
                    }
                    while count < 9 {
                        frac *= 10;
                        count += 1;
                    }
                    nanos = frac;
                    if b.get(pos) != Some(&b'S') {
                        return Err(format());
                    }
                    pos += 1;
                    digits = 0;
                    if pos == b.len() {
                        break 'parse true;
                    }
                }
                Some(b'S') => {
                    if digits == 0 {
                        return Err(format());
                    }
                    seconds = value;
                    any_part = true;
                    pos += 1;
                    digits = 0;
                    if pos == b.len() {
                        break 'parse true;
                    }
                }
                _ => {}
            }
        }
        false
    };
    if !done && (digits != 0 || pos != b.len()) {
        return Err(format());
    }
    if !any_part {
        return Err(format());
    }
    // XsdDuration.TryToTimeSpan, in checked unsigned arithmetic.
    let total = (|| -> Option<u64> {
        let mut t = (years + months / 12).checked_mul(365)?;
        t = t.checked_add((months % 12).checked_mul(30)?)?;
        t = t.checked_add(days)?.checked_mul(24)?;
        t = t.checked_add(hours)?.checked_mul(60)?;
        t = t.checked_add(minutes)?.checked_mul(60)?;
        t = t
            .checked_add(seconds)?
            .checked_mul(TICKS_PER_SECOND as u64)?;
        t.checked_add(nanos / 100)
    })()
    .ok_or_else(overflow)?;
    let ticks = if negative {
        0i64.checked_sub_unsigned(total)
    } else {
        i64::try_from(total).ok()
    };
    ticks.map(TimeSpan::from_ticks).ok_or_else(overflow)
}

fn parse_constant(text: &str) -> Result<TimeSpan, ValueError> {
    let format = || ValueError::format(TIMESPAN, text);
    let overflow = || ValueError::overflow(TIMESPAN, text);
    let s = text.trim();
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    // Split into numbers and the separators between them.
    let b = body.as_bytes();
    let mut numbers: [(&[u8], u8); 5] = [(&[], 0); 5];
    let mut count = 0usize;
    let mut pos = 0usize;
    loop {
        let start = pos;
        while b.get(pos).is_some_and(u8::is_ascii_digit) {
            pos += 1;
        }
        let digits = b.get(start..pos).unwrap_or(&[]);
        if digits.is_empty() {
            return Err(format());
        }
        let sep = b.get(pos).copied().unwrap_or(0);
        let slot = numbers.get_mut(count).ok_or_else(format)?;
        *slot = (digits, sep);
        count += 1;
        match sep {
            0 => break,
            b':' | b'.' => pos += 1,
            _ => return Err(format()),
        }
    }
    let seps: [u8; 4] = [numbers[0].1, numbers[1].1, numbers[2].1, numbers[3].1];
    let n = |i: usize| numbers.get(i).map_or(&[][..], |p| p.0);
    let first = n(0).iter().fold(0u64, |v, &c| {
        v.saturating_mul(10).saturating_add(u64::from(c - b'0'))
    });
    // Positions of (days, hours, minutes, seconds, fraction) by pattern.
    let [d, h, m, sec, f]: [Option<usize>; 5] = match (count, seps) {
        (1, _) => [Some(0), None, None, None, None],
        (2, [b':', 0, _, _]) => [None, Some(0), Some(1), None, None],
        // .NET reads hours past 23 as days: `24:00:00` is d:hh:mm, 24 days
        // (own-vectors read-json-timespan-hours-24).
        (3, [b':', b':', 0, _]) if first > 23 => [Some(0), Some(1), Some(2), None, None],
        (3, [b':', b':', 0, _]) => [None, Some(0), Some(1), Some(2), None],
        (3, [b'.', b':', 0, _]) => [Some(0), Some(1), Some(2), None, None],
        (4, [b'.', b':', b':', 0]) | (4, [b':', b':', b':', 0]) => {
            [Some(0), Some(1), Some(2), Some(3), None]
        }
        (4, [b':', b':', b'.', 0]) => [None, Some(0), Some(1), Some(2), Some(3)],
        (5, [b'.', b':', b':', b'.']) | (5, [b':', b':', b':', b'.']) => {
            [Some(0), Some(1), Some(2), Some(3), Some(4)]
        }
        _ => return Err(format()),
    };
    let value = |i: Option<usize>, max: u64| -> Result<u64, ValueError> {
        let Some(i) = i else { return Ok(0) };
        let mut v: u64 = 0;
        for &c in n(i) {
            v = v.saturating_mul(10).saturating_add(u64::from(c - b'0'));
        }
        if v > max {
            Err(overflow())
        } else {
            Ok(v)
        }
    };
    let days = value(d, 10_675_199)?;
    let hours = value(h, 23)?;
    let minutes = value(m, 59)?;
    let seconds = value(sec, 59)?;
    let fraction = match f {
        None => 0,
        Some(i) => {
            let digits = n(i);
            if digits.len() > 7 {
                return Err(overflow());
            }
            let mut v: u64 = 0;
            for k in 0..7 {
                v = v * 10 + digits.get(k).map_or(0, |&c| u64::from(c - b'0'));
            }
            v
        }
    };
    let total = ((days * 24 + hours) * 60 + minutes) * 60 + seconds;
    let total = total
        .checked_mul(TICKS_PER_SECOND as u64)
        .and_then(|t| t.checked_add(fraction))
        .ok_or_else(overflow)?;
    let ticks = if negative {
        0i64.checked_sub_unsigned(total)
    } else {
        i64::try_from(total).ok()
    };
    ticks.map(TimeSpan::from_ticks).ok_or_else(overflow)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dotnet::ValueErrorKind;

    fn xml(t: TimeSpan) -> String {
        let mut out = Vec::new();
        t.write_xml(&mut out);
        String::from_utf8(out).unwrap()
    }
    fn json(t: TimeSpan) -> String {
        let mut out = Vec::new();
        t.write_json(&mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn corpus_misc_timespans() {
        // corpus misc-bytes-guid-timespan-uri: new TimeSpan(1, 2, 3, 4, 500),
        // TimeSpan.FromMinutes(-90), TimeSpan.Zero
        let span = TimeSpan::from_parts(1, 2, 3, 4, 500).unwrap();
        assert_eq!(xml(span), "P1DT2H3M4.5S");
        assert_eq!(json(span), "\"1.02:03:04.5000000\"");
        let negative = TimeSpan::from_parts(0, 0, -90, 0, 0).unwrap();
        assert_eq!(xml(negative), "-PT1H30M");
        assert_eq!(json(negative), "\"-01:30:00\"");
        assert_eq!(xml(TimeSpan::ZERO), "PT0S");
        assert_eq!(json(TimeSpan::ZERO), "\"00:00:00\"");
        for (x, t) in [
            ("P1DT2H3M4.5S", span),
            ("-PT1H30M", negative),
            ("PT0S", TimeSpan::ZERO),
        ] {
            assert_eq!(TimeSpan::parse_xml(x).unwrap(), t);
        }
        for (j, t) in [
            ("1.02:03:04.5000000", span),
            ("-01:30:00", negative),
            ("00:00:00", TimeSpan::ZERO),
        ] {
            assert_eq!(TimeSpan::parse_json(j).unwrap(), t);
        }
    }

    #[test]
    fn extremes() {
        assert_eq!(xml(TimeSpan::MAX), "P10675199DT2H48M5.4775807S");
        assert_eq!(xml(TimeSpan::MIN), "-P10675199DT2H48M5.4775808S");
        assert_eq!(json(TimeSpan::MAX), "\"10675199.02:48:05.4775807\"");
        assert_eq!(json(TimeSpan::MIN), "\"-10675199.02:48:05.4775808\"");
        assert_eq!(
            TimeSpan::parse_xml("P10675199DT2H48M5.4775807S").unwrap(),
            TimeSpan::MAX
        );
        assert_eq!(
            TimeSpan::parse_xml("-P10675199DT2H48M5.4775808S").unwrap(),
            TimeSpan::MIN
        );
        assert_eq!(
            TimeSpan::parse_xml("P10675199DT2H48M5.4775808S")
                .unwrap_err()
                .kind(),
            ValueErrorKind::Overflow
        );
        assert_eq!(
            TimeSpan::parse_json("10675199.02:48:05.4775807").unwrap(),
            TimeSpan::MAX
        );
        assert_eq!(
            TimeSpan::parse_json("-10675199.02:48:05.4775808").unwrap(),
            TimeSpan::MIN
        );
        assert_eq!(
            TimeSpan::parse_json("10675199.02:48:05.4775808")
                .unwrap_err()
                .kind(),
            ValueErrorKind::Overflow
        );
        assert_eq!(TimeSpan::from_parts(i64::MAX, 0, 0, 0, 0), None);
        let t = TimeSpan::from_ticks(-(TICKS_PER_DAY + TICKS_PER_HOUR * 2 + 5));
        assert_eq!(
            (
                t.days(),
                t.hours(),
                t.minutes(),
                t.seconds(),
                t.fraction_ticks()
            ),
            (-1, -2, 0, 0, -5)
        );
        assert_eq!(t.to_string(), "-1.02:00:00.0000005");
    }

    #[test]
    fn xml_forms() {
        let p = |s: &str| TimeSpan::parse_xml(s).map(|t| t.ticks());
        assert_eq!(p("P1Y").unwrap(), 365 * TICKS_PER_DAY);
        assert_eq!(p("P1M").unwrap(), 30 * TICKS_PER_DAY);
        assert_eq!(p("P13M").unwrap(), 395 * TICKS_PER_DAY);
        assert_eq!(p(" PT1S\n").unwrap(), TICKS_PER_SECOND);
        assert_eq!(p("PT0.1234567899S").unwrap(), 1_234_567);
        assert_eq!(p("PT.5S").unwrap(), 5_000_000);
        assert_eq!(p("PT1.S").unwrap(), TICKS_PER_SECOND);
        assert_eq!(p("P0D").unwrap(), 0);
        assert_eq!(p("PT36H").unwrap(), 36 * TICKS_PER_HOUR);
        assert_eq!(p("P1DT1M").unwrap(), TICKS_PER_DAY + TICKS_PER_MINUTE);
        for bad in [
            "", "P", "PT", "-P", "P1", "PT1", "P1DT", "1D", "P1H", "PT1D", "P-1D", "PT1M1H",
            "P1D2", "PT1.5", "PT1.5SX", "p1d", "P1Y1Y", "PT S",
        ] {
            assert_eq!(
                p(bad).unwrap_err().kind(),
                ValueErrorKind::InvalidFormat,
                "{bad:?}"
            );
        }
        assert_eq!(
            p("P99999999999D").unwrap_err().kind(),
            ValueErrorKind::Overflow
        );
        assert_eq!(
            p("P2147483647Y").unwrap_err().kind(),
            ValueErrorKind::Overflow
        );
    }

    #[test]
    fn json_forms() {
        let p = |s: &str| TimeSpan::parse_json(s).map(|t| t.ticks());
        assert_eq!(p("5").unwrap(), 5 * TICKS_PER_DAY);
        assert_eq!(p("1:02").unwrap(), TICKS_PER_HOUR + 2 * TICKS_PER_MINUTE);
        assert_eq!(
            p("1.2:03").unwrap(),
            TICKS_PER_DAY + 2 * TICKS_PER_HOUR + 3 * TICKS_PER_MINUTE
        );
        assert_eq!(
            p(" 1:02:03:04 ").unwrap(),
            TICKS_PER_DAY + 2 * TICKS_PER_HOUR + 3 * TICKS_PER_MINUTE + 4 * TICKS_PER_SECOND
        );
        assert_eq!(p("00:00:00.5").unwrap(), 5_000_000);
        assert_eq!(p("00:00:00.0000001").unwrap(), 1);
        assert_eq!(p("-0:0:1").unwrap(), -TICKS_PER_SECOND);
        // Hours past 23 make it d:hh:mm (own-vectors read-json-timespan-hours-24), whose hours
        // must then be below 24 (read-json-timespan-hours-25-minutes-30).
        assert_eq!(p("24:00:00").unwrap(), 24 * TICKS_PER_DAY);
        assert_eq!(p("25:30:00").unwrap_err().kind(), ValueErrorKind::Overflow);
        assert_eq!(p("00:60:00").unwrap_err().kind(), ValueErrorKind::Overflow);
        assert_eq!(
            p("00:00:00.12345678").unwrap_err().kind(),
            ValueErrorKind::Overflow
        );
        for bad in [
            "",
            "-",
            "1:",
            ":1",
            "1..2",
            "1:2:3:4:5:6",
            "a",
            "1:2.3",
            "1.2",
            "P1D",
            "1:2:3,4",
        ] {
            assert_eq!(
                p(bad).unwrap_err().kind(),
                ValueErrorKind::InvalidFormat,
                "{bad:?}"
            );
        }
    }
}
