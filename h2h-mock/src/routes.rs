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

/// The endpoints' route templates, in the endpoints' order, and a tree of their segments: a
/// request is routed in time that grows with its path, not with the number of endpoints.
#[derive(Debug, Default)]
pub(crate) struct Routes {
    templates: Vec<(Method, Template)>,
    root: Node,
}

/// A position in the tree: the segments that may come next, and the templates that end here.
#[derive(Debug, Default)]
struct Node {
    /// Literal segments (compared ignoring ASCII case, as Web API does).
    literals: Vec<(String, Node)>,
    /// A `{parameter}` segment.
    parameter: Option<Box<Node>>,
    /// The templates that end here, by index.
    ends: Vec<usize>,
}

impl Routes {
    /// The routes of `templates` (each with its endpoint's method), in that order.
    pub(crate) fn new(templates: Vec<(Method, Template)>) -> Routes {
        let mut root = Node::default();
        for (i, (_, template)) in templates.iter().enumerate() {
            let mut node = &mut root;
            for segment in &template.segments {
                node = match segment {
                    Segment::Parameter(_) => node.parameter.get_or_insert_with(Box::default),
                    Segment::Literal(literal) => {
                        let at = node
                            .literals
                            .iter()
                            .position(|(l, _)| l.eq_ignore_ascii_case(literal));
                        let at = at.unwrap_or_else(|| {
                            node.literals.push((literal.clone(), Node::default()));
                            node.literals.len() - 1
                        });
                        match node.literals.get_mut(at) {
                            Some((_, child)) => child,
                            None => unreachable!("the literal was found or pushed"),
                        }
                    }
                };
            }
            node.ends.push(i);
        }
        Routes { templates, root }
    }

    /// The template of the endpoint at `index`.
    pub(crate) fn template(&self, index: usize) -> Option<&Template> {
        self.templates.get(index).map(|(_, t)| t)
    }

    /// Routes `path` (decoded segments) for `method`: the first template in order that
    /// matches with this method; else Web API's 405 with the methods of those that match;
    /// else its 404.
    pub(crate) fn route(&self, method: &str, path: &[Cow<'_, str>]) -> Routed {
        let mut matching = Vec::new();
        collect(&self.root, path, &mut matching);
        matching.sort_unstable();
        let mut allowed = BTreeSet::new();
        for &i in &matching {
            let Some((m, template)) = self.templates.get(i) else {
                continue;
            };
            if m.as_str() == method {
                if let Some(values) = template.matches(path) {
                    return Routed::Found(i, values);
                }
            }
            allowed.insert(m.as_str());
        }
        if !allowed.is_empty() {
            return Routed::MethodNotAllowed(allowed.into_iter().collect());
        }
        not_found(&self.templates, path)
    }
}

/// The templates below `node` that match `path` exactly, by index.
fn collect(node: &Node, path: &[Cow<'_, str>], out: &mut Vec<usize>) {
    match path.split_first() {
        None => out.extend_from_slice(&node.ends),
        Some((segment, rest)) => {
            for (literal, child) in &node.literals {
                if literal.eq_ignore_ascii_case(segment) {
                    collect(child, rest, out);
                }
            }
            if let Some(child) = &node.parameter {
                collect(child, rest, out);
            }
        }
    }
}

/// Which of Web API's 404s: no route template of the shape (`{controller}/{action}` needs
/// two segments), no controller of that name, or no action of that name on it.
fn not_found(templates: &[(Method, Template)], path: &[Cow<'_, str>]) -> Routed {
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

    fn table() -> Routes {
        Routes::new(vec![
            (Method::Post, Template::parse("Session/Logout")),
            (Method::Get, Template::parse("api/Scalars/{id}")),
            (Method::Put, Template::parse("api/Collections")),
        ])
    }

    /// What routing means, written as a scan of every template in order.
    fn route_by_scan(
        templates: &[(Method, Template)],
        method: &str,
        path: &[Cow<'_, str>],
    ) -> String {
        let mut allowed = BTreeSet::new();
        for (i, (m, template)) in templates.iter().enumerate() {
            if let Some(values) = template.matches(path) {
                if m.as_str() == method {
                    return format!("{:?}", Routed::Found(i, values));
                }
                allowed.insert(m.as_str());
            }
        }
        if !allowed.is_empty() {
            return format!(
                "{:?}",
                Routed::MethodNotAllowed(allowed.into_iter().collect())
            );
        }
        format!("{:?}", not_found(templates, path))
    }

    /// The tree routes every path as the scan does, over tables where literals, parameters,
    /// repeated templates and other cases overlap.
    #[test]
    fn the_tree_routes_as_a_scan_of_every_template() {
        let routes = [
            "api/Accounts",
            "api/accounts/{id}",
            "API/Accounts/{id}/Statement",
            "api/{x}/Statement",
            "api/Accounts/{id}",
            "Session/Logout",
            "session/Login",
            "{a}/{b}",
            "api/Transfers/{id}",
            "api/Transfers/Inquiry",
        ];
        let methods = [Method::Get, Method::Post, Method::Put, Method::Delete];
        let mut templates = Vec::new();
        for (i, route) in routes.iter().enumerate() {
            templates.push((methods[i % methods.len()], Template::parse(route)));
        }
        let tree = Routes::new(templates.clone());
        let words = [
            "api",
            "API",
            "accounts",
            "Accounts",
            "7",
            "statement",
            "Statement",
            "session",
            "logout",
            "transfers",
            "inquiry",
            "x",
        ];
        let mut paths = vec![String::new()];
        for a in words {
            paths.push(format!("/{a}"));
            for b in words {
                paths.push(format!("/{a}/{b}"));
                for c in words {
                    paths.push(format!("/{a}/{b}/{c}"));
                    paths.push(format!("/{a}/{b}/{c}/{a}"));
                }
            }
        }
        for path in &paths {
            let segments = segments(path);
            for method in ["GET", "POST", "PUT", "DELETE", "PATCH"] {
                assert_eq!(
                    format!("{:?}", tree.route(method, &segments)),
                    route_by_scan(&templates, method, &segments),
                    "{method} {path}"
                );
            }
        }
    }

    #[test]
    fn routes_ignore_case_and_bind_parameters() {
        let t = table();
        assert!(
            matches!(t.route("POST", &segments("/session/LOGOUT")), Routed::Found(0, v) if v.is_empty())
        );
        match t.route("GET", &segments("/api/scalars/7")) {
            Routed::Found(1, values) => assert_eq!(values, [("id".to_owned(), "7".to_owned())]),
            other => panic!("{other:?}"),
        }
        assert!(
            matches!(t.route("GET", &segments("/Session/Logout")), Routed::MethodNotAllowed(m) if m == ["POST"])
        );
        assert!(
            matches!(t.route("POST", &segments("/Nope/Logout")), Routed::NotFound(d) if d.contains("controller named 'Nope'"))
        );
        assert!(
            matches!(t.route("POST", &segments("/session/Nope")), Routed::NotFound(d) if d.contains("controller 'Session' that matches the name 'Nope'"))
        );
        assert!(
            matches!(t.route("POST", &segments("/")), Routed::NotFound(d) if d == webapi::NO_ROUTE_DATA)
        );
    }
}
