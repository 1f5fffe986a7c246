//! A pull reader for DCS XML on the tokenizer of [`super::scan`], with a small namespace
//! resolver of its own.
//!
//! Elements are matched by namespace URI and local name, never by prefix. Text is decoded as
//! an XML parser does: line breaks normalized to `\n`, entity and character references
//! expanded (DCS accepts references to control characters such as `&#x1;`, and so does this).
// Input reaches this module: nothing here may panic on it.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::{HashMap, HashSet};

use super::error::{line_column, Error, ErrorKind};
use super::scan::{self, ScanError, Scanner, Span, Token};
use super::stack::Stack;
use super::{ReadOptions, XSI_NAMESPACE};

/// A start tag as the contract readers see it.
#[derive(Debug, Clone)]
pub struct StartTag {
    /// Byte range of the local name in the source.
    local: (usize, usize),
    /// Namespace URI the element's prefix resolves to (`None`: no namespace).
    ns: Option<usize>,
    /// `i:nil="true"`.
    pub nil: bool,
    /// `i:type`, resolved: (namespace, local name).
    pub xsi_type: Option<Box<(Option<String>, String)>>,
    /// `<x/>`: no content and no end tag follows.
    pub empty: bool,
    /// Byte offset of the `<`.
    pub offset: usize,
}

/// Up to this many namespaces, declarations in scope or attributes of one tag, a list is
/// searched; past it, a hash map or set keeps the work linear in hostile documents.
const SMALL: usize = 16;

/// Per prefix (`None`: the default namespace), the namespaces bound to it, innermost last.
type Scopes<'a> = HashMap<Option<&'a [u8]>, Vec<Option<usize>>>;

/// A namespace declaration in scope; once `XmlReader::scopes` is in use, what it binds is
/// also on top of its prefix's stack there.
#[derive(Default)]
struct Binding {
    /// Byte range of the prefix in the source; `None` for the default namespace.
    prefix: Option<(usize, usize)>,
    /// Index into `XmlReader::namespaces`; `None` for `xmlns=""` (no namespace).
    ns: Option<usize>,
    /// For a default namespace declaration, the default namespace it shadows.
    shadowed: Option<usize>,
}

/// Reads DCS XML. Used by the derive's generated code; most users call
/// [`crate::xml::from_str`] instead.
pub struct XmlReader<'a> {
    src: &'a [u8],
    /// `src` as text (validated once, so that pieces of it need no second check).
    src_str: &'a str,
    scan: Scanner<'a>,
    /// Namespace URIs seen, interned (borrowed from the document unless they hold references).
    namespaces: Stack<Cow<'a, str>, 4>,
    /// Index of each URI in `namespaces` (interning stays linear in the document).
    /// Empty until `namespaces` holds more than [`SMALL`] URIs (a short list is searched).
    namespace_index: Option<HashMap<Cow<'a, str>, usize>>,
    bindings: Stack<Binding, 4>,
    /// Per prefix (`None`: the default namespace), the namespaces bound to it (indices into
    /// `namespaces`; `None` for `xmlns=""`), innermost last:
    /// a lookup costs the same however many declarations are in scope.
    /// Kept only once more than [`SMALL`] declarations have been in scope at once (`bindings`
    /// is searched from the innermost end until then).
    scopes: Option<Scopes<'a>>,
    /// The default namespace in scope (what `bindings` says, kept at hand: most elements
    /// have no prefix).
    default_ns: Option<usize>,
    /// The last namespace [`XmlReader::in_namespace`] found interned: its text's address and
    /// length, and its index in `namespaces` (contracts ask about the same few constants).
    namespace_hit: Cell<(usize, usize, usize)>,
    /// Per open element: how many bindings it added, and its name.
    open: Stack<Open, 8>,
    /// A start tag read ahead by `next_child`.
    options: ReadOptions,
    items_read: usize,
    /// The `[KnownType]`s of the contracts being read.
    known_types: super::KnownTypeScope,
    /// What the read met that .NET's reader treats differently.
    report: crate::Report,
    /// The byte offset of each finding's element.
    finding_offsets: Vec<usize>,
}

impl<'a> XmlReader<'a> {
    /// A reader over a whole document.
    pub fn new(src: &'a [u8], options: ReadOptions) -> Result<Self, Error> {
        if src.len() > options.max_document_bytes {
            return Err(Error::new(
                ErrorKind::LimitExceeded,
                format!(
                    "document of {} bytes exceeds the limit of {} bytes",
                    src.len(),
                    options.max_document_bytes
                ),
            ));
        }
        let src = src.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(src);
        let src_str = match std::str::from_utf8(src) {
            Ok(text) => text,
            Err(e) => {
                let offset = e.valid_up_to();
                return Err(
                    Error::new(ErrorKind::Encoding, "the document is not valid UTF-8")
                        .with_path(path_before(src, offset))
                        .with_position(line_column(src, offset)),
                );
            }
        };
        Ok(XmlReader {
            src,
            src_str,
            scan: Scanner::new(src),
            namespaces: Stack::new(),
            namespace_index: None,
            bindings: Stack::new(),
            scopes: None,
            default_ns: None,
            namespace_hit: Cell::new((0, 0, usize::MAX)),
            open: Stack::new(),
            options,
            items_read: 0,
            known_types: super::KnownTypeScope::default(),
            report: crate::Report::default(),
            finding_offsets: Vec::new(),
        })
    }

    /// The `[KnownType]`s of the contracts being read (generated code enters and leaves them
    /// around a contract's members).
    pub fn known_types(&mut self) -> &mut super::KnownTypeScope {
        &mut self.known_types
    }

    /// The options in force.
    pub fn options(&self) -> &ReadOptions {
        &self.options
    }

    /// The read policy in force.
    pub fn policy(&self) -> crate::ReadPolicy {
        self.options.policy
    }

    /// Records a finding about `tag` (a child of the element being read): its path and
    /// position come from the reader.
    pub(crate) fn note(&mut self, tag: &StartTag, note: crate::report::Note) {
        if self.report.is_full() {
            self.report.count_omitted();
            return;
        }
        let mut path = self.path();
        if self.open.last().is_none_or(|o| o.local != tag.local) {
            if !path.is_empty() {
                path.push('/');
            }
            path.push_str(&String::from_utf8_lossy(self.local(tag)));
        }
        // The line and column are found for all findings at once, in `take_report`: one
        // pass over the document, however many findings it has.
        self.finding_offsets.push(tag.offset);
        self.report.push(crate::report::Finding {
            kind: note.kind,
            path,
            name: String::from_utf8_lossy(self.local(tag)).into_owned(),
            namespace: self.namespace(tag).unwrap_or("").to_owned(),
            line: 0,
            column: 0,
            dotnet: note.dotnet,
            outcome: note.outcome,
            expected_order: note.expected_order,
            message: note.message,
            fix: note.fix,
        });
    }

