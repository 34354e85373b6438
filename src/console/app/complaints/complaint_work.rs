//! Working a traveller's open complaints: a list of those not yet closed
//! (newest first) to pick one from with the keyboard, then that one's
//! details, trail and the change being made (`complaint_working.rs`).

use super::complaint_working::{WorkAnswer, WorkingComplaint};
use crate::console::app::overlay::Availability;
use crate::console::app::overlay::{Env, Focus, Reaction};
use crate::console::keymap::ContextSpec;
use crate::{
    console::{
        action::Action,
        ask::{Answer, Ask},
        keymap::Context,
        keys::Key,
        request::{IdempotencyKey, RequestError},
    },
    domain::{ComplaintStatus, casework::ComplaintRecord},
};

#[derive(Debug, Clone)]
pub struct ComplaintWork {
    pub traveller_id: i64,
    pub traveller_name: String,
    /// Not closed, newest first; `None` until they arrive.
    pub complaints: Option<Vec<ComplaintRecord>>,
    pub selected: usize,
    /// The complaint picked, being worked.
    pub working: Option<Box<WorkingComplaint>>,
    pub error: Option<String>,
    /// The complaint to work once the list arrives (opened from its row
    /// in the history).
    wanted: Option<i64>,
}

/// Whether a complaint still has work in it (a resolved one may be
/// closed or reopened).
fn workable(record: &ComplaintRecord) -> bool {
    record.status != ComplaintStatus::Closed
}

impl ComplaintWork {
    /// Picking a complaint from the list.
    pub const LIST_ACTIONS: &[Action] = &[
        Action::Open,
        Action::SelectNext,
        Action::SelectPrevious,
        Action::LogComplaint,
        Action::Close,
        Action::Accept,
        Action::HangUp,
        Action::Help,
        Action::Quit,
    ];

    /// Its keymap section, its words in the header's trail, what it offers.
    pub const LIST: Context = Context::new(&ContextSpec::keys(
        "complaints",
        "Open complaints",
        Self::LIST_ACTIONS,
    ));

    /// Working the one picked.
    pub const WORK_ACTIONS: &[Action] = &[
        Action::Save,
        Action::NextField,
        Action::PreviousField,
        Action::Close,
        Action::Discard,
        Action::Accept,
        Action::HangUp,
        Action::Help,
        Action::QuitNow,
    ];

    /// Its keymap section, its words in the header's trail, what it offers.
    pub const WORKING: Context = Context::new(&ContextSpec::typing(
        "complaint_work",
        "Working a complaint",
        Self::WORK_ACTIONS,
    ));

    /// The pane for a traveller; it asks for their complaints once pushed.
    pub fn new(traveller_id: i64, traveller_name: String) -> Self {
        Self {
            traveller_id,
            traveller_name,
            complaints: None,
            selected: 0,
            working: None,
            error: None,
            wanted: None,
        }
    }

    /// The pane opened on one complaint: it is worked as soon as the list
    /// it is in arrives.
    pub fn open_at(traveller_id: i64, traveller_name: String, complaint_id: i64) -> Self {
        let mut pane = Self::new(traveller_id, traveller_name);
        pane.wanted = Some(complaint_id);
        pane
    }

    /// The traveller's complaints arrived; the request for the one wanted,
    /// if the pane was opened on one.
    pub fn listed(&mut self, result: Result<Vec<ComplaintRecord>, RequestError>) -> Option<Ask> {
        match result {
            Ok(all) => {
                let open: Vec<ComplaintRecord> = all.into_iter().filter(workable).collect();
                self.selected = self.selected.min(open.len().saturating_sub(1));
                self.complaints = Some(open);
                self.error = None;
            }
            Err(error) => {
                self.error = Some(format!("could not load the complaints: {error}"));
                return None;
            }
        }
        let wanted = self.wanted.take()?;
        let Some(at) = self
            .complaints
            .as_ref()
            .and_then(|list| list.iter().position(|c| c.id == wanted))
        else {
            self.error = Some(format!("complaint #{wanted} is closed: nothing to work"));
            return None;
        };
        self.selected = at;
        let record = self.picked()?.clone();
        self.working = Some(Box::new(WorkingComplaint::new(record)));
        Some(Ask::Complaint {
            complaint_id: wanted,
        })
    }

    /// One complaint arrived with its trail.
    pub fn loaded(&mut self, complaint_id: i64, result: Result<ComplaintRecord, RequestError>) {
        let Some(working) = self
            .working
            .as_mut()
            .filter(|w| w.record.id == complaint_id)
        else {
            return;
        };
        match result {
            Ok(record) => working.reloaded(record),
            Err(error) => working.error = Some(format!("could not load the complaint: {error}")),
        }
    }

