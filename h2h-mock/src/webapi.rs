//! What ASP.NET Web API 5 answers where no action runs, or where an action refuses the
//! request: its messages (`SRResources` of System.Web.Http and System.Net.Http.Formatting) and
//! the `HttpError` body that carries them, written by the negotiated formatter.
//!
//! Read from Web API 5's source (aspnet/AspNetWebStack: `HttpRoutingDispatcher`,
//! `DefaultHttpControllerSelector`, `ApiControllerActionSelector`, `FormatterParameterBinding`,
//! `HttpError`); `conformance/webapi/README.md` lists where Mono's Web API 4.0 answers
//! otherwise.

use datacontract::media::{Format, Negotiated};

/// Our controllers' model error for a missing body (Web API 5 records none; the parameter is
/// just null). The same text as the test server's `Protocol.BodyRequired`.
pub const BODY_REQUIRED: &str = "A request body is required.";

/// A value of an `HttpError`: a text, or a nested `HttpError` (ModelState).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorValue {
    /// A string (`Message`), or a JSON null (`StackTrace` where there is none).
    Text(Option<String>),
    /// Several messages (a ModelState entry: a `string[]`).
    Texts(Vec<String>),
    /// A nested error.
    Error(HttpError),
}

/// Web API 5's `System.Web.Http.HttpError`: an ordered dictionary, written by Json.NET as an
/// object, and by the XML formatter (through `IXmlSerializable`) as `<Error>` with one
/// element per key (`XmlConvert.EncodeLocalName`), a value by `XmlWriter.WriteValue` (a
/// `string[]` space-separated), a nested error as its elements.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HttpError {
    entries: Vec<(String, ErrorValue)>,
}

impl HttpError {
    /// `new HttpError(message)`: `{"Message": message}`.
    pub fn message(message: impl Into<String>) -> Self {
        HttpError::default().with("Message", ErrorValue::Text(Some(message.into())))
    }

    /// `CreateErrorResponse(status, message, messageDetail)`: Message and MessageDetail.
    pub fn with_detail(message: impl Into<String>, detail: impl Into<String>) -> Self {
        HttpError::message(message).with("MessageDetail", ErrorValue::Text(Some(detail.into())))
    }

    /// `CreateErrorResponse(BadRequest, ModelState)`: "The request is invalid." and the model
    /// errors by key (with error detail: each error's exception message).
    pub fn model_state(errors: &[(String, String)]) -> Self {
        let mut state = HttpError::default();
        for (key, message) in errors {
            match state
                .entries
                .iter_mut()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
            {
                Some((_, ErrorValue::Texts(messages))) => messages.push(message.clone()),
                _ => state = state.with(key, ErrorValue::Texts(vec![message.clone()])),
            }
        }
        HttpError::message("The request is invalid.").with("ModelState", ErrorValue::Error(state))
    }

    /// `new HttpError(exception, includeErrorDetail: true)` under a message: Message,
    /// ExceptionMessage, ExceptionType and StackTrace (null: there is no .NET stack here).
    pub fn exception(message: &str, exception_type: &str, exception_message: &str) -> Self {
        HttpError::message(message)
            .with(
                "ExceptionMessage",
                ErrorValue::Text(Some(exception_message.into())),
            )
            .with(
                "ExceptionType",
                ErrorValue::Text(Some(exception_type.into())),
            )
            .with("StackTrace", ErrorValue::Text(None))
    }

    /// Adds an entry (a key already there, ignoring case as `HttpError`'s comparer, is
    /// replaced).
    pub fn with(mut self, key: &str, value: ErrorValue) -> Self {
        match self
            .entries
            .iter_mut()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
        {
            Some(entry) => entry.1 = value,
            None => self.entries.push((key.to_owned(), value)),
        }
        self
    }

    /// The `Message` entry.
    pub fn message_text(&self) -> Option<&str> {
        self.entries.iter().find_map(|(k, v)| match v {
            ErrorValue::Text(Some(text)) if k == "Message" => Some(text.as_str()),
            _ => None,
        })
    }

    /// The body in `format`, UTF-8.
    pub fn to_bytes(&self, format: Format) -> Vec<u8> {
        let mut out = Vec::with_capacity(128);
        match format {
            Format::Json => self.write_json(&mut out),
            Format::Xml => {
                out.extend_from_slice(b"<Error>");
                self.write_xml(&mut out);
                out.extend_from_slice(b"</Error>");
            }
        }
        out
    }

    /// The body as negotiated: format and charset.
    pub fn encode(&self, negotiated: &Negotiated) -> Vec<u8> {
        negotiated.encode(self.to_bytes(negotiated.format))
    }

