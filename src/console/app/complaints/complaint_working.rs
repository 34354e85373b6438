//! One open complaint being worked: its details and trail as the server
//! sent them, and the change the agent is making: a status move (only the
//! ones the lifecycle allows are offered), an update, the resolution when
//! resolving. A refusal lands beside its field; a stale version reloads
//! the complaint and keeps everything typed.

use crossterm::event::KeyCode;
use ratatui_textarea::TextArea;

use crate::console::app::{Effect, notes::note_form::edit_input};
use crate::{
    console::{
        ask::Ask,
        keys::Key,
        request::{IdempotencyKey, RequestError, Write, WriteRequest},
    },
    domain::{
        ComplaintStatus,
        casework::{ComplaintRecord, lifecycle::next_statuses},
    },
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkField {
    Status,
    Update,
    Resolution,
}

impl WorkField {
    /// The field as the server names it in a refusal.
    fn wire_name(self) -> &'static str {
        match self {
            WorkField::Status => "status",
            WorkField::Update => "update",
            WorkField::Resolution => "resolution",
        }
    }
}

/// What became of a write the agent made here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkAnswer {
    /// Saved: what to tell the agent.
    Saved(String),
    /// Not saved; the reason is on the pane. With the reload to ask for
    /// when the complaint changed since it was shown.
    Refused(Option<Ask>),
}

#[derive(Debug, Clone)]
pub struct WorkingComplaint {
    /// As the server last sent it; `events` empty until the trail comes.
    pub record: ComplaintRecord,
    pub trail_loaded: bool,
    pub field: WorkField,
    /// The move picked: `None` keeps the status.
    pub status: Option<ComplaintStatus>,
    pub update: TextArea<'static>,
    pub resolution: TextArea<'static>,
    pub sending: Option<IdempotencyKey>,
    pub field_error: Option<(WorkField, String)>,
    /// What the agent should know (the complaint was reloaded).
    pub notice: Option<String>,
    pub error: Option<String>,
}

/// Whether a character typed or pasted may go into the text: control
/// characters and bidi overrides never enter (the server would refuse
/// them, and they would scramble the next agent's screen).
pub fn typable(c: char) -> bool {
    crate::domain::text::clean(&c.to_string()) == c.to_string()
}

impl WorkingComplaint {
    pub fn new(record: ComplaintRecord) -> Self {
        Self {
            record,
            trail_loaded: false,
            field: WorkField::Status,
            status: None,
            update: TextArea::default(),
            resolution: TextArea::default(),
            sending: None,
            field_error: None,
            notice: None,
            error: None,
        }
    }

