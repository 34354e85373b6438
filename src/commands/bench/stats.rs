//! Timing helpers shared by the benchmark sections.

use std::{
    collections::BTreeMap,
    sync::Mutex,
    time::{Duration, Instant},
};

pub const RATE_WINDOW: Duration = Duration::from_secs(3);

/// What failed in a run, by figure: a failed operation is counted here and
/// never timed, and a run with any failure exits non-zero.
#[derive(Default)]
pub struct Failures(Mutex<BTreeMap<&'static str, usize>>);

impl Failures {
    pub fn add(&self, figure: &'static str, n: usize) {
        if n > 0
            && let Ok(mut counts) = self.0.lock()
        {
            *counts.entry(figure).or_default() += n;
        }
    }

    pub fn total(&self) -> usize {
        self.0.lock().map_or(0, |c| c.values().sum())
    }

    /// One line per figure that had failures.
    pub fn lines(&self) -> Vec<String> {
        self.0.lock().map_or_else(
            |_| vec![],
            |c| c.iter().map(|(f, n)| format!("{f}: {n} failed")).collect(),
        )
    }
}

/// A rate and the operations that failed while it was measured.
pub struct Rate {
    pub per_second: f64,
    pub failed: usize,
}

/// Successful operations per second over `RATE_WINDOW`, from `tasks`
/// concurrent loops; `op(i)` is the i-th operation of a loop. Failed
/// operations are counted apart, not in the rate.
pub async fn rate<F, Fut>(tasks: usize, op: F) -> Rate
where
    F: Fn(usize) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let started = Instant::now();
    let handles: Vec<_> = (0..tasks)
        .map(|worker| {
            let op = op.clone();
            tokio::spawn(async move {
                let (mut done, mut failed) = (0usize, 0usize);
                let mut i = worker;
                while started.elapsed() < RATE_WINDOW {
                    if op(i).await {
                        done += 1;
                    } else {
                        failed += 1;
                    }
                    i += tasks;
                }
                (done, failed)
            })
        })
        .collect();
    let (mut total, mut failed) = (0, 0);
    for h in handles {
        // A loop that panicked failed every operation it would have run.
        let (done, lost) = h.await.unwrap_or((0, 1));
        total += done;
        failed += lost;
    }
    Rate {
        per_second: total as f64 / started.elapsed().as_secs_f64(),
        failed,
    }
}

pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Median, p99 and max of the successful samples, how many failed, and the
/// target the p99 is held to.
pub fn summary(mut samples: Vec<f64>, failed: usize, target_p99_ms: f64) -> String {
    samples.sort_by(f64::total_cmp);
    let p99 = percentile(&samples, 0.99);
    let verdict = if samples.is_empty() || p99 > target_p99_ms {
        "MISSED"
    } else {
        "met"
    };
    format!(
        "median {:.2} ms, p99 {p99:.2} ms, max {:.2} ms (n={}, {failed} failed; target p99 <= {target_p99_ms} ms: {verdict})",
        percentile(&samples, 0.5),
        percentile(&samples, 1.0),
        samples.len()
    )
}

pub fn rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Milliseconds since `started`.
pub fn ms(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_are_counted_by_figure() {
        let failures = Failures::default();
        failures.add("search, HTTP", 2);
        failures.add("search, HTTP", 1);
        failures.add("screen pop", 0);
        assert_eq!(failures.total(), 3);
        assert_eq!(failures.lines(), vec!["search, HTTP: 3 failed".to_string()]);
    }

    #[test]
    fn a_summary_says_what_failed_and_whether_the_target_was_met() {
        let met = summary(vec![1.0, 2.0, 3.0], 0, 50.0);
        assert!(
            met.contains("0 failed") && met.contains("target p99 <= 50 ms: met"),
            "{met}"
        );
        let missed = summary(vec![1.0, 80.0], 4, 50.0);
        assert!(
            missed.contains("4 failed") && missed.ends_with("MISSED)"),
            "{missed}"
        );
        // Nothing succeeded: no figure can meet a target.
        assert!(summary(vec![], 9, 50.0).contains("MISSED"));
    }

    #[tokio::test]
    async fn failed_operations_are_not_in_the_rate() {
        let rate = rate(2, |i| async move {
            // Real operations wait on I/O; let the other loop run.
            tokio::task::yield_now().await;
            i % 2 == 0
        })
        .await;
        // Worker 0 runs the even operations, worker 1 the odd ones.
        assert!(rate.failed > 0, "the odd operations failed");
        assert!(rate.per_second > 0.0);
    }
}
