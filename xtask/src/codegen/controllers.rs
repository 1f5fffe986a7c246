//! IR → ASP.NET Web API controllers for the test server
//! (`conformance/dotnet/generated/<target>.controllers.cs`, only for targets with endpoints;
//! served by `conformance/webapi/Host.cs`, built by `conformance/webapi/build.sh` with the
//! target's contracts from [`super::csharp`]).
//!
//! One `ApiController` per route prefix: a route's first segment names the controller and
//! its second the action, as Web API's route `{controller}/{action}` binds them
//! (`Session/Logout` is `SessionController`'s action named `Logout`). Further segments are
//! `{parameter}`s and get a route of their own in the generated `Routes.Map`; a query string
//! is left to Web API's URI binding. Each action binds its URI parameters and its body
//! (`[FromBody]`) as Web API does and follows the test protocol written at the top of the
//! file (and of `Host.cs`). A route of another shape cannot be served that way: it becomes a
//! C# `#error` naming it, so the host's build fails and says why, while `regenerate` (which
//! also serves the Rust models) goes on.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use h2h_schema::ir::{Api, Endpoint, Primitive, Type};

use super::csharp::{identifier, string_literal, type_ref, OUT_DIR};
use super::{Target, COMMAND};

const HTTP: &str = "global::System.Net.Http";
const WEB_HTTP: &str = "global::System.Web.Http";
const PROTOCOL: &str = "global::H2H.Conformance.WebApi.Protocol";
const STATUS: &str = "global::System.Net.HttpStatusCode";

/// Path of the controllers file of a target.
pub fn path(target: &Target) -> String {
    format!("{OUT_DIR}/{}.controllers.cs", target.name)
}

/// Adds the controllers file of `target` to `out` when its schema has endpoints.
pub fn generate(api: &Api, target: &Target, out: &mut BTreeMap<String, String>) {
    if !api.endpoints.is_empty() {
        out.insert(path(target), file(api, target));
    }
}

/// An endpoint as a controller action.
struct Action<'a> {
    endpoint: &'a Endpoint,
    /// The route's first segment; the class is `<controller>Controller`.
    controller: &'a str,
    /// The route's second segment (`[ActionName]`).
    action: &'a str,
    /// The C# method name (`PostLogout`), unique in its controller.
    method_name: String,
    /// URI parameters: wire name, C# declaration.
    uri_parameters: Vec<(String, String)>,
    /// The body parameter's name, when the endpoint has a request body.
    body_name: Option<String>,
    /// The route template of its own, when the route has `{parameter}` segments.
    template: Option<&'a str>,
}

