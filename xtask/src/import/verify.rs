//! The round trip: what the help page's sample generator and the two serializers would write
//! for the schema's types (HELPPAGE.md §1–2), compared with the page's samples. It runs on the
//! IR that `cargo xtask regenerate` sees, so a mismatch here is a mismatch in `h2h sample`.
//! Dates and GUIDs (generation time, random) match any value of their form.
//!
//! Every rule it follows (which members each serializer and the sample generator see, their
//! order, the values and the counter) comes from `dotnet_rules`, which the derive follows too;
//! `test-models/tests/verifier_agrees.rs` checks that both build the same samples.

use dotnet_rules::members::{dcs_order, json_order, sample_order};
use dotnet_rules::names::{encode_local_name, KEY_VALUE_OF};
use dotnet_rules::namespaces::{ARRAYS, SERIALIZATION, SYSTEM};
use dotnet_rules::primitives::DATE_TIME_OFFSET_MEMBERS;
use dotnet_rules::sample::{self as rules, Draw, Shape};
use h2h_schema::ir::{self, Api, ContractId, Direction, Literal, Primitive, Type};

use super::sample::{parse_json, parse_xml, Json, Xml};

/// The format of a sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Json.NET, as the page shows it.
    Json,
    /// DataContractSerializer, as the page shows it.
    Xml,
}

/// A generated value.
#[derive(Debug, Clone, PartialEq)]
enum Val {
    Prim(Primitive, u64),
    Bytes(usize),
    Enum(ir::EnumId),
    /// One value per flattened member.
    Obj(ContractId, Vec<Val>),
    List(Vec<Val>),
    Dict(Vec<(Val, Val)>),
    Null,
    /// A member the generator does not set (hidden, or get-only without a constant): the
    /// default of its type.
    Default(Type),
    /// A get-only member's getter constant.
    Literal(Literal, Type),
}

/// The generator met a type again while filling it: the page shows no sample.
struct Cycle(Vec<String>);

struct Gen<'a> {
    api: &'a Api,
    size: usize,
    in_progress: Vec<ContractId>,
}

