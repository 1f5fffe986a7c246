//! The HTML of a help page (as the ASP.NET Web API Help Page template renders it, or as a
//! browser saves it) turned into the flat block stream of [`super::blocks`]. The parsing is
//! html5ever's, through `scraper`: every named and numeric character reference, implied end tags
//! (`<p>`, `<td>`, `<li>` left open), void elements and raw-text elements as the HTML standard says.

use scraper::{ElementRef, Html, Node};

use super::blocks::{Block, Cell, Table};

/// An element's tag name (lower case, as html5ever gives it).
fn tag<'a>(e: &ElementRef<'a>) -> &'a str {
    e.value().name()
}

fn attr<'a>(e: &ElementRef<'a>, name: &str) -> Option<&'a str> {
    e.value().attr(name)
}

fn has_class(e: &ElementRef<'_>, class: &str) -> bool {
    attr(e, "class").is_some_and(|c| c.split_whitespace().any(|c| c == class))
}

/// The text of the subtree, references decoded, not collapsed; `<br>` as a newline.
fn raw_text(e: &ElementRef<'_>, out: &mut String) {
    for child in e.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(_) => {
                let Some(c) = ElementRef::wrap(child) else {
                    continue;
                };
                if tag(&c) == "br" {
                    out.push('\n');
                } else if !matches!(tag(&c), "script" | "style" | "template") {
                    raw_text(&c, out);
                }
            }
            _ => {}
        }
    }
}

fn text(e: &ElementRef<'_>) -> String {
    let mut s = String::new();
    raw_text(e, &mut s);
    collapse(&s)
}

/// The elements named `name` under `e`, outermost only (a match's own subtree is not searched).
fn find_all<'a>(e: &ElementRef<'a>, name: &str, out: &mut Vec<ElementRef<'a>>) {
    for c in e.child_elements() {
        if tag(&c) == name {
            out.push(c);
        } else {
            find_all(&c, name, out);
        }
    }
}

fn contains_tag(e: &ElementRef<'_>, name: &str) -> bool {
    e.descendent_elements().skip(1).any(|d| tag(&d) == name)
}

/// Collapses runs of whitespace (no-break spaces included) to one space and trims.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The page as blocks, in document order; `<head>`, scripts and styles left out.
pub fn blocks(input: &str) -> Vec<Block> {
    let doc = Html::parse_document(input);
    let mut out = Vec::new();
    let mut inline = String::new();
    element(&doc.root_element(), &mut out, &mut inline);
    flush_inline(&mut out, &mut inline);
    out
}

fn flush_inline(out: &mut Vec<Block>, inline: &mut String) {
    let text = collapse(inline);
    inline.clear();
    if text.is_empty() {
        return;
    }
    if text == "Sample:" {
        out.push(Block::SampleLabel);
    } else {
        out.push(Block::Inline(text));
    }
}

fn walk(e: &ElementRef<'_>, out: &mut Vec<Block>, inline: &mut String) {
    for child in e.children() {
        match child.value() {
            Node::Text(t) => inline.push_str(t),
            Node::Element(_) => {
                if let Some(c) = ElementRef::wrap(child) {
                    element(&c, out, inline);
                }
            }
            _ => {}
        }
    }
}

fn element(e: &ElementRef<'_>, out: &mut Vec<Block>, inline: &mut String) {
    let name = tag(e);
    match name {
        "head" | "script" | "style" | "title" | "nav" | "template" | "noscript" => {}
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            flush_inline(out, inline);
            let level = name.as_bytes()[1] - b'0';
            out.push(Block::Heading(level, text(e)));
        }
        "p" => {
            flush_inline(out, inline);
            let text = text(e);
            if text == "Sample:" {
                out.push(Block::SampleLabel);
            } else {
                out.push(Block::Para(text));
            }
        }
        "pre" => {
            flush_inline(out, inline);
            let mut text = String::new();
            raw_text(e, &mut text);
            out.push(Block::Pre(strip_pre(&text)));
        }
        "table" => {
            flush_inline(out, inline);
            out.push(Block::Table(table(e)));
        }
        "div" if has_class(e, "warning-message-container") => {
            flush_inline(out, inline);
            out.push(Block::Warning(text(e)));
        }
        "br" => inline.push(' '),
        "div" | "section" | "body" | "html" | "ul" | "ol" | "li" | "header" | "footer" | "main"
        | "article" | "form" => {
            flush_inline(out, inline);
            walk(e, out, inline);
            flush_inline(out, inline);
        }
        _ => walk(e, out, inline),
    }
}

/// The template writes `<pre class="wrapped">`, a newline, the text and a newline. The parser
/// already drops the newline right after `<pre>` (as HTML says) and reads `\r\n` as `\n`; the
/// one before `</pre>` is dropped here.
fn strip_pre(text: &str) -> String {
    let trimmed_end = text.trim_end_matches([' ', '\t']);
    let text = trimmed_end.strip_suffix('\n').unwrap_or(trimmed_end);
    text.to_owned()
}

