//! Traveller search: what a query is and what it matched. Pure: the store
//! indexes the forms of `name_forms`, the server ranks.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::{
    name_forms::fold_name,
    phone::{self, DefaultRegion},
    text,
};

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    #[error("the search is empty")]
    Empty,
    #[error("the search is longer than {MAX_QUERY_CHARS} characters")]
    TooLong,
    #[error("the search contains control characters, escape sequences or bidi overrides")]
    Unprintable,
    #[error("the search may contain only letters, digits, spaces and . ' - _ @ + ( ) ·")]
    BadCharacter,
    #[error("the search needs at least one letter or digit")]
    NoLetters,
}

/// Punctuation found in names, emails and dialled numbers; anything else
/// (`%`, `*`, `;`, quotes, …) cannot match and is refused.
fn allowed(c: char) -> bool {
    c.is_alphanumeric()
        || c == ' '
        || matches!(
            c,
            '.' | '\'' | '’' | '-' | '_' | '@' | '+' | '(' | ')' | '·' | '・' | ','
        )
}

/// What a search hit matched; serialised as `name`, `pinyin`, `initials`,
/// `ffp_number`, `phone`, `pnr` or `email`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedOn {
    /// A Latin or native form of the name.
    Name,
    /// Only a pinyin reading of the native name.
    Pinyin,
    /// Only the initials of a pinyin reading (`wgy` for 王桂英).
    Initials,
    FfpNumber,
    Phone,
    Pnr,
    Email,
}

impl MatchedOn {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchedOn::Name => "name",
            MatchedOn::Pinyin => "pinyin",
            MatchedOn::Initials => "initials",
            MatchedOn::FfpNumber => "ffp_number",
            MatchedOn::Phone => "phone",
            MatchedOn::Pnr => "pnr",
            MatchedOn::Email => "email",
        }
    }
}

impl MatchedOn {
    /// In words, for the agent: what `as_str` names for programs.
    pub fn label(self) -> &'static str {
        match self {
            MatchedOn::Name => "name",
            MatchedOn::Pinyin => "pinyin",
            MatchedOn::Initials => "initials",
            MatchedOn::FfpNumber => "FFP number",
            MatchedOn::Phone => "phone",
            MatchedOn::Pnr => "booking reference",
            MatchedOn::Email => "email",
        }
    }
}

