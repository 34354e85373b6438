//! The short codes a VIP request carries to the reservation system: a
//! seat number (`12A`) and an SSR code (`WCHR`, `MAAS`). Typed on Chinese
//! keyboards, they may arrive in full-width forms, which are read as ASCII.

use super::VipRequestKind;
use crate::domain::casework::FieldError;

/// The wheelchair SSR codes: to the ramp, to the steps, to the seat.
pub const WHEELCHAIR_CODES: [&str; 3] = ["WCHR", "WCHS", "WCHC"];
/// Meet-and-assist.
pub const MEET_ASSIST_CODE: &str = "MAAS";

/// Full-width letters and digits as ASCII, upper case; spaces dropped.
fn narrow(input: &str) -> String {
    input
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{ff10}'..='\u{ff19}' | '\u{ff21}'..='\u{ff3a}' | '\u{ff41}'..='\u{ff5a}' => {
                char::from_u32(c as u32 - 0xfee0).unwrap_or(c)
            }
            c => c,
        })
        .collect::<String>()
        .to_ascii_uppercase()
}

/// A seat number: a row of 1 to 3 digits (not starting with 0) and a
/// letter A–K, as `12A`.
pub fn seat_number(input: &str) -> Result<String, FieldError> {
    let seat = narrow(input);
    let bad = || FieldError::invalid("seat", "a seat number is a row and a letter, as 12A");
    let (row, letter) = seat.split_at(seat.len().saturating_sub(1));
    let row_ok = (1..=3).contains(&row.len())
        && row.chars().all(|c| c.is_ascii_digit())
        && !row.starts_with('0');
    let letter_ok = letter.len() == 1 && letter.chars().all(|c| ('A'..='K').contains(&c));
    if seat.is_ascii() && row_ok && letter_ok {
        Ok(seat)
    } else {
        Err(bad())
    }
}

/// The SSR code kept for a request of `kind`: a wheelchair needs one of
/// the wheelchair codes; meet-and-assist is always `MAAS`; any other kind
/// may carry four letters, or none.
pub fn ssr_code(kind: VipRequestKind, input: Option<&str>) -> Result<Option<String>, FieldError> {
    let code = input.map(narrow).filter(|c| !c.is_empty());
    match kind {
        VipRequestKind::Wheelchair => match code {
            Some(c) if WHEELCHAIR_CODES.contains(&c.as_str()) => Ok(Some(c)),
            _ => Err(FieldError::invalid(
                "code",
                "a wheelchair needs WCHR, WCHS or WCHC",
            )),
        },
        VipRequestKind::MeetAssist => match code {
            None => Ok(Some(MEET_ASSIST_CODE.into())),
            Some(c) if c == MEET_ASSIST_CODE => Ok(Some(c)),
            Some(_) => Err(FieldError::invalid("code", "meet-and-assist is MAAS")),
        },
        _ => match code {
            None => Ok(None),
            Some(c) if c.len() == 4 && c.chars().all(|ch| ch.is_ascii_uppercase()) => Ok(Some(c)),
            Some(_) => Err(FieldError::invalid("code", "an SSR code is four letters")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seat_numbers_are_read_in_any_width() {
        for (given, kept) in [
            ("12A", "12A"),
            (" 3k ", "3K"),
            ("１２Ａ", "12A"),
            ("１００ｃ", "100C"),
        ] {
            assert_eq!(seat_number(given), Ok(kept.to_string()), "{given}");
        }
        for bad in [
            "",
            "A12",
            "012A",
            "1234A",
            "12Z",
            "12",
            "十二A",
            "12A; DROP",
            "1\u{202e}2A",
        ] {
            assert!(seat_number(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn codes_follow_the_kind() {
        use VipRequestKind::*;
        assert_eq!(ssr_code(Wheelchair, Some("wchc")), Ok(Some("WCHC".into())));
        assert!(ssr_code(Wheelchair, None).is_err());
        assert!(ssr_code(Wheelchair, Some("MAAS")).is_err());
        assert_eq!(ssr_code(MeetAssist, None), Ok(Some("MAAS".into())));
        assert!(ssr_code(MeetAssist, Some("WCHR")).is_err());
        assert_eq!(ssr_code(Meal, Some("VGML")), Ok(Some("VGML".into())));
        assert_eq!(ssr_code(Lounge, Some("  ")), Ok(None));
        assert!(ssr_code(Meal, Some("V1ML")).is_err());
        assert!(ssr_code(Meal, Some("素食")).is_err());
    }
}