impl Gen<'_> {
    /// Runs `parts` with the counter a value of `shape` draws its parts from.
    fn parts<R>(
        &mut self,
        shape: Shape,
        counter: &mut u64,
        parts: impl FnOnce(&mut Self, &mut u64) -> R,
    ) -> R {
        match rules::draw(shape) {
            Draw::Fresh => parts(self, &mut 0),
            Draw::Next | Draw::Nothing => parts(self, counter),
        }
    }

    fn value(&mut self, ty: &Type, counter: &mut u64) -> Result<Val, Cycle> {
        Ok(match ty {
            // Its items are constants: no number from any counter.
            Type::Primitive(Primitive::Bytes) => Val::Bytes(self.size),
            Type::Primitive(p) => {
                debug_assert_eq!(rules::draw(Shape::Simple), Draw::Next);
                *counter += 1;
                Val::Prim(*p, *counter)
            }
            Type::Nullable(inner) => {
                self.parts(Shape::Nullable, counter, |g, c| g.value(inner, c))?
            }
            Type::Enum(id) => Val::Enum(*id),
            Type::Collection(_, inner) => self.parts(Shape::Collection, counter, |g, c| {
                let mut items = Vec::with_capacity(g.size);
                for _ in 0..g.size {
                    items.push(g.value(inner, c)?);
                }
                let all_null = items.iter().all(|v| g.is_null(v));
                Ok(if all_null {
                    Val::Null
                } else {
                    Val::List(items)
                })
            })?,
            Type::Dictionary(k, v) => self.parts(Shape::Dictionary, counter, |g, c| {
                let mut entries: Vec<(Val, Val)> = Vec::new();
                for _ in 0..g.size {
                    let key = g.value(k, c)?;
                    if g.is_null(&key) {
                        return Ok(Val::Null);
                    }
                    if entries.iter().any(|(e, _)| *e == key) {
                        continue;
                    }
                    let value = g.value(v, c)?;
                    entries.push((key, value));
                }
                Ok(Val::Dict(entries))
            })?,
            Type::Contract(id) => self.contract(*id)?,
        })
    }

    /// Whether the generator gave null (an enum without constants, a null collection).
    fn is_null(&self, v: &Val) -> bool {
        match v {
            Val::Null => true,
            Val::Enum(id) => self.api.enumeration(*id).values.is_empty(),
            _ => false,
        }
    }

    fn contract(&mut self, id: ContractId) -> Result<Val, Cycle> {
        if let Some(start) = self.in_progress.iter().position(|&c| c == id) {
            let mut path: Vec<String> = self.in_progress[start..]
                .iter()
                .map(|&c| self.api.contract(c).clr_name.clone())
                .collect();
            path.push(self.api.contract(id).clr_name.clone());
            return Err(Cycle(path));
        }
        self.in_progress.push(id);
        let flat = self.api.flattened(id);
        // Reflection's view: the members and the properties without [DataMember], which the
        // generator sets too (their values are on neither wire, their numbers are gone).
        let declared = self.api.declared(id);
        let rules: Vec<_> = declared.iter().map(ir::Declared::rule).collect();
        let order = sample_order(&rules);
        let mut slot = Vec::with_capacity(declared.len());
        let mut next = 0;
        for d in &declared {
            slot.push(matches!(d, ir::Declared::Member(_)).then(|| {
                next += 1;
                next - 1
            }));
        }
        let mut values: Vec<Option<Val>> = vec![None; flat.len()];
        // Properties from one new generator, then fields from another (`Shape::Object`).
        for run in [&order.properties, &order.fields] {
            let mut counter = 0;
            self.parts(Shape::Object, &mut counter, |g, c| {
                for &i in run {
                    match slot[i] {
                        Some(m) => values[m] = Some(g.value(declared[i].ty(), c)?),
                        // Off the wire, so its object graph is never serialized: a cycle
                        // through it fails nothing.
                        None => {
                            let depth = g.in_progress.len();
                            let _ = g.value(declared[i].ty(), c);
                            // A cycle leaves the types it was filling behind.
                            g.in_progress.truncate(depth);
                        }
                    }
                }
                Ok(())
            })?;
        }
        self.in_progress.pop();
        let values = values
            .into_iter()
            .zip(&flat)
            .map(|(v, f)| {
                v.unwrap_or_else(|| match &f.member.returns {
                    Some(l) => Val::Literal(l.clone(), f.member.ty.clone()),
                    None => Val::Default(f.member.ty.clone()),
                })
            })
            .collect();
        Ok(Val::Obj(id, values))
    }
}

fn first_constant(api: &Api, id: ir::EnumId) -> Option<&ir::EnumValue> {
    let values = &api.enumeration(id).values;
    rules::first_enum_value(values.iter().map(|v| v.value)).map(|i| &values[i])
}

/// The date the exporter writes for every `DateTime` and `DateTimeOffset` (the page shows the
/// time it generated the sample, with the server's offset; this one is the seed page's).
pub(crate) const DATE: &str = "2025-01-23T00:09:38.9648983+07:00";
/// [`DATE`] in UTC, as DCS writes a `DateTimeOffset`'s `DateTime` member.
const DATE_UTC: &str = "2025-01-22T17:09:38.9648983Z";
/// [`DATE`]'s offset in minutes (`OffsetMinutes`).
const DATE_OFFSET_MINUTES: &str = "420";

/// A GUID in the `D` form (lower case hexadecimal, as both serializers write it).
fn guid_text(g: u128) -> String {
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        g >> 96,
        (g >> 80) & 0xffff,
        (g >> 64) & 0xffff,
        (g >> 48) & 0xffff,
        g & 0xffff_ffff_ffff
    )
}

