//! The calls waiting now, as a supervisor reads them: longest wait first,
//! each with its queue and who is calling, VIPs marked. Worked out from
//! the floor at a moment, like the other figures, so the waits run with
//! the clock.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{CallerFacts, Floor, LiveCall};
use crate::domain::Tier;

/// One call waiting (ringing, not yet answered).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingCall {
    pub call_id: String,
    /// The queue's name, and its label as the queues table shows it.
    pub queue: String,
    pub queue_label: String,
    /// Seconds waited so far.
    pub seconds: i64,
    /// A VIP's call: the VIP line or a VIP queue, or a VIP caller (see
    /// `vip_caller`); the same calls raise the VIP-wait alert.
    pub vip: bool,
    /// The traveller's name and tier, when one traveller has the number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<Tier>,
    /// The caller lookup in brief; none when it failed or the call was
    /// told to the floor without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facts: Option<CallerFacts>,
}

impl WaitingCall {
    /// Who is calling, in a supervisor's words: `ZHANG Wei · PLATINUM ·
    /// V4 government`, `3 travellers`, `number withheld`.
    pub fn who(&self) -> String {
        let Some(facts) = &self.facts else {
            return "caller not looked up".into();
        };
        match facts.matches {
            0 if facts.withheld => "number withheld".into(),
            0 if facts.number.is_none() => "number not usable".into(),
            0 => "no traveller has the number".into(),
            1 => {
                let mut parts = vec![self.caller.clone().unwrap_or_else(|| "1 traveller".into())];
                parts.extend(self.tier.map(|t| t.as_str().to_uppercase()));
                parts.extend(facts.segment.map(super::CallerSegment::label));
                parts.join(" · ")
            }
            n => format!("{n} travellers"),
        }
    }

    /// The number as the pop shows it, or why there is none.
    pub fn number(&self) -> &str {
        match &self.facts {
            Some(CallerFacts {
                number: Some(number),
                ..
            }) => number,
            Some(CallerFacts { withheld: true, .. }) => "withheld",
            Some(_) => "no number",
            None => "-",
        }
    }
}

/// How many wait, and how many of them are VIPs'.
pub fn waiting_counts(waiting: &[WaitingCall]) -> (usize, usize) {
    (waiting.len(), waiting.iter().filter(|w| w.vip).count())
}

impl Floor {
    /// The calls waiting at `now`, longest wait first (then by call id,
    /// so that calls that rang together hold still between frames).
    pub fn waiting_calls(&self, now: DateTime<Utc>) -> Vec<WaitingCall> {
        let mut waiting: Vec<(&String, &LiveCall)> =
            self.calls.iter().filter(|(_, c)| c.is_waiting()).collect();
        waiting.sort_by(|(a_id, a), (b_id, b)| a.rang_at.cmp(&b.rang_at).then(a_id.cmp(b_id)));
        waiting
            .into_iter()
            .map(|(call_id, c)| {
                let queue_label = self
                    .settings
                    .queue(&c.queue)
                    .map_or_else(|| c.queue.clone(), |q| q.label.clone());
                WaitingCall {
                    call_id: call_id.clone(),
                    queue: c.queue.clone(),
                    queue_label,
                    seconds: (now - c.rang_at).num_seconds().max(0),
                    vip: c.vip,
                    caller: c.caller.clone(),
                    tier: c.tier,
                    facts: c.facts.clone().map(|mut f| {
                        // Only ever a number, whoever told the floor.
                        f.number = f.number.as_deref().and_then(CallerFacts::shown_number);
                        f
                    }),
                }
            })
            .collect()
    }
}
