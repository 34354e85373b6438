//! The reservation system's role: it confirms (with its reference),
//! releases and cancels VIP requests, and every other route refuses it.

use reqwest::Method;

use crate::rig::{ID, flight_ids, hold_body, start};

pub async fn the_integration_role_only_confirms_releases_and_cancels(url: String) {
    let vip = start(&url).await;
    let flights = flight_ids(&vip.server.store, ID).await;
    let path = format!("/api/v1/travellers/{ID}/vip-requests");
    let first = vip
        .post(&vip.vera, &path, &hold_body(&flights[..1], 60))
        .await;
    let second = vip
        .post(&vip.vera, &path, &hold_body(&flights[1..2], 60))
        .await;
    let one = format!("/api/v1/vip-requests/{}", first.body["id"]);
    let two = format!("/api/v1/vip-requests/{}", second.body["id"]);

    let unreferenced = vip
        .at_version(&vip.res, Method::POST, &format!("{one}/confirm"), 1, None)
        .await;
    assert_eq!(unreferenced.status, 422);
    assert!(
        unreferenced.body["detail"]
            .as_str()
            .is_some_and(|d| d.contains("reference"))
    );
    let confirmed = vip
        .at_version(
            &vip.res,
            Method::POST,
            &format!("{one}/confirm"),
            1,
            Some(r#"{"reference":"PNR7Q2X"}"#),
        )
        .await;
    assert_eq!(confirmed.status, 200, "{}", confirmed.body);
    assert_eq!(confirmed.body["reference"], "PNR7Q2X");
    assert_eq!(confirmed.body["history"][1]["actor"], "res");
    let released = vip
        .call(
            &vip.res,
            Method::POST,
            &format!("{one}/release"),
            &[("if-match", "*")],
            None,
        )
        .await;
    assert_eq!(released.status, 200, "{}", released.body);
    let cancelled = vip
        .call(
            &vip.res,
            Method::POST,
            &format!("{two}/cancel"),
            &[("if-match", "*")],
            Some(""),
        )
        .await;
    assert_eq!(cancelled.status, 200, "{}", cancelled.body);

    // Everything else refuses it, reads included.
    let refused = [
        (Method::GET, one.clone(), None),
        (Method::PATCH, one.clone(), Some(r#"{"seat":"1A"}"#)),
        (Method::GET, path.clone(), None),
        (Method::POST, path.clone(), Some(r#"{"kind":"lounge"}"#)),
        (Method::GET, format!("/api/v1/travellers/{ID}"), None),
        (Method::GET, "/api/v1/travellers?q=zhang".into(), None),
        (Method::GET, "/api/v1/floor".into(), None),
        (Method::GET, "/api/v1/events".into(), None),
        (Method::GET, "/api/v1/me".into(), None),
        (Method::GET, "/api/v1/follow-ups".into(), None),
        (Method::GET, format!("/api/v1/travellers/{ID}/notes"), None),
        (
            Method::PUT,
            "/api/v1/me/state".into(),
            Some(r#"{"state":"available"}"#),
        ),
    ];
    for (method, path, body) in refused {
        let answer = vip
            .call(
                &vip.res,
                method.clone(),
                &path,
                &[("idempotency-key", "k")],
                body,
            )
            .await;
        assert_eq!(answer.status, 403, "{method} {path}: {}", answer.body);
    }
}
