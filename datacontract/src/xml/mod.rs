//! DataContractSerializer XML, as ASP.NET Web API 2 writes and reads it.
//!
//! The API mirrors `serde_json`: [`to_string`], [`to_vec`], [`to_writer`], [`to_string_pretty`]
//! and [`from_str`], [`from_slice`], [`from_reader`] (with `_with` variants taking
//! [`ReadOptions`]).
//!
//! Writing is byte-exact: what DCS writes for the same value (no XML declaration, `xmlns:i`
//! declared first, members per inheritance level in DCS order, `<x i:nil="true" />`, `d2p1`
//! prefixes, the Arrays namespace, DCS's escaping).
//!
//! Reading accepts everything DCS writes. Where DCS would silently skip an element, the read
//! policy ([`ReadOptions::policy`], [`ReadPolicy`]) decides, and every such element is a
//! finding of the read's [`Report`] ([`from_slice_reported`]: path, line and column, what DCS
//! does, and for order the order DCS reads):
//!
//! | DCS | [`ReadPolicy::Dotnet`] | [`ReadPolicy::Forward`] (default) | [`ReadPolicy::Strict`] |
//! |---|---|---|---|
//! | skips a member element out of DCS order | skips it | reads it (its name is unambiguous) | [`ErrorKind::OutOfOrder`] |
//! | skips unknown elements (and members in another namespace) | skips them | skips them | [`ErrorKind::UnknownElement`] |
//! | keeps the first of a repeated element | keeps the first | keeps the first | [`ErrorKind::DuplicateElement`] |
//! | drops collection items with a wrong name | drops them | drops them | [`ErrorKind::UnknownElement`] |
//! | ignores the content of an element marked `i:nil="true"` | ignores it | ignores it | [`ErrorKind::UnexpectedContent`] |
//! | reads a `DateTime` at another offset as the server's local time | converts it, given [`ReadOptions::server_utc_offset_minutes`] | keeps the sender's offset | [`ErrorKind::InvalidValue`], given the server's offset |
//! | refuses a body without a required member (`IsRequired`; every field of a `[Serializable]` class, `#[h2h(required_in_xml)]`), also one it skips for its order | fails: [`ErrorKind::MissingRequired`] | reads one out of order; a missing one is [`ErrorKind::MissingRequired`] | [`ErrorKind::OutOfOrder`], [`ErrorKind::MissingRequired`] |
//!
//! In every policy, an `object` member holds the .NET primitives, and the XML Schema types DCS
//! reads as strings (`gYear`, `token`, `date`, ...) or longs (`integer`, ...) as DCS holds
//! them; an `xs:QName` (DCS's `XmlQualifiedName`) it cannot hold, and reports.
//!
//! ```
//! use datacontract::{report::FindingKind, xml, DataContract, ReadPolicy};
//!
//! #[derive(DataContract)]
//! #[h2h(name = "Login", namespace = "http://schemas.datacontract.org/2004/07/Acme")]
//! struct Login {
//!     pin: Option<String>,
//!     user: Option<String>,
//! }
//!
//! // DCS reads `pin`, then `user`: here `pin` comes too late, and `Pin` is no member.
//! let body = br#"<Login xmlns="http://schemas.datacontract.org/2004/07/Acme"><user>ann</user><pin>1</pin><Pin>2</Pin></Login>"#;
//! let mut options = xml::ReadOptions::default();
//! options.policy = ReadPolicy::Dotnet;
//! let (login, report) = xml::from_slice_reported::<Login>(body, &options)?;
//! assert_eq!(login.pin, None); // what the server reads
//! let found: Vec<_> = report.findings().iter().map(|f| (f.kind, f.column)).collect();
//! assert_eq!(found, [(FindingKind::OutOfOrder, 77), (FindingKind::Unknown, 89)]);
//! assert_eq!(report.findings()[0].fix.as_deref(), Some("move `<pin>` before `<user>`"));
//! # Ok::<(), datacontract::xml::Error>(())
//! ```
//!
//! Where a name appears twice (a `new` member hides a base member), elements resolve by
//! position as in DCS: the first `accessToken` of an `AuthResponse` is the base class's, one
//! after the base members is the derived class's.

pub(crate) mod error;
mod pretty;
mod reader;
mod scalars;
mod scan;
mod stack;
mod support;
mod value;
mod writer;

