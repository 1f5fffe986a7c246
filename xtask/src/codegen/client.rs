//! The typed client's method per endpoint (`client.session_logout(&request)`), over the
//! generic `Client::call`. Written for the target whose models the client crate serves.

use std::collections::{BTreeMap, HashMap};

use h2h_schema::naming;
use h2h_schema::Api;
use proc_macro2::{Ident, Span};
use quote::quote;

use super::docs::{doc_attrs, sanitize};
use super::rust_file;

/// Writes `file`: an `impl Client` with one method per endpoint of `api`.
pub fn generate(api: &Api, file: &str, schema_dir: &str, out: &mut BTreeMap<String, String>) {
    let names = method_names(api);
    let methods = api.endpoints.iter().zip(&names).map(|(e, name)| {
        let method = Ident::new(name, Span::call_site());
        let marker = Ident::new(&e.rust_name, Span::call_site());
        let endpoint = quote! { ::h2h_models::endpoints::#marker };
        let mut doc = vec![format!("`{} {}`", e.method, e.route)];
        if !e.summary.is_empty() {
            doc.push(sanitize(&e.summary));
        }
        doc.push(format!(
            "Calls [`{}`](::h2h_models::endpoints::{}) with [`Client::call`].",
            e.rust_name, e.rust_name
        ));
        let doc = doc_attrs(&doc);
        let has_parameters = !e.uri_parameters.is_empty();
        let has_body = e.request.is_some();
        let parameters_arg = has_parameters.then(|| {
            quote! { parameters: &<#endpoint as ::datacontract::Endpoint>::Parameters, }
        });
        let body_arg = has_body.then(|| {
            quote! { request: &<#endpoint as ::datacontract::Endpoint>::Request, }
        });
        let parameters = if has_parameters {
            quote! { parameters }
        } else {
            quote! { &() }
        };
        let body = if has_body {
            quote! { request }
        } else {
            quote! { &() }
        };
        quote! {
            #doc
            pub async fn #method(
                &self,
                #parameters_arg
                #body_arg
            ) -> ::core::result::Result<
                crate::Response<<#endpoint as ::datacontract::Endpoint>::Response>,
                crate::Error,
            > {
                self.call::<#endpoint>(#parameters, #body).await
            }
        }
    });
    let tokens = quote! {
        //! One method per endpoint of the schema, each a [`Client::call`] of its endpoint
        //! marker.
        use crate::Client;

        impl Client {
            #(#methods)*
        }
    };
    out.insert(file.to_owned(), rust_file(tokens, schema_dir));
}

/// Each endpoint's method name: its route's segments in snake case, a parameter as `by_<name>`
/// (`Session/Logout` → `session_logout`, `api/Items/{id}` → `api_items_by_id`), prefixed with
/// the HTTP method where two endpoints share a route (`get_items`, `post_items`).
fn method_names(api: &Api) -> Vec<String> {
    let plain: Vec<String> = api
        .endpoints
        .iter()
        .map(|e| {
            // (A help page's route may show the query string: `...?from={from}`.)
            let words: Vec<String> = dotnet_rules::routes::path(&e.route)
                .split('/')
                .filter(|s| !s.is_empty())
                .map(|segment| match dotnet_rules::routes::parameter(segment) {
                    Some(name) => format!("by_{}", naming::snake_case(name)),
                    None => naming::snake_case(segment),
                })
                .map(|w| w.trim_end_matches('_').to_owned())
                .collect();
            let name: String = words
                .join("_")
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            if name.is_empty() {
                "root".to_owned()
            } else {
                name
            }
        })
        .collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for name in &plain {
        *count.entry(name).or_default() += 1;
    }
    api.endpoints
        .iter()
        .zip(&plain)
        .map(|(e, name)| {
            if count[name.as_str()] > 1 {
                format!("{}_{name}", e.method.to_lowercase())
            } else {
                name.clone()
            }
        })
        .map(|name| naming::snake_case(&name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn method_names_come_from_the_routes() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let api = h2h_schema::load_dir(&root.join("schema/tests/all-types"), &root).unwrap();
        let mut names: Vec<(String, String)> = api
            .endpoints
            .iter()
            .map(|e| format!("{} {}", e.method, e.route))
            .zip(method_names(&api))
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                (
                    "GET api/Scalars/{id}".to_owned(),
                    "api_scalars_by_id".to_owned()
                ),
                (
                    "PUT api/Collections".to_owned(),
                    "api_collections".to_owned()
                ),
            ]
        );
        // A route with its query string shown, and characters no identifier has.
        let mut odd = api.clone();
        odd.endpoints[0].route = "Account/Statement-Lines/{accountNo}?from={from}&to={to}".into();
        assert_eq!(
            method_names(&odd)[0],
            "account_statement_lines_by_account_no"
        );
        // Two methods on one route are told apart by the method.
        let mut two = api.clone();
        let mut post = two.endpoints[0].clone();
        post.method = "POST".into();
        two.endpoints.push(post);
        let names = method_names(&two);
        assert!(names.iter().any(|n| n.starts_with("post_")), "{names:?}");
        assert_eq!(
            names.iter().collect::<std::collections::HashSet<_>>().len(),
            names.len()
        );
    }
}
