//! Follow-ups: the form that keeps a promise made to a traveller, the list
//! of mine (and the VIP queue's), and the watch that says when one of mine
//! falls due while the console runs.

pub(super) mod due;
pub(super) mod form;
pub(super) mod list;
pub(super) mod update;
pub(super) mod watch;

#[cfg(test)]
mod tests;
