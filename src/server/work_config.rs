//! The settings the agent's work runs under: complaint categories with
//! their service-level targets, the recovery policy, dispositions and
//! wrap-up modes.

use crate::domain::work::{ComplaintSettings, RecoveryPolicy, WrapUpSettings};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkConfig {
    pub complaints: ComplaintSettings,
    pub recovery: RecoveryPolicy,
    pub wrap_up: WrapUpSettings,
}
