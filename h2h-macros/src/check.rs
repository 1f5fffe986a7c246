//! Rules that span several fields or variants.

use crate::ast::{Container, Data};
use crate::ctxt::Ctxt;

/// Checks the model; problems go to `cx`.
pub fn check(cx: &Ctxt, cont: &Container<'_>) {
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
