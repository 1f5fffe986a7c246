//! The client's round trips, for any server that speaks the test protocol of
//! `conformance/webapi/README.md` (`X-H2h-Respond` in, `X-H2h-Bound` and `X-H2h-Bound-Uri`
//! out): the real Web API server on Mono (`tests/webapi.rs`) and the mock server
//! (`h2h-mock/tests/client_suite.rs`, whose handlers speak it).
//!
//! For every endpoint of a schema target and both formats, generated values go both ways in
//! one call: the server reports what it bound from the client's request, which must be the
//! value sent as .NET holds it; and it answers the response value the test chose, which the
//! client must read back to that value. Values per endpoint and format: `PROPTEST_CASES`,
//! else 200.
//!
//! The including crate declares, at its root, the modules this one uses: `check`
//! (`h2h-models/tests/differential/suite.rs`), `values` (the differential suite's strategies)
//! and the generated strategies.
#![allow(dead_code)]

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::rc::Rc;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use datacontract::media::{Body, BodyError};
use datacontract::{Endpoint, EndpointVisitor};
use h2h_client::{CallOptions, Client, Error, Format};
use h2h_models::DataContract;
use proptest::strategy::{BoxedStrategy, Just, Strategy, ValueTree};

use crate::values;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// Which server the suite talks to: Mono's has limits of its own, allowed for by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Server {
    /// Mono's Web API 4.0 (its XML writer refuses some characters; its Json.NET reads no
    /// integer past `long` from `X-H2h-Respond`).
    Mono,
    /// The mock server.
    Mock,
}

pub fn cases() -> usize {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(200)
}

/// Every contract's values, by type, as [`Boxed`] values (to cross the generic boundary of
/// `EndpointVisitor::visit`, whose body types are known only as `Body`).
#[derive(Default)]
pub struct Strategies(HashMap<TypeId, BoxedStrategy<Boxed>>);

impl crate::check::Suite for Strategies {
    fn contract<T: DataContract + Clone + 'static>(
        &mut self,
        _: &str,
        all_directions: BoxedStrategy<T>,
        _: Option<BoxedStrategy<T>>,
    ) {
        // A body may also be a list of the contract (`List<T>`, items nullable).
        let list = values::list(values::nullable(all_directions.clone()))
            .prop_map(|v| Boxed(Rc::new(v)))
            .boxed();
        self.0.insert(TypeId::of::<Vec<Option<T>>>(), list);
        let boxed = all_directions.prop_map(|v| Boxed(Rc::new(v))).boxed();
        self.0.insert(TypeId::of::<T>(), boxed);
    }
}

impl Strategies {
    /// Adds the values of a body type that is not a contract (a dictionary).
    pub fn add<T: std::fmt::Debug + Clone + 'static>(&mut self, strategy: BoxedStrategy<T>) {
        let boxed = strategy.prop_map(|v| Boxed(Rc::new(v))).boxed();
        self.0.insert(TypeId::of::<T>(), boxed);
    }
}

impl Strategies {
    /// Values of a body type: a contract's, or `()`.
    pub fn of<T: 'static>(&self) -> Option<BoxedStrategy<Boxed>> {
        if TypeId::of::<T>() == TypeId::of::<()>() {
            return Some(Just(Boxed(Rc::new(()))).boxed());
        }
        self.0.get(&TypeId::of::<T>()).cloned()
    }
}

/// A generated value of some body type.
#[derive(Clone)]
pub struct Boxed(Rc<dyn Any>);

impl std::fmt::Debug for Boxed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<value>")
    }
}

impl Boxed {
    pub fn get<T: 'static>(&self) -> &T {
        self.0
            .downcast_ref::<T>()
            .expect("a value of the body type")
    }
}

/// A body's JSON as h2h_models writes it, for comparisons.
pub fn json_of<T: Body>(value: &T) -> Result<String, String> {
    let bytes = value.write_body(Format::Json).map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// The value as .NET holds it once bound: what its XML carries (members .NET never reads,
/// which Json.NET writes, are what DCS's XML leaves out); a value XML cannot carry (an enum
/// value without a name) is held as its JSON says.
pub fn as_dotnet_holds_it<T: Body>(value: &T) -> Result<String, String> {
    let Ok(xml) = value.write_body(Format::Xml) else {
        return json_of(value);
    };
    let options = datacontract::media::ReadOptions::default();
    let (back, _) = T::read_body(&xml, Format::Xml, &options).map_err(|e| e.to_string())?;
    json_of(&back)
}

/// Whether Mono's XML writer (CheckCharacters on) refuses the value: a character XML 1.0
/// does not allow, which DCS writes as a character reference.
fn mono_xml_refuses(xml: &[u8]) -> bool {
    let text = String::from_utf8_lossy(xml);
    text.match_indices("&#x").any(|(i, _)| {
        let code = text[i + 3..].split(';').next().unwrap_or_default();
        match u32::from_str_radix(code, 16) {
            Ok(c) => matches!(c, 0..=0x8 | 0xB | 0xC | 0xE..=0x1F | 0xFFFE | 0xFFFF),
            Err(_) => false,
        }
    })
}

pub struct RoundTrips<'a> {
    server: Server,
    client: &'a Client,
    runtime: &'a tokio::runtime::Runtime,
    strategies: &'a Strategies,
    checked: Vec<String>,
    failures: Vec<String>,
}

