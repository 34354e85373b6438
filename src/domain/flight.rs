pub use super::durations::format_delay;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cabin {
    Economy,
    PremiumEconomy,
    Business,
    First,
}

impl Cabin {
    pub fn label(self) -> &'static str {
        match self {
            Cabin::First => "first",
            Cabin::Business => "business",
            Cabin::PremiumEconomy => "premium economy",
            Cabin::Economy => "economy",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Cabin::First => "F",
            Cabin::Business => "J",
            Cabin::PremiumEconomy => "W",
            Cabin::Economy => "Y",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlightStatus {
    Scheduled,
    OnTime,
    Delayed,
    Cancelled,
    Flown,
}

impl FlightStatus {
    pub fn label(self) -> &'static str {
        match self {
            FlightStatus::Scheduled => "scheduled",
            FlightStatus::OnTime => "on time",
            FlightStatus::Delayed => "delayed",
            FlightStatus::Cancelled => "cancelled",
            FlightStatus::Flown => "flown",
        }
    }
}

/// One traveller's segment on one flight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flight {
    /// The id a note, a complaint or a VIP request points at it by.
    #[serde(default)]
    pub id: i64,
    /// The day of departure, in the departure airport's calendar.
    pub date: NaiveDate,
    /// The scheduled departure (UTC; shown in the centre's time zone).
    /// Older records may lack it.
    #[serde(default)]
    pub departure: Option<DateTime<Utc>>,
    pub flight_no: String,
    pub origin: String,
    pub destination: String,
    pub cabin: Cabin,
    pub status: FlightStatus,
    pub delay_minutes: i32,
    pub pnr: String,
    /// A complaint (open or not) was logged about this flight: a
    /// disruption without one is a silent complaint to raise.
    #[serde(default)]
    pub complained: bool,
}

impl Flight {
    /// A delay worth mentioning to the caller (service recovery starts at 2 h).
    pub fn is_disrupted(&self) -> bool {
        self.status == FlightStatus::Cancelled || self.delay_minutes >= 120
    }
}
