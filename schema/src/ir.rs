//! The validated API: the small closed model every generator works from.
//!
//! Everything here is resolved: type references point at contracts and enums by index, names
//! are checked, inheritance is acyclic. Generators never see TOML.

pub use crate::ast::{Access, Literal};

/// The whole API, in a deterministic order (contracts and enums sorted by namespace and name,
/// endpoints by route and method).
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// Every contract (class).
    pub contracts: Vec<Contract>,
    /// Every enum.
    pub enums: Vec<Enum>,
    /// Every endpoint.
    pub endpoints: Vec<Endpoint>,
}

/// Index of a contract in [`Api::contracts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContractId(pub usize);

/// Index of an enum in [`Api::enums`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EnumId(pub usize);

/// Where an item was declared, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The schema file.
    pub path: std::path::PathBuf,
    /// 1-based line.
    pub line: usize,
}

/// A .NET class.
#[derive(Debug, Clone, PartialEq)]
pub struct Contract {
    /// CLR name (`AuthRequest`).
    pub clr_name: String,
    /// CLR namespace (`Cebes.DI.H2H.Api.Models`).
    pub clr_namespace: String,
    /// Rust type name.
    pub rust_name: String,
    /// Root and `i:type` name on the wire (the CLR name, or `[DataContract(Name)]`).
    pub xml_name: String,
    /// XML namespace of this level's member elements and of the root element.
    pub xml_namespace: String,
    /// `[DataContract]` (opt-in members, DataMember settings allowed).
    pub is_data_contract: bool,
    /// `[Serializable]`: members are fields; auto-properties appear as their backing fields.
    pub is_serializable: bool,
    /// The base class.
    pub base: Option<ContractId>,
    /// Known subtypes (`[KnownType]`).
    pub known_types: Vec<ContractId>,
    /// Description from the documentation.
    pub description: String,
    /// The members this class declares, in declaration order.
    pub members: Vec<Member>,
    /// The settable properties of a `[DataContract]` class that are not `[DataMember]`s, each
    /// with its place among `members`. No serializer sees them and the Rust models have no
    /// field for them; they matter only to the help page's sample counter.
    pub non_members: Vec<NonMember>,
    /// Where it was declared.
    pub origin: Origin,
}

/// A settable property of a `[DataContract]` class without `[DataMember]`: off the wire, but
/// set by the help page's sample generator, so it takes numbers from the sample counter.
#[derive(Debug, Clone, PartialEq)]
pub struct NonMember {
    /// CLR name.
    pub clr_name: String,
    /// Its type (only its counter use matters: a simple type takes one number).
    pub ty: Type,
    /// A note for the C# source; the help page shows none.
    pub description: String,
    /// Its place in declaration order: the number of `members` declared before it.
    pub position: usize,
}

/// A property or field declared by one class.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// CLR name (`userID`).
    pub clr_name: String,
    /// Name on the wire in XML and JSON (the CLR name, or `[DataMember(Name)]`).
    pub wire_name: String,
    /// Rust field name (`user_id`); a hidden base member of a derived struct gets a `base_`
    /// prefix there, see [`Api::flattened`].
    pub rust_name: String,
    /// The member's type.
    pub ty: Type,
    /// The "Description" column.
    pub description: String,
    /// The "Additional information" column.
    pub additional_information: Vec<String>,
    /// `[DataMember(Order)]`.
    pub order: Option<i32>,
    /// `[DataMember(IsRequired = true)]`.
    pub required: bool,
    /// `[DataMember(EmitDefaultValue)]` (true unless set false).
    pub emit_default_value: bool,
    /// `new`: hides the base member of the same name.
    pub hides_base: bool,
    /// A secret: redacted in `Debug`, never echoed in errors.
    pub sensitive: bool,
    /// A field rather than a property (Json.NET lists fields first within a class).
    pub is_field: bool,
    /// A property that is not read-write (plain classes only): on the wire in JSON, not in XML.
    pub access: Option<Access>,
    /// The constant a get-only property's getter returns, already checked against `ty`.
    pub returns: Option<Literal>,
}

