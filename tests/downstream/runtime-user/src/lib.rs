//! Plays a crate with .NET contracts of its own, on the runtime alone.
#![forbid(unsafe_code)]

use datacontract::{DataContract, Decimal};

/// `namespace Acme.Billing { public class Invoice { public string Number; public decimal
/// Amount; public int? Lines; } }`, a plain class as DataContractSerializer and Json.NET see it.
#[derive(Clone, PartialEq, DataContract)]
#[h2h(name = "Invoice", namespace = "http://schemas.datacontract.org/2004/07/Acme.Billing")]
pub struct Invoice {
    /// `Number`.
    #[h2h(name = "Number")]
    pub number: Option<String>,
    /// `Amount`: an exact decimal.
    #[h2h(name = "Amount")]
    pub amount: Decimal,
    /// `Lines`: a nullable int.
    #[h2h(name = "Lines")]
    pub lines: Option<i32>,
}
