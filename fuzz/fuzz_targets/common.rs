//! Shared checks of the reader targets: reading never panics (libFuzzer reports any panic), and
//! whatever reads also writes, and reads back to the same bytes in both formats.
#![allow(dead_code)]

use h2h_models::{json, xml};

/// XML bytes → value; then value → XML → value → XML gives the same bytes, and the value
/// survives JSON too (compared as JSON bytes: JSON drops hidden base members).
pub fn xml_then_round_trip<T>(data: &[u8])
where
    T: xml::XmlValue + serde::Serialize + serde::de::DeserializeOwned,
{
    // Every policy: none may panic.
    for policy in [h2h_models::ReadPolicy::Dotnet, h2h_models::ReadPolicy::Strict] {
        let mut options = xml::ReadOptions::default();
        options.policy = policy;
        let _ = xml::from_slice_reported::<T>(data, &options);
    }
    let Ok(value) = xml::from_slice::<T>(data) else {
        return;
    };
    match xml::to_vec(&value) {
        Ok(bytes) => {
            let back: T = xml::from_slice(&bytes)
                .unwrap_or_else(|e| panic!("written XML does not read: {e}"));
            let again = xml::to_vec(&back).unwrap_or_else(|e| panic!("{e}"));
            // DCS itself writes a negative zero as `-0` and reads `-0` as +0 (corpus `doubles`;
            // `-0 ` with a space keeps the sign): the one change a second round trip may make.
            let negative_zero_read_back = |b: &[u8]| -> Vec<u8> {
                let text = String::from_utf8_lossy(b).replace(">-0<", ">0<");
                text.into_bytes()
            };
            if bytes != again {
                assert_eq!(
                    negative_zero_read_back(&bytes),
                    again,
                    "XML changed on a second round trip"
                );
            }
        }
        // A missing `language` reads as .NET's default(Language), 0, which has no name: DCS
        // reads such a body too and cannot write the value back either.
        Err(e) if e.kind() == xml::ErrorKind::Unrepresentable => {}
        Err(e) => panic!("a value read from XML cannot be written: {e}"),
    }
    let text = json::to_vec(&value).unwrap_or_else(|e| panic!("{e}"));
    let from_json: T =
        json::from_slice(&text).unwrap_or_else(|e| panic!("written JSON does not read: {e}"));
    let again = json::to_vec(&from_json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(text, again, "JSON changed on a round trip");
}

/// JSON bytes → value; then value → JSON → value → JSON gives the same bytes.
pub fn json_then_round_trip<T>(data: &[u8])
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    let mut skipping = json::ReadOptions::default();
    skipping.policy = h2h_models::ReadPolicy::Dotnet;
    let _ = json::from_slice_with::<T>(data, &skipping);
    let Ok(value) = json::from_slice::<T>(data) else {
        return;
    };
    let text = json::to_vec(&value)
        .unwrap_or_else(|e| panic!("a value read from JSON cannot be written: {e}"));
    let back: T =
        json::from_slice(&text).unwrap_or_else(|e| panic!("written JSON does not read: {e}"));
    let again = json::to_vec(&back).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(text, again, "JSON changed on a round trip");
}
