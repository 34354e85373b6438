//! Preferences: saved whole over the version read, so that of two agents
//! saving at once exactly one wins and the other is told.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::{Terminal, backend::TestBackend};
use reqwest::Method;
use skydesk::console::ask::{Answer, Ask};
use skydesk::{
    client::WriteHeaders,
    console::{
        App, Effect, Msg,
        keymap::Keymap,
        outbox,
        request::{RequestError, Write},
        ui,
    },
    domain::casework::{HistoryKind, Preferences, Seat, StoredPreferences, Zone},
    store::SavePreferences,
};

use crate::fixtures::*;

fn window_vegan() -> Preferences {
    Preferences {
        seat: Seat::Window,
        zone: Some(Zone::OverWing),
        exit_row: true,
        bulkhead: false,
        meal: Some("VGML".into()),
        assistance: vec!["WCHR".into()],
        remarks: "喜欢安静 quiet row".into(),
    }
}

fn versioned(version: Option<i64>) -> WriteGuard {
    WriteGuard {
        idempotency: None,
        expected_version: version,
    }
}

fn saved(outcome: SavePreferences) -> StoredPreferences {
    match outcome {
        SavePreferences::Saved(stored) => stored,
        other => panic!("not saved: {other:?}"),
    }
}

pub async fn preferences_are_versioned_in_the_store(url: String) {
    let store = store(&url).await;
    let fresh = store
        .preferences(ID)
        .await
        .expect("read")
        .expect("traveller");
    assert_eq!(
        (fresh.version, fresh.preferences.clone()),
        (0, Preferences::default())
    );
    assert_eq!(fresh.updated_by, None);
    let first = store
        .save_preferences(ID, &window_vegan(), "ann", &versioned(Some(0)))
        .await
        .expect("saved");
    assert_eq!(first.version, Some(1));
    let stored = saved(first.outcome);
    assert_eq!(stored.preferences, window_vegan());
    assert_eq!(stored.updated_by.as_deref(), Some("ann"));
    assert_eq!(store.preferences(ID).await.expect("read"), Some(stored));

    let stale = store
        .save_preferences(ID, &Preferences::default(), "bob", &versioned(Some(0)))
        .await;
    assert!(
        matches!(stale, Err(StoreError::Stale { current: 1 })),
        "{stale:?}"
    );
    let any = store
        .save_preferences(ID, &Preferences::default(), "bob", &versioned(None))
        .await
        .expect("saved over whatever is there");
    assert_eq!(any.version, Some(2));
    assert_eq!(
        store
            .save_preferences(999_999, &window_vegan(), "ann", &versioned(None))
            .await
            .expect("answered")
            .outcome,
        SavePreferences::NoSuchTraveller
    );
    assert_eq!(store.preferences(999_999).await.expect("read"), None);
    let history = store
        .history(ID, None, 10)
        .await
        .expect("read")
        .expect("traveller");
    let kinds: Vec<_> = history.iter().map(|e| (e.kind, e.actor.as_str())).collect();
    assert_eq!(
        kinds,
        [
            (HistoryKind::Preferences, "bob"),
            (HistoryKind::Preferences, "ann")
        ]
    );
    assert_eq!(
        history[1].summary,
        "window, over wing, exit row, VGML, WCHR"
    );
    // Another traveller's preferences are their own.
    assert_eq!(
        store
            .preferences(OTHER)
            .await
            .expect("read")
            .map(|p| p.version),
        Some(0)
    );
}

