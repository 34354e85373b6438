//! Caller-ID normalisation: every dialled form of a number becomes one E.164
//! string, on ingest and on lookup, so that any form finds the same traveller.

use phonenumber::{Mode, country};
use serde::{Deserialize, Serialize};

/// Longest raw caller ID we will even look at; real ones are under 40.
pub const MAX_RAW_LEN: usize = 64;
/// E.164 allows 15 digits; an international prefix such as `00` adds two.
const MAX_DIGITS: usize = 17;

/// Words PBXs put in the caller-ID field when the number is not presented.
const WITHHELD_WORDS: &[&str] = &[
    "anonymous",
    "withheld",
    "private",
    "restricted",
    "unknown",
    "unavailable",
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("the number is empty")]
    Empty,
    #[error("the number is too long ({0} characters, at most {MAX_RAW_LEN})")]
    TooLong(usize),
    #[error("the number has too many digits ({0}, at most {MAX_DIGITS})")]
    TooManyDigits(usize),
    #[error("the number contains characters that are not part of a phone number")]
    BadCharacters,
    #[error("the number could not be read as a phone number")]
    Unparseable,
    #[error("the number is not a valid phone number")]
    Invalid,
}

/// What a caller-ID field says about the caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "e164", rename_all = "snake_case")]
pub enum CallerId {
    Number(String),
    Withheld,
}

/// Region used for numbers dialled in national form; configurable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DefaultRegion(country::Id);

impl DefaultRegion {
    pub fn parse(code: &str) -> Option<Self> {
        code.trim().to_ascii_uppercase().parse().ok().map(Self)
    }
}

impl Default for DefaultRegion {
    fn default() -> Self {
        Self(country::Id::CN)
    }
}

/// Parses the metadata once; the first parse costs far more than the rest.
pub fn warm_up() {
    let _ = normalise("+8613800138000", DefaultRegion::default());
}

/// Reads a caller-ID field: a number, or one of the "withheld" words.
pub fn parse_caller_id(raw: &str, region: DefaultRegion) -> Result<CallerId, PhoneError> {
    let trimmed = raw.trim();
    if WITHHELD_WORDS
        .iter()
        .any(|w| trimmed.eq_ignore_ascii_case(w))
    {
        return Ok(CallerId::Withheld);
    }
    normalise(trimmed, region).map(CallerId::Number)
}

/// Turns any dialled form into E.164 (`+8613800138000`).
pub fn normalise(raw: &str, region: DefaultRegion) -> Result<String, PhoneError> {
    let char_count = raw.chars().count();
    if char_count > MAX_RAW_LEN {
        return Err(PhoneError::TooLong(char_count));
    }
    let folded = fold_width(raw);
    let body = strip_tel_uri(folded.trim());
    if body.is_empty() {
        return Err(PhoneError::Empty);
    }
    if !body.chars().all(is_dialling_char) {
        return Err(PhoneError::BadCharacters);
    }
    let digits = body.chars().filter(char::is_ascii_digit).count();
    if digits == 0 {
        return Err(PhoneError::Unparseable);
    }
    if digits > MAX_DIGITS {
        return Err(PhoneError::TooManyDigits(digits));
    }
    // Only the plus and the digits carry meaning; separators in odd places
    // (`+86138-0013-8000`) trip the parser.
    let plus = body.trim_start_matches(['(', ' ']).starts_with('+');
    let cleaned: String = plus
        .then_some('+')
        .into_iter()
        .chain(body.chars().filter(char::is_ascii_digit))
        .collect();
    let number =
        phonenumber::parse(Some(region.0), &cleaned).map_err(|_| PhoneError::Unparseable)?;
    if !phonenumber::is_valid(&number) {
        return Err(PhoneError::Invalid);
    }
    Ok(number.format().mode(Mode::E164).to_string())
}

fn is_dialling_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '+' | '(' | ')' | '-' | '.' | ' ' | '/')
}

