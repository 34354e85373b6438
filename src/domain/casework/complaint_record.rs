//! A complaint as an agent logs and works it: what happened, what the
//! traveller asks for, its due dates, every change with who and when, and
//! the service recovery given.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{
    complaint_settings::CategoryTarget,
    free_text::{FieldError, TextRule},
    recovery::{Proposal, Recovery},
};
use crate::domain::ComplaintStatus;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

/// How the complaint reached the airline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Phone,
    Email,
    Letter,
    Web,
    SocialMedia,
    InPerson,
    /// Through the civil aviation authority or another regulator.
    Regulator,
}

pub const DESCRIPTION: TextRule = TextRule::lines("description", 4000).required();
pub const REQUEST: TextRule = TextRule::lines("request", 2000);
pub const UPDATE: TextRule = TextRule::lines("update", 4000);
pub const RESOLUTION: TextRule = TextRule::lines("resolution", 4000);

/// A complaint to open, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewComplaintRecord {
    pub category: CategoryTarget,
    pub flight_id: Option<i64>,
    pub severity: Severity,
    pub channel: Channel,
    pub description: String,
    pub request: String,
    pub opened_by: String,
    /// What the recovery policy proposes for the flight, if anything.
    pub proposed_recovery: Option<Proposal>,
}

impl NewComplaintRecord {
    /// The summary the screen pop lists: the description's first line.
    pub fn summary(&self) -> String {
        super::history::first_line(&self.description, 120)
    }
}

/// One change to a complaint, kept forever.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintEvent {
    pub at: DateTime<Utc>,
    pub actor: String,
    /// `opened`, `status`, `update`, `resolution` or `recovery`.
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_status: Option<ComplaintStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_status: Option<ComplaintStatus>,
    #[serde(default)]
    pub text: String,
}

/// A stored complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintRecord {
    pub id: i64,
    pub traveller_id: i64,
    /// A category code from the settings.
    pub category: String,
    pub status: ComplaintStatus,
    pub severity: Severity,
    pub channel: Channel,
    pub flight_id: Option<i64>,
    /// The flight `flight_id` names, as the store read it with the complaint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flight: Option<ComplaintFlight>,
    pub summary: String,
    pub description: String,
    pub request: String,
    pub resolution: Option<String>,
    pub proposed_recovery: Option<Proposal>,
    pub recovery: Option<Recovery>,
    pub opened_at: DateTime<Utc>,
    pub opened_by: Option<String>,
    /// Acknowledge by (service-level target).
    pub acknowledge_by: Option<DateTime<Utc>>,
    /// Resolve by (service-level target).
    pub due_at: DateTime<Utc>,
    pub version: i64,
    /// Oldest first; empty in lists.
    #[serde(default)]
    pub events: Vec<ComplaintEvent>,
}

/// The flight a complaint is about, as the agent names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintFlight {
    pub flight_no: String,
    pub date: NaiveDate,
}

impl std::fmt::Display for ComplaintFlight {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.flight_no, self.date.format("%m-%d"))
    }
}

/// What a `PATCH` asks to change; at least one part.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ComplaintChange {
    pub status: Option<ComplaintStatus>,
    pub update: Option<String>,
    pub resolution: Option<String>,
    pub recovery: Option<Recovery>,
    pub actor: String,
}

impl ComplaintChange {
    pub fn checked(
        actor: &str,
        status: Option<ComplaintStatus>,
        update: Option<&str>,
        resolution: Option<&str>,
        recovery: Option<Recovery>,
    ) -> Result<ComplaintChange, FieldError> {
        let change = ComplaintChange {
            status,
            update: UPDATE.check_optional(update)?,
            resolution: RESOLUTION.check_optional(resolution)?,
            recovery: recovery.map(Recovery::checked).transpose()?,
            actor: actor.to_string(),
        };
        if change.status.is_none()
            && change.update.is_none()
            && change.resolution.is_none()
            && change.recovery.is_none()
        {
            return Err(FieldError::invalid(
                "status",
                "say what changes: status, update, resolution or recovery",
            ));
        }
        Ok(change)
    }
}
