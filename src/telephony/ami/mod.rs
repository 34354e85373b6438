//! Asterisk's Manager Interface (AMI): `skydesk serve --ami HOST:PORT`
//! logs in to the PBX and turns the events that carry a call through a
//! queue into skydesk's call events, and its queue members' pauses and
//! status into agents' states, handed to the call ingest like the
//! webhooks'. It also tells the PBX of the states agents choose in
//! skydesk, pausing or removing their queue memberships.

mod calls;
mod choices;
mod connection;
pub mod frame;
mod members;
mod told;

pub use calls::{AgentDirectory, CallTracker, MAX_TRACKED_CALLS, call_id};
pub use choices::{Choice, forward_choices};
pub use connection::{AmiError, AmiSettings, follow_forever};
pub use members::MemberTracker;
pub use told::PbxAction;
