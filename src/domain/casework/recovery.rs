//! Service recovery after a disrupted flight (Air China case, DOMAIN.md):
//! meals from a 2 h delay, hotel and transfer from 4 h (and on a
//! cancellation), a miles or cash voucher over 4 h; amounts by tier. The
//! policy is a settings file; the agent decides, the proposal only helps.

use serde::{Deserialize, Serialize};

use super::{
    free_text::{FieldError, TextRule},
    recovery_segment::{GovernmentRecovery, RecoveryHolder, SegmentRecovery, Terms},
};
use crate::domain::{Flight, FlightStatus, Tier, flight::format_delay};

/// Largest amount a policy or a recorded recovery may hold.
pub const MAX_AMOUNT: u32 = 100_000;

/// An amount (yuan or miles), 0 to `MAX_AMOUNT`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Amount(pub u32);

impl TryFrom<i64> for Amount {
    type Error = String;
    fn try_from(n: i64) -> Result<Self, String> {
        u32::try_from(n)
            .ok()
            .filter(|n| *n <= MAX_AMOUNT)
            .map(Amount)
            .ok_or_else(|| format!("an amount is a whole number from 0 to {MAX_AMOUNT}, not {n}"))
    }
}

impl From<Amount> for i64 {
    fn from(a: Amount) -> i64 {
        i64::from(a.0)
    }
}

/// A delay threshold in minutes, 0 to a week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Minutes(pub u32);

impl TryFrom<i64> for Minutes {
    type Error = String;
    fn try_from(n: i64) -> Result<Self, String> {
        u32::try_from(n)
            .ok()
            .filter(|n| *n <= 7 * 24 * 60)
            .map(Minutes)
            .ok_or_else(|| format!("minutes are a whole number from 0 to 10080, not {n}"))
    }
}

impl From<Minutes> for i64 {
    fn from(m: Minutes) -> i64 {
        i64::from(m.0)
    }
}

/// An amount for each tier; every tier must be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ByTier {
    pub basic: Amount,
    pub silver: Amount,
    pub gold: Amount,
    pub platinum: Amount,
}

impl ByTier {
    const fn new(basic: u32, silver: u32, gold: u32, platinum: u32) -> Self {
        Self {
            basic: Amount(basic),
            silver: Amount(silver),
            gold: Amount(gold),
            platinum: Amount(platinum),
        }
    }

