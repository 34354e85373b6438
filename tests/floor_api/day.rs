//! An agent's day as a supervisor opens it: the calls they answered with
//! their disposition, their own state changes in order, and their row
//! now; who may read it, and names no agent could have.

use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::json;
use skydesk::{
    client::ApiClient,
    domain::{CallEventKind, Role, call_state::CallState, floor::AgentState},
    store,
    wire::AgentDay,
};

use crate::{
    common::calls::add_user,
    rig::{FloorRig, GENERAL},
};

/// ann's day once her row on the floor is in `state`.
async fn day_when(sue: &ApiClient, name: &str, state: AgentState) -> AgentDay {
    for _ in 0..100 {
        let day = sue.agent_day(name).await.expect("the day");
        if day.agent.as_ref().is_some_and(|row| row.state == state) {
            return day;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "the row never got to {state:?}: {:#?}",
        sue.agent_day(name).await
    );
}

pub async fn a_supervisor_reads_an_agents_day(url: String) {
    let rig = FloorRig::start(&url).await;
    let (status, body) = rig.put_state(&rig.ann, json!({"state": "available"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    rig.pbx("d1", CallEventKind::Ringing, GENERAL).await;
    let ann = ApiClient::new(&rig.base, &rig.ann).expect("client");
    ann.answer("d1").await.expect("answered");
    rig.pbx("d1", CallEventKind::Hangup, GENERAL).await;
    let (status, body) = rig.wrap_up("d1", &rig.ann, "resolved").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, body) = rig
        .put_state(&rig.ann, json!({"state": "on_break", "reason": "Lunch"}))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let sue = ApiClient::new(&rig.base, &rig.sue).expect("client");
    let day = day_when(&sue, "ann", AgentState::OnBreak).await;
    let row = day.agent.as_ref().expect("her row");
    assert_eq!(
        (row.name.as_str(), row.reason.as_deref(), row.handled),
        ("ann", Some("Lunch"), 1)
    );
    assert_eq!(day.calls.len(), 1, "{day:#?}");
    let call = &day.calls[0];
    assert_eq!(
        (
            call.call_id.as_str(),
            call.queue.as_str(),
            call.state,
            call.disposition.as_deref(),
            call.caller.as_ref().map(|c| c.as_str()),
        ),
        (
            "d1",
            "general",
            CallState::Ended,
            Some("resolved"),
            Some("+8613800138000")
        )
    );
    let states: Vec<(AgentState, Option<&str>)> = day
        .states
        .iter()
        .map(|s| (s.state, s.reason.as_deref()))
        .collect();
    assert_eq!(
        states,
        [
            (AgentState::Available, None),
            (AgentState::OnBreak, Some("Lunch"))
        ]
    );
    assert!(day.states[0].at <= day.states[1].at);
    assert!(day.calls[0].rang_at <= day.states[1].at);

    // The raw answer: RFC 3339 times, the caller as E.164.
    let (status, body) = rig
        .send(Method::GET, "/api/v1/floor/agents/ann", &rig.sue, None)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["calls"][0]["caller"], "+8613800138000");
    assert!(
        body["states"][0]["at"]
            .as_str()
            .is_some_and(|at| chrono::DateTime::parse_from_rfc3339(at).is_ok()),
        "{body}"
    );
}

pub async fn only_supervisors_read_an_agents_day(url: String) {
    let rig = FloorRig::start(&url).await;
    rig.put_state(&rig.ann, json!({"state": "available"})).await;
    let (status, body) = rig
        .send(Method::GET, "/api/v1/floor/agents/ann", &rig.ann, None)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["detail"], "only supervisors see the floor");
    let (status, _) = rig
        .send(Method::GET, "/api/v1/floor/agents/ann", "not-a-token", None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, body) = rig
        .send(Method::GET, "/api/v1/floor/agents/nobody", &rig.sue, None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(body["detail"], "no agent nobody on the floor");
}

pub async fn a_name_no_agent_could_have_is_refused(url: String) {
    let rig = FloorRig::start(&url).await;
    let sue = ApiClient::new(&rig.base, &rig.sue).expect("client");
    for name in [
        "\u{1b}[2Jann".to_string(),
        "\u{1b}]0;pwned\u{7}".to_string(),
        "\u{202e}ann".to_string(),
        "ann\u{0}".to_string(),
        "a".repeat(65),
        "ann'; DROP TABLE calls;--".to_string(),
        "100%_".to_string(),
        "ann/../sue".to_string(),
        "ann?x=1#y".to_string(),
    ] {
        let status = sue.agent_day(&name).await.err().and_then(|e| e.status());
        assert_eq!(status, Some(400), "{name:?}");
    }
    for path in ["/api/v1/floor/agents/", "/api/v1/floor/agents/ann/calls"] {
        let (status, body) = rig.send(Method::GET, path, &rig.sue, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path} → {body}");
    }
    let (status, body) = rig
        .send(Method::GET, "/api/v1/floor/agents/%FF%FE", &rig.sue, None)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    // 64 characters is a name, if no agent's.
    let status = sue
        .agent_day(&"a".repeat(64))
        .await
        .err()
        .and_then(|e| e.status());
    assert_eq!(status, Some(404));
}

/// A Chinese name: found, and only her own changes, not those of an
/// agent whose name holds hers.
pub async fn an_agent_with_a_chinese_name_has_a_day(url: String) {
    let store = store::connect(&url).await.expect("store opens");
    let ann = add_user(&store, "ann", Role::Agent).await;
    let sue = add_user(&store, "sue", Role::Supervisor).await;
    let wang = add_user(&store, "王芳", Role::Agent).await;
    let wang_li = add_user(&store, "王芳丽", Role::Agent).await;
    let rig = FloorRig::serve(store, ann, sue).await;
    for (token, state) in [(&wang, "available"), (&wang_li, "signed_out")] {
        let (status, body) = rig.put_state(token, json!({"state": state})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let sue = ApiClient::new(&rig.base, &rig.sue).expect("client");
    let day = day_when(&sue, "王芳", AgentState::Available).await;
    assert_eq!(day.agent.map(|r| r.name), Some("王芳".to_string()));
    assert!(day.calls.is_empty());
    let states: Vec<AgentState> = day.states.iter().map(|s| s.state).collect();
    assert_eq!(states, [AgentState::Available]);
}