    /// An element DCS skips (`dotnet` says how): under the strict policy an error of `kind`,
    /// otherwise skipped and a finding.
    pub fn drop_element(
        &mut self,
        tag: &StartTag,
        finding: crate::report::FindingKind,
        dotnet: crate::report::DotnetAction,
        kind: ErrorKind,
        message: String,
        fix: Option<String>,
    ) -> Result<(), Error> {
        if self.policy() == crate::ReadPolicy::Strict {
            let message = match &fix {
                Some(fix) => format!("{message}; {fix}"),
                None => message,
            };
            return Err(self.error_in(tag, Error::new(kind, message)));
        }
        let outcome = crate::report::Outcome::Skipped;
        let note = crate::report::Note {
            kind: finding,
            dotnet,
            outcome,
            expected_order: Vec::new(),
            message,
            fix,
        };
        self.note(tag, note);
        self.skip(tag)
    }

    /// The findings of the read so far, with their lines and columns.
    pub fn take_report(&mut self) -> crate::Report {
        let mut report = std::mem::take(&mut self.report);
        if self.finding_offsets.is_empty() {
            return report;
        }
        let offsets = std::mem::take(&mut self.finding_offsets);
        let positions = super::error::line_columns(self.src, &offsets);
        report.set_positions(&positions);
        report
    }

    fn position(&self) -> usize {
        self.scan.position()
    }

    /// The error for a token that never belongs inside an element: a processing instruction
    /// or a DTD (both rejected by DCS), a declaration, or the end of the document.
    fn forbidden_inside(&self, token: &Token, offset: usize) -> Error {
        let error = match token {
            Token::Pi => Error::new(
                ErrorKind::ProcessingInstruction,
                "processing instructions are not allowed (DCS rejects them)",
            ),
            Token::DocType => Error::new(ErrorKind::Dtd, "DTDs are not allowed (DCS rejects them)"),
            Token::Decl { .. } => Error::new(ErrorKind::Syntax, "declaration inside the document"),
            _ => Error::new(ErrorKind::Syntax, "unexpected end of document"),
        };
        self.error_at(offset, error)
    }

    /// An error at a byte offset, with the current element path.
    pub fn error_at(&self, offset: usize, error: Error) -> Error {
        error
            .with_path(self.path())
            .with_position(line_column(self.src, offset))
    }

    /// An error at a byte offset inside the start tag of an element not yet open, whose local
    /// name is at `local` in the source: the path ends with that element.
    fn error_at_tag(&self, offset: usize, local: (usize, usize), error: Error) -> Error {
        let mut path = self.path();
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str(&String::from_utf8_lossy(
            self.src.get(local.0..local.1).unwrap_or_default(),
        ));
        error
            .with_path(path)
            .with_position(line_column(self.src, offset))
    }

    fn error_here(&self, error: Error) -> Error {
        self.error_at(self.position(), error)
    }

    /// The path of open elements, root first.
    pub fn path(&self) -> String {
        let mut s = String::new();
        for open in self.open.iter() {
            if !s.is_empty() {
                s.push('/');
            }
            let (start, end) = open.local;
            s.push_str(&String::from_utf8_lossy(
                self.src.get(start..end).unwrap_or_default(),
            ));
        }
        s
    }

