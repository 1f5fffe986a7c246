//! The parsed page model: title, summary, URI parameters, the request and response bodies with
//! their tables, and the sample groups. Built from the block stream of either reader; every
//! failure names the section that could not be read.

use super::blocks::{Block, Cell, Table};

/// Which version of the Help Page template rendered the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// 5.1 and later: URI Parameters / Body Parameters / Resource Description tables.
    Current,
    /// The 2012 / 5.0 template: a Parameters table and body formats, no member tables.
    Legacy,
}

impl Layout {
    /// The sample generator's collection size on pages of this template.
    pub fn collection_size(self) -> usize {
        match self {
            Layout::Current => dotnet_rules::sample::COLLECTION_SIZE,
            Layout::Legacy => dotnet_rules::sample::LEGACY_COLLECTION_SIZE,
        }
    }
}

/// What the page was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The template's HTML.
    Html,
    /// A text scrape.
    Text,
}

/// A help page.
#[derive(Debug, Clone)]
pub struct Page {
    /// Template version.
    pub layout: Layout,
    /// HTML or text.
    pub form: Form,
    /// HTTP method.
    pub method: String,
    /// Relative path as the title shows it.
    pub route: String,
    /// The action's documentation.
    pub summary: String,
    /// URI parameters.
    pub uri_parameters: Vec<Row>,
    /// The request body.
    pub request: Body,
    /// The response body.
    pub response: Body,
    /// Repairs and oddities the readers noticed.
    pub notes: Vec<String>,
}

/// A request or response body as documented.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// The body's documentation paragraph.
    pub doc: String,
    /// The "Type" text of the body (`AuthRequest`, `Collection of Item`, `string`).
    pub type_text: Option<String>,
    /// The member table of a complex body type.
    pub rows: Option<Vec<Row>>,
    /// The page says "None." (no body).
    pub none: bool,
    /// The legacy layout's body parameter name.
    pub parameter: Option<String>,
    /// Sample groups.
    pub samples: Vec<SampleGroup>,
}

/// A row of a parameter or member table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// Name (the JSON name).
    pub name: String,
    /// Description.
    pub description: String,
    /// The Type column's text, if the table has one.
    pub type_text: Option<String>,
    /// The Type column is a link (a complex or enum type).
    pub type_is_link: bool,
    /// The "Additional information" column, one entry per paragraph; "None." dropped.
    pub annotations: Vec<String>,
}

/// One sample group: media types and what the page shows for them.
#[derive(Debug, Clone, PartialEq)]
pub struct SampleGroup {
    /// The media types joined under one header.
    pub media_types: Vec<String>,
    /// The sample.
    pub content: SampleContent,
}

/// What a sample group shows.
#[derive(Debug, Clone, PartialEq)]
pub enum SampleContent {
    /// A text sample, verbatim.
    Text(String),
    /// "Sample not available."
    NotAvailable,
    /// A failure message (debug sites).
    Failed(String),
}

/// A ResourceModel page (`/Help/ResourceModel?modelName={name}`, HELPPAGE.md §3.7–3.8).
#[derive(Debug, Clone, PartialEq)]
pub struct ModelPage {
    /// The model name (the CLR name).
    pub name: String,
    /// The type's documentation.
    pub doc: String,
    /// What it shows.
    pub kind: ModelKind,
}

/// The content of a ResourceModel page.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelKind {
    /// "Possible enumeration values:": every constant, in declaration order.
    Enum(Vec<EnumRow>),
    /// A complex type's member table (empty: "None.").
    Complex(Vec<Row>),
}

/// A row of an enum's table.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumRow {
    /// The CLR field name (not `[EnumMember(Value)]`).
    pub name: String,
    /// The number.
    pub value: i64,
    /// Its documentation.
    pub description: String,
}

