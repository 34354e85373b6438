//! The console's state and its one place of change, `App::update`. No I/O
//! here: work for the outside world is returned as `Effect`s.

mod call;
mod palette;
mod search;

use std::collections::VecDeque;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent};

use super::{
    action::Action,
    keymap::{Context, Keymap, Resolution},
    keys::Key,
};
use crate::{
    domain::{CallEventKind, CallerProfile, ContactNumber, User, fuzzy::Fuzzy},
    wire::{CallOffer, CallerNumber, SearchResults, ServerEvent},
};

pub use call::{CallScreen, CallerView, Phase};
pub use palette::{Palette, PaletteRow};
pub use search::{Query, SearchPanel};

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
        seq: u64,
        result: Result<SearchResults, String>,
    },
    TravellerLoaded(Result<CallerProfile, String>),
    /// The caller's number was added to a traveller (`added` false: it was there).
    PhoneAdded {
        traveller_id: i64,
        e164: String,
        result: Result<bool, String>,
    },
    /// A request to the server failed; the text says what to tell the agent.
    Failed(String),
}

/// Work the run loop does for `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Answer(String),
    HangUp(String),
    Search {
        seq: u64,
        query: String,
    },
    LoadTraveller(i64),
    AddPhone {
        traveller_id: i64,
        e164: String,
        /// The traveller's version on screen, for `If-Match`.
        version: i64,
        /// The same for every retry of this one addition.
        idempotency_key: String,
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

/// What sits on top of the screen, taking the keys.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Search(SearchPanel),
    /// A traveller opened from search; closing returns to the search.
    Profile {
        profile: Box<CallerProfile>,
        back: SearchPanel,
    },
    Palette(Palette),
}

pub struct App {
    pub user: User,
    pub keymap: Keymap,
    pub connection: Connection,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub queued: VecDeque<CallOffer>,
    pub now: DateTime<Utc>,
    pub help_open: bool,
    /// Keys typed so far of a multi-key sequence (shown by which-key).
    pub pending: Vec<Key>,
    pub flash: Option<String>,
    pub demo: bool,
    pub should_quit: bool,
    /// Screen pops shown since start.
    pub pops: u64,
    fuzzy: Fuzzy,
}

impl App {
    pub fn new(user: User, keymap: Keymap, now: DateTime<Utc>, demo: bool) -> Self {
        Self {
            user,
            keymap,
            connection: Connection::Connecting,
            screen: Screen::Waiting,
            overlay: None,
            queued: VecDeque::new(),
            now,
            help_open: false,
            pending: Vec::new(),
            flash: None,
            demo,
            should_quit: false,
            pops: 0,
            fuzzy: Fuzzy::default(),
        }
    }

    pub fn context(&self) -> Context {
        if self.help_open {
            Context::Help
        } else {
            self.context_behind_help()
        }
    }

    /// The context the agent is in, ignoring an open help window.
    pub fn context_behind_help(&self) -> Context {
        match &self.overlay {
            Some(Overlay::Palette(_)) => Context::Palette,
            Some(Overlay::Search(_)) => Context::Search,
            Some(Overlay::Profile { .. }) => Context::Profile,
            None => self.screen_context(),
        }
    }

    fn screen_context(&self) -> Context {
        match &self.screen {
            Screen::Waiting => Context::Waiting,
            Screen::Call(call) => match (&call.phase, &call.view) {
                (Phase::Ended { .. }, _) => Context::Ended,
                (_, CallerView::Chooser(_)) => Context::Chooser,
                (_, CallerView::Unknown(_)) => Context::Search,
                (Phase::Ringing, _) => Context::Ringing,
                _ => Context::Call,
            },
        }
    }

