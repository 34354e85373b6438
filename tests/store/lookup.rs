//! Caller-ID lookups: whole profiles, shared numbers, nothing for unknowns.

use super::fixtures::*;

/// 1. Every seeded traveller is found by each of their numbers, with the
///    right profile; flights outside the window and closed complaints are left
///    out; flights come newest first.
pub async fn lookup_by_phone_gives_the_whole_profile(store: &dyn Store) {
    let seeded: Vec<NewTraveller> = (1..=60).map(|id| seed::traveller(id, today())).collect();
    let mut edge = traveller(1000, "Edge", Tier::Gold, &["+8675510000001"]);
    edge.flights = vec![
        flight(days(-FLIGHTS_BACK_DAYS - 1), "CA0001"),
        flight(days(-FLIGHTS_BACK_DAYS), "CA0002"),
        flight(days(-30), "CA0003"),
        flight(days(0), "CA0004"),
        flight(days(FLIGHTS_AHEAD_DAYS), "CA0005"),
        flight(days(FLIGHTS_AHEAD_DAYS + 1), "CA0006"),
    ];
    edge.complaints = vec![
        complaint(ComplaintCategory::Delay, ComplaintStatus::Open, "open"),
        complaint(
            ComplaintCategory::Baggage,
            ComplaintStatus::InProgress,
            "in progress",
        ),
        complaint(
            ComplaintCategory::StaffConduct,
            ComplaintStatus::WaitingForCustomer,
            "waiting",
        ),
        complaint(
            ComplaintCategory::Seat,
            ComplaintStatus::Resolved,
            "resolved",
        ),
        complaint(
            ComplaintCategory::Booking,
            ComplaintStatus::Closed,
            "closed",
        ),
    ];
    let mut all = seeded.clone();
    all.push(edge.clone());
    store.insert_new_travellers(&all).await.expect("insert");
    assert_eq!(store.traveller_count().await.expect("count"), 61);

    for t in &seeded {
        assert!(
            !t.phones.is_empty(),
            "seeded traveller {} has a phone",
            t.id
        );
        for phone in &t.phones {
            let found = lookup(store, &phone.e164).await;
            let mine = found
                .iter()
                .find(|p| p.traveller.id == t.id)
                .unwrap_or_else(|| panic!("traveller {} not found by {}", t.id, phone.e164));
            assert_profile_is(mine, t);
            assert!(
                found
                    .iter()
                    .all(|p| p.traveller.phones.iter().any(|n| n.e164 == phone.e164)),
                "only travellers with {} come back",
                phone.e164
            );
        }
    }

    let found = lookup(store, "+8675510000001").await;
    assert_eq!(ids(&found), vec![1000]);
    let profile = &found[0];
    assert_profile_is(profile, &edge);
    let dates: Vec<NaiveDate> = profile.flights.iter().map(|f| f.date).collect();
    assert_eq!(
        dates,
        vec![
            days(FLIGHTS_AHEAD_DAYS),
            days(0),
            days(-30),
            days(-FLIGHTS_BACK_DAYS)
        ],
        "only flights inside the window, newest first"
    );
    // The last flight ranks shared numbers, so it counts every flight.
    assert_eq!(
        profile.traveller.last_flight,
        Some(days(FLIGHTS_AHEAD_DAYS + 1))
    );
    let statuses: Vec<ComplaintStatus> = profile.open_complaints.iter().map(|c| c.status).collect();
    assert_eq!(statuses.len(), 3, "resolved and closed are left out");
    assert!(statuses.iter().all(|s| s.is_open()));
    assert!(
        profile
            .open_complaints
            .windows(2)
            .all(|w| w[0].due_at <= w[1].due_at),
        "open complaints come soonest due first"
    );
}

/// 2. A shared number ranks its travellers by tier, then recency; the list
///    is capped at MAX_MATCHES and the cap keeps the best-ranked.
pub async fn shared_numbers_rank_and_cap(store: &dyn Store) {
    const SHARED: &str = "+8675520000000";
    let with_last = |mut t: NewTraveller, last: Option<i64>| {
        t.flights = last
            .map(|d| vec![flight(days(d), "CA1001")])
            .unwrap_or_default();
        t
    };
    let family = vec![
        with_last(
            traveller(101, "Li", Tier::Basic, &[SHARED, "+8675520000101"]),
            Some(-5),
        ),
        with_last(traveller(102, "Wang", Tier::Gold, &[SHARED]), Some(-40)),
        with_last(traveller(103, "Zhao", Tier::Silver, &[SHARED]), Some(-1)),
        with_last(traveller(104, "Chen", Tier::Gold, &[SHARED]), Some(-2)),
        with_last(traveller(105, "Sun", Tier::Silver, &[SHARED]), None),
    ];
    store.insert_new_travellers(&family).await.expect("insert");
    let found = lookup(store, SHARED).await;
    assert_eq!(ids(&found), vec![104, 102, 103, 105, 101]);
    assert_eq!(ids(&found), ranked_ids(&family));
    assert_eq!(ids(&lookup(store, "+8675520000101").await), vec![101]);

    // A switchboard: more travellers than the cap, the most valuable ones
    // inserted last so that a cap applied before ranking would lose them.
    const SWITCHBOARD: &str = "+8675520009999";
    let staff: Vec<NewTraveller> = (201..=200 + MAX_MATCHES + 10)
        .map(|id| {
            let tier = if id > 200 + MAX_MATCHES {
                Tier::Platinum
            } else {
                Tier::ALL[(id % 3) as usize]
            };
            let last = (id % 5 != 0).then_some(-(id % 7));
            with_last(traveller(id, "Chen", tier, &[SWITCHBOARD]), last)
        })
        .collect();
    store.insert_new_travellers(&staff).await.expect("insert");
    let found = lookup(store, SWITCHBOARD).await;
    assert_eq!(found.len() as i64, MAX_MATCHES);
    let expected = ranked_ids(&staff);
    assert_eq!(ids(&found), expected[..MAX_MATCHES as usize].to_vec());
}

/// 3. Unknown numbers and ids find nothing; `profile` agrees with a lookup.
pub async fn unknown_numbers_and_ids_find_nothing(store: &dyn Store) {
    let seeded: Vec<NewTraveller> = (1..=10).map(|id| seed::traveller(id, today())).collect();
    store.insert_new_travellers(&seeded).await.expect("insert");
    assert!(lookup(store, "+8675530000000").await.is_empty());
    assert!(
        skydesk::domain::E164::parse_exact("").is_err(),
        "an empty number never reaches the store"
    );

    for t in &seeded {
        let by_phone = lookup(store, &t.phones[0].e164).await;
        let from_lookup = by_phone
            .into_iter()
            .find(|p| p.traveller.id == t.id)
            .expect("found by phone");
        let by_id = store
            .profile(t.id, today())
            .await
            .expect("profile")
            .expect("profile exists");
        assert_eq!(by_id, from_lookup);
    }
    assert_eq!(
        store.profile(999_999, today()).await.expect("profile"),
        None
    );
    assert_eq!(store.profile(0, today()).await.expect("profile"), None);
}
