//! The JSON read policies on the API's own contracts: what the server (Json.NET with Web API's
//! settings) reads, what the default reads, what strict refuses, and the report that says why.
//! Json.NET's answers for these inputs are in the corpus: `read-json-unknown-members`,
//! `read-json-case-insensitive-names`, `read-json-duplicate-keys` (the last wins) and
//! `read-json-date-offset` (`02:09:38+09:00` is read as `00:09:38+07:00`).

use h2h_models::json::{self, ReadSeed, Reported};
use h2h_models::report::{DotnetAction, FindingKind, Outcome};
use h2h_models::{AuthRequest, AuthResponse, ReadPolicy};
use serde::de::DeserializeSeed;

/// An unknown member, a name in another case, and a repeated one.
const BODY: &str = "{\n  \"accessToken\": \"T0KEN\",\n  \"extra\": {\"deep\": [1]},\n  \"UserID\": \"alice\",\n  \"token\": \"S3CRET-1\",\n  \"token\": \"S3CRET-2\"\n}";

fn read(policy: ReadPolicy) -> Result<(AuthRequest, h2h_models::Report), json::Error> {
    let mut options = json::read_options();
    options.policy = policy;
    json::from_str_reported(BODY, &options)
}

#[test]
fn dotnet_and_forward_read_what_jsonnet_reads_and_say_what_it_ignored_or_matched() {
    for policy in [ReadPolicy::Dotnet, ReadPolicy::Forward] {
        let (request, report) = read(policy).unwrap();
        assert_eq!(request.user_id.as_deref(), Some("alice"));
        assert_eq!(request.token.as_deref(), Some("S3CRET-2"), "the last wins");
        let found: Vec<_> = report
            .findings()
            .iter()
            .map(|f| {
                (
                    f.kind,
                    f.path.as_str(),
                    f.line,
                    f.column,
                    f.dotnet,
                    f.outcome,
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    FindingKind::Unknown,
                    "extra",
                    3,
                    3,
                    DotnetAction::Skips,
                    Outcome::Skipped
                ),
                (
                    FindingKind::CaseMismatch,
                    "UserID",
                    4,
                    3,
                    DotnetAction::Reads,
                    Outcome::Read
                ),
                (
                    FindingKind::Repeated,
                    "token",
                    6,
                    3,
                    DotnetAction::KeepsLast,
                    Outcome::Read
                ),
            ],
            "{policy:?}: {report}"
        );
        let case = &report.findings()[1];
        assert_eq!(case.fix.as_deref(), Some("write `userID`"));
        assert_eq!(
            case.message,
            "`UserID` matches `userID` of AuthRequest only case-insensitively; Json.NET reads it"
        );
    }
}

