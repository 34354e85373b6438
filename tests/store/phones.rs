//! Numbers agents add: found at once, never twice, at most ten.

use super::fixtures::*;

/// Ids (and what matched) of a store-level search for `q`.
pub async fn search_ids(store: &dyn Store, q: &str) -> Vec<(i64, String)> {
    let query = skydesk::domain::search::SearchQuery::parse(q, "CA").expect("valid query");
    let mut found: Vec<(i64, String)> = store
        .search_travellers(&query, 200)
        .await
        .expect("search")
        .into_iter()
        .map(|(t, matched_on)| (t.id, matched_on.to_string()))
        .collect();
    found.sort();
    found
}

/// Adds a number with no idempotency key or version, as the store's own
/// callers may; the guarded path has its own cases.
pub async fn add(store: &dyn Store, id: i64, number: &str, label: &str) -> AddPhone {
    store
        .add_phone(
            id,
            &agent_phone(number, label),
            &skydesk::store::WriteGuard::default(),
        )
        .await
        .expect("add")
        .outcome
}

/// 11. A number an agent adds is found at once: by a caller-ID lookup and
///     by a phone-fragment search; the traveller's other numbers and name
///     still find them.
pub async fn added_phones_are_found_at_once(store: &dyn Store) {
    let mut t = traveller(2001, "Added", Tier::Gold, &["+8675550000001"]);
    t.native_name = Some("艾德".into());
    t.email = Some("added@example.com".into());
    t.ffp_number = "CA900002001".into();
    let other = traveller(2002, "Other", Tier::Basic, &["+8675550000002"]);
    store
        .insert_new_travellers(&[t.clone(), other])
        .await
        .expect("insert");
    assert!(lookup(store, "+8675550000099").await.is_empty());
    assert!(search_ids(store, "50000099").await.is_empty());

    assert_eq!(
        add(store, 2001, "+8675550000099", "added by agent").await,
        AddPhone::Added
    );
    let found = lookup(store, "+8675550000099").await;
    assert_eq!(ids(&found), vec![2001]);
    let mut want = t.clone();
    want.phones
        .push(agent_phone("+8675550000099", "added by agent"));
    assert_profile_is(&found[0], &want);

    let phone = || "phone".to_string();
    assert_eq!(search_ids(store, "50000099").await, vec![(2001, phone())]);
    assert_eq!(
        search_ids(store, "+86 755 5000 0099").await,
        vec![(2001, phone())]
    );
    // What was there before is still indexed.
    assert_eq!(search_ids(store, "50000001").await, vec![(2001, phone())]);
    assert_eq!(
        search_ids(store, "755500000").await,
        vec![(2001, phone()), (2002, phone())]
    );
    assert_eq!(ids(&lookup(store, "+8675550000001").await), vec![2001]);
    for name in ["added", "added wei", "艾德", "aide", "dde", "ad"] {
        let hits = search_ids(store, name).await;
        assert!(
            hits.iter().any(|(id, _)| *id == 2001),
            "{name:?} lost the traveller: {hits:?}"
        );
    }
    assert_eq!(
        search_ids(store, "added@example").await,
        vec![(2001, "email".to_string())]
    );
    assert_eq!(
        search_ids(store, "CA900002001").await,
        vec![(2001, "ffp_number".to_string())]
    );
}

