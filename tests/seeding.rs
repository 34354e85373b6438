//! The seeder's bulk load on both backends: the schema the migrations made
//! is the schema after a seed (indexes and keys it rebuilds come back as
//! they were), and a load that receives fewer travellers than announced
//! writes nothing.

mod common;

use chrono::{NaiveDate, Utc};
use skydesk::store::{
    self,
    seed::{self, SeedBatch},
};

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// Every index, key and table definition of the database at `url`, and on
/// SQLite the substring index's settings.
async fn schema(url: &str) -> Vec<String> {
    if url.starts_with("sqlite:") {
        let pool = sqlx::SqlitePool::connect(url).await.expect("sqlite opens");
        let mut rows: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
            // The statistics tables come with the first analysis.
            "SELECT type, name, tbl_name, sql FROM sqlite_master \
             WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name",
        )
        .fetch_all(&pool)
        .await
        .expect("sqlite_master");
        let config: Vec<(String, String)> =
            sqlx::query_as("SELECT k, CAST(v AS TEXT) FROM traveller_fts_config ORDER BY k")
                .fetch_all(&pool)
                .await
                .expect("fts config");
        pool.close().await;
        rows.extend(
            config
                .into_iter()
                .filter(|(k, v)| !(k == "hashsize" && v == "1048576"))
                .map(|(k, v)| ("fts config".into(), k, v, None)),
        );
        rows.into_iter().map(|r| format!("{r:?}")).collect()
    } else {
        let pool = sqlx::PgPool::connect(url).await.expect("postgres opens");
        let mut rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT indexname::text, indexdef FROM pg_indexes \
             WHERE schemaname = current_schema() ORDER BY indexname",
        )
        .fetch_all(&pool)
        .await
        .expect("pg_indexes");
        let constraints: Vec<(String, String)> = sqlx::query_as(
            "SELECT conrelid::regclass::text || '.' || conname, pg_get_constraintdef(oid) \
             FROM pg_constraint WHERE connamespace = current_schema()::regnamespace ORDER BY 1",
        )
        .fetch_all(&pool)
        .await
        .expect("pg_constraint");
        pool.close().await;
        rows.extend(constraints);
        rows.into_iter().map(|r| format!("{r:?}")).collect()
    }
}

async fn seeding_keeps_the_schema(url: String) {
    let store = store::connect(&url).await.expect("store opens");
    let before = schema(&url).await;
    assert!(
        before
            .iter()
            .any(|r| r.contains("traveller_name_keys_by_rank")),
        "{before:#?}"
    );
    // Into an empty store (indexes rebuilt), then a top-up (kept).
    for (count, written) in [(400, 400), (450, 50)] {
        assert_eq!(
            seed::seed(store.as_ref(), count, today(), &Default::default(), |_| {})
                .await
                .expect("seeded"),
            written
        );
        assert_eq!(schema(&url).await, before, "after seeding {count}");
    }
    let t = seed::traveller(123, today());
    let found =
        skydesk::server::search::search(store.as_ref(), &t.ffp_number, 5, &Default::default())
            .await
            .expect("search");
    assert_eq!(found.hits.first().map(|h| h.traveller.id), Some(123));
    store.close().await;
}

async fn a_load_that_stops_short_writes_nothing(url: String) {
    let store = store::connect(&url).await.expect("store opens");
    let before = schema(&url).await;
    let (tx, mut rx) = tokio::sync::mpsc::channel(1);
    let travellers = (1..=100).map(|id| seed::traveller(id, today())).collect();
    tx.send(SeedBatch::new(travellers)).await.expect("sent");
    drop(tx);
    let loaded = store.bulk_load(&mut rx, 200, &|_| {}).await;
    assert!(loaded.is_err(), "{loaded:?}");
    assert_eq!(store.traveller_count().await.expect("count"), 0);
    assert_eq!(schema(&url).await, before);
    store.close().await;
}

common::backend_suite!(
    seeding_keeps_the_schema,
    a_load_that_stops_short_writes_nothing
);
