//! Parity with the real server: a catalogue of requests sent to the mock and to a real ASP.NET
//! Web API server, Mono's self-host of the generated controllers (`conformance/webapi/`,
//! System.Web.Http 4.0), started and stopped here. Both get the same bytes over raw HTTP/1.1
//! on std's `TcpStream` (no client adds a header: "no Accept" means no Accept), and both answer
//! the documented sample: the mock by `Reply::default_response()`, Mono by the test protocol's
//! `X-H2h-Respond` (the same sample as JSON; the mock ignores the header).
//!
//! For each case the status, the `Content-Type` and the body must agree, and for a 200 what
//! each bound from the body (Mono's `X-H2h-Bound`, the mock's record). Where they differ, the
//! case is in [`DIFFERENCES`] with the parts that differ and why: Mono's Web API 4.0 is older
//! than Web API 5, which the mock follows (`conformance/webapi/README.md`, "What the server
//! answered" and "Parity of the mock server"), or the body carries a message only .NET words
//! that way (Json.NET's and DataContractSerializer's exceptions), in which case the mock must
//! still answer the same status, content type and `HttpError` shape. A difference not listed
//! fails the test, and so does a listed one that no longer occurs.
//!
//! Without Mono or its Web API the test prints a loud SKIPPED warning and passes, except under
//! `CI=true`, where that fails.
#![allow(missing_docs)]

#[path = "../../conformance/webapi/launch.rs"]
mod launch;

