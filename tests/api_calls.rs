//! Calls through the real server and the real `ApiClient`, on both
//! backends: retries, who may answer, taken calls, reconnects and lag.

mod common;

use std::{sync::Arc, time::Duration};

use skydesk::{
    client::{ApiClient, ClientError, EventStream},
    console::{App, Msg, app::Screen, keymap::Keymap},
    domain::{CallEvent, CallEventKind, Role, User, call_state::CallState},
    server::{
        AppState, ServerConfig, auth,
        calls::stream::follow,
        hub::{DynBus, Hub},
    },
    store::{self, DynStore},
    wire::{ServerEvent, StreamEvent},
};

const SECRET: &str = "pbx-secret";

struct Rig {
    base: String,
    ann_token: String,
    ann: ApiClient,
    bob: ApiClient,
    sue: ApiClient,
    pbx: ApiClient,
}

impl Rig {
    /// ann and bob are agents, sue a supervisor.
    async fn start(url: &str) -> Rig {
        let store = store::connect(url).await.expect("store opens");
        let bob = add_user(&store, "bob", Role::Agent).await;
        let sue = add_user(&store, "sue", Role::Supervisor).await;
        let config = ServerConfig {
            webhook_secret: Some(SECRET.into()),
            ..ServerConfig::default()
        };
        let (base, ann) = common::serve_signed_in(store, config).await;
        let client = |token: &str| ApiClient::new(&base, token).expect("client");
        Rig {
            ann: client(&ann),
            ann_token: ann.clone(),
            bob: client(&bob),
            sue: client(&sue),
            pbx: client(""),
            base,
        }
    }

    async fn ring(&self, call_id: &str, agent: Option<&str>) {
        self.pbx
            .post_call_event(SECRET, &ringing(call_id, agent))
            .await
            .expect("ringing accepted");
    }

    async fn pbx(&self, call_id: &str, event: CallEventKind) {
        let mut e = ringing(call_id, None);
        e.event = event;
        e.from.clear();
        self.pbx
            .post_call_event(SECRET, &e)
            .await
            .expect("event accepted");
    }
}

async fn add_user(store: &DynStore, name: &str, role: Role) -> String {
    let token = auth::new_token();
    let user = User {
        name: name.into(),
        roles: vec![role],
    };
    store
        .add_user(&user, &auth::hash_token(&token))
        .await
        .expect("user added");
    token
}

fn ringing(call_id: &str, agent: Option<&str>) -> CallEvent {
    CallEvent {
        event: CallEventKind::Ringing,
        call_id: call_id.into(),
        from: "+8613800138000".into(),
        to: "+864008108888".into(),
        queue: Some("vip".into()),
        agent: agent.map(String::from),
        at: None,
    }
}

async fn next(events: &mut EventStream) -> ServerEvent {
    tokio::time::timeout(Duration::from_secs(10), events.next_event())
        .await
        .expect("an event within 10 s")
        .expect("the stream is open")
        .expect("a readable event")
}

/// Opens a stream and reads its hello.
async fn listen(client: &ApiClient) -> EventStream {
    let mut events = client.events().await.expect("stream opens");
    assert!(matches!(next(&mut events).await, ServerEvent::Hello { .. }));
    events
}

/// The next offer's call id, skipping nothing else.
async fn next_offer(events: &mut EventStream) -> String {
    match next(events).await {
        ServerEvent::CallOffered { offer } => offer.call_id,
        other => panic!("expected an offer, got {other:?}"),
    }
}

/// The call's events as stored: (event, received at, PBX time).
async fn event_rows(url: &str, call_id: &str) -> Vec<(String, i64, Option<i64>)> {
    const SQL: &str = "SELECT event, at, pbx_at FROM call_events WHERE call_id = $1 ORDER BY id";
    if url.starts_with("sqlite:") {
        let pool = sqlx::SqlitePool::connect(url).await.expect("sqlite");
        let rows = sqlx::query_as(SQL).bind(call_id).fetch_all(&pool).await;
        pool.close().await;
        rows.expect("rows")
    } else {
        let pool = sqlx::PgPool::connect(url).await.expect("postgres");
        let rows = sqlx::query_as(SQL).bind(call_id).fetch_all(&pool).await;
        pool.close().await;
        rows.expect("rows")
    }
}

fn status(result: Result<impl std::fmt::Debug, ClientError>) -> u16 {
    match result {
        Ok(_) => 200,
        Err(e) => e
            .status()
            .unwrap_or_else(|| panic!("not an API error: {e}")),
    }
}

