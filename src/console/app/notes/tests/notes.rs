//! The booking note form: opened from the traveller on screen, every key
//! typed kept, errors beside their field.

use super::*;
use crate::console::ask::Answer;
use crate::{
    console::{outbox::DraftKind, request::IdempotencyKey},
    domain::casework::Note,
};

pub(super) fn the_form(app: &mut App) -> &mut NoteForm {
    app.top_mut::<NoteForm>().expect("the note form on top")
}

/// Saves the form; the one write it sent, with its key (and its draft
/// thrown away once the write is kept).
pub(super) fn save(app: &mut App) -> (IdempotencyKey, WriteRequest) {
    let effects = press(app, "ctrl-s");
    match effects.as_slice() {
        [
            Effect::Write(write),
            Effect::DiscardDraft {
                kind: DraftKind::Note,
                after: Some(after),
                ..
            },
        ] if *after == write.key => (write.key.clone(), write.request.clone()),
        other => panic!("one write: {other:?}"),
    }
}

pub(super) fn note(text: &str) -> Note {
    Note {
        id: 7,
        traveller_id: 1,
        text: text.into(),
        pnr: None,
        flight_id: None,
        corrects: None,
        author: "ann".into(),
        created_at: now(),
    }
}

/// The screen as the terminal shows it (the app's own fixture).
pub(super) use crate::console::app::tests::screen as drawn;

#[test]
fn a_note_is_typed_over_lines_and_saved_with_a_key_of_its_own() {
    let mut app = talking();
    press(&mut app, "n");
    assert_eq!(app.context(), Context::Note);
    // Keys that mean something elsewhere are text here.
    let typed = type_text(&mut app, "q? Window seat/aisle");
    assert!(!typed.contains(&Effect::Quit), "q is typed: {typed:?}");
    press(&mut app, "enter");
    type_text(&mut app, "Done");
    press(&mut app, "tab");
    type_text(&mut app, "K7M2QX");
    let (key, request) = save(&mut app);
    assert_eq!(
        request,
        WriteRequest::AddNote {
            traveller_id: 1,
            text: "q? Window seat/aisle\nDone".into(),
            pnr: Some("K7M2QX".into()),
            flight_id: None,
            corrects: None,
        }
    );
    assert!(
        press(&mut app, "ctrl-s").is_empty(),
        "saving twice while the first is on its way sends nothing"
    );
    let (_, second) = {
        // A different note gets a different key.
        let mut other = talking();
        press(&mut other, "n");
        type_text(&mut other, "x");
        save(&mut other)
    };
    assert_ne!(second, request);
    app.update(Msg::Written {
        key,
        answer: Answer::NoteSaved {
            traveller_id: 1,
            result: Ok(note("q? Window seat/aisle\nDone")),
        },
    });
    assert_eq!(app.context(), Context::Call, "the saved form closes");
    assert_eq!(app.flash.as_deref(), Some("note saved"));
}

#[test]
fn each_save_of_a_new_note_has_a_fresh_key() {
    let mut app = talking();
    press(&mut app, "n");
    type_text(&mut app, "one");
    let (first, _) = save(&mut app);
    app.update(Msg::Written {
        key: first.clone(),
        answer: Answer::NoteSaved {
            traveller_id: 1,
            result: Ok(note("one")),
        },
    });
    press(&mut app, "n");
    type_text(&mut app, "two");
    let (second, _) = save(&mut app);
    assert_ne!(first, second);
}

#[test]
fn a_refusal_naming_a_field_is_shown_beside_it_and_nothing_typed_is_lost() {
    let mut app = talking();
    press(&mut app, "n");
    type_text(&mut app, "陈先生 asked about 航班");
    press(&mut app, "tab");
    type_text(&mut app, "K7M2QX!");
    let (key, _) = {
        // Checked here first, as the server would: nothing is sent.
        assert!(writes(press(&mut app, "ctrl-s")).is_empty());
        assert!(the_form(&mut app).pnr_error.is_some());
        press(&mut app, "backspace");
        save(&mut app)
    };
    app.update(Msg::Written {
        key,
        answer: Answer::NoteSaved {
            traveller_id: 1,
            result: Err(RequestError::Unprocessable(
                "pnr: a booking reference is 5 to 8 letters and digits, such as K7M2QX".into(),
            )),
        },
    });
    assert_eq!(app.context(), Context::Note, "the form stays");
    let form = the_form(&mut app);
    assert_eq!(form.typed_text(), "陈先生 asked about 航班");
    assert_eq!(form.pnr, "K7M2QX");
    assert!(form.text_error.is_none());
    assert_eq!(
        form.pnr_error.as_deref(),
        Some("a booking reference is 5 to 8 letters and digits, such as K7M2QX")
    );
    let screen = drawn(&app, 80, 24);
    assert!(
        screen.contains("✗ a booking reference is 5 to 8"),
        "{screen}"
    );
    // Fixing the field clears its error; saving again is allowed.
    press(&mut app, "backspace");
    assert!(the_form(&mut app).pnr_error.is_none());
}

