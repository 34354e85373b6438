//! Bad bodies on the VIP routes: malformed, oversized, empty, hostile and
//! non-ASCII input is refused with a reason (or read, where it is only
//! another way to write the same), never answered with a 500.

use reqwest::Method;

use crate::rig::{ID, OTHER, flight_ids, hold_body, start};

pub async fn bad_vip_request_bodies_are_refused_never_500(url: String) {
    let vip = start(&url).await;
    let flights = flight_ids(&vip.server.store, ID).await;
    let theirs = flight_ids(&vip.server.store, OTHER).await;
    let path = format!("/api/v1/travellers/{ID}/vip-requests");
    let huge = format!(r#"{{"kind":"other","text":"{}"}}"#, "长".repeat(20_000));
    let long_text = format!(r#"{{"kind":"other","text":"{}"}}"#, "x".repeat(2_001));
    let cases: Vec<(String, u16)> = vec![
        ("".into(), 400),
        ("{".into(), 400),
        ("null".into(), 422),
        ("[]".into(), 422),
        ("{}".into(), 422),
        (r#"{"kind":"seat_hold"}"#.into(), 422),
        (r#"{"kind":"teleport"}"#.into(), 422),
        (r#"{"kind":7}"#.into(), 422),
        (r#"{"kind":"lounge","extra":1}"#.into(), 422),
        (r#"{"kind":"seat_lock"}"#.into(), 422),
        (r#"{"kind":"seat_lock","seat":"十二A"}"#.into(), 422),
        (
            r#"{"kind":"seat_lock","seat":"12A'; DROP TABLE vip_requests; --"}"#.into(),
            422,
        ),
        (r#"{"kind":"wheelchair"}"#.into(), 422),
        (r#"{"kind":"wheelchair","code":"WCHX"}"#.into(), 422),
        (r#"{"kind":"meet_assist","code":"WCHR"}"#.into(), 422),
        (
            r#"{"kind":"other","text":"\u001b]0;owned\u0007"}"#.into(),
            422,
        ),
        (r#"{"kind":"other","text":"abc\u202edef"}"#.into(), 422),
        (long_text, 422),
        (huge, 413),
        (
            r#"{"kind":"lounge","flights":[{"flight_id":"x"}]}"#.into(),
            422,
        ),
        (
            r#"{"kind":"lounge","flights":[{"flight_id":-1}]}"#.into(),
            422,
        ),
        (
            r#"{"kind":"seat_hold","flights":[{"flight_id":1,"release_at":"tomorrow"}]}"#.into(),
            422,
        ),
        (hold_body(&theirs[..1], 60), 422),
        (hold_body(&flights[..1], -5), 422),
        (hold_body(&[flights[0], flights[0]], 60), 422),
        (
            format!(
                r#"{{"kind":"lounge","flights":[{{"flight_id":{}}}]}}"#,
                i64::MAX
            ),
            422,
        ),
        (r#"{"kind":"other","text":"请安排接机 🚗"}"#.into(), 201),
        (r#"{"kind":"seat_lock","seat":"１２Ａ"}"#.into(), 201),
        (
            r#"{"kind":"seat_lock","seat":"12A","text":"'; DROP TABLE travellers; --"}"#.into(),
            201,
        ),
    ];
    for (body, status) in cases {
        let answer = vip.post(&vip.vera, &path, &body).await;
        let shown: String = body.chars().take(80).collect();
        assert_eq!(answer.status, status, "{shown}: {}", answer.body);
        if status >= 400 {
            assert!(
                answer.body["detail"]
                    .as_str()
                    .is_some_and(|d| !d.is_empty()),
                "{shown}"
            );
        }
    }
    let listed = vip.get(&vip.vera, &path).await;
    let seats: Vec<&str> = listed.body["requests"]
        .as_array()
        .map(|r| r.iter().filter_map(|r| r["seat"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(seats, ["12A", "12A"]);

    let id = listed.body["requests"][0]["id"].as_i64().expect("id");
    let confirm = format!("/api/v1/vip-requests/{id}/confirm");
    for (body, status) in [
        ("nonsense", 400),
        ("[1]", 422),
        (r#"{"reference":7}"#, 422),
        (r#"{"reference":"A\u001b[2J"}"#, 422),
        (r#"{"reference":"A","extra":true}"#, 422),
    ] {
        let answer = vip
            .call(
                &vip.vera,
                Method::POST,
                &confirm,
                &[("if-match", "*")],
                Some(body),
            )
            .await;
        assert_eq!(answer.status, status, "{body}: {}", answer.body);
    }
    let answer = vip
        .call(
            &vip.vera,
            Method::POST,
            &format!("/api/v1/vip-requests/{id}/cancel"),
            &[("if-match", "*")],
            Some(r#"{"reference":"X"}"#),
        )
        .await;
    assert_eq!(answer.status, 422);
}
