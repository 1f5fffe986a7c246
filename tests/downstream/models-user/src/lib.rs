//! Plays a user of h2h-models whose program also uses serde_json for its own types.
#![forbid(unsafe_code)]

use serde::Deserialize;

/// A type of the user's own, with a flattened part holding a float.
#[derive(Debug, Deserialize, PartialEq)]
pub struct Outer {
    /// A plain member.
    pub name: String,
    /// Flattened: serde buffers the map, which `arbitrary_precision` breaks for floats.
    #[serde(flatten)]
    pub inner: Inner,
}

/// The flattened part.
#[derive(Debug, Deserialize, PartialEq)]
pub struct Inner {
    /// A float.
    pub price: f64,
}

/// An untagged enum with a float variant.
#[derive(Debug, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Num {
    /// A number.
    F(f64),
    /// Anything else as text.
    S(String),
}