use std::borrow::Cow;

use crate::{ReadPolicy, Report};

pub use error::{Error, ErrorKind};
/// The help page's XML layout for any compact DCS text (the one [`to_string_pretty`] uses;
/// the help page exporter in xtask writes its samples with it).
pub use pretty::indent;
pub use reader::{StartTag, XmlReader};
#[doc(hidden)]
pub use support::{
    check_type, nil_contract, read_flags, resolve_member, subtype_not_expected, unknown_enum_name,
    unknown_type, write_flags, KnownTypeScope,
};
pub use value::{read_missing_member, XmlValue};
#[doc(hidden)]
pub use writer::MemberTags;
pub use writer::{escape_text, XmlWriter};

/// `xmlns:i`.
pub const XSI_NAMESPACE: &str = dotnet_rules::namespaces::XSI;
/// The namespace of collections of primitives and of dictionaries.
pub const ARRAYS_NAMESPACE: &str = dotnet_rules::namespaces::ARRAYS;
/// The namespace of `DateTimeOffset`'s members.
pub const SYSTEM_NAMESPACE: &str = dotnet_rules::namespaces::SYSTEM;
/// XML Schema's namespace: the qualified names of the primitives (`string`, `int`).
pub const XSD_NAMESPACE: &str = dotnet_rules::namespaces::XSD;
/// The namespace of primitive roots (`<string>`, `<int>`).
pub const SERIALIZATION_NAMESPACE: &str = dotnet_rules::namespaces::SERIALIZATION;

/// Limits and choices for reading. The defaults follow the .NET readers' quotas where
/// Web API sets them (depth 256) and are generous elsewhere, while bounding memory.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReadOptions {
    /// Deepest element nesting (Web API 2: 256). Reading a recursive contract costs stack per
    /// level (about 3 KiB in a debug build, under 1 KiB optimized): the default is safe on a
    /// 2 MiB thread stack; raise it only with a stack to match.
    pub max_depth: usize,
    /// Largest document, in bytes (default 16 MiB).
    pub max_document_bytes: usize,
    /// Longest text of one element, in bytes (default 4 MiB).
    pub max_string_bytes: usize,
    /// Most elements in one document (default 1,000,000).
    pub max_elements: usize,
    /// What to do where DCS would skip an element: read it when it can be placed, skip it,
    /// or fail ([`ReadPolicy`]; default [`ReadPolicy::Forward`]). Every such element is in the
    /// read's [`Report`] ([`from_slice_reported`]).
    pub policy: ReadPolicy,
    /// The server's UTC offset in minutes: DCS reads a `DateTime` with another offset as the
    /// server's local time, and the dotnet policy does the same when it is given (`None`, the
    /// default: the sender's offset is kept, in every policy).
    pub server_utc_offset_minutes: Option<i16>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_depth: 256,
            max_document_bytes: 16 << 20,
            max_string_bytes: 4 << 20,
            max_elements: 1_000_000,
            policy: ReadPolicy::default(),
            server_utc_offset_minutes: None,
        }
    }
}

/// Writes a value as DCS does (compact, no declaration).
pub fn to_vec<T: XmlValue>(value: &T) -> Result<Vec<u8>, Error> {
    // One allocation from the value's estimate; the root's tags and declarations besides.
    let root = 2 * T::item_name().len() + T::ITEM_NAMESPACE.len() + XSI_NAMESPACE.len() + 48;
    let mut w = XmlWriter::new(Vec::with_capacity(value.size_hint() + root));
    write_root(value, &mut w)?;
    Ok(w.into_inner())
}

/// Writes a value as DCS does, as a `String`.
pub fn to_string<T: XmlValue>(value: &T) -> Result<String, Error> {
    let bytes = to_vec(value)?;
    String::from_utf8(bytes)
        .map_err(|_| Error::new(ErrorKind::Unrepresentable, "invalid UTF-8 written"))
}

/// Writes a value as DCS does to an `io::Write`.
pub fn to_writer<W: std::io::Write, T: XmlValue>(mut writer: W, value: &T) -> Result<(), Error> {
    let bytes = to_vec(value)?;
    writer
        .write_all(&bytes)
        .map_err(|e| Error::new(ErrorKind::Io, e.to_string()))
}

