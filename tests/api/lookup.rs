//! Signing in, caller-ID lookups and travellers by id.

use crate::fixtures::*;

pub async fn health_needs_no_token_but_everything_else_does(url: String) {
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

pub async fn every_dialled_form_finds_the_same_traveller(url: String) {
    let server = TestServer::start(&url, None).await;
    let client = server.client();
    let t = lone_traveller();
    let e164 = &t.phones[0].e164.to_string();
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
            CallerNumber::Known {
                e164: skydesk::domain::E164::parse_exact(e164).expect("E.164")
            },
            "{form}"
        );
        assert_eq!(found.matches.len(), 1, "{form}");
        assert_eq!(
            found.matches[0].traveller.ffp_number, t.ffp_number,
            "{form}"
        );
    }
}

pub async fn garbage_numbers_are_4xx_problems_never_500(url: String) {
    let server = TestServer::start(&url, None).await;
    let client = server.client();
    let long = "9".repeat(200);
    let garbage = [
        "call me",
        long.as_str(),
        "1'; DROP TABLE travellers;--",
        "\u{1b}[2J",
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
    // A blank caller ID is how some phone systems withhold the number.
    for marker in ["anonymous", "RESTRICTED", " "] {
        let withheld = client
            .lookup_caller(marker)
            .await
            .expect("withheld is not an error");
        assert_eq!(withheld.number, CallerNumber::Withheld, "{marker:?}");
        assert!(withheld.matches.is_empty());
    }
    let unknown = client
        .lookup_caller("+8613912345678")
        .await
        .expect("unknown is not an error");
    assert!(unknown.matches.is_empty());
}

pub async fn travellers_are_fetched_by_id(url: String) {
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
