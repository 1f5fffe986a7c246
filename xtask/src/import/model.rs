//! What the importer infers: schema entries in a form close to the TOML it writes, plus the
//! report of what was inferred, guessed and left undecided.

use h2h_schema::ir::{self, Api, CollectionKind, Primitive};

use super::types::Ty;

/// The schema entries of one page.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// Contracts, bases before derived ones.
    pub contracts: Vec<MContract>,
    /// Enums.
    pub enums: Vec<MEnum>,
    /// The endpoint.
    pub endpoint: Option<MEndpoint>,
}

impl Model {
    /// A contract by namespace and name.
    pub fn contract(&self, ns: &str, name: &str) -> Option<&MContract> {
        self.contracts
            .iter()
            .find(|c| c.namespace == ns && c.name == name)
    }

    /// The inheritance chain of a contract in this model (root-most first), names only.
    pub fn chain(&self, ns: &str, name: &str) -> Vec<&MContract> {
        let mut out = Vec::new();
        let mut current = self.contract(ns, name);
        while let Some(c) = current {
            if out.len() > self.contracts.len() {
                break;
            }
            out.push(c);
            current = c
                .base
                .as_ref()
                .and_then(|(bns, bname)| self.contract(bns, bname));
        }
        out.reverse();
        out
    }
}

/// `[DataContract(Name, Namespace)]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MDataContract {
    /// Wire name when it differs from the class name.
    pub name: Option<String>,
    /// XML namespace when it is not the default one.
    pub namespace: Option<String>,
}

/// A contract.
#[derive(Debug, Clone, PartialEq)]
pub struct MContract {
    /// CLR name.
    pub name: String,
    /// CLR namespace.
    pub namespace: String,
    /// `[DataContract]`.
    pub data_contract: Option<MDataContract>,
    /// `[Serializable]`: its auto-properties' backing fields are on the wire.
    pub serializable: bool,
    /// Base class (namespace, name).
    pub base: Option<(String, String)>,
    /// Description.
    pub description: String,
    /// Members in declaration order.
    pub members: Vec<MMember>,
    /// Comments written above the entry (what was guessed).
    pub notes: Vec<String>,
    /// Already in the schema with the same content: not written again.
    pub reused: bool,
}

/// A member.
#[derive(Debug, Clone, PartialEq)]
pub struct MMember {
    /// CLR name (the wire name; see the report for `[DataMember(Name)]`).
    pub name: String,
    /// Type.
    pub ty: Ty,
    /// Description.
    pub description: String,
    /// Additional information.
    pub additional_information: Vec<String>,
    /// `new`.
    pub hides_base: bool,
    /// A secret.
    pub sensitive: bool,
    /// `[DataMember(Order)]`.
    pub order: Option<i64>,
    /// A property that is not read-write (in JSON, not in XML).
    pub access: Option<ir::Access>,
    /// A public field rather than a property.
    pub is_field: bool,
    /// What a get-only property's getter returns.
    pub returns: Option<ir::Literal>,
    /// A comment written above the member.
    pub note: Option<String>,
    /// `false`: a settable property without `[DataMember]` (`data_member = false`), which
    /// only the sample counter shows (a gap in the numbers).
    pub data_member: bool,
}

impl MMember {
    /// A settable property that is not a data member (`data_member = false`).
    pub fn not_member(name: String, ty: Ty, description: String) -> MMember {
        MMember {
            name,
            ty,
            description,
            additional_information: Vec::new(),
            hides_base: false,
            sensitive: false,
            order: None,
            access: None,
            is_field: false,
            returns: None,
            note: None,
            data_member: false,
        }
    }
}

/// An enum.
#[derive(Debug, Clone, PartialEq)]
pub struct MEnum {
    /// CLR name.
    pub name: String,
    /// CLR namespace.
    pub namespace: String,
    /// Description.
    pub description: String,
    /// Values (name, number).
    pub values: Vec<(String, i64)>,
    /// The values' descriptions (name, text), from the ResourceModel page.
    pub value_descriptions: Vec<(String, String)>,
    /// What is not documented.
    pub undocumented: Option<String>,
    /// Comments written above the entry.
    pub notes: Vec<String>,
    /// Already in the schema with every value seen here: not written again.
    pub reused: bool,
}

/// The endpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct MEndpoint {
    /// Method.
    pub method: String,
    /// Route.
    pub route: String,
    /// Summary.
    pub summary: String,
    /// URI parameters.
    pub uri_parameters: Vec<MUriParameter>,
    /// Request body type.
    pub request: Option<Ty>,
    /// Response body type.
    pub response: Option<Ty>,
    /// Request media types.
    pub request_formats: Vec<String>,
    /// Response media types.
    pub response_formats: Vec<String>,
    /// Samples, verbatim.
    pub samples: Vec<MSample>,
}

/// A URI parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct MUriParameter {
    /// Name.
    pub name: String,
    /// Type.
    pub ty: Ty,
    /// Description.
    pub description: String,
    /// Additional information.
    pub additional_information: Vec<String>,
}