#[test]
fn strict_refuses_each_of_them() {
    let e = read(ReadPolicy::Strict).unwrap_err();
    assert_eq!(e.kind(), json::ErrorKind::UnknownMember);
    assert_eq!(e.path(), "extra");
    for (body, kind) in [
        (r#"{"UserID":"a"}"#, json::ErrorKind::CaseMismatch),
        (
            r#"{"token":"a","token":"b"}"#,
            json::ErrorKind::DuplicateMember,
        ),
    ] {
        let mut options = json::read_options();
        options.policy = ReadPolicy::Strict;
        let e = json::from_str_reported::<AuthRequest>(body, &options).unwrap_err();
        assert_eq!(e.kind(), kind, "{body}");
    }
}

#[test]
fn a_report_holds_no_secret() {
    for policy in [ReadPolicy::Dotnet, ReadPolicy::Forward] {
        let (_, report) = read(policy).unwrap();
        let text = format!("{report}{report:?}");
        for secret in ["T0KEN", "S3CRET", "alice"] {
            assert!(!text.contains(secret), "{policy:?}: {text}");
        }
    }
}

#[test]
fn dotnet_converts_other_offsets_to_the_servers_local_time() {
    let body = r#"{"respTime":"2025-01-23T02:09:38.9648983+09:00"}"#;
    let read = |policy: ReadPolicy| {
        let mut options = json::read_options();
        options.policy = policy;
        json::from_str_reported::<AuthResponse>(body, &options)
    };
    let (dotnet, report) = read(ReadPolicy::Dotnet).unwrap();
    assert_eq!(
        dotnet.resp_time.to_string(),
        "2025-01-23T00:09:38.9648983+07:00"
    );
    let finding = &report.findings()[0];
    assert_eq!(
        (
            finding.kind,
            finding.outcome,
            finding.path.as_str(),
            finding.name.as_str()
        ),
        (
            FindingKind::OffsetConverted,
            Outcome::Converted,
            "respTime",
            "respTime"
        )
    );
    assert_eq!((finding.line, finding.column), (1, 13));
    let (forward, report) = read(ReadPolicy::Forward).unwrap();
    assert_eq!(
        forward.resp_time.to_string(),
        "2025-01-23T02:09:38.9648983+09:00"
    );
    assert_eq!(report.findings()[0].outcome, Outcome::Read);
    assert_eq!(
        read(ReadPolicy::Strict).unwrap_err().kind(),
        json::ErrorKind::OtherOffset
    );
}

#[test]
fn serde_json_users_get_the_report_too() {
    let Reported { value, report } = serde_json::from_str::<Reported<AuthRequest>>(BODY).unwrap();
    assert_eq!(value.token.as_deref(), Some("S3CRET-2"));
    assert_eq!(report.findings().len(), 3);
    // The seed takes the options: a nested member path, and a strict read.
    let nested = r#"{"items":[{"request":{"tokn":"x"}}]}"#;
    #[derive(serde::Deserialize)]
    struct Wrapper {
        items: Vec<Item>,
    }
    #[derive(serde::Deserialize)]
    struct Item {
        request: AuthRequest,
    }
    let mut options = json::read_options();
    let mut de = serde_json::Deserializer::from_str(nested);
    let Reported { value, report } = ReadSeed::<Wrapper>::new(&options)
        .deserialize(&mut de)
        .unwrap();
    assert!(value.items[0].request.token.is_none());
    assert_eq!(report.findings()[0].path, "items[0].request.tokn");
    options.policy = ReadPolicy::Strict;
    let mut de = serde_json::Deserializer::from_str(nested);
    assert!(ReadSeed::<Wrapper>::new(&options)
        .deserialize(&mut de)
        .is_err());
}

#[test]
fn no_state_leaks_from_one_read_to_the_next() {
    // A strict read that fails, then a panic inside a read: the thread's next plain read
    // is a default (forward) read again.
    let mut strict = json::read_options();
    strict.policy = ReadPolicy::Strict;
    assert!(json::from_str_reported::<AuthRequest>(r#"{"x":1}"#, &strict).is_err());
    struct Panics;
    impl<'de> serde::Deserialize<'de> for Panics {
        fn deserialize<D: serde::Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
            panic!("inside a read")
        }
    }
    let caught = std::panic::catch_unwind(|| {
        let _ = json::from_str_reported::<Panics>("{}", &strict);
    });
    assert!(caught.is_err());
    // (A float into a string is read from its text, which a read left in the first pass's
    // mode by events would refuse; an unknown member, which a strict policy left behind would.)
    let plain: AuthRequest = serde_json::from_str(r#"{"x":1,"token":1.50}"#).unwrap();
    assert_eq!(plain.token.as_deref(), Some("1.5"));
    let (_, report) =
        json::from_str_reported::<AuthRequest>(r#"{"token":"t"}"#, &json::read_options()).unwrap();
    assert!(report.is_empty(), "{report}");
}

/// Json.NET's relaxed syntax is read as Json.NET reads it (corpus
/// `read-json-comments-single-quotes`, own-vectors `read-json-lenient-*`); each construct is a
/// finding at its place in the body, and an error after one is placed in the body too.
#[test]
fn relaxed_syntax_is_read_and_reported_where_it_is() {
    let body = "{\n  // the caller\n  userID: 'al\"ice',\n  \"token\": \"t\",\n}";
    let (request, report) =
        json::from_str_reported::<AuthRequest>(body, &json::read_options()).unwrap();
    assert_eq!(request.user_id.as_deref(), Some("al\"ice"));
    let found: Vec<_> = report
        .findings()
        .iter()
        .map(|f| (f.kind, f.path.as_str(), f.line, f.column, f.fix.as_deref()))
        .collect();
    let relaxed = FindingKind::RelaxedSyntax;
    assert_eq!(
        found,
        [
            (relaxed, "", 2, 3, Some("remove the comment")),
            (
                relaxed,
                "userID",
                3,
                3,
                Some("put the name in double quotes")
            ),
            (relaxed, "userID", 3, 11, Some("use double quotes")),
            (relaxed, "token", 4, 15, Some("remove the comma")),
        ],
        "{report}"
    );
    // The strict policy keeps serde_json's error.
    let mut strict = json::read_options();
    strict.policy = ReadPolicy::Strict;
    let e = json::from_str_reported::<AuthRequest>(body, &strict).unwrap_err();
    assert_eq!(e.kind(), json::ErrorKind::Syntax);
    // An error in a relaxed body is where it is in the body: the unquoted name adds two
    // characters to the strict text that is read, which the position leaves out again.
    let relaxed_body = "{\n  language: 'XX'}";
    let strict_body = "{\n  \"language\": \"XX\"}";
    let relaxed_error = json::from_str::<AuthRequest>(relaxed_body).unwrap_err();
    let strict_error = json::from_str::<AuthRequest>(strict_body).unwrap_err();
    assert_eq!(relaxed_error.kind(), json::ErrorKind::UnknownEnumName);
    assert_eq!(relaxed_error.path(), "language");
    let (line, column) = strict_error.position().unwrap();
    assert_eq!(relaxed_error.position(), Some((line, column - 2)));
}
