//! The entitlements file as written: serde shapes only. Codes keep their
//! place in the text (`Spanned`) so that a code the file does not define
//! is refused with its line; `VipRules::parse` checks and flattens them.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::keep::KeepRule;

pub(super) type Code = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RulesFile {
    pub hold_warning_minutes: Spanned<u32>,
    pub entitlements: Vec<Definition>,
    pub tiers: Tiers,
    pub government: Government,
    pub two_cabin: TwoCabin,
    pub corporate: Grants,
    /// Request kind (`seat_hold`) to the code it needs.
    #[serde(default)]
    pub requests: BTreeMap<String, Code>,
    pub keep: KeepFile,
    pub government_fees: FeesFile,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Definition {
    pub code: Code,
    pub label: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Grants {
    pub grants: Vec<Code>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Tiers {
    pub basic: Grants,
    pub silver: Grants,
    pub gold: Grants,
    pub platinum: Grants,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Level {
    pub grants: Vec<Code>,
    /// Codes of the levels below that this level gives instead.
    #[serde(default)]
    pub replaces: Vec<Code>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Government {
    pub v1: Level,
    pub v2: Level,
    pub v3: Level,
    pub v4: Level,
    pub v5: Level,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TwoCabin {
    pub min_premium_share: Spanned<f64>,
    pub grants: Vec<Code>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct KeepFile {
    pub silver: KeepRule,
    pub gold: KeepRule,
    pub platinum: KeepRule,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FeesFile {
    pub from_level: Spanned<u8>,
    pub change_min_share: Spanned<f64>,
    pub change_max_share: Spanned<f64>,
    pub refund_min_share: Spanned<f64>,
    pub cutoff_minutes: Spanned<u32>,
}
