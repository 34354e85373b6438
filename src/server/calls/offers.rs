//! The offers of calls still ringing, built once when they ring so that
//! every console that fetches one is answered without a second lookup.
//! Only ringing calls are kept, and never more than `capacity`: an offer
//! not here is built again from the store.

use std::{
    num::NonZeroUsize,
    sync::{Arc, Mutex},
};

use lru::LruCache;

use crate::wire::CallOffer;

pub struct OfferCache {
    /// In the order the offers were built: read with `peek`, so that being
    /// fetched does not keep a stale call's offer from going first.
    offers: Mutex<LruCache<String, Arc<CallOffer>>>,
}

impl OfferCache {
    pub fn new(capacity: usize) -> Self {
        let capacity = NonZeroUsize::new(capacity).unwrap_or(NonZeroUsize::MIN);
        Self {
            offers: Mutex::new(LruCache::new(capacity)),
        }
    }

    fn offers(&self) -> std::sync::MutexGuard<'_, LruCache<String, Arc<CallOffer>>> {
        self.offers.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn get(&self, call_id: &str) -> Option<Arc<CallOffer>> {
        self.offers().peek(call_id).cloned()
    }

    /// Past capacity the oldest goes: a call whose end the phone system
    /// never sent.
    pub fn insert(&self, offer: Arc<CallOffer>) {
        self.offers().put(offer.call_id.clone(), offer);
    }

    pub fn remove(&self, call_id: &str) {
        self.offers().pop(call_id);
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.offers().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer(call_id: &str) -> Arc<CallOffer> {
        Arc::new(CallOffer::withheld(call_id))
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
        // Fetching an offer does not keep it: the oldest built goes first.
        assert!(cache.get("c7").is_some());
        cache.insert(offer("c10"));
        assert!(cache.get("c7").is_none());
        cache.remove("c9");
        assert!(cache.get("c9").is_none());
    }
}
