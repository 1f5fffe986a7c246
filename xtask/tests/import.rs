//! `cargo xtask import` as maintainers run it: files written into a schema folder that then
//! validates, nothing written twice, dry runs, and clear errors for pages it cannot read.
//! (The round trips against hand-written schemas are unit tests in `src/import/tests.rs`.)

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pages() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages")
}

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("xtask runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A fresh, empty folder under the target directory.
fn fresh_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("import")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn imports_the_seed_into_an_empty_folder_then_finds_nothing_new() {
    let dir = fresh_dir("seed");
    let page = pages().join("Session-Logout.txt");
    let args = [
        "import",
        page.to_str().unwrap(),
        "--schema-dir",
        dir.to_str().unwrap(),
        "--base",
        "AuthRequest=BaseRequest",
        "--base",
        "AuthResponse=BaseResponse",
    ];
    let out = xtask(&args);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    for want in [
        "inferred:",
        "guessed:",
        "round trip: the schema reproduces the page's 4 samples",
        "4 contracts, 1 enums, 1 endpoints written",
    ] {
        assert!(stdout.contains(want), "`{want}` not in:\n{stdout}");
    }
    let written = std::fs::read_to_string(dir.join("session.toml")).unwrap();
    assert!(
        written.contains("\n# Imported by `cargo xtask import` from Session-Logout.txt"),
        "{written}"
    );
    let validate = xtask(&["validate", dir.to_str().unwrap()]);
    assert!(validate.status.success(), "{}", text(&validate.stderr));
    assert!(text(&validate.stdout).contains("4 contracts, 1 enums, 1 endpoints, no errors"));

    // A second import finds everything in place and writes nothing.
    let again = xtask(&args);
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(
        text(&again.stdout).contains("nothing to write"),
        "{}",
        text(&again.stdout)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("session.toml")).unwrap(),
        written
    );
}

/// Imports a test page rendered by `cargo xtask helppage` (`<stem>.html` and its text scrape
/// `<stem>.txt`) into an empty folder with the given `--base` flags, checks the report for
/// each of `wants` and none of `unwanted`, and compares the written file with
/// `<stem>.expected.toml`. The text scrape keeps its samples on one line, so its endpoints are
/// not compared, only its contracts.
fn import_rendered_page(stem: &str, bases: &[&str], wants: &[&str], unwanted: &[&str]) {
    for form in ["html", "txt"] {
        let dir = fresh_dir(&format!("{stem}-{form}"));
        let page = pages().join(format!("{stem}.{form}"));
        let mut args = vec![
            "import",
            page.to_str().unwrap(),
            "--schema-dir",
            dir.to_str().unwrap(),
        ];
        for base in bases {
            args.extend(["--base", base]);
        }
        let out = xtask(&args);
        let stdout = text(&out.stdout);
        assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
        for want in wants {
            assert!(stdout.contains(want), "`{want}` not in:\n{stdout}");
        }
        for not in unwanted {
            assert!(!stdout.contains(not), "`{not}` in:\n{stdout}");
        }
        let written = std::fs::read_to_string(dir.join("ledger.toml")).unwrap();
        let expected =
            std::fs::read_to_string(pages().join(format!("{stem}.expected.toml"))).unwrap();
        let from = |t: &str, at: &str| t[t.find(at).unwrap_or(0)..].to_owned();
        let at = if form == "html" {
            "\nnamespace = "
        } else {
            "\n[[contract]]"
        };
        assert_eq!(
            from(&written, at),
            from(&expected, at),
            "{}",
            page.display()
        );
    }
}

/// Ledger-Post.html (see its .expected.toml) has a [DataContract] base in another namespace
/// and Order across two levels (request), a property without [DataMember] (the request's
/// numbers skip 2) and a hidden member (response): the import reproduces every sample and
/// writes what the page shows.
#[test]
fn imports_other_namespace_bases_two_level_order_a_non_member_and_a_hidden_member() {
    import_rendered_page(
        "Ledger-Post",
        &["LedgerEntry=LedgerBase", "LedgerView=ViewBase"],
        &[
            "round trip: the schema reproduces the page's 4 samples",
            "`LedgerEntry`: 2 class levels of a [DataContract] with [DataMember(Order)]",
            "`LedgerEntry`: sample number 2 is taken by no member",
            "`LedgerView`: `note` appears twice in XML: a base member hidden by `new`",
        ],
        &[],
    );
}

