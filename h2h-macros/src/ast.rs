//! The derive's internal model of a contract, built from `syn` and the `#[h2h]` attributes.

use proc_macro2::{Span, TokenStream};
use syn::spanned::Spanned as _;
use syn::{Data as SynData, DeriveInput, Fields, Generics, Ident, Type};

use crate::attr::{self, FlagMember};
use crate::ctxt::Ctxt;

pub use dotnet_rules::members::Access;

/// One inheritance level: its contract name and the namespace of its member elements.
pub struct Level {
    pub name: String,
    pub namespace: String,
}

/// A contract as the back ends see it.
pub struct Container<'a> {
    pub ident: &'a Ident,
    pub generics: &'a Generics,
    /// Root element name (and `i:type` name).
    pub xml_name: String,
    /// Root namespace.
    pub namespace: String,
    /// Root-most base first; the last level is this contract.
    pub levels: Vec<Level>,
    /// How generated code names the runtime crate.
    pub crate_path: syn::Path,
    /// The `[KnownType]`s DCS has in scope inside a value of this contract (its own and its
    /// bases'), as Rust types.
    pub known_types: Vec<syn::Path>,
    /// The .NET class's settable properties without `[DataMember]` (structs only).
    pub not_members: Vec<NotMember>,
    pub data: Data<'a>,
}

/// A settable property without `[DataMember]`: no field, on neither wire; the help page's
/// sample generator sets it, so it takes numbers from the counter.
pub struct NotMember {
    pub name: String,
    pub name_span: Span,
    /// The Rust type of its value: the sample generator draws one and drops it.
    pub ty: Type,
    /// Index into `Container::levels`.
    pub level: usize,
    pub level_span: Span,
    /// The field of the same level it follows in declaration order; `None`: first of its level.
    pub after: Option<Ident>,
}

/// A place in the declaration order .NET reflection sees: a field, or a [`NotMember`]
/// (indexes into `Data::Struct`'s fields and `Container::not_members`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Declared {
    Field(usize),
    NotMember(usize),
}

/// The fields and the not-members in declaration order (level by level, root-most first;
/// within a level the fields in struct order, each `not_member` right after its `after`
/// field, or first without one, in attribute order), and the rules' view of each.
pub fn declared<'f>(
    fields: &'f [Field<'_>],
    not_members: &'f [NotMember],
    levels: usize,
) -> (Vec<Declared>, Vec<dotnet_rules::members::Member<'f>>) {
    let mut order = Vec::new();
    for level in 0..levels {
        let after = |field: Option<&Ident>| -> Vec<Declared> {
            not_members
                .iter()
                .enumerate()
                .filter(|(_, n)| n.level == level && n.after.as_ref() == field)
                .map(|(i, _)| Declared::NotMember(i))
                .collect()
        };
        order.extend(after(None));
        for (i, f) in fields.iter().enumerate().filter(|(_, f)| f.level == level) {
            order.push(Declared::Field(i));
            order.extend(after(Some(f.ident)));
        }
    }
    // Out-of-range levels (reported by `check`) keep their fields, so that every field is
    // still built.
    for (i, f) in fields.iter().enumerate() {
        if f.level >= levels {
            order.push(Declared::Field(i));
        }
    }
    let rules = order
        .iter()
        .map(|d| match *d {
            Declared::Field(i) => fields[i].rule(),
            Declared::NotMember(i) => dotnet_rules::members::Member {
                level: not_members[i].level,
                name: &not_members[i].name,
                order: None,
                is_field: false,
                access: Access::NotMember,
                hidden: false,
            },
        })
        .collect();
    (order, rules)
}

