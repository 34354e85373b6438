//! Calls through the real server and the real `ApiClient`, on both
//! backends: retries, who may answer or hang up, taken calls, the phone
//! system's time.

mod common;

use common::calls::{Rig, SECRET, event_rows, listen, next, next_offer, ringing, status};
use skydesk::{
    client::{ApiClient, ClientError},
    console::{App, Msg, app::Screen, keymap::Keymap},
    domain::{CallEventKind, Role, call_state::CallState},
    wire::ServerEvent,
};

/// The same `ringing` twenty times at once: one row, one offer, twenty 202s.
async fn a_retry_storm_is_stored_and_offered_once(url: String) {
    let rig = Rig::start(&url).await;
    let mut events = listen(&rig.ann).await;
    let posts = (0..20).map(|_| {
        let pbx = rig.pbx.clone();
        tokio::spawn(async move { pbx.post_call_event(SECRET, &ringing("storm", None)).await })
    });
    for post in futures::future::join_all(posts).await {
        assert!(
            post.expect("task")
                .expect("every retry is accepted")
                .accepted
        );
    }
    assert_eq!(next_offer(&mut events).await, "storm");
    rig.ring("after-the-storm", Some("ann")).await;
    assert_eq!(
        next_offer(&mut events).await,
        "after-the-storm",
        "offered once"
    );
    let rows = event_rows(&url, "storm").await;
    assert_eq!(rows.len(), 1, "{rows:?}");
}

/// A retry of a call that has ended is accepted and never rings it again.
async fn a_late_retry_never_rings_an_ended_call(url: String) {
    let rig = Rig::start(&url).await;
    let mut events = listen(&rig.ann).await;
    rig.ring("late", Some("ann")).await;
    assert_eq!(next_offer(&mut events).await, "late");
    rig.pbx("late", CallEventKind::Abandoned).await;
    assert!(matches!(
        next(&mut events).await,
        ServerEvent::CallEnded {
            how: CallEventKind::Abandoned,
            ..
        }
    ));
    rig.ring("late", Some("ann")).await;
    rig.pbx("late", CallEventKind::Abandoned).await;
    rig.ring("marker", Some("ann")).await;
    assert_eq!(next_offer(&mut events).await, "marker");
    let late = rig.ann.call("late").await.expect("the call");
    assert_eq!(late.state, CallState::Abandoned);
    let kinds: Vec<String> = event_rows(&url, "late")
        .await
        .into_iter()
        .map(|r| r.0)
        .collect();
    assert_eq!(kinds, ["ringing", "abandoned"]);
}

/// Only the agent it rang for, or a supervisor; 404 and 409 with reasons;
/// a refusal writes nothing.
async fn only_the_offered_agent_or_a_supervisor_handles_a_call(url: String) {
    let rig = Rig::start(&url).await;
    rig.ring("for-ann", Some("ann")).await;

    assert_eq!(status(rig.bob.answer("for-ann").await), 403);
    assert_eq!(status(rig.bob.hangup("for-ann").await), 403);
    assert_eq!(status(rig.bob.call("for-ann").await), 403);
    assert_eq!(
        rig.ann.call("for-ann").await.expect("call").state,
        CallState::Ringing
    );
    assert_eq!(
        event_rows(&url, "for-ann").await.len(),
        1,
        "refusals write nothing"
    );

    assert_eq!(status(rig.ann.answer("never-rang").await), 404);
    assert_eq!(status(rig.ann.hangup("never-rang").await), 404);
    assert!(event_rows(&url, "never-rang").await.is_empty());

    rig.ann.answer("for-ann").await.expect("ann answers");
    match rig.ann.answer("for-ann").await {
        Err(ClientError::Api {
            status: 409,
            detail,
        }) => {
            assert!(detail.contains("already answered by ann"), "{detail}")
        }
        other => panic!("expected 409, got {other:?}"),
    }
    assert_eq!(status(rig.bob.hangup("for-ann").await), 403);
    rig.sue
        .hangup("for-ann")
        .await
        .expect("a supervisor may end it");
    match rig.ann.answer("for-ann").await {
        Err(ClientError::Api {
            status: 409,
            detail,
        }) => {
            assert!(detail.contains("ended"), "{detail}")
        }
        other => panic!("expected 409, got {other:?}"),
    }
    assert_eq!(status(rig.ann.hangup("for-ann").await), 409);
    let kinds: Vec<String> = event_rows(&url, "for-ann")
        .await
        .into_iter()
        .map(|r| r.0)
        .collect();
    assert_eq!(kinds, ["ringing", "answered", "hangup"]);
    let details = rig.sue.call("for-ann").await.expect("supervisors see it");
    assert_eq!(details.state, CallState::Ended);
    assert_eq!(details.answered_by.as_deref(), Some("ann"));
}

/// Bad call ids in the URL are 4xx problems, never 500; any script is fine.
async fn call_ids_in_urls_are_checked(url: String) {
    let rig = Rig::start(&url).await;
    for (id, want) in [
        ("x".repeat(500), 400),
        ("a\u{1b}[2J".to_string(), 400),
        ("a\u{202e}b".to_string(), 400),
        ("电话-1".to_string(), 404),
        ("１２３".to_string(), 404),
        ("'; DROP TABLE calls;--".to_string(), 404),
    ] {
        assert_eq!(status(rig.ann.call(&id).await), want, "{id:?}");
        assert_eq!(status(rig.ann.answer(&id).await), want, "{id:?}");
    }
    rig.ring("电话-1", Some("ann")).await;
    assert_eq!(
        rig.ann.call("电话-1").await.expect("call").offer.call_id,
        "电话-1"
    );
    let raw = reqwest::Client::new()
        .get(format!("{}/api/v1/calls/nope", rig.base))
        .send()
        .await
        .expect("sent");
    assert_eq!(raw.status(), 401, "a call needs a signed-in user");
}

