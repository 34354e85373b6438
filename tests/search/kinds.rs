//! Search by every kind of query: names, numbers, references, emails,
//! hostile input, imports and stores from before search.

use std::time::{Duration, Instant};

use skydesk::{
    client::{ApiClient, ClientError},
    store::{self, seed},
    wire::SearchResults,
};

use crate::backend::{MUELLER, Only, SEEDED, ZHANG_WEI, backends, special, today};

pub async fn chinese_names_by_pinyin_initials_characters_and_latin(only: Only) {
    for b in backends(only).await {
        for q in [
            "zhangwei",
            "zw",
            "张伟",
            "Zhang",
            "zhang wei",
            "wei zhang",
            "ZHANG WEI",
        ] {
            let results = b.search(q).await;
            let hit = results
                .hits
                .iter()
                .find(|h| h.traveller.id == ZHANG_WEI)
                .unwrap_or_else(|| panic!("{}: {q:?} did not find 张伟", b.name));
            let expected = match q {
                "zhangwei" => "pinyin",
                "zw" => "initials",
                _ => "name",
            };
            assert_eq!(hit.matched_on, expected, "{}: {q:?}", b.name);
            assert!(!hit.traveller.phones.is_empty(), "phones come with the hit");
        }
        // An exact name comes before mere prefixes.
        let first = &b.search("zhang wei").await.hits[0];
        assert_eq!(
            (
                first.traveller.family_name.as_str(),
                first.traveller.given_name.as_str()
            ),
            ("Zhang", "Wei"),
            "{}",
            b.name
        );
        b.finish().await;
    }
}

pub async fn numbers_references_and_emails(only: Only) {
    for b in backends(only).await {
        let t = seed::traveller(42, today());
        let hits = b.search(&t.ffp_number.to_lowercase()).await.hits;
        assert_eq!(hits[0].traveller.id, 42, "{}: ffp", b.name);
        assert_eq!(hits[0].matched_on, "ffp_number");

        let e164 = &t.phones[0].e164;
        let tail = &e164[e164.len() - 6..];
        let hits = b.search(tail).await.hits;
        let hit = hits.iter().find(|h| h.traveller.id == 42);
        assert_eq!(
            hit.map(|h| h.matched_on.as_str()),
            Some("phone"),
            "{}: {tail}",
            b.name
        );
        let spaced = format!("{} {}", &tail[..3], &tail[3..]);
        assert!(b.ids(&spaced).await.contains(&42), "{}: {spaced}", b.name);
        assert!(b.ids(e164).await.contains(&42), "{}: {e164}", b.name);

        let with_flight = (1..=SEEDED)
            .map(|id| seed::traveller(id, today()))
            .find(|t| {
                t.flights
                    .iter()
                    .any(|f| f.pnr.chars().any(|c| c.is_ascii_digit()))
            })
            .expect("a flight whose PNR has a digit");
        let pnr = &with_flight.flights[0].pnr;
        if pnr.chars().any(|c| c.is_ascii_digit()) {
            let hits = b.search(&pnr.to_lowercase()).await.hits;
            assert!(
                hits.iter()
                    .any(|h| h.traveller.id == with_flight.id && h.matched_on == "pnr"),
                "{}: {pnr}",
                b.name
            );
        }

        let email = t.email.clone().expect("seeded email");
        let hits = b.search(&email.to_uppercase()).await.hits;
        assert_eq!(hits[0].traveller.id, 42, "{}: {email}", b.name);
        assert_eq!(hits[0].matched_on, "email");
        b.finish().await;
    }
}

pub async fn latin_names_with_and_without_diacritics(only: Only) {
    for b in backends(only).await {
        for q in [
            "Müller",
            "müller jürgen",
            "jürgen",
            "Muller",
            "mü",
            "ller j",
        ] {
            assert!(b.ids(q).await.contains(&MUELLER), "{}: {q:?}", b.name);
        }
        b.finish().await;
    }
}

pub async fn one_and_two_characters_answer_quickly(only: Only) {
    for b in backends(only).await {
        for q in ["z", "w", "l", "zh", "li", "张", "m"] {
            let started = Instant::now();
            let results = b.search(q).await;
            assert!(
                started.elapsed() < Duration::from_secs(2),
                "{}: {q:?} slow",
                b.name
            );
            assert!(!results.hits.is_empty(), "{}: {q:?} found nothing", b.name);
            assert!(results.hits.len() <= 20);
        }
        let many = b.client().search_travellers("z").await.expect("search");
        assert_eq!(many.hits.len(), 20, "{}: default limit", b.name);
        let body: SearchResults = reqwest::Client::new()
            .get(format!("{}/api/v1/travellers?q=l&limit=500", b.base))
            .bearer_auth(&b.token)
            .send()
            .await
            .expect("answer")
            .json()
            .await
            .expect("json");
        assert_eq!(body.hits.len(), 50, "{}: limit capped", b.name);
        b.finish().await;
    }
}

