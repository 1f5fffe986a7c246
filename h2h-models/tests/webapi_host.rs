//! The generated ApiControllers in a real ASP.NET Web API: Mono's self-host
//! (`conformance/webapi/Host.cs`, System.Web.Http 4.0), started and stopped by each test on a
//! loopback port (`conformance/webapi/launch.rs`), spoken to with raw HTTP/1.1 over std's
//! `TcpStream` and read with h2h_models. No client crate is involved.
//!
//! Test protocol (see `Host.cs`): `X-H2h-Respond` carries the response value the test wants
//! (base64 of its JSON), `X-H2h-Bound` brings back what the server bound from the request
//! (base64 of the JSON formatter's output), `X-H2h-Throw: 1` makes the action throw.
//!
//! The status cases pin what Mono's Web API 4.0 answered, byte for byte where the body is
//! stable; `conformance/webapi/README.md` lists what Web API 5 answers instead.
//!
//! Without Mono or its Web API packages every test prints a loud SKIPPED warning and passes,
//! except under `CI=true`, where that fails.

#[path = "../../conformance/webapi/launch.rs"]
mod launch;

use std::io::{Read as _, Write as _};
use std::marker::PhantomData;
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::Duration;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use h2h_models::json::{JsonValue, Ser};
use h2h_models::xml::XmlValue;
use h2h_models::{catalog, endpoints, ContractVisitor, DataContract};
use h2h_schema::ir::{self, Direction};

/// Starts the server of a schema target, or `None` (skipped) without Mono outside CI.
fn start(target: &str) -> Option<launch::WebApi> {
    match launch::WebApi::start_target(target) {
        Ok(Some(server)) => {
            eprintln!(
                "webapi {target}: host {}, started in {:?}",
                server
                    .build_time
                    .map_or("already built".to_owned(), |t| format!("built in {t:?}")),
                server.start_time
            );
            Some(server)
        }
        Ok(None) => None,
        Err(e) => panic!("{e}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Raw HTTP/1.1.

/// What came back.
#[derive(Debug)]
struct Response {
    status: u16,
    /// The status line's reason phrase (Mono's HttpListener sends none for 200).
    reason: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One request on its own connection (`Connection: close`). `body: Some` sends a
/// Content-Length (also `Some(b"")`, 0).
fn send(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&[u8]>,
) -> Response {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(10))
        .unwrap_or_else(|e| panic!("connect {addr}: {e}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    stream
        .set_write_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut head = format!("{method} /{path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(body) = body {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    if let Some(body) = body {
        stream.write_all(body).unwrap();
    }
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .unwrap_or_else(|e| panic!("{method} /{path}: reading the response: {e}"));
    parse_response(&raw).unwrap_or_else(|e| {
        panic!(
            "{method} /{path}: {e} in {:?}",
            String::from_utf8_lossy(&raw)
        )
    })
}

fn parse_response(raw: &[u8]) -> Result<Response, String> {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no end of headers")?;
    let head = std::str::from_utf8(&raw[..end]).map_err(|e| e.to_string())?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().ok_or("no status line")?;
    let rest = status_line
        .strip_prefix("HTTP/1.1 ")
        .ok_or("not HTTP/1.1")?;
    let (code, reason) = rest.split_once(' ').unwrap_or((rest, ""));
    let status = code.parse().map_err(|_| format!("status {code:?}"))?;
    let headers: Vec<(String, String)> = lines
        .map(|line| {
            let (name, value) = line.split_once(':').unwrap_or((line, ""));
            (name.trim().to_owned(), value.trim().to_owned())
        })
        .collect();
    let mut response = Response {
        status,
        reason: reason.to_owned(),
        headers,
        body: Vec::new(),
    };
    let body = &raw[end + 4..];
    response.body = match response.header("Content-Length") {
        Some(n) => {
            let n: usize = n.parse().map_err(|_| format!("Content-Length {n:?}"))?;
            body.get(..n)
                .ok_or("body shorter than Content-Length")?
                .to_vec()
        }
        None if response
            .header("Transfer-Encoding")
            .is_some_and(|t| t.eq_ignore_ascii_case("chunked")) =>
        {
            dechunk(body)?
        }
        None => body.to_vec(),
    };
    Ok(response)
}

fn dechunk(mut body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let line_end = body
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or("unterminated chunk size")?;
        let size = std::str::from_utf8(&body[..line_end]).map_err(|e| e.to_string())?;
        let size = usize::from_str_radix(size.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|_| format!("chunk size {size:?}"))?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Ok(out);
        }
        out.extend_from_slice(body.get(..size).ok_or("short chunk")?);
        body = body.get(size + 2..).ok_or("chunk without CRLF")?;
    }
}

fn base64_header(response: &Response, name: &str) -> Vec<u8> {
    let value = response
        .header(name)
        .unwrap_or_else(|| panic!("no {name} in {response:?}"));
    BASE64
        .decode(value)
        .unwrap_or_else(|e| panic!("{name} is not base64 ({e}): {value:?}"))
}

// ---------------------------------------------------------------------------------------------
// Body types chosen at run time, from the catalog.

/// A value shown as h2h_models writes it in both formats: two values are the same when
/// both texts are.
#[derive(Debug, Clone, PartialEq)]
struct Shown {
    xml: String,
    json: String,
}

/// A body type: reads a body in either format.
trait Body {
    fn read(&self, xml: bool, bytes: &[u8]) -> Result<Shown, String>;
}

struct Typed<T>(PhantomData<fn() -> T>);

impl<T: XmlValue + JsonValue> Body for Typed<T> {
    fn read(&self, xml: bool, bytes: &[u8]) -> Result<Shown, String> {
        let value: T = if xml {
            h2h_models::xml::from_slice(bytes).map_err(|e| e.to_string())?
        } else {
            h2h_models::json::from_slice::<FromJson<T>>(bytes)
                .map_err(|e| e.to_string())?
                .0
        };
        Ok(Shown {
            xml: h2h_models::xml::to_string(&value).map_err(|e| e.to_string())?,
            json: json_of(&value),
        })
    }
}

/// Any body type (a list, a dictionary) read by Json.NET's rules through serde.
struct FromJson<T>(T);

impl<'de, T: JsonValue> serde::Deserialize<'de> for FromJson<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::read_json(deserializer).map(FromJson)
    }
}

/// The JSON h2h_models writes for any body type.
fn json_of<T: JsonValue>(value: &T) -> String {
    h2h_models::json::to_string(&Ser(value)).unwrap_or_else(|e| panic!("{e}"))
}

struct ContractBody;

impl ContractVisitor for ContractBody {
    type Output = Box<dyn Body>;
    fn visit<T: DataContract + 'static>(self) -> Box<dyn Body> {
        Box::new(Typed::<T>(PhantomData))
    }
}

