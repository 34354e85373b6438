//! Numbers kept as given beside their E.164 (seed, CSV import, the
//! add-a-number route) and `skydesk phones recheck`, on SQLite and, when
//! `SKYDESK_TEST_DATABASE_URL` is set, PostgreSQL.

mod common;

use std::process::Command;

use common::{Backend, with_database_url};
use skydesk::{
    client::ApiClient,
    domain::{DefaultRegion, E164, Segment, Tier},
    server::ServerConfig,
    store::{
        self, NewPhone, NewTraveller, Store, StoredPhone, import,
        recheck::{self, Reading},
        seed,
    },
};
use sqlx::{Connection, PgConnection, SqliteConnection};

fn traveller(id: i64, phones: &[(&str, &str)]) -> NewTraveller {
    NewTraveller {
        id,
        ffp_number: format!("PH{id:09}"),
        family_name: "Li".into(),
        given_name: "Na".into(),
        native_name: None,
        tier: Tier::Gold,
        miles_balance: 0,
        segment: Segment::Individual,
        email: None,
        birth_date: None,
        phones: phones
            .iter()
            .map(|(e164, dialled)| NewPhone {
                e164: E164::parse_exact(e164).expect("valid E.164"),
                dialled: Some((*dialled).into()),
                label: "mobile".into(),
            })
            .collect(),
        flights_12m: 0,
        miles_12m: 0,
        premium_share: 0.0,
        tier_valid_until: None,
        qualifying_flights: 0,
        qualifying_miles: 0,
        flights: vec![],
        complaints: vec![],
    }
}

async fn all_phones(store: &dyn Store) -> Vec<StoredPhone> {
    store.phones_after(None, 1000).await.expect("phones")
}

/// Writes a row as an older build did: no `dialled`, and maybe a wrong E.164.
async fn insert_raw(backend: Backend, url: &str, sql: &str) {
    let sql = sqlx::AssertSqlSafe(sql.to_string());
    match backend {
        Backend::Sqlite => {
            let mut conn = SqliteConnection::connect(url).await.expect("connect");
            sqlx::raw_sql(sql).execute(&mut conn).await.expect("insert");
        }
        Backend::Postgres => {
            let mut conn = PgConnection::connect(url).await.expect("connect");
            sqlx::raw_sql(sql).execute(&mut conn).await.expect("insert");
        }
    }
}

