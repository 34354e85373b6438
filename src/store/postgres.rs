//! PostgreSQL, for a large centre running several servers on one database.

use std::{str::FromStr, time::Duration};

use sqlx::{
    PgPool,
    postgres::{PgConnectOptions, PgPoolOptions},
};

use super::{StoreResult, shared::impl_store};

pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    pub async fn open(url: &str) -> StoreResult<Self> {
        let options = PgConnectOptions::from_str(url)?;
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        sqlx::migrate!("src/store/migrations/postgres")
            .run(&pool)
            .await?;
        Ok(Self { pool })
    }

    async fn after_explicit_ids(tx: &mut sqlx::Transaction<'_, sqlx::Postgres>) -> StoreResult<()> {
        // Rows inserted with explicit ids do not advance the sequence.
        sqlx::query("SELECT setval(pg_get_serial_sequence('travellers', 'id'), GREATEST((SELECT MAX(id) FROM travellers), 1))")
            .execute(&mut **tx)
            .await?;
        Ok(())
    }
}

impl_store!(PgStore);
