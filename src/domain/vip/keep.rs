//! Keeping a tier: the qualifying flights OR miles a year a tier needs
//! (our defaults in `defaults.toml`), and what is still missing, so the
//! console can say "keep gold: 6 flights or 12,400 miles still needed".

use serde::{Deserialize, Serialize};

use super::rules::VipRules;
use crate::domain::Tier;

/// What a tier needs a year: either figure is enough.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeepRule {
    pub flights: u32,
    pub miles: u32,
}

/// What is still missing to keep a tier: this many more flights, or
/// this many more miles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Keep {
    pub flights_needed: i64,
    pub miles_needed: i64,
}

impl Keep {
    /// "keep gold: 6 flights or 12,400 miles still needed".
    pub fn summary(&self, tier: Tier) -> String {
        let flights = if self.flights_needed == 1 {
            "1 flight".to_string()
        } else {
            format!(
                "{} flights",
                crate::domain::figures::thousands(self.flights_needed)
            )
        };
        format!(
            "keep {}: {flights} or {} miles still needed",
            tier.as_str(),
            crate::domain::figures::thousands(self.miles_needed)
        )
    }
}

impl VipRules {
    /// The rule for keeping `tier`; `None` for basic, which needs nothing.
    pub fn keep_rule(&self, tier: Tier) -> Option<KeepRule> {
        self.keep[tier as usize]
    }

    /// What a traveller of `tier` with this year's qualifying flights and
    /// miles still needs to keep it; `None` when either figure is reached
    /// already, or for basic.
    pub fn to_keep(
        &self,
        tier: Tier,
        qualifying_flights: i64,
        qualifying_miles: i64,
    ) -> Option<Keep> {
        let rule = self.keep_rule(tier)?;
        let flights = i64::from(rule.flights) - qualifying_flights.max(0);
        let miles = i64::from(rule.miles) - qualifying_miles.max(0);
        if flights <= 0 || miles <= 0 {
            return None;
        }
        Some(Keep {
            flights_needed: flights,
            miles_needed: miles,
        })
    }
}
