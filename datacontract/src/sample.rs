//! The help page's sample objects: ASP.NET Web API Help Page's `ObjectGenerator`, in Rust.
//!
//! The vendor's help page shows, for every endpoint, a request and a response sample in JSON and
//! XML. They are not examples someone wrote: the page builds one object per body type with
//! `ObjectGenerator` and writes it with the same serializers as the API. If our models produce
//! exactly the page's samples, the schema is right. This module reproduces the generator's rules
//! (`SampleGeneration/ObjectGenerator.cs` of the help page template, 5.1+). The rules
//! themselves (values, counter, member order) live in [`dotnet_rules::sample`] and
//! [`dotnet_rules::members::sample_order`], which the importer's verifier follows too; in
//! short:
//!
//! - **The counter.** A generator holds a counter N, starting at 0 and incremented before
//!   *every* simple value, including those that ignore it. A new generator (N = 0) is used for
//!   the top-level value, for the properties of each object, again for its public fields (so
//!   fields restart at 1), for each collection (shared by its items), each dictionary (shared by
//!   keys and values, interleaved) and each `Nullable<T>` (so its value is always as if N = 1).
//!   Only simple members consume their parent's counter; enums, nullables, collections,
//!   dictionaries and objects do not.
//! - **Simple values.** `string` = `"sample string N"`; `bool` = `true`; `byte`/`sbyte` = 64;
//!   `char` = `'A'`; `short`/`int`/`ushort`/`uint` = N modulo their maximum; `long`/`ulong` and
//!   `decimal` = N; `double`/`float` = N + 0.1; `DateTime` = now (local kind);
//!   `DateTimeOffset` = now; `TimeSpan` = 1234567 ticks; `Uri` = `http://webapihelppageN.com`;
//!   `object` = `new object()`; `Guid`: see below.
//! - **Collections** (`List<T>`, `T[]`, `byte[]`): 2 items from one generator; null when both
//!   items are null.
//! - **Dictionaries**: 2 attempts with one generator: a key, then (if the key is new) a value; a
//!   null key makes the dictionary null, a repeated key is skipped without drawing a value.
//! - **Enums**: the smallest constant by unsigned magnitude (`Enum.GetValues()[0]`); none:
//!   null (so `default`, 0, for a non-nullable member). No counter step.
//! - **Objects**: properties in reflection order (the most derived class first, then each base
//!   class, each in declaration order), then fields; a member hidden by `new` is not set and
//!   keeps its default (null). A settable property without `[DataMember]` is set too: it is on
//!   neither wire, but it takes its numbers, so the sample's numbers have a gap ([`not_member`]). **One shared instance per type** for the whole sample: a second
//!   request for a type returns the first object, so two items of a list, or two members of
//!   the same type, are equal. An object requested while it is being filled (recursion) is
//!   the unfinished instance itself: the graph has a cycle, both serializers refuse it and
//!   the page shows "Sample not available."; here generation fails with
//!   [`SampleErrorKind::Cycle`].
//!
//! The rules are read from the template's source (aspnet/AspNetWebStack,
//! `src/WebApiHelpPage/Areas/HelpPage/SampleGeneration/ObjectGenerator.cs`).
//!
//! Two deliberate differences make the output deterministic:
//!
//! - "now" is a parameter (an API's models state the instant of their documented samples). The
//!   page calls `DateTime.Now` for each value; here every date of a sample is the same `now`.
//! - `Guid.NewGuid()` is random on the page; here the `Guid` is the counter as a 128-bit number,
//!   `00000000-0000-0000-0000-00000000000N` (hexadecimal), so a page sample with a GUID never
//!   matches textually and its GUIDs must be compared by position only.
//!
//! Rendering follows the page: JSON as Json.NET's `Formatting.Indented`
//! ([`crate::json::to_string_pretty`]), XML as `XDocument.Parse(xml).ToString()`
//! ([`crate::xml::to_string_pretty`]).
//!
//! ```
//! use datacontract::sample::{self, SampleFormat};
//! use datacontract::{DataContract, DateTimeOffset};
//!
//! #[derive(Clone, PartialEq, DataContract)]
//! #[h2h(name = "Login", namespace = "http://schemas.datacontract.org/2004/07/Acme.Models")]
//! struct Login {
//!     #[h2h(name = "user")]
//!     user: Option<String>,
//!     #[h2h(name = "at")]
//!     at: DateTimeOffset,
//! }
//!
//! let now = DateTimeOffset::from_utc_ticks(638_731_625_789_648_983, 7 * 60).unwrap();
//! let login: Login = sample::generate(now)?;
//! assert_eq!(login.user.as_deref(), Some("sample string 1"));
//! let json = sample::render::<Login>(SampleFormat::Json, now)?;
//! assert_eq!(json, "{\n  \"user\": \"sample string 1\",\n  \"at\": \"2025-01-23T00:09:38.9648983+07:00\"\n}");
//! # Ok::<(), datacontract::sample::SampleError>(())
//! ```

