//! The agent's own state on the floor, as the console knows it: made
//! available once the server first says hello, changed from the state
//! chooser, followed from the stream's changes that name them and the
//! answers to their requests, and signed out on quitting.

use crate::console::ask::Ask;
use chrono::{DateTime, Utc};

use crate::console::app::{App, Connection, Effect, Phase, StateChooser};
use crate::console::keymap::Context;
use crate::{
    console::request::RequestError,
    domain::{
        Role,
        floor::{AgentState, FloorChange, StateRequest, clock},
    },
    wire::{MyState, StateAnswer},
};

/// Why the console asks for a state: the answer is told differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateWhy {
    /// Available on start: said only when it fails.
    Start,
    /// Chosen by the agent.
    Chosen,
    /// The agent left a call's wrap-up without a disposition.
    AfterCall,
    /// Someone who takes no calls took one: afterwards they take none
    /// again. Said only when it fails.
    NoCallsAfter,
}

/// The agent's state, as last heard.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OwnState {
    /// `None` until the server says.
    pub state: Option<AgentState>,
    pub reason: Option<String>,
    pub since: Option<DateTime<Utc>>,
    /// Asked for on a call: taken once its wrap-up is over.
    pub after_call: Option<(AgentState, Option<String>)>,
    /// The centre's break reasons, once read.
    pub break_reasons: Option<Vec<String>>,
    /// The console made the agent available after the first hello.
    pub greeted: bool,
    /// A state the agent chose is on its way to the server.
    pub asked: bool,
}

impl OwnState {
    fn set(&mut self, state: AgentState, reason: Option<String>, at: DateTime<Utc>) {
        if self.state != Some(state) || self.reason != reason || self.since.is_none() {
            self.since = Some(at);
        }
        self.state = Some(state);
        self.reason = reason;
    }

    /// What the agent goes to when a call's wrap-up is over: what they
    /// chose, else `usual`.
    fn next_after_call(&mut self, usual: AgentState) -> (AgentState, Option<String>) {
        self.after_call.take().unwrap_or((usual, None))
    }

    /// Notes a state chosen among `effects`: until it is answered, leaving
    /// a wrap-up asks for nothing of its own.
    pub(in crate::console::app) fn note_asked(&mut self, effects: &[Effect]) {
        let chosen = |e: &Effect| {
            matches!(
                e,
                Effect::Ask {
                    ask: Ask::SetMyState {
                        why: StateWhy::Chosen,
                        ..
                    },
                    ..
                }
            )
        };
        if effects.iter().any(chosen) {
            self.asked = true;
        }
    }

    /// The call's wrap-up is over: the agent goes where they asked. Only
    /// from wrap-up: the stream and the write's answer both tell of the
    /// same end, and a state chosen in wrap-up has ended it already.
    fn finish_wrap_up(&mut self, at: DateTime<Utc>, usual: AgentState) {
        if self.state == Some(AgentState::WrapUp) {
            let (state, reason) = self.next_after_call(usual);
            self.set(state, reason, at);
        }
    }
}

/// The status bar's words when the console does not know the state.
const STATE_UNKNOWN: &str = "state unknown";

/// The state in a sentence's words: `you are on break: Lunch`.
pub fn plain_words(state: AgentState, reason: Option<&str>) -> String {
    match (state, reason) {
        (AgentState::OnBreak, Some(reason)) => format!("on break: {reason}"),
        (AgentState::OnBreak, None) => "on break".into(),
        (AgentState::WrapUp, _) => "in wrap-up".into(),
        (state, _) => state.label().to_string(),
    }
}

/// The state in the status bar's words: `break: Lunch 12:03`.
pub fn state_words(state: AgentState, reason: Option<&str>, seconds: i64) -> String {
    match (state, reason) {
        (AgentState::OnBreak, Some(reason)) => format!("break: {reason} {}", clock(seconds)),
        (AgentState::OnBreak, None) => format!("break {}", clock(seconds)),
        (state, _) => state.label().to_string(),
    }
}

impl App {
    /// Whether the user takes calls (the console makes them available).
    pub(in crate::console::app) fn takes_calls(&self) -> bool {
        self.user.has(Role::Agent) || self.user.has(Role::Vip)
    }

