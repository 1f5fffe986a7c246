//! The sample texts of a help page: the verifier's expected values ([`verify::expected`], which
//! follows the sample generator's rules in `dotnet_rules`) written out as the page writes them.
//! JSON as `JsonConvert.SerializeObject(..., Formatting.Indented)` re-emits Json.NET's output;
//! XML as `XDocument.Parse(...).ToString()` re-emits DataContractSerializer's (HELPPAGE.md §2.2,
//! §2.5, §2.6): 2-space indents, `<X />` for empty elements, `xmlns:i` before `xmlns` on the
//! root, and `d{depth}p{n}` prefixes declared where DCS declares them.

use dotnet_rules::namespaces::{SERIALIZATION, XSI};
use h2h_schema::ir::{Api, Type};

use crate::import::verify::{self, El, Expect, Expected, Format};

/// What a sample group shows for one format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sample {
    /// The sample text, pretty-printed as the page shows it.
    Text(String),
    /// The sample object graph has a cycle: serialization fails, the page shows "Sample not
    /// available." (the failure message only on debug sites).
    NotAvailable,
}

/// The sample of a body of type `ty` in `format`, with `collection_size` items per collection.
/// The layouts are the runtime's (`datacontract::json::to_string_pretty`,
/// `datacontract::xml::indent`), which write the typed models' samples too.
pub fn sample(api: &Api, ty: &Type, format: Format, collection_size: usize) -> Sample {
    match verify::expected(api, ty, format, collection_size) {
        Expected::Cycle(_) => Sample::NotAvailable,
        Expected::Json(value) => match datacontract::json::to_string_pretty(&JsonValue(&value)) {
            Ok(text) => Sample::Text(text),
            // Json.NET throws: the page shows no sample.
            Err(_) => Sample::NotAvailable,
        },
        Expected::Xml(root) => {
            let mut out = Vec::new();
            let mut writer = XmlWriter {
                api,
                out: &mut out,
                scopes: Vec::new(),
            };
            writer.element(&root, true, 1);
            let compact = String::from_utf8_lossy(&out).into_owned();
            match datacontract::xml::indent(&compact) {
                Ok(text) => Sample::Text(text),
                Err(_) => Sample::NotAvailable,
            }
        }
    }
}

/// An expected JSON value, serialized in its member order (numbers verbatim).
struct JsonValue<'a>(&'a Expect);

impl serde::Serialize for JsonValue<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error as _, SerializeMap, SerializeSeq};
        match self.0 {
            Expect::Str(t) | Expect::Like(_, t) => s.serialize_str(t),
            Expect::Num(n) => serde_json::value::RawValue::from_string(n.clone())
                .map_err(S::Error::custom)?
                .serialize(s),
            Expect::Bool(b) => s.serialize_bool(*b),
            Expect::Null | Expect::Any(_) => s.serialize_unit(),
            Expect::Arr(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&JsonValue(item))?;
                }
                seq.end()
            }
            Expect::Obj(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                for (name, value) in members {
                    map.serialize_entry(name, &JsonValue(value))?;
                }
                map.end()
            }
        }
    }
}

/// The namespace declarations in scope on one element.
struct Scope {
    default: Option<String>,
    prefixes: Vec<(String, String)>,
}

/// Writes compact DCS XML (no whitespace between elements): the namespace declarations where
/// DCS puts them.
struct XmlWriter<'a, 'o> {
    api: &'a Api,
    out: &'o mut Vec<u8>,
    scopes: Vec<Scope>,
}

impl XmlWriter<'_, '_> {
    fn default_ns(&self) -> Option<&str> {
        self.scopes.iter().rev().find_map(|s| s.default.as_deref())
    }

    fn prefix_of(&self, ns: &str) -> Option<&str> {
        self.scopes.iter().rev().find_map(|s| {
            s.prefixes
                .iter()
                .find(|(_, n)| n == ns)
                .map(|(p, _)| p.as_str())
        })
    }

    fn in_scope(&self, ns: &str) -> bool {
        self.default_ns() == Some(ns) || self.prefix_of(ns).is_some()
    }

    /// The element's whole name: a dictionary's and its items' names carry the digest.
    fn local_name(&self, el: &El, root: bool) -> String {
        match &el.dictionary {
            Some(Type::Dictionary(k, v)) => {
                let ((item, _), array) = crate::codegen::xsd::dictionary_names(self.api, k, v);
                if root {
                    array
                } else {
                    item
                }
            }
            _ => el.name.clone(),
        }
    }

