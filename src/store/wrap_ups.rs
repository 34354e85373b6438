//! After-call work on a call record: its disposition, summary and
//! traveller, written once, with the call's entry in the traveller's
//! contact history.

use async_trait::async_trait;

use super::{
    StoreError, StoreResult, WriteGuard, Written,
    dialect::Dialect,
    guards::{KeptOutcome, finish_guarded, replay_guarded, replaying_a_raced_key},
    history::{NewEntry, lock_traveller, record_history},
    sql::{Arg, ExecConn, SqlDb},
};
use crate::domain::{
    Role, User,
    call_state::CallState,
    casework::{Disposition, HistoryKind, history::first_line},
};

/// A wrap-up to record, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWrapUp {
    pub disposition: Disposition,
    pub summary: String,
    /// The traveller the call was with, when the agent says; otherwise the
    /// one traveller with the caller's number, if only one has it.
    pub traveller_id: Option<i64>,
    pub by: User,
}

/// The call as wrapped up.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WrappedUp {
    pub call_id: String,
    pub traveller_id: Option<i64>,
    pub queue: Option<String>,
    pub agent: Option<String>,
    pub rang_at: chrono::DateTime<chrono::Utc>,
    pub answered_at: Option<chrono::DateTime<chrono::Utc>>,
    pub ended_at: Option<chrono::DateTime<chrono::Utc>>,
    pub disposition: String,
    pub summary: String,
    pub wrapped_up_by: String,
    pub wrapped_up_at: chrono::DateTime<chrono::Utc>,
}

/// What `WrapUpStore::wrap_up` did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WrapUpOutcome {
    Done(WrappedUp),
    NoSuchCall,
    NoSuchTraveller,
    /// Not the user's call (not answered by them, and not a supervisor).
    NotYours,
    /// Not ended yet, or wrapped up already: the reason says which.
    Refused(String),
}

#[async_trait]
pub trait WrapUpStore: Send + Sync {
    async fn wrap_up(
        &self,
        call_id: &str,
        wrap_up: &NewWrapUp,
        guard: &WriteGuard,
    ) -> StoreResult<Written<WrapUpOutcome>>;
}

/// The call a wrap-up is for, as its row is read (and locked).
#[derive(sqlx::FromRow)]
struct CallToWrap {
    state: String,
    answered_by: Option<String>,
    offered_to: Option<String>,
    queue: Option<String>,
    caller_e164: Option<String>,
    rang_at: i64,
    disposition: Option<String>,
}

/// When the call was answered, or hung up.
#[derive(sqlx::FromRow)]
struct EventTime {
    event: String,
    at: i64,
}

#[async_trait]
impl<S> WrapUpStore for S
where
    S: Dialect + Send + Sync,
    S::Db: SqlDb,
    CallToWrap: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (i64,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    EventTime: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    KeptOutcome: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    async fn wrap_up(
        &self,
        call_id: &str,
        wrap_up: &NewWrapUp,
        guard: &WriteGuard,
    ) -> StoreResult<Written<WrapUpOutcome>> {
        replaying_a_raced_key(guard, || wrap_up_once(self, call_id, wrap_up, guard)).await
    }
}

