//! The XML tokenizer under [`XmlReader`](super::XmlReader): markup and text of a UTF-8
//! document as spans of the source, nothing allocated.
//!
//! It is ours rather than quick-xml's because a DCS body is a few hundred bytes of short
//! elements: quick-xml's bare event pass over the seed's `AuthRequest` costs about 6,000
//! instructions (its end-name stack, its event enum, a vector search per piece of text),
//! as much as the whole read has to cost for the mock server to keep up with a bare handler
//! (issue #19, `benches/run.sh --callgrind`). This one keeps no state but its position: the
//! reader, which tracks open elements anyway, checks end names.
//!
//! It checks what XML 1.0 requires of the markup: markup closed, tags and attributes well
//! formed, names made of name characters (for ASCII exactly XML's `NameStartChar` and
//! `NameChar`; every non-ASCII character is taken as a name character, a superset of XML's
//! ranges). End names are matched by the reader, which knows the open elements.
// Input reaches this module: nothing here may panic on it.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use super::stack::Stack;

/// A byte range of the source.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// The bytes of the span in `src` (empty when out of range).
    #[inline]
    pub fn of<'a>(&self, src: &'a [u8]) -> &'a [u8] {
        src.get(self.start..self.end).unwrap_or_default()
    }
}

/// One piece of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token {
    /// `<name attributes>`, or `<name attributes/>` (`empty`).
    Start {
        name: Span,
        /// Everything between the name and `>` (or `/>`).
        attributes: Span,
        empty: bool,
    },
    /// `</name>`.
    End { name: Span },
    /// Character data up to the next `<` or the end; `special`: it holds a `&` or a `\r`,
    /// so it needs decoding.
    Text { text: Span, special: bool },
    /// `<![CDATA[text]]>`.
    CData { text: Span },
    /// `<!-- ... -->`.
    Comment,
    /// `<?xml ...?>`: the declaration, with what follows its target.
    Decl { content: Span },
    /// Any other processing instruction.
    Pi,
    /// `<!DOCTYPE`: the scanner reads no further (DCS rejects DTDs, and so does every
    /// caller); the next token is the end.
    DocType,
    /// The end of the document.
    Eof,
}

/// A well-formedness error: the byte offset where it is reported, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScanError {
    pub offset: usize,
    pub message: &'static str,
    /// The name of the start tag whose attributes are malformed.
    pub element: Option<Span>,
}

impl ScanError {
    /// An error at `offset`, outside any attribute.
    pub fn at(offset: usize, message: &'static str) -> Self {
        ScanError {
            offset,
            message,
            element: None,
        }
    }
}

/// What a byte means to the text and name loops.
const PLAIN: u8 = 0;
/// `<`: the end of text.
const MARKUP: u8 = 1;
/// `&` or `\r`: text to decode.
const SPECIAL: u8 = 2;
/// White space, `/`, `>`: the end of a name.
const NAME_END: u8 = 4;
/// May start a name: ASCII letters, `_`, `:`, and (see above) every non-ASCII byte.
const NAME_START: u8 = 8;
/// May continue a name: the above, digits, `-`, `.`.
const NAME: u8 = 16;

// Evaluated at compile time: an index out of range would not compile.
#[allow(clippy::indexing_slicing)]
const CLASS: [u8; 256] = {
    let mut class = [PLAIN; 256];
    class[b'<' as usize] = MARKUP;
    class[b'&' as usize] = SPECIAL;
    class[b'\r' as usize] = SPECIAL | NAME_END;
    class[b' ' as usize] = NAME_END;
    class[b'\t' as usize] = NAME_END;
    class[b'\n' as usize] = NAME_END;
    class[b'/' as usize] = NAME_END;
    class[b'>' as usize] = NAME_END;
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphabetic() || c == b'_' || c == b':' || c >= 0x80 {
            class[b] |= NAME_START | NAME;
        } else if c.is_ascii_digit() || c == b'-' || c == b'.' {
            class[b] |= NAME;
        }
        b += 1;
    }
    class
};

