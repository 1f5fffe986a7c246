//! How a read treats what .NET's reader would skip, and what it says about it.
//!
//! .NET's readers are lenient in ways that lose data silently: DataContractSerializer skips a
//! member that arrives out of its order, an unknown element, a member in another namespace,
//! the second of a repeated element. The server then reads `null`, and nobody sees why. A
//! [`ReadPolicy`] chooses what the reader does there, and every read can return a [`Report`]
//! of what it met: one [`Finding`] per element, with its path, position, what .NET does with it
//! and, for order, the order DCS expects.
//!
//! ```
//! use datacontract::{report::FindingKind, xml, DataContract, ReadPolicy};
//!
//! #[derive(Clone, PartialEq, DataContract)]
//! #[h2h(name = "Login", namespace = "http://schemas.datacontract.org/2004/07/Acme")]
//! struct Login {
//!     user: Option<String>,
//!     pin: Option<String>,
//! }
//!
//! // DCS reads `pin` then `user` (ordinal order); here `user` comes last.
//! let body = r#"<Login xmlns="http://schemas.datacontract.org/2004/07/Acme"><user>ann</user><pin>1</pin></Login>"#;
//!
//! // The default policy keeps what it can place, and says what .NET would lose.
//! let (login, report) = xml::from_str_reported::<Login>(body, &xml::ReadOptions::default())?;
//! assert_eq!(login.pin.as_deref(), Some("1"));
//! assert_eq!(login.user.as_deref(), Some("ann"));
//! assert_eq!(report.findings()[0].kind, FindingKind::OutOfOrder);
//! assert_eq!(report.findings()[0].path, "Login/pin");
//!
//! // The dotnet policy gives what the server reads: after `user`, DCS skips `pin`.
//! let mut options = xml::ReadOptions::default();
//! options.policy = ReadPolicy::Dotnet;
//! let (login, _) = xml::from_str_reported::<Login>(body, &options)?;
//! assert_eq!(login.pin, None);
//! assert_eq!(login.user.as_deref(), Some("ann"));
//!
//! // The strict policy refuses the body.
//! options.policy = ReadPolicy::Strict;
//! assert!(xml::from_str::<Login>(body).is_ok());
//! assert!(xml::from_str_reported::<Login>(body, &options).is_err());
//! # Ok::<(), datacontract::xml::Error>(())
//! ```

use std::fmt;

/// What a reader does where .NET's reader would drop, coerce or convert something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ReadPolicy {
    /// The value .NET's reader gives, including what it ignores (a member out of DCS order, an
    /// unknown element, a member in another namespace, a repeated element after the first),
    /// each reported. It fails where .NET fails.
    Dotnet,
    /// The default: never fails on a body .NET accepts, and loses nothing it can place: a
    /// member out of DCS order is read (DCS would skip it), what cannot be placed (an unknown
    /// element, a repeated one) is skipped. Each is reported.
    #[default]
    Forward,
    /// Anything .NET would drop is an error: for tests, and for bodies written by hand.
    Strict,
}

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FindingKind {
    /// A member after one that DCS reads later: DCS skips it.
    OutOfOrder,
    /// An element that is no member of the contract (also a member's name in another
    /// namespace): .NET skips it.
    Unknown,
    /// A member given again: DCS keeps the first; Json.NET reads the last, into the earlier
    /// value where that is an object, a `List<T>` or a dictionary and the last an object or
    /// array (see [`DotnetAction::Merges`]).
    Repeated,
    /// A JSON member name that matches a member only ignoring case: Json.NET reads it.
    CaseMismatch,
    /// JSON syntax that Json.NET accepts and strict JSON does not (a comment, single quotes,
    /// a trailing comma, ...): read as Json.NET reads it.
    RelaxedSyntax,
    /// Content in an element marked `i:nil="true"`: DCS ignores it.
    NilContent,
    /// A date and time at another offset than the server's: .NET converts it to the server's
    /// local time (the same instant).
    OffsetConverted,
}

/// What .NET's reader does with the element of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DotnetAction {
    /// .NET skips it: the member keeps its default (`null`, 0).
    Skips,
    /// .NET keeps the first and skips this one.
    KeepsFirst,
    /// .NET reads this one in place of the earlier one.
    KeepsLast,
    /// .NET fills the earlier value with this one (Json.NET's `ObjectCreationHandling.Auto`):
    /// a list's items are appended, an object's members and a dictionary's keys are read into
    /// the earlier object or dictionary (an object member of it in turn filled the same way).
    Merges,
    /// .NET reads it as if it were written as the contract says.
    Reads,
    /// .NET converts it to the server's local time.
    ConvertsToServerTime,
}

/// What the reader did with the element of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Outcome {
    /// Read into its member (where .NET would not).
    Read,
    /// Skipped, as .NET does.
    Skipped,
    /// Converted, as .NET does.
    Converted,
    /// Merged into the earlier value, as .NET does ([`DotnetAction::Merges`]).
    Merged,
}

