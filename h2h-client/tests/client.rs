//! The client against small scripted servers on loopback (no .NET needed): formats and
//! headers on the wire, decoding by the answer's media type, timeouts, hooks, retries, Web
//! API's error bodies, and no secret in any log line, error text or `Debug` output. The real
//! ASP.NET Web API server judges the client in `tests/webapi.rs`.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use h2h_client::{CallOptions, Client, Error, Format, RetryPolicy};
use h2h_models::{AuthRequest, AuthResponse, Language};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// One request as the server read it.
#[derive(Debug, Clone)]
struct Seen {
    head: String,
    body: Vec<u8>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
        })
    }
}

/// A server on 127.0.0.1 that answers each connection with the next scripted answer (raw
/// HTTP/1.1 bytes; `None`: accept and never answer) and records what it read.
struct Scripted {
    base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

async fn serve(answers: Vec<Option<Vec<u8>>>) -> Scripted {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    tokio::spawn(async move {
        for answer in answers {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let mut data = Vec::new();
            let mut buf = [0u8; 4096];
            // Read the head, then Content-Length bytes of body (bounded by the test's data).
            let head_end = loop {
                let n = socket.read(&mut buf).await.unwrap_or(0);
                if n == 0 {
                    break None;
                }
                data.extend_from_slice(&buf[..n]);
                if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
                    break Some(i + 4);
                }
            };
            let Some(head_end) = head_end else { continue };
            let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
            let length: usize = head
                .lines()
                .find_map(|l| {
                    let (n, v) = l.split_once(':')?;
                    n.eq_ignore_ascii_case("content-length")
                        .then(|| v.trim().parse().ok())?
                })
                .unwrap_or(0);
            while data.len() < head_end + length {
                let n = socket.read(&mut buf).await.unwrap_or(0);
                if n == 0 {
                    break;
                }
                data.extend_from_slice(&buf[..n]);
            }
            let body = data[head_end..].to_vec();
            record.lock().unwrap().push(Seen { head, body });
            match answer {
                Some(bytes) => {
                    let _ = socket.write_all(&bytes).await;
                    let _ = socket.shutdown().await;
                }
                None => {
                    // Hold the connection open and never answer.
                    tokio::time::sleep(Duration::from_secs(60)).await;
                }
            }
        }
    });
    Scripted { base, seen }
}

fn answer(status: &str, content_type: &str, body: &[u8]) -> Option<Vec<u8>> {
    let mut bytes = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    bytes.extend_from_slice(body);
    Some(bytes)
}

/// The documented response sample (schema/api/session.toml) in both formats: what DCS and
/// Json.NET write for it.
const RESPONSE_XML: &str = r#"<AuthResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models"><accessToken i:nil="true" /><respMessage>sample string 5</respMessage><respTime>2025-01-23T00:09:38.9648983+07:00</respTime><status>sample string 4</status><userID>sample string 3</userID><accessToken>sample string 1</accessToken></AuthResponse>"#;
const RESPONSE_JSON: &str = r#"{"accessToken":"sample string 1","respTime":"2025-01-23T00:09:38.9648983+07:00","userID":"sample string 3","status":"sample string 4","respMessage":"sample string 5"}"#;

fn secret_request() -> AuthRequest {
    AuthRequest {
        token: Some("T0KEN-SECRET".into()),
        security_code: Some("CODE-SECRET".into()),
        access_token: Some("ACCESS-SECRET".into()),
        user_id: Some("alice".into()),
        language: Language::Id,
    }
}

const SECRETS: [&str; 3] = ["T0KEN-SECRET", "CODE-SECRET", "ACCESS-SECRET"];

#[tokio::test]
async fn each_format_sends_its_headers_and_the_exact_bytes() {
    for format in [Format::Xml, Format::Json] {
        let (body, content_type) = match format {
            Format::Xml => (RESPONSE_XML, "application/xml; charset=utf-8"),
            Format::Json => (RESPONSE_JSON, "application/json; charset=utf-8"),
        };
        let server = serve(vec![answer("200 OK", content_type, body.as_bytes())]).await;
        let client = Client::builder(&server.base)
            .format(format)
            .build()
            .unwrap();
        let request = secret_request();
        let response = client.session_logout(&request).await.unwrap();
        assert_eq!(response.value.status.as_deref(), Some("sample string 4"));
        assert_eq!(response.format, Some(format));
        let seen = server.seen.lock().unwrap()[0].clone();
        assert!(
            seen.head.starts_with("POST /Session/Logout HTTP/1.1\r\n"),
            "{}",
            seen.head
        );
        assert_eq!(
            seen.header("content-type").as_deref(),
            Some(format.content_type())
        );
        assert_eq!(seen.header("accept").as_deref(), Some(format.media_type()));
        assert!(seen
            .header("user-agent")
            .unwrap()
            .starts_with("h2h-client/"));
        let written = match format {
            Format::Xml => h2h_models::xml::to_vec(&request).unwrap(),
            Format::Json => h2h_models::json::to_vec(&request).unwrap(),
        };
        assert_eq!(seen.body, written);
        assert_eq!(response.exchange.request_body, written);
        assert_eq!(
            response.exchange.received.as_ref().unwrap().body,
            body.as_bytes()
        );
    }
}

