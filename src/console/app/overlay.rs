//! One focus mechanism: a stack of layers. The screen is the bottom layer
//! (waiting, or a call, whose chooser or unknown-caller search types);
//! overlays (palette, search, a profile opened from search, help) sit on
//! top of it. The top layer takes the keys, whatever it is. A new pane or
//! form is one type implementing these traits, pushed on the stack.

use ratatui::{Frame, layout::Rect};

use super::{
    ComplaintForm, Effect, HistoryPane, NoteForm, PanelId, PreferencesForm, SearchPanel, WrapUpForm,
};
use crate::{
    console::{action::Action, keymap::Context, keys::Key, ui::Paint},
    domain::{CallerProfile, fuzzy::Fuzzy},
};

/// What a layer may touch while it handles a key: shared helpers and the
/// effects to run.
pub struct Env<'a> {
    pub fuzzy: &'a Fuzzy,
    pub effects: &'a mut Vec<Effect>,
}

/// What the app should do to the stack after a layer handled something.
#[derive(Debug)]
pub enum Reaction {
    Unchanged,
    Changed,
    /// Take this layer off the stack (the screen underneath never leaves).
    Close,
    /// Close this overlay, then run the action where the agent was.
    CloseAndRun(Option<Action>),
    /// Put a new overlay on top.
    Push(Box<dyn Overlay>),
    /// Ask the agent first; yes runs the action on this layer.
    Ask {
        question: &'static str,
        action: Action,
    },
}

pub trait Focus {
    /// The keymap section in force.
    fn context(&self) -> Context;

    /// Whether `action` would do anything here; `None` leaves the answer
    /// to the layer underneath.
    fn is_useful(&self, _action: Action) -> Option<bool> {
        None
    }

    /// Applies an edit to the text box, if there is one.
    fn edit_text(&mut self, _edit: &mut dyn FnMut(&mut String), _env: &mut Env) -> bool {
        false
    }

    /// Takes a key no binding wanted (an editor takes every key it can
    /// edit with); `None` leaves it to the text box, if any.
    fn edit_key(&mut self, _key: &Key, _env: &mut Env) -> Option<bool> {
        None
    }

    /// Whether it holds something typed and not yet saved, which nothing
    /// may drop without asking.
    fn holds_typing(&self) -> bool {
        false
    }

    /// Saves the form, if this layer is one.
    fn save(&mut self, _env: &mut Env) -> Reaction {
        Reaction::Unchanged
    }

    /// Closes a form without asking.
    fn discard(&mut self) -> Reaction {
        Reaction::Unchanged
    }

    /// The traveller this layer shows, if one (notes and history are
    /// about them).
    fn traveller(&self) -> Option<&CallerProfile> {
        None
    }

    /// The note form, if this layer is one (answers find it by its write).
    fn note_form_mut(&mut self) -> Option<&mut NoteForm> {
        None
    }

    /// The preferences form, if this layer is one.
    fn preferences_form_mut(&mut self) -> Option<&mut PreferencesForm> {
        None
    }

    /// The complaint form, if this layer is one.
    fn complaint_form_mut(&mut self) -> Option<&mut ComplaintForm> {
        None
    }

    /// The wrap-up form, if this layer is one.
    fn wrap_up_form_mut(&mut self) -> Option<&mut WrapUpForm> {
        None
    }

    /// The history pane, if this layer is one.
    fn history_pane_mut(&mut self) -> Option<&mut HistoryPane> {
        None
    }

    fn move_selection(&mut self, _forward: bool) -> bool {
        false
    }

    /// Runs the selected row.
    fn open(&mut self, _env: &mut Env) -> Reaction {
        Reaction::Unchanged
    }

    /// Goes back one level: an overlay leaves the stack.
    fn close(&mut self) -> Reaction {
        Reaction::Close
    }

    /// The search panel typing here, if any (requests answer it by its id).
    fn search_panel(&self) -> Option<&SearchPanel> {
        None
    }

    fn search_panel_mut(&mut self) -> Option<&mut SearchPanel> {
        None
    }

    /// The traveller that the search panel `panel` asked to open arrived.
    fn show_traveller(&mut self, _panel: PanelId, _profile: CallerProfile) -> Reaction {
        Reaction::Unchanged
    }
}

pub trait Overlay: Focus + std::fmt::Debug + Send {
    /// Draws itself in the body area.
    fn render(&self, frame: &mut Frame, area: Rect, paint: &Paint);

    /// Whether it fills the body (so nothing underneath needs drawing) or
    /// floats over it.
    fn covers_body(&self) -> bool;

    /// The traveller card it draws, if it is a traveller's profile (on a
    /// wide terminal, the panes beside the card are theirs).
    fn card(&self) -> Option<&CallerProfile> {
        None
    }
}
