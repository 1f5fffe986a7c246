//! `System.Guid` as [`uuid::Uuid`]: lowercase "D" text, and .NET's `Guid(string)` parser.

use uuid::Uuid;

use super::error::ValueError;
use super::json::JsonScalar;
use super::{FromJson, WriteJson, XmlText};

const GUID: &str = "Guid";

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Writes a Guid as both serializers do: lowercase "D" form,
/// `6f9619ff-8b86-d011-b42d-00c04fc964ff` (corpus `misc-bytes-guid-timespan-uri`).
pub fn write_guid(id: &Uuid, out: &mut Vec<u8>) {
    let v = id.as_u128();
    for i in 0..32u32 {
        if matches!(i, 8 | 12 | 16 | 20) {
            out.push(b'-');
        }
        let nibble = ((v >> (124 - 4 * i)) & 0xf) as usize;
        out.push(HEX.get(nibble).copied().unwrap_or(b'0'));
    }
}

/// Hex digits to a value (1..=32 digits).
fn hex_value(digits: &[u8]) -> Option<u128> {
    if digits.is_empty() || digits.len() > 32 {
        return None;
    }
    digits.iter().try_fold(0u128, |acc, &c| {
        let d = char::from(c).to_digit(16)?;
        Some((acc << 4) | u128::from(d))
    })
}

/// The 32 hex digits of the "D" form (`8-4-4-4-12`).
fn dashed(b: &[u8]) -> Option<u128> {
    if b.len() != 36 {
        return None;
    }
    let mut v = 0u128;
    for (i, &c) in b.iter().enumerate() {
        if matches!(i, 8 | 13 | 18 | 23) {
            if c != b'-' {
                return None;
            }
        } else {
            v = (v << 4) | u128::from(char::from(c).to_digit(16)?);
        }
    }
    Some(v)
}

/// The "X" form `{0xdddddddd,0xdddd,0xdddd,{0xdd,…8 bytes}}` (white space anywhere).
fn hex_prefixed(s: &str) -> Option<u128> {
    let compact: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let inner = compact.strip_prefix(b"{")?.strip_suffix(b"}}")?;
    let mut parts = inner.splitn(4, |&c| c == b',');
    let field = |p: Option<&[u8]>, max: usize| -> Option<u128> {
        let p = p?;
        let digits = p.strip_prefix(b"0x").or_else(|| p.strip_prefix(b"0X"))?;
        if digits.len() > max {
            return None;
        }
        hex_value(digits)
    };
    let a = field(parts.next(), 8)?;
    let b = field(parts.next(), 4)?;
    let c = field(parts.next(), 4)?;
    let bytes = parts.next()?.strip_prefix(b"{")?;
    let mut v = (a << 96) | (b << 80) | (c << 64);
    let mut count = 0;
    for (i, byte) in bytes.split(|&c| c == b',').enumerate() {
        let d = field(Some(byte), 2)?;
        v |= d << (56 - 8 * i.min(7));
        count += 1;
        if count > 8 {
            return None;
        }
    }
    (count == 8).then_some(v)
}

/// Reads a Guid as .NET's `new Guid(string)` does (DataContractSerializer and Json.NET both
/// use it): white space around, hex digits in either case, in the forms
/// `N` (`00000000000000000000000000000000`), `D` (`00000000-0000-0000-0000-000000000000`),
/// `B` (`{D}`), `P` (`(D)`) and `X` (`{0x00000000,0x0000,0x0000,{0x00,…}}`).
pub fn parse_guid(text: &str) -> Result<Uuid, ValueError> {
    let s = text.trim();
    let b = s.as_bytes();
    let v = match b.len() {
        32 => hex_value(b),
        36 => dashed(b),
        38 => match (b.first(), b.last()) {
            (Some(b'{'), Some(b'}')) | (Some(b'('), Some(b')')) => b.get(1..37).and_then(dashed),
            _ => None,
        },
        _ => None,
    };
    v.or_else(|| {
        if s.starts_with('{') {
            hex_prefixed(s)
        } else {
            None
        }
    })
    .map(Uuid::from_u128)
    .ok_or_else(|| ValueError::format(GUID, text))
}

