//! The embedded default: one SQLite file, WAL, `synchronous=FULL` so that a
//! power cut never loses what an agent saved.

use std::{str::FromStr, time::Duration};

use sqlx::{
    SqlitePool,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

use super::{StoreResult, shared::impl_store};

pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    pub async fn open(url: &str) -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            .pragma("cache_size", "-65536");
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        sqlx::migrate!("src/store/migrations/sqlite")
            .run(&pool)
            .await?;
        Ok(Self { pool })
    }

    async fn after_explicit_ids(_tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>) -> StoreResult<()> {
        // SQLite hands out rowids above the largest one by itself.
        Ok(())
    }
}

impl_store!(SqliteStore);
