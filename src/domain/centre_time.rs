//! The centre's time zone: every "today" and every time a person reads is
//! the centre's, while stored timestamps stay UTC.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// The zone named by the `time_zone` setting (IANA, e.g. `Asia/Shanghai`).
/// A zone rather than an offset, so a centre with daylight saving keeps its
/// midnight through the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CentreTime(Tz);

/// A zone name the time-zone database does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown time zone {0:?}: use an IANA name such as Asia/Shanghai, Europe/London or America/New_York"
)]
pub struct UnknownZone(pub String);

impl Default for CentreTime {
    fn default() -> Self {
        Self(chrono_tz::Asia::Shanghai)
    }
}

impl CentreTime {
    /// Coordinated universal time: a client's zone until a server names
    /// the centre's.
    pub const UTC: CentreTime = CentreTime(chrono_tz::UTC);

    /// The zone called `name`; the message of an unknown one quotes at most
    /// 40 characters of it, escaped.
    pub fn parse(name: &str) -> Result<Self, UnknownZone> {
        name.parse::<Tz>()
            .map(Self)
            .map_err(|_| UnknownZone(name.chars().take(40).collect()))
    }

    /// The IANA name, as the settings and the API spell it.
    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// `at` on the centre's clocks.
    pub fn local(&self, at: DateTime<Utc>) -> DateTime<Tz> {
        at.with_timezone(&self.0)
    }

    /// The centre's date at `at`: what "today" means.
    pub fn date(&self, at: DateTime<Utc>) -> NaiveDate {
        self.local(at).date_naive()
    }

    /// A time read on the centre's clocks, as UTC; `None` for one the
    /// clocks skip. Of a time they pass twice, the first.
    pub fn utc_of(&self, local: chrono::NaiveDateTime) -> Option<DateTime<Utc>> {
        self.0
            .from_local_datetime(&local)
            .earliest()
            .map(|at| at.with_timezone(&Utc))
    }

    /// The centre's last midnight at or before `at`. On a day whose
    /// midnight a daylight-saving change skips, the day starts when the
    /// clocks jump.
    pub fn day_start(&self, at: DateTime<Utc>) -> DateTime<Utc> {
        let midnight = self.date(at).and_time(NaiveTime::MIN);
        match self.0.from_local_datetime(&midnight).earliest() {
            Some(start) => start.with_timezone(&Utc),
            None => {
                // Midnight read with the offset before the jump is the
                // instant of the jump.
                let before = self
                    .0
                    .offset_from_utc_datetime(&(midnight - Duration::days(1)));
                let offset = chrono::Offset::fix(&before);
                (midnight - Duration::seconds(i64::from(offset.local_minus_utc()))).and_utc()
            }
        }
    }
}

#[cfg(test)]
mod tests;
