//! How each member type is written inside its element and read back: the [`XmlValue`] trait
//! and its implementations for options, collections and strings. Scalars are in
//! `xml::scalars`, contracts and enums get theirs from the derive.

use std::borrow::Cow;

use super::error::{Error, ErrorKind};
use super::reader::{StartTag, XmlReader};
use super::writer::{MemberTags, XmlWriter};
use super::ARRAYS_NAMESPACE;

/// A value that has a DataContract XML form.
///
/// The caller starts the element (in the member's namespace); [`XmlValue::write`] adds its
/// attributes and content, and the caller ends the element. Reading mirrors it: the caller
/// reads the start tag, [`XmlValue::read`] reads through the end tag.
pub trait XmlValue: Sized {
    /// The namespace of this type's item element in a collection, which is also the namespace
    /// DCS declares (as `d2p1`) on a member element holding this type when it differs from
    /// the member's own: the Arrays namespace for primitives, a contract's own namespace.
    const ITEM_NAMESPACE: &'static str;
    /// The namespace of this type's qualified name, which DCS uses in generic names (XML
    /// Schema's for `string` or `int`, the Serialization namespace for `char`, `guid`,
    /// `duration`).
    const QNAME_NAMESPACE: &'static str = Self::ITEM_NAMESPACE;
    /// Whether a member element holding this type declares [`Self::ITEM_NAMESPACE`] (contracts,
    /// collections and `DateTimeOffset` do; primitives do not).
    const DECLARES_NAMESPACE: bool = false;
    /// The .NET type's name for messages (`System.Int32`).
    const DOTNET_NAME: &'static str;
    /// Whether the .NET type is a value type: a collection of its `Nullable<T>` puts the items
    /// in the `System` namespace (`List<int?>` is `<d2p1:int>` with `d2p1` = `…/System`).
    const IS_VALUE_TYPE: bool = false;

    /// The element name of this type as a collection item or a root (`string`, `int`,
    /// `AuthRequest`, `ArrayOfint`).
    fn item_name() -> Cow<'static, str>;

    /// The root start tag of this type without `i:type` (a contract's, rendered by the
    /// derive with [`dotnet_rules::xml::root_start`]); `None`: the writer spells it.
    #[doc(hidden)]
    const ROOT_START: Option<&'static str> = None;

    /// Whether the value is null (written `i:nil="true"`).
    fn is_nil(&self) -> bool {
        false
    }

    /// Writes attributes and content into the open element.
    fn write(&self, w: &mut XmlWriter) -> Result<(), Error>;

    /// Writes the whole member element described by `member`: by default its start tag,
    /// [`XmlValue::write`] and its end tag; text values override it to use the pre-rendered
    /// tags ([`XmlWriter::text_member`]).
    #[doc(hidden)]
    fn write_member(&self, w: &mut XmlWriter, member: &MemberTags) -> Result<(), Error> {
        w.start_element(Cow::Borrowed(member.name), member.ns);
        self.write(w)?;
        w.end_element();
        Ok(())
    }

    /// An estimate of the bytes [`XmlValue::write`] writes (content and child elements), by
    /// which the output is reserved once: exact for text that needs no escaping, an upper
    /// bound for scalars.
    fn size_hint(&self) -> usize {
        16
    }

    /// The `i:type` a root element of this value carries (a known subtype in place of its
    /// declared base type): name and namespace. DCS writes it on the root before `xmlns`.
    fn root_type(&self) -> Option<(&'static str, &'static str)> {
        None
    }

    /// Reads the element whose start tag was just read, through its end tag.
    fn read(r: &mut XmlReader<'_>, tag: &StartTag) -> Result<Self, Error>;

    /// The value a missing member element leaves: .NET's `default(T)`.
    fn missing() -> Self;

    /// The value's canonical text, by which two dictionary keys are the same .NET key (so that
    /// a key given twice is refused, as DCS refuses it); `None` for types without one, whose
    /// repeated keys are not detected.
    fn key_text(&self) -> Option<String> {
        None
    }

    /// Whether the value is .NET's `default(T)` (null, 0, false), which
    /// `[DataMember(EmitDefaultValue = false)]` leaves out.
    fn is_dotnet_default(&self) -> bool {
        false
    }
}

/// Reads the default of a member whose element is absent, or fails if it is required.
pub fn read_missing_member<T: XmlValue>(
    r: &XmlReader<'_>,
    parent: &StartTag,
    required: bool,
    name: &str,
) -> Result<T, Error> {
    if required {
        return Err(r.error_in(
            parent,
            Error::new(
                ErrorKind::MissingRequired,
                format!("required member '{name}' is missing"),
            ),
        ));
    }
    Ok(T::missing())
}

/// The error for `i:nil` on a value type, worded as .NET words it.
pub(crate) fn nil_value_type(r: &XmlReader<'_>, tag: &StartTag, dotnet: &str) -> Error {
    r.error_in(
        tag,
        Error::new(
            ErrorKind::NilValueType,
            format!("ValueType '{dotnet}' cannot be null"),
        ),
    )
}

impl<T: XmlValue> XmlValue for Option<T> {
    const ITEM_NAMESPACE: &'static str = if T::IS_VALUE_TYPE {
        super::SYSTEM_NAMESPACE
    } else {
        T::ITEM_NAMESPACE
    };
    const QNAME_NAMESPACE: &'static str = T::QNAME_NAMESPACE;
    const DECLARES_NAMESPACE: bool = T::DECLARES_NAMESPACE;
    const DOTNET_NAME: &'static str = T::DOTNET_NAME;

