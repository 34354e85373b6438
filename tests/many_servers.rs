//! Two real `skydesk serve` processes on one PostgreSQL database: a call
//! rung on one is offered on the other, an answer given on the other
//! reaches the first, consoles resynchronise when the servers' listening
//! connections are cut, and both servers' floors agree. Only `postgres::` cases: SQLite is one server's.

mod common;

use std::{
    path::Path,
    time::{Duration, Instant},
};

use common::{
    calls::{SECRET, listen, next, next_offer, ringing},
    process::{KillOnDrop, run, serve},
};
use skydesk::{
    client::ApiClient,
    domain::{
        CallEvent, CallEventKind,
        floor::{AgentState, FloorChange, FloorFigures},
    },
    wire::{FloorSnapshot, ServerEvent},
};
use sqlx::{Connection, PgConnection};

/// `skydesk serve` on `url`, once it answers.
async fn server(url: &str, tmp: &Path) -> (KillOnDrop, String) {
    let (process, base) = serve(url, tmp, SECRET);
    let probe = ApiClient::new(&base, "").expect("client");
    let deadline = Instant::now() + Duration::from_secs(60);
    while probe.health().await.is_err() {
        assert!(Instant::now() < deadline, "server not up at {base}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (process, base)
}

/// Ends every server's listening connection on the database, as a
/// network fault would; returns how many were ended.
async fn cut_listening_connections(url: &str) -> usize {
    let mut admin = PgConnection::connect(url).await.expect("connects");
    let cut: Vec<bool> = sqlx::query_scalar(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND application_name LIKE 'skydesk-listen-%'",
    )
    .fetch_all(&mut admin)
    .await
    .expect("terminated");
    admin.close().await.expect("closes");
    cut.into_iter().filter(|ended| *ended).count()
}

async fn an_event_reaches_consoles_on_every_server(url: String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let token = run(
        &["user", "add", "ann", "--role", "agent", "--db", &url],
        tmp,
    )
    .trim()
    .to_string();
    let (_a, base_a) = server(&url, tmp).await;
    let (_b, base_b) = server(&url, tmp).await;
    let ann_a = ApiClient::new(&base_a, &token).expect("client");
    let ann_b = ApiClient::new(&base_b, &token).expect("client");
    let pbx_a = ApiClient::new(&base_a, "").expect("client");
    let mut on_a = listen(&ann_a).await;
    let mut on_b = listen(&ann_b).await;

    // Rung on A: offered on B, the offer fetched from B (B has none ready).
    pbx_a
        .post_call_event(SECRET, &ringing("rung-on-a", Some("ann")))
        .await
        .expect("ringing accepted");
    match next(&mut on_b).await {
        ServerEvent::CallOffered { offer } => {
            assert_eq!(offer.call_id, "rung-on-a");
            assert_eq!(offer.agent.as_deref(), Some("ann"));
            assert_eq!(offer.line.kind, skydesk::domain::LineKind::VipHotline);
        }
        other => panic!("expected an offer on B, got {other:?}"),
    }
    assert_eq!(next_offer(&mut on_a).await, "rung-on-a");

    // Answered on B: A's stream hears of it, and so does B's.
    ann_b.answer("rung-on-a").await.expect("answered on B");
    for (server, events) in [("A", &mut on_a), ("B", &mut on_b)] {
        assert_eq!(
            next(events).await,
            ServerEvent::CallAnswered {
                call_id: "rung-on-a".into(),
                agent: "ann".into(),
            },
            "on {server}"
        );
    }

    // And the other way round: rung on B, offered on A.
    let pbx_b = ApiClient::new(&base_b, "").expect("client");
    pbx_b
        .post_call_event(SECRET, &ringing("rung-on-b", Some("ann")))
        .await
        .expect("ringing accepted");
    assert_eq!(next_offer(&mut on_a).await, "rung-on-b");
    assert_eq!(next_offer(&mut on_b).await, "rung-on-b");

    // Both servers' listening connections cut: every stream closes, and a
    // console that reconnects with its last id is offered again what is
    // still ringing, then hears new events.
    assert_eq!(cut_listening_connections(&url).await, 2);
    let mut resumed = Vec::new();
    for (server, client, mut events) in [("A", &ann_a, on_a), ("B", &ann_b, on_b)] {
        let closed = tokio::time::timeout(Duration::from_secs(30), async {
            while events.next_event().await.is_some() {}
        })
        .await;
        assert!(closed.is_ok(), "the stream on {server} stayed open");
        let last = events.last_event_id().map(String::from);
        let mut again = client.events_after(last.as_deref()).await.expect("stream");
        assert!(matches!(next(&mut again).await, ServerEvent::Hello { .. }));
        assert_eq!(next_offer(&mut again).await, "rung-on-b", "on {server}");
        resumed.push(again);
    }
    pbx_a
        .post_call_event(SECRET, &ringing("after-the-cut", Some("ann")))
        .await
        .expect("ringing accepted");
    for events in &mut resumed {
        assert_eq!(next_offer(events).await, "after-the-cut");
    }
}

/// What two servers' floors must agree on: every count and figure, and
/// each agent's state (not the times, which depend on the moment asked).
fn agreed(figures: &FloorFigures) -> String {
    let queues: Vec<String> = figures
        .queues
        .iter()
        .map(|q| {
            format!(
                "{} waiting {} last15 {:?} today {:?}",
                q.name, q.waiting, q.last_15_minutes, q.today
            )
        })
        .collect();
    let agents: Vec<String> = figures
        .agents
        .iter()
        .map(|a| {
            format!(
                "{} {:?} {:?} {}",
                a.row.name, a.row.state, a.row.reason, a.row.handled
            )
        })
        .collect();
    format!("{queues:#?}\n{agents:#?}")
}

async fn floor_of(http: &reqwest::Client, base: &str, token: &str) -> FloorFigures {
    let snapshot: FloorSnapshot = http
        .get(format!("{base}/api/v1/floor"))
        .bearer_auth(token)
        .send()
        .await
        .expect("sent")
        .json()
        .await
        .expect("a floor");
    snapshot.figures
}

/// Both floors, once they agree and `done` holds (changes reach each
/// server's floor through the bus, a moment after they are made).
async fn agreeing_floors(
    http: &reqwest::Client,
    bases: [&str; 2],
    token: &str,
    done: impl Fn(&FloorFigures) -> bool,
) -> FloorFigures {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let a = floor_of(http, bases[0], token).await;
        let b = floor_of(http, bases[1], token).await;
        if agreed(&a) == agreed(&b) && done(&a) {
            return a;
        }
        assert!(
            Instant::now() < deadline,
            "the floors never agreed:\nA {}\nB {}",
            agreed(&a),
            agreed(&b)
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn the_floor_agrees_on_every_server(url: String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let user = |name: &str, role: &str| {
        run(&["user", "add", name, "--role", role, "--db", &url], tmp)
            .trim()
            .to_string()
    };
    let (ann, bob, sue) = (
        user("ann", "agent"),
        user("bob", "agent"),
        user("sue", "supervisor"),
    );
    let (_a, base_a) = server(&url, tmp).await;
    let (_b, base_b) = server(&url, tmp).await;
    let http = reqwest::Client::new();
    let sue_b = ApiClient::new(&base_b, &sue).expect("client");
    let mut sue_on_b = listen(&sue_b).await;
    let pbx_a = ApiClient::new(&base_a, "").expect("client");
    let pbx_b = ApiClient::new(&base_b, "").expect("client");
    let general = |call_id: &str, agent: &str| CallEvent {
        to: "+864008100999".into(),
        queue: None,
        ..ringing(call_id, Some(agent))
    };

    // Rung on A: the supervisor on B hears the floor change.
    pbx_a
        .post_call_event(SECRET, &general("f1", "ann"))
        .await
        .expect("accepted");
    match next(&mut sue_on_b).await {
        ServerEvent::FloorChanged { change } => assert!(
            matches!(&change, FloorChange::CallQueued { call_id, queue, .. } if call_id == "f1" && queue == "general"),
            "{change:?}"
        ),
        other => panic!("expected a floor change on B, got {other:?}"),
    }
    // The rest spread over both servers: answers, an abandon, a hang-up,
    // a wrap-up and a break.
    pbx_b
        .post_call_event(SECRET, &general("f2", "bob"))
        .await
        .expect("accepted");
    pbx_b
        .post_call_event(SECRET, &ringing("f3", None))
        .await
        .expect("accepted");
    ApiClient::new(&base_b, &ann)
        .expect("client")
        .answer("f1")
        .await
        .expect("answered");
    ApiClient::new(&base_a, &bob)
        .expect("client")
        .answer("f2")
        .await
        .expect("answered");
    let mut ended = ringing("f3", None);
    ended.event = CallEventKind::Abandoned;
    pbx_a
        .post_call_event(SECRET, &ended)
        .await
        .expect("accepted");
    let mut hangup = general("f1", "ann");
    hangup.event = CallEventKind::Hangup;
    pbx_a
        .post_call_event(SECRET, &hangup)
        .await
        .expect("accepted");
    let wrapped = http
        .post(format!("{base_b}/api/v1/calls/f1/wrap-up"))
        .bearer_auth(&ann)
        .header("Idempotency-Key", "wrap-f1")
        .json(&serde_json::json!({"disposition": "resolved"}))
        .send()
        .await
        .expect("sent");
    assert_eq!(wrapped.status(), 201);
    let on_break = http
        .put(format!("{base_a}/api/v1/me/state"))
        .bearer_auth(&ann)
        .json(&serde_json::json!({"state": "on_break", "reason": "Lunch"}))
        .send()
        .await
        .expect("sent");
    assert_eq!(on_break.status(), 200);
    let figures = agreeing_floors(&http, [&base_a, &base_b], &sue, |f| {
        f.agents
            .iter()
            .any(|a| a.row.name == "ann" && a.row.state == AgentState::OnBreak)
    })
    .await;
    let general_queue = figures
        .queues
        .iter()
        .find(|q| q.name == "general")
        .expect("general");
    assert_eq!(general_queue.last_15_minutes.answered, 2);
    assert_eq!(general_queue.last_15_minutes.handled, 1);
    let vip = figures
        .queues
        .iter()
        .find(|q| q.name == "vip")
        .expect("vip");
    assert_eq!(vip.last_15_minutes.short_abandoned, 1);

    // Both listening connections cut: each server loads its floor again
    // from the store, and they still agree on what follows.
    assert_eq!(cut_listening_connections(&url).await, 2);
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut hangup = general("f2", "bob");
    hangup.event = CallEventKind::Hangup;
    pbx_b
        .post_call_event(SECRET, &hangup)
        .await
        .expect("accepted");
    agreeing_floors(&http, [&base_a, &base_b], &sue, |f| {
        f.agents
            .iter()
            .any(|a| a.row.name == "bob" && a.row.state == AgentState::WrapUp)
    })
    .await;
}

/// ann's figures on `base`'s floor.
async fn ann_on(http: &reqwest::Client, base: &str, sue: &str) -> (FloorFigures, bool) {
    let figures = floor_of(http, base, sue).await;
    let gone = figures
        .agents
        .iter()
        .any(|a| a.row.name == "ann" && a.console_gone);
    (figures, gone)
}

async fn a_console_that_moves_server_is_neither_gone_nor_on_a_phantom_call(url: String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    // Two seconds without an event stream and a console is gone.
    let config = tmp.join("config").join("skydesk");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(
        config.join("config.toml"),
        "[floor]\nconsole_gone_seconds = 2\n",
    )
    .expect("config written");
    let user = |name: &str, role: &str| {
        run(&["user", "add", name, "--role", role, "--db", &url], tmp)
            .trim()
            .to_string()
    };
    let (ann, sue) = (user("ann", "agent"), user("sue", "supervisor"));
    let (_a, base_a) = server(&url, tmp).await;
    let (_b, base_b) = server(&url, tmp).await;
    let http = reqwest::Client::new();
    let ann_a = ApiClient::new(&base_a, &ann).expect("client");
    let ann_b = ApiClient::new(&base_b, &ann).expect("client");
    let pbx = ApiClient::new(&base_a, "").expect("client");
    let general = |call_id: &str, kind: CallEventKind| CallEvent {
        event: kind,
        to: "+864008100999".into(),
        queue: None,
        ..ringing(call_id, Some("ann"))
    };
    let available = http
        .put(format!("{base_a}/api/v1/me/state"))
        .bearer_auth(&ann)
        .json(&serde_json::json!({"state": "available"}))
        .send()
        .await
        .expect("sent");
    assert_eq!(available.status(), 200);

    // On a call at a console on A, which is killed; it comes back on B.
    let on_a = listen(&ann_a).await;
    pbx.post_call_event(SECRET, &general("m1", CallEventKind::Ringing))
        .await
        .expect("accepted");
    ann_a.answer("m1").await.expect("answered");
    drop(on_a);
    let on_b = listen(&ann_b).await;
    pbx.post_call_event(SECRET, &general("m1", CallEventKind::Hangup))
        .await
        .expect("accepted");
    // The next call comes before the first one's wrap-up was recorded.
    pbx.post_call_event(SECRET, &general("m2", CallEventKind::Ringing))
        .await
        .expect("accepted");
    ann_b.answer("m2").await.expect("answered");

    // Past the setting, and past A's keep-alive (15 s) by which A notices
    // the old stream closed: never gone, never on two calls.
    let until = Instant::now() + Duration::from_secs(18);
    while Instant::now() < until {
        for base in [&base_a, &base_b] {
            let (figures, gone) = ann_on(&http, base, &sue).await;
            let queue = figures
                .queues
                .iter()
                .find(|q| q.name == "general")
                .expect("general")
                .agents;
            assert!(
                !gone && figures.counts.gone == 0,
                "ann shown gone on {base}: {figures:#?}"
            );
            assert!(
                queue.on_call + queue.wrap_up <= 1,
                "ann on two calls on {base}: {queue:?}"
            );
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let figures = agreeing_floors(&http, [&base_a, &base_b], &sue, |f| {
        f.agents
            .iter()
            .any(|a| a.row.name == "ann" && a.row.state == AgentState::OnCall)
    })
    .await;
    let queue = figures
        .queues
        .iter()
        .find(|q| q.name == "general")
        .expect("general")
        .agents;
    assert_eq!((queue.on_call, queue.wrap_up), (1, 0));

    // The call ends and the console quits for good: gone on both servers.
    pbx.post_call_event(SECRET, &general("m2", CallEventKind::Hangup))
        .await
        .expect("accepted");
    drop(on_b);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (on_a, gone_a) = ann_on(&http, &base_a, &sue).await;
        let (_, gone_b) = ann_on(&http, &base_b, &sue).await;
        if gone_a && gone_b {
            assert_eq!((on_a.counts.gone, on_a.counts.wrap_up), (1, 0));
            break;
        }
        assert!(Instant::now() < deadline, "ann never shown gone");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

mod postgres {
    use crate::common::{Backend, with_database_url};

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_floor_agrees_on_every_server() {
        with_database_url(Backend::Postgres, super::the_floor_agrees_on_every_server).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_event_reaches_consoles_on_every_server() {
        with_database_url(
            Backend::Postgres,
            super::an_event_reaches_consoles_on_every_server,
        )
        .await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_console_that_moves_server_is_neither_gone_nor_on_a_phantom_call() {
        with_database_url(
            Backend::Postgres,
            super::a_console_that_moves_server_is_neither_gone_nor_on_a_phantom_call,
        )
        .await;
    }
}
