use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Complaint, E164, Flight, Tier};

/// Individual, corporate-account or government-procurement traveller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Segment {
    Individual,
    Corporate { account: String },
    Government { level: u8 },
}

impl Segment {
    pub fn label(&self) -> String {
        match self {
            Segment::Individual => "individual".into(),
            Segment::Corporate { account } => format!("corporate · {account}"),
            Segment::Government { level } => format!("government V{level}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactNumber {
    /// Serialised as the plain string; deserialising checks it is E.164.
    pub e164: E164,
    pub label: String,
}

/// Where a traveller stands with the loyalty programme and their
/// employers: what their entitlements and the hotline's prompts follow.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Standing {
    /// A corporate account they travel for, whatever their segment (a
    /// government traveller may belong to one too).
    pub corporate_account: Option<String>,
    /// The last day of the tier as it stands.
    pub tier_valid_until: Option<NaiveDate>,
    /// Qualifying flights and miles flown so far this calendar year.
    pub qualifying_flights: i64,
    pub qualifying_miles: i64,
    /// Flights in the last 12 months, and the share of them in first or
    /// business (0–1): "two-cabin" is read from these.
    pub flights_12m: i64,
    pub premium_share: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Traveller {
    pub id: i64,
    pub ffp_number: String,
    pub family_name: String,
    pub given_name: String,
    pub native_name: Option<String>,
    pub tier: Tier,
    pub value_score: f64,
    pub miles_balance: i64,
    pub segment: Segment,
    pub email: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub phones: Vec<ContactNumber>,
    /// Date of the latest flight taken or booked; ranks shared numbers.
    pub last_flight: Option<NaiveDate>,
    /// Where they stand with the programme: what the VIP hotline reads.
    #[serde(default)]
    pub standing: Standing,
    /// Raised by every write that changes the traveller: a write sends
    /// the version it read (`If-Match`) and is refused when it is stale.
    #[serde(default)]
    pub version: i64,
}

impl Traveller {
    /// The text a chooser's filter matches: names in both scripts,
    /// frequent-flyer number, tier and segment.
    pub fn filter_text(&self) -> String {
        format!(
            "{} {} {} {} {}",
            self.latin_name(),
            self.native_name.as_deref().unwrap_or(""),
            self.ffp_number,
            self.tier.label(),
            self.segment.label()
        )
    }

    /// "ZHANG Wei" — family name first and upper-cased, as airlines print it.
    pub fn latin_name(&self) -> String {
        match (self.family_name.is_empty(), self.given_name.is_empty()) {
            (false, false) => format!("{} {}", self.family_name.to_uppercase(), self.given_name),
            (false, true) => self.family_name.to_uppercase(),
            _ => self.given_name.clone(),
        }
    }

    pub fn birthday_is_on(&self, today: NaiveDate) -> bool {
        self.birth_date
            .is_some_and(|b| b.month() == today.month() && b.day() == today.day())
    }
}

/// Everything the agent needs to see when this traveller calls.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallerProfile {
    pub traveller: Traveller,
    pub flights: Vec<Flight>,
    pub open_complaints: Vec<Complaint>,
    /// What to raise on the pop, most important first (worked out by the
    /// server).
    #[serde(default)]
    pub prompts: Vec<super::vip::prompts::Prompt>,
}

/// Several travellers can share a number (family, switchboard, assistant):
/// the most valuable and most recently active come first.
pub fn rank_matches(profiles: &mut [CallerProfile]) {
    profiles.sort_by(|a, b| {
        let (a, b) = (&a.traveller, &b.traveller);
        b.tier
            .cmp(&a.tier)
            .then(b.last_flight.cmp(&a.last_flight))
            .then(a.family_name.cmp(&b.family_name))
            .then(a.id.cmp(&b.id))
    });
}

#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;

    pub fn traveller(
        id: i64,
        family: &str,
        tier: Tier,
        last_flight: Option<NaiveDate>,
    ) -> Traveller {
        Traveller {
            standing: Default::default(),
            id,
            ffp_number: format!("CA{id:09}"),
            family_name: family.into(),
            given_name: "Wei".into(),
            native_name: None,
            tier,
            value_score: 50.0,
            miles_balance: 1000,
            segment: Segment::Individual,
            email: None,
            birth_date: None,
            phones: vec![],
            last_flight,
            version: 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::traveller;
    use super::*;

    fn date(d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2026, 11, d)
    }

    fn profile(t: Traveller) -> CallerProfile {
        CallerProfile {
            traveller: t,
            flights: vec![],
            open_complaints: vec![],
            prompts: Vec::new(),
        }
    }

    #[test]
    fn shared_numbers_rank_by_tier_then_recency() {
        let mut matches = vec![
            profile(traveller(1, "Li", Tier::Silver, date(20))),
            profile(traveller(2, "Wang", Tier::Gold, date(1))),
            profile(traveller(3, "Zhao", Tier::Silver, date(22))),
            profile(traveller(4, "Chen", Tier::Basic, None)),
        ];
        rank_matches(&mut matches);
        let order: Vec<i64> = matches.iter().map(|m| m.traveller.id).collect();
        assert_eq!(order, vec![2, 3, 1, 4]);
    }

    #[test]
    fn latin_name_puts_family_name_first() {
        let t = traveller(1, "Zhang", Tier::Gold, None);
        assert_eq!(t.latin_name(), "ZHANG Wei");
    }

    #[test]
    fn segment_labels() {
        assert_eq!(Segment::Government { level: 4 }.label(), "government V4");
        assert_eq!(
            Segment::Corporate {
                account: "Huawei".into()
            }
            .label(),
            "corporate · Huawei"
        );
    }
}
