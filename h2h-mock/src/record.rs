//! What arrived: every request, with its raw bytes, the value read and the read report.

use std::any::Any;
use std::fmt;
use std::sync::Arc;

use datacontract::{Endpoint, Method, Report};

/// One request the server received.
#[derive(Clone)]
#[non_exhaustive]
pub struct Received {
    /// The method (`POST`).
    pub method: String,
    /// The path as sent (`/Session/Logout`).
    pub path: String,
    /// The query string, if any.
    pub query: Option<String>,
    /// The headers, in order.
    pub headers: Vec<(String, String)>,
    /// The body's bytes as they arrived.
    pub body: Vec<u8>,
    /// The endpoint it was routed to (`None`: a 404 or 405).
    pub endpoint: Option<(Method, &'static str)>,
    /// The status answered.
    pub status: u16,
    /// What the read met that .NET treats differently (for a body that was read).
    pub report: Option<Report>,
    /// Why the request was refused, if it was (the message of the error answered).
    pub error: Option<String>,
    pub(crate) parameters: Option<Arc<dyn Any + Send + Sync>>,
    pub(crate) value: Option<Arc<dyn Any + Send + Sync>>,
}

impl Received {
    /// Whether this request was routed to `E`.
    pub fn is<E: Endpoint>(&self) -> bool {
        self.endpoint == Some((E::METHOD, E::ROUTE))
    }

    /// The body as read for endpoint `E` (`None`: another endpoint, or not read).
    pub fn request<E: Endpoint>(&self) -> Option<&E::Request> {
        self.value.as_deref()?.downcast_ref()
    }

    /// The URI parameters as bound for endpoint `E`.
    pub fn parameters<E: Endpoint>(&self) -> Option<&E::Parameters> {
        self.parameters.as_deref()?.downcast_ref()
    }

    /// A header's value (the first, by name ignoring case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Debug for Received {
    /// Without the body's bytes or header values, which hold secrets.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("Received")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("headers", &names)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .field("endpoint", &self.endpoint)
            .field("status", &self.status)
            .field("report", &self.report)
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}
