//! `#[h2h(...)]` attributes: names as constants, parsed into plain values. Back ends never
//! read `syn::Attribute`.

use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned as _;
use syn::{Attribute, LitInt, LitStr};

use crate::ctxt::Ctxt;

pub const H2H: &str = "h2h";

// Container keys.
pub const NAME: &str = "name";
pub const NAMESPACE: &str = "namespace";
pub const BASE: &str = "base";
pub const CRATE: &str = "crate";
pub const FLAGS: &str = "flags";
pub const MEMBER: &str = "member";
pub const POLYMORPHIC: &str = "polymorphic";
pub const BASE_VARIANT: &str = "base";
pub const KNOWN_TYPES: &str = "known_types";
pub const NOT_MEMBER: &str = "not_member";
pub const TY: &str = "ty";
pub const AFTER: &str = "after";
// Field keys.
pub const LEVEL: &str = "level";
pub const HIDDEN: &str = "hidden";
pub const ORDER: &str = "order";
pub const REQUIRED: &str = "required";
pub const REQUIRED_IN_XML: &str = "required_in_xml";
pub const ARRAY: &str = "array";
pub const EMIT_DEFAULT: &str = "emit_default";
pub const SENSITIVE: &str = "sensitive";
pub const FIELD: &str = "field";
pub const GET_ONLY: &str = "get_only";
pub const PRIVATE_SET: &str = "private_set";
pub const RETURNS: &str = "returns";
// Variant keys.
pub const VALUE: &str = "value";
pub const NO_XML: &str = "no_xml";
pub const OTHER: &str = "other";
pub const CLR_NAME: &str = "clr_name";
pub const SCOPED: &str = "scoped";

/// A value with the tokens it came from, for error spans.
#[derive(Clone)]
pub struct Spanned<T> {
    pub value: T,
    pub span: proc_macro2::Span,
}

/// One level above the contract in its inheritance chain.
#[derive(Clone)]
pub struct BaseLevel {
    pub name: String,
    /// `None`: the contract's own namespace.
    pub namespace: Option<String>,
}

/// A named constant of a `[Flags]` enum.
#[derive(Clone)]
pub struct FlagMember {
    /// XML text (the `[EnumMember]` value, else the CLR name).
    pub name: String,
    /// The CLR constant name, which Json.NET reads; `None` when it is `name`.
    pub clr_name: Option<String>,
    pub value: i64,
}

/// `not_member(name = "..", ty = Type, level = N, after = field)`: a settable property of the
/// .NET class without `[DataMember]`, which only the help page's sample counter sees.
pub struct NotMemberAttr {
    pub name: Spanned<String>,
    pub ty: syn::Type,
    pub level: Option<Spanned<usize>>,
    pub after: Option<syn::Ident>,
}

/// Attributes on the struct or enum.
#[derive(Default)]
pub struct ContainerAttrs {
    pub name: Option<Spanned<String>>,
    pub namespace: Option<Spanned<String>>,
    pub bases: Vec<BaseLevel>,
    pub crate_path: Option<syn::Path>,
    pub flags: bool,
    pub members: Vec<FlagMember>,
    pub polymorphic: bool,
    pub known_types: Vec<syn::Path>,
    pub not_members: Vec<NotMemberAttr>,
}

/// Attributes on a field.
#[derive(Default)]
pub struct FieldAttrs {
    pub name: Option<Spanned<String>>,
    pub level: Option<Spanned<usize>>,
    pub hidden: bool,
    pub order: Option<Spanned<i32>>,
    pub required: bool,
    pub required_in_xml: Option<proc_macro2::Span>,
    pub array: bool,
    pub emit_default: Option<bool>,
    pub sensitive: bool,
    pub field: bool,
    pub get_only: Option<proc_macro2::Span>,
    pub private_set: Option<proc_macro2::Span>,
    pub returns: Option<syn::Expr>,
}

/// Attributes on an enum variant.
#[derive(Default)]
pub struct VariantAttrs {
    pub name: Option<Spanned<String>>,
    pub clr_name: Option<String>,
    pub value: Option<Spanned<i64>>,
    pub no_xml: bool,
    pub other: bool,
    pub base: bool,
    pub scoped: bool,
}

fn h2h_attrs(attrs: &[Attribute]) -> impl Iterator<Item = &Attribute> {
    attrs.iter().filter(|a| a.path().is_ident(H2H))
}

fn lit_str(meta: &ParseNestedMeta<'_>) -> syn::Result<Spanned<String>> {
    let lit: LitStr = meta.value()?.parse()?;
    Ok(Spanned {
        value: lit.value(),
        span: lit.span(),
    })
}

