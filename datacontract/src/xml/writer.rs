//! A byte writer that produces XML exactly as WCF's `XmlDictionaryWriter` does under
//! DataContractSerializer: namespace declarations and generated `d{depth}p{n}` prefixes, `i:nil`,
//! self-closing empty elements with a space before `/>`, and DCS's text escaping.
//!
//! It writes straight into a `Vec<u8>`; element names and namespaces are `&str` the derive
//! pre-renders as constants, so the common path is a few `extend_from_slice` calls.

use std::borrow::Cow;

use super::XSI_NAMESPACE;
use crate::words::{any_word, has_byte, HIGH, ONES};

/// A member element as the derive renders it: its name and namespace, and for the default
/// namespace its `<name>`, `</name>` and `<name i:nil="true" />`.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct MemberTags {
    /// The element's local name (encoded).
    pub name: &'static str,
    /// The element's namespace.
    pub ns: &'static str,
    /// `<name>`.
    pub open: &'static str,
    /// `</name>`.
    pub close: &'static str,
    /// `<name i:nil="true" />`.
    pub nil: &'static str,
}

impl MemberTags {
    /// The most bytes the member's tags take (content aside): a size estimate.
    pub const fn tags_len(&self) -> usize {
        let both = self.open.len() + self.close.len();
        if both > self.nil.len() {
            both
        } else {
            self.nil.len()
        }
    }
}

/// One open element: how its end tag is spelled and which namespace bindings it added.
struct Open {
    prefix: Option<Cow<'static, str>>,
    name: Cow<'static, str>,
    /// Bindings in scope before this element (restored at its end).
    bindings_len: usize,
    default_before: Option<&'static str>,
    /// Prefixes generated on this element so far (`d{depth}p{n}`).
    generated: u32,
}

/// Writes DCS XML. Used by the derive's generated code; most users call
/// [`crate::xml::to_string`] instead.
pub struct XmlWriter {
    out: Vec<u8>,
    /// The root, apart from `stack` so that a document whose members all take the
    /// pre-rendered paths allocates nothing but its output.
    root: Option<Open>,
    /// Open elements below the root, innermost last.
    stack: Vec<Open>,
    /// The default namespace in scope.
    default_ns: Option<&'static str>,
    /// Prefix bindings in scope, innermost last, besides `i` (bound on the root, see
    /// `xsi_bound`), so that a document without generated prefixes allocates nothing for them.
    bindings: Vec<(Cow<'static, str>, &'static str)>,
    /// Whether the root's `xmlns:i` is in scope (the root is open).
    xsi_bound: bool,
    /// Whether the start tag of the innermost element is still open (`<name` without `>`).
    tag_open: bool,
    /// The root carries its `i:type` already (written among its namespace declarations).
    root_typed: bool,
    /// A default namespace the open start tag redeclares; like XmlBaseWriter, written after
    /// the element's attributes (`<id i:nil="true" xmlns="…" />`).
    pending_default: Option<&'static str>,
    /// The `[KnownType]`s of the contracts being written.
    known_types: super::KnownTypeScope,
}

impl XmlWriter {
    /// A writer appending to `out`.
    pub fn new(out: Vec<u8>) -> Self {
        XmlWriter {
            out,
            root: None,
            stack: Vec::new(),
            default_ns: None,
            bindings: Vec::new(),
            xsi_bound: false,
            tag_open: false,
            root_typed: false,
            pending_default: None,
            known_types: super::KnownTypeScope::default(),
        }
    }

    /// The `[KnownType]`s of the contracts being written (generated code enters and leaves
    /// them around a contract's members).
    pub fn known_types(&mut self) -> &mut super::KnownTypeScope {
        &mut self.known_types
    }

    /// The bytes written.
    pub fn into_inner(self) -> Vec<u8> {
        self.out
    }

    /// Element depth: the root is 1 once started.
    fn depth(&self) -> usize {
        self.stack.len() + usize::from(self.root.is_some())
    }

    /// The innermost open element.
    fn innermost(&mut self) -> Option<&mut Open> {
        match self.stack.last_mut() {
            Some(open) => Some(open),
            None => self.root.as_mut(),
        }
    }

    #[inline]
    fn close_tag(&mut self) {
        if self.tag_open {
            if self.pending_default.is_some() {
                self.flush_default_namespace();
            }
            self.out.push(b'>');
            self.tag_open = false;
        }
    }

