//! A typed client for the Cebes DI H2H API, an ASP.NET Web API server: requests written as
//! DataContractSerializer XML or Json.NET JSON byte for byte, responses read by the media type
//! the server sent, with the read policy's [`Report`] of what .NET would read otherwise.
//!
//! ```no_run
//! use h2h_client::{Client, Format};
//! use h2h_models::{AuthRequest, Language};
//!
//! # async fn run() -> Result<(), h2h_client::Error> {
//! let client = Client::builder("https://h2h.example.com/api/")
//!     .format(Format::Xml)
//!     .build()?;
//! let request = AuthRequest {
//!     token: Some("…".into()),
//!     language: Language::En,
//!     ..Default::default()
//! };
//! let response = client.session_logout(&request).await?;
//! println!("{:?} at {}", response.value.status, response.value.resp_time);
//! # Ok(()) }
//! ```
//!
//! - One generic call over the [`Endpoint`] catalog ([`Client::call`], [`Client::call_with`])
//!   and a method per endpoint, generated from the schema like the models.
//! - The format is chosen per client and per call; a request carries
//!   `Content-Type: application/xml; charset=utf-8` (or the JSON one) and the matching
//!   `Accept`. A response is read in the format of its `Content-Type`, with its charset or
//!   byte order mark (Web API answers XML to a JSON request when the `Accept` says so).
//! - Timeouts (connect and total), default headers, a user agent; hooks that see the exact
//!   bytes before sending (and may add headers: signing) and after receiving (audit logs).
//! - Every [`Response`] and every [`Error`] past the network carries the [`Exchange`]: the
//!   bytes sent and received.
//! - No retry unless asked for, and then only for idempotent methods ([`RetryPolicy`]): a
//!   `POST` is a payment.
//! - A `tracing` span per call (`h2h.call`: method, route, format, status, latency), which
//!   records no body and no header value; `Debug` of exchanges and errors shows sizes and
//!   header names only.
#![forbid(unsafe_code)]

mod error;
mod exchange;
mod generated;

use std::sync::Arc;
use std::time::{Duration, Instant};

use datacontract::media::{self, Body, BodyError, MediaType};
use datacontract::{Endpoint, Method, UriParameters};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, CONTENT_TYPE};
use tracing::Instrument as _;

pub use datacontract::media::Format;
pub use datacontract::{ReadPolicy, Report};
pub use error::{Error, HttpError};
pub use exchange::{Exchange, Received};
pub use reqwest::{StatusCode, Url};

/// The user agent sent unless the builder sets another.
pub const USER_AGENT: &str = concat!("h2h-client/", env!("CARGO_PKG_VERSION"));

/// A request about to be sent, for a [`ClientBuilder::before_send`] hook: the exact body, and
/// headers the hook may add to (a signature over the body, a request id).
#[derive(Debug)]
#[non_exhaustive]
pub struct Outgoing<'a> {
    /// The method.
    pub method: Method,
    /// The URL.
    pub url: &'a Url,
    /// The headers to send (without those reqwest adds: `Host`, `Content-Length`,
    /// `User-Agent`).
    pub headers: &'a mut HeaderMap,
    /// The body's bytes.
    pub body: &'a [u8],
}

type BeforeSend = Arc<dyn Fn(&mut Outgoing<'_>) + Send + Sync>;
type AfterReceive = Arc<dyn Fn(&Exchange) + Send + Sync>;

/// Retries for idempotent methods (`GET`, `HEAD`, `OPTIONS`, `PUT`, `DELETE`) after a
/// transport error, a timeout, or a 502, 503 or 504, with exponential backoff. Never applied
/// to `POST` or `PATCH`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Attempts in all, the first included (at least 1).
    pub max_attempts: u32,
    /// The wait before the second attempt; doubled after each.
    pub initial_backoff: Duration,
    /// The longest wait.
    pub max_backoff: Duration,
}

impl RetryPolicy {
    /// `max_attempts` attempts, waiting 200 ms, then 400 ms, ... up to 5 s.
    pub fn new(max_attempts: u32) -> Self {
        RetryPolicy {
            max_attempts: max_attempts.max(1),
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
        }
    }
}

