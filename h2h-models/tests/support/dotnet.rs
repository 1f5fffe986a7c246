//! Client for the .NET differential harness (`conformance/dotnet/Harness.cs`).
//!
//! The harness is a long-lived Mono process that converts between the wire formats of the
//! ASP.NET Web API 2 server with the real serializers: WCF `DataContractSerializer` for XML
//! (set up as Web API 2's `XmlMediaTypeFormatter` uses it) and Json.NET 6.0.8 for JSON. It is
//! compiled by `conformance/dotnet/build.sh` together with a contracts file (C# classes).
//!
//! Protocol (one line each way per request): `<op> <ContractName> <base64 input>` answered by
//! `OK <base64 output>` or `ERR <base64 UTF-8 error text>`; `ping` is answered by `OK`.
//!
//! Errors returned by [`DotNet::convert`] are of two kinds: the .NET exception chain when a
//! serializer refuses the input or the value (first line `Type: message`, then
//! `  inner Type: message` lines), or a failure of the harness itself, which always starts
//! with `harness:` (the process died, the protocol broke, or the request was malformed).
//!
//! Only `std` and `base64` are used.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;

/// The packages that provide everything the harness needs on Debian/Ubuntu.
const APT_PACKAGES: &str = "mono-mcs mono-runtime libmono-system-runtime-serialization4.0-cil \
                            libmono-system-xml-linq4.0-cil libnewtonsoft-json5.0-cil";

/// The server's time zone (+07:00): `DateTime` values of kind `Local` are written with it.
const SERVER_TZ: &str = "Asia/Jakarta";

/// A conversion performed by the harness: read the input with one serializer, write the
/// object it produced with another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    /// `DataContractSerializer` read, `DataContractSerializer` write.
    XmlToXml,
    /// Json.NET read, Json.NET write.
    JsonToJson,
    /// `DataContractSerializer` read, Json.NET write.
    XmlToJson,
    /// Json.NET read, `DataContractSerializer` write.
    JsonToXml,
}

impl Op {
    /// The operation's name in the harness protocol (`xml2xml`, `json2json`, ...).
    pub fn wire_name(self) -> &'static str {
        match self {
            Op::XmlToXml => "xml2xml",
            Op::JsonToJson => "json2json",
            Op::XmlToJson => "xml2json",
            Op::JsonToXml => "json2xml",
        }
    }
}

/// A running harness process (`mono harness.exe`), killed when dropped.
pub struct DotNet {
    /// The `mono` process.
    child: Child,
    /// Requests go here, one line each.
    stdin: ChildStdin,
    /// Responses come from here, one line each.
    stdout: BufReader<ChildStdout>,
}

