//! How each member type is written and read as Json.NET does: the [`JsonValue`] trait, its
//! implementations for strings, options and collections, and helpers for the derive.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, SerializeStruct, Serializer};

use super::error::ErrorKind;
use super::scope;
use crate::report::{DotnetAction, FindingKind, Outcome};

/// A value with Json.NET's JSON form. Contracts and enums implement it through the derive
/// (together with `serde::Serialize` and `serde::Deserialize`); the runtime implements it for
/// scalars, options and collections, whose plain serde forms differ from Json.NET's.
pub trait JsonValue: Sized {
    /// Writes the value.
    fn write_json<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
    /// Reads the value, accepting what Json.NET accepts for its .NET type.
    fn read_json<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
    /// .NET's `default(T)`, the value a missing member leaves.
    fn json_missing() -> Self;
    /// Reads the value of a member given again into `self`, the value an earlier occurrence
    /// read, as Json.NET does with its default `ObjectCreationHandling.Auto`: where the earlier
    /// value is an object, a `List<T>` or a dictionary (not null) and the later one a JSON
    /// object or array, Json.NET fills the earlier value (`Populate`) instead of building a new
    /// one: a list's items are appended, a dictionary's keys set (a key it has is given the new
    /// value), an object's members read into it, each by this same rule, so that an object,
    /// list or dictionary inside is filled too. Anything else replaces the earlier value: a
    /// scalar, a value type, an array `T[]` (fixed size: `#[h2h(array)]` on a `Vec` member),
    /// `null`. Returns whether it merged (`false`: replaced).
    ///
    /// The default replaces; `Option`, `Vec` (as a `List<T>`), [`Dictionary`](crate::Dictionary),
    /// `Box` and the derived contracts fill.
    fn read_json_into<'de, D: Deserializer<'de>>(
        &mut self,
        deserializer: D,
    ) -> Result<bool, D::Error> {
        *self = Self::read_json(deserializer)?;
        Ok(false)
    }
    /// Whether the value is .NET's `default(T)` (for `EmitDefaultValue = false`).
    fn json_is_default(&self) -> bool {
        false
    }

    /// The JSON member names of a contract (empty for other types); used to recognize a
    /// known subtype from the members a JSON object has.
    const JSON_MEMBERS: &'static [&'static str] = &[];

    /// Whether Json.NET reads this value as null in a nullable member (an empty `Uri`).
    fn json_reads_as_null(&self) -> bool {
        false
    }

    /// A .NET value type: in a `Nullable<T>` (an `Option` here) Json.NET reads an empty
    /// string as null (own-vectors `read-json-nullable-*-empty`).
    const IS_VALUE_TYPE: bool = false;

    /// Reads its numbers from their text (a decimal's scale, .NET's double parsing), which is
    /// captured even in the first, cheaper pass of `json::from_slice`, so that a document with
    /// such numbers is not read twice.
    const READS_NUMBER_TEXT: bool = false;
}

/// Picks the variant of a polymorphic contract whose members cover every key of the object
/// (the one with the fewest members, the declared base type first on ties). Json.NET always
/// builds the declared type and drops the other members; we keep them.
pub fn pick_variant(keys: &[String], variants: &[&[&str]]) -> Option<usize> {
    variants
        .iter()
        .enumerate()
        .filter(|(_, names)| keys.iter().all(|k| MemberKey::find(names, k).is_some()))
        .min_by_key(|(i, names)| (names.len(), *i))
        .map(|(i, _)| i)
}

/// Serializes a [`JsonValue`] with its Json.NET form.
pub struct Ser<'a, T>(pub &'a T);

impl<T: JsonValue> serde::Serialize for Ser<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.write_json(serializer)
    }
}

/// Deserializes a [`JsonValue`] with Json.NET's rules.
pub struct De<T>(pub T);

impl<'de, T: JsonValue> serde::Deserialize<'de> for De<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::read_json(deserializer).map(De)
    }
}

/// Reads a [`JsonValue`] into the value it holds ([`JsonValue::read_json_into`]), as a serde
/// seed; its value says whether it merged.
pub struct ReadInto<'a, T>(pub &'a mut T);

impl<'de, T: JsonValue> de::DeserializeSeed<'de> for ReadInto<'_, T> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        self.0.read_json_into(deserializer)
    }
}

