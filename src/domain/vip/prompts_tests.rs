use chrono::TimeZone;

use super::*;
use crate::domain::{
    Cabin, Complaint, ComplaintStatus, casework::Recovery, traveller::fixtures::traveller,
};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 2, 0, 0)
        .single()
        .expect("valid time")
}

fn today() -> NaiveDate {
    now().date_naive()
}

fn flight(id: i64, days_ago: i64, route: (&str, &str), status: FlightStatus, delay: i32) -> Flight {
    Flight {
        complained: false,
        id,
        departure: None,
        date: today() - Duration::days(days_ago),
        flight_no: format!("CA{}", 1000 + id),
        origin: route.0.into(),
        destination: route.1.into(),
        cabin: Cabin::Business,
        status,
        delay_minutes: delay,
        pnr: "K7Q2MX".into(),
    }
}

fn profile(flights: Vec<Flight>) -> CallerProfile {
    CallerProfile {
        traveller: traveller(1, "Li", Tier::Gold, None),
        flights,
        open_complaints: Vec::new(),
        prompts: Vec::new(),
        entitlements: Vec::new(),
    }
}

fn meals(f: &Flight) -> Option<Proposal> {
    f.is_disrupted().then(|| Proposal {
        recovery: Recovery {
            meal_voucher_cny: 80,
            ..Recovery::default()
        },
        reason: "meals".into(),
    })
}

fn prompts_of(profile: &CallerProfile, complained: &[i64], keep: Option<TierKeep>) -> Vec<Prompt> {
    prompts(
        &PromptFacts {
            profile,
            complained_flights: complained,
            now: now(),
            today: today(),
            keep,
            pending: &[],
        },
        &meals,
    )
}

#[test]
fn a_disruption_nobody_complained_about_is_offered_its_recovery_for_seven_days() {
    let table = [
        // (days ago, status, delay, complained, offered)
        (2, FlightStatus::Flown, 180, false, true),
        (2, FlightStatus::Flown, 180, true, false),
        (0, FlightStatus::Cancelled, 0, false, true),
        (7, FlightStatus::Flown, 120, false, true),
        (8, FlightStatus::Flown, 300, false, false),
        (1, FlightStatus::Flown, 119, false, false),
        (-1, FlightStatus::Delayed, 200, false, false),
    ];
    for (days_ago, status, delay, complained, offered) in table {
        let p = profile(vec![flight(7, days_ago, ("PEK", "SHA"), status, delay)]);
        let complained: &[i64] = if complained { &[7] } else { &[] };
        let found = prompts_of(&p, complained, None);
        let recovery = found.iter().find_map(Prompt::recovery);
        assert_eq!(
            recovery.is_some(),
            offered,
            "{days_ago} days ago, {status:?} {delay} min, complained {complained:?}"
        );
        if let Some((flight_id, proposal)) = recovery {
            assert_eq!(flight_id, 7);
            assert_eq!(proposal.recovery.meal_voucher_cny, 80);
        }
    }
}

