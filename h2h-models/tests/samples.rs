//! The help page's samples (`h2h_models::sample`) against the documented ones.
//!
//! - Every endpoint of the embedded schema (`schema/api`) gets its request and response sample
//!   in both formats as an insta snapshot (`tests/snapshots/`), whether or not the page's
//!   samples are in the schema: review new ones with `cargo insta review`.
//! - Every documented sample (`[[endpoint.sample]]`, pasted verbatim from the page) must equal
//!   ours under [`normalize`]: the page's text scrape collapsed whitespace, so whitespace
//!   *between* tokens is not compared; everything else is.
//! - The generator's rules that the seed does not exercise are checked on the test schema
//!   `schema/tests/all-types` and on contracts declared here, with expected values worked out
//!   by hand from the rules (`h2h_models::sample`'s documentation).

#[allow(dead_code, unused_imports, clippy::all)]
#[rustfmt::skip]
use h2h_test_models::all_types;

use std::path::{Path, PathBuf};

use h2h_models::dotnet::DateTimeOffset;
use h2h_models::json::JsonValue;
use h2h_models::sample::{self, HelpPageSample, SampleErrorKind, SampleFormat, SEED_NOW};
use h2h_models::{catalog, ContractVisitor, DataContract, Decimal, Dictionary};
use h2h_schema::ir::{self, Direction};

// ---------------------------------------------------------------------------------------------
// The normalization.

/// A sample's text as a list of tokens, the form in which samples are compared.
///
/// The help page shows each sample in a `<pre>`, but the text scrape it was pasted from
/// collapsed every whitespace run to one space (`{ "token": "sample string 1", ... }`). So only
/// whitespace *between tokens* is layout; it is dropped. Everything else is compared byte for
/// byte:
///
/// - JSON: tokens are strings (quotes, escapes and inner whitespace as written), the structural
///   characters `{ } [ ] : ,`, and literals (numbers, `true`, `false`, `null`), which end at
///   whitespace, so `1 2` and `12` differ.
/// - XML: tokens are tags (`<...>` as written, inner whitespace included, so `<x />` and `<x/>`
///   differ) and text. Whitespace-only text between tags is layout, except between a start tag
///   and its own end tag (`<a> </a>` is content, unlike `<a></a>`). Other text is kept as
///   written, its edges included.
///
/// The format is the documented sample's: XML when its media types contain "xml", else JSON
/// (the help page's own test).
fn normalize(text: &str, format: SampleFormat) -> Vec<String> {
    match format {
        SampleFormat::Json => normalize_json(text),
        SampleFormat::Xml => normalize_xml(text),
    }
}

fn normalize_json(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '{' | '}' | '[' | ']' | ':' | ',' => tokens.push(c.to_string()),
            '"' => {
                let mut end = text.len();
                let mut escaped = false;
                for (i, c) in chars.by_ref() {
                    match c {
                        _ if escaped => escaped = false,
                        '\\' => escaped = true,
                        '"' => {
                            end = i + 1;
                            break;
                        }
                        _ => {}
                    }
                }
                // An unterminated string keeps the rest of the text as one token.
                tokens.push(text[start..end].to_owned());
            }
            _ => {
                let mut end = text.len();
                while let Some(&(i, c)) = chars.peek() {
                    if c.is_whitespace() || "{}[]:,\"".contains(c) {
                        end = i;
                        break;
                    }
                    chars.next();
                }
                tokens.push(text[start..end].to_owned());
            }
        }
    }
    tokens
}

