//! The simulated call centre against a real server through its webhooks,
//! as `skydesk simulate` and the demo run it: the floor fills with its
//! queues and agents, and no real agent's console rings. The centre is
//! stepped on its own clock, so the run is the same every time.
//!
//! A name given to the simulator that is a user's rings that user's
//! console, but only while the floor says they take calls; their state
//! stays theirs.

mod common;

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use common::calls::{Rig, SECRET, floor, listen, next_offer};
use skydesk::{
    domain::{
        CallEventKind, LineDirectory,
        floor::{AgentState, FloorSettings, StateRequest},
    },
    store::seed,
    telephony::{
        CallSink, FloorWatch, WebhookSink,
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

fn rings_at(out: &[Outgoing], agent: &str) -> usize {
    out.iter()
        .filter(|o| {
            matches!(o, Outgoing::Call(e)
                if e.event == CallEventKind::Ringing && e.agent.as_deref() == Some(agent))
        })
        .count()
}

async fn a_named_agent_on_break_at_their_console_is_never_rung(url: String) {
    let rig = Rig::start(&url).await;
    let _ann_console = listen(&rig.ann).await;
    rig.ann
        .set_my_state(&StateRequest {
            state: AgentState::OnBreak,
            reason: Some("Lunch".into()),
        })
        .await
        .expect("ann goes to lunch");
    let watch = FloorWatch::start(rig.sue.clone())
        .await
        .expect("sue reads the floor");
    let mut agents = agent_names(2, &[]).expect("names");
    agents.push("ann".into());
    let mut centre = Centre::new(
        CentreConfig {
            rate_per_minute: 6.0,
            vip_share: 0.15,
            agents,
            speed: 1.0,
            seed: 23,
            break_reasons: FloorSettings::default().break_reasons,
            lines: LineDirectory::default(),
            started: chrono::Utc::now(),
        },
        Callers::new(seed::demo_numbers(), 20),
    )
    .expect("a centre")
    .with_readiness(Arc::new(watch.clone()));
    let sink = WebhookSink {
        client: rig.pbx.clone(),
        secret: SECRET.into(),
    };

    // Twenty minutes of a busy floor while ann is at lunch: the two
    // simulated agents take every call, and nobody reports ann's state.
    let mut out = centre.start();
    let lunch = Duration::from_secs(20 * 60);
    while let Some(due) = centre.next_due().filter(|due| *due <= lunch) {
        out.extend(centre.advance(due));
    }
    assert!(centre.summary().calls > 40, "{}", centre.summary());
    assert_eq!(rings_at(&out, "ann"), 0, "ann rung at lunch");
    assert!(
        !out.iter()
            .any(|o| matches!(o, Outgoing::Agent(r) if r.agent == "ann")),
        "the simulator spoke for ann's state"
    );
    deliver(&sink, out).await;
    wait_for_floor(&rig, "ann still at lunch", |s| {
        s.floor.agents["ann"].state == AgentState::OnBreak && s.floor.agents.contains_key("sim-01")
    })
    .await;

    // Back from lunch: within the centre's next look she is rung.
    rig.ann
        .set_my_state(&StateRequest {
            state: AgentState::Available,
            reason: None,
        })
        .await
        .expect("ann is back");
    watch.refresh().await.expect("the floor read again");
    let mut out = Vec::new();
    let back = lunch + Duration::from_secs(20 * 60);
    while let Some(due) = centre.next_due().filter(|due| *due <= back) {
        out.extend(centre.advance(due));
    }
    assert!(rings_at(&out, "ann") > 0, "ann never rung once back");
    deliver(&sink, out).await;
}

common::backend_suite!(
    a_simulated_centre_fills_the_floor_and_rings_no_real_console,
    a_named_agent_on_break_at_their_console_is_never_rung,
);