    #[cold]
    fn flush_default_namespace(&mut self) {
        if let Some(ns) = self.pending_default.take() {
            self.out.extend_from_slice(b" xmlns=\"");
            escape_attr(&mut self.out, ns);
            self.out.push(b'"');
        }
    }

    /// Whether `ns` is the default namespace in scope. The same namespace may come from
    /// constants at different addresses: after a match by content, `ns` is kept as the
    /// default, so that the next members (which share its constant) match by pointer.
    #[inline]
    fn is_default(&mut self, ns: &'static str) -> bool {
        match self.default_ns {
            Some(d) if std::ptr::eq(d, ns) => true,
            _ => self.is_default_by_content(ns),
        }
    }

    #[inline(never)]
    fn is_default_by_content(&mut self, ns: &'static str) -> bool {
        let same = self.default_ns.is_some_and(|d| d == ns);
        if same {
            self.default_ns = Some(ns);
        }
        same
    }

    fn prefix_of(&self, ns: &str) -> Option<&Cow<'static, str>> {
        const XSI_PREFIX: &Cow<'static, str> = &Cow::Borrowed("i");
        self.bindings
            .iter()
            .rev()
            .find(|(_, bound)| same_ns(bound, ns))
            .map(|(p, _)| p)
            .or_else(|| (self.xsi_bound && same_ns(ns, XSI_NAMESPACE)).then_some(XSI_PREFIX))
    }

    /// Writes the root start tag `<Name xmlns:i="..." xmlns="ns"`, left open for attributes,
    /// with `i:type="Sub"` between the two declarations when a known subtype stands in for the
    /// declared type (as DCS orders them).
    pub fn start_root(
        &mut self,
        name: Cow<'static, str>,
        ns: &'static str,
        xsi_type: Option<(&'static str, &'static str)>,
    ) {
        self.start_root_inner(name, ns, false, xsi_type);
    }

    /// Writes a nil root: `<Name i:nil="true" xmlns:i="..." xmlns="ns" />`.
    pub fn nil_root(&mut self, name: Cow<'static, str>, ns: &'static str) {
        self.start_root_inner(name, ns, true, None);
        self.end_element();
    }

    fn start_root_inner(
        &mut self,
        name: Cow<'static, str>,
        ns: &'static str,
        nil: bool,
        xsi_type: Option<(&'static str, &'static str)>,
    ) {
        self.out.push(b'<');
        self.out.extend_from_slice(name.as_bytes());
        if nil {
            self.out.extend_from_slice(b" i:nil=\"true\"");
        }
        self.out.extend_from_slice(b" xmlns:i=\"");
        self.out.extend_from_slice(XSI_NAMESPACE.as_bytes());
        self.out.push(b'"');
        let mut type_prefix = None;
        self.root_typed = xsi_type.is_some();
        if let Some((type_name, type_ns)) = xsi_type {
            if !same_ns(type_ns, ns) {
                self.out.extend_from_slice(b" xmlns:d1p1=\"");
                escape_attr(&mut self.out, type_ns);
                self.out.push(b'"');
                type_prefix = Some(type_ns);
            }
            self.out.extend_from_slice(b" i:type=\"");
            if type_prefix.is_some() {
                self.out.extend_from_slice(b"d1p1:");
            }
            self.out.extend_from_slice(type_name.as_bytes());
            self.out.push(b'"');
        }
        self.out.extend_from_slice(b" xmlns=\"");
        escape_attr(&mut self.out, ns);
        self.out.push(b'"');
        self.root = Some(Open {
            prefix: None,
            name,
            bindings_len: 0,
            default_before: None,
            generated: 0,
        });
        // `xmlns:i` is in scope from here to the root's end (as the innermost-last binding list
        // would have it at its bottom).
        self.xsi_bound = true;
        if let Some(type_ns) = type_prefix {
            self.bindings.push((Cow::Borrowed("d1p1"), type_ns));
        }
        self.default_ns = Some(ns);
        self.tag_open = true;
    }

    /// Starts a child element in namespace `ns`, unprefixed when `ns` is the default namespace,
    /// with its bound prefix otherwise, or redeclaring the default namespace when it is not in
    /// scope at all. The tag stays open for attributes.
    pub fn start_element(&mut self, name: Cow<'static, str>, ns: &'static str) {
        self.close_tag();
        let bindings_len = self.bindings.len();
        let default_before = self.default_ns;
        self.out.push(b'<');
        let is_default = self.is_default(ns);
        let prefix = if is_default {
            None
        } else {
            self.prefix_of(ns).cloned()
        };
        match &prefix {
            Some(p) => {
                self.out.extend_from_slice(p.as_bytes());
                self.out.push(b':');
                self.out.extend_from_slice(name.as_bytes());
            }
            None => {
                self.out.extend_from_slice(name.as_bytes());
                if !is_default {
                    self.pending_default = Some(ns);
                    self.default_ns = Some(ns);
                }
            }
        }
        self.stack.push(Open {
            prefix,
            name,
            bindings_len,
            default_before,
            generated: 0,
        });
        self.tag_open = true;
    }

    /// Writes the root start tag the derive rendered with
    /// [`dotnet_rules::xml::root_start`] for `name` in `ns` (the bytes
    /// [`XmlWriter::start_root`] writes without a type), left open for attributes.
    #[doc(hidden)]
    pub fn start_root_rendered(
        &mut self,
        start: &'static str,
        name: &'static str,
        ns: &'static str,
    ) {
        self.out.extend_from_slice(start.as_bytes());
        self.root_typed = false;
        self.root = Some(Open {
            prefix: None,
            name: Cow::Borrowed(name),
            bindings_len: 0,
            default_before: None,
            generated: 0,
        });
        self.xsi_bound = true;
        self.default_ns = Some(ns);
        self.tag_open = true;
    }

    /// Writes a member whose content is text written by `content` (strings, enums, numbers,
    /// dates): from the pre-rendered tags of `member` when its namespace is the default one,
    /// else as [`XmlWriter::start_element`], the content and [`XmlWriter::end_element`] would.
    /// Empty content is `<x></x>`, as DCS writes an empty string.
    #[doc(hidden)]
    #[inline]
    pub fn text_member(&mut self, member: &MemberTags, content: impl FnOnce(&mut Vec<u8>)) {
        if self.is_default(member.ns) {
            self.close_tag();
            self.out.extend_from_slice(member.open.as_bytes());
            content(&mut self.out);
            self.out.extend_from_slice(member.close.as_bytes());
        } else {
            self.text_member_elsewhere(member, content);
        }
    }

    /// [`XmlWriter::text_member`] in a namespace other than the default one.
    #[inline(never)]
    fn text_member_elsewhere(&mut self, member: &MemberTags, content: impl FnOnce(&mut Vec<u8>)) {
        self.start_element(Cow::Borrowed(member.name), member.ns);
        content(self.content_buffer());
        self.end_element();
    }

    /// Writes a nil member (`<x i:nil="true" />`) of a type that declares no namespace.
    #[doc(hidden)]
    #[inline]
    pub fn nil_member(&mut self, member: &MemberTags) {
        if self.is_default(member.ns) {
            self.close_tag();
            self.out.extend_from_slice(member.nil.as_bytes());
        } else {
            self.nil_member_elsewhere(member);
        }
    }

    #[inline(never)]
    fn nil_member_elsewhere(&mut self, member: &MemberTags) {
        self.start_element(Cow::Borrowed(member.name), member.ns);
        self.nil_attr();
        self.end_element();
    }

    /// Writes a string member (`None`: null), escaped.
    #[doc(hidden)]
    #[inline]
    pub fn string_member(&mut self, member: &MemberTags, value: Option<&str>) {
        match value {
            Some(text) => self.text_member(member, |out| escape_text(out, text)),
            None => self.nil_member(member),
        }
    }

    /// Reserves room for `additional` more bytes of output (a size estimate).
    #[doc(hidden)]
    pub fn reserve(&mut self, additional: usize) {
        self.out.reserve(additional);
    }

    /// Declares a prefix for `ns` on the open element unless one (or the default namespace)
    /// is in scope, as DCS does for a member whose value's contract lives in another
    /// namespace (`xmlns:d2p1="..."`).
    #[inline]
    pub fn declare_namespace(&mut self, ns: &'static str) {
        if !self.is_default(ns) {
            self.declare_other_namespace(ns);
        }
    }

    #[inline(never)]
    fn declare_other_namespace(&mut self, ns: &'static str) {
        if self.prefix_of(ns).is_some() {
            return;
        }
        let depth = self.depth();
        let Some(open) = self.innermost() else {
            return;
        };
        open.generated += 1;
        let prefix = format!("d{depth}p{}", open.generated);
        self.out.extend_from_slice(b" xmlns:");
        self.out.extend_from_slice(prefix.as_bytes());
        self.out.extend_from_slice(b"=\"");
        escape_attr(&mut self.out, ns);
        self.out.push(b'"');
        self.bindings.push((Cow::Owned(prefix), ns));
    }

    /// Writes `i:type="Name"` (prefixed when `ns` is not the default namespace), declaring a
    /// prefix for `ns` first if needed.
    pub fn type_attribute(&mut self, name: &str, ns: &'static str) {
        if self.root_typed && self.depth() == 1 {
            return;
        }
        self.declare_namespace(ns);
        self.out.extend_from_slice(b" i:type=\"");
        if !self.is_default(ns) {
            if let Some(p) = self.prefix_of(ns) {
                let p = p.clone();
                self.out.extend_from_slice(p.as_bytes());
                self.out.push(b':');
            }
        }
        self.out.extend_from_slice(name.as_bytes());
        self.out.push(b'"');
    }

    /// Adds ` i:nil="true"` to the open start tag; the element is then ended empty (` />`).
    pub fn nil_attr(&mut self) {
        self.out.extend_from_slice(b" i:nil=\"true\"");
    }

    /// Ends the innermost element: ` />` if nothing was written inside, else its end tag.
    pub fn end_element(&mut self) {
        let Some(open) = self.stack.pop() else {
            self.end_root();
            return;
        };
        let empty = self.end_start_tag();
        end_tag(&mut self.out, empty, open.prefix.as_deref(), &open.name);
        self.bindings.truncate(open.bindings_len);
        self.default_ns = open.default_before;
    }

    /// Ends the root, which has no prefix and is where the bindings began.
    fn end_root(&mut self) {
        let empty = self.end_start_tag();
        if let Some(root) = &self.root {
            end_tag(&mut self.out, empty, None, &root.name);
        }
        self.root = None;
        self.bindings.clear();
        self.default_ns = None;
        self.xsi_bound = false;
    }

    /// Whether the innermost element is still in its start tag (then ended empty), its
    /// pending default namespace written.
    #[inline]
    fn end_start_tag(&mut self) -> bool {
        let empty = std::mem::take(&mut self.tag_open);
        if empty && self.pending_default.is_some() {
            self.flush_default_namespace();
        }
        empty
    }

    /// Ends the open start tag so that the element is written `<x></x>` even if empty (DCS
    /// writes an empty string that way).
    pub fn begin_content(&mut self) {
        self.close_tag();
    }

    /// Writes text content, escaped as DCS escapes it.
    pub fn text(&mut self, text: &str) {
        self.close_tag();
        escape_text(&mut self.out, text);
    }

    /// Writes text known to need no escaping (numbers, dates, names checked by the derive).
    pub fn raw_text(&mut self, text: &[u8]) {
        self.close_tag();
        self.out.extend_from_slice(text);
    }

    /// The buffer, for scalar formatters that append directly; the start tag is closed first.
    pub fn content_buffer(&mut self) -> &mut Vec<u8> {
        self.close_tag();
        &mut self.out
    }
}