/// One element the reader met that .NET's reader would treat differently from what the sender
/// may mean. It never holds a member's value, so a report can be logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What it is about.
    pub kind: FindingKind,
    /// The element path in XML (`AuthRequest/userID`), the member path in JSON (`userID`,
    /// `items[2].code`, as [`json::Error::path`](crate::json::Error::path)).
    pub path: String,
    /// The element's or member's name on the wire.
    pub name: String,
    /// The element's namespace (empty for none, and in JSON).
    pub namespace: String,
    /// 1-based line of the element's start tag, or of the JSON member's name (0 where the
    /// position is unknown: a JSON name written with escapes, or a read by
    /// [`json::Reported`](crate::json::Reported) from another deserializer than serde_json's).
    pub line: u64,
    /// 1-based column, in characters, of the same (0 where the line is).
    pub column: u64,
    /// What .NET does with it.
    pub dotnet: DotnetAction,
    /// What this read did with it.
    pub outcome: Outcome,
    /// The contract's members in the order DCS reads them (for [`FindingKind::OutOfOrder`]).
    pub expected_order: Vec<String>,
    /// A sentence for a person: the reason, and what .NET does.
    pub message: String,
    /// What the sender can change so that .NET reads what was meant (`move <userID> before
    /// <language>`), where there is such a change.
    pub fix: Option<String>,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.line, self.column, self.path, self.message
        )?;
        match &self.fix {
            Some(fix) => write!(f, "; {fix}"),
            None => Ok(()),
        }
    }
}

/// What a finding says; the reader adds its path, name and position.
pub(crate) struct Note {
    pub(crate) kind: FindingKind,
    pub(crate) dotnet: DotnetAction,
    pub(crate) outcome: Outcome,
    /// For [`FindingKind::OutOfOrder`]: the contract's members in DCS order.
    pub(crate) expected_order: Vec<String>,
    pub(crate) message: String,
    pub(crate) fix: Option<String>,
}

/// What one read met, in document order (JSON: in reading order, which is the document's): at most [`Report::MAX_FINDINGS`] findings, and the
/// number of those past it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    findings: Vec<Finding>,
    omitted: usize,
}

impl Report {
    /// The findings, in document order.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// Most findings a report keeps (a hostile body could hold a million unknown elements).
    pub const MAX_FINDINGS: usize = 1000;

    /// Whether the read met nothing .NET would treat differently.
    pub fn is_empty(&self) -> bool {
        self.findings.is_empty() && self.omitted == 0
    }

    /// How many findings there were past [`Report::MAX_FINDINGS`].
    pub fn omitted(&self) -> usize {
        self.omitted
    }

    pub(crate) fn is_full(&self) -> bool {
        self.findings.len() >= Self::MAX_FINDINGS
    }

    pub(crate) fn count_omitted(&mut self) {
        self.omitted += 1;
    }

    pub(crate) fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// Sets the line and column of each finding, in order.
    pub(crate) fn set_positions(&mut self, positions: &[(usize, usize)]) {
        for (finding, &(line, column)) in self.findings.iter_mut().zip(positions) {
            finding.line = line as u64;
            finding.column = column as u64;
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for finding in &self.findings {
            writeln!(f, "{finding}")?;
        }
        if self.omitted > 0 {
            writeln!(f, "... and {} more", self.omitted)?;
        }
        Ok(())
    }
}

/// A `DateTime` at another offset than the server's, which .NET's readers (DCS and Json.NET
/// alike) read as the server's local time: the same instant at the server's offset.
pub(crate) struct OtherOffset {
    /// The value this read gives: converted under the dotnet policy, else as sent.
    pub(crate) value: crate::DateTime,
    pub(crate) outcome: Outcome,
    pub(crate) message: String,
    pub(crate) fix: String,
}

/// How `policy` reads `value` where the server is at `server` (minutes east of UTC; `None`:
/// unknown, the value is kept). `Ok(None)`: nothing to report; `Err`: the strict policy's
/// message. `reader` names .NET's reader in the message ("DCS", "Json.NET").
pub(crate) fn at_server_offset(
    value: crate::DateTime,
    server: Option<i16>,
    policy: ReadPolicy,
    reader: &str,
) -> Result<Option<OtherOffset>, String> {
    let (Some(server), Some(sent)) = (server, value.offset_minutes()) else {
        return Ok(None);
    };
    if server == sent {
        return Ok(None);
    }
    let (sent, server_text) = (
        crate::dotnet::format_offset(sent),
        crate::dotnet::format_offset(server),
    );
    let message =
        format!("a date and time at {sent} is read by {reader} as the server's local time, at {server_text}");
    let fix = format!("send it at the server's offset, {server_text}");
    if policy == ReadPolicy::Strict {
        return Err(format!("{message}; {fix}"));
    }
    let converted = if policy == ReadPolicy::Dotnet {
        value.at_offset(server)
    } else {
        None
    };
    Ok(Some(OtherOffset {
        outcome: if converted.is_some() {
            Outcome::Converted
        } else {
            Outcome::Read
        },
        value: converted.unwrap_or(value),
        message,
        fix,
    }))
}
