//! Individual value score (Air China case): flight frequency 30%, mileage
//! 30%, cabin class 40%, each factor first turned into a percentile of the
//! member base so that the score is relative (0–100).

/// Weights of the three factors; they sum to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValueWeights {
    pub frequency: f64,
    pub mileage: f64,
    pub cabin: f64,
}

pub const DEFAULT_WEIGHTS: ValueWeights = ValueWeights {
    frequency: 0.3,
    mileage: 0.3,
    cabin: 0.4,
};

/// Percentile ranks (0.0–1.0) of one traveller's factors in the member base.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FactorPercentiles {
    pub frequency: f64,
    pub mileage: f64,
    pub cabin: f64,
}

/// The score, 0–100, rounded to one decimal.
pub fn value_score(p: FactorPercentiles, w: ValueWeights) -> f64 {
    let clamp = |x: f64| if x.is_nan() { 0.0 } else { x.clamp(0.0, 1.0) };
    let raw =
        w.frequency * clamp(p.frequency) + w.mileage * clamp(p.mileage) + w.cabin * clamp(p.cabin);
    (raw * 1000.0).round() / 10.0
}

/// Percentile rank as SQL's `percent_rank()` computes it: the share of other
/// values strictly below this one. Used to check the store's bulk update.
pub fn percent_rank(sorted: &[f64], value: f64) -> f64 {
    if sorted.len() < 2 {
        return 0.0;
    }
    let below = sorted.partition_point(|v| *v < value);
    below as f64 / (sorted.len() - 1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_follow_the_air_china_case() {
        // (frequency, mileage, cabin) percentiles and the score they give.
        let cases = [
            ("top", (1.0, 1.0, 1.0), 100.0),
            ("cabin only", (0.0, 0.0, 1.0), 40.0),
            ("frequency only", (1.0, 0.0, 0.0), 30.0),
            ("mixed", (0.5, 0.25, 0.75), 52.5),
        ];
        for (case, (frequency, mileage, cabin), score) in cases {
            let factors = FactorPercentiles {
                frequency,
                mileage,
                cabin,
            };
            assert_eq!(value_score(factors, DEFAULT_WEIGHTS), score, "{case}");
        }
    }

    #[test]
    fn out_of_range_inputs_are_clamped() {
        let odd = FactorPercentiles {
            frequency: f64::NAN,
            mileage: 7.0,
            cabin: -1.0,
        };
        assert_eq!(value_score(odd, DEFAULT_WEIGHTS), 30.0);
    }

    #[test]
    fn percent_rank_matches_sql() {
        let sorted = [1.0, 2.0, 2.0, 5.0];
        assert_eq!(percent_rank(&sorted, 1.0), 0.0);
        assert!((percent_rank(&sorted, 2.0) - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(percent_rank(&sorted, 5.0), 1.0);
        assert_eq!(percent_rank(&[3.0], 3.0), 0.0);
    }
}
