//! The booking note form and the contact history as an agent sees them,
//! at 80×24 and 160×48, without colour (what they say must be readable
//! from the words and markers alone).

mod screen_fixtures;

use chrono::Duration;
use crossterm::event::{KeyCode, KeyModifiers};
use screen_fixtures::*;
use skydesk::console::ask::Answer;
use skydesk::{
    console::{App, Msg, ui::Theme},
    domain::casework::{HistoryEntry, HistoryKind},
    wire::casework::HistoryPage,
};

fn note_form() -> App {
    let mut app = talking(vip_with_delay_today());
    key(&mut app, KeyCode::Char('n'));
    typed(
        &mut app,
        "Asked to move to CA1502 tomorrow.\n王女士 prefers an aisle seat.",
    );
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "K7");
    app
}

#[test]
fn the_note_form() {
    let app = note_form();
    assert_snapshots_80_160!("note_form", app);
}

#[test]
fn the_note_form_with_a_refused_field() {
    let mut app = note_form();
    let (_, effects) = app.update(Msg::Key(crossterm::event::KeyEvent::new(
        KeyCode::Char('s'),
        KeyModifiers::CONTROL,
    )));
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, skydesk::console::Effect::Write(_))),
        "checked before sending, as the server would: {effects:?}"
    );
    let terminal = draw(&app, Theme::MONO, 80, 24);
    let screen = text(&terminal);
    assert_refused_under(
        &terminal,
        "Booking (PNR",
        "Booking",
        "✗ a booking reference",
    );
    assert!(screen.contains("王女士 prefers an aisle seat."), "{screen}");
    insta::assert_snapshot!("note_form_refused_80x24", screen);
}

fn history() -> App {
    let mut app = talking(vip_with_delay_today());
    key(&mut app, KeyCode::Char('H'));
    app.update(Msg::Answered {
        to: app.top_id(),
        answer: Answer::History {
            traveller_id: 42,
            before: None,
            result: Ok(HistoryPage {
                entries: vec![
                    history_entry(
                        5,
                        HistoryKind::Note,
                        3,
                        "ann",
                        "Rebooked on CA1502 (K7M2QX)",
                    ),
                    history_entry(
                        4,
                        HistoryKind::Call,
                        4,
                        "ann",
                        "VIP reservation hotline, 2 min",
                    ),
                    history_entry(
                        3,
                        HistoryKind::Complaint,
                        60 * 24 * 3,
                        "bo",
                        "baggage: bag did not arrive on the belt at SHA",
                    ),
                    history_entry(
                        2,
                        HistoryKind::Preferences,
                        60 * 24 * 40,
                        "chen",
                        "meal VGML, aisle",
                    ),
                ],
                next: Some("c2".into()),
            }),
        },
    });
    app
}

#[test]
fn the_contact_history() {
    let app = history();
    assert_snapshots_80_160!("history", app);
}

#[test]
fn n_in_the_chooser_filters_rather_than_opening_a_note() {
    let mut app = talking(shared_number());
    key(&mut app, KeyCode::Char('n'));
    let screen = mono(&app, 80, 24);
    assert!(!screen.contains("New note"), "{screen}");
    assert!(
        screen.contains("Ouyang") || screen.contains("OUYANG"),
        "{screen}"
    );
}

/// The traveller's flights as `GET /travellers/{id}/flights` lists them.
fn flight_refs(app: &App) -> Vec<skydesk::domain::Flight> {
    let Some(call) = app.screen.call() else {
        return Vec::new();
    };
    call.offer.caller.matches[0]
        .flights
        .iter()
        .enumerate()
        .map(|(i, f)| skydesk::domain::Flight {
            id: 100 + i as i64,
            ..f.clone()
        })
        .collect()
}

#[test]
fn the_note_form_with_a_flight_found_by_typing() {
    let mut app = note_form();
    typed(&mut app, "M2QX");
    key(&mut app, KeyCode::Tab);
    let flights = flight_refs(&app);
    app.update(Msg::Answered {
        to: app.top_id(),
        answer: Answer::NoteFlights {
            traveller_id: 42,
            result: Ok(flights),
        },
    });
    typed(&mut app, "1501");
    let screen = mono(&app, 80, 24);
    assert!(screen.contains("> Flight (optional): 1501"), "{screen}");
    assert!(screen.contains("▸ 2026-11-24 CA1501"), "{screen}");
    assert_snapshots_80_160!("note_form_flight", app);
}

fn history_with_a_correction() -> App {
    let mut app = talking(vip_with_delay_today());
    key(&mut app, KeyCode::Char('H'));
    let note = |id: i64, minutes: i64, summary: &str, detail| HistoryEntry {
        id,
        kind: HistoryKind::Note,
        at: now() - Duration::minutes(minutes),
        actor: "ann".into(),
        subject: id.to_string(),
        summary: summary.into(),
        detail,
    };
    app.update(Msg::Answered {
        to: app.top_id(),
        answer: Answer::History {
            traveller_id: 42,
            before: None,
            result: Ok(HistoryPage {
                entries: vec![
                    note(
                        12,
                        1,
                        "Rebooked on CA1502 tomorrow, not CA1503",
                        serde_json::json!({"corrects": 11, "pnr": "K7Q2MX", "flight": null}),
                    ),
                    note(
                        11,
                        3,
                        "Rebooked on CA1503 tomorrow",
                        serde_json::json!({
                            "corrects": null,
                            "pnr": "K7Q2MX",
                            "flight": "CA1501 2026-11-24 PEK→SHA"
                        }),
                    ),
                ],
                next: None,
            }),
        },
    });
    app
}

#[test]
fn the_history_with_a_correction() {
    let app = history_with_a_correction();
    let screen = mono(&app, 160, 48);
    assert!(
        screen.contains("#12 corrects #11: Rebooked on CA1502 tomorrow, not CA1503 · K7Q2MX"),
        "{screen}"
    );
    assert!(screen.contains("[corrected by #12]"), "{screen}");
    assert_snapshots_80_160!("history_correction", app);
}

#[test]
fn the_correction_form() {
    let mut app = history_with_a_correction();
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char('c'));
    typed(&mut app, "Rebooked on CA1502, seat 3A.");
    assert_snapshots_80_160!("correction", app);
}
