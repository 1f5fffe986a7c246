//! Rules that span several fields or variants.

use crate::ast::{Container, Data};
use crate::ctxt::Ctxt;

/// Checks the `not_member`s: a struct's, each in an existing level, after a field of that
/// level, with a name no member or other not-member of the contract has.
fn check_not_members(cx: &Ctxt, cont: &Container<'_>) {
    let Data::Struct(fields) = &cont.data else {
        if let Some(n) = cont.not_members.first() {
            cx.syn_error(syn::Error::new(
                n.name_span,
                "`not_member` is a property of a class: only a struct with named fields has one",
            ));
        }
        return;
    };
    let levels = cont.levels.len();
    for (i, n) in cont.not_members.iter().enumerate() {
        if n.level >= levels {
            cx.syn_error(syn::Error::new(
                n.level_span,
                format!(
                    "level {} does not exist: this contract has {levels} level(s) (one per `base(...)` plus itself)",
                    n.level
                ),
            ));
            continue;
        }
        if let Some(after) = &n.after {
            match fields.iter().find(|f| f.ident == after) {
                None => cx.syn_error(syn::Error::new(
                    after.span(),
                    format!("`after = {after}`: the struct has no field `{after}`"),
                )),
                Some(f) if f.level != n.level => cx.syn_error(syn::Error::new(
                    after.span(),
                    format!(
                        "`after = {after}`: `{after}` is declared in level {} and `{}` in level {}: a not-member follows a field of its own level",
                        f.level, n.name, n.level
                    ),
                )),
                Some(_) => {}
            }
        }
        let twin = fields.iter().any(|f| f.wire_name == n.name)
            || cont.not_members[..i].iter().any(|m| m.name == n.name);
        if twin {
            cx.syn_error(syn::Error::new(
                n.name_span,
                format!(
                    "`{}` is declared twice: a not-member cannot share its name with a member or another not-member (hiding one is not modelled)",
                    n.name
                ),
            ));
        }
    }
}

/// Checks the model; problems go to `cx`.
pub fn check(cx: &Ctxt, cont: &Container<'_>) {
    check_not_members(cx, cont);
    match &cont.data {
        Data::Struct(fields) => {
            let levels = cont.levels.len();
            for (i, f) in fields.iter().enumerate() {
                if f.level >= levels {
                    cx.syn_error(syn::Error::new(
                        f.level_span,
                        format!(
                            "level {} does not exist: this contract has {levels} level(s) (one per `base(...)` plus itself)",
                            f.level
                        ),
                    ));
                    continue;
                }
                let twin = fields[..i]
                    .iter()
                    .find(|g| g.level == f.level && g.wire_name == f.wire_name);
                if twin.is_some() {
                    cx.syn_error(syn::Error::new(
                        f.wire_name_span,
                        format!(
                            "duplicate member `{}` in level `{}`",
                            f.wire_name, cont.levels[f.level].name
                        ),
                    ));
                }
                let hider = fields
                    .iter()
                    .any(|g| g.level > f.level && g.wire_name == f.wire_name);
                if f.hidden && !hider {
                    cx.error_spanned_by(
                        f.ident,
                        format!(
                            "`hidden` needs a member `{}` in a more derived level that hides this one",
                            f.wire_name
                        ),
                    );
                }
                if !f.hidden && hider {
                    cx.error_spanned_by(
                        f.ident,
                        format!(
                            "member `{}` is hidden by a more derived member of that name: mark it `hidden`",
                            f.wire_name
                        ),
                    );
                }
            }
        }
        Data::Enum { variants, other } => {
            for (i, v) in variants.iter().enumerate() {
                if variants[..i].iter().any(|w| w.value == v.value) {
                    cx.error_spanned_by(v.ident, format!("duplicate enum value {}", v.value));
                }
                if i32::try_from(v.value).is_err() {
                    cx.error_spanned_by(v.ident, "enum values must fit in i32");
                }
            }
            if other.is_none() {
                cx.error_spanned_by(
                    cont.ident,
                    "add a variant `#[h2h(other)] Unknown(i32)`: JSON can carry values without a name and they must not be lost",
                );
            }
        }
        Data::Polymorphic { .. } => {}
        Data::Flags(members) => {
            for (i, m) in members.iter().enumerate() {
                if members[..i].iter().any(|n| n.name == m.name) {
                    cx.error_spanned_by(cont.ident, format!("duplicate flag name `{}`", m.name));
                }
            }
        }
    }
}
