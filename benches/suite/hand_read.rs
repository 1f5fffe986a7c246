//! The read baselines on quick-xml's `Reader`: a bare event pass (the limit), and a reader a
//! careful engineer writes by hand for these two contracts, with a small namespace resolver of
//! its own (prefixes resolved by URI, `i:nil`, entity references, the positional rule for the
//! two `accessToken` elements of `AuthResponse`). Scalars use the models' own parsers.

use std::borrow::Cow;

use h2h_models::{AuthRequest, AuthResponse, DateTime, Language};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

const XSI: &[u8] = b"http://www.w3.org/2001/XMLSchema-instance";
const MODELS: &[u8] = b"http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models";

type Result<T> = std::result::Result<T, String>;

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Counts the events of a document: the cost of tokenizing alone.
pub fn bare_events(src: &[u8]) -> usize {
    let mut r = Reader::from_reader(src);
    let mut n = 0usize;
    loop {
        match r.read_event() {
            Ok(Event::Eof) => return n,
            Ok(_) => n += 1,
            Err(_) => return usize::MAX,
        }
    }
}

/// Prefix bindings in scope (an empty prefix is the default namespace), innermost last.
#[derive(Default)]
struct Ns<'a> {
    bindings: Vec<(&'a [u8], Cow<'a, [u8]>)>,
    marks: Vec<usize>,
}

impl<'a> Ns<'a> {
    fn resolve(&self, prefix: &[u8]) -> Result<&[u8]> {
        for (p, uri) in self.bindings.iter().rev() {
            if *p == prefix {
                return Ok(uri);
            }
        }
        if prefix.is_empty() {
            Ok(b"")
        } else {
            Err(format!(
                "undeclared prefix {}",
                String::from_utf8_lossy(prefix)
            ))
        }
    }

    /// Opens an element: binds its declarations, returns (namespace is MODELS, local name, nil).
    fn open(&mut self, e: &BytesStart<'a>, src: &'a [u8]) -> Result<(&'a [u8], bool)> {
        self.marks.push(self.bindings.len());
        let mut nil_attr: Option<(&'a [u8], bool)> = None;
        for attr in e.attributes() {
            let attr = attr.map_err(err)?;
            let key = subslice(src, attr.key.as_ref());
            let value = match attr.value {
                Cow::Borrowed(v) => Cow::Borrowed(subslice(src, v)),
                Cow::Owned(v) => Cow::Owned(v),
            };
            if key == b"xmlns" {
                self.bindings.push((b"", value));
            } else if let Some(p) = key.strip_prefix(b"xmlns:") {
                self.bindings.push((p, value));
            } else if let Some(p) = key.strip_suffix(b":nil") {
                nil_attr = Some((p, &*value == b"true"));
            }
        }
        let nil = match nil_attr {
            Some((p, v)) => self.resolve(p)? == XSI && v,
            None => false,
        };
        let name = subslice(src, e.name().as_ref());
        let (prefix, local) = match name.iter().position(|&b| b == b':') {
            Some(i) => (&name[..i], &name[i + 1..]),
            None => (&b""[..], name),
        };
        if self.resolve(prefix)? != MODELS {
            return Err(format!(
                "{} is not in the models' namespace",
                String::from_utf8_lossy(name)
            ));
        }
        Ok((local, nil))
    }

    fn close(&mut self) {
        if let Some(m) = self.marks.pop() {
            self.bindings.truncate(m);
        }
    }
}

/// The same bytes as a slice of the source (the slice reader borrows names from it).
fn subslice<'a>(src: &'a [u8], part: &[u8]) -> &'a [u8] {
    let start = (part.as_ptr() as usize).wrapping_sub(src.as_ptr() as usize);
    &src[start..start + part.len()]
}

/// The text of an element whose start tag was read, through its end tag.
fn text(r: &mut Reader<&[u8]>) -> Result<String> {
    let mut out = String::new();
    loop {
        match r.read_event().map_err(err)? {
            Event::Text(t) => out.push_str(&t.unescape().map_err(err)?),
            Event::End(_) => return Ok(out),
            _ => return Err("unexpected content".into()),
        }
    }
}

enum Child<'a> {
    Member(&'a [u8], bool, bool),
    End,
}

fn next_child<'a>(r: &mut Reader<&'a [u8]>, ns: &mut Ns<'a>, src: &'a [u8]) -> Result<Child<'a>> {
    loop {
        match r.read_event().map_err(err)? {
            Event::Start(e) => {
                let (local, nil) = ns.open(&e, src)?;
                return Ok(Child::Member(local, nil, false));
            }
            Event::Empty(e) => {
                let (local, nil) = ns.open(&e, src)?;
                ns.close();
                return Ok(Child::Member(local, nil, true));
            }
            Event::End(_) => {
                ns.close();
                return Ok(Child::End);
            }
            Event::Text(t) if t.iter().all(u8::is_ascii_whitespace) => {}
            Event::Comment(_) => {}
            _ => return Err("unexpected content".into()),
        }
    }
}

