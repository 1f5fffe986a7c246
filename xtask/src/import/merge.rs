//! Merging the inferred entries into a schema folder: entries already there with the same
//! content are left alone, differing ones are reported as conflicts (or replaced with
//! `--force`), new ones are appended to the target file. Nothing is written unless the whole
//! folder still validates.

use std::path::{Path, PathBuf};

use h2h_schema::ir::Api;
use h2h_schema::SourceFile;

use super::emit;
use super::model::{contract_of_ir, enum_of_ir, Kind, MContract, MEndpoint, MEnum, Model, Report};
use super::types::Ty;

/// The schema files of a folder, paths relative to it, sorted.
pub fn read_dir(dir: &Path) -> Result<Vec<SourceFile>, String> {
    let mut paths = Vec::new();
    if dir.exists() {
        collect(dir, &mut paths).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    }
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let rel = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
        files.push(SourceFile { path: rel, text });
    }
    Ok(files)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

/// The outcome of a merge: the files to write (relative to the schema folder) and whether
/// conflicts kept entries from being written.
#[derive(Debug, Default)]
pub struct Plan {
    /// (relative path, new text) of every file that changes.
    pub writes: Vec<(PathBuf, String)>,
    /// Every file of the folder after the merge (for validation and the round trip).
    pub files: Vec<SourceFile>,
    /// Conflicts were found and `--force` was not given.
    pub blocked: bool,
    /// What is written: (contracts, enums, endpoints).
    pub counts: (usize, usize, usize),
}

/// Differences in what the page documents in words (descriptions, additional information):
/// reported, the schema's text kept, not a conflict.
fn text_differences(old: &MContract, new: &MContract) -> Vec<String> {
    let mut out = Vec::new();
    for m in &new.members {
        let Some(o) = old.members.iter().find(|o| o.name == m.name) else {
            continue;
        };
        if !m.description.is_empty() && o.description != m.description {
            out.push(format!(
                "`{}` description: schema {:?}, page {:?}",
                m.name, o.description, m.description
            ));
        }
        if o.additional_information != m.additional_information {
            out.push(format!(
                "`{}` additional information: schema {:?}, page {:?}",
                m.name, o.additional_information, m.additional_information
            ));
        }
    }
    out
}

fn differences_contract(old: &MContract, new: &MContract) -> Vec<String> {
    let mut out = Vec::new();
    if old.base != new.base {
        let show =
            |b: &Option<(String, String)>| b.as_ref().map_or("none".to_owned(), |(_, n)| n.clone());
        out.push(format!(
            "base: schema {}, page {}",
            show(&old.base),
            show(&new.base)
        ));
    }
    if old.data_contract != new.data_contract {
        out.push(format!(
            "data contract: schema {:?}, page {:?}",
            old.data_contract, new.data_contract
        ));
    }
    let visible = |c: &MContract| -> Vec<String> {
        c.members
            .iter()
            .filter(|m| m.note.is_none())
            .map(|m| m.name.clone())
            .collect()
    };
    let names_old: Vec<String> = old.members.iter().map(|m| m.name.clone()).collect();
    let names_new: Vec<String> = new.members.iter().map(|m| m.name.clone()).collect();
    let mut sorted_old = names_old.clone();
    let mut sorted_new = names_new.clone();
    sorted_old.sort();
    sorted_new.sort();
    if sorted_old != sorted_new {
        out.push(format!(
            "members: schema {}, page {}",
            names_old.join(", "),
            names_new.join(", ")
        ));
        return out;
    }
    // Hidden members' position is not observable; compare the order of the others.
    let vis = visible(new);
    let old_order: Vec<String> = names_old
        .iter()
        .filter(|n| vis.contains(n))
        .cloned()
        .collect();
    if old_order != vis {
        out.push(format!(
            "member order: schema {}, page {}",
            old_order.join(", "),
            vis.join(", ")
        ));
    }
    for m in &new.members {
        let Some(o) = old.members.iter().find(|o| o.name == m.name) else {
            continue;
        };
        let ns = &new.namespace;
        if o.ty != m.ty {
            out.push(format!(
                "`{}` type: schema {}, page {}",
                m.name,
                o.ty.expr(ns),
                m.ty.expr(ns)
            ));
        }
        if o.hides_base != m.hides_base {
            out.push(format!(
                "`{}` new: schema {}, page {}",
                m.name, o.hides_base, m.hides_base
            ));
        }
        if o.order != m.order {
            out.push(format!(
                "`{}` order: schema {:?}, page {:?}",
                m.name, o.order, m.order
            ));
        }
    }
    out
}

