//! `System.DateTime` and `System.DateTimeOffset`: 100-ns ticks since 0001-01-01, their ISO
//! text as DataContractSerializer and Json.NET write it, and both readers' parsing rules.

use core::fmt;

use super::error::{ValueError, ValueErrorKind};
use super::text::{parse_integer_text, IntText, NumberStyle};

const DATETIME: &str = "DateTime";
const DATETIMEOFFSET: &str = "DateTimeOffset";

/// Ticks (100 ns) in one millisecond.
pub const TICKS_PER_MILLISECOND: i64 = 10_000;
/// Ticks (100 ns) in one second.
pub const TICKS_PER_SECOND: i64 = 10_000_000;
/// Ticks (100 ns) in one minute.
pub const TICKS_PER_MINUTE: i64 = 600_000_000;
/// Ticks (100 ns) in one hour.
pub const TICKS_PER_HOUR: i64 = 36_000_000_000;
/// Ticks (100 ns) in one day.
pub const TICKS_PER_DAY: i64 = 864_000_000_000;

/// Ticks of 9999-12-31T23:59:59.9999999, the largest .NET `DateTime`.
const MAX_TICKS: i64 = 3_155_378_975_999_999_999;
/// Ticks of 1970-01-01T00:00:00.
const UNIX_EPOCH_TICKS: i64 = 621_355_968_000_000_000;

/// Largest offset (±23:59) a [`DateTimeKind::Local`] value may carry.
pub const MAX_LOCAL_OFFSET_MINUTES: i16 = 23 * 60 + 59;

/// Largest offset (±14:00) a [`DateTimeOffset`] may have, as in .NET.
pub const MAX_OFFSET_MINUTES: i16 = 14 * 60;

/// What a [`DateTime`]'s wall-clock ticks are relative to (.NET `DateTimeKind`).
///
/// .NET's `Local` means "the server's zone"; Rust has no server zone, so `Local` carries the
/// UTC offset it is written with (the offset is data: with Linux tzdata the Jakarta offset in
/// year 1 is +07:07 and in 1960 +07:30, corpus `dates-min-max-kinds`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DateTimeKind {
    /// No zone: written without a suffix.
    #[default]
    Unspecified,
    /// UTC: written with `Z`.
    Utc,
    /// Local time at the given offset from UTC (minutes, within ±23:59): written `+hh:mm` /
    /// `-hh:mm`.
    Local {
        /// Minutes east of UTC.
        offset_minutes: i16,
    },
}

impl DateTimeKind {
    const fn is_valid(self) -> bool {
        match self {
            DateTimeKind::Local { offset_minutes } => {
                offset_minutes >= -MAX_LOCAL_OFFSET_MINUTES
                    && offset_minutes <= MAX_LOCAL_OFFSET_MINUTES
            }
            _ => true,
        }
    }
}

const fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in `month` (1..=12) of `year`; 0 for an invalid month.
pub(crate) const fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days in the year before the first of `month` (1..=13).
const fn days_before_month(leap: bool, month: u32) -> i64 {
    let d = match month {
        1 => 0,
        2 => 31,
        3 => 59,
        4 => 90,
        5 => 120,
        6 => 151,
        7 => 181,
        8 => 212,
        9 => 243,
        10 => 273,
        11 => 304,
        12 => 334,
        _ => 365,
    };
    if leap && month > 2 {
        d + 1
    } else {
        d
    }
}

/// Ticks of midnight starting a valid date (year 1..=9999), else `None`.
pub(crate) const fn date_ticks(year: i64, month: u32, day: u32) -> Option<i64> {
    if year < 1 || year > 9999 || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let y = year - 1;
    let days =
        y * 365 + y / 4 - y / 100 + y / 400 + days_before_month(is_leap(year), month) + day as i64
            - 1;
    Some(days * TICKS_PER_DAY)
}

/// Ticks of a time of day (no validation beyond non-negative parts).
const fn time_ticks(hour: u32, minute: u32, second: u32) -> i64 {
    (hour as i64 * 3600 + minute as i64 * 60 + second as i64) * TICKS_PER_SECOND
}

/// (year, month, day) of a day number (days since 0001-01-01), .NET's `GetDatePart`.
const fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let mut n = days;
    let y400 = n / 146_097;
    n -= y400 * 146_097;
    let mut y100 = n / 36_524;
    if y100 == 4 {
        y100 = 3;
    }
    n -= y100 * 36_524;
    let y4 = n / 1461;
    n -= y4 * 1461;
    let mut y1 = n / 365;
    if y1 == 4 {
        y1 = 3;
    }
    let year = y400 * 400 + y100 * 100 + y4 * 4 + y1 + 1;
    n -= y1 * 365;
    let leap = y1 == 3 && (y4 != 24 || y100 == 3);
    let mut month = 1;
    while month < 12 && n >= days_before_month(leap, month + 1) {
        month += 1;
    }
    let day = n - days_before_month(leap, month) + 1;
    (year as i32, month, day as u32)
}

/// An offset as .NET writes it: `+07:00`, `-02:30`.
pub fn format_offset(offset_minutes: i16) -> String {
    let mut text = DateText::default();
    text.offset(offset_minutes);
    text.as_str().to_owned()
}

/// A date's text, its digits placed by arithmetic rather than through a formatter (dates are
/// on the hot path of every document that has one): at most 33 bytes.
struct DateText {
    buf: [u8; 40],
    len: usize,
}

impl Default for DateText {
    fn default() -> Self {
        DateText {
            buf: [0; 40],
            len: 0,
        }
    }
}

impl DateText {
    fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }

    fn as_str(&self) -> &str {
        core::str::from_utf8(self.as_bytes()).unwrap_or("")
    }

    fn push(&mut self, b: u8) {
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }

    /// Appends `v` as `width` decimal digits, zero-padded (as `{v:0width$}` for `v` below
    /// 10^width).
    fn digits(&mut self, mut v: u32, width: usize) {
        let end = self.len + width;
        if let Some(slots) = self.buf.get_mut(self.len..end) {
            for slot in slots.iter_mut().rev() {
                // `v % 10` is a digit.
                *slot = b'0' + (v % 10) as u8;
                v /= 10;
            }
            self.len = end;
        }
    }

    /// `yyyy-MM-ddTHH:mm:ss[.fffffff]` with the fraction's trailing zeros removed.
    fn wall_clock(ticks: i64) -> DateText {
        let (year, month, day) = civil_from_days(ticks.div_euclid(TICKS_PER_DAY));
        let in_day = ticks.rem_euclid(TICKS_PER_DAY);
        // Below 86,400 and 10^7: both fit a u32.
        let secs = (in_day / TICKS_PER_SECOND) as u32;
        let fraction = (in_day % TICKS_PER_SECOND) as u32;
        let mut t = DateText::default();
        // Years of a `DateTime` are 1..=9999.
        t.digits(year.unsigned_abs(), 4);
        t.push(b'-');
        t.digits(month, 2);
        t.push(b'-');
        t.digits(day, 2);
        t.push(b'T');
        t.digits(secs / 3600, 2);
        t.push(b':');
        t.digits(secs / 60 % 60, 2);
        t.push(b':');
        t.digits(secs % 60, 2);
        if fraction != 0 {
            t.push(b'.');
            t.digits(fraction, 7);
            // The fraction is not zero: a non-zero digit stops this before the point.
            while t.as_bytes().last() == Some(&b'0') {
                t.len -= 1;
            }
        }
        t
    }

    /// Appends `+hh:mm` / `-hh:mm`.
    fn offset(&mut self, offset_minutes: i16) {
        self.push(if offset_minutes < 0 { b'-' } else { b'+' });
        let abs = u32::from(offset_minutes.unsigned_abs());
        let hours = abs / 60;
        self.digits(hours, if hours >= 100 { 3 } else { 2 });
        self.push(b':');
        self.digits(abs % 60, 2);
    }
}

/// A .NET `DateTime`: wall-clock ticks (100 ns since 0001-01-01T00:00:00, up to
/// 9999-12-31T23:59:59.9999999) and a [`DateTimeKind`].
///
/// Equality compares ticks and kind (.NET's `==` compares ticks only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct DateTime {
    ticks: i64,
    kind: DateTimeKind,
}

