//! When calls arrive and which line they dial. Arrivals are a Poisson
//! process: the gaps between calls are exponential, so calls bunch and
//! thin out as they do on a real floor. A share of the calls dial the VIP
//! hotline; the rest spread over the other lines by how busy such lines
//! usually are.

use std::time::Duration;

use rand::Rng;

use super::{centre::SimError, random::exponential};
use crate::domain::{LineDirectory, LineKind};

/// The gap before the next call, at `rate` calls a minute on average.
pub fn next_gap(rng: &mut impl Rng, rate_per_minute: f64) -> Duration {
    exponential(rng, Duration::from_secs_f64(60.0 / rate_per_minute))
}

/// One line a caller may dial, and the queue its calls wait in.
#[derive(Debug, Clone, PartialEq)]
pub struct Dialled {
    pub number: String,
    pub queue: String,
    pub kind: LineKind,
}

/// The lines calls arrive on, with their weights.
#[derive(Debug, Clone)]
pub struct LineMix {
    vip: Vec<Dialled>,
    others: Vec<(f64, Dialled)>,
    vip_share: f64,
}

/// How much of the non-VIP traffic a kind of line gets, before it is
/// split among the lines of that kind.
fn kind_weight(kind: LineKind) -> f64 {
    match kind {
        LineKind::General => 70.0,
        LineKind::Corporate => 18.0,
        LineKind::Government => 12.0,
        LineKind::VipHotline => 0.0,
    }
}

impl LineMix {
    /// The directory's lines; `vip_share` (0 to 1) of the calls dial a VIP
    /// hotline when there is one.
    pub fn new(lines: &LineDirectory, vip_share: f64) -> Result<Self, SimError> {
        if !(0.0..=1.0).contains(&vip_share) {
            return Err(SimError::Setting(
                "--vip-share is a fraction from 0 to 1".into(),
            ));
        }
        let dialled = |number: &str, kind| Dialled {
            number: number.to_string(),
            queue: lines.queue_for(number),
            kind,
        };
        let vip: Vec<Dialled> = lines
            .lines
            .iter()
            .filter(|l| l.kind == LineKind::VipHotline)
            .map(|l| dialled(&l.number, l.kind))
            .collect();
        let others: Vec<(f64, Dialled)> = lines
            .lines
            .iter()
            .filter(|l| l.kind != LineKind::VipHotline)
            .map(|l| {
                let same_kind = lines.lines.iter().filter(|o| o.kind == l.kind).count();
                (
                    kind_weight(l.kind) / same_kind as f64,
                    dialled(&l.number, l.kind),
                )
            })
            .collect();
        if vip.is_empty() && others.is_empty() {
            return Err(SimError::Setting(
                "no lines to call: the settings' [[lines.lines]] is empty".into(),
            ));
        }
        Ok(Self {
            vip,
            others,
            vip_share,
        })
    }

    /// The line the next caller dials.
    pub fn draw(&self, rng: &mut impl Rng) -> &Dialled {
        let to_vip =
            !self.vip.is_empty() && (self.others.is_empty() || rng.random_bool(self.vip_share));
        if to_vip {
            return &self.vip[rng.random_range(0..self.vip.len())];
        }
        let total: f64 = self.others.iter().map(|(w, _)| w).sum();
        let mut pick = rng.random_range(0.0..total);
        for (weight, line) in &self.others {
            if pick < *weight {
                return line;
            }
            pick -= weight;
        }
        // Rounding left the pick past the last weight.
        &self.others[self.others.len() - 1].1
    }
}

#[cfg(test)]
mod tests {
    use rand::{SeedableRng, rngs::StdRng};

    use super::*;

    #[test]
    fn a_share_of_calls_dial_the_vip_hotline_and_the_rest_spread_by_kind() {
        let mix = LineMix::new(&LineDirectory::default(), 0.15).expect("the default lines");
        let mut rng = StdRng::seed_from_u64(3);
        let n = 20_000;
        let mut counts = std::collections::HashMap::new();
        for _ in 0..n {
            *counts
                .entry(mix.draw(&mut rng).queue.clone())
                .or_insert(0u32) += 1;
        }
        let share = |q: &str| f64::from(counts.get(q).copied().unwrap_or(0)) / f64::from(n);
        assert!((share("vip") - 0.15).abs() < 0.01, "{counts:?}");
        assert!((share("general") - 0.85 * 0.70).abs() < 0.02, "{counts:?}");
        assert!(
            (share("corporate") - 0.85 * 0.18).abs() < 0.015,
            "{counts:?}"
        );
        assert!(
            (share("government") - 0.85 * 0.12).abs() < 0.015,
            "{counts:?}"
        );
    }

    #[test]
    fn without_a_vip_line_every_call_takes_the_others_and_bad_shares_are_refused() {
        let mut lines = LineDirectory::default();
        lines.lines.retain(|l| l.kind != LineKind::VipHotline);
        let mix = LineMix::new(&lines, 0.5).expect("lines");
        let mut rng = StdRng::seed_from_u64(1);
        assert!((0..500).all(|_| mix.draw(&mut rng).kind != LineKind::VipHotline));
        assert!(LineMix::new(&LineDirectory::default(), 1.5).is_err());
        assert!(LineMix::new(&LineDirectory { lines: Vec::new() }, 0.1).is_err());
    }

    #[test]
    fn gaps_average_the_rate() {
        let mut rng = StdRng::seed_from_u64(9);
        let n = 10_000;
        let total: f64 = (0..n).map(|_| next_gap(&mut rng, 6.0).as_secs_f64()).sum();
        let mean = total / f64::from(n);
        assert!((mean - 10.0).abs() < 0.4, "mean gap {mean}");
    }
}
