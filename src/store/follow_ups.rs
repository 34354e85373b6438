//! Follow-ups: kept with their history (created, reassigned, snoozed,
//! done) in one transaction with each change and its idempotency key;
//! listed for an owner, due first.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::Transaction;

use super::{
    StoreError, StoreResult, WriteGuard, Written,
    dialect::Dialect,
    guards::{
        KeptOutcome, TravellerWrite, begin_traveller_write, finish_guarded, replay_guarded,
        replaying_a_raced_key,
    },
    sql::{Arg, ExecConn, SqlDb},
    vip_rows::{EventRow, FOLLOW_UP_COLUMNS, FollowUpRow, whole_seconds},
};
use crate::domain::vip::{
    FollowUp, FollowUpChange, FollowUpEvent, FollowUpOwner, FollowUpStatus, NewFollowUp,
    follow_up::check_open,
};

/// Most follow-ups one list gives.
pub const MAX_FOLLOW_UPS: i64 = 200;

/// What `FollowUpStore::add_follow_up` did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AddFollowUp {
    Added(Box<FollowUp>),
    NoSuchTraveller,
}

/// What `FollowUpStore::change_follow_up` did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeFollowUp {
    Changed(Box<FollowUp>),
    NoSuchFollowUp,
    Refused(String),
}

#[async_trait]
pub trait FollowUpStore: Send + Sync {
    async fn add_follow_up(
        &self,
        follow_up: &NewFollowUp,
        guard: &WriteGuard,
    ) -> StoreResult<Written<AddFollowUp>>;
    async fn follow_up(&self, id: i64) -> StoreResult<Option<FollowUp>>;
    /// The owner's open follow-ups, the soonest due first (a snoozed one
    /// counts as due when its snooze ends), `MAX_FOLLOW_UPS` at most.
    async fn open_follow_ups(&self, owner: &FollowUpOwner) -> StoreResult<Vec<FollowUp>>;
    /// Applies `change` when `guard` expects the follow-up's version
    /// (`Stale` otherwise) and it is still open.
    async fn change_follow_up(
        &self,
        id: i64,
        change: &FollowUpChange,
        guard: &WriteGuard,
    ) -> StoreResult<Written<ChangeFollowUp>>;
}

#[async_trait]
impl<S> FollowUpStore for S
where
    S: Dialect + Send + Sync,
    S::Db: SqlDb,
    FollowUpRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    EventRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (i64,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    KeptOutcome: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    async fn add_follow_up(
        &self,
        follow_up: &NewFollowUp,
        guard: &WriteGuard,
    ) -> StoreResult<Written<AddFollowUp>> {
        replaying_a_raced_key(guard, || async {
            let traveller = follow_up.traveller_id;
            let mut tx =
                match begin_traveller_write(self, traveller, guard, AddFollowUp::NoSuchTraveller)
                    .await?
                {
                    TravellerWrite::Open(tx) => tx,
                    TravellerWrite::Answered(written) => return Ok(written),
                };
            let id = insert_follow_up(&mut tx, follow_up, Utc::now()).await?;
            let added = read_follow_up::<S>(&mut tx, id, false)
                .await?
                .ok_or_else(|| StoreError::Corrupt(format!("follow-up {id} vanished")))?;
            let written = Written {
                outcome: AddFollowUp::Added(Box::new(added)),
                version: Some(1),
                replayed: false,
            };
            finish_guarded(tx, guard, written).await
        })
        .await
    }

    async fn follow_up(&self, id: i64) -> StoreResult<Option<FollowUp>> {
        let mut tx = self.reader().begin().await?;
        let found = read_follow_up::<S>(&mut tx, id, false).await?;
        tx.commit().await?;
        Ok(found)
    }

    async fn open_follow_ups(&self, owner: &FollowUpOwner) -> StoreResult<Vec<FollowUp>> {
        let mut tx = self.reader().begin().await?;
        let sql = format!(
            "SELECT {FOLLOW_UP_COLUMNS} FROM follow_ups \
             WHERE owner_kind = $1 AND owner = $2 AND status = 'open' \
             ORDER BY CASE WHEN snoozed_until > due_at THEN snoozed_until ELSE due_at END, id \
             LIMIT $3"
        );
        let rows: Vec<FollowUpRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .arg(owner.kind())
            .arg(owner.name())
            .arg(MAX_FOLLOW_UPS)
            .fetch_all((*tx).exec())
            .await?;
        let mut found = Vec::with_capacity(rows.len());
        for row in rows {
            let events = follow_up_events(&mut tx, row.id()).await?;
            found.push(row.into_follow_up(events)?);
        }
        tx.commit().await?;
        Ok(found)
    }

    async fn change_follow_up(
        &self,
        id: i64,
        change: &FollowUpChange,
        guard: &WriteGuard,
    ) -> StoreResult<Written<ChangeFollowUp>> {
        replaying_a_raced_key(guard, || change_once(self, id, change, guard)).await
    }
}

