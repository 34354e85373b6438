//! What a run did, printed at its end.

use std::{fmt, time::Duration};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Callers who joined a queue.
    pub calls: u64,
    pub answered: u64,
    /// Callers who gave up before anyone picked up.
    pub abandoned: u64,
    /// Calls still live when the run ended, ended then.
    pub cut_short: u64,
    /// Breaks agents took.
    pub breaks: u64,
    /// Their waits, in the run's time.
    pub answered_wait: Duration,
    /// Events the server did not take.
    pub failed: u64,
    /// Why the last of them failed.
    pub last_failure: Option<String>,
}

impl Summary {
    /// The answered calls' average wait, in the run's time.
    pub fn average_wait(&self) -> Option<Duration> {
        u32::try_from(self.answered)
            .ok()
            .filter(|n| *n > 0)
            .map(|n| self.answered_wait / n)
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} calls: {} answered", self.calls, self.answered)?;
        if let Some(wait) = self.average_wait() {
            write!(f, " (average wait {:.1} s)", wait.as_secs_f64())?;
        }
        write!(
            f,
            ", {} abandoned, {} still live at the end (ended then); {} breaks; {} events failed",
            self.abandoned, self.cut_short, self.breaks, self.failed
        )?;
        if let Some(last) = &self.last_failure {
            write!(f, " (last: {last})")?;
        }
        Ok(())
    }
}
