//! The typed client's round-trip suite (`h2h-client/tests/suite/round_trips.rs`) against the
//! mock server, for every endpoint of the API and of the `all-types` test schema, in both
//! formats: the same suite, the same checks, as against the real Web API server on Mono
//! (`h2h-client/tests/webapi.rs`).
//!
//! The mock speaks the suite's test protocol through typed handlers, one per endpoint
//! ([`Protocol`]): it answers the value of `X-H2h-Respond` and reports what it bound in
//! `X-H2h-Bound` and `X-H2h-Bound-Uri`, as the Web API test server's controllers do. The
//! suite then checks that the body the mock read (with the dotnet policy) is the value sent
//! as .NET holds it, and that the client reads back the answer.
#![allow(missing_docs)]

#[path = "../../h2h-models/tests/differential/suite.rs"]
mod check;

#[path = "../../h2h-client/tests/suite/round_trips.rs"]
mod round_trips;

#[path = "../../h2h-models/tests/differential/values.rs"]
#[allow(dead_code)]
mod values;

// Generated (formatted by prettyplease, not rustfmt), as the differential suite includes them.
#[rustfmt::skip]
#[path = "../../h2h-models/tests/differential/generated/api.rs"]
#[allow(dead_code, unused_variables)]
mod api_values;

#[rustfmt::skip]
#[path = "../../h2h-models/tests/differential/generated/all_types.rs"]
#[allow(dead_code, unused_variables)]
mod all_types_values;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use datacontract::media::{Body, Format, ReadOptions};
use datacontract::{Endpoint, EndpointVisitor, UriParameters};
use h2h_mock::{Endpoints, MockServer, Reply, StatusCode};
use round_trips::{round_trips, Server, Strategies};

/// Registers, for every endpoint visited, the handler of the test protocol.
struct Protocol<'a>(&'a MockServer);

impl EndpointVisitor for Protocol<'_> {
    fn visit<E: Endpoint + 'static>(&mut self) {
        self.0
            .on::<E>(|call| {
                let mut reply = match call.headers.get("X-H2h-Respond") {
                    None => Reply::default_response(),
                    Some(encoded) => {
                        let json = match BASE64.decode(encoded.as_bytes()) {
                            Ok(json) => json,
                            Err(e) => {
                                return Reply::error(
                                    StatusCode::INTERNAL_SERVER_ERROR,
                                    e.to_string(),
                                )
                            }
                        };
                        match E::Response::read_body(&json, Format::Json, &ReadOptions::default()) {
                            Ok((value, _)) => Reply::ok(value),
                            Err(e) => {
                                return Reply::error(
                                    StatusCode::INTERNAL_SERVER_ERROR,
                                    e.to_string(),
                                )
                            }
                        }
                    }
                };
                if E::Request::PRESENT {
                    match call.body.write_body(Format::Json) {
                        Ok(json) => reply = reply.header("X-H2h-Bound", BASE64.encode(json)),
                        Err(e) => {
                            return Reply::error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
                        }
                    }
                }
                let bound = call.parameters.uri_values();
                if !bound.is_empty() {
                    let object: serde_json::Map<String, serde_json::Value> = bound
                        .into_iter()
                        .map(|(name, text)| {
                            (
                                name.to_owned(),
                                text.map_or(serde_json::Value::Null, serde_json::Value::String),
                            )
                        })
                        .collect();
                    let json = serde_json::to_vec(&object).unwrap_or_default();
                    reply = reply.header("X-H2h-Bound-Uri", BASE64.encode(json));
                }
                reply
            })
            .expect(h2h_mock::Times::at_least(1));
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn every_api_endpoint_both_formats_both_ways() {
    let runtime = runtime();
    let server = runtime
        .block_on(MockServer::builder().record(false).start())
        .unwrap();
    h2h_models::endpoints::visit_all(&mut Protocol(&server));
    let mut strategies = Strategies::default();
    api_values::contracts(&mut strategies);
    round_trips(&server.uri(), Server::Mock, &strategies, |trips| {
        h2h_models::endpoints::visit_all(trips)
    });
    // Dropping the server checks that every endpoint was called.
    runtime.block_on(async { drop(server) });
}

#[test]
fn another_schemas_endpoints_both_formats_both_ways() {
    let runtime = runtime();
    let mut endpoints = Endpoints::at(h2h_models::sample::SEED_NOW);
    h2h_test_models::all_types::endpoints::visit_all(&mut endpoints);
    let server = runtime
        .block_on(
            MockServer::builder()
                .endpoints(endpoints)
                .record(false)
                .start(),
        )
        .unwrap();
    h2h_test_models::all_types::endpoints::visit_all(&mut Protocol(&server));
    let mut strategies = Strategies::default();
    all_types_values::contracts(&mut strategies);
    strategies.add(values::dictionary(
        values::string(),
        proptest::arbitrary::any::<i32>(),
    ));
    // Against Mono, `Scalars` answers are only the help page's sample (limits of Mono's copy
    // of Json.NET); the mock has none, so they are generated here.
    round_trips(&server.uri(), Server::Mock, &strategies, |trips| {
        h2h_test_models::all_types::endpoints::visit_all(trips)
    });
    runtime.block_on(async { drop(server) });
}
