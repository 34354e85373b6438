use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::{
    CallEventKind, ComplaintStatus, ContactNumber, Flight, Segment, Tier, phone::E164,
};

/// A traveller to write, with the history that comes with them.
#[derive(Debug, Clone, PartialEq)]
pub struct NewTraveller {
    pub id: i64,
    pub ffp_number: String,
    pub family_name: String,
    pub given_name: String,
    pub native_name: Option<String>,
    pub tier: Tier,
    pub miles_balance: i64,
    pub segment: Segment,
    pub email: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub phones: Vec<NewPhone>,
    pub flights_12m: i64,
    pub miles_12m: i64,
    /// Share of the last year's flights in first or business, 0–1.
    pub premium_share: f64,
    /// The last day of the tier as it stands.
    pub tier_valid_until: Option<NaiveDate>,
    /// Qualifying flights and miles so far this calendar year.
    pub qualifying_flights: i64,
    pub qualifying_miles: i64,
    pub flights: Vec<Flight>,
    pub complaints: Vec<NewComplaint>,
}

impl NewTraveller {
    pub fn last_flight(&self) -> Option<NaiveDate> {
        self.flights.iter().map(|f| f.date).max()
    }
}

/// A number to store: its E.164 form, and the form it was given in (kept
/// so that `phones recheck` can re-read it under later rules).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPhone {
    pub e164: E164,
    pub dialled: Option<String>,
    pub label: String,
}

impl From<&NewPhone> for ContactNumber {
    /// The number as a profile shows it.
    fn from(phone: &NewPhone) -> Self {
        ContactNumber {
            e164: phone.e164.clone(),
            label: phone.label.clone(),
        }
    }
}

/// A stored number as `phones recheck` reads it back.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StoredPhone {
    pub e164: String,
    pub traveller_id: i64,
    pub dialled: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewComplaint {
    /// The category's code, one of the settings' categories.
    pub category: String,
    pub status: ComplaintStatus,
    pub opened_at: DateTime<Utc>,
    /// By the settings' target for the category.
    pub due_at: DateTime<Utc>,
    pub summary: String,
}

/// One call event as kept for the contact history.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedCallEvent {
    pub call_id: String,
    pub event: CallEventKind,
    pub from_raw: String,
    pub caller_e164: Option<E164>,
    pub to_raw: String,
    pub queue: Option<String>,
    pub agent: Option<String>,
    pub at: DateTime<Utc>,
}

/// What `Store::add_phone` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AddPhone {
    Added,
    /// The traveller already had the number; nothing changed.
    AlreadyThere,
    NoSuchTraveller,
    /// The traveller already has `MAX_PHONES` numbers; nothing changed.
    TooMany,
}

/// What keeps a write from happening twice, or over a newer version.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteGuard {
    /// A create's `Idempotency-Key`: a retry with the same key gets the
    /// first outcome and writes nothing.
    pub idempotency: Option<IdempotencyKey>,
    /// The version the client last read (`If-Match`); `None` when the
    /// write does not depend on one.
    pub expected_version: Option<i64>,
}

/// A client's key for one create, scoped to the user who sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey {
    pub user: String,
    pub key: String,
    /// A digest of what was asked (route, target and body): the same key
    /// with another request is refused, never answered with the first.
    pub fingerprint: String,
}

/// The outcome of a guarded write.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Written<T> {
    pub outcome: T,
    /// The record's version after the write (for the next `If-Match`);
    /// `None` when there is no such record.
    pub version: Option<i64>,
    /// True when this is the stored outcome of an earlier request with the
    /// same idempotency key.
    #[serde(skip)]
    pub replayed: bool,
}

impl<T> Written<T> {
    /// An outcome with no record version to give: a write refused before
    /// anything was written, or one on a record that has no version.
    pub fn unversioned(outcome: T) -> Self {
        Self {
            outcome,
            version: None,
            replayed: false,
        }
    }
}