/// What `b` means to the loops.
#[inline(always)]
#[allow(clippy::indexing_slicing)] // a `u8` indexes a 256-entry table
fn class(b: u8) -> u8 {
    CLASS[usize::from(b)]
}

/// Texts are searched eight bytes at a time this far, then by memchr (its vector search
/// costs more than that on the short texts of most members, and far less on long ones).
const SHORT_TEXT: usize = 64;

/// Where the text at the start of `rest` ends (its first `<`, or the end), and whether it
/// holds a `&` or a `\r` before that.
#[inline]
fn text_end(rest: &[u8]) -> (usize, bool) {
    // Per 8-byte word, a mask of the bytes equal to `<` and one of those equal to `&` or
    // `\r` (the zero-byte trick: the lowest flagged byte is exact, and a flag above it is
    // only ever set where a lower byte is flagged too, which keeps `special` exact).
    use crate::words::has_byte;
    let mut special = false;
    let mut i = 0;
    while i < SHORT_TEXT {
        let Some(word) = rest.get(i..i + 8) else {
            break;
        };
        let v = u64::from_le_bytes(<[u8; 8]>::try_from(word).unwrap_or_default());
        let lt = has_byte(v, b'<');
        let marks = has_byte(v, b'&') | has_byte(v, b'\r');
        if lt != 0 {
            let below = (lt & lt.wrapping_neg()) - 1;
            let at = i + (lt.trailing_zeros() / 8) as usize;
            return (at, special || marks & below != 0);
        }
        special |= marks != 0;
        i += 8;
    }
    let tail = rest.get(i..).unwrap_or_default();
    if i < SHORT_TEXT {
        // Fewer than eight bytes left.
        for (k, &b) in tail.iter().enumerate() {
            let class = class(b);
            if class & MARKUP != 0 {
                return (i + k, special);
            }
            special |= class & SPECIAL != 0;
        }
        return (rest.len(), special);
    }
    let len = memchr::memchr(b'<', tail).map_or(rest.len(), |k| i + k);
    let special =
        special || memchr::memchr2(b'&', b'\r', rest.get(i..len).unwrap_or_default()).is_some();
    (len, special)
}

/// XML's white space.
#[inline]
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Whether `b` may start a name.
#[inline]
fn starts_name(b: u8) -> bool {
    class(b) & NAME_START != 0
}

/// The length of the name at the start of `bytes` (its first byte is a name start).
#[inline]
fn name_len(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .skip(1)
        .position(|&b| class(b) & NAME == 0)
        .map_or(bytes.len(), |i| i + 1)
}

/// The tokenizer: a position in a document.
pub(crate) struct Scanner<'a> {
    src: &'a [u8],
    pos: usize,
    /// The attributes of the start tag read last.
    attributes: Stack<Attribute, 4>,
}

impl<'a> Scanner<'a> {
    /// A scanner at the start of `src`.
    pub fn new(src: &'a [u8]) -> Self {
        Scanner {
            src,
            pos: 0,
            attributes: Stack::new(),
        }
    }

    /// The byte offset of the next token.
    #[inline]
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Moves to `pos`, past markup the reader matched itself.
    #[inline]
    pub fn set_position(&mut self, pos: usize) {
        self.pos = pos.min(self.src.len());
    }

    /// The next token; after an error, the position is unchanged.
    #[inline]
    pub fn next_token(&mut self) -> Result<Token, ScanError> {
        let rest = self.src.get(self.pos..).unwrap_or_default();
        match rest.first() {
            None => Ok(Token::Eof),
            Some(b'<') => self.markup(rest),
            Some(_) => Ok(self.text(rest)),
        }
    }

    fn text(&mut self, rest: &[u8]) -> Token {
        let start = self.pos;
        let (len, special) = text_end(rest);
        self.pos = start + len;
        Token::Text {
            text: Span {
                start,
                end: self.pos,
            },
            special,
        }
    }