/// A sample.
#[derive(Debug, Clone, PartialEq)]
pub struct MSample {
    /// `request` or `response`.
    pub direction: &'static str,
    /// Media types.
    pub media_types: Vec<String>,
    /// Text, verbatim.
    pub text: String,
}

/// One line of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Read from the tables or inferred with certainty from the samples.
    Inferred,
    /// A choice the page does not settle; the importer picked one.
    Guessed,
    /// The page contradicts itself or the importer cannot express it.
    Undecided,
    /// A difference with the existing schema.
    Conflict,
}

/// What the importer did and why.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Lines in the order found.
    pub lines: Vec<(Kind, String)>,
}

impl Report {
    /// Adds a line.
    pub fn add(&mut self, kind: Kind, line: impl Into<String>) {
        let line = line.into();
        if !self.lines.iter().any(|(k, l)| *k == kind && *l == line) {
            self.lines.push((kind, line));
        }
    }

    /// Lines of one kind.
    pub fn of(&self, kind: Kind) -> Vec<&str> {
        self.lines
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, l)| l.as_str())
            .collect()
    }
}

/// The importer's view of a type of the IR.
pub fn ty_of_ir(api: &Api, t: &ir::Type) -> Ty {
    match t {
        ir::Type::Primitive(p) => Ty::Prim(*p),
        ir::Type::Enum(id) => {
            let e = api.enumeration(*id);
            Ty::Enum(e.clr_namespace.clone(), e.clr_name.clone())
        }
        ir::Type::Contract(id) => {
            let c = api.contract(*id);
            Ty::Contract(c.clr_namespace.clone(), c.clr_name.clone())
        }
        ir::Type::Nullable(inner) => Ty::Nullable(Box::new(ty_of_ir(api, inner))),
        ir::Type::Collection(CollectionKind::List | CollectionKind::Array, inner) => {
            if **inner == ir::Type::Primitive(Primitive::Byte) {
                // `List<byte>`; `byte[]` is Primitive::Bytes.
                Ty::List(Box::new(Ty::Prim(Primitive::Byte)))
            } else {
                Ty::List(Box::new(ty_of_ir(api, inner)))
            }
        }
        ir::Type::Dictionary(k, v) => {
            Ty::Dict(Box::new(ty_of_ir(api, k)), Box::new(ty_of_ir(api, v)))
        }
    }
}

/// An existing schema contract in the importer's form.
pub fn contract_of_ir(api: &Api, id: ir::ContractId) -> MContract {
    let c = api.contract(id);
    let default_ns = dotnet_rules::namespaces::default_namespace(&c.clr_namespace);
    MContract {
        name: c.clr_name.clone(),
        namespace: c.clr_namespace.clone(),
        serializable: c.is_serializable,
        data_contract: c.is_data_contract.then(|| MDataContract {
            name: (c.xml_name != c.clr_name).then(|| c.xml_name.clone()),
            namespace: (c.xml_namespace != default_ns).then(|| c.xml_namespace.clone()),
        }),
        base: c.base.map(|b| {
            let b = api.contract(b);
            (b.clr_namespace.clone(), b.clr_name.clone())
        }),
        description: c.description.clone(),
        members: declared_members(api, c),
        notes: Vec::new(),
        reused: true,
    }
}

/// A contract's members and its properties without `[DataMember]`, in declaration order.
fn declared_members(api: &Api, c: &ir::Contract) -> Vec<MMember> {
    let mut out = Vec::new();
    let non_member = |out: &mut Vec<MMember>, position: usize| {
        for n in c.non_members.iter().filter(|n| n.position == position) {
            out.push(MMember::not_member(
                n.clr_name.clone(),
                ty_of_ir(api, &n.ty),
                n.description.clone(),
            ));
        }
    };
    for (position, m) in c.members.iter().enumerate() {
        non_member(&mut out, position);
        out.push(MMember {
            name: m.wire_name.clone(),
            ty: ty_of_ir(api, &m.ty),
            description: m.description.clone(),
            additional_information: m.additional_information.clone(),
            hides_base: m.hides_base,
            sensitive: m.sensitive,
            order: m.order.map(i64::from),
            access: m.access,
            is_field: m.is_field,
            returns: m.returns.clone(),
            note: None,
            data_member: true,
        });
    }
    non_member(&mut out, c.members.len());
    out
}

/// An existing schema enum in the importer's form.
pub fn enum_of_ir(e: &ir::Enum) -> MEnum {
    MEnum {
        name: e.clr_name.clone(),
        namespace: e.clr_namespace.clone(),
        description: e.description.clone(),
        values: e
            .values
            .iter()
            .map(|v| (v.clr_name.clone(), v.value))
            .collect(),
        undocumented: e.undocumented.clone(),
        value_descriptions: e
            .values
            .iter()
            .filter(|v| !v.description.is_empty())
            .map(|v| (v.clr_name.clone(), v.description.clone()))
            .collect(),
        notes: Vec::new(),
        reused: true,
    }
}
