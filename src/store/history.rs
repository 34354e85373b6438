//! The contact history: entries are written by each change, in its own
//! transaction (`record_history`), and read newest first a page at a time.

use async_trait::async_trait;

use super::{
    StoreError, StoreResult,
    dialect::Dialect,
    sql::{Arg, ExecConn, SqlDb, traveller_page},
};
use crate::domain::casework::{HistoryEntry, HistoryKind};

#[async_trait]
pub trait HistoryStore: Send + Sync {
    /// Up to `limit` entries of the traveller's timeline older than the
    /// entry `before` (all when `None`), newest first; `None` when there
    /// is no such traveller.
    async fn history(
        &self,
        traveller_id: i64,
        before: Option<i64>,
        limit: i64,
    ) -> StoreResult<Option<Vec<HistoryEntry>>>;
}

/// One entry to write.
pub(crate) struct NewEntry<'a> {
    pub traveller_id: i64,
    pub kind: HistoryKind,
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor: &'a str,
    pub subject: String,
    pub summary: String,
    pub detail: serde_json::Value,
}

/// An entry as stored.
#[derive(sqlx::FromRow)]
pub(crate) struct HistoryRow {
    id: i64,
    kind: String,
    at: i64,
    actor: String,
    subject: String,
    summary: String,
    detail: String,
}

/// The columns of `HistoryRow`.
pub(crate) const HISTORY_COLUMNS: &str = "id, kind, at, actor, subject, summary, detail";

impl HistoryRow {
    pub(crate) fn into_entry(self) -> StoreResult<HistoryEntry> {
        let id = self.id;
        let corrupt = |what: &str| StoreError::Corrupt(format!("history entry {id}: {what}"));
        Ok(HistoryEntry {
            id,
            kind: HistoryKind::from_column(&self.kind).ok_or_else(|| corrupt("kind"))?,
            at: chrono::DateTime::from_timestamp(self.at, 0).ok_or_else(|| corrupt("at"))?,
            actor: self.actor,
            subject: self.subject,
            summary: self.summary,
            detail: serde_json::from_str(&self.detail).map_err(|_| corrupt("detail"))?,
        })
    }
}

#[async_trait]
impl<S> HistoryStore for S
where
    S: Dialect + Send + Sync,
    S::Db: SqlDb,
    HistoryRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (i64,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    async fn history(
        &self,
        traveller_id: i64,
        before: Option<i64>,
        limit: i64,
    ) -> StoreResult<Option<Vec<HistoryEntry>>> {
        let rows = traveller_page::<_, HistoryRow>(
            self.reader(),
            HISTORY_COLUMNS,
            "contact_history",
            traveller_id,
            before,
            limit,
        )
        .await?;
        rows.map(|rows| rows.into_iter().map(HistoryRow::into_entry).collect())
            .transpose()
    }
}

/// Adds an entry to the traveller's timeline, in the transaction of the
/// change it records.
pub(crate) async fn record_history<DB: SqlDb>(
    tx: &mut sqlx::Transaction<'_, DB>,
    entry: NewEntry<'_>,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO contact_history (traveller_id, kind, at, actor, subject, summary, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .arg(entry.traveller_id)
    .arg(entry.kind.as_str())
    .arg(entry.at.timestamp())
    .arg(entry.actor)
    .arg(entry.subject)
    .arg(entry.summary)
    .arg(entry.detail.to_string())
    .execute((**tx).exec())
    .await?;
    Ok(())
}

/// Locks the traveller for the rest of the transaction (every writer of a
/// traveller's records takes this lock first); false when there is no such
/// traveller.
pub(crate) async fn lock_traveller<S>(
    tx: &mut sqlx::Transaction<'_, S::Db>,
    traveller_id: i64,
) -> StoreResult<bool>
where
    S: Dialect,
    S::Db: SqlDb,
    (i64,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    let sql = format!("SELECT id FROM travellers WHERE id = $1{}", S::LOCK_ROW);
    let row: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .arg(traveller_id)
        .fetch_optional((**tx).exec())
        .await?;
    Ok(row.is_some())
}

/// Whether the flight is one of the traveller's.
pub(crate) async fn travellers_flight<DB: SqlDb>(
    tx: &mut sqlx::Transaction<'_, DB>,
    traveller_id: i64,
    flight_id: i64,
) -> StoreResult<bool>
where
    (i64,): for<'r> sqlx::FromRow<'r, DB::Row>,
{
    let row: Option<i64> =
        sqlx::query_scalar("SELECT id FROM flights WHERE id = $1 AND traveller_id = $2")
            .arg(flight_id)
            .arg(traveller_id)
            .fetch_optional((**tx).exec())
            .await?;
    Ok(row.is_some())
}
