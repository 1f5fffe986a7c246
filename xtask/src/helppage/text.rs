//! The text scrape form of an API page, as the importer's text reader expects it (the seed's
//! `Session-Logout.txt`): one line per heading and paragraph, tables as `cell |` lines after a
//! `{type}Name | Description | Type | Additional information |` header, samples with their
//! whitespace collapsed to single spaces.

use crate::import::html::collapse;
use crate::import::page::{Body, Page, Row, SampleContent, SampleGroup};

fn line(out: &mut String, text: &str) {
    out.push_str(text);
    out.push('\n');
}

fn table(prefix: &str, rows: &[Row], out: &mut String) {
    if rows.is_empty() {
        if !prefix.is_empty() {
            line(out, prefix);
        }
        line(out, "None.");
        return;
    }
    line(
        out,
        &format!("{prefix}Name | Description | Type | Additional information |"),
    );
    line(out, "---|---|---|---|");
    for r in rows {
        line(out, &format!("{} |", r.name));
        line(out, &format!("{} |", r.description));
        line(out, &format!("{} |", r.type_text.as_deref().unwrap_or("")));
        if r.annotations.is_empty() {
            line(out, "None. |");
        } else {
            let last = r.annotations.len() - 1;
            for (i, a) in r.annotations.iter().enumerate() {
                if i == last {
                    line(out, &format!("{a} |"));
                } else {
                    line(out, a);
                }
            }
        }
    }
}

fn body(b: &Body, out: &mut String) {
    if b.none {
        line(out, "None.");
        return;
    }
    if !b.doc.is_empty() {
        line(out, &b.doc);
    }
    let ty = b.type_text.as_deref().unwrap_or("");
    match &b.rows {
        Some(rows) => table(ty, rows, out),
        None => line(out, ty),
    }
}

fn samples(h3: &str, groups: &[SampleGroup], out: &mut String) {
    if groups.is_empty() {
        return;
    }
    line(out, h3);
    for g in groups {
        line(out, &g.media_types.join(", "));
        line(out, "Sample:");
        match &g.content {
            SampleContent::Text(t) => line(out, &collapse(t)),
            SampleContent::NotAvailable => line(out, "Sample not available."),
            SampleContent::Failed(m) => line(out, &collapse(m)),
        }
    }
}

/// An API page as a text scrape.
pub fn api_page(page: &Page) -> String {
    let mut out = String::new();
    line(&mut out, &format!("{} {}", page.method, page.route));
    if !page.summary.is_empty() {
        line(&mut out, &page.summary);
    }
    line(&mut out, "Request Information");
    line(&mut out, "URI Parameters");
    table("", &page.uri_parameters, &mut out);
    line(&mut out, "Body Parameters");
    body(&page.request, &mut out);
    samples("Request Formats", &page.request.samples, &mut out);
    line(&mut out, "Response Information");
    line(&mut out, "Resource Description");
    body(&page.response, &mut out);
    samples("Response Formats", &page.response.samples, &mut out);
    out
}
