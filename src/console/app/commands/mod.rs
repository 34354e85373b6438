//! Finding a command: the palette and the help window.

pub(super) mod help;
pub(super) mod palette;