/// When one agent takes a call that rang for every agent, the others are
/// told and the offer leaves their console.
async fn a_taken_call_leaves_the_other_agents(url: String) {
    let rig = Rig::start(&url).await;
    let mut ann_events = listen(&rig.ann).await;
    let mut bob_events = listen(&rig.bob).await;
    rig.ring("anyone", None).await;
    let offer = match next(&mut ann_events).await {
        offer @ ServerEvent::CallOffered { .. } => offer,
        other => panic!("expected an offer, got {other:?}"),
    };
    assert_eq!(next_offer(&mut bob_events).await, "anyone");
    let me = rig.ann.me().await.expect("me");
    let mut console = App::new(
        me,
        Keymap::preset("default").unwrap_or_default(),
        chrono::Utc::now(),
        false,
    );
    console.update(Msg::Server(offer));
    assert!(matches!(console.screen, Screen::Call(_)));

    rig.bob.answer("anyone").await.expect("bob takes it");
    let taken = next(&mut ann_events).await;
    assert_eq!(
        taken,
        ServerEvent::CallAnswered {
            call_id: "anyone".into(),
            agent: "bob".into()
        }
    );
    console.update(Msg::Server(taken));
    assert!(matches!(console.screen, Screen::Waiting), "the offer left");
    // Ann lost the race to answer: a conflict, saying who won.
    for lost in [
        rig.ann.answer("anyone").await,
        rig.ann.hangup("anyone").await,
    ] {
        match lost {
            Err(ClientError::Api {
                status: 409,
                detail,
            }) => assert!(detail.contains("already answered by bob"), "{detail}"),
            other => panic!("expected 409, got {other:?}"),
        }
    }
}

/// Only users whose roles take calls (agent, VIP hotline) are offered
/// them: a user who is only an admin, named by the phone system, can
/// neither see nor answer the call; a VIP hotline agent named so can.
async fn only_roles_that_take_calls_are_offered_calls(url: String) {
    let rig = Rig::start(&url).await;
    let store = skydesk::store::connect(&url).await.expect("store opens");
    let admin = common::calls::add_user(&store, "ada", Role::Admin).await;
    let vip = common::calls::add_user(&store, "vic", Role::Vip).await;
    let client = |token: &str| ApiClient::new(&rig.base, token).expect("client");
    let (admin, vip) = (client(&admin), client(&vip));

    rig.ring("for-ada", Some("ada")).await;
    assert_eq!(status(admin.call("for-ada").await), 403);
    assert_eq!(status(admin.answer("for-ada").await), 403);
    assert_eq!(
        rig.sue.call("for-ada").await.expect("call").state,
        CallState::Ringing,
        "the refusal changed nothing"
    );

    rig.ring("for-vic", Some("vic")).await;
    assert_eq!(
        vip.call("for-vic").await.expect("offered").offer.call_id,
        "for-vic"
    );
    vip.answer("for-vic").await.expect("vic answers");
}

/// The phone system's own time is kept beside the time it was received;
/// a time that is not RFC 3339 is refused and stores nothing.
async fn the_phone_systems_time_is_kept(url: String) {
    let rig = Rig::start(&url).await;
    let http = reqwest::Client::new();
    let post = |body: String| {
        http.post(format!("{}/api/v1/calls/events", rig.base))
            .bearer_auth(SECRET)
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let ok = post(
        r#"{"event":"ringing","call_id":"timed","from":"+8613800138000","at":"2026-11-24T08:30:00+08:00"}"#
            .into(),
    )
    .await
    .expect("sent");
    assert_eq!(ok.status(), 202);
    let rows = event_rows(&url, "timed").await;
    assert_eq!(rows.len(), 1);
    let (_, received, pbx) = &rows[0];
    assert_eq!(*pbx, Some(1_795_480_200));
    assert!((chrono::Utc::now().timestamp() - received).abs() < 60);

    for bad in [
        r#""yesterday""#,
        r#""２０２６-11-24T00:30:00Z""#,
        r#""2026-11-24T00:30:00Z\u202e""#,
        "1795480200",
    ] {
        let response = post(format!(
            r#"{{"event":"ringing","call_id":"badly-timed","from":"x","at":{bad}}}"#
        ))
        .await
        .expect("sent");
        assert_eq!(response.status(), 422, "{bad}");
    }
    assert!(event_rows(&url, "badly-timed").await.is_empty());
}

common::backend_suite!(multi_thread;

    a_retry_storm_is_stored_and_offered_once,
    a_late_retry_never_rings_an_ended_call,
    only_the_offered_agent_or_a_supervisor_handles_a_call,
    call_ids_in_urls_are_checked,
    a_taken_call_leaves_the_other_agents,
    only_roles_that_take_calls_are_offered_calls,
    the_phone_systems_time_is_kept,
);
