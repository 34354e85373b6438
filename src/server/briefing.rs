//! What the server adds to a traveller's profile before any console sees
//! it: the prompts to raise on the pop, worked out once here so every
//! console and every path (the pop, a lookup, a profile opened from
//! search) shows the same.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::{
    domain::{
        CallerProfile, CentreTime,
        casework::RecoveryPolicy,
        vip::{
            VipRules,
            prompts::{PromptFacts, TierKeep, prompts},
        },
    },
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

    /// Fills in the profile's prompts as of `now`.
    pub fn brief(&self, profile: &mut CallerProfile, now: DateTime<Utc>) {
        let complained: Vec<i64> = profile
            .flights
            .iter()
            .filter(|f| f.complained)
            .map(|f| f.id)
            .collect();
        let traveller = &profile.traveller;
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
            },
            &|flight| self.recovery.propose(flight, &holder),
        );
        profile.prompts = found;
    }

    /// Every profile a lookup found.
    pub fn brief_lookup(&self, lookup: &mut CallerLookup, now: DateTime<Utc>) {
        for profile in &mut lookup.matches {
            self.brief(profile, now);
        }
    }
}
