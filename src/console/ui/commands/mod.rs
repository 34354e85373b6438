//! Finding a command: the palette, the help window and which-key.

pub(super) mod help;
pub(super) mod palette;
pub(super) mod which_key;
