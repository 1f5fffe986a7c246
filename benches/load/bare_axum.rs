//! The load benchmark's baseline (`benches/load/run.sh`): an axum handler that returns the same
//! bytes as the mock server and does nothing else.
//!
//! ```sh
//! bare-axum --addr 127.0.0.1:PORT --xml FILE --json FILE
//! ```
//!
//! One route, `POST /Session/Logout`: it reads the whole request body (the same I/O as the
//! mock), then answers FILE of `--xml` as `application/xml; charset=utf-8` when the request's
//! `Accept` contains `xml`, else FILE of `--json` as `application/json; charset=utf-8`. Any
//! other route is axum's 404, any other method its 405. It stops on SIGINT or SIGTERM after
//! the requests in flight.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::{ACCEPT, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::post;

/// The h2h binary's allocator, so that the comparison is of the work alone.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use axum::Router;

const USAGE: &str = "usage: bare-axum --addr 127.0.0.1:PORT --xml FILE --json FILE";
const XML: HeaderValue = HeaderValue::from_static("application/xml; charset=utf-8");
const JSON: HeaderValue = HeaderValue::from_static("application/json; charset=utf-8");

/// The two fixed answers.
struct Answers {
    xml: Bytes,
    json: Bytes,
}

/// The command line, read with std alone.
struct Args {
    addr: SocketAddr,
    xml: PathBuf,
    json: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let (mut addr, mut xml, mut json) = (None, None, None);
    let mut args = std::env::args_os().skip(1);
    while let Some(flag) = args.next() {
        let flag = flag.to_string_lossy().into_owned();
        if flag == "-h" || flag == "--help" {
            return Err(String::new());
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--addr" => {
                let text = value.to_string_lossy();
                addr = Some(text.parse().map_err(|e| format!("--addr {text}: {e}"))?);
            }
            "--xml" => xml = Some(PathBuf::from(value)),
            "--json" => json = Some(PathBuf::from(value)),
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    Ok(Args {
        addr: addr.ok_or("--addr is required")?,
        xml: xml.ok_or("--xml is required")?,
        json: json.ok_or("--json is required")?,
    })
}

async fn logout(State(answers): State<Arc<Answers>>, headers: HeaderMap, body: Bytes) -> Response {
    // The body is read whole by the extractor and dropped: no parsing.
    drop(body);
    let wants_xml = headers.get_all(ACCEPT).iter().any(|value| {
        value
            .as_bytes()
            .windows(3)
            .any(|w| w.eq_ignore_ascii_case(b"xml"))
    });
    if wants_xml {
        ([(CONTENT_TYPE, XML)], answers.xml.clone()).into_response()
    } else {
        ([(CONTENT_TYPE, JSON)], answers.json.clone()).into_response()
    }
}

async fn shutdown_signal() {
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("installing the SIGTERM handler");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate.recv() => {}
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("bare-axum: {message}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let read = |path: &PathBuf| {
        std::fs::read(path)
            .map(Bytes::from)
            .map_err(|e| format!("{}: {e}", path.display()))
    };
    let answers = match (read(&args.xml), read(&args.json)) {
        (Ok(xml), Ok(json)) => Arc::new(Answers { xml, json }),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("bare-axum: {e}");
            return ExitCode::FAILURE;
        }
    };
    let app = Router::new()
        .route("/Session/Logout", post(logout))
        .with_state(answers);
    let listener = match tokio::net::TcpListener::bind(args.addr).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("bare-axum: bind {}: {e}", args.addr);
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
    {
        eprintln!("bare-axum: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