    /// The local name of a start tag.
    pub fn local<'t>(&'t self, tag: &StartTag) -> &'a [u8] {
        self.src.get(tag.local.0..tag.local.1).unwrap_or_default()
    }

    /// Whether a start tag has this namespace and local name.
    pub fn is(&self, tag: &StartTag, ns: &'static str, local: &str) -> bool {
        self.local(tag) == local.as_bytes() && self.in_namespace(tag, ns)
    }

    /// Whether a start tag is in namespace `ns` (the same as `namespace(tag) == Some(ns)`,
    /// without comparing the text again when `ns` is the namespace asked about last; a
    /// `'static` text's address is never another text's).
    #[inline]
    pub fn in_namespace(&self, tag: &StartTag, ns: &'static str) -> bool {
        self.namespace_index_is(tag.ns, ns)
    }

    /// Whether an index into `namespaces` (`None`: no namespace) is namespace `ns`.
    #[inline]
    fn namespace_index_is(&self, index: Option<usize>, ns: &'static str) -> bool {
        let Some(index) = index else { return false };
        let (at, len, hit) = self.namespace_hit.get();
        if at == ns.as_ptr() as usize && len == ns.len() {
            // Interned namespaces are never removed or changed, and each text has one index.
            return index == hit;
        }
        let found = self.namespaces.get(index).is_some_and(|n| **n == *ns);
        if found {
            self.namespace_hit
                .set((ns.as_ptr() as usize, ns.len(), index));
        }
        found
    }

    /// The namespace URI of a start tag.
    pub fn namespace(&self, tag: &StartTag) -> Option<&str> {
        tag.ns.and_then(|i| self.namespaces.get(i)).map(|n| &**n)
    }

    fn intern(&mut self, ns: Cow<'a, str>) -> usize {
        if self.namespaces.len() <= SMALL {
            if let Some(i) = self.namespaces.iter().position(|n| *n == ns) {
                return i;
            }
        } else {
            let namespaces = &self.namespaces;
            let index = self.namespace_index.get_or_insert_with(|| {
                namespaces
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (n.clone(), i))
                    .collect()
            });
            if let Some(&i) = index.get(&ns) {
                return i;
            }
        }
        let i = self.namespaces.len();
        if let Some(index) = &mut self.namespace_index {
            index.insert(ns.clone(), i);
        }
        self.namespaces.push(ns);
        i
    }

    /// Binds a prefix (`None`: the default namespace) to a namespace index for the element
    /// being read.
    fn bind(&mut self, prefix: Option<(usize, usize)>, ns: Option<usize>) {
        let shadowed = self.default_ns;
        if prefix.is_none() {
            self.default_ns = ns;
        }
        self.bindings.push(Binding {
            prefix,
            ns,
            shadowed,
        });
        if let Some(scopes) = &mut self.scopes {
            let key = prefix.map(|(s, e)| self.src.get(s..e).unwrap_or_default());
            scopes.entry(key).or_default().push(ns);
        } else if self.bindings.len() > SMALL {
            let mut scopes = Scopes::new();
            for b in self.bindings.iter() {
                let key = b
                    .prefix
                    .map(|(s, e)| self.src.get(s..e).unwrap_or_default());
                scopes.entry(key).or_default().push(b.ns);
            }
            self.scopes = Some(scopes);
        }
    }

    /// Drops the bindings made after the first `keep`.
    fn unbind_to(&mut self, keep: usize) {
        while self.bindings.len() > keep {
            let Some(b) = self.bindings.pop() else { break };
            if b.prefix.is_none() {
                self.default_ns = b.shadowed;
            }
            let Some(scopes) = &mut self.scopes else {
                continue;
            };
            let key = b
                .prefix
                .map(|(s, e)| self.src.get(s..e).unwrap_or_default());
            if let Some(stack) = scopes.get_mut(&key) {
                stack.pop();
            }
        }
    }

    /// [`decode_text`] of a piece of the document, borrowing from it when there is nothing to
    /// decode (the document is valid UTF-8, so the piece needs no second check).
    #[inline]
    fn decode(&self, span: Span, newlines: bool) -> Result<Cow<'a, str>, (usize, String)> {
        let raw = span.of(self.src);
        if !needs_decoding(raw, newlines) {
            if let Some(text) = self.src_str.get(span.start..span.end) {
                return Ok(Cow::Borrowed(text));
            }
        }
        decode_owned(raw, newlines)
    }

    fn lookup(&self, prefix: Option<&[u8]>) -> Result<Option<usize>, ()> {
        if prefix.is_none() {
            return Ok(self.default_ns);
        }
        match &self.scopes {
            None => {
                for b in self.bindings.iter().rev() {
                    let bound = b
                        .prefix
                        .map(|(s, e)| self.src.get(s..e).unwrap_or_default());
                    if bound == prefix {
                        return Ok(b.ns);
                    }
                }
            }
            Some(scopes) => {
                if let Some(&ns) = scopes.get(&prefix).and_then(|stack| stack.last()) {
                    return Ok(ns);
                }
            }
        }
        match prefix {
            None => Ok(None),
            Some(b"xml") => Ok(None),
            Some(_) => Err(()),
        }
    }

    /// Reads a start tag: pushes its namespace declarations and resolves its name, `i:nil`
    /// and `i:type`.
    fn start_tag(&mut self, name: Span, empty: bool, offset: usize) -> Result<StartTag, Error> {
        let qname = name.of(self.src);
        let (prefix, local) = split_qname(qname);
        let local_start = name.end - local.len();
        let local_range = (local_start, name.end);
        if self.open.len() >= self.options.max_depth {
            return Err(self.too_deep(offset, local_range));
        }
        let bindings_before = self.bindings.len();
        // Most elements of a DCS document have no attributes: nothing to bind or read.
        let (nil, xsi_type_raw) = if self.scan.attribute_count() == 0 {
            (false, None)
        } else {
            self.attributes(offset, local_range)?
        };
        let ns = match self.lookup(prefix) {
            Ok(ns) => ns,
            Err(()) => return Err(self.undeclared_prefix(prefix, offset, local_range)),
        };
        let xsi_type = match xsi_type_raw {
            None => None,
            Some(raw) => Some(self.xsi_type(&raw, offset, local_range)?),
        };
        let tag = StartTag {
            local: local_range,
            ns,
            nil,
            xsi_type,
            empty,
            offset,
        };
        if empty {
            self.unbind_to(bindings_before);
        } else {
            self.open.push(Open {
                bindings: bindings_before,
                name_start: name.start,
                local: local_range,
            });
        }
        Ok(tag)
    }

    /// The attributes of a start tag: binds its namespace declarations, and returns its
    /// `i:nil` and its `i:type` as written.
    fn attributes(
        &mut self,
        offset: usize,
        local_range: (usize, usize),
    ) -> Result<(bool, Option<Cow<'a, str>>), Error> {
        let src = self.src;
        let mut nil = false;
        let mut xsi_type_raw: Option<Cow<'a, str>> = None;
        // Declarations first (they apply to the tag's own attributes); the other attributes
        // (rare: `i:nil`, `i:type`) are kept aside, and read once all are bound.
        let mut first_other: Option<(&'a [u8], Cow<'a, str>)> = None;
        let mut others: Vec<(&'a [u8], Cow<'a, str>)> = Vec::new();
        // A duplicate check against every earlier attribute would be quadratic in a hostile
        // tag's attribute count: past a few, a set does it in linear time.
        let mut keys: [&[u8]; SMALL] = [&[]; SMALL];
        let mut key_set: Option<HashSet<&[u8]>> = None;
        for key_count in 0..self.scan.attribute_count() {
            let Some(attr) = self.scan.attribute(key_count) else {
                break;
            };
            let key = attr.key.of(src);
            let duplicate = if let Some(set) = &mut key_set {
                !set.insert(key)
            } else if key_count < SMALL {
                let seen = keys.get(..key_count).unwrap_or_default().contains(&key);
                if let Some(slot) = keys.get_mut(key_count) {
                    *slot = key;
                }
                seen
            } else {
                let mut set: HashSet<&[u8]> = keys.iter().copied().collect();
                let seen = !set.insert(key);
                key_set = Some(set);
                seen
            };
            if duplicate {
                return Err(self.error_at_tag(
                    attr.key.start,
                    local_range,
                    Error::new(
                        ErrorKind::Syntax,
                        format!(
                            "duplicate attribute `{}`",
                            String::from_utf8_lossy(key)
                                .chars()
                                .take(40)
                                .collect::<String>()
                        ),
                    ),
                ));
            }
            let value = self.decode(attr.value, false).map_err(|(at, m)| {
                let at = attr.value.start.saturating_add(at);
                self.error_at_tag(at, local_range, Error::new(ErrorKind::Syntax, m))
            })?;
            if key == b"xmlns" {
                let ns = (!value.is_empty()).then(|| self.intern(value));
                self.bind(None, ns);
            } else if key.starts_with(b"xmlns:") {
                let start = attr.key.start + b"xmlns:".len();
                let ns = Some(self.intern(value));
                self.bind(Some((start, attr.key.end)), ns);
            } else if first_other.is_none() {
                first_other = Some((key, value));
            } else {
                others.push((key, value));
            }
        }
        for (key, value) in first_other.iter().chain(&others) {
            let (prefix, local) = split_qname(key);
            let Some(prefix) = prefix else { continue };
            // XmlReader refuses an attribute whose prefix is not declared ("The prefix 'p' is
            // not defined."), so DCS reads nothing (own vectors
            // read-xml-attribute-undeclared-prefix-*).
            let ns = match self.lookup(Some(prefix)) {
                Ok(ns) => ns,
                Err(()) => return Err(self.undeclared_prefix(Some(prefix), offset, local_range)),
            };
            if !self.namespace_index_is(ns, XSI_NAMESPACE) {
                continue;
            }
            match local {
                b"nil" => {
                    nil = match value.trim() {
                        "true" | "1" => true,
                        "false" | "0" => false,
                        other => {
                            return Err(self.error_at_tag(
                                offset,
                                local_range,
                                Error::new(
                                    ErrorKind::InvalidValue,
                                    format!("`i:nil` must be true or false, found `{other}`"),
                                ),
                            ))
                        }
                    }
                }
                b"type" => xsi_type_raw = Some(value.clone()),
                _ => {}
            }
        }
        Ok((nil, xsi_type_raw))
    }

    /// An `i:type` resolved: (namespace, local name).
    #[inline(never)]
    fn xsi_type(
        &self,
        raw: &str,
        offset: usize,
        local_range: (usize, usize),
    ) -> Result<Box<(Option<String>, String)>, Error> {
        let (p, l) = split_qname(raw.as_bytes());
        let ns = self.lookup(p).map_err(|()| {
            self.error_at_tag(
                offset,
                local_range,
                Error::new(
                    ErrorKind::UnknownType,
                    format!("undeclared prefix in i:type `{raw}`"),
                ),
            )
        })?;
        let ns = ns
            .and_then(|i| self.namespaces.get(i))
            .map(|n| n.to_string());
        Ok(Box::new((ns, String::from_utf8_lossy(l).into_owned())))
    }

    #[cold]
    #[inline(never)]
    fn too_deep(&self, offset: usize, local_range: (usize, usize)) -> Error {
        self.error_at_tag(
            offset,
            local_range,
            Error::new(
                ErrorKind::LimitExceeded,
                format!("elements nested deeper than {}", self.options.max_depth),
            ),
        )
    }

    #[cold]
    #[inline(never)]
    fn undeclared_prefix(
        &self,
        prefix: Option<&[u8]>,
        offset: usize,
        local_range: (usize, usize),
    ) -> Error {
        self.error_at_tag(
            offset,
            local_range,
            Error::new(
                ErrorKind::Syntax,
                format!(
                    "undeclared namespace prefix `{}`",
                    String::from_utf8_lossy(prefix.unwrap_or_default())
                ),
            ),
        )
    }

    /// Closes the innermost open element at its end tag (`name`, at `offset`): XML requires
    /// the end tag to repeat the start tag's name, prefix included.
    fn end_tag(&mut self, name: Span, offset: usize) -> Result<(), Error> {
        if let Some(open) = self.open.last() {
            let started = self
                .src
                .get(open.name_start..open.local.1)
                .unwrap_or_default();
            let ended = name.of(self.src);
            if started != ended {
                return Err(self.mismatched_end(started, ended, offset));
            }
        }
        if let Some(open) = self.open.pop() {
            self.unbind_to(open.bindings);
        }
        Ok(())
    }

    /// Closes the innermost open element when its end tag comes next, written exactly as
    /// its start tag's name (the end of nearly every text-only element).
    #[inline]
    fn close_exactly(&mut self) -> bool {
        let Some(open) = self.open.last() else {
            return false;
        };
        let name = self
            .src
            .get(open.name_start..open.local.1)
            .unwrap_or_default();
        if !self.scan.skip_exact_end_tag(name) {
            return false;
        }
        if let Some(open) = self.open.pop() {
            self.unbind_to(open.bindings);
        }
        true
    }

    #[cold]
    #[inline(never)]
    fn mismatched_end(&self, started: &[u8], ended: &[u8], offset: usize) -> Error {
        let shown =
            |name: &[u8]| -> String { String::from_utf8_lossy(name).chars().take(40).collect() };
        self.error_at(
            offset,
            Error::new(
                ErrorKind::Syntax,
                format!(
                    "expected `</{}>`, but `</{}>` was found",
                    shown(started),
                    shown(ended)
                ),
            ),
        )
    }

    #[inline]
    fn next_token(&mut self) -> Result<(Token, usize), Error> {
        let offset = self.position();
        match self.scan.next_token() {
            Ok(token) => Ok((token, offset)),
            Err(e) => Err(self.syntax_error(e)),
        }
    }

    #[cold]
    #[inline(never)]
    fn syntax_error(&self, e: ScanError) -> Error {
        match e.element {
            // In a start tag's attributes: the path ends with the element.
            Some(name) => {
                let local = split_qname(name.of(self.src)).1;
                let local_range = (name.end - local.len(), name.end);
                let message = format!("bad attribute: {}", e.message);
                self.error_at_tag(
                    e.offset,
                    local_range,
                    Error::new(ErrorKind::Syntax, message),
                )
            }
            None => self.error_at(e.offset, Error::new(ErrorKind::Syntax, e.message)),
        }
    }

    /// Reads up to and including the root start tag (declaration, comments and whitespace
    /// before it are allowed; DTDs and processing instructions are not).
    pub fn root(&mut self) -> Result<StartTag, Error> {
        loop {
            let (token, offset) = self.next_token()?;
            match token {
                Token::Decl { .. } if offset != 0 => {
                    return Err(self.error_at(
                        offset,
                        Error::new(
                            ErrorKind::Syntax,
                            "the XML declaration must come first in the document",
                        ),
                    ))
                }
                Token::Decl { content } => {
                    let declared = scan::declared_encoding(self.src, content)
                        .map_err(|e| self.syntax_error(e))?;
                    if let Some(enc) = declared {
                        let enc = String::from_utf8_lossy(enc).to_ascii_lowercase();
                        if enc != "utf-8" && enc != "utf8" {
                            return Err(self.error_at(
                                offset,
                                Error::new(
                                    ErrorKind::Encoding,
                                    format!("the declaration says encoding `{enc}` but the document is UTF-8"),
                                ),
                            ));
                        }
                    }
                }
                Token::Comment => {}
                Token::Text { text, .. } if is_whitespace(text.of(self.src)) => {}
                Token::Start { name, empty, .. } => return self.start_tag(name, empty, offset),
                Token::DocType => {
                    return Err(self.error_at(
                        offset,
                        Error::new(ErrorKind::Dtd, "DTDs are not allowed (DCS rejects them)"),
                    ))
                }
                Token::Pi => {
                    return Err(self.error_at(
                        offset,
                        Error::new(
                            ErrorKind::ProcessingInstruction,
                            "processing instructions are not allowed (DCS rejects them)",
                        ),
                    ))
                }
                Token::Eof => {
                    return Err(self.error_at(
                        offset,
                        Error::new(ErrorKind::Syntax, "the document has no root element"),
                    ))
                }
                Token::Text { text, .. } => {
                    return Err(self.error_at(
                        offset.saturating_add(leading_space(text.of(self.src))),
                        Error::new(ErrorKind::Syntax, "text before the root element"),
                    ));
                }
                Token::CData { .. } => {
                    return Err(self.error_at(
                        offset,
                        Error::new(ErrorKind::Syntax, "text before the root element"),
                    ))
                }
                Token::End { .. } => {
                    return Err(self.error_at(
                        offset,
                        Error::new(ErrorKind::Syntax, "end tag before the root element"),
                    ))
                }
            }
        }
    }

    /// [`XmlReader::root`] for a document whose root element should be `name` in namespace
    /// `ns`: written as DCS writes every root, `<name xmlns:i="…XMLSchema-instance"
    /// xmlns="ns">` at the very start, it is taken without a tokenizer pass (any other
    /// spelling is read by [`XmlReader::root`]; the caller still checks the name).
    pub fn root_as(&mut self, name: &str, ns: &'static str) -> Result<StartTag, Error> {
        match self.dcs_root(name.as_bytes(), ns) {
            Some(tag) => Ok(tag),
            None => self.root(),
        }
    }

    fn dcs_root(&mut self, name: &[u8], ns: &'static str) -> Option<StartTag> {
        // Text compared as written must need no decoding: no reference, no quote, no `<`.
        let plain = |text: &[u8]| memchr::memchr3(b'&', b'"', b'<', text).is_none();
        if self.scan.position() != 0
            || self.options.max_depth == 0
            || !plain(ns.as_bytes())
            || !plain(name)
        {
            return None;
        }
        let mut at = 0;
        let mut expect = |piece: &[u8]| {
            let found = self.src.get(at..at + piece.len()) == Some(piece);
            at += piece.len();
            found
        };
        let prefix_at = 1 + name.len() + b" xmlns:".len();
        let written = expect(b"<")
            && expect(name)
            && expect(b" xmlns:i=\"")
            && expect(XSI_NAMESPACE.as_bytes())
            && expect(b"\" xmlns=\"")
            && expect(ns.as_bytes())
            && expect(b"\">");
        if !written || name.contains(&b':') {
            return None;
        }
        let xsi = self.intern(Cow::Borrowed(XSI_NAMESPACE));
        self.bind(Some((prefix_at, prefix_at + 1)), Some(xsi));
        let default = (!ns.is_empty()).then(|| self.intern(Cow::Borrowed(ns)));
        self.bind(None, default);
        self.scan.set_position(at);
        Some(self.open_unprefixed(0, name.len(), 0))
    }

    /// Opens the element whose start tag `<name ...>`, matched by the reader itself, is at
    /// `at`: unprefixed, so in the default namespace, with no `i:nil` or `i:type`;
    /// `bindings_before` are the declarations in scope before it.
    #[inline]
    fn open_unprefixed(&mut self, at: usize, name_len: usize, bindings_before: usize) -> StartTag {
        let local = (at + 1, at + 1 + name_len);
        self.open.push(Open {
            bindings: bindings_before,
            name_start: at + 1,
            local,
        });
        StartTag {
            local,
            ns: self.default_ns,
            nil: false,
            xsi_type: None,
            empty: false,
            offset: at,
        }
    }

    /// After the root element: only comments and whitespace may follow.
    pub fn finish(&mut self) -> Result<(), Error> {
        loop {
            let (token, offset) = self.next_token()?;
            match token {
                Token::Eof => return Ok(()),
                Token::Comment => {}
                Token::Text { text, .. } if is_whitespace(text.of(self.src)) => {}
                Token::Pi => {
                    return Err(self.error_at(
                        offset,
                        Error::new(
                            ErrorKind::ProcessingInstruction,
                            "processing instructions are not allowed (DCS rejects them)",
                        ),
                    ))
                }
                Token::DocType => {
                    return Err(self.error_at(
                        offset,
                        Error::new(ErrorKind::Dtd, "DTDs are not allowed (DCS rejects them)"),
                    ))
                }
                Token::Text { text, .. } => {
                    return Err(self.error_at(
                        offset.saturating_add(leading_space(text.of(self.src))),
                        Error::new(ErrorKind::Syntax, "content after the root element"),
                    ));
                }
                _ => {
                    return Err(self.error_at(
                        offset,
                        Error::new(ErrorKind::Syntax, "content after the root element"),
                    ))
                }
            }
        }
    }

    /// The next child element of `parent`, or `None` at its end tag.
    pub fn next_child(&mut self, parent: &StartTag) -> Result<Option<StartTag>, Error> {
        if parent.empty {
            return Ok(None);
        }
        loop {
            let (token, offset) = self.next_token()?;
            match token {
                Token::Start { name, empty, .. } => {
                    let tag = self.start_tag(name, empty, offset)?;
                    self.count_element(&tag)?;
                    return Ok(Some(tag));
                }
                Token::End { name } => {
                    self.end_tag(name, offset)?;
                    return Ok(None);
                }
                Token::Comment => continue,
                Token::Text { text, .. } if is_whitespace(text.of(self.src)) => continue,
                other => return Err(self.not_a_member(&other, offset)),
            }
        }
    }

    /// [`XmlReader::next_child`] for a contract's members: `members` are their (local name,
    /// namespace) in DCS order, as the derive lists them (local names never hold a `:`), and
    /// `cursor` the position DCS reads next. A child written as that member is, `<name>`
    /// without attributes in the default namespace, is taken without a tokenizer pass.
    #[inline]
    pub fn next_member(
        &mut self,
        parent: &StartTag,
        members: &[(&[u8], &'static str)],
        cursor: usize,
    ) -> Result<Option<StartTag>, Error> {
        if let (false, Some(&(name, ns))) = (parent.empty, members.get(cursor)) {
            if let Some(tag) = self.expected_start(name, ns)? {
                return Ok(Some(tag));
            }
        }
        self.next_child(parent)
    }

    /// The start tag `<name>` in the default namespace, when it comes next (after white
    /// space) and the default namespace is `ns`.
    #[inline]
    fn expected_start(&mut self, name: &[u8], ns: &'static str) -> Result<Option<StartTag>, Error> {
        let mut at = self.scan.position();
        let rest = self.src.get(at..).unwrap_or_default();
        let space = leading_space(rest);
        let rest = rest.get(space..).unwrap_or_default();
        let matches = rest.len() > name.len() + 1
            && rest.first() == Some(&b'<')
            && rest.get(1..1 + name.len()) == Some(name)
            && rest.get(1 + name.len()) == Some(&b'>')
            && self.open.len() < self.options.max_depth
            && self.namespace_index_is(self.default_ns, ns);
        if !matches {
            return Ok(None);
        }
        at += space;
        self.scan.set_position(at + name.len() + 2);
        let tag = self.open_unprefixed(at, name.len(), self.bindings.len());
        self.count_element(&tag)?;
        Ok(Some(tag))
    }

    /// The error for a token where member elements were expected.
    #[cold]
    #[inline(never)]
    fn not_a_member(&self, token: &Token, offset: usize) -> Error {
        match token {
            Token::Text { text, .. } => self.error_at(
                offset.saturating_add(leading_space(text.of(self.src))),
                Error::new(
                    ErrorKind::UnexpectedContent,
                    "text where member elements were expected",
                ),
            ),
            Token::CData { .. } => self.error_at(
                offset,
                Error::new(
                    ErrorKind::UnexpectedContent,
                    "CDATA where member elements were expected",
                ),
            ),
            forbidden => self.forbidden_inside(forbidden, offset),
        }
    }

    fn count_element(&mut self, tag: &StartTag) -> Result<(), Error> {
        self.items_read += 1;
        if self.items_read > self.options.max_elements {
            return Err(self.too_many(tag));
        }
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn too_many(&self, tag: &StartTag) -> Error {
        self.error_in(
            tag,
            Error::new(
                ErrorKind::LimitExceeded,
                format!("more than {} elements", self.options.max_elements),
            ),
        )
    }

    /// Skips the rest of an element whose start tag was read: an unknown element, whatever it
    /// holds (text, CDATA, elements; still within the limits, and never a DTD or a processing
    /// instruction). DCS ignores the content of an element with `i:nil="true"`: under
    /// [`ReadPolicy::Strict`](crate::ReadPolicy::Strict) anything in it but white space and
    /// comments is an error, otherwise a finding.
    pub fn skip(&mut self, tag: &StartTag) -> Result<(), Error> {
        if tag.empty {
            return Ok(());
        }
        let content_in_nil = |r: &Self, offset: usize| {
            r.error_at(
                offset,
                Error::new(
                    ErrorKind::UnexpectedContent,
                    "content in an element with i:nil=\"true\"",
                ),
            )
        };
        let mut nil_content_noted = false;
        let note_nil_content = |r: &mut Self, noted: &mut bool, offset: usize| {
            if r.policy() == crate::ReadPolicy::Strict {
                return Err(content_in_nil(r, offset));
            }
            if !*noted {
                *noted = true;
                let note = crate::report::Note {
                    kind: crate::report::FindingKind::NilContent,
                    dotnet: crate::report::DotnetAction::Skips,
                    outcome: crate::report::Outcome::Skipped,
                    expected_order: Vec::new(),
                    message: "the element is marked i:nil=\"true\", and DCS ignores its content"
                        .into(),
                    fix: Some("remove the content, or the i:nil attribute".into()),
                };
                r.note(tag, note);
            }
            Ok(())
        };
        let mut depth = 0usize;
        loop {
            let (token, offset) = self.next_token()?;
            match token {
                Token::Start { name, empty, .. } => {
                    if tag.nil && !nil_content_noted {
                        note_nil_content(self, &mut nil_content_noted, offset)?;
                    }
                    // Then the element is ordinary content.
                    let child = self.start_tag(name, empty, offset)?;
                    self.count_element(&child)?;
                    if !empty {
                        depth += 1;
                    }
                }
                Token::End { name } => {
                    self.end_tag(name, offset)?;
                    match depth.checked_sub(1) {
                        Some(d) => depth = d,
                        None => return Ok(()),
                    }
                }
                Token::Comment => {}
                Token::Text { text, .. } if is_whitespace(text.of(self.src)) => {}
                Token::Text { .. } | Token::CData { .. } if tag.nil => {
                    note_nil_content(self, &mut nil_content_noted, offset)?;
                }
                Token::Text { .. } | Token::CData { .. } => {}
                forbidden @ (Token::Pi | Token::DocType | Token::Decl { .. } | Token::Eof) => {
                    return Err(self.forbidden_inside(&forbidden, offset))
                }
            }
        }
    }

    /// Reads the text content of an element up to its end tag; child elements are an error.
    pub fn text(&mut self, tag: &StartTag) -> Result<Cow<'a, str>, Error> {
        if tag.empty {
            return Ok(Cow::Borrowed(""));
        }
        // The common element: one text (borrowed from the document when it has nothing to
        // decode), then the end tag.
        let (token, offset) = self.next_token()?;
        let first = match token {
            Token::Text { text, special } => self.text_piece(text, special, offset)?,
            Token::End { name } => {
                self.end_tag(name, offset)?;
                return Ok(Cow::Borrowed(""));
            }
            other => return self.text_rest(Some((other, offset)), None),
        };
        if self.close_exactly() {
            return Ok(first);
        }
        let (token, offset) = self.next_token()?;
        if let Token::End { name } = token {
            self.end_tag(name, offset)?;
            return Ok(first);
        }
        self.text_rest(Some((token, offset)), Some(first))
    }

    /// One text token's content, decoded, within the text limit.
    #[inline]
    fn text_piece(&self, text: Span, special: bool, offset: usize) -> Result<Cow<'a, str>, Error> {
        let piece = match self.src_str.get(text.start..text.end) {
            Some(plain) if !special => Cow::Borrowed(plain),
            _ => decode_owned(text.of(self.src), true).map_err(|(at, m)| {
                self.error_at(offset.saturating_add(at), Error::new(ErrorKind::Syntax, m))
            })?,
        };
        if piece.len() > self.options.max_string_bytes {
            return Err(self.text_too_long(offset));
        }
        Ok(piece)
    }

    fn text_too_long(&self, offset: usize) -> Error {
        self.error_at(
            offset,
            Error::new(
                ErrorKind::LimitExceeded,
                format!("text longer than {} bytes", self.options.max_string_bytes),
            ),
        )
    }

    /// The rest of [`XmlReader::text`]: `out` read so far, `pending` the token read after it.
    fn text_rest(
        &mut self,
        mut pending: Option<(Token, usize)>,
        mut out: Option<Cow<'a, str>>,
    ) -> Result<Cow<'a, str>, Error> {
        loop {
            let (token, offset) = match pending.take() {
                Some(next) => next,
                None => self.next_token()?,
            };
            let piece: Cow<'a, str> = match token {
                Token::Text { text, special } => self.text_piece(text, special, offset)?,
                Token::CData { text } => {
                    let raw = self.src_str.get(text.start..text.end).unwrap_or_default();
                    match normalize_newlines(raw) {
                        Cow::Borrowed(raw) => Cow::Borrowed(raw),
                        Cow::Owned(text) => Cow::Owned(text),
                    }
                }
                Token::Comment => continue,
                Token::End { name } => {
                    self.end_tag(name, offset)?;
                    return Ok(out.unwrap_or(Cow::Borrowed("")));
                }
                Token::Start { .. } => {
                    return Err(self.error_at(
                        offset,
                        Error::new(
                            ErrorKind::UnexpectedContent,
                            "an element where text was expected",
                        ),
                    ))
                }
                forbidden @ (Token::Pi | Token::DocType | Token::Decl { .. } | Token::Eof) => {
                    return Err(self.forbidden_inside(&forbidden, offset))
                }
            };
            if piece.len() > self.options.max_string_bytes
                || out
                    .as_ref()
                    .is_some_and(|o| o.len() + piece.len() > self.options.max_string_bytes)
            {
                return Err(self.text_too_long(offset));
            }
            out = Some(match out {
                None => piece,
                Some(prev) => Cow::Owned(prev.into_owned() + &piece),
            });
        }
    }

    /// An error about the element that starts at `tag`, with the path including it.
    pub fn error_in(&self, tag: &StartTag, error: Error) -> Error {
        let mut path = self.path();
        let local = String::from_utf8_lossy(self.local(tag));
        let open_ends_with_tag = self.open.last().is_some_and(|o| o.local == tag.local);
        if !open_ends_with_tag {
            if !path.is_empty() {
                path.push('/');
            }
            path.push_str(&local);
        }
        error
            .with_path(path)
            .with_position(line_column(self.src, tag.offset))
    }

    /// Records an error at the reader's current position (after the element just read).
    pub fn error_after(&self, error: Error) -> Error {
        self.error_here(error)
    }
}

