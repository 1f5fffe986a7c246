//! .NET `object` members: a primitive value that carries its type on the wire (`i:type` in
//! DCS XML; the JSON token's kind in Json.NET).

use std::borrow::Cow;

use dotnet_rules::primitives;

use crate::dotnet::{DateTime, Decimal, TimeSpan, Uri, Uuid, XmlText};
use crate::xml::{self, Error, ErrorKind, StartTag, XmlReader, XmlValue, XmlWriter};

/// A value of a member declared as `object`. DCS writes it with `i:type="d2p1:int"` (XML
/// Schema's type names); Json.NET writes the bare value and reads integers as `long`,
/// fractions as `double`, strings as `string`.
///
/// A JSON array or non-empty object (Json.NET's `JArray`, `JObject`) and an integer past
/// `long` (`BigInteger`) are kept as their JSON text ([`Object::Json`]). What this type
/// cannot hold is an error, never rounded or dropped: an `xs:QName` (DCS's
/// `XmlQualifiedName`), and content in an element without `i:type` (which DCS refuses too).
/// The XML Schema types DCS reads as strings or longs (`gYear`, `token`, `integer`, ...) are
/// held as DCS holds them, [`Object::String`] and [`Object::Long`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Object {
    /// `new object()`: no value; `i:type="d2p1:anyType"` in XML, `{}` in JSON (which
    /// Json.NET reads back as a `JObject`, a value DCS cannot write).
    Empty,
    /// `string`.
    String(String),
    /// `int`.
    Int(i32),
    /// `long`.
    Long(i64),
    /// `bool`.
    Bool(bool),
    /// `double`.
    Double(f64),
    /// `decimal`.
    Decimal(Decimal),
    /// `DateTime`.
    DateTime(DateTime),
    /// `Guid`.
    Guid(Uuid),
    /// `sbyte` (XML Schema's `byte`).
    SByte(i8),
    /// `byte` (`unsignedByte`).
    Byte(u8),
    /// `short`.
    Short(i16),
    /// `ushort`.
    UShort(u16),
    /// `uint`.
    UInt(u32),
    /// `ulong`.
    ULong(u64),
    /// `float`.
    Float(f32),
    /// `TimeSpan` (`duration`).
    TimeSpan(TimeSpan),
    /// `Uri` (`anyURI`).
    Uri(Uri),
    /// What Json.NET holds in an `object` member for a JSON array (`JArray`), a non-empty
    /// object (`JObject`) or an integer past `long` (`BigInteger`): here its JSON text, without
    /// the whitespace between tokens (as Json.NET writes it back). JSON only: DCS cannot
    /// write it, and writing it as XML is an
    /// [`Unrepresentable`](crate::xml::ErrorKind::Unrepresentable) error.
    Json(String),
}

impl Object {
    /// The XML Schema (or Serialization) type name and namespace DCS writes in `i:type`.
    fn xml_type(&self) -> (&'static str, &'static str) {
        let p = match self {
            Object::Empty => primitives::OBJECT,
            Object::String(_) => primitives::STRING,
            Object::Int(_) => primitives::INT32,
            Object::Long(_) => primitives::INT64,
            Object::Bool(_) => primitives::BOOLEAN,
            Object::Double(_) => primitives::DOUBLE,
            Object::Decimal(_) => primitives::DECIMAL,
            Object::DateTime(_) => primitives::DATE_TIME,
            Object::Guid(_) => primitives::GUID,
            Object::SByte(_) => primitives::SBYTE,
            Object::Byte(_) => primitives::BYTE,
            Object::Short(_) => primitives::INT16,
            Object::UShort(_) => primitives::UINT16,
            Object::UInt(_) => primitives::UINT32,
            Object::ULong(_) => primitives::UINT64,
            Object::Float(_) => primitives::SINGLE,
            Object::TimeSpan(_) => primitives::TIME_SPAN,
            Object::Uri(_) => primitives::URI,
            // (Refused before it is asked for: see `write`.)
            Object::Json(_) => primitives::OBJECT,
        };
        (p.name, p.namespace)
    }
}

fn parse<T: XmlText>(r: &mut XmlReader<'_>, tag: &StartTag) -> Result<T, Error> {
    let text = r.text(tag)?;
    T::parse_xml(&text)
        .map_err(|e| r.error_in(tag, Error::new(ErrorKind::InvalidValue, e.to_string())))
}

impl XmlValue for Object {
    const ITEM_NAMESPACE: &'static str = xml::ARRAYS_NAMESPACE;
    const QNAME_NAMESPACE: &'static str = primitives::OBJECT.namespace;
    const DOTNET_NAME: &'static str = primitives::OBJECT.clr_name;

