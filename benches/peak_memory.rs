//! Peak heap while writing the list of 10,000 `AuthResponse`s (issue #9: under 2x the output
//! size). The allocator counts every byte requested (a `realloc` counts the old and the new
//! block together, as a copying reallocation holds both), so the figure is an upper bound.
//!
//! `cargo bench -p h2h-benches --bench peak_memory`

use h2h_models::AuthResponse;
use peak_alloc::PeakAlloc;

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc;

const RESPONSE_XML: &[u8] =
    include_bytes!("../h2h-models/tests/fixtures/dotnet-vectors/seed-auth-response/value.xml");

/// Peak bytes held above what was live before `f` ran, and the length of what it returned.
fn peak_of(f: impl FnOnce() -> Vec<u8>) -> (usize, usize) {
    let before = ALLOC.current_usage();
    ALLOC.reset_peak_usage();
    let out = f();
    let peak = ALLOC.peak_usage().saturating_sub(before);
    (peak, out.len())
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let seed: AuthResponse = h2h_models::xml::from_slice(RESPONSE_XML).expect("seed response");
    let list: Vec<AuthResponse> = (0..10_000)
        .map(|i| AuthResponse {
            user_id: Some(format!("sample st{i:06}")),
            ..seed.clone()
        })
        .collect();
    let mut report = String::from(
        "| writing the 10,000-item list | output | peak heap | peak / output | target |\n|---|---:|---:|---:|---|\n",
    );
    let mut missed = 0;
    let runs: [(&str, &dyn Fn() -> Vec<u8>); 2] = [
        ("XML (`h2h_models::xml::to_vec`)", &|| {
            h2h_models::xml::to_vec(&list).unwrap()
        }),
        ("JSON (`h2h_models::json::to_vec`)", &|| {
            h2h_models::json::to_vec(&list).unwrap()
        }),
    ];
    for (what, f) in runs {
        let (peak, len) = peak_of(f);
        let ratio = peak as f64 / len as f64;
        let ok = ratio < 2.0;
        missed += usize::from(!ok);
        report.push_str(&format!(
            "| {what} | {:.2} MB | {:.2} MB | {ratio:.2} | < 2 {} |\n",
            len as f64 / 1e6,
            peak as f64 / 1e6,
            if ok { "met" } else { "**missed**" }
        ));
    }
    println!("{report}");
    if missed > 0 {
        println!("{missed} peak-memory target(s) missed");
    }
}
