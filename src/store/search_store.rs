//! Traveller search: candidates from the name keys and the substring
//! index, and the index kept in step with the travellers.

use std::collections::HashSet;

use async_trait::async_trait;

use super::{
    SEARCH_CANDIDATES, SearchIndexSize, StoreResult, SubstringField,
    dialect::Dialect,
    patterns::prefix_range,
    rows::{self, PhoneRow, TravellerRow},
    sql::{Arg, ExecConn, SqlDb},
};
use crate::domain::{
    Traveller,
    name_forms::NameForms,
    search::{FfpLookup, MatchedOn, SearchKind, SearchQuery, has_trigram},
};

#[async_trait]
pub trait SearchStore: Send + Sync {
    /// Up to `limit` (at most `SEARCH_CANDIDATES`) travellers matching
    /// `query`, with phones, each with what matched. Always through an
    /// index, never a scan of the travellers; the best candidates come out
    /// of the index first (whole name forms, then forms starting with the
    /// query, each by preferred reading, tier and most recent flight), the
    /// server ranks them.
    async fn search_travellers(
        &self,
        query: &SearchQuery,
        limit: i64,
    ) -> StoreResult<Vec<(Traveller, MatchedOn)>>;
    /// How big the search indexes are, for the benchmark.
    async fn search_index_size(&self) -> StoreResult<SearchIndexSize>;
}

#[async_trait]
impl<S> SearchStore for S
where
    S: Dialect + Send + Sync,
    S::Db: SqlDb,
    TravellerRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    PhoneRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    KeyHit: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (i64,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    async fn search_travellers(
        &self,
        query: &SearchQuery,
        limit: i64,
    ) -> StoreResult<Vec<(Traveller, MatchedOn)>> {
        let cap = limit.clamp(1, SEARCH_CANDIDATES);
        let cap_len = usize::try_from(cap).unwrap_or(1);
        let mut ids: Vec<i64> = Vec::new();
        let mut seen = HashSet::new();
        let mut add = |ids: &mut Vec<i64>, found: Vec<i64>| {
            for id in found {
                if ids.len() < cap_len && seen.insert(id) {
                    ids.push(id);
                }
            }
        };
        match query.ffp_lookup() {
            Some(FfpLookup::Prefix(ffp)) => {
                let (lo, hi) = prefix_range(ffp);
                let sql = format!(
                    "SELECT id FROM travellers WHERE ffp_number{c} >= $1 AND ffp_number{c} < $2 \
                     ORDER BY ffp_number{c} LIMIT $3",
                    c = S::COLLATE_BYTES
                );
                let mut conn = self.reader().acquire().await?;
                let found: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                    .arg(lo.as_str())
                    .arg(hi.as_str())
                    .arg(cap)
                    .fetch_all((*conn).exec())
                    .await?;
                add(&mut ids, found);
            }
            Some(FfpLookup::Exact(ffp)) => {
                let mut conn = self.reader().acquire().await?;
                let found: Vec<i64> =
                    sqlx::query_scalar("SELECT id FROM travellers WHERE ffp_number = $1")
                        .arg(ffp)
                        .fetch_all((*conn).exec())
                        .await?;
                add(&mut ids, found);
            }
            None => {}
        }
        match &query.kind {
            SearchKind::Name(name) => {
                let found = name_candidates(self, name, cap).await?;
                add(&mut ids, found);
                // Anywhere in a name: trigrams.
                if ids.len() < cap_len && has_trigram(name) {
                    let found = self.substring_ids(SubstringField::Name, name, cap).await?;
                    add(&mut ids, found);
                }
            }
            SearchKind::Email(email) => {
                if has_trigram(email) {
                    let found = self
                        .substring_ids(SubstringField::Email, email, cap)
                        .await?;
                    add(&mut ids, found);
                }
            }
            SearchKind::Phone(digits) => {
                let found = self
                    .substring_ids(SubstringField::Phone, digits, cap * 2)
                    .await?;
                add(&mut ids, found);
            }
            SearchKind::Ffp(_) => {}
            SearchKind::Pnr(pnr) => {
                let mut conn = self.reader().acquire().await?;
                let found: Vec<i64> =
                    sqlx::query_scalar("SELECT traveller_id FROM flights WHERE pnr = $1 LIMIT $2")
                        .arg(pnr.as_str())
                        .arg(cap)
                        .fetch_all((*conn).exec())
                        .await?;
                add(&mut ids, found);
            }
        }
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut conn = self.reader().acquire().await?;
        let sql = format!(
            "SELECT {} FROM travellers t WHERE t.id IN ({})",
            rows::TRAVELLER_COLUMNS,
            rows::placeholders(1, ids.len())
        );
        let mut travellers = sqlx::query_as(sqlx::AssertSqlSafe(sql));
        for id in &ids {
            travellers = travellers.arg(*id);
        }
        let travellers: Vec<TravellerRow> = travellers.fetch_all((*conn).exec()).await?;
        let mut phones = sqlx::query_as(sqlx::AssertSqlSafe(rows::phones_sql(ids.len())));
        for id in &ids {
            phones = phones.arg(*id);
        }
        let phones: Vec<PhoneRow> = phones.fetch_all((*conn).exec()).await?;
        let travellers = rows::travellers_with_phones(travellers, phones)?;
        Ok(travellers
            .into_iter()
            .map(|t| {
                let matched_on = if query.ffp_closeness(&t.ffp_number) > 0 {
                    MatchedOn::FfpNumber
                } else if let SearchKind::Name(name) = &query.kind {
                    NameForms::new(&t.family_name, &t.given_name, t.native_name.as_deref())
                        .matched_on(name)
                } else {
                    query.kind_matched_on()
                };
                (t, matched_on)
            })
            .collect())
    }

    async fn search_index_size(&self) -> StoreResult<SearchIndexSize> {
        let mut conn = self.reader().acquire().await?;
        let name_keys: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM traveller_name_keys")
            .fetch_one((*conn).exec())
            .await?;
        let name_key_bytes: i64 = sqlx::query_scalar(S::NAME_KEY_BYTES_SQL)
            .fetch_one((*conn).exec())
            .await?;
        let substring_bytes: i64 = sqlx::query_scalar(S::SUBSTRING_BYTES_SQL)
            .fetch_one((*conn).exec())
            .await?;
        Ok(SearchIndexSize {
            name_keys,
            name_key_bytes,
            substring_bytes,
        })
    }
}

