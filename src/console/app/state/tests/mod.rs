//! The state on the app, through its messages and keys, with
//! the app's fixtures.

#[allow(unused_imports)]
use crate::console::app::tests::*;

mod own_state;
mod state_across_calls;
