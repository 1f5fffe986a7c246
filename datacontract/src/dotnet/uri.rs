//! `System.Uri`: Json.NET writes the original string, DataContractSerializer the escaped
//! form of an absolute URI.

use core::fmt;

use super::error::ValueError;
use super::json::JsonScalar;
use super::{FromJson, XmlText};

/// A .NET `Uri` as the serializers see it: the string it was made from (`OriginalString`),
/// absolute (with a scheme) or relative.
///
/// No validation is done: .NET's `new Uri(s, UriKind.RelativeOrAbsolute)` rejects some
/// strings (an `http:` URI without a host, for one) that are kept here as they are.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Uri {
    original: String,
}

impl Uri {
    /// A URI from its string (kept as the `OriginalString`).
    pub fn new(original: impl Into<String>) -> Uri {
        Uri {
            original: original.into(),
        }
    }

    /// The original string: what Json.NET writes (corpus `misc-bytes-guid-timespan-uri`:
    /// `"https://example.com/a b/?x=1&y=é"`), to be escaped as any JSON string.
    pub fn as_str(&self) -> &str {
        &self.original
    }

    /// The original string, owned.
    pub fn into_string(self) -> String {
        self.original
    }

    /// Whether the string starts with a scheme (`letter *(letter / digit / + / - / .) :`) of at
    /// least two characters. A Windows drive path (`C:\x`, which .NET turns into a `file:` URI)
    /// and UNC paths count as relative here.
    pub fn is_absolute(&self) -> bool {
        scheme_len(&self.original).is_some()
    }

    /// Writes the text DataContractSerializer writes (`GetComponents(SerializationInfoString,
    /// UriEscaped)`), before XML escaping. For an absolute URI: scheme and host lowercased, a
    /// default port (80, 443, 21) dropped, an empty path after an authority written `/`, `\`
    /// turned into `/` and `.`/`..` segments removed in the path of `http`, `https`, `ftp`,
    /// `file`, `ws`, `wss` URIs, and everything escaped as described below. For a relative URI:
    /// the string escaped only.
    ///
    /// Escaping (.NET `UriHelper.EscapeString`): characters other than letters, digits,
    /// `-._~`, the reserved `:/?#[]@!$&'()*+,;=` and `%` followed by two hex digits become
    /// `%XX` of their UTF-8 bytes (uppercase hex): `https://example.com/a b/?x=1&y=é` →
    /// `https://example.com/a%20b/?x=1&y=%C3%A9` (corpus `misc-bytes-guid-timespan-uri`).
    /// Not reproduced: .NET's IDN/punycode handling of non-ASCII host names (escaped here) and
    /// its unescaping of `%XX` that encode unreserved characters (kept here).
    pub fn write_xml(&self, out: &mut Vec<u8>) {
        let s = self.original.as_str();
        let Some(len) = scheme_len(s) else {
            escape_into(s, out);
            return;
        };
        let (scheme, rest) = s.split_at(len);
        let rest = rest.get(1..).unwrap_or("");
        out.extend(scheme.bytes().map(|b| b.to_ascii_lowercase()));
        out.push(b':');
        let lower = scheme.to_ascii_lowercase();
        let hierarchical = matches!(
            lower.as_str(),
            "http" | "https" | "ftp" | "file" | "ws" | "wss"
        );
        let Some(after_slashes) = rest.strip_prefix("//") else {
            escape_into(rest, out);
            return;
        };
        let authority_end = after_slashes
            .find(|c| matches!(c, '/' | '?' | '#') || (hierarchical && c == '\\'))
            .unwrap_or(after_slashes.len());
        let (authority, tail) = after_slashes.split_at(authority_end);
        out.extend_from_slice(b"//");
        write_authority(authority, &lower, out);
        // .NET's ftp scheme has no query: a `?` belongs to the path and is escaped (`%3F`).
        let path_end = if lower == "ftp" {
            tail.find('#').unwrap_or(tail.len())
        } else {
            tail.find(['?', '#']).unwrap_or(tail.len())
        };
        let (path, suffix) = tail.split_at(path_end);
        let escaped_query;
        let path = if lower == "ftp" && path.contains('?') {
            escaped_query = path.replace('?', "%3F");
            escaped_query.as_str()
        } else {
            path
        };
        if hierarchical {
            let path = path.replace('\\', "/");
            if path.is_empty() {
                out.push(b'/');
            } else {
                // An ftp path may start with the escaped `?` (`ftp://host?x` is `ftp://host/%3Fx`).
                if !path.starts_with('/') {
                    out.push(b'/');
                }
                escape_into(&remove_dot_segments(&path), out);
            }
        } else {
            escape_into(path, out);
        }
        escape_into(suffix, out);
    }

