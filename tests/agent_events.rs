//! The agents webhook, `POST /api/v1/agents/events`: the phone system says
//! an agent paused, came back or went, and the floor shows it. Through the
//! real server and client, on both backends.

mod common;

use std::time::{Duration, Instant};

use common::calls::{Rig, SECRET, floor, status};
use skydesk::{
    domain::floor::{AgentRow, AgentState, AgentStateReport},
    wire::FloorSnapshot,
};

fn report(agent: &str, state: AgentState, reason: Option<&str>) -> AgentStateReport {
    AgentStateReport {
        agent: agent.into(),
        state,
        reason: reason.map(String::from),
        at: None,
    }
}

/// Reads the floor until `agent`'s row passes `check` (changes reach the
/// floor through the event bus, a moment after the webhook answers).
async fn wait_for_agent(rig: &Rig, agent: &str, check: impl Fn(&AgentRow) -> bool) -> AgentRow {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let snapshot: FloorSnapshot = floor(rig).await;
        if let Some(row) = snapshot.floor.agents.get(agent).filter(|r| check(r)) {
            return row.clone();
        }
        assert!(
            Instant::now() < deadline,
            "{agent} on the floor: {:?}",
            snapshot.floor.agents.get(agent)
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

async fn the_agents_webhook_checks_its_secret_and_its_body(url: String) {
    let rig = Rig::start(&url).await;
    let lunch = report("ann", AgentState::OnBreak, Some("Lunch"));
    assert_eq!(status(rig.pbx.post_agent_event("guess", &lunch).await), 401);
    let endpoint = format!("{}/api/v1/agents/events", rig.base);
    let raw = reqwest::Client::new();
    let unsigned = raw
        .post(&endpoint)
        .header("content-type", "application/json")
        .body(r#"{"agent":"ann","state":"available"}"#)
        .send()
        .await
        .expect("answer");
    assert_eq!(unsigned.status().as_u16(), 401, "no secret");

    let long_reason = "r".repeat(129);
    let long_agent = "a".repeat(129);
    let cases = [
        ("{not json".to_string(), 400),
        (String::new(), 400),
        ("null".to_string(), 422),
        (r#"{"agent":"","state":"available"}"#.to_string(), 422),
        (r#"{"agent":"   ","state":"available"}"#.to_string(), 422),
        (
            r#"{"agent":"ann\u001b[2J","state":"available"}"#.to_string(),
            422,
        ),
        (
            r#"{"agent":"ann\u202e","state":"available"}"#.to_string(),
            422,
        ),
        (
            format!(r#"{{"agent":"{long_agent}","state":"available"}}"#),
            422,
        ),
        (r#"{"agent":"ann","state":"on_call"}"#.to_string(), 422),
        (r#"{"agent":"ann","state":"wrap_up"}"#.to_string(), 422),
        (r#"{"agent":"ann","state":"asleep"}"#.to_string(), 422),
        (r#"{"agent":"ann"}"#.to_string(), 422),
        (
            format!(r#"{{"agent":"ann","state":"on_break","reason":"{long_reason}"}}"#),
            422,
        ),
        (
            r#"{"agent":"ann","state":"available","colour":"red"}"#.to_string(),
            422,
        ),
        (
            r#"{"agent":"ann","state":"available","at":"yesterday"}"#.to_string(),
            422,
        ),
    ];
    for (body, want) in cases {
        let response = raw
            .post(&endpoint)
            .bearer_auth(SECRET)
            .header("content-type", "application/json")
            .body(body.clone())
            .send()
            .await
            .expect("answer");
        let got = response.status().as_u16();
        let kind = response.headers().get("content-type").cloned();
        assert_eq!(got, want, "{}", &body[..body.len().min(60)]);
        assert_eq!(kind.expect("content type"), "application/problem+json");
    }
    // Nothing refused reached the floor.
    assert!(!floor(&rig).await.floor.agents.contains_key("ann"));

    let accepted = rig
        .pbx
        .post_agent_event(SECRET, &lunch)
        .await
        .expect("a pause is taken");
    assert!(accepted.accepted);
    let row = wait_for_agent(&rig, "ann", |r| r.state == AgentState::OnBreak).await;
    assert_eq!(row.reason.as_deref(), Some("Lunch"));

    // A reason of 128 characters is taken and shown cut short; the phone
    // system's own reasons need not be the centre's break reasons.
    let pbx_reason = format!("Outbound campaign {}", "x".repeat(110));
    assert_eq!(pbx_reason.chars().count(), 128);
    rig.pbx
        .post_agent_event(
            SECRET,
            &report("bob", AgentState::OnBreak, Some(&pbx_reason)),
        )
        .await
        .expect("a long reason is taken");
    let row = wait_for_agent(&rig, "bob", |r| r.state == AgentState::OnBreak).await;
    let shown = row.reason.expect("a reason");
    assert!(shown.starts_with("Outbound campaign") && shown.chars().count() <= 40);

    rig.pbx
        .post_agent_event(SECRET, &report("ann", AgentState::SignedOut, None))
        .await
        .expect("signed out");
    let row = wait_for_agent(&rig, "ann", |r| r.state == AgentState::SignedOut).await;
    assert_eq!(row.reason, None);
}

/// A break asked for on a call begins after it; `available` from the phone
/// system ends the agent's wrap-up and counts the call as handled.
async fn an_available_report_ends_wrap_up(url: String) {
    let rig = Rig::start(&url).await;
    rig.pbx
        .post_agent_event(SECRET, &report("ann", AgentState::Available, None))
        .await
        .expect("available");
    wait_for_agent(&rig, "ann", |r| r.state == AgentState::Available).await;
    rig.ring("c-wrap", Some("ann")).await;
    rig.ann.answer("c-wrap").await.expect("ann answers");
    wait_for_agent(&rig, "ann", |r| r.state == AgentState::OnCall).await;

    rig.pbx
        .post_agent_event(
            SECRET,
            &report("ann", AgentState::OnBreak, Some("Training")),
        )
        .await
        .expect("a pause on a call");
    rig.ann.hangup("c-wrap").await.expect("ann hangs up");
    let row = wait_for_agent(&rig, "ann", |r| r.state == AgentState::WrapUp).await;
    assert_eq!(row.call_id.as_deref(), Some("c-wrap"));
    assert_eq!(row.handled, 0, "still in its after-call work");

    rig.pbx
        .post_agent_event(SECRET, &report("ann", AgentState::Available, None))
        .await
        .expect("available again");
    let row = wait_for_agent(&rig, "ann", |r| r.state == AgentState::Available).await;
    assert_eq!(row.handled, 1);
    assert_eq!(row.call_id, None);
}

common::backend_suite!(
    the_agents_webhook_checks_its_secret_and_its_body,
    an_available_report_ends_wrap_up,
);
