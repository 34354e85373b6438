//! Booking notes: the form, its booking reference and flight, and how a
//! saved note reaches the traveller's history.

pub(super) mod note_answers;
pub(super) mod note_checks;
pub(super) mod note_draft;
pub(super) mod note_form;
pub(super) mod note_form_view;
pub(super) mod note_pnr;
pub(super) mod note_view;
pub(super) mod update;

#[cfg(test)]
mod tests;
