//! `HelpPageSample`: the help page's sample object (`ObjectGenerator`) for contracts, enums,
//! flags and polymorphic contracts. The rules are documented on `datacontract::sample`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use dotnet_rules::members::sample_order;
use dotnet_rules::sample::first_enum_value;

use crate::ast::{Container, Data, Declared, Field, Variant};
use crate::attr::FlagMember;

pub fn expand(cont: &Container<'_>) -> TokenStream {
    let ident = cont.ident;
    let krate = &cont.crate_path;
    let sample = quote! { #krate::sample };
    let (impl_generics, ty_generics, where_clause) = cont.generics.split_for_impl();
    let (value_type, body) = match &cont.data {
        Data::Struct(fields) => (false, expand_struct(cont, fields)),
        Data::Enum { variants, .. } => (true, expand_enum(variants)),
        Data::Flags(members) => (true, expand_flags(members)),
        Data::Polymorphic { base, variants, .. } => {
            let Some((_, base_ty)) = variants.iter().find(|(v, _)| v == base) else {
                return TokenStream::new();
            };
            // The declared type is what the page generates.
            let body = quote! {
                ::core::result::Result::Ok(
                    <#base_ty as #sample::HelpPageSample>::generate(__g)?.map(Self::#base)
                )
            };
            (false, body)
        }
    };
    quote! {
        #[automatically_derived]
        impl #impl_generics #sample::HelpPageSample for #ident #ty_generics #where_clause {
            const VALUE_TYPE: bool = #value_type;

            fn generate(
                __g: &mut #sample::SampleGenerator<'_>,
            ) -> ::core::result::Result<::core::option::Option<Self>, #sample::SampleError> {
                #body
            }
        }
    }
}

fn expand_struct(cont: &Container<'_>, fields: &[Field<'_>]) -> TokenStream {
    let krate = &cont.crate_path;
    let sample = quote! { #krate::sample };
    let xml = quote! { #krate::xml };
    let name = cont.ident.to_string();
    let draw = |f: &Field<'_>, generator: &TokenStream| {
        let field = f.ident;
        let ty = f.ty;
        quote! { let #field: #ty = #sample::member::<#ty>(#generator)?; }
    };
    // `SetPublicProperties`: one generator for every property, then `SetPublicFields`: another.
    // A `not_member` is a property the generator sets too: its value is drawn and dropped.
    let (declared, rules) = crate::ast::declared(fields, &cont.not_members, cont.levels.len());
    let order = sample_order(&rules);
    let set = |i: usize, generator: &TokenStream| match declared[i] {
        Declared::Field(f) => draw(&fields[f], generator),
        Declared::NotMember(n) => {
            let ty = &cont.not_members[n].ty;
            quote! { #sample::not_member::<#ty>(#generator)?; }
        }
    };
    let properties_gen = quote! { __properties };
    let properties = order.properties.iter().map(|&i| set(i, &properties_gen));
    let fields_gen = quote! { __fields };
    let dotnet_fields = order.fields.iter().map(|&i| set(i, &fields_gen));
    let assigns = fields.iter().map(|f| {
        let field = f.ident;
        let ty = f.ty;
        if !f.rule().set_by_sample() {
            // Hidden by `new`, reflection sees only the derived member; a get-only property
            // cannot be set (`CanWrite`) and is what its getter returns. Neither takes a number.
            let value = f.absent(krate, quote! { <#ty as #xml::XmlValue>::missing() });
            quote! { #field: #value, }
        } else {
            quote! { #field, }
        }
    });
    // An object's properties and its fields each draw from a fresh generator
    // (`dotnet_rules::sample::Shape::Object`).
    quote! {
        __g.complex::<Self>(#name, |__g| {
            let __properties = &mut __g.fresh();
            #(#properties)*
            let __fields = &mut __g.fresh();
            #(#dotnet_fields)*
            ::core::result::Result::Ok(Self { #(#assigns)* })
        })
    }
}

fn expand_enum(variants: &[Variant<'_>]) -> TokenStream {
    // `Enum.GetValues(type)[0]`: ordered by the unsigned magnitude of the underlying int.
    match first_enum_value(variants.iter().map(|v| v.value)).map(|i| &variants[i]) {
        Some(v) => {
            let variant = v.ident;
            quote! { ::core::result::Result::Ok(::core::option::Option::Some(Self::#variant)) }
        }
        // No constants: null, which a non-nullable member stores as its default, 0.
        None => quote! { ::core::result::Result::Ok(::core::option::Option::None) },
    }
}

fn expand_flags(members: &[FlagMember]) -> TokenStream {
    match first_enum_value(members.iter().map(|m| m.value)).map(|i| &members[i]) {
        Some(m) => {
            let value = Literal::i32_unsuffixed(m.value as i32);
            quote! { ::core::result::Result::Ok(::core::option::Option::Some(Self(#value))) }
        }
        None => quote! { ::core::result::Result::Ok(::core::option::Option::None) },
    }
}
