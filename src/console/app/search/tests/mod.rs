//! The search on the app, through its messages and keys, with
//! the app's fixtures.

#[allow(unused_imports)]
use crate::console::app::tests::*;

mod search_on_call;
mod side_panes;
