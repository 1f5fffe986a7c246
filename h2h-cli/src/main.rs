//! `h2h`: convert, check and sample bodies of the H2H API from the command line.
//!
//! ```text
//! h2h convert <Contract> --from xml|json --to xml|json [--policy dotnet|forward|strict]
//!                                                          < body > body
//! h2h check <Contract> --from xml|json [--policy dotnet|forward|strict]
//!           [--format text|json] [--color auto|always|never] < body
//! h2h sample <Contract> [--format json|xml] [--now <ISO 8601>]
//!                                                          the help page's sample of a contract
//! h2h contracts                                            list the contract names
//! h2h serve [--addr 127.0.0.1:8080] [--responses DIR] [--policy dotnet|forward|strict]
//!           [--log off|error|warn|info|debug|trace] [--max-body BYTES]
//!           [--header-timeout SECS] [--body-timeout SECS] [--max-connections N]
//!                                                          a mock server of the API
//! ```
//!
//! Bodies are read as the server reads them (`h2h_models::xml::read_options` and
//! `h2h_models::json::read_options`: the server's UTC offset, +07:00) under a read policy
//! (`--policy`): what .NET's reader would skip (a member out of DCS order, an unknown or
//! repeated element) is read (`forward`, convert's default), skipped as .NET does (`dotnet`,
//! check's default: the value the server sees) or an error (`strict`). Each such element is a
//! finding of the read's report: `convert` prints each on stderr as a one-line warning and
//! writes the same stdout; `check` prints the value on stdout and the findings on stderr laid
//! out as compilers do ([`diagnostics`], the body's values masked by [`mask`]), or one JSON
//! document with `--format json`.
//!
//! `sample` prints the object the API's help page generates for a contract, laid out as the page
//! shows it. "Now" (every `DateTime` and `DateTimeOffset`) defaults to the instant of the
//! seed's documented samples, `2025-01-23T00:09:38.9648983+07:00`; a `--now` without an offset
//! is taken at the server's offset (+07:00).
//!
//! The arguments are parsed by clap (derive API). A usage error (unknown subcommand or flag,
//! missing argument, bad `--from`/`--to`/`--format`/`--now`/`--policy` value, a contract the
//! catalog does not know, with the close names) exits with status 2 and clap's message; bad
//! input data (an unreadable body) exits `convert` with status 1 and one line on stderr,
//! `h2h: ...`, naming the path and line:column. `check` exits 0 with no findings, 1 with
//! findings and 2 when the body does not read.
#![forbid(unsafe_code)]

mod check;
mod contract;
mod diagnostics;
mod mask;
mod read;
mod serve;

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use h2h_models::dotnet::DateTimeOffset;
use h2h_models::sample::{self, SampleFormat};
use h2h_models::{catalog, ContractVisitor, DataContract, ReadPolicy, Report};

use contract::ContractName;

/// mimalloc: fewer instructions per allocation than the system's (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// The help texts are the doc comments, kept as written (`verbatim_doc_comment`; lines of at
// most 80 columns as printed, first lines without a final period as clap's own): clap's
// `wrap_help` is not enabled, so nothing re-wraps them.
#[derive(Parser, Debug)]
#[command(
    name = "h2h",
    version,
    propagate_version = true,
    arg_required_else_help = true,
    verbatim_doc_comment,
    after_long_help = "\
Examples:
  h2h convert AuthRequest --from xml --to json < body.xml > body.json
  h2h convert AuthRequest --from xml --to json --policy dotnet < body.xml
  h2h check AuthRequest --from xml < body.xml
  h2h check AuthRequest --from json --format json < body.json
  h2h sample AuthResponse --format xml
  h2h sample AuthResponse --now 2025-06-01T08:00:00
  h2h contracts
  h2h serve --addr 127.0.0.1:8080 --responses responses/"
)]
/// Convert, check and sample bodies of the Cebes DI H2H API
///
/// Bodies are read and written exactly as the server's serializers do: XML as
/// WCF's DataContractSerializer, JSON as Json.NET. A `<Contract>` is a contract's
/// CLR name, short (AuthRequest) or full (Cebes.DI.H2H.Api.Models.AuthRequest);
/// `h2h contracts` lists them.
///
/// Exit status: 0 on success; 1 on bad input data, with one line on stderr
/// naming the member path and line:column; 2 on a usage error, such as an
/// unknown contract. `h2h check` has its own (see `h2h check --help`).
struct Cli {
    /// What to do.
    #[command(subcommand)]
    command: Command,
}