/// Builds a [`Client`].
#[must_use]
pub struct ClientBuilder {
    base: String,
    format: Format,
    connect_timeout: Duration,
    timeout: Duration,
    user_agent: String,
    headers: Vec<(String, String)>,
    read: media::ReadOptions,
    before_send: Vec<BeforeSend>,
    after_receive: Vec<AfterReceive>,
    retry: Option<RetryPolicy>,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base", &self.base)
            .field("format", &self.format)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field(
                "headers",
                &self.headers.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            )
            .field("policy", &self.read.policy())
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Bodies in `format` (XML by default, the API's documented first format for integrators
    /// who sign bytes; JSON is one call away).
    pub fn format(mut self, format: Format) -> Self {
        self.format = format;
        self
    }

    /// The longest wait for a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The longest wait for a whole call, from sending to the last byte of the answer
    /// (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The `User-Agent` (default [`USER_AGENT`]).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// A header sent with every request (checked when the client is built).
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// How responses are read (default [`ReadPolicy::Forward`]: a new member the server adds
    /// does not break the call).
    pub fn read_policy(mut self, policy: ReadPolicy) -> Self {
        self.read = self.read.with_policy(policy);
        self
    }

    /// A hook run before each attempt is sent: it sees the exact bytes and may add headers.
    pub fn before_send(mut self, hook: impl Fn(&mut Outgoing<'_>) + Send + Sync + 'static) -> Self {
        self.before_send.push(Arc::new(hook));
        self
    }

    /// A hook run after each answer is received, before it is read: it sees the exact bytes
    /// sent and received.
    pub fn after_receive(mut self, hook: impl Fn(&Exchange) + Send + Sync + 'static) -> Self {
        self.after_receive.push(Arc::new(hook));
        self
    }

    /// Retries idempotent calls (see [`RetryPolicy`]); none by default.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// The client.
    pub fn build(self) -> Result<Client, Error> {
        let mut base = Url::parse(&self.base)
            .map_err(|e| Error::Config(format!("base URL '{}': {e}", self.base)))?;
        if base.cannot_be_a_base() {
            return Err(Error::Config(format!(
                "base URL '{}' cannot hold a route",
                self.base
            )));
        }
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        let mut headers = HeaderMap::new();
        for (name, value) in &self.headers {
            let header = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Error::Config(format!("header name '{name}' is not valid")))?;
            let mut value = HeaderValue::from_str(value)
                .map_err(|_| Error::Config(format!("the value of header '{name}' is not valid")))?;
            value.set_sensitive(true);
            headers.append(header, value);
        }
        let http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .user_agent(self.user_agent)
            .build()
            .map_err(|e| Error::Config(e.without_url().to_string()))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base,
                format: self.format,
                timeout: self.timeout,
                headers,
                read: self.read,
                before_send: self.before_send,
                after_receive: self.after_receive,
                retry: self.retry,
            }),
        })
    }
}

/// A client for one server. Cheap to clone (the connection pool is shared).
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base: Url,
    format: Format,
    timeout: Duration,
    headers: HeaderMap,
    read: media::ReadOptions,
    before_send: Vec<BeforeSend>,
    after_receive: Vec<AfterReceive>,
    retry: Option<RetryPolicy>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.inner.base.as_str())
            .field("format", &self.inner.format)
            .field("timeout", &self.inner.timeout)
            .finish_non_exhaustive()
    }
}

/// Per-call choices.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct CallOptions {
    /// The format of this call's request (and `Accept`), instead of the client's.
    pub format: Option<Format>,
    /// Headers for this call only.
    pub headers: Vec<(String, String)>,
}

impl CallOptions {
    /// Options with this call's format.
    pub fn format(format: Format) -> Self {
        CallOptions {
            format: Some(format),
            ..CallOptions::default()
        }
    }

    /// Adds a header for this call.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// A successful call: the value read, its report, and the exchange.
#[derive(Debug)]
#[non_exhaustive]
pub struct Response<T> {
    /// The response body's value.
    pub value: T,
    /// What the read met that .NET would read otherwise (by the client's read policy).
    pub report: Report,
    /// The status (2xx).
    pub status: StatusCode,
    /// The format the server answered in.
    pub format: Option<Format>,
    /// The bytes sent and received.
    pub exchange: Exchange,
}

impl Client {
    /// A builder for a client of the server at `base_url` (the API root; a route such as
    /// `Session/Logout` is resolved against it).
    pub fn builder(base_url: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            base: base_url.into(),
            format: Format::Xml,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            user_agent: USER_AGENT.to_owned(),
            headers: Vec::new(),
            read: media::ReadOptions::default()
                .with_server_utc_offset(h2h_models::SERVER_UTC_OFFSET_MINUTES),
            before_send: Vec::new(),
            after_receive: Vec::new(),
            retry: None,
        }
    }

    /// Calls endpoint `E` with its URI parameters and request body (`&()` for none).
    pub async fn call<E: Endpoint>(
        &self,
        parameters: &E::Parameters,
        body: &E::Request,
    ) -> Result<Response<E::Response>, Error> {
        self.call_with::<E>(parameters, body, &CallOptions::default())
            .await
    }

