//! The JSON baseline: plain `serde` derive on structs equivalent to the models (same member
//! names and order as Json.NET writes them, the enum as its number, the date as the same
//! `DateTime` with its text written through `Display` and read with `DateTime::parse_json`).

use std::fmt;

use h2h_models::{AuthRequest, AuthResponse, DateTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `AuthRequest` with serde's derive.
#[derive(Serialize, Deserialize)]
pub struct SAuthRequest {
    pub token: Option<String>,
    #[serde(rename = "securityCode")]
    pub security_code: Option<String>,
    pub language: i32,
    #[serde(rename = "userID")]
    pub user_id: Option<String>,
    #[serde(rename = "accessToken")]
    pub access_token: Option<String>,
}

/// A `DateTime` as serde would carry it: its text.
pub struct Dt(pub DateTime);

impl Serialize for Dt {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Dt {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Dt;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Dt, E> {
                DateTime::parse_json(v).map(Dt).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

/// `AuthResponse` with serde's derive (Json.NET shows only the derived `accessToken`).
#[derive(Serialize, Deserialize)]
pub struct SAuthResponse {
    #[serde(rename = "accessToken")]
    pub access_token: Option<String>,
    #[serde(rename = "respTime")]
    pub resp_time: Dt,
    #[serde(rename = "userID")]
    pub user_id: Option<String>,
    pub status: Option<String>,
    #[serde(rename = "respMessage")]
    pub resp_message: Option<String>,
}

impl From<&AuthRequest> for SAuthRequest {
    fn from(v: &AuthRequest) -> Self {
        SAuthRequest {
            token: v.token.clone(),
            security_code: v.security_code.clone(),
            language: v.language.value(),
            user_id: v.user_id.clone(),
            access_token: v.access_token.clone(),
        }
    }
}

impl From<&AuthResponse> for SAuthResponse {
    fn from(v: &AuthResponse) -> Self {
        SAuthResponse {
            access_token: v.access_token.clone(),
            resp_time: Dt(v.resp_time),
            user_id: v.user_id.clone(),
            status: v.status.clone(),
            resp_message: v.resp_message.clone(),
        }
    }
}
