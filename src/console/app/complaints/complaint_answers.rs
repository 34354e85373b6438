//! What the complaint form and the pane working complaints do with the
//! server's answers: the form's categories and flights and its save; the
//! pane's list, the complaint picked, and the change made to it.

use super::complaint_working::WorkAnswer;
use crate::console::app::overlay::{Env, Reaction};
use crate::console::app::{ComplaintForm, ComplaintWork, Effect};
use crate::console::{
    ask::{Answer, Ask},
    outbox::DraftKind,
};

impl ComplaintForm {
    /// Asks for the categories, the traveller's flights and a draft kept
    /// from before.
    pub(super) fn ask_first(&mut self, env: &mut Env) {
        self.draft.awaiting_offer = true;
        env.ask(Ask::ComplaintChoices {
            traveller_id: self.traveller_id,
        });
        env.effects.push(Effect::LoadDraft {
            traveller_id: self.traveller_id,
            kind: DraftKind::Complaint,
        });
    }

    pub(super) fn take_answer(&mut self, answer: Answer, env: &mut Env) -> Reaction {
        match answer {
            Answer::ComplaintChoices { result, .. } if self.categories.is_none() => {
                match result {
                    Ok((categories, flights)) => self.choices(categories, flights, env.fuzzy),
                    Err(error) => {
                        self.error = Some(crate::console::app::offline_forms::not_loaded(
                            "categories and flights",
                            &error,
                        ));
                    }
                }
                Reaction::Changed
            }
            Answer::ComplaintSaved { result } => {
                let Some(key) = self.sending.clone() else {
                    return Reaction::Unchanged;
                };
                let said = result.as_ref().ok().map(|record| match record.recovery {
                    Some(_) => format!("complaint {}: recovery recorded", record.id),
                    None => format!("complaint {} logged", record.id),
                });
                let done = self.answered(&key, result);
                if let (Some(_), Some(said)) = (done, said) {
                    env.say(said);
                }
                match done {
                    Some(true) => Reaction::Close,
                    Some(false) => Reaction::Changed,
                    None => Reaction::Unchanged,
                }
            }
            _ => Reaction::Unchanged,
        }
    }

    /// The choices, asked for again if they failed for want of the server.
    pub(super) fn ask_again(&mut self, env: &mut Env) -> bool {
        if self.categories.is_some() {
            return false;
        }
        self.error = None;
        env.ask(Ask::ComplaintChoices {
            traveller_id: self.traveller_id,
        });
        true
    }
}

impl ComplaintWork {
    pub(super) fn take_answer(&mut self, answer: Answer, env: &mut Env) -> Reaction {
        match answer {
            Answer::Complaints { result, .. } => {
                if let Some(wanted) = self.listed(result) {
                    env.ask(wanted);
                }
                Reaction::Changed
            }
            Answer::Complaint {
                complaint_id,
                result,
            } => {
                self.loaded(complaint_id, result);
                Reaction::Changed
            }
            Answer::ComplaintSaved { result } => {
                let Some(key) = self.working.as_ref().and_then(|w| w.sending.clone()) else {
                    return Reaction::Unchanged;
                };
                match self.answered(&key, result) {
                    Some(WorkAnswer::Saved(said)) => env.say(said),
                    Some(WorkAnswer::Refused(reload)) => {
                        if let Some(reload) = reload {
                            env.ask(reload);
                        }
                    }
                    None => return Reaction::Unchanged,
                }
                Reaction::Changed
            }
            _ => Reaction::Unchanged,
        }
    }
}
