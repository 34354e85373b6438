//! Calls in the store, on both backends: the state moves once under
//! concurrent events, and migration 0005 keeps the calls stored before it.

mod common;

use std::path::Path;

use chrono::Utc;
use skydesk::{
    domain::{
        CallEventKind,
        call_state::{self, Actor, CallState, Step},
    },
    store::{self, RecordedCallEvent},
};
use sqlx::migrate::Migrator;

fn event(call_id: &str, kind: CallEventKind, agent: Option<&str>) -> RecordedCallEvent {
    RecordedCallEvent {
        call_id: call_id.into(),
        event: kind,
        from_raw: "13800138000".into(),
        caller_e164: Some(skydesk::domain::E164::parse_exact("+8613800138000").expect("E.164")),
        to_raw: "+864008108888".into(),
        queue: Some("vip".into()),
        agent: agent.map(String::from),
        at: Utc::now(),
    }
}

/// Twenty `ringing` at once create the call once; the others change nothing.
async fn concurrent_rings_create_one_call(url: String) {
    let store = store::connect(&url).await.expect("store opens");
    let tasks = (0..20).map(|_| {
        let store = store.clone();
        tokio::spawn(async move {
            let rule = |c: Option<&_>| call_state::step(c, CallEventKind::Ringing, &Actor::Pbx);
            store
                .apply_call_event(
                    &event("c1", CallEventKind::Ringing, Some("ann")),
                    None,
                    &rule,
                )
                .await
                .expect("applied")
                .step
        })
    });
    let steps: Vec<Step> = futures::future::join_all(tasks)
        .await
        .into_iter()
        .map(|t| t.expect("task"))
        .collect();
    let created = steps
        .iter()
        .filter(|s| **s == Step::Create(CallState::Ringing))
        .count();
    assert_eq!(created, 1, "{steps:?}");
    assert!(
        steps
            .iter()
            .all(|s| matches!(s, Step::Create(_) | Step::Keep))
    );
    let call = store.call("c1").await.expect("read").expect("the call");
    assert_eq!(call.state, CallState::Ringing);
    assert_eq!(call.offered_to.as_deref(), Some("ann"));
    let ringing = store
        .ringing_calls(Utc::now() - chrono::Duration::minutes(1), 10)
        .await
        .expect("ringing");
    assert_eq!(ringing.len(), 1);
    assert_eq!(store.call("%").await.expect("read"), None);
}

/// Retries stored before migration 0005 are folded into one row each, and
/// every call gets the state its events reached.
async fn migration_keeps_earlier_calls(url: String) {
    let backend = if url.starts_with("sqlite:") {
        "sqlite"
    } else {
        "postgres"
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/store/migrations")
        .join(backend);
    let mut before = Migrator::new(dir.as_path()).await.expect("migrations");
    before.migrations = before
        .migrations
        .iter()
        .filter(|m| m.version < 5)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    let rows: [(&str, &str, Option<&str>, i64); 6] = [
        ("old-1", "ringing", Some("ann"), 100),
        ("old-1", "ringing", Some("ann"), 101),
        ("old-1", "answered", Some("ann"), 110),
        ("old-1", "hangup", None, 200),
        ("old-2", "ringing", None, 300),
        ("old-2", "ringing", None, 301),
    ];
    // Literal values in one statement, so each backend only runs it.
    let values: Vec<String> = rows
        .iter()
        .map(|(call_id, kind, agent, at)| {
            let agent = agent.map_or("NULL".to_string(), |a| format!("'{a}'"));
            format!(
                "('{call_id}', '{kind}', '13800138000', NULL, '+864008108888', NULL, {agent}, {at})"
            )
        })
        .collect();
    let insert = format!(
        "INSERT INTO call_events (call_id, event, from_raw, caller_e164, to_raw, queue, agent, at) \
         VALUES {}",
        values.join(", ")
    );
    let insert = sqlx::raw_sql(sqlx::AssertSqlSafe(insert));
    if backend == "sqlite" {
        let pool = sqlx::sqlite::SqlitePoolOptions::new()
            .connect_with(
                url.parse::<sqlx::sqlite::SqliteConnectOptions>()
                    .expect("url")
                    .create_if_missing(true),
            )
            .await
            .expect("sqlite");
        before.run(&pool).await.expect("0001-0003");
        insert.execute(&pool).await.expect("old rows");
        pool.close().await;
    } else {
        let pool = sqlx::PgPool::connect(&url).await.expect("postgres");
        before.run(&pool).await.expect("0001-0003");
        insert.execute(&pool).await.expect("old rows");
        pool.close().await;
    }

    let store = store::connect(&url).await.expect("0005 applies");
    let old1 = store.call("old-1").await.expect("read").expect("old-1");
    assert_eq!(old1.state, CallState::Ended);
    assert_eq!(old1.offered_to.as_deref(), Some("ann"));
    assert_eq!(old1.answered_by.as_deref(), Some("ann"));
    assert_eq!(old1.rang_at.timestamp(), 100);
    let old2 = store.call("old-2").await.expect("read").expect("old-2");
    assert_eq!(old2.state, CallState::Ringing);
    assert_eq!(old2.offered_to, None);
    // The duplicate is gone: recording it again changes nothing, and a
    // late ringing of the ended call keeps it ended.
    let rule = |c: Option<&_>| call_state::step(c, CallEventKind::Ringing, &Actor::Pbx);
    let applied = store
        .apply_call_event(&event("old-1", CallEventKind::Ringing, None), None, &rule)
        .await
        .expect("applied");
    assert_eq!(applied.step, Step::Keep);
    assert_eq!(
        store.call("old-1").await.expect("read").map(|c| c.state),
        Some(CallState::Ended)
    );
    assert_eq!(count_events(&url, "old-1").await, 3);
    assert_eq!(count_events(&url, "old-2").await, 1);
}

async fn count_events(url: &str, call_id: &str) -> i64 {
    const SQL: &str = "SELECT COUNT(*) FROM call_events WHERE call_id = $1";
    if url.starts_with("sqlite:") {
        let pool = sqlx::SqlitePool::connect(url).await.expect("sqlite");
        let (n,): (i64,) = sqlx::query_as(SQL)
            .bind(call_id)
            .fetch_one(&pool)
            .await
            .expect("count");
        pool.close().await;
        n
    } else {
        let pool = sqlx::PgPool::connect(url).await.expect("postgres");
        let (n,): (i64,) = sqlx::query_as(SQL)
            .bind(call_id)
            .fetch_one(&pool)
            .await
            .expect("count");
        pool.close().await;
        n
    }
}

common::backend_suite!(multi_thread;

    concurrent_rings_create_one_call,
    migration_keeps_earlier_calls
);
