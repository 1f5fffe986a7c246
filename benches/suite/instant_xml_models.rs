//! instant-xml on structs shaped like the documents. What it expresses: the namespaces
//! declared on the root (but written in its own order, `xmlns="…"` before `xmlns:i="…"`, where
//! DataContractSerializer writes `xmlns:i` first), `i:nil="true"` as an XSI attribute, and DCS's
//! ` />` spelling of an empty element, so its documents have the same infoset as ours, differing
//! only in the order of the root's two declarations. What it cannot: a member's element name
//! comes from its type (each `i:nil`-able member is a type of its own), and it matches children
//! by name in any order, so `AuthResponse`'s two `accessToken`s at different positions are read
//! into one list (written, they are two fields of two types of the same name).

use instant_xml::{FromXml, ToXml};

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const MODELS: &str = "http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models";

/// A string member that may be `i:nil`: one type per element name (`$name`), because
/// instant-xml names a struct's element after the type, not the field.
macro_rules! nillable {
    ($t:ident, $name:tt) => {
        #[derive(ToXml, FromXml, PartialEq, Debug, Default)]
        #[xml(rename = $name, ns(MODELS, i = XSI))]
        pub struct $t {
            #[xml(attribute, ns(XSI))]
            pub nil: Option<bool>,
            #[xml(direct)]
            pub text: Option<String>,
        }

        impl $t {
            pub fn new(v: &Option<String>) -> $t {
                match v {
                    Some(s) => $t {
                        nil: None,
                        text: Some(s.clone()),
                    },
                    None => $t {
                        nil: Some(true),
                        text: None,
                    },
                }
            }
        }
    };
}

nillable!(AccessToken, "accessToken");
// The derived type's `accessToken`, a second type of the same element name for writing.
nillable!(BaseAccessToken, "accessToken");
nillable!(UserId, "userID");
nillable!(SecurityCode, "securityCode");
nillable!(Token, "token");
nillable!(RespMessage, "respMessage");
nillable!(Status, "status");

#[derive(ToXml, FromXml, PartialEq, Debug)]
#[xml(rename = "AuthRequest", ns(MODELS, i = XSI))]
pub struct IAuthRequest {
    pub access_token: AccessToken,
    pub user_id: UserId,
    pub language: String,
    pub security_code: SecurityCode,
    pub token: Token,
}

#[derive(ToXml, PartialEq, Debug)]
#[xml(rename = "AuthResponse", ns(MODELS, i = XSI))]
pub struct IAuthResponse {
    pub base_access_token: BaseAccessToken,
    pub resp_message: RespMessage,
    #[xml(rename = "respTime")]
    pub resp_time: String,
    pub status: Status,
    pub user_id: UserId,
    pub access_token: AccessToken,
}

/// Reading shape of `AuthResponse`: both `accessToken`s in one list.
#[derive(FromXml, PartialEq, Debug)]
#[xml(rename = "AuthResponse", ns(MODELS, i = XSI))]
pub struct IAuthResponseIn {
    pub access_tokens: Vec<AccessToken>,
    pub resp_message: RespMessage,
    #[xml(rename = "respTime")]
    pub resp_time: String,
    pub status: Status,
    pub user_id: UserId,
}

pub fn request(v: &h2h_models::AuthRequest) -> IAuthRequest {
    IAuthRequest {
        access_token: AccessToken::new(&v.access_token),
        user_id: UserId::new(&v.user_id),
        language: "ID".into(),
        security_code: SecurityCode::new(&v.security_code),
        token: Token::new(&v.token),
    }
}

pub fn response(v: &h2h_models::AuthResponse) -> IAuthResponse {
    IAuthResponse {
        base_access_token: BaseAccessToken::new(&v.base_access_token),
        resp_message: RespMessage::new(&v.resp_message),
        resp_time: v.resp_time.to_string(),
        status: Status::new(&v.status),
        user_id: UserId::new(&v.user_id),
        access_token: AccessToken::new(&v.access_token),
    }
}

/// The reading shape of `response(v)`, what reading the seed must give.
pub fn response_in(v: &h2h_models::AuthResponse) -> IAuthResponseIn {
    IAuthResponseIn {
        access_tokens: vec![
            AccessToken::new(&v.base_access_token),
            AccessToken::new(&v.access_token),
        ],
        resp_message: RespMessage::new(&v.resp_message),
        resp_time: v.resp_time.to_string(),
        status: Status::new(&v.status),
        user_id: UserId::new(&v.user_id),
    }
}

pub fn to_string<T: ToXml + ?Sized>(v: &T) -> String {
    instant_xml::to_string(v).expect("instant-xml serializes")
}
