//! Bodies .NET accepts that are not what Rust writes: Rust's XML and JSON of a value, perturbed
//! where .NET's readers are lenient (member order, unknown members, name case, repeated
//! members), with no knowledge of the contract. See `differential.rs` for what is checked.

use quick_xml::events::Event;
use serde_json::value::RawValue;

/// The element inserted into the root of perturbed XML (in the root's default namespace).
pub const UNKNOWN_ELEMENT: &str = "zzNotAMember";

/// The member inserted first into perturbed JSON.
pub const UNKNOWN_MEMBER: &str = "zzNotAMember";

/// The unknown member's value: an array holding an object, so that skipping it means skipping
/// nested values.
const UNKNOWN_MEMBER_VALUE: &str = r#"[1,{"a":null}]"#;

/// Perturbed XML.
#[derive(Debug, Clone)]
pub struct Xml {
    /// The perturbed body.
    pub bytes: Vec<u8>,
    /// Whether two children of the root have the same name: a member hidden by a `new` one
    /// and the member hiding it, which DCS tells apart by position only. Reversed, each is read
    /// into the other's place (by DCS and by Rust, in every policy).
    pub repeated_name: bool,
}

/// Rust's XML with the root's child elements in reverse order, after an unknown element
/// (`<zzNotAMember>1</zzNotAMember>`) inserted as the first child; an empty root
/// (`<Empty .../>`) gets the unknown element as its only child. `None` for XML with text
/// directly in the root (a primitive root), which has no members to perturb.
pub fn xml(xml: &[u8]) -> Option<Xml> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut depth = 0usize;
    // End of the root's start tag, start of its end tag.
    let mut open_end = None;
    let mut close_start = None;
    let mut empty_root = None;
    let mut children: Vec<(usize, usize)> = Vec::new();
    let mut child_start = 0;
    let mut names: Vec<Vec<u8>> = Vec::new();
    loop {
        let before = usize::try_from(reader.buffer_position()).ok()?;
        let event = reader.read_event().ok()?;
        let after = usize::try_from(reader.buffer_position()).ok()?;
        match event {
            Event::Start(e) => {
                match depth {
                    0 => open_end = Some(after),
                    1 => {
                        child_start = before;
                        names.push(e.name().as_ref().to_vec());
                    }
                    _ => {}
                }
                depth += 1;
            }
            Event::Empty(e) => match depth {
                0 => empty_root = Some((before, after)),
                1 => {
                    children.push((before, after));
                    names.push(e.name().as_ref().to_vec());
                }
                _ => {}
            },
            Event::End(_) => {
                depth = depth.checked_sub(1)?;
                match depth {
                    0 => close_start = Some(before),
                    1 => children.push((child_start, after)),
                    _ => {}
                }
            }
            Event::Text(t) if depth == 1 && !t.iter().all(u8::is_ascii_whitespace) => return None,
            Event::CData(_) if depth == 1 => return None,
            Event::Eof => break,
            _ => {}
        }
    }
    let unknown = format!("<{UNKNOWN_ELEMENT}>1</{UNKNOWN_ELEMENT}>");
    if let Some((start, end)) = empty_root {
        // `<Root a="b"/>` as `<Root a="b"><zzNotAMember>1</zzNotAMember></Root>`.
        let tag = xml.get(start..end)?.strip_suffix(b"/>")?.trim_ascii_end();
        let name_len = tag
            .iter()
            .skip(1)
            .take_while(|b| !b.is_ascii_whitespace())
            .count();
        let name = tag.get(1..1 + name_len)?;
        let mut out = Vec::with_capacity(xml.len() + unknown.len() + name.len() + 3);
        out.extend_from_slice(&xml[..start]);
        out.extend_from_slice(tag);
        out.push(b'>');
        out.extend_from_slice(unknown.as_bytes());
        out.extend_from_slice(b"</");
        out.extend_from_slice(name);
        out.push(b'>');
        out.extend_from_slice(&xml[end..]);
        return Some(Xml {
            bytes: out,
            repeated_name: false,
        });
    }
    let (open_end, close_start) = (open_end?, close_start?);
    let mut out = Vec::with_capacity(xml.len() + unknown.len());
    out.extend_from_slice(&xml[..open_end]);
    out.extend_from_slice(unknown.as_bytes());
    for &(start, end) in children.iter().rev() {
        let child = xml.get(start..end)?;
        debug_assert!(child.starts_with(b"<") && child.ends_with(b">"));
        out.extend_from_slice(child);
    }
    out.extend_from_slice(&xml[close_start..]);
    names.sort();
    Some(Xml {
        bytes: out,
        repeated_name: names.windows(2).any(|w| w[0] == w[1]),
    })
}

/// Perturbed JSON and the findings a report of it must have.
#[derive(Debug, Clone)]
pub struct Json {
    /// The perturbed body.
    pub bytes: Vec<u8>,
    /// The first member's name as sent, when it was changed to upper case (a `CaseMismatch`).
    pub upper_cased: Option<String>,
    /// The name given twice (a `Repeated`), when the object has members.
    pub repeated: Option<String>,
    /// Whether the repeated member's value is an object or an array, which Json.NET reads
    /// into the duplicate's value where that is an object, a `List<T>` or a dictionary: the
    /// value read is then not the value sent.
    pub fills: bool,
}

/// The members of a JSON object in order, each value's text exactly as written (numbers are
/// not read as `f64`).
struct Members(Vec<(String, Box<RawValue>)>);

