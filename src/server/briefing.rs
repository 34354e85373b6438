//! What the server adds to a traveller's profile before any console sees
//! it: what they are entitled to and the prompts to raise on the pop,
//! worked out once here so every
//! console and every path (the pop, a lookup, a profile opened from
//! search) shows the same.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

use crate::{
    domain::{
        CallerProfile, CentreTime,
        casework::RecoveryPolicy,
        vip::{
            Holder, VipRules,
            pending::{FOLLOW_UP_AHEAD_HOURS, PendingWork, pending_prompts},
            prompts::{PromptFacts, TierKeep, prompts},
        },
    },
    store::{Store, StoreResult},
    wire::CallerLookup,
};

#[derive(Debug, Clone)]
pub struct Briefing {
    recovery: Arc<RecoveryPolicy>,
    vip: Arc<VipRules>,
    centre_time: CentreTime,
}

impl Briefing {
    pub fn new(recovery: RecoveryPolicy, vip: Arc<VipRules>, centre_time: CentreTime) -> Self {
        Self {
            recovery: Arc::new(recovery),
            vip,
            centre_time,
        }
    }

    /// Fills in the profile's entitlements and prompts as of `now`, with
    /// what is still pending for the traveller read from `store`.
    pub async fn brief(
        &self,
        store: &dyn Store,
        profile: &mut CallerProfile,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let due_by = now + Duration::hours(FOLLOW_UP_AHEAD_HOURS);
        let work = store.pending_work(profile.traveller.id, due_by).await?;
        self.brief_with(profile, &work, now);
        Ok(())
    }

    /// Fills in the profile's entitlements and prompts as of `now`, given
    /// what is pending for the traveller.
    pub fn brief_with(&self, profile: &mut CallerProfile, work: &PendingWork, now: DateTime<Utc>) {
        let warning = Duration::minutes(i64::from(self.vip.hold_warning_minutes()));
        let pending = pending_prompts(work, now, warning);
        let complained: Vec<i64> = profile
            .flights
            .iter()
            .filter(|f| f.complained)
            .map(|f| f.id)
            .collect();
        let traveller = &profile.traveller;
        profile.entitlements = self.vip.entitlements_for(&Holder::of(traveller));
        let holder = self.vip.recovery_holder(traveller);
        let standing = &traveller.standing;
        let keep = self
            .vip
            .to_keep(
                traveller.tier,
                standing.qualifying_flights,
                standing.qualifying_miles,
            )
            .map(|k| TierKeep {
                flights_needed: k.flights_needed,
                miles_needed: k.miles_needed,
            });
        let found = prompts(
            &PromptFacts {
                profile,
                complained_flights: &complained,
                now,
                today: self.centre_time.date(now),
                keep,
                pending: &pending,
            },
            &|flight| self.recovery.propose(flight, &holder),
        );
        profile.prompts = found;
    }

    /// Every profile a lookup found.
    pub async fn brief_lookup(
        &self,
        store: &dyn Store,
        lookup: &mut CallerLookup,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        for profile in &mut lookup.matches {
            self.brief(store, profile, now).await?;
        }
        Ok(())
    }
}