use super::token::{self, read_token, Token, RAW_TOKEN};

/// Writes JSON text as it is (a number in .NET's exact form, a string escaped by us). With
/// serde_json (feature `raw_value`) the text is copied verbatim; other serializers see a
/// one-field struct.
pub fn write_raw<S: Serializer>(serializer: S, json: &str) -> Result<S::Ok, S::Error> {
    let mut s = serializer.serialize_struct(RAW_TOKEN, 1)?;
    s.serialize_field(RAW_TOKEN, json)?;
    s.end()
}

fn tagged(kind: ErrorKind, message: impl fmt::Display) -> String {
    format!("{}{message}", kind.tag())
}

/// A custom deserialization error of a given kind.
pub fn de_error<E: de::Error>(kind: ErrorKind, message: impl fmt::Display) -> E {
    E::custom(tagged(kind, message))
}

/// An error about a sensitive member, without the member's value: an error whose message
/// could echo the input (it quotes something) is replaced, keeping its kind; a syntax error
/// (which echoes nothing) is kept as it is, so that its kind and position stay right.
pub fn redact_error<E: de::Error>(error: E, member: &str) -> E {
    let text = error.to_string();
    if !text.contains(['"', '\'', '`']) {
        return error;
    }
    let kind = ErrorKind::ALL
        .iter()
        .copied()
        .find(|k| text.starts_with(&k.tag()))
        .unwrap_or(ErrorKind::InvalidValue);
    let redacted: E = de_error(
        kind,
        format_args!("invalid value for '{member}' (redacted: the member is sensitive)"),
    );
    token::move_site(&text, &redacted.to_string());
    redacted
}

/// A member the contract does not have.
pub fn unknown_member<E: de::Error>(contract: &str, key: &str) -> E {
    de_error(
        ErrorKind::UnknownMember,
        format_args!("'{key}' is not a member of {contract} (Json.NET would ignore it)"),
    )
}

/// A member given twice (the second time at `address` in the input): under the strict policy
/// an error, before its value is read; otherwise `read` reads it as Json.NET does, into the
/// earlier value ([`JsonValue::read_json_into`]; it returns whether it merged), and it is a
/// finding.
pub fn repeated_member<E: de::Error>(
    contract: &str,
    key: &str,
    address: usize,
    read: impl FnOnce() -> Result<bool, E>,
) -> Result<(), E> {
    let given = || format!("member '{key}' of {contract} is given more than once");
    if super::policy() == crate::ReadPolicy::Strict {
        return Err(de_error(
            ErrorKind::DuplicateMember,
            format_args!(
                "{} (Json.NET reads the last, into the earlier value where that is an object, a list or a dictionary)",
                given()
            ),
        ));
    }
    let merged = read()?;
    scope::note(key, address, || scope::Note {
        kind: FindingKind::Repeated,
        dotnet: if merged {
            DotnetAction::Merges
        } else {
            DotnetAction::KeepsLast
        },
        outcome: if merged {
            Outcome::Merged
        } else {
            Outcome::Read
        },
        expected_order: Vec::new(),
        message: if merged {
            format!(
                "{} (Json.NET fills the earlier value with the last: a list's items are appended, an object's members and a dictionary's keys merged); this value is merged into the earlier one",
                given()
            )
        } else {
            format!(
                "{} (Json.NET keeps the last); this value replaces the earlier one",
                given()
            )
        },
        fix: Some(format!("send '{key}' once")),
    });
    Ok(())
}

/// A required member that is missing.
pub fn missing_required<E: de::Error>(name: &str) -> E {
    de_error(
        ErrorKind::MissingRequired,
        format_args!("Required property '{name}' not found in JSON."),
    )
}

/// Matches a JSON key to a member as Json.NET does: exact first, then ignoring case. As a
/// serde seed it yields the member's index (`usize::MAX` for an unknown key, which the policy
/// skips or refuses) and the key's address in the input (0 when serde_json copied it).
pub struct MemberKey<'n> {
    names: &'n [&'n str],
    contract: &'static str,
}