fn lit_int<T: std::str::FromStr>(meta: &ParseNestedMeta<'_>) -> syn::Result<Spanned<T>>
where
    T::Err: std::fmt::Display,
{
    let lit: LitInt = meta.value()?.parse()?;
    Ok(Spanned {
        value: lit.base10_parse()?,
        span: lit.span(),
    })
}

fn lit_bool(meta: &ParseNestedMeta<'_>) -> syn::Result<bool> {
    let lit: syn::LitBool = meta.value()?.parse()?;
    Ok(lit.value)
}

fn unknown(meta: &ParseNestedMeta<'_>, allowed: &[&str]) -> syn::Error {
    let key = meta
        .path
        .get_ident()
        .map_or_else(|| "?".to_owned(), ToString::to_string);
    meta.error(format!(
        "unknown h2h attribute `{key}`; expected one of: {}",
        allowed.join(", ")
    ))
}

fn set_once<T>(cx: &Ctxt, slot: &mut Option<T>, value: T, meta: &ParseNestedMeta<'_>, key: &str) {
    if slot.is_some() {
        cx.syn_error(meta.error(format!("duplicate h2h attribute `{key}`")));
    }
    *slot = Some(value);
}

/// Reads the container's attributes; errors go to `cx`.
pub fn container(cx: &Ctxt, attrs: &[Attribute]) -> ContainerAttrs {
    let mut out = ContainerAttrs::default();
    for attr in h2h_attrs(attrs) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident(NAME) {
                let v = lit_str(&meta)?;
                set_once(cx, &mut out.name, v, &meta, NAME);
            } else if meta.path.is_ident(NAMESPACE) {
                let v = lit_str(&meta)?;
                set_once(cx, &mut out.namespace, v, &meta, NAMESPACE);
            } else if meta.path.is_ident(BASE) {
                let mut name = None;
                let mut namespace = None;
                meta.parse_nested_meta(|inner| {
                    if inner.path.is_ident(NAME) {
                        name = Some(lit_str(&inner)?.value);
                    } else if inner.path.is_ident(NAMESPACE) {
                        namespace = Some(lit_str(&inner)?.value);
                    } else {
                        return Err(unknown(&inner, &[NAME, NAMESPACE]));
                    }
                    Ok(())
                })?;
                match name {
                    Some(name) => out.bases.push(BaseLevel { name, namespace }),
                    None => cx.syn_error(meta.error("`base(...)` needs a `name`")),
                }
            } else if meta.path.is_ident(CRATE) {
                let lit: LitStr = meta.value()?.parse()?;
                out.crate_path = Some(lit.parse()?);
            } else if meta.path.is_ident(FLAGS) {
                out.flags = true;
            } else if meta.path.is_ident(POLYMORPHIC) {
                out.polymorphic = true;
            } else if meta.path.is_ident(KNOWN_TYPES) {
                meta.parse_nested_meta(|inner| {
                    out.known_types.push(inner.path.clone());
                    Ok(())
                })?;
            } else if meta.path.is_ident(NOT_MEMBER) {
                let mut name = None;
                let mut ty = None;
                let mut level = None;
                let mut after = None;
                meta.parse_nested_meta(|inner| {
                    if inner.path.is_ident(NAME) {
                        let v = lit_str(&inner)?;
                        set_once(cx, &mut name, v, &inner, NAME);
                    } else if inner.path.is_ident(TY) {
                        let v: syn::Type = inner.value()?.parse()?;
                        set_once(cx, &mut ty, v, &inner, TY);
                    } else if inner.path.is_ident(LEVEL) {
                        let v = lit_int(&inner)?;
                        set_once(cx, &mut level, v, &inner, LEVEL);
                    } else if inner.path.is_ident(AFTER) {
                        let v: syn::Ident = inner.value()?.parse()?;
                        set_once(cx, &mut after, v, &inner, AFTER);
                    } else {
                        return Err(unknown(&inner, &[NAME, TY, LEVEL, AFTER]));
                    }
                    Ok(())
                })?;
                match (name, ty) {
                    (Some(name), Some(ty)) => out.not_members.push(NotMemberAttr {
                        name,
                        ty,
                        level,
                        after,
                    }),
                    _ => cx.syn_error(meta.error(
                        "`not_member(...)` needs a `name` (its CLR name) and a `ty` (the Rust type of its value, whose sample numbers it takes)",
                    )),
                }
            } else if meta.path.is_ident(MEMBER) {
                let mut name = None;
                let mut clr_name = None;
                let mut value = None;
                meta.parse_nested_meta(|inner| {
                    if inner.path.is_ident(NAME) {
                        name = Some(lit_str(&inner)?.value);
                    } else if inner.path.is_ident(CLR_NAME) {
                        clr_name = Some(lit_str(&inner)?.value);
                    } else if inner.path.is_ident(VALUE) {
                        value = Some(lit_int::<i64>(&inner)?.value);
                    } else {
                        return Err(unknown(&inner, &[NAME, CLR_NAME, VALUE]));
                    }
                    Ok(())
                })?;
                match (name, value) {
                    (Some(name), Some(value)) => out.members.push(FlagMember {
                        name,
                        clr_name,
                        value,
                    }),
                    _ => cx.syn_error(meta.error("`member(...)` needs both `name` and `value`")),
                }
            } else {
                return Err(unknown(
                    &meta,
                    &[
                        NAME,
                        NAMESPACE,
                        BASE,
                        CRATE,
                        FLAGS,
                        MEMBER,
                        POLYMORPHIC,
                        KNOWN_TYPES,
                        NOT_MEMBER,
                    ],
                ));
            }
            Ok(())
        });
        if let Err(e) = result {
            cx.syn_error(e);
        }
    }
    out
}