impl EndpointVisitor for RoundTrips<'_> {
    fn visit<E: Endpoint + 'static>(&mut self) {
        let route = format!("{} {}", E::METHOD.as_str(), E::ROUTE);
        let (Some(requests), Some(responses)) = (
            self.strategies.of::<E::Request>(),
            self.strategies.of::<E::Response>(),
        ) else {
            self.failures
                .push(format!("{route}: a body type the suite cannot generate"));
            return;
        };
        for format in [Format::Xml, Format::Json] {
            let mut runner = TestRunner::new_with_rng(
                Config::default(),
                TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
            );
            let (mut agreed, mut refused_by_server, mut uncarried, mut overflow) = (0, 0, 0, 0);
            // Values until `cases()` of them agreed both ways (those the server cannot write in
            // XML, or XML cannot carry, are counted and checked for their refusal apart).
            let mut generated = 0;
            while agreed < cases() && generated < cases() * 8 {
                generated += 1;
                let request = requests.new_tree(&mut runner).unwrap().current();
                let response = responses.new_tree(&mut runner).unwrap().current();
                let outcome = self.runtime.block_on(one_call::<E>(
                    self.server,
                    self.client,
                    format,
                    request.get::<E::Request>(),
                    response.get::<E::Response>(),
                ));
                match outcome {
                    Ok(Outcome::Agreed) => agreed += 1,
                    Ok(Outcome::ServerRefusedXml) => refused_by_server += 1,
                    Ok(Outcome::XmlCannotCarry) => uncarried += 1,
                    Ok(Outcome::MonoOverflow) => overflow += 1,
                    Err(e) => {
                        self.failures.push(format!("{route} {format}: {e}"));
                        break;
                    }
                }
            }
            self.checked.push(format!(
                "{route} {format}: {agreed} values both ways; {refused_by_server} answers the server \
                 cannot write in XML, {uncarried} requests XML cannot carry (refused by the client), \
                 {overflow} answers past Mono's Json.NET"
            ));
            if agreed < cases() {
                self.failures.push(format!(
                    "{route} {format}: only {agreed} values agreed of {generated} generated"
                ));
            }
        }
    }
}

enum Outcome {
    Agreed,
    /// The server could not write the answer in XML: DCS refuses the value (an enum value
    /// without a name: a 500, as Web API 5), or Mono's writer a character ([`mono_xml_refuses`]).
    ServerRefusedXml,
    /// The request holds a value XML cannot carry, and the client refused it.
    XmlCannotCarry,
    /// The answer holds an integer past `long`, which Mono's embedded Json.NET cannot read
    /// from `X-H2h-Respond` (see [`mono_json_overflows`]).
    MonoOverflow,
}

/// Whether the JSON holds an integer past `long` (a `ulong` member's value): the Json.NET
/// copy inside Mono's System.Net.Http.Formatting reads every integer as an `Int64` and throws
/// an `OverflowException`, where Json.NET 6 (Web API 5's) reads it. A harness limit: the
/// server cannot take such an answer from the test.
fn mono_json_overflows(json: &str) -> bool {
    fn walk(v: &serde_json::Value) -> bool {
        match v {
            serde_json::Value::Number(n) => n.as_u64().is_some_and(|u| u > i64::MAX as u64),
            serde_json::Value::Array(items) => items.iter().any(walk),
            serde_json::Value::Object(members) => members.values().any(walk),
            _ => false,
        }
    }
    serde_json::from_str(json).is_ok_and(|v: serde_json::Value| walk(&v))
}

