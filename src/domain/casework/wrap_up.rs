//! After-call work: a disposition code from a configurable list, an
//! optional summary, and per queue how the console enforces it (contact-
//! centre practice): optional, mandatory (no next call until a code is
//! chosen), or time-boxed (available again after N seconds).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::free_text::{FieldError, TextRule};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case", deny_unknown_fields)]
pub enum WrapUpMode {
    #[default]
    Optional,
    Mandatory,
    TimeBoxed {
        seconds: u32,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disposition {
    pub code: String,
    pub label: String,
}

/// `[wrap_up]` in the settings file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WrapUpSettings {
    pub dispositions: Vec<Disposition>,
    /// The mode of a queue not listed in `queues`.
    pub default_mode: WrapUpMode,
    /// Mode by queue name.
    pub queues: BTreeMap<String, WrapUpMode>,
}

impl Default for WrapUpSettings {
    fn default() -> Self {
        let d = |code: &str, label: &str| Disposition {
            code: code.into(),
            label: label.into(),
        };
        Self {
            dispositions: vec![
                d("resolved", "Resolved on this call"),
                d("booking_made", "Booking made"),
                d("booking_changed", "Booking changed"),
                d("refund_requested", "Refund requested"),
                d("information_given", "Information given"),
                d("complaint_logged", "Complaint logged"),
                d("callback_needed", "Callback needed"),
                d("transferred", "Transferred"),
                d("wrong_number", "Wrong number"),
            ],
            default_mode: WrapUpMode::Optional,
            queues: BTreeMap::new(),
        }
    }
}

const SUMMARY: TextRule = TextRule::lines("summary", 2000);

impl WrapUpSettings {
    pub fn mode_for(&self, queue: Option<&str>) -> WrapUpMode {
        queue
            .and_then(|q| self.queues.get(q))
            .copied()
            .unwrap_or(self.default_mode)
    }

    pub fn disposition(&self, code: &str) -> Option<&Disposition> {
        self.dispositions.iter().find(|d| d.code == code)
    }

    /// Every problem with the settings, as one message naming the setting.
    pub fn check(&self) -> Result<(), String> {
        if self.dispositions.is_empty() {
            return Err("wrap_up.dispositions: at least one disposition".into());
        }
        for (i, d) in self.dispositions.iter().enumerate() {
            let good = !d.code.is_empty()
                && d.code.len() <= 32
                && d.code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if !good {
                return Err(format!(
                    "wrap_up.dispositions[{i}].code {:?}: 1 to 32 lower-case letters, digits and _",
                    d.code
                ));
            }
            if self.dispositions[..i].iter().any(|o| o.code == d.code) {
                return Err(format!("wrap_up.dispositions: {:?} twice", d.code));
            }
            let label = d.label.trim();
            if label.is_empty() || crate::domain::text::clean(label) != label {
                return Err(format!(
                    "wrap_up.dispositions[{i}].label: text, no control characters"
                ));
            }
        }
        let modes = std::iter::once(("default_mode", &self.default_mode))
            .chain(self.queues.iter().map(|(q, m)| (q.as_str(), m)));
        for (name, mode) in modes {
            if let WrapUpMode::TimeBoxed { seconds } = mode
                && !(1..=3600).contains(seconds)
            {
                return Err(format!("wrap_up {name}: time_boxed seconds are 1 to 3600"));
            }
        }
        Ok(())
    }

    /// Checks a wrap-up: a known disposition, a summary within limits.
    pub fn checked(
        &self,
        disposition: &str,
        summary: Option<&str>,
    ) -> Result<(Disposition, String), FieldError> {
        let disposition = self
            .disposition(disposition.trim())
            .cloned()
            .ok_or_else(|| {
                let codes: Vec<&str> = self.dispositions.iter().map(|d| d.code.as_str()).collect();
                FieldError::invalid("disposition", format!("one of {}", codes.join(", ")))
            })?;
        let summary = SUMMARY.check(summary.unwrap_or(""))?;
        Ok((disposition, summary))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_come_per_queue_with_a_default() {
        let s: WrapUpSettings = toml::from_str(
            "default_mode = { mode = \"optional\" }\n[queues]\nvip = { mode = \"mandatory\" }\n\
             general = { mode = \"time_boxed\", seconds = 45 }\n",
        )
        .expect("settings");
        assert_eq!(s.mode_for(Some("vip")), WrapUpMode::Mandatory);
        assert_eq!(
            s.mode_for(Some("general")),
            WrapUpMode::TimeBoxed { seconds: 45 }
        );
        assert_eq!(s.mode_for(Some("corporate")), WrapUpMode::Optional);
        assert_eq!(s.mode_for(None), WrapUpMode::Optional);
        assert_eq!(s.check(), Ok(()));
        assert!(
            s.disposition("booking_made").is_some(),
            "default dispositions kept"
        );
        let bad: WrapUpSettings =
            toml::from_str("[queues]\nvip = { mode = \"time_boxed\", seconds = 0 }")
                .expect("parses");
        assert!(bad.check().is_err());
        assert!(
            toml::from_str::<WrapUpSettings>("[queues]\nvip = { mode = \"forever\" }").is_err()
        );
    }

    #[test]
    fn wrap_ups_are_checked() {
        let s = WrapUpSettings::default();
        let (d, summary) = s.checked(" resolved ", Some(" 改签成功 ")).expect("valid");
        assert_eq!(
            (d.code.as_str(), summary.as_str()),
            ("resolved", "改签成功")
        );
        let field = |r: Result<(Disposition, String), FieldError>| match r {
            Err(FieldError::Invalid { field, .. }) | Err(FieldError::Control { field }) => field,
            _ => "other",
        };
        assert_eq!(field(s.checked("golf", None)), "disposition");
        assert_eq!(field(s.checked("resolved", Some("\u{1b}[2J"))), "summary");
    }
}