impl std::fmt::Display for MatchedOn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for MatchedOn {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// The programme's own frequent-flyer prefix unless the settings say
/// otherwise.
pub const DEFAULT_AIRLINE_CODE: &str = "CA";

/// The airline code that starts the programme's own frequent-flyer
/// numbers: two or three ASCII letters and digits, upper-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AirlineCode(String);

impl AirlineCode {
    pub fn parse(code: &str) -> Option<AirlineCode> {
        let code = code.trim();
        ((2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_alphanumeric()))
            .then(|| AirlineCode(code.to_ascii_uppercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for AirlineCode {
    fn default() -> Self {
        AirlineCode(DEFAULT_AIRLINE_CODE.to_string())
    }
}

/// How a query is compared with frequent-flyer numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FfpLookup<'a> {
    /// Numbers starting with it.
    Prefix(&'a str),
    /// Only the number itself.
    Exact(&'a str),
}

/// What the agent typed, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchKind {
    /// Digits only (at least 3), from a number in any dialled form.
    Phone(String),
    /// Frequent-flyer number (or its start), upper-cased: the airline's
    /// code and digits (`CA000000042`), or letters and digits of another
    /// programme's format (`MU12345678`).
    Ffp(String),
    /// Booking reference, upper-cased.
    Pnr(String),
    /// Lower-cased.
    Email(String),
    /// Folded as the indexed forms are (`name_forms::fold_name`).
    Name(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// The query as typed, trimmed.
    pub raw: String,
    pub kind: SearchKind,
    /// Upper-cased, when the query could be a whole frequent-flyer number
    /// (1–32 ASCII letters and digits).
    ffp_token: Option<String>,
}

impl SearchQuery {
    /// A phone query that is a whole number as dialled in `region` (a
    /// landline with its trunk `0` and area code, `021 6400 0001`) searches
    /// for the number it dials, as the caller lookup reads it; a fragment
    /// stays a fragment.
    pub fn dialled_in(mut self, region: DefaultRegion) -> SearchQuery {
        if let SearchKind::Phone(digits) = &mut self.kind
            && let Ok(e164) = phone::normalise(&self.raw, region)
        {
            *digits = e164.as_str().trim_start_matches('+').to_string();
        }
        self
    }

    /// Classifies `raw`; `airline_code` is the programme's own prefix of
    /// frequent-flyer numbers (`CA`).
    pub fn parse(raw: &str, airline_code: &str) -> Result<SearchQuery, SearchError> {
        // NFC first: a decomposed accent is the composed letter.
        let normalised: String = raw.nfc().collect();
        let trimmed = normalised.trim();
        if trimmed.is_empty() {
            return Err(SearchError::Empty);
        }
        if trimmed.chars().count() > MAX_QUERY_CHARS {
            return Err(SearchError::TooLong);
        }
        // Tabs and newlines are control characters here too.
        if text::clean(trimmed) != trimmed || trimmed.chars().any(char::is_control) {
            return Err(SearchError::Unprintable);
        }
        let folded: String = trimmed.chars().map(fold_full_width).collect();
        if !folded.chars().all(allowed) {
            return Err(SearchError::BadCharacter);
        }
        if !folded.chars().any(char::is_alphanumeric) {
            return Err(SearchError::NoLetters);
        }
        let ffp_token = (folded.len() <= MAX_FFP_CHARS
            && folded.chars().all(|c| c.is_ascii_alphanumeric()))
        .then(|| folded.to_ascii_uppercase());
        let kind = if let Some(digits) = phone_digits(&folded) {
            SearchKind::Phone(digits)
        } else if is_own_ffp(&folded, airline_code) {
            SearchKind::Ffp(folded.to_ascii_uppercase())
        } else if is_pnr(&folded) {
            SearchKind::Pnr(folded.to_ascii_uppercase())
        } else if is_other_ffp(&folded) {
            SearchKind::Ffp(folded.to_ascii_uppercase())
        } else if folded.contains('@') {
            SearchKind::Email(folded.to_lowercase())
        } else {
            SearchKind::Name(fold_name(&folded))
        };
        Ok(SearchQuery {
            raw: trimmed.to_string(),
            kind,
            ffp_token,
        })
    }

    /// What `matched_on` reports for a hit that did not match on its
    /// frequent-flyer number; names decide per traveller.
    pub fn kind_matched_on(&self) -> MatchedOn {
        match self.kind {
            SearchKind::Phone(_) => MatchedOn::Phone,
            SearchKind::Ffp(_) => MatchedOn::FfpNumber,
            SearchKind::Pnr(_) => MatchedOn::Pnr,
            SearchKind::Email(_) => MatchedOn::Email,
            SearchKind::Name(_) => MatchedOn::Name,
        }
    }

    /// How frequent-flyer numbers are searched: by prefix for what looks
    /// like one (or like a booking reference, which another programme's
    /// number may resemble), whole for digits and words.
    pub fn ffp_lookup(&self) -> Option<FfpLookup<'_>> {
        match &self.kind {
            SearchKind::Ffp(ffp) | SearchKind::Pnr(ffp) => Some(FfpLookup::Prefix(ffp)),
            SearchKind::Phone(_) | SearchKind::Name(_) => {
                self.ffp_token.as_deref().map(FfpLookup::Exact)
            }
            SearchKind::Email(_) => None,
        }
    }

    /// 3 when `ffp_number` is the query, 2 when it starts with it (for a
    /// prefix lookup), 0 otherwise.
    pub fn ffp_closeness(&self, ffp_number: &str) -> u8 {
        match self.ffp_lookup() {
            Some(FfpLookup::Prefix(p) | FfpLookup::Exact(p)) if ffp_number == p => 3,
            Some(FfpLookup::Prefix(p)) if ffp_number.starts_with(p) => 2,
            _ => 0,
        }
    }
}

/// Longest frequent-flyer number import accepts.
pub const MAX_FFP_CHARS: usize = 32;

/// Full-width digits and signs (from an IME) to ASCII.
fn fold_full_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        c => c,
    }
}

fn phone_digits(s: &str) -> Option<String> {
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' ' | '(' | ')'))
    {
        return None;
    }
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 3).then_some(digits)
}

/// The airline's code followed by digits.
fn is_own_ffp(s: &str, airline_code: &str) -> bool {
    let code_len = airline_code.len();
    match (s.get(..code_len), s.get(code_len..)) {
        (Some(code), Some(digits)) => {
            !airline_code.is_empty()
                && code.eq_ignore_ascii_case(airline_code)
                && !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// Another programme's number: ASCII letters and digits, at least one of
/// each, no longer than import accepts.
fn is_other_ffp(s: &str) -> bool {
    s.len() <= MAX_FFP_CHARS
        && s.chars().all(|c| c.is_ascii_alphanumeric())
        && s.chars().any(|c| c.is_ascii_alphabetic())
        && s.chars().any(|c| c.is_ascii_digit())
}

fn is_pnr(s: &str) -> bool {
    s.len() == 6
        && s.chars().all(|c| c.is_ascii_alphanumeric())
        && s.chars().any(|c| c.is_ascii_alphabetic())
        && s.chars().any(|c| c.is_ascii_digit())
}

/// "müller" → "muller": common Latin diacritics, so a caller's name typed
/// on a plain keyboard is found too.
pub fn strip_diacritics(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let plain = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'ç' | 'ć' | 'č' => "c",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' => "i",
            'ñ' | 'ń' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
            'ý' | 'ÿ' => "y",
            'ś' | 'š' | 'ş' => "s",
            'ź' | 'ż' | 'ž' => "z",
            'ł' => "l",
            'ř' => "r",
            'ť' => "t",
            'ď' => "d",
            'ß' => "ss",
            'æ' => "ae",
            'œ' => "oe",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(plain);
    }
    out
}

/// Whether `s` has three letters or digits in a row: below that a
/// trigram index cannot narrow the search and only prefix search is used.
pub fn has_trigram(s: &str) -> bool {
    let mut run = 0;
    for c in s.chars() {
        if c.is_alphanumeric() {
            run += 1;
            if run >= 3 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

#[cfg(test)]
mod tests;
