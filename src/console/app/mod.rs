//! The console's state and its one place of change, `App::update`. No I/O
//! here: work for the outside world is returned as `Effect`s.

mod actions;
mod call;
mod events;
mod help;
mod overlay;
mod palette;
mod profile_overlay;
mod search;

use std::collections::VecDeque;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent};

use super::{
    action::Action,
    keymap::{Context, Keymap, Resolution},
    keys::Key,
    request::{RequestError, Write},
};
use crate::{
    domain::{CallerProfile, User, fuzzy::Fuzzy},
    wire::{CallOffer, CallerNumber, SearchResults, ServerEvent},
};

pub use call::{CallScreen, CallerView, Phase};
pub use help::HelpOverlay;
pub use overlay::{Env, Focus, Overlay, Reaction};
pub use palette::{Palette, PaletteRow};
pub use profile_overlay::ProfileOverlay;
pub use search::{PanelId, Query, SearchPanel};

/// Everything that can happen to the console.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Resize,
    Tick(DateTime<Utc>),
    Server(ServerEvent),
    Connection(Connection),
    SearchAnswered {
        panel: PanelId,
        seq: u64,
        result: Result<SearchResults, RequestError>,
    },
    TravellerLoaded {
        panel: PanelId,
        result: Result<CallerProfile, RequestError>,
    },
    /// The caller's number was added to a traveller (`added` false: it was there).
    PhoneAdded {
        traveller_id: i64,
        e164: crate::domain::E164,
        result: Result<bool, RequestError>,
    },
    /// A request to the server failed while doing what `doing` says.
    Failed {
        doing: String,
        error: RequestError,
    },
    /// The terminal is gone or the program was asked to stop: quit cleanly.
    Shutdown,
}

/// Work the run loop does for `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// A change on the server, with the key that makes sending it twice safe.
    Write(Write),
    Search {
        panel: PanelId,
        seq: u64,
        query: String,
    },
    LoadTraveller {
        panel: PanelId,
        traveller: i64,
    },
    RingDemoCall,
    Quit,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Connection {
    Connecting,
    Online,
    Offline(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Waiting,
    Call(Box<CallScreen>),
}

pub struct App {
    pub user: User,
    pub keymap: Keymap,
    pub connection: Connection,
    pub screen: Screen,
    /// What sits on top of the screen; the last one takes the keys.
    pub overlays: Vec<Box<dyn Overlay>>,
    pub queued: VecDeque<CallOffer>,
    pub now: DateTime<Utc>,
    /// Keys typed so far of a multi-key sequence (shown by which-key).
    pub pending: Vec<Key>,
    pub flash: Option<String>,
    pub demo: bool,
    pub should_quit: bool,
    /// Screen pops shown since start.
    pub pops: u64,
    fuzzy: Fuzzy,
}

/// What takes the keys: the top overlay, else the typing part of a call
/// screen (a chooser's filter or the unknown caller's search).
fn focus_of<'a>(
    overlays: &'a mut [Box<dyn Overlay>],
    screen: &'a mut Screen,
) -> Option<&'a mut dyn Focus> {
    if let Some(top) = overlays.last_mut() {
        return Some(top.as_mut() as &mut dyn Focus);
    }
    match screen {
        Screen::Call(call) => match &mut call.view {
            CallerView::Chooser(chooser) => Some(chooser),
            CallerView::Unknown(panel) => Some(panel),
            CallerView::Profile { .. } => None,
        },
        Screen::Waiting => None,
    }
}

impl App {
    pub fn new(user: User, keymap: Keymap, now: DateTime<Utc>, demo: bool) -> Self {
        Self {
            user,
            keymap,
            connection: Connection::Connecting,
            screen: Screen::Waiting,
            overlays: Vec::new(),
            queued: VecDeque::new(),
            now,
            pending: Vec::new(),
            flash: None,
            demo,
            should_quit: false,
            pops: 0,
            fuzzy: Fuzzy::default(),
        }
    }

    fn focus(&self) -> Option<&dyn Focus> {
        if let Some(top) = self.overlays.last() {
            return Some(top.as_ref() as &dyn Focus);
        }
        match &self.screen {
            Screen::Call(call) => match &call.view {
                CallerView::Chooser(chooser) => Some(chooser),
                CallerView::Unknown(panel) => Some(panel),
                CallerView::Profile { .. } => None,
            },
            Screen::Waiting => None,
        }
    }

    pub fn context(&self) -> Context {
        match (self.overlays.last(), &self.screen) {
            (Some(top), _) => top.context(),
            // A finished call is in wrap-up whatever its body shows.
            (None, Screen::Call(call)) if matches!(call.phase, Phase::Ended { .. }) => {
                Context::Ended
            }
            (None, _) => match self.focus() {
                Some(focus) => focus.context(),
                None => self.screen_context(),
            },
        }
    }

    fn screen_context(&self) -> Context {
        match &self.screen {
            Screen::Waiting => Context::Waiting,
            Screen::Call(call) => match call.phase {
                Phase::Ended { .. } => Context::Ended,
                Phase::Ringing => Context::Ringing,
                Phase::Talking { .. } => Context::Call,
            },
        }
    }

