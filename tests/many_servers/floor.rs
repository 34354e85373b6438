//! The floor across servers: calls, a wrap-up and a break spread over
//! both, and both servers' floors agreeing, before and after their
//! listening connections are cut.

use std::time::Duration;

use skydesk::{
    client::ApiClient,
    domain::{
        CallEvent, CallEventKind,
        floor::{AgentState, FloorChange},
    },
    wire::ServerEvent,
};

use crate::{
    common::{
        calls::{SECRET, listen, next, ringing},
        process::add_user,
    },
    rig::{agreeing_floors, cut_listening_connections, server},
};

pub async fn the_floor_agrees_on_every_server(url: String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let user = |name: &str, role: &str| add_user(&url, tmp, name, role);
    let (ann, bob, sue) = (
        user("ann", "agent"),
        user("bob", "agent"),
        user("sue", "supervisor"),
    );
    let (_a, base_a) = server(&url, tmp).await;
    let (_b, base_b) = server(&url, tmp).await;
    let http = reqwest::Client::new();
    let sue_b = ApiClient::new(&base_b, &sue).expect("client");
    let mut sue_on_b = listen(&sue_b).await;
    let pbx_a = ApiClient::new(&base_a, "").expect("client");
    let pbx_b = ApiClient::new(&base_b, "").expect("client");
    let general = |call_id: &str, agent: &str| CallEvent {
        to: "+864008100999".into(),
        queue: None,
        ..ringing(call_id, Some(agent))
    };

    // Rung on A: the supervisor on B hears the floor change.
    pbx_a
        .post_call_event(SECRET, &general("f1", "ann"))
        .await
        .expect("accepted");
    match next(&mut sue_on_b).await {
        ServerEvent::FloorChanged { change } => assert!(
            matches!(&change, FloorChange::CallQueued { call_id, queue, facts: Some(facts), .. }
                if call_id == "f1" && queue == "general"
                    && facts.number.as_deref() == Some("+8613800138000") && facts.matches == 0),
            "{change:?}"
        ),
        other => panic!("expected a floor change on B, got {other:?}"),
    }
    // Both floors list who waits: a number no traveller has.
    let listed = agreeing_floors(&http, [&base_a, &base_b], &sue, |f| f.waiting.len() == 1).await;
    assert_eq!(listed.waiting[0].who(), "no traveller has the number");
    // The rest spread over both servers: answers, an abandon, a hang-up,
    // a wrap-up and a break.
    pbx_b
        .post_call_event(SECRET, &general("f2", "bob"))
        .await
        .expect("accepted");
    pbx_b
        .post_call_event(SECRET, &ringing("f3", None))
        .await
        .expect("accepted");
    ApiClient::new(&base_b, &ann)
        .expect("client")
        .answer("f1")
        .await
        .expect("answered");
    ApiClient::new(&base_a, &bob)
        .expect("client")
        .answer("f2")
        .await
        .expect("answered");
    let mut ended = ringing("f3", None);
    ended.event = CallEventKind::Abandoned;
    pbx_a
        .post_call_event(SECRET, &ended)
        .await
        .expect("accepted");
    let mut hangup = general("f1", "ann");
    hangup.event = CallEventKind::Hangup;
    pbx_a
        .post_call_event(SECRET, &hangup)
        .await
        .expect("accepted");
    let wrapped = http
        .post(format!("{base_b}/api/v1/calls/f1/wrap-up"))
        .bearer_auth(&ann)
        .header("Idempotency-Key", "wrap-f1")
        .json(&serde_json::json!({"disposition": "resolved"}))
        .send()
        .await
        .expect("sent");
    assert_eq!(wrapped.status(), 201);
    let on_break = http
        .put(format!("{base_a}/api/v1/me/state"))
        .bearer_auth(&ann)
        .json(&serde_json::json!({"state": "on_break", "reason": "Lunch"}))
        .send()
        .await
        .expect("sent");
    assert_eq!(on_break.status(), 200);
    let figures = agreeing_floors(&http, [&base_a, &base_b], &sue, |f| {
        f.agents
            .iter()
            .any(|a| a.row.name == "ann" && a.row.state == AgentState::OnBreak)
    })
    .await;
    let general_queue = figures
        .queues
        .iter()
        .find(|q| q.name == "general")
        .expect("general");
    assert_eq!(general_queue.last_15_minutes.answered, 2);
    assert_eq!(general_queue.last_15_minutes.handled, 1);
    let vip = figures
        .queues
        .iter()
        .find(|q| q.name == "vip")
        .expect("vip");
    assert_eq!(vip.last_15_minutes.short_abandoned, 1);

    // Both listening connections cut: each server loads its floor again
    // from the store, and they still agree on what follows.
    assert_eq!(cut_listening_connections(&url).await, 2);
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut hangup = general("f2", "bob");
    hangup.event = CallEventKind::Hangup;
    pbx_b
        .post_call_event(SECRET, &hangup)
        .await
        .expect("accepted");
    agreeing_floors(&http, [&base_a, &base_b], &sue, |f| {
        f.agents
            .iter()
            .any(|a| a.row.name == "bob" && a.row.state == AgentState::WrapUp)
    })
    .await;
}
