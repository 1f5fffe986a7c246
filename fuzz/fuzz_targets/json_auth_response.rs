//! The json reader of `AuthResponse` on arbitrary bytes.
#![no_main]

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::json_then_round_trip::<h2h_models::AuthResponse>(data);
});
