//! What can go wrong in a call, and Web API's error bodies.

use std::fmt;
use std::time::Duration;

use datacontract::media::{BodyError, Format, MediaType};

use crate::Exchange;

/// An error of a call. Every variant that got as far as the network carries the
/// [`Exchange`]: the exact bytes sent and, where one came, received. No message and no `Debug`
/// output holds a body or a header value: a body may hold a secret (a token, a security code),
/// and Web API echoes request values in some error messages.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The client's configuration (a base URL that cannot hold a route, a header that is not
    /// valid HTTP, reqwest refusing to build).
    Config(String),
    /// The request body could not be written (a value XML cannot carry, such as an enum value
    /// without an `[EnumMember]`).
    Encode(BodyError),
    /// The request did not get an answer: the connection failed or broke.
    Transport {
        /// What failed (reqwest's message, without the URL).
        message: String,
        /// What was sent.
        exchange: Box<Exchange>,
    },
    /// No complete answer within the configured time (connect or total).
    Timeout {
        /// The configured total timeout.
        after: Duration,
        /// What was sent.
        exchange: Box<Exchange>,
    },
    /// The server answered with a status other than 2xx.
    Status {
        /// The status.
        status: reqwest::StatusCode,
        /// The body read as Web API's `HttpError`, when it is one.
        http_error: Option<HttpError>,
        /// What was sent and received.
        exchange: Box<Exchange>,
    },
    /// A 2xx answer whose body does not read as the endpoint's response (its member path and
    /// line and column are in the [`BodyError`]).
    Decode {
        /// Why.
        error: BodyError,
        /// What was sent and received.
        exchange: Box<Exchange>,
    },
}

impl Error {
    /// The exchange, for the variants that reached the network.
    pub fn exchange(&self) -> Option<&Exchange> {
        match self {
            Error::Transport { exchange, .. }
            | Error::Timeout { exchange, .. }
            | Error::Status { exchange, .. }
            | Error::Decode { exchange, .. } => Some(exchange),
            Error::Config(_) | Error::Encode(_) => None,
        }
    }

    /// Whether the call ran out of time.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. })
    }

    /// The HTTP status, if the server answered with one that is not 2xx.
    pub fn status(&self) -> Option<reqwest::StatusCode> {
        match self {
            Error::Status { status, .. } => Some(*status),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let call =
            |exchange: &Exchange| format!("{} {}", exchange.method.as_str(), exchange.url.path());
        match self {
            Error::Config(message) => write!(f, "client configuration: {message}"),
            Error::Encode(e) => write!(f, "the request body cannot be written: {e}"),
            Error::Transport { message, exchange } => {
                write!(f, "{}: no answer: {message}", call(exchange))
            }
            Error::Timeout { after, exchange } => {
                write!(f, "{}: no answer within {after:?}", call(exchange))
            }
            Error::Status {
                status,
                http_error,
                exchange,
            } => {
                write!(f, "{}: the server answered {status}", call(exchange))?;
                if let Some(e) = http_error {
                    write!(f, ": {e}")?;
                }
                Ok(())
            }
            Error::Decode { error, exchange } => {
                write!(f, "{}: the response does not read: {error}", call(exchange))
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Encode(e) | Error::Decode { error: e, .. } => Some(e),
            _ => None,
        }
    }
}

/// ASP.NET Web API's error body (`System.Web.Http.HttpError`): a dictionary Web API writes in
/// the negotiated format, JSON (`{"Message": ..., "ModelState": {...}}`) or XML
/// (`<Error><Message>...</Message>...</Error>`).
///
/// `Display` and `Debug` show `Message`, `MessageDetail`, `ExceptionType` and the names of
/// the `ModelState` entries; the exception message, the stack trace and the model state's
/// messages are kept here but never printed, since Web API's messages quote request values
/// ("Error converting value \"...\"").
#[derive(Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct HttpError {
    /// `Message`: "The request is invalid.", "An error has occurred.", ...
    pub message: Option<String>,
    /// `MessageDetail`.
    pub message_detail: Option<String>,
    /// `ExceptionMessage` (with error detail on).
    pub exception_message: Option<String>,
    /// `ExceptionType`.
    pub exception_type: Option<String>,
    /// `StackTrace`.
    pub stack_trace: Option<String>,
    /// `ModelState`: each key (`request.token`) with its messages.
    pub model_state: Vec<(String, Vec<String>)>,
    /// `InnerException`.
    pub inner_exception: Option<Box<HttpError>>,
}

impl fmt::Debug for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hidden =
            |s: &Option<String>| s.as_ref().map(|s| format!("<{} chars>", s.chars().count()));
        f.debug_struct("HttpError")
            .field("message", &self.message)
            .field("message_detail", &self.message_detail)
            .field("exception_message", &hidden(&self.exception_message))
            .field("exception_type", &self.exception_type)
            .field("stack_trace", &hidden(&self.stack_trace))
            .field(
                "model_state",
                &self.model_state.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            )
            .field("inner_exception", &self.inner_exception)
            .finish()
    }
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = self.message.as_deref().unwrap_or("(no message)");
        write!(f, "{}", truncate(message, 200))?;
        if let Some(detail) = &self.message_detail {
            write!(f, " ({})", truncate(detail, 200))?;
        }
        if let Some(t) = &self.exception_type {
            write!(f, " [{t}]")?;
        }
        if !self.model_state.is_empty() {
            let keys: Vec<&str> = self.model_state.iter().map(|(k, _)| k.as_str()).collect();
            write!(f, "; invalid: {}", keys.join(", "))?;
        }
        Ok(())
    }
}

