//! The comparison: generated values go through Rust and through the .NET harness in batches,
//! and every direction must give the same bytes. See `differential.rs` for what is checked.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use h2h_models::report::{Finding, FindingKind, Outcome};
use h2h_models::{DataContract, ReadPolicy, Report};
use proptest::strategy::{BoxedStrategy, Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use crate::dotnet::{DotNet, Op};
use crate::perturb;

pub use crate::suite::Suite;

/// The four directions, the values whose XML neither side can write, and the perturbed bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Direction {
    /// Rust's XML, read and written by DCS: the same bytes.
    XmlToXml,
    /// Rust's JSON, read and written by Json.NET: the same bytes.
    JsonToJson,
    /// Rust's XML, read by DCS, written by Json.NET: Rust's JSON of the same value, which Rust
    /// reads back as the value written.
    XmlToJson,
    /// Rust's JSON, read by Json.NET, written by DCS: what Rust writes as XML after reading
    /// its JSON (both fail for a value XML cannot carry).
    JsonToXml,
    /// A value XML cannot carry (an unnamed enum value): Rust refuses to write it, and DCS
    /// refuses to write the same value read from JSON.
    XmlRefused,
    /// Rust's XML with the root's children reversed after an unknown element, read by DCS and
    /// written by Json.NET: Rust's dotnet read of it, written as JSON (or both fail); the
    /// forward read reads it and reports what DCS skips; the strict read refuses it.
    XmlPerturbed,
    /// Rust's JSON with an unknown member, a name in upper case and a repeated member, read
    /// and written by Json.NET: Rust's dotnet read of it, written (or both fail); the forward
    /// read reads it and reports each perturbation; the strict read refuses it.
    JsonPerturbed,
}

/// Number of directions (the columns of the table).
const DIRECTIONS: usize = Direction::ALL.len();

impl Direction {
    const ALL: [Direction; 7] = [
        Direction::XmlToXml,
        Direction::JsonToJson,
        Direction::XmlToJson,
        Direction::JsonToXml,
        Direction::XmlRefused,
        Direction::XmlPerturbed,
        Direction::JsonPerturbed,
    ];

    fn name(self) -> &'static str {
        match self {
            Direction::XmlToXml => "xml2xml",
            Direction::JsonToJson => "json2json",
            Direction::XmlToJson => "xml2json",
            Direction::JsonToXml => "json2xml",
            Direction::XmlRefused => "xml-refused",
            Direction::XmlPerturbed => "xml-perturbed",
            Direction::JsonPerturbed => "json-perturbed",
        }
    }

    fn op(self) -> Op {
        match self {
            Direction::XmlToXml => Op::XmlToXml,
            Direction::JsonToJson | Direction::JsonPerturbed => Op::JsonToJson,
            Direction::XmlToJson | Direction::XmlPerturbed => Op::XmlToJson,
            Direction::JsonToXml | Direction::XmlRefused => Op::JsonToXml,
        }
    }
}

/// Number of values per contract and strategy: `PROPTEST_CASES`, else 1000 in CI
/// (`CI=true`), else 256.
fn cases() -> u32 {
    if let Some(n) = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        return n;
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        1000
    } else {
        256
    }
}

/// The run's seed: `H2H_DIFF_SEED` to replay a run, else from the clock.
fn seed() -> u64 {
    if let Some(s) = std::env::var("H2H_DIFF_SEED")
        .ok()
        .and_then(|v| v.trim().parse().ok())
    {
        return s;
    }
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}

