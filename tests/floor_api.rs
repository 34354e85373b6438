//! The floor through the real server on both backends: who may see it,
//! a call carried through it, agents' own states, and a server that
//! starts again finding the day where it was.

mod common;

use std::time::Duration;

use common::calls::{SECRET, add_user, listen, next};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use skydesk::{
    client::ApiClient,
    domain::{
        CallEvent, CallEventKind, Role,
        floor::{AgentState, FloorFigures},
    },
    server::{self, AppState, ServerConfig},
    store::{self, DynStore},
    wire::{FloorSnapshot, ServerEvent},
};

struct FloorRig {
    base: String,
    ann: String,
    sue: String,
    http: reqwest::Client,
    _server: tokio::task::JoinHandle<()>,
}

impl FloorRig {
    /// ann is an agent, sue a supervisor.
    async fn start(url: &str) -> FloorRig {
        let store = store::connect(url).await.expect("store opens");
        let ann = add_user(&store, "ann", Role::Agent).await;
        let sue = add_user(&store, "sue", Role::Supervisor).await;
        Self::serve(store, ann, sue).await
    }

    async fn serve(store: DynStore, ann: String, sue: String) -> FloorRig {
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

    async fn send(
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

    async fn put_state(&self, token: &str, body: Value) -> (StatusCode, Value) {
        self.send(Method::PUT, "/api/v1/me/state", token, Some(body))
            .await
    }

    async fn floor(&self) -> FloorSnapshot {
        let (status, body) = self
            .send(Method::GET, "/api/v1/floor", &self.sue, None)
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        serde_json::from_value(body).expect("a floor")
    }

    /// The floor once `ready` holds of its figures (changes reach the floor
    /// through the event bus, a moment after the request that made them).
    async fn floor_when(&self, ready: impl Fn(&FloorFigures) -> bool) -> FloorSnapshot {
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

    async fn pbx(&self, call_id: &str, event: CallEventKind, to: &str) {
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

const GENERAL: &str = "+864008100999";
const VIP_LINE: &str = "+864008108888";

fn agent<'a>(
    figures: &'a FloorFigures,
    name: &str,
) -> Option<&'a skydesk::domain::floor::AgentFigures> {
    figures.agents.iter().find(|a| a.row.name == name)
}

fn queue<'a>(figures: &'a FloorFigures, name: &str) -> &'a skydesk::domain::floor::QueueFigures {
    figures
        .queues
        .iter()
        .find(|q| q.name == name)
        .expect("the queue")
}

async fn only_supervisors_see_the_floor(url: String) {
    let rig = FloorRig::start(&url).await;
    let (status, body) = rig.send(Method::GET, "/api/v1/floor", &rig.ann, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["title"], "Forbidden");
    let (status, _) = rig
        .send(Method::GET, "/api/v1/floor", "not-a-token", None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let floor = rig.floor().await;
    let names: Vec<&str> = floor
        .figures
        .queues
        .iter()
        .map(|q| q.name.as_str())
        .collect();
    assert_eq!(names, ["general", "vip", "corporate", "government"]);
}

/// Rung on the general line, answered, hung up, wrapped up: the floor
/// follows each step, and the supervisor's stream carries each change.
async fn a_call_is_carried_through_the_floor(url: String) {
    let rig = FloorRig::start(&url).await;
    let sue = ApiClient::new(&rig.base, &rig.sue).expect("client");
    let mut sue_events = listen(&sue).await;
    rig.pbx("c1", CallEventKind::Ringing, GENERAL).await;
    match next(&mut sue_events).await {
        ServerEvent::FloorChanged { change } => {
            assert!(
                matches!(change, skydesk::domain::floor::FloorChange::CallQueued { ref queue, vip: false, .. } if queue == "general"),
                "{change:?}"
            )
        }
        other => panic!("expected a floor change, got {other:?}"),
    }
    let floor = rig.floor_when(|f| queue(f, "general").waiting == 1).await;
    assert!(floor.floor.calls.contains_key("c1"));

    let ann = ApiClient::new(&rig.base, &rig.ann).expect("client");
    ann.answer("c1").await.expect("answered");
    let floor = rig
        .floor_when(|f| agent(f, "ann").is_some_and(|a| a.row.state == AgentState::OnCall))
        .await;
    assert_eq!(queue(&floor.figures, "general").waiting, 0);
    assert_eq!(queue(&floor.figures, "general").agents.on_call, 1);

    rig.pbx("c1", CallEventKind::Hangup, GENERAL).await;
    rig.floor_when(|f| agent(f, "ann").is_some_and(|a| a.row.state == AgentState::WrapUp))
        .await;
    let (status, body) = rig
        .send(
            Method::POST,
            "/api/v1/calls/c1/wrap-up",
            &rig.ann,
            Some(json!({"disposition": "resolved"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let floor = rig
        .floor_when(|f| agent(f, "ann").is_some_and(|a| a.row.state == AgentState::Available))
        .await;
    let general = queue(&floor.figures, "general");
    assert_eq!(
        (
            general.last_15_minutes.answered,
            general.last_15_minutes.handled
        ),
        (1, 1)
    );
    assert_eq!(general.today.service_level, Some(100.0));
    assert_eq!(agent(&floor.figures, "ann").map(|a| a.row.handled), Some(1));
    assert!(floor.floor.calls.is_empty());
}

/// A call to the VIP line waits in the VIP queue, marked as a VIP's.
async fn the_vip_line_feeds_the_vip_queue(url: String) {
    let rig = FloorRig::start(&url).await;
    rig.pbx("v1", CallEventKind::Ringing, VIP_LINE).await;
    let floor = rig.floor_when(|f| queue(f, "vip").waiting == 1).await;
    assert!(floor.floor.calls["v1"].vip);
    rig.pbx("v1", CallEventKind::Abandoned, VIP_LINE).await;
    let floor = rig.floor_when(|f| queue(f, "vip").waiting == 0).await;
    // Given up within 5 s: a short abandon, out of the service level.
    let vip = queue(&floor.figures, "vip");
    assert_eq!(vip.last_15_minutes.short_abandoned, 1);
    assert_eq!(vip.last_15_minutes.service_level, None);
}

async fn agents_set_their_own_state(url: String) {
    let rig = FloorRig::start(&url).await;
    let (status, body) = rig
        .send(Method::GET, "/api/v1/me/state", &rig.ann, None)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["state"], "signed_out");
    assert_eq!(body["break_reasons"][0], "Lunch");

    let (status, body) = rig.put_state(&rig.ann, json!({"state": "available"})).await;
    assert_eq!(
        (status, &body["after_call"]),
        (StatusCode::OK, &json!(false)),
        "{body}"
    );
    let (status, body) = rig
        .put_state(
            &rig.ann,
            json!({"state": "on_break", "reason": "\u{202e}lunch"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["reason"], "Lunch");
    let floor = rig
        .floor_when(|f| agent(f, "ann").is_some_and(|a| a.row.state == AgentState::OnBreak))
        .await;
    assert_eq!(
        agent(&floor.figures, "ann").and_then(|a| a.row.reason.clone()),
        Some("Lunch".into())
    );
    let (_, mine) = rig
        .send(Method::GET, "/api/v1/me/state", &rig.ann, None)
        .await;
    assert_eq!(
        (mine["state"].as_str(), mine["reason"].as_str()),
        (Some("on_break"), Some("Lunch"))
    );

    for (bad, why) in [
        (json!({"state": "on_break"}), "a break needs a reason"),
        (
            json!({"state": "on_break", "reason": "午餐"}),
            "not a break reason",
        ),
        (
            json!({"state": "on_break", "reason": "'; DROP TABLE agent_states;--"}),
            "not a break reason",
        ),
        (
            json!({"state": "available", "reason": "Lunch"}),
            "only a break has a reason",
        ),
        (
            json!({"state": "on_call"}),
            "available, on_break or signed_out",
        ),
        (json!({"state": "asleep"}), "state"),
        (json!({"state": "available", "evil": 1}), "evil"),
        (json!(["available"]), "expected a map"),
    ] {
        let (status, body) = rig.put_state(&rig.ann, bad.clone()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad} → {body}");
        assert!(
            body["detail"].as_str().is_some_and(|d| d.contains(why)),
            "{bad} → {body}"
        );
    }
    let huge = json!({"state": "on_break", "reason": "x".repeat(40_000)});
    let (status, _) = rig.put_state(&rig.ann, huge).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    let response = rig
        .http
        .put(format!("{}/api/v1/me/state", rig.base))
        .bearer_auth(&rig.ann)
        .header("content-type", "application/json")
        .body("{\"state\": \u{1b}[2J")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    // Nothing refused moved her.
    let (_, mine) = rig
        .send(Method::GET, "/api/v1/me/state", &rig.ann, None)
        .await;
    assert_eq!(mine["state"], "on_break");
}

/// A break asked for on a call begins when the call's wrap-up is done.
async fn a_break_asked_on_a_call_begins_after_it(url: String) {
    let rig = FloorRig::start(&url).await;
    rig.pbx("c2", CallEventKind::Ringing, GENERAL).await;
    let ann = ApiClient::new(&rig.base, &rig.ann).expect("client");
    ann.answer("c2").await.expect("answered");
    rig.floor_when(|f| agent(f, "ann").is_some_and(|a| a.row.state == AgentState::OnCall))
        .await;
    let (status, body) = rig
        .put_state(&rig.ann, json!({"state": "on_break", "reason": "Training"}))
        .await;
    assert_eq!(
        (status, &body["after_call"]),
        (StatusCode::OK, &json!(true)),
        "{body}"
    );
    rig.pbx("c2", CallEventKind::Hangup, GENERAL).await;
    rig.floor_when(|f| agent(f, "ann").is_some_and(|a| a.row.state == AgentState::WrapUp))
        .await;
    let (status, _) = rig
        .send(
            Method::POST,
            "/api/v1/calls/c2/wrap-up",
            &rig.ann,
            Some(json!({"disposition": "information_given"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let floor = rig
        .floor_when(|f| agent(f, "ann").is_some_and(|a| a.row.state == AgentState::OnBreak))
        .await;
    assert_eq!(
        agent(&floor.figures, "ann").and_then(|a| a.row.reason.clone()),
        Some("Training".into())
    );
}

/// A break chosen in wrap-up begins at once and outlasts the disposition
/// recorded after it; a call that rang at an agent and ended untaken puts
/// nobody in wrap-up.
async fn a_break_chosen_in_wrap_up_outlasts_the_disposition(url: String) {
    let rig = FloorRig::start(&url).await;
    let (status, _) = rig.put_state(&rig.ann, json!({"state": "available"})).await;
    assert_eq!(status, StatusCode::OK);
    rig.pbx("missed", CallEventKind::Ringing, GENERAL).await;
    rig.pbx("missed", CallEventKind::Abandoned, GENERAL).await;
    let floor = rig
        .floor_when(|f| {
            queue(f, "general").last_15_minutes.abandoned
                + queue(f, "general").last_15_minutes.short_abandoned
                == 1
        })
        .await;
    assert_eq!(
        agent(&floor.figures, "ann").map(|a| a.row.state),
        Some(AgentState::Available),
        "never taken: no wrap-up"
    );

    rig.pbx("c5", CallEventKind::Ringing, GENERAL).await;
    let ann = ApiClient::new(&rig.base, &rig.ann).expect("client");
    ann.answer("c5").await.expect("answered");
    rig.pbx("c5", CallEventKind::Hangup, GENERAL).await;
    rig.floor_when(|f| agent(f, "ann").is_some_and(|a| a.row.state == AgentState::WrapUp))
        .await;
    let (status, body) = rig
        .put_state(&rig.ann, json!({"state": "on_break", "reason": "Lunch"}))
        .await;
    assert_eq!(
        (status, &body["after_call"]),
        (StatusCode::OK, &json!(false)),
        "in wrap-up it begins now: {body}"
    );
    rig.floor_when(|f| agent(f, "ann").is_some_and(|a| a.row.state == AgentState::OnBreak))
        .await;
    let (status, _) = rig
        .send(
            Method::POST,
            "/api/v1/calls/c5/wrap-up",
            &rig.ann,
            Some(json!({"disposition": "information_given"})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    // A change recorded after the disposition: once the floor has it, it
    // has the disposition's too.
    rig.pbx("marker", CallEventKind::Ringing, VIP_LINE).await;
    let floor = rig.floor_when(|f| queue(f, "vip").waiting == 1).await;
    let row = agent(&floor.figures, "ann").map(|a| (a.row.state, a.row.reason.clone()));
    assert_eq!(row, Some((AgentState::OnBreak, Some("Lunch".into()))));
    let (_, mine) = rig
        .send(Method::GET, "/api/v1/me/state", &rig.ann, None)
        .await;
    assert_eq!(
        (&mine["state"], &mine["reason"]),
        (&json!("on_break"), &json!("Lunch"))
    );
}

/// A server started again on the same database finds the day as it was.
async fn a_restarted_server_finds_the_day(url: String) {
    let (ann, sue) = {
        let rig = FloorRig::start(&url).await;
        rig.pbx("c3", CallEventKind::Ringing, GENERAL).await;
        ApiClient::new(&rig.base, &rig.ann)
            .expect("client")
            .answer("c3")
            .await
            .expect("answered");
        rig.pbx("c4", CallEventKind::Ringing, VIP_LINE).await;
        rig.floor_when(|f| queue(f, "vip").waiting == 1).await;
        rig._server.abort();
        (rig.ann.clone(), rig.sue.clone())
    };
    let store = store::connect(&url).await.expect("store opens");
    let again = FloorRig::serve(store, ann, sue).await;
    let floor = again.floor().await;
    assert_eq!(queue(&floor.figures, "vip").waiting, 1);
    assert_eq!(queue(&floor.figures, "general").last_15_minutes.answered, 1);
    assert_eq!(
        agent(&floor.figures, "ann").map(|a| a.row.state),
        Some(AgentState::OnCall)
    );
}

/// ann's console is killed on a call and comes back; the call ends and she
/// takes the next one before any wrap-up was recorded: she is on one call
/// in every count, and her console is not gone.
async fn a_console_killed_on_a_call_leaves_no_phantom_call(url: String) {
    let rig = FloorRig::start(&url).await;
    let (status, body) = rig.put_state(&rig.ann, json!({"state": "available"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let ann = ApiClient::new(&rig.base, &rig.ann).expect("client");
    let console = listen(&ann).await;
    rig.pbx("k1", CallEventKind::Ringing, GENERAL).await;
    ann.answer("k1").await.expect("answered");
    drop(console);
    let _back = listen(&ann).await;
    rig.pbx("k1", CallEventKind::Hangup, GENERAL).await;
    rig.pbx("k2", CallEventKind::Ringing, GENERAL).await;
    ann.answer("k2").await.expect("answered");
    let floor = rig
        .floor_when(|f| {
            agent(f, "ann").is_some_and(|a| a.row.call_id.as_deref() == Some("k2"))
                && !f.queues.iter().any(|q| q.waiting > 0)
        })
        .await;
    let general = queue(&floor.figures, "general").agents;
    assert_eq!((general.on_call, general.wrap_up), (1, 0), "{floor:#?}");
    assert_eq!(
        (
            floor.figures.counts.on_call,
            floor.figures.counts.wrap_up,
            floor.figures.counts.gone
        ),
        (1, 0, 0)
    );
    assert!(
        !floor.floor.calls.contains_key("k1"),
        "the first call is settled"
    );
}

common::backend_suite!(
    only_supervisors_see_the_floor,
    a_call_is_carried_through_the_floor,
    the_vip_line_feeds_the_vip_queue,
    agents_set_their_own_state,
    a_break_asked_on_a_call_begins_after_it,
    a_break_chosen_in_wrap_up_outlasts_the_disposition,
    a_restarted_server_finds_the_day,
    a_console_killed_on_a_call_leaves_no_phantom_call,
);
