//! The booking note form: a multi-line text and an optional booking
//! reference. Saving sends one keyed write; the form stays, with all that
//! was typed, until the server has the note or says which field is wrong.

use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::{
    Frame,
    layout::{Constraint, Layout, Rect},
    style::{Modifier, Style},
    text::{Line, Span},
    widgets::{Block, Clear, Paragraph},
};
use ratatui_textarea::{Input, Key as EditKey, TextArea};

use super::overlay::{Env, Focus, Overlay, Reaction};
use super::{Effect, HistoryPane};
use crate::{
    console::{
        action::Action,
        keymap::Context,
        keys::Key,
        request::{IdempotencyKey, RequestError, Write, WriteRequest},
        ui::Paint,
    },
    domain::work::Note,
};

/// Which field the keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteField {
    Text,
    Pnr,
}

#[derive(Debug)]
pub struct NoteForm {
    pub traveller_id: i64,
    /// Whom it is about, for the title.
    pub traveller_name: String,
    pub text: TextArea<'static>,
    pub pnr: String,
    pub field: NoteField,
    /// The write on its way, while saving.
    pub sending: Option<IdempotencyKey>,
    /// What the server said was wrong, beside the field it names.
    pub text_error: Option<String>,
    pub pnr_error: Option<String>,
    /// A failure that names no field (offline, refused).
    pub error: Option<String>,
}

/// A booking reference is at most 8 characters; a few more lets the
/// server say what is wrong rather than the keys going dead.
const PNR_MAX: usize = 16;

impl NoteForm {
    pub const ACTIONS: &[Action] = &[
        Action::Save,
        Action::Close,
        Action::Discard,
        Action::Accept,
        Action::HangUp,
        Action::Help,
        Action::QuitNow,
    ];

    pub fn new(traveller_id: i64, traveller_name: String) -> Self {
        let mut text = TextArea::default();
        text.set_placeholder_text("the note: what was asked, what was done");
        text.set_cursor_line_style(Style::new());
        Self {
            traveller_id,
            traveller_name,
            text,
            pnr: String::new(),
            field: NoteField::Text,
            sending: None,
            text_error: None,
            pnr_error: None,
            error: None,
        }
    }

    pub fn typed_text(&self) -> String {
        self.text.lines().join("\n")
    }

    fn has_typing(&self) -> bool {
        !self.text.is_empty() || !self.pnr.is_empty()
    }

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
        let message = error.to_string();
        match message.split_once(": ") {
            Some(("text", why)) => self.text_error = Some(why.to_string()),
            Some(("pnr", why)) => self.pnr_error = Some(why.to_string()),
            _ => self.error = Some(format!("not saved: {message}")),
        }
        false
    }

    fn clear_errors(&mut self) {
        self.text_error = None;
        self.pnr_error = None;
        self.error = None;
    }
}

/// The editor's form of a key (the keymap already took what it binds).
pub(super) fn edit_input(key: &Key) -> Option<Input> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    let key = match key.code {
        KeyCode::Char(c) => EditKey::Char(c),
        KeyCode::Enter => EditKey::Enter,
        KeyCode::Backspace => EditKey::Backspace,
        KeyCode::Delete => EditKey::Delete,
        KeyCode::Left => EditKey::Left,
        KeyCode::Right => EditKey::Right,
        KeyCode::Up => EditKey::Up,
        KeyCode::Down => EditKey::Down,
        KeyCode::Home => EditKey::Home,
        KeyCode::End => EditKey::End,
        KeyCode::PageUp => EditKey::PageUp,
        KeyCode::PageDown => EditKey::PageDown,
        _ => return None,
    };
    Some(Input {
        key,
        ctrl,
        alt,
        shift,
    })
}

impl Focus for NoteForm {
    fn context(&self) -> Context {
        Context::Note
    }

    fn is_useful(&self, action: Action) -> Option<bool> {
        match action {
            Action::Save => Some(self.sending.is_none()),
            Action::Discard => Some(self.has_typing()),
            _ => None,
        }
    }