struct ListBody;

impl ContractVisitor for ListBody {
    type Output = Box<dyn Body>;
    fn visit<T: DataContract + 'static>(self) -> Box<dyn Body> {
        Box::new(Typed::<Vec<Option<T>>>(PhantomData))
    }
}

/// The value as .NET holds it once bound: what its XML carries. Members .NET never reads
/// (a get-only or private-set property, which Json.NET writes and h2h_models keeps when it
/// reads JSON) are what DCS's XML leaves out; the other members are the same.
fn as_dotnet_holds_it(body: &dyn Body, value: &Shown) -> Shown {
    body.read(true, value.xml.as_bytes())
        .unwrap_or_else(|e| panic!("our own XML does not read back: {e}"))
}

fn full_name(contract: &ir::Contract) -> String {
    if contract.clr_namespace.is_empty() {
        contract.clr_name.clone()
    } else {
        format!("{}.{}", contract.clr_namespace, contract.clr_name)
    }
}

/// The body type of an endpoint's request or response, from h2h_models' catalog.
fn body(api: &ir::Api, ty: &ir::Type) -> Box<dyn Body> {
    let found = match ty {
        ir::Type::Contract(id) => {
            catalog::visit_contract(&full_name(api.contract(*id)), ContractBody)
        }
        ir::Type::Collection(_, item) => match &**item {
            ir::Type::Contract(id) => {
                catalog::visit_contract(&full_name(api.contract(*id)), ListBody)
            }
            other => panic!("body type List<{other:?}>: add a case to `body`"),
        },
        other => panic!("body type {other:?}: add a case to `body`"),
    };
    found.unwrap_or_else(|| {
        panic!("{ty:?} is not in the generated catalog: run `cargo xtask regenerate`")
    })
}

