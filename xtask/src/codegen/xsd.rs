//! IR → the XSD of the contracts as WCF's `XsdDataContractExporter` writes it
//! (`exports/xsd/<target>/<file per namespace>.xsd`, plus DCS's Serialization schema and, when
//! used, the Arrays and `System` ones).
//!
//! The exporter's oracle is `conformance/xsd/Export.cs` (Mono's copy of .NET Framework's
//! exporter, run on the generated C# contracts); `xtask/tests/xsd.rs` compares the two contract
//! by contract and validates every XML document the models write against these files.
//!
//! What the exporter does, and so what this emitter does:
//!
//! - It fills a data contract set (`DataContractSet.Add`): a type, then (a class) its base, its
//!   own level's members' types in DCS order and the `[KnownType]`s in its scope, (a
//!   collection) its item type, (a dictionary) its key and value types, depth first, each
//!   contract once; primitives are built in and not exported. The roots are every contract and
//!   enum of the target, by CLR full name (ordinal), as the oracle exports them.
//! - It then writes each contract, in that order, into the schema of its namespace: a
//!   `complexType` (a `sequence` of the level's members, a `complexContent/extension` of the
//!   base), a `simpleType` for an enum (an `xs:list` of it for `[Flags]`, with an
//!   `EnumerationValue` annotation where the value is not the index, or 2^index for flags),
//!   followed by its top-level element. A member is `minOccurs="0"` unless required
//!   (`IsRequired`, every field of a `[Serializable]` class) and `nillable="true"` when .NET can
//!   hold null there. A schema imports a namespace the first time it refers to it; a reference
//!   to a namespace other than its own, XML Schema's and DCS's (`ser`) declares a new
//!   `xmlns:qN` on the element that holds it.
//! - A class whose content model the schema compiler finds ambiguous (a base member and a
//!   more derived one of the same name with only optional members between them: a member
//!   hidden by `new`, `AuthResponse`'s `accessToken`) is refused, and so is every type whose
//!   contract set holds one. Here it gets the closest valid schema instead, annotated with what
//!   that schema cannot check (see [`Fix`]); a type refused only through another is written as
//!   the exporter writes it otherwise.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

use dotnet_rules::members::{dcs_order, ordinal_cmp};
use dotnet_rules::names::{array_of, encode_local_name, generic_name, KEY_VALUE_OF};
use dotnet_rules::namespaces::{ARRAYS, SERIALIZATION, SYSTEM, XSD};
use h2h_schema::ir::{member_rules, Api, ContractId, EnumId, Primitive, Type};

use super::{Target, COMMAND};

/// Folder of the generated XSD files, workspace-relative; every file in it is generated.
pub const OUT_DIR: &str = "exports/xsd";

/// The `NullableOf` prefix of `Nullable<T>`'s generic name (in [`SYSTEM`]).
const NULLABLE_OF: &str = "NullableOf";

/// Adds the XSD files of `target` to `out`.
pub fn generate(api: &Api, target: &Target, out: &mut BTreeMap<String, String>) {
    for (name, text) in files(api, target.schema_dir) {
        out.insert(format!("{OUT_DIR}/{}/{name}.xsd", target.name), text);
    }
}

/// The file name of a schema by its target namespace: the text after DCS's default prefix,
/// else after the scheme, with every character but ASCII letters, digits, `.`, `-` and `_` as
/// `_`; `Serialization` and `Arrays` for DCS's own. The oracle (`conformance/xsd/Export.cs`)
/// names its files by the same rule.
pub fn file_name(ns: &str) -> String {
    let name = if ns == SERIALIZATION {
        "Serialization"
    } else if ns == ARRAYS {
        "Arrays"
    } else if let Some(rest) = ns.strip_prefix(dotnet_rules::namespaces::DATACONTRACT_PREFIX) {
        rest
    } else {
        ns.find("://").map_or(ns, |i| &ns[i + 3..])
    };
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// A data contract of the exporter's set.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Dc {
    Class(ContractId),
    Enum(EnumId),
    /// `DateTimeOffset`: DCS's adapter, a value-type class of `System`.
    DateTimeOffset,
    /// `List<T>` or `T[]` of the item type.
    Collection(Type),
    /// `Dictionary<K, V>`.
    Dictionary(Type, Type),
}

