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

/// The store at `url` seeded with 60 travellers nine days before today;
/// gives it and today.
async fn seeded_nine_days_ago(url: &str) -> (store::DynStore, chrono::NaiveDate) {
    let store = store::connect(url).await.expect("store opens");
    let today = Utc::now().date_naive();
    seed::seed(
        store.as_ref(),
        60,
        today - chrono::Duration::days(9),
        &Default::default(),
        |_| {},
    )
    .await
    .expect("seeded");
    (store, today)
}

async fn the_first_demo_calls_show_what_skydesk_is_for(url: String) {
    // Seeded some days ago, then re-dated as the demo does at start.
    let (store, today) = seeded_nine_days_ago(&url).await;
    for id in 1..=seed::showcase::SHOWCASE_TRAVELLERS {
        store
            .redate_itinerary(&seed::traveller(id, today))
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

/// What an agent wrote on a showcase traveller: a note on today's flight
/// and a complaint about it.
struct AgentWork {
    flights: Vec<i64>,
    note: skydesk::domain::casework::Note,
    complaint: skydesk::domain::casework::ComplaintRecord,
}

async fn write_on_the_vip(store: &store::DynStore) -> AgentWork {
    use skydesk::{
        domain::casework::{Channel, ComplaintSettings, NewComplaintRecord, NewNote, Severity},
        store::{AddNote, IdempotencyKey, OpenComplaint, WriteGuard},
    };
    let guard = |key: &str| WriteGuard {
        idempotency: Some(IdempotencyKey {
            user: "demo".into(),
            key: key.into(),
            fingerprint: key.into(),
        }),
        expected_version: None,
    };
    let flights: Vec<_> = store
        .flight_refs(1)
        .await
        .expect("flights")
        .expect("the VIP");
    let delayed = flights
        .iter()
        .find(|f| f.flight_no == "CA1501")
        .expect("the delayed flight")
        .id;
    let note = NewNote::checked("demo", "Lounge pass offered", None, Some(delayed), None)
        .expect("valid note");
    let AddNote::Added(note) = store
        .add_note(1, &note, &guard("note"))
        .await
        .expect("note written")
        .outcome
    else {
        panic!("note refused");
    };
    let complaint = NewComplaintRecord {
        category: ComplaintSettings::default()
            .category("delay")
            .cloned()
            .expect("a default category"),
        flight_id: Some(delayed),
        severity: Severity::High,
        channel: Channel::Phone,
        description: "Three hours at PEK with no word".into(),
        request: "compensation".into(),
        opened_by: "demo".into(),
        proposed_recovery: None,
    };
    let OpenComplaint::Opened(complaint) = store
        .open_complaint(1, &complaint, &guard("complaint"))
        .await
        .expect("complaint written")
        .outcome
    else {
        panic!("complaint refused");
    };
    AgentWork {
        flights: flights.iter().map(|f| f.id).collect(),
        note,
        complaint: *complaint,
    }
}

/// A demo restart moves the showcase to today and leaves alone what the
/// agent wrote: the note and complaint stay, point at the same flight, and
/// the timeline's entries name them still.
async fn a_demo_restart_keeps_the_agents_work(url: String) {
    let (store, today) = seeded_nine_days_ago(&url).await;
    let work = write_on_the_vip(&store).await;
    for id in 1..=seed::showcase::SHOWCASE_TRAVELLERS {
        store
            .redate_itinerary(&seed::traveller(id, today))
            .await
            .expect("re-dated");
    }

    let flights = store
        .flight_refs(1)
        .await
        .expect("flights")
        .expect("the VIP");
    let mut ids: Vec<_> = flights.iter().map(|f| f.id).collect();
    let mut before = work.flights.clone();
    ids.sort_unstable();
    before.sort_unstable();
    assert_eq!(ids, before, "the flights keep their ids");
    let delayed = flights
        .iter()
        .find(|f| f.flight_no == "CA1501")
        .expect("the delayed flight");
    assert_eq!(delayed.date, today, "re-dated to today");

    let notes = store
        .notes(1, None, 10)
        .await
        .expect("notes")
        .expect("the VIP");
    assert_eq!(
        notes,
        std::slice::from_ref(&work.note),
        "the note is kept as written"
    );
    assert_eq!(notes[0].flight_id, Some(delayed.id));

    let complaint = store
        .complaint(work.complaint.id)
        .await
        .expect("read")
        .expect("the agent's complaint is kept");
    assert_eq!(complaint.traveller_id, 1);
    assert_eq!(complaint.description, work.complaint.description);
    assert_eq!(complaint.flight_id, Some(delayed.id));
    let all = store
        .traveller_complaints(1, None, 50)
        .await
        .expect("read")
        .expect("the VIP");
    assert_eq!(
        all.iter().filter(|c| c.opened_by.is_none()).count(),
        1,
        "the showcase's own complaint, once: {all:?}"
    );

    let history = store
        .history(1, None, 10)
        .await
        .expect("history")
        .expect("the VIP");
    let subjects: Vec<_> = history.iter().map(|h| h.subject.clone()).collect();
    assert!(subjects.contains(&work.note.id.to_string()), "{subjects:?}");
    assert!(
        subjects.contains(&work.complaint.id.to_string()),
        "{subjects:?}"
    );

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
    a_demo_restart_keeps_the_agents_work,
    the_demo_rings_only_an_available_agent_and_settles_its_calls,
);
