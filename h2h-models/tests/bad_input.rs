//! The catalogue of bad inputs (issue #7): malformed, hostile or unexpected bodies, each pinned to
//! the error kind a program matches on, the member path, and the position (1-based line and
//! column in characters; for JSON where serde_json stopped reading).
//!
//! Positions were worked out by hand from the input, not copied from the code's output. The
//! XML inputs put the root start tag alone on line 1 and each member on its own line indented
//! by two spaces, so the `<` of a member is at column 3. Crashes found by fuzzing (`fuzz/`)
//! become rows here too.
//!
//! Every row also proves that no error message echoes a secret: the values of sensitive
//! members (`token`, `securityCode`, `accessToken`) contain `S3CRET`, which must not appear in
//! the error's `Display` or `Debug`.

use h2h_models::{json, xml, AuthRequest, AuthResponse, Bytes, DataContract, DateTime, Decimal};

/// A contract with the scalars the seed contracts lack.
#[derive(Clone, PartialEq, DataContract)]
#[h2h(
    name = "Scalars",
    namespace = "http://schemas.datacontract.org/2004/07/H2h.Tests"
)]
struct Scalars {
    amount: Decimal,
    count: i32,
    data: Option<Bytes>,
    flag: bool,
    id: h2h_models::Guid,
    labels: Option<h2h_models::Dictionary<String, i32>>,
    numbers: Option<Vec<i32>>,
    ratio: f64,
    when: DateTime,
}

/// A recursive contract: how deep can a body nest?
#[derive(Clone, PartialEq, DataContract)]
#[h2h(
    name = "Node",
    namespace = "http://schemas.datacontract.org/2004/07/H2h.Tests"
)]
struct Node {
    child: Option<Box<Node>>,
}

/// `<AuthRequest>` with DCS's namespace declarations: line 1 of every request.
macro_rules! req {
    ($($rest:literal),*) => {
        concat!(
            r#"<AuthRequest xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models">"#,
            $($rest),*
        )
    };
}

macro_rules! resp {
    ($($rest:literal),*) => {
        concat!(
            r#"<AuthResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models">"#,
            $($rest),*
        )
    };
}

macro_rules! scalars {
    ($($rest:literal),*) => {
        concat!(
            r#"<Scalars xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/H2h.Tests">"#,
            $($rest),*
        )
    };
}

/// Which reader a row runs.
#[derive(Clone, Copy, Debug)]
enum Read {
    XmlRequest,
    XmlResponse,
    XmlScalars,
    JsonRequest,
    JsonResponse,
    JsonScalars,
}

/// The expected kind, in the format's own enum.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    X(xml::ErrorKind),
    J(json::ErrorKind),
}

/// Options for a row: the defaults, or one limit changed.
#[derive(Clone, Copy, Debug)]
enum Opt {
    Default,
    SkipWithDepth(usize),
    MaxString(usize),
    MaxElements(usize),
    MaxDocument(usize),
    SkipUnknown,
    /// XML: `ReadPolicy::Strict` (what DCS would skip is an error).
    Strict,
}

struct Case {
    name: &'static str,
    read: Read,
    opt: Opt,
    input: &'static [u8],
    kind: Kind,
    path: &'static str,
    at: Option<(usize, usize)>,
}

/// What an error looked like, format-independently.
#[derive(Debug, PartialEq)]
struct Got {
    kind: Kind,
    path: String,
    at: Option<(usize, usize)>,
    shown: String,
}

fn xml_options(opt: Opt) -> xml::ReadOptions {
    let mut o = xml::ReadOptions::default();
    match opt {
        Opt::Default => {}
        Opt::SkipWithDepth(n) => {
            o.max_depth = n;
            o.policy = h2h_models::ReadPolicy::Dotnet;
        }
        Opt::MaxString(n) => o.max_string_bytes = n,
        Opt::MaxElements(n) => o.max_elements = n,
        Opt::MaxDocument(n) => o.max_document_bytes = n,
        Opt::SkipUnknown => o.policy = h2h_models::ReadPolicy::Dotnet,
        Opt::Strict => o.policy = h2h_models::ReadPolicy::Strict,
    }
    o
}

fn json_options(opt: Opt) -> json::ReadOptions {
    let mut o = json::ReadOptions::default();
    match opt {
        Opt::Default => {}
        Opt::MaxDocument(n) => o.max_document_bytes = Some(n),
        Opt::SkipUnknown => o.policy = h2h_models::ReadPolicy::Dotnet,
        Opt::Strict => o.policy = h2h_models::ReadPolicy::Strict,
        other => panic!("{other:?} is not a JSON option"),
    }
    o
}

fn xml_got<T>(r: Result<T, xml::Error>) -> Option<Got> {
    r.err().map(|e| Got {
        kind: Kind::X(e.kind()),
        path: e.path().to_owned(),
        at: e.position(),
        shown: format!("{e} {e:?}"),
    })
}

