//! Schema errors: each names its file, line and column, says what is wrong and how to fix it.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

/// One schema file's text, kept so that byte spans can be turned into lines and columns.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path shown in diagnostics (relative to the workspace when loaded by `load_dir`).
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
}

impl SourceFile {
    /// A 1-based line and column (in characters) for a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = self.text.get(..offset).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
        (line, column)
    }
}

/// What kind of mistake a diagnostic reports; stable, so tests and tools can match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file is not valid TOML, or a value has the wrong TOML type.
    Syntax,
    /// A key the schema format does not know.
    UnknownKey,
    /// A type expression names no built-in type, contract or enum.
    UnknownType,
    /// A type expression is malformed (`List<`, `Dictionary<int>`).
    BadTypeExpression,
    /// A contract's `base` names no contract.
    UnknownBase,
    /// Following `base` leads back to the same contract.
    BaseCycle,
    /// Two contracts or enums with one name in one namespace.
    DuplicateContract,
    /// Two members with one name in one inheritance level.
    DuplicateMember,
    /// A member marked `new` whose name no base level has.
    NewWithoutBaseMember,
    /// A member hides a base member of the same name without `new = true`.
    HidesWithoutNew,
    /// A namespace that is not an absolute URI, or a CLR namespace that is not dotted identifiers.
    BadNamespace,
    /// Two enum values with one name, or one numeric value.
    DuplicateEnumValue,
    /// A DataMember setting (`order`, `wire_name`, `required`, `emit_default_value`) on a plain class.
    DataMemberOnPlainClass,
    /// `access` on a field or on a member of a `[DataContract]` class: only a plain class's
    /// properties can be get-only or have a private setter that changes what goes on the wire.
    AccessNotApplicable,
    /// `data_member = false` where it means nothing (a plain class, whose public properties
    /// are all on the wire) or with a setting only a `[DataMember]` or a wire member has, or a
    /// non-member property sharing its name with a member of another level.
    NotMemberNotApplicable,
    /// A type the models cannot hold: a dictionary key other than a string, an integer or a
    /// Guid.
    UnsupportedType,
    /// Two schema items would get the same Rust name.
    RustNameClash,
    /// A value is outside what the format allows (HTTP method, sample direction, enum value range).
    InvalidValue,
}

/// One problem in the schema, located in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What kind of problem this is.
    pub kind: ErrorKind,
    /// The file, as given to the loader.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: error: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every problem found in one load; the loader reports them all at once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Whether nothing was reported.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The diagnostics, in file and position order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        write!(f, "{} error(s) in the schema", self.0.len())
    }
}

impl std::error::Error for Diagnostics {}

/// Collects diagnostics while the schema is read and checked.
#[derive(Debug, Default)]
pub(crate) struct Sink {
    found: Vec<Diagnostic>,
}

impl Sink {
    pub(crate) fn error(
        &mut self,
        file: &SourceFile,
        span: Range<usize>,
        kind: ErrorKind,
        message: impl Into<String>,
        hint: Option<String>,
    ) {
        let (line, column) = file.line_col(span.start);
        self.found.push(Diagnostic {
            kind,
            path: file.path.clone(),
            line,
            column,
            message: message.into(),
            hint,
        });
    }

    pub(crate) fn has_errors(&self) -> bool {
        !self.found.is_empty()
    }

    pub(crate) fn finish(mut self) -> Diagnostics {
        self.found.sort_by(|a, b| {
            (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message))
        });
        self.found.dedup();
        Diagnostics(self.found)
    }
}
