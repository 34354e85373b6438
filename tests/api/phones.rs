//! Agents adding the number a traveller calls from.

use crate::fixtures::*;

pub async fn agents_add_the_number_a_traveller_calls_from(url: String) {
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

pub async fn adding_a_phone_answers_with_the_right_status(url: String) {
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