    /// Whether an action would do anything now (the footer hides the rest).
    pub fn is_useful(&self, action: Action) -> bool {
        let call = match &self.screen {
            Screen::Call(call) => Some(call),
            Screen::Waiting => None,
        };
        let several = call.is_some_and(|c| c.matches.len() > 1);
        match action {
            Action::SelectNext | Action::SelectPrevious => {
                several
                    || self.overlay.is_some()
                    || call.is_some_and(|c| !matches!(c.view, CallerView::Profile { .. }))
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
        match (&self.overlay, &self.screen) {
            (Some(Overlay::Search(panel)), _) => Some(panel),
            (None, Screen::Call(call)) => match &call.view {
                CallerView::Unknown(panel) => Some(panel),
                _ => None,
            },
            _ => None,
        }
    }

    fn search_panel_mut(&mut self) -> Option<&mut SearchPanel> {
        match (&mut self.overlay, &mut self.screen) {
            (Some(Overlay::Search(panel)), _) => Some(panel),
            (None, Screen::Call(call)) => match &mut call.view {
                CallerView::Unknown(panel) => Some(panel),
                _ => None,
            },
            _ => None,
        }
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
                    changed |= self.type_char(c, &mut effects);
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
            Msg::SearchAnswered { seq, result } => match self.search_panel_mut() {
                Some(panel) => {
                    if let Some(next) = panel.answer(seq, result) {
                        effects.push(Effect::Search {
                            seq: next.seq,
                            query: next.text,
                        });
                    }
                    true
                }
                None => false,
            },
            Msg::TravellerLoaded(result) => self.on_traveller_loaded(result),
            Msg::PhoneAdded {
                traveller_id,
                e164,
                result,
            } => self.on_phone_added(traveller_id, e164, result),
            Msg::Failed(message) => {
                self.flash = Some(message);
                true
            }
        };
        (changed, effects)
    }

    /// The clock text on screen; a tick that does not change it draws nothing.
    fn visible_clock(&self) -> (String, Option<i64>) {
        (self.now.format("%H:%M").to_string(), self.call_seconds())
    }

    fn on_server_event(&mut self, event: ServerEvent) -> bool {
        match event {
            ServerEvent::Hello { user } => {
                self.user = user;
                self.connection = Connection::Online;
                true
            }
            ServerEvent::CallOffered { offer } => {
                // A PBX that retries its webhook must not ring the call twice.
                let on_screen = matches!(&self.screen, Screen::Call(call) if call.offer.call_id == offer.call_id);
                if on_screen || self.queued.iter().any(|o| o.call_id == offer.call_id) {
                    return false;
                }
                self.pops += 1;
                if matches!(self.screen, Screen::Waiting) {
                    self.screen = Screen::Call(Box::new(CallScreen::new(offer)));
                    // The caller comes first: whatever was open gives way.
                    self.overlay = None;
                    self.pending.clear();
                } else {
                    self.queued.push_back(offer);
                }
                true
            }
            ServerEvent::CallAnswered { call_id, .. } => {
                let now = self.now;
                self.with_call(&call_id, |call| {
                    if call.phase == Phase::Ringing {
                        call.phase = Phase::Talking { since: now };
                    }
                })
            }
            ServerEvent::CallEnded { call_id, how } => {
                let queued_before = self.queued.len();
                self.queued.retain(|o| o.call_id != call_id);
                let seconds = self.call_seconds().unwrap_or(0);
                let changed = self.with_call(&call_id, |call| {
                    call.phase = Phase::Ended { after: seconds }
                });
                if changed && how == CallEventKind::Abandoned {
                    self.flash = Some("the caller hung up before the call was answered".into());
                }
                changed || self.queued.len() != queued_before
            }
        }
    }

    fn with_call(&mut self, call_id: &str, f: impl FnOnce(&mut CallScreen)) -> bool {
        match &mut self.screen {
            Screen::Call(call) if call.offer.call_id == call_id => {
                f(call);
                true
            }
            _ => false,
        }
    }

    fn on_traveller_loaded(&mut self, result: Result<CallerProfile, String>) -> bool {
        let profile = match result {
            Ok(profile) => profile,
            Err(message) => {
                self.flash = Some(format!("could not open the traveller: {message}"));
                return true;
            }
        };
        match (self.overlay.take(), &mut self.screen) {
            (Some(Overlay::Search(mut back)), _) => {
                back.message = None;
                self.overlay = Some(Overlay::Profile {
                    profile: Box::new(profile),
                    back,
                });
                true
            }
            (None, Screen::Call(call)) if matches!(call.view, CallerView::Unknown(_)) => {
                call.identify(profile);
                true
            }
            (other, _) => {
                // The agent moved on before the profile arrived.
                self.overlay = other;
                false
            }
        }
    }

    /// Outbound calls and new numbers: the traveller found by search gets
    /// the number they are calling from.
    fn add_caller_number(&mut self, effects: &mut Vec<Effect>) -> bool {
        let Screen::Call(call) = &self.screen else {
            return false;
        };
        let message = match (&call.offer.caller.number, call.shown_profile()) {
            (CallerNumber::Known { e164 }, Some(profile)) => {
                if profile.traveller.phones.iter().any(|p| p.e164 == *e164) {
                    format!("{e164} is already on this profile")
                } else {
                    effects.push(Effect::AddPhone {
                        traveller_id: profile.traveller.id,
                        e164: e164.clone(),
                        version: profile.traveller.version,
                        idempotency_key: format!(
                            "add-phone:{}:{}:{e164}",
                            call.offer.call_id, profile.traveller.id
                        ),
                    });
                    format!("adding {e164} to {}…", profile.traveller.latin_name())
                }
            }
            (CallerNumber::Known { .. }, None) => "open the caller's profile first".into(),
            _ => "the caller's number is not known".into(),
        };
        self.flash = Some(message);
        true
    }

    fn on_phone_added(
        &mut self,
        traveller_id: i64,
        e164: String,
        result: Result<bool, String>,
    ) -> bool {
        self.flash = Some(match result {
            Err(message) => format!("could not add {e164}: {message}"),
            Ok(added) => {
                if let Screen::Call(call) = &mut self.screen {
                    for profile in call
                        .matches
                        .iter_mut()
                        .filter(|p| p.traveller.id == traveller_id)
                    {
                        if !profile.traveller.phones.iter().any(|p| p.e164 == e164) {
                            profile.traveller.phones.push(ContactNumber {
                                e164: e164.clone(),
                                label: "added by agent".into(),
                            });
                        }
                    }
                }
                if added {
                    format!("added {e164} to the profile")
                } else {
                    format!("{e164} was already on the profile")
                }
            }
        });
        true
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
            Resolution::NotFound if context.takes_text() => {
                key.typed_char().is_some_and(|c| self.type_char(c, effects))
            }
            Resolution::NotFound => false,
        }
    }

