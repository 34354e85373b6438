//! The VIP hotline's tools: the government change/refund fee calculator,
//! opened from a traveller on screen.

pub(super) mod fee_form;
pub(super) mod fee_input;
pub(super) mod fee_view;
pub(super) mod update;

#[cfg(test)]
mod tests;
