//! From the page model to schema entries: what the tables say, and what only the samples say
//! (namespaces, inheritance levels, hidden members, enum values, nullability, DataMember
//! order). Every choice the page does not settle is reported.

use dotnet_rules::primitives::DATE_TIME_OFFSET_MEMBERS;
use std::collections::{BTreeMap, HashMap};

use dotnet_rules::namespaces::{self, ARRAYS};
use dotnet_rules::{members, names, sample as rules};
use h2h_schema::ir::{Api, Primitive};

use super::model::{
    contract_of_ir, Kind, MContract, MDataContract, MEndpoint, MEnum, MMember, MSample,
    MUriParameter, Model, Report,
};
use super::page::{
    Body, Layout, ModelKind, ModelPage, Page, PageError, Row, SampleContent, SampleGroup,
};
use super::sample::{parse_json, parse_xml, Json, Xml};
use super::types::{primitive_of_word, primitive_of_xsd, Ty, TypeText};

/// What the maintainer tells the importer.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// CLR namespace for contracts whose XML namespace does not tell it.
    pub namespace: Option<String>,
    /// Base class names: (derived contract, its base's name).
    pub bases: Vec<(String, String)>,
    /// Type names the page does not show: (`Contract.member`, type name).
    pub types: Vec<(String, String)>,
    /// The site's ResourceModel pages: nested contracts' tables and every type's
    /// documentation, and every enum constant.
    pub models: Vec<ModelPage>,
}

/// Parsed samples of one body.
#[derive(Default)]
struct Samples {
    json: Option<Json>,
    xml: Option<Xml>,
}

/// Infers the schema entries of a page.
pub fn infer(
    page: &Page,
    existing: &Api,
    opts: &Options,
    report: &mut Report,
) -> Result<Model, PageError> {
    let (req_section, resp_section) = match page.layout {
        Layout::Current => ("Request Formats", "Response Formats"),
        Layout::Legacy => ("Request body formats", "Response body formats"),
    };
    let req = parse_samples(req_section, &page.request.samples)?;
    let resp = parse_samples(resp_section, &page.response.samples)?;
    let fallback_ns = opts
        .namespace
        .clone()
        .or_else(|| {
            [&req.xml, &resp.xml]
                .into_iter()
                .flatten()
                .find_map(first_clr_namespace)
        })
        .or_else(|| most_common_namespace(existing));
    let Some(fallback_ns) = fallback_ns else {
        return Err(PageError {
            section: req_section.to_owned(),
            message: "no XML sample shows a CLR namespace (`http://schemas.datacontract.org/2004/07/<namespace>`) and the schema has none; pass --namespace".into(),
        });
    };
    let mut inf = Infer {
        opts,
        existing,
        collection_size: page.layout.collection_size(),
        fallback_ns,
        model: Model::default(),
        report,
        int_members: Vec::new(),
        enum_members: Vec::new(),
    };
    for note in &page.notes {
        inf.report.add(Kind::Guessed, note.clone());
    }
    let body_section = |response: bool| match (page.layout, response) {
        (Layout::Current, false) => "Body Parameters",
        (Layout::Current, true) => "Resource Description",
        (Layout::Legacy, false) => "Parameters",
        (Layout::Legacy, true) => "Response Information",
    };
    let request = inf.body("request", &page.request, &req, body_section(false))?;
    let response = inf.body("response", &page.response, &resp, body_section(true))?;
    inf.finish_report();
    let mut samples = Vec::new();
    let mut formats = |dir: &'static str, groups: &[SampleGroup], report: &mut Report| {
        let mut media = Vec::new();
        for g in groups {
            match &g.content {
                SampleContent::Text(text) => {
                    media.extend(g.media_types.iter().cloned());
                    samples.push(MSample {
                        direction: dir,
                        media_types: g.media_types.clone(),
                        text: text.clone(),
                    });
                }
                SampleContent::NotAvailable => report.add(
                    Kind::Inferred,
                    format!(
                        "{dir} sample for {} is not available; not listed as a format",
                        g.media_types.join(", ")
                    ),
                ),
                SampleContent::Failed(m) => report.add(
                    Kind::Inferred,
                    format!(
                        "{dir} sample for {} failed on the server ({}); not listed as a format",
                        g.media_types.join(", "),
                        shorten(m)
                    ),
                ),
            }
        }
        media
    };
    let request_formats = formats("request", &page.request.samples, inf.report);
    let response_formats = formats("response", &page.response.samples, inf.report);
    let uri_parameters = page
        .uri_parameters
        .iter()
        .map(|row| inf.uri_parameter(row))
        .collect();
    inf.model.endpoint = Some(MEndpoint {
        method: page.method.clone(),
        route: page.route.clone(),
        summary: page.summary.clone(),
        uri_parameters,
        request,
        response,
        request_formats,
        response_formats,
        samples,
    });
    Ok(inf.model)
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 100 {
        format!("{}…", s.chars().take(100).collect::<String>())
    } else {
        s.to_owned()
    }
}

fn parse_samples(section: &str, groups: &[SampleGroup]) -> Result<Samples, PageError> {
    let mut out = Samples::default();
    for g in groups {
        let SampleContent::Text(text) = &g.content else {
            continue;
        };
        let lower: Vec<String> = g
            .media_types
            .iter()
            .map(|m| m.to_ascii_lowercase())
            .collect();
        let fail = |e: String| PageError {
            section: format!("{section}` sample `{}", g.media_types.join(", ")),
            message: e,
        };
        if lower.iter().any(|m| m.contains("json")) && out.json.is_none() {
            out.json = Some(parse_json(text).map_err(fail)?);
        } else if lower.iter().any(|m| m.contains("xml")) && out.xml.is_none() {
            out.xml = Some(parse_xml(text).map_err(fail)?);
        }
    }
    Ok(out)
}

fn clr_namespace_of_xml(ns: &str) -> Option<&str> {
    namespaces::clr_namespace_of(ns)
}

fn first_clr_namespace(x: &Xml) -> Option<String> {
    if let Some(ns) = clr_namespace_of_xml(&x.ns) {
        if ns != "System" {
            return Some(ns.to_owned());
        }
    }
    x.children.iter().find_map(first_clr_namespace)
}

fn most_common_namespace(api: &Api) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for c in &api.contracts {
        *counts.entry(&c.clr_namespace).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(_, n)| n)
        .map(|(ns, _)| ns.to_owned())
}

/// Names that suggest a secret.
pub fn looks_sensitive(name: &str) -> bool {
    let l = name.to_ascii_lowercase();
    [
        "token",
        "password",
        "passwd",
        "secret",
        "securitycode",
        "apikey",
        "privatekey",
        "cvv",
    ]
    .iter()
    .any(|w| l.contains(w))
        || l == "pin"
        || l == "otp"
        || name.ends_with("Pin")
        || name.ends_with("PIN")
}

fn pascal(name: &str) -> String {
    let mut c = name.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A value seen in the samples: the JSON value and the XML element (whose children are the
/// members or items, or whose text is the scalar).
#[derive(Clone)]
struct V<'a> {
    tt: Option<TypeText>,
    json: Option<&'a Json>,
    xml: Option<&'a Xml>,
    rows: Option<&'a [Row]>,
    /// `Contract.member` (or `request body`), for messages and `--type`.
    owner: String,
    /// The member's name, for guessed type names.
    member: Option<String>,
    /// The element is named after the type (root element or collection item).
    wire_name: Option<String>,
    /// CLR namespace of the enclosing contract.
    parent_ns: String,
}

struct Infer<'a> {
    opts: &'a Options,
    existing: &'a Api,
    collection_size: usize,
    fallback_ns: String,
    model: Model,
    report: &'a mut Report,
    int_members: Vec<String>,
    enum_members: Vec<String>,
}

/// A member's place in the sample generator's counter (HELPPAGE §1.3).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    /// A reference type that takes the next number (`string`, `Uri`); its number if visible.
    Consume(Option<u64>),
    /// A value type: takes the next number, or is `Nullable<T>` (a fresh generator, as N = 1,
    /// taking none). Its number if its value shows one.
    Value(Option<u64>),
    /// Takes no number (enum, contract, collection, dictionary, byte[], null).
    Skip,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Nullability {
    NotNull,
    Nullable,
    /// Either; not nullable fits the counter.
    Undecided,
    /// Either; only nullable fits the counter given the choices before it.
    UndecidedNullable,
}

/// What would tell a nullable value-type member from a plain one, where the samples fit both.
const NULLABILITY_UNSEEN: &str = "The page cannot tell (its tables show `T` for `T?`, and a `T?` value is generated as number 1 without taking a number); a later member that takes a number from the counter would, and so would the model's C# source: edit the schema's `type` to say";

/// Whether the slots from `i` on fit the sample counter when it stands at `next`: a nullable
/// value is generated as number 1 and takes no number (HELPPAGE.md §1.8).
fn counter_fits(
    slots: &[Slot],
    i: usize,
    next: u64,
    memo: &mut HashMap<(usize, u64), bool>,
) -> bool {
    if i == slots.len() {
        return true;
    }
    if let Some(&r) = memo.get(&(i, next)) {
        return r;
    }
    let r = match slots[i] {
        Slot::Skip => counter_fits(slots, i + 1, next, memo),
        Slot::Consume(n) => {
            n.is_none_or(|n| n == next) && counter_fits(slots, i + 1, next + 1, memo)
        }
        Slot::Value(n) => {
            (n.is_none_or(|n| n == next) && counter_fits(slots, i + 1, next + 1, memo))
                || (n.is_none_or(|n| n == 1) && counter_fits(slots, i + 1, next, memo))
        }
    };
    memo.insert((i, next), r);
    r
}

