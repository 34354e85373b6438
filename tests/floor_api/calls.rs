//! Calls carried through the floor: rung, answered, hung up and wrapped
//! up; the VIP line's own queue; and a console killed on a call that
//! leaves no phantom call behind.

use reqwest::StatusCode;
use serde_json::json;
use skydesk::{
    client::ApiClient,
    domain::{CallEventKind, floor::AgentState},
    wire::ServerEvent,
};

use crate::{
    common::calls::{listen, next},
    rig::{FloorRig, GENERAL, VIP_LINE, agent, queue},
};

/// Rung on the general line, answered, hung up, wrapped up: the floor
/// follows each step, and the supervisor's stream carries each change.
pub async fn a_call_is_carried_through_the_floor(url: String) {
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
    let floor = rig.floor_once("ann", AgentState::OnCall).await;
    assert_eq!(queue(&floor.figures, "general").waiting, 0);
    assert_eq!(queue(&floor.figures, "general").agents.on_call, 1);

    rig.pbx("c1", CallEventKind::Hangup, GENERAL).await;
    rig.floor_once("ann", AgentState::WrapUp).await;
    let (status, body) = rig.wrap_up("c1", &rig.ann, "resolved").await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let floor = rig.floor_once("ann", AgentState::Available).await;
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
pub async fn the_vip_line_feeds_the_vip_queue(url: String) {
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

/// ann's console is killed on a call and comes back; the call ends and she
/// takes the next one before any wrap-up was recorded: she is on one call
/// in every count, and her console is not gone.
pub async fn a_console_killed_on_a_call_leaves_no_phantom_call(url: String) {
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
