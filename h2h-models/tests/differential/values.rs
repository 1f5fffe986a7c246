//! Per-type strategies that the generated contract strategies (`generated/*.rs`) build values
//! from. Each one mixes ordinary values with the edges: empty and nil strings, control
//! characters, non-ASCII, decimal scales 0..=28 and extremes, dates of every kind and at both
//! ends of the range, unnamed enum values, empty and absent collections.
//!
//! What is deliberately not generated, and why, is listed in `differential.rs`.

use std::collections::HashSet;

use h2h_models::dotnet::{DateTimeKind, TICKS_PER_DAY, TICKS_PER_MILLISECOND, TICKS_PER_SECOND};
use h2h_models::{
    Bytes, DateTime, DateTimeOffset, Decimal, Dictionary, Guid, Object, TimeSpan, Uri,
};
use proptest::prelude::*;
use proptest::sample::select;

/// `Option<T>`: mostly a value, sometimes null.
pub fn nullable<T: Clone + core::fmt::Debug + 'static>(
    s: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<Option<T>> {
    prop_oneof![1 => Just(None), 4 => s.prop_map(Some)].boxed()
}

/// A collection: empty now and then, a few items otherwise.
pub fn list<T: Clone + core::fmt::Debug + 'static>(
    item: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<Vec<T>> {
    prop_oneof![1 => Just(Vec::new()), 3 => prop::collection::vec(item, 1..4)].boxed()
}

/// A dictionary with distinct keys (.NET's `Dictionary.Add` refuses a repeated key), in the
/// generated order.
pub fn dictionary<K, V>(
    key: impl Strategy<Value = K> + 'static,
    value: impl Strategy<Value = V> + 'static,
) -> BoxedStrategy<Dictionary<K, V>>
where
    K: Clone + core::fmt::Debug + 'static,
    V: Clone + core::fmt::Debug + 'static,
{
    list((key, value))
        .prop_map(|pairs| {
            let mut seen = HashSet::new();
            Dictionary(
                pairs
                    .into_iter()
                    .filter(|(k, _)| seen.insert(format!("{k:?}")))
                    .collect(),
            )
        })
        .boxed()
}

/// A plain enum: one of its constants, or now and then a number without a name (JSON carries
/// it; neither side can write it in XML).
pub fn enumeration<T: Clone + core::fmt::Debug + 'static>(
    named: Vec<T>,
    values: &'static [i32],
    other: fn(i32) -> T,
) -> BoxedStrategy<T> {
    let unnamed = prop_oneof![Just(0), -3..64i32, any::<i32>()]
        .prop_filter("a value without a name", move |v| !values.contains(v))
        .prop_map(other);
    if named.is_empty() {
        unnamed.boxed()
    } else {
        prop_oneof![12 => select(named), 1 => unnamed].boxed()
    }
}

/// A `[Flags]` enum's number: combinations of its constants, zero, or now and then any bits.
pub fn flags(values: &'static [i32]) -> BoxedStrategy<i32> {
    let combination = if values.is_empty() {
        Just(0).boxed()
    } else {
        prop::collection::vec(select(values), 0..4)
            .prop_map(|vs| vs.into_iter().fold(0, |a, b| a | b))
            .boxed()
    };
    prop_oneof![10 => combination, 1 => Just(0), 1 => any::<i32>()].boxed()
}

/// A character a string may hold and XML may carry (all but `\r`, which XML's end-of-line
/// handling turns into `\n`).
fn text_char() -> BoxedStrategy<char> {
    prop_oneof![
        12 => proptest::char::range(' ', '~'),
        3 => select(vec!['<', '>', '&', '"', '\'', '\\', '/', ']', ' ', '\t', '\n']),
        // C0 controls (but \r), DEL, NEL and the Unicode line separators.
        2 => select(
            (0u32..0x20)
                .filter(|&c| c != 0x0D)
                .chain([0x7F, 0x85, 0x2028, 0x2029])
                .filter_map(char::from_u32)
                .collect::<Vec<_>>()
        ),
        3 => proptest::char::range('\u{A0}', '\u{D7FF}'),
        1 => proptest::char::range('\u{E000}', '\u{FFFF}'),
        1 => select(vec!['\u{FFFE}', '\u{FFFF}', '\u{FEFF}', 'é', '中', 'ñ']),
        2 => proptest::char::range('\u{10000}', '\u{10FFFF}'),
    ]
    .boxed()
}

/// A .NET `string` (not null: [`nullable`] adds that).
pub fn string() -> BoxedStrategy<String> {
    prop_oneof![
        1 => select(vec!["", " ", "   ", "]]>", "  padded  ", "\n", "a\nb", "null", "0"])
            .prop_map(str::to_owned),
        8 => prop::collection::vec(text_char(), 0..16).prop_map(String::from_iter),
    ]
    .boxed()
}

/// A .NET `char`: any UTF-16 code unit that is not a surrogate (a Rust `char` cannot be one).
pub fn character() -> BoxedStrategy<char> {
    prop_oneof![
        4 => proptest::char::range(' ', '~'),
        2 => proptest::char::range('\0', '\u{1F}'),
        1 => select(vec!['\0', '\r', '\u{7F}', '\u{FFFE}', '\u{FFFF}', '"', '<', '&']),
        2 => proptest::char::range('\u{80}', '\u{D7FF}'),
        1 => proptest::char::range('\u{E000}', '\u{FFFF}'),
    ]
    .boxed()
}

