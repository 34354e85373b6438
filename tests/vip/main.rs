//! VIP service requests and follow-ups: the lifecycle and the hold expiry
//! sweep in the store, the routes with their roles (the reservation
//! system's integration role above all) and bad input, on both backends.

#[path = "../common/mod.rs"]
mod common;
#[path = "../casework/fixtures.rs"]
mod fixtures;

mod bodies;
mod follow_ups;
mod integration;
mod pop_prompts;
mod rig;
mod routes;
mod store_requests;
mod sweep;

use bodies::*;
use follow_ups::*;
use integration::*;
use pop_prompts::*;
use routes::*;
use store_requests::*;
use sweep::*;

common::backend_suite!(
    a_request_follows_its_lifecycle_in_the_store,
    a_request_names_only_the_travellers_own_flights,
    a_confirm_after_the_release_time_is_refused_saying_when,
    the_sweep_expires_each_hold_once,
    a_partly_expired_hold_stays_requested,
    holds_on_flights_of_one_number_and_day_each_expire_once,
    an_expired_hold_reaches_its_owners_stream,
    vip_request_routes_log_read_change_and_act,
    patch_changes_only_a_requested_request,
    writes_are_for_the_hotline_and_supervisors,
    the_entitlement_gate_refuses_and_only_a_supervisor_overrides,
    the_integration_role_only_confirms_releases_and_cancels,
    bad_vip_request_bodies_are_refused_never_500,
    follow_ups_are_added_listed_due_first_and_changed,
    follow_up_roles_and_bad_bodies,
    pending_requests_and_follow_ups_are_prompted_on_the_pop,
);