/// Every assignment of nullability that fits the counter (per slot: nullable or not; only a
/// `Slot::Value` can be nullable), "not nullable" first, at most `limit` of them.
fn nullability_assignments(slots: &[Slot], limit: usize) -> Vec<Vec<bool>> {
    fn walk(
        slots: &[Slot],
        i: usize,
        next: u64,
        current: &mut Vec<bool>,
        out: &mut Vec<Vec<bool>>,
        limit: usize,
        memo: &mut HashMap<(usize, u64), bool>,
    ) {
        if out.len() >= limit || !counter_fits(slots, i, next, memo) {
            return;
        }
        let Some(slot) = slots.get(i) else {
            out.push(current.clone());
            return;
        };
        let mut go = |nullable: bool, next: u64, current: &mut Vec<bool>| {
            current.push(nullable);
            walk(slots, i + 1, next, current, out, limit, memo);
            current.pop();
        };
        match *slot {
            Slot::Skip => go(false, next, current),
            Slot::Consume(_) => go(false, next + 1, current),
            Slot::Value(n) => {
                if n.is_none_or(|n| n == next) {
                    go(false, next + 1, current);
                }
                if n.is_none_or(|n| n == 1) {
                    go(true, next, current);
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(
        slots,
        0,
        1,
        &mut Vec::new(),
        &mut out,
        limit,
        &mut HashMap::new(),
    );
    out
}

/// Decides which value-type members are `Nullable<T>` by re-running the counter.
/// Returns `None` when no assignment explains the numbers.
fn nullability(slots: &[Slot]) -> Option<Vec<Nullability>> {
    let mut memo = HashMap::new();
    if !counter_fits(slots, 0, 1, &mut memo) {
        return None;
    }
    let mut states = vec![1u64];
    let mut out = Vec::new();
    for (i, slot) in slots.iter().enumerate() {
        let mut next_states = Vec::new();
        let (mut consume, mut null) = (false, false);
        for &next in &states {
            match *slot {
                Slot::Skip => next_states.push(next),
                Slot::Consume(_) => next_states.push(next + 1),
                Slot::Value(n) => {
                    if n.is_none_or(|n| n == next)
                        && counter_fits(slots, i + 1, next + 1, &mut memo)
                    {
                        consume = true;
                        next_states.push(next + 1);
                    }
                    if n.is_none_or(|n| n == 1) && counter_fits(slots, i + 1, next, &mut memo) {
                        null = true;
                        next_states.push(next);
                    }
                }
            }
        }
        next_states.sort_unstable();
        next_states.dedup();
        states = next_states
            .into_iter()
            .filter(|&n| counter_fits(slots, i + 1, n, &mut memo))
            .collect();
        out.push(match (consume, null) {
            (true, true) => Nullability::Undecided,
            (false, true) => Nullability::Nullable,
            _ => Nullability::NotNull,
        });
    }
    // The undecided members each could go either way, but not every combination fits the
    // counter (`int? a; decimal? b;` shows 1, 1.0: one of them is nullable). Take the one
    // path that prefers "not nullable" in member order.
    let mut next = 1;
    for (i, slot) in slots.iter().enumerate() {
        match *slot {
            Slot::Skip => {}
            Slot::Consume(_) => next += 1,
            Slot::Value(n) => {
                if n.is_none_or(|n| n == next) && counter_fits(slots, i + 1, next + 1, &mut memo) {
                    next += 1;
                } else if out[i] == Nullability::Undecided {
                    out[i] = Nullability::UndecidedNullable;
                }
            }
        }
    }
    Some(out)
}

/// The numbers no member takes, when the counter fits the members only with some left out:
/// per slot, the numbers taken just before it by properties the samples do not show (settable
/// properties without `[DataMember]`, HELPPAGE.md §1.3). The fewest such numbers; each gap is
/// put right before the member whose number reveals it. `None` when no gaps explain the
/// numbers (a number smaller than the counter's).
fn counter_gaps(slots: &[Slot]) -> Option<Vec<Vec<u64>>> {
    fn cost(
        slots: &[Slot],
        i: usize,
        next: u64,
        memo: &mut HashMap<(usize, u64), Option<u64>>,
    ) -> Option<u64> {
        if i == slots.len() {
            return Some(0);
        }
        if let Some(&r) = memo.get(&(i, next)) {
            return r;
        }
        // Taking number `n` here: the gap before it, then the rest.
        let take = |n: u64, memo: &mut HashMap<_, _>| {
            (n >= next)
                .then(|| cost(slots, i + 1, n + 1, memo).map(|c| c + (n - next)))
                .flatten()
        };
        let r = match slots[i] {
            Slot::Skip => cost(slots, i + 1, next, memo),
            Slot::Consume(None) => cost(slots, i + 1, next + 1, memo),
            Slot::Consume(Some(n)) => take(n, memo),
            Slot::Value(None) => [
                cost(slots, i + 1, next + 1, memo),
                cost(slots, i + 1, next, memo),
            ]
            .into_iter()
            .flatten()
            .min(),
            Slot::Value(Some(n)) => {
                let nullable = (n == 1).then(|| cost(slots, i + 1, next, memo)).flatten();
                [take(n, memo), nullable].into_iter().flatten().min()
            }
        };
        memo.insert((i, next), r);
        r
    }
    let mut memo = HashMap::new();
    cost(slots, 0, 1, &mut memo)?;
    let mut out = vec![Vec::new(); slots.len()];
    let mut next = 1;
    for (i, slot) in slots.iter().enumerate() {
        let best = cost(slots, i, next, &mut memo)?;
        let n = match *slot {
            Slot::Consume(Some(n)) => Some(n),
            Slot::Value(Some(n))
                if !(n == 1 && cost(slots, i + 1, next, &mut memo) == Some(best)) =>
            {
                Some(n)
            }
            _ => None,
        };
        match (*slot, n) {
            (_, Some(n)) => {
                out[i] = (next..n).collect();
                next = n + 1;
            }
            (Slot::Consume(None), None) => next += 1,
            (Slot::Value(None), None) if cost(slots, i + 1, next + 1, &mut memo) == Some(best) => {
                next += 1;
            }
            _ => {}
        }
    }
    Some(out)
}

fn scalar_text<'a>(json: Option<&'a Json>, xml: Option<&'a Xml>) -> Option<&'a str> {
    match json {
        Some(Json::Str(s) | Json::Num(s)) => Some(s),
        Some(_) => None,
        None => xml
            .filter(|x| !x.nil && x.children.is_empty())
            .map(|x| x.text.as_str()),
    }
}

fn slot_of(ty: &Ty, json: Option<&Json>, xml: Option<&Xml>) -> Slot {
    if matches!(json, Some(Json::Null)) || xml.is_some_and(|x| x.nil) {
        return Slot::Skip;
    }
    let text = scalar_text(json, xml);
    match ty {
        // `new object()` is in the simple-type table: it takes a number.
        Ty::Prim(Primitive::Object) => Slot::Consume(None),
        Ty::Prim(Primitive::String) => Slot::Consume(text.and_then(rules::parse_string)),
        Ty::Prim(Primitive::Uri) => Slot::Consume(text.and_then(rules::parse_uri)),
        Ty::Prim(Primitive::Bytes) => Slot::Skip,
        Ty::Prim(
            Primitive::Int16
            | Primitive::Int32
            | Primitive::Int64
            | Primitive::UInt16
            | Primitive::UInt32
            | Primitive::UInt64,
        ) => Slot::Value(text.and_then(|t| t.parse().ok())),
        Ty::Prim(Primitive::Decimal) => {
            Slot::Value(text.and_then(|t| t.strip_suffix(".0").unwrap_or(t).parse().ok()))
        }
        Ty::Prim(Primitive::Double | Primitive::Single) => Slot::Value(text.and_then(|t| {
            let v: f64 = t.parse().ok()?;
            let n = (v - 0.1).round();
            ((v - 0.1 - n).abs() < 1e-6 && n >= 1.0).then_some(n as u64)
        })),
        Ty::Prim(_) => Slot::Value(None),
        _ => Slot::Skip,
    }
}

fn is_number(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.parse::<f64>().is_ok()
}

fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 19
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
            .iter()
            .all(|&i| b[i].is_ascii_digit())
}

fn is_guid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 5
        && parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12])
        && parts
            .iter()
            .all(|p| p.chars().all(|c| c.is_ascii_hexdigit()))
}

fn is_timespan(s: &str) -> bool {
    let t = s.trim_start_matches('-');
    let t = t.split_once('.').map_or(t, |(d, rest)| {
        if d.chars().all(|c| c.is_ascii_digit()) && rest.contains(':') {
            rest
        } else {
            t
        }
    });
    let parts: Vec<&str> = t.split(':').collect();
    parts.len() == 3
        && parts[0].len() == 2
        && parts[1].len() == 2
        && parts[2].starts_with(|c: char| c.is_ascii_digit())
}

fn ordinal_less(a: &str, b: &str) -> bool {
    members::ordinal_cmp(a, b).is_lt()
}

/// The inheritance levels of a contract from its XML order (base level first, each level
/// alphabetical) against its JSON order (derived level first): ranges over `xml`, base first.
/// `xml` holds (name, is a hidden occurrence). A level boundary may not cross `required`.
/// Returns the levels and whether another split with as few levels exists.
#[allow(clippy::needless_range_loop)] // `dist` is indexed by positions, forward and back
fn segment(
    xml: &[(String, bool)],
    json: &[String],
    required: &[usize],
) -> Option<(Vec<std::ops::Range<usize>>, bool)> {
    let n = xml.len();
    let valid = |t: usize| -> bool {
        let mut a: Vec<&str> = xml[..t]
            .iter()
            .filter(|(_, h)| !h)
            .map(|(s, _)| s.as_str())
            .collect();
        let k = a.len();
        if k > json.len() {
            return false;
        }
        let mut b: Vec<&str> = json[json.len() - k..].iter().map(String::as_str).collect();
        a.sort_unstable();
        b.sort_unstable();
        a == b
    };
    let ascending = |a: usize, b: usize| (a + 1..b).all(|i| ordinal_less(&xml[i - 1].0, &xml[i].0));
    let mut dist: Vec<Option<(usize, usize, usize)>> = vec![None; n + 1]; // (levels, paths, pred)
    dist[0] = Some((0, 1, 0));
    for a in 0..n {
        let Some((d, paths, _)) = dist[a] else {
            continue;
        };
        if !valid(a) {
            continue;
        }
        for b in a + 1..=n {
            if !ascending(a, b) {
                break;
            }
            if required.iter().any(|&r| r > a && r < b && valid(r)) || !valid(b) {
                continue;
            }
            match dist[b] {
                Some((db, pb, _)) if db < d + 1 => {
                    let _ = pb;
                }
                Some((db, pb, pred)) if db == d + 1 => {
                    dist[b] = Some((db, (pb + paths).min(2), pred))
                }
                _ => dist[b] = Some((d + 1, paths, a)),
            }
        }
    }
    let (_, paths, _) = dist[n]?;
    let mut ranges = Vec::new();
    let mut at = n;
    while at > 0 {
        let (_, _, pred) = dist[at]?;
        ranges.push(pred..at);
        at = pred;
    }
    ranges.reverse();
    Some((ranges, paths > 1))
}

/// `[DataMember(Order)]` on one level: members without Order come first (JSON: declaration
/// order; XML: alphabetical), then by Order (JSON: declaration order within an Order; XML:
/// alphabetical). Returns the Order of each name (None = no Order).
fn datamember_orders(xml: &[String], json: &[String]) -> Option<HashMap<String, i64>> {
    let n = xml.len();
    if json.len() != n {
        return None;
    }
    let sorted = |s: &[String]| {
        let mut v = s.to_vec();
        v.sort_by(|a, b| members::ordinal_cmp(a, b));
        v
    };
    let set = |s: &[String]| sorted(s);
    let u = (0..=n)
        .rev()
        .find(|&u| sorted(&json[..u]) == xml[..u] && set(&json[u..]) == set(&xml[u..]))?;
    let mut orders = HashMap::new();
    let (ox, oj) = (&xml[u..], &json[u..]);
    let mut i = 0;
    let mut group = 0;
    while i < ox.len() {
        let g = (1..=ox.len() - i).find(|&g| {
            set(&ox[i..i + g]) == set(&oj[i..i + g])
                && (i + 1..i + g).all(|k| ordinal_less(&ox[k - 1], &ox[k]))
        })?;
        group += 1;
        for name in &ox[i..i + g] {
            orders.insert(name.clone(), group);
        }
        i += g;
    }
    Some(orders)
}

/// Two class levels of a `[DataContract]` with `[DataMember(Order)]` (HELPPAGE.md §2.6 and
/// Json.NET's order): the XML is, per level (base first), the members without Order in
/// ordinal order and then the ordered ones by Order; the JSON is the members without Order
/// (derived level first), then every ordered member by Order. `xml` holds (name, is a hidden
/// occurrence): a base member hidden by `new` is in the base level of the XML only, and the
/// member hiding it in the derived level. Returns where the base level ends in the XML, the
/// Order of each visible ordered member and of each hidden one (ranks from 1, in one sequence;
/// the numbers do not show), and whether a hidden member's Order was a choice (the samples
/// look the same with and without it).
fn datamember_levels(xml: &[(String, bool)], json: &[String]) -> Option<OrderedLevels> {
    let n = xml.len();
    let visible: Vec<String> = xml
        .iter()
        .filter(|(_, h)| !h)
        .map(|(m, _)| m.clone())
        .collect();
    if json.len() != visible.len() || n < 2 {
        return None;
    }
    let sorted = |s: &[String]| {
        let mut v = s.to_vec();
        v.sort_by(|a, b| members::ordinal_cmp(a, b));
        v
    };
    if sorted(&visible) != sorted(json) {
        return None;
    }
    let is_sorted = |s: &[(String, bool)]| s.windows(2).all(|w| ordinal_less(&w[0].0, &w[1].0));
    // `t`: where the ordered members start in JSON (some member must be ordered).
    for t in (0..json.len()).rev() {
        let (plain, ordered) = (&json[..t], &json[t..]);
        let rank = |m: &(String, bool)| {
            if m.1 {
                None
            } else {
                ordered.iter().position(|o| *o == m.0)
            }
        };
        for split in 1..n {
            let (base, derived) = (&xml[..split], &xml[split..]);
            // A hidden occurrence is in the base level, the member hiding it in the derived.
            if derived.iter().any(|(_, h)| *h)
                || !base
                    .iter()
                    .filter(|(_, h)| *h)
                    .all(|(m, _)| derived.iter().any(|(d, _)| d == m))
            {
                continue;
            }
            // Each level: its members without Order sorted, then its ordered ones by Order.
            // A hidden member's Order is not in JSON: it is without Order while the sorted
            // run goes on, ordered after.
            let plain_end = |level: &[(String, bool)]| {
                (0..=level.len())
                    .rev()
                    .find(|&k| {
                        level[..k].iter().all(|m| rank(m).is_none()) && is_sorted(&level[..k])
                    })
                    .unwrap_or(0)
            };
            let level_ok = |level: &[(String, bool)]| {
                let k = plain_end(level);
                let ranks: Vec<usize> = level[k..].iter().filter_map(&rank).collect();
                level[k..].iter().all(|m| m.1 || rank(m).is_some())
                    && ranks.windows(2).all(|w| w[0] < w[1])
            };
            if !level_ok(base) || !level_ok(derived) {
                continue;
            }
            // JSON: the derived level's members without Order, then the base's.
            let in_level =
                |level: &[(String, bool)], m: &String| level.iter().any(|(l, h)| !h && l == m);
            let d = plain.iter().take_while(|m| in_level(derived, m)).count();
            if !plain[d..].iter().all(|m| in_level(base, m)) {
                continue;
            }
            // One sequence of Orders: the ordered JSON members, each hidden ordered member of
            // the base right after the base member before it in the XML.
            let k = plain_end(base);
            let mut levels = OrderedLevels {
                split,
                orders: HashMap::new(),
                hidden_orders: HashMap::new(),
                hidden_order_chosen: k > 0 && base[k - 1].1,
            };
            // The base level's ordered part holds its visible ordered members in JSON's order,
            // with the hidden ones between them.
            let mut base_ordered = base[k..].iter().peekable();
            let mut number = 0;
            let mut next = || {
                number += 1;
                number
            };
            while let Some(h) = base_ordered.next_if(|b| b.1) {
                levels.hidden_orders.insert(h.0.clone(), next());
            }
            for m in ordered {
                levels.orders.insert(m.clone(), next());
                if in_level(base, m) {
                    base_ordered.next(); // `m` itself
                    while let Some(h) = base_ordered.next_if(|b| b.1) {
                        levels.hidden_orders.insert(h.0.clone(), next());
                    }
                }
            }
            return Some(levels);
        }
    }
    None
}

