//! The differential suite: the real DataContractSerializer and Json.NET (under Mono, through
//! `conformance/dotnet/Harness.cs`) judge values nobody picked by hand, for every contract of
//! every schema target (`schema/api`, `schema/tests/all-types`, `schema/tests/corpus`).
//!
//! `cargo xtask regenerate` writes, per target, the C# contracts
//! (`conformance/dotnet/generated/<target>.cs`, compiled into the harness with Mono's `mcs`)
//! and proptest strategies (`tests/differential/generated/<target>.rs`) that build every
//! contract field by field from the per-type strategies in `tests/differential/values.rs`.
//! A contract added to the schema is covered with no hand-written code.
//!
//! For each value (one long-lived harness process per target, requests sent in batches):
//!
//! - **xml2xml**: Rust's XML, read and written by DCS, is the XML Rust writes for what it reads
//!   from its own XML (the same bytes, but for what XML does not carry on either side, like
//!   `-0` or a URI that DCS normalizes).
//! - **json2json**: Rust's JSON, read and written by Json.NET, is what Rust writes after
//!   reading its JSON (the same bytes, but for what JSON does not carry on either side, like
//!   the type of an `object` member's decimal).
//! - **xml2json**: Rust's XML read by DCS and written by Json.NET is Rust's JSON of what it
//!   reads from its XML. So .NET's output, read by Rust, is the value written: where Rust's
//!   XML carries the value, those bytes are Rust's JSON of the value itself.
//! - **json2xml**: Rust's JSON read by Json.NET and written by DCS is what Rust writes as XML
//!   after reading its JSON.
//! - **xml-refused**: a value XML cannot carry (an unnamed enum value, an undefined `[Flags]`
//!   bit, a constant without `[EnumMember]`): Rust refuses to write it (`Unrepresentable`) and
//!   DCS refuses to write the same value read from JSON.
//!
//! And bodies .NET accepts that Rust does not write, to check the read policies
//! (`ReadPolicy::{Dotnet, Forward, Strict}`) with no code per contract (`differential/perturb.rs`):
//!
//! - **xml-perturbed**: Rust's XML with the root's child elements in reverse order, after an
//!   unknown `<zzNotAMember>1</zzNotAMember>` (in the root's default namespace) inserted as the
//!   first child. DCS reads it (skipping, forward-only, every member before one it has read)
//!   and Json.NET writes it; Rust's dotnet read of the same bytes, written as JSON, is the same
//!   (round-trip digits aside), or both refuse it (DCS does when it skips an `IsRequired`
//!   member). Where DCS reads it, the forward read reads it: it gives the value sent (but where
//!   a member hidden by a `new` one and the member hiding it, told apart by position only,
//!   trade places) and reports the unknown element and, for every member the dotnet read
//!   skips for its order (an `OutOfOrder` finding, `Skipped`), an `OutOfOrder` finding at the
//!   same path, `Read`. The strict read refuses it.
//! - **json-perturbed**: Rust's JSON with an unknown member `"zzNotAMember":[1,{"a":null}]`
//!   first, then a duplicate of the last member, then the members with the first one's name
//!   in upper case. The duplicate has the same member's value in another generated value of
//!   the contract: Json.NET keeps the last of a scalar (or array `T[]`, or `null`), which is
//!   the real value, so a reader keeping the first would differ; it fills the object,
//!   `List<T>` or dictionary the duplicate made with the real object or array (items
//!   appended, members and keys merged, recursively), so a reader keeping either one would.
//!   Json.NET reads and writes it; Rust's dotnet read, written, is the same, or both refuse
//!   it. Where Json.NET reads it, the forward read gives the value sent (the dotnet read's
//!   where the real value is an object or array) and reports each perturbation (`Unknown`,
//!   `CaseMismatch`, `Repeated`); the strict read refuses it. The object's members are cut
//!   with serde_json's `RawValue`, so numbers keep their text.
//!
//! Values with a known subtype in place of a declared type go through xml2xml, xml2json and
//! xml-perturbed only (a second pass of the same size); every other value through all
//! directions.
//!
//! Under the table, the suite lists per contract how many perturbed bodies both sides refused
//! (so only that was checked; corpus `RequiredHolder` and `PaymentRequest` have required
//! members that DCS skips in reverse order, and every field of the `[Serializable]`
//! `LegacySerializable` is required in XML).
//!
//! Values per contract and direction: `PROPTEST_CASES`, else 1000 with `CI=true`, else 256.
//! The seed is printed; `H2H_DIFF_SEED=<n>` replays a run. A disagreement is shrunk and
//! reported with both sides' bytes. Without Mono the suite says loudly that it was skipped
//! (with `CI=true` that is a failure).
//!
//! # .NET behaviours deliberately not copied (values that are not generated)
//!
//! - **Local times at other offsets than +07:00, and before 1970.** .NET converts a time with
//!   an offset to the server's zone when it reads it; the model keeps the sender's offset
//!   (corpus `read-xml-date-other-offset`, `read-json-date-offset`). The server's zone is
//!   +07:00 all year; with Linux tzdata Mono's Asia/Jakarta has other offsets before 1964
//!   (+07:07 in year 1, +07:30 in 1960) that a Windows server does not have, so local times
//!   are generated from 1970 on.
//! - **Subtypes in JSON.** Json.NET builds the declared type and drops a subtype's members
//!   (corpus `knowntype-polymorphic`, `knowntype-root-derived`); the model keeps the subtype.
//! - **`\r` in strings.** XML cannot carry it (written `\r\n`, read back as `\n`, on both
//!   sides), so the value would change on the way; it is not generated (the `char` type,
//!   a number in XML, does get `\r`).
//! - **Lone surrogates** cannot exist in a Rust `String` or `char` (both .NET serializers
//!   refuse to write them, corpus `string-lone-surrogate`).
//! - **Round-trip digits of doubles.** .NET's "R" format tries 15 digits and checks them with
//!   its own parser, which is off for some values, so it writes 17 digits where 15 read back
//!   correctly (`63.618899999999996` for 63.6189) or 15 where they do not. We check with a
//!   correctly rounding parser. Outputs that differ only in such a number, the same double on
//!   both sides, are accepted (`check::same_but_round_trip_digits`). Its parser also misreads
//!   subnormal numbers (`4.66669147512274E-310` comes back 10 units in the last place away),
//!   so random subnormals are not generated (the smallest, `5E-324`, is).
//! - **`new object()` in an `object` member** (`Object::Empty`): Json.NET reads its `{}` back as
//!   a `JObject`, which DCS then cannot write; the model keeps an empty object.
//! - **URIs .NET's parser rejects**, IDN host names and `%XX` escapes of unreserved
//!   characters: `h2h_models::Uri` keeps any string and does not reproduce .NET's IDN handling
//!   or its unescaping (documented on `Uri::write_xml`); the generated URIs avoid them.
#![allow(dead_code, missing_docs)]

