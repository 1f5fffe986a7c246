//! Starts the h2h test server (`conformance/webapi/Host.cs`: a schema's generated
//! ApiControllers in Mono's ASP.NET Web API self-host) for a test, and stops it.
//!
//! Include it in a test crate with
//!
//! ```ignore
//! #[path = "../../conformance/webapi/launch.rs"]
//! mod launch;
//!
//! let Some(server) = launch::WebApi::start()? else { return }; // skipped: no Mono
//! let addr = server.addr(); // 127.0.0.1:<port>
//! ```
//!
//! [`WebApi::start`] builds the host for the embedded schema (`api`; [`WebApi::start_target`]
//! for another schema target with endpoints) with `conformance/webapi/build.sh`, once per
//! set of sources: into `<target dir>/tmp/webapi/<target>-<hash of the sources>/`, shared by
//! every test process. It picks a free loopback port (binds `127.0.0.1:0` and lets it go),
//! starts `mono host.exe <port>` with piped stdin, stdout and stderr, and waits (at most
//! [`READY_TIMEOUT`]) for the host's `READY <port>`, which it prints once Web API has answered
//! a request. Dropping the [`WebApi`] kills the host; should the test process die first, the
//! host sees its stdin close and exits by itself.
//!
//! Without `mono`, `mcs` or Mono's Web API assemblies, `start` returns `Ok(None)` after a loud
//! warning on stderr (the caller skips), except under `CI=true`, where it is an `Err`.
//!
//! Only `std` is used.
#![allow(dead_code)]

use std::collections::HashMap;
use std::hash::{Hash as _, Hasher as _};
use std::io::{BufRead as _, BufReader, Read as _};
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The Debian/Ubuntu packages that provide everything the host needs.
pub const APT_PACKAGES: &str = "mono-mcs mono-runtime libmono-system-runtime-serialization4.0-cil \
                                libmono-system-web-http4.0-cil libmono-system-web-http-selfhost4.0-cil \
                                libmono-system-net-http4.0-cil libmono-system-net-http-formatting4.0-cil";

/// Mono's ASP.NET Web API assemblies (its 4.5 profile).
const WEB_API_ASSEMBLIES: &[&str] = &[
    "System.Web.Http.dll",
    "System.Web.Http.SelfHost.dll",
    "System.Net.Http.dll",
    "System.Net.Http.Formatting.dll",
];

/// How long a host may take from `mono` starting to `READY`.
pub const READY_TIMEOUT: Duration = Duration::from_secs(60);

/// How many hosts are started before giving up, when one exits before `READY` (the free
/// port taken by someone else in between, say).
const START_ATTEMPTS: usize = 3;

/// The server's time zone (+07:00), as for the differential harness.
const SERVER_TZ: &str = "Asia/Jakarta";

/// The most of the host's stderr kept for messages.
const LOG_LIMIT: usize = 64 * 1024;

/// A running test server, killed when dropped.
pub struct WebApi {
    child: Child,
    /// Closing it makes the host exit by itself.
    stdin: Option<ChildStdin>,
    port: u16,
    /// The host's stderr so far.
    log: Arc<Mutex<String>>,
    /// How long building the host took, when this start built it (`None`: already built).
    pub build_time: Option<Duration>,
    /// From starting `mono` to `READY`.
    pub start_time: Duration,
}

impl WebApi {
    /// Starts the server of the embedded schema (`schema/api`, target `api`).
    ///
    /// `Ok(None)`: Mono or its Web API is missing and this is not CI (a warning was printed).
    pub fn start() -> Result<Option<WebApi>, String> {
        WebApi::start_target("api")
    }

