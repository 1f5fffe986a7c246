//! A mock Cebes DI H2H server that behaves like the real one: ASP.NET Web API 5's content
//! negotiation, status codes and `HttpError` bodies, and request bodies read as
//! DataContractSerializer and Json.NET read them, drops included.
//!
//! It answers every endpoint of its catalog ([`Endpoints::api`] by default) with the help
//! page's documented sample response, or a file of a `--responses` folder, or what a test's
//! typed handler returns. Every request is recorded with its bytes, the value read and the
//! read report; what the real server would drop (a member out of DCS order, say) is logged
//! and recorded.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use h2h_mock::{MockServer, Reply};
//! use h2h_models::endpoints::PostSessionLogout;
//! use h2h_models::AuthResponse;
//!
//! let server = MockServer::start().await?;
//! server
//!     .on::<PostSessionLogout>(|call| {
//!         let mut response = AuthResponse::default();
//!         response.status = Some("SUCCESS".into());
//!         response.user_id = call.body.user_id.clone();
//!         Reply::ok(response)
//!     })
//!     .expect(1);
//!
//! let body = r#"{"userID":"alice","token":"t","securityCode":"s","language":1}"#;
//! let answer = reqwest::Client::new()
//!     .post(format!("{}/session/logout", server.uri()))
//!     .header("Content-Type", "application/json")
//!     .body(body)
//!     .send()
//!     .await?;
//! assert_eq!(answer.status(), 200);
//! assert!(answer.text().await?.contains(r#""userID":"alice""#));
//! assert_eq!(server.received()[0].status, 200);
//! # Ok(())
//! # }
//! ```
//!
//! How Web API 5 does each part is read from its source (aspnet/AspNetWebStack) and checked
//! against a real Web API server by the parity suite (`tests/parity.rs`); the differences of
//! the Mono server used there are listed in `conformance/webapi/README.md`.
#![forbid(unsafe_code)]

mod handler;
mod record;
mod responses;
mod routes;
mod served;
mod server;
pub mod webapi;

use std::collections::HashMap;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use datacontract::media::ReadOptions;
use datacontract::{Endpoint, ReadPolicy};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use axum::http::StatusCode;
pub use handler::{Call, Handle, Reply, Times};
pub use record::Received;
pub use responses::ResponsesError;
pub use served::Endpoints;

/// The server's limits and timeouts.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// The largest body read (larger: 413). Default 1 MiB.
    pub max_body: usize,
    /// How long a client may take to send a request's headers before the connection is
    /// closed. Default 10 s.
    pub header_timeout: Duration,
    /// How long a client may take to send the body (408). Default 10 s.
    pub body_timeout: Duration,
    /// The most connections served at once (further ones wait to be accepted). Default 256.
    pub max_connections: usize,
    /// How long a shutdown waits for the requests in flight. Default 10 s.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body: 1024 * 1024,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            max_connections: 256,
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

/// A server that could not start.
#[derive(Debug)]
#[non_exhaustive]
pub enum StartError {
    /// The address could not be bound.
    Bind(SocketAddr, std::io::Error),
    /// A `--responses` file is wrong.
    Responses(ResponsesError),
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StartError::Bind(addr, e) => write!(f, "cannot listen on {addr}: {e}"),
            StartError::Responses(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for StartError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StartError::Bind(_, e) => Some(e),
            StartError::Responses(e) => Some(e),
        }
    }
}

/// Sets up a [`MockServer`].
#[derive(Debug)]
pub struct Builder {
    addr: SocketAddr,
    endpoints: Endpoints,
    options: ReadOptions,
    limits: Limits,
    responses: Option<PathBuf>,
    record: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            endpoints: Endpoints::api(),
            options: ReadOptions::default()
                .with_policy(ReadPolicy::Dotnet)
                .with_server_utc_offset(h2h_models::SERVER_UTC_OFFSET_MINUTES),
            limits: Limits::default(),
            responses: None,
            record: true,
        }
    }
}

