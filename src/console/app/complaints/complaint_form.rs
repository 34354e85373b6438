//! Logging a complaint: category (fuzzy picker), the flight it concerns
//! (from the traveller's flights), severity, channel, what happened and
//! what the traveller asks for. Once logged, a delayed or cancelled
//! flight's proposed service recovery is shown for the agent to accept.
//! How the picking fields move is in `complaint_picking.rs`, the kept
//! draft in `complaint_draft.rs`.

use crate::console::app::overlay::Availability;
use crate::console::keymap::ContextSpec;
use crossterm::event::KeyCode;
use ratatui_textarea::TextArea;

pub use super::complaint_choices::ComplaintField;
use super::complaint_choices::{CHANNELS, SEVERITIES};
use super::flight_picker::FlightPicker;
use super::recovery_editor::RecoveryEditor;
use crate::console::app::overlay::{Env, Focus, Reaction};
use crate::console::app::{Effect, notes::note_form::edit_input};
use crate::{
    console::{
        action::Action,
        ask::Answer,
        keymap::Context,
        keys::Key,
        request::{IdempotencyKey, RequestError, Write, WriteRequest},
    },
    domain::casework::{CategoryTarget, ComplaintRecord},
    wire::casework::ComplaintRequest,
};

/// Where the form is: typing the complaint, or giving the recovery of
/// the complaint just logged (as proposed, or as the agent edits it).
#[derive(Debug, Clone, PartialEq)]
pub enum ComplaintStage {
    Editing,
    Proposal {
        record: Box<ComplaintRecord>,
        editor: RecoveryEditor,
    },
}

#[derive(Debug)]
pub struct ComplaintForm {
    pub traveller_id: i64,
    pub traveller_name: String,
    /// `None` until the categories and flights arrive.
    pub categories: Option<Vec<CategoryTarget>>,
    pub filter: String,
    /// Indices into `categories`, best match first.
    pub shown: Vec<usize>,
    pub category: usize,
    /// Found by typing, as in the note form.
    pub flight: FlightPicker,
    /// The flight (number, date) to choose once the flights arrive: the
    /// one the alert line names.
    pub flight_named: Option<(String, chrono::NaiveDate)>,
    /// The category (its code) to choose once the categories arrive: the
    /// one a recovery offer is about.
    pub category_named: Option<String>,
    pub severity: usize,
    pub channel: usize,
    pub description: TextArea<'static>,
    pub request: TextArea<'static>,
    pub field: ComplaintField,
    pub stage: ComplaintStage,
    pub sending: Option<IdempotencyKey>,
    /// A refusal beside the field it names.
    pub field_error: Option<(ComplaintField, String)>,
    pub error: Option<String>,
    /// When the typing is next kept as a draft (`complaint_draft.rs`).
    pub draft: crate::console::app::DraftMark,
}

impl ComplaintForm {
    pub const ACTIONS: &[Action] = &[
        Action::Save,
        Action::NextField,
        Action::PreviousField,
        Action::WorkComplaints,
        Action::Close,
        Action::Discard,
        Action::Accept,
        Action::HangUp,
        Action::Help,
        Action::QuitNow,
    ];

    /// Its keymap section, its words in the header's trail, what it offers.
    pub const CONTEXT: Context = Context::new(&ContextSpec::typing(
        "complaint",
        "Complaint",
        Self::ACTIONS,
    ));

    pub fn new(traveller_id: i64, traveller_name: String) -> Self {
        Self {
            traveller_id,
            traveller_name,
            categories: None,
            filter: String::new(),
            shown: Vec::new(),
            category: 0,
            flight: FlightPicker::default(),
            flight_named: None,
            category_named: None,
            severity: 1,
            channel: 0,
            description: TextArea::default(),
            request: TextArea::default(),
            field: ComplaintField::Category,
            stage: ComplaintStage::Editing,
            sending: None,
            field_error: None,
            error: None,
            draft: crate::console::app::DraftMark::default(),
        }
    }

    fn has_typing(&self) -> bool {
        match &self.stage {
            ComplaintStage::Editing => {
                !self.description.is_empty() || !self.request.is_empty() || !self.filter.is_empty()
            }
            ComplaintStage::Proposal { editor, .. } => editor.edited(),
        }
    }

