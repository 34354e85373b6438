//! The bulk load on SQLite: one transaction on a connection of its own,
//! tuned for the load and closed after it, so that no other request ever
//! runs with its settings.

use async_trait::async_trait;
use sqlx::{Connection, Sqlite, Transaction};
use tokio::sync::mpsc::Receiver;

use super::bulk::{BulkLoad, SeedBatch, rebuilds_indexes, short_load};
use crate::store::{
    SqliteStore, StoreResult,
    travellers::{insert_complaints, insert_flights, insert_phones, insert_travellers},
};

/// The load's connection: no fsync until the store's own settings take
/// over again, a cache that holds the name keys being built, sorting for
/// the index builds in memory.
const LOAD_PRAGMAS: &[&str] = &[
    "PRAGMA synchronous = OFF",
    "PRAGMA cache_size = -1048576",
    "PRAGMA temp_store = MEMORY",
];

/// The tables a seed writes; their secondary indexes may be rebuilt.
const TABLES: &str =
    "'travellers', 'traveller_phones', 'flights', 'complaints', 'traveller_name_keys'";

#[async_trait]
impl BulkLoad for SqliteStore {
    async fn bulk_load(
        &self,
        batches: &mut Receiver<SeedBatch>,
        adding: i64,
        on_progress: &(dyn Fn(u64) + Send + Sync),
    ) -> StoreResult<i64> {
        let mut conn = self.pool.acquire().await?;
        let mut result = Ok(0);
        for pragma in LOAD_PRAGMAS {
            if let Err(e) = sqlx::query(*pragma).execute(&mut *conn).await {
                result = Err(e.into());
                break;
            }
        }
        if result.is_ok() {
            result = load(&mut conn, batches, adding, on_progress).await;
        }
        // The pool opens a fresh connection with the store's settings.
        if let Err(e) = conn.detach().close().await {
            tracing::warn!(error = %e, "could not close the bulk load's connection");
        }
        result
    }
}

async fn load(
    conn: &mut sqlx::SqliteConnection,
    batches: &mut Receiver<SeedBatch>,
    adding: i64,
    on_progress: &(dyn Fn(u64) + Send + Sync),
) -> StoreResult<i64> {
    let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM travellers")
        .fetch_one(&mut *tx)
        .await?;
    let rebuild = if rebuilds_indexes(existing, adding) {
        drop_indexes(&mut tx).await?
    } else {
        Vec::new()
    };
    let hash_size = fts_hash_size(&mut tx).await?;
    set_fts_hash_size(&mut tx, LOAD_FTS_HASH_SIZE).await?;
    let mut written = 0;
    while let Some(batch) = batches.recv().await {
        write_batch(&mut tx, &batch).await?;
        written += batch.len() as i64;
        on_progress(batch.len() as u64);
    }
    if written != adding {
        return Err(short_load(written, adding));
    }
    set_fts_hash_size(&mut tx, hash_size).await?;
    for sql in rebuild {
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(written)
}

/// Bytes of new substring-index entries kept in memory before they are
/// written out as a segment. FTS5's default of 1 MB makes a million
/// travellers hundreds of small segments, each merged again and again.
const LOAD_FTS_HASH_SIZE: i64 = 64 * 1024 * 1024;
/// FTS5's own default.
const DEFAULT_FTS_HASH_SIZE: i64 = 1024 * 1024;

async fn fts_hash_size(tx: &mut Transaction<'_, Sqlite>) -> StoreResult<i64> {
    let stored: Option<i64> =
        sqlx::query_scalar("SELECT v FROM traveller_fts_config WHERE k = 'hashsize'")
            .fetch_optional(&mut **tx)
            .await?;
    Ok(stored.unwrap_or(DEFAULT_FTS_HASH_SIZE))
}

async fn set_fts_hash_size(tx: &mut Transaction<'_, Sqlite>, bytes: i64) -> StoreResult<()> {
    sqlx::query("INSERT INTO traveller_fts (traveller_fts, rank) VALUES ('hashsize', $1)")
        .bind(bytes)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// An index as the schema holds it.
#[derive(sqlx::FromRow)]
struct IndexDef {
    name: String,
    sql: String,
}

/// Drops the secondary indexes of the tables a seed writes (not those
/// that enforce uniqueness) and returns the statements that build them
/// again, as the schema holds them.
async fn drop_indexes(tx: &mut Transaction<'_, Sqlite>) -> StoreResult<Vec<String>> {
    let sql = format!(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL \
         AND tbl_name IN ({TABLES}) AND sql NOT LIKE 'CREATE UNIQUE%'"
    );
    let indexes: Vec<IndexDef> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .fetch_all(&mut **tx)
        .await?;
    for index in &indexes {
        let drop = format!("DROP INDEX \"{}\"", index.name.replace('"', "\"\""));
        sqlx::query(sqlx::AssertSqlSafe(drop))
            .execute(&mut **tx)
            .await?;
    }
    Ok(indexes.into_iter().map(|index| index.sql).collect())
}

/// Rows per statement: within SQLite's 32,766 bound parameters.
const ROWS: usize = 1000;

async fn write_batch(tx: &mut Transaction<'_, Sqlite>, batch: &SeedBatch) -> StoreResult<()> {
    let rows: Vec<_> = batch
        .travellers
        .iter()
        .zip(&batch.entries)
        .map(|(t, e)| (t, e.search_text.as_str()))
        .collect();
    insert_travellers(tx, &rows).await?;

    for part in batch.entries.chunks(ROWS) {
        let mut fts = sqlx::QueryBuilder::new(
            "INSERT INTO traveller_fts (rowid, search_text, email, phones) ",
        );
        fts.push_values(part, |mut row, e| {
            row.push_bind(e.id)
                .push_bind(e.search_text.as_str())
                .push_bind(e.email.as_deref())
                .push_bind(e.phone_digits.as_str());
        });
        fts.build().execute(&mut **tx).await?;
    }

    insert_phones(tx, &super::bulk::distinct_phones(&batch.travellers)).await?;

    // In key order, so that the clustered key index is filled page by page.
    let keys = super::bulk::sorted_keys(&batch.entries);
    for part in keys.chunks(ROWS * 4) {
        let mut qb = sqlx::QueryBuilder::new(
            "INSERT INTO traveller_name_keys (key, key_rank, traveller_id) ",
        );
        qb.push_values(part, |mut row, (key, rank, id)| {
            row.push_bind(*key).push_bind(*rank).push_bind(*id);
        });
        qb.build().execute(&mut **tx).await?;
    }

    let flights: Vec<_> = batch
        .travellers
        .iter()
        .flat_map(|t| t.flights.iter().map(move |f| (t.id, f)))
        .collect();
    insert_flights(tx, &flights).await?;
    let complaints: Vec<_> = batch
        .travellers
        .iter()
        .flat_map(|t| t.complaints.iter().map(move |c| (t.id, c)))
        .collect();
    insert_complaints(tx, &complaints).await
}
