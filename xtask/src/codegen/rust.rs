//! IR → the Rust models in `h2h-models/src/generated/`: one file per contract and enum, the
//! endpoint catalog and the contract registry.
//!
//! Generated structs carry `#[h2h(...)]` attributes; the `DataContract` derive in h2h-macros
//! implements their XML and JSON behaviour. Paths are fully qualified so that a user's own
//! `Option` or `Result` cannot break the code.

use std::collections::BTreeMap;

use h2h_schema::ir::{
    Access, Api, CollectionKind, Contract, ContractId, Direction, Endpoint, Enum, Literal,
    Primitive, Scope, Type,
};
use h2h_schema::{field_name, naming};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::docs::{doc_attrs, sanitize};
use super::rust_file;

/// Adds every generated Rust file for `api` to `out`, under the folder `out_dir`.
pub fn generate(api: &Api, out_dir: &str, schema_dir: &str, out: &mut BTreeMap<String, String>) {
    let mut modules = Vec::new();
    for (i, contract) in api.contracts.iter().enumerate() {
        let module = naming::snake_case(&contract.rust_name);
        out.insert(
            format!("{out_dir}/{module}.rs"),
            rust_file(contract_tokens(api, ContractId(i)), schema_dir),
        );
        modules.push((
            module.clone(),
            contract.rust_name.clone(),
            base_trait_name(api, ContractId(i)),
        ));
        if api.is_polymorphic(ContractId(i)) {
            modules.push((module, value_type_name(api, ContractId(i)), None));
        }
    }
    for e in &api.enums {
        let module = naming::snake_case(&e.rust_name);
        out.insert(
            format!("{out_dir}/{module}.rs"),
            rust_file(enum_tokens(e), schema_dir),
        );
        modules.push((module, e.rust_name.clone(), None));
    }
    out.insert(
        format!("{out_dir}/endpoints.rs"),
        rust_file(endpoints_tokens(api), schema_dir),
    );
    out.insert(
        format!("{out_dir}/catalog.rs"),
        rust_file(catalog_tokens(api), schema_dir),
    );
    out.insert(
        format!("{out_dir}/mod.rs"),
        rust_file(mod_tokens(&modules), schema_dir),
    );
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

fn mod_tokens(modules: &[(String, String, Option<String>)]) -> TokenStream {
    let mut declared = std::collections::BTreeSet::new();
    let items = modules.iter().map(|(module_name, ty, base_trait)| {
        let module = ident(module_name);
        let ty = ident(ty);
        let base_trait = base_trait.as_ref().map(|t| {
            let t = ident(t);
            quote! { pub use self::#module::#t; }
        });
        let declaration = declared
            .insert(module_name.clone())
            .then(|| quote! { mod #module; });
        quote! {
            #declaration
            pub use self::#module::#ty;
            #base_trait
        }
    });
    quote! {
        //! The models of every contract and enum in the schema, the endpoint catalog and the
        //! contract registry.
        #(#items)*
        pub mod endpoints;
        pub mod catalog;
    }
}

/// The Rust type that holds a value declared as contract `id`: the contract itself, or
/// `Any<Name>` when DCS may write a subtype in its place. (The strategies name it too.)
pub(super) fn value_type_name(api: &Api, id: ContractId) -> String {
    let c = api.contract(id);
    if !api.is_polymorphic(id) {
        c.rust_name.clone()
    } else {
        format!("Any{}", c.rust_name)
    }
}

/// Name of the trait that gives access to a base contract's members, if the contract is a base.
fn base_trait_name(api: &Api, id: ContractId) -> Option<String> {
    api.is_base(id)
        .then(|| format!("{}Members", api.contract(id).rust_name))
}

/// The Rust type of a value of `ty`: reference types and `Nullable<T>` become `Option`.
fn rust_type(api: &Api, ty: &Type, boxed: bool) -> TokenStream {
    let inner = rust_value_type(api, ty, boxed);
    if ty.is_nullable_reference() {
        quote! { ::core::option::Option<#inner> }
    } else {
        inner
    }
}

/// The Rust type without the `Option` a nullable reference type adds.
fn rust_value_type(api: &Api, ty: &Type, boxed: bool) -> TokenStream {
    match ty {
        Type::Primitive(p) => primitive_type(*p),
        Type::Enum(id) => {
            let name = ident(&api.enumeration(*id).rust_name);
            quote! { super::#name }
        }
        Type::Contract(id) => {
            let name = ident(&value_type_name(api, *id));
            if boxed {
                quote! { ::std::boxed::Box<super::#name> }
            } else {
                quote! { super::#name }
            }
        }
        Type::Nullable(inner) => {
            let inner = rust_value_type(api, inner, false);
            quote! { ::core::option::Option<#inner> }
        }
        Type::Collection(_, item) => {
            let item = rust_type(api, item, false);
            quote! { ::std::vec::Vec<#item> }
        }
        Type::Dictionary(k, v) => {
            // Keys cannot be null in .NET.
            let k = rust_value_type(api, k, false);
            let v = rust_type(api, v, false);
            quote! { ::datacontract::Dictionary<#k, #v> }
        }
    }
}

fn primitive_type(p: Primitive) -> TokenStream {
    match p {
        Primitive::String => quote! { ::std::string::String },
        Primitive::Bool => quote! { bool },
        Primitive::Char => quote! { char },
        Primitive::Byte => quote! { u8 },
        Primitive::SByte => quote! { i8 },
        Primitive::Int16 => quote! { i16 },
        Primitive::UInt16 => quote! { u16 },
        Primitive::Int32 => quote! { i32 },
        Primitive::UInt32 => quote! { u32 },
        Primitive::Int64 => quote! { i64 },
        Primitive::UInt64 => quote! { u64 },
        Primitive::Decimal => quote! { ::datacontract::Decimal },
        Primitive::Double => quote! { f64 },
        Primitive::Single => quote! { f32 },
        Primitive::DateTime => quote! { ::datacontract::DateTime },
        Primitive::DateTimeOffset => quote! { ::datacontract::DateTimeOffset },
        Primitive::TimeSpan => quote! { ::datacontract::TimeSpan },
        Primitive::Guid => quote! { ::datacontract::Guid },
        Primitive::Uri => quote! { ::datacontract::Uri },
        Primitive::Bytes => quote! { ::datacontract::Bytes },
        Primitive::Object => quote! { ::datacontract::Object },
    }
}

/// The C# spelling of a type, for docs.
pub fn csharp_type(api: &Api, ty: &Type) -> String {
    match ty {
        Type::Primitive(p) => p.csharp_name().to_owned(),
        Type::Enum(id) => api.enumeration(*id).clr_name.clone(),
        Type::Contract(id) => api.contract(*id).clr_name.clone(),
        Type::Nullable(inner) => format!("{}?", csharp_type(api, inner)),
        Type::Collection(CollectionKind::List, item) => format!("List<{}>", csharp_type(api, item)),
        Type::Collection(CollectionKind::Array, item) => format!("{}[]", csharp_type(api, item)),
        Type::Dictionary(k, v) => {
            format!(
                "Dictionary<{}, {}>",
                csharp_type(api, k),
                csharp_type(api, v)
            )
        }
    }
}

/// Whether a value of `ty` has a `Default` that .NET could also write: an enum needs a
/// constant with value 0 (DCS cannot write an unnamed value).
fn has_default(api: &Api, ty: &Type) -> bool {
    match ty {
        Type::Enum(id) => api.enumeration(*id).has_zero(),
        _ => true,
    }
}

fn contract_tokens(api: &Api, id: ContractId) -> TokenStream {
    let c = api.contract(id);
    let name = ident(&c.rust_name);
    let levels = api.levels(id);
    let last_level = levels.len() - 1;
    let flat = api.flattened(id);

    let mut doc = Vec::new();
    if !c.description.is_empty() {
        doc.push(sanitize(&c.description));
    }
    let mut facts = format!(".NET class `{}.{}`", c.clr_namespace, c.clr_name);
    if let Some(base) = c.base {
        facts.push_str(&format!(
            ", derived from [`{0}`](super::{0})",
            api.contract(base).rust_name
        ));
    }
    facts.push_str(&format!(
        "; XML root `{}` in namespace `{}`.",
        c.xml_name, c.xml_namespace
    ));
    doc.push(facts);
    if levels.len() > 1 {
        doc.push(
            "Members of the base classes are flattened into this struct, base class first.".into(),
        );
    }
    let no_default: Vec<&str> = flat
        .iter()
        .filter(|f| !has_default(api, &f.member.ty))
        .map(|f| f.member.clr_name.as_str())
        .collect();
    if !no_default.is_empty() {
        doc.push(format!(
            "No `Default`: {} has no constant with value 0, and .NET cannot send an enum value \
             without a name, so it must be chosen explicitly.",
            no_default
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let mut not_member_attrs = Vec::new();
    let mut not_member_names = Vec::new();
    for (li, &level) in levels.iter().enumerate() {
        let own: Vec<_> = flat.iter().filter(|f| f.level == li).collect();
        for n in &api.contract(level).non_members {
            let name = &n.clr_name;
            // The Rust type of its value: the sample generator draws one and drops it.
            let ty = rust_type(api, &n.ty, api.is_boxed(&n.ty, id));
            let mut args = vec![quote! { name = #name }, quote! { ty = #ty }];
            if li != last_level {
                let l = proc_macro2::Literal::usize_unsuffixed(li);
                args.push(quote! { level = #l });
            }
            if let Some(prev) = n.position.checked_sub(1).and_then(|p| own.get(p)) {
                let after = ident(&field_name(prev));
                args.push(quote! { after = #after });
            }
            not_member_attrs.push(quote! { #[h2h(not_member(#(#args),*))] });
            not_member_names.push(format!(
                "`{name}` (`{}`)",
                sanitize(&csharp_type(api, &n.ty))
            ));
        }
    }
    if !not_member_names.is_empty() {
        doc.push(format!(
            "Not data members: {}. The .NET class has these settable properties without \
             `[DataMember]`: neither serializer sends or reads them, so this struct has no field \
             for them; the help page's sample generator sets them, so they take sample numbers \
             (`#[h2h(not_member)]`).",
            not_member_names.join(", ")
        ));
    }
    let doc = doc_attrs(&doc);

    let mut struct_attrs = Vec::new();
    let xml_name = &c.xml_name;
    let xml_ns = &c.xml_namespace;
    struct_attrs.push(quote! { #[h2h(name = #xml_name, namespace = #xml_ns)] });
    for &level in &levels[..last_level] {
        let b = api.contract(level);
        let bn = &b.xml_name;
        // The namespace of a base level defaults to the contract's own.
        if b.xml_namespace == c.xml_namespace {
            struct_attrs.push(quote! { #[h2h(base(name = #bn))] });
        } else {
            let bns = &b.xml_namespace;
            struct_attrs.push(quote! { #[h2h(base(name = #bn, namespace = #bns))] });
        }
    }
    let scope = api.scope_known_types(id);
    if !scope.is_empty() {
        let known = scope.iter().map(|&k| {
            let t = ident(&api.contract(k).rust_name);
            quote! { super::#t }
        });
        struct_attrs.push(quote! { #[h2h(known_types(#(#known),*))] });
    }
    struct_attrs.extend(not_member_attrs);
    if levels.len() > 2 {
        // Clippy reads repeated keys in derive helper attributes as duplicates.
        struct_attrs.push(quote! { #[allow(clippy::duplicated_attributes)] });
    }

    let fields = flat.iter().map(|f| {
        let m = f.member;
        let field = ident(&field_name(f));
        let boxed = api.is_boxed(&m.ty, id);
        let ty = rust_type(api, &m.ty, boxed);
        let declared = &api.contract(f.declared_in).clr_name;
        // DCS requires every field of a [Serializable] class (there is no [OptionalField]).
        let serializable = api.contract(f.declared_in).is_serializable;
        let mut doc = Vec::new();
        if !m.description.is_empty() {
            doc.push(sanitize(&m.description));
        }
        let mut facts = format!(
            "Wire name `{}`, .NET type `{}`",
            m.wire_name,
            sanitize(&csharp_type(api, &m.ty))
        );
        if f.declared_in != id {
            facts.push_str(&format!(", declared in `{declared}`"));
        }
        facts.push('.');
        doc.push(facts);
        if f.hidden {
            doc.push(format!(
                "Hidden by a `new` member of a derived class: DCS writes and reads it as the first \
                 `{}` element (in the base class's position); Json.NET never sees it.",
                m.wire_name
            ));
        }
        if !m.additional_information.is_empty() {
            doc.push(format!(
                "Additional information: {}.",
                sanitize(&m.additional_information.join("; "))
            ));
        }
        if serializable && !m.required {
            doc.push(
                "Required in XML: DCS refuses a body without it (a field of a `[Serializable]` \
                 class); Json.NET does not."
                    .into(),
            );
        }
        if m.sensitive {
            doc.push("Sensitive: redacted in `Debug` output and never echoed in errors.".into());
        }
        match m.access {
            Some(Access::GetOnly) => doc.push(format!(
                "Get-only: {}. Json.NET writes it and DCS does not; .NET never reads it back, \
                 but it is read from JSON here so that nothing the server sent is lost.",
                match &m.returns {
                    Some(literal) => format!(
                        "its getter returns `{}`, which is its value wherever the wire does not \
                         carry it (XML never does)",
                        literal_tokens(literal, &m.ty)
                    ),
                    None => "its value comes from server code".to_owned(),
                }
            )),
            Some(Access::PrivateSet) => doc.push(
                "Private setter: Json.NET writes it and DCS does not; .NET never reads it back, \
                 but it is read from JSON here so that nothing the server sent is lost."
                    .into(),
            ),
            None => {}
        }
        let doc = doc_attrs(&doc);
        let mut opts = Vec::new();
        if m.wire_name != field_name(f) {
            let wire = &m.wire_name;
            opts.push(quote! { name = #wire });
        }
        if f.level != last_level {
            let level = proc_macro2::Literal::usize_unsuffixed(f.level);
            opts.push(quote! { level = #level });
        }
        if f.hidden {
            opts.push(quote! { hidden });
        }
        if let Some(order) = m.order {
            let order = proc_macro2::Literal::i32_unsuffixed(order);
            opts.push(quote! { order = #order });
        }
        if m.required {
            opts.push(quote! { required });
        } else if serializable {
            opts.push(quote! { required_in_xml });
        }
        if matches!(m.ty, Type::Collection(CollectionKind::Array, _)) {
            // Json.NET replaces an array given again, and fills a list (`read_json_into`).
            opts.push(quote! { array });
        }
        if !m.emit_default_value {
            opts.push(quote! { emit_default = false });
        }
        if m.sensitive {
            opts.push(quote! { sensitive });
        }
        if m.is_field {
            opts.push(quote! { field });
        }
        match m.access {
            Some(Access::GetOnly) => opts.push(quote! { get_only }),
            Some(Access::PrivateSet) => opts.push(quote! { private_set }),
            None => {}
        }
        if let Some(literal) = &m.returns {
            let literal = literal_tokens(literal, &m.ty);
            opts.push(quote! { returns = #literal });
        }
        let attr = (!opts.is_empty()).then(|| quote! { #[h2h(#(#opts),*)] });
        quote! {
            #doc
            #attr
            pub #field: #ty,
        }
    });

    let has_default = no_default.is_empty();
    // A getter constant is the member's default too, so such a struct spells out `Default`.
    let constants = flat.iter().any(|f| f.member.returns.is_some());
    let default = (has_default && !constants).then(|| quote! { ::core::default::Default, });
    let default_impl = (has_default && constants).then(|| {
        let fields = flat.iter().map(|f| {
            let field = ident(&field_name(f));
            match &f.member.returns {
                Some(literal) => {
                    let literal = literal_tokens(literal, &f.member.ty);
                    quote! { #field: ::datacontract::GetterConstant::from_literal(#literal), }
                }
                None => quote! { #field: ::core::default::Default::default(), },
            }
        });
        quote! {
            impl ::core::default::Default for #name {
                fn default() -> Self {
                    Self { #(#fields)* }
                }
            }
        }
    });

    let base_traits = levels.iter().filter(|&&l| api.is_base(l)).map(|&l| {
        let trait_name = ident(&base_trait_name(api, l).unwrap_or_default());
        let accessors = api.contract(l).members.iter().map(|m| {
            // Through a base-class view, a hidden member is the base one.
            let f = flat
                .iter()
                .find(|f| f.declared_in == l && f.member.clr_name == m.clr_name)
                .expect("every member of a level is in the flattened list");
            let field = ident(&field_name(f));
            let getter = ident(&m.rust_name);
            let setter = format_ident!("{}_mut", m.rust_name.trim_end_matches('_'));
            let ty = rust_type(api, &m.ty, false);
            quote! {
                fn #getter(&self) -> &#ty { &self.#field }
                fn #setter(&mut self) -> &mut #ty { &mut self.#field }
            }
        });
        let trait_path = if l == id {
            quote! { #trait_name }
        } else {
            quote! { super::#trait_name }
        };
        quote! {
            // Through a base-class view a hidden member is the base one, on purpose.
            #[allow(clippy::misnamed_getters)]
            impl #trait_path for #name {
                #(#accessors)*
            }
        }
    });

    let trait_def = base_trait_name(api, id).map(|t| {
        let trait_name = ident(&t);
        let methods = c.members.iter().map(|m| {
            let getter = ident(&m.rust_name);
            let setter = format_ident!("{}_mut", m.rust_name.trim_end_matches('_'));
            let ty = rust_type(api, &m.ty, false);
            let get_doc = format!(" `{}`: {}", m.wire_name, sanitize(&m.description));
            let set_doc = format!(" `{}`, to change it.", m.wire_name);
            quote! {
                #[doc = #get_doc]
                fn #getter(&self) -> &#ty;
                #[doc = #set_doc]
                fn #setter(&mut self) -> &mut #ty;
            }
        });
        let doc = format!(
            " The members `{}` declares, on it and on every contract derived from it, so that \
             code can set them on any such request or response.",
            c.clr_name
        );
        quote! {
            #[doc = #doc]
            pub trait #trait_name {
                #(#methods)*
            }
        }
    });

    let any = api.is_polymorphic(id).then(|| {
        let any_name = ident(&value_type_name(api, id));
        let variants = api.polymorphic_variants(id).into_iter().map(|(k, scope)| {
            let t = ident(&api.contract(k).rust_name);
            match scope {
                Scope::Everywhere => {
                    let doc = format!(
                        " A [`{0}`](super::{0}), a `[KnownType]`, in place of the declared type \
                         (`i:type` in XML).",
                        api.contract(k).rust_name
                    );
                    quote! {
                        #[doc = #doc]
                        #t(super::#t),
                    }
                }
                // .NET code can put any subtype here. Json.NET writes it; DCS writes it only
                // inside a contract that lists it as a known type.
                Scope::Contained => {
                    let doc = format!(
                        " A [`{0}`](super::{0}), not a `[KnownType]` of this class: DCS writes it \
                         (with `i:type`) only inside a contract that lists it as one, and \
                         writing XML fails elsewhere; Json.NET writes it anywhere.",
                        api.contract(k).rust_name
                    );
                    quote! {
                        #[doc = #doc]
                        #[h2h(scoped)]
                        #t(super::#t),
                    }
                }
            }
        });
        let doc = format!(
            " A value declared as [`{0}`](super::{0}): the class itself or one of its subtypes. DCS \
             marks a subtype with `i:type` where it is a `[KnownType]` in scope; Json.NET writes a \
             subtype's members without a marker, and reading JSON picks the type whose members \
             cover the object's.",
            c.rust_name
        );
        let default = has_default.then(|| quote! {
            impl ::core::default::Default for #any_name {
                fn default() -> Self {
                    Self::#name(::core::default::Default::default())
                }
            }
        });
        quote! {
            #[doc = #doc]
            #[derive(::core::clone::Clone, ::core::cmp::PartialEq, ::datacontract::DataContract)]
            #[h2h(polymorphic, name = #xml_name, namespace = #xml_ns)]
            pub enum #any_name {
                /// The declared class itself.
                #[h2h(base)]
                #name(#name),
                #(#variants)*
            }
            #default
        }
    });
    quote! {
        #doc
        #[derive(::core::clone::Clone, ::core::cmp::PartialEq, #default ::datacontract::DataContract)]
        #(#struct_attrs)*
        pub struct #name {
            #(#fields)*
        }
        #default_impl
        #any
        #trait_def
        #(#base_traits)*
    }
}

/// A getter constant as a Rust literal of the member's type (`char` for a one-character string);
/// its `Display` is the source text.
fn literal_tokens(literal: &Literal, ty: &Type) -> LiteralTokens {
    LiteralTokens(literal_stream(literal, ty))
}

/// Tokens of a literal that display without the spaces `TokenStream` puts after a `-`.
struct LiteralTokens(TokenStream);

impl quote::ToTokens for LiteralTokens {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.0.to_tokens(tokens);
    }
}

impl std::fmt::Display for LiteralTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for token in self.0.clone() {
            write!(f, "{token}")?;
        }
        Ok(())
    }
}

fn literal_stream(literal: &Literal, ty: &Type) -> TokenStream {
    match literal {
        Literal::Bool(b) => quote! { #b },
        Literal::Integer(i) => {
            let magnitude = proc_macro2::Literal::u64_unsuffixed(i.unsigned_abs());
            if *i < 0 {
                quote! { -#magnitude }
            } else {
                quote! { #magnitude }
            }
        }
        Literal::String(s) => {
            let is_char = matches!(ty.non_nullable(), Type::Primitive(Primitive::Char));
            match s.chars().next() {
                Some(c) if is_char => {
                    let c = proc_macro2::Literal::character(c);
                    quote! { #c }
                }
                _ => {
                    let s = proc_macro2::Literal::string(s);
                    quote! { #s }
                }
            }
        }
    }
}

fn enum_tokens(e: &Enum) -> TokenStream {
    let name = ident(&e.rust_name);
    let mut doc = Vec::new();
    if !e.description.is_empty() {
        doc.push(sanitize(&e.description));
    }
    doc.push(format!(
        ".NET enum `{}.{}`{}; in XML by name, in JSON by number.",
        e.clr_namespace,
        e.clr_name,
        if e.flags { " with `[Flags]`" } else { "" }
    ));
    if let Some(u) = &e.undocumented {
        doc.push(format!("Incomplete documentation: {}", sanitize(u)));
    }
    let (xml_name, xml_ns) = (&e.xml_name, &e.xml_namespace);
    let flags = e.flags.then(|| quote! { flags, });
    if e.flags {
        doc.push("A set of flags: combine the constants with `|`.".into());
        let doc = doc_attrs(&doc);
        let consts = e.values.iter().map(|v| {
            let c = ident(&naming::snake_case(&v.clr_name).to_uppercase());
            let value =
                proc_macro2::Literal::i32_unsuffixed(i32::try_from(v.value).unwrap_or_default());
            let doc = doc_attrs(&[
                sanitize(&v.description),
                format!("`{}` = {}.", v.clr_name, v.value),
            ]);
            quote! { #doc pub const #c: Self = Self(#value); }
        });
        let members = e.values.iter().map(|v| {
            let text = v.xml_text.clone().unwrap_or_default();
            let value = proc_macro2::Literal::i64_unsuffixed(v.value);
            if text == v.clr_name {
                quote! { member(name = #text, value = #value) }
            } else {
                let clr = &v.clr_name;
                quote! { member(name = #text, clr_name = #clr, value = #value) }
            }
        });
        return quote! {
            #doc
            #[derive(::core::clone::Clone, ::core::marker::Copy, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash, ::core::default::Default, ::datacontract::DataContract)]
            #[h2h(#flags name = #xml_name, namespace = #xml_ns)]
            #[h2h(#(#members),*)]
            // Clippy reads the repeated `member` keys of the derive's attribute as duplicates.
            #[allow(clippy::duplicated_attributes)]
            pub struct #name(pub i32);
            impl #name {
                #(#consts)*
            }
        };
    }
    let other = ident(e.unknown_variant_name());
    let has_zero = e.has_zero();
    let variants = e.values.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let value = proc_macro2::Literal::i64_unsuffixed(v.value);
        let mut opts = vec![quote! { value = #value }];
        match &v.xml_text {
            Some(text) if *text != v.rust_name => opts.push(quote! { name = #text }),
            Some(_) => {}
            None => opts.push(quote! { no_xml }),
        }
        // Json.NET reads a constant's CLR name; say it where the XML text is something else.
        if v.xml_text.as_deref() != Some(v.clr_name.as_str()) && v.clr_name != v.rust_name {
            let clr = &v.clr_name;
            opts.push(quote! { clr_name = #clr });
        }
        let default = (v.value == 0).then(|| quote! { #[default] });
        let mut paragraphs = Vec::new();
        if !v.description.is_empty() {
            paragraphs.push(sanitize(&v.description));
        }
        paragraphs.push(format!("`{}` = {}.", v.clr_name, v.value));
        let doc = doc_attrs(&paragraphs);
        quote! {
            #doc
            #default
            #[h2h(#(#opts),*)]
            #variant,
        }
    });
    let default = has_zero.then(|| quote! { ::core::default::Default, });
    let doc = doc_attrs(&doc);
    quote! {
        #doc
        #[derive(::core::clone::Clone, ::core::marker::Copy, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash, #default ::datacontract::DataContract)]
        #[h2h(name = #xml_name, namespace = #xml_ns)]
        pub enum #name {
            #(#variants)*
            /// A value this schema has no name for, kept as its number: JSON carries it, XML
            /// cannot (writing it is an error, as in .NET).
            #[h2h(other)]
            #other(i32),
        }
    }
}

fn endpoints_tokens(api: &Api) -> TokenStream {
    let items = api.endpoints.iter().map(|e| endpoint_tokens(api, e));
    let names: Vec<Ident> = api.endpoints.iter().map(|e| ident(&e.rust_name)).collect();
    // A schema without endpoints visits nothing.
    let visitor = if names.is_empty() {
        quote! { _visitor }
    } else {
        quote! { visitor }
    };
    quote! {
        //! One marker type per endpoint, carrying its method, route and body types.
        #(#items)*
        /// Every endpoint's method and route, sorted by route.
        pub const ALL: &[(::datacontract::Method, &str)] = &[
            #( (<#names as ::datacontract::Endpoint>::METHOD, <#names as ::datacontract::Endpoint>::ROUTE) ),*
        ];
        /// Calls `visitor` with every endpoint's marker type, in the order of [`ALL`].
        pub fn visit_all(#visitor: &mut impl ::datacontract::EndpointVisitor) {
            #( visitor.visit::<#names>(); )*
        }
    }
}

fn endpoint_tokens(api: &Api, e: &Endpoint) -> TokenStream {
    let name = ident(&e.rust_name);
    let method = ident(&naming::pascal_case(&e.method.to_lowercase()));
    let route = &e.route;
    let request = e
        .request
        .as_ref()
        .map_or_else(|| quote! { () }, |t| rust_value_type(api, t, false));
    let response = e
        .response
        .as_ref()
        .map_or_else(|| quote! { () }, |t| rust_value_type(api, t, false));
    let mut doc = vec![format!("`{} {}`", e.method, e.route)];
    if !e.summary.is_empty() {
        doc.push(sanitize(&e.summary));
    }
    for p in &e.uri_parameters {
        doc.push(format!(
            "URI parameter `{}` ({}): {}",
            p.name,
            sanitize(&csharp_type(api, &p.ty)),
            sanitize(&p.description)
        ));
    }
    let samples = e
        .samples
        .iter()
        .filter(|s| s.direction == Direction::Request)
        .count()
        + e.samples
            .iter()
            .filter(|s| s.direction == Direction::Response)
            .count();
    if samples > 0 {
        doc.push(format!(
            "The help page documents {samples} samples, kept in the schema."
        ));
    }
    let doc = doc_attrs(&doc);
    let summary = &e.summary;
    let request_types = &e.request_formats;
    let response_types = &e.response_formats;
    let (parameters, parameters_struct) = parameters_tokens(api, e);
    quote! {
        #doc
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::marker::Copy, ::core::default::Default)]
        pub struct #name;
        impl ::datacontract::Endpoint for #name {
            const METHOD: ::datacontract::Method = ::datacontract::Method::#method;
            const ROUTE: &'static str = #route;
            const SUMMARY: &'static str = #summary;
            type Request = #request;
            type Response = #response;
            type Parameters = #parameters;
            const REQUEST_MEDIA_TYPES: &'static [&'static str] = &[#(#request_types),*];
            const RESPONSE_MEDIA_TYPES: &'static [&'static str] = &[#(#response_types),*];
        }
        #parameters_struct
    }
}

/// An endpoint's URI parameters: `()` when it has none, else a struct `<Endpoint>Parameters`
/// with a field per parameter (reference types and `Nullable<T>` optional) and its
/// `UriParameters` impl.
fn parameters_tokens(api: &Api, e: &Endpoint) -> (TokenStream, TokenStream) {
    if e.uri_parameters.is_empty() {
        return (quote! { () }, TokenStream::new());
    }
    let name = ident(&format!("{}Parameters", e.rust_name));
    let fields: Vec<Ident> = e
        .uri_parameters
        .iter()
        .map(|p| ident(&naming::snake_case(&p.name)))
        .collect();
    let types = e
        .uri_parameters
        .iter()
        .map(|p| rust_type(api, &p.ty, false));
    let docs = e.uri_parameters.iter().map(|p| {
        let mut lines = vec![format!("`{}`", p.name)];
        if !p.description.is_empty() {
            lines.push(sanitize(&p.description));
        }
        lines.extend(p.additional_information.iter().map(|a| sanitize(a)));
        doc_attrs(&lines)
    });
    let wire: Vec<&String> = e.uri_parameters.iter().map(|p| &p.name).collect();
    let struct_doc = format!(" The URI parameters of [`{}`].", e.rust_name);
    let tokens = quote! {
        #[doc = #struct_doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, ::core::default::Default)]
        pub struct #name {
            #( #docs pub #fields: #types, )*
        }
        impl ::datacontract::UriParameters for #name {
            fn uri_values(&self) -> ::std::vec::Vec<(&'static str, ::core::option::Option<::std::string::String>)> {
                ::std::vec![#( (#wire, ::datacontract::UriArgument::uri_argument(&self.#fields)) ),*]
            }
            fn from_uri_values(
                text: &dyn ::core::ops::Fn(&str) -> ::core::option::Option<::std::string::String>,
            ) -> ::core::result::Result<Self, ::datacontract::UriError> {
                ::core::result::Result::Ok(Self {
                    #( #fields: ::datacontract::UriError::bind(#wire, text)?, )*
                })
            }
        }
    };
    (quote! { #name }, tokens)
}

fn catalog_tokens(api: &Api) -> TokenStream {
    let mut names: Vec<(&Contract, String)> = api
        .contracts
        .iter()
        .map(|c| (c, c.clr_name.clone()))
        .collect();
    names.sort_by(|a, b| a.1.cmp(&b.1));
    let arms = names.iter().map(|(c, short)| {
        let id = api
            .contracts
            .iter()
            .position(|o| std::ptr::eq(o, *c))
            .map(ContractId)
            .unwrap_or(ContractId(0));
        let ty = ident(&value_type_name(api, id));
        let full = format!("{}.{}", c.clr_namespace, c.clr_name);
        // A short name that two namespaces share only matches by its full name.
        let unique = api
            .contracts
            .iter()
            .filter(|o| &o.clr_name == short)
            .count()
            == 1;
        let pattern = if unique {
            quote! { #short | #full }
        } else {
            quote! { #full }
        };
        quote! { #pattern => ::core::option::Option::Some(visitor.visit::<super::#ty>()), }
    });
    let list = names
        .iter()
        .map(|(c, _)| format!("{}.{}", c.clr_namespace, c.clr_name));
    quote! {
        //! Every contract by name, for tools that pick a contract at run time (`h2h convert`).

        /// The full CLR names of every contract, sorted by short name.
        pub const CONTRACTS: &[&str] = &[#(#list),*];

        /// Calls `visitor` with the contract type named `name` (its CLR name, short or full);
        /// `None` if the schema has no such contract.
        pub fn visit_contract<V: ::datacontract::ContractVisitor>(
            name: &str,
            visitor: V,
        ) -> ::core::option::Option<V::Output> {
            match name {
                #(#arms)*
                _ => ::core::option::Option::None,
            }
        }
    }
}