fn normalize_xml(text: &str) -> Vec<String> {
    let mut raw = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            // A tag ends at the first `>` outside quotes.
            let mut quote = None;
            let mut end = rest.len();
            for (i, c) in rest.char_indices().skip(1) {
                match (quote, c) {
                    (None, '"' | '\'') => quote = Some(c),
                    (Some(q), _) if c == q => quote = None,
                    (None, '>') => {
                        end = i + 1;
                        break;
                    }
                    _ => {}
                }
            }
            raw.push(&rest[..end]);
            rest = &rest[end..];
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            raw.push(&rest[..end]);
            rest = &rest[end..];
        }
    }
    let is_tag = |t: &str| t.starts_with('<');
    let is_start = |t: &str| {
        is_tag(t)
            && !t.starts_with("</")
            && !t.starts_with("<?")
            && !t.starts_with("<!")
            && !t.ends_with("/>")
    };
    let is_end = |t: &str| t.starts_with("</");
    let mut tokens = Vec::new();
    for (i, token) in raw.iter().enumerate() {
        let layout = !is_tag(token)
            && token.trim().is_empty()
            && !(i > 0 && is_start(raw[i - 1]) && raw.get(i + 1).is_some_and(|t| is_end(t)));
        if !layout {
            tokens.push((*token).to_owned());
        }
    }
    tokens
}

#[test]
fn normalization_ignores_only_whitespace_between_tokens() {
    let json = SampleFormat::Json;
    let xml = SampleFormat::Xml;
    let same = |a: &str, b: &str, f| assert_eq!(normalize(a, f), normalize(b, f), "{a:?} vs {b:?}");
    let differ =
        |a: &str, b: &str, f| assert_ne!(normalize(a, f), normalize(b, f), "{a:?} vs {b:?}");

    // Layout: the page's indentation and the scrape's single spaces are the same.
    same(
        "{\n  \"a\": 1,\n  \"b\": [\n    true\n  ]\n}",
        "{ \"a\": 1, \"b\": [ true ] }",
        json,
    );
    same("{\"a\":1}", "  { \"a\" :\t1 }\r\n", json);
    same(
        "<a>\n  <b>x</b>\n  <c i:nil=\"true\" />\n</a>",
        "<a> <b>x</b> <c i:nil=\"true\" /> </a>",
        xml,
    );
    same("<a><b/></a>", "<a>\r\n\t<b/>\n</a>", xml);

    // Real differences stay visible.
    differ(
        "{\"a\": \"sample string 1\"}",
        "{\"a\": \"sample  string 1\"}",
        json,
    );
    differ("{\"a\": \"x\"}", "{\"a\": \" x\"}", json);
    differ("{\"a\": 1 2}", "{\"a\": 12}", json);
    differ("{\"a\": 1.0}", "{\"a\": 1}", json);
    differ("{\"a\": 1, \"b\": 2}", "{\"b\": 2, \"a\": 1}", json);
    differ("{\"a\": \"x\\\" y\"}", "{\"a\": \"x\\\"y\"}", json);
    differ("<a>x y</a>", "<a>x  y</a>", xml);
    differ("<a> x</a>", "<a>x</a>", xml);
    differ("<a> </a>", "<a></a>", xml);
    differ("<a></a>", "<a />", xml);
    differ("<x i:nil=\"true\" />", "<x i:nil=\"true\"/>", xml);
    differ("<x a=\"1 2\" />", "<x a=\"12\" />", xml);
    differ("<x a=\"x>y\" />", "<x a=\"x> y\" />", xml);
    differ("<a><b>1</b><c>2</c></a>", "<a><c>2</c><b>1</b></a>", xml);
}

