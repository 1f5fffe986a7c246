//! `h2h serve`: the mock server ([`h2h_mock`]) on an address, until SIGINT or SIGTERM.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use h2h_mock::{Limits, MockServer};
use h2h_models::ReadPolicy;

/// What `h2h serve` was asked for.
pub struct Serve {
    /// Where to listen.
    pub addr: SocketAddr,
    /// The `--responses` folder.
    pub responses: Option<PathBuf>,
    /// How bodies are read.
    pub policy: ReadPolicy,
    /// The most verbose level logged (`None`: off).
    pub log: Option<tracing::Level>,
    /// The limits.
    pub limits: Limits,
}

/// Runs the server until a signal; `Err` when it cannot start.
pub fn run(serve: Serve) -> Result<(), String> {
    if let Some(level) = serve.log {
        tracing_subscriber::fmt()
            .with_max_level(level)
            .with_writer(std::io::stderr)
            .with_ansi(false)
            .with_target(false)
            .init();
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    runtime.block_on(async move {
        let mut builder = MockServer::builder()
            .addr(serve.addr)
            .policy(serve.policy)
            .limits(serve.limits)
            // A long-running server keeps no record: its log says what arrived.
            .record(false);
        if let Some(dir) = &serve.responses {
            builder = builder.responses(dir);
        }
        // The handlers are in place before the server says it listens, so that a signal
        // sent as soon as it does is not the default action (exit without finishing).
        let signals = Signals::install();
        let server = builder.start().await.map_err(|e| e.to_string())?;
        eprintln!(
            "h2h serve: listening on {} (SIGINT or SIGTERM stops it)",
            server.uri()
        );
        let signal = signals.recv().await;
        eprintln!("h2h serve: {signal}: finishing the requests in flight");
        server.shutdown().await;
        eprintln!("h2h serve: stopped");
        Ok(())
    })
}

/// SIGINT and SIGTERM, caught from the moment of [`Signals::install`].
struct Signals {
    #[cfg(unix)]
    unix: Option<(tokio::signal::unix::Signal, tokio::signal::unix::Signal)>,
}

impl Signals {
    fn install() -> Signals {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            let unix = match (
                signal(SignalKind::interrupt()),
                signal(SignalKind::terminate()),
            ) {
                (Ok(interrupt), Ok(terminate)) => Some((interrupt, terminate)),
                _ => None,
            };
            Signals { unix }
        }
        #[cfg(not(unix))]
        Signals {}
    }

    /// Waits for one; names it.
    async fn recv(self) -> &'static str {
        #[cfg(unix)]
        if let Some((mut interrupt, mut terminate)) = self.unix {
            return tokio::select! {
                _ = interrupt.recv() => "SIGINT",
                _ = terminate.recv() => "SIGTERM",
            };
        }
        let _ = tokio::signal::ctrl_c().await;
        "interrupted"
    }
}

/// Reads a `--header-timeout` or `--body-timeout` value: seconds, fractions allowed.
pub fn parse_seconds(text: &str) -> Result<Duration, String> {
    let seconds: f64 = text
        .parse()
        .map_err(|_| format!("not a number of seconds: '{text}'"))?;
    if !(seconds > 0.0 && seconds <= 86_400.0) {
        return Err(format!("a timeout from 0 to 86400 seconds, not {text}"));
    }
    Ok(Duration::from_secs_f64(seconds))
}
