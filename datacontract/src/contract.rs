//! The traits generated code implements.

/// A type with a DataContract: its XML root name and namespace, and (through the derive) its
/// XML and JSON forms.
///
/// Implement it with `#[derive(datacontract::DataContract)]` and `#[h2h(...)]` attributes, the same
/// ones the generator writes:
///
/// ```
/// use datacontract::DataContract;
///
/// /// A class of your own: `namespace Acme.Models { class Greeting : Base { ... } }`.
/// #[derive(Clone, PartialEq, DataContract)]
/// #[h2h(name = "Greeting", namespace = "http://schemas.datacontract.org/2004/07/Acme.Models")]
/// #[h2h(base(name = "Base"))]
/// struct Greeting {
///     /// Declared in the base class (level 0).
///     #[h2h(name = "ID", level = 0)]
///     id: i32,
///     /// Declared here: the last level is the default.
///     text: Option<String>,
///     /// A secret: `Debug` prints `<redacted>`.
///     #[h2h(sensitive)]
///     pin: Option<String>,
/// }
///
/// assert_eq!(Greeting::NAME, "Greeting");
/// let g = Greeting { id: 1, text: None, pin: Some("1234".into()) };
/// assert_eq!(format!("{g:?}"), r#"Greeting { id: 1, text: None, pin: <redacted> }"#);
/// ```
///
/// Container attributes: `name` (root name, default the type's name), `namespace` (required),
/// `base(name, namespace)` once per base class, root-most first (`namespace` defaults to the
/// contract's own),
/// `crate = "path"` (where the runtime is, default `::datacontract`), and for a `[Flags]` newtype
/// `flags` with `member(name, value)` per constant.
///
/// Field attributes: `name` (wire name, default the field's name), `level` (index of the
/// declaring class, 0 = root-most base; default the contract itself), `hidden` (hidden by a
/// `new` member of a derived class), `order`, `required`, `emit_default = false` (the
/// `[DataMember]` settings), `required_in_xml` (a member DCS requires and Json.NET does not:
/// every field of a `[Serializable]` class; not with `required`, `get_only` or `private_set`),
/// `array` (a .NET array `T[]`, not a `List<T>`: Json.NET replaces an array member given
/// again where it appends to a list; see
/// [`JsonValue::read_json_into`](crate::json::JsonValue::read_json_into)), `sensitive`,
/// `field` (a .NET field: Json.NET lists fields before properties), `get_only` or
/// `private_set` (a property of a plain class that Json.NET writes and DCS does not; it is
/// read from JSON only), and with `get_only`, `returns = <literal>` (the constant its getter
/// returns, which the field holds when the wire does not carry it; see [`GetterConstant`]).
///
/// Enum variants: `value = N`, `name = "..."` (XML text, default the variant's name),
/// `clr_name = "..."` (the constant's CLR name, which Json.NET reads), `no_xml` (a constant
/// without `[EnumMember]`), and one `#[h2h(other)] Unknown(i32)` that keeps values without a
/// name.
///
/// A contract with `[KnownType]`s is held in an enum with `#[h2h(polymorphic, name, namespace)]`
/// and one newtype variant per type, the declared type's marked `#[h2h(base)]`; a subtype that
/// is not a `[KnownType]` of the declared type is marked `#[h2h(scoped)]`: DCS writes and reads
/// it only inside a contract that lists it, which says so with `#[h2h(known_types(Type, ...))]`
/// (its own `[KnownType]`s and its base classes').
pub trait DataContract:
    crate::xml::XmlValue
    + crate::json::JsonValue
    + serde::Serialize
    + serde::de::DeserializeOwned
    + core::fmt::Debug
    + crate::sample::HelpPageSample
{
    /// Root element name (the contract name).
    const NAME: &'static str;
    /// XML namespace of the root element.
    const NAMESPACE: &'static str;
}

/// A type whose value a get-only property's constant getter can return: what
/// `#[h2h(get_only, returns = <literal>)]` builds the field from when the wire does not carry
/// it (XML never does). The literal is typed, so a wrong one fails to compile.
pub trait GetterConstant {
    /// The type of the Rust literal in the attribute.
    type Literal;
    /// The value the literal stands for.
    fn from_literal(literal: Self::Literal) -> Self;
}

impl GetterConstant for String {
    type Literal = &'static str;
    fn from_literal(literal: &'static str) -> Self {
        literal.to_owned()
    }
}

impl<T: GetterConstant> GetterConstant for Option<T> {
    type Literal = T::Literal;
    fn from_literal(literal: T::Literal) -> Self {
        Some(T::from_literal(literal))
    }
}

macro_rules! literal_is_value {
    ($($t:ty)*) => {$(
        impl GetterConstant for $t {
            type Literal = $t;
            fn from_literal(literal: $t) -> Self {
                literal
            }
        }
    )*};
}

literal_is_value!(bool char i8 u8 i16 u16 i32 u32 i64 u64);

