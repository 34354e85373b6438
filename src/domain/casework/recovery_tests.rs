use super::*;
use crate::domain::Cabin;
use crate::domain::casework::recovery_segment::RecoveryHolder;

fn flight(status: FlightStatus, delay: i32) -> Flight {
    Flight {
        complained: false,
        id: 0,
        departure: None,
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
        flight_no: "CA1234".into(),
        origin: "PEK".into(),
        destination: "SZX".into(),
        cabin: Cabin::Economy,
        status,
        delay_minutes: delay,
        pnr: "K7M2QX".into(),
    }
}

#[test]
fn the_default_policy_follows_the_thresholds() {
    let p = RecoveryPolicy::default();
    assert_eq!(
        p.propose(
            &flight(FlightStatus::Delayed, 119),
            &RecoveryHolder::of_tier(Tier::Gold)
        ),
        None
    );
    let two = p
        .propose(
            &flight(FlightStatus::Delayed, 120),
            &RecoveryHolder::of_tier(Tier::Gold),
        )
        .expect("meals");
    assert_eq!(
        two.recovery,
        Recovery {
            meal_voucher_cny: 80,
            ..Recovery::default()
        }
    );
    let four = p
        .propose(
            &flight(FlightStatus::Delayed, 240),
            &RecoveryHolder::of_tier(Tier::Basic),
        )
        .expect("hotel");
    assert!(four.recovery.hotel_and_transfer);
    assert_eq!(
        four.recovery.miles_voucher, 0,
        "a voucher is over 4 h, not at 4 h"
    );
    let five = p
        .propose(
            &flight(FlightStatus::Delayed, 300),
            &RecoveryHolder::of_tier(Tier::Platinum),
        )
        .expect("all");
    assert_eq!(
        five.recovery,
        Recovery {
            meal_voucher_cny: 100,
            hotel_and_transfer: true,
            miles_voucher: 5000,
            cash_voucher_cny: 800,
            note: String::new()
        }
    );
    assert!(
        five.reason
            .starts_with("CA1234 delayed 5h00, platinum tier: meals"),
        "{}",
        five.reason
    );
    let cancelled = p
        .propose(
            &flight(FlightStatus::Cancelled, 0),
            &RecoveryHolder::of_tier(Tier::Silver),
        )
        .expect("all");
    assert!(cancelled.recovery.hotel_and_transfer && cancelled.recovery.miles_voucher == 2000);
}

#[test]
fn the_default_policy_round_trips_through_its_file() {
    let text = toml::to_string(&RecoveryPolicy::default()).expect("toml");
    assert_eq!(RecoveryPolicy::parse(&text), Ok(RecoveryPolicy::default()));
}

#[test]
fn a_broken_policy_file_says_its_line_and_reason() {
    let good = toml::to_string(&RecoveryPolicy::default()).expect("toml");
    let negative = good.replacen("gold = 80", "gold = -80", 1);
    let err = RecoveryPolicy::parse(&negative).expect_err("negative");
    let line = negative
        .lines()
        .position(|l| l.contains("-80"))
        .expect("line")
        + 1;
    assert_eq!(err.line, line, "{err}");
    assert!(err.reason.contains("amount"), "{err}");
    let missing = good.replacen("platinum = 100\n", "", 1);
    let err = RecoveryPolicy::parse(&missing).expect_err("missing tier");
    assert!(err.reason.contains("platinum"), "{err}");
    let unknown = format!("{good}\n[lounge]\nfree = true\n");
    assert!(
        RecoveryPolicy::parse(&unknown)
            .expect_err("unknown")
            .reason
            .contains("lounge")
    );
    let err = RecoveryPolicy::parse("meals = [").expect_err("not toml");
    assert_eq!(err.line, 1);
}

#[test]
fn recorded_recoveries_are_checked() {
    let r = Recovery {
        miles_voucher: MAX_AMOUNT + 1,
        ..Recovery::default()
    };
    assert!(r.checked().is_err());
    let r = Recovery {
        note: "\u{1b}[2J".into(),
        ..Recovery::default()
    };
    assert!(r.checked().is_err());
    let r = Recovery {
        cash_voucher_cny: 300,
        note: "客人接受".into(),
        ..Recovery::default()
    };
    assert_eq!(r.clone().checked(), Ok(r));
}

