//! The floor's changes as recorded, for a server that starts (or loses
//! its bus) to build its figures again. Each change is kept as the JSON
//! that travels on the bus: the store never needs to look inside it.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{
    StoreError, StoreResult,
    calls::{stored_rang_at, stored_state},
    dialect::Dialect,
    sql::{Affected, Arg, ExecConn, SqlDb},
};
use crate::domain::{E164, call_state::CallState};

/// A call an agent answered, as their day lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnsweredCall {
    pub call_id: String,
    /// The queue the phone system named, if it did.
    pub queue: Option<String>,
    /// The number called, as the phone system gave it.
    pub to_raw: String,
    /// The caller's number, when the call came with one.
    pub caller: Option<E164>,
    pub rang_at: DateTime<Utc>,
    pub state: CallState,
    pub disposition: Option<String>,
}

/// An answered call as stored (`rang_at` in seconds since the epoch).
#[derive(sqlx::FromRow)]
pub(crate) struct AnsweredCallRow {
    call_id: String,
    queue: Option<String>,
    to_raw: String,
    caller_e164: Option<String>,
    rang_at: i64,
    state: String,
    disposition: Option<String>,
}

impl AnsweredCallRow {
    fn into_call(self) -> StoreResult<AnsweredCall> {
        let call_id = self.call_id;
        let state = stored_state(&call_id, &self.state)?;
        let rang_at = stored_rang_at(&call_id, self.rang_at)?;
        Ok(AnsweredCall {
            call_id,
            queue: self.queue,
            to_raw: self.to_raw,
            caller: self.caller_e164.map(E164::from_stored),
            rang_at,
            state,
            disposition: self.disposition,
        })
    }
}

/// How many of the latest changes naming an agent are read to find their
/// own state changes: a bound on one request's work, far above a day's.
const AGENT_CHANGES_READ: i64 = 5_000;

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
    /// The calls `agent` answered that rang at `since` or later, newest
    /// first, `limit` at most.
    async fn answered_calls(
        &self,
        agent: &str,
        since: DateTime<Utc>,
        limit: i64,
    ) -> StoreResult<Vec<AnsweredCall>>;
    /// The changes at `since` or later whose JSON may be `agent`'s own
    /// state changes (a superset: the caller reads each), newest first.
    async fn agent_state_changes_since(
        &self,
        agent: &str,
        since: DateTime<Utc>,
    ) -> StoreResult<Vec<String>>;
}

#[async_trait]
impl<S> FloorStore for S
where
    S: Dialect + Send + Sync,
    S::Db: SqlDb,
    (String,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    AnsweredCallRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
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

    async fn answered_calls(
        &self,
        agent: &str,
        since: DateTime<Utc>,
        limit: i64,
    ) -> StoreResult<Vec<AnsweredCall>> {
        let mut conn = self.reader().acquire().await?;
        let rows: Vec<AnsweredCallRow> = sqlx::query_as(
            "SELECT call_id, queue, to_raw, caller_e164, rang_at, state, disposition FROM calls \
             WHERE answered_by = $1 AND rang_at >= $2 \
             ORDER BY rang_at DESC, call_id DESC LIMIT $3",
        )
        .arg(agent)
        .arg(since.timestamp())
        .arg(limit)
        .fetch_all((*conn).exec())
        .await?;
        rows.into_iter().map(AnsweredCallRow::into_call).collect()
    }

    async fn agent_state_changes_since(
        &self,
        agent: &str,
        since: DateTime<Utc>,
    ) -> StoreResult<Vec<String>> {
        // The bodies are serde's JSON of a `FloorChange`: the tag comes
        // first, and the name is written as is unless JSON must escape it.
        let named = serde_json::to_string(agent)
            .map_err(|e| StoreError::Corrupt(format!("an agent's name: {e}")))?;
        let pattern = format!(
            "%\"change\":\"agent_state\",\"agent\":{}%",
            like_escaped(&named)
        );
        let mut conn = self.reader().acquire().await?;
        Ok(sqlx::query_scalar(
            "SELECT body FROM floor_changes WHERE at >= $1 AND body LIKE $2 ESCAPE '\\' \
             ORDER BY id DESC LIMIT $3",
        )
        .arg(since.timestamp_millis())
        .arg(pattern)
        .arg(AGENT_CHANGES_READ)
        .fetch_all((*conn).exec())
        .await?)
    }
}

/// `text` matched literally by `LIKE … ESCAPE '\'`.
fn like_escaped(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}