/// A qualified name.
type QName = (String, String);

/// How a refused class is made valid.
#[derive(Debug, Clone, PartialEq)]
enum Fix {
    /// Still an extension of its base; these own members (indexes into the flattened members)
    /// are required, which tells the same-named members apart.
    RequiredOwn(Vec<usize>),
    /// One sequence of every level's members, no extension; these members are required.
    Flat(Vec<usize>),
}

/// A member as a particle of a content model.
#[derive(Debug, Clone)]
struct Particle {
    /// Index into the flattened members.
    index: usize,
    ns: String,
    name: String,
    optional: bool,
}

struct Exporter<'a> {
    api: &'a Api,
    md5: fn(&[u8]) -> [u8; 16],
}

fn md5(bytes: &[u8]) -> [u8; 16] {
    use md5::Digest;
    md5::Md5::digest(bytes).into()
}

/// DCS's name and namespace of a dictionary's item (`KeyValueOf{K}{V}` plus the digest of the
/// arguments' namespaces) and of the dictionary itself (`ArrayOf` + the item's), for the help
/// page exporter, which writes them whole.
pub(crate) fn dictionary_names(api: &Api, k: &Type, v: &Type) -> ((String, String), String) {
    let exporter = Exporter { api, md5 };
    let item = exporter.entry_qname(k, v);
    let array = array_of(&item.0);
    (item, array)
}

impl<'a> Exporter<'a> {
    /// The stable name of a type (the contract the exporter uses for it: `Nullable<T>` is `T`'s).
    fn qname(&self, ty: &Type) -> QName {
        match ty {
            Type::Nullable(inner) => self.qname(inner),
            other => self.raw_qname(other),
        }
    }

    /// The stable name of the CLR type itself (`Nullable<int>` is `NullableOfint` in
    /// `System`), as the names of generic types and collections use it.
    fn raw_qname(&self, ty: &Type) -> QName {
        match ty {
            Type::Primitive(p) => {
                let names = p.dcs_names();
                (names.name.to_owned(), names.namespace.to_owned())
            }
            Type::Enum(id) => {
                let e = self.api.enumeration(*id);
                (e.xml_name.clone(), e.xml_namespace.clone())
            }
            Type::Contract(id) => {
                let c = self.api.contract(*id);
                (c.xml_name.clone(), c.xml_namespace.clone())
            }
            Type::Nullable(inner) => {
                let (name, ns) = self.raw_qname(inner);
                (
                    generic_name(NULLABLE_OF, &[(&name, &ns)], self.md5),
                    SYSTEM.to_owned(),
                )
            }
            Type::Collection(_, item) => {
                let (name, ns) = self.raw_qname(item);
                (array_of(&name), collection_namespace(&ns))
            }
            Type::Dictionary(k, v) => {
                let (entry, _) = self.entry_qname(k, v);
                (array_of(&entry), ARRAYS.to_owned())
            }
        }
    }

    /// `KeyValueOf{K}{V}`, in the Arrays namespace.
    fn entry_qname(&self, k: &Type, v: &Type) -> QName {
        let (kn, kns) = self.raw_qname(k);
        let (vn, vns) = self.raw_qname(v);
        (
            generic_name(KEY_VALUE_OF, &[(&kn, &kns), (&vn, &vns)], self.md5),
            ARRAYS.to_owned(),
        )
    }

    /// The data contract of a member type, `None` for a built-in one.
    fn dc(&self, ty: &Type) -> Option<Dc> {
        match ty {
            Type::Primitive(Primitive::DateTimeOffset) => Some(Dc::DateTimeOffset),
            Type::Primitive(_) => None,
            Type::Nullable(inner) => self.dc(inner),
            Type::Enum(id) => Some(Dc::Enum(*id)),
            Type::Contract(id) => Some(Dc::Class(*id)),
            Type::Collection(_, item) => Some(Dc::Collection((**item).clone())),
            Type::Dictionary(k, v) => Some(Dc::Dictionary((**k).clone(), (**v).clone())),
        }
    }