    pub fn of(&self, tier: Tier) -> u32 {
        match tier {
            Tier::Basic => self.basic.0,
            Tier::Silver => self.silver.0,
            Tier::Gold => self.gold.0,
            Tier::Platinum => self.platinum.0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MealRule {
    pub from_delay_minutes: Minutes,
    pub amount_cny: ByTier,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HotelRule {
    pub from_delay_minutes: Minutes,
    /// Offered on a cancellation too (the traveller waits overnight).
    pub on_cancellation: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoucherRule {
    /// Offered when the delay is more than this (or on a cancellation).
    pub over_delay_minutes: Minutes,
    pub miles: ByTier,
    pub cash_cny: ByTier,
}

/// The recovery policy file (TOML): the tier rules required, the
/// segments' optional (files written before them still read).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecoveryPolicy {
    pub meals: MealRule,
    pub hotel: HotelRule,
    pub voucher: VoucherRule,
    #[serde(default, skip_serializing_if = "GovernmentRecovery::is_empty")]
    pub government: GovernmentRecovery,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub two_cabin: Option<SegmentRecovery>,
}

impl Default for RecoveryPolicy {
    /// DOMAIN.md's thresholds; our amounts, higher for higher tiers.
    fn default() -> Self {
        Self {
            meals: MealRule {
                from_delay_minutes: Minutes(120),
                amount_cny: ByTier::new(50, 60, 80, 100),
            },
            hotel: HotelRule {
                from_delay_minutes: Minutes(240),
                on_cancellation: true,
            },
            voucher: VoucherRule {
                over_delay_minutes: Minutes(240),
                miles: ByTier::new(1000, 2000, 3000, 5000),
                cash_cny: ByTier::new(200, 300, 500, 800),
            },
            // Our defaults: V3 eats better; V4 and V5 get hotel and
            // transfer from 3 h (their travel is tight) and more in every
            // part; two-cabin regulars are owed at least platinum's.
            government: GovernmentRecovery {
                v3: Some(SegmentRecovery {
                    meal_cny: Some(Amount(100)),
                    ..SegmentRecovery::default()
                }),
                v4: Some(SegmentRecovery {
                    meal_cny: Some(Amount(150)),
                    hotel_from_delay_minutes: Some(Minutes(180)),
                    miles: Some(Amount(6000)),
                    cash_cny: Some(Amount(1000)),
                }),
                v5: Some(SegmentRecovery {
                    meal_cny: Some(Amount(200)),
                    hotel_from_delay_minutes: Some(Minutes(180)),
                    miles: Some(Amount(8000)),
                    cash_cny: Some(Amount(1200)),
                }),
                ..GovernmentRecovery::default()
            },
            two_cabin: Some(SegmentRecovery {
                meal_cny: Some(Amount(100)),
                miles: Some(Amount(5000)),
                cash_cny: Some(Amount(800)),
                ..SegmentRecovery::default()
            }),
        }
    }
}

/// A policy file that cannot be used: where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct PolicyError {
    pub line: usize,
    pub reason: String,
}

impl RecoveryPolicy {
    /// Reads a policy file; a broken one is refused with its line and reason.
    pub fn parse(text: &str) -> Result<RecoveryPolicy, PolicyError> {
        toml::from_str(text).map_err(|e: toml::de::Error| {
            let line = e.span().map_or(1, |span| {
                text[..span.start.min(text.len())].matches('\n').count() + 1
            });
            PolicyError {
                line,
                reason: e.message().trim().to_string(),
            }
        })
    }

    /// What the policy gives for `flight` and `holder`, or `None` when the
    /// flight was not disrupted enough for anything. Each part is the most
    /// generous of the tier's and the holder's segments'; the reason says
    /// which segment a part comes from.
    pub fn propose(&self, flight: &Flight, holder: &RecoveryHolder) -> Option<Proposal> {
        let terms = Terms::for_holder(self, holder);
        let cancelled = flight.status == FlightStatus::Cancelled;
        let delay = u32::try_from(flight.delay_minutes).unwrap_or(0);
        let meals = cancelled || delay >= self.meals.from_delay_minutes.0;
        let hotel = (cancelled && self.hotel.on_cancellation)
            || (!cancelled && delay >= terms.hotel_from.value);
        let voucher = cancelled || delay > self.voucher.over_delay_minutes.0;
        if !(meals || hotel || voucher) {
            return None;
        }
        let what = if cancelled {
            format!("{} cancelled", flight.flight_no)
        } else {
            format!(
                "{} delayed {}",
                flight.flight_no,
                format_delay(flight.delay_minutes)
            )
        };
        let mut gives = Vec::new();
        if meals {
            gives.push(match &terms.meal_cny.from {
                None => format!("meals ({} CNY)", terms.meal_cny.value),
                Some(from) => format!("meals ({} CNY, {from})", terms.meal_cny.value),
            });
        }
        if hotel {
            gives.push(match &terms.hotel_from.from {
                Some(from) if !cancelled => format!(
                    "hotel and transfer ({from}: from {})",
                    format_delay(i32::try_from(terms.hotel_from.value).unwrap_or(i32::MAX))
                ),
                _ => "hotel and transfer".to_string(),
            });
        }
        if voucher {
            let mut from: Vec<&str> = [&terms.miles.from, &terms.cash_cny.from]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
            from.dedup();
            let from = if from.is_empty() {
                String::new()
            } else {
                format!(" ({})", from.join(" and "))
            };
            gives.push(format!(
                "a voucher of {} miles or {} CNY, as the traveller chooses{from}",
                terms.miles.value, terms.cash_cny.value
            ));
        }
        let when = |yes: bool, amount: u32| if yes { amount } else { 0 };
        Some(Proposal {
            recovery: Recovery {
                meal_voucher_cny: when(meals, terms.meal_cny.value),
                hotel_and_transfer: hotel,
                miles_voucher: when(voucher, terms.miles.value),
                cash_voucher_cny: when(voucher, terms.cash_cny.value),
                note: String::new(),
            },
            reason: format!("{what}, {}: {}", holder.describe(), gives.join("; ")),
        })
    }
}

/// What the policy proposes, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub recovery: Recovery,
    pub reason: String,
}

const RECOVERY_NOTE: TextRule = TextRule::lines("recovery.note", 500);

/// The recovery given, recorded with the complaint: the proposal as
/// accepted or as the agent edited it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recovery {
    #[serde(default)]
    pub meal_voucher_cny: u32,
    #[serde(default)]
    pub hotel_and_transfer: bool,
    #[serde(default)]
    pub miles_voucher: u32,
    #[serde(default)]
    pub cash_voucher_cny: u32,
    #[serde(default)]
    pub note: String,
}

impl Recovery {
    pub fn checked(mut self) -> Result<Recovery, FieldError> {
        for (field, amount) in [
            ("recovery.meal_voucher_cny", self.meal_voucher_cny),
            ("recovery.miles_voucher", self.miles_voucher),
            ("recovery.cash_voucher_cny", self.cash_voucher_cny),
        ] {
            if amount > MAX_AMOUNT {
                return Err(FieldError::invalid(field, format!("at most {MAX_AMOUNT}")));
            }
        }
        self.note = RECOVERY_NOTE.check(&self.note)?;
        Ok(self)
    }

    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if self.meal_voucher_cny > 0 {
            parts.push(format!("meals {} CNY", self.meal_voucher_cny));
        }
        if self.hotel_and_transfer {
            parts.push("hotel and transfer".into());
        }
        if self.miles_voucher > 0 {
            parts.push(format!("{} miles", self.miles_voucher));
        }
        if self.cash_voucher_cny > 0 {
            parts.push(format!("{} CNY voucher", self.cash_voucher_cny));
        }
        if parts.is_empty() {
            "no recovery".into()
        } else {
            parts.join(", ")
        }
    }
}

#[cfg(test)]
#[path = "recovery_tests.rs"]
mod tests;
