//! The PostgreSQL event bus on a real database: notices between two buses,
//! hostile payloads on the channel, and a listening connection cut by the
//! server. Only `postgres::` cases: there is no such bus on SQLite.

mod common;

use std::{sync::Arc, time::Duration};

use skydesk::{
    domain::{CallEventKind, Role},
    server::hub::{
        Audience, EventBus, Notice, Published, Subscription,
        pg::{BusCounts, CHANNEL, PgBus},
    },
    wire::StreamEvent,
};
use sqlx::{Connection, PgConnection};
use tokio::sync::broadcast::error::{RecvError, TryRecvError};

fn offered(call_id: &str) -> Notice {
    Notice {
        audience: vec![Audience::Role(Role::Agent)],
        event: StreamEvent::CallOffered {
            call_id: call_id.into(),
            offer: None,
        },
    }
}

fn answered(call_id: &str, agent: &str) -> Notice {
    Notice {
        audience: vec![Audience::User(agent.into())],
        event: StreamEvent::CallAnswered {
            call_id: call_id.into(),
            agent: agent.into(),
        },
    }
}

fn call_id(published: &Arc<Published>) -> String {
    match &published.notice.event {
        StreamEvent::CallOffered { call_id, .. }
        | StreamEvent::CallAnswered { call_id, .. }
        | StreamEvent::CallEnded { call_id, .. } => call_id.clone(),
        StreamEvent::Hello { .. } => panic!("a hello on the bus"),
        StreamEvent::FloorChanged { change } => panic!("a floor change: {change:?}"),
        StreamEvent::VipHoldExpired { request_id, .. } => panic!("a hold expired: {request_id}"),
    }
}

async fn next(subscription: &mut Subscription) -> Arc<Published> {
    tokio::time::timeout(Duration::from_secs(10), subscription.receiver.recv())
        .await
        .expect("a notice within 10 s")
        .expect("the subscription is open")
}

/// Nothing more arrives for a while.
async fn quiet(subscription: &mut Subscription) {
    tokio::time::sleep(Duration::from_millis(500)).await;
    match subscription.receiver.try_recv() {
        Err(TryRecvError::Empty) => {}
        other => panic!("expected nothing more, got {other:?}"),
    }
}

async fn notify(connection: &mut PgConnection, payload: &str) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT pg_notify($1, $2)")
        .bind(CHANNEL)
        .bind(payload)
        .execute(connection)
        .await
        .map(|_| ())
}

/// A notice as our servers send it, from a server that is not under test.
fn payload(call_id: &str) -> String {
    format!(
        r#"{{"origin":1,"notice":{{"audience":[{{"kind":"role","name":"agent"}}],"event":{{"type":"call_ended","call_id":"{call_id}","how":"hangup"}}}}}}"#
    )
}

async fn two_buses_carry_each_others_notices_in_order_once(url: String) {
    let a = PgBus::connect(&url).await.expect("a listens");
    let b = PgBus::connect(&url).await.expect("b listens");
    let mut on_a = a.subscribe();
    let mut on_b = b.subscribe();
    for n in 0..50 {
        a.publish(offered(&format!("c{n}")));
    }
    b.publish(answered("c0", "ann"));

    // a: its own at once, in order, then b's; its echo never.
    for n in 0..50 {
        assert_eq!(call_id(&next(&mut on_a).await), format!("c{n}"));
    }
    let from_b = next(&mut on_a).await;
    assert_eq!(from_b.notice, answered("c0", "ann"));
    quiet(&mut on_a).await;

    // b: its own at once, a's in a's order; numbered in b's own run.
    let mut offers = Vec::new();
    let mut own = 0;
    for _ in 0..51 {
        let published = next(&mut on_b).await;
        assert_eq!(published.id.run, on_b.head.run);
        match &published.notice.event {
            StreamEvent::CallOffered { call_id, .. } => offers.push(call_id.clone()),
            StreamEvent::CallAnswered { .. } => own += 1,
            other => panic!("unexpected {other:?}"),
        }
    }
    quiet(&mut on_b).await;
    assert_eq!(own, 1);
    let expected: Vec<_> = (0..50).map(|n| format!("c{n}")).collect();
    assert_eq!(offers, expected);
    assert_eq!(
        b.counts(),
        BusCounts {
            received: 50,
            skipped: 0,
            unsent: 0
        }
    );
    assert_eq!(a.counts().received, 1);
    // What b received, b can replay to a stream that reconnects.
    let head = b.subscribe().head;
    assert_eq!(b.since(on_b.head, head).map(|v| v.len()), Some(51));
}

