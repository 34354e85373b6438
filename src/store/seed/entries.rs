//! Search entries for demo travellers. The demo data draws its names from
//! short lists, so the forms of each distinct name are worked out once and
//! only their ranks (tier, last flight) per traveller.

use std::collections::HashMap;

use crate::domain::name_forms::{NameForms, key_rank};
use crate::store::{NewTraveller, search_entry::SearchEntry};

/// A name's forms as `(text, preferred)`, and its line for substring search.
struct Forms {
    keys: Vec<(String, bool)>,
    text: String,
}

/// Name forms by (family, given, native) name.
#[derive(Default)]
pub(super) struct EntryMaker {
    forms: HashMap<(String, String, Option<String>), Forms>,
}

impl EntryMaker {
    /// The same entry as `SearchEntry::of(t, t.id, t.last_flight())`.
    pub(super) fn entry(&mut self, t: &NewTraveller) -> SearchEntry {
        let name = (
            t.family_name.clone(),
            t.given_name.clone(),
            t.native_name.clone(),
        );
        let forms = self.forms.entry(name).or_insert_with(|| {
            let forms = NameForms::new(&t.family_name, &t.given_name, t.native_name.as_deref());
            Forms {
                text: forms.text(),
                keys: forms
                    .keys
                    .into_iter()
                    .map(|k| (k.text, k.preferred))
                    .collect(),
            }
        });
        let last_flight = t.last_flight();
        let mut phone_digits = String::new();
        for p in &t.phones {
            if !phone_digits.is_empty() {
                phone_digits.push(' ');
            }
            phone_digits.extend(p.e164.chars().filter(char::is_ascii_digit));
        }
        SearchEntry {
            id: t.id,
            search_text: forms.text.clone(),
            keys: forms
                .keys
                .iter()
                .map(|(text, preferred)| (text.clone(), key_rank(*preferred, t.tier, last_flight)))
                .collect(),
            email: t.email.as_deref().map(str::to_lowercase),
            phone_digits,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_those_the_store_makes() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default();
        let mut maker = EntryMaker::default();
        for id in 1..=3000 {
            let t = super::super::traveller(id, today);
            let made = maker.entry(&t);
            let expected = SearchEntry::of(&t, t.id, t.last_flight());
            assert_eq!(made.id, expected.id);
            assert_eq!(made.search_text, expected.search_text, "traveller {id}");
            assert_eq!(made.keys, expected.keys, "traveller {id}");
            assert_eq!(made.email, expected.email, "traveller {id}");
            assert_eq!(made.phone_digits, expected.phone_digits, "traveller {id}");
        }
        assert!(maker.forms.len() < 3000, "names are shared");
    }
}