/// Ledger-Audit.html (see its .expected.toml) has Order across two levels and a base member
/// hidden by `new` in the same class, with an Order of its own: the import finds both levels
/// and every Order, and reproduces the samples.
#[test]
fn imports_two_level_order_with_a_hidden_member() {
    import_rendered_page(
        "Ledger-Audit",
        &["AuditView=AuditBase"],
        &[
            "round trip: the schema reproduces the page's 2 samples",
            "`AuditView`: 2 class levels of a [DataContract] with [DataMember(Order)]",
            "`AuditView`: `note` appears twice in XML: a base member hidden by `new`",
        ],
        &["cannot be told apart"],
    );
}

#[test]
fn a_dry_run_writes_nothing() {
    let dir = fresh_dir("dry");
    let page = pages().join("Transfer-Create.html");
    let out = xtask(&[
        "import",
        page.to_str().unwrap(),
        "--schema-dir",
        dir.to_str().unwrap(),
        "--dry-run",
    ]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    assert!(
        stdout.contains("(dry run, not written)") && stdout.contains("[[contract]]"),
        "{stdout}"
    );
    assert!(
        std::fs::read_dir(&dir).unwrap().next().is_none(),
        "the folder stays empty"
    );
}

#[test]
fn conflicts_write_nothing_and_fail() {
    let dir = fresh_dir("conflict");
    let seed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/api/session.toml"),
    )
    .unwrap();
    // The maintainer's AuthResponse has a member the page does not show.
    let edited = seed.replace(
        "new = true\ndescription = \"access token to get access of API\"\nsensitive = true\n",
        "new = true\ndescription = \"access token to get access of API\"\nsensitive = true\n\n[[contract.member]]\nname = \"note\"\ntype = \"string\"\n",
    );
    assert_ne!(edited, seed);
    std::fs::write(dir.join("session.toml"), &edited).unwrap();
    let page = pages().join("Session-Logout.txt");
    let out = xtask(&[
        "import",
        page.to_str().unwrap(),
        "--schema-dir",
        dir.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(
        text(&out.stdout).contains("`AuthResponse` differs from the schema's (session.toml:"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stderr).contains("nothing written"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("session.toml")).unwrap(),
        edited
    );
}

#[test]
fn unreadable_pages_name_the_section() {
    let dir = fresh_dir("bad");
    let bad = dir.join("bad.html");
    std::fs::write(&bad, "<html><body><h1>POST Session/Logout</h1><h2>Request Information</h2><h3>Body Parameters</h3><p>None.</p><h3>Request Formats</h3><h4 class=\"sample-header\">application/json</h4><div><span><b>Sample:</b></span><pre class=\"wrapped\">\n{ \"a\": }\n</pre></div></body></html>").unwrap();
    let out = xtask(&[
        "import",
        bad.to_str().unwrap(),
        "--schema-dir",
        dir.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "cannot read section `Request Formats` sample `application/json`: invalid JSON"
        ),
        "{stderr}"
    );

    let out = xtask(&["import", dir.join("missing.html").to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("cannot read"),
        "{}",
        text(&out.stderr)
    );

    let out = xtask(&["import"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("import needs a page"),
        "{}",
        text(&out.stderr)
    );
}

/// `cargo xtask helppage` writes a schema's site; `cargo xtask import --site` reads it back
/// into an empty folder that validates, with every enum constant from the model pages.
#[test]
fn a_rendered_site_imports_in_one_command() {
    let site = fresh_dir("site-pages");
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/tests/all-types");
    let out = xtask(&[
        "helppage",
        "--schema",
        schema.to_str().unwrap(),
        "--out",
        site.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for page in [
        "index.html",
        "Api/GET-api-Scalars-id.html",
        "Api/GET-api-Scalars-id.txt",
        "ResourceModel/Access.html",
    ] {
        assert!(site.join(page).is_file(), "{page} not written");
    }
    let dir = fresh_dir("site-schema");
    let out = xtask(&[
        "import",
        "--site",
        site.to_str().unwrap(),
        "--schema-dir",
        dir.to_str().unwrap(),
    ]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    assert!(
        stdout.contains("2 API pages and 12 model pages imported"),
        "{stdout}"
    );
    let validate = xtask(&["validate", dir.to_str().unwrap()]);
    assert!(validate.status.success(), "{}", text(&validate.stderr));
    // The [Flags] enum's constants, all five, from its ResourceModel page.
    let written = std::fs::read_to_string(dir.join("collections.toml")).unwrap();
    for constant in ["None", "Read", "Write", "ReadWrite", "Execute"] {
        assert!(
            written.contains(&format!("name = \"{constant}\"")),
            "{constant} not in:\n{written}"
        );
    }
}
