//! `cargo xtask <command>`: see the library (`src/lib.rs`).
#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    xtask::main()
}
