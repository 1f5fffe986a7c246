//! From schema files to the IR: parse, resolve names, check every rule, and report every
//! problem at once.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use toml::Spanned;

use dotnet_rules::namespaces::default_namespace;

use crate::ast;
use crate::diagnostic::{Diagnostics, ErrorKind, Sink, SourceFile};
use crate::ir::{self, Api, CollectionKind, ContractId, EnumId, Primitive, Type};
use crate::naming;
use crate::type_expr::{self, TypeExpr};

/// Reads and validates schema sources into the IR.
pub fn lower(files: &[SourceFile]) -> Result<Api, Diagnostics> {
    let mut sink = Sink::default();
    let mut parsed = Vec::new();
    for (index, file) in files.iter().enumerate() {
        if let Some(ast) = parse_file(file, &mut sink) {
            parsed.push((index, ast));
        }
    }
    let api = Lowering::new(files, &parsed, &mut sink).run();
    if sink.has_errors() {
        Err(sink.finish())
    } else {
        Ok(api)
    }
}

/// Parses one file; unknown keys are reported at their own position and otherwise ignored.
fn parse_file(file: &SourceFile, sink: &mut Sink) -> Option<ast::File> {
    let tree = match toml::de::DeTable::parse(&file.text) {
        Ok(tree) => tree,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            sink.error(file, span, ErrorKind::Syntax, e.message().to_owned(), None);
            return None;
        }
    };
    let mut unknown = Vec::new();
    let deserializer = match toml::de::Deserializer::parse(&file.text) {
        Ok(d) => d,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            sink.error(file, span, ErrorKind::Syntax, e.message().to_owned(), None);
            return None;
        }
    };
    let result: Result<ast::File, _> =
        serde_ignored::deserialize(deserializer, |path| unknown.push(path_segments(&path)));
    for segments in unknown {
        let span = key_span(tree.get_ref(), &segments).unwrap_or(0..0);
        let key = segments.last().cloned().unwrap_or_default();
        sink.error(
            file,
            span,
            ErrorKind::UnknownKey,
            format!("unknown key `{key}` in `{}`", table_path(&segments)),
            Some("see schema/schema.json for the keys each table takes; check the spelling".into()),
        );
    }
    match result {
        Ok(file) => Some(file),
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            sink.error(file, span, ErrorKind::Syntax, e.message().to_owned(), None);
            None
        }
    }
}

#[derive(Debug, Clone)]
enum Segment {
    Key(String),
    Index(usize),
}

impl Segment {
    fn key(&self) -> Option<&str> {
        match self {
            Segment::Key(k) => Some(k),
            Segment::Index(_) => None,
        }
    }
}

impl Default for Segment {
    fn default() -> Self {
        Segment::Key(String::new())
    }
}

impl std::fmt::Display for Segment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Segment::Key(k) => f.write_str(k),
            Segment::Index(i) => write!(f, "[{i}]"),
        }
    }
}

fn path_segments(path: &serde_ignored::Path<'_>) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut current = Some(path);
    while let Some(p) = current {
        current = match p {
            serde_ignored::Path::Root => None,
            serde_ignored::Path::Seq { parent, index } => {
                out.push(Segment::Index(*index));
                Some(*parent)
            }
            serde_ignored::Path::Map { parent, key } => {
                out.push(Segment::Key(key.clone()));
                Some(*parent)
            }
            serde_ignored::Path::Some { parent }
            | serde_ignored::Path::NewtypeStruct { parent }
            | serde_ignored::Path::NewtypeVariant { parent } => Some(*parent),
        };
    }
    out.reverse();
    out
}

