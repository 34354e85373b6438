//! The VIP hotline's rules as data: the entitlements file (TOML), checked
//! and flattened into `VipRules`. The built-in rules are `defaults.toml`,
//! read by the same parser. Like the recovery policy, a broken file is
//! refused with `line N: reason`, and so is a code the file never defines.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::{
    fees::GovernmentFees,
    keep::KeepRule,
    request_kind::VipRequestKind,
    rules_file::{Code, Grants, Level, RulesFile},
};

/// The built-in rules (DOMAIN.md's, with our defaults where it is vague).
pub const DEFAULT_RULES: &str = include_str!("defaults.toml");

/// A rules file that cannot be used: where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct RulesError {
    pub line: usize,
    pub reason: String,
}

/// An entitlement the file defines: its code and the words read out.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EntitlementDef {
    pub code: String,
    pub label: String,
}

/// The hotline's rules, checked. Sets of entitlements are indices into
/// `defs`, so every code they hold is one the file defines.
#[derive(Debug, Clone, PartialEq)]
pub struct VipRules {
    pub(super) hold_warning_minutes: u32,
    pub(super) defs: Vec<EntitlementDef>,
    /// By `Tier as usize`, each with the tiers' below.
    pub(super) tiers: [Vec<usize>; 4],
    /// V1 to V5, each with the levels' below less what it replaces.
    pub(super) levels: [Vec<usize>; 5],
    pub(super) min_premium_share: f64,
    pub(super) two_cabin: Vec<usize>,
    pub(super) corporate: Vec<usize>,
    pub(super) requests: Vec<(VipRequestKind, usize)>,
    /// By `Tier as usize`; basic keeps itself.
    pub(super) keep: [Option<KeepRule>; 4],
    pub(super) fees: GovernmentFees,
}

impl Default for VipRules {
    fn default() -> Self {
        // The built-in text is ours and a unit test parses it, so a
        // failure here is a bug in the build, not bad input.
        VipRules::parse(DEFAULT_RULES).expect("the built-in entitlements parse")
    }
}

/// The 1-based line of a byte offset in `text`.
fn line_at(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .map_or(1, |before| before.matches('\n').count() + 1)
}

/// Reads codes against the file's definitions, refusing with the line.
struct Checker<'t> {
    text: &'t str,
    index: HashMap<String, usize>,
}

impl Checker<'_> {
    fn at<T>(&self, spanned: &Spanned<T>, reason: impl Into<String>) -> RulesError {
        RulesError {
            line: line_at(self.text, spanned.span().start),
            reason: reason.into(),
        }
    }

    fn code(&self, code: &Code) -> Result<usize, RulesError> {
        self.index.get(code.get_ref()).copied().ok_or_else(|| {
            self.at(
                code,
                format!(
                    "unknown entitlement {:?}: define it in `entitlements` first",
                    code.get_ref()
                ),
            )
        })
    }

    /// `base` with `codes` added after it, each once.
    fn add(&self, mut base: Vec<usize>, codes: &[Code]) -> Result<Vec<usize>, RulesError> {
        for code in codes {
            let i = self.code(code)?;
            if !base.contains(&i) {
                base.push(i);
            }
        }
        Ok(base)
    }

    fn share(&self, share: &Spanned<f64>, name: &str) -> Result<f64, RulesError> {
        let v = *share.get_ref();
        if (0.0..=1.0).contains(&v) {
            Ok(v)
        } else {
            Err(self.at(share, format!("{name} is a share from 0.0 to 1.0, not {v}")))
        }
    }
}

