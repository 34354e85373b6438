//! The settings casework (notes, preferences, complaints, wrap-up) runs
//! under: complaint categories with their service-level targets, the
//! recovery policy, dispositions and wrap-up modes.

use crate::domain::casework::{ComplaintSettings, RecoveryPolicy, WrapUpSettings};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseworkConfig {
    pub complaints: ComplaintSettings,
    pub recovery: RecoveryPolicy,
    pub wrap_up: WrapUpSettings,
}
