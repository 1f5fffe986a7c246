//! `Debug`, with sensitive members redacted.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::{Container, Data};

pub fn expand(cont: &Container<'_>) -> TokenStream {
    let ident = cont.ident;
    let name = ident.to_string();
    let (impl_generics, ty_generics, where_clause) = cont.generics.split_for_impl();
    let body = match &cont.data {
        Data::Struct(fields) => {
            let entries = fields.iter().map(|f| {
                let field = f.ident;
                let label = field.to_string();
                if f.sensitive {
                    quote! { __s.field(#label, &::core::format_args!("<redacted>")); }
                } else {
                    quote! { __s.field(#label, &self.#field); }
                }
            });
            quote! {
                let mut __s = __f.debug_struct(#name);
                #(#entries)*
                __s.finish()
            }
        }
        Data::Enum { variants, other } => {
            let arms = variants.iter().map(|v| {
                let variant = v.ident;
                let label = variant.to_string();
                quote! { Self::#variant => __f.write_str(#label), }
            });
            let other_arm = other.map(|o| {
                let label = o.to_string();
                quote! { Self::#o(__v) => __f.debug_tuple(#label).field(__v).finish(), }
            });
            quote! {
                match self {
                    #(#arms)*
                    #other_arm
                }
            }
        }
        Data::Polymorphic { variants, .. } => {
            let arms = variants.iter().map(|(variant, _)| {
                let label = variant.to_string();
                quote! { Self::#variant(__v) => __f.debug_tuple(#label).field(__v).finish(), }
            });
            quote! { match self { #(#arms)* } }
        }
        Data::Flags(_) => quote! {
            __f.debug_tuple(#name).field(&self.0).finish()
        },
    };
    quote! {
        #[automatically_derived]
        impl #impl_generics ::core::fmt::Debug for #ident #ty_generics #where_clause {
            fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #body
            }
        }
    }
}
