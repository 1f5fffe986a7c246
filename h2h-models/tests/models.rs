//! The embedded schema's models: wire names, secrets, and the seed's documented values.

#[path = "support/wire_names.rs"]
mod wire_names;

use h2h_models::{catalog, AuthRequest, AuthResponse, BaseRequestMembers, Language};

#[test]
fn xml_and_json_name_every_member_the_same() {
    let api = wire_names::schema("schema/api");
    for name in catalog::CONTRACTS {
        let same = wire_names::SameNames {
            api: &api,
            clr_name: name,
        };
        let result = catalog::visit_contract(name, same).unwrap();
        assert_eq!(result, Ok(()), "{name}");
    }
}

fn request() -> AuthRequest {
    AuthRequest {
        user_id: Some("alice".into()),
        access_token: Some("ACCESS-SECRET".into()),
        token: Some("TOKEN-SECRET".into()),
        security_code: Some("CODE-SECRET".into()),
        language: Language::Id,
    }
}

#[test]
fn secrets_never_appear_in_debug_output() {
    let shown = format!("{:?} {:#?}", request(), request());
    for secret in ["ACCESS-SECRET", "TOKEN-SECRET", "CODE-SECRET"] {
        assert!(!shown.contains(secret), "{shown}");
    }
    assert!(
        shown.contains("alice"),
        "non-secret members are shown: {shown}"
    );
    let response = AuthResponse {
        base_access_token: Some("BASE-SECRET".into()),
        access_token: Some("DERIVED-SECRET".into()),
        ..AuthResponse::default()
    };
    let shown = format!("{response:?}");
    assert!(!shown.contains("SECRET"), "{shown}");
}

#[test]
fn secrets_never_appear_in_error_messages() {
    // A secret in an invalid position: an element inside a string member.
    let xml = r#"<AuthRequest xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models"><token>TOKEN-SECRET<b/></token></AuthRequest>"#;
    let e = h2h_models::xml::from_str::<AuthRequest>(xml).unwrap_err();
    assert!(!e.to_string().contains("TOKEN-SECRET"), "{e}");
    assert_eq!(e.path(), "AuthRequest/token");
    // JSON: a secret of the wrong type.
    let e =
        h2h_models::json::from_str::<AuthRequest>(r#"{"token": ["TOKEN-SECRET"]}"#).unwrap_err();
    assert!(!e.to_string().contains("TOKEN-SECRET"), "{e}");
    assert_eq!(e.path(), "token");
    let e = h2h_models::json::from_str::<AuthRequest>(r#"{"securityCode": {"x": "CODE-SECRET"}}"#)
        .unwrap_err();
    assert!(!e.to_string().contains("CODE-SECRET"), "{e}");
}

#[test]
fn shared_base_members_are_set_generically() {
    fn sign_in<R: BaseRequestMembers>(request: &mut R, token: &str) {
        *request.access_token_mut() = Some(token.to_owned());
    }
    let mut r = request();
    sign_in(&mut r, "new");
    assert_eq!(r.access_token.as_deref(), Some("new"));
}

#[test]
fn an_enum_value_without_a_name_is_kept_and_cannot_be_written_to_xml() {
    let r: AuthRequest = h2h_models::json::from_str(r#"{"language": 7}"#).unwrap();
    assert_eq!(r.language, Language::Unknown(7));
    assert!(h2h_models::json::to_string(&r)
        .unwrap()
        .contains(r#""language":7"#));
    let e = h2h_models::xml::to_string(&r).unwrap_err();
    assert_eq!(e.kind(), h2h_models::xml::ErrorKind::Unrepresentable);
    assert_eq!(e.path(), "AuthRequest/language");
}