/// What [`datamember_levels`] finds.
#[derive(Debug, PartialEq)]
struct OrderedLevels {
    /// Where the base level ends in the XML.
    split: usize,
    /// The Order of each visible ordered member.
    orders: HashMap<String, i64>,
    /// The Order of each hidden base member that has one.
    hidden_orders: HashMap<String, i64>,
    /// A hidden member ends the base level's run without Order: with an Order before the
    /// others it would sit in the same place.
    hidden_order_chosen: bool,
}

impl<'a> Infer<'a> {
    fn finish_report(&mut self) {
        self.apply_model_pages();
        if !self.int_members.is_empty() {
            let list = std::mem::take(&mut self.int_members).join(", ");
            self.report.add(
                Kind::Guessed,
                format!("`integer` taken as int (short and long give the same samples): {list}"),
            );
        }
        let names = |dc: bool| -> Vec<String> {
            self.model
                .contracts
                .iter()
                .filter(|c| !c.reused && c.data_contract.is_some() == dc)
                .map(|c| format!("`{}`", c.name))
                .collect()
        };
        let (plain, dcs) = (names(false), names(true));
        if !plain.is_empty() {
            self.report.add(
                Kind::Guessed,
                format!("plain classes assumed (a [DataContract] whose names, namespace and member order are the defaults gives the same samples): {}", plain.join(", ")),
            );
        }
        if !dcs.is_empty() {
            self.report.add(
                Kind::Guessed,
                format!("[DataMember(EmitDefaultValue = false)] and [DataMember(IsRequired)] are not visible (every sample value is set; only the relative Order is): taken as the defaults in {}; their members' CLR names taken as the wire names (a [DataMember(Name)] hides the CLR name)", dcs.join(", ")),
            );
        }
        let new_contracts: Vec<&MContract> =
            self.model.contracts.iter().filter(|c| !c.reused).collect();
        if !new_contracts.is_empty() && self.opts.models.is_empty() {
            self.report.add(
                Kind::Guessed,
                "type descriptions left empty (the API page has no type documentation; each type's ResourceModel page has it); nested contracts' member descriptions and annotations, and a hidden base member's, left empty (not on the API page); no [KnownType] and no [Flags] written (the samples show neither)",
            );
        }
        if !new_contracts.is_empty() {
            let lists = new_contracts
                .iter()
                .flat_map(|c| c.members.iter())
                .any(|m| m.ty.expr("").contains("List<"));
            if lists {
                self.report.add(
                    Kind::Guessed,
                    "collections written as List<T> (an array T[] gives the same page)",
                );
            }
            let secrets: Vec<String> = new_contracts
                .iter()
                .flat_map(|c| c.members.iter().map(move |m| (c, m)))
                .filter(|(_, m)| m.sensitive)
                .map(|(c, m)| format!("`{}.{}`", c.name, m.name))
                .collect();
            self.report.add(
                Kind::Guessed,
                format!(
                    "secrets (sensitive) guessed from member names, as the page cannot tell a secret from a text: {}",
                    if secrets.is_empty() { "none".to_owned() } else { secrets.join(", ") }
                ),
            );
        }
        for e in self
            .model
            .enums
            .iter()
            .filter(|e| !e.reused && e.undocumented.is_some())
        {
            self.report.add(
                Kind::Guessed,
                format!("enum `{}`: only the sample's constant is on the API page; the others are left undocumented (its ResourceModel page lists them)", e.name),
            );
        }
        if !self.enum_members.is_empty() {
            let list = std::mem::take(&mut self.enum_members).join(", ");
            self.report.add(Kind::Guessed, format!("enum members taken as not nullable (a Nullable<enum> gives the same samples): {list}"));
        }
    }

    fn uri_parameter(&mut self, row: &Row) -> MUriParameter {
        let ty = match row.type_text.as_deref().and_then(TypeText::parse) {
            Some(TypeText::Simple(w)) => {
                let (p, choice) = primitive_of_word(w).unwrap_or((Primitive::String, None));
                if let Some(c) = choice {
                    self.report
                        .add(Kind::Guessed, format!("URI parameter `{}`: {c}", row.name));
                }
                Ty::Prim(p)
            }
            Some(other) => {
                self.report.add(Kind::Undecided, format!("URI parameter `{}` has type `{}`, which the importer does not map; written as string", row.name, row.type_text.as_deref().unwrap_or("")));
                let _ = other;
                Ty::Prim(Primitive::String)
            }
            None => {
                self.report.add(
                    Kind::Guessed,
                    format!(
                        "URI parameter `{}`: the legacy page shows no type; string assumed",
                        row.name
                    ),
                );
                Ty::Prim(Primitive::String)
            }
        };
        MUriParameter {
            name: row.name.clone(),
            ty,
            description: row.description.clone(),
            additional_information: row.annotations.clone(),
        }
    }

    fn body(
        &mut self,
        dir: &str,
        body: &Body,
        samples: &Samples,
        section: &str,
    ) -> Result<Option<Ty>, PageError> {
        let tt = match &body.type_text {
            Some(t) => Some(TypeText::parse(t).ok_or_else(|| PageError {
                section: section.to_owned(),
                message: format!("cannot read the body type `{t}`"),
            })?),
            None => None,
        };
        if samples.json.is_none() && samples.xml.is_none() && tt.is_none() {
            if body.parameter.is_some() {
                self.report.add(
                    Kind::Undecided,
                    format!(
                        "{dir} body `{}` has no sample to read its type from; left out",
                        body.parameter.as_deref().unwrap_or("")
                    ),
                );
            }
            return Ok(None);
        }
        if body.none && samples.json.is_none() && samples.xml.is_none() {
            return Ok(None);
        }
        let v = V {
            tt,
            json: samples.json.as_ref(),
            xml: samples.xml.as_ref(),
            rows: body.rows.as_deref(),
            owner: format!("{dir} body"),
            member: None,
            wire_name: samples.xml.as_ref().map(|x| x.name.clone()),
            parent_ns: self.fallback_ns.clone(),
        };
        Ok(Some(self.value(&v)))
    }

    /// When more than one assignment of nullability reproduces the samples of a run of
    /// members, lists them: the members the assignments differ in, each as written (`T`) or
    /// nullable (`T?`), the one written first.
    fn report_nullability_choices(
        &mut self,
        clr_name: &str,
        run: &[(usize, usize, Slot)],
        members: &[Vec<MMember>],
    ) {
        const SHOWN: usize = 8;
        let slots: Vec<Slot> = run.iter().map(|(_, _, s)| *s).collect();
        let all = nullability_assignments(&slots, SHOWN + 1);
        let open: Vec<usize> = (0..slots.len())
            .filter(|&i| all.iter().any(|a| a[i] != all[0][i]))
            .collect();
        // One open member: its own line says it.
        if open.len() < 2 {
            return;
        }
        let name = |i: usize| {
            let (li, mi, _) = run[i];
            members
                .get(li)
                .and_then(|l| l.get(mi))
                .map_or("?", |m| m.name.as_str())
        };
        let shown: Vec<String> = all
            .iter()
            .take(SHOWN)
            .map(|a| {
                let list: Vec<String> = open
                    .iter()
                    .map(|&i| format!("`{}`{}", name(i), if a[i] { "?" } else { "" }))
                    .collect();
                format!("({})", list.join(", "))
            })
            .collect();
        let more = if all.len() > SHOWN { " and more" } else { "" };
        self.report.add(Kind::Undecided, format!("`{clr_name}`: {} assignments of nullability reproduce every sample: {}{more}; the first is written. {NULLABILITY_UNSEEN}", if all.len() > SHOWN { format!("more than {SHOWN}") } else { all.len().to_string() }, shown.join(" or ")));
    }

    fn type_override(&self, owner: &str) -> Option<String> {
        self.opts
            .types
            .iter()
            .find(|(k, _)| k == owner)
            .map(|(_, n)| n.clone())
    }

    fn value(&mut self, v: &V<'_>) -> Ty {
        let overridden = self.type_override(&v.owner);
        match v.tt.clone() {
            Some(TypeText::Simple(w)) => self.simple(w, v),
            Some(TypeText::Collection(inner)) => self.collection(Some(*inner), v),
            Some(TypeText::Dictionary(k, val)) => self.dictionary(Some(*k), Some(*val), v),
            Some(TypeText::Object) => Ty::Prim(Primitive::Object),
            Some(TypeText::Pair(..)) => {
                self.report.add(
                    Kind::Undecided,
                    format!(
                        "`{}`: the schema has no type for `{}`; written as string",
                        v.owner,
                        v.tt.as_ref().map_or(String::new(), |t| format!("{t:?}"))
                    ),
                );
                Ty::Prim(Primitive::String)
            }
            Some(TypeText::Named(n)) => {
                let name = overridden.unwrap_or(n);
                if self.looks_like_enum(v) {
                    self.enumeration(&name, v)
                } else {
                    self.contract(&name, v)
                }
            }
            None => self.by_values(v, overridden),
        }
    }

    fn looks_like_enum(&self, v: &V<'_>) -> bool {
        let xml_name = v
            .xml
            .filter(|x| !x.nil && x.children.is_empty())
            .map(|x| x.text.trim());
        match (v.json, xml_name) {
            (Some(Json::Num(_)), Some(t)) => !t.is_empty() && !is_number(t),
            (Some(Json::Num(n)), None) => !n.contains('.'),
            (None, Some(t)) => {
                !t.is_empty() && !is_number(t) && !t.starts_with(rules::STRING_PREFIX.trim_end())
            }
            _ => false,
        }
    }

    fn simple(&mut self, word: &'static str, v: &V<'_>) -> Ty {
        let Some((mut p, choice)) = primitive_of_word(word) else {
            return Ty::Prim(Primitive::String);
        };
        let text = scalar_text(v.json, v.xml);
        match word {
            "integer" | "unsigned integer" => {
                let _ = choice;
                self.int_members.push(v.owner.clone());
            }
            "decimal number" => {
                let json_text = match v.json {
                    Some(Json::Num(t)) => Some(t.as_str()),
                    _ => None,
                };
                let xml_text = v.xml.map(|x| x.text.as_str());
                p = match (json_text, xml_text) {
                    (Some(t), _) if t.ends_with(".0") => Primitive::Decimal,
                    (Some(t), _) if t.contains(['.', 'E', 'e']) => Primitive::Double,
                    (Some(_), _) => Primitive::Decimal,
                    (None, Some(t)) if t.contains('.') => Primitive::Double,
                    (None, Some(_)) => Primitive::Decimal,
                    (None, None) => {
                        self.report.add(
                            Kind::Guessed,
                            format!(
                                "`{}`: decimal number without a sample value; decimal assumed",
                                v.owner
                            ),
                        );
                        Primitive::Decimal
                    }
                };
                if p == Primitive::Double {
                    self.report.add(
                        Kind::Guessed,
                        format!(
                            "`{}`: its sample `N.1` makes it double or float; double assumed",
                            v.owner
                        ),
                    );
                } else {
                    self.report.add(
                        Kind::Inferred,
                        format!(
                            "`{}`: decimal (its sample is `N.0` in JSON, `N` in XML)",
                            v.owner
                        ),
                    );
                }
            }
            "date" => {
                if v.xml.is_some_and(|x| {
                    x.child(DATE_TIME_OFFSET_MEMBERS[0]).is_some()
                        && x.child(DATE_TIME_OFFSET_MEMBERS[1]).is_some()
                }) {
                    p = Primitive::DateTimeOffset;
                    self.report.add(
                        Kind::Inferred,
                        format!(
                            "`{}`: DateTimeOffset (its XML has DateTime and OffsetMinutes)",
                            v.owner
                        ),
                    );
                } else if v.xml.is_none() {
                    self.report.add(
                        Kind::Guessed,
                        format!(
                            "`{}`: date without an XML sample; DateTime assumed",
                            v.owner
                        ),
                    );
                }
            }
            "byte"
            | "signed byte"
            | "character"
            | "boolean"
            | "globally unique identifier"
            | "time interval"
            | "URI"
            | "string" => {}
            _ => {}
        }
        // The sample must agree with the table (a dictionary key is a string in JSON, whatever
        // its type).
        let agrees = match (p, v.json) {
            (_, None | Some(Json::Null)) => true,
            (_, Some(Json::Str(_))) if v.owner.ends_with(".Key") => true,
            (Primitive::Bool, Some(j)) => matches!(j, Json::Bool(_)),
            (
                Primitive::String
                | Primitive::Char
                | Primitive::Guid
                | Primitive::TimeSpan
                | Primitive::Uri
                | Primitive::DateTime
                | Primitive::DateTimeOffset,
                Some(j),
            ) => matches!(j, Json::Str(_)),
            (_, Some(j)) => matches!(j, Json::Num(_)),
        };
        if !agrees {
            self.report.add(
                Kind::Undecided,
                format!(
                    "`{}`: the table says `{word}` but the JSON sample shows {} ({})",
                    v.owner,
                    v.json.map_or("nothing", Json::kind),
                    text.unwrap_or("")
                ),
            );
        }
        Ty::Prim(p)
    }