/// What the page should show, with wildcards for generated-at-runtime values.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expect {
    /// Any value of a kind (`a date`, `a GUID`, ...).
    Any(&'static str),
    /// Any value of a kind, matched as [`Expect::Any`]; the text is the value the help page
    /// exporter writes for it (a fixed date, a GUID numbered by the counter).
    Like(&'static str, String),
    Str(String),
    Num(String),
    Bool(bool),
    Null,
    Arr(Vec<Expect>),
    Obj(Vec<(String, Expect)>),
}

/// A `TimeSpan` below one day as Json.NET writes it (`c` format: `hh:mm:ss[.fffffff]`).
fn timespan_json(ticks: i64) -> String {
    let (seconds, fraction) = (ticks / 10_000_000, ticks % 10_000_000);
    let mut s = format!(
        "{:02}:{:02}:{:02}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    );
    if fraction != 0 {
        s.push_str(&format!(".{fraction:07}"));
    }
    s
}

/// A `TimeSpan` below one minute as DCS writes it (`xs:duration`: `PT…S`, fraction without
/// trailing zeros).
fn timespan_xml(ticks: i64) -> String {
    let (seconds, fraction) = (ticks / 10_000_000, ticks % 10_000_000);
    if fraction == 0 {
        return format!("PT{seconds}S");
    }
    let digits = format!("{fraction:07}");
    format!("PT{seconds}.{}S", digits.trim_end_matches('0'))
}

fn json_scalar(p: Primitive, n: u64) -> Expect {
    match p {
        Primitive::String => Expect::Str(rules::string(n)),
        Primitive::Bool => Expect::Bool(rules::BOOL),
        Primitive::Char => Expect::Str(rules::CHAR.to_string()),
        Primitive::Byte => Expect::Num(rules::BYTE.to_string()),
        Primitive::SByte => Expect::Num(rules::SBYTE.to_string()),
        Primitive::Int16 => Expect::Num(rules::int16(n).to_string()),
        Primitive::UInt16 => Expect::Num(rules::uint16(n).to_string()),
        Primitive::Int32 => Expect::Num(rules::int32(n).to_string()),
        Primitive::UInt32 => Expect::Num(rules::uint32(n).to_string()),
        Primitive::Int64 => Expect::Num(rules::int64(n).to_string()),
        Primitive::UInt64 => Expect::Num(rules::uint64(n).to_string()),
        // Json.NET writes a decimal with a scale of at least 1.
        Primitive::Decimal => Expect::Num(format!("{}.0", rules::uint64(n))),
        // Both serializers write the shortest text that reads back (N + 0.1 is never whole).
        Primitive::Double => Expect::Num(rules::double(n).to_string()),
        Primitive::Single => Expect::Num(rules::single(n).to_string()),
        Primitive::DateTime | Primitive::DateTimeOffset => Expect::Like("a date", DATE.into()),
        Primitive::Guid => Expect::Like("a GUID", guid_text(rules::guid(n))),
        Primitive::TimeSpan => Expect::Str(timespan_json(rules::TIMESPAN_TICKS)),
        Primitive::Uri => Expect::Str(rules::uri(n)),
        Primitive::Bytes => Expect::Any("base64"),
        Primitive::Object => Expect::Obj(Vec::new()),
    }
}

/// `default(T)` in JSON.
fn json_default(ty: &Type) -> Expect {
    if ty.is_nullable() {
        return Expect::Null;
    }
    match ty {
        Type::Enum(_) => Expect::Num("0".into()),
        Type::Primitive(p) => match p {
            Primitive::Bool => Expect::Bool(false),
            Primitive::Char => Expect::Str("\0".into()),
            Primitive::Decimal | Primitive::Double | Primitive::Single => Expect::Num("0.0".into()),
            Primitive::DateTime => Expect::Str("0001-01-01T00:00:00".into()),
            Primitive::DateTimeOffset => Expect::Str("0001-01-01T00:00:00+00:00".into()),
            Primitive::TimeSpan => Expect::Str(timespan_json(0)),
            Primitive::Guid => Expect::Str("00000000-0000-0000-0000-000000000000".into()),
            _ => Expect::Num("0".into()),
        },
        _ => Expect::Null,
    }
}

fn json_literal(l: &Literal) -> Expect {
    match l {
        Literal::Bool(b) => Expect::Bool(*b),
        Literal::Integer(i) => Expect::Num(i.to_string()),
        Literal::String(s) => Expect::Str(s.clone()),
    }
}

/// Whether a member's value is its type's default, which `EmitDefaultValue = false` leaves out.
fn is_default(api: &Api, v: &Val, ty: &Type) -> bool {
    json_of(api, v) == json_default(ty)
}

fn base64_of_64s(n: usize) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = vec![rules::BYTE; n];
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
        Val::Enum(id) => first_constant(api, *id).map_or(Expect::Num("0".into()), |e| {
            Expect::Num(e.value.to_string())
        }),
        Val::Null => Expect::Null,
        Val::Default(ty) => json_default(ty),
        Val::Literal(l, _) => json_literal(l),
        Val::List(items) => Expect::Arr(items.iter().map(|i| json_of(api, i)).collect()),
        Val::Dict(entries) => Expect::Obj(
            entries
                .iter()
                .map(|(k, v)| {
                    let key = match json_of(api, k) {
                        Expect::Str(s) | Expect::Num(s) => s,
                        Expect::Bool(b) => if b { "True" } else { "False" }.into(),
                        _ => "?".into(),
                    };
                    (key, json_of(api, v))
                })
                .collect(),
        ),
        Val::Obj(id, values) => {
            let flat = api.flattened(*id);
            Expect::Obj(
                json_order(&ir::member_rules(&flat))
                    .into_iter()
                    .filter(|&i| {
                        flat[i].member.emit_default_value
                            || !is_default(api, &values[i], &flat[i].member.ty)
                    })
                    .map(|i| (flat[i].member.wire_name.clone(), json_of(api, &values[i])))
                    .collect(),
            )
        }
    }
}

