//! A value and its report through serde's own entry points (`serde_json::from_str` and the
//! like), for programs that read with serde_json directly or nest a contract in types of their
//! own.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, DeserializeOwned, DeserializeSeed, Deserializer};

use super::{scope, token, ReadOptions};
use crate::Report;

/// A value read together with its [`Report`]: what Json.NET would ignore, pick or convert.
///
/// As a `Deserialize` type it reads with the default options ([`ReadPolicy::Forward`], no
/// server offset); [`ReadSeed`] reads with options of your choice. The report's state lives
/// only while this value is read: nothing carries over to the next read on the thread, also
/// after an error or a panic.
///
/// Paths are exact; lines and columns count from the value's first character (with
/// `serde_json::from_str` on a whole document, from the first character that is not
/// whitespace). The value is read from its text, which serde_json hands over (`from_reader`
/// too, by copying it); other deserializers hand over their events, and are read from a copy.
///
/// [`ReadPolicy::Forward`]: crate::ReadPolicy::Forward
///
/// ```
/// use datacontract::{json::Reported, report::FindingKind, DataContract};
///
/// #[derive(DataContract)]
/// #[h2h(name = "Login", namespace = "http://schemas.datacontract.org/2004/07/Acme")]
/// struct Login {
///     user: Option<String>,
/// }
///
/// let Reported { value, report } =
///     serde_json::from_str::<Reported<Login>>(r#"{"User":"ann","pin":"1"}"#)?;
/// assert_eq!(value.user.as_deref(), Some("ann"));
/// let kinds: Vec<_> = report.findings().iter().map(|f| (f.kind, f.path.as_str())).collect();
/// assert_eq!(kinds, [(FindingKind::CaseMismatch, "User"), (FindingKind::Unknown, "pin")]);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Reported<T> {
    /// The value read.
    pub value: T,
    /// What the read met.
    pub report: Report,
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Reported<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        ReadSeed::new(&ReadOptions::default()).deserialize(deserializer)
    }
}

/// A serde seed that reads a `T` with [`ReadOptions`] (policy and server offset; the document
/// limit is the caller's deserializer's business) and gives it with its report.
///
/// ```
/// use datacontract::{json, DataContract, ReadPolicy};
/// use serde::de::DeserializeSeed;
///
/// #[derive(DataContract)]
/// #[h2h(name = "Login", namespace = "http://schemas.datacontract.org/2004/07/Acme")]
/// struct Login {
///     user: Option<String>,
/// }
///
/// let mut options = json::ReadOptions::default();
/// options.policy = ReadPolicy::Strict;
/// let mut de = serde_json::Deserializer::from_str(r#"{"user":"ann","pin":"1"}"#);
/// let error = json::ReadSeed::<Login>::new(&options).deserialize(&mut de).unwrap_err();
/// assert!(error.to_string().contains("'pin' is not a member of Login"));
/// ```
pub struct ReadSeed<'o, T> {
    options: &'o ReadOptions,
    value: PhantomData<fn() -> T>,
}

impl<'o, T> ReadSeed<'o, T> {
    /// A seed reading with `options`.
    pub fn new(options: &'o ReadOptions) -> Self {
        ReadSeed {
            options,
            value: PhantomData,
        }
    }
}

impl<T> fmt::Debug for ReadSeed<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReadSeed")
            .field("options", self.options)
            .finish()
    }
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for ReadSeed<'_, T> {
    type Value = Reported<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Reported<T>, D::Error> {
        // The value's text locates the findings: read it whole, then the value from it.
        let text = token::read_text(deserializer)?;
        let scope = scope::ReadScope::enter(
            self.options.policy,
            self.options.server_utc_offset_minutes,
            true,
        );
        let mut de = serde_json::Deserializer::from_str(&text);
        let value = T::deserialize(&mut de)
            .and_then(|v| de.end().map(|()| v))
            .map_err(|e| token::nested_error::<D::Error>(&e, &text))?;
        Ok(Reported {
            value,
            report: scope.finish(text.as_bytes()),
        })
    }
}
