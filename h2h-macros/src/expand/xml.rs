//! `XmlValue` for contracts, enums and flags: DCS member order, namespaces, nil, and reading by
//! name in any order with DCS's positional rule for repeated names.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::ast::{Container, Data, Field, Variant};
use crate::attr::FlagMember;
use dotnet_rules::members::dcs_order;
use dotnet_rules::names::encode_local_name;

pub fn expand(cont: &Container<'_>) -> TokenStream {
    match &cont.data {
        Data::Struct(fields) => expand_struct(cont, fields),
        Data::Enum { variants, other } => expand_enum(cont, variants, *other),
        Data::Flags(members) => expand_flags(cont, members),
        Data::Polymorphic {
            base,
            variants,
            scoped,
        } => expand_polymorphic(cont, base, variants, scoped),
    }
}

fn expand_polymorphic(
    cont: &Container<'_>,
    base: &syn::Ident,
    variants: &[(&syn::Ident, &syn::Type)],
    scoped: &[&syn::Ident],
) -> TokenStream {
    let ident = cont.ident;
    let krate = &cont.crate_path;
    let xml = quote! { #krate::xml };
    let name = &cont.xml_name;
    let ns = &cont.namespace;
    let writes = variants.iter().map(|(variant, ty)| {
        if scoped.contains(variant) {
            // DCS writes it only where a contract around it lists it as a known type, else:
            // "Type ... is not expected. Add any types not known statically to the list of
            // known types".
            quote! {
                Self::#variant(__v) => {
                    if !__w.known_types().contains(
                        <#ty as #krate::DataContract>::NAME,
                        <#ty as #krate::DataContract>::NAMESPACE,
                    ) {
                        return ::core::result::Result::Err(#xml::subtype_not_expected(
                            <#ty as #krate::DataContract>::NAME,
                            #name,
                        ));
                    }
                    __w.type_attribute(
                        &<#ty as #xml::XmlValue>::item_name(),
                        <#ty as #xml::XmlValue>::ITEM_NAMESPACE,
                    );
                    #xml::XmlValue::write(__v, __w)
                }
            }
        } else if *variant == base {
            quote! { Self::#variant(__v) => #xml::XmlValue::write(__v, __w), }
        } else {
            quote! {
                Self::#variant(__v) => {
                    __w.type_attribute(
                        &<#ty as #xml::XmlValue>::item_name(),
                        <#ty as #xml::XmlValue>::ITEM_NAMESPACE,
                    );
                    #xml::XmlValue::write(__v, __w)
                }
            }
        }
    });
    let root_types = variants.iter().map(|(variant, ty)| {
        if *variant == base {
            quote! { Self::#variant(_) => ::core::option::Option::None, }
        } else {
            quote! {
                Self::#variant(_) => ::core::option::Option::Some((
                    <#ty as #krate::DataContract>::NAME,
                    <#ty as #krate::DataContract>::NAMESPACE,
                )),
            }
        }
    });
    // DCS reads a subtype's `i:type` where it is a known type in scope, as it writes it.
    let reads = variants.iter().map(|(variant, ty)| {
        let in_scope = scoped.contains(variant).then(|| {
            quote! {
                && __r.known_types().contains(
                    <#ty as #krate::DataContract>::NAME,
                    <#ty as #krate::DataContract>::NAMESPACE,
                )
            }
        });
        quote! {
            if __type_name == <#ty as #krate::DataContract>::NAME
                && __type_ns.as_deref() == ::core::option::Option::Some(<#ty as #krate::DataContract>::NAMESPACE)
                #in_scope
            {
                return <#ty as #xml::XmlValue>::read(__r, __tag).map(Self::#variant);
            }
        }
    });
    let base_ty = variants.iter().find(|(v, _)| *v == base).map(|(_, ty)| *ty);
    let root_start = dotnet_rules::xml::root_start(name, ns);
    quote! {
        #[automatically_derived]
        impl #xml::XmlValue for #ident {
            const ITEM_NAMESPACE: &'static str = #ns;
            const DECLARES_NAMESPACE: bool = true;
            const DOTNET_NAME: &'static str = #name;
            const ROOT_START: ::core::option::Option<&'static str> =
                ::core::option::Option::Some(#root_start);

            fn item_name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(#name)
            }

            fn write(&self, __w: &mut #xml::XmlWriter) -> ::core::result::Result<(), #xml::Error> {
                match self {
                    #(#writes)*
                }
            }

            fn root_type(&self) -> ::core::option::Option<(&'static str, &'static str)> {
                match self {
                    #(#root_types)*
                }
            }

            fn read(
                __r: &mut #xml::XmlReader<'_>,
                __tag: &#xml::StartTag,
            ) -> ::core::result::Result<Self, #xml::Error> {
                let ::core::option::Option::Some((__type_ns, __type_name)) = ::core::option::Option::as_deref(&__tag.xsi_type) else {
                    return <#base_ty as #xml::XmlValue>::read(__r, __tag).map(Self::#base);
                };
                #(#reads)*
                ::core::result::Result::Err(#xml::unknown_type(__r, __tag, __type_ns.as_deref(), __type_name))
            }

            fn missing() -> Self {
                Self::#base(<#base_ty as #xml::XmlValue>::missing())
            }
        }
    }
}