fn compare_json(path: &str, want: &Expect, got: &Json) -> Result<(), String> {
    if let Expect::Like(kind, _) = want {
        return compare_json(path, &Expect::Any(kind), got);
    }
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
        (Expect::Bool(a), Json::Bool(b)) if a == b => Ok(()),
        (Expect::Null, Json::Null) => Ok(()),
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
        Expect::Bool(b) => b.to_string(),
        Expect::Null => "null".into(),
        Expect::Any(k) | Expect::Like(k, _) => (*k).into(),
        Expect::Arr(_) => "an array".into(),
        Expect::Obj(_) => "an object".into(),
    }
}

/// An expected XML element.
#[derive(Debug, Clone)]
pub(crate) struct El {
    /// Local name (a prefix of it when `prefix_name`).
    pub(crate) name: String,
    /// Namespace.
    pub(crate) ns: String,
    /// `i:nil="true"`.
    pub(crate) nil: bool,
    /// Text content.
    pub(crate) text: Option<Expect>,
    /// Child elements.
    pub(crate) children: Vec<El>,
    /// Match the name by prefix (dictionary items carry a hash suffix).
    prefix_name: bool,
    /// The type whose DCS name this element has when `prefix_name` (a dictionary or its item),
    /// for the exporter, which writes the whole name.
    pub(crate) dictionary: Option<Type>,
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
            dictionary: None,
        }
    }
}

fn xml_scalar(p: Primitive, n: u64) -> Expect {
    match p {
        Primitive::Bool => Expect::Str(rules::BOOL.to_string()),
        // DCS writes a char as its UTF-16 code unit.
        Primitive::Char => Expect::Str(u32::from(rules::CHAR).to_string()),
        Primitive::Decimal => Expect::Str(rules::uint64(n).to_string()),
        Primitive::TimeSpan => Expect::Str(timespan_xml(rules::TIMESPAN_TICKS)),
        Primitive::Uri => Expect::Like("a URI", rules::uri(n)),
        Primitive::Object => Expect::Like("an object", String::new()),
        p => match json_scalar(p, n) {
            Expect::Num(s) => Expect::Str(s),
            other => other,
        },
    }
}