    /// The server answered the write `key`; `true` when the form is done.
    pub fn answered(
        &mut self,
        key: &IdempotencyKey,
        result: Result<ComplaintRecord, RequestError>,
    ) -> Option<bool> {
        if self.sending.as_ref() != Some(key) {
            return None;
        }
        self.sending = None;
        let record = match result {
            Ok(record) => record,
            Err(error) => {
                // Still on screen, so kept as a draft again.
                self.draft.touched();
                let message = error.to_string();
                let named = message.split_once(": ").and_then(|(name, why)| {
                    ComplaintField::ORDER
                        .into_iter()
                        .find(|f| f.wire_name() == name)
                        .map(|f| (f, why.to_string()))
                });
                match (&mut self.stage, named) {
                    (ComplaintStage::Editing, Some(named)) => self.field_error = Some(named),
                    // A refused part of the recovery goes beside it.
                    (ComplaintStage::Proposal { editor, .. }, _) => {
                        if !editor.refused(&message) {
                            self.error = Some(format!("not saved: {message}"));
                        }
                    }
                    _ => self.error = Some(format!("not saved: {message}")),
                }
                return Some(false);
            }
        };
        match (&self.stage, record.proposed_recovery.clone()) {
            // Logged, with a recovery to offer.
            (ComplaintStage::Editing, Some(proposal)) => {
                self.stage = ComplaintStage::Proposal {
                    record: Box::new(record),
                    editor: RecoveryEditor::new(proposal),
                };
                Some(false)
            }
            _ => Some(true),
        }
    }

    fn clear_errors(&mut self) {
        self.field_error = None;
        self.error = None;
    }
}

impl Focus for ComplaintForm {
    fn opened_by(&self) -> Option<(Action, i64)> {
        Some((Action::LogComplaint, self.traveller_id))
    }

    fn context(&self) -> Context {
        Context::Complaint
    }

    fn availability(&self, action: Action) -> Option<Availability> {
        match action {
            Action::Save if self.sending.is_some() => Some(Availability::Not("it is being saved")),
            Action::Save => Some(Availability::when(
                self.categories.is_some(),
                "the categories are still loading",
            )),
            Action::Discard => Some(Availability::when(self.has_typing(), "nothing typed")),
            _ => None,
        }
    }

    fn step_field(&mut self, forward: bool) -> bool {
        if let ComplaintStage::Proposal { editor, .. } = &mut self.stage {
            self.error = None;
            return editor.step_field(forward);
        }
        self.next_field(forward);
        self.clear_errors();
        true
    }

    fn edit_key(&mut self, key: &Key, env: &mut Env) -> Option<bool> {
        if let ComplaintStage::Proposal { editor, .. } = &mut self.stage {
            self.error = None;
            return Some(editor.edit_key(key));
        }
        let text = match self.field {
            ComplaintField::Description => Some(&mut self.description),
            ComplaintField::Request => Some(&mut self.request),
            _ => None,
        };
        let changed = match (key.code, text) {
            (_, Some(text)) => edit_input(key).is_some_and(|input| {
                if text.input(input) {
                    self.draft.touched();
                }
                true
            }),
            (KeyCode::Up | KeyCode::Left, None) => self.step(true),
            (KeyCode::Down | KeyCode::Right, None) => self.step(false),
            (KeyCode::Backspace, None) if self.field == ComplaintField::Category => {
                let gone = self.filter.pop().is_some();
                self.refilter(env);
                gone
            }
            (KeyCode::Backspace, None) if self.field == ComplaintField::Flight => {
                self.flight.delete_backward(env.fuzzy)
            }
            // Characters in the category and flight fields find (`edit_text`).
            _ => return None,
        };
        if changed {
            self.clear_errors();
        }
        Some(changed)
    }

