//! Calls and their events. The state of a call moves only inside the
//! transaction that read it, by the domain's rule, so that twenty retries
//! at once store one call and one event.

use async_trait::async_trait;
use chrono::{DateTime, TimeZone, Utc};

use super::{
    RecordedCallEvent, StoreError, StoreResult,
    dialect::Dialect,
    history::{NewEntry, lock_traveller, record_history},
    missed_calls::missed_call,
    sql::{Affected, Arg, ExecConn, SqlDb},
};
use crate::domain::{
    E164,
    call_state::{CallRecord, CallState, Step},
    casework::HistoryKind,
};

/// The rule a call event is applied under: what it does to the call as
/// stored (`None`: never rang).
pub type CallRule<'a> = dyn Fn(Option<&CallRecord>) -> Step + Send + Sync + 'a;

/// What applying one call event did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub step: Step,
    /// The call after the event (before it, when the step changed nothing).
    pub call: Option<CallRecord>,
    /// Where the call stood before the event (`None`: never rang).
    pub before: Option<CallState>,
}

#[async_trait]
pub trait CallStore: Send + Sync {
    /// In one transaction: reads the call (locked), asks `rule`, writes the
    /// call's new state and the event (kept once per call and kind, with
    /// the phone system's own time `pbx_at` when it gave one). A refusal
    /// writes nothing.
    async fn apply_call_event(
        &self,
        event: &RecordedCallEvent,
        pbx_at: Option<DateTime<Utc>>,
        rule: &CallRule<'_>,
    ) -> StoreResult<Applied>;
    async fn call(&self, call_id: &str) -> StoreResult<Option<CallRecord>>;
    /// Calls still ringing that rang at `since` or later, oldest first.
    async fn ringing_calls(&self, since: DateTime<Utc>, limit: i64)
    -> StoreResult<Vec<CallRecord>>;
}

/// A call as stored.
#[derive(sqlx::FromRow)]
pub(crate) struct CallRow {
    call_id: String,
    state: String,
    offered_to: Option<String>,
    answered_by: Option<String>,
    from_raw: String,
    caller_e164: Option<String>,
    to_raw: String,
    queue: Option<String>,
    rang_at: i64,
}

/// The columns of `CallRow`.
pub(crate) const CALL_COLUMNS: &str = "call_id, state, offered_to, answered_by, from_raw, \
     caller_e164, to_raw, queue, rang_at";

/// A call's stored state, or `Corrupt` naming the call.
pub(crate) fn stored_state(call_id: &str, state: &str) -> StoreResult<CallState> {
    CallState::from_column(state)
        .ok_or_else(|| StoreError::Corrupt(format!("call {call_id:?} is in state {state:?}")))
}

/// When a call rang, from its stored seconds, or `Corrupt` naming the call.
pub(crate) fn stored_rang_at(call_id: &str, rang_at: i64) -> StoreResult<DateTime<Utc>> {
    Utc.timestamp_opt(rang_at, 0)
        .single()
        .ok_or_else(|| StoreError::Corrupt(format!("call {call_id:?} rang at {rang_at}")))
}

impl CallRow {
    pub(crate) fn into_call(self) -> StoreResult<CallRecord> {
        let call_id = self.call_id;
        let state = stored_state(&call_id, &self.state)?;
        let rang_at = stored_rang_at(&call_id, self.rang_at)?;
        Ok(CallRecord {
            call_id,
            state,
            offered_to: self.offered_to,
            answered_by: self.answered_by,
            from_raw: self.from_raw,
            caller_e164: self.caller_e164.map(E164::from_stored),
            to_raw: self.to_raw,
            queue: self.queue,
            rang_at,
        })
    }
}

/// The call as it stands after `step` (for the answer; `apply_call_event`
/// writes the row).
pub(crate) fn after_step(
    before: Option<CallRecord>,
    step: &Step,
    event: &RecordedCallEvent,
) -> Option<CallRecord> {
    let answered_by = |call: &CallRecord, state: CallState| {
        if state == CallState::Answered && call.answered_by.is_none() {
            event.agent.clone()
        } else {
            call.answered_by.clone()
        }
    };
    match (before, step) {
        (_, Step::Create(state)) => Some(CallRecord {
            call_id: event.call_id.clone(),
            state: *state,
            offered_to: if *state == CallState::Ringing {
                event.agent.clone()
            } else {
                None
            },
            answered_by: (*state == CallState::Answered)
                .then(|| event.agent.clone())
                .flatten(),
            from_raw: event.from_raw.clone(),
            caller_e164: event.caller_e164.clone(),
            to_raw: event.to_raw.clone(),
            queue: event.queue.clone(),
            rang_at: event.at,
        }),
        // A queued call begins to ring: at the agent the event names,
        // from now.
        (Some(call), Step::Move(CallState::Ringing)) => Some(CallRecord {
            state: CallState::Ringing,
            offered_to: event.agent.clone(),
            rang_at: event.at,
            ..call
        }),
        (Some(call), Step::Move(state)) => Some(CallRecord {
            answered_by: answered_by(&call, *state),
            state: *state,
            ..call
        }),
        (before, _) => before,
    }
}