/// A deterministic RNG per (seed, contract, pass), so that one contract replays alone.
fn rng(seed: u64, contract: &str, pass: u8) -> TestRng {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in contract.bytes().chain([pass]) {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    bytes[8..16].copy_from_slice(&h.to_le_bytes());
    bytes[16..24].copy_from_slice(&(seed ^ h).rotate_left(17).to_le_bytes());
    bytes[24..].copy_from_slice(&h.rotate_left(31).to_le_bytes());
    TestRng::from_seed(RngAlgorithm::ChaCha, &bytes)
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

impl Runner {
    /// Starts the harness of a target (built from `csharp`, workspace-relative) with `cases`
    /// values per contract and direction; `None` when Mono is missing outside CI (the client
    /// said so loudly).
    pub fn start(target: &str, csharp: &str, cases: u32) -> Option<Runner> {
        let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("differential-{target}"));
        let dotnet = match DotNet::start(&workspace_root().join(csharp), &work) {
            Ok(Some(dotnet)) => dotnet,
            Ok(None) => return None,
            Err(e) => panic!("{e}"),
        };
        Some(Runner {
            target: target.to_owned(),
            dotnet,
            seed: seed(),
            cases,
            rows: Vec::new(),
            failures: Vec::new(),
        })
    }

    /// The disagreements found so far, each with both sides' bytes.
    pub fn failures(&self) -> &[String] {
        &self.failures
    }
}

/// Runs every contract of a target against its harness; panics listing every disagreement.
pub fn run_target(target: &str, csharp: &str, contracts: impl FnOnce(&mut Runner)) {
    let started = Instant::now();
    let cases = cases();
    let Some(mut runner) = Runner::start(target, csharp, cases) else {
        return;
    };
    let seed = runner.seed;
    contracts(&mut runner);

    let mut table = format!(
        "\n{target}: {} contracts, {cases} values per contract and direction wanted, seed {seed} \
         (H2H_DIFF_SEED={seed} to replay), {:.1}s\n",
        runner.rows.len(),
        started.elapsed().as_secs_f64()
    );
    let _ = write!(table, "  {:<52}", "contract");
    for d in Direction::ALL {
        let width = d.name().len().max(8);
        let _ = write!(table, " {:>width$}", d.name());
    }
    let _ = writeln!(table, " {:>7}", "time");
    for row in &runner.rows {
        let _ = write!(table, "  {:<52}", row.contract);
        for d in Direction::ALL {
            let width = d.name().len().max(8);
            let _ = write!(table, " {:>width$}", row.counts.agreed[d as usize]);
        }
        let _ = writeln!(table, " {:>6.2}s", row.seconds);
    }
    let notes = |what: &str, of: fn(&Counts) -> &[usize; DIRECTIONS], table: &mut String| {
        let mut notes = Vec::new();
        for row in &runner.rows {
            for d in Direction::ALL {
                let n = of(&row.counts)[d as usize];
                if n > 0 {
                    notes.push(format!("{} {} {n}", row.contract, d.name()));
                }
            }
        }
        if !notes.is_empty() {
            let _ = writeln!(table, "  {what}:\n    {}", notes.join("\n    "));
        }
    };
    notes(
        "of these, perturbed bodies .NET and Rust's dotnet read both refuse (the forward read \
         is not checked on them)",
        |c| &c.refused,
        &mut table,
    );
    println!("{table}");
    if !runner.failures.is_empty() {
        panic!(
            "{target}: {} disagreement(s) with .NET (replay with H2H_DIFF_SEED={seed}):\n\n{}",
            runner.failures.len(),
            runner.failures.join("\n\n")
        );
    }
}

/// One contract's counts.
struct Row {
    contract: String,
    counts: Counts,
    seconds: f64,
}

/// Values per direction, indexed by `Direction as usize`.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    /// Agreeing values.
    agreed: [usize; DIRECTIONS],
    /// Of those, perturbed bodies both sides refuse (`Agreement::Refused`).
    refused: [usize; DIRECTIONS],
}

impl Counts {
    /// Adds `other`'s counts in direction `d`.
    fn add(&mut self, other: &Counts, d: Direction) {
        let i = d as usize;
        self.agreed[i] += other.agreed[i];
        self.refused[i] += other.refused[i];
    }
}

/// Runs contracts against one harness process.
pub struct Runner {
    target: String,
    dotnet: DotNet,
    seed: u64,
    cases: u32,
    rows: Vec<Row>,
    failures: Vec<String>,
}

/// What Rust makes of one value, before asking .NET.
struct Prepared {
    /// Rust's XML, or why it cannot be written.
    xml: Result<Vec<u8>, h2h_models::xml::Error>,
    /// Rust's JSON.
    json: Vec<u8>,
    /// Rust's XML perturbed (`perturb::xml`), where it has members.
    xml_perturbed: Option<perturb::Xml>,
    /// Rust's JSON perturbed (`perturb::json`), where it is an object.
    json_perturbed: Option<perturb::Json>,
}

/// A direction that disagreed, with what each side wrote.
struct Disagreement {
    direction: Direction,
    detail: String,
}

/// Text of wire bytes for a report, control characters escaped.
fn show(bytes: &[u8]) -> String {
    format!("{:?}", String::from_utf8_lossy(bytes))
}