/// Writes a value indented as the help page shows it (`XDocument.Parse(...).ToString()`: two
/// spaces, no declaration).
pub fn to_string_pretty<T: XmlValue>(value: &T) -> Result<String, Error> {
    let compact = to_string(value)?;
    pretty::indent(&compact)
}

fn write_root<T: XmlValue>(value: &T, w: &mut XmlWriter) -> Result<(), Error> {
    if value.is_nil() {
        w.nil_root(T::item_name(), T::ITEM_NAMESPACE);
        return Ok(());
    }
    let name = T::item_name();
    match (T::ROOT_START, value.root_type(), &name) {
        (Some(start), None, Cow::Borrowed(borrowed)) => {
            w.start_root_rendered(start, borrowed, T::ITEM_NAMESPACE);
        }
        (_, root_type, _) => w.start_root(name.clone(), T::ITEM_NAMESPACE, root_type),
    }
    value.write(w).map_err(|e| e.inside(&name))?;
    w.end_element();
    Ok(())
}

/// Reads a value from XML text.
///
/// Accepts every document DCS writes, with the default [`ReadPolicy::Forward`]: members are
/// read by namespace and name in any order (DCS skips members out of its order); a name
/// declared in two inheritance levels resolves by position as in DCS; unknown and repeated
/// elements are skipped, as DCS does ([`from_slice_reported`] says which). The module
/// documentation lists the policies. Errors carry the element path and line and column.
pub fn from_str<T: XmlValue>(text: &str) -> Result<T, Error> {
    from_slice_with(text.as_bytes(), &ReadOptions::default())
}

/// Reads a value from XML bytes (UTF-8, a BOM allowed).
pub fn from_slice<T: XmlValue>(bytes: &[u8]) -> Result<T, Error> {
    from_slice_with(bytes, &ReadOptions::default())
}

/// Reads a value from an `io::Read` (read whole, up to the document size limit).
pub fn from_reader<R: std::io::Read, T: XmlValue>(reader: R) -> Result<T, Error> {
    from_reader_with(reader, &ReadOptions::default())
}

/// Reads a value from an `io::Read` with options.
pub fn from_reader_with<R: std::io::Read, T: XmlValue>(
    reader: R,
    options: &ReadOptions,
) -> Result<T, Error> {
    use std::io::Read;
    let mut bytes = Vec::new();
    let limit = u64::try_from(options.max_document_bytes).unwrap_or(u64::MAX);
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::new(ErrorKind::Io, e.to_string()))?;
    from_slice_with(&bytes, options)
}

/// Reads a value from XML bytes with options.
pub fn from_slice_with<T: XmlValue>(bytes: &[u8], options: &ReadOptions) -> Result<T, Error> {
    from_slice_reported(bytes, options).map(|(value, _)| value)
}

/// Reads a value from XML text with options, and what the read met that DCS treats
/// differently (see [`crate::report`]).
pub fn from_str_reported<T: XmlValue>(
    text: &str,
    options: &ReadOptions,
) -> Result<(T, Report), Error> {
    from_slice_reported(text.as_bytes(), options)
}

/// Reads a value from XML bytes with options, and what the read met that DCS treats
/// differently: each element out of DCS order, unknown or repeated, with its path, position
/// and what DCS does with it (see [`crate::report`]).
pub fn from_slice_reported<T: XmlValue>(
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<(T, Report), Error> {
    let mut r = XmlReader::new(bytes, options.clone())?;
    let name = T::item_name();
    let root = r.root_as(&name, T::ITEM_NAMESPACE)?;
    if !r.is(&root, T::ITEM_NAMESPACE, &name) {
        let found_ns = r.namespace(&root).unwrap_or("").to_owned();
        let found = String::from_utf8_lossy(r.local(&root)).into_owned();
        return Err(r.error_in(
            &root,
            Error::new(
                ErrorKind::WrongRoot,
                format!(
                    "expecting element '{name}' from namespace '{}', found '{found}' from namespace '{found_ns}'",
                    T::ITEM_NAMESPACE
                ),
            ),
        ));
    }
    let value = T::read(&mut r, &root)?;
    r.finish()?;
    Ok((value, r.take_report()))
}

/// Borrowed or owned element names.
pub type Name = Cow<'static, str>;
