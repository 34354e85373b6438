//! Guarded writes, one mechanism for every write that needs it: the
//! outcome kept under the client's idempotency key in the same transaction
//! as the write, and the record's version checked and raised.

use sqlx::Transaction;

use super::{
    IDEMPOTENCY_RETENTION_HOURS, IdempotencyKey, StoreError, StoreResult, WriteGuard, Written,
    dialect::Dialect,
    history::lock_traveller,
    sql::{Arg, ExecConn, SqlDb},
};

/// An idempotency key's request, as a digest, and its outcome, as JSON.
#[derive(sqlx::FromRow)]
pub(crate) struct KeptOutcome {
    fingerprint: String,
    outcome: String,
}

/// The stored outcome of an earlier request with this key, or `KeyReused`
/// when that request asked for something else.
pub(crate) async fn replay<DB, T>(
    tx: &mut Transaction<'_, DB>,
    key: &IdempotencyKey,
) -> StoreResult<Option<Written<T>>>
where
    DB: SqlDb,
    T: serde::de::DeserializeOwned,
    KeptOutcome: for<'r> sqlx::FromRow<'r, DB::Row>,
{
    let stored: Option<KeptOutcome> = sqlx::query_as(
        "SELECT fingerprint, outcome FROM idempotency_keys WHERE user_name = $1 AND idempotency_key = $2",
    )
    .arg(key.user.as_str())
    .arg(key.key.as_str())
    .fetch_optional((**tx).exec())
    .await?;
    let Some(stored) = stored else {
        return Ok(None);
    };
    if stored.fingerprint != key.fingerprint {
        return Err(StoreError::KeyReused);
    }
    let mut first: Written<T> = serde_json::from_str(&stored.outcome)
        .map_err(|e| StoreError::Corrupt(format!("idempotency outcome: {e}")))?;
    first.replayed = true;
    Ok(Some(first))
}

/// The first outcome of a request whose key was seen before, when the
/// write carries a key: the retry replays it and writes nothing.
pub(crate) async fn replay_guarded<DB, T>(
    tx: &mut Transaction<'_, DB>,
    guard: &WriteGuard,
) -> StoreResult<Option<Written<T>>>
where
    DB: SqlDb,
    T: serde::de::DeserializeOwned,
    KeptOutcome: for<'r> sqlx::FromRow<'r, DB::Row>,
{
    match &guard.idempotency {
        Some(key) => replay(tx, key).await,
        None => Ok(None),
    }
}

/// Keeps the outcome under the request's key (if it has one), then commits
/// the write and the key together.
pub(crate) async fn finish_guarded<DB, T>(
    mut tx: Transaction<'_, DB>,
    guard: &WriteGuard,
    written: Written<T>,
) -> StoreResult<Written<T>>
where
    DB: SqlDb,
    T: serde::Serialize,
{
    if let Some(key) = &guard.idempotency {
        let now = chrono::Utc::now();
        let format = "%Y-%m-%dT%H:%M:%S%.6fZ";
        let cutoff = now - chrono::Duration::hours(IDEMPOTENCY_RETENTION_HOURS);
        sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
            .arg(cutoff.format(format).to_string())
            .execute((*tx).exec())
            .await?;
        let outcome = serde_json::to_string(&written)
            .map_err(|e| StoreError::Corrupt(format!("idempotency outcome: {e}")))?;
        sqlx::query(
            "INSERT INTO idempotency_keys (user_name, idempotency_key, fingerprint, outcome, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .arg(key.user.as_str())
        .arg(key.key.as_str())
        .arg(key.fingerprint.as_str())
        .arg(outcome)
        .arg(now.format(format).to_string())
        .execute((*tx).exec())
        .await?;
    }
    tx.commit().await?;
    Ok(written)
}

/// How a guarded write on one traveller's records begins.
pub(crate) enum TravellerWrite<'c, DB: sqlx::Database, T> {
    /// The traveller is locked for the rest of this transaction.
    Open(Transaction<'c, DB>),
    /// The answer is already known: a replay, or no such traveller (kept
    /// under the key like any other outcome).
    Answered(Written<T>),
}

/// Locks the traveller before the key is looked up, so that a retry racing
/// its first run waits for it and then replays it.
pub(crate) async fn begin_traveller_write<'s, S, T>(
    store: &'s S,
    traveller_id: i64,
    guard: &WriteGuard,
    no_such_traveller: T,
) -> StoreResult<TravellerWrite<'s, S::Db, T>>
where
    S: Dialect + Sync,
    S::Db: SqlDb,
    T: serde::Serialize + serde::de::DeserializeOwned,
    (i64,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    KeptOutcome: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    let mut tx = store.writer().begin_with(S::BEGIN_WRITE).await?;
    let exists = lock_traveller::<S>(&mut tx, traveller_id).await?;
    if let Some(first) = replay_guarded(&mut tx, guard).await? {
        return Ok(TravellerWrite::Answered(first));
    }
    if !exists {
        let written = Written::unversioned(no_such_traveller);
        return Ok(TravellerWrite::Answered(
            finish_guarded(tx, guard, written).await?,
        ));
    }
    Ok(TravellerWrite::Open(tx))
}

/// The traveller's version; `Stale` when the client expected another one.
pub(crate) async fn check_version<DB>(
    tx: &mut Transaction<'_, DB>,
    traveller_id: i64,
    expected: Option<i64>,
) -> StoreResult<i64>
where
    DB: SqlDb,
    (i64,): for<'r> sqlx::FromRow<'r, DB::Row>,
{
    let current: i64 = sqlx::query_scalar("SELECT version FROM travellers WHERE id = $1")
        .arg(traveller_id)
        .fetch_one((**tx).exec())
        .await?;
    match expected {
        Some(expected) if expected != current => Err(StoreError::Stale { current }),
        _ => Ok(current),
    }
}

/// Raises the traveller's version; the new one.
pub(crate) async fn bump_version<DB>(
    tx: &mut Transaction<'_, DB>,
    traveller_id: i64,
) -> StoreResult<i64>
where
    DB: SqlDb,
    (i64,): for<'r> sqlx::FromRow<'r, DB::Row>,
{
    let version: i64 = sqlx::query_scalar(
        "UPDATE travellers SET version = version + 1 WHERE id = $1 RETURNING version",
    )
    .arg(traveller_id)
    .fetch_one((**tx).exec())
    .await?;
    Ok(version)
}

/// Runs a guarded write, and once more when its idempotency key was raced
/// in by another request with the same key meanwhile: the second run finds
/// the key stored and replays the first outcome.
pub(crate) async fn replaying_a_raced_key<T, F, Fut>(
    guard: &super::WriteGuard,
    attempt: F,
) -> super::StoreResult<T>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = super::StoreResult<T>>,
{
    match attempt().await {
        Err(super::StoreError::Database(sqlx::Error::Database(e)))
            if guard.idempotency.is_some() && e.is_unique_violation() =>
        {
            attempt().await
        }
        other => other,
    }
}
