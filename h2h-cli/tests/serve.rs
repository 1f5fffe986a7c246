//! `h2h serve` as a user runs it: started on a free loopback port, asked every endpoint of
//! the API in both formats, sent a body out of DCS order, and stopped with SIGTERM.
//!
//! Expected bodies are the help page's samples as the schema keeps them (`schema/api`); the
//! member DCS drops is the one the .NET corpus shows it drops (`userID` after `language`:
//! DCS reads `accessToken, userID, language, securityCode, token`).
#![allow(missing_docs)]

use std::io::{BufRead as _, BufReader};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use h2h_schema::ir::Direction;

#[path = "../../h2h-mock/tests/support/documented.rs"]
mod documented;

/// A running `h2h serve`, killed if the test ends early; its stderr lines arrive on `lines`.
struct Served {
    child: Child,
    lines: mpsc::Receiver<String>,
    base: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    fn start(args: &[&str]) -> Served {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let addr = format!("127.0.0.1:{port}");
        let mut child = Command::new(env!("CARGO_BIN_EXE_h2h"))
            .args(["serve", "--addr", &addr])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("h2h runs");
        let stderr = child.stderr.take().unwrap();
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let served = Served {
            child,
            lines,
            base: format!("http://{addr}"),
        };
        served.wait_for("listening on");
        served
    }

    /// The first stderr line containing `text` (within 20 s), and the lines before it.
    fn wait_for(&self, text: &str) -> Vec<String> {
        let mut seen = Vec::new();
        loop {
            match self.lines.recv_timeout(Duration::from_secs(20)) {
                Ok(line) => {
                    let found = line.contains(text);
                    seen.push(line);
                    if found {
                        return seen;
                    }
                }
                Err(e) => panic!("no line with '{text}' on stderr ({e}); saw {seen:#?}"),
            }
        }
    }
}

async fn post(
    base: &str,
    route: &str,
    content_type: &str,
    accept: &str,
    body: &str,
) -> (u16, String, String) {
    let response = reqwest::Client::new()
        .post(format!("{base}/{route}"))
        .header("Content-Type", content_type)
        .header("Accept", accept)
        .body(body.to_owned())
        .timeout(Duration::from_secs(20))
        .send()
        .await
        .expect("h2h serve answers");
    let status = response.status().as_u16();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    (status, content_type, response.text().await.unwrap())
}

#[tokio::test]
async fn serves_every_endpoint_with_its_documented_sample_and_logs_what_dcs_drops() {
    let served = Served::start(&[]);
    let api = documented::api();
    let mut answered = 0;
    for endpoint in &api.endpoints {
        assert_eq!(
            endpoint.method, "POST",
            "this test sends POSTs; extend it for {}",
            endpoint.route
        );
        for (xml, media_type) in [(false, "application/json"), (true, "application/xml")] {
            let request = documented::sample_of(endpoint, Direction::Request, xml)
                .unwrap_or_else(|| panic!("{} documents no request sample", endpoint.route));
            let response = documented::sample_of(endpoint, Direction::Response, xml)
                .unwrap_or_else(|| panic!("{} documents no response sample", endpoint.route));
            let (status, content_type, body) = post(
                &served.base,
                &endpoint.route,
                media_type,
                media_type,
                &request,
            )
            .await;
            assert_eq!(status, 200, "{} {media_type}: {body}", endpoint.route);
            assert_eq!(content_type, format!("{media_type}; charset=utf-8"));
            assert_eq!(body, response, "{} {media_type}", endpoint.route);
            answered += 1;
        }
    }
    assert_eq!(answered, 2 * api.endpoints.len());

    // `userID` after `language`: DCS has passed it and reads null; the log says so.
    let out_of_order = r#"<AuthRequest xmlns="http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models"><accessToken>secret-token</accessToken><language>ID</language><userID>alice</userID><securityCode>s</securityCode><token>t</token></AuthRequest>"#;
    let (status, _, _) = post(
        &served.base,
        "Session/Logout",
        "application/xml",
        "application/xml",
        out_of_order,
    )
    .await;
    assert_eq!(status, 200);
    let lines = served.wait_for("the real server would read this body otherwise");
    let warning = lines.last().unwrap();
    assert!(warning.contains("WARN"), "{warning}");
    assert!(warning.contains("member=AuthRequest/userID"), "{warning}");
    assert!(warning.contains("line=1 column=148"), "{warning}");
    assert!(warning.contains("DCS"), "{warning}");
    // No value of the body reaches the log.
    let all = lines.join("\n");
    assert!(
        !all.contains("secret-token") && !all.contains("alice"),
        "{all}"
    );
}

#[test]
fn sigterm_stops_it_cleanly() {
    let mut served = Served::start(&["--log", "warn"]);
    let status = Command::new("kill")
        .args(["-TERM", &served.child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    served.wait_for("SIGTERM: finishing the requests in flight");
    served.wait_for("stopped");
    for _ in 0..200 {
        if let Some(status) = served.child.try_wait().unwrap() {
            assert!(status.success(), "{status}");
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("h2h serve did not exit within 10 s of SIGTERM");
}

#[test]
fn a_bad_responses_file_is_named() {
    let dir = std::env::temp_dir().join(format!("h2h-serve-responses-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("Session")).unwrap();
    std::fs::write(
        dir.join("Session/Logout.json"),
        r#"{"respTime":"yesterday"}"#,
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_h2h"))
        .args(["serve", "--addr", "127.0.0.1:0", "--responses"])
        .arg(&dir)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("h2h: "), "{stderr}");
    assert!(
        stderr.contains("Logout.json") && stderr.contains("respTime") && stderr.contains("line 1"),
        "{stderr}"
    );
}
