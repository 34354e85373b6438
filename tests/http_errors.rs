//! Every error is `application/problem+json` with the status docs/http-api.md
//! gives, and its `detail` never carries control characters or bidi
//! overrides from the request. On both backends.

mod common;

use reqwest::{Method, Response};
use skydesk::{server::ServerConfig, store, wire::Problem};

const SECRET: &str = "webhook-secret";

struct Server {
    base: String,
    token: String,
    http: reqwest::Client,
}

impl Server {
    async fn start(url: &str) -> Server {
        let store = store::connect(url).await.expect("store opens");
        let config = ServerConfig {
            webhook_secret: Some(SECRET.into()),
            ..Default::default()
        };
        let (base, token) = common::serve_signed_in(store, config).await;
        Server {
            base,
            token,
            http: reqwest::Client::new(),
        }
    }

    async fn send(&self, method: Method, path: &str, bearer: &str, body: Option<&str>) -> Response {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(bearer);
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body.to_string());
        }
        request.send().await.expect("an answer")
    }

    async fn webhook(&self, body: &str) -> Response {
        self.send(Method::POST, "/api/v1/calls/events", SECRET, Some(body))
            .await
    }

    async fn add_phone(&self, body: &str) -> Response {
        self.send(
            Method::POST,
            "/api/v1/travellers/1/phones",
            &self.token,
            Some(body),
        )
        .await
    }
}

/// Checks the status and content type and gives the problem document.
async fn problem(response: Response, status: u16, what: &str) -> Problem {
    assert_eq!(response.status().as_u16(), status, "{what}");
    let kind = response.headers().get("content-type").cloned();
    assert_eq!(
        kind.as_ref().and_then(|k| k.to_str().ok()),
        Some("application/problem+json"),
        "{what}"
    );
    let problem: Problem = response.json().await.expect("a problem document");
    assert_eq!(problem.status, status, "{what}");
    assert!(!problem.detail.is_empty(), "{what}");
    assert_clean(&problem.detail, what);
    problem
}

fn assert_clean(detail: &str, what: &str) {
    let bad = detail.chars().find(|&c| {
        c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    });
    assert_eq!(bad, None, "{what}: {detail:?}");
}

async fn wrong_methods_are_405(url: String) {
    let server = Server::start(&url).await;
    for (method, path) in [
        (Method::DELETE, "/api/v1/me"),
        (Method::GET, "/api/v1/calls/events"),
        (Method::PUT, "/healthz"),
        (Method::GET, "/api/v1/travellers/1/phones"),
        (Method::PATCH, "/api/v1/calls/c1/answer"),
    ] {
        let what = format!("{method} {path}");
        let response = server.send(method, path, &server.token, None).await;
        let allow = response.headers().get("allow").cloned();
        problem(response, 405, &what).await;
        assert!(allow.is_some(), "{what}: no Allow header");
    }
}

async fn unknown_routes_are_404(url: String) {
    let server = Server::start(&url).await;
    for path in [
        "/nope",
        "/api/v1/nothing",
        "/api/v2/me",
        "/api/v1/%E2%80%AEevil",
        "/api/v1/%1B%5B2J",
    ] {
        problem(
            server.send(Method::GET, path, &server.token, None).await,
            404,
            path,
        )
        .await;
    }
}

async fn paths_that_are_not_utf8_are_400(url: String) {
    let server = Server::start(&url).await;
    for (method, path) in [
        (Method::POST, "/api/v1/calls/%FF/answer"),
        (Method::POST, "/api/v1/calls/%C0%AF/hangup"),
        (Method::GET, "/api/v1/callers/%FF"),
        (Method::GET, "/api/v1/travellers/%FF"),
    ] {
        let what = format!("{method} {path}");
        problem(
            server.send(method, path, &server.token, None).await,
            400,
            &what,
        )
        .await;
    }
}

async fn json_of_the_wrong_shape_is_422_saying_what(url: String) {
    let server = Server::start(&url).await;
    for body in [
        "null",
        "[]",
        "42",
        "\"ringing\"",
        r#"{"event":1,"call_id":"c1"}"#,
        r#"{"event":"ringing","call_id":null}"#,
        r#"{"event":"ringing","call_id":["c1"]}"#,
        r#"{"call_id":"c1"}"#,
        r#"{"event":"ringing"}"#,
        r#"{"event":"ringing","call_id":"c1","colour":"red"}"#,
    ] {
        let problem = problem(server.webhook(body).await, 422, body).await;
        assert!(!problem.detail.contains("not JSON"), "{body}: {problem:?}");
    }
    for body in [
        "null",
        "{}",
        r#"{"label":"home"}"#,
        r#"{"number":13912345002}"#,
        r#"{"number":null}"#,
        r#"{"number":"+8613912345002","lable":"home"}"#,
    ] {
        let problem = problem(server.add_phone(body).await, 422, body).await;
        assert!(!problem.detail.contains("not JSON"), "{body}: {problem:?}");
    }
}