impl DateTime {
    /// Largest tick count of a `DateTime` (`DateTime.MaxValue.Ticks`).
    pub const MAX_TICKS: i64 = MAX_TICKS;

    /// `DateTime.MinValue`: 0001-01-01T00:00:00, unspecified kind (also the default).
    pub const MIN: DateTime = DateTime {
        ticks: 0,
        kind: DateTimeKind::Unspecified,
    };

    /// `DateTime.MaxValue`: 9999-12-31T23:59:59.9999999, unspecified kind.
    pub const MAX: DateTime = DateTime {
        ticks: MAX_TICKS,
        kind: DateTimeKind::Unspecified,
    };

    /// A `DateTime` from ticks; `None` outside 0..=[`DateTime::MAX_TICKS`] or for a local
    /// offset beyond ±23:59.
    pub const fn from_ticks(ticks: i64, kind: DateTimeKind) -> Option<DateTime> {
        if ticks < 0 || ticks > MAX_TICKS || !kind.is_valid() {
            None
        } else {
            Some(DateTime { ticks, kind })
        }
    }

    /// A `DateTime` from calendar parts (proleptic Gregorian, year 1..=9999, hour < 24,
    /// minute and second < 60); `None` when any part is out of range.
    pub const fn from_ymd_hms(
        year: i32,
        month: u32,
        day: u32,
        hour: u32,
        minute: u32,
        second: u32,
        kind: DateTimeKind,
    ) -> Option<DateTime> {
        DateTime::from_parts(year, month, day, hour, minute, second, 0, kind)
    }

    /// Like [`DateTime::from_ymd_hms`] plus the ticks within the second (0..10_000_000).
    #[allow(clippy::too_many_arguments)]
    pub const fn from_parts(
        year: i32,
        month: u32,
        day: u32,
        hour: u32,
        minute: u32,
        second: u32,
        fraction_ticks: u32,
        kind: DateTimeKind,
    ) -> Option<DateTime> {
        if hour >= 24 || minute >= 60 || second >= 60 || fraction_ticks >= 10_000_000 {
            return None;
        }
        match date_ticks(year as i64, month, day) {
            Some(date) => DateTime::from_ticks(
                date + time_ticks(hour, minute, second) + fraction_ticks as i64,
                kind,
            ),
            None => None,
        }
    }

    /// Milliseconds since 1970-01-01T00:00:00Z as a UTC `DateTime` (the `/Date(ms)/` form).
    pub const fn from_unix_milliseconds(ms: i64) -> Option<DateTime> {
        match ms.checked_mul(TICKS_PER_MILLISECOND) {
            Some(t) => match t.checked_add(UNIX_EPOCH_TICKS) {
                Some(ticks) => DateTime::from_ticks(ticks, DateTimeKind::Utc),
                None => None,
            },
            None => None,
        }
    }

    /// The wall-clock ticks (.NET `Ticks`).
    pub const fn ticks(&self) -> i64 {
        self.ticks
    }

    /// The kind (.NET `Kind`, with the offset of a local value).
    pub const fn kind(&self) -> DateTimeKind {
        self.kind
    }

    /// The same wall clock with another kind (.NET `DateTime.SpecifyKind`); `None` for a
    /// local offset beyond ±23:59.
    pub const fn with_kind(self, kind: DateTimeKind) -> Option<DateTime> {
        DateTime::from_ticks(self.ticks, kind)
    }

    /// The year (1..=9999).
    pub const fn year(&self) -> i32 {
        civil_from_days(self.ticks / TICKS_PER_DAY).0
    }

    /// The month (1..=12).
    pub const fn month(&self) -> u32 {
        civil_from_days(self.ticks / TICKS_PER_DAY).1
    }

    /// The day of the month (1..=31).
    pub const fn day(&self) -> u32 {
        civil_from_days(self.ticks / TICKS_PER_DAY).2
    }

    /// The hour (0..=23).
    pub const fn hour(&self) -> u32 {
        (self.ticks % TICKS_PER_DAY / TICKS_PER_HOUR) as u32
    }

    /// The minute (0..=59).
    pub const fn minute(&self) -> u32 {
        (self.ticks % TICKS_PER_HOUR / TICKS_PER_MINUTE) as u32
    }

    /// The second (0..=59).
    pub const fn second(&self) -> u32 {
        (self.ticks % TICKS_PER_MINUTE / TICKS_PER_SECOND) as u32
    }

    /// The ticks within the second (0..10_000_000).
    pub const fn fraction_ticks(&self) -> u32 {
        (self.ticks % TICKS_PER_SECOND) as u32
    }

    /// The millisecond (0..=999), truncated as .NET's `Millisecond`.
    pub const fn millisecond(&self) -> u32 {
        self.fraction_ticks() / 10_000
    }

    /// The UTC offset of a local value.
    pub const fn offset_minutes(&self) -> Option<i16> {
        match self.kind {
            DateTimeKind::Local { offset_minutes } => Some(offset_minutes),
            _ => None,
        }
    }

    /// Ticks of the same instant in UTC: the ticks of a UTC value, those of a local value
    /// minus its offset (which may fall outside the `DateTime` range: year-1 local time east of
    /// Greenwich is before `DateTime.MinValue` in UTC); `None` for an unspecified value.
    pub const fn utc_ticks(&self) -> Option<i64> {
        match self.kind {
            DateTimeKind::Unspecified => None,
            DateTimeKind::Utc => Some(self.ticks),
            DateTimeKind::Local { offset_minutes } => {
                Some(self.ticks - offset_minutes as i64 * TICKS_PER_MINUTE)
            }
        }
    }

    /// A local value's instant as local time at `offset_minutes` (what .NET's readers make of
    /// a time at another offset: the server's local time); `None` for a value that is not local,
    /// an offset beyond ±23:59, or a result outside the `DateTime` range.
    pub const fn at_offset(&self, offset_minutes: i16) -> Option<DateTime> {
        match self.kind {
            DateTimeKind::Local { .. } => match self.utc_ticks() {
                Some(utc) => DateTime::from_ticks(
                    utc + offset_minutes as i64 * TICKS_PER_MINUTE,
                    DateTimeKind::Local { offset_minutes },
                ),
                None => None,
            },
            _ => None,
        }
    }

    /// The same instant as a UTC value; `None` for an unspecified value or when the UTC time
    /// falls outside the `DateTime` range.
    pub const fn to_utc(&self) -> Option<DateTime> {
        match self.utc_ticks() {
            Some(t) => DateTime::from_ticks(t, DateTimeKind::Utc),
            None => None,
        }
    }

    fn text(&self) -> DateText {
        let mut text = DateText::wall_clock(self.ticks);
        match self.kind {
            DateTimeKind::Unspecified => {}
            DateTimeKind::Utc => text.push(b'Z'),
            DateTimeKind::Local { offset_minutes } => text.offset(offset_minutes),
        }
        text
    }

    fn fmt_text(&self, w: &mut impl fmt::Write) -> fmt::Result {
        w.write_str(self.text().as_str())
    }

    /// Writes the text DataContractSerializer writes (`XmlConvert.ToString(dt,
    /// RoundtripKind)`): `yyyy-MM-ddTHH:mm:ss[.fffffff]`, fraction without trailing zeros,
    /// then `Z` (UTC), `±hh:mm` (local) or nothing (corpus `dates`, `dates-min-max-kinds`).
    pub fn write_xml(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(self.text().as_bytes());
    }

    /// Writes the JSON string Json.NET writes (same text as XML, in quotes).
    pub fn write_json(&self, out: &mut Vec<u8>) {
        out.push(b'"');
        self.write_xml(out);
        out.push(b'"');
    }

