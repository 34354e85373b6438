//! Travellers and their profiles, as the screen pop, the seeder and the
//! loyalty system's import read and write them.

mod insert;

use async_trait::async_trait;
use chrono::NaiveDate;

pub(crate) use insert::{
    UpsertedRow, insert_complaints, insert_flights, insert_phones, insert_travellers,
};

use super::{
    MAX_MATCHES, NewTraveller, StoreResult, Upserted,
    dialect::Dialect,
    holders::{self, MAX_HOLDERS, RANK_ORDER},
    profiles::complete_profiles,
    rows::{
        CLEAR_VALUES_SQL, ComplaintRow, FlightRow, PhoneRow, RECOMPUTE_VALUE_SQL,
        TRAVELLER_COLUMNS, TravellerRow, date_from_sql,
    },
    search_entry::SearchEntry,
    search_index::index_for_search,
    sql::{Arg, ExecConn, SqlDb},
};
use crate::domain::{CallerProfile, E164, name_forms::NameForms, value::DEFAULT_WEIGHTS};

#[async_trait]
pub trait TravellerStore: Send + Sync {
    /// Every traveller with this E.164 number, with flights around `today`
    /// and open complaints, ranked for a chooser.
    async fn profiles_by_phone(
        &self,
        e164: &E164,
        today: NaiveDate,
    ) -> StoreResult<Vec<CallerProfile>>;
    /// How many travellers have this number (a lookup shows at most
    /// MAX_MATCHES of them).
    async fn phone_holder_count(&self, e164: &E164) -> StoreResult<i64>;
    /// The travellers with this number (up to MAX_HOLDERS of them, ranked
    /// as `profiles_by_phone` ranks) whose `Traveller::filter_text` the
    /// fuzzy `query` matches: best match first, equal matches in rank
    /// order, at most MAX_MATCHES, with how many matched in all.
    async fn profiles_by_phone_matching(
        &self,
        e164: &E164,
        query: &str,
        today: NaiveDate,
    ) -> StoreResult<(Vec<CallerProfile>, usize)>;
    async fn profile(&self, id: i64, today: NaiveDate) -> StoreResult<Option<CallerProfile>>;
    async fn traveller_count(&self) -> StoreResult<i64>;
    async fn max_traveller_id(&self) -> StoreResult<i64>;
    /// Fast path for seeding: new travellers with their ids already set.
    async fn insert_new_travellers(&self, batch: &[NewTraveller]) -> StoreResult<()>;
    /// Import path: insert or update by frequent-flyer number; returns ids.
    async fn upsert_travellers(&self, batch: &[NewTraveller]) -> StoreResult<Vec<i64>> {
        let upserted = self.upsert_travellers_telling_new(batch).await?;
        Ok(upserted.into_iter().map(|u| u.id).collect())
    }
    /// Like `upsert_travellers`, and says of each whether it was new. The
    /// frequent-flyer numbers in `batch` must be distinct.
    async fn upsert_travellers_telling_new(
        &self,
        batch: &[NewTraveller],
    ) -> StoreResult<Vec<Upserted>>;
    /// Recomputes every value score relative to the whole member base.
    async fn recompute_value_scores(&self) -> StoreResult<()>;
    /// Refreshes the query planner's statistics after a bulk load, so that
    /// the next lookups use the indexes.
    async fn refresh_statistics(&self) -> StoreResult<()>;
}

/// Travellers written per round of statements by `insert_new_travellers`.
const INSERT_ROUND: usize = 500;

