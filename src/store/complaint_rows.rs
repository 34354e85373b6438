//! Complaint rows as both backends read them, and the events a change
//! makes.

use super::{StoreError, StoreResult};
use crate::domain::{
    ComplaintStatus,
    casework::{ComplaintChange, ComplaintEvent, ComplaintFlight, ComplaintRecord},
};

pub(crate) const COMPLAINT_COLUMNS: &str = "id, traveller_id, category, status, severity, channel, \
     flight_id, summary, description, request, resolution, proposed_recovery, recovery, \
     opened_at, opened_by, acknowledge_by, due_at, version, \
     (SELECT f.flight_no FROM flights f WHERE f.id = complaints.flight_id) AS flight_no, \
     (SELECT f.flight_date FROM flights f WHERE f.id = complaints.flight_id) AS flight_date";

#[derive(sqlx::FromRow)]
pub(crate) struct ComplaintRow {
    id: i64,
    traveller_id: i64,
    category: String,
    status: String,
    severity: String,
    channel: String,
    flight_id: Option<i64>,
    summary: String,
    description: String,
    request: String,
    resolution: Option<String>,
    proposed_recovery: Option<String>,
    recovery: Option<String>,
    opened_at: i64,
    opened_by: Option<String>,
    acknowledge_by: Option<i64>,
    due_at: i64,
    version: i64,
    flight_no: Option<String>,
    flight_date: Option<String>,
}

/// A complaint's event as stored.
#[derive(sqlx::FromRow)]
pub(crate) struct EventRow {
    at: i64,
    actor: String,
    kind: String,
    from_status: Option<String>,
    to_status: Option<String>,
    text: String,
}

fn time(id: i64, what: &str, secs: i64) -> StoreResult<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::from_timestamp(secs, 0)
        .ok_or_else(|| StoreError::Corrupt(format!("complaint {id}: {what} = {secs}")))
}

fn json<T: serde::de::DeserializeOwned>(
    id: i64,
    what: &str,
    text: Option<String>,
) -> StoreResult<Option<T>> {
    text.map(|t| serde_json::from_str(&t))
        .transpose()
        .map_err(|_| StoreError::Corrupt(format!("complaint {id}: {what}")))
}

impl ComplaintRow {
    pub(crate) fn into_record(self, events: Vec<ComplaintEvent>) -> StoreResult<ComplaintRecord> {
        use super::rows::enum_from_sql;
        let id = self.id;
        Ok(ComplaintRecord {
            id,
            traveller_id: self.traveller_id,
            status: enum_from_sql("status", &self.status)?,
            category: self.category,
            severity: enum_from_sql("severity", &self.severity)?,
            channel: enum_from_sql("channel", &self.channel)?,
            flight_id: self.flight_id,
            flight: match (self.flight_no, self.flight_date) {
                (Some(flight_no), Some(date)) => Some(ComplaintFlight {
                    flight_no,
                    date: super::rows::date_from_sql("flight_date", &date)?,
                }),
                _ => None,
            },
            summary: self.summary,
            description: self.description,
            request: self.request,
            resolution: self.resolution,
            proposed_recovery: json(id, "proposed_recovery", self.proposed_recovery)?,
            recovery: json(id, "recovery", self.recovery)?,
            opened_at: time(id, "opened_at", self.opened_at)?,
            opened_by: self.opened_by,
            acknowledge_by: self
                .acknowledge_by
                .map(|t| time(id, "acknowledge_by", t))
                .transpose()?,
            due_at: time(id, "due_at", self.due_at)?,
            version: self.version,
            events,
        })
    }
}

impl EventRow {
    /// The event, of complaint `complaint`.
    pub(crate) fn into_event(self, complaint: i64) -> StoreResult<ComplaintEvent> {
        use super::rows::enum_from_sql;
        Ok(ComplaintEvent {
            at: time(complaint, "event at", self.at)?,
            actor: self.actor,
            kind: self.kind,
            from_status: self
                .from_status
                .map(|s| enum_from_sql("from_status", &s))
                .transpose()?,
            to_status: self
                .to_status
                .map(|s| enum_from_sql("to_status", &s))
                .transpose()?,
            text: self.text,
        })
    }
}

/// The events a change makes, in the order they apply.
pub(crate) fn change_events(
    before: ComplaintStatus,
    change: &ComplaintChange,
    at: chrono::DateTime<chrono::Utc>,
) -> Vec<ComplaintEvent> {
    let event = |kind: &str, text: String| ComplaintEvent {
        at,
        actor: change.actor.clone(),
        kind: kind.into(),
        from_status: None,
        to_status: None,
        text,
    };
    let mut events = Vec::new();
    if let Some(update) = &change.update {
        events.push(event("update", update.clone()));
    }
    if let Some(resolution) = &change.resolution {
        events.push(event("resolution", resolution.clone()));
    }
    if let Some(recovery) = &change.recovery {
        events.push(event("recovery", recovery.summary()));
    }
    if let Some(to) = change.status {
        events.push(ComplaintEvent {
            from_status: Some(before),
            to_status: Some(to),
            ..event("status", format!("{} → {}", before.label(), to.label()))
        });
    }
    events
}