use std::collections::BTreeSet;
use std::fmt;
use std::io::{ErrorKind, Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use datacontract::media::{Body as _, Format, ReadOptions};
use h2h_mock::{MockServer, Reply, Times};
use h2h_models::endpoints::PostSessionLogout;
use h2h_models::{AuthRequest, AuthResponse};

/// How long a server may take to answer one request (Mono answers in milliseconds once it
/// is up; a case it never answers costs this long).
const ANSWER_TIMEOUT: Duration = Duration::from_secs(10);

// ---------------------------------------------------------------------------------------------
// The catalogue.

/// The help page's request sample, compact.
const JSON_REQUEST: &str = r#"{"token":"sample string 1","securityCode":"sample string 2","language":1,"userID":"sample string 3","accessToken":"sample string 4"}"#;
const XML_REQUEST: &str = r#"<AuthRequest xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models"><accessToken>sample string 4</accessToken><userID>sample string 3</userID><language>ID</language><securityCode>sample string 2</securityCode><token>sample string 1</token></AuthRequest>"#;
/// `userID` after `language`: DataContractSerializer (order accessToken, userID, language,
/// securityCode, token) has passed it, skips it and binds null.
const OUT_OF_ORDER: &str = r#"<AuthRequest xmlns="http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models"><accessToken>a</accessToken><language>ID</language><userID>alice</userID><securityCode>s</securityCode><token>t</token></AuthRequest>"#;
const WRONG_TYPE_JSON: &str = r#"{"userID":"a","language":"Klingon"}"#;
const WRONG_TYPE_XML: &str = r#"<AuthRequest xmlns="http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models"><language>Klingon</language></AuthRequest>"#;

const LOGOUT: &str = "/Session/Logout";

/// A request body.
#[derive(Debug, Clone, Copy)]
enum Sent {
    /// No body and no `Content-Length`.
    Nothing,
    /// These bytes (`""`: `Content-Length: 0`).
    Utf8(&'static str),
    /// The text in UTF-16, little-endian, without a byte order mark.
    Utf16(&'static str),
    /// The text in UTF-16, little-endian, after its byte order mark.
    Utf16Bom(&'static str),
}

impl Sent {
    fn bytes(self) -> Option<Vec<u8>> {
        let utf16 = |text: &str| text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        match self {
            Sent::Nothing => None,
            Sent::Utf8(text) => Some(text.as_bytes().to_vec()),
            Sent::Utf16(text) => Some(utf16(text)),
            Sent::Utf16Bom(text) => Some([0xFF, 0xFE].into_iter().chain(utf16(text)).collect()),
        }
    }
}

/// One request of the catalogue.
struct Case {
    name: &'static str,
    method: &'static str,
    /// The request target, as sent.
    path: &'static str,
    headers: &'static [(&'static str, &'static str)],
    body: Sent,
}

const fn post(
    name: &'static str,
    headers: &'static [(&'static str, &'static str)],
    body: Sent,
) -> Case {
    Case {
        name,
        method: "POST",
        path: LOGOUT,
        headers,
        body,
    }
}

const JSON: (&str, &str) = ("Content-Type", "application/json");
const XML: (&str, &str) = ("Content-Type", "application/xml");
const ACCEPT_XML: (&str, &str) = ("Accept", "application/xml");

/// The catalogue, sent in this order. The last case is one Mono never answers, after which
/// its self-host answers nothing more: keep such cases last.
const CASES: &[Case] = &[
    // Good bodies in each format and charset, without Accept (the request's type answers).
    post("json", &[JSON], Sent::Utf8(JSON_REQUEST)),
    post(
        "text/json",
        &[("Content-Type", "text/json")],
        Sent::Utf8(JSON_REQUEST),
    ),
    post("xml", &[XML], Sent::Utf8(XML_REQUEST)),
    post(
        "text/xml",
        &[("Content-Type", "text/xml")],
        Sent::Utf8(XML_REQUEST),
    ),
    post(
        "json, charset utf-8",
        &[("Content-Type", "application/json; charset=utf-8")],
        Sent::Utf8(JSON_REQUEST),
    ),
    post(
        "xml, charset utf-8",
        &[("Content-Type", "text/xml; charset=utf-8")],
        Sent::Utf8(XML_REQUEST),
    ),
    post(
        "json in utf-16",
        &[("Content-Type", "application/json; charset=utf-16")],
        Sent::Utf16(JSON_REQUEST),
    ),
    post(
        "xml in utf-16 with a BOM",
        &[("Content-Type", "application/xml; charset=utf-16")],
        Sent::Utf16Bom(XML_REQUEST),
    ),
    // Negotiation.
    post(
        "Accept */* on xml",
        &[XML, ("Accept", "*/*")],
        Sent::Utf8(XML_REQUEST),
    ),
    post(
        "Accept xml on json",
        &[JSON, ACCEPT_XML],
        Sent::Utf8(JSON_REQUEST),
    ),
    post(
        "Accept with q-values",
        &[
            JSON,
            ("Accept", "application/json;q=0.5, application/xml;q=0.9"),
        ],
        Sent::Utf8(JSON_REQUEST),
    ),
    post(
        "Accept text/*",
        &[JSON, ("Accept", "text/*")],
        Sent::Utf8(JSON_REQUEST),
    ),
    post(
        "Accept text/html on xml",
        &[XML, ("Accept", "text/html")],
        Sent::Utf8(XML_REQUEST),
    ),
    post(
        "Accept-Charset utf-16",
        &[JSON, ("Accept-Charset", "utf-16")],
        Sent::Utf8(JSON_REQUEST),
    ),
    // Bodies that do not bind, and what binds otherwise than sent.
    post("bad json", &[JSON], Sent::Utf8("{bad")),
    post(
        "bad json, Accept xml",
        &[JSON, ACCEPT_XML],
        Sent::Utf8("{bad"),
    ),
    post("bad xml", &[XML], Sent::Utf8("<bad")),
    post(
        "json member of the wrong type",
        &[JSON],
        Sent::Utf8(WRONG_TYPE_JSON),
    ),
    post(
        "xml member of the wrong type",
        &[XML],
        Sent::Utf8(WRONG_TYPE_XML),
    ),
    post(
        "json number for a string",
        &[JSON],
        Sent::Utf8(r#"{"userID":5}"#),
    ),
    post("xml out of DCS order", &[XML], Sent::Utf8(OUT_OF_ORDER)),
    post("empty json body", &[JSON], Sent::Utf8("")),
    post(
        "empty xml body, Accept xml",
        &[XML, ACCEPT_XML],
        Sent::Utf8(""),
    ),
    post(
        "text/plain body",
        &[("Content-Type", "text/plain")],
        Sent::Utf8("hello"),
    ),
    // Routing.
    Case {
        name: "unknown controller",
        method: "POST",
        path: "/H2hNoSuch/Logout",
        headers: &[JSON],
        body: Sent::Utf8(JSON_REQUEST),
    },
    Case {
        name: "unknown action",
        method: "POST",
        path: "/Session/H2hNoSuch",
        headers: &[JSON],
        body: Sent::Utf8(JSON_REQUEST),
    },
    Case {
        name: "one segment",
        method: "POST",
        path: "/Session",
        headers: &[JSON],
        body: Sent::Utf8(JSON_REQUEST),
    },
    Case {
        name: "wrong method GET",
        method: "GET",
        path: LOGOUT,
        headers: &[],
        body: Sent::Nothing,
    },
    Case {
        name: "route in another case",
        method: "POST",
        path: "/session/LOGOUT",
        headers: &[JSON],
        body: Sent::Utf8(JSON_REQUEST),
    },
    Case {
        name: "trailing slash",
        method: "POST",
        path: "/Session/Logout/",
        headers: &[JSON],
        body: Sent::Utf8(JSON_REQUEST),
    },
    Case {
        name: "query string",
        method: "POST",
        path: "/Session/Logout?userID=q&x=1",
        headers: &[JSON],
        body: Sent::Utf8(JSON_REQUEST),
    },
    // Last: Mono stops answering after it.
    post("no Content-Type", &[], Sent::Utf8(JSON_REQUEST)),
];

// ---------------------------------------------------------------------------------------------
// The differences.

/// A part of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Status,
    ContentType,
    Body,
    /// What the server bound from the body (both answered 200).
    Bound,
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Part::Status => "status",
            Part::ContentType => "content-type",
            Part::Body => "body",
            Part::Bound => "bound",
        })
    }
}

/// Why a case may differ.
#[derive(Debug, Clone, Copy)]
enum Reason {
    /// Mono's System.Web.Http 4.0 answers otherwise than Web API 5, which the mock follows.
    Mono40(&'static str),
    /// The body is an `HttpError` whose ModelState message only .NET words that way
    /// (Json.NET's, DataContractSerializer's exception messages): the status, the content
    /// type and the `HttpError`'s shape (Message, ModelState keys, messages per key) must
    /// still agree.
    DotnetMessage(&'static str),
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Mono40(why) => write!(f, "Mono's Web API 4.0: {why}"),
            Reason::DotnetMessage(why) => write!(f, "a message only .NET words so: {why}"),
        }
    }
}

/// A case where the mock and Mono differ, and why.
struct Difference {
    case: &'static str,
    parts: &'static [Part],
    reason: Reason,
}

/// Every case where the mock and Mono differ (`conformance/webapi/README.md`, "Parity of the
/// mock server", is this table in words).
const DIFFERENCES: &[Difference] = &[
    // Messages only .NET words that way: the same 400, the same HttpError, other messages.
    Difference {
        case: "bad json",
        parts: &[Part::Body],
        reason: Reason::DotnetMessage(
            "Json.NET's JsonReaderException: `Unexpected end while parsing unquoted property \
             name. Line 1, position 4.` (Json.NET 6 adds `Path ''`)",
        ),
    },
    Difference {
        case: "bad json, Accept xml",
        parts: &[Part::Body],
        reason: Reason::DotnetMessage("Json.NET's JsonReaderException, in an XML HttpError"),
    },
    Difference {
        case: "bad xml",
        parts: &[Part::Body],
        reason: Reason::DotnetMessage(
            "DataContractSerializer's SerializationException over .NET's XmlException: \
             `There was an error deserializing the object of type \
             Cebes.DI.H2H.Api.Models.AuthRequest. Unexpected end of file. …`",
        ),
    },
    Difference {
        case: "json member of the wrong type",
        parts: &[Part::Body],
        reason: Reason::DotnetMessage(
            "Json.NET's JsonSerializationException: `Error converting value \"Klingon\" to \
             type 'Cebes.DI.H2H.Api.Models.Language'. …` (key `request.language` in both)",
        ),
    },
    Difference {
        case: "xml member of the wrong type",
        parts: &[Part::Body],
        reason: Reason::DotnetMessage(
            "DataContractSerializer's SerializationException: `Invalid enum value 'Klingon' \
             cannot be deserialized into type 'Cebes.DI.H2H.Api.Models.Language'. …` (key \
             `request`: DCS names no member)",
        ),
    },
    // Mono's System.Web.Http 4.0.
    Difference {
        case: "text/plain body",
        parts: &[Part::Status, Part::Body],
        reason: Reason::Mono40(
            "a body no formatter reads: Mono lets the formatter's exception through, a 500 \
             with its ExceptionType, Message and StackTrace; Web API 5's \
             FormatterParameterBinding answers 415 with an HttpError (Message \
             UnsupportedMediaType, ExceptionMessage, ExceptionType \
             System.Net.Http.UnsupportedMediaTypeException)",
        ),
    },
    Difference {
        case: "unknown controller",
        parts: &[Part::Body],
        reason: Reason::Mono40(
            "Mono's 404 body is the message as a string; Web API 5's \
             DefaultHttpControllerSelector answers an HttpError: Message ResourceNotFound \
             (with the request URI), MessageDetail the controller's",
        ),
    },
    Difference {
        case: "unknown action",
        parts: &[Part::Body],
        reason: Reason::Mono40(
            "Mono's 404 body is the message as a string; Web API 5's \
             ApiControllerActionSelector answers an HttpError: Message ResourceNotFound, \
             MessageDetail the action's",
        ),
    },
    Difference {
        case: "one segment",
        parts: &[Part::ContentType, Part::Body],
        reason: Reason::Mono40(
            "no route matches: Mono answers an empty 404 (an empty Content-Type); Web API 5's \
             HttpRoutingDispatcher an HttpError: Message ResourceNotFound, MessageDetail \
             `No route data was found for this request.`",
        ),
    },
    Difference {
        case: "wrong method GET",
        parts: &[Part::Body],
        reason: Reason::Mono40(
            "Mono's 405 body is the message as a string (and it sends no Allow); Web API 5 \
             answers the HttpError {\"Message\": …} and `Allow: POST`",
        ),
    },
    Difference {
        case: "no Content-Type",
        parts: &[Part::Status, Part::ContentType, Part::Body],
        reason: Reason::Mono40(
            "a body without Content-Type: Mono's self-host never answers it (nor an \
             application/octet-stream one) and answers nothing more after it; Web API 5 \
             reads it as application/octet-stream, which no formatter reads: 415, Message \
             UnsupportedMediaTypeNoContentType",
        ),
    },
];

// ---------------------------------------------------------------------------------------------
// Raw HTTP/1.1.

/// What came back.
#[derive(Debug, Clone)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The `Content-Type`; an empty one (Mono's 404 without a route) is none.
    fn content_type(&self) -> Option<&str> {
        self.header("Content-Type").filter(|t| !t.is_empty())
    }
}

