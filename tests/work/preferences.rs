//! Preferences: saved whole over the version read, so that of two agents
//! saving at once exactly one wins and the other is told.

use reqwest::Method;
use skydesk::{
    client::WriteHeaders,
    domain::work::{HistoryKind, Preferences, Seat, StoredPreferences, Zone},
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
    let client = server.client();
    let read = client.preferences(ID).await.expect("read");
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
            client.save_preferences(ID, &mine, &guard),
            client.save_preferences(ID, &theirs, &other)
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
        let stored = client.preferences(ID).await.expect("read");
        assert_eq!(stored.version, version + 1);
        let winner = if a.is_ok() { mine } else { theirs };
        assert_eq!(stored.preferences, winner);
    }
}
