//! DataContract XML and Json.NET JSON for Rust types.
//!
//! A .NET web service (ASP.NET Web API, WCF) writes its bodies with WCF's
//! `DataContractSerializer` (XML) and Json.NET (JSON). This crate gives Rust types the same
//! bytes and the same reading rules, through one derive:
//!
//! - [`DataContract`] (trait and derive): a contract's XML root, members, order and
//!   namespaces, its Json.NET JSON, a redacting `Debug`, and the help page's sample object;
//! - [`xml`] and [`json`]: writing and reading, with typed errors that name the member path,
//!   line and column;
//! - [`dotnet`]: the .NET value types (`DateTime` with its kind, `DateTimeOffset`,
//!   `TimeSpan`, `Uri`, ...) and the exact text of every scalar in both formats;
//! - [`Dictionary`], [`Bytes`] (`byte[]`) and [`Object`] (`object`);
//! - [`report`]: the read policies ([`ReadPolicy`]: as .NET reads, forward-compatible, strict)
//!   and the [`Report`] of what .NET's reader would drop;
//! - [`sample`]: the ASP.NET Web API help page's sample objects;
//! - [`Endpoint`]: the trait an API's endpoint catalog implements, and [`media`]: bodies by
//!   media type and charset, as Web API's formatters take them.
//!
//! It knows nothing of any particular API: what belongs to a server (its UTC offset, the
//! instant its documentation was generated) is an option or an argument.
//!
//! ```
//! use datacontract::DataContract;
//!
//! /// `namespace Acme.Models { public class Greeting { public int ID; public string Text; } }`
//! #[derive(Clone, PartialEq, DataContract)]
//! #[h2h(name = "Greeting", namespace = "http://schemas.datacontract.org/2004/07/Acme.Models")]
//! struct Greeting {
//!     #[h2h(name = "ID")]
//!     id: i32,
//!     #[h2h(name = "Text")]
//!     text: Option<String>,
//! }
//!
//! let g = Greeting { id: 7, text: Some("hi".into()) };
//! assert_eq!(datacontract::json::to_string(&g)?, r#"{"ID":7,"Text":"hi"}"#);
//! let xml = datacontract::xml::to_string(&g)?;
//! assert_eq!(
//!     xml,
//!     "<Greeting xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" \
//!      xmlns=\"http://schemas.datacontract.org/2004/07/Acme.Models\"><ID>7</ID><Text>hi</Text></Greeting>"
//! );
//! assert!(datacontract::xml::from_str::<Greeting>(&xml)? == g);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

// Lets the derive's output name `::datacontract` from inside this crate too.
extern crate self as datacontract;

mod bytes;
mod contract;
mod dictionary;
pub mod dotnet;
pub mod json;
pub mod media;
mod object;
pub mod report;
pub mod sample;
mod words;
pub mod xml;

/// What the derive's output names; not part of the API.
#[doc(hidden)]
pub mod __private {
    pub use serde;
    pub use serde_json;
}

pub use bytes::Bytes;
pub use contract::{
    ContractVisitor, DataContract, Endpoint, EndpointVisitor, GetterConstant, Method, UriArgument,
    UriError, UriErrorKind, UriParameters, UriValue,
};
pub use dictionary::Dictionary;
pub use dotnet::{DateTime, DateTimeOffset, TimeSpan, Uri};
/// The derive: see the [`DataContract`] trait for its attributes.
pub use h2h_macros::DataContract;
pub use object::Object;
pub use report::{ReadPolicy, Report};
/// .NET `decimal`: the same 96-bit scaled integer as `System.Decimal`, scale kept.
pub use rust_decimal::Decimal;
/// .NET `Guid`.
pub use uuid::Uuid as Guid;