/// Index of the first byte where `a` and `b` differ.
fn first_difference(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// The part of `a` around where it differs from `b`: 60 bytes before, up to 60 bytes after the
/// end of the differing stretch.
fn window(a: &[u8], b: &[u8]) -> String {
    let start = first_difference(a, b);
    let common_tail = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let end = a.len().saturating_sub(common_tail).max(start);
    let from = start.saturating_sub(60);
    let to = (end + 60).min(a.len());
    let mut s = String::new();
    if from > 0 {
        s.push('…');
    }
    s.push_str(&show(&a[from..to]));
    if to < a.len() {
        s.push('…');
    }
    s
}

/// Rust's XML and JSON of `value`, and both perturbed; the JSON's repeated member takes its
/// duplicate's value from `donor`, Rust's JSON of another value of the contract.
fn prepare<T: DataContract>(value: &T, donor: Option<&[u8]>) -> Result<Prepared, String> {
    let mut p = prepare_but_json_perturbed(value)?;
    p.json_perturbed = perturb::json(&p.json, donor);
    Ok(p)
}

/// [`prepare`] without the perturbed JSON, which needs a donor.
fn prepare_but_json_perturbed<T: DataContract>(value: &T) -> Result<Prepared, String> {
    let json =
        h2h_models::json::to_vec(value).map_err(|e| format!("Rust cannot write JSON: {e}"))?;
    let xml = h2h_models::xml::to_vec(value);
    Ok(Prepared {
        xml_perturbed: xml.as_deref().ok().and_then(perturb::xml),
        json_perturbed: None,
        xml,
        json,
    })
}

/// The directions a value is checked in, given what Rust wrote.
fn directions(p: &Prepared, json_too: bool) -> Vec<Direction> {
    let mut ds = Vec::new();
    match &p.xml {
        Ok(_) => {
            ds.push(Direction::XmlToXml);
            ds.push(Direction::XmlToJson);
            if p.xml_perturbed.is_some() {
                ds.push(Direction::XmlPerturbed);
            }
            if json_too {
                ds.push(Direction::JsonToJson);
                ds.push(Direction::JsonToXml);
            }
        }
        Err(_) => {
            if json_too {
                ds.push(Direction::JsonToJson);
                ds.push(Direction::XmlRefused);
            }
        }
    }
    if json_too && p.json_perturbed.is_some() {
        ds.push(Direction::JsonPerturbed);
    }
    ds
}

/// The input .NET is given in a direction.
fn input(p: &Prepared, d: Direction) -> &[u8] {
    match d {
        Direction::XmlToXml | Direction::XmlToJson => p.xml.as_deref().unwrap_or_default(),
        Direction::XmlPerturbed => p
            .xml_perturbed
            .as_ref()
            .map_or(&[][..], |x| x.bytes.as_slice()),
        Direction::JsonPerturbed => p
            .json_perturbed
            .as_ref()
            .map_or(&[][..], |j| j.bytes.as_slice()),
        Direction::JsonToJson | Direction::JsonToXml | Direction::XmlRefused => &p.json,
    }
}

/// Rust's analogue of a harness operation: read `input` as `from` and write it as `to`.
fn rust_convert<T: DataContract>(
    op: Op,
    input: &[u8],
) -> Result<Result<Vec<u8>, h2h_models::xml::Error>, String> {
    let value: T = match op {
        Op::XmlToXml | Op::XmlToJson => h2h_models::xml::from_slice(input)
            .map_err(|e| format!("Rust cannot read its own XML: {e}"))?,
        Op::JsonToJson | Op::JsonToXml => h2h_models::json::from_slice(input)
            .map_err(|e| format!("Rust cannot read its own JSON: {e}"))?,
    };
    Ok(match op {
        Op::XmlToXml | Op::JsonToXml => h2h_models::xml::to_vec(&value),
        Op::XmlToJson | Op::JsonToJson => {
            Ok(h2h_models::json::to_vec(&value)
                .map_err(|e| format!("Rust cannot write JSON: {e}"))?)
        }
    })
}

/// How a value agreed with .NET in a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Agreement {
    /// The same output, or both refuse to write the value as XML.
    Same,
    /// .NET and Rust's dotnet read both refuse the perturbed body (DCS skipped a required
    /// member): the forward read is not checked.
    Refused,
}

