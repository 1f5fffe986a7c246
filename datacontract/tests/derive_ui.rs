//! Compile-fail tests pinning the derive's errors: each at its own span, all at once.

#[test]
fn derive_errors() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
