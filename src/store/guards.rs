//! Guarded writes, one mechanism for every write that needs it: the
//! outcome kept under the client's idempotency key in the same transaction
//! as the write, and the record's version checked and raised.

/// Writes the guarded-write helpers for a backend.
macro_rules! impl_write_guards {
    ($store:ty, $db:ty) => {
        impl $store {
            /// Whether the traveller a read or write names is there, read
            /// in the transaction that goes on to use it.
            async fn traveller_exists(
                tx: &mut sqlx::Transaction<'static, $db>,
                traveller_id: i64,
            ) -> $crate::store::StoreResult<bool> {
                $crate::store::sql::traveller_exists(tx, traveller_id).await
            }

            /// The stored outcome of an earlier request with this key, or
            /// `KeyReused` when that request asked for something else.
            async fn replay<T: serde::de::DeserializeOwned>(
                tx: &mut sqlx::Transaction<'static, $db>,
                key: &$crate::store::IdempotencyKey,
            ) -> $crate::store::StoreResult<Option<$crate::store::Written<T>>> {
                let stored: Option<(String, String)> = sqlx::query_as(
                    "SELECT fingerprint, outcome FROM idempotency_keys WHERE user_name = $1 AND idempotency_key = $2",
                )
                .bind(&key.user)
                .bind(&key.key)
                .fetch_optional(&mut **tx)
                .await?;
                let Some((fingerprint, outcome)) = stored else {
                    return Ok(None);
                };
                if fingerprint != key.fingerprint {
                    return Err($crate::store::StoreError::KeyReused);
                }
                let mut first: $crate::store::Written<T> = serde_json::from_str(&outcome)
                    .map_err(|e| $crate::store::StoreError::Corrupt(format!("idempotency outcome: {e}")))?;
                first.replayed = true;
                Ok(Some(first))
            }
            /// Keeps the outcome under the request's key (if it has one),
            /// then commits the write and the key together.
            async fn finish_guarded<T: serde::Serialize>(
                mut tx: sqlx::Transaction<'static, $db>,
                guard: &$crate::store::WriteGuard,
                written: $crate::store::Written<T>,
            ) -> $crate::store::StoreResult<$crate::store::Written<T>> {
                if let Some(key) = &guard.idempotency {
                    let now = chrono::Utc::now();
                    let format = "%Y-%m-%dT%H:%M:%S%.6fZ";
                    let cutoff = now - chrono::Duration::hours($crate::store::IDEMPOTENCY_RETENTION_HOURS);
                    sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
                        .bind(cutoff.format(format).to_string())
                        .execute(&mut *tx)
                        .await?;
                    let outcome = serde_json::to_string(&written)
                        .map_err(|e| $crate::store::StoreError::Corrupt(format!("idempotency outcome: {e}")))?;
                    sqlx::query(
                        "INSERT INTO idempotency_keys (user_name, idempotency_key, fingerprint, outcome, created_at) \
                         VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(&key.user)
                    .bind(&key.key)
                    .bind(&key.fingerprint)
                    .bind(outcome)
                    .bind(now.format(format).to_string())
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(written)
            }
            /// The traveller's version; `Stale` when the client expected
            /// another one.
            async fn check_version(
                tx: &mut sqlx::Transaction<'static, $db>,
                traveller_id: i64,
                expected: Option<i64>,
            ) -> $crate::store::StoreResult<i64> {
                let (current,): (i64,) = sqlx::query_as("SELECT version FROM travellers WHERE id = $1")
                    .bind(traveller_id)
                    .fetch_one(&mut **tx)
                    .await?;
                match expected {
                    Some(expected) if expected != current => Err($crate::store::StoreError::Stale { current }),
                    _ => Ok(current),
                }
            }
            async fn bump_version(
                tx: &mut sqlx::Transaction<'static, $db>,
                traveller_id: i64,
            ) -> $crate::store::StoreResult<i64> {
                let (version,): (i64,) =
                    sqlx::query_as("UPDATE travellers SET version = version + 1 WHERE id = $1 RETURNING version")
                        .bind(traveller_id)
                        .fetch_one(&mut **tx)
                        .await?;
                Ok(version)
            }
        }
    };
}

pub(crate) use impl_write_guards;

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
