//! Conformance against the corpus of real .NET outputs (`tests/fixtures/dotnet-vectors`, made by
//! DataContractSerializer and Json.NET under Mono, and `tests/fixtures/own-vectors`, cases it is
//! silent on, made the same way with `conformance/dotnet`): every case runs through the models generated
//! from `schema/tests/corpus` and must agree byte for byte, or be listed below as a deliberate
//! difference, which the test also checks still differs.
//!
//! - Write cases: `value.xml` read and written again is `value.xml`; `value.json` read and
//!   written again is `value.json`; the value read from `value.xml` written as JSON is
//!   `value.json` (so the XML read gives the case's value). Where DCS refuses to write the value
//!   (`dcs-error.txt`), writing the value read from `value.json` fails too. Where .NET's own
//!   round trip differs from the file (`notes.md`), the check wants .NET's bytes, except the
//!   round trips listed in `KEEPS`, where .NET loses information we keep: those want the file.
//! - read-xml cases: our read of `input.xml`, written as JSON, is DCS's result (`json:` line
//!   of `dcs-result.txt`); where DCS fails, ours fails.
//! - read-json cases: the same against `jsonnet-result.txt`.

use h2h_test_models::corpus as corpus_models;

use std::path::{Path, PathBuf};

use corpus_models::catalog;
use h2h_models::{ContractVisitor, DataContract};

/// Round trips where .NET loses what the case's file holds and we keep it: the check wants the
/// file itself (the value written again byte for byte), not .NET's measured round trip.
const KEEPS: &[(&str, &str, &str)] = &[
    ("knowntype-polymorphic", "json→json", "Json.NET builds the declared type and drops a subtype's members; we read the subtype"),
    ("knowntype-polymorphic", "json→xml", "as json→json: we keep the subtype, so DCS's i:type is written"),
    ("knowntype-root-derived", "json→json", "Json.NET builds the declared type and drops a subtype's members; we read the subtype"),
    ("knowntype-root-derived", "json→xml", "as json→json: we keep the subtype, so DCS's i:type is written"),
    ("knowntype-unknown-subtype", "json→json", "Json.NET builds the declared type and drops the subtype's member `extra`; we read the subtype"),
    ("knowntype-container-scope", "json→json", "Json.NET builds the declared type and drops a subtype's members; we read the subtype"),
    ("knowntype-container-scope", "json→xml", "as json→json: we keep the subtype, so DCS's i:type is written"),
    ("poco-fields-readonly-ignored", "json→json", "Json.NET cannot set a private setter and drops `PrivateSetter`; we keep what was sent"),
];

/// Cases where we deliberately differ from .NET, and why. Only where .NET silently loses data,
/// cannot be represented, or accepts syntax serde_json rejects.
const DIFFERENCES: &[(&str, &str, &str)] = &[
    ("read-xml-json-order", "read xml", "DCS skips members out of its order (here nearly all); we read them by name"),
    ("read-xml-reverse-alpha-within-level", "read xml", "DCS skips members out of its order; we read them by name"),
    ("read-xml-list-items", "read xml", "DCS skips a member out of its order inside a collection item; we read it by name"),
    ("read-xml-knowntype", "read xml", "DCS skips a member out of its order (`plain` after `primary`); we read it by name"),
    ("read-xml-date-other-offset", "read xml", "DCS converts the offset to the server's local time; we keep the sender's offset"),
    ("read-xml-date-offset-plus-14", "read xml", "DCS converts the offset to the server's local time; we keep the sender's offset"),
    ("read-xml-date-offset-plus-15", "read xml", "as read-xml-date-offset-plus-14 (DCS accepts +15:00 too, and so do we)"),
    ("read-xml-required-out-of-order", "read xml", "DCS cannot skip past an IsRequired member and refuses the body; the forward policy reads both members (the dotnet policy fails as DCS does)"),
    ("read-xml-serializable-out-of-order", "read xml", "as read-xml-required-out-of-order: every field of a [Serializable] class is required in DCS; the forward policy reads both fields (the dotnet policy fails as DCS does)"),
    ("read-xml-object-xsd-qname", "read xml", "DCS reads an xs:QName into an object member as an XmlQualifiedName; Object does not hold one (its XML form needs a prefix declared for its namespace), so every policy reports it"),
    ("read-xml-object-xsd-qname", "read xml dotnet", "as for read xml"),
    ("read-xml-object-xsd-qname", "read xml forward accepts", "as for read xml"),
    ("read-json-derived-type", "read json", "Json.NET builds the declared type and drops a subtype's members; we read the subtype"),
    ("read-json-repeated-polymorphic-subtype-member", "read json", "Json.NET fills the declared type given again and drops the subtype's member; the forward policy reads the subtype the later object names, in place of the earlier value (the dotnet policy fills the declared type as Json.NET does)"),
    ("read-json-date-offset", "read json", "Json.NET converts the offset to the server's local time; we keep the sender's offset"),
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dotnet-vectors")
}

