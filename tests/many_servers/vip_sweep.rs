//! The VIP hold sweep with two servers on one database: each hold whose
//! release time passes is expired once (one history event, one follow-up)
//! however the two sweeps interleave, and holds that passed while no
//! server ran are expired when the servers start.

use std::time::{Duration, Instant};

use chrono::Utc;
use skydesk::{
    domain::vip::{FollowUpOwner, NewVipFlight, NewVipRequest, VipRequestKind, VipRequestStatus},
    store::{DynStore, LogVipRequest, WriteGuard},
};

use crate::{
    fixtures::{ID, OTHER, flight_ids, store},
    rig::server,
};

/// `count` seat holds for vera, alternately on one flight and on two, all
/// released at `release`; each request's id and flight count.
async fn holds(
    store: &DynStore,
    count: usize,
    release: chrono::DateTime<Utc>,
) -> Vec<(i64, usize)> {
    let mine = flight_ids(store, ID).await;
    let theirs = flight_ids(store, OTHER).await;
    let mut made = Vec::new();
    for i in 0..count {
        let (traveller, flights) = if i % 2 == 0 {
            (ID, &mine[..1 + i % 3 % 2])
        } else {
            (OTHER, &theirs[..2])
        };
        let request = NewVipRequest {
            kind: VipRequestKind::SeatHold,
            owner: "vera".into(),
            flights: flights
                .iter()
                .map(|f| NewVipFlight {
                    flight_id: *f,
                    release_at: Some(release),
                })
                .collect(),
            seat: None,
            code: None,
            text: None,
            overridden: None,
        };
        let written = store
            .log_vip_request(traveller, &request, &WriteGuard::default())
            .await
            .expect("logged");
        let LogVipRequest::Logged(logged) = written.outcome else {
            panic!("not logged");
        };
        made.push((logged.id, flights.len()));
    }
    made
}

/// Waits (20 s at most) until every request is expired, then checks each
/// hold was expired once, within `within` of its release time.
async fn each_expired_once(store: &DynStore, made: &[(i64, usize)], within: Duration) {
    let deadline = Instant::now() + Duration::from_secs(20);
    for (id, _) in made {
        loop {
            let request = store.vip_request(*id).await.expect("read").expect("there");
            if request.status == VipRequestStatus::Expired {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "request {id} never expired: {request:?}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
    let follow_ups = store
        .open_follow_ups(&FollowUpOwner::User("vera".into()))
        .await
        .expect("listed");
    for (id, lines) in made {
        let request = store.vip_request(*id).await.expect("read").expect("there");
        let events = |kind: &str| request.history.iter().filter(|e| e.kind == kind).count();
        assert_eq!(
            events("hold_expired"),
            *lines,
            "request {id}: {:?}",
            request.history
        );
        assert_eq!(events("expired"), 1, "request {id}");
        let theirs = follow_ups
            .iter()
            .filter(|f| f.vip_request_id == Some(*id))
            .count();
        assert_eq!(theirs, *lines, "request {id}'s follow-ups");
        for flight in &request.flights {
            let (Some(release), Some(expired)) = (flight.release_at, flight.expired_at) else {
                panic!("request {id}: {flight:?}");
            };
            let late = (expired - release).num_seconds();
            assert!(
                late <= within.as_secs() as i64,
                "request {id} expired {late} s late"
            );
        }
    }
    let total: usize = made.iter().map(|(_, lines)| lines).sum();
    assert_eq!(follow_ups.len(), total, "no follow-up twice");
}

pub async fn holds_expire_once_with_two_servers_sweeping(url: String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store(&url).await;
    let (_a, _) = server(&url, dir.path()).await;
    let (_b, _) = server(&url, dir.path()).await;
    let release = Utc::now() + chrono::Duration::seconds(3);
    let made = holds(&store, 60, release).await;
    assert!(
        Utc::now() < release,
        "the holds were made before they were due"
    );
    each_expired_once(&store, &made, Duration::from_secs(10)).await;
}

pub async fn holds_due_while_no_server_ran_expire_at_start(url: String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store(&url).await;
    let release = Utc::now() - chrono::Duration::hours(1);
    let made = holds(&store, 30, release).await;
    let started = Utc::now();
    let (_a, _) = server(&url, dir.path()).await;
    let (_b, _) = server(&url, dir.path()).await;
    // Late by the hour no server ran, and no more than 10 s after that.
    let down = (started - release).to_std().unwrap_or_default();
    each_expired_once(&store, &made, down + Duration::from_secs(10)).await;
}
