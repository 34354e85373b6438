//! The panes beside the card on a wide terminal: asked for once when a
//! traveller comes into view there, never below the width, never polled;
//! asked again when a save changes them.

use super::*;
use crate::console::app::LayerId;
use crate::console::ask::{Answer, Ask};
use crate::{
    domain::casework::{HistoryEntry, HistoryKind, Preferences, StoredPreferences},
    wire::casework::HistoryPage,
};

fn wide(app: &mut App) -> Vec<Effect> {
    app.update(Msg::Resize {
        width: 200,
        height: 60,
    })
    .1
}

fn both(traveller_id: i64) -> Vec<Effect> {
    vec![
        Effect::Ask {
            from: LayerId::SIDE_PANES,
            ask: Ask::History {
                traveller_id,
                before: None,
            },
        },
        Effect::Ask {
            from: LayerId::SIDE_PANES,
            ask: Ask::Preferences { traveller_id },
        },
    ]
}

fn page(summary: &str) -> HistoryPage {
    HistoryPage {
        entries: vec![HistoryEntry {
            id: 1,
            kind: HistoryKind::Note,
            at: now(),
            actor: "bo".into(),
            subject: "1".into(),
            summary: summary.into(),
            detail: serde_json::Value::Null,
        }],
        next: None,
    }
}

fn stored(traveller_id: i64, version: i64) -> StoredPreferences {
    StoredPreferences {
        traveller_id,
        version,
        preferences: Preferences::default(),
        updated_by: None,
        updated_at: None,
    }
}

