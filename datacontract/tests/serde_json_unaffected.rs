//! Issue 13: datacontract no longer turns on serde_json's `arbitrary_precision` for the whole
//! build. A program's own serde_json use behaves as plain serde_json, while the contracts still
//! read numbers exactly (through serde_json's raw values).

use datacontract::{DataContract, Decimal};
use serde::Deserialize;

#[derive(Debug, Deserialize, PartialEq)]
struct Inner {
    ratio: f64,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Outer {
    name: String,
    #[serde(flatten)]
    inner: Inner,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(untagged)]
enum Num {
    F(f64),
    S(String),
}

#[test]
fn flatten_with_an_f64_reads() {
    let v: Outer = serde_json::from_str(r#"{"name":"a","ratio":2.5}"#).unwrap();
    assert_eq!(
        v,
        Outer {
            name: "a".into(),
            inner: Inner { ratio: 2.5 }
        }
    );
}

#[test]
fn untagged_enum_with_an_f64_reads() {
    assert_eq!(serde_json::from_str::<Num>("2.5").unwrap(), Num::F(2.5));
    assert_eq!(
        serde_json::from_str::<Num>(r#""x""#).unwrap(),
        Num::S("x".into())
    );
}

#[test]
fn value_numbers_are_plain_f64() {
    let a: serde_json::Value = serde_json::from_str("1.0").unwrap();
    let b: serde_json::Value = serde_json::from_str("1.00").unwrap();
    assert_eq!(a, b);
    assert_eq!(a.as_f64(), Some(1.0));
    assert_eq!(a.to_string(), "1.0");
}

#[derive(Clone, PartialEq, DataContract)]
#[h2h(
    name = "Amounts",
    namespace = "http://schemas.datacontract.org/2004/07/Acme.Models"
)]
struct Amounts {
    amount: Decimal,
    maybe: Option<Decimal>,
    big: u64,
    text: Option<String>,
    ratio: f64,
}

fn amounts(json: &str) -> Result<Amounts, datacontract::json::Error> {
    datacontract::json::from_str(json)
}

#[test]
fn contracts_still_read_numbers_exactly() {
    let doc = r#"{"amount":79228162514264337593543950335,"maybe":1.10,"big":18446744073709551615,"text":-123456789012345678901,"ratio":0.1}"#;
    let a = amounts(doc).unwrap();
    assert_eq!(a.amount.to_string(), "79228162514264337593543950335");
    assert_eq!(a.maybe.unwrap().to_string(), "1.10");
    assert_eq!(a.big, u64::MAX);
    assert_eq!(a.text.as_deref(), Some("-123456789012345678901"));
    assert_eq!(a.ratio, 0.1);
    // The scale is kept on the way out too (Json.NET writes an integral decimal with `.0`), and serde_json's own entry points agree.
    let written = datacontract::json::to_string(&a).unwrap();
    assert!(
        written.contains(r#""amount":79228162514264337593543950335.0,"maybe":1.10,"#),
        "{written}"
    );
    let direct: Amounts = serde_json::from_str(doc).unwrap();
    assert_eq!(direct, a);
    // Through a reader (the owned raw-value path) as well.
    let read: Amounts = datacontract::json::from_reader(doc.as_bytes()).unwrap();
    assert_eq!(read, a);
}

#[test]
fn integers_past_their_type_are_overflow_not_rounded() {
    use datacontract::json::ErrorKind;
    let e =
        amounts(r#"{"amount":1,"maybe":null,"big":18446744073709551616,"text":null,"ratio":0}"#)
            .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Overflow, "{e}");
    assert_eq!(e.path(), "big");
    // Where the number ends, not where serde_json stopped (the `}` after it).
    let e = amounts(r#"{"big":18446744073709551616}"#).unwrap_err();
    assert_eq!(e.position(), Some((1, 27)), "{e}");
    let e = amounts(r#"{"amount":79228162514264337593543950336}"#).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Overflow, "{e}");
    assert_eq!(e.path(), "amount");
}

#[test]
fn nullable_and_string_coercions_stay() {
    let a = amounts(r#"{"amount":"2.50","maybe":"","big":"7","text":1.50,"ratio":"1e2"}"#).unwrap();
    assert_eq!(a.amount.to_string(), "2.50");
    assert_eq!(a.maybe, None);
    assert_eq!(a.big, 7);
    assert_eq!(a.text.as_deref(), Some("1.5"));
    assert_eq!(a.ratio, 100.0);
}
