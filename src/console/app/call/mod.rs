//! A call on screen: its phase and which traveller view its body shows.

use crate::console::app::overlay::Availability;
use crate::console::keymap::ContextSpec;
use chrono::{DateTime, Utc};

use super::{
    overlay::{Env, Focus, Reaction},
    search::SearchPanel,
};
use crate::{
    console::{action::Action, ask::Answer, chooser::Chooser, keymap::Context, selection},
    domain::CallerProfile,
    wire::{CallOffer, CallerNumber},
};

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
    /// When it appeared on this screen (keys meant for it wait a moment).
    pub shown_at: DateTime<Utc>,
    /// The chooser the traveller on screen was picked from: going back
    /// returns to it as the agent left it.
    pub chooser_behind: Option<Chooser>,
    /// After-call work, once the call ended.
    pub wrap_up: Option<super::WrapUp>,
}

/// One match pops straight away; several need a chooser; none, a search.
fn initial_view(offer: &CallOffer) -> CallerView {
    let matches = &offer.caller.matches;
    match matches.len() {
        0 => CallerView::Unknown(SearchPanel::default()),
        1 => CallerView::Profile { index: 0 },
        _ => CallerView::Chooser(Chooser::new(matches).reaching(offer)),
    }
}

impl CallScreen {
    /// What the agent can do while a call rings.
    pub const RINGING_ACTIONS: &[Action] = &[
        Action::Accept,
        Action::AddCallerNumber,
        Action::HangUp,
        Action::SelectNext,
        Action::SelectPrevious,
        Action::ShowChooser,
        Action::Close,
        Action::OpenSearch,
        Action::Help,
        Action::Quit,
    ];

    /// Its keymap section, its words in the header's trail, what it offers.
    pub const RINGING: Context = Context::new(&ContextSpec::keys(
        "ringing",
        "ringing",
        Self::RINGING_ACTIONS,
    ));

    /// What the agent can do while talking.
    pub const TALKING_ACTIONS: &[Action] = &[
        Action::OfferRecovery,
        Action::EditPreferences,
        Action::LogComplaint,
        Action::LogVipRequest,
        Action::WorkComplaints,
        Action::FeeRules,
        Action::AddCallerNumber,
        Action::AddNote,
        Action::AddFollowUp,
        Action::ShowHistory,
        Action::HangUp,
        Action::SelectNext,
        Action::SelectPrevious,
        Action::ShowChooser,
        Action::Close,
        Action::OpenSearch,
        Action::Help,
        Action::Quit,
    ];

    /// Its keymap section, its words in the header's trail, what it offers.
    pub const TALKING: Context =
        Context::new(&ContextSpec::keys("call", "call", Self::TALKING_ACTIONS));

    /// What the agent can do in wrap-up, after the call.
    pub const ENDED_ACTIONS: &[Action] = &[
        Action::OfferRecovery,
        Action::EditPreferences,
        Action::LogComplaint,
        Action::LogVipRequest,
        Action::WorkComplaints,
        Action::FeeRules,
        Action::WrapUp,
        Action::AddCallerNumber,
        Action::AddNote,
        Action::AddFollowUp,
        Action::ShowHistory,
        Action::BackToWaiting,
        Action::OpenSearch,
        Action::Help,
        Action::Quit,
    ];

    /// Its keymap section, its words in the header's trail, what it offers.
    pub const ENDED: Context =
        Context::new(&ContextSpec::keys("ended", "ended", Self::ENDED_ACTIONS));

    pub fn new(offer: CallOffer, shown_at: DateTime<Utc>) -> Self {
        let matches = offer.caller.matches.clone();
        let view = initial_view(&offer);
        Self {
            offer,
            phase: Phase::Ringing,
            matches,
            view,
            shown_at,
            chooser_behind: None,
            wrap_up: None,
        }
    }

    /// The agent found the caller by search: show them as if they had popped.
    pub fn identify(&mut self, profile: CallerProfile) {
        self.matches = vec![profile];
        self.view = CallerView::Profile { index: 0 };
        self.chooser_behind = None;
    }

    pub fn shown_profile(&self) -> Option<&CallerProfile> {
        match &self.view {
            CallerView::Profile { index } => self.matches.get(*index),
            _ => None,
        }
    }

    /// Back from a traveller to every traveller on the number: the chooser
    /// they were picked from, or a fresh one.
    pub fn show_chooser(&mut self) -> bool {
        let CallerView::Profile { index } = self.view else {
            return false;
        };
        if self.matches.len() < 2 {
            return false;
        }
        let mut chooser = self
            .chooser_behind
            .take()
            .unwrap_or_else(|| Chooser::new(&self.matches).reaching(&self.offer));
        chooser.select_index(index);
        self.view = CallerView::Chooser(chooser);
        true
    }

    /// Whether going back one level would do anything here.
    fn can_go_back(&self) -> bool {
        match &self.view {
            _ if self.ended() => false,
            CallerView::Chooser(chooser) => !chooser.filter.is_empty(),
            CallerView::Unknown(panel) => !panel.input.is_empty(),
            CallerView::Profile { .. } => self.chooser_behind.is_some(),
        }
    }

    fn ended(&self) -> bool {
        matches!(self.phase, Phase::Ended { .. })
    }

    /// The part of the screen that types (a chooser's filter, the unknown
    /// caller's search); a finished call is in wrap-up and types nothing.
    fn typing(&self) -> Option<&dyn Focus> {
        match &self.view {
            _ if self.ended() => None,
            CallerView::Chooser(chooser) => Some(chooser),
            CallerView::Unknown(panel) => Some(panel),
            CallerView::Profile { .. } => None,
        }
    }

