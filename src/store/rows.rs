//! Row shapes and SQL shared by both backends. Both speak `$N` parameters,
//! 64-bit integers, doubles and text, so one mapping serves both.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate};
use serde::{Serialize, de::DeserializeOwned, de::IntoDeserializer};

use super::{StoreError, StoreResult};
use crate::domain::{
    CallerProfile, Complaint, ContactNumber, E164, Flight, Segment, Traveller, traveller::Standing,
    traveller::rank_matches,
};

pub const TRAVELLER_COLUMNS: &str = "t.id, t.ffp_number, t.family_name, t.given_name, t.native_name, \
     t.tier, COALESCE((SELECT v.value_score FROM traveller_values v WHERE v.traveller_id = t.id), 0.0) AS value_score, \
     t.miles_balance, t.segment, t.corporate_account, t.gov_level, \
     t.email, t.birth_date, t.last_flight, t.version, t.tier_valid_until, t.qualifying_flights, \
     t.qualifying_miles, t.flights_12m, t.premium_share";

#[derive(Clone, sqlx::FromRow)]
pub struct TravellerRow {
    id: i64,
    ffp_number: String,
    family_name: String,
    given_name: String,
    native_name: Option<String>,
    tier: String,
    value_score: f64,
    miles_balance: i64,
    segment: String,
    corporate_account: Option<String>,
    gov_level: Option<i64>,
    email: Option<String>,
    birth_date: Option<String>,
    last_flight: Option<String>,
    version: i64,
    tier_valid_until: Option<String>,
    qualifying_flights: i64,
    qualifying_miles: i64,
    flights_12m: i64,
    premium_share: f64,
}

#[derive(sqlx::FromRow)]
pub struct PhoneRow {
    traveller_id: i64,
    e164: String,
    label: String,
}

#[derive(sqlx::FromRow)]
pub struct FlightRow {
    id: i64,
    traveller_id: i64,
    departure_at: Option<i64>,
    flight_date: String,
    flight_no: String,
    origin: String,
    destination: String,
    cabin: String,
    status: String,
    delay_minutes: i64,
    pnr: String,
    complained: bool,
}

#[derive(sqlx::FromRow)]
pub struct ComplaintRow {
    id: i64,
    traveller_id: i64,
    category: String,
    status: String,
    opened_at: i64,
    due_at: i64,
    summary: String,
}

pub fn enum_to_sql<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

pub fn enum_from_sql<T: DeserializeOwned>(column: &str, value: &str) -> StoreResult<T> {
    let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
        value.into_deserializer();
    T::deserialize(de).map_err(|_| StoreError::Corrupt(format!("{column} = {value:?}")))
}

pub fn date_from_sql(column: &str, value: &str) -> StoreResult<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("{column} = {value:?}")))
}

pub(super) fn time_from_sql(column: &str, secs: i64) -> StoreResult<DateTime<chrono::Utc>> {
    DateTime::from_timestamp(secs, 0)
        .ok_or_else(|| StoreError::Corrupt(format!("{column} = {secs}")))
}

pub fn segment_to_sql(segment: &Segment) -> (&'static str, Option<String>, Option<i64>) {
    match segment {
        Segment::Individual => ("individual", None, None),
        Segment::Corporate { account } => ("corporate", Some(account.clone()), None),
        Segment::Government { level } => ("government", None, Some(i64::from(*level))),
    }
}

fn segment_from_sql(
    kind: &str,
    account: Option<String>,
    level: Option<i64>,
) -> StoreResult<Segment> {
    match kind {
        "individual" => Ok(Segment::Individual),
        "corporate" => Ok(Segment::Corporate {
            account: account.unwrap_or_default(),
        }),
        "government" => {
            let level = level
                .and_then(|l| u8::try_from(l).ok())
                .filter(|l| (1..=5).contains(l))
                .ok_or_else(|| StoreError::Corrupt(format!("gov_level = {level:?}")))?;
            Ok(Segment::Government { level })
        }
        other => Err(StoreError::Corrupt(format!("segment = {other:?}"))),
    }
}

