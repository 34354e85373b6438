//! PostgreSQL, for a large centre running several servers on one database.

use std::{str::FromStr, time::Duration};

use sqlx::{
    PgPool,
    postgres::{PgConnectOptions, PgPoolOptions},
};

use super::{StoreResult, SubstringField, rows::SearchEntry, shared::impl_store};
use crate::domain::search::escape_like;

pub struct PgStore {
    pool: PgPool,
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
        store.backfill_search().await?;
        Ok(store)
    }

    /// Without fresh statistics after a bulk load the planner scans tables
    /// it should reach through an index, and without a visibility map index-
    /// only scans visit the heap anyway. Autovacuum does both in time; a
    /// bulk load should not wait for it. Pages already all-visible are
    /// skipped, so a second run is cheap.
    const REFRESH_STATISTICS: &'static str = "VACUUM (ANALYZE)";

    /// Prefix ranges compare byte-wise (the `travellers_ffp_prefix` index).
    const COLLATE_BYTES: &'static str = " COLLATE \"C\"";

    const BEGIN_WRITE: &'static str = "BEGIN";
    /// Locks the row read, for the rest of the transaction.
    const LOCK_ROW: &'static str = " FOR UPDATE";

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
        let rows: Vec<(i64,)> = sqlx::query_as(sql)
            .bind(format!("%{}%", escape_like(needle)))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
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

impl_store!(PgStore, sqlx::Postgres);
