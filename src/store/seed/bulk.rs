//! Loading many new travellers at once: what a backend provides to the
//! seeder, and the batches it is handed.

use async_trait::async_trait;
use tokio::sync::mpsc::Receiver;

use crate::store::{NewPhone, NewTraveller, StoreResult, search_entry::SearchEntry};

/// Travellers to write, each with its search entry, in the same order.
pub struct SeedBatch {
    pub(crate) travellers: Vec<NewTraveller>,
    pub(crate) entries: Vec<SearchEntry>,
}

impl SeedBatch {
    /// `travellers` with the search entries the store would make for them.
    pub fn new(travellers: Vec<NewTraveller>) -> SeedBatch {
        let entries = travellers
            .iter()
            .map(|t| SearchEntry::of(t, t.id, t.last_flight()))
            .collect();
        SeedBatch {
            travellers,
            entries,
        }
    }

    pub fn len(&self) -> usize {
        self.travellers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.travellers.is_empty()
    }
}

#[async_trait]
pub trait BulkLoad: Send + Sync {
    /// Writes every batch `batches` yields (travellers whose ids are above
    /// every stored one), `adding` travellers in all, in one transaction:
    /// when fewer arrive, or anything fails, nothing is written. A load
    /// that at least doubles the travellers builds the secondary indexes
    /// once at the end instead of row by row, from the definitions the
    /// schema itself holds. Returns how many travellers were written.
    async fn bulk_load(
        &self,
        batches: &mut Receiver<SeedBatch>,
        adding: i64,
        on_progress: &(dyn Fn(u64) + Send + Sync),
    ) -> StoreResult<i64>;
}

/// Whether a load of `adding` travellers into `existing` should rebuild
/// the secondary indexes: sorting every row once beats inserting the new
/// ones into each index when they are at least as many as the old.
pub(super) fn rebuilds_indexes(existing: i64, adding: i64) -> bool {
    adding >= existing
}

/// The error for a load that received fewer travellers than announced.
pub(super) fn short_load(written: i64, adding: i64) -> crate::store::StoreError {
    crate::store::StoreError::Corrupt(format!(
        "demo data generation stopped after {written} of {adding} travellers; nothing was written"
    ))
}

/// The numbers of `travellers` as `(traveller id, number)`, each number
/// once per traveller.
pub(super) fn distinct_phones(travellers: &[NewTraveller]) -> Vec<(i64, &NewPhone)> {
    let mut out = Vec::with_capacity(travellers.len() * 2);
    for t in travellers {
        for (i, p) in t.phones.iter().enumerate() {
            if !t.phones[..i].iter().any(|q| q.e164 == p.e164) {
                out.push((t.id, p));
            }
        }
    }
    out
}

/// The name keys of `entries` as `(key, rank, traveller id)`, each once,
/// in the order of the key index.
pub(super) fn sorted_keys(entries: &[SearchEntry]) -> Vec<(&str, i64, i64)> {
    let mut keys: Vec<(&str, i64, i64)> = entries
        .iter()
        .flat_map(|e| {
            e.keys
                .iter()
                .map(move |(k, rank)| (k.as_str(), *rank, e.id))
        })
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}
