//! The rig the floor cases share: a server on the case's database with
//! ann, an agent, and sue, a supervisor, signed in; raw requests as
//! either, the PBX's call events, and the floor once it has caught up.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::Value;
use skydesk::{
    client::ApiClient,
    domain::{
        CallEvent, CallEventKind, Role,
        floor::{AgentState, FloorFigures},
    },
    server::{self, AppState, ServerConfig},
    store::{self, DynStore},
    wire::FloorSnapshot,
};

use crate::common::calls::{SECRET, add_user};

pub struct FloorRig {
    pub base: String,
    pub ann: String,
    pub sue: String,
    pub http: reqwest::Client,
    pub _server: tokio::task::JoinHandle<()>,
}

impl FloorRig {
    /// ann is an agent, sue a supervisor.
    pub async fn start(url: &str) -> FloorRig {
        let store = store::connect(url).await.expect("store opens");
        let ann = add_user(&store, "ann", Role::Agent).await;
        let sue = add_user(&store, "sue", Role::Supervisor).await;
        Self::serve(store, ann, sue).await
    }

    pub async fn serve(store: DynStore, ann: String, sue: String) -> FloorRig {
        let config = ServerConfig {
            webhook_secret: Some(SECRET.into()),
            ..ServerConfig::default()
        };
        let (addr, server) = server::spawn(
            AppState::new(store, config),
            std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
        )
        .await
        .expect("server starts");
        FloorRig {
            base: format!("http://{addr}"),
            ann,
            sue,
            http: reqwest::Client::new(),
            _server: server,
        }
    }

    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(token)
            .header("Idempotency-Key", uuid_like());
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("sent");
        let status = response.status();
        let text = response.text().await.expect("a body");
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    pub async fn put_state(&self, token: &str, body: Value) -> (StatusCode, Value) {
        self.send(Method::PUT, "/api/v1/me/state", token, Some(body))
            .await
    }

    pub async fn floor(&self) -> FloorSnapshot {
        let (status, body) = self
            .send(Method::GET, "/api/v1/floor", &self.sue, None)
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        serde_json::from_value(body).expect("a floor")
    }

    /// The floor once `ready` holds of its figures (changes reach the floor
    /// through the event bus, a moment after the request that made them).
    pub async fn floor_when(&self, ready: impl Fn(&FloorFigures) -> bool) -> FloorSnapshot {
        for _ in 0..100 {
            let floor = self.floor().await;
            if ready(&floor.figures) {
                return floor;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "the floor never got there: {:#?}",
            self.floor().await.figures
        );
    }

    /// The call's wrap-up, with `disposition`, as the holder of `token`.
    pub async fn wrap_up(
        &self,
        call_id: &str,
        token: &str,
        disposition: &str,
    ) -> (StatusCode, Value) {
        let path = format!("/api/v1/calls/{call_id}/wrap-up");
        let body = serde_json::json!({ "disposition": disposition });
        self.send(Method::POST, &path, token, Some(body)).await
    }

    /// The floor once the agent `name` is in `state`.
    pub async fn floor_once(&self, name: &str, state: AgentState) -> FloorSnapshot {
        self.floor_when(|f| agent(f, name).is_some_and(|a| a.row.state == state))
            .await
    }

    pub async fn pbx(&self, call_id: &str, event: CallEventKind, to: &str) {
        let event = CallEvent {
            event,
            call_id: call_id.into(),
            from: "+8613800138000".into(),
            to: to.into(),
            queue: None,
            agent: Some("ann".into()),
            at: None,
        };
        ApiClient::new(&self.base, "")
            .expect("client")
            .post_call_event(SECRET, &event)
            .await
            .expect("event accepted");
    }
}

fn uuid_like() -> String {
    format!("{:032x}", rand::random::<u128>())
}

pub const GENERAL: &str = "+864008100999";
pub const VIP_LINE: &str = "+864008108888";

pub fn agent<'a>(
    figures: &'a FloorFigures,
    name: &str,
) -> Option<&'a skydesk::domain::floor::AgentFigures> {
    figures.agents.iter().find(|a| a.row.name == name)
}

pub fn queue<'a>(
    figures: &'a FloorFigures,
    name: &str,
) -> &'a skydesk::domain::floor::QueueFigures {
    figures
        .queues
        .iter()
        .find(|q| q.name == name)
        .expect("the queue")
}
