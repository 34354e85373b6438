//! What an import did: counts, the first problems by line, and how many
//! problems of each kind there were in all.

use std::collections::BTreeMap;

/// Problems listed one by one; beyond this only their count by kind is kept,
/// so a file of garbage gives a short report.
pub const MAX_LISTED_PROBLEMS: usize = 100;

/// Why a row was not loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProblemKind {
    /// Not CSV, not UTF-8, or the wrong number of fields.
    Unreadable,
    /// A field longer than allowed.
    TooLong,
    /// A field with control characters, escape sequences or bidi overrides.
    ControlCharacters,
    FfpNumber,
    Name,
    Tier,
    Phone,
    Email,
    BirthDate,
    /// A later row has the same frequent-flyer number and replaces this one.
    Superseded,
}

impl ProblemKind {
    pub const fn label(self) -> &'static str {
        match self {
            ProblemKind::Unreadable => "unreadable line",
            ProblemKind::TooLong => "field too long",
            ProblemKind::ControlCharacters => "control characters",
            ProblemKind::FfpNumber => "bad ffp_number",
            ProblemKind::Name => "no name",
            ProblemKind::Tier => "unknown tier",
            ProblemKind::Phone => "bad phone",
            ProblemKind::Email => "bad email",
            ProblemKind::BirthDate => "bad birth_date",
            ProblemKind::Superseded => "superseded by a later row",
        }
    }
}

impl std::fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// One row that was not loaded, by its line in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub kind: ProblemKind,
    pub message: String,
}

/// `loaded + updated + rejected` is the number of rows after the header.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// Travellers this import created, one per frequent-flyer number.
    pub loaded: usize,
    /// Travellers stored before this import that it updated.
    pub updated: usize,
    /// Rows not loaded: bad rows, and rows superseded by a later one.
    pub rejected: usize,
    /// The first `MAX_LISTED_PROBLEMS` rejected rows, in the order found.
    pub problems: Vec<RowError>,
    /// Every rejected row, counted by kind.
    pub by_kind: BTreeMap<ProblemKind, usize>,
}

impl ImportReport {
    pub(super) fn reject(&mut self, problem: RowError) {
        self.rejected += 1;
        *self.by_kind.entry(problem.kind).or_default() += 1;
        if self.problems.len() < MAX_LISTED_PROBLEMS {
            self.problems.push(problem);
        }
    }

    /// Rejected rows not listed in `problems`.
    pub fn unlisted(&self) -> usize {
        self.rejected - self.problems.len()
    }

    /// The closing line an operator reads.
    pub fn summary(&self) -> String {
        format!(
            "loaded {}, updated {}, rejected {}",
            self.loaded, self.updated, self.rejected
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_first_problems_are_listed_and_all_are_counted() {
        let mut report = ImportReport::default();
        for line in 0..(MAX_LISTED_PROBLEMS as u64 * 3) {
            let kind = if line % 3 == 0 {
                ProblemKind::Tier
            } else {
                ProblemKind::Unreadable
            };
            report.reject(RowError {
                line,
                kind,
                message: "x".into(),
            });
        }
        assert_eq!(report.problems.len(), MAX_LISTED_PROBLEMS);
        assert_eq!(report.problems.last().map(|p| p.line), Some(99));
        assert_eq!(report.rejected, 300);
        assert_eq!(report.unlisted(), 200);
        assert_eq!(report.by_kind[&ProblemKind::Tier], 100);
        assert_eq!(report.by_kind[&ProblemKind::Unreadable], 200);
        assert_eq!(report.summary(), "loaded 0, updated 0, rejected 300");
    }
}
