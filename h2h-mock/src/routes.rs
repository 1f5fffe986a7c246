//! Which endpoint a request is for, as Web API's routing and action selection decide it:
//! segments compared ignoring case, `{parameter}` segments binding any text, and the
//! 404 or 405 that Web API answers when nothing matches.

use std::borrow::Cow;
use std::collections::BTreeSet;

use datacontract::Method;

use crate::webapi;

/// A route template, split into segments.
#[derive(Debug, Clone)]
pub(crate) struct Template {
    segments: Vec<Segment>,
}

#[derive(Debug, Clone)]
enum Segment {
    Literal(String),
    Parameter(String),
}

impl Template {
    pub(crate) fn parse(route: &str) -> Template {
        let path = dotnet_rules::routes::path(route);
        let segments = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| match dotnet_rules::routes::parameter(s) {
                Some(name) => Segment::Parameter(name.to_owned()),
                None => Segment::Literal(s.to_owned()),
            })
            .collect();
        Template { segments }
    }

    /// The route values of `path` (decoded segments), if it matches.
    pub(crate) fn matches(&self, path: &[Cow<'_, str>]) -> Option<Vec<(String, String)>> {
        if path.len() != self.segments.len() {
            return None;
        }
        let mut values = Vec::new();
        for (segment, given) in self.segments.iter().zip(path) {
            match segment {
                Segment::Literal(literal) if literal.eq_ignore_ascii_case(given) => {}
                Segment::Literal(_) => return None,
                Segment::Parameter(name) => values.push((name.clone(), given.to_string())),
            }
        }
        Some(values)
    }

    /// The controller's name: the first segment, as the route `{controller}/{action}` binds
    /// it.
    pub(crate) fn controller(&self) -> Option<&str> {
        match self.segments.first() {
            Some(Segment::Literal(name)) => Some(name),
            _ => None,
        }
    }
}

/// What routing found for a request, by index into the endpoint list.
#[derive(Debug)]
pub(crate) enum Routed {
    /// The endpoint, and the route values.
    Found(usize, Vec<(String, String)>),
    /// Web API's 405: the path has endpoints, none with this method; their methods.
    MethodNotAllowed(Vec<&'static str>),
    /// Web API's 404, with its MessageDetail.
    NotFound(String),
}

/// Routes `path` (decoded segments) for `method` among `templates` (with each endpoint's
/// method).
pub(crate) fn route(
    templates: &[(Method, Template)],
    method: &str,
    path: &[Cow<'_, str>],
) -> Routed {
    let mut allowed = BTreeSet::new();
    for (i, (m, template)) in templates.iter().enumerate() {
        if let Some(values) = template.matches(path) {
            if m.as_str() == method {
                return Routed::Found(i, values);
            }
            allowed.insert(m.as_str());
        }
    }
    if !allowed.is_empty() {
        return Routed::MethodNotAllowed(allowed.into_iter().collect());
    }
    // Which of Web API's 404s: no route template of the shape (`{controller}/{action}`
    // needs two segments), no controller of that name, or no action of that name on it.
    let Some(controller) = path.first() else {
        return Routed::NotFound(webapi::NO_ROUTE_DATA.to_owned());
    };
    let known = templates
        .iter()
        .filter_map(|(_, t)| t.controller())
        .find(|c| c.eq_ignore_ascii_case(controller.as_ref()));
    match (known, path.get(1)) {
        (_, None) => Routed::NotFound(webapi::NO_ROUTE_DATA.to_owned()),
        (None, Some(_)) => Routed::NotFound(webapi::controller_not_found(controller)),
        (Some(known), Some(action)) => {
            Routed::NotFound(webapi::action_name_not_found(known, action))
        }
    }
}

/// A path's segments, percent-decoded (`%20` as a space; `+` stays, as in a URI path).
pub(crate) fn segments(path: &str) -> Vec<Cow<'_, str>> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            // Most segments hold no escape: nothing to decode.
            if s.contains('%') {
                percent_encoding::percent_decode_str(s).decode_utf8_lossy()
            } else {
                Cow::Borrowed(s)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Vec<(Method, Template)> {
        vec![
            (Method::Post, Template::parse("Session/Logout")),
            (Method::Get, Template::parse("api/Scalars/{id}")),
            (Method::Put, Template::parse("api/Collections")),
        ]
    }

    #[test]
    fn routes_ignore_case_and_bind_parameters() {
        let t = table();
        assert!(
            matches!(route(&t, "POST", &segments("/session/LOGOUT")), Routed::Found(0, v) if v.is_empty())
        );
        match route(&t, "GET", &segments("/api/scalars/7")) {
            Routed::Found(1, values) => assert_eq!(values, [("id".to_owned(), "7".to_owned())]),
            other => panic!("{other:?}"),
        }
        assert!(
            matches!(route(&t, "GET", &segments("/Session/Logout")), Routed::MethodNotAllowed(m) if m == ["POST"])
        );
        assert!(
            matches!(route(&t, "POST", &segments("/Nope/Logout")), Routed::NotFound(d) if d.contains("controller named 'Nope'"))
        );
        assert!(
            matches!(route(&t, "POST", &segments("/session/Nope")), Routed::NotFound(d) if d.contains("controller 'Session' that matches the name 'Nope'"))
        );
        assert!(
            matches!(route(&t, "POST", &segments("/")), Routed::NotFound(d) if d == webapi::NO_ROUTE_DATA)
        );
    }
}
