//! The notes on the app, through its messages and keys, with
//! the app's fixtures.

#[allow(unused_imports)]
use crate::console::app::tests::*;

mod note_drafts;
mod note_history;
mod note_links;
mod note_paste;
mod note_view;
mod notes;
