//! Traveller search: what a query is, and the text a traveller is found by.
//! Pure: the store indexes `search_text` and `name_keys`, the server ranks.

use pinyin::ToPinyin;

use super::text;

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

/// What the agent typed, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchKind {
    /// Digits only (at least 3), from a number in any dialled form.
    Phone(String),
    /// Frequent-flyer number (or its start), upper-cased: `CA000000042`.
    Ffp(String),
    /// Booking reference, upper-cased.
    Pnr(String),
    /// Lower-cased.
    Email(String),
    /// Lower-cased, inner whitespace collapsed to one space.
    Name(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// The query as typed, trimmed.
    pub raw: String,
    pub kind: SearchKind,
}

impl SearchQuery {
    pub fn parse(raw: &str) -> Result<SearchQuery, SearchError> {
        let trimmed = raw.trim();
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
        let kind = if let Some(digits) = phone_digits(&folded) {
            SearchKind::Phone(digits)
        } else if is_ffp(&folded) {
            SearchKind::Ffp(folded.to_ascii_uppercase())
        } else if is_pnr(&folded) {
            SearchKind::Pnr(folded.to_ascii_uppercase())
        } else if folded.contains('@') {
            SearchKind::Email(folded.to_lowercase())
        } else {
            SearchKind::Name(
                folded
                    .to_lowercase()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        };
        Ok(SearchQuery {
            raw: trimmed.to_string(),
            kind,
        })
    }

    /// The kind's name, as `matched_on` reports it.
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            SearchKind::Phone(_) => "phone",
            SearchKind::Ffp(_) => "ffp_number",
            SearchKind::Pnr(_) => "pnr",
            SearchKind::Email(_) => "email",
            SearchKind::Name(_) => "name",
        }
    }
}

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

