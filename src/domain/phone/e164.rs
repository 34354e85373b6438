//! A number in E.164 form, made only by normalisation, so nothing
//! unnormalised can reach the store.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use super::{DefaultRegion, PhoneError, normalise};

/// `+` and up to 15 digits, as libphonenumber writes a valid number.
/// Serialised as the plain string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct E164(String);

impl E164 {
    /// Only `normalise` calls this, with libphonenumber's E.164 output.
    pub(super) fn from_parsed(e164: String) -> Self {
        Self(e164)
    }

    /// A string that must already be in E.164 form (`+8613800138000`):
    /// it is normalised, and refused unless that changes nothing.
    pub fn parse_exact(s: &str) -> Result<Self, PhoneError> {
        if !s.starts_with('+') {
            return Err(PhoneError::NotE164(s.chars().take(32).collect()));
        }
        let number = normalise(s, DefaultRegion::default())?;
        if number.as_str() == s {
            Ok(number)
        } else {
            Err(PhoneError::NotE164(s.chars().take(32).collect()))
        }
    }

    /// A number read back from the store, which only ever keeps numbers
    /// made by `normalise`; re-reading it would cost a parse per number
    /// on every screen pop, and would refuse a number that later rules no
    /// longer call valid (`skydesk phones recheck` finds those).
    pub(crate) fn from_stored(e164: String) -> Self {
        Self(e164)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for E164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::ops::Deref for E164 {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for E164 {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for E164 {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for E164 {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for E164 {
    fn eq(&self, other: &String) -> bool {
        self.0 == *other
    }
}

impl PartialEq<E164> for String {
    fn eq(&self, other: &E164) -> bool {
        *self == other.0
    }
}

impl From<E164> for String {
    fn from(number: E164) -> Self {
        number.0
    }
}

/// Whether `s` has the shape of an E.164 number: `+`, a first digit from 1
/// to 9, then up to 14 more digits.
fn has_e164_form(s: &str) -> bool {
    let Some(digits) = s.strip_prefix('+') else {
        return false;
    };
    (1..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

/// Reading JSON checks the form only. Every number on the wire was made
/// by the server's `normalise` (or read back from its store); checking it
/// again against the numbering rules would load their metadata (about
/// 11 MB resident) into every console, and would drop a whole call offer
/// whose traveller holds a number that later rules no longer call valid.
impl<'de> Deserialize<'de> for E164 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        if has_e164_form(&s) {
            Ok(Self(s))
        } else {
            Err(serde::de::Error::custom(PhoneError::NotE164(
                s.chars().take(32).collect(),
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_exact_e164_is_taken_as_is() {
        assert_eq!(
            E164::parse_exact("+8613800138000").map(|n| n.to_string()),
            Ok("+8613800138000".to_string())
        );
        for not_exact in [
            "8613800138000",
            "+86 138 0013 8000",
            "+86013800138000",
            "",
            "+",
        ] {
            assert!(E164::parse_exact(not_exact).is_err(), "{not_exact}");
        }
    }

    #[test]
    fn serde_is_the_plain_string_and_checks_it() {
        let number = E164::parse_exact("+447911123456").expect("valid");
        assert_eq!(
            serde_json::to_string(&number).ok().as_deref(),
            Some("\"+447911123456\"")
        );
        assert_eq!(
            serde_json::from_str::<E164>("\"+447911123456\"").ok(),
            Some(number)
        );
        for not_e164 in [
            "07911 123456",
            "+4479111234567890",
            "+44 7911 123456",
            "+0447911123456",
            "+",
            "",
            "+４４７９１１１２３４５６",
            "+44\u{202e}7911123456",
            "+447911\u{1b}[2J",
        ] {
            let json = serde_json::to_string(not_e164).expect("a JSON string");
            assert!(serde_json::from_str::<E164>(&json).is_err(), "{not_e164:?}");
        }
    }

    #[test]
    fn a_stored_number_that_later_rules_refuse_still_reads_from_json() {
        // +44 1632 96 is a range the numbering rules hold for drama, so
        // `normalise` refuses it; a store may still hold one from before.
        let json = "\"+441632960000\"";
        assert!(E164::parse_exact("+441632960000").is_err());
        assert_eq!(
            serde_json::from_str::<E164>(json)
                .ok()
                .map(E164::into_string),
            Some("+441632960000".to_string())
        );
    }
}