    /// Moves past `</name>` when it comes next, exactly so (no white space before the `>`),
    /// and says whether it did: the end tag of a text-only element, found without a
    /// tokenizer pass (the reader compares the name it opened with).
    #[inline]
    pub fn skip_exact_end_tag(&mut self, name: &[u8]) -> bool {
        let rest = self.src.get(self.pos..).unwrap_or_default();
        let matches = rest.len() > name.len() + 2
            && rest.get(..2) == Some(b"</")
            && rest.get(2..2 + name.len()) == Some(name)
            && rest.get(2 + name.len()) == Some(&b'>');
        if matches {
            self.pos += name.len() + 3;
        }
        matches
    }

    /// `rest` starts with `<`.
    fn markup(&mut self, rest: &[u8]) -> Result<Token, ScanError> {
        let at = self.pos;
        let error = |message| Err(ScanError::at(at, message));
        match rest.get(1) {
            Some(b'/') => self.end_tag(rest),
            Some(b'!') => {
                if rest.starts_with(b"<!--") {
                    let end = find(rest, 4, b"-->").ok_or(ScanError::at(at, "unclosed comment"))?;
                    // XML: `--` never stands inside a comment, nor `-` at its end (XmlReader
                    // refuses both; own vector read-xml-comment-double-hyphen).
                    let body = rest.get(4..end).unwrap_or_default();
                    if let Some(i) = find(body, 0, b"--") {
                        return Err(ScanError::at(at + 4 + i, "`--` inside a comment"));
                    }
                    if body.last() == Some(&b'-') {
                        return Err(ScanError::at(at + end - 1, "a comment ending in `-`"));
                    }
                    self.pos = at + end + 3;
                    Ok(Token::Comment)
                } else if rest.starts_with(b"<![CDATA[") {
                    let end =
                        find(rest, 9, b"]]>").ok_or(ScanError::at(at, "unclosed CDATA section"))?;
                    self.pos = at + end + 3;
                    Ok(Token::CData {
                        text: Span {
                            start: at + 9,
                            end: at + end,
                        },
                    })
                } else if rest
                    .get(2..9)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"DOCTYPE"))
                {
                    // Nothing after a DTD is read.
                    self.pos = self.src.len();
                    Ok(Token::DocType)
                } else {
                    error("unknown markup after `<!` (a comment, CDATA or a DTD was expected)")
                }
            }
            Some(b'?') => {
                let end = find(rest, 2, b"?>")
                    .ok_or(ScanError::at(at, "unclosed processing instruction"))?;
                self.pos = at + end + 2;
                let body = rest.get(2..end).unwrap_or_default();
                let target_len = body.iter().position(|&b| is_space(b)).unwrap_or(body.len());
                if body.get(..target_len) == Some(b"xml") {
                    Ok(Token::Decl {
                        content: Span {
                            start: at + 2 + target_len,
                            end: at + end,
                        },
                    })
                } else {
                    Ok(Token::Pi)
                }
            }
            Some(&b) if starts_name(b) => self.start_tag(rest),
            Some(_) => error("a name must follow `<`"),
            None => error("unexpected end of document after `<`"),
        }
    }

    /// `rest` starts with `<` and a name character.
    fn start_tag(&mut self, rest: &[u8]) -> Result<Token, ScanError> {
        let at = self.pos;
        let name_len = 1 + name_len(rest.get(1..).unwrap_or_default());
        if let Some(&b) = rest.get(name_len) {
            if class(b) & NAME_END == 0 {
                return Err(ScanError::at(
                    at + name_len,
                    "a character that is not allowed in a name",
                ));
            }
        }
        let name = Span {
            start: at + 1,
            end: at + name_len,
        };
        self.attributes.clear();
        // The common member tag, `<name>`, has nothing more to read.
        if rest.get(name_len) == Some(&b'>') {
            self.pos = at + name_len + 1;
            return Ok(Token::Start {
                name,
                attributes: Span {
                    start: name.end,
                    end: name.end,
                },
                empty: false,
            });
        }
        // The attributes, read once, up to the `>` or `/>` that ends the tag.
        let mut attributes = Attributes {
            src: self.src,
            pos: name.end,
            end: self.src.len(),
            tag: Some((at, name)),
        };
        for attribute in attributes.by_ref() {
            self.attributes.push(attribute?);
        }
        let stop = attributes.pos;
        let empty = self.src.get(stop) == Some(&b'/');
        self.pos = stop + if empty { 2 } else { 1 };
        Ok(Token::Start {
            name,
            attributes: Span {
                start: name.end,
                end: stop,
            },
            empty,
        })
    }

    /// The attributes of the start tag read last.
    pub fn attribute(&self, index: usize) -> Option<Attribute> {
        self.attributes.get(index).copied()
    }

    /// How many attributes the start tag read last has.
    pub fn attribute_count(&self) -> usize {
        self.attributes.len()
    }

    /// `rest` starts with `</`.
    fn end_tag(&mut self, rest: &[u8]) -> Result<Token, ScanError> {
        let at = self.pos;
        let close = memchr::memchr(b'>', rest).ok_or(ScanError::at(at, "unclosed end tag"))?;
        let inner = rest.get(2..close).unwrap_or_default();
        let name_len = inner
            .iter()
            .position(|&b| is_space(b))
            .unwrap_or(inner.len());
        if name_len == 0 || !inner.iter().skip(name_len).all(|&b| is_space(b)) {
            return Err(ScanError::at(at, "an end tag holds a name only"));
        }
        self.pos = at + close + 1;
        Ok(Token::End {
            name: Span {
                start: at + 2,
                end: at + 2 + name_len,
            },
        })
    }
}

