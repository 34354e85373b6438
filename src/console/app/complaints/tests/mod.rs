//! The complaints on the app, through its messages and keys, with
//! the app's fixtures.

#[allow(unused_imports)]
use crate::console::app::tests::*;

mod complaint_logged;
mod complaint_work;
mod complaint_work_care;
mod complaints;
mod recovery_offer;
