//! skydesk: a keyboard-driven terminal console for airline contact centres.

pub mod client;
pub mod config;
pub mod console;
pub mod domain;
pub mod retry;
pub mod server;
pub mod store;
pub mod telephony;
pub mod wire;
