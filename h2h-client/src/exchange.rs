//! The bytes of one call, sent and received.

use std::fmt;

use datacontract::Method;
use reqwest::header::{HeaderMap, CONTENT_TYPE};
use reqwest::{StatusCode, Url};

/// One request and, when one came, its answer, byte for byte: for signatures, audit logs and
/// bug reports. `Debug` shows the method, the URL's path, header names and body sizes only.
#[derive(Clone)]
#[non_exhaustive]
pub struct Exchange {
    /// The method.
    pub method: Method,
    /// The URL.
    pub url: Url,
    /// The headers sent (without those reqwest adds: `Host`, `Content-Length`,
    /// `User-Agent`).
    pub request_headers: HeaderMap,
    /// The body sent.
    pub request_body: Vec<u8>,
    /// The answer, if one came.
    pub received: Option<Received>,
}

/// An answer as it came.
#[derive(Clone)]
#[non_exhaustive]
pub struct Received {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The body.
    pub body: Vec<u8>,
}

impl Received {
    /// The `Content-Type`, if it is text.
    pub fn content_type(&self) -> Option<&str> {
        self.headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok())
    }
}

fn names(headers: &HeaderMap) -> Vec<&str> {
    headers.keys().map(|k| k.as_str()).collect()
}

impl fmt::Debug for Exchange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Exchange")
            .field("method", &self.method)
            .field("path", &self.url.path())
            .field("request_headers", &names(&self.request_headers))
            .field("request_body_bytes", &self.request_body.len())
            .field("received", &self.received)
            .finish()
    }
}

impl fmt::Debug for Received {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Received")
            .field("status", &self.status)
            .field("content_type", &self.content_type())
            .field("headers", &names(&self.headers))
            .field("body_bytes", &self.body.len())
            .finish()
    }
}
