//! The figures against a call script worked out by hand.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::*;
use crate::domain::CentreTime;

/// 10:00 at the centre (UTC+8).
fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 2, 0, 0)
        .single()
        .expect("a time")
}

pub(super) fn at(seconds: i64) -> DateTime<Utc> {
    t0() + Duration::seconds(seconds)
}

fn queued(call_id: &str, queue: &str, seconds: i64) -> FloorChange {
    FloorChange::CallQueued {
        call_id: call_id.into(),
        queue: queue.into(),
        vip: false,
        caller: Some(format!("caller of {call_id}")),
        tier: Some(crate::domain::Tier::Gold),
        facts: None,
        at: at(seconds),
    }
}

pub(super) fn answered(call_id: &str, agent: &str, seconds: i64) -> FloorChange {
    FloorChange::CallAnswered {
        call_id: call_id.into(),
        agent: agent.into(),
        at: at(seconds),
    }
}

pub(super) fn ended(call_id: &str, seconds: i64) -> FloorChange {
    FloorChange::CallEnded {
        call_id: call_id.into(),
        at: at(seconds),
    }
}

fn wrapped(call_id: &str, agent: &str, seconds: i64) -> FloorChange {
    FloorChange::WrapUpDone {
        call_id: call_id.into(),
        agent: agent.into(),
        at: at(seconds),
    }
}

fn state(agent: &str, state: AgentState, reason: Option<&str>, seconds: i64) -> FloorChange {
    FloorChange::AgentState {
        agent: agent.into(),
        state,
        reason: reason.map(String::from),
        at: at(seconds),
    }
}

/// The script (seconds from 10:00; general: 80% within 20 s; short
/// abandons within 5 s):
/// - c0 an hour earlier: waits 5 s, ann talks 55 s, wraps up 30 s;
/// - c1: waits 10 s (in target), ann talks 120 s, wraps up 30 s;
/// - c2: waits 30 s (late), bob talks 60 s, then sets himself available
///   30 s later, which ends his wrap-up;
/// - c3: the caller gives up after 3 s (a short abandon);
/// - c4: the caller gives up after 45 s (an abandon);
/// - v1: a VIP in the VIP queue from 10:00:40, still waiting.
fn script() -> Vec<FloorChange> {
    vec![
        state("ann", AgentState::Available, None, -3700),
        queued("c0", "general", -3600),
        answered("c0", "ann", -3595),
        ended("c0", -3540),
        wrapped("c0", "ann", -3510),
        state("bob", AgentState::Available, None, -60),
        queued("c1", "general", 0),
        queued("c2", "general", 5),
        answered("c1", "ann", 10),
        queued("c3", "general", 20),
        ended("c3", 23),
        queued("c4", "general", 30),
        answered("c2", "bob", 35),
        queued("v1", "vip", 40),
        ended("c4", 75),
        ended("c2", 95),
        state("bob", AgentState::Available, None, 125),
        ended("c1", 130),
        wrapped("c1", "ann", 160),
    ]
}

fn floor_after(changes: &[FloorChange]) -> Floor {
    let mut floor = Floor::new(FloorSettings::default(), CentreTime::default(), at(-4000));
    for change in changes {
        floor.apply(change);
    }
    floor
}

fn queue<'a>(figures: &'a FloorFigures, name: &str) -> &'a QueueFigures {
    figures
        .queues
        .iter()
        .find(|q| q.name == name)
        .expect("the queue")
}

fn close(actual: Option<f64>, expected: f64) {
    let actual = actual.expect("a figure");
    assert!((actual - expected).abs() < 1e-9, "{actual} != {expected}");
}

#[test]
fn the_last_fifteen_minutes_match_the_hand_computed_figures() {
    let figures = floor_after(&script()).figures(at(180));
    let general = &queue(&figures, "general").last_15_minutes;
    assert_eq!(
        (
            general.answered,
            general.abandoned,
            general.short_abandoned,
            general.handled
        ),
        (2, 1, 1, 2)
    );
    // 1 of 2 answered + 1 abandoned within 20 s; the short abandon left out.
    close(general.service_level, 100.0 / 3.0);
    close(general.abandon_rate, 100.0 / 3.0);
    // (10 + 30) / 2
    close(general.average_speed_of_answer, 20.0);
    // ann (120 talk + 30 wrap-up) and bob (60 talk + 30 wrap-up): (150 + 90) / 2
    close(general.average_handle_time, 120.0);
}