/// `bool`.
pub fn boolean() -> BoxedStrategy<bool> {
    any::<bool>().boxed()
}

macro_rules! integers {
    ($($name:ident: $t:ty),* $(,)?) => {$(
        #[doc = concat!("`", stringify!($t), "`: the extremes, small numbers, anything.")]
        pub fn $name() -> BoxedStrategy<$t> {
            prop_oneof![
                1 => select(vec![<$t>::MIN, <$t>::MAX, 0 as $t, 1 as $t]),
                2 => (0 as $t)..(100 as $t),
                4 => any::<$t>(),
            ]
            .boxed()
        }
    )*};
}

integers!(
    byte: u8,
    sbyte: i8,
    int16: i16,
    uint16: u16,
    int32: i32,
    uint32: u32,
    int64: i64,
    uint64: u64,
);

/// .NET `decimal`: any 96-bit mantissa (and its extremes) at every scale 0..=28, both signs,
/// negative zero included.
pub fn decimal() -> BoxedStrategy<Decimal> {
    const MAX_MANTISSA: u128 = (1 << 96) - 1;
    let mantissa = prop_oneof![
        1 => select(vec![0u128, 1, 10, MAX_MANTISSA, MAX_MANTISSA - 1, 1u128 << 95]),
        2 => 0u128..1000,
        4 => (0u32..=96, any::<u128>()).prop_map(|(bits, r)| {
            if bits == 0 { 0 } else { r & ((1u128 << bits) - 1) }
        }),
    ];
    let scale = prop_oneof![1 => Just(0u32), 1 => Just(28u32), 4 => 0u32..=28];
    (mantissa, any::<bool>(), scale)
        .prop_map(|(m, negative, scale)| {
            let mut d = Decimal::from_i128_with_scale(m as i128, scale);
            d.set_sign_negative(negative);
            d
        })
        .boxed()
}

/// `double`: special values, extremes, short decimals, and any bit pattern.
#[allow(clippy::excessive_precision)] // 123456789012345.59: the corpus's value, as written
pub fn double() -> BoxedStrategy<f64> {
    prop_oneof![
        1 => select(vec![
            0.0, -0.0, 1.0, -1.0, 0.1, 0.3, 1e300, -1e-300, f64::NAN, f64::INFINITY,
            f64::NEG_INFINITY, f64::MAX, f64::MIN, f64::MIN_POSITIVE, f64::EPSILON,
            5e-324, 1e15, 1e16, 1e17, 123456789012345.59,
        ]),
        2 => (-1_000_000i64..1_000_000, 0u32..8).prop_map(|(n, k)| n as f64 / 10f64.powi(k as i32)),
        // Random subnormals are left out: .NET's parser misreads them (see "Round-trip digits
        // of doubles" in differential.rs); the smallest one is in the list above.
        4 => any::<u64>()
            .prop_map(f64::from_bits)
            .prop_filter("not subnormal", |d| !d.is_subnormal()),
    ]
    .boxed()
}

/// `float`: special values, extremes, short decimals, and any bit pattern.
pub fn single() -> BoxedStrategy<f32> {
    prop_oneof![
        1 => select(vec![
            0.0f32, -0.0, 1.0, 0.1, f32::NAN, f32::INFINITY, f32::NEG_INFINITY, f32::MAX,
            f32::MIN, f32::MIN_POSITIVE, f32::EPSILON, 1e-45, 16777216.0, 3.4e38,
        ]),
        2 => (-1_000_000i32..1_000_000, 0u32..6).prop_map(|(n, k)| n as f32 / 10f32.powi(k as i32)),
        4 => any::<u32>()
            .prop_map(f32::from_bits)
            .prop_filter("not subnormal", |d| !d.is_subnormal()),
    ]
    .boxed()
}

/// Ticks of 1970-01-01T00:00:00: Asia/Jakarta has been +07:00 since 1964 (tzdata), so local
/// times from here on are +07:00 in the harness as on the server.
const UNIX_EPOCH_TICKS: i64 = 621_355_968_000_000_000;

/// Ticks within `range`: its ends, whole days, whole seconds, whole milliseconds, any.
fn ticks(min: i64, max: i64) -> BoxedStrategy<i64> {
    prop_oneof![
        1 => select(vec![min, max]),
        1 => (min..=max).prop_map(move |t| (t - t % TICKS_PER_DAY).max(min)),
        1 => (min..=max).prop_map(move |t| (t - t % TICKS_PER_SECOND).max(min)),
        1 => (min..=max).prop_map(move |t| (t - t % TICKS_PER_MILLISECOND).max(min)),
        3 => min..=max,
    ]
    .boxed()
}