fn holder(tier: Tier, gov_level: Option<u8>, two_cabin: bool) -> RecoveryHolder {
    RecoveryHolder {
        tier,
        gov_level,
        two_cabin,
    }
}

#[test]
fn recovery_follows_the_segment() {
    let p = RecoveryPolicy::default();
    let late = flight(FlightStatus::Delayed, 190);
    let platinum = p
        .propose(&late, &holder(Tier::Platinum, None, false))
        .expect("meals");
    assert_eq!(platinum.recovery.meal_voucher_cny, 100);
    assert!(!platinum.recovery.hotel_and_transfer);
    let v4 = p
        .propose(&late, &holder(Tier::Platinum, Some(4), false))
        .expect("more");
    assert_eq!(
        v4.recovery,
        Recovery {
            meal_voucher_cny: 150,
            hotel_and_transfer: true,
            ..Recovery::default()
        }
    );
    assert_eq!(
        v4.reason,
        "CA1234 delayed 3h10, platinum tier, V4: meals (150 CNY, V4); hotel and transfer (V4: from 3h00)"
    );
    let two_cabin = p
        .propose(&late, &holder(Tier::Basic, None, true))
        .expect("meals");
    assert_eq!(two_cabin.recovery.meal_voucher_cny, 100);
    assert!(
        two_cabin
            .reason
            .contains("basic tier, two-cabin: meals (100 CNY, two-cabin)")
    );
    // The more generous of tier and segment, part by part: V1 has no
    // section, so a platinum V1 gets platinum's.
    let v1 = p
        .propose(
            &flight(FlightStatus::Delayed, 300),
            &holder(Tier::Platinum, Some(1), true),
        )
        .expect("all");
    assert_eq!(v1.recovery.miles_voucher, 5000);
    assert!(
        v1.reason.ends_with("as the traveller chooses"),
        "{}",
        v1.reason
    );
    let v5 = p
        .propose(
            &flight(FlightStatus::Cancelled, 0),
            &holder(Tier::Silver, Some(5), true),
        )
        .expect("all");
    assert_eq!(
        (
            v5.recovery.meal_voucher_cny,
            v5.recovery.miles_voucher,
            v5.recovery.cash_voucher_cny
        ),
        (200, 8000, 1200)
    );
    assert!(
        v5.reason.contains("hotel and transfer; a voucher"),
        "{}",
        v5.reason
    );
    assert!(v5.reason.ends_with("chooses (V5)"), "{}", v5.reason);
    assert_eq!(
        p.propose(
            &flight(FlightStatus::Delayed, 119),
            &holder(Tier::Platinum, Some(5), true)
        ),
        None
    );
}

#[test]
fn a_policy_file_without_segments_still_reads() {
    let old = "[meals]\nfrom_delay_minutes = 120\namount_cny = { basic = 50, silver = 60, gold = 80, platinum = 100 }\n\
               [hotel]\nfrom_delay_minutes = 240\non_cancellation = true\n\
               [voucher]\nover_delay_minutes = 240\n\
               miles = { basic = 1000, silver = 2000, gold = 3000, platinum = 5000 }\n\
               cash_cny = { basic = 200, silver = 300, gold = 500, platinum = 800 }\n";
    let p = RecoveryPolicy::parse(old).expect("an old file");
    assert!(p.government.is_empty() && p.two_cabin.is_none());
    let v4 = p
        .propose(
            &flight(FlightStatus::Delayed, 190),
            &holder(Tier::Platinum, Some(4), true),
        )
        .expect("meals");
    assert_eq!(v4.recovery.meal_voucher_cny, 100, "tier alone");
    assert!(!v4.recovery.hotel_and_transfer);
    let broken = format!("{old}[government.v6]\nmeal_cny = 10\n");
    let err = RecoveryPolicy::parse(&broken).expect_err("no V6");
    assert!(err.reason.contains("v6"), "{err}");
    let negative = format!("{old}[two_cabin]\nmiles = -1\n");
    let err = RecoveryPolicy::parse(&negative).expect_err("negative");
    assert_eq!(err.line, negative.lines().count(), "{err}");
}
