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

#[derive(Clone, PartialEq, DataContract)]
#[h2h(
    name = "Address",
    namespace = "http://schemas.datacontract.org/2004/07/Acme"
)]
struct Address {
    street: Option<String>,
    city: Option<String>,
}

/// `List<string> names; int[] numbers; Dictionary<int, string> byNumber; Address address;
/// Holder inner; string pin` (a secret).
#[derive(Clone, PartialEq, DataContract)]
#[h2h(
    name = "Holder",
    namespace = "http://schemas.datacontract.org/2004/07/Acme"
)]
struct Holder {
    names: Option<Vec<Option<String>>>,
    #[h2h(array)]
    numbers: Option<Vec<i32>>,
    #[h2h(name = "byNumber")]
    by_number: Option<datacontract::Dictionary<i32, Option<String>>>,
    address: Option<Address>,
    inner: Option<Box<Holder>>,
    #[h2h(required)]
    code: Option<String>,
    #[h2h(sensitive)]
    pin: Option<String>,
}

/// Json.NET's value of a body, written back as Json.NET writes it.
fn written(body: &str, policy: ReadPolicy) -> Result<String, json::Error> {
    let (value, _) = read_json::<Holder>(body, policy)?;
    json::to_string(&value)
}

#[test]
fn a_repeated_list_object_or_dictionary_is_filled_and_an_array_replaced() {
    let cases = [
        (
            r#"{"code":"c","names":["a"],"names":["b"],"numbers":[1],"numbers":[2]}"#,
            r#"{"names":["a","b"],"numbers":[2],"byNumber":null,"address":null,"inner":null,"code":"c","pin":null}"#,
        ),
        (
            r#"{"code":"c","address":{"street":"s1"},"address":{"city":"c2"}}"#,
            r#"{"names":null,"numbers":null,"byNumber":null,"address":{"street":"s1","city":"c2"},"inner":null,"code":"c","pin":null}"#,
        ),
        (
            r#"{"code":"c","byNumber":{"1":"a","2":"b"},"byNumber":{"01":"c","3":"d"}}"#,
            r#"{"names":null,"numbers":null,"byNumber":{"1":"c","2":"b","3":"d"},"address":null,"inner":null,"code":"c","pin":null}"#,
        ),
        // Filled recursively: the object inside and its list, its array replaced.
        (
            r#"{"code":"c","inner":{"code":"i","names":["a"],"numbers":[1],"address":{"street":"s"}},"inner":{"code":"j","names":["b"],"numbers":[2],"address":{"city":"k"}}}"#,
            r#"{"names":null,"numbers":null,"byNumber":null,"address":null,"inner":{"names":["a","b"],"numbers":[2],"byNumber":null,"address":{"street":"s","city":"k"},"inner":null,"code":"j","pin":null},"code":"c","pin":null}"#,
        ),
        // null replaces; after null, a new value.
        (
            r#"{"code":"c","names":["a"],"names":null,"address":null,"address":{"city":"c2"}}"#,
            r#"{"names":null,"numbers":null,"byNumber":null,"address":{"street":null,"city":"c2"},"inner":null,"code":"c","pin":null}"#,
        ),
        // A scalar: the last.
        (
            r#"{"code":"a","code":"b"}"#,
            r#"{"names":null,"numbers":null,"byNumber":null,"address":null,"inner":null,"code":"b","pin":null}"#,
        ),
    ];
    for (body, want) in cases {
        for policy in [ReadPolicy::Dotnet, ReadPolicy::Forward] {
            assert_eq!(written(body, policy).unwrap(), want, "{policy:?}: {body}");
        }
        let e = written(body, ReadPolicy::Strict).unwrap_err();
        assert_eq!(e.kind(), json::ErrorKind::DuplicateMember, "{body}");
    }
}

#[test]
fn the_finding_says_merged_or_replaced() {
    use datacontract::report::{DotnetAction, Outcome};
    let body =
        r#"{"code":"c","names":["a"],"numbers":[1],"names":["b"],"numbers":[2],"names":null}"#;
    let (_, report) = read_json::<Holder>(body, ReadPolicy::Forward).unwrap();
    let found: Vec<_> = report
        .findings()
        .iter()
        .map(|f| (f.kind, f.path.as_str(), f.column, f.dotnet, f.outcome))
        .collect();
    assert_eq!(
        found,
        [
            (
                FindingKind::Repeated,
                "names",
                41,
                DotnetAction::Merges,
                Outcome::Merged
            ),
            (
                FindingKind::Repeated,
                "numbers",
                55,
                DotnetAction::KeepsLast,
                Outcome::Read
            ),
            (
                FindingKind::Repeated,
                "names",
                69,
                DotnetAction::KeepsLast,
                Outcome::Read
            ),
        ],
        "{report}"
    );
    assert!(
        report.findings()[0]
            .message
            .contains("merged into the earlier one"),
        "{report}"
    );
    assert!(
        report.findings()[1]
            .message
            .contains("replaces the earlier one"),
        "{report}"
    );
}

#[test]
fn a_member_given_twice_in_the_filling_object_is_a_finding_and_a_required_one_must_be_there() {
    // Inside the later `inner`, `names` is given twice: all three lists are appended.
    let body = r#"{"code":"c","inner":{"code":"i","names":["a"]},"inner":{"code":"j","names":["b"],"names":["c"]}}"#;
    let (value, report) = read_json::<Holder>(body, ReadPolicy::Dotnet).unwrap();
    let inner = value.inner.unwrap();
    assert_eq!(
        inner.names,
        Some(vec![Some("a".into()), Some("b".into()), Some("c".into())])
    );
    let paths: Vec<_> = report.findings().iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["inner", "inner.names"], "{report}");
    // Json.NET checks the required members of each object it fills.
    let body = r#"{"code":"c","inner":{"code":"i"},"inner":{"names":["b"]}}"#;
    for policy in POLICIES {
        let e = read_json::<Holder>(body, policy).unwrap_err();
        let want = if policy == ReadPolicy::Strict {
            json::ErrorKind::DuplicateMember
        } else {
            json::ErrorKind::MissingRequired
        };
        assert_eq!(e.kind(), want, "{policy:?}: {e}");
    }
}

#[test]
fn a_secret_filled_again_is_not_echoed() {
    let body = r#"{"code":"c","inner":{"code":"i","pin":"1234"},"inner":{"pin":[5678]}}"#;
    let e = read_json::<Holder>(body, ReadPolicy::Dotnet).unwrap_err();
    assert!(!e.to_string().contains("5678"), "{e}");
    let (value, report) = read_json::<Holder>(
        r#"{"code":"c","pin":"1234","pin":"5678"}"#,
        ReadPolicy::Dotnet,
    )
    .unwrap();
    assert_eq!(value.pin.as_deref(), Some("5678"));
    assert!(!format!("{report}{report:?}").contains("5678"));
}
