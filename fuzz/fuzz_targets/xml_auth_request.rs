//! The xml reader of `AuthRequest` on arbitrary bytes.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::xml_then_round_trip::<h2h_models::AuthRequest>(data);
});
