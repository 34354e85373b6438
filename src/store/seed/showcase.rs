//! The demo's first callers, who show what skydesk is for: a platinum
//! government traveller on the VIP line whose flight today is delayed and
//! whose complaint is still open, then a family sharing a home number.
//! They are demo travellers 1 to 4, dated from `today` like the rest.

use chrono::{Duration, NaiveDate, TimeZone, Utc};

use super::{NewComplaint, NewTraveller, numbers::stored};
use crate::domain::{
    Cabin, ComplaintCategory, ComplaintStatus, Flight, FlightStatus, Segment, Tier,
    casework::ComplaintSettings,
};

/// The VIP's mobile: the first demo call comes from it.
pub const VIP_MOBILE: &str = "+8618912345678";
/// The Chen family's home line, shared by travellers 2, 3 and 4.
pub const FAMILY_HOME: &str = "+862164000001";
/// A valid number no demo traveller has: the unknown caller.
pub const UNKNOWN_CALLER: &str = "+8618812340000";
/// How many demo travellers are the showcase's.
pub const SHOWCASE_TRAVELLERS: i64 = 4;

fn flight(
    date: NaiveDate,
    flight_no: &str,
    route: (&str, &str),
    cabin: Cabin,
    status: FlightStatus,
    delay_minutes: i32,
    pnr: &str,
) -> Flight {
    Flight {
        complained: false,
        id: 0,
        departure: Some(super::departure_of(date, flight_no)),
        date,
        flight_no: flight_no.into(),
        origin: route.0.into(),
        destination: route.1.into(),
        cabin,
        status,
        delay_minutes,
        pnr: pnr.into(),
    }
}

fn person(
    id: i64,
    (family, given, native): (&str, &str, &str),
    tier: Tier,
    segment: Segment,
    numbers: &[(&str, &str)],
) -> NewTraveller {
    NewTraveller {
        id,
        ffp_number: format!("CA{id:09}"),
        family_name: family.into(),
        given_name: given.into(),
        native_name: Some(native.into()),
        tier,
        miles_balance: 50_000 * (1 + tier as i64),
        segment,
        email: Some(format!(
            "{}.{}{id}@example.com",
            given.to_lowercase(),
            family.to_lowercase()
        )),
        birth_date: NaiveDate::from_ymd_opt(1968 + id as i32 * 7, 3, 12),
        phones: numbers
            .iter()
            .filter_map(|(number, label)| stored((*number).into(), label))
            .collect(),
        flights_12m: 4,
        miles_12m: 8_000,
        premium_share: 0.2,
        tier_valid_until: None,
        qualifying_flights: 0,
        qualifying_miles: 0,
        flights: Vec::new(),
        complaints: Vec::new(),
    }
}

/// Demo traveller `id` when it is one of the showcase's.
pub fn traveller(
    id: i64,
    today: NaiveDate,
    categories: &ComplaintSettings,
) -> Option<NewTraveller> {
    let day = |n: i64| today + Duration::days(n);
    let mut t = match id {
        1 => {
            let mut vip = person(
                1,
                ("Wang", "Jianguo", "王建国"),
                Tier::Platinum,
                Segment::Government { level: 4 },
                &[(VIP_MOBILE, "mobile")],
            );
            vip.flights = vec![
                flight(
                    day(-6),
                    "CA1858",
                    ("PVG", "PEK"),
                    Cabin::Business,
                    FlightStatus::Flown,
                    0,
                    "K7M2QX",
                ),
                flight(
                    day(0),
                    "CA1501",
                    ("PEK", "SHA"),
                    Cabin::First,
                    FlightStatus::Delayed,
                    190,
                    "P4N8RT",
                ),
                flight(
                    day(12),
                    "CA937",
                    ("PEK", "LHR"),
                    Cabin::First,
                    FlightStatus::Scheduled,
                    0,
                    "W2H6JD",
                ),
            ];
            vip.flights_12m = 46;
            // Platinum ends in three weeks, a few flights short of keeping it.
            vip.tier_valid_until = Some(day(21));
            vip.qualifying_flights = 41;
            vip.qualifying_miles = 88_000;
            vip.miles_12m = 98_000;
            vip.premium_share = 0.9;
            let opened = Utc.from_utc_datetime(&day(-2).and_hms_opt(8, 30, 0).unwrap_or_default());
            vip.complaints = vec![NewComplaint {
                category: ComplaintCategory::Baggage.code().into(),
                status: ComplaintStatus::InProgress,
                opened_at: opened,
                due_at: categories.resolve_by(ComplaintCategory::Baggage.code(), opened),
                summary: "Checked bag missing after CA1858 from Shanghai; a call back was promised"
                    .into(),
            }];
            vip
        }
        2 => person(
            2,
            ("Chen", "Ming", "陈明"),
            Tier::Gold,
            Segment::Corporate {
                account: "Tencent".into(),
            },
            &[("+8618912340002", "mobile"), (FAMILY_HOME, "home")],
        ),
        3 => person(
            3,
            ("Chen", "Li", "陈丽"),
            Tier::Silver,
            Segment::Individual,
            &[("+8618912340003", "mobile"), (FAMILY_HOME, "home")],
        ),
        4 => person(
            4,
            ("Chen", "Xiaoyu", "陈小雨"),
            Tier::Basic,
            Segment::Individual,
            &[(FAMILY_HOME, "home")],
        ),
        _ => return None,
    };
    if id > 1 {
        t.flights = vec![flight(
            day(3 + id),
            "CA1831",
            ("PEK", "SZX"),
            Cabin::Economy,
            FlightStatus::Scheduled,
            0,
            "F3C9LM",
        )];
    }
    Some(t)
}

/// The demo's first three calls, as (caller ID, called number): the VIP on
/// the VIP hotline, the family's home line and an unknown caller on the
/// general line (the first of `lines` of each kind).
pub fn opening_calls(lines: &crate::domain::LineDirectory) -> Vec<(String, String)> {
    use crate::domain::LineKind;
    let line = |kind: LineKind| {
        lines
            .lines
            .iter()
            .find(|l| l.kind == kind)
            .or(lines.lines.first())
            .map_or_else(String::new, |l| l.number.clone())
    };
    let (vip, general) = (line(LineKind::VipHotline), line(LineKind::General));
    vec![
        (VIP_MOBILE.into(), vip),
        (FAMILY_HOME.into(), general.clone()),
        (UNKNOWN_CALLER.into(), general),
    ]
}
