//! What an agent types is checked before it is kept: a field has a length
//! limit, may be required, and never holds control characters, terminal
//! escape sequences or bidi overrides (they would repaint or reverse the
//! next agent's screen). Anything that looks like a payment card number is
//! masked to its last four digits, so no full card number is ever stored.

/// A field an agent filled in that cannot be kept, naming the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    #[error("{field}: required")]
    Required { field: &'static str },
    #[error("{field}: too long ({chars} characters, at most {max})")]
    TooLong {
        field: &'static str,
        chars: usize,
        max: usize,
    },
    #[error("{field}: contains control characters, escape sequences or bidi overrides")]
    Control { field: &'static str },
    #[error("{field}: {reason}")]
    Invalid { field: &'static str, reason: String },
}

impl FieldError {
    pub fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        FieldError::Invalid {
            field,
            reason: reason.into(),
        }
    }
}

/// How a free-text field is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextRule {
    pub field: &'static str,
    pub max_chars: usize,
    pub required: bool,
    /// Line breaks allowed (a note), or one line only (a reference).
    pub multi_line: bool,
}

impl TextRule {
    pub const fn line(field: &'static str, max_chars: usize) -> Self {
        Self {
            field,
            max_chars,
            required: false,
            multi_line: false,
        }
    }

    pub const fn lines(field: &'static str, max_chars: usize) -> Self {
        Self {
            field,
            max_chars,
            required: false,
            multi_line: true,
        }
    }

    pub const fn required(self) -> Self {
        Self {
            required: true,
            ..self
        }
    }

    /// The text to keep: `\r\n` read as `\n`, trimmed, checked, and with
    /// card numbers masked. Blank is empty (or `Required`).
    pub fn check(&self, input: &str) -> Result<String, FieldError> {
        let field = self.field;
        let text = input.replace("\r\n", "\n");
        let text = text.trim();
        if text.is_empty() {
            return if self.required {
                Err(FieldError::Required { field })
            } else {
                Ok(String::new())
            };
        }
        let chars = text.chars().count();
        if chars > self.max_chars {
            return Err(FieldError::TooLong {
                field,
                chars,
                max: self.max_chars,
            });
        }
        let allowed = |c: char| (self.multi_line && c == '\n') || !is_hostile(c);
        if !text.chars().all(allowed) {
            return Err(FieldError::Control { field });
        }
        Ok(mask_card_numbers(text))
    }

    /// Like `check`, for a field that may be left out.
    pub fn check_optional(&self, input: Option<&str>) -> Result<Option<String>, FieldError> {
        match input {
            None => {
                if self.required {
                    Err(FieldError::Required { field: self.field })
                } else {
                    Ok(None)
                }
            }
            Some(text) => Ok(Some(self.check(text)?).filter(|t| !t.is_empty())),
        }
    }
}

