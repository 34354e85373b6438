//! The figures a supervisor reads, computed from the floor at a moment.
//! Each is defined once here, and in docs/http-api.md under "The floor".

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{
    AgentRow, AgentState, Floor, Tally, WaitingCall,
    model::{QueueBook, minute_of},
};

/// The short window, in minutes: the current one and the 14 before.
pub const WINDOW_MINUTES: i64 = 15;
/// Points in a trend: one a minute over the last hour.
pub const TREND_POINTS: i64 = 60;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WindowFigures {
    pub answered: u32,
    pub abandoned: u32,
    pub short_abandoned: u32,
    pub handled: u32,
    /// Per cent.
    pub service_level: Option<f64>,
    /// Seconds.
    pub average_speed_of_answer: Option<f64>,
    /// Seconds.
    pub average_handle_time: Option<f64>,
    /// Per cent.
    pub abandon_rate: Option<f64>,
}

impl From<&Tally> for WindowFigures {
    fn from(t: &Tally) -> Self {
        Self {
            answered: t.answered,
            abandoned: t.abandoned,
            short_abandoned: t.short_abandoned,
            handled: t.handled,
            service_level: t.service_level(),
            average_speed_of_answer: t.average_speed_of_answer(),
            average_handle_time: t.average_handle_time(),
            abandon_rate: t.abandon_rate(),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentCounts {
    pub available: u32,
    pub on_call: u32,
    pub wrap_up: u32,
    pub on_break: u32,
    pub signed_out: u32,
    /// Signed in, but their console is gone (see `Floor::console_gone`).
    #[serde(default)]
    pub gone: u32,
}

impl AgentCounts {
    fn count(&mut self, state: AgentState) {
        match state {
            AgentState::Available => self.available += 1,
            AgentState::OnCall => self.on_call += 1,
            AgentState::WrapUp => self.wrap_up += 1,
            AgentState::OnBreak => self.on_break += 1,
            AgentState::SignedOut => self.signed_out += 1,
        }
    }
}

/// One minute of a trend.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    /// Whole minutes since the Unix epoch.
    pub minute: i64,
    /// The most calls waiting at once in the minute.
    pub waiting: u32,
    /// Service level over the 15 minutes up to and including this one.
    pub service_level: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueFigures {
    pub name: String,
    pub label: String,
    pub vip: bool,
    pub target_percent: u8,
    pub target_seconds: u32,
    pub waiting: u32,
    pub longest_wait_seconds: Option<i64>,
    pub last_15_minutes: WindowFigures,
    pub today: WindowFigures,
    /// Agents on this queue's calls (on call, wrap-up); available and on
    /// break are the floor's, as every agent serves every queue.
    pub agents: AgentCounts,
    pub below_target: bool,
    pub trend: Vec<TrendPoint>,
}

/// How much an agent's row asks for attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attention {
    Normal,
    Warn,
    Alert,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentFigures {
    #[serde(flatten)]
    pub row: AgentRow,
    pub seconds_in_state: i64,
    pub attention: Attention,
    pub average_handle_time: Option<f64>,
    /// Their console is gone: `seconds_in_state` counts from when it went,
    /// and they are counted neither in their state nor as available.
    #[serde(default)]
    pub console_gone: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "alert", rename_all = "snake_case")]
pub enum FloorAlert {
    VipWaiting {
        queue: String,
        call_id: String,
        caller: Option<String>,
        seconds: i64,
    },
    ServiceLevel {
        queue: String,
        level: f64,
        target: u8,
    },
    LongWrapUp {
        agent: String,
        seconds: i64,
    },
}

impl FloorAlert {
    /// The alert in a supervisor's words.
    pub fn describe(&self) -> String {
        match self {
            FloorAlert::VipWaiting {
                queue,
                caller,
                seconds,
                ..
            } => format!(
                "VIP {} waiting {} in {queue}",
                caller.as_deref().unwrap_or("caller"),
                clock(*seconds)
            ),
            FloorAlert::ServiceLevel {
                queue,
                level,
                target,
            } => format!("{queue}: service level {level:.0}% under {target}%"),
            FloorAlert::LongWrapUp { agent, seconds } => {
                format!("{agent} in wrap-up {}", clock(*seconds))
            }
        }
    }
}

pub use crate::domain::durations::clock;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FloorFigures {
    pub at: DateTime<Utc>,
    pub queues: Vec<QueueFigures>,
    pub agents: Vec<AgentFigures>,
    pub counts: AgentCounts,
    pub alerts: Vec<FloorAlert>,
    /// The calls waiting, longest wait first (`Floor::waiting_calls`).
    #[serde(default)]
    pub waiting: Vec<WaitingCall>,
}

/// The tally of the minutes in `from..=to`.
fn sum_minutes(book: &QueueBook, from: i64, to: i64) -> Tally {
    let mut sum = Tally::default();
    for m in book
        .minutes
        .iter()
        .filter(|m| m.minute >= from && m.minute <= to)
    {
        sum.add(&m.tally);
    }
    sum
}

fn trend(book: &QueueBook, now_minute: i64) -> Vec<TrendPoint> {
    let mut carried = book
        .minutes
        .iter()
        .take_while(|m| m.minute <= now_minute - TREND_POINTS)
        .last()
        .map_or(0, |m| m.waiting_last);
    (now_minute - TREND_POINTS + 1..=now_minute)
        .map(|minute| {
            let waiting = match book.minutes.iter().find(|m| m.minute == minute) {
                Some(m) => {
                    carried = m.waiting_last;
                    m.waiting_peak
                }
                None => carried,
            };
            TrendPoint {
                minute,
                waiting,
                service_level: sum_minutes(book, minute - WINDOW_MINUTES + 1, minute)
                    .service_level(),
            }
        })
        .collect()
}

impl Floor {
    /// Everything a supervisor reads, as of `now`.
    pub fn figures(&self, now: DateTime<Utc>) -> FloorFigures {
        let now_minute = minute_of(now);
        let new_day = self.zone.day_start(now) > self.day_start;
        let mut counts = AgentCounts::default();
        let mut alerts = Vec::new();
        let agents: Vec<AgentFigures> = self
            .agents
            .values()
            .map(|row| {
                let gone = self.console_gone(&row.name, now);
                match gone {
                    Some(_) => counts.gone += 1,
                    None => counts.count(row.state),
                }
                let seconds = gone.map_or_else(
                    || row.seconds_in_state(now),
                    |at| (now - at).num_seconds().max(0),
                );
                let attention = match row.state {
                    _ if gone.is_some() => Attention::Normal,
                    AgentState::WrapUp
                        if seconds >= i64::from(self.settings.wrap_up_alert_seconds) =>
                    {
                        alerts.push(FloorAlert::LongWrapUp {
                            agent: row.name.clone(),
                            seconds,
                        });
                        Attention::Alert
                    }
                    AgentState::WrapUp
                        if seconds >= i64::from(self.settings.wrap_up_warn_seconds) =>
                    {
                        Attention::Warn
                    }
                    _ => Attention::Normal,
                };
                let mut row = row.clone();
                if new_day {
                    row.handled = 0;
                    row.handle_seconds = 0;
                }
                AgentFigures {
                    average_handle_time: row.average_handle_time(),
                    row,
                    seconds_in_state: seconds,
                    attention,
                    console_gone: gone.is_some(),
                }
            })
            .collect();
        let mut queues = Vec::new();
        let mut vip_alerts = Vec::new();
        let mut level_alerts = Vec::new();
        for (name, book) in &self.queues {
            let settings = self.settings.queue_or_default(name);
            let waiting: Vec<(&String, &super::LiveCall)> = self
                .calls
                .iter()
                .filter(|(_, c)| c.queue == *name && c.is_waiting())
                .collect();
            let longest = waiting
                .iter()
                .map(|(_, c)| (now - c.rang_at).num_seconds().max(0))
                .max();
            for (call_id, call) in &waiting {
                let seconds = (now - call.rang_at).num_seconds().max(0);
                if call.vip && seconds > i64::from(self.settings.vip_wait_alert_seconds) {
                    vip_alerts.push(FloorAlert::VipWaiting {
                        queue: settings.label.clone(),
                        call_id: (*call_id).clone(),
                        caller: call.caller.clone(),
                        seconds,
                    });
                }
            }
            let mut queue_agents = AgentCounts {
                available: counts.available,
                on_break: counts.on_break,
                ..AgentCounts::default()
            };
            // Counted by agent, so that nobody is on two calls at once.
            for figures in &agents {
                let on_this_queue = figures
                    .row
                    .call_id
                    .as_ref()
                    .and_then(|id| self.calls.get(id))
                    .is_some_and(|c| c.queue == *name);
                if !on_this_queue || figures.console_gone {
                    continue;
                }
                match figures.row.state {
                    AgentState::OnCall => queue_agents.on_call += 1,
                    AgentState::WrapUp => queue_agents.wrap_up += 1,
                    _ => {}
                }
            }
            let last_15 = WindowFigures::from(&sum_minutes(
                book,
                now_minute - WINDOW_MINUTES + 1,
                now_minute,
            ));
            let below_target = last_15
                .service_level
                .is_some_and(|l| l < f64::from(settings.target_percent));
            if let (true, Some(level)) = (below_target, last_15.service_level) {
                level_alerts.push(FloorAlert::ServiceLevel {
                    queue: settings.label.clone(),
                    level,
                    target: settings.target_percent,
                });
            }
            queues.push(QueueFigures {
                name: name.clone(),
                label: settings.label.clone(),
                vip: settings.vip,
                target_percent: settings.target_percent,
                target_seconds: settings.target_seconds,
                waiting: u32::try_from(waiting.len()).unwrap_or(u32::MAX),
                longest_wait_seconds: longest,
                last_15_minutes: last_15,
                today: WindowFigures::from(&if new_day { Tally::default() } else { book.day }),
                agents: queue_agents,
                below_target,
                trend: trend(book, now_minute),
            });
        }
        // The settings' order, then any queue the phone system named.
        queues.sort_by_key(|q| {
            self.settings
                .queues
                .iter()
                .position(|s| s.name == q.name)
                .unwrap_or(usize::MAX)
        });
        vip_alerts.sort_by_key(|a| match a {
            FloorAlert::VipWaiting { seconds, .. } => -seconds,
            _ => 0,
        });
        vip_alerts.extend(level_alerts);
        vip_alerts.extend(alerts);
        FloorFigures {
            at: now,
            queues,
            agents,
            counts,
            alerts: vip_alerts,
            waiting: self.waiting_calls(now),
        }
    }
}
