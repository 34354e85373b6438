//! Wrap-up: a disposition from the configured list on a call that has
//! ended, once; the queue's mode in the call details; the call in the
//! traveller's contact history; a call never taken there as missed.

use std::collections::BTreeMap;

use reqwest::Method;
use skydesk::{
    domain::casework::{HistoryKind, WrapUpMode, WrapUpSettings},
    server::casework_config::CaseworkConfig,
    wire::casework::WrapUpRequest,
};

use crate::fixtures::*;

fn config() -> ServerConfig {
    let mut queues = BTreeMap::new();
    queues.insert("vip".to_string(), WrapUpMode::Mandatory);
    queues.insert("general".to_string(), WrapUpMode::TimeBoxed { seconds: 30 });
    ServerConfig {
        casework: CaseworkConfig {
            wrap_up: WrapUpSettings {
                queues,
                ..WrapUpSettings::default()
            },
            ..CaseworkConfig::default()
        },
        ..ServerConfig::default()
    }
}

pub async fn a_call_is_wrapped_up_once_into_the_history(url: String) {
    let server = serve_with_webhook(&url, config()).await;
    let client = server.client();
    client
        .post_call_event(
            SECRET,
            &skydesk::domain::CallEvent {
                event: skydesk::domain::CallEventKind::Ringing,
                call_id: "c-vip".into(),
                from: format!("+861390000{ID}"),
                to: "+864008108888".into(),
                queue: Some("vip".into()),
                agent: Some("ann".into()),
                at: None,
            },
        )
        .await
        .expect("rang");
    let details = client.call("c-vip").await.expect("details");
    assert_eq!(
        details.wrap_up,
        WrapUpMode::Mandatory,
        "the console obeys the queue's mode"
    );
    let codes: Vec<&str> = details
        .dispositions
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert!(
        codes.contains(&"booking_changed") && codes.contains(&"wrong_number"),
        "the console picks from the configured list: {codes:?}"
    );
    let early = WrapUpRequest {
        disposition: "booking_changed".into(),
        summary: Some("改签到明天 CA1502".into()),
        traveller_id: None,
    };
    let refused = client
        .wrap_up("c-vip", &early, &key())
        .await
        .expect_err("still ringing");
    assert_eq!(refused.status(), Some(409));
    client.answer("c-vip").await.expect("answered");
    client.hangup("c-vip").await.expect("hung up");
    let done = client
        .wrap_up("c-vip", &early, "wrap-1")
        .await
        .expect("wrapped up");
    assert_eq!(
        done.traveller_id,
        Some(ID),
        "the one traveller with the caller's number"
    );
    assert_eq!(
        (done.queue.as_deref(), done.agent.as_deref()),
        (Some("vip"), Some("ann"))
    );
    assert!(done.answered_at.is_some() && done.ended_at.is_some());
    let replay = client
        .wrap_up("c-vip", &early, "wrap-1")
        .await
        .expect("replayed");
    assert_eq!(replay, done);
    let twice = client
        .wrap_up("c-vip", &early, &key())
        .await
        .expect_err("once");
    assert_eq!(twice.status(), Some(409));
    let history = client.history(ID, None).await.expect("history");
    let call = &history.entries[0];
    assert_eq!(
        (call.kind, call.subject.as_str()),
        (HistoryKind::Call, "c-vip")
    );
    assert_eq!(call.summary, "Booking changed: 改签到明天 CA1502");
    assert_eq!(call.detail["queue"], "vip");
    assert_eq!(call.detail["disposition"], "booking_changed");

    a_finished_call(&server, "c-general", "general").await;
    assert_eq!(
        client.call("c-general").await.expect("details").wrap_up,
        WrapUpMode::TimeBoxed { seconds: 30 }
    );
}

