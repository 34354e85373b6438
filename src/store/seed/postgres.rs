//! The bulk load on PostgreSQL: one transaction, rows sent with `COPY`,
//! and for a load that at least doubles the travellers, the secondary
//! indexes, the trigram indexes, the keys no other table refers to and the
//! references to the travellers dropped first and made again at the end
//! from the definitions the catalog held (each a sort or a join instead
//! of millions of single-row updates and checks).

use async_trait::async_trait;
use sqlx::{Postgres, Transaction};
use tokio::sync::mpsc::Receiver;

use super::bulk::{
    BulkLoad, SeedBatch, distinct_phones, rebuilds_indexes, short_load, sorted_keys,
};
use super::copy_text::CopyText;
use crate::store::{
    PgStore, StoreResult,
    dialect::Dialect,
    rows::{enum_to_sql, segment_to_sql},
};

/// The tables a seed writes.
const TABLES: &[&str] = &[
    "travellers",
    "traveller_phones",
    "flights",
    "complaints",
    "traveller_name_keys",
];

#[async_trait]
impl BulkLoad for PgStore {
    async fn bulk_load(
        &self,
        batches: &mut Receiver<SeedBatch>,
        adding: i64,
        on_progress: &(dyn Fn(u64) + Send + Sync),
    ) -> StoreResult<i64> {
        let mut tx = self.pool.begin().await?;
        // For the index builds at the end; both last until the commit.
        sqlx::query("SET LOCAL maintenance_work_mem = '512MB'")
            .execute(&mut *tx)
            .await?;
        sqlx::query("SET LOCAL synchronous_commit = off")
            .execute(&mut *tx)
            .await?;
        let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM travellers")
            .fetch_one(&mut *tx)
            .await?;
        let rebuild = if rebuilds_indexes(existing, adding) {
            take_apart(&mut tx).await?
        } else {
            Vec::new()
        };
        let mut written = 0;
        while let Some(batch) = batches.recv().await {
            write_batch(&mut tx, &batch).await?;
            written += batch.len() as i64;
            on_progress(batch.len() as u64);
        }
        if written != adding {
            return Err(short_load(written, adding));
        }
        for sql in rebuild {
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&mut *tx)
                .await?;
        }
        PgStore::after_explicit_ids(&mut tx).await?;
        tx.commit().await?;
        Ok(written)
    }
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A key or reference of a seeded table, as the catalog defines it.
#[derive(sqlx::FromRow)]
struct ConstraintDef {
    table_name: String,
    name: String,
    definition: String,
}

/// A secondary index, as the catalog defines it.
#[derive(sqlx::FromRow)]
struct IndexDef {
    name: String,
    definition: String,
}

/// Drops what a load maintains row by row but can build at once: the
/// secondary indexes of the seeded tables, their primary and unique keys
/// that no foreign key depends on, and their foreign keys to the
/// travellers. Returns the statements that make them again, keys before
/// the references that may rely on them.
async fn take_apart(tx: &mut Transaction<'_, Postgres>) -> StoreResult<Vec<String>> {
    let tables: Vec<String> = TABLES.iter().map(|t| t.to_string()).collect();
    let constraints: Vec<ConstraintDef> = sqlx::query_as(
        "SELECT c.conrelid::regclass::text AS table_name, c.conname AS name, \
         pg_get_constraintdef(c.oid) AS definition \
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid \
         WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY($1) \
         AND (c.contype = 'f' AND c.confrelid = 'travellers'::regclass \
              OR c.contype IN ('p', 'u') AND NOT EXISTS ( \
                  SELECT 1 FROM pg_constraint r WHERE r.contype = 'f' AND r.conindid = c.conindid)) \
         ORDER BY c.contype = 'f'",
    )
    .bind(&tables)
    .fetch_all(&mut **tx)
    .await?;
    let indexes: Vec<IndexDef> = sqlx::query_as(
        "SELECT x.indexrelid::regclass::text AS name, pg_get_indexdef(x.indexrelid) AS definition \
         FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid \
         WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY($1) \
         AND NOT x.indisunique AND NOT x.indisprimary",
    )
    .bind(&tables)
    .fetch_all(&mut **tx)
    .await?;
    // References first: a key may not go while a reference relies on it.
    for c in constraints.iter().rev() {
        let sql = format!(
            "ALTER TABLE {} DROP CONSTRAINT {}",
            c.table_name,
            quoted(&c.name)
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut **tx)
            .await?;
    }
    for index in &indexes {
        let sql = format!("DROP INDEX {}", index.name);
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut **tx)
            .await?;
    }
    let mut rebuild: Vec<String> = indexes.into_iter().map(|index| index.definition).collect();
    rebuild.extend(constraints.into_iter().map(|c| {
        format!(
            "ALTER TABLE {} ADD CONSTRAINT {} {}",
            c.table_name,
            quoted(&c.name),
            c.definition
        )
    }));
    Ok(rebuild)
}

