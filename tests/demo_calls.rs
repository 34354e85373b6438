//! The demo's first calls show what skydesk is for: a platinum or
//! government traveller on the VIP line with a flight today that is
//! delayed and an open complaint, then a shared number, then an unknown
//! caller; after them, the usual mix.

mod common;

use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

use async_trait::async_trait;
use chrono::Utc;
use skydesk::{
    domain::{
        CallEvent, CallEventKind, CallerId, DefaultRegion, FlightStatus, LineDirectory, LineKind,
        Role, Segment, Tier, User,
        floor::{AgentRow, AgentState, AgentStateReport, FloorChange},
        phone::parse_caller_id,
    },
    server::{AppState, ServerConfig},
    store::{self, seed},
    telephony::{CallSink, SinkError, simulator::Simulator},
};

#[derive(Default)]
struct Recorded(Mutex<Vec<CallEvent>>);

#[async_trait]
impl CallSink for Recorded {
    async fn send(&self, event: CallEvent) -> Result<(), SinkError> {
        self.0
            .lock()
            .map_err(|_| SinkError::Failed("poisoned".into()))?
            .push(event);
        Ok(())
    }

    async fn agent_state(&self, _: AgentStateReport) -> Result<(), SinkError> {
        Err(SinkError::Refused(
            "the demo's showcase calls report no agents".into(),
        ))
    }
}

async fn the_first_demo_calls_show_what_skydesk_is_for(url: String) {
    let store = store::connect(&url).await.expect("store opens");
    // Seeded some days ago, then re-dated as the demo does at start.
    let today = Utc::now().date_naive();
    seed::seed(
        store.as_ref(),
        60,
        today - chrono::Duration::days(9),
        |_| {},
    )
    .await
    .expect("seeded");
    for id in 1..=seed::showcase::SHOWCASE_TRAVELLERS {
        store
            .replace_itinerary(&seed::traveller(id, today))
            .await
            .expect("re-dated");
    }
    let lines = LineDirectory::default();
    let sink = Arc::new(Recorded::default());
    let mut simulator = Simulator::new(sink.clone(), seed::demo_numbers(), 60, Some("demo".into()))
        .with_opening(seed::showcase::opening_calls(&lines));
    for _ in 0..4 {
        simulator.ring().await.expect("rings");
    }
    let events = sink.0.lock().expect("events").clone();
    assert_eq!(events.len(), 4);

    let mut pops = Vec::new();
    for event in &events[..3] {
        let matches = match parse_caller_id(&event.from, DefaultRegion::default()) {
            Ok(CallerId::Number(e164)) => {
                store.profiles_by_phone(&e164, today).await.expect("lookup")
            }
            other => panic!("{:?} is not a number: {other:?}", event.from),
        };
        pops.push((lines.line_for(&event.to).kind, matches));
    }

    let (line, vip) = &pops[0];
    assert_eq!(*line, LineKind::VipHotline);
    assert_eq!(vip.len(), 1, "one traveller on the VIP's number");
    let vip = &vip[0];
    assert!(
        vip.traveller.tier == Tier::Platinum
            || matches!(vip.traveller.segment, Segment::Government { .. })
    );
    assert!(
        vip.flights.iter().any(|f| f.date == today
            && f.status == FlightStatus::Delayed
            && f.delay_minutes >= 120),
        "a flight today, delayed: {:?}",
        vip.flights
    );
    assert!(!vip.open_complaints.is_empty(), "an open complaint");

    let (_, shared) = &pops[1];
    assert!(shared.len() > 1, "a shared number: {}", shared.len());

    let (_, unknown) = &pops[2];
    assert!(unknown.is_empty(), "an unknown caller");

    store.close().await;
}

/// The floor keeper's view of `agent`, once `done` holds (changes reach
/// the floor through the event bus, a moment after they are made).
async fn agent_when(
    state: &AppState,
    agent: &str,
    done: impl Fn(Option<&AgentRow>) -> bool,
) -> Option<AgentRow> {
    for _ in 0..100 {
        let row = state.floor.agent(agent);
        if done(row.as_ref()) {
            return row;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the floor never got there: {:?}", state.floor.agent(agent));
}

/// The demo rings its user only while they take calls, and a demo that
/// starts again ends the calls the last one left live.
async fn the_demo_rings_only_an_available_agent_and_settles_its_calls(url: String) {
    let store = store::connect(&url).await.expect("store opens");
    let demo = User {
        name: "demo".into(),
        roles: vec![Role::Agent, Role::Supervisor],
    };
    let lines = LineDirectory::default();
    let state = AppState::new(store.clone(), ServerConfig::default());
    state.floor.ready().await;
    let mut simulator = Simulator::new(
        Arc::new(state.calls.clone()),
        seed::demo_numbers(),
        60,
        Some("demo".into()),
    )
    .with_opening(seed::showcase::opening_calls(&lines))
    .with_readiness(Arc::new(state.floor.clone()));
    let set = |wanted: AgentState, reason: Option<&str>| FloorChange::AgentState {
        agent: "demo".into(),
        state: wanted,
        reason: reason.map(String::from),
        at: Utc::now(),
    };

    // Signed out, then on break: nothing rings.
    assert_eq!(simulator.ring().await.expect("asked"), None);
    state
        .floor
        .record(set(AgentState::OnBreak, Some("Lunch")))
        .await;
    agent_when(&state, "demo", |r| r.is_some()).await;
    assert_eq!(simulator.ring().await.expect("asked"), None);
    assert!(
        state
            .calls
            .ringing_for(&demo)
            .await
            .expect("read")
            .is_empty()
    );

    // Available: the showcase's first call rings, then another, which is
    // answered; on a call, nothing more rings.
    state.floor.record(set(AgentState::Available, None)).await;
    agent_when(&state, "demo", |r| {
        r.is_some_and(|r| r.state == AgentState::Available)
    })
    .await;
    let first = simulator.ring().await.expect("rings").expect("a call");
    let second = simulator.ring().await.expect("rings").expect("a call");
    state
        .calls
        .act(&demo, &second, CallEventKind::Answered)
        .await
        .expect("answered");
    agent_when(&state, "demo", |r| {
        r.is_some_and(|r| r.state == AgentState::OnCall)
    })
    .await;
    assert_eq!(simulator.ring().await.expect("asked"), None);
    assert_eq!(
        state.calls.ringing_for(&demo).await.expect("read"),
        std::slice::from_ref(&first)
    );

    // The demo is killed; the next one starts on the same store.
    drop(simulator);
    let again = AppState::new(store.clone(), ServerConfig::default());
    again.calls.settle_calls_of(&demo).await;
    assert!(
        again
            .calls
            .ringing_for(&demo)
            .await
            .expect("read")
            .is_empty(),
        "no call of the last run rings ahead of the showcase"
    );
    let row = agent_when(&again, "demo", |r| r.is_some_and(|r| r.call_id.is_none()))
        .await
        .expect("a row");
    assert_eq!(row.state, AgentState::Available, "{row:?}");
    let floor = again.floor.snapshot();
    assert!(
        !floor.calls.contains_key(&first)
            && floor
                .calls
                .get(&second)
                .is_none_or(|c| c.ended_at.is_some()),
        "{:?}",
        floor.calls
    );
    store.close().await;
}

common::backend_suite!(
    the_first_demo_calls_show_what_skydesk_is_for,
    the_demo_rings_only_an_available_agent_and_settles_its_calls,
);
