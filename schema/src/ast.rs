//! The schema files as written: TOML read with serde, every value a maintainer may get wrong
//! kept with its span so that validation can point at it.
//!
//! This layer only mirrors the file format; meaning (resolved types, inheritance, wire order)
//! is given by `lower` when it builds the IR.

use serde::Deserialize;
use toml::Spanned;

/// A spanned string, the most common value in the schema.
pub type S = Spanned<String>;

/// One schema file.
#[derive(Debug, Deserialize)]
#[cfg_attr(
    feature = "json-schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct File {
    /// The JSON Schema reference for editors (`"$schema" = "../schema.json"`); not used here.
    #[serde(rename = "$schema")]
    pub json_schema: Option<String>,
    /// The CLR namespace of this file's contracts and enums unless one says otherwise.
    #[cfg_attr(feature = "json-schema", schemars(with = "Option<String>"))]
    pub namespace: Option<S>,
    /// The endpoints (`[[endpoint]]`).
    #[serde(default, rename = "endpoint")]
    pub endpoints: Vec<Endpoint>,
    /// The contracts (`[[contract]]`).
    #[serde(default, rename = "contract")]
    pub contracts: Vec<Contract>,
    /// The enums (`[[enum]]`).
    #[serde(default, rename = "enum")]
    pub enums: Vec<Enum>,
}

/// `[[endpoint]]`: one action of the API, as its help page documents it.
#[derive(Debug, Deserialize)]
#[cfg_attr(
    feature = "json-schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Endpoint {
    /// HTTP method, upper case (`POST`).
    #[cfg_attr(feature = "json-schema", schemars(with = "String"))]
    pub method: S,
    /// Route relative to the API root (`Session/Logout`).
    #[cfg_attr(feature = "json-schema", schemars(with = "String"))]
    pub route: S,
    /// The one-line summary the help page shows under the title.
    #[serde(default)]
    pub summary: String,
    /// URI parameters (`[[endpoint.uri_parameter]]`).
    #[serde(default, rename = "uri_parameter")]
    pub uri_parameters: Vec<UriParameter>,
    /// The request body's type, if the action takes one.
    #[cfg_attr(feature = "json-schema", schemars(with = "Option<String>"))]
    pub request: Option<S>,
    /// The response body's type, if the help page documents one.
    #[cfg_attr(feature = "json-schema", schemars(with = "Option<String>"))]
    pub response: Option<S>,
    /// Media types of the request formats, as listed on the page.
    #[serde(default)]
    pub request_formats: Vec<String>,
    /// Media types of the response formats, as listed on the page.
    #[serde(default)]
    pub response_formats: Vec<String>,
    /// The documented samples, verbatim (`[[endpoint.sample]]`).
    #[serde(default, rename = "sample")]
    pub samples: Vec<Sample>,
}

/// `[[endpoint.uri_parameter]]`.
#[derive(Debug, Deserialize)]
#[cfg_attr(
    feature = "json-schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct UriParameter {
    /// Parameter name as it appears in the route or query.
    #[cfg_attr(feature = "json-schema", schemars(with = "String"))]
    pub name: S,
    /// Its type expression.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "json-schema", schemars(with = "String"))]
    pub ty: S,
    /// Its description.
    #[serde(default)]
    pub description: String,
    /// The "Additional information" column.
    #[serde(default)]
    pub additional_information: Vec<String>,
}

/// `[[endpoint.sample]]`: one documented sample as published.
#[derive(Debug, Deserialize)]
#[cfg_attr(
    feature = "json-schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Sample {
    /// `request` or `response`.
    #[cfg_attr(feature = "json-schema", schemars(with = "String"))]
    pub direction: S,
    /// The media types the page groups under this sample (`application/json, text/json`).
    pub media_types: Vec<String>,
    /// The sample text, verbatim.
    pub text: String,
}