#[tokio::test]
async fn an_xml_answer_to_a_json_request_is_read_as_xml() {
    let server = serve(vec![answer("200 OK", "text/xml", RESPONSE_XML.as_bytes())]).await;
    let client = Client::builder(&server.base)
        .format(Format::Json)
        .build()
        .unwrap();
    let response = client.session_logout(&secret_request()).await.unwrap();
    assert_eq!(response.format, Some(Format::Xml));
    let want: AuthResponse = h2h_models::json::from_str(RESPONSE_JSON).unwrap();
    assert!(response.value == want);
    // UTF-16 with a byte order mark, as Web API writes for `Accept-Charset: utf-16`.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(RESPONSE_JSON.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let server = serve(vec![answer(
        "200 OK",
        "application/json; charset=utf-16",
        &utf16,
    )])
    .await;
    let client = Client::builder(&server.base).build().unwrap();
    let response = client.session_logout(&secret_request()).await.unwrap();
    assert!(response.value == want);
}

#[tokio::test]
async fn a_server_that_never_answers_is_a_timeout_within_the_configured_time() {
    let server = serve(vec![None]).await;
    let client = Client::builder(&server.base)
        .timeout(Duration::from_millis(500))
        .build()
        .unwrap();
    let started = Instant::now();
    let error = client.session_logout(&secret_request()).await.unwrap_err();
    let elapsed = started.elapsed();
    assert!(error.is_timeout(), "{error}");
    assert!(elapsed >= Duration::from_millis(500), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
    assert!(
        error.to_string().contains("no answer within 500ms"),
        "{error}"
    );
}

#[tokio::test]
async fn hooks_see_the_bytes_and_can_sign_them() {
    let server = serve(vec![answer(
        "200 OK",
        "application/json",
        RESPONSE_JSON.as_bytes(),
    )])
    .await;
    let audit = Arc::new(Mutex::new(Vec::new()));
    let log = audit.clone();
    let client = Client::builder(&server.base)
        .format(Format::Json)
        .before_send(|outgoing| {
            let signature = format!("len={}", outgoing.body.len());
            outgoing
                .headers
                .insert("x-signature", signature.parse().unwrap());
        })
        .after_receive(move |exchange| {
            let received = exchange.received.as_ref().unwrap();
            log.lock()
                .unwrap()
                .push((exchange.request_body.len(), received.body.len()));
        })
        .build()
        .unwrap();
    let request = secret_request();
    client.session_logout(&request).await.unwrap();
    let sent = h2h_models::json::to_vec(&request).unwrap();
    let seen = server.seen.lock().unwrap()[0].clone();
    assert_eq!(
        seen.header("x-signature"),
        Some(format!("len={}", sent.len()))
    );
    assert_eq!(*audit.lock().unwrap(), [(sent.len(), RESPONSE_JSON.len())]);
}

#[tokio::test]
async fn web_api_errors_come_back_typed() {
    let http_error = br#"{"Message":"The request is invalid.","ModelState":{"request.token":["Error converting value \"T0KEN-SECRET\""]}}"#;
    let server = serve(vec![
        answer("400 Bad Request", "application/json; charset=utf-8", http_error),
        answer("404 Not Found", "application/xml; charset=utf-8", b"<string xmlns=\"http://schemas.microsoft.com/2003/10/Serialization/\">No HTTP resource was found</string>"),
        answer("200 OK", "application/json", b"{\"respTime\": \"not a date\"}"),
        answer("200 OK", "text/plain", b"hello"),
    ])
    .await;
    let client = Client::builder(&server.base)
        .format(Format::Json)
        .build()
        .unwrap();
    let request = secret_request();
    let error = client.session_logout(&request).await.unwrap_err();
    let Error::Status {
        status, http_error, ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(status.as_u16(), 400);
    let http_error = http_error.as_ref().unwrap();
    assert_eq!(
        http_error.message.as_deref(),
        Some("The request is invalid.")
    );
    assert_eq!(http_error.model_state[0].0, "request.token");
    assert!(
        error
            .to_string()
            .contains("400 Bad Request: The request is invalid."),
        "{error}"
    );

    let error = client.session_logout(&request).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert!(matches!(
        &error,
        Error::Status {
            http_error: None,
            ..
        }
    ));

    let error = client.session_logout(&request).await.unwrap_err();
    let Error::Decode { error: body, .. } = &error else {
        panic!("{error:?}")
    };
    let text = body.to_string();
    assert!(text.contains("respTime"), "{text}");
    assert!(text.contains("line 1"), "{text}");

    let error = client.session_logout(&request).await.unwrap_err();
    assert!(matches!(&error, Error::Decode { .. }), "{error:?}");
    assert!(error.to_string().contains("text/plain"), "{error}");
}

/// A `GET` endpoint of our own, to see retries (the API's one endpoint is a `POST`).
struct GetStatus;

impl datacontract::Endpoint for GetStatus {
    const METHOD: datacontract::Method = datacontract::Method::Get;
    const ROUTE: &'static str = "Status";
    const SUMMARY: &'static str = "";
    type Request = ();
    type Response = AuthResponse;
    type Parameters = ();
    const REQUEST_MEDIA_TYPES: &'static [&'static str] = &[];
    const RESPONSE_MEDIA_TYPES: &'static [&'static str] = &["application/json"];
}

