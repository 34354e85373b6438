use super::*;
use crate::domain::Cabin;

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
        p.propose(&flight(FlightStatus::Delayed, 119), Tier::Gold),
        None
    );
    let two = p
        .propose(&flight(FlightStatus::Delayed, 120), Tier::Gold)
        .expect("meals");
    assert_eq!(
        two.recovery,
        Recovery {
            meal_voucher_cny: 80,
            ..Recovery::default()
        }
    );
    let four = p
        .propose(&flight(FlightStatus::Delayed, 240), Tier::Basic)
        .expect("hotel");
    assert!(four.recovery.hotel_and_transfer);
    assert_eq!(
        four.recovery.miles_voucher, 0,
        "a voucher is over 4 h, not at 4 h"
    );
    let five = p
        .propose(&flight(FlightStatus::Delayed, 300), Tier::Platinum)
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
        .propose(&flight(FlightStatus::Cancelled, 0), Tier::Silver)
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