#[test]
fn since_midnight_counts_the_earlier_call_too() {
    let figures = floor_after(&script()).figures(at(180));
    let today = &queue(&figures, "general").today;
    assert_eq!((today.answered, today.handled), (3, 3));
    // 2 in target of 3 answered + 1 abandoned
    close(today.service_level, 50.0);
    // (5 + 10 + 30) / 3
    close(today.average_speed_of_answer, 15.0);
    // (85 + 150 + 90) / 3
    close(today.average_handle_time, 325.0 / 3.0);
}

#[test]
fn waiting_calls_vip_alerts_and_service_level_alerts() {
    let figures = floor_after(&script()).figures(at(180));
    let vip = queue(&figures, "vip");
    assert_eq!((vip.waiting, vip.longest_wait_seconds), (1, Some(140)));
    assert!(vip.vip);
    assert_eq!(vip.last_15_minutes.service_level, None);
    assert_eq!(queue(&figures, "general").waiting, 0);
    assert!(queue(&figures, "general").below_target);
    assert!(matches!(
        &figures.alerts[0],
        FloorAlert::VipWaiting { seconds: 140, call_id, .. } if call_id == "v1"
    ));
    assert!(matches!(
        &figures.alerts[1],
        FloorAlert::ServiceLevel { target: 80, .. }
    ));
    assert_eq!(figures.alerts.len(), 2);
    // Not yet 30 s: no VIP alert.
    let early = floor_after(&script()).figures(at(70));
    assert!(
        !early
            .alerts
            .iter()
            .any(|a| matches!(a, FloorAlert::VipWaiting { .. }))
    );
}

#[test]
fn agents_show_their_state_time_in_state_and_handle_times() {
    let figures = floor_after(&script()).figures(at(180));
    let ann = &figures.agents[0];
    assert_eq!(ann.row.name, "ann");
    assert_eq!(
        (ann.row.state, ann.seconds_in_state),
        (AgentState::Available, 20)
    );
    assert_eq!(ann.row.handled, 2);
    close(ann.average_handle_time, (85.0 + 150.0) / 2.0);
    let bob = &figures.agents[1];
    assert_eq!(
        (bob.row.state, bob.seconds_in_state),
        (AgentState::Available, 55)
    );
    assert_eq!(figures.counts.available, 2);
}

#[test]
fn an_agent_long_in_wrap_up_turns_amber_then_red_with_an_alert() {
    let mut changes = script();
    changes.truncate(changes.len() - 1);
    let floor = floor_after(&changes);
    let ann = |now| {
        floor
            .figures(at(now))
            .agents
            .into_iter()
            .find(|a| a.row.name == "ann")
            .expect("ann")
    };
    assert_eq!(ann(150).attention, Attention::Normal);
    assert_eq!(ann(130 + 60).attention, Attention::Warn);
    assert_eq!(ann(130 + 300).attention, Attention::Alert);
    assert_eq!(ann(150).row.caller.as_deref(), Some("caller of c1"));
    assert!(
        floor
            .figures(at(430))
            .alerts
            .iter()
            .any(|a| matches!(a, FloorAlert::LongWrapUp { seconds: 300, .. }))
    );
}

#[test]
fn a_change_heard_twice_counts_once() {
    let once = floor_after(&script());
    let twice = floor_after(&[script(), script()].concat());
    assert_eq!(once.figures(at(180)), twice.figures(at(180)));
}

#[test]
fn a_break_asked_for_on_a_call_begins_after_its_wrap_up() {
    let mut floor = floor_after(&script());
    for change in [
        queued("c9", "general", 200),
        answered("c9", "ann", 202),
        state("ann", AgentState::OnBreak, Some("Lunch"), 210),
    ] {
        floor.apply(&change);
    }
    assert_eq!(floor.agents["ann"].state, AgentState::OnCall);
    floor.apply(&ended("c9", 260));
    assert_eq!(floor.agents["ann"].state, AgentState::WrapUp);
    floor.apply(&wrapped("c9", "ann", 270));
    assert_eq!(floor.agents["ann"].state, AgentState::OnBreak);
    assert_eq!(floor.agents["ann"].reason.as_deref(), Some("Lunch"));
}

