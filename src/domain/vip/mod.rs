//! The VIP reservation hotline's rules: what a traveller is entitled to,
//! the government fee rules, and the service requests the hotline logs.

pub mod entitlement;
pub mod fees;
pub mod follow_up;
pub mod keep;
pub mod lifecycle;
pub mod pending;
pub mod prompts;
pub mod request;
pub mod request_kind;
pub mod rules;
mod rules_file;
pub mod seat;

pub use entitlement::{Entitlement, Holder};
pub use fees::{FeeAnswer, FeeError, FeeKind, FeeOutcome, FeeQuestion, GovernmentFees};
pub use follow_up::{
    FollowUp, FollowUpChange, FollowUpEvent, FollowUpOwner, FollowUpStatus, NewFollowUp,
};
pub use keep::{Keep, KeepRule};
pub use lifecycle::{VipAction, VipEdit};
pub use request::{NewVipFlight, NewVipRequest, VipEvent, VipFlight, VipRequest, VipRequestStatus};
pub use request_kind::VipRequestKind;
pub use rules::{DEFAULT_RULES, EntitlementDef, RulesError, VipRules};
