//! Events across servers: a call rung on one server is offered on the
//! other, an answer given on one reaches both, and consoles resume when
//! the servers' listening connections are cut.

use std::time::Duration;

use skydesk::{client::ApiClient, wire::ServerEvent};

use crate::{
    common::{
        calls::{SECRET, listen, next, next_offer, ringing},
        process::run,
    },
    rig::{cut_listening_connections, server},
};

pub async fn an_event_reaches_consoles_on_every_server(url: String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmp = dir.path();
    let token = run(
        &["user", "add", "ann", "--role", "agent", "--db", &url],
        tmp,
    )
    .trim()
    .to_string();
    let (_a, base_a) = server(&url, tmp).await;
    let (_b, base_b) = server(&url, tmp).await;
    let ann_a = ApiClient::new(&base_a, &token).expect("client");
    let ann_b = ApiClient::new(&base_b, &token).expect("client");
    let pbx_a = ApiClient::new(&base_a, "").expect("client");
    let mut on_a = listen(&ann_a).await;
    let mut on_b = listen(&ann_b).await;

    // Rung on A: offered on B, the offer fetched from B (B has none ready).
    pbx_a
        .post_call_event(SECRET, &ringing("rung-on-a", Some("ann")))
        .await
        .expect("ringing accepted");
    match next(&mut on_b).await {
        ServerEvent::CallOffered { offer } => {
            assert_eq!(offer.call_id, "rung-on-a");
            assert_eq!(offer.agent.as_deref(), Some("ann"));
            assert_eq!(offer.line.kind, skydesk::domain::LineKind::VipHotline);
        }
        other => panic!("expected an offer on B, got {other:?}"),
    }
    assert_eq!(next_offer(&mut on_a).await, "rung-on-a");

    // Answered on B: A's stream hears of it, and so does B's.
    ann_b.answer("rung-on-a").await.expect("answered on B");
    for (server, events) in [("A", &mut on_a), ("B", &mut on_b)] {
        assert_eq!(
            next(events).await,
            ServerEvent::CallAnswered {
                call_id: "rung-on-a".into(),
                agent: "ann".into(),
            },
            "on {server}"
        );
    }

    // And the other way round: rung on B, offered on A.
    let pbx_b = ApiClient::new(&base_b, "").expect("client");
    pbx_b
        .post_call_event(SECRET, &ringing("rung-on-b", Some("ann")))
        .await
        .expect("ringing accepted");
    assert_eq!(next_offer(&mut on_a).await, "rung-on-b");
    assert_eq!(next_offer(&mut on_b).await, "rung-on-b");

    // Both servers' listening connections cut: every stream closes, and a
    // console that reconnects with its last id is offered again what is
    // still ringing, then hears new events.
    assert_eq!(cut_listening_connections(&url).await, 2);
    let mut resumed = Vec::new();
    for (server, client, mut events) in [("A", &ann_a, on_a), ("B", &ann_b, on_b)] {
        let closed = tokio::time::timeout(Duration::from_secs(30), async {
            while events.next_event().await.is_some() {}
        })
        .await;
        assert!(closed.is_ok(), "the stream on {server} stayed open");
        let last = events.last_event_id().map(String::from);
        let mut again = client.events_after(last.as_deref()).await.expect("stream");
        assert!(matches!(next(&mut again).await, ServerEvent::Hello { .. }));
        assert_eq!(next_offer(&mut again).await, "rung-on-b", "on {server}");
        resumed.push(again);
    }
    pbx_a
        .post_call_event(SECRET, &ringing("after-the-cut", Some("ann")))
        .await
        .expect("ringing accepted");
    for events in &mut resumed {
        assert_eq!(next_offer(events).await, "after-the-cut");
    }
}
