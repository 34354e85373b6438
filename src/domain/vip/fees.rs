//! Government change and refund fees (DOMAIN.md, V1 and up): a change at
//! 55%–75% of full fare is free in the same cabin and costs only the fare
//! difference in another; a refund at 80% or more is free; both only MORE
//! than 2 h before departure. Everything else is the normal rules. The
//! figures are data, from the entitlements file.

use std::ops::Range;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{rules::RulesError, rules::VipRules, rules_file::FeesFile};
use crate::domain::Cabin;

/// The fee rules, checked: shares from 0 to 1, the change band in order.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GovernmentFees {
    /// The lowest level the rules apply to (V1).
    pub from_level: u8,
    pub change_min_share: f64,
    pub change_max_share: f64,
    pub refund_min_share: f64,
    /// The rules apply only more than this long before departure.
    pub cutoff_minutes: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeKind {
    Change,
    Refund,
}

/// What the traveller asks, and when.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FeeQuestion {
    pub kind: FeeKind,
    /// The fare paid as a share of the full fare: 0.6 is 60%.
    pub fare_share: f64,
    pub cabin_from: Cabin,
    pub cabin_to: Cabin,
    pub departure: DateTime<Utc>,
    pub at: DateTime<Utc>,
    pub gov_level: Option<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeOutcome {
    Free,
    /// The fare difference only, no change fee.
    FareDifference,
    NormalRules,
}

/// The outcome and the rule applied, in words the hotline reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeAnswer {
    pub outcome: FeeOutcome,
    pub rule: String,
}

/// A question the rules cannot answer.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
pub enum FeeError {
    #[error("fare_share must be a number from 0.0 to 1.0 (0.6 is 60% of full fare), not {0}")]
    FareShare(f64),
}

/// 0.78 → "78", 0.5499 → "54.99".
fn digits(share: f64) -> String {
    let text = format!("{:.2}", share * 100.0);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// 0.78 → "78%".
fn percent(share: f64) -> String {
    format!("{}%", digits(share))
}

/// 120 → "2 h", 90 → "90 min".
fn duration(minutes: u32) -> String {
    if minutes.is_multiple_of(60) {
        format!("{} h", minutes / 60)
    } else {
        format!("{minutes} min")
    }
}

impl GovernmentFees {
    pub(super) fn checked(
        file: &FeesFile,
        at: impl Fn(Range<usize>, String) -> RulesError,
    ) -> Result<GovernmentFees, RulesError> {
        let share = |s: &toml::Spanned<f64>, name: &str| {
            let v = *s.get_ref();
            if (0.0..=1.0).contains(&v) {
                Ok(v)
            } else {
                Err(at(
                    s.span(),
                    format!("{name} is a share from 0.0 to 1.0, not {v}"),
                ))
            }
        };
        let fees = GovernmentFees {
            from_level: *file.from_level.get_ref(),
            change_min_share: share(&file.change_min_share, "change_min_share")?,
            change_max_share: share(&file.change_max_share, "change_max_share")?,
            refund_min_share: share(&file.refund_min_share, "refund_min_share")?,
            cutoff_minutes: *file.cutoff_minutes.get_ref(),
        };
        if !(1..=5).contains(&fees.from_level) {
            return Err(at(
                file.from_level.span(),
                "from_level is from 1 to 5".into(),
            ));
        }
        if fees.change_min_share > fees.change_max_share {
            return Err(at(
                file.change_max_share.span(),
                "change_max_share is below change_min_share".into(),
            ));
        }
        if fees.cutoff_minutes > 7 * 24 * 60 {
            return Err(at(
                file.cutoff_minutes.span(),
                "cutoff_minutes is from 0 to 10080".into(),
            ));
        }
        Ok(fees)
    }

    /// The outcome for `q`; a fare share that is not a share is an error.
    pub fn evaluate(&self, q: &FeeQuestion) -> Result<FeeAnswer, FeeError> {
        if !(0.0..=1.0).contains(&q.fare_share) {
            return Err(FeeError::FareShare(q.fare_share));
        }
        let normal = |why: String| FeeAnswer {
            outcome: FeeOutcome::NormalRules,
            rule: format!("normal rules: {why}"),
        };
        let Some(level) = q.gov_level else {
            return Ok(normal("not a government traveller".into()));
        };
        if level < self.from_level {
            return Ok(normal(format!(
                "V{level} is below V{}, where the government fee rules start",
                self.from_level
            )));
        }
        let cutoff = duration(self.cutoff_minutes);
        if q.at >= q.departure {
            return Ok(normal("after departure".into()));
        }
        // Only MORE than the cutoff before departure: exactly 2 h is late.
        if q.departure - q.at <= chrono::Duration::minutes(i64::from(self.cutoff_minutes)) {
            return Ok(normal(format!("within {cutoff} of departure")));
        }
        let fare = percent(q.fare_share);
        Ok(match q.kind {
            FeeKind::Change => {
                let (low, high) = (self.change_min_share, self.change_max_share);
                let band = format!("{}–{}", digits(low), percent(high));
                if !(low..=high).contains(&q.fare_share) {
                    normal(format!(
                        "fare at {fare} is outside {band} for a free change"
                    ))
                } else if q.cabin_from == q.cabin_to {
                    FeeAnswer {
                        outcome: FeeOutcome::Free,
                        rule: format!(
                            "government change, same cabin, fare at {fare} (within {band}), more than {cutoff} before departure: free"
                        ),
                    }
                } else {
                    FeeAnswer {
                        outcome: FeeOutcome::FareDifference,
                        rule: format!(
                            "government change from {} to {}, fare at {fare} (within {band}), more than {cutoff} before departure: the fare difference only, no change fee",
                            q.cabin_from.label(),
                            q.cabin_to.label()
                        ),
                    }
                }
            }
            FeeKind::Refund => {
                let least = percent(self.refund_min_share);
                if q.fare_share >= self.refund_min_share {
                    FeeAnswer {
                        outcome: FeeOutcome::Free,
                        rule: format!(
                            "government refund, fare at {fare} ({least} or more), more than {cutoff} before departure: free"
                        ),
                    }
                } else {
                    normal(format!("fare at {fare} is below {least} for a free refund"))
                }
            }
        })
    }
}

impl VipRules {
    /// The government fee rules' answer to `q`.
    pub fn evaluate_fee(&self, q: &FeeQuestion) -> Result<FeeAnswer, FeeError> {
        self.fees.evaluate(q)
    }
}

#[cfg(test)]
#[path = "fees_tests.rs"]
mod tests;
