//! The note's booking reference and its flight: choosing a flight fills in
//! its booking unless the agent typed another, and a typed booking that is
//! not the chosen flight's is pointed out before the note is saved.

use super::note_form::NoteForm;

impl NoteForm {
    /// The chosen flight's booking reference.
    pub(in crate::console::app) fn chosen_pnr(&self) -> Option<String> {
        self.flight.chosen().map(|f| f.pnr.clone())
    }

    /// The flight choice moved from one whose booking was `before`: the
    /// box follows it while it is empty or holds that booking, never over
    /// what the agent typed.
    pub(in crate::console::app) fn follow_flight(&mut self, before: Option<String>) {
        let typed = self.pnr.trim();
        let filled_in = typed.is_empty()
            || before
                .as_deref()
                .is_some_and(|b| b.eq_ignore_ascii_case(typed));
        if filled_in {
            self.pnr = self.chosen_pnr().unwrap_or_default();
        }
    }

    /// Why the typed booking may be a mistake: it is not the chosen
    /// flight's.
    pub fn pnr_warning(&self) -> Option<String> {
        let flights = self.chosen_pnr()?;
        let typed = self.pnr.trim();
        (!typed.is_empty() && !typed.eq_ignore_ascii_case(&flights))
            .then(|| format!("{typed} is not this flight's booking ({flights})"))
    }
}
