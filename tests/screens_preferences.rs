//! The preferences form as an agent sees it, at 80×24 and 160×48, without
//! colour: the fields, the code picker finding a meal by its meaning, a
//! refusal beside its field, and the conflict screen (theirs and yours side
//! by side) when someone saved first.

mod screen_fixtures;

use crossterm::event::KeyCode;
use screen_fixtures::*;
use skydesk::console::ask::{Answer, Ask};
use skydesk::{
    console::{App, Effect, Msg, request::RequestError, ui::Theme},
    domain::casework::{Preferences, Seat, StoredPreferences, Zone},
};

fn stored(version: i64, preferences: Preferences, by: &str) -> StoredPreferences {
    StoredPreferences {
        traveller_id: 42,
        version,
        preferences,
        updated_by: Some(by.into()),
        updated_at: Some(now() - chrono::Duration::minutes(2)),
    }
}

/// On a call with Wang Guiying, her preferences loaded (version 3).
fn opened() -> App {
    let mut app = talking(vip_with_delay_today());
    key(&mut app, KeyCode::Char('P'));
    app.update(Msg::Answered {
        to: app.top_id(),
        answer: Answer::Preferences {
            traveller_id: 42,
            result: Ok(stored(
                3,
                Preferences {
                    seat: Seat::Window,
                    meal: Some("KSML".into()),
                    ..Preferences::default()
                },
                "bo",
            )),
        },
    });
    app
}

/// Aisle, the front, a bulkhead, then on the meal: "vegetarian" typed.
fn picking_a_meal() -> App {
    let mut app = opened();
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Tab);
    typed(&mut app, "vegetarian");
    app
}

#[test]
fn the_preferences_form() {
    let app = opened();
    let screen = mono(&app, 80, 24);
    assert!(screen.contains("> Seat: window"), "{screen}");
    assert!(
        screen.contains("KSML ("),
        "a code with its meaning:\n{screen}"
    );
    assert_snapshots_80_160!("preferences", app);
}

#[test]
fn the_code_picker_finds_a_meal_by_its_meaning() {
    let app = picking_a_meal();
    let screen = mono(&app, 80, 24);
    assert!(screen.contains("find: vegetarian█"), "{screen}");
    assert!(screen.contains("Seat: aisle"), "{screen}");
    assert_snapshots_80_160!("preferences_code_picker", app);
}

#[test]
fn a_refused_field_says_why_beside_it() {
    let mut app = picking_a_meal();
    key(&mut app, KeyCode::Enter);
    let Effect::Write(write) = save(&mut app) else {
        panic!("a write")
    };
    app.update(Msg::Written {
        key: write.key,
        answer: Answer::PreferencesSaved {
            result: Err(RequestError::Unprocessable(
                "meal: VGML and a kosher meal cannot both be asked for".into(),
            )),
        },
    });
    let terminal = draw(&app, Theme::MONO, 80, 24);
    assert_refused_under(&terminal, "Meal:", "Meal", "✗ VGML and a kosher meal");
    insta::assert_snapshot!("preferences_refused_80x24", text(&terminal));
}

#[test]
fn the_conflict_screen_sets_theirs_beside_yours() {
    let mut app = picking_a_meal();
    key(&mut app, KeyCode::Enter);
    let Effect::Write(write) = save(&mut app) else {
        panic!("a write")
    };
    let (_, reload) = app.update(Msg::Written {
        key: write.key,
        answer: Answer::PreferencesSaved {
            result: Err(RequestError::Stale("preferences".into())),
        },
    });
    assert_eq!(
        reload,
        vec![Effect::Ask {
            from: app.top_id(),
            ask: Ask::Preferences { traveller_id: 42 }
        }]
    );
    app.update(Msg::Answered {
        to: app.top_id(),
        answer: Answer::Preferences {
            traveller_id: 42,
            result: Ok(stored(
                4,
                Preferences {
                    seat: Seat::Window,
                    zone: Some(Zone::Rear),
                    meal: Some("MOML".into()),
                    assistance: vec!["WCHR".into()],
                    remarks: "asked by her assistant".into(),
                    ..Preferences::default()
                },
                "chen",
            )),
        },
    });
    let screen = mono(&app, 80, 24);
    assert!(
        screen.contains("Theirs (chen at 09:28)") && screen.contains("Yours"),
        "{screen}"
    );
    assert!(screen.contains("keep yours") && screen.contains("take theirs"));
    assert_snapshots_80_160!("preferences_conflict", app);
}

#[test]
fn p_in_a_chooser_filters_rather_than_opening_the_preferences() {
    let mut app = app_with(shared_number());
    key(&mut app, KeyCode::Char('P'));
    let screen = mono(&app, 80, 24);
    assert!(!screen.contains("Preferences ·"), "{screen}");
}
