//! Typed handlers: what a test answers for an endpoint, and what it expects to be called.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::http::{HeaderMap, StatusCode};
use datacontract::media::Format;
use datacontract::{Endpoint, Report};

/// A request to an endpoint, as a handler sees it: read as the real server reads it.
#[non_exhaustive]
pub struct Call<'a, E: Endpoint> {
    /// The URI parameters, bound from the route and the query string.
    pub parameters: &'a E::Parameters,
    /// The body as .NET's reader reads it (the dotnet policy by default: what DCS or Json.NET
    /// would drop is dropped).
    pub body: &'a E::Request,
    /// What the read met that .NET treats differently from what the sender may mean.
    pub report: &'a Report,
    /// The request's format (`None` for an endpoint without a body).
    pub format: Option<Format>,
    /// The format the response is written in (negotiated).
    pub response_format: Format,
    /// The request's headers.
    pub headers: &'a HeaderMap,
}

impl<E: Endpoint> fmt::Debug for Call<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The body's and parameters' own Debug redacts secrets; headers are not shown.
        f.debug_struct("Call")
            .field(
                "endpoint",
                &format_args!("{} {}", E::METHOD.as_str(), E::ROUTE),
            )
            .field("report", &self.report)
            .field("format", &self.format)
            .field("response_format", &self.response_format)
            .finish_non_exhaustive()
    }
}

/// What a handler answers.
#[derive(Debug)]
pub struct Reply<T> {
    pub(crate) status: StatusCode,
    pub(crate) body: ReplyBody<T>,
    pub(crate) headers: Vec<(String, String)>,
}

#[derive(Debug)]
pub(crate) enum ReplyBody<T> {
    /// The value, written in the negotiated format.
    Value(T),
    /// The endpoint's documented sample (or its `--responses` file).
    Default,
    /// No body.
    Empty,
    /// An `HttpError` with this Message, in the negotiated format.
    Error(String),
    /// Bytes as they are, with their `Content-Type`.
    Raw(String, Vec<u8>),
}

impl<T> Reply<T> {
    /// `200 OK` with `value`, written in the negotiated format.
    pub fn ok(value: T) -> Self {
        Reply::new(StatusCode::OK, ReplyBody::Value(value))
    }

    /// What the server answers without a handler: the documented sample response (or the
    /// `--responses` file).
    pub fn default_response() -> Self {
        Reply::new(StatusCode::OK, ReplyBody::Default)
    }

    /// A status without a body (`204 No Content`, say).
    pub fn status(status: StatusCode) -> Self {
        Reply::new(status, ReplyBody::Empty)
    }

    /// A status with an `HttpError` body `{"Message": message}`, as `Request.CreateErrorResponse`
    /// writes it.
    pub fn error(status: StatusCode, message: impl Into<String>) -> Self {
        Reply::new(status, ReplyBody::Error(message.into()))
    }

    /// A status with these bytes (for bodies the models cannot write: a broken one, say).
    pub fn raw(
        status: StatusCode,
        content_type: impl Into<String>,
        body: impl Into<Vec<u8>>,
    ) -> Self {
        Reply::new(status, ReplyBody::Raw(content_type.into(), body.into()))
    }

    /// The same reply with another status.
    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    /// The same reply with a header added.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    fn new(status: StatusCode, body: ReplyBody<T>) -> Self {
        Reply {
            status,
            body,
            headers: Vec::new(),
        }
    }
}

/// A handler as stored: typed, behind `Any`.
pub(crate) type TypedHandler<E> =
    dyn for<'a> Fn(&Call<'a, E>) -> Reply<<E as Endpoint>::Response> + Send + Sync;

/// How many calls an expectation wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Times {
    min: usize,
    max: usize,
}

impl Times {
    /// Exactly `n` calls.
    pub fn exactly(n: usize) -> Self {
        Times { min: n, max: n }
    }

    /// At least `n` calls.
    pub fn at_least(n: usize) -> Self {
        Times {
            min: n,
            max: usize::MAX,
        }
    }

    /// Between `min` and `max` calls, both included.
    pub fn between(min: usize, max: usize) -> Self {
        Times { min, max }
    }

    fn holds(&self, n: usize) -> bool {
        (self.min..=self.max).contains(&n)
    }
}

impl From<usize> for Times {
    fn from(n: usize) -> Self {
        Times::exactly(n)
    }
}

impl fmt::Display for Times {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.min, self.max) {
            (min, max) if min == max => write!(f, "exactly {min}"),
            (min, usize::MAX) => write!(f, "at least {min}"),
            (min, max) => write!(f, "between {min} and {max}"),
        }
    }
}

/// One handler registered with [`MockServer::on`](crate::MockServer::on).
pub(crate) struct Registration {
    pub(crate) endpoint: usize,
    pub(crate) name: String,
    pub(crate) handler: Box<dyn std::any::Any + Send + Sync>,
    pub(crate) calls: AtomicUsize,
    pub(crate) expected: Mutex<Option<Times>>,
}

impl Registration {
    /// The unmet expectation, if any.
    pub(crate) fn unmet(&self) -> Option<String> {
        let expected = (*self.expected.lock().unwrap_or_else(|e| e.into_inner()))?;
        let calls = self.calls.load(Ordering::SeqCst);
        (!expected.holds(calls))
            .then(|| format!("{}: expected {expected} calls, received {calls}", self.name))
    }
}

/// A registered handler: set what it expects, read how often it was called.
#[derive(Clone)]
pub struct Handle {
    pub(crate) registration: Arc<Registration>,
}

impl fmt::Debug for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handle")
            .field("handler", &self.registration.name)
            .field("calls", &self.calls())
            .finish()
    }
}

impl Handle {
    /// Expects this many calls (`3`, [`Times::at_least`]); checked when the server is dropped
    /// or [`verify`](crate::MockServer::verify)d.
    pub fn expect(self, times: impl Into<Times>) -> Self {
        *self
            .registration
            .expected
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = Some(times.into());
        self
    }

    /// How many requests this handler answered.
    pub fn calls(&self) -> usize {
        self.registration.calls.load(Ordering::SeqCst)
    }
}
