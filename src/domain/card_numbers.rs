//! Payment card numbers in free text (a note, a complaint, a remark) are
//! masked before the text is written anywhere on the agent's machine: a
//! run of 13 to 19 digits, written together or grouped by single spaces
//! or dashes, that passes the Luhn check, keeps only its last four.
//!
//! A run that starts with 0, 7, 8 or 9 is left alone: no card network
//! issues such numbers (ISO/IEC 7812), while airline ticket numbers
//! (`999-1234567890`, 13 digits) often start so.

use std::borrow::Cow;

const FEWEST_DIGITS: usize = 13;
const MOST_DIGITS: usize = 19;
const KEPT_DIGITS: usize = 4;
/// What a masked digit becomes.
pub const MASK: char = '•';

/// `text` with every card number masked; borrowed when there was none.
pub fn mask_card_numbers(text: &str) -> Cow<'_, str> {
    let chars: Vec<char> = text.chars().collect();
    let mut masked: Option<Vec<char>> = None;
    let mut at = 0;
    while at < chars.len() {
        let starts_run =
            chars[at].is_ascii_digit() && (at == 0 || !chars[at - 1].is_alphanumeric());
        if !starts_run {
            at += 1;
            continue;
        }
        let digits = run_of_digits(&chars, at);
        let end = digits.last().map_or(at, |last| last + 1);
        let ends_clean = chars.get(end).is_none_or(|c| !c.is_alphanumeric());
        if ends_clean && is_card_number(&chars, &digits) {
            let out = masked.get_or_insert_with(|| chars.clone());
            for &i in &digits[..digits.len() - KEPT_DIGITS] {
                out[i] = MASK;
            }
        }
        at = end.max(at + 1);
    }
    match masked {
        Some(out) => Cow::Owned(out.into_iter().collect()),
        None => Cow::Borrowed(text),
    }
}

/// The positions of the digits of the run starting at `start`: digits,
/// with at most one space or dash between two of them.
fn run_of_digits(chars: &[char], start: usize) -> Vec<usize> {
    let mut digits = vec![start];
    let mut at = start + 1;
    while at < chars.len() {
        if chars[at].is_ascii_digit() {
            digits.push(at);
            at += 1;
        } else if matches!(chars[at], ' ' | '-')
            && chars.get(at + 1).is_some_and(char::is_ascii_digit)
        {
            at += 1;
        } else {
            break;
        }
    }
    digits
}

fn is_card_number(chars: &[char], digits: &[usize]) -> bool {
    if !(FEWEST_DIGITS..=MOST_DIGITS).contains(&digits.len()) {
        return false;
    }
    if matches!(chars[digits[0]], '0' | '7' | '8' | '9') {
        return false;
    }
    let values: Vec<u32> = digits
        .iter()
        .filter_map(|&i| chars[i].to_digit(10))
        .collect();
    luhn_valid(&values)
}

fn luhn_valid(digits: &[u32]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| match (i % 2 == 1, d * 2) {
            (true, doubled) if doubled > 9 => doubled - 9,
            (true, doubled) => doubled,
            (false, _) => d,
        })
        .sum();
    sum % 10 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_numbers_keep_only_their_last_four() {
        for (text, want) in [
            ("card 4111111111111111 ok", "card ••••••••••••1111 ok"),
            ("4111 1111 1111 1111", "•••• •••• •••• 1111"),
            ("5555-5555-5555-4444.", "••••-••••-••••-4444."),
            ("amex 378282246310005", "amex •••••••••••0005"),
            ("unionpay 6212345678901265", "unionpay ••••••••••••1265"),
        ] {
            assert_eq!(mask_card_numbers(text), want, "{text}");
        }
    }

    #[test]
    fn other_numbers_stay_as_they_are() {
        for text in [
            // Not Luhn-valid.
            "4111111111111112",
            // Too short, too long.
            "411111111111",
            "41111111111111111111",
            // Phone numbers, a PNR, a ticket number, an FFP number.
            "+86 138 0013 8000",
            "PNR K7Q2MX, ticket 999-1234567890",
            "CA1234567890123",
            "2026-11-24 flight CA937",
            // Glued to letters: not a number on its own.
            "x4111111111111111",
            "4111111111111111y",
        ] {
            assert!(
                matches!(mask_card_numbers(text), Cow::Borrowed(_)),
                "{text}"
            );
        }
    }

    #[test]
    fn masking_keeps_the_length_and_changes_nothing_twice() {
        // Many texts of digits, separators and letters, the same each run.
        let alphabet: Vec<char> = "0123456789 -4a•".chars().collect();
        let mut seed: u64 = 0x5eed;
        for _ in 0..20_000 {
            let len = (seed % 40) as usize;
            let text: String = (0..len)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    alphabet[(seed >> 33) as usize % alphabet.len()]
                })
                .collect();
            let once = mask_card_numbers(&text).into_owned();
            assert_eq!(once.chars().count(), text.chars().count(), "{text}");
            assert_eq!(mask_card_numbers(&once), once, "{text}");
        }
    }
}
