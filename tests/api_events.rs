//! The event stream through the real server and the real `ApiClient`, on
//! both backends: reconnects, a second server, a stream that falls behind.

mod common;

use std::{sync::Arc, time::Duration};

use common::calls::{Rig, listen, next, next_offer, ringing};
use skydesk::{
    client::ApiClient,
    domain::{Role, User},
    server::{
        AppState, ServerConfig,
        calls::stream::follow,
        hub::{DynBus, Hub},
    },
    store,
    wire::{ServerEvent, StreamEvent},
};

/// A console that reconnects with `Last-Event-ID` gets what it missed; with
/// an id the server cannot resume from, the calls ringing for it now.
async fn a_reconnecting_console_misses_no_offer(url: String) {
    let rig = Rig::start(&url).await;
    let events = listen(&rig.ann).await;
    let last = events
        .last_event_id()
        .expect("the hello has an id")
        .to_string();
    assert_eq!(events.retry(), Some(Duration::from_secs(1)));
    drop(events);
    rig.ring("while-away", Some("ann")).await;
    rig.ring("for-bob", Some("bob")).await;

    let mut resumed = rig.ann.events_after(Some(&last)).await.expect("stream");
    assert!(matches!(
        next(&mut resumed).await,
        ServerEvent::Hello { .. }
    ));
    assert_eq!(next_offer(&mut resumed).await, "while-away");
    let after = resumed.last_event_id().expect("id").to_string();
    assert_ne!(after, last);
    drop(resumed);

    for hostile in [
        "garbage",
        "\u{202e}1-1",
        "９-９",
        "00000000-99999999999999999999999",
    ] {
        let mut fresh = rig.ann.events_after(Some(hostile)).await.expect("stream");
        assert!(matches!(next(&mut fresh).await, ServerEvent::Hello { .. }));
        assert_eq!(next_offer(&mut fresh).await, "while-away", "{hostile:?}");
    }
    // Once answered, it is no longer offered on reconnect.
    rig.ann.answer("while-away").await.expect("answered");
    let mut fresh = rig.ann.events_after(Some("garbage")).await.expect("stream");
    assert!(matches!(next(&mut fresh).await, ServerEvent::Hello { .. }));
    rig.ring("next", Some("ann")).await;
    assert_eq!(next_offer(&mut fresh).await, "next");
}

/// A second server on the same database offers a call rung on the first
/// (its bus does not carry it): it builds the offer from the store, and
/// the client fetches it.
async fn another_server_offers_from_the_store(url: String) {
    let rig = Rig::start(&url).await;
    let store = store::connect(&url).await.expect("store opens");
    let (addr, _) = skydesk::server::spawn(
        AppState::new(store, ServerConfig::default()),
        std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
    )
    .await
    .expect("second server");
    rig.ring("on-the-first", Some("ann")).await;
    let second = ApiClient::new(&format!("http://{addr}"), &rig.ann_token).expect("client");
    let mut events = second.events().await.expect("stream");
    assert!(matches!(next(&mut events).await, ServerEvent::Hello { .. }));
    let offer = match next(&mut events).await {
        ServerEvent::CallOffered { offer } => offer,
        other => panic!("expected an offer, got {other:?}"),
    };
    assert_eq!(offer.call_id, "on-the-first");
    assert_eq!(offer.agent.as_deref(), Some("ann"));
    assert_eq!(offer.line.kind, skydesk::domain::LineKind::VipHotline);
}

/// A stream that falls behind a tiny bus still gets the offer ringing for
/// its agent.
async fn a_lagging_stream_still_gets_its_offer(url: String) {
    use futures::StreamExt;
    let store = store::connect(&url).await.expect("store opens");
    let bus: DynBus = Arc::new(Hub::new(2));
    let state = AppState::with_bus(store, ServerConfig::default(), bus.clone());
    let ann = User {
        name: "ann".into(),
        roles: vec![Role::Agent],
    };
    let stream = follow(bus, state.calls.clone(), ann, None).await;
    futures::pin_mut!(stream);
    for n in 0..5 {
        state
            .calls
            .ingest(ringing(&format!("bob-{n}"), Some("bob")))
            .await
            .expect("rings");
    }
    state
        .calls
        .ingest(ringing("ann-1", Some("ann")))
        .await
        .expect("rings");
    for n in 5..10 {
        state
            .calls
            .ingest(ringing(&format!("bob-{n}"), Some("bob")))
            .await
            .expect("rings");
    }
    let hello = stream.next().await.expect("hello");
    assert!(matches!(hello.event, StreamEvent::Hello { .. }));
    let offered = tokio::time::timeout(Duration::from_secs(5), stream.next())
        .await
        .expect("not stuck")
        .expect("an event");
    match offered.event {
        StreamEvent::CallOffered { call_id, offer } => {
            assert_eq!(call_id, "ann-1");
            assert_eq!(offer.map(|o| o.call_id).as_deref(), Some("ann-1"));
        }
        other => panic!("expected an offer, got {other:?}"),
    }
}

common::backend_suite!(multi_thread;

    a_reconnecting_console_misses_no_offer,
    another_server_offers_from_the_store,
    a_lagging_stream_still_gets_its_offer,
);
