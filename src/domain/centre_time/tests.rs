use chrono::{DateTime, NaiveDate, Utc};

use super::*;

fn utc(text: &str) -> DateTime<Utc> {
    text.parse().expect("an RFC 3339 time")
}

fn date(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

fn zone(name: &str) -> CentreTime {
    CentreTime::parse(name).expect("a known zone")
}

/// Each (moment, what `of` gives then in `centre`) of `cases` holds, the
/// expected value read by `read`.
fn assert_each<T: PartialEq + std::fmt::Debug>(
    centre: &CentreTime,
    cases: &[(&str, &str)],
    of: impl Fn(&CentreTime, DateTime<Utc>) -> T,
    read: impl Fn(&str) -> T,
) {
    for (at, expected) in cases {
        assert_eq!(
            of(centre, utc(at)),
            read(expected),
            "{}: at {at}",
            centre.name()
        );
    }
}

fn assert_dates(centre: &CentreTime, cases: &[(&str, &str)]) {
    assert_each(centre, cases, CentreTime::date, date);
}

fn assert_day_starts(centre: &CentreTime, cases: &[(&str, &str)]) {
    assert_each(centre, cases, CentreTime::day_start, utc);
}

#[test]
fn beijing_today_starts_at_16_00_utc() {
    let beijing = CentreTime::default();
    assert_eq!(beijing.name(), "Asia/Shanghai");
    // 23:30 UTC is 07:30 the next morning in Beijing.
    assert_dates(
        &beijing,
        &[
            ("2026-12-06T23:30:00Z", "2026-12-07"),
            ("2026-12-06T15:59:59Z", "2026-12-06"),
        ],
    );
    assert_day_starts(
        &beijing,
        &[("2026-12-06T23:30:00Z", "2026-12-06T16:00:00Z")],
    );
    assert_eq!(
        beijing
            .local(utc("2026-12-06T17:00:00Z"))
            .format("%m-%d %H:%M")
            .to_string(),
        "12-07 01:00"
    );
}

#[test]
fn new_york_midnight_follows_daylight_saving() {
    let new_york = zone("America/New_York");
    assert_day_starts(
        &new_york,
        &[
            // 2026-03-08: clocks go from 02:00 EST to 03:00 EDT.
            ("2026-03-08T12:00:00Z", "2026-03-08T05:00:00Z"),
            ("2026-03-09T12:00:00Z", "2026-03-09T04:00:00Z"),
            // 2026-11-01: clocks go back from 02:00 EDT to 01:00 EST.
            ("2026-11-01T12:00:00Z", "2026-11-01T04:00:00Z"),
            ("2026-11-02T12:00:00Z", "2026-11-02T05:00:00Z"),
        ],
    );
    // 04:30 UTC is 23:30 on the 31st in summer time, 23:30 on the 1st in
    // winter time.
    assert_dates(
        &new_york,
        &[
            ("2026-11-01T03:30:00Z", "2026-10-31"),
            ("2026-11-02T04:30:00Z", "2026-11-01"),
        ],
    );
}

#[test]
fn the_clock_shown_changes_hour_with_daylight_saving() {
    let new_york = zone("America/New_York");
    let shown = |at: &str| new_york.local(utc(at)).format("%H:%M").to_string();
    assert_eq!(shown("2026-03-08T06:59:00Z"), "01:59");
    assert_eq!(shown("2026-03-08T07:00:00Z"), "03:00");
    assert_eq!(shown("2026-11-01T05:59:00Z"), "01:59");
    assert_eq!(shown("2026-11-01T06:00:00Z"), "01:00");
}

#[test]
fn a_day_whose_midnight_is_skipped_starts_at_the_jump() {
    // Santiago moved its clocks from 00:00 to 01:00 on 2023-09-03.
    let santiago = zone("America/Santiago");
    assert_day_starts(
        &santiago,
        &[("2023-09-03T12:00:00Z", "2023-09-03T04:00:00Z")],
    );
}

#[test]
fn unknown_zones_are_refused_by_name() {
    for bad in ["Mars/Olympus", "", "UTC+8", "asia/shanghai", "\u{1b}[2J"] {
        let message = CentreTime::parse(bad).expect_err(bad).to_string();
        assert!(
            message.contains("IANA name such as Asia/Shanghai"),
            "{message}"
        );
        assert!(!message.contains('\u{1b}'), "{message:?}");
    }
    assert_eq!(zone("Europe/London").name(), "Europe/London");
}

#[test]
fn the_zone_travels_as_its_name() {
    let json = serde_json::to_string(&zone("America/New_York")).expect("serialises");
    assert_eq!(json, "\"America/New_York\"");
    assert!(serde_json::from_str::<CentreTime>("\"Nowhere/Else\"").is_err());
}