    /// Whether an action would do anything now (the footer hides the rest).
    pub fn is_useful(&self, action: Action) -> bool {
        if let Some(answer) = self.focus().and_then(|f| f.is_useful(action)) {
            return answer;
        }
        let call = match &self.screen {
            Screen::Call(call) => Some(call),
            Screen::Waiting => None,
        };
        let several = call.is_some_and(|c| c.matches.len() > 1);
        match action {
            Action::SelectNext | Action::SelectPrevious => {
                several || call.is_some_and(|c| !matches!(c.view, CallerView::Profile { .. }))
            }
            Action::ShowChooser => several,
            Action::Accept => call.is_some_and(|c| c.phase == Phase::Ringing),
            Action::HangUp => call.is_some_and(|c| !matches!(c.phase, Phase::Ended { .. })),
            Action::RingDemoCall => self.demo,
            Action::AddCallerNumber => {
                call.is_some_and(|c| match (&c.offer.caller.number, c.shown_profile()) {
                    (CallerNumber::Known { e164 }, Some(p)) => {
                        !p.traveller.phones.iter().any(|n| n.e164 == *e164)
                    }
                    _ => false,
                })
            }
            _ => true,
        }
    }

    /// What the status bar shows the agent as.
    pub fn agent_state(&self) -> &'static str {
        match &self.screen {
            Screen::Waiting => "available",
            Screen::Call(call) => match call.phase {
                Phase::Ringing => "ringing",
                Phase::Talking { .. } => "on call",
                Phase::Ended { .. } => "wrap-up",
            },
        }
    }

    /// Seconds shown on the call timer.
    pub fn call_seconds(&self) -> Option<i64> {
        let Screen::Call(call) = &self.screen else {
            return None;
        };
        Some(match call.phase {
            Phase::Ringing => (self.now - call.offer.offered_at).num_seconds().max(0),
            Phase::Talking { since } => (self.now - since).num_seconds().max(0),
            Phase::Ended { after } => after,
        })
    }

    /// The search panel taking the agent's typing, if any.
    pub fn search_panel(&self) -> Option<&SearchPanel> {
        match (self.overlays.last(), &self.screen) {
            (Some(top), _) => top.search_panel(),
            (None, Screen::Call(call)) => match &call.view {
                CallerView::Unknown(panel) => Some(panel),
                _ => None,
            },
            _ => None,
        }
    }

    /// The search panel named `id`, wherever it is, if it is still open.
    fn panel_by_id(&mut self, id: PanelId) -> Option<&mut SearchPanel> {
        if let Screen::Call(call) = &mut self.screen
            && let CallerView::Unknown(panel) = &mut call.view
            && panel.id == id
        {
            return Some(panel);
        }
        self.overlays
            .iter_mut()
            .filter_map(|o| o.search_panel_mut())
            .find(|p| p.id == id)
    }

    /// Applies one message; returns whether the screen changed and the
    /// effects to run.
    pub fn update(&mut self, msg: Msg) -> (bool, Vec<Effect>) {
        let mut effects = Vec::new();
        let changed = match msg {
            Msg::Key(event) => match Key::from_event(&event) {
                Some(key) => self.on_key(key, &mut effects),
                None => false,
            },
            Msg::Paste(text) => {
                let mut changed = false;
                for c in text.chars().filter(|c| !c.is_control()).take(256) {
                    changed |= self.edit_text(&mut |s| s.push(c), &mut effects);
                }
                changed
            }
            Msg::Resize => true,
            Msg::Tick(now) => {
                let before = self.visible_clock();
                self.now = now;
                self.visible_clock() != before
            }
            Msg::Server(event) => self.on_server_event(event),
            Msg::Connection(connection) => {
                let changed = connection != self.connection;
                self.connection = connection;
                changed
            }
            // An answer belongs to the panel that asked: a panel closed
            // (and perhaps reopened) since then gets nothing.
            Msg::SearchAnswered { panel, seq, result } => match self.panel_by_id(panel) {
                Some(panel) => {
                    if let Some(next) = panel.answer(seq, result) {
                        effects.push(panel.search_effect(next));
                    }
                    true
                }
                None => false,
            },
            Msg::TravellerLoaded { panel, result } => self.on_traveller_loaded(panel, result),
            Msg::PhoneAdded {
                traveller_id,
                e164,
                result,
            } => self.on_phone_added(traveller_id, e164, result),
            Msg::Failed { doing, error } => {
                self.flash = Some(format!("{doing}: {error}"));
                true
            }
            Msg::Shutdown => {
                self.should_quit = true;
                effects.push(Effect::Quit);
                true
            }
        };
        (changed, effects)
    }

    /// The clock text on screen; a tick that does not change it draws nothing.
    fn visible_clock(&self) -> (String, Option<i64>) {
        (self.now.format("%H:%M").to_string(), self.call_seconds())
    }

    fn on_key(&mut self, key: Key, effects: &mut Vec<Effect>) -> bool {
        self.flash = None;
        if !self.pending.is_empty() && key.code == KeyCode::Esc && key.modifiers.is_empty() {
            self.pending.clear();
            return true;
        }
        let context = self.context();
        let mut typed = std::mem::take(&mut self.pending);
        typed.push(key);
        match self.keymap.resolve(context, &typed) {
            Resolution::Matched(action) => self.run(action, effects),
            Resolution::Pending(_) => {
                self.pending = typed;
                true
            }
            Resolution::NotFound if typed.len() > 1 => true,
            Resolution::NotFound if context.takes_text() => key
                .typed_char()
                .is_some_and(|c| self.edit_text(&mut |s| s.push(c), effects)),
            Resolution::NotFound => false,
        }
    }

    /// Applies an edit to whichever text box has the keys.
    fn edit_text(&mut self, edit: &mut dyn FnMut(&mut String), effects: &mut Vec<Effect>) -> bool {
        let mut env = Env {
            fuzzy: &self.fuzzy,
            effects,
        };
        focus_of(&mut self.overlays, &mut self.screen)
            .is_some_and(|focus| focus.edit_text(edit, &mut env))
    }
}

#[cfg(test)]
mod tests;