use std::fmt;

use crate::dotnet::{DateTime, DateTimeKind, DateTimeOffset, Decimal, TimeSpan, Uri};
use crate::json::JsonValue;
use crate::xml::XmlValue;
use crate::{Bytes, Dictionary, Guid, Object};

use dotnet_rules::sample::{self as rules, Draw};
pub use dotnet_rules::sample::{Shape, COLLECTION_SIZE};

/// A type the help page's `ObjectGenerator` can build a sample of.
///
/// Implemented for the scalars, `Option<T>`, `Vec<T>`, [`Dictionary`], `Box<T>`, and by
/// `#[derive(DataContract)]` for every contract, enum, `[Flags]` enum and polymorphic contract.
pub trait HelpPageSample: XmlValue {
    /// Whether the .NET type is a value type: an `Option` of it is then `Nullable<T>`, whose
    /// value comes from a fresh generator (as if N = 1) and consumes nothing. An `Option` of a
    /// reference type is the reference itself.
    const VALUE_TYPE: bool;

    /// `ObjectGenerator.GenerateObject` for this type, drawing from `g`; `Ok(None)` is .NET's
    /// null (an empty enum, a collection of nulls, a dictionary with a null key).
    fn generate(g: &mut SampleGenerator<'_>) -> Result<Option<Self>, SampleError>;
}

/// One `ObjectGenerator`: a counter, the sample's "now", and the objects under construction
/// (shared by every generator of one sample).
pub struct SampleGenerator<'a> {
    index: u64,
    now: DateTimeOffset,
    /// Types being filled, outermost first: the recursion guard of the shared-instance cache.
    in_progress: &'a mut Vec<(&'static str, &'static str)>,
}

impl fmt::Debug for SampleGenerator<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SampleGenerator")
            .field("index", &self.index)
            .field("now", &self.now)
            .finish_non_exhaustive()
    }
}

