//! Shared by the call suites: a server with three users and a phone
//! system, and what they see.

use std::time::Duration;

use skydesk::{
    client::{ApiClient, ClientError, EventStream},
    domain::{CallEvent, CallEventKind, Role, User},
    server::{ServerConfig, auth},
    store::{self, DynStore},
    wire::ServerEvent,
};

pub const SECRET: &str = "pbx-secret";

pub struct Rig {
    pub base: String,
    pub ann_token: String,
    pub ann: ApiClient,
    pub bob: ApiClient,
    pub sue: ApiClient,
    pub sue_token: String,
    pub pbx: ApiClient,
}

impl Rig {
    /// ann and bob are agents, sue a supervisor.
    pub async fn start(url: &str) -> Rig {
        let store = store::connect(url).await.expect("store opens");
        let bob = add_user(&store, "bob", Role::Agent).await;
        let sue = add_user(&store, "sue", Role::Supervisor).await;
        let config = ServerConfig {
            webhook_secret: Some(SECRET.into()),
            ..ServerConfig::default()
        };
        let (base, ann) = super::serve_signed_in(store, config).await;
        let client = |token: &str| ApiClient::new(&base, token).expect("client");
        Rig {
            ann: client(&ann),
            ann_token: ann.clone(),
            bob: client(&bob),
            sue: client(&sue),
            sue_token: sue.clone(),
            pbx: client(""),
            base,
        }
    }

    pub async fn ring(&self, call_id: &str, agent: Option<&str>) {
        self.pbx
            .post_call_event(SECRET, &ringing(call_id, agent))
            .await
            .expect("ringing accepted");
    }

    pub async fn pbx(&self, call_id: &str, event: CallEventKind) {
        let mut e = ringing(call_id, None);
        e.event = event;
        e.from.clear();
        self.pbx
            .post_call_event(SECRET, &e)
            .await
            .expect("event accepted");
    }
}

/// The floor as the supervisor sue reads it (`GET /api/v1/floor`).
pub async fn floor(rig: &Rig) -> skydesk::wire::FloorSnapshot {
    let response = reqwest::Client::new()
        .get(format!("{}/api/v1/floor", rig.base))
        .bearer_auth(&rig.sue_token)
        .send()
        .await
        .expect("the floor answers");
    assert_eq!(response.status().as_u16(), 200, "GET /api/v1/floor");
    response.json().await.expect("a floor")
}

pub async fn add_user(store: &DynStore, name: &str, role: Role) -> String {
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

pub fn ringing(call_id: &str, agent: Option<&str>) -> CallEvent {
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

pub async fn next(events: &mut EventStream) -> ServerEvent {
    tokio::time::timeout(Duration::from_secs(10), events.next_event())
        .await
        .expect("an event within 10 s")
        .expect("the stream is open")
        .expect("a readable event")
}

/// Opens a stream and reads its hello.
pub async fn listen(client: &ApiClient) -> EventStream {
    let mut events = client.events().await.expect("stream opens");
    assert!(matches!(next(&mut events).await, ServerEvent::Hello { .. }));
    events
}

/// The next offer's call id, skipping nothing else.
pub async fn next_offer(events: &mut EventStream) -> String {
    match next(events).await {
        ServerEvent::CallOffered { offer } => offer.call_id,
        other => panic!("expected an offer, got {other:?}"),
    }
}

/// The call's events as stored: (event, received at, PBX time).
pub async fn event_rows(url: &str, call_id: &str) -> Vec<(String, i64, Option<i64>)> {
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

pub fn status(result: Result<impl std::fmt::Debug, ClientError>) -> u16 {
    match result {
        Ok(_) => 200,
        Err(e) => e
            .status()
            .unwrap_or_else(|| panic!("not an API error: {e}")),
    }
}