/// The subcommands of `h2h`.
#[derive(Subcommand, Debug)]
enum Command {
    /// Convert a body from stdin to stdout, XML or JSON to XML or JSON
    ///
    /// The output is the server's own serialization of what was read: compact
    /// XML as DataContractSerializer writes it or compact JSON as Json.NET
    /// writes it, without a final newline. A null body (`null`, an empty JSON
    /// body, a nil XML root) converts to null. The body is read at the server's
    /// UTC offset (+07:00). What .NET's reader would skip, pick or convert is
    /// handled by `--policy` and is a warning on stderr, one line each
    /// (`h2h: warning: line:column: path: reason; fix`); warnings never change
    /// stdout or the exit status.
    #[command(verbatim_doc_comment)]
    Convert {
        /// The contract of the body, short or full name (see `h2h contracts`).
        #[arg(value_name = "Contract", value_parser = ContractName)]
        contract: String,
        /// The format of the body read on stdin.
        #[arg(long, value_enum, value_name = "FORMAT")]
        from: Format,
        /// The format of the body written on stdout.
        #[arg(long, value_enum, value_name = "FORMAT")]
        to: Format,
        /// How to read what .NET's reader would skip
        ///
        /// A member out of DataContractSerializer's order, an unknown or repeated
        /// element or JSON member, a date at another UTC offset. The default,
        /// forward, loses nothing it can place.
        #[arg(
            long,
            value_enum,
            value_name = "POLICY",
            default_value_t = Policy::Forward,
            verbatim_doc_comment
        )]
        policy: Policy,
    },
    /// Show what the server's reader skips, picks or converts in a body
    ///
    /// Reads the body on stdin as the server does (at its UTC offset, +07:00)
    /// and prints on stdout the value the server sees, as Json.NET's indented
    /// JSON; then, on stderr, each finding as compilers print theirs: its kind
    /// and reason, `--> <stdin>:line:column`, the body's line with a caret
    /// under the element, what .NET does (note) and the change that makes .NET
    /// read what was meant (help). The body's values are masked (`*`) in the
    /// lines shown, so that a secret the server skips is never printed.
    ///
    /// With --format json, stdout is one line: {"value": ..., "findings": [{
    /// "kind", "path", "name", "namespace", "line", "column", "dotnet",
    /// "outcome", "expectedOrder", "message", "fix"}], "omitted": n}, or
    /// {"error": {"kind", "path", "line", "column", "message"}}.
    ///
    /// Exit status: 0 with no findings; 1 with findings; 2 when the body does
    /// not read (the error with its path, line and column) or on a usage error.
    #[command(verbatim_doc_comment)]
    Check {
        /// The contract of the body, short or full name (see `h2h contracts`).
        #[arg(value_name = "Contract", value_parser = ContractName)]
        contract: String,
        /// The format of the body read on stdin.
        #[arg(long, value_enum, value_name = "FORMAT")]
        from: Format,
        /// How to read what .NET's reader would skip
        ///
        /// A member out of DataContractSerializer's order, an unknown or repeated
        /// element or JSON member, a date at another UTC offset. The default,
        /// dotnet, shows the value the server sees; strict fails at the first.
        #[arg(
            long,
            value_enum,
            value_name = "POLICY",
            default_value_t = Policy::Dotnet,
            verbatim_doc_comment
        )]
        policy: Policy,
        /// How to print the value and the findings
        #[arg(
            long,
            value_enum,
            value_name = "FORMAT",
            default_value_t = ReportFormat::Text
        )]
        format: ReportFormat,
        /// When to colour the findings
        #[arg(
            long,
            value_enum,
            value_name = "WHEN",
            default_value_t = ColorChoice::Auto
        )]
        color: ColorChoice,
    },
    /// Print the help page's sample of a contract
    ///
    /// The object is built by the rules of the API's help page (a counter for
    /// simple values, 2 items per collection, the smallest enum constant) and
    /// laid out as the page shows it, indented.
    #[command(verbatim_doc_comment)]
    Sample {
        /// The contract to sample, short or full name (see `h2h contracts`).
        #[arg(value_name = "Contract", value_parser = ContractName)]
        contract: String,
        /// The format of the sample.
        #[arg(long, value_enum, value_name = "FORMAT", default_value_t = Format::Json)]
        format: Format,
        /// "Now" of the sample's dates
        ///
        /// The value of every DateTime and DateTimeOffset of the sample: an ISO
        /// 8601 date and time as Json.NET reads it, such as
        /// 2025-06-01T08:00:00+07:00; without an offset it is taken at the
        /// server's UTC offset. The default is the instant of the documented
        /// samples.
        #[arg(
            long,
            value_name = "ISO 8601",
            value_parser = parse_now,
            default_value_t = sample::SEED_NOW,
            verbatim_doc_comment
        )]
        now: DateTimeOffset,
    },
    /// List every contract's full CLR name, one a line
    Contracts,
    /// Serve the API as a mock server that behaves like the real one
    ///
    /// Every endpoint answers as ASP.NET Web API 5 does: the response format
    /// negotiated from Accept (then the request's Content-Type, then JSON),
    /// 404 for an unknown route, 405 with Allow for the wrong method, 415 for
    /// a body neither XML nor JSON, 400 with an HttpError naming the member,
    /// line and column for a body that does not read. Bodies are read as the
    /// server reads them (--policy dotnet): what DataContractSerializer or
    /// Json.NET would drop is dropped, and logged as a warning. A request is
    /// answered with the help page's documented sample response, or with the
    /// file of --responses for its route.
    ///
    /// It runs until SIGINT or SIGTERM, then finishes the requests in flight.
    #[command(verbatim_doc_comment)]
    Serve {
        /// The address to listen on
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// A folder of response files, per route
        ///
        /// DIR/ROUTE.json or DIR/ROUTE.xml (Session/Logout.json), or
        /// DIR/ROUTE.METHOD.json when two endpoints share a route. Each is read
        /// as the endpoint's response type at start (an error names the file,
        /// line and column) and written in the negotiated format.
        #[arg(long, value_name = "DIR", verbatim_doc_comment)]
        responses: Option<std::path::PathBuf>,
        /// How request bodies are read
        #[arg(long, value_enum, value_name = "POLICY", default_value_t = Policy::Dotnet)]
        policy: Policy,
        /// The most verbose log level, on stderr (requests are info, findings warn)
        #[arg(long, value_enum, value_name = "LEVEL", default_value_t = LogLevel::Info)]
        log: LogLevel,
        /// The largest request body in bytes (larger: 413)
        #[arg(long, value_name = "BYTES", default_value_t = h2h_mock::Limits::default().max_body)]
        max_body: usize,
        /// Seconds a client may take to send its request headers
        #[arg(long, value_name = "SECS", value_parser = serve::parse_seconds, default_value = "10")]
        header_timeout: std::time::Duration,
        /// Seconds a client may take to send its request body (then 408)
        #[arg(long, value_name = "SECS", value_parser = serve::parse_seconds, default_value = "10")]
        body_timeout: std::time::Duration,
        /// The most connections served at once
        #[arg(long, value_name = "N", default_value_t = h2h_mock::Limits::default().max_connections)]
        max_connections: usize,
    },
}

