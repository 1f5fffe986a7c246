//! Checks that XML and JSON name a contract's members the same: the element names under the
//! root of a value's XML equal the keys of its JSON object (hidden base members share their
//! name with the member that hides them, so the sets are compared), except the get-only and
//! private-setter properties the schema declares, which only Json.NET writes.

use std::collections::BTreeSet;
use std::path::Path;

use h2h_models::{ContractVisitor, DataContract};

/// Loads the schema the models were generated from (workspace-relative folder).
pub fn schema(dir: &str) -> h2h_schema::Api {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    h2h_schema::load_dir(&root.join(dir), &root).expect("the schema loads")
}

/// Visits a contract and compares its XML member names with its JSON keys.
pub struct SameNames<'a> {
    /// The schema the models come from: it says which members are JSON-only.
    pub api: &'a h2h_schema::Api,
    /// The contract's full CLR name.
    pub clr_name: &'a str,
}

impl SameNames<'_> {
    /// Wire names of the contract's members (own and inherited) that are not read-write
    /// properties: Json.NET writes them, DCS does not.
    fn json_only(&self) -> BTreeSet<String> {
        let Some(id) = (0..self.api.contracts.len())
            .map(h2h_schema::ir::ContractId)
            .find(|&id| {
                let c = self.api.contract(id);
                format!("{}.{}", c.clr_namespace, c.clr_name) == self.clr_name
            })
        else {
            return BTreeSet::new();
        };
        self.api
            .flattened(id)
            .iter()
            .filter(|f| f.member.access.is_some())
            .map(|f| f.member.wire_name.clone())
            .collect()
    }
}

impl ContractVisitor for SameNames<'_> {
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
        let mut names: BTreeSet<String> = child_names(&xml)
            .iter()
            .map(|n| decode_local_name(n))
            .collect();
        let json_only = self.json_only();
        if let Some(both) = names.intersection(&json_only).next() {
            return Err(format!(
                "`{both}` is JSON-only in the schema but DCS writes it"
            ));
        }
        names.extend(json_only);
        if names == keys {
            Ok(())
        } else {
            Err(format!(
                "XML members and JSON-only members {names:?} but JSON keys {keys:?}"
            ))
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
