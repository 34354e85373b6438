//! A call centre as a discrete-event simulation: callers arrive, wait in
//! their queue, are put through to the agent who has been free longest
//! (VIP callers first), talk, and the agent wraps up; callers whose
//! patience runs out give up, and agents take breaks now and then.
//!
//! Pure: it keeps its own clock (time since the run began) and only says
//! what a phone system would send; `run` sends it on real (or tokio's
//! paused) time, and tests step it through hours in no time at all.
//!
//! A call is reported `queued` when the caller joins the queue, so the
//! floor counts the wait from there, and `ringing` only when it is put
//! through to a free agent, naming them: no console rings for a call
//! that is still waiting.
//!
//! An agent a person plays at a console (a name given to `simulate` that
//! is a user's) is theirs: the centre never reports their state nor sends
//! them on breaks, and puts a call through to them only while the floor
//! says they take calls, looking again every second.

mod breaks;
mod calls;

use std::{
    cmp::Reverse,
    collections::{BTreeMap, BinaryHeap, VecDeque},
    sync::Arc,
    time::Duration,
};

use chrono::{DateTime, Utc};
use rand::{SeedableRng, rngs::StdRng};

use super::{
    agents::{Activity, SimAgent, agent_names},
    arrivals::{Dialled, LineMix, next_gap},
    callers::Callers,
    summary::Summary,
};
use crate::{
    domain::{
        CallEvent, CallEventKind, LineDirectory,
        floor::{AgentState, AgentStateReport},
    },
    telephony::AgentReadiness,
};

/// How often the centre looks again at agents played at consoles (real
/// time, whatever the speed).
const LOOK_EVERY: Duration = Duration::from_secs(1);

/// How the ids of the centre's calls begin: a run's calls are
/// `sim-centre-RUN-N`, RUN its start in milliseconds.
pub const CENTRE_CALL_PREFIX: &str = "sim-centre-";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SimError {
    #[error("{0}")]
    Setting(String),
    #[error("the server cannot be reached: {0}")]
    Unreachable(String),
    #[error("the server refused the simulator's events: {0}")]
    Refused(String),
}

#[derive(Debug, Clone)]
pub struct CentreConfig {
    /// Calls a minute on average, of real time whatever the speed.
    pub rate_per_minute: f64,
    /// The share of calls that dial the VIP hotline.
    pub vip_share: f64,
    pub agents: Vec<String>,
    /// Call and agent times (ring, talk, wrap-up, patience, breaks) are
    /// this many times shorter.
    pub speed: f64,
    pub seed: u64,
    /// The reasons agents give for their breaks (none: no breaks).
    pub break_reasons: Vec<String>,
    pub lines: LineDirectory,
    /// When the run begins: events carry it plus the run's time.
    pub started: DateTime<Utc>,
}

/// What the simulated phone system sends.
#[derive(Debug, Clone, PartialEq)]
pub enum Outgoing {
    Call(CallEvent),
    Agent(AgentStateReport),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Timer {
    Arrival,
    GiveUp(u64),
    Answer(u64),
    TalkEnds(u64),
    WrapUpEnds(usize),
    BreakDue(usize),
    BreakRetry(usize),
    BreakEnds(usize),
    /// Agents at consoles may have become free: put waiting calls through.
    Look,
}

#[derive(Debug, Clone)]
struct SimCall {
    id: String,
    from: String,
    line: Dialled,
    arrived: Duration,
    /// The agent it was put through to.
    agent: Option<usize>,
    answered: bool,
}

pub struct Centre {
    config: CentreConfig,
    rng: StdRng,
    callers: Callers,
    lines: LineMix,
    agents: Vec<SimAgent>,
    calls: BTreeMap<u64, SimCall>,
    /// Calls waiting for an agent, in the order they arrived.
    waiting: VecDeque<u64>,
    timers: BinaryHeap<Reverse<(Duration, u64, Timer)>>,
    /// Orders timers due at the same moment as they were set.
    set: u64,
    next_call: u64,
    summary: Summary,
    /// Asked about agents a person may play at a console.
    readiness: Option<Arc<dyn AgentReadiness>>,
}

impl Centre {
    pub fn new(config: CentreConfig, callers: Callers) -> Result<Self, SimError> {
        if !(config.rate_per_minute > 0.0 && config.rate_per_minute <= 60_000.0) {
            return Err(SimError::Setting(
                "--rate is more than 0 and at most 60000 calls a minute".into(),
            ));
        }
        if !(0.1..=1000.0).contains(&config.speed) {
            return Err(SimError::Setting("--speed is 0.1 to 1000".into()));
        }
        let names = agent_names(config.agents.len(), &config.agents)?;
        let lines = LineMix::new(&config.lines, config.vip_share)?;
        Ok(Self {
            rng: StdRng::seed_from_u64(config.seed),
            agents: names.into_iter().map(SimAgent::new).collect(),
            config,
            callers,
            lines,
            calls: BTreeMap::new(),
            waiting: VecDeque::new(),
            timers: BinaryHeap::new(),
            set: 0,
            next_call: 1,
            summary: Summary::default(),
            readiness: None,
        })
    }