/// `DateTime` of every kind: unspecified and UTC over the whole range (MIN and MAX included),
/// local at the server's +07:00 from 1970 to MAX.
pub fn date_time() -> BoxedStrategy<DateTime> {
    let max = DateTime::MAX_TICKS;
    prop_oneof![
        ticks(0, max).prop_map(|t| DateTime::from_ticks(t, DateTimeKind::Unspecified)),
        ticks(0, max).prop_map(|t| DateTime::from_ticks(t, DateTimeKind::Utc)),
        ticks(UNIX_EPOCH_TICKS, max).prop_map(|t| DateTime::from_ticks(
            t,
            DateTimeKind::Local {
                offset_minutes: 420
            }
        )),
    ]
    .prop_map(|d| d.expect("ticks in range"))
    .boxed()
}

/// `DateTimeOffset`: any offset within ±14:00 (whole minutes), MIN and MAX.
pub fn date_time_offset() -> BoxedStrategy<DateTimeOffset> {
    let offset = prop_oneof![
        1 => select(vec![0i16, 420, -840, 840, -150, 330]),
        2 => (-14i16..=14).prop_map(|h| h * 60),
        2 => -840i16..=840,
    ];
    prop_oneof![
        1 => select(vec![DateTimeOffset::MIN, DateTimeOffset::MAX]),
        8 => (ticks(0, DateTime::MAX_TICKS), offset).prop_filter_map(
            "wall clock and instant in range",
            |(t, o)| DateTimeOffset::from_ticks(t, o),
        ),
    ]
    .boxed()
}

/// `TimeSpan`: the extremes, zero, whole units, any.
pub fn time_span() -> BoxedStrategy<TimeSpan> {
    prop_oneof![
        1 => select(vec![i64::MIN, i64::MAX, 0, -1, 1, TICKS_PER_SECOND, -TICKS_PER_DAY]),
        2 => (-1_000_000i64..1_000_000).prop_map(|s| s * TICKS_PER_SECOND),
        2 => (-100_000i64..100_000).prop_map(|m| m * TICKS_PER_MILLISECOND),
        4 => any::<i64>(),
    ]
    .prop_map(TimeSpan::from_ticks)
    .boxed()
}

/// `Guid`: nil, max, any.
pub fn guid() -> BoxedStrategy<Guid> {
    prop_oneof![
        1 => select(vec![Guid::nil(), Guid::max()]),
        6 => any::<[u8; 16]>().prop_map(Guid::from_bytes),
    ]
    .boxed()
}

/// `Uri`: absolute URIs .NET parses (schemes and hosts in either case, default and other
/// ports, paths with spaces, non-ASCII, `.` segments and escapes, queries, fragments) and
/// relative references. Strings .NET's parser rejects are not generated (the model keeps any
/// string, see `h2h_models::Uri`).
pub fn uri() -> BoxedStrategy<Uri> {
    let scheme = select(vec!["http", "https", "HTTP", "ftp", "Https"]);
    let host = select(vec![
        "example.com",
        "EXAMPLE.com",
        "a.b.c",
        "localhost",
        "127.0.0.1",
    ]);
    let port = select(vec!["", "", ":8080", ":80", ":443", ":21"]);
    let segment = select(vec![
        "a", "path", "a b", "é", "x%20y", ".", "..", "file.txt", "~user", "", "中", "a+b",
    ]);
    let path = prop::collection::vec(segment, 0..4).prop_map(|s| {
        if s.is_empty() {
            String::new()
        } else {
            format!("/{}", s.join("/"))
        }
    });
    let query = select(vec!["", "", "?x=1", "?x=1&y=é", "?q=a b", "?"]);
    let fragment = select(vec!["", "", "#top", "#a b"]);
    let absolute = (scheme, host, port, path.clone(), query, fragment)
        .prop_map(|(s, h, p, path, q, f)| format!("{s}://{h}{p}{path}{q}{f}"));
    let relative = (path, select(vec!["", "?y=1", "#f"])).prop_map(|(p, q)| format!("{p}{q}"));
    prop_oneof![3 => absolute, 1 => relative, 1 => select(vec!["", "/", "a", "mailto:x@example.com", "urn:isbn:123"]).prop_map(str::to_owned)]
        .prop_map(Uri::new)
        .boxed()
}

/// `byte[]` (not null: [`nullable`] adds that): empty or a few bytes.
pub fn bytes() -> BoxedStrategy<Bytes> {
    prop::collection::vec(any::<u8>(), 0..24)
        .prop_map(Bytes)
        .boxed()
}

/// `object`: one of the primitive values a member declared `object` can hold.
pub fn object() -> BoxedStrategy<Object> {
    prop_oneof![
        string().prop_map(Object::String),
        int32().prop_map(Object::Int),
        int64().prop_map(Object::Long),
        boolean().prop_map(Object::Bool),
        double().prop_map(Object::Double),
        // Json.NET reads a number in an `object` member as a double, with a parser that is
        // off past 15 significant digits (see "Round-trip digits of doubles").
        decimal()
            .prop_filter("at most 15 significant digits", |d| {
                d.mantissa().unsigned_abs() < 1_000_000_000_000_000
            })
            .prop_map(Object::Decimal),
        date_time().prop_map(Object::DateTime),
        guid().prop_map(Object::Guid),
    ]
    .boxed()
}
