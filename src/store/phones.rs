//! The numbers travellers call from: agents add them (guarded, so that a
//! retry never adds twice), operators re-check them page by page.

use async_trait::async_trait;

use super::{
    AddPhone, MAX_PHONES, NewPhone, StoreResult, StoredPhone, WriteGuard, Written,
    dialect::Dialect,
    guards::{
        KeptOutcome, bump_version, check_version, finish_guarded, replay_guarded,
        replaying_a_raced_key,
    },
    rows::{self, PhoneRow},
    search_entry::{UNINDEXED_COLUMNS, UnindexedRow},
    search_index::index_for_search,
    sql::{Arg, ExecConn, SqlDb},
    travellers::insert_phones,
};

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

#[async_trait]
impl<S> PhoneStore for S
where
    S: Dialect + Send + Sync,
    S::Db: SqlDb,
    UnindexedRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    PhoneRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    StoredPhone: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (i64,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (String,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    KeptOutcome: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    async fn add_phone(
        &self,
        traveller_id: i64,
        phone: &NewPhone,
        guard: &WriteGuard,
    ) -> StoreResult<Written<AddPhone>> {
        // Two requests with one key at once: the second waits on the
        // traveller's lock (PostgreSQL), then finds the key stored; if it
        // raced past that, its key insert fails and one more try replays
        // the first outcome.
        replaying_a_raced_key(guard, || add_phone_once(self, traveller_id, phone, guard)).await
    }

    async fn phones_after(
        &self,
        after: Option<(&str, i64)>,
        limit: i64,
    ) -> StoreResult<Vec<StoredPhone>> {
        // Keyset paging on the primary key: every page is an index range.
        let (e164, id) = after.unwrap_or(("", i64::MIN));
        let mut conn = self.reader().acquire().await?;
        Ok(sqlx::query_as(
            "SELECT e164, traveller_id, dialled FROM traveller_phones \
             WHERE (e164 > $1) OR (e164 = $1 AND traveller_id > $2) \
             ORDER BY e164, traveller_id LIMIT $3",
        )
        .arg(e164)
        .arg(id)
        .arg(limit)
        .fetch_all((*conn).exec())
        .await?)
    }

    async fn sample_phones(&self, limit: i64) -> StoreResult<Vec<String>> {
        let mut conn = self.reader().acquire().await?;
        Ok(sqlx::query_scalar(
            "SELECT e164 FROM traveller_phones WHERE traveller_id IN \
             (SELECT id FROM travellers ORDER BY id LIMIT $1)",
        )
        .arg(limit)
        .fetch_all((*conn).exec())
        .await?)
    }
}

async fn add_phone_once<S>(
    store: &S,
    traveller_id: i64,
    phone: &NewPhone,
    guard: &WriteGuard,
) -> StoreResult<Written<AddPhone>>
where
    S: Dialect + Sync,
    S::Db: SqlDb,
    UnindexedRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    PhoneRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (i64,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    KeptOutcome: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    let e164 = phone.e164.as_str();
    // One writer per traveller at a time, so that two agents cannot both
    // add an eleventh number: SQLite takes its write lock at BEGIN,
    // PostgreSQL locks the traveller's row.
    let mut tx = store.writer().begin_with(S::BEGIN_WRITE).await?;
    let sql = format!(
        "SELECT {UNINDEXED_COLUMNS} FROM travellers WHERE id = $1{}",
        S::LOCK_ROW
    );
    let row: Option<UnindexedRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .arg(traveller_id)
        .fetch_optional((*tx).exec())
        .await?;
    if let Some(first) = replay_guarded(&mut tx, guard).await? {
        return Ok(first);
    }
    let Some(row) = row else {
        let written = Written::unversioned(AddPhone::NoSuchTraveller);
        return finish_guarded(tx, guard, written).await;
    };
    let version = check_version(&mut tx, traveller_id, guard.expected_version).await?;
    let phones: Vec<PhoneRow> = sqlx::query_as(sqlx::AssertSqlSafe(rows::phones_sql(1)))
        .arg(traveller_id)
        .fetch_all((*tx).exec())
        .await?;
    let mut numbers: Vec<String> = phones.into_iter().map(|p| p.into_parts().1).collect();
    let unchanged = |outcome| Written {
        outcome,
        version: Some(version),
        replayed: false,
    };
    if numbers.iter().any(|n| n == e164) {
        return finish_guarded(tx, guard, unchanged(AddPhone::AlreadyThere)).await;
    }
    if numbers.len() >= MAX_PHONES {
        return finish_guarded(tx, guard, unchanged(AddPhone::TooMany)).await;
    }
    let inserted = insert_phones(&mut tx, &[(traveller_id, phone)]).await?;
    if inserted == 0 {
        return finish_guarded(tx, guard, unchanged(AddPhone::AlreadyThere)).await;
    }
    // Re-index the traveller as `upsert_travellers` does, with the new
    // number among their phone digits.
    numbers.push(e164.to_string());
    let entry = row.entry(numbers.iter().map(String::as_str))?;
    index_for_search::<S>(&mut tx, std::slice::from_ref(&entry), true).await?;
    let version = bump_version(&mut tx, traveller_id).await?;
    let written = Written {
        outcome: AddPhone::Added,
        version: Some(version),
        replayed: false,
    };
    finish_guarded(tx, guard, written).await
}