fn string_member(
    r: &mut Reader<&[u8]>,
    ns: &mut Ns<'_>,
    nil: bool,
    empty: bool,
) -> Result<Option<String>> {
    if empty {
        return Ok((!nil).then(String::new));
    }
    let t = text(r)?;
    ns.close();
    Ok((!nil).then_some(t))
}

fn root<'a>(r: &mut Reader<&'a [u8]>, ns: &mut Ns<'a>, src: &'a [u8], name: &[u8]) -> Result<()> {
    loop {
        match r.read_event().map_err(err)? {
            Event::Start(e) => {
                let (local, _) = ns.open(&e, src)?;
                return if local == name {
                    Ok(())
                } else {
                    Err("wrong root".into())
                };
            }
            Event::Decl(_) | Event::Comment(_) => {}
            Event::Text(t) if t.iter().all(u8::is_ascii_whitespace) => {}
            _ => return Err("no root".into()),
        }
    }
}

/// Reads an `AuthRequest` document.
pub fn auth_request(src: &[u8]) -> Result<AuthRequest> {
    let mut r = Reader::from_reader(src);
    let mut ns = Ns::default();
    root(&mut r, &mut ns, src, b"AuthRequest")?;
    let mut v = AuthRequest {
        user_id: None,
        access_token: None,
        token: None,
        security_code: None,
        language: Language::Unknown(0),
    };
    while let Child::Member(local, nil, empty) = next_child(&mut r, &mut ns, src)? {
        match local {
            b"accessToken" => v.access_token = string_member(&mut r, &mut ns, nil, empty)?,
            b"userID" => v.user_id = string_member(&mut r, &mut ns, nil, empty)?,
            b"securityCode" => v.security_code = string_member(&mut r, &mut ns, nil, empty)?,
            b"token" => v.token = string_member(&mut r, &mut ns, nil, empty)?,
            b"language" => {
                let t = string_member(&mut r, &mut ns, nil, empty)?.ok_or("nil language")?;
                v.language = match t.as_str() {
                    "ID" => Language::Id,
                    _ => return Err("unknown language".into()),
                };
            }
            _ => return Err("unknown member".into()),
        }
    }
    Ok(v)
}

fn response_members<'a>(
    r: &mut Reader<&'a [u8]>,
    ns: &mut Ns<'a>,
    src: &'a [u8],
) -> Result<AuthResponse> {
    let mut v = AuthResponse::default();
    let mut base_token_seen = false;
    while let Child::Member(local, nil, empty) = next_child(r, ns, src)? {
        match local {
            b"accessToken" if !base_token_seen => {
                base_token_seen = true;
                v.base_access_token = string_member(r, ns, nil, empty)?;
            }
            b"accessToken" => v.access_token = string_member(r, ns, nil, empty)?,
            b"respMessage" => v.resp_message = string_member(r, ns, nil, empty)?,
            b"status" => v.status = string_member(r, ns, nil, empty)?,
            b"userID" => v.user_id = string_member(r, ns, nil, empty)?,
            b"respTime" => {
                let t = string_member(r, ns, nil, empty)?.ok_or("nil respTime")?;
                v.resp_time = DateTime::parse_xml(&t).map_err(err)?;
            }
            _ => return Err("unknown member".into()),
        }
    }
    Ok(v)
}

/// Reads an `AuthResponse` document.
pub fn auth_response(src: &[u8]) -> Result<AuthResponse> {
    let mut r = Reader::from_reader(src);
    let mut ns = Ns::default();
    root(&mut r, &mut ns, src, b"AuthResponse")?;
    response_members(&mut r, &mut ns, src)
}

/// Reads an `ArrayOfAuthResponse` document.
pub fn auth_response_list(src: &[u8]) -> Result<Vec<AuthResponse>> {
    let mut r = Reader::from_reader(src);
    let mut ns = Ns::default();
    root(&mut r, &mut ns, src, b"ArrayOfAuthResponse")?;
    let mut items = Vec::new();
    while let Child::Member(local, _, empty) = next_child(&mut r, &mut ns, src)? {
        if local != b"AuthResponse" || empty {
            return Err("not an AuthResponse".into());
        }
        items.push(response_members(&mut r, &mut ns, src)?);
    }
    Ok(items)
}
