//! VIP service requests: the form that logs one (a seat hold on several
//! flights with their release times, a seat lock, a wheelchair, …) from
//! a traveller's profile, the release times typed on the centre's clocks.

pub(super) mod on_file;
pub(super) mod release_time;
pub(super) mod update;
pub(super) mod vip_form;
pub(super) mod vip_form_view;
pub(super) mod vip_picking;
pub(super) mod vip_request_body;

#[cfg(test)]
mod tests;