/// Compares .NET's answer in one direction with what Rust does with the same input: the same
/// bytes, or both refuse to write XML.
fn compare<T: DataContract>(
    p: &Prepared,
    d: Direction,
    net: &Result<Vec<u8>, String>,
) -> Result<Agreement, String> {
    match d {
        Direction::XmlPerturbed => return compare_xml_perturbed::<T>(p, net),
        Direction::JsonPerturbed => return compare_json_perturbed::<T>(p, net),
        _ => {}
    }
    let op = d.op();
    let writer = match op {
        Op::XmlToXml | Op::JsonToXml => "DCS",
        Op::XmlToJson | Op::JsonToJson => "Json.NET",
    };
    match (rust_convert::<T>(op, input(p, d))?, net) {
        (Ok(expected), Ok(out)) if *out == expected => Ok(Agreement::Same),
        (Ok(expected), Ok(out)) if same_but_round_trip_digits(out, &expected) => {
            Ok(Agreement::Same)
        }
        (Ok(expected), Ok(out)) => Err(format!(
            "{writer} and Rust differ at byte {}:\n    {writer:>8}: {}\n    {:>8}: {}",
            first_difference(out, &expected),
            window(out, &expected),
            "Rust",
            window(&expected, out)
        )),
        (Err(e), Err(_)) if e.kind() == h2h_models::xml::ErrorKind::Unrepresentable => {
            Ok(Agreement::Same)
        }
        (Err(e), Err(net)) => Err(format!(
            "both refuse, but Rust's error is not Unrepresentable: {e}\n.NET: {}",
            net.lines().next().unwrap_or_default()
        )),
        (Err(e), Ok(out)) => Err(format!(
            "Rust refuses ({e}) but {writer} wrote {}",
            show(out)
        )),
        (Ok(expected), Err(net)) => Err(format!(
            ".NET refuses ({}) but Rust wrote {}",
            net.lines().next().unwrap_or_default(),
            show(&expected)
        )),
    }
}

/// Rust's read of XML under `policy`, with its report.
fn read_xml<T: DataContract>(
    bytes: &[u8],
    policy: ReadPolicy,
) -> Result<(T, Report), h2h_models::xml::Error> {
    let mut options = h2h_models::xml::read_options();
    options.policy = policy;
    h2h_models::xml::from_slice_reported(bytes, &options)
}

/// Rust's read of JSON under `policy`, with its report.
fn read_json<T: DataContract>(
    bytes: &[u8],
    policy: ReadPolicy,
) -> Result<(T, Report), h2h_models::json::Error> {
    let mut options = h2h_models::json::read_options();
    options.policy = policy;
    h2h_models::json::from_slice_reported(bytes, &options)
}

/// What .NET made of a perturbed body (`reader` read it, Json.NET wrote it) against Rust's
/// dotnet read of it, written as JSON: the same bytes, or both refuse the body.
fn same_as_dotnet_read<T: DataContract>(
    reader: &str,
    ours: Result<&T, String>,
    net: &Result<Vec<u8>, String>,
) -> Result<(), String> {
    match (ours, net) {
        (Ok(value), Ok(out)) => {
            let expected = h2h_models::json::to_vec(value)
                .map_err(|e| format!("Rust cannot write JSON of its dotnet read: {e}"))?;
            if *out == expected || same_but_round_trip_digits(out, &expected) {
                Ok(())
            } else {
                Err(format!(
                    "{reader}'s read (written by Json.NET) and Rust's dotnet read differ at byte {}:\n    \
                     {:>8}: {}\n    {:>8}: {}",
                    first_difference(out, &expected),
                    ".NET",
                    window(out, &expected),
                    "Rust",
                    window(&expected, out)
                ))
            }
        }
        (Err(_), Err(_)) => Ok(()),
        (Err(e), Ok(out)) => Err(format!(
            "Rust's dotnet read refuses it ({e}) but {reader} reads it (Json.NET wrote {})",
            show(out)
        )),
        (Ok(value), Err(net)) => Err(format!(
            "{reader} refuses it ({}) but Rust's dotnet read gives {}",
            net.lines().next().unwrap_or_default(),
            show(&h2h_models::json::to_vec(value).unwrap_or_default())
        )),
    }
}

/// The findings of a report for a disagreement: the kind, path and outcome of each.
fn findings(report: &Report) -> String {
    if report.is_empty() {
        return "(none)".to_owned();
    }
    report
        .findings()
        .iter()
        .map(|f| format!("{:?} {} {:?}", f.kind, f.path, f.outcome))
        .collect::<Vec<_>>()
        .join("; ")
}

