//! Agents between calls: after-call work, and breaks now and then (at
//! most a quarter of the floor away at once, as a supervisor would allow).

use std::time::Duration;

use super::{Centre, Outgoing, Timer};
use crate::{
    domain::floor::AgentState,
    telephony::simulator::{
        agents::{Activity, break_length},
        random::exponential,
    },
};

/// Average time between an agent's breaks (before the speed).
const BREAK_GAP: Duration = Duration::from_secs(75 * 60);
/// A break that cannot begin yet is tried again after this (before the
/// speed).
const BREAK_RETRY: Duration = Duration::from_secs(5 * 60);

impl Centre {
    /// The agent's next break falls due some time after `at`.
    pub(super) fn plan_break(&mut self, a: usize, at: Duration) {
        if self.config.break_reasons.is_empty() {
            return;
        }
        let gap = exponential(&mut self.rng, BREAK_GAP);
        let gap = self.scaled(gap);
        self.schedule(at + gap, Timer::BreakDue(a));
    }

    pub(super) fn break_ends(&mut self, a: usize, at: Duration, out: &mut Vec<Outgoing>) {
        if matches!(self.agents[a].activity, Activity::OnBreak { .. }) {
            self.report(a, AgentState::Available, None, at, out);
            self.agents[a].activity = Activity::Free { since: at };
            self.plan_break(a, at);
            self.dispatch(at, out);
        }
    }

    /// Wrap-up done: a break that is due begins, else the agent reports
    /// available (which ends their wrap-up on the floor).
    pub(super) fn after_call(&mut self, a: usize, at: Duration, out: &mut Vec<Outgoing>) {
        self.agents[a].activity = Activity::Free { since: at };
        if self.break_if_free(a, at, out) {
            return;
        }
        self.report(a, AgentState::Available, None, at, out);
        self.dispatch(at, out);
    }

    /// Starts the agent's due break when they are free and few enough
    /// others are away; a break that must wait is tried again later.
    pub(super) fn break_if_free(
        &mut self,
        a: usize,
        at: Duration,
        out: &mut Vec<Outgoing>,
    ) -> bool {
        if !self.agents[a].break_due || self.agents[a].free_since().is_none() {
            return false;
        }
        // A person at a console takes their own breaks.
        if self.at_console(a) {
            return false;
        }
        let away = self
            .agents
            .iter()
            .filter(|g| matches!(g.activity, Activity::OnBreak { .. }))
            .count();
        // A supervisor lets at most a quarter of the floor away at once.
        if away >= (self.agents.len() / 4).max(1) || self.config.break_reasons.is_empty() {
            let retry = self.scaled(BREAK_RETRY);
            self.schedule(at + retry, Timer::BreakRetry(a));
            return false;
        }
        let reasons = &self.config.break_reasons;
        let reason = reasons[rand::Rng::random_range(&mut self.rng, 0..reasons.len())].clone();
        let length = break_length(&mut self.rng, &reason);
        let length = self.scaled(length);
        self.report(a, AgentState::OnBreak, Some(reason.clone()), at, out);
        self.agents[a].activity = Activity::OnBreak { reason };
        self.agents[a].break_due = false;
        self.summary.breaks += 1;
        self.schedule(at + length, Timer::BreakEnds(a));
        true
    }
}