impl XmlText for Uuid {
    const DOTNET_NAME: &'static str = GUID;

    /// Writes the lowercase "D" form (see [`write_guid`]).
    fn write_xml(&self, out: &mut Vec<u8>) {
        write_guid(self, out);
    }

    /// Reads the forms `new Guid(string)` accepts (see [`parse_guid`]).
    fn parse_xml(text: &str) -> Result<Self, ValueError> {
        parse_guid(text)
    }
}

impl WriteJson for Uuid {
    /// Writes the lowercase "D" form in quotes.
    fn write_json(&self, out: &mut Vec<u8>) {
        out.push(b'"');
        write_guid(self, out);
        out.push(b'"');
    }
}

impl FromJson for Uuid {
    /// A string in a form `new Guid(string)` accepts; other tokens are errors.
    fn from_json(value: JsonScalar<'_>) -> Result<Self, ValueError> {
        match value {
            JsonScalar::String(s) => parse_guid(s),
            JsonScalar::Null => Err(ValueError::null(GUID)),
            other => Err(ValueError::token(GUID, other.token_name())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dotnet::ValueErrorKind;

    const ID: &str = "6f9619ff-8b86-d011-b42d-00c04fc964ff";

    #[test]
    fn corpus_guids() {
        // corpus misc-bytes-guid-timespan-uri: id and emptyId
        let id = parse_guid(ID).unwrap();
        let mut out = Vec::new();
        id.write_xml(&mut out);
        out.push(b' ');
        Uuid::nil().write_json(&mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "6f9619ff-8b86-d011-b42d-00c04fc964ff \"00000000-0000-0000-0000-000000000000\""
        );
        assert_eq!(id.to_string(), ID);
    }

    #[test]
    fn accepted_forms() {
        let id = parse_guid(ID).unwrap();
        for form in [
            "6F9619FF-8B86-D011-B42D-00C04FC964FF",
            " 6f9619ff8b86d011b42d00c04fc964ff\n",
            "{6f9619ff-8b86-d011-b42d-00c04fc964ff}",
            "(6f9619ff-8b86-d011-b42d-00c04fc964ff)",
            "{0x6f9619ff,0x8b86,0xd011,{0xb4,0x2d,0x00,0xc0,0x4f,0xc9,0x64,0xff}}",
            "{0x6f9619ff, 0x8b86, 0xd011, {0xb4, 0x2d, 0x0, 0xc0, 0x4f, 0xc9, 0x64, 0xff}}",
        ] {
            assert_eq!(parse_guid(form).unwrap(), id, "{form:?}");
        }
        for bad in [
            "",
            "6f9619ff-8b86-d011-b42d-00c04fc964f",
            "6f9619ff-8b86-d011-b42d_00c04fc964ff",
            "{6f9619ff-8b86-d011-b42d-00c04fc964ff)",
            "6f9619ff8b86d011b42d00c04fc964fg",
            "urn:uuid:6f9619ff-8b86-d011-b42d-00c04fc964ff",
            "{0x6f9619ff,0x8b86,0xd011,{0xb4,0x2d,0x00,0xc0,0x4f,0xc9,0x64}}",
            "{0x6f9619ff,0x8b86,0xd011,{0xb4,0x2d,0x00,0xc0,0x4f,0xc9,0x64,0xff,0x1}}",
            "{0x6f9619ff0,0x8b86,0xd011,{0xb4,0x2d,0x00,0xc0,0x4f,0xc9,0x64,0xff}}",
        ] {
            assert_eq!(
                parse_guid(bad).unwrap_err().kind(),
                ValueErrorKind::InvalidFormat,
                "{bad:?}"
            );
        }
        assert_eq!(Uuid::from_json(JsonScalar::String(ID)).unwrap(), id);
        assert!(Uuid::from_json(JsonScalar::Number("1")).is_err());
        assert_eq!(Uuid::parse_xml(ID).unwrap(), id);
    }
}
