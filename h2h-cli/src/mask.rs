//! The body as `h2h check` shows it under a finding: its markup kept, its values masked.
//!
//! A finding's excerpt is a line of the body, and a body holds secrets (`token`,
//! `securityCode`, `accessToken`), also in members the server skips, whose values the printed
//! value does not show. So every character of a value that is not whitespace prints as `*`:
//! XML text, CDATA, comments and attribute values (but namespace declarations and `i:nil` /
//! `i:type`, which are the contract's, not the sender's data); JSON strings that are not
//! property names, numbers and comments (`true`, `false` and `null` stay). Each character
//! becomes one character and whitespace stays, so every line and column is the original's.

/// What replaces a masked character.
const MASK: char = '*';

/// `c` masked: whitespace stays (lines and layout), anything else is [`MASK`].
fn masked(c: char) -> char {
    if c.is_whitespace() {
        c
    } else {
        MASK
    }
}

/// An XML body with its text, CDATA, comment, processing-instruction and attribute values
/// masked.
pub fn xml(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let starts = |i: usize, s: &str| {
        s.chars()
            .enumerate()
            .all(|(k, c)| chars.get(i + k) == Some(&c))
    };
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c != '<' {
            out.push(masked(c));
            i += 1;
            continue;
        }
        // A construct from `<` to its end, with the part between `open` and `close` masked.
        let (open, close) = if starts(i, "<!--") {
            ("<!--", "-->")
        } else if starts(i, "<![CDATA[") {
            ("<![CDATA[", "]]>")
        } else if starts(i, "<?") {
            ("<?", "?>")
        } else if starts(i, "<!") {
            ("<!", ">")
        } else {
            i = tag(&chars, i, &mut out);
            continue;
        };
        out.push_str(open);
        i += open.chars().count();
        // The target of a processing instruction and the keyword of a declaration stay.
        if open == "<?" || open == "<!" {
            while let Some(&c) = chars.get(i) {
                if c.is_whitespace() || starts(i, close) {
                    break;
                }
                out.push(c);
                i += 1;
            }
        }
        while let Some(&c) = chars.get(i) {
            if starts(i, close) {
                out.push_str(close);
                i += close.chars().count();
                break;
            }
            out.push(masked(c));
            i += 1;
        }
    }
    out
}

/// Copies the element tag that starts at `chars[start]` (`<`) into `out`, its attribute values
/// masked but for namespace declarations, `nil` and `type`; returns the index after it.
fn tag(chars: &[char], start: usize, out: &mut String) -> usize {
    let mut i = start;
    // The name before the last `=`, to tell which attribute a quoted value belongs to.
    let mut name = String::new();
    let mut attribute = String::new();
    while let Some(&c) = chars.get(i) {
        i += 1;
        match c {
            '"' | '\'' => {
                // Kept only when the value is well-formed: closed, and without `<`, so that an
                // unclosed quote never keeps the rest of the body.
                let value = chars.get(i..).unwrap_or_default();
                let well_formed = value
                    .iter()
                    .position(|&v| v == c)
                    .is_some_and(|end| !value.iter().take(end).any(|&v| v == '<'));
                let keep = well_formed
                    && (attribute == "xmlns"
                        || attribute.starts_with("xmlns:")
                        || matches!(attribute.rsplit(':').next(), Some("nil" | "type")));
                out.push(c);
                while let Some(&v) = chars.get(i) {
                    i += 1;
                    if v == c {
                        break;
                    }
                    out.push(if keep { v } else { masked(v) });
                }
                out.push(c);
                name.clear();
                continue;
            }
            '=' => attribute = std::mem::take(&mut name),
            '>' => {
                out.push(c);
                return i;
            }
            c if c.is_whitespace() || c == '<' || c == '/' => name.clear(),
            c => name.push(c),
        }
        out.push(c);
    }
    i
}