    /// Starts the server of a schema target (xtask's `Target::name`) that has endpoints,
    /// built from `conformance/dotnet/generated/<target>.cs` and `<target>.controllers.cs`.
    pub fn start_target(target: &str) -> Result<Option<WebApi>, String> {
        if let Some(missing) = missing_tools() {
            if std::env::var("CI").as_deref() == Ok("true") {
                return Err(format!(
                    "the Web API test server is required in CI: apt-get install {APT_PACKAGES} \
                     (missing: {missing})"
                ));
            }
            eprintln!(
                "\n\
                 ************************************************************************\n\
                 * WARNING: Web API test server SKIPPED: {missing}.\n\
                 * Nothing was checked against ASP.NET Web API.\n\
                 * Install it to run: apt-get install {APT_PACKAGES}\n\
                 ************************************************************************\n"
            );
            return Ok(None);
        }
        let (exe, build_time) = built_host(target)?;
        let mut failures = Vec::new();
        for _ in 0..START_ATTEMPTS {
            match spawn(&exe) {
                Ok(Started::Ready(mut server)) => {
                    server.build_time = build_time;
                    return Ok(Some(server));
                }
                Ok(Started::Exited(why)) => failures.push(why),
                Err(e) => return Err(e),
            }
        }
        Err(format!(
            "webapi: the host exited before READY {START_ATTEMPTS} times:\n{}",
            failures.join("\n")
        ))
    }

    /// The port on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `127.0.0.1:<port>`.
    pub fn addr(&self) -> SocketAddr {
        SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::LOCALHOST, self.port))
    }

    /// `http://127.0.0.1:<port>/<path>`.
    pub fn url(&self, path: &str) -> String {
        format!(
            "http://127.0.0.1:{}/{}",
            self.port,
            path.trim_start_matches('/')
        )
    }

    /// What the host wrote on stderr so far (its notes, Mono's warnings).
    pub fn log(&self) -> String {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

impl Drop for WebApi {
    /// Closes the host's stdin, kills it and reaps it.
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

enum Started {
    Ready(WebApi),
    /// The host exited before `READY`: its status and stderr.
    Exited(String),
}

/// Starts one host on a free port and waits for its `READY`.
fn spawn(exe: &Path) -> Result<Started, String> {
    let port = free_port()?;
    let began = Instant::now();
    let mut child = Command::new("mono")
        .arg(exe)
        .arg(port.to_string())
        .current_dir(exe.parent().unwrap_or(Path::new(".")))
        .env("TZ", SERVER_TZ)
        .env("MONO_URI_DOTNETRELATIVEORABSOLUTE", "true")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("webapi: cannot start mono {}: {e}", exe.display()))?;
    let (Some(stdin), Some(stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        let _ = child.wait();
        return Err("webapi: mono started without piped stdin/stdout/stderr".to_owned());
    };

    // Both pipes are drained for the host's life, so that it never blocks on a full one.
    let log = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&log);
    std::thread::spawn(move || {
        let mut stderr = stderr;
        let mut buf = [0u8; 4096];
        while let Ok(n) = stderr.read(&mut buf) {
            if n == 0 {
                break;
            }
            if let Ok(mut log) = sink.lock() {
                if log.len() < LOG_LIMIT {
                    log.push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            }
        }
    });
    let (lines, ready) = mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            // After READY nobody listens; the host writes nothing more anyway.
            let _ = lines.send(line);
        }
    });

    let mut server = WebApi {
        child,
        stdin: Some(stdin),
        port,
        log,
        build_time: None,
        start_time: Duration::ZERO,
    };
    let expected = format!("READY {port}");
    let deadline = began + READY_TIMEOUT;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match ready.recv_timeout(left) {
            Ok(line) if line.trim_end() == expected => {
                server.start_time = began.elapsed();
                return Ok(Started::Ready(server));
            }
            Ok(_) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                // stdout closed: the host is exiting.
                let status = server
                    .child
                    .wait()
                    .map_or_else(|e| e.to_string(), |s| s.to_string());
                // Give the stderr thread a moment to take the last words.
                std::thread::sleep(Duration::from_millis(50));
                return Ok(Started::Exited(format!(
                    "mono {} {port} exited ({status}):\n{}",
                    exe.display(),
                    server.log()
                )));
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                return Err(format!(
                    "webapi: no READY from mono {} {port} within {READY_TIMEOUT:?}:\n{}",
                    exe.display(),
                    server.log()
                ));
            }
        }
    }
}