    fn write_json(&self, out: &mut Vec<u8>) {
        out.push(b'{');
        for (i, (key, value)) in self.entries.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            json_string(out, key);
            out.push(b':');
            match value {
                ErrorValue::Text(Some(text)) => json_string(out, text),
                ErrorValue::Text(None) => out.extend_from_slice(b"null"),
                ErrorValue::Texts(texts) => {
                    out.push(b'[');
                    for (j, text) in texts.iter().enumerate() {
                        if j > 0 {
                            out.push(b',');
                        }
                        json_string(out, text);
                    }
                    out.push(b']');
                }
                ErrorValue::Error(inner) => inner.write_json(out),
            }
        }
        out.push(b'}');
    }

    fn write_xml(&self, out: &mut Vec<u8>) {
        for (key, value) in &self.entries {
            let name = dotnet_rules::names::encode_local_name(key);
            let text = match value {
                ErrorValue::Text(None) => {
                    // `WriteStartElement` then `WriteEndElement` with nothing between.
                    out.extend_from_slice(format!("<{name} />").as_bytes());
                    continue;
                }
                ErrorValue::Text(Some(text)) => text.clone(),
                ErrorValue::Texts(texts) => texts.join(" "),
                ErrorValue::Error(inner) => {
                    out.extend_from_slice(format!("<{name}>").as_bytes());
                    inner.write_xml(out);
                    out.extend_from_slice(format!("</{name}>").as_bytes());
                    continue;
                }
            };
            out.extend_from_slice(format!("<{name}>").as_bytes());
            datacontract::xml::escape_text(out, &text);
            out.extend_from_slice(format!("</{name}>").as_bytes());
        }
    }
}

/// A string as Json.NET writes it (the runtime's writer, one home for its escaping).
fn json_string(out: &mut Vec<u8>, text: &str) {
    match datacontract::json::to_vec(&datacontract::json::Ser(&text.to_owned())) {
        Ok(bytes) => out.extend_from_slice(&bytes),
        Err(_) => out.extend_from_slice(b"null"),
    }
}

/// `SRResources.ResourceNotFound`: the Message of every 404.
pub fn resource_not_found(uri: &str) -> String {
    format!("No HTTP resource was found that matches the request URI '{uri}'.")
}

/// `SRResources.NoRouteData`: no route template matches the path.
pub const NO_ROUTE_DATA: &str = "No route data was found for this request.";

/// `SRResources.DefaultControllerFactory_ControllerNameNotFound`.
pub fn controller_not_found(controller: &str) -> String {
    format!("No type was found that matches the controller named '{controller}'.")
}

/// `SRResources.ApiControllerActionSelector_ActionNameNotFound`.
pub fn action_name_not_found(controller: &str, action: &str) -> String {
    format!(
        "No action was found on the controller '{controller}' that matches the name '{action}'."
    )
}

/// `SRResources.ApiControllerActionSelector_ActionNotFound`: a name that matches, without
/// the required URI parameters.
pub fn action_not_found(controller: &str) -> String {
    format!("No action was found on the controller '{controller}' that matches the request.")
}

/// `SRResources.ApiControllerActionSelector_HttpMethodNotSupported`.
pub fn method_not_supported(method: &str) -> String {
    format!("The requested resource does not support http method '{method}'.")
}

/// The 415 of `FormatterParameterBinding` for a body no formatter reads.
pub fn unsupported_media_type(media_type: &str, type_name: &str) -> HttpError {
    HttpError::exception(
        &format!("The request entity's media type '{media_type}' is not supported for this resource."),
        "System.Net.Http.UnsupportedMediaTypeException",
        &format!(
            "No MediaTypeFormatter is available to read an object of type '{type_name}' from content with media type '{media_type}'."
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes Web API 5's `HttpError` gives, as the test server (`conformance/webapi`)
    /// writes them through Web API 5's code path and its README shows.
    #[test]
    fn model_state_errors_as_web_api_writes_them() {
        let error = HttpError::model_state(&[("request".into(), BODY_REQUIRED.into())]);
        assert_eq!(
            String::from_utf8(error.to_bytes(Format::Json)).unwrap(),
            r#"{"Message":"The request is invalid.","ModelState":{"request":["A request body is required."]}}"#
        );
        assert_eq!(
            String::from_utf8(error.to_bytes(Format::Xml)).unwrap(),
            "<Error><Message>The request is invalid.</Message><ModelState><request>A request body is required.</request></ModelState></Error>"
        );
    }

    #[test]
    fn keys_ignore_case_and_values_escape() {
        let error = HttpError::message("a < b & \"c\"")
            .with("message", ErrorValue::Text(Some("x<y".into())));
        assert_eq!(
            String::from_utf8(error.to_bytes(Format::Xml)).unwrap(),
            "<Error><Message>x&lt;y</Message></Error>"
        );
        let error = HttpError::exception("m", "T", "e");
        assert_eq!(
            String::from_utf8(error.to_bytes(Format::Json)).unwrap(),
            r#"{"Message":"m","ExceptionMessage":"e","ExceptionType":"T","StackTrace":null}"#
        );
    }
}