/// `serve --log`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, ValueEnum)]
enum LogLevel {
    /// Nothing.
    Off,
    /// Errors.
    Error,
    /// Also what the real server would read otherwise.
    Warn,
    /// Also every request.
    Info,
    /// Also connections.
    Debug,
    /// Everything.
    Trace,
}

impl LogLevel {
    fn level(self) -> Option<tracing::Level> {
        match self {
            LogLevel::Off => None,
            LogLevel::Error => Some(tracing::Level::ERROR),
            LogLevel::Warn => Some(tracing::Level::WARN),
            LogLevel::Info => Some(tracing::Level::INFO),
            LogLevel::Debug => Some(tracing::Level::DEBUG),
            LogLevel::Trace => Some(tracing::Level::TRACE),
        }
    }
}

/// A body format on the command line.
#[derive(Clone, Copy, PartialEq, Eq, Debug, ValueEnum)]
enum Format {
    /// XML as WCF's DataContractSerializer writes it.
    Xml,
    /// JSON as Json.NET writes it.
    Json,
}

/// `--policy`: how a read treats what .NET's reader would skip (`h2h_models::ReadPolicy`).
#[derive(Clone, Copy, PartialEq, Eq, Debug, ValueEnum)]
enum Policy {
    /// What the server reads: skip and convert as .NET does.
    Dotnet,
    /// Fail on nothing .NET accepts; read members out of DCS order.
    Forward,
    /// Fail on anything .NET would skip or convert.
    Strict,
}

impl Policy {
    /// The runtime's policy.
    fn read_policy(self) -> ReadPolicy {
        match self {
            Policy::Dotnet => ReadPolicy::Dotnet,
            Policy::Forward => ReadPolicy::Forward,
            Policy::Strict => ReadPolicy::Strict,
        }
    }

