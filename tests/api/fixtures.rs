//! What the API cases share: a seeded server, and the events and
//! travellers they use.

#![allow(unused_imports)]

pub use std::time::Duration;

pub use chrono::Utc;
pub use skydesk::{
    client::{ApiClient, ClientError},
    domain::{CallEvent, CallEventKind},
    server::ServerConfig,
    store::{self, seed},
    wire::{CallerNumber, ServerEvent},
};

pub(crate) use crate::common;

pub const SECRET: &str = "webhook-secret";

pub struct TestServer {
    pub base: String,
    pub token: String,
}

impl TestServer {
    /// A seeded server on the database at `url`, with `ann` signed in.
    pub async fn start(url: &str, webhook_secret: Option<&str>) -> TestServer {
        let store = store::connect(url).await.expect("store opens");
        seed::seed(
            store.as_ref(),
            60,
            Utc::now().date_naive(),
            &Default::default(),
            |_| {},
        )
        .await
        .expect("seeded");
        let config = ServerConfig {
            webhook_secret: webhook_secret.map(Into::into),
            ..Default::default()
        };
        let (base, token) = common::serve_signed_in(store, config).await;
        TestServer { base, token }
    }

    pub fn client(&self) -> ApiClient {
        ApiClient::new(&self.base, &self.token).expect("client")
    }

    pub fn raw(&self) -> reqwest::Client {
        reqwest::Client::new()
    }
}

pub fn ringing(call_id: &str, from: &str, agent: Option<&str>) -> CallEvent {
    CallEvent {
        event: CallEventKind::Ringing,
        call_id: call_id.into(),
        from: from.into(),
        to: "+864008108888".into(),
        queue: Some("vip".into()),
        agent: agent.map(String::from),
        at: None,
    }
}

/// A seeded traveller whose mobile number is theirs alone.
pub fn lone_traveller() -> skydesk::store::NewTraveller {
    let today = Utc::now().date_naive();
    let all: Vec<_> = (1..=60).map(|id| seed::traveller(id, today)).collect();
    all.iter()
        .find(|t| {
            t.phones[0].e164.starts_with("+86")
                && all
                    .iter()
                    .filter(|o| o.phones.iter().any(|p| p.e164 == t.phones[0].e164))
                    .count()
                    == 1
        })
        .cloned()
        .expect("a traveller with a mainland mobile")
}

/// Write headers for one new intent, whatever the traveller's version.
pub fn any_version() -> skydesk::client::WriteHeaders {
    skydesk::client::WriteHeaders {
        idempotency_key: format!("{:032x}", rand::random::<u128>()),
        if_match: None,
    }
}

pub async fn next(
    events: &mut skydesk::client::EventStream,
) -> Option<Result<ServerEvent, ClientError>> {
    tokio::time::timeout(Duration::from_secs(10), events.next_event())
        .await
        .expect("event in time")
}
