//! Maintainers' commands, run as `cargo xtask <command>`.
//!
//! - `helppage --schema <dir> --out <dir>`: the help pages the Web API Help Page would render
//!   for a schema (the importer's oracle, the private `helppage` module).
//! - `regenerate [--check]`: schema → IR → generated Rust models, C# contracts, XSD exports
//!   (`exports/xsd/`) and the JSON Schema of the schema format; `--check` writes nothing and fails naming each stale file.
//!
//! xtask never depends on h2h-models, so it builds and regenerates even when the generated code
//! is broken.
//!
//! The library target holds the commands (the binary, `src/main.rs`, only calls [`main`]) and
//! exposes the importer's sample verifier ([`verify`]) for tests of other crates, which check
//! that the verifier and the derive agree.
#![forbid(unsafe_code)]

mod codegen;
mod files;
mod helppage;
mod import;

pub use import::verify;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  regenerate [--check]   regenerate models, C# contracts and schema.json from schema/api;
                         --check only reports stale files (non-zero exit if any)
  validate <dir>         load and check the schema files under <dir>, printing every error
  import <page> [..]     help page (HTML or text scrape) -> schema entries; `import --help`
  helppage --schema <dir> --out <dir>
                         the help pages of a schema (HTML, text scrape, ResourceModel pages)
";

/// Runs the command named by the process's arguments.
pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["regenerate"] => regenerate(false),
        ["regenerate", "--check"] => regenerate(true),
        ["validate", dir] => validate(dir),
        ["import", "--help" | "-h"] => {
            print!("{}", import::USAGE);
            return ExitCode::SUCCESS;
        }
        ["import", rest @ ..] => import::run(rest),
        ["helppage", "--help" | "-h"] => {
            print!("{}", helppage::USAGE);
            return ExitCode::SUCCESS;
        }
        ["helppage", rest @ ..] => helppage::run(rest).map_err(|e| e.to_string()),
        ["help" | "--help" | "-h"] | [] => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => Err(format!("unknown command `{}`\n\n{USAGE}", args.join(" "))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (xtask lives one level below it).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is inside the workspace")
        .to_path_buf()
}

fn validate(dir: &str) -> Result<(), String> {
    let root = workspace_root();
    let api = h2h_schema::load_dir(Path::new(dir), &root).map_err(|e| e.to_string())?;
    println!(
        "{dir}: {} contracts, {} enums, {} endpoints, no errors",
        api.contracts.len(),
        api.enums.len(),
        api.endpoints.len()
    );
    Ok(())
}

fn regenerate(check: bool) -> Result<(), String> {
    let root = workspace_root();
    let mut outputs = std::collections::BTreeMap::new();
    let mut errors = Vec::new();
    for target in codegen::TARGETS {
        match h2h_schema::load_dir(&root.join(target.schema_dir), &root) {
            Ok(api) => codegen::generate_target(&api, target, &mut outputs),
            Err(e) => errors.push(e.to_string()),
        }
    }
    if !errors.is_empty() {
        return Err(errors.join("\n"));
    }
    codegen::generate_common(&mut outputs);
    let mut dirs: Vec<&str> = codegen::TARGETS.iter().map(|t| t.out_dir).collect();
    dirs.extend_from_slice(codegen::GENERATED_DIRS);
    let report = files::sync(&root, &outputs, &dirs, check).map_err(|e| e.to_string())?;
    if check {
        if report.stale.is_empty() {
            println!("generated files are up to date ({} files)", outputs.len());
            Ok(())
        } else {
            let list: Vec<String> = report.stale.iter().map(|p| format!("  {p}")).collect();
            Err(format!(
                "stale generated files (run `cargo xtask regenerate`):\n{}",
                list.join("\n")
            ))
        }
    } else {
        for path in &report.stale {
            println!("wrote {path}");
        }
        println!(
            "{} files generated, {} changed",
            outputs.len(),
            report.stale.len()
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    /// The same check as `cargo xtask regenerate --check`: committed generated files match
    /// the schema (run `cargo xtask regenerate` if this fails).
    #[test]
    fn generated_files_are_up_to_date() {
        if let Err(stale) = super::regenerate(true) {
            panic!("{stale}");
        }
    }

    /// Generating twice gives the same bytes (the output is deterministic).
    #[test]
    fn generation_is_deterministic() {
        let root = super::workspace_root();
        let generate = || {
            let mut out = std::collections::BTreeMap::new();
            for target in super::codegen::TARGETS {
                let api = h2h_schema::load_dir(&root.join(target.schema_dir), &root).unwrap();
                super::codegen::generate_target(&api, target, &mut out);
            }
            out
        };
        assert_eq!(generate(), generate());
    }
}
