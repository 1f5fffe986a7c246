//! The round trips of the issue: the seed page and the test pages under `xtask/tests/pages`
//! (each in the template's HTML and as a text scrape) import into schema entries whose IR equals
//! the hand-written schema (descriptions compared where the page has them), whose generated
//! models are the same, and whose samples are the page's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use h2h_schema::{ir, Api, SourceFile};

use super::model::{ty_of_ir, Kind};
use super::{import, infer, Outcome};

fn pages() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The hand-written seed schema.
fn seed() -> SourceFile {
    SourceFile {
        path: "session.toml".into(),
        text: read(&crate::workspace_root().join("schema/api/session.toml")),
    }
}

fn options(namespace: Option<&str>, bases: &[(&str, &str)]) -> infer::Options {
    infer::Options {
        namespace: namespace.map(str::to_owned),
        bases: bases
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect(),
        types: Vec::new(),
        models: Vec::new(),
    }
}

fn run(page: &str, files: &[SourceFile], opts: &infer::Options) -> Outcome {
    let text = read(&pages().join(page));
    import(
        &text,
        page,
        files,
        Path::new("/nonexistent/schema"),
        Some(Path::new("imported.toml")),
        &crate::workspace_root(),
        opts,
        false,
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn load(files: &[SourceFile]) -> Api {
    h2h_schema::load_sources(files).unwrap_or_else(|d| panic!("{d}"))
}

fn ty(api: &Api, t: &ir::Type) -> String {
    ty_of_ir(api, t).expr("")
}

/// Every fact of the IR that the models depend on, by a readable key.
fn facts(api: &Api) -> BTreeMap<String, String> {
    let mut f = BTreeMap::new();
    for c in &api.contracts {
        let k = format!("contract {}.{}", c.clr_namespace, c.clr_name);
        f.insert(
            format!("{k} rust/xml"),
            format!(
                "{} {} {} dc={}",
                c.rust_name, c.xml_name, c.xml_namespace, c.is_data_contract
            ),
        );
        f.insert(
            format!("{k} base"),
            format!("{:?}", c.base.map(|b| &api.contract(b).clr_name)),
        );
        f.insert(
            format!("{k} known types"),
            format!(
                "{:?}",
                c.known_types
                    .iter()
                    .map(|&b| &api.contract(b).clr_name)
                    .collect::<Vec<_>>()
            ),
        );
        f.insert(format!("{k} description"), c.description.clone());
        f.insert(
            format!("{k} members"),
            c.members
                .iter()
                .map(|m| m.clr_name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        );
        for m in &c.members {
            let mk = format!("{k} member {}", m.clr_name);
            f.insert(
                format!("{mk} shape"),
                format!(
                    "{} {} {} order={:?} required={} emit={} new={} sensitive={} field={}",
                    m.wire_name,
                    m.rust_name,
                    ty(api, &m.ty),
                    m.order,
                    m.required,
                    m.emit_default_value,
                    m.hides_base,
                    m.sensitive,
                    m.is_field
                ),
            );
            f.insert(format!("{mk} description"), m.description.clone());
            f.insert(
                format!("{mk} additional information"),
                format!("{:?}", m.additional_information),
            );
        }
    }
    for e in &api.enums {
        let k = format!("enum {}.{}", e.clr_namespace, e.clr_name);
        f.insert(
            format!("{k} shape"),
            format!(
                "{} {} {} flags={} dc={}",
                e.rust_name, e.xml_name, e.xml_namespace, e.flags, e.is_data_contract
            ),
        );
        f.insert(format!("{k} description"), e.description.clone());
        f.insert(
            format!("{k} undocumented"),
            e.undocumented.clone().unwrap_or_default(),
        );
        let values: Vec<String> = e
            .values
            .iter()
            .map(|v| {
                format!(
                    "{}={} {} {:?}",
                    v.clr_name, v.value, v.rust_name, v.xml_text
                )
            })
            .collect();
        f.insert(format!("{k} values"), values.join(", "));
    }
    for e in &api.endpoints {
        let k = format!("endpoint {} {}", e.method, e.route);
        f.insert(
            format!("{k} shape"),
            format!(
                "{} request={:?} response={:?}",
                e.rust_name,
                e.request.as_ref().map(|t| ty(api, t)),
                e.response.as_ref().map(|t| ty(api, t))
            ),
        );
        f.insert(format!("{k} summary"), e.summary.clone());
        f.insert(
            format!("{k} formats"),
            format!("{:?} {:?}", e.request_formats, e.response_formats),
        );
        for p in &e.uri_parameters {
            f.insert(
                format!("{k} uri {}", p.name),
                format!("{} {:?}", ty(api, &p.ty), p.additional_information),
            );
            f.insert(
                format!("{k} uri {} description", p.name),
                p.description.clone(),
            );
        }
        for (i, s) in e.samples.iter().enumerate() {
            f.insert(
                format!("{k} sample {i} sample"),
                format!("{:?} {:?}\n{}", s.direction, s.media_types, s.text),
            );
        }
    }
    f
}

/// Compares an imported schema with the hand-written one: texts the page does not show
/// (descriptions empty on the import, the `undocumented` wording) are not compared;
/// `samples` turns the expected sample text into what the page shows.
fn assert_same(imported: &Api, expected: &Api, samples: impl Fn(&str) -> String) {
    let (a, b) = (facts(imported), facts(expected));
    let mut problems = Vec::new();
    for key in a
        .keys()
        .chain(b.keys())
        .collect::<std::collections::BTreeSet<_>>()
    {
        let (x, y) = (a.get(key), b.get(key));
        let (Some(x), Some(y)) = (x, y) else {
            problems.push(format!("{key}: imported {x:?}, hand-written {y:?}"));
            continue;
        };
        let same = if key.ends_with(" description") {
            x.is_empty() || x == y
        } else if key.ends_with(" undocumented") {
            x.is_empty() == y.is_empty()
        } else if key.ends_with(" sample") {
            let (head_y, text_y) = y.split_once('\n').unwrap_or((y, ""));
            *x == format!("{head_y}\n{}", samples(text_y))
        } else {
            x == y
        };
        if !same {
            problems.push(format!("{key}:\n  imported:     {x}\n  hand-written: {y}"));
        }
    }
    assert!(
        problems.is_empty(),
        "the import differs from the hand-written schema:\n{}",
        problems.join("\n")
    );
}

fn assert_round_trip(outcome: &Outcome, samples: usize) {
    let mismatches: Vec<&str> = outcome
        .report
        .of(Kind::Undecided)
        .into_iter()
        .filter(|l| l.starts_with("round trip"))
        .collect();
    assert!(mismatches.is_empty(), "{mismatches:#?}");
    assert_eq!(outcome.round_trip, Some(samples), "{:#?}", outcome.report);
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Generated files with doc comments (descriptions) removed.
fn models(api: &Api) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    crate::codegen::generate_target(api, &crate::codegen::TARGETS[0], &mut out);
    out.into_iter()
        // The exports (`exports/`) carry the descriptions, which the page does not have.
        .filter(|(k, _)| !k.starts_with("exports/"))
        .map(|(k, v)| {
            let code: Vec<&str> = v
                .lines()
                .filter(|l| {
                    !l.trim_start().starts_with("///") && !l.trim_start().starts_with("//!")
                })
                .collect();
            (k, code.join("\n"))
        })
        .collect()
}

#[test]
fn the_seed_page_imports_into_the_hand_written_seed_schema() {
    let opts = options(
        None,
        &[
            ("AuthRequest", "BaseRequest"),
            ("AuthResponse", "BaseResponse"),
        ],
    );
    let outcome = run("Session-Logout.txt", &[], &opts);
    let expected = load(&[seed()]);
    assert_same(&outcome.api, &expected, str::to_owned);
    // The same models (modulo the descriptions the page does not have).
    let (ours, theirs) = (models(&outcome.api), models(&expected));
    assert!(
        ours.keys().any(|k| k.ends_with("auth_response.rs")),
        "{:?}",
        ours.keys()
    );
    assert_eq!(ours, theirs);
    // The samples are the page's, verbatim.
    let page = read(&pages().join("Session-Logout.txt"));
    let lines: Vec<&str> = page.lines().collect();
    let page_samples: Vec<&str> = lines
        .windows(2)
        .filter(|w| w[0] == "Sample:")
        .map(|w| w[1])
        .collect();
    let imported: Vec<&str> = outcome.api.endpoints[0]
        .samples
        .iter()
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(imported, page_samples);
    assert_round_trip(&outcome, 4);
    let report = format!("{:?}", outcome.report.lines);
    for fact in [
        "2 class levels",
        "`accessToken` appears twice in XML",
        "`ID` = 1 (JSON number against XML name)",
        "CLR namespace `Cebes.DI.H2H.Api.Models`",
    ] {
        assert!(report.contains(fact), "{fact} not in {report}");
    }
}

#[test]
fn without_base_names_the_bases_are_guessed_and_said_so() {
    let outcome = run("Session-Logout.txt", &[], &options(None, &[]));
    let names: Vec<&str> = outcome
        .api
        .contracts
        .iter()
        .map(|c| c.clr_name.as_str())
        .collect();
    assert!(
        names.contains(&"BaseAuthRequest") && names.contains(&"BaseAuthResponse"),
        "{names:?}"
    );
    let guessed = outcome.report.of(Kind::Guessed).join("\n");
    assert!(
        guessed.contains("named `BaseAuthRequest` (pass --base AuthRequest=Name)"),
        "{guessed}"
    );
}

#[test]
fn importing_the_seed_into_the_seed_schema_changes_nothing() {
    let outcome = run("Session-Logout.txt", &[seed()], &options(None, &[]));
    assert!(outcome.plan.writes.is_empty(), "{:?}", outcome.plan.writes);
    assert!(!outcome.plan.blocked);
    let inferred = outcome.report.of(Kind::Inferred).join("\n");
    assert!(
        inferred.contains("base class `BaseRequest` (same members as the schema's contract)"),
        "{inferred}"
    );
    assert!(
        inferred.contains("endpoint `POST Session/Logout` is already in the schema"),
        "{inferred}"
    );
}

/// A test page: its options, and how many samples it shows.
fn page_case(name: &str) -> (infer::Options, usize) {
    match name {
        "Payment-Submit" => (options(Some("Cebes.DI.H2H.Api.Models"), &[]), 4),
        "Beneficiary-Register" => (
            options(None, &[("BeneficiaryRequest", "AuditedRequest")]),
            4,
        ),
        "Account-Statement" => (options(None, &[]), 2),
        _ => (options(None, &[]), 4),
    }
}

fn check_page(name: &str) {
    let (opts, samples) = page_case(name);
    let expected_file = SourceFile {
        path: format!("{name}.expected.toml").into(),
        text: read(&pages().join(format!("{name}.expected.toml"))),
    };
    let expected = load(&[seed(), expected_file]);
    for (form, collapse_samples) in [("html", false), ("txt", true)] {
        let page = format!("{name}.{form}");
        let outcome = run(&page, &[seed()], &opts);
        assert!(!outcome.plan.blocked, "{page}: {:#?}", outcome.report);
        assert_same(&outcome.api, &expected, |s| {
            if collapse_samples {
                collapse(s)
            } else {
                s.to_owned()
            }
        });
        assert_round_trip(&outcome, samples);
        // The models generate (the emitters panic on tokens that do not parse).
        assert!(
            models(&outcome.api).len() > models(&load(&[seed()])).len(),
            "{page}"
        );
        // What was written is exactly the new entries, in one file.
        assert_eq!(outcome.plan.writes.len(), 1, "{page}");
        assert_eq!(outcome.plan.writes[0].0, PathBuf::from("imported.toml"));
    }
}

#[test]
fn transfer_nested_contract_from_another_namespace_nullables_collections_hidden_member() {
    check_page("Transfer-Create");
}

#[test]
fn statement_uri_parameters_collection_of_contracts_enum_nullables() {
    check_page("Account-Statement");
}

#[test]
fn payment_datacontract_names_namespace_and_order() {
    check_page("Payment-Submit");
}

#[test]
fn beneficiary_three_levels_a_hidden_member_and_enum_collection() {
    check_page("Beneficiary-Register");
}

#[test]
fn legacy_layout_types_from_samples_only() {
    check_page("Inquiry-Balance");
}

#[test]
fn inferences_are_reported() {
    let report = |page: &str| {
        let (opts, _) = page_case(page.split('.').next().unwrap_or(page));
        let o = run(page, &[seed()], &opts);
        o.report
            .lines
            .iter()
            .map(|(k, l)| format!("{k:?}: {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let transfer = report("Transfer-Create.html");
    for line in [
        "Inferred: `TransferRequest.valueDate` is DateTime?",
        "Inferred: `TransferRequest.retryCount` is int?",
        "Inferred: `Party`: CLR namespace `Cebes.DI.H2H.Api.Models.Common`",
        "Inferred: `TransferRequest`: base class `BaseRequest` (same members as the schema's contract)",
        "Guessed: enum `Currency`: its namespace is not visible",
    ] {
        assert!(transfer.contains(line), "{line}\n---\n{transfer}");
    }
    let payment = report("Payment-Submit.html");
    for line in [
        "[DataMember(Order)]",
        "Inferred: `PaymentRequest` is a [DataContract(Name = \"Payment\")]",
        "Guessed: `PaymentRequest`: its XML namespace `http://cebes.example/h2h` does not name a CLR namespace",
        "failed on the server",
    ] {
        assert!(payment.contains(line), "{line}\n---\n{payment}");
    }
    let legacy = report("Inquiry-Balance.html");
    for line in [
        "Guessed: request body: the page shows no type name; `BalanceInquiry` taken from the XML root element",
        "Guessed: `AccountBalance.currency`: the enum's name is not on the page; named `Currency`",
        "Undecided: `AccountBalance.lastMovement`: nullable or not, the sample counter cannot tell",
    ] {
        assert!(legacy.contains(line), "{line}\n---\n{legacy}");
    }
}

fn error_of(text: &str) -> String {
    match import(
        text,
        "bad",
        &[],
        Path::new("/nonexistent"),
        None,
        &crate::workspace_root(),
        &options(None, &[]),
        false,
    ) {
        Ok(_) => panic!("imported a bad page"),
        Err(e) => e,
    }
}

#[test]
fn bad_pages_name_the_section_that_could_not_be_read() {
    let seed_page = read(&pages().join("Session-Logout.txt"));
    let cases: Vec<(String, &str)> = vec![
        (String::new(), "cannot read section `title`"),
        ("Hello world\nsome text".into(), "cannot read section `title`: expected `METHOD route`"),
        ("POST a/b\nsummary".into(), "cannot read section `Request Information`: no known section"),
        (seed_page.replace("{ \"token\"", "{ token"), "cannot read section `Request Formats` sample `application/json, text/json`: invalid JSON at offset 2"),
        (seed_page.replace("</AuthRequest>", "</AuthReq>"), "cannot read section `Request Formats` sample `application/xml, text/xml`: invalid XML"),
        (seed_page.replace("AuthRequestName | Description | Type | Additional information |", "AuthRequestName | Description | Additional information |"), "cannot read section `Body Parameters`: expected a table Name | Description | Type | Additional information"),
        (seed_page.replace("Response Formats\napplication/json, text/json\nSample:\n", "Response Formats\napplication/json, text/json\n"), "cannot read section `Response Formats`: `application/json, text/json` is not followed by `Sample:`"),
        ("<html><body><h1>GET x</h1><h2>Request Information</h2><h3>Body Parameters</h3><table><tr><td>a</td></tr></table></body></html>".into(), "cannot read section `Body Parameters`"),
    ];
    for (page, want) in cases {
        let e = error_of(&page);
        assert!(e.contains(want), "want `{want}`, got: {e}");
    }
}

#[test]
fn a_page_that_differs_from_the_schema_is_a_conflict_not_an_overwrite() {
    // The response gains a member the schema's AuthResponse does not have.
    let page = read(&pages().join("Session-Logout.txt"))
        .replace(
            r#"{ "accessToken": "sample string 1", "respTime": "2025-01-23T00:09:38.9648983+07:00", "userID": "sample string 3", "status": "sample string 4", "respMessage": "sample string 5" }"#,
            r#"{ "accessToken": "sample string 1", "extra": "sample string 2", "respTime": "2025-01-23T00:09:38.9648983+07:00", "userID": "sample string 4", "status": "sample string 5", "respMessage": "sample string 6" }"#,
        )
        .replace(
            r#"<accessToken i:nil="true" /> <respMessage>sample string 5</respMessage> <respTime>2025-01-23T00:09:38.9648983+07:00</respTime> <status>sample string 4</status> <userID>sample string 3</userID> <accessToken>sample string 1</accessToken> </AuthResponse>"#,
            r#"<accessToken i:nil="true" /> <respMessage>sample string 6</respMessage> <respTime>2025-01-23T00:09:38.9648983+07:00</respTime> <status>sample string 5</status> <userID>sample string 4</userID> <accessToken>sample string 1</accessToken> <extra>sample string 2</extra> </AuthResponse>"#,
        );
    let files = [seed()];
    let outcome = import(
        &page,
        "changed",
        &files,
        Path::new("/nonexistent"),
        None,
        &crate::workspace_root(),
        &options(None, &[]),
        false,
    )
    .unwrap();
    assert!(outcome.plan.blocked);
    let conflicts = outcome.report.of(Kind::Conflict).join("\n");
    assert!(
        conflicts.contains("`AuthResponse` differs from the schema's (session.toml:"),
        "{conflicts}"
    );
    assert!(
        conflicts.contains("the schema's entry is kept (--force replaces it)"),
        "{conflicts}"
    );
    // With --force the entry is replaced, and the folder still validates.
    let forced = import(
        &page,
        "changed",
        &files,
        Path::new("/nonexistent"),
        None,
        &crate::workspace_root(),
        &options(None, &[]),
        true,
    )
    .unwrap();
    assert!(!forced.plan.blocked);
    let c = forced
        .api
        .contracts
        .iter()
        .find(|c| c.clr_name == "AuthResponse")
        .unwrap();
    assert_eq!(
        c.members
            .iter()
            .map(|m| m.clr_name.as_str())
            .collect::<Vec<_>>(),
        ["accessToken", "extra"]
    );
    let session = forced
        .plan
        .files
        .iter()
        .find(|f| f.path == Path::new("session.toml"))
        .unwrap();
    // The entry is replaced in place: one AuthResponse, the page's texts.
    assert_eq!(
        session.text.matches("name = \"AuthResponse\"").count(),
        1,
        "{}",
        session.text
    );
    assert!(
        !session
            .text
            .contains("description = \"Response of the session endpoints.\""),
        "{}",
        session.text
    );
}

#[test]
fn a_forced_merge_keeps_the_maintainers_comments() {
    // A page that adds a member (`extra`) to AuthResponse and changes a description.
    let page = read(&pages().join("Session-Logout.txt"))
        .replace(
            r#"{ "accessToken": "sample string 1", "respTime": "2025-01-23T00:09:38.9648983+07:00", "userID": "sample string 3", "status": "sample string 4", "respMessage": "sample string 5" }"#,
            r#"{ "accessToken": "sample string 1", "extra": "sample string 2", "respTime": "2025-01-23T00:09:38.9648983+07:00", "userID": "sample string 4", "status": "sample string 5", "respMessage": "sample string 6" }"#,
        )
        .replace(
            r#"<accessToken i:nil="true" /> <respMessage>sample string 5</respMessage> <respTime>2025-01-23T00:09:38.9648983+07:00</respTime> <status>sample string 4</status> <userID>sample string 3</userID> <accessToken>sample string 1</accessToken> </AuthResponse>"#,
            r#"<accessToken i:nil="true" /> <respMessage>sample string 6</respMessage> <respTime>2025-01-23T00:09:38.9648983+07:00</respTime> <status>sample string 5</status> <userID>sample string 4</userID> <accessToken>sample string 1</accessToken> <extra>sample string 2</extra> </AuthResponse>"#,
        )
        .replace(
            "access token to get access of API",
            "the access token of the API",
        );
    let mut file = seed();
    let edits = [
        ("[[endpoint]]\n", "# maintainer: before the endpoint\n[[endpoint]]\n"),
        (
            "summary = \"logout API\"\n",
            "# maintainer: inside the endpoint\nsummary = \"logout API\" # maintainer: after the summary\n",
        ),
        (
            "[[contract]]\nname = \"AuthResponse\"\n",
            "# maintainer: before AuthResponse\n[[contract]]\nname = \"AuthResponse\" # maintainer: after its name\n# maintainer: inside AuthResponse\n",
        ),
        (
            "[[contract.member]]\nname = \"accessToken\"\ntype = \"string\"\nnew = true\n",
            "# maintainer: before the member\n[[contract.member]]\nname = \"accessToken\"\ntype = \"string\" # maintainer: after the type\nnew = true\n",
        ),
    ];
    for (from, to) in edits {
        assert_eq!(file.text.matches(from).count(), 1, "{from}");
        file.text = file.text.replace(from, to);
    }
    let comments: Vec<&str> = file
        .text
        .lines()
        .filter(|l| l.trim_start().starts_with('#') || l.contains(" # "))
        .collect();
    let forced = import(
        &page,
        "changed",
        std::slice::from_ref(&file),
        Path::new("/nonexistent"),
        None,
        &crate::workspace_root(),
        &options(None, &[]),
        true,
    )
    .unwrap();
    assert!(!forced.plan.blocked);
    let session = &forced
        .plan
        .files
        .iter()
        .find(|f| f.path == Path::new("session.toml"))
        .unwrap()
        .text;
    if std::env::var_os("H2H_SHOW_MERGE").is_some() {
        eprintln!("{session}");
    }
    for c in &comments {
        assert!(session.contains(c), "lost `{c}`:\n{session}");
    }
    // Replaced in place: one AuthResponse, with the new member and the page's description.
    assert_eq!(
        session.matches("name = \"AuthResponse\"").count(),
        1,
        "{session}"
    );
    assert!(
        session.contains("description = \"the access token of the API\""),
        "{session}"
    );
    assert!(
        !session.contains("access token to get access of API"),
        "{session}"
    );
    let auth = &session[session.find("name = \"AuthResponse\"").unwrap()..];
    let auth = &auth[..auth.find("[[enum]]").unwrap_or(auth.len())];
    assert!(auth.contains("name = \"extra\""), "{session}");
    assert!(
        auth.find("name = \"accessToken\"") < auth.find("name = \"extra\""),
        "{session}"
    );
    // The parts the import does not touch are byte for byte the file's.
    let head = &file.text[..file.text.find("[[contract]]").unwrap()];
    let head = &head[..head.find("[[endpoint.sample]]").unwrap()];
    assert!(session.starts_with(head), "{session}");
    let c = forced
        .api
        .contracts
        .iter()
        .find(|c| c.clr_name == "AuthResponse")
        .unwrap();
    assert_eq!(
        c.members
            .iter()
            .map(|m| m.clr_name.as_str())
            .collect::<Vec<_>>(),
        ["accessToken", "extra"]
    );
}

#[test]
fn entries_appended_to_an_existing_file_leave_it_as_it_was() {
    let (opts, _) = page_case("Inquiry-Balance");
    let mut file = seed();
    file.text = file.text.replace(
        "[[endpoint]]\n",
        "# maintainer: before the endpoint\n[[endpoint]] # on the header\n",
    );
    let text = read(&pages().join("Inquiry-Balance.html"));
    let outcome = import(
        &text,
        "Inquiry-Balance.html",
        std::slice::from_ref(&file),
        Path::new("/nonexistent/schema"),
        Some(Path::new("session.toml")),
        &crate::workspace_root(),
        &opts,
        false,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(!outcome.plan.blocked, "{:#?}", outcome.report);
    let session = &outcome
        .plan
        .files
        .iter()
        .find(|f| f.path == Path::new("session.toml"))
        .unwrap()
        .text;
    assert!(session.starts_with(&file.text), "{session}");
    let added = &session[file.text.len()..];
    assert!(
        added.starts_with("\n# Imported by `cargo xtask import` from Inquiry-Balance.html"),
        "{added}"
    );
    assert!(added.contains("[[endpoint]]"), "{added}");
    assert!(added.contains("name = \"AccountBalance\""), "{added}");
    // Both endpoints load from the one file.
    assert_eq!(outcome.api.endpoints.len(), 2);
}

/// `--force` on a contract with a property without [DataMember]: the page shows only the
/// counter gap (`NotAMember2`), so the schema's own property (its name, type and description)
/// stays in the gap, and the round trip still reproduces the page.
#[test]
fn a_forced_merge_keeps_the_schemas_own_non_members() {
    let page = read(&pages().join("Ledger-Post.html"));
    let expected = read(&pages().join("Ledger-Post.expected.toml"));
    let own = "[[contract.member]]\nname = \"Internal\"\ntype = \"string\"\ndescription = \"kept by the maintainer\"\ndata_member = false\n";
    let placeholder =
        "[[contract.member]]\nname = \"NotAMember2\"\ntype = \"bool\"\ndata_member = false\n";
    // The schema's LedgerEntry names its non-member and lacks `memo`, so the page differs.
    let memo = "[[contract.member]]\nname = \"memo\"\ntype = \"string\"\ndescription = \"memo\"\norder = 4\n";
    assert_eq!(expected.matches(placeholder).count(), 1);
    assert_eq!(expected.matches(memo).count(), 1);
    let file = SourceFile {
        path: "ledger.toml".into(),
        text: expected.replace(placeholder, own).replace(memo, ""),
    };
    let opts = options(
        None,
        &[("LedgerEntry", "LedgerBase"), ("LedgerView", "ViewBase")],
    );
    let forced = import(
        &page,
        "Ledger-Post.html",
        std::slice::from_ref(&file),
        Path::new("/nonexistent"),
        None,
        &crate::workspace_root(),
        &opts,
        true,
    )
    .unwrap();
    assert!(!forced.plan.blocked);
    let conflicts = forced.report.of(Kind::Conflict).join("\n");
    assert!(
        conflicts.contains("`LedgerEntry` differs from the schema's"),
        "{conflicts}"
    );
    let inferred = forced.report.of(Kind::Inferred).join("\n");
    assert!(
        inferred.contains("`LedgerEntry`: the schema's properties without [DataMember] (`Internal`) kept in the page's counter gaps"),
        "{inferred}"
    );
    assert_eq!(
        forced.round_trip,
        Some(4),
        "{:?}",
        forced.report.of(Kind::Undecided)
    );
    let entry = forced
        .api
        .contracts
        .iter()
        .find(|c| c.clr_name == "LedgerEntry")
        .unwrap();
    let non_members: Vec<(&str, &str)> = entry
        .non_members
        .iter()
        .map(|n| (n.clr_name.as_str(), n.description.as_str()))
        .collect();
    assert_eq!(non_members, [("Internal", "kept by the maintainer")]);
    assert!(entry.members.iter().any(|m| m.clr_name == "memo"));
    let text = &forced.plan.files[0].text;
    assert!(!text.contains("name = \"NotAMember2\""), "{text}");
}