/// The same `ringing` twenty times at once: one row, one offer, twenty 202s.
async fn a_retry_storm_is_stored_and_offered_once(url: String) {
    let rig = Rig::start(&url).await;
    let mut events = listen(&rig.ann).await;
    let posts = (0..20).map(|_| {
        let pbx = rig.pbx.clone();
        tokio::spawn(async move { pbx.post_call_event(SECRET, &ringing("storm", None)).await })
    });
    for post in futures::future::join_all(posts).await {
        assert!(
            post.expect("task")
                .expect("every retry is accepted")
                .accepted
        );
    }
    assert_eq!(next_offer(&mut events).await, "storm");
    rig.ring("after-the-storm", Some("ann")).await;
    assert_eq!(
        next_offer(&mut events).await,
        "after-the-storm",
        "offered once"
    );
    let rows = event_rows(&url, "storm").await;
    assert_eq!(rows.len(), 1, "{rows:?}");
}

/// A retry of a call that has ended is accepted and never rings it again.
async fn a_late_retry_never_rings_an_ended_call(url: String) {
    let rig = Rig::start(&url).await;
    let mut events = listen(&rig.ann).await;
    rig.ring("late", Some("ann")).await;
    assert_eq!(next_offer(&mut events).await, "late");
    rig.pbx("late", CallEventKind::Abandoned).await;
    assert!(matches!(
        next(&mut events).await,
        ServerEvent::CallEnded {
            how: CallEventKind::Abandoned,
            ..
        }
    ));
    rig.ring("late", Some("ann")).await;
    rig.pbx("late", CallEventKind::Abandoned).await;
    rig.ring("marker", Some("ann")).await;
    assert_eq!(next_offer(&mut events).await, "marker");
    let late = rig.ann.call("late").await.expect("the call");
    assert_eq!(late.state, CallState::Abandoned);
    let kinds: Vec<String> = event_rows(&url, "late")
        .await
        .into_iter()
        .map(|r| r.0)
        .collect();
    assert_eq!(kinds, ["ringing", "abandoned"]);
}

/// Only the agent it rang for, or a supervisor; 404 and 409 with reasons;
/// a refusal writes nothing.
async fn only_the_offered_agent_or_a_supervisor_handles_a_call(url: String) {
    let rig = Rig::start(&url).await;
    rig.ring("for-ann", Some("ann")).await;

    assert_eq!(status(rig.bob.answer("for-ann").await), 403);
    assert_eq!(status(rig.bob.hangup("for-ann").await), 403);
    assert_eq!(status(rig.bob.call("for-ann").await), 403);
    assert_eq!(
        rig.ann.call("for-ann").await.expect("call").state,
        CallState::Ringing
    );
    assert_eq!(
        event_rows(&url, "for-ann").await.len(),
        1,
        "refusals write nothing"
    );

    assert_eq!(status(rig.ann.answer("never-rang").await), 404);
    assert_eq!(status(rig.ann.hangup("never-rang").await), 404);
    assert!(event_rows(&url, "never-rang").await.is_empty());

    rig.ann.answer("for-ann").await.expect("ann answers");
    match rig.ann.answer("for-ann").await {
        Err(ClientError::Api {
            status: 409,
            detail,
        }) => {
            assert!(detail.contains("already answered by ann"), "{detail}")
        }
        other => panic!("expected 409, got {other:?}"),
    }
    assert_eq!(status(rig.bob.hangup("for-ann").await), 403);
    rig.sue
        .hangup("for-ann")
        .await
        .expect("a supervisor may end it");
    match rig.ann.answer("for-ann").await {
        Err(ClientError::Api {
            status: 409,
            detail,
        }) => {
            assert!(detail.contains("ended"), "{detail}")
        }
        other => panic!("expected 409, got {other:?}"),
    }
    assert_eq!(status(rig.ann.hangup("for-ann").await), 409);
    let kinds: Vec<String> = event_rows(&url, "for-ann")
        .await
        .into_iter()
        .map(|r| r.0)
        .collect();
    assert_eq!(kinds, ["ringing", "answered", "hangup"]);
    let details = rig.sue.call("for-ann").await.expect("supervisors see it");
    assert_eq!(details.state, CallState::Ended);
    assert_eq!(details.answered_by.as_deref(), Some("ann"));
}

