//! Shared by the integration tests: a fresh, private database per test on
//! either backend, removed afterwards even when the test panics.

// Each test binary compiles this module and uses only part of it.
#![allow(dead_code, unused_macros, unused_imports)]

pub mod calls;
pub mod process;
pub mod proxy;

use std::{future::Future, panic::AssertUnwindSafe};

use futures::FutureExt;
use skydesk::store::{self, DynStore};
use sqlx::{Connection, PgConnection};

/// Names a PostgreSQL server the tests may create and drop databases on.
pub const PG_URL_VAR: &str = "SKYDESK_TEST_DATABASE_URL";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database that exists only for one test.
pub enum TestDb {
    /// The directory holds the file and goes away when dropped.
    Sqlite {
        url: String,
        _dir: tempfile::TempDir,
    },
    Postgres {
        url: String,
        admin_url: String,
        name: String,
    },
}

impl TestDb {
    pub fn url(&self) -> &str {
        match self {
            TestDb::Sqlite { url, .. } | TestDb::Postgres { url, .. } => url,
        }
    }

    pub fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir for the SQLite file");
        let url = format!("sqlite://{}", dir.path().join("store.db").display());
        TestDb::Sqlite { url, _dir: dir }
    }

    /// A new database on the server named by `SKYDESK_TEST_DATABASE_URL`,
    /// or None when the variable is not set.
    pub async fn postgres() -> Option<TestDb> {
        let admin_url = std::env::var(PG_URL_VAR).ok().filter(|u| !u.is_empty())?;
        // Random, so that parallel tests and repeated runs never meet.
        let name = format!("skydesk_t_{:016x}", rand::random::<u64>());
        let mut admin = PgConnection::connect(&admin_url)
            .await
            .expect("connect to SKYDESK_TEST_DATABASE_URL");
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .expect("create the test database");
        admin.close().await.expect("close the admin connection");
        let url = with_database(&admin_url, &name);
        Some(TestDb::Postgres {
            url,
            admin_url,
            name,
        })
    }

    /// Removes the database. Anything still connected is cut off, so call
    /// this after dropping the store.
    pub async fn remove(self) {
        if let TestDb::Postgres {
            admin_url, name, ..
        } = self
        {
            let mut admin = PgConnection::connect(&admin_url)
                .await
                .expect("connect to drop the test database");
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .execute(&mut admin)
            .await
            .expect("drop the test database");
            admin.close().await.expect("close the admin connection");
        }
    }
}

/// `url` with its database path replaced by `name`, keeping any `?options`.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let server = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{server}/{name}?{query}"),
        None => format!("{server}/{name}"),
    }
}

/// Runs `case` against a fresh database of `backend`, then removes the
/// database whether or not `case` panicked. Gives the URL, for tests that
/// open the store themselves (a server, say). Returns without running
/// when PostgreSQL is asked for but not configured.
pub async fn with_database_url<F, Fut>(backend: Backend, case: F)
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = ()>,
{
    let db = match backend {
        Backend::Sqlite => TestDb::sqlite(),
        Backend::Postgres => match TestDb::postgres().await {
            Some(db) => db,
            None => {
                println!("skipped: {PG_URL_VAR} is not set, no PostgreSQL to test against");
                return;
            }
        },
    };
    // The future owns everything it opened, so finishing (or unwinding)
    // drops its pool before the database is removed.
    let outcome = AssertUnwindSafe(case(db.url().to_string()))
        .catch_unwind()
        .await;
    db.remove().await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// Like `with_database_url`, with the store already opened and migrated.
pub async fn with_store<F, Fut>(backend: Backend, case: F)
where
    F: FnOnce(DynStore) -> Fut,
    Fut: Future<Output = ()>,
{
    with_database_url(backend, |url| async move {
        let store = store::connect(&url).await.expect("store opens");
        case(store).await;
    })
    .await;
}

/// One test per case per backend, `sqlite::case` and `postgres::case`, each
/// given the URL of a fresh database of its own. With
/// `SKYDESK_TEST_DATABASE_URL` set, a PostgreSQL case runs or fails.
/// `backend_suite!(multi_thread; …)` runs the cases on two worker threads,
/// for races that need real parallelism.
macro_rules! backend_suite {
    (multi_thread; $($case:ident),* $(,)?) => {
        $crate::common::backend_suite!(@cases
            [tokio::test(flavor = "multi_thread", worker_threads = 2)] $($case),*);
    };
    (@cases [$test:meta] $($case:ident),*) => {
        mod sqlite {
            $(
                #[$test]
                async fn $case() {
                    crate::common::with_database_url(crate::common::Backend::Sqlite, super::$case)
                        .await;
                }
            )*
        }

        mod postgres {
            $(
                #[$test]
                async fn $case() {
                    crate::common::with_database_url(crate::common::Backend::Postgres, super::$case)
                        .await;
                }
            )*
        }
    };
    ($($case:ident),* $(,)?) => {
        $crate::common::backend_suite!(@cases [tokio::test] $($case),*);
    };
}
pub(crate) use backend_suite;

/// Adds the agent `ann` to `store` and serves it on an ephemeral loopback
/// port; returns the base URL and ann's token.
pub async fn serve_signed_in(
    store: DynStore,
    config: skydesk::server::ServerConfig,
) -> (String, String) {
    use skydesk::{
        domain::{Role, User},
        server::{self, AppState, auth},
    };
    let token = auth::new_token();
    let user = User {
        name: "ann".into(),
        roles: vec![Role::Agent],
    };
    // `put_user`, so that a second server on the same database signs in too.
    store
        .put_user(&user, &auth::hash_token(&token))
        .await
        .expect("user added");
    let (addr, _) = server::spawn(
        AppState::new(store, config),
        std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
    )
    .await
    .expect("server starts");
    (format!("http://{addr}"), token)
}