    fn item_name() -> Cow<'static, str> {
        T::item_name()
    }

    fn is_nil(&self) -> bool {
        self.is_none()
    }

    fn root_type(&self) -> Option<(&'static str, &'static str)> {
        self.as_ref().and_then(XmlValue::root_type)
    }

    fn is_dotnet_default(&self) -> bool {
        self.is_none()
    }

    #[inline]
    fn write_member(&self, w: &mut XmlWriter, member: &MemberTags) -> Result<(), Error> {
        match self {
            Some(v) => v.write_member(w, member),
            // A nil of a type that declares no namespace is `<x i:nil="true" />`.
            None if !T::DECLARES_NAMESPACE => {
                w.nil_member(member);
                Ok(())
            }
            None => {
                w.start_element(Cow::Borrowed(member.name), member.ns);
                self.write(w)?;
                w.end_element();
                Ok(())
            }
        }
    }

    fn size_hint(&self) -> usize {
        self.as_ref().map_or(0, XmlValue::size_hint)
    }

    fn write(&self, w: &mut XmlWriter) -> Result<(), Error> {
        match self {
            Some(v) => v.write(w),
            None => {
                if T::DECLARES_NAMESPACE {
                    w.declare_namespace(T::ITEM_NAMESPACE);
                }
                w.nil_attr();
                Ok(())
            }
        }
    }

    fn read(r: &mut XmlReader<'_>, tag: &StartTag) -> Result<Self, Error> {
        if tag.nil {
            r.skip(tag)?;
            Ok(None)
        } else {
            T::read(r, tag).map(Some)
        }
    }

    fn missing() -> Self {
        None
    }
}

impl<T: XmlValue> XmlValue for Vec<T> {
    const ITEM_NAMESPACE: &'static str = T::ITEM_NAMESPACE;
    const DECLARES_NAMESPACE: bool = true;
    const DOTNET_NAME: &'static str = "System.Collections.Generic.List`1";

    fn item_name() -> Cow<'static, str> {
        Cow::Owned(dotnet_rules::names::array_of(&T::item_name()))
    }

    fn size_hint(&self) -> usize {
        // `<Item>` and `</Item>` around each item's content, and a `xmlns:d2p1` declaration.
        let tags = 2 * T::item_name().len() + 5;
        self.iter()
            .map(|item| item.size_hint() + tags)
            .sum::<usize>()
            + 96
    }

    fn write(&self, w: &mut XmlWriter) -> Result<(), Error> {
        w.declare_namespace(T::ITEM_NAMESPACE);
        if self.is_empty() {
            return Ok(());
        }
        let name = T::item_name();
        for item in self {
            w.start_element(name.clone(), T::ITEM_NAMESPACE);
            item.write(w)?;
            w.end_element();
        }
        Ok(())
    }

    fn read(r: &mut XmlReader<'_>, tag: &StartTag) -> Result<Self, Error> {
        if tag.nil {
            return Err(nil_value_type(r, tag, Self::DOTNET_NAME));
        }
        let name = T::item_name();
        let mut items = Vec::new();
        while let Some(child) = r.next_child(tag)? {
            if !r.is(&child, T::ITEM_NAMESPACE, &name) {
                let found = String::from_utf8_lossy(r.local(&child)).into_owned();
                let message = format!(
                    "collection item '{found}' from namespace '{}' is not '{name}' from namespace '{}'",
                    r.namespace(&child).unwrap_or(""),
                    T::ITEM_NAMESPACE
                );
                let (finding, dotnet) = (
                    crate::report::FindingKind::Unknown,
                    crate::report::DotnetAction::Skips,
                );
                let message = format!("{message}; DCS drops it");
                let fix = Some(format!(
                    "name each item `<{name}>`, in namespace '{}'",
                    T::ITEM_NAMESPACE
                ));
                r.drop_element(
                    &child,
                    finding,
                    dotnet,
                    ErrorKind::UnknownElement,
                    message,
                    fix,
                )?;
                continue;
            }
            items.push(T::read(r, &child)?);
        }
        Ok(items)
    }

    fn missing() -> Self {
        Vec::new()
    }
}

impl XmlValue for String {
    const ITEM_NAMESPACE: &'static str = ARRAYS_NAMESPACE;
    const QNAME_NAMESPACE: &'static str = dotnet_rules::primitives::STRING.namespace;
    const DOTNET_NAME: &'static str = dotnet_rules::primitives::STRING.clr_name;

