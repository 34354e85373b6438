//! What the VIP cases share: a server with hotline staff, a supervisor
//! and the reservation system signed in, and JSON requests.

#![allow(dead_code)]

use chrono::{DateTime, Utc};
use reqwest::Method;
use serde_json::Value;
use skydesk::{
    domain::{
        Role, User,
        vip::{NewVipFlight, NewVipRequest, VipRequestKind},
    },
    server::auth,
    store::{DynStore, LogVipRequest, WriteGuard},
};

pub use crate::fixtures::{OTHER, Server, flight_ids, key, serve};

/// The traveller the HTTP cases log requests for: government V4, entitled
/// to every kind of request the hotline logs.
pub const ID: i64 = 5003;
/// A gold traveller of no segment: entitled to little beyond the tier's.
pub const PLAIN: i64 = crate::fixtures::ID;

pub struct Vip {
    pub server: Server,
    /// vera: VIP hotline.
    pub vera: String,
    /// sam: supervisor.
    pub sam: String,
    /// res: the reservation system (integration).
    pub res: String,
}

pub async fn user(store: &DynStore, name: &str, roles: Vec<Role>) -> String {
    let token = auth::new_token();
    store
        .put_user(
            &User {
                name: name.into(),
                roles,
            },
            &auth::hash_token(&token),
        )
        .await
        .expect("user added");
    token
}

pub async fn start(url: &str) -> Vip {
    let server = serve(url).await;
    let v4 = skydesk::store::NewTraveller {
        segment: skydesk::domain::Segment::Government { level: 4 },
        ..crate::fixtures::traveller(ID, skydesk::domain::Tier::Gold)
    };
    server
        .store
        .insert_new_travellers(&[v4])
        .await
        .expect("inserted");
    let vera = user(&server.store, "vera", vec![Role::Vip]).await;
    let sam = user(&server.store, "sam", vec![Role::Supervisor]).await;
    let res = user(&server.store, "res", vec![Role::Integration]).await;
    Vip {
        server,
        vera,
        sam,
        res,
    }
}

/// An answer's status, JSON body (`Null` when none) and ETag.
pub struct Answer {
    pub status: u16,
    pub body: Value,
    pub etag: Option<String>,
}

impl Vip {
    /// `method path` as the user of `token`, with `headers` and `body`
    /// sent as JSON text exactly as given.
    pub async fn call(
        &self,
        token: &str,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Answer {
        let response = self
            .server
            .send_as(token, method, path, headers, body)
            .await;
        let status = response.status().as_u16();
        let etag = response
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .map(String::from);
        let text = response.text().await.expect("body");
        assert!(status < 500, "{status} {text}");
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Answer { status, body, etag }
    }

    /// POST with a fresh Idempotency-Key.
    pub async fn post(&self, token: &str, path: &str, body: &str) -> Answer {
        let key = key();
        let headers = [("idempotency-key", key.as_str())];
        self.call(token, Method::POST, path, &headers, Some(body))
            .await
    }

    /// A write on a versioned record, `If-Match: version`.
    pub async fn at_version(
        &self,
        token: &str,
        method: Method,
        path: &str,
        version: i64,
        body: Option<&str>,
    ) -> Answer {
        let etag = format!("\"{version}\"");
        let headers = [("if-match", etag.as_str())];
        self.call(token, method, path, &headers, body).await
    }

    pub async fn get(&self, token: &str, path: &str) -> Answer {
        self.call(token, Method::GET, path, &[], None).await
    }
}

pub fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339()
}

/// A seat hold body on `flights`, each released `minutes` from now.
pub fn hold_body(flights: &[i64], minutes: i64) -> String {
    let release = rfc3339(Utc::now() + chrono::Duration::minutes(minutes));
    let flights: Vec<Value> = flights
        .iter()
        .map(|f| serde_json::json!({"flight_id": f, "release_at": release}))
        .collect();
    serde_json::json!({"kind": "seat_hold", "flights": flights, "text": "两个座位，靠窗"})
        .to_string()
}

/// A seat hold kept straight in the store, released at `release`
/// (which may have passed: the store does not check it).
pub async fn stored_hold(
    store: &DynStore,
    traveller: i64,
    owner: &str,
    release: &[(i64, DateTime<Utc>)],
) -> i64 {
    let request = NewVipRequest {
        kind: VipRequestKind::SeatHold,
        owner: owner.into(),
        flights: release
            .iter()
            .map(|(flight_id, at)| NewVipFlight {
                flight_id: *flight_id,
                release_at: Some(*at),
            })
            .collect(),
        seat: None,
        code: None,
        text: None,
        overridden: None,
    };
    let written = store
        .log_vip_request(traveller, &request, &WriteGuard::default())
        .await
        .expect("logged");
    match written.outcome {
        LogVipRequest::Logged(r) => r.id,
        other => panic!("not logged: {other:?}"),
    }
}
