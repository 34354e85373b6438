//! Complaints as agents log and work them, in the table the screen pop
//! reads: opened and changed in one transaction with their events, their
//! history entries and their idempotency keys; each change checks the
//! complaint's version and the lifecycle.

use async_trait::async_trait;
use sqlx::Transaction;

use super::{
    StoreError, StoreResult, WriteGuard, Written,
    complaint_rows::{COMPLAINT_COLUMNS, ComplaintRow, EventRow, change_events},
    dialect::Dialect,
    guards::{
        KeptOutcome, TravellerWrite, begin_traveller_write, finish_guarded, replay_guarded,
        replaying_a_raced_key,
    },
    history::{NewEntry, record_history, travellers_flight},
    rows::enum_to_sql,
    sql::{Arg, ExecConn, SqlDb, traveller_page},
};
use crate::domain::{
    ComplaintStatus,
    casework::{
        ComplaintChange, ComplaintEvent, ComplaintRecord, HistoryKind, NewComplaintRecord,
        history::first_line, lifecycle::check_transition,
    },
};

/// What `ComplaintStore::open_complaint` did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpenComplaint {
    Opened(Box<ComplaintRecord>),
    NoSuchTraveller,
    NotTheirFlight,
}

/// What `ComplaintStore::change_complaint` did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeComplaint {
    Changed(Box<ComplaintRecord>),
    NoSuchComplaint,
    /// The lifecycle does not allow it; the reason says why.
    Refused(String),
}

#[async_trait]
pub trait ComplaintStore: Send + Sync {
    async fn open_complaint(
        &self,
        traveller_id: i64,
        complaint: &NewComplaintRecord,
        guard: &WriteGuard,
    ) -> StoreResult<Written<OpenComplaint>>;
    /// Up to `limit` of the traveller's complaints older than `before`,
    /// newest first, without their events; `None`: no such traveller.
    async fn traveller_complaints(
        &self,
        traveller_id: i64,
        before: Option<i64>,
        limit: i64,
    ) -> StoreResult<Option<Vec<ComplaintRecord>>>;
    /// One complaint with every event, oldest first.
    async fn complaint(&self, id: i64) -> StoreResult<Option<ComplaintRecord>>;
    /// Applies `change` when `guard` expects the complaint's version
    /// (`Stale` otherwise) and the lifecycle allows it.
    async fn change_complaint(
        &self,
        id: i64,
        change: &ComplaintChange,
        guard: &WriteGuard,
    ) -> StoreResult<Written<ChangeComplaint>>;
}

#[async_trait]
impl<S> ComplaintStore for S
where
    S: Dialect + Send + Sync,
    S::Db: SqlDb,
    ComplaintRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    EventRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (i64,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    KeptOutcome: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    async fn open_complaint(
        &self,
        traveller_id: i64,
        complaint: &NewComplaintRecord,
        guard: &WriteGuard,
    ) -> StoreResult<Written<OpenComplaint>> {
        replaying_a_raced_key(guard, || {
            open_complaint_once(self, traveller_id, complaint, guard)
        })
        .await
    }

    async fn traveller_complaints(
        &self,
        traveller_id: i64,
        before: Option<i64>,
        limit: i64,
    ) -> StoreResult<Option<Vec<ComplaintRecord>>> {
        let rows = traveller_page::<_, ComplaintRow>(
            self.reader(),
            COMPLAINT_COLUMNS,
            "complaints",
            traveller_id,
            before,
            limit,
        )
        .await?;
        rows.map(|rows| {
            rows.into_iter()
                .map(|r| r.into_record(Vec::new()))
                .collect()
        })
        .transpose()
    }

    async fn complaint(&self, id: i64) -> StoreResult<Option<ComplaintRecord>> {
        let mut tx = self.reader().begin().await?;
        let found = read_complaint::<S>(&mut tx, id, false).await?;
        tx.commit().await?;
        Ok(found)
    }

    async fn change_complaint(
        &self,
        id: i64,
        change: &ComplaintChange,
        guard: &WriteGuard,
    ) -> StoreResult<Written<ChangeComplaint>> {
        replaying_a_raced_key(guard, || change_complaint_once(self, id, change, guard)).await
    }
}

