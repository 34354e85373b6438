//! The offers of calls still ringing, built once when they ring so that
//! every console that fetches one is answered without a second lookup.
//! Only ringing calls are kept, and never more than `capacity`: an offer
//! not here is built again from the store.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use crate::wire::CallOffer;

pub struct OfferCache {
    capacity: usize,
    inner: Mutex<Entries>,
}

#[derive(Default)]
struct Entries {
    next: u64,
    offers: HashMap<String, (u64, Arc<CallOffer>)>,
}

impl OfferCache {
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity: capacity.max(1),
            inner: Mutex::default(),
        }
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn get(&self, call_id: &str) -> Option<Arc<CallOffer>> {
        self.entries().offers.get(call_id).map(|(_, o)| o.clone())
    }

    pub fn insert(&self, offer: Arc<CallOffer>) {
        let mut entries = self.entries();
        entries.next += 1;
        let order = entries.next;
        entries.offers.insert(offer.call_id.clone(), (order, offer));
        if entries.offers.len() > self.capacity {
            // The oldest goes: a call whose end the phone system never sent.
            let oldest = entries
                .offers
                .iter()
                .min_by_key(|(_, (order, _))| *order)
                .map(|(id, _)| id.clone());
            if let Some(id) = oldest {
                entries.offers.remove(&id);
            }
        }
    }

    pub fn remove(&self, call_id: &str) {
        self.entries().offers.remove(call_id);
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries().offers.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        domain::{Line, LineKind},
        wire::{CallerLookup, CallerNumber},
    };

    fn offer(call_id: &str) -> Arc<CallOffer> {
        Arc::new(CallOffer {
            call_id: call_id.into(),
            line: Line {
                name: "General".into(),
                kind: LineKind::General,
            },
            queue: None,
            agent: None,
            offered_at: chrono::Utc::now(),
            caller: CallerLookup {
                dialled: "anonymous".into(),
                number: CallerNumber::Withheld,
                matches: Vec::new(),
                total: 0,
            },
        })
    }

    #[test]
    fn the_cache_never_outgrows_its_capacity_and_drops_the_oldest() {
        let cache = OfferCache::new(3);
        for n in 0..10 {
            cache.insert(offer(&format!("c{n}")));
        }
        assert_eq!(cache.len(), 3);
        assert!(cache.get("c0").is_none());
        assert!(cache.get("c9").is_some());
        cache.remove("c9");
        assert!(cache.get("c9").is_none());
    }
}