pub async fn hostile_queries_are_400s_and_wildcards_are_literal(only: Only) {
    for b in backends(only).await {
        let long = format!("q={}", "a".repeat(10 * 1024));
        let hostile = [
            long.as_str(),
            "q=",
            "q=%20%20",
            "",
            "q=1%27%3B%20DROP%20TABLE%20travellers%3B--",
            "q=%25",
            "q=_",
            "q=*",
            "q=%25%25%25",
            "q=zh%25",
            "q=%1B%5B2J",
            "q=zhang%1B%5D0%3Bpwned%07",
            "q=%E2%80%AEwei",
            "q=%ED%A0%80",
            "q=%FF",
            "q=%G1",
            "q=abc%",
            "q=zhang&limit=ten",
            "q=zhang&limit=0",
        ];
        for raw in hostile {
            let shown: String = raw.chars().take(40).collect();
            assert_eq!(b.status(raw).await, 400, "{}: {shown}", b.name);
        }
        let err = b
            .client()
            .search_travellers("%")
            .await
            .expect_err("refused");
        assert!(
            matches!(err, ClientError::Api { status: 400, .. }),
            "{err:?}"
        );
        // `_` is a literal character, never "any one character".
        assert!(b.search("zhan_").await.hits.is_empty(), "{}", b.name);
        assert!(b.search("z_").await.hits.is_empty(), "{}", b.name);
        // Still there after the SQL above.
        assert!(b.store.traveller_count().await.expect("count") > SEEDED);
        // No token, no search.
        let anonymous = ApiClient::new(&b.base, "wrong").expect("client");
        let err = anonymous.search_travellers("zhang").await.expect_err("401");
        assert_eq!(err.status(), Some(401));
        b.finish().await;
    }
}

/// A national landline as people write it, with its area code and trunk
/// `0`, finds the traveller as the caller lookup does.
pub async fn landlines_with_their_area_code(only: Only) {
    for b in backends(only).await {
        let mut t = special(0, "Gao", "Lan", Some("高兰"));
        t.ffp_number = "CA900000021".into();
        t.phones.truncate(1);
        t.phones[0].e164 =
            skydesk::domain::E164::parse_exact("+862164000001").expect("valid E.164");
        t.phones[0].dialled = Some("+862164000001".into());
        let ids = b
            .store
            .upsert_travellers(std::slice::from_ref(&t))
            .await
            .expect("upsert");
        for q in [
            "021 6400 0001",
            "(021) 6400-0001",
            "02164000001",
            "6400 0001",
        ] {
            let hits = b.search(q).await.hits;
            let hit = hits.iter().find(|h| h.traveller.id == ids[0]);
            assert_eq!(
                hit.map(|h| h.matched_on.as_str()),
                Some("phone"),
                "{}: {q}",
                b.name
            );
        }
        b.finish().await;
    }
}

pub async fn imports_keep_the_index_in_step(only: Only) {
    for b in backends(only).await {
        let mut t = special(0, "Ouyang", "Na", Some("欧阳娜"));
        t.ffp_number = "CA900000001".into();
        let ids = b
            .store
            .upsert_travellers(std::slice::from_ref(&t))
            .await
            .expect("upsert");
        assert!(b.ids("oyn").await.contains(&ids[0]), "{}", b.name);
        assert!(b.ids("ouyang na").await.contains(&ids[0]), "{}", b.name);
        t.family_name = "Situ".into();
        t.native_name = Some("司徒娜".into());
        t.phones.truncate(1);
        t.phones[0].e164 =
            skydesk::domain::E164::parse_exact("+8613912345678").expect("valid E.164");
        b.store
            .upsert_travellers(std::slice::from_ref(&t))
            .await
            .expect("upsert again");
        assert!(
            !b.ids("oyn").await.contains(&ids[0]),
            "{}: old name gone",
            b.name
        );
        assert!(b.ids("stn").await.contains(&ids[0]), "{}", b.name);
        assert!(b.ids("司徒娜").await.contains(&ids[0]), "{}", b.name);
        assert!(
            b.ids("12345678").await.contains(&ids[0]),
            "{}: new number",
            b.name
        );
        b.finish().await;
    }
}

/// A store from before search: `search_text` and the indexes are filled in
/// when it is opened.
pub async fn stores_from_before_search_are_indexed_on_open(only: Only) {
    for b in backends(only).await {
        let url = b.url.clone();
        if b.name == "sqlite" {
            let pool = sqlx::SqlitePool::connect(&url).await.expect("sqlite");
            for sql in [
                "UPDATE travellers SET search_text = NULL",
                "DELETE FROM traveller_name_keys",
                "DELETE FROM traveller_fts",
            ] {
                sqlx::query(sql).execute(&pool).await.expect(sql);
            }
            pool.close().await;
        } else {
            let pool = sqlx::PgPool::connect(&url).await.expect("postgres");
            for sql in [
                "UPDATE travellers SET search_text = NULL",
                "DELETE FROM traveller_name_keys",
            ] {
                sqlx::query(sql).execute(&pool).await.expect(sql);
            }
            pool.close().await;
        }
        let reopened = store::connect(&url).await.expect("reopens");
        let query = skydesk::domain::search::SearchQuery::parse("zw", "CA").expect("query");
        let found = reopened
            .search_travellers(&query, 200)
            .await
            .expect("search");
        assert!(found.iter().any(|(t, _)| t.id == ZHANG_WEI), "{}", b.name);
        let query = skydesk::domain::search::SearchQuery::parse("müller", "CA").expect("query");
        let found = reopened
            .search_travellers(&query, 200)
            .await
            .expect("search");
        assert!(found.iter().any(|(t, _)| t.id == MUELLER), "{}", b.name);
        drop(reopened);
        b.finish().await;
    }
}