/// A complaint with its events; locked when `lock`.
async fn read_complaint<S>(
    tx: &mut Transaction<'_, S::Db>,
    id: i64,
    lock: bool,
) -> StoreResult<Option<ComplaintRecord>>
where
    S: Dialect,
    S::Db: SqlDb,
    ComplaintRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    EventRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    let sql = format!(
        "SELECT {COMPLAINT_COLUMNS} FROM complaints WHERE id = $1{}",
        if lock { S::LOCK_ROW } else { "" }
    );
    let row: Option<ComplaintRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .arg(id)
        .fetch_optional((**tx).exec())
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let events: Vec<EventRow> = sqlx::query_as(
        "SELECT at, actor, kind, from_status, to_status, text FROM complaint_events \
         WHERE complaint_id = $1 ORDER BY id",
    )
    .arg(id)
    .fetch_all((**tx).exec())
    .await?;
    let events = events
        .into_iter()
        .map(|e| e.into_event(id))
        .collect::<StoreResult<Vec<_>>>()?;
    row.into_record(events).map(Some)
}

async fn add_complaint_event<DB: SqlDb>(
    tx: &mut Transaction<'_, DB>,
    complaint_id: i64,
    event: &ComplaintEvent,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO complaint_events (complaint_id, at, actor, kind, from_status, to_status, text) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .arg(complaint_id)
    .arg(event.at.timestamp())
    .arg(event.actor.as_str())
    .arg(event.kind.as_str())
    .arg(event.from_status.as_ref().map(enum_to_sql))
    .arg(event.to_status.as_ref().map(enum_to_sql))
    .arg(event.text.as_str())
    .execute((**tx).exec())
    .await?;
    Ok(())
}

async fn open_complaint_once<S>(
    store: &S,
    traveller_id: i64,
    c: &NewComplaintRecord,
    guard: &WriteGuard,
) -> StoreResult<Written<OpenComplaint>>
where
    S: Dialect + Sync,
    S::Db: SqlDb,
    ComplaintRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    EventRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (i64,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    KeptOutcome: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    let mut tx =
        match begin_traveller_write(store, traveller_id, guard, OpenComplaint::NoSuchTraveller)
            .await?
        {
            TravellerWrite::Open(tx) => tx,
            TravellerWrite::Answered(written) => return Ok(written),
        };
    if let Some(flight_id) = c.flight_id
        && !travellers_flight(&mut tx, traveller_id, flight_id).await?
    {
        return finish_guarded(
            tx,
            guard,
            Written::unversioned(OpenComplaint::NotTheirFlight),
        )
        .await;
    }
    let now = chrono::Utc::now();
    let opened = chrono::DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now);
    let proposed = c
        .proposed_recovery
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| StoreError::Corrupt(format!("proposed recovery: {e}")))?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO complaints (traveller_id, category, status, opened_at, due_at, summary, \
         severity, channel, flight_id, description, request, proposed_recovery, opened_by, \
         acknowledge_by, version) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 1) RETURNING id",
    )
    .arg(traveller_id)
    .arg(c.category.code.as_str())
    .arg(enum_to_sql(&ComplaintStatus::Open))
    .arg(opened.timestamp())
    .arg(c.category.resolve_by(opened).timestamp())
    .arg(c.summary())
    .arg(enum_to_sql(&c.severity))
    .arg(enum_to_sql(&c.channel))
    .arg(c.flight_id)
    .arg(c.description.as_str())
    .arg(c.request.as_str())
    .arg(proposed)
    .arg(c.opened_by.as_str())
    .arg(c.category.acknowledge_by(opened).timestamp())
    .fetch_one((*tx).exec())
    .await?;
    let event = ComplaintEvent {
        at: opened,
        actor: c.opened_by.clone(),
        kind: "opened".into(),
        from_status: None,
        to_status: Some(ComplaintStatus::Open),
        text: c.summary(),
    };
    add_complaint_event(&mut tx, id, &event).await?;
    record_history(
        &mut tx,
        NewEntry {
            traveller_id,
            kind: HistoryKind::Complaint,
            at: opened,
            actor: &c.opened_by,
            subject: id.to_string(),
            summary: format!("{} complaint opened: {}", c.category.label, c.summary()),
            detail: serde_json::json!({ "event": "opened", "category": c.category.code,
                "severity": c.severity, "flight_id": c.flight_id }),
        },
    )
    .await?;
    let record = read_complaint::<S>(&mut tx, id, false)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("complaint {id} vanished")))?;
    let written = Written {
        outcome: OpenComplaint::Opened(Box::new(record)),
        version: Some(1),
        replayed: false,
    };
    finish_guarded(tx, guard, written).await
}

