//! Code generation from the checked model.

mod debug;
mod json;
mod meta;
mod sample;
mod xml;

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::ast::Container;
use crate::check;
use crate::ctxt::Ctxt;

/// Parses, checks and expands one derive input.
pub fn derive(input: &DeriveInput) -> Result<TokenStream, Vec<syn::Error>> {
    let cx = Ctxt::default();
    let cont = Container::from_ast(&cx, input);
    if let Some(cont) = &cont {
        check::check(&cx, cont);
    }
    cx.check()?;
    let Some(cont) = cont else {
        return Ok(TokenStream::new());
    };
    let debug = debug::expand(&cont);
    let meta = meta::expand(&cont);
    let xml = xml::expand(&cont);
    let json = json::expand(&cont);
    let sample = sample::expand(&cont);
    Ok(quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, unused_qualifications, clippy::all)]
        const _: () = {
            #debug
            #meta
            #xml
            #json
            #sample
        };
    })
}
