//! The VIP hotline's rules over HTTP: a traveller's entitlements and the
//! government fee question, with hostile bodies refused as 422, never 500.

use chrono::Duration as Span;
use skydesk::{
    domain::{
        Cabin, Segment, Traveller,
        vip::{FeeKind, FeeOutcome, Holder, VipRules},
    },
    wire::vip::FeeRequest,
};

use crate::fixtures::*;

/// The first seeded traveller (ids 1 to 60) whose segment `wanted` takes.
async fn seeded(client: &ApiClient, wanted: impl Fn(&Segment) -> bool) -> Traveller {
    for id in 1..=60 {
        let t = client.traveller(id).await.expect("traveller").traveller;
        if wanted(&t.segment) {
            return t;
        }
    }
    panic!("no seeded traveller of that segment")
}

fn is_government(s: &Segment) -> bool {
    matches!(s, Segment::Government { .. })
}

pub async fn entitlements_follow_the_travellers_segment(url: String) {
    let server = TestServer::start(&url, None).await;
    let client = server.client();
    let rules = VipRules::default();
    // The showcase's first traveller is a platinum V4.
    let vip = client.traveller(1).await.expect("traveller").traveller;
    assert_eq!(vip.segment, Segment::Government { level: 4 });
    let list = client
        .entitlements(1)
        .await
        .expect("entitlements")
        .entitlements;
    assert_eq!(list, rules.entitlements_for(&Holder::of(&vip)));
    let seat_lock = list.iter().find(|e| e.code == "seat_lock").expect("V4");
    assert_eq!(seat_lock.source, "V4");
    assert!(list.iter().any(|e| e.source == "platinum"));
    let corporate = seeded(&client, |s| matches!(s, Segment::Corporate { .. })).await;
    let list = client
        .entitlements(corporate.id)
        .await
        .expect("entitlements");
    assert!(
        list.entitlements
            .iter()
            .any(|e| e.code == "account_service" && e.source == "corporate")
    );
    let response = server
        .raw()
        .get(format!("{}/api/v1/travellers/1/entitlements", server.base))
        .bearer_auth(&server.token)
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 200);
    let json: serde_json::Value = response.json().await.expect("json");
    let first = &json["entitlements"][0];
    assert!(first["code"].is_string() && first["label"].is_string() && first["source"].is_string());
    let missing = client.entitlements(999_999).await.expect_err("nobody");
    assert_eq!(missing.status(), Some(404));
    let anonymous = ApiClient::new(&server.base, "wrong").expect("client");
    let refused = anonymous.entitlements(1).await.expect_err("signed out");
    assert_eq!(refused.status(), Some(401));
}

fn question(traveller_id: i64, kind: FeeKind, fare_share: f64, cabin_to: Cabin) -> FeeRequest {
    let departure = Utc::now() + Span::days(3);
    FeeRequest {
        kind,
        fare_share,
        cabin_from: Cabin::Economy,
        cabin_to,
        departure,
        at: None,
        traveller_id,
    }
}

pub async fn the_fee_rules_answer_for_the_travellers_level(url: String) {
    let server = TestServer::start(&url, None).await;
    let client = server.client();
    let government = seeded(&client, is_government).await;
    let individual = seeded(&client, |s| *s == Segment::Individual).await;
    let ask = |request: FeeRequest| {
        let client = client.clone();
        async move { client.evaluate_fee(&request).await.expect("answer") }
    };
    let free = ask(question(
        government.id,
        FeeKind::Change,
        0.6,
        Cabin::Economy,
    ))
    .await;
    assert_eq!(free.outcome, FeeOutcome::Free, "{}", free.rule);
    let diff = ask(question(
        government.id,
        FeeKind::Change,
        0.6,
        Cabin::Business,
    ))
    .await;
    assert_eq!(diff.outcome, FeeOutcome::FareDifference, "{}", diff.rule);
    let refund = ask(question(
        government.id,
        FeeKind::Refund,
        0.8,
        Cabin::Economy,
    ))
    .await;
    assert_eq!(refund.outcome, FeeOutcome::Free, "{}", refund.rule);
    let mut late = question(government.id, FeeKind::Change, 0.6, Cabin::Economy);
    late.at = Some(late.departure - Span::hours(2));
    let late = ask(late).await;
    assert_eq!(late.outcome, FeeOutcome::NormalRules);
    assert!(late.rule.contains("within 2 h"), "{}", late.rule);
    let nobody = ask(question(
        individual.id,
        FeeKind::Change,
        0.6,
        Cabin::Economy,
    ))
    .await;
    assert_eq!(nobody.outcome, FeeOutcome::NormalRules);
    assert!(
        nobody.rule.contains("not a government traveller"),
        "{}",
        nobody.rule
    );
    let missing = client
        .evaluate_fee(&question(999_999, FeeKind::Refund, 0.9, Cabin::Economy))
        .await
        .expect_err("nobody");
    assert_eq!(missing.status(), Some(404));
}

