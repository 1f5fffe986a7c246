//! The h2h benchmark suite (issue #9): XML and JSON, write and read, for the seed's
//! `AuthRequest` and `AuthResponse` and a list of 10,000 `AuthResponse`s, each next to its
//! baselines in the same process. After criterion's run it prints the table of ratios of
//! medians against the targets (also written to `target/criterion/h2h-ratios.md`).
//!
//! `cargo bench -p h2h-benches --bench suite` (criterion's arguments after `--`; a filter runs a
//! subset and the table shows what was measured).

mod direct;
mod hand_read;
mod instant_xml_models;
mod qx_serde;
mod same_xml;
mod serde_json_baseline;
mod xmlity_models;
mod xsd_parser_models;
mod yaserde_models;

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion};
use h2h_models::{AuthRequest, AuthResponse};
use serde_json_baseline::{SAuthRequest, SAuthResponse};

/// Items in the large document.
const LIST_LEN: usize = 10_000;

const REQUEST_XML: &[u8] =
    include_bytes!("../../h2h-models/tests/fixtures/dotnet-vectors/seed-auth-request/value.xml");
const RESPONSE_XML: &[u8] =
    include_bytes!("../../h2h-models/tests/fixtures/dotnet-vectors/seed-auth-response/value.xml");

struct Data {
    req: AuthRequest,
    resp: AuthResponse,
    list: Vec<AuthResponse>,
    req_xml: Vec<u8>,
    resp_xml: Vec<u8>,
    list_xml: Vec<u8>,
    req_json: Vec<u8>,
    resp_json: Vec<u8>,
    list_json: Vec<u8>,
    s_req: SAuthRequest,
    s_resp: SAuthResponse,
    s_list: Vec<SAuthResponse>,
    q_req: qx_serde::QAuthRequest,
    q_resp: qx_serde::QAuthResponse,
    q_list: qx_serde::QList,
    y_req: yaserde_models::YAuthRequest,
    y_resp: yaserde_models::YAuthResponse,
    i_req: instant_xml_models::IAuthRequest,
    i_resp: instant_xml_models::IAuthResponse,
    x_req: xmlity_models::XAuthRequest,
    x_resp: xmlity_models::XAuthResponse,
    p_req: xsd_parser_models::PAuthRequest,
}

/// The seed documents (the .NET corpus's bytes), and the list: the seed response with the
/// user id varied at a fixed width, so that each item is the size of the single document's.
fn data() -> Data {
    let req: AuthRequest = h2h_models::xml::from_slice(REQUEST_XML).expect("seed request");
    let resp: AuthResponse = h2h_models::xml::from_slice(RESPONSE_XML).expect("seed response");
    let list: Vec<AuthResponse> = (0..LIST_LEN)
        .map(|i| AuthResponse {
            user_id: Some(format!("sample st{i:06}")),
            ..resp.clone()
        })
        .collect();
    assert_eq!(
        resp.user_id.as_deref().map(str::len),
        Some("sample st000000".len())
    );
    let req_xml = h2h_models::xml::to_vec(&req).unwrap();
    let resp_xml = h2h_models::xml::to_vec(&resp).unwrap();
    assert_eq!(req_xml, REQUEST_XML, "the models write the corpus bytes");
    assert_eq!(resp_xml, RESPONSE_XML, "the models write the corpus bytes");
    Data {
        list_xml: h2h_models::xml::to_vec(&list).unwrap(),
        req_json: serde_json::to_vec(&req).unwrap(),
        resp_json: serde_json::to_vec(&resp).unwrap(),
        list_json: serde_json::to_vec(&list).unwrap(),
        s_req: SAuthRequest::from(&req),
        s_resp: SAuthResponse::from(&resp),
        s_list: list.iter().map(SAuthResponse::from).collect(),
        q_req: qx_serde::request(&req),
        q_resp: qx_serde::response(&resp, true),
        q_list: qx_serde::list(&list),
        y_req: yaserde_models::request(&req),
        y_resp: yaserde_models::response(&resp),
        i_req: instant_xml_models::request(&req),
        i_resp: instant_xml_models::response(&resp),
        x_req: xmlity_models::request(&req),
        x_resp: xmlity_models::response(&resp),
        p_req: xsd_parser_models::request(&req),
        req,
        resp,
        list,
        req_xml,
        resp_xml,
    }
}