/// Every single-character change to a text changes its normalized form, except changes to
/// whitespace between tokens; checked on every documented sample.
fn assert_normalization_is_strict(text: &str, format: SampleFormat) {
    let original = normalize(text, format);
    for (i, c) in text.char_indices() {
        let mut changed = String::with_capacity(text.len() + 1);
        changed.push_str(&text[..i]);
        if c.is_whitespace() {
            // Deleting whitespace changes a token unless it was layout; adding more is always
            // layout or inside a token (which then differs).
            changed.push_str(&text[i + c.len_utf8()..]);
            let layout = normalize(&changed, format) == original;
            let mut doubled = text[..i].to_owned();
            doubled.push_str("  ");
            doubled.push_str(&text[i + c.len_utf8()..]);
            assert_eq!(
                normalize(&doubled, format) == original,
                layout,
                "whitespace at byte {i} of {text:?} is layout for one change and not the other"
            );
        } else {
            changed.push(if c == 'x' { 'y' } else { 'x' });
            changed.push_str(&text[i + c.len_utf8()..]);
            assert_ne!(
                normalize(&changed, format),
                original,
                "changing byte {i} ({c:?}) of {text:?} is hidden by the normalization"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The embedded schema's endpoints.

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn schema() -> ir::Api {
    let root = workspace();
    h2h_schema::load_dir(&root.join("schema/api"), &root).unwrap_or_else(|e| panic!("{e}"))
}

fn full_name(contract: &ir::Contract) -> String {
    if contract.clr_namespace.is_empty() {
        contract.clr_name.clone()
    } else {
        format!("{}.{}", contract.clr_namespace, contract.clr_name)
    }
}

/// Renders the sample of a body type in one format; `Err` is what the page shows instead.
struct Render {
    format: SampleFormat,
    now: DateTimeOffset,
}

impl Render {
    fn body<T: HelpPageSample + JsonValue>(&self) -> Result<String, String> {
        sample::render::<T>(self.format, self.now)
            .map_err(|e| format!("Sample not available.\n\n({e})"))
    }
}

impl ContractVisitor for Render {
    type Output = Result<String, String>;

    fn visit<T: DataContract + 'static>(self) -> Self::Output {
        self.body::<T>()
    }
}

/// `List<Contract>` / `Contract[]` bodies.
struct RenderList(Render);

impl ContractVisitor for RenderList {
    type Output = Result<String, String>;

    fn visit<T: DataContract + 'static>(self) -> Self::Output {
        self.0.body::<Vec<Option<T>>>()
    }
}

/// The sample of an endpoint's body type. Bodies are contracts or lists of contracts; other
/// body types need a case here.
fn render(api: &ir::Api, ty: &ir::Type, format: SampleFormat, now: DateTimeOffset) -> String {
    let render = Render { format, now };
    let result = match ty {
        ir::Type::Contract(id) => catalog::visit_contract(&full_name(api.contract(*id)), render),
        ir::Type::Collection(_, item) => match &**item {
            ir::Type::Contract(id) => {
                catalog::visit_contract(&full_name(api.contract(*id)), RenderList(render))
            }
            other => panic!("body type List<{other:?}>: add a case to tests/samples.rs `render`"),
        },
        other => panic!("body type {other:?}: add a case to tests/samples.rs `render`"),
    };
    match result {
        Some(Ok(text)) | Some(Err(text)) => text,
        None => panic!("{ty:?} is not in the generated catalog: run `cargo xtask regenerate`"),
    }
}

/// The instant the page's samples were generated: the first date-time with an offset in the
/// endpoint's documented samples of that direction (JSON first), else [`SEED_NOW`].
fn page_now(endpoint: &ir::Endpoint, direction: Direction) -> DateTimeOffset {
    let mut samples: Vec<&ir::Sample> = endpoint
        .samples
        .iter()
        .filter(|s| s.direction == direction)
        .collect();
    samples.sort_by_key(|s| !s.is_json());
    samples
        .iter()
        .find_map(|s| first_timestamp(&s.text))
        .unwrap_or(SEED_NOW)
}

/// The first `yyyy-MM-ddTHH:mm:ss[.f…]±hh:mm` in a text.
fn first_timestamp(text: &str) -> Option<DateTimeOffset> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find_map(|i| {
        let r = &bytes[i..];
        let shape = r.len() >= 25
            && r[..19].iter().enumerate().all(|(j, c)| match j {
                4 | 7 => *c == b'-',
                10 => *c == b'T',
                13 | 16 => *c == b':',
                _ => c.is_ascii_digit(),
            });
        if !shape {
            return None;
        }
        let mut end = 19;
        if r.get(end) == Some(&b'.') {
            end += 1;
            while r.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
        }
        let zone = r.get(end..end + 6)?;
        let offset = matches!(zone[0], b'+' | b'-')
            && zone[1].is_ascii_digit()
            && zone[2].is_ascii_digit()
            && zone[3] == b':'
            && zone[4].is_ascii_digit()
            && zone[5].is_ascii_digit();
        if !offset {
            return None;
        }
        // Only ASCII was matched, so this is text.
        let stamp = std::str::from_utf8(&r[..end + 6]).ok()?;
        DateTimeOffset::parse_json(stamp, Some(h2h_models::SERVER_UTC_OFFSET_MINUTES)).ok()
    })
}

fn direction_name(direction: Direction) -> &'static str {
    match direction {
        Direction::Request => "request",
        Direction::Response => "response",
    }
}