    fn by_values(&mut self, v: &V<'_>, overridden: Option<String>) -> Ty {
        let guess_name = |this: &mut Self, what: &str| -> String {
            if let Some(n) = overridden.clone() {
                return n;
            }
            if let Some(n) = &v.wire_name {
                if v.owner.ends_with(" body") {
                    this.report.add(Kind::Guessed, format!("{}: the page shows no type name; `{n}` taken from the XML root element (a [DataContract(Name)] would differ from the class name)", v.owner));
                }
                return n.clone();
            }
            let n = pascal(v.member.as_deref().unwrap_or("Body"));
            this.report.add(
                Kind::Guessed,
                format!(
                    "`{}`: the {what}'s name is not on the page; named `{n}` (pass --type {}=Name)",
                    v.owner, v.owner
                ),
            );
            n
        };
        let xml_is_dict = v.xml.is_some_and(|x| {
            x.children
                .first()
                .is_some_and(|c| c.ns == ARRAYS && c.name.starts_with(names::KEY_VALUE_OF))
        });
        match v.json {
            Some(Json::Null) | None if v.xml.is_none_or(|x| x.nil) => {
                self.report.add(
                    Kind::Undecided,
                    format!(
                        "`{}` is null in the samples: its type is not visible; written as string",
                        v.owner
                    ),
                );
                Ty::Prim(Primitive::String)
            }
            Some(Json::Null) => {
                self.report.add(Kind::Undecided, format!("`{}` is null in the JSON sample: its type is not visible; written as string", v.owner));
                Ty::Prim(Primitive::String)
            }
            Some(Json::Arr(_)) => self.collection(None, v),
            Some(Json::Obj(_)) if xml_is_dict => self.dictionary(None, None, v),
            Some(Json::Obj(_)) => {
                let name = guess_name(self, "class");
                self.contract(&name, v)
            }
            _ if self.looks_like_enum(v) => {
                let name = guess_name(self, "enum");
                self.enumeration(&name, v)
            }
            Some(Json::Bool(_)) => Ty::Prim(Primitive::Bool),
            Some(Json::Num(t)) => {
                if t.ends_with(".0") {
                    Ty::Prim(Primitive::Decimal)
                } else if t.contains(['.', 'e', 'E']) {
                    self.report.add(
                        Kind::Guessed,
                        format!(
                            "`{}`: its sample `{t}` makes it double or float; double assumed",
                            v.owner
                        ),
                    );
                    Ty::Prim(Primitive::Double)
                } else {
                    self.int_members.push(v.owner.clone());
                    Ty::Prim(Primitive::Int32)
                }
            }
            Some(Json::Str(s)) => {
                let xml_text = v.xml.map(|x| x.text.as_str()).unwrap_or("");
                let p = if is_date(s) {
                    if v.xml
                        .is_some_and(|x| x.child(DATE_TIME_OFFSET_MEMBERS[1]).is_some())
                    {
                        Primitive::DateTimeOffset
                    } else {
                        Primitive::DateTime
                    }
                } else if is_guid(s) {
                    Primitive::Guid
                } else if is_timespan(s) {
                    Primitive::TimeSpan
                } else if rules::parse_uri(s).is_some() {
                    Primitive::Uri
                } else if s.chars().count() == 1 && is_number(xml_text) {
                    Primitive::Char
                } else if (s == "QEA=" || s == "QEBA") && xml_text == s {
                    Primitive::Bytes
                } else {
                    Primitive::String
                };
                self.report.add(
                    Kind::Inferred,
                    format!("`{}`: {} (from its sample value)", v.owner, p.csharp_name()),
                );
                Ty::Prim(p)
            }
            None => {
                // XML only.
                let x = v.xml.expect("checked above");
                if !x.children.is_empty() {
                    let name = guess_name(self, "class");
                    return self.contract(&name, v);
                }
                self.report.add(
                    Kind::Guessed,
                    format!(
                        "`{}`: no JSON sample; string assumed from the XML text",
                        v.owner
                    ),
                );
                Ty::Prim(Primitive::String)
            }
        }
    }

    fn collection(&mut self, inner: Option<TypeText>, v: &V<'_>) -> Ty {
        if inner == Some(TypeText::Simple("byte")) && matches!(v.json, Some(Json::Str(_))) {
            return Ty::Prim(Primitive::Bytes);
        }
        let json_items: Vec<&Json> = match v.json {
            Some(Json::Arr(items)) => items.iter().collect(),
            _ => Vec::new(),
        };
        let xml_items: Vec<&Xml> = v
            .xml
            .map(|x| x.children.iter().collect())
            .unwrap_or_default();
        let count = json_items.len().max(xml_items.len());
        if count != 0 && count != self.collection_size {
            self.report.add(
                Kind::Undecided,
                format!(
                    "`{}` has {count} items; the template writes {} (a customized sample?)",
                    v.owner, self.collection_size
                ),
            );
        }
        let item_xml = xml_items.first().copied();
        let (wire_name, item_ns) = match item_xml {
            Some(x) if x.ns == ARRAYS => (None, None),
            Some(x) => (
                Some(x.name.clone()),
                clr_namespace_of_xml(&x.ns).map(str::to_owned),
            ),
            None => (None, None),
        };
        let tt = inner;
        let xsd = item_xml
            .filter(|x| matches!(tt, None | Some(TypeText::Simple(_))) && x.ns == ARRAYS)
            .and_then(|x| primitive_of_xsd(&x.name));
        if json_items.is_empty() && item_xml.is_none() && tt.is_none() {
            self.report.add(Kind::Undecided, format!("`{}` is an empty or null collection: its item type is not visible; List<string> written", v.owner));
            return Ty::List(Box::new(Ty::Prim(Primitive::String)));
        }
        let item = V {
            tt,
            json: json_items.first().copied(),
            xml: item_xml,
            // The table under a collection body is its element's (HELPPAGE.md §3.8).
            rows: v.rows,
            owner: format!("{}[]", v.owner),
            member: v.member.clone(),
            wire_name,
            parent_ns: item_ns.unwrap_or_else(|| v.parent_ns.clone()),
        };
        let mut item_ty = match xsd {
            // The item element names the primitive exactly (`long`, `double`, `dateTime`).
            Some(p) => Ty::Prim(p),
            None => self.value(&item),
        };
        // Nullable items: every item shows N = 1 (each Nullable<T> has its own generator).
        if item_ty.is_value_type() && json_items.len() > 1 {
            let slots: Vec<Slot> = json_items
                .iter()
                .map(|j| slot_of(&item_ty, Some(j), None))
                .collect();
            if slots.iter().all(|s| *s == Slot::Value(Some(1))) {
                self.report.add(
                    Kind::Inferred,
                    format!(
                        "`{}`: items are Nullable<{}> (every item shows 1)",
                        v.owner,
                        item_ty.expr("")
                    ),
                );
                item_ty = Ty::Nullable(Box::new(item_ty));
            }
        }
        Ty::List(Box::new(item_ty))
    }

    fn dictionary(&mut self, k: Option<TypeText>, val: Option<TypeText>, v: &V<'_>) -> Ty {
        let entries: Vec<(&String, &Json)> = match v.json {
            Some(Json::Obj(m)) => m.iter().map(|(k, v)| (k, v)).collect(),
            _ => Vec::new(),
        };
        let first_xml = v.xml.and_then(|x| x.children.first());
        let key_json = entries.first().map(|(k, _)| Json::Str((*k).clone()));
        let key = V {
            tt: k,
            json: key_json.as_ref(),
            xml: first_xml.and_then(|x| x.child("Key")),
            rows: None,
            owner: format!("{}.Key", v.owner),
            member: v.member.clone(),
            wire_name: None,
            parent_ns: v.parent_ns.clone(),
        };
        let mut key_ty = self.value(&key);
        // JSON keys are strings: a number key shows as "1" in JSON and 1 in XML.
        // A one-character key reads as a char, which no dictionary key is (the schema has no
        // `Dictionary<char, V>`): a string, or an int when XML shows a number.
        if key.tt.is_none() && matches!(key_ty, Ty::Prim(Primitive::String | Primitive::Char)) {
            key_ty = Ty::Prim(Primitive::String);
            if let Some(x) = key.xml {
                if x.text.parse::<i64>().is_ok() {
                    key_ty = Ty::Prim(Primitive::Int32);
                }
            }
        }
        let value = V {
            tt: val,
            json: entries.first().map(|(_, j)| *j),
            xml: first_xml.and_then(|x| x.child("Value")),
            rows: None,
            owner: format!("{}.Value", v.owner),
            member: v.member.clone(),
            wire_name: None,
            parent_ns: v.parent_ns.clone(),
        };
        let value_ty = self.value(&value);
        Ty::Dict(Box::new(key_ty), Box::new(value_ty))
    }

    fn enumeration(&mut self, name: &str, v: &V<'_>) -> Ty {
        let ns = v
            .xml
            .filter(|_| v.wire_name.is_some())
            .and_then(|x| clr_namespace_of_xml(&x.ns))
            .map(str::to_owned)
            .or_else(|| self.model.enums.iter().find(|e| e.name == name).map(|e| e.namespace.clone()))
            .or_else(|| self.existing.enums.iter().find(|e| e.clr_name == name).map(|e| e.clr_namespace.clone()))
            .unwrap_or_else(|| {
                if v.wire_name.is_none() {
                    self.report.add(Kind::Guessed, format!("enum `{name}`: its namespace is not visible (enum values are plain text); `{}` assumed", v.parent_ns));
                }
                v.parent_ns.clone()
            });
        if v.wire_name.is_none() {
            self.enum_members.push(v.owner.clone());
        }
        let value_name = v.xml.filter(|x| !x.nil).map(|x| x.text.trim().to_owned());
        let number = match v.json {
            Some(Json::Num(n)) => n.parse::<i64>().ok(),
            _ => None,
        };
        let idx = match self
            .model
            .enums
            .iter()
            .position(|e| e.name == name && e.namespace == ns)
        {
            Some(i) => i,
            None => {
                self.model.enums.push(MEnum {
                    name: name.to_owned(),
                    namespace: ns.clone(),
                    description: String::new(),
                    values: Vec::new(),
                    value_descriptions: Vec::new(),
                    undocumented: None,
                    notes: Vec::new(),
                    reused: false,
                });
                self.model.enums.len() - 1
            }
        };
        match (value_name, number) {
            (Some(vn), Some(num)) if vn.contains(' ') => {
                self.report.add(
                    Kind::Undecided,
                    format!(
                        "enum `{name}`: `{vn}` = {num} looks like [Flags]; the value was not added"
                    ),
                );
            }
            (Some(vn), Some(num)) => {
                let e = &mut self.model.enums[idx];
                match e.values.iter().find(|(n, _)| *n == vn) {
                    Some((_, old)) if *old != num => {
                        let old = *old;
                        self.report.add(
                            Kind::Undecided,
                            format!(
                                "enum `{name}`: `{vn}` is {old} in one sample and {num} in another"
                            ),
                        );
                    }
                    Some(_) => {}
                    None => {
                        e.values.push((vn.clone(), num));
                        e.values.sort_by_key(|(_, n)| *n);
                        self.report.add(
                            Kind::Inferred,
                            format!("enum `{name}`: `{vn}` = {num} (JSON number against XML name)"),
                        );
                        self.report.add(
                            Kind::Guessed,
                            format!("enum `{name}`: the constant `{vn}` is named by its XML text (a [DataContract] enum writes its [EnumMember(Value)] there, and its CLR name is only on the ResourceModel page)"),
                        );
                    }
                }
            }
            _ => self.report.add(
                Kind::Undecided,
                format!(
                    "`{}`: an enum value needs both samples (the number in JSON, the name in XML)",
                    v.owner
                ),
            ),
        }
        let e = &mut self.model.enums[idx];
        if let Some((first, value)) = e.values.first() {
            let rust = h2h_schema::naming::pascal_case(&e.name);
            e.undocumented = Some(format!(
                "The help page shows only the smallest value, `{first} = {value}` (the sample generator picks the smallest constant); the other constants of the server's enum are not documented. Values without a name are kept as `{rust}::Unknown`."
            ));
        }
        Ty::Enum(ns, name.to_owned())
    }

