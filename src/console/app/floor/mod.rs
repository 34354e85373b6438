//! The supervisors' floor view: queues, agents, trends and alerts.

pub(super) mod agent_day;
pub(super) mod floor_view;
pub(super) mod update;

#[cfg(test)]
mod agent_day_tests;
#[cfg(test)]
mod tests;