/// Cases the shared corpus is silent on, made here with the Mono harness (see its README).
fn own_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/own-vectors")
}

/// A case's folder, in either corpus.
fn case_dir(name: &str) -> PathBuf {
    let own = own_fixtures().join(name);
    if own.is_dir() {
        own
    } else {
        fixtures().join(name)
    }
}

fn read(path: &Path) -> Option<Vec<u8>> {
    std::fs::read(path).ok()
}

/// The root type a case names in its `contract.cs` header.
fn root_type(case: &Path) -> String {
    let text = std::fs::read_to_string(case.join("contract.cs")).unwrap_or_default();
    text.lines()
        .find_map(|l| l.strip_prefix("// Root type: "))
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or_default()
        .to_owned()
}

/// What one case did.
#[derive(Debug, Default)]
struct Outcome {
    /// Checks that failed: which check, and a description.
    failures: Vec<(String, String)>,
    checks: usize,
}

impl Outcome {
    fn check(&mut self, check: &str, ok: bool, what: impl FnOnce() -> String) {
        self.checks += 1;
        if !ok {
            self.failures.push((check.to_owned(), what()));
        }
    }
}

fn show(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs every check of one case for the contract type `T`.
struct RunCase<'a> {
    case: &'a Path,
}

impl ContractVisitor for RunCase<'_> {
    type Output = Outcome;

    fn visit<T: DataContract + 'static>(self) -> Outcome {
        run_case::<T>(self.case)
    }
}

/// Each round-trip check and the line of `notes.md` that gives .NET's result for it.
const ROUND_TRIPS: [(&str, &str); 4] = [
    ("xml→xml", "- DCS read of value.xml, written by DCS again"),
    ("xml→json", "- DCS read of value.xml, written by Json.NET"),
    (
        "json→json",
        "- Json.NET read of value.json, written by Json.NET again",
    ),
    ("json→xml", "- Json.NET read of value.json, written by DCS"),
];

/// What .NET measured for a round-trip check, from `notes.md`: `None` when it is identical to
/// the case's file, else the quoted output.
fn measured(case: &Path, check: &str) -> Option<Vec<u8>> {
    let (_, prefix) = ROUND_TRIPS.iter().find(|(c, _)| *c == check)?;
    let notes = std::fs::read_to_string(case.join("notes.md")).unwrap_or_default();
    let line = notes.lines().find(|l| l.starts_with(prefix))?;
    if !line.contains("DIFFERS") {
        return None;
    }
    let start = line.find('`')? + 1;
    let end = line.rfind('`')?;
    Some(line.get(start..end)?.as_bytes().to_vec())
}