    /// Reads a `Uri` element: DataContractSerializer makes `new Uri(text,
    /// UriKind.RelativeOrAbsolute)`, whose original string is the text as read (the escaped
    /// form, corpus `misc-bytes-guid-timespan-uri`). Never fails here (see [`Uri`]).
    pub fn parse_xml(text: &str) -> Result<Uri, ValueError> {
        Ok(Uri::new(text))
    }
}

impl fmt::Display for Uri {
    /// The original string.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.original)
    }
}

impl From<String> for Uri {
    fn from(s: String) -> Uri {
        Uri::new(s)
    }
}

impl From<&str> for Uri {
    fn from(s: &str) -> Uri {
        Uri::new(s)
    }
}

impl XmlText for Uri {
    const DOTNET_NAME: &'static str = "Uri";

    /// The escaped form (see [`Uri::write_xml`]).
    fn write_xml(&self, out: &mut Vec<u8>) {
        Uri::write_xml(self, out);
    }

    /// The text as it is (see [`Uri::parse_xml`]).
    fn parse_xml(text: &str) -> Result<Self, ValueError> {
        Uri::parse_xml(text)
    }
}

impl FromJson for Uri {
    /// A JSON string, kept as the original string.
    fn from_json(value: JsonScalar<'_>) -> Result<Self, ValueError> {
        match value {
            JsonScalar::String(s) => Ok(Uri::new(s)),
            JsonScalar::Null => Err(ValueError::null("Uri")),
            other => Err(ValueError::token("Uri", other.token_name())),
        }
    }
}

/// Length of the scheme when `s` starts with one of two or more characters followed by `:`.
fn scheme_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if !b.first()?.is_ascii_alphabetic() {
        return None;
    }
    let len = b
        .iter()
        .position(|&c| !(c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.')))?;
    (len >= 2 && b.get(len) == Some(&b':')).then_some(len)
}

/// Writes `[userinfo@]host[:port]` with the host lowercased and a default port removed.
fn write_authority(authority: &str, scheme: &str, out: &mut Vec<u8>) {
    let (userinfo, host_port) = match authority.rfind('@') {
        Some(i) => authority.split_at(i + 1),
        None => ("", authority),
    };
    escape_into(userinfo, out);
    // A port is the digits after the last ':' outside an IPv6 literal.
    let (host, port) = match host_port.rfind(':') {
        Some(i) if !host_port.get(i..).unwrap_or("").contains(']') => {
            let (h, p) = host_port.split_at(i);
            (h, p.get(1..).unwrap_or(""))
        }
        _ => (host_port, ""),
    };
    // Lowercased, except the hex digits of `%XX` escapes (uppercase, as `escape_into` writes
    // them), so that writing the written text again gives the same text.
    let mut lowered = String::with_capacity(host.len());
    let mut chars = host.chars();
    while let Some(c) = chars.next() {
        let rest = chars.as_str().as_bytes();
        if c == '%' && rest.len() >= 2 && rest[..2].iter().all(u8::is_ascii_hexdigit) {
            lowered.push('%');
            for _ in 0..2 {
                lowered.extend(chars.next().map(|h| h.to_ascii_uppercase()));
            }
        } else {
            lowered.push(c.to_ascii_lowercase());
        }
    }
    escape_into(&lowered, out);
    let default_port = match scheme {
        "http" | "ws" => "80",
        "https" | "wss" => "443",
        "ftp" => "21",
        _ => "",
    };
    if !port.is_empty() && port != default_port {
        out.push(b':');
        escape_into(port, out);
    }
}

/// RFC 3986 §5.2.4 `remove_dot_segments`, step by step as the RFC states it (empty segments
/// are kept: `//a/..` is `//`, as .NET writes it).
fn remove_dot_segments(path: &str) -> String {
    let mut input = path;
    let mut output = String::with_capacity(path.len());
    let pop_segment = |output: &mut String| match output.rfind('/') {
        Some(i) => output.truncate(i),
        None => output.clear(),
    };
    let mut buffer;
    while !input.is_empty() {
        if let Some(rest) = input
            .strip_prefix("../")
            .or_else(|| input.strip_prefix("./"))
        {
            input = rest;
        } else if input.starts_with("/./") || input == "/." {
            buffer = format!("/{}", input.get(3..).unwrap_or(""));
            input = &buffer;
        } else if input.starts_with("/../") || input == "/.." {
            pop_segment(&mut output);
            buffer = format!("/{}", input.get(4..).unwrap_or(""));
            input = &buffer;
        } else if input == "." || input == ".." {
            input = "";
        } else {
            let start = usize::from(input.starts_with('/'));
            let end = input
                .get(start..)
                .and_then(|r| r.find('/'))
                .map_or(input.len(), |i| i + start);
            output.push_str(input.get(..end).unwrap_or(""));
            input = input.get(end..).unwrap_or("");
        }
    }
    output
}

fn is_kept(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b)
}

