//! The supervisors' floor: every queue's figures and every agent's state,
//! kept up to date one change at a time. The same model runs on the server
//! (fed by the event bus) and in a supervisor's console (fed by its event
//! stream, starting from `GET /api/v1/floor`), so both compute the same
//! figures by the same code.
//!
//! Applying a change costs the same whatever the day's history: a call is
//! held only while it is live, and what it leaves behind is added into
//! per-minute tallies and a running day total.

mod agents;
mod caller;
mod change;
mod figures;
mod minutes;
mod model;
mod presence;
mod settings;
mod tally;
mod waiting;

pub use agents::{AgentRow, AgentState};
pub use caller::{CallerFacts, CallerSegment, vip_caller};
pub use change::{
    AgentStateReport, FloorChange, MAX_REASON_CHARS, StateRequest, StateRequestError,
};
pub use figures::{
    AgentCounts, AgentFigures, Attention, FloorAlert, FloorFigures, QueueFigures, TrendPoint,
    WindowFigures, clock,
};
pub use model::{Floor, LiveCall};
pub use presence::Console;
pub use settings::{FloorSettings, QueueSettings};
pub use tally::{MinuteTally, Tally};
pub use waiting::{WaitingCall, waiting_counts};

#[cfg(test)]
mod crash_tests;
#[cfg(test)]
mod day_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod waiting_tests;