    fn edit_text(&mut self, edit: &mut dyn FnMut(&mut String), env: &mut Env) -> bool {
        let mut inserted = String::new();
        edit(&mut inserted);
        if let ComplaintStage::Proposal { editor, .. } = &mut self.stage {
            return editor.paste(&inserted);
        }
        if inserted.is_empty() {
            return false;
        }
        match self.field {
            ComplaintField::Category => {
                self.filter.extend(inserted.chars().take(64));
                self.refilter(env);
            }
            ComplaintField::Flight => _ = self.flight.type_text(&inserted, env.fuzzy),
            ComplaintField::Description => _ = self.description.insert_str(&inserted),
            ComplaintField::Request => _ = self.request.insert_str(&inserted),
            _ => return false,
        }
        if matches!(
            self.field,
            ComplaintField::Description | ComplaintField::Request
        ) {
            self.draft.touched();
        }
        self.clear_errors();
        true
    }

    fn save(&mut self, env: &mut Env) -> Reaction {
        if self.sending.is_some() {
            return Reaction::Unchanged;
        }
        self.clear_errors();
        let request = match &mut self.stage {
            ComplaintStage::Proposal { record, editor } => {
                // Over the policy: the refusal is beside its part, nothing sent.
                let Some(recovery) = editor.check() else {
                    return Reaction::Changed;
                };
                WriteRequest::GiveRecovery {
                    complaint_id: record.id,
                    version: record.version,
                    recovery,
                }
            }
            ComplaintStage::Editing => {
                let Some(category) = self.chosen_category() else {
                    self.field_error = Some((
                        ComplaintField::Category,
                        "pick a category from the list".into(),
                    ));
                    return Reaction::Changed;
                };
                WriteRequest::OpenComplaint {
                    traveller_id: self.traveller_id,
                    complaint: ComplaintRequest {
                        category: category.code.clone(),
                        flight_id: self.chosen_flight().map(|f| f.id),
                        severity: SEVERITIES[self.severity % SEVERITIES.len()],
                        channel: CHANNELS[self.channel % CHANNELS.len()],
                        description: self.description.lines().join("\n"),
                        request: self.request.lines().join("\n"),
                    },
                }
            }
        };
        let write = Write::new(request);
        self.sending = Some(write.key.clone());
        let key = write.key.clone();
        env.effects.push(Effect::Write(write));
        if self.stage == ComplaintStage::Editing {
            env.effects.push(self.discard_draft(Some(key)));
        }
        Reaction::Changed
    }

    fn close(&mut self) -> Reaction {
        if self.has_typing() {
            Reaction::Ask {
                question: match self.stage {
                    ComplaintStage::Editing => "Drop the complaint typed so far?",
                    ComplaintStage::Proposal { .. } => "Leave the complaint without this recovery?",
                },
                action: Action::Discard,
            }
        } else {
            Reaction::Close
        }
    }

    fn discard(&mut self) -> Reaction {
        Reaction::Close
    }

    fn sending_write(&self) -> Option<(&IdempotencyKey, &'static str)> {
        self.sending.as_ref().map(|key| (key, "complaint"))
    }

    fn holds_typing(&self) -> bool {
        self.has_typing()
    }

    fn opened(&mut self, env: &mut Env) {
        self.ask_first(env);
    }

    fn answer(&mut self, answer: Answer, env: &mut Env) -> Reaction {
        self.take_answer(answer, env)
    }

    fn server_back(&mut self, env: &mut Env) -> bool {
        self.ask_again(env)
    }

    fn draft_due(&mut self, now: chrono::DateTime<chrono::Utc>, flush: bool) -> Option<Effect> {
        self.draft_effect(now, flush)
    }

    fn awaits_draft(&self, traveller_id: i64, kind: crate::console::outbox::DraftKind) -> bool {
        self.awaits_complaint_draft(traveller_id, kind)
    }

    fn draft_answered(&mut self) {
        self.draft.awaiting_offer = false;
    }

    fn draft_preview(
        &self,
        draft: &crate::console::outbox::Draft,
    ) -> Option<(&'static str, String)> {
        Some(Self::complaint_draft_preview(draft))
    }

    fn take_draft(&mut self, draft: Option<crate::console::outbox::Draft>, env: &mut Env) -> bool {
        env.effects.extend(self.answer_draft(draft));
        true
    }

    fn dropped_draft(&mut self) -> Option<Effect> {
        (self.sending.is_none() && self.stage == ComplaintStage::Editing)
            .then(|| self.discard_draft(None))
    }
}
