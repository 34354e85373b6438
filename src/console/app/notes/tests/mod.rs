//! The notes on the app, through its messages and keys, with
//! the app's fixtures.

#[allow(unused_imports)]
use crate::console::app::tests::*;

pub(in crate::console::app) mod note_drafts;
pub(in crate::console::app) mod note_links;
pub(in crate::console::app) mod note_paste;
pub(in crate::console::app) mod notes;