    fn dc_qname(&self, dc: &Dc) -> QName {
        match dc {
            Dc::Class(id) => self.raw_qname(&Type::Contract(*id)),
            Dc::Enum(id) => self.raw_qname(&Type::Enum(*id)),
            Dc::DateTimeOffset => ("DateTimeOffset".to_owned(), SYSTEM.to_owned()),
            Dc::Collection(item) => self.raw_qname(&Type::Collection(
                h2h_schema::ir::CollectionKind::List,
                Box::new(item.clone()),
            )),
            Dc::Dictionary(k, v) => (array_of(&self.entry_qname(k, v).0), ARRAYS.to_owned()),
        }
    }

    /// The indexes (into `api.flattened(id)`) of the members `id` itself declares that DCS
    /// writes, in DCS order.
    fn own_members(&self, id: ContractId) -> Vec<usize> {
        let flat = self.api.flattened(id);
        dcs_order(&member_rules(&flat))
            .into_iter()
            .filter(|&i| flat[i].declared_in == id)
            .collect()
    }

    /// `DataContractSet.Add`, depth first, each contract once.
    fn add(&self, dc: Dc, set: &mut Vec<Dc>, seen: &mut HashSet<Dc>) {
        if !seen.insert(dc.clone()) {
            return;
        }
        set.push(dc.clone());
        match dc {
            Dc::Class(id) => {
                let c = self.api.contract(id);
                if let Some(base) = c.base {
                    self.add(Dc::Class(base), set, seen);
                }
                let flat = self.api.flattened(id);
                for i in self.own_members(id) {
                    if let Some(member) = self.dc(&flat[i].member.ty) {
                        self.add(member, set, seen);
                    }
                }
                for k in self.api.scope_known_types(id) {
                    self.add(Dc::Class(k), set, seen);
                }
            }
            Dc::Collection(item) => {
                if let Some(item) = self.dc(&item) {
                    self.add(item, set, seen);
                }
            }
            Dc::Dictionary(k, v) => {
                for t in [k, v] {
                    if let Some(t) = self.dc(&t) {
                        self.add(t, set, seen);
                    }
                }
            }
            Dc::Enum(_) | Dc::DateTimeOffset => {}
        }
    }

    /// A class's content model as the schema compiler sees it (every level's members, base
    /// level first), with the fixes of the bases applied when `fixes` is given.
    fn particles(&self, id: ContractId, fixes: Option<&HashMap<ContractId, Fix>>) -> Vec<Particle> {
        let flat = self.api.flattened(id);
        let mut out = Vec::new();
        for level in self.api.levels(id) {
            let c = self.api.contract(level);
            let level_flat = self.api.flattened(level);
            let fix = fixes.and_then(|f| f.get(&level));
            for i in self.own_members(level) {
                let m = level_flat[i].member;
                // The same member in `id`'s own flattening.
                let index = flat
                    .iter()
                    .position(|f| f.declared_in == level && std::ptr::eq(f.member, m))
                    .unwrap_or(i);
                let forced = match fix {
                    Some(Fix::RequiredOwn(list) | Fix::Flat(list)) => {
                        list.iter().any(|&j| std::ptr::eq(level_flat[j].member, m))
                    }
                    None => false,
                };
                out.push(Particle {
                    index,
                    ns: c.xml_namespace.clone(),
                    name: encode_local_name(&wire_name(c, m)),
                    optional: !(m.required || c.is_serializable || forced),
                });
            }
        }
        out
    }

    /// The fixes of every ambiguous class, base first.
    fn fixes(&self) -> HashMap<ContractId, Fix> {
        let mut fixes = HashMap::new();
        let mut ids: Vec<ContractId> = (0..self.api.contracts.len()).map(ContractId).collect();
        ids.sort_by_key(|&id| self.api.levels(id).len());
        for id in ids {
            let particles = self.particles(id, Some(&fixes));
            let conflicts = ambiguities(&particles);
            if conflicts.is_empty() {
                continue;
            }
            let flat = self.api.flattened(id);
            let own_start = particles
                .iter()
                .position(|p| flat[p.index].declared_in == id)
                .unwrap_or(particles.len());
            // Keep the extension: an own member written always (DCS writes every member
            // whose EmitDefaultValue is true) before the later one of each pair.
            let mut own = Vec::new();
            let mut possible = true;
            for &(_, j) in &conflicts {
                let candidates = own_start..j;
                if candidates
                    .clone()
                    .any(|k| !particles[k].optional || own.contains(&particles[k].index))
                {
                    continue;
                }
                match candidates
                    .clone()
                    .find(|&k| flat[particles[k].index].member.emit_default_value)
                {
                    Some(k) => own.push(particles[k].index),
                    None => possible = false,
                }
            }
            let fix = if possible && !own.is_empty() {
                Fix::RequiredOwn(own)
            } else {
                let mut required = Vec::new();
                for &(i, j) in &conflicts {
                    if (i..j).any(|k| required.contains(&particles[k].index)) {
                        continue;
                    }
                    if let Some(k) =
                        (i..j).find(|&k| flat[particles[k].index].member.emit_default_value)
                    {
                        required.push(particles[k].index);
                    }
                }
                Fix::Flat(required)
            };
            fixes.insert(id, fix);
        }
        fixes
    }
}