/// Fields in the order DCS writes them ([`dotnet_rules::members::dcs_order`]); get-only and
/// private-setter properties are not DCS members and are left out.
fn xml_order<'f, 'a>(fields: &'f [Field<'a>]) -> Vec<&'f Field<'a>> {
    dcs_order(&crate::ast::rules(fields))
        .into_iter()
        .map(|i| &fields[i])
        .collect()
}

fn expand_struct(cont: &Container<'_>, fields: &[Field<'_>]) -> TokenStream {
    let ident = cont.ident;
    let krate = &cont.crate_path;
    let xml = quote! { #krate::xml };
    let (impl_generics, ty_generics, where_clause) = cont.generics.split_for_impl();
    let name = &cont.xml_name;
    let ns = &cont.namespace;
    let ordered = xml_order(fields);

    // Each member's tags are rendered here; the member's type writes them (text values in
    // one step when the member's namespace is the default one).
    let mut tags_len = 0usize;
    let mut hints = Vec::new();
    let writes: Vec<TokenStream> = ordered
        .iter()
        .map(|f| {
            let field = f.ident;
            let wire = &encode_local_name(&f.wire_name);
            let member_ns = &cont.levels[f.level].namespace;
            let redact = f
                .sensitive
                .then(|| quote! { .map_err(#xml::Error::redacted) });
            let open = format!("<{wire}>");
            let close = format!("</{wire}>");
            let nil = format!("<{wire} i:nil=\"true\" />");
            tags_len += (open.len() + close.len()).max(nil.len());
            hints.push(quote! { #xml::XmlValue::size_hint(&self.#field) });
            let write = quote! {
                #xml::XmlValue::write_member(&self.#field, __w, &#xml::MemberTags {
                    name: #wire, ns: #member_ns, open: #open, close: #close, nil: #nil,
                })
                    #redact
                    .map_err(|__e| __e.inside(#wire))?;
            };
            if f.emit_default {
                write
            } else {
                quote! {
                    if !#xml::XmlValue::is_dotnet_default(&self.#field) {
                        #write
                    }
                }
            }
        })
        .collect();
    let root_start = dotnet_rules::xml::root_start(name, ns);

    // Reading: one slot per field, in XML order; a child resolves to the first unfilled slot
    // with its name at or after the last one read (DCS's forward rule), else to any unfilled
    // slot with its name (DCS would drop it; we keep it).
    let count = ordered.len();
    let table = ordered.iter().map(|f| {
        let wire = &encode_local_name(&f.wire_name);
        let member_ns = &cont.levels[f.level].namespace;
        quote! { (#wire.as_bytes(), #member_ns) }
    });
    let slots: Vec<_> = (0..count).map(|i| format_ident!("__slot{}", i)).collect();
    let slot_decls = ordered.iter().zip(&slots).map(|(f, slot)| {
        let ty = f.ty;
        quote! { let mut #slot: ::core::option::Option<#ty> = ::core::option::Option::None; }
    });
    let read_arms = ordered
        .iter()
        .zip(&slots)
        .enumerate()
        .map(|(i, (f, slot))| {
            let ty = f.ty;
            let redact = f
                .sensitive
                .then(|| quote! { .map_err(#xml::Error::redacted) });
            let index = Literal::usize_unsuffixed(i);
            quote! {
                #index => {
                    #slot = ::core::option::Option::Some(
                        <#ty as #xml::XmlValue>::read(__r, &__child) #redact ?
                    );
                }
            }
        });
    let assigns = ordered.iter().zip(&slots).map(|(f, slot)| {
        let field = f.ident;
        let ty = f.ty;
        let wire = &f.wire_name;
        let required = f.required || f.required_in_xml;
        quote! {
            #field: match #slot {
                ::core::option::Option::Some(__v) => __v,
                ::core::option::Option::None => #xml::read_missing_member::<#ty>(__r, __tag, #required, #wire)?,
            },
        }
    });
    // DCS has the contract's known types in scope while it handles the members; a closure
    // keeps enter and leave paired when a member fails.
    let known = &cont.known_types;
    let scope = (!known.is_empty()).then(|| {
        quote! {
            {
                const __KNOWN: &[(&str, &str)] = &[#((
                    <#known as #krate::DataContract>::NAME,
                    <#known as #krate::DataContract>::NAMESPACE,
                )),*];
                __KNOWN
            }
        }
    });
    let in_scope = |scoped: &TokenStream, body: TokenStream, out: TokenStream| match &scope {
        None => body,
        Some(s) => quote! {
            #scoped.known_types().push(#s);
            let __result = (|| -> ::core::result::Result<#out, #xml::Error> { #body })();
            #scoped.known_types().pop();
            __result
        },
    };
    let absent = |f: &Field<'_>| {
        let field = f.ident;
        let ty = f.ty;
        let value = f.absent(krate, quote! { <#ty as #xml::XmlValue>::missing() });
        quote! { #field: #value, }
    };
    let json_only = fields.iter().filter(|f| f.json_only()).map(absent);
    let missing = fields.iter().map(absent);
    let write_body = in_scope(
        &quote! { __w },
        quote! {
            #(#writes)*
            ::core::result::Result::Ok(())
        },
        quote! { () },
    );
    let read_body = in_scope(
        &quote! { __r },
        quote! {
            #(#slot_decls)*
            let mut __filled = [false; #count];
            let mut __cursor = 0usize;
            while let ::core::option::Option::Some(__child) = __r.next_member(__tag, &__MEMBERS, __cursor)? {
                let __index = match #xml::resolve_member(__r, &__child, &__MEMBERS, &__filled, __cursor)? {
                    ::core::option::Option::Some(__i) => __i,
                    ::core::option::Option::None => continue,
                };
                __filled[__index] = true;
                // DCS's position: past the furthest slot filled (one read out of order, by
                // the forward policy, lies before it).
                __cursor = ::core::cmp::max(__cursor, __index + 1);
                match __index {
                    #(#read_arms)*
                    _ => {}
                }
            }
            ::core::result::Result::Ok(Self {
                #(#assigns)*
                #(#json_only)*
            })
        },
        quote! { Self },
    );

    quote! {
        #[automatically_derived]
        impl #impl_generics #xml::XmlValue for #ident #ty_generics #where_clause {
            const ITEM_NAMESPACE: &'static str = #ns;
            const DECLARES_NAMESPACE: bool = true;
            const DOTNET_NAME: &'static str = #name;
            const ROOT_START: ::core::option::Option<&'static str> =
                ::core::option::Option::Some(#root_start);

            fn item_name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(#name)
            }

            fn write(&self, __w: &mut #xml::XmlWriter) -> ::core::result::Result<(), #xml::Error> {
                __w.declare_namespace(#ns);
                #write_body
            }

            fn size_hint(&self) -> usize {
                #tags_len #(+ #hints)*
            }

            fn read(
                __r: &mut #xml::XmlReader<'_>,
                __tag: &#xml::StartTag,
            ) -> ::core::result::Result<Self, #xml::Error> {
                const __MEMBERS: [(&[u8], &'static str); #count] = [#(#table),*];
                if __tag.nil {
                    return ::core::result::Result::Err(#xml::nil_contract(__r, __tag, #name));
                }
                #xml::check_type(__r, __tag, #name, #ns)?;
                #read_body
            }

            fn missing() -> Self {
                Self { #(#missing)* }
            }
        }
    }
}

fn expand_enum(
    cont: &Container<'_>,
    variants: &[Variant<'_>],
    other: Option<&syn::Ident>,
) -> TokenStream {
    let ident = cont.ident;
    let krate = &cont.crate_path;
    let xml = quote! { #krate::xml };
    let name = &cont.xml_name;
    let ns = &cont.namespace;
    let Some(other) = other else {
        return TokenStream::new();
    };
    let names = || variants.iter().filter_map(|v| v.xml_name.as_deref());
    let longest = names().map(str::len).max().unwrap_or(0);
    // Names are constants: escaped only when one needs it.
    let put = if names().any(dotnet_rules::xml::text_needs_escaping) {
        quote! { #xml::escape_text(__out, __text) }
    } else {
        quote! { __out.extend_from_slice(__text.as_bytes()) }
    };
    let write_arms = variants.iter().map(|v| {
        let variant = v.ident;
        match &v.xml_name {
            Some(text) => quote! { #ident::#variant => #text, },
            None => {
                let message = format!(
                    "enum value {} of {name} has no [EnumMember] value and cannot be written to XML",
                    v.value
                );
                quote! {
                    #ident::#variant => return ::core::result::Result::Err(
                        #xml::Error::new(#xml::ErrorKind::Unrepresentable, #message)),
                }
            }
        }
    });
    let read_arms = variants.iter().filter_map(|v| {
        let variant = v.ident;
        v.xml_name
            .as_ref()
            .map(|text| quote! { #text => Self::#variant, })
    });
    let zero = variants.iter().find(|v| v.value == 0).map_or_else(
        || quote! { Self::#other(0) },
        |v| {
            let variant = v.ident;
            quote! { Self::#variant }
        },
    );
    quote! {
        /// The value's `[EnumMember]` text, or why DCS cannot write it.
        // An enum with no constants has only the catch-all arm, which returns.
        #[allow(unreachable_code)]
        fn __h2h_xml_text(__v: &#ident) -> ::core::result::Result<&'static str, #xml::Error> {
            ::core::result::Result::Ok(match __v {
                #(#write_arms)*
                #ident::#other(__v) => {
                    return ::core::result::Result::Err(#xml::Error::new(
                        #xml::ErrorKind::Unrepresentable,
                        ::std::format!(
                            "enum value {} of {} has no name, and DCS cannot write it",
                            __v, #name
                        ),
                    ));
                }
            })
        }

        #[automatically_derived]
        impl #xml::XmlValue for #ident {
            const ITEM_NAMESPACE: &'static str = #ns;
            const IS_VALUE_TYPE: bool = true;
            const DOTNET_NAME: &'static str = #name;

            fn item_name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(#name)
            }

            fn write(&self, __w: &mut #xml::XmlWriter) -> ::core::result::Result<(), #xml::Error> {
                __w.text(__h2h_xml_text(self)?);
                ::core::result::Result::Ok(())
            }

            fn write_member(
                &self,
                __w: &mut #xml::XmlWriter,
                __m: &#xml::MemberTags,
            ) -> ::core::result::Result<(), #xml::Error> {
                let __text = __h2h_xml_text(self)?;
                __w.text_member(__m, |__out| #put);
                ::core::result::Result::Ok(())
            }

            fn size_hint(&self) -> usize {
                #longest
            }

            fn read(
                __r: &mut #xml::XmlReader<'_>,
                __tag: &#xml::StartTag,
            ) -> ::core::result::Result<Self, #xml::Error> {
                if __tag.nil {
                    return ::core::result::Result::Err(#xml::nil_contract(__r, __tag, #name));
                }
                let __text = __r.text(__tag)?;
                ::core::result::Result::Ok(match &*__text {
                    #(#read_arms)*
                    __unknown => return ::core::result::Result::Err(
                        #xml::unknown_enum_name(__r, __tag, #name, __unknown)),
                })
            }

            fn missing() -> Self {
                #zero
            }

            fn is_dotnet_default(&self) -> bool {
                *self == <Self as #xml::XmlValue>::missing()
            }
        }
    }
}

fn expand_flags(cont: &Container<'_>, members: &[FlagMember]) -> TokenStream {
    let ident = cont.ident;
    let krate = &cont.crate_path;
    let xml = quote! { #krate::xml };
    let name = &cont.xml_name;
    let ns = &cont.namespace;
    let table: Vec<TokenStream> = members
        .iter()
        .map(|m| {
            let text = &m.name;
            let value = Literal::i64_unsuffixed(m.value);
            quote! { (#text, #value) }
        })
        .collect();
    let count = members.len();
    quote! {
        #[automatically_derived]
        impl #xml::XmlValue for #ident {
            const ITEM_NAMESPACE: &'static str = #ns;
            const IS_VALUE_TYPE: bool = true;
            const DOTNET_NAME: &'static str = #name;

            fn item_name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(#name)
            }

            fn write(&self, __w: &mut #xml::XmlWriter) -> ::core::result::Result<(), #xml::Error> {
                const __MEMBERS: [(&str, i64); #count] = [#(#table),*];
                #xml::write_flags(__w, i64::from(self.0), &__MEMBERS, #name)
            }

            fn read(
                __r: &mut #xml::XmlReader<'_>,
                __tag: &#xml::StartTag,
            ) -> ::core::result::Result<Self, #xml::Error> {
                const __MEMBERS: [(&str, i64); #count] = [#(#table),*];
                if __tag.nil {
                    return ::core::result::Result::Err(#xml::nil_contract(__r, __tag, #name));
                }
                let __value = #xml::read_flags(__r, __tag, &__MEMBERS, #name)?;
                ::core::result::Result::Ok(Self(__value as i32))
            }

            fn missing() -> Self {
                Self(0)
            }

            fn is_dotnet_default(&self) -> bool {
                self.0 == 0
            }
        }
    }
}