impl Builder {
    /// The address to listen on (default `127.0.0.1:0`, a free loopback port).
    pub fn addr(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// The endpoints served (default [`Endpoints::api`]).
    pub fn endpoints(mut self, endpoints: Endpoints) -> Self {
        self.endpoints = endpoints;
        self
    }

    /// How bodies are read (default: the dotnet policy, what the real server reads, at the
    /// API server's UTC offset).
    pub fn read_options(mut self, options: ReadOptions) -> Self {
        self.options = options;
        self
    }

    /// The read policy, in both formats.
    pub fn policy(mut self, policy: ReadPolicy) -> Self {
        self.options = self.options.with_policy(policy);
        self
    }

    /// The limits and timeouts.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Answers from the files of `dir` where they exist: `<dir>/<route>.json` or
    /// `<dir>/<route>.xml` (`Session/Logout.json`; a method before the extension,
    /// `Session/Logout.post.json`, when two endpoints share a route). Each file is read as
    /// the endpoint's response type when the server starts, and written in the negotiated
    /// format.
    pub fn responses(mut self, dir: impl AsRef<Path>) -> Self {
        self.responses = Some(dir.as_ref().to_owned());
        self
    }

    /// Whether requests are recorded for [`MockServer::received`] (default `true`; a
    /// long-running server turns it off, its log says what arrived).
    pub fn record(mut self, record: bool) -> Self {
        self.record = record;
        self
    }

    /// Binds and starts serving on the current tokio runtime.
    pub async fn start(self) -> Result<MockServer, StartError> {
        let files = match &self.responses {
            Some(dir) => responses::load(dir, &self.endpoints, &self.options)
                .map_err(StartError::Responses)?,
            None => HashMap::new(),
        };
        let listener = tokio::net::TcpListener::bind(self.addr)
            .await
            .map_err(|e| StartError::Bind(self.addr, e))?;
        let addr = listener
            .local_addr()
            .map_err(|e| StartError::Bind(self.addr, e))?;
        let endpoints: Vec<_> = self.endpoints.iter().cloned().collect();
        let routes = routes::Routes::new(
            endpoints
                .iter()
                .map(|e| (e.method(), routes::Template::parse(e.route())))
                .collect(),
        );
        let shared = Arc::new(server::Shared {
            endpoints,
            routes,
            handlers: RwLock::new(HashMap::new()),
            files,
            received: Mutex::new(Vec::new()),
            record: self.record,
            options: self.options,
            limits: self.limits,
        });
        let (shutdown, signal) = oneshot::channel();
        let task = tokio::spawn(server::serve(listener, shared.clone(), signal));
        tracing::info!(%addr, endpoints = shared.endpoints.len(), "mock server listening");
        Ok(MockServer {
            addr,
            shared,
            shutdown: Some(shutdown),
            task: Some(task),
        })
    }
}

/// A running mock server. Dropping it stops it and checks the expectations of its handlers
/// (a panic names those unmet, as wiremock's `MockServer` does).
pub struct MockServer {
    addr: SocketAddr,
    shared: Arc<server::Shared>,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer")
            .field("addr", &self.addr)
            .field("endpoints", &self.shared.endpoints.len())
            .finish_non_exhaustive()
    }
}

impl MockServer {
    /// A server of the API's endpoints on a free loopback port, with the defaults.
    pub async fn start() -> Result<MockServer, StartError> {
        Builder::default().start().await
    }

    /// Sets up a server.
    pub fn builder() -> Builder {
        Builder::default()
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Its base URI (`http://127.0.0.1:PORT`), the API root.
    pub fn uri(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Answers requests to endpoint `E` with `handler` (the latest registration of an
    /// endpoint answers). The handler sees the request as the real server reads it.
    ///
    /// # Panics
    ///
    /// When `E` is not an endpoint of this server's catalog.
    pub fn on<E: Endpoint + 'static>(
        &self,
        handler: impl for<'a> Fn(&Call<'a, E>) -> Reply<E::Response> + Send + Sync + 'static,
    ) -> Handle {
        let Some(index) = self
            .shared
            .endpoints
            .iter()
            .position(|e| e.method() == E::METHOD && e.route() == E::ROUTE)
        else {
            panic!(
                "{} {} is not an endpoint of this mock server",
                E::METHOD.as_str(),
                E::ROUTE
            );
        };
        let typed: Box<handler::TypedHandler<E>> = Box::new(handler);
        let registration = Arc::new(handler::Registration {
            endpoint: index,
            name: format!("{} {}", E::METHOD.as_str(), E::ROUTE),
            handler: Box::new(typed),
            calls: AtomicUsize::new(0),
            expected: Mutex::new(None),
        });
        self.shared
            .handlers
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .entry(registration.endpoint)
            .or_default()
            .push(registration.clone());
        Handle { registration }
    }

    /// Every request received so far, in arrival order.
    pub fn received(&self) -> Vec<Received> {
        self.shared
            .received
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Checks every expectation set with [`Handle::expect`]: `Err` lists those unmet.
    pub fn verify(&self) -> Result<(), String> {
        let unmet: Vec<String> = self
            .shared
            .handlers
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .values()
            .flatten()
            .filter_map(|r| r.unmet())
            .collect();
        if unmet.is_empty() {
            Ok(())
        } else {
            Err(unmet.join("; "))
        }
    }

    /// Stops accepting connections and waits for the requests in flight to finish (at most
    /// [`Limits::shutdown_grace`]).
    pub async fn shutdown(mut self) {
        self.stop();
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    fn stop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.stop();
        if std::thread::panicking() {
            return;
        }
        if let Err(unmet) = self.verify() {
            panic!("mock server expectations not met: {unmet}");
        }
    }
}
