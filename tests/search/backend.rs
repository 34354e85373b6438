//! The backends every search test runs on: SQLite always, PostgreSQL too
//! when `SKYDESK_TEST_DATABASE_URL` is set (each in a database of its own),
//! each filled with the same travellers and served over HTTP.

use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{NaiveDate, Utc};
use skydesk::{
    client::ApiClient,
    server::ServerConfig,
    store::{self, DynStore, NewTraveller, seed},
    wire::SearchResults,
};

use crate::common;

pub const SEEDED: i64 = 300;
pub const ZHANG_WEI: i64 = 1001;
pub const MUELLER: i64 = 1002;

pub struct Backend {
    pub name: &'static str,
    pub url: String,
    pub store: DynStore,
    pub base: String,
    pub token: String,
    _dir: Option<tempfile::TempDir>,
    /// (server URL, database) to drop at the end.
    pg: Option<(String, String)>,
}

impl Backend {
    pub fn client(&self) -> ApiClient {
        ApiClient::new(&self.base, &self.token).expect("client")
    }

    pub async fn search(&self, q: &str) -> SearchResults {
        self.client()
            .search_travellers(q)
            .await
            .unwrap_or_else(|e| panic!("{}: {q:?}: {e}", self.name))
    }

    pub async fn ids(&self, q: &str) -> Vec<i64> {
        self.search(q)
            .await
            .hits
            .iter()
            .map(|h| h.traveller.id)
            .collect()
    }

    pub async fn status(&self, raw_query: &str) -> u16 {
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

    pub async fn finish(self) {
        let Backend { store, pg, .. } = self;
        drop(store);
        if let Some((server, db)) = pg {
            drop_database(&server, &db).await;
        }
    }
}

pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// A seeded traveller renamed, with an id of its own.
pub fn special(id: i64, family: &str, given: &str, native: Option<&str>) -> NewTraveller {
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

async fn fill(store: &DynStore, seeded: i64, travellers: &[NewTraveller]) {
    if seeded > 0 {
        seed::seed(store.as_ref(), seeded, today(), &Default::default(), |_| {})
            .await
            .expect("seeded");
    }
    store
        .insert_new_travellers(travellers)
        .await
        .expect("travellers inserted");
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

/// Which backend a case runs on: each case is a test per backend
/// (`sqlite::case`, `postgres::case`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Only {
    Sqlite,
    Postgres,
}

/// The backend to test against: seeded travellers, 张伟 and Müller.
pub async fn backends(only: Only) -> Vec<Backend> {
    let specials = [
        special(ZHANG_WEI, "Zhang", "Wei", Some("张伟")),
        special(MUELLER, "Müller", "Jürgen", None),
    ];
    backends_with(only, SEEDED, &specials).await
}

/// The backends to test against, each with `seeded` seeded travellers
/// (ids from 1) and `travellers`.
pub async fn backends_with(only: Only, seeded: i64, travellers: &[NewTraveller]) -> Vec<Backend> {
    let mut out = Vec::new();
    if only == Only::Postgres {
        if let Some(pg) = postgres_backend(seeded, travellers).await {
            out.push(pg);
        } else {
            println!("skipped: SKYDESK_TEST_DATABASE_URL is not set");
        }
        return out;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("search.db").display());
    let store = store::connect(&url).await.expect("sqlite opens");
    fill(&store, seeded, travellers).await;
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
    out
}

/// A fresh PostgreSQL database filled like the SQLite one, or None when
/// `SKYDESK_TEST_DATABASE_URL` is not set.
async fn postgres_backend(seeded: i64, travellers: &[NewTraveller]) -> Option<Backend> {
    let admin = pg_admin_url()?;
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
    fill(&store, seeded, travellers).await;
    let (base, token, store) = serve(store).await;
    Some(Backend {
        name: "postgres",
        url,
        store,
        base,
        token,
        _dir: None,
        pg: Some((admin, db)),
    })
}