/// 12. Adding a number the traveller already has changes nothing.
pub async fn adding_a_phone_twice_changes_nothing(store: &dyn Store) {
    let t = traveller(2101, "Twice", Tier::Silver, &["+8675551000001"]);
    store
        .insert_new_travellers(std::slice::from_ref(&t))
        .await
        .expect("insert");
    assert_eq!(
        add(store, 2101, "+8675551000001", "home").await,
        AddPhone::AlreadyThere,
        "a number from the loyalty system"
    );
    assert_eq!(
        add(store, 2101, "+8675551000002", "home").await,
        AddPhone::Added
    );
    assert_eq!(
        add(store, 2101, "+8675551000002", "office").await,
        AddPhone::AlreadyThere,
        "a number an agent added"
    );
    let found = lookup(store, "+8675551000002").await;
    assert_eq!(ids(&found), vec![2101]);
    let phones = sorted_phones(&found[0].traveller.phones);
    assert_eq!(
        phones
            .iter()
            .map(|p| (p.e164.as_str(), p.label.as_str()))
            .collect::<Vec<_>>(),
        vec![("+8675551000002", "home"), ("+8675551000001", "mobile")],
        "the label stays as first given"
    );
    assert_eq!(
        search_ids(store, "51000002").await,
        vec![(2101, "phone".to_string())]
    );
}

/// 13. No traveller, nothing added, nothing indexed.
pub async fn adding_a_phone_to_nobody(store: &dyn Store) {
    let t = traveller(2201, "Someone", Tier::Basic, &["+8675552000001"]);
    store
        .insert_new_travellers(std::slice::from_ref(&t))
        .await
        .expect("insert");
    for id in [0, -1, 2202, i64::MAX] {
        assert_eq!(
            add(store, id, "+8675552000009", "added by agent").await,
            AddPhone::NoSuchTraveller,
            "id {id}"
        );
    }
    assert!(lookup(store, "+8675552000009").await.is_empty());
    assert!(search_ids(store, "52000009").await.is_empty());
    assert_eq!(store.traveller_count().await.expect("count"), 1);
}

/// 14. At most `MAX_PHONES` numbers: the next one is refused and left out
///     of the indexes; one the traveller has is still "already there".
pub async fn at_most_ten_phones(store: &dyn Store) {
    let t = traveller(2301, "Many", Tier::Platinum, &["+8675553000000"]);
    store
        .insert_new_travellers(std::slice::from_ref(&t))
        .await
        .expect("insert");
    let number = |i: usize| format!("+86755530000{i:02}");
    for i in 1..MAX_PHONES {
        assert_eq!(
            add(store, 2301, &number(i), "added by agent").await,
            AddPhone::Added,
            "number {i}"
        );
    }
    let full = store
        .profile(2301, today())
        .await
        .expect("profile")
        .expect("exists");
    assert_eq!(full.traveller.phones.len(), MAX_PHONES);
    assert_eq!(
        add(store, 2301, &number(MAX_PHONES), "added by agent").await,
        AddPhone::TooMany
    );
    assert_eq!(
        add(store, 2301, &number(3), "added by agent").await,
        AddPhone::AlreadyThere
    );
    assert!(lookup(store, &number(MAX_PHONES)).await.is_empty());
    assert!(search_ids(store, &number(MAX_PHONES)[1..]).await.is_empty());
    for i in 0..MAX_PHONES {
        assert_eq!(ids(&lookup(store, &number(i)).await), vec![2301], "{i}");
        assert_eq!(
            search_ids(store, &number(i)[4..]).await,
            vec![(2301, "phone".to_string())],
            "fragment of number {i}"
        );
    }
    // Concurrent additions cannot go past the limit either.
    let other = traveller(2302, "Racing", Tier::Basic, &[]);
    store
        .insert_new_travellers(std::slice::from_ref(&other))
        .await
        .expect("insert");
    let racing = |i: usize| format!("+86755531000{i:02}");
    let numbers: Vec<String> = (0..MAX_PHONES + 5).map(racing).collect();
    let outcomes = futures::future::join_all(
        numbers
            .iter()
            .map(|n| add(store, 2302, n, "added by agent")),
    )
    .await;
    let added = outcomes
        .into_iter()
        .filter(|o| *o == AddPhone::Added)
        .count();
    assert_eq!(added, MAX_PHONES);
    let racer = store
        .profile(2302, today())
        .await
        .expect("profile")
        .expect("exists");
    assert_eq!(racer.traveller.phones.len(), MAX_PHONES);
}