/// Sends `case` on a connection of its own (`Connection: close`) with exactly the case's
/// headers besides `Host`, `Connection`, `X-H2h-Respond` and `Content-Length`; `Err` when
/// nothing (or nothing complete) came back within [`ANSWER_TIMEOUT`].
fn exchange(addr: SocketAddr, case: &Case, respond: &str) -> Result<Answer, String> {
    let mut stream = TcpStream::connect_timeout(&addr, ANSWER_TIMEOUT)
        .map_err(|e| format!("connect {addr}: {e}"))?;
    stream
        .set_read_timeout(Some(ANSWER_TIMEOUT))
        .and_then(|()| stream.set_write_timeout(Some(ANSWER_TIMEOUT)))
        .map_err(|e| e.to_string())?;
    let mut head = format!(
        "{} {} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nX-H2h-Respond: {respond}\r\n",
        case.method, case.path
    );
    for (name, value) in case.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    let body = case.body.bytes();
    if let Some(body) = &body {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    let mut request = head.into_bytes();
    request.extend(body.unwrap_or_default());
    stream
        .write_all(&request)
        .map_err(|e| format!("sending: {e}"))?;

    let deadline = Instant::now() + ANSWER_TIMEOUT;
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        if let Some(answer) = parse(&raw, false)? {
            return Ok(answer);
        }
        if Instant::now() > deadline {
            return Err(format!(
                "no complete answer within {ANSWER_TIMEOUT:?} ({} bytes)",
                raw.len()
            ));
        }
        match stream.read(&mut buf) {
            Ok(0) => {
                return parse(&raw, true)?.ok_or_else(|| {
                    format!(
                        "the connection closed after {} bytes, not an answer",
                        raw.len()
                    )
                });
            }
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return Err(format!(
                    "no answer within {ANSWER_TIMEOUT:?} ({} bytes)",
                    raw.len()
                ));
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(format!("reading: {e}")),
        }
    }
}