/// HTTP methods of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `DELETE`.
    Delete,
    /// `PATCH`.
    Patch,
    /// `HEAD`.
    Head,
    /// `OPTIONS`.
    Options,
}

impl Method {
    /// The method as it appears in a request line.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
        }
    }
}

/// An endpoint of an API: its method, route and body types. Generated marker types implement
/// it (`h2h_models::endpoints`, one per endpoint of the schema).
pub trait Endpoint {
    /// The HTTP method.
    const METHOD: Method;
    /// The route, relative to the API root (`Session/Logout`).
    const ROUTE: &'static str;
    /// The summary from the help page.
    const SUMMARY: &'static str;
    /// The request body (`()` when there is none).
    type Request: crate::media::Body + Send + Sync + 'static;
    /// The response body (`()` when none is documented).
    type Response: crate::media::Body + Send + Sync + 'static;
    /// The URI parameters (a generated struct with one field per parameter, or `()`).
    type Parameters: UriParameters + Default + core::fmt::Debug + Send + Sync + 'static;
    /// The media types the endpoint reads its request in (`application/json`, ...).
    const REQUEST_MEDIA_TYPES: &'static [&'static str];
    /// The media types the endpoint writes its response in.
    const RESPONSE_MEDIA_TYPES: &'static [&'static str];
}

/// Something to do with a contract type chosen at run time by name; a generated catalog calls
/// it with the type (`h2h_models::catalog::visit_contract`).
pub trait ContractVisitor {
    /// What the visit returns.
    type Output;
    /// Called with the contract type.
    fn visit<T: DataContract + 'static>(self) -> Self::Output;
}

/// Something to do with each endpoint of a catalog; the generated `endpoints::visit_all` calls
/// it once per endpoint, in route order.
pub trait EndpointVisitor {
    /// Called with the endpoint's marker type.
    fn visit<E: Endpoint + 'static>(&mut self);
}

/// An endpoint's URI parameters, as Web API binds simple types: a parameter named in the
/// route template (`{id}`) from that path segment, the others from the query string.
pub trait UriParameters: Sized {
    /// Each parameter's name and its text (`None`: not sent, Web API binds the default).
    fn uri_values(&self) -> Vec<(&'static str, Option<String>)>;

    /// The parameters as Web API binds them from a request: `text` gives a parameter's text
    /// by name (from its route segment or the query string), `None` when the request does
    /// not carry it.
    fn from_uri_values(text: &dyn Fn(&str) -> Option<String>) -> Result<Self, UriError>;
}

impl UriParameters for () {
    fn uri_values(&self) -> Vec<(&'static str, Option<String>)> {
        Vec::new()
    }

    fn from_uri_values(_: &dyn Fn(&str) -> Option<String>) -> Result<(), UriError> {
        Ok(())
    }
}

/// A URI parameter Web API would not bind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UriError {
    /// The parameter's name.
    pub parameter: &'static str,
    /// What is wrong with it.
    pub kind: UriErrorKind,
}

/// Why a URI parameter does not bind.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum UriErrorKind {
    /// A required parameter (a non-nullable value type) is not in the request: Web API's
    /// action selector then finds no action (404).
    Missing,
    /// The text does not convert to the parameter's type (a model error, 400); the message
    /// names the type.
    Invalid(String),
}

impl std::fmt::Display for UriError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.kind {
            UriErrorKind::Missing => write!(f, "the URI parameter '{}' is missing", self.parameter),
            UriErrorKind::Invalid(message) => {
                write!(f, "the URI parameter '{}': {message}", self.parameter)
            }
        }
    }
}

impl std::error::Error for UriError {}

impl UriError {
    /// Reads parameter `name` of a generated [`UriParameters`] impl.
    pub fn bind<T: UriArgument>(
        name: &'static str,
        text: &dyn Fn(&str) -> Option<String>,
    ) -> Result<T, UriError> {
        T::from_uri_argument(text(name).as_deref()).map_err(|kind| UriError {
            parameter: name,
            kind,
        })
    }
}

/// A simple type's text in a URI, as Web API's model binding parses it (the invariant
/// culture's `TypeConverter`): `true`, `42`, `1.50`, a GUID with hyphens, a date and time in
/// ISO 8601, a time span in .NET's constant format (`1.02:03:04`).
pub trait UriValue: Sized {
    /// The text (unescaped: the client escapes it for its place in the URI).
    fn uri_text(&self) -> String;

    /// Reads the (unescaped) text as Web API's model binding converts it. The error message
    /// names the .NET type (`The value 'x' is not valid for Int32.`).
    fn parse_uri_text(text: &str) -> Result<Self, String>;
}

/// Web API's model error for a text that does not convert (`ModelBinderConfig`'s
/// "The value '{0}' is not valid for {1}.").
fn not_valid(text: &str, dotnet_type: &str) -> String {
    let shown: String = text.chars().take(40).collect();
    format!("The value '{shown}' is not valid for {dotnet_type}.")
}

