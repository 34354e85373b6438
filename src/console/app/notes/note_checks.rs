//! What the note form says of what is typed: each mistake at its field,
//! checked as the server will check it, and pasted text cut to the room
//! the note has, saying how much was dropped.

use super::note_form::NoteForm;
use crate::domain::casework::{NOTE_TEXT, NewNote, free_text::FieldError};

impl NoteForm {
    pub(super) fn show_error(&mut self, message: &str) {
        match message.split_once(": ") {
            Some(("text", why)) => self.text_error = Some(why.to_string()),
            Some(("pnr", why)) => self.pnr_error = Some(why.to_string()),
            Some(("flight_id", why)) => self.flight_error = Some(why.to_string()),
            _ => self.error = Some(format!("not saved: {message}")),
        }
    }

    pub(super) fn clear_errors(&mut self) {
        self.text_error = None;
        self.pnr_error = None;
        self.flight_error = None;
        self.error = None;
        self.notice = None;
    }

    /// Something typed changed: errors go, the draft is due.
    pub(super) fn edited(&mut self) {
        self.clear_errors();
        self.draft.touched();
    }

    /// Puts pasted text at the cursor with its line breaks, as much of it
    /// as the note has room for; says how much was dropped, if any.
    pub(super) fn paste_text(&mut self, pasted: &str) -> bool {
        let cleaned = crate::domain::text::clean_lines(pasted);
        let room = NOTE_TEXT
            .max_chars
            .saturating_sub(self.typed_text().chars().count());
        let offered = cleaned.chars().count();
        self.edited();
        if offered > room {
            let kept: String = cleaned.chars().take(room).collect();
            self.notice = Some(format!(
                "pasted {room} of {offered} characters; {} dropped (a note holds {})",
                offered - room,
                NOTE_TEXT.max_chars
            ));
            self.text.insert_str(&kept);
        } else {
            self.text.insert_str(&cleaned);
        }
        true
    }

    /// Checks the note as the server will, so a mistake is shown at its
    /// field at once, even while the server cannot be reached.
    pub(super) fn checked(&mut self) -> Option<NewNote> {
        let pnr = Some(self.pnr.trim()).filter(|p| !p.is_empty());
        let checked = NewNote::checked(
            "",
            &self.typed_text(),
            pnr,
            self.flight.chosen_id(),
            self.corrects.as_ref().map(|c| c.id),
        );
        match checked {
            Ok(note) => Some(note),
            Err(FieldError::Required { field: "text" }) => {
                self.text_error = Some("required: type the note first".into());
                None
            }
            Err(error) => {
                self.show_error(&error.to_string());
                None
            }
        }
    }
}