/// The pairs (i, j), i < j, of same-named particles with only optional ones in `[i, j)`: a
/// validator that meets the name there cannot tell which particle it is (Unique Particle
/// Attribution).
fn ambiguities(particles: &[Particle]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for j in 0..particles.len() {
        for i in (0..j).rev() {
            if particles[i].name == particles[j].name && particles[i].ns == particles[j].ns {
                out.push((i, j));
                break;
            }
            if !particles[i].optional {
                break;
            }
        }
    }
    out
}

/// A member's name on the wire (a `[Serializable]` class's auto-property already as its
/// backing field).
fn wire_name(_: &h2h_schema::ir::Contract, m: &h2h_schema::ir::Member) -> String {
    m.wire_name.clone()
}

/// `GetCollectionNamespace`: a collection of a built-in type is in the Arrays namespace, else
/// in its item's.
fn collection_namespace(item_ns: &str) -> String {
    if item_ns == XSD || item_ns == SERIALIZATION {
        ARRAYS.to_owned()
    } else {
        item_ns.to_owned()
    }
}

/// One schema document being written.
struct Schema {
    ns: String,
    imports: Vec<String>,
    ser: bool,
    body: String,
    prefixes: usize,
}

impl Schema {
    fn new(ns: &str) -> Schema {
        Schema {
            ns: ns.to_owned(),
            imports: Vec::new(),
            ser: false,
            body: String::new(),
            prefixes: 0,
        }
    }

    /// `SchemaHelper.AddSchemaImport`.
    fn import(&mut self, ns: &str) {
        if ns != self.ns && ns != XSD && !ns.is_empty() && !self.imports.iter().any(|i| i == ns) {
            self.imports.push(ns.to_owned());
        }
    }

    /// `SetElementType`'s bookkeeping for a type of `ns`.
    fn refer(&mut self, ns: &str) {
        if ns == SERIALIZATION {
            self.ser = true;
        }
        self.import(ns);
    }

    /// An attribute holding a qualified name (`type="…"`, `base="…"`), with the `xmlns:qN`
    /// declaration before it that the writer adds for a namespace without a prefix.
    fn qname_attribute(&mut self, attribute: &str, (name, ns): &QName) -> String {
        let prefix = if ns == XSD {
            "xs".to_owned()
        } else if *ns == self.ns {
            "tns".to_owned()
        } else if ns == SERIALIZATION && self.ser {
            "ser".to_owned()
        } else {
            self.prefixes += 1;
            let p = format!("q{}", self.prefixes);
            let decl = format!("xmlns:{p}=\"{}\" ", escape(ns));
            return format!("{decl}{attribute}=\"{p}:{}\"", escape(name));
        };
        format!("{attribute}=\"{prefix}:{}\"", escape(name))
    }

    fn text(&self, header: &str) -> String {
        let mut s = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        s.push_str(header);
        s.push_str("<xs:schema ");
        if self.ser {
            let _ = write!(s, "xmlns:ser=\"{SERIALIZATION}\" ");
        }
        let ns = escape(&self.ns);
        let _ = writeln!(
            s,
            "xmlns:tns=\"{ns}\" elementFormDefault=\"qualified\" targetNamespace=\"{ns}\" xmlns:xs=\"{XSD}\">"
        );
        for import in &self.imports {
            let _ = writeln!(s, "  <xs:import namespace=\"{}\" />", escape(import));
        }
        s.push_str(&self.body);
        s.push_str("</xs:schema>\n");
        s
    }
}

