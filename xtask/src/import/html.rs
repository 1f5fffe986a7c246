//! A small, tolerant HTML reader: enough of HTML for the pages the ASP.NET Web API Help Page
//! template renders (tags, attributes, entities, void elements, unclosed `p`/`td`/`tr`), turned
//! into the flat block stream of [`super::blocks`].

use super::blocks::{Block, Cell, Table};

/// An element of the document tree.
#[derive(Debug, Default)]
struct Node {
    tag: String,
    attrs: Vec<(String, String)>,
    children: Vec<Child>,
}

#[derive(Debug)]
enum Child {
    Elem(Node),
    Text(String),
}

impl Node {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_whitespace().any(|c| c == class))
    }

    /// The text of the subtree, entities decoded, not collapsed.
    fn raw_text(&self, out: &mut String) {
        for child in &self.children {
            match child {
                Child::Text(t) => out.push_str(t),
                Child::Elem(e) if e.tag == "br" => out.push('\n'),
                Child::Elem(e) => e.raw_text(out),
            }
        }
    }

    fn text(&self) -> String {
        let mut s = String::new();
        self.raw_text(&mut s);
        collapse(&s)
    }

    fn find_all<'a>(&'a self, tag: &str, out: &mut Vec<&'a Node>) {
        for child in &self.children {
            if let Child::Elem(e) = child {
                if e.tag == tag {
                    out.push(e);
                } else {
                    e.find_all(tag, out);
                }
            }
        }
    }

    fn contains_tag(&self, tag: &str) -> bool {
        self.children.iter().any(|c| match c {
            Child::Elem(e) => e.tag == tag || e.contains_tag(tag),
            Child::Text(_) => false,
        })
    }
}

/// Collapses runs of whitespace to one space and trims.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

const BLOCK_STARTS: &[&str] = &[
    "div", "table", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "ul", "ol", "section", "p",
];

/// Parses a document into a tree rooted at a synthetic `#document` node.
fn parse_tree(input: &str) -> Node {
    let mut stack: Vec<Node> = vec![Node {
        tag: "#document".into(),
        ..Node::default()
    }];
    let bytes = input.as_bytes();
    let mut pos = 0;
    let mut text_start = 0;
    let flush_text = |stack: &mut Vec<Node>, from: usize, to: usize| {
        if from < to {
            let text = decode_entities(&input[from..to]);
            if let Some(top) = stack.last_mut() {
                top.children.push(Child::Text(text));
            }
        }
    };
    while pos < bytes.len() {
        if bytes[pos] != b'<' {
            pos += 1;
            continue;
        }
        let rest = &input[pos..];
        if rest.starts_with("<!--") {
            flush_text(&mut stack, text_start, pos);
            pos = rest.find("-->").map_or(bytes.len(), |i| pos + i + 3);
            text_start = pos;
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            flush_text(&mut stack, text_start, pos);
            pos = rest.find('>').map_or(bytes.len(), |i| pos + i + 1);
            text_start = pos;
        } else if rest.starts_with("</") {
            flush_text(&mut stack, text_start, pos);
            let end = rest.find('>').map_or(bytes.len(), |i| pos + i + 1);
            let name = input[pos + 2..end.saturating_sub(1).max(pos + 2)]
                .trim()
                .to_ascii_lowercase();
            close(&mut stack, &name);
            pos = end;
            text_start = pos;
        } else if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            flush_text(&mut stack, text_start, pos);
            let (node, self_closing, end) = parse_start_tag(input, pos);
            pos = end;
            let tag = node.tag.clone();
            open_implicitly_closes(&mut stack, &tag);
            if tag == "script" || tag == "style" {
                // Raw text: skipped up to the end tag.
                let close_tag = format!("</{tag}");
                let lower = input[pos..].to_ascii_lowercase();
                pos = lower.find(&close_tag).map_or(bytes.len(), |i| pos + i);
                text_start = pos;
                continue;
            }
            if self_closing || VOID.contains(&tag.as_str()) {
                if let Some(top) = stack.last_mut() {
                    top.children.push(Child::Elem(node));
                }
            } else {
                stack.push(node);
            }
            text_start = pos;
        } else {
            pos += 1;
        }
    }
    flush_text(&mut stack, text_start, bytes.len());
    while stack.len() > 1 {
        let node = stack.pop().expect("non-empty");
        if let Some(top) = stack.last_mut() {
            top.children.push(Child::Elem(node));
        }
    }
    stack.pop().unwrap_or_default()
}

