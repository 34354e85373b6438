//! The floor view on the app: opened by supervisors only, loaded when it
//! opens and again whenever the stream reconnects (while it is open), and
//! kept up to date with every `floor_changed` event in between. Nothing
//! is asked of the server on a timer: the clock only redraws.

use crate::console::app::{App, Effect, FloorView};
use crate::{
    console::keymap::Context,
    domain::{Role, floor::FloorChange},
};

impl App {
    /// Whether the floor view is on the stack.
    pub fn floor_open(&self) -> bool {
        self.overlays.iter().any(|o| o.context() == Context::Floor)
    }

    /// Opens the floor, or closes it when it is on top. Only supervisors
    /// see it: anyone else is told so, and nothing is asked of the server.
    pub(in crate::console::app) fn toggle_floor(&mut self, effects: &mut Vec<Effect>) -> bool {
        // From an agent's day, the floor closes with it.
        if self.context() == Context::AgentDay {
            self.overlays.pop();
        }
        if self.context() == Context::Floor {
            self.overlays.pop();
            return true;
        }
        if !self.user.has(Role::Supervisor) {
            self.flash = Some("only supervisors see the floor".into());
            return true;
        }
        // Like a search, the floor replaces what was open on top, but a
        // form with typing stays under it, to come back to.
        self.overlays.retain(|o| o.holds_typing());
        self.push_layer(Box::new(FloorView::new()), effects);
        true
    }

    /// A change on the floor: to the view (when open) and to the agent's
    /// own state (when it names them).
    pub(in crate::console::app) fn on_floor_change(&mut self, change: &FloorChange) -> bool {
        let own = self.hear_own_change(change);
        let mut shown = false;
        for layer in &mut self.overlays {
            shown |= layer.floor_changed(change);
        }
        own || shown
    }

    /// A call appeared: the floor gives way, so the call pops as it does
    /// from waiting (the floor holds nothing typed; `F` brings it back).
    pub(in crate::console::app) fn floor_gives_way(&mut self) {
        if self.floor_open() {
            self.overlays.retain(|o| o.context() != Context::Floor);
        }
    }
}