/// What kind of Rust item derives the contract.
pub enum Data<'a> {
    /// A struct with named fields: a class.
    Struct(Vec<Field<'a>>),
    /// A Rust enum: a .NET enum with named values and a catch-all for the others.
    Enum {
        variants: Vec<Variant<'a>>,
        other: Option<&'a Ident>,
    },
    /// A newtype over `i32`: a `[Flags]` enum.
    Flags(Vec<FlagMember>),
    /// An enum of a base contract and its known subtypes, one newtype variant each: a member
    /// whose declared type has `[KnownType]`s.
    Polymorphic {
        /// The variant holding the declared (base) type.
        base: &'a Ident,
        /// Every variant and the contract type it holds.
        variants: Vec<(&'a Ident, &'a Type)>,
        /// Variants marked `scoped`: subtypes that are not `[KnownType]`s of the declared
        /// type, which DCS writes only inside a contract that lists them.
        scoped: Vec<&'a Ident>,
    },
}

/// A field: a member of some level.
pub struct Field<'a> {
    pub ident: &'a Ident,
    pub ty: &'a Type,
    /// Element and JSON property name.
    pub wire_name: String,
    pub wire_name_span: Span,
    /// Index into `Container::levels`.
    pub level: usize,
    pub level_span: Span,
    /// Hidden by a `new` member of a more derived level (absent from JSON).
    pub hidden: bool,
    pub order: Option<i32>,
    pub required: bool,
    /// Required in XML only: DCS requires every field of a `[Serializable]` class (but for an
    /// `[OptionalField]`), Json.NET none.
    pub required_in_xml: bool,
    /// A .NET array `T[]` (not a `List<T>`): Json.NET replaces it when the member is given
    /// again, where it fills an object, a list or a dictionary.
    pub array: bool,
    pub emit_default: bool,
    pub sensitive: bool,
    /// A .NET field rather than a property: Json.NET lists fields first within a class.
    pub field: bool,
    /// How .NET sets the property.
    pub access: Access,
    /// The constant a get-only property's getter returns (`returns = <literal>`).
    pub returns: Option<syn::Expr>,
}

/// The fields as the shared .NET rules see them, in the same order.
pub fn rules<'f>(fields: &'f [Field<'_>]) -> Vec<dotnet_rules::members::Member<'f>> {
    fields.iter().map(Field::rule).collect()
}

impl Field<'_> {
    /// The field as the shared .NET rules see it.
    pub fn rule(&self) -> dotnet_rules::members::Member<'_> {
        dotnet_rules::members::Member {
            level: self.level,
            name: &self.wire_name,
            order: self.order,
            is_field: self.field,
            access: self.access,
            hidden: self.hidden,
        }
    }

    /// Json.NET writes the member and DCS does not: a get-only or private-setter property.
    pub fn json_only(&self) -> bool {
        !self.rule().in_xml()
    }

    /// The field's value where the wire does not carry it: the constant a get-only getter
    /// returns, else `type_default` (the type's own missing value).
    pub fn absent(&self, krate: &syn::Path, type_default: TokenStream) -> TokenStream {
        match &self.returns {
            Some(literal) => {
                let ty = self.ty;
                quote::quote_spanned! {literal.span()=>
                    <#ty as #krate::GetterConstant>::from_literal(#literal)
                }
            }
            None => type_default,
        }
    }
}

/// A named enum value.
pub struct Variant<'a> {
    pub ident: &'a Ident,
    pub value: i64,
    /// XML text; `None` when the value has no `[EnumMember]` in a DataContract enum.
    pub xml_name: Option<String>,
    /// The CLR constant name, which Json.NET accepts when reading a string.
    pub clr_name: String,
}

