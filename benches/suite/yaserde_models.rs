//! yaserde on structs shaped like the documents: namespaces declared on the root, `i:nil` as
//! a prefixed attribute. Reading `AuthResponse` puts both `accessToken`s in one list.

use yaserde::{YaDeserialize, YaSerialize};

/// A string member that may be `i:nil`.
#[derive(YaSerialize, YaDeserialize, Default, PartialEq, Debug)]
#[yaserde(namespaces = { "i" = "http://www.w3.org/2001/XMLSchema-instance" })]
pub struct YStr {
    #[yaserde(attribute = true, prefix = "i", rename = "nil")]
    pub nil: Option<String>,
    #[yaserde(text = true, default = "empty")]
    pub text: String,
}

fn empty() -> String {
    String::new()
}

impl YStr {
    pub fn new(v: &Option<String>) -> YStr {
        match v {
            Some(s) => YStr {
                nil: None,
                text: s.clone(),
            },
            None => YStr {
                nil: Some("true".into()),
                text: String::new(),
            },
        }
    }
}

#[derive(YaSerialize, YaDeserialize, Default, PartialEq, Debug)]
#[yaserde(
    rename = "AuthRequest",
    prefix = "m",
    default_namespace = "m",
    namespaces = {
        "i" = "http://www.w3.org/2001/XMLSchema-instance",
        "m" = "http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models"
    }
)]
pub struct YAuthRequest {
    #[yaserde(rename = "accessToken", prefix = "m")]
    pub access_token: YStr,
    #[yaserde(rename = "userID", prefix = "m")]
    pub user_id: YStr,
    #[yaserde(prefix = "m")]
    pub language: String,
    #[yaserde(rename = "securityCode", prefix = "m")]
    pub security_code: YStr,
    #[yaserde(prefix = "m")]
    pub token: YStr,
}

#[derive(YaSerialize, YaDeserialize, Default, PartialEq, Debug)]
#[yaserde(
    rename = "AuthResponse",
    prefix = "m",
    default_namespace = "m",
    namespaces = {
        "i" = "http://www.w3.org/2001/XMLSchema-instance",
        "m" = "http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models"
    }
)]
pub struct YAuthResponse {
    #[yaserde(rename = "accessToken", prefix = "m")]
    pub base_access_token: YStr,
    #[yaserde(rename = "respMessage", prefix = "m")]
    pub resp_message: YStr,
    #[yaserde(rename = "respTime", prefix = "m")]
    pub resp_time: String,
    #[yaserde(prefix = "m")]
    pub status: YStr,
    #[yaserde(rename = "userID", prefix = "m")]
    pub user_id: YStr,
    #[yaserde(rename = "accessToken", prefix = "m")]
    pub access_token: YStr,
}

#[derive(YaSerialize, YaDeserialize, Default, PartialEq, Debug)]
#[yaserde(
    rename = "AuthResponse",
    prefix = "m",
    default_namespace = "m",
    namespaces = {
        "i" = "http://www.w3.org/2001/XMLSchema-instance",
        "m" = "http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models"
    }
)]
pub struct YAuthResponseIn {
    #[yaserde(rename = "accessToken", prefix = "m")]
    pub access_tokens: Vec<YStr>,
    #[yaserde(rename = "respMessage", prefix = "m")]
    pub resp_message: YStr,
    #[yaserde(rename = "respTime", prefix = "m")]
    pub resp_time: String,
    #[yaserde(prefix = "m")]
    pub status: YStr,
    #[yaserde(rename = "userID", prefix = "m")]
    pub user_id: YStr,
}

pub fn request(v: &h2h_models::AuthRequest) -> YAuthRequest {
    YAuthRequest {
        access_token: YStr::new(&v.access_token),
        user_id: YStr::new(&v.user_id),
        language: "ID".into(),
        security_code: YStr::new(&v.security_code),
        token: YStr::new(&v.token),
    }
}

pub fn response(v: &h2h_models::AuthResponse) -> YAuthResponse {
    YAuthResponse {
        base_access_token: YStr::new(&v.base_access_token),
        resp_message: YStr::new(&v.resp_message),
        resp_time: v.resp_time.to_string(),
        status: YStr::new(&v.status),
        user_id: YStr::new(&v.user_id),
        access_token: YStr::new(&v.access_token),
    }
}

pub fn to_string<T: yaserde::YaSerialize>(v: &T) -> String {
    let config = yaserde::ser::Config {
        perform_indent: false,
        write_document_declaration: false,
        indent_string: None,
    };
    yaserde::ser::to_string_with_config(v, &config).expect("yaserde serializes")
}