/// Bad call ids in the URL are 4xx problems, never 500; any script is fine.
async fn call_ids_in_urls_are_checked(url: String) {
    let rig = Rig::start(&url).await;
    for (id, want) in [
        ("x".repeat(500), 400),
        ("a\u{1b}[2J".to_string(), 400),
        ("a\u{202e}b".to_string(), 400),
        ("电话-1".to_string(), 404),
        ("１２３".to_string(), 404),
        ("'; DROP TABLE calls;--".to_string(), 404),
    ] {
        assert_eq!(status(rig.ann.call(&id).await), want, "{id:?}");
        assert_eq!(status(rig.ann.answer(&id).await), want, "{id:?}");
    }
    rig.ring("电话-1", Some("ann")).await;
    assert_eq!(
        rig.ann.call("电话-1").await.expect("call").offer.call_id,
        "电话-1"
    );
    let raw = reqwest::Client::new()
        .get(format!("{}/api/v1/calls/nope", rig.base))
        .send()
        .await
        .expect("sent");
    assert_eq!(raw.status(), 401, "a call needs a signed-in user");
}

/// When one agent takes a call that rang for every agent, the others are
/// told and the offer leaves their console.
async fn a_taken_call_leaves_the_other_agents(url: String) {
    let rig = Rig::start(&url).await;
    let mut ann_events = listen(&rig.ann).await;
    let mut bob_events = listen(&rig.bob).await;
    rig.ring("anyone", None).await;
    let offer = match next(&mut ann_events).await {
        offer @ ServerEvent::CallOffered { .. } => offer,
        other => panic!("expected an offer, got {other:?}"),
    };
    assert_eq!(next_offer(&mut bob_events).await, "anyone");
    let me = rig.ann.me().await.expect("me");
    let mut console = App::new(
        me,
        Keymap::preset("default").unwrap_or_default(),
        chrono::Utc::now(),
        false,
    );
    console.update(Msg::Server(offer));
    assert!(matches!(console.screen, Screen::Call(_)));

    rig.bob.answer("anyone").await.expect("bob takes it");
    let taken = next(&mut ann_events).await;
    assert_eq!(
        taken,
        ServerEvent::CallAnswered {
            call_id: "anyone".into(),
            agent: "bob".into()
        }
    );
    console.update(Msg::Server(taken));
    assert!(matches!(console.screen, Screen::Waiting), "the offer left");
    assert_eq!(
        status(rig.ann.answer("anyone").await),
        403,
        "bob's call now"
    );
}

/// A console that reconnects with `Last-Event-ID` gets what it missed; with
/// an id the server cannot resume from, the calls ringing for it now.
async fn a_reconnecting_console_misses_no_offer(url: String) {
    let rig = Rig::start(&url).await;
    let events = listen(&rig.ann).await;
    let last = events
        .last_event_id()
        .expect("the hello has an id")
        .to_string();
    assert_eq!(events.retry(), Some(Duration::from_secs(1)));
    drop(events);
    rig.ring("while-away", Some("ann")).await;
    rig.ring("for-bob", Some("bob")).await;

    let mut resumed = rig.ann.events_after(Some(&last)).await.expect("stream");
    assert!(matches!(
        next(&mut resumed).await,
        ServerEvent::Hello { .. }
    ));
    assert_eq!(next_offer(&mut resumed).await, "while-away");
    let after = resumed.last_event_id().expect("id").to_string();
    assert_ne!(after, last);
    drop(resumed);

    for hostile in [
        "garbage",
        "\u{202e}1-1",
        "９-９",
        "00000000-99999999999999999999999",
    ] {
        let mut fresh = rig.ann.events_after(Some(hostile)).await.expect("stream");
        assert!(matches!(next(&mut fresh).await, ServerEvent::Hello { .. }));
        assert_eq!(next_offer(&mut fresh).await, "while-away", "{hostile:?}");
    }
    // Once answered, it is no longer offered on reconnect.
    rig.ann.answer("while-away").await.expect("answered");
    let mut fresh = rig.ann.events_after(Some("garbage")).await.expect("stream");
    assert!(matches!(next(&mut fresh).await, ServerEvent::Hello { .. }));
    rig.ring("next", Some("ann")).await;
    assert_eq!(next_offer(&mut fresh).await, "next");
}

