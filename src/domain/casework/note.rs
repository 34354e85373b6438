//! Booking notes: remarks on a traveller, like a PNR's, kept forever. A
//! note is never edited; a correction is a new note naming the one it
//! corrects.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::free_text::{FieldError, TextRule};

pub const NOTE_TEXT: TextRule = TextRule::lines("text", 4000).required();
const PNR: TextRule = TextRule::line("pnr", 16);

/// A stored note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub id: i64,
    pub traveller_id: i64,
    pub text: String,
    /// The booking it is about (a PNR, upper case).
    pub pnr: Option<String>,
    /// The flight of the traveller's it is about.
    pub flight_id: Option<i64>,
    /// The note this one corrects.
    pub corrects: Option<i64>,
    pub author: String,
    pub created_at: DateTime<Utc>,
}

/// A note to add, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNote {
    pub text: String,
    pub pnr: Option<String>,
    pub flight_id: Option<i64>,
    pub corrects: Option<i64>,
    pub author: String,
}

impl NewNote {
    /// Checks what an agent sent: the text (required, at most 4,000
    /// characters, line breaks allowed, card numbers masked), a booking
    /// reference of 5 to 8 letters and digits, ids above zero.
    pub fn checked(
        author: &str,
        text: &str,
        pnr: Option<&str>,
        flight_id: Option<i64>,
        corrects: Option<i64>,
    ) -> Result<NewNote, FieldError> {
        let text = NOTE_TEXT.check(text)?;
        let pnr = PNR
            .check_optional(pnr)?
            .map(|p| checked_pnr(&p))
            .transpose()?;
        let positive = |field: &'static str, id: Option<i64>| match id {
            Some(id) if id < 1 => Err(FieldError::invalid(
                field,
                "an id is a whole number from 1 up",
            )),
            other => Ok(other),
        };
        Ok(NewNote {
            text,
            pnr,
            flight_id: positive("flight_id", flight_id)?,
            corrects: positive("corrects", corrects)?,
            author: author.to_string(),
        })
    }
}

/// A booking reference: 5 to 8 ASCII letters and digits, kept upper case.
pub fn checked_pnr(pnr: &str) -> Result<String, FieldError> {
    let len = pnr.chars().count();
    if !(5..=8).contains(&len) || !pnr.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(FieldError::invalid(
            "pnr",
            "a booking reference is 5 to 8 letters and digits, such as K7M2QX",
        ));
    }
    Ok(pnr.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_checked_field_by_field() {
        let note = NewNote::checked(
            "ann",
            " 靠窗 \n 4111 1111 1111 1111 ",
            Some("k7m2qx"),
            Some(3),
            None,
        )
        .expect("valid");
        assert_eq!(note.text, "靠窗 \n **** **** **** 1111");
        assert_eq!(note.pnr.as_deref(), Some("K7M2QX"));
        let field = |r: Result<NewNote, FieldError>| match r {
            Err(FieldError::Invalid { field, .. })
            | Err(FieldError::Required { field })
            | Err(FieldError::Control { field })
            | Err(FieldError::TooLong { field, .. }) => field,
            Ok(_) => "ok",
        };
        assert_eq!(field(NewNote::checked("a", "", None, None, None)), "text");
        assert_eq!(
            field(NewNote::checked("a", "x", Some("K7M 2Q"), None, None)),
            "pnr"
        );
        assert_eq!(
            field(NewNote::checked("a", "x", Some("ＫＭ２ＱＸ７"), None, None)),
            "pnr"
        );
        assert_eq!(
            field(NewNote::checked("a", "x", None, Some(0), None)),
            "flight_id"
        );
        assert_eq!(
            field(NewNote::checked("a", "x", None, None, Some(-4))),
            "corrects"
        );
        assert_eq!(
            field(NewNote::checked("a", "\u{202e}x", None, None, None)),
            "text"
        );
        assert_eq!(
            field(NewNote::checked("a", &"x".repeat(4001), None, None, None)),
            "text"
        );
        assert_eq!(
            field(NewNote::checked("a", "x", Some(" "), None, None)),
            "ok"
        );
    }
}
