//! Readers for the samples: JSON (serde_json) keeping member order and number text, XML
//! (quick-xml) keeping element order and expanded names. Only what Json.NET and DataContractSerializer write is
//! needed.

/// A JSON value; object members in order, numbers as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, its text as written (`1.0` stays `1.0`).
    Num(String),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<Json>),
    /// An object, members in order.
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// A short description for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Num(_) => "a number",
            Json::Str(_) => "a string",
            Json::Arr(_) => "an array",
            Json::Obj(_) => "an object",
        }
    }
}

/// Parses a whole JSON document with serde_json; member order and each number's text are kept
/// by reading every value as its raw text first (`RawValue`) and descending into it.
pub fn parse_json(text: &str) -> Result<Json, String> {
    let raw: &RawValue = serde_json::from_str(text).map_err(|e| json_error(text, &e))?;
    json_of_raw(raw, 0).map_err(|e| match e {
        RawError::Json(e) => json_error(text, &e),
        RawError::Deep(at) => format!(
            "invalid JSON at offset {}: nested too deeply",
            at.saturating_sub(text.as_ptr() as usize)
        ),
    })
}

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

enum RawError {
    Json(serde_json::Error),
    /// Nested deeper than 64, at this address in the text.
    Deep(usize),
}

/// serde_json's position (line and column) as an offset into the text, with its message.
fn json_error(text: &str, e: &serde_json::Error) -> String {
    let before: usize = text
        .split_inclusive('\n')
        .take(e.line().saturating_sub(1))
        .map(str::len)
        .sum();
    let offset = before + e.column().saturating_sub(1);
    let what = e.to_string();
    let what = what.split(" at line ").next().unwrap_or(&what).to_owned();
    format!("invalid JSON at offset {offset}: {what}")
}

/// An object's members in order, each value still raw.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Members<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Members<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut m: M) -> Result<Self::Value, M::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = m.next_entry::<String, &'de RawValue>()? {
                    out.push((k, v));
                }
                Ok(Members(out))
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

fn json_of_raw(raw: &RawValue, depth: usize) -> Result<Json, RawError> {
    let t = raw.get();
    if depth > 64 {
        return Err(RawError::Deep(t.as_ptr() as usize));
    }
    let v = match t.as_bytes().first() {
        Some(b'{') => {
            let Members(members) = serde_json::from_str(t).map_err(RawError::Json)?;
            let mut out = Vec::with_capacity(members.len());
            for (k, v) in members {
                out.push((k, json_of_raw(v, depth + 1)?));
            }
            Json::Obj(out)
        }
        Some(b'[') => {
            let items: Vec<&RawValue> = serde_json::from_str(t).map_err(RawError::Json)?;
            let mut out = Vec::with_capacity(items.len());
            for v in items {
                out.push(json_of_raw(v, depth + 1)?);
            }
            Json::Arr(out)
        }
        Some(b'"') => Json::Str(serde_json::from_str(t).map_err(RawError::Json)?),
        Some(b't' | b'f') => Json::Bool(serde_json::from_str(t).map_err(RawError::Json)?),
        Some(b'n') => Json::Null,
        _ => Json::Num(t.to_owned()),
    };
    Ok(v)
}

use dotnet_rules::namespaces::XSI;

/// An XML element with expanded names.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Xml {
    /// Local name.
    pub name: String,
    /// Namespace URI ("" for none).
    pub ns: String,
    /// The prefix it was written with.
    pub prefix: Option<String>,
    /// Namespace declarations on this element (`None` = default namespace).
    pub ns_decls: Vec<(Option<String>, String)>,
    /// Other attributes: (namespace, local name, value).
    pub attrs: Vec<(String, String, String)>,
    /// Child elements in order.
    pub children: Vec<Xml>,
    /// Text content (character data of this element, concatenated).
    pub text: String,
    /// `i:nil="true"`.
    pub nil: bool,
}

impl Xml {
    /// Children with this local name.
    pub fn child(&self, name: &str) -> Option<&Xml> {
        self.children.iter().find(|c| c.name == name)
    }
}

