//! IR → proptest strategies for the differential suite against .NET
//! (`h2h-models/tests/differential/generated/<target>.rs`).
//!
//! One strategy function per contract and enum, building the generated structs field by field
//! from the per-type strategies of the hand-written `h2h-models/tests/differential/values.rs`,
//! and a `contracts` function that hands every contract to the suite, so that a contract added
//! to the schema is tested with no hand-written code. `mod.rs` declares one test per target.

use std::collections::BTreeMap;

use h2h_schema::ir::{Api, ContractId, Enum, Primitive, Type};
use h2h_schema::{field_name, naming};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::rust::value_type_name;
use super::{csharp, rust_file, Target, TARGETS};

/// Folder of the generated strategies, workspace-relative; every file in it is generated.
pub const OUT_DIR: &str = "h2h-models/tests/differential/generated";

/// How deep contracts nest inside a generated value (a recursive contract stops there).
const DEPTH: u32 = 2;

/// Largest tuple the strategies combine at once (proptest implements up to 12).
const TUPLE_MAX: usize = 10;

/// Adds the strategies file of `target` to `out`.
pub fn generate(api: &Api, target: &Target, out: &mut BTreeMap<String, String>) {
    out.insert(
        format!("{OUT_DIR}/{}.rs", target.name),
        rust_file(target_tokens(api, target), target.schema_dir),
    );
}

