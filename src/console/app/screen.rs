//! The bottom layer of the stack: waiting for a call, or a call. It never
//! leaves the stack; a call screen hands its keys to its typing part.

use super::{
    CallScreen,
    overlay::{Env, Focus, Reaction},
};
use crate::console::app::overlay::Availability;
use crate::console::keymap::ContextSpec;
use crate::{
    console::{action::Action, ask::Answer, keymap::Context},
    domain::CallerProfile,
};

#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Waiting,
    Call(Box<CallScreen>),
}

impl Screen {
    /// What the agent can do while waiting for a call.
    pub const WAITING_ACTIONS: &[Action] = &[
        Action::Quit,
        Action::Help,
        Action::OpenSearch,
        Action::RingDemoCall,
    ];

    /// Its keymap section, its words in the header's trail, what it offers.
    pub const WAITING: Context = Context::new(&ContextSpec::keys(
        "waiting",
        "waiting",
        Self::WAITING_ACTIONS,
    ));

    pub fn call(&self) -> Option<&CallScreen> {
        match self {
            Screen::Call(call) => Some(call),
            Screen::Waiting => None,
        }
    }

    pub fn call_mut(&mut self) -> Option<&mut CallScreen> {
        match self {
            Screen::Call(call) => Some(call),
            Screen::Waiting => None,
        }
    }
}

impl Focus for Screen {
    fn box_is_empty(&self) -> bool {
        self.call().is_some_and(|call| call.box_is_empty())
    }

    fn context(&self) -> Context {
        match self {
            Screen::Waiting => Context::Waiting,
            Screen::Call(call) => call.context(),
        }
    }

    fn availability(&self, action: Action) -> Option<Availability> {
        match self {
            Screen::Call(call) => call.availability(action),
            // Nothing about a call does anything without one, and there is
            // nowhere to go back to.
            Screen::Waiting => matches!(
                action,
                Action::Accept
                    | Action::HangUp
                    | Action::SelectNext
                    | Action::SelectPrevious
                    | Action::ShowChooser
                    | Action::AddCallerNumber
                    | Action::Open
                    | Action::Close
            )
            .then_some(Availability::Not("no call")),
        }
    }

    fn edit_text(&mut self, edit: &mut dyn FnMut(&mut String), env: &mut Env) -> bool {
        self.call_mut()
            .is_some_and(|call| call.edit_text(edit, env))
    }

    fn traveller(&self) -> Option<&CallerProfile> {
        self.call().and_then(CallScreen::shown_profile)
    }

    fn move_selection(&mut self, forward: bool) -> bool {
        self.call_mut()
            .is_some_and(|call| call.move_selection(forward))
    }

    fn open(&mut self, env: &mut Env) -> Reaction {
        match self.call_mut() {
            Some(call) => call.open(env),
            None => Reaction::Unchanged,
        }
    }

    fn close(&mut self) -> Reaction {
        match self.call_mut() {
            Some(call) => call.close(),
            None => Reaction::Unchanged,
        }
    }

    fn answer(&mut self, answer: Answer, env: &mut Env) -> Reaction {
        match self.call_mut() {
            Some(call) => call.answer(answer, env),
            None => Reaction::Unchanged,
        }
    }
}
