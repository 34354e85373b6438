//! Deterministic, realistic demo data: the same count and day give the same
//! travellers. Names in Chinese and Latin script, numbers from six countries,
//! a tier mix with few platinums, corporate and government travellers,
//! shared numbers, flights with delays and cancellations, complaints.

use chrono::{Datelike, Duration, NaiveDate, TimeZone, Utc};
use rand::{Rng, SeedableRng, rngs::SmallRng};

use super::{NewComplaint, NewPhone, NewTraveller};
use crate::domain::{
    Cabin, ComplaintStatus, Flight, FlightStatus, Segment, Tier, casework::ComplaintSettings,
};

mod bulk;
mod copy_text;
mod entries;
mod load;
mod names;
mod numbers;
mod postgres;
pub mod showcase;
mod sqlite;

pub use bulk::{BulkLoad, SeedBatch};
pub use load::seed;

use entries::EntryMaker;
use names::*;
use numbers::*;

fn pick<'a, T>(rng: &mut SmallRng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

fn tier(rng: &mut SmallRng) -> Tier {
    match rng.random_range(0..1000) {
        0..=29 => Tier::Platinum,
        30..=119 => Tier::Gold,
        120..=299 => Tier::Silver,
        _ => Tier::Basic,
    }
}

fn flight(rng: &mut SmallRng, today: NaiveDate, tier: Tier) -> Flight {
    let offset = rng.random_range(-90..=60);
    let date = today + Duration::days(offset);
    let origin = *pick(rng, AIRPORTS);
    let mut destination = *pick(rng, AIRPORTS);
    if destination == origin {
        destination = if origin == "PEK" { "PVG" } else { "PEK" };
    }
    let premium_odds = match tier {
        Tier::Platinum => 70,
        Tier::Gold => 35,
        Tier::Silver => 15,
        Tier::Basic => 4,
    };
    let roll = rng.random_range(0..100);
    let cabin = if roll < premium_odds / 4 {
        Cabin::First
    } else if roll < premium_odds {
        Cabin::Business
    } else if roll < premium_odds + 8 {
        Cabin::PremiumEconomy
    } else {
        Cabin::Economy
    };
    let (status, delay_minutes) = if offset > 1 {
        (FlightStatus::Scheduled, 0)
    } else {
        match rng.random_range(0..100) {
            0 => (FlightStatus::Cancelled, 0),
            1..=2 => (FlightStatus::Delayed, rng.random_range(240..600)),
            3..=9 => (FlightStatus::Delayed, rng.random_range(120..240)),
            10..=24 => (FlightStatus::Delayed, rng.random_range(15..120)),
            _ if offset >= 0 => (FlightStatus::OnTime, rng.random_range(0..15)),
            _ => (FlightStatus::Flown, rng.random_range(0..15)),
        }
    };
    let status = if offset < 0 && status == FlightStatus::Delayed {
        FlightStatus::Flown
    } else {
        status
    };
    const PNR_CHARS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let pnr: String = (0..6).map(|_| char::from(*pick(rng, PNR_CHARS))).collect();
    let flight_no = format!("CA{}", rng.random_range(101..1999));
    Flight {
        complained: false,
        id: 0,
        departure: Some(departure_of(date, &flight_no)),
        date,
        flight_no,
        origin: origin.into(),
        destination: destination.into(),
        cabin,
        status,
        delay_minutes,
        pnr,
    }
}

/// A flight's scheduled departure: a time of day read from its number, so
/// the rest of the seed draws the same travellers as before departures
/// were kept (08:00 to 22:55 in Beijing, 00:00 to 14:55 UTC).
pub fn departure_of(date: NaiveDate, flight_no: &str) -> chrono::DateTime<Utc> {
    let n: u32 = flight_no.bytes().map(u32::from).sum();
    let time = chrono::NaiveTime::from_hms_opt(n % 15, (n / 15 % 12) * 5, 0).unwrap_or_default();
    Utc.from_utc_datetime(&date.and_time(time))
}

