//! Reading a body as the server does, with a read policy and its report: the one read of
//! `convert` and `check`.

use h2h_models::{DataContract, ReadPolicy, Report};

use crate::Format;

/// Why a body does not read: the reader's error, by parts (it never holds a sensitive value;
/// the readers redact those).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyError {
    /// The reader's error kind (`Syntax`, `OutOfOrder`, ...): the variant's name of
    /// `h2h_models::xml::ErrorKind` or `h2h_models::json::ErrorKind`.
    pub kind: String,
    /// The member path (`AuthRequest/language`, `language`); empty for the root.
    pub path: String,
    /// 1-based line and column, when the reader knows them.
    pub position: Option<(usize, usize)>,
    /// The message, without path or position.
    pub message: String,
    /// The whole error on one line, as the reader prints it.
    pub display: String,
}

impl std::fmt::Display for BodyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.display.replace('\n', " "))
    }
}

impl From<h2h_models::xml::Error> for BodyError {
    fn from(e: h2h_models::xml::Error) -> Self {
        BodyError {
            kind: format!("{:?}", e.kind()),
            path: e.path().to_owned(),
            position: e.position(),
            message: e.message().to_owned(),
            display: e.to_string(),
        }
    }
}

impl From<h2h_models::json::Error> for BodyError {
    fn from(e: h2h_models::json::Error) -> Self {
        BodyError {
            kind: format!("{:?}", e.kind()),
            path: e.path().to_owned(),
            position: e.position(),
            message: e.message().to_owned(),
            display: e.to_string(),
        }
    }
}

/// Reads `input` in the `from` format as the API's server does (its UTC offset, through
/// `h2h_models`' `read_options`) under `policy`, with the report of what .NET's reader would
/// skip, pick or convert. A null body (`null`, an empty JSON body, a nil XML root) reads as
/// `None`.
pub fn read<T: DataContract>(
    from: Format,
    policy: ReadPolicy,
    input: &[u8],
) -> Result<(Option<T>, Report), BodyError> {
    match from {
        Format::Xml => {
            let mut options = h2h_models::xml::read_options();
            options.policy = policy;
            Ok(h2h_models::xml::from_slice_reported(input, &options)?)
        }
        Format::Json => {
            let mut options = h2h_models::json::read_options();
            options.policy = policy;
            Ok(h2h_models::json::from_slice_reported(input, &options)?)
        }
    }
}
