//! The XML and JSON readers of every contract of the test schema `schema/tests/corpus` (known
//! types in and out of scope, dictionaries, flags, nullables, get-only members, `object`, ...)
//! on arbitrary bytes. The first byte picks the contract, the second the format (even: XML).
#![no_main]

#[path = "common.rs"]
mod common;

use h2h_test_models::corpus as corpus_models;

use h2h_models::{ContractVisitor, DataContract};

struct RoundTrip<'a> {
    xml: bool,
    body: &'a [u8],
}

impl ContractVisitor for RoundTrip<'_> {
    type Output = ();

    fn visit<T: DataContract + 'static>(self) {
        if self.xml {
            common::xml_then_round_trip::<T>(self.body);
        } else {
            common::json_then_round_trip::<T>(self.body);
        }
    }
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let [pick, format, body @ ..] = data else {
        return;
    };
    let contracts = corpus_models::catalog::CONTRACTS;
    let name = contracts[usize::from(*pick) % contracts.len()];
    let visit = RoundTrip {
        xml: format % 2 == 0,
        body,
    };
    corpus_models::catalog::visit_contract(name, visit);
});