pub async fn hostile_fee_bodies_are_422_never_500(url: String) {
    let server = TestServer::start(&url, None).await;
    let good = serde_json::json!({
        "kind": "change", "fare_share": 0.6, "cabin_from": "economy",
        "cabin_to": "economy", "departure": "2030-01-01T10:00:00Z", "traveller_id": 1,
    });
    let with = |field: &str, value: serde_json::Value| {
        let mut body = good.clone();
        body[field] = value;
        body.to_string()
    };
    let without = |field: &str| {
        let mut body = good.clone();
        body.as_object_mut().map(|o| o.remove(field));
        body.to_string()
    };
    let cases = [
        with("fare_share", "abc".into()),
        with("fare_share", 2.0.into()),
        with("fare_share", (-0.1).into()),
        with("fare_share", "NaN".into()),
        with("fare_share", serde_json::Value::Null),
        with("kind", "exchange".into()),
        with("kind", "change\u{202e}".into()),
        with("kind", "\u{1b}[2Jrefund".into()),
        with("cabin_to", "cockpit".into()),
        with("departure", "tomorrow".into()),
        with("at", "2030-13-01T00:00:00Z".into()),
        with("traveller_id", 0.into()),
        with("traveller_id", "1".into()),
        with("extra", true.into()),
        without("kind"),
        without("fare_share"),
        without("departure"),
        without("traveller_id"),
        "[]".to_string(),
        "null".to_string(),
    ];
    for body in cases {
        let response = server
            .raw()
            .post(format!("{}/api/v1/fee-rules/evaluate", server.base))
            .bearer_auth(&server.token)
            .header("content-type", "application/json")
            .body(body.clone())
            .send()
            .await
            .expect("answer");
        assert_eq!(response.status(), 422, "{body}");
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json"
        );
        let text = response.text().await.expect("text");
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{202e}'),
            "{text:?}"
        );
    }
    let response = server
        .raw()
        .post(format!("{}/api/v1/fee-rules/evaluate", server.base))
        .bearer_auth(&server.token)
        .header("content-type", "application/json")
        .body(good.to_string().replace("0.6", "1e999"))
        .send()
        .await
        .expect("answer");
    let status = response.status();
    let text = response.text().await.expect("text");
    assert!(status == 400 || status == 422, "{status}: {text}");
    assert!(
        text.contains("fare_share") || text.contains("not JSON"),
        "{text}"
    );
}

/// The console's own question, run as the console runs it: the share in
/// hundredths of a percent reaches the rules as 0.6, an unknown traveller
/// is the server's refusal, and a server nobody answers at is `Offline`,
/// which the calculator shows as unreachable.
pub async fn the_consoles_fee_question_is_answered_by_the_rules(url: String) {
    use skydesk::console::{
        ask::{Answer, Ask, FeeAsk},
        request::RequestError,
    };
    let server = TestServer::start(&url, None).await;
    let client = server.client();
    let government = seeded(&client, is_government).await;
    let question = |traveller_id| Ask::FeeRules {
        seq: 7,
        question: FeeAsk {
            kind: FeeKind::Change,
            fare_basis_points: 6000,
            cabin_from: Cabin::Economy,
            cabin_to: Cabin::Economy,
            departure: Utc::now() + Span::days(3),
            traveller_id,
        },
    };
    match question(government.id).run(&client).await {
        Answer::FeeRules {
            seq: 7,
            result: Ok(answer),
        } => {
            assert_eq!(answer.outcome, FeeOutcome::Free, "{}", answer.rule);
            assert!(!answer.rule.is_empty());
        }
        other => panic!("the rules' answer: {other:?}"),
    }
    match question(999_999).run(&client).await {
        Answer::FeeRules {
            result: Err(refused),
            ..
        } => assert!(!matches!(refused, RequestError::Offline(_)), "{refused}"),
        other => panic!("refused: {other:?}"),
    }
    let nowhere = ApiClient::new("http://127.0.0.1:9", "token").expect("client");
    match question(government.id).run(&nowhere).await {
        Answer::FeeRules {
            result: Err(RequestError::Offline(_)),
            ..
        } => {}
        other => panic!("offline: {other:?}"),
    }
}
