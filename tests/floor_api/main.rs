//! The floor through the real server on both backends: who may see it,
//! a call carried through it, agents' own states, and a server that
//! starts again finding the day where it was, one agent's day, and who
//! waits.

#[path = "../common/mod.rs"]
mod common;

mod access;
mod calls;
mod day;
mod restart;
mod rig;
mod states;
mod supervisors;
mod waiting;

use access::*;
use calls::*;
use day::*;
use restart::*;
use states::*;
use supervisors::*;
use waiting::*;

common::backend_suite!(
    only_supervisors_see_the_floor,
    a_call_is_carried_through_the_floor,
    the_vip_line_feeds_the_vip_queue,
    agents_set_their_own_state,
    a_break_asked_on_a_call_begins_after_it,
    a_break_chosen_in_wrap_up_outlasts_the_disposition,
    a_restarted_server_finds_the_day,
    a_console_killed_on_a_call_leaves_no_phantom_call,
    a_supervisor_is_counted_only_by_their_own_choice,
    a_supervisor_reads_an_agents_day,
    only_supervisors_read_an_agents_day,
    a_name_no_agent_could_have_is_refused,
    an_agent_with_a_chinese_name_has_a_day,
    the_floor_lists_who_waits_and_a_restart_keeps_it,
);