fn run_case<T: DataContract>(case: &Path) -> Outcome {
    let mut out = Outcome::default();
    let name = case.file_name().unwrap().to_string_lossy().into_owned();
    let xml = read(&case.join("value.xml"));
    // Where Web API's Json.NET settings write something else than plain Json.NET, the server
    // writes that (`value.webapi.json`), and the notes' round trips (plain Json.NET) do not apply.
    let webapi = read(&case.join("value.webapi.json")).filter(|b| !b.starts_with(b"ERROR"));
    let json = webapi.clone().or_else(|| read(&case.join("value.json")));
    let measured = |case: &Path, check: &str| {
        if webapi.is_some() || KEEPS.iter().any(|(n, c, _)| *n == name && *c == check) {
            None
        } else {
            measured(case, check)
        }
    };
    let compare = |out: &mut Outcome, what: &str, got: Result<Vec<u8>, String>, want: &[u8]| {
        out.check(what, got.as_deref() == Ok(want), || {
            format!(
                "{name}: {what}\n  want {}\n  got  {:?}",
                show(want),
                got.map(|b| show(&b))
            )
        });
    };
    if let Some(xml) = &xml {
        match h2h_models::xml::from_slice::<Option<T>>(xml) {
            Ok(value) => {
                let want = measured(case, "xml→xml").unwrap_or_else(|| xml.clone());
                compare(
                    &mut out,
                    "xml→xml",
                    h2h_models::xml::to_vec(&value).map_err(|e| e.to_string()),
                    &want,
                );
                if let Some(json) = &json {
                    let want = measured(case, "xml→json").unwrap_or_else(|| json.clone());
                    compare(
                        &mut out,
                        "xml→json",
                        h2h_models::json::to_vec(&value).map_err(|e| e.to_string()),
                        &want,
                    );
                }
            }
            Err(e) => compare(&mut out, "reading value.xml", Err(e.to_string()), xml),
        }
    }
    if let Some(json) = &json {
        match h2h_models::json::from_slice::<Option<T>>(json) {
            Ok(value) => {
                let want = measured(case, "json→json").unwrap_or_else(|| json.clone());
                compare(
                    &mut out,
                    "json→json",
                    h2h_models::json::to_vec(&value).map_err(|e| e.to_string()),
                    &want,
                );
                let written = h2h_models::xml::to_vec(&value).map_err(|e| e.to_string());
                if case.join("dcs-error.txt").exists() {
                    out.check("json→xml", written.is_err(), || {
                        format!(
                            "{name}: DCS cannot write this value, but we wrote {:?}",
                            written.map(|b| show(&b))
                        )
                    });
                } else if let Some(xml) = &xml {
                    let want = measured(case, "json→xml").unwrap_or_else(|| xml.clone());
                    compare(&mut out, "json→xml", written, &want);
                }
            }
            Err(e) => compare(&mut out, "reading value.json", Err(e.to_string()), json),
        }
    }
    for (input, result, format) in [
        ("input.xml", "dcs-result.txt", "xml"),
        ("input.json", "jsonnet-result.txt", "json"),
    ] {
        let Some(input) = read(&case.join(input)) else {
            continue;
        };
        let result = std::fs::read_to_string(case.join(result)).unwrap_or_default();
        let ours = if format == "xml" {
            h2h_models::xml::from_slice::<Option<T>>(&input).map_err(|e| e.to_string())
        } else {
            h2h_models::json::from_slice::<Option<T>>(&input).map_err(|e| e.to_string())
        };
        read_policies::<T>(&mut out, &name, format, &input, &result);
        if result.starts_with("OK") {
            let want = result
                .lines()
                .find_map(|l| l.strip_prefix("json: "))
                .unwrap_or_default();
            let got = ours.and_then(|v| h2h_models::json::to_vec(&v).map_err(|e| e.to_string()));
            compare(&mut out, &format!("read {format}"), got, want.as_bytes());
        } else {
            out.check(&format!("read {format}"), ours.is_err(), || {
                format!(
                    "{name}: .NET fails ({})\n  we read {:?}",
                    result.lines().nth(1).unwrap_or_default(),
                    ours.map(|v| format!("{v:?}"))
                )
            });
        }
    }
    out
}

