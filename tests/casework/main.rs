//! The agent's work: notes, preferences, complaints with service
//! recovery, the contact history and wrap-up, in the store and over HTTP,
//! on both backends.

#[path = "../common/mod.rs"]
mod common;

mod complaint_categories;
mod complaint_routes;
mod complaints;
mod fixtures;
mod notes;
mod preferences;
mod prompts;
mod wrap_up;

use complaint_categories::*;
use complaint_routes::*;
use complaints::*;
use notes::*;
use preferences::*;
use prompts::*;
use wrap_up::*;

common::backend_suite!(
    notes_append_newest_first_in_pages,
    notes_point_only_at_the_travellers_own_records,
    a_note_and_its_history_entry_are_one_write,
    note_routes_check_input_roles_and_retries,
    one_note_is_read_whole_by_its_id,
    hostile_and_huge_notes_are_refused_or_masked,
    preferences_are_versioned_in_the_store,
    preference_routes_check_versions_and_input,
    complaints_follow_the_lifecycle_in_the_store,
    a_delayed_flight_complaint_proposes_recovery_over_http,
    a_recovery_beyond_the_policy_is_refused_naming_the_part,
    complaint_routes_check_input_and_roles,
    complaint_categories_come_from_the_settings,
    a_category_the_centre_made_reaches_the_pop,
    a_call_is_wrapped_up_once_into_the_history,
    wrap_up_checks_input_and_who,
    a_call_never_taken_is_missed_in_the_history,
    history_is_one_timeline_newest_first_in_pages,
    a_silent_disruption_is_prompted_until_a_complaint_is_logged,
);

mod races {
    use super::*;

    common::backend_suite!(
        multi_thread;
        two_agents_racing_on_preferences_one_wins,
        the_console_that_loses_a_preferences_race_shows_theirs_and_yours,
    );
}
