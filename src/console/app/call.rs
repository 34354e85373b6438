//! A call on screen: its phase and which traveller view its body shows.

use chrono::{DateTime, Utc};

use super::{App, Screen, search::SearchPanel};
use crate::{console::chooser::Chooser, domain::CallerProfile, wire::CallOffer};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Ringing,
    Talking { since: DateTime<Utc> },
    Ended { after: i64 },
}

/// What the body of a call screen shows.
#[derive(Debug, Clone, PartialEq)]
pub enum CallerView {
    Profile {
        index: usize,
    },
    Chooser(Chooser),
    /// No traveller matched: the search box, focused.
    Unknown(SearchPanel),
}

#[derive(Debug, Clone, PartialEq)]
pub struct CallScreen {
    pub offer: CallOffer,
    pub phase: Phase,
    /// The travellers on screen: the pop's matches, or one found by search.
    pub matches: Vec<CallerProfile>,
    pub view: CallerView,
}

/// One match pops straight away; several need a chooser; none, a search.
fn initial_view(matches: &[CallerProfile]) -> CallerView {
    match matches.len() {
        0 => CallerView::Unknown(SearchPanel::default()),
        1 => CallerView::Profile { index: 0 },
        _ => CallerView::Chooser(Chooser::new(matches)),
    }
}

impl CallScreen {
    pub fn new(offer: CallOffer) -> Self {
        let matches = offer.caller.matches.clone();
        let view = initial_view(&matches);
        Self {
            offer,
            phase: Phase::Ringing,
            matches,
            view,
        }
    }

    /// The agent found the caller by search: show them as if they had popped.
    pub fn identify(&mut self, profile: CallerProfile) {
        self.matches = vec![profile];
        self.view = CallerView::Profile { index: 0 };
    }

    pub fn shown_profile(&self) -> Option<&CallerProfile> {
        match &self.view {
            CallerView::Profile { index } => self.matches.get(*index),
            _ => None,
        }
    }
}

impl App {
    /// A call was answered: here it is now a conversation; if another agent
    /// took it, its offer leaves this screen and the queue.
    pub(super) fn on_call_answered(&mut self, call_id: &str, agent: &str) -> bool {
        let taken_elsewhere = !agent.is_empty() && agent != self.user.name;
        if !taken_elsewhere {
            let now = self.now;
            return self.with_call(call_id, |call| {
                if call.phase == Phase::Ringing {
                    call.phase = Phase::Talking { since: now };
                }
            });
        }
        let queued_before = self.queued.len();
        self.queued.retain(|o| o.call_id != call_id);
        let ringing_here = matches!(&self.screen,
            Screen::Call(call) if call.offer.call_id == call_id && call.phase == Phase::Ringing);
        if ringing_here {
            self.screen = match self.queued.pop_front() {
                Some(offer) => Screen::Call(Box::new(CallScreen::new(offer))),
                None => Screen::Waiting,
            };
            self.flash = Some(format!(
                "{} took the call",
                crate::domain::text::clean_capped(agent, 32)
            ));
        }
        ringing_here || self.queued.len() != queued_before
    }
}
