//! The VIP hold sweep: 10,000 seat holds whose release time has passed,
//! expired by one sweep (as a server that was down finds them at start).
//! Each hold must be expired exactly once: one history event and one
//! follow-up each; any other count is a failure.

use std::{collections::HashSet, time::Instant};

use chrono::{Duration, Utc};
use color_eyre::eyre::Result;
use skydesk::{
    domain::vip::{NewVipFlight, NewVipRequest, VipRequestKind},
    server::{hub, vip_sweep::sweep},
    store::{LogVipRequest, WriteGuard},
};

use super::{Rig, stats::Failures};

const HOLDS: usize = 10_000;
const TARGET_SECONDS: f64 = 5.0;
const FIGURE: &str = "VIP holds not expired exactly once";

/// Logs seat holds on the travellers' flights (up to 8 a request) until
/// there are `HOLDS`, all released an hour from now; their ids and lines.
async fn hold_everything(rig: &Rig, release: chrono::DateTime<Utc>) -> Result<Vec<(i64, usize)>> {
    let mut made = Vec::new();
    let mut lines = 0;
    let mut traveller = 0;
    while lines < HOLDS && traveller < rig.travellers {
        traveller += 1;
        let Some(flights) = rig.store.flight_refs(traveller).await? else {
            continue;
        };
        let flights: Vec<NewVipFlight> = flights
            .iter()
            .take(8.min(HOLDS - lines))
            .map(|f| NewVipFlight {
                flight_id: f.id,
                release_at: Some(release),
            })
            .collect();
        if flights.is_empty() {
            continue;
        }
        let request = NewVipRequest {
            kind: VipRequestKind::SeatHold,
            owner: "bench".into(),
            flights,
            seat: None,
            code: None,
            text: None,
            overridden: None,
        };
        let written = rig
            .store
            .log_vip_request(traveller, &request, &WriteGuard::default())
            .await?;
        if let LogVipRequest::Logged(logged) = written.outcome {
            lines += logged.flights.len();
            made.push((logged.id, logged.flights.len()));
        }
    }
    Ok(made)
}

pub async fn run(rig: &Rig, failures: &Failures) -> Result<()> {
    // An hour ahead, so the bench server's own sweep leaves them alone.
    let release = Utc::now() + Duration::hours(1);
    let made = hold_everything(rig, release).await?;
    let holds: usize = made.iter().map(|(_, n)| n).sum();
    let bus: hub::DynBus = std::sync::Arc::new(hub::Hub::default());
    let started = Instant::now();
    let expired = sweep(&rig.store, &bus, release + Duration::minutes(1)).await?;
    let seconds = started.elapsed().as_secs_f64();

    let ours: HashSet<i64> = made.iter().map(|(id, _)| *id).collect();
    let expired: Vec<_> = expired
        .into_iter()
        .filter(|e| ours.contains(&e.request_id))
        .collect();
    let lines: HashSet<(i64, i64)> = expired
        .iter()
        .map(|e| (e.request_id, e.flight_id))
        .collect();
    let follow_ups: HashSet<i64> = expired.iter().map(|e| e.follow_up_id).collect();
    let mut wrong = holds.abs_diff(lines.len()) + expired.len().abs_diff(lines.len());
    wrong += expired.len().abs_diff(follow_ups.len());
    for (id, n) in &made {
        let Some(request) = rig.store.vip_request(*id).await? else {
            wrong += n;
            continue;
        };
        let events = request
            .history
            .iter()
            .filter(|e| e.kind == "hold_expired")
            .count();
        wrong += events.abs_diff(*n);
    }
    failures.add(FIGURE, wrong);
    println!(
        "VIP hold sweep: {holds} holds in {} requests expired in {seconds:.2} s \
         (target ≤ {TARGET_SECONDS:.0} s: {}); not expired exactly once: {wrong}",
        made.len(),
        if seconds <= TARGET_SECONDS {
            "met"
        } else {
            "MISSED"
        }
    );
    Ok(())
}
