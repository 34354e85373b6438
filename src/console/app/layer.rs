//! Every layer of the stack has an id, given when it is pushed and never
//! used again. What a layer asks of the server carries its id; the answer
//! is handed to that layer, wherever it sits on the stack by then, or to
//! the app when it is gone.

use std::ops::{Deref, DerefMut};

use super::{App, Effect, Env, Focus, Overlay, top_of};
use crate::console::ask::{Answer, Ask};

/// Names one layer for as long as the console runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LayerId(u64);

impl LayerId {
    /// The screen at the bottom (waiting, or a call).
    pub const SCREEN: LayerId = LayerId(0);
    /// The panes beside the traveller's card on a wide terminal.
    pub const SIDE_PANES: LayerId = LayerId(1);
    /// The app itself: what no one layer owns (the agent's own state, a
    /// call's offer and details, a traveller read again for every layer).
    pub const APP: LayerId = LayerId(2);
    /// The first id an overlay gets.
    const FIRST_OVERLAY: u64 = 3;
}

impl Effect {
    /// What the app asks of the server for itself.
    pub fn app_asks(ask: Ask) -> Self {
        Effect::Ask {
            from: LayerId::APP,
            ask,
        }
    }
}

/// An overlay on the stack, with its id.
#[derive(Debug)]
pub struct Layer {
    id: LayerId,
    overlay: Box<dyn Overlay>,
}

impl Layer {
    pub fn id(&self) -> LayerId {
        self.id
    }

    /// Replaces what this layer shows, keeping its place and id.
    pub fn replace(&mut self, overlay: Box<dyn Overlay>) {
        self.overlay = overlay;
    }
}

impl Deref for Layer {
    type Target = dyn Overlay;
    fn deref(&self) -> &Self::Target {
        self.overlay.as_ref()
    }
}

impl DerefMut for Layer {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.overlay.as_mut()
    }
}

/// Hands out layer ids.
#[derive(Debug)]
pub(super) struct LayerIds(u64);

impl Default for LayerIds {
    fn default() -> Self {
        Self(LayerId::FIRST_OVERLAY)
    }
}

impl LayerIds {
    fn next(&mut self) -> LayerId {
        let id = LayerId(self.0);
        self.0 += 1;
        id
    }
}

impl App {
    /// Puts `overlay` on top, lets it ask for what it needs, and returns
    /// its id.
    pub fn push_layer(&mut self, overlay: Box<dyn Overlay>, effects: &mut Vec<Effect>) -> LayerId {
        let at = self.overlays.len();
        self.insert_layer(at, overlay, effects)
    }

    /// Puts `overlay` at `at` on the stack (0 is just above the screen).
    pub(super) fn insert_layer(
        &mut self,
        at: usize,
        overlay: Box<dyn Overlay>,
        effects: &mut Vec<Effect>,
    ) -> LayerId {
        let id = self.layer_ids.next();
        let mut layer = Layer { id, overlay };
        let mut env = Env::new(&self.fuzzy, &mut self.flash, effects, id).at(self.now, self.centre);
        layer.opened(&mut env);
        self.overlays.insert(at.min(self.overlays.len()), layer);
        id
    }

    /// Hands `answer` to the layer `to`; a layer gone by now leaves it to
    /// the app. Whether the screen changed.
    pub(super) fn deliver(
        &mut self,
        to: LayerId,
        answer: Answer,
        effects: &mut Vec<Effect>,
    ) -> bool {
        let reaction = if to == LayerId::SCREEN {
            let mut env =
                Env::new(&self.fuzzy, &mut self.flash, effects, to).at(self.now, self.centre);
            self.screen.answer(answer, &mut env)
        } else if to == LayerId::SIDE_PANES {
            return self.side_panes_answered(answer);
        } else if to == LayerId::APP {
            return self.app_answered(answer, effects);
        } else if let Some(layer) = self.overlays.iter_mut().find(|l| l.id == to) {
            let mut env =
                Env::new(&self.fuzzy, &mut self.flash, effects, to).at(self.now, self.centre);
            layer.answer(answer, &mut env)
        } else {
            return self.unaddressed(answer, effects);
        };
        self.react_at(to, reaction, effects)
    }

    /// The layer `id`'s place on the stack, if it is still there.
    pub(super) fn position_of(&self, id: LayerId) -> Option<usize> {
        self.overlays.iter().position(|l| l.id == id)
    }

    /// The id of the layer that takes the keys.
    pub fn top_id(&self) -> LayerId {
        self.overlays.last().map_or(LayerId::SCREEN, Layer::id)
    }

    /// Runs `f` on the layer on top with an `Env` of its own.
    pub(super) fn with_top<R>(
        &mut self,
        effects: &mut Vec<Effect>,
        f: impl FnOnce(&mut dyn Focus, &mut Env) -> R,
    ) -> R {
        let me = self.top_id();
        let mut env = Env::new(&self.fuzzy, &mut self.flash, effects, me)
            .at(self.now, self.centre)
            .sized(self.terminal_width, self.terminal_height);
        f(top_of(&mut self.overlays, &mut self.screen), &mut env)
    }

    /// Runs `f` on every layer, bottom to top, each with its own `Env`;
    /// whether any changed.
    pub(super) fn each_layer(
        &mut self,
        effects: &mut Vec<Effect>,
        mut f: impl FnMut(&mut dyn Focus, &mut Env) -> bool,
    ) -> bool {
        let mut env = Env::new(&self.fuzzy, &mut self.flash, effects, LayerId::SCREEN)
            .at(self.now, self.centre);
        let mut changed = f(&mut self.screen, &mut env);
        for layer in &mut self.overlays {
            let mut env = Env::new(&self.fuzzy, &mut self.flash, effects, layer.id);
            changed |= f(&mut **layer, &mut env);
        }
        changed
    }
}

#[cfg(test)]
impl App {
    /// The topmost layer of type `T`, for a test to look inside.
    pub(crate) fn layer_mut<T: Overlay>(&mut self) -> Option<&mut T> {
        self.overlays
            .iter_mut()
            .rev()
            .find_map(|l| (&mut **l as &mut dyn std::any::Any).downcast_mut::<T>())
    }

    /// The layer on top, if it is of type `T`.
    pub(crate) fn top_mut<T: Overlay>(&mut self) -> Option<&mut T> {
        let top = self.overlays.last_mut()?;
        (&mut **top as &mut dyn std::any::Any).downcast_mut::<T>()
    }

    /// The answer to what the layer on top asked.
    pub(crate) fn answer_top(&mut self, answer: Answer) -> (bool, Vec<Effect>) {
        let to = self.top_id();
        self.update(super::Msg::Answered { to, answer })
    }

    /// The search panel taking the agent's typing, if any: the `/` search
    /// on top, or the unknown caller's on the screen.
    pub(crate) fn search_panel(&self) -> Option<&super::SearchPanel> {
        match self.overlays.last() {
            Some(top) => (&**top as &dyn std::any::Any).downcast_ref(),
            None => match &self.screen.call()?.view {
                super::CallerView::Unknown(panel) => Some(panel),
                _ => None,
            },
        }
    }

    /// How many layers of type `T` are on the stack.
    pub(crate) fn count_of<T: Overlay>(&self) -> usize {
        self.overlays
            .iter()
            .filter(|l| (&***l as &dyn std::any::Any).is::<T>())
            .count()
    }
}
