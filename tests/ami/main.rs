//! `skydesk serve --ami` against a PBX inside the test that speaks the
//! manager protocol (banner, `Action: Login` answered `Response: Success`,
//! events as `Key: Value` lines ending in a blank line), replaying
//! transcripts written from Asterisk's AMI event documentation.

#[path = "../common/mod.rs"]
mod common;
mod floor;
mod pbx;
mod told;

use std::time::{Duration, Instant};

use pbx::{PbxSession, next_offer, rig, wait_for_state};
use skydesk::domain::call_state::CallState;
use tokio::io::AsyncWriteExt;

const RINGS: &str = include_str!("../ami_transcripts/queue_call_rings.txt");
const ANSWERED: &str = include_str!("../ami_transcripts/queue_call_answered.txt");
const COMPLETED: &str = include_str!("../ami_transcripts/queue_call_completed.txt");
const ABANDONED: &str = include_str!("../ami_transcripts/queue_call_abandoned.txt");

#[tokio::test]
async fn a_queue_call_pops_at_the_agent_whose_phone_rings_and_ends_with_the_pbx() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let rig = rig(tmp.path()).await;
    let mut events = rig.client.events().await.expect("event stream");
    let mut pbx = PbxSession::accept(&rig.pbx).await;
    pbx.list_channels(&[]).await;
    let id = "1764032400.33";
    pbx.replay(RINGS, &rig.caller, id).await;
    let offer = next_offer(&mut events).await;
    assert_eq!(offer.call_id, "ami-1764032400.33");
    assert_eq!(offer.agent.as_deref(), Some("ann"));
    assert_eq!(offer.queue.as_deref(), Some("general"));
    assert_eq!(offer.caller.matches.len(), 1, "the seeded traveller");
    pbx.replay(ANSWERED, &rig.caller, id).await;
    wait_for_state(&rig.client, &offer.call_id, CallState::Answered).await;
    pbx.replay(COMPLETED, &rig.caller, id).await;
    wait_for_state(&rig.client, &offer.call_id, CallState::Ended).await;

    // A second call the caller gives up on while it rings.
    let id = "1764032460.40";
    pbx.replay(RINGS, &rig.caller, id).await;
    let offer = next_offer(&mut events).await;
    pbx.replay(ABANDONED, &rig.caller, id).await;
    wait_for_state(&rig.client, &offer.call_id, CallState::Abandoned).await;
}

#[tokio::test]
async fn a_pbx_restart_mid_call_ends_the_call_and_the_next_one_still_pops() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let rig = rig(tmp.path()).await;
    let mut events = rig.client.events().await.expect("event stream");
    let (pbx, call_id) = answered_call(&rig, &mut events, "1764032500.7").await;

    // The PBX restarts: the connection drops mid-call, and once it is
    // back it has no channels. skydesk reconnects, logs in again, asks,
    // and ends the call it lost.
    drop(pbx);
    let mut pbx = PbxSession::accept(&rig.pbx).await;
    pbx.list_channels(&[]).await;
    wait_for_state(&rig.client, &call_id, CallState::Ended).await;

    let id = "1764032900.1";
    pbx.replay(RINGS, &rig.caller, id).await;
    assert_eq!(next_offer(&mut events).await.call_id, "ami-1764032900.1");
}

#[tokio::test]
async fn a_dropped_connection_with_the_call_still_up_keeps_it() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let rig = rig(tmp.path()).await;
    let mut events = rig.client.events().await.expect("event stream");
    let id = "1764033000.2";
    let (pbx, call_id) = answered_call(&rig, &mut events, id).await;

    // Only the network dropped: the PBX still has the call when skydesk
    // is back, so it stays answered until the PBX says it ended.
    drop(pbx);
    let mut pbx = PbxSession::accept(&rig.pbx).await;
    pbx.list_channels(&[id]).await;
    pbx.replay(COMPLETED, &rig.caller, id).await;
    wait_for_state(&rig.client, &call_id, CallState::Ended).await;
}

/// A PBX session on which call `id` rang (popped on `events`) and was
/// answered; the session and the call's id in skydesk.
async fn answered_call(
    rig: &pbx::Rig,
    events: &mut skydesk::client::EventStream,
    id: &str,
) -> (PbxSession, String) {
    let mut pbx = PbxSession::accept(&rig.pbx).await;
    pbx.list_channels(&[]).await;
    pbx.replay(RINGS, &rig.caller, id).await;
    let offer = next_offer(events).await;
    pbx.replay(ANSWERED, &rig.caller, id).await;
    wait_for_state(&rig.client, &offer.call_id, CallState::Answered).await;
    (pbx, offer.call_id)
}

#[tokio::test]
async fn hostile_frames_never_stop_the_follower() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let rig = rig(tmp.path()).await;
    let mut events = rig.client.events().await.expect("event stream");
    let mut pbx = PbxSession::accept(&rig.pbx).await;
    pbx.list_channels(&[]).await;
    let mut hostile = String::new();
    hostile.push_str("Event: AgentCalled\nUniqueid: 1\nLinkedid: 1\nCallerIDNum: \u{1b}]52;c;aGk=\u{7}\u{1b}[2J\nInterface: PJSIP/1001\n\n");
    hostile.push_str(&format!(
        "Event: Newchannel\nHuge: {}\n\n",
        "x".repeat(200_000)
    ));
    hostile.push_str("Event: AgentCalled\nUniqueid: 2\nLinkedid: 2\nCallerIDNum: +86 １３８ 0013\u{202e}8000\nInterface: PJSIP/1001\n\n");
    hostile.push_str("no colon at all\n\n\n\nEvent: QueueCallerJoin\n\n");
    pbx.send(&hostile).await;
    pbx.writer
        .write_all(b"Event: Hangup\r\nUniqueid: \xff\xfe\r\n\r\n")
        .await
        .expect("write");
    // The hostile calls were refused or popped without their escapes;
    // whatever they did, a proper call afterwards still pops.
    let id = "1764033100.5";
    pbx.replay(RINGS, &rig.caller, id).await;
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let offer = next_offer(&mut events).await;
        assert!(
            !offer.caller.dialled.contains('\u{1b}') && !offer.caller.dialled.contains('\u{202e}'),
            "escapes reached an offer: {:?}",
            offer.caller.dialled
        );
        if offer.call_id == "ami-1764033100.5" {
            break;
        }
        assert!(Instant::now() < deadline, "the proper call never popped");
    }
    // Stored cleaned, as a webhook's caller ID is: the call still rings.
    let url = format!("sqlite://{}/t.db", tmp.path().display());
    let pool = sqlx::SqlitePool::connect(&url).await.expect("sqlite");
    let stored: Vec<(String, String)> = sqlx::query_as(
        "SELECT call_id, from_raw FROM call_events WHERE call_id IN ('ami-1', 'ami-2')",
    )
    .fetch_all(&pool)
    .await
    .expect("rows");
    pool.close().await;
    assert!(!stored.is_empty(), "the hostile calls rang");
    for (call_id, from) in stored {
        assert_eq!(
            skydesk::domain::text::clean(&from),
            from,
            "{call_id}: {from:?}"
        );
    }
}
