//! The embedded default: one SQLite file, WAL, `synchronous=FULL` so that a
//! power cut never loses what an agent saved.

use std::{str::FromStr, time::Duration};

use sqlx::{
    SqlitePool,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

use async_trait::async_trait;

use super::{
    Store, StoreResult, SubstringField, dialect::Dialect, rows::placeholders,
    search_entry::SearchEntry, search_index::ensure_search_index,
};

pub struct SqliteStore {
    pub(super) pool: SqlitePool,
    /// The one connection write transactions (`BEGIN_WRITE`) run on.
    /// SQLite has one writer at a time; writers that wait for it here wait
    /// in a queue and start the moment it is free, where writers on
    /// connections of their own would poll the file's lock with growing
    /// sleeps and leave it idle between them.
    writer: SqlitePool,
}

/// The SQLite schema's migrations, embedded in the binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("src/store/migrations/sqlite");

impl SqliteStore {
    pub async fn open(url: &str) -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            .pragma("cache_size", "-262144")
            // Fewer, larger checkpoints: bulk loads spend less time in fsync.
            .pragma("wal_autocheckpoint", "10000");
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options.clone())
            .await?;
        MIGRATOR.run(&pool).await?;
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await?;
        let store = Self { pool, writer };
        ensure_search_index(&store).await?;
        Ok(store)
    }
}

impl Dialect for SqliteStore {
    type Db = sqlx::Sqlite;

    /// Cheap: analyses only what changed enough to matter.
    const REFRESH_STATISTICS: &'static str = "PRAGMA optimize";

    /// Name keys starting with `$1` (not equal to it; below `$2`), best
    /// rank first, `$3` rows at most: the distinct ranks are walked down
    /// through `(key_rank, key)`, each a seek, and the rows of each rank
    /// read there. `CROSS JOIN` keeps the ranks the outer loop.
    const RANKED_PREFIX_SQL: &'static str = "WITH RECURSIVE ranks(r) AS ( \
         SELECT (SELECT key_rank FROM traveller_name_keys ORDER BY key_rank DESC LIMIT 1) \
         UNION ALL \
         SELECT (SELECT key_rank FROM traveller_name_keys WHERE key_rank < ranks.r ORDER BY key_rank DESC LIMIT 1) \
         FROM ranks WHERE ranks.r IS NOT NULL) \
         SELECT k.traveller_id FROM ranks CROSS JOIN traveller_name_keys k \
         WHERE k.key_rank = ranks.r AND k.key > $1 AND k.key < $2 LIMIT $3";

    /// Pages of the name keys and their indexes (the `dbstat` table).
    const NAME_KEY_BYTES_SQL: &'static str = "SELECT CAST(COALESCE(SUM(pgsize), 0) AS INTEGER) FROM dbstat \
         WHERE name LIKE 'traveller\\_name\\_keys%' ESCAPE '\\'";
    /// Pages of the FTS5 trigram index's shadow tables.
    const SUBSTRING_BYTES_SQL: &'static str = "SELECT CAST(COALESCE(SUM(pgsize), 0) AS INTEGER) FROM dbstat \
         WHERE name LIKE 'traveller\\_fts%' ESCAPE '\\'";

    /// SQLite compares text byte-wise already.
    const COLLATE_BYTES: &'static str = "";

    fn writer(&self) -> &SqlitePool {
        &self.writer
    }

    fn reader(&self) -> &SqlitePool {
        &self.pool
    }

    /// A transaction that will write takes the write lock at once, so that
    /// what it read cannot change under it (and it never fails to upgrade).
    const BEGIN_WRITE: &'static str = "BEGIN IMMEDIATE";
    /// Rows need no lock of their own under `BEGIN_WRITE`.
    const LOCK_ROW: &'static str = "";
    /// One writer at a time: there is nothing locked to pass over.
    const SKIP_LOCKED: &'static str = "";

    /// Travellers whose `field` contains `needle` (3 characters or more),
    /// through the trigram index. The needle is one quoted FTS5 phrase, so
    /// nothing in it is query syntax or a wildcard.
    async fn substring_ids(
        &self,
        field: SubstringField,
        needle: &str,
        limit: i64,
    ) -> StoreResult<Vec<i64>> {
        let column = match field {
            SubstringField::Name => "search_text",
            SubstringField::Email => "email",
            SubstringField::Phone => "phones",
        };
        let phrase = format!("{column} : \"{}\"", needle.replace('"', "\"\""));
        Ok(sqlx::query_scalar(
            "SELECT rowid FROM traveller_fts WHERE traveller_fts MATCH $1 LIMIT $2",
        )
        .bind(phrase)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The FTS5 rows (rowid = traveller id) of `entries`.
    async fn index_substrings(
        tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
        entries: &[SearchEntry],
        replace: bool,
    ) -> StoreResult<()> {
        if entries.is_empty() {
            return Ok(());
        }
        if replace {
            let sql = format!(
                "DELETE FROM traveller_fts WHERE rowid IN ({})",
                placeholders(1, entries.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for e in entries {
                q = q.bind(e.id);
            }
            q.execute(&mut **tx).await?;
        }
        let mut qb = sqlx::QueryBuilder::new(
            "INSERT INTO traveller_fts (rowid, search_text, email, phones) ",
        );
        qb.push_values(entries, |mut row, e| {
            row.push_bind(e.id)
                .push_bind(e.search_text.clone())
                .push_bind(e.email.clone())
                .push_bind(e.phone_digits.clone());
        });
        qb.build().execute(&mut **tx).await?;
        Ok(())
    }

    async fn after_explicit_ids(_tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>) -> StoreResult<()> {
        // SQLite hands out rowids above the largest one by itself.
        Ok(())
    }
}

#[async_trait]
impl Store for SqliteStore {
    /// Moves the write-ahead log into the database and empties it, then
    /// closes every connection, so that what is left is one file.
    async fn close(&self) {
        self.writer.close().await;
        if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await
        {
            tracing::warn!(error = %e, "could not checkpoint the write-ahead log");
        }
        self.pool.close().await;
    }
}