    /// [`Client::call`] with per-call options.
    pub async fn call_with<E: Endpoint>(
        &self,
        parameters: &E::Parameters,
        body: &E::Request,
        options: &CallOptions,
    ) -> Result<Response<E::Response>, Error> {
        let format = options.format.unwrap_or(self.inner.format);
        let url = url_for(&self.inner.base, E::ROUTE, parameters.uri_values())?;
        let bytes = if <E::Request as Body>::PRESENT {
            body.write_body(format).map_err(Error::Encode)?
        } else {
            Vec::new()
        };
        let mut headers = self.inner.headers.clone();
        if <E::Request as Body>::PRESENT {
            headers.insert(
                CONTENT_TYPE,
                HeaderValue::from_static(format.content_type()),
            );
        }
        headers.insert(ACCEPT, HeaderValue::from_static(format.media_type()));
        for (name, value) in &options.headers {
            let header = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Error::Config(format!("header name '{name}' is not valid")))?;
            let mut value = HeaderValue::from_str(value)
                .map_err(|_| Error::Config(format!("the value of header '{name}' is not valid")))?;
            value.set_sensitive(true);
            headers.append(header, value);
        }
        let span = tracing::info_span!(
            "h2h.call",
            method = E::METHOD.as_str(),
            route = E::ROUTE,
            format = %format,
            status = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        self.send::<E::Response>(E::METHOD, url, headers, bytes)
            .instrument(span)
            .await
    }

    /// Sends (with retries where allowed) and reads the answer.
    async fn send<R: Body>(
        &self,
        method: Method,
        url: Url,
        headers: HeaderMap,
        body: Vec<u8>,
    ) -> Result<Response<R>, Error> {
        let inner = &self.inner;
        let idempotent = matches!(
            method,
            Method::Get | Method::Head | Method::Options | Method::Put | Method::Delete
        );
        let attempts = match inner.retry {
            Some(retry) if idempotent => retry.max_attempts.max(1),
            _ => 1,
        };
        let mut backoff = inner.retry.map(|r| r.initial_backoff).unwrap_or_default();
        let mut attempt = 1;
        loop {
            let result = self
                .attempt::<R>(method, &url, headers.clone(), &body)
                .await;
            let retryable = match &result {
                Err(Error::Transport { .. } | Error::Timeout { .. }) => true,
                Err(Error::Status { status, .. }) => matches!(status.as_u16(), 502..=504),
                _ => false,
            };
            if !retryable || attempt >= attempts {
                return result;
            }
            tracing::info!(attempt, "retrying an idempotent call");
            tokio::time::sleep(backoff).await;
            if let Some(retry) = inner.retry {
                backoff = (backoff * 2).min(retry.max_backoff);
            }
            attempt += 1;
        }
    }

    async fn attempt<R: Body>(
        &self,
        method: Method,
        url: &Url,
        mut headers: HeaderMap,
        body: &[u8],
    ) -> Result<Response<R>, Error> {
        let inner = &self.inner;
        for hook in &inner.before_send {
            hook(&mut Outgoing {
                method,
                url,
                headers: &mut headers,
                body,
            });
        }
        let mut exchange = Exchange {
            method,
            url: url.clone(),
            request_headers: headers.clone(),
            request_body: body.to_vec(),
            received: None,
        };
        let started = Instant::now();
        let request = inner
            .http
            .request(reqwest_method(method), url.clone())
            .headers(headers)
            .body(body.to_vec());
        let failed = |e: reqwest::Error, exchange: Exchange| {
            if e.is_timeout() {
                Error::Timeout {
                    after: inner.timeout,
                    exchange: Box::new(exchange),
                }
            } else {
                Error::Transport {
                    message: error_chain(&e.without_url()),
                    exchange: Box::new(exchange),
                }
            }
        };
        let answer = match request.send().await {
            Ok(answer) => answer,
            Err(e) => return Err(failed(e, exchange)),
        };
        let status = answer.status();
        let response_headers = answer.headers().clone();
        let bytes = match answer.bytes().await {
            Ok(bytes) => bytes.to_vec(),
            Err(e) => return Err(failed(e, exchange)),
        };
        let span = tracing::Span::current();
        span.record("status", status.as_u16());
        span.record("latency_ms", started.elapsed().as_millis() as u64);
        exchange.received = Some(Received {
            status,
            headers: response_headers,
            body: bytes,
        });
        for hook in &inner.after_receive {
            hook(&exchange);
        }
        let (content_type, body): (Option<&str>, &[u8]) = match &exchange.received {
            Some(received) => (received.content_type(), &received.body),
            None => (None, &[]),
        };
        if !status.is_success() {
            let http_error = HttpError::parse(content_type, body);
            tracing::warn!(status = status.as_u16(), "the server answered an error");
            return Err(Error::Status {
                status,
                http_error,
                exchange: Box::new(exchange),
            });
        }
        if !R::PRESENT {
            let (value, report) =
                R::read_body(&[], Format::Json, &inner.read).map_err(|error| Error::Decode {
                    error,
                    exchange: Box::new(exchange.clone()),
                })?;
            return Ok(Response {
                value,
                report,
                status,
                format: None,
                exchange,
            });
        }
        let decoded = content_type
            .ok_or_else(|| {
                BodyError::UnsupportedMediaType("(no Content-Type on the response)".into())
            })
            .and_then(MediaType::parse)
            .and_then(|media| {
                let text = media::to_utf8(body, media.charset)?;
                R::read_body(&text, media.format, &inner.read).map(|(v, r)| (v, r, media.format))
            });
        match decoded {
            Ok((value, report, format)) => {
                if !report.is_empty() {
                    tracing::info!(
                        findings = report.findings().len(),
                        "the response holds what .NET would read otherwise"
                    );
                }
                Ok(Response {
                    value,
                    report,
                    status,
                    format: Some(format),
                    exchange,
                })
            }
            Err(error) => Err(Error::Decode {
                error,
                exchange: Box::new(exchange),
            }),
        }
    }
}

