//! Seat and service preferences: what a good travel agent remembers about
//! a traveller. Saved whole, with a version (If-Match), so that two agents
//! never overwrite each other unseen.

use serde::{Deserialize, Serialize};

use super::{
    codes::{ASSISTANCE_CODES, MEAL_CODES, find},
    free_text::{FieldError, TextRule},
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Seat {
    Window,
    Aisle,
    #[default]
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Zone {
    Front,
    OverWing,
    Rear,
}

/// Most assistance codes on one traveller.
pub const MAX_ASSISTANCE: usize = 8;
const REMARKS: TextRule = TextRule::lines("remarks", 1000);

/// A traveller's preferences as saved (and as `PUT` sends them).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preferences {
    #[serde(default)]
    pub seat: Seat,
    /// Cabin zone; none for no preference.
    #[serde(default)]
    pub zone: Option<Zone>,
    /// An exit-row seat is acceptable (the traveller can help in an
    /// evacuation).
    #[serde(default)]
    pub exit_row: bool,
    #[serde(default)]
    pub bulkhead: bool,
    /// An IATA special-meal code (`VGML`).
    #[serde(default)]
    pub meal: Option<String>,
    /// IATA special-assistance codes (`WCHR`).
    #[serde(default)]
    pub assistance: Vec<String>,
    #[serde(default)]
    pub remarks: String,
}

impl Preferences {
    /// Checked and normalised: codes upper case and known, assistance
    /// without repeats, remarks within their limit (card numbers masked).
    pub fn checked(mut self) -> Result<Preferences, FieldError> {
        self.meal = match self.meal.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(meal) => {
                let upper = meal.to_ascii_uppercase();
                find(MEAL_CODES, &upper).ok_or_else(|| {
                    FieldError::invalid(
                        "meal",
                        format!("{:?} is not an IATA special-meal code", short(meal)),
                    )
                })?;
                Some(upper)
            }
        };
        let mut assistance: Vec<String> = Vec::new();
        for code in &self.assistance {
            let upper = code.trim().to_ascii_uppercase();
            find(ASSISTANCE_CODES, &upper).ok_or_else(|| {
                FieldError::invalid(
                    "assistance",
                    format!("{:?} is not an IATA special-assistance code", short(code)),
                )
            })?;
            if !assistance.contains(&upper) {
                assistance.push(upper);
            }
        }
        if assistance.len() > MAX_ASSISTANCE {
            return Err(FieldError::invalid(
                "assistance",
                format!("at most {MAX_ASSISTANCE} codes"),
            ));
        }
        self.assistance = assistance;
        self.remarks = REMARKS.check(&self.remarks)?;
        Ok(self)
    }

    /// One line saying what is set, for the contact history.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        match self.seat {
            Seat::Window => parts.push("window".to_string()),
            Seat::Aisle => parts.push("aisle".to_string()),
            Seat::None => {}
        }
        if let Some(zone) = self.zone {
            parts.push(
                match zone {
                    Zone::Front => "front",
                    Zone::OverWing => "over wing",
                    Zone::Rear => "rear",
                }
                .to_string(),
            );
        }
        if self.exit_row {
            parts.push("exit row".into());
        }
        if self.bulkhead {
            parts.push("bulkhead".into());
        }
        parts.extend(self.meal.clone());
        parts.extend(self.assistance.iter().cloned());
        if parts.is_empty() {
            "no preferences".into()
        } else {
            parts.join(", ")
        }
    }
}

/// A code as quoted back in an error: short, and clean of anything a
/// terminal would act on.
fn short(code: &str) -> String {
    crate::domain::text::clean_capped(code, 12)
}

/// Preferences with the version they were saved at (0: never saved).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredPreferences {
    pub traveller_id: i64,
    pub version: i64,
    pub preferences: Preferences,
    /// Who saved them last, and when.
    pub updated_by: Option<String>,
    pub updated_at: Option<chrono::DateTime<chrono::Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_normalised_and_checked() {
        let p = Preferences {
            meal: Some(" vgml ".into()),
            assistance: vec!["wchr".into(), "WCHR".into(), "blnd".into()],
            remarks: " 4111111111111111 ".into(),
            ..Preferences::default()
        }
        .checked()
        .expect("valid");
        assert_eq!(p.meal.as_deref(), Some("VGML"));
        assert_eq!(p.assistance, ["WCHR", "BLND"]);
        assert_eq!(p.remarks, "************1111");
        assert_eq!(p.summary(), "VGML, WCHR, BLND");
        let field = |p: Preferences| match p.checked() {
            Err(FieldError::Invalid { field, .. }) | Err(FieldError::Control { field }) => field,
            Err(FieldError::TooLong { field, .. }) | Err(FieldError::Required { field }) => field,
            Ok(_) => "ok",
        };
        let base = Preferences::default;
        assert_eq!(
            field(Preferences {
                meal: Some("XXML".into()),
                ..base()
            }),
            "meal"
        );
        assert_eq!(
            field(Preferences {
                meal: Some("ＶＧＭＬ".into()),
                ..base()
            }),
            "meal"
        );
        assert_eq!(
            field(Preferences {
                assistance: vec!["WCH".into()],
                ..base()
            }),
            "assistance"
        );
        assert_eq!(
            field(Preferences {
                remarks: "\u{202e}x".into(),
                ..base()
            }),
            "remarks"
        );
        assert_eq!(
            field(Preferences {
                remarks: "x".repeat(1001),
                ..base()
            }),
            "remarks"
        );
        assert_eq!(
            field(Preferences {
                meal: Some("".into()),
                ..base()
            }),
            "ok"
        );
        let all: Vec<String> = ASSISTANCE_CODES
            .iter()
            .take(9)
            .map(|c| c.code.to_string())
            .collect();
        assert_eq!(
            field(Preferences {
                assistance: all,
                ..base()
            }),
            "assistance"
        );
        assert_eq!(base().summary(), "no preferences");
    }
}
