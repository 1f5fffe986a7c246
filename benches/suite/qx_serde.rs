//! quick-xml's serde support on structs shaped like the documents. What it cannot express:
//! namespaces (names are matched with their prefixes as written; the declarations are plain
//! attributes), DCS's ` />` (it writes `<x/>`), and two members of one name in different
//! positions when reading (`AuthResponse`'s two `accessToken`s are read into one list, with
//! the `overlapped-lists` feature).

use serde::{Deserialize, Serialize};

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const MODELS: &str = "http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models";

/// A string member that may be `i:nil`.
#[derive(Serialize, Deserialize, Default, PartialEq, Debug)]
pub struct QStr {
    #[serde(rename = "@i:nil", skip_serializing_if = "Option::is_none", default)]
    pub nil: Option<bool>,
    #[serde(rename = "$text", skip_serializing_if = "Option::is_none", default)]
    pub text: Option<String>,
}

impl QStr {
    pub fn new(v: &Option<String>) -> QStr {
        match v {
            Some(s) => QStr {
                nil: None,
                text: Some(s.clone()),
            },
            None => QStr {
                nil: Some(true),
                text: None,
            },
        }
    }
}

#[derive(Serialize, Deserialize, PartialEq, Debug)]
#[serde(rename = "AuthRequest")]
pub struct QAuthRequest {
    #[serde(rename = "@xmlns:i", default)]
    pub xmlns_i: String,
    #[serde(rename = "@xmlns", default)]
    pub xmlns: String,
    #[serde(rename = "accessToken")]
    pub access_token: QStr,
    #[serde(rename = "userID")]
    pub user_id: QStr,
    pub language: String,
    #[serde(rename = "securityCode")]
    pub security_code: QStr,
    pub token: QStr,
}

#[derive(Serialize, PartialEq, Debug)]
#[serde(rename = "AuthResponse")]
pub struct QAuthResponse {
    #[serde(rename = "@xmlns:i", skip_serializing_if = "Option::is_none")]
    pub xmlns_i: Option<String>,
    #[serde(rename = "@xmlns", skip_serializing_if = "Option::is_none")]
    pub xmlns: Option<String>,
    #[serde(rename = "accessToken")]
    pub base_access_token: QStr,
    #[serde(rename = "respMessage")]
    pub resp_message: QStr,
    #[serde(rename = "respTime")]
    pub resp_time: String,
    pub status: QStr,
    #[serde(rename = "userID")]
    pub user_id: QStr,
    #[serde(rename = "accessToken")]
    pub access_token: QStr,
}

/// Reading shape of `AuthResponse`: both `accessToken`s in one list.
#[derive(Deserialize, PartialEq, Debug)]
pub struct QAuthResponseIn {
    #[serde(rename = "accessToken")]
    pub access_tokens: Vec<QStr>,
    #[serde(rename = "respMessage")]
    pub resp_message: QStr,
    #[serde(rename = "respTime")]
    pub resp_time: String,
    pub status: QStr,
    #[serde(rename = "userID")]
    pub user_id: QStr,
}

#[derive(Serialize, PartialEq, Debug)]
#[serde(rename = "ArrayOfAuthResponse")]
pub struct QList {
    #[serde(rename = "@xmlns:i")]
    pub xmlns_i: String,
    #[serde(rename = "@xmlns")]
    pub xmlns: String,
    #[serde(rename = "AuthResponse")]
    pub items: Vec<QAuthResponse>,
}

#[derive(Deserialize, PartialEq, Debug)]
pub struct QListIn {
    #[serde(rename = "AuthResponse", default)]
    pub items: Vec<QAuthResponseIn>,
}

pub fn request(v: &h2h_models::AuthRequest) -> QAuthRequest {
    QAuthRequest {
        xmlns_i: XSI.into(),
        xmlns: MODELS.into(),
        access_token: QStr::new(&v.access_token),
        user_id: QStr::new(&v.user_id),
        language: "ID".into(),
        security_code: QStr::new(&v.security_code),
        token: QStr::new(&v.token),
    }
}

pub fn response(v: &h2h_models::AuthResponse, root: bool) -> QAuthResponse {
    QAuthResponse {
        xmlns_i: root.then(|| XSI.into()),
        xmlns: root.then(|| MODELS.into()),
        base_access_token: QStr::new(&v.base_access_token),
        resp_message: QStr::new(&v.resp_message),
        resp_time: v.resp_time.to_string(),
        status: QStr::new(&v.status),
        user_id: QStr::new(&v.user_id),
        access_token: QStr::new(&v.access_token),
    }
}

pub fn list(items: &[h2h_models::AuthResponse]) -> QList {
    QList {
        xmlns_i: XSI.into(),
        xmlns: MODELS.into(),
        items: items.iter().map(|v| response(v, false)).collect(),
    }
}

pub fn to_string<T: Serialize>(v: &T) -> String {
    quick_xml::se::to_string(v).expect("quick-xml serializes")
}
