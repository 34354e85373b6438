//! Complaints: logged with due dates from the category's target and the
//! recovery the policy proposes for a disrupted flight; worked along the
//! lifecycle with every change kept; in the screen pop at once.

use reqwest::Method;
use skydesk::{
    client::WriteHeaders,
    domain::{
        ComplaintStatus,
        work::{
            Channel, ComplaintChange, ComplaintSettings, NewComplaintRecord, Recovery,
            RecoveryPolicy, Severity,
        },
    },
    store::{ChangeComplaint, OpenComplaint},
    wire::work::{ComplaintPatch, ComplaintRequest},
};

use crate::fixtures::*;

fn new_complaint(category: &str, flight_id: Option<i64>) -> NewComplaintRecord {
    NewComplaintRecord {
        category: ComplaintSettings::default()
            .category(category)
            .cloned()
            .expect("a default category"),
        flight_id,
        severity: Severity::High,
        channel: Channel::Phone,
        description: "Waited five hours at PEK\nno information given".into(),
        request: "compensation".into(),
        opened_by: "ann".into(),
        proposed_recovery: None,
    }
}

fn change(status: Option<ComplaintStatus>, resolution: Option<&str>) -> ComplaintChange {
    ComplaintChange::checked("ann", status, None, resolution, None).expect("valid change")
}

fn versioned(version: i64) -> WriteGuard {
    WriteGuard {
        idempotency: None,
        expected_version: Some(version),
    }
}

pub async fn complaints_follow_the_lifecycle_in_the_store(url: String) {
    let store = store(&url).await;
    let flights = flight_ids(&store, ID).await;
    let opened = store
        .open_complaint(
            ID,
            &new_complaint("delay", Some(flights[0])),
            &keyed("ann", "c1", "c1"),
        )
        .await
        .expect("opened");
    let OpenComplaint::Opened(record) = opened.outcome else {
        panic!("not opened: {:?}", opened.outcome);
    };
    assert_eq!((record.status, record.version), (ComplaintStatus::Open, 1));
    assert_eq!(record.summary, "Waited five hours at PEK");
    assert_eq!(record.due_at - record.opened_at, Duration::days(30));
    assert_eq!(
        record.acknowledge_by.map(|a| a - record.opened_at),
        Some(Duration::hours(24))
    );
    assert_eq!(record.events.len(), 1);
    // The pop lists it among the open complaints at once.
    let pop = store
        .profile(ID, Utc::now().date_naive())
        .await
        .expect("pop")
        .expect("traveller");
    assert!(
        pop.open_complaints
            .iter()
            .any(|c| c.id == record.id && c.summary == record.summary)
    );

    let moved = store
        .change_complaint(
            record.id,
            &change(Some(ComplaintStatus::InProgress), None),
            &versioned(1),
        )
        .await
        .expect("moved");
    assert_eq!(moved.version, Some(2));
    let refused = store
        .change_complaint(
            record.id,
            &change(Some(ComplaintStatus::Resolved), None),
            &versioned(2),
        )
        .await
        .expect("answered");
    assert!(
        matches!(&refused.outcome, ChangeComplaint::Refused(r) if r.contains("resolution")),
        "{refused:?}"
    );
    let stale = store
        .change_complaint(record.id, &change(None, Some("late")), &versioned(1))
        .await;
    assert!(
        matches!(stale, Err(StoreError::Stale { current: 2 })),
        "{stale:?}"
    );
    let resolved = store
        .change_complaint(
            record.id,
            &change(
                Some(ComplaintStatus::Resolved),
                Some("apologised; 3000 miles"),
            ),
            &versioned(2),
        )
        .await
        .expect("resolved");
    let ChangeComplaint::Changed(after) = resolved.outcome else {
        panic!("not changed");
    };
    assert_eq!(after.status, ComplaintStatus::Resolved);
    let kinds: Vec<_> = after
        .events
        .iter()
        .map(|e| (e.kind.as_str(), e.actor.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("opened", "ann"),
            ("status", "ann"),
            ("resolution", "ann"),
            ("status", "ann")
        ]
    );
    let closed = store
        .change_complaint(
            record.id,
            &change(Some(ComplaintStatus::Closed), None),
            &versioned(3),
        )
        .await
        .expect("closed");
    assert_eq!(closed.version, Some(4));
    let after_close = store
        .change_complaint(
            record.id,
            &change(Some(ComplaintStatus::InProgress), None),
            &versioned(4),
        )
        .await
        .expect("answered");
    assert!(matches!(after_close.outcome, ChangeComplaint::Refused(_)));
    let pop = store
        .profile(ID, Utc::now().date_naive())
        .await
        .expect("pop")
        .expect("traveller");
    assert!(
        !pop.open_complaints.iter().any(|c| c.id == record.id),
        "closed leaves the pop"
    );
    let theirs = flight_ids(&store, OTHER).await;
    let wrong = store
        .open_complaint(
            ID,
            &new_complaint("delay", Some(theirs[0])),
            &keyed("ann", "c2", "c2"),
        )
        .await
        .expect("answered");
    assert_eq!(wrong.outcome, OpenComplaint::NotTheirFlight);
    let list = store
        .traveller_complaints(ID, None, 10)
        .await
        .expect("list")
        .expect("traveller");
    assert_eq!(list.len(), 1);
    assert_eq!(store.complaint(999_999).await.expect("read"), None);
    let history = store
        .history(ID, None, 20)
        .await
        .expect("history")
        .expect("traveller");
    assert_eq!(history.len(), 5, "opened and four changes: {history:?}");
}

fn request(category: &str, flight_id: Option<i64>) -> ComplaintRequest {
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
        .find(|f| f.flight.delay_minutes == 300)
        .expect("delayed");
    let record = client
        .open_complaint(ID, &request("delay", Some(delayed.id)), "open-1")
        .await
        .expect("opened");
    let proposal = record.proposed_recovery.clone().expect("a proposal");
    let expected = RecoveryPolicy::default()
        .propose(&delayed.flight, Tier::Gold)
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
        .find(|f| f.flight.delay_minutes == 0 && f.flight.status == FlightStatus::OnTime)
        .expect("on time");
    let calm = client
        .open_complaint(ID, &request("seat", Some(on_time.id)), &key())
        .await
        .expect("opened");
    assert_eq!(calm.proposed_recovery, None);
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
    let record: skydesk::domain::work::ComplaintRecord = opened.json().await.expect("record");
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
