//! The XML namespaces of DataContractSerializer.

/// XML Schema: the qualified names of most primitives (`string`, `int`) in `i:type`.
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema";

/// XML Schema instance (`xmlns:i`): `i:nil` and `i:type`.
pub const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// DCS's own namespace: primitive roots (`<string>`, `<int>`) and the qualified names of
/// `char`, `duration` and `guid`.
pub const SERIALIZATION: &str = "http://schemas.microsoft.com/2003/10/Serialization/";

/// Items of collections of primitives and of dictionaries (`<string>`, `<KeyValueOf…>`).
pub const ARRAYS: &str = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";

/// The prefix of a contract's default namespace: DCS appends the CLR namespace.
pub const DATACONTRACT_PREFIX: &str = "http://schemas.datacontract.org/2004/07/";

/// The namespace of the CLR namespace `System`: `DateTimeOffset`'s members.
pub const SYSTEM: &str = "http://schemas.datacontract.org/2004/07/System";

/// The XML namespace DCS gives a type of `clr_namespace` without `[DataContract(Namespace)]`.
///
/// ```
/// assert_eq!(
///     dotnet_rules::namespaces::default_namespace("Acme.Models"),
///     "http://schemas.datacontract.org/2004/07/Acme.Models"
/// );
/// ```
pub fn default_namespace(clr_namespace: &str) -> String {
    format!("{DATACONTRACT_PREFIX}{clr_namespace}")
}

/// The CLR namespace whose default namespace is `uri`, if it is one (a CLR namespace is not
/// empty and holds no `/`).
///
/// ```
/// use dotnet_rules::namespaces::clr_namespace_of;
/// assert_eq!(clr_namespace_of("http://schemas.datacontract.org/2004/07/Acme"), Some("Acme"));
/// assert_eq!(clr_namespace_of("urn:acme"), None);
/// ```
pub fn clr_namespace_of(uri: &str) -> Option<&str> {
    uri.strip_prefix(DATACONTRACT_PREFIX)
        .filter(|rest| !rest.is_empty() && !rest.contains('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_is_the_default_namespace_of_system() {
        assert_eq!(default_namespace("System"), SYSTEM);
        assert_eq!(clr_namespace_of(SYSTEM), Some("System"));
        assert!(ARRAYS.starts_with(SERIALIZATION));
        assert!(XSI.starts_with(XSD));
    }
}
