//! Seat and service preferences: read with their version, saved whole
//! under If-Match, each save kept in the contact history.

use async_trait::async_trait;

use super::{
    StoreError, StoreResult, WriteGuard, Written,
    dialect::Dialect,
    guards::{
        KeptOutcome, TravellerWrite, begin_traveller_write, finish_guarded, replaying_a_raced_key,
    },
    history::{NewEntry, record_history},
    sql::{Arg, ExecConn, SqlDb, traveller_exists},
};
use crate::domain::casework::{HistoryKind, Preferences, StoredPreferences};

/// What `PreferenceStore::save_preferences` did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SavePreferences {
    Saved(StoredPreferences),
    NoSuchTraveller,
}

#[async_trait]
pub trait PreferenceStore: Send + Sync {
    /// The traveller's preferences (the defaults at version 0 when never
    /// saved); `None` when there is no such traveller.
    async fn preferences(&self, traveller_id: i64) -> StoreResult<Option<StoredPreferences>>;
    /// Replaces the traveller's preferences when `guard` expects their
    /// current version (`Stale` otherwise), raising it by one.
    async fn save_preferences(
        &self,
        traveller_id: i64,
        preferences: &Preferences,
        author: &str,
        guard: &WriteGuard,
    ) -> StoreResult<Written<SavePreferences>>;
}

/// A traveller's saved preferences as stored.
#[derive(sqlx::FromRow)]
pub(crate) struct PreferencesRow {
    version: i64,
    body: String,
    updated_by: String,
    updated_at: i64,
}

/// The traveller's preferences from their row; the defaults at version 0
/// when they never saved any.
pub(crate) fn stored_from_row(
    traveller_id: i64,
    row: Option<PreferencesRow>,
) -> StoreResult<StoredPreferences> {
    let Some(row) = row else {
        return Ok(StoredPreferences {
            traveller_id,
            version: 0,
            preferences: Preferences::default(),
            updated_by: None,
            updated_at: None,
        });
    };
    let corrupt = |what: &str| {
        StoreError::Corrupt(format!("preferences of traveller {traveller_id}: {what}"))
    };
    Ok(StoredPreferences {
        traveller_id,
        version: row.version,
        preferences: serde_json::from_str(&row.body).map_err(|_| corrupt("body"))?,
        updated_by: Some(row.updated_by),
        updated_at: Some(
            chrono::DateTime::from_timestamp(row.updated_at, 0)
                .ok_or_else(|| corrupt("updated_at"))?,
        ),
    })
}

#[async_trait]
impl<S> PreferenceStore for S
where
    S: Dialect + Send + Sync,
    S::Db: SqlDb,
    PreferencesRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (i64,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    KeptOutcome: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    async fn preferences(&self, traveller_id: i64) -> StoreResult<Option<StoredPreferences>> {
        let mut tx = self.reader().begin().await?;
        if !traveller_exists(&mut tx, traveller_id).await? {
            return Ok(None);
        }
        let row: Option<PreferencesRow> = sqlx::query_as(
            "SELECT version, body, updated_by, updated_at FROM traveller_preferences \
             WHERE traveller_id = $1",
        )
        .arg(traveller_id)
        .fetch_optional((*tx).exec())
        .await?;
        tx.commit().await?;
        stored_from_row(traveller_id, row).map(Some)
    }

    async fn save_preferences(
        &self,
        traveller_id: i64,
        preferences: &Preferences,
        author: &str,
        guard: &WriteGuard,
    ) -> StoreResult<Written<SavePreferences>> {
        replaying_a_raced_key(guard, || {
            save_preferences_once(self, traveller_id, preferences, author, guard)
        })
        .await
    }
}

async fn save_preferences_once<S>(
    store: &S,
    traveller_id: i64,
    preferences: &Preferences,
    author: &str,
    guard: &WriteGuard,
) -> StoreResult<Written<SavePreferences>>
where
    S: Dialect + Sync,
    S::Db: SqlDb,
    (i64,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    KeptOutcome: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    let mut tx =
        match begin_traveller_write(store, traveller_id, guard, SavePreferences::NoSuchTraveller)
            .await?
        {
            TravellerWrite::Open(tx) => tx,
            TravellerWrite::Answered(written) => return Ok(written),
        };
    let current: Option<i64> =
        sqlx::query_scalar("SELECT version FROM traveller_preferences WHERE traveller_id = $1")
            .arg(traveller_id)
            .fetch_optional((*tx).exec())
            .await?;
    let current = current.unwrap_or(0);
    if let Some(expected) = guard.expected_version
        && expected != current
    {
        return Err(StoreError::Stale { current });
    }
    let version = current + 1;
    let now = chrono::Utc::now();
    let body = serde_json::to_string(preferences)
        .map_err(|e| StoreError::Corrupt(format!("preferences: {e}")))?;
    sqlx::query(
        "INSERT INTO traveller_preferences (traveller_id, version, body, updated_by, updated_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (traveller_id) DO UPDATE SET \
         version = excluded.version, body = excluded.body, \
         updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .arg(traveller_id)
    .arg(version)
    .arg(body.as_str())
    .arg(author)
    .arg(now.timestamp())
    .execute((*tx).exec())
    .await?;
    let at = chrono::DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now);
    record_history(
        &mut tx,
        NewEntry {
            traveller_id,
            kind: HistoryKind::Preferences,
            at,
            actor: author,
            subject: version.to_string(),
            summary: preferences.summary(),
            detail: serde_json::to_value(preferences)
                .map_err(|e| StoreError::Corrupt(format!("preferences: {e}")))?,
        },
    )
    .await?;
    let stored = StoredPreferences {
        traveller_id,
        version,
        preferences: preferences.clone(),
        updated_by: Some(author.to_string()),
        updated_at: Some(at),
    };
    let written = Written {
        outcome: SavePreferences::Saved(stored),
        version: Some(version),
        replayed: false,
    };
    finish_guarded(tx, guard, written).await
}
