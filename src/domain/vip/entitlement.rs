//! What a traveller is entitled to: the union of their government level,
//! two-cabin status, tier and corporate account, each entitlement once.
//!
//! When two sources give the same entitlement, the most specific names it,
//! in this order: the government level (a service agreement), two-cabin
//! (how they fly), the tier, the corporate account. The source is the
//! holder's own level or tier ("V5", "platinum"), the reason they have it.
//! The list is in the order the file defines the entitlements.

use serde::{Deserialize, Serialize};

use super::rules::VipRules;
use crate::domain::{Segment, Tier, Traveller, casework::RecoveryHolder};

/// Who asks: what the rules look at.
#[derive(Debug, Clone, PartialEq)]
pub struct Holder {
    pub tier: Tier,
    /// 1 to 5 for V1 to V5; another number gives nothing.
    pub gov_level: Option<u8>,
    pub corporate_account: Option<String>,
    /// Share of the last 12 months' flights in first or business.
    pub premium_share: f64,
    pub flights_12m: i64,
}

impl Holder {
    /// A traveller as the store has them: their segment, the corporate
    /// account they travel for (a government traveller may have one too),
    /// and their flying of the last 12 months.
    pub fn of(traveller: &Traveller) -> Holder {
        let standing = &traveller.standing;
        let (gov_level, account) = match &traveller.segment {
            Segment::Individual => (None, None),
            Segment::Corporate { account } => (None, Some(account.clone())),
            Segment::Government { level } => (Some(*level), None),
        };
        Holder {
            tier: traveller.tier,
            gov_level,
            corporate_account: account.or_else(|| standing.corporate_account.clone()),
            premium_share: standing.premium_share,
            flights_12m: standing.flights_12m,
        }
    }
}

/// One entitlement a traveller has, and where it comes from (`"V4"`,
/// `"platinum"`, `"two-cabin"`, `"corporate"`). The HTTP answer's shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entitlement {
    pub code: String,
    pub label: String,
    pub source: String,
}

impl VipRules {
    /// Two-cabin: at least `min_premium_share` of the last 12 months'
    /// flights in first or business, and at least one flight.
    pub fn is_two_cabin(&self, premium_share: f64, flights_12m: i64) -> bool {
        flights_12m >= 1 && premium_share >= self.min_premium_share
    }

    /// What the recovery policy looks at for `traveller`: tier, government
    /// level, and whether these rules count them two-cabin.
    pub fn recovery_holder(&self, traveller: &Traveller) -> RecoveryHolder {
        let standing = &traveller.standing;
        RecoveryHolder::of(
            traveller,
            self.is_two_cabin(standing.premium_share, standing.flights_12m),
        )
    }

    /// The government level's entitlements, if the file knows the level.
    fn level_set(&self, level: u8) -> Option<&[usize]> {
        let i = usize::from(level).checked_sub(1)?;
        self.levels.get(i).map(Vec::as_slice)
    }

    /// Everything `holder` is entitled to, each code once, in file order.
    pub fn entitlements_for(&self, holder: &Holder) -> Vec<Entitlement> {
        let mut sources: Vec<(&[usize], String)> = Vec::new();
        if let Some(level) = holder.gov_level
            && let Some(set) = self.level_set(level)
        {
            sources.push((set, format!("V{level}")));
        }
        if self.is_two_cabin(holder.premium_share, holder.flights_12m) {
            sources.push((self.two_cabin.as_slice(), "two-cabin".into()));
        }
        let tier = self
            .tiers
            .get(holder.tier as usize)
            .map_or(&[][..], Vec::as_slice);
        sources.push((tier, holder.tier.as_str().into()));
        if holder.corporate_account.is_some() {
            sources.push((self.corporate.as_slice(), "corporate".into()));
        }
        let mut by_def: Vec<Option<&str>> = vec![None; self.defs.len()];
        for (set, source) in &sources {
            for &i in *set {
                if let Some(slot) = by_def.get_mut(i)
                    && slot.is_none()
                {
                    *slot = Some(source.as_str());
                }
            }
        }
        self.defs
            .iter()
            .zip(by_def)
            .filter_map(|(def, source)| {
                Some(Entitlement {
                    code: def.code.clone(),
                    label: def.label.clone(),
                    source: source?.to_string(),
                })
            })
            .collect()
    }
}