fn format_of(sample: &ir::Sample) -> Option<SampleFormat> {
    if sample.is_xml() {
        Some(SampleFormat::Xml)
    } else if sample.is_json() {
        Some(SampleFormat::Json)
    } else {
        // application/x-www-form-urlencoded always fails on the page; nothing to compare.
        None
    }
}

fn bodies(endpoint: &ir::Endpoint) -> impl Iterator<Item = (Direction, &ir::Type)> {
    [
        (Direction::Request, endpoint.request.as_ref()),
        (Direction::Response, endpoint.response.as_ref()),
    ]
    .into_iter()
    .filter_map(|(d, ty)| ty.map(|ty| (d, ty)))
}

/// One snapshot per endpoint, body and format: `{Endpoint}_{request|response}_{json|xml}`.
#[test]
fn every_endpoint_sample_is_snapshotted() {
    let api = schema();
    assert!(!api.endpoints.is_empty());
    for endpoint in &api.endpoints {
        for (direction, ty) in bodies(endpoint) {
            let now = page_now(endpoint, direction);
            for (format, ext) in [(SampleFormat::Json, "json"), (SampleFormat::Xml, "xml")] {
                let text = render(&api, ty, format, now);
                let name = format!("{}_{}_{ext}", endpoint.rust_name, direction_name(direction));
                insta::with_settings!({
                    description => format!(
                        "{} {}: {} sample ({format}) at {now}",
                        endpoint.method, endpoint.route, direction_name(direction)
                    ),
                    omit_expression => true,
                }, {
                    insta::assert_snapshot!(name, text);
                });
            }
        }
    }
}

