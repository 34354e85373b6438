//! VIP requests and follow-ups as both backends read them: named rows,
//! turned into the domain's records.

use chrono::{DateTime, Utc};

use super::{StoreError, StoreResult};
use crate::domain::vip::{
    FollowUp, FollowUpEvent, FollowUpOwner, FollowUpStatus, VipEvent, VipFlight, VipRequest,
    VipRequestKind, VipRequestStatus, request::VipOverride,
};

pub(crate) const REQUEST_COLUMNS: &str = "id, traveller_id, kind, status, owner, seat, code, \
     text, override_reason, overridden_by, reference, created_at, updated_at, version";

pub(crate) const FOLLOW_UP_COLUMNS: &str = "id, traveller_id, call_id, text, due_at, owner_kind, \
     owner, status, snoozed_until, created_by, created_at, vip_request_id, version";

pub(crate) fn time(what: &str, secs: i64) -> StoreResult<DateTime<Utc>> {
    DateTime::from_timestamp(secs, 0).ok_or_else(|| StoreError::Corrupt(format!("{what} = {secs}")))
}

fn optional_time(what: &str, secs: Option<i64>) -> StoreResult<Option<DateTime<Utc>>> {
    secs.map(|s| time(what, s)).transpose()
}

/// A time as the store keeps it: whole seconds.
pub(crate) fn whole_seconds(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(at.timestamp(), 0).unwrap_or(at)
}

#[derive(sqlx::FromRow)]
pub(crate) struct VipRequestRow {
    id: i64,
    pub(crate) traveller_id: i64,
    kind: String,
    status: String,
    owner: String,
    seat: Option<String>,
    code: Option<String>,
    text: Option<String>,
    override_reason: Option<String>,
    overridden_by: Option<String>,
    reference: Option<String>,
    created_at: i64,
    updated_at: i64,
    version: i64,
}

/// A request's flight, with the flight's number and date.
#[derive(sqlx::FromRow)]
pub(crate) struct VipFlightRow {
    flight_id: i64,
    flight_no: String,
    flight_date: String,
    release_at: Option<i64>,
    expired_at: Option<i64>,
}

pub(crate) const FLIGHT_SQL: &str = "SELECT l.flight_id, f.flight_no, f.flight_date, l.release_at, \
     l.expired_at FROM vip_request_flights l JOIN flights f ON f.id = l.flight_id \
     WHERE l.request_id = $1 ORDER BY f.flight_date, l.id";

/// An event of a request or a follow-up.
#[derive(sqlx::FromRow)]
pub(crate) struct EventRow {
    at: i64,
    actor: String,
    kind: String,
    text: String,
}

impl VipRequestRow {
    pub(crate) fn into_request(
        self,
        flights: Vec<VipFlightRow>,
        events: Vec<EventRow>,
    ) -> StoreResult<VipRequest> {
        let id = self.id;
        let what = |w: &str| format!("vip request {id}: {w}");
        let kind = VipRequestKind::parse(&self.kind)
            .ok_or_else(|| StoreError::Corrupt(what(&format!("kind {:?}", self.kind))))?;
        let status = VipRequestStatus::parse(&self.status)
            .ok_or_else(|| StoreError::Corrupt(what(&format!("status {:?}", self.status))))?;
        let flights = flights
            .into_iter()
            .map(|f| {
                Ok(VipFlight {
                    flight_id: f.flight_id,
                    flight_no: f.flight_no,
                    date: f.flight_date,
                    release_at: optional_time(&what("release_at"), f.release_at)?,
                    expired_at: optional_time(&what("expired_at"), f.expired_at)?,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        let history = events
            .into_iter()
            .map(|e| {
                Ok(VipEvent {
                    at: time(&what("event"), e.at)?,
                    actor: e.actor,
                    kind: e.kind,
                    text: e.text,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        let overridden = match (self.override_reason, self.overridden_by) {
            (Some(reason), Some(by)) => Some(VipOverride { reason, by }),
            _ => None,
        };
        Ok(VipRequest {
            id,
            traveller_id: self.traveller_id,
            kind,
            status,
            owner: self.owner,
            flights,
            seat: self.seat,
            code: self.code,
            text: self.text,
            overridden,
            reference: self.reference,
            created_at: time(&what("created_at"), self.created_at)?,
            updated_at: time(&what("updated_at"), self.updated_at)?,
            version: self.version,
            history,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct FollowUpRow {
    id: i64,
    traveller_id: i64,
    call_id: Option<String>,
    text: String,
    due_at: i64,
    owner_kind: String,
    owner: String,
    status: String,
    snoozed_until: Option<i64>,
    created_by: String,
    created_at: i64,
    vip_request_id: Option<i64>,
    version: i64,
}

impl FollowUpRow {
    pub(crate) fn id(&self) -> i64 {
        self.id
    }

    pub(crate) fn into_follow_up(self, events: Vec<EventRow>) -> StoreResult<FollowUp> {
        let id = self.id;
        let what = |w: &str| format!("follow-up {id}: {w}");
        let owner = FollowUpOwner::from_columns(&self.owner_kind, self.owner).ok_or_else(|| {
            StoreError::Corrupt(what(&format!("owner kind {:?}", self.owner_kind)))
        })?;
        let status = FollowUpStatus::parse(&self.status)
            .ok_or_else(|| StoreError::Corrupt(what(&format!("status {:?}", self.status))))?;
        let history = events
            .into_iter()
            .map(|e| {
                Ok(FollowUpEvent {
                    at: time(&what("event"), e.at)?,
                    actor: e.actor,
                    kind: e.kind,
                    text: e.text,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        Ok(FollowUp {
            id,
            traveller_id: self.traveller_id,
            call_id: self.call_id,
            text: self.text,
            due_at: time(&what("due_at"), self.due_at)?,
            owner,
            status,
            snoozed_until: optional_time(&what("snoozed_until"), self.snoozed_until)?,
            created_by: self.created_by,
            created_at: time(&what("created_at"), self.created_at)?,
            vip_request_id: self.vip_request_id,
            version: self.version,
            history,
        })
    }
}
