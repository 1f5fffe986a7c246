//! Generates benches/suite/xsd_parser_gen.rs from our exported XSD (xsd-parser 1.5.2, its
//! quick_xml engine; the command is in this directory's Cargo.toml). Only the two root
//! elements and what they use; nillable members as `Nillable`; the models' namespace as the
//! default and XSI as `i`, both declared on the root, as DataContractSerializer writes them.
use xsd_parser::config::{
    Generate, GeneratorFlags, IdentQuadruple, NamespaceIdent, OptimizerFlags, Resolver, Schema,
};
use xsd_parser::config::{Namespace, NamespacePrefix};
use xsd_parser::pipeline::renderer::NamespaceSerialization;
use xsd_parser::{generate, Config, IdentType};

const MODELS: &[u8] = b"http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models";

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let mut config = Config::default();
    config.parser.resolver = vec![Resolver::File];
    config.parser.schemas = args[2..]
        .iter()
        .map(|p| Schema::File(std::path::PathBuf::from(p).canonicalize().unwrap()))
        .collect();
    config.optimizer.flags |= OptimizerFlags::RESOLVE_TYPEDEFS;
    config.generator.flags |=
        GeneratorFlags::FLATTEN_STRUCT_CONTENT | GeneratorFlags::NILLABLE_TYPE_SUPPORT;
    let element = |name: &str| -> IdentQuadruple {
        (
            IdentType::Element,
            Some(NamespaceIdent::namespace(MODELS)),
            name,
        )
            .into()
    };
    // DCS's spelling as far as it goes: the models' namespace as the default, XSI as `i`, both
    // declared on the root.
    let mut config = config
        .with_namespaces([(
            NamespacePrefix::new_const(b"i"),
            Namespace::new_const(b"http://www.w3.org/2001/XMLSchema-instance"),
        )])
        .with_quick_xml_config(
            NamespaceSerialization::Global,
            Some(Namespace::new_const(MODELS)),
            false,
        );
    config.generator.generate =
        Generate::Types(vec![element("AuthRequest"), element("AuthResponse")]);
    let code = generate(config)?.to_string();
    std::fs::write(&args[1], code)?;
    Ok(())
}
