//! The floor's day is the centre's day, daylight saving included.

use chrono::{DateTime, Utc};

use super::*;
use crate::domain::CentreTime;

fn utc(text: &str) -> DateTime<Utc> {
    text.parse().expect("an RFC 3339 time")
}

fn new_york() -> CentreTime {
    CentreTime::parse("America/New_York").expect("a known zone")
}

/// A floor whose only call was answered at `answered`.
fn one_call_answered_at(answered: &str) -> Floor {
    let answered = utc(answered);
    let mut floor = Floor::new(
        FloorSettings::default(),
        new_york(),
        answered - chrono::Duration::hours(30),
    );
    floor.apply(&FloorChange::CallQueued {
        call_id: "c1".into(),
        queue: "general".into(),
        vip: false,
        caller: None,
        tier: None,
        facts: None,
        at: answered - chrono::Duration::seconds(5),
    });
    floor.apply(&FloorChange::CallAnswered {
        call_id: "c1".into(),
        agent: "ann".into(),
        at: answered,
    });
    floor
}

fn answered_today(floor: &Floor, at: &str) -> u32 {
    floor
        .figures(utc(at))
        .queues
        .iter()
        .map(|q| q.today.answered)
        .sum()
}

#[test]
fn after_the_spring_change_the_day_starts_at_04_00_utc() {
    // 2026-03-09 00:30 EDT: the first half hour of the day.
    let floor = one_call_answered_at("2026-03-09T04:30:00Z");
    assert_eq!(floor.day_start, utc("2026-03-09T04:00:00Z"));
    assert_eq!(answered_today(&floor, "2026-03-09T12:00:00Z"), 1);
    // The day of the change itself began at 05:00 UTC (midnight EST).
    let floor = one_call_answered_at("2026-03-08T05:30:00Z");
    assert_eq!(floor.day_start, utc("2026-03-08T05:00:00Z"));
    assert_eq!(answered_today(&floor, "2026-03-08T20:00:00Z"), 1);
}

#[test]
fn after_the_autumn_change_the_day_starts_at_05_00_utc() {
    // 2026-11-01 23:30 EST: still the 1st, which began at 04:00 UTC.
    let floor = one_call_answered_at("2026-11-02T04:30:00Z");
    assert_eq!(floor.day_start, utc("2026-11-01T04:00:00Z"));
    assert_eq!(answered_today(&floor, "2026-11-02T04:45:00Z"), 1);
    // Midnight EST on the 2nd, 05:00 UTC: a new day, nothing answered yet.
    assert_eq!(answered_today(&floor, "2026-11-02T05:00:00Z"), 0);
}