/// reqwest's message with its sources (`error sending request: connection refused`).
fn error_chain(error: &reqwest::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}

fn reqwest_method(method: Method) -> reqwest::Method {
    match method {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
        Method::Delete => reqwest::Method::DELETE,
        Method::Patch => reqwest::Method::PATCH,
        Method::Head => reqwest::Method::HEAD,
        Method::Options => reqwest::Method::OPTIONS,
    }
}

/// The URL of `route` under `base`: each `{name}` segment (also `{name?}`, `{*name}`,
/// `{name:constraint}`) holds its parameter's text, escaped for a path segment, and the other
/// parameters go in the query string, as Web API binds simple types. Names match ignoring
/// case, as Web API's route values do.
pub fn url_for(
    base: &Url,
    route: &str,
    values: Vec<(&'static str, Option<String>)>,
) -> Result<Url, Error> {
    let mut url = base.clone();
    let mut used = vec![false; values.len()];
    {
        let mut segments = url
            .path_segments_mut()
            .map_err(|()| Error::Config(format!("base URL '{base}' cannot hold a route")))?;
        segments.pop_if_empty();
        for segment in route.split('/').filter(|s| !s.is_empty()) {
            let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
                segments.push(segment);
                continue;
            };
            let optional = name.ends_with('?');
            let name = name.trim_start_matches('*').trim_end_matches('?');
            let name = name.split(':').next().unwrap_or(name);
            let index = values
                .iter()
                .position(|(n, _)| n.eq_ignore_ascii_case(name))
                .ok_or_else(|| {
                    Error::Config(format!(
                        "route '{route}' names '{name}', no parameter has it"
                    ))
                })?;
            used[index] = true;
            match &values[index].1 {
                Some(text) => {
                    segments.push(text);
                }
                None if optional => break,
                None => {
                    return Err(Error::Config(format!(
                        "the route parameter '{name}' of '{route}' has no value"
                    )))
                }
            }
        }
    }
    let query: Vec<(&str, &str)> = values
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .filter_map(|((name, text), _)| text.as_deref().map(|t| (*name, t)))
        .collect();
    if !query.is_empty() {
        url.query_pairs_mut().extend_pairs(query);
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_take_their_parameters_and_the_rest_go_in_the_query() {
        let base = Url::parse("http://127.0.0.1:9/api/").unwrap();
        let url = url_for(
            &base,
            "Accounts/{accountNo}/Statement",
            vec![
                ("AccountNo", Some("12 34/5".into())),
                ("from", Some("2025-01-23T00:00:00".into())),
                ("page", None),
            ],
        )
        .unwrap();
        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:9/api/Accounts/12%2034%2F5/Statement?from=2025-01-23T00%3A00%3A00"
        );
        let url = url_for(&base, "Session/Logout", Vec::new()).unwrap();
        assert_eq!(url.as_str(), "http://127.0.0.1:9/api/Session/Logout");
        assert!(url_for(&base, "Items/{id}", vec![("id", None)]).is_err());
        let url = url_for(&base, "Items/{id?}", vec![("id", None)]).unwrap();
        assert_eq!(url.as_str(), "http://127.0.0.1:9/api/Items");
    }
}
