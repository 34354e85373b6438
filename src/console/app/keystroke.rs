//! From a key to what it does: the keymap in the context on top, a
//! sequence waiting for its next key, a text box taking what is typed, and
//! the moment after a call appears when keys meant for it are held back.

use crossterm::event::KeyCode;

use super::{App, Effect, Env, Phase, top_of};
use crate::console::{action::Action, keymap::Resolution, keys::Key};

/// How long after a call appears keys meant for it are ignored: about the
/// time between a keystroke and the agent noticing the screen changed.
/// Most characters a paste puts into a one-line box (a search, a filter).
const PASTE_INTO_LINE: usize = 256;

pub const CALL_KEY_GUARD: chrono::TimeDelta = chrono::TimeDelta::milliseconds(500);

impl App {
    pub(super) fn on_key(&mut self, key: Key, effects: &mut Vec<Effect>) -> bool {
        self.flash = None;
        if !self.pending.is_empty() && key.code == KeyCode::Esc && key.modifiers.is_empty() {
            self.pending.clear();
            return true;
        }
        let context = self.context();
        let mut typed = std::mem::take(&mut self.pending);
        typed.push(key);
        match self.keymap.resolve(context, &typed) {
            Resolution::Matched(action) if self.guarded(Some(action)) => false,
            Resolution::Matched(action) => self.run(action, effects),
            Resolution::Pending(_) => {
                self.pending = typed;
                true
            }
            Resolution::NotFound if typed.len() > 1 => true,
            Resolution::NotFound
                if context.takes_text()
                    && self.top().box_is_empty()
                    && self.global_character(&key).is_some() =>
            {
                match self.global_character(&key) {
                    Some(action) if !self.guarded(Some(action)) => self.run(action, effects),
                    _ => false,
                }
            }
            Resolution::NotFound if context.takes_text() && !self.guarded(None) => {
                let me = self.top_id();
                let mut env =
                    Env::new(&self.fuzzy, &mut self.flash, effects, me).at(self.now, self.centre);
                match top_of(&mut self.overlays, &mut self.screen).edit_key(&key, &mut env) {
                    Some(changed) => changed,
                    None => key
                        .typed_char()
                        .is_some_and(|c| self.edit_text(&mut |s| s.push(c), effects)),
                }
            }
            Resolution::NotFound => false,
        }
    }

    /// The global help or search a character key runs (`?`, `/`), which a
    /// text box takes as typing unless the box is empty. Only these two:
    /// a letter (`q` quits) is always the start of what is typed.
    fn global_character(&self, key: &Key) -> Option<Action> {
        key.typed_char()?;
        match self
            .keymap
            .resolve(crate::console::keymap::Context::Global, &[*key])
        {
            Resolution::Matched(action @ (Action::Help | Action::OpenSearch)) => Some(action),
            _ => None,
        }
    }

    /// Whether a call rang so recently that a key meant for it (`action`,
    /// or typing when `None`) was surely meant for what was there before.
    pub(super) fn guarded(&self, action: Option<Action>) -> bool {
        let Some(call) = self.screen.call() else {
            return false;
        };
        let over = matches!(call.phase, Phase::Ended { .. });
        if over || self.now - call.shown_at >= CALL_KEY_GUARD {
            return false;
        }
        let screen_on_top = self.overlays.is_empty();
        match action {
            Some(Action::Accept | Action::HangUp | Action::AddCallerNumber) => true,
            // Ways out and ways elsewhere never touch the call.
            Some(
                Action::Quit
                | Action::QuitNow
                | Action::Help
                | Action::OpenPalette
                | Action::OpenSearch
                | Action::RingDemoCall,
            ) => false,
            _ => screen_on_top,
        }
    }

    /// Pasted text: whole into a multi-line editor; into a one-line box,
    /// its first `PASTE_INTO_LINE` characters with line breaks and other
    /// controls removed, as if typed.
    pub(super) fn paste(&mut self, text: &str, effects: &mut Vec<Effect>) -> bool {
        let me = self.top_id();
        let mut env = Env::new(&self.fuzzy, &mut self.flash, effects, me).at(self.now, self.centre);
        if let Some(changed) = top_of(&mut self.overlays, &mut self.screen).paste(text, &mut env) {
            return changed;
        }
        let line = crate::domain::text::clean_capped(text, PASTE_INTO_LINE);
        !line.is_empty() && self.edit_text(&mut |s| s.push_str(&line), effects)
    }

    /// Applies an edit to whichever text box has the keys.
    pub(super) fn edit_text(
        &mut self,
        edit: &mut dyn FnMut(&mut String),
        effects: &mut Vec<Effect>,
    ) -> bool {
        let me = self.top_id();
        let mut env = Env::new(&self.fuzzy, &mut self.flash, effects, me).at(self.now, self.centre);
        top_of(&mut self.overlays, &mut self.screen).edit_text(edit, &mut env)
    }
}
