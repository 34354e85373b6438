//! Travellers as the loyalty system and the seeder write them: updates by
//! frequent-flyer number, value scores, hostile text, top-up seeding.

use super::fixtures::*;

/// 4. Upserting by frequent-flyer number updates in place and replaces the
///    phones; new travellers get ids clear of those inserted with explicit ids.
pub async fn upsert_updates_by_ffp_number(store: &dyn Store) {
    let seeded: Vec<NewTraveller> = (1..=5).map(|id| seed::traveller(id, today())).collect();
    store.insert_new_travellers(&seeded).await.expect("insert");

    // The id field is ignored on this path.
    let mut newcomer = traveller(0, "Ma", Tier::Silver, &["+8675540000001"]);
    newcomer.ffp_number = "ZZ0001".into();
    let first = store
        .upsert_travellers(std::slice::from_ref(&newcomer))
        .await
        .expect("upsert new");
    assert_eq!(first.len(), 1);
    let id = first[0];
    assert!(id > 5, "new id {id} collides with an explicit one");

    let mut renamed = newcomer.clone();
    renamed.family_name = "Ma-Lin".into();
    renamed.given_name = "Xiuying".into();
    renamed.tier = Tier::Gold;
    renamed.phones = vec![agent_phone("+8675540000002", "mobile")];
    let another = {
        let mut t = traveller(0, "Hu", Tier::Basic, &["+8675540000003"]);
        t.ffp_number = "ZZ0002".into();
        t
    };
    let again = store
        .upsert_travellers(&[renamed.clone(), another])
        .await
        .expect("upsert again");
    assert_eq!(again[0], id, "the same ffp_number keeps its id");
    assert!(again[1] > 5 && again[1] != id, "second new id {}", again[1]);
    assert_eq!(store.traveller_count().await.expect("count"), 7);

    assert!(
        lookup(store, "+8675540000001").await.is_empty(),
        "the old number was replaced"
    );
    let found = lookup(store, "+8675540000002").await;
    assert_eq!(ids(&found), vec![id]);
    let t = &found[0].traveller;
    assert_eq!(
        (t.family_name.as_str(), t.given_name.as_str(), t.tier),
        ("Ma-Lin", "Xiuying", Tier::Gold)
    );
    assert_eq!(t.phones.len(), 1);

    // An import touching a seeded traveller finds them by their number.
    let mut update = seeded[2].clone();
    update.given_name = "Updated".into();
    let ids_back = store.upsert_travellers(&[update]).await.expect("upsert");
    assert_eq!(ids_back, vec![seeded[2].id]);
    let p = store
        .profile(seeded[2].id, today())
        .await
        .expect("profile")
        .expect("exists");
    assert_eq!(p.traveller.given_name, "Updated");
}

/// 5. Stored value scores equal the domain formula over percent ranks.
pub async fn value_scores_follow_the_domain_formula(store: &dyn Store) {
    // (flights_12m, miles_12m, premium_share), with ties on every factor.
    let factors: [(i64, i64, f64); 9] = [
        (0, 0, 0.0),
        (3, 2_000, 0.0),
        (3, 5_000, 0.25),
        (10, 5_000, 0.5),
        (12, 30_000, 0.5),
        (40, 90_000, 1.0),
        (1, 100, 0.1),
        (25, 40_000, 0.75),
        (25, 41_000, 0.3),
    ];
    let travellers: Vec<NewTraveller> = factors
        .iter()
        .enumerate()
        .map(|(i, &(flights, miles, premium))| {
            let mut t = traveller(i as i64 + 1, "Guo", Tier::Silver, &[]);
            t.flights_12m = flights;
            t.miles_12m = miles;
            t.premium_share = premium;
            t
        })
        .collect();
    store
        .insert_new_travellers(&travellers)
        .await
        .expect("insert");
    store.recompute_value_scores().await.expect("recompute");

    let sorted = |f: &dyn Fn(&(i64, i64, f64)) -> f64| {
        let mut v: Vec<f64> = factors.iter().map(f).collect();
        v.sort_by(f64::total_cmp);
        v
    };
    let by_flights = sorted(&|x| x.0 as f64);
    let by_miles = sorted(&|x| x.1 as f64);
    let by_premium = sorted(&|x| x.2);
    for (t, x) in travellers.iter().zip(&factors) {
        let expected = value::value_score(
            FactorPercentiles {
                frequency: value::percent_rank(&by_flights, x.0 as f64),
                mileage: value::percent_rank(&by_miles, x.1 as f64),
                cabin: value::percent_rank(&by_premium, x.2),
            },
            DEFAULT_WEIGHTS,
        );
        let stored = store
            .profile(t.id, today())
            .await
            .expect("profile")
            .expect("exists")
            .traveller
            .value_score;
        assert!(
            (stored - expected).abs() < 0.051,
            "traveller {}: stored {stored}, expected {expected}",
            t.id
        );
    }
}