impl DotNet {
    /// Builds the harness for `contracts_cs` into `work_dir` (unless `work_dir/harness.exe` is
    /// already newer than the contracts and the harness sources), starts it and pings it.
    ///
    /// Returns `Ok(None)` after printing a loud warning when `mcs` or `mono` is not on `PATH`
    /// (the differential suite is then skipped), except when the environment variable `CI` is
    /// `true`: then a missing Mono is an error.
    pub fn start(contracts_cs: &Path, work_dir: &Path) -> Result<Option<DotNet>, String> {
        let missing: Vec<&str> = ["mcs", "mono"]
            .into_iter()
            .filter(|tool| find_on_path(tool).is_none())
            .collect();
        if !missing.is_empty() {
            if std::env::var("CI").as_deref() == Ok("true") {
                return Err(format!(
                    "Mono is required in CI: apt-get install {APT_PACKAGES} (not on PATH: {})",
                    missing.join(", ")
                ));
            }
            eprintln!(
                "\n\
                 ************************************************************************\n\
                 * WARNING: .NET differential suite SKIPPED: {} not found on PATH.\n\
                 * Nothing was compared with the real DataContractSerializer / Json.NET.\n\
                 * Install Mono to run it: apt-get install {APT_PACKAGES}\n\
                 ************************************************************************\n",
                missing.join(" and ")
            );
            return Ok(None);
        }

        let script_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../conformance/dotnet");
        let build_sh = script_dir.join("build.sh");
        let exe = work_dir.join("harness.exe");
        let inputs = [
            contracts_cs.to_path_buf(),
            script_dir.join("Harness.cs"),
            script_dir.join("DataAnnotationsShim.cs"),
            build_sh.clone(),
        ];
        if !is_fresh(&exe, &inputs) {
            build(&build_sh, contracts_cs, work_dir)?;
        }

        let mut child = Command::new("mono")
            .arg(&exe)
            .current_dir(work_dir)
            .env("TZ", SERVER_TZ)
            .env("MONO_URI_DOTNETRELATIVEORABSOLUTE", "true")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("harness: cannot start mono {}: {e}", exe.display()))?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err("harness: mono started without piped stdin/stdout".to_owned());
        };
        let mut dotnet = DotNet {
            child,
            stdin,
            stdout: BufReader::new(stdout),
        };
        match dotnet.request("ping")?.as_str() {
            "OK" => Ok(Some(dotnet)),
            other => Err(format!("harness: unexpected answer to ping: {other:?}")),
        }
    }

    /// Converts `input` (wire bytes) read as the contract `contract` (a simple CLR class name,
    /// or a full name when the simple one is ambiguous; `List<T>` and `T[]` also work) with
    /// `op`, returning the output wire bytes.
    ///
    /// `Err` holds the .NET exception chain when a serializer refuses the input or the value,
    /// or a message starting with `harness:` when the harness itself failed.
    pub fn convert(&mut self, op: Op, contract: &str, input: &[u8]) -> Result<Vec<u8>, String> {
        if contract.is_empty() || contract.chars().any(char::is_whitespace) {
            return Err(format!("harness: invalid contract name {contract:?}"));
        }
        let line = format!("{} {} {}", op.wire_name(), contract, BASE64.encode(input));
        let answer = self.request(&line)?;
        parse_answer(&answer)?
    }

    /// Converts many inputs in one go: the requests are written from a second thread while
    /// the answers are read, so the harness never waits for this process (one pipe round trip
    /// per batch instead of per document). The answers are in the order of `requests`, each as
    /// [`DotNet::convert`] returns it; `Err` when the harness itself failed (it is then killed).
    pub fn convert_batch(
        &mut self,
        requests: &[(Op, &str, &[u8])],
    ) -> Result<Vec<Result<Vec<u8>, String>>, String> {
        for (_, contract, _) in requests {
            if contract.is_empty() || contract.chars().any(char::is_whitespace) {
                return Err(format!("harness: invalid contract name {contract:?}"));
            }
        }
        let DotNet {
            child,
            stdin,
            stdout,
        } = self;
        let (answers, sent) = std::thread::scope(|scope| {
            let writer = scope.spawn(move || -> std::io::Result<()> {
                let mut w = std::io::BufWriter::with_capacity(1 << 16, stdin);
                for (op, contract, input) in requests {
                    w.write_all(op.wire_name().as_bytes())?;
                    w.write_all(b" ")?;
                    w.write_all(contract.as_bytes())?;
                    w.write_all(b" ")?;
                    w.write_all(BASE64.encode(input).as_bytes())?;
                    w.write_all(b"\n")?;
                }
                w.flush()
            });
            let mut answers = Vec::with_capacity(requests.len());
            let mut line = String::new();
            let mut failure = None;
            for _ in requests {
                line.clear();
                match stdout.read_line(&mut line) {
                    Ok(0) => {
                        failure = Some("harness: no answer, output closed".to_owned());
                        break;
                    }
                    Ok(_) => match parse_answer(line.trim_end_matches(['\r', '\n'])) {
                        Ok(answer) => answers.push(answer),
                        Err(e) => {
                            failure = Some(e);
                            break;
                        }
                    },
                    Err(e) => {
                        failure = Some(format!("harness: cannot read answer ({e})"));
                        break;
                    }
                }
            }
            if failure.is_some() {
                // Unblocks the writer if the pipe is full.
                let _ = child.kill();
            }
            let sent = writer
                .join()
                .unwrap_or_else(|_| Err(std::io::Error::other("the writer thread panicked")));
            (failure.map_or(Ok(answers), Err), sent)
        });
        let answers = answers.map_err(|e| format!("{e}{}", self.exit_note()))?;
        sent.map_err(|e| format!("harness: cannot send requests ({e}){}", self.exit_note()))?;
        Ok(answers)
    }

    /// Sends one request line and reads one answer line (without its line end).
    fn request(&mut self, line: &str) -> Result<String, String> {
        let sent = self
            .stdin
            .write_all(line.as_bytes())
            .and_then(|()| self.stdin.write_all(b"\n"))
            .and_then(|()| self.stdin.flush());
        if let Err(e) = sent {
            return Err(format!(
                "harness: cannot send request ({e}){}",
                self.exit_note()
            ));
        }
        let mut answer = String::new();
        match self.stdout.read_line(&mut answer) {
            Ok(0) => Err(format!(
                "harness: no answer, output closed{}",
                self.exit_note()
            )),
            Ok(_) => Ok(answer.trim_end_matches(['\r', '\n']).to_owned()),
            Err(e) => Err(format!(
                "harness: cannot read answer ({e}){}",
                self.exit_note()
            )),
        }
    }

    /// Describes the child's exit status, if it has exited.
    fn exit_note(&mut self) -> String {
        match self.child.try_wait() {
            Ok(Some(status)) => format!("; mono exited: {status}"),
            Ok(None) => String::new(),
            Err(e) => format!("; cannot query mono's status: {e}"),
        }
    }
}

