//! Element names DCS derives from .NET names.

/// The prefix of a collection's contract name: `ArrayOf` + the item's name (`ArrayOfint`,
/// `ArrayOfAuthRequest`).
pub const ARRAY_OF: &str = "ArrayOf";

/// The prefix of a dictionary item's name: `KeyValueOf` + the key's and the value's names,
/// plus a namespace digest when one is not a built-in namespace (`KeyValueOfstringint`).
pub const KEY_VALUE_OF: &str = "KeyValueOf";

/// The contract name of a collection of items named `item`.
///
/// ```
/// assert_eq!(dotnet_rules::names::array_of("int"), "ArrayOfint");
/// ```
pub fn array_of(item: &str) -> String {
    format!("{ARRAY_OF}{item}")
}

/// The DCS name of a generic type's instance (`KeyValueOf`, `NullableOf`, ... + the arguments'
/// names), with DCS's digest of the arguments' namespaces (`GetNamespacesDigest`) appended when
/// one of them is not a built-in namespace (XML Schema's or DCS's own): the first 6 bytes of
/// the MD5 of `" <count> <ns1> <ns2>..."`, in base64 with `=` dropped, `/` as `_S` and `+` as
/// `_P`. This crate has no dependencies: the caller passes the MD5 function.
///
/// ```
/// use dotnet_rules::names::generic_name;
/// let no_md5 = |_: &[u8]| -> [u8; 16] { unreachable!() };
/// let xsd = dotnet_rules::namespaces::XSD;
/// assert_eq!(generic_name("KeyValueOf", &[("string", xsd), ("int", xsd)], no_md5), "KeyValueOfstringint");
/// ```
pub fn generic_name(
    base: &str,
    args: &[(&str, &str)],
    md5: impl FnOnce(&[u8]) -> [u8; 16],
) -> String {
    use crate::namespaces::{SERIALIZATION, XSD};
    let mut name = String::from(base);
    let mut namespaces = String::new();
    let mut builtin = true;
    for (arg_name, arg_ns) in args {
        name.push_str(arg_name);
        namespaces.push(' ');
        namespaces.push_str(arg_ns);
        builtin &= *arg_ns == XSD || *arg_ns == SERIALIZATION;
    }
    if !builtin {
        // One level of generic nesting with as many parameters as given.
        let hash = md5(format!(" {}{namespaces}", args.len()).as_bytes());
        name.push_str(&digest_text(&hash[..6]));
    }
    name
}

/// Base64 of the digest bytes, `=` dropped, `/` as `_S`, `+` as `_P`.
fn digest_text(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            match ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] {
                b'/' => out.push_str("_S"),
                b'+' => out.push_str("_P"),
                c => out.push(char::from(c)),
            }
        }
    }
    out
}

/// The C# compiler's name of an auto-property's backing field, which is what a
/// `[Serializable]` class puts on the wire (`<name>k__BackingField`).
///
/// ```
/// assert_eq!(dotnet_rules::names::backing_field("name"), "<name>k__BackingField");
/// ```
pub fn backing_field(property: &str) -> String {
    format!("<{property}>k__BackingField")
}

/// DCS's element name for a member name: `XmlConvert.EncodeLocalName`, which writes each
/// character an XML name cannot hold as `_xHHHH_` (UTF-16 code units, upper-case hex), and
/// escapes a `_` that would read as such an escape.
///
/// ```
/// use dotnet_rules::names::encode_local_name;
/// assert_eq!(encode_local_name("<name>k__BackingField"), "_x003C_name_x003E_k__BackingField");
/// assert_eq!(encode_local_name("userID"), "userID");
/// ```
pub fn encode_local_name(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len());
    for (i, &c) in chars.iter().enumerate() {
        let looks_escaped = c == '_'
            && chars.get(i + 1) == Some(&'x')
            && chars
                .get(i + 2..i + 6)
                .is_some_and(|h| h.iter().all(char::is_ascii_hexdigit))
            && chars.get(i + 6) == Some(&'_');
        let valid = if i == 0 {
            c.is_alphabetic() || c == '_'
        } else {
            c.is_alphanumeric() || matches!(c, '_' | '-' | '.')
        };
        if looks_escaped || !valid {
            let mut buf = [0u16; 2];
            for unit in c.encode_utf16(&mut buf) {
                out.push_str(&format!("_x{unit:04X}_"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_what_a_name_cannot_hold() {
        assert_eq!(encode_local_name("1st"), "_x0031_st");
        assert_eq!(encode_local_name("a b"), "a_x0020_b");
        assert_eq!(encode_local_name("_x0041_"), "_x005F_x0041_");
        assert_eq!(encode_local_name("a-b.c_d"), "a-b.c_d");
        assert_eq!(encode_local_name("a😀"), "a_xD83D__xDE00_");
    }
}