/// `mod.rs`: the modules of every target and one test per target.
pub fn generate_common(out: &mut BTreeMap<String, String>) {
    let modules = TARGETS.iter().map(|t| {
        let module = ident(t.name);
        let test = format_ident!("{}_agrees_with_dotnet", t.name);
        let doc = format!(
            " Every contract of `{}`: Rust and .NET (DataContractSerializer, Json.NET) agree on \
             generated values.",
            t.schema_dir
        );
        quote! {
            pub mod #module;
            #[doc = #doc]
            #[test]
            fn #test() {
                crate::check::run_target(#module::TARGET, #module::CSHARP, #module::contracts);
            }
        }
    });
    let tokens = quote! {
        //! The generated strategies of every schema target, and one test per target.
        #(#modules)*
    };
    out.insert(
        format!("{OUT_DIR}/mod.rs"),
        rust_file(tokens, "the schema targets in xtask/src/codegen/mod.rs"),
    );
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// Strategy function of a contract as declared (the `Any` form where it has known types).
fn contract_fn(api: &Api, id: ContractId) -> Ident {
    ident(&naming::snake_case(&value_type_name(api, id)))
}

/// Strategy function of the contract's own struct.
fn struct_fn(api: &Api, id: ContractId) -> Ident {
    let c = api.contract(id);
    if !api.is_polymorphic(id) {
        contract_fn(api, id)
    } else {
        format_ident!("{}_itself", naming::snake_case(&c.rust_name))
    }
}

fn enum_fn(e: &Enum) -> Ident {
    format_ident!("enum_{}", naming::snake_case(&e.rust_name))
}

/// Whether a value of contract `id` can hold a subtype in place of a declared type (a root or
/// member whose contract has known types).
fn polymorphic(api: &Api, id: ContractId, seen: &mut Vec<ContractId>) -> bool {
    if seen.contains(&id) {
        return false;
    }
    seen.push(id);
    if api.is_polymorphic(id) {
        return true;
    }
    let mut contracts = Vec::new();
    for f in api.flattened(id) {
        contracts_in(&f.member.ty, &mut contracts);
    }
    contracts.into_iter().any(|c| polymorphic(api, c, seen))
}

fn contracts_in(ty: &Type, out: &mut Vec<ContractId>) {
    match ty {
        Type::Contract(id) => out.push(*id),
        Type::Primitive(_) | Type::Enum(_) => {}
        Type::Nullable(inner) | Type::Collection(_, inner) => contracts_in(inner, out),
        Type::Dictionary(k, v) => {
            contracts_in(k, out);
            contracts_in(v, out);
        }
    }
}

fn target_tokens(api: &Api, target: &Target) -> TokenStream {
    let models: syn::Path = syn::parse_str(target.models_path)
        .unwrap_or_else(|e| panic!("Target.models_path {:?}: {e}", target.models_path));
    let name = target.name;
    let csharp = csharp::path(target);
    let depth = proc_macro2::Literal::u32_unsuffixed(DEPTH);

    let registrations = (0..api.contracts.len()).map(ContractId).map(|id| {
        let c = api.contract(id);
        let full = format!("{}.{}", c.clr_namespace, c.clr_name);
        let ty = ident(&value_type_name(api, id));
        let f = contract_fn(api, id);
        let with_subtypes = if polymorphic(api, id, &mut Vec::new()) {
            quote! { ::core::option::Option::Some(#f(DEPTH, true)) }
        } else {
            quote! { ::core::option::Option::None }
        };
        quote! {
            suite.contract::<#models::#ty>(#full, #f(DEPTH, false), #with_subtypes);
        }
    });

    let contract_fns = (0..api.contracts.len())
        .map(ContractId)
        .map(|id| contract_tokens(api, id, &models));
    let enum_fns = api.enums.iter().map(|e| enum_tokens(e, &models));
    let doc = format!(
        " Generated values of every contract of `{}`, for the differential suite.",
        target.schema_dir
    );
    quote! {
        #![doc = #doc]
        #![allow(clippy::all, unused_variables, unused_imports)]

        use ::proptest::strategy::Strategy as _;

        /// Name of the schema target.
        pub const TARGET: &str = #name;
        /// Workspace-relative path of the C# contracts the harness is built with.
        pub const CSHARP: &str = #csharp;
        /// How deep contracts nest in a generated value.
        pub const DEPTH: u32 = #depth;

        /// Hands every contract to the suite by its full CLR name, with a strategy of values
        /// without subtypes in place of a declared type (checked in every direction) and, where
        /// the contract can hold subtypes, one with them (checked where DCS reads the value:
        /// Json.NET reads a declared type's members only).
        pub fn contracts<S: crate::check::Suite>(suite: &mut S) {
            #(#registrations)*
        }

        #(#contract_fns)*
        #(#enum_fns)*
    }
}

/// Strategy of a value of `ty` as its Rust type (with the `Option` of a nullable reference
/// type), inside contract `owner` at `depth`.
fn strategy(api: &Api, ty: &Type, owner: ContractId, boxed: bool) -> TokenStream {
    let value = value_strategy(api, ty, owner, boxed);
    let s = if ty.is_nullable_reference() {
        quote! { crate::values::nullable(#value) }
    } else {
        value
    };
    if has_contract(ty) {
        // A contract-typed member is nullable: deep enough, it is null.
        quote! {
            if depth == 0 {
                ::proptest::strategy::Just(::core::option::Option::None).boxed()
            } else {
                #s
            }
        }
    } else {
        s
    }
}

fn has_contract(ty: &Type) -> bool {
    let mut v = Vec::new();
    contracts_in(ty, &mut v);
    !v.is_empty()
}

/// Strategy of the Rust type without the `Option` a nullable reference type adds.
fn value_strategy(api: &Api, ty: &Type, owner: ContractId, boxed: bool) -> TokenStream {
    match ty {
        Type::Primitive(p) => {
            let f = ident(primitive_fn(*p));
            quote! { crate::values::#f() }
        }
        Type::Enum(id) => {
            let f = enum_fn(api.enumeration(*id));
            quote! { #f() }
        }
        Type::Contract(id) => {
            let f = contract_fn(api, *id);
            if boxed {
                quote! { #f(depth - 1, subtypes).prop_map(::std::boxed::Box::new).boxed() }
            } else {
                quote! { #f(depth - 1, subtypes) }
            }
        }
        Type::Nullable(inner) => {
            let inner = value_strategy(api, inner, owner, false);
            quote! { crate::values::nullable(#inner) }
        }
        Type::Collection(_, item) => {
            let item = strategy_no_depth(api, item, owner);
            quote! { crate::values::list(#item) }
        }
        Type::Dictionary(k, v) => {
            let k = value_strategy(api, k, owner, false);
            let v = strategy_no_depth(api, v, owner);
            quote! { crate::values::dictionary(#k, #v) }
        }
    }
}

/// [`strategy`] inside a collection, whose own depth check already ran.
fn strategy_no_depth(api: &Api, ty: &Type, owner: ContractId) -> TokenStream {
    let value = value_strategy(api, ty, owner, false);
    if ty.is_nullable_reference() {
        quote! { crate::values::nullable(#value) }
    } else {
        value
    }
}

fn primitive_fn(p: Primitive) -> &'static str {
    match p {
        Primitive::String => "string",
        Primitive::Bool => "boolean",
        Primitive::Char => "character",
        Primitive::Byte => "byte",
        Primitive::SByte => "sbyte",
        Primitive::Int16 => "int16",
        Primitive::UInt16 => "uint16",
        Primitive::Int32 => "int32",
        Primitive::UInt32 => "uint32",
        Primitive::Int64 => "int64",
        Primitive::UInt64 => "uint64",
        Primitive::Decimal => "decimal",
        Primitive::Double => "double",
        Primitive::Single => "single",
        Primitive::DateTime => "date_time",
        Primitive::DateTimeOffset => "date_time_offset",
        Primitive::TimeSpan => "time_span",
        Primitive::Guid => "guid",
        Primitive::Uri => "uri",
        Primitive::Bytes => "bytes",
        Primitive::Object => "object",
    }
}

/// Nested tuples of at most [`TUPLE_MAX`] items: the strategy expression and the pattern that
/// destructures its value.
fn tuple_tree(items: Vec<(TokenStream, TokenStream)>) -> (TokenStream, TokenStream) {
    if items.len() <= TUPLE_MAX {
        let (exprs, pats): (Vec<_>, Vec<_>) = items.into_iter().unzip();
        return (quote! { (#(#exprs,)*) }, quote! { (#(#pats,)*) });
    }
    let mut groups = Vec::new();
    let mut rest = items;
    let size = rest.len().div_ceil(TUPLE_MAX).max(TUPLE_MAX);
    while !rest.is_empty() {
        let tail = rest.split_off(size.min(rest.len()));
        groups.push(tuple_tree(rest));
        rest = tail;
    }
    tuple_tree(groups)
}

fn contract_tokens(api: &Api, id: ContractId, models: &syn::Path) -> TokenStream {
    let c = api.contract(id);
    let name = ident(&c.rust_name);
    let f = struct_fn(api, id);
    let flat = api.flattened(id);
    let body = if flat.is_empty() {
        quote! { ::proptest::strategy::Just(#models::#name {}).boxed() }
    } else {
        let mut items = Vec::new();
        let mut fields = Vec::new();
        for (i, fm) in flat.iter().enumerate() {
            let var = format_ident!("f{}", i);
            let field = ident(&field_name(fm));
            let boxed = api.is_boxed(&fm.member.ty, id);
            let s = if fm.member.access.is_some() {
                // .NET never reads a get-only or private-setter property back: it has its
                // getter's constant or the value its type starts with, the only value that
                // can agree: the member's value in the contract's `missing` value.
                quote! {
                    ::proptest::strategy::LazyJust::new(|| {
                        <#models::#name as ::datacontract::xml::XmlValue>::missing().#field
                    })
                }
            } else {
                strategy(api, &fm.member.ty, id, boxed)
            };
            items.push((s, quote! { #var }));
            fields.push(quote! { #field: #var });
        }
        let (expr, pat) = tuple_tree(items);
        quote! {
            #expr.prop_map(|#pat| #models::#name { #(#fields),* }).boxed()
        }
    };
    let doc = format!(" Values of `{}.{}`.", c.clr_namespace, c.clr_name);
    let own = quote! {
        #[doc = #doc]
        pub fn #f(depth: u32, subtypes: bool) -> ::proptest::strategy::BoxedStrategy<#models::#name> {
            #body
        }
    };
    if !api.is_polymorphic(id) {
        return own;
    }
    let any = ident(&value_type_name(api, id));
    let any_fn = contract_fn(api, id);
    // Only the known subtypes: the others are written by DCS only inside a contract that
    // lists them, which a value generated for one declared type does not know.
    let variants = api.known_subtypes(id).into_iter().map(|k| {
        let variant = ident(&api.contract(k).rust_name);
        let kf = struct_fn(api, k);
        quote! { #kf(depth, subtypes).prop_map(#models::#any::#variant) }
    });
    let any_doc = format!(
        " Values declared as `{}.{}`: the class itself or, with `subtypes`, one of its known \
         types.",
        c.clr_namespace, c.clr_name
    );
    quote! {
        #own
        #[doc = #any_doc]
        pub fn #any_fn(depth: u32, subtypes: bool) -> ::proptest::strategy::BoxedStrategy<#models::#any> {
            if subtypes {
                ::proptest::prop_oneof![
                    #f(depth, subtypes).prop_map(#models::#any::#name),
                    #(#variants),*
                ]
                .boxed()
            } else {
                #f(depth, subtypes).prop_map(#models::#any::#name).boxed()
            }
        }
    }
}

fn enum_tokens(e: &Enum, models: &syn::Path) -> TokenStream {
    let name = ident(&e.rust_name);
    let f = enum_fn(e);
    let doc = format!(
        " Values of `{}.{}`: named ones, and now and then a number without a name.",
        e.clr_namespace, e.clr_name
    );
    let values: Vec<proc_macro2::Literal> = e
        .values
        .iter()
        .map(|v| proc_macro2::Literal::i32_unsuffixed(i32::try_from(v.value).unwrap_or_default()))
        .collect();
    if e.flags {
        return quote! {
            #[doc = #doc]
            pub fn #f() -> ::proptest::strategy::BoxedStrategy<#models::#name> {
                crate::values::flags(&[#(#values),*]).prop_map(#models::#name).boxed()
            }
        };
    }
    let other = ident(e.unknown_variant_name());
    let variants = e.values.iter().map(|v| {
        let v = ident(&v.rust_name);
        quote! { #models::#name::#v }
    });
    quote! {
        #[doc = #doc]
        pub fn #f() -> ::proptest::strategy::BoxedStrategy<#models::#name> {
            crate::values::enumeration(
                ::std::vec![#(#variants),*],
                &[#(#values),*],
                #models::#name::#other,
            )
        }
    }
}