/// The offset in `hay` of `needle`, searched from `from`.
fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut i = from;
    loop {
        let j = i + memchr::memchr(first, hay.get(i..)?)?;
        if hay.get(j..)?.starts_with(needle) {
            return Some(j);
        }
        i = j + 1;
    }
}

/// One attribute of a start tag: its name and its value as written (quotes excluded).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Attribute {
    pub key: Span,
    pub value: Span,
}

/// Attributes (`name="value"`, separated by white space): of a start tag, up to the `>` or
/// `/>` that ends it, or of a declaration's content.
pub(crate) struct Attributes<'a> {
    src: &'a [u8],
    pos: usize,
    end: usize,
    /// In a start tag: where its `<` is, and its name.
    tag: Option<(usize, Span)>,
}

impl<'a> Attributes<'a> {
    /// The attributes in `span` of `src` (a declaration's pseudo-attributes).
    pub fn new(src: &'a [u8], span: Span) -> Self {
        Attributes {
            src,
            pos: span.start,
            end: span.end.min(src.len()),
            tag: None,
        }
    }

    #[inline]
    fn byte(&self, at: usize) -> Option<u8> {
        if at < self.end {
            self.src.get(at).copied()
        } else {
            None
        }
    }

    #[inline]
    fn skip_space(&mut self) {
        while self.byte(self.pos).is_some_and(is_space) {
            self.pos += 1;
        }
    }

    #[cold]
    fn fail(
        &mut self,
        offset: usize,
        message: &'static str,
    ) -> Option<Result<Attribute, ScanError>> {
        let cut_off = self.pos >= self.end;
        // No attribute after an error.
        self.pos = self.end;
        Some(Err(match self.tag {
            // A tag cut off is the tag's error, reported at its `<`.
            Some((at, _)) if cut_off => ScanError::at(at, "unclosed start tag"),
            tag => ScanError {
                offset,
                message,
                element: tag.map(|(_, name)| name),
            },
        }))
    }

    /// Whether the tag ends at `pos` (`>` or `/>`).
    #[inline]
    fn at_tag_end(&self) -> bool {
        match self.byte(self.pos) {
            Some(b'>') => self.tag.is_some(),
            Some(b'/') => self.tag.is_some() && self.byte(self.pos + 1) == Some(b'>'),
            _ => false,
        }
    }
}

