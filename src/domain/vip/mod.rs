//! The VIP reservation hotline's rules: what a traveller is entitled to,
//! the government fee rules, and the service requests the hotline logs.

pub mod prompts;
pub mod request_kind;

pub use request_kind::VipRequestKind;