impl Member {
    /// How .NET sets the member, as the shared rules name it (read-write unless `access`
    /// says otherwise).
    pub fn access_rule(&self) -> dotnet_rules::members::Access {
        match self.access {
            None => dotnet_rules::members::Access::ReadWrite,
            Some(Access::GetOnly) => dotnet_rules::members::Access::GetOnly,
            Some(Access::PrivateSet) => dotnet_rules::members::Access::PrivateSet,
        }
    }
}

/// Where DCS writes a subtype in place of its declared type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A `[KnownType]` of the declared type or of its bases: everywhere.
    Everywhere,
    /// Only inside a value of a contract that lists it as a `[KnownType]`; elsewhere DCS
    /// refuses to write it, and Json.NET writes it anyway.
    Contained,
}

/// A .NET enum.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// CLR name.
    pub clr_name: String,
    /// CLR namespace.
    pub clr_namespace: String,
    /// Rust type name.
    pub rust_name: String,
    /// Name on the wire (item name in collections).
    pub xml_name: String,
    /// XML namespace.
    pub xml_namespace: String,
    /// `[Flags]`.
    pub flags: bool,
    /// `[DataContract]`: XML uses `[EnumMember(Value)]`.
    pub is_data_contract: bool,
    /// What the documentation leaves open, when only some values are documented.
    pub undocumented: Option<String>,
    /// Description.
    pub description: String,
    /// Values in declaration order.
    pub values: Vec<EnumValue>,
    /// Where it was declared.
    pub origin: Origin,
}

impl Enum {
    /// The Rust name of the catch-all variant that keeps values without a constant:
    /// `Unknown`, or `UnknownValue` when a constant is already called `Unknown`.
    pub fn unknown_variant_name(&self) -> &'static str {
        if self.values.iter().any(|v| v.rust_name == "Unknown") {
            "UnknownValue"
        } else {
            "Unknown"
        }
    }

    /// Whether the enum has a constant with value 0: its `default(T)`, which .NET can write
    /// (without one, a containing struct has no `Default`).
    pub fn has_zero(&self) -> bool {
        self.values.iter().any(|v| v.value == 0)
    }
}

/// One enum constant.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// CLR name (`ID`).
    pub clr_name: String,
    /// Rust variant name (`Id`).
    pub rust_name: String,
    /// Numeric value.
    pub value: i64,
    /// Its XML text: the `[EnumMember(Value)]` in a DataContract enum, else the CLR name;
    /// `None` for an unmarked constant of a DataContract enum (not serializable in XML).
    pub xml_text: Option<String>,
    /// Description.
    pub description: String,
}

/// A built-in .NET scalar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Primitive {
    /// `string` (a reference type).
    String,
    /// `bool`.
    Bool,
    /// `char`.
    Char,
    /// `byte`.
    Byte,
    /// `sbyte`.
    SByte,
    /// `short`.
    Int16,
    /// `ushort`.
    UInt16,
    /// `int`.
    Int32,
    /// `uint`.
    UInt32,
    /// `long`.
    Int64,
    /// `ulong`.
    UInt64,
    /// `decimal`.
    Decimal,
    /// `double`.
    Double,
    /// `float`.
    Single,
    /// `DateTime`.
    DateTime,
    /// `DateTimeOffset`.
    DateTimeOffset,
    /// `TimeSpan`.
    TimeSpan,
    /// `Guid`.
    Guid,
    /// `Uri` (a reference type).
    Uri,
    /// `byte[]` (a reference type; base64 on the wire).
    Bytes,
    /// `object` (a reference type holding a primitive that carries its type on the wire).
    Object,
}

