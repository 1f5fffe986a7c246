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

impl Format {
    /// The formatter a `Content-Type` names (its media type compared ignoring case), with the
    /// media type as one of the formatter's (`text/json`); else the 415's error.
    fn of_content_type(content_type: &str) -> Result<(Format, &'static str), BodyError> {
        let essence = content_type.split(';').next().unwrap_or_default().trim();
        [Format::Json, Format::Xml]
            .into_iter()
            .find_map(|f| {
                let known = f
                    .media_types()
                    .iter()
                    .find(|t| t.eq_ignore_ascii_case(essence));
                known.map(|t| (f, *t))
            })
            .ok_or_else(|| BodyError::UnsupportedMediaType(essence.to_ascii_lowercase()))
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
        let (format, _) = Format::of_content_type(content_type)?;
        let charset = parameter(content_type, "charset")
            .map(Charset::parse)
            .transpose()?;
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

/// The body in `charset`, from UTF-8: as Web API's formatters write it, UTF-16 with its byte
/// order mark (their `UnicodeEncoding` has one, and `StreamWriter` and `XmlWriter` emit it).
pub fn from_utf8(utf8: Vec<u8>, charset: Charset) -> Vec<u8> {
    if charset == Charset::Utf8 {
        return utf8;
    }
    let text = match String::from_utf8(utf8) {
        Ok(text) => text,
        // Our writers only write UTF-8; bytes that are not are passed through.
        Err(e) => return e.into_bytes(),
    };
    let units = text.encode_utf16();
    match charset {
        Charset::Utf8 => text.into_bytes(),
        Charset::Utf16Le => [0xFF, 0xFE]
            .into_iter()
            .chain(units.flat_map(u16::to_le_bytes))
            .collect(),
        Charset::Utf16Be => [0xFE, 0xFF]
            .into_iter()
            .chain(units.flat_map(u16::to_be_bytes))
            .collect(),
    }
}

impl Charset {
    /// The name Web API writes in a `Content-Type` (`Encoding.WebName`).
    pub const fn web_name(self) -> &'static str {
        match self {
            Charset::Utf8 => "utf-8",
            Charset::Utf16Le => "utf-16",
            Charset::Utf16Be => "utf-16BE",
        }
    }

    /// The formatters' encodings, in their order (`SupportedEncodings`: UTF-8, then UTF-16).
    const SUPPORTED: [Charset; 2] = [Charset::Utf8, Charset::Utf16Le];

    /// `MediaTypeFormatter.SelectCharacterEncoding`: the request's charset when it names a
    /// supported encoding (by `WebName`, ignoring case), else the first one (UTF-8).
    fn select(name: Option<&str>) -> Charset {
        name.and_then(|name| {
            Self::SUPPORTED.into_iter().find(|c| {
                c.web_name()
                    .eq_ignore_ascii_case(name.trim().trim_matches('"'))
            })
        })
        .unwrap_or(Charset::Utf8)
    }
}

/// A request's `Content-Type` as Web API 5 reads a body by it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestMediaType {
    /// The format and the charset the body is read in.
    pub media_type: MediaType,
    /// The media type sent, as the formatter names it (`text/json`).
    pub essence: &'static str,
    /// A `charset` parameter no formatter supports, which Web API ignores (it reads UTF-8,
    /// `SelectCharacterEncoding`'s fallback); kept so that it can be reported.
    pub ignored_charset: Option<String>,
}

impl MediaType {
    /// Reads a request's `Content-Type` as Web API 5 does: no `Content-Type` is
    /// `application/octet-stream` (no formatter reads it: 415); a charset other than `utf-8`
    /// and `utf-16` is ignored (the body is read as UTF-8; see
    /// [`RequestMediaType::ignored_charset`]); a byte order mark still decides (see
    /// [`to_utf8`]).
    pub fn parse_request(content_type: Option<&str>) -> Result<RequestMediaType, BodyError> {
        let content_type = content_type.unwrap_or("application/octet-stream");
        let (format, essence) = Format::of_content_type(content_type)?;
        let charset = parameter(content_type, "charset");
        let selected = charset.map(|name| Charset::select(Some(name)));
        let ignored_charset = match (charset, selected) {
            (Some(name), Some(Charset::Utf8))
                if !Charset::Utf8.web_name().eq_ignore_ascii_case(name) =>
            {
                Some(name.to_owned())
            }
            _ => None,
        };
        Ok(RequestMediaType {
            media_type: MediaType {
                format,
                charset: selected,
            },
            essence,
            ignored_charset,
        })
    }
}

