//! What the search indexes hold for a traveller, and the rows it is made
//! from when the store (re-)indexes.

use chrono::NaiveDate;

use super::{
    StoreResult,
    rows::{date_from_sql, enum_from_sql},
};
use crate::domain::Tier;

/// What the search indexes hold for one traveller.
pub struct SearchEntry {
    pub id: i64,
    pub search_text: String,
    /// Name forms for prefix search, each with the rank it is found in.
    pub keys: Vec<(String, i64)>,
    pub email: Option<String>,
    /// The digits of every number, space-separated.
    pub phone_digits: String,
}

/// The parts of a traveller its search entry is made of.
pub struct Indexable<'a> {
    pub family_name: &'a str,
    pub given_name: &'a str,
    pub native_name: Option<&'a str>,
    pub email: Option<&'a str>,
    pub tier: Tier,
    pub last_flight: Option<NaiveDate>,
}

impl SearchEntry {
    pub fn new<'a>(
        id: i64,
        t: &Indexable<'_>,
        phones: impl IntoIterator<Item = &'a str>,
    ) -> SearchEntry {
        use crate::domain::name_forms::{NameForms, key_rank};
        let forms = NameForms::new(t.family_name, t.given_name, t.native_name);
        SearchEntry {
            id,
            search_text: forms.text(),
            keys: forms
                .keys
                .iter()
                .map(|k| (k.text.clone(), key_rank(k.preferred, t.tier, t.last_flight)))
                .collect(),
            email: t.email.map(str::to_lowercase),
            phone_digits: phones
                .into_iter()
                .map(|p| p.chars().filter(char::is_ascii_digit).collect::<String>())
                .collect::<Vec<_>>()
                .join(" "),
        }
    }

    pub fn of(t: &super::NewTraveller, id: i64, last_flight: Option<NaiveDate>) -> SearchEntry {
        SearchEntry::new(
            id,
            &Indexable {
                family_name: &t.family_name,
                given_name: &t.given_name,
                native_name: t.native_name.as_deref(),
                email: t.email.as_deref(),
                tier: t.tier,
                last_flight,
            },
            t.phones.iter().map(|p| p.e164.as_str()),
        )
    }
}

/// A traveller to (re-)index: what its search entry is made of.
#[derive(sqlx::FromRow)]
pub struct UnindexedRow {
    pub id: i64,
    pub family_name: String,
    pub given_name: String,
    pub native_name: Option<String>,
    pub email: Option<String>,
    tier: String,
    last_flight: Option<String>,
}

/// The columns of `UnindexedRow`.
pub const UNINDEXED_COLUMNS: &str =
    "id, family_name, given_name, native_name, email, tier, last_flight";

impl UnindexedRow {
    pub fn entry<'a>(&self, phones: impl IntoIterator<Item = &'a str>) -> StoreResult<SearchEntry> {
        let last_flight = self
            .last_flight
            .as_deref()
            .map(|d| date_from_sql("last_flight", d))
            .transpose()?;
        Ok(SearchEntry::new(
            self.id,
            &Indexable {
                family_name: &self.family_name,
                given_name: &self.given_name,
                native_name: self.native_name.as_deref(),
                email: self.email.as_deref(),
                tier: enum_from_sql("tier", &self.tier)?,
                last_flight,
            },
            phones,
        ))
    }
}