/// Writes an element's end: ` />` when its start tag is still open, else `</prefix:name>`.
#[inline]
fn end_tag(out: &mut Vec<u8>, empty: bool, prefix: Option<&str>, name: &str) {
    if empty {
        out.extend_from_slice(b" />");
        return;
    }
    out.extend_from_slice(b"</");
    if let Some(p) = prefix {
        out.extend_from_slice(p.as_bytes());
        out.push(b':');
    }
    out.extend_from_slice(name.as_bytes());
    out.push(b'>');
}

/// Whether two namespaces are equal. The derive passes the same constants to the writer, so
/// the pointers usually decide; the contents decide otherwise.
#[inline]
fn same_ns(a: &str, b: &str) -> bool {
    std::ptr::eq(a, b) || a == b
}

/// Whether a text may hold a byte for which [`text_special`] holds (controls, tab included,
/// `<`, `>`, `&`, 0xEF).
#[inline]
fn text_may_need_escaping(bytes: &[u8]) -> bool {
    any_word(bytes, |w| {
        let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
        (below_space
            | has_byte(w, b'<')
            | has_byte(w, b'>')
            | has_byte(w, b'&')
            | has_byte(w, 0xEF))
            != 0
    })
}

/// Whether a byte needs attention in text ([`dotnet_rules::xml::text_special`]).
#[inline]
fn text_special(b: u8) -> bool {
    dotnet_rules::xml::text_special(b)
}

