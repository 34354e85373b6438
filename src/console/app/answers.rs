//! Answers on the app: a write's answer handed to the layer that holds its
//! key, an answer whose layer is gone taken by the app where it matters,
//! and what a saved write means for every layer showing its traveller.

use super::{App, Effect, Layer, LayerId, Reaction};
use crate::console::{ask::Answer, request::IdempotencyKey};

impl App {
    /// The server answered the write `key`: the layer waiting on it takes
    /// the answer, then the app says what it means for the rest.
    pub(super) fn on_written(
        &mut self,
        key: &IdempotencyKey,
        answer: Answer,
        effects: &mut Vec<Effect>,
    ) -> bool {
        let asked = self
            .overlays
            .iter()
            .find(|l| l.awaits_write(key))
            .map(Layer::id);
        if let Some(id) = asked {
            self.deliver(id, answer.clone(), effects);
        }
        self.written(answer, asked.is_some(), effects);
        true
    }

    /// What a write's answer means beyond its form (`addressed`: a form
    /// took it): said to the agent, and every layer listing the
    /// traveller's records reads them again.
    fn written(&mut self, answer: Answer, addressed: bool, effects: &mut Vec<Effect>) {
        self.each_layer(effects, |layer, env| layer.saved(&answer, env));
        match answer {
            Answer::NoteSaved { result, .. } => self.note_written(&result, addressed),
            Answer::FollowUpSaved { result } => self.follow_up_written(&result, addressed, effects),
            Answer::PreferencesSaved { result } => self.preferences_written(&result, addressed),
            Answer::ComplaintSaved { result } => {
                self.complaint_written(&result, addressed, effects)
            }
            Answer::VipRequestSaved { result, .. } => self.vip_request_written(&result, addressed),
            Answer::WrappedUp { call_id, result } => {
                self.wrap_up_written(&call_id, result, addressed)
            }
            other => {
                tracing::warn!(answer = ?other, "a write answered with a read's answer");
            }
        }
    }

    /// An answer to what the app asked for itself.
    pub(super) fn app_answered(&mut self, answer: Answer, effects: &mut Vec<Effect>) -> bool {
        match answer {
            Answer::Refreshed {
                traveller_id,
                result,
            } => self.on_traveller_refreshed(traveller_id, result),
            Answer::Offer { call_id, result } => self.on_offer_fetched(&call_id, result, effects),
            Answer::CallDetails { call_id, result } => self.on_call_details(&call_id, result),
            Answer::MyState { result } => self.on_my_state_loaded(result),
            Answer::FollowUps { result } => self.follow_ups_read(result),
            Answer::StateSet { why, result } => self.on_my_state_set(why, result),
            other => self.unaddressed(other, effects),
        }
    }

    /// An answer whose layer has closed: the agent moved on, so it is
    /// dropped (a write's refusal is still said, by `written`).
    pub(super) fn unaddressed(&mut self, answer: Answer, _effects: &mut Vec<Effect>) -> bool {
        tracing::debug!(?answer, "an answer for a layer that has closed");
        false
    }

    /// Applies the reaction of the layer `id`, which need not be on top:
    /// closing closes that layer; anything else acts as from the top.
    pub(super) fn react_at(
        &mut self,
        id: LayerId,
        reaction: Reaction,
        effects: &mut Vec<Effect>,
    ) -> bool {
        match reaction {
            Reaction::Close => match self.position_of(id) {
                Some(at) => {
                    self.overlays.remove(at);
                    true
                }
                None => false,
            },
            // A layer that is not on top puts nothing over what the agent
            // is doing now: the answer came too late for that.
            Reaction::Push(_) if id != self.top_id() => {
                tracing::debug!(?id, "a layer below the top asked to open another");
                false
            }
            other => self.react(other, effects),
        }
    }
}