impl Iterator for Attributes<'_> {
    type Item = Result<Attribute, ScanError>;

    fn next(&mut self) -> Option<Self::Item> {
        let before = self.pos;
        self.skip_space();
        if self.at_tag_end() {
            return None;
        }
        let key_start = self.pos;
        let Some(first) = self.byte(key_start) else {
            return match self.tag {
                Some(_) => self.fail(key_start, "unclosed start tag"),
                None => None,
            };
        };
        if !starts_name(first) {
            return self.fail(key_start, "an attribute must start with a name");
        }
        // After the tag's name or a value, white space comes first.
        if key_start == before && self.tag.is_some_and(|(_, name)| name.end != before) {
            return self.fail(key_start, "white space must separate attributes");
        }
        let rest = self.src.get(key_start..self.end).unwrap_or_default();
        self.pos = key_start + name_len(rest);
        let key = Span {
            start: key_start,
            end: self.pos,
        };
        if self
            .byte(self.pos)
            .is_some_and(|b| !is_space(b) && b != b'=')
        {
            return self.fail(self.pos, "a character that is not allowed in a name");
        }
        self.skip_space();
        if self.byte(self.pos) != Some(b'=') {
            return self.fail(key_start, "an attribute without a value (`name=\"value\"`)");
        }
        self.pos += 1;
        self.skip_space();
        let quote = match self.byte(self.pos) {
            Some(q @ (b'"' | b'\'')) => q,
            _ => return self.fail(self.pos, "an attribute value must be quoted"),
        };
        let value_start = self.pos + 1;
        let rest = self.src.get(value_start..self.end).unwrap_or_default();
        let Some(len) = memchr::memchr(quote, rest) else {
            self.pos = self.end;
            return self.fail(value_start - 1, "an unclosed attribute value");
        };
        self.pos = value_start + len + 1;
        if self.tag.is_none() && self.byte(self.pos).is_some_and(|b| !is_space(b)) {
            return self.fail(self.pos, "white space must separate attributes");
        }
        Some(Ok(Attribute {
            key,
            value: Span {
                start: value_start,
                end: value_start + len,
            },
        }))
    }
}

