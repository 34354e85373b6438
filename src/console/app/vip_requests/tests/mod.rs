//! VIP requests on the app, through its keys and answers.

#[allow(unused_imports)]
use crate::console::app::tests::*;
