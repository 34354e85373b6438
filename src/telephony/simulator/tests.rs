//! The call centre on a virtual clock: hours of a floor in no time, from a
//! fixed seed, so every figure below is the same on every run. The
//! tolerances are the model's (a Poisson count's spread, a median's), not
//! the machine's.

use std::{
    collections::{BTreeMap, HashMap},
    time::Duration,
};

use super::*;
use crate::{
    domain::{
        CallEvent, CallEventKind, LineDirectory,
        floor::{AgentState, AgentStateReport, FloorSettings},
    },
    store::seed,
};

pub(super) fn config(rate: f64, agents: usize, speed: f64, seed: u64) -> CentreConfig {
    CentreConfig {
        rate_per_minute: rate,
        vip_share: 0.15,
        agents: agent_names(agents, &[]).expect("names"),
        speed,
        seed,
        break_reasons: FloorSettings::default().break_reasons,
        lines: LineDirectory::default(),
        started: chrono::Utc::now(),
    }
}

pub(super) fn centre(config: CentreConfig) -> Centre {
    Centre::new(config, Callers::new(seed::demo_numbers(), 1000)).expect("a centre")
}

/// Everything the centre sends in `hours` of its time, with when.
fn play(config: CentreConfig, hours: f64) -> (Vec<(Duration, Outgoing)>, Summary) {
    let mut centre = centre(config);
    let mut sent: Vec<(Duration, Outgoing)> = centre
        .start()
        .into_iter()
        .map(|o| (Duration::ZERO, o))
        .collect();
    let end = Duration::from_secs_f64(hours * 3600.0);
    while let Some(due) = centre.next_due().filter(|due| *due <= end) {
        sent.extend(centre.advance(due).into_iter().map(|o| (due, o)));
    }
    sent.extend(centre.finish(end).into_iter().map(|o| (end, o)));
    (sent, centre.summary().clone())
}

fn calls(sent: &[(Duration, Outgoing)]) -> Vec<(Duration, &CallEvent)> {
    sent.iter()
        .filter_map(|(at, o)| match o {
            Outgoing::Call(e) => Some((*at, e)),
            Outgoing::Agent(_) => None,
        })
        .collect()
}

fn reports(sent: &[(Duration, Outgoing)]) -> Vec<(Duration, &AgentStateReport)> {
    sent.iter()
        .filter_map(|(at, o)| match o {
            Outgoing::Agent(r) => Some((*at, r)),
            Outgoing::Call(_) => None,
        })
        .collect()
}

