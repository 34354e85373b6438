//! Caller-ID normalisation: every dialled form of a number becomes one E.164
//! number, on ingest and on lookup, so that any form finds the same traveller.
//! The rules are libphonenumber's (through its Rust port); this module only
//! unwraps what phone systems put around a number and names the reasons a
//! number is refused.

mod e164;
mod uri;

use std::str::FromStr;

use rlibphonenumber::{
    PHONE_NUMBER_UTIL, ParseError, PhoneNumber, PhoneNumberFormat, ValidationError, enums::Region,
};

pub use e164::E164;
use uri::Unwrapped;

/// Longest raw caller ID we will even look at; a SIP URI with a long host
/// name still fits.
pub const MAX_RAW_LEN: usize = 128;

/// Words phone systems put in the caller-ID field when the number is not
/// presented (also as the user part of a SIP URI, RFC 3323).
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
    #[error("the number is too long to read ({0} characters, at most {MAX_RAW_LEN})")]
    TooManyCharacters(usize),
    #[error("the number contains characters that are not part of a phone number")]
    BadCharacters,
    #[error("not a number: {0}")]
    NotANumber(&'static str),
    #[error("no such country code")]
    NoSuchCountryCode,
    #[error("the number is too short")]
    TooShort,
    #[error("the number is too long")]
    TooLong,
    #[error("the number has a length no number of its country has")]
    InvalidLength,
    #[error("the number is not in use: no numbers of its country begin this way")]
    NotInUse,
    #[error("{0:?} is not an E.164 number (+ and the digits, as normalisation writes it)")]
    NotE164(String),
}

/// What a caller-ID field says about the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallerId {
    Number(E164),
    Withheld,
}

/// Region used for numbers dialled in national form; configurable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DefaultRegion(Region);

impl DefaultRegion {
    /// An ISO 3166 code with a numbering plan (`CN`, `gb`); `None` otherwise.
    pub fn parse(code: &str) -> Option<Self> {
        let code = code.trim().to_ascii_uppercase();
        if code.len() != 2 {
            return None;
        }
        let region = Region::from_str(&code).ok()?;
        PHONE_NUMBER_UTIL
            .get_country_code_for_region(region)
            .map(|_| Self(region))
    }
}

impl Default for DefaultRegion {
    fn default() -> Self {
        Self(Region::CN)
    }
}

/// Loads the metadata once; the first parse costs far more than the rest.
pub fn warm_up() {
    let _ = normalise("+8613800138000", DefaultRegion::default());
}

/// Reads a caller-ID field: a number, or one of the "withheld" markers
/// (a word in any case, nothing at all, or an anonymous SIP URI).
pub fn parse_caller_id(raw: &str, region: DefaultRegion) -> Result<CallerId, PhoneError> {
    let trimmed = raw.trim();
    let user = uri::user_part(trimmed).unwrap_or(trimmed);
    if user.is_empty() || WITHHELD_WORDS.iter().any(|w| user.eq_ignore_ascii_case(w)) {
        return Ok(CallerId::Withheld);
    }
    normalise(trimmed, region).map(CallerId::Number)
}

/// Turns any dialled form into E.164 (`+8613800138000`), or says why it is
/// not a phone number. A number is never rewritten into another one: what
/// libphonenumber does not call valid is refused.
pub fn normalise(raw: &str, region: DefaultRegion) -> Result<E164, PhoneError> {
    let char_count = raw.chars().count();
    if char_count > MAX_RAW_LEN {
        return Err(PhoneError::TooManyCharacters(char_count));
    }
    let trimmed = raw.trim();
    if trimmed.chars().any(is_hidden_or_control) {
        return Err(PhoneError::BadCharacters);
    }
    let folded = fold_width(trimmed);
    let Unwrapped { number, context } = uri::unwrap(&folded)?;
    if number.is_empty() {
        return Err(PhoneError::Empty);
    }
    if !number.chars().all(is_dialling_char) {
        return Err(PhoneError::BadCharacters);
    }
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return Err(PhoneError::NotANumber("it has no digits"));
    }
    // Only the plus and the digits carry meaning once the URI is unwrapped.
    let international = number.trim_start_matches(['(', ' ']).starts_with('+');
    let to_parse = match context {
        _ if international => format!("+{digits}"),
        Some(country_code) => format!("+{country_code}{digits}"),
        None => digits,
    };
    let parsed = PHONE_NUMBER_UTIL
        .parse(&to_parse, Some(region.0))
        .map_err(refusal)?;
    check_valid(&parsed)?;
    Ok(E164::from_parsed(
        parsed.format_as(PhoneNumberFormat::E164).into_owned(),
    ))
}

fn check_valid(number: &PhoneNumber) -> Result<(), PhoneError> {
    if number.is_valid() {
        return Ok(());
    }
    Err(match number.is_possible_with_reason() {
        Err(ValidationError::InvalidCountryCode) => PhoneError::NoSuchCountryCode,
        Err(ValidationError::TooShort) => PhoneError::TooShort,
        Err(ValidationError::TooLong) => PhoneError::TooLong,
        Err(ValidationError::InvalidLength) => PhoneError::InvalidLength,
        Ok(_) => PhoneError::NotInUse,
    })
}

fn refusal(error: ParseError) -> PhoneError {
    match error {
        ParseError::InvalidCountryCode => PhoneError::NoSuchCountryCode,
        ParseError::NotANumber(_) => {
            PhoneError::NotANumber("it does not have a phone number's form")
        }
        ParseError::TooShortAfterIdd | ParseError::TooShortNsn => PhoneError::TooShort,
        ParseError::TooLongNsn => PhoneError::TooLong,
    }
}

fn is_dialling_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '+' | '(' | ')' | '-' | '.' | ' ' | '/')
}

/// Control characters, bidi overrides and invisible formatting: never part
/// of a number, and dangerous to echo into a terminal or a log.
fn is_hidden_or_control(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
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

#[cfg(test)]
mod tests;