/// A JSON body (also Json.NET's relaxed forms: single quotes, unquoted names, comments) with
/// its values and comments masked.
pub fn json(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    // Whether the token ending before `from` is a property name: a `:` follows it.
    let is_name = |from: usize| {
        chars
            .get(from..)
            .unwrap_or_default()
            .iter()
            .find(|c| !c.is_whitespace())
            == Some(&':')
    };
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        match c {
            '"' | '\'' => {
                let (mut end, mut closed) = (i + 1, false);
                while let Some(&v) = chars.get(end) {
                    end += 1;
                    if v == '\\' {
                        end += 1;
                    } else if v == c {
                        closed = true;
                        break;
                    }
                }
                let end = end.min(chars.len());
                let keep = is_name(end);
                let body = chars.get(i..end).unwrap_or_default();
                for (k, &v) in body.iter().enumerate() {
                    let quote = k == 0 || (closed && k + 1 == body.len());
                    out.push(if keep || quote { v } else { masked(v) });
                }
                i = end;
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                out.push_str("//");
                i += 2;
                while let Some(&v) = chars.get(i) {
                    if v == '\n' {
                        break;
                    }
                    out.push(masked(v));
                    i += 1;
                }
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                out.push_str("/*");
                i += 2;
                while let Some(&v) = chars.get(i) {
                    if v == '*' && chars.get(i + 1) == Some(&'/') {
                        out.push_str("*/");
                        i += 2;
                        break;
                    }
                    out.push(masked(v));
                    i += 1;
                }
            }
            c if c.is_whitespace() || "{}[],:".contains(c) => {
                out.push(c);
                i += 1;
            }
            _ => {
                // A number, a literal or an unquoted name: up to the next delimiter.
                let mut end = i;
                while let Some(&v) = chars.get(end) {
                    if v.is_whitespace() || "{}[],:\"'/".contains(v) {
                        break;
                    }
                    end += 1;
                }
                let end = end.max(i + 1);
                let word: String = chars.get(i..end).unwrap_or_default().iter().collect();
                if is_name(end) || matches!(word.as_str(), "true" | "false" | "null") {
                    out.push_str(&word);
                } else {
                    out.extend(word.chars().map(masked));
                }
                i = end;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{json, xml};

    /// The same number of characters on the same lines.
    fn assert_same_layout(source: &str, masked: &str) {
        let lines = |s: &str| s.split('\n').map(|l| l.chars().count()).collect::<Vec<_>>();
        assert_eq!(lines(source), lines(masked), "{masked}");
    }

    #[test]
    fn xml_values_are_masked_and_markup_kept() {
        let body = "<AuthRequest xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"urn:x\">\n  <token a=\"secret\">t0k én</token>\n  <userID i:nil=\"true\"/><!-- pin 12 --><x><![CDATA[<s>]]></x>\n</AuthRequest>";
        let masked = xml(body);
        assert_eq!(
            masked,
            "<AuthRequest xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"urn:x\">\n  <token a=\"******\">*** **</token>\n  <userID i:nil=\"true\"/><!-- *** ** --><x><![CDATA[***]]></x>\n</AuthRequest>"
        );
        assert_same_layout(body, &masked);
    }

    #[test]
    fn xml_declarations_keep_their_keyword() {
        assert_eq!(
            xml("<?xml version=\"1.0\"?><a/>"),
            "<?xml *************?><a/>"
        );
        assert_eq!(xml("<!DOCTYPE a [x]><a/>"), "<!DOCTYPE * ***><a/>");
    }

    #[test]
    fn unfinished_xml_is_masked_to_its_end() {
        assert_eq!(xml("<a>secret"), "<a>******");
        assert_eq!(xml("<a b=\"secr"), "<a b=\"****\"");
        assert_eq!(xml("<!-- sec"), "<!-- ***");
        // An unclosed namespace declaration keeps nothing after it.
        assert_eq!(
            xml("<a xmlns=\"urn:x><token>secret</token>"),
            format!(
                "<a xmlns=\"{}\"",
                "*".repeat("urn:x><token>secret</token>".len())
            )
        );
    }

    #[test]
    fn json_values_are_masked_and_names_kept() {
        let body = "{\n  \"token\": \"t0k \\\"x\\\"\",\n  \"language\" : 1,\n  \"ok\": [true, null, -1.5e3],\n  'userID': 'u',\n  unquoted: x // note\n  /* pin */\n}";
        let masked = json(body);
        assert_eq!(
            masked,
            "{\n  \"token\": \"*** *****\",\n  \"language\" : *,\n  \"ok\": [true, null, ******],\n  'userID': '*',\n  unquoted: * // ****\n  /* *** */\n}"
        );
        assert_same_layout(body, &masked);
    }

    #[test]
    fn unfinished_json_is_masked_to_its_end() {
        assert_eq!(json("{\"a\": \"secr"), "{\"a\": \"****");
        assert_eq!(json("{\"a\": \"\\"), "{\"a\": \"*");
        assert_eq!(json("{\"a\": \"x\\\""), "{\"a\": \"***");
    }
}
