//! What the note form asks of the server and does with the answers: the
//! traveller's flights and a draft kept from before when it opens, the
//! flights again when the server is back, the answer to its save.

use crate::console::app::overlay::{Env, Reaction};
use crate::console::app::{Effect, NoteForm};
use crate::console::{
    ask::{Answer, Ask},
    outbox::DraftKind,
    request::{IdempotencyKey, RequestError},
};
use crate::domain::casework::Note;

impl NoteForm {
    /// The server answered the write `key`: on success the form closes
    /// (`true`); on an error it stays, the error beside its field.
    pub fn answered(&mut self, key: &IdempotencyKey, result: &Result<Note, RequestError>) -> bool {
        if self.sending.as_ref() != Some(key) {
            return false;
        }
        self.sending = None;
        let Err(error) = result else {
            return true;
        };
        // Still on screen, so kept as a draft again.
        self.draft.touched();
        self.show_error(&error.to_string());
        false
    }

    /// Asks for the traveller's flights and for a draft kept from before.
    pub(super) fn ask_first(&mut self, env: &mut Env) {
        self.draft.awaiting_offer = true;
        env.ask(Ask::NoteFlights {
            traveller_id: self.traveller_id,
        });
        env.effects.push(Effect::LoadDraft {
            traveller_id: self.traveller_id,
            kind: DraftKind::Note,
        });
    }

    pub(super) fn take_answer(&mut self, answer: Answer, env: &mut Env) -> Reaction {
        match answer {
            Answer::NoteFlights { result, .. } if self.flight.flights.is_none() => {
                let result = result.map_err(|e| match e {
                    RequestError::Offline(_) => {
                        crate::console::app::offline_forms::LOADS_WHEN_BACK.to_string()
                    }
                    other => other.to_string(),
                });
                self.flight.loaded(result, env.fuzzy);
                Reaction::Changed
            }
            Answer::NoteSaved { result, .. } => {
                let Some(key) = self.sending.clone() else {
                    return Reaction::Unchanged;
                };
                if self.answered(&key, &result) {
                    Reaction::Close
                } else {
                    Reaction::Changed
                }
            }
            _ => Reaction::Unchanged,
        }
    }

    /// The flights, asked for again if they failed for want of the server.
    pub(super) fn ask_again(&mut self, env: &mut Env) -> bool {
        if self.flight.flights.is_some() {
            return false;
        }
        self.flight.error = None;
        env.ask(Ask::NoteFlights {
            traveller_id: self.traveller_id,
        });
        true
    }
}