fn table_path(segments: &[Segment]) -> String {
    let parent = &segments[..segments.len().saturating_sub(1)];
    if parent.is_empty() {
        return "the file's top level".into();
    }
    let mut s = String::new();
    for seg in parent {
        match seg {
            Segment::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Segment::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// Finds the span of the key a path ends in.
fn key_span(root: &toml::de::DeTable<'_>, segments: &[Segment]) -> Option<Range<usize>> {
    let (last, parents) = segments.split_last()?;
    let mut table = root;
    let mut iter = parents.iter().peekable();
    while let Some(seg) = iter.next() {
        let key = seg.key()?;
        let value = table.iter().find(|(k, _)| k.get_ref() == key)?.1;
        let mut value = value.get_ref();
        while let Some(Segment::Index(i)) = iter.peek() {
            match value {
                toml::de::DeValue::Array(items) => value = items.get(*i)?.get_ref(),
                _ => return None,
            }
            iter.next();
        }
        match value {
            toml::de::DeValue::Table(t) => table = t,
            _ => return None,
        }
    }
    let key = last.key()?;
    table
        .iter()
        .find(|(k, _)| k.get_ref() == key)
        .map(|(k, _)| k.span())
}

/// A declared contract or enum before resolution.
#[derive(Clone, Copy)]
enum Decl<'a> {
    Contract(usize, &'a ast::Contract),
    Enum(usize, &'a ast::Enum),
}

struct Lowering<'a> {
    files: &'a [SourceFile],
    parsed: &'a [(usize, ast::File)],
    sink: &'a mut Sink,
    /// (CLR namespace, name) → declaration, in sorted order.
    decls: BTreeMap<(String, String), Decl<'a>>,
    contract_ids: HashMap<(String, String), ContractId>,
    enum_ids: HashMap<(String, String), EnumId>,
}

fn clr_namespace_of<'a>(file: &'a ast::File, own: &'a Option<ast::S>) -> Option<&'a ast::S> {
    own.as_ref().or(file.namespace.as_ref())
}

impl<'a> Lowering<'a> {
    fn new(files: &'a [SourceFile], parsed: &'a [(usize, ast::File)], sink: &'a mut Sink) -> Self {
        Lowering {
            files,
            parsed,
            sink,
            decls: BTreeMap::new(),
            contract_ids: HashMap::new(),
            enum_ids: HashMap::new(),
        }
    }

    fn error(
        &mut self,
        file: usize,
        span: Range<usize>,
        kind: ErrorKind,
        message: impl Into<String>,
        hint: impl Into<Option<String>>,
    ) {
        self.sink
            .error(&self.files[file], span, kind, message, hint.into());
    }

    fn origin(&self, file: usize, span: &Range<usize>) -> ir::Origin {
        let source = &self.files[file];
        ir::Origin {
            path: source.path.clone(),
            line: source.line_col(span.start).0,
        }
    }

    fn run(mut self) -> Api {
        self.declare();
        let contracts = self.lower_contracts();
        let enums = self.lower_enums();
        let endpoints = self.lower_endpoints();
        let mut api = Api {
            contracts,
            enums,
            endpoints,
        };
        self.check_inheritance(&mut api);
        self.check_non_member_names(&api);
        self.check_rust_names(&api);
        api
    }

    /// Collects every contract and enum under its namespace and name.
    fn declare(&mut self) {
        let parsed = self.parsed;
        for (file_index, file) in parsed {
            if let Some(ns) = &file.namespace {
                self.check_clr_namespace(*file_index, ns);
            }
            let decls = file
                .contracts
                .iter()
                .enumerate()
                .map(|(i, c)| (&c.name, &c.namespace, Decl::Contract(i, c)))
                .chain(
                    file.enums
                        .iter()
                        .enumerate()
                        .map(|(i, e)| (&e.name, &e.namespace, Decl::Enum(i, e))),
                );
            for (name, own_ns, decl) in decls {
                if let Some(ns) = own_ns {
                    self.check_clr_namespace(*file_index, ns);
                }
                let Some(ns) = clr_namespace_of(file, own_ns) else {
                    self.error(
                        *file_index,
                        name.span(),
                        ErrorKind::BadNamespace,
                        format!("`{}` has no CLR namespace", name.get_ref()),
                        "set `namespace` at the top of the file or on the item".to_owned(),
                    );
                    continue;
                };
                if !is_clr_identifier(name.get_ref()) {
                    self.error(
                        *file_index,
                        name.span(),
                        ErrorKind::InvalidValue,
                        format!("`{}` is not a valid C# type name", name.get_ref()),
                        None,
                    );
                }
                let key = (ns.get_ref().clone(), name.get_ref().clone());
                if self.decls.contains_key(&key) {
                    self.error(
                        *file_index,
                        name.span(),
                        ErrorKind::DuplicateContract,
                        format!(
                            "`{}` is declared twice in namespace `{}`",
                            name.get_ref(),
                            ns.get_ref()
                        ),
                        "contracts and enums of one namespace need distinct names".to_owned(),
                    );
                    continue;
                }
                self.decls.insert(key, decl_with_file(decl, *file_index));
            }
        }
        let mut contract_count = 0;
        let mut enum_count = 0;
        for (key, decl) in &self.decls {
            match decl {
                Decl::Contract(..) => {
                    self.contract_ids
                        .insert(key.clone(), ContractId(contract_count));
                    contract_count += 1;
                }
                Decl::Enum(..) => {
                    self.enum_ids.insert(key.clone(), EnumId(enum_count));
                    enum_count += 1;
                }
            }
        }
    }

    fn check_clr_namespace(&mut self, file: usize, ns: &ast::S) {
        let ok = !ns.get_ref().is_empty() && ns.get_ref().split('.').all(is_clr_identifier);
        if !ok {
            self.error(
                file,
                ns.span(),
                ErrorKind::BadNamespace,
                format!("`{}` is not a CLR namespace", ns.get_ref()),
                "a CLR namespace is dotted C# identifiers, like `Cebes.DI.H2H.Api.Models`; an XML namespace URI goes in `data_contract.namespace`".to_owned(),
            );
        }
    }

    fn check_xml_namespace(&mut self, file: usize, ns: &ast::S) {
        if !is_absolute_uri(ns.get_ref()) {
            self.error(
                file,
                ns.span(),
                ErrorKind::BadNamespace,
                format!("`{}` is not an absolute URI", ns.get_ref()),
                "DataContract namespaces are URIs such as `http://example.com/contracts` or `urn:example:contracts`".to_owned(),
            );
        }
    }

    fn lower_contracts(&mut self) -> Vec<ir::Contract> {
        let decls: Vec<_> = self
            .decls
            .iter()
            .filter_map(|(k, d)| match d {
                Decl::Contract(file, c) => Some((k.clone(), *file, *c)),
                Decl::Enum(..) => None,
            })
            .collect();
        let mut out = Vec::new();
        for ((ns, name), file, c) in decls {
            let rust_name = self.rust_type_name(file, name.as_str(), c.rust_name.as_ref());
            let (xml_name, xml_namespace) = match &c.data_contract {
                Some(dc) => {
                    if let Some(n) = &dc.namespace {
                        self.check_xml_namespace(file, n);
                    }
                    (
                        dc.name
                            .as_ref()
                            .map_or(name.clone(), |n| n.get_ref().clone()),
                        dc.namespace
                            .as_ref()
                            .map_or_else(|| default_namespace(&ns), |n| n.get_ref().clone()),
                    )
                }
                None => (name.clone(), default_namespace(&ns)),
            };
            let base = c.base.as_ref().and_then(|b| {
                let found = self.resolve_name(file, &ns, b.get_ref(), b.span());
                match found {
                    Some(Resolved::Contract(id)) => Some(id),
                    Some(Resolved::Enum(_)) => {
                        self.error(
                            file,
                            b.span(),
                            ErrorKind::UnknownBase,
                            format!("base `{}` is an enum, not a contract", b.get_ref()),
                            None,
                        );
                        None
                    }
                    None => {
                        self.error(
                            file,
                            b.span(),
                            ErrorKind::UnknownBase,
                            format!("unknown base contract `{}`", b.get_ref()),
                            "declare the base class as a `[[contract]]` too".to_owned(),
                        );
                        None
                    }
                }
            });
            if c.serializable && c.data_contract.is_some() {
                self.error(
                    file,
                    c.name.span(),
                    ErrorKind::InvalidValue,
                    format!("`{name}` is both `serializable` and a `data_contract`"),
                    "[DataContract] takes precedence in DCS: remove `serializable`".to_owned(),
                );
            }
            let known_types = c
                .known_types
                .iter()
                .filter_map(
                    |k| match self.resolve_name(file, &ns, k.get_ref(), k.span()) {
                        Some(Resolved::Contract(id)) => Some(id),
                        _ => {
                            self.error(
                                file,
                                k.span(),
                                ErrorKind::UnknownType,
                                format!("unknown known type `{}`", k.get_ref()),
                                "known types must be contracts declared in the schema".to_owned(),
                            );
                            None
                        }
                    },
                )
                .collect();
            let mut members = Vec::new();
            let mut non_members = Vec::new();
            let mut seen: HashMap<String, Range<usize>> = HashMap::new();
            for m in &c.members {
                if seen
                    .insert(m.name.get_ref().clone(), m.name.span())
                    .is_some()
                {
                    self.error(
                        file,
                        m.name.span(),
                        ErrorKind::DuplicateMember,
                        format!(
                            "member `{}` is declared twice in `{name}`",
                            m.name.get_ref()
                        ),
                        "one class level cannot declare two members with one name".to_owned(),
                    );
                    continue;
                }
                if m.data_member.as_ref().is_some_and(|d| !*d.get_ref()) {
                    if let Some(property) =
                        self.lower_non_member(file, &ns, c.data_contract.is_some(), m)
                    {
                        non_members.push(ir::NonMember {
                            position: members.len(),
                            ..property
                        });
                    }
                    continue;
                }
                let mut member = self.lower_member(file, &ns, c.data_contract.is_some(), m);
                if c.serializable && !member.is_field {
                    member.wire_name = dotnet_rules::names::backing_field(&member.clr_name);
                }
                members.push(member);
            }
            let wire_names: Vec<_> = c
                .members
                .iter()
                .filter(|m| m.data_member.as_ref().is_none_or(|d| *d.get_ref()))
                .map(|m| (m.wire_name.as_ref().unwrap_or(&m.name), m))
                .collect();
            for (i, (wire, _)) in wire_names.iter().enumerate() {
                if wire_names[..i]
                    .iter()
                    .any(|(other, _)| other.get_ref() == wire.get_ref())
                    && c.members
                        .iter()
                        .filter(|m| m.name.get_ref() == wire.get_ref())
                        .count()
                        < 2
                {
                    self.error(
                        file,
                        wire.span(),
                        ErrorKind::DuplicateMember,
                        format!(
                            "two members of `{name}` use the wire name `{}`",
                            wire.get_ref()
                        ),
                        "DataContract rejects duplicate member names in one level".to_owned(),
                    );
                }
            }
            out.push(ir::Contract {
                clr_name: name.clone(),
                clr_namespace: ns.clone(),
                rust_name,
                xml_name,
                xml_namespace,
                is_data_contract: c.data_contract.is_some(),
                is_serializable: c.serializable,
                base,
                known_types,
                description: c.description.trim().to_owned(),
                members,
                non_members,
                origin: self.origin(file, &c.name.span()),
            });
        }
        out
    }

    /// A `data_member = false` property: only on a `[DataContract]` class, and with nothing
    /// but its name, type and description.
    fn lower_non_member(
        &mut self,
        file: usize,
        ns: &str,
        data_contract: bool,
        m: &ast::Member,
    ) -> Option<ir::NonMember> {
        let name = m.name.get_ref();
        let mut ok = true;
        if !data_contract {
            let span = m
                .data_member
                .as_ref()
                .map_or_else(|| m.name.span(), Spanned::span);
            self.error(
                file,
                span,
                ErrorKind::NotMemberNotApplicable,
                format!("`data_member = false` on member `{name}` of a plain class"),
                "every public property of a plain class is on the wire: add a `data_contract` table to the contract (the class has [DataContract]), or remove `data_member = false`".to_owned(),
            );
            ok = false;
        }
        let settings: [(&str, Option<Range<usize>>); 11] = [
            ("wire_name", m.wire_name.as_ref().map(Spanned::span)),
            ("order", m.order.as_ref().map(Spanned::span)),
            ("required", m.required.as_ref().map(Spanned::span)),
            (
                "emit_default_value",
                m.emit_default_value.as_ref().map(Spanned::span),
            ),
            ("access", m.access.as_ref().map(Spanned::span)),
            ("returns", m.returns.as_ref().map(Spanned::span)),
            ("rust_name", m.rust_name.as_ref().map(Spanned::span)),
            ("new", m.hides_base.as_ref().map(Spanned::span)),
            ("sensitive", m.sensitive.then(|| m.name.span())),
            ("field", m.field.then(|| m.name.span())),
            (
                "additional_information",
                (!m.additional_information.is_empty()).then(|| m.name.span()),
            ),
        ];
        for (key, span) in settings {
            if let Some(span) = span {
                self.error(
                    file,
                    span,
                    ErrorKind::NotMemberNotApplicable,
                    format!("`{key}` on `{name}`, which is not a data member (`data_member = false`)"),
                    "a property without [DataMember] is on neither wire, has no Rust field and no help page row: give it only `name`, `type` and `description`, or make it a data member".to_owned(),
                );
                ok = false;
            }
        }
        if !is_clr_identifier(name) {
            self.error(
                file,
                m.name.span(),
                ErrorKind::InvalidValue,
                format!("`{name}` is not a valid C# member name"),
                None,
            );
            ok = false;
        }
        let ty = self.resolve_type(file, ns, &m.ty);
        Some(ir::NonMember {
            clr_name: name.clone(),
            ty: ty.filter(|_| ok)?,
            description: m.description.trim().to_owned(),
            position: 0,
        })
    }

    fn lower_member(
        &mut self,
        file: usize,
        ns: &str,
        data_contract: bool,
        m: &ast::Member,
    ) -> ir::Member {
        if !data_contract {
            let settings: [(&str, Option<Range<usize>>); 4] = [
                ("wire_name", m.wire_name.as_ref().map(Spanned::span)),
                ("order", m.order.as_ref().map(Spanned::span)),
                ("required", m.required.as_ref().map(Spanned::span)),
                (
                    "emit_default_value",
                    m.emit_default_value.as_ref().map(Spanned::span),
                ),
            ];
            for (key, span) in settings {
                if let Some(span) = span {
                    self.error(
                        file,
                        span,
                        ErrorKind::DataMemberOnPlainClass,
                        format!("`{key}` on member `{}` of a plain class", m.name.get_ref()),
                        "DataMember settings need `[DataMember]`, which needs `[DataContract]`: add a `data_contract` table to the contract, or remove the setting".to_owned(),
                    );
                }
            }
        }
        if let Some(access) = &m.access {
            let problem = if data_contract {
                Some((
                    "a member of a [DataContract] class",
                    "in a [DataContract] class only [DataMember]s are on the wire, and both serializers set a [DataMember] through a private setter: remove `access`, and leave a get-only property without [DataMember] out of the schema",
                ))
            } else if m.field {
                Some((
                    "a field",
                    "a field has no accessors: remove `access`, or `field = true` if this is a property",
                ))
            } else {
                None
            };
            if let Some((what, hint)) = problem {
                self.error(
                    file,
                    access.span(),
                    ErrorKind::AccessNotApplicable,
                    format!("`access` on member `{}`, {what}", m.name.get_ref()),
                    hint.to_owned(),
                );
            }
        }
        if !is_clr_identifier(m.name.get_ref()) {
            self.error(
                file,
                m.name.span(),
                ErrorKind::InvalidValue,
                format!("`{}` is not a valid C# member name", m.name.get_ref()),
                None,
            );
        }
        let order = m
            .order
            .as_ref()
            .and_then(|o| match i32::try_from(*o.get_ref()) {
                Ok(v) if v >= 0 => Some(v),
                _ => {
                    self.error(
                        file,
                        o.span(),
                        ErrorKind::InvalidValue,
                        format!("order {} is out of range", o.get_ref()),
                        "DataMember Order is a non-negative 32-bit integer".to_owned(),
                    );
                    None
                }
            });
        let ty = self
            .resolve_type(file, ns, &m.ty)
            .unwrap_or(Type::Primitive(Primitive::String));
        let rust_name = match &m.rust_name {
            Some(r) => {
                self.check_identifier(file, r);
                r.get_ref().clone()
            }
            None => naming::snake_case(m.name.get_ref()),
        };
        let returns = m.returns.as_ref().and_then(|r| {
            let get_only = m.access.as_ref().map(|a| *a.get_ref()) == Some(ir::Access::GetOnly);
            if !get_only {
                self.error(
                    file,
                    r.span(),
                    ErrorKind::AccessNotApplicable,
                    format!(
                        "`returns` on member `{}`, which is not get-only",
                        m.name.get_ref()
                    ),
                    "`returns` is the constant a getter returns: add `access = \"get_only\"`, or remove it".to_owned(),
                );
                return None;
            }
            match literal_fits(r.get_ref(), &ty) {
                Ok(()) => Some(r.get_ref().clone()),
                Err(why) => {
                    self.error(
                        file,
                        r.span(),
                        ErrorKind::InvalidValue,
                        format!("`returns` of member `{}`: {why}", m.name.get_ref()),
                        "a getter constant is a string (for string or char), an integer in the type's range, or a boolean".to_owned(),
                    );
                    None
                }
            }
        });
        ir::Member {
            clr_name: m.name.get_ref().clone(),
            wire_name: m
                .wire_name
                .as_ref()
                .map_or_else(|| m.name.get_ref().clone(), |w| w.get_ref().clone()),
            rust_name,
            ty,
            description: m.description.trim().to_owned(),
            additional_information: m.additional_information.clone(),
            order,
            required: m.required.as_ref().is_some_and(|r| *r.get_ref()),
            emit_default_value: m.emit_default_value.as_ref().is_none_or(|e| *e.get_ref()),
            hides_base: m.hides_base.as_ref().is_some_and(|h| *h.get_ref()),
            sensitive: m.sensitive,
            is_field: m.field,
            access: m.access.as_ref().map(|a| *a.get_ref()),
            returns,
        }
    }

    fn check_identifier(&mut self, file: usize, name: &ast::S) {
        if !naming::is_identifier(name.get_ref()) {
            self.error(
                file,
                name.span(),
                ErrorKind::InvalidValue,
                format!("`{}` is not a Rust identifier", name.get_ref()),
                "use ASCII letters, digits and `_`, not starting with a digit, and not a keyword"
                    .to_owned(),
            );
        }
    }

    fn rust_type_name(&mut self, file: usize, clr: &str, over: Option<&ast::S>) -> String {
        match over {
            Some(r) => {
                self.check_identifier(file, r);
                r.get_ref().clone()
            }
            None => naming::pascal_case(clr),
        }
    }

    fn lower_enums(&mut self) -> Vec<ir::Enum> {
        let decls: Vec<_> = self
            .decls
            .iter()
            .filter_map(|(k, d)| match d {
                Decl::Enum(file, e) => Some((k.clone(), *file, *e)),
                Decl::Contract(..) => None,
            })
            .collect();
        let mut out = Vec::new();
        for ((ns, name), file, e) in decls {
            let rust_name = self.rust_type_name(file, &name, e.rust_name.as_ref());
            let (xml_name, xml_namespace) = match &e.data_contract {
                Some(dc) => {
                    if let Some(n) = &dc.namespace {
                        self.check_xml_namespace(file, n);
                    }
                    (
                        dc.name
                            .as_ref()
                            .map_or(name.clone(), |n| n.get_ref().clone()),
                        dc.namespace
                            .as_ref()
                            .map_or_else(|| default_namespace(&ns), |n| n.get_ref().clone()),
                    )
                }
                None => (name.clone(), default_namespace(&ns)),
            };
            let mut values: Vec<ir::EnumValue> = Vec::new();
            for v in &e.values {
                if values.iter().any(|o| &o.clr_name == v.name.get_ref()) {
                    self.error(
                        file,
                        v.name.span(),
                        ErrorKind::DuplicateEnumValue,
                        format!("enum `{name}` declares `{}` twice", v.name.get_ref()),
                        None,
                    );
                    continue;
                }
                if let Some(other) = values.iter().find(|o| o.value == *v.value.get_ref()) {
                    let message = format!(
                        "enum `{name}`: `{}` has the value {} of `{}`",
                        v.name.get_ref(),
                        v.value.get_ref(),
                        other.clr_name
                    );
                    self.error(
                        file,
                        v.value.span(),
                        ErrorKind::DuplicateEnumValue,
                        message,
                        "aliases make the wire name of a value ambiguous; keep one name per value"
                            .to_owned(),
                    );
                    continue;
                }
                if i32::try_from(*v.value.get_ref()).is_err() {
                    self.error(
                        file,
                        v.value.span(),
                        ErrorKind::InvalidValue,
                        format!("enum value {} does not fit in `int`", v.value.get_ref()),
                        "only `int`-based enums are supported".to_owned(),
                    );
                }
                if v.enum_member.is_some() && e.data_contract.is_none() {
                    self.error(
                        file,
                        v.name.span(),
                        ErrorKind::DataMemberOnPlainClass,
                        format!("`enum_member` on `{}` of an enum without `[DataContract]`", v.name.get_ref()),
                        "DCS reads `[EnumMember]` only in `[DataContract]` enums: add a `data_contract` table or remove `enum_member`".to_owned(),
                    );
                }
                let rust_name = match &v.rust_name {
                    Some(r) => {
                        self.check_identifier(file, r);
                        r.get_ref().clone()
                    }
                    None => naming::pascal_case(v.name.get_ref()),
                };
                values.push(ir::EnumValue {
                    clr_name: v.name.get_ref().clone(),
                    rust_name,
                    value: *v.value.get_ref(),
                    xml_text: if e.data_contract.is_some() {
                        v.enum_member.as_ref().map(|m| m.get_ref().clone())
                    } else {
                        Some(v.name.get_ref().clone())
                    },
                    description: v.description.trim().to_owned(),
                });
            }
            let mut rust_names: HashMap<&str, &str> = HashMap::new();
            let mut clashes = Vec::new();
            for v in &values {
                if let Some(other) = rust_names.insert(&v.rust_name, &v.clr_name) {
                    clashes.push(format!(
                        "enum `{name}`: `{}` and `{other}` both become the Rust variant `{}`",
                        v.clr_name, v.rust_name
                    ));
                }
            }
            for message in clashes {
                self.error(
                    file,
                    e.name.span(),
                    ErrorKind::RustNameClash,
                    message,
                    "set `rust_name` on one of them".to_owned(),
                );
            }
            out.push(ir::Enum {
                clr_name: name.clone(),
                clr_namespace: ns.clone(),
                rust_name,
                xml_name,
                xml_namespace,
                flags: e.flags,
                is_data_contract: e.data_contract.is_some(),
                undocumented: e.undocumented.as_ref().map(|s| s.trim().to_owned()),
                description: e.description.trim().to_owned(),
                values,
                origin: self.origin(file, &e.name.span()),
            });
        }
        out
    }

    fn lower_endpoints(&mut self) -> Vec<ir::Endpoint> {
        let parsed = self.parsed;
        let mut out: Vec<(ir::Endpoint, usize, Range<usize>)> = Vec::new();
        for (file, f) in parsed {
            let file = *file;
            let ns = f.namespace.as_ref().map_or("", |n| n.get_ref().as_str());
            for e in &f.endpoints {
                let method = e.method.get_ref().clone();
                if !["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]
                    .contains(&method.as_str())
                {
                    self.error(
                        file,
                        e.method.span(),
                        ErrorKind::InvalidValue,
                        format!("`{method}` is not an HTTP method"),
                        "use GET, POST, PUT, DELETE, PATCH, HEAD or OPTIONS, upper case".to_owned(),
                    );
                }
                let request = e
                    .request
                    .as_ref()
                    .and_then(|t| self.resolve_type(file, ns, t));
                let response = e
                    .response
                    .as_ref()
                    .and_then(|t| self.resolve_type(file, ns, t));
                let uri_parameters = e
                    .uri_parameters
                    .iter()
                    .map(|p| ir::UriParameter {
                        name: p.name.get_ref().clone(),
                        ty: self
                            .resolve_type(file, ns, &p.ty)
                            .unwrap_or(Type::Primitive(Primitive::String)),
                        description: p.description.trim().to_owned(),
                        additional_information: p.additional_information.clone(),
                    })
                    .collect();
                let samples = e
                    .samples
                    .iter()
                    .filter_map(|s| {
                        let direction = match s.direction.get_ref().as_str() {
                            "request" => ir::Direction::Request,
                            "response" => ir::Direction::Response,
                            other => {
                                self.error(
                                    file,
                                    s.direction.span(),
                                    ErrorKind::InvalidValue,
                                    format!("sample direction `{other}`"),
                                    "a sample's direction is `request` or `response`".to_owned(),
                                );
                                return None;
                            }
                        };
                        Some(ir::Sample {
                            direction,
                            media_types: s.media_types.clone(),
                            text: s.text.clone(),
                        })
                    })
                    .collect();
                let rust_name = naming::pascal_case(&format!(
                    "{}_{}",
                    method.to_lowercase(),
                    e.route
                        .get_ref()
                        .replace(['/', '{', '}', '?', '=', '&'], "_")
                ));
                out.push((
                    ir::Endpoint {
                        method,
                        route: e.route.get_ref().clone(),
                        rust_name,
                        summary: e.summary.trim().to_owned(),
                        uri_parameters,
                        request,
                        response,
                        request_formats: e.request_formats.clone(),
                        response_formats: e.response_formats.clone(),
                        samples,
                    },
                    file,
                    e.route.span(),
                ));
            }
        }
        out.sort_by(|a, b| (&a.0.route, &a.0.method).cmp(&(&b.0.route, &b.0.method)));
        for i in 1..out.len() {
            if out[i].0.rust_name == out[i - 1].0.rust_name {
                let (e, file, span) = (&out[i].0, out[i].1, out[i].2.clone());
                let message = format!(
                    "endpoint `{} {}` is declared twice (or its Rust name `{}` clashes)",
                    e.method, e.route, e.rust_name
                );
                self.error(file, span, ErrorKind::RustNameClash, message, None);
            }
        }
        out.into_iter().map(|(e, ..)| e).collect()
    }

    fn resolve_name(
        &mut self,
        _file: usize,
        ns: &str,
        name: &str,
        _span: Range<usize>,
    ) -> Option<Resolved> {
        let lookup = |this: &Self, key: &(String, String)| {
            this.contract_ids
                .get(key)
                .map(|&id| Resolved::Contract(id))
                .or_else(|| this.enum_ids.get(key).map(|&id| Resolved::Enum(id)))
        };
        if let Some((qualifier, last)) = name.rsplit_once('.') {
            return lookup(self, &(qualifier.to_owned(), last.to_owned()));
        }
        if let Some(found) = lookup(self, &(ns.to_owned(), name.to_owned())) {
            return Some(found);
        }
        let matches: Vec<_> = self
            .decls
            .keys()
            .filter(|(_, n)| n == name)
            .cloned()
            .collect();
        match matches.as_slice() {
            [only] => lookup(self, only),
            _ => None,
        }
    }

    /// Resolves a member or body type; reports unknown names and syntax errors at their spot.
    fn resolve_type(&mut self, file: usize, ns: &str, text: &ast::S) -> Option<Type> {
        // The span covers the quotes; positions inside the expression start one byte later.
        let base = text.span().start + 1;
        match type_expr::parse(text.get_ref()) {
            Ok(expr) => self.resolve_expr(file, ns, &expr, base),
            Err(e) => {
                let at = base + e.offset;
                self.error(
                    file,
                    at..at,
                    ErrorKind::BadTypeExpression,
                    format!("bad type `{}`: {}", text.get_ref(), e.message),
                    "write types as in C#: `string`, `int?`, `List<Item>`, `byte[]`, `Dictionary<string, int>`".to_owned(),
                );
                None
            }
        }
    }

    fn resolve_expr(
        &mut self,
        file: usize,
        ns: &str,
        expr: &TypeExpr,
        base: usize,
    ) -> Option<Type> {
        match expr {
            TypeExpr::Nullable(inner) => {
                let inner_resolved = self.resolve_expr(file, ns, inner, base)?;
                let at = match &**inner {
                    TypeExpr::Named { span, .. } => base + span.start,
                    _ => base,
                };
                Some(self.nullable_of(file, inner_resolved, at))
            }
            TypeExpr::Array(inner) => {
                if matches!(&**inner, TypeExpr::Named { name, args, .. } if args.is_empty() && (name == "byte" || name == "Byte" || name == "System.Byte"))
                {
                    return Some(Type::Primitive(Primitive::Bytes));
                }
                let inner = self.resolve_expr(file, ns, inner, base)?;
                Some(Type::Collection(CollectionKind::Array, Box::new(inner)))
            }
            TypeExpr::Named { name, args, span } => {
                let at = base + span.start..base + span.end;
                let generic = |this: &mut Self, arity: usize| {
                    if args.len() != arity {
                        this.error(
                            file,
                            at.clone(),
                            ErrorKind::BadTypeExpression,
                            format!(
                                "`{name}` takes {arity} type argument(s), found {}",
                                args.len()
                            ),
                            "write `Nullable<T>`, `List<T>` or `Dictionary<K, V>`".to_owned(),
                        );
                        return None;
                    }
                    args.iter()
                        .map(|a| this.resolve_expr(file, ns, a, base))
                        .collect::<Option<Vec<_>>>()
                };
                let short = name
                    .strip_prefix("System.Collections.Generic.")
                    .or_else(|| name.strip_prefix("System."))
                    .unwrap_or(name);
                match short {
                    "Nullable" => {
                        let mut a = generic(self, 1)?;
                        let inner = a.pop()?;
                        return Some(self.nullable_of(file, inner, at.start));
                    }
                    "List"
                    | "IList"
                    | "IEnumerable"
                    | "ICollection"
                    | "IReadOnlyList"
                    | "IReadOnlyCollection" => {
                        let mut a = generic(self, 1)?;
                        return Some(Type::Collection(CollectionKind::List, Box::new(a.pop()?)));
                    }
                    "Dictionary" | "IDictionary" | "IReadOnlyDictionary" => {
                        let mut a = generic(self, 2)?;
                        let v = a.pop()?;
                        let k = a.pop()?;
                        // Json.NET writes a key as an object's property name; the models read
                        // and write the names of these key types.
                        let key_ok = matches!(
                            k,
                            Type::Primitive(
                                Primitive::String
                                    | Primitive::SByte
                                    | Primitive::Byte
                                    | Primitive::Int16
                                    | Primitive::UInt16
                                    | Primitive::Int32
                                    | Primitive::UInt32
                                    | Primitive::Int64
                                    | Primitive::UInt64
                                    | Primitive::Guid
                            )
                        );
                        if !key_ok {
                            self.error(
                                file,
                                at,
                                ErrorKind::UnsupportedType,
                                format!("the key type of `{name}` is not supported"),
                                "a dictionary key is a string, an integer type or Guid: the models write and read Json.NET's property names for those".to_owned(),
                            );
                            return None;
                        }
                        return Some(Type::Dictionary(Box::new(k), Box::new(v)));
                    }
                    _ => {}
                }
                if !args.is_empty() {
                    self.error(
                        file,
                        at,
                        ErrorKind::UnknownType,
                        format!("unknown generic type `{name}`"),
                        "supported generics: Nullable<T>, List<T>, Dictionary<K, V>".to_owned(),
                    );
                    return None;
                }
                if let Some(p) = primitive(short) {
                    return Some(Type::Primitive(p));
                }
                match self.resolve_name(file, ns, name, at.clone()) {
                    Some(Resolved::Contract(id)) => Some(Type::Contract(id)),
                    Some(Resolved::Enum(id)) => Some(Type::Enum(id)),
                    None => {
                        let candidates: Vec<_> = self
                            .decls
                            .keys()
                            .filter(|(_, n)| n == name)
                            .map(|(ns, n)| format!("{ns}.{n}"))
                            .collect();
                        let hint = if candidates.len() > 1 {
                            format!("ambiguous: qualify it as one of {}", candidates.join(", "))
                        } else {
                            "use a built-in type (string, int, decimal, DateTime, ...) or declare a `[[contract]]` or `[[enum]]` of that name".to_owned()
                        };
                        self.error(
                            file,
                            at,
                            ErrorKind::UnknownType,
                            format!("unknown type `{name}`"),
                            hint,
                        );
                        None
                    }
                }
            }
        }
    }

    fn nullable_of(&mut self, file: usize, inner: Type, at: usize) -> Type {
        let is_value_type = match &inner {
            Type::Primitive(p) => !p.is_reference(),
            Type::Enum(_) => true,
            _ => false,
        };
        if !is_value_type {
            self.error(
                file,
                at..at,
                ErrorKind::BadTypeExpression,
                "`Nullable<T>` / `T?` needs a value type".to_owned(),
                "reference types (string, Uri, byte[], contracts, collections) are nullable already".to_owned(),
            );
            return inner;
        }
        Type::Nullable(Box::new(inner))
    }

    /// Base cycles, `new` rules, and hidden names across levels.
    fn check_inheritance(&mut self, api: &mut Api) {
        let n = api.contracts.len();
        // Cycles: walk each chain; a chain longer than the number of contracts loops.
        let in_cycle: Vec<bool> = (0..n)
            .map(|start| {
                let mut seen = vec![start];
                let mut current = start;
                while let Some(base) = api.contracts[current].base {
                    if base.0 == start {
                        return true;
                    }
                    if seen.contains(&base.0) {
                        return false;
                    }
                    seen.push(base.0);
                    current = base.0;
                }
                false
            })
            .collect();
        let cycles: Vec<usize> = (0..n).filter(|&i| in_cycle[i]).collect();
        for &i in &cycles {
            let c = &api.contracts[i];
            let (file, span) = self.locate_contract(&c.clr_namespace, &c.clr_name, |c| {
                c.base.as_ref().map(Spanned::span)
            });
            let message = format!("base cycle: `{}` derives from itself", c.clr_name);
            self.error(
                file,
                span,
                ErrorKind::BaseCycle,
                message,
                "a class hierarchy must end in a class with no `base`".to_owned(),
            );
        }
        for &i in &cycles {
            api.contracts[i].base = None;
        }
        for i in 0..n {
            let id = ContractId(i);
            let levels = api.levels(id);
            let bases = &levels[..levels.len() - 1];
            let c = &api.contracts[i];
            for (mi, m) in c.members.iter().enumerate() {
                let in_base = bases.iter().any(|b| {
                    api.contract(*b)
                        .members
                        .iter()
                        .any(|bm| bm.clr_name == m.clr_name)
                });
                if m.hides_base && !in_base {
                    let (file, span) =
                        self.locate_member(c, mi, |m| m.hides_base.as_ref().map(Spanned::span));
                    let message = format!(
                        "`{}.{}` is marked `new` but no base class has a member `{}`",
                        c.clr_name, m.clr_name, m.clr_name
                    );
                    self.error(
                        file,
                        span,
                        ErrorKind::NewWithoutBaseMember,
                        message,
                        "remove `new = true`, or fix the name or the base".to_owned(),
                    );
                }
                if !m.hides_base && in_base {
                    let (file, span) = self.locate_member(c, mi, |m| Some(m.name.span()));
                    let message = format!(
                        "`{}.{}` has the name of a base member but is not marked `new`",
                        c.clr_name, m.clr_name
                    );
                    self.error(file, span, ErrorKind::HidesWithoutNew, message, "add `new = true` if the class hides the base member (C# `new`), or rename it".to_owned());
                }
            }
        }
    }

    /// A property without `[DataMember]` must not share its name with a member or property
    /// of another level: hiding it (or by it) would change what reflection, and so the
    /// sample generator, sees, which the schema does not model.
    fn check_non_member_names(&mut self, api: &Api) {
        for i in 0..api.contracts.len() {
            let id = ContractId(i);
            let c = &api.contracts[i];
            let levels = api.levels(id);
            for n in &c.non_members {
                let clash = levels.iter().filter(|&&l| l != id).find(|&&l| {
                    let other = api.contract(l);
                    other.members.iter().any(|m| m.clr_name == n.clr_name)
                        || other.non_members.iter().any(|o| o.clr_name == n.clr_name)
                });
                let derived_clash = api.derived(id).into_iter().find(|&d| {
                    let other = api.contract(d);
                    other.members.iter().any(|m| m.clr_name == n.clr_name)
                });
                let Some(other) = clash.copied().or(derived_clash) else {
                    continue;
                };
                let (file, span) = self.locate_contract(&c.clr_namespace, &c.clr_name, |ac| {
                    ac.members
                        .iter()
                        .find(|m| *m.name.get_ref() == n.clr_name)
                        .map(|m| m.name.span())
                });
                let message = format!(
                    "`{}.{}` is not a data member and `{}` has a member of the same name",
                    c.clr_name,
                    n.clr_name,
                    api.contract(other).clr_name
                );
                self.error(
                    file,
                    span,
                    ErrorKind::NotMemberNotApplicable,
                    message,
                    "a property without [DataMember] cannot hide or be hidden by another level's member: rename one of them".to_owned(),
                );
            }
        }
    }

    fn locate_contract(
        &self,
        ns: &str,
        name: &str,
        pick: impl Fn(&ast::Contract) -> Option<Range<usize>>,
    ) -> (usize, Range<usize>) {
        match self.decls.get(&(ns.to_owned(), name.to_owned())) {
            Some(Decl::Contract(file, c)) => (*file, pick(c).unwrap_or_else(|| c.name.span())),
            _ => (0, 0..0),
        }
    }

    fn locate_member(
        &self,
        c: &ir::Contract,
        index: usize,
        pick: impl Fn(&ast::Member) -> Option<Range<usize>>,
    ) -> (usize, Range<usize>) {
        let name = &c.members[index].clr_name;
        match self
            .decls
            .get(&(c.clr_namespace.clone(), c.clr_name.clone()))
        {
            Some(Decl::Contract(file, ac)) => {
                let m = ac.members.iter().find(|m| m.name.get_ref() == name);
                (
                    *file,
                    m.and_then(&pick)
                        .or_else(|| m.map(|m| m.name.span()))
                        .unwrap_or_else(|| ac.name.span()),
                )
            }
            _ => (0, 0..0),
        }
    }

    /// Rust names must be unique: types across the crate, fields within a flattened struct.
    fn check_rust_names(&mut self, api: &Api) {
        let mut types: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
        let items = api
            .contracts
            .iter()
            .map(|c| (&c.rust_name, &c.clr_namespace, &c.clr_name))
            .chain(
                api.enums
                    .iter()
                    .map(|e| (&e.rust_name, &e.clr_namespace, &e.clr_name)),
            );
        let mut clashes = Vec::new();
        for (rust, ns, clr) in items {
            if let Some((other_ns, other)) = types.insert(rust, (ns, clr)) {
                clashes.push((
                    ns.clone(),
                    clr.clone(),
                    format!(
                        "`{ns}.{clr}` and `{other_ns}.{other}` both become the Rust type `{rust}`"
                    ),
                ));
            }
        }
        for (ns, clr, message) in clashes {
            let (file, span) =
                self.locate_contract(&ns, &clr, |c| c.rust_name.as_ref().map(Spanned::span));
            let (file, span) = if span == (0..0) {
                self.locate_enum(&ns, &clr)
            } else {
                (file, span)
            };
            self.error(
                file,
                span,
                ErrorKind::RustNameClash,
                message,
                "set `rust_name` on one of them".to_owned(),
            );
        }
        for (i, c) in api.contracts.iter().enumerate() {
            let mut fields: HashMap<String, String> = HashMap::new();
            for flat in api.flattened(ContractId(i)) {
                let field = crate::field_name(&flat);
                if let Some(other) = fields.insert(field.clone(), flat.member.clr_name.clone()) {
                    // The same CLR name twice is a hidden member, reported by `check_inheritance`.
                    if other != flat.member.clr_name {
                        let message = format!("in `{}`, members `{other}` and `{}` both become the Rust field `{field}`", c.clr_name, flat.member.clr_name);
                        let (file, span) =
                            self.locate_contract(&c.clr_namespace, &c.clr_name, |_| None);
                        self.error(
                            file,
                            span,
                            ErrorKind::RustNameClash,
                            message,
                            "set `rust_name` on one of the members".to_owned(),
                        );
                    }
                }
            }
        }
    }

    fn locate_enum(&self, ns: &str, name: &str) -> (usize, Range<usize>) {
        match self.decls.get(&(ns.to_owned(), name.to_owned())) {
            Some(Decl::Enum(file, e)) => (
                *file,
                e.rust_name
                    .as_ref()
                    .map_or_else(|| e.name.span(), Spanned::span),
            ),
            _ => (0, 0..0),
        }
    }
}

fn decl_with_file(decl: Decl<'_>, file: usize) -> Decl<'_> {
    match decl {
        Decl::Contract(_, c) => Decl::Contract(file, c),
        Decl::Enum(_, e) => Decl::Enum(file, e),
    }
}

enum Resolved {
    Contract(ContractId),
    Enum(EnumId),
}

fn primitive(name: &str) -> Option<Primitive> {
    Some(match name {
        "string" | "String" => Primitive::String,
        "bool" | "Boolean" => Primitive::Bool,
        "char" | "Char" => Primitive::Char,
        "byte" | "Byte" => Primitive::Byte,
        "sbyte" | "SByte" => Primitive::SByte,
        "short" | "Int16" => Primitive::Int16,
        "ushort" | "UInt16" => Primitive::UInt16,
        "int" | "Int32" => Primitive::Int32,
        "uint" | "UInt32" => Primitive::UInt32,
        "long" | "Int64" => Primitive::Int64,
        "ulong" | "UInt64" => Primitive::UInt64,
        "decimal" | "Decimal" => Primitive::Decimal,
        "double" | "Double" => Primitive::Double,
        "float" | "Single" => Primitive::Single,
        "DateTime" => Primitive::DateTime,
        "DateTimeOffset" => Primitive::DateTimeOffset,
        "TimeSpan" => Primitive::TimeSpan,
        "Guid" => Primitive::Guid,
        "Uri" => Primitive::Uri,
        "object" | "Object" => Primitive::Object,
        _ => return None,
    })
}

fn is_clr_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}

/// `scheme:rest` with an RFC 3986 scheme and no whitespace.
fn is_absolute_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !rest.is_empty()
        && !s.chars().any(char::is_whitespace)
}

/// Whether a getter constant can be a value of `ty` (or of the type inside `Nullable<T>`).
fn literal_fits(literal: &ast::Literal, ty: &Type) -> Result<(), String> {
    let Type::Primitive(p) = ty.non_nullable() else {
        return Err("only a string, char, bool or integer member can have one".to_owned());
    };
    let range: Option<(i128, i128)> = match p {
        Primitive::SByte => Some((i8::MIN.into(), i8::MAX.into())),
        Primitive::Byte => Some((u8::MIN.into(), u8::MAX.into())),
        Primitive::Int16 => Some((i16::MIN.into(), i16::MAX.into())),
        Primitive::UInt16 => Some((u16::MIN.into(), u16::MAX.into())),
        Primitive::Int32 => Some((i32::MIN.into(), i32::MAX.into())),
        Primitive::UInt32 => Some((u32::MIN.into(), u32::MAX.into())),
        Primitive::Int64 => Some((i64::MIN.into(), i64::MAX.into())),
        Primitive::UInt64 => Some((u64::MIN.into(), u64::MAX.into())),
        _ => None,
    };
    match (literal, p, range) {
        (ast::Literal::String(_), Primitive::String, _) => Ok(()),
        (ast::Literal::String(s), Primitive::Char, _) if s.chars().count() == 1 => Ok(()),
        (ast::Literal::String(_), Primitive::Char, _) => {
            Err("a char constant is one character".to_owned())
        }
        (ast::Literal::Bool(_), Primitive::Bool, _) => Ok(()),
        (ast::Literal::Integer(i), _, Some((lo, hi))) if (lo..=hi).contains(&i128::from(*i)) => {
            Ok(())
        }
        (ast::Literal::Integer(i), _, Some(_)) => {
            Err(format!("{i} is out of range for {}", p.csharp_name()))
        }
        _ => {
            let shown = match literal {
                ast::Literal::Bool(b) => b.to_string(),
                ast::Literal::Integer(i) => i.to_string(),
                ast::Literal::String(s) => format!("{s:?}"),
            };
            Err(format!("{shown} is not a {} constant", p.csharp_name()))
        }
    }
}
