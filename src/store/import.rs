//! Travellers from the airline's loyalty system, as CSV:
//! `ffp_number,family_name,given_name,native_name,tier,phones,email,birth_date`.
//! Bad rows are reported with their line number; good rows still load. When
//! a frequent-flyer number appears on several rows (in any case), the last
//! row wins and the earlier ones are reported as superseded.

mod parse;
mod read;
mod report;
mod rows;

use std::{collections::HashMap, io::BufRead};

use chrono::{DateTime, NaiveDate, Utc};

use super::{NewTraveller, Store, StoreResult};
use crate::domain::{CentreTime, DefaultRegion};
use read::ReadRow;

pub use report::{ImportReport, MAX_LISTED_PROBLEMS, ProblemKind, RowError};

pub const COLUMNS: [&str; 8] = [
    "ffp_number",
    "family_name",
    "given_name",
    "native_name",
    "tier",
    "phones",
    "email",
    "birth_date",
];
const MAX_FIELD: usize = 200;
const MAX_PHONES: usize = 10;
const BATCH: usize = 1000;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the file has no header line")]
    NoHeader,
    #[error("the header must be {expected}, found {found}")]
    BadHeader { expected: String, found: String },
    #[error("could not read the file: {0}")]
    Read(String),
    #[error(transparent)]
    Store(#[from] super::StoreError),
}

/// What a row is read against: the region of national numbers, and the
/// centre's date (no birth date is later).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowRules {
    pub region: DefaultRegion,
    pub today: NaiveDate,
}

impl RowRules {
    /// The rules at `now`: "today" is the centre's date, not UTC's.
    pub fn at(region: DefaultRegion, zone: CentreTime, now: DateTime<Utc>) -> Self {
        Self {
            region,
            today: zone.date(now),
        }
    }
}

/// The default region, today in the default centre's time zone.
impl Default for RowRules {
    fn default() -> Self {
        Self::at(DefaultRegion::default(), CentreTime::default(), Utc::now())
    }
}

/// Why one row was refused, before its line number is known.
struct Problem {
    kind: ProblemKind,
    message: String,
}

fn problem(kind: ProblemKind, message: impl Into<String>) -> Problem {
    Problem {
        kind,
        message: message.into(),
    }
}

/// The last row read for a frequent-flyer number.
struct Seen {
    line: u64,
    /// An earlier batch wrote this number and counted it as loaded or updated.
    counted: bool,
}

/// Reads the whole file; `on_row` is told each line read (for a progress bar).
pub async fn import_csv<R: BufRead + Send + 'static>(
    store: &dyn Store,
    input: R,
    rules: RowRules,
    on_row: impl Fn(u64),
) -> Result<ImportReport, ImportError> {
    let (mut rows, reading) = read::spawn_reader(input, rules);
    let mut report = ImportReport::default();
    let mut batch = Vec::with_capacity(BATCH);
    let mut seen: HashMap<String, Seen> = HashMap::new();
    while let Some(ReadRow { line, parsed }) = rows.recv().await {
        on_row(1);
        let traveller = match parsed {
            Ok(traveller) => traveller,
            Err(Problem { kind, message }) => {
                report.reject(RowError {
                    line,
                    kind,
                    message,
                });
                continue;
            }
        };
        match seen.get_mut(&traveller.ffp_number) {
            Some(earlier) => {
                report.reject(RowError {
                    line: earlier.line,
                    kind: ProblemKind::Superseded,
                    message: format!(
                        "ffp_number {} appears again on line {line}, which replaces this row",
                        traveller.ffp_number
                    ),
                });
                earlier.line = line;
                batch.retain(|t: &NewTraveller| t.ffp_number != traveller.ffp_number);
            }
            None => {
                seen.insert(
                    traveller.ffp_number.clone(),
                    Seen {
                        line,
                        counted: false,
                    },
                );
            }
        }
        batch.push(traveller);
        if batch.len() >= BATCH {
            flush(store, &mut batch, &mut seen, &mut report).await?;
        }
    }
    // The file's own errors (a wrong header, a read that failed) come before
    // the last batch is written, as they would reading it here.
    reading
        .await
        .map_err(|e| ImportError::Read(format!("the reader stopped: {e}")))??;
    flush(store, &mut batch, &mut seen, &mut report).await?;
    if report.loaded + report.updated > 0 {
        store.recompute_value_scores().await?;
        store.refresh_statistics().await?;
    }
    Ok(report)
}

/// Writes the batch and counts each number once: as loaded when it was new
/// to the store, as updated when it was there before this import.
async fn flush(
    store: &dyn Store,
    batch: &mut Vec<NewTraveller>,
    seen: &mut HashMap<String, Seen>,
    report: &mut ImportReport,
) -> StoreResult<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let upserted = store.upsert_travellers_telling_new(batch).await?;
    for (traveller, outcome) in batch.iter().zip(upserted) {
        let Some(entry) = seen.get_mut(&traveller.ffp_number) else {
            continue;
        };
        if !entry.counted {
            entry.counted = true;
            if outcome.created {
                report.loaded += 1;
            } else {
                report.updated += 1;
            }
        }
    }
    batch.clear();
    Ok(())
}