impl Primitive {
    /// The C# spelling, as the schema and the docs write it.
    pub fn csharp_name(self) -> &'static str {
        match self {
            Primitive::String => "string",
            Primitive::Bool => "bool",
            Primitive::Char => "char",
            Primitive::Byte => "byte",
            Primitive::SByte => "sbyte",
            Primitive::Int16 => "short",
            Primitive::UInt16 => "ushort",
            Primitive::Int32 => "int",
            Primitive::UInt32 => "uint",
            Primitive::Int64 => "long",
            Primitive::UInt64 => "ulong",
            Primitive::Decimal => "decimal",
            Primitive::Double => "double",
            Primitive::Single => "float",
            Primitive::DateTime => "DateTime",
            Primitive::DateTimeOffset => "DateTimeOffset",
            Primitive::TimeSpan => "TimeSpan",
            Primitive::Guid => "Guid",
            Primitive::Uri => "Uri",
            Primitive::Bytes => "byte[]",
            Primitive::Object => "object",
        }
    }

    /// The item element name DCS uses in the Arrays namespace (`string`, `int`, `dateTime`).
    pub fn xsd_name(self) -> &'static str {
        self.dcs_names().name
    }

    /// DataContractSerializer's names of the type (its data contract name and namespace, and
    /// the CLR name), from the one table in `dotnet-rules`.
    pub fn dcs_names(self) -> dotnet_rules::primitives::Primitive {
        use dotnet_rules::primitives as p;
        match self {
            Primitive::String => p::STRING,
            Primitive::Bool => p::BOOLEAN,
            Primitive::Char => p::CHAR,
            Primitive::Byte => p::BYTE,
            Primitive::SByte => p::SBYTE,
            Primitive::Int16 => p::INT16,
            Primitive::UInt16 => p::UINT16,
            Primitive::Int32 => p::INT32,
            Primitive::UInt32 => p::UINT32,
            Primitive::Int64 => p::INT64,
            Primitive::UInt64 => p::UINT64,
            Primitive::Decimal => p::DECIMAL,
            Primitive::Double => p::DOUBLE,
            Primitive::Single => p::SINGLE,
            Primitive::DateTime => p::DATE_TIME,
            Primitive::DateTimeOffset => p::DATE_TIME_OFFSET,
            Primitive::TimeSpan => p::TIME_SPAN,
            Primitive::Guid => p::GUID,
            Primitive::Uri => p::URI,
            Primitive::Bytes => p::BYTES,
            Primitive::Object => p::OBJECT,
        }
    }

    /// Whether the .NET type is a reference type (nullable without `Nullable<T>`).
    pub fn is_reference(self) -> bool {
        matches!(
            self,
            Primitive::String | Primitive::Uri | Primitive::Bytes | Primitive::Object
        )
    }

    /// The help page's "Type" column text for this type.
    pub fn help_text(self) -> &'static str {
        match self {
            Primitive::String => "string",
            Primitive::Bool => "boolean",
            Primitive::Char => "character",
            Primitive::Byte => "byte",
            Primitive::SByte => "signed byte",
            Primitive::Int16 | Primitive::Int32 | Primitive::Int64 => "integer",
            Primitive::UInt16 | Primitive::UInt32 | Primitive::UInt64 => "unsigned integer",
            Primitive::Decimal | Primitive::Double | Primitive::Single => "decimal number",
            Primitive::DateTime | Primitive::DateTimeOffset => "date",
            Primitive::TimeSpan => "time interval",
            Primitive::Guid => "globally unique identifier",
            Primitive::Uri => "URI",
            Primitive::Bytes => "Collection of byte",
            Primitive::Object => "Object",
        }
    }
}

/// How a collection is declared in C#; the wire form is the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CollectionKind {
    /// `List<T>`.
    List,
    /// `T[]`.
    Array,
}

/// A resolved member type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Type {
    /// A built-in scalar.
    Primitive(Primitive),
    /// An enum.
    Enum(EnumId),
    /// A contract.
    Contract(ContractId),
    /// `Nullable<T>` / `T?` of a value type.
    Nullable(Box<Type>),
    /// `List<T>` or `T[]`.
    Collection(CollectionKind, Box<Type>),
    /// `Dictionary<K, V>`.
    Dictionary(Box<Type>, Box<Type>),
}

impl Type {
    /// The type inside `Nullable<T>`, or the type itself.
    pub fn non_nullable(&self) -> &Type {
        match self {
            Type::Nullable(inner) => inner,
            other => other,
        }
    }