fn json_got<T>(r: Result<T, json::Error>) -> Option<Got> {
    r.err().map(|e| Got {
        kind: Kind::J(e.kind()),
        path: e.path().to_owned(),
        at: e.position(),
        shown: format!("{e} {e:?}"),
    })
}

fn run(case: &Case) -> Option<Got> {
    let input = case.input;
    match case.read {
        Read::XmlRequest => xml_got(xml::from_slice_with::<AuthRequest>(
            input,
            &xml_options(case.opt),
        )),
        Read::XmlResponse => xml_got(xml::from_slice_with::<AuthResponse>(
            input,
            &xml_options(case.opt),
        )),
        Read::XmlScalars => xml_got(xml::from_slice_with::<Scalars>(
            input,
            &xml_options(case.opt),
        )),
        Read::JsonRequest => json_got(json::from_slice_with::<AuthRequest>(
            input,
            &json_options(case.opt),
        )),
        Read::JsonResponse => json_got(json::from_slice_with::<AuthResponse>(
            input,
            &json_options(case.opt),
        )),
        Read::JsonScalars => json_got(json::from_slice_with::<Scalars>(
            input,
            &json_options(case.opt),
        )),
    }
}

use json::ErrorKind as J;
use xml::ErrorKind as X;

macro_rules! case {
    ($name:literal, $read:ident, $opt:expr, $input:expr, $kind:expr, $path:literal, $at:expr) => {
        Case {
            name: $name,
            read: Read::$read,
            opt: $opt,
            input: $input,
            kind: $kind,
            path: $path,
            at: $at,
        }
    };
}

use Opt::Default as D;
// What DCS skips is an error only under the strict policy.
use Opt::Strict as S;

