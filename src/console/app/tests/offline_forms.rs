//! Forms while the server cannot be reached: each says what it does not
//! know, saves into the outbox with the note form's "kept" and closes
//! once the outbox has the write, and loads what it lacked by itself when
//! the server is back.

use super::*;
use crate::console::LayerId;
use crate::console::ask::{Answer, Ask};
use crate::console::request::IdempotencyKey;
use crate::domain::casework::{CategoryTarget, Preferences, Seat, StoredPreferences};

fn offline(app: &mut App) {
    app.update(Msg::Connection(Connection::Offline("refused".into())));
}

fn hello(app: &mut App) -> Vec<Effect> {
    let user = app.user.clone();
    app.update(Msg::Server(ServerEvent::Hello { user })).1
}

fn drawn(app: &App) -> String {
    screen(app, 140, 30)
}

/// The first of `effects` is a write; a draft may go with it.
fn first_write(effects: &[Effect]) -> (IdempotencyKey, WriteRequest) {
    match effects {
        [Effect::Write(write), ..] => (write.key.clone(), write.request.clone()),
        other => panic!("one write: {other:?}"),
    }
}

fn unreachable() -> RequestError {
    RequestError::Offline("connection refused".into())
}

/// On a call with traveller 1 and the server gone, `key` opens a form
/// whose load then fails with `failed`.
fn opened_offline(key: &str, failed: Answer) -> App {
    let mut app = talking();
    offline(&mut app);
    press(&mut app, key);
    app.answer_top(failed);
    app
}

/// Once the server says hello again, `ask` is asked again for `from`.
fn asked_again_when_back(app: &mut App, from: LayerId, ask: Ask) {
    let effects = hello(app);
    assert!(effects.contains(&Effect::Ask { from, ask }), "{effects:?}");
}

/// Once the outbox has the write, the form closes back to the call.
fn kept_and_closed(app: &mut App, key: IdempotencyKey, flash: &str) {
    app.update(Msg::WriteKept { key });
    assert_eq!(app.context(), Context::Call, "the form closed");
    assert_eq!(app.flash.as_deref(), Some(flash));
}

#[test]
fn preferences_opened_offline_are_not_known_yet_can_be_saved_into_the_outbox() {
    let mut app = opened_offline(
        "P",
        Answer::Preferences {
            traveller_id: 1,
            result: Err(unreachable()),
        },
    );
    let screen = drawn(&app);
    assert!(screen.contains("not known"), "{screen}");
    assert!(
        !screen.contains(": none"),
        "defaults shown as data: {screen}"
    );
    assert!(!screen.contains("could not load"), "{screen}");

    press(&mut app, "down");
    let (key, request) = first_write(&press(&mut app, "ctrl-s"));
    assert!(matches!(
        request,
        WriteRequest::SavePreferences { version: 0, .. }
    ));
    assert_eq!(app.context(), Context::Preferences, "open until kept");
    kept_and_closed(
        &mut app,
        key,
        "preferences kept: it goes to the server when it is back",
    );
}

#[test]
fn preferences_opened_offline_load_by_themselves_when_the_server_is_back() {
    let mut app = opened_offline(
        "P",
        Answer::Preferences {
            traveller_id: 1,
            result: Err(unreachable()),
        },
    );
    let top = app.top_id();
    asked_again_when_back(&mut app, top, Ask::Preferences { traveller_id: 1 });
    let stored = StoredPreferences {
        traveller_id: 1,
        version: 4,
        preferences: Preferences {
            seat: Seat::Aisle,
            ..Preferences::default()
        },
        updated_by: Some("bo".into()),
        updated_at: None,
    };
    app.answer_top(Answer::Preferences {
        traveller_id: 1,
        result: Ok(stored),
    });
    let screen = drawn(&app);
    assert!(!screen.contains("not known"), "{screen}");
    assert!(screen.contains("aisle"), "{screen}");
}

#[test]
fn a_complaint_form_opened_offline_says_so_and_loads_its_choices_when_the_server_is_back() {
    let mut app = opened_offline(
        "C",
        Answer::ComplaintChoices {
            traveller_id: 1,
            result: Err(unreachable()),
        },
    );
    let screen = drawn(&app);
    assert!(
        screen.contains("categories and flights not known: the server is unreachable"),
        "{screen}"
    );
    let top = app.top_id();
    asked_again_when_back(&mut app, top, Ask::ComplaintChoices { traveller_id: 1 });
    let categories = vec![CategoryTarget {
        code: "delay".into(),
        label: "Delay".into(),
        acknowledge_hours: 24,
        resolve_days: 14,
    }];
    app.answer_top(Answer::ComplaintChoices {
        traveller_id: 1,
        result: Ok((categories, vec![])),
    });
    let screen = drawn(&app);
    assert!(!screen.contains("not known"), "{screen}");
    assert!(!screen.contains("loading categories"), "{screen}");

    // Offline again: the complaint is kept and the form closes.
    offline(&mut app);
    type_text(&mut app, "dela");
    for _ in 0..4 {
        press(&mut app, "tab");
    }
    type_text(&mut app, "two hours late");
    let (key, request) = first_write(&press(&mut app, "ctrl-s"));
    assert!(matches!(request, WriteRequest::OpenComplaint { .. }));
    kept_and_closed(
        &mut app,
        key,
        "complaint kept: it goes to the server when it is back",
    );
}

#[test]
fn a_note_form_opened_offline_loads_its_flights_when_the_server_is_back() {
    let mut app = opened_offline(
        "n",
        Answer::NoteFlights {
            traveller_id: 1,
            result: Err(unreachable()),
        },
    );
    press(&mut app, "tab");
    press(&mut app, "tab");
    let screen = drawn(&app);
    assert!(
        screen.contains("flights not loaded: the server is unreachable: it loads when it is back"),
        "{screen}"
    );
    let top = app.top_id();
    asked_again_when_back(&mut app, top, Ask::NoteFlights { traveller_id: 1 });
}

#[test]
fn a_wrap_up_list_that_could_not_load_offline_loads_when_the_server_is_back() {
    let mut app = talking();
    offline(&mut app);
    call_ended(&mut app, "c1", CallEventKind::Hangup);
    app.update(Msg::Answered {
        to: LayerId::APP,
        answer: Answer::CallDetails {
            call_id: "c1".into(),
            result: Err(unreachable()),
        },
    });
    assert_eq!(
        app.flash.as_deref(),
        Some("wrap-up list not known: the server is unreachable: it loads when it is back")
    );
    asked_again_when_back(
        &mut app,
        LayerId::APP,
        Ask::CallDetails {
            call_id: "c1".into(),
        },
    );
}