#[async_trait]
impl<S> CallStore for S
where
    S: Dialect + Send + Sync,
    S::Db: SqlDb,
    CallRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (i64,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    async fn apply_call_event(
        &self,
        event: &RecordedCallEvent,
        pbx_at: Option<DateTime<Utc>>,
        rule: &CallRule<'_>,
    ) -> StoreResult<Applied> {
        let select = format!(
            "SELECT {CALL_COLUMNS} FROM calls WHERE call_id = $1{}",
            S::LOCK_ROW
        );
        let mut tx = self.writer().begin_with(S::BEGIN_WRITE).await?;
        // Twice at most: a call created by another transaction
        // between our read and our insert is read again.
        let mut attempts = 0;
        let (step, call, before) = loop {
            attempts += 1;
            let row: Option<CallRow> = sqlx::query_as(sqlx::AssertSqlSafe(select.clone()))
                .arg(event.call_id.as_str())
                .fetch_optional((*tx).exec())
                .await?;
            let before = row.map(CallRow::into_call).transpose()?;
            let was = before.as_ref().map(|c| c.state);
            let step = rule(before.as_ref());
            let call = after_step(before, &step, event);
            match (&step, &call) {
                (Step::Refuse(_), _) => {
                    tx.rollback().await?;
                    return Ok(Applied {
                        step,
                        call,
                        before: was,
                    });
                }
                (Step::Create(_), Some(c)) => {
                    let inserted = sqlx::query(
                        "INSERT INTO calls (call_id, state, offered_to, answered_by, \
                         from_raw, caller_e164, to_raw, queue, rang_at, changed_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) \
                         ON CONFLICT (call_id) DO NOTHING",
                    )
                    .arg(c.call_id.as_str())
                    .arg(c.state.as_str())
                    .arg(c.offered_to.as_deref())
                    .arg(c.answered_by.as_deref())
                    .arg(c.from_raw.as_str())
                    .arg(c.caller_e164.as_deref())
                    .arg(c.to_raw.as_str())
                    .arg(c.queue.as_deref())
                    .arg(c.rang_at.timestamp())
                    .execute((*tx).exec())
                    .await?
                    .rows_affected();
                    if inserted == 0 && attempts < 2 {
                        continue;
                    }
                }
                (Step::Move(_), Some(c)) => {
                    sqlx::query(
                        "UPDATE calls SET state = $2, answered_by = $3, changed_at = $4, \
                         offered_to = $5, rang_at = $6 WHERE call_id = $1",
                    )
                    .arg(c.call_id.as_str())
                    .arg(c.state.as_str())
                    .arg(c.answered_by.as_deref())
                    .arg(event.at.timestamp())
                    .arg(c.offered_to.as_deref())
                    .arg(c.rang_at.timestamp())
                    .execute((*tx).exec())
                    .await?;
                }
                _ => {}
            }
            break (step, call, was);
        };
        // Rang and never taken: the one traveller of the number
        // sees it in their history as missed.
        if let Some(missed) = missed_call(before, &step, call.as_ref(), event) {
            let owners: Vec<i64> = sqlx::query_scalar(
                "SELECT traveller_id FROM traveller_phones WHERE e164 = $1 LIMIT 2",
            )
            .arg(missed.caller_e164.as_str())
            .fetch_all((*tx).exec())
            .await?;
            if let [traveller_id] = owners.as_slice()
                && lock_traveller::<S>(&mut tx, *traveller_id).await?
            {
                record_history(
                    &mut tx,
                    NewEntry {
                        traveller_id: *traveller_id,
                        kind: HistoryKind::Call,
                        at: missed.ended_at,
                        actor: missed.offered_to.as_deref().unwrap_or(""),
                        subject: missed.call_id.clone(),
                        summary: missed.summary().to_string(),
                        detail: missed.detail(),
                    },
                )
                .await?;
            }
        }
        sqlx::query(
            "INSERT INTO call_events (call_id, event, from_raw, caller_e164, to_raw, \
             queue, agent, at, pbx_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (call_id, event) DO NOTHING",
        )
        .arg(event.call_id.as_str())
        .arg(event.event.as_str())
        .arg(event.from_raw.as_str())
        .arg(event.caller_e164.as_deref())
        .arg(event.to_raw.as_str())
        .arg(event.queue.as_deref())
        .arg(event.agent.as_deref())
        .arg(event.at.timestamp())
        .arg(pbx_at.map(|t| t.timestamp()))
        .execute((*tx).exec())
        .await?;
        tx.commit().await?;
        Ok(Applied { step, call, before })
    }

    async fn call(&self, call_id: &str) -> StoreResult<Option<CallRecord>> {
        let mut conn = self.reader().acquire().await?;
        let sql = format!("SELECT {CALL_COLUMNS} FROM calls WHERE call_id = $1");
        let row: Option<CallRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .arg(call_id)
            .fetch_optional((*conn).exec())
            .await?;
        row.map(CallRow::into_call).transpose()
    }

    async fn ringing_calls(
        &self,
        since: DateTime<Utc>,
        limit: i64,
    ) -> StoreResult<Vec<CallRecord>> {
        let mut conn = self.reader().acquire().await?;
        let sql = format!(
            "SELECT {CALL_COLUMNS} FROM calls WHERE state = 'ringing' AND rang_at >= $1 \
             ORDER BY rang_at LIMIT $2"
        );
        let rows: Vec<CallRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .arg(since.timestamp())
            .arg(limit)
            .fetch_all((*conn).exec())
            .await?;
        rows.into_iter().map(CallRow::into_call).collect()
    }
}
