//! What the fee calculator's two typed fields mean. The fare is a
//! percentage of the full fare: digits with at most two decimals and an
//! optional `%` (`60`, `60%`, `62.5`), from 0 to 100. A share written as
//! a fraction (`0.6`) is refused rather than guessed: 0.6 could be 60%
//! or 0.6%, and a wrong guess gives the traveller a wrong answer.
//! Full-width digits, `．` and `％` (what a Chinese input method types)
//! are read as their ASCII twins. The departure is typed on the centre's
//! clock, `YYYY-MM-DD HH:MM`.

use chrono::{DateTime, NaiveDateTime, Utc};

use crate::domain::CentreTime;

/// At most this many characters are kept in a typed field: a percentage
/// or a time is short, and a pasted page must not grow the form.
pub const MAX_TYPED: usize = 24;

/// The typed text with full-width digits and signs made ASCII, so the
/// same rule reads what either keyboard typed.
pub fn normalised(typed: &str) -> String {
    typed
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '％' => '%',
            '－' => '-',
            '：' => ':',
            '　' => ' ',
            other => other,
        })
        .collect()
}

/// The fare as a share of the full fare in hundredths of a percent
/// (6000 is 60%), or why the text is not one.
pub fn fare_basis_points(typed: &str) -> Result<u32, String> {
    let text = normalised(typed);
    let number = text.strip_suffix('%').unwrap_or(&text).trim_end();
    if number.is_empty() {
        return Err("type the fare paid as a % of full fare, e.g. 60".into());
    }
    if number.starts_with('-') {
        return Err("a fare cannot be negative: 0 to 100".into());
    }
    let (whole, decimals) = number.split_once('.').unwrap_or((number, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(decimals) || decimals.len() > 2 {
        return Err("only a number of % with at most 2 decimals, e.g. 60 or 62.5".into());
    }
    if whole.len() > 3 {
        return Err("at most 100% of full fare".into());
    }
    let whole: u32 = whole.parse().map_err(|_| "not a number of %".to_string())?;
    let hundredths: u32 = format!("{decimals:0<2}")
        .parse()
        .map_err(|_| "not a number of %".to_string())?;
    let points = whole * 100 + hundredths;
    if points > 10_000 {
        return Err("at most 100% of full fare".into());
    }
    if whole == 0 && points > 0 {
        return Err("a % of full fare: type 60 for 60%, not 0.6".into());
    }
    Ok(points)
}

/// The departure typed on the centre's clock, as UTC, or why not.
pub fn departure_utc(typed: &str, centre: CentreTime) -> Result<DateTime<Utc>, String> {
    let text = normalised(typed);
    if text.is_empty() {
        return Err("type the departure, e.g. 2026-12-09 14:30".into());
    }
    let local = NaiveDateTime::parse_from_str(&text, "%Y-%m-%d %H:%M")
        .map_err(|_| "a date and time, e.g. 2026-12-09 14:30".to_string())?;
    centre
        .utc_of(local)
        .ok_or_else(|| format!("no such time in {}: the clocks skip it", centre.name()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_percentage_is_read_one_way() {
        for (typed, points) in [
            ("60", 6000),
            ("60%", 6000),
            (" 60 % ", 6000),
            ("62.5", 6250),
            ("0", 0),
            ("100", 10_000),
            ("６０", 6000),
            ("６２．５％", 6250),
        ] {
            assert_eq!(fare_basis_points(typed), Ok(points), "{typed:?}");
        }
    }

    #[test]
    fn anything_else_is_refused_with_why() {
        for (typed, why) in [
            ("", "type the fare"),
            ("abc", "only a number"),
            ("6O", "only a number"),
            ("150", "at most 100%"),
            ("100.01", "at most 100%"),
            ("99999999999", "at most 100%"),
            ("-5", "cannot be negative"),
            ("0.6", "not 0.6"),
            ("60.125", "at most 2 decimals"),
            (".5", "only a number"),
            ("\u{1b}[2J", "only a number"),
            ("٦٠", "only a number"),
        ] {
            let refused = fare_basis_points(typed).expect_err(typed);
            assert!(refused.contains(why), "{typed:?}: {refused}");
        }
    }

    #[test]
    fn a_typed_departure_is_the_centres_clock() {
        let shanghai = CentreTime::default();
        let at = departure_utc("2026-12-09 14:30", shanghai).expect("a time");
        assert_eq!(at, Utc.with_ymd_and_hms(2026, 12, 9, 6, 30, 0).unwrap());
        let wide = departure_utc("２０２６－１２－０９　１４：３０", shanghai).expect("full-width");
        assert_eq!(wide, at);
        assert!(departure_utc("tomorrow", shanghai).is_err());
        assert!(departure_utc("", shanghai).is_err());
        let new_york = CentreTime::parse("America/New_York").expect("zone");
        let skipped = departure_utc("2026-03-08 02:30", new_york).expect_err("skipped");
        assert!(skipped.contains("America/New_York"), "{skipped}");
    }
}