    /// Reads a `DateTime` element as DataContractSerializer does (`XmlConvert.ToDateTime(s,
    /// RoundtripKind)`, XSD `AllXsd` forms; white space around is allowed):
    ///
    /// - `yyyy-MM-ddTHH:mm:ss[.f…]` or a date alone (midnight; corpus `read-xml-date-only`),
    ///   also `yyyy-MM`, `yyyy`, `--MM-dd`, `---dd`, `--MM` (missing parts are 1, the year of
    ///   the `--` forms is 1904 as in .NET);
    /// - no zone → [`DateTimeKind::Unspecified`], `Z` → [`DateTimeKind::Utc`]
    ///   (corpus `read-xml-date-unspecified`, `read-xml-date-utc`);
    /// - an offset `±hh:mm` → [`DateTimeKind::Local`] **keeping the sender's wall clock and
    ///   offset**. DataContractSerializer converts such a value to the server's local time
    ///   (`…T02:09:38+09:00` becomes `…T00:09:38+07:00`, corpus `read-xml-date-other-offset`);
    ///   this keeps the same instant without assuming a server zone. Use
    ///   [`DateTime::to_utc`] to compare instants. Offsets past ±23:59 (which .NET accepts up to
    ///   99:99) are rejected as out of range;
    /// - more than 7 fraction digits round to 7, halves to even (corpus
    ///   `read-xml-date-eight-fraction-digits`);
    /// - a space instead of `T` is an error (corpus `read-xml-date-space-separator`), so is a
    ///   time alone (.NET would take today's date, which is not reproducible).
    pub fn parse_xml(text: &str) -> Result<DateTime, ValueError> {
        let (ticks, zone) =
            parse_xsd(text).map_err(|kind| ValueError::new(kind, DATETIME, text))?;
        zone.into_datetime(ticks)
            .ok_or_else(|| ValueError::range(DATETIME, text))
    }

    /// Reads the content of a JSON string as Json.NET 6 reads it into a `DateTime`
    /// (`ReadAsDateTime`, default `DateTimeZoneHandling.RoundtripKind`):
    ///
    /// - ISO `yyyy-MM-ddTHH:mm:ss[.fffffff][Z|±hh[:mm]|±hhmm]`: no zone → unspecified, `Z` →
    ///   UTC, offset → local keeping the sender's offset (Json.NET converts to server time,
    ///   see [`DateTime::parse_xml`]) (corpus `read-json-date-unspecified`, `-utc`, `-offset`);
    /// - `/Date(ms)/` → UTC, `/Date(ms±hhmm)/` → local at that offset, the same instant
    ///   (Json.NET takes only the instant and converts it to server time; corpus
    ///   `read-json-date-microsoft-format`);
    /// - otherwise Json.NET falls back to `DateTime.TryParse(s, InvariantCulture,
    ///   RoundtripKind)`; of that this accepts the ISO-like forms: a date alone (corpus
    ///   `read-json-date-only`), `T` or spaces before the time, seconds optional, any number of
    ///   fraction digits, a zone. Other `DateTime.Parse` forms (`01/23/2025`, month names) are
    ///   errors here, as is everything Json.NET rejects (corpus `read-json-date-garbage`);
    /// - an empty string is Json.NET's null ([`ValueErrorKind::Null`]).
    pub fn parse_json(text: &str) -> Result<DateTime, ValueError> {
        if text.is_empty() {
            return Err(ValueError::null(DATETIME));
        }
        let parsed = if text.starts_with('/') {
            parse_ms_date(text)
        } else if looks_iso(text) {
            parse_iso_json(text).or_else(|| parse_loose(text))
        } else {
            parse_loose(text)
        };
        match parsed {
            Some(JsonDate::Wall(ticks, zone)) => zone
                .into_datetime(ticks)
                .ok_or_else(|| ValueError::range(DATETIME, text)),
            Some(JsonDate::Instant { utc_ticks, offset }) => {
                let kind = match offset {
                    None => DateTimeKind::Utc,
                    Some(offset_minutes) => DateTimeKind::Local { offset_minutes },
                };
                let wall = utc_ticks.checked_add(i64::from(offset.unwrap_or(0)) * TICKS_PER_MINUTE);
                wall.and_then(|w| DateTime::from_ticks(w, kind))
                    .ok_or_else(|| ValueError::range(DATETIME, text))
            }
            None => Err(ValueError::format(DATETIME, text)),
        }
    }
}

impl fmt::Display for DateTime {
    /// The wire text (as [`DateTime::write_xml`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_text(f)
    }
}

/// The zone part of a parsed date text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    None,
    Utc,
    /// Minutes east of UTC (as written, possibly beyond what a `DateTime` can keep).
    Offset(i32),
}

impl Zone {
    fn into_datetime(self, ticks: i64) -> Option<DateTime> {
        let kind = match self {
            Zone::None => DateTimeKind::Unspecified,
            Zone::Utc => DateTimeKind::Utc,
            Zone::Offset(m) => DateTimeKind::Local {
                offset_minutes: i16::try_from(m).ok()?,
            },
        };
        DateTime::from_ticks(ticks, kind)
    }
}

/// A cursor over ASCII bytes with the small matchers both parsers use.
struct Cursor<'a> {
    b: &'a [u8],
}

impl Cursor<'_> {
    fn ch(&self, i: usize, c: u8) -> bool {
        self.b.get(i) == Some(&c)
    }

    fn digit(&self, i: usize) -> Option<u32> {
        match self.b.get(i) {
            Some(&c) if c.is_ascii_digit() => Some(u32::from(c - b'0')),
            _ => None,
        }
    }

    fn dig2(&self, i: usize) -> Option<u32> {
        Some(self.digit(i)? * 10 + self.digit(i + 1)?)
    }

    fn dig4(&self, i: usize) -> Option<u32> {
        Some(self.dig2(i)? * 100 + self.dig2(i + 2)?)
    }

    /// 1 or 2 digits at `i`: (value, next index).
    fn dig12(&self, i: usize) -> Option<(u32, usize)> {
        let first = self.digit(i)?;
        match self.digit(i + 1) {
            Some(second) => Some((first * 10 + second, i + 2)),
            None => Some((first, i + 1)),
        }
    }
}

// ---- XSD (XmlConvert) -------------------------------------------------------------------

/// XSD date/time text (`XsdDateTime` with `AllXsd`, time-only excluded): wall ticks and zone.
fn parse_xsd(text: &str) -> Result<(i64, Zone), ValueErrorKind> {
    let s = text.trim();
    let c = Cursor { b: s.as_bytes() };
    let fmt = ValueErrorKind::InvalidFormat;
    let date = |i: usize| -> Option<i64> {
        let year = c.dig4(i)?;
        if !(c.ch(i + 4, b'-') && c.ch(i + 7, b'-')) {
            return None;
        }
        date_ticks(i64::from(year), c.dig2(i + 5)?, c.dig2(i + 8)?)
    };
    // dateTime
    if let Some(d) = date(0) {
        if c.ch(10, b'T') {
            if let Some((t, next)) = xsd_time(&c, 11) {
                if let Some(zone) = xsd_zone(&c, next) {
                    let ticks = d.checked_add(t).filter(|&t| t <= MAX_TICKS);
                    return ticks.map(|t| (t, zone)).ok_or(ValueErrorKind::OutOfRange);
                }
            }
        }
        // date
        if let Some(zone) = xsd_zone(&c, 10) {
            return Ok((d, zone));
        }
    }
    // gYearMonth, gYear
    if let Some(year) = c.dig4(0).filter(|&y| y >= 1) {
        if c.ch(4, b'-') {
            if let Some(month) = c.dig2(5).filter(|m| (1..=12).contains(m)) {
                if let Some(zone) = xsd_zone(&c, 7) {
                    let d = date_ticks(i64::from(year), month, 1).ok_or(fmt)?;
                    return Ok((d, zone));
                }
            }
        }
        if let Some(zone) = xsd_zone(&c, 4) {
            let d = date_ticks(i64::from(year), 1, 1).ok_or(fmt)?;
            return Ok((d, zone));
        }
    }
    // gMonthDay, gMonth (year 1904 so that --02-29 exists)
    if c.ch(0, b'-') && c.ch(1, b'-') {
        if let Some(month) = c.dig2(2).filter(|m| (1..=12).contains(m)) {
            if c.ch(4, b'-') {
                if let Some(d) = c.dig2(5).and_then(|day| date_ticks(1904, month, day)) {
                    if let Some(zone) = xsd_zone(&c, 7) {
                        return Ok((d, zone));
                    }
                }
            }
            let zone = xsd_zone(&c, 4).or_else(|| {
                if c.ch(4, b'-') && c.ch(5, b'-') {
                    xsd_zone(&c, 6)
                } else {
                    None
                }
            });
            if let Some(zone) = zone {
                let d = date_ticks(1904, month, 1).ok_or(fmt)?;
                return Ok((d, zone));
            }
        }
    }
    // gDay
    if c.ch(0, b'-') && c.ch(1, b'-') && c.ch(2, b'-') {
        if let Some(d) = c.dig2(3).and_then(|day| date_ticks(1904, 1, day)) {
            if let Some(zone) = xsd_zone(&c, 5) {
                return Ok((d, zone));
            }
        }
    }
    Err(fmt)
}