    /// The moves the lifecycle allows from the complaint's status.
    pub fn moves(&self) -> &'static [ComplaintStatus] {
        next_statuses(self.record.status)
    }

    /// Whether the resolution is asked for: only when resolving.
    pub fn resolving(&self) -> bool {
        self.status == Some(ComplaintStatus::Resolved)
    }

    fn text(area: &TextArea) -> String {
        area.lines().join("\n").trim().to_string()
    }

    pub fn has_typing(&self) -> bool {
        self.status.is_some() || !self.update.is_empty() || !self.resolution.is_empty()
    }

    fn fields(&self) -> Vec<WorkField> {
        let mut fields = vec![WorkField::Status, WorkField::Update];
        if self.resolving() {
            fields.push(WorkField::Resolution);
        }
        fields
    }

    fn next_field(&mut self, forward: bool) {
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.field).unwrap_or(0);
        let next = crate::console::selection::wrap_step(at, fields.len(), forward);
        self.field = fields[next.unwrap_or(0)];
    }

    /// Steps through "keep" and the allowed moves.
    fn step_status(&mut self, forward: bool) -> bool {
        let choices: Vec<Option<ComplaintStatus>> = std::iter::once(None)
            .chain(self.moves().iter().copied().map(Some))
            .collect();
        let mut at = choices.iter().position(|c| *c == self.status).unwrap_or(0);
        let moved = crate::console::selection::step(&mut at, choices.len(), forward);
        self.status = choices.get(at).copied().flatten();
        moved
    }

    /// The next field (`forward`) or the one before.
    pub fn step_field(&mut self, forward: bool) -> bool {
        if self.sending.is_some() {
            return false;
        }
        self.next_field(forward);
        self.field_error = None;
        self.error = None;
        true
    }

    /// A key no binding took; whether it changed anything.
    pub fn edit_key(&mut self, key: &Key) -> bool {
        if self.sending.is_some() {
            return false;
        }
        let changed = match (key.code, self.field) {
            (KeyCode::Up | KeyCode::Left, WorkField::Status) => self.step_status(false),
            (KeyCode::Down | KeyCode::Right, WorkField::Status) => self.step_status(true),
            (KeyCode::Char(c), _) if !typable(c) => false,
            // A cursor move changes the screen as much as an edit.
            (_, WorkField::Update) => edit_input(key).is_some_and(|i| {
                self.update.input(i);
                true
            }),
            (_, WorkField::Resolution) => edit_input(key).is_some_and(|i| {
                self.resolution.input(i);
                true
            }),
            (_, WorkField::Status) => false,
        };
        if changed {
            self.field_error = None;
            self.error = None;
        }
        changed
    }

    /// Pasted text, into the editor with the keys.
    pub fn paste(&mut self, text: &str) -> bool {
        let text: String = text.chars().filter(|c| typable(*c)).collect();
        if text.is_empty() || self.sending.is_some() {
            return false;
        }
        match self.field {
            WorkField::Update => self.update.insert_str(&text),
            WorkField::Resolution => self.resolution.insert_str(&text),
            WorkField::Status => false,
        }
    }

    /// The write for what the agent changed, or why there is none.
    pub fn save(&mut self) -> Option<Effect> {
        if self.sending.is_some() {
            return None;
        }
        self.field_error = None;
        self.error = None;
        let update = Some(Self::text(&self.update)).filter(|t| !t.is_empty());
        let resolution =
            Some(Self::text(&self.resolution)).filter(|t| !t.is_empty() && self.resolving());
        if self.status.is_none() && update.is_none() {
            self.field_error = Some((
                WorkField::Status,
                "nothing to save: pick a move with ↑↓ or type an update".into(),
            ));
            return None;
        }
        if self.resolving() && resolution.is_none() && self.record.resolution.is_none() {
            self.field = WorkField::Resolution;
            self.field_error = Some((
                WorkField::Resolution,
                "a complaint is resolved with its resolution: type it here".into(),
            ));
            return None;
        }
        let write = Write::new(WriteRequest::ChangeComplaint {
            complaint_id: self.record.id,
            version: self.record.version,
            status: self.status,
            update,
            resolution,
        });
        self.sending = Some(write.key.clone());
        Some(Effect::Write(write))
    }

    /// The server answered the write `key`; `None` when it was not ours.
    pub fn answered(
        &mut self,
        key: &IdempotencyKey,
        result: Result<ComplaintRecord, RequestError>,
    ) -> Option<WorkAnswer> {
        if self.sending.as_ref() != Some(key) {
            return None;
        }
        self.sending = None;
        let error = match result {
            Ok(record) => {
                let said = if self.record.status == record.status {
                    format!("complaint {}: update added", record.id)
                } else {
                    format!("complaint {} is now {}", record.id, record.status.label())
                };
                *self = Self::new(record);
                self.trail_loaded = true;
                return Some(WorkAnswer::Saved(said));
            }
            Err(error) => error,
        };
        Some(WorkAnswer::Refused(match error {
            RequestError::Stale(_) => {
                self.notice = Some(format!(
                    "complaint {} changed since it was shown: reloaded, what you typed is kept (ctrl-s sends it again)",
                    self.record.id
                ));
                self.trail_loaded = false;
                Some(Ask::Complaint {
                    complaint_id: self.record.id,
                })
            }
            // The lifecycle's refusal, in its own words, at the status.
            RequestError::Conflict(reason) => {
                self.field_error = Some((WorkField::Status, reason));
                None
            }
            RequestError::Unprocessable(message) => {
                let named = message.split_once(": ").and_then(|(name, why)| {
                    [WorkField::Status, WorkField::Update, WorkField::Resolution]
                        .into_iter()
                        .find(|f| f.wire_name() == name)
                        .map(|f| (f, why.to_string()))
                });
                match named {
                    Some(named) => self.field_error = Some(named),
                    None => self.error = Some(format!("not saved: {message}")),
                }
                None
            }
            other => {
                self.error = Some(format!("not saved: {other}"));
                None
            }
        }))
    }

    /// The complaint as the server has it now (its trail, or after a
    /// reload); what the agent typed stays, and a move the new status no
    /// longer allows is dropped, saying so.
    pub fn reloaded(&mut self, record: ComplaintRecord) {
        if record.version < self.record.version {
            return;
        }
        self.record = record;
        self.trail_loaded = true;
        if let Some(to) = self.status
            && !self.moves().contains(&to)
        {
            self.status = None;
            if self.field == WorkField::Resolution {
                self.field = WorkField::Status;
            }
            self.field_error = Some((
                WorkField::Status,
                format!(
                    "it is {} now: {} is no longer a move from there",
                    self.record.status.label(),
                    to.label()
                ),
            ));
        }
    }
}
