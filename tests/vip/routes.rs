//! VIP requests over HTTP: logged, read, changed while requested, and
//! moved along the lifecycle; who may write.

use reqwest::Method;

use crate::rig::{ID, PLAIN, flight_ids, hold_body, start};

pub async fn vip_request_routes_log_read_change_and_act(url: String) {
    let vip = start(&url).await;
    let flights = flight_ids(&vip.server.store, ID).await;
    let path = format!("/api/v1/travellers/{ID}/vip-requests");
    let logged = vip
        .post(&vip.vera, &path, &hold_body(&flights[..2], 60))
        .await;
    assert_eq!(logged.status, 201, "{}", logged.body);
    assert_eq!(logged.etag.as_deref(), Some("\"1\""));
    let body = &logged.body;
    assert_eq!(body["status"], "requested");
    assert_eq!(body["owner"], "vera");
    assert_eq!(body["kind"], "seat_hold");
    assert_eq!(body["flights"].as_array().map(Vec::len), Some(2));
    assert!(
        body["flights"][0]["flight_no"]
            .as_str()
            .is_some_and(|n| n.starts_with("CA"))
    );
    assert_eq!(body["history"][0]["kind"], "logged");
    let id = body["id"].as_i64().expect("id");

    let listed = vip.get(&vip.server.token, &path).await;
    assert_eq!(listed.status, 200);
    assert_eq!(listed.body["requests"][0]["id"], id);
    let one = format!("/api/v1/vip-requests/{id}");
    let read = vip.get(&vip.server.admin, &one).await;
    assert_eq!((read.status, read.etag.as_deref()), (200, Some("\"1\"")));
    assert_eq!(
        vip.get(&vip.vera, "/api/v1/vip-requests/999999")
            .await
            .status,
        404
    );
    assert_eq!(
        vip.get(&vip.vera, "/api/v1/vip-requests/abc").await.status,
        400
    );

    // The hotline confirms without a reference; then releases.
    let confirm = format!("{one}/confirm");
    let no_if_match = vip.call(&vip.vera, Method::POST, &confirm, &[], None).await;
    assert_eq!(no_if_match.status, 428);
    let stale = vip
        .at_version(&vip.vera, Method::POST, &confirm, 7, None)
        .await;
    assert_eq!((stale.status, stale.etag.as_deref()), (412, Some("\"1\"")));
    let confirmed = vip
        .at_version(&vip.vera, Method::POST, &confirm, 1, Some("{}"))
        .await;
    assert_eq!(confirmed.status, 200, "{}", confirmed.body);
    assert_eq!(confirmed.body["status"], "confirmed");
    let again = vip
        .at_version(&vip.vera, Method::POST, &confirm, 2, None)
        .await;
    assert_eq!(again.status, 409);
    let released = vip
        .at_version(&vip.sam, Method::POST, &format!("{one}/release"), 2, None)
        .await;
    assert_eq!(released.status, 200, "{}", released.body);
    assert_eq!(released.body["status"], "released");
    let cancel = vip
        .at_version(&vip.vera, Method::POST, &format!("{one}/cancel"), 3, None)
        .await;
    assert_eq!(cancel.status, 409);
    assert!(
        cancel.body["detail"]
            .as_str()
            .is_some_and(|d| d.contains("released"))
    );
    let history: Vec<&str> = released.body["history"]
        .as_array()
        .map(|h| h.iter().filter_map(|e| e["kind"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(history, ["logged", "confirmed", "released"]);
}

pub async fn patch_changes_only_a_requested_request(url: String) {
    let vip = start(&url).await;
    let flights = flight_ids(&vip.server.store, ID).await;
    let path = format!("/api/v1/travellers/{ID}/vip-requests");
    let logged = vip
        .post(&vip.vera, &path, &hold_body(&flights[..1], 60))
        .await;
    let id = logged.body["id"].as_i64().expect("id");
    let one = format!("/api/v1/vip-requests/{id}");
    let later = (chrono::Utc::now() + chrono::Duration::hours(5)).to_rfc3339();
    let patch = serde_json::json!({
        "seat": "１４Ｃ",
        "text": "改为过道",
        "flights": [{"flight_id": flights[0], "release_at": later}],
    })
    .to_string();
    let changed = vip
        .at_version(&vip.vera, Method::PATCH, &one, 1, Some(&patch))
        .await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    assert_eq!(changed.body["seat"], "14C");
    assert_eq!(changed.body["text"], "改为过道");
    assert_eq!(changed.etag.as_deref(), Some("\"2\""));
    let kinds = changed.body["history"].as_array().map(Vec::len);
    assert_eq!(kinds, Some(4), "{}", changed.body);
    let not_its = serde_json::json!({"flights": [{"flight_id": flights[2], "release_at": later}]});
    let refused = vip
        .at_version(
            &vip.vera,
            Method::PATCH,
            &one,
            2,
            Some(&not_its.to_string()),
        )
        .await;
    assert_eq!(refused.status, 422);
    let passed = (chrono::Utc::now() - chrono::Duration::hours(1)).to_rfc3339();
    let past = serde_json::json!({"flights": [{"flight_id": flights[0], "release_at": passed}]});
    let refused = vip
        .at_version(&vip.vera, Method::PATCH, &one, 2, Some(&past.to_string()))
        .await;
    assert_eq!(refused.status, 422);
    for body in ["{}", r#"{"kind":"lounge"}"#, r#"{"status":"confirmed"}"#] {
        let refused = vip
            .at_version(&vip.vera, Method::PATCH, &one, 2, Some(body))
            .await;
        assert_eq!(refused.status, 422, "{body}");
    }

    let cancelled = vip
        .at_version(&vip.vera, Method::POST, &format!("{one}/cancel"), 2, None)
        .await;
    assert_eq!(cancelled.status, 200);
    let too_late = vip
        .at_version(&vip.vera, Method::PATCH, &one, 3, Some(r#"{"seat":"1A"}"#))
        .await;
    assert_eq!(too_late.status, 409);
    let detail = too_late.body["detail"].as_str().unwrap_or_default();
    assert!(detail.contains("only while it is requested"), "{detail}");
}

pub async fn writes_are_for_the_hotline_and_supervisors(url: String) {
    let vip = start(&url).await;
    let flights = flight_ids(&vip.server.store, ID).await;
    let path = format!("/api/v1/travellers/{ID}/vip-requests");
    let body = hold_body(&flights[..1], 60);
    for token in [&vip.server.token, &vip.server.admin] {
        assert_eq!(vip.post(token, &path, &body).await.status, 403);
    }
    let logged = vip.post(&vip.sam, &path, &body).await;
    assert_eq!(logged.status, 201);
    assert_eq!(logged.body["owner"], "sam");
    let one = format!("/api/v1/vip-requests/{}", logged.body["id"]);
    for token in [&vip.server.token, &vip.server.admin] {
        for (method, path, body) in [
            (Method::PATCH, one.clone(), Some(r#"{"seat":"1A"}"#)),
            (Method::POST, format!("{one}/confirm"), None),
            (Method::POST, format!("{one}/cancel"), None),
        ] {
            let refused = vip.at_version(token, method, &path, 1, body).await;
            assert_eq!(refused.status, 403, "{path}");
        }
        assert_eq!(vip.get(token, &one).await.status, 200);
    }
    let missing = vip
        .post(&vip.vera, "/api/v1/travellers/999999/vip-requests", &body)
        .await;
    assert_eq!(missing.status, 404);
    let no_key = vip
        .call(&vip.vera, Method::POST, &path, &[], Some(&body))
        .await;
    assert_eq!(no_key.status, 400);
}

pub async fn the_entitlement_gate_refuses_and_only_a_supervisor_overrides(url: String) {
    let vip = start(&url).await;
    // A gold traveller of no segment: not entitled to the lounge.
    let path = format!("/api/v1/travellers/{PLAIN}/vip-requests");
    let body = r#"{"kind":"lounge","override_reason":"航班延误，补偿贵宾室"}"#;
    let refused = vip.post(&vip.vera, &path, body).await;
    assert_eq!(refused.status, 403);
    // Without an override, the gate names what the request needs.
    let gated = vip.post(&vip.vera, &path, r#"{"kind":"lounge"}"#).await;
    assert_eq!(gated.status, 422, "{}", gated.body);
    let detail = gated.body["detail"].as_str().unwrap_or_default();
    assert!(detail.contains("lounge access (lounge)"), "{detail}");
    let flights = flight_ids(&vip.server.store, PLAIN).await;
    let hold = vip
        .post(&vip.sam, &path, &hold_body(&flights[..1], 60))
        .await;
    assert_eq!(
        hold.status, 422,
        "a supervisor without an override is gated too"
    );
    let detail = hold.body["detail"].as_str().unwrap_or_default();
    assert!(detail.contains("multi_flight_hold"), "{detail}");
    // The V4 traveller is entitled: no override needed.
    let entitled = format!("/api/v1/travellers/{ID}/vip-requests");
    let lounge = vip.post(&vip.vera, &entitled, r#"{"kind":"lounge"}"#).await;
    assert_eq!(lounge.status, 201, "{}", lounge.body);
    assert!(lounge.body.get("override").is_none());
    let logged = vip.post(&vip.sam, &path, body).await;
    assert_eq!(logged.status, 201, "{}", logged.body);
    assert_eq!(logged.body["override"]["by"], "sam");
    assert_eq!(logged.body["override"]["reason"], "航班延误，补偿贵宾室");
    let kinds: Vec<&str> = logged.body["history"]
        .as_array()
        .map(|h| h.iter().filter_map(|e| e["kind"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(kinds, ["logged", "overridden"]);
    // Assistance needs no entitlement, so no override.
    let wheelchair = vip
        .post(&vip.vera, &path, r#"{"kind":"wheelchair","code":"WCHC"}"#)
        .await;
    assert_eq!(wheelchair.status, 201, "{}", wheelchair.body);
    assert_eq!(wheelchair.body["code"], "WCHC");
    let assist = vip
        .post(&vip.vera, &path, r#"{"kind":"meet_assist"}"#)
        .await;
    assert_eq!(assist.body["code"], "MAAS");
}