impl<'n> MemberKey<'n> {
    /// A seed for one key of `contract`, whose members are `names`.
    pub fn seed(names: &'n [&'n str], contract: &'static str) -> Self {
        MemberKey { names, contract }
    }

    /// The index of the member named `key` among `names`.
    pub fn find(names: &[&str], key: &str) -> Option<usize> {
        names
            .iter()
            .position(|n| *n == key)
            .or_else(|| names.iter().position(|n| eq_ignore_case(n, key)))
    }

    #[inline]
    fn resolve<E: de::Error>(&self, key: &str, address: usize) -> Result<(usize, usize), E> {
        match self.names.iter().position(|n| *n == key) {
            Some(i) => Ok((i, address)),
            None => self.resolve_other(key, address),
        }
    }

    /// A key that names no member exactly: another case of one, or none (a finding either
    /// way, or the strict policy's error).
    #[cold]
    #[inline(never)]
    fn resolve_other<E: de::Error>(&self, key: &str, address: usize) -> Result<(usize, usize), E> {
        let strict = super::policy() == crate::ReadPolicy::Strict;
        if let Some((i, member)) = self
            .names
            .iter()
            .enumerate()
            .find(|(_, n)| eq_ignore_case(n, key))
        {
            let message = || {
                format!(
                    "`{key}` matches `{member}` of {} only case-insensitively; Json.NET reads it",
                    self.contract
                )
            };
            if strict {
                return Err(de_error(ErrorKind::CaseMismatch, message()));
            }
            scope::note(key, address, || scope::Note {
                kind: FindingKind::CaseMismatch,
                dotnet: DotnetAction::Reads,
                outcome: Outcome::Read,
                expected_order: Vec::new(),
                message: message(),
                fix: Some(format!("write `{member}`")),
            });
            return Ok((i, address));
        }
        if strict {
            return Err(unknown_member(self.contract, key));
        }
        scope::note(key, address, || scope::Note {
            kind: FindingKind::Unknown,
            dotnet: DotnetAction::Skips,
            outcome: Outcome::Skipped,
            expected_order: Vec::new(),
            message: format!(
                "'{key}' is not a member of {}; Json.NET ignores it",
                self.contract
            ),
            fix: Some(member_fix(key, self.names)),
        });
        Ok((usize::MAX, address))
    }
}

/// The fix for an unknown member: the contract's members (the first few).
fn member_fix(key: &str, names: &[&str]) -> String {
    const SHOWN: usize = 8;
    let mut list = names
        .iter()
        .take(SHOWN)
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        list.push_str(", ...");
    }
    if names.is_empty() {
        format!("remove `{key}`: the contract has no members")
    } else {
        format!("remove `{key}`, or name one of the members: {list}")
    }
}

impl<'de> de::DeserializeSeed<'de> for MemberKey<'_> {
    type Value = (usize, usize);

    fn deserialize<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<(usize, usize), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for MemberKey<'_> {
    type Value = (usize, usize);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<(usize, usize), E> {
        self.resolve(v, v.as_ptr() as usize)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(usize, usize), E> {
        self.resolve(v, 0)
    }
}

/// Reads an enum as Json.NET does: a number (also one without a name), a numeric string, or
/// a constant's name in any case. `names` pairs CLR names with values.
pub fn read_enum<'de, D: Deserializer<'de>>(
    deserializer: D,
    names: &[(&str, i64)],
    enum_name: &'static str,
) -> Result<i64, D::Error> {
    let read = EnumRead { names, enum_name };
    if token::by_events() {
        return deserializer.deserialize_any(read);
    }
    let captured = read_token(deserializer)?;
    let value = match &captured.token {
        Token::Number(text) => match text.parse::<i128>() {
            Ok(n) => read.int(n),
            Err(_) => Err(de_error(
                ErrorKind::InvalidValue,
                format_args!("{text} is not an integer value of enum {enum_name}"),
            )),
        },
        Token::Integer(n) => read.int(*n),
        Token::String(v) => read.name(v),
        // Json.NET converts a boolean to an enum as `Convert.ChangeType` does: 1 or 0
        // (`read-json-enum-boolean`).
        Token::Bool(v) => Ok(i64::from(*v)),
        Token::Null => Err(de_error(
            ErrorKind::InvalidValue,
            format_args!("Error converting value {{null}} to type '{enum_name}'"),
        )),
        Token::Array => Err(de_error(
            ErrorKind::InvalidValue,
            format_args!("an array where enum {enum_name} was expected"),
        )),
        Token::Object { .. } => Err(de_error(
            ErrorKind::InvalidValue,
            format_args!("an object where enum {enum_name} was expected"),
        )),
    };
    value.map_err(|e| captured.fail(e))
}

