//! The caller's story on screen: the card, their flights and open
//! complaints, why they are probably calling, the chooser of a shared number
//! and the unknown caller, laid out for the terminal's size.

pub(super) mod alert_line;
pub(super) mod body;
pub(super) mod chooser;
pub(super) mod complaints;
pub(super) mod flights;
pub(super) mod profile;
pub(super) mod prompts;
pub(super) mod side_by_side;
pub(super) mod side_columns;
pub(super) mod unknown;
