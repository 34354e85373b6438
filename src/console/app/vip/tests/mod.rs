//! The fee calculator on the app, through its keys and answers, with the
//! app's fixtures.

#[allow(unused_imports)]
use crate::console::app::tests::*;

mod fee_form;
