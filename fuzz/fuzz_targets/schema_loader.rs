//! The schema loader (`h2h_schema::load_sources`) on arbitrary text, diagnostics rendered.
#![no_main]

use h2h_schema::{load_sources, SourceFile};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let files = [SourceFile {
        path: "api/fuzz.toml".into(),
        text: text.to_owned(),
    }];
    match load_sources(&files) {
        Ok(api) => {
            // What the generators walk: every contract's levels and flattened members.
            for id in (0..api.contracts.len()).map(h2h_schema::ir::ContractId) {
                let _ = api.levels(id);
                let _ = api.flattened(id);
            }
            let _ = format!("{api:?}");
        }
        Err(diagnostics) => {
            let _ = diagnostics.to_string();
        }
    }
});
