//! The travellers who share one number (a switchboard can have hundreds),
//! filtered as a chooser filters them, so that a filter reaches every one
//! of them and not only the MAX_MATCHES a lookup shows.

use std::collections::HashMap;

use super::{StoreResult, rows::TravellerRow};
use crate::domain::{CallerProfile, fuzzy::Fuzzy};

/// Most travellers of one number a filter looks through.
pub const MAX_HOLDERS: i64 = 10_000;

/// The order of a lookup's matches, as `rank_matches` ranks them, so that
/// a LIMIT keeps the most valuable travellers rather than the oldest ids.
pub const RANK_ORDER: &str = "CASE t.tier WHEN 'platinum' THEN 3 WHEN 'gold' THEN 2 \
     WHEN 'silver' THEN 1 ELSE 0 END DESC, t.last_flight IS NULL, t.last_flight DESC, \
     t.family_name, t.id";

/// The `limit` best matches of `query` among `holders` (in rank order),
/// and how many matched in all. Equal scores keep the rank order.
pub fn best_matches(
    holders: Vec<TravellerRow>,
    query: &str,
    limit: usize,
) -> StoreResult<(Vec<TravellerRow>, usize)> {
    let fuzzy = Fuzzy::default();
    let mut scored = Vec::new();
    for row in holders {
        let text = row.clone().into_traveller()?.filter_text();
        if let Some(score) = fuzzy.score(&text, query) {
            scored.push((score, row));
        }
    }
    scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    let total = scored.len();
    Ok((
        scored.into_iter().take(limit).map(|(_, row)| row).collect(),
        total,
    ))
}

/// `profiles` in the order of `ids` (completing profiles ranks them anew).
pub fn in_order(profiles: Vec<CallerProfile>, ids: &[i64]) -> Vec<CallerProfile> {
    let position: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut profiles = profiles;
    profiles.sort_by_key(|p| position.get(&p.traveller.id).copied().unwrap_or(usize::MAX));
    profiles
}
