//! `queued`: a call that waits in its queue before any agent is free. The
//! floor counts its wait from the moment it queued, and no console rings
//! until the phone system rings it at an agent. Through the real server
//! and client, on both backends.

mod common;

use std::time::{Duration, Instant};

use common::calls::{Rig, SECRET, event_rows, floor, listen, next_offer, ringing, status};
use skydesk::{
    domain::{CallEvent, CallEventKind, call_state::CallState},
    wire::FloorSnapshot,
};

fn queued(call_id: &str) -> CallEvent {
    CallEvent {
        event: CallEventKind::Queued,
        agent: None,
        ..ringing(call_id, None)
    }
}

/// Reads the floor until `check` holds.
async fn wait_for_floor(rig: &Rig, what: &str, check: impl Fn(&FloorSnapshot) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let snapshot = floor(rig).await;
        if check(&snapshot) {
            return;
        }
        assert!(Instant::now() < deadline, "{what}: {:?}", snapshot.floor);
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

async fn a_queued_call_waits_on_the_floor_and_rings_only_its_agent(url: String) {
    let rig = Rig::start(&url).await;
    let mut ann = listen(&rig.ann).await;
    let mut bob = listen(&rig.bob).await;
    for _ in 0..2 {
        // A retry is taken like the first and stored once.
        rig.pbx
            .post_call_event(SECRET, &queued("q-1"))
            .await
            .expect("queued accepted");
    }
    assert_eq!(event_rows(&url, "q-1").await.len(), 1);
    wait_for_floor(&rig, "q-1 waiting in vip", |s| {
        s.floor.calls.get("q-1").is_some_and(|c| c.is_waiting())
            && s.floor.queues["vip"].waiting == 1
    })
    .await;
    // Nobody's console rings for a queued call, and no agent may take it.
    assert_eq!(status(rig.ann.call("q-1").await), 403);
    assert_eq!(status(rig.ann.answer("q-1").await), 403);

    // An agent is free: the call rings at ann alone, from now.
    rig.ring("q-1", Some("ann")).await;
    let offer = match common::calls::next(&mut ann).await {
        skydesk::wire::ServerEvent::CallOffered { offer } => offer,
        other => panic!("expected the offer, got {other:?}"),
    };
    assert_eq!(offer.call_id, "q-1");
    assert_eq!(offer.agent.as_deref(), Some("ann"));
    assert_eq!(offer.queue.as_deref(), Some("vip"));
    let details = rig.ann.call("q-1").await.expect("ann sees the call");
    assert_eq!(details.state, CallState::Ringing);
    // Still one wait on the floor, not a second call.
    let snapshot = floor(&rig).await;
    assert_eq!(snapshot.floor.queues["vip"].waiting, 1);
    rig.ann.answer("q-1").await.expect("ann answers");
    assert!(matches!(
        common::calls::next(&mut ann).await,
        skydesk::wire::ServerEvent::CallAnswered { call_id, .. } if call_id == "q-1"
    ));
    wait_for_floor(&rig, "q-1 answered by ann", |s| {
        s.floor
            .calls
            .get("q-1")
            .is_some_and(|c| c.agent.as_deref() == Some("ann"))
            && s.floor.queues["vip"].waiting == 0
            && s.floor.queues["vip"].day.answered == 1
    })
    .await;

    // A caller who gives up while queued: counted on the floor, and no
    // console hears of a call it was never offered.
    rig.pbx
        .post_call_event(SECRET, &queued("q-2"))
        .await
        .expect("queued");
    rig.pbx("q-2", CallEventKind::Abandoned).await;
    wait_for_floor(&rig, "q-2 abandoned", |s| {
        let day = s.floor.queues["vip"].day;
        !s.floor.calls.contains_key("q-2") && day.abandoned + day.short_abandoned == 1
    })
    .await;
    assert_eq!(
        rig.sue.call("q-2").await.expect("the call").state,
        CallState::Abandoned
    );
    rig.ring("marker-b", Some("bob")).await;
    assert_eq!(
        next_offer(&mut bob).await,
        "marker-b",
        "bob heard nothing else"
    );
    rig.ring("marker-a", Some("ann")).await;
    assert_eq!(
        next_offer(&mut ann).await,
        "marker-a",
        "ann heard nothing else"
    );
}

async fn queued_with_an_agent_or_too_late_changes_nothing(url: String) {
    let rig = Rig::start(&url).await;
    let mut ann = listen(&rig.ann).await;
    let mut with_agent = queued("q-3");
    with_agent.agent = Some("ann".into());
    assert_eq!(
        status(rig.pbx.post_call_event(SECRET, &with_agent).await),
        422
    );
    // A `queued` that arrives after the call rang never takes it back.
    rig.ring("q-4", Some("ann")).await;
    assert_eq!(next_offer(&mut ann).await, "q-4");
    rig.pbx
        .post_call_event(SECRET, &queued("q-4"))
        .await
        .expect("a late queued is taken");
    assert_eq!(
        rig.ann.call("q-4").await.expect("the call").state,
        CallState::Ringing
    );
    wait_for_floor(&rig, "q-4 waiting once", |s| {
        s.floor.queues["vip"].waiting == 1
    })
    .await;
}

common::backend_suite!(
    a_queued_call_waits_on_the_floor_and_rings_only_its_agent,
    queued_with_an_agent_or_too_late_changes_nothing,
);