#[rustfmt::skip]
const CASES: &[Case] = &[
    // ---- XML: well-formedness and truncation ----------------------------------------------
    // The text "S3CRET" runs to the end: the end of line 3 ("  <token>S3CRET" is 15 chars).
    case!("xml truncated in text", XmlRequest, D,
        req!("\n  <userID>alice</userID>\n  <token>S3CRET").as_bytes(),
        Kind::X(X::Syntax), "AuthRequest/token", Some((3, 16))),
    // A start tag cut off: reported at its `<`.
    case!("xml truncated in a start tag", XmlRequest, D,
        req!("\n  <userID>alice</userID>\n  <tok").as_bytes(),
        Kind::X(X::Syntax), "AuthRequest", Some((3, 3))),
    // Nothing after the root start tag but a line break: the end is line 2, column 1.
    case!("xml truncated after the root start tag", XmlRequest, D,
        req!("\n").as_bytes(),
        Kind::X(X::Syntax), "AuthRequest", Some((2, 1))),
    case!("xml empty document", XmlRequest, D, b"",
        Kind::X(X::Syntax), "", Some((1, 1))),
    case!("xml white space only", XmlRequest, D, b"\n\n  ",
        Kind::X(X::Syntax), "", Some((3, 3))),
    // `</userId>` closes `<userID>`: the `</` follows "  <userID>a" (11 chars).
    case!("xml mismatched end tag", XmlRequest, D,
        req!("\n  <userID>a</userId>\n</AuthRequest>").as_bytes(),
        Kind::X(X::Syntax), "AuthRequest/userID", Some((2, 12))),
    case!("xml second root element", XmlRequest, D,
        req!("</AuthRequest>\n<AuthRequest/>").as_bytes(),
        Kind::X(X::Syntax), "", Some((2, 1))),
    case!("xml text after the root element", XmlRequest, D,
        req!("</AuthRequest>\n  junk").as_bytes(),
        Kind::X(X::Syntax), "", Some((2, 3))),
    case!("xml text before the root element", XmlRequest, D,
        b"  junk\n<AuthRequest/>",
        Kind::X(X::Syntax), "", Some((1, 3))),
    case!("xml unclosed comment", XmlRequest, D,
        req!("\n  <!-- never closed").as_bytes(),
        Kind::X(X::Syntax), "AuthRequest", Some((2, 3))),
    // Reported at the second `a`, after `  <userID a="1" ` (16 chars).
    case!("xml duplicate attribute", XmlRequest, D,
        req!("\n  <userID a=\"1\" a=\"2\">x</userID>").as_bytes(),
        Kind::X(X::Syntax), "AuthRequest/userID", Some((2, 17))),
    case!("xml undeclared prefix", XmlRequest, D,
        req!("\n  <x:userID>a</x:userID>").as_bytes(),
        Kind::X(X::Syntax), "AuthRequest/userID", Some((2, 3))),
    // The `<?xml` must be the first thing in the document.
    case!("xml declaration after a comment", XmlRequest, D,
        b"<!-- c -->\n<?xml version=\"1.0\"?>\n<AuthRequest/>",
        Kind::X(X::Syntax), "", Some((2, 1))),
    // ---- XML: encoding --------------------------------------------------------------------
    // 0xFF after "  <userID>al" (12 chars).
    case!("xml invalid UTF-8", XmlRequest, D,
        b"<AuthRequest xmlns=\"http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models\">\n  <userID>al\xFFce</userID>\n</AuthRequest>",
        Kind::X(X::Encoding), "AuthRequest/userID", Some((2, 13))),
    case!("xml UTF-16 document", XmlRequest, D,
        b"\xFF\xFE<\x00A\x00/\x00>\x00",
        Kind::X(X::Encoding), "", Some((1, 1))),
    case!("xml declared encoding is not UTF-8", XmlRequest, D,
        b"<?xml version=\"1.0\" encoding=\"utf-16\"?>\n<AuthRequest/>",
        Kind::X(X::Encoding), "", Some((1, 1))),
    // ---- XML: DTDs, entities, processing instructions ------------------------------------------
    case!("xml DTD with an external entity", XmlRequest, D,
        concat!("<!DOCTYPE AuthRequest [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n",
            req!("\n  <userID>&xxe;</userID>\n</AuthRequest>")).as_bytes(),
        Kind::X(X::Dtd), "", Some((1, 1))),
    case!("xml billion laughs", XmlRequest, D,
        b"<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>\n<AuthRequest>&lol2;</AuthRequest>",
        Kind::X(X::Dtd), "", Some((2, 1))),
    case!("xml DTD inside the root", XmlRequest, D,
        req!("\n  <!DOCTYPE x>\n</AuthRequest>").as_bytes(),
        Kind::X(X::Dtd), "AuthRequest", Some((2, 3))),
    // An entity the document never defines is not expanded: reported at its `&`, after
    // "  <userID>ab" (12 chars).
    case!("xml undefined entity", XmlRequest, D,
        req!("\n  <userID>ab&xxe;</userID>").as_bytes(),
        Kind::X(X::Syntax), "AuthRequest/userID", Some((2, 13))),
    // In a sensitive member: after "  <token>S3CRET" (15 chars); the message is redacted.
    case!("xml undefined entity in a secret", XmlRequest, D,
        req!("\n  <token>S3CRET&lol;</token>").as_bytes(),
        Kind::X(X::Syntax), "AuthRequest/token", Some((2, 16))),
    case!("xml lone surrogate reference", XmlRequest, D,
        req!("\n  <userID>&#xD800;</userID>").as_bytes(),
        Kind::X(X::Syntax), "AuthRequest/userID", Some((2, 11))),
    case!("xml bare ampersand", XmlRequest, D,
        req!("\n  <userID>a & b</userID>").as_bytes(),
        Kind::X(X::Syntax), "AuthRequest/userID", Some((2, 13))),
    // In an attribute value: the `&` follows `  <userID a="` (13 chars).
    case!("xml undefined entity in an attribute", XmlRequest, D,
        req!("\n  <userID a=\"&bad;\">x</userID>").as_bytes(),
        Kind::X(X::Syntax), "AuthRequest/userID", Some((2, 14))),
    case!("xml processing instruction before the root", XmlRequest, D,
        b"<?xml-stylesheet href=\"x.xsl\"?>\n<AuthRequest/>",
        Kind::X(X::ProcessingInstruction), "", Some((1, 1))),
    case!("xml processing instruction among members", XmlRequest, D,
        req!("\n  <?evil data?>\n</AuthRequest>").as_bytes(),
        Kind::X(X::ProcessingInstruction), "AuthRequest", Some((2, 3))),
    // After "  <userID>a" (11 chars).
    case!("xml processing instruction in text", XmlRequest, D,
        req!("\n  <userID>a<?pi?>b</userID>\n</AuthRequest>").as_bytes(),
        Kind::X(X::ProcessingInstruction), "AuthRequest/userID", Some((2, 12))),
    // ---- XML: root ------------------------------------------------------------------------
    case!("xml wrong root name", XmlRequest, D,
        b"<BaseRequest xmlns=\"http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models\"/>",
        Kind::X(X::WrongRoot), "BaseRequest", Some((1, 1))),
    case!("xml wrong root namespace", XmlRequest, D,
        b"<AuthRequest xmlns=\"http://tempuri.org/\"/>",
        Kind::X(X::WrongRoot), "AuthRequest", Some((1, 1))),
    // The BOM is not a character of line 1's columns here: it is not part of the text.
    case!("xml request body sent as a response", XmlRequest, D,
        b"\xEF\xBB\xBF\n  <AuthResponse xmlns=\"http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models\"/>",
        Kind::X(X::WrongRoot), "AuthResponse", Some((2, 3))),
    case!("xml nil root", XmlRequest, D,
        b"<AuthRequest xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" i:nil=\"true\" xmlns=\"http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models\"/>",
        Kind::X(X::NilValueType), "AuthRequest", Some((1, 1))),
    case!("xml unknown i:type on the root", XmlRequest, D,
        b"<AuthRequest xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" i:type=\"BaseRequest\" xmlns=\"http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models\"/>",
        Kind::X(X::UnknownType), "AuthRequest", Some((1, 1))),
    // ---- XML: members ---------------------------------------------------------------------
    case!("xml unknown member (case differs)", XmlRequest, S,
        req!("\n  <userId>a</userId>").as_bytes(),
        Kind::X(X::UnknownElement), "AuthRequest/userId", Some((2, 3))),
    case!("xml member in another namespace", XmlRequest, S,
        req!("\n  <userID xmlns=\"http://tempuri.org/\">a</userID>").as_bytes(),
        Kind::X(X::UnknownElement), "AuthRequest/userID", Some((2, 3))),
    case!("xml duplicate member", XmlRequest, S,
        req!("\n  <userID>a</userID>\n  <userID>b</userID>").as_bytes(),
        Kind::X(X::DuplicateElement), "AuthRequest/userID", Some((3, 3))),
    case!("xml duplicate secret", XmlRequest, S,
        req!("\n  <token>S3CRET</token>\n  <token>S3CRET-2</token>").as_bytes(),
        Kind::X(X::DuplicateElement), "AuthRequest/token", Some((3, 3))),
    // AuthResponse has two `accessToken` members (base and derived); a third is one too many.
    case!("xml third accessToken", XmlResponse, S,
        resp!("\n  <accessToken>S3CRET</accessToken>\n  <accessToken>S3CRET</accessToken>\n  <accessToken>S3CRET</accessToken>").as_bytes(),
        Kind::X(X::DuplicateElement), "AuthResponse/accessToken", Some((4, 3))),
    case!("xml element inside a string", XmlRequest, D,
        req!("\n  <userID>a<b/></userID>").as_bytes(),
        Kind::X(X::UnexpectedContent), "AuthRequest/userID", Some((2, 12))),
    case!("xml element inside a secret", XmlRequest, D,
        req!("\n  <securityCode>S3CRET<b/></securityCode>").as_bytes(),
        Kind::X(X::UnexpectedContent), "AuthRequest/securityCode", Some((2, 23))),
    case!("xml text among members", XmlRequest, D,
        req!("\n  stray\n</AuthRequest>").as_bytes(),
        Kind::X(X::UnexpectedContent), "AuthRequest", Some((2, 3))),
    case!("xml CDATA among members", XmlRequest, D,
        req!("\n  <![CDATA[x]]>\n</AuthRequest>").as_bytes(),
        Kind::X(X::UnexpectedContent), "AuthRequest", Some((2, 3))),
    // DCS would drop what a nil element holds; `  <userID i:nil="true">` is 23 chars.
    case!("xml text in a nil element", XmlRequest, S,
        req!("\n  <userID i:nil=\"true\">alice</userID>").as_bytes(),
        Kind::X(X::UnexpectedContent), "AuthRequest/userID", Some((2, 24))),
    case!("xml element in a nil element", XmlRequest, S,
        req!("\n  <userID i:nil=\"true\"><x/></userID>").as_bytes(),
        Kind::X(X::UnexpectedContent), "AuthRequest/userID", Some((2, 24))),
    case!("xml bad i:nil value", XmlRequest, D,
        req!("\n  <userID i:nil=\"maybe\"/>").as_bytes(),
        Kind::X(X::InvalidValue), "AuthRequest/userID", Some((2, 3))),
    // ---- XML: values ----------------------------------------------------------------------
    case!("xml unknown enum name", XmlRequest, D,
        req!("\n  <language>EN</language>").as_bytes(),
        Kind::X(X::UnknownEnumName), "AuthRequest/language", Some((2, 3))),
    case!("xml enum by number", XmlRequest, D,
        req!("\n  <language>1</language>").as_bytes(),
        Kind::X(X::UnknownEnumName), "AuthRequest/language", Some((2, 3))),
    case!("xml enum name in another case", XmlRequest, D,
        req!("\n  <language>id</language>").as_bytes(),
        Kind::X(X::UnknownEnumName), "AuthRequest/language", Some((2, 3))),
    case!("xml i:nil on an enum", XmlRequest, D,
        req!("\n  <language i:nil=\"true\"/>").as_bytes(),
        Kind::X(X::NilValueType), "AuthRequest/language", Some((2, 3))),
    case!("xml 30 February", XmlResponse, D,
        resp!("\n  <respTime>2023-02-30T00:00:00</respTime>").as_bytes(),
        Kind::X(X::InvalidValue), "AuthResponse/respTime", Some((2, 3))),
    case!("xml date that is no date", XmlResponse, D,
        resp!("\n  <respTime>tomorrow</respTime>").as_bytes(),
        Kind::X(X::InvalidValue), "AuthResponse/respTime", Some((2, 3))),
    case!("xml year 10000", XmlResponse, D,
        resp!("\n  <respTime>10000-01-01T00:00:00</respTime>").as_bytes(),
        Kind::X(X::InvalidValue), "AuthResponse/respTime", Some((2, 3))),
    case!("xml i:nil on a DateTime", XmlResponse, D,
        resp!("\n  <respTime i:nil=\"true\"/>").as_bytes(),
        Kind::X(X::NilValueType), "AuthResponse/respTime", Some((2, 3))),
    case!("xml int overflow", XmlScalars, D,
        scalars!("\n  <count>2147483648</count>").as_bytes(),
        Kind::X(X::Overflow), "Scalars/count", Some((2, 3))),
    case!("xml int that is no number", XmlScalars, D,
        scalars!("\n  <count>12abc</count>").as_bytes(),
        Kind::X(X::InvalidValue), "Scalars/count", Some((2, 3))),
    case!("xml i:nil on an int", XmlScalars, D,
        scalars!("\n  <count i:nil=\"true\"/>").as_bytes(),
        Kind::X(X::NilValueType), "Scalars/count", Some((2, 3))),
    case!("xml decimal overflow", XmlScalars, D,
        scalars!("\n  <amount>79228162514264337593543950336</amount>").as_bytes(),
        Kind::X(X::Overflow), "Scalars/amount", Some((2, 3))),
    case!("xml decimal with two points", XmlScalars, D,
        scalars!("\n  <amount>1.2.3</amount>").as_bytes(),
        Kind::X(X::InvalidValue), "Scalars/amount", Some((2, 3))),
    case!("xml base64 of a wrong length", XmlScalars, D,
        scalars!("\n  <data>abc</data>").as_bytes(),
        Kind::X(X::InvalidValue), "Scalars/data", Some((2, 3))),
    case!("xml base64 with a bad character", XmlScalars, D,
        scalars!("\n  <data>ab*d</data>").as_bytes(),
        Kind::X(X::InvalidValue), "Scalars/data", Some((2, 3))),
    case!("xml bad Guid", XmlScalars, D,
        scalars!("\n  <id>not-a-guid</id>").as_bytes(),
        Kind::X(X::InvalidValue), "Scalars/id", Some((2, 3))),
    case!("xml boolean yes", XmlScalars, D,
        scalars!("\n  <flag>yes</flag>").as_bytes(),
        Kind::X(X::InvalidValue), "Scalars/flag", Some((2, 3))),
    case!("xml double with a comma", XmlScalars, D,
        scalars!("\n  <ratio>1,5</ratio>").as_bytes(),
        Kind::X(X::InvalidValue), "Scalars/ratio", Some((2, 3))),
    // A .NET dictionary holds a key once, and DCS reads an entry's Key before its Value
    // (own-vectors read-xml-dictionary-duplicate-key, read-xml-dictionary-value-before-key).
    case!("xml dictionary key given twice", XmlScalars, D,
        scalars!("\n  <labels xmlns:a=\"http://schemas.microsoft.com/2003/10/Serialization/Arrays\">\n    <a:KeyValueOfstringint><a:Key>k</a:Key><a:Value>1</a:Value></a:KeyValueOfstringint>\n    <a:KeyValueOfstringint><a:Key>k</a:Key><a:Value>2</a:Value></a:KeyValueOfstringint>\n  </labels>").as_bytes(),
        Kind::X(X::DuplicateElement), "Scalars/labels/KeyValueOfstringint", Some((4, 5))),
    case!("xml dictionary Value before Key", XmlScalars, D,
        scalars!("\n  <labels xmlns:a=\"http://schemas.microsoft.com/2003/10/Serialization/Arrays\">\n    <a:KeyValueOfstringint>\n      <a:Value>1</a:Value>\n      <a:Key>k</a:Key>\n    </a:KeyValueOfstringint>\n  </labels>").as_bytes(),
        Kind::X(X::UnknownElement), "Scalars/labels/KeyValueOfstringint/Value", Some((4, 7))),
    // An item of a List<int> must be `int` in the Arrays namespace.
    case!("xml wrong collection item", XmlScalars, S,
        scalars!("\n  <numbers xmlns:a=\"http://schemas.microsoft.com/2003/10/Serialization/Arrays\">\n    <a:string>1</a:string>\n  </numbers>").as_bytes(),
        Kind::X(X::UnknownElement), "Scalars/numbers/string", Some((3, 5))),
    // ---- XML: limits ----------------------------------------------------------------------
    // Unknown elements skipped on request, but no deeper than 3 levels: `<c/>` is the 4th.
    case!("xml depth limit", XmlRequest, Opt::SkipWithDepth(3),
        req!("\n  <a>\n    <b>\n      <c/>\n    </b>\n  </a>\n</AuthRequest>").as_bytes(),
        Kind::X(X::LimitExceeded), "AuthRequest/a/b/c", Some((4, 7))),
    case!("xml error after a skipped element", XmlRequest, Opt::SkipUnknown,
        req!("\n  <extra><x/>text</extra>\n  <language>EN</language>").as_bytes(),
        Kind::X(X::UnknownEnumName), "AuthRequest/language", Some((3, 3))),
    case!("xml string limit", XmlRequest, Opt::MaxString(8),
        req!("\n  <userID>123456789</userID>").as_bytes(),
        Kind::X(X::LimitExceeded), "AuthRequest/userID", Some((2, 11))),
    case!("xml element count limit", XmlRequest, Opt::MaxElements(2),
        req!("\n  <userID>a</userID>\n  <token>S3CRET</token>\n  <language>ID</language>").as_bytes(),
        Kind::X(X::LimitExceeded), "AuthRequest/language", Some((4, 3))),
    case!("xml document size limit", XmlRequest, Opt::MaxDocument(64),
        req!("</AuthRequest>").as_bytes(),
        Kind::X(X::LimitExceeded), "", None),
    // ---- JSON -----------------------------------------------------------------------------
    // serde_json reports where it stopped: for an end of input, after the last character.
    case!("json truncated in a string", JsonRequest, D,
        br#"{"userID":"al"#,
        Kind::J(J::Syntax), "userID", Some((1, 13))),
    case!("json truncated after a comma", JsonRequest, D,
        br#"{"userID":"a","#,
        Kind::J(J::Syntax), "", Some((1, 14))),
    case!("json XML sent as JSON", JsonRequest, D,
        b"<AuthRequest/>",
        Kind::J(J::Syntax), "", Some((1, 1))),
    // Json.NET reads relaxed syntax (so do the dotnet and forward policies, see json::lenient);
    // the strict policy keeps serde_json's error.
    case!("json trailing comma", JsonRequest, S,
        br#"{"userID":"a",}"#,
        Kind::J(J::Syntax), "", Some((1, 15))),
    case!("json trailing characters", JsonRequest, D,
        b"{} {}",
        Kind::J(J::Syntax), "", Some((1, 4))),
    case!("json single quotes", JsonRequest, S,
        b"{'userID':'a'}",
        Kind::J(J::Syntax), "", Some((1, 2))),
    case!("json invalid UTF-8", JsonRequest, D,
        b"{\"userID\":\"al\xFFce\"}",
        Kind::J(J::Syntax), "userID", Some((1, 14))),
    case!("json lone surrogate escape", JsonRequest, S,
        br#"{"userID":"\ud800"}"#,
        Kind::J(J::Syntax), "userID", Some((1, 18))),
    // The key is read up to its closing quote: `{"userID":"a","user"` is 20 characters.
    case!("json unknown member", JsonRequest, S,
        br#"{"userID":"a","user":"b"}"#,
        Kind::J(J::UnknownMember), "user", Some((1, 20))),
    case!("json unknown member on line 3", JsonRequest, S,
        b"{\n  \"userID\": \"a\",\n  \"bogus\": 1\n}",
        Kind::J(J::UnknownMember), "bogus", Some((3, 9))),
    // Json.NET matches names case-insensitively, so `userid` is `userID` again: the strict
    // policy refuses the spelling first.
    case!("json other-case member", JsonRequest, S,
        br#"{"userID":"a","userid":"b"}"#,
        Kind::J(J::CaseMismatch), "userid", Some((1, 22))),
    // The derive reports a duplicate on the object (path ""), naming the member in the message.
    case!("json duplicate member", JsonRequest, S,
        br#"{"userID":"a","userID":"b"}"#,
        Kind::J(J::DuplicateMember), "", Some((1, 22))),
    case!("json duplicate secret", JsonRequest, S,
        br#"{"token":"S3CRET","token":"S3CRET"}"#,
        Kind::J(J::DuplicateMember), "", Some((1, 25))),
    case!("json unknown enum name", JsonRequest, D,
        br#"{"language":"EN"}"#,
        Kind::J(J::UnknownEnumName), "language", Some((1, 16))),
    case!("json enum overflow", JsonRequest, D,
        br#"{"language":4294967296}"#,
        Kind::J(J::Overflow), "language", Some((1, 22))),
    case!("json null enum", JsonRequest, D,
        br#"{"language":null}"#,
        Kind::J(J::InvalidValue), "language", Some((1, 16))),
    case!("json object for a string", JsonRequest, D,
        br#"{"userID":{}}"#,
        Kind::J(J::InvalidValue), "userID", Some((1, 12))),
    case!("json array for a secret", JsonRequest, D,
        br#"{"token":["S3CRET"]}"#,
        Kind::J(J::InvalidValue), "token", Some((1, 10))),
    case!("json array for the contract", JsonRequest, D,
        b"[]",
        Kind::J(J::InvalidValue), "", Some((1, 1))),
    case!("json 30 February", JsonResponse, D,
        br#"{"respTime":"2023-02-30T00:00:00"}"#,
        Kind::J(J::InvalidValue), "respTime", Some((1, 33))),
    case!("json null DateTime", JsonResponse, D,
        br#"{"respTime":null}"#,
        Kind::J(J::InvalidValue), "respTime", Some((1, 16))),
    case!("json number for a DateTime", JsonResponse, D,
        br#"{"respTime":5}"#,
        Kind::J(J::InvalidValue), "respTime", Some((1, 13))),
    case!("json int overflow", JsonScalars, D,
        br#"{"count":2147483648}"#,
        Kind::J(J::Overflow), "count", Some((1, 19))),
    case!("json decimal with two points", JsonScalars, D,
        br#"{"amount":"1.2.3"}"#,
        Kind::J(J::InvalidValue), "amount", Some((1, 17))),
    case!("json decimal overflow", JsonScalars, D,
        br#"{"amount":79228162514264337593543950336}"#,
        Kind::J(J::Overflow), "amount", Some((1, 39))),
    case!("json bad base64", JsonScalars, D,
        br#"{"data":"abc"}"#,
        Kind::J(J::InvalidValue), "data", Some((1, 13))),
    case!("json bad Guid", JsonScalars, D,
        br#"{"id":"not-a-guid"}"#,
        Kind::J(J::InvalidValue), "id", Some((1, 18))),
    // byte[] as an array of integers, as Json.NET reads it (own-vectors read-json-bytes-array*).
    case!("json byte array item past 255", JsonScalars, D,
        br#"{"data":[1,256]}"#,
        Kind::J(J::Overflow), "data[1]", Some((1, 14))),
    case!("json byte array item that is a string", JsonScalars, D,
        br#"{"data":[1,"2"]}"#,
        Kind::J(J::InvalidValue), "data[1]", Some((1, 14))),
    // As a duplicate member: reported on the object (the dictionary), naming the key.
    case!("json dictionary key given twice", JsonScalars, S,
        br#"{"labels":{"k":1,"k":2}}"#,
        Kind::J(J::DuplicateMember), "labels", Some((1, 20))),
    case!("json bad collection item", JsonScalars, D,
        br#"{"numbers":[1,"x"]}"#,
        Kind::J(J::InvalidValue), "numbers[1]", Some((1, 17))),
    // Unknown members skipped on request; the next error is still found.
    case!("json error after a skipped member", JsonRequest, Opt::SkipUnknown,
        br#"{"x":1,"userID":{}}"#,
        Kind::J(J::InvalidValue), "userID", Some((1, 18))),
    case!("json document size limit", JsonRequest, Opt::MaxDocument(8),
        br#"{"userID":"alice"}"#,
        Kind::J(J::LimitExceeded), "", None),
];