#[test]
fn the_trend_holds_the_peak_waiting_each_minute_and_carries_quiet_minutes() {
    let figures = floor_after(&script()).figures(at(180));
    let trend = &queue(&figures, "general").trend;
    assert_eq!(trend.len(), 60);
    let minute = |m: i64| trend.iter().find(|p| p.minute == t0().timestamp() / 60 + m);
    assert_eq!(minute(0).map(|p| p.waiting), Some(2));
    assert_eq!(minute(1).map(|p| p.waiting), Some(1));
    assert_eq!(minute(2).map(|p| p.waiting), Some(0));
    close(minute(2).and_then(|p| p.service_level), 100.0 / 3.0);
}

#[test]
fn a_new_day_starts_the_day_figures_again() {
    let floor = floor_after(&script());
    // 00:05 the next day at the centre.
    let tomorrow = at(14 * 3600 + 300);
    let figures = floor.figures(tomorrow);
    assert_eq!(queue(&figures, "general").today.answered, 0);
    assert_eq!(figures.agents[0].row.handled, 0);
    let mut floor = floor;
    floor.apply(&queued("n1", "general", 14 * 3600 + 300));
    floor.apply(&answered("n1", "bob", 14 * 3600 + 301));
    let figures = floor.figures(tomorrow);
    assert_eq!(queue(&figures, "general").today.answered, 1);
}

#[test]
fn a_queue_the_settings_do_not_name_still_counts() {
    let floor = floor_after(&[queued("x", "sales", 0), answered("x", "ann", 4)]);
    let figures = floor.figures(at(10));
    let sales = queue(&figures, "sales");
    assert_eq!(sales.last_15_minutes.answered, 1);
    assert_eq!(sales.target_seconds, 20);
}

#[test]
fn the_floor_survives_json_both_ways() {
    let floor = floor_after(&script());
    let json = serde_json::to_string(&floor).expect("serialises");
    let back: Floor = serde_json::from_str(&json).expect("reads back");
    assert_eq!(back.figures(at(180)), floor.figures(at(180)));
}

#[test]
fn a_state_request_takes_only_the_centres_break_reasons() {
    let settings = FloorSettings {
        break_reasons: vec!["Lunch".into(), "午餐".into()],
        ..FloorSettings::default()
    };
    let ask = |state, reason: Option<&str>| {
        StateRequest {
            state,
            reason: reason.map(String::from),
        }
        .checked(&settings)
    };
    assert_eq!(
        ask(AgentState::OnBreak, Some(" lunch ")),
        Ok((AgentState::OnBreak, Some("Lunch".into())))
    );
    assert_eq!(
        ask(AgentState::OnBreak, Some("\u{202e}Lunch")),
        Ok((AgentState::OnBreak, Some("Lunch".into())))
    );
    assert_eq!(
        ask(AgentState::OnBreak, Some("午餐")),
        Ok((AgentState::OnBreak, Some("午餐".into())))
    );
    assert!(matches!(
        ask(AgentState::OnBreak, None),
        Err(StateRequestError::ReasonNeeded(_))
    ));
    assert!(matches!(
        ask(AgentState::OnBreak, Some("'; DROP TABLE agents;--")),
        Err(StateRequestError::UnknownReason(_, _))
    ));
    assert_eq!(
        ask(AgentState::Available, Some("Lunch")),
        Err(StateRequestError::ReasonWithoutBreak)
    );
    assert_eq!(
        ask(AgentState::OnCall, None),
        Err(StateRequestError::NotSettable)
    );
    assert_eq!(
        ask(AgentState::Available, None),
        Ok((AgentState::Available, None))
    );
}

#[test]
fn a_phone_systems_agent_report_is_checked() {
    let report = |agent: &str, state| AgentStateReport {
        agent: agent.into(),
        state,
        reason: Some("x".repeat(100)),
        at: None,
    };
    assert!(report("ann", AgentState::OnBreak).validate().is_ok());
    assert_eq!(
        report("ann", AgentState::OnBreak)
            .shown_reason()
            .map(|r| r.len()),
        Some(MAX_REASON_CHARS)
    );
    assert!(report("", AgentState::OnBreak).validate().is_err());
    assert!(
        report("a\u{1b}[2J", AgentState::OnBreak)
            .validate()
            .is_err()
    );
    assert!(report("ann", AgentState::OnCall).validate().is_err());
    assert!(
        report(&"x".repeat(129), AgentState::Available)
            .validate()
            .is_err()
    );
}