    /// Agents a person plays at a console are rung only while `readiness`
    /// says they take calls, and their state is left to them.
    pub fn with_readiness(mut self, readiness: Arc<dyn AgentReadiness>) -> Self {
        self.readiness = Some(readiness);
        self
    }

    /// The run begins: every agent is available, the first caller and
    /// each agent's first break are on their way.
    pub fn start(&mut self) -> Vec<Outgoing> {
        let mut out = Vec::new();
        for a in 0..self.agents.len() {
            self.report(a, AgentState::Available, None, Duration::ZERO, &mut out);
            self.plan_break(a, Duration::ZERO);
        }
        let gap = next_gap(&mut self.rng, self.config.rate_per_minute);
        self.schedule(gap, Timer::Arrival);
        if self.readiness.is_some() {
            self.schedule(LOOK_EVERY, Timer::Look);
        }
        out
    }

    /// When the next thing happens, in the run's time.
    pub fn next_due(&self) -> Option<Duration> {
        self.timers.peek().map(|Reverse((at, _, _))| *at)
    }

    /// Everything due by `now`, each at its own time, in order.
    pub fn advance(&mut self, now: Duration) -> Vec<Outgoing> {
        let mut out = Vec::new();
        while let Some(Reverse((at, _, timer))) = self.timers.peek().copied() {
            if at > now {
                break;
            }
            self.timers.pop();
            self.on_timer(timer, at, &mut out);
        }
        out
    }

    /// The run ends at `now`: calls still waiting are given up, calls in
    /// progress hung up, and every agent signs out, so that nothing the
    /// run began stays live on the server.
    pub fn finish(&mut self, now: Duration) -> Vec<Outgoing> {
        let mut out = Vec::new();
        self.timers.clear();
        self.waiting.clear();
        for call in std::mem::take(&mut self.calls).into_values() {
            let (kind, agent) = if call.answered {
                (CallEventKind::Hangup, call.agent)
            } else {
                (CallEventKind::Abandoned, None)
            };
            let name = agent.map(|a| self.agents[a].name.clone());
            out.push(self.call_event(kind, &call, name, now));
            self.summary.cut_short += 1;
        }
        for a in 0..self.agents.len() {
            self.agents[a].activity = Activity::SignedOut;
            self.report(a, AgentState::SignedOut, None, now, &mut out);
        }
        out
    }

    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    pub(super) fn summary_mut(&mut self) -> &mut Summary {
        &mut self.summary
    }

    fn on_timer(&mut self, timer: Timer, at: Duration, out: &mut Vec<Outgoing>) {
        match timer {
            Timer::Arrival => self.arrival(at, out),
            Timer::GiveUp(id) => self.give_up(id, at, out),
            Timer::Answer(id) => self.answer(id, at, out),
            Timer::TalkEnds(id) => self.talk_ends(id, at, out),
            Timer::WrapUpEnds(a) => {
                if self.agents[a].activity == Activity::WrapUp {
                    self.after_call(a, at, out);
                }
            }
            Timer::BreakDue(a) => {
                self.agents[a].break_due = true;
                self.break_if_free(a, at, out);
            }
            Timer::BreakRetry(a) => {
                if self.agents[a].break_due {
                    self.break_if_free(a, at, out);
                }
            }
            Timer::BreakEnds(a) => self.break_ends(a, at, out),
            Timer::Look => {
                self.dispatch(at, out);
                self.schedule(at + LOOK_EVERY, Timer::Look);
            }
        }
    }

    fn scaled(&self, length: Duration) -> Duration {
        length.div_f64(self.config.speed)
    }

    fn schedule(&mut self, at: Duration, timer: Timer) {
        self.set += 1;
        self.timers.push(Reverse((at, self.set, timer)));
    }

    fn wall(&self, at: Duration) -> DateTime<Utc> {
        self.config.started + chrono::Duration::from_std(at).unwrap_or_default()
    }

    fn call_event(
        &self,
        kind: CallEventKind,
        call: &SimCall,
        agent: Option<String>,
        at: Duration,
    ) -> Outgoing {
        Outgoing::Call(CallEvent {
            event: kind,
            call_id: call.id.clone(),
            from: call.from.clone(),
            to: call.line.number.clone(),
            queue: Some(call.line.queue.clone()),
            agent,
            at: Some(self.wall(at)),
        })
    }

    /// Whether a person plays agent `a` at a console.
    fn at_console(&self, a: usize) -> bool {
        self.readiness
            .as_ref()
            .is_some_and(|r| r.at_console(&self.agents[a].name))
    }

    /// Whether agent `a`, free in the centre's eyes, may be rung: an agent
    /// at a console only while the floor says they take calls.
    fn may_ring(&self, a: usize) -> bool {
        match &self.readiness {
            Some(r) if r.at_console(&self.agents[a].name) => r.takes_calls(&self.agents[a].name),
            _ => true,
        }
    }

    /// Reports agent `a`'s state, unless a person plays them: their state
    /// is theirs to choose.
    fn report(
        &self,
        a: usize,
        state: AgentState,
        reason: Option<String>,
        at: Duration,
        out: &mut Vec<Outgoing>,
    ) {
        if self.at_console(a) {
            return;
        }
        out.push(Outgoing::Agent(AgentStateReport {
            agent: self.agents[a].name.clone(),
            state,
            reason,
            at: Some(self.wall(at)),
        }));
    }
}
