//! A contract of the user's own, written and read in both formats by the runtime alone. The
//! expected bytes are what .NET wrote for the same class (`dotnet/Invoice.cs`, run under Mono
//! 6.8: DataContractSerializer with Web API's writer settings, members in ordinal order; Json.NET
//! in declaration order, the decimal with its scale).

use std::str::FromStr;

use datacontract::Decimal;
use runtime_user::Invoice;

fn invoice() -> Invoice {
    Invoice {
        number: Some("INV-7".into()),
        amount: Decimal::from_str("1250.50").unwrap(),
        lines: None,
    }
}

const XML: &str = "<Invoice xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" \
    xmlns=\"http://schemas.datacontract.org/2004/07/Acme.Billing\">\
    <Amount>1250.50</Amount><Lines i:nil=\"true\" /><Number>INV-7</Number></Invoice>";

const JSON: &str = r#"{"Number":"INV-7","Amount":1250.50,"Lines":null}"#;

#[test]
fn writes_what_dotnet_writes() {
    assert_eq!(datacontract::xml::to_string(&invoice()).unwrap(), XML);
    assert_eq!(datacontract::json::to_string(&invoice()).unwrap(), JSON);
}

#[test]
fn reads_both_formats() {
    let from_xml: Invoice = datacontract::xml::from_str(XML).unwrap();
    assert!(from_xml == invoice());
    let from_json: Invoice = datacontract::json::from_str(JSON).unwrap();
    assert!(from_json == invoice());
    // The decimal's scale survives: 1250.50, not 1250.5.
    assert_eq!(from_json.amount.to_string(), "1250.50");
}

#[test]
fn bad_input_names_the_member() {
    let err = datacontract::json::from_str::<Invoice>(r#"{"Number":"x","Amount":"lots"}"#)
        .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("Amount"), "{text}");
}
