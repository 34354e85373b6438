//! A number shared by more travellers than a lookup shows: the lookup
//! says how many there are, and a chooser's filter reaches every one.

use skydesk::{
    domain::{E164, Tier},
    server::ServerConfig,
    store::{NewPhone, NewTraveller},
    wire::CallerLookup,
};

use crate::fixtures::*;

const SWITCHBOARD: &str = "+862158000166";
const HOLDERS: i64 = 166;

/// 166 travellers on one switchboard: 100 gold `STAFF` ones rank first,
/// then basic ones, among them `QUILL Zed` (155th) and `王桂英` (166th),
/// far beyond the 50 a lookup shows.
fn holder(n: i64) -> NewTraveller {
    let today = Utc::now().date_naive();
    let mut t = seed::traveller(n, today);
    t.id = 1000 + n;
    t.ffp_number = format!("CA{:09}", 1000 + n);
    t.flights.clear();
    t.complaints.clear();
    t.tier = if n <= 100 { Tier::Gold } else { Tier::Basic };
    (t.family_name, t.given_name, t.native_name) = match n {
        155 => ("Quill".into(), "Zed".into(), None),
        166 => ("Wang".into(), "Guiying".into(), Some("王桂英".into())),
        _ => ("Staff".into(), format!("Member{n:03}"), None),
    };
    t.phones = vec![NewPhone {
        e164: E164::parse_exact(SWITCHBOARD).expect("E.164"),
        dialled: Some(SWITCHBOARD.into()),
        label: "office".into(),
    }];
    t
}

async fn switchboard_server(url: &str) -> ApiClient {
    let store = store::connect(url).await.expect("store opens");
    let holders: Vec<NewTraveller> = (1..=HOLDERS).map(holder).collect();
    store
        .insert_new_travellers(&holders)
        .await
        .expect("inserted");
    let (base, token) = common::serve_signed_in(store, ServerConfig::default()).await;
    ApiClient::new(&base, &token).expect("client")
}

fn names(found: &CallerLookup) -> Vec<String> {
    found
        .matches
        .iter()
        .map(|p| p.traveller.latin_name())
        .collect()
}

pub async fn a_shared_number_says_how_many_share_it_and_filters_reach_all(url: String) {
    let client = switchboard_server(&url).await;
    let found = client.lookup_caller(SWITCHBOARD).await.expect("lookup");
    assert_eq!((found.matches.len(), found.total), (50, 166));
    assert!(!names(&found).contains(&"QUILL Zed".to_string()));

    // Any dialled form, filtered among all 166.
    let quill = client
        .lookup_caller_matching("021 5800 0166", "quill")
        .await
        .expect("filtered lookup");
    assert_eq!(names(&quill), vec!["QUILL Zed"]);
    assert_eq!(quill.total, 1);
    let wang = client
        .lookup_caller_matching(SWITCHBOARD, "王桂英")
        .await
        .expect("filtered lookup");
    assert_eq!(names(&wang), vec!["WANG Guiying"]);
    // By frequent-flyer number.
    let by_ffp = client
        .lookup_caller_matching(SWITCHBOARD, "CA000001155")
        .await
        .expect("filtered lookup");
    assert_eq!(names(&by_ffp)[0], "QUILL Zed");

    // A filter matching many: capped at 50, counted in full, and equal
    // matches keep the lookup's ranking (gold first, then by name and id).
    let staff = client
        .lookup_caller_matching(SWITCHBOARD, "staff")
        .await
        .expect("filtered lookup");
    assert_eq!((staff.matches.len(), staff.total), (50, 164));
    let ids: Vec<i64> = staff.matches.iter().map(|p| p.traveller.id).collect();
    assert_eq!(ids, (1001..=1050).collect::<Vec<_>>());

    // Nothing matches; an empty filter is the plain lookup.
    let none = client
        .lookup_caller_matching(SWITCHBOARD, "xyzzy")
        .await
        .expect("filtered lookup");
    assert_eq!((none.matches.len(), none.total), (0, 0));
    let empty = client
        .lookup_caller_matching(SWITCHBOARD, "  ")
        .await
        .expect("filtered lookup");
    assert_eq!((empty.matches.len(), empty.total), (50, 166));

    // A number on its own is counted without a second look.
    let alone = client
        .lookup_caller("+8613900000000")
        .await
        .expect("lookup");
    assert_eq!((alone.matches.len(), alone.total), (0, 0));
}

pub async fn a_hostile_or_oversized_filter_is_a_400(url: String) {
    let client = switchboard_server(&url).await;
    for bad in [
        "\u{1b}[2J".to_string(),
        "quill\u{202e}".to_string(),
        "a\u{0}b".to_string(),
        "x".repeat(65),
    ] {
        let err = client
            .lookup_caller_matching(SWITCHBOARD, &bad)
            .await
            .expect_err("refused");
        assert_eq!(err.status(), Some(400), "{bad:?}: {err}");
    }
    // SQL and wildcards are only text to match.
    for odd in ["%", "_", "' OR '1'='1", "ｓｔａｆｆ"] {
        let found = client
            .lookup_caller_matching(SWITCHBOARD, odd)
            .await
            .expect("a filter, not an error");
        assert!(found.total <= 166, "{odd:?}");
    }
}
