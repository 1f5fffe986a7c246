//! The HTTP side: hyper's HTTP/1 connections (header timeout, graceful shutdown, a bound on
//! connections) around one axum handler that does what Web API 5 does with a request.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use axum::body::{Body as AxumBody, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use datacontract::media::{self, BodyError, Format, MediaType, Negotiated, ReadOptions};
use datacontract::{Method, Report, UriErrorKind};
use http_body_util::{BodyExt as _, Limited};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{oneshot, Semaphore};

use crate::handler::Registration;
use crate::record::Received;
use crate::routes::{self, Routed, Routes};
use crate::served::{AnswerBody, AnyValue, Incoming, Served};
use crate::webapi::{self, HttpError};
use crate::Limits;

/// What every request of one server shares.
pub(crate) struct Shared {
    pub(crate) endpoints: Vec<Arc<dyn Served>>,
    pub(crate) routes: Routes,
    /// Per endpoint, the handlers registered, latest last.
    pub(crate) handlers: RwLock<HashMap<usize, Vec<Arc<Registration>>>>,
    /// Per endpoint, the `--responses` file's value.
    pub(crate) files: HashMap<usize, AnyValue>,
    pub(crate) received: Mutex<Vec<Received>>,
    pub(crate) record: bool,
    pub(crate) options: ReadOptions,
    pub(crate) limits: Limits,
}

/// Accepts connections until `shutdown` fires, then lets the requests in flight finish (at
/// most `limits.shutdown_grace`).
pub(crate) async fn serve(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut shutdown: oneshot::Receiver<()>,
) {
    let limits = shared.limits.clone();
    // The one handler as a service: routing is Web API's (`routes`), not axum's.
    let app = axum::handler::Handler::with_state(dispatch, shared);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let connections = Arc::new(Semaphore::new(limits.max_connections));
    loop {
        let permit = tokio::select! {
            permit = connections.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            _ = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors, say: wait a little rather than spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_timeout)
            .keep_alive(true);
        let connection = builder.serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _permit = permit;
            if let Err(e) = connection.await {
                tracing::debug!(%peer, error = %e, "connection ended with an error");
            }
        });
    }
    drop(listener);
    tokio::select! {
        _ = graceful.shutdown() => tracing::debug!("every connection finished"),
        _ = tokio::time::sleep(limits.shutdown_grace) => {
            tracing::warn!(grace = ?limits.shutdown_grace, "requests still in flight at the end of the shutdown grace period");
        }
    }
}

/// A request's headers as text, for negotiation.
fn header_text(headers: &HeaderMap, name: header::HeaderName) -> Option<Cow<'_, str>> {
    let mut values = headers.get_all(name).iter().filter_map(|v| v.to_str().ok());
    let first = values.next()?;
    match values.next() {
        None => Some(Cow::Borrowed(first)),
        Some(second) => {
            let mut joined = format!("{first},{second}");
            for value in values {
                joined.push(',');
                joined.push_str(value);
            }
            Some(Cow::Owned(joined))
        }
    }
}