    fn edit_key(&mut self, key: &Key, _env: &mut Env) -> Option<bool> {
        if matches!(key.code, KeyCode::Tab | KeyCode::BackTab) {
            self.field = match self.field {
                NoteField::Text => NoteField::Pnr,
                NoteField::Pnr => NoteField::Text,
            };
            return Some(true);
        }
        let changed = match self.field {
            NoteField::Text => edit_input(key).is_some_and(|input| {
                // Moving the cursor changes nothing stored, but the screen.
                self.text.input(input);
                true
            }),
            NoteField::Pnr => match key.code {
                KeyCode::Backspace => self.pnr.pop().is_some(),
                _ => match key.typed_char() {
                    Some(c) if self.pnr.chars().count() < PNR_MAX => {
                        self.pnr.push(c);
                        true
                    }
                    _ => false,
                },
            },
        };
        if changed {
            self.clear_errors();
        }
        Some(changed)
    }

    /// Pasted text and characters typed outside the keymap arrive as
    /// insertions; the editor takes the inserted text at its cursor.
    fn edit_text(&mut self, edit: &mut dyn FnMut(&mut String), _env: &mut Env) -> bool {
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
        }
        self.clear_errors();
        true
    }

    fn save(&mut self, env: &mut Env) -> Reaction {
        if self.sending.is_some() {
            return Reaction::Unchanged;
        }
        self.clear_errors();
        let text = self.typed_text();
        if text.trim().is_empty() {
            self.text_error = Some("required: type the note first".into());
            return Reaction::Changed;
        }
        let pnr = Some(self.pnr.trim().to_string()).filter(|p| !p.is_empty());
        let write = Write::new(WriteRequest::AddNote {
            traveller_id: self.traveller_id,
            text,
            pnr,
        });
        self.sending = Some(write.key.clone());
        env.effects.push(Effect::Write(write));
        Reaction::Changed
    }

    fn close(&mut self) -> Reaction {
        if self.has_typing() {
            Reaction::Ask {
                question: "Drop the note typed so far?",
                action: Action::Discard,
            }
        } else {
            Reaction::Close
        }
    }

    fn discard(&mut self) -> Reaction {
        Reaction::Close
    }

    fn holds_typing(&self) -> bool {
        self.has_typing()
    }

    fn note_form_mut(&mut self) -> Option<&mut NoteForm> {
        Some(self)
    }
}

impl Overlay for NoteForm {
    fn render(&self, frame: &mut Frame, area: Rect, paint: &Paint) {
        let theme = paint.theme;
        frame.render_widget(Clear, area);
        let title = format!(" New note · {} ", self.traveller_name);
        let outer = Block::bordered().title(Span::styled(title, theme.title()));
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let [text_area, text_error, pnr_line, pnr_error, status] = Layout::vertical([
            Constraint::Min(3),
            Constraint::Length(u16::from(self.text_error.is_some())),
            Constraint::Length(1),
            Constraint::Length(u16::from(self.pnr_error.is_some())),
            Constraint::Length(1),
        ])
        .areas(inner);

        // The field with the keys is marked by words, not only by colour.
        let marker = |field: NoteField| if self.field == field { "> " } else { "  " };
        let mut editor = self.text.clone();
        editor.set_block(Block::bordered().title(format!("{}Note", marker(NoteField::Text))));
        if self.field != NoteField::Text {
            editor.set_cursor_style(Style::new());
        }
        frame.render_widget(&editor, text_area);
        let error_line = |why: &str| {
            Paragraph::new(Line::from(Span::styled(
                format!("  ✗ {why}"),
                theme.bad().add_modifier(Modifier::BOLD),
            )))
        };
        if let Some(why) = &self.text_error {
            frame.render_widget(error_line(why), text_error);
        }
        let cursor = if self.field == NoteField::Pnr {
            "█"
        } else {
            ""
        };
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(
                    format!("{}Booking (PNR, optional): ", marker(NoteField::Pnr)),
                    theme.label(),
                ),
                Span::raw(format!("{}{cursor}", self.pnr)),
            ])),
            pnr_line,
        );
        if let Some(why) = &self.pnr_error {
            frame.render_widget(error_line(why), pnr_error);
        }
        let state = match (&self.sending, &self.error) {
            (Some(_), _) => Span::styled("saving…", theme.dim()),
            (None, Some(error)) => Span::styled(format!("✗ {error}"), theme.bad()),
            (None, None) => Span::styled("tab: next field", theme.dim()),
        };
        frame.render_widget(Paragraph::new(Line::from(state)), status);
    }

    fn covers_body(&self) -> bool {
        true
    }
}

/// After a note is saved, the history on the stack shows it.
pub(super) fn reload_history(pane: &mut HistoryPane, traveller_id: i64) -> Option<Effect> {
    (pane.traveller_id == traveller_id).then(|| pane.reload())
}
