//! Complaint categories and their service-level targets: settings, with
//! the DOMAIN.md list as the default (acknowledge within a day; resolve
//! within the category's days).

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::ComplaintCategory;

/// One category an agent may file a complaint under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryTarget {
    /// What the API takes and stores: lower case letters, digits and `_`.
    pub code: String,
    /// What the console shows.
    pub label: String,
    /// Hours to acknowledge the complaint.
    pub acknowledge_hours: u32,
    /// Days to resolve it.
    pub resolve_days: u32,
}

/// `[complaints]` in the settings file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ComplaintSettings {
    pub categories: Vec<CategoryTarget>,
}

impl Default for ComplaintSettings {
    fn default() -> Self {
        Self {
            categories: ComplaintCategory::ALL
                .iter()
                .map(|c| CategoryTarget {
                    code: c.code().to_string(),
                    label: c.label().to_string(),
                    acknowledge_hours: 24,
                    resolve_days: default_resolve_days(*c),
                })
                .collect(),
        }
    }
}

/// Days allowed to resolve each built-in category (DOMAIN.md's targets).
fn default_resolve_days(category: ComplaintCategory) -> u32 {
    match category {
        ComplaintCategory::Baggage => 21,
        ComplaintCategory::RefundAndChange | ComplaintCategory::MilesAndTier => 14,
        ComplaintCategory::StaffConduct => 7,
        _ => 30,
    }
}

impl ComplaintSettings {
    pub fn category(&self, code: &str) -> Option<&CategoryTarget> {
        self.categories.iter().find(|c| c.code == code)
    }

    /// When a complaint of `code` opened at `opened` is due: by this list's
    /// target, or, for a code it does not hold (demo data naming a built-in
    /// category the centre removed), the built-in default's.
    pub fn resolve_by(&self, code: &str, opened: DateTime<Utc>) -> DateTime<Utc> {
        let days = self.category(code).map_or_else(
            || ComplaintCategory::from_code(code).map_or(30, default_resolve_days),
            |c| c.resolve_days,
        );
        opened + Duration::days(i64::from(days))
    }

    /// Every problem with the list: codes that are empty, badly formed or
    /// repeated, targets of zero.
    pub fn check(&self) -> Result<(), String> {
        if self.categories.is_empty() {
            return Err("complaints.categories: at least one category".into());
        }
        for (i, c) in self.categories.iter().enumerate() {
            let good_code = !c.code.is_empty()
                && c.code.len() <= 32
                && c.code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if !good_code {
                return Err(format!(
                    "complaints.categories[{i}].code {:?}: 1 to 32 lower-case letters, digits and _",
                    c.code
                ));
            }
            if self.categories[..i].iter().any(|o| o.code == c.code) {
                return Err(format!("complaints.categories: {:?} twice", c.code));
            }
            let label = c.label.trim();
            if label.is_empty()
                || label.chars().count() > 40
                || crate::domain::text::clean(label) != label
            {
                return Err(format!(
                    "complaints.categories[{i}].label: 1 to 40 characters, no control characters"
                ));
            }
            if c.acknowledge_hours == 0 || c.resolve_days == 0 {
                return Err(format!(
                    "complaints.categories[{i}]: acknowledge_hours and resolve_days are from 1 up"
                ));
            }
        }
        Ok(())
    }
}

impl CategoryTarget {
    pub fn acknowledge_by(&self, opened: DateTime<Utc>) -> DateTime<Utc> {
        opened + Duration::hours(i64::from(self.acknowledge_hours))
    }

    pub fn resolve_by(&self, opened: DateTime<Utc>) -> DateTime<Utc> {
        opened + Duration::days(i64::from(self.resolve_days))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_the_domain_list_and_valid() {
        let s = ComplaintSettings::default();
        assert_eq!(s.check(), Ok(()));
        assert_eq!(s.categories.len(), 11);
        let baggage = s.category("baggage").expect("baggage");
        assert_eq!((baggage.acknowledge_hours, baggage.resolve_days), (24, 21));
        assert!(s.category("on_board_service").is_some());
        let opened = DateTime::<Utc>::UNIX_EPOCH;
        assert_eq!(s.resolve_by("baggage", opened), opened + Duration::days(21));
        assert_eq!(s.resolve_by("delay", opened), opened + Duration::days(30));
        let mut only_noise = s.clone();
        only_noise.categories = vec![CategoryTarget {
            code: "noise".into(),
            label: "Noise".into(),
            acknowledge_hours: 2,
            resolve_days: 3,
        }];
        assert_eq!(
            only_noise.resolve_by("noise", opened),
            opened + Duration::days(3)
        );
        assert_eq!(
            only_noise.resolve_by("baggage", opened),
            opened + Duration::days(21)
        );
        let mut bad = s.clone();
        bad.categories.push(bad.categories[0].clone());
        assert!(bad.check().is_err());
        let mut bad = s.clone();
        bad.categories[0].code = "Delay!".into();
        assert!(bad.check().is_err());
        let mut bad = s;
        bad.categories[0].resolve_days = 0;
        assert!(bad.check().is_err());
    }
}