/// 8. Text that could confuse SQL or an encoding is stored verbatim.
pub async fn hostile_text_round_trips(store: &dyn Store) {
    const SQL: &str = "'); DROP TABLE travellers;--";
    let mut inserted = traveller(1, SQL, Tier::Gold, &["+8675580000001"]);
    inserted.given_name = "100% _real_ \\ \"quoted\"".into();
    inserted.native_name = Some("张伟😀🛫".into());
    inserted.email = Some("o'brien+%_@example.com".into());
    inserted.ffp_number = "CA'%_1".into();
    inserted.segment = Segment::Corporate {
        account: "Smith & Sons; 50%_off".into(),
    };
    inserted.phones[0].label = "'; --".into();
    inserted.flights = vec![flight(days(-1), "CA'1")];
    inserted.complaints = vec![complaint(
        ComplaintCategory::Other,
        ComplaintStatus::Open,
        "Robert'); DROP TABLE complaints;-- 🙃 %_",
    )];
    store
        .insert_new_travellers(std::slice::from_ref(&inserted))
        .await
        .expect("insert");
    let profile = store
        .profile(1, today())
        .await
        .expect("profile")
        .expect("exists");
    assert_profile_is(&profile, &inserted);

    let mut upserted = traveller(0, "欧阳", Tier::Basic, &["+8675580000002"]);
    upserted.ffp_number = "UP%_2".into();
    upserted.given_name = SQL.into();
    upserted.native_name = Some("🧳 %_ 司徒".into());
    let id = store
        .upsert_travellers(std::slice::from_ref(&upserted))
        .await
        .expect("upsert")[0];
    let found = lookup(store, "+8675580000002").await;
    assert_eq!(ids(&found), vec![id]);
    let t = &found[0].traveller;
    assert_eq!(t.family_name, "欧阳");
    assert_eq!(t.given_name, SQL);
    assert_eq!(t.native_name.as_deref(), Some("🧳 %_ 司徒"));
    assert_eq!(t.ffp_number, "UP%_2");

    // Wildcards and SQL never reach a lookup: it takes only E.164.
    for pattern in ["%", "_", "+86755%", "+8675580000001' OR '1'='1"] {
        assert!(
            skydesk::domain::E164::parse_exact(pattern).is_err(),
            "{pattern}"
        );
    }
    assert_eq!(store.traveller_count().await.expect("count"), 2);
}

/// 9. Seeding tops up to the count asked for and no further.
pub async fn seeding_tops_up(store: &dyn Store) {
    let written = seed::seed(store, 300, today(), &Default::default(), |_| {})
        .await
        .expect("seed");
    assert_eq!(written, 300);
    assert_eq!(store.traveller_count().await.expect("count"), 300);
    assert_eq!(
        seed::seed(store, 300, today(), &Default::default(), |_| {})
            .await
            .expect("seed"),
        0
    );
    assert_eq!(
        seed::seed(store, 350, today(), &Default::default(), |_| {})
            .await
            .expect("seed"),
        50
    );
    assert_eq!(store.traveller_count().await.expect("count"), 350);
    assert_eq!(store.max_traveller_id().await.expect("max id"), 350);
    assert!(!store.sample_phones(10).await.expect("sample").is_empty());
}