/// An XML element's start tag attributes for a member or item element.
struct ElementAttrs<'s> {
    min_zero: bool,
    unbounded: bool,
    name: &'s str,
    nillable: bool,
}

impl<'a> Exporter<'a> {
    fn element(
        &self,
        schema: &mut Schema,
        attrs: &ElementAttrs<'_>,
        ty: &QName,
        indent: &str,
        annotation: Option<&str>,
    ) {
        schema.refer(&ty.1);
        let mut s = format!("{indent}<xs:element ");
        if attrs.min_zero {
            s.push_str("minOccurs=\"0\" ");
        }
        if attrs.unbounded {
            s.push_str("maxOccurs=\"unbounded\" ");
        }
        let _ = write!(s, "name=\"{}\" ", escape(attrs.name));
        if attrs.nillable {
            s.push_str("nillable=\"true\" ");
        }
        s.push_str(&schema.qname_attribute("type", ty));
        match annotation {
            None => s.push_str(" />\n"),
            Some(inner) => {
                s.push_str(">\n");
                s.push_str(inner);
                let _ = writeln!(s, "{indent}</xs:element>");
            }
        }
        schema.body.push_str(&s);
    }

    fn export(&self, dc: &Dc, fixes: &HashMap<ContractId, Fix>, schemas: &mut Vec<Schema>) {
        let (name, ns) = self.dc_qname(dc);
        let at = match schemas.iter().position(|s| s.ns == ns) {
            Some(at) => at,
            None => {
                schemas.push(Schema::new(&ns));
                schemas.len() - 1
            }
        };
        let schema = &mut schemas[at];
        match dc {
            Dc::Class(id) => self.export_class(*id, fixes.get(id), schema),
            Dc::DateTimeOffset => {
                let _ = writeln!(schema.body, "  <xs:complexType name=\"{name}\">");
                schema
                    .body
                    .push_str(&app_info("    ", "IsValueType", "true"));
                schema.import(SERIALIZATION);
                schema.body.push_str("    <xs:sequence>\n");
                let members = [(Primitive::DateTime, 0), (Primitive::Int16, 1)];
                for (p, i) in members {
                    let attrs = ElementAttrs {
                        min_zero: false,
                        unbounded: false,
                        name: dotnet_rules::primitives::DATE_TIME_OFFSET_MEMBERS[i],
                        nillable: false,
                    };
                    self.element(
                        schema,
                        &attrs,
                        &self.qname(&Type::Primitive(p)),
                        "      ",
                        None,
                    );
                }
                schema
                    .body
                    .push_str("    </xs:sequence>\n  </xs:complexType>\n");
            }
            Dc::Enum(id) => self.export_enum(*id, schema),
            Dc::Collection(item) => {
                let _ = writeln!(schema.body, "  <xs:complexType name=\"{}\">", escape(&name));
                schema.body.push_str("    <xs:sequence>\n");
                let item_name = self.qname(item).0;
                let attrs = ElementAttrs {
                    min_zero: true,
                    unbounded: true,
                    name: &item_name,
                    nillable: item.is_nullable(),
                };
                self.element(schema, &attrs, &self.qname(item), "      ", None);
                schema
                    .body
                    .push_str("    </xs:sequence>\n  </xs:complexType>\n");
            }
            Dc::Dictionary(k, v) => {
                let _ = writeln!(schema.body, "  <xs:complexType name=\"{}\">", escape(&name));
                schema
                    .body
                    .push_str(&app_info("    ", "IsDictionary", "true"));
                schema.body.push_str("    <xs:sequence>\n");
                let entry = self.entry_qname(k, v).0;
                let _ = writeln!(
                    schema.body,
                    "      <xs:element minOccurs=\"0\" maxOccurs=\"unbounded\" name=\"{}\">\n        <xs:complexType>\n          <xs:sequence>",
                    escape(&entry)
                );
                for (member, ty) in [("Key", k), ("Value", v)] {
                    let attrs = ElementAttrs {
                        min_zero: false,
                        unbounded: false,
                        name: member,
                        nillable: ty.is_nullable(),
                    };
                    self.element(schema, &attrs, &self.qname(ty), "            ", None);
                }
                schema.body.push_str(
                    "          </xs:sequence>\n        </xs:complexType>\n      </xs:element>\n    </xs:sequence>\n  </xs:complexType>\n",
                );
            }
        }
        // `ExportTopLevelElement`.
        let attrs = ElementAttrs {
            min_zero: false,
            unbounded: false,
            name: &name,
            nillable: true,
        };
        self.element(schema, &attrs, &(name.clone(), ns.clone()), "  ", None);
    }

