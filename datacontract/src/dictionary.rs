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
/// digest of their namespaces when one is not a built-in namespace (`KeyValueOfstringItemyekvEP_PN`),
/// by the rule of `dotnet_rules::names::generic_name`.
pub(crate) fn generic_name(base: &str, args: &[(Cow<'static, str>, &str)]) -> String {
    let args: Vec<(&str, &str)> = args.iter().map(|(name, ns)| (name.as_ref(), *ns)).collect();
    dotnet_rules::names::generic_name(base, &args, |text| {
        use md5::Digest;
        md5::Md5::digest(text).into()
    })
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
