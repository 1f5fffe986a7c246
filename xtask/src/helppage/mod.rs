//! The help page exporter: the pages the ASP.NET Web API Help Page template (5.1+ layout)
//! would render for the schema's API, as the importer's oracle (HELPPAGE.md §3–4).
//!
//! IR → the importer's own page model ([`crate::import::page::Page`]: title, URI parameters,
//! body types with their member tables, sample groups) → HTML ([`html::api_page`]) or the
//! whitespace-collapsed text scrape ([`text::api_page`]). The samples are the verifier's
//! expected values written out ([`samples`]), so the sample rules keep one home
//! (`dotnet_rules::sample`, through `import::verify`). ResourceModel pages
//! ([`ModelPage`], [`html::model_page`]) show every enum constant and every complex type's
//! member table.

pub mod html;
pub mod invisible;
pub mod samples;
pub mod text;

use dotnet_rules::members::table_order;
use dotnet_rules::sample::COLLECTION_SIZE;
use h2h_schema::ir::{self, Api, Endpoint, Type};

use crate::import::page::{Body, Form, Layout, Page, Row, SampleContent, SampleGroup};
pub use crate::import::page::{EnumRow, ModelKind, ModelPage};
use crate::import::verify::Format;
use samples::Sample;

/// The media types of the default formatters, in the template's order (JSON, then XML).
pub const DEFAULT_FORMATS: [&str; 4] = [
    "application/json",
    "text/json",
    "application/xml",
    "text/xml",
];

/// The form-urlencoded formatter reads every type and writes none: a request page of a site
/// with the default formatters lists it, with a failed sample (HELPPAGE.md §2.1). Rendered
/// when the schema lists no formats (the defaults); the vendor's site does not show it.
pub const FORM_URLENCODED: &str = "application/x-www-form-urlencoded";

/// The "Type" column text of a type (HELPPAGE.md §3.2): a simple type's word, a model name
/// (the CLR name of a contract or enum; a link on the page), `Collection of …`,
/// `Dictionary of … [key] and … [value]`. `Nullable<T>` shows as `T`.
pub fn type_text(api: &Api, ty: &Type) -> String {
    match ty {
        Type::Primitive(p) => p.help_text().to_owned(),
        Type::Enum(id) => api.enumeration(*id).clr_name.clone(),
        Type::Contract(id) => api.contract(*id).clr_name.clone(),
        Type::Nullable(inner) => type_text(api, inner),
        Type::Collection(_, inner) => format!("Collection of {}", type_text(api, inner)),
        Type::Dictionary(k, v) => format!(
            "Dictionary of {} [key] and {} [value]",
            type_text(api, k),
            type_text(api, v)
        ),
    }
}

/// Whether the type text is (or holds) a link: a contract or an enum somewhere in it.
fn has_link(ty: &Type) -> bool {
    match ty {
        Type::Primitive(_) => false,
        Type::Enum(_) | Type::Contract(_) => true,
        Type::Nullable(inner) | Type::Collection(_, inner) => has_link(inner),
        Type::Dictionary(k, v) => has_link(k) || has_link(v),
    }
}

/// The member table of a complex type (HELPPAGE.md §3.4–3.5): JSON names, descriptions, type
/// texts, annotations. The table lists properties by their names (`[DataMember(Name)]` in a
/// `[DataContract]`): a `[Serializable]` class's wire names are its backing fields, its table
/// shows the properties.
pub fn member_rows(api: &Api, id: ir::ContractId) -> Vec<Row> {
    let flat = api.flattened(id);
    table_order(&ir::member_rules(&flat))
        .into_iter()
        .map(|i| {
            let m = flat[i].member;
            let serializable = api.contract(flat[i].declared_in).is_serializable;
            Row {
                name: if serializable {
                    m.clr_name.clone()
                } else {
                    m.wire_name.clone()
                },
                description: m.description.clone(),
                type_text: Some(type_text(api, &m.ty)),
                type_is_link: has_link(&m.ty),
                annotations: m.additional_information.clone(),
            }
        })
        .collect()
}

/// The table under a body type: a complex type's, or a collection's element's when it is
/// complex (HELPPAGE.md §3.8).
fn body_rows(api: &Api, ty: &Type) -> Option<Vec<Row>> {
    match ty.non_nullable() {
        Type::Contract(id) => Some(member_rows(api, *id)),
        Type::Collection(_, inner) => match inner.non_nullable() {
            Type::Contract(id) => Some(member_rows(api, *id)),
            _ => None,
        },
        _ => None,
    }
}