/// [`read_enum`] in a read by events, straight from serde_json's events (errors are found
/// again by the exact read).
impl<'de> Visitor<'de> for EnumRead<'_> {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a value of enum {}", self.enum_name)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        self.int(i128::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        self.int(i128::from(v))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<i64, E> {
        Err(token::needs_text())
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<i64, E> {
        Ok(i64::from(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
        self.name(v)
    }
}

#[derive(Clone, Copy)]
struct EnumRead<'n> {
    names: &'n [(&'n str, i64)],
    enum_name: &'static str,
}

impl EnumRead<'_> {
    fn int<E: de::Error>(&self, v: i128) -> Result<i64, E> {
        i32::try_from(v).map(i64::from).map_err(|_| {
            de_error(
                ErrorKind::Overflow,
                format_args!("{v} is outside the range of enum {}", self.enum_name),
            )
        })
    }

    fn name<E: de::Error>(&self, v: &str) -> Result<i64, E> {
        let trimmed = v.trim();
        if let Ok(n) = trimmed.parse::<i128>() {
            return self.int(n);
        }
        // A flags value may list several names separated by commas.
        let mut value = 0i64;
        for part in trimmed.split(',') {
            let part = part.trim();
            match self.names.iter().find(|(n, _)| eq_ignore_case(n, part)) {
                Some((_, v)) => value |= v,
                None => {
                    let shown: String = v.chars().take(40).collect();
                    return Err(de_error(
                        ErrorKind::UnknownEnumName,
                        format_args!("'{shown}' is not a value of enum {}", self.enum_name),
                    ));
                }
            }
        }
        Ok(value)
    }
}

fn eq_ignore_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_uppercase)
        .eq(b.chars().flat_map(char::to_uppercase))
}

/// Whether a string needs escaping that serde_json does not do: Json.NET also escapes U+0085,
/// U+2028 and U+2029.
#[inline]
fn needs_extra_escapes(s: &str) -> bool {
    // All three are outside ASCII, looked for eight bytes at a time first; U+0085 is C2 85
    // and U+2028/9 are E2 80 A8/A9 in UTF-8.
    use crate::words::{any_word, HIGH};
    any_word(s.as_bytes(), |w| w & HIGH != 0) && has_extra_escapes(s)
}

/// [`needs_extra_escapes`] of a text that is not ASCII.
#[inline(never)]
fn has_extra_escapes(s: &str) -> bool {
    s.as_bytes().iter().any(|&b| b == 0xC2 || b == 0xE2)
        && s.contains(['\u{85}', '\u{2028}', '\u{2029}'])
}

/// Json.NET's string escaping (`StringEscapeHandling.Default`), quotes included.
pub(crate) fn escape_json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}') => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Writes a string as Json.NET does.
pub(crate) fn write_str<S: Serializer>(serializer: S, s: &str) -> Result<S::Ok, S::Error> {
    if needs_extra_escapes(s) {
        let mut raw = String::with_capacity(s.len() + 8);
        escape_json_string(s, &mut raw);
        write_raw(serializer, &raw)
    } else {
        serializer.serialize_str(s)
    }
}

impl JsonValue for String {
    fn write_json<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_str(serializer, self)
    }

    fn read_json<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::scalars::read_scalar(deserializer)
    }

    fn json_missing() -> Self {
        String::new()
    }
}

impl<T: JsonValue> JsonValue for Option<T> {
    fn write_json<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(v) => v.write_json(serializer),
            None => serializer.serialize_none(),
        }
    }

    fn read_json<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_option(OptionVisitor(PhantomData))
    }

    fn json_missing() -> Self {
        None
    }

    fn json_is_default(&self) -> bool {
        self.is_none()
    }

    /// `null` replaces the earlier value; a value fills an earlier one (none of a value type:
    /// `Nullable<T>` is replaced).
    fn read_json_into<'de, D: Deserializer<'de>>(
        &mut self,
        deserializer: D,
    ) -> Result<bool, D::Error> {
        if T::IS_VALUE_TYPE || self.is_none() {
            *self = Self::read_json(deserializer)?;
            return Ok(false);
        }
        deserializer.deserialize_option(OptionInto(self))
    }
}

