//! Traveller search over HTTP: SQLite always, PostgreSQL too when
//! `SKYDESK_TEST_DATABASE_URL` is set (each run in a database of its own).

mod common;

use std::{
    sync::atomic::{AtomicUsize, Ordering},
    time::{Duration, Instant},
};

use chrono::{NaiveDate, Utc};
use skydesk::{
    client::{ApiClient, ClientError},
    server::ServerConfig,
    store::{self, DynStore, NewTraveller, seed},
    wire::SearchResults,
};

const SEEDED: i64 = 300;
const ZHANG_WEI: i64 = 1001;
const MUELLER: i64 = 1002;

struct Backend {
    name: &'static str,
    url: String,
    store: DynStore,
    base: String,
    token: String,
    _dir: Option<tempfile::TempDir>,
    /// (server URL, database) to drop at the end.
    pg: Option<(String, String)>,
}

impl Backend {
    fn client(&self) -> ApiClient {
        ApiClient::new(&self.base, &self.token).expect("client")
    }

    async fn search(&self, q: &str) -> SearchResults {
        self.client()
            .search_travellers(q)
            .await
            .unwrap_or_else(|e| panic!("{}: {q:?}: {e}", self.name))
    }

    async fn ids(&self, q: &str) -> Vec<i64> {
        self.search(q)
            .await
            .hits
            .iter()
            .map(|h| h.traveller.id)
            .collect()
    }

    async fn status(&self, raw_query: &str) -> u16 {
        let response = reqwest::Client::new()
            .get(format!("{}/api/v1/travellers?{raw_query}", self.base))
            .bearer_auth(&self.token)
            .send()
            .await
            .expect("answer");
        let status = response.status().as_u16();
        if status != 200 {
            assert_eq!(
                response.headers()["content-type"],
                "application/problem+json",
                "{raw_query}"
            );
        }
        status
    }

    async fn finish(self) {
        let Backend { store, pg, .. } = self;
        drop(store);
        if let Some((server, db)) = pg {
            drop_database(&server, &db).await;
        }
    }
}

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// A seeded traveller renamed, with an id of its own.
fn special(id: i64, family: &str, given: &str, native: Option<&str>) -> NewTraveller {
    let mut t = seed::traveller(id, today());
    t.family_name = family.into();
    t.given_name = given.into();
    t.native_name = native.map(String::from);
    t.email = Some(format!(
        "{}.{}{id}@example.org",
        given.to_lowercase(),
        family.to_lowercase()
    ));
    t
}

async fn fill(store: &DynStore) {
    seed::seed(store.as_ref(), SEEDED, today(), |_| {})
        .await
        .expect("seeded");
    store
        .insert_new_travellers(&[
            special(ZHANG_WEI, "Zhang", "Wei", Some("张伟")),
            special(MUELLER, "Müller", "Jürgen", None),
        ])
        .await
        .expect("specials inserted");
}

async fn serve(store: DynStore) -> (String, String, DynStore) {
    let (base, token) = common::serve_signed_in(store.clone(), ServerConfig::default()).await;
    (base, token, store)
}

static DATABASES: AtomicUsize = AtomicUsize::new(0);

fn pg_admin_url() -> Option<String> {
    std::env::var("SKYDESK_TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

/// `postgres://user@host:port/db` with another database name.
fn with_database(url: &str, db: &str) -> String {
    let (head, _) = url.rsplit_once('/').expect("a database URL");
    format!("{head}/{db}")
}

async fn drop_database(admin: &str, db: &str) {
    if let Ok(pool) = sqlx::PgPool::connect(admin).await {
        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {db} WITH (FORCE)"
        )))
        .execute(&pool)
        .await;
    }
}

/// The backends to test against, each filled with the same travellers.
async fn backends() -> Vec<Backend> {
    let mut out = Vec::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("search.db").display());
    let store = store::connect(&url).await.expect("sqlite opens");
    fill(&store).await;
    let (base, token, store) = serve(store).await;
    out.push(Backend {
        name: "sqlite",
        url,
        store,
        base,
        token,
        _dir: Some(dir),
        pg: None,
    });
    if let Some(admin) = pg_admin_url() {
        let db = format!(
            "skydesk_search_{}_{}",
            std::process::id(),
            DATABASES.fetch_add(1, Ordering::SeqCst)
        );
        let pool = sqlx::PgPool::connect(&admin)
            .await
            .expect("postgres reachable");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {db}")))
            .execute(&pool)
            .await
            .expect("database created");
        pool.close().await;
        let url = with_database(&admin, &db);
        let store = store::connect(&url).await.expect("postgres opens");
        fill(&store).await;
        let (base, token, store) = serve(store).await;
        out.push(Backend {
            name: "postgres",
            url,
            store,
            base,
            token,
            _dir: None,
            pg: Some((admin, db)),
        });
    }
    out
}

#[tokio::test]
async fn chinese_names_by_pinyin_initials_characters_and_latin() {
    for b in backends().await {
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
            let expected = if matches!(q, "zhangwei" | "zw") {
                "pinyin"
            } else {
                "name"
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

#[tokio::test]
async fn numbers_references_and_emails() {
    for b in backends().await {
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

#[tokio::test]
async fn latin_names_with_and_without_diacritics() {
    for b in backends().await {
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

#[tokio::test]
async fn one_and_two_characters_answer_quickly() {
    for b in backends().await {
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

#[tokio::test]
async fn hostile_queries_are_400s_and_wildcards_are_literal() {
    for b in backends().await {
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

#[tokio::test]
async fn imports_keep_the_index_in_step() {
    for b in backends().await {
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
#[tokio::test]
async fn stores_from_before_search_are_indexed_on_open() {
    for b in backends().await {
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
        let query = skydesk::domain::search::SearchQuery::parse("zw").expect("query");
        let found = reopened
            .search_travellers(&query, 200)
            .await
            .expect("search");
        assert!(found.iter().any(|(t, _)| t.id == ZHANG_WEI), "{}", b.name);
        let query = skydesk::domain::search::SearchQuery::parse("müller").expect("query");
        let found = reopened
            .search_travellers(&query, 200)
            .await
            .expect("search");
        assert!(found.iter().any(|(t, _)| t.id == MUELLER), "{}", b.name);
        drop(reopened);
        b.finish().await;
    }
}