async fn copy(
    tx: &mut Transaction<'_, Postgres>,
    statement: &str,
    rows: CopyText,
) -> StoreResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let mut copy = tx.copy_in_raw(statement).await?;
    if let Err(e) = copy.send(rows.into_bytes()).await {
        // The transaction is lost either way; say why.
        let _ = copy.abort(e.to_string()).await;
        return Err(e.into());
    }
    copy.finish().await?;
    Ok(())
}

async fn write_batch(tx: &mut Transaction<'_, Postgres>, batch: &SeedBatch) -> StoreResult<()> {
    let mut rows = CopyText::default();
    for (t, entry) in batch.travellers.iter().zip(&batch.entries) {
        let (segment, account, level) = segment_to_sql(&t.segment);
        rows.plain(t.id)
            .text(&t.ffp_number)
            .text(&t.family_name)
            .text(&t.given_name)
            .opt_text(t.native_name.as_deref())
            .text(t.tier.as_str())
            .plain(t.miles_balance)
            .text(segment)
            .opt_text(account.as_deref())
            .opt_plain(level)
            .opt_text(t.email.as_deref())
            .opt_plain(t.birth_date)
            .plain(t.flights_12m)
            .plain(t.miles_12m)
            .plain(t.premium_share)
            .opt_plain(t.last_flight())
            .text(&entry.search_text)
            .opt_plain(t.tier_valid_until)
            .plain(t.qualifying_flights)
            .plain(t.qualifying_miles)
            .end_row();
    }
    copy(
        tx,
        "COPY travellers (id, ffp_number, family_name, given_name, native_name, tier, \
         miles_balance, segment, corporate_account, gov_level, email, birth_date, flights_12m, \
         miles_12m, premium_share, last_flight, search_text, tier_valid_until, \
         qualifying_flights, qualifying_miles) FROM STDIN",
        rows,
    )
    .await?;

    let mut rows = CopyText::default();
    for (id, p) in distinct_phones(&batch.travellers) {
        rows.text(p.e164.as_str())
            .plain(id)
            .text(&p.label)
            .opt_text(p.dialled.as_deref())
            .end_row();
    }
    copy(
        tx,
        "COPY traveller_phones (e164, traveller_id, label, dialled) FROM STDIN",
        rows,
    )
    .await?;

    let mut rows = CopyText::default();
    for (key, rank, id) in sorted_keys(&batch.entries) {
        rows.text(key).plain(rank).plain(id).end_row();
    }
    copy(
        tx,
        "COPY traveller_name_keys (key, key_rank, traveller_id) FROM STDIN",
        rows,
    )
    .await?;

    let mut rows = CopyText::default();
    for t in &batch.travellers {
        for f in &t.flights {
            rows.plain(t.id)
                .plain(f.date)
                .text(&f.flight_no)
                .text(&f.origin)
                .text(&f.destination)
                .text(&enum_to_sql(&f.cabin))
                .text(&enum_to_sql(&f.status))
                .plain(f.delay_minutes)
                .text(&f.pnr)
                .opt_plain(f.departure.map(|at| at.timestamp()))
                .end_row();
        }
    }
    copy(
        tx,
        "COPY flights (traveller_id, flight_date, flight_no, origin, destination, cabin, status, \
         delay_minutes, pnr, departure_at) FROM STDIN",
        rows,
    )
    .await?;

    let mut rows = CopyText::default();
    for t in &batch.travellers {
        for c in &t.complaints {
            rows.plain(t.id)
                .text(&c.category)
                .text(&enum_to_sql(&c.status))
                .plain(c.opened_at.timestamp())
                .plain(c.due_at.timestamp())
                .text(&c.summary)
                .end_row();
        }
    }
    copy(
        tx,
        "COPY complaints (traveller_id, category, status, opened_at, due_at, summary) FROM STDIN",
        rows,
    )
    .await?;
    Ok(())
}