    /// Whether the Rust models hold a value of this type as an `Option` of its value type
    /// because it is a reference type (null without `Nullable<T>`): `string` is
    /// `Option<String>`, a contract `Option<Contract>`. `Nullable<T>` is not one: it *is*
    /// the `Option<T>` of its inner type.
    pub fn is_nullable_reference(&self) -> bool {
        self.is_nullable() && !matches!(self, Type::Nullable(_))
    }

    /// Whether a .NET value of this type can be null (reference types and `Nullable<T>`).
    pub fn is_nullable(&self) -> bool {
        match self {
            Type::Primitive(p) => p.is_reference(),
            Type::Enum(_) => false,
            Type::Contract(_) | Type::Nullable(_) | Type::Collection(..) | Type::Dictionary(..) => {
                true
            }
        }
    }
}

/// An action of the API.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    /// HTTP method, upper case.
    pub method: String,
    /// Route (`Session/Logout`).
    pub route: String,
    /// Rust type name of the endpoint marker (`SessionLogout`).
    pub rust_name: String,
    /// Summary.
    pub summary: String,
    /// URI parameters.
    pub uri_parameters: Vec<UriParameter>,
    /// Request body type.
    pub request: Option<Type>,
    /// Response body type.
    pub response: Option<Type>,
    /// Request media types.
    pub request_formats: Vec<String>,
    /// Response media types.
    pub response_formats: Vec<String>,
    /// Documented samples, verbatim.
    pub samples: Vec<Sample>,
}

/// A URI parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct UriParameter {
    /// Name.
    pub name: String,
    /// Type.
    pub ty: Type,
    /// Description.
    pub description: String,
    /// Additional information.
    pub additional_information: Vec<String>,
}

/// Which body a sample shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// The request body.
    Request,
    /// The response body.
    Response,
}

/// A documented sample.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// Request or response.
    pub direction: Direction,
    /// The media types grouped under it.
    pub media_types: Vec<String>,
    /// The text, verbatim.
    pub text: String,
}

impl Sample {
    /// Whether the sample is XML (the help page's own test: the media type contains "xml").
    pub fn is_xml(&self) -> bool {
        self.media_types
            .iter()
            .any(|m| m.to_ascii_lowercase().contains("xml"))
    }

    /// Whether the sample is JSON (the media type contains "json").
    pub fn is_json(&self) -> bool {
        self.media_types
            .iter()
            .any(|m| m.to_ascii_lowercase().contains("json"))
    }
}

/// A member as it appears in a flattened struct: which level declared it and the Rust field
/// name it gets there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FlatMember<'a> {
    /// The class that declares it.
    pub declared_in: ContractId,
    /// Inheritance level, 0 = root-most base.
    pub level: usize,
    /// The member.
    pub member: &'a Member,
    /// Hidden by a `new` member of a more derived level.
    pub hidden: bool,
}

impl<'a> FlatMember<'a> {
    /// The member as the shared .NET rules see it (for [`dotnet_rules::members`]'s orders).
    pub fn rule(&self) -> dotnet_rules::members::Member<'a> {
        dotnet_rules::members::Member {
            level: self.level,
            name: &self.member.wire_name,
            order: self.member.order,
            is_field: self.member.is_field,
            access: self.member.access_rule(),
            hidden: self.hidden,
        }
    }
}

/// A public settable property or field of a contract as .NET reflection sees it: a member, or
/// a property that is not a `[DataMember]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Declared<'a> {
    /// A member (on the wire).
    Member(FlatMember<'a>),
    /// A property without `[DataMember]` of the contract at `level`.
    NonMember {
        /// The class that declares it.
        declared_in: ContractId,
        /// Inheritance level, 0 = root-most base.
        level: usize,
        /// The property.
        property: &'a NonMember,
    },
}