/// `HH:mm:ss[.f+]` at `i`: ticks of the time (fraction rounded to 7 digits, halves to even,
/// possibly a full second) and the next index.
fn xsd_time(c: &Cursor<'_>, i: usize) -> Option<(i64, usize)> {
    let hour = c.dig2(i).filter(|&h| h < 24)?;
    let minute = c.dig2(i + 3).filter(|&m| m < 60)?;
    let second = c.dig2(i + 6).filter(|&s| s < 60)?;
    if !(c.ch(i + 2, b':') && c.ch(i + 5, b':')) {
        return None;
    }
    let mut next = i + 8;
    let mut fraction: i64 = 0;
    if c.ch(next, b'.') {
        next += 1;
        let mut count = 0usize;
        let mut round = 0i64; // 1: up, -1: exactly half so far
        while let Some(d) = c.digit(next) {
            let d = i64::from(d);
            if count < 7 {
                fraction = fraction * 10 + d;
            } else if count == 7 {
                round = match d {
                    6..=9 => 1,
                    5 => -1,
                    _ => 0,
                };
            } else if round < 0 && d != 0 {
                round = 1;
            }
            count += 1;
            next += 1;
        }
        if count == 0 {
            return None;
        }
        if count < 7 {
            fraction *= 10i64.pow(7 - count as u32);
        } else {
            if round < 0 {
                round = fraction & 1;
            }
            fraction += round;
        }
    }
    Some((time_ticks(hour, minute, second) + fraction, next))
}

/// Optional zone at `i` (`Z`, `z`, `±hh:mm` with hh, mm ≤ 99 as .NET allows), then only
/// white space (already trimmed) to the end.
fn xsd_zone(c: &Cursor<'_>, i: usize) -> Option<Zone> {
    let (zone, next) = match c.b.get(i) {
        None => (Zone::None, i),
        Some(b'Z' | b'z') => (Zone::Utc, i + 1),
        Some(&sign @ (b'+' | b'-')) => {
            let h = c.dig2(i + 1)?;
            let m = c.dig2(i + 4)?;
            if !c.ch(i + 3, b':') {
                return None;
            }
            let minutes = (h * 60 + m) as i32;
            let minutes = if sign == b'-' { -minutes } else { minutes };
            (Zone::Offset(minutes), i + 6)
        }
        Some(_) => return None,
    };
    (next == c.b.len()).then_some(zone)
}

// ---- Json.NET ----------------------------------------------------------------------------

/// What the Json.NET date parsers produce.
enum JsonDate {
    /// Wall-clock ticks and the zone written.
    Wall(i64, Zone),
    /// `/Date(…)/`: the UTC instant and the offset written, if any (minutes).
    Instant { utc_ticks: i64, offset: Option<i16> },
}

/// Json.NET tries its ISO parser on strings of 19 to 40 characters starting with a digit and
/// with `T` at index 10.
fn looks_iso(s: &str) -> bool {
    let b = s.as_bytes();
    s.is_ascii()
        && (19..=40).contains(&b.len())
        && b.first().is_some_and(u8::is_ascii_digit)
        && b.get(10) == Some(&b'T')
}

/// Json.NET 6's `DateTimeParser`: `yyyy-MM-ddTHH:mm:ss[.fffffff]` then its lenient zone.
fn parse_iso_json(s: &str) -> Option<JsonDate> {
    let c = Cursor { b: s.as_bytes() };
    let end = c.b.len();
    let year = c.dig4(0).filter(|&y| y >= 1)?;
    if !(c.ch(4, b'-') && c.ch(7, b'-') && c.ch(10, b'T')) {
        return None;
    }
    let date = date_ticks(i64::from(year), c.dig2(5)?, c.dig2(8)?)?;
    let hour = c.dig2(11).filter(|&h| h < 24)?;
    let minute = c.dig2(14).filter(|&m| m < 60)?;
    let second = c.dig2(17).filter(|&s| s < 60)?;
    if !(c.ch(13, b':') && c.ch(16, b':')) {
        return None;
    }
    let mut i = 19;
    let mut fraction: i64 = 0;
    if c.ch(i, b'.') {
        let mut count = 0u32;
        i += 1;
        while count < 7 {
            let Some(d) = c.digit(i) else { break };
            fraction = fraction * 10 + i64::from(d);
            count += 1;
            i += 1;
        }
        if count == 0 {
            return None;
        }
        fraction *= 10i64.pow(7 - count);
    }
    // ParseZone, including its quirk of reading two stray digits as "zone minutes".
    let mut zone = Zone::None;
    if let Some(&ch) = c.b.get(i) {
        if ch == b'z' || ch == b'Z' {
            zone = Zone::Utc;
            i += 1;
        } else {
            let mut hours = 0u32;
            if i + 2 < end {
                if let Some(h) = c.dig2(i + 1) {
                    if ch == b'-' || ch == b'+' {
                        hours = h;
                        zone = Zone::Offset(0);
                        i += 3;
                    }
                }
            }
            let mut minutes = 0u32;
            if i < end {
                let at = if c.ch(i, b':') { i + 1 } else { i };
                if at + 1 < end {
                    if let Some(m) = c.dig2(at) {
                        minutes = m;
                        i = at + 2;
                    } else {
                        i = at;
                    }
                } else {
                    i = at;
                }
            }
            if zone == Zone::Offset(0) {
                let total = (hours * 60 + minutes) as i32;
                zone = Zone::Offset(if ch == b'-' { -total } else { total });
            }
        }
    }
    if i != end {
        return None;
    }
    let ticks = date + time_ticks(hour, minute, second) + fraction;
    Some(JsonDate::Wall(ticks, zone))
}

/// `/Date(ms)/` and `/Date(ms±hh[mm])/` (Json.NET's `TryParseDateMicrosoft`).
fn parse_ms_date(s: &str) -> Option<JsonDate> {
    let inner = s.strip_prefix("/Date(")?.strip_suffix(")/")?;
    let sign_at = inner
        .get(1..)
        .and_then(|rest| rest.find('+').or_else(|| rest.find('-')))
        .map(|i| i + 1);
    let (number, offset) = match sign_at {
        Some(i) => (inner.get(..i)?, Some(read_ms_offset(inner.get(i..)?)?)),
        None => (inner, None),
    };
    let ms = match parse_integer_text(number, NumberStyle::INTEGER) {
        IntText::Value(v) => i64::try_from(v).ok()?,
        _ => return None,
    };
    let utc_ticks = ms
        .checked_mul(TICKS_PER_MILLISECOND)?
        .checked_add(UNIX_EPOCH_TICKS)
        .filter(|t| (0..=MAX_TICKS).contains(t))?;
    Some(JsonDate::Instant { utc_ticks, offset })
}

/// Json.NET's `ReadOffset`: sign, `int.Parse` of the next two characters as hours and, when
/// there are five or more characters, of characters 3..5 as minutes.
fn read_ms_offset(s: &str) -> Option<i16> {
    let negative = s.starts_with('-');
    let int2 = |range: core::ops::Range<usize>| -> Option<i64> {
        match parse_integer_text(s.get(range)?, NumberStyle::INTEGER) {
            IntText::Value(v) => i64::try_from(v).ok(),
            _ => None,
        }
    };
    let hours = int2(1..3)?;
    let minutes = if s.len() >= 5 { int2(3..5)? } else { 0 };
    let total = hours * 60 + minutes;
    i16::try_from(if negative { -total } else { total }).ok()
}

