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
