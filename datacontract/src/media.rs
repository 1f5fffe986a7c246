//! Bodies on the wire as ASP.NET Web API's formatters take and give them: which media types
//! each format answers to, which charsets, and a body read or written in either format. The
//! client and the mock server both go through here.
//!
//! Web API 5's `JsonMediaTypeFormatter` answers to `application/json` and `text/json`, its
//! `XmlMediaTypeFormatter` to `application/xml` and `text/xml`; both read and write UTF-8 (the
//! default) and UTF-16 (`charset=utf-16`, little-endian), and a byte order mark overrides the
//! charset (`StreamReader` detects it). Writing here is always UTF-8, as Web API's default.

use std::borrow::Cow;
use std::fmt;

use crate::{json, xml, ReadPolicy, Report};

/// A body format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// DataContractSerializer XML.
    Xml,
    /// Json.NET JSON.
    Json,
}

impl Format {
    /// The media type of requests written in this format (`application/xml`,
    /// `application/json`).
    pub const fn media_type(self) -> &'static str {
        match self {
            Format::Xml => "application/xml",
            Format::Json => "application/json",
        }
    }

    /// The `Content-Type` of a body written here (UTF-8, as Web API writes).
    pub const fn content_type(self) -> &'static str {
        match self {
            Format::Xml => "application/xml; charset=utf-8",
            Format::Json => "application/json; charset=utf-8",
        }
    }

    /// The media types Web API's formatter for this format reads and writes.
    pub const fn media_types(self) -> &'static [&'static str] {
        match self {
            Format::Xml => &["application/xml", "text/xml"],
            Format::Json => &["application/json", "text/json"],
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Xml => "XML",
            Format::Json => "JSON",
        })
    }
}

/// A text encoding Web API's formatters support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Charset {
    /// UTF-8 (the default).
    Utf8,
    /// UTF-16, little-endian (`utf-16`, .NET's `Encoding.Unicode`).
    Utf16Le,
    /// UTF-16, big-endian (`utf-16be`, or a big-endian byte order mark).
    Utf16Be,
}

/// A `Content-Type` understood: the format, and the charset if one was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MediaType {
    /// The body's format.
    pub format: Format,
    /// The `charset` parameter, if any.
    pub charset: Option<Charset>,
}

/// A body that cannot be read or written.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum BodyError {
    /// A media type neither formatter takes (Web API 5 answers 415).
    UnsupportedMediaType(String),
    /// A charset neither formatter takes, or bytes that are not in the charset.
    Charset(String),
    /// The XML does not read or write.
    Xml(xml::Error),
    /// The JSON does not read or write.
    Json(json::Error),
}

impl fmt::Display for BodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BodyError::UnsupportedMediaType(t) => {
                write!(f, "media type '{t}' is neither XML nor JSON")
            }
            BodyError::Charset(message) => f.write_str(message),
            BodyError::Xml(e) => write!(f, "XML body: {e}"),
            BodyError::Json(e) => write!(f, "JSON body: {e}"),
        }
    }
}

impl std::error::Error for BodyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BodyError::Xml(e) => Some(e),
            BodyError::Json(e) => Some(e),
            _ => None,
        }
    }
}

impl MediaType {
    /// Reads a `Content-Type` value (`application/xml; charset=utf-8`): type and parameters
    /// ignoring case, a quoted charset, whitespace.
    pub fn parse(content_type: &str) -> Result<MediaType, BodyError> {
        let mut parts = content_type.split(';');
        let essence = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let format = [Format::Json, Format::Xml]
            .into_iter()
            .find(|f| f.media_types().contains(&essence.as_str()))
            .ok_or_else(|| BodyError::UnsupportedMediaType(essence.clone()))?;
        let mut charset = None;
        for parameter in parts {
            let Some((name, value)) = parameter.split_once('=') else {
                continue;
            };
            if name.trim().eq_ignore_ascii_case("charset") {
                let value = value.trim().trim_matches('"');
                charset = Some(Charset::parse(value)?);
            }
        }
        Ok(MediaType { format, charset })
    }
}

impl Charset {
    /// A charset name as Web API's formatters take it (`utf-8`, `utf-16`, ...).
    pub fn parse(name: &str) -> Result<Charset, BodyError> {
        match name.to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Ok(Charset::Utf8),
            "utf-16" | "utf-16le" | "unicode" => Ok(Charset::Utf16Le),
            "utf-16be" => Ok(Charset::Utf16Be),
            other => Err(BodyError::Charset(format!(
                "charset '{other}' is not one Web API's formatters read (utf-8, utf-16)"
            ))),
        }
    }
}