    /// Where the user goes after a call when they chose nothing: a
    /// supervisor who takes no calls is not made available by one.
    fn usual_after_call(&self) -> AgentState {
        if self.takes_calls() {
            AgentState::Available
        } else {
            AgentState::SignedOut
        }
    }

    /// Whether the user has a state on the floor at all.
    pub(in crate::console::app) fn may_set_state(&self) -> bool {
        [Role::Agent, Role::Vip, Role::Supervisor]
            .iter()
            .any(|r| self.user.has(*r))
    }

    /// The first hello: an agent starts the shift available (once).
    pub(in crate::console::app) fn greet(&mut self, effects: &mut Vec<Effect>) {
        if self.own.greeted || !self.takes_calls() {
            return;
        }
        self.own.greeted = true;
        effects.push(Effect::app_asks(Ask::SetMyState {
            request: StateRequest {
                state: AgentState::Available,
                reason: None,
            },
            why: StateWhy::Start,
        }));
    }

    pub(in crate::console::app) fn open_state_chooser(
        &mut self,
        effects: &mut Vec<Effect>,
    ) -> bool {
        if !self.may_set_state() {
            self.flash = Some(
                "only agents, VIP hotline staff and supervisors have a state on the floor".into(),
            );
            return true;
        }
        if self
            .overlays
            .iter()
            .any(|o| o.context() == Context::MyState)
        {
            return false;
        }
        // Read again each time: the reasons are the server's to change.
        effects.push(Effect::app_asks(Ask::MyState));
        let chooser = StateChooser::new(&self.own);
        self.push_layer(Box::new(chooser), effects);
        true
    }

    pub(in crate::console::app) fn on_my_state_loaded(
        &mut self,
        result: Result<MyState, RequestError>,
    ) -> bool {
        let mine = match result {
            Ok(mine) => mine,
            Err(error) => {
                self.flash = Some(format!("could not read the break reasons: {error}"));
                for layer in &mut self.overlays {
                    layer.own_state_read(None);
                }
                return true;
            }
        };
        self.own.break_reasons = Some(mine.break_reasons);
        // The server's word on where the agent stands, but not over a
        // call on screen (the floor hears of it a moment later).
        if self.screen.call().is_none() {
            let since = mine.since.unwrap_or(self.now);
            self.own.set(mine.state, mine.reason, since);
        }
        let own = self.own.clone();
        for layer in &mut self.overlays {
            layer.own_state_read(Some(&own));
        }
        true
    }

    pub(in crate::console::app) fn on_my_state_set(
        &mut self,
        why: StateWhy,
        result: Result<StateAnswer, RequestError>,
    ) -> bool {
        if why == StateWhy::Chosen {
            self.own.asked = false;
        }
        let answer = match result {
            Ok(answer) => answer,
            Err(error) => {
                self.flash = Some(match why {
                    StateWhy::Start => format!("could not make you available: {error}"),
                    StateWhy::Chosen | StateWhy::AfterCall | StateWhy::NoCallsAfter => {
                        format!("your state was not changed: {error}")
                    }
                });
                return true;
            }
        };
        let words = plain_words(answer.state, answer.reason.as_deref());
        if answer.after_call {
            self.own.after_call = Some((answer.state, answer.reason));
            if why != StateWhy::NoCallsAfter {
                self.flash = Some(format!("after this call you will be {words}"));
            }
            return true;
        }
        self.own.set(answer.state, answer.reason, self.now);
        if why == StateWhy::Chosen {
            self.flash = Some(format!("you are {words}"));
        }
        true
    }

    /// A change on the floor that names the agent.
    pub(in crate::console::app) fn hear_own_change(&mut self, change: &FloorChange) -> bool {
        match change {
            FloorChange::AgentState {
                agent,
                state,
                reason,
                at,
            } if *agent == self.user.name => {
                // As the floor does: asked on a call, it waits for the
                // wrap-up; asked in wrap-up, it ends it.
                let on_a_call = self.own.state == Some(AgentState::OnCall)
                    || self
                        .screen
                        .call()
                        .is_some_and(|c| matches!(c.phase, Phase::Talking { .. }));
                if on_a_call {
                    self.own.after_call = Some((*state, reason.clone()));
                } else {
                    self.own.set(*state, reason.clone(), *at);
                }
                true
            }
            FloorChange::WrapUpDone { agent, at, .. } if *agent == self.user.name => {
                self.own.finish_wrap_up(*at, self.usual_after_call());
                true
            }
            _ => false,
        }
    }

