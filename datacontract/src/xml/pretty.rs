//! The help page's XML layout: `XDocument.Parse(xml).ToString()`, that is two-space indentation,
//! one element per line, text-only elements on one line, no declaration.

use quick_xml::events::Event;

use super::error::{Error, ErrorKind};

/// Re-indents a compact DCS document.
pub fn indent(compact: &str) -> Result<String, Error> {
    let mut reader = quick_xml::Reader::from_str(compact);
    reader.config_mut().trim_text(false);
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    // A start tag whose content is not known yet: text keeps it on one line.
    let mut pending_start: Option<String> = None;
    let mut text_inline = false;
    let bad = |e: quick_xml::Error| Error::new(ErrorKind::Syntax, e.to_string());
    loop {
        match reader.read_event().map_err(bad)? {
            Event::Start(e) => {
                if let Some(tag) = pending_start.take() {
                    line(&mut out, depth - 1, &tag);
                }
                pending_start = Some(format!("<{}>", String::from_utf8_lossy(&e)));
                text_inline = false;
                depth += 1;
            }
            Event::Empty(e) => {
                if let Some(tag) = pending_start.take() {
                    line(&mut out, depth - 1, &tag);
                }
                // XDocument always writes an empty element as `<x />`.
                let tag = String::from_utf8_lossy(&e);
                line(&mut out, depth, &format!("<{} />", tag.trim_end()));
            }
            Event::Text(t) => {
                let text = String::from_utf8_lossy(&t).into_owned();
                // XDocument.Parse drops whitespace-only text (`<x>  </x>` prints as `<x></x>`).
                // (Text that does not unescape is kept: it is not whitespace.)
                let unescaped = t
                    .unescape()
                    .map_or_else(|_| "x".to_owned(), |u| u.into_owned());
                if unescaped
                    .chars()
                    .all(|c| matches!(c, ' ' | '\t' | '\r' | '\n'))
                {
                    continue;
                }
                match pending_start.take() {
                    Some(tag) => {
                        line(&mut out, depth - 1, &tag);
                        out.push_str(&text);
                        text_inline = true;
                    }
                    None => out.push_str(&text),
                }
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                let end = format!("</{}>", String::from_utf8_lossy(&e));
                if let Some(tag) = pending_start.take() {
                    // `<x></x>`: XDocument keeps an empty element written with an end tag.
                    line(&mut out, depth, &tag);
                    out.push_str(&end);
                } else if text_inline {
                    out.push_str(&end);
                } else {
                    line(&mut out, depth, &end);
                }
                text_inline = false;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

fn line(out: &mut String, depth: usize, content: &str) {
    if !out.is_empty() {
        out.push('\n');
    }
    for _ in 0..depth {
        out.push_str("  ");
    }
    out.push_str(content);
}
