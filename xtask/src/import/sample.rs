//! Readers for the samples: JSON (serde_json) keeping member order and number text, XML keeping
//! element order and expanded names. Only what Json.NET and DataContractSerializer write is
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

/// Parses a whole XML document (one root element).
pub fn parse_xml(text: &str) -> Result<Xml, String> {
    let mut p = XmlParser {
        text,
        pos: 0,
        scopes: vec![vec![(
            Some("xml".to_owned()),
            "http://www.w3.org/XML/1998/namespace".to_owned(),
        )]],
    };
    p.misc()?;
    if !p.text[p.pos..].starts_with('<') {
        return Err(p.err("expected the root element"));
    }
    let root = p.element(0)?;
    p.misc()?;
    if p.pos != p.text.len() {
        return Err(p.err("text after the root element"));
    }
    Ok(root)
}

struct XmlParser<'a> {
    text: &'a str,
    pos: usize,
    scopes: Vec<Vec<(Option<String>, String)>>,
}

impl XmlParser<'_> {
    fn err(&self, what: &str) -> String {
        format!("invalid XML at offset {}: {what}", self.pos)
    }

    fn rest(&self) -> &str {
        &self.text[self.pos..]
    }

    fn skip_ws(&mut self) {
        let trimmed = self.rest().trim_start();
        self.pos = self.text.len() - trimmed.len();
    }

    /// Whitespace, comments, processing instructions and the declaration.
    fn misc(&mut self) -> Result<(), String> {
        loop {
            self.skip_ws();
            if self.rest().starts_with("<?") {
                let end = self
                    .rest()
                    .find("?>")
                    .ok_or_else(|| self.err("unterminated `<?`"))?;
                self.pos += end + 2;
            } else if self.rest().starts_with("<!--") {
                let end = self
                    .rest()
                    .find("-->")
                    .ok_or_else(|| self.err("unterminated comment"))?;
                self.pos += end + 3;
            } else {
                return Ok(());
            }
        }
    }

    fn resolve(&self, prefix: Option<&str>) -> Option<String> {
        for scope in self.scopes.iter().rev() {
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

    fn name(&mut self) -> Result<String, String> {
        let rest = self.rest();
        let len = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '>' | '/' | '='))
            .unwrap_or(rest.len());
        if len == 0 {
            return Err(self.err("expected a name"));
        }
        let name = rest[..len].to_owned();
        self.pos += len;
        Ok(name)
    }

    fn element(&mut self, depth: usize) -> Result<Xml, String> {
        if depth > 64 {
            return Err(self.err("nested too deeply"));
        }
        self.pos += 1; // `<`
        let qname = self.name()?;
        let mut raw_attrs = Vec::new();
        let mut empty = false;
        loop {
            self.skip_ws();
            if self.rest().starts_with("/>") {
                self.pos += 2;
                empty = true;
                break;
            }
            if self.rest().starts_with('>') {
                self.pos += 1;
                break;
            }
            if self.rest().is_empty() {
                return Err(self.err("unterminated start tag"));
            }
            let key = self.name()?;
            self.skip_ws();
            if !self.rest().starts_with('=') {
                return Err(self.err("expected `=` after an attribute name"));
            }
            self.pos += 1;
            self.skip_ws();
            let quote = self
                .rest()
                .chars()
                .next()
                .filter(|c| *c == '"' || *c == '\'');
            let Some(quote) = quote else {
                return Err(self.err("expected a quoted attribute value"));
            };
            self.pos += 1;
            let end = self
                .rest()
                .find(quote)
                .ok_or_else(|| self.err("unterminated attribute value"))?;
            let value = unescape(&self.rest()[..end]);
            self.pos += end + 1;
            raw_attrs.push((key, value));
        }
        let mut decls = Vec::new();
        let mut attrs = Vec::new();
        for (key, value) in raw_attrs {
            if key == "xmlns" {
                decls.push((None, value));
            } else if let Some(p) = key.strip_prefix("xmlns:") {
                decls.push((Some(p.to_owned()), value));
            } else {
                attrs.push((key, value));
            }
        }
        self.scopes.push(decls.clone());
        let (prefix, local) = split_qname(&qname);
        let ns = self
            .resolve(prefix)
            .ok_or_else(|| self.err(&format!("undeclared prefix in `{qname}`")))?;
        let mut resolved_attrs = Vec::new();
        for (key, value) in attrs {
            let (p, l) = split_qname(&key);
            let ans = match p {
                Some(p) => self
                    .resolve(Some(p))
                    .ok_or_else(|| self.err(&format!("undeclared prefix in `{key}`")))?,
                None => String::new(),
            };
            resolved_attrs.push((ans, l.to_owned(), value));
        }
        let nil = resolved_attrs
            .iter()
            .any(|(ns, n, v)| ns == XSI && n == "nil" && v == "true");
        let mut el = Xml {
            name: local.to_owned(),
            ns,
            prefix: prefix.map(str::to_owned),
            ns_decls: decls,
            attrs: resolved_attrs,
            children: Vec::new(),
            text: String::new(),
            nil,
        };
        if !empty {
            loop {
                let rest = self.rest();
                let Some(lt) = rest.find('<') else {
                    return Err(self.err(&format!("`<{qname}>` is not closed")));
                };
                el.text.push_str(&unescape(&rest[..lt]));
                self.pos += lt;
                let rest = self.rest();
                if rest.starts_with("</") {
                    self.pos += 2;
                    let end_name = self.name()?;
                    if end_name != qname {
                        return Err(self.err(&format!("`</{end_name}>` closes `<{qname}>`")));
                    }
                    self.skip_ws();
                    if !self.rest().starts_with('>') {
                        return Err(self.err("expected `>`"));
                    }
                    self.pos += 1;
                    break;
                } else if rest.starts_with("<!--") {
                    let end = rest
                        .find("-->")
                        .ok_or_else(|| self.err("unterminated comment"))?;
                    self.pos += end + 3;
                } else if rest.starts_with("<![CDATA[") {
                    let end = rest
                        .find("]]>")
                        .ok_or_else(|| self.err("unterminated CDATA"))?;
                    el.text.push_str(&rest[9..end]);
                    self.pos += end + 3;
                } else {
                    let child = self.element(depth + 1)?;
                    el.children.push(child);
                }
            }
        }
        if !el.children.is_empty() && el.text.trim().is_empty() {
            el.text.clear();
        }
        self.scopes.pop();
        Ok(el)
    }
}

fn split_qname(q: &str) -> (Option<&str>, &str) {
    match q.split_once(':') {
        Some((p, l)) => (Some(p), l),
        None => (None, q),
    }
}

/// Decodes XML's character references (`&lt;`, `&#39;`, `&#x2F;`, ...); an unknown one is kept.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(|c: char| c == ';' || c == '&' || c.is_whitespace() || c == '<');
        let decoded = match end {
            Some(e) if rest.as_bytes()[e + 1] == b';' => {
                let name = &rest[1..e + 1];
                let ch = match name {
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "amp" => Some('&'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "nbsp" => Some('\u{a0}'),
                    "copy" => Some('©'),
                    _ if name.starts_with("#x") || name.starts_with("#X") => {
                        u32::from_str_radix(&name[2..], 16)
                            .ok()
                            .and_then(char::from_u32)
                    }
                    _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
                    _ => None,
                };
                ch.map(|c| (c, e + 2))
            }
            _ => None,
        };
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
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
}
