//! Notes and history on the stack: opening them for the traveller on
//! screen, and the server's answers finding the form or pane that asked.

use crate::console::action::Action;
use crate::console::app::{App, Effect, HistoryPane, NoteForm};
use crate::{
    console::{
        outbox::DraftKind,
        request::{IdempotencyKey, RequestError},
    },
    domain::{
        CallerProfile,
        casework::{FlightRef, Note},
    },
    wire::casework::HistoryPage,
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
        self.push_note_form(NoteForm::new(profile.traveller.id, name), effects);
        true
    }

    /// A correction of the note selected in the history on top.
    pub(in crate::console::app) fn open_correction(&mut self, effects: &mut Vec<Effect>) -> bool {
        let Some(pane) = self.overlays.last_mut().and_then(|o| o.history_pane_mut()) else {
            return false;
        };
        let Some(corrects) = pane.selected_note() else {
            self.flash = Some("pick a note to correct: only notes are corrected".into());
            return true;
        };
        let name = crate::console::ui::display_name(&pane.profile);
        let form = NoteForm::correcting(pane.traveller_id, name, corrects);
        self.push_note_form(form, effects);
        true
    }

    /// Opens a note form, asking for the traveller's flights and for a
    /// draft kept from before.
    fn push_note_form(&mut self, mut form: NoteForm, effects: &mut Vec<Effect>) {
        let traveller_id = form.traveller_id;
        form.draft.awaiting_offer = true;
        self.overlays.push(Box::new(form));
        effects.push(Effect::LoadNoteFlights { traveller_id });
        effects.push(Effect::LoadDraft {
            traveller_id,
            kind: DraftKind::Note,
        });
    }

    pub(in crate::console::app) fn on_note_flights(
        &mut self,
        traveller_id: i64,
        result: Result<Vec<FlightRef>, RequestError>,
    ) -> bool {
        let result = result.map_err(|e| match e {
            RequestError::Offline(_) => {
                crate::console::app::offline_forms::LOADS_WHEN_BACK.to_string()
            }
            other => other.to_string(),
        });
        let mut changed = false;
        for overlay in &mut self.overlays {
            if let Some(form) = overlay.note_form_mut()
                && form.traveller_id == traveller_id
                && form.flight.flights.is_none()
            {
                form.flight.loaded(result.clone(), &self.fuzzy);
                changed = true;
            }
        }
        changed
    }

    pub(in crate::console::app) fn show_history(&mut self, effects: &mut Vec<Effect>) -> bool {
        let Some(profile) = self.traveller_on_screen() else {
            self.flash = Some("open a traveller first to see their history".into());
            return true;
        };
        if self.back_to_open(Action::ShowHistory, profile.traveller.id) {
            return true;
        }
        let (pane, first) = HistoryPane::open(profile);
        self.overlays.push(Box::new(pane));
        effects.push(first);
        true
    }

    pub(in crate::console::app) fn on_note_saved(
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
                        .filter_map(|pane| pane.reload_for(traveller_id)),
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

    pub(in crate::console::app) fn on_history_loaded(
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
