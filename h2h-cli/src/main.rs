//! `h2h`: convert and sample bodies of the H2H API from the command line.
//!
//! ```text
//! h2h convert <Contract> --from xml|json --to xml|json   < body > body
//! h2h sample <Contract> [--format json|xml] [--now <ISO 8601>]
//!                                                          the help page's sample of a contract
//! h2h contracts                                            list the contract names
//! ```
//!
//! `sample` prints the object the API's help page generates for a contract, laid out as the page
//! shows it. "Now" (every `DateTime` and `DateTimeOffset`) defaults to the instant of the
//! seed's documented samples, `2025-01-23T00:09:38.9648983+07:00`; a `--now` without an offset
//! is taken at the server's offset (+07:00).
//!
//! The arguments are parsed by clap (derive API). A usage error (unknown subcommand or flag,
//! missing argument, bad `--from`/`--to`/`--format`/`--now` value) exits with status 2 and
//! clap's message; bad input data (an unreadable body, an unknown contract) exits with status 1
//! and one line on stderr, `h2h: ...`, naming the path and line:column.
#![forbid(unsafe_code)]

use std::io::{Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use h2h_models::dotnet::DateTimeOffset;
use h2h_models::sample::{self, SampleFormat};
use h2h_models::{catalog, ContractVisitor, DataContract};

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
  h2h sample AuthResponse --format xml
  h2h sample AuthResponse --now 2025-06-01T08:00:00
  h2h contracts"
)]
/// Convert and sample bodies of the Cebes DI H2H API
///
/// Bodies are read and written exactly as the server's serializers do: XML as
/// WCF's DataContractSerializer, JSON as Json.NET. A `<Contract>` is a contract's
/// CLR name, short (AuthRequest) or full (Cebes.DI.H2H.Api.Models.AuthRequest);
/// `h2h contracts` lists them.
///
/// Exit status: 0 on success; 1 on bad input data, with one line on stderr
/// naming the member path and line:column; 2 on a usage error.
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
    /// body, a nil XML root) converts to null.
    #[command(verbatim_doc_comment)]
    Convert {
        /// The contract of the body, short or full name (see `h2h contracts`).
        #[arg(value_name = "Contract")]
        contract: String,
        /// The format of the body read on stdin.
        #[arg(long, value_enum, value_name = "FORMAT")]
        from: Format,
        /// The format of the body written on stdout.
        #[arg(long, value_enum, value_name = "FORMAT")]
        to: Format,
    },
    /// Print the help page's sample of a contract
    ///
    /// The object is built by the rules of the API's help page (a counter for
    /// simple values, 2 items per collection, the smallest enum constant) and
    /// laid out as the page shows it, indented.
    #[command(verbatim_doc_comment)]
    Sample {
        /// The contract to sample, short or full name (see `h2h contracts`).
        #[arg(value_name = "Contract")]
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
}

/// A body format on the command line.
#[derive(Clone, Copy, PartialEq, Eq, Debug, ValueEnum)]
enum Format {
    /// XML as WCF's DataContractSerializer writes it.
    Xml,
    /// JSON as Json.NET writes it.
    Json,
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
/// writes it in the `to` format.
struct Convert<R> {
    /// The format of `input`.
    from: Format,
    /// The format of the output.
    to: Format,
    /// Where the body is read, once the contract is known (stdin).
    input: R,
}

impl<R: Read> ContractVisitor for Convert<R> {
    type Output = Result<Vec<u8>, String>;

    fn visit<T: DataContract + 'static>(mut self) -> Self::Output {
        let mut input = Vec::new();
        self.input
            .read_to_end(&mut input)
            .map_err(|e| format!("cannot read stdin: {e}"))?;
        // A null body (`null`, an empty JSON body, a nil XML root) converts to null.
        let value: Option<T> = match self.from {
            Format::Xml => h2h_models::xml::from_slice(&input).map_err(|e| e.to_string())?,
            Format::Json => h2h_models::json::from_slice(&input).map_err(|e| e.to_string())?,
        };
        match self.to {
            Format::Xml => h2h_models::xml::to_vec(&value).map_err(|e| e.to_string()),
            Format::Json => h2h_models::json::to_vec(&value).map_err(|e| e.to_string()),
        }
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

/// The message of a contract name the catalog does not know.
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

/// Runs a parsed command; the error is the message for stderr.
fn run(command: Command) -> Result<(), String> {
    match command {
        Command::Contracts => {
            let mut list = String::new();
            for name in catalog::CONTRACTS {
                list.push_str(name);
                list.push('\n');
            }
            write_stdout(list.as_bytes())
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
            write_stdout(text.as_bytes())
        }
        Command::Convert { contract, from, to } => {
            let visitor = Convert {
                from,
                to,
                input: std::io::stdin().lock(),
            };
            let output = catalog::visit_contract(&contract, visitor)
                .ok_or_else(|| unknown_contract(&contract))??;
            write_stdout(&output)
        }
    }
}

fn main() -> ExitCode {
    // Help and version exit 0 here; a usage error prints clap's message and exits 2.
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("h2h: {}", message.replace('\n', " "));
            ExitCode::FAILURE
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
            input: Unread,
        };
        assert!(catalog::visit_contract("NoSuchContract", visitor).is_none());
    }
}
