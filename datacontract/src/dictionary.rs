//! .NET `Dictionary<K, V>`: a JSON object in Json.NET, `KeyValueOf…` items in DCS XML.

use std::borrow::Cow;
use std::ops::{Deref, DerefMut};

/// A .NET `Dictionary<K, V>` as its entries in wire order (DCS and Json.NET keep insertion
/// order; a `Vec` keeps it too and allows keys of any type).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dictionary<K, V>(pub Vec<(K, V)>);

impl<K, V> Deref for Dictionary<K, V> {
    type Target = Vec<(K, V)>;

    fn deref(&self) -> &Vec<(K, V)> {
        &self.0
    }
}

impl<K, V> DerefMut for Dictionary<K, V> {
    fn deref_mut(&mut self) -> &mut Vec<(K, V)> {
        &mut self.0
    }
}

impl<K, V> FromIterator<(K, V)> for Dictionary<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Dictionary(iter.into_iter().collect())
    }
}

impl<K, V> From<Vec<(K, V)>> for Dictionary<K, V> {
    fn from(entries: Vec<(K, V)>) -> Self {
        Dictionary(entries)
    }
}

/// The DCS name of a generic type's instance: `KeyValueOf` + the arguments' names, plus a
/// digest of their namespaces when one is not a built-in namespace (`KeyValueOfstringItemyekvEP_PN`).
pub(crate) fn generic_name(base: &str, args: &[(Cow<'static, str>, &str)]) -> String {
    let mut name = String::from(base);
    let mut namespaces = String::new();
    let mut builtin = true;
    for (arg_name, arg_ns) in args {
        name.push_str(arg_name);
        namespaces.push(' ');
        namespaces.push_str(arg_ns);
        builtin &= is_builtin_namespace(arg_ns);
    }
    if !builtin {
        // One level of generic nesting with as many parameters as given.
        let digest_input = format!(" {}{namespaces}", args.len());
        name.push_str(&namespaces_digest(&digest_input));
    }
    name
}

fn is_builtin_namespace(ns: &str) -> bool {
    ns == crate::xml::XSD_NAMESPACE || ns == crate::xml::SERIALIZATION_NAMESPACE
}

/// DCS's `GetNamespacesDigest`: the first 6 bytes of the MD5 of the text, in base64 with `=`
/// dropped, `/` as `_S` and `+` as `_P`.
fn namespaces_digest(namespaces: &str) -> String {
    use base64::Engine;
    use md5::Digest;
    let hash = md5::Md5::digest(namespaces.as_bytes());
    let encoded =
        base64::engine::general_purpose::STANDARD.encode(hash.get(..6).unwrap_or_default());
    let mut out = String::with_capacity(10);
    for c in encoded.chars() {
        match c {
            '=' => {}
            '/' => out.push_str("_S"),
            '+' => out.push_str("_P"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_matches_the_dictionaries_corpus_case() {
        // `KeyValueOfstringItemyekvEP_PN` in the corpus case `dictionaries`.
        let name = generic_name(
            "KeyValueOf",
            &[
                (Cow::Borrowed("string"), crate::xml::XSD_NAMESPACE),
                (
                    Cow::Borrowed("Item"),
                    "http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models",
                ),
            ],
        );
        assert_eq!(name, "KeyValueOfstringItemyekvEP_PN");
        let plain = generic_name(
            "KeyValueOf",
            &[
                (Cow::Borrowed("string"), crate::xml::XSD_NAMESPACE),
                (Cow::Borrowed("int"), crate::xml::XSD_NAMESPACE),
            ],
        );
        assert_eq!(plain, "KeyValueOfstringint");
    }
}
