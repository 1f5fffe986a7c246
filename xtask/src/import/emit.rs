//! Schema TOML text for the inferred entries, in the layout of `schema/api/session.toml`.

use std::fmt::Write;

use super::model::{MContract, MEndpoint, MEnum, Model};

/// A TOML basic string.
pub fn basic(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A multi-line string holding `s` exactly: a literal `'''` string when possible.
pub fn multiline(s: &str) -> String {
    let literal_ok = !s.contains("'''")
        && !s.ends_with('\'')
        && !s.chars().any(|c| c.is_control() && c != '\n' && c != '\t');
    let lead = if s.starts_with('\n') { "\n" } else { "" };
    if literal_ok {
        return format!("'''{lead}{s}'''");
    }
    let mut out = format!("\"\"\"{lead}");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push('\n'),
            '\t' => out.push('\t'),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push_str("\"\"\"");
    out
}

fn list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| basic(s)).collect();
    format!("[{}]", items.join(", "))
}

fn comment(out: &mut String, text: &str) {
    for line in text.lines() {
        let _ = writeln!(out, "# {line}");
    }
}

/// The TOML of an endpoint.
pub fn endpoint(out: &mut String, e: &MEndpoint, ns: &str) {
    out.push_str("[[endpoint]]\n");
    let _ = writeln!(out, "method = {}", basic(&e.method));
    let _ = writeln!(out, "route = {}", basic(&e.route));
    if !e.summary.is_empty() {
        let _ = writeln!(out, "summary = {}", basic(&e.summary));
    }
    if let Some(t) = &e.request {
        let _ = writeln!(out, "request = {}", basic(&t.expr(ns)));
    }
    if let Some(t) = &e.response {
        let _ = writeln!(out, "response = {}", basic(&t.expr(ns)));
    }
    if !e.request_formats.is_empty() {
        let _ = writeln!(out, "request_formats = {}", list(&e.request_formats));
    }
    if !e.response_formats.is_empty() {
        let _ = writeln!(out, "response_formats = {}", list(&e.response_formats));
    }
    for p in &e.uri_parameters {
        out.push_str("\n[[endpoint.uri_parameter]]\n");
        let _ = writeln!(out, "name = {}", basic(&p.name));
        let _ = writeln!(out, "type = {}", basic(&p.ty.expr(ns)));
        if !p.description.is_empty() {
            let _ = writeln!(out, "description = {}", basic(&p.description));
        }
        if !p.additional_information.is_empty() {
            let _ = writeln!(
                out,
                "additional_information = {}",
                list(&p.additional_information)
            );
        }
    }
    for s in &e.samples {
        out.push_str("\n[[endpoint.sample]]\n");
        let _ = writeln!(out, "direction = {}", basic(s.direction));
        let _ = writeln!(out, "media_types = {}", list(&s.media_types));
        let _ = writeln!(out, "text = {}", multiline(&s.text));
    }
}