/// A read case under the three read policies (`format` is `xml` or `json`):
/// - `read {format} dotnet`: the dotnet policy gives .NET's value, or fails where .NET fails;
/// - `read {format} forward accepts`: the default policy reads every body .NET reads;
/// - `read {format} strict`: the strict policy fails wherever .NET fails or the dotnet policy
///   reports something .NET drops, picks or converts, and reads the rest as the default
///   policy does.
fn read_policies<T: DataContract>(
    out: &mut Outcome,
    name: &str,
    format: &str,
    input: &[u8],
    result: &str,
) {
    use h2h_models::{json, xml, ReadPolicy};
    let read = |policy: ReadPolicy| -> Result<(Option<T>, h2h_models::Report), String> {
        // The corpus was made at the server's zone, Asia/Jakarta.
        if format == "xml" {
            let mut options = xml::read_options();
            options.policy = policy;
            xml::from_slice_reported::<Option<T>>(input, &options).map_err(|e| e.to_string())
        } else {
            let mut options = json::read_options();
            options.policy = policy;
            json::from_slice_reported::<Option<T>>(input, &options).map_err(|e| e.to_string())
        }
    };
    let reader = if format == "xml" { "DCS" } else { "Json.NET" };
    let dotnet = read(ReadPolicy::Dotnet);
    let dotnet_ok = result.starts_with("OK");
    let want = result
        .lines()
        .find_map(|l| l.strip_prefix("json: "))
        .unwrap_or_default();
    let got = dotnet
        .as_ref()
        .map_err(Clone::clone)
        .and_then(|(v, _)| json::to_vec(v).map_err(|e| e.to_string()));
    let agrees = if dotnet_ok {
        got.as_deref() == Ok(want.as_bytes())
    } else {
        got.is_err()
    };
    out.check(&format!("read {format} dotnet"), agrees, || {
        format!(
            "{name}: read {format} dotnet\n  {reader} {}\n  ours {:?}",
            if dotnet_ok {
                want.to_owned()
            } else {
                result.lines().nth(1).unwrap_or_default().to_owned()
            },
            got.map(|b| show(&b))
        )
    });
    let forward = read(ReadPolicy::Forward);
    out.check(
        &format!("read {format} forward accepts"),
        !dotnet_ok || forward.is_ok(),
        || {
            format!(
                "{name}: {reader} reads it, the forward policy fails: {:?}",
                forward.as_ref().err()
            )
        },
    );
    let drops = dotnet.as_ref().is_ok_and(|(_, report)| !report.is_empty());
    let strict = read(ReadPolicy::Strict);
    let written = |r: &Result<(Option<T>, h2h_models::Report), String>| {
        r.as_ref().map(|(v, _)| json::to_vec(v).ok()).ok()
    };
    let strict_ok = if drops || !dotnet_ok {
        strict.is_err()
    } else {
        written(&strict) == written(&forward)
    };
    out.check(&format!("read {format} strict"), strict_ok, || {
        format!(
            "{name}: {reader} drops something: {drops}; strict read: {:?}",
            strict
                .as_ref()
                .map(|(_, r)| r.to_string())
                .map_err(Clone::clone)
        )
    });
}

/// The roots that are not contracts of the schema.
fn run_special(case: &Path, root: &str) -> Option<Outcome> {
    struct Plain<T>(std::marker::PhantomData<T>);
    fn both<T>(case: &Path) -> Outcome
    where
        T: h2h_models::xml::XmlValue + serde::Serialize + serde::de::DeserializeOwned,
    {
        let mut out = Outcome::default();
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        if let Some(xml) = read(&case.join("value.xml")) {
            let again =
                h2h_models::xml::from_slice::<T>(&xml).and_then(|v| h2h_models::xml::to_vec(&v));
            out.check(
                "xml→xml",
                again.as_deref().ok() == Some(xml.as_slice()),
                || {
                    format!(
                        "{name}: xml→xml\n  want {}\n  got  {:?}",
                        show(&xml),
                        again.map(|b| show(&b))
                    )
                },
            );
        }
        if let Some(json) = read(&case.join("value.json")) {
            let again =
                h2h_models::json::from_slice::<T>(&json).and_then(|v| h2h_models::json::to_vec(&v));
            out.check(
                "json→json",
                again.as_deref().ok() == Some(json.as_slice()),
                || {
                    format!(
                        "{name}: json→json\n  want {}\n  got  {:?}",
                        show(&json),
                        again.map(|b| show(&b))
                    )
                },
            );
        }
        out
    }
    let _ = Plain::<()>(std::marker::PhantomData);
    Some(match root {
        "List<String>" => both::<Seq<Option<String>>>(case),
        "Int32[]" => both::<Seq<i32>>(case),
        "List<AuthRequest>" => both::<Seq<corpus_models::AuthRequest>>(case),
        _ => return None,
    })
}

