//! Which traveller comes first: surname readings over common ones, every
//! family sharing initials ranked across all candidates, numbers of other
//! programmes, and an older index rebuilt when the store opens.

use chrono::Duration;
use skydesk::{
    domain::{Tier, search::SearchQuery},
    store::{self, NewTraveller, seed},
};

use crate::backend::{Only, backends_with, special, today};

/// A traveller of `tier` whose last flight was `days_ago`.
fn flown(
    id: i64,
    family: &str,
    given: &str,
    native: &str,
    tier: Tier,
    days_ago: i64,
) -> NewTraveller {
    let template = (1..)
        .map(|id| seed::traveller(id, today()))
        .find_map(|t| t.flights.first().cloned())
        .expect("a seeded flight");
    let mut t = special(id, family, given, Some(native));
    t.tier = tier;
    let mut flight = template;
    flight.date = today() - Duration::days(days_ago);
    t.flights = vec![flight];
    t.complaints.clear();
    t
}

const QIU_MING: i64 = 4001;
const OU_MING: i64 = 4002;

/// `qm` is 仇明 (Qiu Ming) by the surname's reading; 区明 is Ou Ming and
/// only `qm` when 区 is misread as qu, so it comes second even from a
/// higher tier.
pub async fn qm_lists_qiu_ming_before_ou_ming(only: Only) {
    let travellers = [
        flown(OU_MING, "Ou", "Ming", "区明", Tier::Platinum, 1),
        flown(QIU_MING, "Qiu", "Ming", "仇明", Tier::Basic, 300),
    ];
    for b in backends_with(only, 0, &travellers).await {
        assert_eq!(b.ids("qm").await, [QIU_MING, OU_MING], "{}", b.name);
        assert_eq!(b.ids("qiuming").await, [QIU_MING], "{}", b.name);
        assert_eq!(b.ids("om").await, [OU_MING], "{}", b.name);
        let hit = &b.search("chouming").await.hits[0];
        assert_eq!(hit.traveller.id, QIU_MING, "{}", b.name);
        assert_eq!(hit.matched_on, "pinyin");
        b.finish().await;
    }
}

const ZHANG_WEI: i64 = 6001;
const ZHU_WEI_PLATINUM: i64 = 6002;
const ZHOU_WEI: i64 = 6003;
const ZHAO_WEI: i64 = 6004;
/// More ZHU Wei than one search fetches candidates, all with lower ids and
/// so first in key order, and enough name keys starting `zh` that the store
/// reads them rank by rank rather than sorting them.
const ZHU_WEIS: i64 = 800;

pub async fn common_initials_rank_every_family_across_all_candidates(only: Only) {
    let mut travellers: Vec<_> = (0..ZHU_WEIS)
        .map(|i| flown(5001 + i, "Zhu", "Wei", "朱伟", Tier::Basic, 10 + i % 300))
        .collect();
    travellers.extend([
        flown(ZHANG_WEI, "Zhang", "Wei", "张伟", Tier::Platinum, 2),
        flown(ZHU_WEI_PLATINUM, "Zhu", "Wei", "朱伟", Tier::Platinum, 40),
        flown(ZHOU_WEI, "Zhou", "Wei", "周伟", Tier::Gold, 400),
        flown(ZHAO_WEI, "Zhao", "Wei", "赵伟", Tier::Silver, 5),
    ]);
    let best = [ZHANG_WEI, ZHU_WEI_PLATINUM, ZHOU_WEI, ZHAO_WEI];
    for b in backends_with(only, 0, &travellers).await {
        for q in ["zw", "zh", "z", "伟", "wei"] {
            let found = b.ids(q).await;
            assert_eq!(found[..4], best, "{}: {q:?}", b.name);
            assert_eq!(found.len(), 20, "{}: {q:?}", b.name);
        }
        // The rest are the ZHU Wei who flew last, most recent first.
        let found = b.ids("zw").await;
        assert_eq!(found[4..7], [5001, 5301, 5601], "{}", b.name);
        b.finish().await;
    }
}

pub async fn frequent_flyer_numbers_of_other_programmes_are_found(only: Only) {
    let numbered = |id: i64, ffp: &str| {
        let mut t = special(id, "Mu", "Hua", None);
        t.ffp_number = ffp.into();
        t
    };
    let travellers = [
        numbered(7001, "MU12345678"),
        numbered(7002, "ABCDEF"),
        numbered(7003, "123456789012"),
        numbered(7004, "X9"),
    ];
    for b in backends_with(only, 0, &travellers).await {
        for (q, id) in [
            ("mu12345678", 7001),
            ("MU1234", 7001),
            ("abcdef", 7002),
            ("123456789012", 7003),
            ("x9", 7004),
        ] {
            let hit = &b.search(q).await.hits[0];
            assert_eq!(hit.traveller.id, id, "{}: {q:?}", b.name);
            assert_eq!(hit.matched_on, "ffp_number", "{}: {q:?}", b.name);
        }
        b.finish().await;
    }
}

/// A store whose search index is of an older version (here: emptied and
/// marked version 1) re-indexes every traveller when it opens.
pub async fn an_older_search_index_is_rebuilt_on_open(only: Only) {
    let travellers = [flown(QIU_MING, "Qiu", "Ming", "仇明", Tier::Basic, 3)];
    for b in backends_with(only, 0, &travellers).await {
        let url = b.url.clone();
        let old = [
            "UPDATE search_index_state SET version = 1",
            "DELETE FROM traveller_name_keys",
        ];
        if b.name == "sqlite" {
            let pool = sqlx::SqlitePool::connect(&url).await.expect("sqlite");
            for sql in old {
                sqlx::query(sql).execute(&pool).await.expect(sql);
            }
            pool.close().await;
        } else {
            let pool = sqlx::PgPool::connect(&url).await.expect("postgres");
            for sql in old {
                sqlx::query(sql).execute(&pool).await.expect(sql);
            }
            pool.close().await;
        }
        let query = SearchQuery::parse("qm", "CA").expect("query");
        assert!(
            b.store
                .search_travellers(&query, 20)
                .await
                .expect("search")
                .is_empty()
        );
        let reopened = store::connect(&url).await.expect("reopens");
        let found = reopened
            .search_travellers(&query, 20)
            .await
            .expect("search");
        assert_eq!(found.len(), 1, "{}", b.name);
        assert_eq!(found[0].0.id, QIU_MING, "{}", b.name);
        drop(reopened);
        b.finish().await;
    }
}