/// Reads a field's attributes.
pub fn field(cx: &Ctxt, attrs: &[Attribute]) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    for attr in h2h_attrs(attrs) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident(NAME) {
                let v = lit_str(&meta)?;
                set_once(cx, &mut out.name, v, &meta, NAME);
            } else if meta.path.is_ident(LEVEL) {
                let v = lit_int(&meta)?;
                set_once(cx, &mut out.level, v, &meta, LEVEL);
            } else if meta.path.is_ident(HIDDEN) {
                out.hidden = true;
            } else if meta.path.is_ident(ORDER) {
                let v = lit_int(&meta)?;
                set_once(cx, &mut out.order, v, &meta, ORDER);
            } else if meta.path.is_ident(REQUIRED) {
                out.required = true;
            } else if meta.path.is_ident(REQUIRED_IN_XML) {
                out.required_in_xml = Some(meta.path.span());
            } else if meta.path.is_ident(ARRAY) {
                out.array = true;
            } else if meta.path.is_ident(EMIT_DEFAULT) {
                let v = lit_bool(&meta)?;
                set_once(cx, &mut out.emit_default, v, &meta, EMIT_DEFAULT);
            } else if meta.path.is_ident(SENSITIVE) {
                out.sensitive = true;
            } else if meta.path.is_ident(FIELD) {
                out.field = true;
            } else if meta.path.is_ident(GET_ONLY) {
                out.get_only = Some(meta.path.span());
            } else if meta.path.is_ident(PRIVATE_SET) {
                out.private_set = Some(meta.path.span());
            } else if meta.path.is_ident(RETURNS) {
                let expr: syn::Expr = meta.value()?.parse()?;
                set_once(cx, &mut out.returns, expr, &meta, RETURNS);
            } else {
                return Err(unknown(
                    &meta,
                    &[
                        NAME,
                        LEVEL,
                        HIDDEN,
                        ORDER,
                        REQUIRED,
                        REQUIRED_IN_XML,
                        ARRAY,
                        EMIT_DEFAULT,
                        SENSITIVE,
                        FIELD,
                        GET_ONLY,
                        PRIVATE_SET,
                        RETURNS,
                    ],
                ));
            }
            Ok(())
        });
        if let Err(e) = result {
            cx.syn_error(e);
        }
    }
    out
}

/// Reads a variant's attributes.
pub fn variant(cx: &Ctxt, attrs: &[Attribute]) -> VariantAttrs {
    let mut out = VariantAttrs::default();
    for attr in h2h_attrs(attrs) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident(NAME) {
                let v = lit_str(&meta)?;
                set_once(cx, &mut out.name, v, &meta, NAME);
            } else if meta.path.is_ident(VALUE) {
                let v = lit_int(&meta)?;
                set_once(cx, &mut out.value, v, &meta, VALUE);
            } else if meta.path.is_ident(NO_XML) {
                out.no_xml = true;
            } else if meta.path.is_ident(OTHER) {
                out.other = true;
            } else if meta.path.is_ident(BASE_VARIANT) {
                out.base = true;
            } else if meta.path.is_ident(CLR_NAME) {
                out.clr_name = Some(lit_str(&meta)?.value);
            } else if meta.path.is_ident(SCOPED) {
                out.scoped = true;
            } else {
                return Err(unknown(
                    &meta,
                    &[NAME, CLR_NAME, VALUE, NO_XML, OTHER, BASE_VARIANT, SCOPED],
                ));
            }
            Ok(())
        });
        if let Err(e) = result {
            cx.syn_error(e);
        }
    }
    out
}
