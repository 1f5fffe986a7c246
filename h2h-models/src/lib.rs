//! Typed, byte-exact models of the Cebes DI H2H API.
//!
//! The server is ASP.NET Web API: it speaks XML as WCF's `DataContractSerializer` writes it and
//! JSON as Json.NET writes it. Every model here is generated from the schema under `schema/` by
//! `cargo xtask regenerate`; the runtime they need lives beside them:
//!
//! - [`dotnet`]: .NET value types (`DateTime` with its kind, `TimeSpan`, ...) and the exact text
//!   of every scalar;
//! - the [`DataContract`] trait and derive, the [`Endpoint`] catalog trait.
//!
//! ```
//! use h2h_models::{AuthRequest, BaseRequestMembers, Endpoint, Language};
//! use h2h_models::endpoints::PostSessionLogout;
//!
//! let mut request = AuthRequest {
//!     user_id: Some("alice".into()),
//!     access_token: None,
//!     token: Some("t".into()),
//!     security_code: Some("s".into()),
//!     language: Language::Id,
//! };
//! *request.access_token_mut() = Some("secret".into());
//! assert_eq!(PostSessionLogout::ROUTE, "Session/Logout");
//! // Secrets never reach logs.
//! assert!(!format!("{request:?}").contains("secret"));
//! ```
#![forbid(unsafe_code)]

// Lets the derive's output name `::h2h_models` from inside this crate too.
extern crate self as h2h_models;

mod bytes;
mod contract;
mod dictionary;
pub mod dotnet;
mod generated;
pub mod json;
pub mod xml;

/// What the derive's output names; not part of the API.
#[doc(hidden)]
pub mod __private {
    pub use serde;
    pub use serde_json;
}

pub use bytes::Bytes;
pub use dictionary::Dictionary;
pub use contract::{ContractVisitor, DataContract, Endpoint, Method};
pub use dotnet::{DateTime, DateTimeOffset, TimeSpan, Uri};
pub use generated::*;
/// The derive: see the [`DataContract`] trait for its attributes.
pub use h2h_macros::DataContract;
/// .NET `decimal`: the same 96-bit scaled integer as `System.Decimal`, scale kept.
pub use rust_decimal::Decimal;
/// .NET `Guid`.
pub use uuid::Uuid as Guid;