/// Every baseline produces the same document or value as the models before anything is
/// timed (byte-exact where the baseline can be; the general crates as far as they can).
fn check(d: &Data) {
    assert_eq!(direct::auth_request(&d.req), d.req_xml);
    assert_eq!(direct::auth_response(&d.resp), d.resp_xml);
    assert_eq!(direct::auth_response_list(&d.list), d.list_xml);
    assert!(hand_read::auth_request(&d.req_xml).unwrap() == d.req);
    assert!(hand_read::auth_response(&d.resp_xml).unwrap() == d.resp);
    assert!(hand_read::auth_response_list(&d.list_xml).unwrap() == d.list);
    assert!(hand_read::bare_events(&d.list_xml) > LIST_LEN * 6);
    let mut dotnet = h2h_models::xml::read_options();
    dotnet.policy = h2h_models::ReadPolicy::Dotnet;
    let (req, report) = h2h_models::xml::from_slice_reported::<AuthRequest>(&d.req_xml, &dotnet)
        .expect("the dotnet policy reads AuthRequest");
    assert!(req == d.req && report.is_empty());
    let (resp, report) = h2h_models::xml::from_slice_reported::<AuthResponse>(&d.resp_xml, &dotnet)
        .expect("the dotnet policy reads AuthResponse");
    assert!(resp == d.resp && report.is_empty());
    assert_eq!(serde_json::to_vec(&d.s_req).unwrap(), d.req_json);
    assert_eq!(serde_json::to_vec(&d.s_resp).unwrap(), d.resp_json);
    assert_eq!(serde_json::to_vec(&d.s_list).unwrap(), d.list_json);
    let q: qx_serde::QAuthRequest =
        quick_xml::de::from_reader(&d.req_xml[..]).expect("quick-xml reads AuthRequest");
    assert_eq!(q, d.q_req);
    let q: qx_serde::QAuthResponseIn =
        quick_xml::de::from_reader(&d.resp_xml[..]).expect("quick-xml reads AuthResponse");
    assert_eq!(q.access_tokens.len(), 2);
    let q: qx_serde::QListIn =
        quick_xml::de::from_reader(&d.list_xml[..]).expect("quick-xml reads the list");
    assert_eq!(q.items.len(), LIST_LEN);
    let y: yaserde_models::YAuthRequest = yaserde::de::from_str(utf8(&d.req_xml)).unwrap();
    assert_eq!(y, d.y_req);
    let y: yaserde_models::YAuthResponseIn = yaserde::de::from_str(utf8(&d.resp_xml)).unwrap();
    assert_eq!(y.access_tokens.len(), 2);
    // instant-xml: the same infoset written (only the root's declarations in another order);
    // the seed documents read into the expected values (both `accessToken`s in one list).
    let (req_xml, resp_xml) = (utf8(&d.req_xml), utf8(&d.resp_xml));
    let i_req = instant_xml_models::to_string(&d.i_req);
    let i_resp = instant_xml_models::to_string(&d.i_resp);
    assert!(same_xml::same_infoset(&i_req, req_xml), "{i_req}");
    assert!(same_xml::same_infoset(&i_resp, resp_xml), "{i_resp}");
    assert_ne!(
        i_req, req_xml,
        "instant-xml now writes the exact bytes: say so"
    );
    let i: instant_xml_models::IAuthRequest = instant_xml::from_str(req_xml).unwrap();
    assert_eq!(i, d.i_req);
    let i: instant_xml_models::IAuthResponseIn = instant_xml::from_str(resp_xml).unwrap();
    assert_eq!(i, instant_xml_models::response_in(&d.resp));
    // xmlity: the same namespace-aware content written (`xmlns:i` on each nil element, `<x/>`);
    // the seed documents read into the expected values, both `accessToken`s in place.
    let x_req = xmlity_models::to_string(&d.x_req);
    let x_resp = xmlity_models::to_string(&d.x_resp);
    assert!(same_xml::same_namespaced(&x_req, req_xml), "{x_req}");
    assert!(same_xml::same_namespaced(&x_resp, resp_xml), "{x_resp}");
    let x: xmlity_models::XAuthRequest = xmlity_models::from_str(req_xml);
    assert_eq!(x, d.x_req);
    let x: xmlity_models::XAuthResponse = xmlity_models::from_str(resp_xml);
    assert_eq!(x, d.x_resp);
    // xsd-parser: AuthRequest only, our exact bytes written and the seed read; it cannot read
    // (nor hold) AuthResponse's second `accessToken`.
    assert_eq!(xsd_parser_models::to_vec(&d.p_req), d.req_xml);
    let p = xsd_parser_models::read_request(req_xml);
    assert!(xsd_parser_models::same(&p, &d.p_req), "{p:?}");
    let e = xsd_parser_models::read_response_error(resp_xml);
    assert!(
        e.contains("UnexpectedEvent") && e.contains("accessToken"),
        "{e}"
    );
    if std::env::var_os("H2H_BENCH_SHOW").is_some() {
        println!("quick-xml serde writes: {}", qx_serde::to_string(&d.q_req));
        println!("quick-xml serde writes: {}", qx_serde::to_string(&d.q_resp));
        println!("yaserde writes: {}", yaserde_models::to_string(&d.y_req));
        println!("yaserde writes: {}", yaserde_models::to_string(&d.y_resp));
        println!("instant-xml writes: {i_req}");
        println!("instant-xml writes: {i_resp}");
        println!("xmlity writes: {x_req}");
        println!("xmlity writes: {x_resp}");
    }
}