    fn type_char(&mut self, c: char, effects: &mut Vec<Effect>) -> bool {
        self.edit_text(|s| s.push(c), effects)
    }

    /// Applies an edit to whichever text box has the keys: the palette, a
    /// search, or a chooser's filter.
    fn edit_text(&mut self, f: impl FnOnce(&mut String), effects: &mut Vec<Effect>) -> bool {
        if let Some(Overlay::Palette(palette)) = &mut self.overlay {
            palette.edit(f, &self.fuzzy);
            return true;
        }
        if let Some(panel) = self.search_panel_mut() {
            if let Some(next) = panel.edit(f) {
                effects.push(Effect::Search {
                    seq: next.seq,
                    query: next.text,
                });
            }
            return true;
        }
        if let Screen::Call(call) = &mut self.screen
            && let CallerView::Chooser(chooser) = &mut call.view
        {
            chooser.edit(f, &call.matches);
            return true;
        }
        false
    }

    fn run(&mut self, action: Action, effects: &mut Vec<Effect>) -> bool {
        match action {
            Action::Noop => false,
            Action::Quit => {
                self.should_quit = true;
                effects.push(Effect::Quit);
                true
            }
            Action::Help => {
                self.help_open = true;
                true
            }
            Action::Close => self.close(),
            Action::OpenPalette => {
                let behind = self.context_behind_help();
                self.help_open = false;
                let palette = Palette::new(behind, &self.keymap, |a| self.is_useful(a));
                self.overlay = Some(Overlay::Palette(palette));
                true
            }
            Action::OpenSearch => {
                if matches!(self.overlay, Some(Overlay::Search(_))) {
                    return false;
                }
                self.overlay = Some(Overlay::Search(SearchPanel::default()));
                true
            }
            Action::RingDemoCall => {
                self.flash = Some(if self.demo {
                    effects.push(Effect::RingDemoCall);
                    "ringing a demo call…".into()
                } else {
                    "demo calls ring only in demo mode".into()
                });
                true
            }
            Action::Accept => self.call_effect(effects, |call| {
                (call.phase == Phase::Ringing).then(|| Effect::Answer(call.offer.call_id.clone()))
            }),
            Action::HangUp => self.call_effect(effects, |call| {
                (!matches!(call.phase, Phase::Ended { .. }))
                    .then(|| Effect::HangUp(call.offer.call_id.clone()))
            }),
            Action::BackToWaiting => {
                self.screen = match self.queued.pop_front() {
                    Some(offer) => Screen::Call(Box::new(CallScreen::new(offer))),
                    None => Screen::Waiting,
                };
                true
            }
            Action::SelectNext | Action::SelectPrevious => {
                self.move_selection(action == Action::SelectNext)
            }
            Action::Open => self.open(effects),
            Action::ShowChooser => {
                let Screen::Call(call) = &mut self.screen else {
                    return false;
                };
                if call.matches.len() < 2 {
                    return false;
                }
                let mut chooser = crate::console::chooser::Chooser::new(&call.matches);
                if let CallerView::Profile { index } = call.view {
                    chooser.select_index(index);
                }
                call.view = CallerView::Chooser(chooser);
                true
            }
            Action::AddCallerNumber => self.add_caller_number(effects),
            Action::ClearInput => self.edit_text(String::clear, effects),
            Action::DeleteBackward => self.edit_text(|s| _ = s.pop(), effects),
        }
    }