/// A name key found for a traveller, with the rank it is found in.
#[derive(sqlx::FromRow)]
struct KeyHit {
    traveller_id: i64,
    key_rank: i64,
}

/// Travellers matching `name` through the name keys, best first: whole
/// forms by rank, then forms starting with it by rank. A prefix few
/// travellers share is sorted here; one many share is read rank by rank
/// from `(key_rank, key)`, so that the best come out first without reading
/// them all.
async fn name_candidates<S>(store: &S, name: &str, cap: i64) -> StoreResult<Vec<i64>>
where
    S: Dialect + Sync,
    S::Db: SqlDb,
    KeyHit: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (i64,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    /// Most prefix rows sorted here rather than in the index.
    const FEW: i64 = 2000;
    let (_, hi) = prefix_range(name);
    let mut conn = store.reader().acquire().await?;
    let mut ids: Vec<i64> = sqlx::query_scalar(
        "SELECT traveller_id FROM traveller_name_keys WHERE key = $1 \
         ORDER BY key_rank DESC LIMIT $2",
    )
    .arg(name)
    .arg(cap)
    .fetch_all((*conn).exec())
    .await?;
    let mut few: Vec<KeyHit> = sqlx::query_as(
        "SELECT traveller_id, key_rank FROM traveller_name_keys \
         WHERE key > $1 AND key < $2 LIMIT $3",
    )
    .arg(name)
    .arg(hi.as_str())
    .arg(FEW + 1)
    .fetch_all((*conn).exec())
    .await?;
    if few.len() <= FEW as usize {
        few.sort_by_key(|hit| (std::cmp::Reverse(hit.key_rank), hit.traveller_id));
        ids.extend(few.into_iter().map(|hit| hit.traveller_id));
    } else {
        // A traveller has several forms: fetch enough rows for `cap`
        // travellers.
        let many: Vec<i64> = sqlx::query_scalar(S::RANKED_PREFIX_SQL)
            .arg(name)
            .arg(hi.as_str())
            .arg(cap * 4)
            .fetch_all((*conn).exec())
            .await?;
        ids.extend(many);
    }
    Ok(ids)
}
