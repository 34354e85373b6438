//! The booking note form and the contact history as an agent sees them,
//! at 80×24 and 160×48, without colour (what they say must be readable
//! from the words and markers alone).

mod screen_fixtures;

use chrono::Duration;
use crossterm::event::{KeyCode, KeyModifiers};
use screen_fixtures::*;
use skydesk::{
    console::{App, Msg, request::RequestError, ui::Theme},
    domain::work::{HistoryEntry, HistoryKind},
    wire::{ServerEvent, work::HistoryPage},
};

/// On a call with Wang Guiying, keys past the guard.
fn talking() -> App {
    let mut app = app_with(vip_with_delay_today());
    app.update(Msg::Server(ServerEvent::CallAnswered {
        call_id: "call-1".into(),
        agent: "ann".into(),
    }));
    app
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        let code = if c == '\n' {
            KeyCode::Enter
        } else {
            KeyCode::Char(c)
        };
        press(app, code, KeyModifiers::NONE);
    }
}

fn note_form() -> App {
    let mut app = talking();
    press(&mut app, KeyCode::Char('n'), KeyModifiers::NONE);
    typed(
        &mut app,
        "Asked to move to CA1502 tomorrow.\n王女士 prefers an aisle seat.",
    );
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    typed(&mut app, "K7");
    app
}

#[test]
fn the_note_form() {
    let app = note_form();
    insta::assert_snapshot!("note_form_80x24", text(&draw(&app, Theme::MONO, 80, 24)));
    insta::assert_snapshot!("note_form_160x48", text(&draw(&app, Theme::MONO, 160, 48)));
}

#[test]
fn the_note_form_with_a_refused_field() {
    let mut app = note_form();
    let (_, effects) = app.update(Msg::Key(crossterm::event::KeyEvent::new(
        KeyCode::Char('s'),
        KeyModifiers::CONTROL,
    )));
    let [skydesk::console::Effect::Write(write)] = effects.as_slice() else {
        panic!("one write: {effects:?}")
    };
    app.update(Msg::NoteSaved {
        key: write.key.clone(),
        traveller_id: 42,
        result: Err(RequestError::Unprocessable(
            "pnr: a booking reference is 5 to 8 letters and digits, such as K7M2QX".into(),
        )),
    });
    let terminal = draw(&app, Theme::MONO, 80, 24);
    let screen = text(&terminal);
    let field = (0..24)
        .find(|&y| row(&terminal, y).contains("Booking (PNR"))
        .expect("the booking field");
    assert!(
        row(&terminal, field + 1).contains("✗ a booking reference"),
        "the reason is right under its field, lined up with its name:\n{screen}"
    );
    assert!(
        column_of(&terminal, field + 1, "✗") == column_of(&terminal, field, "Booking"),
        "{screen}"
    );
    assert!(screen.contains("王女士 prefers an aisle seat."), "{screen}");
    insta::assert_snapshot!("note_form_refused_80x24", screen);
}

fn history() -> App {
    let mut app = talking();
    press(&mut app, KeyCode::Char('H'), KeyModifiers::NONE);
    let entry = |id: i64, kind, minutes: i64, actor: &str, summary: &str| HistoryEntry {
        id,
        kind,
        at: now() - Duration::minutes(minutes),
        actor: actor.into(),
        subject: id.to_string(),
        summary: summary.into(),
        detail: serde_json::Value::Null,
    };
    app.update(Msg::HistoryLoaded {
        traveller_id: 42,
        before: None,
        result: Ok(HistoryPage {
            entries: vec![
                entry(
                    5,
                    HistoryKind::Note,
                    3,
                    "ann",
                    "Rebooked on CA1502 (K7M2QX)",
                ),
                entry(
                    4,
                    HistoryKind::Call,
                    4,
                    "ann",
                    "VIP reservation hotline, 2 min",
                ),
                entry(
                    3,
                    HistoryKind::Complaint,
                    60 * 24 * 3,
                    "bo",
                    "baggage: bag did not arrive on the belt at SHA",
                ),
                entry(
                    2,
                    HistoryKind::Preferences,
                    60 * 24 * 40,
                    "chen",
                    "meal VGML, aisle",
                ),
            ],
            next: Some("c2".into()),
        }),
    });
    app
}

#[test]
fn the_contact_history() {
    let app = history();
    insta::assert_snapshot!("history_80x24", text(&draw(&app, Theme::MONO, 80, 24)));
    insta::assert_snapshot!("history_160x48", text(&draw(&app, Theme::MONO, 160, 48)));
}

#[test]
fn n_in_the_chooser_filters_rather_than_opening_a_note() {
    let mut app = app_with(shared_number());
    app.update(Msg::Server(ServerEvent::CallAnswered {
        call_id: "call-1".into(),
        agent: "ann".into(),
    }));
    press(&mut app, KeyCode::Char('n'), KeyModifiers::NONE);
    let screen = text(&draw(&app, Theme::MONO, 80, 24));
    assert!(!screen.contains("New note"), "{screen}");
    assert!(
        screen.contains("Ouyang") || screen.contains("OUYANG"),
        "{screen}"
    );
}