/// The sample groups of one body: the formats' samples, media types with equal samples
/// grouped in order of appearance (`Samples.cshtml`'s `GroupBy`).
fn sample_groups(api: &Api, ty: &Type, formats: &[String], request: bool) -> Vec<SampleGroup> {
    // The key: what the template compares (the text, or the failure of one formatter).
    let mut groups: Vec<(String, SampleGroup)> = Vec::new();
    let mut add = |key: String, media: &str, content: SampleContent| {
        if let Some((_, g)) = groups.iter_mut().find(|(k, _)| *k == key) {
            g.media_types.push(media.to_owned());
        } else {
            groups.push((
                key,
                SampleGroup {
                    media_types: vec![media.to_owned()],
                    content,
                },
            ));
        }
    };
    let defaults: Vec<String> = DEFAULT_FORMATS.iter().map(|s| (*s).to_owned()).collect();
    let form_urlencoded = request && formats.is_empty();
    let formats = if formats.is_empty() {
        &defaults
    } else {
        formats
    };
    for media in formats {
        let lower = media.to_ascii_lowercase();
        let format = if lower.contains("json") {
            Format::Json
        } else if lower.contains("xml") {
            Format::Xml
        } else {
            continue;
        };
        let name = match format {
            Format::Json => "JsonMediaTypeFormatter",
            Format::Xml => "XmlMediaTypeFormatter",
        };
        match samples::sample(api, ty, format, COLLECTION_SIZE) {
            Sample::Text(t) => add(format!("text {t}"), media, SampleContent::Text(t)),
            Sample::NotAvailable => {
                add(format!("failed {name}"), media, SampleContent::NotAvailable)
            }
        }
    }
    if form_urlencoded {
        add(
            format!("failed {FORM_URLENCODED}"),
            FORM_URLENCODED,
            SampleContent::NotAvailable,
        );
    }
    groups.into_iter().map(|(_, g)| g).collect()
}

fn body(api: &Api, ty: Option<&Type>, formats: &[String], request: bool) -> Body {
    let Some(ty) = ty else {
        return Body {
            none: true,
            ..Body::default()
        };
    };
    Body {
        doc: String::new(),
        type_text: Some(type_text(api, ty)),
        rows: body_rows(api, ty),
        none: false,
        parameter: None,
        samples: sample_groups(api, ty, formats, request),
    }
}

/// The API page of an endpoint, in the importer's page model (5.1+ layout).
pub fn api_page(api: &Api, endpoint: &Endpoint, form: Form) -> Page {
    let uri_parameters = endpoint
        .uri_parameters
        .iter()
        .map(|p| Row {
            name: p.name.clone(),
            description: p.description.clone(),
            type_text: Some(type_text(api, &p.ty)),
            type_is_link: has_link(&p.ty),
            annotations: p.additional_information.clone(),
        })
        .collect();
    Page {
        layout: Layout::Current,
        form,
        method: endpoint.method.clone(),
        route: endpoint.route.clone(),
        summary: endpoint.summary.clone(),
        uri_parameters,
        request: body(
            api,
            endpoint.request.as_ref(),
            &endpoint.request_formats,
            true,
        ),
        response: body(
            api,
            endpoint.response.as_ref(),
            &endpoint.response_formats,
            false,
        ),
        notes: Vec::new(),
    }
}

/// The help page's id of an API (`ApiDescriptionExtensions.GetFriendlyId`, HELPPAGE.md §4):
/// `{METHOD}-` + the path with `/` → `-` and braces removed, then `_` + the query's keys.
pub fn friendly_id(method: &str, route: &str) -> String {
    let (path, query) = route.split_once('?').unwrap_or((route, ""));
    let mut id = format!(
        "{method}-{}",
        path.replace('/', "-").replace(['{', '}'], "")
    );
    let keys: Vec<String> = query
        .split('&')
        .filter_map(|kv| kv.split('=').next())
        .filter(|k| !k.is_empty())
        .map(|k| k.replace('.', "-"))
        .collect();
    if !keys.is_empty() {
        id.push('_');
        id.push_str(&keys.join("_"));
    }
    id
}

/// The ResourceModel pages of every contract and enum of the API, contracts first.
pub fn model_pages(api: &Api) -> Vec<ModelPage> {
    let contracts = api.contracts.iter().enumerate().map(|(i, c)| ModelPage {
        name: c.clr_name.clone(),
        doc: c.description.clone(),
        kind: ModelKind::Complex(member_rows(api, ir::ContractId(i))),
    });
    let enums = api.enums.iter().map(|e| ModelPage {
        name: e.clr_name.clone(),
        doc: e.description.clone(),
        kind: ModelKind::Enum(
            e.values
                .iter()
                .map(|v| EnumRow {
                    name: v.clr_name.clone(),
                    value: v.value,
                    description: v.description.clone(),
                })
                .collect(),
        ),
    });
    contracts.chain(enums).collect()
}

