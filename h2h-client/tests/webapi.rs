//! The client against a real ASP.NET Web API server: the controllers `cargo xtask regenerate`
//! writes for every endpoint, hosted by Mono's Web API self-host on a loopback port
//! (`conformance/webapi/`), started and stopped here.
//!
//! For every endpoint of the API and both formats, generated values go both ways in one call:
//! the server reports what it bound from the client's request (`X-H2h-Bound`, its Json.NET
//! formatter's JSON), which must be the value sent as .NET holds it; and it answers the
//! response value the test chose (`X-H2h-Respond`), written by its negotiated formatter, which
//! the client must read back to that value. Then the status cases come back as typed errors.
//!
//! Values per endpoint and format: `PROPTEST_CASES`, else 200. Without Mono or its Web API the
//! suite says so loudly and passes, except under `CI=true`.
//!
//! Differences of Mono's Web API (System.Web.Http 4.0) from Web API 5 met here, see
//! `conformance/webapi/README.md`: its XML writer keeps `CheckCharacters` on, so a response
//! holding a control character (or U+FFFE, U+FFFF) is a 500 where Web API 5 writes character
//! references; 404 and 405 bodies are DCS strings where Web API 5 writes an `HttpError`, and a
//! 405 has no `Allow` header.
#![allow(missing_docs)]

#[path = "../../conformance/webapi/launch.rs"]
mod launch;

#[path = "../../h2h-models/tests/differential/values.rs"]
#[allow(dead_code)]
mod values;

#[path = "../../h2h-models/tests/differential/suite.rs"]
mod check;

#[path = "suite/round_trips.rs"]
mod round_trips;

// Generated (formatted by prettyplease, not rustfmt), as the differential suite includes them.
#[rustfmt::skip]
#[path = "../../h2h-models/tests/differential/generated/api.rs"]
#[allow(dead_code, unused_variables)]
mod api_values;

#[rustfmt::skip]
#[path = "../../h2h-models/tests/differential/generated/all_types.rs"]
#[allow(dead_code, unused_variables)]
mod all_types_values;

use datacontract::media::{Body, BodyError};
use datacontract::Endpoint;
use h2h_client::{CallOptions, Client, Error, Format};
use proptest::strategy::{Just, Strategy};
use round_trips::{round_trips, Server, Strategies};

fn start() -> Option<launch::WebApi> {
    match launch::WebApi::start() {
        Ok(server) => server,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn every_endpoint_both_formats_both_ways() {
    let Some(server) = start() else { return };
    let mut strategies = Strategies::default();
    api_values::contracts(&mut strategies);
    round_trips(&server.url("/"), Server::Mono, &strategies, |trips| {
        h2h_models::endpoints::visit_all(trips)
    });
}

/// The test schema's endpoints, in a server of their own: a `GET` with a URI parameter in its
/// route (`api/Scalars/{id}`, sent with the parameters' defaults) and a `PUT` of a list that
/// answers a dictionary.
#[test]
fn another_schemas_endpoints_both_formats_both_ways() {
    let server = match launch::WebApi::start_target("all_types") {
        Ok(Some(server)) => server,
        Ok(None) => return,
        Err(e) => panic!("{e}"),
    };
    let mut strategies = Strategies::default();
    all_types_values::contracts(&mut strategies);
    strategies.add(values::dictionary(
        values::string(),
        proptest::arbitrary::any::<i32>(),
    ));
    // `Scalars` holds every scalar type, and two of them meet limits of Mono's copy of
    // Json.NET (the one the harness reads `X-H2h-Respond` with), not of the client: a `Uri`
    // such as `/a/./b` it takes for a file path (`file:///a/b`), and a `ulong` past `long` it
    // cannot read. Its answers here are the help page's sample; the differential suite
    // checks `Scalars` against Json.NET 6 and DCS on generated values.
    let sample: h2h_test_models::all_types::Scalars =
        h2h_models::sample::generate(h2h_models::sample::SEED_NOW).unwrap();
    strategies.add(Just(sample).boxed());
    round_trips(&server.url("/"), Server::Mono, &strategies, |trips| {
        h2h_test_models::all_types::endpoints::visit_all(trips)
    });
}

/// A body that is not JSON nor XML: what a broken client would send.
struct Unreadable;

impl Body for Unreadable {
    fn help_page_sample(
        _: datacontract::DateTimeOffset,
    ) -> Result<Self, datacontract::sample::SampleError> {
        Ok(Unreadable)
    }
    fn write_body(&self, format: Format) -> Result<Vec<u8>, BodyError> {
        Ok(match format {
            Format::Xml => b"<AuthRequest><token>".to_vec(),
            Format::Json => b"{\"tok".to_vec(),
        })
    }
    fn read_body(
        _: &[u8],
        _: Format,
        _: &datacontract::media::ReadOptions,
    ) -> Result<(Self, h2h_models::Report), BodyError> {
        Ok((Unreadable, h2h_models::Report::default()))
    }
}

/// `Session/Logout` with an unreadable body, on another route, or with another method.
macro_rules! endpoint {
    ($name:ident, $method:ident, $route:literal, $request:ty) => {
        struct $name;
        impl Endpoint for $name {
            const METHOD: datacontract::Method = datacontract::Method::$method;
            const ROUTE: &'static str = $route;
            const SUMMARY: &'static str = "";
            type Request = $request;
            type Response = h2h_models::AuthResponse;
            type Parameters = ();
            const REQUEST_MEDIA_TYPES: &'static [&'static str] = &[];
            const RESPONSE_MEDIA_TYPES: &'static [&'static str] = &[];
        }
    };
}

