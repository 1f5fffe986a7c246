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
pub fn sample(api: &Api, ty: &Type, format: Format, collection_size: usize) -> Sample {
    match verify::expected(api, ty, format, collection_size) {
        Expected::Cycle(_) => Sample::NotAvailable,
        Expected::Json(value) => {
            let mut out = String::new();
            json(&value, 0, &mut out);
            Sample::Text(out)
        }
        Expected::Xml(root) => {
            let mut out = String::new();
            let mut writer = XmlWriter {
                api,
                out: &mut out,
                scopes: Vec::new(),
            };
            writer.element(&root, true, 1);
            Sample::Text(out)
        }
    }
}

fn indent(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// A JSON string literal as Json.NET escapes it (`"`, `\`, control characters).
fn json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn json(value: &Expect, depth: usize, out: &mut String) {
    match value {
        Expect::Str(s) | Expect::Like(_, s) => json_string(s, out),
        Expect::Num(n) => out.push_str(n),
        Expect::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Expect::Null | Expect::Any(_) => out.push_str("null"),
        Expect::Arr(items) if items.is_empty() => out.push_str("[]"),
        Expect::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                indent(out, depth + 1);
                json(item, depth + 1, out);
            }
            indent(out, depth);
            out.push(']');
        }
        Expect::Obj(members) if members.is_empty() => out.push_str("{}"),
        Expect::Obj(members) => {
            out.push('{');
            for (i, (name, v)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                indent(out, depth + 1);
                json_string(name, out);
                out.push_str(": ");
                json(v, depth + 1, out);
            }
            indent(out, depth);
            out.push('}');
        }
    }
}

/// XML text as `XElement.ToString()` escapes it.
fn xml_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// The namespace declarations in scope on one element.
struct Scope {
    default: Option<String>,
    prefixes: Vec<(String, String)>,
}

struct XmlWriter<'a, 'o> {
    api: &'a Api,
    out: &'o mut String,
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
        self.out.push('<');
        self.out.push_str(&qname);
        for a in &attributes {
            self.out.push(' ');
            self.out.push_str(a);
        }
        let text = match &el.text {
            Some(Expect::Str(s) | Expect::Like(_, s)) => s.clone(),
            Some(Expect::Num(n)) => n.clone(),
            Some(Expect::Bool(b)) => b.to_string(),
            _ => String::new(),
        };
        if el.nil || (text.is_empty() && el.children.is_empty()) {
            self.out.push_str(" />");
            return;
        }
        self.out.push('>');
        self.scopes.push(scope);
        if el.children.is_empty() {
            xml_text(&text, self.out);
        } else {
            for child in &el.children {
                indent(self.out, depth);
                self.element(child, false, depth + 1);
            }
            indent(self.out, depth - 1);
        }
        self.scopes.pop();
        self.out.push_str("</");
        self.out.push_str(&qname);
        self.out.push('>');
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