fn differences_endpoint(old: &MEndpoint, new: &MEndpoint) -> Vec<String> {
    let mut out = Vec::new();
    let ty = |t: &Option<Ty>| t.as_ref().map_or("none".to_owned(), |t| t.expr(""));
    if old.summary != new.summary && !new.summary.is_empty() {
        out.push(format!(
            "summary: schema {:?}, page {:?}",
            old.summary, new.summary
        ));
    }
    if old.request != new.request {
        out.push(format!(
            "request: schema {}, page {}",
            ty(&old.request),
            ty(&new.request)
        ));
    }
    if old.response != new.response {
        out.push(format!(
            "response: schema {}, page {}",
            ty(&old.response),
            ty(&new.response)
        ));
    }
    if old.request_formats != new.request_formats || old.response_formats != new.response_formats {
        out.push("formats differ".into());
    }
    if old.uri_parameters != new.uri_parameters {
        out.push("URI parameters differ".into());
    }
    if old.samples != new.samples {
        out.push("samples differ".into());
    }
    out
}

fn endpoint_of_ir(api: &Api, e: &h2h_schema::ir::Endpoint) -> MEndpoint {
    use super::model::{ty_of_ir, MSample, MUriParameter};
    MEndpoint {
        method: e.method.clone(),
        route: e.route.clone(),
        summary: e.summary.clone(),
        uri_parameters: e
            .uri_parameters
            .iter()
            .map(|p| MUriParameter {
                name: p.name.clone(),
                ty: ty_of_ir(api, &p.ty),
                description: p.description.clone(),
                additional_information: p.additional_information.clone(),
            })
            .collect(),
        request: e.request.as_ref().map(|t| ty_of_ir(api, t)),
        response: e.response.as_ref().map(|t| ty_of_ir(api, t)),
        request_formats: e.request_formats.clone(),
        response_formats: e.response_formats.clone(),
        samples: e
            .samples
            .iter()
            .map(|s| MSample {
                direction: match s.direction {
                    h2h_schema::ir::Direction::Request => "request",
                    h2h_schema::ir::Direction::Response => "response",
                },
                media_types: s.media_types.clone(),
                text: s.text.clone(),
            })
            .collect(),
    }
}

/// A block to remove: file and the 1-based line of its name (or route).
struct Removal {
    path: PathBuf,
    line: usize,
}

fn is_top_header(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("[[contract]]") || t.starts_with("[[enum]]") || t.starts_with("[[endpoint]]")
}

/// Removes the top-level `[[…]]` blocks holding the given lines (with the comment lines
/// directly above them).
fn remove_blocks(text: &str, lines: &[usize]) -> String {
    let all: Vec<&str> = text.split_inclusive('\n').collect();
    let mut drop = vec![false; all.len()];
    for &line in lines {
        let at = line.saturating_sub(1).min(all.len().saturating_sub(1));
        let Some(start) = (0..=at).rev().find(|&i| is_top_header(all[i])) else {
            continue;
        };
        let end = (start + 1..all.len())
            .find(|&i| is_top_header(all[i]))
            .unwrap_or(all.len());
        // Comments directly above the next header belong to it.
        let mut end = end;
        while end > start + 1 && end < all.len() && all[end - 1].trim_start().starts_with('#') {
            end -= 1;
        }
        let mut begin = start;
        while begin > 0
            && all[begin - 1].trim_start().starts_with('#')
            && !all[begin - 1].starts_with("#:schema")
        {
            begin -= 1;
        }
        for d in &mut drop[begin..end] {
            *d = true;
        }
    }
    all.iter()
        .zip(drop)
        .filter(|(_, d)| !d)
        .map(|(l, _)| *l)
        .collect()
}

fn file_namespace(text: &str) -> Option<String> {
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            return None;
        }
        if let Some(rest) = t.strip_prefix("namespace") {
            let rest = rest.trim_start().strip_prefix('=')?.trim();
            return Some(rest.trim_matches('"').to_owned());
        }
    }
    None
}