/// xml-perturbed: DCS's read of the perturbed XML (written by Json.NET) is Rust's dotnet
/// read, or both refuse it; where DCS reads it, the forward read reads the value sent and
/// reports the unknown element and every member the dotnet read skipped for its order; the
/// strict read refuses it.
fn compare_xml_perturbed<T: DataContract>(
    p: &Prepared,
    net: &Result<Vec<u8>, String>,
) -> Result<Agreement, String> {
    let Some(perturbed) = &p.xml_perturbed else {
        return Ok(Agreement::Same);
    };
    let input = perturbed.bytes.as_slice();
    let with_input = |e: String| format!("{e}\n  perturbed XML: {}", show(input));
    let dotnet = read_xml::<T>(input, ReadPolicy::Dotnet);
    same_as_dotnet_read(
        "DCS",
        dotnet.as_ref().map(|(v, _)| v).map_err(ToString::to_string),
        net,
    )
    .map_err(with_input)?;
    if let Ok((_, report)) = read_xml::<T>(input, ReadPolicy::Strict) {
        return Err(with_input(format!(
            "Rust's strict read accepts it (findings: {})",
            findings(&report)
        )));
    }
    let (Ok(_), Ok((_, dotnet_report))) = (net, &dotnet) else {
        return Ok(Agreement::Refused);
    };
    let (value, report) = read_xml::<T>(input, ReadPolicy::Forward)
        .map_err(|e| with_input(format!("DCS reads it, Rust's forward read refuses it: {e}")))?;
    let has = |kind: FindingKind, outcome: Outcome, pred: &dyn Fn(&Finding) -> bool| {
        report
            .findings()
            .iter()
            .any(|f| f.kind == kind && f.outcome == outcome && pred(f))
    };
    if !has(FindingKind::Unknown, Outcome::Skipped, &|f| {
        f.name == perturb::UNKNOWN_ELEMENT
    }) {
        return Err(with_input(format!(
            "the forward read does not report <{}> as unknown (findings: {})",
            perturb::UNKNOWN_ELEMENT,
            findings(&report)
        )));
    }
    for skipped in dotnet_report
        .findings()
        .iter()
        .filter(|f| f.kind == FindingKind::OutOfOrder && f.outcome == Outcome::Skipped)
    {
        if !has(FindingKind::OutOfOrder, Outcome::Read, &|f| {
            f.path == skipped.path
        }) {
            return Err(with_input(format!(
                "the dotnet read skips {} for its order, the forward read does not report reading it \
                 (forward: {}; dotnet: {})",
                skipped.path,
                findings(&report),
                findings(dotnet_report)
            )));
        }
    }
    if perturbed.repeated_name {
        // A hidden member and the one hiding it are told apart by position only.
        return Ok(Agreement::Same);
    }
    let original = p.xml.as_deref().unwrap_or_default();
    if let (Ok(Ok(expected)), Ok(read)) = (
        rust_convert::<T>(Op::XmlToXml, original),
        h2h_models::xml::to_vec(&value),
    ) {
        if read != expected {
            return Err(with_input(format!(
                "the forward read does not give the value sent; its XML differs at byte {}:\n    \
                 {:>8}: {}\n    {:>8}: {}",
                first_difference(&read, &expected),
                "forward",
                window(&read, &expected),
                "sent",
                window(&expected, &read)
            )));
        }
    }
    Ok(Agreement::Same)
}