/// Reads a ResourceModel page (its HTML): the model name, its documentation, and the enum
/// table (Name | Value | Description) or the member table.
pub fn read_model_page(text: &str) -> Result<ModelPage, PageError> {
    let blocks = super::html::blocks(text);
    let Some(h1) = blocks
        .iter()
        .position(|b| matches!(b, Block::Heading(1, _)))
    else {
        return Err(error(
            "title",
            "no `<h1>` model name: is this a ResourceModel page?",
        ));
    };
    let Block::Heading(_, name) = &blocks[h1] else {
        return Err(error("title", "no `<h1>` model name"));
    };
    let rest = &blocks[h1 + 1..];
    let mut doc = Vec::new();
    let mut is_enum = false;
    let mut none = false;
    let mut table = None;
    for b in rest {
        match b {
            Block::Para(p) if p == "Possible enumeration values:" => is_enum = true,
            Block::Para(p) if p == "None." => none = true,
            Block::Para(p) | Block::Inline(p) if table.is_none() && !is_enum && !p.is_empty() => {
                doc.push(p.clone());
            }
            Block::Table(t) if table.is_none() => table = Some(t),
            _ => {}
        }
    }
    let kind = match (is_enum, table) {
        (true, Some(t)) => {
            let mut values = Vec::new();
            for cells in &t.rows {
                let get = |i: usize| cells.get(i).map(|c| c.text.clone()).unwrap_or_default();
                let value = get(1).parse::<i64>().map_err(|_| {
                    error(
                        "Possible enumeration values",
                        format!("`{}` has no number (found `{}`)", get(0), get(1)),
                    )
                })?;
                values.push(EnumRow {
                    name: get(0),
                    value,
                    description: get(2),
                });
            }
            ModelKind::Enum(values)
        }
        (true, None) => ModelKind::Enum(Vec::new()),
        (false, Some(t)) => ModelKind::Complex(rows_of(name, t)?),
        (false, None) if none => ModelKind::Complex(Vec::new()),
        (false, None) => {
            return Err(error(
                name,
                "neither a member table, \"None.\" nor \"Possible enumeration values:\"",
            ))
        }
    };
    Ok(ModelPage {
        name: name.clone(),
        doc: doc.join(" "),
        kind,
    })
}

/// A page that could not be read, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct PageError {
    /// The section (`title`, `Body Parameters`, `Response Formats`, …).
    pub section: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "cannot read section `{}`: {}",
            self.section, self.message
        )
    }
}

fn error(section: &str, message: impl Into<String>) -> PageError {
    PageError {
        section: section.to_owned(),
        message: message.into(),
    }
}

const CURRENT_SECTIONS: &[&str] = &[
    "URI Parameters",
    "Body Parameters",
    "Request Formats",
    "Resource Description",
    "Response Formats",
];
const LEGACY_SECTIONS: &[&str] = &[
    "Parameters",
    "Request body formats",
    "Response body formats",
];

