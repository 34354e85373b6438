//! Asterisk's Manager Interface (AMI): `skydesk serve --ami HOST:PORT`
//! logs in to the PBX and turns the events that carry a call through a
//! queue into skydesk's call events, handed to the call ingest like the
//! webhook's.

mod calls;
mod connection;
pub mod frame;

pub use calls::{AgentDirectory, CallTracker, MAX_TRACKED_CALLS, call_id};
pub use connection::{AmiError, AmiSettings, follow_forever};