/// DCS text escaping: `&lt; &gt; &amp;`, quotes raw, control characters (and U+FFFE/U+FFFF) as
/// `&#xN;` character references, every line break (`\r\n`, `\r`, `\n`) as `\r\n`.
#[inline]
pub fn escape_text(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    // Fast path: most values need no escaping at all.
    if text_may_need_escaping(bytes) {
        escape_flagged_text(out, bytes);
    } else {
        out.extend_from_slice(bytes);
    }
}

/// [`escape_text`] of a text the word pre-check flagged.
#[inline(never)]
fn escape_flagged_text(out: &mut Vec<u8>, bytes: &[u8]) {
    if !bytes.iter().any(|&b| text_special(b)) {
        out.extend_from_slice(bytes);
        return;
    }
    out.reserve(bytes.len() + 8);
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !text_special(b) {
            i += 1;
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        let mut advance = 1;
        match b {
            b'<' => out.extend_from_slice(b"&lt;"),
            b'>' => out.extend_from_slice(b"&gt;"),
            b'&' => out.extend_from_slice(b"&amp;"),
            b'\r' => {
                out.extend_from_slice(b"\r\n");
                if bytes.get(i + 1) == Some(&b'\n') {
                    advance = 2;
                }
            }
            b'\n' => out.extend_from_slice(b"\r\n"),
            0xEF => {
                // U+FFFE and U+FFFF are EF BF BE / EF BF BF in UTF-8.
                match (bytes.get(i + 1), bytes.get(i + 2)) {
                    (Some(0xBF), Some(0xBE)) => {
                        out.extend_from_slice(b"&#xFFFE;");
                        advance = 3;
                    }
                    (Some(0xBF), Some(0xBF)) => {
                        out.extend_from_slice(b"&#xFFFF;");
                        advance = 3;
                    }
                    _ => out.push(b),
                }
            }
            control => {
                out.extend_from_slice(b"&#x");
                write_hex_upper(out, u32::from(control));
                out.push(b';');
            }
        }
        i += advance;
        start = i;
    }
    out.extend_from_slice(&bytes[start..]);
}