fn schema() -> ir::Api {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    h2h_schema::load_dir(&root.join("schema/api"), &root).unwrap_or_else(|e| panic!("{e}"))
}

/// The schema's endpoint of every entry of the catalog (`h2h_models::endpoints::ALL`).
fn catalog_endpoints(api: &ir::Api) -> Vec<&ir::Endpoint> {
    assert!(!endpoints::ALL.is_empty());
    endpoints::ALL
        .iter()
        .map(|(method, route)| {
            api.endpoints
                .iter()
                .find(|e| e.method == method.as_str() && e.route == *route)
                .unwrap_or_else(|| {
                    panic!(
                        "{} {route} of the catalog is not in the schema",
                        method.as_str()
                    )
                })
        })
        .collect()
}

/// The request path of a route (`{parameter}`s as `1`).
fn path_of(route: &str) -> String {
    let mut path = String::new();
    let mut rest = route;
    while let Some(open) = rest.find('{') {
        path.push_str(&rest[..open]);
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c + 1);
        path.push('1');
        rest = &rest[close..];
    }
    path.push_str(rest);
    path
}

fn is_xml(media_type: &str) -> bool {
    media_type.to_ascii_lowercase().contains("xml")
}

// ---------------------------------------------------------------------------------------------
// Round trips.

