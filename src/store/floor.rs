//! The floor's changes as recorded, for a server that starts (or loses
//! its bus) to build its figures again. Each change is kept as the JSON
//! that travels on the bus: the store never needs to look inside it.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{
    StoreResult,
    dialect::Dialect,
    sql::{Affected, Arg, ExecConn, SqlDb},
};

#[async_trait]
pub trait FloorStore: Send + Sync {
    /// Keeps one change; an agent's state is also kept as their latest.
    async fn record_floor_change(
        &self,
        at: DateTime<Utc>,
        agent_state_of: Option<&str>,
        body: &str,
    ) -> StoreResult<()>;
    /// The changes at `since` or later, in the order recorded.
    async fn floor_changes_since(&self, since: DateTime<Utc>) -> StoreResult<Vec<String>>;
    /// Every agent's latest state change.
    async fn agent_states(&self) -> StoreResult<Vec<String>>;
    /// Forgets the changes from before `before`; returns how many.
    async fn forget_floor_changes(&self, before: DateTime<Utc>) -> StoreResult<u64>;
}

#[async_trait]
impl<S> FloorStore for S
where
    S: Dialect + Send + Sync,
    S::Db: SqlDb,
    (String,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    async fn record_floor_change(
        &self,
        at: DateTime<Utc>,
        agent_state_of: Option<&str>,
        body: &str,
    ) -> StoreResult<()> {
        let mut tx = self.writer().begin_with(S::BEGIN_WRITE).await?;
        sqlx::query("INSERT INTO floor_changes (at, body) VALUES ($1, $2)")
            .arg(at.timestamp_millis())
            .arg(body)
            .execute((*tx).exec())
            .await?;
        if let Some(agent) = agent_state_of {
            sqlx::query(
                "INSERT INTO agent_states (agent, at, body) VALUES ($1, $2, $3) \
                 ON CONFLICT (agent) DO UPDATE SET at = excluded.at, body = excluded.body \
                 WHERE excluded.at >= agent_states.at",
            )
            .arg(agent)
            .arg(at.timestamp_millis())
            .arg(body)
            .execute((*tx).exec())
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn floor_changes_since(&self, since: DateTime<Utc>) -> StoreResult<Vec<String>> {
        let mut conn = self.reader().acquire().await?;
        Ok(
            sqlx::query_scalar("SELECT body FROM floor_changes WHERE at >= $1 ORDER BY id")
                .arg(since.timestamp_millis())
                .fetch_all((*conn).exec())
                .await?,
        )
    }

    async fn forget_floor_changes(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        let mut tx = self.writer().begin_with(S::BEGIN_WRITE).await?;
        let gone = sqlx::query("DELETE FROM floor_changes WHERE at < $1")
            .arg(before.timestamp_millis())
            .execute((*tx).exec())
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(gone)
    }

    async fn agent_states(&self) -> StoreResult<Vec<String>> {
        let mut conn = self.reader().acquire().await?;
        Ok(
            sqlx::query_scalar("SELECT body FROM agent_states ORDER BY at")
                .fetch_all((*conn).exec())
                .await?,
        )
    }
}