macro_rules! uri_by_display {
    ($($t:ty)*) => {$(
        impl UriValue for $t {
            fn uri_text(&self) -> String {
                self.to_string()
            }

            /// The XML Schema lexical form, surrounding whitespace allowed (what the
            /// invariant culture's `TypeConverter` takes for the common forms).
            fn parse_uri_text(text: &str) -> Result<Self, String> {
                <$t as crate::dotnet::XmlText>::parse_xml(text.trim())
                    .map_err(|_| not_valid(text, <$t as crate::dotnet::XmlText>::DOTNET_NAME))
            }
        }
    )*};
}

uri_by_display!(
    i8 u8 i16 u16 i32 u32 i64 u64 crate::Decimal crate::Guid crate::DateTime
);

impl UriValue for bool {
    fn uri_text(&self) -> String {
        self.to_string()
    }

    /// `Boolean.Parse`: `true` or `false` in any case, surrounding whitespace allowed.
    fn parse_uri_text(text: &str) -> Result<Self, String> {
        match text.trim() {
            t if t.eq_ignore_ascii_case("true") => Ok(true),
            t if t.eq_ignore_ascii_case("false") => Ok(false),
            _ => Err(not_valid(text, "Boolean")),
        }
    }
}

impl UriValue for String {
    fn uri_text(&self) -> String {
        self.clone()
    }

    fn parse_uri_text(text: &str) -> Result<Self, String> {
        Ok(text.to_owned())
    }
}

impl UriValue for char {
    fn uri_text(&self) -> String {
        self.to_string()
    }

    /// `Char.Parse`: exactly one character.
    fn parse_uri_text(text: &str) -> Result<Self, String> {
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(not_valid(text, "Char")),
        }
    }
}

macro_rules! uri_by_json_text {
    ($($t:ty => $dotnet:literal)*) => {$(
        impl UriValue for $t {
            fn uri_text(&self) -> String {
                self.to_string()
            }

            /// The text Json.NET reads from a JSON string (the constant `TimeSpan` format,
            /// ISO 8601 dates with an offset).
            fn parse_uri_text(text: &str) -> Result<Self, String> {
                let scalar = crate::dotnet::JsonScalar::String(text.trim());
                <Self as crate::dotnet::FromJson>::from_json(scalar)
                    .map_err(|_| not_valid(text, $dotnet))
            }
        }
    )*};
}

uri_by_json_text!(crate::DateTimeOffset => "DateTimeOffset" crate::TimeSpan => "TimeSpan");

macro_rules! uri_by_round_trip {
    ($($t:ty)*) => {$(
        impl UriValue for $t {
            /// .NET's round-trip text of the number.
            fn uri_text(&self) -> String {
                let mut out = Vec::new();
                crate::dotnet::WriteJson::write_json(self, &mut out);
                String::from_utf8(out).unwrap_or_default()
            }

            fn parse_uri_text(text: &str) -> Result<Self, String> {
                <$t as crate::dotnet::XmlText>::parse_xml(text.trim())
                    .map_err(|_| not_valid(text, <$t as crate::dotnet::XmlText>::DOTNET_NAME))
            }
        }
    )*};
}

uri_by_round_trip!(f64 f32);

impl UriValue for crate::Uri {
    fn uri_text(&self) -> String {
        self.as_str().to_owned()
    }

    fn parse_uri_text(text: &str) -> Result<Self, String> {
        <Self as crate::dotnet::XmlText>::parse_xml(text).map_err(|_| not_valid(text, "Uri"))
    }
}

/// A parameter's text, or `None` for a missing optional one.
pub trait UriArgument: Sized {
    /// The text to send, if any.
    fn uri_argument(&self) -> Option<String>;

    /// The parameter from the request's text, if it carries one.
    fn from_uri_argument(text: Option<&str>) -> Result<Self, UriErrorKind>;
}

impl<T: UriValue> UriArgument for T {
    fn uri_argument(&self) -> Option<String> {
        Some(self.uri_text())
    }

    fn from_uri_argument(text: Option<&str>) -> Result<Self, UriErrorKind> {
        let text = text.ok_or(UriErrorKind::Missing)?;
        T::parse_uri_text(text).map_err(UriErrorKind::Invalid)
    }
}

impl<T: UriValue> UriArgument for Option<T> {
    fn uri_argument(&self) -> Option<String> {
        self.as_ref().map(UriValue::uri_text)
    }

    /// An optional parameter: absent (or empty, which Web API binds as null) is `None`.
    fn from_uri_argument(text: Option<&str>) -> Result<Self, UriErrorKind> {
        match text {
            None | Some("") => Ok(None),
            Some(text) => T::parse_uri_text(text)
                .map(Some)
                .map_err(UriErrorKind::Invalid),
        }
    }
}