endpoint!(LogoutUnreadable, Post, "Session/Logout", Unreadable);
endpoint!(
    NoSuchController,
    Post,
    "H2hNoSuch/Logout",
    h2h_models::AuthRequest
);
endpoint!(LogoutByGet, Get, "Session/Logout", ());

#[test]
fn status_cases_come_back_as_typed_errors() {
    let Some(server) = start() else { return };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = Client::builder(server.url("/")).build().unwrap();
    let request: h2h_models::AuthRequest =
        h2h_models::sample::generate(h2h_models::sample::SEED_NOW).unwrap();
    for format in [Format::Xml, Format::Json] {
        let options = CallOptions::format(format);
        // An unreadable body: 400 with Web API's HttpError naming the parameter.
        let error = runtime
            .block_on(client.call_with::<LogoutUnreadable>(&(), &Unreadable, &options))
            .unwrap_err();
        let Error::Status {
            status, http_error, ..
        } = &error
        else {
            panic!("{format}: {error:?}")
        };
        assert_eq!(status.as_u16(), 400, "{format}: {error}");
        let http_error = http_error
            .as_ref()
            .unwrap_or_else(|| panic!("{format}: {error:?}"));
        assert_eq!(
            http_error.message.as_deref(),
            Some("The request is invalid.")
        );
        assert_eq!(http_error.model_state[0].0, "request", "{http_error:?}");
        // An unknown controller: 404 (Mono's body is a DCS string, not an HttpError).
        let error = runtime
            .block_on(client.call_with::<NoSuchController>(&(), &request, &options))
            .unwrap_err();
        assert_eq!(error.status().map(|s| s.as_u16()), Some(404), "{error}");
        // A method the route does not allow: 405.
        let error = runtime
            .block_on(client.call_with::<LogoutByGet>(&(), &(), &options))
            .unwrap_err();
        assert_eq!(error.status().map(|s| s.as_u16()), Some(405), "{error}");
        // The action throws: 500, its exception in the error body.
        let throwing = CallOptions::format(format).header("X-H2h-Throw", "1");
        let error = runtime
            .block_on(
                client.call_with::<h2h_models::endpoints::PostSessionLogout>(
                    &(),
                    &request,
                    &throwing,
                ),
            )
            .unwrap_err();
        let Error::Status {
            status, http_error, ..
        } = &error
        else {
            panic!("{format}: {error:?}")
        };
        assert_eq!(status.as_u16(), 500, "{format}: {error}");
        if format == Format::Json {
            // Mono's 4.0 writes the exception's own fields (Web API 5: an HttpError with
            // `ExceptionMessage`); its XML is an `<Exception>` element, not an `HttpError`.
            let http_error = http_error.as_ref().unwrap_or_else(|| panic!("{error:?}"));
            assert!(http_error.exception_type.is_some(), "{http_error:?}");
        }
    }
    drop(server);
}
