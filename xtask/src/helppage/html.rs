//! The HTML of the pages, as the template's Razor views write it (`Api.cshtml`,
//! `HelpPageApiModel.cshtml`, `Parameters.cshtml`, `Samples.cshtml`, `ResourceModel.cshtml`;
//! HELPPAGE.md §2.3, §3.4, §3.7, §4), HTML-encoded as Razor encodes.

use crate::import::page::{Body, Page, Row, SampleContent, SampleGroup};
use crate::import::route_group;
use crate::import::types::TypeText;

use super::{ModelKind, ModelPage};

/// Razor's HTML encoding.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A model name in a URL query (`Uri.EscapeDataString`: backticks and brackets escaped).
pub fn model_url(name: &str) -> String {
    let mut out = String::from("/Help/ResourceModel?modelName=");
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A type text with its model names as links (`ModelDescriptionLink.cshtml`).
fn type_html(text: &str) -> String {
    fn go(t: &TypeText, out: &mut String) {
        match t {
            TypeText::Simple(w) => out.push_str(&encode(w)),
            TypeText::Object => out.push_str("Object"),
            TypeText::Named(n) => out.push_str(&format!(
                "<a href=\"{}\">{}</a>",
                encode(&model_url(n)),
                encode(n)
            )),
            TypeText::Collection(inner) => {
                out.push_str("Collection of ");
                go(inner, out);
            }
            TypeText::Dictionary(k, v) | TypeText::Pair(k, v) => {
                out.push_str(if matches!(t, TypeText::Pair(..)) {
                    "Pair of "
                } else {
                    "Dictionary of "
                });
                go(k, out);
                out.push_str(" [key] and ");
                go(v, out);
                out.push_str(" [value]");
            }
        }
    }
    match TypeText::parse(text) {
        Some(t) => {
            let mut out = String::new();
            go(&t, &mut out);
            out
        }
        None => encode(text),
    }
}

fn head(title: &str, out: &mut String) {
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html>\n<head>\n    <meta charset=\"utf-8\" />\n    <meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\">\n    <title>{}</title>\n</head>\n<body>\n    <div class=\"container body-content\">\n<link type=\"text/css\" href=\"/Areas/HelpPage/HelpPage.css\" rel=\"stylesheet\" />\n<div id=\"body\" class=\"help-page\">\n    <section class=\"featured\">\n        <div class=\"content-wrapper\">\n            <p>\n                <a href=\"/Help\">Help Page Home</a>\n            </p>\n        </div>\n    </section>\n    <section class=\"content-wrapper main-content clear-fix\">\n",
        encode(title)
    ));
}

fn foot(out: &mut String) {
    out.push_str("    </section>\n</div>\n    </div>\n</body>\n</html>\n");
}

/// The parameter table, or "None." (`Parameters.cshtml`).
fn table(rows: &[Row], out: &mut String) {
    if rows.is_empty() {
        out.push_str("    <p>None.</p>\n");
        return;
    }
    out.push_str("<table class=\"help-page-table\">\n    <thead>\n        <tr><th>Name</th><th>Description</th><th>Type</th><th>Additional information</th></tr>\n    </thead>\n    <tbody>\n");
    for r in rows {
        out.push_str(&format!(
            "        <tr>\n            <td class=\"parameter-name\">{}</td>\n            <td class=\"parameter-documentation\">\n                <p>{}</p>\n            </td>\n            <td class=\"parameter-type\">\n                {}\n            </td>\n            <td class=\"parameter-annotations\">\n",
            encode(&r.name),
            encode(&r.description),
            type_html(r.type_text.as_deref().unwrap_or("")),
        ));
        if r.annotations.is_empty() {
            out.push_str("                            <p>None.</p>\n");
        }
        for a in &r.annotations {
            out.push_str(&format!(
                "                            <p>{}</p>\n",
                encode(a)
            ));
        }
        out.push_str("            </td>\n        </tr>\n");
    }
    out.push_str("    </tbody>\n</table>\n");
}

fn body(body: &Body, out: &mut String) {
    if body.none {
        out.push_str("    <p>None.</p>\n");
        return;
    }
    out.push_str(&format!("\n    <p>{}</p>\n\n", encode(&body.doc)));
    out.push_str(&type_html(body.type_text.as_deref().unwrap_or("")));
    out.push('\n');
    if let Some(rows) = &body.rows {
        table(rows, out);
    }
}