/// The ISO-like subset of `DateTime.Parse(s, InvariantCulture)` that Json.NET falls back to:
/// `yyyy-M-d` (or `/`), then optionally (`T` | spaces) `H:mm[:ss[.f…]]`, optional spaces and
/// a zone (`Z`, `±H[H][:mm]`, `±HHmm`).
fn parse_loose(text: &str) -> Option<JsonDate> {
    let s = text.trim();
    let c = Cursor { b: s.as_bytes() };
    let end = c.b.len();
    let year = c.dig4(0)?;
    let sep = *c.b.get(4)?;
    if sep != b'-' && sep != b'/' {
        return None;
    }
    let (month, i) = c.dig12(5)?;
    if !c.ch(i, sep) {
        return None;
    }
    let (day, mut i) = c.dig12(i + 1)?;
    let date = date_ticks(i64::from(year), month, day)?;
    if i == end {
        return Some(JsonDate::Wall(date, Zone::None));
    }
    if c.ch(i, b'T') {
        i += 1;
    } else {
        let start = i;
        while c.b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    let (hour, next) = c.dig12(i)?;
    if !c.ch(next, b':') {
        return None;
    }
    let (minute, mut i) = c.dig12(next + 1)?;
    let mut second = 0;
    let mut fraction = 0i64;
    if c.ch(i, b':') {
        let (s2, next) = c.dig12(i + 1)?;
        second = s2;
        i = next;
        if c.ch(i, b'.') {
            i += 1;
            let start = i;
            while c.digit(i).is_some() {
                i += 1;
            }
            fraction = round_fraction(c.b.get(start..i)?)?;
        }
    }
    if hour >= 24 || minute >= 60 || second >= 60 {
        return None;
    }
    while c.b.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    let zone = match c.b.get(i) {
        None => Zone::None,
        Some(b'Z' | b'z') => {
            i += 1;
            Zone::Utc
        }
        Some(&sign @ (b'+' | b'-')) => {
            let (h, mut next) = c.dig12(i + 1)?;
            let mut m = 0;
            if c.ch(next, b':') {
                let v = c.dig2(next + 1)?;
                m = v;
                next += 3;
            } else if let Some(v) = c.dig2(next) {
                m = v;
                next += 2;
            }
            if h > 14 || m > 59 {
                return None;
            }
            i = next;
            let total = (h * 60 + m) as i32;
            Zone::Offset(if sign == b'-' { -total } else { total })
        }
        Some(_) => return None,
    };
    if i != end {
        return None;
    }
    let ticks = date + time_ticks(hour, minute, second) + fraction;
    (ticks <= MAX_TICKS).then_some(JsonDate::Wall(ticks, zone))
}

/// Fraction digits to ticks, rounded to 7 digits with halves to even.
fn round_fraction(digits: &[u8]) -> Option<i64> {
    if digits.is_empty() {
        return None;
    }
    let mut fraction = 0i64;
    for i in 0..7 {
        let d = digits.get(i).map_or(0, |&c| i64::from(c - b'0'));
        fraction = fraction * 10 + d;
    }
    let rest = digits.get(7..).unwrap_or(&[]);
    if let Some((&first, tail)) = rest.split_first() {
        let up = match first {
            b'6'..=b'9' => true,
            b'5' => tail.iter().any(|&c| c != b'0') || fraction % 2 == 1,
            _ => false,
        };
        if up {
            fraction += 1;
        }
    }
    Some(fraction)
}

// ---- DateTimeOffset ---------------------------------------------------------------------

/// A .NET `DateTimeOffset`: wall-clock ticks and a UTC offset in minutes (±14:00). Both the
/// wall clock and the UTC instant lie within the `DateTime` range, as .NET requires.
///
/// DataContractSerializer writes it as a complex type in namespace
/// `http://schemas.datacontract.org/2004/07/System`: `<DateTime>` with [`DateTimeOffset::utc`]
/// (text ending in `Z`) and `<OffsetMinutes>` with [`DateTimeOffset::offset_minutes`]; the XML
/// layer reads those two and calls [`DateTimeOffset::from_utc_datetime`]. Json.NET writes an ISO
/// string with the offset (`+00:00`, never `Z`).
///
/// Equality compares wall clock and offset (.NET's `==` compares instants only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct DateTimeOffset {
    ticks: i64,
    offset_minutes: i16,
}

impl DateTimeOffset {
    /// `DateTimeOffset.MinValue`: 0001-01-01T00:00:00+00:00 (also the default).
    pub const MIN: DateTimeOffset = DateTimeOffset {
        ticks: 0,
        offset_minutes: 0,
    };

    /// `DateTimeOffset.MaxValue`: 9999-12-31T23:59:59.9999999+00:00.
    pub const MAX: DateTimeOffset = DateTimeOffset {
        ticks: MAX_TICKS,
        offset_minutes: 0,
    };

    /// A value from its wall-clock ticks and offset; `None` when the offset is beyond ±14:00
    /// or the wall clock or the UTC instant is outside the `DateTime` range.
    pub const fn from_ticks(ticks: i64, offset_minutes: i16) -> Option<DateTimeOffset> {
        if offset_minutes < -MAX_OFFSET_MINUTES || offset_minutes > MAX_OFFSET_MINUTES {
            return None;
        }
        let utc = ticks - offset_minutes as i64 * TICKS_PER_MINUTE;
        if ticks < 0 || ticks > MAX_TICKS || utc < 0 || utc > MAX_TICKS {
            return None;
        }
        Some(DateTimeOffset {
            ticks,
            offset_minutes,
        })
    }

    /// The value for a UTC instant (ticks) seen at an offset.
    pub const fn from_utc_ticks(utc_ticks: i64, offset_minutes: i16) -> Option<DateTimeOffset> {
        match utc_ticks.checked_add(offset_minutes as i64 * TICKS_PER_MINUTE) {
            Some(ticks) => DateTimeOffset::from_ticks(ticks, offset_minutes),
            None => None,
        }
    }

    /// What DataContractSerializer builds from `<DateTime>` and `<OffsetMinutes>`
    /// (`DateTimeOffsetAdapter.GetDateTimeOffset`): a UTC or local `date_time` gives its
    /// instant seen at `offset_minutes`; an unspecified one is taken as the wall clock at that
    /// offset. `None` when the result is out of range.
    pub const fn from_utc_datetime(
        date_time: DateTime,
        offset_minutes: i16,
    ) -> Option<DateTimeOffset> {
        match date_time.utc_ticks() {
            Some(utc) => DateTimeOffset::from_utc_ticks(utc, offset_minutes),
            None => DateTimeOffset::from_ticks(date_time.ticks, offset_minutes),
        }
    }

    /// The wall-clock ticks (.NET `Ticks`).
    pub const fn ticks(&self) -> i64 {
        self.ticks
    }

    /// The offset from UTC in minutes (DCS's `OffsetMinutes`).
    pub const fn offset_minutes(&self) -> i16 {
        self.offset_minutes
    }

    /// Ticks of the UTC instant (.NET `UtcTicks`).
    pub const fn utc_ticks(&self) -> i64 {
        self.ticks - self.offset_minutes as i64 * TICKS_PER_MINUTE
    }

    /// The UTC instant as a UTC `DateTime` (.NET `UtcDateTime`, DCS's `<DateTime>`).
    pub const fn utc(&self) -> DateTime {
        DateTime {
            ticks: self.utc_ticks(),
            kind: DateTimeKind::Utc,
        }
    }

    /// The wall clock as an unspecified `DateTime` (.NET `DateTime` property).
    pub const fn date_time(&self) -> DateTime {
        DateTime {
            ticks: self.ticks,
            kind: DateTimeKind::Unspecified,
        }
    }

    fn text(&self) -> DateText {
        let mut text = DateText::wall_clock(self.ticks);
        text.offset(self.offset_minutes);
        text
    }

    fn fmt_text(&self, w: &mut impl fmt::Write) -> fmt::Result {
        w.write_str(self.text().as_str())
    }

    /// Writes the JSON string Json.NET writes: `"yyyy-MM-ddTHH:mm:ss[.fffffff]±hh:mm"`,
    /// quotes included (corpus `dates`: `"2025-01-22T17:09:38.9648983+00:00"`).
    pub fn write_json(&self, out: &mut Vec<u8>) {
        out.push(b'"');
        out.extend_from_slice(self.text().as_bytes());
        out.push(b'"');
    }

