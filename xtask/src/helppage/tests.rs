//! The exporter against the importer's readers: every page it renders reads back into the same
//! page model, in both forms.

use super::*;
use crate::import::page::Form;

fn load(dir: &str) -> Api {
    let root = crate::workspace_root();
    h2h_schema::load_dir(&root.join(dir), &root).unwrap_or_else(|e| panic!("{e}"))
}

/// The page model without what only a reader adds (its notes) and with the samples as the
/// text scrape collapses them.
fn comparable(mut page: Page, form: Form) -> Page {
    page.notes.clear();
    page.form = form;
    if form == Form::Text {
        for b in [&mut page.request, &mut page.response] {
            for g in &mut b.samples {
                if let SampleContent::Text(t) = &mut g.content {
                    *t = crate::import::html::collapse(t);
                }
            }
        }
    }
    page
}

#[test]
fn rendered_pages_read_back_into_the_same_page_model() {
    let mut checked = 0;
    for dir in [
        "schema/api",
        "schema/tests/all-types",
        "schema/tests/corpus",
    ] {
        let api = load(dir);
        // The endpoints, and a page per contract (the round trip's cases).
        for e in &super::round_trip::cases(&api) {
            for form in [Form::Html, Form::Text] {
                let page = api_page(&api, e, form);
                let rendered = match form {
                    Form::Html => html::api_page(&page),
                    Form::Text => text::api_page(&page),
                };
                let read = crate::import::read_page(&rendered)
                    .unwrap_or_else(|err| panic!("{err}\n{rendered}"));
                let (mut want, got) = (comparable(page, form), comparable(read, form));
                if form == Form::Text {
                    // The scrape has no links.
                    for r in want
                        .uri_parameters
                        .iter_mut()
                        .chain(want.request.rows.iter_mut().flatten())
                        .chain(want.response.rows.iter_mut().flatten())
                    {
                        r.type_is_link = false;
                    }
                }
                assert_eq!(
                    format!("{want:#?}"),
                    format!("{got:#?}"),
                    "{} {} ({form:?}):\n{rendered}",
                    e.method,
                    e.route
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 2 * (5 + 11 + 47));
}

/// Every ResourceModel page of every schema reads back into the same model page.
#[test]
fn model_pages_read_back() {
    let mut checked = 0;
    for dir in [
        "schema/api",
        "schema/tests/all-types",
        "schema/tests/corpus",
    ] {
        let api = load(dir);
        for m in model_pages(&api) {
            let rendered = html::model_page(&m);
            let read = crate::import::page::read_model_page(&rendered)
                .unwrap_or_else(|e| panic!("{e}\n{rendered}"));
            assert_eq!(read, m, "{rendered}");
            checked += 1;
        }
    }
    assert_eq!(
        checked,
        4 + 1 + 9 + 3 + 47 + 6,
        "contracts and enums of the three schemas"
    );
}

#[test]
fn friendly_ids() {
    assert_eq!(
        friendly_id("GET", "api/Products/{id}"),
        "GET-api-Products-id"
    );
    assert_eq!(
        friendly_id("GET", "api/Products?category={category}&page.size={size}"),
        "GET-api-Products_category_page-size"
    );
}

#[test]
fn the_seed_page_as_the_vendor_shows_it() {
    let api = load("schema/api");
    let page = api_page(&api, &api.endpoints[0], Form::Text);
    let ours = text::api_page(&page);
    let theirs = std::fs::read_to_string(
        crate::workspace_root().join("xtask/tests/pages/Session-Logout.txt"),
    )
    .unwrap();
    // The samples are the vendor's, byte for byte (after the scrape's collapsing).
    let samples = |t: &str| -> Vec<String> {
        let lines: Vec<&str> = t.lines().collect();
        lines
            .windows(2)
            .filter(|w| w[0] == "Sample:")
            .map(|w| w[1].to_owned())
            .collect()
    };
    assert_eq!(samples(&ours), samples(&theirs));
}
