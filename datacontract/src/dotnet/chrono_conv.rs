//! Conversions to and from [`chrono`] types (feature `chrono`).
//!
//! - [`DateTime`] ↔ [`NaiveDateTime`]: the wall clock (any kind → naive; naive → unspecified).
//! - [`DateTime`] ↔ `chrono::DateTime<Utc>`: the instant; an unspecified `DateTime` has none
//!   and does not convert; a UTC instant converts to a UTC `DateTime`.
//! - `chrono::DateTime<FixedOffset>` → [`DateTime`]: a local value at that offset.
//! - [`DateTimeOffset`] ↔ `chrono::DateTime<FixedOffset>`.
//! - [`TimeSpan`] ↔ [`TimeDelta`].
//!
//! chrono counts nanoseconds, .NET 100-ns ticks: going to .NET truncates toward zero (toward
//! the past for dates); a leap second (chrono's 60th second) is taken as the last tick of 59.
//! Failures are [`ValueErrorKind::OutOfRange`](super::ValueErrorKind::OutOfRange) errors.

use chrono::{Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeDelta, Timelike, Utc};

use super::datetime::{DateTime, DateTimeKind, DateTimeOffset, TICKS_PER_DAY, TICKS_PER_SECOND};
use super::error::ValueError;
use super::timespan::TimeSpan;

const NANOS_PER_TICK: i64 = 100;

/// Wall-clock ticks (possibly outside the `DateTime` range) as a chrono naive date-time.
fn naive_from_ticks(ticks: i64) -> Option<NaiveDateTime> {
    let days = ticks.div_euclid(TICKS_PER_DAY);
    let in_day = ticks.rem_euclid(TICKS_PER_DAY);
    let date = NaiveDate::from_num_days_from_ce_opt(i32::try_from(days.checked_add(1)?).ok()?)?;
    let secs = u32::try_from(in_day / TICKS_PER_SECOND).ok()?;
    let nanos = u32::try_from(in_day % TICKS_PER_SECOND * NANOS_PER_TICK).ok()?;
    date.and_hms_nano_opt(secs / 3600, secs / 60 % 60, secs % 60, nanos)
}

/// Ticks of a naive date-time (not range-checked), truncating sub-tick nanoseconds.
fn ticks_from_naive(n: &NaiveDateTime) -> i64 {
    let days = i64::from(n.date().num_days_from_ce()) - 1;
    let time = n.time();
    let nanos = i64::from(time.nanosecond().min(999_999_999));
    days * TICKS_PER_DAY
        + i64::from(time.num_seconds_from_midnight()) * TICKS_PER_SECOND
        + nanos / NANOS_PER_TICK
}

fn range(dotnet_type: &'static str, what: impl core::fmt::Display) -> ValueError {
    ValueError::range(dotnet_type, &what.to_string())
}

impl TryFrom<DateTime> for NaiveDateTime {
    type Error = ValueError;

    /// The wall clock, whatever the kind.
    fn try_from(value: DateTime) -> Result<Self, ValueError> {
        naive_from_ticks(value.ticks()).ok_or_else(|| range("DateTime", value))
    }
}

impl TryFrom<NaiveDateTime> for DateTime {
    type Error = ValueError;

    /// An unspecified `DateTime`; years outside 1..=9999 are out of range.
    fn try_from(value: NaiveDateTime) -> Result<Self, ValueError> {
        DateTime::from_ticks(ticks_from_naive(&value), DateTimeKind::Unspecified)
            .ok_or_else(|| range("DateTime", value))
    }
}

impl TryFrom<DateTime> for chrono::DateTime<Utc> {
    type Error = ValueError;

    /// The instant of a UTC or local value; an unspecified value has no instant (error).
    fn try_from(value: DateTime) -> Result<Self, ValueError> {
        value
            .utc_ticks()
            .and_then(naive_from_ticks)
            .map(|n| n.and_utc())
            .ok_or_else(|| range("DateTime", value))
    }
}

impl TryFrom<chrono::DateTime<Utc>> for DateTime {
    type Error = ValueError;

    /// A UTC `DateTime`; years outside 1..=9999 are out of range.
    fn try_from(value: chrono::DateTime<Utc>) -> Result<Self, ValueError> {
        DateTime::from_ticks(ticks_from_naive(&value.naive_utc()), DateTimeKind::Utc)
            .ok_or_else(|| range("DateTime", value))
    }
}

impl TryFrom<chrono::DateTime<FixedOffset>> for DateTime {
    type Error = ValueError;

    /// A local `DateTime` with the wall clock and offset; offsets with seconds or beyond
    /// ±23:59 are out of range.
    fn try_from(value: chrono::DateTime<FixedOffset>) -> Result<Self, ValueError> {
        let secs = value.offset().local_minus_utc();
        let offset_minutes = i16::try_from(secs / 60)
            .ok()
            .filter(|_| secs % 60 == 0)
            .ok_or_else(|| range("DateTime", value))?;
        DateTime::from_ticks(
            ticks_from_naive(&value.naive_local()),
            DateTimeKind::Local { offset_minutes },
        )
        .ok_or_else(|| range("DateTime", value))
    }
}

impl TryFrom<DateTimeOffset> for chrono::DateTime<FixedOffset> {
    type Error = ValueError;