/// The standing of traveller `id` with the programme: when their tier ends
/// and what they have flown this year. Drawn apart from the rest so the
/// travellers seeded before it was kept stay the same.
fn standing(
    id: i64,
    today: NaiveDate,
    tier: Tier,
    flights_12m: i64,
    miles_12m: i64,
) -> (Option<NaiveDate>, i64, i64) {
    let mut rng = SmallRng::seed_from_u64(0x57a4_d000 ^ id as u64);
    let share_of_year = f64::from(today.ordinal()) / 365.0;
    let flights = (flights_12m as f64 * share_of_year * rng.random_range(0.6..1.2)).round() as i64;
    let miles = (miles_12m as f64 * share_of_year * rng.random_range(0.6..1.2)).round() as i64;
    let valid_until = (tier != Tier::Basic).then(|| {
        // The end of a month from this one to 18 months on.
        let months = rng.random_range(0..18);
        let first = today.with_day(1).unwrap_or(today);
        let next = first
            .checked_add_months(chrono::Months::new(months + 1))
            .unwrap_or(first);
        next.pred_opt().unwrap_or(next)
    });
    (valid_until, flights, miles)
}

/// The numbers of each demo traveller, by id: what the simulator rings
/// with, given to it so that it needs no store.
pub fn demo_numbers()
-> std::sync::Arc<dyn Fn(i64) -> Vec<crate::domain::ContactNumber> + Send + Sync> {
    std::sync::Arc::new(|id| {
        traveller(id, Utc::now().date_naive())
            .phones
            .into_iter()
            .map(|p| crate::domain::ContactNumber {
                e164: p.e164,
                label: p.label,
            })
            .collect()
    })
}

/// Traveller number `id` (1-based) of the demo data set, as of `today`,
/// with complaints due by the default targets.
pub fn traveller(id: i64, today: NaiveDate) -> NewTraveller {
    traveller_for(id, today, &ComplaintSettings::default())
}