impl<'a> Declared<'a> {
    /// Its type.
    pub fn ty(&self) -> &'a Type {
        match self {
            Declared::Member(f) => &f.member.ty,
            Declared::NonMember { property, .. } => &property.ty,
        }
    }

    /// As the shared .NET rules see it (a non-member is [`dotnet_rules::members::Access::NotMember`]).
    pub fn rule(&self) -> dotnet_rules::members::Member<'a> {
        match self {
            Declared::Member(f) => f.rule(),
            Declared::NonMember {
                level, property, ..
            } => dotnet_rules::members::Member {
                level: *level,
                name: &property.clr_name,
                order: None,
                is_field: false,
                access: dotnet_rules::members::Access::NotMember,
                hidden: false,
            },
        }
    }
}

/// The rules' view of flattened members, in the same order (indexes match).
pub fn member_rules<'a>(flat: &[FlatMember<'a>]) -> Vec<dotnet_rules::members::Member<'a>> {
    flat.iter().map(FlatMember::rule).collect()
}

impl Api {
    /// DCS's name and namespace of the element a value of `ty` is written as inside a
    /// collection (and of a collection root): a primitive's data contract name in the Arrays
    /// namespace, an enum's or contract's own, `ArrayOf<item>` for a collection, and
    /// `ArrayOfKeyValueOf...` for a dictionary (without the namespace digest of its generic
    /// name, which needs an MD5).
    pub fn item_name(&self, ty: &Type) -> (String, String) {
        use dotnet_rules::names::{array_of, KEY_VALUE_OF};
        use dotnet_rules::namespaces::ARRAYS;
        match ty {
            Type::Primitive(p) => (p.xsd_name().to_owned(), ARRAYS.to_owned()),
            Type::Nullable(inner) => self.item_name(inner),
            Type::Enum(id) => {
                let e = self.enumeration(*id);
                (e.xml_name.clone(), e.xml_namespace.clone())
            }
            Type::Contract(id) => {
                let c = self.contract(*id);
                (c.xml_name.clone(), c.xml_namespace.clone())
            }
            Type::Collection(_, inner) => {
                let (n, ns) = self.item_name(inner);
                (array_of(&n), ns)
            }
            Type::Dictionary(..) => (array_of(KEY_VALUE_OF), ARRAYS.to_owned()),
        }
    }

    /// A contract by id.
    pub fn contract(&self, id: ContractId) -> &Contract {
        &self.contracts[id.0]
    }

    /// An enum by id.
    pub fn enumeration(&self, id: EnumId) -> &Enum {
        &self.enums[id.0]
    }

    /// The inheritance chain of a contract, root-most base first, the contract itself last.
    pub fn levels(&self, id: ContractId) -> Vec<ContractId> {
        let mut chain = vec![id];
        let mut current = id;
        while let Some(base) = self.contract(current).base {
            // Validation rejected cycles; the bound only guards against a hand-built IR.
            if chain.len() > self.contracts.len() {
                break;
            }
            chain.push(base);
            current = base;
        }
        chain.reverse();
        chain
    }

