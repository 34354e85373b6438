//! The expiry sweep: every couple of seconds, and once at start (so that a
//! server that was down catches up), seat holds whose release time has
//! passed unconfirmed are expired in the store, and each owner is told on
//! their event stream. The store makes the expiry happen once however
//! many servers sweep (`store::vip_sweep`); the notice of it is published
//! by the server whose sweep expired it, and the bus carries it to the
//! owner's consoles on every server.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::hub::{Audience, DynBus, Notice};
use crate::{
    store::{DynStore, ExpiredHold, StoreResult},
    wire::StreamEvent,
};

/// How often the sweep runs: a hold is expired within a few seconds of
/// its release time.
pub const SWEEP_EVERY: Duration = Duration::from_secs(2);
/// Holds expired in one transaction; a sweep with more to do takes
/// another batch at once.
pub const SWEEP_BATCH: i64 = 1000;

/// Sweeps now, then every `SWEEP_EVERY`, for as long as the runtime runs.
pub fn start(store: DynStore, bus: DynBus) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(SWEEP_EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            if let Err(e) = sweep(&store, &bus, Utc::now()).await {
                tracing::warn!(error = %e, "the VIP hold sweep failed; it runs again shortly");
            }
        }
    });
}

/// Expires every hold due at `now`, in batches, and tells each owner;
/// what it expired.
pub async fn sweep(
    store: &DynStore,
    bus: &DynBus,
    now: DateTime<Utc>,
) -> StoreResult<Vec<ExpiredHold>> {
    let mut all = Vec::new();
    loop {
        let expired = store.expire_vip_holds(now, SWEEP_BATCH).await?;
        for hold in &expired {
            bus.publish(notice(hold));
        }
        let more = expired.len() as i64 >= SWEEP_BATCH;
        all.extend(expired);
        if !more {
            break;
        }
    }
    if !all.is_empty() {
        tracing::info!(
            expired = all.len(),
            "VIP seat holds passed their release time"
        );
    }
    Ok(all)
}

/// What the owner's consoles are told of one expired hold.
pub fn notice(hold: &ExpiredHold) -> Notice {
    Notice {
        audience: vec![Audience::User(hold.owner.clone())],
        event: StreamEvent::VipHoldExpired {
            request_id: hold.request_id,
            traveller_id: hold.traveller_id,
            flight: format!("{} ({})", hold.flight_no, hold.flight_date),
            follow_up_id: hold.follow_up_id,
        },
    }
}
