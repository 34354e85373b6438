//! Who calls: mostly known travellers (in every dialled form), some shared
//! numbers, some unknown, withheld or garbage caller IDs, drawn from the
//! demo data the server holds.

use std::sync::Arc;

use rand::Rng;

use crate::domain::ContactNumber;

/// The numbers of the demo traveller with this id (1 and up), as the
/// server holds them: the demo data's own rules, given by whoever starts
/// the simulator.
pub type DemoNumbers = Arc<dyn Fn(i64) -> Vec<ContactNumber> + Send + Sync>;

/// Draws caller IDs from the demo travellers with ids up to `travellers`.
#[derive(Clone)]
pub struct Callers {
    numbers: DemoNumbers,
    travellers: i64,
}

impl Callers {
    pub fn new(numbers: DemoNumbers, travellers: i64) -> Self {
        Self {
            numbers,
            travellers: travellers.max(1),
        }
    }

    /// A caller ID, and what kind it is (for logs).
    pub fn draw(&self, rng: &mut impl Rng) -> (String, &'static str) {
        let roll = rng.random_range(0..100);
        match roll {
            0..=64 => {
                let phones = (self.numbers)(rng.random_range(1..=self.travellers));
                let Some(first) = phones.first() else {
                    return ("anonymous".into(), "withheld");
                };
                let style = rng.random_range(0..6);
                (dialled_form(&first.e164, style), "known")
            }
            65..=79 => {
                // Shared numbers: a family home line, a switchboard or an assistant.
                let id = rng.random_range(1..=self.travellers.max(26) / 25) * 25;
                let phones = (self.numbers)(id.min(self.travellers));
                let shared = phones
                    .iter()
                    .find(|p| p.label != "mobile" && p.label != "second mobile")
                    .or(phones.first());
                match shared {
                    Some(p) => (p.e164.to_string(), "shared"),
                    None => ("anonymous".into(), "withheld"),
                }
            }
            80..=89 => (
                format!("+86139{:08}", rng.random_range(0..100_000_000u32)),
                "unknown",
            ),
            90..=95 => ("anonymous".into(), "withheld"),
            _ => ("1'; DROP TABLE travellers;--".into(), "garbage"),
        }
    }
}

/// Writes an E.164 number the way a person or PBX might dial it.
fn dialled_form(e164: &str, style: u32) -> String {
    let digits = e164.trim_start_matches('+');
    match style {
        0 => e164.to_string(),
        1 => format!("00{digits}"),
        2 if e164.starts_with("+86") => digits[2..].to_string(),
        3 => format!("tel:{e164}"),
        4 => e164
            .chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)
                } else {
                    c
                }
            })
            .collect(),
        _ => e164.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{DefaultRegion, phone::normalise};

    #[test]
    fn every_dialled_form_normalises_back() {
        for style in 0..6 {
            let form = dialled_form("+8613800138000", style);
            assert_eq!(
                normalise(&form, DefaultRegion::default()).as_deref(),
                Ok("+8613800138000"),
                "{form}"
            );
        }
        assert_eq!(
            normalise(&dialled_form("+447911123456", 4), DefaultRegion::default()).as_deref(),
            Ok("+447911123456")
        );
    }
}
