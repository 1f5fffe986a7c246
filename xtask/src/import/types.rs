//! The help page's type texts ("integer", "Collection of Item", "Dictionary of string \[key\] and
//! integer \[value\]") and the schema types the importer writes.

use h2h_schema::ir::Primitive;

/// A parsed "Type" column text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeText {
    /// A simple type's documentation word (`string`, `integer`, `date`, …).
    Simple(&'static str),
    /// `Object`.
    Object,
    /// A model name: a complex type or an enum.
    Named(String),
    /// `Collection of T`.
    Collection(Box<TypeText>),
    /// `Dictionary of K [key] and V [value]`.
    Dictionary(Box<TypeText>, Box<TypeText>),
    /// `Pair of K [key] and V [value]`.
    Pair(Box<TypeText>, Box<TypeText>),
}

/// The template's words for simple types, longest first.
pub const SIMPLE_WORDS: &[&str] = &[
    "globally unique identifier",
    "unsigned integer",
    "decimal number",
    "time interval",
    "signed byte",
    "character",
    "boolean",
    "integer",
    "string",
    "byte",
    "date",
    "URI",
];

impl TypeText {
    /// Parses a type text; `None` if it is none of the template's forms.
    pub fn parse(text: &str) -> Option<TypeText> {
        let text = text.trim();
        if let Some(rest) = text.strip_prefix("Collection of ") {
            return Some(TypeText::Collection(Box::new(TypeText::parse(rest)?)));
        }
        for (prefix, pair) in [("Dictionary of ", false), ("Pair of ", true)] {
            if let Some(rest) = text.strip_prefix(prefix) {
                let rest = rest.strip_suffix(" [value]")?;
                let (k, v) = split_key_value(rest)?;
                let (k, v) = (Box::new(TypeText::parse(k)?), Box::new(TypeText::parse(v)?));
                return Some(if pair {
                    TypeText::Pair(k, v)
                } else {
                    TypeText::Dictionary(k, v)
                });
            }
        }
        if let Some(w) = SIMPLE_WORDS.iter().find(|w| **w == text) {
            return Some(TypeText::Simple(w));
        }
        if text == "Object" {
            return Some(TypeText::Object);
        }
        let ident = !text.is_empty()
            && text.starts_with(|c: char| c.is_alphabetic() || c == '_')
            && text
                .chars()
                .all(|c| c.is_alphanumeric() || "_`[]".contains(c));
        ident.then(|| TypeText::Named(text.to_owned()))
    }
}

/// Splits `K [key] and V` at the ` [key] and ` that balances nested dictionaries.
fn split_key_value(text: &str) -> Option<(&str, &str)> {
    let sep = " [key] and ";
    let mut from = 0;
    while let Some(i) = text[from..].find(sep) {
        let at = from + i;
        let (k, v) = (&text[..at], &text[at + sep.len()..]);
        if TypeText::parse(k).is_some() && TypeText::parse(v).is_some() {
            return Some((k, v));
        }
        from = at + 1;
    }
    None
}

/// A type as the importer writes it into the schema.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ty {
    /// A scalar (`byte[]` included).
    Prim(Primitive),
    /// `T?`.
    Nullable(Box<Ty>),
    /// `List<T>`.
    List(Box<Ty>),
    /// `Dictionary<K, V>`.
    Dict(Box<Ty>, Box<Ty>),
    /// A contract (CLR namespace, name).
    Contract(String, String),
    /// An enum (CLR namespace, name).
    Enum(String, String),
}

impl Ty {
    /// The schema's type expression, qualifying names outside `ns`.
    pub fn expr(&self, ns: &str) -> String {
        match self {
            Ty::Prim(p) => p.csharp_name().to_owned(),
            Ty::Nullable(t) => format!("{}?", t.expr(ns)),
            Ty::List(t) => format!("List<{}>", t.expr(ns)),
            Ty::Dict(k, v) => format!("Dictionary<{}, {}>", k.expr(ns), v.expr(ns)),
            Ty::Contract(n, name) | Ty::Enum(n, name) => {
                if n == ns {
                    name.clone()
                } else {
                    format!("{n}.{name}")
                }
            }
        }
    }

    /// Whether the .NET type is a value type (can be wrapped in `Nullable<T>`).
    pub fn is_value_type(&self) -> bool {
        match self {
            Ty::Prim(p) => !p.is_reference(),
            Ty::Enum(..) => true,
            _ => false,
        }
    }
}

/// The C# primitive for a simple type word, and whether the word leaves a choice open.
pub fn primitive_of_word(word: &str) -> Option<(Primitive, Option<&'static str>)> {
    Some(match word {
        "string" => (Primitive::String, None),
        "integer" => (
            Primitive::Int32,
            Some("`integer` may be short, int or long; int assumed"),
        ),
        "unsigned integer" => (
            Primitive::UInt32,
            Some("`unsigned integer` may be ushort, uint or ulong; uint assumed"),
        ),
        "boolean" => (Primitive::Bool, None),
        "character" => (Primitive::Char, None),
        "byte" => (Primitive::Byte, None),
        "signed byte" => (Primitive::SByte, None),
        "globally unique identifier" => (Primitive::Guid, None),
        "time interval" => (Primitive::TimeSpan, None),
        "URI" => (Primitive::Uri, None),
        "decimal number" => (Primitive::Decimal, None),
        "date" => (Primitive::DateTime, None),
        _ => return None,
    })
}

/// The primitive an XSD item name stands for (collection items in the Arrays namespace).
pub fn primitive_of_xsd(name: &str) -> Option<Primitive> {
    use Primitive as P;
    [
        P::String,
        P::Bool,
        P::Char,
        P::Byte,
        P::SByte,
        P::Int16,
        P::UInt16,
        P::Int32,
        P::UInt32,
        P::Int64,
        P::UInt64,
        P::Decimal,
        P::Double,
        P::Single,
        P::DateTime,
        P::DateTimeOffset,
        P::TimeSpan,
        P::Guid,
        P::Uri,
        P::Bytes,
        P::Object,
    ]
    .into_iter()
    .find(|p| p.xsd_name() == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_texts() {
        assert_eq!(
            TypeText::parse("integer"),
            Some(TypeText::Simple("integer"))
        );
        assert_eq!(
            TypeText::parse("Collection of Collection of Item"),
            Some(TypeText::Collection(Box::new(TypeText::Collection(
                Box::new(TypeText::Named("Item".into()))
            ))))
        );
        assert_eq!(
            TypeText::parse("Dictionary of string [key] and Collection of integer [value]"),
            Some(TypeText::Dictionary(
                Box::new(TypeText::Simple("string")),
                Box::new(TypeText::Collection(Box::new(TypeText::Simple("integer"))))
            ))
        );
        assert_eq!(TypeText::parse("two words"), None);
    }
}
