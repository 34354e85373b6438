//! The VIP reservation hotline's rules: what a traveller is entitled to,
//! the government fee rules, and the service requests the hotline logs.

pub mod follow_up;
pub mod lifecycle;
pub mod prompts;
pub mod request;
pub mod request_kind;
pub mod seat;

pub use follow_up::{
    FollowUp, FollowUpChange, FollowUpEvent, FollowUpOwner, FollowUpStatus, NewFollowUp,
};
pub use lifecycle::{VipAction, VipEdit};
pub use request::{NewVipFlight, NewVipRequest, VipEvent, VipFlight, VipRequest, VipRequestStatus};
pub use request_kind::VipRequestKind;