/// A root collection: `Vec<T>` with serde impls that go through Json.NET's rules.
#[derive(Debug)]
struct Seq<T>(Vec<T>);

impl<T: h2h_models::xml::XmlValue> h2h_models::xml::XmlValue for Seq<T> {
    const ITEM_NAMESPACE: &'static str = <Vec<T> as h2h_models::xml::XmlValue>::ITEM_NAMESPACE;
    const DECLARES_NAMESPACE: bool = true;
    const DOTNET_NAME: &'static str = "List";
    fn item_name() -> std::borrow::Cow<'static, str> {
        <Vec<T> as h2h_models::xml::XmlValue>::item_name()
    }
    fn write(&self, w: &mut h2h_models::xml::XmlWriter) -> Result<(), h2h_models::xml::Error> {
        self.0.write(w)
    }
    fn read(
        r: &mut h2h_models::xml::XmlReader<'_>,
        tag: &h2h_models::xml::StartTag,
    ) -> Result<Self, h2h_models::xml::Error> {
        <Vec<T> as h2h_models::xml::XmlValue>::read(r, tag).map(Seq)
    }
    fn missing() -> Self {
        Seq(Vec::new())
    }
}

impl<T: h2h_models::json::JsonValue> serde::Serialize for Seq<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        h2h_models::json::JsonValue::write_json(&self.0, s)
    }
}

impl<'de, T: h2h_models::json::JsonValue> serde::Deserialize<'de> for Seq<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        <Vec<T> as h2h_models::json::JsonValue>::read_json(d).map(Seq)
    }
}

