//! `enter` on a note's row in the history shows the whole note; `c` there
//! writes a correction of it.

use super::note_history::entry;
use super::notes::{drawn, note};
use crate::console::{
    app::tests::{asked_by_top, press, talking},
    ask::{Answer, Ask},
    keymap::Context,
    request::{RequestError, WriteRequest},
};
use crate::wire::casework::HistoryPage;

/// A call's history open, showing note 9 on a flight with a booking
/// reference, corrected by note 12.
fn history_with_a_note(app: &mut crate::console::App) {
    press(app, "H");
    let mut noted = entry(9);
    noted.detail = serde_json::json!({"pnr": "K7M2QX", "flight": "CA1501 2026-12-07"});
    let mut correction = entry(12);
    correction.detail = serde_json::json!({"corrects": 9});
    app.answer_top(Answer::History {
        traveller_id: 1,
        before: None,
        result: Ok(HistoryPage {
            entries: vec![correction, noted],
            next: None,
        }),
    });
    press(app, "down");
}

#[test]
fn enter_on_a_note_shows_it_whole_with_its_booking_and_flight() {
    let mut app = talking();
    history_with_a_note(&mut app);
    let asked = press(&mut app, "enter");
    assert_eq!(app.context(), Context::NoteView);
    let effects = asked;
    asked_by_top(&app, effects, Ask::Note { note_id: 9 });
    assert!(drawn(&app, 80, 24).contains("loading…"));
    let mut whole = note("Asked to move to CA1502 tomorrow");
    whole.id = 9;
    whole.text = "Asked to move to CA1502 tomorrow\n王女士 prefers an aisle seat".into();
    whole.pnr = Some("K7M2QX".into());
    app.answer_top(Answer::Note {
        note_id: 9,
        result: Ok(whole),
    });
    let screen = drawn(&app, 80, 24);
    for shown in [
        "Note #9",
        "Asked to move to CA1502 tomorrow",
        "王女士 prefers an aisle seat",
        "K7M2QX",
        "CA1501 2026-12-07",
        "Corrected by note #12",
    ] {
        assert!(screen.contains(shown), "{shown}:\n{screen}");
    }
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::History, "back to the history");
}

#[test]
fn a_note_that_cannot_be_read_says_why_and_c_corrects_it() {
    let mut app = talking();
    history_with_a_note(&mut app);
    press(&mut app, "enter");
    app.answer_top(Answer::Note {
        note_id: 9,
        result: Err(RequestError::Offline("connection refused".into())),
    });
    let screen = drawn(&app, 80, 24);
    assert!(
        screen.contains("could not load: cannot reach the server"),
        "{screen}"
    );
    press(&mut app, "c");
    assert_eq!(app.context(), Context::Note, "a correction of note 9");
    super::notes::the_form(&mut app)
        .text
        .insert_str("aisle, not window");
    let (_, request) = super::notes::save(&mut app);
    assert!(
        matches!(
            request,
            WriteRequest::AddNote {
                corrects: Some(9),
                ..
            }
        ),
        "{request:?}"
    );
}