    /// A complaint of this traveller changed (here or elsewhere): the list
    /// and the one being worked follow.
    pub fn changed(&mut self, record: &ComplaintRecord) -> bool {
        if record.traveller_id != self.traveller_id {
            return false;
        }
        if let Some(list) = &mut self.complaints {
            match list.iter().position(|c| c.id == record.id) {
                Some(at) if workable(record) => list[at] = record.clone(),
                Some(at) => _ = list.remove(at),
                None if workable(record) => list.insert(0, record.clone()),
                None => {}
            }
            self.selected = self.selected.min(list.len().saturating_sub(1));
        }
        if let Some(working) = &mut self.working
            && working.record.id == record.id
            && working.sending.is_none()
            && record.version > working.record.version
        {
            working.reloaded(record.clone());
        }
        true
    }

    /// The server answered a write made here; `None` when not ours.
    pub fn answered(
        &mut self,
        key: &IdempotencyKey,
        result: Result<ComplaintRecord, RequestError>,
    ) -> Option<WorkAnswer> {
        self.working.as_mut()?.answered(key, result)
    }

    fn picked(&self) -> Option<&ComplaintRecord> {
        self.complaints.as_ref()?.get(self.selected)
    }
}

impl Focus for ComplaintWork {
    fn opened_by(&self) -> Option<(Action, i64)> {
        Some((Action::WorkComplaints, self.traveller_id))
    }

    fn context(&self) -> Context {
        if self.working.is_some() {
            Context::ComplaintWork
        } else {
            Context::Complaints
        }
    }

    fn availability(&self, action: Action) -> Option<Availability> {
        let working = self.working.as_deref();
        Some(match (action, working) {
            (Action::Save | Action::Discard, None) => Availability::Not("pick a complaint first"),
            (Action::Save, Some(w)) => Availability::when(w.sending.is_none(), "it is being saved"),
            (Action::Discard, Some(w)) => Availability::when(w.has_typing(), "nothing typed"),
            (Action::Open, Some(_)) => Availability::Not("a complaint is open"),
            (Action::Open, None) => {
                Availability::when(self.picked().is_some(), "no open complaint")
            }
            (Action::SelectNext | Action::SelectPrevious, Some(_)) => {
                Availability::Not("a complaint is open")
            }
            (Action::SelectNext | Action::SelectPrevious, None) => Availability::when(
                self.complaints.as_ref().is_some_and(|c| c.len() > 1),
                "one open complaint or none",
            ),
            _ => return None,
        })
    }

    fn move_selection(&mut self, forward: bool) -> bool {
        let len = self.complaints.as_ref().map_or(0, Vec::len);
        self.working.is_none() && crate::console::selection::step(&mut self.selected, len, forward)
    }

    fn open(&mut self, env: &mut Env) -> Reaction {
        if self.working.is_some() {
            return Reaction::Unchanged;
        }
        let Some(record) = self.picked().cloned() else {
            return Reaction::Unchanged;
        };
        env.ask(Ask::Complaint {
            complaint_id: record.id,
        });
        self.working = Some(Box::new(WorkingComplaint::new(record)));
        Reaction::Changed
    }

    fn edit_key(&mut self, key: &Key, _env: &mut Env) -> Option<bool> {
        Some(self.working.as_mut().is_some_and(|w| w.edit_key(key)))
    }

    fn step_field(&mut self, forward: bool) -> bool {
        self.working.as_mut().is_some_and(|w| w.step_field(forward))
    }

    fn edit_text(&mut self, edit: &mut dyn FnMut(&mut String), _env: &mut Env) -> bool {
        let mut pasted = String::new();
        edit(&mut pasted);
        self.working.as_mut().is_some_and(|w| w.paste(&pasted))
    }

    fn holds_typing(&self) -> bool {
        self.working.as_ref().is_some_and(|w| w.has_typing())
    }

    fn save(&mut self, env: &mut Env) -> Reaction {
        let Some(working) = self.working.as_mut() else {
            return Reaction::Unchanged;
        };
        // Even when nothing is sent, the reason is now on screen.
        env.effects.extend(working.save());
        Reaction::Changed
    }

    /// Back from a complaint to the list (asking first when something is
    /// typed), or from the list off the stack.
    fn close(&mut self) -> Reaction {
        match &self.working {
            Some(w) if w.has_typing() => Reaction::Ask {
                question: "Drop the change typed for this complaint?",
                action: Action::Discard,
            },
            Some(_) => self.discard(),
            None => Reaction::Close,
        }
    }

    fn discard(&mut self) -> Reaction {
        match self.working.take() {
            Some(_) => Reaction::Changed,
            None => Reaction::Unchanged,
        }
    }

    fn opened(&mut self, env: &mut Env) {
        env.ask(Ask::Complaints {
            traveller_id: self.traveller_id,
        });
    }

    fn awaits_write(&self, key: &IdempotencyKey) -> bool {
        self.working
            .as_ref()
            .is_some_and(|w| w.sending.as_ref() == Some(key))
    }

    fn answer(&mut self, answer: Answer, env: &mut Env) -> Reaction {
        self.take_answer(answer, env)
    }

    fn saved(&mut self, answer: &Answer, _env: &mut Env) -> bool {
        match answer {
            Answer::ComplaintSaved { result: Ok(record) } => self.changed(record),
            _ => false,
        }
    }
}
