//! Traveller search: candidates from the name keys and the substring
//! index, and the index kept in step with the travellers.

use async_trait::async_trait;

use super::{SearchIndexSize, StoreResult};
use crate::domain::{
    Traveller,
    search::{MatchedOn, SearchQuery},
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

/// Writes the `SearchStore` impl for a backend from the SQL both share and the
/// backend's `Dialect`.
macro_rules! impl_search_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::store::SearchStore for $store {
            async fn search_travellers(
                &self,
                query: &$crate::domain::search::SearchQuery,
                limit: i64,
            ) -> $crate::store::StoreResult<Vec<($crate::domain::Traveller, $crate::domain::search::MatchedOn)>> {
                use $crate::domain::search::{FfpLookup, MatchedOn, SearchKind, has_trigram};
                use $crate::store::{SubstringField, patterns::prefix_range, rows};
                let cap = limit.clamp(1, $crate::store::SEARCH_CANDIDATES);
                let cap_len = usize::try_from(cap).unwrap_or(1);
                let mut ids: Vec<i64> = Vec::new();
                let mut seen = std::collections::HashSet::new();
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
                            c = Self::COLLATE_BYTES
                        );
                        let found: Vec<(i64,)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
                            .bind(&lo)
                            .bind(&hi)
                            .bind(cap)
                            .fetch_all(&self.pool)
                            .await?;
                        add(&mut ids, found.into_iter().map(|(id,)| id).collect());
                    }
                    Some(FfpLookup::Exact(ffp)) => {
                        let found: Vec<(i64,)> = sqlx::query_as("SELECT id FROM travellers WHERE ffp_number = $1")
                            .bind(ffp)
                            .fetch_all(&self.pool)
                            .await?;
                        add(&mut ids, found.into_iter().map(|(id,)| id).collect());
                    }
                    None => {}
                }
                match &query.kind {
                    SearchKind::Name(name) => {
                        let found = self.name_candidates(name, cap).await?;
                        add(&mut ids, found);
                        // Anywhere in a name: trigrams.
                        if ids.len() < cap_len && has_trigram(name) {
                            let found = self.substring_ids(SubstringField::Name, name, cap).await?;
                            add(&mut ids, found);
                        }
                    }
                    SearchKind::Email(email) => {
                        if has_trigram(email) {
                            let found = self.substring_ids(SubstringField::Email, email, cap).await?;
                            add(&mut ids, found);
                        }
                    }
                    SearchKind::Phone(digits) => {
                        let found = self.substring_ids(SubstringField::Phone, digits, cap * 2).await?;
                        add(&mut ids, found);
                    }
                    SearchKind::Ffp(_) => {}
                    SearchKind::Pnr(pnr) => {
                        let found: Vec<(i64,)> = sqlx::query_as(
                            "SELECT traveller_id FROM flights WHERE pnr = $1 LIMIT $2",
                        )
                        .bind(pnr)
                        .bind(cap)
                        .fetch_all(&self.pool)
                        .await?;
                        add(&mut ids, found.into_iter().map(|(id,)| id).collect());
                    }
                }
                if ids.is_empty() {
                    return Ok(Vec::new());
                }
                let sql = format!(
                    "SELECT {} FROM travellers t WHERE t.id IN ({})",
                    rows::TRAVELLER_COLUMNS,
                    rows::placeholders(1, ids.len())
                );
                let mut travellers = sqlx::query_as(sqlx::AssertSqlSafe(sql));
                for id in &ids {
                    travellers = travellers.bind(id);
                }
                let travellers: Vec<rows::TravellerRow> = travellers.fetch_all(&self.pool).await?;
                let mut phones = sqlx::query_as(sqlx::AssertSqlSafe(rows::phones_sql(ids.len())));
                for id in &ids {
                    phones = phones.bind(id);
                }
                let phones: Vec<rows::PhoneRow> = phones.fetch_all(&self.pool).await?;
                let travellers = rows::travellers_with_phones(travellers, phones)?;
                Ok(travellers
                    .into_iter()
                    .map(|t| {
                        let matched_on = if query.ffp_closeness(&t.ffp_number) > 0 {
                            MatchedOn::FfpNumber
                        } else if let SearchKind::Name(name) = &query.kind {
                            $crate::domain::name_forms::NameForms::new(
                                &t.family_name,
                                &t.given_name,
                                t.native_name.as_deref(),
                            )
                            .matched_on(name)
                        } else {
                            query.kind_matched_on()
                        };
                        (t, matched_on)
                    })
                    .collect())
            }
            async fn search_index_size(&self) -> $crate::store::StoreResult<$crate::store::SearchIndexSize> {
                let (name_keys,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM traveller_name_keys")
                    .fetch_one(&self.pool)
                    .await?;
                let (name_key_bytes,): (i64,) = sqlx::query_as(Self::NAME_KEY_BYTES_SQL)
                    .fetch_one(&self.pool)
                    .await?;
                let (substring_bytes,): (i64,) = sqlx::query_as(Self::SUBSTRING_BYTES_SQL)
                    .fetch_one(&self.pool)
                    .await?;
                Ok($crate::store::SearchIndexSize { name_keys, name_key_bytes, substring_bytes })
            }
        }

        impl $store {
            /// Writes the name keys of `entries` (and the backend's own search
            /// index); `replace` drops what the travellers had first.
            async fn index_for_search(
                tx: &mut sqlx::Transaction<'_, $db>,
                entries: &[$crate::store::search_entry::SearchEntry],
                replace: bool,
            ) -> $crate::store::StoreResult<()> {
                const CHUNK: usize = 500;
                for chunk in entries.chunks(CHUNK) {
                    if replace {
                        let sql = format!(
                            "DELETE FROM traveller_name_keys WHERE traveller_id IN ({})",
                            $crate::store::rows::placeholders(1, chunk.len())
                        );
                        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                        for e in chunk {
                            q = q.bind(e.id);
                        }
                        q.execute(&mut **tx).await?;
                    }
                    let keys: Vec<(i64, &str, i64)> = chunk
                        .iter()
                        .flat_map(|e| e.keys.iter().map(move |(k, rank)| (e.id, k.as_str(), *rank)))
                        .collect();
                    for part in keys.chunks(CHUNK * 4) {
                        let mut qb = sqlx::QueryBuilder::new("INSERT INTO traveller_name_keys (key, key_rank, traveller_id) ");
                        qb.push_values(part, |mut row, (id, key, rank)| {
                            row.push_bind(key.to_string()).push_bind(*rank).push_bind(*id);
                        });
                        qb.push(" ON CONFLICT DO NOTHING");
                        qb.build().execute(&mut **tx).await?;
                    }
                    Self::index_substrings(tx, chunk, replace).await?;
                }
                Ok(())
            }
            /// Travellers matching `name` through the name keys, best first:
            /// whole forms by rank, then forms starting with it by rank. A
            /// prefix few travellers share is sorted here; one many share is
            /// read rank by rank from `(key_rank, key)`, so that the best
            /// come out first without reading them all.
            async fn name_candidates(&self, name: &str, cap: i64) -> $crate::store::StoreResult<Vec<i64>> {
                /// Most prefix rows sorted here rather than in the index.
                const FEW: i64 = 2000;
                let (_, hi) = $crate::store::patterns::prefix_range(name);
                let exact: Vec<(i64,)> = sqlx::query_as(
                    "SELECT traveller_id FROM traveller_name_keys WHERE key = $1 ORDER BY key_rank DESC LIMIT $2",
                )
                .bind(name)
                .bind(cap)
                .fetch_all(&self.pool)
                .await?;
                let mut ids: Vec<i64> = exact.into_iter().map(|(id,)| id).collect();
                let mut few: Vec<(i64, i64)> = sqlx::query_as(
                    "SELECT traveller_id, key_rank FROM traveller_name_keys WHERE key > $1 AND key < $2 LIMIT $3",
                )
                .bind(name)
                .bind(&hi)
                .bind(FEW + 1)
                .fetch_all(&self.pool)
                .await?;
                if few.len() <= FEW as usize {
                    few.sort_by_key(|(id, rank)| (std::cmp::Reverse(*rank), *id));
                    ids.extend(few.into_iter().map(|(id, _)| id));
                } else {
                    // A traveller has several forms: fetch enough rows for
                    // `cap` travellers.
                    let many: Vec<(i64,)> = sqlx::query_as(Self::RANKED_PREFIX_SQL)
                        .bind(name)
                        .bind(&hi)
                        .bind(cap * 4)
                        .fetch_all(&self.pool)
                        .await?;
                    ids.extend(many.into_iter().map(|(id,)| id));
                }
                Ok(ids)
            }
            /// Brings the search index up to `SEARCH_INDEX_VERSION` when it
            /// is older (every traveller re-indexed, in batches), and fills
            /// it in for travellers stored before search existed.
            async fn ensure_search_index(&self) -> $crate::store::StoreResult<()> {
                let stored: Option<(i64,)> =
                    sqlx::query_as("SELECT version FROM search_index_state WHERE id = 1")
                        .fetch_optional(&self.pool)
                        .await?;
                let stored = stored.map_or(0, |(v,)| v);
                if stored < $crate::store::SEARCH_INDEX_VERSION {
                    tracing::info!(from = stored, to = $crate::store::SEARCH_INDEX_VERSION, "re-indexing search");
                    self.reindex_search(true).await?;
                    sqlx::query(
                        "INSERT INTO search_index_state (id, version) VALUES (1, $1) \
                         ON CONFLICT (id) DO UPDATE SET version = excluded.version",
                    )
                    .bind($crate::store::SEARCH_INDEX_VERSION)
                    .execute(&self.pool)
                    .await?;
                } else {
                    self.reindex_search(false).await?;
                }
                Ok(())
            }
            /// Rewrites `search_text` and the search indexes of every
            /// traveller (`all`) or of those without `search_text`, in
            /// batches of their own transactions.
            async fn reindex_search(&self, all: bool) -> $crate::store::StoreResult<u64> {
                use $crate::store::{rows, search_entry::{SearchEntry, UNINDEXED_COLUMNS, UnindexedRow}};
                const BATCH: i64 = 2000;
                let filter = if all { "" } else { "search_text IS NULL AND " };
                let sql = format!(
                    "SELECT {UNINDEXED_COLUMNS} FROM travellers WHERE {filter}id > $1 ORDER BY id LIMIT $2"
                );
                let mut after = 0i64;
                let mut done = 0u64;
                loop {
                    let batch: Vec<UnindexedRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
                        .bind(after)
                        .bind(BATCH)
                        .fetch_all(&self.pool)
                        .await?;
                    let Some(last) = batch.last() else { break };
                    after = last.id;
                    let mut phones = sqlx::query_as(sqlx::AssertSqlSafe(rows::phones_sql(batch.len())));
                    for row in &batch {
                        phones = phones.bind(row.id);
                    }
                    let phones: Vec<rows::PhoneRow> = phones.fetch_all(&self.pool).await?;
                    let mut by_id: std::collections::HashMap<i64, Vec<String>> = Default::default();
                    for p in phones {
                        let (id, e164) = p.into_parts();
                        by_id.entry(id).or_default().push(e164);
                    }
                    let entries = batch
                        .iter()
                        .map(|r| r.entry(by_id.get(&r.id).into_iter().flatten().map(String::as_str)))
                        .collect::<$crate::store::StoreResult<Vec<SearchEntry>>>()?;
                    let mut tx = self.writer().begin_with(Self::BEGIN_WRITE).await?;
                    for e in &entries {
                        sqlx::query("UPDATE travellers SET search_text = $1 WHERE id = $2")
                            .bind(&e.search_text)
                            .bind(e.id)
                            .execute(&mut *tx)
                            .await?;
                    }
                    Self::index_for_search(&mut tx, &entries, true).await?;
                    tx.commit().await?;
                    done += entries.len() as u64;
                    if all && done % 100_000 < BATCH as u64 {
                        tracing::info!(travellers = done, "re-indexing search");
                    }
                }
                if done > 0 {
                    tracing::info!(travellers = done, "search index filled in");
                }
                Ok(done)
            }
        }
    };
}

pub(crate) use impl_search_store;
