//! The booking note form: a multi-line text, an optional booking reference
//! and an optional flight of the traveller's; or a correction of a note,
//! which is a new note pointing at it. Saving sends one keyed write; the
//! form stays, with all that was typed, until the server has the note or
//! says which field is wrong (offline, it closes once the note is kept in
//! the outbox). What is typed is kept as a draft as the agent types.

use crate::console::app::overlay::Availability;
use crate::console::keymap::ContextSpec;
use crossterm::event::KeyCode;
use ratatui_textarea::TextArea;

pub(in crate::console::app) use crate::console::app::editor_input::edit_input;

use crate::console::app::Effect;
use crate::console::app::complaints::flight_picker::FlightPicker;
use crate::console::app::drafts::draft::{self, Corrected, DraftMark, NoteDraft};
use crate::console::app::overlay::{Env, Focus, Reaction};
use crate::console::{
    action::Action,
    ask::Answer,
    keymap::Context,
    keys::Key,
    outbox::{Draft, DraftKind},
    request::{IdempotencyKey, Write, WriteRequest},
};

/// Which field the keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteField {
    Text,
    Pnr,
    Flight,
}

#[derive(Debug)]
pub struct NoteForm {
    pub traveller_id: i64,
    /// Whom it is about, for the title.
    pub traveller_name: String,
    pub text: TextArea<'static>,
    pub pnr: String,
    pub flight: FlightPicker,
    /// The note this one corrects, when it is a correction.
    pub corrects: Option<Corrected>,
    pub field: NoteField,
    /// The write on its way, while saving.
    pub sending: Option<IdempotencyKey>,
    /// What the server said was wrong, beside the field it names.
    pub text_error: Option<String>,
    pub pnr_error: Option<String>,
    pub flight_error: Option<String>,
    /// A failure that names no field (offline, refused).
    pub error: Option<String>,
    /// What the agent should know of the last edit (a paste cut short).
    pub notice: Option<String>,
    pub draft: DraftMark,
}

/// A booking reference is at most 8 characters; a few more lets the
/// server say what is wrong rather than the keys going dead.
pub(in crate::console::app) const PNR_MAX: usize = 16;

impl NoteForm {
    pub const ACTIONS: &[Action] = &[
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
    pub const CONTEXT: Context =
        Context::new(&ContextSpec::typing("note", "New note", Self::ACTIONS));

    pub fn new(traveller_id: i64, traveller_name: String) -> Self {
        let mut text = TextArea::default();
        text.set_placeholder_text("the note: what was asked, what was done");
        text.set_cursor_line_style(ratatui::style::Style::new());
        Self {
            traveller_id,
            traveller_name,
            text,
            pnr: String::new(),
            flight: FlightPicker::default(),
            corrects: None,
            field: NoteField::Text,
            sending: None,
            text_error: None,
            pnr_error: None,
            flight_error: None,
            error: None,
            notice: None,
            draft: DraftMark::default(),
        }
    }

    /// A form for a note correcting the note `corrects`.
    pub fn correcting(traveller_id: i64, traveller_name: String, corrects: Corrected) -> Self {
        let mut form = Self::new(traveller_id, traveller_name);
        form.text
            .set_placeholder_text("the correction: what the note should have said");
        form.corrects = Some(corrects);
        form
    }

    pub fn typed_text(&self) -> String {
        self.text.lines().join("\n")
    }

    pub(in crate::console::app) fn has_typing(&self) -> bool {
        !self.text.is_empty() || !self.pnr.is_empty() || self.flight.chosen_id().is_some()
    }
}

const FIELDS: [NoteField; 3] = [NoteField::Text, NoteField::Pnr, NoteField::Flight];

impl Focus for NoteForm {
    /// A new note (a correction is of one note, and opened from it).
    fn opened_by(&self) -> Option<(Action, i64)> {
        self.corrects
            .is_none()
            .then_some((Action::AddNote, self.traveller_id))
    }

    fn context(&self) -> Context {
        Context::Note
    }

    fn availability(&self, action: Action) -> Option<Availability> {
        match action {
            Action::Save => Some(Availability::when(
                self.sending.is_none(),
                "it is being saved",
            )),
            Action::Discard => Some(Availability::when(self.has_typing(), "nothing typed")),
            _ => None,
        }
    }

    fn step_field(&mut self, forward: bool) -> bool {
        let at = FIELDS.iter().position(|f| *f == self.field).unwrap_or(0);
        let next = crate::console::selection::wrap_step(at, FIELDS.len(), forward);
        self.field = FIELDS[next.unwrap_or(0)];
        true
    }

