//! The .NET primitives as DataContractSerializer names them: the element name of a collection
//! item (`<int>` in `ArrayOfint`), the qualified name of `i:type="d:int"` (name and namespace),
//! and the CLR type's full name (in DCS's error messages).

use crate::namespaces::{SERIALIZATION, SYSTEM, XSD};

/// A primitive's names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Primitive {
    /// The data contract name: `int`, `dateTime`, `guid`, ...
    pub name: &'static str,
    /// The namespace of that name: XML Schema for most, DCS's own for `char`, `duration` and
    /// `guid`, `System`'s for `DateTimeOffset`.
    pub namespace: &'static str,
    /// The CLR type: `System.Int32`, ...
    pub clr_name: &'static str,
}

const fn p(name: &'static str, namespace: &'static str, clr_name: &'static str) -> Primitive {
    Primitive {
        name,
        namespace,
        clr_name,
    }
}

/// `bool`.
pub const BOOLEAN: Primitive = p("boolean", XSD, "System.Boolean");
/// `sbyte` (XML Schema's `byte` is signed).
pub const SBYTE: Primitive = p("byte", XSD, "System.SByte");
/// `byte`.
pub const BYTE: Primitive = p("unsignedByte", XSD, "System.Byte");
/// `short`.
pub const INT16: Primitive = p("short", XSD, "System.Int16");
/// `ushort`.
pub const UINT16: Primitive = p("unsignedShort", XSD, "System.UInt16");
/// `int`.
pub const INT32: Primitive = p("int", XSD, "System.Int32");
/// `uint`.
pub const UINT32: Primitive = p("unsignedInt", XSD, "System.UInt32");
/// `long`.
pub const INT64: Primitive = p("long", XSD, "System.Int64");
/// `ulong`.
pub const UINT64: Primitive = p("unsignedLong", XSD, "System.UInt64");
/// `float`.
pub const SINGLE: Primitive = p("float", XSD, "System.Single");
/// `double`.
pub const DOUBLE: Primitive = p("double", XSD, "System.Double");
/// `decimal`.
pub const DECIMAL: Primitive = p("decimal", XSD, "System.Decimal");
/// `DateTime`.
pub const DATE_TIME: Primitive = p("dateTime", XSD, "System.DateTime");
/// `DateTimeOffset`: a data contract of `System` (`DateTime`, `OffsetMinutes`), not an XML
/// Schema type.
pub const DATE_TIME_OFFSET: Primitive = p("DateTimeOffset", SYSTEM, "System.DateTimeOffset");
/// `TimeSpan`.
pub const TIME_SPAN: Primitive = p("duration", SERIALIZATION, "System.TimeSpan");
/// `Guid`.
pub const GUID: Primitive = p("guid", SERIALIZATION, "System.Guid");
/// `char` (a number in DCS's own namespace).
pub const CHAR: Primitive = p("char", SERIALIZATION, "System.Char");
/// `string`.
pub const STRING: Primitive = p("string", XSD, "System.String");
/// `Uri`.
pub const URI: Primitive = p("anyURI", XSD, "System.Uri");
/// `byte[]`.
pub const BYTES: Primitive = p("base64Binary", XSD, "System.Byte[]");
/// `object`.
pub const OBJECT: Primitive = p("anyType", XSD, "System.Object");

/// `DateTimeOffset`'s members as DCS writes them, in this order and in [`SYSTEM`]'s namespace:
/// the instant as a UTC `DateTime`, then the offset in minutes.
pub const DATE_TIME_OFFSET_MEMBERS: [&str; 2] = ["DateTime", "OffsetMinutes"];

/// XML Schema types that DataContractSerializer reads as a `string` (its `StringDataContract`
/// subclasses), in an `object` member with `i:type` (own-vectors `read-xml-object-xsd-*`).
pub const XSD_STRING_TYPES: &[&str] = &[
    "normalizedString",
    "token",
    "language",
    "Name",
    "NCName",
    "ID",
    "IDREF",
    "IDREFS",
    "ENTITY",
    "ENTITIES",
    "NMTOKEN",
    "NMTOKENS",
    "gYear",
    "gYearMonth",
    "gMonthDay",
    "gDay",
    "gMonth",
    "date",
    "time",
    "hexBinary",
];

/// XML Schema integer types that DataContractSerializer reads as a `long` (its
/// `IntegerDataContract` and relatives), in an `object` member with `i:type`.
pub const XSD_LONG_TYPES: &[&str] = &[
    "integer",
    "positiveInteger",
    "negativeInteger",
    "nonPositiveInteger",
    "nonNegativeInteger",
];
