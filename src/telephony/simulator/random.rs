//! The few distributions a call centre is drawn from, on any `Rng`: gaps
//! between Poisson arrivals and patience are exponential, talk times
//! log-normal (most calls short, a long tail).

use std::time::Duration;

use rand::Rng;

/// An exponential draw with this mean.
pub fn exponential(rng: &mut impl Rng, mean: Duration) -> Duration {
    // 1 - u lies in (0, 1]: its logarithm is finite.
    let u: f64 = rng.random();
    mean.mul_f64(-(1.0 - u).ln())
}

/// A log-normal draw: half of the draws fall under `median`; `sigma` is
/// the spread of its logarithm.
pub fn log_normal(rng: &mut impl Rng, median: Duration, sigma: f64) -> Duration {
    median.mul_f64((sigma * standard_normal(rng)).exp())
}

/// Uniform between `low` and `high` seconds.
pub fn uniform(rng: &mut impl Rng, low: f64, high: f64) -> Duration {
    Duration::from_secs_f64(rng.random_range(low..=high))
}

/// A standard normal draw (Box–Muller).
fn standard_normal(rng: &mut impl Rng) -> f64 {
    let u1: f64 = 1.0 - rng.random::<f64>();
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

#[cfg(test)]
mod tests {
    use rand::{SeedableRng, rngs::StdRng};

    use super::*;

    #[test]
    fn draws_have_the_mean_and_median_asked_for() {
        let mut rng = StdRng::seed_from_u64(7);
        let n = 20_000;
        let mean = Duration::from_secs(90);
        let total: f64 = (0..n)
            .map(|_| exponential(&mut rng, mean).as_secs_f64())
            .sum();
        let got = total / f64::from(n);
        assert!((got - 90.0).abs() < 3.0, "exponential mean {got}");

        let median = Duration::from_secs(210);
        let mut talks: Vec<f64> = (0..n)
            .map(|_| log_normal(&mut rng, median, 0.55).as_secs_f64())
            .collect();
        talks.sort_by(f64::total_cmp);
        let middle = talks[talks.len() / 2];
        assert!((middle - 210.0).abs() < 8.0, "log-normal median {middle}");
        assert!(talks.iter().all(|t| *t > 0.0));

        for _ in 0..1000 {
            let ring = uniform(&mut rng, 2.0, 6.0).as_secs_f64();
            assert!((2.0..=6.0).contains(&ring));
        }
    }
}
