//! The H2H API description: the TOML files under `schema/api/`, how they are read and checked,
//! and the IR that `cargo xtask regenerate` turns into Rust models.
//!
//! The flow is `SourceFile`s → [`ast`] (serde, with spans) → [`lower`] (resolution and every
//! check, all errors at once) → [`ir::Api`].
#![forbid(unsafe_code)]

pub mod ast;
pub mod diagnostic;
pub mod ir;
pub mod lower;
pub mod naming;
pub mod type_expr;

use std::path::Path;

pub use diagnostic::{Diagnostic, Diagnostics, ErrorKind, SourceFile};
pub use ir::Api;

/// Reads every `*.toml` file under `dir` (sorted, recursively) and validates them together.
///
/// Paths in diagnostics are shown relative to `display_root` when they are below it.
pub fn load_dir(dir: &Path, display_root: &Path) -> Result<Api, LoadError> {
    let mut paths = Vec::new();
    collect_toml(dir, &mut paths).map_err(|e| LoadError::Io(dir.display().to_string(), e))?;
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| LoadError::Io(path.display().to_string(), e))?;
        let shown = path
            .strip_prefix(display_root)
            .unwrap_or(&path)
            .to_path_buf();
        files.push(SourceFile { path: shown, text });
    }
    load_sources(&files).map_err(LoadError::Invalid)
}

/// Validates schema files given as text.
pub fn load_sources(files: &[SourceFile]) -> Result<Api, Diagnostics> {
    lower::lower(files)
}

fn collect_toml(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_toml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

/// Why the schema could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// A file or folder could not be read.
    Io(String, std::io::Error),
    /// The schema has errors.
    Invalid(Diagnostics),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Io(path, e) => write!(f, "cannot read {path}: {e}"),
            LoadError::Invalid(d) => write!(f, "{d}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// The Rust field name a member gets in a flattened struct: its own name, or `base_` + its name
/// when a more derived level hides it with `new`.
pub fn field_name(flat: &ir::FlatMember<'_>) -> String {
    if flat.hidden {
        format!("base_{}", flat.member.rust_name)
    } else {
        flat.member.rust_name.clone()
    }
}
