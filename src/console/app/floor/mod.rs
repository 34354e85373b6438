//! The supervisors' floor view: queues, agents, trends and alerts.

pub(super) mod floor_view;
pub(super) mod update;

#[cfg(test)]
mod tests;
