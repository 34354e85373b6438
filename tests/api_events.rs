//! The event stream through the real server and the real `ApiClient`, on
//! both backends: reconnects, a second server, a stream that falls behind.

mod common;

use std::{sync::Arc, time::Duration};

use common::{
    calls::{Rig, SECRET, listen, next, next_offer, ringing},
    proxy,
};
use skydesk::{
    client::{ApiClient, ClientError},
    domain::{CallEventKind, Role, User},
    server::{
        AppState, ServerConfig, StreamKeepAlive,
        calls::stream::follow,
        hub::{DynBus, Hub},
    },
    store,
    wire::{ServerEvent, StreamEvent},
};
use std::sync::atomic::Ordering;

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

/// A second server (which has no offer at hand) names a call without its
/// offer; the offer route fails three times with 500 before it answers:
/// the offer is asked for again until it arrives, and the stream itself
/// asks for nothing.
async fn an_offer_that_fails_to_load_is_asked_again_until_it_arrives(url: String) {
    let rig = Rig::start(&url).await;
    let store = store::connect(&url).await.expect("store opens");
    let (second, _) = skydesk::server::spawn(
        AppState::new(store, ServerConfig::default()),
        std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
    )
    .await
    .expect("second server");
    rig.ring("on-the-first", Some("ann")).await;
    let (proxy, failed) = proxy::failing(second, "GET /api/v1/calls/", 3).await;
    let ann = ApiClient::new(&format!("http://{proxy}"), &rig.ann_token).expect("client");

    let mut events = ann.events().await.expect("stream");
    assert!(matches!(next(&mut events).await, ServerEvent::Hello { .. }));
    let offer = match next(&mut events).await {
        ServerEvent::CallOffered { offer } => offer,
        other => panic!("expected an offer, got {other:?}"),
    };
    assert_eq!(offer.call_id, "on-the-first");
    assert_eq!(failed.load(Ordering::SeqCst), 3, "each failure was retried");

    // The console's way: the stream only names the call, the offer is
    // asked for apart.
    let mut events = ann.events_after(Some("garbage")).await.expect("stream");
    let mut named = None;
    while named.is_none() {
        match events
            .next_message()
            .await
            .expect("an event")
            .expect("readable")
        {
            ServerEvent::CallAnnounced { call_id } => named = Some(call_id),
            ServerEvent::CallOffered { offer } => panic!("fetched by the stream: {offer:?}"),
            _ => {}
        }
    }
    assert_eq!(named.as_deref(), Some("on-the-first"));
    let offer = ann.ringing_offer("on-the-first").await.expect("asked");
    assert_eq!(offer.map(|o| o.call_id).as_deref(), Some("on-the-first"));
    rig.pbx("on-the-first", CallEventKind::Hangup).await;
    assert_eq!(
        ann.ringing_offer("on-the-first").await.expect("asked"),
        None
    );
}

/// A connection that goes silent without closing (a Wi-Fi or NAT drop) is
/// noticed within three keep-alive intervals, and a reconnect resumed
/// after the last event gets the call that rang meanwhile.
async fn a_silent_stream_is_noticed_and_the_reconnect_catches_up(url: String) {
    let store = store::connect(&url).await.expect("store opens");
    let keep_alive = Duration::from_millis(200);
    let config = ServerConfig {
        webhook_secret: Some(SECRET.into()),
        stream_keep_alive: StreamKeepAlive(keep_alive),
        ..ServerConfig::default()
    };
    let (base, token) = common::serve_signed_in(store, config).await;
    let upstream = base
        .trim_start_matches("http://")
        .parse()
        .expect("an address");
    let (proxy, stalled) = proxy::stallable(upstream).await;
    let ann = ApiClient::new(&format!("http://{proxy}"), &token)
        .expect("client")
        .with_stream_silence(keep_alive * 3);
    let pbx = ApiClient::new(&base, "").expect("client");

    let mut events = ann.events().await.expect("stream");
    assert!(matches!(next(&mut events).await, ServerEvent::Hello { .. }));
    // Quiet but alive: the keep-alives hold it open.
    assert!(
        tokio::time::timeout(keep_alive * 10, events.next_message())
            .await
            .is_err(),
        "a quiet stream is not taken for dead"
    );
    let last = events.last_event_id().expect("an id").to_string();

    stalled.store(true, Ordering::SeqCst);
    let noticed = tokio::time::timeout(Duration::from_secs(20), events.next_message())
        .await
        .expect("the silence is noticed");
    match noticed {
        Some(Err(ClientError::Network(why))) => assert!(why.contains("reconnecting"), "{why}"),
        other => panic!("expected the stream to fail, got {other:?}"),
    }
    assert!(events.next_message().await.is_none(), "the stream ended");
    pbx.post_call_event(SECRET, &ringing("while-silent", Some("ann")))
        .await
        .expect("rings");

    // The network is back: the reconnect resumes after the last event.
    stalled.store(false, Ordering::SeqCst);
    let mut resumed = ann.events_after(Some(&last)).await.expect("stream");
    assert!(matches!(
        next(&mut resumed).await,
        ServerEvent::Hello { .. }
    ));
    assert_eq!(next_offer(&mut resumed).await, "while-silent");
}

common::backend_suite!(multi_thread;
    an_offer_that_fails_to_load_is_asked_again_until_it_arrives,
    a_silent_stream_is_noticed_and_the_reconnect_catches_up,

    a_reconnecting_console_misses_no_offer,
    another_server_offers_from_the_store,
    a_lagging_stream_still_gets_its_offer,
);