fn is_code(code: &str) -> bool {
    code.len() <= 40
        && code.starts_with(|c: char| c.is_ascii_lowercase())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

impl VipRules {
    /// Reads an entitlements file; a broken one is refused with its line
    /// and reason.
    pub fn parse(text: &str) -> Result<VipRules, RulesError> {
        let file: RulesFile = toml::from_str(text).map_err(|e: toml::de::Error| RulesError {
            line: e.span().map_or(1, |span| line_at(text, span.start)),
            reason: e.message().trim().to_string(),
        })?;
        let mut check = Checker {
            text,
            index: HashMap::new(),
        };
        let mut defs = Vec::with_capacity(file.entitlements.len());
        for def in &file.entitlements {
            let code = def.code.get_ref();
            if !is_code(code) {
                return Err(check.at(
                    &def.code,
                    format!("entitlement code {code:?} is not snake_case (a-z, 0-9, _; up to 40)"),
                ));
            }
            let label = def.label.get_ref().trim();
            if label.is_empty()
                || label.chars().count() > 120
                || label.chars().any(char::is_control)
            {
                return Err(check.at(
                    &def.label,
                    format!("the label of {code:?} is 1 to 120 characters on one line"),
                ));
            }
            if check.index.insert(code.clone(), defs.len()).is_some() {
                return Err(check.at(&def.code, format!("entitlement {code:?} is defined twice")));
            }
            defs.push(EntitlementDef {
                code: code.clone(),
                label: label.to_string(),
            });
        }
        let tiers = tier_sets(&check, &file)?;
        let levels = level_sets(&check, &file)?;
        let min_premium_share =
            check.share(&file.two_cabin.min_premium_share, "min_premium_share")?;
        let two_cabin = check.add(Vec::new(), &file.two_cabin.grants)?;
        let corporate = check.add(Vec::new(), &file.corporate.grants)?;
        let mut requests = Vec::new();
        for (name, code) in &file.requests {
            let Some(kind) = VipRequestKind::parse(name) else {
                let known: Vec<&str> = VipRequestKind::ALL.iter().map(|k| k.as_str()).collect();
                return Err(check.at(
                    code,
                    format!(
                        "unknown request kind {name:?} (expected {})",
                        known.join(", ")
                    ),
                ));
            };
            if kind.is_assistance() {
                return Err(check.at(
                    code,
                    format!("{name} is assistance, which never needs an entitlement"),
                ));
            }
            requests.push((kind, check.code(code)?));
        }
        let minutes = &file.hold_warning_minutes;
        if !(1..=24 * 60).contains(minutes.get_ref()) {
            return Err(check.at(minutes, "hold_warning_minutes is from 1 to 1440"));
        }
        let fees = GovernmentFees::checked(&file.government_fees, |spanned, reason| RulesError {
            line: line_at(text, spanned.start),
            reason,
        })?;
        Ok(VipRules {
            hold_warning_minutes: *minutes.get_ref(),
            defs,
            tiers,
            levels,
            min_premium_share,
            two_cabin,
            corporate,
            requests,
            keep: [
                None,
                Some(file.keep.silver),
                Some(file.keep.gold),
                Some(file.keep.platinum),
            ],
            fees,
        })
    }

    /// How many minutes before its release a hold is shown to its owner.
    pub fn hold_warning_minutes(&self) -> u32 {
        self.hold_warning_minutes
    }

    /// Every entitlement the file defines, in its order.
    pub fn definitions(&self) -> &[EntitlementDef] {
        &self.defs
    }

    /// The entitlement a request of `kind` needs; `None` for assistance,
    /// which is never refused, and for kinds that need none.
    pub fn needed_for(&self, kind: VipRequestKind) -> Option<&EntitlementDef> {
        if kind.is_assistance() {
            return None;
        }
        self.requests
            .iter()
            .find(|(k, _)| *k == kind)
            .and_then(|(_, i)| self.defs.get(*i))
    }

    /// The government fee rules.
    pub fn government_fees(&self) -> &GovernmentFees {
        &self.fees
    }
}

/// Each tier with the tiers' below.
fn tier_sets(check: &Checker<'_>, file: &RulesFile) -> Result<[Vec<usize>; 4], RulesError> {
    let t = &file.tiers;
    let grants: [&Grants; 4] = [&t.basic, &t.silver, &t.gold, &t.platinum];
    let mut sets: [Vec<usize>; 4] = Default::default();
    let mut below = Vec::new();
    for (set, tier) in sets.iter_mut().zip(grants) {
        below = check.add(below, &tier.grants)?;
        set.clone_from(&below);
    }
    Ok(sets)
}

/// Each level with the levels' below, less what it replaces; a level can
/// replace only what a level below gives.
fn level_sets(check: &Checker<'_>, file: &RulesFile) -> Result<[Vec<usize>; 5], RulesError> {
    let g = &file.government;
    let levels: [&Level; 5] = [&g.v1, &g.v2, &g.v3, &g.v4, &g.v5];
    let mut sets: [Vec<usize>; 5] = Default::default();
    let mut below: Vec<usize> = Vec::new();
    for (n, (set, level)) in sets.iter_mut().zip(levels).enumerate() {
        for code in &level.replaces {
            let i = check.code(code)?;
            if !below.contains(&i) {
                return Err(check.at(
                    code,
                    format!(
                        "V{} replaces {:?}, which no level below it gives",
                        n + 1,
                        code.get_ref()
                    ),
                ));
            }
            below.retain(|b| *b != i);
        }
        below = check.add(below, &level.grants)?;
        set.clone_from(&below);
    }
    Ok(sets)
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
