//! `XmlValue` for the .NET scalars: their text comes from [`crate::dotnet`].

use std::borrow::Cow;

use super::error::{Error, ErrorKind};
use super::reader::{StartTag, XmlReader};
use super::value::{nil_value_type, XmlValue};
use super::writer::{MemberTags, XmlWriter};
use super::{ARRAYS_NAMESPACE, SYSTEM_NAMESPACE};
use crate::dotnet::{
    self, DateTime, DateTimeOffset, Decimal, TimeSpan, Uri, Uuid, ValueError, ValueErrorKind,
    XmlText,
};
use crate::Bytes;
use dotnet_rules::primitives::{self, DATE_TIME_OFFSET_MEMBERS};

/// `DateTimeOffset`'s two members.
const DTO_UTC: &str = DATE_TIME_OFFSET_MEMBERS[0];
const DTO_OFFSET: &str = DATE_TIME_OFFSET_MEMBERS[1];

/// The XML error for a scalar text that does not parse.
pub(crate) fn value_error(e: &ValueError) -> Error {
    let kind = match e.kind() {
        ValueErrorKind::Overflow => ErrorKind::Overflow,
        _ => ErrorKind::InvalidValue,
    };
    Error::new(kind, e.to_string())
}

fn read_text<T>(
    r: &mut XmlReader<'_>,
    tag: &StartTag,
    dotnet_name: &str,
    parse: impl FnOnce(&str) -> Result<T, ValueError>,
) -> Result<T, Error> {
    if tag.nil {
        return Err(nil_value_type(r, tag, dotnet_name));
    }
    let text = r.text(tag)?;
    parse(&text).map_err(|e| r.error_in(tag, value_error(&e)))
}

/// Scalars whose text is given by [`XmlText`]: the name of their item element in the Arrays
/// namespace, their `default(T)`, and the longest text (the size estimate).
macro_rules! text_scalar {
    ($($t:ty => $names:expr, $default:expr, $max:expr $(, then $adjust:path)?;)*) => {$(
        impl XmlValue for $t {
            const ITEM_NAMESPACE: &'static str = ARRAYS_NAMESPACE;
            const QNAME_NAMESPACE: &'static str = $names.namespace;
            const IS_VALUE_TYPE: bool = true;
            const DOTNET_NAME: &'static str = $names.clr_name;

            fn item_name() -> Cow<'static, str> {
                Cow::Borrowed($names.name)
            }

            fn write(&self, w: &mut XmlWriter) -> Result<(), Error> {
                XmlText::write_xml(self, w.content_buffer());
                Ok(())
            }

            #[inline]
            fn write_member(&self, w: &mut XmlWriter, member: &MemberTags) -> Result<(), Error> {
                w.text_member(member, |out| XmlText::write_xml(self, out));
                Ok(())
            }

            fn size_hint(&self) -> usize {
                $max
            }

            fn read(r: &mut XmlReader<'_>, tag: &StartTag) -> Result<Self, Error> {
                let value = read_text(r, tag, $names.clr_name, <$t as XmlText>::parse_xml)?;
                $(let value = $adjust(r, tag, value)?;)?
                Ok(value)
            }

            fn missing() -> Self {
                $default
            }

            fn is_dotnet_default(&self) -> bool {
                *self == $default
            }

            fn key_text(&self) -> Option<String> {
                let mut text = Vec::new();
                XmlText::write_xml(self, &mut text);
                String::from_utf8(text).ok()
            }
        }
    )*};
}

text_scalar! {
    bool => primitives::BOOLEAN, false, 5;
    i8 => primitives::SBYTE, 0, 4;
    u8 => primitives::BYTE, 0, 3;
    i16 => primitives::INT16, 0, 6;
    u16 => primitives::UINT16, 0, 5;
    i32 => primitives::INT32, 0, 11;
    u32 => primitives::UINT32, 0, 10;
    i64 => primitives::INT64, 0, 20;
    u64 => primitives::UINT64, 0, 20;
    f32 => primitives::SINGLE, 0.0, 16;
    f64 => primitives::DOUBLE, 0.0, 24;
    Decimal => primitives::DECIMAL, Decimal::ZERO, 31;
    // `0001-01-01T00:00:00.0000000+00:00`
    DateTime => primitives::DATE_TIME, DateTime::MIN, 33, then at_server_offset;
    TimeSpan => primitives::TIME_SPAN, TimeSpan::ZERO, 28;
    Uuid => primitives::GUID, Uuid::nil(), 36;
}