#[test]
fn prompts_come_most_important_first_and_read_in_the_centres_time() {
    let mut p = profile(vec![
        flight(1, 2, ("PEK", "SHA"), FlightStatus::Flown, 190),
        flight(2, 14, ("PEK", "SHA"), FlightStatus::Flown, 0),
        flight(3, 21, ("PEK", "SHA"), FlightStatus::Flown, 0),
    ]);
    p.open_complaints = vec![Complaint {
        id: 4,
        category: "baggage".into(),
        status: ComplaintStatus::Open,
        opened_at: now() - Duration::days(20),
        due_at: now() - Duration::hours(3),
        summary: "bag".into(),
    }];
    p.traveller.birth_date = NaiveDate::from_ymd_opt(1980, 12, 9);
    p.traveller.standing.tier_valid_until = Some(today() + Duration::days(20));
    let keep = TierKeep {
        flights_needed: 3,
        miles_needed: 4200,
    };
    let found = prompts_of(&p, &[], Some(keep));
    let kinds: Vec<&str> = found
        .iter()
        .map(|p| match p {
            Prompt::Recovery { .. } => "recovery",
            Prompt::ComplaintDue { .. } => "complaint",
            Prompt::Birthday { .. } => "birthday",
            Prompt::TierExpiring { .. } => "tier",
            Prompt::UsualTrip { .. } => "trip",
            Prompt::VipAwaiting { .. } | Prompt::FollowUpDue { .. } => "pending",
        })
        .collect();
    assert_eq!(kinds, ["recovery", "complaint", "birthday", "tier", "trip"]);
    let centre = CentreTime::default();
    let words: Vec<String> = found.iter().map(|p| p.text(&centre)).collect();
    assert!(
        words[0].contains("delayed 3h10") && words[0].contains("meals 80 CNY"),
        "{words:?}"
    );
    // Due 23:00 UTC on 6 Dec is 07:00 on 7 Dec in Beijing.
    assert!(words[1].contains("overdue since 07 Dec 07:00"), "{words:?}");
    assert_eq!(words[2], "birthday Wed 09 Dec");
    assert_eq!(
        words[3],
        "Gold ends 27 Dec · keep: 3 flights or 4,200 miles more"
    );
    assert!(words[4].starts_with("usually PEK→SHA on "), "{words:?}");
}

#[test]
fn a_birthday_is_raised_today_and_in_the_week_ahead_only() {
    for (born, expected) in [
        ((1980, 12, 7), Some(true)),
        ((1980, 12, 13), Some(false)),
        ((1980, 12, 14), None),
        ((1980, 12, 6), None),
    ] {
        let mut p = profile(vec![]);
        p.traveller.birth_date = NaiveDate::from_ymd_opt(born.0, born.1, born.2);
        let found = prompts_of(&p, &[], None);
        let birthday = found.iter().find_map(|p| match p {
            Prompt::Birthday { today, .. } => Some(*today),
            _ => None,
        });
        assert_eq!(birthday, expected, "born {born:?}");
    }
}

#[test]
fn a_tier_is_raised_from_thirty_days_before_it_ends() {
    for (tier, days_left, raised) in [
        (Tier::Gold, 30, true),
        (Tier::Gold, 0, true),
        (Tier::Gold, 31, false),
        (Tier::Gold, -1, false),
        (Tier::Basic, 10, false),
    ] {
        let mut p = profile(vec![]);
        p.traveller.tier = tier;
        p.traveller.standing.tier_valid_until = Some(today() + Duration::days(days_left));
        let found = prompts_of(&p, &[], None);
        let has = found
            .iter()
            .any(|p| matches!(p, Prompt::TierExpiring { .. }));
        assert_eq!(has, raised, "{tier:?} with {days_left} days left");
    }
}

#[test]
fn the_usual_trip_is_the_route_and_weekday_flown_most() {
    // 7 Dec 2026 is a Monday: 7, 14 and 21 days ago were Mondays too.
    let p = profile(vec![
        flight(1, 7, ("PEK", "SHA"), FlightStatus::Flown, 0),
        flight(2, 14, ("PEK", "SHA"), FlightStatus::Flown, 0),
        flight(3, 18, ("PEK", "SHA"), FlightStatus::Flown, 0),
        flight(4, 21, ("PEK", "SHA"), FlightStatus::Flown, 0),
        flight(5, 3, ("PEK", "CAN"), FlightStatus::Flown, 0),
        flight(6, 10, ("PEK", "CAN"), FlightStatus::Cancelled, 0),
    ]);
    let found = prompts_of(&p, &[], None);
    assert_eq!(
        found.last(),
        Some(&Prompt::UsualTrip {
            origin: "PEK".into(),
            destination: "SHA".into(),
            weekday: "Monday".into(),
            times: 4,
        })
    );
    let once = profile(vec![flight(1, 7, ("PEK", "SHA"), FlightStatus::Flown, 0)]);
    assert!(prompts_of(&once, &[], None).is_empty());
}
