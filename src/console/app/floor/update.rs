//! The floor view on the app: opened by supervisors only, loaded when it
//! opens and again whenever the stream reconnects (while it is open), and
//! kept up to date with every `floor_changed` event in between. Nothing
//! is asked of the server on a timer: the clock only redraws.

use crate::console::app::{App, Effect, FloorView};
use crate::{
    console::request::RequestError,
    domain::{Role, floor::FloorChange},
    wire::FloorSnapshot,
};

impl App {
    /// The floor view, wherever it is on the stack.
    pub(in crate::console::app) fn floor_view(&mut self) -> Option<&mut FloorView> {
        self.overlays.iter_mut().find_map(|o| o.floor_view_mut())
    }

    /// Whether the floor view is on the stack.
    pub fn floor_open(&self) -> bool {
        self.overlays
            .iter()
            .any(|o| o.context() == crate::console::keymap::Context::Floor)
    }

    fn next_floor_load(&mut self, effects: &mut Vec<Effect>) -> u64 {
        self.floor_seq += 1;
        effects.push(Effect::LoadFloor {
            seq: self.floor_seq,
        });
        self.floor_seq
    }

    /// Opens the floor, or closes it when it is on top. Only supervisors
    /// see it: anyone else is told so, and nothing is asked of the server.
    pub(in crate::console::app) fn toggle_floor(&mut self, effects: &mut Vec<Effect>) -> bool {
        if self
            .overlays
            .last_mut()
            .is_some_and(|o| o.floor_view_mut().is_some())
        {
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
        let seq = self.next_floor_load(effects);
        self.overlays.push(Box::new(FloorView::new(seq)));
        true
    }

    /// The stream (re)connected: what it missed is in a fresh load.
    pub(in crate::console::app) fn floor_hears_hello(&mut self, effects: &mut Vec<Effect>) {
        if self.floor_view().is_none() {
            return;
        }
        let seq = self.next_floor_load(effects);
        if let Some(view) = self.floor_view() {
            view.reload(seq);
        }
    }

    /// A change on the floor: to the view (when open) and to the agent's
    /// own state (when it names them).
    pub(in crate::console::app) fn on_floor_change(&mut self, change: &FloorChange) -> bool {
        let own = self.hear_own_change(change);
        let shown = match self.floor_view() {
            Some(view) => {
                view.hear(change);
                true
            }
            None => false,
        };
        own || shown
    }

    pub(in crate::console::app) fn on_floor_loaded(
        &mut self,
        seq: u64,
        result: Result<FloorSnapshot, RequestError>,
        effects: &mut Vec<Effect>,
    ) -> bool {
        let Some(view) = self.floor_view() else {
            return false;
        };
        match view.loaded(seq, result) {
            None => false,
            Some(stale) => {
                if stale {
                    let seq = self.next_floor_load(effects);
                    if let Some(view) = self.floor_view() {
                        view.reload(seq);
                    }
                }
                true
            }
        }
    }

    /// A call appeared: the floor gives way, so the call pops as it does
    /// from waiting (the floor holds nothing typed; `F` brings it back).
    pub(in crate::console::app) fn floor_gives_way(&mut self) {
        if self.floor_open() {
            self.overlays
                .retain(|o| o.context() != crate::console::keymap::Context::Floor);
        }
    }
}
