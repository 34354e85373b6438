//! Follow-ups over HTTP: for me, for the VIP queue or for a colleague,
//! listed due first, snoozed, reassigned and done, each change in their
//! history; who may do what, and bad bodies.

use chrono::{Duration, Utc};
use reqwest::Method;
use serde_json::json;

use crate::rig::{ID, start};

fn body(text: &str, hours: i64, owner: Option<&str>) -> String {
    let mut body = json!({
        "traveller_id": ID,
        "text": text,
        "due_at": (Utc::now() + Duration::hours(hours)).to_rfc3339(),
    });
    if let Some(owner) = owner {
        body["owner"] = json!(owner);
    }
    body.to_string()
}

pub async fn follow_ups_are_added_listed_due_first_and_changed(url: String) {
    let vip = start(&url).await;
    let path = "/api/v1/follow-ups";
    let later = vip
        .post(&vip.vera, path, &body("回电确认座位", 5, None))
        .await;
    assert_eq!(later.status, 201, "{}", later.body);
    assert_eq!(later.body["owner"], json!({"kind": "user", "name": "vera"}));
    assert_eq!(later.body["status"], "open");
    assert_eq!(later.body["created_by"], "vera");
    let sooner = vip
        .post(
            &vip.vera,
            path,
            &body("Call back about the lounge", 1, Some("me")),
        )
        .await;
    let queued = vip
        .post(&vip.vera, path, &body("队列里的事", 2, Some("queue")))
        .await;
    assert_eq!(
        queued.body["owner"],
        json!({"kind": "queue", "name": "vip"})
    );

    let mine = vip.get(&vip.vera, "/api/v1/follow-ups?owner=me").await;
    let ids: Vec<i64> = mine.body["follow_ups"]
        .as_array()
        .map(|l| l.iter().filter_map(|f| f["id"].as_i64()).collect())
        .unwrap_or_default();
    assert_eq!(
        ids,
        [
            sooner.body["id"].as_i64().unwrap_or(0),
            later.body["id"].as_i64().unwrap_or(0)
        ]
    );
    let queue = vip.get(&vip.vera, "/api/v1/follow-ups?owner=queue").await;
    assert_eq!(queue.body["follow_ups"].as_array().map(Vec::len), Some(1));
    let as_sam = vip.get(&vip.sam, "/api/v1/follow-ups?owner=vera").await;
    assert_eq!(as_sam.body["follow_ups"].as_array().map(Vec::len), Some(2));

    // Snoozed past the later one: it is listed after it.
    let one = format!("/api/v1/follow-ups/{}", sooner.body["id"]);
    let until = (Utc::now() + Duration::hours(8)).to_rfc3339();
    let snoozed = vip
        .at_version(
            &vip.vera,
            Method::PATCH,
            &one,
            1,
            Some(&json!({"snoozed_until": until}).to_string()),
        )
        .await;
    assert_eq!(snoozed.status, 200, "{}", snoozed.body);
    let mine = vip.get(&vip.vera, "/api/v1/follow-ups").await;
    assert_eq!(mine.body["follow_ups"][1]["id"], sooner.body["id"]);
    let moved = vip
        .at_version(
            &vip.vera,
            Method::PATCH,
            &one,
            2,
            Some(r#"{"owner":"queue"}"#),
        )
        .await;
    assert_eq!(moved.status, 200);
    assert_eq!(moved.body["owner"]["kind"], "queue");
    let done = vip
        .at_version(
            &vip.sam,
            Method::PATCH,
            &one,
            3,
            Some(r#"{"status":"done"}"#),
        )
        .await;
    assert_eq!(done.status, 200);
    let kinds: Vec<&str> = done.body["history"]
        .as_array()
        .map(|h| h.iter().filter_map(|e| e["kind"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(kinds, ["created", "snoozed", "reassigned", "done"]);
    assert_eq!(done.body["history"][3]["actor"], "sam");
    let again = vip
        .at_version(&vip.vera, Method::PATCH, &one, 4, Some(r#"{"owner":"me"}"#))
        .await;
    assert_eq!(again.status, 409);
    let stale = vip
        .at_version(
            &vip.vera,
            Method::PATCH,
            &one,
            1,
            Some(r#"{"status":"done"}"#),
        )
        .await;
    assert_eq!(stale.status, 412);
    let queue = vip.get(&vip.vera, "/api/v1/follow-ups?owner=queue").await;
    assert_eq!(
        queue.body["follow_ups"].as_array().map(Vec::len),
        Some(1),
        "done leaves the list"
    );
    let read = vip.get(&vip.sam, &one).await;
    assert_eq!((read.status, read.etag.as_deref()), (200, Some("\"4\"")));
}

pub async fn follow_up_roles_and_bad_bodies(url: String) {
    let vip = start(&url).await;
    let path = "/api/v1/follow-ups";
    let ann = &vip.server.token;
    assert_eq!(vip.post(ann, path, &body("x", 1, None)).await.status, 403);
    assert_eq!(
        vip.post(&vip.server.admin, path, &body("x", 1, None))
            .await
            .status,
        403
    );
    assert_eq!(
        vip.get(ann, path).await.status,
        200,
        "anyone lists their own"
    );
    assert_eq!(
        vip.get(ann, "/api/v1/follow-ups?owner=queue").await.status,
        403
    );
    assert_eq!(
        vip.get(&vip.vera, "/api/v1/follow-ups?owner=sam")
            .await
            .status,
        403
    );
    assert_eq!(
        vip.get(&vip.vera, "/api/v1/follow-ups?owner=a%20b")
            .await
            .status,
        400
    );
    assert_eq!(
        vip.get(&vip.vera, "/api/v1/follow-ups?who=me").await.status,
        400
    );
    let for_vera = vip.post(&vip.vera, path, &body("x", 1, None)).await;
    let one = format!("/api/v1/follow-ups/{}", for_vera.body["id"]);
    assert_eq!(vip.get(ann, &one).await.status, 403);
    let refused = vip
        .at_version(ann, Method::PATCH, &one, 1, Some(r#"{"status":"done"}"#))
        .await;
    assert_eq!(refused.status, 403);

    let past = (Utc::now() - Duration::days(30)).to_rfc3339();
    let cases: Vec<(String, u16)> = vec![
        ("".into(), 400),
        ("{\"traveller_id\":".into(), 400),
        ("[]".into(), 422),
        ("{}".into(), 422),
        (json!({"traveller_id": ID, "text": "x"}).to_string(), 422),
        (
            json!({"traveller_id": ID, "text": "x", "due_at": "soon"}).to_string(),
            422,
        ),
        (
            json!({"traveller_id": ID, "text": "x", "due_at": past}).to_string(),
            422,
        ),
        (body("", 1, None), 422),
        (body("\u{1b}[31mred\u{1b}[0m", 1, None), 422),
        (body("abc\u{2066}def", 1, None), 422),
        (body(&"长".repeat(1001), 1, None), 422),
        (body("x", 1, Some("'; DROP TABLE follow_ups; --")), 422),
        (
            json!({"traveller_id": 999_999, "text": "x", "due_at": Utc::now().to_rfc3339()})
                .to_string(),
            422,
        ),
        (
            json!({"traveller_id": "５", "text": "x", "due_at": Utc::now().to_rfc3339()})
                .to_string(),
            422,
        ),
        (body("给王先生回电 📞", 1, Some("queue")), 201),
    ];
    for (body, status) in cases {
        let answer = vip.post(&vip.vera, path, &body).await;
        let shown: String = body.chars().take(80).collect();
        assert_eq!(answer.status, status, "{shown}: {}", answer.body);
    }
    for (patch, status) in [
        ("{}", 422),
        (r#"{"status":"open"}"#, 422),
        (r#"{"status":"finished"}"#, 422),
        (r#"{"snoozed_until":"2001-01-01T00:00:00Z"}"#, 422),
        (r#"{"owner":""}"#, 422),
        (r#"{"extra":1}"#, 422),
        ("null", 422),
        ("{", 400),
    ] {
        let answer = vip
            .at_version(&vip.vera, Method::PATCH, &one, 1, Some(patch))
            .await;
        assert_eq!(answer.status, status, "{patch}: {}", answer.body);
    }
}
