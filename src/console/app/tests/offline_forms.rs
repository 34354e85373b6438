//! Forms while the server cannot be reached: each says what it does not
//! know, saves into the outbox with the note form's "kept" and closes
//! once the outbox has the write, and loads what it lacked by itself when
//! the server is back.

use super::*;
use crate::console::LayerId;
use crate::console::ask::{Answer, Ask};
use crate::domain::casework::{CategoryTarget, Preferences, Seat, StoredPreferences};

fn offline(app: &mut App) {
    app.update(Msg::Connection(Connection::Offline("refused".into())));
}

fn hello(app: &mut App) -> Vec<Effect> {
    let user = app.user.clone();
    app.update(Msg::Server(ServerEvent::Hello { user })).1
}

fn drawn(app: &App) -> String {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(140, 30)).expect("terminal");
    terminal
        .draw(|f| crate::console::ui::render(app, crate::console::ui::Theme::MONO, f))
        .expect("draws");
    format!("{}", terminal.backend())
}

fn the_write(effects: &[Effect]) -> crate::console::request::Write {
    match effects {
        [Effect::Write(write), ..] => write.clone(),
        other => panic!("one write: {other:?}"),
    }
}

fn unreachable() -> RequestError {
    RequestError::Offline("connection refused".into())
}

#[test]
fn preferences_opened_offline_are_not_known_yet_can_be_saved_into_the_outbox() {
    let mut app = talking();
    offline(&mut app);
    press(&mut app, "P");
    app.answer_top(Answer::Preferences {
        traveller_id: 1,
        result: Err(unreachable()),
    });
    let screen = drawn(&app);
    assert!(screen.contains("not known"), "{screen}");
    assert!(
        !screen.contains(": none"),
        "defaults shown as data: {screen}"
    );
    assert!(!screen.contains("could not load"), "{screen}");

    press(&mut app, "down");
    let write = the_write(&press(&mut app, "ctrl-s"));
    assert!(matches!(
        write.request,
        WriteRequest::SavePreferences { version: 0, .. }
    ));
    assert_eq!(app.context(), Context::Preferences, "open until kept");
    app.update(Msg::WriteKept { key: write.key });
    assert_eq!(app.context(), Context::Call, "the form closed");
    assert_eq!(
        app.flash.as_deref(),
        Some("preferences kept: it goes to the server when it is back")
    );
}

#[test]
fn preferences_opened_offline_load_by_themselves_when_the_server_is_back() {
    let mut app = talking();
    offline(&mut app);
    press(&mut app, "P");
    app.answer_top(Answer::Preferences {
        traveller_id: 1,
        result: Err(unreachable()),
    });
    let effects = hello(&mut app);
    assert!(
        effects.contains(&Effect::Ask {
            from: app.top_id(),
            ask: Ask::Preferences { traveller_id: 1 }
        }),
        "{effects:?}"
    );
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
    let mut app = talking();
    offline(&mut app);
    press(&mut app, "C");
    app.answer_top(Answer::ComplaintChoices {
        traveller_id: 1,
        result: Err(unreachable()),
    });
    let screen = drawn(&app);
    assert!(
        screen.contains("categories and flights not known: the server is unreachable"),
        "{screen}"
    );
    let effects = hello(&mut app);
    assert!(
        effects.contains(&Effect::Ask {
            from: app.top_id(),
            ask: Ask::ComplaintChoices { traveller_id: 1 }
        }),
        "{effects:?}"
    );
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
    let write = the_write(&press(&mut app, "ctrl-s"));
    assert!(matches!(write.request, WriteRequest::OpenComplaint { .. }));
    app.update(Msg::WriteKept { key: write.key });
    assert_eq!(app.context(), Context::Call, "the form closed");
    assert_eq!(
        app.flash.as_deref(),
        Some("complaint kept: it goes to the server when it is back")
    );
}

#[test]
fn a_note_form_opened_offline_loads_its_flights_when_the_server_is_back() {
    let mut app = talking();
    offline(&mut app);
    press(&mut app, "n");
    app.answer_top(Answer::NoteFlights {
        traveller_id: 1,
        result: Err(unreachable()),
    });
    press(&mut app, "tab");
    press(&mut app, "tab");
    let screen = drawn(&app);
    assert!(
        screen.contains("flights not loaded: the server is unreachable: it loads when it is back"),
        "{screen}"
    );
    let effects = hello(&mut app);
    assert!(
        effects.contains(&Effect::Ask {
            from: app.top_id(),
            ask: Ask::NoteFlights { traveller_id: 1 }
        }),
        "{effects:?}"
    );
}

#[test]
fn a_wrap_up_list_that_could_not_load_offline_loads_when_the_server_is_back() {
    let mut app = talking();
    offline(&mut app);
    app.update(Msg::Server(ServerEvent::CallEnded {
        call_id: "c1".into(),
        how: CallEventKind::Hangup,
    }));
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
    let effects = hello(&mut app);
    assert!(
        effects.contains(&Effect::Ask {
            from: LayerId::APP,
            ask: Ask::CallDetails {
                call_id: "c1".into()
            }
        }),
        "{effects:?}"
    );
}