/// json-perturbed: Json.NET's read of the perturbed JSON is Rust's dotnet read, or both refuse
/// it; where Json.NET reads it, the forward read reads the value sent (the dotnet read's, where
/// the repeated member's object or array fills the duplicate's) and reports the unknown member,
/// the name in upper case and the repeated member; the strict read refuses it.
fn compare_json_perturbed<T: DataContract>(
    p: &Prepared,
    net: &Result<Vec<u8>, String>,
) -> Result<Agreement, String> {
    let Some(perturbed) = &p.json_perturbed else {
        return Ok(Agreement::Same);
    };
    let input = perturbed.bytes.as_slice();
    let with_input = |e: String| format!("{e}\n  perturbed JSON: {}", show(input));
    let dotnet = read_json::<T>(input, ReadPolicy::Dotnet);
    same_as_dotnet_read(
        "Json.NET",
        dotnet.as_ref().map(|(v, _)| v).map_err(ToString::to_string),
        net,
    )
    .map_err(with_input)?;
    if let Ok((_, report)) = read_json::<T>(input, ReadPolicy::Strict) {
        return Err(with_input(format!(
            "Rust's strict read accepts it (findings: {})",
            findings(&report)
        )));
    }
    if net.is_err() {
        return Ok(Agreement::Refused);
    }
    let (value, report) = read_json::<T>(input, ReadPolicy::Forward).map_err(|e| {
        with_input(format!(
            "Json.NET reads it, Rust's forward read refuses it: {e}"
        ))
    })?;
    let has = |kind: FindingKind, pred: &dyn Fn(&Finding) -> bool| {
        report.findings().iter().any(|f| f.kind == kind && pred(f))
    };
    let mut missing = Vec::new();
    if !has(FindingKind::Unknown, &|f| f.name == perturb::UNKNOWN_MEMBER) {
        missing.push(format!("Unknown {}", perturb::UNKNOWN_MEMBER));
    }
    if let Some(upper) = &perturbed.upper_cased {
        if !has(FindingKind::CaseMismatch, &|f| f.name == *upper) {
            missing.push(format!("CaseMismatch {upper}"));
        }
    }
    if let Some(repeated) = &perturbed.repeated {
        if !has(FindingKind::Repeated, &|f| {
            f.name.eq_ignore_ascii_case(repeated)
        }) {
            missing.push(format!("Repeated {repeated}"));
        }
    }
    if !missing.is_empty() {
        return Err(with_input(format!(
            "the forward read does not report {} (findings: {})",
            missing.join(", "),
            findings(&report)
        )));
    }
    // Where Json.NET reads the repeated member's object or array into the duplicate's, the
    // value read is the two merged, which the dotnet read gave (as .NET, checked above).
    let (expected, what) = if perturbed.fills {
        let (dotnet, _) = dotnet.as_ref().map_err(|e| e.to_string())?;
        (h2h_models::json::to_vec(dotnet).ok(), "the dotnet read")
    } else {
        (
            rust_convert::<T>(Op::JsonToJson, &p.json)
                .ok()
                .and_then(Result::ok),
            "the value sent",
        )
    };
    if let (Some(expected), Ok(read)) = (expected, h2h_models::json::to_vec(&value)) {
        if read != expected {
            return Err(with_input(format!(
                "the forward read does not give {what}; its JSON differs at byte {}:\n    \
                 {:>8}: {}\n    {:>8}: {}",
                first_difference(&read, &expected),
                "forward",
                window(&read, &expected),
                "expected",
                window(&expected, &read)
            )));
        }
    }
    Ok(Agreement::Same)
}

impl Runner {
    /// Checks one value synchronously; the first disagreement, if any.
    fn check_one<T: DataContract>(
        &mut self,
        clr_name: &str,
        value: &T,
        json_too: bool,
        only: Option<Direction>,
        donor: Option<&[u8]>,
    ) -> Result<Option<Disagreement>, String> {
        let p = match prepare(value, donor) {
            Ok(p) => p,
            Err(e) => {
                return Ok(Some(Disagreement {
                    direction: Direction::JsonToJson,
                    detail: e,
                }))
            }
        };
        let ds: Vec<Direction> = directions(&p, json_too)
            .into_iter()
            .filter(|d| only.is_none_or(|o| o == *d))
            .collect();
        let requests: Vec<(Op, &str, &[u8])> = ds
            .iter()
            .map(|&d| (d.op(), clr_name, input(&p, d)))
            .collect();
        let answers = self.dotnet.convert_batch(&requests)?;
        for (d, net) in ds.into_iter().zip(&answers) {
            if let Err(detail) = compare::<T>(&p, d, net) {
                return Ok(Some(Disagreement {
                    direction: d,
                    detail,
                }));
            }
        }
        Ok(None)
    }

