//! The mock server over real HTTP on loopback: documented samples, Web API 5's negotiation
//! and error answers, the dotnet read with its findings, typed handlers and expectations,
//! and the limits (413, slow clients, graceful shutdown).
//!
//! Expected bodies come from outside the code under test: the help page's samples kept in
//! the schema (`schema/api`), and the `HttpError` bytes of Web API 5's code path that the
//! real test server writes (`conformance/webapi/README.md`).
#![allow(missing_docs)]

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use h2h_mock::{Limits, MockServer, Reply, StatusCode, Times};
use h2h_models::endpoints::PostSessionLogout;
use h2h_models::{AuthResponse, Language};
use h2h_schema::ir::Direction;

#[path = "support/documented.rs"]
mod documented;
use documented::documented;

const JSON_REQUEST: &str = r#"{"token":"sample string 1","securityCode":"sample string 2","language":1,"userID":"sample string 3","accessToken":"sample string 4"}"#;
const XML_REQUEST: &str = r#"<AuthRequest xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models"><accessToken>sample string 4</accessToken><userID>sample string 3</userID><language>ID</language><securityCode>sample string 2</securityCode><token>sample string 1</token></AuthRequest>"#;

struct Answer {
    status: u16,
    content_type: Option<String>,
    headers: reqwest::header::HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

async fn send(
    server: &MockServer,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Answer {
    let client = reqwest::Client::new();
    let mut request = client.request(method.parse().unwrap(), format!("{}{path}", server.uri()));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request
        .body(body.to_owned())
        .send()
        .await
        .expect("the mock answers");
    Answer {
        status: response.status().as_u16(),
        content_type: response
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned()),
        headers: response.headers().clone(),
        body: response.bytes().await.unwrap().to_vec(),
    }
}

/// `POST /Session/Logout` with `headers` and `body`.
async fn logout(server: &MockServer, headers: &[(&str, &str)], body: &str) -> Answer {
    send(server, "POST", "/Session/Logout", headers, body).await
}

#[tokio::test]
async fn answers_the_documented_sample_in_the_negotiated_format() {
    let server = MockServer::start().await.unwrap();
    let json = logout(
        &server,
        &[("Content-Type", "application/json")],
        JSON_REQUEST,
    )
    .await;
    assert_eq!(json.status, 200);
    assert_eq!(
        json.content_type.as_deref(),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(json.text(), documented(Direction::Response, false));

    let xml = logout(
        &server,
        &[
            ("Content-Type", "application/xml"),
            ("Accept", "application/xml"),
        ],
        XML_REQUEST,
    )
    .await;
    assert_eq!(xml.status, 200);
    assert_eq!(
        xml.content_type.as_deref(),
        Some("application/xml; charset=utf-8")
    );
    assert_eq!(xml.text(), documented(Direction::Response, true));

    // The documented requests read without a finding.
    for received in server.received() {
        assert!(
            received.report.as_ref().is_some_and(|r| r.is_empty()),
            "{received:?}"
        );
        let request = received
            .request::<PostSessionLogout>()
            .expect("read as AuthRequest");
        assert_eq!(request.user_id.as_deref(), Some("sample string 3"));
        assert_eq!(request.language, Language::Id);
    }
}

#[tokio::test]
async fn negotiates_as_web_api_5() {
    let server = MockServer::start().await.unwrap();
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, &'a str);
    let cases: &[Case] = &[
        // (headers, body, content type answered); reqwest sends `Accept: */*` unless told.
        (
            &[("Content-Type", "text/xml")],
            XML_REQUEST,
            "application/json; charset=utf-8",
        ),
        (
            &[("Content-Type", "text/xml"), ("Accept", "")],
            XML_REQUEST,
            "text/xml; charset=utf-8",
        ),
        (
            &[
                ("Content-Type", "application/json"),
                ("Accept", "application/xml"),
            ],
            JSON_REQUEST,
            "application/xml; charset=utf-8",
        ),
        (
            &[("Content-Type", "application/xml"), ("Accept", "*/*")],
            XML_REQUEST,
            "application/json; charset=utf-8",
        ),
        (
            &[
                ("Content-Type", "application/xml"),
                ("Accept", "application/json;q=0.4, text/xml;q=0.8"),
            ],
            XML_REQUEST,
            "text/xml; charset=utf-8",
        ),
        (
            &[
                ("Content-Type", "application/json"),
                ("Accept", "text/html"),
            ],
            JSON_REQUEST,
            "application/json; charset=utf-8",
        ),
        (
            &[("Content-Type", "application/json; charset=utf-16")],
            "",
            "application/json; charset=utf-16",
        ),
    ];
    for (headers, body, expected) in cases {
        let answer = logout(&server, headers, body).await;
        assert_eq!(
            answer.content_type.as_deref(),
            Some(*expected),
            "{headers:?}"
        );
    }
    // UTF-16 both ways: the body read by its charset, the answer written in it with a BOM.
    let utf16: Vec<u8> = JSON_REQUEST
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let response = reqwest::Client::new()
        .post(format!("{}/Session/Logout", server.uri()))
        .header("Content-Type", "application/json; charset=utf-16")
        .body(utf16)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let bytes = response.bytes().await.unwrap();
    assert_eq!(&bytes[..2], &[0xFF, 0xFE]);
    let units: Vec<u16> = bytes[2..]
        .chunks(2)
        .map(|p| u16::from_le_bytes([p[0], p[1]]))
        .collect();
    assert_eq!(
        String::from_utf16(&units).unwrap(),
        documented(Direction::Response, false)
    );
}

#[tokio::test]
async fn refuses_as_web_api_5() {
    let server = MockServer::start().await.unwrap();
    // An unknown controller, an unknown action: 404 HttpErrors naming them.
    let answer = send(&server, "POST", "/H2hNoSuch/Logout", &[], "").await;
    assert_eq!(answer.status, 404);
    assert_eq!(
        answer.text(),
        format!(
            r#"{{"Message":"No HTTP resource was found that matches the request URI '{}/H2hNoSuch/Logout'.","MessageDetail":"No type was found that matches the controller named 'H2hNoSuch'."}}"#,
            server.uri()
        )
    );
    let answer = send(
        &server,
        "POST",
        "/Session/H2hNoSuch",
        &[("Accept", "application/xml")],
        "",
    )
    .await;
    assert_eq!(answer.status, 404);
    assert!(
        answer
            .text()
            .starts_with("<Error><Message>No HTTP resource was found"),
        "{}",
        answer.text()
    );
    assert!(answer.text().contains("<MessageDetail>No action was found on the controller 'Session' that matches the name 'H2hNoSuch'.</MessageDetail>"));

    // The wrong method: 405 with Allow.
    let answer = send(&server, "GET", "/Session/Logout", &[], "").await;
    assert_eq!(answer.status, 405);
    assert_eq!(answer.headers.get("allow").unwrap(), "POST");
    assert_eq!(
        answer.text(),
        r#"{"Message":"The requested resource does not support http method 'GET'."}"#
    );

    // A media type no formatter reads: 415.
    let answer = logout(&server, &[("Content-Type", "text/plain")], "hello").await;
    assert_eq!(answer.status, 415);
    assert!(answer.text().starts_with(r#"{"Message":"The request entity's media type 'text/plain' is not supported for this resource.","ExceptionMessage":"No MediaTypeFormatter is available to read an object of type 'AuthRequest' from content with media type 'text/plain'.""#), "{}", answer.text());
    let answer = logout(&server, &[], "{}").await;
    assert_eq!(
        answer.status, 415,
        "no Content-Type is application/octet-stream"
    );
    assert!(answer.text().starts_with(r#"{"Message":"The request contains an entity body but no Content-Type header. The inferred media type 'application/octet-stream' is not supported for this resource.","ExceptionMessage":"No MediaTypeFormatter is available to read an object of type 'AuthRequest' from content with media type 'application/octet-stream'.""#), "{}", answer.text());

    // An empty body: the controller's model error, as the test server writes it.
    let answer = logout(&server, &[("Content-Type", "application/json")], "").await;
    assert_eq!(answer.status, 400);
    assert_eq!(
        answer.text(),
        r#"{"Message":"The request is invalid.","ModelState":{"request":["A request body is required."]}}"#
    );
    let answer = logout(
        &server,
        &[
            ("Content-Type", "application/xml"),
            ("Accept", "application/xml"),
        ],
        "",
    )
    .await;
    assert_eq!(answer.text(), "<Error><Message>The request is invalid.</Message><ModelState><request>A request body is required.</request></ModelState></Error>");

    // An unreadable body: 400 naming the member and the position, never a secret.
    let answer = logout(
        &server,
        &[("Content-Type", "application/json")],
        r#"{"userID":"a","language":"Klingon","securityCode":"s3cr3t-value"}"#,
    )
    .await;
    assert_eq!(answer.status, 400);
    let text = answer.text();
    assert!(
        text.starts_with(
            r#"{"Message":"The request is invalid.","ModelState":{"request.language":["#
        ),
        "{text}"
    );
    assert!(text.contains("line 1, column"), "{text}");
    assert!(!text.contains("s3cr3t"), "{text}");
    let answer = logout(&server, &[("Content-Type", "application/xml")], "<bad").await;
    assert_eq!(answer.status, 400);
    assert!(
        answer.text().contains(r#""ModelState":{"request":["#),
        "{}",
        answer.text()
    );
}

#[tokio::test]
async fn reads_as_dcs_and_records_what_it_drops() {
    let server = MockServer::start().await.unwrap();
    // `userID` after `language`: DCS (ordinal order accessToken, userID, language, ...)
    // has passed it, skips it and reads null.
    let out_of_order = r#"<AuthRequest xmlns="http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models"><accessToken>a</accessToken><language>ID</language><userID>alice</userID><securityCode>s</securityCode><token>t</token></AuthRequest>"#;
    let answer = logout(
        &server,
        &[("Content-Type", "application/xml")],
        out_of_order,
    )
    .await;
    assert_eq!(answer.status, 200);
    let received = server.received().pop().unwrap();
    assert_eq!(received.body, out_of_order.as_bytes());
    let request = received.request::<PostSessionLogout>().unwrap();
    assert_eq!(request.user_id, None, "DCS drops it");
    assert_eq!(request.security_code.as_deref(), Some("s"));
    let report = received.report.unwrap();
    let finding = &report.findings()[0];
    assert_eq!(finding.path, "AuthRequest/userID");
    assert_eq!((finding.line, finding.column), (1, 137));
    // Nothing of the body in the record's Debug.
    assert!(!format!("{:?}", server.received()).contains("alice"));
}

#[tokio::test]
async fn typed_handlers_answer_and_expectations_are_verified() {
    let server = MockServer::start().await.unwrap();
    let handle = server
        .on::<PostSessionLogout>(|call| {
            let status = if call.report.is_empty() {
                "SUCCESS"
            } else {
                "FAILED"
            };
            let response = AuthResponse {
                user_id: call.body.user_id.clone(),
                status: Some(status.into()),
                ..AuthResponse::default()
            };
            Reply::ok(response)
        })
        .expect(2);
    let answer = send(
        &server,
        "POST",
        "/session/LOGOUT",
        &[("Content-Type", "application/json")],
        JSON_REQUEST,
    )
    .await;
    assert_eq!(answer.status, 200);
    assert!(
        answer
            .text()
            .contains(r#""userID":"sample string 3","status":"SUCCESS""#),
        "{}",
        answer.text()
    );
    assert_eq!(handle.calls(), 1);
    assert_eq!(
        server.verify().unwrap_err(),
        "POST Session/Logout: expected exactly 2 calls, received 1"
    );
    logout(
        &server,
        &[("Content-Type", "application/json")],
        JSON_REQUEST,
    )
    .await;
    assert!(server.verify().is_ok());

    // A later handler takes over; error replies are HttpErrors.
    server
        .on::<PostSessionLogout>(|_| Reply::error(StatusCode::UNAUTHORIZED, "token expired"))
        .expect(Times::at_least(1));
    let answer = logout(
        &server,
        &[("Content-Type", "application/json")],
        JSON_REQUEST,
    )
    .await;
    assert_eq!(answer.status, 401);
    assert_eq!(answer.text(), r#"{"Message":"token expired"}"#);
}

#[tokio::test]
async fn unmet_expectations_panic_on_drop() {
    let outcome = tokio::spawn(async {
        let server = MockServer::start().await.unwrap();
        server
            .on::<PostSessionLogout>(|_| Reply::default_response())
            .expect(1);
        drop(server);
    })
    .await;
    let panic = outcome.expect_err("the drop panics");
    let message = panic.into_panic();
    let message = message
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    assert!(
        message.contains("POST Session/Logout: expected exactly 1 calls, received 0"),
        "{message}"
    );
}

#[tokio::test]
async fn responses_come_from_a_folder() {
    let dir = std::env::temp_dir().join(format!("h2h-mock-responses-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("Session")).unwrap();
    std::fs::write(
        dir.join("Session/Logout.xml"),
        r#"<AuthResponse xmlns="http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models"><status>FROM FILE</status></AuthResponse>"#,
    )
    .unwrap();
    let server = MockServer::builder().responses(&dir).start().await.unwrap();
    let answer = logout(
        &server,
        &[("Content-Type", "application/json")],
        JSON_REQUEST,
    )
    .await;
    assert_eq!(
        answer.text(),
        r#"{"accessToken":null,"respTime":"0001-01-01T00:00:00","userID":null,"status":"FROM FILE","respMessage":null}"#
    );
    // A file that does not read names the file and the position.
    std::fs::write(dir.join("Session/Logout.xml"), "<AuthResponse><status>").unwrap();
    let error = MockServer::builder()
        .responses(&dir)
        .start()
        .await
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("Logout.xml") && error.contains("line 1"),
        "{error}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

fn small_limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_body = 1024;
    limits.header_timeout = Duration::from_millis(500);
    limits.body_timeout = Duration::from_millis(500);
    limits.shutdown_grace = Duration::from_secs(5);
    limits
}

#[tokio::test]
async fn a_body_over_the_limit_gets_413() {
    let server = MockServer::builder()
        .limits(small_limits())
        .start()
        .await
        .unwrap();
    let big = format!(r#"{{"userID":"{}"}}"#, "x".repeat(4096));
    let answer = logout(&server, &[("Content-Type", "application/json")], &big).await;
    assert_eq!(answer.status, 413);
    assert_eq!(
        answer.text(),
        r#"{"Message":"The request body is larger than the server's limit of 1024 bytes."}"#
    );
    // Chunked, without a Content-Length: cut at the limit too.
    let addr = server.addr();
    let answer = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .write_all(b"POST /Session/Logout HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
            .unwrap();
        for _ in 0..8 {
            if stream.write_all(b"200\r\n").is_err() || stream.write_all(&[b' '; 0x200]).is_err() || stream.write_all(b"\r\n").is_err() {
                break;
            }
        }
        read_until_closed(&mut stream, Duration::from_secs(10)).0
    })
    .await
    .unwrap();
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
}

/// Reads what the server sends until it closes the connection, at most `limit`.
fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> (String, Duration) {
    let started = Instant::now();
    stream.set_read_timeout(Some(limit)).unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) => panic!("the server kept the connection open past {limit:?}: {e}"),
        }
        if started.elapsed() > limit {
            panic!("the server kept the connection open past {limit:?}");
        }
    }
    (
        String::from_utf8_lossy(&out).into_owned(),
        started.elapsed(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_client_is_cut_off() {
    let server = MockServer::builder()
        .limits(small_limits())
        .start()
        .await
        .unwrap();
    let addr = server.addr();
    tokio::task::spawn_blocking(move || {
        // Headers that never end: the connection is closed after the header timeout.
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.write_all(b"POST /Session/Logout HTTP/1.1\r\nHost: x\r\n").unwrap();
        let (_, took) = read_until_closed(&mut stream, Duration::from_secs(10));
        assert!(took >= Duration::from_millis(400), "closed after {took:?}");

        // A body that stops half way: 408 after the body timeout, and the connection closed.
        let mut stream = TcpStream::connect(addr).unwrap();
        stream
            .write_all(b"POST /Session/Logout HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"userID\":")
            .unwrap();
        let (answer, _) = read_until_closed(&mut stream, Duration::from_secs(10));
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
        assert!(answer.contains("The request body did not arrive within 0.5 s."), "{answer}");
    })
    .await
    .unwrap();
    // The server still serves.
    let answer = logout(
        &server,
        &[("Content-Type", "application/json")],
        JSON_REQUEST,
    )
    .await;
    assert_eq!(answer.status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_finishes_the_requests_in_flight() {
    let server = MockServer::builder()
        .limits(small_limits())
        .start()
        .await
        .unwrap();
    let addr = server.addr();
    // A request whose body is still arriving when the shutdown starts.
    let mut stream = TcpStream::connect(addr).unwrap();
    let head = format!(
        "POST /Session/Logout HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        JSON_REQUEST.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&JSON_REQUEST.as_bytes()[..10]).unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let shutdown = tokio::spawn(server.shutdown());
    tokio::time::sleep(Duration::from_millis(100)).await;
    // New connections are refused once the listener is gone.
    assert!(TcpStream::connect(addr).is_err(), "the listener is closed");
    assert!(
        !shutdown.is_finished(),
        "the shutdown waits for the request in flight"
    );
    let answer = tokio::task::spawn_blocking(move || {
        stream.write_all(&JSON_REQUEST.as_bytes()[10..]).unwrap();
        read_until_closed(&mut stream, Duration::from_secs(10)).0
    })
    .await
    .unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(
        answer.ends_with(&documented(Direction::Response, false)),
        "{answer}"
    );
    tokio::time::timeout(Duration::from_secs(10), shutdown)
        .await
        .unwrap()
        .unwrap();
}