/// A second server on the same database offers a call rung on the first
/// (its bus does not carry it): it builds the offer from the store, and
/// the client fetches it.
async fn another_server_offers_from_the_store(url: String) {
    let rig = Rig::start(&url).await;
    let store = store::connect(&url).await.expect("store opens");
    let (addr, _) = skydesk::server::spawn(
        AppState::new(store, ServerConfig::default()),
        std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
    )
    .await
    .expect("second server");
    rig.ring("on-the-first", Some("ann")).await;
    let second = ApiClient::new(&format!("http://{addr}"), &rig.ann_token).expect("client");
    let mut events = second.events().await.expect("stream");
    assert!(matches!(next(&mut events).await, ServerEvent::Hello { .. }));
    let offer = match next(&mut events).await {
        ServerEvent::CallOffered { offer } => offer,
        other => panic!("expected an offer, got {other:?}"),
    };
    assert_eq!(offer.call_id, "on-the-first");
    assert_eq!(offer.agent.as_deref(), Some("ann"));
    assert_eq!(offer.line.kind, skydesk::domain::LineKind::VipHotline);
}

/// A stream that falls behind a tiny bus still gets the offer ringing for
/// its agent.
async fn a_lagging_stream_still_gets_its_offer(url: String) {
    use futures::StreamExt;
    let store = store::connect(&url).await.expect("store opens");
    let bus: DynBus = Arc::new(Hub::new(2));
    let state = AppState::with_bus(store, ServerConfig::default(), bus.clone());
    let ann = User {
        name: "ann".into(),
        roles: vec![Role::Agent],
    };
    let stream = follow(bus, state.calls.clone(), ann, None).await;
    futures::pin_mut!(stream);
    for n in 0..5 {
        state
            .calls
            .ingest(ringing(&format!("bob-{n}"), Some("bob")))
            .await
            .expect("rings");
    }
    state
        .calls
        .ingest(ringing("ann-1", Some("ann")))
        .await
        .expect("rings");
    for n in 5..10 {
        state
            .calls
            .ingest(ringing(&format!("bob-{n}"), Some("bob")))
            .await
            .expect("rings");
    }
    let hello = stream.next().await.expect("hello");
    assert!(matches!(hello.event, StreamEvent::Hello { .. }));
    let offered = tokio::time::timeout(Duration::from_secs(5), stream.next())
        .await
        .expect("not stuck")
        .expect("an event");
    match offered.event {
        StreamEvent::CallOffered { call_id, offer } => {
            assert_eq!(call_id, "ann-1");
            assert_eq!(offer.map(|o| o.call_id).as_deref(), Some("ann-1"));
        }
        other => panic!("expected an offer, got {other:?}"),
    }
}

/// The phone system's own time is kept beside the time it was received;
/// a time that is not RFC 3339 is refused and stores nothing.
async fn the_phone_systems_time_is_kept(url: String) {
    let rig = Rig::start(&url).await;
    let http = reqwest::Client::new();
    let post = |body: String| {
        http.post(format!("{}/api/v1/calls/events", rig.base))
            .bearer_auth(SECRET)
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let ok = post(
        r#"{"event":"ringing","call_id":"timed","from":"+8613800138000","at":"2026-11-24T08:30:00+08:00"}"#
            .into(),
    )
    .await
    .expect("sent");
    assert_eq!(ok.status(), 202);
    let rows = event_rows(&url, "timed").await;
    assert_eq!(rows.len(), 1);
    let (_, received, pbx) = &rows[0];
    assert_eq!(*pbx, Some(1_795_480_200));
    assert!((chrono::Utc::now().timestamp() - received).abs() < 60);

    for bad in [
        r#""yesterday""#,
        r#""２０２６-11-24T00:30:00Z""#,
        r#""2026-11-24T00:30:00Z\u202e""#,
        "1795480200",
    ] {
        let response = post(format!(
            r#"{{"event":"ringing","call_id":"badly-timed","from":"x","at":{bad}}}"#
        ))
        .await
        .expect("sent");
        assert_eq!(response.status(), 422, "{bad}");
    }
    assert!(event_rows(&url, "badly-timed").await.is_empty());
}

macro_rules! api_suite {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    crate::common::with_database_url(crate::common::Backend::Sqlite, super::$case)
                        .await;
                }
            )*
        }

        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $case() {
                    crate::common::with_database_url(crate::common::Backend::Postgres, super::$case)
                        .await;
                }
            )*
        }
    };
}

api_suite!(
    a_retry_storm_is_stored_and_offered_once,
    a_late_retry_never_rings_an_ended_call,
    only_the_offered_agent_or_a_supervisor_handles_a_call,
    call_ids_in_urls_are_checked,
    a_taken_call_leaves_the_other_agents,
    a_reconnecting_console_misses_no_offer,
    a_lagging_stream_still_gets_its_offer,
    another_server_offers_from_the_store,
    the_phone_systems_time_is_kept,
);
