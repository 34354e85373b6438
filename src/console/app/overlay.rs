//! One focus mechanism. Whatever takes the keys — an overlay on the stack
//! (palette, search, a profile opened from search, help) or the part of a
//! call screen that types (a chooser's filter, the unknown caller's
//! search) — implements `Focus`; overlays also draw themselves. A new pane
//! or form is one type implementing these traits, pushed on the stack.

use ratatui::{Frame, layout::Rect};

use super::{Effect, SearchPanel};
use crate::{
    console::{action::Action, keymap::Context, ui::Paint},
    domain::fuzzy::Fuzzy,
};

/// What a focus may touch while it handles a key: shared helpers and the
/// effects to run.
pub struct Env<'a> {
    pub fuzzy: &'a Fuzzy,
    pub effects: &'a mut Vec<Effect>,
}

/// What the app should do after a focus handled `open`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reaction {
    Unchanged,
    Changed,
    /// Close this overlay, then run the action where the agent was.
    CloseAndRun(Option<Action>),
    /// A chooser picked the traveller at this index of the call's matches.
    ChooseTraveller(usize),
}

pub trait Focus {
    /// The keymap section in force.
    fn context(&self) -> Context;

    /// Whether `action` would do anything here; `None` leaves the answer
    /// to what is underneath (the call screen).
    fn is_useful(&self, _action: Action) -> Option<bool> {
        None
    }

    /// Applies an edit to the text box, if there is one.
    fn edit_text(&mut self, _edit: &mut dyn FnMut(&mut String), _env: &mut Env) -> bool {
        false
    }

    fn move_selection(&mut self, _forward: bool) -> bool {
        false
    }

    /// Runs the selected row.
    fn open(&mut self, _env: &mut Env) -> Reaction {
        Reaction::Unchanged
    }
}

pub trait Overlay: Focus + std::fmt::Debug + Send {
    /// Draws itself in the body area.
    fn render(&self, frame: &mut Frame, area: Rect, paint: &Paint);

    /// Whether it fills the body (so nothing underneath needs drawing) or
    /// floats over it.
    fn covers_body(&self) -> bool;

    /// Requests answer the search panel that asked, found by its id.
    fn search_panel(&self) -> Option<&SearchPanel> {
        None
    }

    fn search_panel_mut(&mut self) -> Option<&mut SearchPanel> {
        None
    }
}