fn recheck_command(url: &str) -> std::process::Output {
    let dir = tempfile::tempdir().expect("temp dir");
    Command::new(env!("CARGO_BIN_EXE_skydesk"))
        .args(["phones", "recheck", "--db", url])
        .env("SKYDESK_DATA_DIR", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env_remove("SKYDESK_CONFIG")
        .env_remove("SKYDESK_REGION")
        .output()
        .expect("skydesk runs")
}

async fn numbers_stored_under_old_rules_are_reported(backend: Backend) {
    with_database_url(backend, |url| async move {
        let store = store::connect(&url).await.expect("store opens");
        store
            .insert_new_travellers(&[
                traveller(1, &[("+8613800138000", "138 0013 8000")]),
                traveller(2, &[("+447911123456", "tel:7911123456;phone-context=+44")]),
                traveller(3, &[]),
            ])
            .await
            .expect("insert");
        let clean = recheck_command(&url);
        assert_eq!(clean.status.code(), Some(0), "{clean:?}");
        assert!(
            String::from_utf8_lossy(&clean.stdout)
                .contains("checked 2 numbers (2 kept as given): 0 read differently, 0 refused")
        );

        // What the `phonenumber` crate made of a German mobile, with and
        // without the form it was given in, and an over-long number it took.
        insert_raw(
            backend,
            &url,
            "INSERT INTO traveller_phones (e164, traveller_id, label, dialled) VALUES \
             ('+49675749', 3, 'mobile', '+49 179 2167 5749'); \
             INSERT INTO traveller_phones (e164, traveller_id, label) VALUES \
             ('+8610123456785', 3, 'home'); \
             INSERT INTO traveller_phones (e164, traveller_id, label) VALUES \
             ('+4917921675749', 3, 'office')",
        )
        .await;
        let mut findings = Vec::new();
        let summary = recheck::recheck(
            store.as_ref(),
            DefaultRegion::default(),
            |f| findings.push(f.clone()),
            |_| {},
        )
        .await
        .expect("recheck");
        assert_eq!((summary.checked, summary.with_dialled), (5, 3));
        assert_eq!((summary.differ, summary.refused), (1, 1));
        assert!(!summary.clean());
        findings.sort_by(|a, b| a.stored.cmp(&b.stored));
        assert_eq!(findings[0].stored, "+49675749");
        assert_eq!(findings[0].source, "+49 179 2167 5749");
        assert_eq!(findings[0].now, Reading::Differs("+4917921675749".into()));
        assert_eq!(findings[1].stored, "+8610123456785");
        assert!(matches!(findings[1].now, Reading::Refused(_)));
        drop(store);

        let dirty = recheck_command(&url);
        assert_eq!(dirty.status.code(), Some(2), "{dirty:?}");
        let out = String::from_utf8_lossy(&dirty.stdout);
        assert!(
            out.contains(
                "traveller 3: stored +49675749 but \"+49 179 2167 5749\" now reads as +4917921675749"
            ),
            "{out}"
        );
        assert!(out.contains("traveller 3: stored +8610123456785 but \"+8610123456785\" is now refused"), "{out}");
        assert!(out.contains("checked 5 numbers (3 kept as given): 1 read differently, 1 refused"), "{out}");
    })
    .await;
}

async fn seed_import_and_agents_keep_the_number_as_given(backend: Backend) {
    with_database_url(backend, |url| async move {
        let store = store::connect(&url).await.expect("store opens");
        let today = chrono::Utc::now().date_naive();
        seed::seed(store.as_ref(), 3, today, &Default::default(), |_| {}).await.expect("seed");
        for phone in all_phones(store.as_ref()).await {
            assert_eq!(phone.dialled.as_deref(), Some(phone.e164.as_str()), "{phone:?}");
        }

        let csv = "ffp_number,family_name,given_name,native_name,tier,phones,email,birth_date\n\
                   CA900000001,Wang,Fang,,gold,+44 (0)20 7946 0958; ＋８６　１３９　０００１　２３４５ ,,\n\
                   CA900000002,Wang,Lei,,gold,+86 10 1234 5678 5,,\n";
        let report = import::import_csv(store.as_ref(), std::io::Cursor::new(csv.as_bytes().to_vec()), import::RowRules::default(), |_| {})
            .await
            .expect("import");
        assert_eq!(report.loaded, 1);
        assert_eq!(report.rejected, 1);
        assert!(report.problems[0].message.contains("not in use"), "{:?}", report.problems);
        let phones = all_phones(store.as_ref()).await;
        let kept = |e164: &str| {
            phones
                .iter()
                .find(|p| p.e164 == e164)
                .and_then(|p| p.dialled.clone())
        };
        assert_eq!(kept("+442079460958").as_deref(), Some("+44 (0)20 7946 0958"));
        assert_eq!(kept("+8613900012345").as_deref(), Some("＋８６　１３９　０００１　２３４５"));

        let (base, token) = common::serve_signed_in(store.clone(), ServerConfig::default()).await;
        let client = ApiClient::new(&base, &token).expect("client");
        let added = client
            .add_phone(
                1,
                " sip:+85291234567@pbx.example.com;user=phone ",
                &any_version("sip"),
            )
            .await
            .expect("added");
        assert!(added.added);
        let refused = client
            .add_phone(1, "+81 3 12", &any_version("short"))
            .await
            .expect_err("too short");
        assert_eq!(refused.status(), Some(422));
        assert_eq!(
            kept_after(store.as_ref(), "+85291234567").await.as_deref(),
            Some("sip:+85291234567@pbx.example.com;user=phone")
        );
        let found = client.lookup_caller("tel:91234567;phone-context=+852").await.expect("lookup");
        assert!(found.matches.iter().any(|m| m.traveller.id == 1));
    })
    .await;
}

async fn kept_after(store: &dyn Store, e164: &str) -> Option<String> {
    all_phones(store)
        .await
        .into_iter()
        .find(|p| p.e164 == e164)
        .and_then(|p| p.dialled)
}

/// Pages are keyed on (E.164, traveller): a number two travellers share is
/// neither skipped nor read twice at a page boundary.
async fn paging_reads_every_number_once(backend: Backend) {
    with_database_url(backend, |url| async move {
        let store = store::connect(&url).await.expect("store opens");
        let shared = ("+861065529988", "010 6552 9988");
        store
            .insert_new_travellers(&[
                traveller(1, &[shared, ("+8613800138000", "13800138000")]),
                traveller(2, &[shared]),
                traveller(3, &[shared, ("+6591234567", "+65 9123 4567")]),
            ])
            .await
            .expect("insert");
        let mut seen = Vec::new();
        let mut after: Option<(String, i64)> = None;
        loop {
            let page = store
                .phones_after(after.as_ref().map(|(e, id)| (e.as_str(), *id)), 2)
                .await
                .expect("page");
            let Some(last) = page.last() else { break };
            after = Some((last.e164.clone(), last.traveller_id));
            seen.extend(page.into_iter().map(|p| (p.e164, p.traveller_id)));
        }
        let mut want = seen.clone();
        want.sort();
        want.dedup();
        assert_eq!(seen, want);
        assert_eq!(seen.len(), 5);
    })
    .await;
}

macro_rules! on_both_backends {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $case() {
                    super::$case(crate::common::Backend::Sqlite).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $case() {
                    super::$case(crate::common::Backend::Postgres).await;
                }
            )*
        }
    };
}

on_both_backends!(
    numbers_stored_under_old_rules_are_reported,
    seed_import_and_agents_keep_the_number_as_given,
    paging_reads_every_number_once,
);

/// Write headers for one new addition, whatever the traveller's version.
fn any_version(key: &str) -> skydesk::client::WriteHeaders {
    skydesk::client::WriteHeaders {
        idempotency_key: key.into(),
        if_match: None,
    }
}
