//! Picking one of the traveller's flights by what is typed (flight
//! number, route, date, booking), best match first, or none at all.

use crate::domain::{Flight, fuzzy::Fuzzy};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct FlightPicker {
    /// `None` until the traveller's flights arrive.
    pub flights: Option<Vec<Flight>>,
    /// Why they could not be loaded.
    pub error: Option<String>,
    pub filter: String,
    /// Indices into `flights`, best match first.
    pub shown: Vec<usize>,
    /// 0 is no flight; `n` is `shown[n - 1]`.
    pub at: usize,
    /// The flight to choose once the list arrives (a draft taken back).
    wanted: Option<i64>,
}

/// How a flight reads in a picker or a history line.
pub fn flight_label(f: &Flight) -> String {
    format!("{} ({})", flight_words(f), f.pnr)
}

/// A flight in words: date, number, route, status and any delay.
pub fn flight_words(f: &Flight) -> String {
    let delay = if f.delay_minutes > 0 {
        format!(
            " +{}",
            crate::domain::durations::format_delay(f.delay_minutes)
        )
    } else {
        String::new()
    };
    format!(
        "{} {} {}→{} {}{delay}",
        f.date.format("%Y-%m-%d"),
        f.flight_no,
        f.origin,
        f.destination,
        f.status.label()
    )
}

impl FlightPicker {
    /// The traveller's flights arrived, or could not be loaded.
    pub fn loaded(&mut self, result: Result<Vec<Flight>, String>, fuzzy: &Fuzzy) {
        match result {
            Ok(flights) => {
                self.flights = Some(flights);
                self.error = None;
                self.refilter(fuzzy);
                if let Some(id) = self.wanted.take() {
                    self.choose(id);
                }
            }
            Err(error) => self.error = Some(error),
        }
    }

    /// Chooses the flight `id` now, or when the list arrives.
    pub fn choose(&mut self, id: i64) {
        let Some(flights) = &self.flights else {
            self.wanted = Some(id);
            return;
        };
        self.filter.clear();
        self.shown = (0..flights.len()).collect();
        self.at = flights.iter().position(|f| f.id == id).map_or(0, |i| i + 1);
    }

    pub fn chosen(&self) -> Option<&Flight> {
        let i = self.shown.get(self.at.checked_sub(1)?)?;
        self.flights.as_ref()?.get(*i)
    }

    /// The chosen flight's id, or the one waiting for the list.
    pub fn chosen_id(&self) -> Option<i64> {
        self.chosen().map(|f| f.id).or(self.wanted)
    }

    /// The flights in the order shown, the chosen one marked.
    pub fn rows(&self) -> impl Iterator<Item = (bool, &Flight)> {
        let flights = self.flights.as_deref().unwrap_or_default();
        self.shown
            .iter()
            .enumerate()
            .filter_map(move |(n, i)| Some((n + 1 == self.at, flights.get(*i)?)))
    }

    /// Filters by `filter` as typed; the best match is chosen, or none
    /// when nothing is typed.
    pub fn refilter(&mut self, fuzzy: &Fuzzy) {
        let Some(flights) = &self.flights else {
            return;
        };
        let mut scored: Vec<(i64, usize)> = flights
            .iter()
            .enumerate()
            .filter_map(|(i, f)| fuzzy.score(&flight_label(f), &self.filter).map(|s| (s, i)))
            .collect();
        if !self.filter.is_empty() {
            scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        }
        self.shown = scored.into_iter().map(|(_, i)| i).collect();
        self.at = usize::from(!self.filter.is_empty() && !self.shown.is_empty());
    }

    /// Moves the choice (none, then each flight shown).
    pub fn step(&mut self, forward: bool) -> bool {
        crate::console::selection::step(&mut self.at, self.shown.len() + 1, forward)
    }

    pub fn type_text(&mut self, text: &str, fuzzy: &Fuzzy) -> bool {
        let room = FILTER_MAX.saturating_sub(self.filter.chars().count());
        let before = self.filter.len();
        self.filter
            .extend(text.chars().filter(|c| !c.is_control()).take(room));
        self.refilter(fuzzy);
        self.filter.len() != before
    }

    pub fn delete_backward(&mut self, fuzzy: &Fuzzy) -> bool {
        let gone = self.filter.pop().is_some();
        self.refilter(fuzzy);
        gone
    }
}

/// Longest filter: a flight number, a route or a date is much shorter.
const FILTER_MAX: usize = 32;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Cabin, Flight, FlightStatus};

    fn flight(id: i64, no: &str, day: u32, status: FlightStatus) -> Flight {
        Flight {
            complained: false,
            departure: None,
            id,
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, day).expect("date"),
            flight_no: no.into(),
            origin: "PEK".into(),
            destination: "SHA".into(),
            cabin: Cabin::Economy,
            status,
            delay_minutes: if status == FlightStatus::Delayed {
                265
            } else {
                0
            },
            pnr: "K7Q2MX".into(),
        }
    }

    fn picker() -> FlightPicker {
        let mut p = FlightPicker::default();
        p.loaded(
            Ok(vec![
                flight(31, "CA937", 30, FlightStatus::Scheduled),
                flight(32, "CA1501", 24, FlightStatus::Delayed),
                flight(33, "CA1858", 4, FlightStatus::Flown),
            ]),
            &Fuzzy::default(),
        );
        p
    }

    #[test]
    fn none_until_something_is_typed_or_stepped_to() {
        let fuzzy = Fuzzy::default();
        let mut p = picker();
        assert_eq!(p.chosen_id(), None);
        p.type_text("1501", &fuzzy);
        assert_eq!(p.chosen_id(), Some(32), "the best match is chosen");
        p.delete_backward(&fuzzy);
        p.delete_backward(&fuzzy);
        p.delete_backward(&fuzzy);
        p.delete_backward(&fuzzy);
        assert_eq!(p.chosen_id(), None, "nothing typed, no flight");
        p.step(true);
        p.step(true);
        assert_eq!(p.chosen_id(), Some(32));
        p.step(false);
        p.step(false);
        assert_eq!(p.chosen_id(), None);
        p.type_text("nothing like it", &fuzzy);
        assert_eq!(p.chosen_id(), None);
    }

    #[test]
    fn a_flight_wanted_before_the_list_arrives_is_chosen_with_it() {
        let mut p = FlightPicker::default();
        p.choose(33);
        assert_eq!(p.chosen_id(), Some(33));
        p.loaded(Ok(picker().flights.unwrap_or_default()), &Fuzzy::default());
        assert_eq!(p.chosen().map(|f| f.id), Some(33));
        assert!(flight_label(p.chosen().expect("chosen")).contains("CA1858"));
        assert!(flight_label(&flight(1, "CA1", 1, FlightStatus::Delayed)).contains("+4h25"));
    }
}
