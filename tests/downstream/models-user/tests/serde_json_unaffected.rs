//! serde_json behaves as plain serde_json in a build with h2h-models (serde-rs/json #505,
//! #559, #721, #1108 list what `arbitrary_precision` breaks), and the models still read and
//! write exact numbers.

use models_user::{Inner, Num, Outer};

#[test]
fn flatten_with_a_float_reads() {
    let outer: Outer = serde_json::from_str(r#"{"name":"a","price":1.5}"#).unwrap();
    assert_eq!(
        outer,
        Outer {
            name: "a".into(),
            inner: Inner { price: 1.5 }
        }
    );
}

#[test]
fn untagged_enum_with_a_float_reads() {
    assert_eq!(serde_json::from_str::<Num>("2.5").unwrap(), Num::F(2.5));
    assert_eq!(
        serde_json::from_str::<Num>(r#""x""#).unwrap(),
        Num::S("x".into())
    );
}

#[test]
fn value_numbers_compare_by_value() {
    let a: serde_json::Value = serde_json::from_str("1.0").unwrap();
    let b: serde_json::Value = serde_json::from_str("1.00").unwrap();
    assert_eq!(a, b);
    assert_eq!(a.as_f64(), Some(1.0));
}

#[test]
fn the_models_work_in_the_same_build() {
    // The documented request sample of `POST Session/Logout` (schema/api/session.toml).
    let json = r#"{"token":"sample string 1","securityCode":"sample string 2","language":1,"userID":"sample string 3","accessToken":"sample string 4"}"#;
    let request: h2h_models::AuthRequest = h2h_models::json::from_str(json).unwrap();
    assert_eq!(request.user_id.as_deref(), Some("sample string 3"));
    assert_eq!(h2h_models::json::to_string(&request).unwrap(), json);
    // Through serde_json directly too.
    let again: h2h_models::AuthRequest = serde_json::from_str(json).unwrap();
    assert!(again == request);
    assert_eq!(serde_json::to_string(&again).unwrap(), json);
}