fn close(stack: &mut Vec<Node>, name: &str) {
    let Some(index) = stack.iter().rposition(|n| n.tag == name) else {
        return; // a stray end tag
    };
    if index == 0 {
        return;
    }
    while stack.len() > index {
        let node = stack.pop().expect("non-empty");
        if let Some(top) = stack.last_mut() {
            top.children.push(Child::Elem(node));
        }
    }
}

/// HTML's implied end tags, for the cases the template's markup can need.
fn open_implicitly_closes(stack: &mut Vec<Node>, tag: &str) {
    let top_tag = |stack: &Vec<Node>| stack.last().map(|n| n.tag.clone()).unwrap_or_default();
    if top_tag(stack) == "p" && BLOCK_STARTS.contains(&tag) {
        close(stack, "p");
    }
    let top = top_tag(stack);
    let top = top.as_str();
    if (tag == "td" || tag == "th") && (top == "td" || top == "th") {
        let t = top.to_owned();
        close(stack, &t);
    }
    if tag == "tr" {
        if let Some(i) = stack.iter().rposition(|n| n.tag == "tr") {
            if !stack[i..].iter().any(|n| n.tag == "table") {
                close(stack, "tr");
            }
        }
    }
    if tag == "li" && top == "li" {
        close(stack, "li");
    }
}

fn parse_start_tag(input: &str, start: usize) -> (Node, bool, usize) {
    let bytes = input.as_bytes();
    let mut pos = start + 1;
    let name_start = pos;
    while pos < bytes.len()
        && !bytes[pos].is_ascii_whitespace()
        && bytes[pos] != b'>'
        && bytes[pos] != b'/'
    {
        pos += 1;
    }
    let mut node = Node {
        tag: input[name_start..pos].to_ascii_lowercase(),
        ..Node::default()
    };
    let mut self_closing = false;
    loop {
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if pos >= bytes.len() {
            break;
        }
        match bytes[pos] {
            b'>' => {
                pos += 1;
                break;
            }
            b'/' => {
                self_closing = true;
                pos += 1;
                continue;
            }
            _ => {}
        }
        self_closing = false;
        let key_start = pos;
        while pos < bytes.len()
            && !bytes[pos].is_ascii_whitespace()
            && !matches!(bytes[pos], b'=' | b'>' | b'/')
        {
            pos += 1;
        }
        let key = input[key_start..pos].to_ascii_lowercase();
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let mut value = String::new();
        if pos < bytes.len() && bytes[pos] == b'=' {
            pos += 1;
            while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
                pos += 1;
            }
            if pos < bytes.len() && (bytes[pos] == b'"' || bytes[pos] == b'\'') {
                let quote = bytes[pos];
                let v_start = pos + 1;
                pos = v_start;
                while pos < bytes.len() && bytes[pos] != quote {
                    pos += 1;
                }
                value = decode_entities(&input[v_start..pos.min(bytes.len())]);
                pos = (pos + 1).min(bytes.len());
            } else {
                let v_start = pos;
                while pos < bytes.len() && !bytes[pos].is_ascii_whitespace() && bytes[pos] != b'>' {
                    pos += 1;
                }
                value = decode_entities(&input[v_start..pos]);
            }
        }
        if !key.is_empty() {
            node.attrs.push((key, value));
        }
    }
    (node, self_closing, pos)
}

