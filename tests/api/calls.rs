//! Call events from the phone system reaching the agent they are for.

use crate::fixtures::*;

pub async fn the_webhook_checks_its_secret_and_its_body(url: String) {
    let off = TestServer::start(&url, None).await;
    let err = off
        .client()
        .post_call_event(SECRET, &ringing("c1", "13800138000", None))
        .await
        .expect_err("webhook off");
    assert_eq!(err.status(), Some(403));

    let server = TestServer::start(&url, Some(SECRET)).await;
    let err = server
        .client()
        .post_call_event("guess", &ringing("c1", "13800138000", None))
        .await
        .expect_err("bad secret");
    assert_eq!(err.status(), Some(401));

    let url = format!("{}/api/v1/calls/events", server.base);
    let post = |body: String| {
        server
            .raw()
            .post(&url)
            .bearer_auth(SECRET)
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let cases = [
        ("{not json".to_string(), 400),
        (r#"{"event":"exploded","call_id":"1"}"#.to_string(), 422),
        (r#"{"event":"ringing","call_id":""}"#.to_string(), 422),
        (
            r#"{"event":"ringing","call_id":"1","from":"\ud800"}"#.to_string(),
            400,
        ),
        (
            format!(
                r#"{{"event":"ringing","call_id":"1","from":"{}"}}"#,
                "1".repeat(40_000)
            ),
            413,
        ),
        (
            r#"{"event":"ringing","call_id":"1","queue":"\u001b[2J"}"#.to_string(),
            422,
        ),
    ];
    for (body, want) in cases {
        let response = post(body.clone()).await.expect("answer");
        let status = response.status().as_u16();
        let kind = response.headers().get("content-type").cloned();
        assert!(
            status == want || (want == 400 && status == 422),
            "{} gave {status}",
            &body[..body.len().min(60)]
        );
        assert_eq!(kind.expect("content type"), "application/problem+json");
    }
    let accepted = server
        .client()
        .post_call_event(SECRET, &ringing("ok-1", "anonymous", None))
        .await
        .expect("accepted");
    assert!(accepted.accepted);
}

pub async fn a_ringing_call_reaches_its_agent_with_the_profile(url: String) {
    let server = TestServer::start(&url, Some(SECRET)).await;
    let client = server.client();
    let mut events = client.events().await.expect("event stream");
    let hello = tokio::time::timeout(Duration::from_secs(10), events.next_event())
        .await
        .expect("hello in time");
    assert!(matches!(hello, Some(Ok(ServerEvent::Hello { .. }))));

    let t = lone_traveller();
    // A call for another agent must not reach ann.
    client
        .post_call_event(SECRET, &ringing("for-bob", &t.phones[0].e164, Some("bob")))
        .await
        .expect("posted");
    client
        .post_call_event(SECRET, &ringing("for-ann", &t.phones[0].e164, Some("ann")))
        .await
        .expect("posted");
    let offer = match next(&mut events).await {
        Some(Ok(ServerEvent::CallOffered { offer })) => offer,
        other => panic!("expected an offer, got {other:?}"),
    };
    assert_eq!(offer.call_id, "for-ann");
    assert_eq!(offer.line.name, "VIP reservation hotline");
    assert_eq!(offer.caller.matches[0].traveller.ffp_number, t.ffp_number);

    client.answer("for-ann").await.expect("answered");
    assert!(
        matches!(next(&mut events).await, Some(Ok(ServerEvent::CallAnswered { call_id, .. })) if call_id == "for-ann")
    );
    client.hangup("for-ann").await.expect("hung up");
    assert!(
        matches!(next(&mut events).await, Some(Ok(ServerEvent::CallEnded { call_id, how: CallEventKind::Hangup })) if call_id == "for-ann")
    );
}

pub async fn a_pbx_hangup_reaches_the_agent_the_call_was_offered_to(url: String) {
    let server = TestServer::start(&url, Some(SECRET)).await;
    let client = server.client();
    let mut events = client.events().await.expect("event stream");
    let _hello = events.next_event().await;
    client
        .post_call_event(SECRET, &ringing("c-9", "garbage!", Some("ann")))
        .await
        .expect("posted");
    let offer = match events.next_event().await {
        Some(Ok(ServerEvent::CallOffered { offer })) => offer,
        other => panic!("expected an offer, got {other:?}"),
    };
    assert!(matches!(offer.caller.number, CallerNumber::Invalid { .. }));
    let hangup = CallEvent {
        event: CallEventKind::Abandoned,
        call_id: "c-9".into(),
        from: String::new(),
        to: String::new(),
        queue: None,
        agent: None,
        at: None,
    };
    client
        .post_call_event(SECRET, &hangup)
        .await
        .expect("posted");
    let ended = tokio::time::timeout(Duration::from_secs(10), events.next_event())
        .await
        .expect("in time");
    assert!(matches!(
        ended,
        Some(Ok(ServerEvent::CallEnded {
            how: CallEventKind::Abandoned,
            ..
        }))
    ));
}