    fn export_enum(&self, id: EnumId, schema: &mut Schema) {
        let e = self.api.enumeration(id);
        let _ = writeln!(
            schema.body,
            "  <xs:simpleType name=\"{}\">",
            escape(&e.xml_name)
        );
        let indent = if e.flags {
            schema
                .body
                .push_str("    <xs:list>\n      <xs:simpleType>\n");
            "        "
        } else {
            "    "
        };
        let values: Vec<_> = e
            .values
            .iter()
            .filter_map(|v| v.xml_text.as_deref().map(|t| (t, v.value)))
            .collect();
        if values.is_empty() {
            let _ = writeln!(schema.body, "{indent}<xs:restriction base=\"xs:string\" />");
        } else {
            let _ = writeln!(schema.body, "{indent}<xs:restriction base=\"xs:string\">");
            for (i, (text, value)) in values.iter().enumerate() {
                let default = if e.flags {
                    1i64.checked_shl(i as u32).unwrap_or(0)
                } else {
                    i as i64
                };
                if *value == default {
                    let _ = writeln!(
                        schema.body,
                        "{indent}  <xs:enumeration value=\"{}\" />",
                        escape(text)
                    );
                } else {
                    let _ = writeln!(
                        schema.body,
                        "{indent}  <xs:enumeration value=\"{}\">",
                        escape(text)
                    );
                    schema.body.push_str(&app_info(
                        &format!("{indent}    "),
                        "EnumerationValue",
                        &value.to_string(),
                    ));
                    schema.import(SERIALIZATION);
                    let _ = writeln!(schema.body, "{indent}  </xs:enumeration>");
                }
            }
            let _ = writeln!(schema.body, "{indent}</xs:restriction>");
        }
        if e.flags {
            schema
                .body
                .push_str("      </xs:simpleType>\n    </xs:list>\n");
        }
        schema.body.push_str("  </xs:simpleType>\n");
    }

    fn export_class(&self, id: ContractId, fix: Option<&Fix>, schema: &mut Schema) {
        let c = self.api.contract(id);
        let flat = self.api.flattened(id);
        let _ = writeln!(
            schema.body,
            "  <xs:complexType name=\"{}\">",
            escape(&c.xml_name)
        );
        if let Some(fix) = fix {
            let text = self.fix_documentation(id, fix);
            let _ = write!(
                schema.body,
                "    <xs:annotation>\n      <xs:documentation>{}</xs:documentation>\n    </xs:annotation>\n",
                escape(&text)
            );
        }
        let (members, required, base) = match fix {
            Some(Fix::Flat(required)) => {
                let all = dcs_order(&member_rules(&flat));
                (all, required.clone(), None)
            }
            Some(Fix::RequiredOwn(required)) => (self.own_members(id), required.clone(), c.base),
            None => (self.own_members(id), Vec::new(), c.base),
        };
        // The members go into the sequence first (their imports come before the base's).
        let indent = if base.is_some() {
            "          "
        } else {
            "      "
        };
        let mut sequence = String::new();
        let body = std::mem::take(&mut schema.body);
        for &i in &members {
            let f = &flat[i];
            let level = self.api.contract(f.declared_in);
            let m = f.member;
            let name = encode_local_name(&wire_name(level, m));
            let attrs = ElementAttrs {
                min_zero: !(m.required || level.is_serializable || required.contains(&i)),
                unbounded: false,
                name: &name,
                nillable: m.ty.is_nullable(),
            };
            let annotation = (!m.emit_default_value).then(|| {
                format!(
                    "{indent}  <xs:annotation>\n{indent}    <xs:appinfo>\n{indent}      <DefaultValue EmitDefaultValue=\"false\" xmlns=\"{SERIALIZATION}\" />\n{indent}    </xs:appinfo>\n{indent}  </xs:annotation>\n"
                )
            });
            self.element(
                schema,
                &attrs,
                &self.qname(&m.ty),
                indent,
                annotation.as_deref(),
            );
        }
        std::mem::swap(&mut sequence, &mut schema.body);
        schema.body = body;
        let sequence = if members.is_empty() {
            format!("{}<xs:sequence />\n", &indent[2..])
        } else {
            format!(
                "{0}<xs:sequence>\n{sequence}{0}</xs:sequence>\n",
                &indent[2..]
            )
        };
        match base {
            Some(b) => {
                let qname = self.raw_qname(&Type::Contract(b));
                schema.import(&qname.1);
                let attribute = schema.qname_attribute("base", &qname);
                let _ = write!(
                    schema.body,
                    "    <xs:complexContent mixed=\"false\">\n      <xs:extension {attribute}>\n{sequence}      </xs:extension>\n    </xs:complexContent>\n"
                );
            }
            None => schema.body.push_str(&sequence),
        }
        schema.body.push_str("  </xs:complexType>\n");
    }