async fn one_call<E: Endpoint>(
    server: Server,
    client: &Client,
    format: Format,
    request: &E::Request,
    response: &E::Response,
) -> Result<Outcome, String> {
    let respond = BASE64.encode(json_of(response)?);
    // (`response` is rebound below to the value the server holds.)
    let options = CallOptions::format(format).header("X-H2h-Respond", respond);
    let result = client
        .call_with::<E>(&Default::default(), request, &options)
        .await;
    if format == Format::Xml && request.write_body(Format::Xml).is_err() {
        // A value XML cannot carry: the client refuses to write it, as DCS would.
        return match result {
            Err(Error::Encode(_)) => Ok(Outcome::XmlCannotCarry),
            Err(other) => Err(format!("the client's error is not Encode: {other}")),
            Ok(_) => Err("an XML body that cannot be written was sent".to_owned()),
        };
    }
    // The answer as the server holds it: read by Json.NET from `X-H2h-Respond` (a member JSON
    // does not carry, such as a hidden base member, is null there).
    let options = datacontract::media::ReadOptions::default();
    let respond_json = json_of(response)?;
    let (response, _) =
        <E::Response as Body>::read_body(respond_json.as_bytes(), Format::Json, &options)
            .map_err(|e| format!("our own JSON does not read back: {e}"))?;
    let response = &response;
    let response_xml = response.write_body(Format::Xml);
    // The server cannot write the answer in XML: DCS refuses the value, or Mono's writer a
    // character (it then fails after the status line: an empty 200 or a 500).
    let server_refuses = format == Format::Xml
        && response_xml
            .as_ref()
            .map_or(true, |xml| server == Server::Mono && mono_xml_refuses(xml));
    let answer = match result {
        Err(Error::Status { status, .. })
            if server == Server::Mono
                && status.as_u16() == 500
                && mono_json_overflows(&respond_json) =>
        {
            return Ok(Outcome::MonoOverflow);
        }
        Ok(answer) if !server_refuses => answer,
        Err(Error::Status { status, .. }) if server_refuses && status.as_u16() == 500 => {
            return Ok(Outcome::ServerRefusedXml);
        }
        Err(Error::Decode { exchange, .. })
            if server_refuses
                && exchange
                    .received
                    .as_ref()
                    .is_some_and(|r| r.body.is_empty()) =>
        {
            return Ok(Outcome::ServerRefusedXml);
        }
        Ok(answer) => {
            return Err(format!(
                "the server wrote an XML answer it should refuse: {:?}\n  ours: {:?}",
                String::from_utf8_lossy(
                    &answer.exchange.received.map(|r| r.body).unwrap_or_default()
                ),
                response_xml.map(|x| String::from_utf8_lossy(&x).into_owned())
            ))
        }
        Err(e) => {
            return Err(format!(
                "{e}\n  request {}\n  response {}",
                json_of(request)?,
                json_of(response)?
            ))
        }
    };
    if <E::Response as Body>::PRESENT && answer.format != Some(format) {
        return Err(format!(
            "answered in {:?}, asked for {format}",
            answer.format
        ));
    }
    let sent = datacontract::UriParameters::uri_values(&E::Parameters::default());
    if !sent.is_empty() {
        let received = answer.exchange.received.as_ref().ok_or("no answer")?;
        let bound = received
            .headers
            .get("X-H2h-Bound-Uri")
            .and_then(|v| v.to_str().ok())
            .ok_or("no X-H2h-Bound-Uri header")?;
        let bound: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(&BASE64.decode(bound).map_err(|e| e.to_string())?)
                .map_err(|e| e.to_string())?;
        for (name, text) in sent {
            let got = bound.get(name).map(|v| match v {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            });
            if got != text {
                return Err(format!(
                    "URI parameter {name}: sent {text:?}, bound {got:?}"
                ));
            }
        }
    }
    if <E::Request as Body>::PRESENT {
        let received = answer.exchange.received.as_ref().ok_or("no answer")?;
        let bound = received
            .headers
            .get("X-H2h-Bound")
            .and_then(|v| v.to_str().ok())
            .ok_or("no X-H2h-Bound header")?;
        let bound = BASE64.decode(bound).map_err(|e| e.to_string())?;
        let options = datacontract::media::ReadOptions::default();
        let bound = <E::Request as Body>::read_body(&bound, Format::Json, &options)
            .map_err(|e: BodyError| format!("X-H2h-Bound does not read: {e}"))?
            .0;
        let (got, want) = (json_of(&bound)?, as_dotnet_holds_it(request)?);
        if got != want {
            return Err(format!(
                "the server bound\n    {got}\n  the client sent\n    {want}"
            ));
        }
    }
    // The answer as the server writes it. Mono's Json.NET writes a `Uri` as `Uri.ToString()`,
    // DCS's form; Web API 5's (and the mock) keep its original string in JSON.
    let want = if server == Server::Mock && format == Format::Json {
        json_of(response)?
    } else {
        as_dotnet_holds_it(response)?
    };
    let got = json_of(&answer.value)?;
    if got != want {
        return Err(format!(
            "the client read\n    {got}\n  the server was to answer\n    {want}"
        ));
    }
    if !answer.report.is_empty() {
        return Err(format!("the answer has findings: {}", answer.report));
    }
    Ok(Outcome::Agreed)
}

/// Runs [`RoundTrips`] on every endpoint of a schema target's server at `base_url`.
pub fn round_trips(
    base_url: &str,
    server: Server,
    strategies: &Strategies,
    visit_all: fn(&mut RoundTrips<'_>),
) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = Client::builder(base_url).build().unwrap();
    let mut trips = RoundTrips {
        server,
        client: &client,
        runtime: &runtime,
        strategies,
        checked: Vec::new(),
        failures: Vec::new(),
    };
    visit_all(&mut trips);
    for line in &trips.checked {
        eprintln!("{server:?}: {line}");
    }
    assert!(!trips.checked.is_empty(), "no endpoint was checked");
    assert!(trips.failures.is_empty(), "{}", trips.failures.join("\n"));
}