impl<'a> Container<'a> {
    /// Builds the model; problems go to `cx` and a best-effort model is still returned.
    pub fn from_ast(cx: &Ctxt, input: &'a DeriveInput) -> Option<Container<'a>> {
        let attrs = attr::container(cx, &input.attrs);
        let xml_name = attrs
            .name
            .map_or_else(|| input.ident.to_string(), |n| n.value);
        let namespace = match attrs.namespace {
            Some(ns) => ns.value,
            None => {
                cx.error_spanned_by(
                    &input.ident,
                    "a data contract needs `#[h2h(namespace = \"...\")]`: DCS matches elements by namespace",
                );
                String::new()
            }
        };
        let mut levels: Vec<Level> = attrs
            .bases
            .into_iter()
            .map(|b| Level {
                name: b.name,
                namespace: b.namespace.unwrap_or_else(|| namespace.clone()),
            })
            .collect();
        levels.push(Level {
            name: xml_name.clone(),
            namespace: namespace.clone(),
        });
        let last = levels.len() - 1;
        let crate_path = attrs
            .crate_path
            .unwrap_or_else(|| syn::parse_quote!(::datacontract));

        let data = match &input.data {
            SynData::Struct(s) if attrs.flags => match &s.fields {
                Fields::Unnamed(f) if f.unnamed.len() == 1 => Data::Flags(attrs.members),
                _ => {
                    cx.error_spanned_by(
                        &input.ident,
                        "a `flags` contract must be a newtype over i32: `struct Name(pub i32);`",
                    );
                    return None;
                }
            },
            SynData::Struct(s) => match &s.fields {
                Fields::Named(named) => Data::Struct(
                    named
                        .named
                        .iter()
                        .filter_map(|f| {
                            let ident = f.ident.as_ref()?;
                            let fa = attr::field(cx, &f.attrs);
                            let access = access(cx, &fa);
                            let returns = returns(cx, &fa);
                            let required_in_xml = required_in_xml(cx, &fa);
                            let (wire_name, wire_name_span) = match fa.name {
                                Some(n) => (n.value, n.span),
                                None => (ident.to_string(), ident.span()),
                            };
                            let (level, level_span) = match fa.level {
                                Some(l) => (l.value, l.span),
                                None => (last, ident.span()),
                            };
                            Some(Field {
                                ident,
                                ty: &f.ty,
                                wire_name,
                                wire_name_span,
                                level,
                                level_span,
                                hidden: fa.hidden,
                                order: fa.order.map(|o| o.value),
                                required: fa.required,
                                required_in_xml,
                                array: fa.array,
                                emit_default: fa.emit_default.unwrap_or(true),
                                sensitive: fa.sensitive,
                                field: fa.field,
                                access,
                                returns,
                            })
                        })
                        .collect(),
                ),
                _ => {
                    cx.error_spanned_by(
                        &input.ident,
                        "a data contract struct needs named fields (or `#[h2h(flags)]` on a newtype)",
                    );
                    return None;
                }
            },
            SynData::Enum(e) if attrs.polymorphic => {
                let mut base = None;
                let mut variants = Vec::new();
                let mut scoped = Vec::new();
                for v in &e.variants {
                    let va = attr::variant(cx, &v.attrs);
                    if va.scoped {
                        if va.base {
                            cx.error_spanned_by(
                                &v.ident,
                                "the declared type is written everywhere: `base` and `scoped` exclude each other",
                            );
                        }
                        scoped.push(&v.ident);
                    }
                    match &v.fields {
                        Fields::Unnamed(f) if f.unnamed.len() == 1 => {
                            if let Some(field) = f.unnamed.first() {
                                variants.push((&v.ident, &field.ty));
                            }
                        }
                        _ => cx.error_spanned_by(
                            &v.ident,
                            "a polymorphic contract's variants hold one contract each: `Name(Type)`",
                        ),
                    }
                    if va.base && base.replace(&v.ident).is_some() {
                        cx.error_spanned_by(&v.ident, "only one variant can be the `base`");
                    }
                }
                let Some(base) = base else {
                    cx.error_spanned_by(
                        &input.ident,
                        "mark the declared type's variant `#[h2h(base)]`",
                    );
                    return None;
                };
                Data::Polymorphic {
                    base,
                    variants,
                    scoped,
                }
            }
            SynData::Enum(e) => {
                let mut variants = Vec::new();
                let mut other = None;
                for v in &e.variants {
                    let va = attr::variant(cx, &v.attrs);
                    if va.other {
                        match &v.fields {
                            Fields::Unnamed(f) if f.unnamed.len() == 1 => {}
                            _ => cx.error_spanned_by(
                                &v.ident,
                                "the `other` variant keeps unnamed values: it must be `Name(i32)`",
                            ),
                        }
                        if other.replace(&v.ident).is_some() {
                            cx.error_spanned_by(&v.ident, "only one variant can be `other`");
                        }
                        continue;
                    }
                    if !matches!(v.fields, Fields::Unit) {
                        cx.error_spanned_by(
                            &v.ident,
                            "enum values are unit variants; only the `#[h2h(other)]` variant has a field",
                        );
                        continue;
                    }
                    let Some(value) = va.value else {
                        cx.error_spanned_by(
                            &v.ident,
                            "missing `#[h2h(value = ...)]`: the .NET value of this constant",
                        );
                        continue;
                    };
                    let xml_name = if va.no_xml {
                        None
                    } else {
                        Some(va.name.map_or_else(|| v.ident.to_string(), |n| n.value))
                    };
                    let clr_name = va
                        .clr_name
                        .or_else(|| xml_name.clone())
                        .unwrap_or_else(|| v.ident.to_string());
                    variants.push(Variant {
                        ident: &v.ident,
                        value: value.value,
                        xml_name,
                        clr_name,
                    });
                }
                Data::Enum { variants, other }
            }
            SynData::Union(_) => {
                cx.error_spanned_by(&input.ident, "unions cannot be data contracts");
                return None;
            }
        };
        let not_members = attrs
            .not_members
            .into_iter()
            .map(|n| {
                // Without `level`, the level of the field it follows, else the contract's own.
                let after_level = n.after.as_ref().and_then(|a| match &data {
                    Data::Struct(fields) => fields.iter().find(|f| f.ident == a).map(|f| f.level),
                    _ => None,
                });
                let (level, level_span) = match n.level {
                    Some(l) => (l.value, l.span),
                    None => (after_level.unwrap_or(last), n.name.span),
                };
                NotMember {
                    name: n.name.value,
                    name_span: n.name.span,
                    ty: n.ty,
                    level,
                    level_span,
                    after: n.after,
                }
            })
            .collect();
        Some(Container {
            ident: &input.ident,
            generics: &input.generics,
            xml_name,
            namespace,
            levels,
            crate_path,
            known_types: attrs.known_types,
            not_members,
            data,
        })
    }
}

/// The field's [`Access`]; `get_only` and `private_set` exclude each other and `field`.
fn access(cx: &Ctxt, fa: &attr::FieldAttrs) -> Access {
    match (fa.get_only, fa.private_set) {
        (Some(_), Some(span)) => {
            cx.syn_error(syn::Error::new(
                span,
                "`get_only` and `private_set` exclude each other: a property has one kind of setter",
            ));
            Access::GetOnly
        }
        (Some(span), None) | (None, Some(span)) if fa.field => {
            cx.syn_error(syn::Error::new(
                span,
                "a .NET field has no accessors: `get_only` and `private_set` are for properties",
            ));
            Access::ReadWrite
        }
        (Some(_), None) => Access::GetOnly,
        (None, Some(_)) => Access::PrivateSet,
        (None, None) => Access::ReadWrite,
    }
}

/// Whether the field is `required_in_xml`: not with `required` (which already requires it in
/// XML) and not on a member DCS does not see (`get_only`, `private_set`).
fn required_in_xml(cx: &Ctxt, fa: &attr::FieldAttrs) -> bool {
    let Some(span) = fa.required_in_xml else {
        return false;
    };
    if fa.required {
        cx.syn_error(syn::Error::new(
            span,
            "`required` already makes the member required in XML (and in JSON): drop `required_in_xml`",
        ));
    }
    if fa.get_only.is_some() || fa.private_set.is_some() {
        cx.syn_error(syn::Error::new(
            span,
            "DCS does not read a `get_only` or `private_set` property: it cannot be `required_in_xml`",
        ));
    }
    true
}

/// The field's `returns` constant, which only a get-only property has.
fn returns(cx: &Ctxt, fa: &attr::FieldAttrs) -> Option<syn::Expr> {
    let literal = fa.returns.clone()?;
    if fa.get_only.is_none() {
        cx.syn_error(syn::Error::new_spanned(
            &literal,
            "`returns` is the constant a getter returns: it needs `get_only`",
        ));
    }
    Some(literal)
}
