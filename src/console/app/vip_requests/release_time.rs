//! A seat hold's release time as hotline staff type it, always on the
//! centre's clocks: `16:00` (today, or tomorrow once today's has passed),
//! `+2h` / `+90m` (from now), `2026-12-09 16:00`. Anything else is refused
//! with words shown beside the field, and nothing is sent.

use chrono::{DateTime, Duration, DurationRound, NaiveDate, NaiveDateTime, NaiveTime, Utc};

use crate::domain::CentreTime;

/// The instant `typed` names, or why it names none.
pub fn parse(
    typed: &str,
    now: DateTime<Utc>,
    centre: &CentreTime,
) -> Result<DateTime<Utc>, String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err("type a release time: 16:00, +2h or 2026-12-09 16:00".into());
    }
    let at = if let Some(after) = typed.strip_prefix('+') {
        // Whole minutes, as every other time the agent types.
        let at = now + ahead(after)?;
        at.duration_trunc(Duration::minutes(1)).unwrap_or(at)
    } else if let Ok(time) = NaiveTime::parse_from_str(typed, "%H:%M") {
        let today = centre.date(now).and_time(time);
        let at = local(today, centre)?;
        // A time of day already gone means the next one.
        if at <= now {
            local(today + Duration::days(1), centre)?
        } else {
            at
        }
    } else if let Ok(when) = NaiveDateTime::parse_from_str(typed, "%Y-%m-%d %H:%M") {
        local(when, centre)?
    } else if NaiveDate::parse_from_str(typed, "%Y-%m-%d").is_ok() {
        return Err("add the time: 2026-12-09 16:00".into());
    } else {
        return Err("not a time: use 16:00, +2h or 2026-12-09 16:00".into());
    };
    if at <= now {
        return Err("already past".into());
    }
    Ok(at)
}

/// `2h`, `90m`: how long from now.
fn ahead(text: &str) -> Result<Duration, String> {
    let refused = || "after + type hours or minutes: +2h, +90m".to_string();
    let (number, unit) = text.split_at(text.len().saturating_sub(1));
    let amount: i64 = number.trim().parse().map_err(|_| refused())?;
    // A hold longer than a month is a typo, not a request.
    if !(1..=24 * 31 * 60).contains(&amount) {
        return Err(refused());
    }
    match unit {
        "h" | "H" if amount <= 24 * 31 => Ok(Duration::hours(amount)),
        "m" | "M" => Ok(Duration::minutes(amount)),
        _ => Err(refused()),
    }
}

fn local(at: NaiveDateTime, centre: &CentreTime) -> Result<DateTime<Utc>, String> {
    centre
        .utc_of(at)
        .ok_or_else(|| "that time does not exist on the centre's clocks (the clocks jump)".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn shanghai() -> CentreTime {
        CentreTime::parse("Asia/Shanghai").unwrap_or_default()
    }

    fn now() -> DateTime<Utc> {
        // 17:00 in Shanghai.
        Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
            .single()
            .unwrap_or_default()
    }

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn times_typed_on_the_centres_clocks_become_utc() {
        let c = shanghai();
        assert_eq!(parse("18:30", now(), &c), Ok(utc(2026, 11, 24, 10, 30)));
        // 16:00 has passed today: tomorrow's.
        assert_eq!(parse("16:00", now(), &c), Ok(utc(2026, 11, 25, 8, 0)));
        assert_eq!(parse("+2h", now(), &c), Ok(utc(2026, 11, 24, 11, 0)));
        assert_eq!(parse("+90m", now(), &c), Ok(utc(2026, 11, 24, 10, 30)));
        assert_eq!(
            parse("2026-12-09 16:00", now(), &c),
            Ok(utc(2026, 12, 9, 8, 0))
        );
    }

    #[test]
    fn anything_else_is_refused_in_words() {
        let c = shanghai();
        for bad in [
            "",
            "soon",
            "25:00",
            "+2d",
            "+h",
            "2026-12-09",
            "2026-11-01 10:00",
        ] {
            assert!(parse(bad, now(), &c).is_err(), "{bad:?}");
        }
    }
}