/// The answer in `raw` once complete (by `Content-Length`, chunked, or `closed`: until the
/// connection closed); `Ok(None)`: more is to come.
fn parse(raw: &[u8], closed: bool) -> Result<Option<Answer>, String> {
    let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        return Ok(None);
    };
    let head = std::str::from_utf8(&raw[..end]).map_err(|e| format!("head: {e}"))?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let rest = status_line
        .strip_prefix("HTTP/1.1 ")
        .ok_or_else(|| format!("status line {status_line:?}"))?;
    let code = rest.split(' ').next().unwrap_or_default();
    let status: u16 = code.parse().map_err(|_| format!("status {code:?}"))?;
    let headers: Vec<(String, String)> = lines
        .map(|line| {
            let (name, value) = line.split_once(':').unwrap_or((line, ""));
            (name.trim().to_owned(), value.trim().to_owned())
        })
        .collect();
    let mut answer = Answer {
        status,
        headers,
        body: Vec::new(),
    };
    let rest = &raw[end + 4..];
    if status == 204 || status == 304 || (100..200).contains(&status) {
        return Ok(Some(answer));
    }
    if let Some(length) = answer.header("Content-Length") {
        let length: usize = length
            .parse()
            .map_err(|_| format!("Content-Length {length:?}"))?;
        if rest.len() < length {
            return if closed {
                Err(format!("{} of {length} bytes of body", rest.len()))
            } else {
                Ok(None)
            };
        }
        answer.body = rest[..length].to_vec();
        return Ok(Some(answer));
    }
    if answer
        .header("Transfer-Encoding")
        .is_some_and(|t| t.eq_ignore_ascii_case("chunked"))
    {
        return match dechunk(rest)? {
            Some(body) => {
                answer.body = body;
                Ok(Some(answer))
            }
            None if closed => Err("the chunked body ended early".into()),
            None => Ok(None),
        };
    }
    if !closed {
        return Ok(None);
    }
    answer.body = rest.to_vec();
    Ok(Some(answer))
}