/// Traveller number `id`, with complaints in the centre's `categories` and
/// due by their targets.
pub fn traveller_for(id: i64, today: NaiveDate, categories: &ComplaintSettings) -> NewTraveller {
    if let Some(shown_first) = showcase::traveller(id, today, categories) {
        return shown_first;
    }
    let mut rng = SmallRng::seed_from_u64(0x5eed_0000 ^ id as u64);
    let tier = tier(&mut rng);
    let chinese = rng.random_range(0..100) < 65;
    let (family_name, given_name, native_name) = if chinese {
        let (fam, fam_native) = *pick(&mut rng, CN_FAMILY);
        let (given, given_native) = *pick(&mut rng, CN_GIVEN);
        (
            fam.to_string(),
            given.to_string(),
            Some(format!("{fam_native}{given_native}")),
        )
    } else {
        (
            pick(&mut rng, LATIN_FAMILY).to_string(),
            pick(&mut rng, LATIN_GIVEN).to_string(),
            None,
        )
    };
    let segment = match rng.random_range(0..100) {
        0..=14 => Segment::Corporate {
            account: pick(&mut rng, ACCOUNTS).to_string(),
        },
        15..=19 => Segment::Government {
            level: match rng.random_range(0..20) {
                0..=7 => 1,
                8..=12 => 2,
                13..=16 => 3,
                17..=18 => 4,
                _ => 5,
            },
        },
        _ => Segment::Individual,
    };
    let home = if chinese {
        *pick(
            &mut rng,
            &[
                Country::Cn,
                Country::Cn,
                Country::Cn,
                Country::Cn,
                Country::Hk,
                Country::Sg,
            ],
        )
    } else {
        *pick(
            &mut rng,
            &[
                Country::Gb,
                Country::Us,
                Country::De,
                Country::Sg,
                Country::Hk,
            ],
        )
    };
    let mut phones: Vec<NewPhone> = phone(&mut rng, home, "mobile")
        .or_else(|| phone(&mut rng, Country::Cn, "mobile"))
        .into_iter()
        .collect();
    if rng.random_range(0..100) < 20 {
        let country = *pick(
            &mut rng,
            &[
                Country::Cn,
                Country::Hk,
                Country::Sg,
                Country::Gb,
                Country::Us,
                Country::De,
            ],
        );
        phones.extend(phone(&mut rng, country, "second mobile"));
    }
    // Every 25th traveller shares a home number with the next one: a family.
    let family_home = |n: i64| format!("+8621{:08}", 50_000_000 + n);
    if id % 25 == 0 {
        phones.extend(stored(family_home(id), "home"));
    } else if id % 25 == 1 && id > 1 {
        phones.extend(stored(family_home(id - 1), "home"));
    }
    if let Segment::Corporate { account } = &segment {
        let index = ACCOUNTS.iter().position(|a| a == account).unwrap_or(0);
        phones.extend(stored(switchboard(index), "office"));
    }
    // V4 and V5 travellers book through an assistant whose line serves several.
    if let Segment::Government { level: 4..=5 } = segment {
        phones.extend(stored(
            format!("+8610{:08}", 66_000_000 + id % 7),
            "assistant",
        ));
    }

    let flight_count = match tier {
        Tier::Platinum => rng.random_range(3..=8),
        Tier::Gold => rng.random_range(2..=6),
        Tier::Silver => rng.random_range(1..=4),
        Tier::Basic => rng.random_range(0..=2),
    };
    let mut flights: Vec<Flight> = (0..flight_count)
        .map(|_| flight(&mut rng, today, tier))
        .collect();
    flights.sort_by_key(|f| f.date);
    let premium = flights
        .iter()
        .filter(|f| f.cabin >= Cabin::Business)
        .count();
    let flights_12m = i64::from(flight_count) * 3 + rng.random_range(0..4);
    let premium_share = if flights.is_empty() {
        0.0
    } else {
        premium as f64 / flights.len() as f64
    };

    let mut complaints = Vec::new();
    if rng.random_range(0..100) < 6 {
        let category = pick(&mut rng, &categories.categories).code.clone();
        let opened_at = Utc.from_utc_datetime(&today.and_hms_opt(9, 0, 0).unwrap_or_default())
            - Duration::hours(rng.random_range(2..24 * 60));
        let status = *pick(
            &mut rng,
            &[
                ComplaintStatus::Open,
                ComplaintStatus::InProgress,
                ComplaintStatus::WaitingForCustomer,
                ComplaintStatus::Resolved,
                ComplaintStatus::Closed,
                ComplaintStatus::Closed,
            ],
        );
        complaints.push(NewComplaint {
            due_at: categories.resolve_by(&category, opened_at),
            category,
            status,
            opened_at,
            summary: pick(&mut rng, COMPLAINT_SUMMARIES).to_string(),
        });
    }
    let birth_date = NaiveDate::from_ymd_opt(
        rng.random_range(1950..2006),
        rng.random_range(1..=12),
        rng.random_range(1..=28),
    );
    let email = Some(format!(
        "{}.{}{}@example.com",
        given_name.to_lowercase().replace(' ', ""),
        family_name.to_lowercase().replace(['\'', ' '], ""),
        id
    ));
    // Drawn in the order the travellers were first seeded in.
    let miles_balance = rng.random_range(0..20_000) * (1 + tier as i64 * 4);
    let miles_12m = flights_12m * rng.random_range(600..2500);
    let (tier_valid_until, qualifying_flights, qualifying_miles) =
        standing(id, today, tier, flights_12m, miles_12m);
    NewTraveller {
        id,
        ffp_number: format!("CA{id:09}"),
        family_name,
        given_name,
        native_name,
        tier,
        miles_balance,
        segment,
        email,
        birth_date,
        phones,
        flights_12m,
        miles_12m,
        premium_share,
        tier_valid_until,
        qualifying_flights,
        qualifying_miles,
        flights,
        complaints,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default()
    }

    #[test]
    fn generated_numbers_are_valid_and_already_normalised() {
        for id in 1..=10_000 {
            let phones = traveller(id, today()).phones;
            assert!(!phones.is_empty(), "traveller {id} has no number");
            for p in phones {
                assert_eq!(
                    p.dialled.as_deref(),
                    Some(p.e164.as_str()),
                    "traveller {id}"
                );
            }
        }
    }

    #[test]
    fn the_same_id_gives_the_same_traveller() {
        assert_eq!(traveller(42, today()), traveller(42, today()));
        assert_ne!(
            traveller(42, today()).ffp_number,
            traveller(43, today()).ffp_number
        );
    }

    #[test]
    fn the_mix_is_realistic() {
        let all: Vec<_> = (1..=5000).map(|id| traveller(id, today())).collect();
        let count = |f: &dyn Fn(&NewTraveller) -> bool| all.iter().filter(|t| f(t)).count();
        let platinum = count(&|t| t.tier == Tier::Platinum);
        assert!(
            (50..300).contains(&platinum),
            "{platinum} platinums in 5000"
        );
        assert!(count(&|t| t.native_name.is_some()) > 2500);
        assert!(count(&|t| matches!(t.segment, Segment::Government { .. })) > 100);
        assert!(
            count(&|t| t
                .flights
                .iter()
                .any(|f| f.status == FlightStatus::Cancelled))
                > 0
        );
        assert!(count(&|t| t.flights.iter().any(|f| f.delay_minutes >= 240)) > 0);
        assert!(count(&|t| !t.complaints.is_empty()) > 100);
        assert!(count(&|t| t.phones.iter().any(|p| p.label == "home")) > 100);
    }
}