/// Relative path from the schema folder to `schema/schema.json`, for `#:schema`.
fn schema_ref(schema_dir: &Path, target: &Path, root: &Path) -> Option<String> {
    let json = root.join("schema").join("schema.json");
    let dir = schema_dir.join(target).parent()?.to_path_buf();
    let dir = std::fs::canonicalize(&dir).ok().or(Some(dir))?;
    let json = std::fs::canonicalize(&json).ok()?;
    let root = std::fs::canonicalize(root).ok()?;
    if !dir.starts_with(&root) {
        return None; // a folder outside the workspace: no relative reference
    }
    let common = dir.ancestors().find(|a| json.starts_with(a))?;
    let ups = dir.strip_prefix(common).ok()?.components().count();
    let down = json.strip_prefix(common).ok()?;
    let mut s = "../".repeat(ups);
    s.push_str(&down.to_string_lossy());
    Some(s)
}

/// Merges the model into the folder's files.
#[allow(clippy::too_many_arguments)]
pub fn plan(
    model: &mut Model,
    existing: &Api,
    files: &[SourceFile],
    schema_dir: &Path,
    target: &Path,
    root: &Path,
    force: bool,
    header: &str,
    report: &mut Report,
) -> Plan {
    let mut removals: Vec<Removal> = Vec::new();
    let mut blocked = false;
    let origin = |o: &h2h_schema::ir::Origin| format!("{}:{}", o.path.display(), o.line);
    for c in model.contracts.iter_mut().filter(|c| !c.reused) {
        let Some((i, old)) = existing
            .contracts
            .iter()
            .enumerate()
            .find(|(_, o)| o.clr_namespace == c.namespace && o.clr_name == c.name)
        else {
            continue;
        };
        let known = contract_of_ir(existing, h2h_schema::ir::ContractId(i));
        let diffs = differences_contract(&known, c);
        if diffs.is_empty() {
            c.reused = true;
            report.add(
                Kind::Inferred,
                format!(
                    "`{}` is already in the schema ({}) with the same members; left as it is",
                    c.name,
                    origin(&old.origin)
                ),
            );
            let texts = text_differences(&known, c);
            if !texts.is_empty() {
                report.add(
                    Kind::Conflict,
                    format!(
                        "`{}` ({}): the page's texts differ, the schema's are kept: {}",
                        c.name,
                        origin(&old.origin),
                        texts.join("; ")
                    ),
                );
            }
        } else if force {
            report.add(
                Kind::Conflict,
                format!(
                    "`{}` differs from the schema's ({}): {}; replaced (--force)",
                    c.name,
                    origin(&old.origin),
                    diffs.join("; ")
                ),
            );
            removals.push(Removal {
                path: old.origin.path.clone(),
                line: old.origin.line,
            });
        } else {
            blocked = true;
            c.reused = true;
            report.add(Kind::Conflict, format!("`{}` differs from the schema's ({}): {}; the schema's entry is kept (--force replaces it)", c.name, origin(&old.origin), diffs.join("; ")));
        }
    }
    for e in model.enums.iter_mut().filter(|e| !e.reused) {
        let Some(old) = existing
            .enums
            .iter()
            .find(|o| o.clr_namespace == e.namespace && o.clr_name == e.name)
        else {
            continue;
        };
        let known = enum_of_ir(old);
        let missing: Vec<&(String, i64)> = e
            .values
            .iter()
            .filter(|v| !known.values.contains(v))
            .collect();
        if missing.is_empty() {
            e.reused = true;
            report.add(
                Kind::Inferred,
                format!(
                    "enum `{}` is already in the schema ({}) with every value the page shows",
                    e.name,
                    origin(&old.origin)
                ),
            );
            continue;
        }
        let list: Vec<String> = missing.iter().map(|(n, v)| format!("{n} = {v}")).collect();
        if force {
            report.add(Kind::Conflict, format!("enum `{}` ({}) lacks {}; replaced by the schema's values plus the page's (--force)", e.name, origin(&old.origin), list.join(", ")));
            let mut values = known.values.clone();
            for v in &e.values {
                if !values.iter().any(|(n, _)| *n == v.0) {
                    values.push(v.clone());
                }
            }
            *e = MEnum {
                values,
                description: known.description.clone(),
                undocumented: known.undocumented.clone(),
                ..e.clone()
            };
            removals.push(Removal {
                path: old.origin.path.clone(),
                line: old.origin.line,
            });
        } else {
            blocked = true;
            e.reused = true;
            report.add(Kind::Conflict, format!("enum `{}` ({}) lacks {} shown on the page; the schema's entry is kept (--force adds them)", e.name, origin(&old.origin), list.join(", ")));
        }
    }
    let mut write_endpoint = model.endpoint.is_some();
    if let Some(new) = &model.endpoint {
        if let Some(old) = existing
            .endpoints
            .iter()
            .find(|o| o.method == new.method && o.route == new.route)
        {
            let diffs = differences_endpoint(&endpoint_of_ir(existing, old), new);
            let (path, line) = locate_endpoint(files, &old.method, &old.route);
            if diffs.is_empty() {
                write_endpoint = false;
                report.add(
                    Kind::Inferred,
                    format!(
                        "endpoint `{} {}` is already in the schema ({}:{}) and the same",
                        new.method,
                        new.route,
                        path.display(),
                        line
                    ),
                );
            } else if force {
                report.add(Kind::Conflict, format!("endpoint `{} {}` differs from the schema's ({}:{}): {}; replaced (--force)", new.method, new.route, path.display(), line, diffs.join("; ")));
                removals.push(Removal { path, line });
            } else {
                blocked = true;
                write_endpoint = false;
                report.add(Kind::Conflict, format!("endpoint `{} {}` differs from the schema's ({}:{}): {}; the schema's entry is kept (--force replaces it)", new.method, new.route, path.display(), line, diffs.join("; ")));
            }
        }
    }

    // Apply removals, then append to the target.
    let mut out_files: Vec<SourceFile> = files.to_vec();
    let mut writes = Vec::new();
    for f in &mut out_files {
        let lines: Vec<usize> = removals
            .iter()
            .filter(|r| r.path == f.path)
            .map(|r| r.line)
            .collect();
        if !lines.is_empty() {
            f.text = remove_blocks(&f.text, &lines);
            writes.push(f.path.clone());
        }
    }
    let counts = (
        model.contracts.iter().filter(|c| !c.reused).count(),
        model.enums.iter().filter(|e| !e.reused).count(),
        usize::from(write_endpoint),
    );
    if counts != (0, 0, 0) {
        let pos = out_files.iter().position(|f| f.path == target);
        let file_ns = pos
            .and_then(|p| file_namespace(&out_files[p].text))
            .or_else(|| {
                let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
                for c in model.contracts.iter().filter(|c| !c.reused) {
                    *counts.entry(&c.namespace).or_default() += 1;
                }
                counts
                    .into_iter()
                    .max_by_key(|&(_, n)| n)
                    .map(|(n, _)| n.to_owned())
            });
        let ns = file_ns.clone().unwrap_or_default();
        let body = emit::entries(model, &ns, write_endpoint);
        match pos {
            Some(p) => {
                let f = &mut out_files[p];
                if !f.text.ends_with('\n') {
                    f.text.push('\n');
                }
                f.text.push('\n');
                f.text.push_str(header);
                f.text.push('\n');
                f.text.push_str(&body);
            }
            None => {
                let mut text = String::new();
                if let Some(r) = schema_ref(schema_dir, target, root) {
                    text.push_str(&format!("#:schema {r}\n"));
                }
                text.push_str(header);
                text.push('\n');
                if let Some(ns) = &file_ns {
                    text.push_str(&format!("namespace = {}\n\n", emit::basic(ns)));
                }
                text.push_str(&body);
                out_files.push(SourceFile {
                    path: target.to_path_buf(),
                    text,
                });
            }
        }
        writes.push(target.to_path_buf());
    }
    writes.sort();
    writes.dedup();
    let writes = writes
        .into_iter()
        .map(|p| {
            let text = out_files
                .iter()
                .find(|f| f.path == p)
                .map(|f| f.text.clone())
                .unwrap_or_default();
            (p, text)
        })
        .collect();
    Plan {
        writes,
        files: out_files,
        blocked,
        counts,
    }
}

fn locate_endpoint(files: &[SourceFile], method: &str, route: &str) -> (PathBuf, usize) {
    let needle = format!("route = {}", emit::basic(route));
    for f in files {
        let mut in_method = false;
        for (i, line) in f.text.lines().enumerate() {
            let t = line.trim();
            if is_top_header(t) {
                in_method = false;
            }
            if t == format!("method = {}", emit::basic(method)) {
                in_method = true;
            }
            if t == needle && in_method {
                return (f.path.clone(), i + 1);
            }
        }
    }
    (PathBuf::from("?"), 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_one_block_with_its_comments() {
        let text = "namespace = \"A\"\n\n# about X\n[[contract]]\nname = \"X\"\n\n[[contract.member]]\nname = \"a\"\ntype = \"string\"\n\n# about Y\n[[contract]]\nname = \"Y\"\n";
        let out = remove_blocks(text, &[5]);
        assert_eq!(
            out,
            "namespace = \"A\"\n\n# about Y\n[[contract]]\nname = \"Y\"\n"
        );
    }
}
