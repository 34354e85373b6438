//! The numbers travellers call from: agents add them (guarded, so that a
//! retry never adds twice), operators re-check them page by page.

use async_trait::async_trait;

use super::{AddPhone, NewPhone, StoreResult, StoredPhone, WriteGuard, Written};

#[async_trait]
pub trait PhoneStore: Send + Sync {
    /// Adds an E.164 number to a traveller (an agent's addition, not the
    /// loyalty system's), keeping the search indexes in step so that a
    /// phone-fragment search finds it at once. At most `MAX_PHONES`
    /// numbers; a number the traveller already has changes nothing.
    /// Guarded: a repeated idempotency key replays the first outcome (or
    /// fails with `KeyReused` for another request); an expected version
    /// that is not the traveller's fails with `Stale`.
    async fn add_phone(
        &self,
        traveller_id: i64,
        phone: &NewPhone,
        guard: &WriteGuard,
    ) -> StoreResult<Written<AddPhone>>;
    /// Up to `limit` stored numbers after `after` (E.164, traveller id), in
    /// that order: every number, a page at a time, for `phones recheck`.
    async fn phones_after(
        &self,
        after: Option<(&str, i64)>,
        limit: i64,
    ) -> StoreResult<Vec<StoredPhone>>;
    /// Some stored numbers, for the simulator to ring with.
    async fn sample_phones(&self, limit: i64) -> StoreResult<Vec<String>>;
}

/// Writes the `PhoneStore` impl for a backend from the SQL both share and the
/// backend's `Dialect`.
macro_rules! impl_phone_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::PhoneStore for $store {
            async fn add_phone(
                &self,
                traveller_id: i64,
                phone: &$crate::store::NewPhone,
                guard: &$crate::store::WriteGuard,
            ) -> $crate::store::StoreResult<$crate::store::Written<$crate::store::AddPhone>> {
                // Two requests with one key at once: the second waits on the
                // traveller's lock (PostgreSQL), then finds the key stored; if
                // it raced past that, its key insert fails and one more try
                // replays the first outcome.
                $crate::store::guards::replaying_a_raced_key(guard, || {
                    self.add_phone_once(traveller_id, phone, guard)
                })
                .await
            }
            async fn phones_after(
                &self,
                after: Option<(&str, i64)>,
                limit: i64,
            ) -> $crate::store::StoreResult<Vec<$crate::store::StoredPhone>> {
                // Keyset paging on the primary key: every page is an index range.
                let (e164, id) = after.unwrap_or(("", i64::MIN));
                Ok(sqlx::query_as(
                    "SELECT e164, traveller_id, dialled FROM traveller_phones \
                     WHERE (e164 > $1) OR (e164 = $1 AND traveller_id > $2) \
                     ORDER BY e164, traveller_id LIMIT $3",
                )
                .bind(e164)
                .bind(id)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?)
            }
            async fn sample_phones(&self, limit: i64) -> $crate::store::StoreResult<Vec<String>> {
                let rows: Vec<(String,)> = sqlx::query_as(
                    "SELECT e164 FROM traveller_phones WHERE traveller_id IN \
                     (SELECT id FROM travellers ORDER BY id LIMIT $1)",
                )
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(|(n,)| n).collect())
            }
        }

        impl $store {
            async fn add_phone_once(
                &self,
                traveller_id: i64,
                phone: &$crate::store::NewPhone,
                guard: &$crate::store::WriteGuard,
            ) -> $crate::store::StoreResult<$crate::store::Written<$crate::store::AddPhone>> {
                let e164 = phone.e164.as_str();
                use $crate::store::{AddPhone, MAX_PHONES, Written, rows};
                // One writer per traveller at a time, so that two agents
                // cannot both add an eleventh number: SQLite takes its write
                // lock at BEGIN, PostgreSQL locks the traveller's row.
                let mut tx = self.writer().begin_with(Self::BEGIN_WRITE).await?;
                let sql = format!(
                    "SELECT {} FROM travellers WHERE id = $1{}",
                    $crate::store::search_entry::UNINDEXED_COLUMNS,
                    Self::LOCK_ROW
                );
                let row: Option<$crate::store::search_entry::UnindexedRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                    .bind(traveller_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                if let Some(key) = &guard.idempotency
                    && let Some(first) = $crate::store::guards::replay(&mut tx, key).await?
                {
                    return Ok(first);
                }
                let Some(row) = row else {
                    let written = Written { outcome: AddPhone::NoSuchTraveller, version: None, replayed: false };
                    return $crate::store::guards::finish_guarded(tx, guard, written).await;
                };
                let version = $crate::store::guards::check_version(&mut tx, traveller_id, guard.expected_version).await?;
                let phones: Vec<rows::PhoneRow> = sqlx::query_as(sqlx::AssertSqlSafe(rows::phones_sql(1)))
                    .bind(traveller_id)
                    .fetch_all(&mut *tx)
                    .await?;
                let mut numbers: Vec<String> = phones.into_iter().map(|p| p.into_parts().1).collect();
                let unchanged = |outcome| Written { outcome, version: Some(version), replayed: false };
                if numbers.iter().any(|n| n == e164) {
                    return $crate::store::guards::finish_guarded(tx, guard, unchanged(AddPhone::AlreadyThere)).await;
                }
                if numbers.len() >= MAX_PHONES {
                    return $crate::store::guards::finish_guarded(tx, guard, unchanged(AddPhone::TooMany)).await;
                }
                let inserted = sqlx::query(
                    "INSERT INTO traveller_phones (e164, traveller_id, label, dialled) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (e164, traveller_id) DO NOTHING",
                )
                .bind(e164)
                .bind(traveller_id)
                .bind(&phone.label)
                .bind(&phone.dialled)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if inserted == 0 {
                    return $crate::store::guards::finish_guarded(tx, guard, unchanged(AddPhone::AlreadyThere)).await;
                }
                // Re-index the traveller as `upsert_travellers` does, with
                // the new number among their phone digits.
                numbers.push(e164.to_string());
                let entry = row.entry(numbers.iter().map(String::as_str))?;
                $crate::store::search_index::index_for_search::<Self>(&mut tx, std::slice::from_ref(&entry), true).await?;
                let version = $crate::store::guards::bump_version(&mut tx, traveller_id).await?;
                let written = Written { outcome: AddPhone::Added, version: Some(version), replayed: false };
                $crate::store::guards::finish_guarded(tx, guard, written).await
            }
        }
    };
}

pub(crate) use impl_phone_store;