/// A parameter's value in a header value of the `type/subtype; name=value` shape, unquoted.
fn parameter<'a>(value: &'a str, name: &str) -> Option<&'a str> {
    value.split(';').skip(1).find_map(|p| {
        let (n, v) = p.split_once('=')?;
        n.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().trim_matches('"'))
    })
}

/// The format, media type and charset Web API 5 writes a response in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Negotiated {
    /// The formatter chosen.
    pub format: Format,
    /// One of its supported media types (`text/xml`, say, when the client asked for it).
    pub media_type: &'static str,
    /// The encoding.
    pub charset: Charset,
}

impl Negotiated {
    /// The response's `Content-Type` (`text/xml; charset=utf-8`).
    pub fn content_type(&self) -> &'static str {
        const TYPES: [[&str; 3]; 4] = [
            [
                "application/json; charset=utf-8",
                "application/json; charset=utf-16",
                "application/json; charset=utf-16BE",
            ],
            [
                "text/json; charset=utf-8",
                "text/json; charset=utf-16",
                "text/json; charset=utf-16BE",
            ],
            [
                "application/xml; charset=utf-8",
                "application/xml; charset=utf-16",
                "application/xml; charset=utf-16BE",
            ],
            [
                "text/xml; charset=utf-8",
                "text/xml; charset=utf-16",
                "text/xml; charset=utf-16BE",
            ],
        ];
        let row = match self.media_type {
            "application/json" => 0,
            "text/json" => 1,
            "application/xml" => 2,
            _ => 3,
        };
        let column = match self.charset {
            Charset::Utf8 => 0,
            Charset::Utf16Le => 1,
            Charset::Utf16Be => 2,
        };
        TYPES[row][column]
    }

    /// A body written by our writers (UTF-8) in the negotiated charset.
    pub fn encode(&self, utf8: Vec<u8>) -> Vec<u8> {
        from_utf8(utf8, self.charset)
    }
}

/// How a formatter matched an `Accept` entry, in `DefaultContentNegotiator`'s categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ranking {
    Literal,
    SubtypeRange,
    AllRange,
}

/// One `Accept` entry: type, subtype (compared ignoring case) and quality.
#[derive(Debug, Clone)]
struct AcceptEntry<'a> {
    kind: &'a str,
    subtype: &'a str,
    quality: f64,
}

