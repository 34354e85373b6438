//! Complaints over HTTP: the recovery the policy proposes for a disrupted
//! flight, accepted and recorded; bad input, roles and versions.

use reqwest::Method;
use skydesk::{
    client::WriteHeaders,
    domain::{
        ComplaintStatus,
        casework::{Channel, Recovery, RecoveryHolder, RecoveryPolicy, Severity},
    },
    wire::casework::{ComplaintPatch, ComplaintRequest},
};

use crate::fixtures::*;

pub(crate) fn request(category: &str, flight_id: Option<i64>) -> ComplaintRequest {
    ComplaintRequest {
        category: category.into(),
        flight_id,
        severity: Severity::Medium,
        channel: Channel::Phone,
        description: "航班延误五小时，没有任何通知".into(),
        request: "想要补偿".into(),
    }
}

pub async fn a_delayed_flight_complaint_proposes_recovery_over_http(url: String) {
    let server = serve(&url).await;
    let client = server.client();
    let flights = client.flight_refs(ID).await.expect("flights").flights;
    let delayed = flights
        .iter()
        .find(|f| f.delay_minutes == 300)
        .expect("delayed");
    let record = client
        .open_complaint(ID, &request("delay", Some(delayed.id)), "open-1")
        .await
        .expect("opened");
    let proposal = record.proposed_recovery.clone().expect("a proposal");
    let expected = RecoveryPolicy::default()
        .propose(delayed, &RecoveryHolder::of_tier(Tier::Gold))
        .expect("policy");
    assert_eq!(proposal, expected);
    assert_eq!(proposal.recovery.miles_voucher, 3000, "gold amounts");
    let again = client
        .open_complaint(ID, &request("delay", Some(delayed.id)), "open-1")
        .await
        .expect("replayed");
    assert_eq!(again, record, "a retry opens nothing new");

    // The agent accepts the proposal, choosing miles over cash.
    let accepted = Recovery {
        cash_voucher_cny: 0,
        note: "客人选择里程".into(),
        ..proposal.recovery.clone()
    };
    let patch = ComplaintPatch {
        recovery: Some(accepted.clone()),
        status: Some(ComplaintStatus::InProgress),
        ..ComplaintPatch::default()
    };
    let guard = WriteHeaders {
        idempotency_key: key(),
        if_match: Some(record.version),
    };
    let changed = client
        .change_complaint(record.id, &patch, &guard)
        .await
        .expect("changed");
    assert_eq!(changed.recovery, Some(accepted));
    assert_eq!(changed.status, ComplaintStatus::InProgress);
    let stale = client
        .change_complaint(
            record.id,
            &patch,
            &WriteHeaders {
                idempotency_key: key(),
                if_match: Some(1),
            },
        )
        .await;
    assert_eq!(stale.err().and_then(|e| e.status()), Some(412));
    let bad_move = ComplaintPatch {
        status: Some(ComplaintStatus::Open),
        ..ComplaintPatch::default()
    };
    let refused = server
        .send(
            Method::PATCH,
            &format!("/api/v1/complaints/{}", record.id),
            &[("if-match", "*")],
            Some(&serde_json::to_string(&bad_move).expect("json")),
        )
        .await;
    let detail = problem(refused, 409).await;
    assert!(
        detail.contains("in progress cannot become open"),
        "{detail}"
    );
    let page = client.complaints(ID, None).await.expect("list");
    assert_eq!(page.complaints.len(), 1);
    let read = client.complaint(record.id).await.expect("read");
    assert_eq!(read.version, 2);
    // A flight on time proposes nothing.
    let on_time = flights
        .iter()
        .find(|f| f.delay_minutes == 0 && f.status == FlightStatus::OnTime)
        .expect("on time");
    let calm = client
        .open_complaint(ID, &request("seat", Some(on_time.id)), &key())
        .await
        .expect("opened");
    assert_eq!(calm.proposed_recovery, None);
}

/// An edited recovery is at most what the policy proposed: more, or any
/// for a complaint the policy gives nothing for, is a 422 naming the part.
pub async fn a_recovery_beyond_the_policy_is_refused_naming_the_part(url: String) {
    let server = serve(&url).await;
    let client = server.client();
    let flights = client.flight_refs(ID).await.expect("flights").flights;
    let delayed = flights
        .iter()
        .find(|f| f.delay_minutes == 300)
        .expect("delayed");
    let record = client
        .open_complaint(ID, &request("delay", Some(delayed.id)), &key())
        .await
        .expect("opened");
    let proposal = record.proposed_recovery.clone().expect("a proposal");
    let path = format!("/api/v1/complaints/{}", record.id);
    let more = ComplaintPatch {
        recovery: Some(Recovery {
            miles_voucher: proposal.recovery.miles_voucher + 1,
            ..proposal.recovery.clone()
        }),
        ..ComplaintPatch::default()
    };
    let detail = problem(
        server
            .send(
                Method::PATCH,
                &path,
                &[("if-match", "\"1\"")],
                Some(&serde_json::to_string(&more).expect("json")),
            )
            .await,
        422,
    )
    .await;
    assert!(
        detail.starts_with("recovery.miles_voucher: at most 3000"),
        "{detail}"
    );
    // Less than proposed (miles, not cash) is the agent's call.
    let edited = Recovery {
        cash_voucher_cny: 0,
        meal_voucher_cny: 40,
        note: "客人选择里程".into(),
        ..proposal.recovery.clone()
    };
    let given = client
        .change_complaint(
            record.id,
            &ComplaintPatch {
                recovery: Some(edited.clone()),
                ..ComplaintPatch::default()
            },
            &WriteHeaders {
                idempotency_key: key(),
                if_match: Some(1),
            },
        )
        .await
        .expect("within the policy");
    assert_eq!(given.recovery, Some(edited));
    assert_eq!(given.version, 2, "the refusal changed nothing");
    let bags = client
        .open_complaint(ID, &request("baggage", None), &key())
        .await
        .expect("opened");
    let goodwill = ComplaintPatch {
        recovery: Some(Recovery {
            miles_voucher: 500,
            ..Recovery::default()
        }),
        ..ComplaintPatch::default()
    };
    let detail = problem(
        server
            .send(
                Method::PATCH,
                &format!("/api/v1/complaints/{}", bags.id),
                &[("if-match", "*")],
                Some(&serde_json::to_string(&goodwill).expect("json")),
            )
            .await,
        422,
    )
    .await;
    assert!(detail.contains("policy gives no recovery"), "{detail}");
}

