//! The crates under `tests/downstream/` play users, each in a build of its own as a user's crate
//! is: `models-user` depends on h2h-models and uses serde_json's `flatten`, `untagged` and
//! `Value` for types of its own; `runtime-user` depends on the `datacontract` runtime alone and
//! derives a contract of its own. Each is tested with cargo, and its dependency graph is checked:
//! no build enables serde_json's `arbitrary_precision` (Cargo would unify it into the user's
//! serde_json), and the runtime user's graph holds no h2h-models.
//!
//! They build into `target/downstream` (one directory for both, so the second reuses the
//! first's dependencies) with the workspace's lock file copied in, so they resolve the same
//! versions as the workspace.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("h2h-models is in the workspace")
        .to_path_buf()
}

fn cargo(crate_dir: &Path, args: &[&str]) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(args)
        .arg("--manifest-path")
        .arg(crate_dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", workspace().join("target/downstream"))
        // The outer `cargo test` sets these for its own build; the inner build is the user's.
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "cargo {args:?} in {} failed:\n{stdout}\n{stderr}",
        crate_dir.display()
    );
    stdout
}

/// A downstream crate, with the workspace's lock file so that it resolves the same versions.
fn prepare(name: &str) -> PathBuf {
    let dir = workspace().join("tests/downstream").join(name);
    std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock"))
        .expect("copy the lock file");
    dir
}

fn assert_no_arbitrary_precision(dir: &Path) {
    let features = cargo(dir, &["tree", "-e", "features", "--quiet"]);
    assert!(
        features.contains("serde_json"),
        "the feature tree should list serde_json:\n{features}"
    );
    assert!(
        !features.contains("arbitrary_precision"),
        "serde_json's arbitrary_precision is enabled:\n{features}"
    );
}

#[test]
fn a_user_of_the_models_keeps_plain_serde_json() {
    let dir = prepare("models-user");
    assert_no_arbitrary_precision(&dir);
    let tree = cargo(&dir, &["tree", "--quiet"]);
    assert!(tree.contains("h2h-models"), "{tree}");
    let out = cargo(&dir, &["test", "--quiet"]);
    assert!(!out.contains("FAILED"), "{out}");
}

#[test]
fn a_user_of_the_runtime_alone_builds_no_models() {
    let dir = prepare("runtime-user");
    assert_no_arbitrary_precision(&dir);
    let tree = cargo(&dir, &["tree", "--quiet"]);
    assert!(tree.contains("datacontract"), "{tree}");
    assert!(!tree.contains("h2h-models"), "{tree}");
    let out = cargo(&dir, &["test", "--quiet"]);
    assert!(!out.contains("FAILED"), "{out}");
}
