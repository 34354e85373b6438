//! The fields of the preferences form, in their order, and the values a
//! field with a fixed choice steps through.

use crate::domain::casework::{Seat, Zone};

pub const SEATS: [Seat; 3] = [Seat::None, Seat::Window, Seat::Aisle];
pub const ZONES: [Option<Zone>; 4] = [
    None,
    Some(Zone::Front),
    Some(Zone::OverWing),
    Some(Zone::Rear),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PreferenceField {
    Seat,
    Zone,
    ExitRow,
    Bulkhead,
    Meal,
    Assistance,
    Remarks,
}

impl PreferenceField {
    pub const ORDER: [PreferenceField; 7] = [
        PreferenceField::Seat,
        PreferenceField::Zone,
        PreferenceField::ExitRow,
        PreferenceField::Bulkhead,
        PreferenceField::Meal,
        PreferenceField::Assistance,
        PreferenceField::Remarks,
    ];

    /// The field's name in the server's refusals (`meal: …`).
    pub(in crate::console::app) fn wire_name(self) -> &'static str {
        match self {
            PreferenceField::Seat => "seat",
            PreferenceField::Zone => "zone",
            PreferenceField::ExitRow => "exit_row",
            PreferenceField::Bulkhead => "bulkhead",
            PreferenceField::Meal => "meal",
            PreferenceField::Assistance => "assistance",
            PreferenceField::Remarks => "remarks",
        }
    }
}

/// Moves `value` to the next (or previous) of `values`, round the end.
pub(in crate::console::app) fn step<T: Copy + PartialEq>(
    values: &[T],
    value: &mut T,
    forward: bool,
) -> bool {
    let at = values.iter().position(|v| v == value).unwrap_or(0);
    match crate::console::selection::wrap_step(at, values.len(), forward) {
        Some(next) => {
            *value = values[next];
            true
        }
        None => false,
    }
}