#[test]
fn a_traveller_on_a_wide_terminal_brings_their_panes_once() {
    let mut app = app();
    assert!(wide(&mut app).is_empty(), "nobody on screen, nothing asked");
    let effects = ring_now(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    assert!(
        both(1).iter().all(|e| effects.contains(e)),
        "the pop asks for the panes: {effects:?}"
    );
    // Nothing polls: ticks and keys ask for nothing more.
    let later = app.now + chrono::Duration::seconds(5);
    assert!(app.update(Msg::Tick(later)).1.is_empty());
    app.update(Msg::Answered {
        to: LayerId::SIDE_PANES,
        answer: Answer::History {
            traveller_id: 1,
            before: None,
            result: Ok(page("rebooked on CA1502")),
        },
    });
    app.update(Msg::Answered {
        to: LayerId::SIDE_PANES,
        answer: Answer::Preferences {
            traveller_id: 1,
            result: Ok(stored(1, 3)),
        },
    });
    let side = app.side.as_ref().expect("the panes");
    assert_eq!(side.entries()[0].summary, "rebooked on CA1502");
    assert_eq!(side.preferences, PaneData::Loaded(stored(1, 3)));
    assert!(wide(&mut app).is_empty(), "a resize asks again for nothing");
}

#[test]
fn below_the_width_nothing_is_asked_until_the_terminal_widens() {
    let mut app = app();
    app.update(Msg::Resize {
        width: 159,
        height: 48,
    });
    let effects = ring_now(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    assert!(
        !effects.iter().any(|e| matches!(
            e,
            Effect::Ask {
                ask: Ask::History { .. },
                ..
            } | Effect::Ask {
                ask: Ask::Preferences { .. },
                ..
            }
        )),
        "{effects:?}"
    );
    assert_eq!(wide(&mut app), both(1));
}

#[test]
fn a_chooser_asks_only_for_the_traveller_picked_and_each_one_once() {
    let mut app = app();
    wide(&mut app);
    let effects = ring_now(
        &mut app,
        "c1",
        vec![
            profile(1, "Zhang", Tier::Gold),
            profile(2, "Li", Tier::Basic),
        ],
    );
    assert!(
        !effects.iter().any(|e| matches!(
            e,
            Effect::Ask {
                ask: Ask::History { .. },
                ..
            }
        )),
        "a chooser shows no card: {effects:?}"
    );
    app.update(Msg::Tick(app.now + CALL_KEY_GUARD));
    assert_eq!(press(&mut app, "down"), vec![]);
    assert_eq!(press(&mut app, "enter"), both(2));
    // An answer for someone else is not theirs.
    app.update(Msg::Answered {
        to: LayerId::SIDE_PANES,
        answer: Answer::History {
            traveller_id: 1,
            before: None,
            result: Ok(page("not theirs")),
        },
    });
    assert!(app.side.as_ref().is_some_and(|s| s.entries().is_empty()));
}

#[test]
fn a_profile_found_by_search_brings_its_own_panes() {
    let mut app = app();
    wide(&mut app);
    press(&mut app, "/");
    let panel = panel_id(&app);
    let effects = app
        .update(Msg::Answered {
            to: app.top_id(),
            answer: Answer::Traveller {
                panel,
                result: Ok(profile(7, "Zhang", Tier::Gold)),
            },
        })
        .1;
    assert_eq!(effects, both(7));
    // A form over the card asks for no pane again (only for what the form
    // itself needs); closing it asks nothing again.
    let side_pane = |e: &Effect| {
        matches!(
            e,
            Effect::Ask {
                ask: Ask::History { .. },
                ..
            } | Effect::Ask {
                ask: Ask::Preferences { .. },
                ..
            }
        )
    };
    assert!(!press(&mut app, "n").iter().any(side_pane));
    assert!(!press(&mut app, "esc").iter().any(side_pane));
    assert_eq!(app.context(), Context::Profile);
}

#[test]
fn a_saved_note_or_preferences_refresh_the_panes_and_a_failure_retries_on_reconnect() {
    let mut app = app();
    // Connected once already: the hello below is a reconnection.
    app.update(Msg::Server(ServerEvent::Hello {
        user: app.user.clone(),
    }));
    wide(&mut app);
    ring(&mut app, "c1", vec![profile(1, "Zhang", Tier::Gold)]);
    app.update(Msg::Answered {
        to: LayerId::SIDE_PANES,
        answer: Answer::History {
            traveller_id: 1,
            before: None,
            result: Err(RequestError::Offline("connection refused".into())),
        },
    });
    app.update(Msg::Answered {
        to: LayerId::SIDE_PANES,
        answer: Answer::Preferences {
            traveller_id: 1,
            result: Ok(stored(1, 3)),
        },
    });
    let (_, effects) = app.update(Msg::Server(ServerEvent::Hello {
        user: app.user.clone(),
    }));
    let panes: Vec<Effect> = effects
        .into_iter()
        .filter(|e| {
            *e != Effect::NudgeOutbox
                && *e != Effect::app_asks(Ask::FollowUps { queue: false })
                && *e
                    != Effect::Ask {
                        from: LayerId::APP,
                        ask: Ask::MyState,
                    }
        })
        .collect();
    assert_eq!(
        panes,
        both(1),
        "the server is back: the failed pane asks again"
    );
    app.update(Msg::Answered {
        to: LayerId::SIDE_PANES,
        answer: Answer::History {
            traveller_id: 1,
            before: None,
            result: Ok(page("first")),
        },
    });
    let (_, effects) = app.update(Msg::Written {
        key: crate::console::request::IdempotencyKey::new(),
        answer: Answer::PreferencesSaved {
            result: Ok(stored(1, 4)),
        },
    });
    assert_eq!(
        effects,
        vec![Effect::Ask {
            from: LayerId::SIDE_PANES,
            ask: Ask::History {
                traveller_id: 1,
                before: None
            }
        }]
    );
    assert_eq!(
        app.side.as_ref().map(|s| &s.preferences),
        Some(&PaneData::Loaded(stored(1, 4)))
    );
    let side = app.side.as_ref().expect("the panes");
    assert_eq!(
        side.entries()[0].summary,
        "first",
        "what is shown stays while the newer page comes"
    );
    app.update(Msg::Answered {
        to: LayerId::SIDE_PANES,
        answer: Answer::History {
            traveller_id: 1,
            before: None,
            result: Ok(page("second")),
        },
    });
    assert_eq!(
        app.side.as_ref().expect("the panes").entries()[0].summary,
        "second"
    );

    // On a narrow terminal a save forgets the panes, to ask again when wide.
    app.update(Msg::Resize {
        width: 80,
        height: 24,
    });
    let (_, effects) = app.update(Msg::Written {
        key: crate::console::request::IdempotencyKey::new(),
        answer: Answer::NoteSaved {
            traveller_id: 1,
            result: Ok(note()),
        },
    });
    assert!(effects.is_empty() && app.side.is_none(), "{effects:?}");
    assert_eq!(wide(&mut app), both(1));
}

fn note() -> crate::domain::casework::Note {
    serde_json::from_value(serde_json::json!({
        "id": 9, "traveller_id": 1, "text": "x", "pnr": null, "flight_id": null,
        "corrects": null, "author": "ann", "created_at": now(),
    }))
    .expect("a note")
}
