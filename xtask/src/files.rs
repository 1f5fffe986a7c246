//! Writing generated files: only when their bytes change, and removing generated files the
//! schema no longer produces.

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

/// What `sync` found or changed.
pub struct Report {
    /// Workspace-relative paths that differ (written, or would be written under `--check`).
    pub stale: Vec<String>,
}

/// Makes the tree match `outputs` (workspace-relative path → content), or with `check` only
/// reports where it does not. Every file in `generated_dirs` is generated: one that is no
/// longer produced is stale too.
pub fn sync(
    root: &Path,
    outputs: &BTreeMap<String, String>,
    generated_dirs: &[&str],
    check: bool,
) -> io::Result<Report> {
    let mut stale = Vec::new();
    for (rel, content) in outputs {
        let path = root.join(rel);
        let current = std::fs::read(&path).ok();
        if current.as_deref() != Some(content.as_bytes()) {
            stale.push(rel.clone());
            if !check {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(&path, content)?;
            }
        }
    }
    for dir in generated_dirs {
        let mut existing = Vec::new();
        list_files(&root.join(dir), &mut existing)?;
        for path in existing {
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            if !outputs.contains_key(&rel) {
                stale.push(format!("{rel} (no longer generated)"));
                if !check {
                    std::fs::remove_file(&path)?;
                }
            }
        }
    }
    Ok(Report { stale })
}

fn list_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> io::Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            list_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}
