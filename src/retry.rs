//! How skydesk waits before trying again, in one place: pauses that grow
//! from `first` to `longest`, doubling, each with jitter so that consoles or
//! servers cut off together do not all come back in the same instant. Each
//! caller says only how soon, how long at most, and how many tries.

use std::time::Duration;

use backon::ExponentialBuilder;

pub use backon::{BackoffBuilder, Retryable};

/// Pauses from `first` up to `longest`, for as long as the caller goes on;
/// add `with_max_times` or `with_total_delay` to stop sooner.
pub fn pauses(first: Duration, longest: Duration) -> ExponentialBuilder {
    ExponentialBuilder::default()
        .with_min_delay(first)
        .with_max_delay(longest.max(first))
        .without_max_times()
        .with_jitter()
}

/// Like `pauses`, without jitter: for a lone loop that nothing else
/// competes with, where the pause should be exactly as long as its rule.
pub fn steady_pauses(first: Duration, longest: Duration) -> ExponentialBuilder {
    ExponentialBuilder::default()
        .with_min_delay(first)
        .with_max_delay(longest.max(first))
        .without_max_times()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_grow_to_their_longest_and_go_on() {
        let steady: Vec<_> = steady_pauses(Duration::from_millis(10), Duration::from_secs(1))
            .build()
            .take(10)
            .collect();
        assert_eq!(steady[0], Duration::from_millis(10));
        assert_eq!(steady[1], Duration::from_millis(20));
        assert_eq!(steady[9], Duration::from_secs(1));
        let jittered: Vec<_> = pauses(Duration::from_millis(10), Duration::from_secs(1))
            .build()
            .take(100)
            .collect();
        assert_eq!(jittered.len(), 100, "never runs out");
        assert!(jittered.iter().all(|d| *d >= Duration::from_millis(10)));
        assert!(jittered.iter().all(|d| *d <= Duration::from_secs(2)));
        let three = pauses(Duration::from_millis(1), Duration::from_millis(5))
            .with_max_times(3)
            .build()
            .count();
        assert_eq!(three, 3);
    }
}
