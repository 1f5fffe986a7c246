//! Derive macros behind `datacontract`: `#[derive(DataContract)]` gives a struct or enum its
//! DataContractSerializer XML and its Json.NET JSON from `#[h2h(...)]` attributes.
//!
//! Use it through `datacontract::DataContract`; the attributes are documented there.
//!
//! Layout, as in serde_derive: `ast` builds an internal model from `syn` (every bad attribute
//! reported at its span, all at once), `check` applies the rules that span several fields,
//! and the `expand` modules generate code from the model only.
#![forbid(unsafe_code)]

mod ast;
mod attr;
mod check;
mod ctxt;
mod expand;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Derives DataContract XML and Json.NET JSON for a struct, an enum, or a `[Flags]` newtype.
///
/// See `datacontract::DataContract` for the attributes.
#[proc_macro_derive(DataContract, attributes(h2h))]
pub fn derive_data_contract(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input)
        .unwrap_or_else(ctxt::to_compile_errors)
        .into()
}
