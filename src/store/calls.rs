//! Calls and their events. The state of a call moves only inside the
//! transaction that read it, by the domain's rule, so that twenty retries
//! at once store one call and one event.

use async_trait::async_trait;
use chrono::{DateTime, TimeZone, Utc};

use super::{RecordedCallEvent, StoreError, StoreResult};
use crate::domain::{
    E164,
    call_state::{CallRecord, CallState, Step},
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

pub(crate) type CallRow = (
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    String,
    Option<String>,
    i64,
);

pub(crate) const CALL_COLUMNS: &str = "call_id, state, offered_to, answered_by, from_raw, \
     caller_e164, to_raw, queue, rang_at";

pub(crate) fn call_from_row(row: CallRow) -> StoreResult<CallRecord> {
    let (call_id, state, offered_to, answered_by, from_raw, caller_e164, to_raw, queue, rang_at) =
        row;
    let state = CallState::from_column(&state)
        .ok_or_else(|| StoreError::Corrupt(format!("call {call_id:?} is in state {state:?}")))?;
    let rang_at = Utc
        .timestamp_opt(rang_at, 0)
        .single()
        .ok_or_else(|| StoreError::Corrupt(format!("call {call_id:?} rang at {rang_at}")))?;
    Ok(CallRecord {
        call_id,
        state,
        offered_to,
        answered_by,
        from_raw,
        caller_e164: caller_e164.map(E164::from_stored),
        to_raw,
        queue,
        rang_at,
    })
}

/// The call as it stands after `step` (for the answer; the row is written
/// by the backend).
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

/// Writes `impl CallStore` for a backend with `BEGIN_WRITE` and `LOCK_ROW`.
macro_rules! impl_call_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::CallStore for $store {
            async fn apply_call_event(
                &self,
                event: &$crate::store::RecordedCallEvent,
                pbx_at: Option<chrono::DateTime<chrono::Utc>>,
                rule: &$crate::store::CallRule<'_>,
            ) -> $crate::store::StoreResult<$crate::store::Applied> {
                use $crate::domain::call_state::Step;
                use $crate::store::calls::{CALL_COLUMNS, CallRow, after_step, call_from_row};
                let select = format!(
                    "SELECT {CALL_COLUMNS} FROM calls WHERE call_id = $1{}",
                    Self::LOCK_ROW
                );
                let mut tx = self.writer().begin_with(Self::BEGIN_WRITE).await?;
                // Twice at most: a call created by another transaction
                // between our read and our insert is read again.
                let mut attempts = 0;
                let (step, call, before) = loop {
                    attempts += 1;
                    let row: Option<CallRow> =
                        sqlx::query_as(sqlx::AssertSqlSafe(select.clone()))
                            .bind(&event.call_id)
                            .fetch_optional(&mut *tx)
                            .await?;
                    let before = row.map(call_from_row).transpose()?;
                    let was = before.as_ref().map(|c| c.state);
                    let step = rule(before.as_ref());
                    let call = after_step(before, &step, event);
                    match (&step, &call) {
                        (Step::Refuse(_), _) => {
                            tx.rollback().await?;
                            return Ok($crate::store::Applied {
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
                            .bind(&c.call_id)
                            .bind(c.state.as_str())
                            .bind(&c.offered_to)
                            .bind(&c.answered_by)
                            .bind(&c.from_raw)
                            .bind(c.caller_e164.as_deref())
                            .bind(&c.to_raw)
                            .bind(&c.queue)
                            .bind(c.rang_at.timestamp())
                            .execute(&mut *tx)
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
                            .bind(&c.call_id)
                            .bind(c.state.as_str())
                            .bind(&c.answered_by)
                            .bind(event.at.timestamp())
                            .bind(&c.offered_to)
                            .bind(c.rang_at.timestamp())
                            .execute(&mut *tx)
                            .await?;
                        }
                        _ => {}
                    }
                    break (step, call, was);
                };
                // Rang and never taken: the one traveller of the number
                // sees it in their history as missed.
                if let Some(missed) =
                    $crate::store::missed_calls::missed_call(before, &step, call.as_ref(), event)
                {
                    let owners: Vec<(i64,)> = sqlx::query_as(
                        "SELECT traveller_id FROM traveller_phones WHERE e164 = $1 LIMIT 2",
                    )
                    .bind(&missed.caller_e164)
                    .fetch_all(&mut *tx)
                    .await?;
                    if let [(traveller_id,)] = owners.as_slice()
                        && $crate::store::history::lock_traveller::<Self>(&mut tx, *traveller_id).await?
                    {
                        $crate::store::history::record_history(
                            &mut tx,
                            $crate::store::history::NewEntry {
                                traveller_id: *traveller_id,
                                kind: $crate::domain::casework::HistoryKind::Call,
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
                .bind(&event.call_id)
                .bind(event.event.as_str())
                .bind(&event.from_raw)
                .bind(event.caller_e164.as_deref())
                .bind(&event.to_raw)
                .bind(&event.queue)
                .bind(&event.agent)
                .bind(event.at.timestamp())
                .bind(pbx_at.map(|t| t.timestamp()))
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok($crate::store::Applied { step, call, before })
            }

            async fn call(
                &self,
                call_id: &str,
            ) -> $crate::store::StoreResult<Option<$crate::domain::call_state::CallRecord>> {
                use $crate::store::calls::{CALL_COLUMNS, CallRow, call_from_row};
                let sql = format!("SELECT {CALL_COLUMNS} FROM calls WHERE call_id = $1");
                let row: Option<CallRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                    .bind(call_id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(call_from_row).transpose()
            }

            async fn ringing_calls(
                &self,
                since: chrono::DateTime<chrono::Utc>,
                limit: i64,
            ) -> $crate::store::StoreResult<Vec<$crate::domain::call_state::CallRecord>> {
                use $crate::store::calls::{CALL_COLUMNS, CallRow, call_from_row};
                let sql = format!(
                    "SELECT {CALL_COLUMNS} FROM calls WHERE state = 'ringing' AND rang_at >= $1 \
                     ORDER BY rang_at LIMIT $2"
                );
                let rows: Vec<CallRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                    .bind(since.timestamp())
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map(call_from_row).collect()
            }
        }
    };
}

pub(crate) use impl_call_store;
