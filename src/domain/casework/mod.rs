//! Casework: what an agent keeps on a traveller, call by call — notes,
//! preferences, complaints with service recovery, the contact history and
//! wrap-up. Types and rules
//! only; the store keeps them and the server checks who may write them.

pub mod codes;
pub mod complaint_record;
pub mod complaint_settings;
pub mod free_text;
pub mod history;
pub mod lifecycle;
pub mod note;
pub mod preferences;
pub mod recovery;
pub mod recovery_limits;
pub mod recovery_segment;
pub mod wrap_up;

pub use complaint_record::{
    Channel, ComplaintChange, ComplaintEvent, ComplaintFlight, ComplaintRecord, NewComplaintRecord,
    Severity,
};
pub use complaint_settings::{CategoryTarget, ComplaintSettings};
pub use free_text::{FieldError, TextRule, mask_card_numbers};
pub use history::{HistoryEntry, HistoryKind};
pub use note::{NOTE_TEXT, NewNote, Note};
pub use preferences::{Preferences, Seat, StoredPreferences, Zone};
pub use recovery::{PolicyError, Proposal, Recovery, RecoveryPolicy};
pub use recovery_segment::{GovernmentRecovery, RecoveryHolder, SegmentRecovery};
pub use wrap_up::{Disposition, WrapUpMode, WrapUpSettings};