/// `[[contract]]`: a .NET class the API sends or receives.
#[derive(Debug, Deserialize)]
#[cfg_attr(
    feature = "json-schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Contract {
    /// CLR class name.
    #[cfg_attr(feature = "json-schema", schemars(with = "String"))]
    pub name: S,
    /// CLR namespace; defaults to the file's `namespace`.
    #[cfg_attr(feature = "json-schema", schemars(with = "Option<String>"))]
    pub namespace: Option<S>,
    /// The base class, by name (`BaseRequest` or `Other.Namespace.Name`).
    #[cfg_attr(feature = "json-schema", schemars(with = "Option<String>"))]
    pub base: Option<S>,
    /// The description from the help page (its resource page or the property that uses it).
    #[serde(default)]
    pub description: String,
    /// Present when the class has `[DataContract]`; its `Name` and `Namespace`.
    pub data_contract: Option<DataContract>,
    /// `[Serializable]` without `[DataContract]`: DCS and Web API's Json.NET serialize its
    /// fields, so an auto-property `name` is on the wire as `<name>k__BackingField` (members
    /// marked `field = true` keep their name).
    #[serde(default)]
    pub serializable: bool,
    /// `[KnownType]` subtypes that may appear in place of this contract (`i:type`).
    #[serde(default)]
    #[cfg_attr(feature = "json-schema", schemars(with = "Vec<String>"))]
    pub known_types: Vec<S>,
    /// Overrides the Rust type name derived from `name`.
    #[cfg_attr(feature = "json-schema", schemars(with = "Option<String>"))]
    pub rust_name: Option<S>,
    /// The members this class declares, in declaration order (`[[contract.member]]`).
    #[serde(default, rename = "member")]
    pub members: Vec<Member>,
}

/// `[DataContract(Name = .., Namespace = ..)]`.
#[derive(Debug, Deserialize)]
#[cfg_attr(
    feature = "json-schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct DataContract {
    /// Contract name on the wire; defaults to the CLR name.
    #[cfg_attr(feature = "json-schema", schemars(with = "Option<String>"))]
    pub name: Option<S>,
    /// XML namespace URI; defaults to `http://schemas.datacontract.org/2004/07/` + CLR namespace.
    #[cfg_attr(feature = "json-schema", schemars(with = "Option<String>"))]
    pub namespace: Option<S>,
}

/// `[[contract.member]]`: a property or field, in declaration order.
#[derive(Debug, Deserialize)]
#[cfg_attr(
    feature = "json-schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Member {
    /// CLR member name.
    #[cfg_attr(feature = "json-schema", schemars(with = "String"))]
    pub name: S,
    /// The type expression (`string`, `int?`, `List<Item>`, `Dictionary<string, decimal>`).
    #[serde(rename = "type")]
    #[cfg_attr(feature = "json-schema", schemars(with = "String"))]
    pub ty: S,
    /// The "Description" column.
    #[serde(default)]
    pub description: String,
    /// The "Additional information" column, one entry per line (`Required`, `Max length: 20`).
    #[serde(default)]
    pub additional_information: Vec<String>,
    /// `new` modifier: hides the base member of the same name.
    #[serde(default, rename = "new")]
    #[cfg_attr(feature = "json-schema", schemars(with = "Option<bool>"))]
    pub hides_base: Option<Spanned<bool>>,
    /// The value is a secret (token, security code): redacted in `Debug`, never echoed in errors.
    #[serde(default)]
    pub sensitive: bool,
    /// A field rather than a property: Json.NET lists a class's fields before its properties.
    #[serde(default)]
    pub field: bool,
    /// A property of a plain class that is not read-write (`get_only` or `private_set`):
    /// Json.NET writes it, DCS does not.
    #[cfg_attr(feature = "json-schema", schemars(with = "Option<Access>"))]
    pub access: Option<Spanned<Access>>,
    /// With `access = "get_only"`: the constant the getter returns (a string, integer or
    /// boolean), which Json.NET writes and the help page's sample shows.
    #[cfg_attr(feature = "json-schema", schemars(with = "Option<Literal>"))]
    pub returns: Option<Spanned<Literal>>,
    /// Overrides the Rust field name derived from `name`.
    #[cfg_attr(feature = "json-schema", schemars(with = "Option<String>"))]
    pub rust_name: Option<S>,
    /// `[DataMember(Name)]` (DataContract classes only).
    #[cfg_attr(feature = "json-schema", schemars(with = "Option<String>"))]
    pub wire_name: Option<S>,
    /// `[DataMember(Order)]` (DataContract classes only).
    #[cfg_attr(feature = "json-schema", schemars(with = "Option<i64>"))]
    pub order: Option<Spanned<i64>>,
    /// `[DataMember(IsRequired = true)]` (DataContract classes only).
    #[cfg_attr(feature = "json-schema", schemars(with = "Option<bool>"))]
    pub required: Option<Spanned<bool>>,
    /// `[DataMember(EmitDefaultValue = false)]` (DataContract classes only).
    #[cfg_attr(feature = "json-schema", schemars(with = "Option<bool>"))]
    pub emit_default_value: Option<Spanned<bool>>,
    /// `false`: a settable property of a `[DataContract]` class without `[DataMember]`. It is
    /// on neither wire and the help page's table does not list it, but the page's sample
    /// generator sets it, so it takes its numbers from the sample counter (a gap in the
    /// sample). Only `name`, `type` and `description` go with it.
    #[cfg_attr(feature = "json-schema", schemars(with = "Option<bool>"))]
    pub data_member: Option<Spanned<bool>>,
}