/// A port on 127.0.0.1 that was free a moment ago.
fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .map_err(|e| format!("webapi: cannot bind 127.0.0.1:0: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| format!("webapi: no local address: {e}"))
}

/// What is missing to build and run the host, if anything.
fn missing_tools() -> Option<String> {
    let mut missing: Vec<String> = ["mcs", "mono"]
        .into_iter()
        .filter(|tool| find_on_path(tool).is_none())
        .map(|tool| format!("{tool} (not on PATH)"))
        .collect();
    if let Some(mono) = find_on_path("mono") {
        // <prefix>/bin/mono → <prefix>/lib/mono/4.5
        let mono = std::fs::canonicalize(&mono).unwrap_or(mono);
        let profile = mono
            .parent()
            .and_then(Path::parent)
            .map(|prefix| prefix.join("lib/mono/4.5"));
        for dll in WEB_API_ASSEMBLIES {
            if !profile.as_ref().is_some_and(|dir| dir.join(dll).is_file()) {
                missing.push(format!("Mono's {dll}"));
            }
        }
    }
    (!missing.is_empty()).then(|| missing.join(", "))
}

/// The workspace root: the first ancestor of this crate with `conformance/webapi/Host.cs`.
fn workspace_root() -> Result<PathBuf, String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .find(|dir| dir.join("conformance/webapi/Host.cs").is_file())
        .map(Path::to_path_buf)
        .ok_or_else(|| {
            format!(
                "webapi: no conformance/webapi/Host.cs above {}",
                manifest.display()
            )
        })
}

/// The host of `target`, built unless a build of the same sources exists; with the time the
/// build took when this call built it. One build at a time in this process.
fn built_host(target: &str) -> Result<(PathBuf, Option<Duration>), String> {
    static BUILDS: OnceLock<Mutex<HashMap<String, Result<PathBuf, String>>>> = OnceLock::new();
    let mut builds = BUILDS
        .get_or_init(|| Mutex::new(HashMap::new()))
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(done) = builds.get(target) {
        return done.clone().map(|exe| (exe, None));
    }
    let result = build(target);
    builds.insert(
        target.to_owned(),
        result
            .as_ref()
            .map(|(exe, _)| exe.clone())
            .map_err(Clone::clone),
    );
    result
}

fn build(target: &str) -> Result<(PathBuf, Option<Duration>), String> {
    let root = workspace_root()?;
    let generated = root.join("conformance/dotnet/generated");
    let here = root.join("conformance/webapi");
    let contracts = generated.join(format!("{target}.cs"));
    let controllers = generated.join(format!("{target}.controllers.cs"));
    let build_sh = here.join("build.sh");
    let sources = [
        here.join("Host.cs"),
        build_sh.clone(),
        root.join("conformance/dotnet/DataAnnotationsShim.cs"),
        contracts.clone(),
        controllers.clone(),
    ];
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for source in &sources {
        let text = std::fs::read(source).map_err(|e| {
            format!(
                "webapi: cannot read {} ({e}); does target `{target}` have endpoints? \
                 (run cargo xtask regenerate)",
                source.display()
            )
        })?;
        source.file_name().hash(&mut hasher);
        text.hash(&mut hasher);
    }
    let tmp = option_env!("CARGO_TARGET_TMPDIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let dir = tmp
        .join("webapi")
        .join(format!("{target}-{:016x}", hasher.finish()));
    let exe = dir.join("host.exe");
    if exe.is_file() {
        return Ok((exe, None));
    }
    let began = Instant::now();
    let output = Command::new("sh")
        .arg(&build_sh)
        .arg(&contracts)
        .arg(&controllers)
        .arg(&dir)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("webapi: cannot run {}: {e}", build_sh.display()))?;
    if !output.status.success() {
        return Err(format!(
            "webapi: {} failed ({}):\n{}{}",
            build_sh.display(),
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok((exe, Some(began.elapsed())))
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