/// Control characters (tabs and line breaks included: a rule allows line
/// breaks itself), ESC and C1 controls, bidi embeddings, overrides,
/// isolates and marks.
fn is_hostile(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A decimal digit, ASCII or full width, as its value.
fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn luhn_valid(digits: &[u32]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Fewest and most digits of a payment card number.
const CARD_DIGITS: std::ops::RangeInclusive<usize> = 13..=19;

/// Masks every run of 13–19 digits (single spaces or dashes allowed
/// between groups) that passes the Luhn check, keeping its last four
/// digits and its separators: `4111 1111 1111 1111` → `**** **** **** 1111`.
/// A card number followed by more digit groups (an expiry date) is found
/// too: candidates start at a group and end at a group's end.
pub fn mask_card_numbers(text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if digit_value(chars[i]).is_none() {
            i += 1;
            continue;
        }
        // One run: digits, with single separators between them.
        let start = i;
        let mut end = i;
        while end < chars.len() {
            let digit = digit_value(chars[end]).is_some();
            let separator = matches!(chars[end], ' ' | '-')
                && end + 1 < chars.len()
                && digit_value(chars[end + 1]).is_some();
            if !(digit || separator) {
                break;
            }
            end += 1;
        }
        mask_run(&mut chars[start..end]);
        i = end;
    }
    chars.into_iter().collect()
}

/// Masks the card numbers inside one run of digit groups.
fn mask_run(run: &mut [char]) {
    let group_starts: Vec<usize> = (0..run.len())
        .filter(|&i| digit_value(run[i]).is_some() && (i == 0 || digit_value(run[i - 1]).is_none()))
        .collect();
    let group_ends: Vec<usize> = (0..run.len())
        .filter(|&i| {
            digit_value(run[i]).is_some()
                && (i + 1 == run.len() || digit_value(run[i + 1]).is_none())
        })
        .map(|i| i + 1)
        .collect();
    let mut covered = 0;
    for &from in &group_starts {
        if from < covered {
            continue;
        }
        // The longest candidate first.
        let found = group_ends
            .iter()
            .rev()
            .filter(|&&to| to > from)
            .find(|&&to| {
                let digits: Vec<u32> = run[from..to]
                    .iter()
                    .filter_map(|&c| digit_value(c))
                    .collect();
                CARD_DIGITS.contains(&digits.len()) && luhn_valid(&digits)
            });
        if let Some(&to) = found {
            let total = run[from..to]
                .iter()
                .filter(|&&c| digit_value(c).is_some())
                .count();
            let mut seen = 0;
            for c in &mut run[from..to] {
                if digit_value(*c).is_some() {
                    seen += 1;
                    if seen <= total - 4 {
                        *c = '*';
                    }
                }
            }
            covered = to;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTE: TextRule = TextRule::lines("text", 100).required();

    #[test]
    fn card_numbers_keep_only_their_last_four_digits() {
        assert_eq!(mask_card_numbers("4111111111111111"), "************1111");
        assert_eq!(
            mask_card_numbers("card 4111 1111 1111 1111 exp 12/29"),
            "card **** **** **** 1111 exp 12/29"
        );
        assert_eq!(
            mask_card_numbers("5500-0000-0000-0004."),
            "****-****-****-0004."
        );
        // Amex (15 digits), and a UnionPay card with its expiry year after it.
        assert_eq!(mask_card_numbers("378282246310005"), "***********0005");
        assert_eq!(
            mask_card_numbers("6250941006528599 2029"),
            "************8599 2029"
        );
        // Full-width digits are digits too.
        assert_eq!(
            mask_card_numbers("４１１１１１１１１１１１１１１１"),
            "************１１１１"
        );
    }

    #[test]
    fn other_numbers_are_left_alone() {
        for text in [
            "call +86 138 0013 8000",
            "4111111111111112",
            "PNR K7M2QX flight CA1234 on 2026-11-24",
            "123456789012",
            "12345678901234567890123",
        ] {
            assert_eq!(mask_card_numbers(text), text, "{text}");
        }
    }

    #[test]
    fn fields_are_trimmed_limited_and_required() {
        assert_eq!(
            NOTE.check("  hello \r\n world "),
            Ok("hello \n world".into())
        );
        assert_eq!(
            NOTE.check(" \n "),
            Err(FieldError::Required { field: "text" })
        );
        assert_eq!(NOTE.check(&"张".repeat(100)), Ok("张".repeat(100)));
        assert!(matches!(
            NOTE.check(&"张".repeat(101)),
            Err(FieldError::TooLong { chars: 101, .. })
        ));
        assert_eq!(TextRule::line("pnr", 6).check(""), Ok(String::new()));
    }

    #[test]
    fn hostile_text_is_refused_naming_the_field() {
        for bad in [
            "a\u{1b}]52;c;Zm9v\u{7}b",
            "a\u{1b}[2Jb",
            "\u{202e}evil",
            "tab\there",
            "nul\u{0}",
            "c1\u{9b}2J",
        ] {
            let err = NOTE.check(bad).expect_err(bad);
            assert_eq!(err, FieldError::Control { field: "text" });
            assert!(err.to_string().starts_with("text: "));
        }
        assert!(TextRule::line("pnr", 10).check("a\nb").is_err());
    }
}