pub async fn preference_routes_check_versions_and_input(url: String) {
    let server = serve(&url).await;
    let path = format!("/api/v1/travellers/{ID}/preferences");
    let read = server.send(Method::GET, &path, &[], None).await;
    assert_eq!(read.headers()["etag"], "\"0\"");
    let body = serde_json::to_string(&window_vegan()).expect("json");
    problem(server.send(Method::PUT, &path, &[], Some(&body)).await, 428).await;
    let saved = server
        .send(Method::PUT, &path, &[("if-match", "\"0\"")], Some(&body))
        .await;
    assert_eq!(saved.status(), 200);
    assert_eq!(saved.headers()["etag"], "\"1\"");
    let stale = server
        .send(Method::PUT, &path, &[("if-match", "\"0\"")], Some(&body))
        .await;
    assert_eq!(stale.headers()["etag"], "\"1\"", "the current version");
    problem(stale, 412).await;
    problem(
        server
            .send(Method::PUT, &path, &[("if-match", "W/\"1\"")], Some(&body))
            .await,
        400,
    )
    .await;
    let admin = server
        .send_as(
            &server.admin,
            Method::PUT,
            &path,
            &[("if-match", "*")],
            Some(&body),
        )
        .await;
    problem(admin, 403).await;
    for (body, status, field) in [
        ("{", 400, ""),
        ("[]", 422, ""),
        (r#"{"seat":"middle"}"#, 422, "seat"),
        (r#"{"zone":"cockpit"}"#, 422, "zone"),
        (r#"{"exit_row":"yes"}"#, 422, "exit_row"),
        (r#"{"meal":"PIZZA"}"#, 422, "meal"),
        (r#"{"meal":"ＶＧＭＬ"}"#, 422, "meal"),
        (r#"{"assistance":["WCHR","ROBOT"]}"#, 422, "assistance"),
        (r#"{"assistance":"WCHR"}"#, 422, "assistance"),
        ("{\"remarks\":\"\\u001b]0;pwned\\u0007\"}", 422, "remarks"),
        ("{\"remarks\":\"\\u202eevil\"}", 422, "remarks"),
        (r#"{"seat":"window","wifi":true}"#, 422, "wifi"),
    ] {
        let response = server
            .send(Method::PUT, &path, &[("if-match", "*")], Some(body))
            .await;
        let detail = problem(response, status).await;
        assert!(detail.contains(field), "{body}: {detail}");
    }
    let nobody = server
        .send(
            Method::PUT,
            "/api/v1/travellers/999999/preferences",
            &[("if-match", "*")],
            Some("{}"),
        )
        .await;
    problem(nobody, 404).await;
    let stored = server.client().preferences(ID).await.expect("read");
    assert_eq!(
        (stored.version, stored.preferences),
        (1, window_vegan()),
        "nothing else written"
    );

    // A retry with a key gets the first answer, not a 412.
    let guard = WriteHeaders {
        idempotency_key: "save-once".into(),
        if_match: Some(1),
    };
    let lower = Preferences {
        meal: Some("moml".into()),
        ..Preferences::default()
    };
    let first = server
        .client()
        .save_preferences(ID, &lower, &guard)
        .await
        .expect("saved");
    let retry = server
        .client()
        .save_preferences(ID, &lower, &guard)
        .await
        .expect("replayed");
    assert_eq!(first, retry);
    assert_eq!(first.version, 2);
    assert_eq!(first.preferences.meal.as_deref(), Some("MOML"));
}

pub async fn two_agents_racing_on_preferences_one_wins(url: String) {
    let server = serve(&url).await;
    // Two agents, each with a client (a connection pool) of their own.
    let ann = server.client();
    let bo = server.agent("bo").await;
    let read = ann.preferences(ID).await.expect("read");
    for round in 0..5 {
        let version = read.version + round;
        let guard = WriteHeaders {
            idempotency_key: key(),
            if_match: Some(version),
        };
        let other = WriteHeaders {
            idempotency_key: key(),
            if_match: Some(version),
        };
        let mine = Preferences {
            seat: Seat::Aisle,
            ..Preferences::default()
        };
        let theirs = window_vegan();
        let (a, b) = tokio::join!(
            ann.save_preferences(ID, &mine, &guard),
            bo.save_preferences(ID, &theirs, &other)
        );
        let statuses = [
            a.as_ref().err().and_then(|e| e.status()),
            b.as_ref().err().and_then(|e| e.status()),
        ];
        let won = [a.is_ok(), b.is_ok()];
        assert_eq!(
            won.iter().filter(|w| **w).count(),
            1,
            "round {round}: {statuses:?}"
        );
        assert!(statuses.contains(&Some(412)), "round {round}: {statuses:?}");
        let stored = ann.preferences(ID).await.expect("read");
        assert_eq!(stored.version, version + 1);
        let (winner, who) = if a.is_ok() {
            (mine, "ann")
        } else {
            (theirs, "bo")
        };
        assert_eq!(stored.preferences, winner);
        assert_eq!(stored.updated_by.as_deref(), Some(who));
    }
}

/// A console signed in as `name` (through `client`), with traveller
/// `ID` opened from search and the preferences form read from the server.
async fn console_on_preferences(client: &ApiClient, name: &str) -> App {
    let user = User {
        name: name.into(),
        roles: vec![Role::Agent],
    };
    let keymap = Keymap::preset("default").expect("default keymap");
    let mut app = App::new(user, keymap, Utc::now(), false);
    press(&mut app, KeyCode::Char('/'), KeyModifiers::NONE);
    // The search the panel asks for names it.
    let asked = press(&mut app, KeyCode::Char('x'), KeyModifiers::NONE);
    let Some(Effect::Ask {
        ask: Ask::Search { panel, .. },
        ..
    }) = asked.first()
    else {
        panic!("typing in the search asks for travellers: {asked:?}");
    };
    let panel = *panel;
    let profile = client.traveller(ID).await.map_err(RequestError::from);
    app.update(Msg::Answered {
        to: app.top_id(),
        answer: Answer::Traveller {
            panel,
            result: profile,
        },
    });
    let asked = press(&mut app, KeyCode::Char('P'), KeyModifiers::NONE);
    assert_eq!(
        asked,
        vec![Effect::Ask {
            from: app.top_id(),
            ask: Ask::Preferences { traveller_id: ID }
        }]
    );
    load_preferences(&mut app, client).await;
    app
}

fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(code, modifiers))).1
}

/// Runs the console's request for the preferences against the server.
async fn load_preferences(app: &mut App, client: &ApiClient) {
    let result = client.preferences(ID).await.map_err(RequestError::from);
    app.update(Msg::Answered {
        to: app.top_id(),
        answer: Answer::Preferences {
            traveller_id: ID,
            result,
        },
    });
}

/// The write the console hands the run loop on ctrl-s.
fn save(app: &mut App) -> Write {
    match press(app, KeyCode::Char('s'), KeyModifiers::CONTROL).as_slice() {
        [Effect::Write(write)] => write.clone(),
        other => panic!("one write: {other:?}"),
    }
}

/// Sends `write` the way the console's outbox does; the message the
/// screen is told.
async fn deliver(client: &ApiClient, write: &Write) -> Msg {
    match outbox::send(client, write).await {
        Ok(Some(msg)) => msg,
        Ok(None) => panic!("a preferences save always answers"),
        Err(error) => outbox::report(write, RequestError::from(error)),
    }
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    terminal
        .draw(|f| ui::render(app, ui::Theme::MONO, f))
        .expect("draws");
    format!("{}", terminal.backend())
}

pub async fn the_console_that_loses_a_preferences_race_shows_theirs_and_yours(url: String) {
    let server = serve(&url).await;
    let ann_client = server.client();
    let bo_client = server.agent("bo").await;
    let mut ann = console_on_preferences(&ann_client, "ann").await;
    let mut bo = console_on_preferences(&bo_client, "bo").await;
    // Ann: an aisle seat. Bo: a window seat. Both on the version they read.
    press(&mut ann, KeyCode::Down, KeyModifiers::NONE);
    press(&mut ann, KeyCode::Down, KeyModifiers::NONE);
    press(&mut bo, KeyCode::Down, KeyModifiers::NONE);
    let (ann_write, bo_write) = (save(&mut ann), save(&mut bo));
    let (ann_told, bo_told) = tokio::join!(
        deliver(&ann_client, &ann_write),
        deliver(&bo_client, &bo_write)
    );
    let won = |msg: &Msg| {
        matches!(
            msg,
            Msg::Written {
                answer: Answer::PreferencesSaved { result: Ok(_), .. },
                ..
            }
        )
    };
    assert!(
        won(&ann_told) != won(&bo_told),
        "exactly one wins: {ann_told:?} / {bo_told:?}"
    );
    let (mut winner, winner_name, mut loser, loser_client, winner_told, loser_told) =
        if won(&ann_told) {
            (ann, "ann", bo, bo_client, ann_told, bo_told)
        } else {
            (bo, "bo", ann, ann_client, bo_told, ann_told)
        };
    assert!(
        matches!(
            &loser_told,
            Msg::Written {
                answer: Answer::PreferencesSaved {
                    result: Err(RequestError::Stale(_)),
                    ..
                },
                ..
            }
        ),
        "the loser is told of the 412: {loser_told:?}"
    );
    winner.update(winner_told);
    assert_eq!(winner.flash.as_deref(), Some("preferences saved"));

    // The loser's console reads theirs again and sets it beside its own.
    let (_, asked) = loser.update(loser_told);
    assert_eq!(
        asked,
        vec![Effect::Ask {
            from: loser.top_id(),
            ask: Ask::Preferences { traveller_id: ID }
        }]
    );
    load_preferences(&mut loser, &loser_client).await;
    let shown = screen(&loser);
    assert!(
        shown.contains(&format!("Theirs ({winner_name} at")) && shown.contains("Yours"),
        "{shown}"
    );
    assert!(
        shown.contains("Seat: window") && shown.contains("Seat: aisle"),
        "theirs and yours side by side:\n{shown}"
    );
    assert!(shown.contains("keep yours") && shown.contains("take theirs"));

    // Keeping one's own saves it over their version, and it holds.
    let keep = save(&mut loser);
    let told = deliver(&loser_client, &keep).await;
    let Msg::Written {
        answer: Answer::PreferencesSaved {
            result: Ok(stored), ..
        },
        ..
    } = &told
    else {
        panic!("saved over theirs: {told:?}")
    };
    assert_eq!(stored.version, 2);
    let loser_seat = if winner_name == "ann" {
        Seat::Window
    } else {
        Seat::Aisle
    };
    assert_eq!(stored.preferences.seat, loser_seat);
    loser.update(told);
    assert_eq!(loser.flash.as_deref(), Some("preferences saved"));
}