async fn follow_up_events<DB: SqlDb>(
    tx: &mut Transaction<'_, DB>,
    id: i64,
) -> StoreResult<Vec<EventRow>>
where
    EventRow: for<'r> sqlx::FromRow<'r, DB::Row>,
{
    Ok(sqlx::query_as(
        "SELECT at, actor, kind, text FROM follow_up_events WHERE follow_up_id = $1 ORDER BY id",
    )
    .arg(id)
    .fetch_all((**tx).exec())
    .await?)
}

/// A follow-up with its history; locked when `lock`.
pub(crate) async fn read_follow_up<S>(
    tx: &mut Transaction<'_, S::Db>,
    id: i64,
    lock: bool,
) -> StoreResult<Option<FollowUp>>
where
    S: Dialect,
    S::Db: SqlDb,
    FollowUpRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    EventRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    let sql = format!(
        "SELECT {FOLLOW_UP_COLUMNS} FROM follow_ups WHERE id = $1{}",
        if lock { S::LOCK_ROW } else { "" }
    );
    let row: Option<FollowUpRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .arg(id)
        .fetch_optional((**tx).exec())
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let events = follow_up_events(tx, id).await?;
    row.into_follow_up(events).map(Some)
}

async fn add_event<DB: SqlDb>(
    tx: &mut Transaction<'_, DB>,
    id: i64,
    event: &FollowUpEvent,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO follow_up_events (follow_up_id, at, actor, kind, text) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .arg(id)
    .arg(event.at.timestamp())
    .arg(event.actor.as_str())
    .arg(event.kind.as_str())
    .arg(event.text.as_str())
    .execute((**tx).exec())
    .await?;
    Ok(())
}

/// Keeps a new follow-up and its `created` event; its id. The traveller
/// (and the request, when it names one) are the caller's to check.
pub(crate) async fn insert_follow_up<DB: SqlDb>(
    tx: &mut Transaction<'_, DB>,
    f: &NewFollowUp,
    now: DateTime<Utc>,
) -> StoreResult<i64>
where
    (i64,): for<'r> sqlx::FromRow<'r, DB::Row>,
{
    let at = whole_seconds(now);
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO follow_ups (traveller_id, call_id, text, due_at, owner_kind, owner, status, \
         created_by, created_at, vip_request_id, version) \
         VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8, $9, 1) RETURNING id",
    )
    .arg(f.traveller_id)
    .arg(f.call_id.as_deref())
    .arg(f.text.as_str())
    .arg(f.due_at.timestamp())
    .arg(f.owner.kind())
    .arg(f.owner.name())
    .arg(f.created_by.as_str())
    .arg(at.timestamp())
    .arg(f.vip_request_id)
    .fetch_one((**tx).exec())
    .await?;
    let event = FollowUpEvent {
        at,
        actor: f.created_by.clone(),
        kind: "created".into(),
        text: format!("for {} {}", f.owner.kind(), f.owner.name()),
    };
    add_event(tx, id, &event).await?;
    Ok(id)
}

async fn change_once<S>(
    store: &S,
    id: i64,
    change: &FollowUpChange,
    guard: &WriteGuard,
) -> StoreResult<Written<ChangeFollowUp>>
where
    S: Dialect + Sync,
    S::Db: SqlDb,
    FollowUpRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    EventRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    KeptOutcome: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    let mut tx = store.writer().begin_with(S::BEGIN_WRITE).await?;
    let before = read_follow_up::<S>(&mut tx, id, true).await?;
    if let Some(first) = replay_guarded(&mut tx, guard).await? {
        return Ok(first);
    }
    let Some(before) = before else {
        return finish_guarded(
            tx,
            guard,
            Written::unversioned(ChangeFollowUp::NoSuchFollowUp),
        )
        .await;
    };
    if let Some(expected) = guard.expected_version
        && expected != before.version
    {
        return Err(StoreError::Stale {
            current: before.version,
        });
    }
    if let Err(refused) = check_open(before.status) {
        // Refused: nothing written, the key not used up.
        return Ok(Written {
            outcome: ChangeFollowUp::Refused(refused),
            version: Some(before.version),
            replayed: false,
        });
    }
    let at = whole_seconds(Utc::now());
    let owner = change.owner.clone().unwrap_or_else(|| before.owner.clone());
    let status = if change.done {
        FollowUpStatus::Done
    } else {
        before.status
    };
    let snoozed = change.snoozed_until.or(before.snoozed_until);
    let version = before.version + 1;
    sqlx::query(
        "UPDATE follow_ups SET owner_kind = $2, owner = $3, status = $4, snoozed_until = $5, \
         version = $6 WHERE id = $1",
    )
    .arg(id)
    .arg(owner.kind())
    .arg(owner.name())
    .arg(status.as_str())
    .arg(snoozed.map(|s| s.timestamp()))
    .arg(version)
    .execute((*tx).exec())
    .await?;
    for event in change.events(&before, at) {
        add_event(&mut tx, id, &event).await?;
    }
    let after = read_follow_up::<S>(&mut tx, id, false)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("follow-up {id} vanished")))?;
    let written = Written {
        outcome: ChangeFollowUp::Changed(Box::new(after)),
        version: Some(version),
        replayed: false,
    };
    finish_guarded(tx, guard, written).await
}