/// Parses a whole XML document (one root element). quick-xml reads the tokens (well-formedness,
/// end names, character references); the names are resolved here, keeping each element's
/// prefix and declarations, which the verifier compares with DataContractSerializer's.
pub fn parse_xml(text: &str) -> Result<Xml, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let mut scopes: Scopes = vec![vec![(
        Some("xml".to_owned()),
        "http://www.w3.org/XML/1998/namespace".to_owned(),
    )]];
    // Open elements with their qualified names.
    let mut stack: Vec<(Xml, String)> = Vec::new();
    let mut root: Option<Xml> = None;
    let err = |at: u64, what: &str| format!("invalid XML at offset {at}: {what}");
    loop {
        let at = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| err(reader.error_position(), &e.to_string()))?;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => {
                if root.is_some() {
                    return Err(err(at, "text after the root element"));
                }
                if stack.len() > 64 {
                    return Err(err(at, "nested too deeply"));
                }
                let el = start(&e, &mut scopes).map_err(|w| err(at, &w))?;
                let qname = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                stack.push((el, qname));
                if !empty {
                    continue;
                }
                close(&mut stack, &mut scopes, &mut root);
            }
            Event::End(_) => close(&mut stack, &mut scopes, &mut root),
            Event::Text(t) => {
                let t = t
                    .unescape()
                    .map_err(|e| err(reader.buffer_position(), &e.to_string()))?;
                match stack.last_mut() {
                    Some((el, _)) => el.text.push_str(&t),
                    None if t.trim().is_empty() => {}
                    None if root.is_none() => return Err(err(at, "expected the root element")),
                    None => return Err(err(at, "text after the root element")),
                }
            }
            Event::CData(c) => {
                let c = std::str::from_utf8(&c).map_err(|e| err(at, &e.to_string()))?;
                match stack.last_mut() {
                    Some((el, _)) => el.text.push_str(c),
                    None => return Err(err(at, "CDATA outside the root element")),
                }
            }
            Event::Comment(_) | Event::PI(_) | Event::Decl(_) => {}
            Event::DocType(_) => return Err(err(at, "a document type declaration")),
            Event::Eof => break,
        }
    }
    if let Some((_, qname)) = stack.last() {
        return Err(err(
            reader.buffer_position(),
            &format!("`<{qname}>` is not closed"),
        ));
    }
    root.ok_or_else(|| err(reader.buffer_position(), "expected the root element"))
}

/// The namespace declarations in scope, innermost last.
type Scopes = Vec<Vec<(Option<String>, String)>>;

fn resolve(scopes: &Scopes, prefix: Option<&str>) -> Option<String> {
    for scope in scopes.iter().rev() {
        for (p, uri) in scope.iter().rev() {
            if p.as_deref() == prefix {
                return Some(uri.clone());
            }
        }
    }
    if prefix.is_none() {
        Some(String::new())
    } else {
        None
    }
}

/// An element from its start tag, its declarations pushed as a new scope.
fn start(e: &quick_xml::events::BytesStart<'_>, scopes: &mut Scopes) -> Result<Xml, String> {
    let qname = String::from_utf8_lossy(e.name().as_ref()).into_owned();
    let mut decls = Vec::new();
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        let value = a.unescape_value().map_err(|e| e.to_string())?.into_owned();
        if key == "xmlns" {
            decls.push((None, value));
        } else if let Some(p) = key.strip_prefix("xmlns:") {
            decls.push((Some(p.to_owned()), value));
        } else {
            attrs.push((key, value));
        }
    }
    scopes.push(decls.clone());
    let (prefix, local) = split_qname(&qname);
    let ns = resolve(scopes, prefix).ok_or_else(|| format!("undeclared prefix in `{qname}`"))?;
    let mut resolved_attrs = Vec::new();
    for (key, value) in attrs {
        let (p, l) = split_qname(&key);
        let ans = match p {
            Some(p) => {
                resolve(scopes, Some(p)).ok_or_else(|| format!("undeclared prefix in `{key}`"))?
            }
            None => String::new(),
        };
        resolved_attrs.push((ans, l.to_owned(), value));
    }
    let nil = resolved_attrs
        .iter()
        .any(|(ns, n, v)| ns == XSI && n == "nil" && v == "true");
    Ok(Xml {
        name: local.to_owned(),
        ns,
        prefix: prefix.map(str::to_owned),
        ns_decls: decls,
        attrs: resolved_attrs,
        children: Vec::new(),
        text: String::new(),
        nil,
    })
}

/// Ends the innermost open element: into its parent, or the root.
fn close(stack: &mut Vec<(Xml, String)>, scopes: &mut Scopes, root: &mut Option<Xml>) {
    let Some((mut el, _)) = stack.pop() else {
        return;
    };
    scopes.pop();
    if !el.children.is_empty() && el.text.trim().is_empty() {
        el.text.clear();
    }
    match stack.last_mut() {
        Some((parent, _)) => parent.children.push(el),
        None => *root = Some(el),
    }
}