impl SampleGenerator<'_> {
    /// The next counter value (`++_index`): every simple value takes one.
    pub fn next_index(&mut self) -> u64 {
        self.index += 1;
        self.index
    }

    /// The sample's "now".
    pub fn now(&self) -> DateTimeOffset {
        self.now
    }

    /// A new generator (counter 0) sharing this sample's objects: `new ObjectGenerator()`.
    pub fn fresh(&mut self) -> SampleGenerator<'_> {
        SampleGenerator {
            index: 0,
            now: self.now,
            in_progress: &mut *self.in_progress,
        }
    }

    /// Runs `parts` with the generator a value of `shape` draws its parts from
    /// ([`dotnet_rules::sample::draw`]): a fresh one, or this one.
    pub fn parts<R>(
        &mut self,
        shape: Shape,
        parts: impl FnOnce(&mut SampleGenerator<'_>) -> R,
    ) -> R {
        match rules::draw(shape) {
            Draw::Fresh => parts(&mut self.fresh()),
            Draw::Next | Draw::Nothing => parts(self),
        }
    }

    /// `GenerateComplexObject`: builds the object of type `T` (shown as `name`) with `fill`,
    /// which creates the generators for the properties and the fields with
    /// [`SampleGenerator::fresh`].
    ///
    /// The help page keeps one instance per type for the whole sample. Objects are values here,
    /// so a later request builds the object again; since an object's members come from its own
    /// generators and every value is deterministic, the result equals the shared instance. A
    /// request for a type that is still being filled is the cycle the page cannot serialize.
    pub fn complex<T>(
        &mut self,
        name: &'static str,
        fill: impl FnOnce(&mut SampleGenerator<'_>) -> Result<T, SampleError>,
    ) -> Result<Option<T>, SampleError> {
        // The type's name keys the guard, so that generic contracts need no `'static` bound.
        let key = core::any::type_name::<T>();
        if let Some(start) = self.in_progress.iter().position(|(k, _)| *k == key) {
            let mut path: Vec<&'static str> =
                self.in_progress[start..].iter().map(|(_, n)| *n).collect();
            path.push(name);
            return Err(SampleError {
                kind: SampleErrorKind::Cycle,
                message: format!(
                    "the sample object graph has a cycle ({}): the help page's serializers \
                     refuse it and the page shows \"Sample not available.\"",
                    path.join(" → ")
                ),
            });
        }
        self.in_progress.push((key, name));
        let result = fill(self);
        self.in_progress.pop();
        result.map(Some)
    }
}

/// A member's value: the generated value, or .NET's `default(T)` when the generator gave null
/// (`PropertyInfo.SetValue(obj, null)` on a value type stores its default).
pub fn member<T: HelpPageSample>(g: &mut SampleGenerator<'_>) -> Result<T, SampleError> {
    Ok(T::generate(g)?.unwrap_or_else(T::missing))
}

/// A settable property without `[DataMember]` (`#[h2h(not_member(...))]`): the generator sets
/// it like any property, so it takes the numbers a value of `T` takes from `g`, but neither
/// serializer writes it and the model has no field for it, so the value is dropped. Its object
/// graph is never serialized, so a cycle through it is no failure (the page gives it the
/// unfinished instance and goes on).
///
/// ```
/// use datacontract::{sample, DataContract, DateTimeOffset};
///
/// // class Entry { [DataMember] string first; string Audit { get; set; }; int? Retry { get; set; };
/// //               [DataMember] string second; }
/// #[derive(Clone, PartialEq, DataContract)]
/// #[h2h(namespace = "http://schemas.datacontract.org/2004/07/Acme")]
/// #[h2h(not_member(name = "Audit", ty = Option<String>, after = first))]
/// #[h2h(not_member(name = "Retry", ty = Option<i32>, after = first))]
/// struct Entry {
///     first: Option<String>,
///     second: Option<String>,
/// }
///
/// let now = DateTimeOffset::from_utc_ticks(638_731_625_789_648_983, 7 * 60).unwrap();
/// let entry: Entry = sample::generate(now)?;
/// // `Audit` took 2; `Retry` (a Nullable<int>) took none.
/// assert_eq!(entry.second.as_deref(), Some("sample string 3"));
/// # Ok::<(), datacontract::sample::SampleError>(())
/// ```
pub fn not_member<T: HelpPageSample>(g: &mut SampleGenerator<'_>) -> Result<(), SampleError> {
    match T::generate(g) {
        Ok(_) => Ok(()),
        Err(e) if e.kind == SampleErrorKind::Cycle => Ok(()),
        Err(e) => Err(e),
    }
}

fn is_null<T: XmlValue>(value: &Option<T>) -> bool {
    value.as_ref().is_none_or(XmlValue::is_nil)
}

/// Why no sample could be built or written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleError {
    kind: SampleErrorKind,
    message: String,
}

/// The kind of a [`SampleError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SampleErrorKind {
    /// The object graph is recursive: the page shows "Sample not available.".
    Cycle,
    /// The generator gave null for the body: the page shows "Sample not available.".
    Null,
    /// The serializer refused the sample (an enum constant with no XML name, for example).
    Write,
}

impl SampleError {
    /// The kind of failure.
    pub fn kind(&self) -> SampleErrorKind {
        self.kind
    }

    fn write(format: SampleFormat, message: impl fmt::Display) -> SampleError {
        SampleError {
            kind: SampleErrorKind::Write,
            message: format!("cannot write the sample as {format}: {message}"),
        }
    }
}

impl fmt::Display for SampleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SampleError {}

/// The help page's sample object of type `T` at the instant `now` (a fresh generator, as
/// `DefaultSampleObjectFactory` uses).
pub fn generate<T: HelpPageSample>(now: DateTimeOffset) -> Result<T, SampleError> {
    let mut in_progress = Vec::new();
    let mut g = SampleGenerator {
        index: 0,
        now,
        in_progress: &mut in_progress,
    };
    match T::generate(&mut g)? {
        Some(value) if !value.is_nil() => Ok(value),
        _ => Err(SampleError {
            kind: SampleErrorKind::Null,
            message: format!(
                "the sample object of `{}` is null: the help page shows \"Sample not available.\"",
                T::item_name()
            ),
        }),
    }
}

/// A sample's format on the help page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SampleFormat {
    /// `application/json`, `text/json`: Json.NET, `Formatting.Indented`.
    Json,
    /// `application/xml`, `text/xml`: DataContractSerializer, then
    /// `XDocument.Parse(xml).ToString()`.
    Xml,
}

impl fmt::Display for SampleFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SampleFormat::Json => "JSON",
            SampleFormat::Xml => "XML",
        })
    }
}

