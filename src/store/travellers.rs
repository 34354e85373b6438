//! Travellers and their profiles, as the screen pop, the seeder and the
//! loyalty system's import read and write them.

use async_trait::async_trait;
use chrono::NaiveDate;

use super::{NewTraveller, StoreResult, Upserted};
use crate::domain::{CallerProfile, E164};

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

/// Writes the `TravellerStore` impl for a backend from the SQL both share and the
/// backend's `Dialect`.
macro_rules! impl_traveller_store {
    ($store:ty, $db:ty) => {

        #[async_trait::async_trait]
        impl $crate::store::TravellerStore for $store {
            async fn profiles_by_phone(
                &self,
                e164: &$crate::domain::E164,
                today: chrono::NaiveDate,
            ) -> $crate::store::StoreResult<Vec<$crate::domain::CallerProfile>> {
                // Order as `rank_matches` does before the LIMIT, so that a
                // switchboard with more than MAX_MATCHES travellers keeps the
                // most valuable ones rather than the oldest ids.
                let sql = format!(
                    "SELECT {} FROM traveller_phones p JOIN travellers t ON t.id = p.traveller_id \
                     WHERE p.e164 = $1 ORDER BY {} LIMIT $2",
                    $crate::store::rows::TRAVELLER_COLUMNS,
                    $crate::store::holders::RANK_ORDER
                );
                let travellers: Vec<$crate::store::rows::TravellerRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                    .bind(e164.as_str())
                    .bind($crate::store::MAX_MATCHES)
                    .fetch_all(&self.pool)
                    .await?;
                $crate::store::profiles::complete_profiles(self, travellers, today).await
            }
            async fn phone_holder_count(
                &self,
                e164: &$crate::domain::E164,
            ) -> $crate::store::StoreResult<i64> {
                let (n,): (i64,) =
                    sqlx::query_as("SELECT COUNT(*) FROM traveller_phones WHERE e164 = $1")
                        .bind(e164.as_str())
                        .fetch_one(&self.pool)
                        .await?;
                Ok(n)
            }
            async fn profiles_by_phone_matching(
                &self,
                e164: &$crate::domain::E164,
                query: &str,
                today: chrono::NaiveDate,
            ) -> $crate::store::StoreResult<(Vec<$crate::domain::CallerProfile>, usize)> {
                use $crate::store::holders;
                let sql = format!(
                    "SELECT {} FROM traveller_phones p JOIN travellers t ON t.id = p.traveller_id \
                     WHERE p.e164 = $1 ORDER BY {} LIMIT $2",
                    $crate::store::rows::TRAVELLER_COLUMNS,
                    holders::RANK_ORDER
                );
                let holders: Vec<$crate::store::rows::TravellerRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                    .bind(e164.as_str())
                    .bind(holders::MAX_HOLDERS)
                    .fetch_all(&self.pool)
                    .await?;
                let (best, total) = holders::best_matches(holders, query, $crate::store::MAX_MATCHES as usize)?;
                let order: Vec<i64> = best.iter().map(|t| t.id()).collect();
                let profiles = $crate::store::profiles::complete_profiles(self, best, today).await?;
                Ok((holders::in_order(profiles, &order), total))
            }
            async fn profile(
                &self,
                id: i64,
                today: chrono::NaiveDate,
            ) -> $crate::store::StoreResult<Option<$crate::domain::CallerProfile>> {
                let sql = format!(
                    "SELECT {} FROM travellers t WHERE t.id = $1",
                    $crate::store::rows::TRAVELLER_COLUMNS
                );
                let travellers: Vec<$crate::store::rows::TravellerRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_all(&self.pool).await?;
                Ok($crate::store::profiles::complete_profiles(self, travellers, today).await?.into_iter().next())
            }
            async fn traveller_count(&self) -> $crate::store::StoreResult<i64> {
                let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM travellers")
                    .fetch_one(&self.pool)
                    .await?;
                Ok(n)
            }
            async fn max_traveller_id(&self) -> $crate::store::StoreResult<i64> {
                let (n,): (Option<i64>,) = sqlx::query_as("SELECT MAX(id) FROM travellers")
                    .fetch_one(&self.pool)
                    .await?;
                Ok(n.unwrap_or(0))
            }
            async fn insert_new_travellers(
                &self,
                batch: &[$crate::store::NewTraveller],
            ) -> $crate::store::StoreResult<()> {
                use $crate::store::rows::{enum_to_sql, segment_to_sql};
                const CHUNK: usize = 500;
                let mut tx = self.writer().begin_with(Self::BEGIN_WRITE).await?;
                for chunk in batch.chunks(CHUNK) {
                    let entries: Vec<_> = chunk
                        .iter()
                        .map(|t| $crate::store::search_entry::SearchEntry::of(t, t.id, t.last_flight()))
                        .collect();
                    let mut qb = sqlx::QueryBuilder::new(
                        "INSERT INTO travellers (id, ffp_number, family_name, given_name, native_name, tier, \
                         miles_balance, segment, corporate_account, gov_level, email, birth_date, flights_12m, \
                         miles_12m, premium_share, last_flight, search_text) ",
                    );
                    qb.push_values(chunk.iter().zip(&entries), |mut row, (t, entry)| {
                        let (segment, account, level) = segment_to_sql(&t.segment);
                        row.push_bind(t.id)
                            .push_bind(t.ffp_number.clone())
                            .push_bind(t.family_name.clone())
                            .push_bind(t.given_name.clone())
                            .push_bind(t.native_name.clone())
                            .push_bind(t.tier.as_str())
                            .push_bind(t.miles_balance)
                            .push_bind(segment)
                            .push_bind(account)
                            .push_bind(level)
                            .push_bind(t.email.clone())
                            .push_bind(t.birth_date.map(|d| d.to_string()))
                            .push_bind(t.flights_12m)
                            .push_bind(t.miles_12m)
                            .push_bind(t.premium_share)
                            .push_bind(t.last_flight().map(|d| d.to_string()))
                            .push_bind(entry.search_text.clone());
                    });
                    qb.build().execute(&mut *tx).await?;

                    let phones: Vec<_> = chunk.iter().flat_map(|t| t.phones.iter().map(move |p| (t.id, p))).collect();
                    for part in phones.chunks(CHUNK * 2) {
                        let mut qb = sqlx::QueryBuilder::new("INSERT INTO traveller_phones (e164, traveller_id, label, dialled) ");
                        qb.push_values(part, |mut row, (id, p)| {
                            row.push_bind(p.e164.to_string())
                                .push_bind(*id)
                                .push_bind(p.label.clone())
                                .push_bind(p.dialled.clone());
                        });
                        qb.push(" ON CONFLICT (e164, traveller_id) DO NOTHING");
                        qb.build().execute(&mut *tx).await?;
                    }
                    $crate::store::search_index::index_for_search::<Self>(&mut tx, &entries, false).await?;

                    let flights: Vec<_> = chunk.iter().flat_map(|t| t.flights.iter().map(move |f| (t.id, f))).collect();
                    for part in flights.chunks(CHUNK) {
                        let mut qb = sqlx::QueryBuilder::new(
                            "INSERT INTO flights (traveller_id, flight_date, flight_no, origin, destination, cabin, status, delay_minutes, pnr) ",
                        );
                        qb.push_values(part, |mut row, (id, f)| {
                            row.push_bind(*id)
                                .push_bind(f.date.to_string())
                                .push_bind(f.flight_no.clone())
                                .push_bind(f.origin.clone())
                                .push_bind(f.destination.clone())
                                .push_bind(enum_to_sql(&f.cabin))
                                .push_bind(enum_to_sql(&f.status))
                                .push_bind(i64::from(f.delay_minutes))
                                .push_bind(f.pnr.clone());
                        });
                        qb.build().execute(&mut *tx).await?;
                    }

                    let complaints: Vec<_> = chunk.iter().flat_map(|t| t.complaints.iter().map(move |c| (t.id, c))).collect();
                    for part in complaints.chunks(CHUNK) {
                        let mut qb = sqlx::QueryBuilder::new(
                            "INSERT INTO complaints (traveller_id, category, status, opened_at, due_at, summary) ",
                        );
                        qb.push_values(part, |mut row, (id, c)| {
                            row.push_bind(*id)
                                .push_bind(&c.category)
                                .push_bind(enum_to_sql(&c.status))
                                .push_bind(c.opened_at.timestamp())
                                .push_bind(c.due_at.timestamp())
                                .push_bind(c.summary.clone());
                        });
                        qb.build().execute(&mut *tx).await?;
                    }
                }
                Self::after_explicit_ids(&mut tx).await?;
                tx.commit().await?;
                Ok(())
            }
            async fn upsert_travellers_telling_new(
                &self,
                batch: &[$crate::store::NewTraveller],
            ) -> $crate::store::StoreResult<Vec<$crate::store::Upserted>> {
                let mut tx = self.writer().begin_with(Self::BEGIN_WRITE).await?;
                let existing = Self::existing_ffp_numbers(&mut tx, batch).await?;
                let mut ids = Vec::with_capacity(batch.len());
                let mut entries = Vec::with_capacity(batch.len());
                for t in batch {
                    let search_text = $crate::domain::name_forms::NameForms::new(
                        &t.family_name,
                        &t.given_name,
                        t.native_name.as_deref(),
                    )
                    .text();
                    let (segment, account, level) = $crate::store::rows::segment_to_sql(&t.segment);
                    let (id, last_flight): (i64, Option<String>) = sqlx::query_as($crate::store::rows::UPSERT_TRAVELLER_SQL)
                        .bind(&t.ffp_number)
                        .bind(&t.family_name)
                        .bind(&t.given_name)
                        .bind(&t.native_name)
                        .bind(t.tier.as_str())
                        .bind(t.miles_balance)
                        .bind(segment)
                        .bind(account)
                        .bind(level)
                        .bind(&t.email)
                        .bind(t.birth_date.map(|d| d.to_string()))
                        .bind(&search_text)
                        .fetch_one(&mut *tx)
                        .await?;
                    // The loyalty system's list of numbers replaces ours.
                    sqlx::query("DELETE FROM traveller_phones WHERE traveller_id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    for phone in &t.phones {
                        sqlx::query(
                            "INSERT INTO traveller_phones (e164, traveller_id, label, dialled) VALUES ($1, $2, $3, $4) \
                             ON CONFLICT (e164, traveller_id) DO NOTHING",
                        )
                        .bind(phone.e164.as_str())
                        .bind(id)
                        .bind(&phone.label)
                        .bind(&phone.dialled)
                        .execute(&mut *tx)
                        .await?;
                    }
                    ids.push($crate::store::Upserted {
                        id,
                        created: !existing.contains(&t.ffp_number),
                    });
                    let last_flight = last_flight
                        .as_deref()
                        .map(|d| $crate::store::rows::date_from_sql("last_flight", d))
                        .transpose()?;
                    entries.push($crate::store::search_entry::SearchEntry::of(t, id, last_flight));
                }
                $crate::store::search_index::index_for_search::<Self>(&mut tx, &entries, true).await?;
                tx.commit().await?;
                Ok(ids)
            }
            async fn recompute_value_scores(&self) -> $crate::store::StoreResult<()> {
                let w = $crate::domain::value::DEFAULT_WEIGHTS;
                let mut tx = self.writer().begin_with(Self::BEGIN_WRITE).await?;
                sqlx::query($crate::store::rows::CLEAR_VALUES_SQL).execute(&mut *tx).await?;
                sqlx::query($crate::store::rows::RECOMPUTE_VALUE_SQL)
                    .bind(w.frequency)
                    .bind(w.mileage)
                    .bind(w.cabin)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }
            async fn refresh_statistics(&self) -> $crate::store::StoreResult<()> {
                sqlx::query(Self::REFRESH_STATISTICS).execute(&self.pool).await?;
                Ok(())
            }
        }

        impl $store {
            /// Which of the batch's frequent-flyer numbers are stored already,
            /// read in the transaction that is about to write them.
            async fn existing_ffp_numbers(
                tx: &mut sqlx::Transaction<'_, $db>,
                batch: &[$crate::store::NewTraveller],
            ) -> $crate::store::StoreResult<std::collections::HashSet<String>> {
                const CHUNK: usize = 500;
                let mut existing = std::collections::HashSet::new();
                for chunk in batch.chunks(CHUNK) {
                    let sql = format!(
                        "SELECT ffp_number FROM travellers WHERE ffp_number IN ({})",
                        $crate::store::rows::placeholders(1, chunk.len())
                    );
                    let mut q = sqlx::query_as::<_, (String,)>(sqlx::AssertSqlSafe(sql));
                    for t in chunk {
                        q = q.bind(&t.ffp_number);
                    }
                    existing.extend(q.fetch_all(&mut **tx).await?.into_iter().map(|(f,)| f));
                }
                Ok(existing)
            }
        }
    };
}

pub(crate) use impl_traveller_store;
