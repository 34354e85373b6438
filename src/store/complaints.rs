//! Complaints as agents log and work them, in the table the screen pop
//! reads: opened and changed in one transaction with their events, their
//! history entries and their idempotency keys; each change checks the
//! complaint's version and the lifecycle.

use async_trait::async_trait;

use super::{StoreResult, WriteGuard, Written};
use crate::domain::casework::{ComplaintChange, ComplaintRecord, NewComplaintRecord};

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

/// Writes `impl ComplaintStore` for a backend.
macro_rules! impl_complaint_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::ComplaintStore for $store {
            async fn open_complaint(
                &self,
                traveller_id: i64,
                complaint: &$crate::domain::casework::NewComplaintRecord,
                guard: &$crate::store::WriteGuard,
            ) -> $crate::store::StoreResult<$crate::store::Written<$crate::store::OpenComplaint>> {
                $crate::store::guards::replaying_a_raced_key(guard, || {
                    self.open_complaint_once(traveller_id, complaint, guard)
                })
                .await
            }

            async fn traveller_complaints(
                &self,
                traveller_id: i64,
                before: Option<i64>,
                limit: i64,
            ) -> $crate::store::StoreResult<Option<Vec<$crate::domain::casework::ComplaintRecord>>> {
                use $crate::store::complaint_rows::{COMPLAINT_COLUMNS, ComplaintRow};
                let mut tx = self.pool.begin().await?;
                if !$crate::store::sql::traveller_exists(&mut tx, traveller_id).await? {
                    return Ok(None);
                }
                let sql = format!(
                    "SELECT {COMPLAINT_COLUMNS} FROM complaints WHERE traveller_id = $1 AND id < $2 \
                     ORDER BY id DESC LIMIT $3"
                );
                let rows: Vec<ComplaintRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                    .bind(traveller_id)
                    .bind(before.unwrap_or(i64::MAX))
                    .bind(limit)
                    .fetch_all(&mut *tx)
                    .await?;
                tx.commit().await?;
                rows.into_iter().map(|r| r.into_record(Vec::new())).collect::<Result<Vec<_>, _>>().map(Some)
            }

            async fn complaint(
                &self,
                id: i64,
            ) -> $crate::store::StoreResult<Option<$crate::domain::casework::ComplaintRecord>> {
                let mut tx = self.pool.begin().await?;
                let found = Self::read_complaint(&mut tx, id, false).await?;
                tx.commit().await?;
                Ok(found)
            }

            async fn change_complaint(
                &self,
                id: i64,
                change: &$crate::domain::casework::ComplaintChange,
                guard: &$crate::store::WriteGuard,
            ) -> $crate::store::StoreResult<$crate::store::Written<$crate::store::ChangeComplaint>> {
                $crate::store::guards::replaying_a_raced_key(guard, || {
                    self.change_complaint_once(id, change, guard)
                })
                .await
            }
        }

        impl $store {
            /// A complaint with its events; locked when `lock`.
            async fn read_complaint(
                tx: &mut sqlx::Transaction<'static, $db>,
                id: i64,
                lock: bool,
            ) -> $crate::store::StoreResult<Option<$crate::domain::casework::ComplaintRecord>> {
                use $crate::store::complaint_rows::{COMPLAINT_COLUMNS, ComplaintRow, EventRow, event_from_row};
                let sql = format!(
                    "SELECT {COMPLAINT_COLUMNS} FROM complaints WHERE id = $1{}",
                    if lock { Self::LOCK_ROW } else { "" }
                );
                let row: Option<ComplaintRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                    .bind(id)
                    .fetch_optional(&mut **tx)
                    .await?;
                let Some(row) = row else {
                    return Ok(None);
                };
                let events: Vec<EventRow> = sqlx::query_as(
                    "SELECT at, actor, kind, from_status, to_status, text FROM complaint_events \
                     WHERE complaint_id = $1 ORDER BY id",
                )
                .bind(id)
                .fetch_all(&mut **tx)
                .await?;
                let events = events
                    .into_iter()
                    .map(|e| event_from_row(id, e))
                    .collect::<Result<Vec<_>, _>>()?;
                row.into_record(events).map(Some)
            }

            async fn add_complaint_event(
                tx: &mut sqlx::Transaction<'static, $db>,
                complaint_id: i64,
                event: &$crate::domain::casework::ComplaintEvent,
            ) -> $crate::store::StoreResult<()> {
                use $crate::store::rows::enum_to_sql;
                sqlx::query(
                    "INSERT INTO complaint_events (complaint_id, at, actor, kind, from_status, to_status, text) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(complaint_id)
                .bind(event.at.timestamp())
                .bind(&event.actor)
                .bind(&event.kind)
                .bind(event.from_status.as_ref().map(enum_to_sql))
                .bind(event.to_status.as_ref().map(enum_to_sql))
                .bind(&event.text)
                .execute(&mut **tx)
                .await?;
                Ok(())
            }

            async fn open_complaint_once(
                &self,
                traveller_id: i64,
                c: &$crate::domain::casework::NewComplaintRecord,
                guard: &$crate::store::WriteGuard,
            ) -> $crate::store::StoreResult<$crate::store::Written<$crate::store::OpenComplaint>> {
                use $crate::domain::{ComplaintStatus, casework::{ComplaintEvent, HistoryKind}};
                use $crate::store::{OpenComplaint, StoreError, Written, history::NewEntry, rows::enum_to_sql};
                let mut tx = self.writer().begin_with(Self::BEGIN_WRITE).await?;
                let exists = $crate::store::history::lock_traveller::<Self>(&mut tx, traveller_id).await?;
                if let Some(key) = &guard.idempotency
                    && let Some(first) = $crate::store::guards::replay(&mut tx, key).await?
                {
                    return Ok(first);
                }
                let refused = |outcome| Written { outcome, version: None, replayed: false };
                if !exists {
                    return $crate::store::guards::finish_guarded(tx, guard, refused(OpenComplaint::NoSuchTraveller)).await;
                }
                if let Some(flight_id) = c.flight_id
                    && !$crate::store::history::travellers_flight(&mut tx, traveller_id, flight_id).await?
                {
                    return $crate::store::guards::finish_guarded(tx, guard, refused(OpenComplaint::NotTheirFlight)).await;
                }
                let now = chrono::Utc::now();
                let opened = chrono::DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now);
                let proposed = c
                    .proposed_recovery
                    .as_ref()
                    .map(serde_json::to_string)
                    .transpose()
                    .map_err(|e| StoreError::Corrupt(format!("proposed recovery: {e}")))?;
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO complaints (traveller_id, category, status, opened_at, due_at, summary, \
                     severity, channel, flight_id, description, request, proposed_recovery, opened_by, \
                     acknowledge_by, version) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 1) RETURNING id",
                )
                .bind(traveller_id)
                .bind(&c.category.code)
                .bind(enum_to_sql(&ComplaintStatus::Open))
                .bind(opened.timestamp())
                .bind(c.category.resolve_by(opened).timestamp())
                .bind(c.summary())
                .bind(enum_to_sql(&c.severity))
                .bind(enum_to_sql(&c.channel))
                .bind(c.flight_id)
                .bind(&c.description)
                .bind(&c.request)
                .bind(proposed)
                .bind(&c.opened_by)
                .bind(c.category.acknowledge_by(opened).timestamp())
                .fetch_one(&mut *tx)
                .await?;
                let event = ComplaintEvent {
                    at: opened,
                    actor: c.opened_by.clone(),
                    kind: "opened".into(),
                    from_status: None,
                    to_status: Some(ComplaintStatus::Open),
                    text: c.summary(),
                };
                Self::add_complaint_event(&mut tx, id, &event).await?;
                $crate::store::history::record_history(
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
                let record = Self::read_complaint(&mut tx, id, false)
                    .await?
                    .ok_or_else(|| StoreError::Corrupt(format!("complaint {id} vanished")))?;
                let written = Written { outcome: OpenComplaint::Opened(Box::new(record)), version: Some(1), replayed: false };
                $crate::store::guards::finish_guarded(tx, guard, written).await
            }

            async fn change_complaint_once(
                &self,
                id: i64,
                change: &$crate::domain::casework::ComplaintChange,
                guard: &$crate::store::WriteGuard,
            ) -> $crate::store::StoreResult<$crate::store::Written<$crate::store::ChangeComplaint>> {
                use $crate::domain::casework::{HistoryKind, lifecycle::check_transition};
                use $crate::store::{ChangeComplaint, StoreError, Written, complaint_rows::change_events, history::NewEntry, rows::enum_to_sql};
                let mut tx = self.writer().begin_with(Self::BEGIN_WRITE).await?;
                let before = Self::read_complaint(&mut tx, id, true).await?;
                if let Some(key) = &guard.idempotency
                    && let Some(first) = $crate::store::guards::replay(&mut tx, key).await?
                {
                    return Ok(first);
                }
                let Some(before) = before else {
                    let written = Written { outcome: ChangeComplaint::NoSuchComplaint, version: None, replayed: false };
                    return $crate::store::guards::finish_guarded(tx, guard, written).await;
                };
                if let Some(expected) = guard.expected_version
                    && expected != before.version
                {
                    return Err(StoreError::Stale { current: before.version });
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
                    Some(r) => Some(serde_json::to_string(r).map_err(|e| StoreError::Corrupt(format!("recovery: {e}")))?),
                    None => before.recovery.as_ref().map(serde_json::to_string).transpose()
                        .map_err(|e| StoreError::Corrupt(format!("recovery: {e}")))?,
                };
                let version = before.version + 1;
                sqlx::query(
                    "UPDATE complaints SET status = $2, resolution = $3, recovery = $4, version = $5 WHERE id = $1",
                )
                .bind(id)
                .bind(enum_to_sql(&status))
                .bind(&resolution)
                .bind(recovery)
                .bind(version)
                .execute(&mut *tx)
                .await?;
                for event in change_events(before.status, change, at) {
                    Self::add_complaint_event(&mut tx, id, &event).await?;
                    $crate::store::history::record_history(
                        &mut tx,
                        NewEntry {
                            traveller_id: before.traveller_id,
                            kind: HistoryKind::Complaint,
                            at,
                            actor: &change.actor,
                            subject: id.to_string(),
                            summary: format!("complaint {}: {}", event.kind,
                                $crate::domain::casework::history::first_line(&event.text, 100)),
                            detail: serde_json::json!({ "event": event.kind,
                                "from_status": event.from_status, "to_status": event.to_status }),
                        },
                    )
                    .await?;
                }
                let record = Self::read_complaint(&mut tx, id, false)
                    .await?
                    .ok_or_else(|| StoreError::Corrupt(format!("complaint {id} vanished")))?;
                let written = Written { outcome: ChangeComplaint::Changed(Box::new(record)), version: Some(version), replayed: false };
                $crate::store::guards::finish_guarded(tx, guard, written).await
            }
        }
    };
}

pub(crate) use impl_complaint_store;
