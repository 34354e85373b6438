//! Agents' own states: set and checked over HTTP, and a break asked for
//! on a call or in wrap-up, beginning when it should.

use reqwest::{Method, StatusCode};
use serde_json::json;
use skydesk::{
    client::ApiClient,
    domain::{CallEventKind, floor::AgentState},
};

use crate::rig::{FloorRig, GENERAL, VIP_LINE, agent, queue};

pub async fn agents_set_their_own_state(url: String) {
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
    let floor = rig.floor_once("ann", AgentState::OnBreak).await;
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
pub async fn a_break_asked_on_a_call_begins_after_it(url: String) {
    let rig = FloorRig::start(&url).await;
    rig.pbx("c2", CallEventKind::Ringing, GENERAL).await;
    let ann = ApiClient::new(&rig.base, &rig.ann).expect("client");
    ann.answer("c2").await.expect("answered");
    rig.floor_once("ann", AgentState::OnCall).await;
    let (status, body) = rig
        .put_state(&rig.ann, json!({"state": "on_break", "reason": "Training"}))
        .await;
    assert_eq!(
        (status, &body["after_call"]),
        (StatusCode::OK, &json!(true)),
        "{body}"
    );
    rig.pbx("c2", CallEventKind::Hangup, GENERAL).await;
    rig.floor_once("ann", AgentState::WrapUp).await;
    let (status, _) = rig.wrap_up("c2", &rig.ann, "information_given").await;
    assert_eq!(status, StatusCode::CREATED);
    let floor = rig.floor_once("ann", AgentState::OnBreak).await;
    assert_eq!(
        agent(&floor.figures, "ann").and_then(|a| a.row.reason.clone()),
        Some("Training".into())
    );
}

/// A break chosen in wrap-up begins at once and outlasts the disposition
/// recorded after it; a call that rang at an agent and ended untaken puts
/// nobody in wrap-up.
pub async fn a_break_chosen_in_wrap_up_outlasts_the_disposition(url: String) {
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
    rig.floor_once("ann", AgentState::WrapUp).await;
    let (status, body) = rig
        .put_state(&rig.ann, json!({"state": "on_break", "reason": "Lunch"}))
        .await;
    assert_eq!(
        (status, &body["after_call"]),
        (StatusCode::OK, &json!(false)),
        "in wrap-up it begins now: {body}"
    );
    rig.floor_once("ann", AgentState::OnBreak).await;
    let (status, _) = rig.wrap_up("c5", &rig.ann, "information_given").await;
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
