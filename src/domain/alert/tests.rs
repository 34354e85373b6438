use chrono::{Duration, TimeZone};

use super::*;
use crate::domain::{
    Cabin, Complaint, ComplaintCategory, ComplaintStatus, Tier, traveller::fixtures::traveller,
};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 30, 0)
        .single()
        .expect("valid time")
}

fn beijing() -> CentreTime {
    CentreTime::default()
}

fn days(n: i64) -> NaiveDate {
    now().date_naive() + Duration::days(n)
}

fn flight(date: NaiveDate, no: &str, status: FlightStatus, delay: i32) -> Flight {
    Flight {
        complained: false,
        id: 0,
        departure: None,
        date,
        flight_no: no.into(),
        origin: "PEK".into(),
        destination: "SHA".into(),
        cabin: Cabin::Business,
        status,
        delay_minutes: delay,
        pnr: "K7Q2MX".into(),
    }
}

fn complaint(category: ComplaintCategory, due_in_hours: i64) -> Complaint {
    Complaint {
        id: 1,
        category: category.code().into(),
        status: ComplaintStatus::InProgress,
        opened_at: now() - Duration::days(10),
        due_at: now() + Duration::hours(due_in_hours),
        summary: "Bag did not arrive".into(),
    }
}

fn profile(flights: Vec<Flight>, complaints: Vec<Complaint>) -> CallerProfile {
    CallerProfile {
        traveller: traveller(1, "Li", Tier::Gold, None),
        flights,
        open_complaints: complaints,
        prompts: Vec::new(),
    }
}

fn general() -> Line {
    Line {
        name: "General".into(),
        kind: LineKind::General,
    }
}

fn vip() -> Line {
    Line {
        name: "VIP reservation hotline".into(),
        kind: LineKind::VipHotline,
    }
}

#[test]
fn a_quiet_caller_on_the_general_line_has_no_alert() {
    let p = profile(
        vec![flight(days(-40), "CA1", FlightStatus::Flown, 0)],
        vec![],
    );
    assert!(alerts(Some(&p), &general(), now(), beijing()).is_empty());
    assert!(alerts(None, &general(), now(), beijing()).is_empty());
}

#[test]
fn todays_delay_comes_first_and_is_urgent() {
    let p = profile(
        vec![
            flight(days(-2), "CA9", FlightStatus::Flown, 180),
            flight(days(0), "CA1501", FlightStatus::Delayed, 265),
        ],
        vec![complaint(ComplaintCategory::Baggage, -72)],
    );
    let found = alerts(Some(&p), &vip(), now(), beijing());
    assert_eq!(found.len(), 4, "{found:?}");
    assert!(found[0].is_urgent());
    assert_eq!(found[0].text(), "TODAY CA1501 PEK→SHA delayed 4h25");
    assert_eq!(found[0].gist(), "today CA1501 +4h25");
    assert_eq!(found[1].text(), "baggage complaint OVERDUE by 3 days");
    assert_eq!(found[1].gist(), "baggage OVERDUE");
    assert_eq!(found[2].text(), "CA9 PEK→SHA delayed 3h00 2 days ago");
    assert!(!found[2].is_urgent());
    assert_eq!(found[3], Alert::VipLine);
}

#[test]
fn a_cancellation_today_does_not_read_like_one_months_ago() {
    let today = profile(
        vec![flight(days(0), "CA7", FlightStatus::Cancelled, 0)],
        vec![],
    );
    let long_ago = profile(
        vec![flight(days(-90), "CA7", FlightStatus::Cancelled, 0)],
        vec![],
    );
    let yesterday = profile(
        vec![flight(days(-1), "CA7", FlightStatus::Cancelled, 0)],
        vec![],
    );
    assert_eq!(
        alerts(Some(&today), &general(), now(), beijing())[0].text(),
        "TODAY CA7 PEK→SHA CANCELLED"
    );
    assert!(alerts(Some(&long_ago), &general(), now(), beijing()).is_empty());
    let recent = alerts(Some(&yesterday), &general(), now(), beijing());
    assert_eq!(recent[0].text(), "CA7 PEK→SHA CANCELLED yesterday");
    assert!(!recent[0].is_urgent());
}

#[test]
fn small_delays_and_old_delays_stay_quiet() {
    let p = profile(
        vec![
            flight(days(0), "CA1", FlightStatus::OnTime, 10),
            flight(days(-1), "CA2", FlightStatus::Flown, 60),
            flight(days(-(RECENT_DAYS + 1)), "CA3", FlightStatus::Flown, 300),
            flight(days(1), "CA4", FlightStatus::Cancelled, 0),
        ],
        vec![],
    );
    assert!(alerts(Some(&p), &general(), now(), beijing()).is_empty());
}

#[test]
fn complaints_due_soon_are_mentioned_and_later_ones_are_not() {
    let p = profile(
        vec![],
        vec![
            complaint(ComplaintCategory::Seat, 30),
            complaint(ComplaintCategory::Booking, 24 * 20),
        ],
    );
    let found = alerts(Some(&p), &general(), now(), beijing());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].text(), "seat complaint due tomorrow");
    assert_eq!(found[0].gist(), "seat due 1d");
}

#[test]
fn closed_complaints_never_alert() {
    let mut c = complaint(ComplaintCategory::Baggage, -72);
    c.status = ComplaintStatus::Resolved;
    let p = profile(vec![], vec![c]);
    assert!(alerts(Some(&p), &general(), now(), beijing()).is_empty());
}

fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("an RFC 3339 time")
}

fn delayed_on(date: &str) -> CallerProfile {
    let date = date.parse().expect("a date");
    profile(
        vec![flight(date, "CA1831", FlightStatus::Delayed, 150)],
        vec![],
    )
}

#[test]
fn today_is_the_centres_today() {
    // The flight is on 7 December in Beijing.
    let p = delayed_on("2026-12-07");
    // 23:30 UTC on the 6th is 07:30 on the 7th in Beijing: today.
    let found = alerts(Some(&p), &general(), at("2026-12-06T23:30:00Z"), beijing());
    assert_eq!(found[0].text(), "TODAY CA1831 PEK→SHA delayed 2h30");
    // 17:00 UTC on the 7th is 01:00 on the 8th in Beijing: yesterday.
    let found = alerts(Some(&p), &general(), at("2026-12-07T17:00:00Z"), beijing());
    assert_eq!(found[0].text(), "CA1831 PEK→SHA delayed 2h30 yesterday");
    assert!(!found[0].is_urgent());
}

#[test]
fn a_complaint_is_due_by_the_centres_calendar() {
    let mut p = profile(vec![], vec![complaint(ComplaintCategory::Baggage, 0)]);
    // Due 01:00 on the 9th in Beijing (17:00 UTC on the 8th); asked at
    // 23:30 on the 7th in Beijing: due in two days, not one.
    p.open_complaints[0].due_at = at("2026-12-08T17:00:00Z");
    let found = alerts(Some(&p), &general(), at("2026-12-07T15:30:00Z"), beijing());
    assert_eq!(
        found,
        vec![Alert::ComplaintDue {
            category: "baggage".into(),
            in_days: 2,
        }]
    );
}
