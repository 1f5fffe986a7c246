//! No generated name can shadow a runtime item. h2h-models re-exports the `datacontract`
//! runtime and its generated models, both by glob, and denies `ambiguous_glob_reexports`: a
//! contract named like a runtime item must stop the build rather than silently hide one of the
//! two. This test proves it on the real files: it generates the models of the embedded schema
//! plus contracts named `Uri`, `Object` and `Method` (runtime items), puts them beside a copy
//! of h2h-models' own `lib.rs` and `Cargo.toml`, and checks that `cargo check` refuses it,
//! naming each colliding item. A control build of the embedded schema alone must pass, so the
//! failure is the collision and nothing else.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use h2h_schema::SourceFile;

const COLLIDING: &str = r#"
namespace = "Cebes.DI.H2H.Api.Models"

[[contract]]
name = "Uri"
[[contract.member]]
name = "href"
type = "string"

[[contract]]
name = "Object"
[[contract.member]]
name = "kind"
type = "string"

[[enum]]
name = "Method"
[[enum.value]]
name = "Get"
value = 0
"#;

/// A copy of h2h-models with the models of `extra` (a schema file) added to the embedded
/// schema's, in `dir`.
fn models_crate(root: &Path, dir: &Path, extra: Option<&str>) {
    let api_dir = root.join("schema/api");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&api_dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).unwrap();
            files.push(SourceFile { path, text });
        }
    }
    if let Some(text) = extra {
        files.push(SourceFile {
            path: PathBuf::from("colliding.toml"),
            text: text.to_owned(),
        });
    }
    let api = h2h_schema::load_sources(&files).unwrap_or_else(|e| panic!("{e}"));
    let mut out = BTreeMap::new();
    super::rust::generate(&api, "src/generated", "schema/api", &mut out);
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("src/generated")).unwrap();
    for (path, text) in out {
        std::fs::write(dir.join(path), text).unwrap();
    }
    std::fs::copy(root.join("h2h-models/src/lib.rs"), dir.join("src/lib.rs")).unwrap();
    let manifest = format!(
        "[package]\nname = \"h2h-models\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
         [dependencies]\ndatacontract = {{ path = {:?} }}\nserde = \"1\"\n\n[workspace]\n",
        root.join("datacontract").display().to_string()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
}

fn cargo_check(root: &Path, dir: &Path) -> (bool, String) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "check",
            "--quiet",
            "--message-format=short",
            "--manifest-path",
        ])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", root.join("target/downstream"))
        .output()
        .expect("cargo runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_generated_name_cannot_shadow_a_runtime_item() {
    let root = crate::workspace_root();
    // Outside the target directory: cargo does not watch sources below it.
    let base = std::env::temp_dir().join(format!("h2h-shadowing-{}", std::process::id()));

    let control = base.join("control");
    models_crate(&root, &control, None);
    let (ok, stderr) = cargo_check(&root, &control);
    assert!(
        ok,
        "the embedded schema's models alone must build:\n{stderr}"
    );

    let colliding = base.join("colliding");
    models_crate(&root, &colliding, Some(COLLIDING));
    let (ok, stderr) = cargo_check(&root, &colliding);
    assert!(!ok, "a contract named like a runtime item must not build");
    for name in ["Uri", "Object", "Method"] {
        assert!(
            stderr.contains("ambiguous glob re-exports")
                && stderr.contains(&format!("the name `{name}`")),
            "no ambiguity error for `{name}`:\n{stderr}"
        );
    }
    let _ = std::fs::remove_dir_all(&base);
}
