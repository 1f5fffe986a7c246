//! The contract's identity on the wire.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::Container;

pub fn expand(cont: &Container<'_>) -> TokenStream {
    let ident = cont.ident;
    let krate = &cont.crate_path;
    let (impl_generics, ty_generics, where_clause) = cont.generics.split_for_impl();
    let name = &cont.xml_name;
    let namespace = &cont.namespace;
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::DataContract for #ident #ty_generics #where_clause {
            const NAME: &'static str = #name;
            const NAMESPACE: &'static str = #namespace;
        }
    }
}
