//! Each endpoint of the catalog behind one object-safe trait: what the server does with a
//! request once routing has chosen the endpoint, typed by the endpoint's marker.

use std::any::Any;
use std::marker::PhantomData;
use std::sync::Arc;

use axum::body::Bytes;

use datacontract::media::{Body, BodyError, Format, ReadOptions};
use datacontract::{
    DateTimeOffset, Endpoint, EndpointVisitor, Method, Report, UriError, UriParameters,
};

use crate::handler::{Call, Registration, Reply, ReplyBody, TypedHandler};
use crate::webapi::HttpError;

/// A value behind `Any`, shared with the record.
pub(crate) type AnyValue = Arc<dyn Any + Send + Sync>;

/// What the server answers, before headers.
pub(crate) struct Answer {
    pub(crate) status: u16,
    /// The body in the negotiated format (UTF-8), and whether it is the format's (`false`:
    /// raw bytes with their own content type).
    pub(crate) body: AnswerBody,
    pub(crate) headers: Vec<(String, String)>,
}

pub(crate) enum AnswerBody {
    Empty,
    /// UTF-8 bytes in the negotiated format.
    Formatted(Bytes),
    /// An `HttpError` (status and message) in the negotiated format.
    Error(HttpError),
    /// Bytes with their content type.
    Raw(String, Vec<u8>),
}

/// What a request brings to an endpoint.
pub(crate) struct Incoming<'a> {
    pub(crate) parameters: &'a AnyValue,
    /// The body as read (`()` for an endpoint without one).
    pub(crate) body: &'a AnyValue,
    pub(crate) report: &'a Report,
    pub(crate) format: Option<Format>,
    pub(crate) response_format: Format,
    pub(crate) headers: &'a axum::http::HeaderMap,
}

/// An endpoint, its types erased.
pub(crate) trait Served: Send + Sync {
    fn method(&self) -> Method;
    fn route(&self) -> &'static str;
    /// Whether it takes a body.
    fn has_body(&self) -> bool;
    /// The body's .NET type name, for messages.
    fn request_type(&self) -> &'static str;
    /// The `[FromBody]` parameter's name (ModelState keys).
    fn body_parameter(&self) -> &str;
    fn bind(&self, text: &dyn Fn(&str) -> Option<String>) -> Result<AnyValue, UriError>;
    /// Reads the body (for an endpoint without one, any bytes give `()`).
    fn read(
        &self,
        utf8: &[u8],
        format: Format,
        options: &ReadOptions,
    ) -> Result<(AnyValue, Report), BodyError>;
    /// Reads a response file of this endpoint.
    fn read_response(
        &self,
        utf8: &[u8],
        format: Format,
        options: &ReadOptions,
    ) -> Result<AnyValue, BodyError>;
    /// Answers: with the handler if there is one, else the file response, else the sample.
    fn answer(
        &self,
        handler: Option<&Registration>,
        file: Option<&AnyValue>,
        incoming: &Incoming<'_>,
    ) -> Answer;
}

/// The catalog of endpoints a server serves: fill it with a generated `visit_all`
/// (`h2h_models::endpoints::visit_all`, the default).
#[derive(Default)]
pub struct Endpoints {
    pub(crate) list: Vec<Arc<dyn Served>>,
    now: Option<DateTimeOffset>,
}

impl std::fmt::Debug for Endpoints {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(
                self.list
                    .iter()
                    .map(|e| format!("{} {}", e.method().as_str(), e.route())),
            )
            .finish()
    }
}

impl Endpoints {
    /// The endpoints of the Cebes API (`h2h_models::endpoints`), with samples at the
    /// documented instant ([`h2h_models::sample::SEED_NOW`]).
    pub fn api() -> Endpoints {
        let mut endpoints = Endpoints::at(h2h_models::sample::SEED_NOW);
        h2h_models::endpoints::visit_all(&mut endpoints);
        endpoints
    }

    /// An empty catalog whose samples are generated at `now` (the help page's "now").
    pub fn at(now: DateTimeOffset) -> Endpoints {
        Endpoints {
            list: Vec::new(),
            now: Some(now),
        }
    }

    /// How many endpoints there are.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &Arc<dyn Served>> {
        self.list.iter()
    }
}

impl EndpointVisitor for Endpoints {
    fn visit<E: Endpoint + 'static>(&mut self) {
        let now = self.now.unwrap_or(h2h_models::sample::SEED_NOW);
        self.list.push(Arc::new(Typed::<E>::new(now)));
    }
}

/// One endpoint, typed.
struct Typed<E: Endpoint + 'static> {
    /// The sample response written in each format (JSON, XML), or why there is none.
    sample: [Result<Bytes, String>; 2],
    body_parameter: String,
    endpoint: PhantomData<fn() -> E>,
}

fn slot(format: Format) -> usize {
    match format {
        Format::Json => 0,
        Format::Xml => 1,
    }
}

