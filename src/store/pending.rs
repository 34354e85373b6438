//! What is still to do for a traveller, read on every pop for its
//! prompts: VIP requests awaiting confirmation (with their earliest
//! release time) and open follow-ups falling due. Two indexed queries,
//! each bounded.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{
    StoreResult,
    dialect::Dialect,
    rows::{enum_from_sql, time_from_sql},
    sql::{Arg, ExecConn, SqlDb},
};
use crate::domain::vip::pending::{DueFollowUp, PendingRequest, PendingWork};

/// Most of each kind read for one pop.
const MOST: i64 = 10;

#[derive(sqlx::FromRow)]
pub struct PendingRequestRow {
    id: i64,
    kind: String,
    release_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
pub struct DueFollowUpRow {
    id: i64,
    text: String,
    due_at: i64,
}

#[async_trait]
pub trait PendingStore: Send + Sync {
    /// The traveller's requests still `requested` and open follow-ups
    /// due before `due_by`, the soonest first.
    async fn pending_work(
        &self,
        traveller_id: i64,
        due_by: DateTime<Utc>,
    ) -> StoreResult<PendingWork>;
}

#[async_trait]
impl<S> PendingStore for S
where
    S: Dialect + Send + Sync,
    S::Db: SqlDb,
    PendingRequestRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    DueFollowUpRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    async fn pending_work(
        &self,
        traveller_id: i64,
        due_by: DateTime<Utc>,
    ) -> StoreResult<PendingWork> {
        let mut conn = self.reader().acquire().await?;
        let requests: Vec<PendingRequestRow> = sqlx::query_as(
            "SELECT r.id, r.kind, (SELECT MIN(f.release_at) FROM vip_request_flights f \
             WHERE f.request_id = r.id AND f.expired_at IS NULL) AS release_at \
             FROM vip_requests r WHERE r.traveller_id = $1 AND r.status = 'requested' \
             ORDER BY r.id LIMIT $2",
        )
        .arg(traveller_id)
        .arg(MOST)
        .fetch_all((*conn).exec())
        .await?;
        let follow_ups: Vec<DueFollowUpRow> = sqlx::query_as(
            "SELECT id, text, COALESCE(snoozed_until, due_at) AS due_at FROM follow_ups \
             WHERE traveller_id = $1 AND status = 'open' \
             AND COALESCE(snoozed_until, due_at) <= $2 ORDER BY due_at, id LIMIT $3",
        )
        .arg(traveller_id)
        .arg(due_by.timestamp())
        .arg(MOST)
        .fetch_all((*conn).exec())
        .await?;
        Ok(PendingWork {
            requests: requests
                .into_iter()
                .map(|r| {
                    Ok(PendingRequest {
                        id: r.id,
                        kind: enum_from_sql("kind", &r.kind)?,
                        release_at: r
                            .release_at
                            .map(|at| time_from_sql("release_at", at))
                            .transpose()?,
                    })
                })
                .collect::<StoreResult<_>>()?,
            follow_ups: follow_ups
                .into_iter()
                .map(|f| {
                    Ok(DueFollowUp {
                        id: f.id,
                        text: f.text,
                        due_at: time_from_sql("due_at", f.due_at)?,
                    })
                })
                .collect::<StoreResult<_>>()?,
        })
    }
}
