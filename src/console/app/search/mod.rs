//! Search over every traveller, a profile opened from it, the contact
//! history and the panes beside a wide card.

pub(super) mod history_pane;
pub(super) mod panel;
pub(super) mod profile_overlay;
pub(super) mod side_panes;

pub(super) use panel::*;

#[cfg(test)]
mod tests;