/// An answer line: `Ok(Ok(output))`, `Ok(Err(.NET error text))`, or `Err` for a broken
/// protocol.
fn parse_answer(answer: &str) -> Result<Result<Vec<u8>, String>, String> {
    let (status, payload) = answer.split_once(' ').unwrap_or((answer, ""));
    let bytes = BASE64
        .decode(payload)
        .map_err(|e| format!("harness: undecodable payload in answer {answer:?}: {e}"))?;
    match status {
        "OK" => Ok(Ok(bytes)),
        "ERR" => Ok(Err(String::from_utf8_lossy(&bytes).into_owned())),
        _ => Err(format!("harness: unexpected answer {answer:?}")),
    }
}

impl Drop for DotNet {
    /// Kills the harness process and reaps it.
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `build.sh <contracts> <work_dir>`, turning a failure into an error with its output.
fn build(build_sh: &Path, contracts_cs: &Path, work_dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(work_dir)
        .map_err(|e| format!("harness: cannot create {}: {e}", work_dir.display()))?;
    let output = Command::new("sh")
        .arg(build_sh)
        .arg(contracts_cs)
        .arg(work_dir)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("harness: cannot run {}: {e}", build_sh.display()))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "harness: {} {} {} failed ({}):\n{}{}",
            build_sh.display(),
            contracts_cs.display(),
            work_dir.display(),
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// Whether `exe` exists and is newer than every existing file of `inputs`.
fn is_fresh(exe: &Path, inputs: &[PathBuf]) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let Some(built) = modified(exe) else {
        return false;
    };
    inputs.iter().all(|input| match modified(input) {
        Some(changed) => changed < built,
        None => !input.exists(),
    })
}

/// The first executable file named `tool` in a directory of `PATH`.
fn find_on_path(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(tool))
        .find(|candidate| is_executable(candidate))
}

/// Whether `path` is a file with an execute bit (any file, off Unix).
fn is_executable(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        true
    }
}