    /// The name on the command line.
    fn name(self) -> &'static str {
        match self {
            Policy::Dotnet => "dotnet",
            Policy::Forward => "forward",
            Policy::Strict => "strict",
        }
    }
}

/// `check --format`: how the result is printed.
#[derive(Clone, Copy, PartialEq, Eq, Debug, ValueEnum)]
enum ReportFormat {
    /// The value on stdout, the findings on stderr, as compilers do.
    Text,
    /// One JSON document on stdout, for scripts.
    Json,
}

/// `check --color`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, ValueEnum)]
enum ColorChoice {
    /// If stderr is a terminal, NO_COLOR is unset and TERM not dumb.
    Auto,
    /// Always (ANSI escape codes).
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// Whether to colour what goes to stderr.
    fn colors(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stderr().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
            }
        }
    }
}

impl From<Format> for SampleFormat {
    fn from(format: Format) -> SampleFormat {
        match format {
            Format::Json => SampleFormat::Json,
            Format::Xml => SampleFormat::Xml,
        }
    }
}

/// Reads `--now`: the forms Json.NET reads into a `DateTimeOffset`
/// ([`DateTimeOffset::parse_json`]); no offset means the server's.
fn parse_now(text: &str) -> Result<DateTimeOffset, String> {
    DateTimeOffset::parse_json(text, Some(h2h_models::SERVER_UTC_OFFSET_MINUTES))
        .map_err(|e| format!("not an ISO 8601 date and time: {e}"))
}

/// `h2h convert`: reads a body of the visited contract from `input` in the `from` format and
/// writes it in the `to` format; the report says what .NET's reader would have done otherwise.
struct Convert<R> {
    /// The format of `input`.
    from: Format,
    /// The format of the output.
    to: Format,
    /// How to read what .NET's reader would skip.
    policy: ReadPolicy,
    /// Where the body is read, once the contract is known (stdin).
    input: R,
}

impl<R: Read> ContractVisitor for Convert<R> {
    type Output = Result<(Vec<u8>, Report), String>;

    fn visit<T: DataContract + 'static>(mut self) -> Self::Output {
        let mut input = Vec::new();
        self.input
            .read_to_end(&mut input)
            .map_err(|e| format!("cannot read stdin: {e}"))?;
        // A null body (`null`, an empty JSON body, a nil XML root) converts to null.
        let (value, report) =
            read::read::<T>(self.from, self.policy, &input).map_err(|e| e.to_string())?;
        let output = match self.to {
            Format::Xml => h2h_models::xml::to_vec(&value).map_err(|e| e.to_string()),
            Format::Json => h2h_models::json::to_vec(&value).map_err(|e| e.to_string()),
        }?;
        Ok((output, report))
    }
}

/// Prints each finding of `report` on stderr, one line each: `h2h: warning: line:column:
/// path: reason; fix`.
fn warn(report: &Report) {
    let mut stderr = std::io::stderr().lock();
    for finding in report.findings() {
        let line = finding.to_string().replace('\n', " ");
        let _ = writeln!(stderr, "h2h: warning: {line}");
    }
    if report.omitted() > 0 {
        let _ = writeln!(
            stderr,
            "h2h: warning: ... and {} more findings",
            report.omitted()
        );
    }
}

/// `h2h sample`: the help page's sample of the visited contract.
struct Sample {
    /// The layout of the sample.
    format: SampleFormat,
    /// The value of every `DateTime` and `DateTimeOffset`.
    now: DateTimeOffset,
}

impl ContractVisitor for Sample {
    type Output = Result<String, String>;

    fn visit<T: DataContract + 'static>(self) -> Self::Output {
        sample::render::<T>(self.format, self.now).map_err(|e| e.to_string())
    }
}

/// The message of a contract name the catalog does not know (the parser refuses such names,
/// so this is never printed).
fn unknown_contract(contract: &str) -> String {
    format!("unknown contract `{contract}` (see `h2h contracts`)")
}

/// Writes `bytes` on stdout.
fn write_stdout(bytes: &[u8]) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(bytes)
        .and_then(|()| stdout.flush())
        .map_err(|e| format!("cannot write stdout: {e}"))
}

/// A command that failed: the message for stderr and the exit status.
struct Failure {
    message: String,
    status: u8,
}

impl From<String> for Failure {
    /// Bad input data: status 1.
    fn from(message: String) -> Self {
        Failure { message, status: 1 }
    }
}