pub async fn complaint_routes_check_input_and_roles(url: String) {
    let server = serve(&url).await;
    let path = format!("/api/v1/travellers/{ID}/complaints");
    let good = serde_json::to_string(&request("baggage", None)).expect("json");
    for (body, status, field) in [
        ("{", 400, ""),
        (r#"{"category":"delay"}"#, 422, "severity"),
        (
            r#"{"category":"golf","severity":"low","channel":"phone","description":"x"}"#,
            422,
            "category",
        ),
        (
            r#"{"category":"delay","severity":"apocalyptic","channel":"phone","description":"x"}"#,
            422,
            "severity",
        ),
        (
            r#"{"category":"delay","severity":"low","channel":"pigeon","description":"x"}"#,
            422,
            "channel",
        ),
        (
            r#"{"category":"delay","severity":"low","channel":"phone","description":"  "}"#,
            422,
            "description",
        ),
        (
            "{\"category\":\"delay\",\"severity\":\"low\",\"channel\":\"phone\",\"description\":\"\\u202eevil\"}",
            422,
            "description",
        ),
        (
            r#"{"category":"delay","severity":"low","channel":"phone","description":"x","flight_id":99999999}"#,
            422,
            "flight_id",
        ),
        (
            r#"{"category":"delay","severity":"low","channel":"phone","description":"x","flight_id":-3}"#,
            422,
            "flight_id",
        ),
    ] {
        let own_key = format!("k{}", body.len());
        let response = server
            .send(
                Method::POST,
                &path,
                &[("idempotency-key", own_key.as_str())],
                Some(body),
            )
            .await;
        let detail = problem(response, status).await;
        assert!(detail.contains(field), "{body}: {detail}");
    }
    problem(
        server.send(Method::POST, &path, &[], Some(&good)).await,
        400,
    )
    .await;
    problem(
        server
            .send_as(
                &server.admin,
                Method::POST,
                &path,
                &[("idempotency-key", "a")],
                Some(&good),
            )
            .await,
        403,
    )
    .await;
    let opened = server
        .send(
            Method::POST,
            &path,
            &[("idempotency-key", "ok")],
            Some(&good),
        )
        .await;
    assert_eq!(opened.status(), 201);
    assert_eq!(opened.headers()["etag"], "\"1\"");
    let record: skydesk::domain::casework::ComplaintRecord = opened.json().await.expect("record");
    let one = format!("/api/v1/complaints/{}", record.id);
    problem(
        server
            .send(
                Method::PATCH,
                &one,
                &[],
                Some(r#"{"update":"called back"}"#),
            )
            .await,
        428,
    )
    .await;
    problem(
        server
            .send(Method::PATCH, &one, &[("if-match", "*")], Some("{}"))
            .await,
        422,
    )
    .await;
    problem(
        server
            .send(
                Method::PATCH,
                &one,
                &[("if-match", "*")],
                Some(r#"{"status":"lost"}"#),
            )
            .await,
        422,
    )
    .await;
    problem(
        server
            .send(
                Method::PATCH,
                &one,
                &[("if-match", "*")],
                Some(r#"{"recovery":{"miles_voucher":100001}}"#),
            )
            .await,
        422,
    )
    .await;
    problem(
        server
            .send(
                Method::PATCH,
                "/api/v1/complaints/999999",
                &[("if-match", "*")],
                Some(r#"{"update":"x"}"#),
            )
            .await,
        404,
    )
    .await;
    problem(
        server
            .send(Method::GET, "/api/v1/complaints/abc", &[], None)
            .await,
        400,
    )
    .await;
    let updated = server
        .send(
            Method::PATCH,
            &one,
            &[("if-match", "\"1\"")],
            Some(r#"{"update":"已回电 called back"}"#),
        )
        .await;
    assert_eq!(updated.status(), 200);
    assert_eq!(updated.headers()["etag"], "\"2\"");
    let read = server
        .send_as(&server.admin, Method::GET, &one, &[], None)
        .await;
    assert_eq!(read.status(), 200, "admins read");
}
