//! The help page's XML layout: `XDocument.Parse(xml).ToString()`, that is two-space indentation,
//! one element per line, text-only elements on one line, no declaration.

use super::error::{Error, ErrorKind};
use super::scan::{Scanner, Span, Token};

/// Re-indents a compact DCS document.
pub fn indent(compact: &str) -> Result<String, Error> {
    let src = compact.as_bytes();
    let text_of = |span: Span| String::from_utf8_lossy(span.of(src)).into_owned();
    let mut scanner = Scanner::new(src);
    let mut out = String::with_capacity(compact.len() * 2);
    // The names of the open elements (an end tag must repeat its start tag's).
    let mut open: Vec<Span> = Vec::new();
    // A start tag whose content is not known yet: text keeps it on one line.
    let mut pending_start: Option<String> = None;
    let mut text_inline = false;
    let syntax = |message: String| Error::new(ErrorKind::Syntax, message);
    loop {
        let token = scanner
            .next_token()
            .map_err(|e| syntax(format!("{} (at byte {})", e.message, e.offset)))?;
        match token {
            Token::Start {
                name,
                attributes,
                empty,
            } => {
                if let Some(tag) = pending_start.take() {
                    line(&mut out, open.len().saturating_sub(1), &tag);
                }
                let content = text_of(Span {
                    start: name.start,
                    end: attributes.end,
                });
                if empty {
                    // XDocument always writes an empty element as `<x />`.
                    line(&mut out, open.len(), &format!("<{} />", content.trim_end()));
                } else {
                    pending_start = Some(format!("<{content}>"));
                    text_inline = false;
                    open.push(name);
                }
            }
            Token::Text { text, .. } => {
                // XDocument.Parse drops whitespace-only text (`<x>  </x>` prints as `<x></x>`).
                // (Text that does not decode is kept: it is not whitespace.)
                let blank = super::reader::decode_text(text.of(src), true)
                    .is_ok_and(|t| t.chars().all(|c| matches!(c, ' ' | '\t' | '\r' | '\n')));
                if blank {
                    continue;
                }
                let text = text_of(text);
                match pending_start.take() {
                    Some(tag) => {
                        line(&mut out, open.len().saturating_sub(1), &tag);
                        out.push_str(&text);
                        text_inline = true;
                    }
                    None => out.push_str(&text),
                }
            }
            Token::End { name } => {
                let started = open.pop().map(|s| s.of(src));
                if started != Some(name.of(src)) {
                    return Err(syntax(format!(
                        "the end tag `</{}>` closes no element of its name",
                        text_of(name)
                    )));
                }
                let depth = open.len();
                let end = format!("</{}>", text_of(name));
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
            Token::Eof => break,
            Token::CData { .. }
            | Token::Comment
            | Token::Decl { .. }
            | Token::Pi
            | Token::DocType => {}
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
