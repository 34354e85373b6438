//! Travellers from the airline's loyalty system, as CSV:
//! `ffp_number,family_name,given_name,native_name,tier,phones,email,birth_date`.
//! Bad rows are reported with their line number; good rows still load.

use std::io::Read;

use chrono::NaiveDate;

use super::{NewPhone, NewTraveller, Store, StoreResult};
use crate::domain::{DefaultRegion, Segment, Tier, phone::normalise, text};

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub message: String,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub loaded: usize,
    pub rejected: Vec<RowError>,
}

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

/// Reads the whole file; `on_row` is told each line read (for a progress bar).
pub async fn import_csv(
    store: &dyn Store,
    input: impl Read,
    region: DefaultRegion,
    on_row: impl Fn(u64),
) -> Result<ImportReport, ImportError> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(input);
    let header = reader
        .headers()
        .map_err(|e| ImportError::Read(e.to_string()))?
        .clone();
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
    for (index, record) in reader.records().enumerate() {
        let fallback_line = index as u64 + 2;
        on_row(1);
        let parsed = match record {
            Ok(record) => {
                let line = record.position().map_or(fallback_line, |p| p.line());
                parse_row(&record, region).map_err(|message| RowError { line, message })
            }
            Err(e) => {
                let line = e.position().map_or(fallback_line, |p| p.line());
                Err(RowError {
                    line,
                    message: csv_message(&e),
                })
            }
        };
        match parsed {
            Ok(t) => batch.push(t),
            Err(e) => report.rejected.push(e),
        }
        if batch.len() >= BATCH {
            report.loaded += flush(store, &mut batch).await?;
        }
    }
    report.loaded += flush(store, &mut batch).await?;
    if report.loaded > 0 {
        store.recompute_value_scores().await?;
        store.refresh_statistics().await?;
    }
    Ok(report)
}

async fn flush(store: &dyn Store, batch: &mut Vec<NewTraveller>) -> StoreResult<usize> {
    if batch.is_empty() {
        return Ok(0);
    }
    let n = store.upsert_travellers(batch).await?.len();
    batch.clear();
    Ok(n)
}

fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("expected {expected_len} fields, found {len}")
        }
        csv::ErrorKind::Utf8 { .. } => "the line is not valid UTF-8".into(),
        _ => "the line could not be read as CSV".into(),
    }
}

fn field(record: &csv::StringRecord, index: usize) -> Result<&str, String> {
    let value = record.get(index).unwrap_or("").trim();
    let name = COLUMNS[index];
    if value.chars().count() > MAX_FIELD {
        return Err(format!("{name} is longer than {MAX_FIELD} characters"));
    }
    if text::clean(value) != value {
        return Err(format!(
            "{name} contains control characters or bidi overrides"
        ));
    }
    Ok(value)
}

fn optional(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.to_string())
}

fn parse_row(record: &csv::StringRecord, region: DefaultRegion) -> Result<NewTraveller, String> {
    let ffp_number = field(record, 0)?;
    if ffp_number.is_empty()
        || ffp_number.len() > 32
        || !ffp_number.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return Err("ffp_number must be 1 to 32 letters and digits".into());
    }
    let family_name = field(record, 1)?;
    let given_name = field(record, 2)?;
    if family_name.is_empty() && given_name.is_empty() {
        return Err("family_name and given_name are both empty".into());
    }
    let native_name = field(record, 3)?;
    let tier: Tier = field(record, 4)?
        .parse()
        .map_err(|e: crate::domain::tier::UnknownTier| e.to_string())?;
    let mut phones = Vec::new();
    for raw in field(record, 5)?
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let e164 = normalise(raw, region).map_err(|e| format!("phone {raw:?}: {e}"))?;
        if !phones.iter().any(|p: &NewPhone| p.e164 == e164) {
            phones.push(NewPhone {
                e164,
                dialled: Some(raw.to_string()),
                label: if phones.is_empty() { "mobile" } else { "other" }.into(),
            });
        }
    }
    if phones.len() > MAX_PHONES {
        return Err(format!("more than {MAX_PHONES} phones"));
    }
    let email = field(record, 6)?;
    if !email.is_empty() && (!email.contains('@') || email.contains(char::is_whitespace)) {
        return Err(format!("email {email:?} is not an address"));
    }
    let birth = field(record, 7)?;
    let birth_date = if birth.is_empty() {
        None
    } else {
        let date = NaiveDate::parse_from_str(birth, "%Y-%m-%d")
            .map_err(|_| format!("birth_date {birth:?} is not a date (YYYY-MM-DD)"))?;
        if date > chrono::Utc::now().date_naive() || date.year_ce().1 < 1900 {
            return Err(format!("birth_date {birth} is out of range"));
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
