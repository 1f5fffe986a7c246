//! `cargo xtask import --site <dir>`: a saved help site in one command. The folder holds the
//! index page (`index.html`), the API pages (`Api/<id>.html`, or the text scrape
//! `Api/<id>.txt`) and the ResourceModel pages (`ResourceModel/<name>.html`), as
//! `cargo xtask helppage` writes them. The model pages give every enum constant, every type's
//! documentation and the tables of nested contracts; the API pages are imported one after the
//! other into the schema folder, each merging into what the ones before wrote.

use std::path::{Path, PathBuf};

use h2h_schema::SourceFile;

use super::infer::Options;
use super::model::Report;
use super::page::{read_model_page, ModelPage};

/// Why a site could not be imported.
#[derive(Debug)]
pub enum SiteError {
    /// A file or folder could not be read.
    Read {
        /// The path.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// A ResourceModel page could not be read.
    ModelPage {
        /// The page.
        path: PathBuf,
        /// Where and why.
        error: super::page::PageError,
    },
    /// The folder has no API page.
    NoApiPage(PathBuf),
    /// The schema folder has errors, or an API page could not be imported (the importer's
    /// message).
    Import(String),
}

impl std::fmt::Display for SiteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SiteError::Read { path, source } => {
                write!(f, "cannot read {}: {source}", path.display())
            }
            SiteError::ModelPage { path, error } => write!(f, "{}: {error}", path.display()),
            SiteError::NoApiPage(dir) => write!(
                f,
                "{}: no API page (`Api/<id>.html` or `Api/<id>.txt`)",
                dir.display()
            ),
            SiteError::Import(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for SiteError {}

/// A saved help site, read.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// The API pages, in the index's order: (file name, text).
    pub api_pages: Vec<(String, String)>,
    /// The ResourceModel pages.
    pub models: Vec<ModelPage>,
}

fn read(path: &Path) -> Result<String, SiteError> {
    std::fs::read_to_string(path).map_err(|source| SiteError::Read {
        path: path.to_path_buf(),
        source,
    })
}

fn list(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, SiteError> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|source| SiteError::Read {
            path: dir.to_path_buf(),
            source,
        })?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    out.sort();
    Ok(out)
}

/// The API ids the index links to (`/Help/Api/{id}`), in its order.
fn index_ids(index: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = index;
    while let Some(at) = rest.find("/Help/Api/") {
        rest = &rest[at + "/Help/Api/".len()..];
        let id: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || "-_.~%".contains(*c))
            .collect();
        if !id.is_empty() && !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// Reads a site folder: the index (if any) orders the API pages; an API page is its HTML,
/// or its text scrape when there is no HTML.
pub fn read_site(dir: &Path) -> Result<Site, SiteError> {
    let api_dir = dir.join("Api");
    let mut stems: Vec<String> = Vec::new();
    for ext in ["html", "txt"] {
        for p in list(&api_dir, ext)? {
            if let Some(stem) = p.file_stem().and_then(|s| s.to_str()) {
                if !stems.iter().any(|s| s == stem) {
                    stems.push(stem.to_owned());
                }
            }
        }
    }
    let index = dir.join("index.html");
    if index.is_file() {
        let ids = index_ids(&read(&index)?);
        stems.sort_by_key(|s| ids.iter().position(|i| i == s).unwrap_or(usize::MAX));
    }
    let mut site = Site::default();
    for stem in stems {
        let html = api_dir.join(format!("{stem}.html"));
        let path = if html.is_file() {
            html
        } else {
            api_dir.join(format!("{stem}.txt"))
        };
        let name = path
            .file_name()
            .map_or_else(|| stem.clone(), |n| n.to_string_lossy().into_owned());
        site.api_pages.push((name, read(&path)?));
    }
    for p in list(&dir.join("ResourceModel"), "html")? {
        let model = read_model_page(&read(&p)?).map_err(|error| SiteError::ModelPage {
            path: p.clone(),
            error,
        })?;
        site.models.push(model);
    }
    if site.api_pages.is_empty() {
        return Err(SiteError::NoApiPage(dir.to_path_buf()));
    }
    Ok(site)
}

/// What a site import produced.
pub struct SiteOutcome {
    /// Each API page's name and report.
    pub reports: Vec<(String, Report)>,
    /// The schema folder's files after every page.
    pub files: Vec<SourceFile>,
    /// The schema after every page, validated.
    pub api: h2h_schema::Api,
    /// A page differs from the schema (or from a page before it) and `force` is off.
    pub blocked: bool,
}

/// Imports every API page of a site, in order, each into the folder the ones before left;
/// the ResourceModel pages go to every page's inference (`options.models`).
pub fn import_site(
    site: &Site,
    files: &[SourceFile],
    schema_dir: &Path,
    root: &Path,
    options: &Options,
    force: bool,
) -> Result<SiteOutcome, SiteError> {
    let mut options = options.clone();
    options.models.clone_from(&site.models);
    let mut files = files.to_vec();
    let mut reports = Vec::new();
    let mut blocked = false;
    let mut api = h2h_schema::load_sources(&files).map_err(|d| SiteError::Import(d.to_string()))?;
    for (name, text) in &site.api_pages {
        let outcome = super::import(text, name, &files, schema_dir, None, root, &options, force)
            .map_err(SiteError::Import)?;
        blocked |= outcome.plan.blocked;
        if !outcome.plan.blocked {
            files = outcome.plan.files;
            api = outcome.api;
        }
        reports.push((name.clone(), outcome.report));
    }
    Ok(SiteOutcome {
        reports,
        files,
        api,
        blocked,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_links_in_order() {
        let index = r#"<a href="/Help/Api/POST-Session-Logout">x</a><a href="/Help/Api/GET-api-Items_page">y</a><a href="/Help/Api/POST-Session-Logout">z</a>"#;
        assert_eq!(
            index_ids(index),
            ["POST-Session-Logout", "GET-api-Items_page"]
        );
    }

    #[test]
    fn a_folder_without_pages_is_an_error() {
        let dir = std::env::temp_dir().join("h2h-site-empty-test");
        let _ = std::fs::create_dir_all(&dir);
        let e = read_site(&dir)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("no API page"), "{e}");
    }
}
