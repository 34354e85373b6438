//! Nothing twice, nothing overwritten: idempotency keys on creates and
//! versions on changes, in the store and over HTTP, on both backends.

mod common;

use chrono::Utc;
use skydesk::{
    client::{ApiClient, WriteHeaders},
    domain::{Segment, Tier},
    server::ServerConfig,
    store::{
        self, AddPhone, DynStore, IdempotencyKey, NewTraveller, StoreError, WriteGuard, Written,
    },
};

const ID: i64 = 4001;

fn traveller(id: i64, ffp: &str) -> NewTraveller {
    NewTraveller {
        id,
        ffp_number: ffp.into(),
        family_name: "Guard".into(),
        given_name: "Test".into(),
        native_name: Some("关测试".into()),
        tier: Tier::Gold,
        miles_balance: 0,
        segment: Segment::Individual,
        email: None,
        birth_date: None,
        phones: vec![phone("+8613700000001", "mobile")],
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

async fn store_with_traveller(url: &str) -> DynStore {
    let store = store::connect(url).await.expect("store opens");
    store
        .insert_new_travellers(&[traveller(ID, "CA004001")])
        .await
        .expect("inserted");
    store
}

fn phone(e164: &str, label: &str) -> skydesk::store::NewPhone {
    skydesk::store::NewPhone {
        e164: skydesk::domain::E164::parse_exact(e164).expect("valid E.164"),
        dialled: Some(e164.into()),
        label: label.into(),
    }
}

fn keyed(user: &str, key: &str, request: &str, version: Option<i64>) -> WriteGuard {
    WriteGuard {
        idempotency: Some(IdempotencyKey {
            user: user.into(),
            key: key.into(),
            fingerprint: request.into(),
        }),
        expected_version: version,
    }
}

async fn stored_traveller(store: &DynStore) -> skydesk::domain::Traveller {
    store
        .profile(ID, Utc::now().date_naive())
        .await
        .expect("profile")
        .expect("exists")
        .traveller
}

async fn version(store: &DynStore) -> i64 {
    stored_traveller(store).await.version
}

async fn phone_count(store: &DynStore) -> usize {
    stored_traveller(store).await.phones.len()
}

async fn a_retry_replays_the_first_outcome(url: String) {
    let store = store_with_traveller(&url).await;
    assert_eq!(version(&store).await, 1, "a new traveller is at version 1");
    let guard = keyed("ann", "k-1", "add +8613700000002", Some(1));
    let first = store
        .add_phone(ID, &phone("+8613700000002", "home"), &guard)
        .await
        .expect("first");
    assert_eq!(
        first,
        Written {
            outcome: AddPhone::Added,
            version: Some(2),
            replayed: false
        }
    );
    // The retry carries the version the client had before: it is a replay,
    // not a stale write.
    let retry = store
        .add_phone(ID, &phone("+8613700000002", "home"), &guard)
        .await
        .expect("retry");
    assert_eq!(
        retry,
        Written {
            outcome: AddPhone::Added,
            version: Some(2),
            replayed: true
        }
    );
    assert_eq!(version(&store).await, 2, "written once");
    assert_eq!(phone_count(&store).await, 2);

    // The same key from another user is another request.
    let bob = keyed("bob", "k-1", "add +8613700000003", Some(2));
    let theirs = store
        .add_phone(ID, &phone("+8613700000003", "home"), &bob)
        .await
        .expect("bob's");
    assert_eq!((theirs.outcome, theirs.replayed), (AddPhone::Added, false));
}

async fn a_key_reused_for_another_request_is_refused(url: String) {
    let store = store_with_traveller(&url).await;
    store
        .add_phone(
            ID,
            &phone("+8613700000002", "home"),
            &keyed("ann", "k", "one", None),
        )
        .await
        .expect("first");
    let other = store
        .add_phone(
            ID,
            &phone("+8613700000009", "home"),
            &keyed("ann", "k", "two", None),
        )
        .await;
    assert!(matches!(other, Err(StoreError::KeyReused)), "{other:?}");
    assert_eq!(phone_count(&store).await, 2, "nothing written");
}

async fn a_stale_version_writes_nothing(url: String) {
    let store = store_with_traveller(&url).await;
    store
        .upsert_travellers(&[traveller(0, "CA004001")])
        .await
        .expect("the loyalty system updates them");
    assert_eq!(version(&store).await, 2, "an import raises the version");
    let stale = store
        .add_phone(
            ID,
            &phone("+8613700000002", "home"),
            &keyed("ann", "s", "x", Some(1)),
        )
        .await;
    assert!(
        matches!(stale, Err(StoreError::Stale { current: 2 })),
        "{stale:?}"
    );
    assert_eq!(phone_count(&store).await, 1, "nothing written");
    // The same key with the version read again goes through: a refused
    // write never used the key up.
    let fresh = store
        .add_phone(
            ID,
            &phone("+8613700000002", "home"),
            &keyed("ann", "s", "x", Some(2)),
        )
        .await
        .expect("fresh");
    assert_eq!((fresh.outcome, fresh.version), (AddPhone::Added, Some(3)));
}

async fn concurrent_retries_write_once(url: String) {
    let store = store_with_traveller(&url).await;
    let guard = keyed("ann", "storm", "add +8613700000005", Some(1));
    let number = phone("+8613700000005", "home");
    let outcomes =
        futures::future::join_all((0..12).map(|_| store.add_phone(ID, &number, &guard))).await;
    let mut first = 0;
    for outcome in outcomes {
        let written = outcome.expect("every retry answered");
        assert_eq!(written.outcome, AddPhone::Added);
        assert_eq!(written.version, Some(2));
        first += usize::from(!written.replayed);
    }
    assert_eq!(first, 1, "one write, the rest replays");
    assert_eq!(version(&store).await, 2);
    assert_eq!(phone_count(&store).await, 2);
}

// ---------------------------------------------------------------------------
// Over HTTP.

struct Server {
    base: String,
    token: String,
    store: DynStore,
}

async fn serve(url: &str) -> Server {
    let store = store_with_traveller(url).await;
    let (base, token) = common::serve_signed_in(store.clone(), ServerConfig::default()).await;
    Server { base, token, store }
}

impl Server {
    fn url(&self) -> String {
        format!("{}/api/v1/travellers/{ID}/phones", self.base)
    }

    async fn post(&self, headers: &[(&str, &str)], number: &str) -> reqwest::Response {
        let mut request = reqwest::Client::new()
            .post(self.url())
            .bearer_auth(&self.token)
            .json(&serde_json::json!({ "number": number }));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send().await.expect("answer")
    }
}

fn etag(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .map(String::from)
}

async fn assert_problem(response: reqwest::Response, status: u16) {
    assert_eq!(response.status(), status);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let problem: skydesk::wire::Problem = response.json().await.expect("problem");
    assert!(!problem.detail.is_empty());
}

async fn reads_carry_an_etag_and_writes_check_it(url: String) {
    let server = serve(&url).await;
    let read = reqwest::Client::new()
        .get(format!("{}/api/v1/travellers/{ID}", server.base))
        .bearer_auth(&server.token)
        .send()
        .await
        .expect("read");
    assert_eq!(etag(&read).as_deref(), Some("\"1\""));

    let number = "+8613700000002";
    let no_key = server.post(&[("if-match", "\"1\"")], number).await;
    assert_problem(no_key, 400).await;
    let no_version = server.post(&[("idempotency-key", "a")], number).await;
    assert_problem(no_version, 428).await;
    let stale = server
        .post(&[("idempotency-key", "a"), ("if-match", "\"9\"")], number)
        .await;
    assert_eq!(
        etag(&stale).as_deref(),
        Some("\"1\""),
        "the current version"
    );
    assert_problem(stale, 412).await;
    for (key, version) in [
        ("\u{202e}key", "\"1\""),
        ("a b", "\"1\""),
        ("键", "\"1\""),
        ("b", "W/\"1\""),
        ("b", "\"1'; DROP TABLE travellers;--\""),
        ("b", "\"１\""),
    ] {
        let response = reqwest::Client::new()
            .post(server.url())
            .bearer_auth(&server.token)
            .json(&serde_json::json!({ "number": number }))
            .header("idempotency-key", key.as_bytes())
            .header("if-match", version.as_bytes())
            .send()
            .await
            .expect("answer");
        assert_problem(response, 400).await;
    }
    assert_eq!(phone_count(&server.store).await, 1, "nothing written");

    let added = server
        .post(&[("idempotency-key", "c"), ("if-match", "\"1\"")], number)
        .await;
    assert_eq!(added.status(), 201);
    assert_eq!(etag(&added).as_deref(), Some("\"2\""));
    assert!(added.headers().get("idempotent-replayed").is_none());
}

async fn retries_over_http_get_the_first_answer(url: String) {
    let server = serve(&url).await;
    let client = ApiClient::new(&server.base, &server.token).expect("client");
    let guard = WriteHeaders {
        idempotency_key: "8d1f2a44-retry".into(),
        if_match: Some(1),
    };
    // Full-width digits, as a Chinese input method types them.
    let first = client
        .add_phone(ID, "１３７ ００００ ０００２", &guard)
        .await
        .expect("first");
    let retry = client
        .add_phone(ID, "１３７ ００００ ０００２", &guard)
        .await
        .expect("retry");
    assert!(first.added && retry.added, "the retry answers as the first");
    let raw_retry = server
        .post(
            &[("idempotency-key", "8d1f2a44-retry"), ("if-match", "\"1\"")],
            "+8613700000002",
        )
        .await;
    assert_eq!(raw_retry.status(), 201);
    assert_eq!(raw_retry.headers()["idempotent-replayed"], "true");
    assert_eq!(phone_count(&server.store).await, 2, "added once");

    let other = client
        .add_phone(ID, "+8613700000003", &guard)
        .await
        .expect_err("same key, other number");
    assert_eq!(other.status(), Some(422));
    assert_eq!(phone_count(&server.store).await, 2);
}

common::backend_suite!(
    a_retry_replays_the_first_outcome,
    a_key_reused_for_another_request_is_refused,
    a_stale_version_writes_nothing,
    concurrent_retries_write_once,
    reads_carry_an_etag_and_writes_check_it,
    retries_over_http_get_the_first_answer,
);
