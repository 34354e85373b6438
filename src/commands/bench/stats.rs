//! Timing helpers shared by the benchmark sections.

use std::time::{Duration, Instant};

pub const RATE_WINDOW: Duration = Duration::from_secs(3);

/// Successful operations per second over `RATE_WINDOW`, from `tasks`
/// concurrent loops; `op(i)` is the i-th operation of a loop.
pub async fn rate<F, Fut>(tasks: usize, op: F) -> f64
where
    F: Fn(usize) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let started = Instant::now();
    let handles: Vec<_> = (0..tasks)
        .map(|worker| {
            let op = op.clone();
            tokio::spawn(async move {
                let mut done = 0usize;
                let mut i = worker;
                while started.elapsed() < RATE_WINDOW {
                    if op(i).await {
                        done += 1;
                    }
                    i += tasks;
                }
                done
            })
        })
        .collect();
    let mut total = 0;
    for h in handles {
        total += h.await.unwrap_or(0);
    }
    total as f64 / started.elapsed().as_secs_f64()
}

pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

pub fn summary(mut samples: Vec<f64>) -> String {
    samples.sort_by(f64::total_cmp);
    format!(
        "median {:.2} ms, p99 {:.2} ms, max {:.2} ms (n={})",
        percentile(&samples, 0.5),
        percentile(&samples, 0.99),
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