pub(super) fn kinds_by_call(sent: &[(Duration, Outgoing)]) -> BTreeMap<String, Vec<CallEventKind>> {
    let mut by_call: BTreeMap<String, Vec<CallEventKind>> = BTreeMap::new();
    for (_, e) in calls(sent) {
        by_call.entry(e.call_id.clone()).or_default().push(e.event);
    }
    by_call
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

#[test]
fn arrivals_come_at_the_rate_and_a_share_dial_the_vip_hotline() {
    for seed in 1..=3 {
        let (sent, summary) = play(config(30.0, 40, 1.0, seed), 1.0);
        let queued: Vec<_> = calls(&sent)
            .into_iter()
            .filter(|(_, e)| e.event == CallEventKind::Queued)
            .collect();
        assert_eq!(queued.len() as u64, summary.calls);
        // 1,800 expected; a Poisson count's spread is about 42.
        assert!(
            (1650..=1950).contains(&queued.len()),
            "seed {seed}: {} calls in an hour at 30 a minute",
            queued.len()
        );
        let vip = queued
            .iter()
            .filter(|(_, e)| e.to == "+864008108888")
            .count() as f64
            / queued.len() as f64;
        assert!((vip - 0.15).abs() < 0.03, "seed {seed}: VIP share {vip}");
        assert!(queued.iter().all(|(_, e)| e.agent.is_none()));
    }
}

#[test]
fn abandons_rise_when_agents_are_few() {
    let rate = |agents| {
        let (_, s) = play(config(1.5, agents, 1.0, 11), 3.0);
        s.abandoned as f64 / s.calls as f64
    };
    let few = rate(3);
    let many = rate(16);
    assert!(few > 0.3, "3 agents for 1.5 calls a minute: {few}");
    assert!(many < 0.1, "16 agents: {many}");
}

#[test]
fn every_call_that_rings_ends_and_rings_only_its_agent() {
    let config = config(2.0, 8, 1.0, 5);
    let agents = config.agents.clone();
    let (sent, summary) = play(config, 2.0);
    use CallEventKind::*;
    let mut shapes: HashMap<Vec<CallEventKind>, usize> = HashMap::new();
    for kinds in kinds_by_call(&sent).into_values() {
        assert!(
            [
                vec![Queued, Abandoned],
                vec![Queued, Ringing, Abandoned],
                vec![Queued, Ringing, Answered, Hangup],
            ]
            .contains(&kinds),
            "{kinds:?}"
        );
        *shapes.entry(kinds).or_default() += 1;
    }
    assert_eq!(shapes.len(), 3, "every way a call goes: {shapes:?}");
    for (_, e) in calls(&sent) {
        match e.event {
            Ringing | Answered | Hangup => {
                assert!(agents.contains(e.agent.as_ref().expect("an agent")))
            }
            Queued | Abandoned => assert_eq!(e.agent, None),
        }
    }
    let answered = shapes[&vec![Queued, Ringing, Answered, Hangup]] as u64;
    assert_eq!(summary.answered, answered);
    let by_time: Vec<Duration> = sent.iter().map(|(at, _)| *at).collect();
    assert!(by_time.windows(2).all(|w| w[0] <= w[1]), "in time order");
}

#[test]
fn every_agent_that_takes_a_call_reports_available_after_it() {
    let end = Duration::from_secs(2 * 3600);
    let (sent, _) = play(config(2.0, 8, 1.0, 8), 2.0);
    let mut checked = 0;
    for (i, (hung_up, o)) in sent.iter().enumerate() {
        let Outgoing::Call(e) = o else { continue };
        if e.event != CallEventKind::Hangup || *hung_up == end {
            continue;
        }
        let agent = e.agent.as_deref().expect("an agent");
        // Nothing rings at them until they report, after their wrap-up.
        let next = sent[i + 1..]
            .iter()
            .find(|(_, o)| match o {
                Outgoing::Agent(r) => r.agent == agent,
                Outgoing::Call(c) => c.agent.as_deref() == Some(agent),
            })
            .expect("the agent reports after the call");
        let Outgoing::Agent(report) = &next.1 else {
            panic!("a call rang at {agent} before they finished wrapping up");
        };
        if report.state == AgentState::SignedOut {
            assert_eq!(next.0, end);
            continue;
        }
        assert!(
            matches!(report.state, AgentState::Available | AgentState::OnBreak),
            "{report:?}"
        );
        let wrap_up = (next.0 - *hung_up).as_secs_f64();
        assert!((20.0..=90.0).contains(&wrap_up), "wrap-up of {wrap_up} s");
        checked += 1;
    }
    assert!(checked > 100, "{checked} calls checked");
}

#[test]
fn agents_take_breaks_with_the_centres_reasons_and_come_back() {
    let config = config(1.0, 8, 1.0, 21);
    let reasons = config.break_reasons.clone();
    let (sent, summary) = play(config, 4.0);
    let reports = reports(&sent);
    let breaks: Vec<_> = reports
        .iter()
        .filter(|(_, r)| r.state == AgentState::OnBreak)
        .collect();
    assert_eq!(breaks.len() as u64, summary.breaks);
    // About 2.6 breaks an agent in four hours.
    assert!((10..=35).contains(&breaks.len()), "{} breaks", breaks.len());
    for (at, r) in &breaks {
        assert!(reasons.contains(r.reason.as_ref().expect("a reason")));
        let back = reports
            .iter()
            .find(|(later, b)| later > at && b.agent == r.agent)
            .expect("back from the break");
        assert!(matches!(
            back.1.state,
            AgentState::Available | AgentState::SignedOut
        ));
    }
    let mut away: HashMap<&str, bool> = HashMap::new();
    for (_, r) in &reports {
        away.insert(&r.agent, r.state == AgentState::OnBreak);
        assert!(
            away.values().filter(|a| **a).count() <= 2,
            "a quarter at most"
        );
    }
}

#[test]
fn talk_times_are_minutes_longer_for_vips_and_shorter_at_speed() {
    let talk_medians = |speed: f64| {
        let (sent, _) = play(config(4.0, 40, speed, 13), 3.0);
        let mut answered: HashMap<String, Duration> = HashMap::new();
        let mut by_queue: HashMap<String, Vec<f64>> = HashMap::new();
        for (at, e) in calls(&sent) {
            match e.event {
                CallEventKind::Answered => {
                    answered.insert(e.call_id.clone(), at);
                }
                CallEventKind::Hangup if at < Duration::from_secs(3 * 3600) => {
                    let talk = at - answered[&e.call_id];
                    by_queue
                        .entry(e.queue.clone().expect("a queue"))
                        .or_default()
                        .push(talk.as_secs_f64());
                }
                _ => {}
            }
        }
        (
            median(by_queue.remove("general").expect("general calls")),
            median(by_queue.remove("vip").expect("VIP calls")),
        )
    };
    let (general, vip) = talk_medians(1.0);
    assert!(
        (180.0..=240.0).contains(&general),
        "general median {general} s"
    );
    assert!(vip > general * 1.2, "VIP median {vip} s");
    let (fast, _) = talk_medians(10.0);
    assert!((18.0..=24.0).contains(&fast), "at 10×: {fast} s");
}

#[test]
fn a_seed_plays_the_same_run_again() {
    let at = chrono::Utc::now();
    let with = |seed| {
        let mut c = config(3.0, 6, 1.0, seed);
        c.started = at;
        play(c, 0.5).0
    };
    assert_eq!(with(42), with(42));
    assert_ne!(with(42), with(43));
}

#[test]
fn bad_settings_are_refused_in_words() {
    let mut c = config(0.0, 4, 1.0, 1);
    assert!(Centre::new(c.clone(), Callers::new(seed::demo_numbers(), 10)).is_err());
    c.rate_per_minute = 5.0;
    c.speed = 0.0;
    assert!(Centre::new(c.clone(), Callers::new(seed::demo_numbers(), 10)).is_err());
    c.speed = 1.0;
    c.agents = Vec::new();
    assert!(Centre::new(c.clone(), Callers::new(seed::demo_numbers(), 10)).is_err());
    c.agents = vec!["ann".into()];
    c.vip_share = -0.1;
    assert!(Centre::new(c, Callers::new(seed::demo_numbers(), 10)).is_err());
}
