//! Traveller search: the store finds candidates through its indexes, this
//! ranks them — name matches by how well they match (exact, then prefix,
//! then fuzzy), then tier, then the most recent flight.

use std::cmp::Reverse;

use crate::{
    domain::{
        DefaultRegion, Traveller,
        fuzzy::Fuzzy,
        name_forms::NameForms,
        search::{AirlineCode, MatchedOn, SearchKind, SearchQuery},
    },
    server::error::ApiError,
    store::{SEARCH_CANDIDATES, Store},
    wire::{SearchHit, SearchResults},
};

pub const DEFAULT_LIMIT: usize = 20;
pub const MAX_LIMIT: usize = 50;

/// What a search reads from the server's settings.
#[derive(Debug, Clone, Default)]
pub struct SearchSettings {
    /// Starts the programme's own frequent-flyer numbers.
    pub airline_code: AirlineCode,
    /// Reads numbers dialled in national form, as the caller lookup does.
    pub region: DefaultRegion,
}

/// Parses `raw`, fetches candidates and returns the best `limit`.
/// A bad query is a `BadRequest` saying why.
pub async fn search(
    store: &dyn Store,
    raw: &str,
    limit: usize,
    settings: &SearchSettings,
) -> Result<SearchResults, ApiError> {
    let query = SearchQuery::parse(raw, settings.airline_code.as_str())
        .map_err(|e| ApiError::BadRequest(e.to_string()))?
        .dialled_in(settings.region);
    let candidates = store.search_travellers(&query, SEARCH_CANDIDATES).await?;
    Ok(SearchResults {
        query: query.raw.clone(),
        hits: rank(&query, candidates, limit),
    })
}

/// How well a candidate matches, higher is better: the match class (3 a
/// whole form or number, 2 its start, 1 inside it), then whether through a
/// preferred reading, then — only for matches inside a form, where the
/// class says little — a fuzzy score.
fn closeness(fuzzy: &Fuzzy, query: &SearchQuery, t: &Traveller) -> (u8, bool, i64) {
    let ffp = query.ffp_closeness(&t.ffp_number);
    if ffp > 0 {
        return (ffp, true, 0);
    }
    match &query.kind {
        SearchKind::Name(name) => {
            let forms = NameForms::new(&t.family_name, &t.given_name, t.native_name.as_deref());
            let c = forms.closeness(name);
            let fuzzy = if c.class <= 1 {
                fuzzy.score(&forms.text(), name).unwrap_or(0)
            } else {
                0
            };
            (c.class, c.preferred, fuzzy)
        }
        SearchKind::Phone(digits) => {
            let ends = t.phones.iter().any(|p| {
                p.e164.trim_start_matches('+') == digits || p.e164.ends_with(digits.as_str())
            });
            (u8::from(ends) * 2, true, 0)
        }
        SearchKind::Email(email) => {
            let exact = t
                .email
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case(email));
            (u8::from(exact) * 3, true, 0)
        }
        SearchKind::Ffp(_) | SearchKind::Pnr(_) => (0, true, 0),
    }
}

/// Best first: closeness, then tier (higher first), then the latest
/// flight (more recent first); at most `limit` (1–50).
pub fn rank(
    query: &SearchQuery,
    candidates: Vec<(Traveller, MatchedOn)>,
    limit: usize,
) -> Vec<SearchHit> {
    let fuzzy = Fuzzy::default();
    let mut scored: Vec<_> = candidates
        .into_iter()
        .map(|(traveller, matched_on)| {
            (closeness(&fuzzy, query, &traveller), traveller, matched_on)
        })
        .collect();
    scored.sort_by_key(|(score, t, _)| {
        (
            Reverse(*score),
            Reverse(t.tier),
            Reverse(t.last_flight),
            t.id,
        )
    });
    scored
        .into_iter()
        .take(limit.clamp(1, MAX_LIMIT))
        .map(|(_, traveller, matched_on)| SearchHit {
            traveller,
            matched_on,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::{Tier, traveller::fixtures::traveller};

    fn named(id: i64, family: &str, given: &str, native: Option<&str>, tier: Tier) -> Traveller {
        let mut t = traveller(id, family, tier, NaiveDate::from_ymd_opt(2026, 11, 1));
        t.given_name = given.into();
        t.native_name = native.map(String::from);
        t
    }

    fn order(raw: &str, candidates: Vec<Traveller>) -> Vec<i64> {
        let query = SearchQuery::parse(raw, "CA").expect("query");
        let candidates = candidates
            .into_iter()
            .map(|t| (t, MatchedOn::Name))
            .collect();
        rank(&query, candidates, 20)
            .iter()
            .map(|h| h.traveller.id)
            .collect()
    }

    #[test]
    fn exact_then_prefix_then_fuzzy_then_tier() {
        let candidates = vec![
            named(1, "Zhao", "Hang", None, Tier::Platinum),
            named(2, "Zhang", "Wei", Some("张伟"), Tier::Basic),
            named(3, "Zhang", "Fang", Some("张芳"), Tier::Gold),
            named(4, "Zhang", "Wei", Some("张伟"), Tier::Silver),
        ];
        assert_eq!(order("zhang wei", candidates.clone())[..2], [4, 2]);
        assert_eq!(order("zhang", candidates.clone())[..3], [3, 4, 2]);
        assert_eq!(order("zw", candidates)[..2], [4, 2]);
    }

    #[test]
    fn a_surname_reading_ranks_before_a_common_one() {
        // 区 is Ou as a surname; read as qu it fits `qm` less well than
        // 仇 read Qiu, even from a higher tier.
        let candidates = vec![
            named(1, "Ou", "Ming", Some("区明"), Tier::Platinum),
            named(2, "Qiu", "Ming", Some("仇明"), Tier::Basic),
        ];
        assert_eq!(order("qm", candidates.clone()), [2, 1]);
        assert_eq!(order("om", candidates)[0], 1);
    }

    #[test]
    fn own_and_other_frequent_flyer_numbers_rank_first() {
        let mut other = named(1, "Mu", "Hua", None, Tier::Basic);
        other.ffp_number = "MU12345678".into();
        let candidates = vec![named(2, "Mu", "Dan", None, Tier::Gold), other];
        assert_eq!(order("MU12345678", candidates), [1, 2]);
    }

    #[test]
    fn the_limit_is_capped() {
        let candidates: Vec<_> = (1..=80)
            .map(|id| named(id, "Li", "Na", None, Tier::Basic))
            .collect();
        assert_eq!(order("li", candidates.clone()).len(), 20);
        let query = SearchQuery::parse("li", "CA").expect("query");
        let all = candidates
            .into_iter()
            .map(|t| (t, MatchedOn::Name))
            .collect();
        assert_eq!(rank(&query, all, 500).len(), MAX_LIMIT);
    }
}
