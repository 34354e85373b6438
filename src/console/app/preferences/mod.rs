//! A traveller's seat, meal and service preferences: the form, its fields
//! and how it is drawn.

pub(super) mod preference_field;
pub(super) mod preferences_answers;
pub(super) mod preferences_form;
pub(super) mod preferences_view;
pub(super) mod update;

#[cfg(test)]
mod tests;