/// A chunked body, once its last chunk has arrived.
fn dechunk(mut body: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let mut out = Vec::new();
    loop {
        let Some(line_end) = body.windows(2).position(|w| w == b"\r\n") else {
            return Ok(None);
        };
        let line = std::str::from_utf8(&body[..line_end]).map_err(|e| e.to_string())?;
        let size = line.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size, 16).map_err(|_| format!("chunk size {line:?}"))?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Ok(Some(out));
        }
        if body.len() < size + 2 {
            return Ok(None);
        }
        out.extend_from_slice(&body[..size]);
        body = &body[size + 2..];
    }
}

// ---------------------------------------------------------------------------------------------
// Comparing.

/// A body for a message: text, or its bytes where it is not UTF-8.
fn shown(body: &[u8]) -> String {
    match std::str::from_utf8(body) {
        Ok(text) => format!("{text:?}"),
        Err(_) => format!("{body:02x?}"),
    }
}

fn json_of(request: &AuthRequest) -> String {
    h2h_models::json::to_string(&h2h_models::json::Ser(request))
        .unwrap_or_else(|e| format!("<{e}>"))
}

/// What Mono bound, from its `X-H2h-Bound` (its JSON formatter's output), read back.
fn mono_bound(answer: &Answer) -> Result<Option<AuthRequest>, String> {
    let Some(encoded) = answer.header("X-H2h-Bound") else {
        return Ok(None);
    };
    let json = BASE64
        .decode(encoded)
        .map_err(|e| format!("X-H2h-Bound is not base64 ({e}): {encoded:?}"))?;
    AuthRequest::read_body(&json, Format::Json, &ReadOptions::default())
        .map(|(request, _)| Some(request))
        .map_err(|e| format!("X-H2h-Bound {}: {e}", shown(&json)))
}

