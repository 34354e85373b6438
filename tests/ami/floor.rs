//! The PBX's queues on the floor: a caller waiting from the moment they
//! join the queue, and ann, at `PJSIP/1001`, paused and unpaused, and
//! listed again after a restart. sue, a supervisor, reads the floor.

use std::time::{Duration, Instant};

use skydesk::{
    domain::floor::{AgentRow, AgentState},
    wire::FloorSnapshot,
};

use crate::pbx::{PbxSession, Rig, next_offer, rig};

const PAUSED: &str = include_str!("../ami_transcripts/member_paused.txt");
const UNPAUSED: &str = include_str!("../ami_transcripts/member_unpaused.txt");
const QUEUE_STATUS: &str = include_str!("../ami_transcripts/queue_status.txt");
const QUEUE_MEMBER: &str = include_str!("../ami_transcripts/queue_member.txt");

/// The `QueueStatus` answer: ann a member of `general` (paused with
/// `reason` when given), or of no queue at all.
fn listing(ann: Option<Option<&str>>) -> String {
    let member = ann.map(|reason| {
        QUEUE_MEMBER
            .replace("${PAUSED}", if reason.is_some() { "1" } else { "0" })
            .replace("${REASON}", reason.unwrap_or_default())
    });
    QUEUE_STATUS
        .replace("${ITEMS}", if member.is_some() { "2" } else { "1" })
        .replace("${MEMBERS}", &member.unwrap_or_default())
}

pub async fn floor(rig: &Rig) -> FloorSnapshot {
    let response = reqwest::Client::new()
        .get(format!("{}/api/v1/floor", rig.base))
        .bearer_auth(&rig.supervisor_token)
        .send()
        .await
        .expect("the floor answers");
    assert_eq!(response.status().as_u16(), 200);
    response.json().await.expect("a floor")
}

/// Reads the floor until `check` holds.
async fn floor_shows(rig: &Rig, what: &str, check: impl Fn(&FloorSnapshot) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let snapshot = floor(rig).await;
        if check(&snapshot) {
            return;
        }
        assert!(Instant::now() < deadline, "{what}: {:?}", snapshot.floor);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Reads the floor until ann stands as `state` with `reason`.
pub async fn ann_is(rig: &Rig, state: AgentState, reason: Option<&str>) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let row: Option<AgentRow> = floor(rig).await.floor.agents.get("ann").cloned();
        if row
            .as_ref()
            .is_some_and(|r| r.state == state && r.reason.as_deref() == reason)
        {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "ann is {row:?}, not {state:?} {reason:?}, after 15 s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn connect(rig: &Rig, ann: Option<Option<&str>>) -> PbxSession {
    let mut pbx = PbxSession::accept(&rig.pbx).await;
    pbx.list_channels(&[]).await;
    pbx.list_members(&listing(ann)).await;
    pbx
}

#[tokio::test]
async fn a_pause_on_the_pbx_is_a_break_on_the_floor_and_a_restart_lists_members_again() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let rig = rig(tmp.path()).await;
    let mut pbx = connect(&rig, Some(None)).await;
    ann_is(&rig, AgentState::Available, None).await;

    pbx.send(&PAUSED.replace("${REASON}", "Lunch")).await;
    ann_is(&rig, AgentState::OnBreak, Some("Lunch")).await;
    pbx.send(UNPAUSED).await;
    ann_is(&rig, AgentState::Available, None).await;

    // The PBX restarts while ann is available; it comes back with her
    // paused for training, as its members file says.
    drop(pbx);
    let pbx = connect(&rig, Some(Some("Training"))).await;
    ann_is(&rig, AgentState::OnBreak, Some("Training")).await;

    // Restarted again, without her among its members: she is gone.
    drop(pbx);
    let mut pbx = connect(&rig, None).await;
    ann_is(&rig, AgentState::SignedOut, None).await;

    // Her phone back in the queue, unpaused, as a live event says.
    pbx.send(UNPAUSED).await;
    ann_is(&rig, AgentState::Available, None).await;
}

#[tokio::test]
async fn a_caller_waits_on_the_floor_from_joining_the_queue_and_pops_only_when_rung() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let rig = rig(tmp.path()).await;
    let mut events = rig.client.events().await.expect("event stream");
    let mut pbx = connect(&rig, Some(None)).await;
    let id = "1764034000.3";
    let call_id = format!("ami-{id}");
    let (joined, rung) = crate::RINGS
        .split_once("Event: AgentCalled")
        .expect("the transcript rings an agent");
    pbx.replay(joined, &rig.caller, id).await;
    floor_shows(&rig, "waiting in general", |s| {
        s.floor
            .calls
            .get(&call_id)
            .is_some_and(|c| c.is_waiting() && c.queue == "general" && c.caller.is_some())
            && s.floor.queues["general"].waiting == 1
    })
    .await;
    pbx.replay(&format!("Event: AgentCalled{rung}"), &rig.caller, id)
        .await;
    let offer = next_offer(&mut events).await;
    assert_eq!(offer.call_id, call_id, "the first offer is this call, rung");
    assert_eq!(offer.agent.as_deref(), Some("ann"));
    pbx.replay(crate::ANSWERED, &rig.caller, id).await;
    floor_shows(&rig, "answered by ann", |s| {
        s.floor.queues["general"].waiting == 0
            && s.floor.calls[&call_id].agent.as_deref() == Some("ann")
            && s.floor.agents["ann"].state == AgentState::OnCall
    })
    .await;
}