    /// Generates values until every direction that applies has `cases` agreeing values (or
    /// attempts run out), one batch of requests at a time; shrinks the first disagreement of
    /// each direction.
    fn pass<T: DataContract + Clone + 'static>(
        &mut self,
        clr_name: &str,
        strategy: &BoxedStrategy<T>,
        json_too: bool,
        pass: u8,
        counts: &mut Counts,
    ) {
        let cases = self.cases as usize;
        let mut runner = TestRunner::new_with_rng(
            Config::with_cases(self.cases),
            rng(self.seed, clr_name, pass),
        );
        let wanted: &[Direction] = if json_too {
            &[
                Direction::XmlToXml,
                Direction::JsonToJson,
                Direction::XmlToJson,
                Direction::JsonToXml,
                Direction::XmlPerturbed,
                Direction::JsonPerturbed,
            ]
        } else {
            &[
                Direction::XmlToXml,
                Direction::XmlToJson,
                Direction::XmlPerturbed,
            ]
        };
        let mut local = [0usize; DIRECTIONS];
        let mut outcomes = Counts::default();
        let mut failed: Vec<Direction> = Vec::new();
        let mut generated = 0usize;
        let max_values = cases * 8;
        while generated < max_values
            && wanted
                .iter()
                .any(|d| local[*d as usize] < cases && !failed.contains(d))
        {
            let batch = (cases - wanted.iter().map(|d| local[*d as usize]).min().unwrap_or(0))
                .clamp(16, cases.max(16));
            let mut trees = Vec::with_capacity(batch);
            for _ in 0..batch {
                let tree = strategy
                    .new_tree(&mut runner)
                    .unwrap_or_else(|e| panic!("{clr_name}: cannot generate a value: {e}"));
                trees.push(tree);
            }
            let mut prepared: Vec<Result<Prepared, String>> = trees
                .iter()
                .map(|t| prepare_but_json_perturbed(&t.current()))
                .collect();
            // Each value's donor (its perturbed JSON's duplicate value) is the next value's JSON.
            let donors: Vec<Option<Vec<u8>>> = (0..batch)
                .map(|i| {
                    prepared[(i + 1) % batch]
                        .as_ref()
                        .ok()
                        .map(|p| p.json.clone())
                })
                .collect();
            for (p, donor) in prepared.iter_mut().zip(&donors) {
                if let Ok(p) = p {
                    p.json_perturbed = perturb::json(&p.json, donor.as_deref());
                }
            }
            generated += batch;
            let mut requests: Vec<(Op, &str, &[u8])> = Vec::new();
            let mut plan: Vec<(usize, Direction)> = Vec::new();
            for (i, p) in prepared.iter().enumerate() {
                if let Ok(p) = p {
                    for d in directions(p, json_too) {
                        requests.push((d.op(), clr_name, input(p, d)));
                        plan.push((i, d));
                    }
                }
            }
            let answers = match self.dotnet.convert_batch(&requests) {
                Ok(a) => a,
                Err(e) => panic!("{}: {clr_name}: {e}", self.target),
            };
            let mut to_shrink: Vec<(usize, Direction)> = Vec::new();
            for p in &prepared {
                if let Err(e) = p {
                    if !failed.contains(&Direction::JsonToJson) {
                        failed.push(Direction::JsonToJson);
                        self.failures.push(format!("{clr_name}: {e}"));
                    }
                }
            }
            for ((i, d), net) in plan.into_iter().zip(&answers) {
                let Ok(p) = &prepared[i] else { continue };
                match compare::<T>(p, d, net) {
                    Ok(agreement) => {
                        local[d as usize] += 1;
                        match agreement {
                            Agreement::Same => {}
                            Agreement::Refused => outcomes.refused[d as usize] += 1,
                        }
                    }
                    Err(_) if failed.contains(&d) => {}
                    Err(detail) => {
                        failed.push(d);
                        if let Some(&(_, first)) = to_shrink.iter().find(|(j, _)| *j == i) {
                            // One shrink per value: the tree moves while it shrinks.
                            self.failures.push(format!(
                                "{clr_name} {}: fails too on the value first reported for {}:\n  {}",
                                d.name(),
                                first.name(),
                                detail.replace('\n', "\n  ")
                            ));
                        } else {
                            to_shrink.push((i, d));
                        }
                    }
                }
            }
            drop(requests);
            for (i, d) in to_shrink {
                let report =
                    self.shrink(clr_name, &mut *trees[i], json_too, d, donors[i].as_deref());
                self.failures.push(report);
            }
        }
        for d in wanted {
            if local[*d as usize] < cases && !failed.contains(d) {
                self.failures.push(format!(
                    "{clr_name}: only {} {} values after {generated} generated (wanted {cases}): \
                     the strategy rarely gives values this direction applies to",
                    local[*d as usize],
                    d.name()
                ));
            }
        }
        outcomes.agreed = local;
        for d in Direction::ALL {
            counts.add(&outcomes, d);
        }
    }

    /// Shrinks a value that disagrees in `direction` (proptest's simplify / complicate walk)
    /// and describes the smallest one found.
    fn shrink<T: DataContract + Clone + 'static>(
        &mut self,
        clr_name: &str,
        tree: &mut dyn ValueTree<Value = T>,
        json_too: bool,
        direction: Direction,
        donor: Option<&[u8]>,
    ) -> String {
        let mut smallest = tree.current();
        let mut steps = 0;
        let started = Instant::now();
        if tree.simplify() {
            loop {
                steps += 1;
                if steps > 2000 || started.elapsed().as_secs() > 60 {
                    break;
                }
                let fails = matches!(
                    self.check_one(clr_name, &tree.current(), json_too, Some(direction), donor),
                    Ok(Some(ref d)) if d.direction == direction
                );
                let more = if fails {
                    smallest = tree.current();
                    tree.simplify()
                } else {
                    tree.complicate()
                };
                if !more {
                    break;
                }
            }
        }
        let detail = match self.check_one(clr_name, &smallest, json_too, Some(direction), donor) {
            Ok(Some(d)) => d.detail,
            Ok(None) => "(the shrunk value passes when checked alone)".to_owned(),
            Err(e) => e,
        };
        let p = prepare(&smallest, donor);
        let (xml, json) = match &p {
            Ok(p) => (
                match &p.xml {
                    Ok(x) => show(x),
                    Err(e) => format!("error: {e}"),
                },
                show(&p.json),
            ),
            Err(e) => (String::new(), e.clone()),
        };
        format!(
            "{clr_name} {} (shrunk in {steps} steps):\n  Rust XML:  {xml}\n  Rust JSON: {json}\n  {}",
            direction.name(),
            detail.replace('\n', "\n  ")
        )
    }
}