/// Full-width forms (`１３８`, `＋`, `（`) are common in Chinese input methods.
fn fold_width(raw: &str) -> String {
    raw.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

fn strip_tel_uri(s: &str) -> &str {
    let without_scheme = match s.get(..4) {
        Some(prefix) if prefix.eq_ignore_ascii_case("tel:") => &s[4..],
        _ => s,
    };
    // RFC 3966 parameters (`;phone-context=…`) are not part of the number.
    without_scheme.split(';').next().unwrap_or("").trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    const E164: &str = "+8613800138000";

    #[test]
    fn every_dialled_form_of_a_number_is_the_same_number() {
        let forms = [
            "+86 138 0013 8000",
            "008613800138000",
            "13800138000",
            "(+86)138-0013-8000",
            "１３８００１３８０００",
            "＋８６　１３８　００１３　８０００",
            "tel:+86-138-0013-8000",
            "TEL:+8613800138000;phone-context=example.com",
            "  +8613800138000  ",
            "+86.138.0013.8000",
        ];
        for form in forms {
            assert_eq!(
                normalise(form, DefaultRegion::default()).as_deref(),
                Ok(E164),
                "{form}"
            );
        }
    }

    #[test]
    fn other_countries_normalise() {
        let cases = [
            ("+852 9123 4567", "+85291234567"),
            ("+65 9123 4567", "+6591234567"),
            ("+44 7911 123456", "+447911123456"),
            ("+49 151 23456789", "+4915123456789"),
            ("+1 (415) 555-2671", "+14155552671"),
        ];
        for (raw, want) in cases {
            assert_eq!(
                normalise(raw, DefaultRegion::default()).as_deref(),
                Ok(want),
                "{raw}"
            );
        }
    }

    #[test]
    fn national_form_uses_the_configured_region() {
        let gb = DefaultRegion::parse("gb").expect("GB is a region");
        assert_eq!(
            normalise("07911 123456", gb).as_deref(),
            Ok("+447911123456")
        );
    }

    #[test]
    fn garbage_is_refused_with_a_reason() {
        let region = DefaultRegion::default();
        assert_eq!(normalise("", region), Err(PhoneError::Empty));
        assert_eq!(normalise("   ", region), Err(PhoneError::Empty));
        assert_eq!(normalise("tel:", region), Err(PhoneError::Empty));
        assert_eq!(normalise("call me", region), Err(PhoneError::BadCharacters));
        assert_eq!(
            normalise("1'; DROP TABLE travellers;--", region),
            Err(PhoneError::BadCharacters)
        );
        assert_eq!(
            normalise("\u{1b}[2J138", region),
            Err(PhoneError::BadCharacters)
        );
        assert_eq!(
            normalise("+86\u{202e}13800138000", region),
            Err(PhoneError::BadCharacters)
        );
        assert_eq!(
            normalise(&"9".repeat(200), region),
            Err(PhoneError::TooLong(200))
        );
        assert_eq!(
            normalise(&"9".repeat(30), region),
            Err(PhoneError::TooManyDigits(30))
        );
        assert!(normalise("12345", region).is_err());
        assert_eq!(
            normalise("+86 1380013800", region),
            Err(PhoneError::Invalid)
        );
        assert_eq!(normalise("+-()", region), Err(PhoneError::Unparseable));
        assert_eq!(normalise("张伟", region), Err(PhoneError::BadCharacters));
    }

    #[test]
    fn withheld_words_are_not_errors() {
        for word in ["anonymous", "Withheld", "PRIVATE", " unknown "] {
            assert_eq!(
                parse_caller_id(word, DefaultRegion::default()),
                Ok(CallerId::Withheld)
            );
        }
        assert_eq!(
            parse_caller_id("13800138000", DefaultRegion::default()),
            Ok(CallerId::Number(E164.into()))
        );
    }
}
