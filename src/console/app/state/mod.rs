//! The agent's own state (available, a break, signed out) and the chooser
//! that sets it.

pub(super) mod own_state;
pub(super) mod state_chooser;

#[cfg(test)]
mod tests;
