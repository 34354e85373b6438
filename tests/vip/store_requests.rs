//! The request lifecycle in the store: versions, retries, the lifecycle's
//! refusals, and only the traveller's own flights.

use chrono::{Duration, Utc};
use skydesk::{
    domain::vip::{NewVipFlight, NewVipRequest, VipAction, VipRequestKind, VipRequestStatus},
    store::{ChangeVipRequest, LogVipRequest, StoreError, VipChange, WriteGuard},
};

use crate::{
    fixtures::ID,
    fixtures::{self, keyed},
    rig::{OTHER, flight_ids, stored_hold},
};

fn act(action: VipAction, reference: Option<&str>) -> VipChange {
    VipChange::Act {
        action,
        reference: reference.map(String::from),
    }
}

fn at_version(version: i64) -> WriteGuard {
    WriteGuard {
        idempotency: None,
        expected_version: Some(version),
    }
}

pub async fn a_request_follows_its_lifecycle_in_the_store(url: String) {
    let store = fixtures::store(&url).await;
    let flights = flight_ids(&store, ID).await;
    let release = Utc::now() + Duration::hours(2);
    let request = NewVipRequest {
        kind: VipRequestKind::SeatHold,
        owner: "vera".into(),
        flights: vec![NewVipFlight {
            flight_id: flights[0],
            release_at: Some(release),
        }],
        seat: Some("12A".into()),
        code: None,
        text: Some("靠窗".into()),
        overridden: None,
    };
    let guard = keyed("vera", "k1", "log");
    let first = store
        .log_vip_request(ID, &request, &guard)
        .await
        .expect("logged");
    let LogVipRequest::Logged(logged) = first.outcome.clone() else {
        panic!("not logged: {:?}", first.outcome);
    };
    assert_eq!(logged.status, VipRequestStatus::Requested);
    assert_eq!((logged.owner.as_str(), logged.version), ("vera", 1));
    assert_eq!(
        logged.flights[0].release_at.map(|t| t.timestamp()),
        Some(release.timestamp())
    );
    assert_eq!(logged.history.len(), 1);
    let again = store
        .log_vip_request(ID, &request, &guard)
        .await
        .expect("replayed");
    assert!(again.replayed);
    assert_eq!(again.outcome, first.outcome);
    let listed = store
        .traveller_vip_requests(ID)
        .await
        .expect("read")
        .expect("traveller");
    assert_eq!(listed.len(), 1, "a retry logs nothing new");

    let id = logged.id;
    let refused = store
        .change_vip_request(id, "vera", &act(VipAction::Release, None), &at_version(1))
        .await
        .expect("answered");
    assert!(
        matches!(refused.outcome, ChangeVipRequest::Refused(ref why) if why.contains("never confirmed"))
    );
    let confirmed = store
        .change_vip_request(
            id,
            "res",
            &act(VipAction::Confirm, Some("1A2B3C")),
            &at_version(1),
        )
        .await
        .expect("confirmed");
    let ChangeVipRequest::Changed(confirmed) = confirmed.outcome else {
        panic!("not confirmed");
    };
    assert_eq!(confirmed.status, VipRequestStatus::Confirmed);
    assert_eq!(confirmed.reference.as_deref(), Some("1A2B3C"));
    assert_eq!(confirmed.version, 2);
    let stale = store
        .change_vip_request(id, "vera", &act(VipAction::Release, None), &at_version(1))
        .await;
    assert!(
        matches!(stale, Err(StoreError::Stale { current: 2 })),
        "{stale:?}"
    );
    let released = store
        .change_vip_request(id, "vera", &act(VipAction::Release, None), &at_version(2))
        .await
        .expect("released");
    let ChangeVipRequest::Changed(released) = released.outcome else {
        panic!("not released");
    };
    assert_eq!(released.status, VipRequestStatus::Released);
    let kinds: Vec<&str> = released.history.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["logged", "confirmed", "released"]);
    assert_eq!(released.history[1].actor, "res");
    let cancel = store
        .change_vip_request(
            id,
            "vera",
            &act(VipAction::Cancel, None),
            &WriteGuard::default(),
        )
        .await
        .expect("answered");
    assert!(matches!(cancel.outcome, ChangeVipRequest::Refused(_)));
    let missing = store
        .change_vip_request(
            id + 1000,
            "vera",
            &act(VipAction::Cancel, None),
            &WriteGuard::default(),
        )
        .await
        .expect("answered");
    assert_eq!(missing.outcome, ChangeVipRequest::NoSuchRequest);
}

pub async fn a_request_names_only_the_travellers_own_flights(url: String) {
    let store = fixtures::store(&url).await;
    let theirs = flight_ids(&store, OTHER).await;
    let request = NewVipRequest {
        kind: VipRequestKind::Lounge,
        owner: "vera".into(),
        flights: vec![NewVipFlight {
            flight_id: theirs[0],
            release_at: None,
        }],
        seat: None,
        code: None,
        text: None,
        overridden: None,
    };
    let written = store
        .log_vip_request(ID, &request, &WriteGuard::default())
        .await
        .expect("answered");
    assert_eq!(written.outcome, LogVipRequest::NotTheirFlight(theirs[0]));
    let nobody = store
        .log_vip_request(999_999, &request, &WriteGuard::default())
        .await
        .expect("answered");
    assert_eq!(nobody.outcome, LogVipRequest::NoSuchTraveller);
    let listed = store.traveller_vip_requests(ID).await.expect("read");
    assert_eq!(listed.map(|l| l.len()), Some(0));
}

pub async fn a_confirm_after_the_release_time_is_refused_saying_when(url: String) {
    let store = fixtures::store(&url).await;
    let flights = flight_ids(&store, ID).await;
    let passed = Utc::now() - Duration::minutes(5);
    let id = stored_hold(&store, ID, "vera", &[(flights[0], passed)]).await;
    // Not swept yet: the release time alone refuses it.
    let refused = store
        .change_vip_request(
            id,
            "res",
            &act(VipAction::Confirm, Some("X1")),
            &WriteGuard::default(),
        )
        .await
        .expect("answered");
    let ChangeVipRequest::Refused(why) = refused.outcome else {
        panic!("confirmed after its release time");
    };
    let when = passed.format("%Y-%m-%d %H:%M:%S").to_string();
    assert!(
        why.contains(&format!("cannot confirm a request that expired at {when}")),
        "{why}"
    );
    store
        .expire_vip_holds(Utc::now(), 100)
        .await
        .expect("swept");
    let refused = store
        .change_vip_request(
            id,
            "res",
            &act(VipAction::Confirm, Some("X1")),
            &WriteGuard::default(),
        )
        .await
        .expect("answered");
    assert!(
        matches!(refused.outcome, ChangeVipRequest::Refused(ref why) if why.contains("expired at"))
    );
    let read = store.vip_request(id).await.expect("read").expect("there");
    assert_eq!(read.status, VipRequestStatus::Expired);
}