#[path = "support/dotnet.rs"]
mod dotnet;

#[path = "differential/check.rs"]
mod check;
#[path = "differential/perturb.rs"]
mod perturb;
#[path = "differential/suite.rs"]
mod suite;
#[path = "differential/values.rs"]
mod values;

/// Generated by `cargo xtask regenerate`: strategies per target and one test per target.
#[rustfmt::skip]
#[path = "differential/generated/mod.rs"]
mod generated;

/// The suite has teeth: writers broken on purpose disagree with .NET. The corpus's `Address`
/// (`street`, `city`) with its members swapped is caught by Json.NET (declaration order), and
/// with `city` moved after `street` by an `Order` the C# class does not have, by DCS.
#[test]
fn a_broken_writer_is_caught() {
    use proptest::strategy::Strategy as _;

    /// JSON broken: members swapped (XML is sorted by name, so it stays right).
    #[derive(Clone, PartialEq, h2h_models::DataContract)]
    #[h2h(
        name = "Address",
        namespace = "http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models"
    )]
    struct SwappedMembers {
        city: Option<String>,
        street: Option<String>,
    }

    /// XML broken: `city` ordered after `street` (JSON keeps the declaration order).
    #[derive(Clone, PartialEq, h2h_models::DataContract)]
    #[h2h(
        name = "Address",
        namespace = "http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models"
    )]
    struct WrongOrder {
        street: Option<String>,
        #[h2h(order = 1)]
        city: Option<String>,
    }

    let csharp = "conformance/dotnet/generated/corpus.cs";
    let Some(mut runner) = check::Runner::start("broken-writer", csharp, 32) else {
        return;
    };
    let text = || values::nullable(values::string());
    let swapped = (text(), text())
        .prop_map(|(city, street)| SwappedMembers { city, street })
        .boxed();
    check::Suite::contract(
        &mut runner,
        "Cebes.DI.H2H.Api.Models.Address",
        swapped,
        None,
    );
    let json = runner.failures().join("\n\n");
    println!("{json}");
    assert!(
        json.contains("Address json2json"),
        "swapped JSON members went unnoticed:\n{json}"
    );

    let Some(mut runner) = check::Runner::start("broken-writer", csharp, 32) else {
        return;
    };
    let reordered = (text(), text())
        .prop_map(|(city, street)| WrongOrder { street, city })
        .boxed();
    check::Suite::contract(
        &mut runner,
        "Cebes.DI.H2H.Api.Models.Address",
        reordered,
        None,
    );
    let xml = runner.failures().join("\n\n");
    println!("{xml}");
    assert!(
        xml.contains("Address xml2xml"),
        "the wrong XML order went unnoticed:\n{xml}"
    );
}