#[test]
fn an_offline_failure_keeps_the_form_and_says_so() {
    let mut app = talking();
    press(&mut app, "n");
    type_text(&mut app, "call back tomorrow");
    let (key, _) = save(&mut app);
    app.update(Msg::Written {
        key,
        answer: Answer::NoteSaved {
            traveller_id: 1,
            result: Err(RequestError::Offline("connection refused".into())),
        },
    });
    let form = the_form(&mut app);
    assert_eq!(form.typed_text(), "call back tomorrow");
    assert!(
        form.error
            .as_deref()
            .is_some_and(|e| e.contains("connection refused"))
    );
    assert!(form.sending.is_none(), "it can be saved again");
}

#[test]
fn an_empty_note_is_not_sent() {
    let mut app = talking();
    press(&mut app, "n");
    type_text(&mut app, "   ");
    assert!(writes(press(&mut app, "ctrl-s")).is_empty());
    assert!(the_form(&mut app).text_error.is_some());
}

#[test]
fn esc_asks_before_dropping_what_was_typed() {
    let mut app = talking();
    press(&mut app, "n");
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::Call, "an empty form closes at once");

    press(&mut app, "n");
    type_text(&mut app, "half a note");
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::Confirm);
    press(&mut app, "n");
    assert_eq!(app.context(), Context::Note, "no: back to the form");
    assert_eq!(the_form(&mut app).typed_text(), "half a note");
    press(&mut app, "esc");
    press(&mut app, "y");
    assert_eq!(app.context(), Context::Call, "yes: the form is gone");
}

#[test]
fn a_note_can_be_written_on_a_traveller_found_by_search() {
    let mut app = app();
    app.push_layer(
        Box::new(ProfileOverlay::new(profile(5, "Li", Tier::Silver))),
        &mut Vec::new(),
    );
    press(&mut app, "n");
    type_text(&mut app, "asked about miles");
    let (_, request) = save(&mut app);
    assert!(matches!(
        request,
        WriteRequest::AddNote {
            traveller_id: 5,
            ..
        }
    ));
}

#[test]
fn no_note_without_a_traveller() {
    let mut app = app();
    assert!(press(&mut app, "n").is_empty());
    assert_eq!(
        app.context(),
        Context::Waiting,
        "n means nothing while waiting"
    );
}

#[test]
fn the_form_and_the_pane_draw_at_any_size() {
    let mut app = talking();
    press(&mut app, "H");
    for (w, h) in [(1, 1), (20, 5), (80, 24), (160, 48)] {
        drawn(&app, w, h);
    }
    press(&mut app, "n");
    type_text(&mut app, "a note");
    let screen = drawn(&app, 80, 24);
    assert!(screen.contains("New note"), "{screen}");
    assert!(screen.contains("Booking (PNR, optional)"), "{screen}");
    for (w, h) in [(1, 1), (20, 5), (160, 48)] {
        drawn(&app, w, h);
    }
}

#[test]
fn a_call_ringing_while_a_note_is_typed_takes_no_keystroke() {
    let mut app = app();
    app.push_layer(
        Box::new(ProfileOverlay::new(profile(5, "Li", Tier::Silver))),
        &mut Vec::new(),
    );
    press(&mut app, "n");
    type_text(&mut app, "asked about ");
    // The call appears and the agent types on at once.
    let effects = ring_now(&mut app, "c9", vec![profile(1, "Zhang", Tier::Gold)]);
    assert!(writes(effects).is_empty());
    let effects = type_text(&mut app, "miles");
    assert!(writes(effects).is_empty(), "no letter answers or declines");
    press(&mut app, "enter");
    assert_eq!(app.context(), Context::Note, "the form stays on top");
    assert!(app.ringing_behind());
    assert_eq!(the_form(&mut app).typed_text(), "asked about miles\n");
}

/// `tab` and `shift-tab` in a form are keymap entries like every other
/// key: an agent's own keymap moves them, and a key it unbinds does not
/// step through the fields behind its back.
#[test]
fn the_form_s_field_keys_come_from_the_keymap() {
    let mut app = talking();
    let own = Keymap::parse(
        "note = [\n  { on = \"tab\", run = \"noop\", desc = \"nothing\" },\n  \
         { on = \"ctrl-j\", run = \"next_field\", desc = \"next field\" },\n]\n",
    )
    .expect("a valid keymap");
    app.keymap = app.keymap.clone().overlay(own);
    press(&mut app, "n");
    assert_eq!(the_form(&mut app).field, NoteField::Text);
    press(&mut app, "tab");
    assert_eq!(the_form(&mut app).field, NoteField::Text, "tab is unbound");
    press(&mut app, "ctrl-j");
    assert_ne!(the_form(&mut app).field, NoteField::Text, "ctrl-j moves on");
    press(&mut app, "backtab");
    assert_eq!(
        the_form(&mut app).field,
        NoteField::Text,
        "shift-tab comes back"
    );
}