impl TravellerRow {
    pub fn id(&self) -> i64 {
        self.id
    }

    pub(super) fn into_traveller(self) -> StoreResult<Traveller> {
        let standing = Standing {
            corporate_account: self.corporate_account.clone(),
            tier_valid_until: self
                .tier_valid_until
                .as_deref()
                .map(|d| date_from_sql("tier_valid_until", d))
                .transpose()?,
            qualifying_flights: self.qualifying_flights,
            qualifying_miles: self.qualifying_miles,
            flights_12m: self.flights_12m,
            premium_share: self.premium_share,
        };
        Ok(Traveller {
            standing,
            id: self.id,
            ffp_number: self.ffp_number,
            family_name: self.family_name,
            given_name: self.given_name,
            native_name: self.native_name,
            tier: enum_from_sql("tier", &self.tier)?,
            value_score: self.value_score,
            miles_balance: self.miles_balance,
            segment: segment_from_sql(&self.segment, self.corporate_account, self.gov_level)?,
            email: self.email,
            birth_date: self
                .birth_date
                .as_deref()
                .map(|d| date_from_sql("birth_date", d))
                .transpose()?,
            phones: Vec::new(),
            last_flight: self
                .last_flight
                .as_deref()
                .map(|d| date_from_sql("last_flight", d))
                .transpose()?,
            version: self.version,
        })
    }
}

impl PhoneRow {
    /// The traveller's id and the number.
    pub fn into_parts(self) -> (i64, String) {
        (self.traveller_id, self.e164)
    }
}

impl FlightRow {
    pub fn into_flight(self) -> StoreResult<Flight> {
        Ok(Flight {
            id: self.id,
            departure: self
                .departure_at
                .map(|at| time_from_sql("departure_at", at))
                .transpose()?,
            date: date_from_sql("flight_date", &self.flight_date)?,
            flight_no: self.flight_no,
            origin: self.origin,
            destination: self.destination,
            cabin: enum_from_sql("cabin", &self.cabin)?,
            status: enum_from_sql("status", &self.status)?,
            delay_minutes: i32::try_from(self.delay_minutes).unwrap_or(i32::MAX),
            pnr: self.pnr,
            complained: self.complained,
        })
    }
}

impl ComplaintRow {
    fn into_complaint(self) -> StoreResult<Complaint> {
        Ok(Complaint {
            id: self.id,
            category: self.category,
            status: enum_from_sql("status", &self.status)?,
            opened_at: time_from_sql("opened_at", self.opened_at)?,
            due_at: time_from_sql("due_at", self.due_at)?,
            summary: self.summary,
        })
    }
}

/// `$first, $first+1, …` for an IN list of `count` parameters.
pub fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Joins the four result sets into ranked profiles.
pub fn assemble_profiles(
    travellers: Vec<TravellerRow>,
    phones: Vec<PhoneRow>,
    flights: Vec<FlightRow>,
    complaints: Vec<ComplaintRow>,
) -> StoreResult<Vec<CallerProfile>> {
    let mut profiles = Vec::with_capacity(travellers.len());
    let mut index = HashMap::new();
    for row in travellers {
        index.insert(row.id, profiles.len());
        profiles.push(CallerProfile {
            traveller: row.into_traveller()?,
            flights: vec![],
            open_complaints: vec![],
            prompts: Vec::new(),
            entitlements: Vec::new(),
        });
    }
    for row in phones {
        if let Some(&i) = index.get(&row.traveller_id) {
            profiles[i].traveller.phones.push(ContactNumber {
                e164: E164::from_stored(row.e164),
                label: row.label,
            });
        }
    }
    for row in flights {
        if let Some(&i) = index.get(&row.traveller_id) {
            profiles[i].flights.push(row.into_flight()?);
        }
    }
    for row in complaints {
        if let Some(&i) = index.get(&row.traveller_id) {
            profiles[i].open_complaints.push(row.into_complaint()?);
        }
    }
    for p in &mut profiles {
        p.flights
            .sort_by(|a, b| b.date.cmp(&a.date).then(a.flight_no.cmp(&b.flight_no)));
        p.open_complaints.sort_by_key(|c| c.due_at);
    }
    rank_matches(&mut profiles);
    Ok(profiles)
}

