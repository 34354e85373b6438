//! What the floor measures against: each queue's service-level target, and
//! the thresholds at which a supervisor is told.

use serde::{Deserialize, Deserializer, Serialize};

/// One queue and its target: `target_percent` of calls answered within
/// `target_seconds`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueueSettings {
    pub name: String,
    pub label: String,
    pub target_percent: u8,
    pub target_seconds: u32,
    /// Every call in this queue is a VIP's.
    #[serde(default)]
    pub vip: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FloorSettings {
    pub queues: Vec<QueueSettings>,
    /// A caller who gives up within this many seconds is a short abandon:
    /// counted, but left out of service level and abandon rate.
    pub short_abandon_seconds: u32,
    /// A VIP waiting longer than this is an alert.
    pub vip_wait_alert_seconds: u32,
    /// Wrap-up longer than this turns the agent's row amber…
    pub wrap_up_warn_seconds: u32,
    /// …and longer than this red, with an alert.
    pub wrap_up_alert_seconds: u32,
    /// Replaced by the centre's `time_zone`: read only to be refused by
    /// name, never written.
    #[serde(default, skip_serializing, rename = "utc_offset_minutes")]
    pub retired_utc_offset: Option<Retired>,
    /// The reasons an agent may give for a break.
    pub break_reasons: Vec<String>,
    /// An agent whose console has had no event stream for this long is
    /// shown as gone, and counted neither available nor in wrap-up.
    pub console_gone_seconds: u32,
}

impl Default for FloorSettings {
    fn default() -> Self {
        let queue = |name: &str, label: &str, target_percent, target_seconds, vip| QueueSettings {
            name: name.into(),
            label: label.into(),
            target_percent,
            target_seconds,
            vip,
        };
        Self {
            queues: vec![
                queue("general", "General", 80, 20, false),
                queue("vip", "VIP hotline", 90, 10, true),
                queue("corporate", "Corporate", 80, 20, false),
                queue("government", "Government", 85, 15, false),
            ],
            short_abandon_seconds: 5,
            vip_wait_alert_seconds: 30,
            wrap_up_warn_seconds: 60,
            wrap_up_alert_seconds: 300,
            retired_utc_offset: None,
            break_reasons: ["Lunch", "Short break", "Training", "Coaching", "Meeting"]
                .map(String::from)
                .to_vec(),
            console_gone_seconds: 60,
        }
    }
}

impl FloorSettings {
    pub fn queue(&self, name: &str) -> Option<&QueueSettings> {
        self.queues.iter().find(|q| q.name == name)
    }

    /// The settings of a queue not listed: the first queue's target.
    pub fn queue_or_default(&self, name: &str) -> QueueSettings {
        self.queue(name).cloned().unwrap_or_else(|| QueueSettings {
            name: name.to_string(),
            label: name.to_string(),
            target_percent: self.queues.first().map_or(80, |q| q.target_percent),
            target_seconds: self.queues.first().map_or(20, |q| q.target_seconds),
            vip: false,
        })
    }

    /// What is wrong with these settings, in the user's words.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.queues.is_empty() {
            out.push("floor.queues: give at least one queue".into());
        }
        for q in &self.queues {
            if q.name.trim().is_empty() || q.name.chars().count() > 64 {
                out.push("floor.queues: a queue name is 1 to 64 characters".into());
            }
            if !(1..=100).contains(&q.target_percent) {
                out.push(format!(
                    "floor.queues {:?}: target_percent is 1 to 100",
                    q.name
                ));
            }
            if !(1..=3600).contains(&q.target_seconds) {
                out.push(format!(
                    "floor.queues {:?}: target_seconds is 1 to 3600",
                    q.name
                ));
            }
        }
        if self.retired_utc_offset.is_some() {
            out.push(
                "floor.utc_offset_minutes is no longer read: name the centre's time zone with \
                 time_zone = \"Asia/Shanghai\" (an IANA name) at the top of the settings file, \
                 or SKYDESK_TIME_ZONE"
                    .into(),
            );
        }
        if self.wrap_up_warn_seconds > self.wrap_up_alert_seconds {
            out.push("floor.wrap_up_warn_seconds: at most wrap_up_alert_seconds".into());
        }
        if !(1..=86_400).contains(&self.console_gone_seconds) {
            out.push("floor.console_gone_seconds: 1 to 86400".into());
        }
        if self.break_reasons.is_empty() {
            out.push("floor.break_reasons: give at least one reason".into());
        }
        out
    }
}

/// A setting that is no longer read, whatever value it was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retired;

impl<'de> Deserialize<'de> for Retired {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer).map(|_| Retired)
    }
}