/// How a plain class's property can be set, when it is not `{ get; set; }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Access {
    /// `{ get { ... } }`: the value comes from server code. Json.NET writes it, DCS does not,
    /// and the help page's sample generator leaves it alone.
    GetOnly,
    /// `{ get; private set; }`: Json.NET writes it, DCS does not, and neither reads it back; the
    /// help page's sample generator sets it.
    PrivateSet,
}

/// A constant in the schema: what a get-only property's getter returns.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum Literal {
    /// `true` or `false`.
    Bool(bool),
    /// An integer.
    Integer(i64),
    /// A string (or, for a `char` member, one character).
    String(String),
}

/// `[[enum]]`: a .NET enum.
#[derive(Debug, Deserialize)]
#[cfg_attr(
    feature = "json-schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Enum {
    /// CLR enum name.
    #[cfg_attr(feature = "json-schema", schemars(with = "String"))]
    pub name: S,
    /// CLR namespace; defaults to the file's `namespace`.
    #[cfg_attr(feature = "json-schema", schemars(with = "Option<String>"))]
    pub namespace: Option<S>,
    /// The description.
    #[serde(default)]
    pub description: String,
    /// `[Flags]`.
    #[serde(default)]
    pub flags: bool,
    /// Present when the enum has `[DataContract]`: values then need `enum_member`.
    pub data_contract: Option<DataContract>,
    /// Set when the documentation shows only some of the values; says what is known.
    pub undocumented: Option<String>,
    /// Overrides the Rust type name.
    #[cfg_attr(feature = "json-schema", schemars(with = "Option<String>"))]
    pub rust_name: Option<S>,
    /// The values (`[[enum.value]]`), in declaration order.
    #[serde(default, rename = "value")]
    pub values: Vec<EnumValue>,
}

/// `[[enum.value]]`.
#[derive(Debug, Deserialize)]
#[cfg_attr(
    feature = "json-schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct EnumValue {
    /// CLR name of the constant.
    #[cfg_attr(feature = "json-schema", schemars(with = "String"))]
    pub name: S,
    /// Its numeric value.
    #[cfg_attr(feature = "json-schema", schemars(with = "i64"))]
    pub value: Spanned<i64>,
    /// `[EnumMember(Value)]`, its XML text in a DataContract enum.
    #[cfg_attr(feature = "json-schema", schemars(with = "Option<String>"))]
    pub enum_member: Option<S>,
    /// The description.
    #[serde(default)]
    pub description: String,
    /// Overrides the Rust variant name.
    #[cfg_attr(feature = "json-schema", schemars(with = "Option<String>"))]
    pub rust_name: Option<S>,
}