    fn item_name() -> Cow<'static, str> {
        Cow::Borrowed(primitives::OBJECT.name)
    }

    fn write(&self, w: &mut XmlWriter) -> Result<(), Error> {
        if let Object::Json(text) = self {
            let kind = match text.as_bytes().first() {
                Some(b'[') => "a JArray",
                Some(b'{') => "a JObject",
                _ => "a BigInteger",
            };
            return Err(Error::new(
                ErrorKind::Unrepresentable,
                format!("an object member holding {kind} (read from JSON) has no DCS form"),
            ));
        }
        let (name, ns) = self.xml_type();
        w.type_attribute(name, ns);
        match self {
            Object::Empty => {}
            Object::String(s) => {
                w.begin_content();
                w.text(s);
            }
            Object::Int(v) => v.write_xml(w.content_buffer()),
            Object::Long(v) => v.write_xml(w.content_buffer()),
            Object::Bool(v) => v.write_xml(w.content_buffer()),
            Object::Double(v) => v.write_xml(w.content_buffer()),
            Object::Decimal(v) => v.write_xml(w.content_buffer()),
            Object::DateTime(v) => v.write_xml(w.content_buffer()),
            Object::Guid(v) => v.write_xml(w.content_buffer()),
            Object::SByte(v) => v.write_xml(w.content_buffer()),
            Object::Byte(v) => v.write_xml(w.content_buffer()),
            Object::Short(v) => v.write_xml(w.content_buffer()),
            Object::UShort(v) => v.write_xml(w.content_buffer()),
            Object::UInt(v) => v.write_xml(w.content_buffer()),
            Object::ULong(v) => v.write_xml(w.content_buffer()),
            Object::Float(v) => v.write_xml(w.content_buffer()),
            Object::TimeSpan(v) => v.write_xml(w.content_buffer()),
            Object::Uri(v) => {
                w.begin_content();
                w.text(v.as_str());
            }
            Object::Json(_) => {}
        }
        Ok(())
    }

    fn read(r: &mut XmlReader<'_>, tag: &StartTag) -> Result<Self, Error> {
        let Some((ns, name)) = tag.xsi_type.as_deref().cloned() else {
            // No type: `new object()`, which has no content; DCS refuses content here ("cannot
            // have child contents to be deserialized as an object", own-vectors
            // read-xml-object-no-type).
            let text = r.text(tag)?;
            if !text.trim().is_empty() {
                return Err(r.error_in(
                    tag,
                    Error::new(
                        xml::ErrorKind::UnexpectedContent,
                        "an object member without i:type has content (DCS reads such an element only when it is empty)",
                    ),
                ));
            }
            return Ok(Object::Empty);
        };
        let ns = ns.unwrap_or_default();
        let is = |p: primitives::Primitive| ns == p.namespace && name == p.name;
        Ok(if is(primitives::OBJECT) {
            r.skip(tag)?;
            Object::Empty
        } else if is(primitives::STRING) {
            Object::String(r.text(tag)?.into_owned())
        } else if is(primitives::INT32) {
            Object::Int(parse(r, tag)?)
        } else if is(primitives::INT64) {
            Object::Long(parse(r, tag)?)
        } else if is(primitives::BOOLEAN) {
            Object::Bool(parse(r, tag)?)
        } else if is(primitives::DOUBLE) {
            Object::Double(parse(r, tag)?)
        } else if is(primitives::DECIMAL) {
            Object::Decimal(parse(r, tag)?)
        } else if is(primitives::DATE_TIME) {
            Object::DateTime(parse(r, tag)?)
        } else if is(primitives::GUID) {
            Object::Guid(parse(r, tag)?)
        } else if is(primitives::SBYTE) {
            Object::SByte(parse(r, tag)?)
        } else if is(primitives::BYTE) {
            Object::Byte(parse(r, tag)?)
        } else if is(primitives::INT16) {
            Object::Short(parse(r, tag)?)
        } else if is(primitives::UINT16) {
            Object::UShort(parse(r, tag)?)
        } else if is(primitives::UINT32) {
            Object::UInt(parse(r, tag)?)
        } else if is(primitives::UINT64) {
            Object::ULong(parse(r, tag)?)
        } else if is(primitives::SINGLE) {
            Object::Float(parse(r, tag)?)
        } else if is(primitives::TIME_SPAN) {
            Object::TimeSpan(parse(r, tag)?)
        } else if is(primitives::URI) {
            Object::Uri(parse(r, tag)?)
        } else if ns == primitives::STRING.namespace
            && primitives::XSD_STRING_TYPES.contains(&name.as_str())
        {
            // DCS holds these as strings: written back, they are `xs:string`.
            Object::String(r.text(tag)?.into_owned())
        } else if ns == primitives::INT64.namespace
            && primitives::XSD_LONG_TYPES.contains(&name.as_str())
        {
            Object::Long(parse(r, tag)?)
        } else {
            return Err(xml::unknown_type(r, tag, Some(&ns), &name));
        })
    }

    fn missing() -> Self {
        Object::Empty
    }
}