/// DCS reads a `DateTime` with an offset as the server's local time: the same instant at the
/// server's offset. With [`ReadOptions::server_utc_offset_minutes`](super::ReadOptions) given,
/// the dotnet policy converts it so; the forward policy keeps the sender's offset; the strict
/// policy refuses it. Each conversion (or kept offset) is a finding.
fn at_server_offset(
    r: &mut XmlReader<'_>,
    tag: &StartTag,
    value: DateTime,
) -> Result<DateTime, Error> {
    let server = r.options().server_utc_offset_minutes;
    match crate::report::at_server_offset(value, server, r.policy(), "DCS") {
        Ok(None) => Ok(value),
        Ok(Some(other)) => {
            let note = crate::report::Note {
                kind: crate::report::FindingKind::OffsetConverted,
                dotnet: crate::report::DotnetAction::ConvertsToServerTime,
                outcome: other.outcome,
                expected_order: Vec::new(),
                message: other.message,
                fix: Some(other.fix),
            };
            r.note(tag, note);
            Ok(other.value)
        }
        Err(message) => Err(r.error_in(tag, Error::new(ErrorKind::InvalidValue, message))),
    }
}

/// `Uri` is a reference type (a member of type `Uri` is an `Option<Uri>`); its text is
/// escaped as XML text too, since it may hold `&`.
impl XmlValue for Uri {
    const ITEM_NAMESPACE: &'static str = ARRAYS_NAMESPACE;
    const QNAME_NAMESPACE: &'static str = primitives::URI.namespace;
    const DOTNET_NAME: &'static str = primitives::URI.clr_name;

    fn item_name() -> Cow<'static, str> {
        Cow::Borrowed(primitives::URI.name)
    }

    fn write(&self, w: &mut XmlWriter) -> Result<(), Error> {
        let mut text = Vec::new();
        XmlText::write_xml(self, &mut text);
        w.text(&String::from_utf8_lossy(&text));
        Ok(())
    }

    fn read(r: &mut XmlReader<'_>, tag: &StartTag) -> Result<Self, Error> {
        read_text(r, tag, "System.Uri", <Uri as XmlText>::parse_xml)
    }

    fn missing() -> Self {
        Uri::new("")
    }
}

/// .NET `char` is a UTF-16 code unit, written as its number; a Rust `char` above U+FFFF has no
/// .NET `char` form, and a surrogate code unit has no Rust `char` form: both are errors.
impl XmlValue for char {
    const ITEM_NAMESPACE: &'static str = ARRAYS_NAMESPACE;
    const IS_VALUE_TYPE: bool = true;
    const QNAME_NAMESPACE: &'static str = primitives::CHAR.namespace;
    const DOTNET_NAME: &'static str = primitives::CHAR.clr_name;

    fn item_name() -> Cow<'static, str> {
        Cow::Borrowed(primitives::CHAR.name)
    }

    fn write(&self, w: &mut XmlWriter) -> Result<(), Error> {
        let unit = u16::try_from(u32::from(*self)).map_err(|_| {
            Error::new(
                ErrorKind::Unrepresentable,
                format!(
                    "U+{:X} does not fit in a .NET char (one UTF-16 code unit)",
                    u32::from(*self)
                ),
            )
        })?;
        dotnet::write_xml_char(unit, w.content_buffer());
        Ok(())
    }

    fn read(r: &mut XmlReader<'_>, tag: &StartTag) -> Result<Self, Error> {
        let unit = read_text(r, tag, "System.Char", dotnet::parse_xml_char)?;
        char::from_u32(u32::from(unit)).ok_or_else(|| {
            r.error_in(
                tag,
                Error::new(
                    ErrorKind::Unrepresentable,
                    format!(
                        "char {unit} is a lone UTF-16 surrogate, which a Rust char cannot hold"
                    ),
                ),
            )
        })
    }

    fn missing() -> Self {
        '\0'
    }

    fn is_dotnet_default(&self) -> bool {
        *self == '\0'
    }
}

/// `byte[]`: base64 text.
impl XmlValue for Bytes {
    const ITEM_NAMESPACE: &'static str = ARRAYS_NAMESPACE;
    const QNAME_NAMESPACE: &'static str = primitives::BYTES.namespace;
    const DOTNET_NAME: &'static str = primitives::BYTES.clr_name;

    fn item_name() -> Cow<'static, str> {
        Cow::Borrowed(primitives::BYTES.name)
    }

    fn write(&self, w: &mut XmlWriter) -> Result<(), Error> {
        // An empty array is `<x />`, as DCS writes it.
        if !self.is_empty() {
            dotnet::write_base64(self, w.content_buffer());
        }
        Ok(())
    }

    fn read(r: &mut XmlReader<'_>, tag: &StartTag) -> Result<Self, Error> {
        read_text(r, tag, "System.Byte[]", dotnet::parse_base64).map(Bytes)
    }

    fn missing() -> Self {
        Bytes::default()
    }
}