/// Writes a value as the help page shows it in `format`.
pub fn write<T: XmlValue + JsonValue>(
    value: &T,
    format: SampleFormat,
) -> Result<String, SampleError> {
    match format {
        SampleFormat::Json => crate::json::to_string_pretty(&crate::json::Ser(value))
            .map_err(|e| SampleError::write(format, e)),
        SampleFormat::Xml => {
            crate::xml::to_string_pretty(value).map_err(|e| SampleError::write(format, e))
        }
    }
}

/// The help page's sample of type `T` at `now`, written in `format`.
pub fn render<T: HelpPageSample + JsonValue>(
    format: SampleFormat,
    now: DateTimeOffset,
) -> Result<String, SampleError> {
    write(&generate::<T>(now)?, format)
}

// ---------------------------------------------------------------------------------------------
// Simple types: one counter step each.

macro_rules! simple {
    ($($t:ty => |$n:ident, $g:ident| $value:expr;)*) => {$(
        impl HelpPageSample for $t {
            const VALUE_TYPE: bool = true;

            #[allow(unused_variables, clippy::cast_possible_truncation)]
            fn generate($g: &mut SampleGenerator<'_>) -> Result<Option<Self>, SampleError> {
                let $n = $g.next_index();
                Ok(Some($value))
            }
        }
    )*};
}

simple! {
    bool => |n, g| rules::BOOL;
    u8 => |n, g| rules::BYTE;
    i8 => |n, g| rules::SBYTE;
    char => |n, g| rules::CHAR;
    i16 => |n, g| rules::int16(n);
    u16 => |n, g| rules::uint16(n);
    i32 => |n, g| rules::int32(n);
    u32 => |n, g| rules::uint32(n);
    i64 => |n, g| rules::int64(n);
    u64 => |n, g| rules::uint64(n);
    Decimal => |n, g| Decimal::from(rules::uint64(n));
    f64 => |n, g| rules::double(n);
    f32 => |n, g| rules::single(n);
    DateTime => |n, g| local_now(g.now());
    DateTimeOffset => |n, g| g.now();
    TimeSpan => |n, g| TimeSpan::from_ticks(rules::TIMESPAN_TICKS);
    Guid => |n, g| Guid::from_u128(rules::guid(n));
}

/// `DateTime.Now`: the wall clock of `now`, local kind with its offset.
fn local_now(now: DateTimeOffset) -> DateTime {
    DateTime::from_ticks(
        now.ticks(),
        DateTimeKind::Local {
            offset_minutes: now.offset_minutes(),
        },
    )
    .unwrap_or(DateTime::MIN)
}

/// `string`: a reference type, but a simple one.
impl HelpPageSample for String {
    const VALUE_TYPE: bool = false;

    fn generate(g: &mut SampleGenerator<'_>) -> Result<Option<Self>, SampleError> {
        Ok(Some(rules::string(g.next_index())))
    }
}

/// `Uri`: `new Uri("http://webapihelppageN.com")`.
impl HelpPageSample for Uri {
    const VALUE_TYPE: bool = false;

    fn generate(g: &mut SampleGenerator<'_>) -> Result<Option<Self>, SampleError> {
        Ok(Some(Uri::new(rules::uri(g.next_index()))))
    }
}

/// `object`: `new object()`.
impl HelpPageSample for Object {
    const VALUE_TYPE: bool = false;

    fn generate(g: &mut SampleGenerator<'_>) -> Result<Option<Self>, SampleError> {
        g.next_index();
        Ok(Some(Object::Empty))
    }
}

/// `byte[]`: an array of 2 bytes (64 each) from its own generator; no step of the parent's
/// counter.
impl HelpPageSample for Bytes {
    const VALUE_TYPE: bool = false;