#[cfg(test)]
mod round_trip;
#[cfg(test)]
mod tests;

/// One rendered file of a site: its path inside the output folder and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    /// Path relative to the site folder (`index.html`, `Api/{id}.html`, `Api/{id}.txt`,
    /// `ResourceModel/{name}.html`).
    pub path: std::path::PathBuf,
    /// The page.
    pub text: String,
}

/// Every page of a schema's help site: the index, each API page in HTML and as a text scrape,
/// and the ResourceModel page of every contract and enum.
pub fn site(api: &Api) -> Vec<SiteFile> {
    let mut out = Vec::new();
    let index: Vec<(String, String, String)> = api
        .endpoints
        .iter()
        .map(|e| (e.method.clone(), e.route.clone(), e.summary.clone()))
        .collect();
    out.push(SiteFile {
        path: "index.html".into(),
        text: html::index_page(&index),
    });
    for e in &api.endpoints {
        let id = friendly_id(&e.method, &e.route);
        out.push(SiteFile {
            path: format!("Api/{id}.html").into(),
            text: html::api_page(&api_page(api, e, Form::Html)),
        });
        out.push(SiteFile {
            path: format!("Api/{id}.txt").into(),
            text: text::api_page(&api_page(api, e, Form::Text)),
        });
    }
    for m in model_pages(api) {
        out.push(SiteFile {
            path: format!("ResourceModel/{}.html", m.name).into(),
            text: html::model_page(&m),
        });
    }
    out
}

/// Why `cargo xtask helppage` failed.
#[derive(Debug)]
pub enum HelpPageError {
    /// Bad arguments (the message includes the usage).
    Usage(String),
    /// The schema folder does not load.
    Schema(String),
    /// A file could not be written.
    Write {
        /// The file.
        path: std::path::PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

impl std::fmt::Display for HelpPageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HelpPageError::Usage(m) | HelpPageError::Schema(m) => f.write_str(m),
            HelpPageError::Write { path, source } => {
                write!(f, "cannot write {}: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for HelpPageError {}

/// `cargo xtask helppage`'s usage.
pub const USAGE: &str = "\
usage: cargo xtask helppage --schema <dir> --out <dir>
       cargo xtask helppage --invisible

  writes the help pages the ASP.NET Web API Help Page template would render for the schema:
  index.html, Api/<id>.html and Api/<id>.txt (the text scrape form), ResourceModel/<name>.html;
  --invisible lists the schema facts an API page cannot show, and how the importer gets them
";

/// The `--invisible` list: each fact, how the importer gets it, and why the page cannot show it.
pub fn invisible_list() -> String {
    use invisible::{Handling, Invisible};
    let mut out = String::new();
    for i in Invisible::ALL {
        let how = match i.handling() {
            Handling::Flag(f) => format!("import flag {f}"),
            Handling::Reported(r) => format!("reported (\"{r}\")"),
            Handling::Ours => "ours, not the service's".to_owned(),
        };
        out.push_str(&format!("{i:?}: {how}: {}\n", i.reason()));
    }
    out
}

/// Runs `cargo xtask helppage --schema <dir> --out <dir>`.
pub fn run(args: &[&str]) -> Result<(), HelpPageError> {
    if args == ["--invisible"] {
        print!("{}", invisible_list());
        return Ok(());
    }
    let (mut schema, mut out) = (None, None);
    let mut it = args.iter();
    while let Some(&arg) = it.next() {
        let slot = match arg {
            "--schema" => &mut schema,
            "--out" => &mut out,
            other => {
                return Err(HelpPageError::Usage(format!(
                    "unexpected argument `{other}`\n\n{USAGE}"
                )))
            }
        };
        *slot = Some(
            it.next()
                .copied()
                .ok_or_else(|| HelpPageError::Usage(format!("{arg} needs a value\n\n{USAGE}")))?,
        );
    }
    let (Some(schema), Some(out)) = (schema, out) else {
        return Err(HelpPageError::Usage(format!(
            "helppage needs --schema and --out\n\n{USAGE}"
        )));
    };
    let root = crate::workspace_root();
    let api = h2h_schema::load_dir(std::path::Path::new(schema), &root)
        .map_err(|e| HelpPageError::Schema(e.to_string()))?;
    let files = site(&api);
    let out = std::path::Path::new(out);
    for f in &files {
        let path = out.join(&f.path);
        let write = |path: &std::path::Path| -> std::io::Result<()> {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(path, &f.text)
        };
        write(&path).map_err(|source| HelpPageError::Write {
            path: path.clone(),
            source,
        })?;
    }
    println!("{}: {} pages written", out.display(), files.len());
    Ok(())
}