/// `DateTimeOffset` is a complex type in XML: `<DateTime>` (UTC, `Z`) and `<OffsetMinutes>` in
/// the `System` namespace.
impl XmlValue for DateTimeOffset {
    const ITEM_NAMESPACE: &'static str = SYSTEM_NAMESPACE;
    const DECLARES_NAMESPACE: bool = true;
    const IS_VALUE_TYPE: bool = true;
    const DOTNET_NAME: &'static str = primitives::DATE_TIME_OFFSET.clr_name;

    fn item_name() -> Cow<'static, str> {
        Cow::Borrowed(primitives::DATE_TIME_OFFSET.name)
    }

    fn write(&self, w: &mut XmlWriter) -> Result<(), Error> {
        w.declare_namespace(SYSTEM_NAMESPACE);
        w.start_element(Cow::Borrowed(DTO_UTC), SYSTEM_NAMESPACE);
        XmlText::write_xml(&self.utc(), w.content_buffer());
        w.end_element();
        w.start_element(Cow::Borrowed(DTO_OFFSET), SYSTEM_NAMESPACE);
        XmlText::write_xml(&i32::from(self.offset_minutes()), w.content_buffer());
        w.end_element();
        Ok(())
    }

    fn read(r: &mut XmlReader<'_>, tag: &StartTag) -> Result<Self, Error> {
        if tag.nil {
            return Err(nil_value_type(r, tag, Self::DOTNET_NAME));
        }
        let mut utc: Option<DateTime> = None;
        let mut offset: Option<i16> = None;
        while let Some(child) = r.next_child(tag)? {
            if r.is(&child, SYSTEM_NAMESPACE, DTO_UTC) && utc.is_none() {
                utc = Some(read_text(
                    r,
                    &child,
                    "System.DateTime",
                    DateTime::parse_xml,
                )?);
            } else if r.is(&child, SYSTEM_NAMESPACE, DTO_OFFSET) && utc.is_none() {
                return Err(super::support::second_before_first(
                    r,
                    &child,
                    DTO_OFFSET,
                    DTO_UTC,
                    "a DateTimeOffset",
                ));
            } else if r.is(&child, SYSTEM_NAMESPACE, DTO_OFFSET) && offset.is_none() {
                offset = Some(read_text(
                    r,
                    &child,
                    "System.Int16",
                    <i16 as XmlText>::parse_xml,
                )?);
            } else {
                let name = String::from_utf8_lossy(r.local(&child)).into_owned();
                let message = format!("'{name}' is not a member of DateTimeOffset");
                let (finding, dotnet) = (
                    crate::report::FindingKind::Unknown,
                    crate::report::DotnetAction::Skips,
                );
                let message = format!("{message}; DCS skips it");
                let fix = Some("send only `<DateTime>` and `<OffsetMinutes>`".to_owned());
                r.drop_element(
                    &child,
                    finding,
                    dotnet,
                    ErrorKind::UnknownElement,
                    message,
                    fix,
                )?;
            }
        }
        let (Some(utc), Some(offset)) = (utc, offset) else {
            return Err(r.error_in(
                tag,
                Error::new(
                    ErrorKind::MissingRequired,
                    "DateTimeOffset needs DateTime and OffsetMinutes",
                ),
            ));
        };
        DateTimeOffset::from_utc_datetime(utc, offset).ok_or_else(|| {
            r.error_in(
                tag,
                Error::new(
                    ErrorKind::InvalidValue,
                    "DateTimeOffset out of range (or its DateTime is not UTC)",
                ),
            )
        })
    }

    fn missing() -> Self {
        DateTimeOffset::MIN
    }

    fn is_dotnet_default(&self) -> bool {
        *self == DateTimeOffset::MIN
    }
}

impl<T: XmlValue> XmlValue for Box<T> {
    const ITEM_NAMESPACE: &'static str = T::ITEM_NAMESPACE;
    const DECLARES_NAMESPACE: bool = T::DECLARES_NAMESPACE;
    const DOTNET_NAME: &'static str = T::DOTNET_NAME;

    fn item_name() -> Cow<'static, str> {
        T::item_name()
    }

    fn is_nil(&self) -> bool {
        (**self).is_nil()
    }

    fn write(&self, w: &mut XmlWriter) -> Result<(), Error> {
        (**self).write(w)
    }

    fn write_member(&self, w: &mut XmlWriter, member: &MemberTags) -> Result<(), Error> {
        (**self).write_member(w, member)
    }

    fn size_hint(&self) -> usize {
        (**self).size_hint()
    }

    fn read(r: &mut XmlReader<'_>, tag: &StartTag) -> Result<Self, Error> {
        T::read(r, tag).map(Box::new)
    }

    fn missing() -> Self {
        Box::new(T::missing())
    }

    fn is_dotnet_default(&self) -> bool {
        (**self).is_dotnet_default()
    }
}