    /// What a fixed class's schema says about itself.
    fn fix_documentation(&self, id: ContractId, fix: &Fix) -> String {
        let c = self.api.contract(id);
        let flat = self.api.flattened(id);
        let particles = self.particles(id, None);
        let pairs: Vec<String> = ambiguities(&particles)
            .iter()
            .map(|&(i, j)| {
                let (a, b) = (&flat[particles[i].index], &flat[particles[j].index]);
                format!(
                    "{}'s {} and {}'s {}",
                    self.api.contract(a.declared_in).clr_name,
                    particles[i].name,
                    self.api.contract(b.declared_in).clr_name,
                    particles[j].name
                )
            })
            .collect();
        let names = |list: &[usize]| -> String {
            list.iter()
                .map(|&i| {
                    let f = &flat[i];
                    format!(
                        "{}'s {}",
                        self.api.contract(f.declared_in).clr_name,
                        f.member.wire_name
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut s = format!(
            "XsdDataContractExporter refuses {}: {} make the content model ambiguous. This is the closest valid schema: ",
            c.clr_name,
            pairs.join("; ")
        );
        match fix {
            Fix::RequiredOwn(list) => {
                let _ = write!(
                    s,
                    "{} is required here (DataContractSerializer always writes it), which tells the members of the same name apart. It cannot check: a body without it, which DataContractSerializer reads, is invalid here.",
                    names(list)
                );
            }
            Fix::Flat(list) => {
                let base = c
                    .base
                    .map(|b| self.api.contract(b).clr_name.clone())
                    .unwrap_or_default();
                let _ = write!(
                    s,
                    "the members of every level in one sequence, not an extension of {base}, with {} required (DataContractSerializer always writes it). It cannot check: a body without it, which DataContractSerializer reads, is invalid here, and a body with one of the members of the same name has it validated as the first, whichever DataContractSerializer reads it as; an xsi:type of {} where a {base} is declared is invalid here.",
                    names(list),
                    c.clr_name
                );
            }
        }
        s
    }
}

/// `<xs:annotation><xs:appinfo><Name xmlns="Serialization">text</Name>…`.
fn app_info(indent: &str, name: &str, text: &str) -> String {
    format!(
        "{indent}<xs:annotation>\n{indent}  <xs:appinfo>\n{indent}    <{name} xmlns=\"{SERIALIZATION}\">{text}</{name}>\n{indent}  </xs:appinfo>\n{indent}</xs:annotation>\n"
    )
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// DCS's Serialization schema (`ExportSerializationSchema`), as the exporter writes it.
const SERIALIZATION_SCHEMA: &str = r#"<xs:schema xmlns:tns="http://schemas.microsoft.com/2003/10/Serialization/" attributeFormDefault="qualified" elementFormDefault="qualified" targetNamespace="http://schemas.microsoft.com/2003/10/Serialization/" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="anyType" nillable="true" type="xs:anyType" />
  <xs:element name="anyURI" nillable="true" type="xs:anyURI" />
  <xs:element name="base64Binary" nillable="true" type="xs:base64Binary" />
  <xs:element name="boolean" nillable="true" type="xs:boolean" />
  <xs:element name="byte" nillable="true" type="xs:byte" />
  <xs:element name="dateTime" nillable="true" type="xs:dateTime" />
  <xs:element name="decimal" nillable="true" type="xs:decimal" />
  <xs:element name="double" nillable="true" type="xs:double" />
  <xs:element name="float" nillable="true" type="xs:float" />
  <xs:element name="int" nillable="true" type="xs:int" />
  <xs:element name="long" nillable="true" type="xs:long" />
  <xs:element name="QName" nillable="true" type="xs:QName" />
  <xs:element name="short" nillable="true" type="xs:short" />
  <xs:element name="string" nillable="true" type="xs:string" />
  <xs:element name="unsignedByte" nillable="true" type="xs:unsignedByte" />
  <xs:element name="unsignedInt" nillable="true" type="xs:unsignedInt" />
  <xs:element name="unsignedLong" nillable="true" type="xs:unsignedLong" />
  <xs:element name="unsignedShort" nillable="true" type="xs:unsignedShort" />
  <xs:element name="char" nillable="true" type="tns:char" />
  <xs:simpleType name="char">
    <xs:restriction base="xs:int" />
  </xs:simpleType>
  <xs:element name="duration" nillable="true" type="tns:duration" />
  <xs:simpleType name="duration">
    <xs:restriction base="xs:duration">
      <xs:pattern value="\-?P(\d*D)?(T(\d*H)?(\d*M)?(\d*(\.\d*)?S)?)?" />
      <xs:minInclusive value="-P10675199DT2H48M5.4775808S" />
      <xs:maxInclusive value="P10675199DT2H48M5.4775807S" />
    </xs:restriction>
  </xs:simpleType>
  <xs:element name="guid" nillable="true" type="tns:guid" />
  <xs:simpleType name="guid">
    <xs:restriction base="xs:string">
      <xs:pattern value="[\da-fA-F]{8}-[\da-fA-F]{4}-[\da-fA-F]{4}-[\da-fA-F]{4}-[\da-fA-F]{12}" />
    </xs:restriction>
  </xs:simpleType>
  <xs:attribute name="FactoryType" type="xs:QName" />
  <xs:attribute name="Id" type="xs:ID" />
  <xs:attribute name="Ref" type="xs:IDREF" />
</xs:schema>
"#;

/// The files of one target: file name (without `.xsd`) → text.
fn files(api: &Api, schema_dir: &str) -> Vec<(String, String)> {
    let exporter = Exporter { api, md5 };
    let fixes = exporter.fixes();
    // Every contract and enum, by CLR full name; those the exporter accepts first, as the
    // oracle exports them together, then the refused ones.
    let mut roots: Vec<(String, Dc)> = api
        .contracts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                format!("{}.{}", c.clr_namespace, c.clr_name),
                Dc::Class(ContractId(i)),
            )
        })
        .chain(api.enums.iter().enumerate().map(|(i, e)| {
            (
                format!("{}.{}", e.clr_namespace, e.clr_name),
                Dc::Enum(EnumId(i)),
            )
        }))
        .collect();
    roots.sort_by(|a, b| ordinal_cmp(&a.0, &b.0));
    let refused = |dc: &Dc| {
        let (mut set, mut seen) = (Vec::new(), HashSet::new());
        exporter.add(dc.clone(), &mut set, &mut seen);
        set.iter()
            .any(|d| matches!(d, Dc::Class(id) if fixes.contains_key(id)))
    };
    let (accepted, rejected): (Vec<_>, Vec<_>) =
        roots.into_iter().partition(|(_, dc)| !refused(dc));
    let (mut set, mut seen) = (Vec::new(), HashSet::new());
    for (_, dc) in accepted.into_iter().chain(rejected) {
        exporter.add(dc, &mut set, &mut seen);
    }
    let mut schemas = Vec::new();
    for dc in &set {
        exporter.export(dc, &fixes, &mut schemas);
    }
    let header = format!(
        "<!-- @generated by `{COMMAND}` from {schema_dir}: the contracts' schema as WCF's XsdDataContractExporter writes it. Do not edit by hand. -->\n"
    );
    let mut out = vec![(
        file_name(SERIALIZATION),
        format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{header}{SERIALIZATION_SCHEMA}"),
    )];
    for schema in &schemas {
        out.push((file_name(&schema.ns), schema.text(&header)));
    }
    out
}