#[tokio::test]
async fn only_idempotent_calls_are_retried_and_only_when_asked() {
    let unavailable = || answer("503 Service Unavailable", "text/plain", b"busy");
    let ok = || answer("200 OK", "application/json", RESPONSE_JSON.as_bytes());
    let mut retry = RetryPolicy::new(3);
    retry.initial_backoff = Duration::from_millis(10);
    // A GET with the policy: retried until it succeeds.
    let server = serve(vec![unavailable(), unavailable(), ok()]).await;
    let client = Client::builder(&server.base).retry(retry).build().unwrap();
    let response = client.call::<GetStatus>(&(), &()).await.unwrap();
    assert_eq!(response.value.user_id.as_deref(), Some("sample string 3"));
    assert_eq!(server.seen.lock().unwrap().len(), 3);
    assert!(server.seen.lock().unwrap()[0]
        .head
        .starts_with("GET /Status "));
    // A POST with the same policy: sent once.
    let server = serve(vec![unavailable(), ok()]).await;
    let client = Client::builder(&server.base).retry(retry).build().unwrap();
    let error = client.session_logout(&secret_request()).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(server.seen.lock().unwrap().len(), 1);
    // A GET without a policy: sent once.
    let server = serve(vec![unavailable(), ok()]).await;
    let client = Client::builder(&server.base).build().unwrap();
    assert!(client.call::<GetStatus>(&(), &()).await.is_err());
    assert_eq!(server.seen.lock().unwrap().len(), 1);
}

/// A `tracing` writer into a buffer.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn no_secret_in_any_log_line_error_text_or_debug_output() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let echo = format!(
        r#"{{"Message":"An error has occurred.","ExceptionMessage":"bad token {}","ExceptionType":"System.Exception","StackTrace":"at {}"}}"#,
        SECRETS[0], SECRETS[1]
    );
    let response_with_secrets = format!(
        r#"{{"accessToken":"{}","respTime":"2025-01-23T00:09:38+07:00","userID":"u","status":"s","respMessage":"m","extra":"{}"}}"#,
        SECRETS[2], SECRETS[0]
    );
    let server = serve(vec![
        answer(
            "200 OK",
            "application/json",
            response_with_secrets.as_bytes(),
        ),
        answer(
            "500 Internal Server Error",
            "application/json",
            echo.as_bytes(),
        ),
        answer(
            "200 OK",
            "application/json",
            format!(r#"{{"accessToken":{{"x":"{}"}}}}"#, SECRETS[2]).as_bytes(),
        ),
        None,
    ])
    .await;
    let client = Client::builder(&server.base)
        .format(Format::Json)
        .timeout(Duration::from_millis(300))
        .default_header("Authorization", format!("Bearer {}", SECRETS[1]))
        .build()
        .unwrap();
    let request = secret_request();
    let mut texts = vec![format!("{client:?}"), format!("{request:?}")];
    let response = client
        .call_with::<h2h_models::endpoints::PostSessionLogout>(
            &(),
            &request,
            &CallOptions::default().header("X-Api-Key", SECRETS[0]),
        )
        .await
        .unwrap();
    texts.push(format!("{response:?}"));
    texts.push(response.report.to_string());
    for _ in 0..3 {
        let error = client.session_logout(&request).await.unwrap_err();
        texts.push(error.to_string());
        texts.push(format!("{error:?}"));
    }
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("h2h.call"), "the span is logged: {log}");
    assert!(log.contains("route=\"Session/Logout\""), "{log}");
    texts.push(log);
    for text in &texts {
        for secret in SECRETS {
            assert!(!text.contains(secret), "{secret} in: {text}");
        }
    }
    // The bytes are there for whoever asks for them.
    assert!(String::from_utf8_lossy(&response.exchange.request_body).contains(SECRETS[0]));
}
