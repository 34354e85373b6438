//! The contact history: entries are written by each change, in its own
//! transaction (`record_history`), and read newest first a page at a time.

use async_trait::async_trait;

use super::{StoreError, StoreResult};
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

pub(crate) type HistoryRow = (i64, String, i64, String, String, String, String);

pub(crate) const HISTORY_COLUMNS: &str = "id, kind, at, actor, subject, summary, detail";

pub(crate) fn entry_from_row(row: HistoryRow) -> StoreResult<HistoryEntry> {
    let (id, kind, at, actor, subject, summary, detail) = row;
    let corrupt = |what: &str| StoreError::Corrupt(format!("history entry {id}: {what}"));
    Ok(HistoryEntry {
        id,
        kind: HistoryKind::from_column(&kind).ok_or_else(|| corrupt("kind"))?,
        at: chrono::DateTime::from_timestamp(at, 0).ok_or_else(|| corrupt("at"))?,
        actor,
        subject,
        summary,
        detail: serde_json::from_str(&detail).map_err(|_| corrupt("detail"))?,
    })
}

/// Writes `impl HistoryStore` and `record_history` for a backend.
macro_rules! impl_history_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::HistoryStore for $store {
            async fn history(
                &self,
                traveller_id: i64,
                before: Option<i64>,
                limit: i64,
            ) -> $crate::store::StoreResult<Option<Vec<$crate::domain::casework::HistoryEntry>>> {
                use $crate::store::history::{HISTORY_COLUMNS, HistoryRow, entry_from_row};
                let mut tx = self.pool.begin().await?;
                if !Self::traveller_exists(&mut tx, traveller_id).await? {
                    return Ok(None);
                }
                let sql = format!(
                    "SELECT {HISTORY_COLUMNS} FROM contact_history \
                     WHERE traveller_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3"
                );
                let rows: Vec<HistoryRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                    .bind(traveller_id)
                    .bind(before.unwrap_or(i64::MAX))
                    .bind(limit)
                    .fetch_all(&mut *tx)
                    .await?;
                tx.commit().await?;
                rows.into_iter().map(entry_from_row).collect::<Result<Vec<_>, _>>().map(Some)
            }
        }

        impl $store {
            /// Adds an entry to the traveller's timeline, in the transaction
            /// of the change it records.
            async fn record_history(
                tx: &mut sqlx::Transaction<'static, $db>,
                entry: $crate::store::history::NewEntry<'_>,
            ) -> $crate::store::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO contact_history (traveller_id, kind, at, actor, subject, summary, detail) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(entry.traveller_id)
                .bind(entry.kind.as_str())
                .bind(entry.at.timestamp())
                .bind(entry.actor)
                .bind(entry.subject)
                .bind(entry.summary)
                .bind(entry.detail.to_string())
                .execute(&mut **tx)
                .await?;
                Ok(())
            }

            /// Locks the traveller for the rest of the transaction (every
            /// writer of a traveller's records takes this lock first);
            /// false when there is no such traveller.
            async fn lock_traveller(
                tx: &mut sqlx::Transaction<'static, $db>,
                traveller_id: i64,
            ) -> $crate::store::StoreResult<bool> {
                let sql = format!("SELECT id FROM travellers WHERE id = $1{}", Self::LOCK_ROW);
                let row: Option<(i64,)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                    .bind(traveller_id)
                    .fetch_optional(&mut **tx)
                    .await?;
                Ok(row.is_some())
            }

            /// Whether the flight is one of the traveller's.
            async fn travellers_flight(
                tx: &mut sqlx::Transaction<'static, $db>,
                traveller_id: i64,
                flight_id: i64,
            ) -> $crate::store::StoreResult<bool> {
                let row: Option<(i64,)> =
                    sqlx::query_as("SELECT id FROM flights WHERE id = $1 AND traveller_id = $2")
                        .bind(flight_id)
                        .bind(traveller_id)
                        .fetch_optional(&mut **tx)
                        .await?;
                Ok(row.is_some())
            }
        }
    };
}

pub(crate) use impl_history_store;