/// The value of the `encoding` pseudo-attribute of an XML declaration's content, if any; a
/// malformed pseudo-attribute is an error.
pub(crate) fn declared_encoding(src: &[u8], content: Span) -> Result<Option<&[u8]>, ScanError> {
    for attribute in Attributes::new(src, content) {
        let attribute = attribute?;
        if attribute.key.of(src) == b"encoding" {
            return Ok(Some(attribute.value.of(src)));
        }
    }
    Ok(None)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// Every token of `doc`, each shown with its text.
    fn tokens(doc: &str) -> Vec<String> {
        let src = doc.as_bytes();
        let mut scanner = Scanner::new(src);
        let text = |s: Span| String::from_utf8_lossy(s.of(src)).into_owned();
        let mut out = Vec::new();
        loop {
            let shown = match scanner.next_token() {
                Err(e) => {
                    out.push(format!("error at {}: {}", e.offset, e.message));
                    return out;
                }
                Ok(Token::Eof) => return out,
                Ok(Token::Start {
                    name,
                    attributes,
                    empty,
                }) => format!(
                    "start {} [{}]{}",
                    text(name),
                    text(attributes),
                    if empty { " empty" } else { "" }
                ),
                Ok(Token::End { name }) => format!("end {}", text(name)),
                Ok(Token::Text { text: t, special }) => {
                    format!(
                        "text {:?}{}",
                        text(t),
                        if special { " special" } else { "" }
                    )
                }
                Ok(Token::CData { text: t }) => format!("cdata {:?}", text(t)),
                Ok(Token::Comment) => "comment".to_owned(),
                Ok(Token::Decl { content }) => format!("decl [{}]", text(content)),
                Ok(Token::Pi) => "pi".to_owned(),
                Ok(Token::DocType) => {
                    out.push("doctype".to_owned());
                    return out;
                }
            };
            out.push(shown);
        }
    }

    #[test]
    fn tokenizes_markup_and_text() {
        assert_eq!(
            tokens(
                "<?xml version=\"1.0\"?><a x=\"1>\" y='\"'><b/><c />t&amp;\r<!-- c --><![CDATA[<d>]]></a >"
            ),
            [
                "decl [ version=\"1.0\"]",
                "start a [ x=\"1>\" y='\"']",
                "start b [] empty",
                "start c [ ] empty",
                "text \"t&amp;\\r\" special",
                "comment",
                "cdata \"<d>\"",
                "end a",
            ]
        );
        assert_eq!(tokens("<?xml-stylesheet x?>"), ["pi"]);
        assert_eq!(tokens("<!DOCTYPE a [<!ENTITY x 'y'>]><a/>"), ["doctype"]);
        let long = format!("<a>{}&{}</a>", "x".repeat(40), "y".repeat(40));
        assert_eq!(
            tokens(&long)[1],
            format!("text {:?} special", &long[3..long.len() - 4])
        );
    }

    /// The word-at-a-time search agrees with a plain one at every length and position.
    #[test]
    fn finds_the_end_of_text_at_every_position() {
        for len in 0..150 {
            for at in 0..=len {
                for (special_at, special) in [
                    (None, b'&'),
                    (Some(0), b'&'),
                    (Some(at / 2), b'\r'),
                    (Some(len), b'&'),
                ] {
                    let mut text = vec![b'a'; len];
                    if at < len {
                        text[at] = b'<';
                    }
                    if let Some(s) = special_at.filter(|&s| s < len && s != at) {
                        text[s] = special;
                    }
                    // Bytes that the zero-byte trick could confuse.
                    if len > 3 && at != 1 && special_at != Some(1) {
                        text[1] = b'<' + 1;
                    }
                    let end = text.iter().position(|&b| b == b'<').unwrap_or(len);
                    let has = text[..end].iter().any(|&b| b == b'&' || b == b'\r');
                    assert_eq!(text_end(&text), (end, has), "{len} {at} {special_at:?}");
                }
            }
        }
    }

    #[test]
    fn reports_unclosed_and_malformed_markup_at_its_start() {
        for (doc, offset) in [
            ("<a><!-- never", 3),
            ("<a><![CDATA[x]]", 3),
            ("<a><?pi", 3),
            ("<a><b", 3),
            ("<a><b x=\"1>", 3),
            ("<a></a", 3),
            ("<a></a b>", 3),
            ("<a>< b/>", 3),
            ("<a><!x>", 3),
            ("<a><!-- a -- b --></a>", 10),
            ("<a><!-- a ---></a>", 10),
            ("<a/b>", 2),
        ] {
            let out = tokens(doc);
            assert!(
                out.last()
                    .unwrap()
                    .starts_with(&format!("error at {offset}:")),
                "{doc}: {out:?}"
            );
        }
    }

    #[test]
    fn splits_attributes() {
        let src = b" a=\"1\" b = 'x\"y' xmlns:i=\"\"";
        let span = Span {
            start: 0,
            end: src.len(),
        };
        let got: Vec<_> = Attributes::new(src, span)
            .map(|a| {
                let a = a.unwrap();
                (
                    String::from_utf8_lossy(a.key.of(src)).into_owned(),
                    String::from_utf8_lossy(a.value.of(src)).into_owned(),
                )
            })
            .collect();
        let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
        assert_eq!(
            got,
            [pair("a", "1"), pair("b", "x\"y"), pair("xmlns:i", "")]
        );
        for (bad, offset) in [
            (&b" a"[..], 1),
            (b" a=1", 3),
            (b" =\"1\"", 1),
            (b" a=\"1\"b=\"2\"", 6),
        ] {
            let span = Span {
                start: 0,
                end: bad.len(),
            };
            let errors: Vec<_> = Attributes::new(bad, span).filter_map(Result::err).collect();
            assert_eq!(errors.len(), 1, "{bad:?}");
            assert_eq!(errors[0].offset, offset, "{bad:?}");
        }
    }

    #[test]
    fn finds_the_declared_encoding() {
        let src = b" version=\"1.0\" encoding='utf-16'";
        let span = Span {
            start: 0,
            end: src.len(),
        };
        assert_eq!(declared_encoding(src, span), Ok(Some(&b"utf-16"[..])));
        let bad = b" version://x=\"1.0\" encoding='utf-16'";
        let span = Span {
            start: 0,
            end: bad.len(),
        };
        assert_eq!(declared_encoding(bad, span).map_err(|e| e.offset), Err(9));
    }
}
