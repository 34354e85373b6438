//! Where a traveller's trips stand today: the last flight they flew and
//! the next one they are booked on. A flight's date alone does not say
//! which: a flight in January is "last flown" in November and "next" in
//! December of the year before.

use chrono::NaiveDate;

use super::{CallerProfile, Flight, FlightStatus};

/// The latest flight before today, or today's if it is flown; never a
/// cancelled one.
pub fn last_flown(flights: &[Flight], today: NaiveDate) -> Option<&Flight> {
    flights
        .iter()
        .filter(|f| f.status != FlightStatus::Cancelled)
        .filter(|f| f.date < today || (f.date == today && f.status == FlightStatus::Flown))
        .max_by_key(|f| f.date)
}

/// The earliest flight from today on that is still to fly.
pub fn next_flight(flights: &[Flight], today: NaiveDate) -> Option<&Flight> {
    flights
        .iter()
        .filter(|f| !matches!(f.status, FlightStatus::Cancelled | FlightStatus::Flown))
        .filter(|f| f.date >= today)
        .min_by_key(|f| f.date)
}

/// The dates the agent is told: last flown and next flight. Without
/// flights in the profile, the traveller's latest flight date is placed
/// on the side of today it falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TripDates {
    pub last_flown: Option<NaiveDate>,
    pub next_flight: Option<NaiveDate>,
}

impl TripDates {
    pub fn of(profile: &CallerProfile, today: NaiveDate) -> Self {
        if profile.flights.is_empty() {
            let latest = profile.traveller.last_flight;
            return Self {
                last_flown: latest.filter(|d| *d < today),
                next_flight: latest.filter(|d| *d >= today),
            };
        }
        Self {
            last_flown: last_flown(&profile.flights, today).map(|f| f.date),
            next_flight: next_flight(&profile.flights, today).map(|f| f.date),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Cabin, traveller::fixtures::traveller};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn flight(date: NaiveDate, status: FlightStatus) -> Flight {
        Flight {
            complained: false,
            id: 0,
            departure: None,
            date,
            flight_no: "CA1".into(),
            origin: "PEK".into(),
            destination: "SHA".into(),
            cabin: Cabin::Economy,
            status,
            delay_minutes: 0,
            pnr: "ABC123".into(),
        }
    }

    #[test]
    fn past_and_future_are_told_apart_by_today() {
        let flights = [
            flight(date(2027, 1, 10), FlightStatus::Scheduled),
            flight(date(2026, 11, 20), FlightStatus::Flown),
            flight(date(2026, 11, 22), FlightStatus::Cancelled),
            flight(date(2026, 12, 2), FlightStatus::Cancelled),
            flight(date(2026, 12, 5), FlightStatus::Scheduled),
        ];
        let today = date(2026, 11, 24);
        assert_eq!(
            last_flown(&flights, today).map(|f| f.date),
            Some(date(2026, 11, 20))
        );
        assert_eq!(
            next_flight(&flights, today).map(|f| f.date),
            Some(date(2026, 12, 5))
        );
        // In January the January flight is behind, and there is none ahead.
        let later = date(2027, 1, 20);
        let flown: Vec<Flight> = flights
            .iter()
            .cloned()
            .map(|mut f| {
                if f.status == FlightStatus::Scheduled {
                    f.status = FlightStatus::Flown;
                }
                f
            })
            .collect();
        assert_eq!(
            last_flown(&flown, later).map(|f| f.date),
            Some(date(2027, 1, 10))
        );
        assert_eq!(next_flight(&flown, later), None);
    }

    #[test]
    fn a_flight_today_is_next_until_it_is_flown() {
        let today = date(2026, 11, 24);
        let scheduled = [flight(today, FlightStatus::Delayed)];
        assert_eq!(next_flight(&scheduled, today).map(|f| f.date), Some(today));
        assert_eq!(last_flown(&scheduled, today), None);
        let flown = [flight(today, FlightStatus::Flown)];
        assert_eq!(last_flown(&flown, today).map(|f| f.date), Some(today));
        assert_eq!(next_flight(&flown, today), None);
    }

    #[test]
    fn without_flights_the_latest_date_falls_on_its_side_of_today() {
        let today = date(2026, 11, 24);
        let profile = |last| CallerProfile {
            traveller: traveller(1, "Li", crate::domain::Tier::Gold, last),
            flights: vec![],
            open_complaints: vec![],
            prompts: Vec::new(),
        };
        let ahead = TripDates::of(&profile(Some(date(2027, 1, 3))), today);
        assert_eq!(ahead.next_flight, Some(date(2027, 1, 3)));
        assert_eq!(ahead.last_flown, None);
        let behind = TripDates::of(&profile(Some(date(2026, 1, 3))), today);
        assert_eq!(behind.last_flown, Some(date(2026, 1, 3)));
        assert_eq!(behind.next_flight, None);
        assert_eq!(TripDates::of(&profile(None), today), TripDates::default());
    }
}
