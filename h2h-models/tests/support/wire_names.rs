//! Checks that XML and JSON name a contract's members the same: the element names under the
//! root of a value's XML equal the keys of its JSON object (hidden base members share their
//! name with the member that hides them, so the sets are compared).

use std::collections::BTreeSet;

use h2h_models::{ContractVisitor, DataContract};

/// Visits a contract and compares its XML member names with its JSON keys.
pub struct SameNames;

impl ContractVisitor for SameNames {
    type Output = Result<(), String>;

    fn visit<T: DataContract + 'static>(self) -> Self::Output {
        let value = <T as h2h_models::xml::XmlValue>::missing();
        let json: serde_json::Value =
            serde_json::from_str(&h2h_models::json::to_string(&value).map_err(|e| e.to_string())?)
                .map_err(|e| e.to_string())?;
        let keys: BTreeSet<String> = match json {
            serde_json::Value::Object(map) => map.keys().cloned().collect(),
            other => return Err(format!("not an object: {other}")),
        };
        let xml = match h2h_models::xml::to_string(&value) {
            Ok(xml) => xml,
            // No XML form for this default (an enum without a constant 0): nothing to compare.
            Err(_) => return Ok(()),
        };
        let names: BTreeSet<String> = child_names(&xml)
            .iter()
            .map(|n| decode_local_name(n))
            .collect();
        if names == keys {
            Ok(())
        } else {
            Err(format!("XML members {names:?} but JSON keys {keys:?}"))
        }
    }
}

/// Local names of the root's child elements.
fn child_names(xml: &str) -> BTreeSet<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0usize;
    let mut names = BTreeSet::new();
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e)) => {
                depth += 1;
                if depth == 2 {
                    names.insert(String::from_utf8_lossy(e.local_name().as_ref()).into_owned());
                }
            }
            Ok(quick_xml::events::Event::Empty(e)) if depth == 1 => {
                names.insert(String::from_utf8_lossy(e.local_name().as_ref()).into_owned());
            }
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    names
}

/// Undoes `XmlConvert.EncodeLocalName`: `_xHHHH_` is the UTF-16 code unit HHHH.
fn decode_local_name(name: &str) -> String {
    let mut units: Vec<u16> = Vec::new();
    let mut rest = name;
    while !rest.is_empty() {
        if let Some(hex) = rest
            .strip_prefix("_x")
            .and_then(|r| r.get(..5))
            .filter(|h| h.ends_with('_'))
        {
            if let Ok(unit) = u16::from_str_radix(&hex[..4], 16) {
                units.push(unit);
                rest = &rest[7..];
                continue;
            }
        }
        let c = rest.chars().next().unwrap_or_default();
        let mut buf = [0u16; 2];
        units.extend_from_slice(c.encode_utf16(&mut buf));
        rest = &rest[c.len_utf8()..];
    }
    String::from_utf16_lossy(&units)
}