    /// Reads the content of a JSON string as Json.NET 6 reads it into a `DateTimeOffset`
    /// (`ReadAsDateTimeOffset`): the forms of [`DateTime::parse_json`]; `Z` is +00:00, an offset
    /// is kept, no zone means the server's local offset, `server_utc_offset_minutes` (without
    /// one, such text is a [`ValueErrorKind::NoOffset`](super::ValueErrorKind::NoOffset) error),
    /// `/Date(ms±hhmm)/` is that instant at that offset. Offsets beyond ±14:00 are out of range.
    pub fn parse_json(
        text: &str,
        server_utc_offset_minutes: Option<i16>,
    ) -> Result<DateTimeOffset, ValueError> {
        if text.is_empty() {
            return Err(ValueError::null(DATETIMEOFFSET));
        }
        let no_offset = std::cell::Cell::new(false);
        let to_dto = |d: JsonDate| -> Option<DateTimeOffset> {
            match d {
                JsonDate::Wall(ticks, zone) => {
                    let offset = match zone {
                        Zone::None => {
                            no_offset.set(server_utc_offset_minutes.is_none());
                            server_utc_offset_minutes?
                        }
                        Zone::Utc => 0,
                        Zone::Offset(m) => i16::try_from(m).ok()?,
                    };
                    DateTimeOffset::from_ticks(ticks, offset)
                }
                JsonDate::Instant { utc_ticks, offset } => {
                    DateTimeOffset::from_utc_ticks(utc_ticks, offset.unwrap_or(0))
                }
            }
        };
        let parsed = if text.starts_with('/') {
            parse_ms_date(text).map(to_dto)
        } else if looks_iso(text) {
            match parse_iso_json(text).map(to_dto) {
                Some(Some(v)) => Some(Some(v)),
                iso => parse_loose(text).map(to_dto).or(iso),
            }
        } else {
            parse_loose(text).map(to_dto)
        };
        match parsed {
            Some(Some(v)) => Ok(v),
            Some(None) if no_offset.get() => Err(ValueError::no_offset(DATETIMEOFFSET, text)),
            Some(None) => Err(ValueError::range(DATETIMEOFFSET, text)),
            None => Err(ValueError::format(DATETIMEOFFSET, text)),
        }
    }
}

