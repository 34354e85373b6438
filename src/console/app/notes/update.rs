//! Notes and history on the stack: opening them for the traveller on
//! screen, and what the app says of a note saved.

use crate::console::action::Action;
use crate::console::app::{App, Effect, HistoryPane, NoteForm};
use crate::{
    console::request::RequestError,
    domain::{CallerProfile, casework::Note},
};

impl App {
    /// The traveller of the topmost layer that shows one.
    pub(in crate::console::app) fn traveller_on_screen(&self) -> Option<CallerProfile> {
        self.layers().rev().find_map(|l| l.traveller()).cloned()
    }

    pub(in crate::console::app) fn open_note_form(&mut self, effects: &mut Vec<Effect>) -> bool {
        let Some(profile) = self.traveller_on_screen() else {
            self.flash = Some("open a traveller first to write a note".into());
            return true;
        };
        if self.back_to_open(Action::AddNote, profile.traveller.id) {
            return true;
        }
        let name = crate::console::ui::display_name(&profile);
        self.push_layer(Box::new(NoteForm::new(profile.traveller.id, name)), effects);
        true
    }

    pub(in crate::console::app) fn show_history(&mut self, effects: &mut Vec<Effect>) -> bool {
        let Some(profile) = self.traveller_on_screen() else {
            self.flash = Some("open a traveller first to see their history".into());
            return true;
        };
        if self.back_to_open(Action::ShowHistory, profile.traveller.id) {
            return true;
        }
        self.push_layer(Box::new(HistoryPane::new(profile)), effects);
        true
    }

    /// What the app says of a note's answer, whether or not its form is
    /// still open (a form open shows a refusal at its field).
    pub(in crate::console::app) fn note_written(
        &mut self,
        result: &Result<Note, RequestError>,
        addressed: bool,
    ) {
        match result {
            Ok(_) => self.flash = Some("note saved".into()),
            Err(error) if !addressed => {
                self.flash = Some(format!("the note was not saved: {error}"));
            }
            Err(_) => {}
        }
    }
}
