//! A traveller's preferences in words: each field's label and value, codes
//! with their plain-language meaning. The preferences form and the pane
//! beside the card on a wide terminal both say them this way.

use crate::domain::casework::{
    Preferences,
    codes::{ASSISTANCE_CODES, Code, MEAL_CODES},
};

/// A value's name on the wire (`over_wing`), spaced as words.
fn word<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s.replace('_', " "),
        _ => String::new(),
    }
}

/// `VGML (vegetarian, no dairy or eggs)`; an unknown code as itself.
pub fn with_meaning(codes: &[Code], code: &str) -> String {
    match codes.iter().find(|c| c.code == code) {
        Some(c) => format!("{code} ({})", c.meaning),
        None => code.to_string(),
    }
}

fn yes_no(value: bool) -> String {
    if value { "yes" } else { "no" }.into()
}

/// Each field's label and value in words, in the form's order: seat,
/// cabin zone, exit row, bulkhead, meal, assistance, remarks.
pub fn described(p: &Preferences) -> [(&'static str, String); 7] {
    [
        ("Seat", word(&p.seat)),
        (
            "Cabin zone",
            p.zone.map_or("no preference".into(), |z| word(&z)),
        ),
        ("Exit row acceptable", yes_no(p.exit_row)),
        ("Bulkhead", yes_no(p.bulkhead)),
        (
            "Meal",
            p.meal
                .as_deref()
                .map_or("none".into(), |m| with_meaning(MEAL_CODES, m)),
        ),
        (
            "Assistance",
            if p.assistance.is_empty() {
                "none".into()
            } else {
                p.assistance
                    .iter()
                    .map(|a| with_meaning(ASSISTANCE_CODES, a))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        ),
        ("Remarks", p.remarks.clone()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::casework::{Seat, Zone};

    #[test]
    fn codes_are_said_with_their_meaning_and_values_as_words() {
        let p = Preferences {
            seat: Seat::Aisle,
            zone: Some(Zone::OverWing),
            exit_row: true,
            meal: Some("VGML".into()),
            assistance: vec!["WCHR".into(), "XXXX".into()],
            ..Preferences::default()
        };
        let said = described(&p);
        assert_eq!(said[0], ("Seat", "aisle".to_string()));
        assert_eq!(said[1], ("Cabin zone", "over wing".to_string()));
        assert_eq!(said[2].1, "yes");
        assert!(said[4].1.starts_with("VGML (") && said[4].1.len() > 8);
        assert!(said[5].1.starts_with("WCHR (") && said[5].1.ends_with(", XXXX"));
        assert_eq!(described(&Preferences::default())[4].1, "none");
    }
}