impl crate::json::JsonValue for Object {
    fn write_json<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use crate::json::JsonValue;
        match self {
            Object::Empty => {
                let map = serde::Serializer::serialize_map(s, Some(0))?;
                serde::ser::SerializeMap::end(map)
            }
            Object::String(v) => JsonValue::write_json(v, s),
            Object::Int(v) => JsonValue::write_json(v, s),
            Object::Long(v) => JsonValue::write_json(v, s),
            Object::Bool(v) => JsonValue::write_json(v, s),
            Object::Double(v) => JsonValue::write_json(v, s),
            Object::Decimal(v) => JsonValue::write_json(v, s),
            Object::DateTime(v) => JsonValue::write_json(v, s),
            Object::Guid(v) => JsonValue::write_json(v, s),
            Object::SByte(v) => JsonValue::write_json(v, s),
            Object::Byte(v) => JsonValue::write_json(v, s),
            Object::Short(v) => JsonValue::write_json(v, s),
            Object::UShort(v) => JsonValue::write_json(v, s),
            Object::UInt(v) => JsonValue::write_json(v, s),
            Object::ULong(v) => JsonValue::write_json(v, s),
            Object::Float(v) => JsonValue::write_json(v, s),
            Object::TimeSpan(v) => JsonValue::write_json(v, s),
            Object::Uri(v) => JsonValue::write_json(&Some(v.clone()), s),
            Object::Json(text) => crate::json::write_raw(s, text),
        }
    }

    fn read_json<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use crate::json::token::{number_text, IntBuffer, Token};
        use serde::de::Error as _;
        // With its text in every pass: an array or object is kept as its text.
        let captured = crate::json::token::read_with_text(d)?;
        let value = match &captured.token {
            // Json.NET's DateParseHandling turns an ISO date string into a DateTime.
            Token::String(s) if looks_like_date(s) => match DateTime::parse_json(s) {
                Ok(d) => Ok(Object::DateTime(d)),
                Err(_) => Ok(Object::String(s.clone().into_owned())),
            },
            Token::String(s) => Ok(Object::String(s.clone().into_owned())),
            Token::Bool(b) => Ok(Object::Bool(*b)),
            number @ (Token::Number(_) | Token::Integer(_)) => {
                let mut buf: IntBuffer = [0; 40];
                let text = number_text(number, &mut buf).unwrap_or("");
                if let Ok(v) = text.parse::<i64>() {
                    Ok(Object::Long(v))
                } else if !text.contains(['.', 'e', 'E']) {
                    // Json.NET reads it as a BigInteger, which a double would round (own-vectors
                    // read-json-object-big-integer): kept as its digits.
                    Ok(Object::Json(text.to_owned()))
                } else {
                    text.parse::<f64>().map(Object::Double).map_err(|_| {
                        D::Error::custom(format!("number {text} does not fit a .NET object value"))
                    })
                }
            }
            Token::Object { empty: true } => Ok(Object::Empty),
            // Json.NET's JArray and JObject: their text, between tokens without whitespace.
            Token::Array | Token::Object { .. } => match captured.json_text() {
                Some(text) => Ok(Object::Json(compact(text))),
                None => Err(D::Error::custom(
                    "an object member holds an array or object here only from serde_json, which hands over its text",
                )),
            },
            Token::Null => Err(D::Error::custom(
                "an object member holds a primitive value here, found null",
            )),
        };
        value.map_err(|e| captured.fail(e))
    }

    fn json_missing() -> Self {
        Object::Empty
    }
}

/// JSON text without the whitespace between its tokens.
fn compact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if !c.is_ascii_whitespace() {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}

/// Whether Json.NET would try to read a string as a date: ISO `yyyy-MM-ddT…` or `/Date(…)/`.
fn looks_like_date(s: &str) -> bool {
    let b = s.as_bytes();
    s.starts_with("/Date(")
        || (b.len() >= 19
            && b.get(..4).is_some_and(|y| y.iter().all(u8::is_ascii_digit))
            && b.get(4) == Some(&b'-')
            && b.get(7) == Some(&b'-')
            && b.get(10) == Some(&b'T'))
}

#[cfg(test)]
mod json_text_tests {
    use super::*;

    #[derive(Clone, PartialEq, crate::DataContract)]
    #[h2h(
        name = "Holder",
        namespace = "http://schemas.datacontract.org/2004/07/Acme"
    )]
    struct Holder {
        payload: Option<Object>,
    }

    #[test]
    fn arrays_objects_and_big_integers_keep_their_text_and_have_no_xml_form() {
        let body = r#"{"payload": { "a" : [1, "x y", null, 1.50], "b\"" : {} }}"#;
        let holder: Holder = crate::json::from_str(body).unwrap();
        assert!(
            holder.payload == Some(Object::Json(r#"{"a":[1,"x y",null,1.50],"b\"":{}}"#.into()))
        );
        assert_eq!(
            crate::json::to_string(&holder).unwrap(),
            r#"{"payload":{"a":[1,"x y",null,1.50],"b\"":{}}}"#
        );
        let big: Holder = crate::json::from_str(r#"{"payload":12345678901234567890}"#).unwrap();
        assert!(big.payload == Some(Object::Json("12345678901234567890".into())));
        let e = crate::xml::to_vec(&big).unwrap_err();
        assert_eq!(e.kind(), crate::xml::ErrorKind::Unrepresentable);
        assert!(e.to_string().contains("BigInteger"), "{e}");
    }
}
