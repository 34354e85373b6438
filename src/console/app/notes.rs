//! Notes and history on the stack: opening them for the traveller on
//! screen, and the server's answers finding the form or pane that asked.

use super::{App, Effect, HistoryPane, NoteForm, note_form::reload_history};
use crate::{
    console::request::{IdempotencyKey, RequestError},
    domain::{CallerProfile, work::Note},
    wire::work::HistoryPage,
};

impl App {
    /// The traveller of the topmost layer that shows one.
    pub(super) fn traveller_on_screen(&self) -> Option<CallerProfile> {
        self.layers().rev().find_map(|l| l.traveller()).cloned()
    }

    pub(super) fn open_note_form(&mut self) -> bool {
        let Some(profile) = self.traveller_on_screen() else {
            self.flash = Some("open a traveller first to write a note".into());
            return true;
        };
        let name = crate::console::ui::display_name(&profile);
        let form = NoteForm::new(profile.traveller.id, name);
        self.overlays.push(Box::new(form));
        true
    }

    pub(super) fn show_history(&mut self, effects: &mut Vec<Effect>) -> bool {
        let Some(profile) = self.traveller_on_screen() else {
            self.flash = Some("open a traveller first to see their history".into());
            return true;
        };
        let (pane, first) = HistoryPane::open(profile);
        self.overlays.push(Box::new(pane));
        effects.push(first);
        true
    }

    pub(super) fn on_note_saved(
        &mut self,
        key: &IdempotencyKey,
        traveller_id: i64,
        result: Result<Note, RequestError>,
        effects: &mut Vec<Effect>,
    ) -> bool {
        let mut asked = false;
        let mut done = None;
        for (index, overlay) in self.overlays.iter_mut().enumerate() {
            if let Some(form) = overlay.note_form_mut()
                && form.sending.as_ref() == Some(key)
            {
                asked = true;
                if form.answered(key, &result) {
                    done = Some(index);
                }
            }
        }
        if let Some(index) = done {
            self.overlays.remove(index);
        }
        match &result {
            Ok(_) => {
                self.flash = Some("note saved".into());
                effects.extend(
                    self.overlays
                        .iter_mut()
                        .filter_map(|o| o.history_pane_mut())
                        .filter_map(|pane| reload_history(pane, traveller_id)),
                );
            }
            // A form still open shows the error at its field.
            Err(error) if !asked => {
                self.flash = Some(format!("the note was not saved: {error}"));
            }
            Err(_) => {}
        }
        true
    }

    pub(super) fn on_history_loaded(
        &mut self,
        traveller_id: i64,
        before: Option<&str>,
        result: Result<HistoryPage, RequestError>,
    ) -> bool {
        let pane = self
            .overlays
            .iter_mut()
            .filter_map(|o| o.history_pane_mut())
            .find(|pane| pane.traveller_id == traveller_id);
        match pane {
            Some(pane) => pane.answered(before, result),
            None => false,
        }
    }
}