/// Travellers with their numbers (no flights or complaints), in row order.
pub fn travellers_with_phones(
    travellers: Vec<TravellerRow>,
    phones: Vec<PhoneRow>,
) -> StoreResult<Vec<Traveller>> {
    let mut out = Vec::with_capacity(travellers.len());
    let mut index = HashMap::new();
    for row in travellers {
        index.insert(row.id, out.len());
        out.push(row.into_traveller()?);
    }
    for row in phones {
        if let Some(&i) = index.get(&row.traveller_id) {
            out[i].phones.push(ContactNumber {
                e164: E164::from_stored(row.e164),
                label: row.label,
            });
        }
    }
    Ok(out)
}

pub fn phones_sql(count: usize) -> String {
    format!(
        "SELECT traveller_id, e164, label FROM traveller_phones WHERE traveller_id IN ({}) ORDER BY traveller_id, label, e164",
        placeholders(1, count)
    )
}

/// Whether a complaint was logged about a flight (read through the
/// traveller's complaints, which are indexed and few).
pub const COMPLAINED: &str = "EXISTS (SELECT 1 FROM complaints c WHERE c.traveller_id = flights.traveller_id \
     AND c.flight_id = flights.id) AS complained";

/// Parameters: the ids, then the first and last date of the window.
pub fn flights_sql(count: usize) -> String {
    format!(
        "SELECT id, traveller_id, departure_at, flight_date, flight_no, origin, destination, cabin, status, delay_minutes, pnr, \
         {COMPLAINED} FROM flights WHERE traveller_id IN ({}) AND flight_date >= ${} AND flight_date <= ${}",
        placeholders(1, count),
        count + 1,
        count + 2
    )
}

pub fn open_complaints_sql(count: usize) -> String {
    format!(
        "SELECT id, traveller_id, category, status, opened_at, due_at, summary FROM complaints \
         WHERE traveller_id IN ({}) AND status NOT IN ('resolved', 'closed')",
        placeholders(1, count)
    )
}

/// Parameters: the three weights. Mirrors `domain::value::value_score`;
/// runs after `CLEAR_VALUES_SQL` in the same transaction.
pub const RECOMPUTE_VALUE_SQL: &str = "WITH ranked AS (SELECT id, \
    percent_rank() OVER (ORDER BY flights_12m) AS f, \
    percent_rank() OVER (ORDER BY miles_12m) AS m, \
    percent_rank() OVER (ORDER BY premium_share) AS c FROM travellers) \
    INSERT INTO traveller_values (traveller_id, value_score) \
    SELECT id, round(CAST(1000 * ($1 * f + $2 * m + $3 * c) AS NUMERIC)) / 10.0 FROM ranked";

/// Readers keep seeing the old scores until the new ones commit.
pub const CLEAR_VALUES_SQL: &str = "DELETE FROM traveller_values";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ComplaintStatus, Tier};

    #[test]
    fn enums_round_trip_through_text() {
        assert_eq!(enum_to_sql(&Tier::Platinum), "platinum");
        assert_eq!(enum_from_sql::<Tier>("tier", "gold").ok(), Some(Tier::Gold));
        assert_eq!(
            enum_to_sql(&ComplaintStatus::WaitingForCustomer),
            "waiting_for_customer"
        );
        assert!(enum_from_sql::<Tier>("tier", "emerald").is_err());
    }

    #[test]
    fn placeholders_number_from_the_given_start() {
        assert_eq!(placeholders(1, 3), "$1, $2, $3");
        assert_eq!(placeholders(4, 1), "$4");
    }

    #[test]
    fn segments_round_trip() {
        for s in [
            Segment::Individual,
            Segment::Corporate {
                account: "ACME".into(),
            },
            Segment::Government { level: 5 },
        ] {
            let (kind, account, level) = segment_to_sql(&s);
            assert_eq!(segment_from_sql(kind, account, level).ok(), Some(s));
        }
        assert!(segment_from_sql("government", None, Some(9)).is_err());
    }
}
