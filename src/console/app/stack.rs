//! The stack of layers the console is: the screen at the bottom, overlays
//! on top. Which layer takes the keys, which one answers for an action,
//! and what the stack does with a layer's `Reaction`.

use super::{App, Availability, ConfirmOverlay, Effect, Env, Focus, Layer, Reaction, Screen};
use crate::console::{action::Action, keymap::Context};

/// The layer on top of the stack, which takes the keys: the last overlay,
/// else the screen. Borrows only the stack, so `Env` can borrow the rest.
pub(super) fn top_of<'a>(overlays: &'a mut [Layer], screen: &'a mut Screen) -> &'a mut dyn Focus {
    match overlays.last_mut() {
        Some(top) => &mut **top,
        None => screen,
    }
}

impl App {
    /// Every layer of the stack, bottom (the screen) to top.
    pub(super) fn layers(&self) -> impl DoubleEndedIterator<Item = &dyn Focus> {
        std::iter::once(&self.screen as &dyn Focus)
            .chain(self.overlays.iter().map(|o| &**o as &dyn Focus))
    }

    /// The layer that takes the keys.
    pub(super) fn top(&self) -> &dyn Focus {
        self.layers().next_back().unwrap_or(&self.screen)
    }

    pub fn context(&self) -> Context {
        self.top().context()
    }

    /// Whether an action would do anything now (the footer hides the rest):
    /// the first layer from the top that knows says.
    pub fn is_useful(&self, action: Action) -> bool {
        self.availability(action).is_now()
    }

    /// Whether an action would do anything now, and if not, why.
    pub fn availability(&self, action: Action) -> Availability {
        self.availability_of(self.layers(), action)
    }

    /// The same, for what lies beneath the layer on top (what help on
    /// top describes).
    fn availability_beneath_top(&self, action: Action) -> Availability {
        let below = self.layers().count().saturating_sub(1).max(1);
        self.availability_of(self.layers().take(below), action)
    }

    fn availability_of<'a>(
        &self,
        layers: impl Iterator<Item = &'a dyn Focus>,
        action: Action,
    ) -> Availability {
        let layers: Vec<&dyn Focus> = layers.collect();
        // Moving, opening, editing and going back act on the top layer
        // alone; what acts on the call is answered by the layer that has it.
        let on_top = matches!(
            action,
            Action::Open
                | Action::Close
                | Action::Confirm
                | Action::SelectNext
                | Action::SelectPrevious
                | Action::ClearInput
                | Action::DeleteBackward
        );
        let answer = if on_top {
            layers.last().and_then(|top| top.availability(action))
        } else {
            layers.iter().rev().find_map(|l| l.availability(action))
        };
        answer.unwrap_or(match action {
            Action::RingDemoCall => {
                Availability::when(self.demo, "demo calls ring only in the demo")
            }
            Action::Floor => Availability::when(
                self.user.has(crate::domain::Role::Supervisor),
                "only supervisors see the floor",
            ),
            Action::MyState => Availability::when(
                self.may_set_state(),
                "only agents, VIP hotline staff and supervisors have a state",
            ),
            _ => Availability::Now,
        })
    }

    /// Help on top lists the keys of what is beneath it now: when a call
    /// rings (or ends) under it, it changes to that call's keys. Whether it
    /// changed.
    pub(super) fn help_follows_what_is_beneath(&mut self) -> bool {
        let Some(shown) = self.overlays.last().and_then(|top| top.help_for()) else {
            return false;
        };
        let beneath = match self.overlays.len() {
            0 | 1 => self.screen.context(),
            n => self.overlays[n - 2].context(),
        };
        if beneath == shown {
            return false;
        }
        // Asked of the layers beneath help, which is what it describes.
        let help =
            super::HelpOverlay::new(beneath, &self.keymap, |a| self.availability_beneath_top(a));
        if let Some(top) = self.overlays.last_mut() {
            top.replace(Box::new(help));
        }
        true
    }

    /// Brings the layer `action` opened for the traveller back to the top,
    /// if it is open (what was above it stays, under it); whether it was.
    pub(super) fn back_to_open(&mut self, action: Action, traveller_id: i64) -> bool {
        let Some(at) = self
            .overlays
            .iter()
            .rposition(|o| o.opened_by() == Some((action, traveller_id)))
        else {
            return false;
        };
        let layer = self.overlays.remove(at);
        self.overlays.push(layer);
        true
    }

    /// Applies what a layer asked of the stack; returns whether anything changed.
    pub(super) fn react(&mut self, reaction: Reaction, effects: &mut Vec<Effect>) -> bool {
        match reaction {
            Reaction::Unchanged => false,
            Reaction::Changed => true,
            Reaction::Close => self.overlays.pop().is_some(),
            Reaction::CloseAndRun(action) => {
                self.overlays.pop();
                // Closing is a change even if the action does nothing.
                if let Some(action) = action {
                    self.run(action, effects);
                }
                true
            }
            Reaction::Push(overlay) => {
                // One of a kind per traveller: one with typing in it is gone
                // back to; one without gives way to the new one.
                if let Some(at) = overlay.opened_by().and_then(|opened| {
                    self.overlays
                        .iter()
                        .rposition(|o| o.opened_by() == Some(opened))
                }) {
                    let existing = self.overlays.remove(at);
                    if existing.holds_typing() {
                        self.overlays.push(existing);
                        return true;
                    }
                }
                self.push_layer(overlay, effects);
                true
            }
            Reaction::Ask { question, action } => {
                let confirm = ConfirmOverlay::new(question, action, &self.keymap);
                self.push_layer(Box::new(confirm), effects);
                true
            }
            Reaction::AnswerDraft(draft) => {
                self.overlays.pop();
                let me = self.top_id();
                let mut env =
                    Env::new(&self.fuzzy, &mut self.flash, effects, me).at(self.now, self.centre);
                top_of(&mut self.overlays, &mut self.screen).take_draft(draft, &mut env);
                true
            }
        }
    }
}
