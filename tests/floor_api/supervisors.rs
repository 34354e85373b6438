//! A user who is only a supervisor is counted as an agent only by their
//! own choice: neither the phone system's word nor the end of a call the
//! phone system put through to them makes them available.

use reqwest::StatusCode;
use serde_json::json;
use skydesk::{
    client::ApiClient,
    domain::{
        CallEvent, CallEventKind,
        floor::{AgentState, AgentStateReport},
    },
};

use crate::{
    common::calls::SECRET,
    rig::{FloorRig, GENERAL, VIP_LINE, agent, queue},
};

async fn phone_says(rig: &FloorRig, state: AgentState, reason: Option<&str>) {
    ApiClient::new(&rig.base, "")
        .expect("client")
        .post_agent_event(
            SECRET,
            &AgentStateReport {
                agent: "sue".into(),
                state,
                reason: reason.map(String::from),
                at: None,
            },
        )
        .await
        .expect("the agent event is taken");
}

async fn phone_call(rig: &FloorRig, call_id: &str, event: CallEventKind) {
    ApiClient::new(&rig.base, "")
        .expect("client")
        .post_call_event(
            SECRET,
            &CallEvent {
                event,
                call_id: call_id.into(),
                from: "+8613800138000".into(),
                to: GENERAL.into(),
                queue: None,
                agent: Some("sue".into()),
                at: None,
            },
        )
        .await
        .expect("the call event is taken");
}

/// Waits for a marker call on the VIP line: every change made before it
/// has reached the floor too.
async fn settled(rig: &FloorRig, marker: &str, waiting: u32) -> skydesk::wire::FloorSnapshot {
    let event = CallEvent {
        event: CallEventKind::Queued,
        call_id: marker.into(),
        from: "+8613800138001".into(),
        to: VIP_LINE.into(),
        queue: None,
        agent: None,
        at: None,
    };
    ApiClient::new(&rig.base, "")
        .expect("client")
        .post_call_event(SECRET, &event)
        .await
        .expect("the marker is taken");
    rig.floor_when(|f| queue(f, "vip").waiting == waiting).await
}

fn sue(floor: &skydesk::wire::FloorSnapshot) -> AgentState {
    agent(&floor.figures, "sue").map_or(AgentState::SignedOut, |a| a.row.state)
}

pub async fn a_supervisor_is_counted_only_by_their_own_choice(url: String) {
    let rig = FloorRig::start(&url).await;

    // The phone system lists her desk phone in a queue, unpaused.
    phone_says(&rig, AgentState::Available, None).await;
    let floor = settled(&rig, "marker-1", 1).await;
    assert_eq!(sue(&floor), AgentState::SignedOut);
    assert_eq!(floor.figures.counts.available, 0, "sue counted in Avail");

    // The phone system puts a call through to her desk phone; she takes
    // it there and records its disposition: afterwards she takes no calls.
    phone_call(&rig, "to-sue", CallEventKind::Ringing).await;
    phone_call(&rig, "to-sue", CallEventKind::Answered).await;
    phone_call(&rig, "to-sue", CallEventKind::Hangup).await;
    rig.floor_once("sue", AgentState::WrapUp).await;
    let (status, body) = rig.wrap_up("to-sue", &rig.sue, "information_given").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let floor = settled(&rig, "marker-2", 2).await;
    assert_eq!(sue(&floor), AgentState::SignedOut);
    assert_eq!(floor.figures.counts.available, 0, "sue counted in Avail");

    // She chooses to take calls: from then on the phone system's word
    // on her is taken like an agent's.
    let (status, _) = rig.put_state(&rig.sue, json!({"state": "available"})).await;
    assert_eq!(status, StatusCode::OK);
    phone_says(&rig, AgentState::OnBreak, Some("Meeting")).await;
    let floor = settled(&rig, "marker-3", 3).await;
    assert_eq!(sue(&floor), AgentState::OnBreak);
}