async fn change_complaint_once<S>(
    store: &S,
    id: i64,
    change: &ComplaintChange,
    guard: &WriteGuard,
) -> StoreResult<Written<ChangeComplaint>>
where
    S: Dialect + Sync,
    S::Db: SqlDb,
    ComplaintRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    EventRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    KeptOutcome: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    let mut tx = store.writer().begin_with(S::BEGIN_WRITE).await?;
    let before = read_complaint::<S>(&mut tx, id, true).await?;
    if let Some(first) = replay_guarded(&mut tx, guard).await? {
        return Ok(first);
    }
    let Some(before) = before else {
        let written = Written::unversioned(ChangeComplaint::NoSuchComplaint);
        return finish_guarded(tx, guard, written).await;
    };
    if let Some(expected) = guard.expected_version
        && expected != before.version
    {
        return Err(StoreError::Stale {
            current: before.version,
        });
    }
    let resolution = change.resolution.clone().or(before.resolution.clone());
    if let Some(to) = change.status
        && let Err(refused) = check_transition(before.status, to, resolution.as_deref())
    {
        // Refused: nothing written, the key not used up.
        return Ok(Written {
            outcome: ChangeComplaint::Refused(refused.to_string()),
            version: Some(before.version),
            replayed: false,
        });
    }
    let now = chrono::Utc::now();
    let at = chrono::DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now);
    let status = change.status.unwrap_or(before.status);
    let recovery = match &change.recovery {
        Some(r) => Some(r),
        None => before.recovery.as_ref(),
    }
    .map(serde_json::to_string)
    .transpose()
    .map_err(|e| StoreError::Corrupt(format!("recovery: {e}")))?;
    let version = before.version + 1;
    sqlx::query(
        "UPDATE complaints SET status = $2, resolution = $3, recovery = $4, version = $5 \
         WHERE id = $1",
    )
    .arg(id)
    .arg(enum_to_sql(&status))
    .arg(resolution.as_deref())
    .arg(recovery)
    .arg(version)
    .execute((*tx).exec())
    .await?;
    for event in change_events(before.status, change, at) {
        add_complaint_event(&mut tx, id, &event).await?;
        record_history(
            &mut tx,
            NewEntry {
                traveller_id: before.traveller_id,
                kind: HistoryKind::Complaint,
                at,
                actor: &change.actor,
                subject: id.to_string(),
                summary: format!("complaint {}: {}", event.kind, first_line(&event.text, 100)),
                detail: serde_json::json!({ "event": event.kind,
                    "from_status": event.from_status, "to_status": event.to_status }),
            },
        )
        .await?;
    }
    let record = read_complaint::<S>(&mut tx, id, false)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("complaint {id} vanished")))?;
    let written = Written {
        outcome: ChangeComplaint::Changed(Box::new(record)),
        version: Some(version),
        replayed: false,
    };
    finish_guarded(tx, guard, written).await
}