    fn typing_mut(&mut self) -> Option<&mut dyn Focus> {
        match &mut self.view {
            _ if matches!(self.phase, Phase::Ended { .. }) => None,
            CallerView::Chooser(chooser) => Some(chooser),
            CallerView::Unknown(panel) => Some(panel),
            CallerView::Profile { .. } => None,
        }
    }
}

impl Focus for CallScreen {
    fn box_is_empty(&self) -> bool {
        self.typing().is_some_and(|typing| typing.box_is_empty())
    }

    fn context(&self) -> Context {
        if let Some(typing) = self.typing() {
            return typing.context();
        }
        match self.phase {
            Phase::Ringing => Context::Ringing,
            Phase::Talking { .. } => Context::Call,
            Phase::Ended { .. } => Context::Ended,
        }
    }

    fn availability(&self, action: Action) -> Option<Availability> {
        if let Some(answer) = self.typing().and_then(|t| t.availability(action)) {
            return Some(answer);
        }
        let several = self.matches.len() > 1;
        let profile = matches!(self.view, CallerView::Profile { .. });
        Some(match action {
            Action::SelectNext | Action::SelectPrevious => {
                Availability::when(several || !profile, "one traveller has this number")
            }
            Action::ShowChooser => {
                Availability::when(several && profile, "one traveller has this number")
            }
            Action::Close => Availability::when(self.can_go_back(), "nothing to go back to"),
            Action::Accept => {
                Availability::when(self.phase == Phase::Ringing, "the call is not ringing")
            }
            Action::HangUp => Availability::when(!self.ended(), "the call has ended"),
            Action::AddCallerNumber => match (&self.offer.caller.number, self.shown_profile()) {
                (CallerNumber::Known { e164 }, Some(p)) => Availability::when(
                    !p.traveller.phones.iter().any(|n| n.e164 == *e164),
                    "the number is on this profile",
                ),
                (CallerNumber::Known { .. }, None) => {
                    Availability::Not("open the caller's profile first")
                }
                _ => Availability::Not("the caller's number is not known"),
            },
            Action::OfferRecovery => Availability::when(
                self.shown_profile()
                    .is_some_and(|p| p.prompts.iter().any(|p| p.recovery().is_some())),
                "no disrupted flight waits for its recovery",
            ),
            Action::AddNote
            | Action::AddFollowUp
            | Action::ShowHistory
            | Action::LogComplaint
            | Action::FeeRules
            | Action::LogVipRequest
            | Action::WorkComplaints
            | Action::EditPreferences => {
                Availability::when(self.shown_profile().is_some(), "no traveller on screen")
            }
            _ => return None,
        })
    }

    fn edit_text(&mut self, edit: &mut dyn FnMut(&mut String), env: &mut Env) -> bool {
        self.typing_mut()
            .is_some_and(|typing| typing.edit_text(edit, env))
    }

    fn move_selection(&mut self, forward: bool) -> bool {
        if let Some(typing) = self.typing_mut() {
            return typing.move_selection(forward);
        }
        match &mut self.view {
            CallerView::Profile { index } if self.matches.len() > 1 => {
                selection::step(index, self.matches.len(), forward)
            }
            _ => false,
        }
    }

    /// The chooser opens the traveller picked; the unknown caller's search
    /// opens the traveller found.
    fn open(&mut self, env: &mut Env) -> Reaction {
        if self.ended() {
            return Reaction::Unchanged;
        }
        match &mut self.view {
            CallerView::Chooser(chooser) => match chooser.selected_index() {
                Some(index) => {
                    let picked = CallerView::Profile { index };
                    if let CallerView::Chooser(chooser) = std::mem::replace(&mut self.view, picked)
                    {
                        self.chooser_behind = Some(chooser);
                    }
                    Reaction::Changed
                }
                None => Reaction::Unchanged,
            },
            CallerView::Unknown(panel) => panel.open(env),
            CallerView::Profile { .. } => Reaction::Unchanged,
        }
    }

    /// Back one level; the screen itself never leaves the stack. From a
    /// traveller picked in the chooser, back to the chooser; from typed
    /// text, back to none. Never anything about the call itself.
    fn close(&mut self) -> Reaction {
        if !self.can_go_back() {
            return Reaction::Unchanged;
        }
        match &mut self.view {
            CallerView::Chooser(chooser) => {
                chooser.edit(String::clear, &crate::domain::fuzzy::Fuzzy::default());
            }
            CallerView::Unknown(panel) => _ = panel.edit(String::clear),
            CallerView::Profile { .. } => _ = self.show_chooser(),
        }
        Reaction::Changed
    }

    /// The unknown caller's search, the traveller found by it (shown as
    /// if they had popped), and the chooser's filter among every traveller
    /// of the number.
    fn answer(&mut self, answer: Answer, env: &mut Env) -> Reaction {
        match (&mut self.view, answer) {
            (CallerView::Unknown(p), Answer::Traveller { panel, result }) if p.id == panel => {
                match result {
                    Ok(profile) => self.identify(profile),
                    Err(error) => env.say(format!("could not open the traveller: {error}")),
                }
                Reaction::Changed
            }
            (CallerView::Unknown(p), answer) => Reaction::changed_if(p.take_search(&answer, env)),
            (
                CallerView::Chooser(chooser),
                Answer::Callers {
                    call_id,
                    seq,
                    result,
                },
            ) if call_id == self.offer.call_id => Reaction::changed_if(match result {
                Ok(found) => chooser.absorb(seq, found.matches, &mut self.matches, env.fuzzy),
                Err(error) => {
                    env.say(format!(
                        "could not look through all {}: {error}",
                        chooser.beyond.as_ref().map_or(0, |b| b.total)
                    ));
                    true
                }
            }),
            _ => Reaction::Unchanged,
        }
    }
}

mod answered;

#[cfg(test)]
mod tests;
