//! Recovery follows the segment: a government level or a two-cabin regular
//! may be owed more than their tier. The policy file's optional
//! `[government.vN]` and `[two_cabin]` sections give amounts and an
//! earlier hotel; the proposal takes, part by part, the most generous of
//! the tier and the traveller's segments, and says where each part came
//! from. A file without these sections gives by tier alone, as before.

use serde::{Deserialize, Serialize};

use super::recovery::{Amount, Minutes, RecoveryPolicy};
use crate::domain::{Segment, Tier, Traveller};

/// What a segment gives beyond the tier; a part left out gives nothing more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentRecovery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meal_cny: Option<Amount>,
    /// Hotel and transfer from this delay, when it is earlier than the tier's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hotel_from_delay_minutes: Option<Minutes>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub miles: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cash_cny: Option<Amount>,
}

/// `[government.v1]` to `[government.v5]`, each optional. A level has
/// only its own section, not the ones below it: the file says each level's
/// figures in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GovernmentRecovery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub v1: Option<SegmentRecovery>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub v2: Option<SegmentRecovery>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub v3: Option<SegmentRecovery>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub v4: Option<SegmentRecovery>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub v5: Option<SegmentRecovery>,
}

impl GovernmentRecovery {
    pub fn is_empty(&self) -> bool {
        *self == GovernmentRecovery::default()
    }

    pub fn level(&self, level: u8) -> Option<&SegmentRecovery> {
        match level {
            1 => self.v1.as_ref(),
            2 => self.v2.as_ref(),
            3 => self.v3.as_ref(),
            4 => self.v4.as_ref(),
            5 => self.v5.as_ref(),
            _ => None,
        }
    }
}

/// Who the recovery is for: what the policy looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecoveryHolder {
    pub tier: Tier,
    pub gov_level: Option<u8>,
    pub two_cabin: bool,
}

impl RecoveryHolder {
    /// A traveller known only by tier: an individual, not two-cabin.
    pub fn of_tier(tier: Tier) -> RecoveryHolder {
        RecoveryHolder {
            tier,
            gov_level: None,
            two_cabin: false,
        }
    }

    /// A traveller's tier and government level; whether they are two-cabin
    /// comes from their flying, which the caller knows.
    pub fn of(traveller: &Traveller, two_cabin: bool) -> RecoveryHolder {
        RecoveryHolder {
            tier: traveller.tier,
            gov_level: match traveller.segment {
                Segment::Government { level } => Some(level),
                _ => None,
            },
            two_cabin,
        }
    }

    /// "platinum tier, V4, two-cabin".
    pub(super) fn describe(&self) -> String {
        let mut words = format!("{} tier", self.tier.as_str());
        if let Some(level) = self.gov_level {
            words.push_str(&format!(", V{level}"));
        }
        if self.two_cabin {
            words.push_str(", two-cabin");
        }
        words
    }
}

/// A figure and the segment it came from; `None` is the tier's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Part {
    pub value: u32,
    pub from: Option<String>,
}

/// The most generous terms for a holder, part by part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Terms {
    pub meal_cny: Part,
    /// Lower is more generous.
    pub hotel_from: Part,
    pub miles: Part,
    pub cash_cny: Part,
}

impl Terms {
    pub(super) fn for_holder(policy: &RecoveryPolicy, holder: &RecoveryHolder) -> Terms {
        let tier = holder.tier;
        let tier_part = |value| Part { value, from: None };
        let mut terms = Terms {
            meal_cny: tier_part(policy.meals.amount_cny.of(tier)),
            hotel_from: tier_part(policy.hotel.from_delay_minutes.0),
            miles: tier_part(policy.voucher.miles.of(tier)),
            cash_cny: tier_part(policy.voucher.cash_cny.of(tier)),
        };
        let mut segments: Vec<(String, &SegmentRecovery)> = Vec::new();
        if let Some(level) = holder.gov_level
            && let Some(s) = policy.government.level(level)
        {
            segments.push((format!("V{level}"), s));
        }
        if holder.two_cabin
            && let Some(s) = &policy.two_cabin
        {
            segments.push(("two-cabin".into(), s));
        }
        for (name, s) in segments {
            let more = |part: &mut Part, offer: Option<u32>| {
                if let Some(v) = offer
                    && v > part.value
                {
                    *part = Part {
                        value: v,
                        from: Some(name.clone()),
                    };
                }
            };
            more(&mut terms.meal_cny, s.meal_cny.map(|a| a.0));
            more(&mut terms.miles, s.miles.map(|a| a.0));
            more(&mut terms.cash_cny, s.cash_cny.map(|a| a.0));
            if let Some(m) = s.hotel_from_delay_minutes
                && m.0 < terms.hotel_from.value
            {
                terms.hotel_from = Part {
                    value: m.0,
                    from: Some(name.clone()),
                };
            }
        }
        terms
    }
}
