//! The HTTP API on an ephemeral port, driven by the real client.

mod common;

use std::time::Duration;

use chrono::Utc;
use skydesk::{
    client::{ApiClient, ClientError},
    domain::{CallEvent, CallEventKind},
    server::ServerConfig,
    store::{self, seed},
    wire::{CallerNumber, ServerEvent},
};

const SECRET: &str = "webhook-secret";

struct TestServer {
    base: String,
    token: String,
}

impl TestServer {
    /// A seeded server on the database at `url`, with `ann` signed in.
    async fn start(url: &str, webhook_secret: Option<&str>) -> TestServer {
        let store = store::connect(url).await.expect("store opens");
        seed::seed(store.as_ref(), 60, Utc::now().date_naive(), |_| {})
            .await
            .expect("seeded");
        let config = ServerConfig {
            webhook_secret: webhook_secret.map(String::from),
            ..Default::default()
        };
        let (base, token) = common::serve_signed_in(store, config).await;
        TestServer { base, token }
    }

    fn client(&self) -> ApiClient {
        ApiClient::new(&self.base, &self.token).expect("client")
    }

    fn raw(&self) -> reqwest::Client {
        reqwest::Client::new()
    }
}

fn ringing(call_id: &str, from: &str, agent: Option<&str>) -> CallEvent {
    CallEvent {
        event: CallEventKind::Ringing,
        call_id: call_id.into(),
        from: from.into(),
        to: "+864008108888".into(),
        queue: Some("vip".into()),
        agent: agent.map(String::from),
    }
}

/// A seeded traveller whose mobile number is theirs alone.
fn lone_traveller() -> skydesk::store::NewTraveller {
    let today = Utc::now().date_naive();
    let all: Vec<_> = (1..=60).map(|id| seed::traveller(id, today)).collect();
    all.iter()
        .find(|t| {
            t.phones[0].e164.starts_with("+86")
                && all
                    .iter()
                    .filter(|o| o.phones.iter().any(|p| p.e164 == t.phones[0].e164))
                    .count()
                    == 1
        })
        .cloned()
        .expect("a traveller with a mainland mobile")
}

/// Write headers for one new intent, whatever the traveller's version.
fn any_version() -> skydesk::client::WriteHeaders {
    skydesk::client::WriteHeaders {
        idempotency_key: format!("{:032x}", rand::random::<u128>()),
        if_match: None,
    }
}

async fn next(
    events: &mut skydesk::client::EventStream,
) -> Option<Result<ServerEvent, ClientError>> {
    tokio::time::timeout(Duration::from_secs(10), events.next_event())
        .await
        .expect("event in time")
}

async fn health_needs_no_token_but_everything_else_does(url: String) {
    let server = TestServer::start(&url, None).await;
    assert_eq!(server.client().health().await.expect("health").status, "ok");
    let anonymous = ApiClient::new(&server.base, "wrong").expect("client");
    let err = anonymous
        .lookup_caller("13800138000")
        .await
        .expect_err("unknown token refused");
    assert_eq!(err.status(), Some(401));
    let response = server
        .raw()
        .get(format!("{}/api/v1/me", server.base))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 401);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let me = server.client().me().await.expect("me");
    assert_eq!(me.name, "ann");
}

async fn every_dialled_form_finds_the_same_traveller(url: String) {
    let server = TestServer::start(&url, None).await;
    let client = server.client();
    let t = lone_traveller();
    let e164 = &t.phones[0].e164;
    let national = &e164[3..];
    let full_width: String = national
        .chars()
        .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c))
        .collect();
    let forms = [
        e164.clone(),
        format!(
            "+86 {} {} {}",
            &national[..3],
            &national[3..7],
            &national[7..]
        ),
        format!("0086{national}"),
        national.to_string(),
        format!(
            "(+86){}-{}-{}",
            &national[..3],
            &national[3..7],
            &national[7..]
        ),
        full_width,
        format!("tel:{e164}"),
    ];
    for form in forms {
        let found = client
            .lookup_caller(&form)
            .await
            .unwrap_or_else(|e| panic!("{form}: {e}"));
        assert_eq!(
            found.number,
            CallerNumber::Known { e164: e164.clone() },
            "{form}"
        );
        assert_eq!(found.matches.len(), 1, "{form}");
        assert_eq!(
            found.matches[0].traveller.ffp_number, t.ffp_number,
            "{form}"
        );
    }
}

