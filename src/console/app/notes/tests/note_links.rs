//! A note tied to a booking and a flight; a correction written from the
//! history; the timeline saying which corrects which; a note sent while
//! the server is away kept and its form closed.

use super::note_history::{entry, history_loads};
use super::notes::{drawn, note, save, the_form};
use super::*;
use crate::console::ask::{Answer, Ask};
use crate::{
    domain::{Cabin, Flight, FlightStatus, casework::HistoryKind},
    wire::casework::HistoryPage,
};

fn flights() -> Vec<Flight> {
    let flight = |id, no: &str, day, status| Flight {
        complained: false,
        departure: None,
        id,
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, day).expect("date"),
        flight_no: no.into(),
        origin: "PEK".into(),
        destination: "SHA".into(),
        cabin: Cabin::Business,
        status,
        delay_minutes: 0,
        pnr: "K7Q2MX".into(),
    };
    vec![
        flight(31, "CA937", 30, FlightStatus::Scheduled),
        flight(32, "CA1501", 24, FlightStatus::Delayed),
        flight(33, "CA1858", 4, FlightStatus::Flown),
    ]
}

#[test]
fn a_note_is_tied_to_a_booking_and_a_flight_found_by_typing() {
    let mut app = talking();
    let effects = press(&mut app, "n");
    assert!(effects.contains(&Effect::Ask {
        from: app.top_id(),
        ask: Ask::NoteFlights { traveller_id: 1 }
    }));
    type_text(&mut app, "Rebooked");
    press(&mut app, "tab");
    type_text(&mut app, "k7q2mx");
    press(&mut app, "tab");
    let screen = drawn(&app, 80, 24);
    assert!(
        screen.contains("loading the traveller's flights"),
        "{screen}"
    );
    app.answer_top(Answer::NoteFlights {
        traveller_id: 1,
        result: Ok(flights()),
    });
    type_text(&mut app, "1501");
    let screen = drawn(&app, 160, 48);
    assert!(screen.contains("> Flight (optional): 1501"), "{screen}");
    assert!(
        screen.contains("→ 2026-11-24 CA1501 PEK→SHA delayed"),
        "{screen}"
    );
    // The arrows move through the others, and back to none.
    press(&mut app, "down");
    assert_eq!(the_form(&mut app).flight.chosen_id(), None);
    press(&mut app, "up");
    assert_eq!(the_form(&mut app).flight.chosen_id(), Some(32));
    let (_, request) = save(&mut app);
    assert_eq!(
        request,
        WriteRequest::AddNote {
            traveller_id: 1,
            text: "Rebooked".into(),
            pnr: Some("K7Q2MX".into()),
            flight_id: Some(32),
            corrects: None,
        }
    );
}

#[test]
fn flights_that_cannot_be_loaded_leave_the_note_without_one() {
    let mut app = talking();
    press(&mut app, "n");
    app.answer_top(Answer::NoteFlights {
        traveller_id: 1,
        result: Err(RequestError::Offline("refused".into())),
    });
    type_text(&mut app, "no flight");
    press(&mut app, "tab");
    press(&mut app, "tab");
    type_text(&mut app, "CA");
    let screen = drawn(&app, 80, 24);
    assert!(screen.contains("flights not loaded"), "{screen}");
    let (_, request) = save(&mut app);
    assert!(matches!(
        request,
        WriteRequest::AddNote {
            flight_id: None,
            ..
        }
    ));
}

fn history_with_notes(app: &mut App) {
    let mut correction = entry(9);
    correction.summary = "Rebooked on CA1502, not CA1503".into();
    correction.detail = serde_json::json!({"corrects": 7, "pnr": null, "flight": null});
    let mut corrected = entry(7);
    corrected.summary = "Rebooked on CA1503".into();
    corrected.detail = serde_json::json!({
        "pnr": "K7M2QX",
        "flight": "CA1503 2026-11-25 PEK→SHA",
        "corrects": null
    });
    let mut call = entry(8);
    call.kind = HistoryKind::Call;
    call.summary = "VIP line, 2 min".into();
    app.answer_top(Answer::History {
        traveller_id: 1,
        before: None,
        result: Ok(HistoryPage {
            entries: vec![correction, call, corrected],
            next: None,
        }),
    });
}

#[test]
fn the_timeline_says_which_note_corrects_which() {
    let mut app = talking();
    press(&mut app, "H");
    history_with_notes(&mut app);
    let screen = drawn(&app, 160, 48);
    assert!(
        screen.contains("#9 corrects #7: Rebooked on CA1502, not CA1503"),
        "{screen}"
    );
    assert!(
        screen.contains(
            "#7 [corrected by #9] Rebooked on CA1503 · K7M2QX · CA1503 2026-11-25 PEK→SHA"
        ),
        "{screen}"
    );
}

#[test]
fn a_correction_is_written_from_the_history_and_points_at_its_note() {
    let mut app = talking();
    press(&mut app, "H");
    history_with_notes(&mut app);
    press(&mut app, "down");
    assert!(!app.is_useful(Action::CorrectNote), "a call is not a note");
    press(&mut app, "c");
    assert_eq!(app.context(), Context::History);
    press(&mut app, "down");
    assert!(app.is_useful(Action::CorrectNote));
    press(&mut app, "c");
    assert_eq!(app.context(), Context::Note);
    let screen = drawn(&app, 80, 24);
    assert!(screen.contains("Correction of note #7"), "{screen}");
    assert!(
        screen.contains("Corrects note #7: Rebooked on CA1503"),
        "{screen}"
    );
    type_text(&mut app, "Rebooked on CA1502");
    let (key, request) = save(&mut app);
    assert!(matches!(
        request,
        WriteRequest::AddNote {
            corrects: Some(7),
            ..
        }
    ));
    let (_, effects) = app.update(Msg::Written {
        key,
        answer: Answer::NoteSaved {
            traveller_id: 1,
            result: Ok(note("Rebooked on CA1502")),
        },
    });
    assert_eq!(app.context(), Context::History);
    assert_eq!(history_loads(&effects), vec![None], "the history reloads");
}