/// The TOML of a contract.
pub fn contract(out: &mut String, c: &MContract, ns: &str) {
    for n in &c.notes {
        comment(out, n);
    }
    out.push_str("[[contract]]\n");
    let _ = writeln!(out, "name = {}", basic(&c.name));
    if c.namespace != ns {
        let _ = writeln!(out, "namespace = {}", basic(&c.namespace));
    }
    if let Some((bns, bname)) = &c.base {
        // A base is resolved in the contract's own namespace first.
        let base = if bns == &c.namespace {
            bname.clone()
        } else {
            format!("{bns}.{bname}")
        };
        let _ = writeln!(out, "base = {}", basic(&base));
    }
    if !c.description.is_empty() {
        let _ = writeln!(out, "description = {}", basic(&c.description));
    }
    if c.serializable {
        out.push_str("serializable = true\n");
    }
    if let Some(dc) = &c.data_contract {
        let mut parts = Vec::new();
        if let Some(n) = &dc.name {
            parts.push(format!("name = {}", basic(n)));
        }
        if let Some(n) = &dc.namespace {
            parts.push(format!("namespace = {}", basic(n)));
        }
        let _ = writeln!(out, "data_contract = {{ {} }}", parts.join(", "));
    }
    for m in &c.members {
        out.push('\n');
        if let Some(n) = &m.note {
            comment(out, n);
        }
        out.push_str("[[contract.member]]\n");
        let _ = writeln!(out, "name = {}", basic(&m.name));
        // Types are resolved in the contract's own namespace first.
        let _ = writeln!(out, "type = {}", basic(&m.ty.expr(&c.namespace)));
        if !m.data_member {
            out.push_str("data_member = false\n");
        }
        if m.hides_base {
            out.push_str("new = true\n");
        }
        if !m.description.is_empty() {
            let _ = writeln!(out, "description = {}", basic(&m.description));
        }
        if !m.additional_information.is_empty() {
            let _ = writeln!(
                out,
                "additional_information = {}",
                list(&m.additional_information)
            );
        }
        if m.sensitive {
            out.push_str("sensitive = true\n");
        }
        if let Some(o) = m.order {
            let _ = writeln!(out, "order = {o}");
        }
        if m.is_field {
            out.push_str("field = true\n");
        }
        match m.access {
            Some(h2h_schema::ir::Access::GetOnly) => out.push_str("access = \"get_only\"\n"),
            Some(h2h_schema::ir::Access::PrivateSet) => {
                out.push_str("access = \"private_set\"\n");
            }
            None => {}
        }
        match &m.returns {
            Some(h2h_schema::ir::Literal::Bool(b)) => {
                let _ = writeln!(out, "returns = {b}");
            }
            Some(h2h_schema::ir::Literal::Integer(i)) => {
                let _ = writeln!(out, "returns = {i}");
            }
            Some(h2h_schema::ir::Literal::String(t)) => {
                let _ = writeln!(out, "returns = {}", basic(t));
            }
            None => {}
        }
    }
}

/// The TOML of an enum.
pub fn enumeration(out: &mut String, e: &MEnum, ns: &str) {
    for n in &e.notes {
        comment(out, n);
    }
    out.push_str("[[enum]]\n");
    let _ = writeln!(out, "name = {}", basic(&e.name));
    if e.namespace != ns {
        let _ = writeln!(out, "namespace = {}", basic(&e.namespace));
    }
    if !e.description.is_empty() {
        let _ = writeln!(out, "description = {}", basic(&e.description));
    }
    if let Some(u) = &e.undocumented {
        let _ = writeln!(out, "undocumented = {}", basic(u));
    }
    for (name, value) in &e.values {
        out.push_str("\n[[enum.value]]\n");
        let _ = writeln!(out, "name = {}", basic(name));
        let _ = writeln!(out, "value = {value}");
        if let Some((_, d)) = e.value_descriptions.iter().find(|(n, _)| n == name) {
            let _ = writeln!(out, "description = {}", basic(d));
        }
    }
}

/// The entries to write, as TOML; `ns` is the file's `namespace`.
pub fn entries(model: &Model, ns: &str, write_endpoint: bool) -> String {
    let mut blocks = Vec::new();
    if write_endpoint {
        if let Some(e) = &model.endpoint {
            let mut s = String::new();
            endpoint(&mut s, e, ns);
            blocks.push(s);
        }
    }
    for c in model.contracts.iter().filter(|c| !c.reused) {
        let mut s = String::new();
        contract(&mut s, c, ns);
        blocks.push(s);
    }
    for e in model.enums.iter().filter(|e| !e.reused) {
        let mut s = String::new();
        enumeration(&mut s, e, ns);
        blocks.push(s);
    }
    blocks.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_round_trip_through_toml_syntax() {
        assert_eq!(basic("a\"b\\c\n"), r#""a\"b\\c\n""#);
        assert_eq!(multiline("{ \"a\": 1 }"), "'''{ \"a\": 1 }'''");
        assert_eq!(multiline("x'"), "\"\"\"x'\"\"\"");
        assert_eq!(multiline("a\r\nb"), "\"\"\"a\\r\nb\"\"\"");
        assert_eq!(multiline("\nx"), "'''\n\nx'''");
    }
}
