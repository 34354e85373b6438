//! The VIP reservation hotline's rules: what a traveller is entitled to,
//! the government fee rules, and the service requests the hotline logs.

pub mod entitlement;
pub mod fees;
pub mod keep;
pub mod prompts;
pub mod request_kind;
pub mod rules;
mod rules_file;

pub use entitlement::{Entitlement, Holder};
pub use fees::{FeeAnswer, FeeError, FeeKind, FeeOutcome, FeeQuestion, GovernmentFees};
pub use keep::{Keep, KeepRule};
pub use request_kind::VipRequestKind;
pub use rules::{DEFAULT_RULES, EntitlementDef, RulesError, VipRules};
