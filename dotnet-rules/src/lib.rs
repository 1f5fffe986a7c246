//! The .NET rules that more than one part of the workspace needs, each written once.
//!
//! The derive (`h2h-macros`), the runtime (`datacontract`), the code generators and the help
//! page importer (`xtask`) and the schema (`h2h-schema`) all follow the same rules of WCF's
//! `DataContractSerializer` (DCS), of Json.NET and of the ASP.NET Web API help page's sample
//! generator. They ask this crate instead of restating them, so that the importer's verifier
//! and the derive cannot drift apart.
//!
//! The rules are small pure functions over plain data, without dependencies:
//!
//! - [`namespaces`]: the XML namespaces DCS writes, and the default namespace of a CLR
//!   namespace;
//! - [`names`]: element names (`XmlConvert.EncodeLocalName`, `ArrayOf…`, `KeyValueOf…`);
//! - [`primitives`]: the data contract names of the .NET primitives (`int`, `guid`, ...);
//! - [`members`]: which members each serializer and the sample generator see, and in which
//!   order, for a member described by its level, name, `Order`, kind and accessors;
//! - [`sample`]: the help page `ObjectGenerator`'s values and counter rules;
//! - [`xml`]: attribute escaping and the root start tag as DCS spells them.
#![forbid(unsafe_code)]

pub mod members;
pub mod names;
pub mod namespaces;
pub mod primitives;
pub mod routes;
pub mod sample;
pub mod xml;
