//! The settings casework (notes, preferences, complaints, wrap-up) runs
//! under: complaint categories with their service-level targets, the
//! recovery policy, dispositions and wrap-up modes, and the VIP hotline's
//! rules (entitlements and government fees).

use std::sync::Arc;

use crate::domain::{
    casework::{ComplaintSettings, RecoveryPolicy, WrapUpSettings},
    vip::VipRules,
};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct CaseworkConfig {
    pub complaints: ComplaintSettings,
    pub recovery: RecoveryPolicy,
    pub wrap_up: WrapUpSettings,
    /// Read once when the server starts; shared by every request.
    pub vip: Arc<VipRules>,
}