#[test]
fn the_catalogue_is_large_enough() {
    let xml = CASES
        .iter()
        .filter(|c| matches!(c.kind, Kind::X(_)))
        .count();
    let json = CASES.len() - xml;
    assert!(xml >= 25, "{xml} XML cases");
    assert!(json >= 15, "{json} JSON cases");
}

#[test]
fn every_bad_input_gives_its_error_kind_path_and_position() {
    let mut failures = Vec::new();
    for case in CASES {
        let Some(got) = run(case) else {
            failures.push(format!("{}: read without error", case.name));
            continue;
        };
        let expected = (case.kind, case.path, case.at);
        let actual = (got.kind, got.path.as_str(), got.at);
        if expected != actual {
            failures.push(format!(
                "{}:\n    expected {expected:?}\n    got      {actual:?}\n    {}",
                case.name, got.shown
            ));
        }
        if got.shown.contains("S3CRET") {
            failures.push(format!(
                "{}: the error echoes a secret: {}",
                case.name, got.shown
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

/// Every XML row's input is rejected the same way when it arrives through `from_reader`.
#[test]
fn from_reader_agrees_with_from_slice() {
    for case in CASES.iter().filter(|c| matches!(c.read, Read::XmlRequest)) {
        let a = xml_got(xml::from_slice_with::<AuthRequest>(
            case.input,
            &xml_options(case.opt),
        ));
        let b = xml_got(xml::from_reader_with::<_, AuthRequest>(
            case.input,
            &xml_options(case.opt),
        ));
        let key = |g: Option<Got>| g.map(|g| (g.kind, g.path, g.at));
        assert_eq!(key(a), key(b), "{}", case.name);
    }
}

/// A document just over the size limit is refused before it is parsed, from a reader too.
#[test]
fn the_size_limit_applies_to_readers() {
    let mut o = xml::ReadOptions::default();
    o.max_document_bytes = 100;
    let big = vec![b' '; 1000];
    let e = xml::from_reader_with::<_, AuthRequest>(&big[..], &o).unwrap_err();
    assert_eq!(e.kind(), X::LimitExceeded);
}

/// The defaults are documented and bound every dimension.
#[test]
fn default_limits_are_the_documented_ones() {
    let o = xml::ReadOptions::default();
    assert_eq!(o.max_depth, 256);
    assert_eq!(o.max_document_bytes, 16 << 20);
    assert_eq!(o.max_string_bytes, 4 << 20);
    assert_eq!(o.max_elements, 1_000_000);
    assert_eq!(o.policy, h2h_models::ReadPolicy::Forward);
}

/// Deep nesting is refused at the default depth (256), without exhausting the stack, while
/// unknown elements are skipped.
#[test]
fn deep_nesting_stops_at_the_default_depth() {
    let mut doc = String::from(req!("\n  "));
    doc.push_str(&"<a>".repeat(10_000));
    let mut o = xml::ReadOptions::default();
    o.policy = h2h_models::ReadPolicy::Dotnet;
    let e = xml::from_slice_with::<AuthRequest>(doc.as_bytes(), &o).unwrap_err();
    assert_eq!(e.kind(), X::LimitExceeded);
    // Root and 255 `<a>` fill the 256 levels; the 256th `<a>` starts at column 3 + 255 * 3.
    assert_eq!(e.position(), Some((2, 768)));
    assert_eq!(e.path().split('/').count(), 257);
}

/// A recursive contract nested deeper than the XML depth limit: refused at level 256 without
/// exhausting the stack of a 2 MiB test thread.
#[test]
fn xml_recursive_contract_stops_at_the_default_depth() {
    let mut doc =
        String::from(r#"<Node xmlns="http://schemas.datacontract.org/2004/07/H2h.Tests">"#);
    doc.push_str(&"\n<child>".repeat(1000));
    let e = xml::from_str::<Node>(&doc).unwrap_err();
    assert_eq!(e.kind(), X::LimitExceeded);
    // The root is level 1; the 256th `<child>` (line 257) is level 257.
    assert_eq!(e.position(), Some((257, 1)));
    assert_eq!(e.path().split('/').count(), 257);
}

/// JSON: serde_json's nesting limit (128 objects or arrays) is a `LimitExceeded`.
#[test]
fn json_recursive_contract_stops_at_serde_jsons_depth() {
    let doc = r#"{"child":"#.repeat(1000);
    let e = json::from_str::<Node>(&doc).unwrap_err();
    assert_eq!(e.kind(), J::LimitExceeded);
    // Object k starts at column 9 (k - 1) + 1; the 128th is one too many.
    assert_eq!(e.position(), Some((1, 9 * 127 + 1)));
    assert_eq!(e.path().split('.').count(), 127);
    // A legal depth reads.
    let ok = format!("{}null{}", r#"{"child":"#.repeat(100), "}".repeat(100));
    json::from_str::<Node>(&ok).unwrap();
}

/// Hostile tags cost time linear in their size (found while fuzzing: quick-xml's duplicate
/// attribute check, namespace interning and prefix lookup were each quadratic, so a 500 kB
/// body took a minute). Each document here is about 1 MB; quadratic work would take hours.
#[test]
fn hostile_tags_read_in_linear_time() {
    const NS: &str = "http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models";
    let n = 80_000;
    let attributes: String = (0..n).map(|i| format!(" a{i}=\"\"")).collect();
    let declarations: String = (0..n).map(|i| format!(" xmlns:p{i}=\"urn:{i}\"")).collect();
    let children = "<x/>".repeat(n);
    let docs = [
        format!("<AuthRequest xmlns=\"{NS}\"{attributes}></AuthRequest>"),
        format!("<AuthRequest xmlns=\"{NS}\"{declarations}></AuthRequest>"),
        format!(
            "<AuthRequest xmlns=\"{NS}\"{declarations}><userID>a</userID>{children}</AuthRequest>"
        ),
    ];
    let mut o = xml::ReadOptions::default();
    o.policy = h2h_models::ReadPolicy::Dotnet;
    for doc in &docs {
        let started = std::time::Instant::now();
        let _ = xml::from_slice_with::<AuthRequest>(doc.as_bytes(), &o);
        let took = started.elapsed();
        assert!(took.as_secs() < 20, "{} bytes took {took:?}", doc.len());
    }
    // A duplicate far into a long attribute list is still found.
    let doc = format!("<AuthRequest xmlns=\"{NS}\"{attributes} a7=\"\"/>");
    let e = xml::from_str::<AuthRequest>(&doc).unwrap_err();
    assert_eq!(e.kind(), X::Syntax);
    assert!(e.message().contains("duplicate attribute `a7`"), "{e}");
}

/// A document cut off inside a secret is a syntax error like any other truncation: the
/// redaction of sensitive members keeps errors that echo nothing as they are.
#[test]
fn json_truncated_secret_is_a_syntax_error() {
    let e = json::from_str::<AuthRequest>(r#"{"token":"S3CR"#).unwrap_err();
    assert_eq!(e.kind(), J::Syntax, "{e}");
    assert!(!e.to_string().contains("S3CR"));
}