    /// Every member of a contract including inherited ones, base level first, each level in
    /// declaration order; hidden base members are marked.
    pub fn flattened(&self, id: ContractId) -> Vec<FlatMember<'_>> {
        let levels = self.levels(id);
        let mut out = Vec::new();
        for (level, &cid) in levels.iter().enumerate() {
            for member in &self.contract(cid).members {
                let hidden = levels[level + 1..].iter().any(|&later| {
                    self.contract(later)
                        .members
                        .iter()
                        .any(|m| m.hides_base && m.clr_name == member.clr_name)
                });
                out.push(FlatMember {
                    declared_in: cid,
                    level,
                    member,
                    hidden,
                });
            }
        }
        out
    }

    /// What reflection sees of a contract: [`Api::flattened`] with each level's
    /// [`Contract::non_members`] in their places (base level first, each level in declaration
    /// order). The help page's sample generator walks this; the serializers see only the
    /// members.
    pub fn declared(&self, id: ContractId) -> Vec<Declared<'_>> {
        let flat = self.flattened(id);
        let mut out = Vec::with_capacity(flat.len());
        let mut rest = flat.into_iter().peekable();
        for (level, cid) in self.levels(id).into_iter().enumerate() {
            let contract = self.contract(cid);
            let mut non_members = contract.non_members.iter().peekable();
            for position in 0..=contract.members.len() {
                while let Some(property) = non_members.next_if(|n| n.position <= position) {
                    out.push(Declared::NonMember {
                        declared_in: cid,
                        level,
                        property,
                    });
                }
                if position < contract.members.len() {
                    if let Some(f) = rest.next_if(|f| f.level == level) {
                        out.push(Declared::Member(f));
                    }
                }
            }
            // A position past the end (a hand-built IR) still keeps the property.
            for property in non_members {
                out.push(Declared::NonMember {
                    declared_in: cid,
                    level,
                    property,
                });
            }
        }
        out
    }

    /// Contracts that derive (directly or not) from this one.
    pub fn derived(&self, id: ContractId) -> Vec<ContractId> {
        (0..self.contracts.len())
            .map(ContractId)
            .filter(|&c| c != id && self.levels(c).contains(&id))
            .collect()
    }

    /// The `[KnownType]`s DCS has in scope while it writes or reads a value of this contract:
    /// its own and its base classes' (DCS walks the base types), in that order, without repeats.
    pub fn scope_known_types(&self, id: ContractId) -> Vec<ContractId> {
        let mut out = Vec::new();
        for level in self.levels(id).into_iter().rev() {
            for &k in &self.contract(level).known_types {
                if !out.contains(&k) {
                    out.push(k);
                }
            }
        }
        out
    }

    /// The subtypes DCS writes in place of this contract wherever it is declared: the known
    /// types in its own scope that derive from it.
    pub fn known_subtypes(&self, id: ContractId) -> Vec<ContractId> {
        let derived = self.derived(id);
        self.scope_known_types(id)
            .into_iter()
            .filter(|k| derived.contains(k))
            .collect()
    }

    /// Whether a value declared as this contract is held as `Any<Name>`: some subtype is a
    /// `[KnownType]` somewhere, of the contract itself or of a contract that may contain it.
    pub fn is_polymorphic(&self, id: ContractId) -> bool {
        self.derived(id)
            .iter()
            .any(|d| self.contracts.iter().any(|c| c.known_types.contains(d)))
    }

    /// The subtypes an `Any<Name>` holds besides the contract itself: its known subtypes
    /// first, then every other subtype in the schema (which DCS writes only inside a contract
    /// that lists it as a known type).
    pub fn polymorphic_variants(&self, id: ContractId) -> Vec<(ContractId, Scope)> {
        let known = self.known_subtypes(id);
        let mut out: Vec<(ContractId, Scope)> =
            known.iter().map(|&k| (k, Scope::Everywhere)).collect();
        for d in self.derived(id) {
            if !known.contains(&d) {
                out.push((d, Scope::Contained));
            }
        }
        out
    }

    /// Whether a contract is the base of another one.
    pub fn is_base(&self, id: ContractId) -> bool {
        self.contracts.iter().any(|c| c.base == Some(id))
    }

    /// Whether a member of type `ty` in contract `owner` needs a `Box` in the Rust models (and
    /// in everything that builds them): its type is a contract that reaches `owner` again
    /// through members that are not collections, so that without a `Box` the struct would
    /// have no finite size. Collections and dictionaries are on the heap already.
    pub fn is_boxed(&self, ty: &Type, owner: ContractId) -> bool {
        matches!(ty, Type::Contract(target) if self.reaches(*target, owner, &mut Vec::new()))
    }

    /// Whether contract `from` reaches contract `to` through members that are not
    /// collections.
    fn reaches(&self, from: ContractId, to: ContractId, seen: &mut Vec<ContractId>) -> bool {
        if from == to {
            return true;
        }
        if seen.contains(&from) {
            return false;
        }
        seen.push(from);
        self.flattened(from).iter().any(|f| match &f.member.ty {
            Type::Contract(id) => self.reaches(*id, to, seen),
            _ => false,
        })
    }
}
