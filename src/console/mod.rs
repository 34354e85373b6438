//! The terminal console (ratatui), in the Elm architecture: `Msg` in,
//! `App::update` changes state, `ui::render` draws it.

pub mod action;
pub mod app;
pub mod ask;
pub mod chooser;
mod input;
pub mod keymap;
pub mod keys;
pub mod outbox;
mod perform;
pub mod request;
pub mod run;
pub mod selection;
pub mod ui;

pub use app::{App, Effect, LayerId, Msg};
pub use run::run;