fn utf8(b: &[u8]) -> &str {
    std::str::from_utf8(b).unwrap()
}

fn xml_write(c: &mut Runner, d: &Data) {
    let mut g = Group::new(c, "xml_write_AuthRequest");
    g.bench("h2h", || {
        h2h_models::xml::to_vec(black_box(&d.req)).unwrap()
    });
    g.bench("direct", || direct::auth_request(black_box(&d.req)));
    g.bench("alloc_copy", || direct::alloc_copy(black_box(&d.req_xml)));
    g.bench("quick_xml_serde", || {
        qx_serde::to_string(black_box(&d.q_req))
    });
    g.bench("yaserde", || yaserde_models::to_string(black_box(&d.y_req)));
    g.bench("instant_xml", || {
        instant_xml_models::to_string(black_box(&d.i_req))
    });
    g.bench("xmlity", || xmlity_models::to_string(black_box(&d.x_req)));
    g.bench("xsd_parser", || {
        xsd_parser_models::to_vec(black_box(&d.p_req))
    });
    g.finish();

    let mut g = Group::new(c, "xml_write_AuthResponse");
    g.bench("h2h", || {
        h2h_models::xml::to_vec(black_box(&d.resp)).unwrap()
    });
    g.bench("direct", || direct::auth_response(black_box(&d.resp)));
    g.bench("alloc_copy", || direct::alloc_copy(black_box(&d.resp_xml)));
    g.bench("quick_xml_serde", || {
        qx_serde::to_string(black_box(&d.q_resp))
    });
    g.bench("yaserde", || {
        yaserde_models::to_string(black_box(&d.y_resp))
    });
    g.bench("instant_xml", || {
        instant_xml_models::to_string(black_box(&d.i_resp))
    });
    g.bench("xmlity", || xmlity_models::to_string(black_box(&d.x_resp)));
    g.finish();

    let mut g = Group::new(c, "xml_write_list");
    g.sample_size(20);
    g.bench("h2h", || {
        h2h_models::xml::to_vec(black_box(&d.list)).unwrap()
    });
    g.bench("direct", || direct::auth_response_list(black_box(&d.list)));
    g.bench("alloc_copy", || direct::alloc_copy(black_box(&d.list_xml)));
    g.bench("quick_xml_serde", || {
        qx_serde::to_string(black_box(&d.q_list))
    });
    g.finish();
}