async fn refused_field_values_are_422(url: String) {
    let server = Server::start(&url).await;
    for body in [
        r#"{"number":"12345"}"#,
        r#"{"number":""}"#,
        r#"{"number":"1'; DROP TABLE users;--"}"#,
        r#"{"number":"+8613912345002","label":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}"#,
        r#"{"number":"+8613912345002","label":"\u202ehome"}"#,
        // JSON, but a lone surrogate is no text.
        r#"{"number":"\ud800"}"#,
    ] {
        problem(server.add_phone(body).await, 422, body).await;
    }
    problem(
        server.webhook(r#"{"event":"ringing","call_id":""}"#).await,
        422,
        "empty call id",
    )
    .await;
}

async fn bodies_that_are_not_json_are_400(url: String) {
    let server = Server::start(&url).await;
    for body in ["{not json", "", "{\"number\":", "\u{feff}{}", "{} {}"] {
        problem(server.add_phone(body).await, 400, body).await;
        problem(server.webhook(body).await, 400, body).await;
    }
    let no_content_type = server
        .http
        .post(format!("{}/api/v1/travellers/1/phones", server.base))
        .bearer_auth(&server.token)
        .body(r#"{"number":"+8613912345002"}"#)
        .send()
        .await
        .expect("an answer");
    problem(no_content_type, 400, "no content type").await;
}

async fn oversized_bodies_are_413(url: String) {
    let server = Server::start(&url).await;
    let number = serde_json::json!({ "number": "1".repeat(40_000) }).to_string();
    problem(server.add_phone(&number).await, 413, "large number").await;
    let event =
        serde_json::json!({"event": "ringing", "call_id": "c1", "from": "中".repeat(10_000)})
            .to_string();
    problem(server.webhook(&event).await, 413, "large event").await;
}

async fn search_limits_outside_the_range(url: String) {
    let server = Server::start(&url).await;
    for limit in ["0", "-1", "ten", "１０", "99999999999999999999999"] {
        let path = format!("/api/v1/travellers?q=zhang&limit={limit}");
        problem(
            server.send(Method::GET, &path, &server.token, None).await,
            400,
            &path,
        )
        .await;
    }
    // Above the cap is served as the cap, as docs/http-api.md says.
    let response = server
        .send(
            Method::GET,
            "/api/v1/travellers?q=zhang&limit=1000",
            &server.token,
            None,
        )
        .await;
    assert_eq!(response.status(), 200);
}

async fn details_never_echo_escapes_or_bidi_overrides(url: String) {
    let server = Server::start(&url).await;
    let hostile = "\u{202e}gnir\u{1b}[2J\u{1b}]0;pwned\u{7}\u{0}\u{9b}31m";
    let event = serde_json::json!({"event": hostile, "call_id": "c1"}).to_string();
    let problem_doc = problem(server.webhook(&event).await, 422, "unknown event").await;
    assert!(problem_doc.detail.contains("gnir"), "{problem_doc:?}");
    let field = serde_json::json!({"event": "ringing", "call_id": "c1", hostile: 1}).to_string();
    problem(server.webhook(&field).await, 422, "unknown field").await;
    let number = serde_json::json!({ "number": hostile }).to_string();
    problem(server.add_phone(&number).await, 422, "hostile number").await;
    let mistyped = serde_json::json!({ "number": [hostile] }).to_string();
    problem(server.add_phone(&mistyped).await, 422, "mistyped number").await;
    let caller = "/api/v1/callers/%E2%80%AE%1B%5B2J138";
    problem(
        server.send(Method::GET, caller, &server.token, None).await,
        400,
        caller,
    )
    .await;
    let search = "/api/v1/travellers?q=zhang&limit=%E2%80%AE5";
    problem(
        server.send(Method::GET, search, &server.token, None).await,
        400,
        search,
    )
    .await;
}

common::backend_suite!(
    wrong_methods_are_405,
    unknown_routes_are_404,
    paths_that_are_not_utf8_are_400,
    json_of_the_wrong_shape_is_422_saying_what,
    refused_field_values_are_422,
    bodies_that_are_not_json_are_400,
    oversized_bodies_are_413,
    search_limits_outside_the_range,
    details_never_echo_escapes_or_bidi_overrides,
);
