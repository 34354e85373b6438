//! Drafts on the app: each form's draft written when due, everything
//! unwritten written when the console quits, and a draft found for a
//! form just opened offered back over it.

use crate::console::app::{App, DraftOffer, Effect, top_of};
use crate::console::{
    outbox::{Draft, DraftKind},
    request::RequestError,
};

impl App {
    /// The drafts due now, of every form on the stack.
    pub(in crate::console::app) fn drafts_due(&mut self, effects: &mut Vec<Effect>) {
        let now = self.now;
        effects.extend(
            self.overlays
                .iter_mut()
                .filter_map(|o| o.draft_due(now, false)),
        );
    }

    /// Every draft not yet written, written now (the console is quitting).
    pub(in crate::console::app) fn flush_drafts(&mut self, effects: &mut Vec<Effect>) {
        let now = self.now;
        effects.extend(
            self.overlays
                .iter_mut()
                .filter_map(|o| o.draft_due(now, true)),
        );
    }

    /// A draft found (or not) for a form that asked: offered over it if
    /// the agent has typed nothing in it yet.
    pub(in crate::console::app) fn on_draft_found(
        &mut self,
        traveller_id: i64,
        kind: DraftKind,
        result: Result<Option<Draft>, RequestError>,
    ) -> bool {
        let Some(at) = self
            .overlays
            .iter()
            .rposition(|o| o.awaits_draft(traveller_id, kind))
        else {
            return false;
        };
        self.overlays[at].draft_answered();
        let draft = match result {
            Ok(Some(draft)) => draft,
            Ok(None) => return false,
            Err(error) => {
                self.flash = Some(format!("a kept draft could not be read: {error}"));
                return true;
            }
        };
        let Some((what, preview)) = self.overlays[at].draft_preview(&draft) else {
            return false;
        };
        let offer = DraftOffer::new(draft, what, preview, &self.keymap);
        // Right over its form: if the agent went on to something else,
        // the offer waits there until they come back to the form.
        self.insert_layer(at + 1, Box::new(offer), &mut Vec::new());
        true
    }

    /// The agent threw the form on top away: so goes its draft.
    pub(in crate::console::app) fn drop_draft_of_top(&mut self, effects: &mut Vec<Effect>) {
        effects.extend(top_of(&mut self.overlays, &mut self.screen).dropped_draft());
    }
}
