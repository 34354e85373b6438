//! The preferences form: fields changed with the keyboard, codes found by
//! meaning, saved on the version read, and a conflict shown side by side.

use crate::console::app::tests::*;
use crate::console::ask::{Answer, Ask};
use crate::{
    console::request::IdempotencyKey,
    domain::casework::{Preferences, Seat, StoredPreferences, Zone},
};

fn stored(version: i64, preferences: Preferences) -> StoredPreferences {
    StoredPreferences {
        traveller_id: 1,
        version,
        preferences,
        updated_by: Some("bo".into()),
        updated_at: Some(now()),
    }
}

/// On a call with traveller 1, the form open on version 3.
fn form() -> App {
    let mut app = talking();
    let effects = press(&mut app, "P");
    asked_by_top(&app, effects, Ask::Preferences { traveller_id: 1 });
    assert_eq!(app.context(), Context::Preferences);
    app.answer_top(Answer::Preferences {
        traveller_id: 1,
        result: Ok(stored(3, Preferences::default())),
    });
    app
}

fn save(app: &mut App) -> (IdempotencyKey, WriteRequest) {
    the_write(press(app, "ctrl-s"))
}

/// The server's answer to the preferences written with `key`.
fn answered(
    app: &mut App,
    key: IdempotencyKey,
    result: Result<StoredPreferences, RequestError>,
) -> Vec<Effect> {
    app.update(Msg::Written {
        key,
        answer: Answer::PreferencesSaved { result },
    })
    .1
}

/// The form filled and saved, and the server's answer to it.
fn saved(result: Result<StoredPreferences, RequestError>) -> (App, Vec<Effect>) {
    let mut app = form();
    fill(&mut app);
    let (key, _) = save(&mut app);
    let effects = answered(&mut app, key, result);
    (app, effects)
}

fn the_form(app: &mut App) -> &mut PreferencesForm {
    app.top_mut::<PreferencesForm>()
        .expect("the preferences form")
}

fn drawn(app: &App) -> String {
    screen(app, 100, 30)
}

/// Aisle, over the wing, exit row, a vegetarian meal found by meaning, a
/// wheelchair, and a remark.
fn fill(app: &mut App) -> Vec<Effect> {
    press(app, "down");
    press(app, "down");
    press(app, "tab");
    press(app, "down");
    press(app, "down");
    press(app, "tab");
    press(app, "down");
    press(app, "tab");
    press(app, "tab");
    type_text(app, "vgml");
    press(app, "enter");
    press(app, "tab");
    type_text(app, "wchr");
    press(app, "enter");
    press(app, "tab");
    type_text(app, "喜欢靠过道 q/?")
}

#[test]
fn preferences_are_changed_with_the_keyboard_and_saved_on_the_version_read() {
    let mut app = form();
    let typed = fill(&mut app);
    assert!(!typed.contains(&Effect::Quit), "q is typed: {typed:?}");
    let (key, request) = save(&mut app);
    assert_eq!(
        request,
        WriteRequest::SavePreferences {
            traveller_id: 1,
            version: 3,
            preferences: Preferences {
                seat: Seat::Aisle,
                zone: Some(Zone::OverWing),
                exit_row: true,
                bulkhead: false,
                meal: Some("VGML".into()),
                assistance: vec!["WCHR".into()],
                remarks: "喜欢靠过道 q/?".into(),
            },
        }
    );
    answered(&mut app, key, Ok(stored(4, Preferences::default())));
    assert_eq!(app.context(), Context::Call);
    assert_eq!(app.flash.as_deref(), Some("preferences saved"));
}

#[test]
fn a_save_someone_beat_shows_theirs_and_yours_and_the_agent_chooses() {
    let (mut app, effects) = saved(Err(RequestError::Stale("preferences".into())));
    asked_by_top(&app, effects, Ask::Preferences { traveller_id: 1 });
    let theirs = Preferences {
        seat: Seat::Window,
        meal: Some("KSML".into()),
        ..Preferences::default()
    };
    app.answer_top(Answer::Preferences {
        traveller_id: 1,
        result: Ok(stored(5, theirs.clone())),
    });
    let screen = drawn(&app);
    assert!(
        screen.contains("Theirs (bo at 09:00)") && screen.contains("Yours"),
        "{screen}"
    );
    assert!(
        screen.contains("Seat: window") && screen.contains("Seat: aisle"),
        "{screen}"
    );
    // Keeping one's own saves it over their version.
    let (_, request) = save(&mut app);
    assert!(matches!(
        request,
        WriteRequest::SavePreferences { version: 5, ref preferences, .. }
            if preferences.seat == Seat::Aisle
    ));
}

#[test]
fn taking_theirs_replaces_the_agents_changes() {
    let (mut app, _) = saved(Err(RequestError::Stale("preferences".into())));
    let theirs = Preferences {
        seat: Seat::Window,
        ..Preferences::default()
    };
    app.answer_top(Answer::Preferences {
        traveller_id: 1,
        result: Ok(stored(5, theirs.clone())),
    });
    press(&mut app, "ctrl-d");
    let form = the_form(&mut app);
    assert_eq!(form.preferences, theirs);
    assert_eq!(form.version, 5);
    assert_eq!(form.stage, PreferencesStage::Editing);
    press(&mut app, "esc");
    assert_eq!(
        app.context(),
        Context::Call,
        "nothing of the agent's left to lose"
    );
}

#[test]
fn a_refused_field_is_shown_beside_it() {
    let (mut app, _) = saved(Err(RequestError::Unprocessable(
        "remarks: too long (1200 characters, at most 1000)".into(),
    )));
    assert_eq!(
        the_form(&mut app).field_error.as_ref().map(|e| e.0),
        Some(PreferenceField::Remarks)
    );
    let screen = drawn(&app);
    assert!(screen.contains("✗ too long"), "{screen}");
    assert!(
        screen.contains("VGML (") && screen.contains("WCHR ("),
        "codes with their meaning:\n{screen}"
    );
}

#[test]
fn esc_asks_before_dropping_changes() {
    let mut app = form();
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::Call);
    press(&mut app, "P");
    app.answer_top(Answer::Preferences {
        traveller_id: 1,
        result: Ok(stored(3, Preferences::default())),
    });
    press(&mut app, "down");
    press(&mut app, "esc");
    assert_eq!(app.context(), Context::Confirm);
}