impl Suite for Runner {
    fn contract<T: DataContract + Clone + 'static>(
        &mut self,
        clr_name: &str,
        all_directions: BoxedStrategy<T>,
        with_subtypes: Option<BoxedStrategy<T>>,
    ) {
        let started = Instant::now();
        let mut row_counts = Counts::default();
        self.pass(clr_name, &all_directions, true, 0, &mut row_counts);
        if let Some(s) = with_subtypes {
            let mut sub = Counts::default();
            self.pass(clr_name, &s, false, 1, &mut sub);
            // Shown as the XML-side counts of both passes.
            for d in [
                Direction::XmlToXml,
                Direction::XmlToJson,
                Direction::XmlPerturbed,
            ] {
                row_counts.add(&sub, d);
            }
        }
        self.rows.push(Row {
            contract: clr_name.to_owned(),
            counts: row_counts,
            seconds: started.elapsed().as_secs_f64(),
        });
    }
}

/// Whether two outputs differ only in how many digits a double's round-trip ("R") text has:
/// 17 on one side, and on the other the 15-digit rounding of the same double. .NET's "R" checks the
/// 15-digit text with its own parser, which is off for some values (Mono writes
/// `63.618899999999996` for 63.6189 and `9.22165624929871E-263` for 9.2216562492987107E-263);
/// ours checks with a correctly rounding parser. A deliberate difference. Decimals do not take
/// this path unless one side were the 15-digit rounding of the other's 17 digits, which a
/// decimal's exact text never is.
fn same_but_round_trip_digits(a: &[u8], b: &[u8]) -> bool {
    let (Ok(a), Ok(b)) = (std::str::from_utf8(a), std::str::from_utf8(b)) else {
        return false;
    };
    let (ta, tb) = (tokens(a), tokens(b));
    ta.len() == tb.len()
        && ta.iter().zip(&tb).all(|(x, y)| {
            x == y
                || match (x.parse::<f64>(), y.parse::<f64>()) {
                    (Ok(fx), Ok(fy)) => {
                        // One side is the 17-digit text, the other the 15-digit rounding of
                        // the same double (what .NET's "R" chose by its own parser).
                        let rounded = |v: f64| format!("{v:.14e}").parse::<f64>().ok();
                        let (dx, dy) = (significant_digits(x), significant_digits(y));
                        (dx <= 15 && dy >= 16 && rounded(fy) == Some(fx))
                            || (dy <= 15 && dx >= 16 && rounded(fx) == Some(fy))
                    }
                    _ => false,
                }
        })
}

/// Splits text into number tokens and the text between them.
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let numeric_start = bytes[i].is_ascii_digit()
            || (bytes[i] == b'-' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
        if numeric_start {
            if start < i {
                out.push(&s[start..i]);
            }
            let mut j = i + 1;
            while j < bytes.len()
                && (bytes[j].is_ascii_digit()
                    || matches!(bytes[j], b'.' | b'E' | b'e' | b'+')
                    || (bytes[j] == b'-' && matches!(bytes[j - 1], b'E' | b'e')))
            {
                j += 1;
            }
            out.push(&s[i..j]);
            i = j;
            start = j;
        } else {
            i += 1;
        }
    }
    if start < bytes.len() {
        out.push(&s[start..]);
    }
    out
}

fn significant_digits(number: &str) -> usize {
    let mantissa = number.split(['E', 'e']).next().unwrap_or(number);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    digits.trim_start_matches('0').trim_end_matches('0').len()
}
