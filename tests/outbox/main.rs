//! The console's outbox against a real server on both backends: a write
//! made while the server is down waits in a real SQLite file and is
//! delivered exactly once when it returns, also after the outbox was
//! closed and reopened and after an answer was lost; a refusal for good is
//! reported; another user's writes stay where they are.

#[path = "../common/mod.rs"]
mod common;

mod cards;
mod delivery;
mod drafts;
mod files;
mod fixtures;

use delivery::*;

common::backend_suite!(
    a_write_waits_while_the_server_is_down_and_is_delivered_once_when_it_returns,
    writes_left_in_a_closed_outbox_are_delivered_once_after_reopening,
    an_answer_lost_after_the_server_applied_the_write_adds_nothing_twice,
    a_write_the_server_cannot_take_yet_waits_and_goes_once,
    writes_refused_for_good_leave_the_outbox_and_are_reported,
    another_users_writes_are_never_sent,
    writes_on_many_travellers_go_together_each_once_and_in_order_per_traveller_when_answers_are_lost,
    a_kept_write_is_told_and_a_stopped_outbox_hands_writes_back,
);