    fn item_name() -> Cow<'static, str> {
        Cow::Borrowed(dotnet_rules::primitives::STRING.name)
    }

    fn write(&self, w: &mut XmlWriter) -> Result<(), Error> {
        // An empty string is `<x></x>`, not `<x />`.
        w.begin_content();
        w.text(self);
        Ok(())
    }

    #[inline]
    fn write_member(&self, w: &mut XmlWriter, member: &MemberTags) -> Result<(), Error> {
        w.string_member(member, Some(self));
        Ok(())
    }

    fn size_hint(&self) -> usize {
        self.len()
    }

    fn read(r: &mut XmlReader<'_>, tag: &StartTag) -> Result<Self, Error> {
        if tag.nil {
            return Err(nil_value_type(r, tag, Self::DOTNET_NAME));
        }
        r.text(tag).map(Cow::into_owned)
    }

    fn missing() -> Self {
        String::new()
    }

    fn key_text(&self) -> Option<String> {
        Some(self.clone())
    }
}

impl<K: XmlValue, V: XmlValue> XmlValue for crate::Dictionary<K, V> {
    const ITEM_NAMESPACE: &'static str = ARRAYS_NAMESPACE;
    const DECLARES_NAMESPACE: bool = true;
    const DOTNET_NAME: &'static str = "System.Collections.Generic.Dictionary`2";

    fn item_name() -> Cow<'static, str> {
        Cow::Owned(dotnet_rules::names::array_of(&entry_name::<K, V>()))
    }

    fn write(&self, w: &mut XmlWriter) -> Result<(), Error> {
        w.declare_namespace(ARRAYS_NAMESPACE);
        if self.is_empty() {
            return Ok(());
        }
        let entry: Cow<'static, str> = Cow::Owned(entry_name::<K, V>());
        for (key, value) in self.iter() {
            w.start_element(entry.clone(), ARRAYS_NAMESPACE);
            w.start_element(Cow::Borrowed("Key"), ARRAYS_NAMESPACE);
            key.write(w).map_err(|e| e.inside("Key"))?;
            w.end_element();
            w.start_element(Cow::Borrowed("Value"), ARRAYS_NAMESPACE);
            if value.is_nil() {
                value.write(w)?;
            } else {
                value.write(w).map_err(|e| e.inside("Value"))?;
            }
            w.end_element();
            w.end_element();
        }
        Ok(())
    }

    fn read(r: &mut XmlReader<'_>, tag: &StartTag) -> Result<Self, Error> {
        if tag.nil {
            return Err(nil_value_type(r, tag, Self::DOTNET_NAME));
        }
        let entry = entry_name::<K, V>();
        let mut entries = Vec::new();
        let mut seen = std::collections::HashSet::new();
        while let Some(item) = r.next_child(tag)? {
            if !r.is(&item, ARRAYS_NAMESPACE, &entry) {
                let found = String::from_utf8_lossy(r.local(&item)).into_owned();
                return Err(r.error_in(
                    &item,
                    Error::new(
                        ErrorKind::UnknownElement,
                        format!("dictionary entry '{found}' is not '{entry}'"),
                    ),
                ));
            }
            let mut key = None;
            let mut value = None;
            while let Some(part) = r.next_child(&item)? {
                if r.is(&part, ARRAYS_NAMESPACE, "Key") && key.is_none() && value.is_none() {
                    key = Some(K::read(r, &part)?);
                } else if r.is(&part, ARRAYS_NAMESPACE, "Value") && key.is_some() && value.is_none()
                {
                    value = Some(V::read(r, &part)?);
                } else if r.is(&part, ARRAYS_NAMESPACE, "Value") && key.is_none() {
                    return Err(super::support::second_before_first(
                        r,
                        &part,
                        "Value",
                        "Key",
                        "a dictionary entry",
                    ));
                } else {
                    let found = String::from_utf8_lossy(r.local(&part)).into_owned();
                    return Err(r.error_in(
                        &part,
                        Error::new(
                            ErrorKind::UnknownElement,
                            format!("'{found}' in a dictionary entry (expected Key and Value)"),
                        ),
                    ));
                }
            }
            let Some(key) = key else {
                return Err(r.error_in(
                    &item,
                    Error::new(ErrorKind::MissingRequired, "dictionary entry without Key"),
                ));
            };
            // A .NET dictionary holds a key once: DCS fails ("An item with the same key has
            // already been added"). Keys compare by their canonical text.
            if let Some(text) = key.key_text().filter(|t| !seen.insert(t.clone())) {
                let shown: String = text.chars().take(40).collect();
                return Err(r.error_in(
                    &item,
                    Error::new(
                        ErrorKind::DuplicateElement,
                        format!("dictionary key '{shown}' is given more than once"),
                    ),
                ));
            }
            entries.push((key, value.unwrap_or_else(V::missing)));
        }
        Ok(crate::Dictionary(entries))
    }

    fn missing() -> Self {
        crate::Dictionary(Vec::new())
    }
}

/// `KeyValueOf{K}{V}` with DCS's namespace digest when needed.
fn entry_name<K: XmlValue, V: XmlValue>() -> String {
    crate::dictionary::generic_name(
        dotnet_rules::names::KEY_VALUE_OF,
        &[
            (K::item_name(), K::QNAME_NAMESPACE),
            (V::item_name(), V::QNAME_NAMESPACE),
        ],
    )
}
