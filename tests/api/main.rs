//! The HTTP API on an ephemeral port, driven by the real client, on both
//! backends.

#[path = "../common/mod.rs"]
mod common;

mod calls;
mod centre_time;
mod fixtures;
mod lookup;
mod phones;
mod shared_numbers;
mod vip_rules;

use calls::*;
use centre_time::*;
use lookup::*;
use phones::*;
use shared_numbers::*;
use vip_rules::*;

common::backend_suite!(
    health_needs_no_token_but_everything_else_does,
    every_dialled_form_finds_the_same_traveller,
    garbage_numbers_are_4xx_problems_never_500,
    the_webhook_checks_its_secret_and_its_body,
    a_ringing_call_reaches_its_agent_with_the_profile,
    a_pbx_hangup_reaches_the_agent_the_call_was_offered_to,
    travellers_are_fetched_by_id,
    agents_add_the_number_a_traveller_calls_from,
    adding_a_phone_answers_with_the_right_status,
    a_shared_number_says_how_many_share_it_and_filters_reach_all,
    a_hostile_or_oversized_filter_is_a_400,
    the_server_names_its_zone_and_its_today_is_the_centres,
    entitlements_follow_the_travellers_segment,
    the_fee_rules_answer_for_the_travellers_level,
    hostile_fee_bodies_are_422_never_500,
    the_consoles_fee_question_is_answered_by_the_rules,
);
