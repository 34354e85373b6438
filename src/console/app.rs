//! The console's state and its one place of change, `App::update`. No I/O
//! here: work for the outside world is returned as `Effect`s.

use std::collections::VecDeque;

use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;

use super::{
    action::Action,
    chooser::Chooser,
    keymap::{Context, Keymap},
    keys::Key,
};
use crate::{
    domain::{CallEventKind, CallerProfile, User},
    wire::{CallOffer, CallerLookup, CallerNumber, ServerEvent},
};

/// Everything that can happen to the console.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Resize,
    Tick(DateTime<Utc>),
    Server(ServerEvent),
    Connection(Connection),
    SearchDone(Result<CallerLookup, String>),
    /// A request to the server failed; the text says what to tell the agent.
    Failed(String),
}

/// Work the run loop does for `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Answer(String),
    HangUp(String),
    Search(String),
    RingDemoCall,
    Quit,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Connection {
    Connecting,
    Online,
    Offline(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Ringing,
    Talking { since: DateTime<Utc> },
    Ended { after: i64 },
}

/// What the body of a call screen shows.
#[derive(Debug, Clone, PartialEq)]
pub enum CallerView {
    Profile { index: usize },
    Chooser(Chooser),
    Unknown(UnknownCaller),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct UnknownCaller {
    pub input: String,
    pub searching: bool,
    pub message: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CallScreen {
    pub offer: CallOffer,
    pub phase: Phase,
    /// The travellers on screen: the pop's matches, or a search's results.
    pub matches: Vec<CallerProfile>,
    pub view: CallerView,
}

impl CallScreen {
    fn new(offer: CallOffer) -> Self {
        let matches = offer.caller.matches.clone();
        let view = initial_view(&matches);
        Self {
            offer,
            phase: Phase::Ringing,
            matches,
            view,
        }
    }

    pub fn shown_profile(&self) -> Option<&CallerProfile> {
        match &self.view {
            CallerView::Profile { index } => self.matches.get(*index),
            _ => None,
        }
    }
}

/// One match pops straight away; several need a chooser; none, a search.
fn initial_view(matches: &[CallerProfile]) -> CallerView {
    match matches.len() {
        0 => CallerView::Unknown(UnknownCaller::default()),
        1 => CallerView::Profile { index: 0 },
        _ => CallerView::Chooser(Chooser::new(matches)),
    }
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
    pub queued: VecDeque<CallOffer>,
    pub now: DateTime<Utc>,
    pub help_open: bool,
    pub flash: Option<String>,
    pub demo: bool,
    pub should_quit: bool,
    /// Screen pops shown since start (for the status line and benchmarks).
    pub pops: u64,
}

impl App {
    pub fn new(user: User, keymap: Keymap, now: DateTime<Utc>, demo: bool) -> Self {
        Self {
            user,
            keymap,
            connection: Connection::Connecting,
            screen: Screen::Waiting,
            queued: VecDeque::new(),
            now,
            help_open: false,
            flash: None,
            demo,
            should_quit: false,
            pops: 0,
        }
    }

    pub fn context(&self) -> Context {
        if self.help_open {
            return Context::Help;
        }
        self.context_behind_help()
    }

    /// The context the agent is in, ignoring an open help window.
    pub fn context_behind_help(&self) -> Context {
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

    /// Applies one message; returns the effects to run. The caller redraws
    /// only when `update` reports a change.
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
                    changed |= self.type_char(c);
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
            Msg::SearchDone(result) => self.on_search_done(result),
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
                self.pops += 1;
                if matches!(self.screen, Screen::Waiting) {
                    self.screen = Screen::Call(Box::new(CallScreen::new(offer)));
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
                self.queued.retain(|o| o.call_id != call_id);
                let seconds = self.call_seconds().unwrap_or(0);
                let changed = self.with_call(&call_id, |call| {
                    call.phase = Phase::Ended { after: seconds }
                });
                if changed && how == CallEventKind::Abandoned {
                    self.flash = Some("the caller hung up before the call was answered".into());
                }
                changed
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

    fn on_search_done(&mut self, result: Result<CallerLookup, String>) -> bool {
        let Screen::Call(call) = &mut self.screen else {
            return false;
        };
        let CallerView::Unknown(unknown) = &mut call.view else {
            return false;
        };
        unknown.searching = false;
        match result {
            Ok(found) if !found.matches.is_empty() => {
                call.matches = found.matches;
                call.view = initial_view(&call.matches);
            }
            Ok(found) => {
                unknown.message = Some(match found.number {
                    CallerNumber::Withheld => "that is a withheld number".into(),
                    _ => format!("no traveller has {}", found.dialled),
                });
            }
            Err(message) => unknown.message = Some(message),
        }
        true
    }

    fn on_key(&mut self, key: Key, effects: &mut Vec<Effect>) -> bool {
        self.flash = None;
        let context = self.context();
        match self.keymap.action(context, &key) {
            Some(action) => self.run(action, effects),
            None if context.takes_text() => key.typed_char().is_some_and(|c| self.type_char(c)),
            None => false,
        }
    }

    fn type_char(&mut self, c: char) -> bool {
        let Screen::Call(call) = &mut self.screen else {
            return false;
        };
        match &mut call.view {
            CallerView::Chooser(chooser) => {
                chooser.push(c, &call.matches);
                true
            }
            CallerView::Unknown(unknown) if unknown.input.chars().count() < 64 => {
                unknown.input.push(c);
                unknown.message = None;
                true
            }
            _ => false,
        }
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
            Action::CloseHelp => {
                self.help_open = false;
                true
            }
            Action::RingDemoCall => {
                if self.demo {
                    effects.push(Effect::RingDemoCall);
                    self.flash = Some("ringing a demo call…".into());
                } else {
                    self.flash = Some("demo calls ring only in demo mode".into());
                }
                true
            }
            Action::Accept => self.call_action(
                |call| match call.phase {
                    Phase::Ringing => Some(Effect::Answer(call.offer.call_id.clone())),
                    _ => None,
                },
                effects,
            ),
            Action::HangUp => self.call_action(
                |call| match call.phase {
                    Phase::Ringing | Phase::Talking { .. } => {
                        Some(Effect::HangUp(call.offer.call_id.clone()))
                    }
                    Phase::Ended { .. } => None,
                },
                effects,
            ),
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
            Action::Open => {
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
            Action::ShowChooser => {
                let Screen::Call(call) = &mut self.screen else {
                    return false;
                };
                if call.matches.len() < 2 {
                    return false;
                }
                let mut chooser = Chooser::new(&call.matches);
                if let CallerView::Profile { index } = call.view {
                    chooser.select_index(index);
                }
                call.view = CallerView::Chooser(chooser);
                true
            }
            Action::Submit => {
                let Screen::Call(call) = &mut self.screen else {
                    return false;
                };
                let CallerView::Unknown(unknown) = &mut call.view else {
                    return false;
                };
                let query = unknown.input.trim().to_string();
                if query.is_empty() {
                    unknown.message = Some("type a phone number to look up".into());
                } else {
                    unknown.searching = true;
                    unknown.message = None;
                    effects.push(Effect::Search(query));
                }
                true
            }
            Action::ClearInput | Action::DeleteBackward => {
                let Screen::Call(call) = &mut self.screen else {
                    return false;
                };
                let clear = action == Action::ClearInput;
                match &mut call.view {
                    CallerView::Chooser(chooser) => {
                        if clear {
                            chooser.clear(&call.matches)
                        } else {
                            chooser.pop(&call.matches)
                        }
                        true
                    }
                    CallerView::Unknown(unknown) => {
                        if clear {
                            unknown.input.clear();
                        } else {
                            unknown.input.pop();
                        }
                        unknown.message = None;
                        true
                    }
                    CallerView::Profile { .. } => false,
                }
            }
        }
    }

    fn call_action(
        &mut self,
        f: impl FnOnce(&CallScreen) -> Option<Effect>,
        effects: &mut Vec<Effect>,
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
        let Screen::Call(call) = &mut self.screen else {
            return false;
        };
        match &mut call.view {
            CallerView::Chooser(chooser) => chooser.step(forward),
            CallerView::Profile { index } if call.matches.len() > 1 => {
                let n = call.matches.len();
                *index = if forward {
                    (*index + 1) % n
                } else {
                    (*index + n - 1) % n
                };
                true
            }
            _ => false,
        }
    }
}
