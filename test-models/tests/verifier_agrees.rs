//! The importer's verifier (`xtask::verify`, which builds the expected help page sample from
//! the IR) and the derive (`datacontract::sample`, which builds it from the generated models)
//! order and sample the same members the same way: for every contract of the corpus test
//! schema, the derive's JSON and XML samples pass the verifier, get-only and private-setter
//! members included. Both follow `dotnet_rules`; this test is what shows that they do.

use std::path::{Path, PathBuf};

use datacontract::sample::{self, SampleError, SampleErrorKind, SampleFormat, COLLECTION_SIZE};
use datacontract::{ContractVisitor, DataContract, DateTimeOffset};
use h2h_schema::ir::{Access, Api, ContractId, Type};
use h2h_test_models::corpus::catalog;
use xtask::verify::{check_sample, Format};

/// The instant of the samples (2025-01-23T00:09:38.9648983+07:00); the verifier matches
/// dates by form.
const NOW: DateTimeOffset = match DateTimeOffset::from_ticks(638_731_877_789_648_983, 420) {
    Some(now) => now,
    None => panic!("valid"),
};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("test-models is inside the workspace")
        .to_path_buf()
}

fn corpus_schema() -> Api {
    let root = workspace_root();
    h2h_schema::load_dir(&root.join("schema/tests/corpus"), &root).expect("the corpus schema loads")
}

/// Renders the derive's sample of the visited contract.
struct Render(SampleFormat);

impl ContractVisitor for Render {
    type Output = Result<String, SampleError>;

    fn visit<T: DataContract + 'static>(self) -> Self::Output {
        sample::render::<T>(self.0, NOW)
    }
}

/// What the help page shows for a contract in `format`: the derive's sample, or the page's
/// text where the graph has a cycle.
fn page_sample(api: &Api, id: ContractId, format: SampleFormat) -> String {
    let c = api.contract(id);
    let name = format!("{}.{}", c.clr_namespace, c.clr_name);
    match catalog::visit_contract(&name, Render(format)).expect("every contract is in the catalog")
    {
        Ok(text) => text,
        Err(e) if e.kind() == SampleErrorKind::Cycle => "Sample not available.".to_owned(),
        Err(e) => panic!("{name}: no {format} sample: {e}"),
    }
}

/// The verifier's verdict on the derive's samples of every contract: one message per
/// disagreement.
fn disagreements(api: &Api, models: &Api) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, c) in models.contracts.iter().enumerate() {
        let id = ContractId(i);
        for (format, verified) in [
            (SampleFormat::Json, Format::Json),
            (SampleFormat::Xml, Format::Xml),
        ] {
            let text = page_sample(models, id, format);
            if let Err(e) = check_sample(api, &Type::Contract(id), verified, &text, COLLECTION_SIZE)
            {
                problems.push(format!("{} ({format}): {e}\n{text}", c.clr_name));
            }
        }
    }
    problems
}

#[test]
fn the_verifier_accepts_the_derives_sample_of_every_corpus_contract() {
    let api = corpus_schema();
    let problems = disagreements(&api, &api);
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    // Get-only and private-setter members are among them.
    let accesses: Vec<Access> = api
        .contracts
        .iter()
        .flat_map(|c| &c.members)
        .filter_map(|m| m.access)
        .collect();
    assert!(accesses.contains(&Access::GetOnly) && accesses.contains(&Access::PrivateSet));
}

/// The schema with every get-only member changed by `change`, as a verifier that does not
/// follow the rules would see it.
fn with_get_only(api: &Api, change: impl Fn(&mut h2h_schema::ir::Member)) -> Api {
    let mut changed = api.clone();
    for m in changed.contracts.iter_mut().flat_map(|c| &mut c.members) {
        if m.access == Some(Access::GetOnly) {
            change(m);
        }
    }
    changed
}

#[test]
fn a_get_only_member_given_a_counter_number_is_caught() {
    let api = corpus_schema();
    // As a private setter, the get-only `Mixed.ReadOnly` would take a number (and shift the
    // members after it): the derive's JSON sample disagrees.
    let numbered = with_get_only(&api, |m| {
        m.access = Some(Access::PrivateSet);
        m.returns = None;
    });
    let problems = disagreements(&numbered, &api);
    assert!(
        problems.iter().any(|p| p.starts_with("Mixed (JSON)")),
        "{problems:?}"
    );
    // As a read-write property it would also be a DCS member: the XML disagrees too.
    let read_write = with_get_only(&api, |m| {
        m.access = None;
        m.returns = None;
    });
    let problems = disagreements(&read_write, &api);
    for format in ["JSON", "XML"] {
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with(&format!("Mixed ({format})"))),
            "{format}: {problems:?}"
        );
    }
}