/// Reads an `Option` into the value it holds (see [`JsonValue::read_json_into`]).
struct OptionInto<'a, T>(&'a mut Option<T>);

impl<'de, T: JsonValue> Visitor<'de> for OptionInto<'_, T> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<bool, E> {
        *self.0 = None;
        Ok(false)
    }

    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        self.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        match self.0 {
            Some(earlier) => {
                let merged = earlier.read_json_into(deserializer)?;
                if !merged && earlier.json_reads_as_null() {
                    *self.0 = None;
                }
                Ok(merged)
            }
            None => {
                *self.0 = OptionVisitor(PhantomData).visit_some(deserializer)?;
                Ok(false)
            }
        }
    }
}

struct OptionVisitor<T>(PhantomData<T>);

impl<'de, T: JsonValue> Visitor<'de> for OptionVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        let value = if T::IS_VALUE_TYPE {
            // A `Nullable<T>`'s value: an empty string is null, anything else is `T`'s.
            let captured = if T::READS_NUMBER_TEXT {
                token::read_with_text(deserializer)?
            } else {
                read_token(deserializer)?
            };
            match &captured.token {
                Token::String(s) if s.is_empty() => None,
                _ => Some(T::read_json(captured.into_deserializer())?),
            }
        } else {
            Some(T::read_json(deserializer)?)
        };
        Ok(value.filter(|v| !v.json_reads_as_null()))
    }
}

impl<T: JsonValue> JsonValue for Vec<T> {
    fn write_json<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for item in self {
            seq.serialize_element(&Ser(item))?;
        }
        seq.end()
    }

    fn read_json<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut items = Vec::new();
        deserializer.deserialize_any(Append(&mut items))?;
        Ok(items)
    }

    fn json_missing() -> Self {
        Vec::new()
    }

    /// As a `List<T>`: the items are appended (a `T[]` member is `#[h2h(array)]`, and the
    /// derive replaces it instead).
    fn read_json_into<'de, D: Deserializer<'de>>(
        &mut self,
        deserializer: D,
    ) -> Result<bool, D::Error> {
        deserializer.deserialize_any(Append(self))?;
        Ok(true)
    }
}

/// Appends an array's items to a `Vec`.
struct Append<'a, T>(&'a mut Vec<T>);

impl<'de, T: JsonValue> Visitor<'de> for Append<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.0.reserve(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(De(item)) = seq.next_element::<De<T>>()? {
            self.0.push(item);
        }
        Ok(())
    }
}

/// A dictionary key: Json.NET writes keys as property names (`{"1": "one"}`).
pub trait DictionaryKey: Sized {
    /// The property name for this key.
    fn to_key(&self) -> String;
    /// The key for a property name, as Json.NET converts it.
    fn from_key(key: &str) -> Result<Self, String>;
}

impl DictionaryKey for String {
    fn to_key(&self) -> String {
        self.clone()
    }

    fn from_key(key: &str) -> Result<Self, String> {
        Ok(key.to_owned())
    }
}

macro_rules! int_key {
    ($($t:ty),*) => {$(
        impl DictionaryKey for $t {
            fn to_key(&self) -> String {
                self.to_string()
            }

            fn from_key(key: &str) -> Result<Self, String> {
                <$t as crate::dotnet::XmlText>::parse_xml(key).map_err(|e| e.to_string())
            }
        }
    )*};
}

int_key!(i8, u8, i16, u16, i32, u32, i64, u64);

impl DictionaryKey for crate::Guid {
    fn to_key(&self) -> String {
        self.hyphenated().to_string()
    }

    fn from_key(key: &str) -> Result<Self, String> {
        crate::dotnet::parse_guid(key).map_err(|e| e.to_string())
    }
}