impl<'a> AcceptEntry<'a> {
    /// `MediaTypeWithQualityHeaderValue.Parse`; `None` for an entry .NET drops as invalid.
    fn parse(item: &'a str) -> Option<AcceptEntry<'a>> {
        let essence = item.split(';').next()?.trim();
        let (kind, subtype) = essence.split_once('/')?;
        let token = |t: &str| !t.is_empty() && !t.contains(char::is_whitespace);
        if !token(kind) || !token(subtype) || (kind == "*" && subtype != "*") {
            return None;
        }
        let quality = match parameter(item, "q") {
            None => 1.0,
            Some(q) => {
                let q: f64 = q.parse().ok()?;
                if !(0.0..=1.0).contains(&q) {
                    return None;
                }
                q
            }
        };
        Some(AcceptEntry {
            kind,
            subtype,
            quality,
        })
    }

    /// `MediaTypeHeaderValueExtensions.IsSubsetOf(supported, this)`, with the range.
    fn matches(&self, supported: &str) -> Option<Ranking> {
        let (kind, subtype) = supported.split_once('/')?;
        if self.kind == "*" {
            Some(Ranking::AllRange)
        } else if !self.kind.eq_ignore_ascii_case(kind) {
            None
        } else if self.subtype == "*" {
            Some(Ranking::SubtypeRange)
        } else {
            self.subtype
                .eq_ignore_ascii_case(subtype)
                .then_some(Ranking::Literal)
        }
    }

    /// For the sort: `*/*` below `type/*` below a literal type at equal quality
    /// (`MediaTypeWithQualityHeaderValueComparer`).
    fn specificity(&self) -> u8 {
        match (self.kind, self.subtype) {
            ("*", _) => 0,
            (_, "*") => 1,
            _ => 2,
        }
    }
}

/// Web API 5's `DefaultContentNegotiator.Negotiate` over its default formatters (JSON, then
/// XML; the form-urlencoded ones write nothing), for a response of a type both write:
///
/// 1. `Accept` entries by quality (ties: literal before `type/*` before `*/*`, else in
///    order), q=0 and invalid entries skipped. Each formatter takes its first supported
///    media type an entry covers; per category (literal, `type/*`, `*/*`) the first formatter
///    of the highest quality wins, and a later category replaces an earlier one only with a
///    strictly higher quality.
/// 2. Else the request's `Content-Type`, when a formatter supports it.
/// 3. Else the first formatter that can write the type: JSON, `application/json`.
///
/// The charset: the first `Accept-Charset` entry (by quality) naming a supported encoding or
/// `*`, else the request's charset when supported, else UTF-8.
pub fn negotiate(
    accept: Option<&str>,
    accept_charset: Option<&str>,
    content_type: Option<&str>,
) -> Negotiated {
    const FORMATTERS: [Format; 2] = [Format::Json, Format::Xml];
    let charset = response_charset(accept_charset, content_type);
    // The common case, one literal type of a formatter (`Accept: application/xml`), decided
    // without the general pass: it is that formatter's literal match.
    if let Some(single) = accept.filter(|a| !a.contains([',', ';', '*'])) {
        let single = single.trim();
        for format in FORMATTERS {
            if let Some(media_type) = format
                .media_types()
                .iter()
                .find(|t| t.eq_ignore_ascii_case(single))
            {
                return Negotiated {
                    format,
                    media_type,
                    charset,
                };
            }
        }
    }
    let mut entries: Vec<AcceptEntry> = accept
        .unwrap_or_default()
        .split(',')
        .filter(|item| !item.trim().is_empty())
        .filter_map(AcceptEntry::parse)
        .collect();
    // A stable sort, as LINQ's OrderByDescending.
    entries.sort_by(|a, b| {
        b.quality
            .total_cmp(&a.quality)
            .then(b.specificity().cmp(&a.specificity()))
    });
    let mut best: [Option<(Format, &'static str, f64)>; 3] = [None; 3];
    for format in FORMATTERS {
        let found = entries
            .iter()
            .filter(|e| e.quality > 0.0)
            .find_map(|entry| {
                format.media_types().iter().find_map(|supported| {
                    entry
                        .matches(supported)
                        .map(|r| (r, *supported, entry.quality))
                })
            });
        if let Some((ranking, media_type, quality)) = found {
            let slot = &mut best[ranking as usize];
            if slot.is_none_or(|(_, _, q)| quality > q) {
                *slot = Some((format, media_type, quality));
            }
        }
    }
    let by_accept = best.into_iter().fold(
        None,
        |current: Option<(Format, &'static str, f64)>, next| match (current, next) {
            (Some(c), Some(n)) if n.2 > c.2 => Some(n),
            (None, n) => n,
            (c, _) => c,
        },
    );
    let by_request = || {
        let (format, media_type) = Format::of_content_type(content_type?).ok()?;
        Some((format, media_type, 1.0))
    };
    let (format, media_type, _) =
        by_accept
            .or_else(by_request)
            .unwrap_or((Format::Json, "application/json", 1.0));
    Negotiated {
        format,
        media_type,
        charset,
    }
}

/// `DefaultContentNegotiator.SelectResponseCharacterEncoding`.
fn response_charset(accept_charset: Option<&str>, content_type: Option<&str>) -> Charset {
    let mut entries: Vec<(&str, f64)> = accept_charset
        .unwrap_or_default()
        .split(',')
        .filter_map(|item| {
            let name = item.split(';').next()?.trim();
            if name.is_empty() {
                return None;
            }
            let quality = match parameter(item, "q") {
                None => 1.0,
                Some(q) => q.parse::<f64>().ok().filter(|q| (0.0..=1.0).contains(q))?,
            };
            Some((name, quality))
        })
        .collect();
    entries.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (name, quality) in entries {
        if quality == 0.0 {
            continue;
        }
        if name == "*" {
            return Charset::Utf8;
        }
        if let Some(c) = Charset::SUPPORTED
            .into_iter()
            .find(|c| c.web_name().eq_ignore_ascii_case(name))
        {
            return c;
        }
    }
    Charset::select(content_type.and_then(|t| parameter(t, "charset")))
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

    /// The .NET type's name, for messages (`AuthRequest`; empty for `()`).
    const DOTNET_NAME: &'static str = "";

    /// The help page's sample of the body at `now` (see [`crate::sample`]): what the
    /// vendor documents for it.
    fn help_page_sample(now: crate::DateTimeOffset) -> Result<Self, crate::sample::SampleError>;

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

    fn help_page_sample(_: crate::DateTimeOffset) -> Result<(), crate::sample::SampleError> {
        Ok(())
    }

    fn write_body(&self, _: Format) -> Result<Vec<u8>, BodyError> {
        Ok(Vec::new())
    }

    fn read_body(_: &[u8], _: Format, _: &ReadOptions) -> Result<((), Report), BodyError> {
        Ok(((), Report::default()))
    }
}

/// Any value with both forms: a contract, a collection or dictionary of them, a scalar (the
/// root of a body may be any of these in Web API).
impl<T: crate::sample::HelpPageSample + json::JsonValue> Body for T {
    const DOTNET_NAME: &'static str = <T as xml::XmlValue>::DOTNET_NAME;

    fn help_page_sample(now: crate::DateTimeOffset) -> Result<T, crate::sample::SampleError> {
        crate::sample::generate(now)
    }
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

    fn chosen(accept: Option<&str>, content_type: Option<&str>) -> (Format, &'static str) {
        let n = negotiate(accept, None, content_type);
        (n.format, n.media_type)
    }

    /// Cases read from Web API 5's `DefaultContentNegotiator` (aspnet/AspNetWebStack); the
    /// mock server's parity suite checks them against a real Web API server too.
    #[test]
    fn negotiation_as_web_api_5() {
        let xml = (Format::Xml, "application/xml");
        let json = (Format::Json, "application/json");
        // No Accept: the request's type, else the first formatter.
        assert_eq!(chosen(None, None), json);
        assert_eq!(
            chosen(None, Some("text/xml; charset=utf-8")),
            (Format::Xml, "text/xml")
        );
        assert_eq!(chosen(Some(""), Some("application/xml")), xml);
        // Accept wins over the request's type.
        assert_eq!(
            chosen(Some("application/xml"), Some("application/json")),
            xml
        );
        assert_eq!(
            chosen(Some("text/json"), Some("application/xml")),
            (Format::Json, "text/json")
        );
        // q-values: the higher quality, whatever the order.
        assert_eq!(
            chosen(Some("application/json;q=0.5, application/xml"), None),
            xml
        );
        assert_eq!(
            chosen(Some("application/xml;q=0.4, application/json;q=0.9"), None),
            json
        );
        // Equal quality: JSON's match comes first.
        assert_eq!(
            chosen(Some("application/xml, application/json"), None),
            json
        );
        // A range matches each formatter's first media type; a literal beats a range of the
        // same quality, a range beats a literal of lower quality.
        assert_eq!(chosen(Some("*/*"), Some("application/xml")), json);
        assert_eq!(chosen(Some("text/*"), None), (Format::Json, "text/json"));
        assert_eq!(chosen(Some("*/*, application/xml"), None), xml);
        assert_eq!(chosen(Some("*/*, application/xml;q=0.5"), None), json);
        // q=0 excludes; an entry no formatter supports falls through to the request's type.
        assert_eq!(
            chosen(Some("application/json;q=0"), Some("application/xml")),
            xml
        );
        assert_eq!(chosen(Some("application/json;q=0"), None), json);
        assert_eq!(
            chosen(Some("text/html"), Some("text/xml")),
            (Format::Xml, "text/xml")
        );
        // Invalid entries are dropped, valid ones kept.
        assert_eq!(
            chosen(Some("garbage, application/xml;q=2, text/xml"), None),
            (Format::Xml, "text/xml")
        );
    }

    #[test]
    fn response_charsets_as_web_api_5() {
        let charset =
            |accept_charset, content_type| negotiate(None, accept_charset, content_type).charset;
        assert_eq!(charset(None, None), Charset::Utf8);
        assert_eq!(
            charset(None, Some("application/json; charset=utf-16")),
            Charset::Utf16Le
        );
        assert_eq!(
            charset(None, Some("application/json; charset=latin1")),
            Charset::Utf8
        );
        assert_eq!(
            charset(Some("utf-16"), Some("application/json; charset=utf-8")),
            Charset::Utf16Le
        );
        assert_eq!(
            charset(Some("iso-8859-1, utf-16;q=0.5"), None),
            Charset::Utf16Le
        );
        assert_eq!(
            charset(Some("*"), Some("application/json; charset=utf-16")),
            Charset::Utf8
        );
        let n = negotiate(Some("text/xml"), Some("utf-16"), None);
        assert_eq!(n.content_type(), "text/xml; charset=utf-16");
        assert_eq!(
            n.encode(b"<a/>".to_vec()),
            [0xFF, 0xFE, b'<', 0, b'a', 0, b'/', 0, b'>', 0]
        );
    }

    #[test]
    fn request_media_types_as_web_api_5_reads_them() {
        let read = MediaType::parse_request(Some("application/json; charset=latin1")).unwrap();
        assert_eq!(read.media_type.charset, Some(Charset::Utf8));
        assert_eq!(read.ignored_charset.as_deref(), Some("latin1"));
        let read = MediaType::parse_request(Some("Text/Xml;charset=UTF-16")).unwrap();
        assert_eq!(
            read.media_type,
            MediaType {
                format: Format::Xml,
                charset: Some(Charset::Utf16Le)
            }
        );
        assert_eq!(read.essence, "text/xml");
        assert!(matches!(
            MediaType::parse_request(None),
            Err(BodyError::UnsupportedMediaType(t)) if t == "application/octet-stream"
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