#[test]
fn a_note_sent_while_the_server_is_away_is_kept_and_its_form_closes() {
    let mut app = talking();
    app.update(Msg::Connection(Connection::Offline("refused".into())));
    press(&mut app, "n");
    type_text(&mut app, "first");
    let (key, _) = save(&mut app);
    assert_eq!(app.context(), Context::Note, "open until the outbox has it");
    app.update(Msg::WriteKept { key });
    assert_eq!(app.context(), Context::Call, "the form closed");
    assert!(
        app.flash
            .as_deref()
            .is_some_and(|f| f.starts_with("note kept")),
        "{:?}",
        app.flash
    );
    press(&mut app, "n");
    type_text(&mut app, "second");
    let (key, _) = save(&mut app);
    app.update(Msg::WriteKept { key });
    assert_eq!(app.context(), Context::Call);

    // Online, the form waits for the server; when the server goes away
    // meanwhile, the note is kept and the form closes then.
    app.update(Msg::Connection(Connection::Online));
    press(&mut app, "n");
    type_text(&mut app, "third");
    let (key, _) = save(&mut app);
    app.update(Msg::WriteKept { key });
    assert_eq!(app.context(), Context::Note);
    app.update(Msg::Connection(Connection::Offline("gone".into())));
    assert_eq!(app.context(), Context::Call);
}

#[test]
fn a_note_the_outbox_could_not_keep_stays_in_its_form_and_the_agent_is_told() {
    let mut app = talking();
    app.update(Msg::Connection(Connection::Offline("refused".into())));
    press(&mut app, "n");
    type_text(&mut app, "Wheelchair at PVG");
    let (key, _) = save(&mut app);
    // The outbox's delivery task has stopped: the write comes back unkept.
    app.update(Msg::Written {
        key,
        answer: Answer::NoteSaved {
            traveller_id: 1,
            result: Err(RequestError::NotKept(
                "the outbox has stopped working: restart the console".into(),
            )),
        },
    });
    assert_eq!(app.context(), Context::Note, "the form stays");
    let screen = drawn(&app, 120, 30);
    assert!(screen.contains("Wheelchair at PVG"), "{screen}");
    assert!(screen.contains("outbox has stopped"), "{screen}");
    assert!(
        !app.flash.as_deref().unwrap_or_default().contains("kept"),
        "{:?}",
        app.flash
    );
}

#[test]
fn a_mistake_is_shown_at_its_field_before_anything_is_sent() {
    let mut app = talking();
    app.update(Msg::Connection(Connection::Offline("refused".into())));
    press(&mut app, "n");
    type_text(&mut app, "x");
    press(&mut app, "tab");
    type_text(&mut app, "K7");
    assert!(writes(press(&mut app, "ctrl-s")).is_empty());
    assert_eq!(app.context(), Context::Note, "the form stays");
    assert!(
        the_form(&mut app)
            .pnr_error
            .as_deref()
            .is_some_and(|e| e.contains("5 to 8 letters"))
    );
}

/// Flights with bookings of their own, to tell one from another.
fn booked_flights() -> Vec<Flight> {
    let mut all = flights();
    for (f, pnr) in all.iter_mut().zip(["W2H6JD", "P4N8RT", "K7M2QX"]) {
        f.pnr = pnr.into();
    }
    all
}

#[test]
fn the_chosen_flight_fills_the_booking_and_a_booking_not_its_own_is_pointed_out() {
    let mut app = talking();
    press(&mut app, "n");
    app.answer_top(Answer::NoteFlights {
        traveller_id: 1,
        result: Ok(booked_flights()),
    });
    type_text(&mut app, "Lounge offered");
    press(&mut app, "tab");
    press(&mut app, "tab");
    type_text(&mut app, "1501");
    assert_eq!(the_form(&mut app).pnr, "P4N8RT", "filled from the flight");
    press(&mut app, "down");
    assert_eq!(
        the_form(&mut app).pnr,
        "",
        "no flight, no booking filled in"
    );
    press(&mut app, "down");
    assert_eq!(
        the_form(&mut app).pnr,
        "P4N8RT",
        "the filled-in booking follows the flight"
    );
    assert_eq!(the_form(&mut app).pnr_warning(), None);

    // A booking the agent typed stays, and is said not to be the flight's.
    press(&mut app, "backtab");
    for _ in 0..6 {
        press(&mut app, "backspace");
    }
    type_text(&mut app, "ZZ9ZZ9");
    press(&mut app, "tab");
    press(&mut app, "up");
    press(&mut app, "up");
    assert_eq!(the_form(&mut app).chosen_pnr().as_deref(), Some("P4N8RT"));
    assert_eq!(
        the_form(&mut app).pnr,
        "ZZ9ZZ9",
        "never over what was typed"
    );
    let screen = drawn(&app, 100, 30);
    assert!(
        screen.contains("ZZ9ZZ9 is not this flight's booking (P4N8RT)"),
        "{screen}"
    );
}
