//! Comparisons of documents for the rivals that cannot write our exact bytes: the same infoset
//! (elements, expanded names, attributes, texts and each element's namespace declarations, in
//! any attribute order and either spelling of an empty element), or the same namespace-aware
//! content (the same without the declarations, which may then be on other elements).

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

fn ns(r: ResolveResult<'_>) -> String {
    match r {
        ResolveResult::Bound(n) => String::from_utf8_lossy(n.as_ref()).into_owned(),
        ResolveResult::Unbound => String::new(),
        ResolveResult::Unknown(p) => panic!("unbound prefix {}", String::from_utf8_lossy(&p)),
    }
}

fn start(r: &NsReader<&[u8]>, e: &BytesStart<'_>, declarations: bool, out: &mut Vec<String>) {
    let (n, local) = r.resolve_element(e.name());
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.expect("a well-formed attribute");
        let value = a
            .unescape_value()
            .expect("a well-formed value")
            .into_owned();
        let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        if key == "xmlns" || key.starts_with("xmlns:") {
            if declarations {
                attrs.push(format!("{key}={value}"));
            }
            continue;
        }
        let (an, alocal) = r.resolve_attribute(a.key);
        let alocal = String::from_utf8_lossy(alocal.as_ref()).into_owned();
        attrs.push(format!("{{{}}}{alocal}={value}", ns(an)));
    }
    attrs.sort();
    let local = String::from_utf8_lossy(local.as_ref()).into_owned();
    out.push(format!("<{{{}}}{local} {attrs:?}", ns(n)));
}

fn content(doc: &str, declarations: bool) -> Vec<String> {
    let mut r = NsReader::from_reader(doc.as_bytes());
    let mut out = Vec::new();
    loop {
        match r.read_event().expect("a well-formed document") {
            Event::Start(e) => start(&r, &e, declarations, &mut out),
            Event::Empty(e) => {
                start(&r, &e, declarations, &mut out);
                out.push("/>".into());
            }
            Event::End(_) => out.push("/>".into()),
            Event::Text(t) => out.push(format!("text {}", t.unescape().unwrap())),
            Event::Eof => break,
            e => out.push(format!("{e:?}")),
        }
    }
    out
}

/// The same infoset: only the attributes' order and empty elements' spelling may differ.
pub fn same_infoset(a: &str, b: &str) -> bool {
    content(a, true) == content(b, true)
}

/// The same elements, expanded names, attributes and texts; namespace declarations ignored.
pub fn same_namespaced(a: &str, b: &str) -> bool {
    content(a, false) == content(b, false)
}
