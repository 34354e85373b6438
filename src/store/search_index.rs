//! The search index kept in step with the travellers: the name keys every
//! backend writes, and the backend's own substring index (`Dialect`).

use std::collections::HashMap;

use sqlx::Transaction;

use super::{
    SEARCH_INDEX_VERSION, StoreResult,
    dialect::Dialect,
    rows::{self, PhoneRow},
    search_entry::{SearchEntry, UNINDEXED_COLUMNS, UnindexedRow},
    sql::{Arg, ExecConn, RowArg, SqlDb},
};

/// Entries per round of statements.
const CHUNK: usize = 500;

/// Writes the name keys of `entries` (and the backend's own search index);
/// `replace` drops what the travellers had first.
pub(crate) async fn index_for_search<S>(
    tx: &mut Transaction<'_, S::Db>,
    entries: &[SearchEntry],
    replace: bool,
) -> StoreResult<()>
where
    S: Dialect,
    S::Db: SqlDb,
{
    for chunk in entries.chunks(CHUNK) {
        if replace {
            let sql = format!(
                "DELETE FROM traveller_name_keys WHERE traveller_id IN ({})",
                rows::placeholders(1, chunk.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for e in chunk {
                q = q.arg(e.id);
            }
            q.execute((**tx).exec()).await?;
        }
        let keys: Vec<(i64, &str, i64)> = chunk
            .iter()
            .flat_map(|e| {
                e.keys
                    .iter()
                    .map(move |(k, rank)| (e.id, k.as_str(), *rank))
            })
            .collect();
        for part in keys.chunks(CHUNK * 4) {
            let mut qb = sqlx::QueryBuilder::<S::Db>::new(
                "INSERT INTO traveller_name_keys (key, key_rank, traveller_id) ",
            );
            qb.push_values(part, |mut row, (id, key, rank)| {
                row.arg(*key).arg(*rank).arg(*id);
            });
            qb.push(" ON CONFLICT DO NOTHING");
            qb.build().execute((**tx).exec()).await?;
        }
        S::index_substrings(tx, chunk, replace).await?;
    }
    Ok(())
}

/// Brings the search index up to `SEARCH_INDEX_VERSION` when it is older
/// (every traveller re-indexed, in batches), and fills it in for
/// travellers stored before search existed.
pub(crate) async fn ensure_search_index<S>(store: &S) -> StoreResult<()>
where
    S: Dialect + Sync,
    S::Db: SqlDb,
    UnindexedRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    PhoneRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    (i64,): for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    let mut conn = store.reader().acquire().await?;
    let stored: Option<i64> =
        sqlx::query_scalar("SELECT version FROM search_index_state WHERE id = 1")
            .fetch_optional((*conn).exec())
            .await?;
    drop(conn);
    let stored = stored.unwrap_or(0);
    if stored < SEARCH_INDEX_VERSION {
        tracing::info!(
            from = stored,
            to = SEARCH_INDEX_VERSION,
            "re-indexing search"
        );
        reindex_search(store, true).await?;
        let mut conn = store.writer().acquire().await?;
        sqlx::query(
            "INSERT INTO search_index_state (id, version) VALUES (1, $1) \
             ON CONFLICT (id) DO UPDATE SET version = excluded.version",
        )
        .arg(SEARCH_INDEX_VERSION)
        .execute((*conn).exec())
        .await?;
    } else {
        reindex_search(store, false).await?;
    }
    Ok(())
}

/// Rewrites `search_text` and the search indexes of every traveller
/// (`all`) or of those without `search_text`, in batches of their own
/// transactions.
async fn reindex_search<S>(store: &S, all: bool) -> StoreResult<u64>
where
    S: Dialect + Sync,
    S::Db: SqlDb,
    UnindexedRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
    PhoneRow: for<'r> sqlx::FromRow<'r, <S::Db as sqlx::Database>::Row>,
{
    const BATCH: i64 = 2000;
    let filter = if all { "" } else { "search_text IS NULL AND " };
    let sql = format!(
        "SELECT {UNINDEXED_COLUMNS} FROM travellers WHERE {filter}id > $1 ORDER BY id LIMIT $2"
    );
    let mut after = 0i64;
    let mut done = 0u64;
    loop {
        let mut conn = store.reader().acquire().await?;
        let batch: Vec<UnindexedRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .arg(after)
            .arg(BATCH)
            .fetch_all((*conn).exec())
            .await?;
        let Some(last) = batch.last() else { break };
        after = last.id;
        let mut phones = sqlx::query_as(sqlx::AssertSqlSafe(rows::phones_sql(batch.len())));
        for row in &batch {
            phones = phones.arg(row.id);
        }
        let phones: Vec<PhoneRow> = phones.fetch_all((*conn).exec()).await?;
        drop(conn);
        let mut by_id: HashMap<i64, Vec<String>> = HashMap::new();
        for p in phones {
            let (id, e164) = p.into_parts();
            by_id.entry(id).or_default().push(e164);
        }
        let entries = batch
            .iter()
            .map(|r| r.entry(by_id.get(&r.id).into_iter().flatten().map(String::as_str)))
            .collect::<StoreResult<Vec<SearchEntry>>>()?;
        let mut tx = store.writer().begin_with(S::BEGIN_WRITE).await?;
        for e in &entries {
            sqlx::query("UPDATE travellers SET search_text = $1 WHERE id = $2")
                .arg(e.search_text.as_str())
                .arg(e.id)
                .execute((*tx).exec())
                .await?;
        }
        index_for_search::<S>(&mut tx, &entries, true).await?;
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
