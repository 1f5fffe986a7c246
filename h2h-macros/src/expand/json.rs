//! `serde::Serialize`, `serde::Deserialize` and `JsonValue` with Json.NET's rules: member
//! order most-derived level first, hidden members left out, names matched exactly then
//! ignoring case, enums as numbers.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ast::{Container, Data, Field, Variant};
use crate::attr::FlagMember;

pub fn expand(cont: &Container<'_>) -> TokenStream {
    match &cont.data {
        Data::Struct(fields) => expand_struct(cont, fields),
        Data::Enum { variants, other } => match other {
            Some(other) => expand_enum(cont, variants, other),
            None => TokenStream::new(),
        },
        Data::Flags(members) => expand_flags(cont, members),
        Data::Polymorphic { base, variants, .. } => expand_polymorphic(cont, base, variants),
    }
}

fn expand_polymorphic(
    cont: &Container<'_>,
    base: &syn::Ident,
    variants: &[(&syn::Ident, &syn::Type)],
) -> TokenStream {
    let ident = cont.ident;
    let krate = &cont.crate_path;
    let json = quote! { #krate::json };
    let serde = quote! { #krate::__private::serde };
    let writes = variants.iter().map(|(variant, _)| {
        quote! { Self::#variant(__v) => #serde::Serialize::serialize(__v, __s), }
    });
    let member_lists: Vec<_> = variants
        .iter()
        .map(|(_, ty)| {
            quote! { <#ty as #json::JsonValue>::JSON_MEMBERS }
        })
        .collect();
    let reads: Vec<_> = variants
        .iter()
        .enumerate()
        .map(|(i, (variant, ty))| {
            let index = Literal::usize_unsuffixed(i);
            quote! {
                #index => <#ty as #serde::Deserialize>::deserialize(__de).map(Self::#variant),
            }
        })
        .collect();
    let base_ty = variants.iter().find(|(v, _)| *v == base).map(|(_, ty)| *ty);
    let member_lists_into = member_lists.clone();
    let reads_into = reads.clone();
    let currents = variants.iter().enumerate().map(|(i, (variant, _))| {
        let index = Literal::usize_unsuffixed(i);
        quote! { Self::#variant(_) => #index, }
    });
    let fills = variants.iter().map(|(variant, _)| {
        quote! { Self::#variant(__v) => #json::JsonValue::read_json_into(__v, __de), }
    });
    let json_value = json_value_impl(
        cont,
        quote! {
            fn json_missing() -> Self {
                Self::#base(<#base_ty as #json::JsonValue>::json_missing())
            }

            fn read_json_into<'de, __D: #serde::Deserializer<'de>>(&mut self, __d: __D) -> ::core::result::Result<bool, __D::Error> {
                let __variants: &[&[&str]] = &[#(#member_lists_into),*];
                let __current = match self {
                    #(#currents)*
                };
                #json::read_polymorphic_into(__d, __variants, __current, |__index, __de| {
                    if __index == __current {
                        return match self {
                            #(#fills)*
                        };
                    }
                    *self = match __index {
                        #(#reads_into)*
                        _ => <#base_ty as #serde::Deserialize>::deserialize(__de).map(Self::#base),
                    }?;
                    ::core::result::Result::Ok(false)
                })
            }
        },
    );
    quote! {
        #[automatically_derived]
        impl #serde::Serialize for #ident {
            fn serialize<__S: #serde::Serializer>(&self, __s: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                match self {
                    #(#writes)*
                }
            }
        }

        #[automatically_derived]
        impl<'de> #serde::Deserialize<'de> for #ident {
            fn deserialize<__D: #serde::Deserializer<'de>>(__d: __D) -> ::core::result::Result<Self, __D::Error> {
                // JSON has no type marker: the members present tell which known type it is.
                let __variants: &[&[&str]] = &[#(#member_lists),*];
                #json::read_polymorphic(__d, __variants, |__index, __de| match __index {
                    #(#reads)*
                    _ => <#base_ty as #serde::Deserialize>::deserialize(__de).map(Self::#base),
                })
            }
        }

        #json_value
    }
}

/// Fields in the order Json.NET writes them ([`dotnet_rules::members::json_order`]): hidden
/// base members left out.
fn json_order<'f, 'a>(fields: &'f [Field<'a>]) -> Vec<&'f Field<'a>> {
    dotnet_rules::members::json_order(&crate::ast::rules(fields))
        .into_iter()
        .map(|i| &fields[i])
        .collect()
}