/// Every documented sample equals ours under the normalization.
#[test]
fn documented_samples_match() {
    let api = schema();
    let mut compared = 0;
    let mut failures = Vec::new();
    for endpoint in &api.endpoints {
        for documented in &endpoint.samples {
            let Some(format) = format_of(documented) else {
                continue;
            };
            let ty = match documented.direction {
                Direction::Request => endpoint.request.as_ref(),
                Direction::Response => endpoint.response.as_ref(),
            };
            let Some(ty) = ty else {
                failures.push(format!(
                    "{} {}: a documented {} sample, but no {0} body type",
                    endpoint.method,
                    endpoint.route,
                    direction_name(documented.direction)
                ));
                continue;
            };
            let now = page_now(endpoint, documented.direction);
            let ours = render(&api, ty, format, now);
            compared += 1;
            let (expected, actual) = (
                normalize(&documented.text, format),
                normalize(&ours, format),
            );
            if expected != actual {
                let first = expected
                    .iter()
                    .zip(&actual)
                    .position(|(a, b)| a != b)
                    .unwrap_or(expected.len().min(actual.len()));
                failures.push(format!(
                    "{} {} {} ({}): first difference at token {first}: documented {:?}, ours {:?}\n  documented: {}\n  ours:       {}",
                    endpoint.method,
                    endpoint.route,
                    direction_name(documented.direction),
                    documented.media_types.join(", "),
                    expected.get(first),
                    actual.get(first),
                    expected.join(" "),
                    actual.join(" "),
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {compared} documented samples differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The seed: `POST Session/Logout` documents all 4 samples, and they are ours.
#[test]
fn seed_documents_four_samples_and_reproduces_them() {
    let api = schema();
    let logout = api
        .endpoints
        .iter()
        .find(|e| e.method == "POST" && e.route == "Session/Logout")
        .expect("the seed endpoint");
    assert_eq!(logout.samples.len(), 4);
    for documented in &logout.samples {
        let format = format_of(documented).expect("JSON or XML");
        let ty = match documented.direction {
            Direction::Request => logout.request.as_ref(),
            Direction::Response => logout.response.as_ref(),
        };
        let ours = render(&api, ty.expect("a body"), format, SEED_NOW);
        assert_eq!(
            normalize(&documented.text, format),
            normalize(&ours, format),
            "{ours}"
        );
    }
    // The response's XML: the base class's hidden accessToken (nil) first, the derived one last.
    let xml = sample::render::<h2h_models::AuthResponse>(SampleFormat::Xml, SEED_NOW).unwrap();
    assert!(xml.starts_with(
        "<AuthResponse xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models\">\n  <accessToken i:nil=\"true\" />\n"
    ), "{xml}");
    assert!(
        xml.ends_with("  <accessToken>sample string 1</accessToken>\n</AuthResponse>"),
        "{xml}"
    );
}

#[test]
fn normalization_cannot_hide_a_change_to_a_documented_sample() {
    let api = schema();
    let mut checked = 0;
    for endpoint in &api.endpoints {
        for documented in &endpoint.samples {
            if let Some(format) = format_of(documented) {
                assert_normalization_is_strict(&documented.text, format);
                checked += 1;
            }
        }
    }
    assert!(checked > 0);
    // And on our own layout, which has newlines and indentation.
    for format in [SampleFormat::Json, SampleFormat::Xml] {
        let ours = sample::render::<h2h_models::AuthResponse>(format, SEED_NOW).unwrap();
        assert_normalization_is_strict(&ours, format);
    }
}

#[test]
fn page_now_is_read_from_the_documented_samples() {
    assert_eq!(
        first_timestamp(r#"{ "a": "x", "respTime": "2025-01-23T00:09:38.9648983+07:00" }"#),
        Some(SEED_NOW)
    );
    assert_eq!(first_timestamp("<x>2025-01-22T17:09:38.9648983Z</x>"), None);
    assert_eq!(
        first_timestamp("\"2024-12-31T23:59:59-05:00\"").map(|d| d.to_string()),
        Some("2024-12-31T23:59:59-05:00".to_owned())
    );
}

// ---------------------------------------------------------------------------------------------
// The rules the seed does not exercise, on the test schema `all-types`. Expected values are
// worked out from the rules by hand.

use all_types::{
    Access, Animal, AnyAnimal, Collections, Color, Dog, Item, Mammal, Money, Node, Payment,
    Scalars, State,
};
use h2h_models::dotnet::{DateTime, DateTimeKind, TimeSpan, Uri};
use h2h_models::{Bytes, Guid};

fn gen<T: HelpPageSample>() -> T {
    sample::generate(SEED_NOW).unwrap_or_else(|e| panic!("{e}"))
}

fn s(text: &str) -> Option<String> {
    Some(text.to_owned())
}

fn now_local() -> DateTime {
    DateTime::from_parts(
        2025,
        1,
        23,
        0,
        9,
        38,
        9_648_983,
        DateTimeKind::Local {
            offset_minutes: 420,
        },
    )
    .unwrap()
}

/// Each simple member takes the next number of the object's counter; nullables come from a
/// fresh generator (as if N = 1) and take none; `byte[]` is a collection and takes none.
#[test]
fn scalars_follow_the_counter() {
    let expected = Scalars {
        text: s("sample string 1"),
        flag: true,       // 2
        letter: 'A',      // 3
        octet: 64,        // 4
        signed_octet: 64, // 5
        small: 6,
        small_unsigned: 7,
        number: 8,
        number_unsigned: 9,
        big: 10,
        big_unsigned: 11,
        amount: Decimal::from(12),
        ratio: 13.1,
        ratio_single: 14.1,
        when: now_local(),                         // 15
        when_offset: SEED_NOW,                     // 16
        duration: TimeSpan::from_ticks(1_234_567), // 17
        id: Guid::from_u128(18),                   // 18
        link: Some(Uri::new("http://webapihelppage19.com")),
        data: Some(Bytes(vec![64, 64])), // its own generator: no step
        maybe_flag: Some(true),
        maybe_letter: Some('A'),
        maybe_number: Some(1),
        maybe_amount: Some(Decimal::ONE),
        maybe_ratio: Some(1.1),
        maybe_when: Some(now_local()),
        maybe_when_offset: Some(SEED_NOW),
        maybe_duration: Some(TimeSpan::from_ticks(1_234_567)),
        maybe_id: Some(Guid::from_u128(1)),
        maybe_color: Some(Color::None),
    };
    let actual: Scalars = gen();
    assert!(actual == expected, "{actual:?}\n!=\n{expected:?}");
    // JSON writes decimals with `.0`, floats as N.1, byte[] as base64.
    let json = sample::write(&actual, SampleFormat::Json).unwrap();
    for line in [
        "  \"amount\": 12.0,",
        "  \"ratio\": 13.1,",
        "  \"ratioSingle\": 14.1,",
        "  \"when\": \"2025-01-23T00:09:38.9648983+07:00\",",
        "  \"duration\": \"00:00:00.1234567\",",
        "  \"id\": \"00000000-0000-0000-0000-000000000012\",",
        "  \"link\": \"http://webapihelppage19.com\",",
        "  \"data\": \"QEA=\",",
        "  \"maybeAmount\": 1.0,",
    ] {
        assert!(json.contains(line), "{line} not in {json}");
    }
}

/// The shared instance of `Item` (and of `Money` inside it), numbered from 1 inside each
/// object; an enum is its smallest constant and takes no number.
fn item() -> Item {
    Item {
        name: s("sample string 1"),
        color: Color::None,   // 0 is the smallest constant
        access: Access::NONE, // [Flags]: likewise
        state: State::Open,   // no constant 0: the smallest is Open = 1
        price: Some(money()), // a nested object: no step
    }
}

/// A get-only property is not set (`CanWrite` is false) and takes no number; a private setter
/// is set like any other property.
fn money() -> Money {
    Money {
        currency: s("sample string 1"),
        display: None,
        value: Decimal::from(2),
        issuer: s("sample string 3"),
        scale: -2, // the getter's constant
    }
}

/// Collections hold 2 items from their own generator; complex items are the shared instance;
/// dictionaries interleave keys and values on one generator.
#[test]
fn collections_and_dictionaries() {
    let expected = Collections {
        names: Some(vec![s("sample string 1"), s("sample string 2")]),
        numbers: Some(vec![1, 2]),
        maybe_numbers: Some(vec![Some(1), Some(1)]), // each int? is a fresh generator
        colors: Some(vec![Color::None, Color::None]),
        items: Some(vec![Some(item()), Some(item())]),
        item_array: Some(vec![Some(item()), Some(item())]),
        nested: Some(vec![Some(vec![1, 2]), Some(vec![1, 2])]),
        // key 1, value 2, key 3, value 4
        prices: Some(Dictionary(vec![
            ("sample string 1".to_owned(), Decimal::from(2)),
            ("sample string 3".to_owned(), Decimal::from(4)),
        ])),
        // the values are objects and take no number: keys 1 and 2
        items_by_id: Some(Dictionary(vec![(1, Some(item())), (2, Some(item()))])),
        money_by_currency: Some(Dictionary(vec![
            ("sample string 1".to_owned(), Some(money())),
            ("sample string 2".to_owned(), Some(money())),
        ])),
    };
    let actual: Collections = gen();
    assert!(actual == expected, "{actual:?}\n!=\n{expected:?}");
    // A list body: two items, the same object twice.
    let list: Vec<Option<Item>> = gen();
    assert!(list == vec![Some(item()), Some(item())]);
}

#[test]
fn collections_render_like_the_page() {
    let json = sample::render::<Collections>(SampleFormat::Json, SEED_NOW).unwrap();
    let item = r#"{
      "name": "sample string 1",
      "color": 0,
      "access": 0,
      "state": 1,
      "price": {
        "currency": "sample string 1",
        "display": null,
        "value": 2.0,
        "issuer": "sample string 3",
        "scale": -2
      }
    }"#;
    let expected = format!(
        r#"{{
  "names": [
    "sample string 1",
    "sample string 2"
  ],
  "numbers": [
    1,
    2
  ],
  "maybeNumbers": [
    1,
    1
  ],
  "colors": [
    0,
    0
  ],
  "items": [
    {item},
    {item}
  ],
  "itemArray": [
    {item},
    {item}
  ],
  "nested": [
    [
      1,
      2
    ],
    [
      1,
      2
    ]
  ],
  "prices": {{
    "sample string 1": 2.0,
    "sample string 3": 4.0
  }},
  "itemsById": {{
    "1": {nested_item},
    "2": {nested_item}
  }},
  "moneyByCurrency": {{
    "sample string 1": {{
      "currency": "sample string 1",
      "display": null,
      "value": 2.0,
      "issuer": "sample string 3",
      "scale": -2
    }},
    "sample string 2": {{
      "currency": "sample string 1",
      "display": null,
      "value": 2.0,
      "issuer": "sample string 3",
      "scale": -2
    }}
  }}
}}"#,
        nested_item = item
    );
    assert_eq!(json, expected);
}

/// Properties in reflection order: the most derived class first, then each base, each in
/// declaration order; a member hidden by `new` is not set.
#[test]
fn inheritance_numbers_the_most_derived_class_first() {
    let animal = Animal {
        name: s("sample string 1"),
        legs: 2,
    };
    assert!(gen::<Animal>() == animal);
    let mammal = Mammal {
        fur_color: Color::None, // Mammal: an enum, no step
        name: s("sample string 1"),
        base_name: None, // Animal.name, hidden by Mammal.name: not set
        legs: 2,         // Animal
    };
    assert!(gen::<Mammal>() == mammal);
    let dog = Dog {
        breed: s("sample string 1"), // Dog
        good_boy: true,              // 2
        fur_color: Color::None,      // Mammal
        name: s("sample string 3"),
        base_name: None, // Animal: hidden
        legs: 4,
    };
    assert!(gen::<Dog>() == dog);
    // A member whose type has known subtypes gets the declared type.
    assert!(gen::<AnyAnimal>() == AnyAnimal::Animal(animal));
    // [DataContract] members: declaration order, whatever their Order, non-members included.
    let payment = Payment {
        amount: Decimal::from(1),
        reference: s("sample string 2"),
        // `AuditTrail`, a settable property that is not a data member, takes 3 (HELPPAGE
        // 1.3: the generator sets every settable property).
        pin: s("sample string 4"),
        remark: s("sample string 5"),
    };
    assert!(gen::<Payment>() == payment);
}

/// A recursive contract gets its own unfinished instance: a cycle, which the page cannot
/// serialize ("Sample not available.").
#[test]
fn recursion_is_a_cycle() {
    let err = sample::generate::<Node>(SEED_NOW).unwrap_err();
    assert_eq!(err.kind(), SampleErrorKind::Cycle);
    assert!(err.to_string().contains("Node → Node"), "{err}");
    let err = sample::render::<Vec<Option<Node>>>(SampleFormat::Json, SEED_NOW).unwrap_err();
    assert_eq!(err.kind(), SampleErrorKind::Cycle);
}

// ---------------------------------------------------------------------------------------------
// Rules no schema type exercises, on contracts declared here.

const NS: &str = "http://schemas.datacontract.org/2004/07/Acme.Tests";

/// Negative constants sort last (`Enum.GetValues` orders by unsigned magnitude).
#[derive(Clone, Copy, PartialEq, h2h_models::DataContract)]
#[h2h(
    name = "Temperature",
    namespace = "http://schemas.datacontract.org/2004/07/Acme.Tests"
)]
enum Temperature {
    #[h2h(value = -1)]
    Cold,
    #[h2h(value = 10)]
    Hot,
    #[h2h(value = 5)]
    Mild,
    #[h2h(other)]
    Unknown(i32),
}

mod nothing {
    // The derive's XML writer for an enum without constants ends in an unreachable `Ok`.
    #![allow(unreachable_code)]

    /// No constants at all: null, so a non-nullable member keeps 0.
    #[derive(Clone, Copy, PartialEq, h2h_models::DataContract)]
    #[h2h(
        name = "Nothing",
        namespace = "http://schemas.datacontract.org/2004/07/Acme.Tests"
    )]
    pub enum Nothing {
        #[h2h(other)]
        Unknown(i32),
    }
}
use nothing::Nothing;