/// Fills `el` with `default(T)` of `ty`.
fn fill_default(api: &Api, el: &mut El, ty: &Type) {
    if ty.is_nullable() {
        el.nil = true;
        return;
    }
    el.text = Some(match ty {
        Type::Enum(id) => api
            .enumeration(*id)
            .values
            .iter()
            .find(|v| v.value == 0)
            .and_then(|v| v.xml_text.clone())
            .map_or(Expect::Any("an enum name"), Expect::Str),
        Type::Primitive(Primitive::DateTimeOffset) => {
            date_time_offset(el);
            return;
        }
        Type::Primitive(p) => match json_default(&Type::Primitive(*p)) {
            Expect::Bool(b) => Expect::Str(b.to_string()),
            Expect::Num(_) if *p == Primitive::Decimal => Expect::Str("0".into()),
            Expect::Num(_) if *p == Primitive::Double || *p == Primitive::Single => {
                Expect::Str("0".into())
            }
            Expect::Num(s) => Expect::Str(s),
            Expect::Str(_) if *p == Primitive::Char => Expect::Str("0".into()),
            Expect::Str(_) if *p == Primitive::TimeSpan => Expect::Str(timespan_xml(0)),
            other => other,
        },
        _ => Expect::Any("a default"),
    });
}

fn date_time_offset(el: &mut El) {
    let mut a = El::new(DATE_TIME_OFFSET_MEMBERS[0], SYSTEM);
    a.text = Some(Expect::Like("a date", DATE_UTC.into()));
    let mut b = El::new(DATE_TIME_OFFSET_MEMBERS[1], SYSTEM);
    b.text = Some(Expect::Like("a number", DATE_OFFSET_MINUTES.into()));
    el.children = vec![a, b];
}

