//! Pure types and rules: no I/O, no async.

pub mod alert;
pub mod call;
pub mod call_state;
pub mod casework;
pub mod centre_time;
pub mod complaint;
pub mod durations;
pub mod figures;
pub mod flight;
pub mod floor;
pub mod fuzzy;
pub mod name_forms;
pub mod phone;
pub mod readings;
pub mod search;
pub mod surnames;
pub mod text;
pub mod tier;
pub mod traveller;
pub mod trips;
pub mod user;
pub mod value;
pub mod vip;

pub use call::{CallEvent, CallEventKind, Line, LineDirectory, LineKind};
pub use centre_time::CentreTime;
pub use complaint::{Complaint, ComplaintCategory, ComplaintStatus};
pub use flight::{Cabin, Flight, FlightStatus};
pub use phone::{CallerId, DefaultRegion, E164, PhoneError};
pub use tier::Tier;
pub use traveller::{CallerProfile, ContactNumber, Segment, Traveller};
pub use user::{Role, User};