/// An open element.
#[derive(Default)]
struct Open {
    /// How many bindings were in scope before its start tag.
    bindings: usize,
    /// Where its name starts (the prefix, if any) in the source: its end tag must repeat it.
    name_start: usize,
    /// Byte range of its local name (for paths).
    local: (usize, usize),
}

/// The path of the elements open at `offset`, from a lenient pass over the text before it
/// (for errors found before parsing, such as invalid UTF-8).
fn path_before(src: &[u8], offset: usize) -> String {
    let src = src.get(..offset).unwrap_or_default();
    let mut scanner = Scanner::new(src);
    let mut open: Vec<String> = Vec::new();
    loop {
        match scanner.next_token() {
            Ok(Token::Start {
                name, empty: false, ..
            }) => {
                open.push(String::from_utf8_lossy(split_qname(name.of(src)).1).into_owned());
            }
            Ok(Token::End { .. }) => {
                open.pop();
            }
            Ok(Token::Eof | Token::DocType) | Err(_) => return open.join("/"),
            Ok(_) => {}
        }
    }
}

/// Whether raw text holds a reference (or, for text, a carriage return) to decode: most texts
/// and attribute values have nothing to decode, and this runs over every one of them, eight
/// bytes at a time (memchr's vector search costs more on texts this short).
#[inline]
fn needs_decoding(raw: &[u8], newlines: bool) -> bool {
    let cr = if newlines { b'\r' } else { b'&' };
    crate::words::any_word(raw, |w| {
        crate::words::has_byte(w, b'&') | crate::words::has_byte(w, cr) != 0
    })
}