fn table(e: &ElementRef<'_>) -> Table {
    let mut rows = Vec::new();
    find_all(e, "tr", &mut rows);
    let mut header = Vec::new();
    let mut body = Vec::new();
    for row in rows {
        let cells: Vec<ElementRef<'_>> = row
            .child_elements()
            .filter(|c| matches!(tag(c), "th" | "td"))
            .collect();
        if cells.iter().all(|c| tag(c) == "th") {
            if header.is_empty() {
                header = cells.iter().map(text).collect();
            }
            continue;
        }
        body.push(
            cells
                .iter()
                .map(|c| {
                    let mut paras = Vec::new();
                    find_all(c, "p", &mut paras);
                    let mut pres = Vec::new();
                    find_all(c, "pre", &mut pres);
                    let paras: Vec<String> = paras
                        .iter()
                        .chain(pres.iter())
                        .map(text)
                        .filter(|t| !t.is_empty())
                        .collect();
                    Cell {
                        text: text(c),
                        paras,
                        class: attr(c, "class").map(str::to_owned),
                        link: contains_tag(c, "a"),
                    }
                })
                .collect(),
        );
    }
    Table {
        header,
        rows: body,
        notes: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_of_a_small_page() {
        let html = r#"<html><head><title>T</title></head><body><h1>GET a/b</h1><div><p>sum
        mary</p><h3>Body Parameters</h3><p></p><a href="x">Item</a>
        <table><thead><tr><th>Name</th><th>Type</th></tr></thead><tbody><tr><td class="parameter-name">id<td><p>x &amp; y</p></td></tr></tbody></table>
        <h4 class="sample-header">application/json</h4><div class="sample-content"><span><b>Sample:</b></span><pre class="wrapped">
{
  "a": "&lt;"
}
</pre></div></div></body></html>"#;
        let b = blocks(html);
        assert_eq!(b[0], Block::Heading(1, "GET a/b".into()));
        assert_eq!(b[1], Block::Para("sum mary".into()));
        assert_eq!(b[3], Block::Para(String::new()));
        assert_eq!(b[4], Block::Inline("Item".into()));
        let Block::Table(t) = &b[5] else {
            panic!("{b:?}")
        };
        assert_eq!(t.header, ["Name", "Type"]);
        assert_eq!(t.rows[0][1].paras, ["x & y"]);
        assert_eq!(b[7], Block::SampleLabel);
        assert_eq!(b[8], Block::Pre("{\n  \"a\": \"<\"\n}".into()));
    }

    /// A page as a browser saves it: named references beyond the basic five, decimal and
    /// hexadecimal references, and end tags left to be implied.
    #[test]
    fn a_page_as_a_browser_saves_it() {
        let html = "<!DOCTYPE html><html><head><meta charset=utf-8><title>T</title>\
            <script>var a = '<p>not text</p>';</script></head><body>\
            <h1>GET api/Orders/{id}</h1>\
            <p>The order&rsquo;s state&nbsp;now\
            <p>It&#8217;s the last one&#x2019;s &hellip; &eacute;t&eacute; &copy;\
            <ul><li>first<li>second</ul>\
            <h2>URI Parameters</h2>\
            <table class=help-page-table><thead><tr><th>Name<th>Description</thead>\
            <tbody><tr><td class=parameter-name>id<td><p>The order&rsquo;s id\
            <tr><td class=parameter-name>x<td><p>a&nbsp;b</table>\
            </body></html>";
        let b = blocks(html);
        assert_eq!(b[0], Block::Heading(1, "GET api/Orders/{id}".into()));
        assert_eq!(b[1], Block::Para("The order\u{2019}s state now".into()));
        assert_eq!(
            b[2],
            Block::Para("It\u{2019}s the last one\u{2019}s \u{2026} \u{e9}t\u{e9} \u{a9}".into())
        );
        assert_eq!(b[3], Block::Inline("first".into()));
        assert_eq!(b[4], Block::Inline("second".into()));
        assert_eq!(b[5], Block::Heading(2, "URI Parameters".into()));
        let Block::Table(t) = &b[6] else {
            panic!("{b:?}")
        };
        assert_eq!(t.header, ["Name", "Description"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0][0].text, "id");
        assert_eq!(t.rows[0][0].class.as_deref(), Some("parameter-name"));
        assert_eq!(t.rows[0][1].paras, ["The order\u{2019}s id"]);
        assert_eq!(t.rows[1][0].text, "x");
        assert_eq!(t.rows[1][1].paras, ["a b"]);
        assert_eq!(b.len(), 7, "{b:?}");
    }

    /// A `<pre>` keeps its lines; the newline after `<pre>` and the one before `</pre>` go,
    /// `\r\n` reads as `\n`, references are decoded.
    #[test]
    fn pre_text() {
        let html = "<html><body><pre class=\"wrapped\">\r\n&lt;a&gt;&#x2019;&nbsp;\r\n  x\r\n</pre></body></html>";
        assert_eq!(blocks(html), [Block::Pre("<a>\u{2019}\u{a0}\n  x".into())]);
    }
}