fn xml_read(c: &mut Runner, d: &Data) {
    // As the mock server reads a body (`media::Body::read_body`): the report, the dotnet policy
    // and the server's offset.
    let mut dotnet = h2h_models::xml::read_options();
    dotnet.policy = h2h_models::ReadPolicy::Dotnet;
    let mut g = Group::new(c, "xml_read_AuthRequest");
    let doc = &d.req_xml[..];
    g.bench("h2h", || {
        h2h_models::xml::from_slice::<AuthRequest>(black_box(doc)).unwrap()
    });
    g.bench("h2h_dotnet", || {
        h2h_models::xml::from_slice_reported::<AuthRequest>(black_box(doc), &dotnet).unwrap()
    });
    g.bench("hand_reader", || {
        hand_read::auth_request(black_box(doc)).unwrap()
    });
    g.bench("bare_events", || hand_read::bare_events(black_box(doc)));
    g.bench("quick_xml_serde", || {
        quick_xml::de::from_reader::<_, qx_serde::QAuthRequest>(black_box(doc)).unwrap()
    });
    g.bench("yaserde", || {
        yaserde::de::from_str::<yaserde_models::YAuthRequest>(black_box(utf8(doc))).unwrap()
    });
    g.bench("instant_xml", || {
        instant_xml::from_str::<instant_xml_models::IAuthRequest>(black_box(utf8(doc))).unwrap()
    });
    g.bench("xmlity", || {
        xmlity_models::from_str::<xmlity_models::XAuthRequest>(black_box(utf8(doc)))
    });
    g.bench("xsd_parser", || {
        xsd_parser_models::read_request(black_box(utf8(doc)))
    });
    g.finish();

    let mut g = Group::new(c, "xml_read_AuthResponse");
    let doc = &d.resp_xml[..];
    g.bench("h2h", || {
        h2h_models::xml::from_slice::<AuthResponse>(black_box(doc)).unwrap()
    });
    g.bench("h2h_dotnet", || {
        h2h_models::xml::from_slice_reported::<AuthResponse>(black_box(doc), &dotnet).unwrap()
    });
    g.bench("hand_reader", || {
        hand_read::auth_response(black_box(doc)).unwrap()
    });
    g.bench("bare_events", || hand_read::bare_events(black_box(doc)));
    g.bench("quick_xml_serde", || {
        quick_xml::de::from_reader::<_, qx_serde::QAuthResponseIn>(black_box(doc)).unwrap()
    });
    g.bench("yaserde", || {
        yaserde::de::from_str::<yaserde_models::YAuthResponseIn>(black_box(utf8(doc))).unwrap()
    });
    g.bench("instant_xml", || {
        instant_xml::from_str::<instant_xml_models::IAuthResponseIn>(black_box(utf8(doc))).unwrap()
    });
    g.bench("xmlity", || {
        xmlity_models::from_str::<xmlity_models::XAuthResponse>(black_box(utf8(doc)))
    });
    g.finish();

    let mut g = Group::new(c, "xml_read_list");
    g.sample_size(20);
    let doc = &d.list_xml[..];
    g.bench("h2h", || {
        h2h_models::xml::from_slice::<Vec<AuthResponse>>(black_box(doc)).unwrap()
    });
    g.bench("hand_reader", || {
        hand_read::auth_response_list(black_box(doc)).unwrap()
    });
    g.bench("bare_events", || hand_read::bare_events(black_box(doc)));
    g.bench("quick_xml_serde", || {
        quick_xml::de::from_reader::<_, qx_serde::QListIn>(black_box(doc)).unwrap()
    });
    g.finish();
}