/// What a request came to, before it becomes a response.
struct Outcome {
    status: u16,
    body: AnswerBody,
    headers: Vec<(String, String)>,
    endpoint: Option<(Method, &'static str)>,
    report: Option<Report>,
    error: Option<String>,
    parameters: Option<AnyValue>,
    value: Option<AnyValue>,
    close: bool,
}

impl Outcome {
    fn error(status: u16, error: HttpError) -> Outcome {
        Outcome {
            status,
            error: error.message_text().map(str::to_owned),
            body: AnswerBody::Error(error),
            headers: Vec::new(),
            endpoint: None,
            report: None,
            parameters: None,
            value: None,
            close: false,
        }
    }
}

async fn dispatch(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let started = Instant::now();
    let (parts, body) = request.into_parts();
    let accept = header_text(&parts.headers, header::ACCEPT);
    let accept_charset = header_text(&parts.headers, header::ACCEPT_CHARSET);
    let content_type = header_text(&parts.headers, header::CONTENT_TYPE);
    let negotiated = media::negotiate(
        accept.as_deref(),
        accept_charset.as_deref(),
        content_type.as_deref(),
    );

    let (bytes, outcome) = match read_body(&shared.limits, &parts.headers, body).await {
        Ok(bytes) => {
            let outcome = handle(
                &shared,
                &parts,
                &bytes,
                content_type.as_deref(),
                &negotiated,
            );
            (bytes, outcome)
        }
        Err(outcome) => (Bytes::new(), outcome),
    };

    if let Some(report) = &outcome.report {
        for finding in report.findings() {
            tracing::warn!(
                method = %parts.method,
                path = parts.uri.path(),
                member = %finding.path,
                line = finding.line,
                column = finding.column,
                "the real server would read this body otherwise: {}",
                finding.message
            );
        }
    }
    tracing::info!(
        method = %parts.method,
        path = parts.uri.path(),
        status = outcome.status,
        format = %negotiated.format,
        micros = started.elapsed().as_micros() as u64,
        error = outcome.error.as_deref().unwrap_or(""),
        "request"
    );

    let response = respond(&outcome, &negotiated);
    if shared.record {
        let received = Received {
            method: parts.method.as_str().to_owned(),
            path: parts.uri.path().to_owned(),
            query: parts.uri.query().map(str::to_owned),
            headers: parts
                .headers
                .iter()
                .map(|(n, v)| {
                    (
                        n.as_str().to_owned(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect(),
            body: bytes.to_vec(),
            endpoint: outcome.endpoint,
            status: outcome.status,
            report: outcome.report,
            error: outcome.error,
            parameters: outcome.parameters,
            value: outcome.value,
        };
        shared
            .received
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(received);
    }
    response
}

/// Reads the whole body within the size limit and the body timeout.
async fn read_body(limits: &Limits, headers: &HeaderMap, body: AxumBody) -> Result<Bytes, Outcome> {
    let too_large = || {
        let mut outcome = Outcome::error(
            413,
            HttpError::message(format!(
                "The request body is larger than the server's limit of {} bytes.",
                limits.max_body
            )),
        );
        outcome.close = true;
        outcome
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limits.max_body as u64) {
        return Err(too_large());
    }
    match tokio::time::timeout(
        limits.body_timeout,
        Limited::new(body, limits.max_body).collect(),
    )
    .await
    {
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => Err(too_large()),
        Ok(Err(e)) => {
            let mut outcome = Outcome::error(
                400,
                HttpError::message(format!("The request body could not be read: {e}")),
            );
            outcome.close = true;
            Err(outcome)
        }
        Err(_) => {
            let mut outcome = Outcome::error(
                408,
                HttpError::message(format!(
                    "The request body did not arrive within {} s.",
                    limits.body_timeout.as_secs_f64()
                )),
            );
            outcome.close = true;
            Err(outcome)
        }
    }
}

/// Web API 5's pipeline for one request whose body has arrived.
fn handle(
    shared: &Shared,
    parts: &axum::http::request::Parts,
    bytes: &[u8],
    content_type: Option<&str>,
    negotiated: &Negotiated,
) -> Outcome {
    // The request URI as Web API's 404 messages show it.
    let uri = || {
        format!(
            "http://{}{}",
            parts
                .headers
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .unwrap_or("localhost"),
            parts
                .uri
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/")
        )
    };
    let path = routes::segments(parts.uri.path());
    let (index, route_values) = match shared.routes.route(parts.method.as_str(), &path) {
        Routed::Found(index, values) => (index, values),
        Routed::MethodNotAllowed(allowed) => {
            let mut outcome = Outcome::error(
                405,
                HttpError::message(webapi::method_not_supported(parts.method.as_str())),
            );
            outcome.headers.push(("Allow".into(), allowed.join(", ")));
            return outcome;
        }
        Routed::NotFound(detail) => {
            return Outcome::error(
                404,
                HttpError::with_detail(webapi::resource_not_found(&uri()), detail),
            );
        }
    };
    let endpoint = &shared.endpoints[index];
    let key = Some((endpoint.method(), endpoint.route()));
    let mut model_errors: Vec<(String, String)> = Vec::new();

    // URI parameters: the route's values, then the query string (names ignoring case).
    let query: Vec<(String, String)> = parts
        .uri
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default();
    let lookup = |name: &str| -> Option<String> {
        route_values
            .iter()
            .chain(query.iter())
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let parameters = match endpoint.bind(&lookup) {
        Ok(parameters) => Some(parameters),
        Err(e) => match e.kind {
            UriErrorKind::Missing => {
                let controller = shared
                    .routes
                    .template(index)
                    .and_then(|t| t.controller())
                    .unwrap_or_default()
                    .to_owned();
                let mut outcome = Outcome::error(
                    404,
                    HttpError::with_detail(
                        webapi::resource_not_found(&uri()),
                        webapi::action_not_found(&controller),
                    ),
                );
                outcome.endpoint = key;
                return outcome;
            }
            UriErrorKind::Invalid(message) => {
                model_errors.push((e.parameter.to_owned(), message));
                None
            }
            _ => {
                model_errors.push((e.parameter.to_owned(), e.to_string()));
                None
            }
        },
    };

    // The body, by its Content-Type, as the formatter reads it.
    let mut format = None;
    let mut value = None;
    let mut report = None;
    if endpoint.has_body() {
        let key_of = |member: &str| {
            if member.is_empty() {
                endpoint.body_parameter().to_owned()
            } else {
                format!("{}.{member}", endpoint.body_parameter())
            }
        };
        match MediaType::parse_request(content_type) {
            Err(BodyError::UnsupportedMediaType(essence)) if !bytes.is_empty() => {
                let error = match content_type {
                    None => webapi::unsupported_media_type_no_content_type(endpoint.request_type()),
                    Some(_) => webapi::unsupported_media_type(&essence, endpoint.request_type()),
                };
                let mut outcome = Outcome::error(415, error);
                outcome.endpoint = key;
                return outcome;
            }
            Err(_) => model_errors.push((key_of(""), webapi::BODY_REQUIRED.to_owned())),
            Ok(_) if bytes.is_empty() => {
                model_errors.push((key_of(""), webapi::BODY_REQUIRED.to_owned()))
            }
            Ok(request_type) => {
                let media_type = request_type.media_type;
                format = Some(media_type.format);
                if let Some(ignored) = &request_type.ignored_charset {
                    tracing::warn!(charset = %ignored, "Web API ignores this charset and reads the body as UTF-8");
                }
                match media::to_utf8(bytes, media_type.charset)
                    .and_then(|utf8| endpoint.read(&utf8, media_type.format, &shared.options))
                {
                    Ok((read, found)) => {
                        value = Some(read);
                        report = Some(found);
                    }
                    Err(BodyError::Json(e)) => model_errors.push((key_of(e.path()), e.to_string())),
                    Err(BodyError::Xml(e)) => model_errors.push((key_of(""), e.to_string())),
                    Err(e) => model_errors.push((key_of(""), e.to_string())),
                }
            }
        }
    } else {
        match endpoint.read(b"", Format::Json, &shared.options) {
            Ok((read, _)) => value = Some(read),
            Err(e) => model_errors.push((String::new(), e.to_string())),
        }
    }

    if !model_errors.is_empty() {
        let mut outcome = Outcome::error(400, HttpError::model_state(&model_errors));
        outcome.error = Some(
            model_errors
                .iter()
                .map(|(k, m)| format!("{k}: {m}"))
                .collect::<Vec<_>>()
                .join("; "),
        );
        outcome.endpoint = key;
        outcome.report = report;
        outcome.parameters = parameters;
        outcome.value = value;
        return outcome;
    }
    let (Some(parameters), Some(value)) = (parameters, value) else {
        return Outcome::error(500, HttpError::message("An error has occurred."));
    };

    let registration = shared
        .handlers
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .get(&index)
        .and_then(|list| list.last().cloned());
    if let Some(registration) = &registration {
        registration.calls.fetch_add(1, Ordering::SeqCst);
    }
    let empty = Report::default();
    let incoming = Incoming {
        parameters: &parameters,
        body: &value,
        report: report.as_ref().unwrap_or(&empty),
        format,
        response_format: negotiated.format,
        headers: &parts.headers,
    };
    let answer = endpoint.answer(registration.as_deref(), shared.files.get(&index), &incoming);
    Outcome {
        status: answer.status,
        error: match &answer.body {
            AnswerBody::Error(e) => e.message_text().map(str::to_owned),
            _ => None,
        },
        body: answer.body,
        headers: answer.headers,
        endpoint: key,
        report,
        parameters: Some(parameters),
        value: Some(value),
        close: false,
    }
}

/// The response of an outcome, in the negotiated format and charset.
fn respond(outcome: &Outcome, negotiated: &Negotiated) -> Response {
    let status = StatusCode::from_u16(outcome.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let negotiated_type = || Some(HeaderValue::from_static(negotiated.content_type()));
    let (content_type, bytes) = match &outcome.body {
        AnswerBody::Empty => (None, Bytes::new()),
        // UTF-8: the bytes as they are (a sample's are shared, not copied).
        AnswerBody::Formatted(utf8) if negotiated.charset == media::Charset::Utf8 => {
            (negotiated_type(), utf8.clone())
        }
        AnswerBody::Formatted(utf8) => (
            negotiated_type(),
            Bytes::from(negotiated.encode(utf8.to_vec())),
        ),
        AnswerBody::Error(error) => (negotiated_type(), Bytes::from(error.encode(negotiated))),
        AnswerBody::Raw(content_type, bytes) => (
            HeaderValue::from_str(content_type).ok(),
            Bytes::from(bytes.clone()),
        ),
    };
    let mut response = Response::new(AxumBody::from(bytes));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    if let Some(value) = content_type {
        headers.insert(header::CONTENT_TYPE, value);
    }
    for (name, value) in &outcome.headers {
        if let (Ok(name), Ok(value)) = (
            header::HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            headers.append(name, value);
        }
    }
    if outcome.close {
        headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}
