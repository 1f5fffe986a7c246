//! xsd-parser's quick_xml engine on the code it generates from our exported XSD
//! (exports/xsd/api/Cebes.DI.H2H.Api.Models.xsd; the code in xsd_parser_gen.rs, the command in
//! its header). What it expresses: `AuthRequest` exactly, our bytes written (the root's two
//! declarations as DCS writes them, given the root's name at the call) and the seed read. What
//! it cannot: `AuthResponse`. The generated `AuthResponseType` has one `access_token`: the
//! schema's sequence has two `accessToken` elements (the base's and the derived one's) and the
//! generator keeps one field per name, so the second is lost; reading the seed fails at it
//! (`UnexpectedEvent(Start(accessToken))` at byte 339) and no value writes it. Its nil members
//! would also be spelled `<x xmlns:xsi="…" xsi:nil="true"/>` (xsd-parser-types' `Nillable`
//! declares its own `xsi` prefix), which the seed request does not exercise.

#[allow(unused, clippy::all, clippy::pedantic)]
#[path = "xsd_parser_gen.rs"]
mod generated;

use xsd_parser_types::quick_xml::{DeserializeSync, SerializeSync, SliceReader, Writer};
use xsd_parser_types::xml::Nillable;

pub use generated::{AuthRequest as PAuthRequest, AuthRequestType, LanguageType};

fn nillable(v: &Option<String>) -> Option<Nillable<String>> {
    Some(Nillable(v.clone()))
}

pub fn request(v: &h2h_models::AuthRequest) -> PAuthRequest {
    Nillable::new(AuthRequestType {
        access_token: nillable(&v.access_token),
        user_id: nillable(&v.user_id),
        language: Some(LanguageType::Id),
        security_code: nillable(&v.security_code),
        token: nillable(&v.token),
    })
}

pub fn to_vec(v: &PAuthRequest) -> Vec<u8> {
    let mut w = Writer::new(Vec::new());
    v.serialize("AuthRequest", &mut w)
        .expect("xsd-parser serializes");
    w.into_inner()
}

pub fn read_request(doc: &str) -> PAuthRequest {
    PAuthRequest::deserialize(&mut SliceReader::new(doc)).expect("xsd-parser deserializes")
}

/// Its read of the seed `AuthResponse`: the error, checked to be the one described above.
pub fn read_response_error(doc: &str) -> String {
    let e = generated::AuthResponse::deserialize(&mut SliceReader::new(doc))
        .expect_err("xsd-parser now reads AuthResponse: bench it");
    format!("{e:?}")
}

/// The generated types derive only `Debug`: compare through it.
pub fn same(a: &PAuthRequest, b: &PAuthRequest) -> bool {
    format!("{a:?}") == format!("{b:?}")
}
