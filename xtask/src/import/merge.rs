//! Merging the inferred entries into a schema folder: entries already there with the same
//! content are left alone, differing ones are reported as conflicts (or replaced with
//! `--force`), new ones are appended to the target file. Nothing is written unless the whole
//! folder still validates.

use std::path::{Path, PathBuf};

use h2h_schema::ir::Api;
use h2h_schema::SourceFile;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

use super::emit;
use super::model::{
    contract_of_ir, enum_of_ir, Kind, MContract, MEndpoint, MEnum, MMember, Model, Report,
};
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
    // Properties without [DataMember]: the page shows only the gaps they leave, which the
    // verifier checks against the samples; their names and types are the schema's.
    let members_only = |c: &MContract| MContract {
        members: c
            .members
            .iter()
            .filter(|m| m.data_member)
            .cloned()
            .collect(),
        ..c.clone()
    };
    let (old, new) = (&members_only(old), &members_only(new));
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
    if old.serializable != new.serializable {
        out.push(format!(
            "[Serializable]: schema {}, page {}",
            old.serializable, new.serializable
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
        if o.is_field != m.is_field {
            out.push(format!(
                "`{}` field: schema {}, page {}",
                m.name, o.is_field, m.is_field
            ));
        }
        if o.access != m.access || o.returns != m.returns {
            out.push(format!(
                "`{}` access: schema {:?} returning {:?}, page {:?} returning {:?}",
                m.name, o.access, o.returns, m.access, m.returns
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

/// An entry to replace in place (`--force`): file, the array (`contract`, `enum`,
/// `endpoint`), and the 1-based line of its name (or its header).
struct Replacement {
    path: PathBuf,
    array: &'static str,
    line: usize,
    /// Its new text, emitted in the namespace of the file it is in.
    entry: Entry,
}

#[derive(Clone, Copy)]
enum Entry {
    Contract(usize),
    Enum(usize),
    Endpoint,
}

// The schema files are edited here as documents with `toml_edit`, which keeps the maintainer's
// comments, key order and formatting of everything the merge does not touch. What the files
// *mean* is read by `h2h-schema` only (the `existing` API handed to `plan`); the documents are
// looked at only to find where an entry sits, and the file's `namespace` key, which decides how
// the entries written into that file spell their names.

fn parse_doc(f: &SourceFile) -> Result<DocumentMut, String> {
    f.text
        .parse::<DocumentMut>()
        .map_err(|e| format!("cannot edit {}: {e}", f.path.display()))
}

/// The index, in the array `array` of the document, of the entry whose block holds `line`.
fn entry_at(text: &str, array: &str, line: usize) -> Option<usize> {
    let doc = toml_edit::Document::parse(text).ok()?;
    let offset: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let tables = doc.get(array)?.as_array_of_tables()?;
    let mut found = None;
    for (i, t) in tables.iter().enumerate() {
        if t.span().is_some_and(|s| s.start <= offset) {
            found = Some(i);
        }
    }
    found
}

fn file_namespace(doc: &DocumentMut) -> Option<String> {
    doc.get("namespace")?.as_str().map(str::to_owned)
}

/// A value's text without its surrounding whitespace and comments.
fn bare(v: &toml_edit::Value) -> String {
    let mut v = v.clone();
    v.decor_mut().clear();
    v.to_string()
}

/// What identifies an element of an array of tables: its `name`, else its `direction` and
/// `media_types` (samples).
fn identity(t: &Table) -> Option<String> {
    if let Some(n) = t.get("name").and_then(Item::as_value) {
        return Some(bare(n));
    }
    let d = t.get("direction").and_then(Item::as_value).map(bare)?;
    let m = t.get("media_types").and_then(Item::as_value).map(bare)?;
    Some(format!("{d} {m}"))
}

fn clear_positions(t: &mut Table) {
    t.set_position(None);
    for (_, item) in t.iter_mut() {
        match item {
            Item::Table(t) => clear_positions(t),
            Item::ArrayOfTables(a) => a.iter_mut().for_each(clear_positions),
            _ => {}
        }
    }
}

fn set_positions(t: &mut Table, next: &mut isize) {
    t.set_position(Some(*next));
    *next += 1;
    for (_, item) in t.iter_mut() {
        match item {
            Item::Table(t) => set_positions(t, next),
            Item::ArrayOfTables(a) => a.iter_mut().for_each(|t| set_positions(t, next)),
            _ => {}
        }
    }
}

fn max_position(t: &Table) -> isize {
    let mut max = t.position().unwrap_or(0);
    for (_, item) in t.iter() {
        match item {
            Item::Table(t) => max = max.max(max_position(t)),
            Item::ArrayOfTables(a) => {
                for t in a.iter() {
                    max = max.max(max_position(t));
                }
            }
            _ => {}
        }
    }
    max
}

/// Makes `old` say what `new` says, in place: values that differ are replaced (their key's
/// comments and the value's trailing comment kept), keys `new` lacks are removed, keys it adds
/// go at the end; elements of arrays of tables are matched by [`identity`], edited the same
/// way, new ones added where the page has them, and the order becomes the page's.
fn merge_table(old: &mut Table, new: &Table) {
    let gone: Vec<String> = old
        .iter()
        .map(|(k, _)| k.to_owned())
        .filter(|k| !new.contains_key(k))
        .collect();
    for k in gone {
        old.remove(&k);
    }
    for (k, item) in new.iter() {
        match (old.get_mut(k), item) {
            (Some(Item::Value(ov)), Item::Value(nv)) => {
                if bare(ov) != bare(nv) {
                    let decor = ov.decor().clone();
                    *ov = nv.clone();
                    *ov.decor_mut() = decor;
                }
            }
            (Some(Item::ArrayOfTables(oa)), Item::ArrayOfTables(na)) => merge_array(oa, na),
            (Some(Item::Table(ot)), Item::Table(nt)) => merge_table(ot, nt),
            _ => {
                let mut item = item.clone();
                match &mut item {
                    Item::Table(t) => clear_positions(t),
                    Item::ArrayOfTables(a) => a.iter_mut().for_each(clear_positions),
                    _ => {}
                }
                old.insert(k, item);
            }
        }
    }
}

fn merge_array(old: &mut ArrayOfTables, new: &ArrayOfTables) {
    let mut slots: Vec<isize> = old.iter().filter_map(Table::position).collect();
    slots.sort_unstable();
    let mut olds: Vec<Option<Table>> = old.iter().cloned().map(Some).collect();
    let mut out = ArrayOfTables::new();
    let mut slot = slots.into_iter();
    for nt in new.iter() {
        let id = identity(nt);
        let matched = id.as_ref().and_then(|id| {
            olds.iter_mut()
                .find(|o| o.as_ref().is_some_and(|o| identity(o).as_ref() == Some(id)))
                .and_then(Option::take)
        });
        let t = match matched {
            Some(mut ot) => {
                merge_table(&mut ot, nt);
                // Matched elements keep their blocks, in the page's order.
                ot.set_position(slot.next().or(ot.position()));
                ot
            }
            None => {
                // A new element is written after the one before it.
                let mut t = nt.clone();
                clear_positions(&mut t);
                t
            }
        };
        out.push(t);
    }
    *old = out;
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
/// A page shows a property without `[DataMember]` only as the gap it leaves in the sample
/// counter, so the importer names it `NotAMemberN` and guesses its type. When `--force`
/// replaces a contract that has as many non-members as the page has gaps, the schema's own
/// (names, types, descriptions) take the gaps' places in order; the round trip then checks
/// that they still leave the page's gaps.
fn keep_schema_non_members(old: &MContract, new: &mut MContract, report: &mut Report) {
    let theirs: Vec<&MMember> = old.members.iter().filter(|m| !m.data_member).collect();
    let gaps = new.members.iter().filter(|m| !m.data_member).count();
    if theirs.is_empty() {
        return;
    }
    let names: Vec<String> = theirs.iter().map(|m| format!("`{}`", m.name)).collect();
    if theirs.len() != gaps {
        report.add(Kind::Conflict, format!("`{}`: the schema's properties without [DataMember] ({}) are not the page's {gaps} counter gaps; the page's written (--force)", new.name, names.join(", ")));
        return;
    }
    let mut theirs = theirs.into_iter();
    for m in new.members.iter_mut().filter(|m| !m.data_member) {
        if let Some(t) = theirs.next() {
            *m = t.clone();
        }
    }
    report.add(Kind::Inferred, format!("`{}`: the schema's properties without [DataMember] ({}) kept in the page's counter gaps", new.name, names.join(", ")));
}

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
    let mut replacements: Vec<Replacement> = Vec::new();
    let mut blocked = false;
    let origin = |o: &h2h_schema::ir::Origin| format!("{}:{}", o.path.display(), o.line);
    for (ci, c) in model
        .contracts
        .iter_mut()
        .enumerate()
        .filter(|(_, c)| !c.reused)
    {
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
            keep_schema_non_members(&known, c, report);
            replacements.push(Replacement {
                path: old.origin.path.clone(),
                array: "contract",
                line: old.origin.line,
                entry: Entry::Contract(ci),
            });
        } else {
            blocked = true;
            c.reused = true;
            report.add(Kind::Conflict, format!("`{}` differs from the schema's ({}): {}; the schema's entry is kept (--force replaces it)", c.name, origin(&old.origin), diffs.join("; ")));
        }
    }
    for (ei, e) in model
        .enums
        .iter_mut()
        .enumerate()
        .filter(|(_, e)| !e.reused)
    {
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
            replacements.push(Replacement {
                path: old.origin.path.clone(),
                array: "enum",
                line: old.origin.line,
                entry: Entry::Enum(ei),
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
                replacements.push(Replacement {
                    path,
                    array: "endpoint",
                    line,
                    entry: Entry::Endpoint,
                });
            } else {
                blocked = true;
                write_endpoint = false;
                report.add(Kind::Conflict, format!("endpoint `{} {}` differs from the schema's ({}:{}): {}; the schema's entry is kept (--force replaces it)", new.method, new.route, path.display(), line, diffs.join("; ")));
            }
        }
    }

    // Replacements are made in place, in the file that has the entry; then the new entries
    // are appended to the target.
    let counts = (
        model.contracts.iter().filter(|c| !c.reused).count(),
        model.enums.iter().filter(|e| !e.reused).count(),
        usize::from(write_endpoint),
    );
    let mut out_files: Vec<SourceFile> = files.to_vec();
    let mut writes = Vec::new();
    let mut replaced = model.clone();
    let mut append_endpoint = write_endpoint;
    for f in &mut out_files {
        let here: Vec<&Replacement> = replacements.iter().filter(|r| r.path == f.path).collect();
        if here.is_empty() {
            continue;
        }
        let mut doc = match parse_doc(f) {
            Ok(doc) => doc,
            Err(e) => {
                report.add(Kind::Conflict, e);
                blocked = true;
                continue;
            }
        };
        let ns = file_namespace(&doc).unwrap_or_default();
        for r in here {
            let mut text = String::new();
            match r.entry {
                Entry::Contract(i) => {
                    emit::contract(&mut text, &model.contracts[i], &ns);
                    replaced.contracts[i].reused = true;
                }
                Entry::Enum(i) => {
                    emit::enumeration(&mut text, &model.enums[i], &ns);
                    replaced.enums[i].reused = true;
                }
                Entry::Endpoint => {
                    if let Some(e) = &model.endpoint {
                        emit::endpoint(&mut text, e, &ns);
                    }
                    append_endpoint = false;
                }
            }
            let (Ok(new), Some(index)) = (
                text.parse::<DocumentMut>(),
                entry_at(&f.text, r.array, r.line),
            ) else {
                report.add(
                    Kind::Conflict,
                    format!(
                        "cannot replace the `{}` entry at {}:{} (nothing written)",
                        r.array,
                        f.path.display(),
                        r.line
                    ),
                );
                blocked = true;
                continue;
            };
            let old = doc
                .get_mut(r.array)
                .and_then(Item::as_array_of_tables_mut)
                .and_then(|a| a.get_mut(index));
            let fresh = new
                .get(r.array)
                .and_then(Item::as_array_of_tables)
                .and_then(|a| a.get(0));
            if let (Some(old), Some(fresh)) = (old, fresh) {
                merge_table(old, fresh);
            }
        }
        f.text = doc.to_string();
        writes.push(f.path.clone());
    }
    let appended = (
        replaced.contracts.iter().filter(|c| !c.reused).count(),
        replaced.enums.iter().filter(|e| !e.reused).count(),
        usize::from(append_endpoint),
    );
    if appended != (0, 0, 0) {
        let pos = out_files.iter().position(|f| f.path == target);
        let target_doc = pos.and_then(|p| parse_doc(&out_files[p]).ok());
        // An existing file's namespace, if it has one: entries appended to a file without one
        // name their namespaces themselves (it was taken from the new contracts, which the
        // file then did not declare).
        let file_ns = match &target_doc {
            Some(doc) => file_namespace(doc),
            None => None,
        }
        .or_else(|| {
            if pos.is_some() {
                return None;
            }
            let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
            for c in replaced.contracts.iter().filter(|c| !c.reused) {
                *counts.entry(&c.namespace).or_default() += 1;
            }
            counts
                .into_iter()
                .max_by_key(|&(_, n)| n)
                .map(|(n, _)| n.to_owned())
        });
        let ns = file_ns.clone().unwrap_or_default();
        let body = emit::entries(&replaced, &ns, append_endpoint);
        match (pos, target_doc) {
            (Some(p), Some(mut doc)) => {
                let f = &mut out_files[p];
                match append(&mut doc, &format!("{header}\n{body}")) {
                    Ok(()) => f.text = doc.to_string(),
                    Err(e) => {
                        report.add(
                            Kind::Conflict,
                            format!("cannot append to {}: {e}", f.path.display()),
                        );
                        blocked = true;
                    }
                }
            }
            (Some(p), None) => {
                if let Err(e) = parse_doc(&out_files[p]) {
                    report.add(Kind::Conflict, e);
                }
                blocked = true;
            }
            (None, _) => {
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

/// Appends the entries of `body` (our own emitted TOML, comments first) after everything in
/// `doc`, a blank line before them.
fn append(doc: &mut DocumentMut, body: &str) -> Result<(), String> {
    let new = body.parse::<DocumentMut>().map_err(|e| e.to_string())?;
    let mut next = max_position(doc.as_table()) + 1;
    let mut tables: Vec<(isize, String, Table)> = Vec::new();
    for (k, item) in new.iter() {
        if let Item::ArrayOfTables(a) = item {
            for t in a.iter() {
                tables.push((t.position().unwrap_or(0), k.to_owned(), t.clone()));
            }
        }
    }
    tables.sort_by_key(|(p, _, _)| *p);
    for (i, (_, k, mut t)) in tables.into_iter().enumerate() {
        set_positions(&mut t, &mut next);
        if i == 0 {
            let prefix = t.decor().prefix().and_then(|p| p.as_str()).unwrap_or("");
            let prefix = format!("\n{prefix}");
            t.decor_mut().set_prefix(prefix);
        }
        let array = doc
            .entry(&k)
            .or_insert(Item::ArrayOfTables(ArrayOfTables::new()));
        match array.as_array_of_tables_mut() {
            Some(a) => a.push(t),
            None => return Err(format!("`{k}` is not an array of tables")),
        }
    }
    Ok(())
}

/// The file and 1-based header line of an endpoint.
fn locate_endpoint(files: &[SourceFile], method: &str, route: &str) -> (PathBuf, usize) {
    for f in files {
        let Ok(doc) = toml_edit::Document::parse(f.text.as_str()) else {
            continue;
        };
        let Some(endpoints) = doc.get("endpoint").and_then(Item::as_array_of_tables) else {
            continue;
        };
        for t in endpoints.iter() {
            let is = |k: &str, v: &str| t.get(k).and_then(Item::as_str) == Some(v);
            if is("method", method) && is("route", route) {
                let start = t.span().map_or(0, |s| s.start);
                let line = f.text[..start.min(f.text.len())].matches('\n').count() + 1;
                return (f.path.clone(), line);
            }
        }
    }
    (PathBuf::from("?"), 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(s: &str) -> DocumentMut {
        s.parse().unwrap()
    }

    #[test]
    fn a_table_merged_in_place_keeps_comments_and_order() {
        let mut old = doc("namespace = \"A\" # ns\n\n# about X\n[[contract]]\nname = \"X\"\n# the text\ndescription = \"old\" # kept\n\n# first\n[[contract.member]]\nname = \"a\"\ntype = \"string\"\n\n# about Y\n[[contract]]\nname = \"Y\"\n");
        let new = doc("[[contract]]\nname = \"X\"\ndescription = \"new\"\n\n[[contract.member]]\nname = \"a\"\ntype = \"string\"\n\n[[contract.member]]\nname = \"b\"\ntype = \"int\"\n");
        let fresh = new["contract"]
            .as_array_of_tables()
            .unwrap()
            .get(0)
            .unwrap();
        let x = old["contract"]
            .as_array_of_tables_mut()
            .unwrap()
            .get_mut(0)
            .unwrap();
        merge_table(x, fresh);
        assert_eq!(
            old.to_string(),
            "namespace = \"A\" # ns\n\n# about X\n[[contract]]\nname = \"X\"\n# the text\ndescription = \"new\" # kept\n\n# first\n[[contract.member]]\nname = \"a\"\ntype = \"string\"\n\n[[contract.member]]\nname = \"b\"\ntype = \"int\"\n\n# about Y\n[[contract]]\nname = \"Y\"\n"
        );
    }

    #[test]
    fn appended_entries_come_last() {
        let mut old = doc("[[contract]]\nname = \"X\"\n\n[[enum]]\nname = \"E\"\n");
        append(&mut old, "# imported\n[[contract]]\nname = \"Y\"\n").unwrap();
        assert_eq!(
            old.to_string(),
            "[[contract]]\nname = \"X\"\n\n[[enum]]\nname = \"E\"\n\n# imported\n[[contract]]\nname = \"Y\"\n"
        );
    }
}
