//! Bodies of the casework routes: notes, preferences, complaints, the
//! contact history and wrap-up.

use serde::{Deserialize, Serialize};

use crate::domain::{
    Flight,
    casework::{HistoryEntry, Note},
};

/// The body of `POST /api/v1/travellers/{id}/notes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteRequest {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pnr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flight_id: Option<i64>,
    /// The id of the note this one corrects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrects: Option<i64>,
}

/// A page of notes, newest first; `next` fetches older ones
/// (`?before=NEXT`), absent on the last page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotesPage {
    pub notes: Vec<Note>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// A page of the contact history, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryPage {
    pub entries: Vec<HistoryEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// The answer to `GET /api/v1/complaint-categories`: what a complaint
/// may be filed under, with each category's service-level targets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintCategories {
    pub categories: Vec<crate::domain::casework::CategoryTarget>,
}

/// The answer to `GET /api/v1/travellers/{id}/flights`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlightList {
    pub flights: Vec<Flight>,
}

/// The body of `POST /api/v1/travellers/{id}/complaints`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComplaintRequest {
    /// A category code from the settings (`delay`, `baggage`, …).
    pub category: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flight_id: Option<i64>,
    pub severity: crate::domain::casework::Severity,
    pub channel: crate::domain::casework::Channel,
    /// What happened.
    pub description: String,
    /// What the traveller asks for.
    #[serde(default)]
    pub request: String,
}

/// The body of `PATCH /api/v1/complaints/{id}`: at least one part.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComplaintPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<crate::domain::ComplaintStatus>,
    /// A progress note, kept as an event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
    /// The recovery given: the proposal as accepted, or as edited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery: Option<crate::domain::casework::Recovery>,
}

/// A page of a traveller's complaints, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintsPage {
    pub complaints: Vec<crate::domain::casework::ComplaintRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// The body of `POST /api/v1/calls/{call_id}/wrap-up`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WrapUpRequest {
    /// A disposition code from the settings.
    pub disposition: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The traveller the call was with (default: the one traveller with
    /// the caller's number, if only one has it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traveller_id: Option<i64>,
}