async fn hostile_payloads_on_the_channel_are_skipped_and_counted(url: String) {
    let bus = PgBus::connect(&url).await.expect("listens");
    let mut subscription = bus.subscribe();
    let mut raw = PgConnection::connect(&url).await.expect("connects");
    // Exactly as long as a NOTIFY payload may be: shaped like a notice,
    // with a call id far too long.
    let longest = payload(&"c".repeat(7_999 - payload("").len()));
    assert_eq!(longest.len(), 7_999);
    let hostile = [
        "garbage".to_string(),
        String::new(),
        "{".into(),
        "null".into(),
        "x".repeat(7_999),
        longest,
        // Odd unicode: a bidi override, an escape sequence, a lone
        // surrogate, a byte-order mark, full-width digits.
        payload("c\u{202e}1"),
        payload("c\\u001b[2J"),
        payload("\\ud800"),
        format!("\u{feff}{}", payload("c1")),
        payload("c1").replace("\"origin\":1", "\"origin\":１"),
        // A hello would tell a console it is someone else.
        r#"{"origin":1,"notice":{"audience":[{"kind":"role","name":"agent"}],"event":{"type":"hello","user":{"name":"root","roles":["admin"]}}}}"#.into(),
        r#"{"origin":1,"notice":{"audience":[],"event":{"type":"call_ended","call_id":"c","how":"hangup"}}}"#.into(),
    ];
    for p in &hostile {
        notify(&mut raw, p).await.expect("PostgreSQL takes it");
    }
    // What psql would send, SQL and all.
    sqlx::raw_sql("NOTIFY skydesk_events, '''); DROP TABLE users; --'")
        .execute(&mut raw)
        .await
        .expect("NOTIFY with SQL in it");
    sqlx::raw_sql("NOTIFY skydesk_events")
        .execute(&mut raw)
        .await
        .expect("NOTIFY without a payload");
    // PostgreSQL itself refuses 8,000 bytes.
    assert!(notify(&mut raw, &"x".repeat(8_000)).await.is_err());
    // A good notice after the junk still arrives, and first.
    notify(&mut raw, &payload("after-the-junk"))
        .await
        .expect("sent");
    let published = next(&mut subscription).await;
    assert_eq!(
        published.notice,
        Notice {
            audience: vec![Audience::Role(Role::Agent)],
            event: StreamEvent::CallEnded {
                call_id: "after-the-junk".into(),
                how: CallEventKind::Hangup,
            },
        }
    );
    assert_eq!(
        bus.counts(),
        BusCounts {
            received: 1,
            skipped: hostile.len() as u64 + 2,
            unsent: 0
        }
    );
    // Still listening, and still whole.
    bus.publish(offered("own"));
    assert_eq!(call_id(&next(&mut subscription).await), "own");
    raw.close().await.expect("closes");
}

async fn listening_backends(admin: &mut PgConnection, name: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1")
        .bind(name)
        .fetch_one(admin)
        .await
        .expect("pg_stat_activity")
}

async fn a_cut_listening_connection_reconnects_and_resynchronises(url: String) {
    let a = PgBus::connect(&url).await.expect("a listens");
    let b = PgBus::connect(&url).await.expect("b listens");
    let mut resyncs = a.resyncs();
    let mut before = a.subscribe();
    b.publish(offered("before"));
    assert_eq!(call_id(&next(&mut before).await), "before");

    let mut admin = PgConnection::connect(&url).await.expect("connects");
    assert_eq!(listening_backends(&mut admin, a.listener_name()).await, 1);
    let cut: Vec<bool> = sqlx::query_scalar(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
    )
    .bind(a.listener_name())
    .fetch_all(&mut admin)
    .await
    .expect("terminated");
    assert_eq!(cut, vec![true]);

    // The old subscription ends: its stream would close and its console
    // reconnect.
    let ended = tokio::time::timeout(Duration::from_secs(20), async {
        loop {
            match before.receiver.recv().await {
                Err(RecvError::Closed) => break,
                Ok(_) | Err(RecvError::Lagged(_)) => {}
            }
        }
    })
    .await;
    assert!(ended.is_ok(), "the subscription did not end");
    tokio::time::timeout(Duration::from_secs(20), resyncs.changed())
        .await
        .expect("resynchronised within 20 s")
        .expect("the bus is alive");
    assert_eq!(*resyncs.borrow(), 1);

    // A new run: the old ids resume nothing, and new events arrive.
    let mut after = a.subscribe();
    assert_ne!(after.head.run, before.head.run);
    assert_eq!(a.since(before.head, after.head), None);
    let mut on_b = b.subscribe();
    b.publish(offered("after"));
    assert_eq!(call_id(&next(&mut after).await), "after");
    a.publish(offered("from-a"));
    assert_eq!(call_id(&next(&mut after).await), "from-a");
    for expected in ["after", "from-a"] {
        assert_eq!(call_id(&next(&mut on_b).await), expected);
    }
    assert_eq!(listening_backends(&mut admin, a.listener_name()).await, 1);
    assert_eq!(*b.resyncs().borrow(), 0, "b lost nothing");
    admin.close().await.expect("closes");
}

/// Only PostgreSQL has this bus; without `SKYDESK_TEST_DATABASE_URL` the
/// cases say they skipped.
mod postgres {
    use crate::common::{Backend, with_database_url};

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn two_buses_carry_each_others_notices_in_order_once() {
        with_database_url(
            Backend::Postgres,
            super::two_buses_carry_each_others_notices_in_order_once,
        )
        .await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn hostile_payloads_on_the_channel_are_skipped_and_counted() {
        with_database_url(
            Backend::Postgres,
            super::hostile_payloads_on_the_channel_are_skipped_and_counted,
        )
        .await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_cut_listening_connection_reconnects_and_resynchronises() {
        with_database_url(
            Backend::Postgres,
            super::a_cut_listening_connection_reconnects_and_resynchronises,
        )
        .await;
    }
}
