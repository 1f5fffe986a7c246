//! Two rules of .NET's readers that a derived contract follows in every read policy: DCS
//! requires every field of a `[Serializable]` class (`#[h2h(required_in_xml)]`), and Json.NET
//! fills the earlier value of a member given again with the later object or array
//! (`JsonValue::read_json_into`). The .NET answers are the corpus's `read-xml-serializable-*`
//! and `read-json-repeated-*` cases (h2h-models/tests/fixtures/own-vectors).

use datacontract::{json, report::FindingKind, xml, DataContract, ReadPolicy};

/// `[Serializable] class Legacy { string name; int number; }`, auto-properties.
#[derive(Clone, PartialEq, DataContract)]
#[h2h(
    name = "Legacy",
    namespace = "http://schemas.datacontract.org/2004/07/Acme"
)]
struct Legacy {
    #[h2h(name = "<name>k__BackingField", required_in_xml)]
    name: Option<String>,
    #[h2h(name = "<number>k__BackingField", required_in_xml)]
    number: i32,
}

const OPEN: &str = r#"<Legacy xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Acme">"#;
const NAME: &str = "<_x003C_name_x003E_k__BackingField>n</_x003C_name_x003E_k__BackingField>";
const NUMBER: &str = "<_x003C_number_x003E_k__BackingField>1</_x003C_number_x003E_k__BackingField>";

fn read_xml(body: &str, policy: ReadPolicy) -> Result<(Legacy, datacontract::Report), xml::Error> {
    let mut options = xml::ReadOptions::default();
    options.policy = policy;
    xml::from_str_reported(body, &options)
}

fn read_json<T: serde::de::DeserializeOwned>(
    body: &str,
    policy: ReadPolicy,
) -> Result<(T, datacontract::Report), json::Error> {
    let mut options = json::ReadOptions::default();
    options.policy = policy;
    json::from_str_reported(body, &options)
}

const POLICIES: [ReadPolicy; 3] = [ReadPolicy::Dotnet, ReadPolicy::Forward, ReadPolicy::Strict];

#[test]
fn a_serializable_body_without_a_field_fails_in_xml_in_every_policy() {
    let body = format!("{OPEN}{NAME}</Legacy>");
    for policy in POLICIES {
        let e = read_xml(&body, policy).unwrap_err();
        assert_eq!(e.kind(), xml::ErrorKind::MissingRequired, "{policy:?}: {e}");
        assert!(e.to_string().contains("<number>k__BackingField"), "{e}");
    }
    // Both fields in DCS order read in every policy.
    let body = format!("{OPEN}{NAME}{NUMBER}</Legacy>");
    for policy in POLICIES {
        let (value, report) = read_xml(&body, policy).unwrap();
        assert_eq!((value.name.as_deref(), value.number), (Some("n"), 1));
        assert!(report.is_empty());
    }
}

#[test]
fn serializable_fields_out_of_order_are_read_by_forward_only() {
    // DCS cannot skip past a required member and refuses the body.
    let body = format!("{OPEN}{NUMBER}{NAME}</Legacy>");
    assert_eq!(
        read_xml(&body, ReadPolicy::Dotnet).unwrap_err().kind(),
        xml::ErrorKind::MissingRequired
    );
    assert_eq!(
        read_xml(&body, ReadPolicy::Strict).unwrap_err().kind(),
        xml::ErrorKind::OutOfOrder
    );
    let (value, report) = read_xml(&body, ReadPolicy::Forward).unwrap();
    assert_eq!((value.name.as_deref(), value.number), (Some("n"), 1));
    assert_eq!(report.findings()[0].kind, FindingKind::OutOfOrder);
}

#[test]
fn json_requires_no_serializable_field() {
    for policy in POLICIES {
        let (value, _) = read_json::<Legacy>(r#"{"<name>k__BackingField":"n"}"#, policy).unwrap();
        assert_eq!((value.name.as_deref(), value.number), (Some("n"), 0));
    }
}