fn json(c: &mut Runner, d: &Data) {
    let mut g = Group::new(c, "json_write_AuthRequest");
    g.bench("h2h", || {
        h2h_models::json::to_vec(black_box(&d.req)).unwrap()
    });
    g.bench("serde_json", || {
        serde_json::to_vec(black_box(&d.s_req)).unwrap()
    });
    g.finish();
    let mut g = Group::new(c, "json_write_AuthResponse");
    g.bench("h2h", || {
        h2h_models::json::to_vec(black_box(&d.resp)).unwrap()
    });
    g.bench("serde_json", || {
        serde_json::to_vec(black_box(&d.s_resp)).unwrap()
    });
    g.finish();
    let mut g = Group::new(c, "json_write_list");
    g.sample_size(20);
    g.bench("h2h", || {
        h2h_models::json::to_vec(black_box(&d.list)).unwrap()
    });
    g.bench("serde_json", || {
        serde_json::to_vec(black_box(&d.s_list)).unwrap()
    });
    g.finish();

    let mut g = Group::new(c, "json_read_AuthRequest");
    let doc = &d.req_json[..];
    g.bench("h2h", || {
        h2h_models::json::from_slice::<AuthRequest>(black_box(doc)).unwrap()
    });
    g.bench("h2h_serde_json", || {
        serde_json::from_slice::<AuthRequest>(black_box(doc)).unwrap()
    });
    g.bench("serde_json", || {
        serde_json::from_slice::<SAuthRequest>(black_box(doc)).unwrap()
    });
    g.finish();
    let mut g = Group::new(c, "json_read_AuthResponse");
    let doc = &d.resp_json[..];
    g.bench("h2h", || {
        h2h_models::json::from_slice::<AuthResponse>(black_box(doc)).unwrap()
    });
    g.bench("h2h_serde_json", || {
        serde_json::from_slice::<AuthResponse>(black_box(doc)).unwrap()
    });
    g.bench("serde_json", || {
        serde_json::from_slice::<SAuthResponse>(black_box(doc)).unwrap()
    });
    g.finish();
    let mut g = Group::new(c, "json_read_list");
    g.sample_size(20);
    let doc = &d.list_json[..];
    g.bench("h2h", || {
        h2h_models::json::from_slice::<Vec<AuthResponse>>(black_box(doc)).unwrap()
    });
    g.bench("serde_json", || {
        serde_json::from_slice::<Vec<SAuthResponse>>(black_box(doc)).unwrap()
    });
    g.finish();
}

// ---- running: criterion, or one routine in a loop for a profiler --------------------------------

/// Criterion, or (with `H2H_PROFILE=group/function`) a plain loop over one routine for
/// callgrind or perf: `H2H_PROFILE_ITERS` times (default 10,000), then the process exits.
enum Runner {
    Criterion(Box<Criterion>),
    Profile { target: String, iters: u64 },
}

struct Group<'a> {
    name: &'static str,
    inner: GroupInner<'a>,
}

enum GroupInner<'a> {
    Criterion(BenchmarkGroup<'a, WallTime>),
    Profile { target: &'a str, iters: u64 },
}

impl<'a> Group<'a> {
    fn new(runner: &'a mut Runner, name: &'static str) -> Self {
        let inner = match runner {
            Runner::Criterion(c) => GroupInner::Criterion(c.benchmark_group(name)),
            Runner::Profile { target, iters } => GroupInner::Profile {
                target,
                iters: *iters,
            },
        };
        Group { name, inner }
    }

    fn sample_size(&mut self, n: usize) {
        if let GroupInner::Criterion(g) = &mut self.inner {
            g.sample_size(n);
        }
    }

    fn bench<O>(&mut self, function: &str, f: impl Fn() -> O) {
        match &mut self.inner {
            GroupInner::Criterion(g) => {
                g.bench_function(function, |b| b.iter(&f));
            }
            GroupInner::Profile { target, iters } => {
                if *target == format!("{}/{function}", self.name) {
                    profile_loop(*iters, f);
                    std::process::exit(0);
                }
            }
        }
    }

    fn finish(self) {
        if let GroupInner::Criterion(g) = self.inner {
            g.finish();
        }
    }
}

/// The loop a profiler looks at (`--toggle-collect='suite::profile_loop*'`).
#[inline(never)]
fn profile_loop<O>(iters: u64, f: impl Fn() -> O) {
    for _ in 0..iters {
        black_box(f());
    }
}

// ---- the table -------------------------------------------------------------------------------

fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    // target/release/deps/suite-… → target/criterion
    let exe = std::env::current_exe().expect("the bench knows its path");
    exe.ancestors().nth(3).map_or_else(
        || PathBuf::from("target/criterion"),
        |t| t.join("criterion"),
    )
}