async fn garbage_numbers_are_4xx_problems_never_500(url: String) {
    let server = TestServer::start(&url, None).await;
    let client = server.client();
    let long = "9".repeat(200);
    let garbage = [
        "call me",
        long.as_str(),
        "1'; DROP TABLE travellers;--",
        "\u{1b}[2J",
        " ",
        "%",
        "_*",
        "\u{202e}123",
        "张伟",
        "12345",
    ];
    for number in garbage {
        match client.lookup_caller(number).await {
            Err(ClientError::Api { status, detail }) => {
                assert!((400..500).contains(&status), "{number:?} gave {status}");
                assert!(!detail.is_empty());
            }
            other => panic!("{number:?} was not refused: {other:?}"),
        }
    }
    let withheld = client
        .lookup_caller("anonymous")
        .await
        .expect("withheld is not an error");
    assert_eq!(withheld.number, CallerNumber::Withheld);
    assert!(withheld.matches.is_empty());
    let unknown = client
        .lookup_caller("+8613912345678")
        .await
        .expect("unknown is not an error");
    assert!(unknown.matches.is_empty());
}

async fn the_webhook_checks_its_secret_and_its_body(url: String) {
    let off = TestServer::start(&url, None).await;
    let err = off
        .client()
        .post_call_event(SECRET, &ringing("c1", "13800138000", None))
        .await
        .expect_err("webhook off");
    assert_eq!(err.status(), Some(403));

    let server = TestServer::start(&url, Some(SECRET)).await;
    let err = server
        .client()
        .post_call_event("guess", &ringing("c1", "13800138000", None))
        .await
        .expect_err("bad secret");
    assert_eq!(err.status(), Some(401));

    let url = format!("{}/api/v1/calls/events", server.base);
    let post = |body: String| {
        server
            .raw()
            .post(&url)
            .bearer_auth(SECRET)
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let cases = [
        ("{not json".to_string(), 400),
        (r#"{"event":"exploded","call_id":"1"}"#.to_string(), 422),
        (r#"{"event":"ringing","call_id":""}"#.to_string(), 422),
        (
            r#"{"event":"ringing","call_id":"1","from":"\ud800"}"#.to_string(),
            400,
        ),
        (
            format!(
                r#"{{"event":"ringing","call_id":"1","from":"{}"}}"#,
                "1".repeat(40_000)
            ),
            413,
        ),
        (
            r#"{"event":"ringing","call_id":"1","queue":"\u001b[2J"}"#.to_string(),
            422,
        ),
    ];
    for (body, want) in cases {
        let response = post(body.clone()).await.expect("answer");
        let status = response.status().as_u16();
        let kind = response.headers().get("content-type").cloned();
        assert!(
            status == want || (want == 400 && status == 422),
            "{} gave {status}",
            &body[..body.len().min(60)]
        );
        assert_eq!(kind.expect("content type"), "application/problem+json");
    }
    let accepted = server
        .client()
        .post_call_event(SECRET, &ringing("ok-1", "anonymous", None))
        .await
        .expect("accepted");
    assert!(accepted.accepted);
}

async fn a_ringing_call_reaches_its_agent_with_the_profile(url: String) {
    let server = TestServer::start(&url, Some(SECRET)).await;
    let client = server.client();
    let mut events = client.events().await.expect("event stream");
    let hello = tokio::time::timeout(Duration::from_secs(10), events.next_event())
        .await
        .expect("hello in time");
    assert!(matches!(hello, Some(Ok(ServerEvent::Hello { .. }))));

    let t = lone_traveller();
    // A call for another agent must not reach ann.
    client
        .post_call_event(SECRET, &ringing("for-bob", &t.phones[0].e164, Some("bob")))
        .await
        .expect("posted");
    client
        .post_call_event(SECRET, &ringing("for-ann", &t.phones[0].e164, Some("ann")))
        .await
        .expect("posted");
    let offer = match next(&mut events).await {
        Some(Ok(ServerEvent::CallOffered { offer })) => offer,
        other => panic!("expected an offer, got {other:?}"),
    };
    assert_eq!(offer.call_id, "for-ann");
    assert_eq!(offer.line.name, "VIP reservation hotline");
    assert_eq!(offer.caller.matches[0].traveller.ffp_number, t.ffp_number);

    client.answer("for-ann").await.expect("answered");
    assert!(
        matches!(next(&mut events).await, Some(Ok(ServerEvent::CallAnswered { call_id, .. })) if call_id == "for-ann")
    );
    client.hangup("for-ann").await.expect("hung up");
    assert!(
        matches!(next(&mut events).await, Some(Ok(ServerEvent::CallEnded { call_id, how: CallEventKind::Hangup })) if call_id == "for-ann")
    );
}

async fn a_pbx_hangup_reaches_the_agent_the_call_was_offered_to(url: String) {
    let server = TestServer::start(&url, Some(SECRET)).await;
    let client = server.client();
    let mut events = client.events().await.expect("event stream");
    let _hello = events.next_event().await;
    client
        .post_call_event(SECRET, &ringing("c-9", "garbage!", Some("ann")))
        .await
        .expect("posted");
    let offer = match events.next_event().await {
        Some(Ok(ServerEvent::CallOffered { offer })) => offer,
        other => panic!("expected an offer, got {other:?}"),
    };
    assert!(matches!(offer.caller.number, CallerNumber::Invalid { .. }));
    let hangup = CallEvent {
        event: CallEventKind::Abandoned,
        call_id: "c-9".into(),
        from: String::new(),
        to: String::new(),
        queue: None,
        agent: None,
    };
    client
        .post_call_event(SECRET, &hangup)
        .await
        .expect("posted");
    let ended = tokio::time::timeout(Duration::from_secs(10), events.next_event())
        .await
        .expect("in time");
    assert!(matches!(
        ended,
        Some(Ok(ServerEvent::CallEnded {
            how: CallEventKind::Abandoned,
            ..
        }))
    ));
}

async fn travellers_are_fetched_by_id(url: String) {
    let server = TestServer::start(&url, None).await;
    let client = server.client();
    let profile = client.traveller(7).await.expect("traveller 7");
    assert_eq!(profile.traveller.ffp_number, "CA000000007");
    assert_eq!(
        client
            .traveller(999_999)
            .await
            .expect_err("missing")
            .status(),
        Some(404)
    );
    let response = server
        .raw()
        .get(format!("{}/api/v1/travellers/abc", server.base))
        .bearer_auth(&server.token)
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 400);
}

async fn agents_add_the_number_a_traveller_calls_from(url: String) {
    let server = TestServer::start(&url, None).await;
    let client = server.client();
    let t = lone_traveller();
    let id = t.id;
    let new = "+8613912345678";
    assert!(
        client
            .lookup_caller(new)
            .await
            .expect("lookup")
            .matches
            .is_empty()
    );

    // Full-width digits, as a Chinese input method types them.
    let full_width: String = new[3..]
        .chars()
        .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c))
        .collect();
    let added = client
        .add_phone(id, &full_width, &any_version())
        .await
        .expect("added");
    assert!(added.added);
    let found = client.lookup_caller(new).await.expect("lookup");
    assert_eq!(found.matches.len(), 1);
    assert_eq!(found.matches[0].traveller.id, id);
    let phone = found.matches[0]
        .traveller
        .phones
        .iter()
        .find(|p| p.e164 == new)
        .expect("the new number on the profile");
    assert_eq!(phone.label, "added by agent");
    let hits = client
        .search_travellers("912345678")
        .await
        .expect("search")
        .hits;
    assert!(
        hits.iter()
            .any(|h| h.traveller.id == id && h.matched_on == "phone"),
        "{hits:?}"
    );

    // Any dialled form of a number they have is "already there".
    let again = client
        .add_phone(id, "139 1234 5678", &any_version())
        .await
        .expect("again");
    assert!(!again.added);
    let theirs = client
        .add_phone(id, &t.phones[0].e164, &any_version())
        .await
        .expect("theirs");
    assert!(!theirs.added);

    let missing = client
        .add_phone(999_999, new, &any_version())
        .await
        .expect_err("no such traveller");
    assert_eq!(missing.status(), Some(404));

    let anonymous = ApiClient::new(&server.base, "wrong").expect("client");
    let err = anonymous
        .add_phone(id, "+8613912340000", &any_version())
        .await
        .expect_err("unknown token refused");
    assert_eq!(err.status(), Some(401));
    let response = server
        .raw()
        .post(format!("{}/api/v1/travellers/{id}/phones", server.base))
        .json(&serde_json::json!({"number": "+8613912340000"}))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 401);
    assert!(
        client
            .lookup_caller("+8613912340000")
            .await
            .expect("lookup")
            .matches
            .is_empty(),
        "nothing added without a token"
    );
}

