//! The XML read policies on the API's own contracts: what the server (DCS) reads, what the
//! default reads, what strict refuses, and the report that says why. DCS's order for
//! `AuthRequest` is the base class's members by ordinal name (`accessToken`, `userID`), then
//! the derived class's (`language`, `securityCode`, `token`): `PostSessionLogout`'s
//! documented sample shows it.

use h2h_models::report::{DotnetAction, FindingKind, Outcome};
use h2h_models::{xml, AuthRequest, ReadPolicy};

const NS: &str = "http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models";

/// `userID` after `language`: DCS has passed `userID` when it meets it.
fn body() -> String {
    format!(
        "<AuthRequest xmlns=\"{NS}\">\n  <accessToken>T0KEN</accessToken>\n  <language>ID</language>\n  \
         <userID>alice</userID>\n  <securityCode>S3CRET</securityCode>\n  <extra>x</extra>\n</AuthRequest>"
    )
}

fn read(policy: ReadPolicy) -> Result<(AuthRequest, h2h_models::Report), xml::Error> {
    let mut options = xml::ReadOptions::default();
    options.policy = policy;
    xml::from_str_reported(&body(), &options)
}

#[test]
fn dotnet_reads_what_the_server_reads() {
    let (request, report) = read(ReadPolicy::Dotnet).unwrap();
    assert_eq!(request.user_id, None, "DCS skips userID");
    assert_eq!(request.security_code.as_deref(), Some("S3CRET"));
    let findings = report.findings();
    assert_eq!(findings.len(), 2, "{report}");
    let order = &findings[0];
    assert_eq!(order.kind, FindingKind::OutOfOrder);
    assert_eq!(order.path, "AuthRequest/userID");
    assert_eq!((order.line, order.column), (4, 3));
    assert_eq!(order.dotnet, DotnetAction::Skips);
    assert_eq!(order.outcome, Outcome::Skipped);
    assert_eq!(
        order.expected_order,
        ["accessToken", "userID", "language", "securityCode", "token"]
    );
    assert_eq!(
        order.to_string(),
        "4:3: AuthRequest/userID: DCS skips `userID`: it arrives after `language`, and DCS reads \
         `userID` before `language` (DCS order: accessToken, userID, language, securityCode, \
         token); move `<userID>` before `<language>`"
    );
    assert_eq!(
        order.fix.as_deref(),
        Some("move `<userID>` before `<language>`")
    );
    let unknown = &findings[1];
    assert_eq!(unknown.kind, FindingKind::Unknown);
    assert_eq!(unknown.path, "AuthRequest/extra");
    assert_eq!((unknown.line, unknown.column), (6, 3));
}

#[test]
fn forward_keeps_what_it_can_place() {
    let (request, report) = read(ReadPolicy::Forward).unwrap();
    assert_eq!(request.user_id.as_deref(), Some("alice"));
    assert_eq!(report.findings()[0].outcome, Outcome::Read);
    assert_eq!(report.findings()[1].outcome, Outcome::Skipped);
    // The default policy is forward.
    let default: AuthRequest = xml::from_str(&body()).unwrap();
    assert!(default == request);
}

#[test]
fn strict_refuses_what_dcs_would_drop() {
    let e = read(ReadPolicy::Strict).unwrap_err();
    assert_eq!(e.kind(), xml::ErrorKind::OutOfOrder);
    assert_eq!(e.path(), "AuthRequest/userID");
    assert_eq!(e.position(), Some((4, 3)));
}

