//! Demo phone numbers: valid by libphonenumber's rules, in the form the
//! loyalty system would hand them over.

use rand::{Rng, rngs::SmallRng};

use crate::{
    domain::{DefaultRegion, phone::normalise},
    store::NewPhone,
};

/// Number types, each known to be valid for libphonenumber's metadata.
#[derive(Clone, Copy)]
pub(super) enum Country {
    Cn,
    Hk,
    Sg,
    Gb,
    Us,
    De,
}

/// A number that libphonenumber accepts. Allocations have gaps at every
/// prefix length, so draw until the metadata agrees.
pub(super) fn phone(rng: &mut SmallRng, country: Country, label: &str) -> Option<NewPhone> {
    (0..8).find_map(|_| stored(candidate_phone(rng, country), label))
}

/// A generated number as the loyalty system would hand it over: normalised,
/// with the form it was given in.
pub(super) fn stored(dialled: String, label: &str) -> Option<NewPhone> {
    let e164 = normalise(&dialled, DefaultRegion::default()).ok()?;
    Some(NewPhone {
        e164,
        dialled: Some(dialled),
        label: label.into(),
    })
}

pub(super) fn candidate_phone(rng: &mut SmallRng, country: Country) -> String {
    match country {
        Country::Cn => {
            let prefix = [
                "138", "139", "135", "136", "137", "150", "151", "158", "186", "188",
            ][rng.random_range(0..10)];
            format!("+86{prefix}{:08}", rng.random_range(0..100_000_000u32))
        }
        Country::Hk => format!(
            "+8529{}{:06}",
            rng.random_range(0..9u32),
            rng.random_range(0..1_000_000u32)
        ),
        Country::Sg => format!(
            "+65{}{:07}",
            ["8", "9"][rng.random_range(0..2)],
            rng.random_range(1_000_000..10_000_000u32)
        ),
        Country::Gb => format!(
            "+447{}{:08}",
            ["4", "5", "8", "9"][rng.random_range(0..4)],
            rng.random_range(0..100_000_000u32)
        ),
        Country::Us => {
            let area = ["212", "415", "646", "312", "617", "206"][rng.random_range(0..6)];
            format!(
                "+1{area}{}{:06}",
                rng.random_range(2..10u32),
                rng.random_range(200_000..1_000_000u32)
            )
        }
        Country::De => format!(
            "+49{}{:08}",
            ["151", "160", "170", "176"][rng.random_range(0..4)],
            rng.random_range(0..100_000_000u32)
        ),
    }
}

/// A switchboard number per corporate account, shared by its travellers.
pub(super) fn switchboard(account: usize) -> String {
    format!("+8610{:08}", 65_000_000 + account * 1111)
}