#[async_trait]
impl<S> TravellerStore for S
where
    S: Dialect + Send + Sync,
    S::Db: SqlDb,
    TravellerRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    PhoneRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    FlightRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    ComplaintRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    UpsertedRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (i64,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (Option<i64>,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (String,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    async fn profiles_by_phone(
        &self,
        e164: &E164,
        today: NaiveDate,
    ) -> StoreResult<Vec<CallerProfile>> {
        // Order as `rank_matches` does before the LIMIT, so that a
        // switchboard with more than MAX_MATCHES travellers keeps the most
        // valuable ones rather than the oldest ids.
        let travellers = holders_of::<S>(self, e164, MAX_MATCHES).await?;
        complete_profiles(self, travellers, today).await
    }

    async fn phone_holder_count(&self, e164: &E164) -> StoreResult<i64> {
        let mut conn = self.reader().acquire().await?;
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM traveller_phones WHERE e164 = $1")
                .arg(e164.as_str())
                .fetch_one((*conn).exec())
                .await?,
        )
    }

    async fn profiles_by_phone_matching(
        &self,
        e164: &E164,
        query: &str,
        today: NaiveDate,
    ) -> StoreResult<(Vec<CallerProfile>, usize)> {
        let holders = holders_of::<S>(self, e164, MAX_HOLDERS).await?;
        let (best, total) = holders::best_matches(holders, query, MAX_MATCHES as usize)?;
        let order: Vec<i64> = best.iter().map(TravellerRow::id).collect();
        let profiles = complete_profiles(self, best, today).await?;
        Ok((holders::in_order(profiles, &order), total))
    }

    async fn profile(&self, id: i64, today: NaiveDate) -> StoreResult<Option<CallerProfile>> {
        let mut conn = self.reader().acquire().await?;
        let sql = format!("SELECT {TRAVELLER_COLUMNS} FROM travellers t WHERE t.id = $1");
        let travellers: Vec<TravellerRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .arg(id)
            .fetch_all((*conn).exec())
            .await?;
        drop(conn);
        Ok(complete_profiles(self, travellers, today)
            .await?
            .into_iter()
            .next())
    }

    async fn traveller_count(&self) -> StoreResult<i64> {
        let mut conn = self.reader().acquire().await?;
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM travellers")
            .fetch_one((*conn).exec())
            .await?)
    }

    async fn max_traveller_id(&self) -> StoreResult<i64> {
        let mut conn = self.reader().acquire().await?;
        let max: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM travellers")
            .fetch_one((*conn).exec())
            .await?;
        Ok(max.unwrap_or(0))
    }

    async fn insert_new_travellers(&self, batch: &[NewTraveller]) -> StoreResult<()> {
        let mut tx = self.writer().begin_with(S::BEGIN_WRITE).await?;
        for chunk in batch.chunks(INSERT_ROUND) {
            let entries: Vec<SearchEntry> = chunk
                .iter()
                .map(|t| SearchEntry::of(t, t.id, t.last_flight()))
                .collect();
            let rows: Vec<_> = chunk
                .iter()
                .zip(&entries)
                .map(|(t, e)| (t, e.search_text.as_str()))
                .collect();
            insert_travellers(&mut tx, &rows).await?;
            let phones: Vec<_> = chunk
                .iter()
                .flat_map(|t| t.phones.iter().map(move |p| (t.id, p)))
                .collect();
            insert_phones(&mut tx, &phones).await?;
            index_for_search::<S>(&mut tx, &entries, false).await?;
            let flights: Vec<_> = chunk
                .iter()
                .flat_map(|t| t.flights.iter().map(move |f| (t.id, f)))
                .collect();
            insert_flights(&mut tx, &flights).await?;
            let complaints: Vec<_> = chunk
                .iter()
                .flat_map(|t| t.complaints.iter().map(move |c| (t.id, c)))
                .collect();
            insert_complaints(&mut tx, &complaints).await?;
        }
        S::after_explicit_ids(&mut tx).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn upsert_travellers_telling_new(
        &self,
        batch: &[NewTraveller],
    ) -> StoreResult<Vec<Upserted>> {
        let mut tx = self.writer().begin_with(S::BEGIN_WRITE).await?;
        let existing = insert::existing_ffp_numbers(&mut tx, batch).await?;
        let mut ids = Vec::with_capacity(batch.len());
        let mut entries = Vec::with_capacity(batch.len());
        for t in batch {
            let search_text =
                NameForms::new(&t.family_name, &t.given_name, t.native_name.as_deref()).text();
            let row = insert::upsert_traveller(&mut tx, t, &search_text).await?;
            let id = row.id;
            // The loyalty system's list of numbers replaces ours.
            sqlx::query("DELETE FROM traveller_phones WHERE traveller_id = $1")
                .arg(id)
                .execute((*tx).exec())
                .await?;
            let phones: Vec<_> = t.phones.iter().map(|p| (id, p)).collect();
            insert_phones(&mut tx, &phones).await?;
            ids.push(Upserted {
                id,
                created: !existing.contains(&t.ffp_number),
            });
            let last_flight = row
                .last_flight
                .as_deref()
                .map(|d| date_from_sql("last_flight", d))
                .transpose()?;
            entries.push(SearchEntry::of(t, id, last_flight));
        }
        index_for_search::<S>(&mut tx, &entries, true).await?;
        tx.commit().await?;
        Ok(ids)
    }

    async fn recompute_value_scores(&self) -> StoreResult<()> {
        let w = DEFAULT_WEIGHTS;
        let mut tx = self.writer().begin_with(S::BEGIN_WRITE).await?;
        sqlx::query(CLEAR_VALUES_SQL).execute((*tx).exec()).await?;
        sqlx::query(RECOMPUTE_VALUE_SQL)
            .arg(w.frequency)
            .arg(w.mileage)
            .arg(w.cabin)
            .execute((*tx).exec())
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn refresh_statistics(&self) -> StoreResult<()> {
        // On the pool lookups run on: SQLite's `PRAGMA optimize` weighs the
        // tables its connection has queried.
        let mut conn = self.reader().acquire().await?;
        sqlx::query(S::REFRESH_STATISTICS)
            .execute((*conn).exec())
            .await?;
        Ok(())
    }
}

/// Up to `limit` travellers with the number, in rank order.
async fn holders_of<S>(store: &S, e164: &E164, limit: i64) -> StoreResult<Vec<TravellerRow>>
where
    S: Dialect + Sync,
    S::Db: SqlDb,
    TravellerRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    let mut conn = store.reader().acquire().await?;
    let sql = format!(
        "SELECT {TRAVELLER_COLUMNS} FROM traveller_phones p JOIN travellers t \
         ON t.id = p.traveller_id WHERE p.e164 = $1 ORDER BY {RANK_ORDER} LIMIT $2"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .arg(e164.as_str())
        .arg(limit)
        .fetch_all((*conn).exec())
        .await?)
}
