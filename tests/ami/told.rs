//! The PBX is told of the states ann chooses in skydesk: a break pauses
//! her in every queue with its reason, available unpauses her, signing
//! out removes her from each queue and signing in adds her back. The
//! events the PBX sends back for skydesk's own actions change nothing:
//! she stays in the state she chose, with its reason.

use skydesk::{
    domain::floor::{AgentState, FloorChange, StateRequest},
    wire::ServerEvent,
};

use crate::{
    floor::ann_is,
    pbx::{PbxSession, Rig, rig_on},
};

const QUEUE_STATUS: &str = include_str!("../ami_transcripts/queue_status.txt");
const QUEUE_MEMBER: &str = include_str!("../ami_transcripts/queue_member.txt");
const PAUSE_ECHO: &str = include_str!("../ami_transcripts/member_pause_echo.txt");
const REMOVED: &str = include_str!("../ami_transcripts/member_removed.txt");
const ADDED: &str = include_str!("../ami_transcripts/member_added.txt");
const TOLD_BREAK: &str = include_str!("../ami_transcripts/told_break.txt");
const TOLD_AVAILABLE: &str = include_str!("../ami_transcripts/told_available.txt");
const TOLD_SIGNED_OUT: &str = include_str!("../ami_transcripts/told_signed_out.txt");
const TOLD_SIGNED_IN: &str = include_str!("../ami_transcripts/told_signed_in.txt");

/// The `QueueStatus` answer: ann an unpaused member of `baggage` and
/// `general`.
fn listing() -> String {
    let member = |queue: &str| {
        QUEUE_MEMBER
            .replace("Queue: general", &format!("Queue: {queue}"))
            .replace("${PAUSED}", "0")
            .replace("${REASON}", "")
    };
    QUEUE_STATUS
        .replace("${ITEMS}", "3")
        .replace("${MEMBERS}", &(member("baggage") + &member("general")))
}

/// What the PBX says in each queue once it has paused (or unpaused) ann.
fn paused_in_both(paused: bool, reasons: [&str; 2]) -> String {
    ["baggage", "general"]
        .iter()
        .zip(reasons)
        .map(|(queue, reason)| {
            PAUSE_ECHO
                .replace("${QUEUE}", queue)
                .replace("${PAUSED}", if paused { "1" } else { "0" })
                .replace("${REASON}", reason)
        })
        .collect()
}

fn in_both(transcript: &str) -> String {
    transcript.replace("${QUEUE}", "baggage") + &transcript.replace("${QUEUE}", "general")
}

async fn choose(rig: &Rig, state: AgentState, reason: Option<&str>) {
    rig.client
        .set_my_state(&StateRequest {
            state,
            reason: reason.map(str::to_string),
        })
        .await
        .expect("the state is taken");
}

crate::common::backend_suite!(
    the_pbx_is_told_of_the_state_ann_chooses_and_its_echoes_change_nothing
);

async fn the_pbx_is_told_of_the_state_ann_chooses_and_its_echoes_change_nothing(db: String) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let rig = rig_on(tmp.path(), &db).await;
    let mut pbx = PbxSession::accept(&rig.pbx).await;
    pbx.list_channels(&[]).await;
    pbx.list_members(&listing()).await;
    ann_is(&rig, AgentState::Available, None).await;
    let mut events = rig.client.events().await.expect("event stream");

    // Lunch: paused in every queue, with the reason. This PBX echoes
    // one queue's pause without a reason, as an older Asterisk does.
    choose(&rig, AgentState::OnBreak, Some("lunch")).await;
    pbx.expect_actions(&TOLD_BREAK.replace("${REASON}", "Lunch"))
        .await;
    pbx.send(&paused_in_both(true, ["", "Lunch"])).await;

    choose(&rig, AgentState::Available, None).await;
    pbx.expect_actions(TOLD_AVAILABLE).await;
    pbx.send(&paused_in_both(false, ["", ""])).await;

    choose(&rig, AgentState::SignedOut, None).await;
    pbx.expect_actions(TOLD_SIGNED_OUT).await;
    pbx.send(&in_both(REMOVED)).await;

    choose(&rig, AgentState::Available, None).await;
    pbx.expect_actions(TOLD_SIGNED_IN).await;
    pbx.send(&in_both(ADDED)).await;

    // A pause made on the PBX itself is news to skydesk, not told back:
    // the next action the PBX hears is the unpause ann then chooses.
    pbx.send(&paused_in_both(true, ["Training", "Training"]))
        .await;
    ann_is(&rig, AgentState::OnBreak, Some("Training")).await;
    choose(&rig, AgentState::Available, None).await;
    pbx.expect_actions(TOLD_AVAILABLE).await;
    pbx.send(&paused_in_both(false, ["", ""])).await;

    // A call rung after every echo: by the time it pops, skydesk has read
    // them all, and ann has been in no state she did not choose.
    pbx.replay(crate::RINGS, &rig.caller, "1764035000.9").await;
    let mut states = Vec::new();
    loop {
        let event = tokio::time::timeout(std::time::Duration::from_secs(15), events.next_event())
            .await
            .expect("the call pops within 15 s")
            .expect("the event stream goes on")
            .expect("an event");
        match event {
            ServerEvent::CallOffered { .. } | ServerEvent::CallAnnounced { .. } => break,
            ServerEvent::FloorChanged {
                change: FloorChange::AgentState { state, reason, .. },
            } => states.push((state, reason)),
            _ => {}
        }
    }
    let lunch = Some("Lunch".to_string());
    let training = Some("Training".to_string());
    assert_eq!(
        states,
        [
            (AgentState::OnBreak, lunch),
            (AgentState::Available, None),
            (AgentState::SignedOut, None),
            (AgentState::Available, None),
            (AgentState::OnBreak, training),
            (AgentState::Available, None),
        ]
    );
    ann_is(&rig, AgentState::Available, None).await;
}