    /// A contract seen in the samples (and the table, for the body type).
    fn contract(&mut self, clr_name: &str, v: &V<'_>) -> Ty {
        // A nested contract's table is on its ResourceModel page.
        let rows = v.rows.or_else(|| self.model_rows(clr_name));
        let null = matches!(v.json, Some(Json::Null) | None) && v.xml.is_none_or(|x| x.nil);
        let mut xml_owned: Vec<Xml> = v.xml.map(|x| x.children.clone()).unwrap_or_default();
        let mut json_owned: Vec<(String, &Json)> = match v.json {
            Some(Json::Obj(m)) => m.iter().map(|(k, j)| (k.clone(), j)).collect(),
            _ => Vec::new(),
        };
        // [Serializable]: Json.NET and DCS write the auto-properties' backing fields
        // (`<name>k__BackingField`, encoded as an XML name); the table shows the properties.
        let property_of = |wire: &str| -> Option<String> {
            wire.strip_prefix('<')?
                .strip_suffix(">k__BackingField")
                .map(str::to_owned)
        };
        let serializable =
            !json_owned.is_empty() && json_owned.iter().all(|(k, _)| property_of(k).is_some());
        if serializable {
            for (k, _) in &mut json_owned {
                let field = k.clone();
                if let Some(p) = property_of(&field) {
                    for x in &mut xml_owned {
                        if x.name == names::encode_local_name(&field) {
                            x.name.clone_from(&p);
                        }
                    }
                    *k = p;
                }
            }
            self.report.add(Kind::Inferred, format!("`{clr_name}` is [Serializable] (its samples show the backing fields of auto-properties)"));
        }
        let xml_children: Vec<&Xml> = xml_owned.iter().collect();
        let json_members: Vec<(&str, &Json)> =
            json_owned.iter().map(|(k, j)| (k.as_str(), *j)).collect();
        // The namespace of the most derived level: its member elements'.
        let own_xml_ns = xml_children.last().map(|c| c.ns.clone()).or_else(|| {
            v.xml
                .filter(|_| v.wire_name.is_some())
                .map(|x| x.ns.clone())
        });
        let (ns, custom_ns) = self.clr_namespace(own_xml_ns.as_deref(), clr_name, &v.parent_ns);
        let no_sample = v.json.is_none() && v.xml.is_none();
        if let (true, Some(rows)) = (no_sample, rows.filter(|r| !r.is_empty())) {
            if self.model.contract(&ns, clr_name).is_none() && !self.existing_has(&ns, clr_name) {
                return self.contract_from_table(clr_name, &ns, rows);
            }
        }
        if null || (xml_children.is_empty() && json_members.is_empty()) {
            if self.model.contract(&ns, clr_name).is_none() && !self.existing_has(&ns, clr_name) {
                self.report.add(Kind::Undecided, format!("`{clr_name}` ({}) has no members in the samples (null or empty); written without members", v.owner));
                self.model.contracts.push(MContract {
                    name: clr_name.to_owned(),
                    namespace: ns.clone(),
                    data_contract: custom_ns.map(|n| MDataContract {
                        name: None,
                        namespace: Some(n),
                    }),
                    serializable: false,
                    base: None,
                    description: String::new(),
                    members: Vec::new(),
                    notes: vec!["no members visible in the samples".into()],
                    reused: false,
                });
            }
            return Ty::Contract(ns, clr_name.to_owned());
        }
        if self
            .model
            .contract(&ns, clr_name)
            .is_some_and(|c| !c.reused)
        {
            // Seen before on this page (a collection's second item, a second property).
            return Ty::Contract(ns, clr_name.to_owned());
        }

        // Occurrences: a name twice in the XML is a hidden member, base one first.
        let mut last: HashMap<&str, usize> = HashMap::new();
        for (i, c) in xml_children.iter().enumerate() {
            last.insert(c.name.as_str(), i);
        }
        let xml_seq: Vec<(String, bool)> = xml_children
            .iter()
            .enumerate()
            .map(|(i, c)| (c.name.clone(), last[c.name.as_str()] != i))
            .collect();
        let mut json_names: Vec<String> = if v.json.is_some() {
            json_members.iter().map(|(k, _)| (*k).to_owned()).collect()
        } else if let Some(rows) = rows {
            rows.iter().map(|r| r.name.clone()).collect()
        } else {
            xml_seq
                .iter()
                .filter(|(_, h)| !h)
                .map(|(n, _)| n.clone())
                .collect()
        };
        if let Some(rows) = rows {
            for r in rows {
                if !json_names.contains(&r.name) {
                    self.report.add(Kind::Undecided, format!("`{clr_name}.{}` is in the table but not in the JSON sample (a [JsonProperty] name?); left out", r.name));
                }
            }
            for n in &json_names {
                if !rows.iter().any(|r| &r.name == n) {
                    self.report.add(
                        Kind::Undecided,
                        format!("`{clr_name}.{n}` is in the JSON sample but not in the table"),
                    );
                }
            }
        }
        let xml_visible: Vec<&str> = xml_seq
            .iter()
            .filter(|(_, h)| !h)
            .map(|(n, _)| n.as_str())
            .collect();
        // In JSON (and the table) but not in XML: a property that is not read-write, which
        // Json.NET writes and DCS does not (HELPPAGE.md §2.6 POCO rules).
        let all_json = json_names.clone();
        let mut json_only: Vec<String> = Vec::new();
        if v.xml.is_some_and(|x| !x.nil) {
            json_names.retain(|n| {
                let keep = xml_visible.contains(&n.as_str());
                if !keep {
                    json_only.push(n.clone());
                }
                keep
            });
        }
        let mut xml_f: Vec<(String, bool)> = if v.xml.is_some() {
            xml_seq
                .iter()
                .filter(|(n, _)| {
                    let keep = json_names.contains(n);
                    if !keep {
                        self.report.add(
                            Kind::Undecided,
                            format!("`{clr_name}.{n}` is in XML but not in JSON; left out"),
                        );
                    }
                    keep
                })
                .cloned()
                .collect()
        } else {
            json_names.iter().map(|n| (n.clone(), false)).collect()
        };

        // Inheritance levels.
        let mut orders: HashMap<String, i64> = HashMap::new();
        // The Order of a base member hidden by `new` (its name is the visible member's too).
        let mut hidden_orders: HashMap<String, i64> = HashMap::new();
        let levels: Vec<std::ops::Range<usize>>;
        let mut data_contract = custom_ns.clone().map(|n| MDataContract {
            name: None,
            namespace: Some(n),
        });
        if v.xml.is_none() || v.json.is_none() {
            let whole = 0..xml_f.len();
            levels = vec![whole];
            if !xml_f.is_empty() {
                self.report.add(Kind::Guessed, format!("`{clr_name}`: one sample format only, so its inheritance levels cannot be seen; one class assumed"));
            }
        } else {
            // Splits at the members of a known contract are preferred, not required.
            let known = self.known_splits(&xml_f);
            let found = segment(&xml_f, &json_names, &known)
                .or_else(|| {
                    known
                        .iter()
                        .rev()
                        .find_map(|&k| segment(&xml_f, &json_names, &[k]))
                })
                .or_else(|| segment(&xml_f, &json_names, &[]));
            match found {
                Some((lv, ambiguous)) => {
                    // No XML member at all (every member get-only, say): one level.
                    levels = if lv.is_empty() {
                        std::iter::once(0..xml_f.len()).collect()
                    } else {
                        lv
                    };
                    if ambiguous {
                        self.report.add(Kind::Undecided, format!("`{clr_name}`: its member orders allow more than one split into class levels; the first was taken"));
                    }
                    if levels.len() == 1 && levels[0].len() > 1 {
                        self.report.add(Kind::Inferred, format!("`{clr_name}`: one class level (XML order alphabetical throughout; a base whose members all sort first would look the same)"));
                    } else if levels.len() > 1 {
                        self.report.add(Kind::Inferred, format!("`{clr_name}`: {} class levels (XML order: one alphabetical run per level, base first; JSON order: derived first)", levels.len()));
                    }
                }
                None => {
                    let hidden: Vec<String> = xml_f
                        .iter()
                        .filter(|(_, h)| *h)
                        .map(|(n, _)| n.clone())
                        .collect();
                    let single = if hidden.is_empty() {
                        let xml_names: Vec<String> = xml_f.iter().map(|(n, _)| n.clone()).collect();
                        datamember_orders(&xml_names, &json_names)
                    } else {
                        None
                    };
                    let two = if single.is_none() {
                        datamember_levels(&xml_f, &json_names)
                    } else {
                        None
                    };
                    // One level: a name cannot appear twice in it.
                    if two.is_none() && !hidden.is_empty() {
                        self.report.add(Kind::Undecided, format!("`{clr_name}`: `{}` appears twice in XML but the class levels cannot be told apart; the base occurrence is left out", hidden.join("`, `")));
                        xml_f.retain(|(_, h)| !h);
                    }
                    let whole = 0..xml_f.len();
                    if let Some(two) = &two {
                        hidden_orders.clone_from(&two.hidden_orders);
                        if two.hidden_order_chosen {
                            self.report.add(Kind::Guessed, format!("`{clr_name}`: the hidden base member ending its level's run without Order is taken as without Order (an Order before the level's others gives the same samples)"));
                        }
                    }
                    levels = match &two {
                        Some(OrderedLevels { split, .. }) => {
                            self.report.add(Kind::Inferred, format!("`{clr_name}`: 2 class levels of a [DataContract] with [DataMember(Order)] (XML: per level, base first, the members without Order alphabetical, then by Order; JSON: those without Order derived first, then all by Order)"));
                            vec![0..*split, *split..xml_f.len()]
                        }
                        None => vec![whole],
                    };
                    match single.or(two.map(|t| t.orders)) {
                        Some(o) => {
                            orders = o;
                            let mut ordered: Vec<(&String, &i64)> = orders.iter().collect();
                            ordered.sort_by_key(|(n, o)| (**o, (*n).clone()));
                            let list: Vec<String> = ordered
                                .iter()
                                .map(|(n, o)| format!("{n} = {o}"))
                                .chain(
                                    hidden_orders
                                        .iter()
                                        .map(|(n, o)| format!("the hidden base {n} = {o}")),
                                )
                                .collect();
                            self.report.add(Kind::Inferred, format!("`{clr_name}` is a [DataContract] with [DataMember(Order)]: members without Order come first in both samples (alphabetical in XML), then by Order: {}", list.join(", ")));
                            self.report.add(Kind::Guessed, format!("`{clr_name}`: Order values renumbered from 1; only their relative order shows in the samples"));
                            data_contract.get_or_insert_with(MDataContract::default);
                        }
                        None => {
                            self.report.add(Kind::Undecided, format!("`{clr_name}`: the XML member order is neither alphabetical per class level nor explained by [DataMember(Order)]; one level in JSON order written"));
                        }
                    }
                }
            }
        }

        // Each level's namespace: that of its member elements.
        let level_ns: Vec<(String, Option<String>)> = levels
            .iter()
            .map(|r| {
                let Some((name, _)) = xml_f.get(r.start) else {
                    return (ns.clone(), custom_ns.clone());
                };
                // Names are kept or dropped with all their occurrences, so counting in the
                // filtered sequence finds the element.
                let occurrence = xml_f[..r.start].iter().filter(|(m, _)| m == name).count();
                let xns = xml_children
                    .iter()
                    .filter(|c| &c.name == name)
                    .nth(occurrence)
                    .map(|c| c.ns.clone());
                self.clr_namespace(xns.as_deref(), clr_name, &v.parent_ns)
            })
            .collect();

        // Members per level (visible ones in JSON order; hidden ones first).
        let json_value = |name: &str| {
            json_members
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, j)| *j)
        };
        let mut level_members: Vec<Vec<MMember>> = Vec::new();
        let mut slots: Vec<(usize, usize, Slot)> = Vec::new(); // (level, member index, slot)
        for (li, range) in levels.iter().enumerate() {
            let names_here: Vec<&(String, bool)> = xml_f[range.clone()].iter().collect();
            let mut members = Vec::new();
            // Hidden occurrences: not in JSON, not set by the sample generator.
            for (name, hidden) in &names_here {
                if *hidden {
                    members.push((name.clone(), true));
                }
            }
            let mut visible: Vec<&String> = names_here
                .iter()
                .filter(|(_, h)| !h)
                .map(|(n, _)| n)
                .collect();
            if !orders.is_empty() {
                if let Some(rows) = rows {
                    // The table lists properties in declaration (reflection) order.
                    visible.sort_by_key(|n| {
                        rows.iter()
                            .position(|r| &r.name == *n)
                            .unwrap_or(usize::MAX)
                    });
                    self.report.add(Kind::Inferred, format!("`{clr_name}`: declaration order taken from the table (reflection order)"));
                } else {
                    visible.sort_by_key(|n| {
                        (
                            orders.get(*n).copied().unwrap_or(0),
                            json_names.iter().position(|j| j == *n),
                        )
                    });
                    self.report.add(Kind::Guessed, format!("`{clr_name}`: declaration order of ordered members unknown without a table; JSON order kept"));
                }
            } else {
                // The JSON-only members of this level go where JSON has them.
                let level_of = |name: &str| -> Option<usize> {
                    levels
                        .iter()
                        .position(|r| xml_f[r.clone()].iter().any(|(n, h)| !h && n == name))
                };
                for n in &json_only {
                    let at = all_json.iter().position(|j| j == n).unwrap_or(0);
                    let before = all_json[..at].iter().rev().find_map(|j| level_of(j));
                    let after = all_json[at..].iter().find_map(|j| level_of(j));
                    if before.or(after).unwrap_or(levels.len().saturating_sub(1)) == li {
                        visible.push(n);
                    }
                }
                visible.sort_by_key(|n| all_json.iter().position(|j| j == *n));
            }
            members.extend(visible.into_iter().map(|n| (n.clone(), false)));
            let mut out = Vec::new();
            for (name, hidden) in members {
                let earlier = xml_f[..range.start].iter().any(|(n, _)| *n == name);
                let row = rows.and_then(|rows| rows.iter().find(|r| r.name == name));
                let member = if hidden {
                    self.report.add(Kind::Inferred, format!("`{clr_name}`: `{name}` appears twice in XML: a base member hidden by `new` (base one first; not in JSON; its type and position not observable)"));
                    MMember {
                        name: name.clone(),
                        ty: Ty::Prim(Primitive::String), // set below from the visible member
                        description: String::new(),
                        additional_information: Vec::new(),
                        hides_base: earlier,
                        sensitive: looks_sensitive(&name),
                        order: hidden_orders.get(&name).copied(),
                        access: None,
                        is_field: false,
                        returns: None,
                        note: Some("hidden by `new` in a derived class; type and position not observable (nil in the sample)".into()),
                        data_member: true,
                    }
                } else if json_only.contains(&name) {
                    let tt = row
                        .and_then(|r| r.type_text.as_deref())
                        .and_then(TypeText::parse);
                    let json = json_value(&name);
                    let mv = V {
                        tt,
                        json,
                        xml: None,
                        rows: None,
                        owner: format!("{clr_name}.{name}"),
                        member: Some(name.clone()),
                        wire_name: None,
                        parent_ns: level_ns[li].0.clone(),
                    };
                    // Without a table and XML, a number reads as an enum; a property that
                    // is not in XML is not an enum's name, so take the number's type.
                    let ty = match (&mv.tt, json) {
                        (None, Some(Json::Num(t))) if self.type_override(&mv.owner).is_none() => {
                            let p = if t.contains('.') {
                                Primitive::Double
                            } else {
                                Primitive::Int32
                            };
                            self.report.add(Kind::Guessed, format!("`{}`: {} taken from its JSON number {t} (no table, no XML; an enum would look the same)", mv.owner, p.csharp_name()));
                            Ty::Prim(p)
                        }
                        _ => self.value(&mv),
                    };
                    let (access, returns, slot) = self.json_only(&mv.owner, &ty, json);
                    slots.push((li, out.len(), slot));
                    MMember {
                        name: name.clone(),
                        ty,
                        description: row.map(|r| r.description.clone()).unwrap_or_default(),
                        additional_information: row
                            .map(|r| r.annotations.clone())
                            .unwrap_or_default(),
                        hides_base: earlier,
                        sensitive: looks_sensitive(&name),
                        order: None,
                        access: Some(access),
                        is_field: false,
                        returns,
                        note: None,
                        data_member: true,
                    }
                } else {
                    // The visible occurrence is the last XML element of that name.
                    let xml = xml_children.iter().rev().find(|c| c.name == name).copied();
                    let tt = row
                        .and_then(|r| r.type_text.as_deref())
                        .and_then(TypeText::parse);
                    let mv = V {
                        tt,
                        json: json_value(&name),
                        xml,
                        rows: None,
                        owner: format!("{clr_name}.{name}"),
                        member: Some(name.clone()),
                        wire_name: None,
                        parent_ns: level_ns[li].0.clone(),
                    };
                    let ty = self.value(&mv);
                    slots.push((li, out.len(), slot_of(&ty, mv.json, mv.xml)));
                    MMember {
                        name: name.clone(),
                        ty,
                        description: row.map(|r| r.description.clone()).unwrap_or_default(),
                        additional_information: row
                            .map(|r| r.annotations.clone())
                            .unwrap_or_default(),
                        hides_base: earlier,
                        sensitive: looks_sensitive(&name),
                        order: orders.get(&name).copied(),
                        access: None,
                        is_field: false,
                        returns: None,
                        note: None,
                        data_member: true,
                    }
                };
                if member.hides_base {
                    self.report.add(Kind::Inferred, format!("`{clr_name}.{name}` is declared `new` (it hides a base member of the same name)"));
                }
                out.push(member);
            }
            level_members.push(out);
        }
        // Hidden members take the type of the member that hides them.
        let visible_types: HashMap<String, Ty> = level_members
            .iter()
            .flatten()
            .filter(|m| m.note.is_none())
            .map(|m| (m.name.clone(), m.ty.clone()))
            .collect();
        for m in level_members.iter_mut().flatten() {
            if m.note.is_some() {
                if let Some(t) = visible_types.get(&m.name) {
                    m.ty = t.clone();
                }
            }
        }

        // Nullability from the counter, in reflection order (`slots` is base level first, each
        // level in declaration order).
        let slot_members: Vec<members::Member<'_>> = slots
            .iter()
            .map(|&(level, _, _)| members::Member {
                level,
                name: "",
                order: None,
                is_field: false,
                access: members::Access::ReadWrite,
                hidden: false,
            })
            .collect();
        let order_slots: Vec<(usize, usize, Slot)> =
            members::reflection_order(&slot_members, false)
                .into_iter()
                .map(|i| slots[i])
                .collect();
        let just: Vec<Slot> = order_slots.iter().map(|(_, _, s)| *s).collect();
        let mut runs = vec![order_slots.clone()];
        let mut decided = nullability(&just).map(|d| vec![d]);
        // Public fields: Json.NET lists them first, and the sample generator numbers them
        // from 1 again after the properties (HELPPAGE.md §1.3). Tried when the counter does
        // not fit one run, for one class level.
        if decided.is_none() && levels.len() == 1 {
            for k in 1..order_slots.len() {
                // The first k members in JSON order as fields, each run in reflection order.
                let first: Vec<&String> = all_json.iter().take(k).collect();
                let is_field = |&(li, mi, _): &(usize, usize, Slot)| {
                    level_members
                        .get(li)
                        .and_then(|l| l.get(mi))
                        .is_some_and(|m| first.contains(&&m.name))
                };
                let (fields, props): (Vec<_>, Vec<_>) =
                    order_slots.iter().copied().partition(|s| is_field(s));
                if fields.len() != k {
                    continue;
                }
                let of = |run: &[(usize, usize, Slot)]| -> Vec<Slot> {
                    run.iter().map(|(_, _, s)| *s).collect()
                };
                if let (Some(df), Some(dp)) = (nullability(&of(&fields)), nullability(&of(&props)))
                {
                    let mut names = Vec::new();
                    for &(li, mi, _) in &fields {
                        if let Some(m) = level_members.get_mut(li).and_then(|l| l.get_mut(mi)) {
                            m.is_field = true;
                            names.push(format!("`{}`", m.name));
                        }
                    }
                    self.report.add(Kind::Inferred, format!("`{clr_name}`: {} public field(s) (first in JSON, and the sample counter starts again at 1 for them)", names.join(", ")));
                    runs = vec![props, fields];
                    decided = Some(vec![dp, df]);
                    break;
                }
            }
        }
        // Numbers no member takes: settable properties without [DataMember] (a
        // [DataContract]'s, whose table and samples leave them out) took them.
        let mut gaps: Vec<Vec<u64>> = Vec::new();
        let plain_only = level_members.iter().flatten().any(|m| m.access.is_some());
        if decided.is_none() && !plain_only && !serializable {
            if let Some(g) = counter_gaps(&just).filter(|g| g.iter().any(|n| !n.is_empty())) {
                let mut with_gaps = Vec::new();
                let mut is_gap = Vec::new();
                for (slot, numbers) in just.iter().zip(&g) {
                    for _ in numbers {
                        with_gaps.push(Slot::Consume(None));
                        is_gap.push(true);
                    }
                    with_gaps.push(*slot);
                    is_gap.push(false);
                }
                if let Some(d) = nullability(&with_gaps) {
                    decided = Some(vec![d
                        .into_iter()
                        .zip(is_gap)
                        .filter(|(_, gap)| !gap)
                        .map(|(d, _)| d)
                        .collect()]);
                    gaps = g;
                }
            }
        }
        let decided = decided.map(|ds| {
            runs.iter()
                .flatten()
                .copied()
                .zip(ds.into_iter().flatten())
                .collect::<Vec<_>>()
        });
        match decided {
            Some(decisions) => {
                for ((li, mi, slot), d) in decisions {
                    let (li, mi, slot) = (&li, &mi, &slot);
                    let m = &mut level_members[*li][*mi];
                    match (slot, d) {
                        (Slot::Value(_), Nullability::Nullable) => {
                            self.report.add(Kind::Inferred, format!("`{clr_name}.{}` is {}? (its value is the first one and takes no number from the sample counter)", m.name, m.ty.expr("")));
                            m.ty = Ty::Nullable(Box::new(m.ty.clone()));
                        }
                        (Slot::Value(_), Nullability::UndecidedNullable) => {
                            self.report.add(Kind::Undecided, format!("`{clr_name}.{}`: nullable or not, the sample counter cannot tell alone; {}? written (with the members before it not nullable, only that fits the counter). {NULLABILITY_UNSEEN}", m.name, m.ty.expr("")));
                            m.ty = Ty::Nullable(Box::new(m.ty.clone()));
                        }
                        (Slot::Value(_), Nullability::Undecided) => {
                            self.report.add(Kind::Undecided, format!("`{clr_name}.{}`: nullable or not, the sample counter cannot tell; {} (not nullable) written. {NULLABILITY_UNSEEN}", m.name, m.ty.expr("")));
                        }
                        _ => {}
                    }
                }
                if gaps.iter().all(Vec::is_empty) {
                    for run in &runs {
                        self.report_nullability_choices(clr_name, run, &level_members);
                    }
                }
            }
            None => {
                self.report.add(Kind::Undecided, format!("`{clr_name}`: the sample counter does not fit its members (a customized sample, fields, or unlisted properties?); nullability not inferred"));
            }
        }

        // The gaps' properties, each right before the member that shows the number after it
        // (in reflection order), last insertions first so that the indexes hold.
        let mut inserts: Vec<(usize, usize, u64)> = Vec::new();
        for (&(li, mi, _), numbers) in order_slots.iter().zip(&gaps) {
            for &n in numbers {
                inserts.push((li, mi, n));
            }
        }
        for &(li, mi, n) in inserts.iter().rev() {
            let mut name = format!("NotAMember{n}");
            while level_members.iter().flatten().any(|m| m.name == name) {
                name.push('_');
            }
            let member =
                MMember::not_member(name.clone(), Ty::Prim(Primitive::Bool), String::new());
            let at = mi.min(level_members[li].len());
            level_members[li].insert(at, member);
            self.report.add(Kind::Inferred, format!("`{clr_name}`: sample number {n} is taken by no member: a settable property without [DataMember] (the class is a [DataContract]), written `{name}`"));
            self.report.add(Kind::Guessed, format!("`{clr_name}.{name}`: a property without [DataMember] shows only as a gap in the sample counter; its name, its type (bool, the cheapest that takes one number) and its place (just before the member after the gap) are not on the page"));
        }
        let has_gaps = !inserts.is_empty();

        // Name the levels: most derived is this contract; bases reuse existing contracts with
        // the same members, or are named by --base, or `Base<Derived>`.
        let count = levels.len();
        let mut names: Vec<(String, String)> = vec![(String::new(), String::new()); count];
        names[count - 1] = (level_ns[count - 1].0.clone(), clr_name.to_owned());
        let mut reused_from = count; // levels below this index are existing contracts
        for top in (0..count - 1).rev() {
            if let Some(chain) = self.find_existing_chain(&level_members[..=top]) {
                for (i, n) in chain.into_iter().enumerate() {
                    names[i] = n;
                }
                reused_from = top + 1;
                self.report.add(
                    Kind::Inferred,
                    format!(
                        "`{}`: base class `{}` (same members as the schema's contract)",
                        names[top + 1].1,
                        names[top].1
                    ),
                );
                break;
            }
            let derived = names[top + 1].1.clone();
            let base_name = match self.opts.bases.iter().find(|(d, _)| *d == derived) {
                Some((_, b)) => {
                    self.report.add(
                        Kind::Inferred,
                        format!("`{derived}`: base class named `{b}` (--base)"),
                    );
                    b.clone()
                }
                None => {
                    let b = format!("Base{derived}");
                    self.report.add(Kind::Guessed, format!("`{derived}`: its base class's name is not on the page; named `{b}` (pass --base {derived}=Name)"));
                    b
                }
            };
            names[top] = (level_ns[top].0.clone(), base_name);
        }
        for li in 0..count {
            let (lns, lname) = names[li].clone();
            let base = (li > 0).then(|| names[li - 1].clone());
            if li < reused_from && reused_from < count {
                continue; // an existing contract
            }
            let mut dc = if li == count - 1 {
                data_contract.clone()
            } else {
                level_ns[li].1.clone().map(|n| MDataContract {
                    name: None,
                    namespace: Some(n),
                })
            };
            // A level with [DataMember(Order)] is a [DataContract] (and DCS wants the bases
            // of a [DataContract] to be ones too).
            if dc.is_none()
                && data_contract.is_some()
                && level_members[li].iter().any(|m| m.order.is_some())
            {
                dc = Some(MDataContract::default());
            }
            // Properties without [DataMember] leave no gap in a plain class: every level is a
            // [DataContract] (DCS wants a [DataContract]'s bases and subclasses to be ones).
            if dc.is_none() && has_gaps {
                dc = Some(MDataContract::default());
            }
            if li == count - 1 {
                if let Some(wire) = &v.wire_name {
                    if wire != clr_name && !wire.starts_with(names::ARRAY_OF) {
                        self.report.add(Kind::Inferred, format!("`{clr_name}` is a [DataContract(Name = \"{wire}\")] (its XML element is named `{wire}`)"));
                        dc.get_or_insert_with(MDataContract::default).name = Some(wire.clone());
                    }
                }
            }
            if let Some(n) = dc.as_ref().and_then(|d| d.namespace.as_ref()) {
                self.report.add(
                    Kind::Inferred,
                    format!("`{lname}`: [DataContract(Namespace = \"{n}\")]"),
                );
            }
            // Guesses about the members of the levels written (not of reused contracts).
            for m in &level_members[li] {
                if m.note.is_some() {
                    self.report.add(Kind::Guessed, format!("`{lname}.{}`: hidden by `new` in `{clr_name}` and nil in the sample; its type is taken from the member that hides it, and its place in `{lname}` (not observable) is first", m.name));
                }
                if m.sensitive {
                    self.report.add(
                        Kind::Guessed,
                        format!(
                            "`{lname}.{}` marked sensitive (its name suggests a secret)",
                            m.name
                        ),
                    );
                }
            }
            let contract = MContract {
                name: lname.clone(),
                namespace: lns.clone(),
                data_contract: dc,
                serializable,
                base,
                description: String::new(),
                members: level_members[li].clone(),
                notes: Vec::new(),
                reused: false,
            };
            self.add_contract(contract);
        }
        if own_xml_ns
            .as_deref()
            .and_then(clr_namespace_of_xml)
            .is_some()
        {
            self.report.add(
                Kind::Inferred,
                format!("`{clr_name}`: CLR namespace `{ns}` (from its XML namespace)"),
            );
        }
        Ty::Contract(ns, clr_name.to_owned())
    }

    /// A contract the page has a table for but no sample (its object graph has a cycle, so
    /// the page says "Sample not available."): its members from the table alone.
    fn contract_from_table(&mut self, clr_name: &str, ns: &str, rows: &[Row]) -> Ty {
        self.report.add(Kind::Guessed, format!("`{clr_name}` has no sample (its object graph has a cycle?): members from the table only, in its order, one class level, none nullable; its CLR namespace `{ns}` is not visible (pass --namespace)"));
        // In the model before its members, which may refer to it.
        self.model.contracts.push(MContract {
            name: clr_name.to_owned(),
            namespace: ns.to_owned(),
            data_contract: None,
            serializable: false,
            base: None,
            description: String::new(),
            members: Vec::new(),
            notes: vec!["no sample: members from the table only".into()],
            reused: false,
        });
        let at = self.model.contracts.len() - 1;
        let mut members = Vec::new();
        for row in rows {
            let mv = V {
                tt: row.type_text.as_deref().and_then(TypeText::parse),
                json: None,
                xml: None,
                rows: None,
                owner: format!("{clr_name}.{}", row.name),
                member: Some(row.name.clone()),
                wire_name: None,
                parent_ns: ns.to_owned(),
            };
            let ty = self.value(&mv);
            members.push(MMember {
                name: row.name.clone(),
                ty,
                description: row.description.clone(),
                additional_information: row.annotations.clone(),
                hides_base: false,
                sensitive: looks_sensitive(&row.name),
                order: None,
                access: None,
                is_field: false,
                returns: None,
                note: None,
                data_member: true,
            });
        }
        if let Some(c) = self.model.contracts.get_mut(at) {
            c.members = members;
        }
        Ty::Contract(ns.to_owned(), clr_name.to_owned())
    }

    /// A property in JSON but not in XML: get-only (the sample generator cannot set it; it
    /// shows its type's default or the constant its getter returns, and takes no number) or
    /// with a private setter (set like any property, taking a number).
    fn json_only(
        &mut self,
        owner: &str,
        ty: &Ty,
        json: Option<&Json>,
    ) -> (
        h2h_schema::ir::Access,
        Option<h2h_schema::ir::Literal>,
        Slot,
    ) {
        use h2h_schema::ir::{Access, Literal};
        let said = |this: &mut Self, access: &str, why: &str| {
            this.report.add(
                Kind::Inferred,
                format!("`{owner}` is in JSON but not in XML: {access} ({why})"),
            );
        };
        let is_default = |t: &str| {
            matches!(t, "0" | "0.0" | "0001-01-01T00:00:00" | "00:00:00")
                || t == "00000000-0000-0000-0000-000000000000"
        };
        match json {
            None | Some(Json::Null) => {
                said(self, "a get-only property", "its value is null");
                (Access::GetOnly, None, Slot::Skip)
            }
            Some(Json::Bool(false)) => {
                said(self, "a get-only property", "its value is the default");
                (Access::GetOnly, None, Slot::Skip)
            }
            Some(Json::Str(t) | Json::Num(t)) if is_default(t) => {
                said(self, "a get-only property", "its value is the default");
                (Access::GetOnly, None, Slot::Skip)
            }
            Some(Json::Str(t))
                if rules::parse_string(t).is_some() || rules::parse_uri(t).is_some() =>
            {
                said(
                    self,
                    "a property with a private setter",
                    "the sample generator set it",
                );
                let n = rules::parse_string(t).or_else(|| rules::parse_uri(t));
                (Access::PrivateSet, None, Slot::Consume(n))
            }
            Some(Json::Num(t)) if t.parse::<u64>().is_ok_and(|n| n > 0) => {
                self.report.add(Kind::Guessed, format!("`{owner}` is in JSON but not in XML, with the number {t}: a property with a private setter assumed (a get-only one returning {t} looks the same)"));
                (Access::PrivateSet, None, Slot::Consume(t.parse().ok()))
            }
            Some(Json::Num(t))
                if t.parse::<i64>().is_ok()
                    && !matches!(
                        ty,
                        Ty::Prim(Primitive::Decimal | Primitive::Double | Primitive::Single)
                    ) =>
            {
                said(self, "a get-only property", "its getter returns a constant");
                (
                    Access::GetOnly,
                    t.parse().ok().map(Literal::Integer),
                    Slot::Skip,
                )
            }
            Some(Json::Bool(true)) => {
                self.report.add(Kind::Guessed, format!("`{owner}` is in JSON but not in XML, with `true`: a property with a private setter assumed (a get-only one returning true looks the same)"));
                (Access::PrivateSet, None, Slot::Consume(None))
            }
            Some(Json::Str(t)) if *ty == Ty::Prim(Primitive::String) => {
                said(self, "a get-only property", "its getter returns a constant");
                (
                    Access::GetOnly,
                    Some(Literal::String(t.clone())),
                    Slot::Skip,
                )
            }
            Some(other) => {
                self.report.add(Kind::Undecided, format!("`{owner}` is in JSON but not in XML, with {}: a get-only property written without its value", other.kind()));
                (Access::GetOnly, None, Slot::Skip)
            }
        }
    }

    /// The member table of a complex type's ResourceModel page.
    fn model_rows(&self, name: &str) -> Option<&'a [Row]> {
        let opts: &'a Options = self.opts;
        opts.models.iter().find_map(|m| match &m.kind {
            ModelKind::Complex(rows) if m.name == name => Some(rows.as_slice()),
            _ => None,
        })
    }

    /// What the ResourceModel pages add: type documentation and every enum constant.
    fn apply_model_pages(&mut self) {
        let opts: &'a Options = self.opts;
        for c in self.model.contracts.iter_mut().filter(|c| !c.reused) {
            if let Some(m) = opts.models.iter().find(|m| m.name == c.name) {
                c.description.clone_from(&m.doc);
            }
        }
        for e in self.model.enums.iter_mut().filter(|e| !e.reused) {
            let Some(m) = opts.models.iter().find(|m| m.name == e.name) else {
                continue;
            };
            let ModelKind::Enum(rows) = &m.kind else {
                continue;
            };
            e.description.clone_from(&m.doc);
            let mut values = Vec::new();
            for r in rows {
                match e.values.iter().find(|(_, v)| *v == r.value) {
                    Some((seen, _)) if *seen != r.name => {
                        self.report.add(Kind::Undecided, format!("enum `{}`: {} is `{}` on its ResourceModel page and `{seen}` in the XML sample (a [DataContract] enum's [EnumMember(Value)]); the XML text kept, as the schema needs it on the wire", e.name, r.value, r.name));
                        values.push((seen.clone(), r.value));
                    }
                    _ => values.push((r.name.clone(), r.value)),
                }
            }
            self.report.add(
                Kind::Guessed,
                format!(
                    "enum `{}`: {} constants from its ResourceModel page, by CLR name; a [DataContract] enum's [EnumMember(Value)] for them does not show (the XML has the sample constant's only)",
                    e.name,
                    values.len()
                ),
            );
            // By the name kept for each constant (the XML text where it differs).
            e.value_descriptions = values
                .iter()
                .zip(rows)
                .filter(|(_, r)| !r.description.is_empty())
                .map(|((n, _), r)| (n.clone(), r.description.clone()))
                .collect();
            e.values = values;
            e.undocumented = None;
        }
    }

    fn add_contract(&mut self, c: MContract) {
        if let Some(old) = self
            .model
            .contracts
            .iter()
            .find(|o| o.namespace == c.namespace && o.name == c.name)
        {
            if old
                .members
                .iter()
                .map(|m| (&m.name, &m.ty))
                .ne(c.members.iter().map(|m| (&m.name, &m.ty)))
            {
                self.report.add(Kind::Undecided, format!("`{}` is inferred twice on this page with different members; the first kept", c.name));
            }
            return;
        }
        self.model.contracts.push(c);
    }

    fn existing_has(&self, ns: &str, name: &str) -> bool {
        self.existing
            .contracts
            .iter()
            .any(|c| c.clr_namespace == ns && c.clr_name == name)
    }

    /// CLR namespace (and a custom DataContract namespace) from an XML namespace.
    fn clr_namespace(
        &mut self,
        xml_ns: Option<&str>,
        name: &str,
        parent: &str,
    ) -> (String, Option<String>) {
        match xml_ns {
            Some(x) => match clr_namespace_of_xml(x) {
                Some(ns) => (ns.to_owned(), None),
                None => {
                    let ns = self
                        .existing
                        .contracts
                        .iter()
                        .find(|c| c.clr_name == name)
                        .map_or_else(|| self.fallback_ns.clone(), |c| c.clr_namespace.clone());
                    self.report.add(Kind::Guessed, format!("`{name}`: its XML namespace `{x}` does not name a CLR namespace; `{ns}` assumed (pass --namespace)"));
                    (ns, Some(x.to_owned()))
                }
            },
            None => (parent.to_owned(), None),
        }
    }

    /// XML prefixes of a contract's members that are exactly the flattened members of an
    /// existing contract (in the schema or inferred earlier on this page).
    fn known_splits(&self, xml: &[(String, bool)]) -> Vec<usize> {
        let mut known: Vec<Vec<String>> = Vec::new();
        for (i, _) in self.existing.contracts.iter().enumerate() {
            let mut names: Vec<String> = self
                .existing
                .flattened(h2h_schema::ir::ContractId(i))
                .iter()
                .map(|f| f.member.wire_name.clone())
                .collect();
            names.sort();
            known.push(names);
        }
        for c in &self.model.contracts {
            let mut names: Vec<String> = self
                .model
                .chain(&c.namespace, &c.name)
                .iter()
                .flat_map(|l| l.members.iter().map(|m| m.name.clone()))
                .collect();
            names.sort();
            known.push(names);
        }
        (1..xml.len())
            .filter(|&t| {
                let mut prefix: Vec<String> = xml[..t].iter().map(|(n, _)| n.clone()).collect();
                prefix.sort();
                known.contains(&prefix)
            })
            .collect()
    }

    /// An existing chain of contracts whose levels have exactly these members.
    fn find_existing_chain(&mut self, levels: &[Vec<MMember>]) -> Option<Vec<(String, String)>> {
        // `a` is a known level, `b` an inferred one (whose hidden members carry a note).
        let same_level = |a: &[MMember], b: &[MMember]| {
            // Properties without [DataMember] are compared by the samples, not by name.
            let a: Vec<MMember> = a.iter().filter(|m| m.data_member).cloned().collect();
            let b: Vec<MMember> = b.iter().filter(|m| m.data_member).cloned().collect();
            let key = |m: &MMember| (m.name.clone(), m.ty.expr(""), m.hides_base);
            let mut x: Vec<_> = a.iter().map(key).collect();
            let mut y: Vec<_> = b.iter().map(key).collect();
            x.sort();
            y.sort();
            // Visible members in the same declaration order; hidden ones anywhere.
            let vb: Vec<&str> = b
                .iter()
                .filter(|m| m.note.is_none())
                .map(|m| m.name.as_str())
                .collect();
            let va: Vec<&str> = a
                .iter()
                .map(|m| m.name.as_str())
                .filter(|n| vb.contains(n))
                .collect();
            x == y && va == vb
        };
        // Existing schema.
        for i in 0..self.existing.contracts.len() {
            let chain = self.existing.levels(h2h_schema::ir::ContractId(i));
            if chain.len() != levels.len() {
                continue;
            }
            let mcs: Vec<MContract> = chain
                .iter()
                .map(|&id| contract_of_ir(self.existing, id))
                .collect();
            if mcs
                .iter()
                .zip(levels)
                .all(|(c, l)| same_level(&c.members, l))
            {
                for c in &mcs {
                    if self.model.contract(&c.namespace, &c.name).is_none() {
                        self.model.contracts.push(c.clone());
                    }
                }
                return Some(
                    mcs.iter()
                        .map(|c| (c.namespace.clone(), c.name.clone()))
                        .collect(),
                );
            }
        }
        // Earlier on this page.
        for c in &self.model.contracts {
            let chain = self.model.chain(&c.namespace, &c.name);
            if chain.len() == levels.len()
                && chain
                    .iter()
                    .zip(levels)
                    .all(|(c, l)| same_level(&c.members, l))
            {
                return Some(
                    chain
                        .iter()
                        .map(|c| (c.namespace.clone(), c.name.clone()))
                        .collect(),
                );
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seq(names: &[&str]) -> Vec<(String, bool)> {
        let mut last = HashMap::new();
        for (i, n) in names.iter().enumerate() {
            last.insert(*n, i);
        }
        names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.to_string(), last[n] != i))
            .collect()
    }

    fn strings(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn seed_request_levels() {
        let xml = seq(&["accessToken", "userID", "language", "securityCode", "token"]);
        let json = strings(&["token", "securityCode", "language", "userID", "accessToken"]);
        let (levels, ambiguous) = segment(&xml, &json, &[]).unwrap();
        assert_eq!(levels, vec![0..2, 2..5]);
        assert!(!ambiguous);
    }

    #[test]
    fn seed_response_levels_with_hidden_member() {
        let xml = seq(&[
            "accessToken",
            "respMessage",
            "respTime",
            "status",
            "userID",
            "accessToken",
        ]);
        let json = strings(&["accessToken", "respTime", "userID", "status", "respMessage"]);
        let (levels, _) = segment(&xml, &json, &[]).unwrap();
        assert_eq!(levels, vec![0..5, 5..6]);
    }

    #[test]
    fn alphabetical_throughout_is_one_level_unless_a_known_base_splits_it() {
        let xml = seq(&["a", "b", "c"]);
        let json = strings(&["c", "a", "b"]);
        assert_eq!(segment(&xml, &json, &[]).unwrap().0, vec![0..3]);
        assert_eq!(segment(&xml, &json, &[2]).unwrap().0, vec![0..2, 2..3]);
    }

    /// DcBase { baseLate (Order 5), baseNoOrder } and DcDerived : DcBase { derivedEarly
    /// (Order 1), derivedNoOrder }.
    #[test]
    fn datamember_order_over_two_levels() {
        let xml = strings(&["baseNoOrder", "baseLate", "derivedNoOrder", "derivedEarly"]);
        let json = strings(&["derivedNoOrder", "baseNoOrder", "derivedEarly", "baseLate"]);
        assert_eq!(datamember_orders(&xml, &json), None);
        let xml = seq(&["baseNoOrder", "baseLate", "derivedNoOrder", "derivedEarly"]);
        let found = datamember_levels(&xml, &json).unwrap();
        assert_eq!(found.split, 2);
        assert_eq!(found.orders.get("derivedEarly"), Some(&1));
        assert_eq!(found.orders.get("baseLate"), Some(&2));
        assert_eq!(found.orders.len(), 2);
        assert!(found.hidden_orders.is_empty());
        // Other members in JSON than in XML: no explanation.
        let other = strings(&["derivedNoOrder", "baseNoOrder", "derivedEarly", "extra"]);
        assert_eq!(datamember_levels(&xml, &other), None);
    }

    /// `int? a; decimal? b;` shows 1 and 1.0 (HELPPAGE.md §1.8): one of them at least is
    /// nullable, and three assignments fit; a string after them would tell.
    #[test]
    fn nullability_assignments_that_fit_the_counter() {
        let both = [Slot::Value(Some(1)), Slot::Value(Some(1))];
        assert_eq!(
            nullability_assignments(&both, 9),
            [vec![false, true], vec![true, false], vec![true, true]]
        );
        // `sample string 2` after them: exactly one of them took number 1.
        let then_string = [
            Slot::Value(Some(1)),
            Slot::Value(Some(1)),
            Slot::Consume(Some(2)),
        ];
        assert_eq!(
            nullability_assignments(&then_string, 9),
            [vec![false, true, false], vec![true, false, false]]
        );
        // `sample string 1` after them: both nullable.
        let first_string = [
            Slot::Value(Some(1)),
            Slot::Value(Some(1)),
            Slot::Consume(Some(1)),
        ];
        assert_eq!(
            nullability_assignments(&first_string, 9),
            [vec![true, true, false]]
        );
        assert_eq!(nullability_assignments(&both, 2).len(), 2);
    }

    /// What DCS and Json.NET wrote under Mono for AuditBase { zone, [Order 2] note, [Order 1]
    /// code } and AuditView : AuditBase { actor, [Order 1] new note, [Order 3] total }.
    #[test]
    fn datamember_order_over_two_levels_with_a_hidden_member() {
        let xml = seq(&["zone", "code", "note", "actor", "note", "total"]);
        let json = strings(&["actor", "zone", "note", "code", "total"]);
        let found = datamember_levels(&xml, &json).unwrap();
        assert_eq!(found.split, 3);
        // One sequence: the derived note, code, the hidden base note after code, total.
        assert_eq!(found.orders.get("note"), Some(&1));
        assert_eq!(found.orders.get("code"), Some(&2));
        assert_eq!(found.hidden_orders.get("note"), Some(&3));
        assert_eq!(found.orders.get("total"), Some(&4));
        assert!(!found.hidden_order_chosen);
        // The hidden occurrence must be in the base level.
        let wrong = seq(&["zone", "code", "actor", "note", "note", "total"]);
        assert_eq!(datamember_levels(&wrong, &json), None);
    }

    #[test]
    fn datamember_order() {
        let xml = strings(&["count", "memo", "zeta", "beta", "reference", "amt"]);
        let json = strings(&["memo", "count", "zeta", "reference", "beta", "amt"]);
        assert!(segment(
            &seq(&["count", "memo", "zeta", "beta", "reference", "amt"]),
            &json,
            &[]
        )
        .is_none());
        let o = datamember_orders(&xml, &json).unwrap();
        assert_eq!(o.get("beta"), Some(&1));
        assert_eq!(o.get("reference"), Some(&1));
        assert_eq!(o.get("amt"), Some(&2));
        assert_eq!(o.get("memo"), None);
    }

    #[test]
    fn counter_gaps_are_the_fewest_numbers_no_member_takes() {
        use Slot::*;
        // string 1, (2, 3 taken by no member), string 4, int? 1, string 5.
        let g = counter_gaps(&[
            Consume(Some(1)),
            Consume(Some(4)),
            Value(Some(1)),
            Consume(Some(5)),
        ])
        .unwrap();
        assert_eq!(g, vec![vec![], vec![2, 3], vec![], vec![]]);
        // A first number of 2: one gap before the first member.
        assert_eq!(counter_gaps(&[Consume(Some(2))]).unwrap(), vec![vec![1]]);
        // A bool (3) that may take a number or be nullable: taking it leaves no gap.
        let g = counter_gaps(&[Consume(Some(2)), Value(None), Consume(Some(4))]).unwrap();
        assert_eq!(g, vec![vec![1], vec![], vec![]]);
        // No gap explains a number that comes again.
        assert_eq!(counter_gaps(&[Consume(Some(2)), Consume(Some(2))]), None);
    }

    #[test]
    fn counter_finds_nullables() {
        use Slot::*;
        // string 1, int? 1, decimal 2, DateTime (3), string 4
        let d = nullability(&[
            Consume(Some(1)),
            Value(Some(1)),
            Value(Some(2)),
            Value(None),
            Consume(Some(4)),
        ])
        .unwrap();
        assert_eq!(
            d,
            vec![
                Nullability::NotNull,
                Nullability::Nullable,
                Nullability::NotNull,
                Nullability::NotNull,
                Nullability::NotNull
            ]
        );
        // A DateTime? between 1 and 2.
        let d = nullability(&[Consume(Some(1)), Value(None), Consume(Some(2))]).unwrap();
        assert_eq!(d[1], Nullability::Nullable);
        // A trailing bool: cannot tell.
        let d = nullability(&[Consume(Some(1)), Value(None)]).unwrap();
        assert_eq!(d[1], Nullability::Undecided);
        // First member 1 followed by 2: not nullable.
        let d = nullability(&[Value(Some(1)), Consume(Some(2))]).unwrap();
        assert_eq!(d[0], Nullability::NotNull);
        assert!(nullability(&[Consume(Some(3))]).is_none());
    }
}