/// Runs a parsed command: its exit status, or the failure.
fn run(command: Command) -> Result<u8, Failure> {
    match command {
        Command::Serve {
            addr,
            responses,
            policy,
            log,
            max_body,
            header_timeout,
            body_timeout,
            max_connections,
        } => {
            let mut limits = h2h_mock::Limits::default();
            limits.max_body = max_body;
            limits.header_timeout = header_timeout;
            limits.body_timeout = body_timeout;
            limits.max_connections = max_connections.max(1);
            serve::run(serve::Serve {
                addr,
                responses,
                policy: policy.read_policy(),
                log: log.level(),
                limits,
            })?;
            Ok(0)
        }
        Command::Contracts => {
            let mut list = String::new();
            for name in catalog::CONTRACTS {
                list.push_str(name);
                list.push('\n');
            }
            write_stdout(list.as_bytes())?;
            Ok(0)
        }
        Command::Sample {
            contract,
            format,
            now,
        } => {
            let visitor = Sample {
                format: format.into(),
                now,
            };
            let mut text = catalog::visit_contract(&contract, visitor)
                .ok_or_else(|| unknown_contract(&contract))??;
            text.push('\n');
            write_stdout(text.as_bytes())?;
            Ok(0)
        }
        Command::Convert {
            contract,
            from,
            to,
            policy,
        } => {
            let visitor = Convert {
                from,
                to,
                policy: policy.read_policy(),
                input: std::io::stdin().lock(),
            };
            let (output, report) = catalog::visit_contract(&contract, visitor)
                .ok_or_else(|| unknown_contract(&contract))??;
            warn(&report);
            write_stdout(&output)?;
            Ok(0)
        }
        Command::Check {
            contract,
            from,
            policy,
            format,
            color,
        } => {
            // Failures of check itself (stdin, stdout) are status 2, as an unreadable body.
            let fail = |message: String| Failure { message, status: 2 };
            let visitor = check::Check {
                from,
                policy: policy.read_policy(),
                input: std::io::stdin().lock(),
            };
            let checked = catalog::visit_contract(&contract, visitor)
                .ok_or_else(|| unknown_contract(&contract))
                .and_then(|checked| checked)
                .map_err(fail)?;
            match format {
                ReportFormat::Json => {
                    let mut text = check::to_json(&checked).map_err(fail)?;
                    text.push('\n');
                    write_stdout(text.as_bytes()).map_err(fail)?;
                }
                ReportFormat::Text => {
                    let (stdout, stderr) = (std::io::stdout(), std::io::stderr());
                    check::write_text(
                        &checked,
                        from,
                        policy.name(),
                        color.colors(),
                        &mut stdout.lock(),
                        &mut stderr.lock(),
                    )
                    .map_err(|e| fail(format!("cannot write the report: {e}")))?;
                }
            }
            Ok(check::status(&checked))
        }
    }
}

fn main() -> ExitCode {
    // Help and version exit 0 here; a usage error prints clap's message and exits 2.
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(status) => ExitCode::from(status),
        Err(failure) => {
            eprintln!("h2h: {}", failure.message.replace('\n', " "));
            ExitCode::from(failure.status)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn the_default_now_is_the_seed_instant() {
        // `default_value_t` writes SEED_NOW with Display and reads it back with parse_now.
        assert_eq!(
            parse_now("2025-01-23T00:09:38.9648983+07:00"),
            Ok(sample::SEED_NOW)
        );
        assert_eq!(
            parse_now(&sample::SEED_NOW.to_string()),
            Ok(sample::SEED_NOW)
        );
    }

    #[test]
    fn now_without_an_offset_is_at_the_servers() {
        let now = parse_now("2020-01-01T00:00:00").expect("an ISO date and time");
        assert_eq!(now.offset_minutes(), h2h_models::SERVER_UTC_OFFSET_MINUTES);
    }

    #[test]
    fn a_bad_now_names_the_text() {
        let message = parse_now("garbage").expect_err("not a date");
        assert!(message.starts_with("not an ISO 8601 date and time: "));
        assert!(message.contains("'garbage'"), "{message}");
    }

    #[test]
    fn an_unknown_contract_reads_nothing() {
        struct Unread;
        impl Read for Unread {
            fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
                panic!("the body was read before the contract was known");
            }
        }
        let visitor = Convert {
            from: Format::Xml,
            to: Format::Json,
            policy: ReadPolicy::Forward,
            input: Unread,
        };
        assert!(catalog::visit_contract("NoSuchContract", visitor).is_none());
        let visitor = check::Check {
            from: Format::Xml,
            policy: ReadPolicy::Dotnet,
            input: Unread,
        };
        assert!(catalog::visit_contract("NoSuchContract", visitor).is_none());
    }
}