/// Escapes as .NET's `UriHelper.EscapeString(…, isUriString: true, rsvd: '%')`.
fn escape_into(s: &str, out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let keep = if c == b'%' {
            b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit)
        } else {
            is_kept(c)
        };
        if keep {
            out.push(c);
        } else {
            out.push(b'%');
            out.push(HEX.get(usize::from(c >> 4)).copied().unwrap_or(b'0'));
            out.push(HEX.get(usize::from(c & 0xf)).copied().unwrap_or(b'0'));
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xml(s: &str) -> String {
        let mut out = Vec::new();
        Uri::new(s).write_xml(&mut out);
        String::from_utf8(out).unwrap()
    }

    /// Found by fuzzing (`corpus_contracts`): an escape in the host was lowercased on the
    /// second write. (.NET refuses such a host; we keep the text, see [`Uri`].)
    #[test]
    fn writing_the_written_host_again_gives_the_same_text() {
        for s in [
            "http://ex\u{c}ample.com/",
            "http://EX%41MPLE.com/a",
            "https://a%0cB[x] y/",
        ] {
            let once = xml(s);
            assert_eq!(xml(&once), once, "{s}");
        }
        assert_eq!(xml("http://EX%4aMPLE.com/"), "http://ex%4Ample.com/");
    }

    #[test]
    fn corpus_uris() {
        // corpus misc-bytes-guid-timespan-uri: value.xml (before XML escaping of &) and value.json
        let abs = Uri::new("https://example.com/a b/?x=1&y=\u{e9}");
        assert!(abs.is_absolute());
        assert_eq!(xml(abs.as_str()), "https://example.com/a%20b/?x=1&y=%C3%A9");
        assert_eq!(abs.as_str(), "https://example.com/a b/?x=1&y=é");
        let rel = Uri::new("/path/x?y=1");
        assert!(!rel.is_absolute());
        assert_eq!(xml(rel.as_str()), "/path/x?y=1");
        // reading the XML back gives the escaped string as the original
        let back = Uri::parse_xml("https://example.com/a%20b/?x=1&y=%C3%A9").unwrap();
        assert_eq!(back.as_str(), "https://example.com/a%20b/?x=1&y=%C3%A9");
        assert_eq!(
            xml(back.as_str()),
            "https://example.com/a%20b/?x=1&y=%C3%A9"
        );
    }

    #[test]
    fn normalization() {
        assert_eq!(xml("HTTP://Example.COM"), "http://example.com/");
        assert_eq!(xml("http://example.com:80/x"), "http://example.com/x");
        assert_eq!(
            xml("https://example.com:8443/x"),
            "https://example.com:8443/x"
        );
        assert_eq!(
            xml("http://example.com/a/./b/../c"),
            "http://example.com/a/c"
        );
        assert_eq!(xml("http://example.com/a/.."), "http://example.com/");
        assert_eq!(xml("http://example.com/../a"), "http://example.com/a");
        assert_eq!(xml("http://example.com\\a\\b"), "http://example.com/a/b");
        assert_eq!(xml("http://u:p@Host/"), "http://u:p@host/");
        assert_eq!(xml("http://[::1]:8080/"), "http://[::1]:8080/");
        assert_eq!(
            xml("http://example.com/?q=a b#f g"),
            "http://example.com/?q=a%20b#f%20g"
        );
        assert_eq!(xml("http://example.com/100%"), "http://example.com/100%25");
        assert_eq!(xml("http://example.com/%7e"), "http://example.com/%7e");
        assert_eq!(xml("mailto:A B@example.com"), "mailto:A%20B@example.com");
        assert_eq!(xml("urn:x:{y}"), "urn:x:%7By%7D");
        assert_eq!(xml("a b/c"), "a%20b/c");
        assert_eq!(xml("C:\\x"), "C:%5Cx");
        assert_eq!(xml(""), "");
        assert!(!Uri::new("c:/x").is_absolute());
        assert!(!Uri::new("1a:/x").is_absolute());
        assert!(Uri::new("a1+.-:x").is_absolute());
        assert_eq!(
            Uri::from_json(JsonScalar::String("x y"))
                .unwrap()
                .to_string(),
            "x y"
        );
        assert!(Uri::from_json(JsonScalar::Number("1")).is_err());
    }
}

#[cfg(test)]
mod ftp_tests {
    use super::*;

    #[test]
    fn ftp_has_no_query() {
        // What DCS writes (Mono differential suite): `?` is part of an ftp path.
        for (input, want) in [
            ("ftp://example.com?x=1", "ftp://example.com/%3Fx=1"),
            (
                "ftp://localhost:443?x=1#top",
                "ftp://localhost:443/%3Fx=1#top",
            ),
            ("ftp://example.com/a?b", "ftp://example.com/a%3Fb"),
            ("http://example.com//a/..", "http://example.com//"),
            ("http://example.com/a/./b/../c", "http://example.com/a/c"),
        ] {
            let mut out = Vec::new();
            Uri::new(input).write_xml(&mut out);
            assert_eq!(String::from_utf8(out).unwrap(), want);
        }
    }
}
