//! What finished calls leave behind: sums that add, so a window's figures
//! are the sum of its minutes and the day's a running total.

use serde::{Deserialize, Serialize};

/// Sums over the calls whose wait, or whose handling, ended in a span.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// Calls answered (their wait ended in the span).
    pub answered: u32,
    /// …of which within the queue's target.
    pub answered_in_target: u32,
    /// Callers who gave up after the short-abandon threshold.
    pub abandoned: u32,
    /// Callers who gave up within it.
    pub short_abandoned: u32,
    /// Seconds waited by the answered calls.
    pub answered_wait_seconds: u64,
    /// Calls whose after-call work ended in the span.
    pub handled: u32,
    /// Their talk (with hold) and after-call work, in seconds.
    pub handle_seconds: u64,
}

impl Tally {
    pub fn add(&mut self, other: &Tally) {
        self.answered += other.answered;
        self.answered_in_target += other.answered_in_target;
        self.abandoned += other.abandoned;
        self.short_abandoned += other.short_abandoned;
        self.answered_wait_seconds += other.answered_wait_seconds;
        self.handled += other.handled;
        self.handle_seconds += other.handle_seconds;
    }

    /// Calls whose wait ended, short abandons left out.
    pub fn counted(&self) -> u32 {
        self.answered + self.abandoned
    }

    /// Per cent answered within the target, of the counted calls.
    pub fn service_level(&self) -> Option<f64> {
        ratio(self.answered_in_target.into(), self.counted().into()).map(|r| r * 100.0)
    }

    /// Per cent abandoned, of the counted calls.
    pub fn abandon_rate(&self) -> Option<f64> {
        ratio(self.abandoned.into(), self.counted().into()).map(|r| r * 100.0)
    }

    /// Average speed of answer, in seconds.
    pub fn average_speed_of_answer(&self) -> Option<f64> {
        ratio(self.answered_wait_seconds as f64, self.answered.into())
    }

    /// Average handle time, in seconds.
    pub fn average_handle_time(&self) -> Option<f64> {
        ratio(self.handle_seconds as f64, self.handled.into())
    }
}

fn ratio(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| part / whole)
}

/// One minute of one queue: its tally and how many calls waited.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinuteTally {
    /// Whole minutes since the Unix epoch.
    pub minute: i64,
    pub tally: Tally,
    /// The most calls waiting at once in the minute.
    pub waiting_peak: u32,
    /// Calls waiting at the minute's last change (carried to quiet minutes).
    pub waiting_last: u32,
}
