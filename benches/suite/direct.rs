//! The write limit: what a careful engineer writes by hand with no XML library. Constant,
//! pre-rendered tags; one reservation; a word-at-a-time check before escaping; DCS's escaping
//! in full (markup, line breaks as `\r\n`, control characters and U+FFFE/U+FFFF as character
//! references). Scalars use the same text functions as the models (`DateTime::write_xml`), so
//! the comparison measures the XML machinery, not date formatting.

use h2h_models::{AuthRequest, AuthResponse, Language};

const ROOT_ATTRS: &[u8] = b" xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models\">";

/// Bytes that need a look: `<`, `>`, `&`, controls (tab too, cheaply rechecked) and 0xEF (the
/// lead byte of U+FFFE/U+FFFF), eight bytes at a time.
#[inline]
fn word_needs_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    #[inline]
    fn has_byte(w: u64, b: u8) -> u64 {
        let x = w ^ (ONES * u64::from(b));
        x.wrapping_sub(ONES) & !x & HIGH
    }
    let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
    (below_space | has_byte(w, b'<') | has_byte(w, b'>') | has_byte(w, b'&') | has_byte(w, 0xEF))
        != 0
}

#[inline]
fn needs_escape(bytes: &[u8]) -> bool {
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        if word_needs_escape(u64::from_le_bytes(word)) {
            return true;
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&b| matches!(b, b'<' | b'>' | b'&' | 0xEF) || b < 0x20)
}

#[inline(never)]
fn escape_slow(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'<' => out.extend_from_slice(b"&lt;"),
            b'>' => out.extend_from_slice(b"&gt;"),
            b'&' => out.extend_from_slice(b"&amp;"),
            b'\r' => {
                out.extend_from_slice(b"\r\n");
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\n' => out.extend_from_slice(b"\r\n"),
            b'\t' => out.push(b),
            0xEF if bytes.get(i + 1) == Some(&0xBF)
                && matches!(bytes.get(i + 2), Some(0xBE | 0xBF)) =>
            {
                out.extend_from_slice(if bytes[i + 2] == 0xBE {
                    b"&#xFFFE;"
                } else {
                    b"&#xFFFF;"
                });
                i += 2;
            }
            c if c < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.extend_from_slice(b"&#x");
                if c >= 0x10 {
                    out.push(HEX[usize::from(c >> 4)]);
                }
                out.push(HEX[usize::from(c & 0xF)]);
                out.push(b';');
            }
            _ => out.push(b),
        }
        i += 1;
    }
}

#[inline]
fn text(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    if needs_escape(bytes) {
        escape_slow(out, bytes);
    } else {
        out.extend_from_slice(bytes);
    }
}

#[inline]
fn member(out: &mut Vec<u8>, open: &[u8], close: &[u8], nil: &[u8], value: &Option<String>) {
    match value {
        Some(s) => {
            out.extend_from_slice(open);
            text(out, s);
            out.extend_from_slice(close);
        }
        None => out.extend_from_slice(nil),
    }
}

fn len(value: &Option<String>) -> usize {
    value.as_ref().map_or(0, String::len)
}

/// `<AuthRequest …>` as DCS writes it.
pub fn auth_request(v: &AuthRequest) -> Vec<u8> {
    let mut out = Vec::with_capacity(
        400 + len(&v.access_token) + len(&v.user_id) + len(&v.security_code) + len(&v.token),
    );
    out.extend_from_slice(b"<AuthRequest");
    out.extend_from_slice(ROOT_ATTRS);
    member(
        &mut out,
        b"<accessToken>",
        b"</accessToken>",
        b"<accessToken i:nil=\"true\" />",
        &v.access_token,
    );
    member(
        &mut out,
        b"<userID>",
        b"</userID>",
        b"<userID i:nil=\"true\" />",
        &v.user_id,
    );
    match v.language {
        Language::Id => out.extend_from_slice(b"<language>ID</language>"),
        Language::Unknown(_) => panic!("an unnamed enum value has no XML form"),
    }
    member(
        &mut out,
        b"<securityCode>",
        b"</securityCode>",
        b"<securityCode i:nil=\"true\" />",
        &v.security_code,
    );
    member(
        &mut out,
        b"<token>",
        b"</token>",
        b"<token i:nil=\"true\" />",
        &v.token,
    );
    out.extend_from_slice(b"</AuthRequest>");
    out
}

fn response_len(v: &AuthResponse) -> usize {
    260 + len(&v.base_access_token)
        + len(&v.resp_message)
        + len(&v.status)
        + len(&v.user_id)
        + len(&v.access_token)
}

fn response_members(out: &mut Vec<u8>, v: &AuthResponse) {
    member(
        out,
        b"<accessToken>",
        b"</accessToken>",
        b"<accessToken i:nil=\"true\" />",
        &v.base_access_token,
    );
    member(
        out,
        b"<respMessage>",
        b"</respMessage>",
        b"<respMessage i:nil=\"true\" />",
        &v.resp_message,
    );
    out.extend_from_slice(b"<respTime>");
    v.resp_time.write_xml(out);
    out.extend_from_slice(b"</respTime>");
    member(
        out,
        b"<status>",
        b"</status>",
        b"<status i:nil=\"true\" />",
        &v.status,
    );
    member(
        out,
        b"<userID>",
        b"</userID>",
        b"<userID i:nil=\"true\" />",
        &v.user_id,
    );
    member(
        out,
        b"<accessToken>",
        b"</accessToken>",
        b"<accessToken i:nil=\"true\" />",
        &v.access_token,
    );
}

/// `<AuthResponse …>` as DCS writes it.
pub fn auth_response(v: &AuthResponse) -> Vec<u8> {
    let mut out = Vec::with_capacity(response_len(v) + 160);
    out.extend_from_slice(b"<AuthResponse");
    out.extend_from_slice(ROOT_ATTRS);
    response_members(&mut out, v);
    out.extend_from_slice(b"</AuthResponse>");
    out
}

/// `<ArrayOfAuthResponse …>` as DCS writes it (one reservation for the whole list).
pub fn auth_response_list(items: &[AuthResponse]) -> Vec<u8> {
    let total: usize = items.iter().map(response_len).sum();
    let mut out = Vec::with_capacity(total + 200);
    out.extend_from_slice(b"<ArrayOfAuthResponse");
    out.extend_from_slice(ROOT_ATTRS);
    for v in items {
        out.extend_from_slice(b"<AuthResponse>");
        response_members(&mut out, v);
        out.extend_from_slice(b"</AuthResponse>");
    }
    out.extend_from_slice(b"</ArrayOfAuthResponse>");
    out
}

/// The floor: allocate and copy the finished document.
pub fn alloc_copy(doc: &[u8]) -> Vec<u8> {
    doc.to_vec()
}
