//! What the work cases share: two travellers with flights, a server with
//! an agent and an admin signed in, and raw requests.

#![allow(unused_imports, dead_code)]

pub use chrono::{Duration, NaiveDate, Utc};
pub use skydesk::{
    client::{ApiClient, ClientError},
    domain::{
        Cabin, Flight, FlightStatus, Role, Segment, Tier, User,
        casework::{NewNote, Note},
    },
    server::{self, AppState, ServerConfig, auth},
    store::{self, DynStore, IdempotencyKey, NewTraveller, StoreError, WriteGuard},
    wire::Problem,
};

pub(crate) use crate::common;

/// The traveller the cases work on, and another one.
pub const ID: i64 = 5001;
pub const OTHER: i64 = 5002;

fn flight(days_ago: i64, no: &str, status: FlightStatus, delay: i32) -> Flight {
    Flight {
        complained: false,
        id: 0,
        departure: None,
        date: Utc::now().date_naive() - Duration::days(days_ago),
        flight_no: no.into(),
        origin: "PEK".into(),
        destination: "SZX".into(),
        cabin: Cabin::Economy,
        status,
        delay_minutes: delay,
        pnr: format!("PNR{no}").chars().take(6).collect(),
    }
}

pub fn traveller(id: i64, tier: Tier) -> NewTraveller {
    NewTraveller {
        id,
        ffp_number: format!("CA{id:09}"),
        family_name: "Zhang".into(),
        given_name: "Wei".into(),
        native_name: Some("张伟".into()),
        tier,
        miles_balance: 0,
        segment: Segment::Individual,
        email: None,
        birth_date: None,
        phones: vec![skydesk::store::NewPhone {
            e164: skydesk::domain::E164::parse_exact(&format!("+861390000{id}")).expect("E.164"),
            dialled: None,
            label: "mobile".into(),
        }],
        flights_12m: 0,
        miles_12m: 0,
        premium_share: 0.0,
        tier_valid_until: None,
        qualifying_flights: 0,
        qualifying_miles: 0,
        flights: vec![
            flight(2, &format!("CA{}", id % 10000), FlightStatus::Delayed, 300),
            flight(
                5,
                &format!("CA{}", id % 10000 + 1),
                FlightStatus::Cancelled,
                0,
            ),
            flight(9, &format!("CA{}", id % 10000 + 2), FlightStatus::OnTime, 0),
        ],
        complaints: vec![],
    }
}

pub async fn store(url: &str) -> DynStore {
    let store = store::connect(url).await.expect("store opens");
    store
        .insert_new_travellers(&[traveller(ID, Tier::Gold), traveller(OTHER, Tier::Basic)])
        .await
        .expect("inserted");
    store
}

/// The ids of a traveller's flights, latest first.
pub async fn flight_ids(store: &DynStore, traveller: i64) -> Vec<i64> {
    store
        .flight_refs(traveller)
        .await
        .expect("flights")
        .expect("traveller")
        .into_iter()
        .map(|f| f.id)
        .collect()
}

pub fn keyed(user: &str, key: &str, request: &str) -> WriteGuard {
    WriteGuard {
        idempotency: Some(IdempotencyKey {
            user: user.into(),
            key: key.into(),
            fingerprint: request.into(),
        }),
        expected_version: None,
    }
}

pub fn key() -> String {
    format!("{:032x}", rand::random::<u128>())
}

pub struct Server {
    pub base: String,
    /// ann, an agent.
    pub token: String,
    /// root, an admin only.
    pub admin: String,
    pub store: DynStore,
}

pub async fn serve_with(url: &str, config: ServerConfig) -> Server {
    let store = store(url).await;
    let (base, token) = common::serve_signed_in(store.clone(), config).await;
    let admin = auth::new_token();
    store
        .put_user(
            &User {
                name: "root".into(),
                roles: vec![Role::Admin],
            },
            &auth::hash_token(&admin),
        )
        .await
        .expect("admin added");
    Server {
        base,
        token,
        admin,
        store,
    }
}

pub async fn serve(url: &str) -> Server {
    serve_with(url, ServerConfig::default()).await
}

impl Server {
    pub fn client(&self) -> ApiClient {
        ApiClient::new(&self.base, &self.token).expect("client")
    }

    /// A client of its own for another agent, `name`, signed in with a
    /// token of their own.
    pub async fn agent(&self, name: &str) -> ApiClient {
        let token = auth::new_token();
        self.store
            .put_user(
                &User {
                    name: name.into(),
                    roles: vec![Role::Agent],
                },
                &auth::hash_token(&token),
            )
            .await
            .expect("agent added");
        ApiClient::new(&self.base, &token).expect("client")
    }

    /// A request with ann's token and `headers`; `body` sent as JSON
    /// text exactly as given.
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> reqwest::Response {
        self.send_as(&self.token, method, path, headers, body).await
    }

    pub async fn send_as(
        &self,
        token: &str,
        method: reqwest::Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> reqwest::Response {
        let mut request = reqwest::Client::new()
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(token);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body.to_string());
        }
        request.send().await.expect("answer")
    }
}

/// Asserts a problem+json answer of `status` and gives its detail.
pub async fn problem(response: reqwest::Response, status: u16) -> String {
    assert_eq!(response.status(), status);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let problem: Problem = response.json().await.expect("problem");
    assert!(!problem.detail.is_empty());
    problem.detail
}

pub const SECRET: &str = "webhook-secret";

/// A server whose webhook takes `SECRET`.
pub async fn serve_with_webhook(url: &str, config: ServerConfig) -> Server {
    serve_with(
        url,
        ServerConfig {
            webhook_secret: Some(SECRET.into()),
            ..config
        },
    )
    .await
}

/// Rings `call_id` from traveller `ID`'s mobile for ann on `queue`, then
/// ann answers it and hangs up.
pub async fn a_finished_call(server: &Server, call_id: &str, queue: &str) {
    let client = server.client();
    client
        .post_call_event(
            SECRET,
            &skydesk::domain::CallEvent {
                event: skydesk::domain::CallEventKind::Ringing,
                call_id: call_id.into(),
                from: format!("+861390000{ID}"),
                to: "+864008108888".into(),
                queue: Some(queue.into()),
                agent: Some("ann".into()),
                at: None,
            },
        )
        .await
        .expect("rang");
    client.answer(call_id).await.expect("answered");
    client.hangup(call_id).await.expect("hung up");
}