fn write_hex_upper(out: &mut Vec<u8>, mut v: u32) {
    let mut digits = [0u8; 8];
    let mut n = 0;
    loop {
        digits[n] = b"0123456789ABCDEF"[(v & 0xF) as usize];
        n += 1;
        v >>= 4;
        if v == 0 {
            break;
        }
    }
    out.extend(digits[..n].iter().rev());
}

/// Escaping inside attribute values (namespaces and type names), by
/// [`dotnet_rules::xml::escape_attribute`] after a word-at-a-time look.
fn escape_attr(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    if !any_word(bytes, |w| {
        (has_byte(w, b'&') | has_byte(w, b'<') | has_byte(w, b'"')) != 0
    }) {
        out.extend_from_slice(bytes);
        return;
    }
    out.extend_from_slice(dotnet_rules::xml::escape_attribute(text).as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(s: &str) -> String {
        let mut out = Vec::new();
        escape_text(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_word_pre_check_sees_every_position() {
        // Each special byte at each position of texts of 0 to 24 bytes.
        for len in 0..25 {
            assert!(!text_may_need_escaping(&vec![b'a'; len]));
            for at in 0..len {
                for special in [b'<', b'>', b'&', b'\n', 0, 0xEF] {
                    let mut text = vec![b'a'; len];
                    text[at] = special;
                    assert!(text_may_need_escaping(&text), "{len} {at} {special}");
                }
            }
        }
    }

    #[test]
    fn escapes_text_as_the_strings_corpus_case() {
        // Expected texts from the .NET corpus case `strings`, `string-nul-char`, `string-fffe`.
        assert_eq!(
            escaped("<a href=\"x\">Tom & 'Jerry'</a> >"),
            "&lt;a href=\"x\"&gt;Tom &amp; 'Jerry'&lt;/a&gt; &gt;"
        );
        assert_eq!(escaped("a\u{1}b\u{1f}c"), "a&#x1;b&#x1F;c");
        assert_eq!(escaped("l1\r\nl2\rl3\n"), "l1\r\nl2\r\nl3\r\n");
        assert_eq!(escaped("a\u{0}b"), "a&#x0;b");
        assert_eq!(escaped("a\u{fffe}b"), "a&#xFFFE;b");
        assert_eq!(escaped("\t\u{7f}\u{2028}é"), "\t\u{7f}\u{2028}é");
        assert_eq!(escaped("]]>"), "]]&gt;");
        assert_eq!(escaped("\u{fff0}\u{ffbf}"), "\u{fff0}\u{ffbf}");
    }
}
