//! Travellers from the airline's loyalty system, as CSV:
//! `ffp_number,family_name,given_name,native_name,tier,phones,email,birth_date`.
//! Bad rows are reported with their line number; good rows still load. When
//! a frequent-flyer number appears on several rows (in any case), the last
//! row wins and the earlier ones are reported as superseded.

mod report;
mod rows;

use std::{borrow::Cow, collections::HashMap, io::BufRead};

use rows::{Row, Rows};

use chrono::{DateTime, NaiveDate, Utc};

use super::{NewPhone, NewTraveller, Store, StoreResult};
use crate::domain::{CentreTime, DefaultRegion, Segment, Tier, phone::normalise, text};

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
pub async fn import_csv(
    store: &dyn Store,
    input: impl BufRead,
    rules: RowRules,
    on_row: impl Fn(u64),
) -> Result<ImportReport, ImportError> {
    let mut rows = Rows::new(input, COLUMNS.len());
    let header = match rows
        .header()
        .map_err(|e| ImportError::Read(e.to_string()))?
    {
        None => return Err(ImportError::NoHeader),
        Some(header) => header.map_err(|e| ImportError::Read(e.to_string()))?,
    };
    if header.is_empty() || header.iter().all(str::is_empty) {
        return Err(ImportError::NoHeader);
    }
    let found: Vec<String> = header
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
        .collect();
    if found != COLUMNS {
        return Err(ImportError::BadHeader {
            expected: COLUMNS.join(","),
            found: text::clean_capped(&found.join(","), 200),
        });
    }
    let mut report = ImportReport::default();
    let mut batch = Vec::with_capacity(BATCH);
    let mut seen: HashMap<String, Seen> = HashMap::new();
    while let Some(row) = rows
        .next_row()
        .map_err(|e| ImportError::Read(e.to_string()))?
    {
        on_row(1);
        let (line, parsed) = match row {
            Row::Read {
                line,
                record: Ok(record),
            } => (line, parse_row(&record, rules)),
            Row::Read {
                line,
                record: Err(e),
            } => (line, Err(problem(ProblemKind::Unreadable, csv_message(&e)))),
            Row::Unterminated { line, last_line } => {
                (line, Err(unterminated_quote(line, last_line)))
            }
        };
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

fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "the line is not valid UTF-8".into(),
        _ => "the line could not be read as CSV".into(),
    }
}

fn unterminated_quote(line: u64, last_line: u64) -> Problem {
    let lost = if line == last_line {
        "this line is skipped".to_string()
    } else {
        format!("lines {line} to {last_line} are skipped")
    };
    problem(
        ProblemKind::Unreadable,
        format!("a quote opened on this line is never closed; {lost}"),
    )
}

fn field(record: &csv::StringRecord, index: usize) -> Result<&str, Problem> {
    let value = record.get(index).unwrap_or("").trim();
    let name = COLUMNS[index];
    if value.chars().count() > MAX_FIELD {
        return Err(problem(
            ProblemKind::TooLong,
            format!("{name} is longer than {MAX_FIELD} characters"),
        ));
    }
    if text::clean(value) != value {
        return Err(problem(
            ProblemKind::ControlCharacters,
            format!("{name} contains control characters or bidi overrides"),
        ));
    }
    Ok(value)
}

fn optional(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.to_string())
}

/// A quoted field that spans lines is one value the export wrapped: its
/// line breaks read as spaces.
fn unwrap_lines(record: &csv::StringRecord) -> Cow<'_, csv::StringRecord> {
    if !record.iter().any(|value| value.contains('\n')) {
        return Cow::Borrowed(record);
    }
    Cow::Owned(
        record
            .iter()
            .map(|value| value.replace("\r\n", " ").replace('\n', " "))
            .collect(),
    )
}

fn parse_row(record: &csv::StringRecord, rules: RowRules) -> Result<NewTraveller, Problem> {
    if record.len() != COLUMNS.len() {
        return Err(problem(
            ProblemKind::Unreadable,
            format!("expected {} fields, found {}", COLUMNS.len(), record.len()),
        ));
    }
    let record = &*unwrap_lines(record);
    let ffp_number = field(record, 0)?;
    if ffp_number.is_empty()
        || ffp_number.len() > 32
        || !ffp_number.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return Err(problem(
            ProblemKind::FfpNumber,
            "ffp_number must be 1 to 32 letters and digits",
        ));
    }
    let family_name = field(record, 1)?;
    let given_name = field(record, 2)?;
    if family_name.is_empty() && given_name.is_empty() {
        return Err(problem(
            ProblemKind::Name,
            "family_name and given_name are both empty",
        ));
    }
    let native_name = field(record, 3)?;
    let tier: Tier = field(record, 4)?
        .parse()
        .map_err(|e: crate::domain::tier::UnknownTier| problem(ProblemKind::Tier, e.to_string()))?;
    let mut phones = Vec::new();
    for raw in field(record, 5)?
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let e164 = normalise(raw, rules.region)
            .map_err(|e| problem(ProblemKind::Phone, format!("phone {raw:?}: {e}")))?;
        if !phones.iter().any(|p: &NewPhone| p.e164 == e164) {
            phones.push(NewPhone {
                e164,
                dialled: Some(raw.to_string()),
                label: if phones.is_empty() { "mobile" } else { "other" }.into(),
            });
        }
    }
    if phones.len() > MAX_PHONES {
        return Err(problem(
            ProblemKind::Phone,
            format!("more than {MAX_PHONES} phones"),
        ));
    }
    let email = field(record, 6)?;
    if !email.is_empty() && (!email.contains('@') || email.contains(char::is_whitespace)) {
        return Err(problem(
            ProblemKind::Email,
            format!("email {email:?} is not an address"),
        ));
    }
    let birth = field(record, 7)?;
    let birth_date = if birth.is_empty() {
        None
    } else {
        let date = NaiveDate::parse_from_str(birth, "%Y-%m-%d").map_err(|_| {
            problem(
                ProblemKind::BirthDate,
                format!("birth_date {birth:?} is not a date (YYYY-MM-DD)"),
            )
        })?;
        if date > rules.today || date.year_ce().1 < 1900 {
            return Err(problem(
                ProblemKind::BirthDate,
                format!("birth_date {birth} is out of range"),
            ));
        }
        Some(date)
    };
    Ok(NewTraveller {
        id: 0,
        ffp_number: ffp_number.to_ascii_uppercase(),
        family_name: family_name.into(),
        given_name: given_name.into(),
        native_name: optional(native_name),
        tier,
        miles_balance: 0,
        segment: Segment::Individual,
        email: optional(email),
        birth_date,
        phones,
        flights_12m: 0,
        miles_12m: 0,
        premium_share: 0.0,
        flights: vec![],
        complaints: vec![],
    })
}

use chrono::Datelike;
