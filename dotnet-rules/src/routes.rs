//! ASP.NET Web API route templates as the help page shows them.

/// A route without the query string a help page shows after it
/// (`Account/{no}?from={from}&to={to}`: Web API's `ApiDescription.RelativePath` lists the
/// parameters bound from the query); a `?` inside braces marks an optional parameter
/// (`Items/{id?}`) and stays.
pub fn path(route: &str) -> &str {
    let mut depth = 0usize;
    for (i, c) in route.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            '?' if depth == 0 => return &route[..i],
            _ => {}
        }
    }
    route
}

/// The parameter a route segment stands for: `id` of `{id}`, `{id?}`, `{*id}` and
/// `{id:int}`; `None` for a literal segment.
pub fn parameter(segment: &str) -> Option<&str> {
    let inner = segment.strip_prefix('{')?.strip_suffix('}')?;
    let name = inner.trim_start_matches('*').trim_end_matches('?');
    Some(name.split(':').next().unwrap_or(name))
}

/// The name of an action's `[FromBody]` parameter in the controllers we generate: `request`,
/// with `_` in front while a URI parameter has that name. Web API keys a body's model
/// errors by it (`request`, `request.userID`).
pub fn body_parameter<'a>(uri_parameters: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let mut name = "request".to_owned();
    while uri_parameters.clone().into_iter().any(|n| n == name) {
        name.insert(0, '_');
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_parameters() {
        assert_eq!(path("Account/{no}?from={from}&to={to}"), "Account/{no}");
        assert_eq!(path("Items/{id?}"), "Items/{id?}");
        assert_eq!(path("Session/Logout"), "Session/Logout");
        assert_eq!(parameter("{id:int}"), Some("id"));
        assert_eq!(parameter("{*rest}"), Some("rest"));
        assert_eq!(parameter("{id?}"), Some("id"));
        assert_eq!(parameter("Items"), None);
        assert_eq!(body_parameter(["id"]), "request");
        assert_eq!(body_parameter(["request", "_request"]), "__request");
    }
}
