//! The round trip: what the help page's sample generator and the two serializers would write
//! for the schema's types (HELPPAGE.md §1–2), compared with the page's samples. It runs on the
//! IR that `cargo xtask regenerate` sees, so a mismatch here is a mismatch in `h2h sample`.
//! Dates and GUIDs (generation time, random) match any value of their form.

use std::collections::HashSet;

use h2h_schema::ir::{self, Api, ContractId, Direction, Primitive, Type};

use super::infer::{ARRAYS_NS, SERIALIZATION_NS};
use super::sample::{parse_json, parse_xml, Json, Xml};

/// A generated value.
#[derive(Debug, Clone, PartialEq)]
enum Val {
    Prim(Primitive, u64),
    Bytes(usize),
    Enum(ir::EnumId),
    Obj(ContractId, Vec<Option<Val>>),
    List(Vec<Val>),
    Dict(Vec<(Val, Val)>),
    Null,
}

struct Gen<'a> {
    api: &'a Api,
    size: usize,
    in_progress: HashSet<ContractId>,
}

impl Gen<'_> {
    fn value(&mut self, ty: &Type, counter: &mut u64) -> Val {
        match ty {
            Type::Primitive(Primitive::Bytes) => Val::Bytes(self.size),
            Type::Primitive(p) => {
                *counter += 1;
                Val::Prim(*p, *counter)
            }
            Type::Nullable(inner) => self.value(inner, &mut 0),
            Type::Enum(id) => Val::Enum(*id),
            Type::Collection(_, inner) => {
                let mut c = 0;
                Val::List((0..self.size).map(|_| self.value(inner, &mut c)).collect())
            }
            Type::Dictionary(k, v) => {
                let mut c = 0;
                let mut entries: Vec<(Val, Val)> = Vec::new();
                for _ in 0..self.size {
                    let key = self.value(k, &mut c);
                    if entries.iter().any(|(e, _)| *e == key) {
                        continue;
                    }
                    let value = self.value(v, &mut c);
                    entries.push((key, value));
                }
                Val::Dict(entries)
            }
            Type::Contract(id) => self.contract(*id),
        }
    }

    fn contract(&mut self, id: ContractId) -> Val {
        if !self.in_progress.insert(id) {
            return Val::Null; // a cycle: the page would show no sample
        }
        let flat = self.api.flattened(id);
        let mut values: Vec<Option<Val>> = vec![None; flat.len()];
        // Reflection order: most derived level first; properties, then fields with a fresh
        // generator.
        let mut order: Vec<usize> = (0..flat.len()).filter(|&i| !flat[i].hidden).collect();
        order.sort_by_key(|&i| (std::cmp::Reverse(flat[i].level), i));
        for fields in [false, true] {
            let mut counter = 0;
            for &i in &order {
                if flat[i].member.is_field == fields {
                    values[i] = Some(self.value(&flat[i].member.ty, &mut counter));
                }
            }
        }
        self.in_progress.remove(&id);
        Val::Obj(id, values)
    }
}

fn smallest(api: &Api, id: ir::EnumId) -> Option<&ir::EnumValue> {
    api.enumeration(id)
        .values
        .iter()
        .min_by_key(|v| v.value as u64)
}