/// The route's path (without a query string) as controller, action and the names of its
/// `{parameter}` segments; `Err` says why `{controller}/{action}` routing cannot serve it.
fn route_shape(route: &str) -> Result<(&str, &str, Vec<&str>, bool), String> {
    let path = route.split('?').next().unwrap_or_default();
    let segments: Vec<&str> = path.split('/').collect();
    if segments.len() < 2 {
        return Err("it has no action segment (`Controller/Action` is served)".to_owned());
    }
    for (what, segment) in [("controller", segments[0]), ("action", segments[1])] {
        if !is_identifier(segment) {
            return Err(format!(
                "its {what} segment `{segment}` is not a C# identifier"
            ));
        }
    }
    let mut parameters = Vec::new();
    for segment in &segments[2..] {
        match segment
            .strip_prefix('{')
            .and_then(|s| s.strip_suffix('}'))
            .filter(|name| is_identifier(name))
        {
            Some(name) => parameters.push(name),
            None => {
                return Err(format!(
                    "its segment `{segment}` after the action is not a `{{parameter}}`"
                ))
            }
        }
    }
    Ok((segments[0], segments[1], parameters, segments.len() > 2))
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `POST` → `Post`.
fn verb_prefix(method: &str) -> String {
    let mut chars = method.chars();
    match chars.next() {
        Some(first) => first
            .to_ascii_uppercase()
            .to_string()
            .chars()
            .chain(chars.map(|c| c.to_ascii_lowercase()))
            .collect(),
        None => String::new(),
    }
}

/// Whether Web API binds a parameter of this type from the URI without `[FromUri]`.
fn is_simple(ty: &Type) -> bool {
    match ty {
        // Web API's simple types: the primitives, string, decimal, the date types, Guid and
        // what a TypeConverter reads from a string (Uri); not byte[] or object.
        Type::Primitive(p) => !matches!(p, Primitive::Bytes | Primitive::Object),
        Type::Enum(_) => true,
        Type::Nullable(inner) => is_simple(inner),
        Type::Contract(_) | Type::Collection(..) | Type::Dictionary(..) => false,
    }
}

fn file(api: &Api, target: &Target) -> String {
    let mut controllers: BTreeMap<&str, Vec<Action<'_>>> = BTreeMap::new();
    let mut unsupported = Vec::new();
    for endpoint in &api.endpoints {
        let (controller, action, placeholders, own_route) = match route_shape(&endpoint.route) {
            Ok(shape) => shape,
            Err(why) => {
                unsupported.push(format!(
                    "{} {} cannot be served by {{controller}}/{{action}} routing: {why}",
                    endpoint.method, endpoint.route
                ));
                continue;
            }
        };
        let mut uri_parameters: Vec<(String, String)> = endpoint
            .uri_parameters
            .iter()
            .map(|p| {
                let from_uri = if is_simple(&p.ty) {
                    String::new()
                } else {
                    format!("[{WEB_HTTP}.FromUri] ")
                };
                (
                    p.name.clone(),
                    format!("{from_uri}{} {}", type_ref(api, &p.ty), identifier(&p.name)),
                )
            })
            .collect();
        for name in placeholders {
            if !uri_parameters.iter().any(|(n, _)| n == name) {
                uri_parameters.push((name.to_owned(), format!("string {}", identifier(name))));
            }
        }
        let body_name = endpoint.request.as_ref().map(|_| {
            dotnet_rules::routes::body_parameter(uri_parameters.iter().map(|(n, _)| n.as_str()))
        });
        let actions = controllers.entry(controller).or_default();
        let base = format!("{}{action}", verb_prefix(&endpoint.method));
        let mut method_name = base.clone();
        let mut n = 2;
        while actions.iter().any(|a| a.method_name == method_name) {
            method_name = format!("{base}_{n}");
            n += 1;
        }
        actions.push(Action {
            endpoint,
            controller,
            action,
            method_name,
            uri_parameters,
            body_name,
            template: own_route.then(|| endpoint.route.split('?').next().unwrap_or_default()),
        });
    }

    let mut s = String::new();
    header(target, &mut s);
    for why in &unsupported {
        let _ = writeln!(s, "\n#error {why}");
    }
    routes(&controllers, &mut s);
    // The extension methods (`Request.CreateResponse`): System.Web.Http and
    // System.Net.Http.Formatting both declare a static class HttpRequestMessageExtensions in
    // System.Net.Http, so they cannot be called by their class's name. Every type below is
    // written `global::`-qualified, so the directive shadows nothing.
    s.push_str("\nnamespace H2H.Conformance.WebApi.Controllers\n{\n    using System.Net.Http;\n\n");
    let mut first = true;
    for (controller, actions) in &controllers {
        if !first {
            s.push('\n');
        }
        first = false;
        let _ = writeln!(
            s,
            "    // {controller}/...: {}",
            actions
                .iter()
                .map(|a| format!("{} {}", a.endpoint.method, a.endpoint.route))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let _ = writeln!(
            s,
            "    public class {controller}Controller : {WEB_HTTP}.ApiController\n    {{"
        );
        for (i, action) in actions.iter().enumerate() {
            if i > 0 {
                s.push('\n');
            }
            action_decl(api, action, &mut s);
        }
        s.push_str("    }\n");
    }
    s.push_str("}\n");
    s
}

fn header(target: &Target, s: &mut String) {
    let _ = write!(
        s,
        "// @generated by `{COMMAND}` from {schema}. Do not edit by hand.
//
// ASP.NET Web API controllers for the schema's endpoints, served by the h2h test server
// (conformance/webapi/Host.cs, built by conformance/webapi/build.sh with {name}.cs). A route's
// first segment names the controller and its second the action, as the route
// {{controller}}/{{action}} binds them; a route with further {{parameter}} segments gets a route
// of its own (Routes.Map). Bodies are bound with [FromBody] and URI parameters from the URI,
// as Web API does.
//
// Test protocol:
//   request header  X-H2h-Respond: base64 of the response value as JSON. The action reads it
//                   with the server's JSON formatter into the endpoint's response type and
//                   answers Request.CreateResponse(HttpStatusCode.OK, value), which the
//                   negotiated formatter writes. Without it the value is the type's default
//                   (null). An endpoint without a response type answers 204 No Content.
//   request header  X-H2h-Throw: 1 makes the action throw an InvalidOperationException first
//                   (the server error case).
//   response header X-H2h-Bound: base64 of the bound request body as the server's JSON
//                   formatter writes it (same serializer, same settings), on a 200 of an
//                   endpoint that takes a body.
//   response header X-H2h-Bound-Uri: base64 of a JSON object of the bound URI parameters by
//                   name, on a 200 of an endpoint that has URI parameters.
//   An invalid ModelState (a body or parameter that does not bind), or no body where the
//   endpoint takes one (with a model error of our own, Protocol.BodyRequired), is answered as
//   a typical Web API 2 controller does: Request.CreateErrorResponse(
//   HttpStatusCode.BadRequest, ModelState), through Host.cs's WebApi5, since Mono's
//   System.Web.Http 4.0 has no CreateErrorResponse.
",
        schema = target.schema_dir,
        name = target.name,
    );
}

/// `Routes.Map`: a route of its own for every route with `{parameter}` segments (mapped
/// before `{controller}/{action}`).
fn routes(controllers: &BTreeMap<&str, Vec<Action<'_>>>, s: &mut String) {
    let _ = write!(
        s,
        "\nnamespace H2H.Conformance.WebApi\n{{\n    \
         // The routes of endpoints with {{parameter}} segments after the action.\n    \
         public static class Routes\n    {{\n        \
         public static void Map({WEB_HTTP}.HttpRouteCollection routes)\n        {{\n"
    );
    let mut seen = BTreeSet::new();
    for action in controllers.values().flatten() {
        let Some(template) = action.template else {
            continue;
        };
        if !seen.insert(template) {
            continue;
        }
        let _ = writeln!(
            s,
            "            {WEB_HTTP}.HttpRouteCollectionExtensions.MapHttpRoute(routes, {name}, {template}, new {{ controller = {controller}, action = {action} }});",
            name = string_literal(template),
            template = string_literal(template),
            controller = string_literal(action.controller),
            action = string_literal(action.action),
        );
    }
    s.push_str("        }\n    }\n}\n");
}

fn action_decl(api: &Api, a: &Action<'_>, s: &mut String) {
    let e = a.endpoint;
    let summary = e.summary.split_whitespace().collect::<Vec<_>>().join(" ");
    let summary = if summary.is_empty() {
        String::new()
    } else {
        format!(": {summary}")
    };
    let _ = writeln!(s, "        // {} {}{summary}", e.method, e.route);
    let _ = writeln!(
        s,
        "        [{WEB_HTTP}.AcceptVerbs({})]",
        string_literal(&e.method)
    );
    let _ = writeln!(
        s,
        "        [{WEB_HTTP}.ActionName({})]",
        string_literal(a.action)
    );
    let mut parameters: Vec<String> = a.uri_parameters.iter().map(|(_, d)| d.clone()).collect();
    let body = e.request.as_ref().zip(a.body_name.as_deref());
    if let Some((ty, name)) = body {
        parameters.push(format!(
            "[{WEB_HTTP}.FromBody] {} {}",
            type_ref(api, ty),
            identifier(name)
        ));
    }
    let _ = writeln!(
        s,
        "        public {HTTP}.HttpResponseMessage {}({})\n        {{",
        a.method_name,
        parameters.join(", ")
    );
    let _ = writeln!(
        s,
        "            {PROTOCOL}.ThrowIfAsked(this.Request, {});",
        string_literal(&format!("{}Controller.{}", a.controller, a.method_name))
    );
    if let Some((_, name)) = body {
        let _ = writeln!(
            s,
            "            if ({} == null && this.ModelState.IsValid)\n            {{\n                \
             this.ModelState.AddModelError({}, {PROTOCOL}.BodyRequired);\n            }}",
            identifier(name),
            string_literal(name)
        );
    }
    let _ = writeln!(
        s,
        "            if (!this.ModelState.IsValid)\n            {{\n                \
         return global::H2H.Conformance.WebApi.WebApi5.CreateErrorResponse(this.Request, {STATUS}.BadRequest, this.ModelState);\n            }}"
    );
    match &e.response {
        Some(ty) => {
            let _ = writeln!(
                s,
                "            {HTTP}.HttpResponseMessage response = this.Request.CreateResponse({STATUS}.OK, {PROTOCOL}.Respond<{}>(this.Request));",
                type_ref(api, ty)
            );
        }
        None => {
            let _ = writeln!(
                s,
                "            {HTTP}.HttpResponseMessage response = new {HTTP}.HttpResponseMessage({STATUS}.NoContent) {{ RequestMessage = this.Request }};"
            );
        }
    }
    if let Some((ty, name)) = body {
        let _ = writeln!(
            s,
            "            {PROTOCOL}.ReportBound(response, typeof({}), {});",
            type_ref(api, ty),
            identifier(name)
        );
    }
    if !a.uri_parameters.is_empty() {
        let entries: Vec<String> = a
            .uri_parameters
            .iter()
            .map(|(name, _)| format!("{{ {}, {} }}", string_literal(name), identifier(name)))
            .collect();
        let _ = writeln!(
            s,
            "            {PROTOCOL}.ReportBoundUri(response, new global::System.Collections.Generic.Dictionary<string, object> {{ {} }});",
            entries.join(", ")
        );
    }
    s.push_str("            return response;\n        }\n");
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use h2h_schema::SourceFile;

    use super::super::TARGETS;

    fn controllers(toml: &str) -> String {
        let files = [SourceFile {
            path: PathBuf::from("test.toml"),
            text: toml.to_owned(),
        }];
        let api = h2h_schema::load_sources(&files).unwrap_or_else(|d| panic!("{d}"));
        super::file(&api, &TARGETS[0])
    }

    const TWO_ENDPOINTS: &str = r#"
namespace = "Acme.Models"

[[endpoint]]
method = "POST"
route = "Orders/Place"
request = "Order"
response = "Receipt"

[[endpoint]]
method = "GET"
route = "Orders/Status/{id}"
summary = "status of an order"
response = "Receipt"

[[endpoint.uri_parameter]]
name = "id"
type = "int"

[[endpoint]]
method = "DELETE"
route = "Archive/Drop"

[[contract]]
name = "Order"
member = [{ name = "item", type = "string" }]

[[contract]]
name = "Receipt"
member = [{ name = "number", type = "int" }]
"#;

    /// Nothing is special to one endpoint: every endpoint of a schema becomes an action of the
    /// controller its route's first segment names, a GET without body binds only its URI
    /// parameter, and a route with a parameter segment gets a route of its own.
    #[test]
    fn every_endpoint_is_an_action() {
        let cs = controllers(TWO_ENDPOINTS);
        assert!(!cs.contains("#error"), "{cs}");
        // One controller per route prefix, in order.
        let archive = cs.find("public class ArchiveController").expect(&cs);
        let orders = cs.find("public class OrdersController").expect(&cs);
        assert!(archive < orders);
        assert_eq!(cs.matches("ApiController\n").count(), 2, "{cs}");

        // The POST with a body.
        assert!(
            cs.contains(
                "        [global::System.Web.Http.AcceptVerbs(\"POST\")]\n        \
             [global::System.Web.Http.ActionName(\"Place\")]\n        \
             public global::System.Net.Http.HttpResponseMessage PostPlace(\
             [global::System.Web.Http.FromBody] global::Acme.Models.Order request)\n"
            ),
            "{cs}"
        );
        assert!(cs.contains("if (request == null && this.ModelState.IsValid)"));
        assert!(cs.contains(
            "Protocol.ReportBound(response, typeof(global::Acme.Models.Order), request);"
        ));

        // The GET: its URI parameter and no body.
        let get = &cs[cs.find("PostPlace").unwrap()..];
        let get = &get[get
            .find("// GET Orders/Status/{id}: status of an order")
            .expect(&cs)..];
        let get = &get[..get.find("return response;").unwrap()];
        assert!(
            get.contains("[global::System.Web.Http.AcceptVerbs(\"GET\")]"),
            "{get}"
        );
        assert!(
            get.contains("[global::System.Web.Http.ActionName(\"Status\")]"),
            "{get}"
        );
        assert!(
            get.contains("HttpResponseMessage GetStatus(int id)\n"),
            "{get}"
        );
        assert!(
            !get.contains("FromBody") && !get.contains("ReportBound("),
            "{get}"
        );
        assert!(
            get.contains("Respond<global::Acme.Models.Receipt>(this.Request)"),
            "{get}"
        );
        assert!(get.contains(
            "ReportBoundUri(response, new global::System.Collections.Generic.Dictionary<string, object> { { \"id\", id } });"
        ), "{get}");
        assert!(cs.contains(
            "MapHttpRoute(routes, \"Orders/Status/{id}\", \"Orders/Status/{id}\", new { controller = \"Orders\", action = \"Status\" });"
        ), "{cs}");
        assert_eq!(cs.matches("MapHttpRoute(").count(), 1, "{cs}");

        // No request and no response type: no body, 204.
        let drop = &cs[cs.find("DeleteDrop(").expect(&cs)..];
        let drop = &drop[..drop.find("return response;").unwrap()];
        assert!(drop.starts_with("DeleteDrop()\n"), "{drop}");
        assert!(drop.contains("HttpStatusCode.NoContent"), "{drop}");
        assert!(!drop.contains("ReportBound"), "{drop}");
    }

    /// A route `{controller}/{action}` routing cannot serve makes the host's build fail with
    /// the reason; the other endpoints are still generated.
    #[test]
    fn an_unservable_route_is_a_csharp_error() {
        let cs = controllers(&TWO_ENDPOINTS.replace("Archive/Drop", "Archive/Drop/all"));
        assert!(cs.contains(
            "\n#error DELETE Archive/Drop/all cannot be served by {controller}/{action} routing: \
             its segment `all` after the action is not a `{parameter}`\n"
        ), "{cs}");
        assert!(cs.contains("PostPlace("), "{cs}");
        let cs = controllers(&TWO_ENDPOINTS.replace("Archive/Drop", "Archive"));
        assert!(
            cs.contains("#error DELETE Archive cannot be served"),
            "{cs}"
        );
    }

    /// A schema without endpoints gets no controllers file.
    #[test]
    fn no_endpoints_no_file() {
        let files = [SourceFile {
            path: PathBuf::from("test.toml"),
            text: "namespace = \"Acme\"\n[[contract]]\nname = \"A\"\n".to_owned(),
        }];
        let api = h2h_schema::load_sources(&files).unwrap_or_else(|d| panic!("{d}"));
        let mut out = std::collections::BTreeMap::new();
        super::generate(&api, &TARGETS[0], &mut out);
        assert!(out.is_empty());
    }
}
