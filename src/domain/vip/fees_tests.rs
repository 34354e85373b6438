use chrono::{Duration, TimeZone};

use super::*;

/// kind, fare share, to cabin, at, level, outcome, words in the rule.
type Row = (
    FeeKind,
    f64,
    Cabin,
    DateTime<Utc>,
    Option<u8>,
    FeeOutcome,
    &'static str,
);

#[test]
fn the_fee_rules_at_their_boundaries() {
    use Cabin::{Business, Economy};
    use FeeKind::{Change, Refund};
    use FeeOutcome::{FareDifference, Free, NormalRules};
    let departure = Utc
        .with_ymd_and_hms(2026, 12, 20, 10, 0, 0)
        .single()
        .expect("time");
    let early = departure - Duration::hours(2) - Duration::seconds(1);
    let exactly = departure - Duration::hours(2);
    let after = departure + Duration::seconds(1);
    let fees = VipRules::default().government_fees().to_owned();
    // kind, fare share, to cabin, at, level, outcome, words in the rule
    let table: [Row; 20] = [
        (
            Change,
            0.5499,
            Economy,
            early,
            Some(1),
            NormalRules,
            "fare at 54.99% is outside 55–75% for a free change",
        ),
        (Change, 0.55, Economy, early, Some(1), Free, "same cabin"),
        (
            Change,
            0.6,
            Economy,
            early,
            Some(3),
            Free,
            "more than 2 h before departure: free",
        ),
        (Change, 0.75, Economy, early, Some(5), Free, "fare at 75%"),
        (
            Change,
            0.7501,
            Economy,
            early,
            Some(1),
            NormalRules,
            "outside 55–75%",
        ),
        (
            Change,
            0.78,
            Economy,
            early,
            Some(1),
            NormalRules,
            "fare at 78% is outside 55–75% for a free change",
        ),
        (
            Change,
            0.55,
            Business,
            early,
            Some(1),
            FareDifference,
            "the fare difference only, no change fee",
        ),
        (
            Change,
            0.75,
            Business,
            early,
            Some(4),
            FareDifference,
            "from economy to business",
        ),
        (
            Change,
            0.7501,
            Business,
            early,
            Some(1),
            NormalRules,
            "outside",
        ),
        (
            Change,
            0.6,
            Economy,
            exactly,
            Some(1),
            NormalRules,
            "normal rules: within 2 h of departure",
        ),
        (
            Change,
            0.6,
            Business,
            exactly,
            Some(1),
            NormalRules,
            "within 2 h",
        ),
        (
            Change,
            0.6,
            Economy,
            after,
            Some(1),
            NormalRules,
            "normal rules: after departure",
        ),
        (
            Change,
            0.6,
            Economy,
            departure,
            Some(1),
            NormalRules,
            "after departure",
        ),
        (
            Change,
            0.6,
            Economy,
            early,
            None,
            NormalRules,
            "normal rules: not a government traveller",
        ),
        (
            Refund,
            0.79,
            Economy,
            early,
            Some(1),
            NormalRules,
            "fare at 79% is below 80% for a free refund",
        ),
        (
            Refund,
            0.80,
            Economy,
            early,
            Some(1),
            Free,
            "government refund, fare at 80% (80% or more)",
        ),
        (Refund, 1.0, Business, early, Some(5), Free, "fare at 100%"),
        (
            Refund,
            1.0,
            Economy,
            exactly,
            Some(5),
            NormalRules,
            "within 2 h",
        ),
        (
            Refund,
            0.9,
            Economy,
            after,
            Some(5),
            NormalRules,
            "after departure",
        ),
        (
            Refund,
            0.9,
            Economy,
            early,
            None,
            NormalRules,
            "not a government traveller",
        ),
    ];
    for (i, (kind, fare_share, cabin_to, at, gov_level, outcome, words)) in
        table.into_iter().enumerate()
    {
        let q = FeeQuestion {
            kind,
            fare_share,
            cabin_from: Economy,
            cabin_to,
            departure,
            at,
            gov_level,
        };
        let answer = fees.evaluate(&q).expect("a share");
        assert_eq!(answer.outcome, outcome, "row {i}: {}", answer.rule);
        assert!(answer.rule.contains(words), "row {i}: {}", answer.rule);
    }
}

#[test]
fn a_fare_share_that_is_not_a_share_is_an_error() {
    let rules = VipRules::default();
    let at = Utc::now();
    for bad in [f64::NAN, -0.01, 1.0001, f64::INFINITY] {
        let q = FeeQuestion {
            kind: FeeKind::Refund,
            fare_share: bad,
            cabin_from: Cabin::Economy,
            cabin_to: Cabin::Economy,
            departure: at + Duration::days(1),
            at,
            gov_level: Some(1),
        };
        let err = rules.evaluate_fee(&q).expect_err("refused");
        assert!(err.to_string().starts_with("fare_share must be"), "{err}");
    }
}

#[test]
fn outcomes_are_snake_case_on_the_wire() {
    let json = serde_json::to_string(&FeeAnswer {
        outcome: FeeOutcome::FareDifference,
        rule: "r".into(),
    })
    .expect("json");
    assert_eq!(json, r#"{"outcome":"fare_difference","rule":"r"}"#);
}