/// The median (ns) criterion measured for `group/function` in this run.
fn median(dir: &Path, group: &str, function: &str) -> Option<f64> {
    let path = dir
        .join(group)
        .join(function)
        .join("new")
        .join("estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["median"]["point_estimate"].as_f64()
}

fn ns(v: f64) -> String {
    if v >= 1e6 {
        format!("{:.2} ms", v / 1e6)
    } else if v >= 1e3 {
        format!("{:.2} µs", v / 1e3)
    } else {
        format!("{v:.0} ns")
    }
}

enum Target {
    AtMost(f64),
    Within(f64),
    Info,
}

struct Table {
    dir: PathBuf,
    out: String,
    met: usize,
    missed: usize,
}

impl Table {
    /// One row: `a / (b × times)` with its target.
    fn row(&mut self, what: &str, a: (&str, &str), b: (&str, &str), times: f64, target: Target) {
        let (Some(x), Some(y)) = (median(&self.dir, a.0, a.1), median(&self.dir, b.0, b.1)) else {
            return;
        };
        let ratio = x / (y * times);
        let (goal, verdict) = match target {
            Target::AtMost(t) => (format!("≤ {t:.2}"), Some(ratio <= t)),
            Target::Within(p) => (
                format!("{:.2}–{:.2}", 1.0 - p, 1.0 + p),
                Some((1.0 - p..=1.0 + p).contains(&ratio)),
            ),
            Target::Info => (String::new(), None),
        };
        let verdict = match verdict {
            Some(true) => {
                self.met += 1;
                "met"
            }
            Some(false) => {
                self.missed += 1;
                "**missed**"
            }
            None => "",
        };
        let _ = writeln!(
            self.out,
            "| {what} | {} | {} | {ratio:.2} | {goal} | {verdict} |",
            ns(x),
            if times == 1.0 {
                ns(y)
            } else {
                format!("{} ×{times}", ns(y))
            },
        );
    }
}

/// The rivals of issue #19's second part: (table name, criterion function). xsd-parser has
/// `AuthRequest` only.
const RIVALS: [(&str, &str); 3] = [
    ("instant-xml", "instant_xml"),
    ("xmlity", "xmlity"),
    ("xsd-parser", "xsd_parser"),
];

fn print_table() {
    let mut t = Table {
        dir: criterion_dir(),
        out: String::new(),
        met: 0,
        missed: 0,
    };
    t.out.push_str(
        "| ratio of medians | h2h | baseline | ratio | target | |\n|---|---:|---:|---:|---|---|\n",
    );
    use Target::{AtMost, Info, Within};
    for doc in ["AuthRequest", "AuthResponse", "list"] {
        let g = format!("xml_write_{doc}");
        let g = g.as_str();
        t.row(
            &format!("XML write {doc} / direct byte writer"),
            (g, "h2h"),
            (g, "direct"),
            1.0,
            if doc == "list" { Info } else { AtMost(1.25) },
        );
        t.row(
            &format!("XML write {doc} / alloc + copy"),
            (g, "h2h"),
            (g, "alloc_copy"),
            1.0,
            if doc == "list" { Info } else { AtMost(3.5) },
        );
        t.row(
            &format!("XML write {doc}: quick-xml serde / h2h"),
            (g, "quick_xml_serde"),
            (g, "h2h"),
            1.0,
            Info,
        );
        t.row(
            &format!("XML write {doc}: yaserde / h2h"),
            (g, "yaserde"),
            (g, "h2h"),
            1.0,
            Info,
        );
        for (name, f) in RIVALS {
            t.row(
                &format!("XML write {doc}: {name} / h2h"),
                (g, f),
                (g, "h2h"),
                1.0,
                Info,
            );
        }
    }
    for doc in ["AuthRequest", "AuthResponse", "list"] {
        let g = format!("xml_read_{doc}");
        let g = g.as_str();
        t.row(
            &format!("XML read {doc} / hand-written quick-xml reader"),
            (g, "h2h"),
            (g, "hand_reader"),
            1.0,
            if doc == "list" { Info } else { AtMost(1.2) },
        );
        t.row(
            &format!("XML read {doc} / bare event pass"),
            (g, "h2h"),
            (g, "bare_events"),
            1.0,
            if doc == "list" { Info } else { AtMost(2.0) },
        );
        t.row(
            &format!("XML read {doc} (reported, dotnet policy) / bare event pass"),
            (g, "h2h_dotnet"),
            (g, "bare_events"),
            1.0,
            if doc == "list" { Info } else { AtMost(2.0) },
        );
        t.row(
            &format!("XML read {doc}: quick-xml serde / h2h"),
            (g, "quick_xml_serde"),
            (g, "h2h"),
            1.0,
            Info,
        );
        t.row(
            &format!("XML read {doc}: yaserde / h2h"),
            (g, "yaserde"),
            (g, "h2h"),
            1.0,
            Info,
        );
        for (name, f) in RIVALS {
            t.row(
                &format!("XML read {doc}: {name} / h2h"),
                (g, f),
                (g, "h2h"),
                1.0,
                Info,
            );
        }
    }
    for dir in ["write", "read"] {
        for doc in ["AuthRequest", "AuthResponse", "list"] {
            let g = format!("json_{dir}_{doc}");
            let g = g.as_str();
            t.row(
                &format!("JSON {dir} {doc} / serde_json derive"),
                (g, "h2h"),
                (g, "serde_json"),
                1.0,
                if doc == "list" { Info } else { AtMost(1.1) },
            );
            t.row(
                &format!(
                    "JSON {dir} {doc} (serde_json::from_slice, no error path) / serde_json derive"
                ),
                (g, "h2h_serde_json"),
                (g, "serde_json"),
                1.0,
                Info,
            );
        }
    }
    for (fmt, dir) in [
        ("xml", "write"),
        ("xml", "read"),
        ("json", "write"),
        ("json", "read"),
    ] {
        let list = format!("{fmt}_{dir}_list");
        let one = format!("{fmt}_{dir}_AuthResponse");
        t.row(
            &format!(
                "{} {dir} list of {LIST_LEN} / {LIST_LEN} × one AuthResponse",
                fmt.to_uppercase()
            ),
            (&list, "h2h"),
            (&one, "h2h"),
            LIST_LEN as f64,
            Within(0.15),
        );
        // The same ratio for the baseline: how much of the difference any code pays (one
        // document's fixed costs spread over 10,000 items; a 10,000-item vector's growth and
        // cache misses).
        let base = match (fmt, dir) {
            ("xml", "write") => "direct",
            ("xml", "read") => "hand_reader",
            _ => "serde_json",
        };
        t.row(
            &format!("  the same for the baseline ({base})"),
            (&list, base),
            (&one, base),
            LIST_LEN as f64,
            Info,
        );
    }
    let _ = writeln!(t.out, "\n{} targets met, {} missed.", t.met, t.missed);
    println!("\n{}", t.out);
    let _ = std::fs::write(t.dir.join("h2h-ratios.md"), &t.out);
}

fn main() {
    let d = data();
    let mut runner = match std::env::var("H2H_PROFILE") {
        Ok(target) => Runner::Profile {
            target,
            iters: std::env::var("H2H_PROFILE_ITERS")
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(10_000),
        },
        Err(_) => {
            check(&d);
            Runner::Criterion(Box::new(
                Criterion::default()
                    .warm_up_time(Duration::from_millis(1000))
                    .measurement_time(Duration::from_secs(3))
                    .output_directory(&criterion_dir())
                    .configure_from_args(),
            ))
        }
    };
    xml_write(&mut runner, &d);
    xml_read(&mut runner, &d);
    json(&mut runner, &d);
    match runner {
        Runner::Criterion(c) => {
            c.final_summary();
            print_table();
        }
        Runner::Profile { target, .. } => eprintln!("no routine named {target}"),
    }
}