fn expand_struct(cont: &Container<'_>, fields: &[Field<'_>]) -> TokenStream {
    let ident = cont.ident;
    let krate = &cont.crate_path;
    let json = quote! { #krate::json };
    let serde = quote! { #krate::__private::serde };
    let name = &cont.xml_name;
    let ordered = json_order(fields);
    let count = ordered.len();

    let writes = ordered.iter().map(|f| {
        let field = f.ident;
        let wire = &f.wire_name;
        let write = quote! {
            #serde::ser::SerializeStruct::serialize_field(&mut __st, #wire, &#json::Ser(&self.#field))?;
        };
        if f.emit_default {
            write
        } else {
            quote! {
                if #json::JsonValue::json_is_default(&self.#field) {
                    #serde::ser::SerializeStruct::skip_field(&mut __st, #wire)?;
                } else {
                    #write
                }
            }
        }
    });

    let names = ordered.iter().map(|f| &f.wire_name);
    let names_again = ordered.iter().map(|f| &f.wire_name);
    let slots: Vec<_> = (0..count)
        .map(|i| quote::format_ident!("__slot{}", i))
        .collect();
    let slot_decls = ordered.iter().zip(&slots).map(|(f, slot)| {
        let ty = f.ty;
        quote! { let mut #slot: ::core::option::Option<#ty> = ::core::option::Option::None; }
    });
    let arms = ordered
        .iter()
        .zip(&slots)
        .enumerate()
        .map(|(i, (f, slot))| {
            let index = Literal::usize_unsuffixed(i);
            let wire = &f.wire_name;
            let read = read_value(cont, f);
            let into = read_into(cont, f, quote! { __earlier });
            quote! {
                #index => match &mut #slot {
                    ::core::option::Option::Some(__earlier) => {
                        #json::repeated_member::<__A::Error>(#name, #wire, __site, || #into)?;
                    }
                    ::core::option::Option::None => {
                        #slot = ::core::option::Option::Some(#read?);
                    }
                },
            }
        });
    // Reading into a value read before (a member of a contract given again): every member
    // given is read into the one the value holds, a member given twice in this object is a
    // finding, and a required member must be in this object too (Json.NET checks each object
    // it fills, `read-json-repeated-required`).
    let into_arms = ordered.iter().enumerate().map(|(i, f)| {
        let index = Literal::usize_unsuffixed(i);
        let wire = &f.wire_name;
        let field = f.ident;
        let into = read_into(cont, f, quote! { &mut __this.#field });
        quote! {
            #index => {
                if __seen[#index] {
                    #json::repeated_member::<__A::Error>(#name, #wire, __site, || #into)?;
                } else {
                    __seen[#index] = true;
                    #into?;
                }
            }
        }
    });
    let into_required = ordered
        .iter()
        .enumerate()
        .filter(|(_, f)| f.required)
        .map(|(i, f)| {
            let index = Literal::usize_unsuffixed(i);
            let wire = &f.wire_name;
            quote! {
                if !__seen[#index] {
                    return ::core::result::Result::Err(#json::missing_required(#wire));
                }
            }
        });
    let assigns = ordered.iter().zip(&slots).map(|(f, slot)| {
        let field = f.ident;
        let ty = f.ty;
        let wire = &f.wire_name;
        let missing = if f.required {
            quote! { return ::core::result::Result::Err(#json::missing_required(#wire)) }
        } else {
            f.absent(krate, quote! { <#ty as #json::JsonValue>::json_missing() })
        };
        quote! {
            #field: match #slot {
                ::core::option::Option::Some(__v) => __v,
                ::core::option::Option::None => #missing,
            },
        }
    });
    let hidden = fields.iter().filter(|f| f.hidden).map(|f| {
        let field = f.ident;
        let ty = f.ty;
        quote! { #field: <#ty as #json::JsonValue>::json_missing(), }
    });
    let missing_all = fields.iter().map(|f| {
        let field = f.ident;
        let ty = f.ty;
        let value = f.absent(krate, quote! { <#ty as #json::JsonValue>::json_missing() });
        quote! { #field: #value, }
    });
    let expecting = format!("a JSON object for {name}");
    // The key's address is used only by a member's arm (a contract without members has none).
    let site = if count == 0 {
        quote! { _ }
    } else {
        quote! { __site }
    };

    let names_into = ordered.iter().map(|f| &f.wire_name);
    let seen = (count > 0).then(|| quote! { let mut __seen = [false; #count]; });
    let json_value = json_value_impl(
        cont,
        quote! {
            fn json_missing() -> Self {
                Self { #(#missing_all)* }
            }

            fn read_json_into<'de, __D: #serde::Deserializer<'de>>(&mut self, __d: __D) -> ::core::result::Result<bool, __D::Error> {
                struct __Into<'__a>(&'__a mut #ident);
                impl<'de> #serde::de::Visitor<'de> for __Into<'_> {
                    type Value = bool;

                    fn expecting(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        __f.write_str(#expecting)
                    }

                    fn visit_map<__A: #serde::de::MapAccess<'de>>(self, mut __map: __A) -> ::core::result::Result<bool, __A::Error> {
                        const __NAMES: [&str; #count] = [#(#names_into),*];
                        let __this: &mut #ident = self.0;
                        #seen
                        while let ::core::option::Option::Some((__member, #site)) =
                            #serde::de::MapAccess::next_key_seed(&mut __map, #json::MemberKey::seed(&__NAMES, #name))?
                        {
                            match __member {
                                #(#into_arms)*
                                _ => {
                                    #serde::de::MapAccess::next_value::<#serde::de::IgnoredAny>(&mut __map)?;
                                }
                            }
                        }
                        #(#into_required)*
                        ::core::result::Result::Ok(true)
                    }
                }
                #serde::Deserializer::deserialize_map(__d, __Into(self))
            }

            const JSON_MEMBERS: &'static [&'static str] = &[#(#names_again),*];
        },
    );
    quote! {
        #[automatically_derived]
        impl #serde::Serialize for #ident {
            fn serialize<__S: #serde::Serializer>(&self, __s: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                let mut __st = #serde::Serializer::serialize_struct(__s, #name, #count)?;
                #(#writes)*
                #serde::ser::SerializeStruct::end(__st)
            }
        }

        #[automatically_derived]
        impl<'de> #serde::Deserialize<'de> for #ident {
            fn deserialize<__D: #serde::Deserializer<'de>>(__d: __D) -> ::core::result::Result<Self, __D::Error> {
                struct __Visitor;
                impl<'de> #serde::de::Visitor<'de> for __Visitor {
                    type Value = #ident;

                    fn expecting(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        __f.write_str(#expecting)
                    }

                    fn visit_map<__A: #serde::de::MapAccess<'de>>(self, mut __map: __A) -> ::core::result::Result<#ident, __A::Error> {
                        const __NAMES: [&str; #count] = [#(#names),*];
                        #(#slot_decls)*
                        while let ::core::option::Option::Some((__member, #site)) =
                            #serde::de::MapAccess::next_key_seed(&mut __map, #json::MemberKey::seed(&__NAMES, #name))?
                        {
                            match __member {
                                #(#arms)*
                                _ => {
                                    #serde::de::MapAccess::next_value::<#serde::de::IgnoredAny>(&mut __map)?;
                                }
                            }
                        }
                        ::core::result::Result::Ok(#ident {
                            #(#assigns)*
                            #(#hidden)*
                        })
                    }
                }
                #serde::Deserializer::deserialize_map(__d, __Visitor)
            }
        }

        #json_value
    }
}

/// Reads a member's value (`Result<T, __A::Error>`, a sensitive member's error redacted).
fn read_value(cont: &Container<'_>, f: &Field<'_>) -> TokenStream {
    let krate = &cont.crate_path;
    let json = quote! { #krate::json };
    let serde = quote! { #krate::__private::serde };
    let ty = f.ty;
    let wire = &f.wire_name;
    let redact = f
        .sensitive
        .then(|| quote! { .map_err(|__e| #json::redact_error(__e, #wire)) });
    quote! {
        #serde::de::MapAccess::next_value::<#json::De<#ty>>(&mut __map)
            #redact
            .map(|__v| __v.0)
    }
}

/// Reads a member's value into `earlier` (a `&mut` of the member's type), as Json.NET does
/// ([`JsonValue::read_json_into`]; an `array` member is replaced): `Result<bool, __A::Error>`,
/// whether it merged.
fn read_into(cont: &Container<'_>, f: &Field<'_>, earlier: TokenStream) -> TokenStream {
    let krate = &cont.crate_path;
    let json = quote! { #krate::json };
    let serde = quote! { #krate::__private::serde };
    let wire = &f.wire_name;
    let redact = f
        .sensitive
        .then(|| quote! { .map_err(|__e| #json::redact_error(__e, #wire)) });
    if f.array {
        let read = read_value(cont, f);
        quote! {
            #read.map(|__v| {
                *#earlier = __v;
                false
            })
        }
    } else {
        quote! {
            #serde::de::MapAccess::next_value_seed(&mut __map, #json::ReadInto(#earlier))
                #redact
        }
    }
}

fn expand_enum(cont: &Container<'_>, variants: &[Variant<'_>], other: &syn::Ident) -> TokenStream {
    let ident = cont.ident;
    let krate = &cont.crate_path;
    let json = quote! { #krate::json };
    let serde = quote! { #krate::__private::serde };
    let name = &cont.xml_name;
    let names = variants.iter().map(|v| {
        let clr = &v.clr_name;
        let value = Literal::i64_unsuffixed(v.value);
        quote! { (#clr, #value) }
    });
    let count = variants.len();
    let variant_idents: Vec<_> = variants.iter().map(|v| v.ident).collect();
    let variant_values: Vec<Literal> = variants
        .iter()
        .map(|v| Literal::i32_unsuffixed(i32::try_from(v.value).unwrap_or_default()))
        .collect();
    let json_value = json_value_impl(
        cont,
        quote! {
            fn json_missing() -> Self {
                Self::from_value(0)
            }

            fn json_is_default(&self) -> bool {
                self.value() == 0
            }

            const IS_VALUE_TYPE: bool = true;
        },
    );
    quote! {
        #[automatically_derived]
        impl #serde::Serialize for #ident {
            fn serialize<__S: #serde::Serializer>(&self, __s: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                #serde::Serializer::serialize_i32(__s, self.value())
            }
        }

        #[automatically_derived]
        impl<'de> #serde::Deserialize<'de> for #ident {
            fn deserialize<__D: #serde::Deserializer<'de>>(__d: __D) -> ::core::result::Result<Self, __D::Error> {
                const __NAMES: [(&str, i64); #count] = [#(#names),*];
                #json::read_enum(__d, &__NAMES, #name).map(|__v| Self::from_value(__v as i32))
            }
        }

        #json_value

        #[automatically_derived]
        impl #ident {
            /// The .NET numeric value.
            pub const fn value(self) -> i32 {
                match self {
                    #( Self::#variant_idents => #variant_values, )*
                    Self::#other(__v) => __v,
                }
            }

            /// The constant with this value, or the catch-all variant keeping it.
            pub const fn from_value(value: i32) -> Self {
                match value {
                    #( #variant_values => Self::#variant_idents, )*
                    __v => Self::#other(__v),
                }
            }
        }
    }
}

fn expand_flags(cont: &Container<'_>, members: &[FlagMember]) -> TokenStream {
    let ident = cont.ident;
    // Json.NET reads a constant by its CLR name (`Enum.Parse`, any case, comma-separated).
    let count = members.len();
    let names = members.iter().map(|m| {
        let clr = m.clr_name.as_deref().unwrap_or(&m.name);
        let value = Literal::i64_unsuffixed(m.value);
        quote! { (#clr, #value) }
    });
    let krate = &cont.crate_path;
    let json = quote! { #krate::json };
    let serde = quote! { #krate::__private::serde };
    let name = &cont.xml_name;
    let json_value = json_value_impl(
        cont,
        quote! {
            fn json_missing() -> Self {
                Self(0)
            }

            fn json_is_default(&self) -> bool {
                self.0 == 0
            }

            const IS_VALUE_TYPE: bool = true;
        },
    );
    quote! {
        #[automatically_derived]
        impl #serde::Serialize for #ident {
            fn serialize<__S: #serde::Serializer>(&self, __s: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                #serde::Serializer::serialize_i32(__s, self.0)
            }
        }

        #[automatically_derived]
        impl<'de> #serde::Deserialize<'de> for #ident {
            fn deserialize<__D: #serde::Deserializer<'de>>(__d: __D) -> ::core::result::Result<Self, __D::Error> {
                const __NAMES: [(&str, i64); #count] = [#(#names),*];
                #json::read_enum(__d, &__NAMES, #name).map(|__v| Self(__v as i32))
            }
        }

        #json_value
    }
}

/// `JsonValue` for a type whose serde impls the derive also wrote: reading and writing go
/// through them; `items` adds the type's `json_missing` and the other trait items.
fn json_value_impl(cont: &Container<'_>, items: TokenStream) -> TokenStream {
    let ident = cont.ident;
    let krate = &cont.crate_path;
    let json = quote! { #krate::json };
    let serde = quote! { #krate::__private::serde };
    quote! {
        #[automatically_derived]
        impl #json::JsonValue for #ident {
            fn write_json<__S: #serde::Serializer>(&self, __s: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                #serde::Serialize::serialize(self, __s)
            }

            fn read_json<'de, __D: #serde::Deserializer<'de>>(__d: __D) -> ::core::result::Result<Self, __D::Error> {
                <Self as #serde::Deserialize<'de>>::deserialize(__d)
            }

            #items
        }
    }
}
