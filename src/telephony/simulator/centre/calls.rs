//! The calls: a caller arrives and joins a queue, is put through to a
//! free agent, talks, and hangs up; or gives up waiting.

use std::time::Duration;

use super::{CENTRE_CALL_PREFIX, Centre, Outgoing, SimCall, Timer};
use crate::{
    domain::{CallEventKind, LineKind},
    telephony::simulator::{
        agents::Activity,
        arrivals::next_gap,
        random::{exponential, log_normal, uniform},
    },
};

/// Seconds a call rings at an agent before they pick up.
const RING_SECONDS: (f64, f64) = (2.0, 6.0);
/// Seconds of after-call work.
const WRAP_UP_SECONDS: (f64, f64) = (20.0, 90.0);
/// The spread of talk times (of their logarithm).
const TALK_SIGMA: f64 = 0.55;
/// No call talks longer than this (before the speed).
const TALK_AT_MOST: Duration = Duration::from_secs(40 * 60);

/// Half of the calls on a line of this kind are shorter than this.
fn talk_median(kind: LineKind) -> Duration {
    Duration::from_secs(match kind {
        LineKind::General => 210,
        LineKind::Corporate => 240,
        LineKind::Government => 270,
        LineKind::VipHotline => 330,
    })
}

/// A caller's average patience; it shortens as more callers wait ahead.
fn patience_mean(kind: LineKind, ahead: usize) -> Duration {
    let base = Duration::from_secs(if kind == LineKind::VipHotline { 60 } else { 90 });
    base.div_f64(1.0 + ahead as f64 / 10.0)
}

impl Centre {
    pub(super) fn arrival(&mut self, at: Duration, out: &mut Vec<Outgoing>) {
        let number = self.next_call;
        self.next_call += 1;
        let line = self.lines.draw(&mut self.rng).clone();
        let (from, kind) = self.callers.draw(&mut self.rng);
        let ahead = self
            .waiting
            .iter()
            .filter(|id| {
                self.calls
                    .get(id)
                    .is_some_and(|c| c.line.queue == line.queue)
            })
            .count();
        let patience = exponential(&mut self.rng, patience_mean(line.kind, ahead));
        let call = SimCall {
            id: format!(
                "{CENTRE_CALL_PREFIX}{}-{number}",
                self.config.started.timestamp_millis()
            ),
            from,
            line,
            arrived: at,
            agent: None,
            answered: false,
        };
        tracing::debug!(call_id = %call.id, kind, "simulated caller joins the queue");
        out.push(self.call_event(CallEventKind::Queued, &call, None, at));
        self.calls.insert(number, call);
        self.waiting.push_back(number);
        self.summary.calls += 1;
        let patience = self.scaled(patience);
        self.schedule(at + patience, Timer::GiveUp(number));
        let gap = next_gap(&mut self.rng, self.config.rate_per_minute);
        self.schedule(at + gap, Timer::Arrival);
        self.dispatch(at, out);
    }

    /// Puts waiting calls through to free agents: VIP callers first, then
    /// in the order they arrived, each to the agent free the longest.
    pub(super) fn dispatch(&mut self, at: Duration, out: &mut Vec<Outgoing>) {
        while !self.waiting.is_empty() {
            let Some(agent) = (0..self.agents.len())
                .filter(|a| self.may_ring(*a))
                .filter_map(|a| self.agents[a].free_since().map(|since| (since, a)))
                .min()
                .map(|(_, a)| a)
            else {
                return;
            };
            let place = self
                .waiting
                .iter()
                .position(|id| {
                    self.calls
                        .get(id)
                        .is_some_and(|c| c.line.kind == LineKind::VipHotline)
                })
                .unwrap_or(0);
            let Some(id) = self.waiting.remove(place) else {
                return;
            };
            let Some(call) = self.calls.get_mut(&id) else {
                continue;
            };
            call.agent = Some(agent);
            let call = call.clone();
            self.agents[agent].activity = Activity::Ringing { call: id };
            let name = self.agents[agent].name.clone();
            out.push(self.call_event(CallEventKind::Ringing, &call, Some(name), at));
            let ring = uniform(&mut self.rng, RING_SECONDS.0, RING_SECONDS.1);
            let ring = self.scaled(ring);
            self.schedule(at + ring, Timer::Answer(id));
        }
    }

    /// The caller's patience ran out before anyone picked up.
    pub(super) fn give_up(&mut self, id: u64, at: Duration, out: &mut Vec<Outgoing>) {
        if self.calls.get(&id).is_none_or(|c| c.answered) {
            return;
        }
        let Some(call) = self.calls.remove(&id) else {
            return;
        };
        self.waiting.retain(|w| *w != id);
        out.push(self.call_event(CallEventKind::Abandoned, &call, None, at));
        self.summary.abandoned += 1;
        // The agent it rang at never took it: free again, nothing to
        // wrap up.
        if let Some(a) = call.agent {
            self.agents[a].activity = Activity::Free { since: at };
            if !self.break_if_free(a, at, out) {
                self.dispatch(at, out);
            }
        }
    }

    pub(super) fn answer(&mut self, id: u64, at: Duration, out: &mut Vec<Outgoing>) {
        let Some(call) = self.calls.get_mut(&id) else {
            return;
        };
        let Some(a) = call.agent else {
            return;
        };
        call.answered = true;
        let call = call.clone();
        self.agents[a].activity = Activity::Talking { call: id };
        let name = self.agents[a].name.clone();
        out.push(self.call_event(CallEventKind::Answered, &call, Some(name), at));
        self.summary.answered += 1;
        self.summary.answered_wait += at.saturating_sub(call.arrived);
        let talk =
            log_normal(&mut self.rng, talk_median(call.line.kind), TALK_SIGMA).min(TALK_AT_MOST);
        let talk = self.scaled(talk);
        self.schedule(at + talk, Timer::TalkEnds(id));
    }

    pub(super) fn talk_ends(&mut self, id: u64, at: Duration, out: &mut Vec<Outgoing>) {
        let Some(call) = self.calls.remove(&id) else {
            return;
        };
        let Some(a) = call.agent else {
            return;
        };
        let name = self.agents[a].name.clone();
        out.push(self.call_event(CallEventKind::Hangup, &call, Some(name), at));
        self.agents[a].activity = Activity::WrapUp;
        let wrap = uniform(&mut self.rng, WRAP_UP_SECONDS.0, WRAP_UP_SECONDS.1);
        let wrap = self.scaled(wrap);
        self.schedule(at + wrap, Timer::WrapUpEnds(a));
    }
}
