//! PostgreSQL, for a large centre running several servers on one database.

use std::{str::FromStr, time::Duration};

use sqlx::{
    PgPool,
    postgres::{PgConnectOptions, PgPoolOptions},
};

use async_trait::async_trait;

use super::patterns::escape_like;
use super::{
    Store, StoreResult, SubstringField, dialect::Dialect, search_entry::SearchEntry,
    search_index::ensure_search_index,
};

pub struct PgStore {
    pub(super) pool: PgPool,
}

/// The PostgreSQL schema's migrations, embedded in the binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("src/store/migrations/postgres");

impl PgStore {
    pub async fn open(url: &str) -> StoreResult<Self> {
        let options = PgConnectOptions::from_str(url)?;
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        MIGRATOR.run(&pool).await?;
        let store = Self { pool };
        ensure_search_index(&store).await?;
        Ok(store)
    }
}

impl Dialect for PgStore {
    type Db = sqlx::Postgres;

    /// Writers run side by side, each locking the rows it changes.
    fn writer(&self) -> &PgPool {
        &self.pool
    }

    fn reader(&self) -> &PgPool {
        &self.pool
    }

    /// Without fresh statistics after a bulk load the planner scans tables
    /// it should reach through an index, and without a visibility map index-
    /// only scans visit the heap anyway. Autovacuum does both in time; a
    /// bulk load should not wait for it. Pages already all-visible are
    /// skipped, so a second run is cheap.
    const REFRESH_STATISTICS: &'static str = "VACUUM (ANALYZE)";

    /// Name keys starting with `$1` (not equal to it; below `$2`), best
    /// rank first, `$3` rows at most: the distinct ranks are walked down
    /// through `(key_rank, key)`, each a seek, and the rows of each rank
    /// read there; the recursion runs only as far as the rows are needed.
    const RANKED_PREFIX_SQL: &'static str = "WITH RECURSIVE ranks(r) AS ( \
         SELECT (SELECT key_rank FROM traveller_name_keys ORDER BY key_rank DESC LIMIT 1) \
         UNION ALL \
         SELECT (SELECT key_rank FROM traveller_name_keys WHERE key_rank < ranks.r ORDER BY key_rank DESC LIMIT 1) \
         FROM ranks WHERE ranks.r IS NOT NULL) \
         SELECT k.traveller_id FROM ranks CROSS JOIN LATERAL ( \
         SELECT traveller_id FROM traveller_name_keys \
         WHERE key_rank = ranks.r AND key > $1 AND key < $2 LIMIT $3) k LIMIT $3";

    /// The name keys with their indexes.
    const NAME_KEY_BYTES_SQL: &'static str =
        "SELECT pg_total_relation_size('traveller_name_keys')::BIGINT";
    /// The trigram indexes of names, emails and phones.
    const SUBSTRING_BYTES_SQL: &'static str = "SELECT (pg_relation_size('travellers_search_trgm') \
         + pg_relation_size('travellers_email_trgm') + pg_relation_size('traveller_phones_e164_trgm'))::BIGINT";

    /// Prefix ranges compare byte-wise (the `travellers_ffp_prefix` index).
    const COLLATE_BYTES: &'static str = " COLLATE \"C\"";

    const BEGIN_WRITE: &'static str = "BEGIN";
    /// Locks the row read, for the rest of the transaction.
    const LOCK_ROW: &'static str = " FOR UPDATE";
    /// Two servers sweeping at once each claim rows the other has not.
    const SKIP_LOCKED: &'static str = " FOR UPDATE SKIP LOCKED";

    /// Travellers whose `field` contains `needle` (3 characters or more),
    /// through the pg_trgm GIN indexes; `%`, `_` and backslashes are escaped.
    async fn substring_ids(
        &self,
        field: SubstringField,
        needle: &str,
        limit: i64,
    ) -> StoreResult<Vec<i64>> {
        let sql = match field {
            SubstringField::Name => {
                "SELECT id FROM travellers WHERE search_text LIKE $1 ESCAPE '\\' LIMIT $2"
            }
            SubstringField::Email => {
                "SELECT id FROM travellers WHERE email ILIKE $1 ESCAPE '\\' LIMIT $2"
            }
            SubstringField::Phone => {
                "SELECT traveller_id FROM traveller_phones WHERE e164 LIKE $1 ESCAPE '\\' LIMIT $2"
            }
        };
        Ok(sqlx::query_scalar(sql)
            .bind(format!("%{}%", escape_like(needle)))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?)
    }

    /// The trigram indexes follow the tables by themselves.
    async fn index_substrings(
        _tx: &mut sqlx::Transaction<'_, sqlx::Postgres>,
        _entries: &[SearchEntry],
        _replace: bool,
    ) -> StoreResult<()> {
        Ok(())
    }

    async fn after_explicit_ids(tx: &mut sqlx::Transaction<'_, sqlx::Postgres>) -> StoreResult<()> {
        // Rows inserted with explicit ids do not advance the sequence.
        sqlx::query("SELECT setval(pg_get_serial_sequence('travellers', 'id'), GREATEST((SELECT MAX(id) FROM travellers), 1))")
            .execute(&mut **tx)
            .await?;
        Ok(())
    }
}

#[async_trait]
impl Store for PgStore {
    async fn close(&self) {
        self.pool.close().await;
    }
}