/// An `HttpError` of `CreateErrorResponse(BadRequest, ModelState)` with its messages masked:
/// `{"Message":"The request is invalid.","ModelState":{"request":["…"]}}`, or its XML form;
/// `None` for any other body.
fn model_state_shape(body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?;
    let (shape, prefix) = if text.starts_with('{') {
        // Every string inside an array is a message (ModelState's `string[]`s). serde_json's
        // map sorts the keys, the same for both answers.
        fn mask(value: &mut serde_json::Value, in_array: bool) {
            match value {
                serde_json::Value::String(s) if in_array => *s = "…".to_owned(),
                serde_json::Value::Array(items) => items.iter_mut().for_each(|v| mask(v, true)),
                serde_json::Value::Object(members) => {
                    members.values_mut().for_each(|v| mask(v, false))
                }
                _ => {}
            }
        }
        let mut value: serde_json::Value = serde_json::from_str(text).ok()?;
        mask(&mut value, false);
        (
            value.to_string(),
            r#"{"Message":"The request is invalid.","ModelState":{"#,
        )
    } else {
        // Every text inside <ModelState> is a key's messages.
        let start = text.find("<ModelState>")? + "<ModelState>".len();
        let end = text.rfind("</ModelState>")?;
        let mut out = text[..start].to_owned();
        let mut rest = &text[start..end];
        while let Some(open) = rest.find('<') {
            if !rest[..open].is_empty() {
                out.push('…');
            }
            let close = rest[open..].find('>')? + open + 1;
            out.push_str(&rest[open..close]);
            rest = &rest[close..];
        }
        if !rest.is_empty() {
            out.push('…');
        }
        out.push_str(&text[end..]);
        (
            out,
            "<Error><Message>The request is invalid.</Message><ModelState>",
        )
    };
    shape.starts_with(prefix).then_some(shape)
}

/// The parts in which the two answers differ, and notes for the report.
fn compare(
    mono: &Result<Answer, String>,
    mock: &Answer,
    mono_bound: &Result<Option<AuthRequest>, String>,
    mock_bound: Option<&AuthRequest>,
) -> BTreeSet<Part> {
    let mut parts = BTreeSet::new();
    let Ok(mono) = mono else {
        return [Part::Status, Part::ContentType, Part::Body].into();
    };
    if mono.status != mock.status {
        parts.insert(Part::Status);
    }
    if mono.content_type() != mock.content_type() {
        parts.insert(Part::ContentType);
    }
    if mono.body != mock.body {
        parts.insert(Part::Body);
    }
    if mono.status == 200 && mock.status == 200 {
        match mono_bound {
            Ok(bound) if bound.as_ref() == mock_bound => {}
            _ => {
                parts.insert(Part::Bound);
            }
        }
    }
    parts
}

