//! One CSV row read as a traveller, or the reason it is refused.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};

use super::ProblemKind;
use super::{COLUMNS, MAX_FIELD, MAX_PHONES, Problem, RowRules, problem};
use crate::{
    domain::{Segment, Tier, phone::normalise, text},
    store::{NewPhone, NewTraveller},
};

pub(super) fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "the line is not valid UTF-8".into(),
        _ => "the line could not be read as CSV".into(),
    }
}

pub(super) fn unterminated_quote(line: u64, last_line: u64) -> Problem {
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

pub(super) fn parse_row(
    record: &csv::StringRecord,
    rules: RowRules,
) -> Result<NewTraveller, Problem> {
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
        tier_valid_until: None,
        qualifying_flights: 0,
        qualifying_miles: 0,
        flights: vec![],
        complaints: vec![],
    })
}