async fn wrap_up_once<S>(
    store: &S,
    call_id: &str,
    w: &NewWrapUp,
    guard: &WriteGuard,
) -> StoreResult<Written<WrapUpOutcome>>
where
    S: Dialect + Sync,
    S::Db: SqlDb,
    CallToWrap: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (i64,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    EventTime: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    KeptOutcome: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    let mut tx = store.writer().begin_with(S::BEGIN_WRITE).await?;
    let sql = format!(
        "SELECT state, answered_by, offered_to, queue, caller_e164, rang_at, disposition \
         FROM calls WHERE call_id = $1{}",
        S::LOCK_ROW
    );
    let call: Option<CallToWrap> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .arg(call_id)
        .fetch_optional((*tx).exec())
        .await?;
    if let Some(first) = replay_guarded(&mut tx, guard).await? {
        return Ok(first);
    }
    let Some(CallToWrap {
        state,
        answered_by,
        offered_to,
        queue,
        caller_e164: caller,
        rang_at,
        disposition: done,
    }) = call
    else {
        return finish_guarded(tx, guard, Written::unversioned(WrapUpOutcome::NoSuchCall)).await;
    };
    let agent = answered_by.clone().or(offered_to);
    let theirs = agent.as_deref() == Some(w.by.name.as_str()) || w.by.has(Role::Supervisor);
    if !theirs {
        return Ok(Written::unversioned(WrapUpOutcome::NotYours));
    }
    if done.is_some() {
        return Ok(Written::unversioned(WrapUpOutcome::Refused(
            "the call is wrapped up already".into(),
        )));
    }
    if CallState::from_column(&state) != Some(CallState::Ended) {
        return Ok(Written::unversioned(WrapUpOutcome::Refused(format!(
            "the call is {state}: wrap-up follows the hang-up"
        ))));
    }
    let traveller_id = match w.traveller_id {
        Some(id) => {
            if !lock_traveller::<S>(&mut tx, id).await? {
                return Ok(Written::unversioned(WrapUpOutcome::NoSuchTraveller));
            }
            Some(id)
        }
        None => match caller {
            Some(e164) => {
                let owners: Vec<i64> = sqlx::query_scalar(
                    "SELECT traveller_id FROM traveller_phones WHERE e164 = $1 LIMIT 2",
                )
                .arg(e164)
                .fetch_all((*tx).exec())
                .await?;
                match owners.as_slice() {
                    [owner] => Some(*owner),
                    _ => None,
                }
            }
            None => None,
        },
    };
    let times: Vec<EventTime> = sqlx::query_as(
        "SELECT event, at FROM call_events WHERE call_id = $1 AND event IN ('answered', 'hangup')",
    )
    .arg(call_id)
    .fetch_all((*tx).exec())
    .await?;
    let at_of = |kind: &str| {
        times
            .iter()
            .find(|t| t.event == kind)
            .and_then(|t| chrono::DateTime::from_timestamp(t.at, 0))
    };
    let now = chrono::Utc::now();
    let wrapped_up_at = chrono::DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now);
    sqlx::query(
        "UPDATE calls SET traveller_id = $2, disposition = $3, wrap_up_summary = $4, \
         wrapped_up_by = $5, wrapped_up_at = $6 WHERE call_id = $1",
    )
    .arg(call_id)
    .arg(traveller_id)
    .arg(w.disposition.code.as_str())
    .arg(w.summary.as_str())
    .arg(w.by.name.as_str())
    .arg(wrapped_up_at.timestamp())
    .execute((*tx).exec())
    .await?;
    let done = WrappedUp {
        call_id: call_id.to_string(),
        traveller_id,
        queue,
        agent,
        rang_at: chrono::DateTime::from_timestamp(rang_at, 0).unwrap_or(wrapped_up_at),
        answered_at: at_of("answered"),
        ended_at: at_of("hangup"),
        disposition: w.disposition.code.clone(),
        summary: w.summary.clone(),
        wrapped_up_by: w.by.name.clone(),
        wrapped_up_at,
    };
    if let Some(traveller_id) = traveller_id {
        let mut summary = w.disposition.label.clone();
        if !w.summary.is_empty() {
            summary = format!("{summary}: {}", first_line(&w.summary, 100));
        }
        record_history(
            &mut tx,
            NewEntry {
                traveller_id,
                kind: HistoryKind::Call,
                at: done.ended_at.unwrap_or(wrapped_up_at),
                actor: &w.by.name,
                subject: call_id.to_string(),
                summary,
                detail: serde_json::to_value(&done)
                    .map_err(|e| StoreError::Corrupt(format!("wrap-up: {e}")))?,
            },
        )
        .await?;
    }
    let written = Written::unversioned(WrapUpOutcome::Done(done));
    finish_guarded(tx, guard, written).await
}