/// Builds the page model from blocks.
pub fn build(blocks: &[Block], form: Form) -> Result<Page, PageError> {
    let Some(h1) = blocks
        .iter()
        .position(|b| matches!(b, Block::Heading(1, _)))
    else {
        return Err(error(
            "title",
            "no `<h1>` title (`METHOD route`): is this an API page of the ASP.NET Web API Help Page?",
        ));
    };
    let Block::Heading(_, title) = &blocks[h1] else {
        unreachable!()
    };
    let (method, route) = title.split_once(' ').unwrap_or((title.as_str(), ""));
    let method = method.trim();
    let route = route.trim();
    if method.is_empty()
        || !method.chars().all(|c| c.is_ascii_uppercase())
        || route.is_empty()
        || route.contains(' ')
    {
        return Err(error(
            "title",
            format!("expected `METHOD route` (as `POST Session/Logout`), found `{title}`"),
        ));
    }
    let rest = &blocks[h1 + 1..];
    let first_h2 = rest
        .iter()
        .position(|b| matches!(b, Block::Heading(2, _)))
        .unwrap_or(rest.len());
    let summary: Vec<&str> = rest[..first_h2]
        .iter()
        .filter_map(|b| match b {
            Block::Para(t) | Block::Inline(t) => Some(t.as_str()),
            _ => None,
        })
        .filter(|t| !t.is_empty())
        .collect();
    let h3s: Vec<&str> = rest
        .iter()
        .filter_map(|b| match b {
            Block::Heading(3, t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    let has = |list: &[&str]| {
        h3s.iter()
            .any(|h| list.iter().any(|l| l.eq_ignore_ascii_case(h)))
    };
    let layout = if has(CURRENT_SECTIONS) {
        Layout::Current
    } else if has(LEGACY_SECTIONS) {
        Layout::Legacy
    } else {
        return Err(error(
            "Request Information",
            "no known section (`Body Parameters`, `Request Formats`, `Resource Description`, `Response Formats`, or the legacy `Parameters`, `Request body formats`, `Response body formats`)",
        ));
    };
    let mut page = Page {
        layout,
        form,
        method: method.to_owned(),
        route: route.to_owned(),
        summary: summary.join(" "),
        uri_parameters: Vec::new(),
        request: Body::default(),
        response: Body::default(),
        notes: Vec::new(),
    };
    // Split into (h2, h3, blocks) sections.
    let mut h2 = String::new();
    let mut i = first_h2;
    while i < rest.len() {
        match &rest[i] {
            Block::Heading(2, t) => {
                h2 = t.clone();
                i += 1;
            }
            Block::Heading(3, t) => {
                let end = rest[i + 1..]
                    .iter()
                    .position(|b| matches!(b, Block::Heading(1..=3, _)))
                    .map_or(rest.len(), |p| i + 1 + p);
                section(&mut page, &h2, t, &rest[i + 1..end])?;
                i = end;
            }
            _ => i += 1,
        }
    }
    Ok(page)
}

fn section(page: &mut Page, h2: &str, h3: &str, blocks: &[Block]) -> Result<(), PageError> {
    let is_response = h2.eq_ignore_ascii_case("Response Information");
    let name = h3.to_ascii_lowercase();
    match name.as_str() {
        "uri parameters" => {
            page.uri_parameters = parameter_rows(h3, blocks, page)?.unwrap_or_default();
        }
        "body parameters" | "resource description" => {
            let body = if name == "body parameters" {
                &mut page.request
            } else {
                &mut page.response
            };
            read_body(h3, blocks, body, page.form, &mut page.notes)?;
        }
        "request formats" | "request body formats" => {
            page.request.samples = samples(h3, blocks)?;
        }
        "response formats" | "response body formats" => {
            page.response.samples = samples(h3, blocks)?;
        }
        "parameters" => {
            let table = blocks.iter().find_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            });
            let Some(table) = table else {
                if blocks
                    .iter()
                    .any(|b| matches!(b, Block::Para(p) if p == "None."))
                {
                    return Ok(());
                }
                return Err(error(
                    h3,
                    "expected a table Name | Description | Additional information",
                ));
            };
            for row in &table.rows {
                let get = |i: usize| row.get(i).map(|c| c.text.clone()).unwrap_or_default();
                let name = get(0);
                let mut description = get(1);
                if description == "No documentation available." {
                    description.clear();
                }
                let source = get(2);
                if source.contains("request body") {
                    page.request.parameter = Some(name);
                } else {
                    page.uri_parameters.push(Row {
                        name,
                        description,
                        type_text: None,
                        type_is_link: false,
                        annotations: Vec::new(),
                    });
                }
            }
        }
        _ => {
            page.notes.push(format!(
                "section `{h3}`{} is not one the template writes; skipped",
                if is_response { " (response)" } else { "" }
            ));
        }
    }
    Ok(())
}

fn column(header: &[String], name: &str, fallback: usize) -> usize {
    header
        .iter()
        .position(|h| h.eq_ignore_ascii_case(name))
        .unwrap_or(fallback)
}

fn rows_of(h3: &str, table: &Table) -> Result<Vec<Row>, PageError> {
    let header = &table.header;
    if header.len() < 4 || !header.iter().any(|h| h.eq_ignore_ascii_case("Type")) {
        return Err(error(
            h3,
            format!(
                "expected a table Name | Description | Type | Additional information, found the columns {}",
                if header.is_empty() { "(none)".to_owned() } else { header.join(" | ") }
            ),
        ));
    }
    let name = column(header, "Name", 0);
    let doc = column(header, "Description", 1);
    let ty = column(header, "Type", 2);
    let ann = column(header, "Additional information", 3);
    let mut rows = Vec::new();
    for (n, cells) in table.rows.iter().enumerate() {
        let empty = Cell::default();
        let cell = |i: usize| cells.get(i).unwrap_or(&empty);
        let row_name = cell(name).text.clone();
        if row_name.is_empty() || row_name.contains(' ') {
            return Err(error(
                h3,
                format!("row {} has no member name (found `{}`)", n + 1, row_name),
            ));
        }
        let type_text = cell(ty).text.clone();
        if type_text.is_empty() {
            return Err(error(h3, format!("row `{row_name}` has no type")));
        }
        let annotations = if cell(ann).paras.is_empty() {
            vec![cell(ann).text.clone()]
        } else {
            cell(ann).paras.clone()
        };
        rows.push(Row {
            name: row_name,
            description: cell(doc).text.clone(),
            type_is_link: cell(ty).link,
            type_text: Some(type_text),
            annotations: annotations
                .into_iter()
                .filter(|a| !a.is_empty() && a != "None.")
                .collect(),
        });
    }
    Ok(rows)
}

fn parameter_rows(
    h3: &str,
    blocks: &[Block],
    page: &mut Page,
) -> Result<Option<Vec<Row>>, PageError> {
    for b in blocks {
        match b {
            Block::Table(t) => {
                page.notes
                    .extend(t.notes.iter().map(|n| format!("{h3}: {n}")));
                return rows_of(h3, t).map(Some);
            }
            Block::Para(p) if p == "None." => return Ok(None),
            _ => {}
        }
    }
    Err(error(h3, "expected a parameter table or \"None.\""))
}

fn is_type_text(text: &str) -> bool {
    super::types::TypeText::parse(text)
        .is_some_and(|t| !matches!(t, super::types::TypeText::Named(_)))
}

fn read_body(
    h3: &str,
    blocks: &[Block],
    body: &mut Body,
    form: Form,
    notes: &mut Vec<String>,
) -> Result<(), PageError> {
    let mut paras: Vec<String> = Vec::new();
    for b in blocks {
        match b {
            // A text scrape writes a complex type without members as its name, then "None.".
            Block::Para(p)
                if p == "None."
                    && body.type_text.is_none()
                    && form == Form::Text
                    && paras
                        .last()
                        .is_some_and(|l| super::types::TypeText::parse(l).is_some()) =>
            {
                body.type_text = paras.pop();
                body.rows = Some(Vec::new());
            }
            Block::Para(p) if p == "None." && body.type_text.is_none() => body.none = true,
            Block::Para(p) if p == "None." => body.rows = Some(Vec::new()),
            Block::Para(p) => paras.push(p.clone()),
            Block::Inline(t) => {
                if body.type_text.is_some() {
                    return Err(error(
                        h3,
                        format!(
                            "two body types: `{}` and `{t}`",
                            body.type_text.as_deref().unwrap_or("")
                        ),
                    ));
                }
                body.type_text = Some(t.clone());
            }
            Block::Table(t) => {
                notes.extend(t.notes.iter().map(|n| format!("{h3}: {n}")));
                body.rows = Some(rows_of(h3, t)?);
            }
            _ => {}
        }
    }
    // A text scrape writes a simple body type as a line of its own, after the documentation.
    if body.type_text.is_none() && form == Form::Text && !body.none {
        if let Some(last) = paras.last() {
            if is_type_text(last) {
                body.type_text = paras.pop();
            }
        }
    }
    paras.retain(|p| !p.is_empty());
    body.doc = paras.join(" ");
    if body.type_text.is_none() && !body.none {
        if body.rows.is_some() {
            return Err(error(
                h3,
                "a member table without the body type's name before it",
            ));
        }
        return Err(error(
            h3,
            "expected the body type (a type name or link) or \"None.\"",
        ));
    }
    Ok(())
}

fn samples(h3: &str, blocks: &[Block]) -> Result<Vec<SampleGroup>, PageError> {
    let mut groups: Vec<SampleGroup> = Vec::new();
    let mut current: Option<Vec<String>> = None;
    let mut labelled = false;
    for b in blocks {
        match b {
            Block::Heading(4, t) => {
                if let Some(types) = current.take() {
                    return Err(error(h3, format!("no sample under `{}`", types.join(", "))));
                }
                current = Some(
                    t.split(',')
                        .map(|s| s.trim().to_owned())
                        .filter(|s| !s.is_empty())
                        .collect(),
                );
                labelled = false;
            }
            Block::SampleLabel => labelled = true,
            Block::Pre(text) | Block::Para(text) | Block::Warning(text) | Block::Inline(text) => {
                let Some(types) = current.take() else {
                    continue; // text between groups (a footer, say)
                };
                if !labelled {
                    return Err(error(h3, format!("`{}` is not followed by `Sample:` and a sample (a cut or customized page?)", types.join(", "))));
                }
                let content = match b {
                    Block::Pre(_) => SampleContent::Text(text.clone()),
                    _ if text == "Sample not available." => SampleContent::NotAvailable,
                    _ => SampleContent::Failed(text.clone()),
                };
                groups.push(SampleGroup {
                    media_types: types,
                    content,
                });
            }
            Block::Table(_) => return Err(error(h3, "a table where samples were expected")),
            Block::Heading(..) => {}
        }
    }
    if let Some(types) = current {
        return Err(error(h3, format!("no sample under `{}`", types.join(", "))));
    }
    if groups.is_empty() {
        return Err(error(
            h3,
            "no sample group (`<h4>` media types, `Sample:`, the sample)",
        ));
    }
    Ok(groups)
}
