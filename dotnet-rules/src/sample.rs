//! The help page's sample generator (`ObjectGenerator` of the ASP.NET Web API Help Page
//! template, `SampleGeneration/ObjectGenerator.cs`): its values and its counter.
//!
//! A generator holds a counter N, starting at 0 and incremented before every simple value
//! ([`Shape::Simple`]), including those that ignore it. Which values take a number and which
//! get a new generator is [`draw`]; which members an object's generators set, and in which
//! order, is [`crate::members::sample_order`].

/// The number of items of a collection and of dictionary attempts (`DefaultCollectionSize`,
/// 2 since the 5.1 template).
pub const COLLECTION_SIZE: usize = 2;

/// The number of items of a collection on pages made by a template before 5.1.
pub const LEGACY_COLLECTION_SIZE: usize = 3;

/// What a value is, as far as the counter is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// A type of the simple-type table: the scalars, `string`, `Uri` and `object` (not
    /// `byte[]`, which is a collection).
    Simple,
    /// An enum: `Enum.GetValues(type)[0]` ([`first_enum_value`]).
    Enum,
    /// `Nullable<T>` of a value type: the value of `T` as if N = 1.
    Nullable,
    /// `List<T>`, `T[]`, `byte[]`: [`COLLECTION_SIZE`] items.
    Collection,
    /// `Dictionary<K, V>`: [`COLLECTION_SIZE`] attempts, each a key and, if the key is new, a
    /// value, from one generator (so keys and values interleave).
    Dictionary,
    /// A class: its properties from one new generator, then its fields from another.
    Object,
}

/// Which counter a value draws from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Draw {
    /// The next number of the current generator (`++_index`).
    Next,
    /// Its parts draw from a new generator (counter 0); the current one is not touched.
    Fresh,
    /// No number at all.
    Nothing,
}

/// The counter rule of each [`Shape`]: only simple values consume their parent's counter.
pub const fn draw(shape: Shape) -> Draw {
    match shape {
        Shape::Simple => Draw::Next,
        Shape::Enum => Draw::Nothing,
        Shape::Nullable | Shape::Collection | Shape::Dictionary | Shape::Object => Draw::Fresh,
    }
}

/// The prefix of a sample string.
pub const STRING_PREFIX: &str = "sample string ";

/// `string`: `"sample string N"`.
pub fn string(n: u64) -> String {
    format!("{STRING_PREFIX}{n}")
}

/// The N of a sample string, if `text` is one.
pub fn parse_string(text: &str) -> Option<u64> {
    text.strip_prefix(STRING_PREFIX)?.parse().ok()
}

/// `Uri`: `new Uri("http://webapihelppageN.com")`.
pub fn uri(n: u64) -> String {
    format!("http://webapihelppage{n}.com")
}

/// The N of a sample URI, if `text` is one (with or without the `/` that `Uri.ToString`
/// adds).
pub fn parse_uri(text: &str) -> Option<u64> {
    text.trim_end_matches('/')
        .strip_prefix("http://webapihelppage")?
        .strip_suffix(".com")?
        .parse()
        .ok()
}

/// `bool`: `true`, whatever N.
pub const BOOL: bool = true;
/// `byte`: 64, whatever N (also every item of a `byte[]`).
pub const BYTE: u8 = 64;
/// `sbyte`: 64, whatever N.
pub const SBYTE: i8 = 64;
/// `char`: `'A'`, whatever N.
pub const CHAR: char = 'A';
/// `TimeSpan`: `TimeSpan.FromTicks(1234567)`, whatever N.
pub const TIMESPAN_TICKS: i64 = 1_234_567;

/// `short`: `(Int16)(N % Int16.MaxValue)`.
pub const fn int16(n: u64) -> i16 {
    (n % i16::MAX as u64) as i16
}

/// `ushort`: `(UInt16)(N % UInt16.MaxValue)`.
pub const fn uint16(n: u64) -> u16 {
    (n % u16::MAX as u64) as u16
}

/// `int`: `(Int32)(N % Int32.MaxValue)`.
pub const fn int32(n: u64) -> i32 {
    (n % i32::MAX as u64) as i32
}

/// `uint`: `(UInt32)(N % UInt32.MaxValue)`.
pub const fn uint32(n: u64) -> u32 {
    (n % u32::MAX as u64) as u32
}

/// `long`: `(Int64)N`.
pub const fn int64(n: u64) -> i64 {
    n as i64
}

/// `ulong` and `decimal`: N.
pub const fn uint64(n: u64) -> u64 {
    n
}

/// `double`: N + 0.1.
pub fn double(n: u64) -> f64 {
    n as f64 + 0.1
}

/// `float`: `(float)(N + 0.1)`.
pub fn single(n: u64) -> f32 {
    double(n) as f32
}

/// `Guid`: `Guid.NewGuid()` on the page (random); here, deterministically, the counter as a
/// 128-bit number (`00000000-0000-0000-0000-00000000000N`, hexadecimal). Compare GUIDs with a
/// page's sample by position only.
pub const fn guid(n: u64) -> u128 {
    n as u128
}

/// `Enum.GetValues(type)[0]`: the position of the constant with the smallest value by the
/// unsigned magnitude of the underlying type (negative values last), the first of equals;
/// `None` for an enum without constants (the generator gives null, so a member keeps its
/// default, 0).
///
/// ```
/// use dotnet_rules::sample::first_enum_value;
/// assert_eq!(first_enum_value([3, -1, 1]), Some(2));
/// assert_eq!(first_enum_value([]), None);
/// ```
pub fn first_enum_value(values: impl IntoIterator<Item = i64>) -> Option<usize> {
    values
        .into_iter()
        .enumerate()
        // For every value of an `int` enum, as u64 orders as .NET's (uint) cast does.
        .min_by_key(|&(i, v)| (v as u64, i))
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(string(3), "sample string 3");
        assert_eq!(parse_string("sample string 12"), Some(12));
        assert_eq!(parse_string("sample string"), None);
        assert_eq!(uri(2), "http://webapihelppage2.com");
        assert_eq!(parse_uri("http://webapihelppage2.com/"), Some(2));
        assert_eq!(int16(32767), 0);
        assert_eq!(uint16(65536), 1);
        assert_eq!(int32(1), 1);
        assert_eq!(uint32(u64::from(u32::MAX)), 0);
        assert_eq!(double(1), 1.1);
        assert_eq!(single(1), 1.1f32);
        assert_eq!(first_enum_value([-1, -2]), Some(1));
        assert_eq!(first_enum_value([1, 1]), Some(0));
    }

    #[test]
    fn only_simple_values_take_a_number() {
        assert_eq!(draw(Shape::Simple), Draw::Next);
        assert_eq!(draw(Shape::Enum), Draw::Nothing);
        for shape in [
            Shape::Nullable,
            Shape::Collection,
            Shape::Dictionary,
            Shape::Object,
        ] {
            assert_eq!(draw(shape), Draw::Fresh);
        }
    }
}
