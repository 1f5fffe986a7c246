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
//! Bad input exits with status 1 and one line on stderr naming the path and line:column.
#![forbid(unsafe_code)]

use std::io::{Read, Write};
use std::process::ExitCode;

use h2h_models::dotnet::DateTimeOffset;
use h2h_models::sample::{self, SampleFormat};
use h2h_models::{catalog, ContractVisitor, DataContract};

const USAGE: &str = "\
usage:
  h2h convert <Contract> --from xml|json --to xml|json   read a body on stdin, write it on stdout
  h2h sample <Contract> [--format json|xml] [--now <ISO 8601>]
                                                        print the help page's sample (default json,
                                                        now = 2025-01-23T00:09:38.9648983+07:00)
  h2h contracts                                         list every contract name
";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Format {
    Xml,
    Json,
}

impl Format {
    fn parse(s: &str) -> Result<Format, String> {
        match s {
            "xml" => Ok(Format::Xml),
            "json" => Ok(Format::Json),
            other => Err(format!("unknown format `{other}` (expected xml or json)")),
        }
    }
}

struct Convert {
    from: Format,
    to: Format,
    input: Vec<u8>,
}

impl ContractVisitor for Convert {
    type Output = Result<Vec<u8>, String>;

    fn visit<T: DataContract + 'static>(self) -> Self::Output {
        // A null body (`null`, an empty JSON body, a nil XML root) converts to null.
        let value: Option<T> = match self.from {
            Format::Xml => h2h_models::xml::from_slice(&self.input).map_err(|e| e.to_string())?,
            Format::Json => h2h_models::json::from_slice(&self.input).map_err(|e| e.to_string())?,
        };
        match self.to {
            Format::Xml => h2h_models::xml::to_vec(&value).map_err(|e| e.to_string()),
            Format::Json => h2h_models::json::to_vec(&value).map_err(|e| e.to_string()),
        }
    }
}

/// The help page's sample of a contract.
struct Sample {
    format: SampleFormat,
    now: DateTimeOffset,
}

impl ContractVisitor for Sample {
    type Output = Result<String, String>;

    fn visit<T: DataContract + 'static>(self) -> Self::Output {
        sample::render::<T>(self.format, self.now).map_err(|e| e.to_string())
    }
}

/// `--flag value` pairs; a flag without a value is an error.
fn options<'a>(rest: &[&'a str]) -> Result<Vec<(&'a str, &'a str)>, String> {
    rest.chunks(2)
        .map(|pair| match pair {
            [flag, value] => Ok((*flag, *value)),
            [flag] => Err(format!("{flag} needs a value\n{USAGE}")),
            _ => Err(USAGE.trim_end().to_owned()),
        })
        .collect()
}

fn run_sample(contract: &str, rest: &[&str]) -> Result<(), String> {
    let mut format = SampleFormat::Json;
    let mut now = sample::SEED_NOW;
    for (flag, value) in options(rest)? {
        match flag {
            "--format" => {
                format = match Format::parse(value)? {
                    Format::Json => SampleFormat::Json,
                    Format::Xml => SampleFormat::Xml,
                }
            }
            "--now" => {
                now = DateTimeOffset::parse_json(value, Some(h2h_models::SERVER_UTC_OFFSET_MINUTES)).map_err(|e| {
                    format!("--now `{value}` is not an ISO 8601 date and time: {e}")
                })?;
            }
            other => return Err(format!("unknown option `{other}`\n{USAGE}")),
        }
    }
    let text = catalog::visit_contract(contract, Sample { format, now })
        .ok_or_else(|| format!("unknown contract `{contract}` (see `h2h contracts`)"))??;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{text}").map_err(|e| format!("cannot write stdout: {e}"))
}

fn run(args: &[String]) -> Result<(), String> {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["contracts"] => {
            for name in catalog::CONTRACTS {
                println!("{name}");
            }
            Ok(())
        }
        ["sample", contract, rest @ ..] => run_sample(contract, rest),
        ["convert", contract, rest @ ..] => {
            let mut from = None;
            let mut to = None;
            for (flag, value) in options(rest)? {
                match flag {
                    "--from" => from = Some(Format::parse(value)?),
                    "--to" => to = Some(Format::parse(value)?),
                    other => return Err(format!("unknown option `{other}`\n{USAGE}")),
                }
            }
            let (Some(from), Some(to)) = (from, to) else {
                return Err(format!("convert needs --from and --to\n{USAGE}"));
            };
            let mut input = Vec::new();
            std::io::stdin()
                .read_to_end(&mut input)
                .map_err(|e| format!("cannot read stdin: {e}"))?;
            let output = catalog::visit_contract(contract, Convert { from, to, input })
                .ok_or_else(|| format!("unknown contract `{contract}` (see `h2h contracts`)"))??;
            std::io::stdout()
                .write_all(&output)
                .map_err(|e| format!("cannot write stdout: {e}"))
        }
        _ => Err(USAGE.trim_end().to_owned()),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("h2h: {}", message.replace('\n', " "));
            ExitCode::FAILURE
        }
    }
}
