//! A due time as the agent types it, read on the centre's clocks: `16:00`
//! (today, or tomorrow once it has passed), `+2h` or `+30m` from now, or
//! `2026-12-09 16:00`. Anything else is refused with the forms it takes,
//! so nothing is guessed.

use chrono::{DateTime, Duration, NaiveDateTime, NaiveTime, Utc};

use crate::domain::CentreTime;

pub const DUE_FORMS: &str = "16:00, +2h, +30m or 2026-12-09 16:00";

/// When `typed` falls due, in UTC, read at `now` in `centre`'s zone.
pub fn parse_due(
    typed: &str,
    now: DateTime<Utc>,
    centre: CentreTime,
) -> Result<DateTime<Utc>, String> {
    let typed = typed.trim();
    let refuse = || format!("not a time: use {DUE_FORMS}");
    if let Some(ahead) = typed.strip_prefix('+') {
        return relative(ahead).map(|d| now + d).ok_or_else(refuse);
    }
    if let Ok(time) = NaiveTime::parse_from_str(typed, "%H:%M") {
        let today = centre.date(now);
        let at = centre.utc_of(today.and_time(time)).ok_or_else(refuse)?;
        if at > now {
            return Ok(at);
        }
        let tomorrow = today.succ_opt().ok_or_else(refuse)?;
        return centre.utc_of(tomorrow.and_time(time)).ok_or_else(refuse);
    }
    let at = NaiveDateTime::parse_from_str(typed, "%Y-%m-%d %H:%M").map_err(|_| refuse())?;
    centre.utc_of(at).ok_or_else(refuse)
}

/// `2h`, `30m`: a whole number of hours (up to a year) or minutes.
fn relative(ahead: &str) -> Option<Duration> {
    let (number, unit) = ahead.split_at(ahead.len().checked_sub(1)?);
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) || number.len() > 6 {
        return None;
    }
    let n: i64 = number.parse().ok()?;
    match unit {
        "h" => Some(Duration::hours(n)),
        "m" => Some(Duration::minutes(n)),
        _ => None,
    }
}