fn truncate(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

impl HttpError {
    /// Reads an error body by its `Content-Type`; `None` when it is not an `HttpError`.
    pub fn parse(content_type: Option<&str>, body: &[u8]) -> Option<HttpError> {
        let media = MediaType::parse(content_type?).ok()?;
        let body = datacontract::media::to_utf8(body, media.charset).ok()?;
        match media.format {
            Format::Json => {
                let value: serde_json::Value = serde_json::from_slice(&body).ok()?;
                from_json(&value)
            }
            Format::Xml => from_xml(&body),
        }
    }
}

fn from_json(value: &serde_json::Value) -> Option<HttpError> {
    let object = value.as_object()?;
    let text = |key: &str| object.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    let error = HttpError {
        message: text("Message"),
        message_detail: text("MessageDetail"),
        exception_message: text("ExceptionMessage"),
        exception_type: text("ExceptionType"),
        stack_trace: text("StackTrace"),
        model_state: object
            .get("ModelState")
            .and_then(|m| m.as_object())
            .map(|m| {
                m.iter()
                    .map(|(key, messages)| {
                        let list = match messages {
                            serde_json::Value::Array(items) => items
                                .iter()
                                .filter_map(|i| i.as_str().map(str::to_owned))
                                .collect(),
                            serde_json::Value::String(s) => vec![s.clone()],
                            _ => Vec::new(),
                        };
                        (key.clone(), list)
                    })
                    .collect()
            })
            .unwrap_or_default(),
        inner_exception: object
            .get("InnerException")
            .and_then(from_json)
            .map(Box::new),
    };
    (error != HttpError::default()).then_some(error)
}

/// `<Error>` with one child per entry; `ModelState` and `InnerException` nest.
fn from_xml(body: &[u8]) -> Option<HttpError> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(body);
    // The path of open elements under the root, and the text of the innermost.
    let mut stack: Vec<String> = Vec::new();
    let mut root_seen = false;
    let mut entries: Vec<(Vec<String>, String)> = Vec::new();
    let mut text = String::new();
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if !root_seen {
                    if name != "Error" {
                        return None;
                    }
                    root_seen = true;
                } else {
                    stack.push(name);
                }
                text.clear();
            }
            Event::Text(t) => text.push_str(&t.unescape().ok()?),
            Event::CData(t) => text.push_str(&String::from_utf8_lossy(&t)),
            Event::End(_) => {
                if stack.is_empty() {
                    break;
                }
                entries.push((stack.clone(), std::mem::take(&mut text)));
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    fn build(entries: &[(Vec<String>, String)], depth: usize) -> HttpError {
        let mut error = HttpError::default();
        let mut inner: Vec<(Vec<String>, String)> = Vec::new();
        for (path, text) in entries {
            let (Some(key), rest) = (path.get(depth), path.get(depth + 1..).unwrap_or_default())
            else {
                continue;
            };
            let value = Some(text.clone());
            match (key.as_str(), rest.first()) {
                ("Message", None) => error.message = value,
                ("MessageDetail", None) => error.message_detail = value,
                ("ExceptionMessage", None) => error.exception_message = value,
                ("ExceptionType", None) => error.exception_type = value,
                ("StackTrace", None) => error.stack_trace = value,
                ("ModelState", Some(field)) => {
                    match error.model_state.iter_mut().find(|(k, _)| k == field) {
                        Some((_, list)) => list.push(text.clone()),
                        None => error.model_state.push((field.clone(), vec![text.clone()])),
                    }
                }
                ("InnerException", Some(_)) => inner.push((path.clone(), text.clone())),
                _ => {}
            }
        }
        if !inner.is_empty() {
            error.inner_exception = Some(Box::new(build(&inner, depth + 1)));
        }
        error
    }
    let error = build(&entries, 0);
    (root_seen && error != HttpError::default()).then_some(error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_and_xml_error_bodies_read_and_print_no_exception_text() {
        let json = br#"{"Message":"The request is invalid.","ModelState":{"request.token":["Error converting value \"S3CRET\""]}}"#;
        let e = HttpError::parse(Some("application/json; charset=utf-8"), json).unwrap();
        assert_eq!(e.message.as_deref(), Some("The request is invalid."));
        assert_eq!(e.model_state[0].0, "request.token");
        let shown = format!("{e} {e:?}");
        assert!(!shown.contains("S3CRET"), "{shown}");
        assert!(shown.contains("request.token"), "{shown}");

        let xml = b"<Error><Message>An error has occurred.</Message><ExceptionMessage>boom S3CRET</ExceptionMessage><ExceptionType>System.Exception</ExceptionType><StackTrace>at X</StackTrace></Error>";
        let e = HttpError::parse(Some("application/xml"), xml).unwrap();
        assert_eq!(e.exception_message.as_deref(), Some("boom S3CRET"));
        assert_eq!(e.exception_type.as_deref(), Some("System.Exception"));
        let shown = format!("{e} {e:?}");
        assert!(!shown.contains("S3CRET"), "{shown}");
        assert!(HttpError::parse(Some("application/xml"), b"<string>Not found</string>").is_none());
        assert!(HttpError::parse(None, json).is_none());
    }
}
