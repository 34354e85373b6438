//! The simulated call centre against a real server through its webhooks,
//! as `skydesk simulate` and the demo run it: the floor fills with its
//! queues and agents, and no real agent's console rings. The centre is
//! stepped on its own clock, so the run is the same every time.

mod common;

use std::time::{Duration, Instant};

use common::calls::{Rig, SECRET, floor, listen, next_offer};
use skydesk::{
    domain::{
        CallEventKind, LineDirectory,
        floor::{AgentState, FloorSettings},
    },
    store::seed,
    telephony::{
        CallSink, WebhookSink,
        simulator::{Callers, Centre, CentreConfig, Outgoing, agent_names},
    },
    wire::FloorSnapshot,
};

async fn deliver(sink: &WebhookSink, out: Vec<Outgoing>) {
    for item in out {
        match item {
            Outgoing::Call(event) => sink.send(event).await,
            Outgoing::Agent(report) => sink.agent_state(report).await,
        }
        .expect("the server takes every simulated event");
    }
}

async fn wait_for_floor(rig: &Rig, what: &str, check: impl Fn(&FloorSnapshot) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let snapshot = floor(rig).await;
        if check(&snapshot) {
            return;
        }
        assert!(Instant::now() < deadline, "{what}: {:?}", snapshot.floor);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn a_simulated_centre_fills_the_floor_and_rings_no_real_console(url: String) {
    let rig = Rig::start(&url).await;
    let mut ann = listen(&rig.ann).await;
    let agents = agent_names(4, &[]).expect("names");
    let mut centre = Centre::new(
        CentreConfig {
            rate_per_minute: 3.0,
            vip_share: 0.15,
            agents: agents.clone(),
            speed: 1.0,
            seed: 17,
            break_reasons: FloorSettings::default().break_reasons,
            lines: LineDirectory::default(),
            started: chrono::Utc::now(),
        },
        Callers::new(seed::demo_numbers(), 20),
    )
    .expect("a centre");
    let sink = WebhookSink {
        client: rig.pbx.clone(),
        secret: SECRET.into(),
    };
    let mut out = centre.start();
    let end = Duration::from_secs(15 * 60);
    while let Some(due) = centre.next_due().filter(|due| *due <= end) {
        out.extend(centre.advance(due));
    }
    let sent = |kind: CallEventKind| {
        out.iter()
            .filter(|o| matches!(o, Outgoing::Call(e) if e.event == kind))
            .count() as u32
    };
    let (answered, abandoned) = (
        sent(CallEventKind::Answered),
        sent(CallEventKind::Abandoned),
    );
    let summary = centre.summary().clone();
    assert!(summary.calls > 20 && answered > 10, "{summary}");
    deliver(&sink, out).await;

    // Mid-run: every queue's answers and abandons, and every agent.
    wait_for_floor(&rig, "the run's calls counted", |s| {
        let total = |f: fn(&skydesk::domain::floor::Tally) -> u32| -> u32 {
            s.floor.queues.values().map(|q| f(&q.day)).sum()
        };
        total(|t| t.answered) == answered
            && total(|t| t.abandoned + t.short_abandoned) == abandoned
            && agents.iter().all(|a| s.floor.agents.contains_key(a))
    })
    .await;

    // The end: what was live is ended, and every agent signs out.
    deliver(&sink, centre.finish(end)).await;
    wait_for_floor(&rig, "nothing live, everyone gone", |s| {
        s.floor.calls.values().all(|c| c.ended_at.is_some())
            && s.floor.queues.values().all(|q| q.waiting == 0)
            && agents
                .iter()
                .all(|a| s.floor.agents[a].state == AgentState::SignedOut)
    })
    .await;

    // ann's console heard of none of it: the next offer is her own call.
    rig.ring("for-ann", Some("ann")).await;
    assert_eq!(next_offer(&mut ann).await, "for-ann");
}

common::backend_suite!(a_simulated_centre_fills_the_floor_and_rings_no_real_console);
