//! The `--responses` folder: a response value per endpoint, read once at start.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use datacontract::media::{self, BodyError, Format, ReadOptions};

use crate::served::{AnyValue, Endpoints};

/// A response file that does not read as its endpoint's response type.
#[derive(Debug)]
#[non_exhaustive]
pub struct ResponsesError {
    /// The file (or the folder, when it cannot be listed).
    pub path: PathBuf,
    /// Why: the read error names the member, line and column.
    pub reason: String,
}

impl fmt::Display for ResponsesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

impl std::error::Error for ResponsesError {}

/// The files of `dir` that exist, by endpoint index, read as each endpoint's response.
pub(crate) fn load(
    dir: &Path,
    endpoints: &Endpoints,
    options: &ReadOptions,
) -> Result<HashMap<usize, AnyValue>, ResponsesError> {
    if !dir.is_dir() {
        return Err(ResponsesError {
            path: dir.to_owned(),
            reason: "not a folder".into(),
        });
    }
    // Strict: a response file is ours, and anything .NET would drop in it is a mistake.
    let options = options
        .clone()
        .with_policy(datacontract::ReadPolicy::Strict);
    let mut files = HashMap::new();
    for (index, endpoint) in endpoints.iter().enumerate() {
        let route = dotnet_rules::routes::path(endpoint.route());
        let method = endpoint.method().as_str().to_ascii_lowercase();
        let candidates = [
            (format!("{route}.{method}.json"), Format::Json),
            (format!("{route}.{method}.xml"), Format::Xml),
            (format!("{route}.json"), Format::Json),
            (format!("{route}.xml"), Format::Xml),
        ];
        let Some((path, format)) = candidates
            .into_iter()
            .map(|(name, format)| (dir.join(name), format))
            .find(|(path, _)| path.is_file())
        else {
            continue;
        };
        let failed = |reason: String| ResponsesError {
            path: path.clone(),
            reason,
        };
        let bytes = std::fs::read(&path).map_err(|e| failed(e.to_string()))?;
        let value = media::to_utf8(&bytes, None)
            .and_then(|utf8| endpoint.read_response(&utf8, format, &options))
            .map_err(|e: BodyError| failed(e.to_string()))?;
        tracing::info!(path = %path.display(), route = endpoint.route(), "response file");
        files.insert(index, value);
    }
    Ok(files)
}