fn is_ffp(s: &str) -> bool {
    match (s.get(..2), s.get(2..)) {
        (Some(airline), Some(digits)) => {
            airline.eq_ignore_ascii_case("CA")
                && !digits.is_empty()
                && digits.chars().all(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

fn is_pnr(s: &str) -> bool {
    s.len() == 6
        && s.chars().all(|c| c.is_ascii_alphanumeric())
        && s.chars().any(|c| c.is_ascii_alphabetic())
        && s.chars().any(|c| c.is_ascii_digit())
}

/// The ways a traveller's name can be typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NameForms {
    /// "zhang wei", "wei zhang" (and without diacritics when they differ).
    pub latin: Vec<String>,
    /// "张伟".
    pub native: Option<String>,
    /// "zhangwei", "zw" for Chinese native names.
    pub pinyin: Vec<String>,
}

impl NameForms {
    pub fn new(family: &str, given: &str, native: Option<&str>) -> NameForms {
        let family = family.trim().to_lowercase();
        let given = given.trim().to_lowercase();
        let mut latin = Vec::new();
        let push = |list: &mut Vec<String>, s: String| {
            let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
            if !s.is_empty() && !list.contains(&s) {
                list.push(s);
            }
        };
        for s in [format!("{family} {given}"), format!("{given} {family}")] {
            let plain = strip_diacritics(&s);
            push(&mut latin, s);
            push(&mut latin, plain);
        }
        let native = native
            .map(|n| n.split_whitespace().collect::<String>().to_lowercase())
            .filter(|n| !n.is_empty());
        let mut pinyin = Vec::new();
        if let Some(n) = &native {
            let readings: Vec<_> = n.as_str().to_pinyin().flatten().collect();
            if !readings.is_empty() {
                let full: String = readings.iter().map(|p| p.plain()).collect();
                let initials: String = readings.iter().map(|p| p.first_letter()).collect();
                push(&mut pinyin, full);
                push(&mut pinyin, initials);
            }
        }
        NameForms {
            latin,
            native,
            pinyin,
        }
    }

    /// Every form, each one a key for prefix search.
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.latin.clone();
        keys.extend(self.native.clone());
        for p in &self.pinyin {
            if !keys.contains(p) {
                keys.push(p.clone());
            }
        }
        keys
    }

    /// One line for substring (trigram) search.
    pub fn text(&self) -> String {
        self.keys().join(" ")
    }

    /// `name` when `needle` is in a Latin or native form, `pinyin` when
    /// only in a pinyin form.
    pub fn matched_on(&self, needle: &str) -> &'static str {
        let in_name = self.latin.iter().any(|l| l.contains(needle))
            || self.native.as_deref().is_some_and(|n| n.contains(needle));
        if !in_name && self.pinyin.iter().any(|p| p.contains(needle)) {
            "pinyin"
        } else {
            "name"
        }
    }
}

/// The indexed text a traveller is found by: Latin names in both orders,
/// lower-cased, the native name, and for Chinese names the toneless pinyin
/// joined and its initials.
pub fn search_text(family: &str, given: &str, native: Option<&str>) -> String {
    NameForms::new(family, given, native).text()
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

/// `[lower, upper)` bounds of every string starting with `prefix` in
/// byte (code point) order.
pub fn prefix_range(prefix: &str) -> (String, String) {
    (prefix.to_string(), format!("{prefix}\u{10ffff}"))
}

/// Escapes `%`, `_` and `\` for `LIKE … ESCAPE '\'`.
pub fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(raw: &str) -> SearchKind {
        SearchQuery::parse(raw).expect("parses").kind
    }

    #[test]
    fn chinese_names_are_found_by_pinyin_initials_and_both_orders() {
        let text = search_text("Zhang", "Wei", Some("张伟"));
        for needle in ["zhangwei", "zw", "张伟", "zhang wei", "wei zhang"] {
            assert!(text.contains(needle), "{needle} in {text}");
        }
        let forms = NameForms::new("Ouyang", "Na", Some("欧阳娜"));
        assert!(forms.pinyin.contains(&"ouyangna".to_string()));
        assert!(forms.pinyin.contains(&"oyn".to_string()));
        assert_eq!(forms.matched_on("oyn"), "pinyin");
        assert_eq!(forms.matched_on("ouyang"), "name");
        assert_eq!(forms.matched_on("欧阳"), "name");
    }

    #[test]
    fn latin_names_keep_and_drop_diacritics() {
        let text = search_text("Müller", "Jürgen", None);
        assert!(text.contains("müller jürgen"));
        assert!(text.contains("jürgen müller"));
        assert!(text.contains("muller jurgen"));
        let forms = NameForms::new("Smith", "Anna", None);
        assert_eq!(forms.keys(), vec!["smith anna", "anna smith"]);
        assert!(forms.pinyin.is_empty());
    }

    #[test]
    fn queries_are_classified() {
        assert_eq!(
            kind("  +86 138-0013 (8000) "),
            SearchKind::Phone("8613800138000".into())
        );
        assert_eq!(kind("５６７８"), SearchKind::Phone("5678".into()));
        assert_eq!(kind("ca000000042"), SearchKind::Ffp("CA000000042".into()));
        assert_eq!(kind("k7m2qx"), SearchKind::Pnr("K7M2QX".into()));
        assert_eq!(
            kind("Anna.Smith@Example.com"),
            SearchKind::Email("anna.smith@example.com".into())
        );
        assert_eq!(kind("Zhang   Wei"), SearchKind::Name("zhang wei".into()));
        assert_eq!(kind("张伟"), SearchKind::Name("张伟".into()));
        assert_eq!(kind("Mü"), SearchKind::Name("mü".into()));
        assert_eq!(kind("ca"), SearchKind::Name("ca".into()));
        assert_eq!(kind("12"), SearchKind::Name("12".into()));
        assert_eq!(kind("abcdef"), SearchKind::Name("abcdef".into()));
        assert_eq!(kind("li_na"), SearchKind::Name("li_na".into()));
        assert_eq!(kind("O'Brien"), SearchKind::Name("o'brien".into()));
    }

    #[test]
    fn bad_queries_are_refused_with_reasons() {
        assert_eq!(SearchQuery::parse("   "), Err(SearchError::Empty));
        let long = "a".repeat(101);
        let err = SearchQuery::parse(&long).expect_err("too long");
        assert_eq!(err.to_string(), "the search is longer than 100 characters");
        assert!(SearchQuery::parse(&"张".repeat(100)).is_ok());
        for bad in [
            "\u{1b}[2J",
            "a\u{7}b",
            "zhang\u{202e}wei",
            "a\tb",
            "x\u{9b}2Jy",
        ] {
            assert_eq!(
                SearchQuery::parse(bad),
                Err(SearchError::Unprintable),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn like_wildcards_are_escaped_and_short_runs_have_no_trigram() {
        assert_eq!(escape_like(r"50%_a\b"), r"50\%\_a\\b");
        assert!(has_trigram("abc"));
        assert!(has_trigram("张伟x"));
        assert!(!has_trigram("%%%"));
        assert!(!has_trigram("o'b"));
        let (lo, hi) = prefix_range("zh");
        assert!(lo.as_str() <= "zhang wei" && "zhang wei" < hi.as_str());
        assert!("zi" > hi.as_str());
    }
}
