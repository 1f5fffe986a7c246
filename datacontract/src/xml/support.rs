//! Runtime support for the derive's generated code: member resolution, enum and flags text.

use super::error::{Error, ErrorKind};
use super::reader::{StartTag, XmlReader};
use super::writer::XmlWriter;
use crate::report::{DotnetAction, FindingKind, Note, Outcome};
use crate::ReadPolicy;

/// Which member slot (in XML order) a child element fills, by the read policy.
///
/// DCS reads members forward only: a child fills the first unfilled slot with its name at or
/// after DCS's position, `cursor`: past the furthest slot filled (which also resolves a name
/// declared in two inheritance levels by position; under the forward policy a slot read out
/// of order lies before it, and DCS, which skips that child, does not move). Where DCS would
/// skip the child (its slot lies before `cursor`, its slot is filled, it is no member),
/// [`ReadPolicy::Forward`] reads it if it has a slot and skips it otherwise,
/// [`ReadPolicy::Dotnet`] skips it as DCS does, [`ReadPolicy::Strict`] fails; each skip or
/// out-of-order read is a finding of the read's report. `Ok(None)`: the child was skipped.
#[inline]
pub fn resolve_member(
    r: &mut XmlReader<'_>,
    child: &StartTag,
    members: &[(&[u8], &'static str)],
    filled: &[bool],
    cursor: usize,
) -> Result<Option<usize>, Error> {
    // A body in DCS order: the child is the member at DCS's position (nothing at or after
    // the position is filled).
    if let Some((name, ns)) = members.get(cursor) {
        if r.local(child) == *name && r.in_namespace(child, ns) {
            return Ok(Some(cursor));
        }
    }
    resolve_elsewhere(r, child, members, filled, cursor)
}

/// [`resolve_member`] for a child that is not the member at DCS's position.
#[inline(never)]
fn resolve_elsewhere(
    r: &mut XmlReader<'_>,
    child: &StartTag,
    members: &[(&[u8], &'static str)],
    filled: &[bool],
    cursor: usize,
) -> Result<Option<usize>, Error> {
    let local = r.local(child);
    let ns = r.namespace(child);
    let matches = |i: &usize| {
        members
            .get(*i)
            .is_some_and(|(name, member_ns)| *name == local && ns == Some(*member_ns))
    };
    let unfilled = |i: &usize| !filled.get(*i).copied().unwrap_or(true);
    if let Some(i) = (cursor..members.len()).find(|i| matches(i) && unfilled(i)) {
        return Ok(Some(i));
    }
    let name = String::from_utf8_lossy(local).into_owned();
    let policy = r.policy();
    if let Some(i) = (0..cursor.min(members.len())).find(|i| matches(i) && unfilled(i)) {
        let order: Vec<String> = members
            .iter()
            .map(|(n, _)| String::from_utf8_lossy(n).into_owned())
            .collect();
        let previous = cursor
            .checked_sub(1)
            .and_then(|p| order.get(p))
            .cloned()
            .unwrap_or_default();
        let message = format!(
            "DCS skips `{name}`: it arrives after `{previous}`, and DCS reads `{name}` before `{previous}` (DCS order: {})",
            order.join(", ")
        );
        let fix = format!("move `<{name}>` before `<{previous}>`");
        return match policy {
            ReadPolicy::Strict => {
                let message = format!("{message}; {fix}");
                Err(r.error_in(child, Error::new(ErrorKind::OutOfOrder, message)))
            }
            ReadPolicy::Dotnet => {
                let note = Note {
                    kind: FindingKind::OutOfOrder,
                    dotnet: DotnetAction::Skips,
                    outcome: Outcome::Skipped,
                    expected_order: order,
                    message,
                    fix: Some(fix),
                };
                r.note(child, note);
                r.skip(child)?;
                Ok(None)
            }
            _ => {
                let note = Note {
                    kind: FindingKind::OutOfOrder,
                    dotnet: DotnetAction::Skips,
                    outcome: Outcome::Read,
                    expected_order: order,
                    message,
                    fix: Some(fix),
                };
                r.note(child, note);
                Ok(Some(i))
            }
        };
    }
    let found_ns = ns.unwrap_or("").to_owned();
    if (0..members.len()).any(|i| matches(&i)) {
        let message = format!("member '{name}' appears more often than the contract declares it (DCS keeps the first)");
        let (finding, dotnet) = (FindingKind::Repeated, DotnetAction::KeepsFirst);
        let fix = Some(format!("send `<{name}>` once"));
        r.drop_element(
            child,
            finding,
            dotnet,
            ErrorKind::DuplicateElement,
            message,
            fix,
        )?;
        return Ok(None);
    }
    let same_name: Vec<&str> = members
        .iter()
        .filter(|(n, _)| *n == local)
        .map(|(_, ns)| *ns)
        .collect();
    // A member of the element's namespace whose name differs only in case: DCS compares names
    // exactly (Json.NET would match it).
    let lower = name.to_lowercase();
    let other_case = members
        .iter()
        .filter(|(_, member_ns)| ns == Some(*member_ns))
        .map(|(n, _)| String::from_utf8_lossy(n))
        .find(|n| n.to_lowercase() == lower);
    let (hint, fix) = match (same_name.first(), other_case) {
        (Some(expected), _) => (
            format!(" (a member of that name is in namespace '{expected}')"),
            format!("put `<{name}>` in namespace '{expected}'"),
        ),
        (None, Some(member)) => (
            format!(
                " (`{name}` matches the member `{member}` only case-insensitively, and DCS compares names exactly)"
            ),
            format!("rename `<{name}>` to `<{member}>`"),
        ),
        (None, None) => (
            String::new(),
            format!("check the name `{name}` against the contract's members, or remove it"),
        ),
    };
    let message =
        format!("element '{name}' from namespace '{found_ns}' is not a member{hint}; DCS skips it");
    let (finding, dotnet) = (FindingKind::Unknown, DotnetAction::Skips);
    r.drop_element(
        child,
        finding,
        dotnet,
        ErrorKind::UnknownElement,
        message,
        Some(fix),
    )?;
    Ok(None)
}

/// Checks that an `i:type` on a contract's element names the contract itself (a known
/// subtype is read by the polymorphic wrapper before it gets here).
pub fn check_type(r: &XmlReader<'_>, tag: &StartTag, name: &str, ns: &str) -> Result<(), Error> {
    match tag.xsi_type.as_deref() {
        None => Ok(()),
        Some((type_ns, type_name)) if type_name == name && type_ns.as_deref() == Some(ns) => Ok(()),
        Some((type_ns, type_name)) => Err(unknown_type(r, tag, type_ns.as_deref(), type_name)),
    }
}

/// An `i:type` that names no type known here.
pub fn unknown_type(r: &XmlReader<'_>, tag: &StartTag, ns: Option<&str>, name: &str) -> Error {
    r.error_in(
        tag,
        Error::new(
            ErrorKind::UnknownType,
            format!(
                "the element contains data of the '{}:{name}' data contract, which is not a known type here",
                ns.unwrap_or("")
            ),
        ),
    )
}

/// `i:nil` on a contract or enum that is not optional.
pub fn nil_contract(r: &XmlReader<'_>, tag: &StartTag, name: &str) -> Error {
    r.error_in(
        tag,
        Error::new(
            ErrorKind::NilValueType,
            format!("'{name}' is nil here but the member is not optional"),
        ),
    )
}

/// An enum text that names no value.
pub fn unknown_enum_name(r: &XmlReader<'_>, tag: &StartTag, name: &str, text: &str) -> Error {
    let shown: String = text.chars().take(40).collect();
    r.error_in(
        tag,
        Error::new(
            ErrorKind::UnknownEnumName,
            format!("'{shown}' is not a value of enum '{name}' (names are case-sensitive; numbers are not accepted)"),
        ),
    )
}

/// Writes a `[Flags]` value as DCS does: the exact name if the value has one, else each
/// member whose bits are all set, in declaration order, separated by one space; 0 is the zero
/// member's name or nothing. Bits no member covers cannot be written.
pub fn write_flags(
    w: &mut XmlWriter,
    value: i64,
    members: &[(&str, i64)],
    enum_name: &str,
) -> Result<(), Error> {
    if let Some((text, _)) = members.iter().find(|(_, v)| *v == value) {
        w.text(text);
        return Ok(());
    }
    let mut rest = value;
    let mut first = true;
    for (text, v) in members {
        if *v == 0 || rest == 0 {
            continue;
        }
        if v & rest == *v {
            if !first {
                w.text(" ");
            }
            w.text(text);
            first = false;
            rest &= !v;
        }
    }
    if rest != 0 {
        return Err(Error::new(
            ErrorKind::Unrepresentable,
            format!("flags value {value} of {enum_name} has bits without a name, and DCS cannot write it"),
        ));
    }
    Ok(())
}

/// Reads `[Flags]` text: member names separated by spaces (several are fine), each exact.
pub fn read_flags(
    r: &mut XmlReader<'_>,
    tag: &StartTag,
    members: &[(&str, i64)],
    enum_name: &str,
) -> Result<i64, Error> {
    let text = r.text(tag)?;
    let mut value = 0i64;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        match members.iter().find(|(n, _)| *n == word) {
            Some((_, v)) => value |= v,
            None => return Err(unknown_enum_name(r, tag, enum_name, word)),
        }
    }
    Ok(value)
}

/// The `[KnownType]`s DCS has in scope: those of every contract around the element being
/// written or read (DCS pushes a contract's known types, and its base classes', while it
/// handles the contract's members). Entries are (data contract name, namespace).
#[derive(Debug, Default)]
pub struct KnownTypeScope(Vec<&'static [(&'static str, &'static str)]>);

impl KnownTypeScope {
    /// Enters a contract that lists `known` as its known types.
    pub fn push(&mut self, known: &'static [(&'static str, &'static str)]) {
        self.0.push(known);
    }

    /// Leaves the contract entered last.
    pub fn pop(&mut self) {
        self.0.pop();
    }

    /// Whether a contract around the current element lists this one as a known type.
    pub fn contains(&self, name: &str, namespace: &str) -> bool {
        self.0
            .iter()
            .any(|known| known.iter().any(|&(n, ns)| n == name && ns == namespace))
    }
}

/// DCS's refusal to write a subtype that is not a known type in scope.
pub fn subtype_not_expected(subtype: &str, declared: &str) -> Error {
    Error::new(
        ErrorKind::Unrepresentable,
        format!(
            "`{subtype}` is not a [KnownType] here: neither `{declared}` nor a contract around it lists it, so DCS refuses to write it in place of `{declared}`"
        ),
    )
}

/// DCS reads the two members of a fixed pair (a dictionary entry's `Key` and `Value`, a
/// `DateTimeOffset`'s `DateTime` and `OffsetMinutes`) in order, and fails on the second one
/// first: "Expecting element '{expected}'".
pub(crate) fn second_before_first(
    r: &XmlReader<'_>,
    tag: &StartTag,
    found: &str,
    expected: &str,
    within: &str,
) -> Error {
    r.error_in(
        tag,
        Error::new(
            ErrorKind::UnknownElement,
            format!("'{found}' before '{expected}' in {within} (DCS expects {expected} first)"),
        ),
    )
}
