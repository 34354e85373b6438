//! The demo's first calls show what skydesk is for: a platinum or
//! government traveller on the VIP line with a flight today that is
//! delayed and an open complaint, then a shared number, then an unknown
//! caller; after them, the usual mix.

mod common;

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chrono::Utc;
use skydesk::{
    domain::{
        CallEvent, CallerId, DefaultRegion, FlightStatus, LineDirectory, LineKind, Segment, Tier,
        floor::AgentStateReport, phone::parse_caller_id,
    },
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

common::backend_suite!(the_first_demo_calls_show_what_skydesk_is_for);