fn is_whitespace(t: &[u8]) -> bool {
    t.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

fn split_qname(name: &[u8]) -> (Option<&[u8]>, &[u8]) {
    match name.iter().position(|&b| b == b':') {
        Some(i) => (name.get(..i), name.get(i + 1..).unwrap_or_default()),
        None => (None, name),
    }
}

/// CDATA's line breaks, normalized to `\n` as an XML parser does.
fn normalize_newlines(raw: &str) -> Cow<'_, str> {
    if !raw.contains('\r') {
        return Cow::Borrowed(raw);
    }
    Cow::Owned(raw.replace("\r\n", "\n").replace('\r', "\n"))
}

/// How many bytes of white space start `text`.
fn leading_space(text: &[u8]) -> usize {
    text.iter().take_while(|&&b| scan::is_space(b)).count()
}

/// [`decode_text`] into a new string.
#[inline(never)]
fn decode_owned(raw: &[u8], newlines: bool) -> Result<Cow<'static, str>, (usize, String)> {
    decode_text(raw, newlines).map(|text| Cow::Owned(text.into_owned()))
}

/// Decodes raw text or an attribute value: line breaks normalized (text only), references
/// expanded. The input is valid UTF-8 (checked for the whole document up front). On failure:
/// the byte offset in `raw` of the offending `&` (or byte) and a message that shows at most 40
/// characters of the input.
pub(crate) fn decode_text(raw: &[u8], newlines: bool) -> Result<Cow<'_, str>, (usize, String)> {
    let text = std::str::from_utf8(raw)
        .map_err(|e| (e.valid_up_to(), "the text is not valid UTF-8".to_owned()))?;
    let special = |c: char| c == '&' || (newlines && c == '\r');
    if !text.contains(special) {
        return Ok(Cow::Borrowed(text));
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(special) {
        let offset = text.len() - rest.len() + i;
        let Some((before, after)) = rest.split_at_checked(i) else {
            break;
        };
        out.push_str(before);
        if let Some(after_cr) = after.strip_prefix('\r') {
            out.push('\n');
            rest = after_cr.strip_prefix('\n').unwrap_or(after_cr);
            continue;
        }
        let after = after.strip_prefix('&').unwrap_or(after);
        let Some((name, tail)) = after.split_once(';') else {
            return Err((
                offset,
                "an `&` that starts no reference (write `&amp;`)".to_owned(),
            ));
        };
        let shown = || -> String { name.chars().take(40).collect() };
        let c = match name {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = if let Some(hex) = name.strip_prefix("#x") {
                    (!hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()))
                        .then(|| u32::from_str_radix(hex, 16).ok())
                        .flatten()
                } else if let Some(dec) = name.strip_prefix('#') {
                    (!dec.is_empty() && dec.bytes().all(|b| b.is_ascii_digit()))
                        .then(|| dec.parse::<u32>().ok())
                        .flatten()
                } else {
                    return Err((
                        offset,
                        format!(
                            "unknown entity `&{};` (DTD entities are not supported)",
                            shown()
                        ),
                    ));
                };
                code.and_then(char::from_u32).ok_or_else(|| {
                    (
                        offset,
                        format!("invalid character reference `&{};`", shown()),
                    )
                })?
            }
        };
        out.push(c);
        rest = tail;
    }
    out.push_str(rest);
    Ok(Cow::Owned(out))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// The default namespace in scope is restored when an element that redeclares it ends,
    /// with few declarations in scope and with many (past [`SMALL`], kept per prefix).
    #[test]
    fn default_namespace_follows_scope() {
        for extra in [0, SMALL + 2] {
            let many: String = (0..extra)
                .map(|i| format!(" xmlns:p{i}=\"urn:p{i}\""))
                .collect();
            let doc = format!(
                r#"<a xmlns="urn:1"{many}><b xmlns="urn:2"><c/></b><d xmlns=""/><e q:x="1" xmlns:q="urn:q"><q:f/></e><g/></a>"#
            );
            let mut r = XmlReader::new(doc.as_bytes(), ReadOptions::default()).unwrap();
            let root = r.root().unwrap();
            assert_eq!(r.namespace(&root), Some("urn:1"));
            let mut seen = Vec::new();
            while let Some(child) = r.next_child(&root).unwrap() {
                let name = String::from_utf8_lossy(r.local(&child)).into_owned();
                seen.push((name, r.namespace(&child).map(str::to_owned)));
                while let Some(inner) = r.next_child(&child).unwrap() {
                    let name = String::from_utf8_lossy(r.local(&inner)).into_owned();
                    seen.push((name, r.namespace(&inner).map(str::to_owned)));
                    r.skip(&inner).unwrap();
                }
            }
            r.finish().unwrap();
            let ns = |s: &str| Some(s.to_owned());
            assert_eq!(
                seen,
                [
                    ("b".to_owned(), ns("urn:2")),
                    ("c".to_owned(), ns("urn:2")),
                    ("d".to_owned(), None),
                    ("e".to_owned(), ns("urn:1")),
                    ("f".to_owned(), ns("urn:q")),
                    ("g".to_owned(), ns("urn:1")),
                ],
                "{extra} declarations"
            );
        }
    }

    /// The root as DCS writes it is taken whole; any other spelling of the same root reads
    /// the same through the tokenizer, and so does a document that only starts like it.
    #[test]
    fn dcs_root_reads_as_any_other_spelling() {
        const NS: &str = "urn:n";
        let dcs = format!(
            r#"<R xmlns:i="{XSI_NAMESPACE}" xmlns="{NS}"><a i:nil="true"/><q:b xmlns:q="urn:q"/></R>"#
        );
        let swapped = format!(
            r#"<R  xmlns="{NS}" xmlns:i='{XSI_NAMESPACE}'><a i:nil="1"/><q:b xmlns:q="urn:q"/></R>"#
        );
        let other_ns = format!(
            r#"<R xmlns:i="{XSI_NAMESPACE}" xmlns="urn:other"><a i:nil="true"/><q:b xmlns:q="urn:q"/></R>"#
        );
        let read = |doc: &str| {
            let mut r = XmlReader::new(doc.as_bytes(), ReadOptions::default()).unwrap();
            let root = r.root_as("R", NS).unwrap();
            let mut seen = vec![(
                String::from_utf8_lossy(r.local(&root)).into_owned(),
                r.namespace(&root).map(str::to_owned),
                root.nil,
            )];
            while let Some(child) = r.next_child(&root).unwrap() {
                seen.push((
                    String::from_utf8_lossy(r.local(&child)).into_owned(),
                    r.namespace(&child).map(str::to_owned),
                    child.nil,
                ));
                r.skip(&child).unwrap();
            }
            r.finish().unwrap();
            seen
        };
        assert_eq!(read(&dcs), read(&swapped));
        let ns = read(&other_ns);
        assert_eq!(ns[0].1.as_deref(), Some("urn:other"));
        assert_eq!(ns[1].1.as_deref(), Some("urn:other"));
        assert!(ns[1].2);
        // The end tag must still match the root's name.
        let bad = format!(r#"<R xmlns:i="{XSI_NAMESPACE}" xmlns="{NS}"></S>"#);
        let mut r = XmlReader::new(bad.as_bytes(), ReadOptions::default()).unwrap();
        let root = r.root_as("R", NS).unwrap();
        let e = r.next_child(&root).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Syntax);
        assert_eq!(e.path(), "R");
    }

    #[test]
    fn finds_what_needs_decoding_at_every_position() {
        for len in 0..40 {
            let plain = vec![b'a'; len];
            assert!(!needs_decoding(&plain, true), "{len}");
            for at in 0..len {
                for (special, newlines, expected) in [
                    (b'&', true, true),
                    (b'&', false, true),
                    (b'\r', true, true),
                    (b'\r', false, false),
                    (b'&' ^ 0x80, true, false),
                    (b'\r' + 1, true, false),
                ] {
                    let mut text = plain.clone();
                    text[at] = special;
                    assert_eq!(
                        needs_decoding(&text, newlines),
                        expected,
                        "{len} {at} {special}"
                    );
                }
            }
        }
    }

    #[test]
    fn decodes_references_and_line_breaks() {
        assert_eq!(
            decode_text(b"a&#x1;b&#65;&lt;&amp;", true).unwrap(),
            "a\u{1}bA<&"
        );
        assert_eq!(decode_text(b"l1\r\nl2\rl3", true).unwrap(), "l1\nl2\nl3");
        assert_eq!(decode_text(b"&#xD;", true).unwrap(), "\r");
        assert_eq!(decode_text(b"ab&nbsp;", true).unwrap_err().0, 2);
        assert_eq!(decode_text(b"a & b", true).unwrap_err().0, 2);
        assert!(decode_text(b"&#xD800;", true).is_err());
        assert!(decode_text(b"&#x+41;", true).is_err());
        assert!(decode_text(b"&#+65;", true).is_err());
        assert!(decode_text(b"&#x;", true).is_err());
        assert_eq!(decode_text(b"a\r\n&#xD;\r", false).unwrap(), "a\r\n\r\r");
    }
}