    fn generate(g: &mut SampleGenerator<'_>) -> Result<Option<Self>, SampleError> {
        g.parts(Shape::Collection, |items| {
            let mut bytes = Vec::with_capacity(COLLECTION_SIZE);
            for _ in 0..COLLECTION_SIZE {
                bytes.push(member::<u8>(items)?);
            }
            Ok(Some(Bytes(bytes)))
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Composite types.

/// A nullable value type (`int?`: a fresh generator, never null) or a reference type (its own
/// value, drawn from this generator).
impl<T: HelpPageSample> HelpPageSample for Option<T> {
    const VALUE_TYPE: bool = false;

    fn generate(g: &mut SampleGenerator<'_>) -> Result<Option<Self>, SampleError> {
        let value = if T::VALUE_TYPE {
            g.parts(Shape::Nullable, T::generate)?
        } else {
            T::generate(g)?
        };
        Ok(Some(value))
    }
}

impl<T: HelpPageSample> HelpPageSample for Box<T> {
    const VALUE_TYPE: bool = T::VALUE_TYPE;

    fn generate(g: &mut SampleGenerator<'_>) -> Result<Option<Self>, SampleError> {
        Ok(T::generate(g)?.map(Box::new))
    }
}

/// `List<T>` and `T[]`: 2 items from one new generator; null if both are null.
impl<T: HelpPageSample> HelpPageSample for Vec<T> {
    const VALUE_TYPE: bool = false;

    fn generate(g: &mut SampleGenerator<'_>) -> Result<Option<Self>, SampleError> {
        g.parts(Shape::Collection, |items| {
            let mut out = Vec::with_capacity(COLLECTION_SIZE);
            let mut all_null = true;
            for _ in 0..COLLECTION_SIZE {
                let item = T::generate(items)?;
                all_null &= is_null(&item);
                out.push(item.unwrap_or_else(T::missing));
            }
            Ok((!all_null).then_some(out))
        })
    }
}

/// `Dictionary<K, V>`: 2 attempts with one new generator; each draws a key and, if the key is
/// new, a value. A null key makes the whole dictionary null.
impl<K: HelpPageSample + PartialEq, V: HelpPageSample> HelpPageSample for Dictionary<K, V> {
    const VALUE_TYPE: bool = false;

    fn generate(g: &mut SampleGenerator<'_>) -> Result<Option<Self>, SampleError> {
        g.parts(Shape::Dictionary, |items| {
            let mut out: Vec<(K, V)> = Vec::with_capacity(COLLECTION_SIZE);
            for _ in 0..COLLECTION_SIZE {
                let key = K::generate(items)?;
                let Some(key) = key.filter(|k| !k.is_nil()) else {
                    return Ok(None);
                };
                if out.iter().any(|(k, _)| *k == key) {
                    continue;
                }
                let value = member::<V>(items)?;
                out.push((key, value));
            }
            Ok(Some(Dictionary(out)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The instant of a documented help page (2025-01-23T00:09:38.9648983+07:00).
    const SEED_NOW: DateTimeOffset = match DateTimeOffset::from_ticks(638_731_877_789_648_983, 420)
    {
        Some(now) => now,
        None => panic!("valid"),
    };

    fn sample<T: HelpPageSample>() -> T {
        generate(SEED_NOW).unwrap()
    }

    #[test]
    fn seed_now_is_the_documented_instant() {
        assert_eq!(SEED_NOW.to_string(), "2025-01-23T00:09:38.9648983+07:00");
        assert_eq!(
            sample::<DateTime>().to_string(),
            "2025-01-23T00:09:38.9648983+07:00"
        );
    }

    #[test]
    fn top_level_simple_values_start_at_one() {
        assert_eq!(sample::<String>(), "sample string 1");
        assert_eq!(sample::<i32>(), 1);
        assert_eq!(sample::<f64>(), 1.1);
        assert_eq!(sample::<f32>(), 1.1f32);
        assert_eq!(sample::<Decimal>(), Decimal::ONE);
        assert_eq!(sample::<u8>(), 64);
        assert_eq!(sample::<i8>(), 64);
        assert_eq!(sample::<char>(), 'A');
        assert!(sample::<bool>());
        assert_eq!(sample::<TimeSpan>(), TimeSpan::from_ticks(1_234_567));
        assert_eq!(sample::<Uri>().as_str(), "http://webapihelppage1.com");
        assert_eq!(
            sample::<Guid>().to_string(),
            "00000000-0000-0000-0000-000000000001"
        );
        assert_eq!(sample::<Bytes>().0, vec![64, 64]);
        assert_eq!(
            sample::<Vec<Option<String>>>(),
            vec![
                Some("sample string 1".to_owned()),
                Some("sample string 2".to_owned())
            ]
        );
    }

    #[test]
    fn integers_wrap_at_their_maximum() {
        let mut stack = Vec::new();
        let mut g = SampleGenerator {
            index: u64::from(u16::MAX) - 1,
            now: SEED_NOW,
            in_progress: &mut stack,
        };
        // N = 65535 and 65536: `(UInt16)(index % UInt16.MaxValue)`.
        assert_eq!(member::<u16>(&mut g).unwrap(), 0);
        assert_eq!(member::<u16>(&mut g).unwrap(), 1);
        g.index = i32::MAX as u64 - 1;
        assert_eq!(member::<i32>(&mut g).unwrap(), 0);
        assert_eq!(member::<i64>(&mut g).unwrap(), i64::from(i32::MAX) + 1);
    }
}