/// Decodes the character references HTML encoding produces (`&lt;`, `&#39;`, `&#x2F;`, ...).
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(|c: char| c == ';' || c == '&' || c.is_whitespace() || c == '<');
        let decoded = match end {
            Some(e) if rest.as_bytes()[e + 1] == b';' => {
                let name = &rest[1..e + 1];
                let ch = match name {
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "amp" => Some('&'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "nbsp" => Some('\u{a0}'),
                    "copy" => Some('©'),
                    _ if name.starts_with("#x") || name.starts_with("#X") => {
                        u32::from_str_radix(&name[2..], 16)
                            .ok()
                            .and_then(char::from_u32)
                    }
                    _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
                    _ => None,
                };
                ch.map(|c| (c, e + 2))
            }
            _ => None,
        };
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The page as blocks, in document order; `<head>`, scripts and styles left out.
pub fn blocks(input: &str) -> Vec<Block> {
    let tree = parse_tree(input);
    let mut out = Vec::new();
    let mut inline = String::new();
    walk(&tree, &mut out, &mut inline);
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

fn walk(node: &Node, out: &mut Vec<Block>, inline: &mut String) {
    for child in &node.children {
        match child {
            Child::Text(t) => inline.push_str(t),
            Child::Elem(e) => element(e, out, inline),
        }
    }
}

fn element(e: &Node, out: &mut Vec<Block>, inline: &mut String) {
    match e.tag.as_str() {
        "head" | "script" | "style" | "title" | "nav" => {}
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            flush_inline(out, inline);
            let level = e.tag.as_bytes()[1] - b'0';
            out.push(Block::Heading(level, e.text()));
        }
        "p" => {
            flush_inline(out, inline);
            let text = e.text();
            if text == "Sample:" {
                out.push(Block::SampleLabel);
            } else {
                out.push(Block::Para(text));
            }
        }
        "pre" => {
            flush_inline(out, inline);
            let mut text = String::new();
            e.raw_text(&mut text);
            out.push(Block::Pre(strip_pre(&text)));
        }
        "table" => {
            flush_inline(out, inline);
            out.push(Block::Table(table(e)));
        }
        "div" if e.has_class("warning-message-container") => {
            flush_inline(out, inline);
            out.push(Block::Warning(e.text()));
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

/// The template writes `<pre class="wrapped">`, a newline, the text and a newline.
fn strip_pre(text: &str) -> String {
    let text = text
        .strip_prefix("\r\n")
        .or_else(|| text.strip_prefix('\n'))
        .unwrap_or(text);
    let trimmed_end = text.trim_end_matches([' ', '\t']);
    let text = trimmed_end
        .strip_suffix("\r\n")
        .or_else(|| trimmed_end.strip_suffix('\n'))
        .unwrap_or(trimmed_end);
    text.to_owned()
}

fn table(e: &Node) -> Table {
    let mut rows = Vec::new();
    e.find_all("tr", &mut rows);
    let mut header = Vec::new();
    let mut body = Vec::new();
    for row in rows {
        let mut cells = Vec::new();
        for child in &row.children {
            if let Child::Elem(c) = child {
                if c.tag == "th" || c.tag == "td" {
                    cells.push(c);
                }
            }
        }
        if cells.iter().all(|c| c.tag == "th") {
            if header.is_empty() {
                header = cells.iter().map(|c| c.text()).collect();
            }
            continue;
        }
        body.push(
            cells
                .iter()
                .map(|c| {
                    let mut paras = Vec::new();
                    c.find_all("p", &mut paras);
                    let mut pres = Vec::new();
                    c.find_all("pre", &mut pres);
                    let paras: Vec<String> = paras
                        .iter()
                        .chain(pres.iter())
                        .map(|p| p.text())
                        .filter(|t| !t.is_empty())
                        .collect();
                    Cell {
                        text: c.text(),
                        paras,
                        class: c.attr("class").map(str::to_owned),
                        link: c.contains_tag("a"),
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
    fn entities() {
        assert_eq!(
            decode_entities("a &lt;b&gt; &amp;&#39;&#x41;&quot; &x"),
            "a <b> &'A\" &x"
        );
    }

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
}
