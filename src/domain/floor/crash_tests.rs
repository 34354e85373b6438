//! The floor after a crash: one agent on at most one call in every count,
//! and an agent whose console is gone shown as such.

use super::tests::{answered, at, ended};
use super::*;
use crate::domain::CentreTime;

fn floor(changes: &[FloorChange]) -> Floor {
    let mut floor = Floor::new(FloorSettings::default(), CentreTime::default(), at(0));
    for change in changes {
        floor.apply(change);
    }
    floor
}

fn queued(call_id: &str, seconds: i64) -> FloorChange {
    FloorChange::CallQueued {
        call_id: call_id.into(),
        queue: "general".into(),
        vip: false,
        caller: None,
        tier: None,
        facts: None,
        at: at(seconds),
    }
}

fn state(agent: &str, state: AgentState, seconds: i64) -> FloorChange {
    FloorChange::AgentState {
        agent: agent.into(),
        state,
        reason: None,
        at: at(seconds),
    }
}

fn opened(agent: &str, stream: &str, seconds: i64) -> FloorChange {
    FloorChange::ConsoleOpened {
        agent: agent.into(),
        stream: stream.into(),
        at: at(seconds),
    }
}

fn closed(agent: &str, stream: &str, seconds: i64) -> FloorChange {
    FloorChange::ConsoleClosed {
        agent: agent.into(),
        stream: stream.into(),
        at: at(seconds),
    }
}

fn general(figures: &FloorFigures) -> AgentCounts {
    figures
        .queues
        .iter()
        .find(|q| q.name == "general")
        .expect("general")
        .agents
}

/// ann's console is killed on a call; it comes back and she takes the
/// next call while the phone system still has the first one on.
#[test]
fn a_console_killed_on_a_call_leaves_no_phantom_wrap_up() {
    let mut floor = floor(&[
        state("ann", AgentState::Available, 0),
        state("bo", AgentState::SignedOut, 0),
        queued("c1", 10),
        answered("c1", "ann", 12),
        state("ann", AgentState::Available, 40),
        queued("c2", 50),
        answered("c2", "ann", 52),
    ]);
    let figures = floor.figures(at(60));
    assert_eq!(
        (general(&figures).on_call, general(&figures).wrap_up),
        (1, 0)
    );
    floor.apply(&ended("c1", 70));
    let figures = floor.figures(at(80));
    let queue = general(&figures);
    assert_eq!((queue.on_call, queue.wrap_up), (1, 0), "{figures:?}");
    assert_eq!((figures.counts.on_call, figures.counts.wrap_up), (1, 0));
    assert!(!floor.calls.contains_key("c1"), "the first call is settled");
}

#[test]
fn answering_the_next_call_ends_a_wrap_up_never_recorded() {
    let floor = floor(&[
        state("ann", AgentState::Available, 0),
        queued("c1", 10),
        answered("c1", "ann", 12),
        ended("c1", 30),
        queued("c2", 50),
        answered("c2", "ann", 52),
    ]);
    let figures = floor.figures(at(60));
    let queue = general(&figures);
    assert_eq!((queue.on_call, queue.wrap_up), (1, 0), "{figures:?}");
    assert_eq!(floor.agents["ann"].handled, 1, "the first call was handled");
}

#[test]
fn a_console_gone_past_the_setting_is_shown_gone_and_not_counted() {
    let floor = floor(&[
        state("ann", AgentState::Available, 0),
        opened("ann", "s1", 0),
        closed("ann", "s1", 10),
    ]);
    let gone_after = i64::from(FloorSettings::default().console_gone_seconds);
    let before = floor.figures(at(10 + gone_after - 1));
    assert_eq!((before.counts.available, before.counts.gone), (1, 0));
    let after = floor.figures(at(10 + gone_after));
    assert_eq!((after.counts.available, after.counts.gone), (0, 1));
    assert!(after.agents[0].console_gone);
    assert_eq!(after.agents[0].seconds_in_state, gone_after);
}

#[test]
fn a_console_that_reconnects_elsewhere_is_not_gone_when_the_old_stream_closes_late() {
    let floor = floor(&[
        state("ann", AgentState::Available, 0),
        opened("ann", "a-1", 0),
        // Killed on server A; back on server B before A notices.
        opened("ann", "b-1", 5),
        closed("ann", "a-1", 20),
    ]);
    let figures = floor.figures(at(1000));
    assert_eq!((figures.counts.available, figures.counts.gone), (1, 0));
}

#[test]
fn a_wrap_up_whose_console_is_gone_is_not_counted_nor_alerted() {
    let floor = floor(&[
        state("ann", AgentState::Available, 0),
        opened("ann", "s1", 0),
        queued("c1", 10),
        answered("c1", "ann", 12),
        ended("c1", 30),
        closed("ann", "s1", 31),
    ]);
    let figures = floor.figures(at(31 + 600));
    assert_eq!(general(&figures).wrap_up, 0);
    assert_eq!((figures.counts.wrap_up, figures.counts.gone), (0, 1));
    assert!(figures.alerts.is_empty(), "{:?}", figures.alerts);
}

#[test]
fn a_call_the_phone_system_still_reports_goes_on_without_the_console() {
    let floor = floor(&[
        state("ann", AgentState::Available, 0),
        opened("ann", "s1", 0),
        queued("c1", 10),
        answered("c1", "ann", 12),
        closed("ann", "s1", 20),
    ]);
    let figures = floor.figures(at(600));
    assert_eq!((figures.counts.on_call, figures.counts.gone), (1, 0));
    assert_eq!(general(&figures).on_call, 1);
}
