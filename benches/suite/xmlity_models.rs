//! xmlity (with xmlity-quick-xml) on structs shaped like the documents. What it expresses:
//! namespaced names, `i:nil="true"` as an XSI attribute, and members in a strict order, so it
//! reads `AuthResponse`'s two `accessToken`s at their positions into two fields, as DCS does.
//! What it cannot: it declares a namespace on the first element that uses it (the models'
//! namespace as the root's default, given by the serializer's preferred prefixes, but `xmlns:i`
//! on every `i:nil` element rather than once on the root), and writes an empty element as
//! `<x/>` (quick-xml's writer) where DCS writes `<x />`. Its documents are therefore equal to
//! ours only namespace-aware (the same elements, expanded names, attributes and texts), not
//! the same infoset (the declarations are elsewhere) nor the same bytes.

use std::collections::BTreeMap;
use std::str::FromStr;

use xmlity::{Deserialize, PrefixBuf, Serialize, XmlNamespaceBuf};

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const MODELS: &str = "http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models";

/// A string member that may be `i:nil`, one type per element name.
macro_rules! nillable {
    ($t:ident, $name:tt) => {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        #[xelement(
                    name = $name,
                    namespace = "http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models"
                )]
        pub struct $t {
            #[xattribute(
                name = "nil",
                namespace = "http://www.w3.org/2001/XMLSchema-instance",
                preferred_prefix = "i",
                optional,
                default
            )]
            pub nil: Option<bool>,
            #[xvalue(default)]
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
nillable!(UserId, "userID");
nillable!(SecurityCode, "securityCode");
nillable!(Token, "token");
nillable!(RespMessage, "respMessage");
nillable!(Status, "status");

#[derive(Serialize, Deserialize, PartialEq, Debug)]
#[xelement(
    name = "language",
    namespace = "http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models"
)]
pub struct Language(pub String);

#[derive(Serialize, Deserialize, PartialEq, Debug)]
#[xelement(
    name = "respTime",
    namespace = "http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models"
)]
pub struct RespTime(pub String);

#[derive(Serialize, Deserialize, PartialEq, Debug)]
#[xelement(
    name = "AuthRequest",
    namespace = "http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models",
    children_order = "strict"
)]
pub struct XAuthRequest {
    pub access_token: AccessToken,
    pub user_id: UserId,
    pub language: Language,
    pub security_code: SecurityCode,
    pub token: Token,
}

#[derive(Serialize, Deserialize, PartialEq, Debug)]
#[xelement(
    name = "AuthResponse",
    namespace = "http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models",
    children_order = "strict"
)]
pub struct XAuthResponse {
    pub base_access_token: AccessToken,
    pub resp_message: RespMessage,
    pub resp_time: RespTime,
    pub status: Status,
    pub user_id: UserId,
    pub access_token: AccessToken,
}

pub fn request(v: &h2h_models::AuthRequest) -> XAuthRequest {
    XAuthRequest {
        access_token: AccessToken::new(&v.access_token),
        user_id: UserId::new(&v.user_id),
        language: Language("ID".into()),
        security_code: SecurityCode::new(&v.security_code),
        token: Token::new(&v.token),
    }
}

pub fn response(v: &h2h_models::AuthResponse) -> XAuthResponse {
    XAuthResponse {
        base_access_token: AccessToken::new(&v.base_access_token),
        resp_message: RespMessage::new(&v.resp_message),
        resp_time: RespTime(v.resp_time.to_string()),
        status: Status::new(&v.status),
        user_id: UserId::new(&v.user_id),
        access_token: AccessToken::new(&v.access_token),
    }
}

/// Writes with the models' namespace as the default and `i` for XSI (without the preferred
/// prefixes, xmlity makes up `a0:`-style prefixes).
pub fn to_string<T: Serialize>(v: &T) -> String {
    let mut prefixes = BTreeMap::new();
    prefixes.insert(
        XmlNamespaceBuf::from_str(MODELS).unwrap(),
        PrefixBuf::default(),
    );
    prefixes.insert(
        XmlNamespaceBuf::from_str(XSI).unwrap(),
        PrefixBuf::from_str("i").unwrap(),
    );
    let mut s = xmlity_quick_xml::Serializer::new_with_namespaces(
        quick_xml_038::Writer::new(Vec::new()),
        prefixes,
    );
    v.serialize(&mut s).expect("xmlity serializes");
    String::from_utf8(s.into_inner()).unwrap()
}

pub fn from_str<T: xmlity::DeserializeOwned>(s: &str) -> T {
    xmlity_quick_xml::from_str(s).expect("xmlity deserializes")
}
