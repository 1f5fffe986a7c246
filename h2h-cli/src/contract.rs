//! The `<Contract>` argument: a name the catalog knows, checked while clap parses, so that an
//! unknown one is a usage error (status 2) with clap's "similar value" tips.

use std::ffi::OsStr;

use clap::builder::{StyledStr, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use h2h_models::{catalog, ContractVisitor, DataContract};

/// Parses `<Contract>`: a contract's CLR name, short or full, as [`catalog::visit_contract`]
/// matches it (the catalog is asked, so there is one rule for names).
#[derive(Clone, Copy, Debug)]
pub struct ContractName;

/// A visitor that only says the catalog found the contract.
struct Exists;

impl ContractVisitor for Exists {
    type Output = ();

    fn visit<T: DataContract + 'static>(self) {}
}

impl TypedValueParser for ContractName {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        let text = value.to_string_lossy();
        if value.to_str().is_some() && catalog::visit_contract(&text, Exists).is_some() {
            return Ok(text.into_owned());
        }
        let mut error = clap::Error::new(ErrorKind::InvalidValue).with_cmd(cmd);
        let arg = arg.map_or_else(|| "<Contract>".to_owned(), ToString::to_string);
        error.insert(ContextKind::InvalidArg, ContextValue::String(arg));
        error.insert(
            ContextKind::InvalidValue,
            ContextValue::String(text.clone().into_owned()),
        );
        let similar = similar(&text);
        if !similar.is_empty() {
            error.insert(ContextKind::SuggestedValue, ContextValue::Strings(similar));
        }
        error.insert(
            ContextKind::Suggested,
            ContextValue::StyledStrs(vec![StyledStr::from(
                "`h2h contracts` lists every contract",
            )]),
        );
        Err(error)
    }
}

/// Most names [`similar`] returns.
const MAX_SIMILAR: usize = 3;

/// The contract names close to `name`, closest first: the one that differs only in case, or
/// those whose Jaro similarity (clap's measure and threshold for its own suggestions) is
/// above 0.7, ignoring case. A name with a dot is compared with the full names, another with
/// the short ones.
pub fn similar(name: &str) -> Vec<String> {
    let candidates = catalog::CONTRACTS.iter().map(|full| {
        if name.contains('.') {
            *full
        } else {
            full.rsplit('.').next().unwrap_or(full)
        }
    });
    let lower = name.to_lowercase();
    let mut scored: Vec<(f64, &str)> = Vec::new();
    for candidate in candidates {
        let candidate_lower = candidate.to_lowercase();
        if candidate_lower == lower {
            return vec![candidate.to_owned()];
        }
        let score = strsim::jaro(&lower, &candidate_lower);
        if score > 0.7 {
            scored.push((score, candidate));
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(MAX_SIMILAR)
        .map(|(_, name)| name.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::similar;

    #[test]
    fn a_name_in_another_case_is_the_only_suggestion() {
        assert_eq!(similar("authrequest"), ["AuthRequest"]);
        assert_eq!(
            similar("cebes.di.h2h.api.models.authresponse"),
            ["Cebes.DI.H2H.Api.Models.AuthResponse"]
        );
    }

    #[test]
    fn close_names_come_closest_first() {
        let found = similar("AuthRequst");
        assert_eq!(found.first().map(String::as_str), Some("AuthRequest"));
        assert!(found.len() <= super::MAX_SIMILAR, "{found:?}");
        assert_eq!(
            similar("Cebes.DI.H2H.Api.Models.BaseReqest").first(),
            Some(&"Cebes.DI.H2H.Api.Models.BaseRequest".to_owned())
        );
    }

    #[test]
    fn a_name_like_none_has_no_suggestion() {
        assert!(similar("Zzzzzz").is_empty());
    }
}