#[derive(Clone, PartialEq, h2h_models::DataContract)]
#[h2h(
    name = "Holder",
    namespace = "http://schemas.datacontract.org/2004/07/Acme.Tests"
)]
struct Holder {
    /// A public field: fields get their own generator after the properties.
    #[h2h(field)]
    code: Option<String>,
    first: Option<String>,
    /// Two members of one type: the same instance.
    billing: Option<Money>,
    shipping: Option<Money>,
    temperature: Temperature,
    maybe_temperature: Option<Temperature>,
    nothing: Nothing,
    maybe_nothing: Option<Nothing>,
    /// The value of a nullable takes no number.
    counts: Option<Dictionary<String, Option<i32>>>,
    /// Every item null: the collection is null.
    nothings: Option<Vec<Option<Nothing>>>,
    /// Every item null (stored as 0): the collection is null too.
    zeros: Option<Vec<Nothing>>,
    #[h2h(field)]
    number: i32,
    last: Option<String>,
}

#[test]
fn fields_enums_and_shared_instances() {
    assert_eq!(NS, <Holder as DataContract>::NAMESPACE);
    let expected = Holder {
        first: s("sample string 1"),
        billing: Some(money()),
        shipping: Some(money()),
        temperature: Temperature::Mild,
        maybe_temperature: Some(Temperature::Mild),
        nothing: Nothing::Unknown(0),
        maybe_nothing: None,
        // key 1, value int? (fresh: 1), key 2, value 1
        counts: Some(Dictionary(vec![
            ("sample string 1".to_owned(), Some(1)),
            ("sample string 2".to_owned(), Some(1)),
        ])),
        nothings: None,
        zeros: None,
        last: s("sample string 2"),
        // the fields, numbered from 1 again
        code: s("sample string 1"),
        number: 2,
    };
    let actual: Holder = gen();
    assert!(actual == expected, "{actual:?}\n!=\n{expected:?}");
}