impl<K: DictionaryKey, V: JsonValue> JsonValue for crate::Dictionary<K, V> {
    fn write_json<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        // serde_json escapes keys itself, without Json.NET's U+0085/U+2028/U+2029 escapes:
        // such a dictionary is written as one raw object.
        if self.iter().any(|(k, _)| needs_extra_escapes(&k.to_key())) {
            let mut raw = String::from("{");
            for (i, (key, value)) in self.iter().enumerate() {
                if i > 0 {
                    raw.push(',');
                }
                escape_json_string(&key.to_key(), &mut raw);
                raw.push(':');
                let value =
                    serde_json::to_string(&Ser(value)).map_err(serde::ser::Error::custom)?;
                raw.push_str(&value);
            }
            raw.push('}');
            return write_raw(serializer, &raw);
        }
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (key, value) in self.iter() {
            map.serialize_entry(&KeyOut(key.to_key()), &Ser(value))?;
        }
        map.end()
    }

    fn read_json<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut entries = Vec::new();
        deserializer.deserialize_map(Fill(&mut entries))?;
        Ok(crate::Dictionary(entries))
    }

    fn json_missing() -> Self {
        crate::Dictionary(Vec::new())
    }

    /// The keys are set: a new key is added, one the dictionary has gets the new value in its
    /// place (values are not filled: Json.NET builds each anew).
    fn read_json_into<'de, D: Deserializer<'de>>(
        &mut self,
        deserializer: D,
    ) -> Result<bool, D::Error> {
        deserializer.deserialize_map(Fill(&mut self.0))?;
        Ok(true)
    }
}

/// A key written with Json.NET's escaping.
struct KeyOut(String);

impl serde::Serialize for KeyOut {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// A key with its address in the input (0 when serde_json copied it).
struct SitedKey;

impl<'de> de::DeserializeSeed<'de> for SitedKey {
    type Value = (std::borrow::Cow<'de, str>, usize);

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for SitedKey {
    type Value = (std::borrow::Cow<'de, str>, usize);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok((std::borrow::Cow::Borrowed(v), v.as_ptr() as usize))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok((std::borrow::Cow::Owned(v.to_owned()), 0))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok((std::borrow::Cow::Owned(v), 0))
    }
}

/// Sets a JSON object's keys in a dictionary's entries, as Json.NET's `dictionary[key] =
/// value`: a key the entries have (by its parsed value: `"01"` is the key 1) gets the new
/// value in its place. A key given twice in the object is a finding (an error under the
/// strict policy); one that only the earlier entries have is not (the member given again is).
struct Fill<'a, K, V>(&'a mut Vec<(K, V)>);

impl<'de, K: DictionaryKey, V: JsonValue> Visitor<'de> for Fill<'_, K, V> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object (a dictionary)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let entries = self.0;
        // Each key's entry (by the key's own text), and whether this object gave it.
        let mut index: std::collections::HashMap<String, (usize, bool)> = entries
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (k.to_key(), (i, false)))
            .collect();
        while let Some((key, address)) = map.next_key_seed(SitedKey)? {
            let parsed =
                K::from_key(&key).map_err(|e| de_error::<A::Error>(ErrorKind::InvalidValue, e))?;
            let canonical = parsed.to_key();
            let earlier = index.get(&canonical).copied();
            if let Some((_, true)) = earlier {
                let message = || format!("dictionary key '{key}' is given more than once");
                if super::policy() == crate::ReadPolicy::Strict {
                    return Err(de_error(ErrorKind::DuplicateMember, message()));
                }
                scope::note(&key, address, || scope::Note {
                    kind: FindingKind::Repeated,
                    dotnet: DotnetAction::KeepsLast,
                    outcome: Outcome::Read,
                    expected_order: Vec::new(),
                    message: format!(
                        "{} (Json.NET keeps the last); this value replaces the earlier one",
                        message()
                    ),
                    fix: Some(format!("send the key '{key}' once")),
                });
            }
            let De(value) = map.next_value::<De<V>>()?;
            match earlier.and_then(|(i, _)| entries.get_mut(i).map(|e| (i, e))) {
                Some((i, entry)) => {
                    entry.1 = value;
                    index.insert(canonical, (i, true));
                }
                None => {
                    index.insert(canonical, (entries.len(), true));
                    entries.push((parsed, value));
                }
            }
        }
        Ok(())
    }
}

/// Reads a polymorphic contract (an `Any<Name>`): the object is captured whole (its exact
/// text), the variant whose members cover its keys is picked ([`pick_variant`], the first on
/// no match), and `read` reads that variant from the text. An error keeps its kind and its
/// position in the input; its member path ends at the object.
pub fn read_polymorphic<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    variants: &[&[&str]],
    read: impl FnOnce(
        usize,
        &mut serde_json::Deserializer<serde_json::de::StrRead<'_>>,
    ) -> Result<T, serde_json::Error>,
) -> Result<T, D::Error> {
    read_polymorphic_picked(deserializer, variants, None, read)
}

