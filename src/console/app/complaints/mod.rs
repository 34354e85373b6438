//! Complaints: the form that logs one (category, flight, severity, the
//! recovery a disrupted flight brings), and the pane that works a traveller's
//! open ones.

pub(super) mod complaint_answers;
pub(super) mod complaint_choices;
pub(super) mod complaint_draft;
pub(super) mod complaint_form;
pub(super) mod complaint_picking;
pub(super) mod complaint_view;
pub(super) mod complaint_work;
pub(super) mod complaint_work_view;
pub(super) mod complaint_working;
pub(super) mod flight_picker;
pub(super) mod recovery_editor;
pub(super) mod recovery_view;
pub(super) mod update;

#[cfg(test)]
mod tests;
