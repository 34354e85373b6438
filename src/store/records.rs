use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::{
    CallEventKind, ComplaintCategory, ComplaintStatus, ContactNumber, Flight, Segment, Tier,
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
    pub phones: Vec<ContactNumber>,
    pub flights_12m: i64,
    pub miles_12m: i64,
    /// Share of the last year's flights in first or business, 0–1.
    pub premium_share: f64,
    pub flights: Vec<Flight>,
    pub complaints: Vec<NewComplaint>,
}

impl NewTraveller {
    pub fn last_flight(&self) -> Option<NaiveDate> {
        self.flights.iter().map(|f| f.date).max()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewComplaint {
    pub category: ComplaintCategory,
    pub status: ComplaintStatus,
    pub opened_at: DateTime<Utc>,
    pub summary: String,
}

/// One call event as kept for the contact history.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedCallEvent {
    pub call_id: String,
    pub event: CallEventKind,
    pub from_raw: String,
    pub caller_e164: Option<String>,
    pub to_raw: String,
    pub queue: Option<String>,
    pub agent: Option<String>,
    pub at: DateTime<Utc>,
}

/// What `Store::add_phone` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddPhone {
    Added,
    /// The traveller already had the number; nothing changed.
    AlreadyThere,
    NoSuchTraveller,
    /// The traveller already has `MAX_PHONES` numbers; nothing changed.
    TooMany,
}
