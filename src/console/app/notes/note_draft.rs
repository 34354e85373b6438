//! The note form's draft: what it keeps, and the form filled from one
//! taken back.

use ratatui_textarea::{CursorMove, TextArea};

use super::note_form::PNR_MAX;
use crate::console::app::NoteForm;
use crate::console::app::drafts::draft::{self, NoteDraft};

impl NoteForm {
    /// What the draft keeps; `None` when nothing is typed.
    pub(in crate::console::app) fn draft_content(&self) -> Option<String> {
        self.has_typing().then(|| {
            draft::write(&NoteDraft {
                text: self.typed_text(),
                pnr: self.pnr.clone(),
                flight_id: self.flight.chosen_id(),
                corrects: self.corrects.clone(),
            })
        })
    }

    pub(in crate::console::app) fn restore(&mut self, stored: &str) {
        let kept: NoteDraft = draft::read(stored, |text| NoteDraft {
            text,
            ..Default::default()
        });
        self.text = TextArea::from(kept.text.split('\n').map(String::from));
        self.text
            .set_cursor_line_style(ratatui::style::Style::new());
        self.text.move_cursor(CursorMove::Bottom);
        self.text.move_cursor(CursorMove::End);
        self.pnr = kept.pnr.chars().take(PNR_MAX).collect();
        if let Some(id) = kept.flight_id {
            self.flight.choose(id);
        }
        if kept.corrects.is_some() {
            self.corrects = kept.corrects;
        }
    }
}
