//! VIP service requests: logged with their flights and first event in one
//! transaction with the idempotency key; each change checks the request's
//! version and the lifecycle (`vip_changes`).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::Transaction;

use super::{
    StoreError, StoreResult, WriteGuard, Written,
    dialect::Dialect,
    guards::{
        KeptOutcome, TravellerWrite, begin_traveller_write, finish_guarded, replaying_a_raced_key,
    },
    history::travellers_flight,
    sql::{Arg, ExecConn, SqlDb},
    vip_changes::change_once,
    vip_rows::{EventRow, FLIGHT_SQL, REQUEST_COLUMNS, VipFlightRow, VipRequestRow, whole_seconds},
};
use crate::domain::vip::{NewVipRequest, VipAction, VipEdit, VipEvent, VipRequest};

/// Most requests listed for one traveller.
pub const MAX_VIP_REQUESTS: i64 = 100;

/// What `VipRequestStore::log_vip_request` did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogVipRequest {
    Logged(Box<VipRequest>),
    NoSuchTraveller,
    /// This flight is not one of the traveller's.
    NotTheirFlight(i64),
}

/// What `VipRequestStore::change_vip_request` did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeVipRequest {
    Changed(Box<VipRequest>),
    NoSuchRequest,
    /// The lifecycle does not allow it; the reason says why.
    Refused(String),
    /// An edit named a flight that is not one of the request's.
    NotItsFlight(i64),
}

/// A change to a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VipChange {
    Edit(VipEdit),
    Act {
        action: VipAction,
        /// The reservation system's reference, on confirmation.
        reference: Option<String>,
    },
}

#[async_trait]
pub trait VipRequestStore: Send + Sync {
    async fn log_vip_request(
        &self,
        traveller_id: i64,
        request: &NewVipRequest,
        guard: &WriteGuard,
    ) -> StoreResult<Written<LogVipRequest>>;
    /// The traveller's requests, newest first, `MAX_VIP_REQUESTS` at most;
    /// `None` when there is no such traveller.
    async fn traveller_vip_requests(
        &self,
        traveller_id: i64,
    ) -> StoreResult<Option<Vec<VipRequest>>>;
    async fn vip_request(&self, id: i64) -> StoreResult<Option<VipRequest>>;
    /// Applies `change` by `actor` when `guard` expects the request's
    /// version (`Stale` otherwise) and the lifecycle allows it.
    async fn change_vip_request(
        &self,
        id: i64,
        actor: &str,
        change: &VipChange,
        guard: &WriteGuard,
    ) -> StoreResult<Written<ChangeVipRequest>>;
}

#[async_trait]
impl<S> VipRequestStore for S
where
    S: Dialect + Send + Sync,
    S::Db: SqlDb,
    VipRequestRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    VipFlightRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    EventRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (i64,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    KeptOutcome: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    async fn log_vip_request(
        &self,
        traveller_id: i64,
        request: &NewVipRequest,
        guard: &WriteGuard,
    ) -> StoreResult<Written<LogVipRequest>> {
        replaying_a_raced_key(guard, || log_once(self, traveller_id, request, guard)).await
    }

    async fn traveller_vip_requests(
        &self,
        traveller_id: i64,
    ) -> StoreResult<Option<Vec<VipRequest>>> {
        let mut tx = self.reader().begin().await?;
        if !super::sql::traveller_exists(&mut tx, traveller_id).await? {
            return Ok(None);
        }
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM vip_requests WHERE traveller_id = $1 ORDER BY id DESC LIMIT $2",
        )
        .arg(traveller_id)
        .arg(MAX_VIP_REQUESTS)
        .fetch_all((*tx).exec())
        .await?;
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(request) = read_request::<S>(&mut tx, id, false).await? {
                found.push(request);
            }
        }
        tx.commit().await?;
        Ok(Some(found))
    }

    async fn vip_request(&self, id: i64) -> StoreResult<Option<VipRequest>> {
        let mut tx = self.reader().begin().await?;
        let found = read_request::<S>(&mut tx, id, false).await?;
        tx.commit().await?;
        Ok(found)
    }

    async fn change_vip_request(
        &self,
        id: i64,
        actor: &str,
        change: &VipChange,
        guard: &WriteGuard,
    ) -> StoreResult<Written<ChangeVipRequest>> {
        replaying_a_raced_key(guard, || change_once(self, id, actor, change, guard)).await
    }
}

