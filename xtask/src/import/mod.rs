//! `cargo xtask import <page>`: a help page of the ASP.NET Web API Help Page template (its
//! HTML, 5.1+ or legacy layout, or a text scrape) → schema entries.
//!
//! page (`html` / `text` → `blocks`) → `page::Page` (sections, tables, samples) → `infer`
//! (tables plus what only the samples show) → `model::Model` → `merge` (against the schema
//! folder: same entries kept, conflicts reported) → `emit` (TOML) → validated with
//! h2h-schema and checked by `verify` (the schema regenerates the page's samples).

pub(crate) mod blocks;
mod emit;
pub(crate) mod html;
pub(crate) mod infer;
mod merge;
pub(crate) mod model;
pub(crate) mod page;
pub(crate) mod sample;
pub(crate) mod site;
pub(crate) mod text;
pub(crate) mod types;
pub mod verify;

#[cfg(test)]
mod tests;

use std::path::PathBuf;

use model::{Kind, Report};

pub const USAGE: &str = "\
usage: cargo xtask import <page> [options]
       cargo xtask import --site <dir> [options]

  <page>                 a help page: the template's HTML (5.1+ or legacy layout) or its
                         text scrape
  --site <dir>           a saved site: index.html, Api/<id>.html (or .txt), and
                         ResourceModel/<name>.html (every enum constant, every type's
                         documentation, nested contracts' tables); as `cargo xtask helppage`
                         writes it
  --schema-dir <dir>     schema folder to merge into (default schema/api)
  --file <name.toml>     file to write or append to, inside the schema folder
                         (default: from the route's first segment, e.g. session.toml)
  --namespace <ns>       CLR namespace when no XML sample shows one
  --base <C>=<Base>      name of C's base class (the page cannot show it; default Base<C>)
  --type <C.member>=<T>  name of a nested type the page does not show
  --force                replace schema entries that differ from the page
  --dry-run              print what would be written, write nothing
";

struct Args {
    page: PathBuf,
    site: Option<PathBuf>,
    schema_dir: Option<PathBuf>,
    file: Option<PathBuf>,
    force: bool,
    dry_run: bool,
    options: infer::Options,
}

fn pair(flag: &str, value: &str) -> Result<(String, String), String> {
    value
        .split_once('=')
        .filter(|(a, b)| !a.is_empty() && !b.is_empty())
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .ok_or_else(|| format!("{flag} needs `Name=Value`, found `{value}`"))
}

fn parse_args(args: &[&str]) -> Result<Args, String> {
    let mut page = None;
    let mut out = Args {
        page: PathBuf::new(),
        site: None,
        schema_dir: None,
        file: None,
        force: false,
        dry_run: false,
        options: infer::Options::default(),
    };
    let mut it = args.iter();
    while let Some(&arg) = it.next() {
        let mut value = |flag: &str| {
            it.next()
                .copied()
                .ok_or_else(|| format!("{flag} needs a value\n\n{USAGE}"))
        };
        match arg {
            "--schema-dir" => out.schema_dir = Some(PathBuf::from(value(arg)?)),
            "--site" => out.site = Some(PathBuf::from(value(arg)?)),
            "--file" => out.file = Some(PathBuf::from(value(arg)?)),
            "--namespace" => out.options.namespace = Some(value(arg)?.to_owned()),
            "--base" => {
                let v = value(arg)?;
                out.options.bases.push(pair(arg, v)?);
            }
            "--type" => {
                let v = value(arg)?;
                out.options.types.push(pair(arg, v)?);
            }
            "--force" => out.force = true,
            "--dry-run" => out.dry_run = true,
            a if a.starts_with("--") => return Err(format!("unknown option `{a}`\n\n{USAGE}")),
            a if page.is_none() => page = Some(PathBuf::from(a)),
            a => return Err(format!("unexpected argument `{a}`\n\n{USAGE}")),
        }
    }
    match (page, &out.site) {
        (Some(p), None) => out.page = p,
        (None, Some(_)) => {}
        (Some(_), Some(_)) => return Err(format!("a page or --site, not both\n\n{USAGE}")),
        (None, None) => return Err(format!("import needs a page\n\n{USAGE}")),
    }
    Ok(out)
}

/// Reads a page (HTML or text scrape) into the page model.
pub(crate) fn read_page(text: &str) -> Result<page::Page, page::PageError> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let lower = trimmed
        .get(..trimmed.len().min(2000))
        .unwrap_or("")
        .to_ascii_lowercase();
    let is_html = trimmed.starts_with('<')
        && (lower.contains("<html")
            || lower.contains("<h1")
            || lower.contains("<!doctype")
            || lower.contains("<body")
            || lower.contains("<div"));
    if is_html {
        page::build(&html::blocks(trimmed), page::Form::Html)
    } else {
        page::build(&text::blocks(trimmed), page::Form::Text)
    }
}

/// The group a route belongs to: its first literal segment after `api/` (`Session` of
/// `Session/Logout`, `Products` of `api/Products/{id}`). It names the schema file an import
/// writes, and the index page's controller heading.
pub(crate) fn route_group(route: &str) -> Option<&str> {
    route
        .split(['/', '?'])
        .find(|s| !s.is_empty() && !s.eq_ignore_ascii_case("api") && !s.contains('{'))
}

fn default_file(route: &str) -> PathBuf {
    let segment = route_group(route).unwrap_or("imported");
    PathBuf::from(format!("{}.toml", h2h_schema::naming::snake_case(segment)))
}

/// What an import produced: the page read, the report, the merge plan and the schema after it.
pub struct Outcome {
    /// The page model.
    pub page: page::Page,
    /// What was inferred, guessed, left undecided, and the conflicts.
    pub report: Report,
    /// The files to write.
    pub plan: merge::Plan,
    /// The schema folder after the merge, validated.
    pub api: h2h_schema::Api,
    /// Samples checked by the round trip (mismatches are in the report).
    pub round_trip: Option<usize>,
}

/// Imports a page into the schema folder's files, without writing anything.
#[allow(clippy::too_many_arguments)]
pub fn import(
    text: &str,
    page_name: &str,
    files: &[h2h_schema::SourceFile],
    schema_dir: &std::path::Path,
    file: Option<&std::path::Path>,
    root: &std::path::Path,
    options: &infer::Options,
    force: bool,
) -> Result<Outcome, String> {
    let page = read_page(text).map_err(|e| format!("{page_name}: {e}"))?;
    let existing = h2h_schema::load_sources(files).map_err(|d| {
        format!(
            "the schema folder {} has errors; fix them before importing:\n{d}",
            schema_dir.display()
        )
    })?;
    let mut report = Report::default();
    let mut model = infer::infer(&page, &existing, options, &mut report)
        .map_err(|e| format!("{page_name}: {e}"))?;
    let target = file.map_or_else(|| default_file(&page.route), std::path::Path::to_path_buf);
    let form = match page.form {
        page::Form::Html => "HTML",
        page::Form::Text => "text scrape",
    };
    let layout = match page.layout {
        page::Layout::Current => "5.1+ layout",
        page::Layout::Legacy => "legacy layout",
    };
    let mut header =
        format!("# Imported by `cargo xtask import` from {page_name} ({form}, {layout}).\n");
    let review: Vec<String> = report
        .lines
        .iter()
        .filter(|(k, _)| matches!(k, Kind::Guessed | Kind::Undecided))
        .map(|(k, l)| {
            format!(
                "# - {}: {l}\n",
                if *k == Kind::Guessed {
                    "guessed"
                } else {
                    "could not decide"
                }
            )
        })
        .collect();
    if !review.is_empty() {
        header.push_str("# Review before committing:\n");
        for r in review {
            header.push_str(&r);
        }
    }
    let plan = merge::plan(
        &mut model,
        &existing,
        files,
        schema_dir,
        &target,
        root,
        force,
        &header,
        &mut report,
    );

    // The result must validate, and regenerate the page's samples.
    let api = h2h_schema::load_sources(&plan.files).map_err(|d| {
        format!(
            "{}\nthe imported entries do not validate (nothing written):\n{d}",
            render(page_name, &page, &report)
        )
    })?;
    let size = page.layout.collection_size();
    let mut round_trip = None;
    if let Some(e) = api
        .endpoints
        .iter()
        .find(|e| e.method == page.method && e.route == page.route)
    {
        let (checked, problems) = verify::check(&api, e, size);
        if problems.is_empty() {
            round_trip = Some(checked);
        }
        for p in problems {
            report.add(Kind::Undecided, format!("round trip: {p}"));
        }
    }
    Ok(Outcome {
        page,
        report,
        plan,
        api,
        round_trip,
    })
}

/// Runs `cargo xtask import`.
pub fn run(args: &[&str]) -> Result<(), String> {
    let args = parse_args(args)?;
    let root = crate::workspace_root();
    let schema_dir = args
        .schema_dir
        .clone()
        .unwrap_or_else(|| root.join("schema/api"));
    if let Some(site) = &args.site {
        return run_site(site, &schema_dir, &root, &args);
    }
    let text = std::fs::read_to_string(&args.page)
        .map_err(|e| format!("cannot read {}: {e}", args.page.display()))?;
    let page_name = args.page.file_name().map_or_else(
        || args.page.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let files = merge::read_dir(&schema_dir)?;
    let outcome = import(
        &text,
        &page_name,
        &files,
        &schema_dir,
        args.file.as_deref(),
        &root,
        &args.options,
        args.force,
    )?;
    print!("{}", render(&page_name, &outcome.page, &outcome.report));
    if let Some(n) = outcome.round_trip {
        println!("round trip: the schema reproduces the page's {n} samples (dates and GUIDs match by form)");
    }
    let plan = outcome.plan;
    if plan.blocked {
        return Err("nothing written: the page differs from the schema (see the conflicts); review them, or pass --force to replace the schema's entries".into());
    }
    if plan.writes.is_empty() {
        println!("nothing to write: every entry is already in the schema");
        return Ok(());
    }
    let (c, e, n) = plan.counts;
    let api = &outcome.api;
    let after = format!(
        "{} contracts, {} enums, {} endpoints",
        api.contracts.len(),
        api.enums.len(),
        api.endpoints.len()
    );
    for (path, text) in &plan.writes {
        let full = schema_dir.join(path);
        if args.dry_run {
            println!("--- {} (dry run, not written)\n{text}", full.display());
        } else {
            if let Some(parent) = full.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
            }
            std::fs::write(&full, text)
                .map_err(|e| format!("cannot write {}: {e}", full.display()))?;
            println!("wrote {}", full.display());
        }
    }
    if args.dry_run {
        println!("{c} contracts, {e} enums, {n} endpoints would be written");
    } else {
        println!("{c} contracts, {e} enums, {n} endpoints written (the folder now has {after}); next: `cargo xtask regenerate`");
    }
    Ok(())
}

/// `cargo xtask import --site <dir>`.
fn run_site(
    dir: &std::path::Path,
    schema_dir: &std::path::Path,
    root: &std::path::Path,
    args: &Args,
) -> Result<(), String> {
    let site = site::read_site(dir).map_err(|e| e.to_string())?;
    let before = merge::read_dir(schema_dir)?;
    let outcome = site::import_site(&site, &before, schema_dir, root, &args.options, args.force)
        .map_err(|e| e.to_string())?;
    for (name, report) in &outcome.reports {
        println!("import {name}:");
        for (kind, title) in [
            (Kind::Guessed, "guessed"),
            (Kind::Undecided, "could not decide"),
            (Kind::Conflict, "conflicts with the schema"),
        ] {
            let lines = report.of(kind);
            if !lines.is_empty() {
                println!("  {title}:");
                for l in lines {
                    println!("    - {l}");
                }
            }
        }
    }
    if outcome.blocked {
        return Err("nothing written: a page differs from the schema (see the conflicts); review them, or pass --force".into());
    }
    let mut written = 0;
    for f in &outcome.files {
        let unchanged = before.iter().any(|b| b.path == f.path && b.text == f.text);
        if unchanged {
            continue;
        }
        let full = schema_dir.join(&f.path);
        written += 1;
        if args.dry_run {
            println!("--- {} (dry run, not written)\n{}", full.display(), f.text);
            continue;
        }
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&full, &f.text)
            .map_err(|e| format!("cannot write {}: {e}", full.display()))?;
        println!("wrote {}", full.display());
    }
    let api = &outcome.api;
    println!(
        "{} API pages and {} model pages imported; {written} files {}; the folder has {} contracts, {} enums, {} endpoints",
        site.api_pages.len(),
        site.models.len(),
        if args.dry_run { "would be written" } else { "written" },
        api.contracts.len(),
        api.enums.len(),
        api.endpoints.len()
    );
    Ok(())
}

fn render(page_name: &str, page: &page::Page, report: &Report) -> String {
    let mut out = format!("import {page_name}: {} {}\n", page.method, page.route);
    for (kind, title) in [
        (Kind::Inferred, "inferred"),
        (Kind::Guessed, "guessed"),
        (Kind::Undecided, "could not decide"),
        (Kind::Conflict, "conflicts with the schema"),
    ] {
        let lines = report.of(kind);
        if lines.is_empty() {
            continue;
        }
        out.push_str(&format!("{title}:\n"));
        for l in lines {
            out.push_str(&format!("  - {l}\n"));
        }
    }
    out
}