pub async fn wrap_up_checks_input_and_who(url: String) {
    let server = serve_with_webhook(&url, config()).await;
    a_finished_call(&server, "c-1", "corporate").await;
    let path = "/api/v1/calls/c-1/wrap-up";
    for (body, status, field) in [
        ("nope", 400, ""),
        (r#"{"summary":"x"}"#, 422, "disposition"),
        (r#"{"disposition":"golf"}"#, 422, "disposition"),
        (
            "{\"disposition\":\"resolved\",\"summary\":\"\\u001b[2J\"}",
            422,
            "summary",
        ),
        (
            r#"{"disposition":"resolved","traveller_id":0}"#,
            422,
            "traveller_id",
        ),
        (
            r#"{"disposition":"resolved","traveller_id":999999}"#,
            422,
            "traveller_id",
        ),
    ] {
        let own_key = format!("k{}", body.len());
        let response = server
            .send(
                Method::POST,
                path,
                &[("idempotency-key", own_key.as_str())],
                Some(body),
            )
            .await;
        let detail = problem(response, status).await;
        assert!(detail.contains(field), "{body}: {detail}");
    }
    let good = r#"{"disposition":"resolved","traveller_id":5002}"#;
    problem(server.send(Method::POST, path, &[], Some(good)).await, 400).await;
    problem(
        server
            .send_as(
                &server.admin,
                Method::POST,
                path,
                &[("idempotency-key", "a")],
                Some(good),
            )
            .await,
        403,
    )
    .await;
    problem(
        server
            .send(
                Method::POST,
                "/api/v1/calls/nope/wrap-up",
                &[("idempotency-key", "b")],
                Some(good),
            )
            .await,
        404,
    )
    .await;
    let done = server
        .send(Method::POST, path, &[("idempotency-key", "c")], Some(good))
        .await;
    assert_eq!(done.status(), 201);
    let history = server.client().history(OTHER, None).await.expect("history");
    assert_eq!(history.entries.len(), 1, "the traveller the agent named");
}

pub async fn history_is_one_timeline_newest_first_in_pages(url: String) {
    let server = serve_with_webhook(&url, ServerConfig::default()).await;
    let client = server.client();
    client
        .add_note(
            ID,
            &skydesk::wire::casework::NoteRequest {
                text: "first".into(),
                pnr: None,
                flight_id: None,
                corrects: None,
            },
            &key(),
        )
        .await
        .expect("note");
    client
        .save_preferences(
            ID,
            &skydesk::domain::casework::Preferences::default(),
            &skydesk::client::WriteHeaders {
                idempotency_key: key(),
                if_match: Some(0),
            },
        )
        .await
        .expect("preferences");
    a_finished_call(&server, "c-h", "general").await;
    client
        .wrap_up(
            "c-h",
            &WrapUpRequest {
                disposition: "resolved".into(),
                summary: None,
                traveller_id: None,
            },
            &key(),
        )
        .await
        .expect("wrapped up");
    let page = server
        .send(
            Method::GET,
            &format!("/api/v1/travellers/{ID}/history?limit=2"),
            &[],
            None,
        )
        .await;
    let page: skydesk::wire::casework::HistoryPage = page.json().await.expect("page");
    let kinds: Vec<_> = page.entries.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [HistoryKind::Call, HistoryKind::Preferences]);
    let rest = client
        .history(ID, page.next.as_deref())
        .await
        .expect("older");
    let kinds: Vec<_> = rest.entries.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [HistoryKind::Note]);
    assert_eq!(rest.next, None);
    problem(
        server
            .send(Method::GET, "/api/v1/travellers/999999/history", &[], None)
            .await,
        404,
    )
    .await;
    problem(
        server
            .send(
                Method::GET,
                &format!("/api/v1/travellers/{ID}/history?before=%E5%BC%A0"),
                &[],
                None,
            )
            .await,
        400,
    )
    .await;
    let other = client.history(OTHER, None).await.expect("empty");
    assert!(other.entries.is_empty() && other.next.is_none());
}

/// A call that rang and ended before anyone took it is in the caller's
/// history as missed, once, and has nothing to wrap up on the console.
pub async fn a_call_never_taken_is_missed_in_the_history(url: String) {
    let server = serve_with_webhook(&url, config()).await;
    let client = server.client();
    let event = |kind| skydesk::domain::CallEvent {
        event: kind,
        call_id: "c-missed".into(),
        from: format!("+861390000{ID}"),
        to: "+864008108888".into(),
        queue: Some("vip".into()),
        agent: Some("ann".into()),
        at: None,
    };
    use skydesk::domain::CallEventKind::{Abandoned, Ringing};
    client
        .post_call_event(SECRET, &event(Ringing))
        .await
        .expect("rang");
    for _ in 0..2 {
        client
            .post_call_event(SECRET, &event(Abandoned))
            .await
            .expect("the caller gave up (and the phone system retried)");
    }
    let history = client.history(ID, None).await.expect("history");
    let calls: Vec<_> = history
        .entries
        .iter()
        .filter(|e| e.kind == HistoryKind::Call)
        .collect();
    assert_eq!(calls.len(), 1, "{calls:?}");
    let missed = calls[0];
    assert_eq!(
        (missed.subject.as_str(), missed.actor.as_str()),
        ("c-missed", "ann")
    );
    assert_eq!(
        missed.summary,
        "missed call: the caller hung up before it was answered"
    );
    assert_eq!(missed.detail["missed"], true);
    assert_eq!(missed.detail["queue"], "vip");
}