#[test]
fn dictionaries_with_constant_keys_have_one_entry() {
    // bool keys are always true: the second attempt repeats the key and draws no value.
    let flags: Dictionary<bool, Option<String>> = gen();
    assert!(flags == Dictionary(vec![(true, s("sample string 2"))]));
    // Enum keys take no number, so the value is the first one.
    let by_color: Dictionary<Color, Option<String>> = gen();
    assert!(by_color == Dictionary(vec![(Color::None, s("sample string 1"))]));
    // Keys of the shared instance: one entry.
    let by_money: Dictionary<Money, i32> = gen();
    assert!(by_money == Dictionary(vec![(money(), 1)]));
    // Integer keys and string values interleave.
    let names: Dictionary<i32, Option<String>> = gen();
    assert!(names == Dictionary(vec![(1, s("sample string 2")), (3, s("sample string 4"))]));
}

#[test]
fn null_collections_and_bodies() {
    // A null body: "Sample not available.".
    let err = sample::generate::<Nothing>(SEED_NOW).unwrap_err();
    assert_eq!(err.kind(), SampleErrorKind::Null);
    let err = sample::generate::<Vec<Option<Nothing>>>(SEED_NOW).unwrap_err();
    assert_eq!(err.kind(), SampleErrorKind::Null);
    assert!(err.to_string().contains("Sample not available."), "{err}");
    // One non-null item is enough.
    let mixed: Vec<Option<Money>> = gen();
    assert!(mixed == vec![Some(money()), Some(money())]);
}

#[test]
fn now_is_a_parameter() {
    let now = DateTimeOffset::parse_json("2030-06-01T12:00:00-03:00", None).unwrap();
    let scalars: Scalars = sample::generate(now).unwrap();
    assert_eq!(scalars.when.to_string(), "2030-06-01T12:00:00-03:00");
    assert_eq!(scalars.when_offset, now);
    let xml = sample::render::<Scalars>(SampleFormat::Xml, now).unwrap();
    assert!(
        xml.contains("<d2p1:DateTime>2030-06-01T15:00:00Z</d2p1:DateTime>"),
        "{xml}"
    );
}