/// The body as UTF-8: a byte order mark decides, else the charset, else UTF-8. A UTF-8 byte
/// order mark is kept (both readers skip it).
pub fn to_utf8(bytes: &[u8], charset: Option<Charset>) -> Result<Cow<'_, [u8]>, BodyError> {
    let (charset, body) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (Charset::Utf16Le, rest),
        [0xFE, 0xFF, rest @ ..] => (Charset::Utf16Be, rest),
        [0xEF, 0xBB, 0xBF, ..] => (Charset::Utf8, bytes),
        _ => (charset.unwrap_or(Charset::Utf8), bytes),
    };
    let units = |to_unit: fn([u8; 2]) -> u16| -> Result<Cow<'_, [u8]>, BodyError> {
        if body.len() % 2 != 0 {
            return Err(BodyError::Charset(
                "a UTF-16 body of an odd number of bytes".into(),
            ));
        }
        let units: Vec<u16> = body
            .chunks_exact(2)
            .map(|pair| to_unit([pair[0], pair[1]]))
            .collect();
        String::from_utf16(&units)
            .map(|s| Cow::Owned(s.into_bytes()))
            .map_err(|_| BodyError::Charset("the body is not valid UTF-16".into()))
    };
    match charset {
        Charset::Utf8 => Ok(Cow::Borrowed(body)),
        Charset::Utf16Le => units(u16::from_le_bytes),
        Charset::Utf16Be => units(u16::from_be_bytes),
    }
}

/// How bodies are read: the read policy, the server's UTC offset and the limits, for both
/// formats.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReadOptions {
    /// For XML bodies.
    pub xml: xml::ReadOptions,
    /// For JSON bodies.
    pub json: json::ReadOptions,
}

impl ReadOptions {
    /// The options with `policy` in both formats.
    pub fn with_policy(mut self, policy: ReadPolicy) -> Self {
        self.xml.policy = policy;
        self.json.policy = policy;
        self
    }

    /// The options with the server's UTC offset (minutes east of UTC) in both formats.
    pub fn with_server_utc_offset(mut self, minutes: i16) -> Self {
        self.xml.server_utc_offset_minutes = Some(minutes);
        self.json.server_utc_offset_minutes = Some(minutes);
        self
    }

    /// The read policy (the XML options' one).
    pub fn policy(&self) -> ReadPolicy {
        self.xml.policy
    }
}

/// A request or response body: a contract, or `()` for none.
pub trait Body: Sized {
    /// Whether there is a body (`false` for `()`).
    const PRESENT: bool = true;

    /// The body's bytes in `format` (UTF-8).
    fn write_body(&self, format: Format) -> Result<Vec<u8>, BodyError>;

    /// Reads a body of `format` (already UTF-8, see [`to_utf8`]), with the report of what .NET
    /// would read otherwise.
    fn read_body(
        bytes: &[u8],
        format: Format,
        options: &ReadOptions,
    ) -> Result<(Self, Report), BodyError>;
}

impl Body for () {
    const PRESENT: bool = false;

    fn write_body(&self, _: Format) -> Result<Vec<u8>, BodyError> {
        Ok(Vec::new())
    }

    fn read_body(_: &[u8], _: Format, _: &ReadOptions) -> Result<((), Report), BodyError> {
        Ok(((), Report::default()))
    }
}

/// Any value with both forms: a contract, a collection or dictionary of them, a scalar (the
/// root of a body may be any of these in Web API).
impl<T: xml::XmlValue + json::JsonValue> Body for T {
    fn write_body(&self, format: Format) -> Result<Vec<u8>, BodyError> {
        match format {
            Format::Xml => xml::to_vec(self).map_err(BodyError::Xml),
            Format::Json => json::to_vec(&json::Ser(self)).map_err(BodyError::Json),
        }
    }

    fn read_body(
        bytes: &[u8],
        format: Format,
        options: &ReadOptions,
    ) -> Result<(T, Report), BodyError> {
        match format {
            Format::Xml => xml::from_slice_reported(bytes, &options.xml).map_err(BodyError::Xml),
            Format::Json => json::from_slice_reported::<json::De<T>>(bytes, &options.json)
                .map(|(value, report)| (value.0, report))
                .map_err(BodyError::Json),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_as_web_api_takes_them() {
        let parsed = MediaType::parse("Text/JSON ; Charset=\"UTF-16\"").unwrap();
        assert_eq!(parsed.format, Format::Json);
        assert_eq!(parsed.charset, Some(Charset::Utf16Le));
        assert_eq!(MediaType::parse("application/xml").unwrap().charset, None);
        assert!(matches!(
            MediaType::parse("text/plain"),
            Err(BodyError::UnsupportedMediaType(_))
        ));
        assert!(matches!(
            MediaType::parse("application/json; charset=latin1"),
            Err(BodyError::Charset(_))
        ));
    }

    #[test]
    fn a_byte_order_mark_decides_the_charset() {
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("{\"a\":\"é\"}".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(
            &*to_utf8(&utf16, Some(Charset::Utf8)).unwrap(),
            "{\"a\":\"é\"}".as_bytes()
        );
        let be: Vec<u8> = "<a/>".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(&*to_utf8(&be, Some(Charset::Utf16Be)).unwrap(), b"<a/>");
        assert!(to_utf8(&[0xFF, 0xFE, 0x41], None).is_err());
        assert_eq!(&*to_utf8(b"plain", None).unwrap(), b"plain");
    }
}