    fn element(&mut self, el: &El, root: bool, depth: usize) {
        let mut scope = Scope {
            default: None,
            prefixes: Vec::new(),
        };
        let mut attributes = Vec::new();
        let mut next_prefix = 1;
        let mut declare = |scope: &mut Scope, attributes: &mut Vec<String>, ns: &str| {
            let prefix = format!("d{depth}p{next_prefix}");
            next_prefix += 1;
            attributes.push(format!("xmlns:{prefix}=\"{ns}\""));
            scope.prefixes.push((prefix.clone(), ns.to_owned()));
            prefix
        };
        let prefix = if root {
            // Class and collection roots declare `i` first; primitive roots only `xmlns`.
            if el.ns != SERIALIZATION {
                attributes.push(format!("xmlns:i=\"{XSI}\""));
            }
            attributes.push(format!("xmlns=\"{}\"", el.ns));
            scope.default = Some(el.ns.clone());
            None
        } else if self.default_ns() == Some(el.ns.as_str()) {
            None
        } else if let Some(p) = self.prefix_of(&el.ns) {
            Some(p.to_owned())
        } else {
            Some(declare(&mut scope, &mut attributes, &el.ns))
        };
        if el.nil {
            attributes.push("i:nil=\"true\"".into());
        } else if !root {
            // DCS declares the namespace of a member's value on the member element (the
            // namespace of its contract: that of the last level's members, or of the items).
            if let Some(last) = el.children.last() {
                self.scopes.push(scope);
                let missing = !self.in_scope(&last.ns);
                scope = self.scopes.pop().unwrap_or(Scope {
                    default: None,
                    prefixes: Vec::new(),
                });
                if missing {
                    declare(&mut scope, &mut attributes, &last.ns);
                }
            }
        }
        let name = self.local_name(el, root);
        let qname = match &prefix {
            Some(p) => format!("{p}:{name}"),
            None => name,
        };
        let mut start = format!("<{qname}");
        for a in &attributes {
            start.push(' ');
            start.push_str(a);
        }
        let text = match &el.text {
            Some(Expect::Str(s) | Expect::Like(_, s)) => s.clone(),
            Some(Expect::Num(n)) => n.clone(),
            Some(Expect::Bool(b)) => b.to_string(),
            _ => String::new(),
        };
        if el.nil || (text.is_empty() && el.children.is_empty()) {
            start.push_str(" />");
            self.out.extend_from_slice(start.as_bytes());
            return;
        }
        start.push('>');
        self.out.extend_from_slice(start.as_bytes());
        self.scopes.push(scope);
        if el.children.is_empty() {
            datacontract::xml::escape_text(self.out, &text);
        } else {
            for child in &el.children {
                self.element(child, false, depth + 1);
            }
        }
        self.scopes.pop();
        self.out.extend_from_slice(format!("</{qname}>").as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(toml: &str) -> Api {
        h2h_schema::load_sources(&[h2h_schema::SourceFile {
            path: "t.toml".into(),
            text: toml.into(),
        }])
        .unwrap_or_else(|d| panic!("{d}"))
    }

    const SCHEMA: &str = r#"
namespace = "Acme"

[[contract]]
name = "Order"
member = [
  { name = "id", type = "int" },
  { name = "tags", type = "List<string>" },
  { name = "party", type = "Acme.Common.Party" },
  { name = "note", type = "int?" },
]

[[contract]]
name = "Party"
namespace = "Acme.Common"
member = [{ name = "name", type = "string" }]
"#;

    #[test]
    fn json_as_json_net_indents_it() {
        let api = api(SCHEMA);
        let ty = Type::Contract(h2h_schema::ir::ContractId(0));
        assert_eq!(
            sample(&api, &ty, Format::Json, 2),
            Sample::Text(
                "{\n  \"id\": 1,\n  \"tags\": [\n    \"sample string 1\",\n    \"sample string 2\"\n  ],\n  \"party\": {\n    \"name\": \"sample string 1\"\n  },\n  \"note\": 1\n}"
                    .into()
            )
        );
    }

    #[test]
    fn xml_as_xdocument_writes_dcs_output() {
        let api = api(SCHEMA);
        let ty = Type::Contract(h2h_schema::ir::ContractId(0));
        let Sample::Text(text) = sample(&api, &ty, Format::Xml, 2) else {
            panic!("no sample")
        };
        assert_eq!(
            text,
            "<Order xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"http://schemas.datacontract.org/2004/07/Acme\">\n  <id>1</id>\n  <note>1</note>\n  <party xmlns:d2p1=\"http://schemas.datacontract.org/2004/07/Acme.Common\">\n    <d2p1:name>sample string 1</d2p1:name>\n  </party>\n  <tags xmlns:d2p1=\"http://schemas.microsoft.com/2003/10/Serialization/Arrays\">\n    <d2p1:string>sample string 1</d2p1:string>\n    <d2p1:string>sample string 2</d2p1:string>\n  </tags>\n</Order>"
        );
        // What the exporter writes, the verifier accepts.
        verify::check_sample(&api, &ty, Format::Xml, &text, 2).unwrap();
    }

    #[test]
    fn primitive_roots_and_dictionaries() {
        let api = api(SCHEMA);
        let string = Type::Primitive(h2h_schema::ir::Primitive::String);
        assert_eq!(
            sample(&api, &string, Format::Xml, 2),
            Sample::Text("<string xmlns=\"http://schemas.microsoft.com/2003/10/Serialization/\">sample string 1</string>".into())
        );
        let dict = Type::Dictionary(
            Box::new(string.clone()),
            Box::new(Type::Primitive(h2h_schema::ir::Primitive::Int32)),
        );
        let Sample::Text(text) = sample(&api, &dict, Format::Xml, 2) else {
            panic!("no sample")
        };
        assert!(
            text.starts_with("<ArrayOfKeyValueOfstringint xmlns:i="),
            "{text}"
        );
        assert!(text.contains("\n  <KeyValueOfstringint>\n    <Key>sample string 1</Key>\n    <Value>2</Value>\n  </KeyValueOfstringint>"), "{text}");
        assert_eq!(
            sample(&api, &dict, Format::Json, 2),
            Sample::Text("{\n  \"sample string 1\": 2,\n  \"sample string 3\": 4\n}".into())
        );
    }
}