/// Fills `el` with the XML of a value of type `ty`.
fn fill(api: &Api, el: &mut El, ty: &Type, v: &Val) {
    match v {
        Val::Null => el.nil = true,
        Val::Default(ty) => fill_default(api, el, ty),
        Val::Literal(l, ty) => {
            el.text = Some(Expect::Str(match l {
                Literal::Bool(b) => b.to_string(),
                Literal::Integer(i) => i.to_string(),
                Literal::String(s) if ty.non_nullable() == &Type::Primitive(Primitive::Char) => {
                    s.encode_utf16().next().unwrap_or_default().to_string()
                }
                Literal::String(s) => s.clone(),
            }))
        }
        Val::Prim(Primitive::DateTimeOffset, _) => date_time_offset(el),
        Val::Prim(p, n) => el.text = Some(xml_scalar(*p, *n)),
        Val::Bytes(n) => el.text = Some(Expect::Str(base64_of_64s(*n))),
        Val::Enum(id) => {
            el.text = Some(
                first_constant(api, *id)
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
                let (name, ns) = api.item_name(inner);
                let mut child = El::new(&name, &ns);
                fill(api, &mut child, inner, item);
                el.children.push(child);
            }
        }
        Val::Dict(entries) => {
            let Type::Dictionary(kt, vt) = ty else { return };
            for (k, v) in entries {
                let mut item = El::new(KEY_VALUE_OF, ARRAYS);
                item.prefix_name = true;
                item.dictionary = Some(ty.clone());
                let mut key = El::new("Key", ARRAYS);
                fill(api, &mut key, kt, k);
                let mut value = El::new("Value", ARRAYS);
                fill(api, &mut value, vt, v);
                item.children = vec![key, value];
                el.children.push(item);
            }
        }
        Val::Obj(id, values) => {
            let flat = api.flattened(*id);
            for i in dcs_order(&ir::member_rules(&flat)) {
                let m = flat[i].member;
                if !m.emit_default_value && is_default(api, &values[i], &m.ty) {
                    continue;
                }
                let ns = &api.contract(flat[i].declared_in).xml_namespace;
                let mut child = El::new(&encode_local_name(&m.wire_name), ns);
                fill(api, &mut child, &m.ty, &values[i]);
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
        let t = match t {
            Expect::Like(kind, _) => &Expect::Any(kind),
            other => other,
        };
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

/// What the page shows where it has no sample.
const NOT_AVAILABLE: &str = "Sample not available.";

/// What the help page shows for a body of type `ty` in `format`: the expected JSON value or
/// XML root element, or the cycle of types (root first) that keeps the page from showing a
/// sample. Wildcards ([`Expect::Like`]) carry the text the exporter writes for them.
pub(crate) enum Expected {
    /// The JSON value.
    Json(Expect),
    /// The XML root element.
    Xml(El),
    /// The sample object graph has a cycle: "Sample not available.".
    Cycle(Vec<String>),
}

/// The sample the page shows for a body of type `ty` (see [`check_sample`]).
pub(crate) fn expected(api: &Api, ty: &Type, format: Format, collection_size: usize) -> Expected {
    let mut generator = Gen {
        api,
        size: collection_size,
        in_progress: Vec::new(),
    };
    let value = match generator.value(ty, &mut 0) {
        Ok(value) => value,
        Err(Cycle(path)) => return Expected::Cycle(path),
    };
    match format {
        Format::Json => Expected::Json(json_of(api, &value)),
        Format::Xml => {
            let (name, ns) = match ty {
                Type::Primitive(p) => (p.xsd_name().to_owned(), SERIALIZATION.to_owned()),
                other => api.item_name(other),
            };
            let mut root = El::new(&name, &ns);
            if matches!(ty, Type::Dictionary(..)) {
                root.prefix_name = true;
                root.dictionary = Some(ty.clone());
            }
            fill(api, &mut root, ty, &value);
            Expected::Xml(root)
        }
    }
}

/// Checks one sample of a body of type `ty` in `format` against what the schema generates:
/// the help page's sample object (`collection_size` items per collection, see
/// `dotnet_rules::sample`), written as the page writes it. A graph with a cycle has no sample:
/// the page shows "Sample not available.". `Err` says where the first difference is.
pub fn check_sample(
    api: &Api,
    ty: &Type,
    format: Format,
    text: &str,
    collection_size: usize,
) -> Result<(), String> {
    match expected(api, ty, format, collection_size) {
        Expected::Cycle(_) if text.trim_start().starts_with(NOT_AVAILABLE) => Ok(()),
        Expected::Cycle(path) => Err(format!(
            "the sample object graph has a cycle ({}): expected \"{NOT_AVAILABLE}\", the page shows a sample",
            path.join(" → ")
        )),
        Expected::Json(want) => parse_json(text).and_then(|got| compare_json("$", &want, &got)),
        Expected::Xml(root) => parse_xml(text).and_then(|got| compare_xml("", &root, &got)),
    }
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
        let label = format!("{} {}", direction(s.direction), s.media_types.join(", "));
        let format = if s.is_json() {
            Format::Json
        } else if s.is_xml() {
            Format::Xml
        } else {
            continue;
        };
        checked += 1;
        if let Err(e) = check_sample(api, ty, format, &s.text, collection_size) {
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

    #[test]
    fn timespans_as_the_serializers_write_them() {
        assert_eq!(timespan_json(rules::TIMESPAN_TICKS), "00:00:00.1234567");
        assert_eq!(timespan_xml(rules::TIMESPAN_TICKS), "PT0.1234567S");
        assert_eq!(timespan_json(0), "00:00:00");
        assert_eq!(timespan_xml(0), "PT0S");
    }
}