fn split_qname(q: &str) -> (Option<&str>, &str) {
    match q.split_once(':') {
        Some((p, l)) => (Some(p), l),
        None => (None, q),
    }
}

/// Whether a text is a whole JSON or XML document.
pub fn parses(text: &str) -> bool {
    let t = text.trim();
    if t.starts_with('<') {
        parse_xml(t).is_ok()
    } else {
        parse_json(t).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_keeps_order_and_number_text() {
        let j = parse_json(r#"{ "b": 1.0, "a": [true, null, "x\"y"], "c": {} }"#).unwrap();
        let Json::Obj(m) = j else { panic!() };
        assert_eq!(m[0], ("b".into(), Json::Num("1.0".into())));
        assert_eq!(m[1].0, "a");
        assert!(parse_json("{ \"a\": 1 } x").is_err());
    }

    #[test]
    fn xml_expanded_names_and_nil() {
        let x = parse_xml(r#"<A xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="urn:a"> <b i:nil="true" /> <c xmlns:d2p1="urn:d"><d2p1:e>1 &amp; 2</d2p1:e></c> </A>"#).unwrap();
        assert_eq!(x.ns, "urn:a");
        assert!(x.children[0].nil);
        assert_eq!(x.children[1].ns, "urn:a");
        assert_eq!(x.children[1].children[0].ns, "urn:d");
        assert_eq!(x.children[1].children[0].text, "1 & 2");
        assert!(parse_xml("<a><b></a>").is_err());
    }
    #[test]
    fn json_keeps_member_order_and_number_text() {
        let v = parse_json(r#" { "b": 1.0, "a": [-2, 1.5E+3, 10000000000000000000000], "c": "x\u00e9\n\"", "d": null, "e": true } "#).unwrap();
        assert_eq!(
            v,
            Json::Obj(vec![
                ("b".into(), Json::Num("1.0".into())),
                (
                    "a".into(),
                    Json::Arr(vec![
                        Json::Num("-2".into()),
                        Json::Num("1.5E+3".into()),
                        Json::Num("10000000000000000000000".into()),
                    ])
                ),
                ("c".into(), Json::Str("x\u{e9}\n\"".into())),
                ("d".into(), Json::Null),
                ("e".into(), Json::Bool(true)),
            ])
        );
    }

    #[test]
    fn json_errors_say_where() {
        let e = parse_json("{ token: 1 }").unwrap_err();
        assert!(e.starts_with("invalid JSON at offset 2: "), "{e}");
        let e = parse_json("{}\n {").unwrap_err();
        assert!(e.starts_with("invalid JSON at offset 4: "), "{e}");
        let deep = format!("{}1{}", "[".repeat(70), "]".repeat(70));
        let e = parse_json(&deep).unwrap_err();
        assert_eq!(e, "invalid JSON at offset 65: nested too deeply");
    }

    #[test]
    fn xml_tokens_and_errors() {
        let x = parse_xml("<?xml version=\"1.0\"?>\n<!-- c --><a x='1 &amp; 2'>t&#x2019;<![CDATA[<raw>]]><b/>&lt;</a>\n").unwrap();
        assert_eq!(x.name, "a");
        assert_eq!(x.attrs, [(String::new(), "x".into(), "1 & 2".into())]);
        assert_eq!(x.text, "t\u{2019}<raw><");
        assert_eq!(x.children[0].name, "b");
        for (bad, want) in [
            ("<a><b></a>", "invalid XML at offset"),
            ("<a>", "`<a>` is not closed"),
            ("<a/><b/>", "text after the root element"),
            ("<a/> x", "text after the root element"),
            ("x <a/>", "expected the root element"),
            ("", "expected the root element"),
            ("<p:a/>", "undeclared prefix in `p:a`"),
            ("<a p:x='1'/>", "undeclared prefix in `p:x`"),
        ] {
            let e = parse_xml(bad).unwrap_err();
            assert!(
                e.starts_with("invalid XML at offset") && e.contains(want),
                "{bad}: {e}"
            );
        }
        let deep = format!("{}{}", "<a>".repeat(70), "</a>".repeat(70));
        assert!(parse_xml(&deep).unwrap_err().contains("nested too deeply"));
    }
}
