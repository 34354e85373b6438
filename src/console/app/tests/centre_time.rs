//! Every time and every "today" on screen is the centre's: the alert
//! line, the card, the flights, the complaints' due dates and the clock.

use ratatui::{Terminal, backend::TestBackend};

use super::*;
use crate::domain::{
    Cabin, CentreTime, Complaint, ComplaintCategory, ComplaintStatus, Flight, FlightStatus,
};

fn utc(text: &str) -> DateTime<Utc> {
    text.parse().expect("an RFC 3339 time")
}

/// A caller whose flight on 7 December (the centre's date) was delayed,
/// with a complaint due at 01:00 on 9 December in Beijing.
fn delayed_caller() -> CallerProfile {
    let mut p = profile(1, "Li", Tier::Gold);
    p.flights = vec![Flight {
        complained: false,
        id: 0,
        departure: None,
        date: "2026-12-07".parse().expect("a date"),
        flight_no: "CA1831".into(),
        origin: "PEK".into(),
        destination: "SHA".into(),
        cabin: Cabin::Business,
        status: FlightStatus::Delayed,
        delay_minutes: 150,
        pnr: "K7Q2MX".into(),
    }];
    p.open_complaints = vec![Complaint {
        id: 7,
        category: ComplaintCategory::Baggage.code().into(),
        status: ComplaintStatus::InProgress,
        opened_at: utc("2026-12-01T02:00:00Z"),
        due_at: utc("2026-12-08T17:00:00Z"),
        summary: "Bag did not arrive".into(),
    }];
    p
}

/// The screen of a call from `callers` ringing at `at`, in `centre`.
fn screen_of(callers: Vec<CallerProfile>, at: &str, centre: CentreTime) -> String {
    let mut app = app();
    app.centre = centre;
    app.update(Msg::Tick(utc(at)));
    app.update(Msg::Server(ServerEvent::CallOffered {
        offer: offer("c1", callers),
    }));
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).expect("terminal");
    terminal
        .draw(|f| crate::console::ui::render(&app, crate::console::ui::Theme::MONO, f))
        .expect("draws");
    format!("{}", terminal.backend())
}

fn screen_at(at: &str, centre: CentreTime) -> String {
    screen_of(vec![delayed_caller()], at, centre)
}

#[test]
fn at_07_30_in_beijing_the_flight_is_todays() {
    // 23:30 UTC on the 6th: 07:30 on the 7th in Beijing.
    let screen = screen_at("2026-12-06T23:30:00Z", CentreTime::default());
    assert!(
        screen.contains("TODAY CA1831 PEK→SHA delayed 2h30"),
        "{screen}"
    );
    assert!(screen.contains("Next flight today"), "{screen}");
    assert!(screen.contains(" 07:30 "), "the clock:\n{screen}");
    assert!(!screen.contains("23:30"), "{screen}");
    assert!(
        screen.contains("12-09"),
        "due on the 9th in Beijing:\n{screen}"
    );
}

#[test]
fn at_01_00_in_beijing_the_flight_was_yesterdays() {
    // 17:00 UTC on the 7th: 01:00 on the 8th in Beijing.
    let screen = screen_at("2026-12-07T17:00:00Z", CentreTime::default());
    assert!(!screen.contains("TODAY"), "{screen}");
    assert!(
        screen.contains("CA1831 PEK→SHA delayed 2h30 yesterday"),
        "{screen}"
    );
    assert!(screen.contains(" 01:00 "), "the clock:\n{screen}");
}

#[test]
fn the_clock_follows_daylight_saving_in_new_york() {
    let new_york = CentreTime::parse("America/New_York").expect("a known zone");
    let mut app = app();
    app.centre = new_york;
    let clock = |app: &mut App, at: &str| {
        let drawn = app.update(Msg::Tick(utc(at))).0;
        (drawn, app.visible_clock().0)
    };
    assert_eq!(clock(&mut app, "2026-03-08T06:59:00Z").1, "01:59");
    assert_eq!(
        clock(&mut app, "2026-03-08T07:00:00Z"),
        (true, "03:00".into())
    );
    assert_eq!(clock(&mut app, "2026-11-01T05:59:00Z").1, "01:59");
    // Clocks go back: 01:59 EDT, then 01:00 EST.
    assert_eq!(
        clock(&mut app, "2026-11-01T06:00:00Z"),
        (true, "01:00".into())
    );
}

#[test]
fn the_chooser_marks_todays_flight_by_the_centres_date() {
    let shared = || vec![delayed_caller(), profile(2, "Wang", Tier::Silver)];
    let screen = screen_of(shared(), "2026-12-06T23:30:00Z", CentreTime::default());
    assert!(screen.contains("flies today"), "{screen}");
    let screen = screen_of(shared(), "2026-12-07T17:00:00Z", CentreTime::default());
    assert!(!screen.contains("flies today"), "{screen}");
    assert!(screen.contains("flew 12-07"), "{screen}");
}