async fn adding_a_phone_answers_with_the_right_status(url: String) {
    let server = TestServer::start(&url, None).await;
    let t = lone_traveller();
    let id = t.id;
    let url = format!("{}/api/v1/travellers/{id}/phones", server.base);
    let post = |body: String| {
        server
            .raw()
            .post(&url)
            .bearer_auth(&server.token)
            .header("content-type", "application/json")
            .header("idempotency-key", any_version().idempotency_key)
            .header("if-match", "*")
            .body(body)
            .send()
    };
    let json = |v: serde_json::Value| v.to_string();

    let response = post(json(
        serde_json::json!({"number": "+8613912345001", "label": "office"}),
    ))
    .await
    .expect("answer");
    assert_eq!(response.status(), 201);
    assert_eq!(
        response.json::<serde_json::Value>().await.expect("json"),
        serde_json::json!({"added": true})
    );
    let response = post(json(serde_json::json!({"number": "13912345001"})))
        .await
        .expect("answer");
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.json::<serde_json::Value>().await.expect("json"),
        serde_json::json!({"added": false})
    );
    let profile = server.client().traveller(id).await.expect("profile");
    assert!(
        profile
            .traveller
            .phones
            .iter()
            .any(|p| p.e164 == "+8613912345001" && p.label == "office")
    );

    let ten_kb = "1".repeat(10 * 1024);
    let cases = [
        // Bad numbers: 400 saying why.
        (
            json(serde_json::json!({"number": "1'; DROP TABLE x;--"})),
            400,
        ),
        (json(serde_json::json!({"number": ten_kb})), 400),
        (json(serde_json::json!({"number": ""})), 400),
        (json(serde_json::json!({"number": "12345"})), 400),
        (json(serde_json::json!({"number": "\u{1b}[2J"})), 400),
        // Bad labels.
        (
            json(serde_json::json!({"number": "+8613912345002", "label": "x".repeat(33)})),
            400,
        ),
        (
            json(serde_json::json!({"number": "+8613912345002", "label": "a\u{1b}[2Jb"})),
            400,
        ),
        (
            json(serde_json::json!({"number": "+8613912345002", "label": "\u{202e}home"})),
            400,
        ),
        // Bodies that are not what the route takes.
        ("{not json".to_string(), 400),
        (String::new(), 400),
        (json(serde_json::json!({"label": "home"})), 422),
        (json(serde_json::json!({"number": 13912345002_i64})), 422),
        (json(serde_json::json!("+8613912345002")), 422),
        (
            json(serde_json::json!({"number": "+8613912345002", "lable": "home"})),
            422,
        ),
        (r#"{"number":"\ud800"}"#.to_string(), 400),
        (json(serde_json::json!({"number": "1".repeat(40_000)})), 413),
    ];
    for (body, want) in cases {
        let response = post(body.clone()).await.expect("answer");
        let status = response.status().as_u16();
        let kind = response.headers().get("content-type").cloned();
        let shown = &body[..body.len().min(60)];
        assert!(
            status == want || (want == 400 && status == 422),
            "{shown} gave {status}"
        );
        assert_eq!(
            kind.expect("content type"),
            "application/problem+json",
            "{shown}"
        );
        let problem: skydesk::wire::Problem = response.json().await.expect("problem");
        assert!(!problem.detail.is_empty(), "{shown}");
    }
    let response = server
        .raw()
        .post(&url)
        .bearer_auth(&server.token)
        .body(json(serde_json::json!({"number": "+8613912345002"})))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 400, "no JSON content type");
    let response = server
        .raw()
        .post(format!("{}/api/v1/travellers/abc/phones", server.base))
        .bearer_auth(&server.token)
        .json(&serde_json::json!({"number": "+8613912345002"}))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 400, "an id that is not a number");
    let phones = server
        .client()
        .traveller(id)
        .await
        .expect("profile")
        .traveller
        .phones;
    assert!(
        phones.iter().all(|p| p.e164 != "+8613912345002"),
        "no refused request added anything"
    );

    // The eleventh number is a conflict.
    let mut count = phones.len();
    let mut n = 10;
    while count < skydesk::store::MAX_PHONES {
        let response = post(json(
            serde_json::json!({"number": format!("+86139123450{n:02}")}),
        ))
        .await
        .expect("answer");
        assert_eq!(response.status(), 201);
        count += 1;
        n += 1;
    }
    let response = post(json(serde_json::json!({"number": "+8613912345099"})))
        .await
        .expect("answer");
    assert_eq!(response.status(), 409);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let response = post(json(serde_json::json!({"number": "+8613912345001"})))
        .await
        .expect("answer");
    assert_eq!(
        response.status(),
        200,
        "one they have is still fine when full"
    );
}

common::backend_suite!(
    health_needs_no_token_but_everything_else_does,
    every_dialled_form_finds_the_same_traveller,
    garbage_numbers_are_4xx_problems_never_500,
    the_webhook_checks_its_secret_and_its_body,
    a_ringing_call_reaches_its_agent_with_the_profile,
    a_pbx_hangup_reaches_the_agent_the_call_was_offered_to,
    travellers_are_fetched_by_id,
    agents_add_the_number_a_traveller_calls_from,
    adding_a_phone_answers_with_the_right_status,
);