/// What the page should show, with wildcards for generated-at-runtime values.
#[derive(Debug, Clone, PartialEq)]
enum Expect {
    Any(&'static str),
    Str(String),
    Num(String),
    Bool,
    Null,
    Arr(Vec<Expect>),
    Obj(Vec<(String, Expect)>),
}

fn json_scalar(p: Primitive, n: u64) -> Expect {
    match p {
        Primitive::String => Expect::Str(format!("sample string {n}")),
        Primitive::Bool => Expect::Bool,
        Primitive::Char => Expect::Str("A".into()),
        Primitive::Byte | Primitive::SByte => Expect::Num("64".into()),
        Primitive::Int16 => Expect::Num((n % 32767).to_string()),
        Primitive::UInt16 => Expect::Num((n % 65535).to_string()),
        Primitive::Int32 => Expect::Num((n % 2147483647).to_string()),
        Primitive::UInt32 => Expect::Num((n % 4294967295).to_string()),
        Primitive::Int64 | Primitive::UInt64 => Expect::Num(n.to_string()),
        Primitive::Decimal => Expect::Num(format!("{n}.0")),
        Primitive::Double | Primitive::Single => Expect::Num(format!("{n}.1")),
        Primitive::DateTime | Primitive::DateTimeOffset => Expect::Any("a date"),
        Primitive::Guid => Expect::Any("a GUID"),
        Primitive::TimeSpan => Expect::Str("00:00:00.1234567".into()),
        Primitive::Uri => Expect::Str(format!("http://webapihelppage{n}.com")),
        Primitive::Bytes => Expect::Any("base64"),
        Primitive::Object => Expect::Obj(Vec::new()),
    }
}

fn base64_of_64s(n: usize) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = vec![64u8; n];
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let v = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[((v >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn json_of(api: &Api, v: &Val) -> Expect {
    match v {
        Val::Prim(p, n) => json_scalar(*p, *n),
        Val::Bytes(n) => Expect::Str(base64_of_64s(*n)),
        Val::Enum(id) => smallest(api, *id).map_or(Expect::Num("0".into()), |e| {
            Expect::Num(e.value.to_string())
        }),
        Val::Null => Expect::Null,
        Val::List(items) => Expect::Arr(items.iter().map(|i| json_of(api, i)).collect()),
        Val::Dict(entries) => Expect::Obj(
            entries
                .iter()
                .map(|(k, v)| {
                    let key = match json_of(api, k) {
                        Expect::Str(s) | Expect::Num(s) => s,
                        Expect::Bool => "True".into(),
                        _ => "?".into(),
                    };
                    (key, json_of(api, v))
                })
                .collect(),
        ),
        Val::Obj(id, values) => {
            let flat = api.flattened(*id);
            let mut idx: Vec<usize> = (0..flat.len()).filter(|&i| !flat[i].hidden).collect();
            idx.sort_by_key(|&i| {
                let m = flat[i].member;
                (
                    m.order.is_some(),
                    m.order,
                    std::cmp::Reverse(flat[i].level),
                    !m.is_field,
                    i,
                )
            });
            Expect::Obj(
                idx.into_iter()
                    .map(|i| {
                        let value = values[i].as_ref().map_or(Expect::Null, |v| json_of(api, v));
                        (flat[i].member.wire_name.clone(), value)
                    })
                    .collect(),
            )
        }
    }
}

fn compare_json(path: &str, want: &Expect, got: &Json) -> Result<(), String> {
    let bad = |what: String| {
        Err(format!(
            "{path}: expected {what}, the page shows {}",
            show_json(got)
        ))
    };
    match (want, got) {
        (Expect::Any("a date"), Json::Str(s)) if s.len() >= 19 && s.as_bytes()[10] == b'T' => {
            Ok(())
        }
        (Expect::Any("a GUID"), Json::Str(s)) if s.len() == 36 => Ok(()),
        (Expect::Any("base64"), Json::Str(_)) => Ok(()),
        (Expect::Any(k), _) => bad((*k).to_owned()),
        (Expect::Str(a), Json::Str(b)) if a == b => Ok(()),
        (Expect::Num(a), Json::Num(b)) if a == b => Ok(()),
        (Expect::Bool, Json::Bool(true)) | (Expect::Null, Json::Null) => Ok(()),
        (Expect::Arr(a), Json::Arr(b)) => {
            if a.len() != b.len() {
                return bad(format!("{} items", a.len()));
            }
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                compare_json(&format!("{path}[{i}]"), x, y)?;
            }
            Ok(())
        }
        (Expect::Obj(a), Json::Obj(b)) => {
            let names_a: Vec<&str> = a.iter().map(|(k, _)| k.as_str()).collect();
            let names_b: Vec<&str> = b.iter().map(|(k, _)| k.as_str()).collect();
            if names_a != names_b {
                return Err(format!(
                    "{path}: expected the members {}, the page shows {}",
                    names_a.join(", "),
                    names_b.join(", ")
                ));
            }
            for ((k, x), (_, y)) in a.iter().zip(b) {
                compare_json(&format!("{path}.{k}"), x, y)?;
            }
            Ok(())
        }
        _ => bad(show_expect(want)),
    }
}

fn show_json(j: &Json) -> String {
    match j {
        Json::Str(s) => format!("\"{s}\""),
        Json::Num(n) => n.clone(),
        other => other.kind().to_owned(),
    }
}

fn show_expect(e: &Expect) -> String {
    match e {
        Expect::Str(s) => format!("\"{s}\""),
        Expect::Num(n) => n.clone(),
        Expect::Bool => "true".into(),
        Expect::Null => "null".into(),
        Expect::Any(k) => (*k).into(),
        Expect::Arr(_) => "an array".into(),
        Expect::Obj(_) => "an object".into(),
    }
}

/// An expected XML element.
#[derive(Debug, Clone)]
struct El {
    name: String,
    ns: String,
    nil: bool,
    text: Option<Expect>,
    children: Vec<El>,
    /// Match the name by prefix (dictionary items carry a hash suffix).
    prefix_name: bool,
}

impl El {
    fn new(name: &str, ns: &str) -> El {
        El {
            name: name.to_owned(),
            ns: ns.to_owned(),
            nil: false,
            text: None,
            children: Vec::new(),
            prefix_name: false,
        }
    }
}

fn xml_scalar(p: Primitive, n: u64) -> Expect {
    match p {
        Primitive::Bool => Expect::Str("true".into()),
        Primitive::Char => Expect::Str("65".into()),
        Primitive::Decimal => Expect::Str(n.to_string()),
        Primitive::TimeSpan => Expect::Str("PT0.1234567S".into()),
        Primitive::Uri => Expect::Any("a URI"),
        Primitive::Object => Expect::Any("an object"),
        p => match json_scalar(p, n) {
            Expect::Num(s) => Expect::Str(s),
            other => other,
        },
    }
}

/// Name and namespace of an item element (and of a root) for a type.
fn item_name(api: &Api, ty: &Type) -> (String, String) {
    match ty {
        Type::Primitive(p) => (p.xsd_name().to_owned(), ARRAYS_NS.to_owned()),
        Type::Nullable(inner) => item_name(api, inner),
        Type::Enum(id) => {
            let e = api.enumeration(*id);
            (e.xml_name.clone(), e.xml_namespace.clone())
        }
        Type::Contract(id) => {
            let c = api.contract(*id);
            (c.xml_name.clone(), c.xml_namespace.clone())
        }
        Type::Collection(_, inner) => {
            let (n, ns) = item_name(api, inner);
            (format!("ArrayOf{n}"), ns)
        }
        Type::Dictionary(..) => ("ArrayOfKeyValueOf".to_owned(), ARRAYS_NS.to_owned()),
    }
}

/// Fills `el` with the XML of a value of type `ty`.
fn fill(api: &Api, el: &mut El, ty: &Type, v: &Val) {
    match v {
        Val::Null => el.nil = true,
        Val::Prim(Primitive::DateTimeOffset, _) => {
            let sys = "http://schemas.datacontract.org/2004/07/System";
            let mut a = El::new("DateTime", sys);
            a.text = Some(Expect::Any("a date"));
            let mut b = El::new("OffsetMinutes", sys);
            b.text = Some(Expect::Any("a number"));
            el.children = vec![a, b];
        }
        Val::Prim(p, n) => el.text = Some(xml_scalar(*p, *n)),
        Val::Bytes(n) => el.text = Some(Expect::Str(base64_of_64s(*n))),
        Val::Enum(id) => {
            el.text = Some(
                smallest(api, *id)
                    .and_then(|e| e.xml_text.clone())
                    .map_or(Expect::Any("an enum name"), Expect::Str),
            )
        }
        Val::List(items) => {
            let inner = match ty {
                Type::Collection(_, inner) => inner.as_ref(),
                Type::Nullable(t) => return fill(api, el, t, v),
                _ => ty,
            };
            for item in items {
                let (name, ns) = item_name(api, inner);
                let mut child = El::new(&name, &ns);
                fill(api, &mut child, inner, item);
                el.children.push(child);
            }
        }
        Val::Dict(entries) => {
            let Type::Dictionary(kt, vt) = ty else { return };
            for (k, v) in entries {
                let mut item = El::new("KeyValueOf", ARRAYS_NS);
                item.prefix_name = true;
                let mut key = El::new("Key", ARRAYS_NS);
                fill(api, &mut key, kt, k);
                let mut value = El::new("Value", ARRAYS_NS);
                fill(api, &mut value, vt, v);
                item.children = vec![key, value];
                el.children.push(item);
            }
        }
        Val::Obj(id, values) => {
            let flat = api.flattened(*id);
            let mut idx: Vec<usize> = (0..flat.len()).collect();
            idx.sort_by(|&a, &b| {
                let (x, y) = (flat[a].member, flat[b].member);
                (
                    flat[a].level,
                    x.order.is_some(),
                    x.order,
                    x.wire_name.as_bytes(),
                )
                    .cmp(&(
                        flat[b].level,
                        y.order.is_some(),
                        y.order,
                        y.wire_name.as_bytes(),
                    ))
            });
            for i in idx {
                let m = flat[i].member;
                let ns = &api.contract(flat[i].declared_in).xml_namespace;
                let mut child = El::new(&m.wire_name, ns);
                match &values[i] {
                    Some(v) => fill(api, &mut child, &m.ty, v),
                    None => child.nil = true,
                }
                el.children.push(child);
            }
        }
    }
}

fn compare_xml(path: &str, want: &El, got: &Xml) -> Result<(), String> {
    let here = format!("{path}/{}", got.name);
    let name_ok = if want.prefix_name {
        got.name.starts_with(&want.name)
    } else {
        got.name == want.name
    };
    if !name_ok || got.ns != want.ns {
        return Err(format!(
            "{path}: expected element `{}` in `{}`, the page shows `{}` in `{}`",
            want.name, want.ns, got.name, got.ns
        ));
    }
    if want.nil != got.nil {
        return Err(format!(
            "{here}: expected {}, the page shows {}",
            if want.nil { "nil" } else { "a value" },
            if got.nil { "nil" } else { "a value" }
        ));
    }
    if want.nil {
        return Ok(());
    }
    if let Some(t) = &want.text {
        let text = got.text.as_str();
        let ok = match t {
            Expect::Any("a date") => text.len() >= 19 && text.as_bytes()[10] == b'T',
            Expect::Any("a GUID") => text.len() == 36,
            Expect::Any("a number") => text.parse::<i64>().is_ok(),
            Expect::Any(_) => true,
            Expect::Str(s) => text == s,
            _ => false,
        };
        if !ok || !got.children.is_empty() {
            return Err(format!(
                "{here}: expected {}, the page shows `{text}`",
                show_expect(t)
            ));
        }
        return Ok(());
    }
    let names = |v: &mut dyn Iterator<Item = String>| v.collect::<Vec<_>>().join(", ");
    if want.children.len() != got.children.len() {
        return Err(format!(
            "{here}: expected the elements {}, the page shows {}",
            names(&mut want.children.iter().map(|c| c.name.clone())),
            names(&mut got.children.iter().map(|c| c.name.clone()))
        ));
    }
    for (w, g) in want.children.iter().zip(&got.children) {
        compare_xml(&here, w, g)?;
    }
    Ok(())
}

/// Compares every sample of an endpoint with what its schema types generate. Returns the
/// number of samples checked and one message per mismatch.
pub fn check(api: &Api, endpoint: &ir::Endpoint, collection_size: usize) -> (usize, Vec<String>) {
    let mut checked = 0;
    let mut problems = Vec::new();
    for s in &endpoint.samples {
        let ty = match s.direction {
            Direction::Request => &endpoint.request,
            Direction::Response => &endpoint.response,
        };
        let Some(ty) = ty else {
            problems.push(format!(
                "{} sample {}: the endpoint has no body type",
                direction(s.direction),
                s.media_types.join(", ")
            ));
            continue;
        };
        let mut generator = Gen {
            api,
            size: collection_size,
            in_progress: HashSet::new(),
        };
        let value = generator.value(ty, &mut 0);
        let label = format!("{} {}", direction(s.direction), s.media_types.join(", "));
        let result = if s.is_json() {
            parse_json(&s.text).and_then(|got| compare_json("$", &json_of(api, &value), &got))
        } else if s.is_xml() {
            parse_xml(&s.text).and_then(|got| {
                let (name, ns) = match ty {
                    Type::Primitive(p) => (p.xsd_name().to_owned(), SERIALIZATION_NS.to_owned()),
                    other => item_name(api, other),
                };
                let mut root = El::new(&name, &ns);
                fill(api, &mut root, ty, &value);
                compare_xml("", &root, &got)
            })
        } else {
            continue;
        };
        checked += 1;
        if let Err(e) = result {
            problems.push(format!("{label}: {e}"));
        }
    }
    (checked, problems)
}

fn direction(d: Direction) -> &'static str {
    match d {
        Direction::Request => "request",
        Direction::Response => "response",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_of_the_sample_bytes() {
        assert_eq!(base64_of_64s(2), "QEA=");
        assert_eq!(base64_of_64s(3), "QEBA");
    }
}
