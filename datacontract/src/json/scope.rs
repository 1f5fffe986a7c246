//! The state of one JSON read: its policy, the server's UTC offset, and the findings it
//! collects.
//!
//! serde's `Deserialize` has no place for a read's options, so they live in thread-locals for
//! the duration of one read, set by a [`ReadScope`] and restored when it is dropped (also when
//! the read panics or is nested in another), so that nothing of one read reaches the next. A
//! plain `serde_json::from_str` (no scope) reads with the default policy and collects nothing.
//!
//! A finding is noted with the address of its key or value in the input (serde_json hands
//! over borrowed slices of it); [`ReadScope::finish`] turns addresses into member paths,
//! lines and columns in one pass over the document ([`super::locate`]).

use std::cell::{Cell, RefCell};

pub(crate) use crate::report::Note;
use crate::report::{Finding, Report};
use crate::ReadPolicy;

thread_local! {
    static POLICY: Cell<ReadPolicy> = const { Cell::new(ReadPolicy::Forward) };
    static SERVER_OFFSET: Cell<Option<i16>> = const { Cell::new(None) };
    static COLLECTOR: RefCell<Option<Collector>> = const { RefCell::new(None) };
}

/// The policy of the current read ([`ReadPolicy::Forward`] outside a scope).
pub(crate) fn policy() -> ReadPolicy {
    POLICY.with(Cell::get)
}

/// The server UTC offset of the current read (`None` outside a scope).
pub(crate) fn server_utc_offset_minutes() -> Option<i16> {
    SERVER_OFFSET.with(Cell::get)
}

/// Findings noted so far, each with the address of the input byte it is about (0: unknown).
#[derive(Default)]
struct Collector {
    findings: Vec<(Finding, usize)>,
    omitted: usize,
}

/// Notes a finding about the key or value named `name` whose text starts at `address` (0 when
/// the input is not at hand). `note` is only called when findings are collected.
pub(crate) fn note(name: &str, address: usize, note: impl FnOnce() -> Note) {
    COLLECTOR.with(|c| {
        let mut c = c.borrow_mut();
        let Some(collector) = c.as_mut() else {
            return;
        };
        if collector.findings.len() >= Report::MAX_FINDINGS {
            collector.omitted += 1;
            return;
        }
        let Note {
            kind,
            dotnet,
            outcome,
            expected_order,
            message,
            fix,
        } = note();
        collector.findings.push((
            Finding {
                kind,
                path: String::new(),
                name: name.to_owned(),
                namespace: String::new(),
                line: 0,
                column: 0,
                dotnet,
                outcome,
                expected_order,
                message,
                fix,
            },
            address,
        ));
    });
}

/// Maps an offset of a rewritten text to the input's (see `lenient`).
pub(crate) type OffsetMap<'a> = dyn Fn(usize) -> usize + 'a;

/// One read's settings in the thread-locals, for as long as it lives.
pub(crate) struct ReadScope {
    policy: ReadPolicy,
    offset: Option<i16>,
    collector: Option<Collector>,
}

impl ReadScope {
    /// Enters a read with `policy` and the server's offset; `collect`: keep its findings.
    pub(crate) fn enter(policy: ReadPolicy, offset: Option<i16>, collect: bool) -> Self {
        ReadScope {
            policy: POLICY.with(|p| p.replace(policy)),
            offset: SERVER_OFFSET.with(|o| o.replace(offset)),
            collector: COLLECTOR.with(|c| c.replace(collect.then(Collector::default))),
        }
    }

    /// Forgets the findings so far (a document read again from the start).
    pub(crate) fn restart(&self) {
        COLLECTOR.with(|c| {
            if let Some(collector) = c.borrow_mut().as_mut() {
                *collector = Collector::default();
            }
        });
    }

    /// The read's report: paths, lines and columns found in `input`, the document whose
    /// slices serde_json handed over (addresses outside it leave the finding at line 0 and its
    /// path at the member's name).
    pub(crate) fn finish(self, input: &[u8]) -> Report {
        self.finish_mapped(input, None)
    }

    /// [`ReadScope::finish`] for a read of `text`, a rewrite of `original`: paths are found in
    /// `text`, lines and columns in `original` at the offsets `map` gives.
    pub(crate) fn finish_mapped(
        self,
        text: &[u8],
        original: Option<(&[u8], &OffsetMap<'_>)>,
    ) -> Report {
        let collector = COLLECTOR
            .with(|c| c.borrow_mut().take())
            .unwrap_or_default();
        drop(self);
        if collector.findings.is_empty() && collector.omitted == 0 {
            // The common case: nothing to place.
            return Report::default();
        }
        let base = text.as_ptr() as usize;
        let mut findings: Vec<(Finding, Option<usize>)> = collector
            .findings
            .into_iter()
            .map(|(finding, address)| {
                let offset = address
                    .checked_sub(base)
                    .filter(|&offset| address != 0 && offset < text.len());
                (finding, offset)
            })
            .collect();
        // Document order (a polymorphic object's keys are looked at before it is read).
        findings.sort_by_key(|(_, offset)| offset.unwrap_or(usize::MAX));
        let offsets: Vec<Option<usize>> = findings.iter().map(|(_, o)| *o).collect();
        let places = super::locate::locate(text, &offsets);
        let positions = original.map(|(original, map)| {
            let mapped: Vec<usize> = offsets.iter().map(|o| o.map_or(0, map)).collect();
            crate::xml::error::line_columns(original, &mapped)
        });
        let mut report = Report::default();
        for (i, ((mut finding, _), place)) in findings.into_iter().zip(places).enumerate() {
            match place {
                Some(place) => {
                    if finding.name.is_empty() {
                        // A value's finding: it is about the member (or item) it is.
                        finding.name = last_segment(&place.path).to_owned();
                    }
                    finding.path = place.path;
                    finding.line = place.line;
                    finding.column = place.column;
                    if let Some(&(line, column)) = positions.as_ref().and_then(|p| p.get(i)) {
                        finding.line = line as u64;
                        finding.column = column as u64;
                    }
                }
                None => finding.path.clone_from(&finding.name),
            }
            report.push(finding);
        }
        for _ in 0..collector.omitted {
            report.count_omitted();
        }
        report
    }
}

impl Drop for ReadScope {
    fn drop(&mut self) {
        POLICY.with(|p| p.set(self.policy));
        SERVER_OFFSET.with(|o| o.set(self.offset));
        let previous = self.collector.take();
        COLLECTOR.with(|c| *c.borrow_mut() = previous);
    }
}

/// The last member name or item index of a path (`code` of `items[2].code`, `[2]` of
/// `items[2]`).
fn last_segment(path: &str) -> &str {
    let start = path.rfind(['.', '[']).map_or(0, |i| {
        if path.as_bytes().get(i) == Some(&b'.') {
            i + 1
        } else {
            i
        }
    });
    path.get(start..).unwrap_or(path)
}