impl fmt::Display for DateTimeOffset {
    /// The ISO text Json.NET writes, without quotes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_text(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digit_writer_matches_the_formatter() {
        // The text as `write!` spelled it before the digit writer, over ticks spread across
        // the range (a multiplicative step), each kind and offsets either side.
        fn formatted(ticks: i64, zone: Option<i16>) -> String {
            let (year, month, day) = civil_from_days(ticks.div_euclid(TICKS_PER_DAY));
            let in_day = ticks.rem_euclid(TICKS_PER_DAY);
            let secs = in_day / TICKS_PER_SECOND;
            let mut fraction = in_day % TICKS_PER_SECOND;
            let mut s = format!(
                "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
                secs / 3600,
                secs / 60 % 60,
                secs % 60
            );
            if fraction != 0 {
                let mut width = 7;
                while fraction % 10 == 0 {
                    fraction /= 10;
                    width -= 1;
                }
                s.push_str(&format!(".{fraction:0width$}"));
            }
            if let Some(m) = zone {
                let sign = if m < 0 { '-' } else { '+' };
                let abs = m.unsigned_abs();
                s.push_str(&format!("{sign}{:02}:{:02}", abs / 60, abs % 60));
            }
            s
        }
        let mut ticks = 1i64;
        while ticks <= MAX_TICKS {
            for t in [
                ticks,
                ticks - ticks % TICKS_PER_SECOND,
                MAX_TICKS - ticks + 1,
            ] {
                for m in [0i16, 420, -150, -840, 59] {
                    let d = DateTime::from_ticks(t, DateTimeKind::Local { offset_minutes: m });
                    if let Some(d) = d {
                        assert_eq!(xml(d), formatted(t, Some(m)));
                    }
                    if let Some(o) = DateTimeOffset::from_ticks(t, m) {
                        assert_eq!(o.to_string(), formatted(t, Some(m)));
                    }
                }
                if let Some(d) = DateTime::from_ticks(t, DateTimeKind::Unspecified) {
                    assert_eq!(xml(d), formatted(t, None));
                }
            }
            ticks = ticks * 7 + 3;
        }
        assert_eq!(format_offset(-150), "-02:30");
    }

    fn xml(d: DateTime) -> String {
        let mut out = Vec::new();
        d.write_xml(&mut out);
        String::from_utf8(out).unwrap()
    }
    fn json(d: DateTime) -> String {
        let mut out = Vec::new();
        d.write_json(&mut out);
        String::from_utf8(out).unwrap()
    }
    fn dto_json(d: DateTimeOffset) -> String {
        let mut out = Vec::new();
        d.write_json(&mut out);
        String::from_utf8(out).unwrap()
    }
    const LOCAL7: DateTimeKind = DateTimeKind::Local {
        offset_minutes: 420,
    };
    /// SeedUtc of the corpus: 2025-01-22T17:09:38.9648983Z.
    const SEED_UTC_TICKS: i64 = 638_731_625_789_648_983;

    #[test]
    fn corpus_dates() {
        // corpus dates/value.xml and value.json
        let utc = DateTime::from_ticks(SEED_UTC_TICKS, DateTimeKind::Utc).unwrap();
        assert_eq!(xml(utc), "2025-01-22T17:09:38.9648983Z");
        assert_eq!(json(utc), "\"2025-01-22T17:09:38.9648983Z\"");
        let local = DateTime::from_ticks(SEED_UTC_TICKS + 7 * TICKS_PER_HOUR, LOCAL7).unwrap();
        assert_eq!(xml(local), "2025-01-23T00:09:38.9648983+07:00");
        let unspecified = local.with_kind(DateTimeKind::Unspecified).unwrap();
        assert_eq!(xml(unspecified), "2025-01-23T00:09:38.9648983");
        let whole = DateTime::from_ymd_hms(2025, 1, 23, 0, 0, 0, LOCAL7).unwrap();
        assert_eq!(xml(whole), "2025-01-23T00:00:00+07:00");
        assert_eq!(xml(DateTime::default()), "0001-01-01T00:00:00");
        assert_eq!(xml(DateTime::MAX), "9999-12-31T23:59:59.9999999");
        let offset = DateTimeOffset::from_utc_ticks(SEED_UTC_TICKS, 420).unwrap();
        assert_eq!(dto_json(offset), "\"2025-01-23T00:09:38.9648983+07:00\"");
        assert_eq!(xml(offset.utc()), "2025-01-22T17:09:38.9648983Z");
        assert_eq!(offset.offset_minutes(), 420);
        let offset_utc = DateTimeOffset::from_utc_ticks(SEED_UTC_TICKS, 0).unwrap();
        assert_eq!(
            dto_json(offset_utc),
            "\"2025-01-22T17:09:38.9648983+00:00\""
        );
        assert_eq!(xml(offset_utc.utc()), "2025-01-22T17:09:38.9648983Z");
    }

    #[test]
    fn corpus_dates_min_max_kinds() {
        // corpus dates-min-max-kinds/value.xml and value.json
        let min_utc = DateTime::MIN.with_kind(DateTimeKind::Utc).unwrap();
        assert_eq!(xml(min_utc), "0001-01-01T00:00:00Z");
        let min_local = DateTime::MIN
            .with_kind(DateTimeKind::Local {
                offset_minutes: 427,
            })
            .unwrap();
        assert_eq!(xml(min_local), "0001-01-01T00:00:00+07:07");
        assert_eq!(min_local.to_utc(), None);
        let y1960 = DateTime::from_ymd_hms(
            1960,
            6,
            1,
            12,
            0,
            0,
            DateTimeKind::Local {
                offset_minutes: 450,
            },
        )
        .unwrap();
        assert_eq!(xml(y1960), "1960-06-01T12:00:00+07:30");
        let max_utc = DateTime::MAX.with_kind(DateTimeKind::Utc).unwrap();
        assert_eq!(xml(max_utc), "9999-12-31T23:59:59.9999999Z");
        assert_eq!(
            xml(DateTime::MAX.with_kind(LOCAL7).unwrap()),
            "9999-12-31T23:59:59.9999999+07:00"
        );
        assert_eq!(
            dto_json(DateTimeOffset::MIN),
            "\"0001-01-01T00:00:00+00:00\""
        );
        assert_eq!(xml(DateTimeOffset::MIN.utc()), "0001-01-01T00:00:00Z");
        let minus150 = DateTimeOffset::from_ticks(
            DateTime::from_ymd_hms(2025, 1, 23, 0, 0, 0, DateTimeKind::Unspecified)
                .unwrap()
                .ticks(),
            -150,
        )
        .unwrap();
        assert_eq!(dto_json(minus150), "\"2025-01-23T00:00:00-02:30\"");
        assert_eq!(xml(minus150.utc()), "2025-01-23T02:30:00Z");
        assert_eq!(minus150.offset_minutes(), -150);
    }

    #[test]
    fn accessors_and_validation() {
        let d =
            DateTime::from_parts(2024, 2, 29, 23, 59, 58, 1_234_567, DateTimeKind::Utc).unwrap();
        assert_eq!(
            (
                d.year(),
                d.month(),
                d.day(),
                d.hour(),
                d.minute(),
                d.second()
            ),
            (2024, 2, 29, 23, 59, 58)
        );
        assert_eq!((d.fraction_ticks(), d.millisecond()), (1_234_567, 123));
        assert_eq!(
            DateTime::from_ymd_hms(2023, 2, 29, 0, 0, 0, DateTimeKind::Utc),
            None
        );
        assert_eq!(
            DateTime::from_ymd_hms(0, 1, 1, 0, 0, 0, DateTimeKind::Utc),
            None
        );
        assert_eq!(
            DateTime::from_ymd_hms(10000, 1, 1, 0, 0, 0, DateTimeKind::Utc),
            None
        );
        assert_eq!(
            DateTime::from_ymd_hms(2024, 13, 1, 0, 0, 0, DateTimeKind::Utc),
            None
        );
        assert_eq!(
            DateTime::from_ymd_hms(2024, 1, 1, 24, 0, 0, DateTimeKind::Utc),
            None
        );
        assert_eq!(DateTime::from_ticks(-1, DateTimeKind::Utc), None);
        assert_eq!(
            DateTime::from_ticks(DateTime::MAX_TICKS + 1, DateTimeKind::Utc),
            None
        );
        assert_eq!(
            DateTime::from_ticks(
                0,
                DateTimeKind::Local {
                    offset_minutes: 1440
                }
            ),
            None
        );
        let max = DateTime::MAX;
        assert_eq!(
            (
                max.year(),
                max.month(),
                max.day(),
                max.hour(),
                max.fraction_ticks()
            ),
            (9999, 12, 31, 23, 9_999_999)
        );
        assert_eq!(
            (
                DateTime::MIN.year(),
                DateTime::MIN.month(),
                DateTime::MIN.day()
            ),
            (1, 1, 1)
        );
        assert_eq!(
            DateTime::from_unix_milliseconds(1_737_565_778_964)
                .unwrap()
                .ticks(),
            638_731_625_789_640_000
        );
        // every day number maps back to itself
        for days in (0..3_652_059i64).step_by(97) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(date_ticks(i64::from(y), m, d), Some(days * TICKS_PER_DAY));
        }
        assert_eq!(civil_from_days(3_652_058), (9999, 12, 31));
        assert_eq!(d.to_string(), "2024-02-29T23:59:58.1234567Z");
    }

    #[test]
    fn xml_parse_corpus() {
        // corpus read-xml-date-unspecified
        let d = DateTime::parse_xml("2025-01-23T00:09:38.9648983").unwrap();
        assert_eq!(
            (d.ticks(), d.kind()),
            (638_731_877_789_648_983, DateTimeKind::Unspecified)
        );
        // corpus read-xml-date-utc
        let d = DateTime::parse_xml("2025-01-22T17:09:38.9648983Z").unwrap();
        assert_eq!((d.ticks(), d.kind()), (SEED_UTC_TICKS, DateTimeKind::Utc));
        // corpus read-xml-date-other-offset: same instant, sender's offset kept
        let d = DateTime::parse_xml("2025-01-23T02:09:38.9648983+09:00").unwrap();
        assert_eq!(
            d.kind(),
            DateTimeKind::Local {
                offset_minutes: 540
            }
        );
        assert_eq!(d.utc_ticks(), Some(SEED_UTC_TICKS));
        assert_eq!(xml(d), "2025-01-23T02:09:38.9648983+09:00");
        // corpus read-xml-date-only
        let d = DateTime::parse_xml("2025-01-23").unwrap();
        assert_eq!(
            (d.ticks(), d.kind()),
            (638_731_872_000_000_000, DateTimeKind::Unspecified)
        );
        // corpus read-xml-date-eight-fraction-digits: .123456789 -> .1234568
        let d = DateTime::parse_xml("2025-01-23T00:09:38.123456789+07:00").unwrap();
        assert_eq!(d.ticks(), 638_731_877_781_234_568);
        assert_eq!(xml(d), "2025-01-23T00:09:38.1234568+07:00");
        // corpus read-xml-date-space-separator
        let e = DateTime::parse_xml("2025-01-23 00:09:38").unwrap_err();
        assert_eq!(e.kind(), ValueErrorKind::InvalidFormat);
        assert_eq!(e.dotnet_type(), "DateTime");
        assert_eq!(e.text(), "2025-01-23 00:09:38");
    }

    #[test]
    fn xml_parse_edges() {
        let t = |s: &str| DateTime::parse_xml(s).map(|d| (xml(d), d.kind()));
        assert_eq!(
            t(" 2025-01-23T00:09:38Z \n").unwrap().0,
            "2025-01-23T00:09:38Z"
        );
        assert_eq!(t("2025-01-23T00:09:38z").unwrap().0, "2025-01-23T00:09:38Z");
        assert_eq!(t("2025-01-23Z").unwrap().0, "2025-01-23T00:00:00Z");
        assert_eq!(t("2025-01").unwrap().0, "2025-01-01T00:00:00");
        assert_eq!(t("2025").unwrap().0, "2025-01-01T00:00:00");
        assert_eq!(t("--02-29").unwrap().0, "1904-02-29T00:00:00");
        assert_eq!(t("--02").unwrap().0, "1904-02-01T00:00:00");
        assert_eq!(t("--02--").unwrap().0, "1904-02-01T00:00:00");
        assert_eq!(t("---05").unwrap().0, "1904-01-05T00:00:00");
        assert_eq!(
            t("2025-01-23T00:09:38.5").unwrap().0,
            "2025-01-23T00:09:38.5"
        );
        // halves go to even, past the seventh digit
        assert_eq!(
            t("2025-01-23T00:09:38.00000005").unwrap().0,
            "2025-01-23T00:09:38"
        );
        assert_eq!(
            t("2025-01-23T00:09:38.00000015").unwrap().0,
            "2025-01-23T00:09:38.0000002"
        );
        assert_eq!(
            t("2025-01-23T00:09:38.000000051").unwrap().0,
            "2025-01-23T00:09:38.0000001"
        );
        assert_eq!(
            t("2025-01-23T23:59:59.99999999").unwrap().0,
            "2025-01-24T00:00:00"
        );
        assert_eq!(
            t("9999-12-31T23:59:59.99999999").unwrap_err().kind(),
            ValueErrorKind::OutOfRange
        );
        assert_eq!(
            t("2025-01-23T00:09:38-14:00").unwrap().0,
            "2025-01-23T00:09:38-14:00"
        );
        assert_eq!(
            t("2025-01-23T00:09:38+99:00").unwrap_err().kind(),
            ValueErrorKind::OutOfRange
        );
        for bad in [
            "",
            " ",
            "2025-02-30",
            "2025-1-23",
            "0000-01-01",
            "2025-01-23T24:00:00",
            "2025-01-23T00:09",
            "2025-01-23T00:09:38.",
            "2025-01-23T00:09:38+0900",
            "00:09:38",
            "12025-01-01",
            "2025-01-23T00:09:38 Z",
            "2025-01-23T00:09:60",
            "--13",
            "---32",
            "2025-01-23T00:09:38+09:00x",
            "é",
        ] {
            assert_eq!(
                t(bad).unwrap_err().kind(),
                ValueErrorKind::InvalidFormat,
                "{bad:?}"
            );
        }
    }

    #[test]
    fn json_parse_corpus() {
        // corpus read-json-date-unspecified
        let d = DateTime::parse_json("2025-01-23T00:09:38").unwrap();
        assert_eq!(
            (d.ticks(), d.kind()),
            (638_731_877_780_000_000, DateTimeKind::Unspecified)
        );
        // corpus read-json-date-utc
        let d = DateTime::parse_json("2025-01-22T17:09:38.9648983Z").unwrap();
        assert_eq!((d.ticks(), d.kind()), (SEED_UTC_TICKS, DateTimeKind::Utc));
        // corpus read-json-date-offset: same instant, sender's offset kept
        let d = DateTime::parse_json("2025-01-23T02:09:38.9648983+09:00").unwrap();
        assert_eq!(d.utc_ticks(), Some(SEED_UTC_TICKS));
        assert_eq!(d.offset_minutes(), Some(540));
        // corpus read-json-date-only
        let d = DateTime::parse_json("2025-01-23").unwrap();
        assert_eq!(
            (d.ticks(), d.kind()),
            (638_731_872_000_000_000, DateTimeKind::Unspecified)
        );
        // corpus read-json-date-microsoft-format
        let d = DateTime::parse_json("/Date(1737565778964)/").unwrap();
        assert_eq!(
            (d.ticks(), d.kind()),
            (638_731_625_789_640_000, DateTimeKind::Utc)
        );
        assert_eq!(xml(d), "2025-01-22T17:09:38.964Z");
        // corpus read-json-date-garbage
        let e = DateTime::parse_json("23/01/2025").unwrap_err();
        assert_eq!(e.kind(), ValueErrorKind::InvalidFormat);
    }

    #[test]
    fn json_parse_edges() {
        let t = |s: &str| DateTime::parse_json(s).map(xml);
        assert_eq!(
            t("/Date(1737565778964+0900)/").unwrap(),
            "2025-01-23T02:09:38.964+09:00"
        );
        assert_eq!(
            t("/Date(-62135596800000)/").unwrap(),
            "0001-01-01T00:00:00Z"
        );
        assert_eq!(t("/Date(0-0130)/").unwrap(), "1969-12-31T22:30:00-01:30");
        assert_eq!(t("/Date(0+05)/").unwrap(), "1970-01-01T05:00:00+05:00");
        assert!(t("/Date(-62135596800001)/").is_err());
        assert!(t("/Date(abc)/").is_err());
        assert!(t("/Date(0+5)/").is_err());
        assert!(t("/Date(99999999999999999999)/").is_err());
        assert_eq!(
            t("2025-01-23T00:09:38+09").unwrap(),
            "2025-01-23T00:09:38+09:00"
        );
        assert_eq!(
            t("2025-01-23T00:09:38-0930").unwrap(),
            "2025-01-23T00:09:38-09:30"
        );
        assert_eq!(t("2025-01-23T00:09:38z").unwrap(), "2025-01-23T00:09:38Z");
        // Json.NET's zone parser reads two stray digits as zone minutes
        assert_eq!(t("2025-01-23T00:09:3812").unwrap(), "2025-01-23T00:09:38");
        // fallback (DateTime.TryParse subset)
        assert_eq!(t("2025-01-23 00:09:38").unwrap(), "2025-01-23T00:09:38");
        assert_eq!(t("2025-1-2T3:04").unwrap(), "2025-01-02T03:04:00");
        assert_eq!(t("2025/01/23").unwrap(), "2025-01-23T00:00:00");
        assert_eq!(t(" 2025-01-23 ").unwrap(), "2025-01-23T00:00:00");
        assert_eq!(
            t("2025-01-23T00:09:38.123456789Z").unwrap(),
            "2025-01-23T00:09:38.1234568Z"
        );
        assert_eq!(
            t("2025-01-23 00:09:38 +09:00").unwrap(),
            "2025-01-23T00:09:38+09:00"
        );
        assert_eq!(
            DateTime::parse_json("").unwrap_err().kind(),
            ValueErrorKind::Null
        );
        for bad in [
            "01/23/2025",
            "2025-01-23T",
            "2025-01-32",
            "2025-01-23T00:09:38.",
            "Jan 23, 2025",
            "2025-01-23T25:00:00",
            "2025-01-23X00:00:00",
            "/Date(0)",
            "\u{1F600}",
        ] {
            assert!(t(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn dto_construction_and_parse() {
        assert_eq!(DateTimeOffset::from_ticks(0, 60), None);
        assert_eq!(
            DateTimeOffset::from_ticks(0, -60).map(|d| d.utc_ticks()),
            Some(TICKS_PER_HOUR)
        );
        assert_eq!(DateTimeOffset::from_ticks(TICKS_PER_DAY, 841), None);
        assert_eq!(DateTimeOffset::from_ticks(DateTime::MAX_TICKS, -1), None);
        // DCS adapter: UTC <DateTime> + OffsetMinutes
        let utc = DateTime::parse_xml("2025-01-23T02:30:00Z").unwrap();
        let d = DateTimeOffset::from_utc_datetime(utc, -150).unwrap();
        assert_eq!(dto_json(d), "\"2025-01-23T00:00:00-02:30\"");
        let unspecified = DateTime::parse_xml("2025-01-23T00:00:00").unwrap();
        let d = DateTimeOffset::from_utc_datetime(unspecified, 420).unwrap();
        assert_eq!(dto_json(d), "\"2025-01-23T00:00:00+07:00\"");
        let p = |s: &str| DateTimeOffset::parse_json(s, Some(420)).map(dto_json);
        assert_eq!(
            p("2025-01-22T17:09:38.9648983+00:00").unwrap(),
            "\"2025-01-22T17:09:38.9648983+00:00\""
        );
        assert_eq!(
            p("2025-01-22T17:09:38Z").unwrap(),
            "\"2025-01-22T17:09:38+00:00\""
        );
        assert_eq!(
            p("2025-01-23T00:00:00").unwrap(),
            "\"2025-01-23T00:00:00+07:00\""
        );
        assert_eq!(p("2025-01-23").unwrap(), "\"2025-01-23T00:00:00+07:00\"");
        // Without the server's offset, a time without one cannot be placed.
        let e = DateTimeOffset::parse_json("2025-01-23T00:00:00", None).unwrap_err();
        assert_eq!(e.kind(), ValueErrorKind::NoOffset);
        assert_eq!(
            e.to_string(),
            "the value '2025-01-23T00:00:00' cannot be parsed as the .NET type 'DateTimeOffset': \
             it has no UTC offset, and no server UTC offset was given to read it at"
        );
        assert_eq!(
            DateTimeOffset::parse_json("2025-01-23T00:00:00Z", None).map(dto_json),
            Ok("\"2025-01-23T00:00:00+00:00\"".to_owned())
        );
        assert_eq!(
            p("/Date(0+0130)/").unwrap(),
            "\"1970-01-01T01:30:00+01:30\""
        );
        assert_eq!(p("/Date(0)/").unwrap(), "\"1970-01-01T00:00:00+00:00\"");
        assert_eq!(
            p("2025-01-23T00:00:00+15:00").unwrap_err().kind(),
            ValueErrorKind::OutOfRange
        );
        assert_eq!(
            p("0001-01-01T00:00:00+01:00").unwrap_err().kind(),
            ValueErrorKind::OutOfRange
        );
        assert_eq!(p("x").unwrap_err().kind(), ValueErrorKind::InvalidFormat);
        assert_eq!(p("").unwrap_err().kind(), ValueErrorKind::Null);
        assert_eq!(
            DateTimeOffset::MAX.to_string(),
            "9999-12-31T23:59:59.9999999+00:00"
        );
    }
}