/// [`JsonValue::read_json_into`] of a polymorphic contract holding variant `current`: as
/// [`read_polymorphic`], but the variant is `current` where its members cover the object's
/// keys (it is then filled; the dotnet policy always fills the declared type, which Json.NET
/// built), else the one [`pick_variant`] picks (which replaces it: a subtype's members have no
/// place in the earlier value).
pub fn read_polymorphic_into<'de, D: Deserializer<'de>>(
    deserializer: D,
    variants: &[&[&str]],
    current: usize,
    read: impl FnOnce(
        usize,
        &mut serde_json::Deserializer<serde_json::de::StrRead<'_>>,
    ) -> Result<bool, serde_json::Error>,
) -> Result<bool, D::Error> {
    read_polymorphic_picked(deserializer, variants, Some(current), read)
}

fn read_polymorphic_picked<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    variants: &[&[&str]],
    current: Option<usize>,
    read: impl FnOnce(
        usize,
        &mut serde_json::Deserializer<serde_json::de::StrRead<'_>>,
    ) -> Result<T, serde_json::Error>,
) -> Result<T, D::Error> {
    let text = token::read_text(deserializer)?;
    // The outermost polymorphic object is read again by a deserializer of its own, which
    // counts nesting from there: it may nest no deeper than serde_json's limit by itself.
    let outermost = POLYMORPHIC_DEPTH.with(|d| d.get() == 0);
    if outermost && token::nesting_depth(&text) > 128 {
        return Err(de::Error::custom(
            "recursion limit exceeded (a polymorphic object nested too deeply)",
        ));
    }
    let sited = object_keys(&text);
    let keys: Vec<String> = sited.iter().map(|(k, _)| k.clone()).collect();
    // Json.NET builds the declared type (the first variant) and ignores a subtype's members;
    // the dotnet policy does the same (each ignored member is a finding of the read), the
    // others read the subtype and report what Json.NET would ignore.
    let policy = super::policy();
    let covers = |i: usize| {
        variants
            .get(i)
            .is_some_and(|names| keys.iter().all(|k| MemberKey::find(names, k).is_some()))
    };
    let index = match (policy, current) {
        (crate::ReadPolicy::Dotnet, _) => 0,
        (_, Some(current)) if covers(current) => current,
        _ => pick_variant(&keys, variants).unwrap_or(0),
    };
    if index != 0 {
        let declared = variants.first().copied().unwrap_or_default();
        for (key, address) in sited
            .iter()
            .filter(|(k, _)| MemberKey::find(declared, k).is_none())
        {
            let message = || {
                format!("'{key}' is a member of a subtype only: Json.NET builds the declared type and ignores it")
            };
            if policy == crate::ReadPolicy::Strict {
                return Err(de_error(ErrorKind::UnknownMember, message()));
            }
            scope::note(key, *address, || {
                scope::Note {
                kind: FindingKind::Unknown,
                dotnet: DotnetAction::Skips,
                outcome: Outcome::Read,
                expected_order: Vec::new(),
                message: message(),
                fix: Some("send the subtype in XML (with i:type), or declare the member on the declared type".to_owned()),
            }
            });
        }
    }
    /// Leaves the nesting count as it was, also when `read` panics.
    struct Leave;
    impl Drop for Leave {
        fn drop(&mut self) {
            POLYMORPHIC_DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
        }
    }
    POLYMORPHIC_DEPTH.with(|d| d.set(d.get() + 1));
    let leave = Leave;
    let mut de = serde_json::Deserializer::from_str(&text);
    let result = read(index, &mut de);
    drop(leave);
    result.map_err(|e| token::nested_error(&e, &text))
}

thread_local! {
    static POLYMORPHIC_DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The keys of a JSON object's text (none for other values).
fn object_keys(text: &str) -> Vec<(String, usize)> {
    struct Keys;
    impl<'de> Visitor<'de> for Keys {
        type Value = Vec<(String, usize)>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut keys = Vec::new();
            while let Some((key, address)) = map.next_key_seed(SitedKey)? {
                map.next_value::<de::IgnoredAny>()?;
                keys.push((key.into_owned(), address));
            }
            Ok(keys)
        }
    }
    serde_json::Deserializer::from_str(text)
        .deserialize_map(Keys)
        .unwrap_or_default()
}
