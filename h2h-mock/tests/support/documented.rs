//! The help page's documented samples, as the schema keeps them (`[[endpoint.sample]]`,
//! pasted from the page), for comparison with what a server answers.
#![allow(dead_code)]

use std::path::Path;

use h2h_schema::ir::Direction;

/// A documented sample without the layout the page's pretty printing adds: whitespace
/// outside JSON strings, and between XML tags.
pub fn compact(text: &str) -> String {
    let mut out = String::new();
    let mut in_string = false;
    let mut escaped = false;
    let trimmed = text.trim();
    if trimmed.starts_with('<') {
        let mut rest = trimmed;
        while let Some(start) = rest.find('<') {
            let text = rest[..start].trim();
            out.push_str(text);
            let end = rest[start..]
                .find('>')
                .map_or(rest.len(), |e| start + e + 1);
            out.push_str(&rest[start..end]);
            rest = &rest[end..];
        }
        return out;
    }
    for c in trimmed.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

/// The embedded schema (`schema/api`), whose endpoints keep the help page's samples.
pub fn api() -> h2h_schema::ir::Api {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    h2h_schema::load_dir(&root.join("schema/api"), &root).unwrap_or_else(|e| panic!("{e}"))
}

/// An endpoint's documented sample, compact (`None`: the page documents none).
pub fn sample_of(
    endpoint: &h2h_schema::ir::Endpoint,
    direction: Direction,
    xml: bool,
) -> Option<String> {
    endpoint
        .samples
        .iter()
        .find(|s| {
            s.direction == direction && s.media_types.iter().any(|m| m.contains("xml")) == xml
        })
        .map(|s| compact(&s.text))
}

/// The help page's documented samples of `POST Session/Logout`, from the schema.
pub fn documented(direction: Direction, xml: bool) -> String {
    let api = api();
    let endpoint = api
        .endpoints
        .iter()
        .find(|e| e.route == "Session/Logout")
        .expect("the endpoint");
    sample_of(endpoint, direction, xml).expect("a documented sample")
}