#[test]
fn corpus() {
    let list = |dir: PathBuf| -> Vec<PathBuf> {
        let mut cases: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .collect();
        cases.sort();
        cases
    };
    let mut cases = list(fixtures());
    assert!(cases.len() > 140, "the corpus fixtures are missing");
    let own = list(own_fixtures());
    assert!(!own.is_empty(), "the own fixtures are missing");
    println!(
        "cases: {} from the shared corpus, {} made here",
        cases.len(),
        own.len()
    );
    cases.extend(own);
    let mut failures = Vec::new();
    let mut skipped = Vec::new();
    let mut stale = Vec::new();
    let (mut write_total, mut read_xml_total, mut read_xml_ok) = (0, 0, 0);
    let (mut xml_write_ok, mut json_write_ok) = (0, 0);
    let (mut read_json_total, mut read_json_ok) = (0, 0);
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let root = root_type(case);
        let outcome =
            catalog::visit_contract(&root, RunCase { case }).or_else(|| run_special(case, &root));
        let Some(outcome) = outcome else {
            skipped.push(format!(
                "{name} (root {root} is not in schema/tests/corpus)"
            ));
            continue;
        };
        let listed: Vec<&(&str, &str, &str)> =
            DIFFERENCES.iter().filter(|(n, _, _)| *n == name).collect();
        let unexcused: Vec<&(String, String)> = outcome
            .failures
            .iter()
            .filter(|(check, _)| !listed.iter().any(|(_, c, _)| c == check))
            .collect();
        for (_, check, _) in &listed {
            if !outcome.failures.iter().any(|(c, _)| c == check) {
                stale.push(format!("{name} {check}"));
            }
        }
        let ok = outcome.failures.is_empty();
        // A write case is exact for one serializer when everything that writes its format
        // (and both reads, which feed those writes) gave the bytes wanted.
        let ok_for = |writes: [&str; 2]| {
            !outcome
                .failures
                .iter()
                .any(|(c, _)| writes.contains(&c.as_str()) || c.starts_with("reading "))
        };
        match name.split('-').take(2).collect::<Vec<_>>().as_slice() {
            ["read", "xml"] => {
                read_xml_total += 1;
                read_xml_ok += usize::from(ok);
            }
            ["read", "json"] => {
                read_json_total += 1;
                read_json_ok += usize::from(ok);
            }
            _ => {
                write_total += 1;
                xml_write_ok += usize::from(ok_for(["xml→xml", "json→xml"]));
                json_write_ok += usize::from(ok_for(["json→json", "xml→json"]));
            }
        }
        failures.extend(unexcused.into_iter().map(|(_, text)| text.clone()));
    }
    let listed = |format: &str| {
        let reads = DIFFERENCES
            .iter()
            .filter(|(n, _, _)| n.starts_with(&format!("read-{format}")))
            .count();
        let keeps = KEEPS.iter().filter(|(_, c, _)| c.ends_with(format)).count();
        (reads, keeps)
    };
    let (xml_differences, xml_keeps) = listed("xml");
    let (json_differences, json_keeps) = listed("json");
    println!(
        "dcs corpus: {xml_write_ok}/{write_total} write exact, {read_xml_ok}/{read_xml_total} read agree \
         ({xml_differences} deliberate differences; {xml_keeps} keep what .NET's round trip drops)"
    );
    println!(
        "json.net corpus: {json_write_ok}/{write_total} write exact, {read_json_ok}/{read_json_total} read agree \
         ({json_differences} deliberate differences; {json_keeps} keep what .NET's round trip drops)"
    );
    println!("not run ({}): {}", skipped.len(), skipped.join(", "));
    // A kept round trip is only listed where .NET's own round trip really loses something.
    for (case, check, _) in KEEPS {
        if measured(&case_dir(case), check).is_none() {
            stale.push(format!("{case} {check} (.NET's round trip keeps the file)"));
        }
    }
    assert!(
        stale.is_empty(),
        "listed as differences but agree now: {stale:?}"
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[path = "support/wire_names.rs"]
mod wire_names;

#[test]
fn xml_and_json_name_every_member_the_same() {
    let api = wire_names::schema("schema/tests/corpus");
    for name in corpus_models::catalog::CONTRACTS {
        let same = wire_names::SameNames {
            api: &api,
            clr_name: name,
        };
        let result = corpus_models::catalog::visit_contract(name, same).unwrap();
        assert_eq!(result, Ok(()), "{name}");
    }
}

/// A subtype that only a containing class lists as a known type: DCS refuses to write it
/// outside that class (measured under Mono, see `fixtures/own-vectors/README.md`), while
/// Json.NET writes it anywhere.
#[test]
fn a_container_known_type_is_written_only_inside_its_container() {
    use corpus_models::{AnyVoucher, GiftVoucher, VoucherHolder};
    let gift = AnyVoucher::GiftVoucher(GiftVoucher {
        code: Some("g3".into()),
        amount: h2h_models::Decimal::new(2, 0),
    });
    let alone = VoucherHolder {
        inner: Some(gift.clone()),
    };
    let err = h2h_models::xml::to_vec(&alone).unwrap_err();
    assert_eq!(err.kind(), h2h_models::xml::ErrorKind::Unrepresentable);
    assert!(err.to_string().contains("GiftVoucher"), "{err}");
    assert_eq!(
        h2h_models::json::to_string(&alone).unwrap(),
        r#"{"inner":{"amount":2.0,"code":"g3"}}"#
    );
    let root = h2h_models::xml::to_vec(&Some(gift)).unwrap_err();
    assert_eq!(root.kind(), h2h_models::xml::ErrorKind::Unrepresentable);
}
