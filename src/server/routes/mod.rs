mod callers;
mod calls;
mod complaints;
mod events;
mod flights;
mod floor;
mod follow_ups;
mod health;
mod history;
mod notes;
mod phones;
mod preferences;
mod search;
mod traveller_lists;
mod vip_action_body;
mod vip_requests;
mod vip_rules;
mod wrap_up;

use axum::{
    Router,
    routing::{get, post},
};

use super::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/api/v1/me", get(health::me))
        .route("/api/v1/callers/{number}", get(callers::lookup))
        .route("/api/v1/travellers", get(search::travellers))
        .route("/api/v1/travellers/{id}", get(callers::traveller))
        .route("/api/v1/travellers/{id}/phones", post(phones::add))
        .route(
            "/api/v1/travellers/{id}/notes",
            get(traveller_lists::list::<traveller_lists::Notes>).post(notes::add),
        )
        .route("/api/v1/notes/{id}", get(notes::read))
        .route("/api/v1/travellers/{id}/history", get(history::list))
        .route(
            "/api/v1/travellers/{id}/entitlements",
            get(vip_rules::entitlements),
        )
        .route("/api/v1/fee-rules/evaluate", post(vip_rules::evaluate))
        .route("/api/v1/travellers/{id}/flights", get(flights::list))
        .route(
            "/api/v1/complaint-categories",
            get(flights::complaint_categories),
        )
        .route(
            "/api/v1/travellers/{id}/complaints",
            get(traveller_lists::list::<traveller_lists::Complaints>).post(complaints::open),
        )
        .route(
            "/api/v1/complaints/{id}",
            get(complaints::read).patch(complaints::change),
        )
        .route(
            "/api/v1/travellers/{id}/preferences",
            get(preferences::read).put(preferences::save),
        )
        .route("/api/v1/calls/events", post(calls::webhook))
        .route("/api/v1/calls/{call_id}", get(calls::details))
        .route("/api/v1/calls/{call_id}/answer", post(calls::answer))
        .route("/api/v1/calls/{call_id}/hangup", post(calls::hangup))
        .route("/api/v1/calls/{call_id}/wrap-up", post(wrap_up::wrap_up))
        .route("/api/v1/events", get(events::stream))
        .route("/api/v1/floor", get(floor::floor))
        .route("/api/v1/floor/agents/{name}", get(floor::agent_day))
        .route(
            "/api/v1/me/state",
            get(floor::read_my_state).put(floor::my_state),
        )
        .route("/api/v1/agents/events", post(floor::agent_event))
        .route(
            "/api/v1/travellers/{id}/vip-requests",
            get(vip_requests::list).post(vip_requests::log),
        )
        .route(
            "/api/v1/vip-requests/{id}",
            get(vip_requests::read).patch(vip_requests::change),
        )
        .route(
            "/api/v1/vip-requests/{id}/confirm",
            post(vip_requests::confirm),
        )
        .route(
            "/api/v1/vip-requests/{id}/release",
            post(vip_requests::release),
        )
        .route(
            "/api/v1/vip-requests/{id}/cancel",
            post(vip_requests::cancel),
        )
        .route(
            "/api/v1/follow-ups",
            get(follow_ups::list).post(follow_ups::add),
        )
        .route(
            "/api/v1/follow-ups/{id}",
            get(follow_ups::read).patch(follow_ups::change),
        )
        .fallback(health::not_found)
}
