//! Filling a store with demo travellers: generated on a thread of their
//! own, overlapping the writes, and written in one bulk load.

use chrono::NaiveDate;

use super::{EntryMaker, SeedBatch, traveller_for};
use crate::{
    domain::casework::ComplaintSettings,
    store::{NewTraveller, Store, StoreError, StoreResult},
};

/// Travellers handed to the store at a time.
const BATCH: i64 = 10_000;

/// Fills the store up to `count` demo travellers (ids 1..=count), skipping
/// those already there, their complaints in the centre's `categories`, then
/// recomputes value scores. Returns how many
/// were written.
pub async fn seed(
    store: &dyn Store,
    count: i64,
    today: NaiveDate,
    categories: &ComplaintSettings,
    on_progress: impl Fn(u64) + Send + Sync,
) -> StoreResult<i64> {
    let first = store.max_traveller_id().await? + 1;
    if first > count {
        return Ok(0);
    }
    let (tx, mut rx) = tokio::sync::mpsc::channel::<SeedBatch>(4);
    let categories = categories.clone();
    let producer = tokio::task::spawn_blocking(move || {
        let mut maker = EntryMaker::default();
        let mut start = first;
        while start <= count {
            let end = (start + BATCH - 1).min(count);
            let travellers: Vec<NewTraveller> = (start..=end)
                .map(|id| traveller_for(id, today, &categories))
                .collect();
            let entries = travellers.iter().map(|t| maker.entry(t)).collect();
            if tx
                .blocking_send(SeedBatch {
                    travellers,
                    entries,
                })
                .is_err()
            {
                return;
            }
            start = end + 1;
        }
    });
    let loaded = store
        .bulk_load(&mut rx, count - first + 1, &on_progress)
        .await;
    // A failed load stops generation at its next batch.
    drop(rx);
    let generated = producer.await;
    let written = loaded?;
    // A panic in generation would otherwise look like a short seed.
    if generated.is_err() {
        return Err(StoreError::Corrupt("demo data generation failed".into()));
    }
    store.recompute_value_scores().await?;
    store.refresh_statistics().await?;
    Ok(written)
}