impl<E: Endpoint + 'static> Typed<E> {
    fn new(now: DateTimeOffset) -> Self {
        let write = |format: Format| -> Result<Bytes, String> {
            let sample = E::Response::help_page_sample(now).map_err(|e| e.to_string())?;
            sample
                .write_body(format)
                .map(Bytes::from)
                .map_err(|e| e.to_string())
        };
        let names: Vec<&'static str> = E::Parameters::default()
            .uri_values()
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        Typed {
            sample: [write(Format::Json), write(Format::Xml)],
            body_parameter: dotnet_rules::routes::body_parameter(names.iter().copied()),
            endpoint: PhantomData,
        }
    }

    fn write(value: &E::Response, format: Format) -> AnswerBody {
        match value.write_body(format) {
            Ok(bytes) if E::Response::PRESENT => AnswerBody::Formatted(Bytes::from(bytes)),
            Ok(_) => AnswerBody::Empty,
            // What Web API answers when the formatter throws while writing.
            Err(e) => AnswerBody::Error(HttpError::exception(
                "An error has occurred.",
                "System.Runtime.Serialization.SerializationException",
                &e.to_string(),
            )),
        }
    }
}

impl<E: Endpoint + 'static> Served for Typed<E> {
    fn method(&self) -> Method {
        E::METHOD
    }

    fn route(&self) -> &'static str {
        E::ROUTE
    }

    fn has_body(&self) -> bool {
        E::Request::PRESENT
    }

    fn request_type(&self) -> &'static str {
        E::Request::DOTNET_NAME
    }

    fn body_parameter(&self) -> &str {
        &self.body_parameter
    }

    fn bind(&self, text: &dyn Fn(&str) -> Option<String>) -> Result<AnyValue, UriError> {
        E::Parameters::from_uri_values(text).map(|p| Arc::new(p) as AnyValue)
    }

    fn read(
        &self,
        utf8: &[u8],
        format: Format,
        options: &ReadOptions,
    ) -> Result<(AnyValue, Report), BodyError> {
        E::Request::read_body(utf8, format, options).map(|(v, r)| (Arc::new(v) as AnyValue, r))
    }

    fn read_response(
        &self,
        utf8: &[u8],
        format: Format,
        options: &ReadOptions,
    ) -> Result<AnyValue, BodyError> {
        E::Response::read_body(utf8, format, options).map(|(v, _)| Arc::new(v) as AnyValue)
    }

    fn answer(
        &self,
        handler: Option<&Registration>,
        file: Option<&AnyValue>,
        incoming: &Incoming<'_>,
    ) -> Answer {
        let default = || -> AnswerBody {
            if let Some(value) = file.and_then(|f| f.downcast_ref::<E::Response>()) {
                return Self::write(value, incoming.response_format);
            }
            if !E::Response::PRESENT {
                return AnswerBody::Empty;
            }
            match &self.sample[slot(incoming.response_format)] {
                Ok(bytes) => AnswerBody::Formatted(bytes.clone()),
                Err(reason) => AnswerBody::Error(HttpError::exception(
                    "An error has occurred.",
                    "System.InvalidOperationException",
                    &format!(
                        "the mock has no documented response for {} {}: {reason}",
                        E::METHOD.as_str(),
                        E::ROUTE
                    ),
                )),
            }
        };
        let status_of = |body: &AnswerBody| match body {
            AnswerBody::Empty => 204,
            AnswerBody::Error(_) => 500,
            _ => 200,
        };
        let typed = handler.and_then(|h| h.handler.downcast_ref::<Box<TypedHandler<E>>>());
        let (Some(handler), Some(parameters)) =
            (typed, incoming.parameters.downcast_ref::<E::Parameters>())
        else {
            let body = default();
            return Answer {
                status: status_of(&body),
                body,
                headers: Vec::new(),
            };
        };
        let Some(body) = incoming.body.downcast_ref::<E::Request>() else {
            return internal("the request body was not read as the endpoint's type");
        };
        let call = Call::<E> {
            parameters,
            body,
            report: incoming.report,
            format: incoming.format,
            response_format: incoming.response_format,
            headers: incoming.headers,
        };
        let reply: Reply<E::Response> = handler(&call);
        let body = match reply.body {
            ReplyBody::Value(value) => Self::write(&value, incoming.response_format),
            ReplyBody::Default => default(),
            ReplyBody::Empty => AnswerBody::Empty,
            ReplyBody::Error(message) => AnswerBody::Error(HttpError::message(message)),
            ReplyBody::Raw(content_type, bytes) => AnswerBody::Raw(content_type, bytes),
        };
        let status = match (&body, reply.status.as_u16()) {
            (AnswerBody::Empty, 200) => 204,
            (AnswerBody::Error(_), 200) => 500,
            (_, status) => status,
        };
        Answer {
            status,
            body,
            headers: reply.headers,
        }
    }
}

fn internal(message: &str) -> Answer {
    Answer {
        status: 500,
        body: AnswerBody::Error(HttpError::exception(
            "An error has occurred.",
            "System.InvalidOperationException",
            message,
        )),
        headers: Vec::new(),
    }
}