/// A request with its flights and history; locked when `lock`.
pub(crate) async fn read_request<S>(
    tx: &mut Transaction<'_, S::Db>,
    id: i64,
    lock: bool,
) -> StoreResult<Option<VipRequest>>
where
    S: Dialect,
    S::Db: SqlDb,
    VipRequestRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    VipFlightRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    EventRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    let sql = format!(
        "SELECT {REQUEST_COLUMNS} FROM vip_requests WHERE id = $1{}",
        if lock { S::LOCK_ROW } else { "" }
    );
    let row: Option<VipRequestRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .arg(id)
        .fetch_optional((**tx).exec())
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let flights: Vec<VipFlightRow> = sqlx::query_as(FLIGHT_SQL)
        .arg(id)
        .fetch_all((**tx).exec())
        .await?;
    let events: Vec<EventRow> = sqlx::query_as(
        "SELECT at, actor, kind, text FROM vip_request_events WHERE request_id = $1 ORDER BY id",
    )
    .arg(id)
    .fetch_all((**tx).exec())
    .await?;
    row.into_request(flights, events).map(Some)
}

pub(crate) async fn add_request_event<DB: SqlDb>(
    tx: &mut Transaction<'_, DB>,
    request_id: i64,
    event: &VipEvent,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO vip_request_events (request_id, at, actor, kind, text) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .arg(request_id)
    .arg(event.at.timestamp())
    .arg(event.actor.as_str())
    .arg(event.kind.as_str())
    .arg(event.text.as_str())
    .execute((**tx).exec())
    .await?;
    Ok(())
}

pub(crate) fn event(at: DateTime<Utc>, actor: &str, kind: &str, text: String) -> VipEvent {
    VipEvent {
        at,
        actor: actor.into(),
        kind: kind.into(),
        text,
    }
}

async fn log_once<S>(
    store: &S,
    traveller_id: i64,
    r: &NewVipRequest,
    guard: &WriteGuard,
) -> StoreResult<Written<LogVipRequest>>
where
    S: Dialect + Sync,
    S::Db: SqlDb,
    VipRequestRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    VipFlightRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    EventRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (i64,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    KeptOutcome: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    let mut tx =
        match begin_traveller_write(store, traveller_id, guard, LogVipRequest::NoSuchTraveller)
            .await?
        {
            TravellerWrite::Open(tx) => tx,
            TravellerWrite::Answered(written) => return Ok(written),
        };
    for flight in &r.flights {
        if !travellers_flight(&mut tx, traveller_id, flight.flight_id).await? {
            let refused = LogVipRequest::NotTheirFlight(flight.flight_id);
            return finish_guarded(tx, guard, Written::unversioned(refused)).await;
        }
    }
    let at = whole_seconds(Utc::now());
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO vip_requests (traveller_id, kind, status, owner, seat, code, text, \
         override_reason, overridden_by, created_at, updated_at, version) \
         VALUES ($1, $2, 'requested', $3, $4, $5, $6, $7, $8, $9, $9, 1) RETURNING id",
    )
    .arg(traveller_id)
    .arg(r.kind.as_str())
    .arg(r.owner.as_str())
    .arg(r.seat.as_deref())
    .arg(r.code.as_deref())
    .arg(r.text.as_deref())
    .arg(r.overridden.as_ref().map(|o| o.reason.as_str()))
    .arg(r.overridden.as_ref().map(|o| o.by.as_str()))
    .arg(at.timestamp())
    .fetch_one((*tx).exec())
    .await?;
    for flight in &r.flights {
        sqlx::query(
            "INSERT INTO vip_request_flights (request_id, flight_id, release_at) VALUES ($1, $2, $3)",
        )
        .arg(id)
        .arg(flight.flight_id)
        .arg(flight.release_at.map(|t| t.timestamp()))
        .execute((*tx).exec())
        .await?;
    }
    let logged = event(
        at,
        &r.owner,
        "logged",
        format!("{} requested", r.kind.label()),
    );
    add_request_event(&mut tx, id, &logged).await?;
    if let Some(o) = &r.overridden {
        let text = format!("entitlement overridden: {}", o.reason);
        add_request_event(&mut tx, id, &event(at, &o.by, "overridden", text)).await?;
    }
    let record = read_request::<S>(&mut tx, id, false)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("vip request {id} vanished")))?;
    let written = Written {
        outcome: LogVipRequest::Logged(Box::new(record)),
        version: Some(1),
        replayed: false,
    };
    finish_guarded(tx, guard, written).await
}
