//! Descriptions from the documentation → rustdoc that builds without warnings.

use proc_macro2::TokenStream;
use quote::quote;

/// Escapes what rustdoc would read as markup: `<Tag>` as HTML, `[x]` as a link.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// `#[doc = "..."]` attributes, one per line, for paragraphs separated by blank lines.
pub fn doc_attrs(paragraphs: &[String]) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    for p in paragraphs.iter().filter(|p| !p.trim().is_empty()) {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(p.lines().map(|l| format!(" {}", l.trim_end())));
    }
    quote! { #( #[doc = #lines] )* }
}