impl<'de> serde::Deserialize<'de> for Members {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Members;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Members, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry::<String, Box<RawValue>>()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// Rust's JSON of an object with three perturbations Json.NET reads through:
///
/// - an unknown member `"zzNotAMember":[1,{"a":null}]` first (Json.NET skips it, nested
///   values and all);
/// - the first real member's name in upper case (Json.NET matches names ignoring case), unless
///   that changes nothing or gives another member's exact name;
/// - before the first real member, a duplicate of the last member. Json.NET keeps the last of
///   a repeated member, so it reads the real value, the one sent; a reader keeping the first
///   would read the duplicate's. (Before, not after: the value read is then the value sent,
///   which the forward read must give.) For the difference to show, the duplicate has another
///   value the member's type accepts: the same member's value in `donor` (Rust's JSON of
///   another value of the contract). A `null` duplicate would not do for scalars: Json.NET
///   refuses it for a value type (`int`, an enum, `DateTime`), so the body would be refused
///   and no policy checked. Where the real value is an object or an array, Json.NET fills
///   the object, `List<T>` or dictionary the duplicate made with it (ObjectCreationHandling.Auto:
///   items appended, members and keys merged, recursively; an array `T[]` is replaced), so the
///   value read is the two merged ([`Json::fills`]), which every policy but strict must give.
///
/// `None` when the JSON is not an object.
pub fn json(json: &[u8], donor: Option<&[u8]>) -> Option<Json> {
    let Members(members) = serde_json::from_slice(json).ok()?;
    let donor: Option<Members> = donor.and_then(|d| serde_json::from_slice(d).ok());
    let key = |k: &str| serde_json::to_string(k).expect("a string is written");
    let mut out = format!("{{{}:{UNKNOWN_MEMBER_VALUE}", key(UNKNOWN_MEMBER));
    let mut upper_cased = None;
    let mut repeated = None;
    let mut fills = false;
    if let (Some((first, _)), Some((last, last_value))) = (members.first(), members.last()) {
        let real = last_value.get().trim_start();
        fills = real.starts_with(['{', '[']);
        let duplicate = donor
            .as_ref()
            .and_then(|Members(d)| d.iter().find(|(k, _)| k == last))
            .map_or(real, |(_, v)| v.get());
        out.push(',');
        out.push_str(&key(last));
        out.push(':');
        out.push_str(duplicate);
        repeated = Some(last.clone());
        let upper = first.to_ascii_uppercase();
        if upper != *first && !members.iter().any(|(k, _)| *k == upper) {
            upper_cased = Some(upper);
        }
        for (i, (name, value)) in members.iter().enumerate() {
            out.push(',');
            match (&upper_cased, i) {
                (Some(upper), 0) => out.push_str(&key(upper)),
                _ => out.push_str(&key(name)),
            }
            out.push(':');
            out.push_str(value.get());
        }
    }
    out.push('}');
    Some(Json {
        bytes: out.into_bytes(),
        upper_cased,
        repeated,
        fills,
    })
}

#[test]
fn xml_children_are_reversed_after_an_unknown_element() {
    let body = br#"<R xmlns:i="x" xmlns="n"><a>1</a><b i:nil="true"/><c><d>2</d></c></R>"#;
    let p = xml(body).unwrap();
    assert_eq!(
        String::from_utf8(p.bytes).unwrap(),
        r#"<R xmlns:i="x" xmlns="n"><zzNotAMember>1</zzNotAMember><c><d>2</d></c><b i:nil="true"/><a>1</a></R>"#
    );
    assert!(!p.repeated_name);
    assert_eq!(
        String::from_utf8(xml(br#"<E xmlns="n" />"#).unwrap().bytes).unwrap(),
        r#"<E xmlns="n"><zzNotAMember>1</zzNotAMember></E>"#
    );
    assert!(xml(br#"<R><a/><b/><a>1</a></R>"#).unwrap().repeated_name);
    assert!(xml(br#"<int xmlns="n">1</int>"#).is_none());
}

#[test]
fn json_members_are_perturbed_with_exact_numbers() {
    let p = json(
        br#"{"amount":1.10,"n":{"x":1},"last":12345678901234567890}"#,
        Some(br#"{"amount":2,"n":null,"last":7}"#),
    )
    .unwrap();
    assert_eq!(
        String::from_utf8(p.bytes).unwrap(),
        r#"{"zzNotAMember":[1,{"a":null}],"last":7,"AMOUNT":1.10,"n":{"x":1},"last":12345678901234567890}"#
    );
    assert_eq!(p.upper_cased.as_deref(), Some("AMOUNT"));
    assert_eq!(p.repeated.as_deref(), Some("last"));
    assert!(!p.fills);
    let p = json(br#"{"ID":[1]}"#, Some(br#"{"ID":[2,3]}"#)).unwrap();
    assert_eq!(
        String::from_utf8(p.bytes).unwrap(),
        r#"{"zzNotAMember":[1,{"a":null}],"ID":[2,3],"ID":[1]}"#
    );
    assert_eq!(p.upper_cased, None);
    assert!(p.fills);
    let p = json(b"{}", None).unwrap();
    assert_eq!(
        String::from_utf8(p.bytes).unwrap(),
        r#"{"zzNotAMember":[1,{"a":null}]}"#
    );
    assert!(json(b"[1]", None).is_none());
}