    /// The call's wrap-up was recorded: the server moved the agent on.
    pub(in crate::console::app) fn wrapped_up_own(&mut self) {
        self.own.finish_wrap_up(self.now, self.usual_after_call());
    }

    /// The agent took the call on screen: on call, as the floor has them.
    /// Someone who takes no calls asks now to take none after it, or the
    /// floor would make them available when it ends.
    pub(in crate::console::app) fn answered_own(&mut self, effects: &mut Vec<Effect>) {
        self.own.set(AgentState::OnCall, None, self.now);
        if !self.takes_calls() && self.own.after_call.is_none() {
            effects.push(Effect::app_asks(Ask::SetMyState {
                request: StateRequest {
                    state: AgentState::SignedOut,
                    reason: None,
                },
                why: StateWhy::NoCallsAfter,
            }));
        }
    }

    /// The call they took ended: in wrap-up until a disposition is
    /// recorded or they choose a state.
    pub(in crate::console::app) fn call_ended_own(&mut self) {
        if self.own.state == Some(AgentState::OnCall) {
            self.own.set(AgentState::WrapUp, None, self.now);
        }
    }

    /// Whether the agent is still in the wrap-up of the call on screen:
    /// no disposition recorded and no state chosen since it ended.
    pub(in crate::console::app) fn in_wrap_up(&self) -> bool {
        let unrecorded = self
            .screen
            .call()
            .and_then(|call| call.wrap_up.as_ref())
            .is_some_and(|w| w.answered && w.done.is_none());
        unrecorded
            && matches!(
                self.own.state,
                None | Some(AgentState::OnCall | AgentState::WrapUp)
            )
    }

    /// The agent leaves the call on screen. Without a disposition the
    /// floor would keep them in wrap-up: they ask for the state they go to.
    pub(in crate::console::app) fn leave_call_own(&mut self, effects: &mut Vec<Effect>) {
        if !self.in_wrap_up() || self.own.asked {
            return;
        }
        let (state, reason) = self.own.next_after_call(self.usual_after_call());
        effects.push(Effect::app_asks(Ask::SetMyState {
            request: StateRequest { state, reason },
            why: StateWhy::AfterCall,
        }));
    }

    /// The status bar's state: a call ringing or on, else the state on
    /// the floor (the same words the chooser and the floor use). Unknown
    /// while the server is out of reach or has not said.
    pub fn agent_state(&self) -> String {
        match self.screen.call().map(|call| call.phase) {
            Some(Phase::Ringing) => return "ringing".into(),
            Some(Phase::Talking { .. }) => return "on call".into(),
            _ if self.in_wrap_up() => return AgentState::WrapUp.label().into(),
            _ => {}
        }
        if matches!(self.connection, Connection::Offline(_)) {
            return STATE_UNKNOWN.into();
        }
        match self.own.state {
            None | Some(AgentState::SignedOut) if !self.takes_calls() => "not taking calls".into(),
            None => STATE_UNKNOWN.into(),
            Some(state) => state_words(state, self.own.reason.as_deref(), self.own_seconds()),
        }
    }

    /// Seconds in the agent's own state (a break's clock runs in the bar).
    fn own_seconds(&self) -> i64 {
        self.own
            .since
            .map_or(0, |since| (self.now - since).num_seconds().max(0))
    }

    /// Whether the status bar shows a clock that runs each second.
    pub(in crate::console::app) fn own_clock_runs(&self) -> bool {
        self.own.state == Some(AgentState::OnBreak)
            && self
                .screen
                .call()
                .is_none_or(|call| matches!(call.phase, Phase::Ended { .. }) && !self.in_wrap_up())
    }

    /// What quitting asks of the server: signing the agent out, when the
    /// floor has them in any other state.
    pub fn farewell(&self) -> Option<StateRequest> {
        let signed_in = self.own.state.is_some_and(|s| s != AgentState::SignedOut);
        signed_in.then_some(StateRequest {
            state: AgentState::SignedOut,
            reason: None,
        })
    }
}
