//! Where findings are in a JSON document: the member path (as [`super::Error::path`] writes
//! it: `items[2].code`), the line and the column of a byte offset, for all offsets in one pass.
//!
//! The read has already accepted the document, so the scan only needs to follow its structure;
//! on text it does not understand it stops, and the offsets past that point stay unplaced.
// Input reaches this module: nothing here may panic on it.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

/// The place of one offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Place {
    pub(crate) path: String,
    /// 1-based.
    pub(crate) line: u64,
    /// 1-based, in characters.
    pub(crate) column: u64,
}

enum Frame {
    Object { key: Option<String> },
    Array { index: usize },
}

fn path_of(stack: &[Frame], last_key: Option<&str>) -> String {
    let mut path = String::new();
    let count = stack.len();
    for (i, frame) in stack.iter().enumerate() {
        match frame {
            Frame::Object { key } => {
                let key = if i + 1 == count {
                    last_key.or(key.as_deref())
                } else {
                    key.as_deref()
                };
                if let Some(key) = key {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                }
            }
            Frame::Array { index } => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    path
}

/// The place of each offset (`None` for `None`, and for an offset the scan does not reach):
/// a key's offset (of its quote, or of its first character) gets the key's path, a value's
/// offset the path of the member or item it is.
pub(crate) fn locate(text: &[u8], offsets: &[Option<usize>]) -> Vec<Option<Place>> {
    let mut out: Vec<Option<Place>> = vec![None; offsets.len()];
    let mut order: Vec<(usize, usize)> = offsets
        .iter()
        .enumerate()
        .filter_map(|(i, o)| o.map(|o| (o, i)))
        .collect();
    order.sort_unstable();
    let mut next = 0;
    let mut stack: Vec<Frame> = Vec::new();
    let (mut line, mut line_start, mut i) = (1u64, 0usize, 0usize);
    // Whether the next string in an object is a key.
    let mut expect_key = false;
    let column = |line_start: usize, at: usize| {
        let chars = text
            .get(line_start..at)
            .unwrap_or_default()
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count();
        chars as u64 + 1
    };
    while i < text.len() && next < order.len() {
        let Some(&b) = text.get(i) else { break };
        if !matches!(
            b,
            b'"' | b'{' | b'[' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n'
        ) {
            // An offset between tokens (a comment rewritten as spaces, a comma): the path of
            // where it is.
            if order.get(next).is_some_and(|(o, _)| *o <= i) {
                let path = path_of(&stack, None);
                let at = (line, column(line_start, i));
                next = place_until(&order, &mut out, next, i + 1, &path, at);
            }
        }
        match b {
            b'\n' => {
                line += 1;
                line_start = i + 1;
                i += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' | b':' => {
                i += 1;
                continue;
            }
            b',' => {
                match stack.last_mut() {
                    Some(Frame::Object { key }) => {
                        *key = None;
                        expect_key = true;
                    }
                    Some(Frame::Array { index }) => *index += 1,
                    None => {}
                }
                i += 1;
                continue;
            }
            b'}' | b']' => {
                stack.pop();
                expect_key = false;
                i += 1;
                continue;
            }
            _ => {}
        }
        // A token starts at `i`: a key, or a value (whose end is found below).
        let end = if b == b'"' {
            string_end(text, i)
        } else if b == b'{' || b == b'[' {
            i + 1
        } else {
            scalar_end(text, i)
        };
        let is_key = b == b'"' && expect_key;
        let key = is_key.then(|| key_text(text.get(i..end).unwrap_or_default()));
        // Offsets at this token: its first byte, or (a string) its first character.
        let last = if b == b'"' { i + 1 } else { i };
        while let Some(&(offset, slot)) = order.get(next) {
            if offset > last {
                break;
            }
            if offset >= i {
                let path = path_of(&stack, key.as_deref());
                if let Some(place) = out.get_mut(slot) {
                    *place = Some(Place {
                        path,
                        line,
                        column: column(line_start, i),
                    });
                }
            }
            next += 1;
        }
        // Offsets inside the token (an escape in a string): the token's path.
        if order.get(next).is_some_and(|(o, _)| *o < end) {
            let path = path_of(&stack, key.as_deref());
            // (A string holds no line break: the column is counted on this line.)
            while let Some(&(offset, _)) = order.get(next).filter(|(o, _)| *o < end) {
                let at = (line, column(line_start, offset));
                next = place_until(&order, &mut out, next, offset + 1, &path, at);
            }
        }
        if let Some(key) = key {
            if let Some(Frame::Object { key: slot }) = stack.last_mut() {
                *slot = Some(key);
            }
            expect_key = false;
        } else if b == b'{' {
            stack.push(Frame::Object { key: None });
            expect_key = true;
        } else if b == b'[' {
            stack.push(Frame::Array { index: 0 });
        }
        // A string value may hold newlines only escaped: lines only change outside tokens.
        i = end.max(i + 1);
    }
    out
}

/// Places the offsets of `order` from `next` on that are below `limit` at `path` and `at`
/// (line, column); the next one left.
fn place_until(
    order: &[(usize, usize)],
    out: &mut [Option<Place>],
    mut next: usize,
    limit: usize,
    path: &str,
    (line, column): (u64, u64),
) -> usize {
    while let Some(&(offset, slot)) = order.get(next) {
        if offset >= limit {
            break;
        }
        if let Some(place) = out.get_mut(slot) {
            *place = Some(Place {
                path: path.to_owned(),
                line,
                column,
            });
        }
        next += 1;
    }
    next
}

/// The offset after the string whose quote is at `start`.
fn string_end(text: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while let Some(&b) = text.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    text.len()
}

/// The offset after a number or literal.
fn scalar_end(text: &[u8], start: usize) -> usize {
    let rest = text.get(start..).unwrap_or_default();
    start
        + rest
            .iter()
            .position(|b| matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n'))
            .unwrap_or(rest.len())
}

/// A key's text, unescaped (as serde_json reads it).
fn key_text(quoted: &[u8]) -> String {
    if !quoted.contains(&b'\\') {
        let inner = quoted
            .get(1..quoted.len().saturating_sub(1))
            .unwrap_or_default();
        return String::from_utf8_lossy(inner).into_owned();
    }
    serde_json::from_slice::<String>(quoted)
        .unwrap_or_else(|_| String::from_utf8_lossy(quoted).into_owned())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn place(text: &str, needle: &str) -> Place {
        let offset = text.find(needle).unwrap();
        locate(text.as_bytes(), &[Some(offset)])
            .pop()
            .flatten()
            .unwrap()
    }

    #[test]
    fn keys_and_values_get_their_member_paths() {
        let text = "{\"a\": 1, \"items\": [{\"code\": \"x\"}, {\"code\": \"y\", \"bad\": [1, 2]}],\n  \"z\\u0041\": {\"k\": null}}";
        let p = place(text, "\"a\"");
        assert_eq!((p.path.as_str(), p.line, p.column), ("a", 1, 2));
        assert_eq!(place(text, "\"bad\"").path, "items[1].bad");
        assert_eq!(place(text, "\"y\"").path, "items[1].code");
        let p = place(text, "\"k\"");
        assert_eq!((p.path.as_str(), p.line, p.column), ("zA.k", 2, 15));
        assert_eq!(place(text, "2]").path, "items[1].bad[1]");
        // A key's first character places it as its quote does.
        let at = text.find("items").unwrap();
        let p = locate(text.as_bytes(), &[Some(at)])
            .pop()
            .flatten()
            .unwrap();
        assert_eq!((p.path.as_str(), p.column), ("items", 10));
    }

    #[test]
    fn columns_count_characters_and_offsets_come_back_in_their_order() {
        let text = "{\"é\": 1, \"b\": 2}";
        let b = text.find("\"b\"").unwrap();
        let places = locate(text.as_bytes(), &[Some(b), None, Some(1)]);
        assert_eq!(places[0].as_ref().unwrap().column, 10);
        assert!(places[1].is_none());
        assert_eq!(places[2].as_ref().unwrap().path, "é");
    }

    #[test]
    fn offsets_between_and_inside_tokens_get_where_they_are() {
        let text = "{\"a\": {   \"b\": \"x\\u0041y\"},  \"c\": 1}";
        let inside = text.find("\\u0041").unwrap();
        let between = text.find("   ").unwrap() + 1;
        let after_comma = text.find(",  ").unwrap() + 1;
        let places = locate(
            text.as_bytes(),
            &[Some(between), Some(inside), Some(after_comma)],
        );
        let got: Vec<(String, u64)> = places
            .into_iter()
            .map(|p| p.map(|p| (p.path, p.column)).unwrap())
            .collect();
        assert_eq!(
            got,
            [
                ("a".to_owned(), between as u64 + 1),
                ("a.b".to_owned(), inside as u64 + 1),
                (String::new(), after_comma as u64 + 1)
            ]
        );
    }

    #[test]
    fn text_it_does_not_understand_never_panics() {
        for text in ["", "{", "\"", "{\"a", "[[[", "}}}", "{\"a\":\"\\", "\u{0}"] {
            let _ = locate(text.as_bytes(), &[Some(0), Some(1), Some(100)]);
        }
    }
}