fn samples(h3: &str, groups: &[SampleGroup], out: &mut String) {
    if groups.is_empty() {
        return;
    }
    out.push_str(&format!("    <h3>{h3}</h3>\n<div>\n"));
    for g in groups {
        out.push_str(&format!(
            "    <h4 class=\"sample-header\">{}</h4>\n    <div class=\"sample-content\">\n        <span><b>Sample:</b></span>\n",
            encode(&g.media_types.join(", "))
        ));
        match &g.content {
            SampleContent::Text(t) => {
                out.push_str(&format!("<pre class=\"wrapped\">\n{}\n</pre>\n", encode(t)));
            }
            SampleContent::NotAvailable => out.push_str("<p>Sample not available.</p>\n"),
            SampleContent::Failed(m) => out.push_str(&format!(
                "<div class=\"warning-message-container\"><p>{}</p></div>\n",
                encode(m)
            )),
        }
        out.push_str("    </div>\n");
    }
    out.push_str("</div>\n");
}

/// An API page (`/Help/Api/{id}`), 5.1+ layout.
pub fn api_page(page: &Page) -> String {
    let title = format!("{} {}", page.method, page.route);
    let mut out = String::new();
    head(&title, &mut out);
    out.push_str(&format!(
        "        <h1>{}</h1>\n<div>\n    <p>{}</p>\n\n    <h2>Request Information</h2>\n\n    <h3>URI Parameters</h3>\n",
        encode(&title),
        encode(&page.summary)
    ));
    table(&page.uri_parameters, &mut out);
    out.push_str("\n    <h3>Body Parameters</h3>\n");
    body(&page.request, &mut out);
    samples("Request Formats", &page.request.samples, &mut out);
    out.push_str("\n    <h2>Response Information</h2>\n\n    <h3>Resource Description</h3>\n");
    body(&page.response, &mut out);
    samples("Response Formats", &page.response.samples, &mut out);
    out.push_str("</div>\n");
    foot(&mut out);
    out
}

/// A ResourceModel page (`/Help/ResourceModel?modelName={name}`).
pub fn model_page(model: &ModelPage) -> String {
    let mut out = String::new();
    head(&model.name, &mut out);
    out.push_str(&format!(
        "        <h1>{}</h1>\n<p>{}</p>\n",
        encode(&model.name),
        encode(&model.doc)
    ));
    match &model.kind {
        ModelKind::Complex(rows) => table(rows, &mut out),
        ModelKind::Enum(values) => {
            out.push_str("<p>Possible enumeration values:</p>\n\n<table class=\"help-page-table\">\n    <thead>\n        <tr><th>Name</th><th>Value</th><th>Description</th></tr>\n    </thead>\n    <tbody>\n");
            for v in values {
                out.push_str(&format!(
                    "        <tr>\n            <td class=\"enum-name\"><b>{}</b></td>\n            <td class=\"enum-value\">\n                <p>{}</p>\n            </td>\n            <td class=\"enum-description\">\n                <p>{}</p>\n            </td>\n        </tr>\n",
                    encode(&v.name),
                    v.value,
                    encode(&v.description)
                ));
            }
            out.push_str("    </tbody>\n</table>\n");
        }
    }
    foot(&mut out);
    out
}

/// An API on the index page: method, route, documentation.
pub type IndexEntry = (String, String, String);

/// The index page (`/Help`): per controller (the route's first segment after `api/`), a table
/// API | Description linking each API page (`Index.cshtml`, `ApiGroup.cshtml`).
pub fn index_page(apis: &[IndexEntry]) -> String {
    let mut out = String::new();
    head("ASP.NET Web API Help Page", &mut out);
    out.push_str("        <h1>ASP.NET Web API Help Page</h1>\n");
    let mut groups: Vec<(String, Vec<&IndexEntry>)> = Vec::new();
    for api in apis {
        let controller = controller_of(&api.1);
        match groups.iter_mut().find(|(c, _)| *c == controller) {
            Some((_, list)) => list.push(api),
            None => groups.push((controller, vec![api])),
        }
    }
    for (controller, list) in groups {
        out.push_str(&format!(
            "    <h2 id=\"{0}\">{0}</h2>\n    <table class=\"help-page-table\">\n        <thead>\n            <tr><th>API</th><th>Description</th></tr>\n        </thead>\n        <tbody>\n",
            encode(&controller)
        ));
        for (method, route, summary) in list {
            let doc = if summary.is_empty() {
                "No documentation available."
            } else {
                summary.as_str()
            };
            out.push_str(&format!(
                "            <tr>\n                <td class=\"api-name\"><a href=\"/Help/Api/{}\">{} {}</a></td>\n                <td class=\"api-documentation\">\n                    <p>{}</p>\n                </td>\n            </tr>\n",
                encode(&super::friendly_id(method, route)),
                encode(method),
                encode(route),
                encode(doc)
            ));
        }
        out.push_str("        </tbody>\n    </table>\n");
    }
    foot(&mut out);
    out
}

/// The controller an API is grouped under (the importer's [`route_group`]).
fn controller_of(route: &str) -> String {
    route_group(route).unwrap_or("Api").to_owned()
}