/// Every documented endpoint of the catalog, every request and response media type it
/// documents: the documented request sample, sent verbatim and as h2h_models writes it, is
/// what the server binds (its `X-H2h-Bound` reads back to the same value), and the documented
/// response sample, asked for in `X-H2h-Respond`, is what h2h_models reads from the body the
/// negotiated formatter wrote.
#[test]
fn documented_samples_round_trip() {
    let Some(server) = start("api") else { return };
    let api = schema();
    let mut checked = 0;
    for endpoint in catalog_endpoints(&api) {
        let (Some(request_ty), Some(response_ty)) = (&endpoint.request, &endpoint.response) else {
            continue;
        };
        let documented = |direction: Direction, xml: bool| {
            endpoint
                .samples
                .iter()
                .find(|s| s.direction == direction && if xml { s.is_xml() } else { s.is_json() })
                .map(|s| s.text.as_bytes())
        };
        let Some(response_json) = documented(Direction::Response, false) else {
            continue;
        };
        let request_body = body(&api, request_ty);
        let response_body = body(&api, response_ty);
        let response = response_body
            .read(false, response_json)
            .unwrap_or_else(|e| panic!("the documented response sample: {e}"));
        let respond = BASE64.encode(&response.json);
        let path = path_of(&endpoint.route);

        for content_type in &endpoint.request_formats {
            let xml = is_xml(content_type);
            let Some(sample) = documented(Direction::Request, xml) else {
                continue;
            };
            let sent = request_body
                .read(xml, sample)
                .unwrap_or_else(|e| panic!("the documented request sample ({content_type}): {e}"));
            let expected_bound = as_dotnet_holds_it(&*request_body, &sent);
            let ours = if xml { &sent.xml } else { &sent.json };
            for (what, bytes) in [("documented", sample), ("h2h_models", ours.as_bytes())] {
                for accept in &endpoint.response_formats {
                    let case = format!(
                        "{} {} with the {what} {content_type} body, Accept {accept}",
                        endpoint.method, endpoint.route
                    );
                    let answer = send(
                        server.addr(),
                        &endpoint.method,
                        &path,
                        &[
                            ("Content-Type", content_type),
                            ("Accept", accept),
                            ("X-H2h-Respond", &respond),
                        ],
                        Some(bytes),
                    );
                    assert_eq!(answer.status, 200, "{case}: {answer:?}\n{}", server.log());
                    assert_eq!(
                        answer.reason, "",
                        "{case}: Mono sends no reason phrase for 200"
                    );
                    assert_eq!(
                        answer.header("Content-Type"),
                        Some(format!("{accept}; charset=utf-8").as_str()),
                        "{case}"
                    );
                    let bound = base64_header(&answer, "X-H2h-Bound");
                    let bound = request_body.read(false, &bound).unwrap_or_else(|e| {
                        panic!(
                            "{case}: X-H2h-Bound {:?}: {e}",
                            String::from_utf8_lossy(&bound)
                        )
                    });
                    assert_eq!(bound, expected_bound, "{case}: what the server bound");
                    let got = response_body
                        .read(is_xml(accept), &answer.body)
                        .unwrap_or_else(|e| panic!("{case}: body {:?}: {e}", answer.text()));
                    assert_eq!(got, response, "{case}: the response body");
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 0, "no documented endpoint was checked");
    eprintln!("webapi: {checked} round trips");
}

// ---------------------------------------------------------------------------------------------
// Status cases.

const DCS_STRING: &str = "http://schemas.microsoft.com/2003/10/Serialization/";

/// 404, 405, 400 and 500 as Mono's Web API 4.0 answers them, in JSON and in XML (by Accept),
/// for the first endpoint of the catalog that takes a body.
#[test]
fn status_cases_as_mono_answers_them() {
    let Some(server) = start("api") else { return };
    let api = schema();
    let endpoint = catalog_endpoints(&api)
        .into_iter()
        .find(|e| e.request.is_some())
        .expect("an endpoint with a request body");
    let Some(ir::Type::Contract(request_id)) = &endpoint.request else {
        panic!("the request body is a contract");
    };
    let request_type = api.contract(*request_id);
    let path = path_of(&endpoint.route);
    let (controller, action) = endpoint.route.split_once('/').expect("Controller/Action");
    let action = action.split('/').next().unwrap_or(action);
    let json = [
        ("Content-Type", "application/json"),
        ("Accept", "application/json"),
    ];
    let xml = [
        ("Content-Type", "application/xml"),
        ("Accept", "application/xml"),
    ];
    let valid = b"{}";

    // An unknown controller: 404, the message as a string (Web API 5: an HttpError).
    let unknown = format!("H2hNoSuch/{action}");
    let answer = send(
        server.addr(),
        &endpoint.method,
        &unknown,
        &json,
        Some(valid),
    );
    assert_eq!((answer.status, answer.reason.as_str()), (404, "Not Found"));
    assert_eq!(
        answer.text(),
        "\"No type was found that matches the controller named 'H2hNoSuch'.\""
    );
    let answer = send(
        server.addr(),
        &endpoint.method,
        &unknown,
        &xml,
        Some(b"<x/>"),
    );
    assert_eq!(answer.status, 404);
    assert_eq!(
        answer.text(),
        format!(
            "<string xmlns=\"{DCS_STRING}\">No type was found that matches the controller named 'H2hNoSuch'.</string>"
        )
    );

    // An unknown action of a known controller: 404.
    let answer = send(
        server.addr(),
        &endpoint.method,
        &format!("{controller}/H2hNoSuch"),
        &json,
        Some(valid),
    );
    assert_eq!(answer.status, 404);
    assert_eq!(
        answer.text(),
        format!("\"No action was found on the controller '{controller}' that matches the name 'H2hNoSuch'.\"")
    );

    // A method the route does not allow: 405, no Allow header (Web API 5 sends one).
    let wrong = ["GET", "PUT", "DELETE", "POST"]
        .into_iter()
        .find(|m| {
            !api.endpoints
                .iter()
                .any(|e| e.route == endpoint.route && e.method == *m)
        })
        .expect("a method the route does not allow");
    let answer = send(
        server.addr(),
        wrong,
        &path,
        &[("Accept", "application/json")],
        None,
    );
    assert_eq!(
        (answer.status, answer.reason.as_str()),
        (405, "Method Not Allowed")
    );
    assert_eq!(
        answer.text(),
        format!("\"The requested resource does not support http method '{wrong}'.\"")
    );
    assert_eq!(answer.header("Allow"), None);
    let answer = send(
        server.addr(),
        wrong,
        &path,
        &[("Accept", "application/xml")],
        None,
    );
    assert_eq!(answer.status, 405);
    assert_eq!(
        answer.text(),
        format!("<string xmlns=\"{DCS_STRING}\">The requested resource does not support http method '{wrong}'.</string>")
    );

    // An unreadable body: the formatter's error in ModelState, answered by the controller's
    // CreateErrorResponse(BadRequest, ModelState) as an HttpError, the shape Web API 5 writes
    // (its messages come from newer Json.NET and .NET's XmlException: README).
    let answer = send(server.addr(), &endpoint.method, &path, &json, Some(b"{bad"));
    assert_eq!(
        (answer.status, answer.reason.as_str()),
        (400, "Bad Request")
    );
    assert_eq!(
        answer.text(),
        "{\"Message\":\"The request is invalid.\",\"ModelState\":{\"request\":\
         [\"Unexpected end while parsing unquoted property name. Line 1, position 4.\"]}}"
    );
    assert_eq!(
        answer.header("Content-Type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(answer.header("Connection"), Some("close"));
    let answer = send(server.addr(), &endpoint.method, &path, &xml, Some(b"<bad"));
    assert_eq!(answer.status, 400);
    assert_eq!(
        answer.text(),
        format!(
            "<Error><Message>The request is invalid.</Message><ModelState><request>There was an \
             error deserializing the object of type {}. Unexpected end of file. Following \
             elements are not closed: bad. Line 1, position 5.</request></ModelState></Error>",
            full_name(request_type)
        )
    );

    // No body where the endpoint takes one: our model error, the same HttpError.
    let answer = send(server.addr(), &endpoint.method, &path, &json, Some(b""));
    assert_eq!(answer.status, 400);
    assert_eq!(
        answer.text(),
        "{\"Message\":\"The request is invalid.\",\"ModelState\":{\"request\":[\"A request body is required.\"]}}"
    );
    let answer = send(server.addr(), &endpoint.method, &path, &xml, Some(b""));
    assert_eq!(answer.status, 400);
    assert_eq!(
        answer.text(),
        "<Error><Message>The request is invalid.</Message><ModelState><request>A request body is required.</request></ModelState></Error>"
    );

    // The action throws: 500 with the exception's type, message and stack trace under
    // IncludeErrorDetailPolicy.Always; Mono's keys are ExceptionType, Message (the
    // exception's), StackTrace (Web API 5: Message "An error has occurred.",
    // ExceptionMessage, ExceptionType, StackTrace).
    let throw = [json[0], json[1], ("X-H2h-Throw", "1")];
    let answer = send(server.addr(), &endpoint.method, &path, &throw, Some(valid));
    assert_eq!(
        (answer.status, answer.reason.as_str()),
        (500, "Internal Server Error")
    );
    assert_eq!(answer.header("Connection"), Some("close"));
    let text = answer.text();
    assert!(
        text.starts_with(
            "{\"ExceptionType\":\"System.InvalidOperationException\",\"Message\":\"X-H2h-Throw: "
        ) && text.contains(" threw as the test asked\",\"StackTrace\":\"")
            && text.ends_with("\",\"InnerException\":null}"),
        "{text}"
    );
    let error: serde_json::Value =
        serde_json::from_slice(&answer.body).unwrap_or_else(|e| panic!("500 body {text:?}: {e}"));
    let error = error.as_object().expect("an object");
    assert_eq!(error.len(), 4, "{error:?}");
    assert_eq!(error["ExceptionType"], "System.InvalidOperationException");
    let message = error["Message"].as_str().unwrap();
    assert!(
        message.starts_with("X-H2h-Throw: ") && message.ends_with(" threw as the test asked"),
        "{message}"
    );
    assert!(
        error["StackTrace"]
            .as_str()
            .unwrap()
            .contains("Protocol.ThrowIfAsked"),
        "{error:?}"
    );
    let throw = [xml[0], xml[1], ("X-H2h-Throw", "1")];
    let answer = send(
        server.addr(),
        &endpoint.method,
        &path,
        &throw,
        Some(b"<x/>"),
    );
    assert_eq!(answer.status, 500);
    let text = answer.text();
    assert!(
        text.starts_with(
            "<Exception xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" \
             xmlns=\"http://schemas.datacontract.org/2004/07/System.Web.Http.Dispatcher\">\
             <ExceptionType>System.InvalidOperationException</ExceptionType>\
             <Message>X-H2h-Throw: "
        ) && text.contains(" threw as the test asked</Message><StackTrace>")
            && text.ends_with("</StackTrace></Exception>"),
        "{text}"
    );

    // A media type no formatter reads: 500 (Web API 5: 415 Unsupported Media Type).
    let answer = send(
        server.addr(),
        &endpoint.method,
        &path,
        &[
            ("Content-Type", "text/plain"),
            ("Accept", "application/json"),
        ],
        Some(b"x"),
    );
    assert_eq!(answer.status, 500);
    let error: serde_json::Value = serde_json::from_slice(&answer.body).unwrap();
    assert_eq!(error["ExceptionType"], "System.InvalidOperationException");
    assert_eq!(
        error["Message"],
        format!(
            "No MediaTypeFormatter is available to read an object of type '{}' from content with media type 'text/plain'.",
            request_type.clr_name
        )
    );
}

// ---------------------------------------------------------------------------------------------
// Another schema: nothing in the controllers is special to Session/Logout.

/// The test schema `all-types` has a GET with a URI parameter segment and no body
/// (`api/Scalars/{id}`) and a PUT of a list answered by a dictionary (`api/Collections`):
/// both round-trip through their generated actions with the help page's sample values.
#[test]
fn another_schemas_endpoints_round_trip() {
    use h2h_models::sample::{self, HelpPageSample};
    use h2h_models::Endpoint;
    use h2h_test_models::all_types::endpoints::{GetApiScalarsId, PutApiCollections};

    let Some(server) = start("all_types") else {
        return;
    };

    fn sample_of<T: HelpPageSample>() -> T {
        sample::generate::<T>(sample::SEED_NOW).unwrap()
    }
    fn shown<T: XmlValue + JsonValue>(xml: bool, bytes: &[u8]) -> Shown {
        Typed::<T>(PhantomData)
            .read(xml, bytes)
            .unwrap_or_else(|e| panic!("{e}: {:?}", String::from_utf8_lossy(bytes)))
    }

    // GET api/Scalars/{id}: no body; the URI parameter is bound.
    type Scalars = <GetApiScalarsId as Endpoint>::Response;
    let mut value: Scalars = sample_of();
    // Mono's Json.NET writes a Uri as Uri.ToString(), which adds the slash of an empty path
    // (Web API 5's writes the original string): a value that is its own normal form.
    value.link = Some(h2h_models::Uri::new("http://webapihelppage19.com/"));
    let expected = shown::<Scalars>(false, json_of(&value).as_bytes());
    let path = GetApiScalarsId::ROUTE.replace("{id}", "7");
    for accept in ["application/json", "application/xml"] {
        let answer = send(
            server.addr(),
            GetApiScalarsId::METHOD.as_str(),
            &path,
            &[
                ("Accept", accept),
                ("X-H2h-Respond", &BASE64.encode(&expected.json)),
            ],
            None,
        );
        assert_eq!(answer.status, 200, "{answer:?}\n{}", server.log());
        assert_eq!(answer.header("X-H2h-Bound"), None);
        assert_eq!(base64_header(&answer, "X-H2h-Bound-Uri"), b"{\"id\":7}");
        assert_eq!(
            shown::<Scalars>(is_xml(accept), &answer.body),
            expected,
            "{accept}"
        );
    }

    // PUT api/Collections: a list body, a dictionary response.
    type Items = <PutApiCollections as Endpoint>::Request;
    type Counts = <PutApiCollections as Endpoint>::Response;
    let items: Items = sample_of();
    let counts: Counts = sample_of();
    let sent = shown::<Items>(false, json_of(&items).as_bytes());
    let answer_value = shown::<Counts>(false, json_of(&counts).as_bytes());
    for (content_type, body) in [
        ("application/json", &sent.json),
        ("application/xml", &sent.xml),
    ] {
        for accept in ["application/json", "application/xml"] {
            let answer = send(
                server.addr(),
                PutApiCollections::METHOD.as_str(),
                PutApiCollections::ROUTE,
                &[
                    ("Content-Type", content_type),
                    ("Accept", accept),
                    ("X-H2h-Respond", &BASE64.encode(&answer_value.json)),
                ],
                Some(body.as_bytes()),
            );
            let case = format!("PUT {} {content_type} → {accept}", PutApiCollections::ROUTE);
            assert_eq!(answer.status, 200, "{case}: {answer:?}\n{}", server.log());
            assert_eq!(
                shown::<Items>(false, &base64_header(&answer, "X-H2h-Bound")),
                as_dotnet_holds_it(&Typed::<Items>(PhantomData), &sent),
                "{case}: what the server bound (Money.issuer has a private setter: not read)"
            );
            assert_eq!(
                shown::<Counts>(is_xml(accept), &answer.body),
                answer_value,
                "{case}"
            );
        }
    }
}
