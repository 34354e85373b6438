//! The hold expiry sweep: each passed hold once, a history event and a
//! follow-up for its owner each, and the owner told on their stream.

use chrono::{Duration, Utc};
use skydesk::{
    client::ApiClient,
    domain::vip::{FollowUpOwner, VipAction, VipRequestStatus},
    store::{SWEEPER, VipChange, WriteGuard},
    wire::ServerEvent,
};

use crate::{
    common::calls::{listen, next},
    fixtures,
    fixtures::ID,
    rig::{OTHER, flight_ids, start, stored_hold},
};

pub async fn the_sweep_expires_each_hold_once(url: String) {
    let store = fixtures::store(&url).await;
    let mine = flight_ids(&store, ID).await;
    let theirs = flight_ids(&store, OTHER).await;
    let soon = Utc::now() + Duration::minutes(30);
    let two = stored_hold(&store, ID, "vera", &[(mine[0], soon), (mine[1], soon)]).await;
    let one = stored_hold(&store, OTHER, "wang", &[(theirs[0], soon)]).await;
    let confirmed = stored_hold(&store, ID, "vera", &[(mine[2], soon)]).await;
    store
        .change_vip_request(
            confirmed,
            "vera",
            &VipChange::Act {
                action: VipAction::Confirm,
                reference: None,
            },
            &WriteGuard::default(),
        )
        .await
        .expect("confirmed");

    assert!(
        store
            .expire_vip_holds(Utc::now(), 100)
            .await
            .expect("swept")
            .is_empty()
    );
    let later = Utc::now() + Duration::hours(1);
    let expired = store.expire_vip_holds(later, 100).await.expect("swept");
    assert_eq!(expired.len(), 3, "{expired:?}");
    assert!(expired.iter().all(|e| e.request_expired));
    assert!(
        store
            .expire_vip_holds(later, 100)
            .await
            .expect("swept")
            .is_empty()
    );

    for (id, lines) in [(two, 2), (one, 1)] {
        let request = store.vip_request(id).await.expect("read").expect("there");
        assert_eq!(request.status, VipRequestStatus::Expired);
        let held: Vec<_> = request
            .history
            .iter()
            .filter(|e| e.kind == "hold_expired")
            .collect();
        assert_eq!(held.len(), lines);
        assert!(
            held.iter()
                .all(|e| e.actor == SWEEPER && !e.text.contains("released"))
        );
        assert_eq!(
            request
                .history
                .iter()
                .filter(|e| e.kind == "expired")
                .count(),
            1
        );
        assert!(request.flights.iter().all(|f| f.expired_at.is_some()));
    }
    let kept = store
        .vip_request(confirmed)
        .await
        .expect("read")
        .expect("there");
    assert_eq!(
        kept.status,
        VipRequestStatus::Confirmed,
        "a confirmed hold stays"
    );

    let vera = store
        .open_follow_ups(&FollowUpOwner::User("vera".into()))
        .await
        .expect("listed");
    assert_eq!(vera.len(), 2);
    for f in &vera {
        assert_eq!(f.vip_request_id, Some(two));
        assert!(f.text.starts_with("Release the hold on CA"), "{}", f.text);
        assert_eq!(f.created_by, SWEEPER);
        assert_eq!(f.history.len(), 1);
    }
    let wang = store
        .open_follow_ups(&FollowUpOwner::User("wang".into()))
        .await
        .expect("listed");
    assert_eq!(wang.len(), 1);
    assert_eq!(wang[0].traveller_id, OTHER);
}

pub async fn a_partly_expired_hold_stays_requested(url: String) {
    let store = fixtures::store(&url).await;
    let mine = flight_ids(&store, ID).await;
    let now = Utc::now();
    let id = stored_hold(
        &store,
        ID,
        "vera",
        &[
            (mine[0], now + Duration::minutes(10)),
            (mine[1], now + Duration::days(1)),
        ],
    )
    .await;
    let expired = store
        .expire_vip_holds(now + Duration::minutes(20), 100)
        .await
        .expect("swept");
    assert_eq!(expired.len(), 1);
    assert!(!expired[0].request_expired);
    let request = store.vip_request(id).await.expect("read").expect("there");
    assert_eq!(request.status, VipRequestStatus::Requested);
    assert_eq!(request.version, 2, "the expiry is a change to the request");
    assert_eq!(
        request
            .flights
            .iter()
            .filter(|f| f.expired_at.is_some())
            .count(),
        1
    );
    let expired = store
        .expire_vip_holds(now + Duration::days(2), 100)
        .await
        .expect("swept");
    assert_eq!(expired.len(), 1);
    assert!(expired[0].request_expired);
}

pub async fn an_expired_hold_reaches_its_owners_stream(url: String) {
    let vip = start(&url).await;
    let flights = flight_ids(&vip.server.store, ID).await;
    let vera = ApiClient::new(&vip.server.base, &vip.vera).expect("client");
    let mut events = listen(&vera).await;
    let release = Utc::now() + Duration::seconds(1);
    let id = stored_hold(&vip.server.store, ID, "vera", &[(flights[0], release)]).await;
    // The server's own sweep finds it within a few seconds; the floor's
    // word of vera's console opening may come first.
    let (request_id, traveller_id, flight, follow_up_id) = loop {
        match next(&mut events).await {
            ServerEvent::VipHoldExpired {
                request_id,
                traveller_id,
                flight,
                follow_up_id,
            } => break (request_id, traveller_id, flight, follow_up_id),
            ServerEvent::FloorChanged { .. } => continue,
            other => panic!("not a hold's expiry: {other:?}"),
        }
    };
    assert_eq!((request_id, traveller_id), (id, ID));
    assert!(flight.starts_with("CA"), "{flight}");
    let follow_up = vip
        .server
        .store
        .follow_up(follow_up_id)
        .await
        .expect("read")
        .expect("there");
    assert_eq!(follow_up.owner, FollowUpOwner::User("vera".into()));
    assert!(follow_up.text.contains(&flight), "{}", follow_up.text);
    let request = vip
        .server
        .store
        .vip_request(id)
        .await
        .expect("read")
        .expect("there");
    assert_eq!(request.status, VipRequestStatus::Expired);
}

/// Two flights of one number on one day (a connection counted twice, a
/// rebooking) make follow-ups with the same words: each is kept once.
pub async fn holds_on_flights_of_one_number_and_day_each_expire_once(url: String) {
    let store = fixtures::store(&url).await;
    let twin = 5009;
    let mut traveller = fixtures::traveller(twin, skydesk::domain::Tier::Gold);
    let first = traveller.flights[0].clone();
    traveller.flights = vec![first.clone(), first];
    store
        .insert_new_travellers(&[traveller])
        .await
        .expect("inserted");
    let flights = flight_ids(&store, twin).await;
    assert_eq!(flights.len(), 2);
    let soon = Utc::now() + Duration::minutes(5);
    let id = stored_hold(
        &store,
        twin,
        "vera",
        &[(flights[0], soon), (flights[1], soon)],
    )
    .await;
    let expired = store
        .expire_vip_holds(soon + Duration::minutes(1), 100)
        .await
        .expect("swept");
    assert_eq!(expired.len(), 2);
    assert_ne!(expired[0].follow_up_id, expired[1].follow_up_id);
    let vera = store
        .open_follow_ups(&FollowUpOwner::User("vera".into()))
        .await
        .expect("listed");
    assert_eq!(
        vera.iter().filter(|f| f.vip_request_id == Some(id)).count(),
        2
    );
    assert!(vera.iter().all(|f| f.history.len() == 1));
}