    fn edit_key(&mut self, key: &Key, env: &mut Env) -> Option<bool> {
        let (changed, typed) = match self.field {
            NoteField::Text => match edit_input(key) {
                Some(input) => {
                    // Moving the cursor changes nothing stored, but the screen.
                    let typed = self.text.input(input);
                    (true, typed)
                }
                None => (false, false),
            },
            NoteField::Pnr => {
                let typed = match key.code {
                    KeyCode::Backspace => self.pnr.pop().is_some(),
                    _ => match key.typed_char() {
                        Some(c) if self.pnr.chars().count() < PNR_MAX => {
                            self.pnr.push(c);
                            true
                        }
                        _ => false,
                    },
                };
                (typed, typed)
            }
            NoteField::Flight => {
                let before = self.chosen_pnr();
                let typed = match key.code {
                    KeyCode::Up => self.flight.step(false),
                    KeyCode::Down => self.flight.step(true),
                    KeyCode::Backspace => self.flight.delete_backward(env.fuzzy),
                    // Characters filter the flights (`edit_text`).
                    _ => return None,
                };
                self.follow_flight(before);
                (typed, typed)
            }
        };
        if typed {
            self.edited();
        }
        Some(changed)
    }

    /// A paste into the note keeps its lines; into the booking
    /// reference or the flight filter, it is typed like keys.
    fn paste(&mut self, text: &str, _env: &mut Env) -> Option<bool> {
        (self.field == NoteField::Text).then(|| self.paste_text(text))
    }

    /// Characters typed outside the keymap arrive as insertions; the
    /// field with the keys takes the inserted text at its cursor.
    fn edit_text(&mut self, edit: &mut dyn FnMut(&mut String), env: &mut Env) -> bool {
        let mut inserted = String::new();
        edit(&mut inserted);
        if inserted.is_empty() {
            return false;
        }
        match self.field {
            NoteField::Text => _ = self.text.insert_str(&inserted),
            NoteField::Pnr => self.pnr.extend(
                inserted
                    .chars()
                    .take(PNR_MAX.saturating_sub(self.pnr.chars().count())),
            ),
            NoteField::Flight => {
                let before = self.chosen_pnr();
                self.flight.type_text(&inserted, env.fuzzy);
                self.follow_flight(before);
            }
        }
        self.edited();
        true
    }

    fn save(&mut self, env: &mut Env) -> Reaction {
        if self.sending.is_some() {
            return Reaction::Unchanged;
        }
        self.clear_errors();
        let Some(note) = self.checked() else {
            return Reaction::Changed;
        };
        let write = Write::new(WriteRequest::AddNote {
            traveller_id: self.traveller_id,
            text: note.text,
            pnr: note.pnr,
            flight_id: note.flight_id,
            corrects: note.corrects,
        });
        self.sending = Some(write.key.clone());
        // Once the write is kept in the outbox, the draft has done its work.
        self.draft.settled();
        let after = Some(write.key.clone());
        env.effects.push(Effect::Write(write));
        env.effects.push(Effect::DiscardDraft {
            traveller_id: self.traveller_id,
            kind: DraftKind::Note,
            after,
        });
        Reaction::Changed
    }

    fn close(&mut self) -> Reaction {
        if self.has_typing() && self.sending.is_none() {
            Reaction::Ask {
                question: "Drop the note typed so far?",
                action: Action::Discard,
            }
        } else {
            Reaction::Close
        }
    }

    /// Closes without the note (while saving, the note is on its way).
    fn discard(&mut self) -> Reaction {
        self.draft.settled();
        Reaction::Close
    }

    fn dropped_draft(&mut self) -> Option<Effect> {
        self.draft.settled();
        self.sending.is_none().then_some(Effect::DiscardDraft {
            traveller_id: self.traveller_id,
            kind: DraftKind::Note,
            after: None,
        })
    }

    fn sending_write(&self) -> Option<(&IdempotencyKey, &'static str)> {
        self.sending.as_ref().map(|key| (key, "note"))
    }

    fn holds_typing(&self) -> bool {
        self.has_typing() && self.sending.is_none()
    }

    fn draft_due(&mut self, now: chrono::DateTime<chrono::Utc>, flush: bool) -> Option<Effect> {
        let mut mark = std::mem::take(&mut self.draft);
        let content = || self.draft_content();
        let effect = mark.effect(now, flush, self.traveller_id, DraftKind::Note, content);
        self.draft = mark;
        effect
    }

    fn awaits_draft(&self, traveller_id: i64, kind: DraftKind) -> bool {
        self.draft.awaiting_offer
            && kind == DraftKind::Note
            && traveller_id == self.traveller_id
            && !self.has_typing()
    }

    fn draft_answered(&mut self) {
        self.draft.awaiting_offer = false;
    }

    fn draft_preview(&self, draft: &Draft) -> Option<(&'static str, String)> {
        let kept: NoteDraft = draft::read(&draft.text, |text| NoteDraft {
            text,
            ..Default::default()
        });
        Some(("note", draft::preview(&kept.text)))
    }

    fn take_draft(&mut self, draft: Option<Draft>, env: &mut Env) -> bool {
        match draft {
            Some(draft) => self.restore(&draft.text),
            None => env.effects.push(Effect::DiscardDraft {
                traveller_id: self.traveller_id,
                kind: DraftKind::Note,
                after: None,
            }),
        }
        true
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
}
