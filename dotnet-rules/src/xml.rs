//! How DCS spells the constant parts of a document: which text bytes it escapes, attribute
//! escaping and the root's start tag, which the derive renders at compile time and the writer
//! at run time.

use std::borrow::Cow;

use crate::namespaces::XSI;

/// Escapes an attribute value (namespaces, type names) as `XmlDictionaryWriter` does: `&`,
/// `<` and `"`.
pub fn escape_attribute(text: &str) -> Cow<'_, str> {
    if !text.bytes().any(|b| matches!(b, b'&' | b'<' | b'"')) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether a byte of text needs attention when DCS writes it: markup (`<`, `>`, `&`), line
/// breaks (written `\r\n`), controls other than tab (character references), and 0xEF, the
/// lead byte of U+FFFE and U+FFFF (character references).
#[inline]
pub const fn text_special(b: u8) -> bool {
    matches!(b, b'<' | b'>' | b'&' | b'\r' | b'\n') || (b < 0x20 && b != b'\t') || b == 0xEF
}

/// Whether DCS writes `text` other than as it is.
pub fn text_needs_escaping(text: &str) -> bool {
    text.bytes().any(text_special)
}

/// The start tag of a root element `name` in namespace `ns` without `i:type` or `i:nil`, left
/// open for attributes: `<Name xmlns:i="…XMLSchema-instance" xmlns="ns"` (`xmlns:i` first, as
/// DCS writes it).
pub fn root_start(name: &str, ns: &str) -> String {
    format!(
        "<{name} xmlns:i=\"{XSI}\" xmlns=\"{}\"",
        escape_attribute(ns)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_renders_the_root() {
        assert_eq!(escape_attribute("urn:a&b<\"c"), "urn:a&amp;b&lt;&quot;c");
        assert_eq!(
            root_start("A", "urn:x"),
            "<A xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"urn:x\""
        );
    }
}