    fn close(&mut self) -> bool {
        if self.help_open {
            self.help_open = false;
            return true;
        }
        self.overlay = match self.overlay.take() {
            Some(Overlay::Profile { back, .. }) => Some(Overlay::Search(back)),
            Some(Overlay::Search(_) | Overlay::Palette(_)) => None,
            None => {
                // The unknown caller's search box cannot close: it clears.
                if let Some(panel) = self.search_panel_mut() {
                    panel.edit(String::clear);
                }
                None
            }
        };
        true
    }

    fn open(&mut self, effects: &mut Vec<Effect>) -> bool {
        if let Some(Overlay::Palette(palette)) = &self.overlay {
            let chosen = palette.chosen();
            self.overlay = None;
            // Closing the palette is a change even if the action does nothing.
            if let Some(action) = chosen {
                self.run(action, effects);
            }
            return true;
        }
        if let Some(panel) = self.search_panel_mut() {
            if let Some(id) = panel.selected_id() {
                effects.push(Effect::LoadTraveller(id));
                panel.message = Some("opening…".into());
                return true;
            }
            return false;
        }
        let Screen::Call(call) = &mut self.screen else {
            return false;
        };
        let CallerView::Chooser(chooser) = &call.view else {
            return false;
        };
        match chooser.selected_index() {
            Some(index) => {
                call.view = CallerView::Profile { index };
                true
            }
            None => false,
        }
    }

    fn call_effect(
        &mut self,
        effects: &mut Vec<Effect>,
        f: impl FnOnce(&CallScreen) -> Option<Effect>,
    ) -> bool {
        let Screen::Call(call) = &self.screen else {
            return false;
        };
        match f(call) {
            Some(effect) => {
                effects.push(effect);
                true
            }
            None => false,
        }
    }

    fn move_selection(&mut self, forward: bool) -> bool {
        if let Some(Overlay::Palette(palette)) = &mut self.overlay {
            return palette.step(forward);
        }
        if let Some(panel) = self.search_panel_mut() {
            return panel.step(forward);
        }
        let Screen::Call(call) = &mut self.screen else {
            return false;
        };
        match &mut call.view {
            CallerView::Chooser(chooser) => chooser.step(forward),
            CallerView::Profile { index } if call.matches.len() > 1 => {
                crate::console::selection::step(index, call.matches.len(), forward)
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests;