    /// The same wall clock and offset.
    fn try_from(value: DateTimeOffset) -> Result<Self, ValueError> {
        let offset = FixedOffset::east_opt(i32::from(value.offset_minutes()) * 60);
        let naive = naive_from_ticks(value.utc_ticks());
        match (offset, naive) {
            (Some(offset), Some(naive)) => {
                Ok(chrono::DateTime::from_naive_utc_and_offset(naive, offset))
            }
            _ => Err(range("DateTimeOffset", value)),
        }
    }
}

impl TryFrom<chrono::DateTime<FixedOffset>> for DateTimeOffset {
    type Error = ValueError;

    /// The same wall clock and offset; offsets with seconds or beyond ±14:00, and instants
    /// outside the `DateTime` range, are out of range.
    fn try_from(value: chrono::DateTime<FixedOffset>) -> Result<Self, ValueError> {
        let secs = value.offset().local_minus_utc();
        i16::try_from(secs / 60)
            .ok()
            .filter(|_| secs % 60 == 0)
            .and_then(|m| DateTimeOffset::from_ticks(ticks_from_naive(&value.naive_local()), m))
            .ok_or_else(|| range("DateTimeOffset", value))
    }
}

impl TryFrom<TimeSpan> for TimeDelta {
    type Error = ValueError;

    /// The same duration (always in range).
    fn try_from(value: TimeSpan) -> Result<Self, ValueError> {
        let ticks = value.ticks();
        let secs = ticks.div_euclid(TICKS_PER_SECOND);
        let nanos = u32::try_from(ticks.rem_euclid(TICKS_PER_SECOND) * NANOS_PER_TICK).ok();
        nanos
            .and_then(|n| TimeDelta::new(secs, n))
            .ok_or_else(|| range("TimeSpan", value))
    }
}

impl TryFrom<TimeDelta> for TimeSpan {
    type Error = ValueError;

    /// The same duration truncated to ticks; beyond ±10675199 days is out of range.
    fn try_from(value: TimeDelta) -> Result<Self, ValueError> {
        let ticks = i128::from(value.num_seconds()) * i128::from(TICKS_PER_SECOND)
            + i128::from(value.subsec_nanos()) / i128::from(NANOS_PER_TICK);
        i64::try_from(ticks)
            .map(TimeSpan::from_ticks)
            .map_err(|_| range("TimeSpan", value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dotnet::ValueErrorKind;

    #[test]
    fn datetimes() {
        let d = DateTime::parse_xml("2025-01-22T17:09:38.9648983Z").unwrap();
        let naive = NaiveDateTime::try_from(d).unwrap();
        assert_eq!(naive.to_string(), "2025-01-22 17:09:38.964898300");
        assert_eq!(
            DateTime::try_from(naive).unwrap(),
            d.with_kind(DateTimeKind::Unspecified).unwrap()
        );
        let utc = chrono::DateTime::<Utc>::try_from(d).unwrap();
        assert_eq!(DateTime::try_from(utc).unwrap(), d);
        let local = DateTime::parse_xml("2025-01-23T02:09:38.9648983+09:00").unwrap();
        assert_eq!(chrono::DateTime::<Utc>::try_from(local).unwrap(), utc);
        let fixed =
            chrono::DateTime::parse_from_rfc3339("2025-01-23T02:09:38.9648983+09:00").unwrap();
        assert_eq!(DateTime::try_from(fixed).unwrap(), local);
        let unspecified = DateTime::parse_xml("2025-01-23T00:00:00").unwrap();
        assert_eq!(
            chrono::DateTime::<Utc>::try_from(unspecified)
                .unwrap_err()
                .kind(),
            ValueErrorKind::OutOfRange
        );
        // year-1 local east of UTC is before year 1 in UTC: chrono can hold it
        let min_local = DateTime::parse_xml("0001-01-01T00:00:00+07:07").unwrap();
        let early = chrono::DateTime::<Utc>::try_from(min_local).unwrap();
        assert_eq!(early.year(), 0);
        assert!(DateTime::try_from(early).is_err());
        let max = NaiveDateTime::try_from(DateTime::MAX).unwrap();
        assert_eq!(DateTime::try_from(max).unwrap(), DateTime::MAX);
        let too_late = NaiveDate::from_ymd_opt(10000, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        assert!(DateTime::try_from(too_late).is_err());
    }

    #[test]
    fn offsets_and_spans() {
        let dto = DateTimeOffset::parse_json("2025-01-23T00:00:00-02:30", None).unwrap();
        let fixed = chrono::DateTime::<FixedOffset>::try_from(dto).unwrap();
        assert_eq!(fixed.to_rfc3339(), "2025-01-23T00:00:00-02:30");
        assert_eq!(DateTimeOffset::try_from(fixed).unwrap(), dto);
        let odd = chrono::DateTime::parse_from_rfc3339("2025-01-23T00:00:00+15:00").unwrap();
        assert!(DateTimeOffset::try_from(odd).is_err());
        for t in [
            TimeSpan::MIN,
            TimeSpan::MAX,
            TimeSpan::ZERO,
            TimeSpan::from_ticks(-15),
        ] {
            let delta = TimeDelta::try_from(t).unwrap();
            assert_eq!(TimeSpan::try_from(delta).unwrap(), t);
        }
        assert_eq!(
            TimeSpan::try_from(TimeDelta::nanoseconds(-250)).unwrap(),
            TimeSpan::from_ticks(-2)
        );
        assert!(TimeSpan::try_from(TimeDelta::MAX).is_err());
    }
}