fn describe(answer: &Result<Answer, String>, bound: Option<String>) -> String {
    match answer {
        Err(e) => format!("no answer: {e}"),
        Ok(a) => format!(
            "{} {:?} {}{}",
            a.status,
            a.content_type().unwrap_or("(no Content-Type)"),
            shown(&a.body),
            bound.map(|b| format!(", bound {b}")).unwrap_or_default()
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// The test.

#[test]
fn the_mock_answers_as_the_real_server() {
    let mono = match launch::WebApi::start() {
        Ok(Some(server)) => server,
        Ok(None) => return, // skipped, loudly (not under CI)
        Err(e) => panic!("{e}"),
    };
    eprintln!(
        "parity: Mono's Web API host {}, started in {:?}",
        mono.build_time
            .map_or("already built".to_owned(), |t| format!("built in {t:?}")),
        mono.start_time
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let mock = runtime
        .block_on(MockServer::start())
        .expect("the mock starts");
    let _handler = mock
        .on::<PostSessionLogout>(|_| Reply::default_response())
        .expect(Times::at_least(1));

    // Both answer the documented sample: Mono the value of X-H2h-Respond.
    let sample = AuthResponse::help_page_sample(h2h_models::sample::SEED_NOW)
        .expect("the documented sample");
    let respond = BASE64.encode(
        h2h_models::json::to_vec(&h2h_models::json::Ser(&sample)).expect("the sample's JSON"),
    );

    let mut names = BTreeSet::new();
    for case in CASES {
        assert!(names.insert(case.name), "two cases named {:?}", case.name);
    }
    for difference in DIFFERENCES {
        assert!(
            names.contains(difference.case),
            "DIFFERENCES lists {:?}, which is no case",
            difference.case
        );
        if let Reason::DotnetMessage(_) = difference.reason {
            assert_eq!(
                difference.parts,
                [Part::Body],
                "{}: a message's wording differs in the body only",
                difference.case
            );
        }
    }

    let mut failures = Vec::new();
    let mut agree = 0;
    let mut listed = 0;
    let mut mono_stopped: Option<&str> = None;
    for (i, case) in CASES.iter().enumerate() {
        if let Some(stopped) = mono_stopped {
            failures.push(format!(
                "{}: not sent, Mono stopped answering at {stopped:?}: keep such cases last",
                case.name
            ));
            continue;
        }
        let mono_answer = exchange(mono.addr(), case, &respond);
        let mock_answer = exchange(mock.addr(), case, &respond)
            .unwrap_or_else(|e| panic!("{}: the mock did not answer: {e}", case.name));
        let received = mock.received();
        assert_eq!(received.len(), i + 1, "{}: the mock's record", case.name);
        let mock_bound = received[i].request::<PostSessionLogout>();
        let bound = mono_answer.as_ref().map_or(Ok(None), mono_bound);
        if mono_answer.is_err() {
            mono_stopped = Some(case.name);
        }

        let differs = compare(&mono_answer, &mock_answer, &bound, mock_bound);
        let listed_as = DIFFERENCES.iter().find(|d| d.case == case.name);
        let expected: BTreeSet<Part> = listed_as
            .map(|d| d.parts.iter().copied().collect())
            .unwrap_or_default();
        let report = || {
            format!(
                "  Mono: {}\n  mock: {}",
                describe(
                    &mono_answer,
                    match &bound {
                        Ok(bound) => bound.as_ref().map(json_of),
                        Err(e) => Some(format!("<{e}>")),
                    }
                ),
                describe(&Ok(mock_answer.clone()), mock_bound.map(json_of)),
            )
        };
        let list = |parts: &BTreeSet<Part>| {
            parts
                .iter()
                .map(Part::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        if differs != expected {
            failures.push(match listed_as {
                None => format!(
                    "{}: differs in {} and is not in DIFFERENCES\n{}",
                    case.name,
                    list(&differs),
                    report()
                ),
                Some(_) => format!(
                    "{}: DIFFERENCES lists {} [{}], it differs in [{}]\n{}",
                    case.name,
                    if differs.is_empty() {
                        "a difference that no longer occurs"
                    } else {
                        "other parts"
                    },
                    list(&expected),
                    list(&differs),
                    report()
                ),
            });
            continue;
        }
        if let (Some(difference), Ok(mono_answer)) = (listed_as, &mono_answer) {
            if let Reason::DotnetMessage(_) = difference.reason {
                let (mono_shape, mock_shape) = (
                    model_state_shape(&mono_answer.body),
                    model_state_shape(&mock_answer.body),
                );
                if mono_shape.is_none() || mono_shape != mock_shape {
                    failures.push(format!(
                        "{}: the HttpError's shape differs (messages masked)\n  Mono: {mono_shape:?}\n  mock: {mock_shape:?}\n{}",
                        case.name,
                        report()
                    ));
                    continue;
                }
            }
        }
        match listed_as {
            Some(difference) if !differs.is_empty() => {
                listed += 1;
                eprintln!(
                    "parity: {:?} differs in {} ({})",
                    case.name,
                    list(&differs),
                    difference.reason
                );
            }
            _ => agree += 1,
        }
    }
    eprintln!(
        "parity: {} cases, {agree} agree, {listed} listed differences",
        CASES.len()
    );
    if !failures.is_empty() {
        panic!(
            "{} of {} cases do not match DIFFERENCES:\n{}\n\nMono's log:\n{}",
            failures.len(),
            CASES.len(),
            failures.join("\n"),
            mono.log()
        );
    }
}

/// The shape check itself: messages are masked, nothing else.
#[test]
fn model_state_shapes_mask_the_messages_only() {
    let json = |body: &str| model_state_shape(body.as_bytes());
    assert_eq!(
        json(r#"{"Message":"The request is invalid.","ModelState":{"request.language":["a \"b\" [c]","d"]}}"#)
            .as_deref(),
        Some(r#"{"Message":"The request is invalid.","ModelState":{"request.language":["…","…"]}}"#)
    );
    assert_ne!(
        json(r#"{"Message":"The request is invalid.","ModelState":{"request":["x"]}}"#),
        json(r#"{"Message":"The request is invalid.","ModelState":{"request.userID":["x"]}}"#)
    );
    assert_eq!(
        json(r#"{"Message":"Other","ModelState":{"request":["x"]}}"#),
        None
    );
    assert_eq!(json(r#""No type was found""#), None);
    assert_eq!(
        json("<Error><Message>The request is invalid.</Message><ModelState><request>a &lt; b</request></ModelState></Error>")
            .as_deref(),
        Some("<Error><Message>The request is invalid.</Message><ModelState><request>…</request></ModelState></Error>")
    );
    assert_eq!(
        json("<Error><Message>An error has occurred.</Message></Error>"),
        None
    );
}