/// A member read out of order leaves DCS where it was, past the furthest member it read: the
/// forward read reports every later member before that one as one DCS skips, not only the
/// first (found by the differential suite's xml-perturbed direction, on `Dog` reversed).
#[test]
fn forward_reports_each_member_dcs_skips_after_one_read_out_of_order() {
    // DCS reads `token`, its last member, then skips `accessToken` and `userID`.
    let body = format!(
        "<AuthRequest xmlns=\"{NS}\"><token>d</token><accessToken>a</accessToken>\
         <userID>b</userID></AuthRequest>"
    );
    let read = |policy| {
        let mut options = xml::ReadOptions::default();
        options.policy = policy;
        xml::from_str_reported::<AuthRequest>(&body, &options).unwrap()
    };
    let findings = |report: &h2h_models::Report| {
        report
            .findings()
            .iter()
            .map(|f| (f.kind, f.path.clone(), f.outcome, f.fix.clone()))
            .collect::<Vec<_>>()
    };
    let expected = |outcome| {
        ["accessToken", "userID"].map(|name| {
            (
                FindingKind::OutOfOrder,
                format!("AuthRequest/{name}"),
                outcome,
                Some(format!("move `<{name}>` before `<token>`")),
            )
        })
    };
    let (dotnet, report) = read(ReadPolicy::Dotnet);
    assert_eq!(dotnet.user_id, None);
    assert_eq!(findings(&report), expected(Outcome::Skipped));
    let (forward, report) = read(ReadPolicy::Forward);
    assert_eq!(forward.user_id.as_deref(), Some("b"));
    assert_eq!(forward.token.as_deref(), Some("d"));
    assert_eq!(findings(&report), expected(Outcome::Read));
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
fn a_body_in_dcs_order_has_an_empty_report() {
    let body = format!(
        "<AuthRequest xmlns=\"{NS}\"><accessToken>a</accessToken><userID>b</userID>\
         <language>ID</language><securityCode>c</securityCode><token>d</token></AuthRequest>"
    );
    for policy in [ReadPolicy::Dotnet, ReadPolicy::Forward, ReadPolicy::Strict] {
        let mut options = xml::ReadOptions::default();
        options.policy = policy;
        let (_, report) = xml::from_str_reported::<AuthRequest>(&body, &options).unwrap();
        assert!(report.is_empty(), "{policy:?}: {report}");
    }
}

#[test]
fn a_hostile_body_keeps_a_bounded_report() {
    let extra = "<x/>".repeat(5000);
    let body = format!("<AuthRequest xmlns=\"{NS}\">{extra}</AuthRequest>");
    let (_, report) =
        xml::from_str_reported::<AuthRequest>(&body, &xml::ReadOptions::default()).unwrap();
    assert_eq!(report.findings().len(), h2h_models::Report::MAX_FINDINGS);
    assert_eq!(report.omitted(), 5000 - h2h_models::Report::MAX_FINDINGS);
    // The last kept finding has its own column on the one long line.
    let last = report.findings().last().unwrap();
    assert_eq!(
        last.column as usize,
        body.find("<x/>").unwrap() + 1 + 4 * 999
    );
}

/// DCS reads a `DateTime` at another offset as the server's local time (corpus
/// `read-xml-date-other-offset`: `02:09:38+09:00` is read as `00:09:38+07:00`).
#[test]
fn dotnet_converts_other_offsets_to_the_servers_local_time() {
    let body = format!(
        "<AuthResponse xmlns=\"{NS}\"><respTime>2025-01-23T02:09:38.9648983+09:00</respTime></AuthResponse>"
    );
    let read = |policy: ReadPolicy| {
        let mut options = xml::read_options();
        options.policy = policy;
        xml::from_str_reported::<h2h_models::AuthResponse>(&body, &options)
    };
    let (dotnet, report) = read(ReadPolicy::Dotnet).unwrap();
    assert_eq!(
        dotnet.resp_time.to_string(),
        "2025-01-23T00:09:38.9648983+07:00"
    );
    assert_eq!(report.findings()[0].kind, FindingKind::OffsetConverted);
    assert_eq!(report.findings()[0].outcome, Outcome::Converted);
    assert_eq!(report.findings()[0].path, "AuthResponse/respTime");
    let (forward, report) = read(ReadPolicy::Forward).unwrap();
    assert_eq!(
        forward.resp_time.to_string(),
        "2025-01-23T02:09:38.9648983+09:00"
    );
    assert_eq!(report.findings()[0].outcome, Outcome::Read);
    assert_eq!(
        read(ReadPolicy::Strict).unwrap_err().kind(),
        xml::ErrorKind::InvalidValue
    );
    // Without the server's offset (the runtime's default), every policy keeps the sender's.
    let mut options = xml::ReadOptions::default();
    options.policy = ReadPolicy::Dotnet;
    let (kept, report) =
        xml::from_str_reported::<h2h_models::AuthResponse>(&body, &options).unwrap();
    assert_eq!(
        kept.resp_time.to_string(),
        "2025-01-23T02:09:38.9648983+09:00"
    );
    assert!(report.is_empty());
}

#[test]
fn a_name_in_another_case_is_unknown_and_the_fix_names_the_member() {
    // XML names are case-sensitive and DCS compares them exactly: it skips `<Token>` and the
    // server's `token` is null (measured with the Mono harness, the body and DCS's answer in
    // h2h-cli/tests/fixtures/check-auth-request-mixed/).
    let body = format!("<AuthRequest xmlns=\"{NS}\">\n  <Token>S3CRET</Token>\n</AuthRequest>");
    let mut options = xml::ReadOptions::default();
    options.policy = ReadPolicy::Dotnet;
    let (request, report) = xml::from_str_reported::<AuthRequest>(&body, &options).unwrap();
    assert_eq!(request.token, None);
    let finding = &report.findings()[0];
    assert_eq!(finding.kind, FindingKind::Unknown);
    assert_eq!((finding.line, finding.column), (2, 3));
    assert!(
        finding
            .message
            .contains("`Token` matches the member `token` only case-insensitively"),
        "{finding}"
    );
    assert_eq!(
        finding.fix.as_deref(),
        Some("rename `<Token>` to `<token>`")
    );
    assert!(!finding.to_string().contains("S3CRET"));
}
